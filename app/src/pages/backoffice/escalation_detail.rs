//! One escalation opened from the queue: what the agent captured, the
//! answers so far, and the back office's actions (take, answer, resolve).
//! Every answer reaches the agent who owns the case and moves its callback.

use crate::api::client::ClientError;
use crate::api::field_ops::{
    EscalationReply, EscalationView, answer_escalation, resolve_escalation, take_escalation,
};
use crate::components::escalation_view::{AnswerList, SlaBadge, status_class, taken_text};
use crate::domain::field_ops::EscalationStatus;
use crate::domain::local_time::{format_date_time, parse_local_input};
use crate::session::use_session;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The detail of the escalation in `open`; drawn anew when another one is
/// opened, so a half-typed answer never moves to another customer.
#[component]
pub(super) fn EscalationDetail(
    open: RwSignal<Option<EscalationView>>,
    now: RwSignal<DateTime<Utc>>,
    on_changed: Callback<EscalationView>,
) -> impl IntoView {
    let open_id = Memo::new(move |_| open.with(|o| o.as_ref().map(|e| e.id)));
    move || {
        open_id
            .get()
            .map(|id| view! { <DetailBody id open now on_changed /> })
    }
}

#[component]
fn DetailBody(
    id: i64,
    open: RwSignal<Option<EscalationView>>,
    now: RwSignal<DateTime<Utc>>,
    on_changed: Callback<EscalationView>,
) -> impl IntoView {
    let me = use_session().user.id;
    let status = Memo::new(move |_| open.with(|o| o.as_ref().map(|e| e.status)));
    // Only who took it answers it (the server refuses anyone else).
    let holder = Memo::new(move |_| {
        open.with(|o| {
            o.as_ref()
                .filter(|e| e.status == EscalationStatus::EnGestion)
                .and_then(|e| e.taken_by.clone())
        })
    });
    // Outside the forms: "resuelto" stays on screen when the form goes.
    let done = RwSignal::new(None::<String>);
    // The focus goes back to the row's button that opened the detail.
    let close = move |_| {
        #[cfg(feature = "hydrate")]
        let opener = document()
            .query_selector("button[aria-controls='escalamiento-detalle'][aria-expanded='true']")
            .ok()
            .flatten();
        open.set(None);
        #[cfg(feature = "hydrate")]
        if let Some(opener) = opener {
            use wasm_bindgen::JsCast;
            if let Ok(opener) = opener.dyn_into::<web_sys::HtmlElement>() {
                let _ = opener.focus();
            }
        }
    };
    let summary = move || {
        open.get().map(|e| {
            view! {
                <dl class="escalation-facts">
                    <div><dt>"Cliente"</dt><dd><strong>{e.nombre.clone()}</strong>" · cuenta "<code>{e.cuenta.clone()}</code></dd></div>
                    <div><dt>"Caso"</dt><dd>{format!("#{}", e.case_id)}</dd></div>
                    <div><dt>"Zona"</dt><dd>{e.zone.clone().unwrap_or_else(|| "Sin zona".into())}</dd></div>
                    <div><dt>"Asesor dueño del caso"</dt><dd>{e.owner.name.clone()}</dd></div>
                    <div><dt>"Creado"</dt><dd>{format_date_time(e.created_at)}</dd></div>
                    <div><dt>"Vence"</dt><dd>{format_date_time(e.due_at)}" "<SlaBadge due_at=e.due_at resolved_at=e.resolved_at now /></dd></div>
                    <div><dt>"Estado"</dt><dd><span class=status_class(e.status)>{e.status.label()}</span></dd></div>
                    <div><dt>"Tomado por"</dt><dd>{taken_text(&e)}</dd></div>
                    {e.resolved_at.map(|at| view! { <div><dt>"Resuelto"</dt><dd>{format_date_time(at)}</dd></div> })}
                </dl>
                <h3>"Datos que capturó el asesor"</h3>
                <p class="escalation-data">{if e.data.trim().is_empty() { "El asesor no dejó datos.".to_string() } else { e.data.clone() }}</p>
                <h3>"Respuestas"</h3>
                <AnswerList answers=e.answers.clone() />
            }
        })
    };
    let title = move || {
        open.with(|o| {
            o.as_ref()
                .map(|e| format!("Escalamiento #{id} · {}", e.kind.label()))
                .unwrap_or_default()
        })
    };

    view! {
        <section class="panel escalation-detail" id="escalamiento-detalle" aria-labelledby="escalamiento-detalle-titulo">
            <div class="panel-header">
                <h2 id="escalamiento-detalle-titulo" tabindex="-1">{title}</h2>
                <button type="button" class="button button--small" on:click=close>"Cerrar detalle"</button>
            </div>
            {summary}
            <Show when=move || status.get() == Some(EscalationStatus::Pendiente)>
                <TakeAction id done on_changed />
            </Show>
            {move || match holder.get() {
                Some(by) if by.id == me => Some(view! { <ReplyForm id done on_changed /> }.into_any()),
                Some(by) => Some(view! {
                    <p class="escalation-take">{format!("Lo gestiona {}: solo esa persona lo responde.", by.name)}</p>
                }.into_any()),
                None => None,
            }}
            <p class="form-success" role="status">{move || done.get()}</p>
        </section>
    }
}

#[component]
fn TakeAction(
    id: i64,
    done: RwSignal<Option<String>>,
    on_changed: Callback<EscalationView>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let take = move |_| {
        pending.set(true);
        error.set(None);
        done.set(None);
        spawn_local(async move {
            match take_escalation(id, &csrf.get_value()).await {
                Ok(updated) => {
                    done.set(Some("Escalamiento tomado: queda a su nombre.".into()));
                    on_changed.run(updated);
                }
                Err(err) => error.set(Some(err.message())),
            }
            pending.set(false);
        });
    };
    view! {
        <div class="escalation-take">
            <p class="field-hint">"Tómelo para responderlo: la cola mostrará que usted lo gestiona."</p>
            <button type="button" class="button button--primary" disabled=move || pending.get() on:click=take>
                {move || if pending.get() { "Tomando…" } else { "Tomar" }}
            </button>
            <p class="form-error" role="alert">{move || error.get()}</p>
        </div>
    }
}

/// Which of the two buttons sent the form.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reply {
    Answer,
    Resolve,
}

#[component]
fn ReplyForm(
    id: i64,
    done: RwSignal<Option<String>>,
    on_changed: Callback<EscalationView>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let text = RwSignal::new(String::new());
    let callback = RwSignal::new(String::new());
    let text_error = RwSignal::new(None::<String>);
    let callback_error = RwSignal::new(None::<String>);
    let summary = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Reply>);

    let send = move |kind: Reply| {
        if pending.get_untracked().is_some() {
            return;
        }
        done.set(None);
        summary.set(None);
        let answer = text.get_untracked().trim().to_string();
        text_error.set(
            answer
                .is_empty()
                .then(|| "Escriba la respuesta para el asesor.".into()),
        );
        let callback_at = match callback.get_untracked().trim() {
            "" => {
                callback_error.set(None);
                Some(None)
            }
            value => match parse_local_input(value) {
                Some(at) => {
                    callback_error.set(None);
                    Some(Some(at))
                }
                None => {
                    callback_error.set(Some(
                        "Escriba la fecha y la hora completas (dd/mm/aaaa hh:mm).".into(),
                    ));
                    None
                }
            },
        };
        let (false, Some(callback_at)) = (answer.is_empty(), callback_at) else {
            summary.set(Some("Revise los campos marcados.".into()));
            return;
        };
        let reply = EscalationReply {
            text: answer,
            callback_at,
        };
        pending.set(Some(kind));
        spawn_local(async move {
            let csrf = csrf.get_value();
            let result = match kind {
                Reply::Answer => answer_escalation(id, &reply, &csrf).await,
                Reply::Resolve => resolve_escalation(id, &reply, &csrf).await,
            };
            match result {
                Ok(updated) => {
                    text.set(String::new());
                    callback.set(String::new());
                    let callback = updated
                        .answers
                        .last()
                        .and_then(|a| a.callback_at)
                        .map(|at| {
                            format!(
                                " La devolución de llamada quedó para el {}.",
                                format_date_time(at)
                            )
                        })
                        .unwrap_or_default();
                    done.set(Some(match kind {
                        Reply::Answer => format!("Respuesta enviada al asesor.{callback}"),
                        Reply::Resolve => {
                            format!("Escalamiento resuelto; el asesor fue avisado.{callback}")
                        }
                    }));
                    on_changed.run(updated);
                }
                Err(err) => show_server_problems(&err, text_error, callback_error, summary),
            }
            pending.set(None);
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send(Reply::Answer);
    };
    let described =
        |id: &'static str, error: RwSignal<Option<String>>, hint: Option<&'static str>| {
            move || {
                let mut ids = Vec::new();
                if let Some(hint) = hint {
                    ids.push(hint.to_string());
                }
                if error.get().is_some() {
                    ids.push(format!("{id}-error"));
                }
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        };

    view! {
        <form class="escalation-reply" on:submit=submit novalidate aria-labelledby="escalamiento-responder">
            <h3 id="escalamiento-responder">"Responder al asesor"</h3>
            <div class="field" class:field--invalid=move || text_error.get().is_some()>
                <label for="esc-respuesta">"Respuesta"</label>
                <textarea id="esc-respuesta" rows="3" maxlength="2000"
                    aria-invalid=move || text_error.get().is_some().then_some("true")
                    aria-describedby=described("esc-respuesta", text_error, None)
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <p class="field-error" id="esc-respuesta-error" aria-live="polite">{move || text_error.get()}</p>
            </div>
            <div class="field" class:field--invalid=move || callback_error.get().is_some()>
                <label for="esc-devolucion">"Devolución de llamada (hora de Bogotá)"</label>
                <p class="field-hint" id="esc-devolucion-ayuda">"Opcional: vacía, el asesor llama al cliente de inmediato."</p>
                <input id="esc-devolucion" type="datetime-local"
                    aria-invalid=move || callback_error.get().is_some().then_some("true")
                    aria-describedby=described("esc-devolucion", callback_error, Some("esc-devolucion-ayuda"))
                    prop:value=move || callback.get()
                    on:input=move |ev| callback.set(event_target_value(&ev)) />
                <p class="field-error" id="esc-devolucion-error" aria-live="polite">{move || callback_error.get()}</p>
            </div>
            <div class="form-actions">
                <p class="form-error" role="alert">{move || summary.get()}</p>
                <button type="submit" class="button" disabled=move || pending.get().is_some()>
                    {move || if pending.get() == Some(Reply::Answer) { "Enviando…" } else { "Responder" }}
                </button>
                <button type="button" class="button button--primary" disabled=move || pending.get().is_some()
                    on:click=move |_| send(Reply::Resolve)>
                    {move || if pending.get() == Some(Reply::Resolve) { "Resolviendo…" } else { "Resolver" }}
                </button>
            </div>
        </form>
    }
}

/// The server's refusal: per-field messages beside their fields, the rest
/// above the buttons.
fn show_server_problems(
    err: &ClientError,
    text_error: RwSignal<Option<String>>,
    callback_error: RwSignal<Option<String>>,
    summary: RwSignal<Option<String>>,
) {
    let text = err.field_message("text");
    let callback = err.field_message("callback_at");
    let by_field = text.is_some() || callback.is_some();
    text_error.set(text);
    callback_error.set(callback);
    summary.set(Some(if by_field {
        "Revise los campos marcados.".into()
    } else {
        err.message()
    }));
}
