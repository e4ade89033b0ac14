//! The agent's live alerts: the server's event stream (`/api/v1/events`)
//! brings "call answered" from the dialer; the tab shows it at once, plays a
//! short sound and offers to open the customer (Enter) or dismiss it (Esc).
//! It also brings the back office's answers to the agent's escalations,
//! shown politely (never taking the focus from the call guide).

use crate::api::live::{CallAnswered, EscalationAnswered};
use crate::components::shortcuts::use_shortcut;
use crate::domain::local_time::format_date_time;
use crate::paths::page;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The window event telling open lists of cases that a back-office answer
/// moved a case's callback.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub const CASES_CHANGED_EVENT: &str = "faro-casos-cambiaron";

/// Whether the alert could be heard.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sound {
    Played,
    /// The browser keeps sound off until the person clicks or types in Faro.
    Blocked,
}

impl Sound {
    fn code(self) -> &'static str {
        match self {
            Sound::Played => "reproducido",
            Sound::Blocked => "bloqueado",
        }
    }
}

#[component]
pub fn LiveAlerts() -> impl IntoView {
    let alert = RwSignal::new(None::<CallAnswered>);
    let answers = RwSignal::new(Vec::<EscalationAnswered>::new());
    let sound = RwSignal::new(Sound::Blocked);
    let connected = RwSignal::new(false);
    let open_button = NodeRef::<leptos::html::Button>::new();
    let navigate = use_navigate();

    #[cfg(feature = "hydrate")]
    Effect::new(move |started: Option<()>| {
        if started.is_none() {
            browser::listen(alert, answers, sound, connected);
        }
    });

    // The open button takes the focus, so Enter opens the customer.
    Effect::new(move |_| {
        if alert.with(Option::is_some)
            && let Some(button) = open_button.get()
        {
            let _ = button.focus();
        }
    });
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::flag_title(alert.with(Option::is_some));
    });

    let dismiss = move || alert.set(None);
    use_shortcut("Escape", dismiss);
    let open = move || {
        if let Some(call) = alert.get_untracked() {
            alert.set(None);
            navigate(
                &format!("{}?registro={}", page::CALL, call.record_id),
                Default::default(),
            );
        }
    };

    let status = move || {
        if connected.get() {
            "Alertas del marcador: conectadas"
        } else {
            "Alertas del marcador: conectando…"
        }
    };
    let banner = move || {
        alert.get().map(|call| {
            let open = open.clone();
            view! {
                <div
                    class="live-alert"
                    role="alertdialog"
                    aria-labelledby="alerta-titulo"
                    aria-describedby="alerta-detalle"
                    data-sonido=move || sound.get().code()
                >
                    <div class="live-alert-body">
                        <span class="live-alert-icon" aria-hidden="true">"☎"</span>
                        <div>
                            <h2 id="alerta-titulo">"Llamada contestada"</h2>
                            <p id="alerta-detalle">
                                <strong>{call.nombre.clone()}</strong>
                                " · Cuenta "<span class="mono">{call.cuenta.clone()}</span>
                                " · "{call.base_name.clone()}
                            </p>
                            {move || (sound.get() == Sound::Blocked).then(|| view! {
                                <p class="live-alert-hint">"El navegador silenció el aviso: haga clic en cualquier parte de Faro para activar el sonido."</p>
                            })}
                        </div>
                    </div>
                    <div class="live-alert-actions">
                        <button type="button" class="button button--primary" node_ref=open_button on:click=move |_| open()>
                            "Abrir cliente (Enter)"
                        </button>
                        <button type="button" class="button" on:click=move |_| dismiss()>"Cerrar (Esc)"</button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <p class="live-status" class:live-status--on=move || connected.get() role="status">{status}</p>
        {banner}
        <EscalationAnswers answers />
    }
}

/// The back office's answers to the agent's escalations. The live region is
/// always in the page so screen readers announce what arrives in it.
#[component]
fn EscalationAnswers(answers: RwSignal<Vec<EscalationAnswered>>) -> impl IntoView {
    let dismiss = move |id: i64, at: chrono::DateTime<chrono::Utc>| {
        answers.update(|list| list.retain(|a| !(a.escalation_id == id && a.at == at)));
    };
    view! {
        <div class="escalation-alerts" role="status" aria-live="polite" aria-label="Respuestas del back office">
            <For
                each=move || answers.get()
                key=|a| (a.escalation_id, a.at)
                let:answer
            >
                {
                    let (id, at) = (answer.escalation_id, answer.at);
                    let verb = if answer.resolved { "resolvió" } else { "respondió" };
                    view! {
                        <article class="escalation-alert" aria-label=format!("Escalamiento del caso #{}", answer.case_id)>
                            <p class="escalation-alert__text">
                                {format!("El back office {verb} el escalamiento del caso #{} (cuenta {}): «{}»",
                                    answer.case_id, answer.cuenta, answer.text)}
                            </p>
                            <p class="escalation-alert__meta">
                                {format!("{} · {}", answer.nombre, answer.kind.label())}
                                {answer.callback_at.map(|at| format!(" · devolución de llamada: {}", format_date_time(at)))}
                            </p>
                            <div class="escalation-alert__actions">
                                <a class="button button--small button--primary" href=page::CASES>"Ver en Mis casos"</a>
                                <button type="button" class="button button--small"
                                    aria-label=format!("Descartar el aviso del caso #{}", answer.case_id)
                                    on:click=move |_| dismiss(id, at)>"Descartar"</button>
                            </div>
                        </article>
                    }
                }
            </For>
        </div>
    }
}

#[cfg(feature = "hydrate")]
pub(crate) mod browser {
    use super::Sound;
    use crate::api::live::{
        CallAnswered, EVENT_CALL_ANSWERED, EVENT_ESCALATION_ANSWERED, EscalationAnswered,
    };
    use crate::paths::api;
    use leptos::prelude::*;
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{AudioContext, AudioContextState, EventSource, MessageEvent, OscillatorType};

    thread_local! {
        static AUDIO: RefCell<Option<AudioContext>> = const { RefCell::new(None) };
        static TITLE: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    /// Opens the event stream for the life of the shell. The browser
    /// reconnects by itself (sending the last event id, so nothing is lost);
    /// when the server refuses for good, the session has ended.
    pub fn listen(
        alert: RwSignal<Option<CallAnswered>>,
        answers: RwSignal<Vec<EscalationAnswered>>,
        sound: RwSignal<Sound>,
        connected: RwSignal<bool>,
    ) {
        unlock_sound_on_first_gesture();
        let Ok(source) = EventSource::new(api::EVENTS) else {
            return;
        };
        let on_call = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            if let Ok(call) = serde_json::from_str::<CallAnswered>(&text) {
                sound.set(beep());
                alert.set(Some(call));
            }
        });
        let _ = source.add_event_listener_with_callback(
            EVENT_CALL_ANSWERED,
            on_call.as_ref().unchecked_ref(),
        );
        // A resent event (the browser reconnects with the last id) shows once.
        let on_answer = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            if let Ok(answer) = serde_json::from_str::<EscalationAnswered>(&text) {
                answers.update(|list| {
                    let seen = list
                        .iter()
                        .any(|a| a.escalation_id == answer.escalation_id && a.at == answer.at);
                    if !seen {
                        list.push(answer);
                    }
                });
                if let Ok(changed) = web_sys::Event::new(super::CASES_CHANGED_EVENT) {
                    let _ = window().dispatch_event(&changed);
                }
            }
        });
        let _ = source.add_event_listener_with_callback(
            EVENT_ESCALATION_ANSWERED,
            on_answer.as_ref().unchecked_ref(),
        );
        let on_open = Closure::<dyn Fn(web_sys::Event)>::new(move |_| connected.set(true));
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        let watched = source.clone();
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
            connected.set(false);
            if watched.ready_state() == EventSource::CLOSED {
                // Any API call now answers 401 and takes the person to login.
                leptos::task::spawn_local(async {
                    let _ = crate::api::client::get::<serde_json::Value>(api::ME).await;
                });
            }
        });
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let kept = send_wrapper::SendWrapper::new((source, on_call, on_answer, on_open, on_error));
        on_cleanup(move || kept.0.close());
    }

    /// Browsers start audio only after the person interacted with the page:
    /// the context is made on the first click or key press.
    fn unlock_sound_on_first_gesture() {
        for event in ["pointerdown", "keydown"] {
            let unlock = Closure::<dyn Fn()>::new(|| {
                if let Some(context) = audio() {
                    let _ = context.resume();
                }
            });
            let _ =
                window().add_event_listener_with_callback(event, unlock.as_ref().unchecked_ref());
            unlock.forget();
        }
    }

    fn audio() -> Option<AudioContext> {
        AUDIO.with(|slot| {
            let mut slot = slot.borrow_mut();
            if slot.is_none() {
                *slot = AudioContext::new().ok();
            }
            slot.clone()
        })
    }

    /// Two short rising tones.
    pub(crate) fn beep() -> Sound {
        let Some(context) = audio() else {
            return Sound::Blocked;
        };
        let _ = context.resume();
        let play = || -> Result<(), wasm_bindgen::JsValue> {
            for (index, frequency) in [880.0_f32, 1318.5].into_iter().enumerate() {
                let oscillator = context.create_oscillator()?;
                oscillator.set_type(OscillatorType::Sine);
                oscillator.frequency().set_value(frequency);
                let gain = context.create_gain()?;
                gain.gain().set_value(0.2);
                oscillator.connect_with_audio_node(&gain)?;
                gain.connect_with_audio_node(&context.destination())?;
                let start = context.current_time() + index as f64 * 0.22;
                oscillator.start_with_when(start)?;
                oscillator.stop_with_when(start + 0.16)?;
            }
            Ok(())
        };
        match (play(), context.state()) {
            (Ok(()), AudioContextState::Running) => Sound::Played,
            _ => Sound::Blocked,
        }
    }

    /// Marks the tab's title while an alert waits, for an agent looking at
    /// another window.
    pub fn flag_title(waiting: bool) {
        let document = document();
        TITLE.with(|saved| {
            let mut saved = saved.borrow_mut();
            match (waiting, saved.is_some()) {
                (true, false) => {
                    *saved = Some(document.title());
                    document.set_title("☎ Llamada contestada · Faro");
                }
                (false, true) => {
                    if let Some(title) = saved.take() {
                        document.set_title(&title);
                    }
                }
                _ => {}
            }
        });
    }
}
