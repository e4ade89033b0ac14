//! Escalamientos (back office and admin): the queue of what agents escalated
//! (visits without a slot, DIME, sector or platform faults, técnico de
//! confianza), most urgent first with its SLA countdown; a row opens the
//! detail where it is taken, answered and resolved.

use super::escalation_detail::EscalationDetail;
use crate::api::field_ops::{EscalationFilter, EscalationView, escalations};
use crate::components::escalation_view::{SlaBadge, status_class, taken_text, use_clock};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::domain::field_ops::{EscalationKind, EscalationStatus};
use crate::domain::local_time::format_date_time;
use crate::paths::page;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::str::FromStr;

/// The state filter's default: what still needs the back office.
const OPEN: &str = "";
/// Every state, resolved ones included.
const ALL: &str = "TODOS";
/// The list reloads by itself this often, for escalations arriving while
/// the back office looks at it.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const RELOAD_SECONDS: u32 = 60;

#[component]
pub fn EscalationsPage() -> impl IntoView {
    view! {
        <Page title="Escalamientos" path=page::ESCALATIONS>
            <EscalationQueue />
        </Page>
    }
}

/// The filters as chosen on screen.
#[derive(Clone, Copy)]
struct Filters {
    /// `OPEN`, `ALL` or a status code.
    status: RwSignal<String>,
    kind: RwSignal<Option<EscalationKind>>,
    overdue_only: RwSignal<bool>,
    mine_only: RwSignal<bool>,
}

impl Filters {
    fn request(&self) -> EscalationFilter {
        EscalationFilter {
            status: EscalationStatus::from_str(&self.status.get()).ok(),
            open_only: self.status.with(|s| s == OPEN),
            kind: self.kind.get(),
            overdue_only: self.overdue_only.get(),
            mine_only: self.mine_only.get(),
        }
    }
}

/// What the queue shows: the last good list, kept while a reload is under
/// way so rows (and the focus in them) stay put.
#[derive(Clone, Copy)]
struct Queue {
    list: RwSignal<Vec<EscalationView>>,
    loaded: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    /// The escalation whose detail is open (its latest copy).
    open: RwSignal<Option<EscalationView>>,
}

#[component]
fn EscalationQueue() -> impl IntoView {
    let filters = Filters {
        status: RwSignal::new(OPEN.to_string()),
        kind: RwSignal::new(None),
        overdue_only: RwSignal::new(false),
        mine_only: RwSignal::new(false),
    };
    let queue = Queue {
        list: RwSignal::new(Vec::new()),
        loaded: RwSignal::new(false),
        error: RwSignal::new(None),
        open: RwSignal::new(None),
    };
    let now = use_clock();
    // Answers of an older request (filters changed meanwhile) are dropped.
    let request_seq = StoredValue::new(0u64);

    let reload = move || {
        let filter = filters.request();
        request_seq.update_value(|n| *n += 1);
        let seq = request_seq.get_value();
        spawn_local(async move {
            let answer = escalations(&filter).await;
            if request_seq.get_value() != seq {
                return;
            }
            match answer {
                // The server's order: open first, soonest due first.
                Ok(list) => {
                    // The open detail follows colleagues' changes too.
                    if let Some(open_id) = queue.open.with_untracked(|o| o.as_ref().map(|e| e.id))
                        && let Some(fresh) = list.iter().find(|e| e.id == open_id)
                        && queue.open.with_untracked(|o| o.as_ref() != Some(fresh))
                    {
                        queue.open.set(Some(fresh.clone()));
                    }
                    queue.list.set(list);
                    queue.error.set(None);
                }
                Err(err) => queue.error.set(Some(err.message())),
            }
            queue.loaded.set(true);
        });
    };
    // Effects run only in the browser: the list is fetched there.
    Effect::new(move |_| {
        let _ = filters.request();
        reload();
    });
    #[cfg(feature = "hydrate")]
    {
        let interval = gloo_timers::callback::Interval::new(RELOAD_SECONDS * 1000, reload);
        let interval = send_wrapper::SendWrapper::new(interval);
        on_cleanup(move || drop(interval));
    }
    let on_changed = Callback::new(move |updated: EscalationView| {
        queue.open.set(Some(updated));
        reload();
    });

    view! {
        <section class="panel" aria-labelledby="cola-escalamientos">
            <div class="panel-header">
                <h2 id="cola-escalamientos">"Cola de escalamientos"</h2>
                <button type="button" class="button button--small" on:click=move |_| reload()>"Actualizar"</button>
            </div>
            <FilterBar filters />
            {move || {
                if let Some(message) = queue.error.get() {
                    view! { <ErrorPanel title="No se pudo cargar la cola de escalamientos" message /> }.into_any()
                } else if !queue.loaded.get() {
                    view! { <Loading label="Cargando escalamientos…" /> }.into_any()
                } else {
                    view! { <QueueTable queue now /> }.into_any()
                }
            }}
        </section>
        <Show when=move || queue.open.with(Option::is_some)>
            <EscalationDetail open=queue.open now on_changed />
        </Show>
    }
}

#[component]
fn FilterBar(filters: Filters) -> impl IntoView {
    view! {
        <form class="filters escalation-filters" aria-label="Filtros de la cola" on:submit=|ev| ev.prevent_default()>
            <div class="field field--inline">
                <label for="esc-filtro-estado">"Estado"</label>
                <select id="esc-filtro-estado" on:change=move |ev| filters.status.set(event_target_value(&ev))>
                    <option value=OPEN selected=move || filters.status.with(|s| s == OPEN)>"Abiertos (pendientes y en gestión)"</option>
                    {EscalationStatus::ALL.iter().copied().map(|s| view! {
                        <option value=s.code() selected=move || filters.status.with(|v| v == s.code())>{s.label()}</option>
                    }).collect_view()}
                    <option value=ALL selected=move || filters.status.with(|s| s == ALL)>"Todos"</option>
                </select>
            </div>
            <div class="field field--inline">
                <label for="esc-filtro-tipo">"Tipo"</label>
                <select id="esc-filtro-tipo" on:change=move |ev| filters.kind.set(EscalationKind::from_str(&event_target_value(&ev)).ok())>
                    <option value="" selected=move || filters.kind.get().is_none()>"Todos los tipos"</option>
                    {EscalationKind::ALL.iter().copied().map(|k| view! {
                        <option value=k.code() selected=move || filters.kind.get() == Some(k)>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <label class="inline-check">
                <input type="checkbox" prop:checked=move || filters.overdue_only.get()
                    on:change=move |ev| filters.overdue_only.set(event_target_checked(&ev)) />
                "Solo vencidos"
            </label>
            <label class="inline-check">
                <input type="checkbox" prop:checked=move || filters.mine_only.get()
                    on:change=move |ev| filters.mine_only.set(event_target_checked(&ev)) />
                "Solo los míos"
            </label>
        </form>
    }
}

#[component]
fn QueueTable(queue: Queue, now: RwSignal<DateTime<Utc>>) -> impl IntoView {
    let counts = move || {
        let at = now.get();
        queue.list.with(|list| {
            let overdue = list
                .iter()
                .filter(|e| e.resolved_at.is_none() && e.due_at < at)
                .count();
            format!(
                "{} {} · {overdue} {}",
                list.len(),
                if list.len() == 1 {
                    "escalamiento"
                } else {
                    "escalamientos"
                },
                if overdue == 1 { "vencido" } else { "vencidos" }
            )
        })
    };
    view! {
        <p class="escalation-counts" role="status">{counts}</p>
        <Show
            when=move || queue.list.with(|l| !l.is_empty())
            fallback=|| view! { <p class="empty">"No hay escalamientos con estos filtros."</p> }
        >
            <div class="table-wrap">
                <table class="table table--cards escalations-table">
                    <caption class="visually-hidden">"Escalamientos, el que vence primero arriba"</caption>
                    <thead><tr>
                        <th scope="col">"Tipo"</th>
                        <th scope="col">"Cliente"</th>
                        <th scope="col">"Zona"</th>
                        <th scope="col">"Asesor"</th>
                        <th scope="col">"Creado"</th>
                        <th scope="col">"Vence"</th>
                        <th scope="col">"Estado"</th>
                        <th scope="col">"Tomado por"</th>
                        <th scope="col"><span class="visually-hidden">"Acciones"</span></th>
                    </tr></thead>
                    <tbody>
                        <For
                            each=move || queue.list.get()
                            // A row is drawn again only when what it shows changed.
                            key=|e| (e.id, e.status, e.answers.len(), e.taken_by.as_ref().map(|u| u.id))
                            let:escalation
                        >
                            <QueueRow escalation open=queue.open now />
                        </For>
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

#[component]
fn QueueRow(
    escalation: EscalationView,
    open: RwSignal<Option<EscalationView>>,
    now: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    let id = escalation.id;
    let is_open = move || open.with(|o| o.as_ref().is_some_and(|e| e.id == id));
    let kept = StoredValue::new(escalation.clone());
    let select = move |_| {
        open.set(Some(kept.get_value()));
        focus_detail();
    };
    let label = format!("Ver detalle del escalamiento de {}", escalation.nombre);
    view! {
        <tr class:row--selected=is_open>
            <td data-label="Tipo">{escalation.kind.label()}</td>
            <td data-label="Cliente">
                <strong>{escalation.nombre.clone()}</strong><br />
                <code>{escalation.cuenta.clone()}</code>
                <span class="field-hint">{format!(" · caso #{}", escalation.case_id)}</span>
            </td>
            <td data-label="Zona">{escalation.zone.clone().unwrap_or_else(|| "—".into())}</td>
            <td data-label="Asesor">{escalation.owner.name.clone()}</td>
            <td data-label="Creado" class="nowrap">{format_date_time(escalation.created_at)}</td>
            <td data-label="Vence">
                <span class="nowrap">{format_date_time(escalation.due_at)}</span><br />
                <SlaBadge due_at=escalation.due_at resolved_at=escalation.resolved_at now />
            </td>
            <td data-label="Estado"><span class=status_class(escalation.status)>{escalation.status.label()}</span></td>
            <td data-label="Tomado por">{taken_text(&escalation)}</td>
            <td data-label="Acciones" class="actions">
                <button type="button" class="button button--small" aria-label=label
                    aria-expanded=move || if is_open() { "true" } else { "false" }
                    aria-controls="escalamiento-detalle"
                    on:click=select>
                    "Ver detalle"
                </button>
            </td>
        </tr>
    }
}

/// Moves the focus to the detail's heading once it is drawn, for keyboard
/// and screen-reader users.
fn focus_detail() {
    #[cfg(feature = "hydrate")]
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        if let Some(heading) = document()
            .get_element_by_id("escalamiento-detalle-titulo")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = heading.focus();
            heading.scroll_into_view();
        }
    });
}
