//! The field side of support (procedure steps 3 and 4; SPEC §3, §7): the
//! technical-visit agenda (zones, days, franjas with capacity), the
//! mass-outage registry that Diagnosticador shows, and the back office's
//! escalation queue with its response times.
//!
//! Pure rules only; the server books, links and escalates with them and the
//! browser uses them to explain what it shows.

use super::bases::{code_enum, normalize_code};
use chrono::{DateTime, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

code_enum! {
    /// Half of a working day in which a technician visits.
    Franja, "La franja" {
        Am => ("AM", "AM (7:00–12:00)"),
        Pm => ("PM", "PM (12:00–18:00)"),
    }
}

code_enum! {
    /// The kind of visit order generated in RR.
    VisitKind, "El tipo de visita" {
        Lls => ("LLS", "LLS (RR F23)"),
        Ot => ("OT", "OT (RR F15+F6)"),
    }
}

code_enum! {
    /// A booked visit stands or was cancelled (a reschedule moves it).
    VisitStatus, "El estado de la visita" {
        Agendada => ("AGENDADA", "Agendada"),
        Cancelada => ("CANCELADA", "Cancelada"),
    }
}

code_enum! {
    /// Priority of a mass-outage notice, as Diagnosticador gives it.
    IncidentPriority, "La prioridad del aviso" {
        Alta => ("ALTA", "Alta"),
        Media => ("MEDIA", "Media"),
        Baja => ("BAJA", "Baja"),
    }
}

code_enum! {
    /// A notice lasts until the back office closes it.
    IncidentStatus, "El estado del aviso" {
        Activo => ("ACTIVO", "Activo"),
        Cerrado => ("CERRADO", "Cerrado"),
    }
}

code_enum! {
    /// What the back office is asked to solve (procedure step 3, resolución
    /// de soporte, and step 4, a visit without a slot).
    EscalationKind, "El tipo de escalamiento" {
        SinCupo => ("SIN_CUPO", "Visita sin cupo"),
        Dime => ("DIME", "Error de inventario (DIME)"),
        FallaSector => ("FALLA_SECTOR", "Falla de sector o plataforma"),
        ErrorPlataforma => ("ERROR_PLATAFORMA", "Error de plataforma puntual"),
        TecnicoConfianza => ("TECNICO_CONFIANZA", "Técnico de confianza"),
    }
}

code_enum! {
    /// Where an escalation stands in the back office.
    EscalationStatus, "El estado del escalamiento" {
        Pendiente => ("PENDIENTE", "Pendiente"),
        EnGestion => ("EN_GESTION", "En gestión"),
        Resuelta => ("RESUELTA", "Resuelta"),
    }
}

/// The answer of the guide's slot picker when a visit was booked.
pub const SLOT_BOOKED: &str = "AGENDADA";
/// The answer when the agenda had no slot: the request is escalated.
pub const SLOT_NONE: &str = "SIN_CUPO";
/// The answer when a mass outage in the zone blocks booking.
pub const SLOT_BLOCKED: &str = "BLOQUEADA";

/// How far ahead the guide offers visit slots.
pub const BOOKING_DAYS: i64 = 14;
/// The most visits one slot may take.
pub const MAX_CAPACITY: i32 = 500;

impl Franja {
    /// The Bogotá hour the franja ends (its slot can no longer be promised).
    pub fn ends_at_hour(self) -> u32 {
        match self {
            Franja::Am => 12,
            Franja::Pm => 18,
        }
    }
}

/// Whether a slot's franja is already over at `now` (Bogotá time).
pub fn slot_passed(date: NaiveDate, franja: Franja, now: DateTime<Utc>) -> bool {
    let local = now.with_timezone(&super::local_time::bogota());
    let today = local.date_naive();
    date < today || (date == today && local.hour() >= franja.ends_at_hour())
}

/// The response time of each escalation kind when nobody configured it.
pub fn default_sla_hours(kind: EscalationKind) -> i32 {
    match kind {
        EscalationKind::SinCupo => 24,
        EscalationKind::Dime => 48,
        EscalationKind::FallaSector => 8,
        EscalationKind::ErrorPlataforma => 24,
        EscalationKind::TecnicoConfianza => 72,
    }
}

/// The escalation a support resolution opens (procedure step 3), if any.
pub fn escalation_for_resolution(resolution: &str) -> Option<EscalationKind> {
    match resolution {
        "DIAGNOSTICADOR_PUNTUAL" => Some(EscalationKind::ErrorPlataforma),
        "DIAGNOSTICADOR_SECTOR" => Some(EscalationKind::FallaSector),
        "DIME" => Some(EscalationKind::Dime),
        "TECNICO_CONFIANZA" => Some(EscalationKind::TecnicoConfianza),
        _ => None,
    }
}

/// A zone or node name compared without case, accents or repeated spaces:
/// "Bogotá  norte" and "BOGOTA NORTE" are one zone.
pub fn place_key(name: &str) -> String {
    normalize_code(&name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Where a customer is, for the agenda and the outage registry: the base's
/// `zona` column when it came, else the city; the `nodo` column when it came.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CustomerPlace {
    pub zone: Option<String>,
    pub node: Option<String>,
}

impl CustomerPlace {
    pub fn of(ciudad: Option<&str>, extra: &BTreeMap<String, String>) -> CustomerPlace {
        let column = |name: &str| {
            extra
                .iter()
                .find(|(key, _)| place_key(key) == place_key(name))
                .map(|(_, value)| value.trim().to_string())
                .filter(|value| !value.is_empty())
        };
        CustomerPlace {
            zone: column("zona").or_else(|| {
                ciudad
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty())
            }),
            node: column("nodo"),
        }
    }
}

/// Checks an incident number: `INC` and 6 to 12 digits, spaces dropped and
/// letters upper-cased (as agents copy it from Diagnosticador).
pub fn normalize_incident_number(raw: &str) -> Result<String, String> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let digits = compact.strip_prefix("INC").unwrap_or("");
    if compact.starts_with("INC")
        && (6..=12).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
    {
        Ok(compact)
    } else {
        Err(
            "El número del aviso es INC seguido de 6 a 12 dígitos, por ejemplo INC000123456."
                .into(),
        )
    }
}

/// The parts of a notice that decide whom it affects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutageArea {
    pub zones: Vec<String>,
    pub nodes: Vec<String>,
    pub starts_at: DateTime<Utc>,
    pub status: IncidentStatus,
}

impl OutageArea {
    /// Whether the notice lasts at `now`: active and already started (its
    /// expected end is a promise, not the end: the back office closes it).
    pub fn lasts(&self, now: DateTime<Utc>) -> bool {
        self.status == IncidentStatus::Activo && self.starts_at <= now
    }

    /// Whether the customer is in the notice's zones or nodes.
    pub fn covers(&self, place: &CustomerPlace) -> bool {
        let within = |names: &[String], wanted: &Option<String>| {
            wanted.as_deref().is_some_and(|wanted| {
                let wanted = place_key(wanted);
                names.iter().any(|name| place_key(name) == wanted)
            })
        };
        within(&self.zones, &place.zone) || within(&self.nodes, &place.node)
    }

    pub fn affects(&self, place: &CustomerPlace, now: DateTime<Utc>) -> bool {
        self.lasts(now) && self.covers(place)
    }
}

/// Splits a list typed as "Bogotá | Chía, Cajicá" into its names, without
/// repeats (first spelling kept).
pub fn parse_place_list(raw: &str) -> Vec<String> {
    let mut seen = Vec::<String>::new();
    let mut names = Vec::new();
    for name in raw.split(['|', ',', ';', '\n']) {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || seen.contains(&place_key(&name)) {
            continue;
        }
        seen.push(place_key(&name));
        names.push(name);
    }
    names
}

/// How an escalation stands against its due time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaClock {
    /// Minutes left (negative once overdue).
    pub minutes_left: i64,
    pub overdue: bool,
    /// "Vence en 3 h 20 min", "Vencido hace 45 min".
    pub text: String,
}

impl SlaClock {
    pub fn of(due: DateTime<Utc>, now: DateTime<Utc>) -> SlaClock {
        let seconds = (due - now).num_seconds();
        // Whole minutes towards the due time: 59 s left still reads 1 min.
        let minutes_left = if seconds >= 0 {
            (seconds + 59) / 60
        } else {
            -((-seconds) / 60)
        };
        let overdue = seconds < 0;
        let span = duration_text(minutes_left.unsigned_abs());
        let text = if overdue {
            format!("Vencido hace {span}")
        } else {
            format!("Vence en {span}")
        };
        SlaClock {
            minutes_left,
            overdue,
            text,
        }
    }
}

fn duration_text(minutes: u64) -> String {
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

/// Checks one slot as an admin or a CSV line gives it; every problem in
/// Spanish. `today` refuses slots in the past.
pub fn slot_problems(
    zone: &str,
    date: NaiveDate,
    capacity: i32,
    today: NaiveDate,
) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    let zone = zone.trim();
    if zone.is_empty() {
        problems.push(("zone", "Indique la zona.".to_string()));
    } else if zone.chars().count() > 80 {
        problems.push(("zone", "La zona admite hasta 80 caracteres.".to_string()));
    }
    if date < today {
        problems.push((
            "date",
            format!(
                "La fecha {} ya pasó: la agenda es de hoy en adelante.",
                date.format("%d/%m/%Y")
            ),
        ));
    }
    if !(0..=MAX_CAPACITY).contains(&capacity) {
        problems.push((
            "capacity",
            format!("La capacidad va de 0 a {MAX_CAPACITY} visitas."),
        ));
    }
    problems
}

#[cfg(test)]
mod tests;

/// The visit a call booked, as the guide's slot picker stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookedSlot {
    pub visit: i64,
    pub slot: i64,
    pub zone: String,
    pub date: NaiveDate,
    pub franja: Franja,
}

/// What the slot picker answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotAnswer {
    Booked(BookedSlot),
    /// No slot in the agenda: escalated to the back office.
    NoSlot,
    /// A mass outage in the zone blocks booking.
    Blocked,
}

impl SlotAnswer {
    pub fn parse(value: &str) -> Result<SlotAnswer, String> {
        match value.trim() {
            SLOT_NONE => Ok(SlotAnswer::NoSlot),
            SLOT_BLOCKED => Ok(SlotAnswer::Blocked),
            json if json.starts_with('{') => serde_json::from_str(json)
                .map(SlotAnswer::Booked)
                .map_err(|_| "la visita agendada no se pudo leer; elija el cupo de nuevo".into()),
            _ => Err("elija un cupo de la agenda o indique que no hay cupo".into()),
        }
    }

    /// The value conditions compare: `AGENDADA`, `SIN_CUPO` or `BLOQUEADA`.
    pub fn state(&self) -> &'static str {
        match self {
            SlotAnswer::Booked(_) => SLOT_BOOKED,
            SlotAnswer::NoSlot => SLOT_NONE,
            SlotAnswer::Blocked => SLOT_BLOCKED,
        }
    }

    /// The value the field stores.
    pub fn value(&self) -> String {
        match self {
            SlotAnswer::Booked(slot) => serde_json::to_string(slot).unwrap_or_default(),
            other => other.state().to_string(),
        }
    }
}
