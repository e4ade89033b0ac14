//! The offer catalog as CSV:
//! `codigo,nombre,guion,segmento,servicios,tipo,escalon,costo,duracion_meses,
//! vigente_desde,vigente_hasta,tipos_base,antiguedad_minima,valor_minimo,
//! valor_maximo,necesidades,activa` (lists separated by `|`; money in pesos
//! as Colombians write it).

use super::RowError;
use super::table::Table;
use super::values::{parse_bool, parse_date, parse_int, parse_money, split_list};
use app::domain::bases::{BaseKind, Segment};
use app::domain::offers::{Need, Offer, OfferKind, Service, normalize_offer_code, offer_problems};
use std::str::FromStr;

const REQUIRED: [&str; 5] = ["codigo", "nombre", "guion", "tipo", "escalon"];

/// The column of the file each field of [`Offer`] comes from, to report a
/// rule broken by the row against the right column.
fn column_of(field: &str) -> &'static str {
    match field {
        "code" => "codigo",
        "name" => "nombre",
        "script" => "guion",
        "level" => "escalon",
        "cost" => "costo",
        "valid_to" => "vigente_hasta",
        "min_monthly_value" => "valor_minimo",
        "max_monthly_value" => "valor_maximo",
        _ => "codigo",
    }
}

/// Pesos (whole) from a money cell; centavos are dropped.
fn pesos(raw: &str) -> Result<i64, String> {
    parse_money(raw).map(|centavos| centavos / 100)
}

fn list<T: FromStr<Err = String>>(raw: &str) -> Result<Vec<T>, String> {
    split_list(raw).iter().map(|v| T::from_str(v)).collect()
}

/// The offers a file holds, or every problem with it.
pub fn check(table: &Table) -> (Vec<Offer>, Vec<RowError>) {
    let mut errors = Vec::new();
    for name in REQUIRED {
        if table.column(name).is_none() {
            errors.push(RowError::new(
                1,
                Some(name),
                format!("Falta la columna obligatoria «{name}»."),
            ));
        }
    }
    if !errors.is_empty() {
        return (Vec::new(), errors);
    }
    let mut out: Vec<Offer> = Vec::new();
    // Every code met, good row or not: a repeat is reported either way.
    let mut seen = std::collections::HashSet::new();
    for row in &table.rows {
        let get = |name: &str| -> String {
            table
                .column(name)
                .and_then(|i| row.fields.get(i))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        let mut bad = Vec::new();
        let mut take = |column: &'static str, problem: String| bad.push((column, problem));
        macro_rules! cell {
            ($column:literal, $parse:expr, $default:expr) => {{
                let raw = get($column);
                if raw.is_empty() {
                    $default
                } else {
                    match $parse(raw.as_str()) {
                        Ok(value) => value,
                        Err(problem) => {
                            take($column, problem);
                            $default
                        }
                    }
                }
            }};
        }
        let segment: Option<Segment> = cell!("segmento", |v| Segment::from_str(v).map(Some), None);
        let services: Vec<Service> = cell!("servicios", list, Vec::new());
        let kind: OfferKind = if get("tipo").is_empty() {
            take("tipo", "Falta el tipo de la oferta.".into());
            OfferKind::Descuento
        } else {
            cell!("tipo", OfferKind::from_str, OfferKind::Descuento)
        };
        let level = cell!("escalon", |v| parse_int(v, 1, 9, "El escalón"), 0) as u8;
        let cost = cell!("costo", pesos, 0);
        let duration = cell!("duracion_meses", |v| parse_int(v, 0, 120, "La duración"), 0) as u16;
        let valid_from = cell!("vigente_desde", |v| parse_date(v).map(Some), None);
        let valid_to = cell!("vigente_hasta", |v| parse_date(v).map(Some), None);
        let base_kinds: Vec<BaseKind> = cell!("tipos_base", list, Vec::new());
        let min_tenure = cell!(
            "antiguedad_minima",
            |v| parse_int(v, 0, 1200, "La antigüedad mínima").map(|n| Some(n as u32)),
            None
        );
        let min_value = cell!("valor_minimo", |v| pesos(v).map(Some), None);
        let max_value = cell!("valor_maximo", |v| pesos(v).map(Some), None);
        let needs: Vec<Need> = cell!("necesidades", list, Vec::new());
        let active = cell!("activa", parse_bool, true);
        let offer = Offer {
            code: normalize_offer_code(&get("codigo")),
            name: get("nombre"),
            script: get("guion"),
            segment,
            services,
            kind,
            level,
            cost,
            duration_months: duration,
            valid_from,
            valid_to,
            base_kinds,
            min_tenure_months: min_tenure,
            min_monthly_value: min_value,
            max_monthly_value: max_value,
            needs,
            active,
        };
        if bad.is_empty() {
            for (field, problem) in offer_problems(&offer) {
                bad.push((column_of(field), problem));
            }
        }
        if !seen.insert(offer.code.clone()) {
            bad.push((
                "codigo",
                format!("El código «{}» está repetido en el archivo.", offer.code),
            ));
        }
        if bad.is_empty() {
            out.push(offer);
        } else {
            for (column, problem) in bad {
                errors.push(RowError::new(row.line, Some(column), problem));
            }
        }
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imports::table;

    const HEADER: &str = "codigo;nombre;guion;segmento;servicios;tipo;escalon;costo;duracion_meses;vigente_desde;vigente_hasta;tipos_base;antiguedad_minima;valor_minimo;valor_maximo;necesidades;activa";

    #[test]
    fn reads_every_column_as_spreadsheets_write_it() {
        let file = format!(
            "{HEADER}\nupg_vel;Mejora de velocidad;Le subimos la velocidad, {{cliente}};hogar;Internet|TV;mejora plan;3;25.000;6;01/11/2026;2027-06-30;Cancelaciones|FIDELIZACION;12;80.000;200.000;velocidad|fallas técnicas;SI\n"
        );
        let (t, errors) = table::read(file.as_bytes()).unwrap();
        assert!(errors.is_empty());
        let (offers, errors) = check(&t);
        assert_eq!(errors, vec![]);
        let o = &offers[0];
        assert_eq!(o.code, "UPG_VEL");
        assert_eq!(o.segment, Some(Segment::Hogar));
        assert_eq!(o.services, [Service::Internet, Service::Tv]);
        assert_eq!(o.kind, OfferKind::MejoraPlan);
        assert_eq!((o.level, o.cost, o.duration_months), (3, 25_000, 6));
        assert_eq!(
            o.base_kinds,
            [BaseKind::Cancelaciones, BaseKind::Fidelizacion]
        );
        assert_eq!(o.min_tenure_months, Some(12));
        assert_eq!(
            (o.min_monthly_value, o.max_monthly_value),
            (Some(80_000), Some(200_000))
        );
        assert_eq!(o.needs, [Need::Velocidad, Need::FallasTecnicas]);
        assert!(o.active);
    }

    #[test]
    fn reports_every_bad_cell_with_its_line_and_column() {
        let file = "codigo,nombre,guion,tipo,escalon,costo,servicios\n\
                    A,Uno,Guion,REGALO,2,10,INTERNET\n\
                    B,,Guion,DESCUENTO,12,-,\n\
                    C,Tres,Guion,DESCUENTO,1,0,FAX\n\
                    A,Cuatro,Guion,DESCUENTO,2,0,\n\
                    E,Cinco,Guion,,2,0,\n";
        let (t, _) = table::read(file.as_bytes()).unwrap();
        let (offers, errors) = check(&t);
        let found: Vec<(u32, &str)> = errors
            .iter()
            .map(|e| (e.line, e.column.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            found,
            [
                (2, "tipo"),
                (3, "escalon"),
                (3, "costo"),
                (4, "servicios"),
                (5, "codigo"),
                (6, "tipo")
            ],
            "{errors:?}"
        );
        // Line 5 repeats line 2's code: reported although line 2 was bad.
        assert!(offers.is_empty());
        assert!(errors[0].message.contains("no existe"));
        assert!(errors[5].message.contains("Falta el tipo"));
    }

    #[test]
    fn a_missing_required_column_is_named() {
        let (t, _) = table::read(b"codigo,nombre\nA,B\n").unwrap();
        let (_, errors) = check(&t);
        let columns: Vec<&str> = errors.iter().filter_map(|e| e.column.as_deref()).collect();
        assert_eq!(columns, ["guion", "tipo", "escalon"]);
    }
}
