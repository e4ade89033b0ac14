//! Labelled form fields with their error messages, and the problems of a
//! form: the browser's own checks first, then the server's answer.

use crate::api::client::ClientError;
use leptos::html;
use leptos::prelude::*;

/// Problems of a form: the browser's checks first, then the server's answer.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    local: Vec<(&'static str, String)>,
    server: Option<ClientError>,
}

impl Problems {
    pub fn local(list: Vec<(&'static str, String)>) -> Self {
        Problems {
            local: list,
            server: None,
        }
    }

    pub fn server(error: ClientError) -> Self {
        Problems {
            local: Vec::new(),
            server: Some(error),
        }
    }

    /// Whether the browser's own checks failed: the form then re-checks as
    /// the user types, so a fixed field loses its message at once.
    pub fn is_local(&self) -> bool {
        !self.local.is_empty()
    }

    /// The message beside one field.
    pub fn field(&self, name: &str) -> Option<String> {
        self.field_any(&[name])
    }

    /// The message beside a field known by any of `names` (the server may
    /// name a field as its request does or as the domain rule does).
    pub fn field_any(&self, names: &[&str]) -> Option<String> {
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
    pub fn summary(&self) -> Option<String> {
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
pub fn FieldBox(
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

/// A labelled text input whose error message is announced and linked with
/// `aria-describedby`.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] node_ref: NodeRef<html::Input>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{hint}</p> })}
            <input
                id=id.clone()
                name=id
                type=kind
                autocomplete=autocomplete
                required=required
                autofocus=autofocus
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                node_ref=node_ref
            />
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_messages_come_first_and_a_field_may_have_two_names() {
        let problems = Problems::local(vec![
            ("agent", "Elija el asesor evaluado.".into()),
            ("checklist", "Falta marcar 1 paso.".into()),
        ]);
        assert!(problems.is_local());
        assert_eq!(
            problems.field("agent").as_deref(),
            Some("Elija el asesor evaluado.")
        );
        assert_eq!(
            problems.field_any(&["interaction", "checklist"]).as_deref(),
            Some("Falta marcar 1 paso.")
        );
        assert_eq!(problems.field("comments"), None);
        assert_eq!(
            problems.summary().as_deref(),
            Some("Revise los campos marcados.")
        );
        assert_eq!(Problems::default().summary(), None);
    }

    #[test]
    fn a_server_error_without_fields_is_the_summary() {
        let problems = Problems::server(ClientError::Network);
        assert!(!problems.is_local());
        assert_eq!(problems.field("agent"), None);
        assert_eq!(problems.summary(), Some(ClientError::Network.message()));
    }
}
