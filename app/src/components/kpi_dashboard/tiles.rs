//! One tile per indicator: its value, numerator and denominator, goal, and
//! how it stands against the goal in words (the colour only repeats them).
//! A tile is a button: it chooses the indicator the trend and records show.

use crate::api::kpis::{KpiPart, KpiReport, KpiValue};
use crate::domain::kpis::Kpi;
use crate::domain::numbers::group_thousands;
use leptos::prelude::*;

/// How a figure stands against its goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Cumple,
    /// Worse than the goal for a KPI that is better when higher.
    Debajo,
    /// Worse than the goal for a KPI that is better when lower.
    Encima,
    SinMeta,
    SinDatos,
    NoAplica,
}

/// Goals and values are stored as ratios: 9 ÷ 10 must meet a 90 % goal.
const TOLERANCE: f64 = 1e-9;

impl Status {
    pub fn of(kpi: Kpi, figure: &KpiValue) -> Status {
        if !figure.applies {
            return Status::NoAplica;
        }
        let Some(value) = figure.value else {
            return Status::SinDatos;
        };
        let Some(goal) = figure.goal else {
            return Status::SinMeta;
        };
        match (
            kpi.higher_is_better(),
            value + TOLERANCE >= goal,
            value - TOLERANCE <= goal,
        ) {
            (true, true, _) | (false, _, true) => Status::Cumple,
            (true, false, _) => Status::Debajo,
            (false, _, false) => Status::Encima,
        }
    }

    /// What the tile says.
    pub fn words(self) -> &'static str {
        match self {
            Status::Cumple => "Cumple la meta",
            Status::Debajo => "Por debajo de la meta",
            Status::Encima => "Por encima de la meta",
            Status::SinMeta => "Sin meta",
            Status::SinDatos => "Sin datos",
            Status::NoAplica => "No aplica con estos filtros",
        }
    }

    /// What a table cell says, where room is short.
    pub fn short(self) -> &'static str {
        match self {
            Status::Cumple => "Cumple",
            Status::Debajo => "Por debajo",
            Status::Encima => "Por encima",
            Status::SinMeta => "Sin meta",
            Status::SinDatos => "Sin datos",
            Status::NoAplica => "No aplica",
        }
    }

    /// A shape beside the words, for a glance (hidden from screen readers).
    pub fn mark(self) -> &'static str {
        match self {
            Status::Cumple => "✓",
            Status::Debajo => "▼",
            Status::Encima => "▲",
            Status::SinMeta => "•",
            Status::SinDatos | Status::NoAplica => "–",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Status::Cumple => "kpi-status--cumple",
            Status::Debajo | Status::Encima => "kpi-status--falla",
            Status::SinMeta => "kpi-status--neutral",
            Status::SinDatos | Status::NoAplica => "kpi-status--vacio",
        }
    }
}

/// A count as written in Colombia (`1.234`, `−2`), or with up to two
/// decimals when it is not whole (an average headcount, a weighted sum).
pub fn figure(value: f64) -> String {
    let sign = if value < 0.0 { "−" } else { "" };
    let magnitude = value.abs();
    if (magnitude - magnitude.round()).abs() < TOLERANCE {
        format!("{sign}{}", group_thousands(magnitude.round() as u64))
    } else {
        let text = format!("{magnitude:.2}");
        let text = text.trim_end_matches('0');
        let (whole, decimals) = text.split_once('.').unwrap_or((text, ""));
        let whole = group_thousands(whole.parse().unwrap_or(0));
        if decimals.is_empty() {
            // 2.999 rounds to a whole number at two decimals.
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole},{decimals}")
        }
    }
}

/// `3 / 4`: what the value was divided from, when there is something.
pub fn fraction(numerator: Option<f64>, denominator: Option<f64>) -> Option<String> {
    match (numerator, denominator) {
        (Some(n), Some(d)) if d != 0.0 => Some(format!("{} / {}", figure(n), figure(d))),
        _ => None,
    }
}

/// The value, or a dash when there is none.
pub fn value_text(kpi: Kpi, value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), |v| kpi.format(v))
}

/// `Meta 90,0 %`, `Meta 5,0 % o menos` for the KPIs better when lower.
pub fn goal_text(kpi: Kpi, goal: Option<f64>) -> String {
    match goal {
        None => "Sin meta".into(),
        Some(goal) if kpi.higher_is_better() => format!("Meta {}", kpi.format(goal)),
        Some(goal) => format!("Meta {} o menos", kpi.format(goal)),
    }
}

/// `Emitida: 87,0 % de 3 monitoreos`.
pub fn part_text(name: &str, part: &KpiPart, unit: (&str, &str)) -> String {
    match (part.value, part.denominator) {
        (Some(value), Some(count)) => {
            let unit = if (count - 1.0).abs() < TOLERANCE {
                unit.0
            } else {
                unit.1
            };
            format!(
                "{name}: {} de {} {unit}",
                Kpi::CalidadMec.format(value),
                figure(count)
            )
        }
        _ => format!("{name}: sin datos"),
    }
}

/// The seven tiles of a report.
#[component]
pub fn KpiTiles(report: KpiReport, selected: RwSignal<Kpi>) -> impl IntoView {
    view! {
        <ul class="kpi-tiles" aria-label="Los siete indicadores">
            {Kpi::ALL.into_iter().map(|kpi| {
                let parts = (kpi == Kpi::CalidadMec).then(|| {
                    let quality = &report.calidad_mec;
                    (
                        part_text("Emitida", &quality.emitida, ("monitoreo", "monitoreos")),
                        part_text("Percibida", &quality.percibida, ("encuesta", "encuestas")),
                    )
                });
                view! { <li><KpiTile kpi figure=report.get(kpi).clone() parts selected /></li> }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn KpiTile(
    kpi: Kpi,
    figure: KpiValue,
    parts: Option<(String, String)>,
    selected: RwSignal<Kpi>,
) -> impl IntoView {
    let status = Status::of(kpi, &figure);
    // Calidad MEC's numerator and denominator are weights; its parts say more.
    let fraction = if parts.is_some() {
        None
    } else {
        fraction(figure.numerator, figure.denominator)
    };
    // "Sin meta" twice would say nothing new.
    let goal = (status != Status::SinMeta).then(|| goal_text(kpi, figure.goal));
    view! {
        <button type="button" class=format!("kpi-tile {}", status.class())
            aria-pressed=move || (selected.get() == kpi).to_string()
            on:click=move |_| selected.set(kpi)>
            <span class="kpi-tile__name">{kpi.label()}</span>
            <span class="kpi-tile__value">{value_text(kpi, figure.value)}</span>
            {fraction.map(|text| view! { <span class="kpi-tile__fraction">{text}</span> })}
            {parts.map(|(emitida, percibida)| view! {
                <span class="kpi-tile__part">{emitida}</span>
                <span class="kpi-tile__part">{percibida}</span>
            })}
            {goal.map(|text| view! { <span class="kpi-tile__goal">{text}</span> })}
            <span class="kpi-status">
                <span class="kpi-status__mark" aria-hidden="true">{status.mark()}</span>
                {status.words()}
            </span>
        </button>
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn value(value: Option<f64>, goal: Option<f64>) -> KpiValue {
        KpiValue {
            value,
            numerator: None,
            denominator: None,
            applies: true,
            goal,
        }
    }

    #[test]
    fn status_follows_the_direction_of_each_kpi() {
        let at = |kpi, v, g| Status::of(kpi, &value(Some(v), Some(g)));
        assert_eq!(at(Kpi::Contactabilidad, 0.95, 0.9), Status::Cumple);
        assert_eq!(at(Kpi::Contactabilidad, 9.0 / 10.0, 0.9), Status::Cumple);
        assert_eq!(at(Kpi::Contactabilidad, 0.8, 0.9), Status::Debajo);
        assert_eq!(at(Kpi::Nps, -10.0, 20.0), Status::Debajo);
        assert_eq!(at(Kpi::Ausentismo, 0.03, 0.05), Status::Cumple);
        assert_eq!(at(Kpi::Ausentismo, 0.05, 0.05), Status::Cumple);
        assert_eq!(at(Kpi::Rotacion, 0.08, 0.05), Status::Encima);
        assert_eq!(Status::Encima.words(), "Por encima de la meta");
        assert_eq!(Status::Debajo.words(), "Por debajo de la meta");
    }

    #[test]
    fn missing_goal_value_or_applicability_say_so() {
        assert_eq!(
            Status::of(Kpi::Fcr, &value(Some(0.7), None)),
            Status::SinMeta
        );
        assert_eq!(
            Status::of(Kpi::Fcr, &value(None, Some(0.7))),
            Status::SinDatos
        );
        let not_applicable = KpiValue::not_applicable(Some(0.9));
        assert_eq!(Status::of(Kpi::Nps, &not_applicable), Status::NoAplica);
        assert_eq!(Status::NoAplica.words(), "No aplica con estos filtros");
        assert_eq!(Status::SinDatos.words(), "Sin datos");
    }

    #[test]
    fn figures_group_thousands_and_keep_needed_decimals() {
        assert_eq!(figure(0.0), "0");
        assert_eq!(figure(12_345.0), "12.345");
        assert_eq!(figure(-2.0), "−2");
        assert_eq!(figure(2.5), "2,5");
        assert_eq!(figure(1_234.25), "1.234,25");
        assert_eq!(figure(0.875), "0,88");
        assert_eq!(figure(2.999), "3");
        assert_eq!(fraction(Some(3.0), Some(4.0)).as_deref(), Some("3 / 4"));
        assert_eq!(
            fraction(Some(1.0), Some(2_500.0)).as_deref(),
            Some("1 / 2.500")
        );
        assert_eq!(fraction(Some(0.0), Some(0.0)), None);
        assert_eq!(fraction(None, None), None);
    }

    #[test]
    fn goals_and_parts_read_in_spanish() {
        assert_eq!(goal_text(Kpi::CalidadMec, Some(0.9)), "Meta 90,0 %");
        assert_eq!(goal_text(Kpi::Ausentismo, Some(0.05)), "Meta 5,0 % o menos");
        assert_eq!(goal_text(Kpi::Nps, Some(35.0)), "Meta +35,0");
        assert_eq!(goal_text(Kpi::Fcr, None), "Sin meta");
        assert_eq!(value_text(Kpi::Fcr, None), "—");
        let part = KpiPart {
            value: Some(0.87),
            numerator: Some(2.61),
            denominator: Some(3.0),
        };
        assert_eq!(
            part_text("Emitida", &part, ("monitoreo", "monitoreos")),
            "Emitida: 87,0 % de 3 monitoreos"
        );
        let one = KpiPart {
            value: Some(1.0),
            numerator: Some(1.0),
            denominator: Some(1.0),
        };
        assert_eq!(
            part_text("Percibida", &one, ("encuesta", "encuestas")),
            "Percibida: 100,0 % de 1 encuesta"
        );
        let empty = KpiPart {
            value: None,
            numerator: Some(0.0),
            denominator: Some(0.0),
        };
        assert_eq!(
            part_text("Percibida", &empty, ("encuesta", "encuestas")),
            "Percibida: sin datos"
        );
    }

    /// A report where each KPI shows a different case.
    #[cfg(feature = "ssr")]
    pub(crate) fn sample_report() -> KpiReport {
        use crate::api::kpis::QualityValue;
        let counted = |n: f64, d: f64, scale: f64, goal| KpiValue::counted(n, d, scale, goal);
        KpiReport {
            contactabilidad: counted(3.0, 4.0, 1.0, Some(0.9)),
            efectividad: counted(1.0, 2.0, 1.0, None),
            nps: counted(1.0, 5.0, 100.0, Some(10.0)),
            fcr: counted(0.0, 0.0, 1.0, None),
            ausentismo: counted(1.0, 4.0, 1.0, Some(0.05)),
            rotacion: KpiValue::not_applicable(None),
            calidad_mec: QualityValue {
                total: KpiValue {
                    value: Some(0.918),
                    numerator: Some(0.918),
                    denominator: Some(1.0),
                    applies: true,
                    goal: Some(0.9),
                },
                emitida: KpiPart {
                    value: Some(0.87),
                    numerator: Some(0.87),
                    denominator: Some(1.0),
                },
                percibida: KpiPart {
                    value: Some(0.95),
                    numerator: Some(19.0),
                    denominator: Some(20.0),
                },
            },
        }
    }

    // Rendering to HTML needs the server build (`--features ssr`).
    #[cfg(feature = "ssr")]
    #[test]
    fn seven_tiles_say_value_goal_and_standing() {
        let owner = Owner::new();
        owner.set();
        let selected = RwSignal::new(Kpi::Nps);
        let html = view! { <KpiTiles report=sample_report() selected /> }.to_html();
        assert_eq!(html.matches("<button").count(), 7, "{html}");
        for text in [
            "75,0 %",
            "3 / 4",
            "Meta 90,0 %",
            "Por debajo de la meta",
            "+20,0",
            "1 / 5",
            "Cumple la meta",
            "Sin meta",
            "Sin datos",
            "Meta 5,0 % o menos",
            "Por encima de la meta",
            "No aplica con estos filtros",
            "91,8 %",
            "Emitida: 87,0 % de 1 monitoreo",
            "Percibida: 95,0 % de 20 encuestas",
        ] {
            assert!(html.contains(text), "{text} in {html}");
        }
        assert_eq!(html.matches("aria-pressed=\"true\"").count(), 1);
        // Calidad MEC's weights are no count to show.
        assert!(!html.contains("0,92 / 1"));
    }
}
