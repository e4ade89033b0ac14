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
    // The page being fetched (`None` = newest), the rows shown so far and
    // where the next older page starts.
    let (before, set_before) = signal(None::<i64>);
    let events = LocalResource::new(move || list_security_events(before.get()));
    let shown = RwSignal::new(Vec::<SecurityEventView>::new());
    let next = RwSignal::new(None::<i64>);
    let error = RwSignal::new(None::<String>);

    // Each page that arrives is appended once.
    Effect::new(move |_| match events.get() {
        Some(Ok(page)) => {
            shown.update(|rows| {
                for event in page.events {
                    if !rows.iter().any(|row| row.id == event.id) {
                        rows.push(event);
                    }
                }
            });
            next.set(page.next_before);
            error.set(None);
        }
        Some(Err(err)) => error.set(Some(err.message())),
        None => {}
    });
    let loading = move || events.get().is_none();

    view! {
        <Page title="Configuración" path=page::SETTINGS_SECURITY>
            <SettingsTabs />
            <section class="panel" aria-labelledby="seguridad-titulo">
                <h2 id="seguridad-titulo">"Registro de seguridad"</h2>
                <p class="muted">
                    "Ingresos, intentos fallidos, bloqueos, cambios de rol y accesos denegados, del más reciente al más antiguo."
                </p>
                <div class="table-wrap"><table class="table">
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
                        <For each=move || shown.get() key=|event| event.id let:event>
                            <tr>
                                <td>{format_date_time(event.at)}</td>
                                <td>{event.kind.label()}</td>
                                <td>{event.login.unwrap_or_else(|| "—".into())}</td>
                                <td>{event.ip.unwrap_or_else(|| "—".into())}</td>
                                <td>{event.detail}</td>
                            </tr>
                        </For>
                    </tbody>
                </table></div>
                <Show when=loading>
                    <Loading label="Cargando eventos…" />
                </Show>
                {move || error.get().map(|message| view! {
                    <ErrorPanel title="No fue posible cargar el registro" message retry=true />
                })}
                {move || next.get().filter(|_| !loading()).map(|older| view! {
                    <button type="button" class="button" on:click=move |_| set_before.set(Some(older))>
                        "Ver eventos anteriores"
                    </button>
                })}
            </section>
        </Page>
    }
}
