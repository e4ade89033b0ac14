//! Any dashboard view as a file: CSV as Excel in Spanish opens it (UTF-8
//! with BOM, `;`, decimal comma) or an XLSX workbook (rust_xlsxwriter), with
//! ratios as real percentages in Excel.

use crate::services::ServiceError;
use app::api::kpis::{BreakdownRow, KpiReport, SeriesPoint};
use app::domain::kpis::Kpi;
use rust_xlsxwriter::{Format, Workbook};

/// A cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A KPI's value, formatted as that KPI is (percent or points).
    Value(Kpi, f64),
    Number(f64),
    Empty,
}

/// One table: a title (the sheet's name), headers and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn value_cell(kpi: Kpi, value: Option<f64>) -> Cell {
    value.map_or(Cell::Empty, |v| Cell::Value(kpi, v))
}

/// The seven figures: value, numerator, denominator, goal, whether it applies.
pub fn summary(report: &KpiReport) -> Sheet {
    let rows = Kpi::ALL
        .into_iter()
        .map(|kpi| {
            let figure = report.get(kpi);
            vec![
                Cell::Text(kpi.label().into()),
                value_cell(kpi, figure.value),
                figure.numerator.map_or(Cell::Empty, Cell::Number),
                figure.denominator.map_or(Cell::Empty, Cell::Number),
                value_cell(kpi, figure.goal),
                Cell::Text(if figure.applies { "Sí" } else { "No aplica" }.into()),
            ]
        })
        .collect();
    Sheet {
        title: "Resumen".into(),
        headers: [
            "Indicador",
            "Valor",
            "Numerador",
            "Denominador",
            "Meta",
            "Aplica",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

fn kpi_headers(first: &[&str]) -> Vec<String> {
    first
        .iter()
        .map(|h| h.to_string())
        .chain(Kpi::ALL.iter().map(|k| k.label().to_string()))
        .collect()
}

/// One row per bucket, one column per KPI.
pub fn series(points: &[SeriesPoint]) -> Sheet {
    Sheet {
        title: "Tendencia".into(),
        headers: kpi_headers(&["Periodo", "Desde", "Hasta"]),
        rows: points
            .iter()
            .map(|point| {
                let mut row = vec![
                    Cell::Text(point.label.clone()),
                    Cell::Text(point.from.format("%d/%m/%Y").to_string()),
                    Cell::Text(point.to.format("%d/%m/%Y").to_string()),
                ];
                row.extend(
                    Kpi::ALL
                        .into_iter()
                        .map(|kpi| value_cell(kpi, point.report.get(kpi).value)),
                );
                row
            })
            .collect(),
    }
}

/// One row per team or agent, one column per KPI.
pub fn breakdown(rows: &[BreakdownRow], of_teams: bool) -> Sheet {
    Sheet {
        title: if of_teams { "Equipos" } else { "Asesores" }.into(),
        headers: kpi_headers(&["Usuario", "Nombre"]),
        rows: rows
            .iter()
            .map(|r| {
                let mut row = vec![Cell::Text(r.login.clone()), Cell::Text(r.name.clone())];
                row.extend(
                    Kpi::ALL
                        .into_iter()
                        .map(|kpi| value_cell(kpi, r.report.get(kpi).value)),
                );
                row
            })
            .collect(),
    }
}

fn decimal(value: f64, places: usize) -> String {
    format!("{value:.places$}").replace('.', ",")
}

/// `;`-separated with decimal commas and a BOM, as Excel in Spanish reads.
pub fn to_csv(sheet: &Sheet) -> Result<Vec<u8>, ServiceError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let internal = |e: csv::Error| ServiceError::Internal(e.to_string());
        writer.write_record(&sheet.headers).map_err(internal)?;
        for row in &sheet.rows {
            let fields: Vec<String> = row
                .iter()
                .map(|cell| match cell {
                    Cell::Text(text) => text.clone(),
                    Cell::Value(kpi, v) if kpi.is_ratio() => format!("{} %", decimal(v * 100.0, 2)),
                    Cell::Value(_, v) => decimal(*v, 2),
                    Cell::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
                    Cell::Number(n) => decimal(*n, 4),
                    Cell::Empty => String::new(),
                })
                .collect();
            writer.write_record(&fields).map_err(internal)?;
        }
        writer
            .flush()
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
    }
    Ok(out)
}

/// One worksheet; ratios as Excel percentages, NPS with one decimal.
pub fn to_xlsx(sheet: &Sheet) -> Result<Vec<u8>, ServiceError> {
    let internal = |e: rust_xlsxwriter::XlsxError| ServiceError::Internal(e.to_string());
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let points = Format::new().set_num_format("0.0");
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(&sheet.title).map_err(internal)?;
    for (col, header) in sheet.headers.iter().enumerate() {
        worksheet
            .write_string_with_format(0, col as u16, header, &bold)
            .map_err(internal)?;
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            match cell {
                Cell::Text(text) => worksheet.write_string(r, c, text).map(|_| ()),
                Cell::Value(kpi, v) if kpi.is_ratio() => worksheet
                    .write_number_with_format(r, c, *v, &percent)
                    .map(|_| ()),
                Cell::Value(_, v) => worksheet
                    .write_number_with_format(r, c, *v, &points)
                    .map(|_| ()),
                Cell::Number(n) => worksheet.write_number(r, c, *n).map(|_| ()),
                Cell::Empty => Ok(()),
            }
            .map_err(internal)?;
        }
    }
    worksheet.autofit();
    workbook.save_to_buffer().map_err(internal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::api::kpis::{KpiPart, KpiValue, QualityValue};

    fn report() -> KpiReport {
        let value = |v: Option<f64>| KpiValue {
            value: v,
            numerator: v.map(|_| 3.0),
            denominator: v.map(|_| 4.0),
            applies: true,
            goal: None,
        };
        let part = KpiPart {
            value: None,
            numerator: None,
            denominator: None,
        };
        KpiReport {
            contactabilidad: value(Some(0.75)),
            efectividad: value(None),
            nps: value(Some(20.0)),
            fcr: value(Some(0.6)),
            ausentismo: value(None),
            rotacion: KpiValue::not_applicable(None),
            calidad_mec: QualityValue {
                total: value(None),
                emitida: part.clone(),
                percibida: part,
            },
        }
    }

    #[test]
    fn csv_is_what_excel_in_spanish_opens() {
        let bytes = to_csv(&summary(&report())).unwrap();
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "Indicador;Valor;Numerador;Denominador;Meta;Aplica"
        );
        assert_eq!(lines[1], "Contactabilidad;75,00 %;3;4;;Sí");
        assert_eq!(lines[3], "NPS;20,00;3;4;;Sí");
        assert_eq!(lines[6], "Rotación;;;;;No aplica");
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = to_xlsx(&summary(&report())).unwrap();
        assert!(bytes.starts_with(b"PK"), "an XLSX file is a ZIP archive");
        assert!(bytes.len() > 1_000);
    }
}
