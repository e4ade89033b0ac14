//! The barómetro part of the record form: the survey's results question by
//! question, the worst-rated ones shown live, and the action plans agreed
//! with owner and due date.

use crate::api::auth::UserRef;
use crate::api::practices::RecordDetails;
use crate::domain::practices::barometer::{
    ActionPlanDraft, SurveyQuestion, WORST_SHOWN, survey_problems, worst,
};
use chrono::{Days, NaiveDate};
use leptos::prelude::*;

/// One plan as typed: the owner and date are parsed on submit.
#[derive(Debug, Clone, Default, PartialEq)]
struct PlanRow {
    question: String,
    action: String,
    owner: String,
    due: String,
}

/// The barómetro inputs of the form, kept by the form while it is open.
#[derive(Debug, Clone, Copy)]
pub struct BarometerInput {
    period: RwSignal<String>,
    respondents: RwSignal<String>,
    /// One signal per row, so typing in a row does not redraw the others.
    questions: RwSignal<Vec<RwSignal<(String, String)>>>,
    plans: RwSignal<Vec<RwSignal<PlanRow>>>,
    default_due: StoredValue<String>,
}

impl BarometerInput {
    /// Plans are due a month after `today` unless changed.
    pub fn new(today: NaiveDate) -> Self {
        let default_due = today
            .checked_add_days(Days::new(30))
            .unwrap_or(today)
            .format("%Y-%m-%d")
            .to_string();
        let input = BarometerInput {
            period: RwSignal::new(String::new()),
            respondents: RwSignal::new(String::new()),
            questions: RwSignal::new(Vec::new()),
            plans: RwSignal::new(Vec::new()),
            default_due: StoredValue::new(default_due),
        };
        for _ in 0..3 {
            input.add_question();
        }
        input.add_plan();
        input
    }

    fn add_question(&self) {
        self.questions
            .update(|q| q.push(RwSignal::new((String::new(), String::new()))));
    }

    fn add_plan(&self) {
        let due = self.default_due.get_value();
        self.plans.update(|p| {
            p.push(RwSignal::new(PlanRow {
                due,
                ..PlanRow::default()
            }))
        });
    }

    /// The questions typed so far with a readable result (for the live
    /// "peor calificadas" list).
    fn survey(&self) -> Vec<SurveyQuestion> {
        self.questions.with(|rows| {
            rows.iter()
                .map(|row| row.get())
                .filter(|(q, _)| !q.trim().is_empty())
                .filter_map(|(q, f)| {
                    Some(SurveyQuestion {
                        question: q.trim().to_string(),
                        favorable: f.trim().trim_end_matches('%').trim().parse().ok()?,
                    })
                })
                .collect()
        })
    }

    /// The details to send, with the problems found on the device.
    pub fn details(
        &self,
        meeting: Option<NaiveDate>,
        owners: &[i64],
        local: &mut Vec<(&'static str, String)>,
    ) -> RecordDetails {
        let period = self.period.get_untracked().trim().to_string();
        if period.is_empty() {
            local.push((
                "period",
                "Indique el periodo de la encuesta (por ejemplo 2026-2).".into(),
            ));
        }
        let respondents = self
            .respondents
            .get_untracked()
            .trim()
            .parse::<u32>()
            .unwrap_or(0);
        if respondents == 0 {
            local.push((
                "respondents",
                "Indique cuántas personas respondieron la encuesta.".into(),
            ));
        }
        let typed: Vec<(String, String)> = self
            .questions
            .get_untracked()
            .iter()
            .map(|row| row.get_untracked())
            .collect();
        let filled: Vec<&(String, String)> = typed
            .iter()
            .filter(|(q, f)| !q.trim().is_empty() || !f.trim().is_empty())
            .collect();
        let mut questions = Vec::new();
        for (question, favorable) in filled {
            match favorable.trim().trim_end_matches('%').trim().parse::<u8>() {
                Ok(value) if value <= 100 => questions.push(SurveyQuestion {
                    question: question.trim().to_string(),
                    favorable: value,
                }),
                _ => {
                    local.push((
                        "questions",
                        format!(
                            "El resultado de «{}» es un porcentaje de 0 a 100.",
                            question.trim()
                        ),
                    ));
                }
            }
        }
        let mut plans = Vec::new();
        for row in self.plans.get_untracked().iter().map(|r| r.get_untracked()) {
            if row.question.is_empty() && row.action.trim().is_empty() {
                continue;
            }
            let owner = row.owner.parse::<i64>().ok();
            let due = NaiveDate::parse_from_str(&row.due, "%Y-%m-%d").ok();
            if owner.is_none() || due.is_none() {
                local.push((
                    "plans",
                    "Cada plan necesita responsable y fecha de compromiso.".into(),
                ));
                continue;
            }
            plans.push(ActionPlanDraft {
                question: row.question,
                action: row.action.trim().to_string(),
                owner_id: owner.unwrap_or_default(),
                due: due.unwrap_or_default(),
            });
        }
        if let Some(meeting) = meeting {
            local.extend(survey_problems(&questions, &plans, meeting, owners));
        }
        RecordDetails::Barometro {
            period,
            respondents,
            questions,
            plans,
        }
    }
}

#[component]
pub fn BarometerFields(
    input: BarometerInput,
    /// The leader first, then their team: who may own a plan.
    owners: Vec<UserRef>,
    error: Callback<&'static str, Signal<Option<String>>>,
) -> impl IntoView {
    let BarometerInput {
        period,
        respondents,
        questions,
        plans,
        ..
    } = input;
    let owners = StoredValue::new(owners);
    let worst_now = move || {
        let survey = input.survey();
        worst(&survey, WORST_SHOWN)
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    };
    view! {
        <div class="field">
            <label for="barometro-periodo">"Periodo de la encuesta"</label>
            <input id="barometro-periodo" type="text" maxlength="40" placeholder="2026-2"
                prop:value=move || period.get() on:input=move |ev| period.set(event_target_value(&ev)) />
            <p class="field-error" aria-live="polite">{move || error.run("period").get()}</p>
        </div>
        <div class="field">
            <label for="barometro-respuestas">"Personas que respondieron"</label>
            <input id="barometro-respuestas" type="number" min="1" inputmode="numeric"
                prop:value=move || respondents.get() on:input=move |ev| respondents.set(event_target_value(&ev)) />
            <p class="field-error" aria-live="polite">{move || error.run("respondents").get()}</p>
        </div>
        <fieldset class="field field--wide barometer-questions">
            <legend>"Resultados por pregunta (% de respuestas favorables)"</legend>
            <ol>
                {move || questions.get().into_iter().enumerate().map(|(i, row)| view! {
                    <li class="barometer-row">
                        <label class="visually-hidden" for=format!("barometro-pregunta-{i}")>{format!("Pregunta {}", i + 1)}</label>
                        <input id=format!("barometro-pregunta-{i}") type="text" maxlength="300" placeholder="Pregunta"
                            prop:value=move || row.with(|r| r.0.clone())
                            on:input=move |ev| row.update(|r| r.0 = event_target_value(&ev)) />
                        <label class="visually-hidden" for=format!("barometro-resultado-{i}")>{format!("Resultado de la pregunta {}", i + 1)}</label>
                        <input id=format!("barometro-resultado-{i}") type="number" min="0" max="100" inputmode="numeric" placeholder="%"
                            prop:value=move || row.with(|r| r.1.clone())
                            on:input=move |ev| row.update(|r| r.1 = event_target_value(&ev)) />
                    </li>
                }).collect_view()}
            </ol>
            <button type="button" class="button" on:click=move |_| input.add_question()>
                "Agregar pregunta"
            </button>
            <p class="field-error" aria-live="polite">{move || error.run("questions").get()}</p>
        </fieldset>
        <section class="field field--wide barometer-worst" aria-labelledby="barometro-peores">
            <h3 id="barometro-peores">"Preguntas peor calificadas"</h3>
            {move || {
                let list = worst_now();
                if list.is_empty() {
                    view! { <p class="muted">"Anote los resultados para verlas."</p> }.into_any()
                } else {
                    view! {
                        <ol>
                            {list.into_iter().map(|q| view! {
                                <li><strong>{format!("{} %", q.favorable)}</strong>{format!(" · {}", q.question)}</li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
        </section>
        <fieldset class="field field--wide barometer-plans">
            <legend>"Planes de acción"</legend>
            {move || plans.get().into_iter().enumerate().map(|(i, row)| {
                let set = move |f: fn(&mut PlanRow, String), value: String| row.update(|r| f(r, value));
                view! {
                    <div class="barometer-plan" role="group" aria-label=format!("Plan {}", i + 1)>
                        <div class="field">
                            <label for=format!("plan-pregunta-{i}")>"Pregunta"</label>
                            <select id=format!("plan-pregunta-{i}") on:change=move |ev| set(|r, v| r.question = v, event_target_value(&ev))>
                                <option value="">"Elija la pregunta"</option>
                                {move || {
                                    let chosen = row.with_untracked(|r| r.question.clone());
                                    input.survey().into_iter().map(|q| {
                                        let selected = q.question == chosen;
                                        view! { <option value=q.question.clone() selected=selected>{format!("{} ({} %)", q.question, q.favorable)}</option> }
                                    }).collect_view()
                                }}
                            </select>
                        </div>
                        <div class="field">
                            <label for=format!("plan-accion-{i}")>"Acción"</label>
                            <input id=format!("plan-accion-{i}") type="text" maxlength="1000"
                                prop:value=move || row.with(|r| r.action.clone())
                                on:input=move |ev| set(|r, v| r.action = v, event_target_value(&ev)) />
                        </div>
                        <div class="field">
                            <label for=format!("plan-responsable-{i}")>"Responsable"</label>
                            <select id=format!("plan-responsable-{i}") on:change=move |ev| set(|r, v| r.owner = v, event_target_value(&ev))>
                                <option value="">"Elija el responsable"</option>
                                {owners.get_value().into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for=format!("plan-fecha-{i}")>"Fecha de compromiso"</label>
                            <input id=format!("plan-fecha-{i}") type="date"
                                prop:value=move || row.with(|r| r.due.clone())
                                on:input=move |ev| set(|r, v| r.due = v, event_target_value(&ev)) />
                        </div>
                    </div>
                }
            }).collect_view()}
            <button type="button" class="button" on:click=move |_| input.add_plan()>
                "Agregar plan"
            </button>
            <p class="field-error" aria-live="polite">{move || error.run("plans").get()}</p>
        </fieldset>
    }
}
