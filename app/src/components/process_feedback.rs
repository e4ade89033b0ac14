//! The agent's confirmaciones de proceso: their supervisor observed a live
//! call, marked the guide's steps and left a score and feedback.

use crate::api::practices::{RecordDetails, my_feedback};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::domain::monitoring::{Mark, format_score};
use crate::domain::practices::grid::day_title;
use leptos::prelude::*;

#[component]
pub fn ProcessFeedback() -> impl IntoView {
    let records = LocalResource::new(my_feedback);
    view! {
        <Suspense fallback=|| view! { <Loading label="Cargando sus confirmaciones de proceso…" /> }>
            {move || Suspend::new(async move {
                match records.await {
                    Err(err) => view! {
                        <ErrorPanel title="No se pudieron cargar sus confirmaciones de proceso" message=err.message() />
                    }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty">"Aún no tiene confirmaciones de proceso."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="process-feedback">
                            {list.into_iter().map(|record| {
                                let (items, feedback) = match record.details {
                                    RecordDetails::ConfirmacionProceso { checklist, feedback, .. } => (checklist, feedback),
                                    _ => (Vec::new(), String::new()),
                                };
                                view! {
                                    <li class="panel process-feedback__item">
                                        <h3>{format!("{} — {}", day_title(record.day), record.leader.name)}</h3>
                                        <p class="process-score">
                                            <strong>{record.score.map(|s| format!("Nota {} de 100", format_score(s))).unwrap_or_else(|| "Sin nota".into())}</strong>
                                        </p>
                                        <p class="process-feedback__text">{feedback}</p>
                                        <ul class="monitoring-steps">
                                            {items.into_iter().map(|item| {
                                                let mark = Mark::of(item.ok);
                                                view! { <li>{format!("{}: {}", item.label, mark.label())}</li> }
                                            }).collect_view()}
                                        </ul>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
