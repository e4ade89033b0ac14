//! The row checks of the seven external indicator sources (SPEC §5): the
//! agent roster, the dialer's contacts, interactions, retention closures,
//! surveys, quality monitoring and attendance.
//!
//! A file is all or nothing: the indicators are computed over whole periods,
//! so a file with a bad line is sent back with every problem in it rather
//! than stored in part.

use super::RowError;
use super::table::{Row, Table, normalize_header};
use super::values::{parse_bool, parse_date, parse_int, parse_local_date_time, parse_score};
use app::domain::bases::{BaseKind, Segment, normalize_code};
use app::domain::offers::{RetentionResult, Service};
use app::domain::role::Role;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::Hash;
use std::str::FromStr;

/// The seven external sources of SPEC §5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    Agentes,
    Gestion,
    Interacciones,
    Retencion,
    Encuestas,
    Monitoreo,
    Asistencia,
}

impl SourceKind {
    pub const ALL: [SourceKind; 7] = [
        SourceKind::Agentes,
        SourceKind::Gestion,
        SourceKind::Interacciones,
        SourceKind::Retencion,
        SourceKind::Encuestas,
        SourceKind::Monitoreo,
        SourceKind::Asistencia,
    ];

    /// The code used in the API and in the import screens.
    pub fn code(self) -> &'static str {
        match self {
            SourceKind::Agentes => "agentes",
            SourceKind::Gestion => "gestion",
            SourceKind::Interacciones => "interacciones",
            SourceKind::Retencion => "retencion",
            SourceKind::Encuestas => "encuestas",
            SourceKind::Monitoreo => "monitoreo",
            SourceKind::Asistencia => "asistencia",
        }
    }

    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Agentes => "Nómina de agentes",
            SourceKind::Gestion => "Gestión del marcador",
            SourceKind::Interacciones => "Interacciones",
            SourceKind::Retencion => "Retención",
            SourceKind::Encuestas => "Encuestas",
            SourceKind::Monitoreo => "Monitoreo de calidad",
            SourceKind::Asistencia => "Asistencia",
        }
    }

    /// The canonical (normalized) headers, in the order of the templates.
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            SourceKind::Agentes => &[
                "login",
                "nombre",
                "rol",
                "supervisor",
                "fecha_ingreso",
                "fecha_retiro",
            ],
            SourceKind::Gestion => &[
                "fecha_hora",
                "cuenta",
                "tipo_base",
                "segmento",
                "asesor",
                "resultado",
            ],
            SourceKind::Interacciones => &[
                "id",
                "fecha_hora",
                "cuenta",
                "asesor",
                "tipo_base",
                "segmento",
                "tipificacion",
                "spc",
                "cun",
            ],
            SourceKind::Retencion => &[
                "id",
                "fecha_cierre",
                "cuenta",
                "asesor",
                "segmento",
                "servicio",
                "resultado",
                "oferta",
            ],
            SourceKind::Encuestas => &[
                "id",
                "fecha",
                "cuenta",
                "asesor",
                "nps",
                "satisfaccion_asesor",
                "id_interaccion",
            ],
            SourceKind::Monitoreo => &[
                "id",
                "fecha",
                "asesor",
                "nota",
                "evaluador",
                "id_interaccion",
            ],
            SourceKind::Asistencia => &["fecha", "asesor", "programado", "ausente", "motivo"],
        }
    }

    /// Headers a file may leave out entirely. The survey scores are each
    /// optional because some survey tools ask only one of the two questions;
    /// [`missing_columns`] still requires one of them.
    fn optional_headers(self) -> &'static [&'static str] {
        match self {
            SourceKind::Agentes => &["supervisor", "fecha_retiro"],
            SourceKind::Gestion => &[],
            SourceKind::Interacciones => &["cun"],
            SourceKind::Retencion => &["oferta"],
            SourceKind::Encuestas => &["nps", "satisfaccion_asesor", "id_interaccion"],
            SourceKind::Monitoreo => &["evaluador", "id_interaccion"],
            SourceKind::Asistencia => &["motivo"],
        }
    }
}

impl std::fmt::Display for SourceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for SourceKind {
    type Err = String;

    /// Accepts the code in any case and with accents (`Gestión`).
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let wanted = normalize_header(raw);
        SourceKind::ALL
            .into_iter()
            .find(|kind| kind.code() == wanted)
            .ok_or_else(|| {
                let valid: Vec<&str> = SourceKind::ALL.iter().map(|k| k.code()).collect();
                format!(
                    "La fuente «{}» no existe. Fuentes válidas: {}.",
                    raw.trim(),
                    valid.join(", ")
                )
            })
    }
}

/// One agent of the roster (`agentes`).
#[derive(Debug, Clone, PartialEq)]
pub struct RosterRow {
    pub line: u32,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub supervisor: Option<String>,
    pub hired_on: NaiveDate,
    pub retired_on: Option<NaiveDate>,
}

/// One dialer contact attempt (`gestion`).
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    pub line: u32,
    pub at: DateTime<Utc>,
    pub cuenta: String,
    pub tipo_base: BaseKind,
    pub segmento: Segment,
    pub agent: String,
    /// The dialer's own result, as a code (`NO_CONTESTA`): each dialer has
    /// its own list, so it is kept rather than mapped.
    pub result: String,
}

/// One typified interaction (`interacciones`).
#[derive(Debug, Clone, PartialEq)]
pub struct InteractionRow {
    pub line: u32,
    pub id: String,
    pub at: DateTime<Utc>,
    pub cuenta: String,
    pub agent: String,
    pub tipo_base: BaseKind,
    pub segmento: Segment,
    pub typification: String,
    pub spc: bool,
    pub cun: Option<String>,
}

/// One closed cancellation request, per service (`retencion`).
#[derive(Debug, Clone, PartialEq)]
pub struct RetentionRow {
    pub line: u32,
    pub id: String,
    pub closed_at: DateTime<Utc>,
    pub cuenta: String,
    pub agent: String,
    pub segmento: Segment,
    /// The [`Service`] code.
    pub service: String,
    pub result: RetentionResult,
    pub offer: Option<String>,
}

/// One answered survey (`encuestas`).
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyRow {
    pub line: u32,
    pub id: String,
    pub day: NaiveDate,
    pub cuenta: String,
    pub agent: String,
    pub nps: Option<u8>,
    pub satisfaction: Option<u8>,
    pub interaction_ref: Option<String>,
}

/// One quality evaluation (`monitoreo`).
#[derive(Debug, Clone, PartialEq)]
pub struct MonitoringRow {
    pub line: u32,
    pub id: String,
    pub day: NaiveDate,
    pub agent: String,
    pub score: f64,
    /// The evaluator's login; empty when the tool does not say.
    pub evaluator: String,
    pub interaction_ref: Option<String>,
}

/// One agent's day (`asistencia`).
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceRow {
    pub line: u32,
    pub day: NaiveDate,
    pub agent: String,
    pub scheduled: bool,
    pub absent: bool,
    pub reason: Option<String>,
}

/// Every row of one file, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceRows {
    Agentes(Vec<RosterRow>),
    Gestion(Vec<ContactRow>),
    Interacciones(Vec<InteractionRow>),
    Retencion(Vec<RetentionRow>),
    Encuestas(Vec<SurveyRow>),
    Monitoreo(Vec<MonitoringRow>),
    Asistencia(Vec<AttendanceRow>),
}

impl SourceRows {
    pub fn len(&self) -> usize {
        match self {
            SourceRows::Agentes(rows) => rows.len(),
            SourceRows::Gestion(rows) => rows.len(),
            SourceRows::Interacciones(rows) => rows.len(),
            SourceRows::Retencion(rows) => rows.len(),
            SourceRows::Encuestas(rows) => rows.len(),
            SourceRows::Monitoreo(rows) => rows.len(),
            SourceRows::Asistencia(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The rows of a decoded file, or every problem in it (all of them, not the first).
pub fn check(kind: SourceKind, table: &Table) -> Result<SourceRows, Vec<RowError>> {
    let missing = missing_columns(kind, table);
    if !missing.is_empty() {
        // Without its columns every line would repeat the same complaint.
        return Err(missing);
    }
    let mut errors = Vec::new();
    let rows = match kind {
        SourceKind::Agentes => SourceRows::Agentes(roster(table, &mut errors)),
        SourceKind::Gestion => SourceRows::Gestion(contacts(table, &mut errors)),
        SourceKind::Interacciones => SourceRows::Interacciones(interactions(table, &mut errors)),
        SourceKind::Retencion => SourceRows::Retencion(retention(table, &mut errors)),
        SourceKind::Encuestas => SourceRows::Encuestas(surveys(table, &mut errors)),
        SourceKind::Monitoreo => SourceRows::Monitoreo(monitoring(table, &mut errors)),
        SourceKind::Asistencia => SourceRows::Asistencia(attendance(table, &mut errors)),
    };
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// One error per required column the header lacks.
fn missing_columns(kind: SourceKind, table: &Table) -> Vec<RowError> {
    let mut errors: Vec<RowError> = kind
        .headers()
        .iter()
        .filter(|name| !kind.optional_headers().contains(name) && table.column(name).is_none())
        .map(|name| {
            RowError::new(
                1,
                Some(name),
                format!("Falta la columna obligatoria «{name}»."),
            )
        })
        .collect();
    if kind == SourceKind::Encuestas
        && table.column("nps").is_none()
        && table.column("satisfaccion_asesor").is_none()
    {
        errors.push(RowError::new(
            1,
            None,
            "Falta la columna «nps» o «satisfaccion_asesor»: el archivo debe traer al menos una.",
        ));
    }
    errors
}

/// The cells of one line, and what is wrong with them.
struct Cells<'a> {
    table: &'a Table,
    row: &'a Row,
    problems: Vec<RowError>,
}

impl<'a> Cells<'a> {
    fn line(&self) -> u32 {
        self.row.line
    }

    /// The trimmed cell; empty when the (optional) column is absent.
    fn raw(&self, column: &str) -> &'a str {
        self.table
            .column(column)
            .and_then(|i| self.row.fields.get(i))
            .map_or("", |v| v.trim())
    }

    fn problem(&mut self, column: &str, message: impl Into<String>) {
        self.problems
            .push(RowError::new(self.row.line, Some(column), message));
    }

    /// A cell that must hold a value, read with `parse`.
    fn required<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let raw = self.raw(column);
        if raw.is_empty() {
            self.problem(column, format!("Falta el valor de la columna «{column}»."));
            return None;
        }
        parse(raw)
            .map_err(|message| self.problem(column, message))
            .ok()
    }

    /// A cell that may be empty (`Some(None)`); `None` when it is wrong.
    fn optional<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        let raw = self.raw(column);
        if raw.is_empty() {
            return Some(None);
        }
        parse(raw)
            .map(Some)
            .map_err(|message| self.problem(column, message))
            .ok()
    }

    fn text(&mut self, column: &str) -> Option<String> {
        self.required(column, |v| Ok(v.to_string()))
    }

    /// Logins are compared lowercased: the dialer, the survey tool and the
    /// roster do not agree on case.
    fn login(&mut self, column: &str) -> Option<String> {
        self.required(column, |v| Ok(v.to_lowercase()))
    }

    fn optional_text(&self, column: &str) -> Option<String> {
        Some(self.raw(column))
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        self.required(column, parse_date)
    }

    fn date_time(&mut self, column: &str) -> Option<DateTime<Utc>> {
        self.required(column, parse_local_date_time)
    }

    fn code<T: FromStr<Err = String>>(&mut self, column: &str) -> Option<T> {
        self.required(column, T::from_str)
    }

    fn flag(&mut self, column: &str) -> Option<bool> {
        self.required(column, parse_bool)
    }

    /// Reports a repeated `id` against the line that first had it.
    fn unique_id(&mut self, id: &Option<String>, seen: &mut Seen<String>) {
        if let Some(id) = id
            && let Some(first) = seen.first(id.clone(), self.line())
        {
            self.problem(
                "id",
                format!("El id «{id}» está repetido en el archivo (línea {first})."),
            );
        }
    }
}

/// The first line each key was met on. Keys of bad rows count too, so a
/// repeat is reported even when the first copy had another problem.
struct Seen<K>(HashMap<K, u32>);

impl<K: Hash + Eq> Seen<K> {
    fn new() -> Self {
        Seen(HashMap::new())
    }

    /// The earlier line with this key, or `None` (and the key remembered).
    fn first(&mut self, key: K, line: u32) -> Option<u32> {
        match self.0.entry(key) {
            Entry::Occupied(entry) => Some(*entry.get()),
            Entry::Vacant(entry) => {
                entry.insert(line);
                None
            }
        }
    }
}

/// Reads every line with `read`; a line with any problem is left out and
/// its problems added to `errors`.
fn each_row<T>(
    table: &Table,
    errors: &mut Vec<RowError>,
    mut read: impl FnMut(&mut Cells<'_>) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    for row in &table.rows {
        let mut cells = Cells {
            table,
            row,
            problems: Vec::new(),
        };
        let value = read(&mut cells);
        match value {
            Some(value) if cells.problems.is_empty() => out.push(value),
            _ => errors.append(&mut cells.problems),
        }
    }
    out
}

fn roster(table: &Table, errors: &mut Vec<RowError>) -> Vec<RosterRow> {
    let mut logins = Seen::new();
    each_row(table, errors, |c| {
        let login = c.login("login");
        let name = c.text("nombre");
        let role = c.required("rol", |v| Role::from_str(v).map_err(|e| e.to_string()));
        let supervisor = c.optional_text("supervisor").map(|s| s.to_lowercase());
        let hired_on = c.date("fecha_ingreso");
        let retired_on = c.optional("fecha_retiro", parse_date);
        if let (Some(hired), Some(Some(retired))) = (hired_on, retired_on)
            && retired < hired
        {
            c.problem(
                "fecha_retiro",
                format!(
                    "La fecha de retiro ({}) es anterior a la de ingreso ({}).",
                    retired.format("%d/%m/%Y"),
                    hired.format("%d/%m/%Y")
                ),
            );
        }
        if let Some(login) = &login
            && let Some(first) = logins.first(login.clone(), c.line())
        {
            c.problem(
                "login",
                format!("El login «{login}» está repetido en el archivo (línea {first})."),
            );
        }
        Some(RosterRow {
            line: c.line(),
            login: login?,
            name: name?,
            role: role?,
            supervisor,
            hired_on: hired_on?,
            retired_on: retired_on?,
        })
    })
}

/// A dialer result as a code: `no contesta` → `NO_CONTESTA`.
fn result_code(raw: &str) -> Result<String, String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    Ok(normalize_code(&words.join(" ")))
}

fn contacts(table: &Table, errors: &mut Vec<RowError>) -> Vec<ContactRow> {
    let mut attempts = Seen::new();
    each_row(table, errors, |c| {
        let at = c.date_time("fecha_hora");
        let cuenta = c.text("cuenta");
        let tipo_base = c.code::<BaseKind>("tipo_base");
        let segmento = c.code::<Segment>("segmento");
        let agent = c.login("asesor");
        let result = c.required("resultado", result_code);
        if let (Some(at), Some(cuenta), Some(agent)) = (at, &cuenta, &agent)
            && let Some(first) = attempts.first((at, cuenta.clone(), agent.clone()), c.line())
        {
            let written = c.raw("fecha_hora");
            c.problem(
                "fecha_hora",
                format!(
                    "La gestión del asesor «{agent}» a la cuenta «{cuenta}» del «{written}» está repetida en el archivo (línea {first})."
                ),
            );
        }
        Some(ContactRow {
            line: c.line(),
            at: at?,
            cuenta: cuenta?,
            tipo_base: tipo_base?,
            segmento: segmento?,
            agent: agent?,
            result: result?,
        })
    })
}

fn interactions(table: &Table, errors: &mut Vec<RowError>) -> Vec<InteractionRow> {
    let mut ids = Seen::new();
    each_row(table, errors, |c| {
        let id = c.text("id");
        c.unique_id(&id, &mut ids);
        let at = c.date_time("fecha_hora");
        let cuenta = c.text("cuenta");
        let agent = c.login("asesor");
        let tipo_base = c.code::<BaseKind>("tipo_base");
        let segmento = c.code::<Segment>("segmento");
        let typification = c.required("tipificacion", |v| Ok(v.to_uppercase()));
        let spc = c.flag("spc");
        Some(InteractionRow {
            line: c.line(),
            id: id?,
            at: at?,
            cuenta: cuenta?,
            agent: agent?,
            tipo_base: tipo_base?,
            segmento: segmento?,
            typification: typification?,
            spc: spc?,
            cun: c.optional_text("cun"),
        })
    })
}

fn retention(table: &Table, errors: &mut Vec<RowError>) -> Vec<RetentionRow> {
    let mut ids = Seen::new();
    each_row(table, errors, |c| {
        let id = c.text("id");
        c.unique_id(&id, &mut ids);
        let closed_at = c.date_time("fecha_cierre");
        let cuenta = c.text("cuenta");
        let agent = c.login("asesor");
        let segmento = c.code::<Segment>("segmento");
        let service = c.code::<Service>("servicio");
        let result = c.code::<RetentionResult>("resultado");
        Some(RetentionRow {
            line: c.line(),
            id: id?,
            closed_at: closed_at?,
            cuenta: cuenta?,
            agent: agent?,
            segmento: segmento?,
            service: service?.code().to_string(),
            result: result?,
            offer: c.optional_text("oferta"),
        })
    })
}

fn surveys(table: &Table, errors: &mut Vec<RowError>) -> Vec<SurveyRow> {
    let mut ids = Seen::new();
    each_row(table, errors, |c| {
        let id = c.text("id");
        c.unique_id(&id, &mut ids);
        let day = c.date("fecha");
        let cuenta = c.text("cuenta");
        let agent = c.login("asesor");
        let nps = c.optional("nps", |v| parse_int(v, 0, 10, "El NPS").map(|n| n as u8));
        let satisfaction = c.optional("satisfaccion_asesor", |v| {
            parse_int(v, 1, 5, "La satisfacción con el asesor").map(|n| n as u8)
        });
        Some(SurveyRow {
            line: c.line(),
            id: id?,
            day: day?,
            cuenta: cuenta?,
            agent: agent?,
            nps: nps?,
            satisfaction: satisfaction?,
            interaction_ref: c.optional_text("id_interaccion"),
        })
    })
}

fn monitoring(table: &Table, errors: &mut Vec<RowError>) -> Vec<MonitoringRow> {
    let mut ids = Seen::new();
    each_row(table, errors, |c| {
        let id = c.text("id");
        c.unique_id(&id, &mut ids);
        let day = c.date("fecha");
        let agent = c.login("asesor");
        let score = c.required("nota", |v| parse_score(v, 0.0, 100.0, "La nota"));
        Some(MonitoringRow {
            line: c.line(),
            id: id?,
            day: day?,
            agent: agent?,
            score: score?,
            evaluator: c.raw("evaluador").to_lowercase(),
            interaction_ref: c.optional_text("id_interaccion"),
        })
    })
}

fn attendance(table: &Table, errors: &mut Vec<RowError>) -> Vec<AttendanceRow> {
    let mut days = Seen::new();
    each_row(table, errors, |c| {
        let day = c.date("fecha");
        let agent = c.login("asesor");
        let scheduled = c.flag("programado");
        let absent = c.flag("ausente");
        if scheduled == Some(false) && absent == Some(true) {
            c.problem("ausente", "Un agente no programado no puede estar ausente.");
        }
        if let (Some(day), Some(agent)) = (day, &agent)
            && let Some(first) = days.first((day, agent.clone()), c.line())
        {
            c.problem(
                "fecha",
                format!(
                    "La asistencia del asesor «{agent}» del {} está repetida en el archivo (línea {first}).",
                    day.format("%d/%m/%Y")
                ),
            );
        }
        Some(AttendanceRow {
            line: c.line(),
            day: day?,
            agent: agent?,
            scheduled: scheduled?,
            absent: absent?,
            reason: c.optional_text("motivo"),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::super::table::read;
    use super::*;
    use chrono::TimeZone;

    fn table(text: &str) -> Table {
        let (table, errors) = read(text.as_bytes()).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        table
    }

    fn accepted(kind: SourceKind, text: &str) -> SourceRows {
        check(kind, &table(text)).unwrap_or_else(|errors| panic!("{errors:#?}"))
    }

    fn refused(kind: SourceKind, text: &str) -> Vec<RowError> {
        match check(kind, &table(text)) {
            Ok(rows) => panic!("expected errors, read {rows:#?}"),
            Err(errors) => errors,
        }
    }

    /// (line, column) of every error, in order.
    fn places(errors: &[RowError]) -> Vec<(u32, &str)> {
        errors
            .iter()
            .map(|e| (e.line, e.column.as_deref().unwrap_or("")))
            .collect()
    }

    fn message<'e>(errors: &'e [RowError], line: u32, column: &str) -> &'e str {
        errors
            .iter()
            .find(|e| e.line == line && e.column.as_deref() == Some(column))
            .map(|e| e.message.as_str())
            .unwrap_or_else(|| panic!("no error on line {line}, «{column}»: {errors:#?}"))
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }

    #[test]
    fn kinds_have_codes_labels_and_headers() {
        for kind in SourceKind::ALL {
            assert_eq!(kind.code().parse::<SourceKind>(), Ok(kind));
            assert!(!kind.label().is_empty());
            for optional in kind.optional_headers() {
                assert!(kind.headers().contains(optional), "{kind} {optional}");
            }
        }
        assert_eq!("Gestión".parse::<SourceKind>(), Ok(SourceKind::Gestion));
        assert_eq!(
            " RETENCIÓN ".parse::<SourceKind>(),
            Ok(SourceKind::Retencion)
        );
        let err = "ventas".parse::<SourceKind>().unwrap_err();
        assert!(err.starts_with("La fuente «ventas» no existe."), "{err}");
        assert!(err.contains(
            "agentes, gestion, interacciones, retencion, encuestas, monitoreo, asistencia"
        ));
        assert_eq!(SourceKind::Monitoreo.label(), "Monitoreo de calidad");
    }

    #[test]
    fn reads_a_roster() {
        let file = "login,nombre,rol,supervisor,fecha_ingreso,fecha_retiro\n\
                    ASANCHEZ , Ana Sánchez,Asesor,JPerez,15/01/2025,\n\
                    jperez,Juan Pérez,supervisor,,2024-06-01,2026-02-28\n\
                    bo1,Back Uno,Back Office,,01/03/2026,01/03/2026\n";
        let SourceRows::Agentes(rows) = accepted(SourceKind::Agentes, file) else {
            panic!("wrong kind")
        };
        assert_eq!(
            rows[0],
            RosterRow {
                line: 2,
                login: "asanchez".into(),
                name: "Ana Sánchez".into(),
                role: Role::Asesor,
                supervisor: Some("jperez".into()),
                hired_on: day(2025, 1, 15),
                retired_on: None,
            }
        );
        assert_eq!(rows[1].supervisor, None);
        assert_eq!(rows[1].retired_on, Some(day(2026, 2, 28)));
        assert_eq!(rows[2].role, Role::Backoffice);
        assert_eq!(rows[2].line, 4);
    }

    #[test]
    fn a_roster_may_leave_out_supervisor_and_retirement() {
        let rows = accepted(
            SourceKind::Agentes,
            "fecha_ingreso;rol;nombre;login\n2025-01-15;asesor;Ana;ana\n",
        );
        assert_eq!(rows.len(), 1);
        let SourceRows::Agentes(rows) = rows else {
            panic!("wrong kind")
        };
        assert_eq!(
            (rows[0].supervisor.clone(), rows[0].retired_on),
            (None, None)
        );
    }

    #[test]
    fn roster_errors_name_line_and_column() {
        let file = "login,nombre,rol,supervisor,fecha_ingreso,fecha_retiro\n\
                    ana,Ana,asesor,,2025-01-15,\n\
                    ,,jefe,,15-01-2025,31/02/2026\n\
                    luis,Luis,asesor,ana,2025-03-01,2025-02-28\n\
                    ANA,Ana Dos,asesor,,2025-01-15,\n";
        let errors = refused(SourceKind::Agentes, file);
        assert_eq!(
            places(&errors),
            [
                (3, "login"),
                (3, "nombre"),
                (3, "rol"),
                (3, "fecha_ingreso"),
                (3, "fecha_retiro"),
                (4, "fecha_retiro"),
                (5, "login"),
            ]
        );
        assert_eq!(
            message(&errors, 3, "login"),
            "Falta el valor de la columna «login»."
        );
        assert!(message(&errors, 3, "rol").starts_with("El rol «jefe» no existe"));
        assert!(
            message(&errors, 3, "fecha_ingreso").contains("«15-01-2025» no es una fecha válida")
        );
        assert_eq!(
            message(&errors, 4, "fecha_retiro"),
            "La fecha de retiro (28/02/2025) es anterior a la de ingreso (01/03/2025)."
        );
        assert_eq!(
            message(&errors, 5, "login"),
            "El login «ana» está repetido en el archivo (línea 2)."
        );
    }

    #[test]
    fn reads_dialer_contacts() {
        let file = "fecha_hora;cuenta;tipo_base;segmento;asesor;resultado\n\
                    09/03/2026 08:15;1001;Fidelización;hogar;ASANCHEZ;Contactado\n\
                    2026-03-09 23:59:59; 1002 ;ABANDONOS;Móvil;asanchez;no  contesta\n\
                    2026-03-09T10:00;1003;detractores;MOVIL;luis;Buzón-de voz\n";
        let SourceRows::Gestion(rows) = accepted(SourceKind::Gestion, file) else {
            panic!("wrong kind")
        };
        assert_eq!(
            rows[0],
            ContactRow {
                line: 2,
                at: utc(2026, 3, 9, 13, 15, 0),
                cuenta: "1001".into(),
                tipo_base: BaseKind::Fidelizacion,
                segmento: Segment::Hogar,
                agent: "asanchez".into(),
                result: "CONTACTADO".into(),
            }
        );
        assert_eq!(rows[1].at, utc(2026, 3, 10, 4, 59, 59));
        assert_eq!(rows[1].cuenta, "1002");
        assert_eq!(rows[1].segmento, Segment::Movil);
        assert_eq!(rows[1].result, "NO_CONTESTA");
        assert_eq!(rows[2].tipo_base, BaseKind::Detractores);
        assert_eq!(rows[2].result, "BUZON_DE_VOZ");
    }

    #[test]
    fn contact_errors_and_repeats() {
        let file = "fecha_hora,cuenta,tipo_base,segmento,asesor,resultado\n\
                    2026-03-09 08:15,1001,FIDELIZACION,HOGAR,ana,CONTACTADO\n\
                    2026-03-09,,VIP,EMPRESAS,,\n\
                    09/03/2026 08:15,1001,ABANDONOS,MOVIL,ANA,NO_CONTESTA\n\
                    2026-03-09 24:00,1002,ABANDONOS,MOVIL,ana,NO_CONTESTA\n";
        let errors = refused(SourceKind::Gestion, file);
        assert_eq!(
            places(&errors),
            [
                (3, "fecha_hora"),
                (3, "cuenta"),
                (3, "tipo_base"),
                (3, "segmento"),
                (3, "asesor"),
                (3, "resultado"),
                (4, "fecha_hora"),
                (5, "fecha_hora"),
            ]
        );
        assert!(message(&errors, 3, "fecha_hora").contains("no es una fecha y hora válida"));
        assert!(message(&errors, 3, "tipo_base").starts_with("El tipo de base «VIP» no existe"));
        assert!(message(&errors, 3, "segmento").starts_with("El segmento «EMPRESAS» no existe"));
        assert_eq!(
            message(&errors, 4, "fecha_hora"),
            "La gestión del asesor «ana» a la cuenta «1001» del «09/03/2026 08:15» está repetida en el archivo (línea 2)."
        );
        assert!(message(&errors, 5, "fecha_hora").starts_with("«2026-03-09 24:00»"));
    }

    #[test]
    fn reads_interactions_with_free_header_order_and_extra_columns() {
        let file = "Tipificación;ID;Fecha Hora;Cuenta;Asesor;Tipo Base;Segmento;SPC;CUN;Observaciones\n\
                    pqr_radicada;INT-1;09/03/2026 14:30:00;1001;Ana;cancelaciones;hogar;Sí;CUN123;llamó molesto\n\
                    retenido;INT-2;2026-03-09T15:00;1002;luis;abandonos;movil;no;;\n";
        let SourceRows::Interacciones(rows) = accepted(SourceKind::Interacciones, file) else {
            panic!("wrong kind")
        };
        assert_eq!(
            rows[0],
            InteractionRow {
                line: 2,
                id: "INT-1".into(),
                at: utc(2026, 3, 9, 19, 30, 0),
                cuenta: "1001".into(),
                agent: "ana".into(),
                tipo_base: BaseKind::Cancelaciones,
                segmento: Segment::Hogar,
                typification: "PQR_RADICADA".into(),
                spc: true,
                cun: Some("CUN123".into()),
            }
        );
        assert_eq!(rows[1].typification, "RETENIDO");
        assert!(!rows[1].spc);
        assert_eq!(rows[1].cun, None);
    }

    #[test]
    fn interaction_errors_and_repeated_ids() {
        let file = "id,fecha_hora,cuenta,asesor,tipo_base,segmento,tipificacion,spc\n\
                    I1,2026-03-09 10:00,1,ana,ABANDONOS,HOGAR,X,SI\n\
                    ,2026-03-09 12:60,1,ana,ABANDONOS,HOGAR,,talvez\n\
                    I1,2026-03-09 11:00,2,ana,ABANDONOS,HOGAR,Y,\n";
        let errors = refused(SourceKind::Interacciones, file);
        assert_eq!(
            places(&errors),
            [
                (3, "id"),
                (3, "fecha_hora"),
                (3, "tipificacion"),
                (3, "spc"),
                (4, "id"),
                (4, "spc"),
            ]
        );
        assert_eq!(message(&errors, 3, "spc"), "«talvez» no es SI o NO.");
        assert_eq!(
            message(&errors, 4, "id"),
            "El id «I1» está repetido en el archivo (línea 2)."
        );
    }

    #[test]
    fn reads_retention_closures() {
        let file = "id;fecha_cierre;cuenta;asesor;segmento;servicio;resultado;oferta\n\
                    R1;09/03/2026 17:45;1001;ana;hogar;internet;retenido;UPG_VEL\n\
                    R2;2026-03-09 18:00:30;1001;ana;hogar;Telefonía;Cancelación radicada;\n";
        let SourceRows::Retencion(rows) = accepted(SourceKind::Retencion, file) else {
            panic!("wrong kind")
        };
        assert_eq!(
            rows[0],
            RetentionRow {
                line: 2,
                id: "R1".into(),
                closed_at: utc(2026, 3, 9, 22, 45, 0),
                cuenta: "1001".into(),
                agent: "ana".into(),
                segmento: Segment::Hogar,
                service: "INTERNET".into(),
                result: RetentionResult::Retenido,
                offer: Some("UPG_VEL".into()),
            }
        );
        assert_eq!(rows[1].service, "TELEFONIA");
        assert_eq!(rows[1].result, RetentionResult::CancelacionRadicada);
        assert_eq!(rows[1].offer, None);
    }

    #[test]
    fn retention_errors_and_repeated_ids() {
        let file = "id,fecha_cierre,cuenta,asesor,segmento,servicio,resultado\n\
                    R1,2026-03-09 10:00,1,ana,HOGAR,TV,RETENIDO\n\
                    R1,09/03/2026,1,ana,HOGAR,FAX,PERDIDO\n";
        let errors = refused(SourceKind::Retencion, file);
        assert_eq!(
            places(&errors),
            [
                (3, "id"),
                (3, "fecha_cierre"),
                (3, "servicio"),
                (3, "resultado")
            ]
        );
        assert!(message(&errors, 3, "servicio").starts_with("El servicio «FAX» no existe"));
        assert!(
            message(&errors, 3, "resultado")
                .starts_with("El resultado de retención «PERDIDO» no existe")
        );
    }

    #[test]
    fn reads_surveys_with_one_or_both_scores() {
        let file = "id,fecha,cuenta,asesor,nps,satisfaccion_asesor,id_interaccion\n\
                    E1,09/03/2026,1001,Ana,10,5,INT-1\n\
                    E2,2026-03-10,1002,luis,,3,\n\
                    E3,2026-03-10,1003,luis,0,,\n";
        let SourceRows::Encuestas(rows) = accepted(SourceKind::Encuestas, file) else {
            panic!("wrong kind")
        };
        assert_eq!(
            rows[0],
            SurveyRow {
                line: 2,
                id: "E1".into(),
                day: day(2026, 3, 9),
                cuenta: "1001".into(),
                agent: "ana".into(),
                nps: Some(10),
                satisfaction: Some(5),
                interaction_ref: Some("INT-1".into()),
            }
        );
        assert_eq!((rows[1].nps, rows[1].satisfaction), (None, Some(3)));
        assert_eq!((rows[2].nps, rows[2].satisfaction), (Some(0), None));
        assert_eq!(rows[2].interaction_ref, None);

        let SourceRows::Encuestas(only_nps) = accepted(
            SourceKind::Encuestas,
            "id;fecha;cuenta;asesor;nps\nE1;2026-03-09;1;ana;7\n",
        ) else {
            panic!("wrong kind")
        };
        assert_eq!((only_nps[0].nps, only_nps[0].satisfaction), (Some(7), None));
    }

    #[test]
    fn survey_errors() {
        let file = "id,fecha,cuenta,asesor,nps,satisfaccion_asesor\n\
                    E1,2026-03-09,1,ana,11,0\n\
                    E2,2026-13-01,,ana,diez,6\n\
                    E1,2026-03-09,1,ana,9,4\n";
        let errors = refused(SourceKind::Encuestas, file);
        assert_eq!(
            places(&errors),
            [
                (2, "nps"),
                (2, "satisfaccion_asesor"),
                (3, "fecha"),
                (3, "cuenta"),
                (3, "nps"),
                (3, "satisfaccion_asesor"),
                (4, "id"),
            ]
        );
        assert_eq!(
            message(&errors, 2, "nps"),
            "El NPS debe estar entre 0 y 10; vino «11»."
        );
        assert_eq!(
            message(&errors, 2, "satisfaccion_asesor"),
            "La satisfacción con el asesor debe estar entre 1 y 5; vino «0»."
        );
        assert!(message(&errors, 3, "nps").contains("«diez» no es un número entero"));
    }

    #[test]
    fn reads_monitoring() {
        let file = "id;fecha;asesor;nota;evaluador;id_interaccion\n\
                    M1;09/03/2026;ana;87,5;QA.Rosa;INT-1\n\
                    M2;2026-03-10;luis;100;;\n";
        let SourceRows::Monitoreo(rows) = accepted(SourceKind::Monitoreo, file) else {
            panic!("wrong kind")
        };
        assert_eq!(
            rows[0],
            MonitoringRow {
                line: 2,
                id: "M1".into(),
                day: day(2026, 3, 9),
                agent: "ana".into(),
                score: 87.5,
                evaluator: "qa.rosa".into(),
                interaction_ref: Some("INT-1".into()),
            }
        );
        assert_eq!(rows[1].evaluator, "");
        assert_eq!(rows[1].interaction_ref, None);

        let SourceRows::Monitoreo(rows) = accepted(
            SourceKind::Monitoreo,
            "nota,asesor,fecha,id\n90.25,ana,2026-03-09,M1\n",
        ) else {
            panic!("wrong kind")
        };
        assert_eq!((rows[0].score, rows[0].evaluator.as_str()), (90.25, ""));
    }

    #[test]
    fn monitoring_errors() {
        let file = "id,fecha,asesor,nota\n\
                    M1,2026-03-09,ana,100.5\n\
                    M2,2026-03-09,,\n\
                    M3,2026-03-09,ana,87.555\n\
                    M1,2026-03-09,ana,80\n";
        let errors = refused(SourceKind::Monitoreo, file);
        assert_eq!(
            places(&errors),
            [
                (2, "nota"),
                (3, "asesor"),
                (3, "nota"),
                (4, "nota"),
                (5, "id"),
            ]
        );
        assert_eq!(
            message(&errors, 2, "nota"),
            "La nota debe estar entre 0 y 100; vino «100.5»."
        );
        assert_eq!(
            message(&errors, 3, "asesor"),
            "Falta el valor de la columna «asesor»."
        );
    }

    #[test]
    fn reads_attendance() {
        let file = "fecha;asesor;programado;ausente;motivo\n\
                    09/03/2026;Ana;SI;NO;\n\
                    2026-03-09;luis;si;sí;Incapacidad\n\
                    2026-03-10;ana;NO;NO;Descanso\n";
        let SourceRows::Asistencia(rows) = accepted(SourceKind::Asistencia, file) else {
            panic!("wrong kind")
        };
        assert_eq!(
            rows[0],
            AttendanceRow {
                line: 2,
                day: day(2026, 3, 9),
                agent: "ana".into(),
                scheduled: true,
                absent: false,
                reason: None,
            }
        );
        assert!(rows[1].absent);
        assert_eq!(rows[1].reason.as_deref(), Some("Incapacidad"));
        assert!(!rows[2].scheduled);
    }

    #[test]
    fn attendance_errors_and_repeated_days() {
        let file = "fecha,asesor,programado,ausente\n\
                    2026-03-09,ana,SI,NO\n\
                    2026-03-09,luis,NO,SI\n\
                    09/03/2026,ANA,SI,SI\n\
                    ,pedro,tal vez,\n";
        let errors = refused(SourceKind::Asistencia, file);
        assert_eq!(
            places(&errors),
            [
                (3, "ausente"),
                (4, "fecha"),
                (5, "fecha"),
                (5, "programado"),
                (5, "ausente"),
            ]
        );
        assert_eq!(
            message(&errors, 3, "ausente"),
            "Un agente no programado no puede estar ausente."
        );
        assert_eq!(
            message(&errors, 4, "fecha"),
            "La asistencia del asesor «ana» del 09/03/2026 está repetida en el archivo (línea 2)."
        );
    }

    #[test]
    fn missing_required_columns_stop_the_check() {
        // The rows are bad too, but only the header is reported.
        let errors = refused(
            SourceKind::Gestion,
            "fecha_hora,cuenta,tipo_base,segmento,agente\nayer,,X,Y,ana\n",
        );
        assert_eq!(places(&errors), [(1, "asesor"), (1, "resultado")]);
        assert_eq!(errors[0].message, "Falta la columna obligatoria «asesor».");

        let errors = refused(
            SourceKind::Encuestas,
            "id,fecha,cuenta,asesor\nE1,2026-03-09,1,ana\n",
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 1);
        assert!(errors[0].message.contains("«nps» o «satisfaccion_asesor»"));

        for kind in SourceKind::ALL {
            let errors = refused(kind, "otra\nx\n");
            let required = kind.headers().len() - kind.optional_headers().len();
            let either_score = usize::from(kind == SourceKind::Encuestas);
            assert_eq!(errors.len(), required + either_score, "{kind}");
        }
    }

    #[test]
    fn one_bad_line_sends_back_the_whole_file() {
        let file = "fecha,asesor,programado,ausente\n\
                    2026-03-09,ana,SI,NO\n\
                    2026-03-09,luis,QUIZA,NO\n\
                    2026-03-09,pedro,SI,NO\n";
        assert_eq!(
            places(&refused(SourceKind::Asistencia, file)),
            [(3, "programado")]
        );
    }

    #[test]
    fn a_file_with_only_a_header_has_no_rows() {
        let rows = accepted(SourceKind::Asistencia, "fecha,asesor,programado,ausente\n");
        assert!(rows.is_empty());
    }
}
