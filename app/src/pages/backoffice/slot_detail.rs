//! The slot selected in the agenda: its capacity (changed, closed or
//! reopened) and its visits, each rescheduled or cancelled with a reason.

use super::agenda::Agenda;
use super::agenda_grid::{SlotState, day_label};
use crate::api::field_ops::{
    CancelVisit, RescheduleVisit, SlotChange, SlotView, VisitView, cancel_visit, change_slot,
    reschedule_visit, visits_of_slot,
};
use crate::components::feedback::Loading;
use crate::domain::field_ops::{MAX_CAPACITY, VisitStatus, place_key, slot_problems};
use crate::domain::local_time::{format_date_time, local_date};
use chrono::Utc;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the back office is doing with one visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VisitAction {
    Reschedule,
    Cancel,
}

/// "Bogotá, lunes 11/05/2026, AM (7:00–12:00)".
fn slot_title(slot: &SlotView) -> String {
    format!(
        "{}, {}, {}",
        slot.zone,
        day_label(slot.date),
        slot.franja.label()
    )
}

/// The detail of the selected slot, drawn anew when another is selected.
#[component]
pub(super) fn SlotDetail(agenda: Agenda, csrf: StoredValue<String>) -> impl IntoView {
    move || {
        agenda
            .selected
            .get()
            .map(|id| view! { <SlotPanel id agenda csrf /> })
    }
}

#[component]
fn SlotPanel(id: i64, agenda: Agenda, csrf: StoredValue<String>) -> impl IntoView {
    // Zone, day and franja never change; capacity, bookings and state do.
    let Some(first) = agenda
        .slots
        .with_untracked(|list| list.iter().find(|s| s.id == id).cloned())
    else {
        return ().into_any();
    };
    let slot = Memo::new(move |_| {
        agenda
            .slots
            .with(|list| list.iter().find(|s| s.id == id).cloned())
    });
    let capacity = RwSignal::new(first.capacity.to_string());
    let capacity_error = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<(bool, String)>);
    let pending = RwSignal::new(false);
    let visits = RwSignal::new(None::<Result<Vec<VisitView>, String>>);
    let visits_version = RwSignal::new(0u32);
    let acting = RwSignal::new(None::<(i64, VisitAction)>);
    let heading = NodeRef::<html::H3>::new();
    let first = StoredValue::new(first);

    Effect::new(move |_| {
        visits_version.track();
        spawn_local(async move {
            let answer = visits_of_slot(id).await.map_err(|e| e.message());
            visits.try_set(Some(answer));
        });
    });
    // Selecting a slot takes the user to its detail.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });

    let save = move |active: bool| {
        let Some(current) = slot.get_untracked() else {
            return;
        };
        let wanted = if active == current.active {
            match capacity.get_untracked().trim().parse::<i32>() {
                Ok(value) => value,
                Err(_) => {
                    capacity_error.set(Some(format!(
                        "Escriba la capacidad como un número entero de 0 a {MAX_CAPACITY}."
                    )));
                    return;
                }
            }
        } else {
            current.capacity
        };
        // Only the capacity rule applies here: a slot of a past day may be
        // closed or changed all the same.
        let problem = slot_problems(&current.zone, current.date, wanted, current.date)
            .into_iter()
            .find(|(field, _)| *field == "capacity")
            .map(|(_, message)| message)
            .or_else(|| {
                (wanted < current.booked).then(|| {
                    format!(
                        "Ya hay {} visitas agendadas: la capacidad no puede ser menor.",
                        current.booked
                    )
                })
            });
        capacity_error.set(problem.clone());
        if problem.is_some() {
            return;
        }
        let change = SlotChange {
            capacity: wanted,
            active,
        };
        pending.set(true);
        message.set(None);
        spawn_local(async move {
            match change_slot(id, &change, &csrf.get_value()).await {
                Ok(saved) => {
                    let text = match (current.active, saved.active) {
                        (true, false) => "Cupo cerrado: no recibe nuevas visitas.".to_string(),
                        (false, true) => "Cupo reabierto.".to_string(),
                        _ => format!("Capacidad guardada: {} visitas.", saved.capacity),
                    };
                    capacity.try_set(saved.capacity.to_string());
                    agenda.replace(saved);
                    agenda.refresh();
                    message.try_set(Some((true, text)));
                }
                Err(err) => {
                    capacity_error.try_set(err.field_message("capacity"));
                    message.try_set(Some((false, err.message())));
                }
            }
            pending.try_set(false);
        });
    };
    let done = Callback::new(move |text: String| {
        acting.set(None);
        message.set(Some((true, text)));
        visits_version.update(|n| *n += 1);
        agenda.refresh();
    });

    let title = slot_title(&first.get_value());
    view! {
        <section class="panel agenda-detail" aria-labelledby="cupo-detalle-titulo">
            <div class="panel-header">
                <h3 id="cupo-detalle-titulo" tabindex="-1" node_ref=heading>{format!("Cupo de {title}")}</h3>
                <button type="button" class="button button--small" on:click=move |_| agenda.selected.set(None)>
                    "Ocultar detalle"
                </button>
            </div>
            <p class="slot-summary">
                {move || slot.get().map(|s| {
                    let state = SlotState::of(&s);
                    view! {
                        <span class=format!("slot-state {}", state.class())>{state.label()}</span>
                        " "
                        {format!("{} de {} lugares ocupados; {} libres.", s.booked, s.capacity, s.available())}
                    }
                })}
            </p>
            <form class="slot-capacity" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                save(slot.get_untracked().is_some_and(|s| s.active));
            }>
                <div class="field field--inline" class:field--invalid=move || capacity_error.get().is_some()>
                    <label for="cupo-capacidad">"Capacidad (visitas)"</label>
                    <input id="cupo-capacidad" type="number" min="0" max=MAX_CAPACITY step="1" inputmode="numeric"
                        aria-describedby="cupo-capacidad-error"
                        aria-invalid=move || capacity_error.get().is_some().then_some("true")
                        prop:value=move || capacity.get()
                        on:input=move |ev| capacity.set(event_target_value(&ev)) />
                    <p class="field-error" id="cupo-capacidad-error" aria-live="polite">{move || capacity_error.get()}</p>
                </div>
                <button type="submit" class="button button--primary" disabled=move || pending.get()>"Guardar capacidad"</button>
                {move || {
                    let active = slot.get().is_some_and(|s| s.active);
                    view! {
                        <button type="button" class="button" disabled=move || pending.get()
                            on:click=move |_| save(!active)>
                            {if active { "Cerrar cupo" } else { "Reabrir cupo" }}
                        </button>
                    }
                }}
            </form>
            <p class="field-hint">"Un cupo cerrado no recibe nuevas visitas; las ya agendadas se conservan."</p>
            <p role="status" class=move || match message.get() { Some((true, _)) => "form-success", _ => "form-error" }>
                {move || message.get().map(|(_, text)| text)}
            </p>
            <h4>"Visitas del cupo"</h4>
            {move || match visits.get() {
                None => view! { <Loading label="Cargando las visitas…" /> }.into_any(),
                Some(Err(text)) => view! { <p class="form-error" role="alert">{format!("No se pudieron cargar las visitas: {text}")}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">"Ninguna visita agendada en este cupo."</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <div class="table-wrap">
                        <table class="table table--cards visits-table">
                            <caption class="visually-hidden">{format!("Visitas del cupo de {title}")}</caption>
                            <thead><tr>
                                <th scope="col">"Cuenta"</th>
                                <th scope="col">"Nombre"</th>
                                <th scope="col">"Tipo"</th>
                                <th scope="col">"Orden"</th>
                                <th scope="col">"Agendada por"</th>
                                <th scope="col">"Estado"</th>
                                <th scope="col"><span class="visually-hidden">"Acciones"</span></th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|visit| view! { <VisitRow visit acting agenda csrf done /> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
        </section>
    }
    .into_any()
}

#[component]
fn VisitRow(
    visit: VisitView,
    acting: RwSignal<Option<(i64, VisitAction)>>,
    agenda: Agenda,
    csrf: StoredValue<String>,
    done: Callback<String>,
) -> impl IntoView {
    let id = visit.id;
    let booked = visit.status == VisitStatus::Agendada;
    let who = visit.nombre.clone();
    let doing = move |action| acting.get() == Some((id, action));
    let visit = StoredValue::new(visit);
    let v = visit.get_value();
    view! {
        <tr class:row--inactive=!booked>
            <td data-label="Cuenta"><code>{v.cuenta.clone()}</code></td>
            <td data-label="Nombre">{v.nombre.clone()}</td>
            <td data-label="Tipo">
                {v.kind.label()}
                {(!v.motivo.is_empty()).then(|| view! { <span class="cell-note">{v.motivo.clone()}</span> })}
            </td>
            <td data-label="Orden">{match v.order_number.clone() {
                Some(order) => view! { <code>{order}</code> }.into_any(),
                None => view! { <span class="muted">"Sin orden aún"</span> }.into_any(),
            }}</td>
            <td data-label="Agendada por">
                {v.booked_by.name.clone()}
                <span class="cell-note">{format_date_time(v.booked_at)}</span>
            </td>
            <td data-label="Estado">
                <span class=if booked { "badge badge--ok" } else { "badge" }>{v.status.label()}</span>
                {v.reason.clone().map(|r| view! { <span class="cell-note">{format!("Motivo: {r}")}</span> })}
            </td>
            <td class="actions">
                {booked.then(|| view! {
                    <div class="row-actions">
                        <button type="button" class="button button--small"
                            aria-expanded=move || if doing(VisitAction::Reschedule) { "true" } else { "false" }
                            on:click=move |_| acting.set(Some((id, VisitAction::Reschedule)))>
                            "Reprogramar"<span class="visually-hidden">{format!(" la visita de {who}")}</span>
                        </button>
                        <button type="button" class="button button--small"
                            aria-expanded=move || if doing(VisitAction::Cancel) { "true" } else { "false" }
                            on:click=move |_| acting.set(Some((id, VisitAction::Cancel)))>
                            "Cancelar"<span class="visually-hidden">{format!(" la visita de {}", v.nombre)}</span>
                        </button>
                    </div>
                })}
            </td>
        </tr>
        <Show when=move || doing(VisitAction::Reschedule)>
            <tr class="row--editor"><td colspan="7">
                <RescheduleForm visit agenda acting csrf done />
            </td></tr>
        </Show>
        <Show when=move || doing(VisitAction::Cancel)>
            <tr class="row--editor"><td colspan="7">
                <CancelForm visit acting csrf done />
            </td></tr>
        </Show>
    }
}

/// Another slot of the same zone with free places, and why it moves.
#[component]
fn RescheduleForm(
    visit: StoredValue<VisitView>,
    agenda: Agenda,
    acting: RwSignal<Option<(i64, VisitAction)>>,
    csrf: StoredValue<String>,
    done: Callback<String>,
) -> impl IntoView {
    let (id, zone, current, nombre) =
        visit.with_value(|v| (v.id, place_key(&v.slot.zone), v.slot.id, v.nombre.clone()));
    let today = local_date(Utc::now());
    let options: Vec<SlotView> = agenda.slots.with_untracked(|list| {
        let mut free: Vec<SlotView> = list
            .iter()
            .filter(|s| {
                s.id != current
                    && place_key(&s.zone) == zone
                    && s.date >= today
                    && s.available() > 0
            })
            .cloned()
            .collect();
        free.sort_by_key(|s| (s.date, s.franja));
        free
    });
    let none_free = options.is_empty();
    let target = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let problems = RwSignal::new((None::<String>, None::<String>));
    let failure = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let options = StoredValue::new(options);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let slot_id = target.get_untracked().parse::<i64>().ok();
        let why = reason.get_untracked().trim().to_string();
        let slot_problem = slot_id
            .is_none()
            .then(|| "Elija el nuevo cupo.".to_string());
        let reason_problem = why
            .is_empty()
            .then(|| "Escriba el motivo de la reprogramación.".to_string());
        problems.set((slot_problem.clone(), reason_problem.clone()));
        let Some(slot_id) = slot_id else { return };
        if reason_problem.is_some() {
            return;
        }
        let label = options.with_value(|list| {
            list.iter()
                .find(|s| s.id == slot_id)
                .map(|s| format!("{}, {}", day_label(s.date), s.franja.label()))
                .unwrap_or_default()
        });
        let request = RescheduleVisit {
            slot_id,
            reason: why,
        };
        let nombre = nombre.clone();
        pending.set(true);
        failure.set(None);
        spawn_local(async move {
            match reschedule_visit(id, &request, &csrf.get_value()).await {
                Ok(_) => done.run(format!("Visita de {nombre} reprogramada al {label}.")),
                Err(err) => {
                    problems.try_set((err.field_message("slot_id"), err.field_message("reason")));
                    failure.try_set(Some(err.message()));
                }
            }
            pending.try_set(false);
        });
    };

    view! {
        <form class="visit-editor" novalidate on:submit=submit aria-label="Reprogramar la visita">
            {if none_free {
                view! {
                    <p class="form-error">"No hay otro cupo libre en la zona entre las fechas mostradas: amplíe el rango o abra cupos."</p>
                }.into_any()
            } else {
                view! {
                    <div class="field" class:field--invalid=move || problems.get().0.is_some()>
                        <label for=format!("reprogramar-cupo-{id}")>"Nuevo cupo"</label>
                        <select id=format!("reprogramar-cupo-{id}") aria-describedby=format!("reprogramar-cupo-{id}-error")
                            on:change=move |ev| {
                                target.set(event_target_value(&ev));
                                problems.update(|p| p.0 = None);
                            }>
                            <option value="" selected=move || target.get().is_empty()>"Elija un cupo libre"</option>
                            {options.get_value().into_iter().map(|s| {
                                let value = s.id.to_string();
                                let label = format!("{}, {} ({} libres)", day_label(s.date), s.franja.label(), s.available());
                                view! { <option value=value>{label}</option> }
                            }).collect_view()}
                        </select>
                        <p class="field-error" id=format!("reprogramar-cupo-{id}-error") aria-live="polite">{move || problems.get().0}</p>
                    </div>
                }.into_any()
            }}
            <div class="field" class:field--invalid=move || problems.get().1.is_some()>
                <label for=format!("reprogramar-motivo-{id}")>"Motivo de la reprogramación"</label>
                <input id=format!("reprogramar-motivo-{id}") maxlength="300" autocomplete="off"
                    aria-describedby=format!("reprogramar-motivo-{id}-error")
                    prop:value=move || reason.get()
                    on:input=move |ev| {
                        reason.set(event_target_value(&ev));
                        problems.update(|p| p.1 = None);
                    } />
                <p class="field-error" id=format!("reprogramar-motivo-{id}-error") aria-live="polite">{move || problems.get().1}</p>
            </div>
            <p class="form-error" role="alert">{move || failure.get()}</p>
            <div class="button-row">
                <button type="submit" class="button button--primary" disabled=move || pending.get() || none_free>
                    "Reprogramar visita"
                </button>
                <button type="button" class="button" on:click=move |_| acting.set(None)>"Volver"</button>
            </div>
        </form>
    }
}

/// Cancels a visit: the place is freed; the reason stays on the visit.
#[component]
fn CancelForm(
    visit: StoredValue<VisitView>,
    acting: RwSignal<Option<(i64, VisitAction)>>,
    csrf: StoredValue<String>,
    done: Callback<String>,
) -> impl IntoView {
    let (id, nombre, cuenta) = visit.with_value(|v| (v.id, v.nombre.clone(), v.cuenta.clone()));
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let question = format!(
        "¿Cancelar la visita de {nombre} (cuenta {cuenta})? El lugar queda libre para otro cliente."
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let why = reason.get_untracked().trim().to_string();
        if why.is_empty() {
            problem.set(Some("Escriba el motivo de la cancelación.".into()));
            return;
        }
        problem.set(None);
        let request = CancelVisit { reason: why };
        let nombre = nombre.clone();
        pending.set(true);
        spawn_local(async move {
            match cancel_visit(id, &request, &csrf.get_value()).await {
                Ok(_) => done.run(format!("Visita de {nombre} cancelada.")),
                Err(err) => {
                    problem.try_set(Some(
                        err.field_message("reason").unwrap_or_else(|| err.message()),
                    ));
                }
            }
            pending.try_set(false);
        });
    };
    view! {
        <form class="visit-editor" novalidate on:submit=submit role="group" aria-label="Cancelar la visita">
            <p class="visit-editor__question">{question}</p>
            <div class="field" class:field--invalid=move || problem.get().is_some()>
                <label for=format!("cancelar-motivo-{id}")>"Motivo de la cancelación"</label>
                <input id=format!("cancelar-motivo-{id}") maxlength="300" autocomplete="off"
                    aria-describedby=format!("cancelar-motivo-{id}-error")
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev)) />
                <p class="field-error" id=format!("cancelar-motivo-{id}-error") aria-live="polite">{move || problem.get()}</p>
            </div>
            <div class="button-row">
                <button type="submit" class="button button--danger" disabled=move || pending.get()>"Sí, cancelar la visita"</button>
                <button type="button" class="button" on:click=move |_| acting.set(None)>"Volver"</button>
            </div>
        </form>
    }
}
