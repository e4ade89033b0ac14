//! Llamada: the customer in front of the agent. Opened from Mi cola, from
//! the dialer's screen-pop (`/llamada?cuenta=…&base=…`) or on its own (the
//! record the agent holds). The card sits beside the guide; the result of
//! the attempt is recorded here.

use crate::api::client::{ClientError, new_request_id};
use crate::api::queue::{
    AttemptRequest, CustomerCard, current_record, customer_card, keep_record, open_record,
    record_attempt,
};
use crate::components::customer_card::CustomerCardView;
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::guide::CallGuide;
use crate::components::page::Page;
use crate::components::shortcuts::use_shortcut;
use crate::domain::bases::AttemptResult;
use crate::domain::local_time::{format_date_time, parse_local_input};
use crate::paths::page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

/// How the page found its customer.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    Record(i64),
    ScreenPop { cuenta: String, base: String },
    Held,
}

#[component]
pub fn CallPage() -> impl IntoView {
    let query = use_query_map();
    let csrf = StoredValue::new(use_session().csrf_token);
    let source = Memo::new(move |_| {
        let q = query.read();
        match (
            q.get("registro").and_then(|r| r.parse().ok()),
            q.get("cuenta"),
            q.get("base"),
        ) {
            (Some(id), _, _) => Source::Record(id),
            (None, Some(cuenta), Some(base)) => Source::ScreenPop { cuenta, base },
            _ => Source::Held,
        }
    });
    let card = LocalResource::new(move || {
        let source = source.get();
        async move { load(source, &csrf.get_value()).await }
    });
    let reload = Callback::new(move |()| card.refetch());

    view! {
        <Page title="Llamada" path=page::CALL>
            <Suspense fallback=|| view! { <Loading label="Abriendo el cliente…" /> }>
                {move || Suspend::new(async move {
                    match card.await {
                        Ok(Some(card)) => view! { <CallWorkspace card on_done=reload /> }.into_any(),
                        Ok(None) => view! {
                            <section class="panel panel--notice">
                                <h2>"No tiene un cliente abierto"</h2>
                                <p>"Pida el siguiente cliente en Mi cola, o espere a que el marcador le asigne una llamada."</p>
                                <a class="button button--primary" href=page::QUEUE>"Ir a Mi cola"</a>
                            </section>
                        }.into_any(),
                        Err(err) => view! {
                            <ErrorPanel title="No fue posible abrir el cliente" message=err.message() />
                            <p><a class="button" href=page::QUEUE>"Ir a Mi cola"</a></p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

async fn load(source: Source, csrf: &str) -> Result<Option<CustomerCard>, ClientError> {
    match source {
        Source::Record(id) => customer_card(id).await.map(Some),
        Source::ScreenPop { cuenta, base } => open_record(&cuenta, &base, csrf).await.map(Some),
        Source::Held => match current_record().await? {
            Some(record) => customer_card(record.id).await.map(Some),
            None => Ok(None),
        },
    }
}

/// The guide's place, the result form and the card.
#[component]
fn CallWorkspace(card: CustomerCard, on_done: Callback<()>) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let record_id = card.record.id;
    let held = card.held_by_me;

    // Keep the record reserved while the page is open.
    #[cfg(feature = "hydrate")]
    if held {
        let interval = set_interval_with_handle(
            move || {
                spawn_local(async move {
                    let _ = keep_record(record_id, &csrf.get_value()).await;
                });
            },
            std::time::Duration::from_secs(120),
        );
        if let Ok(handle) = interval {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (keep_record, csrf);

    // The guide runs once the customer answers; until then (or after they
    // hang up) the attempt's result is recorded with the form.
    let guide_on = RwSignal::new(card.guide_in_progress);
    let guide_card = StoredValue::new(card.clone());
    let open_case = card.open_case;
    let start_guide = move || guide_on.set(true);
    use_shortcut("g", move || {
        if held && !guide_on.get_untracked() {
            start_guide();
        }
    });

    view! {
        <div class="call-layout">
            <div class="call-main">
                {if held {
                    view! {
                        {move || if guide_on.get() {
                            view! {
                                <CallGuide card=guide_card.get_value() on_abandon=Callback::new(move |()| guide_on.set(false)) />
                            }.into_any()
                        } else {
                            view! {
                                <section class="panel guide-launcher" aria-labelledby="guia-inicio">
                                    <h2 id="guia-inicio">"Guía de la llamada"</h2>
                                    {open_case.map(|(id, state)| view! {
                                        <p class="guide-warning">{format!("Este cliente tiene el caso #{id} en seguimiento ({}). La guía muestra su historial.", state.label())}</p>
                                    })}
                                    <p>"Cuando el cliente conteste, inicie la guía. Si no hubo contacto, registre el resultado del intento."</p>
                                    <button type="button" class="button button--primary" aria-keyshortcuts="G" on:click=move |_| start_guide()>
                                        "Cliente contestó: iniciar la guía (G)"
                                    </button>
                                </section>
                                <AttemptForm record_id on_done />
                            }.into_any()
                        }}
                    }.into_any()
                } else {
                    view! {
                        <section class="panel panel--notice">
                            <h2>"Solo lectura"</h2>
                            <p>"Este cliente no está reservado para usted; puede consultar su ficha pero no registrar intentos."</p>
                        </section>
                    }.into_any()
                }}
            </div>
            <aside class="call-side">
                <CustomerCardView card />
            </aside>
        </div>
    }
}

#[component]
fn AttemptForm(record_id: i64, on_done: Callback<()>) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let result = RwSignal::new(None::<AttemptResult>);
    let callback = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    // One id per attempt: a retry after a network error is the same attempt.
    let request_id = StoredValue::new(new_request_id());

    for (index, option) in AttemptResult::ALL.iter().enumerate() {
        let option = *option;
        let key: &'static str = ["1", "2", "3", "4", "5", "6", "7"][index];
        use_shortcut(key, move || result.set(Some(option)));
    }

    let submit = move || {
        if pending.get_untracked() || saved.get_untracked().is_some() {
            return;
        }
        let Some(chosen) = result.get_untracked() else {
            error.set(Some("Elija el resultado del intento.".into()));
            return;
        };
        let callback_at = match callback.get_untracked().trim() {
            "" => None,
            value => match parse_local_input(value) {
                Some(at) => Some(at),
                None => {
                    error.set(Some("La fecha de la devolución no es válida.".into()));
                    return;
                }
            },
        };
        let request = AttemptRequest {
            result: chosen,
            callback_at,
            notes: Some(notes.get_untracked()).filter(|n| !n.trim().is_empty()),
            request_id: request_id.get_value(),
        };
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match record_attempt(record_id, &request, &csrf.get_value()).await {
                Ok(record) => {
                    let next = match (record.callback_at, record.next_attempt_at) {
                        (Some(at), _) => format!(
                            "Devolución de llamada agendada para el {}.",
                            format_date_time(at)
                        ),
                        (None, Some(at)) => {
                            format!("El cliente volverá a la cola el {}.", format_date_time(at))
                        }
                        (None, None) => {
                            format!("Registro {}.", record.status.label().to_lowercase())
                        }
                    };
                    saved.set(Some(format!(
                        "Resultado registrado: {}. {next}",
                        chosen.label()
                    )));
                }
                Err(err) => error.set(Some(err.message())),
            }
            pending.set(false);
        });
    };
    use_shortcut("Enter", submit);

    view! {
        <section class="panel attempt-form" aria-labelledby="resultado-titulo">
            <h2 id="resultado-titulo">"Resultado del intento"</h2>
            <fieldset class="result-grid" disabled=move || saved.get().is_some()>
                <legend class="visually-hidden">"Resultado"</legend>
                {AttemptResult::ALL.iter().enumerate().map(|(index, option)| {
                    let option = *option;
                    let id = format!("resultado-{}", option.code().to_lowercase());
                    let label_for = id.clone();
                    view! {
                        <label class="result-option" class:result-option--chosen=move || result.get() == Some(option) for=label_for>
                            <input
                                type="radio"
                                name="resultado"
                                id=id
                                value=option.code()
                                aria-keyshortcuts=(index + 1).to_string()
                                prop:checked=move || result.get() == Some(option)
                                on:change=move |_| result.set(Some(option))
                            />
                            <kbd>{index + 1}</kbd>
                            <span>{option.label()}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <div class="form-grid">
                <div class="field">
                    <label for="devolucion">"Devolución de llamada (hora de Bogotá)"</label>
                    <input id="devolucion" type="datetime-local" bind:value=callback />
                    <p class="field-hint">"Obligatoria con «Volver a llamar»."</p>
                </div>
                <div class="field">
                    <label for="notas-intento">"Notas"</label>
                    <textarea id="notas-intento" rows="3" maxlength="4000" bind:value=notes></textarea>
                </div>
            </div>
            <p class="form-error" role="alert">{move || error.get()}</p>
            {move || match saved.get() {
                Some(message) => view! {
                    <p class="form-success" role="status">{message}</p>
                    <div class="button-row">
                        <a class="button button--primary" href=page::QUEUE>"Siguiente cliente"</a>
                        <button type="button" class="button" on:click=move |_| on_done.run(())>"Ver ficha actualizada"</button>
                    </div>
                }.into_any(),
                None => view! {
                    <button type="button" class="button button--primary" aria-keyshortcuts="Enter"
                        disabled=move || pending.get() on:click=move |_| submit()>
                        {move || if pending.get() { "Registrando…" } else { "Registrar resultado (Enter)" }}
                    </button>
                }.into_any(),
            }}
        </section>
    }
}
