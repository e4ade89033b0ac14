//! Equipo en vivo: the supervisor's tablet view of the floor. Refreshes every
//! few seconds; durations tick every second in between.

use crate::api::team::{AgentLive, ReassignRequest, TeamLive, reassign, team_live};
use crate::domain::agent_state::{AgentStateKind, format_duration};
use crate::session::use_session;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Seconds between refreshes of the whole view.
#[cfg(feature = "hydrate")]
const REFRESH_SECONDS: u64 = 5;

#[component]
pub fn TeamLiveView() -> impl IntoView {
    let data = LocalResource::new(team_live);
    let shown = RwSignal::new(None::<TeamLive>);
    let error = RwSignal::new(None::<String>);
    let tick = RwSignal::new(Utc::now());
    Effect::new(move |_| match data.get() {
        Some(Ok(live)) => {
            shown.set(Some(live));
            error.set(None);
        }
        Some(Err(err)) => error.set(Some(err.message())),
        None => {}
    });
    #[cfg(feature = "hydrate")]
    {
        let clock = set_interval_with_handle(
            move || {
                let now = Utc::now();
                tick.set(now);
                if now.timestamp() % REFRESH_SECONDS as i64 == 0 {
                    data.refetch();
                }
            },
            std::time::Duration::from_secs(1),
        );
        if let Ok(handle) = clock {
            on_cleanup(move || handle.clear());
        }
    }

    view! {
        <section class="team-live" aria-labelledby="en-vivo-titulo">
            <div class="section-head">
                <h2 id="en-vivo-titulo">"Equipo en vivo"</h2>
                <p class="muted small">
                    {move || shown.get().map(|live| format!(
                        "Se actualiza cada 5 segundos · llamada larga: más de {} min",
                        live.long_call_minutes
                    ))}
                </p>
            </div>
            <p class="form-error" role="alert">{move || error.get()}</p>
            {move || match shown.get() {
                None => view! { <crate::components::feedback::Loading label="Cargando el equipo en vivo…" /> }.into_any(),
                Some(live) if live.agents.is_empty() => view! {
                    <p class="empty">"No tiene asesores activos en sus equipos."</p>
                }.into_any(),
                Some(live) => {
                    let names: Vec<(i64, String)> = live.agents.iter().map(|a| (a.agent.id, a.agent.name.clone())).collect();
                    let logins: Vec<(String, String)> = live.agents.iter().map(|a| (a.agent.login.clone(), a.agent.name.clone())).collect();
                    view! {
                        <ul class="agent-grid" aria-label="Asesores">
                            {live.agents.into_iter().map(|agent| view! { <AgentTile agent tick /> }).collect_view()}
                        </ul>
                        <BaseProgressTable bases=live.bases names />
                        <ReassignForm agents=logins on_done=Callback::new(move |()| data.refetch()) />
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn AgentTile(agent: AgentLive, tick: RwSignal<DateTime<Utc>>) -> impl IntoView {
    let since = agent.since;
    let duration = move || since.map(|since| format_duration((tick.get() - since).num_seconds()));
    let state_class = format!(
        "agent-tile state--{}{}",
        agent.state.code().to_lowercase(),
        if agent.long_call {
            " agent-tile--long"
        } else {
            ""
        }
    );
    let due_class = if agent.callbacks_due > 0 {
        "alert-figure"
    } else {
        ""
    };
    let label = match (&agent.state, &agent.reason) {
        (AgentStateKind::EnPausa, Some(reason)) => format!("En pausa · {reason}"),
        (state, _) => state.label().to_string(),
    };
    view! {
        <li class=state_class>
            <div class="agent-tile-head">
                <strong>{agent.agent.name.clone()}</strong>
                {agent.supervisor.map(|s| view! { <span class="muted small">{format!("Equipo de {}", s.name)}</span> })}
            </div>
            <p class="state-now">
                <span class="state-dot" aria-hidden="true"></span>
                <span>{label}</span>
                <span class="state-since">{move || duration().map(|d| format!(" · {d}"))}</span>
            </p>
            {agent.long_call.then(|| view! { <p class="badge badge--warning">"Llamada larga"</p> })}
            {agent.call.map(|call| view! {
                <p class="small">
                    {format!("Con {} · cuenta ", call.nombre)}<span class="mono">{call.cuenta}</span>
                    <br />{call.base_name}
                </p>
            })}
            {agent.step.map(|step| view! { <p class="small muted">{format!("Paso de la guía: {step}")}</p> })}
            <dl class="agent-figures">
                <div><dt>"Devoluciones vencidas"</dt><dd class=due_class>{agent.callbacks_due}</dd></div>
                <div><dt>"Más tarde hoy"</dt><dd>{agent.callbacks_later_today}</dd></div>
                <div><dt>"Intentos hoy"</dt><dd>{agent.attempts_today}</dd></div>
                <div><dt>"Contactos hoy"</dt><dd>{agent.contacts_today}</dd></div>
            </dl>
        </li>
    }
}

#[component]
fn BaseProgressTable(
    bases: Vec<crate::api::team::BaseLive>,
    names: Vec<(i64, String)>,
) -> impl IntoView {
    if bases.is_empty() {
        return view! { <p class="empty">"Sus equipos no tienen bases asignadas."</p> }.into_any();
    }
    let header = names.clone();
    view! {
        <div class="panel">
            <h3>"Avance de las bases hoy (intentos / contactos por asesor)"</h3>
            <div class="table-wrap"><table class="table">
                <caption class="visually-hidden">"Avance de las bases por asesor"</caption>
                <thead><tr>
                    <th scope="col">"Base"</th>
                    <th scope="col">"Estado"</th>
                    <th scope="col" class="num">"Por gestionar"</th>
                    {header.into_iter().map(|(_, name)| view! { <th scope="col" class="num">{name}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {bases.into_iter().map(|base| {
                        let cells = names.iter().map(|(id, _)| {
                            let cell = base.per_agent.iter().find(|p| p.agent_id == *id)
                                .map(|p| format!("{} / {}", p.attempts, p.contacts))
                                .unwrap_or_else(|| "—".into());
                            view! { <td class="num">{cell}</td> }
                        }).collect_view();
                        view! {
                            <tr>
                                <th scope="row">{base.name}</th>
                                <td>{base.status.label()}</td>
                                <td class="num">{format!("{} de {}", base.pending, base.total)}</td>
                                {cells}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
            <p class="muted small">"Pause o reanude una base en la pestaña Bases."</p>
        </div>
    }.into_any()
}

#[component]
fn ReassignForm(agents: Vec<(String, String)>, on_done: Callback<()>) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let options = move || {
        agents
            .iter()
            .map(|(login, name)| view! { <option value=login.clone()>{name.clone()}</option> })
            .collect_view()
    };
    let options_to = options.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = ReassignRequest {
            from: from.get_untracked(),
            to: to.get_untracked(),
        };
        if request.from.is_empty() || request.to.is_empty() {
            message.set(Some(Err("Elija los dos asesores.".into())));
            return;
        }
        spawn_local(async move {
            match reassign(&request, &csrf.get_value()).await {
                Ok(result) => {
                    message.set(Some(Ok(format!(
                        "Se reasignaron {} clientes.",
                        result.moved
                    ))));
                    on_done.run(());
                }
                Err(err) => message.set(Some(Err(err.message()))),
            }
        });
    };
    view! {
        <form class="panel form-grid reassign-form" on:submit=submit>
            <h3>"Reasignar clientes de un asesor"</h3>
            <p class="muted small">"Sus devoluciones de llamada pendientes pasan a otro asesor del mismo equipo (ausencia, cambio de turno)."</p>
            <div class="field">
                <label for="reasignar-de">"De"</label>
                <select id="reasignar-de" on:change=move |ev| from.set(event_target_value(&ev))>
                    <option value="">"Elija…"</option>
                    {options}
                </select>
            </div>
            <div class="field">
                <label for="reasignar-a">"A"</label>
                <select id="reasignar-a" on:change=move |ev| to.set(event_target_value(&ev))>
                    <option value="">"Elija…"</option>
                    {options_to}
                </select>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button--primary">"Reasignar"</button>
                {move || message.get().map(|m| match m {
                    Ok(text) => view! { <p class="form-success" role="status">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
                })}
            </div>
        </form>
    }
}
