//! Simulador del selector: runs the agents' offer selector in the browser
//! over the loaded catalog and policies for a customer the admin describes,
//! with every reason, and says how long it took.

use super::offer_editor::segment_select;
use super::offer_form::{check_group, parse_months, parse_pesos};
use crate::components::retention_report::count;
use crate::domain::bases::{BaseKind, Segment};
use crate::domain::local_time::local_date;
use crate::domain::offers::{
    CustomerProfile, Need, Offer, RetentionPolicy, Selection, SelectorInput, Service,
    normalize_offer_code, select,
};
use leptos::prelude::*;
use std::str::FromStr;

/// Milliseconds from the page's time origin (0 on the server, which never
/// runs the simulator).
fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0.0
    }
}

/// One run: the catalog it ran over (indexes point into it), the result and
/// the time the selector took.
#[derive(Clone)]
struct Run {
    catalog: Vec<Offer>,
    selection: Selection,
    /// With the reasons of every excluded offer (what this page shows).
    ms: f64,
    /// Without them: what the guide runs on every answer.
    plain_ms: f64,
    /// 1 for the first run of the page, then counting (benchmarks wait on it).
    number: u32,
}

fn milliseconds(ms: f64) -> String {
    format!("{ms:.2}").replace('.', ",")
}

#[component]
pub(super) fn SelectorSimulator(
    catalog: Signal<Vec<Offer>>,
    policies: Signal<Vec<RetentionPolicy>>,
) -> impl IntoView {
    let base_kind = RwSignal::new(Some(BaseKind::Cancelaciones));
    let segment = RwSignal::new(Some(Segment::Hogar));
    let services = RwSignal::new(vec![Service::Internet, Service::Tv]);
    let tenure = RwSignal::new("24".to_string());
    let value = RwSignal::new("129.900".to_string());
    let base_offers = RwSignal::new(String::new());
    let needs = RwSignal::new(vec![Need::Precio]);
    let problem = RwSignal::new(None::<String>);
    let run = RwSignal::new(None::<Run>);
    let explain_open = RwSignal::new(false);

    let simulate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        let customer = CustomerProfile {
            base_kind: base_kind.get_untracked(),
            segment: segment.get_untracked(),
            services: services.get_untracked(),
            tenure_months: parse_months(&tenure.get_untracked(), "tenure", &mut problems),
            monthly_value: parse_pesos(&value.get_untracked(), "value", &mut problems),
            base_offers: base_offers
                .get_untracked()
                .split(['|', ','])
                .map(normalize_offer_code)
                .filter(|c| !c.is_empty())
                .collect(),
        };
        if let Some((_, message)) = problems.first() {
            problem.set(Some(message.clone()));
            return;
        }
        problem.set(None);
        let offers = catalog.get_untracked();
        let rules = policies.get_untracked();
        let wanted = needs.get_untracked();
        let today = local_date(chrono::Utc::now());
        let start = now_ms();
        let plain = select(
            &offers,
            &rules,
            SelectorInput {
                customer: &customer,
                needs: &wanted,
                presented: &[],
                today,
                explain: false,
            },
        );
        let plain_ms = now_ms() - start;
        drop(plain);
        let start = now_ms();
        let selection = select(
            &offers,
            &rules,
            SelectorInput {
                customer: &customer,
                needs: &wanted,
                presented: &[],
                today,
                explain: true,
            },
        );
        let ms = now_ms() - start;
        explain_open.set(false);
        run.set(Some(Run {
            catalog: offers,
            selection,
            ms,
            plain_ms,
            number: run.with_untracked(|r| r.as_ref().map_or(1, |r| r.number + 1)),
        }));
    };

    view! {
        <section class="panel" aria-labelledby="simulador-titulo">
            <h2 id="simulador-titulo">"Simulador del selector"</h2>
            <p class="muted">"Describa un cliente y vea qué ofertas le mostraría el selector al asesor, en qué orden y por qué."</p>
            <form class="form-grid" on:submit=simulate novalidate aria-labelledby="simulador-titulo">
                <div class="field">
                    <label for="sim-campana">"Campaña (tipo de base)"</label>
                    <select id="sim-campana" on:change=move |ev| base_kind.set(BaseKind::from_str(&event_target_value(&ev)).ok())>
                        <option value="" selected=move || base_kind.get().is_none()>"Sin campaña"</option>
                        {BaseKind::ALL.iter().copied().map(|k| view! {
                            <option value=k.code() selected=move || base_kind.get() == Some(k)>{k.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="sim-segmento">"Segmento"</label>
                    {segment_select("sim-segmento", segment, "Sin dato")}
                </div>
                <div class="field">
                    <label for="sim-antiguedad">"Antigüedad (meses)"</label>
                    <input id="sim-antiguedad" type="number" min="0" step="1" inputmode="numeric"
                        prop:value=move || tenure.get() on:input=move |ev| tenure.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="sim-valor">"Valor mensual (pesos)"</label>
                    <input id="sim-valor" inputmode="numeric" autocomplete="off"
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                </div>
                <div class="field field--wide">
                    <label for="sim-base">"Ofertas que llegaron en la base"</label>
                    <p class="field-hint" id="sim-base-ayuda">"Códigos separados por «|», por ejemplo DESC20|MEJORA_VEL."</p>
                    <input id="sim-base" class="input--code" autocomplete="off" aria-describedby="sim-base-ayuda"
                        prop:value=move || base_offers.get() on:input=move |ev| base_offers.set(event_target_value(&ev)) />
                </div>
                {check_group("Servicios del cliente", None, Service::ALL, Service::label, services)}
                {check_group("Necesidades detectadas", None, Need::ALL, Need::label, needs)}
                <div class="form-actions">
                    <p class="form-error" role="alert">{move || problem.get()}</p>
                    <button type="submit" class="button button--primary">"Calcular ofertas"</button>
                </div>
            </form>
            {move || run.get().map(|r| view! { <SimulationResult run=r explain_open /> })}
        </section>
    }
}

#[component]
fn SimulationResult(run: Run, explain_open: RwSignal<bool>) -> impl IntoView {
    let Run {
        catalog,
        selection,
        ms,
        plain_ms,
        number,
    } = run;
    let total = catalog.len();
    let eligible = selection
        .eligible
        .iter()
        .map(|c| {
            let offer = &catalog[c.index];
            let fit = match c.fit {
                0 => "No responde a las necesidades marcadas".to_string(),
                1 => "Responde a 1 necesidad".to_string(),
                n => format!("Responde a {n} necesidades"),
            };
            view! {
                <li class="sim-offer">
                    <div class="sim-offer__head">
                        <strong>{offer.name.clone()}</strong>
                        " "<code>{offer.code.clone()}</code>
                        " "<span class="badge badge--info">{format!("Escalón {}", c.level)}</span>
                        {c.from_base.then(|| view! { " "<span class="badge">"De la base"</span> })}
                        {(!c.open).then(|| view! { " "<span class="badge badge--due">"Después de los escalones anteriores"</span> })}
                    </div>
                    <p class="small muted">{format!("{} · {} · costo {}", offer.kind.label(), fit, crate::domain::offers::pesos(offer.cost))}</p>
                    <ul class="sim-reasons">
                        {c.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
                    </ul>
                </li>
            }
        })
        .collect_view();
    let excluded = selection
        .excluded
        .iter()
        .map(|e| {
            let offer = &catalog[e.index];
            view! {
                <li>
                    <strong>{offer.name.clone()}</strong>" "<code>{offer.code.clone()}</code>
                    " "<span class="muted small">{format!("Escalón {}", offer.level)}</span>
                    <ul class="sim-reasons">
                        {e.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
                    </ul>
                </li>
            }
        })
        .collect_view();
    let eligible_count = selection.eligible.len();
    let excluded_count = selection.excluded_count;
    let policy = match selection.policy {
        Some(name) => format!("Política aplicada: «{name}»."),
        None => {
            "Sin política de retención vigente para esta campaña: solo aplica el escalón 1.".into()
        }
    };
    view! {
        <div class="sim-result" aria-live="polite">
            <h3>{format!("Ofertas para el cliente ({eligible_count})")}</h3>
            <p class="muted">{policy}</p>
            <p class="sim-time" data-testid="selector-tiempo" data-ms=ms.to_string() data-ms-guia=plain_ms.to_string() data-ejecucion=number.to_string() data-offers=total.to_string()>
                {format!(
                    "Calculado en {} ms sobre {} ofertas ({} ms sin las razones de las excluidas, como en la guía)",
                    milliseconds(ms),
                    count(u32::try_from(total).unwrap_or(u32::MAX)),
                    milliseconds(plain_ms),
                )}
            </p>
            {if eligible_count == 0 {
                view! { <p class="empty">"Ninguna oferta del catálogo aplica a este cliente."</p> }.into_any()
            } else {
                view! { <ol class="sim-offers" aria-label="Ofertas en el orden en que se presentan">{eligible}</ol> }.into_any()
            }}
            {(excluded_count > 0).then(|| view! {
                <button type="button" class="button" aria-expanded=move || if explain_open.get() { "true" } else { "false" }
                    aria-controls="sim-excluidas"
                    on:click=move |_| explain_open.update(|o| *o = !*o)>
                    {format!("¿Por qué no aplican las demás? ({excluded_count})")}
                </button>
                <ul id="sim-excluidas" class="sim-excluded" hidden=move || !explain_open.get()
                    aria-label="Ofertas que no aplican">
                    {excluded}
                </ul>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_use_a_decimal_comma() {
        assert_eq!(milliseconds(0.456), "0,46");
        assert_eq!(milliseconds(12.0), "12,00");
    }
}
