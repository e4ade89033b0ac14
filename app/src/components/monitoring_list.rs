//! Quality evaluations, newest first: date, agent, call, score, evaluator
//! and comments, with the mark of each step of the guide on demand. Calidad,
//! the leaders and the agent read the same list; the server scopes it.

use crate::api::kpis::{MonitoringView, monitoring_list};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::domain::monitoring::{Mark, format_score};
use leptos::prelude::*;

/// The list, with a filter by agent when `filter` is set. `refresh`
/// changes when an evaluation was saved, to read the list again.
#[component]
pub fn MonitoringList(
    #[prop(optional)] filter: bool,
    #[prop(optional)] show_agent: bool,
    #[prop(optional, into)] refresh: Signal<u32>,
    /// What the list is called for assistive technology.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let agent = RwSignal::new(String::new());
    // The agents met in the unfiltered list: those the filter can offer.
    let known = RwSignal::new(Vec::<(String, String)>::new());
    let list = LocalResource::new(move || {
        refresh.track();
        let agent = agent.get();
        async move {
            if agent.is_empty() {
                let found = monitoring_list(None).await;
                if let Ok(found) = &found {
                    known.try_set(agents_in(found));
                }
                found
            } else {
                monitoring_list(Some(&agent)).await
            }
        }
    });
    let label = StoredValue::new(label);

    view! {
        {filter.then(|| view! {
            <div class="filters monitoring-filters">
                <div class="field field--inline">
                    <label for="monitoreo-filtro-asesor">"Asesor"</label>
                    <select id="monitoreo-filtro-asesor"
                        on:change=move |ev| agent.set(event_target_value(&ev))>
                        <option value="" selected=move || agent.with(String::is_empty)>"Todos los asesores"</option>
                        {move || known.get().into_iter().map(|(login, name)| {
                            let chosen = login.clone();
                            view! {
                                <option value=login selected=move || agent.with(|a| *a == chosen)>{name}</option>
                            }
                        }).collect_view()}
                    </select>
                </div>
            </div>
        })}
        <Transition fallback=|| view! { <Loading label="Buscando las evaluaciones…" /> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(err) => view! {
                        <ErrorPanel title="No se pudieron cargar las evaluaciones" message=err.message() />
                    }.into_any(),
                    Ok(found) if found.is_empty() => view! {
                        <p class="empty">
                            {if agent.with_untracked(String::is_empty) {
                                "Todavía no hay evaluaciones de monitoreo."
                            } else {
                                "Este asesor no tiene evaluaciones de monitoreo."
                            }}
                        </p>
                    }.into_any(),
                    Ok(found) => view! {
                        <p class="monitoring-count">{count_text(found.len())}</p>
                        <ul class="monitoring-list" aria-label=label.get_value()>
                            {found.into_iter().map(|evaluation| view! {
                                <EvaluationCard evaluation show_agent />
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One evaluation: its facts, comments and the steps' marks.
#[component]
fn EvaluationCard(evaluation: MonitoringView, show_agent: bool) -> impl IntoView {
    let MonitoringView {
        day,
        agent_name,
        evaluator_name,
        interaction,
        score,
        checklist,
        comments,
        source,
        ..
    } = evaluation;
    let imported = source != "Faro";
    let steps = checklist.len();
    view! {
        <li class="monitoring-card">
            <div class="monitoring-card__head">
                <p class="monitoring-card__score">
                    <span class="visually-hidden">"Nota "</span>
                    <span class="monitoring-card__value">{format_score(score)}</span>
                    <span class="monitoring-card__max">" / 100"</span>
                </p>
                <dl class="monitoring-facts">
                    <div>
                        <dt>"Fecha"</dt>
                        <dd>{day.format("%d/%m/%Y").to_string()}</dd>
                    </div>
                    {show_agent.then(|| view! {
                        <div>
                            <dt>"Asesor"</dt>
                            <dd>{agent_name}</dd>
                        </div>
                    })}
                    <div>
                        <dt>"Llamada"</dt>
                        <dd class="monitoring-facts__code">{interaction.unwrap_or_else(|| "Sin llamada".into())}</dd>
                    </div>
                    <div>
                        <dt>"Evaluador"</dt>
                        <dd>{evaluator_name}{imported.then_some(" (importada)")}</dd>
                    </div>
                </dl>
            </div>
            <p class="monitoring-card__comments">
                {match comments {
                    Some(text) => view! { <strong>"Comentarios: "</strong>{text} }.into_any(),
                    None => view! { <span class="muted">"Sin comentarios."</span> }.into_any(),
                }}
            </p>
            {if steps == 0 {
                view! {
                    <p class="muted small">"Sin el detalle de los pasos: la evaluación vino de la herramienta de calidad."</p>
                }.into_any()
            } else {
                view! {
                    <details class="monitoring-steps">
                        <summary>{format!("Ver los {steps} pasos evaluados")}</summary>
                        <ol>
                            {checklist.into_iter().map(|item| {
                                let mark = Mark::of(item.ok);
                                view! {
                                    <li class=format!("monitoring-step monitoring-step--{}", mark.code())>
                                        <span class="monitoring-step__label">{item.label}</span>
                                        <span class="monitoring-step__weight">{format!("Peso {}", item.weight)}</span>
                                        <span class="monitoring-step__mark">
                                            <span aria-hidden="true">{mark_symbol(mark)}" "</span>{mark.label()}
                                        </span>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    </details>
                }.into_any()
            }}
        </li>
    }
}

/// The symbol that repeats a mark's word (never colour alone).
fn mark_symbol(mark: Mark) -> &'static str {
    match mark {
        Mark::Cumple => "✓",
        Mark::NoCumple => "✗",
        Mark::NoAplica => "–",
    }
}

/// `1 evaluación.` / `12 evaluaciones.`
fn count_text(count: usize) -> String {
    if count == 1 {
        "1 evaluación.".into()
    } else {
        format!("{count} evaluaciones.")
    }
}

/// The agents of a list, by name, once each.
fn agents_in(list: &[MonitoringView]) -> Vec<(String, String)> {
    let mut agents: Vec<(String, String)> = list
        .iter()
        .map(|e| (e.agent.clone(), e.agent_name.clone()))
        .collect();
    agents.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    agents.dedup_by(|a, b| a.0 == b.0);
    agents
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn evaluation(agent: &str, name: &str) -> MonitoringView {
        MonitoringView {
            id: 1,
            day: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default(),
            agent: agent.into(),
            agent_name: name.into(),
            evaluator: "calidad".into(),
            evaluator_name: "Natalia Suárez".into(),
            interaction: None,
            score: 90.0,
            checklist: Vec::new(),
            comments: None,
            source: "Faro".into(),
        }
    }

    #[test]
    fn the_filter_offers_each_agent_once_by_name() {
        let list = [
            evaluation("asesor2", "Santiago Mejía"),
            evaluation("asesor1", "Camila Restrepo"),
            evaluation("asesor2", "Santiago Mejía"),
        ];
        assert_eq!(
            agents_in(&list),
            vec![
                ("asesor1".to_string(), "Camila Restrepo".to_string()),
                ("asesor2".to_string(), "Santiago Mejía".to_string()),
            ]
        );
    }

    #[test]
    fn counts_read_in_singular_and_plural() {
        assert_eq!(count_text(1), "1 evaluación.");
        assert_eq!(count_text(3), "3 evaluaciones.");
    }
}
