//! The action plans agreed in barómetro meetings, open and overdue first,
//! each followed up until it is closed: the leaders' "Planes del
//! barómetro" and an agent's own plans in "Mis indicadores".

use crate::api::client::new_request_id;
use crate::api::practices::{FollowUpDraft, PlanView, barometer_plans, follow_up_plan};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::forms::Problems;
use crate::domain::local_time::format_date_time;
use crate::domain::practices::barometer::PlanStatus;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The plans the reader follows: a leader's scope, or (`own`) the plans an
/// agent is responsible for.
#[component]
pub fn PlansPanel(own: bool) -> impl IntoView {
    let loaded = LocalResource::new(barometer_plans);
    let plans = RwSignal::new(Vec::<PlanView>::new());
    let show_closed = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(list)) = loaded.get() {
            plans.set(list);
        }
    });
    let replace = Callback::new(move |(plan, message): (PlanView, String)| {
        plans.update(|list| {
            if let Some(slot) = list.iter_mut().find(|p| p.id == plan.id) {
                *slot = plan;
            }
        });
        notice.set(Some(message));
    });
    let shown = move || {
        plans.with(|list| {
            list.iter()
                .filter(|p| show_closed.get() || p.status == PlanStatus::Abierta)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let (title, intro, none) = if own {
        (
            "Mis planes del barómetro",
            "Los planes de acción de la encuesta de clima que su líder le encargó: registre el avance hasta cerrarlos.",
            "No tiene planes del barómetro abiertos a su cargo.",
        )
    } else {
        (
            "Planes de acción del barómetro",
            "Los planes se acuerdan al registrar una reunión barómetro y se siguen aquí hasta cerrarlos.",
            "No hay planes abiertos.",
        )
    };
    view! {
            <section class="panel" aria-labelledby="planes-titulo">
                <h2 id="planes-titulo">{title}</h2>
                <p class="muted">{intro}</p>
                <label class="check-row">
                    <input type="checkbox" prop:checked=move || show_closed.get()
                        on:change=move |ev| show_closed.set(event_target_checked(&ev)) />
                    "Incluir cerrados"
                </label>
                <p class="form-success" role="status">{move || notice.get()}</p>
                <Suspense fallback=|| view! { <Loading label="Cargando los planes…" /> }>
                    {move || Suspend::new(async move {
                        match loaded.await {
                            Err(err) => view! {
                                <ErrorPanel title="No se pudieron cargar los planes" message=err.message() retry=true />
                            }.into_any(),
                            Ok(_) => view! {
                                {move || {
                                    let list = shown();
                                    if list.is_empty() {
                                        view! { <p class="empty">{none}</p> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="plan-list">
                                                {list.into_iter().map(|plan| view! { <li><PlanCard plan on_changed=replace /></li> }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }
                                }}
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
    }
}

#[component]
fn PlanCard(plan: PlanView, on_changed: Callback<(PlanView, String)>) -> impl IntoView {
    let title_id = format!("plan-{}-titulo", plan.id);
    let labelled_by = title_id.clone();
    let open = plan.status == PlanStatus::Abierta;
    view! {
        <article class="plan-card" class:plan-card--overdue=plan.overdue aria-labelledby=labelled_by>
            <h3 id=title_id>{plan.action.clone()}</h3>
            <p class="plan-card__meta">
                <span class=if open { "badge badge--info" } else { "badge badge--ok" }>{plan.status.label()}</span>
                {plan.overdue.then(|| view! { " " <span class="badge badge--danger">"Vencido"</span> })}
                {format!(" Compromiso: {} · Responsable: {} · Barómetro de {}", plan.due.format("%d/%m/%Y"), plan.owner.name, plan.leader.name)}
            </p>
            <p>{format!("Pregunta: {}", plan.question)}</p>
            {(!plan.follow_ups.is_empty()).then(|| view! {
                <ol class="plan-card__follow-ups" aria-label="Seguimientos">
                    {plan.follow_ups.iter().map(|f| view! {
                        <li>
                            <time>{format_date_time(f.at)}</time>
                            {format!(" · {}{}: ", f.author.name, if f.closes { " (cierre)" } else { "" })}
                            {f.note.clone()}
                        </li>
                    }).collect_view()}
                </ol>
            })}
            {open.then(|| view! { <FollowUpForm id=plan.id on_changed /> })}
        </article>
    }
}

#[component]
fn FollowUpForm(id: i64, on_changed: Callback<(PlanView, String)>) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let client_id = StoredValue::new(new_request_id());
    let note = RwSignal::new(String::new());
    let close = RwSignal::new(false);
    let problems = RwSignal::new(Problems::default());
    let pending = RwSignal::new(false);
    let note_id = format!("plan-{id}-seguimiento");
    let close_id = format!("plan-{id}-cerrar");
    let close_for = close_id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if note.get_untracked().trim().is_empty() {
            let message = if close.get_untracked() {
                "Escriba el resultado con el que se cierra el plan."
            } else {
                "Escriba el avance del plan."
            };
            problems.set(Problems::local(vec![("note", message.into())]));
            return;
        }
        let draft = FollowUpDraft {
            client_id: client_id.get_value(),
            note: note.get_untracked(),
            close: close.get_untracked(),
        };
        problems.set(Problems::default());
        pending.set(true);
        let csrf = csrf.get_value();
        spawn_local(async move {
            match follow_up_plan(id, &draft, &csrf).await {
                Ok(plan) => {
                    client_id.set_value(new_request_id());
                    let message = if plan.status == PlanStatus::Cerrada {
                        format!("Plan cerrado: {}.", plan.action)
                    } else {
                        format!("Seguimiento registrado: {}.", plan.action)
                    };
                    on_changed.run((plan, message));
                }
                Err(err) => {
                    problems.try_set(Problems::server(err));
                }
            }
            pending.try_set(false);
        });
    };
    view! {
        <form class="plan-follow-up" on:submit=submit novalidate aria-label="Seguimiento del plan">
            <div class="field" class:field--invalid=move || problems.with(|p| p.field("note").is_some())>
                <label for=note_id.clone()>"Seguimiento"</label>
                <textarea id=note_id rows="2" maxlength="2000" prop:value=move || note.get()
                    on:input=move |ev| {
                        note.set(event_target_value(&ev));
                        // The only field: its message goes as it is fixed.
                        if problems.with_untracked(Problems::is_local) {
                            problems.set(Problems::default());
                        }
                    }></textarea>
                <p class="field-error" aria-live="polite">{move || problems.with(|p| p.field("note"))}</p>
            </div>
            <label class="check-row" for=close_for>
                <input id=close_id type="checkbox" prop:checked=move || close.get()
                    on:change=move |ev| close.set(event_target_checked(&ev)) />
                "Cerrar el plan con este seguimiento"
            </label>
            <div class="form-actions">
                <p class="form-error" role="alert">{move || problems.with(Problems::summary)}</p>
                <button type="submit" class="button button--primary" disabled=move || pending.get()>
                    {move || if close.get() { "Registrar y cerrar" } else { "Registrar seguimiento" }}
                </button>
            </div>
        </form>
    }
}
