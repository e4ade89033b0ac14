//! Pieces shared by the back-office forms: the text of a slot import and
//! the problems of a rejected file.

use crate::api::client::ClientError;

/// "3 cupos creados, 1 actualizado."
pub(super) fn slot_import_text(created: u32, updated: u32) -> String {
    format!(
        "{created} {}, {updated} {}.",
        if created == 1 {
            "cupo creado"
        } else {
            "cupos creados"
        },
        if updated == 1 {
            "actualizado"
        } else {
            "actualizados"
        }
    )
}

/// The per-line problems of a rejected CSV, or the one message of any other
/// failure.
pub(super) fn import_problems(err: &ClientError) -> (String, Vec<String>) {
    let lines: Vec<String> = match err {
        ClientError::Api { body, .. } => body
            .error
            .fields
            .iter()
            .map(|f| f.message.clone())
            .collect(),
        _ => Vec::new(),
    };
    if lines.is_empty() {
        (err.message(), lines)
    } else {
        (
            "El archivo no se importó: corrija estas líneas y vuelva a intentarlo.".into(),
            lines,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_in_singular_and_plural() {
        assert_eq!(slot_import_text(1, 0), "1 cupo creado, 0 actualizados.");
        assert_eq!(slot_import_text(12, 1), "12 cupos creados, 1 actualizado.");
    }
}
