//! The typification catalog as CSV: `codigo,nombre,requerimiento,spc`.

use super::RowError;
use super::table::Table;
use super::values::parse_bool;
use app::api::guide::Typification;

const REQUIRED: [&str; 2] = ["codigo", "nombre"];

/// The catalog rows a file holds, or every problem with it.
pub fn check(table: &Table) -> (Vec<Typification>, Vec<RowError>) {
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
    let get = |fields: &[String], name: &str| -> String {
        table
            .column(name)
            .and_then(|i| fields.get(i))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut out: Vec<Typification> = Vec::new();
    for row in &table.rows {
        let code = get(&row.fields, "codigo").to_uppercase();
        let name = get(&row.fields, "nombre");
        let requirement = get(&row.fields, "requerimiento").to_uppercase();
        let spc = get(&row.fields, "spc");
        let problems = field_problems(&code, &name);
        let mut bad = !problems.is_empty();
        for (column, message) in problems {
            errors.push(RowError::new(row.line, Some(column), message));
        }
        let spc = if spc.is_empty() {
            Ok(false)
        } else {
            parse_bool(&spc)
        };
        if let Err(message) = &spc {
            errors.push(RowError::new(row.line, Some("spc"), message.clone()));
            bad = true;
        }
        if out.iter().any(|t| t.code == code) {
            errors.push(RowError::new(
                row.line,
                Some("codigo"),
                format!("El código «{code}» está repetido en el archivo."),
            ));
            bad = true;
        }
        if !bad {
            out.push(Typification {
                code,
                name,
                requirement: Some(requirement).filter(|r| !r.is_empty()),
                spc: spc.unwrap_or(false),
                active: true,
            });
        }
    }
    (out, errors)
}

/// What is wrong with a code and its name, by column (`codigo`, `nombre`);
/// shared by the CSV import and the admin's one-code editor.
pub fn field_problems(code: &str, name: &str) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    if code.is_empty()
        || code.len() > 40
        || !code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
    {
        problems.push((
            "codigo",
            "El código es obligatorio: hasta 40 letras, dígitos, _ o -.",
        ));
    }
    if name.is_empty() || name.chars().count() > 200 {
        problems.push(("nombre", "El nombre es obligatorio (hasta 200 caracteres)."));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imports::table::read;

    #[test]
    fn reads_the_shipped_catalog() {
        let (table, errors) =
            read(include_bytes!("../../../procedures/tipificaciones.csv")).expect("reads");
        assert!(errors.is_empty());
        let (rows, errors) = check(&table);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(rows.len() >= 20);
        assert!(rows.iter().any(|t| t.code == "PQR_RADICADA" && !t.spc));
    }

    #[test]
    fn reports_bad_lines() {
        let (table, _) =
            read("codigo;nombre;spc\nA B;Uno;SI\nB;;talvez\nA;Dos;NO\n".as_bytes()).expect("reads");
        let (rows, errors) = check(&table);
        assert_eq!(rows.len(), 1);
        let lines: Vec<u32> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 3]);
    }
}
