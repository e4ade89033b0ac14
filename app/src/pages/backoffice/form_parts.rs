//! Pieces shared by the back-office forms: field errors from the browser's
//! own checks and from the server, and a labelled field box.
//!
//! The admin area has the same idea in `admin::offer_form`, private to it.

use crate::api::client::ClientError;
use leptos::prelude::*;

/// Problems of a form: the browser's checks first, then the server's answer.
#[derive(Debug, Clone, Default)]
pub(super) struct Problems {
    local: Vec<(&'static str, String)>,
    server: Option<ClientError>,
}

impl Problems {
    pub(super) fn local(list: Vec<(&'static str, String)>) -> Self {
        Problems {
            local: list,
            server: None,
        }
    }

    pub(super) fn server(error: ClientError) -> Self {
        Problems {
            local: Vec::new(),
            server: Some(error),
        }
    }

    /// Whether the browser's own checks failed: the form then re-checks as
    /// the user types, so a fixed field loses its message at once.
    pub(super) fn is_local(&self) -> bool {
        !self.local.is_empty()
    }

    /// The message beside a field known by any of `names` (the server may
    /// name a field as its request does or as the domain rule does).
    pub(super) fn field(&self, names: &[&str]) -> Option<String> {
        let mine: Vec<&str> = self
            .local
            .iter()
            .filter(|(field, _)| names.contains(field))
            .map(|(_, message)| message.as_str())
            .collect();
        if !mine.is_empty() {
            return Some(mine.join(" "));
        }
        let error = self.server.as_ref()?;
        names.iter().find_map(|name| error.field_message(name))
    }

    /// The summary above the buttons.
    pub(super) fn summary(&self) -> Option<String> {
        if !self.local.is_empty() {
            return Some("Revise los campos marcados.".into());
        }
        let error = self.server.as_ref()?;
        let has_fields =
            matches!(error, ClientError::Api { body, .. } if !body.error.fields.is_empty());
        Some(if has_fields {
            "Revise los campos marcados.".into()
        } else {
            error.message()
        })
    }
}

/// A labelled field with its hint and its error message below; the control
/// inside names `{id}-ayuda` and `{id}-error` in its `aria-describedby`.
#[component]
pub(super) fn FieldBox(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    error: Signal<Option<String>>,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some() class:field--wide=wide>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=format!("{id}-ayuda")>{hint}</p> })}
            {children()}
            <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

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
