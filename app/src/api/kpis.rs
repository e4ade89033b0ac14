//! The indicators as the API and `faro kpis --json` give them: one key per
//! KPI, each with value, numerator, denominator, whether it applies to the
//! filters asked, and its goal.

use crate::domain::kpis::{DEFAULT_FCR_WINDOW_HOURS, Kpi};
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
