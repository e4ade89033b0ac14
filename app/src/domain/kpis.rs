//! The seven indicators of SPEC §5 as rules: which filters each one carries,
//! how a ratio is formed (a zero denominator has no value), how NPS answers
//! are classified, and the period as Bogotá dates. The server counts; these
//! rules decide what the counts mean, the same in the browser.

use super::bases::{BaseKind, Segment};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The seven indicators, in the order the procedure lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kpi {
    Contactabilidad,
    Efectividad,
    Nps,
    Fcr,
    Ausentismo,
    Rotacion,
    CalidadMec,
}

/// A filter of the KPI request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Team,
    Agent,
    TipoBase,
    Segmento,
}

impl Kpi {
    pub const ALL: [Kpi; 7] = [
        Kpi::Contactabilidad,
        Kpi::Efectividad,
        Kpi::Nps,
        Kpi::Fcr,
        Kpi::Ausentismo,
        Kpi::Rotacion,
        Kpi::CalidadMec,
    ];

    /// The key in the API and the CLI's JSON.
    pub fn code(self) -> &'static str {
        match self {
            Kpi::Contactabilidad => "contactabilidad",
            Kpi::Efectividad => "efectividad",
            Kpi::Nps => "nps",
            Kpi::Fcr => "fcr",
            Kpi::Ausentismo => "ausentismo",
            Kpi::Rotacion => "rotacion",
            Kpi::CalidadMec => "calidad_mec",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kpi::Contactabilidad => "Contactabilidad",
            Kpi::Efectividad => "Efectividad",
            Kpi::Nps => "NPS",
            Kpi::Fcr => "FCR",
            Kpi::Ausentismo => "Ausentismo",
            Kpi::Rotacion => "Rotación",
            Kpi::CalidadMec => "Calidad MEC",
        }
    }

    /// Whether the KPI's data carries this filter (SPEC §5's table).
    pub fn carries(self, filter: Filter) -> bool {
        use Filter::*;
        match self {
            Kpi::Contactabilidad | Kpi::Fcr => true,
            Kpi::Efectividad => matches!(filter, Agent | Team | Segmento),
            Kpi::Nps | Kpi::Ausentismo | Kpi::CalidadMec => matches!(filter, Agent | Team),
            Kpi::Rotacion => matches!(filter, Team),
        }
    }

    /// "No aplica": a filter was asked that this KPI's data does not carry,
    /// so any number would silently be unfiltered.
    pub fn applies(self, filters: &KpiFilters) -> bool {
        filters
            .asked()
            .into_iter()
            .all(|filter| self.carries(filter))
    }

    /// Ausentismo and rotación are better when lower.
    pub fn higher_is_better(self) -> bool {
        !matches!(self, Kpi::Ausentismo | Kpi::Rotacion)
    }

    /// NPS is in points (−100…100); every other KPI is a ratio 0–1.
    pub fn is_ratio(self) -> bool {
        self != Kpi::Nps
    }

    /// The value as the UI shows it: `72,5 %` or `+35,0` for NPS.
    pub fn format(self, value: f64) -> String {
        if self.is_ratio() {
            format!("{} %", decimal_comma(value * 100.0))
        } else if value > 0.0 {
            format!("+{}", decimal_comma(value))
        } else {
            decimal_comma(value)
        }
    }
}

/// One decimal, Colombian style (`72,5`).
fn decimal_comma(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

impl fmt::Display for Kpi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Kpi {
    type Err = String;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let wanted = raw.trim().to_lowercase();
        Kpi::ALL
            .into_iter()
            .find(|kpi| kpi.code() == wanted)
            .ok_or_else(|| {
                let valid: Vec<&str> = Kpi::ALL.iter().map(|k| k.code()).collect();
                format!(
                    "El indicador «{}» no existe. Valores válidos: {}.",
                    raw.trim(),
                    valid.join(", ")
                )
            })
    }
}

/// The optional filters of a KPI request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
pub struct KpiFilters {
    /// A supervisor's login: the agents whose supervisor it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// An agent's login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tipo_base: Option<BaseKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segmento: Option<Segment>,
}

impl KpiFilters {
    /// The filters this request asks for.
    pub fn asked(&self) -> Vec<Filter> {
        let mut asked = Vec::new();
        if self.team.is_some() {
            asked.push(Filter::Team);
        }
        if self.agent.is_some() {
            asked.push(Filter::Agent);
        }
        if self.tipo_base.is_some() {
            asked.push(Filter::TipoBase);
        }
        if self.segmento.is_some() {
            asked.push(Filter::Segmento);
        }
        asked
    }

    /// Logins trimmed and lowercased, empty ones dropped (as query strings
    /// arrive from forms).
    pub fn cleaned(self) -> KpiFilters {
        let login = |value: Option<String>| {
            value
                .map(|v| v.trim().to_lowercase())
                .filter(|v| !v.is_empty())
        };
        KpiFilters {
            team: login(self.team),
            agent: login(self.agent),
            ..self
        }
    }
}

/// A period of whole Bogotá days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The longest period one request may ask for: ten years of days.
pub const MAX_PERIOD_DAYS: i64 = 3_660;

impl Period {
    /// A period, or why not, in Spanish.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, String> {
        if to < from {
            return Err(format!(
                "El periodo termina ({}) antes de empezar ({}).",
                to.format("%d/%m/%Y"),
                from.format("%d/%m/%Y")
            ));
        }
        if (to - from).num_days() >= MAX_PERIOD_DAYS {
            return Err("El periodo no puede pasar de diez años.".into());
        }
        Ok(Period { from, to })
    }

    /// The instants it covers: from 00:00:00 of `from` (inclusive) to 00:00
    /// of the day after `to` (exclusive), Bogotá time, so 23:59:59.999 of
    /// `to` is in and 00:00 of the next day is not.
    pub fn instants(self) -> (DateTime<Utc>, DateTime<Utc>) {
        (start_of(self.from), start_of(self.to + Duration::days(1)))
    }

    pub fn contains_day(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    pub fn contains(self, at: DateTime<Utc>) -> bool {
        let (start, end) = self.instants();
        start <= at && at < end
    }
}

/// 00:00 of a Bogotá day, as an instant.
pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
    super::local_time::bogota()
        .from_local_datetime(&day.and_time(NaiveTime::MIN))
        .single()
        .expect("a fixed offset has no gaps")
        .with_timezone(&Utc)
}

/// A ratio, or no value when the denominator is zero (never 0, never NaN).
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

/// How an NPS answer counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpsClass {
    Detractor,
    Pasivo,
    Promotor,
}

/// 0–6 detractor, 7–8 passive, 9–10 promoter.
pub fn nps_class(score: u8) -> NpsClass {
    match score {
        0..=6 => NpsClass::Detractor,
        7 | 8 => NpsClass::Pasivo,
        _ => NpsClass::Promotor,
    }
}

/// Whether a survey's agent-satisfaction answer counts as satisfied (4–5).
pub fn satisfied(answer: u8) -> bool {
    answer >= 4
}

/// The default FCR window: seven days of 24 hours.
pub const DEFAULT_FCR_WINDOW_HOURS: u32 = 168;

#[cfg(test)]
mod tests;
