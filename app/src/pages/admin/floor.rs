//! Configuración → Operación (admin): leases, long calls, pause reasons and
//! the numbers never to call.

use super::settings_tabs::SettingsTabs;
use crate::api::queue_admin::{ExcludeRequest, exclude, list_excluded, unexclude};
use crate::api::settings::{FloorSettings, floor_settings, save_floor_settings};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::domain::local_time::format_date;
use crate::paths::page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn FloorSettingsPage() -> impl IntoView {
    view! {
        <Page title="Configuración" path=page::SETTINGS_FLOOR>
            <SettingsTabs />
            <div class="two-columns">
                <FloorForm />
                <ExcludedNumbers />
            </div>
        </Page>
    }
}

#[component]
fn FloorForm() -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let loaded = LocalResource::new(floor_settings);
    let lease = RwSignal::new(String::new());
    let long_call = RwSignal::new(String::new());
    let reasons = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    Effect::new(move |_| {
        if let Some(Ok(settings)) = loaded.get() {
            lease.set(settings.lease_minutes.to_string());
            long_call.set(settings.long_call_minutes.to_string());
            reasons.set(settings.pause_reasons.join("\n"));
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(lease_minutes), Ok(long_call_minutes)) = (
            lease.get_untracked().trim().parse(),
            long_call.get_untracked().trim().parse(),
        ) else {
            message.set(Some((
                false,
                "Escriba los minutos como números enteros.".into(),
            )));
            return;
        };
        let settings = FloorSettings {
            lease_minutes,
            long_call_minutes,
            pause_reasons: reasons
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect(),
        };
        spawn_local(async move {
            match save_floor_settings(&settings, &csrf.get_value()).await {
                Ok(_) => message.set(Some((true, "Configuración guardada.".into()))),
                Err(err) => message.set(Some((false, err.message()))),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="operacion-titulo">
            <h2 id="operacion-titulo">"Operación"</h2>
            <form on:submit=save novalidate>
                <div class="field">
                    <label for="reserva">"Minutos de reserva de un cliente sin actividad"</label>
                    <input id="reserva" type="number" min="1" max="240" bind:value=lease />
                </div>
                <div class="field">
                    <label for="llamada-larga">"Minutos para marcar una llamada como larga"</label>
                    <input id="llamada-larga" type="number" min="1" max="240" bind:value=long_call />
                </div>
                <div class="field">
                    <label for="motivos">"Motivos de pausa (uno por línea)"</label>
                    <textarea id="motivos" rows="6" bind:value=reasons></textarea>
                </div>
                {move || message.get().map(|(ok, text)| view! {
                    <p class=if ok { "form-success" } else { "form-error" } role="status">{text}</p>
                })}
                <button type="submit" class="button button--primary">"Guardar"</button>
            </form>
        </section>
    }
}

#[component]
fn ExcludedNumbers() -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let numbers = LocalResource::new(list_excluded);
    let phone = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = ExcludeRequest {
            phone: phone.get_untracked(),
            reason: reason.get_untracked(),
        };
        spawn_local(async move {
            match exclude(&request, &csrf.get_value()).await {
                Ok(_) => {
                    phone.set(String::new());
                    reason.set(String::new());
                    error.set(None);
                    numbers.refetch();
                }
                Err(err) => error.set(Some(err.message())),
            }
        });
    };
    let remove = move |number: String| {
        spawn_local(async move {
            match unexclude(&number, &csrf.get_value()).await {
                Ok(()) => numbers.refetch(),
                Err(err) => error.set(Some(err.message())),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="excluidos-titulo">
            <h2 id="excluidos-titulo">"Números que no se llaman"</h2>
            <p class="muted">"Un cliente cuyos teléfonos estén todos en esta lista nunca se entrega a un asesor."</p>
            <form class="form-inline" on:submit=add novalidate>
                <div class="field">
                    <label for="excluir-numero">"Número"</label>
                    <input id="excluir-numero" inputmode="tel" bind:value=phone />
                </div>
                <div class="field">
                    <label for="excluir-motivo">"Motivo"</label>
                    <input id="excluir-motivo" bind:value=reason />
                </div>
                <button type="submit" class="button">"Agregar"</button>
            </form>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <Transition fallback=|| view! { <Loading label="Cargando…" /> }>
                {move || Suspend::new(async move {
                    match numbers.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">"La lista está vacía."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="plain-list excluded-list">
                                {list.into_iter().map(|n| {
                                    let number = n.phone.clone();
                                    let label = format!("Quitar {} de la lista", n.phone);
                                    view! {
                                        <li>
                                            <code>{n.phone}</code>
                                            <span>{n.reason}</span>
                                            <span class="muted small">{format_date(n.created_at)}</span>
                                            <button type="button" class="button button--small" aria-label=label
                                                on:click=move |_| remove(number.clone())>"Quitar"</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(err) => view! { <ErrorPanel title="No fue posible cargar la lista" message=err.message() /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
