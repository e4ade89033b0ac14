//! The list of cases in follow-up: "Mis casos" for the agent and the team's
//! cases for the supervisor, with the callback's due state in words and
//! colour, the history on demand and (for supervisors) reassignment.

use crate::api::auth::UserRef;
use crate::api::guide::{CaseSummary, CaseView, case, cases, reassign_case};
use crate::components::case_field_ops::{CaseEscalations, CaseVisits};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::domain::cases::CallbackDue;
use crate::domain::local_time::format_date_time;
use crate::paths::page;
use crate::session::use_session;
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn due_class(due: Option<CallbackDue>) -> &'static str {
    match due {
        Some(CallbackDue::Overdue) => "badge badge--danger",
        Some(CallbackDue::Due) => "badge badge--warning",
        Some(CallbackDue::Today) => "badge badge--info",
        _ => "badge",
    }
}

#[component]
pub fn CasesTable(
    /// Leader view: show the owner and offer reassignment to these agents.
    #[prop(optional)]
    team: Option<Vec<UserRef>>,
) -> impl IntoView {
    let show_closed = RwSignal::new(false);
    let listed = LocalResource::new(move || {
        let open_only = !show_closed.get();
        async move { cases(open_only).await }
    });
    // A back-office answer moves a callback: the list follows at once.
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener_untyped(
            crate::components::live_alerts::CASES_CHANGED_EVENT,
            move |_| listed.refetch(),
        );
        on_cleanup(move || handle.remove());
    }
    let leader = team.is_some();
    let team = StoredValue::new(team.unwrap_or_default());
    let selected = RwSignal::new(None::<i64>);

    view! {
        <section class="panel" aria-labelledby="casos-titulo">
            <div class="panel-header">
                <h2 id="casos-titulo">{if leader { "Casos del equipo" } else { "Mis casos" }}</h2>
                <label class="inline-check">
                    <input type="checkbox" prop:checked=move || show_closed.get()
                        on:change=move |ev| show_closed.set(event_target_checked(&ev)) />
                    " Incluir cerrados"
                </label>
            </div>
            <Suspense fallback=|| view! { <Loading label="Cargando casos…" /> }>
                {move || Suspend::new(async move {
                    match listed.await {
                        Err(err) => view! { <ErrorPanel title="No se pudieron cargar los casos" message=err.message() retry=true /> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty">{if leader { "El equipo no tiene casos en seguimiento." } else { "No tiene casos en seguimiento." }}</p>
                        }.into_any(),
                        Ok(list) => {
                            let now = Utc::now();
                            let overdue = list.iter().filter(|c| c.state.is_open() && c.callback_at.is_some_and(|at| CallbackDue::of(at, now) == CallbackDue::Overdue)).count();
                            let due = list.iter().filter(|c| c.state.is_open() && c.callback_at.is_some_and(|at| matches!(CallbackDue::of(at, now), CallbackDue::Due | CallbackDue::Today))).count();
                            view! {
                                <p class="cases-counts" role="status">
                                    <span class=due_class(Some(CallbackDue::Overdue))>{format!("{overdue} vencidas")}</span>
                                    " "
                                    <span class=due_class(Some(CallbackDue::Today))>{format!("{due} para hoy")}</span>
                                </p>
                                <div class="table-wrap">
                                    <table class="table cases-table">
                                        <caption class="visually-hidden">"Casos en seguimiento"</caption>
                                        <thead><tr>
                                            <th scope="col">"Devolución"</th>
                                            <th scope="col">"Cliente"</th>
                                            <th scope="col">"Base"</th>
                                            <th scope="col">"Estado"</th>
                                            <th scope="col">"Tipificación"</th>
                                            {leader.then(|| view! { <th scope="col">"Asesor"</th> })}
                                            <th scope="col">"Acciones"</th>
                                        </tr></thead>
                                        <tbody>
                                            {list.into_iter().map(|c| view! { <CaseRow case=c leader team selected /> }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
            {move || selected.get().map(|id| view! { <CaseDetail id on_close=Callback::new(move |()| selected.set(None)) /> })}
        </section>
    }
}

#[component]
fn CaseRow(
    case: CaseSummary,
    leader: bool,
    team: StoredValue<Vec<UserRef>>,
    selected: RwSignal<Option<i64>>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let due = case
        .callback_at
        .filter(|_| case.state.is_open())
        .map(|at| CallbackDue::of(at, Utc::now()));
    let owner = RwSignal::new(case.owner.clone());
    let target = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let id = case.id;
    let reassign = move || {
        let login = target.get_untracked();
        if login.is_empty() {
            message.set(Some("Elija el asesor.".into()));
            return;
        }
        spawn_local(async move {
            match reassign_case(id, &login, &csrf.get_value()).await {
                Ok(updated) => {
                    owner.set(updated.owner);
                    message.set(Some("Reasignado.".into()));
                }
                Err(err) => message.set(Some(err.message())),
            }
        });
    };
    let call_href = page::call_for(&case.cuenta, &case.base_id.to_string());
    let open = case.state.is_open();
    view! {
        <tr>
            <td data-label="Devolución">
                {case.callback_at.map(format_date_time).unwrap_or_else(|| "—".into())}
                {due.map(|d| view! { " " <span class=due_class(Some(d))>{d.label()}</span> })}
            </td>
            <td data-label="Cliente"><strong>{case.nombre.clone()}</strong><br /><code>{case.cuenta.clone()}</code></td>
            <td data-label="Base" title=case.base_name.clone()>{case.tipo_base.label()}</td>
            <td data-label="Estado">{format!("#{} {}", case.id, case.state.label())}</td>
            <td data-label="Tipificación" class="cases-table__code">{case.typification.clone().unwrap_or_default()}</td>
            {leader.then(|| view! {
                <td data-label="Asesor">
                    {move || owner.get().name}
                    {open.then(|| view! {
                        <div class="inline-form">
                            <label class="visually-hidden" for=format!("reasignar-{id}")>"Reasignar a"</label>
                            <select id=format!("reasignar-{id}") on:change=move |ev| target.set(event_target_value(&ev))>
                                <option value="">"Reasignar a…"</option>
                                {team.get_value().into_iter().map(|a| view! { <option value=a.login.clone()>{a.name.clone()}</option> }).collect_view()}
                            </select>
                            <button type="button" class="button button--small" on:click=move |_| reassign()>"Reasignar"</button>
                        </div>
                    })}
                    <p class="field-hint" role="status">{move || message.get()}</p>
                </td>
            })}
            <td data-label="Acciones" class="actions">
                <button type="button" class="button button--small" on:click=move |_| selected.set(Some(id))>"Historial"</button>
                {(!leader && open).then(|| view! { <a class="button button--small button--primary" href=call_href>"Llamar"</a> })}
            </td>
        </tr>
    }
}

#[component]
fn CaseDetail(id: i64, on_close: Callback<()>) -> impl IntoView {
    let loaded = LocalResource::new(move || async move { case(id).await });
    view! {
        <section class="panel case-detail" aria-labelledby="caso-detalle">
            <div class="panel-header">
                <h2 id="caso-detalle">{format!("Historial del caso #{id}")}</h2>
                <button type="button" class="button button--small" on:click=move |_| on_close.run(())>"Cerrar"</button>
            </div>
            <Suspense fallback=|| view! { <Loading label="Cargando…" /> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(view_) => view! { <CaseHistoryList case=view_ /> }.into_any(),
                        Err(err) => view! { <ErrorPanel title="No se pudo cargar el caso" message=err.message() /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CaseHistoryList(case: CaseView) -> impl IntoView {
    let visits = (!case.visits.is_empty()).then(|| view! { <CaseVisits visits=case.visits /> });
    let escalations = (!case.escalations.is_empty())
        .then(|| view! { <CaseEscalations escalations=case.escalations /> });
    view! {
        {escalations}
        {visits}
        <ol class="timeline">
            {case.events.into_iter().map(|e| view! {
                <li>
                    <time>{format_date_time(e.at)}</time>
                    <strong>{format!(" {} ", e.kind.label())}</strong>
                    {e.actor.map(|a| a.name).unwrap_or_default()}
                    <p>{e.detail}</p>
                </li>
            }).collect_view()}
        </ol>
        <h3>"Interacciones"</h3>
        <ul class="plain-list">
            {case.interactions.into_iter().map(|i| view! {
                <li>
                    {format!("{} · {} · {} · SPC {}", i.closed_at.map(format_date_time).unwrap_or_default(), i.agent.name,
                        i.typification.clone().unwrap_or_default(), if i.spc == Some(true) { "sí" } else { "no" })}
                    {i.cun.map(|c| format!(" · CUN {c}"))}
                    {i.notes.map(|n| view! { <p class="muted">{n}</p> })}
                </li>
            }).collect_view()}
        </ul>
    }
}
