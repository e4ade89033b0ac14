//! Mi cola: the agent's state, "Siguiente cliente" and their callbacks.

use crate::api::queue::{
    AgentStateView, ChooseStateRequest, NextRecord, RecordSummary, choose_state, current_record,
    my_callbacks, my_state, next_record, release_record,
};
use crate::api::settings::floor_settings;
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::components::shortcuts::use_shortcut;
use crate::domain::agent_state::{AgentStateKind, format_duration};
use crate::domain::local_time::format_date_time;
use crate::paths::page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn QueuePage() -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let held = LocalResource::new(current_record);
    let callbacks = LocalResource::new(my_callbacks);
    let given = RwSignal::new(None::<NextRecord>);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    // The record on screen: the one just handed out, else the one held.
    let current = Signal::derive(move || {
        given
            .get()
            .and_then(|next| next.record)
            .or_else(|| held.get().and_then(Result::ok).flatten())
    });

    let ask_next = move || {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match next_record(&csrf.get_value()).await {
                Ok(next) => given.set(Some(next)),
                Err(err) => error.set(Some(err.message())),
            }
            pending.set(false);
        });
    };
    let open_call = move || {
        if let Some(record) = current.get_untracked() {
            let _ = window().location().assign(&page::call_record(record.id));
        }
    };
    use_shortcut("n", ask_next);
    use_shortcut("l", open_call);

    let release = move |id: i64| {
        spawn_local(async move {
            match release_record(id, &csrf.get_value()).await {
                Ok(()) => {
                    given.set(None);
                    held.refetch();
                }
                Err(err) => error.set(Some(err.message())),
            }
        });
    };

    view! {
        <Page title="Mi cola" path=page::QUEUE>
            <div class="queue-layout">
                <div class="queue-main">
                    <StatePanel />
                    <section class="panel" aria-labelledby="siguiente-titulo">
                        <h2 id="siguiente-titulo">"Siguiente cliente"</h2>
                        <p class="muted">
                            "Primero sus devoluciones de llamada vencidas, luego por prioridad y antigüedad. Atajo: "
                            <kbd>"N"</kbd>
                        </p>
                        <button
                            type="button"
                            class="button button--primary button--large"
                            aria-keyshortcuts="N"
                            disabled=move || pending.get()
                            on:click=move |_| ask_next()
                        >
                            {move || if pending.get() { "Buscando…" } else { "Siguiente cliente" }}
                        </button>
                        <p class="form-error" role="alert">{move || error.get()}</p>
                        {move || given.get().and_then(|n| n.message).map(|message| view! {
                            <p class="notice" role="status">{message}</p>
                        })}
                        {move || current.get().map(|record| {
                            let id = record.id;
                            let callback = given.get().is_some_and(|n| n.is_callback);
                            view! { <HeldRecord record callback on_release=Callback::new(move |()| release(id)) /> }
                        })}
                    </section>
                </div>
                <aside class="queue-side">
                    <section class="panel" aria-labelledby="devoluciones-titulo">
                        <h2 id="devoluciones-titulo">"Mis devoluciones de llamada"</h2>
                        <Transition fallback=|| view! { <Loading label="Cargando devoluciones…" /> }>
                            {move || Suspend::new(async move {
                                match callbacks.await {
                                    Ok(list) if list.is_empty() => view! {
                                        <p class="empty">"No tiene devoluciones de llamada pendientes."</p>
                                    }.into_any(),
                                    Ok(list) => view! { <CallbackList list /> }.into_any(),
                                    Err(err) => view! {
                                        <ErrorPanel title="No fue posible cargar sus devoluciones" message=err.message() />
                                    }.into_any(),
                                }
                            })}
                        </Transition>
                    </section>
                </aside>
            </div>
        </Page>
    }
}

/// The record the agent holds, with the way into the call.
#[component]
fn HeldRecord(record: RecordSummary, callback: bool, on_release: Callback<()>) -> impl IntoView {
    let href = page::call_record(record.id);
    view! {
        <article class="held-record" aria-label="Cliente asignado">
            {callback.then(|| view! { <p class="badge badge--callback">"Devolución de llamada"</p> })}
            <h3>{record.nombre.clone()}</h3>
            <dl class="facts facts--inline">
                <dt>"Cuenta"</dt><dd><code>{record.cuenta.clone()}</code></dd>
                <dt>"Base"</dt><dd>{format!("{} ({})", record.base_name, record.base_kind.label())}</dd>
                <dt>"Segmento"</dt><dd>{record.segmento.label()}</dd>
                <dt>"Intentos"</dt><dd>{record.attempts}</dd>
            </dl>
            <div class="button-row">
                <a class="button button--primary" href=href aria-keyshortcuts="L">"Abrir llamada (L)"</a>
                <button type="button" class="button" on:click=move |_| on_release.run(())>
                    "Liberar sin llamar"
                </button>
            </div>
        </article>
    }
}

#[component]
fn CallbackList(list: Vec<RecordSummary>) -> impl IntoView {
    let now = chrono::Utc::now();
    view! {
        <ul class="callback-list">
            {list.into_iter().map(|record| {
                let at = record.callback_at.unwrap_or(now);
                let due = at <= now;
                view! {
                    <li class:callback--due=due>
                        <span class="callback-when">{format_date_time(at)}</span>
                        <span class="callback-who">{record.nombre}</span>
                        <span class="muted">{format!("{} · {}", record.cuenta, record.base_name)}</span>
                        {due.then(|| view! { <span class="badge badge--due">"Vencida"</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The agent's state: available or paused with a reason, with its duration.
#[component]
fn StatePanel() -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let state = LocalResource::new(my_state);
    let reasons = LocalResource::new(floor_settings);
    let shown = RwSignal::new(None::<AgentStateView>);
    let error = RwSignal::new(None::<String>);
    let reason = RwSignal::new(String::new());
    let tick = RwSignal::new(chrono::Utc::now());

    Effect::new(move |_| {
        if let Some(Ok(view)) = state.get() {
            shown.set(Some(view));
        }
    });
    #[cfg(feature = "hydrate")]
    {
        let interval = set_interval_with_handle(
            move || tick.set(chrono::Utc::now()),
            std::time::Duration::from_secs(1),
        );
        if let Ok(handle) = interval {
            on_cleanup(move || handle.clear());
        }
    }

    let choose = move |kind: AgentStateKind| {
        let request = ChooseStateRequest {
            state: kind,
            reason: (kind == AgentStateKind::EnPausa).then(|| reason.get_untracked()),
        };
        spawn_local(async move {
            match choose_state(&request, &csrf.get_value()).await {
                Ok(view) => {
                    shown.set(Some(view));
                    error.set(None);
                }
                Err(err) => error.set(Some(err.message())),
            }
        });
    };

    view! {
        <section class="panel state-panel" aria-labelledby="estado-titulo">
            <h2 id="estado-titulo">"Mi estado"</h2>
            {move || shown.get().map(|view| {
                let since = view.since.map(|since| format_duration((tick.get() - since).num_seconds()));
                view! {
                    <p class=format!("state-now state--{}", view.state.code().to_lowercase()) role="status">
                        <span class="state-dot" aria-hidden="true"></span>
                        <strong>{view.state.label()}</strong>
                        {view.reason.map(|r| format!(" · {r}"))}
                        {since.map(|s| view! { <span class="state-since">{format!(" hace {s}")}</span> })}
                    </p>
                }
            })}
            <div class="state-actions">
                <button type="button" class="button" on:click=move |_| choose(AgentStateKind::Disponible)>
                    "Disponible"
                </button>
                <label class="visually-hidden" for="motivo-pausa">"Motivo de la pausa"</label>
                <select id="motivo-pausa" on:change=move |ev| reason.set(event_target_value(&ev))>
                    <option value="">"Motivo de la pausa…"</option>
                    {move || reasons.get().and_then(Result::ok).map(|settings| {
                        settings.pause_reasons.into_iter().map(|r| view! {
                            <option value=r.clone()>{r.clone()}</option>
                        }).collect_view()
                    })}
                </select>
                <button type="button" class="button" on:click=move |_| choose(AgentStateKind::EnPausa)>
                    "Pausar"
                </button>
            </div>
            <p class="form-error" role="alert">{move || error.get()}</p>
        </section>
    }
}
