//! Configuración → Tipificaciones (admin): the marcación catalog the guide
//! offers at step 7, edited one code at a time or imported from CSV
//! (`codigo,nombre,requerimiento,spc`). Codes are deactivated, never deleted.

use super::settings_tabs::SettingsTabs;
use crate::api::guide::{Typification, import_typifications, save_typification, typifications};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::paths::page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

const IMPORT_INPUT: &str = "importar-tipificaciones";
const REQUIREMENTS: [&str; 6] = [
    "SAC",
    "SOPORTE",
    "PQR",
    "VENTA",
    "RETENCION",
    "MIGRACION_FTTH",
];

#[component]
pub fn TypificationsPage() -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let listed = LocalResource::new(typifications);
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let requirement = RwSignal::new(String::new());
    let spc = RwSignal::new(false);
    let active = RwSignal::new(true);
    let message = RwSignal::new(None::<(bool, String)>);

    let edit = move |t: Typification| {
        code.set(t.code);
        name.set(t.name);
        requirement.set(t.requirement.unwrap_or_default());
        spc.set(t.spc);
        active.set(t.active);
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let item = Typification {
            code: code.get_untracked().trim().to_uppercase(),
            name: name.get_untracked(),
            requirement: Some(requirement.get_untracked()).filter(|r| !r.is_empty()),
            spc: spc.get_untracked(),
            active: active.get_untracked(),
        };
        if item.code.is_empty() {
            message.set(Some((false, "Escriba el código.".into())));
            return;
        }
        spawn_local(async move {
            match save_typification(&item, &csrf.get_value()).await {
                Ok(saved) => {
                    message.set(Some((
                        true,
                        format!("Tipificación {} guardada.", saved.code),
                    )));
                    listed.refetch();
                }
                Err(err) => message.set(Some((false, err.message()))),
            }
        });
    };
    let import = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            match import_typifications(IMPORT_INPUT, &csrf.get_value()).await {
                Ok(report) => {
                    message.set(Some((
                        true,
                        format!(
                            "Importadas: {} nuevas, {} actualizadas.",
                            report.created, report.updated
                        ),
                    )));
                    listed.refetch();
                }
                Err(err) => message.set(Some((false, err.message()))),
            }
        });
    };

    view! {
        <Page title="Configuración" path=page::SETTINGS_TYPIFICATIONS>
            <SettingsTabs />
            <div class="two-columns">
                <section class="panel" aria-labelledby="tipificacion-form">
                    <h2 id="tipificacion-form">"Crear o editar una tipificación"</h2>
                    <form on:submit=save novalidate>
                        <div class="field">
                            <label for="tip-codigo">"Código"</label>
                            <input id="tip-codigo" maxlength="40" bind:value=code />
                        </div>
                        <div class="field">
                            <label for="tip-nombre">"Nombre"</label>
                            <input id="tip-nombre" maxlength="200" bind:value=name />
                        </div>
                        <div class="field">
                            <label for="tip-requerimiento">"Requerimiento"</label>
                            <select id="tip-requerimiento" prop:value=move || requirement.get()
                                on:change=move |ev| requirement.set(event_target_value(&ev))>
                                <option value="">"(cualquiera)"</option>
                                {REQUIREMENTS.into_iter().map(|r| view! { <option value=r>{r}</option> }).collect_view()}
                            </select>
                        </div>
                        <label class="inline-check"><input type="checkbox" bind:checked=spc />" Cuenta como solución en primer contacto (SPC)"</label>
                        <label class="inline-check"><input type="checkbox" bind:checked=active />" Activa"</label>
                        <p role="status" class=move || match message.get() { Some((true, _)) => "form-success", _ => "form-error" }>
                            {move || message.get().map(|(_, m)| m)}
                        </p>
                        <button type="submit" class="button button--primary">"Guardar"</button>
                    </form>
                    <h3>"Importar desde CSV"</h3>
                    <form class="inline-form" on:submit=import novalidate>
                        <label for=IMPORT_INPUT>"Archivo (codigo, nombre, requerimiento, spc)"</label>
                        <input id=IMPORT_INPUT type="file" accept=".csv,text/csv" />
                        <button type="submit" class="button">"Importar"</button>
                    </form>
                </section>
                <section class="panel" aria-labelledby="catalogo-titulo">
                    <h2 id="catalogo-titulo">"Catálogo"</h2>
                    <Suspense fallback=|| view! { <Loading label="Cargando…" /> }>
                        {move || Suspend::new(async move {
                            match listed.await {
                                Err(err) => view! { <ErrorPanel title="No se pudo cargar el catálogo" message=err.message() /> }.into_any(),
                                Ok(list) => view! {
                                    <div class="table-wrap">
                                        <table class="table">
                                            <caption class="visually-hidden">"Tipificaciones"</caption>
                                            <thead><tr>
                                                <th scope="col">"Código"</th><th scope="col">"Nombre"</th>
                                                <th scope="col">"Requerimiento"</th><th scope="col">"SPC"</th>
                                                <th scope="col">"Estado"</th><th scope="col"><span class="visually-hidden">"Acciones"</span></th>
                                            </tr></thead>
                                            <tbody>
                                                {list.into_iter().map(|t| {
                                                    let item = t.clone();
                                                    view! {
                                                        <tr>
                                                            <td><code>{t.code.clone()}</code></td>
                                                            <td>{t.name.clone()}</td>
                                                            <td>{t.requirement.clone().unwrap_or_default()}</td>
                                                            <td>{if t.spc { "Sí" } else { "No" }}</td>
                                                            <td>{if t.active { "Activa" } else { "Inactiva" }}</td>
                                                            <td><button type="button" class="button button--small" on:click=move |_| edit(item.clone())>"Editar"</button></td>
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
            </div>
        </Page>
    }
}
