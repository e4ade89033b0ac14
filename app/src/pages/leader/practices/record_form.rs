//! Recording a practice done, per kind: a diálogo shows the team's
//! indicators of the previous day or week to talk over; a confirmación de
//! proceso is the guide's checklist filled while observing an agent, with
//! a score and feedback the agent reads; a confirmación de funciones
//! observes a leader; a mejora continua or circuito goes over the ideas
//! board; the others record what was agreed. On a tablet with
//! a flaky network the record is kept on the device until it is sent.

use super::adherence::OwnWeekAdherence;
use super::barometer_fields::{BarometerFields, BarometerInput};
use super::ideas_agenda::IdeasAgenda;
use crate::api::auth::UserRef;
use crate::api::client::new_request_id;
use crate::api::kpis::{ChecklistItem, monitoring_checklist, report};
use crate::api::practices::{CalendarEvent, RecordDetails, RecordDraft};
use crate::components::feedback::Loading;
use crate::components::forms::{FieldBox, Problems};
use crate::components::practice_outbox::{Sent, send};
use crate::domain::kpis::{Kpi, KpiFilters, Period};
use crate::domain::local_time::to_local;
use crate::domain::monitoring::{Mark, format_score, live_score, marked};
use crate::domain::practices::PracticeKind;
use crate::domain::practices::recurrence::{previous_workday, week_start};
use crate::session::use_session;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What is being recorded: a practice, from its planned event or not.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordTarget {
    pub kind: PracticeKind,
    pub event: Option<CalendarEvent>,
    pub duration: u32,
}

#[component]
pub fn RecordForm(
    target: RecordTarget,
    team: Vec<UserRef>,
    on_done: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let kind = target.kind;
    let now = to_local(Utc::now());
    let start = record_start(target.event.as_ref(), now);
    let date = RwSignal::new(start.date().format("%Y-%m-%d").to_string());
    let time = RwSignal::new(start.time().format("%H:%M").to_string());
    let minutes = RwSignal::new(
        target
            .event
            .as_ref()
            .map(|e| e.minutes)
            .unwrap_or(target.duration)
            .to_string(),
    );
    let participants = RwSignal::new(
        target
            .event
            .as_ref()
            .map(|e| e.participants.iter().map(|p| p.id).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let notes = RwSignal::new(String::new());
    let agreements = RwSignal::new(String::new());
    let agent = RwSignal::new(None::<i64>);
    let marks: RwSignal<Vec<Option<Mark>>> = RwSignal::new(Vec::new());
    let feedback = RwSignal::new(String::new());
    let observed = RwSignal::new(None::<i64>);
    let observed_practice = RwSignal::new(PracticeKind::DialogoDiario);
    let strengths = RwSignal::new(String::new());
    let opportunities = RwSignal::new(String::new());
    let problems = RwSignal::new(Problems::default());
    let pending = RwSignal::new(false);
    let client_id = StoredValue::new(new_request_id());
    let event_id = target.event.as_ref().map(|e| e.id);
    let error = move |names: &'static [&'static str]| {
        Signal::derive(move || problems.with(|p| p.field_any(names)))
    };
    let checklist: RwSignal<Vec<ChecklistItem>> = RwSignal::new(Vec::new());
    let barometer = BarometerInput::new(now.date());
    let me = use_session().user;
    let leader_id = me.id;
    let me = UserRef {
        id: me.id,
        login: me.login,
        name: me.name,
    };
    // The leader first: who may own a barómetro plan.
    let owners: Vec<UserRef> = std::iter::once(me).chain(team.iter().cloned()).collect();
    let owner_ids: Vec<i64> = owners.iter().map(|o| o.id).collect();
    if kind == PracticeKind::ConfirmacionProceso {
        spawn_local(async move {
            if let Ok(items) = monitoring_checklist().await {
                marks.try_set(vec![None; items.len()]);
                checklist.try_set(items);
            }
        });
    }
    let score =
        Signal::derive(move || checklist.with(|items| marks.with(|m| live_score(items, m))));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let started = NaiveDate::parse_from_str(&date.get_untracked(), "%Y-%m-%d")
            .ok()
            .zip(NaiveTime::parse_from_str(&time.get_untracked(), "%H:%M").ok())
            .map(|(d, t)| d.and_time(t));
        let length = minutes.get_untracked().trim().parse::<u32>().ok();
        let mut local = Vec::new();
        if started.is_none() {
            local.push(("started_at", "Indique la fecha y la hora.".to_string()));
        }
        if length.is_none() {
            local.push((
                "minutes",
                "La duración es un número de minutos.".to_string(),
            ));
        }
        let details = match kind {
            PracticeKind::ConfirmacionProceso => {
                if agent.get_untracked().is_none() {
                    local.push(("agent_id", "Elija el asesor observado.".to_string()));
                }
                RecordDetails::ConfirmacionProceso {
                    agent_id: agent.get_untracked().unwrap_or_default(),
                    checklist: checklist
                        .with_untracked(|items| marks.with_untracked(|m| marked(items, m))),
                    feedback: feedback.get_untracked(),
                }
            }
            PracticeKind::ConfirmacionFunciones => {
                if observed.get_untracked().is_none() {
                    local.push(("observed_id", "Elija el líder observado.".to_string()));
                }
                RecordDetails::ConfirmacionFunciones {
                    observed_id: observed.get_untracked().unwrap_or_default(),
                    practice: observed_practice.get_untracked(),
                    strengths: strengths.get_untracked(),
                    opportunities: opportunities.get_untracked(),
                }
            }
            PracticeKind::Barometro => {
                barometer.details(started.map(|s| s.date()), &owner_ids, &mut local)
            }
            _ => RecordDetails::General {
                agreements: agreements.get_untracked(),
            },
        };
        let (Some(started_at), Some(length)) = (started, length) else {
            problems.set(Problems::local(local));
            return;
        };
        if !local.is_empty() {
            problems.set(Problems::local(local));
            return;
        }
        let draft = RecordDraft {
            client_id: client_id.get_value(),
            kind,
            event_id,
            started_at,
            minutes: length,
            participants: participants.get_untracked(),
            notes: notes.get_untracked(),
            details,
        };
        problems.set(Problems::default());
        pending.set(true);
        let csrf = csrf.get_value();
        spawn_local(async move {
            match send(leader_id, draft, &csrf).await {
                Sent::Saved(saved) => {
                    let score = saved
                        .score
                        .map(|s| format!(" Nota: {} de 100.", format_score(s)))
                        .unwrap_or_default();
                    on_done.run(format!("Práctica registrada: {}.{score}", kind.label()));
                }
                Sent::Kept => on_done.run(
                    "Sin conexión: el registro quedó guardado en este equipo y se enviará en cuanto vuelva la red."
                        .into(),
                ),
                Sent::Refused(message) => {
                    problems.try_set(Problems::local(vec![("details", message)]));
                }
            }
            pending.try_set(false);
        });
    };

    let team = StoredValue::new(team);
    let people = move || team.get_value();

    view! {
        <div class="overlay" on:click=move |_| on_close.run(())>
            <div class="panel overlay__dialog record-form" role="dialog" aria-modal="true"
                aria-labelledby="registro-titulo" on:click=|ev| ev.stop_propagation()
                on:keydown=move |ev| if ev.key() == "Escape" { on_close.run(()) }>
                <h2 id="registro-titulo">{format!("Registrar: {}", kind.label())}</h2>
                <p class="muted">{kind.purpose()}</p>
                {matches!(kind, PracticeKind::DialogoDiario | PracticeKind::DialogoSemanal)
                    .then(|| view! { <DialogueFigures weekly=kind == PracticeKind::DialogoSemanal today=now.date() /> })}
                {(kind == PracticeKind::Adherencia).then(|| view! { <OwnWeekAdherence /> })}
                {matches!(kind, PracticeKind::MejoraContinua | PracticeKind::CircuitoMejora)
                    .then(|| view! { <IdeasAgenda circuit=kind == PracticeKind::CircuitoMejora /> })}
                <form class="form-grid" on:submit=submit novalidate>
                    <FieldBox id="registro-fecha" label="Fecha" error=error(&["started_at"])>
                        <input id="registro-fecha" type="date" prop:value=move || date.get()
                            on:input=move |ev| date.set(event_target_value(&ev)) />
                    </FieldBox>
                    <FieldBox id="registro-hora" label="Hora" error=Signal::derive(|| None)>
                        <input id="registro-hora" type="time" prop:value=move || time.get()
                            on:input=move |ev| time.set(event_target_value(&ev)) />
                    </FieldBox>
                    <FieldBox id="registro-minutos" label="Duración (minutos)" error=error(&["minutes"])>
                        <input id="registro-minutos" type="number" min="1" max="480" inputmode="numeric"
                            prop:value=move || minutes.get()
                            on:input=move |ev| minutes.set(event_target_value(&ev)) />
                    </FieldBox>
                    {match kind {
                        PracticeKind::ConfirmacionProceso => view! {
                            <FieldBox id="registro-asesor" label="Asesor observado" error=error(&["agent_id"])>
                                <select id="registro-asesor" on:change=move |ev| agent.set(event_target_value(&ev).parse().ok())>
                                    <option value="">"Elija un asesor"</option>
                                    {people().into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                                </select>
                            </FieldBox>
                            <fieldset class="field field--wide">
                                <legend>"Pasos de la guía observados"</legend>
                                <Show when=move || checklist.with(|c| !c.is_empty())
                                    fallback=|| view! { <Loading label="Cargando los pasos de la guía…" /> }>
                                    <ol class="monitoring-steps">
                                        {move || checklist.get().into_iter().enumerate().map(|(i, item)| view! {
                                            <li class="process-step">
                                                <span>{item.label.clone()}</span>
                                                <div class="segmented" role="radiogroup" aria-label=item.label.clone()>
                                                    {Mark::ALL.into_iter().map(|mark| view! {
                                                        <button type="button" class="segmented__option" role="radio"
                                                            aria-checked=move || marks.with(|m| (m.get(i).copied().flatten() == Some(mark)).to_string())
                                                            aria-pressed=move || marks.with(|m| (m.get(i).copied().flatten() == Some(mark)).to_string())
                                                            on:click=move |_| marks.update(|m| if let Some(slot) = m.get_mut(i) { *slot = Some(mark) })>
                                                            {mark.label()}
                                                        </button>
                                                    }).collect_view()}
                                                </div>
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                </Show>
                                <p class="process-score" role="status" aria-live="polite">
                                    {move || match score.get() {
                                        Some(s) => format!("Nota: {} de 100", format_score(s)),
                                        None => "Nota: marque los pasos observados".into(),
                                    }}
                                </p>
                                <p class="field-error" aria-live="polite">{error(&["checklist"])}</p>
                            </fieldset>
                            <FieldBox id="registro-retro" label="Retroalimentación para el asesor" error=error(&["feedback"]) wide=true>
                                <textarea id="registro-retro" rows="3" maxlength="2000"
                                    prop:value=move || feedback.get()
                                    on:input=move |ev| feedback.set(event_target_value(&ev))></textarea>
                            </FieldBox>
                        }.into_any(),
                        PracticeKind::ConfirmacionFunciones => view! {
                            <FieldBox id="registro-observado" label="Líder observado" error=error(&["observed_id"])>
                                <select id="registro-observado" on:change=move |ev| observed.set(event_target_value(&ev).parse().ok())>
                                    <option value="">"Elija un líder"</option>
                                    {people().into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                                </select>
                            </FieldBox>
                            <FieldBox id="registro-practica-observada" label="Práctica que dirigía" error=error(&["practice"])>
                                <select id="registro-practica-observada"
                                    on:change=move |ev| if let Ok(k) = event_target_value(&ev).parse() { observed_practice.set(k) }>
                                    {PracticeKind::ALL.into_iter().filter(|k| *k != PracticeKind::ConfirmacionFunciones).map(|k| view! {
                                        <option value=k.code()>{k.label()}</option>
                                    }).collect_view()}
                                </select>
                            </FieldBox>
                            <FieldBox id="registro-fortalezas" label="Fortalezas" error=error(&["strengths"]) wide=true>
                                <textarea id="registro-fortalezas" rows="2" maxlength="2000"
                                    prop:value=move || strengths.get()
                                    on:input=move |ev| strengths.set(event_target_value(&ev))></textarea>
                            </FieldBox>
                            <FieldBox id="registro-oportunidades" label="Oportunidades de mejora" error=Signal::derive(|| None) wide=true>
                                <textarea id="registro-oportunidades" rows="2" maxlength="2000"
                                    prop:value=move || opportunities.get()
                                    on:input=move |ev| opportunities.set(event_target_value(&ev))></textarea>
                            </FieldBox>
                        }.into_any(),
                        PracticeKind::Barometro => view! {
                            <BarometerFields input=barometer owners=owners.clone()
                                error=Callback::new(move |name: &'static str| Signal::derive(move || problems.with(|p| p.field(name)))) />
                        }.into_any(),
                        _ => view! {
                            <FieldBox id="registro-acuerdos" label="Acuerdos" error=error(&["agreements"]) wide=true>
                                <textarea id="registro-acuerdos" rows="3" maxlength="2000"
                                    prop:value=move || agreements.get()
                                    on:input=move |ev| agreements.set(event_target_value(&ev))></textarea>
                            </FieldBox>
                        }.into_any(),
                    }}
                    <fieldset class="field field--wide">
                        <legend>"Participantes"</legend>
                        <div class="check-list">
                            {people().into_iter().map(|person| {
                                let id = person.id;
                                view! {
                                    <label class="check-row">
                                        <input type="checkbox"
                                            prop:checked=move || participants.with(|p| p.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                participants.update(|p| { p.retain(|x| *x != id); if on { p.push(id); } });
                                            } />
                                        {person.name}
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <FieldBox id="registro-notas" label="Notas" error=error(&["notes"]) wide=true>
                        <textarea id="registro-notas" rows="2" maxlength="2000"
                            prop:value=move || notes.get()
                            on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                    </FieldBox>
                    <p class="form-error" role="alert">{move || problems.with(|p| p.summary())}</p>
                    <div class="form-actions">
                        <button type="submit" class="button button--primary" disabled=move || pending.get()>"Registrar"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| on_close.run(())>"Cerrar"</button>
                    </div>
                </form>
            </div>
        </div>
    }
}

/// The team's indicators of the previous working day (diálogo diario: a
/// Monday's looks at Friday) or
/// the previous week (diálogo semanal), to talk over.
#[component]
fn DialogueFigures(weekly: bool, today: NaiveDate) -> impl IntoView {
    let period = if weekly {
        let monday = week_start(today) - Days::new(7);
        Period::new(monday, monday + Days::new(6))
    } else {
        let day = previous_workday(today);
        Period::new(day, day)
    };
    let heading = if weekly {
        "Indicadores de la semana anterior".to_string()
    } else {
        format!(
            "Indicadores del día hábil anterior ({})",
            previous_workday(today).format("%d/%m/%Y")
        )
    };
    let figures = LocalResource::new(move || {
        let period = period.clone();
        async move {
            match period {
                Ok(period) => report(period, &KpiFilters::default())
                    .await
                    .map(|r| (period, r))
                    .map_err(|e| e.message()),
                Err(message) => Err(message),
            }
        }
    });
    view! {
        <section class="dialogue-figures" aria-labelledby="dialogo-cifras">
            <h3 id="dialogo-cifras">{heading}</h3>
            <Suspense fallback=|| view! { <Loading label="Cargando los indicadores…" /> }>
                {move || Suspend::new(async move {
                    match figures.await {
                        Err(message) => view! { <p class="muted">{format!("No se pudieron cargar los indicadores: {message}")}</p> }.into_any(),
                        Ok((_, report)) => view! {
                            <dl class="facts facts--inline">
                                {Kpi::ALL.into_iter().filter(|k| *k != Kpi::CalidadMec).map(|kpi| {
                                    let value = report.get(kpi);
                                    let text = value.value.map_or_else(|| "—".to_string(), |v| kpi.format(v));
                                    view! { <div><dt>{kpi.label()}</dt><dd>{text}</dd></div> }
                                }).collect_view()}
                            </dl>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// When the form opens on an event still to come, it records now.
pub fn record_start(event: Option<&CalendarEvent>, now: NaiveDateTime) -> NaiveDateTime {
    event
        .map(|e| e.starts_at)
        .filter(|at| *at <= now)
        .unwrap_or(now)
}
