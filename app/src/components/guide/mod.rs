//! The interactive call guide (SPEC §3), running in the agent's tab: the
//! procedure version of the call as a stepper with branching, the "where am
//! I" path, scripts with the customer's and agent's names, checklists with
//! the systems and keys to use, suggestions, call and hold timers, and
//! keyboard shortcuts for every action (touch works the same buttons).
//!
//! Work is never lost: every change goes to local storage at once and to
//! the server after a short pause (and on every step change); the server
//! keeps the newest revision, and a reopened tab resumes from whichever copy
//! is newer. Closing is idempotent by the interaction's key.

mod field;
mod offers;
mod outage;
pub mod state;
pub mod storage;
mod visit_slot;

use crate::api::client::ClientError;
use crate::api::guide::{
    CaseView, CloseResult, GuideStart, InteractionDraft, StartInteraction, abandon_interaction,
    close_interaction, save_draft, start_interaction,
};
use crate::api::queue::CustomerCard;
use crate::components::feedback::{ErrorPanel, Loading};
use crate::domain::local_time::{format_date_time, local_date};
use crate::domain::procedure::{CallContext, FieldKind, render_script, walk};
use crate::paths::page;
use crate::session::use_session;
use chrono::{NaiveDate, Utc};
use field::{GuideField, Proposal};
use leptos::prelude::*;
use leptos::task::spawn_local;
use offers::OfferSelector;
use outage::OutageBanner;
use state::{GuideState, clock};
use std::collections::BTreeMap;
use storage::{LocalDraft, now_ms};
use visit_slot::VisitSlot;

/// How the autosave stands, for the indicator in the header.
#[derive(Debug, Clone, PartialEq)]
enum SaveStatus {
    Saved,
    Saving,
    Offline,
    Failed(String),
}

impl SaveStatus {
    fn text(&self) -> String {
        match self {
            SaveStatus::Saved => "Guardado".into(),
            SaveStatus::Saving => "Guardando…".into(),
            SaveStatus::Offline => {
                "Sin conexión: los cambios quedan en este equipo y se enviarán al volver la red"
                    .into()
            }
            SaveStatus::Failed(message) => message.clone(),
        }
    }
}

/// The guide for the record the agent holds: starts the interaction or
/// resumes the one in progress.
#[component]
pub fn CallGuide(card: CustomerCard, on_abandon: Callback<()>) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let record_id = card.record.id;
    let loaded =
        LocalResource::new(move || async move { load(record_id, &csrf.get_value()).await });
    let card = StoredValue::new(card);
    view! {
        <Suspense fallback=|| view! { <Loading label="Abriendo la guía…" /> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok((start, draft)) => view! {
                        <GuideRunner start draft card=card.get_value() on_abandon />
                    }.into_any(),
                    Err(err) => view! {
                        <ErrorPanel title="No fue posible abrir la guía" message=err.message() retry=true />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Starts (or resumes) on the server and picks the newer of the server's
/// and this browser's copies.
async fn load(record_id: i64, csrf: &str) -> Result<(GuideStart, InteractionDraft), ClientError> {
    let local = storage::load(record_id);
    let key = local
        .as_ref()
        .map(|l| l.key.clone())
        .unwrap_or_else(storage::new_key);
    let start = start_interaction(&StartInteraction { record_id, key }, csrf).await?;
    let server = start.interaction.draft.clone();
    let draft = match local {
        Some(local)
            if local.key == start.interaction.key && local.draft.revision > server.revision =>
        {
            local.draft
        }
        _ => server,
    };
    Ok((start, draft))
}

fn today() -> NaiveDate {
    local_date(Utc::now())
}

#[component]
fn GuideRunner(
    start: GuideStart,
    draft: InteractionDraft,
    card: CustomerCard,
    on_abandon: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let csrf = StoredValue::new(session.csrf_token.clone());
    let agent_name = session.user.name.clone();
    let record_id = card.record.id;
    let procedure = StoredValue::new(start.procedure.clone());
    let context = StoredValue::new(CallContext {
        tipo_base: card.record.base_kind.code().to_string(),
        segmento: card.record.segmento.code().to_string(),
    });
    let key = StoredValue::new(start.interaction.key.clone());
    let typifications = StoredValue::new(start.typifications.clone());
    let offer_context = StoredValue::new(start.offers.clone());
    let outages = StoredValue::new(start.field.outages.clone());
    let outage_announced = StoredValue::new(false);
    let started_ms = start.interaction.started_at.timestamp_millis() as f64;
    let version_number = start.interaction.version_number;

    let newer_here = draft.revision > start.interaction.draft.revision;
    let guide = RwSignal::new(GuideState::new(draft, now_ms()));
    let now = RwSignal::new(now_ms());
    let problems = RwSignal::new(Vec::<String>::new());
    // A copy from this device newer than the server's is sent at once.
    let save_status = RwSignal::new(if newer_here {
        SaveStatus::Saving
    } else {
        SaveStatus::Saved
    });
    let saved_revision = RwSignal::new(start.interaction.draft.revision);
    let in_flight = StoredValue::new(false);
    // After a failed save, wait a little before trying again.
    let retry_at = StoredValue::new(0.0f64);
    let closed = RwSignal::new(None::<CloseResult>);
    let closing = RwSignal::new(false);
    let help_open = RwSignal::new(false);
    let confirm_abandon = RwSignal::new(false);

    // Sends the newest draft unless the server already has it.
    let save_now = move || {
        if in_flight.get_value() || closed.get_untracked().is_some() {
            return;
        }
        let draft = guide.with_untracked(|g| g.draft.clone());
        if draft.revision <= saved_revision.get_untracked() {
            save_status.set(SaveStatus::Saved);
            return;
        }
        in_flight.set_value(true);
        save_status.set(SaveStatus::Saving);
        spawn_local(async move {
            let result = save_draft(&key.get_value(), &draft, &csrf.get_value()).await;
            in_flight.set_value(false);
            match result {
                Ok(saved) => {
                    saved_revision.update(|r| *r = (*r).max(saved.revision));
                    let current = guide.with_untracked(|g| g.draft.revision);
                    save_status.set(if current <= saved_revision.get_untracked() {
                        SaveStatus::Saved
                    } else {
                        SaveStatus::Saving
                    });
                }
                Err(ClientError::Network) => {
                    retry_at.set_value(now_ms() + 3_000.0);
                    save_status.set(SaveStatus::Offline);
                }
                Err(err) => {
                    retry_at.set_value(now_ms() + 10_000.0);
                    save_status.set(SaveStatus::Failed(err.message()));
                }
            }
        });
    };

    // Every change goes to local storage at once; the clock below sends it
    // to the server once typing pauses.
    let last_change = StoredValue::new(0.0f64);
    Effect::new(move |_| {
        let draft = guide.with(|g| g.draft.clone());
        if closed.get_untracked().is_some() {
            return;
        }
        let revision = draft.revision;
        storage::store(
            record_id,
            &LocalDraft {
                key: key.get_value(),
                draft,
            },
        );
        last_change.set_value(now_ms());
        // Never show "Guardado" while a change waits for the server.
        if revision > saved_revision.get_untracked()
            && save_status.get_untracked() == SaveStatus::Saved
        {
            save_status.set(SaveStatus::Saving);
        }
    });

    // The clock of the timers; also sends pending changes half a second
    // after the last one (and retries while the network is down).
    #[cfg(feature = "hydrate")]
    {
        // gloo-timers' interval stops when dropped, i.e. when the guide goes.
        let interval = gloo_timers::callback::Interval::new(500, move || {
            let at = now_ms();
            now.set(at);
            let pending =
                saved_revision.get_untracked() < guide.with_untracked(|g| g.draft.revision);
            if pending && at - last_change.get_value() >= 500.0 && at >= retry_at.get_value() {
                save_now();
            }
        });
        let interval = send_wrapper::SendWrapper::new(interval);
        on_cleanup(move || drop(interval));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (last_change, retry_at);

    let focus_step = move || {
        #[cfg(feature = "hydrate")]
        request_animation_frame(move || {
            if let Some(heading) = document().get_element_by_id("paso-actual") {
                use wasm_bindgen::JsCast;
                if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                    let _ = heading.focus();
                }
            }
        });
    };

    let close = move || {
        if closing.get_untracked() || closed.get_untracked().is_some() {
            return;
        }
        let ctx = context.get_value();
        let walked =
            procedure.with_value(|p| guide.with_untracked(|g| walk(p, &ctx, &g.draft.answers)));
        if !walked.complete {
            problems.set(walked.problems);
            return;
        }
        guide.update(|g| g.account(now_ms()));
        let draft = guide.with_untracked(|g| g.draft.clone());
        closing.set(true);
        problems.set(Vec::new());
        spawn_local(async move {
            match close_interaction(&key.get_value(), &draft, &csrf.get_value()).await {
                Ok(result) => {
                    storage::forget(record_id);
                    closed.set(Some(result));
                }
                Err(err) => problems.set(vec![err.message()]),
            }
            closing.set(false);
        });
    };

    let next = move || {
        if closed.get_untracked().is_some() {
            return;
        }
        let ctx = context.get_value();
        let mut outcome = Ok(true);
        procedure.with_value(|p| guide.update(|g| outcome = g.next(p, &ctx, today(), now_ms())));
        match outcome {
            Ok(true) => {
                problems.set(Vec::new());
                save_now();
                focus_step();
            }
            Ok(false) => close(),
            Err(found) => problems.set(found),
        }
    };
    let back = move || {
        if closed.get_untracked().is_some() {
            return;
        }
        let mut moved = false;
        guide.update(|g| moved = g.back(now_ms()));
        if moved {
            problems.set(Vec::new());
            save_now();
            focus_step();
        }
    };
    let suggest = move || {
        let ctx = context.get_value();
        procedure.with_value(|p| {
            guide.update(|g| {
                g.apply_suggestions(p, &ctx);
            })
        });
    };
    let hold = move || guide.update(|g| g.toggle_hold(now_ms()));
    let abandon = move || {
        spawn_local(async move {
            match abandon_interaction(&key.get_value(), &csrf.get_value()).await {
                Ok(()) => {
                    storage::forget(record_id);
                    closed.set(None);
                    on_abandon.run(());
                }
                Err(err) => problems.set(vec![err.message()]),
            }
        });
    };

    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, move |event| {
            use wasm_bindgen::JsCast;
            let typing = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            let code = event.code();
            if event.ctrl_key() && event.key() == "Enter" {
                event.prevent_default();
                next();
            } else if event.alt_key() && code == "ArrowLeft" {
                event.prevent_default();
                back();
            } else if event.alt_key() && code == "KeyS" {
                event.prevent_default();
                suggest();
            } else if event.alt_key() && code == "KeyE" {
                event.prevent_default();
                hold();
            } else if let Some(id) = event
                .alt_key()
                .then(|| offers::answer_button_for_key(&code))
                .flatten()
            {
                // The customer's answer to the offer on screen.
                event.prevent_default();
                if let Some(button) = document()
                    .get_element_by_id(id)
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    button.click();
                }
            } else if !typing && event.key() == "?" {
                event.prevent_default();
                help_open.update(|open| *open = !*open);
            } else if event.key() == "Escape" && help_open.get_untracked() {
                help_open.set(false);
            }
        });
        on_cleanup(move || handle.remove());
    }

    // Keyboard users start on the step's heading; Tab goes to its fields.
    focus_step();

    let current_id = Memo::new(move |_| guide.with(|g| g.draft.current_step.clone()));
    let path = Memo::new(move |_| guide.with(|g| g.draft.path.clone()));
    let is_end = Memo::new(move |_| {
        let id = current_id.get();
        procedure.with_value(|p| p.step(&id).is_some_and(|s| s.end))
    });
    let call_seconds = move || (((now.get() - started_ms) / 1000.0).max(0.0)) as u32;
    let hold_seconds = move || guide.with(|g| g.hold_seconds(now.get()));
    let on_hold = move || guide.with(|g| g.hold_started_ms.is_some());

    let script_values = {
        let card = card.clone();
        move || {
            let due = procedure.with_value(|p| {
                p.fields()
                    .find(|(_, f)| f.kind == FieldKind::DueDate)
                    .map(|(_, f)| f.id.clone())
            });
            let due = due
                .and_then(|id| guide.with(|g| g.draft.answers.get(&id).cloned()))
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_else(|| "(fecha de vencimiento)".into());
            BTreeMap::from([
                ("cliente", card.record.nombre.clone()),
                ("asesor", agent_name.clone()),
                ("cuenta", card.record.cuenta.clone()),
                ("base", card.record.base_kind.label().to_string()),
                ("segmento", card.record.segmento.label().to_string()),
                ("vencimiento_pqr", due),
            ])
        }
    };
    let script_values = StoredValue::new(script_values);
    let render = Callback::new(move |template: String| {
        script_values.with_value(|values| render_script(&template, &values()))
    });

    let step_view = move || {
        let id = current_id.get();
        let Some(step) = procedure.with_value(|p| p.step(&id).cloned()) else {
            return view! { <p>"Paso desconocido."</p> }.into_any();
        };
        let step = StoredValue::new(step);
        let visible = Memo::new(move |_| {
            let ctx = context.get_value();
            guide.with(|g| {
                step.with_value(|s| {
                    s.visible_fields(&ctx, &g.draft.answers)
                        .map(|f| f.id.clone())
                        .collect::<Vec<_>>()
                })
            })
        });
        let (number, title, guidance, systems, script) = step.with_value(|s| {
            (
                s.number,
                s.title.clone(),
                s.guidance.clone(),
                s.systems.clone(),
                s.script.clone(),
            )
        });
        let why = (number == 2).then(|| view! { <WhyWeCall card=card.clone() /> });
        // A mass outage is told atop the step from the customer's context
        // (step 2) on, and again atop Soporte, where one press copies it
        // into the answers.
        let in_support = id == outage::SUPPORT_STEP;
        let shows_outage = in_support || number == 2;
        let outage = (shows_outage && outages.with_value(|o| !o.is_empty())).then(|| {
            let on_use = in_support.then(|| {
                Callback::new(move |notice| {
                    guide.update(|g| {
                        for (field, value) in outage::support_answers(&notice) {
                            g.answer(field, &value);
                        }
                    })
                })
            });
            let used = Signal::derive(move || {
                guide.with(|g| {
                    g.draft
                        .answers
                        .get(outage::INCIDENT_FIELD)
                        .cloned()
                        .unwrap_or_default()
                })
            });
            view! { <OutageBanner outages=outages.get_value() announced=outage_announced on_use used /> }
        });
        let requirement = Signal::derive(move || {
            procedure.with_value(|p| {
                guide.with(|g| {
                    p.recorded(
                        crate::domain::procedure::Recorded::Requirement,
                        &g.draft.answers,
                    )
                })
            })
        });
        view! {
            <div class="guide-step">
                <h3 id="paso-actual" tabindex="-1">{format!("Paso {number}. {title}")}</h3>
                {outage}
                {(!systems.is_empty()).then(|| view! {
                    <ul class="guide-systems" aria-label="Sistemas y teclas">
                        {systems.into_iter().map(|s| view! {
                            <li>
                                <strong>{s.name}</strong>
                                {s.keys.map(|k| view! { " " <kbd>{k}</kbd> })}
                                <span>{format!(" — {}", s.purpose)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                {script.map(|template| view! {
                    <blockquote class="guide-script" aria-label="Guion">
                        {move || script_values.with_value(|values| render_script(&template, &values()))}
                    </blockquote>
                })}
                {(!guidance.is_empty()).then(|| view! {
                    <ul class="guide-guidance">
                        {guidance.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}
                    </ul>
                })}
                {why}
                <div class="guide-fields">
                    <For each=move || visible.get() key=|id| id.clone() let:field_id>
                        {
                            let field = step.with_value(|s| s.fields.iter().find(|f| f.id == field_id).cloned());
                            field.map(|field| {
                                let id = field.id.clone();
                                let value_id = id.clone();
                                let value: Signal<String> = Memo::new(move |_| guide.with(|g| g.draft.answers.get(&value_id).cloned().unwrap_or_default())).into();
                                let proposal_id = id.clone();
                                let proposal: Signal<Option<Proposal>> = Memo::new(move |_| {
                                    let ctx = context.get_value();
                                    guide.with(|g| step.with_value(|s| {
                                        s.active_suggestions(&ctx, &g.draft.answers)
                                            .find(|sug| sug.field == proposal_id)
                                            .map(|sug| {
                                                let label = s.fields.iter().find(|f| f.id == proposal_id)
                                                    .and_then(|f| f.option_label(&sug.value).map(str::to_string))
                                                    .or_else(|| typifications.with_value(|t| t.iter().find(|t| t.code == sug.value).map(|t| format!("{} — {}", t.code, t.name))))
                                                    .unwrap_or_else(|| sug.value.clone());
                                                Proposal { value: sug.value.clone(), label, because: sug.because.clone() }
                                            })
                                    }))
                                }).into();
                                let on_change = Callback::new(move |(field, value): (String, String)| {
                                    guide.update(|g| g.answer(&field, &value));
                                });
                                if field.kind == FieldKind::Offers {
                                    let source = field.needs_from.clone().unwrap_or_default();
                                    let needs: Signal<String> = Memo::new(move |_| guide.with(|g| g.draft.answers.get(&source).cloned().unwrap_or_default())).into();
                                    view! {
                                        <OfferSelector field value needs offers=offer_context on_change render />
                                    }.into_any()
                                } else if field.kind == FieldKind::VisitSlot {
                                    let answer_of = |id: &'static str| -> Signal<String> {
                                        Memo::new(move |_| guide.with(|g| g.draft.answers.get(id).cloned().unwrap_or_default())).into()
                                    };
                                    let kind = answer_of(visit_slot::KIND_FIELD);
                                    let motivo = answer_of(visit_slot::MOTIVO_FIELD);
                                    view! {
                                        <VisitSlot field value kind motivo record_id interaction_key=key on_change />
                                    }.into_any()
                                } else {
                                    view! {
                                        <GuideField field value proposal on_change typifications requirement record_id />
                                    }.into_any()
                                }
                            })
                        }
                    </For>
                </div>
            </div>
        }
        .into_any()
    };

    let case = StoredValue::new(start.case.clone());
    let step_view = StoredValue::new_local(step_view);

    view! {
        <section class="panel guide" aria-labelledby="guia-titulo">
            {move || match closed.get() {
                Some(result) => view! { <ClosedSummary result /> }.into_any(),
                None => view! {
                    <header class="guide-header">
                        <h2 id="guia-titulo">"Guía de la llamada"</h2>
                        <span class="guide-version muted">{format!("Procedimiento versión {version_number}")}</span>
                        <div class="guide-timers">
                            <span role="timer" aria-label="Duración de la llamada">"Llamada " <strong>{move || clock(call_seconds())}</strong></span>
                            <span role="timer" aria-label="Tiempo en espera" class:guide-hold--on=on_hold>
                                "Espera " <strong>{move || clock(hold_seconds())}</strong>
                            </span>
                            <button type="button" class="button button--small" aria-keyshortcuts="Alt+E"
                                aria-pressed=move || on_hold().to_string() on:click=move |_| hold()>
                                {move || if on_hold() { "Retomar (Alt+E)" } else { "En espera (Alt+E)" }}
                            </button>
                        </div>
                        <p class="guide-save" role="status" class:guide-save--offline=move || save_status.get() != SaveStatus::Saved && save_status.get() != SaveStatus::Saving>
                            {move || save_status.get().text()}
                        </p>
                        <button type="button" class="button button--small" aria-keyshortcuts="?" on:click=move |_| help_open.set(true)>"Atajos (?)"</button>
                    </header>
                    {case.get_value().map(|case| view! { <CaseHistory case /> })}
                    <nav class="guide-path" aria-label="Recorrido de la llamada">
                        <ol>
                            {move || {
                                let steps = path.get();
                                let last = steps.len().saturating_sub(1);
                                steps.into_iter().enumerate().map(|(i, id)| {
                                    let (number, title) = procedure.with_value(|p| p.step(&id).map(|s| (s.number, s.title.clone())).unwrap_or((0, id.clone())));
                                    let current = i == last;
                                    view! {
                                        <li class:guide-path__current=current aria-current=current.then_some("step")>
                                            <span class="guide-path__number">{number}</span>
                                            <span>{title}</span>
                                        </li>
                                    }
                                }).collect_view()
                            }}
                            {move || (!is_end.get()).then(|| view! {
                                <li class="guide-path__todo" aria-hidden="true"><span class="guide-path__number">"8"</span><span>"Cierre"</span></li>
                            })}
                        </ol>
                    </nav>
                    {move || step_view.with_value(|render| render())}
                    <div class="form-error" role="alert">
                        {move || {
                            let list = problems.get();
                            (!list.is_empty()).then(|| view! {
                                <ul class="guide-problems">{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                            })
                        }}
                    </div>
                    <div class="guide-actions">
                        <button type="button" class="button" aria-keyshortcuts="Alt+ArrowLeft"
                            disabled=move || path.get().len() < 2 on:click=move |_| back()>
                            "← Anterior (Alt+←)"
                        </button>
                        <button type="button" class="button" aria-keyshortcuts="Alt+S" on:click=move |_| suggest()>
                            "Usar sugerencias (Alt+S)"
                        </button>
                        <button type="button" class="button button--primary" aria-keyshortcuts="Control+Enter"
                            disabled=move || closing.get() on:click=move |_| next()>
                            {move || if closing.get() {
                                "Cerrando…"
                            } else if is_end.get() {
                                "Cerrar interacción (Ctrl+Enter)"
                            } else {
                                "Siguiente paso (Ctrl+Enter)"
                            }}
                        </button>
                        <button type="button" class="button button--quiet" on:click=move |_| confirm_abandon.set(true)>
                            "El cliente colgó"
                        </button>
                    </div>
                    {move || confirm_abandon.get().then(|| view! {
                        <div class="panel panel--notice guide-confirm" role="alertdialog" aria-labelledby="colgo-titulo">
                            <h3 id="colgo-titulo">"¿Terminar sin completar la guía?"</h3>
                            <p>"La interacción queda descartada (sus respuestas se conservan) y podrá registrar el resultado del intento."</p>
                            <div class="button-row">
                                <button type="button" class="button button--danger" on:click=move |_| abandon()>"Sí, terminar"</button>
                                <button type="button" class="button" on:click=move |_| confirm_abandon.set(false)>"Volver a la guía"</button>
                            </div>
                        </div>
                    })}
                }.into_any(),
            }}
            {move || help_open.get().then(|| view! { <ShortcutHelp on_close=Callback::new(move |()| help_open.set(false)) /> })}
        </section>
    }
}

/// Why this customer is being called (step 2 of the procedure).
#[component]
fn WhyWeCall(card: CustomerCard) -> impl IntoView {
    let kind = card.record.base_kind;
    let what = match kind.code() {
        "FIDELIZACION" => {
            "Confirmar el estado del servicio, indagar requerimientos y brindar los beneficios disponibles."
        }
        "ABANDONOS" => {
            "Se comunicó con nuestros canales y no fue atendido: indague el motivo de su comunicación."
        }
        "DETRACTORES" => {
            "Calificó negativamente la encuesta: indague el motivo y el porqué de su calificación."
        }
        "CANCELACIONES" => {
            "Solicitó la cancelación de sus servicios: indague el motivo y recupere su interés."
        }
        _ => "Confirmar el estado del servicio y ofrecer la migración a la red FTTH.",
    };
    view! {
        <aside class="guide-why" aria-label="Por qué llamamos a este cliente">
            <p><strong>{format!("Base {}: ", kind.label())}</strong>{what}</p>
            <dl class="facts">
                {card.motivo.clone().map(|m| view! { <dt>"Motivo"</dt><dd>{m}</dd> })}
                {card.nota_encuesta.map(|n| view! { <dt>"Nota de la encuesta"</dt><dd>{format!("{n} de 10")}</dd> })}
                {card.fecha_evento.map(|f| view! { <dt>"Fecha del evento"</dt><dd>{f.format("%d/%m/%Y").to_string()}</dd> })}
                {(!card.ofrecimientos.is_empty()).then(|| view! { <dt>"Ofrecimientos de la base"</dt><dd>{card.ofrecimientos.join(", ")}</dd> })}
                {(!card.servicios.is_empty()).then(|| view! { <dt>"Servicios"</dt><dd>{card.servicios.join(", ")}</dd> })}
            </dl>
        </aside>
    }
}

/// The open case this call continues.
#[component]
fn CaseHistory(case: CaseView) -> impl IntoView {
    let summary = case.summary.clone();
    view! {
        <details class="guide-case" open>
            <summary>
                {format!("Caso #{} en seguimiento: {}", summary.id, summary.state.label())}
                {summary.callback_at.map(|at| format!(" · devolución {}", format_date_time(at)))}
            </summary>
            <ol class="guide-case__events">
                {case.events.into_iter().map(|e| view! {
                    <li>
                        <time>{format_date_time(e.at)}</time>
                        {format!(" · {} · ", e.kind.label())}
                        {e.actor.map(|a| a.name).unwrap_or_default()}
                        <p>{e.detail}</p>
                    </li>
                }).collect_view()}
            </ol>
            {case.interactions.into_iter().map(|i| view! {
                <p class="muted">
                    {format!("{} · {} · ", i.closed_at.map(format_date_time).unwrap_or_default(), i.agent.name)}
                    {i.notes.unwrap_or_default()}
                </p>
            }).collect_view()}
        </details>
    }
}

#[component]
fn ClosedSummary(result: CloseResult) -> impl IntoView {
    let interaction = result.interaction;
    let case_line = match &result.case {
        Some(case) if case.state.is_open() => format!(
            "Caso #{} en seguimiento ({}), devolución de llamada el {}.",
            case.id,
            case.state.label(),
            case.callback_at.map(format_date_time).unwrap_or_default()
        ),
        Some(case) => format!("Caso #{} cerrado.", case.id),
        None => "Cerrado en primer contacto: no queda caso abierto.".into(),
    };
    view! {
        <div class="guide-closed" role="status">
            <h2 id="guia-titulo">"Interacción cerrada"</h2>
            <dl class="facts">
                <dt>"Tipificación"</dt><dd>{interaction.typification.clone().unwrap_or_default()}</dd>
                <dt>"SPC"</dt><dd>{if interaction.spc == Some(true) { "Sí" } else { "No" }}</dd>
                {interaction.cun.clone().map(|cun| view! { <dt>"CUN"</dt><dd>{cun}</dd> })}
            </dl>
            <p>{case_line}</p>
            <div class="button-row">
                <a class="button button--primary" href=page::QUEUE>"Siguiente cliente"</a>
                <a class="button" href=page::CASES>"Mis casos"</a>
            </div>
        </div>
    }
}

#[component]
fn ShortcutHelp(on_close: Callback<()>) -> impl IntoView {
    let rows = [
        (
            "Ctrl + Enter",
            "Siguiente paso; en el cierre, cerrar la interacción",
        ),
        ("Alt + ←", "Paso anterior"),
        ("Alt + S", "Usar las sugerencias del paso"),
        ("Alt + E", "Poner o quitar la espera"),
        (
            "Alt + 1 / 2 / 3",
            "La oferta en pantalla: acepta / rechaza / lo pensará",
        ),
        ("Tab / Shift + Tab", "Pasar de un campo a otro"),
        ("Flechas", "Elegir una opción dentro de un grupo"),
        ("Espacio", "Marcar o desmarcar una casilla"),
        ("?", "Mostrar u ocultar esta ayuda"),
        ("Esc", "Cerrar esta ayuda"),
    ];
    view! {
        <div class="overlay" on:click=move |_| on_close.run(())>
            <div class="panel overlay__dialog" role="dialog" aria-modal="true" aria-labelledby="atajos-titulo"
                on:click=|ev| ev.stop_propagation()>
                <h2 id="atajos-titulo">"Atajos de teclado de la guía"</h2>
                <table class="shortcut-table">
                    <caption class="visually-hidden">"Teclas y acciones"</caption>
                    <tbody>
                        {rows.into_iter().map(|(keys, what)| view! {
                            <tr><th scope="row"><kbd>{keys}</kbd></th><td>{what}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="button" class="button" autofocus on:click=move |_| on_close.run(())>"Cerrar (Esc)"</button>
            </div>
        </div>
    }
}
