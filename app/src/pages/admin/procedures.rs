//! Configuración → Procedimiento (admin): the versions of the call guide's
//! procedure. A version is edited as its file (the same one `faro procedure
//! export` writes), validated, and published; calls in progress keep the
//! version they started with.

use super::settings_tabs::SettingsTabs;
use crate::api::guide::{
    ProcedureText, VersionView, copy_version, import_version, publish_version, save_version_text,
    validate_text, version, version_text, versions,
};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::domain::cases::VersionStatus;
use crate::domain::local_time::format_date_time;
use crate::paths::page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

const IMPORT_INPUT: &str = "importar-procedimiento";

#[component]
pub fn ProceduresPage() -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let listed = LocalResource::new(versions);
    let selected = RwSignal::new(None::<i64>);
    let message = RwSignal::new(None::<(bool, String)>);
    let importing = RwSignal::new(false);

    let import = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        importing.set(true);
        spawn_local(async move {
            match import_version(IMPORT_INPUT, &csrf.get_value()).await {
                Ok(view) => {
                    message.set(Some((
                        true,
                        format!("Importado como borrador, versión {}.", view.summary.number),
                    )));
                    selected.set(Some(view.summary.id));
                    listed.refetch();
                }
                Err(err) => message.set(Some((false, err.message()))),
            }
            importing.set(false);
        });
    };

    view! {
        <Page title="Configuración" path=page::SETTINGS_PROCEDURES>
            <SettingsTabs />
            <section class="panel" aria-labelledby="versiones-titulo">
                <div class="panel-header">
                    <h2 id="versiones-titulo">"Versiones del procedimiento"</h2>
                    <form class="inline-form" on:submit=import novalidate>
                        <label for=IMPORT_INPUT>"Importar archivo como borrador"</label>
                        <input id=IMPORT_INPUT type="file" accept=".toml,text/plain" required />
                        <button type="submit" class="button" disabled=move || importing.get()>"Importar"</button>
                    </form>
                </div>
                <p role="status" class=move || match message.get() { Some((true, _)) => "form-success", _ => "form-error" }>
                    {move || message.get().map(|(_, m)| m)}
                </p>
                <Suspense fallback=|| view! { <Loading label="Cargando versiones…" /> }>
                    {move || Suspend::new(async move {
                        match listed.await {
                            Err(err) => view! { <ErrorPanel title="No se pudieron cargar las versiones" message=err.message() retry=true /> }.into_any(),
                            Ok(list) => view! {
                                <div class="table-wrap">
                                    <table class="table">
                                        <caption class="visually-hidden">"Versiones"</caption>
                                        <thead><tr>
                                            <th scope="col">"Versión"</th>
                                            <th scope="col">"Estado"</th>
                                            <th scope="col">"Título"</th>
                                            <th scope="col">"Aprobación"</th>
                                            <th scope="col">"Elaboró / aprobó"</th>
                                            <th scope="col">"Llamadas"</th>
                                            <th scope="col">"Acciones"</th>
                                        </tr></thead>
                                        <tbody>
                                            {list.into_iter().map(|v| {
                                                let id = v.id;
                                                let status_class = match v.status {
                                                    VersionStatus::Publicada => "badge badge--ok",
                                                    VersionStatus::Borrador => "badge badge--info",
                                                    VersionStatus::Retirada => "badge",
                                                };
                                                view! {
                                                    <tr class:row--selected=move || selected.get() == Some(id)>
                                                        <td>{v.number}</td>
                                                        <td><span class=status_class>{v.status.label()}</span></td>
                                                        <td>{v.title.clone()}</td>
                                                        <td>{v.approved_on.format("%d/%m/%Y").to_string()}</td>
                                                        <td>{format!("{} / {}", v.author, v.approver)}</td>
                                                        <td>{v.interactions}</td>
                                                        <td class="actions">
                                                            <button type="button" class="button button--small" on:click=move |_| selected.set(Some(id))>
                                                                {if v.status == VersionStatus::Borrador { "Editar" } else { "Ver" }}
                                                            </button>
                                                            <button type="button" class="button button--small" on:click=move |_| {
                                                                spawn_local(async move {
                                                                    match copy_version(id, &csrf.get_value()).await {
                                                                        Ok(view) => {
                                                                            message.set(Some((true, format!("Borrador versión {} creado.", view.summary.number))));
                                                                            selected.set(Some(view.summary.id));
                                                                            listed.refetch();
                                                                        }
                                                                        Err(err) => message.set(Some((false, err.message()))),
                                                                    }
                                                                });
                                                            }>"Copiar a borrador"</button>
                                                        </td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
            {move || selected.get().map(|id| view! {
                <VersionEditor id on_change=Callback::new(move |()| listed.refetch()) />
            })}
        </Page>
    }
}

#[component]
fn VersionEditor(id: i64, on_change: Callback<()>) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let loaded = LocalResource::new(move || async move {
        let view = version(id).await?;
        let text = version_text(id).await?;
        Ok::<_, crate::api::client::ClientError>((view, text.text))
    });
    view! {
        <Suspense fallback=|| view! { <Loading label="Abriendo la versión…" /> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok((view, text)) => view! { <Editor view text csrf on_change /> }.into_any(),
                    Err(err) => view! { <ErrorPanel title="No se pudo abrir la versión" message=err.message() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(
    view: VersionView,
    text: String,
    csrf: StoredValue<String>,
    on_change: Callback<()>,
) -> impl IntoView {
    let current = RwSignal::new(view);
    let text = RwSignal::new(text);
    let problems = RwSignal::new(current.get_untracked().problems.clone());
    let message = RwSignal::new(None::<(bool, String)>);
    let busy = RwSignal::new(false);
    let id = current.get_untracked().summary.id;
    let draft = move || current.with(|v| v.summary.status == VersionStatus::Borrador);

    let validate = move |_| {
        busy.set(true);
        spawn_local(async move {
            match validate_text(
                &ProcedureText {
                    text: text.get_untracked(),
                },
                &csrf.get_value(),
            )
            .await
            {
                Ok(report) => {
                    message.set(Some((
                        report.valid,
                        if report.valid {
                            "El procedimiento es válido.".into()
                        } else {
                            format!("{} problema(s).", report.problems.len())
                        },
                    )));
                    problems.set(report.problems);
                }
                Err(err) => message.set(Some((false, err.message()))),
            }
            busy.set(false);
        });
    };
    let save = move |_| {
        busy.set(true);
        spawn_local(async move {
            match save_version_text(
                id,
                &ProcedureText {
                    text: text.get_untracked(),
                },
                &csrf.get_value(),
            )
            .await
            {
                Ok(view) => {
                    message.set(Some((true, "Borrador guardado.".into())));
                    problems.set(view.problems.clone());
                    current.set(view);
                    on_change.run(());
                }
                Err(err) => message.set(Some((false, err.message()))),
            }
            busy.set(false);
        });
    };
    let publish = move |_| {
        busy.set(true);
        spawn_local(async move {
            match publish_version(id, &csrf.get_value()).await {
                Ok(view) => {
                    message.set(Some((
                        true,
                        format!(
                            "Versión {} publicada: las llamadas nuevas la siguen.",
                            view.summary.number
                        ),
                    )));
                    problems.set(Vec::new());
                    current.set(view);
                    on_change.run(());
                }
                Err(err) => message.set(Some((false, err.message()))),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="panel procedure-editor" aria-labelledby="version-titulo">
            <div class="panel-header">
                <h2 id="version-titulo">
                    {move || current.with(|v| format!("Versión {} · {}", v.summary.number, v.summary.status.label()))}
                </h2>
                <a class="button button--small" download=move || current.with(|v| format!("procedimiento-v{}.toml", v.summary.number))
                    href=move || format!("data:text/plain;charset=utf-8,{}", crate::paths::encode_query_value(&text.get()))>
                    "Exportar archivo"
                </a>
            </div>
            <p class="muted">
                {move || current.with(|v| format!(
                    "{} · aprobado el {} · elaboró {} · aprobó {}{}",
                    v.summary.title, v.summary.approved_on.format("%d/%m/%Y"), v.summary.author, v.summary.approver,
                    v.summary.published_at.map(|at| format!(" · publicada el {}", format_date_time(at))).unwrap_or_default()
                ))}
            </p>
            <div class="two-columns">
                <div>
                    <h3>"Pasos"</h3>
                    <ol class="procedure-outline">
                        {move || current.with(|v| v.procedure.steps.iter().map(|s| {
                            let targets = s.next.iter().map(|b| b.to.clone()).collect::<Vec<_>>().join(", ");
                            view! {
                                <li>
                                    <strong>{format!("{}. {}", s.number, s.title)}</strong>
                                    <span class="muted">{format!(" ({}) · {} campos", s.id, s.fields.len())}</span>
                                    {(!targets.is_empty()).then(|| view! { <span class="muted">{format!(" → {targets}")}</span> })}
                                    {s.end.then(|| view! { <span class="badge badge--ok">"cierre"</span> })}
                                </li>
                            }
                        }).collect_view())}
                    </ol>
                    <h3>"Validación"</h3>
                    {move || {
                        let list = problems.get();
                        if list.is_empty() {
                            view! { <p class="form-success">"Sin problemas: todos los caminos terminan en el cierre."</p> }.into_any()
                        } else {
                            view! { <ul class="guide-problems" aria-label="Problemas">{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> }.into_any()
                        }
                    }}
                </div>
                <div class="field">
                    <label for="archivo-procedimiento">"Archivo del procedimiento (TOML)"</label>
                    <textarea id="archivo-procedimiento" class="code-editor" rows="28" spellcheck="false"
                        readonly=move || !draft()
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    <p class="field-hint">{move || if draft() {
                        "Edite el archivo y valide antes de guardar. Se puede guardar con problemas; se publica sin ellos."
                    } else {
                        "Las versiones publicadas y retiradas no se editan: copie la versión a un borrador."
                    }}</p>
                </div>
            </div>
            <p role="status" class=move || match message.get() { Some((true, _)) => "form-success", _ => "form-error" }>
                {move || message.get().map(|(_, m)| m)}
            </p>
            <div class="button-row">
                <button type="button" class="button" disabled=move || busy.get() on:click=validate>"Validar"</button>
                {move || draft().then(|| view! {
                    <button type="button" class="button" disabled=move || busy.get() on:click=save>"Guardar borrador"</button>
                    <button type="button" class="button button--primary" disabled=move || busy.get() on:click=publish>"Publicar"</button>
                })}
            </div>
        </section>
    }
}
