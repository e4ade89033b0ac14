//! The offer catalog, the retention policies and the selector that ranks
//! what an agent may offer a customer (SPEC §4; procedure steps 3 and 6).
//!
//! The selector is pure: the browser runs it on every change of the needs or
//! of the answers, and the server runs the same code when a call is closed
//! to check the ladder was climbed in order.

use super::bases::{BaseKind, Segment, code_enum, normalize_code};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

code_enum! {
    /// What an offer gives the customer.
    OfferKind, "El tipo de oferta" {
        BeneficioActual => ("BENEFICIO_ACTUAL", "Beneficio actual"),
        Descuento => ("DESCUENTO", "Descuento"),
        MejoraPlan => ("MEJORA_PLAN", "Mejora de plan"),
        CambioServicio => ("CAMBIO_SERVICIO", "Cambio de servicio"),
        MejoraSinCosto => ("MEJORA_SIN_COSTO", "Mejora sin costo"),
        MigracionFtth => ("MIGRACION_FTTH", "Migración a FTTH"),
    }
}

code_enum! {
    /// Why the customer is unhappy, as the agent detects it.
    Need, "La necesidad" {
        Precio => ("PRECIO", "Precio"),
        Velocidad => ("VELOCIDAD", "Velocidad"),
        Cobertura => ("COBERTURA", "Cobertura"),
        FallasTecnicas => ("FALLAS_TECNICAS", "Fallas técnicas"),
        Atencion => ("ATENCION", "Atención"),
        Mudanza => ("MUDANZA", "Mudanza"),
        Competencia => ("COMPETENCIA", "Competencia"),
    }
}

code_enum! {
    /// A contracted service.
    Service, "El servicio" {
        Internet => ("INTERNET", "Internet"),
        Tv => ("TV", "Televisión"),
        Telefonia => ("TELEFONIA", "Telefonía"),
        Movil => ("MOVIL", "Línea móvil"),
    }
}

code_enum! {
    /// The customer's answer to one presented offer.
    OfferAnswer, "La respuesta" {
        Acepta => ("ACEPTA", "Acepta"),
        Rechaza => ("RECHAZA", "Rechaza"),
        LoPensara => ("LO_PENSARA", "Lo pensará"),
    }
}

code_enum! {
    /// The outcome of a cancellation request, per service.
    RetentionResult, "El resultado de retención" {
        Retenido => ("RETENIDO", "Retenido"),
        CancelacionRadicada => ("CANCELACION_RADICADA", "Cancelación radicada"),
    }
}

/// The first rung: what the customer already has, told before any offer of
/// the policy ("de manera escalonada").
pub const CURRENT_BENEFITS_LEVEL: u8 = 1;

/// One offer of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Offer {
    pub code: String,
    pub name: String,
    /// What the agent says, with the guide's placeholders (`{cliente}` …).
    pub script: String,
    /// `None`: both segments.
    pub segment: Option<Segment>,
    /// Services it applies to; empty: any.
    pub services: Vec<Service>,
    pub kind: OfferKind,
    /// 1 = current benefits, then ascending.
    pub level: u8,
    /// Monthly cost to the company, in pesos.
    pub cost: i64,
    /// Months the benefit lasts (0: permanent).
    pub duration_months: u16,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    /// Eligibility: base kinds it may be offered in; empty: all.
    pub base_kinds: Vec<BaseKind>,
    pub min_tenure_months: Option<u32>,
    /// Monthly value range of the customer's plan, in pesos.
    pub min_monthly_value: Option<i64>,
    pub max_monthly_value: Option<i64>,
    /// Needs it answers (rank the offer higher when detected).
    pub needs: Vec<Need>,
    pub active: bool,
}

/// Which offers and rungs a campaign (a base kind, optionally one segment)
/// may use beyond the current benefits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RetentionPolicy {
    pub code: String,
    pub name: String,
    pub base_kind: BaseKind,
    /// `None`: both segments.
    pub segment: Option<Segment>,
    /// The highest rung the campaign may reach.
    pub max_level: u8,
    /// Offer codes of the policy; empty: every offer up to `max_level`.
    pub offers: Vec<String>,
    pub active: bool,
}

/// What the selector knows of the customer before the call.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CustomerProfile {
    pub base_kind: Option<BaseKind>,
    pub segment: Option<Segment>,
    pub services: Vec<Service>,
    pub tenure_months: Option<u32>,
    /// In pesos.
    pub monthly_value: Option<i64>,
    /// Offer codes that came with the base.
    pub base_offers: Vec<String>,
}

/// One offer told to the customer and their answer, as the guide records it
/// (a snapshot: later catalog edits do not rewrite what was said).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Presentation {
    pub offer: String,
    pub name: String,
    pub kind: OfferKind,
    pub level: u8,
    pub services: Vec<Service>,
    pub answer: OfferAnswer,
}

/// Reads the presentations an offers field holds (JSON; empty: none).
pub fn parse_presentations(value: &str) -> Result<Vec<Presentation>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(Vec::new());
    }
    serde_json::from_str(value).map_err(|_| "los ofrecimientos registrados no son válidos".into())
}

/// The value an offers field stores; no presentations is the empty answer.
pub fn presentations_value(presentations: &[Presentation]) -> String {
    if presentations.is_empty() {
        String::new()
    } else {
        serde_json::to_string(presentations).unwrap_or_default()
    }
}

/// Reads needs joined with `|` (a multi field's value), ignoring unknown ones.
pub fn parse_needs(value: &str) -> Vec<Need> {
    value
        .split('|')
        .filter_map(|part| Need::from_str(part).ok())
        .collect()
}

/// Reads a record's services (`INTERNET|TV`, any case), ignoring unknown ones.
pub fn parse_services<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<Service> {
    let mut out: Vec<Service> = Vec::new();
    for value in values {
        for part in value.split(['|', ',']) {
            if let Ok(service) = Service::from_str(part)
                && !out.contains(&service)
            {
                out.push(service);
            }
        }
    }
    out
}

/// An offer the agent may present, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Position in the catalog given to [`select`].
    pub index: usize,
    pub level: u8,
    /// How many of the detected needs it answers.
    pub fit: usize,
    pub from_base: bool,
    pub reasons: Vec<String>,
    /// The customer's answer when it was already presented.
    pub answer: Option<OfferAnswer>,
    /// Every eligible offer of the lower rungs was presented.
    pub open: bool,
}

/// An offer the customer cannot get, with every reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excluded {
    pub index: usize,
    pub reasons: Vec<String>,
}

/// The ranked offers for one customer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// Level, then fit to the needs, then cost (then code).
    pub eligible: Vec<Candidate>,
    /// Only filled when explanations were asked for.
    pub excluded: Vec<Excluded>,
    /// How many offers were not eligible.
    pub excluded_count: usize,
    /// The policy that applied to the levels above the current benefits.
    pub policy: Option<String>,
}

impl Selection {
    /// The next offer to present: the first open one not yet presented.
    pub fn next(&self) -> Option<&Candidate> {
        self.eligible.iter().find(|c| c.open && c.answer.is_none())
    }

    /// The lowest rung that still has offers to present.
    pub fn current_level(&self) -> Option<u8> {
        self.next().map(|c| c.level)
    }
}

/// What the selector is asked.
#[derive(Debug, Clone, Copy)]
pub struct SelectorInput<'a> {
    pub customer: &'a CustomerProfile,
    pub needs: &'a [Need],
    pub presented: &'a [Presentation],
    pub today: NaiveDate,
    /// Also say why each other offer is not eligible (costs time: asked for
    /// on request).
    pub explain: bool,
}

/// The policy of the customer's campaign: the one for their segment wins
/// over one for both segments.
pub fn policy_for<'a>(
    policies: &'a [RetentionPolicy],
    customer: &CustomerProfile,
) -> Option<&'a RetentionPolicy> {
    let kind = customer.base_kind?;
    policies
        .iter()
        .filter(|p| p.active && p.base_kind == kind)
        .filter(|p| p.segment.is_none() || p.segment == customer.segment)
        .max_by_key(|p| (p.segment.is_some(), std::cmp::Reverse(p.code.clone())))
}

fn services_text(services: &[Service]) -> String {
    services
        .iter()
        .map(|s| s.label())
        .collect::<Vec<_>>()
        .join(", ")
}

fn date_text(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

pub use super::numbers::pesos;

/// Judges one offer: `Ok(reasons it is eligible)` or `Err(reasons it is not)`.
fn judge(
    offer: &Offer,
    customer: &CustomerProfile,
    policy: Option<&RetentionPolicy>,
    from_base: bool,
    today: NaiveDate,
    explain: bool,
) -> Result<Vec<String>, Vec<String>> {
    let mut not = Vec::new();
    let mut why = Vec::new();
    // Quick exits keep a 5 000-offer catalog cheap when nobody asked why.
    macro_rules! fail {
        ($($arg:tt)*) => {{
            if !explain {
                return Err(Vec::new());
            }
            not.push(format!($($arg)*));
        }};
    }
    if !offer.active {
        fail!("Está retirada del catálogo.");
    }
    if let Some(from) = offer.valid_from
        && today < from
    {
        fail!("Vigente desde el {}.", date_text(from));
    }
    if let Some(to) = offer.valid_to
        && today > to
    {
        fail!("Venció el {}.", date_text(to));
    }
    if let (Some(wanted), Some(has)) = (offer.segment, customer.segment)
        && wanted != has
    {
        fail!("Es para clientes {}.", wanted.label());
    }
    if !offer.services.is_empty() {
        if offer.services.iter().any(|s| customer.services.contains(s)) {
            why.push(format!("Aplica a {}.", services_text(&offer.services)));
        } else {
            fail!(
                "Aplica a {}; el cliente no tiene ese servicio.",
                services_text(&offer.services)
            );
        }
    }
    if from_base {
        why.push("Llegó en la base de la campaña.".into());
    } else {
        if !offer.base_kinds.is_empty() {
            match customer.base_kind {
                Some(kind) if offer.base_kinds.contains(&kind) => {}
                _ => fail!(
                    "Solo para las bases {}.",
                    offer
                        .base_kinds
                        .iter()
                        .map(|k| k.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
        if let Some(min) = offer.min_tenure_months {
            match customer.tenure_months {
                Some(tenure) if tenure >= min => {
                    why.push(format!("Antigüedad de {tenure} meses (pide {min})."))
                }
                Some(tenure) => fail!("Pide {min} meses de antigüedad; el cliente tiene {tenure}."),
                None => fail!("Pide {min} meses de antigüedad y no se conoce la del cliente."),
            }
        }
        if offer.min_monthly_value.is_some() || offer.max_monthly_value.is_some() {
            let range = match (offer.min_monthly_value, offer.max_monthly_value) {
                (Some(min), Some(max)) => format!("entre {} y {}", pesos(min), pesos(max)),
                (Some(min), None) => format!("desde {}", pesos(min)),
                (None, Some(max)) => format!("hasta {}", pesos(max)),
                (None, None) => unreachable!(),
            };
            match customer.monthly_value {
                Some(value)
                    if offer.min_monthly_value.is_none_or(|min| value >= min)
                        && offer.max_monthly_value.is_none_or(|max| value <= max) =>
                {
                    why.push(format!("Valor mensual {} ({range}).", pesos(value)))
                }
                Some(value) => fail!("Para planes {range}; el del cliente es {}.", pesos(value)),
                None => fail!("Para planes {range} y no se conoce el valor del cliente."),
            }
        }
        if offer.level > CURRENT_BENEFITS_LEVEL {
            match policy {
                None => fail!("La campaña no tiene una política de retención vigente."),
                Some(p) if offer.level > p.max_level => fail!(
                    "La política «{}» llega hasta el escalón {}.",
                    p.name,
                    p.max_level
                ),
                Some(p) if !p.offers.is_empty() && !p.offers.contains(&offer.code) => {
                    fail!("No está en la política «{}».", p.name)
                }
                Some(p) => why.push(format!("En la política «{}».", p.name)),
            }
        } else {
            why.push("Primer escalón: beneficio actual del cliente.".into());
        }
    }
    if not.is_empty() { Ok(why) } else { Err(not) }
}

/// Ranks the catalog for one customer (SPEC §4).
pub fn select(
    catalog: &[Offer],
    policies: &[RetentionPolicy],
    input: SelectorInput<'_>,
) -> Selection {
    let customer = input.customer;
    let policy = policy_for(policies, customer);
    let base_offers: BTreeSet<&str> = customer.base_offers.iter().map(String::as_str).collect();
    let mut selection = Selection {
        policy: policy.map(|p| p.name.clone()),
        ..Selection::default()
    };
    for (index, offer) in catalog.iter().enumerate() {
        let from_base = base_offers.contains(offer.code.as_str());
        match judge(
            offer,
            customer,
            policy,
            from_base,
            input.today,
            input.explain,
        ) {
            Ok(mut reasons) => {
                let answered: Vec<&str> = offer
                    .needs
                    .iter()
                    .filter(|n| input.needs.contains(n))
                    .map(|n| n.label())
                    .collect();
                if !answered.is_empty() {
                    reasons.push(format!("Responde a: {}.", answered.join(", ")));
                }
                let answer = input
                    .presented
                    .iter()
                    .rev()
                    .find(|p| p.offer == offer.code)
                    .map(|p| p.answer);
                selection.eligible.push(Candidate {
                    index,
                    level: offer.level,
                    fit: answered.len(),
                    from_base,
                    reasons,
                    answer,
                    open: false,
                });
            }
            Err(reasons) => {
                selection.excluded_count += 1;
                if input.explain {
                    selection.excluded.push(Excluded { index, reasons });
                }
            }
        }
    }
    selection.eligible.sort_by(|a, b| rank(catalog, a, b));
    // A rung opens once every eligible offer below it was presented.
    let mut lower_pending = false;
    let mut level = 0;
    let mut pending_here = false;
    for candidate in &mut selection.eligible {
        if candidate.level != level {
            lower_pending |= pending_here;
            pending_here = false;
            level = candidate.level;
        }
        candidate.open = !lower_pending;
        pending_here |= candidate.answer.is_none();
    }
    selection
}

/// Level first, then fit to the needs, then cost, then code (stable output).
fn rank(catalog: &[Offer], a: &Candidate, b: &Candidate) -> Ordering {
    a.level
        .cmp(&b.level)
        .then(b.fit.cmp(&a.fit))
        .then(catalog[a.index].cost.cmp(&catalog[b.index].cost))
        .then(catalog[a.index].code.cmp(&catalog[b.index].code))
}

/// The codes of the offers a customer is eligible for (as the call starts,
/// kept so that a close is judged by what the agent could have seen).
pub fn eligible_codes(
    catalog: &[Offer],
    policies: &[RetentionPolicy],
    customer: &CustomerProfile,
    today: NaiveDate,
) -> BTreeSet<String> {
    select(
        catalog,
        policies,
        SelectorInput {
            customer,
            needs: &[],
            presented: &[],
            today,
            explain: false,
        },
    )
    .eligible
    .iter()
    .map(|c| catalog[c.index].code.clone())
    .collect()
}

/// Judges the presentations of a call as the server receives them at close
/// and answers them as the catalog describes them (the browser's copy of an
/// offer is never trusted). Each offer must exist, be presented once, and be
/// eligible for the customer now or when the call started; no offer of a
/// higher rung may come before an eligible offer of a lower one. An offer
/// counts as skipped only if it was eligible at the start too (when the
/// start is known): offers created, activated or moved during the call, or
/// that became valid since, never block a close.
pub fn check_presentations(
    catalog: &[Offer],
    policies: &[RetentionPolicy],
    customer: &CustomerProfile,
    shown: &[Presentation],
    today: NaiveDate,
    eligible_at_start: Option<&BTreeSet<String>>,
) -> Result<Vec<Presentation>, String> {
    let by_code: std::collections::HashMap<&str, &Offer> =
        catalog.iter().map(|o| (o.code.as_str(), o)).collect();
    let now = select(
        catalog,
        policies,
        SelectorInput {
            customer,
            needs: &[],
            presented: &[],
            today,
            explain: false,
        },
    );
    let at_start = |code: &str| eligible_at_start.is_none_or(|codes| codes.contains(code));
    let mut checked: Vec<Presentation> = Vec::with_capacity(shown.len());
    for p in shown {
        let Some(offer) = by_code.get(p.offer.as_str()) else {
            return Err(format!("La oferta «{}» no está en el catálogo.", p.offer));
        };
        if checked.iter().any(|c| c.offer == offer.code) {
            return Err(format!(
                "La oferta «{}» quedó registrada dos veces.",
                offer.name
            ));
        }
        let eligible_now = now
            .eligible
            .iter()
            .any(|c| catalog[c.index].code == offer.code);
        let eligible_then = eligible_at_start.is_some_and(|codes| codes.contains(&offer.code));
        if !eligible_now && !eligible_then {
            return Err(format!(
                "La oferta «{}» no aplica a este cliente.",
                offer.name
            ));
        }
        if let Some(skipped) = now
            .eligible
            .iter()
            .map(|c| catalog[c.index].clone())
            .find(|c| {
                c.level < offer.level
                    && at_start(&c.code)
                    && !checked.iter().any(|done| done.offer == c.code)
            })
        {
            return Err(format!(
                "Se presentó «{}» (escalón {}) antes de «{}» (escalón {}): la retención es escalonada.",
                offer.name, offer.level, skipped.name, skipped.level
            ));
        }
        checked.push(Presentation {
            offer: offer.code.clone(),
            name: offer.name.clone(),
            kind: offer.kind,
            level: offer.level,
            services: offer.services.clone(),
            answer: p.answer,
        });
    }
    Ok(checked)
}

const CODE_RULE: &str = "El código lleva de 1 a 40 letras mayúsculas, números o «_».";

/// Codes of offers and policies: 1–40 of `A–Z`, `0–9`, `_`.
pub fn valid_code(code: &str) -> bool {
    (1..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// What is wrong with an offer as entered by the admin, by field.
pub fn offer_problems(offer: &Offer) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if !valid_code(&offer.code) {
        problems.push(("code", CODE_RULE.to_string()));
    }
    if offer.name.trim().is_empty() {
        problems.push(("name", "Escriba el nombre de la oferta.".into()));
    }
    if offer.script.trim().is_empty() {
        problems.push((
            "script",
            "Escriba el guion: lo que el asesor le dice al cliente.".into(),
        ));
    }
    if offer.level == 0 || offer.level > 9 {
        problems.push(("level", "El escalón va de 1 a 9.".into()));
    }
    if (offer.kind == OfferKind::BeneficioActual) != (offer.level == CURRENT_BENEFITS_LEVEL) {
        problems.push((
            "level",
            "Los beneficios actuales son el escalón 1, y el escalón 1 es solo de beneficios actuales."
                .into(),
        ));
    }
    if offer.cost < 0 {
        problems.push(("cost", "El costo no puede ser negativo.".into()));
    }
    if let (Some(from), Some(to)) = (offer.valid_from, offer.valid_to)
        && to < from
    {
        problems.push(("valid_to", "La vigencia termina antes de empezar.".into()));
    }
    if let (Some(min), Some(max)) = (offer.min_monthly_value, offer.max_monthly_value)
        && max < min
    {
        problems.push((
            "max_monthly_value",
            "El valor mensual máximo es menor que el mínimo.".into(),
        ));
    }
    if offer.min_monthly_value.is_some_and(|v| v < 0)
        || offer.max_monthly_value.is_some_and(|v| v < 0)
    {
        problems.push((
            "min_monthly_value",
            "El valor mensual no puede ser negativo.".into(),
        ));
    }
    problems
}

/// What is wrong with a policy as entered by the admin, by field.
pub fn policy_problems(policy: &RetentionPolicy, catalog: &[Offer]) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if !valid_code(&policy.code) {
        problems.push(("code", CODE_RULE.to_string()));
    }
    if policy.name.trim().is_empty() {
        problems.push(("name", "Escriba el nombre de la política.".into()));
    }
    if policy.max_level < 2 || policy.max_level > 9 {
        problems.push((
            "max_level",
            "La política llega a un escalón entre 2 y 9 (el 1 son los beneficios actuales).".into(),
        ));
    }
    let unknown: Vec<&str> = policy
        .offers
        .iter()
        .filter(|code| !catalog.iter().any(|o| &o.code == *code))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        problems.push((
            "offers",
            format!(
                "Ofertas que no están en el catálogo: {}.",
                unknown.join(", ")
            ),
        ));
    }
    problems
}

/// Normalizes a code as typed (`desc 10` → `DESC_10`).
pub fn normalize_offer_code(raw: &str) -> String {
    normalize_code(raw)
}

#[cfg(test)]
mod tests;
