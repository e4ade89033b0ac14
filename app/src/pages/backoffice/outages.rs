//! Avisos de falla masiva (back office and admin; SPEC §3 step 3): the
//! notices Diagnosticador gives, registered so the guide tells affected
//! customers before troubleshooting and blocks their visit booking. Closing
//! a notice lists whom to call back.

use super::incident_customers::{CallbackCustomers, CallbackList};
use super::incident_form::{IncidentEditor, IncidentFields};
use crate::api::field_ops::{IncidentView, close_incident, incident_customers, incidents};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::domain::field_ops::{IncidentPriority, IncidentStatus};
use crate::domain::local_time::format_date_time;
use crate::paths::page;
use crate::session::use_session;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cmp::Reverse;

#[component]
pub fn OutagesPage() -> impl IntoView {
    view! {
        <Page title="Avisos de falla masiva" path=page::OUTAGES>
            <OutagesWorkspace />
        </Page>
    }
}

fn priority_class(priority: IncidentPriority) -> &'static str {
    match priority {
        IncidentPriority::Alta => "badge badge--danger",
        IncidentPriority::Media => "badge badge--due",
        IncidentPriority::Baja => "badge badge--info",
    }
}

/// A date and time that may wrap between the two (narrow columns).
fn when(at: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let text = format_date_time(at);
    let (day, time) = text.split_once(' ').unwrap_or((text.as_str(), ""));
    view! { <span class="nowrap">{day.to_string()}</span> " " <span class="nowrap">{time.to_string()}</span> }
}

/// Active notices first, the latest start first within each group.
fn in_list_order(mut list: Vec<IncidentView>) -> Vec<IncidentView> {
    list.sort_by_key(|i| (i.status != IncidentStatus::Activo, Reverse(i.starts_at)));
    list
}

/// What the list remembers between loads.
#[derive(Clone, Copy)]
struct ListState {
    all: RwSignal<bool>,
    /// The notice whose closing waits for a yes.
    confirming: RwSignal<Option<i64>>,
    pending: RwSignal<bool>,
    message: RwSignal<Option<(bool, String)>>,
}

#[component]
fn OutagesWorkspace() -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let state = ListState {
        all: RwSignal::new(false),
        confirming: RwSignal::new(None),
        pending: RwSignal::new(false),
        message: RwSignal::new(None),
    };
    let listed = RwSignal::new(None::<Result<Vec<IncidentView>, String>>);
    let reload = RwSignal::new(0u32);
    let ticket = StoredValue::new(0u64);
    let fields = IncidentFields::new();
    let callbacks = RwSignal::new(None::<CallbackList>);
    let editor_ref = NodeRef::<html::Section>::new();
    let first_field = NodeRef::<html::Input>::new();

    Effect::new(move |_| {
        reload.track();
        let all = state.all.get();
        let mine = ticket.get_value() + 1;
        ticket.set_value(mine);
        spawn_local(async move {
            let answer = incidents(!all).await;
            if ticket.try_get_value() == Some(mine) {
                listed.try_set(Some(answer.map(in_list_order).map_err(|e| e.message())));
            }
        });
    });
    let refresh = Callback::new(move |()| reload.update(|n| *n += 1));
    let edit = Callback::new(move |incident: IncidentView| {
        fields.load(&incident);
        if let Some(section) = editor_ref.get_untracked() {
            section.scroll_into_view();
        }
        if let Some(input) = first_field.get_untracked() {
            let _ = input.focus();
        }
    });
    let close = Callback::new(move |incident: IncidentView| {
        state.pending.set(true);
        spawn_local(async move {
            match close_incident(incident.id, &csrf.get_value()).await {
                Ok(closure) => {
                    state.confirming.try_set(None);
                    state.message.try_set(None);
                    // The form forgets a notice that no longer takes edits.
                    if fields
                        .editing
                        .get_untracked()
                        .is_none_or(|(id, _)| id == incident.id)
                    {
                        fields.start_new();
                    }
                    callbacks.try_set(Some(CallbackList {
                        number: closure.incident.number,
                        just_closed: true,
                        customers: Some(Ok(closure.customers)),
                    }));
                    reload.try_update(|n| *n += 1);
                }
                Err(err) => {
                    state.message.try_set(Some((false, err.message())));
                }
            }
            state.pending.try_set(false);
        });
    });
    let show_customers = Callback::new(move |incident: IncidentView| {
        callbacks.set(Some(CallbackList {
            number: incident.number.clone(),
            just_closed: false,
            customers: None,
        }));
        spawn_local(async move {
            let answer = incident_customers(incident.id)
                .await
                .map_err(|e| e.message());
            callbacks.try_update(|shown| {
                if let Some(shown) = shown.as_mut().filter(|s| s.number == incident.number) {
                    shown.customers = Some(answer);
                }
            });
        });
    });

    view! {
        <section class="panel" aria-labelledby="avisos-titulo">
            <div class="panel-header">
                <h2 id="avisos-titulo">"Avisos registrados"</h2>
                <div class="panel-header__tools">
                    <div class="field field--inline">
                        <label for="avisos-mostrar">"Mostrar"</label>
                        <select id="avisos-mostrar" on:change=move |ev| state.all.set(event_target_value(&ev) == "todos")>
                            <option value="activos" selected=move || !state.all.get()>"Activos"</option>
                            <option value="todos" selected=move || state.all.get()>"Todos"</option>
                        </select>
                    </div>
                    <button type="button" class="button" on:click=move |_| {
                        fields.start_new();
                        if let Some(section) = editor_ref.get_untracked() {
                            section.scroll_into_view();
                        }
                        if let Some(input) = first_field.get_untracked() {
                            let _ = input.focus();
                        }
                    }>"Nuevo aviso"</button>
                </div>
            </div>
            <p role="status" class=move || match state.message.get() { Some((true, _)) => "form-success", _ => "form-error" }>
                {move || state.message.get().map(|(_, m)| m)}
            </p>
            {move || match listed.get() {
                None => view! { <Loading label="Cargando los avisos…" /> }.into_any(),
                Some(Err(message)) => view! {
                    <ErrorPanel title="No se pudieron cargar los avisos" message retry=true />
                }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="empty">{move || if state.all.get() {
                        "No hay avisos registrados."
                    } else {
                        "No hay avisos activos: ninguna zona tiene una falla masiva registrada."
                    }}</p>
                }.into_any(),
                Some(Ok(list)) => view! {
                    <IncidentsTable list state edit close show_customers />
                }.into_any(),
            }}
        </section>
        <Show when=move || callbacks.with(Option::is_some)>
            <CallbackCustomers list=callbacks />
        </Show>
        <IncidentEditor fields csrf on_saved=refresh node_ref=editor_ref first_field />
    }
}

#[component]
fn IncidentsTable(
    list: Vec<IncidentView>,
    state: ListState,
    edit: Callback<IncidentView>,
    close: Callback<IncidentView>,
    show_customers: Callback<IncidentView>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table table--cards incidents-table">
                <caption class="visually-hidden">"Avisos de falla masiva"</caption>
                <thead><tr>
                    <th scope="col">"Número"</th>
                    <th scope="col">"Prioridad"</th>
                    <th scope="col">"Descripción"</th>
                    <th scope="col" class="incidents-table__places">"Zonas y nodos"</th>
                    <th scope="col">"Inicio"</th>
                    <th scope="col">"Fin estimado"</th>
                    <th scope="col" class="num">"Contactos"</th>
                    <th scope="col">"Estado"</th>
                    <th scope="col"><span class="visually-hidden">"Acciones"</span></th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|incident| view! { <IncidentRow incident state edit close show_customers /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn IncidentRow(
    incident: IncidentView,
    state: ListState,
    edit: Callback<IncidentView>,
    close: Callback<IncidentView>,
    show_customers: Callback<IncidentView>,
) -> impl IntoView {
    let id = incident.id;
    let active = incident.status == IncidentStatus::Activo;
    let asking = move || state.confirming.get() == Some(id);
    let chips = |names: &[String]| {
        view! {
            <ul class="chips chips--small">
                {names.iter().map(|n| view! { <li class="chip">{n.clone()}</li> }).collect_view()}
            </ul>
        }
    };
    let linked = match incident.contacts {
        0 => "No tiene contactos vinculados.".to_string(),
        1 => "El cliente de su contacto vinculado queda con una devolución de llamada para ahora."
            .to_string(),
        n => format!(
            "Los clientes de sus {n} contactos vinculados quedan con una devolución de llamada para ahora."
        ),
    };
    let question = format!(
        "¿Cerrar el aviso {}? La guía deja de mostrarlo y de bloquear visitas en sus zonas. {linked}",
        incident.number
    );
    let number = incident.number.clone();
    let whole = StoredValue::new(incident.clone());
    view! {
        <tr class:row--inactive=!active>
            <td data-label="Número"><code>{incident.number.clone()}</code></td>
            <td data-label="Prioridad"><span class=priority_class(incident.priority)>{incident.priority.label()}</span></td>
            <td data-label="Descripción" class="wide incidents-table__text">{incident.description.clone()}</td>
            <td data-label="Zonas y nodos">
                {(!incident.zones.is_empty()).then(|| chips(&incident.zones))}
                {(!incident.nodes.is_empty()).then(|| view! {
                    <span class="cell-note">"Nodos:"</span>
                    {chips(&incident.nodes)}
                })}
            </td>
            <td data-label="Inicio">{when(incident.starts_at)}</td>
            <td data-label="Fin estimado">
                {match incident.expected_end {
                    Some(at) => when(at).into_any(),
                    None => view! { <span class="muted">"Sin estimar"</span> }.into_any(),
                }}
            </td>
            <td data-label="Contactos" class="num">{incident.contacts}</td>
            <td data-label="Estado">
                <span class=if active { "badge badge--danger" } else { "badge" }>{incident.status.label()}</span>
                {incident.closed_at.map(|at| view! { <span class="cell-note">{format!("el {}", format_date_time(at))}</span> })}
            </td>
            <td class="actions">
                <div class="row-actions">
                    {active.then(|| view! {
                        <button type="button" class="button button--small" on:click=move |_| edit.run(whole.get_value())>
                            "Editar"<span class="visually-hidden">{format!(" {}", whole.with_value(|i| i.number.clone()))}</span>
                        </button>
                        <button type="button" class="button button--small"
                            aria-expanded=move || if asking() { "true" } else { "false" }
                            on:click=move |_| state.confirming.set(Some(id))>
                            "Cerrar aviso"<span class="visually-hidden">{format!(" {}", whole.with_value(|i| i.number.clone()))}</span>
                        </button>
                    })}
                    <button type="button" class="button button--small" on:click=move |_| show_customers.run(whole.get_value())>
                        "Clientes"<span class="visually-hidden">{format!(" del aviso {number}")}</span>
                    </button>
                </div>
            </td>
        </tr>
        <Show when=asking>
            <tr class="row--editor">
                <td colspan="9">
                    <div class="confirm-row" role="group" aria-label="Confirmar el cierre del aviso">
                        <p>{question.clone()}</p>
                        <div class="button-row">
                            <button type="button" class="button button--danger"
                                disabled=move || state.pending.get()
                                on:click=move |_| close.run(whole.get_value())>
                                "Sí, cerrar el aviso"
                            </button>
                            <button type="button" class="button" on:click=move |_| state.confirming.set(None)>"Volver"</button>
                        </div>
                    </div>
                </td>
            </tr>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn incident(id: i64, status: IncidentStatus, hour: u32) -> IncidentView {
        IncidentView {
            id,
            number: format!("INC00000{id}"),
            priority: IncidentPriority::Media,
            description: "Caída de nodo".into(),
            zones: vec!["Pereira".into()],
            nodes: Vec::new(),
            starts_at: Utc.with_ymd_and_hms(2026, 5, 11, hour, 0, 0).unwrap(),
            expected_end: None,
            status,
            closed_at: None,
            contacts: 0,
        }
    }

    #[test]
    fn active_notices_come_first_latest_first() {
        let ordered = in_list_order(vec![
            incident(1, IncidentStatus::Cerrado, 12),
            incident(2, IncidentStatus::Activo, 8),
            incident(3, IncidentStatus::Activo, 10),
        ]);
        let ids: Vec<i64> = ordered.iter().map(|i| i.id).collect();
        assert_eq!(ids, [3, 2, 1]);
    }
}
