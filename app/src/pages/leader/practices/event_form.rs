//! The event form: a practice or a free "Agenda del líder" item, planned
//! once or repeated; the same form moves, edits or cancels an event.

use crate::api::auth::UserRef;
use crate::api::client::new_request_id;
use crate::api::practices::{
    CalendarEvent, EventChange, EventDraft, PracticeView, RepeatDraft, change_event, create_event,
};
use crate::components::forms::{FieldBox, Problems};
use crate::domain::practices::grid::time_range;
use crate::domain::practices::{Frequency, PracticeKind};
use crate::session::use_session;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the form is for.
#[derive(Debug, Clone, PartialEq)]
pub enum EventTarget {
    New(NaiveDateTime),
    Edit(Box<CalendarEvent>),
}

const WEEKDAYS: [(u8, &str); 6] = [
    (1, "Lun"),
    (2, "Mar"),
    (3, "Mié"),
    (4, "Jue"),
    (5, "Vie"),
    (6, "Sáb"),
];

#[component]
pub fn EventForm(
    target: EventTarget,
    practices: Vec<PracticeView>,
    team: Vec<UserRef>,
    on_done: Callback<String>,
    on_close: Callback<()>,
    /// Opens the record form for this event.
    on_record: Callback<CalendarEvent>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let editing = match &target {
        EventTarget::Edit(event) => Some((**event).clone()),
        EventTarget::New(_) => None,
    };
    let start = match &target {
        EventTarget::New(at) => *at,
        EventTarget::Edit(event) => event.starts_at,
    };
    let kind = RwSignal::new(editing.as_ref().and_then(|e| e.kind));
    let title = RwSignal::new(
        editing
            .as_ref()
            .map(|e| e.title.clone())
            .unwrap_or_default(),
    );
    let date = RwSignal::new(start.date().format("%Y-%m-%d").to_string());
    let time = RwSignal::new(start.time().format("%H:%M").to_string());
    let minutes = RwSignal::new(
        editing
            .as_ref()
            .map(|e| e.minutes.to_string())
            .unwrap_or_default(),
    );
    let participants = RwSignal::new(
        editing
            .as_ref()
            .map(|e| e.participants.iter().map(|p| p.id).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let notes = RwSignal::new(
        editing
            .as_ref()
            .map(|e| e.notes.clone())
            .unwrap_or_default(),
    );
    let repeat = RwSignal::new(None::<Frequency>);
    let weekdays = RwSignal::new(vec![start.date().weekday().number_from_monday() as u8]);
    let until = RwSignal::new(
        (start.date() + chrono::Days::new(27))
            .format("%Y-%m-%d")
            .to_string(),
    );
    let problems = RwSignal::new(Problems::default());
    let pending = RwSignal::new(false);
    let request_id = StoredValue::new(new_request_id());
    let practices = StoredValue::new(practices);
    let editing = StoredValue::new(editing);
    let error = move |names: &'static [&'static str]| {
        Signal::derive(move || problems.with(|p| p.field_any(names)))
    };

    // The practice's usual duration when none was typed.
    let default_minutes = move || {
        kind.get().and_then(|k| {
            practices.with_value(|list| {
                list.iter()
                    .find(|p| p.kind == k)
                    .map(|p| p.duration_minutes)
            })
        })
    };

    let read_start = move || -> Result<NaiveDateTime, Vec<(&'static str, String)>> {
        let day = NaiveDate::parse_from_str(&date.get_untracked(), "%Y-%m-%d");
        let at = NaiveTime::parse_from_str(&time.get_untracked(), "%H:%M");
        match (day, at) {
            (Ok(day), Ok(at)) => Ok(day.and_time(at)),
            _ => Err(vec![(
                "starts_at",
                "Indique la fecha y la hora de inicio.".into(),
            )]),
        }
    };
    let read_minutes = move || -> Result<Option<u32>, Vec<(&'static str, String)>> {
        let text = minutes.get_untracked();
        if text.trim().is_empty() {
            return Ok(None);
        }
        text.trim()
            .parse::<u32>()
            .map(Some)
            .map_err(|_| vec![("minutes", "La duración es un número de minutos.".into())])
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let (starts_at, length) = match (read_start(), read_minutes()) {
            (Ok(s), Ok(m)) => (s, m),
            (Err(a), Err(b)) => {
                problems.set(Problems::local(a.into_iter().chain(b).collect()));
                return;
            }
            (Err(p), _) | (_, Err(p)) => {
                problems.set(Problems::local(p));
                return;
            }
        };
        problems.set(Problems::default());
        pending.set(true);
        let csrf = csrf.get_value();
        match editing.get_value() {
            None => {
                let draft = EventDraft {
                    request_id: request_id.get_value(),
                    kind: kind.get_untracked(),
                    title: title.get_untracked(),
                    starts_at,
                    minutes: length,
                    participants: participants.get_untracked(),
                    notes: notes.get_untracked(),
                    repeat: repeat.get_untracked().map(|frequency| RepeatDraft {
                        frequency,
                        weekdays: weekdays.get_untracked(),
                        until: NaiveDate::parse_from_str(&until.get_untracked(), "%Y-%m-%d")
                            .unwrap_or(starts_at.date()),
                    }),
                };
                spawn_local(async move {
                    match create_event(&draft, &csrf).await {
                        Ok(events) => {
                            let crossing = events
                                .iter()
                                .filter(|e| !e.conflicts_with.is_empty())
                                .count();
                            let mut message = if events.len() == 1 {
                                format!("Evento planeado: {}.", events[0].title)
                            } else {
                                format!("Se planearon {} eventos.", events.len())
                            };
                            if crossing > 0 {
                                message.push_str(&format!(
                                    " Atención: {crossing} se cruzan con otros eventos."
                                ));
                            }
                            on_done.run(message);
                        }
                        Err(err) => {
                            problems.try_set(Problems::server(err));
                        }
                    }
                    pending.try_set(false);
                });
            }
            Some(event) => {
                let change = EventChange {
                    starts_at,
                    minutes: length.unwrap_or(event.minutes),
                    title: title.get_untracked(),
                    participants: participants.get_untracked(),
                    notes: notes.get_untracked(),
                    cancelled: false,
                };
                spawn_local(async move {
                    match change_event(event.id, &change, &csrf).await {
                        Ok(saved) => on_done.run(format!(
                            "Evento guardado: {}, {}.",
                            saved.title,
                            time_range(saved.starts_at, saved.minutes)
                        )),
                        Err(err) => {
                            problems.try_set(Problems::server(err));
                        }
                    }
                    pending.try_set(false);
                });
            }
        }
    };

    let cancel_event = move |_| {
        let Some(event) = editing.get_value() else {
            return;
        };
        pending.set(true);
        let csrf = csrf.get_value();
        let change = EventChange {
            starts_at: event.starts_at,
            minutes: event.minutes,
            title: event.title.clone(),
            participants: event.participants.iter().map(|p| p.id).collect(),
            notes: event.notes.clone(),
            cancelled: true,
        };
        spawn_local(async move {
            match change_event(event.id, &change, &csrf).await {
                Ok(_) => on_done.run(format!("Evento cancelado: {}.", event.title)),
                Err(err) => {
                    problems.try_set(Problems::server(err));
                }
            }
            pending.try_set(false);
        });
    };

    let heading = if editing.with_value(Option::is_some) {
        "Evento del calendario"
    } else {
        "Nuevo evento"
    };
    let is_new = editing.with_value(Option::is_none);
    let done = editing.with_value(|e| {
        e.as_ref()
            .is_some_and(|e| e.status == crate::api::practices::EventStatus::Realizada)
    });
    let recordable = editing.with_value(|e| e.clone().filter(|e| e.kind.is_some() && !done));
    let conflicts = editing.with_value(|e| e.as_ref().map(|e| e.conflicts_with.len()).unwrap_or(0));

    view! {
        <div class="overlay" on:click=move |_| on_close.run(())>
            <div class="panel overlay__dialog event-form" role="dialog" aria-modal="true"
                aria-labelledby="evento-titulo" on:click=|ev| ev.stop_propagation()
                on:keydown=move |ev| if ev.key() == "Escape" { on_close.run(()) }>
                <h2 id="evento-titulo">{heading}</h2>
                {(conflicts > 0).then(|| view! {
                    <p class="notice" role="status">"Este evento se cruza con otro de su calendario."</p>
                })}
                {done.then(|| view! {
                    <p class="notice" role="status">"Esta práctica ya se registró como realizada."</p>
                })}
                {recordable.map(|event| view! {
                    <button type="button" class="button button--primary button--block"
                        on:click=move |_| on_record.run(event.clone())>
                        "Registrar como realizada"
                    </button>
                })}
                <form class="form-grid" on:submit=submit novalidate>
                    <FieldBox id="evento-practica" label="Práctica" error=error(&["kind"])>
                        <select id="evento-practica" disabled=!is_new
                            on:change=move |ev| {
                                let code = event_target_value(&ev);
                                kind.set(code.parse::<PracticeKind>().ok());
                            }>
                            <option value="" selected=move || kind.get().is_none()>"Agenda libre (sin práctica)"</option>
                            {practices.get_value().into_iter().map(|p| {
                                let code = p.kind.code();
                                view! {
                                    <option value=code selected=move || kind.get() == Some(p.kind)>{p.label.clone()}</option>
                                }
                            }).collect_view()}
                        </select>
                    </FieldBox>
                    <FieldBox id="evento-titulo-campo" label="Título" hint="Para una práctica, si lo deja vacío se usa su nombre." error=error(&["title"])>
                        <input id="evento-titulo-campo" type="text" maxlength="160"
                            prop:value=move || title.get()
                            on:input=move |ev| title.set(event_target_value(&ev)) />
                    </FieldBox>
                    <FieldBox id="evento-fecha" label="Fecha" error=error(&["starts_at"])>
                        <input id="evento-fecha" type="date" required
                            prop:value=move || date.get()
                            on:input=move |ev| date.set(event_target_value(&ev)) />
                    </FieldBox>
                    <FieldBox id="evento-hora" label="Hora de inicio" error=Signal::derive(|| None)>
                        <input id="evento-hora" type="time" step="900" required
                            prop:value=move || time.get()
                            on:input=move |ev| time.set(event_target_value(&ev)) />
                    </FieldBox>
                    <FieldBox id="evento-minutos" label="Duración (minutos)" error=error(&["minutes"])>
                        <input id="evento-minutos" type="number" min="5" max="480" step="5" inputmode="numeric"
                            placeholder=move || default_minutes().map(|m| m.to_string()).unwrap_or_else(|| "30".into())
                            prop:value=move || minutes.get()
                            on:input=move |ev| minutes.set(event_target_value(&ev)) />
                    </FieldBox>
                    <fieldset class="field field--wide" aria-describedby="evento-participantes-error">
                        <legend>"Participantes de su equipo"</legend>
                        {if team.is_empty() {
                            view! { <p class="muted">"Su equipo no tiene personas activas."</p> }.into_any()
                        } else {
                            view! {
                                <div class="check-list">
                                    {team.into_iter().map(|person| {
                                        let id = person.id;
                                        view! {
                                            <label class="check-row">
                                                <input type="checkbox"
                                                    prop:checked=move || participants.with(|p| p.contains(&id))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        participants.update(|p| {
                                                            p.retain(|x| *x != id);
                                                            if on { p.push(id); }
                                                        });
                                                    } />
                                                {person.name}
                                            </label>
                                        }
                                    }).collect_view()}
                                </div>
                            }.into_any()
                        }}
                        <p class="field-error" id="evento-participantes-error" aria-live="polite">{error(&["participants"])}</p>
                    </fieldset>
                    <FieldBox id="evento-notas" label="Notas" error=error(&["notes"]) wide=true>
                        <textarea id="evento-notas" rows="2" maxlength="2000"
                            prop:value=move || notes.get()
                            on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                    </FieldBox>
                    {is_new.then(|| view! {
                        <fieldset class="field field--wide">
                            <legend>"Repetir"</legend>
                            <div class="segmented" role="group" aria-label="Repetir">
                                {[None, Some(Frequency::Diaria), Some(Frequency::Semanal), Some(Frequency::Quincenal)].into_iter().map(|option| view! {
                                    <button type="button" class="segmented__option"
                                        aria-pressed=move || (repeat.get() == option).to_string()
                                        on:click=move |_| repeat.set(option)>
                                        {option.map(|f| f.label()).unwrap_or("No se repite")}
                                    </button>
                                }).collect_view()}
                            </div>
                            <Show when=move || matches!(repeat.get(), Some(Frequency::Semanal | Frequency::Quincenal))>
                                <div class="chips" role="group" aria-label="Días de la semana">
                                    {WEEKDAYS.into_iter().map(|(n, label)| view! {
                                        <label class="check-row">
                                            <input type="checkbox"
                                                prop:checked=move || weekdays.with(|w| w.contains(&n))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    weekdays.update(|w| {
                                                        w.retain(|x| *x != n);
                                                        if on { w.push(n); w.sort(); }
                                                    });
                                                } />
                                            {label}
                                        </label>
                                    }).collect_view()}
                                </div>
                                <p class="field-error" aria-live="polite">{error(&["weekdays"])}</p>
                            </Show>
                            <Show when=move || repeat.get().is_some()>
                                <FieldBox id="evento-hasta" label="Hasta" error=error(&["until", "repeat"])>
                                    <input id="evento-hasta" type="date"
                                        prop:value=move || until.get()
                                        on:input=move |ev| until.set(event_target_value(&ev)) />
                                </FieldBox>
                            </Show>
                        </fieldset>
                    })}
                    <p class="form-error" role="alert">{move || problems.with(|p| p.summary())}</p>
                    <div class="form-actions">
                        <button type="submit" class="button button--primary" disabled=move || pending.get() || done>
                            {if is_new { "Planear" } else { "Guardar cambios" }}
                        </button>
                        {(!is_new && !done).then(|| view! {
                            <button type="button" class="button button--danger" disabled=move || pending.get()
                                on:click=cancel_event>"Cancelar evento"</button>
                        })}
                        <button type="button" class="button button--quiet" on:click=move |_| on_close.run(())>"Cerrar"</button>
                    </div>
                </form>
            </div>
        </div>
    }
}
