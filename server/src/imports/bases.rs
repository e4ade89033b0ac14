//! The rows of a base file (SPEC §2): canonical headers, required columns,
//! each value checked, extra columns kept; every problem reported with its
//! line.

use super::RowError;
use super::table::Table;
use super::values::{normalize_phone, parse_date, parse_int, parse_money, split_list};
use app::domain::bases::Segment;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// The columns Faro knows, in the canonical order.
pub const CANONICAL: [&str; 15] = [
    "cuenta",
    "segmento",
    "nombre",
    "documento",
    "telefonos",
    "ciudad",
    "servicios",
    "plan",
    "antiguedad_meses",
    "valor_mensual",
    "motivo",
    "nota_encuesta",
    "fecha_evento",
    "ofrecimientos",
    "prioridad",
];

/// Columns every file must have.
pub const REQUIRED: [&str; 4] = ["cuenta", "segmento", "nombre", "telefonos"];

/// A checked record, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecord {
    pub line: u32,
    pub cuenta: String,
    pub segmento: Segment,
    pub nombre: String,
    pub documento: Option<String>,
    pub telefonos: Vec<String>,
    pub ciudad: Option<String>,
    pub servicios: Vec<String>,
    pub plan: Option<String>,
    pub antiguedad_meses: Option<i32>,
    pub valor_mensual_centavos: Option<i64>,
    pub motivo: Option<String>,
    pub nota_encuesta: Option<i32>,
    pub fecha_evento: Option<NaiveDate>,
    pub ofrecimientos: Vec<String>,
    pub prioridad: i32,
    /// Columns outside the canonical set, by their header as written.
    pub extra: BTreeMap<String, String>,
}

/// Checks every row. The file is accepted only if `errors` is empty.
pub fn check(table: &Table) -> (Vec<NewRecord>, Vec<RowError>) {
    let mut errors = Vec::new();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|column| table.column(column).is_none())
        .collect();
    if !missing.is_empty() {
        errors.push(RowError::new(
            1,
            None,
            format!(
                "Faltan columnas obligatorias en el encabezado: {}. Columnas reconocidas: {}.",
                missing.join(", "),
                CANONICAL.join(", ")
            ),
        ));
        return (Vec::new(), errors);
    }
    if table.rows.is_empty() {
        errors.push(RowError::new(1, None, "El archivo no tiene registros."));
    }

    let index: HashMap<&str, usize> = CANONICAL
        .iter()
        .filter_map(|name| table.column(name).map(|i| (*name, i)))
        .collect();
    let extra_columns: Vec<(usize, &String)> = table
        .headers
        .iter()
        .enumerate()
        .filter(|(_, h)| !CANONICAL.contains(&h.as_str()))
        .map(|(i, _)| (i, &table.raw_headers[i]))
        .collect();

    let mut records = Vec::with_capacity(table.rows.len());
    let mut seen: HashMap<String, u32> = HashMap::with_capacity(table.rows.len());
    for row in &table.rows {
        let field =
            |name: &str| -> &str { index.get(name).map_or("", |i| row.fields[*i].as_str()) };
        let mut problems = Vec::new();
        let mut note = |column: &str, message: String| {
            problems.push(RowError::new(row.line, Some(column), message));
        };

        let cuenta = field("cuenta").to_string();
        if cuenta.is_empty() {
            note("cuenta", "Falta la cuenta.".into());
        } else if cuenta.chars().count() > 40
            || !cuenta
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            note(
                "cuenta",
                format!("La cuenta «{cuenta}» no es válida (letras, números o guion; hasta 40)."),
            );
        } else if let Some(first) = seen.get(&cuenta) {
            note(
                "cuenta",
                format!("La cuenta {cuenta} ya aparece en la línea {first}."),
            );
        } else {
            seen.insert(cuenta.clone(), row.line);
        }

        let segmento = match field("segmento").parse::<Segment>() {
            Ok(segment) => Some(segment),
            Err(message) => {
                note(
                    "segmento",
                    if field("segmento").is_empty() {
                        "Falta el segmento (HOGAR o MOVIL).".into()
                    } else {
                        message
                    },
                );
                None
            }
        };

        let nombre = field("nombre").to_string();
        if nombre.is_empty() {
            note("nombre", "Falta el nombre del cliente.".into());
        } else if nombre.chars().count() > 200 {
            note("nombre", "El nombre supera 200 caracteres.".into());
        }

        let mut telefonos = Vec::new();
        for phone in split_list(field("telefonos")) {
            match normalize_phone(&phone) {
                Ok(phone) if !telefonos.contains(&phone) => telefonos.push(phone),
                Ok(_) => {}
                Err(message) => note("telefonos", message),
            }
        }
        if split_list(field("telefonos")).is_empty() {
            note("telefonos", "Falta al menos un teléfono.".into());
        }

        let optional_text = |name: &str, max: usize| -> Result<Option<String>, String> {
            let value = field(name);
            if value.is_empty() {
                Ok(None)
            } else if value.chars().count() > max {
                Err(format!("«{name}» supera {max} caracteres."))
            } else {
                Ok(Some(value.to_string()))
            }
        };
        let text = |name: &str, max: usize, note: &mut dyn FnMut(&str, String)| match optional_text(
            name, max,
        ) {
            Ok(value) => value,
            Err(message) => {
                note(name, message);
                None
            }
        };
        let documento = text("documento", 40, &mut note);
        let ciudad = text("ciudad", 80, &mut note);
        let plan = text("plan", 200, &mut note);
        let motivo = text("motivo", 2000, &mut note);

        let number =
            |name: &str, min: i64, max: i64, what: &str, note: &mut dyn FnMut(&str, String)| {
                let value = field(name);
                if value.is_empty() {
                    return None;
                }
                match parse_int(value, min, max, what) {
                    Ok(n) => Some(n as i32),
                    Err(message) => {
                        note(name, message);
                        None
                    }
                }
            };
        let antiguedad_meses = number(
            "antiguedad_meses",
            0,
            1200,
            "La antigüedad en meses",
            &mut note,
        );
        let nota_encuesta = number("nota_encuesta", 0, 10, "La nota de la encuesta", &mut note);
        let prioridad = number("prioridad", -1000, 1000, "La prioridad", &mut note).unwrap_or(0);

        let valor_mensual_centavos = match field("valor_mensual") {
            "" => None,
            value => match parse_money(value) {
                Ok(centavos) => Some(centavos),
                Err(message) => {
                    note("valor_mensual", message);
                    None
                }
            },
        };
        let fecha_evento = match field("fecha_evento") {
            "" => None,
            value => match parse_date(value) {
                Ok(date) => Some(date),
                Err(message) => {
                    note("fecha_evento", message);
                    None
                }
            },
        };

        let extra = extra_columns
            .iter()
            .filter(|(i, _)| !row.fields[*i].is_empty())
            .map(|(i, name)| ((*name).clone(), row.fields[*i].clone()))
            .collect();

        if problems.is_empty()
            && let Some(segmento) = segmento
        {
            records.push(NewRecord {
                line: row.line,
                cuenta,
                segmento,
                nombre,
                documento,
                telefonos,
                ciudad,
                servicios: split_list(field("servicios")),
                plan,
                antiguedad_meses,
                valor_mensual_centavos,
                motivo,
                nota_encuesta,
                fecha_evento,
                ofrecimientos: split_list(field("ofrecimientos")),
                prioridad,
                extra,
            });
        }
        errors.extend(problems);
    }
    (records, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imports::table::read;

    fn check_bytes(bytes: &[u8]) -> (Vec<NewRecord>, Vec<RowError>) {
        let (table, mut errors) = read(bytes).unwrap();
        let (records, more) = check(&table);
        errors.extend(more);
        (records, errors)
    }

    #[test]
    fn a_complete_row_reads_every_column() {
        let file = "cuenta;segmento;nombre;documento;telefonos;ciudad;servicios;plan;antiguedad_meses;valor_mensual;motivo;nota_encuesta;fecha_evento;ofrecimientos;prioridad;Asesor anterior\n\
                    9001;hogar;María Peña;52111222;310 555 1234|6015551234;Bogotá;INTERNET|TV;Triple play 300;36;189.900,50;Fallas;4;15/11/2026;DESC20|UPG300;5;Luis\n";
        let (records, errors) = check_bytes(file.as_bytes());
        assert!(errors.is_empty(), "{errors:?}");
        let r = &records[0];
        assert_eq!(r.line, 2);
        assert_eq!(r.segmento, Segment::Hogar);
        assert_eq!(r.telefonos, ["3105551234", "6015551234"]);
        assert_eq!(r.servicios, ["INTERNET", "TV"]);
        assert_eq!(r.valor_mensual_centavos, Some(18_990_050));
        assert_eq!(r.nota_encuesta, Some(4));
        assert_eq!(r.fecha_evento, NaiveDate::from_ymd_opt(2026, 11, 15));
        assert_eq!(r.ofrecimientos, ["DESC20", "UPG300"]);
        assert_eq!(r.prioridad, 5);
        assert_eq!(
            r.extra.get("Asesor anterior").map(String::as_str),
            Some("Luis")
        );
    }

    #[test]
    fn only_four_columns_are_required_and_order_is_free() {
        let (records, errors) =
            check_bytes(b"telefonos,nombre,cuenta,segmento\n3105551234,Ana,1,MOVIL\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(records[0].cuenta, "1");
    }

    #[test]
    fn missing_required_columns_are_named() {
        let (_, errors) = check_bytes(b"cuenta,nombre\n1,Ana\n");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("segmento, telefonos"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn every_bad_value_is_reported_with_its_line_and_column() {
        let file = "cuenta,segmento,nombre,telefonos,valor_mensual,nota_encuesta,fecha_evento\n\
                    1,HOGAR,Ana,3105551234,abc,11,2026-02-30\n\
                    ,PYME,,123,,,\n\
                    1,HOGAR,Ana bis,3105551234,,,\n";
        let (records, errors) = check_bytes(file.as_bytes());
        assert!(records.is_empty());
        let at = |line: u32, column: &str| {
            errors
                .iter()
                .any(|e| e.line == line && e.column.as_deref() == Some(column))
        };
        assert!(
            at(2, "valor_mensual") && at(2, "nota_encuesta") && at(2, "fecha_evento"),
            "{errors:?}"
        );
        assert!(
            at(3, "cuenta") && at(3, "segmento") && at(3, "nombre") && at(3, "telefonos"),
            "{errors:?}"
        );
        let repeated = errors.iter().find(|e| e.line == 4).unwrap();
        assert_eq!(repeated.message, "La cuenta 1 ya aparece en la línea 2.");
    }
}
