//! A procedure version as data (SPEC §3): the steps of the call guide, their
//! scripts, checklists and captured fields, and the branches between them.
//!
//! The same structure is the file format of `faro procedure export/import`
//! (TOML, see `procedures/README.md`), the JSON of the API and what the
//! guide runs in the browser. [`validate`] is the single judge of whether a
//! version can be published: the admin UI, the command line and the server
//! all call it.

use super::field_ops::{SLOT_BLOCKED, SLOT_BOOKED, SLOT_NONE, SlotAnswer};
use super::offers::{OfferAnswer, OfferKind, RetentionResult, Service, parse_presentations};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Answers of one interaction: field id → value. Yes/no fields hold `SI` or
/// `NO`; multiple choices are joined with `|`; dates are `aaaa-mm-dd`.
pub type Answers = BTreeMap<String, String>;

/// Names a condition may use besides the procedure's own fields: facts of
/// the customer's record, known before the call starts.
pub const CONTEXT_NAMES: [&str; 2] = ["tipo_base", "segmento"];

/// Placeholders a script may use.
pub const SCRIPT_PLACEHOLDERS: [&str; 6] = [
    "cliente",
    "asesor",
    "cuenta",
    "base",
    "segmento",
    "vencimiento_pqr",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    pub meta: Meta,
    #[serde(default, rename = "step")]
    pub steps: Vec<Step>,
}

/// The header of the approved document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub version: u32,
    pub title: String,
    pub approved_on: NaiveDate,
    pub author: String,
    pub approver: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Stable identifier (lowercase letters, digits, `_`).
    pub id: String,
    /// The activity number of the procedure (1–8 for the guide of SPEC §3).
    pub number: u8,
    pub title: String,
    /// What the agent does here, in the procedure's words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guidance: Vec<String>,
    /// Said to the customer; may use `{cliente}`, `{asesor}` … placeholders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    #[serde(default, rename = "system", skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<SystemUse>,
    #[serde(default, rename = "field", skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// Values the guide proposes for a field from the answers so far.
    #[serde(default, rename = "suggest", skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
    /// Where to go next: the first branch whose conditions hold. The last
    /// branch must have none, so no combination of answers is a dead end.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next: Vec<Branch>,
    /// The closing step: the one step every path ends at.
    #[serde(default, skip_serializing_if = "is_false")]
    pub end: bool,
}

/// A system and the keys to use in it, so a new agent needs no cheat sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SystemUse {
    /// RR, AC, Diagnosticador, DIME, Módulo de gestión, Paradigma, WFM …
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<String>,
    pub purpose: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Notes,
    /// `SI` / `NO`.
    YesNo,
    /// A checklist item the agent ticks (`SI`) once verified.
    Check,
    /// One of `options`.
    Choice,
    /// Any of `options`, joined with `|`.
    Multi,
    Date,
    DateTime,
    /// A code: `prefix` followed by `min_digits`–`max_digits` digits (INC, CUN).
    Code,
    /// A code of the typification catalog.
    Typification,
    /// Read-only: the date `business_days` business days after today.
    DueDate,
    /// The offer selector (SPEC §4): offers presented one at a time and the
    /// customer's answers, as JSON (see [`super::offers::Presentation`]).
    /// In conditions it answers with the kinds of the offers accepted.
    Offers,
    /// The visit agenda's slot picker (SPEC §3 step 4): the visit booked, as
    /// JSON, or `SIN_CUPO` / `BLOQUEADA` (see
    /// [`super::field_ops::SlotAnswer`]). In conditions it answers
    /// `AGENDADA`, `SIN_CUPO` or `BLOQUEADA`.
    VisitSlot,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub label: String,
    pub kind: FieldKind,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Where in the systems this is checked or registered (e.g. `RR F22`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    #[serde(default, rename = "option", skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_digits: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_digits: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_days: Option<u32>,
    /// Asked only when these conditions hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Clause>,
    /// The interaction column this answer is kept in besides the answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<Recorded>,
    /// Set: the guide asks the server whether this customer already
    /// reported the same code (falla masiva: the same `INC`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub repeat_check: bool,
    /// Offers field: the multi field whose values are the detected needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs_from: Option<String>,
    /// A choice of `RETENIDO` / `CANCELACION_RADICADA`: the retention outcome
    /// of this service, kept for the efectividad indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_of: Option<Service>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// Holds when the named field (or context fact) has one of `is`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Clause {
    pub field: String,
    pub is: Vec<String>,
    /// Inverts the clause: holds when the value is none of `is`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub not: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub to: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    pub field: String,
    pub value: String,
    pub because: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Clause>,
}

/// Interaction columns filled from answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Recorded {
    Requirement,
    Typification,
    Spc,
    Cun,
    CaseState,
    Callback,
    Notes,
    StrategicNotes,
}

impl Recorded {
    pub const ALL: [Recorded; 8] = [
        Recorded::Requirement,
        Recorded::Typification,
        Recorded::Spc,
        Recorded::Cun,
        Recorded::CaseState,
        Recorded::Callback,
        Recorded::Notes,
        Recorded::StrategicNotes,
    ];

    /// Every version must capture these, since cases and indicators use them.
    pub const REQUIRED: [Recorded; 4] = [
        Recorded::Typification,
        Recorded::Spc,
        Recorded::CaseState,
        Recorded::Callback,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Recorded::Requirement => "requirement",
            Recorded::Typification => "typification",
            Recorded::Spc => "spc",
            Recorded::Cun => "cun",
            Recorded::CaseState => "case_state",
            Recorded::Callback => "callback",
            Recorded::Notes => "notes",
            Recorded::StrategicNotes => "strategic_notes",
        }
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Facts of the record the call is about.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallContext {
    pub tipo_base: String,
    pub segmento: String,
}

impl Procedure {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn first_step(&self) -> Option<&Step> {
        self.steps.first()
    }

    pub fn fields(&self) -> impl Iterator<Item = (&Step, &Field)> {
        self.steps
            .iter()
            .flat_map(|step| step.fields.iter().map(move |field| (step, field)))
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().map(|(_, f)| f).find(|f| f.id == id)
    }

    /// The field that fills an interaction column, if the version has one.
    pub fn recorded_field(&self, what: Recorded) -> Option<&Field> {
        self.fields()
            .map(|(_, f)| f)
            .find(|f| f.records == Some(what))
    }

    /// The answer kept in an interaction column, when given and visible.
    pub fn recorded(&self, what: Recorded, answers: &Answers) -> Option<String> {
        let field = self.recorded_field(what)?;
        answers
            .get(&field.id)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }
}

// ---------------------------------------------------------------------------
// Running the guide
// ---------------------------------------------------------------------------

fn value_of<'a>(name: &str, context: &'a CallContext, answers: &'a Answers) -> Option<&'a str> {
    match name {
        "tipo_base" => Some(context.tipo_base.as_str()),
        "segmento" => Some(context.segmento.as_str()),
        _ => answers.get(name).map(String::as_str),
    }
}

/// The kinds of the offers the customer accepted, when `value` is what an
/// offers field holds (a JSON list of presentations); `None` for any other
/// value, which is then compared as it is.
fn accepted_kinds(value: &str) -> Option<Vec<&'static str>> {
    if !value.trim_start().starts_with('[') {
        return None;
    }
    let presentations = parse_presentations(value).ok()?;
    Some(
        presentations
            .iter()
            .filter(|p| p.answer == OfferAnswer::Acepta)
            .map(|p| p.kind.code())
            .collect(),
    )
}

impl Clause {
    pub fn holds(&self, context: &CallContext, answers: &Answers) -> bool {
        let found = value_of(&self.field, context, answers).is_some_and(|value| {
            let wanted = |part: &str| self.is.iter().any(|w| w == part);
            if value.trim_start().starts_with('{') {
                return SlotAnswer::parse(value).is_ok_and(|answer| wanted(answer.state()));
            }
            match accepted_kinds(value) {
                Some(kinds) => kinds.into_iter().any(wanted),
                None => value.split('|').map(str::trim).any(wanted),
            }
        });
        found != self.not
    }
}

pub fn all_hold(clauses: &[Clause], context: &CallContext, answers: &Answers) -> bool {
    clauses.iter().all(|c| c.holds(context, answers))
}

impl Field {
    pub fn visible(&self, context: &CallContext, answers: &Answers) -> bool {
        all_hold(&self.when, context, answers)
    }

    pub fn option_label(&self, value: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|o| o.value == value)
            .map(|o| o.label.as_str())
    }

    /// Why `value` is not acceptable for this field, in Spanish; `None` when
    /// it is (an empty value is judged by [`Step::problems`], not here).
    pub fn check_value(&self, value: &str) -> Option<String> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let label = &self.label;
        match self.kind {
            FieldKind::YesNo | FieldKind::Check => {
                (!matches!(value, "SI" | "NO")).then(|| format!("«{label}»: responda Sí o No."))
            }
            FieldKind::Choice => self
                .option_label(value)
                .is_none()
                .then(|| format!("«{label}»: elija una de las opciones.")),
            FieldKind::Multi => value
                .split('|')
                .any(|part| self.option_label(part.trim()).is_none())
                .then(|| format!("«{label}»: elija entre las opciones.")),
            FieldKind::Date => NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .is_err()
                .then(|| format!("«{label}»: la fecha no es válida (dd/mm/aaaa).")),
            FieldKind::DateTime => chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
                .is_err()
                .then(|| format!("«{label}»: la fecha y hora no son válidas.")),
            FieldKind::Code => {
                let prefix = self.prefix.as_deref().unwrap_or("");
                let min = usize::from(self.min_digits.unwrap_or(1));
                let max = usize::from(self.max_digits.unwrap_or(30));
                let upper = value.to_uppercase();
                let digits = upper.strip_prefix(&prefix.to_uppercase());
                let ok = digits.is_some_and(|d| {
                    (min..=max).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
                });
                (!ok).then(|| {
                    let count = if min == max {
                        format!("{min}")
                    } else {
                        format!("{min} a {max}")
                    };
                    if prefix.is_empty() {
                        format!("«{label}»: escriba {count} dígitos.")
                    } else {
                        format!("«{label}»: escriba {prefix} seguido de {count} dígitos.")
                    }
                })
            }
            FieldKind::Offers => parse_presentations(value)
                .err()
                .map(|problem| format!("«{label}»: {problem}.")),
            FieldKind::VisitSlot => SlotAnswer::parse(value)
                .err()
                .map(|problem| format!("«{label}»: {problem}.")),
            FieldKind::Text | FieldKind::Notes | FieldKind::Typification | FieldKind::DueDate => {
                None
            }
        }
    }

    /// Whether the agent must give a value (due dates are computed).
    pub fn needs_answer(&self) -> bool {
        (self.required || self.kind == FieldKind::Check) && self.kind != FieldKind::DueDate
    }
}

impl Step {
    pub fn visible_fields<'a>(
        &'a self,
        context: &'a CallContext,
        answers: &'a Answers,
    ) -> impl Iterator<Item = &'a Field> + 'a {
        self.fields
            .iter()
            .filter(move |f| f.visible(context, answers))
    }

    /// What keeps the agent from leaving this step, in Spanish.
    pub fn problems(&self, context: &CallContext, answers: &Answers) -> Vec<String> {
        let mut problems = Vec::new();
        for field in self.visible_fields(context, answers) {
            let value = answers.get(&field.id).map(|v| v.trim()).unwrap_or("");
            if value.is_empty() {
                if field.needs_answer() {
                    problems.push(if field.kind == FieldKind::Check {
                        format!("Confirme «{}».", field.label)
                    } else {
                        format!("Falta «{}».", field.label)
                    });
                }
            } else if let Some(problem) = field.check_value(value) {
                problems.push(problem);
            }
        }
        problems
    }

    /// The step the answers lead to; `None` at the end.
    pub fn next_step(&self, context: &CallContext, answers: &Answers) -> Option<&str> {
        self.next
            .iter()
            .find(|b| all_hold(&b.when, context, answers))
            .map(|b| b.to.as_str())
    }

    /// The suggestions that apply now, in order.
    pub fn active_suggestions<'a>(
        &'a self,
        context: &'a CallContext,
        answers: &'a Answers,
    ) -> impl Iterator<Item = &'a Suggestion> + 'a {
        self.suggestions
            .iter()
            .filter(move |s| all_hold(&s.when, context, answers))
    }

    /// The first suggested value for a field.
    pub fn suggested(&self, field: &str, context: &CallContext, answers: &Answers) -> Option<&str> {
        self.suggestions
            .iter()
            .find(|s| s.field == field && all_hold(&s.when, context, answers))
            .map(|s| s.value.as_str())
    }
}

/// The path the answers take from the first step, with what is missing on
/// the way. Stops at the first step with problems (the agent is there).
#[derive(Debug, Clone, PartialEq)]
pub struct Walk {
    pub path: Vec<String>,
    pub problems: Vec<String>,
    pub complete: bool,
}

pub fn walk(procedure: &Procedure, context: &CallContext, answers: &Answers) -> Walk {
    let mut path = Vec::new();
    let mut current = procedure.first_step();
    while let Some(step) = current {
        if path.contains(&step.id) || path.len() > procedure.steps.len() {
            return Walk {
                path,
                problems: vec![format!("El procedimiento vuelve al paso «{}».", step.title)],
                complete: false,
            };
        }
        path.push(step.id.clone());
        let problems = step.problems(context, answers);
        if !problems.is_empty() {
            return Walk {
                path,
                problems,
                complete: false,
            };
        }
        if step.end {
            return Walk {
                path,
                problems,
                complete: true,
            };
        }
        current = step
            .next_step(context, answers)
            .and_then(|id| procedure.step(id));
    }
    Walk {
        path,
        problems: vec!["El procedimiento no llega al cierre.".into()],
        complete: false,
    }
}

/// A script with its placeholders filled; unknown ones stay visible.
pub fn render_script(template: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.get(name) {
                    Some(value) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn placeholders(template: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                found.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    found
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 60
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Every problem that keeps a version from being published, in Spanish;
/// empty when it is sound: ids unique, every branch and condition pointing
/// at something that exists, no cycles, no dead ends, every path ending at
/// the one closing step, and the fields cases and indicators need present.
pub fn validate(procedure: &Procedure) -> Vec<String> {
    let mut problems = Vec::new();
    let meta = &procedure.meta;
    if meta.version == 0 {
        problems.push("Encabezado: la versión debe ser un número mayor que cero.".into());
    }
    for (what, value) in [
        ("el título", &meta.title),
        ("quién lo elaboró", &meta.author),
        ("quién lo aprobó", &meta.approver),
    ] {
        if value.trim().is_empty() {
            problems.push(format!("Encabezado: falta {what}."));
        }
    }
    if procedure.steps.is_empty() {
        problems.push("El procedimiento no tiene pasos.".into());
        return problems;
    }

    let mut step_ids = BTreeSet::new();
    for step in &procedure.steps {
        if !valid_id(&step.id) {
            problems.push(format!(
                "Paso «{}»: el identificador «{}» solo puede tener minúsculas, dígitos y _.",
                step.title, step.id
            ));
        }
        if !step_ids.insert(step.id.as_str()) {
            problems.push(format!("El paso «{}» está repetido.", step.id));
        }
        if step.title.trim().is_empty() {
            problems.push(format!("Paso «{}»: falta el título.", step.id));
        }
    }

    let mut fields: BTreeMap<&str, &Field> = BTreeMap::new();
    for (step, field) in procedure.fields() {
        let at = format!("Paso «{}», campo «{}»", step.id, field.id);
        if !valid_id(&field.id) {
            problems.push(format!(
                "{at}: el identificador solo puede tener minúsculas, dígitos y _."
            ));
        }
        if CONTEXT_NAMES.contains(&field.id.as_str()) {
            problems.push(format!(
                "{at}: «{}» está reservado para los datos de la base.",
                field.id
            ));
        }
        if fields.insert(field.id.as_str(), field).is_some() {
            problems.push(format!("{at}: el campo está repetido en el procedimiento."));
        }
        if field.label.trim().is_empty() {
            problems.push(format!("{at}: falta la etiqueta."));
        }
        match field.kind {
            FieldKind::Choice | FieldKind::Multi if field.options.is_empty() => {
                problems.push(format!("{at}: una lista de opciones necesita opciones."));
            }
            FieldKind::Code if field.min_digits.unwrap_or(1) > field.max_digits.unwrap_or(30) => {
                problems.push(format!("{at}: el mínimo de dígitos supera el máximo."));
            }
            FieldKind::DueDate if field.business_days.is_none() => {
                problems.push(format!("{at}: un vencimiento necesita los días hábiles."));
            }
            _ => {}
        }
        if field.needs_from.is_some() && field.kind != FieldKind::Offers {
            problems.push(format!(
                "{at}: «needs_from» solo aplica a un campo de ofrecimientos."
            ));
        }
        if field.outcome_of.is_some() {
            let outcomes: BTreeSet<&str> = field.options.iter().map(|o| o.value.as_str()).collect();
            let expected: BTreeSet<&str> = RetentionResult::ALL.iter().map(|r| r.code()).collect();
            if field.kind != FieldKind::Choice || outcomes != expected {
                problems.push(format!(
                    "{at}: el resultado de un servicio es una lista con las opciones RETENIDO y CANCELACION_RADICADA."
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for option in &field.options {
            if !seen.insert(option.value.as_str()) {
                problems.push(format!("{at}: la opción «{}» está repetida.", option.value));
            }
        }
    }

    let mut outcomes: BTreeMap<Service, &str> = BTreeMap::new();
    for field in fields.values() {
        if let Some(service) = field.outcome_of
            && let Some(first) = outcomes.insert(service, field.id.as_str())
        {
            problems.push(format!(
                "Campos «{first}» y «{}»: los dos guardan el resultado de {}; cada servicio tiene un solo resultado.",
                field.id,
                service.label()
            ));
        }
        if let Some(source) = &field.needs_from {
            let ok = fields.get(source.as_str()).is_some_and(|needs| {
                needs.kind == FieldKind::Multi
                    && needs
                        .options
                        .iter()
                        .all(|o| o.value.parse::<super::offers::Need>().is_ok())
            });
            if !ok {
                problems.push(format!(
                    "Campo «{}»: «needs_from» debe nombrar una lista de necesidades (PRECIO, VELOCIDAD…).",
                    field.id
                ));
            }
        }
    }

    let mut recorded: BTreeMap<Recorded, usize> = BTreeMap::new();
    for field in fields.values() {
        if let Some(what) = field.records {
            *recorded.entry(what).or_default() += 1;
        }
    }
    for what in Recorded::ALL {
        if recorded.get(&what).copied().unwrap_or(0) > 1 {
            problems.push(format!(
                "Más de un campo guarda «{}» en la interacción.",
                what.code()
            ));
        }
    }
    for what in Recorded::REQUIRED {
        if !recorded.contains_key(&what) {
            problems.push(format!(
                "Ningún campo guarda «{}», que necesitan los casos y los indicadores.",
                what.code()
            ));
        }
    }

    let check_clauses = |problems: &mut Vec<String>, at: &str, clauses: &[Clause]| {
        for clause in clauses {
            if CONTEXT_NAMES.contains(&clause.field.as_str()) {
                continue;
            }
            match fields.get(clause.field.as_str()) {
                None => problems.push(format!(
                    "{at}: la condición usa el campo «{}», que no existe.",
                    clause.field
                )),
                Some(field) => {
                    if clause.is.is_empty() {
                        problems.push(format!(
                            "{at}: la condición sobre «{}» no dice qué valores.",
                            clause.field
                        ));
                    }
                    for value in &clause.is {
                        let known = match field.kind {
                            FieldKind::Choice | FieldKind::Multi => {
                                field.option_label(value).is_some()
                            }
                            FieldKind::YesNo | FieldKind::Check => {
                                matches!(value.as_str(), "SI" | "NO")
                            }
                            FieldKind::Offers => value.parse::<OfferKind>().is_ok(),
                            FieldKind::VisitSlot => {
                                matches!(value.as_str(), SLOT_BOOKED | SLOT_NONE | SLOT_BLOCKED)
                            }
                            _ => true,
                        };
                        if !known {
                            problems.push(format!(
                                "{at}: «{}» no es un valor posible de «{}».",
                                value, clause.field
                            ));
                        }
                    }
                }
            }
        }
    };

    let ends: Vec<&Step> = procedure.steps.iter().filter(|s| s.end).collect();
    if ends.len() != 1 {
        problems.push(format!(
            "Debe haber exactamente un paso de cierre (hay {}).",
            ends.len()
        ));
    }

    for step in &procedure.steps {
        let at = format!("Paso «{}»", step.id);
        for field in &step.fields {
            check_clauses(
                &mut problems,
                &format!("{at}, campo «{}»", field.id),
                &field.when,
            );
        }
        for (n, suggestion) in step.suggestions.iter().enumerate() {
            let here = format!("{at}, sugerencia {}", n + 1);
            check_clauses(&mut problems, &here, &suggestion.when);
            match fields.get(suggestion.field.as_str()) {
                None => problems.push(format!(
                    "{here}: sugiere el campo «{}», que no existe.",
                    suggestion.field
                )),
                Some(field)
                    if matches!(field.kind, FieldKind::Choice | FieldKind::Multi)
                        && field.option_label(&suggestion.value).is_none() =>
                {
                    problems.push(format!(
                        "{here}: «{}» no es un valor posible de «{}».",
                        suggestion.value, suggestion.field
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(script) = &step.script {
            for name in placeholders(script) {
                if !SCRIPT_PLACEHOLDERS.contains(&name) {
                    problems.push(format!(
                        "{at}: el guion usa {{{name}}}, que no existe (use {}).",
                        SCRIPT_PLACEHOLDERS
                            .iter()
                            .map(|p| format!("{{{p}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
        }
        if step.end {
            if !step.next.is_empty() {
                problems.push(format!("{at}: el cierre no puede continuar a otro paso."));
            }
            continue;
        }
        if step.next.is_empty() {
            problems.push(format!(
                "{at}: es un callejón sin salida (no continúa a ningún paso)."
            ));
        } else if step.next.last().is_some_and(|b| !b.when.is_empty()) {
            problems.push(format!(
                "{at}: la última rama debe ser sin condición, para que ninguna respuesta deje la llamada sin salida."
            ));
        }
        for (n, branch) in step.next.iter().enumerate() {
            let here = format!("{at}, rama {}", n + 1);
            if !step_ids.contains(branch.to.as_str()) {
                problems.push(format!("{here}: el paso «{}» no existe.", branch.to));
            }
            check_clauses(&mut problems, &here, &branch.when);
        }
    }

    // Reachability and cycles over the branch graph.
    let index: BTreeMap<&str, usize> = procedure
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = procedure
        .steps
        .iter()
        .map(|s| {
            s.next
                .iter()
                .filter_map(|b| index.get(b.to.as_str()).copied())
                .collect()
        })
        .collect();
    let mut state = vec![0u8; procedure.steps.len()]; // 0 new, 1 open, 2 done
    let mut cycle_reported = false;
    fn visit(
        node: usize,
        edges: &[Vec<usize>],
        state: &mut [u8],
        steps: &[Step],
        problems: &mut Vec<String>,
        cycle_reported: &mut bool,
    ) {
        state[node] = 1;
        for &to in &edges[node] {
            match state[to] {
                0 => visit(to, edges, state, steps, problems, cycle_reported),
                1 if !*cycle_reported => {
                    *cycle_reported = true;
                    problems.push(format!(
                        "Paso «{}»: vuelve al paso «{}» y la llamada podría no terminar nunca.",
                        steps[node].id, steps[to].id
                    ));
                }
                _ => {}
            }
        }
        state[node] = 2;
    }
    visit(
        0,
        &edges,
        &mut state,
        &procedure.steps,
        &mut problems,
        &mut cycle_reported,
    );
    for (i, step) in procedure.steps.iter().enumerate() {
        if state[i] == 0 {
            problems.push(format!(
                "Paso «{}»: ningún camino desde el primer paso llega aquí.",
                step.id
            ));
        }
    }
    problems
}

/// Every path through the branch graph from the first step, as step ids.
/// Meant for sound (validated, acyclic) procedures.
pub fn all_paths(procedure: &Procedure) -> Vec<Vec<String>> {
    fn extend(procedure: &Procedure, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        let Some(step) = path.last().and_then(|id| procedure.step(id)) else {
            out.push(path.clone());
            return;
        };
        let targets: BTreeSet<&str> = step.next.iter().map(|b| b.to.as_str()).collect();
        if targets.is_empty() || path.len() > procedure.steps.len() {
            out.push(path.clone());
            return;
        }
        for to in targets {
            path.push(to.to_string());
            extend(procedure, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    if let Some(first) = procedure.first_step() {
        extend(procedure, &mut vec![first.id.clone()], &mut out);
    }
    out
}

#[cfg(test)]
mod tests;
