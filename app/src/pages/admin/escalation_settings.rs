//! Configuración → Escalamientos (admin): the response time (SLA) of each
//! escalation kind. A change applies to escalations opened afterwards; the
//! ones in the queue keep the due time they were given.

use super::settings_tabs::SettingsTabs;
use crate::api::client::ClientError;
use crate::api::field_ops::{EscalationSla, escalation_slas, save_escalation_slas};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::domain::field_ops::{EscalationKind, default_sla_hours};
use crate::paths::page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn EscalationSettingsPage() -> impl IntoView {
    view! {
        <Page title="Configuración" path=page::SETTINGS_ESCALATIONS>
            <SettingsTabs />
            <SlaForm />
        </Page>
    }
}

/// One row of the form: the kind and the hours as typed.
#[derive(Clone, Copy)]
struct SlaRow {
    kind: EscalationKind,
    hours: RwSignal<String>,
    error: RwSignal<Option<String>>,
}

/// The hours of every kind, in the order of `EscalationKind::ALL`; a kind
/// the server did not list shows its default.
fn fill(rows: &[SlaRow], slas: &[EscalationSla]) {
    for row in rows {
        let hours = slas
            .iter()
            .find(|s| s.kind == row.kind)
            .map_or_else(|| default_sla_hours(row.kind), |s| s.hours);
        row.hours.set(hours.to_string());
        row.error.set(None);
    }
}

/// The server's message for one row, whatever way it names the field.
fn row_message(err: &ClientError, index: usize, kind: EscalationKind) -> Option<String> {
    [
        kind.code().to_string(),
        format!("{index}.hours"),
        format!("[{index}].hours"),
        format!("slas[{index}].hours"),
    ]
    .iter()
    .find_map(|name| err.field_message(name))
}

#[component]
fn SlaForm() -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let loaded = LocalResource::new(escalation_slas);
    let rows: Vec<SlaRow> = EscalationKind::ALL
        .iter()
        .map(|&kind| SlaRow {
            kind,
            hours: RwSignal::new(default_sla_hours(kind).to_string()),
            error: RwSignal::new(None),
        })
        .collect();
    let rows = StoredValue::new(rows);
    let message = RwSignal::new(None::<(bool, String)>);
    let pending = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(slas)) = loaded.get() {
            rows.with_value(|rows| fill(rows, &slas));
        }
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        let mut slas = Vec::new();
        let mut wrong = false;
        rows.with_value(|rows| {
            for row in rows {
                match row.hours.get_untracked().trim().parse::<i32>() {
                    Ok(hours) if hours >= 1 => {
                        row.error.set(None);
                        slas.push(EscalationSla {
                            kind: row.kind,
                            hours,
                        });
                    }
                    _ => {
                        wrong = true;
                        row.error
                            .set(Some("Escriba un número entero de horas, desde 1.".into()));
                    }
                }
            }
        });
        if wrong {
            message.set(Some((false, "Revise las horas marcadas.".into())));
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match save_escalation_slas(&slas, &csrf.get_value()).await {
                Ok(saved) => {
                    rows.with_value(|rows| fill(rows, &saved));
                    message.set(Some((
                        true,
                        "Tiempos de respuesta guardados: aplican a los escalamientos que se abran desde ahora.".into(),
                    )));
                }
                Err(err) => {
                    let mut marked = false;
                    rows.with_value(|rows| {
                        for (index, row) in rows.iter().enumerate() {
                            let found = row_message(&err, index, row.kind);
                            marked |= found.is_some();
                            row.error.set(found);
                        }
                    });
                    let text = if marked {
                        "Revise las horas marcadas.".to_string()
                    } else {
                        err.message()
                    };
                    message.set(Some((false, text)));
                }
            }
            pending.set(false);
        });
    };

    view! {
        <section class="panel sla-settings" aria-labelledby="sla-titulo">
            <h2 id="sla-titulo">"Tiempos de respuesta de los escalamientos"</h2>
            <p class="field-hint">
                "Horas corridas desde que el asesor escala hasta que vence la respuesta del back office. "
                "La cola de escalamientos cuenta el tiempo que queda con estas horas (de 1 a 720, es decir, hasta 30 días)."
            </p>
            <Transition fallback=|| view! { <Loading label="Cargando los tiempos…" /> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Err(err) => view! {
                            <ErrorPanel title="No se pudieron cargar los tiempos de respuesta" message=err.message() retry=true />
                        }.into_any(),
                        Ok(_) => view! { <SlaTable rows save message pending /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SlaTable(
    rows: StoredValue<Vec<SlaRow>>,
    save: impl Fn(leptos::ev::SubmitEvent) + 'static,
    message: RwSignal<Option<(bool, String)>>,
    pending: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <form on:submit=save novalidate aria-labelledby="sla-titulo">
            <div class="table-wrap">
                <table class="table sla-table">
                    <caption class="visually-hidden">"Horas de respuesta por tipo de escalamiento"</caption>
                    <thead><tr>
                        <th scope="col">"Tipo de escalamiento"</th>
                        <th scope="col">"Horas para responder"</th>
                        <th scope="col">"Valor inicial"</th>
                    </tr></thead>
                    <tbody>
                        {rows.get_value().into_iter().map(|row| {
                            let id = format!("sla-{}", row.kind.code().to_lowercase());
                            let error_id = format!("{id}-error");
                            view! {
                                <tr>
                                    <th scope="row"><label for=id.clone()>{row.kind.label()}</label></th>
                                    <td>
                                        <div class="field field--inline" class:field--invalid=move || row.error.get().is_some()>
                                            <input id=id type="number" min="1" step="1" inputmode="numeric" class="sla-hours"
                                                aria-invalid=move || row.error.get().is_some().then_some("true")
                                                aria-describedby=error_id.clone()
                                                prop:value=move || row.hours.get()
                                                on:input=move |ev| row.hours.set(event_target_value(&ev)) />
                                            <p class="field-error" id=error_id aria-live="polite">{move || row.error.get()}</p>
                                        </div>
                                    </td>
                                    <td class="muted">{format!("{} h", default_sla_hours(row.kind))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="form-actions sla-actions">
                <p class="form-error" role="alert">
                    {move || message.get().filter(|(ok, _)| !ok).map(|(_, text)| text)}
                </p>
                <p class="form-success" role="status">
                    {move || message.get().filter(|(ok, _)| *ok).map(|(_, text)| text)}
                </p>
                <button type="submit" class="button button--primary" disabled=move || pending.get()>
                    {move || if pending.get() { "Guardando…" } else { "Guardar" }}
                </button>
            </div>
        </form>
    }
}
