//! The indicators as the API and `faro kpis --json` give them: one key per
//! KPI, each with value, numerator, denominator, whether it applies to the
//! filters asked, and its goal.

use super::client::{ClientError, Method, get, send, upload};
use crate::domain::kpis::{DEFAULT_FCR_WINDOW_HOURS, Kpi, KpiFilters, Period};
use crate::paths::{api, encode_query_value};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One indicator's figure. `value` is `null` when the denominator is zero or
/// when the KPI does not apply to the filters (`applies` = false; then the
/// numerator and denominator are `null` too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KpiValue {
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub applies: bool,
    pub goal: Option<f64>,
}

impl KpiValue {
    /// A counted figure: value = numerator ÷ denominator × scale.
    pub fn counted(numerator: f64, denominator: f64, scale: f64, goal: Option<f64>) -> Self {
        KpiValue {
            value: crate::domain::kpis::ratio(numerator, denominator).map(|r| r * scale),
            numerator: Some(numerator),
            denominator: Some(denominator),
            applies: true,
            goal,
        }
    }

    /// "No aplica": the filters asked are not in this KPI's data.
    pub fn not_applicable(goal: Option<f64>) -> Self {
        KpiValue {
            value: None,
            numerator: None,
            denominator: None,
            applies: false,
            goal,
        }
    }
}

/// One of the two parts of calidad MEC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KpiPart {
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
}

/// Calidad MEC: the weighted figure and its two parts. The weighted
/// numerator is Σ weight × part and the denominator Σ weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QualityValue {
    #[serde(flatten)]
    pub total: KpiValue,
    /// Mean monitoring score ÷ 100.
    pub emitida: KpiPart,
    /// Share of 4–5 answers to the agent-satisfaction question.
    pub percibida: KpiPart,
}

/// The seven indicators for one period and set of filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KpiReport {
    pub contactabilidad: KpiValue,
    pub efectividad: KpiValue,
    pub nps: KpiValue,
    pub fcr: KpiValue,
    pub ausentismo: KpiValue,
    pub rotacion: KpiValue,
    pub calidad_mec: QualityValue,
}

impl KpiReport {
    /// The figure of one KPI (calidad MEC's weighted total).
    pub fn get(&self, kpi: Kpi) -> &KpiValue {
        match kpi {
            Kpi::Contactabilidad => &self.contactabilidad,
            Kpi::Efectividad => &self.efectividad,
            Kpi::Nps => &self.nps,
            Kpi::Fcr => &self.fcr,
            Kpi::Ausentismo => &self.ausentismo,
            Kpi::Rotacion => &self.rotacion,
            Kpi::CalidadMec => &self.calidad_mec.total,
        }
    }
}

/// What gerente and admin adjust: goals, calidad MEC's weights, the FCR
/// window and the detractor loop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KpiSettings {
    /// Goal per KPI key (ratios 0–1, NPS −100…100). A KPI without a goal
    /// shows its value alone.
    pub goals: BTreeMap<Kpi, f64>,
    pub weight_emitida: f64,
    pub weight_percibida: f64,
    pub fcr_window_hours: u32,
    /// A survey answer of 0–6 puts the customer in the team's active
    /// DETRACTORES base.
    pub detractor_loop: bool,
}

impl Default for KpiSettings {
    fn default() -> Self {
        KpiSettings {
            // SPEC §5 and the procedure set only calidad MEC's goal (90 %).
            goals: BTreeMap::from([(Kpi::CalidadMec, 0.90)]),
            weight_emitida: 0.40,
            weight_percibida: 0.60,
            fcr_window_hours: DEFAULT_FCR_WINDOW_HOURS,
            detractor_loop: true,
        }
    }
}

impl KpiSettings {
    /// Problems, in Spanish, for the form that edits them.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        for (kpi, goal) in &self.goals {
            let ok = if kpi.is_ratio() {
                (0.0..=1.0).contains(goal)
            } else {
                (-100.0..=100.0).contains(goal)
            };
            if !ok || !goal.is_finite() {
                problems.push((
                    "goals",
                    if kpi.is_ratio() {
                        format!("La meta de {} debe estar entre 0 % y 100 %.", kpi.label())
                    } else {
                        format!("La meta de {} debe estar entre −100 y 100.", kpi.label())
                    },
                ));
            }
        }
        let weights_ok = (0.0..=1.0).contains(&self.weight_emitida)
            && (0.0..=1.0).contains(&self.weight_percibida)
            && ((self.weight_emitida + self.weight_percibida) - 1.0).abs() < 1e-9;
        if !weights_ok {
            problems.push((
                "weights",
                "Los pesos de calidad emitida y percibida deben sumar 100 %.".into(),
            ));
        }
        if !(1..=24 * 90).contains(&self.fcr_window_hours) {
            problems.push((
                "fcr_window_hours",
                "La ventana de FCR debe estar entre 1 hora y 90 días.".into(),
            ));
        }
        problems
    }
}

/// What an import of an external source stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SourceImport {
    /// The source: `agentes`, `gestion`, `interacciones`, `retencion`,
    /// `encuestas`, `monitoreo` or `asistencia`.
    pub kind: String,
    pub rows: u32,
    /// Rows stored for the first time.
    pub created: u32,
    /// Roster rows this file changed.
    pub updated: u32,
    /// Rows imported before, left as they were.
    pub unchanged: u32,
    /// Detractor answers (0–6) that put the customer in a DETRACTORES base.
    pub detractors_queued: u32,
}

/// The buckets of a trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Dia,
    Semana,
    Mes,
}

impl Granularity {
    pub fn code(self) -> &'static str {
        match self {
            Granularity::Dia => "dia",
            Granularity::Semana => "semana",
            Granularity::Mes => "mes",
        }
    }
}

/// One bucket of a trend: its days (clipped to the period) and figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SeriesPoint {
    /// `01/03`, `Sem 10 (03/03)`, `mar 2025`.
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub report: KpiReport,
}

/// What a breakdown lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum BreakdownBy {
    /// One row per supervisor's team.
    Equipo,
    /// One row per agent.
    Asesor,
}

impl BreakdownBy {
    pub fn code(self) -> &'static str {
        match self {
            BreakdownBy::Equipo => "equipo",
            BreakdownBy::Asesor => "asesor",
        }
    }
}

/// One team or agent and their figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BreakdownRow {
    /// The supervisor's or agent's login (the next drill-down's filter).
    pub login: String,
    pub name: String,
    pub report: KpiReport,
}

/// One underlying record of a KPI (the last level of the drill-down).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KpiRecord {
    /// `dd/mm/aaaa hh:mm` or `dd/mm/aaaa`, Bogotá.
    pub when: String,
    pub agent: String,
    /// The customer's account, when the record has one.
    pub cuenta: Option<String>,
    /// What the row is, in words (result, typification, score …).
    pub detail: String,
    /// Whether it counts in the numerator (contacted, retained, promoter,
    /// solved in first contact …).
    pub in_numerator: bool,
    /// Where it came from: `Faro` or the import's name.
    pub source: String,
}

/// The records behind one KPI figure, newest first (at most `limit`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KpiRecords {
    pub kpi: Kpi,
    pub total: u64,
    pub records: Vec<KpiRecord>,
}

/// The query string of a period and filters (`from=…&to=…&team=…`).
pub fn query(period: Period, filters: &KpiFilters) -> String {
    let mut out = format!("from={}&to={}", period.from, period.to);
    if let Some(team) = &filters.team {
        out += &format!("&team={}", encode_query_value(team));
    }
    if let Some(agent) = &filters.agent {
        out += &format!("&agent={}", encode_query_value(agent));
    }
    if let Some(kind) = filters.tipo_base {
        out += &format!("&tipo_base={}", kind.code());
    }
    if let Some(segment) = filters.segmento {
        out += &format!("&segmento={}", segment.code());
    }
    out
}

/// `GET /api/v1/kpis`.
pub async fn report(period: Period, filters: &KpiFilters) -> Result<KpiReport, ClientError> {
    get(&format!("{}?{}", api::KPIS, query(period, filters))).await
}

/// `GET /api/v1/kpis/series`.
pub async fn series(
    period: Period,
    filters: &KpiFilters,
    by: Granularity,
) -> Result<Vec<SeriesPoint>, ClientError> {
    get(&format!(
        "{}?{}&by={}",
        api::KPIS_SERIES,
        query(period, filters),
        by.code()
    ))
    .await
}

/// `GET /api/v1/kpis/breakdown`.
pub async fn breakdown(
    period: Period,
    filters: &KpiFilters,
    by: BreakdownBy,
) -> Result<Vec<BreakdownRow>, ClientError> {
    get(&format!(
        "{}?{}&by={}",
        api::KPIS_BREAKDOWN,
        query(period, filters),
        by.code()
    ))
    .await
}

/// `GET /api/v1/kpis/records`.
pub async fn records(
    period: Period,
    filters: &KpiFilters,
    kpi: Kpi,
) -> Result<KpiRecords, ClientError> {
    get(&format!(
        "{}?{}&kpi={}",
        api::KPIS_RECORDS,
        query(period, filters),
        kpi.code()
    ))
    .await
}

/// The address of a view's export (`formato` = `csv` or `xlsx`; `vista` =
/// `resumen`, `serie` (with `by`) or `desglose` (with `by`)), for a link.
pub fn export_href(
    period: Period,
    filters: &KpiFilters,
    view: &str,
    by: Option<&str>,
    format: &str,
) -> String {
    let by = by.map(|b| format!("&by={b}")).unwrap_or_default();
    format!(
        "{}?{}&vista={view}{by}&formato={format}",
        api::KPIS_EXPORT,
        query(period, filters)
    )
}

/// `GET /api/v1/kpis/settings`.
pub async fn settings() -> Result<KpiSettings, ClientError> {
    get(api::KPIS_SETTINGS).await
}

/// `PUT /api/v1/kpis/settings` (gerente, admin).
pub async fn save_settings(settings: &KpiSettings, csrf: &str) -> Result<KpiSettings, ClientError> {
    send(Method::Put, api::KPIS_SETTINGS, Some(settings), csrf).await
}

/// `POST /api/v1/kpi-imports/{kind}` with the file chosen in the input.
pub async fn import_source(
    kind: &str,
    input_id: &str,
    csrf: &str,
) -> Result<SourceImport, ClientError> {
    upload(&api::kpi_import(kind), input_id, csrf).await
}

// ------------------------------------------------------------ monitoring

/// One item of the monitoring checklist: a step of the call guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChecklistItem {
    /// The procedure step's id.
    pub step: String,
    pub label: String,
    /// Its weight in the score (1–100).
    pub weight: u32,
    /// Whether the agent did it well; `None` when it did not apply to this
    /// call (left out of the score).
    pub ok: Option<bool>,
}

/// A quality evaluation entered in Faro.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MonitoringDraft {
    /// Makes a retried save create one evaluation.
    pub request_id: String,
    pub agent: String,
    /// The interaction evaluated (its key or the external id).
    pub interaction: Option<String>,
    /// The day of the call evaluated (default today).
    pub day: Option<NaiveDate>,
    pub checklist: Vec<ChecklistItem>,
    pub comments: String,
}

/// An evaluation, as the agent, their supervisor and calidad see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MonitoringView {
    pub id: i64,
    pub day: NaiveDate,
    pub agent: String,
    pub agent_name: String,
    pub evaluator: String,
    /// The evaluator's name (their login when Faro does not know them).
    pub evaluator_name: String,
    pub interaction: Option<String>,
    /// 0–100.
    pub score: f64,
    pub checklist: Vec<ChecklistItem>,
    pub comments: Option<String>,
    /// `Faro` or `Importado`.
    pub source: String,
}

/// An agent the quality analyst can evaluate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EvaluableAgent {
    pub login: String,
    pub name: String,
    /// Their supervisor's name, when they have one.
    pub team: Option<String>,
}

/// A closed interaction of an agent, to pick the call an evaluation is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EvaluableInteraction {
    /// What the evaluation stores as its interaction (`faro:123` or the
    /// imported id).
    pub key: String,
    pub at: DateTime<Utc>,
    pub cuenta: String,
    pub tipo_base: String,
    pub typification: String,
    pub spc: bool,
}

/// The score of a checklist: the weight of the items done well over the
/// weight of the items that applied, × 100; `None` when nothing applied.
pub fn checklist_score(items: &[ChecklistItem]) -> Option<f64> {
    let applied: u32 = items
        .iter()
        .filter(|i| i.ok.is_some())
        .map(|i| i.weight)
        .sum();
    let done: u32 = items
        .iter()
        .filter(|i| i.ok == Some(true))
        .map(|i| i.weight)
        .sum();
    crate::domain::kpis::ratio(f64::from(done), f64::from(applied))
        .map(|r| (r * 10_000.0).round() / 100.0)
}

/// `GET /api/v1/monitoring/checklist`: the published guide's steps.
pub async fn monitoring_checklist() -> Result<Vec<ChecklistItem>, ClientError> {
    get(api::MONITORING_CHECKLIST).await
}

/// `GET /api/v1/monitoring` (optionally one agent's).
pub async fn monitoring_list(agent: Option<&str>) -> Result<Vec<MonitoringView>, ClientError> {
    match agent {
        Some(agent) => {
            get(&format!(
                "{}?agent={}",
                api::MONITORING,
                encode_query_value(agent)
            ))
            .await
        }
        None => get(api::MONITORING).await,
    }
}

/// `GET /api/v1/monitoring/agents` (calidad): who can be evaluated.
pub async fn monitoring_agents() -> Result<Vec<EvaluableAgent>, ClientError> {
    get(api::MONITORING_AGENTS).await
}

/// `GET /api/v1/monitoring/interactions?agent=` (calidad): an agent's
/// latest closed calls.
pub async fn monitoring_interactions(
    agent: &str,
) -> Result<Vec<EvaluableInteraction>, ClientError> {
    get(&format!(
        "{}?agent={}",
        api::MONITORING_INTERACTIONS,
        encode_query_value(agent)
    ))
    .await
}

/// `POST /api/v1/monitoring` (calidad).
pub async fn save_monitoring(
    draft: &MonitoringDraft,
    csrf: &str,
) -> Result<MonitoringView, ClientError> {
    send(Method::Post, api::MONITORING, Some(draft), csrf).await
}
