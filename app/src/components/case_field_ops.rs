//! The field side of a case, in its detail: the technical visits booked for
//! it (rescheduled or cancelled from here, always with a reason) and what it
//! asked the back office, with every answer.

use crate::api::client::ClientError;
use crate::api::field_ops::{
    CancelVisit, EscalationView, RescheduleVisit, SlotView, VisitView, cancel_visit,
    reschedule_visit, slots,
};
use crate::components::escalation_view::{AnswerList, SlaBadge, status_class, use_clock};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::domain::field_ops::{BOOKING_DAYS, VisitStatus, slot_passed};
use crate::domain::local_time::{format_date_time, local_date};
use crate::domain::role::Role;
use crate::session::use_session;
use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `mar 03/02/2026`.
fn day_label(date: NaiveDate) -> String {
    let day = match date.weekday() {
        Weekday::Mon => "lun",
        Weekday::Tue => "mar",
        Weekday::Wed => "mié",
        Weekday::Thu => "jue",
        Weekday::Fri => "vie",
        Weekday::Sat => "sáb",
        Weekday::Sun => "dom",
    };
    format!("{day} {}", date.format("%d/%m/%Y"))
}

fn visit_status_class(status: VisitStatus) -> &'static str {
    match status {
        VisitStatus::Agendada => "badge badge--info",
        VisitStatus::Cancelada => "badge badge--danger",
    }
}

/// What the person is doing with one visit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Change {
    Reschedule,
    Cancel,
}

/// The case's visits; rendered only when it has any.
#[component]
pub fn CaseVisits(visits: Vec<VisitView>) -> impl IntoView {
    // Coordinadores and gerentes only read (the server refuses them too).
    let may_change = !matches!(use_session().user.role, Role::Gerente | Role::Coordinador);
    let visits = RwSignal::new(visits);
    let editing = RwSignal::new(None::<(i64, Change)>);
    let message = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |(updated, text): (VisitView, String)| {
        visits.update(|list| {
            if let Some(visit) = list.iter_mut().find(|v| v.id == updated.id) {
                *visit = updated;
            }
        });
        editing.set(None);
        message.set(Some(text));
    });
    view! {
        <section class="case-section" aria-labelledby="caso-visitas">
            <h3 id="caso-visitas">"Visitas técnicas"</h3>
            <p class="form-success" role="status">{move || message.get()}</p>
            <div class="table-wrap">
                <table class="table table--cards case-visits">
                    <caption class="visually-hidden">"Visitas técnicas del caso"</caption>
                    <thead><tr>
                        <th scope="col">"Fecha"</th>
                        <th scope="col">"Franja"</th>
                        <th scope="col">"Zona"</th>
                        <th scope="col">"Tipo"</th>
                        <th scope="col">"Número de orden"</th>
                        <th scope="col">"Estado"</th>
                        <th scope="col">"Motivo"</th>
                        {may_change.then(|| view! { <th scope="col"><span class="visually-hidden">"Acciones"</span></th> })}
                    </tr></thead>
                    <tbody>
                        {move || visits.get().into_iter().map(|visit| view! {
                            <VisitRow visit may_change editing on_changed />
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn VisitRow(
    visit: VisitView,
    may_change: bool,
    editing: RwSignal<Option<(i64, Change)>>,
    on_changed: Callback<(VisitView, String)>,
) -> impl IntoView {
    let id = visit.id;
    let booked = visit.status == VisitStatus::Agendada;
    let columns = if may_change { 8 } else { 7 };
    let zone = StoredValue::new(visit.slot.zone.clone());
    let current_slot = visit.slot.id;
    let toggle = move |change: Change| {
        editing.update(|e| {
            *e = if *e == Some((id, change)) {
                None
            } else {
                Some((id, change))
            }
        })
    };
    let pressed = move |change: Change| {
        move || {
            if editing.get() == Some((id, change)) {
                "true"
            } else {
                "false"
            }
        }
    };
    view! {
        <tr>
            <td data-label="Fecha" class="nowrap">{day_label(visit.slot.date)}</td>
            <td data-label="Franja">{visit.slot.franja.label()}</td>
            <td data-label="Zona">{visit.slot.zone.clone()}</td>
            <td data-label="Tipo">{visit.kind.label()}</td>
            <td data-label="Número de orden">{visit.order_number.clone().map(|n| view! { <code>{n}</code> }.into_any()).unwrap_or_else(|| "Pendiente".into_any())}</td>
            <td data-label="Estado"><span class=visit_status_class(visit.status)>{visit.status.label()}</span></td>
            <td data-label="Motivo">
                {visit.motivo.clone()}
                {visit.reason.clone().map(|r| view! { <p class="field-hint">{format!("Motivo del cambio: {r}")}</p> })}
            </td>
            {may_change.then(|| view! {
                <td data-label="Acciones" class="actions">
                    {booked.then(|| view! {
                        <div class="row-actions">
                            <button type="button" class="button button--small" aria-pressed=pressed(Change::Reschedule)
                                on:click=move |_| toggle(Change::Reschedule)>"Reprogramar"</button>
                            <button type="button" class="button button--small" aria-pressed=pressed(Change::Cancel)
                                on:click=move |_| toggle(Change::Cancel)>"Cancelar visita"</button>
                        </div>
                    })}
                </td>
            })}
        </tr>
        {move || match editing.get() {
            Some((open, change)) if open == id => Some(view! {
                <tr class="row--editor">
                    <td colspan=columns>
                        {match change {
                            Change::Reschedule => view! {
                                <RescheduleForm id zone=zone.get_value() current_slot on_changed on_back=Callback::new(move |()| editing.set(None)) />
                            }.into_any(),
                            Change::Cancel => view! {
                                <CancelForm id on_changed on_back=Callback::new(move |()| editing.set(None)) />
                            }.into_any(),
                        }}
                    </td>
                </tr>
            }),
            _ => None,
        }}
    }
}

/// Why the zone's agenda is not on screen, with what to do instead.
fn agenda_refusal(err: &ClientError) -> String {
    if err.status() == Some(403) {
        format!(
            "{} Pida al back office que reprograme la visita desde la agenda, o cancélela aquí.",
            err.message()
        )
    } else {
        err.message()
    }
}

/// The messages of a refused change: beside the field the server named,
/// else above the buttons.
fn refusal(
    err: &ClientError,
    field: &str,
    field_error: RwSignal<Option<String>>,
    summary: RwSignal<Option<String>>,
) {
    let own = err.field_message(field);
    summary.set(Some(
        if own.is_some() || err.field_message("slot_id").is_some() {
            "Revise los campos marcados.".into()
        } else {
            err.message()
        },
    ));
    field_error.set(own);
}

#[component]
fn ReasonField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            <textarea id=id rows="2" maxlength="500" required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            <p class="field-error" id=error_id aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

#[component]
fn RescheduleForm(
    id: i64,
    zone: String,
    current_slot: i64,
    on_changed: Callback<(VisitView, String)>,
    on_back: Callback<()>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let today = local_date(Utc::now());
    let zone_for_query = zone.clone();
    let offered = LocalResource::new(move || {
        let zone = zone_for_query.clone();
        async move { slots(Some(zone), today, today + Duration::days(BOOKING_DAYS)).await }
    });
    let slot = RwSignal::new(None::<i64>);
    let reason = RwSignal::new(String::new());
    let slot_error = RwSignal::new(None::<String>);
    let reason_error = RwSignal::new(None::<String>);
    let summary = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = slot.get_untracked();
        let why = reason.get_untracked().trim().to_string();
        slot_error.set(chosen.is_none().then(|| "Elija el nuevo cupo.".into()));
        reason_error.set(
            why.is_empty()
                .then(|| "Escriba el motivo de la reprogramación.".into()),
        );
        let Some(slot_id) = chosen.filter(|_| !why.is_empty()) else {
            summary.set(Some("Revise los campos marcados.".into()));
            return;
        };
        summary.set(None);
        pending.set(true);
        let request = RescheduleVisit {
            slot_id,
            reason: why,
        };
        spawn_local(async move {
            match reschedule_visit(id, &request, &csrf.get_value()).await {
                Ok(updated) => {
                    let text = format!(
                        "Visita reprogramada para el {}, franja {}.",
                        day_label(updated.slot.date),
                        updated.slot.franja.code()
                    );
                    on_changed.run((updated, text));
                }
                Err(err) => {
                    slot_error.set(err.field_message("slot_id"));
                    refusal(&err, "reason", reason_error, summary);
                }
            }
            pending.set(false);
        });
    };
    let select_id = format!("visita-{id}-cupo");
    view! {
        <form class="editor visit-change" on:submit=submit novalidate aria-label="Reprogramar la visita">
            <Suspense fallback=|| view! { <Loading label="Buscando cupos…" /> }>
                {move || {
                    let select_id = select_id.clone();
                    Suspend::new(async move {
                        match offered.await {
                            Err(err) => view! { <ErrorPanel title="No se pudo consultar la agenda de la zona" message=agenda_refusal(&err) /> }.into_any(),
                            Ok(list) => view! { <SlotSelect id=select_id list current_slot chosen=slot error=slot_error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
            <ReasonField id="visita-motivo-reprogramar" label="Motivo de la reprogramación" value=reason error=reason_error />
            <div class="form-actions">
                <p class="form-error" role="alert">{move || summary.get()}</p>
                <button type="submit" class="button button--primary" disabled=move || pending.get()>"Confirmar reprogramación"</button>
                <button type="button" class="button" on:click=move |_| on_back.run(())>"Volver"</button>
            </div>
        </form>
    }
}

/// The zone's slots of the coming days with their free places; full ones
/// and the visit's own slot are shown but cannot be chosen. Slots whose
/// window is over (this morning, seen in the afternoon) are left out: the
/// server would refuse them.
#[component]
fn SlotSelect(
    id: String,
    list: Vec<SlotView>,
    current_slot: i64,
    chosen: RwSignal<Option<i64>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let now = Utc::now();
    let list: Vec<SlotView> = list
        .into_iter()
        .filter(|s| s.id == current_slot || !slot_passed(s.date, s.franja, now))
        .collect();
    let free = list
        .iter()
        .filter(|s| s.id != current_slot && s.available() > 0)
        .count();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-ayuda");
    let hint = if free == 0 {
        "No hay cupos libres en la zona en los próximos días: cancele la visita o escale «Visita sin cupo» desde la guía.".to_string()
    } else {
        format!("{free} cupos con espacio en los próximos {BOOKING_DAYS} días.")
    };
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label for=id.clone()>"Nuevo cupo"</label>
            <p class="field-hint" id=hint_id.clone()>{hint}</p>
            <select id=id aria-describedby=format!("{hint_id} {error_id}")
                aria-invalid=move || error.get().is_some().then_some("true")
                on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                <option value="">"Elija un cupo…"</option>
                {list.into_iter().map(|s| {
                    let places = s.available();
                    let text = if s.id == current_slot {
                        format!("{} · {} · cupo actual", day_label(s.date), s.franja.label())
                    } else if places == 0 {
                        format!("{} · {} · sin cupo", day_label(s.date), s.franja.label())
                    } else {
                        format!("{} · {} · {places} {} libres", day_label(s.date), s.franja.label(),
                            if places == 1 { "cupo" } else { "cupos" })
                    };
                    view! {
                        <option value=s.id.to_string() disabled=s.id == current_slot || places == 0>{text}</option>
                    }
                }).collect_view()}
            </select>
            <p class="field-error" id=error_id aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

#[component]
fn CancelForm(
    id: i64,
    on_changed: Callback<(VisitView, String)>,
    on_back: Callback<()>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<String>);
    let summary = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let why = reason.get_untracked().trim().to_string();
        if why.is_empty() {
            reason_error.set(Some("Escriba el motivo de la cancelación.".into()));
            summary.set(Some("Revise los campos marcados.".into()));
            return;
        }
        reason_error.set(None);
        summary.set(None);
        pending.set(true);
        let request = CancelVisit { reason: why };
        spawn_local(async move {
            match cancel_visit(id, &request, &csrf.get_value()).await {
                Ok(updated) => {
                    on_changed.run((updated, "Visita cancelada; el cupo quedó libre.".into()))
                }
                Err(err) => refusal(&err, "reason", reason_error, summary),
            }
            pending.set(false);
        });
    };
    view! {
        <form class="editor visit-change" on:submit=submit novalidate aria-label="Cancelar la visita">
            <ReasonField id="visita-motivo-cancelar" label="Motivo de la cancelación" value=reason error=reason_error />
            <div class="form-actions">
                <p class="form-error" role="alert">{move || summary.get()}</p>
                <button type="submit" class="button button--primary" disabled=move || pending.get()>"Confirmar cancelación"</button>
                <button type="button" class="button" on:click=move |_| on_back.run(())>"Volver"</button>
            </div>
        </form>
    }
}

/// What the case asked the back office; rendered only when it asked.
#[component]
pub fn CaseEscalations(escalations: Vec<EscalationView>) -> impl IntoView {
    let now = use_clock();
    view! {
        <section class="case-section" aria-labelledby="caso-escalamientos">
            <h3 id="caso-escalamientos">"Escalamientos"</h3>
            <ul class="case-escalations">
                {escalations.into_iter().map(|e| view! {
                    <li>
                        <p class="case-escalations__head">
                            <strong>{e.kind.label()}</strong>
                            " "<span class=status_class(e.status)>{e.status.label()}</span>
                            " · vence "{format_date_time(e.due_at)}" "
                            <SlaBadge due_at=e.due_at resolved_at=e.resolved_at now />
                        </p>
                        {(!e.data.trim().is_empty()).then(|| view! { <p class="muted">{format!("Datos enviados: {}", e.data)}</p> })}
                        <AnswerList answers=e.answers />
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
