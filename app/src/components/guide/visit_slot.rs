//! The visit agenda inside the guide (SPEC §3 step 4): the slots of the
//! customer's zone by day and franja, booked at once when the agent picks
//! one with the customer; "no slot" sends the request to the back office and
//! a mass outage in the zone blocks booking altogether.

use crate::api::client::ClientError;
use crate::api::field_ops::{
    Availability, BookVisit, SlotView, VisitView, availability, book_visit,
};
use crate::domain::field_ops::{BookedSlot, Franja, SlotAnswer, VisitKind, VisitStatus};
use crate::domain::local_time::format_date_time;
use crate::domain::procedure::Field;
use crate::session::use_session;
use chrono::{Datelike, NaiveDate, Weekday};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The answers of the visit step that go with the booking.
pub const KIND_FIELD: &str = "tipo_visita";
pub const MOTIVO_FIELD: &str = "motivo_visita";

// Where focus goes after the agent's own action replaced what they pressed.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const SUMMARY_ID: &str = "cupo-agendado";
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const LIST_ID: &str = "cupo-agenda";

/// "lunes 16/03/2026".
pub fn day_label(date: NaiveDate) -> String {
    let weekday = match date.weekday() {
        Weekday::Mon => "lunes",
        Weekday::Tue => "martes",
        Weekday::Wed => "miércoles",
        Weekday::Thu => "jueves",
        Weekday::Fri => "viernes",
        Weekday::Sat => "sábado",
        Weekday::Sun => "domingo",
    };
    format!("{weekday} {}", date.format("%d/%m/%Y"))
}

/// The slots by day, each day's franjas in order (AM before PM).
pub fn by_day(slots: &[SlotView]) -> Vec<(NaiveDate, Vec<SlotView>)> {
    let mut sorted = slots.to_vec();
    sorted.sort_by_key(|s| (s.date, s.franja, s.id));
    let mut days: Vec<(NaiveDate, Vec<SlotView>)> = Vec::new();
    for slot in sorted {
        match days.last_mut() {
            Some((date, list)) if *date == slot.date => list.push(slot),
            _ => days.push((slot.date, vec![slot])),
        }
    }
    days
}

/// "7:00–12:00": the franja's hours without its code.
pub fn franja_hours(franja: Franja) -> &'static str {
    franja
        .label()
        .trim_start_matches(franja.code())
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
}

/// What a slot's button says about it.
pub fn slot_state(slot: &SlotView, mine: bool) -> String {
    if mine {
        return "Cupo de este cliente".into();
    }
    if !slot.active {
        return "Cerrado".into();
    }
    match slot.available() {
        0 => "Lleno".into(),
        1 => "1 cupo".into(),
        n => format!("{n} cupos"),
    }
}

/// The booking a pick sends, or what the agent must fill first.
pub fn booking_for(
    interaction_key: &str,
    slot_id: i64,
    kind: &str,
    motivo: &str,
) -> Result<BookVisit, String> {
    let kind = kind.parse::<VisitKind>().ok();
    let motivo = motivo.trim();
    match (kind, motivo.is_empty()) {
        (Some(kind), false) => Ok(BookVisit {
            interaction_key: interaction_key.to_string(),
            slot_id,
            kind,
            motivo: motivo.to_string(),
        }),
        (None, true) => Err(
            "Antes de tomar el cupo, elija el tipo de visita y escriba el motivo de la visita."
                .into(),
        ),
        (None, false) => Err("Antes de tomar el cupo, elija el tipo de visita.".into()),
        (Some(_), true) => Err("Antes de tomar el cupo, escriba el motivo de la visita.".into()),
    }
}

/// The field's answer for a booked visit.
pub fn booked_answer(visit: &VisitView) -> SlotAnswer {
    SlotAnswer::Booked(BookedSlot {
        visit: visit.id,
        slot: visit.slot.id,
        zone: visit.slot.zone.clone(),
        date: visit.slot.date,
        franja: visit.slot.franja,
    })
}

pub fn booked_text(slot: &BookedSlot) -> String {
    format!(
        "Visita agendada: {} {} en {}",
        day_label(slot.date),
        slot.franja.label(),
        slot.zone
    )
}

fn focus_soon(id: &'static str) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

#[component]
pub fn VisitSlot(
    field: Field,
    value: Signal<String>,
    /// The visit kind and reason answered above, sent with the booking.
    kind: Signal<String>,
    motivo: Signal<String>,
    record_id: i64,
    interaction_key: StoredValue<String>,
    on_change: Callback<(String, String)>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let field_id = StoredValue::new(field.id.clone());
    let agenda = LocalResource::new(move || async move {
        availability(record_id, &interaction_key.get_value()).await
    });
    let answer = Memo::new(move |_| SlotAnswer::parse(&value.get()).ok());
    // Showing the list again while a visit stays booked ("Cambiar cupo").
    let changing = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    // A pick before the kind and reason were answered: the note says what
    // is still missing and goes away once both are there.
    let missing = RwSignal::new(false);
    let missing_text = move || {
        missing
            .get()
            .then(|| booking_for("", 0, &kind.get(), &motivo.get()).err())
            .flatten()
    };
    // The element to focus once the reloaded agenda is drawn.
    let focus_after_load = StoredValue::new(None::<&'static str>);

    let store = move |answer: SlotAnswer| on_change.run((field_id.get_value(), answer.value()));

    // The server's booking wins over a stale draft: a reload that lost the
    // last save, or a visit cancelled meanwhile. A "no slot" or "blocked"
    // answer is the agent's own and stays.
    Effect::new(move |_| {
        let Some(Ok(found)) = agenda.get() else {
            return;
        };
        let on_server = found
            .booked
            .filter(|v| v.status == VisitStatus::Agendada)
            .map(|v| booked_answer(&v));
        match (on_server, answer.get_untracked()) {
            (Some(server), current @ (None | Some(SlotAnswer::Booked(_))))
                if current.as_ref() != Some(&server) =>
            {
                store(server);
            }
            (None, Some(SlotAnswer::Booked(_))) => {
                on_change.run((field_id.get_value(), String::new()));
                message.set(Some(
                    "La visita que se había agendado ya no está vigente: elija el cupo de nuevo."
                        .into(),
                ));
            }
            _ => {}
        }
    });

    let reload = move |focus: &'static str| {
        focus_after_load.set_value(Some(focus));
        agenda.refetch();
    };
    let pick = Callback::new(move |slot_id: i64| {
        if busy.get_untracked() {
            return;
        }
        let request = match booking_for(
            &interaction_key.get_value(),
            slot_id,
            &kind.get_untracked(),
            &motivo.get_untracked(),
        ) {
            Ok(request) => request,
            Err(_) => {
                missing.set(true);
                return;
            }
        };
        busy.set(true);
        missing.set(false);
        message.set(None);
        spawn_local(async move {
            match book_visit(&request, &csrf.get_value()).await {
                Ok(visit) => {
                    store(booked_answer(&visit));
                    changing.set(false);
                    reload(SUMMARY_ID);
                }
                Err(err) => {
                    let text = ["slot_id", "motivo", "kind"]
                        .iter()
                        .find_map(|field| err.field_message(field))
                        .unwrap_or_else(|| err.message());
                    message.set(Some(text));
                    // Full since the list loaded, or an outage began: show
                    // the agenda as it is now.
                    if err.status() == Some(409) {
                        reload(LIST_ID);
                    }
                }
            }
            busy.set(false);
        });
    });
    let answer_none = Callback::new(move |()| {
        message.set(None);
        store(SlotAnswer::NoSlot);
    });
    let answer_blocked = Callback::new(move |()| {
        message.set(None);
        store(SlotAnswer::Blocked);
    });
    let change = Callback::new(move |()| {
        message.set(None);
        changing.set(true);
        reload(LIST_ID);
    });
    let keep = Callback::new(move |()| {
        changing.set(false);
        focus_soon(SUMMARY_ID);
    });

    let required = field.needs_answer();
    view! {
        <fieldset class="guide-field visit-slot" aria-required=required.to_string()>
            <legend>{field.label.clone()}{required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}</legend>
            {field.system.clone().map(|s| view! { <span class="guide-system">{s}</span> })}
            {field.help.clone().map(|h| view! { <p class="field-hint">{h}</p> })}
            <Transition fallback=|| view! { <p class="muted" role="status">"Consultando la agenda de la zona…"</p> }>
                {move || Suspend::new(async move {
                    let loaded = agenda.await;
                    if let Some(id) = focus_after_load.get_value() {
                        focus_after_load.set_value(None);
                        focus_soon(id);
                    }
                    match loaded {
                        Ok(found) => view! {
                            <SlotBoard found answer changing busy pick answer_none answer_blocked change keep />
                        }.into_any(),
                        Err(err) => view! { <AgendaError err answer answer_none /> }.into_any(),
                    }
                })}
            </Transition>
            {move || missing_text().or_else(|| message.get()).map(|m| view! { <p class="form-error visit-slot__error" role="alert">{m}</p> })}
        </fieldset>
    }
}

/// The agenda could not be read: the agent can still send the request to
/// the back office.
#[component]
fn AgendaError(
    err: ClientError,
    answer: Memo<Option<SlotAnswer>>,
    answer_none: Callback<()>,
) -> impl IntoView {
    view! {
        <p class="guide-warning">{format!("No fue posible consultar la agenda: {}", err.message())}</p>
        <NoSlotButton answer answer_none />
    }
}

#[component]
fn NoSlotButton(answer: Memo<Option<SlotAnswer>>, answer_none: Callback<()>) -> impl IntoView {
    let chosen = move || answer.get() == Some(SlotAnswer::NoSlot);
    view! {
        <div class="visit-slot__none">
            <button type="button" class="button" aria-pressed=move || chosen().to_string()
                on:click=move |_| answer_none.run(())>
                "No hay cupo en la agenda"
            </button>
            {move || chosen().then(|| view! {
                <p class="visit-slot__state visit-slot__state--none" role="status">
                    "Sin cupo: la solicitud pasa al back office con los datos que escriba abajo."
                </p>
            })}
        </div>
    }
}

#[component]
fn SlotBoard(
    found: Availability,
    answer: Memo<Option<SlotAnswer>>,
    changing: RwSignal<bool>,
    busy: RwSignal<bool>,
    pick: Callback<i64>,
    answer_none: Callback<()>,
    answer_blocked: Callback<()>,
    change: Callback<()>,
    keep: Callback<()>,
) -> impl IntoView {
    let place = match (&found.place.zone, &found.place.node) {
        (Some(zone), Some(node)) => format!("Zona del cliente: {zone} · nodo {node}"),
        (Some(zone), None) => format!("Zona del cliente: {zone}"),
        (None, Some(node)) => format!("Nodo del cliente: {node}"),
        (None, None) => "La base no trae la zona ni la ciudad del cliente.".into(),
    };
    let place = view! { <p class="visit-slot__zone">{place}</p> };

    if let Some(incident) = found.blocked_by {
        let end = incident
            .expected_end
            .map(|at| format!("fin estimado {}", format_date_time(at)))
            .unwrap_or_else(|| "sin fin estimado".into());
        let chosen = move || answer.get() == Some(SlotAnswer::Blocked);
        return view! {
            {place}
            <div class="visit-slot__blocked">
                <p>
                    <strong>"Falla masiva activa en la zona "</strong>
                    {format!(
                        "({}, prioridad {}, {end}): no se agendan visitas mientras dure. El cliente queda vinculado al aviso.",
                        incident.number,
                        incident.priority.label().to_lowercase(),
                    )}
                </p>
                <button type="button" class="button" aria-pressed=move || chosen().to_string()
                    on:click=move |_| answer_blocked.run(())>
                    "Registrar: visita bloqueada por la falla masiva"
                </button>
                {move || chosen().then(|| view! {
                    <p class="visit-slot__state" role="status">{format!("Registrado: sin visita mientras dure el aviso {}.", incident.number)}</p>
                })}
            </div>
        }
        .into_any();
    }

    let mine = found
        .booked
        .as_ref()
        .filter(|v| v.status == VisitStatus::Agendada)
        .map(|v| v.slot.id);
    // Only a change of the booked slot redraws the board: answering "no
    // slot" keeps the focus on its button.
    let booked = Memo::new(move |_| match answer.get() {
        Some(SlotAnswer::Booked(slot)) => Some(slot),
        _ => None,
    });
    let days = StoredValue::new(by_day(&found.slots));
    let no_slots = found.slots.is_empty();

    let list = move || {
        let has_visit = booked.with(Option::is_some);
        let mine = booked.with(|b| b.as_ref().map(|b| b.slot)).or(mine);
        view! {
            <div id=LIST_ID class="visit-slot__list" tabindex="-1" aria-label="Cupos de la agenda"
                aria-busy=move || busy.get().to_string()>
                {no_slots.then(|| view! {
                    <p class="guide-warning">"La agenda de la zona no tiene cupos abiertos en los próximos días."</p>
                })}
                <div class="visit-slot__days">
                    {days.get_value().into_iter().map(|(date, slots)| {
                        let label_id = format!("cupo-dia-{date}");
                        let group_label = label_id.clone();
                        view! {
                            <div class="visit-slot__day" role="group" aria-labelledby=group_label>
                                <p class="visit-slot__date" id=label_id>{day_label(date)}</p>
                                {slots.into_iter().map(|slot| {
                                    let is_mine = mine == Some(slot.id);
                                    let open = is_mine || slot.available() > 0;
                                    let state = slot_state(&slot, is_mine);
                                    let id = slot.id;
                                    view! {
                                        <button type="button" class="visit-slot__slot"
                                            class:visit-slot__slot--full=!open
                                            class:visit-slot__slot--mine=is_mine
                                            class:visit-slot__slot--pm=slot.franja == Franja::Pm
                                            aria-pressed=is_mine.to_string()
                                            disabled=!open
                                            on:click=move |_| pick.run(id)>
                                            <span class="visit-slot__franja">{slot.franja.code()}</span>
                                            <span class="visit-slot__hours">{franja_hours(slot.franja)}</span>
                                            <span class="visit-slot__count">{state}</span>
                                        </button>
                                    }
                                }).collect_view()}
                            </div>
                        }
                    }).collect_view()}
                </div>
                {if has_visit {
                    view! {
                        <div class="visit-slot__none">
                            <button type="button" class="button" on:click=move |_| keep.run(())>"Conservar el cupo agendado"</button>
                        </div>
                    }.into_any()
                } else {
                    view! { <NoSlotButton answer answer_none /> }.into_any()
                }}
                {move || busy.get().then(|| view! { <p class="muted" role="status">"Tomando el cupo…"</p> })}
            </div>
        }
    };

    view! {
        {place}
        {move || match (booked.get(), changing.get()) {
            (Some(slot), false) => view! {
                <div class="visit-slot__booked">
                    <p id=SUMMARY_ID class="visit-slot__state visit-slot__state--booked" tabindex="-1" role="status">
                        {booked_text(&slot)}
                        <span class="muted">{format!(" · visita #{}", slot.visit)}</span>
                    </p>
                    <button type="button" class="button" on:click=move |_| change.run(())>"Cambiar cupo"</button>
                </div>
            }.into_any(),
            _ => list().into_any(),
        }}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::auth::UserRef;
    use chrono::{TimeZone, Utc};

    fn slot(id: i64, day: u32, franja: Franja, capacity: i32, booked: i32) -> SlotView {
        SlotView {
            id,
            zone: "Medellín".into(),
            date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            franja,
            capacity,
            booked,
            active: true,
        }
    }

    #[test]
    fn days_read_in_spanish_with_the_date_first() {
        let monday = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        assert_eq!(day_label(monday), "lunes 16/03/2026");
        assert_eq!(
            day_label(monday + chrono::Days::new(2)),
            "miércoles 18/03/2026"
        );
        assert_eq!(
            day_label(monday + chrono::Days::new(5)),
            "sábado 21/03/2026"
        );
    }

    #[test]
    fn slots_are_grouped_by_day_am_first_and_say_what_is_left() {
        let slots = vec![
            slot(4, 17, Franja::Pm, 2, 0),
            slot(3, 17, Franja::Am, 1, 1),
            slot(1, 16, Franja::Pm, 3, 1),
        ];
        let days = by_day(&slots);
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].1.iter().map(|s| s.id).collect::<Vec<_>>(), [1]);
        assert_eq!(days[1].1.iter().map(|s| s.id).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(franja_hours(Franja::Am), "7:00–12:00");
        assert_eq!(franja_hours(Franja::Pm), "12:00–18:00");
        assert_eq!(slot_state(&slots[0], false), "2 cupos");
        assert_eq!(slot_state(&slot(9, 16, Franja::Am, 2, 1), false), "1 cupo");
        assert_eq!(slot_state(&slots[1], false), "Lleno");
        assert_eq!(slot_state(&slots[1], true), "Cupo de este cliente");
        let mut closed = slots[0].clone();
        closed.active = false;
        assert_eq!(slot_state(&closed, false), "Cerrado");
    }

    #[test]
    fn a_booking_needs_the_kind_and_the_reason() {
        assert_eq!(
            booking_for("k", 3, "", " "),
            Err(
                "Antes de tomar el cupo, elija el tipo de visita y escriba el motivo de la visita."
                    .into()
            )
        );
        assert!(
            booking_for("k", 3, "LLS", "")
                .unwrap_err()
                .contains("motivo")
        );
        assert!(
            booking_for("k", 3, "", "Sin señal")
                .unwrap_err()
                .contains("tipo")
        );
        let request = booking_for("k", 3, "OT", " Sin señal ").unwrap();
        assert_eq!(request.kind, VisitKind::Ot);
        assert_eq!(request.motivo, "Sin señal");
        assert_eq!(request.slot_id, 3);
    }

    #[test]
    fn a_booked_visit_becomes_the_fields_answer() {
        let visit = VisitView {
            id: 7,
            record_id: 1,
            cuenta: "1".into(),
            nombre: "Ana".into(),
            case_id: None,
            slot: slot(3, 17, Franja::Am, 1, 1),
            kind: VisitKind::Lls,
            order_number: None,
            motivo: "m".into(),
            status: VisitStatus::Agendada,
            booked_by: UserRef {
                id: 2,
                login: "asesor1".into(),
                name: "Camila".into(),
            },
            booked_at: Utc.with_ymd_and_hms(2026, 3, 10, 15, 0, 0).unwrap(),
            reason: None,
        };
        let answer = booked_answer(&visit);
        assert_eq!(answer.state(), "AGENDADA");
        assert_eq!(SlotAnswer::parse(&answer.value()), Ok(answer.clone()));
        let SlotAnswer::Booked(slot) = answer else {
            unreachable!()
        };
        assert_eq!(
            booked_text(&slot),
            "Visita agendada: martes 17/03/2026 AM (7:00–12:00) en Medellín"
        );
    }
}
