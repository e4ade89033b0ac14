//! The leader's calendar (SPEC §6): day, week and month views, "planificar
//! semana", events created with a tap and moved by dragging, practices
//! recorded from them (kept on the device when the network drops), today's
//! reminders, and the `.ics` address for Outlook or Google Calendar.

use super::event_form::{EventForm, EventTarget};
use super::record_form::{RecordForm, RecordTarget};
use super::tabs::PracticeTabs;
use super::time_grid::TimeGrid;
use crate::api::client::new_request_id;
use crate::api::practices::{
    CalendarEvent, CalendarView, EventChange, EventStatus, PracticeView, WeekPlanRequest, calendar,
    change_event, feed_link, list_catalog, plan_week,
};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::components::practice_outbox;
use crate::domain::local_time::to_local;
use crate::domain::practices::grid::{day_title, month_days, month_name, time_range, week_title};
use crate::domain::practices::recurrence::week_start;
use crate::paths::page;
use crate::session::use_session;
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Dia,
    Semana,
    Mes,
}

impl Mode {
    fn label(self) -> &'static str {
        match self {
            Mode::Dia => "Día",
            Mode::Semana => "Semana",
            Mode::Mes => "Mes",
        }
    }
}

fn range(mode: Mode, anchor: NaiveDate) -> (NaiveDate, NaiveDate) {
    match mode {
        Mode::Dia => (anchor, anchor),
        Mode::Semana => {
            let monday = week_start(anchor);
            (monday, monday + Days::new(6))
        }
        Mode::Mes => {
            let days = month_days(anchor);
            (days[0], days[days.len() - 1])
        }
    }
}

fn step(mode: Mode, anchor: NaiveDate, forward: bool) -> NaiveDate {
    match (mode, forward) {
        (Mode::Dia, true) => anchor + Days::new(1),
        (Mode::Dia, false) => anchor - Days::new(1),
        (Mode::Semana, true) => anchor + Days::new(7),
        (Mode::Semana, false) => anchor - Days::new(7),
        (Mode::Mes, true) => anchor + Months::new(1),
        (Mode::Mes, false) => anchor - Months::new(1),
    }
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    view! {
        <Page title="Calendario" path=page::CALENDAR>
            <PracticeTabs />
            <CalendarWork />
        </Page>
    }
}

#[component]
fn CalendarWork() -> impl IntoView {
    let session = use_session();
    let role = session.user.role;
    let me = session.user.id;
    let csrf = StoredValue::new(session.csrf_token);
    let today = use_today();
    let mode = RwSignal::new(Mode::Semana);
    let anchor = RwSignal::new(today.get_untracked());
    let reload = RwSignal::new(0_u32);
    let message = RwSignal::new(None::<String>);
    let editing = RwSignal::new(None::<EventTarget>);
    let recording = RwSignal::new(None::<RecordTarget>);
    let feed = RwSignal::new(None::<String>);
    let waiting = RwSignal::new(practice_outbox::pending(me).len());
    let planning = RwSignal::new(false);

    let data = LocalResource::new(move || {
        let (from, to) = range(mode.get(), anchor.get());
        reload.track();
        async move { calendar(from, to, None).await }
    });
    let catalog = LocalResource::new(list_catalog);
    // Today's plan for the reminders, whatever the view shows.
    let todays = LocalResource::new(move || {
        let today = today.get();
        reload.track();
        async move { calendar(today, today, None).await }
    });

    // Records kept on the device go out on arrival and when the network
    // returns.
    let flush = move || {
        let csrf = csrf.get_value();
        spawn_local(async move {
            let (saved, refused) = practice_outbox::flush(me, &csrf).await;
            waiting.try_set(practice_outbox::pending(me).len());
            if saved > 0 || !refused.is_empty() {
                let mut text =
                    format!("Se enviaron {saved} registros que estaban guardados en este equipo.");
                for reason in refused {
                    text.push_str(&format!(" Uno no se aceptó: {reason}"));
                }
                message.try_set(Some(text));
                reload.try_update(|n| *n += 1);
            }
        });
    };
    Effect::new(move |_| flush());
    let _online = window_event_listener(leptos::ev::online, move |_| flush());

    let done = Callback::new(move |text: String| {
        editing.set(None);
        recording.set(None);
        message.set(Some(text));
        waiting.set(practice_outbox::pending(me).len());
        reload.update(|n| *n += 1);
    });
    let close = Callback::new(move |()| {
        editing.set(None);
        recording.set(None);
    });
    let on_new = Callback::new(move |at: NaiveDateTime| editing.set(Some(EventTarget::New(at))));
    let on_open = Callback::new(move |event: CalendarEvent| {
        editing.set(Some(EventTarget::Edit(Box::new(event))))
    });
    let practices_of_role = move || -> Vec<PracticeView> {
        catalog
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.active && p.goals.iter().any(|g| g.role == role))
            .collect()
    };
    let on_record = Callback::new(move |event: CalendarEvent| {
        let Some(kind) = event.kind else { return };
        let duration = practices_of_role()
            .iter()
            .find(|p| p.kind == kind)
            .map_or(30, |p| p.duration_minutes);
        editing.set(None);
        recording.set(Some(RecordTarget {
            kind,
            event: Some(event),
            duration,
        }));
    });
    let on_move = Callback::new(move |(event, to): (CalendarEvent, NaiveDateTime)| {
        let change = EventChange {
            starts_at: to,
            minutes: event.minutes,
            title: event.title.clone(),
            participants: event.participants.iter().map(|p| p.id).collect(),
            notes: event.notes.clone(),
            cancelled: false,
        };
        let csrf = csrf.get_value();
        spawn_local(async move {
            let text = match change_event(event.id, &change, &csrf).await {
                Ok(saved) => {
                    let mut text = format!(
                        "{} movido a {} {}.",
                        saved.title,
                        day_title(saved.starts_at.date()),
                        time_range(saved.starts_at, saved.minutes)
                    );
                    if !saved.conflicts_with.is_empty() {
                        text.push_str(" Atención: se cruza con otro evento.");
                    }
                    text
                }
                Err(err) => format!("No se pudo mover el evento: {}", err.message()),
            };
            message.try_set(Some(text));
            reload.try_update(|n| *n += 1);
        });
    });

    let plan = move |_| {
        if planning.get_untracked() {
            return;
        }
        planning.set(true);
        let request = WeekPlanRequest {
            request_id: new_request_id(),
            week: anchor.get_untracked(),
        };
        let csrf = csrf.get_value();
        spawn_local(async move {
            let text = match plan_week(&request, &csrf).await {
                Ok(events) if events.is_empty() => {
                    "La semana ya tiene planeadas todas sus prácticas.".to_string()
                }
                Ok(events) => {
                    let crossing = events
                        .iter()
                        .filter(|e| !e.conflicts_with.is_empty())
                        .count();
                    let mut text = format!(
                        "Semana planificada: {} prácticas en su calendario.",
                        events.len()
                    );
                    if crossing > 0 {
                        text.push_str(&format!(
                            " {crossing} se cruzan con otros eventos: revíselas."
                        ));
                    }
                    text
                }
                Err(err) => format!("No se pudo planificar la semana: {}", err.message()),
            };
            mode.try_set(Mode::Semana);
            message.try_set(Some(text));
            planning.try_set(false);
            reload.try_update(|n| *n += 1);
        });
    };

    let subscribe = move |_| {
        let csrf = csrf.get_value();
        spawn_local(async move {
            match feed_link(&csrf).await {
                Ok(link) => {
                    let origin = window().location().origin().unwrap_or_default();
                    feed.try_set(Some(format!("{origin}{}", link.path)));
                }
                Err(err) => {
                    message.try_set(Some(format!(
                        "No se pudo crear la dirección: {}",
                        err.message()
                    )));
                }
            }
        });
    };

    let title = move || {
        let a = anchor.get();
        capitalized(&match mode.get() {
            Mode::Dia => day_title(a),
            Mode::Semana => week_title(week_start(a)),
            Mode::Mes => format!("{} de {}", month_name(a.month()), a.year()),
        })
    };

    view! {
        <TodayReminder todays />
        <section class="panel calendar" aria-labelledby="calendario-titulo">
            <div class="calendar-toolbar">
                <h2 id="calendario-titulo" aria-live="polite">{title}</h2>
                <div class="button-row">
                    <button type="button" class="button" on:click=move |_| anchor.update(|a| *a = step(mode.get_untracked(), *a, false))
                        aria-label="Anterior">"‹"</button>
                    <button type="button" class="button" on:click=move |_| anchor.set(today.get_untracked())>"Hoy"</button>
                    <button type="button" class="button" on:click=move |_| anchor.update(|a| *a = step(mode.get_untracked(), *a, true))
                        aria-label="Siguiente">"›"</button>
                </div>
                <div class="segmented" role="group" aria-label="Vista">
                    {[Mode::Dia, Mode::Semana, Mode::Mes].into_iter().map(|option| view! {
                        <button type="button" class="segmented__option"
                            aria-pressed=move || (mode.get() == option).to_string()
                            on:click=move |_| mode.set(option)>{option.label()}</button>
                    }).collect_view()}
                </div>
                <div class="button-row">
                    <button type="button" class="button button--primary" on:click=plan disabled=move || planning.get()>
                        "Planificar semana"
                    </button>
                    <button type="button" class="button"
                        on:click=move |_| editing.set(Some(EventTarget::New(anchor.get_untracked().and_hms_opt(9, 0, 0).unwrap_or_default())))>
                        "Nuevo evento"
                    </button>
                    <button type="button" class="button button--quiet" on:click=subscribe>"Suscribirse (.ics)"</button>
                </div>
            </div>
            {move || message.get().map(|text| view! {
                <p class="form-success" role="status">{text}</p>
            })}
            {move || (waiting.get() > 0).then(|| view! {
                <p class="notice" role="status">
                    {format!("{} registro(s) guardado(s) en este equipo esperan la conexión para enviarse.", waiting.get())}
                </p>
            })}
            {move || feed.get().map(|url| view! {
                <div class="notice calendar-feed">
                    <label for="calendario-ics">"Dirección para suscribirse desde Outlook o Google Calendar (no la comparta):"</label>
                    <input id="calendario-ics" type="text" readonly prop:value=url />
                </div>
            })}
            <Suspense fallback=|| view! { <Loading label="Cargando el calendario…" /> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(err) => view! {
                            <ErrorPanel title="No se pudo cargar el calendario" message=err.message() retry=true />
                        }.into_any(),
                        Ok(view) => render_view(mode.get_untracked(), anchor.get_untracked(), today.get_untracked(), view,
                            on_new, on_open, on_move, anchor, mode).into_any(),
                    }
                })}
            </Suspense>
        </section>
        {move || editing.get().map(|target| {
            let team = data.get().and_then(Result::ok).map(|v| v.team).unwrap_or_default();
            view! {
                <EventForm target practices=practices_of_role() team on_done=done on_close=close on_record />
            }
        })}
        {move || recording.get().map(|target| {
            let team = data.get().and_then(Result::ok).map(|v| v.team).unwrap_or_default();
            view! { <RecordForm target team on_done=done on_close=close /> }
        })}
        <QuickRecord practices=Signal::derive(practices_of_role) recording />
    }
}

/// "Lunes 23 de noviembre": a heading starts with a capital, the rest as
/// Spanish writes it.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn render_view(
    mode: Mode,
    anchor: NaiveDate,
    today: NaiveDate,
    view: CalendarView,
    on_new: Callback<NaiveDateTime>,
    on_open: Callback<CalendarEvent>,
    on_move: Callback<(CalendarEvent, NaiveDateTime)>,
    anchor_signal: RwSignal<NaiveDate>,
    mode_signal: RwSignal<Mode>,
) -> impl IntoView {
    let (from, to) = range(mode, anchor);
    match mode {
        Mode::Dia | Mode::Semana => {
            let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
            view! { <TimeGrid days events=view.events today on_new on_open on_move /> }.into_any()
        }
        Mode::Mes => {
            let days = month_days(anchor);
            let month = anchor.month();
            view! {
                <div class="month-grid" role="grid" aria-label="Mes">
                    {["lun", "mar", "mié", "jue", "vie", "sáb", "dom"].into_iter().map(|d| view! {
                        <span class="month-grid__name" role="columnheader">{d}</span>
                    }).collect_view()}
                    {days.into_iter().map(|day| {
                        let events: Vec<CalendarEvent> = view.events.iter().filter(|e| e.starts_at.date() == day).cloned().collect();
                        let count = events.len();
                        view! {
                            <button type="button" class="month-grid__day" role="gridcell"
                                class:month-grid__day--other=day.month() != month
                                class:month-grid__day--today=day == today
                                aria-label=format!("{}: {} eventos", day_title(day), count)
                                on:click=move |_| { anchor_signal.set(day); mode_signal.set(Mode::Dia); }>
                                <span class="month-grid__number">{day.day()}</span>
                                {events.iter().take(3).map(|e| view! {
                                    <span class="month-grid__event" class:month-grid__event--conflict=!e.conflicts_with.is_empty()>
                                        {format!("{} {}", e.starts_at.format("%H:%M"), e.title)}
                                    </span>
                                }).collect_view()}
                                {(count > 3).then(|| view! { <span class="month-grid__more">{format!("+{} más", count - 3)}</span> })}
                            </button>
                        }
                    }).collect_view()}
                </div>
            }.into_any()
        }
    }
}

/// Today's plan on the leader's home page (the calendar shows its own).
#[component]
pub fn TodayPlan() -> impl IntoView {
    let today = use_today();
    let todays = LocalResource::new(move || {
        let today = today.get();
        calendar(today, today, None)
    });
    view! { <TodayReminder todays /> }
}

/// Today's date in Bogotá, kept current: a tablet left open overnight
/// reminds of the new day's plan, and "Hoy" goes to the new day.
fn use_today() -> ReadSignal<NaiveDate> {
    let (today, set_today) = signal(to_local(Utc::now()).date());
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(
            move || {
                let now = to_local(Utc::now()).date();
                if now != today.get_untracked() {
                    set_today.set(now);
                }
            },
            std::time::Duration::from_secs(60),
        );
        on_cleanup(move || {
            if let Ok(handle) = handle {
                handle.clear();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_today;
    today
}

/// "Hoy tiene planeado": the practices of today still to do, and a
/// reminder when one is about to start.
#[component]
fn TodayReminder(
    todays: LocalResource<Result<CalendarView, crate::api::client::ClientError>>,
) -> impl IntoView {
    let now = RwSignal::new(to_local(Utc::now()));
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(
            move || now.set(to_local(Utc::now())),
            std::time::Duration::from_secs(30),
        );
        on_cleanup(move || {
            if let Ok(handle) = handle {
                handle.clear();
            }
        });
    }
    view! {
        {move || {
            let planned: Vec<CalendarEvent> = todays
                .get()
                .and_then(Result::ok)
                .map(|v| v.events)
                .unwrap_or_default()
                .into_iter()
                .filter(|e| e.kind.is_some() && e.status == EventStatus::Planeada)
                .collect();
            (!planned.is_empty()).then(|| {
                let at = now.get();
                let soon = planned.iter().find(|e| {
                    let minutes = (e.starts_at - at).num_minutes();
                    (0..=15).contains(&minutes)
                });
                view! {
                    <section class="panel panel--notice today-reminder" aria-labelledby="hoy-titulo">
                        <h2 id="hoy-titulo">"Hoy tiene planeado"</h2>
                        {soon.map(|e| view! {
                            <p class="today-reminder__soon" role="alert">
                                {format!("En {} minutos: {}.", (e.starts_at - at).num_minutes(), e.title)}
                            </p>
                        })}
                        <ul class="plain-list">
                            {planned.iter().map(|e| view! {
                                <li>{format!("{} — {}", time_range(e.starts_at, e.minutes), e.title)}</li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })
        }}
    }
}

/// Recording a practice done without a planned event.
#[component]
fn QuickRecord(
    practices: Signal<Vec<PracticeView>>,
    recording: RwSignal<Option<RecordTarget>>,
) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="registrar-titulo">
            <h2 id="registrar-titulo">"Registrar una práctica realizada"</h2>
            <p class="muted">"Para una práctica que no estaba en el calendario. Las planeadas se registran desde su evento."</p>
            <div class="button-row">
                {move || practices.get().into_iter().map(|p| {
                    let kind = p.kind;
                    let duration = p.duration_minutes;
                    view! {
                        <button type="button" class="button"
                            on:click=move |_| recording.set(Some(RecordTarget { kind, event: None, duration }))>
                            {p.label.clone()}
                        </button>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}
