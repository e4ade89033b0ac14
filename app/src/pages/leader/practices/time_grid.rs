//! The day and week grids: hours down, days across, events placed by time.
//! A tap on free time proposes a new event there; an event is opened with a
//! tap (or Enter) and moved by dragging it (or from its form), on a tablet
//! or with a mouse.

use crate::api::practices::CalendarEvent;
use crate::domain::practices::grid::{
    FIRST_HOUR, LAST_HOUR, PX_PER_MINUTE, dragged, grid_height, placement, time_at, time_range,
    weekday_name,
};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use leptos::prelude::*;

/// Below this many pixels a press is a tap, not a drag.
const DRAG_THRESHOLD: f64 = 8.0;

/// A drag in progress: the event, where the pointer went down, and how wide
/// a day column is.
#[derive(Clone)]
struct Drag {
    event: CalendarEvent,
    x: f64,
    y: f64,
    column_width: f64,
    dx: f64,
    dy: f64,
}

#[component]
pub fn TimeGrid(
    days: Vec<NaiveDate>,
    events: Vec<CalendarEvent>,
    today: NaiveDate,
    on_new: Callback<NaiveDateTime>,
    on_open: Callback<CalendarEvent>,
    on_move: Callback<(CalendarEvent, NaiveDateTime)>,
) -> impl IntoView {
    let drag: RwSignal<Option<Drag>> = RwSignal::new(None);
    let hours: Vec<u32> = (FIRST_HOUR..LAST_HOUR).collect();
    let columns = days.len();
    let height = format!("{}px", grid_height());

    let end_drag = move |ev: leptos::ev::PointerEvent| {
        let Some(d) = drag.get_untracked() else {
            return;
        };
        drag.set(None);
        let (dx, dy) = (
            f64::from(ev.client_x()) - d.x,
            f64::from(ev.client_y()) - d.y,
        );
        if dx.abs() < DRAG_THRESHOLD && dy.abs() < DRAG_THRESHOLD {
            on_open.run(d.event);
            return;
        }
        let days_moved = if d.column_width > 0.0 {
            (dx / d.column_width).round() as i64
        } else {
            0
        };
        let to = dragged(d.event.starts_at, d.event.minutes, days_moved, dy);
        if to != d.event.starts_at {
            on_move.run((d.event, to));
        }
    };

    view! {
        <div class="time-grid" style=format!("--columns: {columns}")
            role="grid" aria-label="Calendario por horas">
            <div class="time-grid__head" role="row">
                <span class="time-grid__corner" aria-hidden="true"></span>
                {days.iter().map(|day| {
                    let label = format!("{} {}", weekday_name(*day), day.day());
                    view! {
                        <span role="columnheader" class="time-grid__day-name"
                            class:time-grid__day-name--today=*day == today>
                            {label}
                        </span>
                    }
                }).collect_view()}
            </div>
            <div class="time-grid__body" role="row">
                <div class="time-grid__hours" aria-hidden="true" style:height=height.clone()>
                    {hours.iter().map(|hour| view! {
                        <span class="time-grid__hour"
                            style:top=format!("{}px", f64::from((hour - FIRST_HOUR) * 60) * PX_PER_MINUTE)>
                            {format!("{hour:02}:00")}
                        </span>
                    }).collect_view()}
                </div>
                {days.iter().map(|day| {
                    let day = *day;
                    let mine: Vec<CalendarEvent> = events
                        .iter()
                        .filter(|e| e.starts_at.date() == day)
                        .cloned()
                        .collect();
                    let tap = move |ev: leptos::ev::MouseEvent| {
                        // Only taps on free time: events handle their own.
                        if ev.target() != ev.current_target() {
                            return;
                        }
                        on_new.run(day.and_time(time_at(f64::from(ev.offset_y()))));
                    };
                    view! {
                        <div class="time-grid__column" role="gridcell" style:height=height.clone()
                            aria-label=format!("{} {}", weekday_name(day), day.format("%d/%m"))
                            on:click=tap>
                            {mine.into_iter().map(|event| view! {
                                <EventBlock event drag end_drag on_open />
                            }).collect_view()}
                        </div>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}

#[component]
fn EventBlock<F>(
    event: CalendarEvent,
    drag: RwSignal<Option<Drag>>,
    end_drag: F,
    on_open: Callback<CalendarEvent>,
) -> impl IntoView
where
    F: Fn(leptos::ev::PointerEvent) + Copy + 'static,
{
    let (top, height) = placement(event.starts_at, event.minutes);
    let id = event.id;
    let conflict = !event.conflicts_with.is_empty();
    // Under half an hour there is room for one line only.
    let compact = event.minutes < 30;
    let done = event.status == crate::api::practices::EventStatus::Realizada;
    let label = format!(
        "{}, {}{}{}",
        event.title,
        time_range(event.starts_at, event.minutes),
        if done { ", realizada" } else { "" },
        if conflict {
            ", se cruza con otro evento"
        } else {
            ""
        }
    );
    let for_press = event.clone();
    let for_key = event.clone();
    let press = move |ev: leptos::ev::PointerEvent| {
        if done {
            return;
        }
        let width = column_width(&ev);
        capture(&ev);
        drag.set(Some(Drag {
            event: for_press.clone(),
            x: f64::from(ev.client_x()),
            y: f64::from(ev.client_y()),
            column_width: width,
            dx: 0.0,
            dy: 0.0,
        }));
    };
    let follow = move |ev: leptos::ev::PointerEvent| {
        drag.update(|d| {
            if let Some(d) = d.as_mut().filter(|d| d.event.id == id) {
                d.dx = f64::from(ev.client_x()) - d.x;
                d.dy = f64::from(ev.client_y()) - d.y;
            }
        });
    };
    let offset = move || {
        drag.with(|d| match d {
            Some(d) if d.event.id == id => format!("translate({}px, {}px)", d.dx, d.dy),
            _ => String::new(),
        })
    };
    let dragging = move || drag.with(|d| d.as_ref().is_some_and(|d| d.event.id == id));
    view! {
        <button type="button" class="calendar-event"
            class:calendar-event--practice=event.kind.is_some()
            class:calendar-event--conflict=conflict
            class:calendar-event--done=done
            class:calendar-event--dragging=dragging
            class:calendar-event--compact=compact
            style:top=format!("{top}px") style:height=format!("{height}px")
            style:transform=offset
            aria-label=label
            on:pointerdown=press
            on:pointermove=follow
            on:pointerup=end_drag
            on:pointercancel=move |_| drag.set(None)
            on:click=move |ev| {
                // Pointer taps open through `end_drag`; this is the keyboard's way.
                if ev.detail() == 0 {
                    on_open.run(for_key.clone());
                }
            }>
            <span class="calendar-event__time">
                {if compact { event.starts_at.format("%H:%M").to_string() } else { time_range(event.starts_at, event.minutes) }}
            </span>
            <span class="calendar-event__title">{event.title.clone()}</span>
            {conflict.then(|| view! { <span class="calendar-event__flag">"Cruce"</span> })}
            {done.then(|| view! { <span class="calendar-event__flag">"Realizada"</span> })}
        </button>
    }
}

/// Keeps the pointer's moves on the event while it is dragged, even past
/// its edges.
fn capture(ev: &leptos::ev::PointerEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(element) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = element.set_pointer_capture(ev.pointer_id());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// The width of the day column the pressed event sits in.
fn column_width(ev: &leptos::ev::PointerEvent) -> f64 {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        ev.current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.parent_element())
            .map(|column| column.get_bounding_client_rect().width())
            .unwrap_or(0.0)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        0.0
    }
}
