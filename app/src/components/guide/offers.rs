//! The offer selector inside the guide (SPEC §4): one offer at a time with
//! its script, the customer's answer recorded per presentation, the next
//! rung opening only once the lower one was presented, and on request why
//! the other offers do not apply. The ranking runs here, in the browser.

use crate::api::offers::OfferContext;
use crate::domain::offers::{
    CURRENT_BENEFITS_LEVEL, OfferAnswer, Presentation, SelectorInput, parse_needs,
    parse_presentations, pesos, presentations_value, select,
};
use crate::domain::procedure::Field;
use leptos::prelude::*;

/// The answer buttons of the offer on screen, in the order of their
/// shortcuts (Alt+1, Alt+2, Alt+3). Focus lands on the first after each
/// answer, so the ladder is also climbed with Tab and Enter.
const ANSWER_IDS: [(OfferAnswer, &str, &str); 3] = [
    (OfferAnswer::Acepta, "oferta-acepta", "Alt+1"),
    (OfferAnswer::Rechaza, "oferta-rechaza", "Alt+2"),
    (OfferAnswer::LoPensara, "oferta-lo-pensara", "Alt+3"),
];
// Focus and shortcuts only exist in the browser.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const FIRST_ANSWER_ID: &str = ANSWER_IDS[0].1;

/// The answer button a shortcut presses (`Digit1` … `Digit3`).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn answer_button_for_key(code: &str) -> Option<&'static str> {
    match code {
        "Digit1" | "Numpad1" => Some(ANSWER_IDS[0].1),
        "Digit2" | "Numpad2" => Some(ANSWER_IDS[1].1),
        "Digit3" | "Numpad3" => Some(ANSWER_IDS[2].1),
        _ => None,
    }
}

fn answer_class(answer: OfferAnswer) -> &'static str {
    match answer {
        OfferAnswer::Acepta => "offer-answer offer-answer--yes",
        OfferAnswer::Rechaza => "offer-answer offer-answer--no",
        OfferAnswer::LoPensara => "offer-answer offer-answer--maybe",
    }
}

#[component]
pub fn OfferSelector(
    field: Field,
    value: Signal<String>,
    /// The detected needs (a multi field's value).
    needs: Signal<String>,
    offers: StoredValue<Option<OfferContext>>,
    on_change: Callback<(String, String)>,
    /// Fills a script's placeholders (`{cliente}` …).
    render: Callback<String, String>,
) -> impl IntoView {
    let field_id = StoredValue::new(field.id.clone());
    let presented = Memo::new(move |_| parse_presentations(&value.get()).unwrap_or_default());
    let explain = RwSignal::new(false);
    // Once the customer takes a policy offer the ladder stops, unless the
    // agent goes on (another service the customer still wants to cancel).
    let keep_offering = RwSignal::new(false);
    let settled = Memo::new(move |_| {
        presented.with(|list| {
            list.last().is_some_and(|p| {
                p.answer == OfferAnswer::Acepta && p.level > CURRENT_BENEFITS_LEVEL
            })
        })
    });

    let selection = Memo::new(move |_| {
        let shown = presented.get();
        let needs = parse_needs(&needs.get());
        let wanted = explain.get();
        offers.with_value(|context| {
            context.as_ref().map(|c| {
                let selection = select(
                    &c.catalog,
                    &c.policies,
                    SelectorInput {
                        customer: &c.customer,
                        needs: &needs,
                        presented: &shown,
                        today: c.today,
                        explain: wanted,
                    },
                );
                (selection, needs.len())
            })
        })
    });

    // Nothing to offer this customer: the field is answered by that fact
    // (an empty list), so the call is not stuck on a required field.
    Effect::new(move |_| {
        let nothing = selection.with(|s| s.as_ref().is_some_and(|(s, _)| s.eligible.is_empty()));
        if nothing && value.get_untracked().is_empty() {
            on_change.run((field_id.get_value(), "[]".into()));
        }
    });

    let store = move |list: Vec<Presentation>| {
        on_change.run((field_id.get_value(), presentations_value(&list)));
    };
    let answer = move |index: usize, answer: OfferAnswer| {
        let Some(offer) =
            offers.with_value(|c| c.as_ref().and_then(|c| c.catalog.get(index).cloned()))
        else {
            return;
        };
        let mut list = presented.get_untracked();
        list.push(Presentation {
            offer: offer.code,
            name: offer.name,
            kind: offer.kind,
            level: offer.level,
            services: offer.services,
            answer,
        });
        store(list);
        keep_offering.set(false);
        #[cfg(feature = "hydrate")]
        request_animation_frame(|| {
            use wasm_bindgen::JsCast;
            if let Some(button) = document()
                .get_element_by_id(FIRST_ANSWER_ID)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        });
    };
    let undo = move |_| {
        let mut list = presented.get_untracked();
        list.pop();
        store(list);
    };

    let required = field.needs_answer();
    let label = field.label.clone();
    let help = field.help.clone();

    let summary = move || {
        selection.get().map(|(s, need_count)| {
            let level = s
                .current_level()
                .map(|l| format!("Escalón actual: {l}"))
                .unwrap_or_else(|| "Sin ofertas por presentar".into());
            let policy = s
                .policy
                .clone()
                .map(|p| format!("Política: {p}"))
                .unwrap_or_else(|| {
                    "Sin política de la campaña: solo beneficios actuales y ofertas de la base"
                        .into()
                });
            let needs = if need_count == 0 {
                "Marque las necesidades del cliente para ordenar las ofertas".to_string()
            } else {
                format!("{need_count} necesidades detectadas")
            };
            format!(
                "{level} · {} elegibles · {policy} · {needs}",
                s.eligible.len()
            )
        })
    };

    let next_offer = move || {
        if settled.get() && !keep_offering.get() {
            return None;
        }
        let (s, _) = selection.get()?;
        let candidate = s.next()?.clone();
        let offer = offers.with_value(|c| {
            c.as_ref()
                .and_then(|c| c.catalog.get(candidate.index).cloned())
        })?;
        let index = candidate.index;
        let meta = format!(
            "Escalón {} · {}{}{}",
            offer.level,
            offer.kind.label(),
            if offer.cost > 0 {
                format!(" · costo {} al mes", pesos(offer.cost))
            } else {
                String::new()
            },
            if offer.duration_months > 0 {
                format!(" · {} meses", offer.duration_months)
            } else {
                String::new()
            }
        );
        Some(view! {
            <article class="offer-card" aria-labelledby="oferta-nombre">
                <p class="offer-card__meta">{meta}</p>
                <h4 id="oferta-nombre">{offer.name.clone()}</h4>
                <blockquote class="guide-script" aria-label="Guion de la oferta">{render.run(offer.script.clone())}</blockquote>
                <ul class="offer-reasons" aria-label="Por qué aplica">
                    {candidate.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                </ul>
                <div class="offer-answers" role="group" aria-label="Respuesta del cliente">
                    {ANSWER_IDS.into_iter().map(|(choice, id, keys)| view! {
                        <button type="button" id=id class=answer_class(choice) aria-keyshortcuts=keys
                            title=format!("{} ({keys})", choice.label())
                            on:click=move |_| answer(index, choice)>{choice.label()}</button>
                    }).collect_view()}
                </div>
                <p class="field-hint">"Teclado: Alt+1 acepta · Alt+2 rechaza · Alt+3 lo pensará"</p>
            </article>
        })
    };

    let more_button = move || {
        let (s, _) = selection.get()?;
        (settled.get() && !keep_offering.get() && s.next().is_some()).then(|| {
            view! {
                <button type="button" class="button" on:click=move |_| keep_offering.set(true)>
                    "Presentar otra oferta (otro servicio)"
                </button>
            }
        })
    };

    let done_note = move || {
        let (s, _) = selection.get()?;
        (s.next().is_none()).then(|| {
            let text = if s.eligible.is_empty() {
                "No hay ofertas elegibles para este cliente."
            } else {
                "Ya presentó todas las ofertas disponibles para este cliente."
            };
            view! { <p class="notice" role="status">{text}</p> }
        })
    };

    let accepted_note = move || {
        let accepted: Vec<String> = presented
            .get()
            .iter()
            .filter(|p| p.answer == OfferAnswer::Acepta)
            .map(|p| format!("«{}»", p.name))
            .collect();
        (!accepted.is_empty()).then(|| {
            view! {
                <p class="offer-accepted" role="status">
                    {format!("El cliente aceptó {}.", accepted.join(" y "))}
                </p>
            }
        })
    };

    let history = move || {
        let list = presented.get();
        (!list.is_empty()).then(|| {
            let last = list.len() - 1;
            view! {
                <ol class="offer-history" aria-label="Ofertas presentadas">
                    {list.into_iter().enumerate().map(|(i, p)| view! {
                        <li>
                            <span>{format!("Escalón {} · {}", p.level, p.name)}</span>
                            <span class=answer_class(p.answer)>{p.answer.label()}</span>
                            {(i == last).then(|| view! {
                                <button type="button" class="button button--quiet button--small" on:click=undo>"Deshacer"</button>
                            })}
                        </li>
                    }).collect_view()}
                </ol>
            }
        })
    };

    let upcoming = move || {
        let (s, _) = selection.get()?;
        let locked: Vec<_> = s
            .eligible
            .iter()
            .filter(|c| !c.open)
            .take(6)
            .map(|c| {
                offers.with_value(|ctx| {
                    ctx.as_ref()
                        .map(|ctx| format!("Escalón {}: {}", c.level, ctx.catalog[c.index].name))
                        .unwrap_or_default()
                })
            })
            .collect();
        (!locked.is_empty()).then(|| {
            view! {
                <div class="offer-locked">
                    <p class="field-hint">"Se abren cuando el cliente haya respondido a todas las del escalón anterior:"</p>
                    <ul>{locked.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };

    let excluded = move || {
        if !explain.get() {
            return None;
        }
        let (s, _) = selection.get()?;
        let rows: Vec<(String, String)> = offers.with_value(|ctx| {
            ctx.as_ref()
                .map(|ctx| {
                    s.excluded
                        .iter()
                        .map(|e| (ctx.catalog[e.index].name.clone(), e.reasons.join(" ")))
                        .collect()
                })
                .unwrap_or_default()
        });
        Some(view! {
            <ul class="offer-excluded" aria-label="Ofertas que no aplican">
                {if rows.is_empty() {
                    view! { <li>"Todas las ofertas del catálogo aplican a este cliente."</li> }.into_any()
                } else {
                    rows.into_iter().map(|(name, why)| view! { <li><strong>{name}</strong>": "{why}</li> }).collect_view().into_any()
                }}
            </ul>
        })
    };
    let excluded_count = move || selection.get().map(|(s, _)| s.excluded_count).unwrap_or(0);

    view! {
        <fieldset class="guide-field offer-selector" aria-required=required.to_string()>
            <legend>{label}{required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}</legend>
            {help.map(|h| view! { <p class="field-hint">{h}</p> })}
            {move || offers.with_value(Option::is_none).then(|| view! {
                <p class="guide-warning">"Esta llamada no trae el catálogo de ofertas: registre la gestión en las notas."</p>
            })}
            <p class="offer-summary" aria-live="polite">{summary}</p>
            {next_offer}
            {more_button}
            {done_note}
            {accepted_note}
            {history}
            {upcoming}
            <button type="button" class="button button--quiet" aria-expanded=move || explain.get().to_string()
                on:click=move |_| explain.update(|e| *e = !*e)>
                {move || if explain.get() {
                    "Ocultar las que no aplican".to_string()
                } else {
                    format!("¿Por qué no aplican las demás? ({})", excluded_count())
                }}
            </button>
            {excluded}
        </fieldset>
    }
}
