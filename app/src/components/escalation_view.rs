//! Pieces of an escalation shown both in the back office's queue and on the
//! agent's case: the SLA clock against its due time and the answers given.

use crate::api::field_ops::{EscalationAnswer, EscalationView};
use crate::domain::field_ops::{EscalationStatus, SlaClock};
use crate::domain::local_time::format_date_time;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// How often the SLA countdowns move: minutes are their smallest unit.
pub const CLOCK_SECONDS: u32 = 30;

/// The current instant, moved every `CLOCK_SECONDS` while the component
/// lives (on the server it stays at the render's instant).
pub fn use_clock() -> RwSignal<DateTime<Utc>> {
    let now = RwSignal::new(Utc::now());
    #[cfg(feature = "hydrate")]
    {
        // gloo-timers' interval stops when dropped, i.e. with the component.
        let interval =
            gloo_timers::callback::Interval::new(CLOCK_SECONDS * 1000, move || now.set(Utc::now()));
        let interval = send_wrapper::SendWrapper::new(interval);
        on_cleanup(move || drop(interval));
    }
    now
}

/// Badge class of an escalation's state, so colour and word agree.
pub fn status_class(status: EscalationStatus) -> &'static str {
    match status {
        EscalationStatus::Pendiente => "badge badge--warning",
        EscalationStatus::EnGestion => "badge badge--info",
        EscalationStatus::Resuelta => "badge badge--ok",
    }
}

/// The clock of an escalation in words and colour: the countdown while it
/// is open; once resolved, whether it was in time.
#[component]
pub fn SlaBadge(
    due_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
    now: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    move || match resolved_at {
        Some(at) if at <= due_at => {
            view! { <span class="badge badge--ok">"Resuelto a tiempo"</span> }.into_any()
        }
        Some(_) => {
            view! { <span class="badge badge--danger">"Resuelto fuera de tiempo"</span> }.into_any()
        }
        None => {
            let clock = SlaClock::of(due_at, now.get());
            let class = if clock.overdue {
                "badge badge--danger sla-clock"
            } else if clock.minutes_left <= 60 {
                "badge badge--warning sla-clock"
            } else {
                "badge badge--info sla-clock"
            };
            view! {
                <span class=class data-vencido=clock.overdue.then_some("si")>
                    {clock.overdue.then_some("⚠ ")}
                    {clock.text}
                </span>
            }
            .into_any()
        }
    }
}

/// The back office's answers, oldest first, with author, date and the
/// callback each set.
#[component]
pub fn AnswerList(answers: Vec<EscalationAnswer>) -> impl IntoView {
    if answers.is_empty() {
        return view! { <p class="empty">"El back office aún no ha respondido."</p> }.into_any();
    }
    view! {
        <ol class="escalation-answers">
            {answers.into_iter().map(|answer| view! {
                <li>
                    <p class="escalation-answers__meta">
                        <time datetime=answer.at.to_rfc3339()>{format_date_time(answer.at)}</time>
                        " · "<strong>{answer.by.name}</strong>
                        {answer.resolves.then(|| view! { " " <span class="badge badge--ok">"Resolvió el escalamiento"</span> })}
                    </p>
                    <p class="escalation-answers__text">{answer.text}</p>
                    {answer.callback_at.map(|at| view! {
                        <p class="field-hint">{format!("Devolución de llamada: {}", format_date_time(at))}</p>
                    })}
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// "Tomado por Paola Castro el 01/02/2026 10:00", or a dash.
pub fn taken_text(escalation: &EscalationView) -> String {
    match (&escalation.taken_by, escalation.taken_at) {
        (Some(by), Some(at)) => format!("{} ({})", by.name, format_date_time(at)),
        (Some(by), None) => by.name.clone(),
        _ => "—".into(),
    }
}
