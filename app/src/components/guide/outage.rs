//! The mass-outage gate (SPEC §3 step 3): a notice affecting the customer's
//! zone is told to the customer before any troubleshooting, and one press
//! copies it into the Soporte step (so the contact is linked to the notice
//! and a repeat caller is flagged).

use crate::api::field_ops::OutageNotice;
use crate::domain::local_time::format_date_time;
use leptos::prelude::*;

/// The step whose answers the notice fills.
pub const SUPPORT_STEP: &str = "soporte";
/// The Soporte field that holds the notice's number.
pub const INCIDENT_FIELD: &str = "numero_inc";

/// The Soporte answers a notice gives, as (field, value).
pub fn support_answers(notice: &OutageNotice) -> Vec<(&'static str, String)> {
    let incident = &notice.incident;
    let repeat = if notice.previous_contacts > 0 {
        "SI"
    } else {
        "NO"
    };
    vec![
        ("tipo_falla", "MASIVA".to_string()),
        (INCIDENT_FIELD, incident.number.clone()),
        ("prioridad_aviso", incident.priority.code().to_string()),
        ("afectacion_zona", incident.description.clone()),
        ("ya_llamo_mismo_aviso", repeat.to_string()),
    ]
}

/// "El cliente ya llamó por este aviso 2 veces (última: …)", when they did.
pub fn repeat_text(notice: &OutageNotice) -> Option<String> {
    let times = match notice.previous_contacts {
        0 => return None,
        1 => "1 vez".to_string(),
        n => format!("{n} veces"),
    };
    let last = notice
        .last_contact_at
        .map(|at| format!(" (última: {})", format_date_time(at)))
        .unwrap_or_default();
    Some(format!(
        "El cliente ya llamó por este aviso {times}{last}: márquelo como reincidente."
    ))
}

/// The notice in one line: number, priority, description, since, until.
pub fn notice_text(notice: &OutageNotice) -> String {
    let incident = &notice.incident;
    let end = incident
        .expected_end
        .map(|at| format!("fin estimado {}", format_date_time(at)))
        .unwrap_or_else(|| "sin fin estimado".into());
    format!(
        "{}, prioridad {}: {}. Desde {}, {end}.",
        incident.number,
        incident.priority.label().to_lowercase(),
        incident.description.trim_end_matches('.'),
        format_date_time(incident.starts_at),
    )
}

#[component]
pub fn OutageBanner(
    outages: Vec<OutageNotice>,
    /// Whether a banner of this call was already announced: screen readers
    /// hear the alert once, not on every step that shows it again.
    announced: StoredValue<bool>,
    /// Copies a notice into the Soporte answers; without it the banner only
    /// informs (the steps before Soporte).
    on_use: Option<Callback<OutageNotice>>,
    /// The notice number answered in Soporte, to show which one is in use.
    used: Signal<String>,
) -> impl IntoView {
    let role = (!announced.get_value()).then_some("alert");
    announced.set_value(true);
    view! {
        <section class="outage-banner" role=role aria-labelledby="falla-masiva-titulo">
            <h4 id="falla-masiva-titulo">"Falla masiva en la zona del cliente"</h4>
            <ul class="outage-banner__list">
                {outages.into_iter().map(|notice| {
                    let number = notice.incident.number.clone();
                    let in_use = move || used.with(|u| *u == number);
                    let text = notice_text(&notice);
                    let repeat = repeat_text(&notice);
                    let notice = StoredValue::new(notice);
                    view! {
                        <li>
                            <p class="outage-banner__notice">{text}</p>
                            {repeat.map(|r| view! { <p class="outage-banner__repeat"><strong>"Reincidente. "</strong>{r}</p> })}
                            {on_use.map(|on_use| view! {
                                <div class="outage-banner__use">
                                    <button type="button" class="button button--primary"
                                        on:click=move |_| on_use.run(notice.get_value())>
                                        "Usar este aviso"
                                    </button>
                                    {move || in_use().then(|| view! {
                                        <span class="outage-banner__in-use" role="status">"✓ Aviso registrado en el paso Soporte"</span>
                                    })}
                                </div>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="outage-banner__todo"><strong>"Infórmele al cliente antes de hacer el diagnóstico."</strong></p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::field_ops::IncidentView;
    use crate::domain::field_ops::{IncidentPriority, IncidentStatus};
    use chrono::{TimeZone, Utc};

    fn notice(previous_contacts: u32) -> OutageNotice {
        OutageNotice {
            incident: IncidentView {
                id: 1,
                number: "INC000123456".into(),
                priority: IncidentPriority::Alta,
                description: "Corte de fibra en el nodo Chapinero.".into(),
                zones: vec!["Bogotá".into()],
                nodes: vec![],
                starts_at: Utc.with_ymd_and_hms(2026, 3, 16, 13, 0, 0).unwrap(),
                expected_end: Some(Utc.with_ymd_and_hms(2026, 3, 16, 23, 30, 0).unwrap()),
                status: IncidentStatus::Activo,
                closed_at: None,
                contacts: 3,
            },
            previous_contacts,
            last_contact_at: (previous_contacts > 0)
                .then(|| Utc.with_ymd_and_hms(2026, 3, 16, 14, 5, 0).unwrap()),
        }
    }

    #[test]
    fn the_notice_reads_in_bogota_time() {
        assert_eq!(
            notice_text(&notice(0)),
            "INC000123456, prioridad alta: Corte de fibra en el nodo Chapinero. Desde 16/03/2026 08:00, fin estimado 16/03/2026 18:30."
        );
        let mut open_ended = notice(0);
        open_ended.incident.expected_end = None;
        assert!(notice_text(&open_ended).ends_with("sin fin estimado."));
    }

    #[test]
    fn repeat_callers_are_flagged() {
        assert_eq!(repeat_text(&notice(0)), None);
        assert_eq!(
            repeat_text(&notice(1)).as_deref(),
            Some(
                "El cliente ya llamó por este aviso 1 vez (última: 16/03/2026 09:05): márquelo como reincidente."
            )
        );
        assert!(repeat_text(&notice(3)).unwrap().contains("3 veces"));
    }

    #[test]
    fn using_the_notice_fills_the_support_answers() {
        let answers = support_answers(&notice(2));
        assert_eq!(
            answers,
            vec![
                ("tipo_falla", "MASIVA".to_string()),
                ("numero_inc", "INC000123456".to_string()),
                ("prioridad_aviso", "ALTA".to_string()),
                (
                    "afectacion_zona",
                    "Corte de fibra en el nodo Chapinero.".to_string()
                ),
                ("ya_llamo_mismo_aviso", "SI".to_string()),
            ]
        );
        assert_eq!(support_answers(&notice(0))[4].1, "NO");
    }
}
