//! The evaluation form: the agent, one of their calls, each step of the
//! guide marked cumple / no cumple / no aplica, the score computed as the
//! marks go, and comments. A retried save is one evaluation.

use crate::api::client::new_request_id;
use crate::api::kpis::{
    ChecklistItem, EvaluableAgent, EvaluableInteraction, MonitoringDraft, monitoring_interactions,
    save_monitoring,
};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::forms::{FieldBox, Problems};
use crate::domain::local_time::{format_date_time, local_date};
use crate::domain::monitoring::{
    EvaluationInput, MAX_COMMENTS, Mark, evaluation_problems, format_score, live_score, marked,
};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the form holds.
#[derive(Clone, Copy)]
struct Fields {
    agent: RwSignal<String>,
    call: RwSignal<Option<EvaluableInteraction>>,
    marks: RwSignal<Vec<Option<Mark>>>,
    comments: RwSignal<String>,
    problems: RwSignal<Problems>,
    saved: RwSignal<Option<String>>,
    /// Kept across retries of one save; a new one after each success.
    request_id: StoredValue<String>,
}

impl Fields {
    fn new(steps: usize) -> Self {
        Fields {
            agent: RwSignal::new(String::new()),
            call: RwSignal::new(None),
            marks: RwSignal::new(vec![None; steps]),
            comments: RwSignal::new(String::new()),
            problems: RwSignal::new(Problems::default()),
            saved: RwSignal::new(None),
            request_id: StoredValue::new(new_request_id()),
        }
    }

    /// An empty form, ready for the next evaluation.
    fn reset(&self) {
        self.agent.set(String::new());
        self.call.set(None);
        self.marks
            .update(|marks| marks.iter_mut().for_each(|m| *m = None));
        self.comments.set(String::new());
        self.problems.set(Problems::default());
        self.request_id.set_value(new_request_id());
    }

    /// The evaluation the form describes, or what is wrong with it.
    fn read(
        &self,
        items: &[ChecklistItem],
    ) -> Result<MonitoringDraft, Vec<(&'static str, String)>> {
        let agent = self.agent.get_untracked();
        let call = self.call.get_untracked();
        let marks = self.marks.get_untracked();
        let comments = self.comments.get_untracked();
        let problems = evaluation_problems(&EvaluationInput {
            agent: &agent,
            interaction: call.as_ref().map(|c| c.key.as_str()),
            marks: &marks,
            comments: &comments,
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(MonitoringDraft {
            request_id: self.request_id.get_value(),
            agent,
            day: call.as_ref().map(|c| local_date(c.at)),
            interaction: call.map(|c| c.key),
            checklist: marked(items, &marks),
            comments: comments.trim().to_string(),
        })
    }
}

#[component]
pub fn EvaluationForm(
    items: Vec<ChecklistItem>,
    agents: Vec<EvaluableAgent>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let f = Fields::new(items.len());
    let items = StoredValue::new(items);
    let names = StoredValue::new(agents.clone());
    let pending = RwSignal::new(false);
    let error = move |names: &'static [&'static str]| {
        Signal::derive(move || f.problems.with(|p| p.field_any(names)))
    };
    let score =
        Signal::derive(move || items.with_value(|items| f.marks.with(|m| live_score(items, m))));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        f.saved.set(None);
        let draft = match items.with_value(|items| f.read(items)) {
            Ok(draft) => draft,
            Err(problems) => {
                f.problems.set(Problems::local(problems));
                return;
            }
        };
        f.problems.set(Problems::default());
        pending.set(true);
        spawn_local(async move {
            match save_monitoring(&draft, &csrf.get_value()).await {
                Ok(saved) => {
                    let name = names.with_value(|agents| {
                        agents
                            .iter()
                            .find(|a| a.login == saved.agent)
                            .map(|a| a.name.clone())
                            .unwrap_or_else(|| saved.agent_name.clone())
                    });
                    f.reset();
                    f.saved.try_set(Some(format!(
                        "Evaluación guardada: {name}, nota {} de 100.",
                        format_score(saved.score)
                    )));
                    on_saved.run(());
                }
                Err(err) => {
                    f.problems.try_set(Problems::server(err));
                }
            }
            pending.try_set(false);
        });
    };
    let recheck = move |_: leptos::ev::Event| {
        if f.problems.with_untracked(Problems::is_local) {
            let problems = items.with_value(|items| f.read(items));
            f.problems.set(match problems {
                Ok(_) => Problems::default(),
                Err(problems) => Problems::local(problems),
            });
        }
    };

    view! {
        <form class="evaluation-form" novalidate on:submit=submit on:change=recheck on:input=recheck
            aria-labelledby="evaluacion-titulo">
            <div class="evaluation-main">
                <FieldBox id="evaluacion-asesor" label="Asesor evaluado" error=error(&["agent"])>
                    <select id="evaluacion-asesor" aria-describedby="evaluacion-asesor-error"
                        on:change=move |ev| {
                            f.agent.set(event_target_value(&ev));
                            f.call.set(None);
                            f.saved.set(None);
                        }>
                        <option value="" selected=move || f.agent.with(String::is_empty)>"Elija un asesor"</option>
                        {agents.into_iter().map(|agent| {
                            let login = agent.login.clone();
                            let text = match &agent.team {
                                Some(team) => format!("{} · equipo de {team}", agent.name),
                                None => agent.name.clone(),
                            };
                            view! {
                                <option value=agent.login selected=move || f.agent.with(|a| *a == login)>{text}</option>
                            }
                        }).collect_view()}
                    </select>
                </FieldBox>
                <CallChoice fields=f error=error(&["interaction", "day"]) />
                <Checklist items fields=f error=error(&["checklist"]) />
            </div>
            <div class="evaluation-side">
                <ScoreBox score marks=f.marks />
                <FieldBox id="evaluacion-comentarios" label="Comentarios" error=error(&["comments"])
                    hint="Opcional. Lo que el asesor debe mantener o mejorar; lo leen el asesor y su supervisor.">
                    <textarea id="evaluacion-comentarios" rows="5" maxlength=MAX_COMMENTS.to_string()
                        aria-describedby="evaluacion-comentarios-ayuda evaluacion-comentarios-error"
                        prop:value=move || f.comments.get()
                        on:input=move |ev| f.comments.set(event_target_value(&ev))></textarea>
                </FieldBox>
                <div class="form-actions">
                    <p class="form-error" role="alert">{move || f.problems.with(Problems::summary)}</p>
                    <p class="form-success" role="status">{move || f.saved.get()}</p>
                    <button type="submit" class="button button--primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Guardando…" } else { "Guardar evaluación" }}
                    </button>
                </div>
            </div>
        </form>
    }
}

/// The calls of the chosen agent, one to pick.
#[component]
fn CallChoice(fields: Fields, error: Signal<Option<String>>) -> impl IntoView {
    let f = fields;
    let calls = LocalResource::new(move || {
        let agent = f.agent.get();
        async move {
            if agent.is_empty() {
                Ok(Vec::new())
            } else {
                monitoring_interactions(&agent).await
            }
        }
    });
    view! {
        <fieldset class="field field--group evaluation-calls" class:field--invalid=move || error.get().is_some()
            aria-describedby="evaluacion-llamada-error">
            <legend>"Llamada evaluada"</legend>
            <Transition fallback=|| view! { <Loading label="Buscando las llamadas del asesor…" /> }>
                {move || Suspend::new(async move {
                    let found = calls.await;
                    if f.agent.with_untracked(String::is_empty) {
                        return view! { <p class="field-hint">"Elija primero el asesor: aquí aparecen sus últimas llamadas cerradas."</p> }.into_any();
                    }
                    match found {
                        Err(err) => view! {
                            <ErrorPanel title="No se pudieron cargar las llamadas" message=err.message() />
                        }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty">"Este asesor no tiene llamadas cerradas registradas."</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <p class="field-hint">"Sus últimas llamadas cerradas, de la más reciente a la más antigua."</p>
                            <div class="call-options">
                                {list.into_iter().map(|call| view! { <CallOption call fields=f /> }).collect_view()}
                            </div>
                        }.into_any(),
                    }
                })}
            </Transition>
            <p class="field-error" id="evaluacion-llamada-error" aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
}

/// One call as a radio button: when, the account, the base and how it was
/// typified.
#[component]
fn CallOption(call: EvaluableInteraction, fields: Fields) -> impl IntoView {
    let f = fields;
    let key = StoredValue::new(call.key.clone());
    let chosen = move || {
        f.call
            .with(|c| key.with_value(|k| c.as_ref().is_some_and(|c| c.key == *k)))
    };
    let when = format_date_time(call.at);
    let spc = call.spc.then_some(" · SPC");
    let picked = call.clone();
    view! {
        <label class="call-option" class:call-option--chosen=chosen>
            <input type="radio" name="evaluacion-llamada" value=call.key.clone()
                prop:checked=chosen
                on:change=move |_| f.call.set(Some(picked.clone())) />
            <span class="call-option__text">
                <span class="call-option__when">{when}</span>
                <span class="visually-hidden">", "</span>
                <span>"Cuenta "{call.cuenta}</span>
                <span class="visually-hidden">", "</span>
                <span class="call-option__meta">{call.tipo_base}" · "{call.typification}{spc}</span>
            </span>
        </label>
    }
}

/// The steps of the guide, each with its weight and its mark.
#[component]
fn Checklist(
    items: StoredValue<Vec<ChecklistItem>>,
    fields: Fields,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let f = fields;
    let total: u32 = items.with_value(|items| items.iter().map(|i| i.weight).sum());
    let mark_rest = move |_| {
        f.marks.update(|marks| {
            for mark in marks.iter_mut().filter(|m| m.is_none()) {
                *mark = Some(Mark::Cumple);
            }
        });
    };
    view! {
        <fieldset class="field field--group evaluation-checklist" class:field--invalid=move || error.get().is_some()
            aria-describedby="evaluacion-pasos-ayuda evaluacion-pasos-error">
            <legend>"Pasos de la guía"</legend>
            <div class="evaluation-checklist__head">
                <p class="field-hint" id="evaluacion-pasos-ayuda">
                    {format!("Marque cada paso. La nota pondera los pasos que aplican por su peso (total {total}); «No aplica» lo deja fuera.")}
                </p>
                <button type="button" class="button button--small" on:click=mark_rest>
                    "Marcar los pendientes como «Cumple»"
                </button>
            </div>
            <ol class="checklist">
                {items.with_value(|items| items.iter().enumerate().map(|(index, item)| {
                    view! { <ChecklistStep index item=item.clone() fields=f /> }
                }).collect_view())}
            </ol>
            <p class="field-error" id="evaluacion-pasos-error" aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
}

/// One step: a group of three radio buttons.
#[component]
fn ChecklistStep(index: usize, item: ChecklistItem, fields: Fields) -> impl IntoView {
    let f = fields;
    let name = format!("evaluacion-paso-{index}");
    let label_id = format!("{name}-nombre");
    let current = move || f.marks.with(|marks| marks.get(index).copied().flatten());
    view! {
        <li class="checklist-step" class:checklist-step--pending=move || current().is_none()>
            <p class="checklist-step__text" id=label_id.clone()>
                <span class="checklist-step__label">{item.label}</span>
                <span class="checklist-step__weight">{format!("Peso {}", item.weight)}</span>
            </p>
            <div class="mark-options" role="radiogroup" aria-labelledby=label_id>
                {Mark::ALL.into_iter().map(|mark| {
                    let name = name.clone();
                    view! {
                        <label class=format!("mark-option mark-option--{}", mark.code())>
                            <input type="radio" name=name value=mark.code()
                                prop:checked=move || current() == Some(mark)
                                on:change=move |_| f.marks.update(|marks| {
                                    if let Some(slot) = marks.get_mut(index) {
                                        *slot = Some(mark);
                                    }
                                }) />
                            <span>{mark.label()}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </li>
    }
}

/// The score as the marks give it, before anything is saved.
#[component]
fn ScoreBox(score: Signal<Option<f64>>, marks: RwSignal<Vec<Option<Mark>>>) -> impl IntoView {
    let pending = move || marks.with(|m| m.iter().filter(|m| m.is_none()).count());
    view! {
        <div class="evaluation-score" role="group" aria-labelledby="evaluacion-nota-titulo">
            <p class="evaluation-score__title" id="evaluacion-nota-titulo">"Nota calculada"</p>
            <p class="evaluation-score__value" aria-live="polite" aria-atomic="true">
                {move || match score.get() {
                    Some(score) => view! {
                        <span data-testid="nota">{format_score(score)}</span>
                        <span class="evaluation-score__max">" / 100"</span>
                    }.into_any(),
                    None => view! { <span class="evaluation-score__none">"Sin nota"</span> }.into_any(),
                }}
            </p>
            <p class="evaluation-score__detail">
                {move || match pending() {
                    0 => "Todos los pasos están marcados.".to_string(),
                    1 => "Falta marcar 1 paso.".to_string(),
                    n => format!("Faltan {n} pasos por marcar."),
                }}
            </p>
        </div>
    }
}
