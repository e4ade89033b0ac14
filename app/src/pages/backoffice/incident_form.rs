//! The form that registers a mass-outage notice or edits an active one,
//! checked in the browser with the domain's rules before it is sent. Times
//! are typed in Bogotá.

use crate::api::field_ops::{IncidentDraft, IncidentView, create_incident, update_incident};
use crate::components::forms::{FieldBox, Problems};
use crate::domain::field_ops::{IncidentPriority, normalize_incident_number, parse_place_list};
use crate::domain::local_time::{bogota, parse_local_input};
use chrono::{DateTime, Utc};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::str::FromStr;

/// The value of a `datetime-local` input, in Bogotá.
fn local_input(at: DateTime<Utc>) -> String {
    at.with_timezone(&bogota())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// What the form holds, as typed.
#[derive(Clone, Copy)]
pub(super) struct IncidentFields {
    /// The notice being edited (id and number); `None` for a new one.
    pub(super) editing: RwSignal<Option<(i64, String)>>,
    number: RwSignal<String>,
    priority: RwSignal<IncidentPriority>,
    description: RwSignal<String>,
    zones: RwSignal<String>,
    nodes: RwSignal<String>,
    starts_at: RwSignal<String>,
    expected_end: RwSignal<String>,
    problems: RwSignal<Problems>,
    saved: RwSignal<Option<String>>,
}

impl IncidentFields {
    pub(super) fn new() -> Self {
        let fields = IncidentFields {
            editing: RwSignal::new(None),
            number: RwSignal::new(String::new()),
            priority: RwSignal::new(IncidentPriority::Alta),
            description: RwSignal::new(String::new()),
            zones: RwSignal::new(String::new()),
            nodes: RwSignal::new(String::new()),
            starts_at: RwSignal::new(String::new()),
            expected_end: RwSignal::new(String::new()),
            problems: RwSignal::new(Problems::default()),
            saved: RwSignal::new(None),
        };
        fields.clear();
        fields
    }

    /// An empty form for a new notice, starting now.
    pub(super) fn clear(&self) {
        self.editing.set(None);
        for text in [
            self.number,
            self.description,
            self.zones,
            self.nodes,
            self.expected_end,
        ] {
            text.set(String::new());
        }
        self.priority.set(IncidentPriority::Alta);
        self.starts_at.set(local_input(Utc::now()));
        self.problems.set(Problems::default());
    }

    /// A new notice, forgetting the last one saved.
    pub(super) fn start_new(&self) {
        self.clear();
        self.saved.set(None);
    }

    /// The form filled with a notice of the list.
    pub(super) fn load(&self, incident: &IncidentView) {
        self.editing
            .set(Some((incident.id, incident.number.clone())));
        self.number.set(incident.number.clone());
        self.priority.set(incident.priority);
        self.description.set(incident.description.clone());
        self.zones.set(incident.zones.join(", "));
        self.nodes.set(incident.nodes.join(", "));
        self.starts_at.set(local_input(incident.starts_at));
        self.expected_end
            .set(incident.expected_end.map(local_input).unwrap_or_default());
        self.problems.set(Problems::default());
        self.saved.set(None);
    }

    /// The notice the form describes, or what is wrong with it.
    fn read(&self) -> Result<IncidentDraft, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let number = normalize_incident_number(&self.number.get_untracked())
            .map_err(|message| problems.push(("number", message)))
            .unwrap_or_default();
        let description = self.description.get_untracked().trim().to_string();
        if description.is_empty() {
            problems.push((
                "description",
                "Describa la falla: es lo que el asesor le dirá al cliente.".into(),
            ));
        }
        let zones = parse_place_list(&self.zones.get_untracked());
        let nodes = parse_place_list(&self.nodes.get_untracked());
        if zones.is_empty() && nodes.is_empty() {
            problems.push((
                "zones",
                "Indique al menos una zona o un nodo afectado.".into(),
            ));
        }
        let starts_at = parse_local_input(&self.starts_at.get_untracked());
        if starts_at.is_none() {
            problems.push(("starts_at", "Escriba la fecha y la hora de inicio.".into()));
        }
        let end_text = self.expected_end.get_untracked();
        let expected_end = if end_text.trim().is_empty() {
            None
        } else {
            match parse_local_input(&end_text) {
                None => {
                    problems.push((
                        "expected_end",
                        "Escriba la fecha y la hora estimadas de fin, o déjelo vacío.".into(),
                    ));
                    None
                }
                Some(end) if starts_at.is_some_and(|start| end <= start) => {
                    problems.push((
                        "expected_end",
                        "El fin estimado debe ser posterior al inicio.".into(),
                    ));
                    None
                }
                end => end,
            }
        };
        match starts_at {
            Some(starts_at) if problems.is_empty() => Ok(IncidentDraft {
                number,
                priority: self.priority.get_untracked(),
                description,
                zones,
                nodes,
                starts_at,
                expected_end,
            }),
            _ => Err(problems),
        }
    }
}

/// The names a list field understood, as chips.
fn place_chips(label: &'static str, raw: RwSignal<String>) -> impl IntoView {
    move || {
        let names = parse_place_list(&raw.get());
        (!names.is_empty()).then(|| {
            view! {
                <ul class="chips" aria-label=label>
                    {names.into_iter().map(|name| view! { <li class="chip">{name}</li> }).collect_view()}
                </ul>
            }
        })
    }
}

/// "Nuevo aviso" / "Editar el aviso INC…"; `on_saved` runs after the server
/// kept it.
#[component]
pub(super) fn IncidentEditor(
    fields: IncidentFields,
    csrf: StoredValue<String>,
    on_saved: Callback<()>,
    node_ref: NodeRef<html::Section>,
    first_field: NodeRef<html::Input>,
) -> impl IntoView {
    let f = fields;
    let pending = RwSignal::new(false);
    let error = move |names: &'static [&'static str]| {
        Signal::derive(move || f.problems.with(|p| p.field_any(names)))
    };
    let editing = move || f.editing.get().is_some();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        f.saved.set(None);
        let draft = match f.read() {
            Ok(draft) => draft,
            Err(problems) => {
                f.problems.set(Problems::local(problems));
                return;
            }
        };
        f.problems.set(Problems::default());
        let editing = f.editing.get_untracked();
        pending.set(true);
        spawn_local(async move {
            let csrf = csrf.get_value();
            let answer = match &editing {
                Some((id, _)) => update_incident(*id, &draft, &csrf).await,
                None => create_incident(&draft, &csrf).await,
            };
            match answer {
                Ok(saved) => {
                    let text = if editing.is_some() {
                        format!("Aviso {} actualizado.", saved.number)
                    } else {
                        format!("Aviso {} registrado.", saved.number)
                    };
                    f.clear();
                    f.saved.try_set(Some(text));
                    on_saved.run(());
                }
                Err(err) => {
                    f.problems.try_set(Problems::server(err));
                }
            }
            pending.try_set(false);
        });
    };
    let recheck = move |_: leptos::ev::Event| {
        if f.problems.with_untracked(Problems::is_local) {
            f.problems.set(match f.read() {
                Ok(_) => Problems::default(),
                Err(problems) => Problems::local(problems),
            });
        }
    };

    view! {
        <section class="panel" aria-labelledby="aviso-form-titulo" node_ref=node_ref>
            <div class="panel-header">
                <h2 id="aviso-form-titulo">
                    {move || match f.editing.get() {
                        Some((_, number)) => format!("Editar el aviso {number}"),
                        None => "Nuevo aviso".to_string(),
                    }}
                </h2>
                <Show when=editing>
                    <button type="button" class="button button--small" on:click=move |_| f.start_new()>
                        "Descartar la edición"
                    </button>
                </Show>
            </div>
            <form class="form-grid" novalidate on:submit=submit on:input=recheck on:change=recheck aria-labelledby="aviso-form-titulo">
                <FieldBox id="aviso-numero" label="Número del aviso" error=error(&["number"])
                    hint="Como lo da Diagnosticador: INC y de 6 a 12 dígitos.">
                    <input id="aviso-numero" class="input--code" maxlength="20" autocomplete="off"
                        placeholder="INC000123456" node_ref=first_field
                        aria-describedby="aviso-numero-ayuda aviso-numero-error"
                        prop:value=move || f.number.get()
                        on:input=move |ev| f.number.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="aviso-prioridad" label="Prioridad" error=error(&["priority"])>
                    <select id="aviso-prioridad" aria-describedby="aviso-prioridad-error"
                        on:change=move |ev| {
                            if let Ok(priority) = IncidentPriority::from_str(&event_target_value(&ev)) {
                                f.priority.set(priority);
                            }
                        }>
                        {IncidentPriority::ALL.iter().copied().map(|p| view! {
                            <option value=p.code() selected=move || f.priority.get() == p>{p.label()}</option>
                        }).collect_view()}
                    </select>
                </FieldBox>
                <FieldBox id="aviso-inicio" label="Inicio" error=error(&["starts_at"])
                    hint="Hora de Bogotá.">
                    <input id="aviso-inicio" type="datetime-local"
                        aria-describedby="aviso-inicio-ayuda aviso-inicio-error"
                        prop:value=move || f.starts_at.get()
                        on:input=move |ev| f.starts_at.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="aviso-fin" label="Fin estimado" error=error(&["expected_end"])
                    hint="Opcional. El aviso sigue hasta que se cierre.">
                    <input id="aviso-fin" type="datetime-local"
                        aria-describedby="aviso-fin-ayuda aviso-fin-error"
                        prop:value=move || f.expected_end.get()
                        on:input=move |ev| f.expected_end.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="aviso-descripcion" label="Descripción" error=error(&["description"]) wide=true
                    hint="Lo que la guía le muestra al asesor antes de diagnosticar.">
                    <textarea id="aviso-descripcion" rows="2" maxlength="1000"
                        aria-describedby="aviso-descripcion-ayuda aviso-descripcion-error"
                        prop:value=move || f.description.get()
                        on:input=move |ev| f.description.set(event_target_value(&ev))></textarea>
                </FieldBox>
                <FieldBox id="aviso-zonas" label="Zonas" error=error(&["zones"])
                    hint="Separadas por comas o «|», por ejemplo: Pereira, Dosquebradas.">
                    <input id="aviso-zonas" autocomplete="off"
                        aria-describedby="aviso-zonas-ayuda aviso-zonas-error"
                        prop:value=move || f.zones.get()
                        on:input=move |ev| f.zones.set(event_target_value(&ev)) />
                    {place_chips("Zonas afectadas", f.zones)}
                </FieldBox>
                <FieldBox id="aviso-nodos" label="Nodos" error=error(&["nodes"])
                    hint="Opcional; separados por comas o «|».">
                    <input id="aviso-nodos" autocomplete="off"
                        aria-describedby="aviso-nodos-ayuda aviso-nodos-error"
                        prop:value=move || f.nodes.get()
                        on:input=move |ev| f.nodes.set(event_target_value(&ev)) />
                    {place_chips("Nodos afectados", f.nodes)}
                </FieldBox>
                <div class="form-actions">
                    <p class="form-error" role="alert">{move || f.problems.with(Problems::summary)}</p>
                    <p class="form-success" role="status">{move || f.saved.get()}</p>
                    <button type="submit" class="button button--primary" disabled=move || pending.get()>
                        {move || match (pending.get(), editing()) {
                            (true, _) => "Guardando…",
                            (false, true) => "Guardar cambios",
                            (false, false) => "Registrar aviso",
                        }}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn inputs_are_in_bogota_time() {
        let at = Utc.with_ymd_and_hms(2026, 5, 11, 13, 30, 0).unwrap();
        assert_eq!(local_input(at), "2026-05-11T08:30");
        assert_eq!(parse_local_input(&local_input(at)), Some(at));
    }
}
