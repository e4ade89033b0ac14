//! Bases for those who manage them: import a file (with progress and a
//! per-line report), see each base's counters, pause and resume it.

use crate::api::bases::{
    BaseView, ImportBaseQuery, ImportStatus, ImportView, UpdateBaseRequest, get_import, list_bases,
    update_base, upload_base,
};
use crate::api::users::list_teams;
use crate::components::base_settings::BaseSettingsForm;
use crate::components::feedback::{ErrorPanel, Loading};
use crate::domain::bases::{BaseKind, BaseStatus};
use crate::domain::local_time::format_date_time;
use crate::domain::role::{Capability, Role};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

const FILE_INPUT_ID: &str = "archivo-base";

#[component]
pub fn BasesPanel() -> impl IntoView {
    let session = use_session();
    let can_manage = session.user.role.can(Capability::ManageBases);
    let bases = LocalResource::new(list_bases);
    let refresh = Callback::new(move |()| bases.refetch());
    // Outside the table, so the form stays open while the list refreshes.
    let editing = RwSignal::new(None::<BaseView>);

    view! {
        {can_manage.then(|| view! { <ImportForm on_finished=refresh /> })}
        <section class="panel" aria-labelledby="bases-titulo">
            <h2 id="bases-titulo">"Bases"</h2>
            <Transition fallback=|| view! { <Loading label="Cargando bases…" /> }>
                {move || Suspend::new(async move {
                    match bases.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty">"Todavía no hay bases. Importe un archivo para empezar."</p>
                        }.into_any(),
                        Ok(list) => view! { <BasesTable list can_manage on_changed=refresh editing /> }.into_any(),
                        Err(err) => view! {
                            <ErrorPanel title="No fue posible cargar las bases" message=err.message() retry=true />
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
        {move || editing.get().map(|base| view! {
            <BaseSettingsForm base on_saved=refresh on_close=Callback::new(move |()| editing.set(None)) />
        })}
    }
}

#[component]
fn BasesTable(
    list: Vec<BaseView>,
    can_manage: bool,
    on_changed: Callback<()>,
    editing: RwSignal<Option<BaseView>>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let error = RwSignal::new(None::<String>);
    let set_status = move |id: i64, status: BaseStatus| {
        let request = UpdateBaseRequest {
            status: Some(status),
            ..Default::default()
        };
        spawn_local(async move {
            match update_base(id, &request, &csrf.get_value()).await {
                Ok(_) => on_changed.run(()),
                Err(err) => error.set(Some(err.message())),
            }
        });
    };
    view! {
        <p class="form-error" role="alert">{move || error.get()}</p>
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">"Bases y su avance"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Base"</th>
                        <th scope="col">"Tipo"</th>
                        <th scope="col">"Equipos"</th>
                        <th scope="col">"Estado"</th>
                        <th scope="col" class="num">"Pendientes"</th>
                        <th scope="col" class="num">"En gestión"</th>
                        <th scope="col" class="num">"Contactados"</th>
                        <th scope="col" class="num">"Cerrados"</th>
                        <th scope="col">"Vigencia"</th>
                        {can_manage.then(|| view! { <th scope="col"><span class="visually-hidden">"Acciones"</span></th> })}
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|base| {
                        let id = base.id;
                        let vigencia = match (base.valid_from, base.valid_to) {
                            (None, None) => "Sin límite".to_string(),
                            (from, to) => format!(
                                "{} – {}",
                                from.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "…".into()),
                                to.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "…".into()),
                            ),
                        };
                        let (label, next) = match base.status {
                            BaseStatus::Activa => ("Pausar", BaseStatus::Pausada),
                            _ => ("Reanudar", BaseStatus::Activa),
                        };
                        let action_label = format!("{label} la base {}", base.name);
                        let rules_label = format!("Reglas de la base {}", base.name);
                        let for_edit = base.clone();
                        view! {
                            <tr>
                                <th scope="row">{base.name.clone()}</th>
                                <td>{base.kind.label()}</td>
                                <td>{base.teams.iter().map(|t| t.name.clone()).collect::<Vec<_>>().join(", ")}</td>
                                <td><span class=format!("status status--{}", base.status.code().to_lowercase())>{base.status.label()}</span></td>
                                <td class="num">{base.counters.pendientes}</td>
                                <td class="num">{base.counters.en_gestion}</td>
                                <td class="num">{base.counters.contactados}</td>
                                <td class="num">{base.counters.cerrados}</td>
                                <td>{vigencia}</td>
                                {can_manage.then(|| view! {
                                    <td class="actions">
                                        <button type="button" class="button button--small" aria-label=action_label
                                            on:click=move |_| set_status(id, next)>
                                            {label}
                                        </button>
                                        <button type="button" class="button button--small" aria-label=rules_label
                                            on:click=move |_| editing.set(Some(for_edit.clone()))>
                                            "Reglas"
                                        </button>
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Uploading a base: the form, then a progress bar, then the result.
#[component]
fn ImportForm(on_finished: Callback<()>) -> impl IntoView {
    let session = use_session();
    let csrf = StoredValue::new(session.csrf_token.clone());
    let is_admin = session.user.role == Role::Admin;
    let teams = LocalResource::new(list_teams);
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(BaseKind::Fidelizacion.code().to_string());
    let chosen_teams = RwSignal::new(Vec::<String>::new());
    let valid_from = RwSignal::new(String::new());
    let valid_to = RwSignal::new(String::new());
    let file_name = RwSignal::new(None::<String>);
    let import = RwSignal::new(None::<ImportView>);
    let error = RwSignal::new(None::<String>);
    let uploading = RwSignal::new(false);

    let poll = move |id: i64| {
        spawn_local(async move {
            loop {
                match get_import(id).await {
                    Ok(view) => {
                        let done = view.status.is_finished();
                        import.set(Some(view));
                        if done {
                            on_finished.run(());
                            break;
                        }
                    }
                    Err(err) => {
                        error.set(Some(err.message()));
                        break;
                    }
                }
                #[cfg(feature = "hydrate")]
                gloo_timers::future::TimeoutFuture::new(400).await;
            }
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        if name.get_untracked().trim().is_empty() {
            error.set(Some("Escriba el nombre de la base.".into()));
            return;
        }
        let Some(file) = file_name.get_untracked() else {
            error.set(Some("Elija el archivo CSV de la base.".into()));
            return;
        };
        let query = ImportBaseQuery {
            nombre: name.get_untracked(),
            tipo_base: kind.get_untracked(),
            equipos: is_admin.then(|| chosen_teams.get_untracked().join(",")),
            archivo: Some(file),
            vigencia_desde: Some(valid_from.get_untracked()),
            vigencia_hasta: Some(valid_to.get_untracked()),
        };
        uploading.set(true);
        import.set(None);
        spawn_local(async move {
            match upload_base(&query, FILE_INPUT_ID, &csrf.get_value()).await {
                Ok(view) => {
                    let id = view.id;
                    let done = view.status.is_finished();
                    import.set(Some(view));
                    if done {
                        on_finished.run(());
                    } else {
                        poll(id);
                    }
                }
                Err(err) => error.set(Some(err.message())),
            }
            uploading.set(false);
        });
    };

    view! {
        <details class="panel disclosure" open=true>
            <summary>"Importar una base"</summary>
            <p class="muted">
                "Archivo CSV con encabezado (separado por coma o punto y coma; UTF-8 o Windows-1252). Columnas obligatorias: "
                <code>"cuenta, segmento, nombre, telefonos"</code>
                ". Opcionales: documento, ciudad, servicios, plan, antiguedad_meses, valor_mensual, motivo, nota_encuesta, fecha_evento, ofrecimientos, prioridad. El archivo se guarda completo o no se guarda; importarlo de nuevo no duplica clientes."
            </p>
            <form class="form-grid" on:submit=submit novalidate>
                <div class="field">
                    <label for="base-nombre">"Nombre de la base"</label>
                    <input id="base-nombre" bind:value=name placeholder="Ej.: Fidelización noviembre" />
                </div>
                <div class="field">
                    <label for="base-tipo">"Tipo de base"</label>
                    <select id="base-tipo" on:change=move |ev| kind.set(event_target_value(&ev))>
                        {BaseKind::ALL.iter().map(|k| view! { <option value=k.code()>{k.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="base-desde">"Vigente desde"</label>
                    <input id="base-desde" type="date" bind:value=valid_from />
                </div>
                <div class="field">
                    <label for="base-hasta">"Vigente hasta"</label>
                    <input id="base-hasta" type="date" bind:value=valid_to />
                </div>
                {is_admin.then(|| view! {
                    <fieldset class="field field--group">
                        <legend>"Equipos que la trabajan"</legend>
                        {move || teams.get().and_then(Result::ok).map(|teams| teams.into_iter().map(|team| {
                            let login = team.supervisor.login.clone();
                            let id = format!("equipo-{login}");
                            let label_for = id.clone();
                            let login_for_check = login.clone();
                            view! {
                                <label class="check" for=label_for>
                                    <input type="checkbox" id=id
                                        prop:checked=move || chosen_teams.get().contains(&login_for_check)
                                        on:change=move |ev| {
                                            let checked = event_target_checked(&ev);
                                            let login = login.clone();
                                            chosen_teams.update(|list| {
                                                list.retain(|l| *l != login);
                                                if checked { list.push(login); }
                                            });
                                        } />
                                    {format!("Equipo de {}", team.supervisor.name)}
                                </label>
                            }
                        }).collect_view())}
                    </fieldset>
                })}
                <div class="field">
                    <label for=FILE_INPUT_ID>"Archivo CSV"</label>
                    <input id=FILE_INPUT_ID type="file" accept=".csv,text/csv"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            let name = value.rsplit(['/', '\\']).next().unwrap_or_default().to_string();
                            file_name.set(Some(name).filter(|n| !n.is_empty()));
                        } />
                </div>
                <div class="form-actions">
                    <p class="form-error" role="alert">{move || error.get()}</p>
                    <button type="submit" class="button button--primary" disabled=move || uploading.get()>
                        {move || if uploading.get() { "Cargando archivo…" } else { "Importar" }}
                    </button>
                </div>
            </form>
            {move || import.get().map(|view| view! { <ImportProgressView import=view /> })}
        </details>
    }
}

#[component]
fn ImportProgressView(import: ImportView) -> impl IntoView {
    let percent = import.percent();
    let summary = match import.status {
        ImportStatus::Procesando => format!(
            "Procesando «{}»: {} de {} registros…",
            import.file_name, import.rows_processed, import.rows_total
        ),
        ImportStatus::Completada => format!(
            "Importación completada en la base «{}»: {} registros nuevos, {} ya estaban en la base.",
            import.base_name, import.rows_inserted, import.rows_duplicated
        ),
        ImportStatus::Rechazada => format!(
            "El archivo tiene {} problemas y no se importó nada. Corríjalos y vuelva a cargarlo.",
            import.errors_total
        ),
        ImportStatus::Fallida => {
            "La importación falló y no se guardó nada. Intente de nuevo.".to_string()
        }
    };
    let finished = import.finished_at.map(format_date_time);
    view! {
        <div class="import-result" role="status" aria-live="polite">
            <label for="progreso-importacion">"Avance de la importación"</label>
            <progress id="progreso-importacion" max="100" value=percent>{format!("{percent} %")}</progress>
            <p class=match import.status {
                ImportStatus::Completada => "form-success",
                ImportStatus::Procesando => "muted",
                _ => "form-error",
            }>{summary}</p>
            {finished.map(|at| view! { <p class="muted small">{format!("Terminó el {at}.")}</p> })}
            {(!import.errors.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="table">
                        <caption>"Problemas por línea"</caption>
                        <thead><tr><th scope="col">"Línea"</th><th scope="col">"Columna"</th><th scope="col">"Problema"</th></tr></thead>
                        <tbody>
                            {import.errors.iter().map(|e| view! {
                                <tr>
                                    <td class="num">{e.line}</td>
                                    <td>{e.column.clone().unwrap_or_else(|| "—".into())}</td>
                                    <td>{e.message.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(import.errors_total as usize > import.errors.len()).then(|| view! {
                    <p class="muted">{format!("Se muestran los primeros {} de {} problemas.", import.errors.len(), import.errors_total)}</p>
                })}
            })}
        </div>
    }
}
