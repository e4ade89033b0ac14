//! The security event log (admin).

use super::settings_tabs::SettingsTabs;
use crate::api::security::{SecurityEventView, list_security_events};
use crate::components::{
    feedback::{ErrorPanel, Loading},
    page::Page,
};
use crate::domain::local_time::format_date_time;
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn SecurityLogPage() -> impl IntoView {
    // Pages already shown, and where the next one starts.
    let (before, set_before) = signal(None::<i64>);
    let events = LocalResource::new(move || list_security_events(before.get()));
    let (shown, set_shown) = signal(Vec::<SecurityEventView>::new());

    view! {
        <Page title="Configuración" path=page::SETTINGS_SECURITY>
            <SettingsTabs />
            <section class="panel" aria-labelledby="seguridad-titulo">
                <h2 id="seguridad-titulo">"Registro de seguridad"</h2>
                <p class="muted">
                    "Ingresos, intentos fallidos, bloqueos, cambios de rol y accesos denegados, del más reciente al más antiguo."
                </p>
                <table class="table">
                    <caption class="visually-hidden">"Eventos de seguridad"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Fecha y hora"</th>
                            <th scope="col">"Evento"</th>
                            <th scope="col">"Usuario"</th>
                            <th scope="col">"IP"</th>
                            <th scope="col">"Detalle"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || shown.get() key=|e| e.id let:event>
                            <tr>
                                <td>{format_date_time(event.at)}</td>
                                <td>{event.kind.label()}</td>
                                <td>{event.login.unwrap_or_else(|| "—".into())}</td>
                                <td>{event.ip.unwrap_or_else(|| "—".into())}</td>
                                <td>{event.detail}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
                <Suspense fallback=|| view! { <Loading label="Cargando eventos…" /> }>
                    {move || Suspend::new(async move {
                        match events.await {
                            Ok(page) => {
                                set_shown.update(|rows| {
                                    for event in page.events {
                                        if !rows.iter().any(|r| r.id == event.id) {
                                            rows.push(event);
                                        }
                                    }
                                });
                                page.next_before.map(|next| view! {
                                    <button type="button" class="button" on:click=move |_| set_before.set(Some(next))>
                                        "Ver eventos anteriores"
                                    </button>
                                }).into_any()
                            }
                            Err(err) => view! {
                                <ErrorPanel title="No fue posible cargar el registro" message=err.message() retry=true />
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </Page>
    }
}
