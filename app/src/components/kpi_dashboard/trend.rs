//! The trend of the chosen indicator: an SVG line over the period's days,
//! weeks or months, the goal as a dashed line, and the same figures as a
//! table for screen readers and for whoever wants the numbers.

use super::export::ExportLinks;
use super::period::describe;
use super::tiles::{Status, fraction, value_text};
use crate::api::kpis::{Granularity, SeriesPoint, series};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::domain::kpis::{Kpi, KpiFilters, Period};
use leptos::prelude::*;

/// The drawing's own units; the SVG scales to its box.
pub const WIDTH: f64 = 800.0;
pub const HEIGHT: f64 = 260.0;
const LEFT: f64 = 56.0;
/// Room on the right for the goal's label.
const RIGHT: f64 = 72.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;
/// An x label's character, and the gap between labels, in drawing units.
const CHAR_WIDTH: f64 = 7.0;
const LABEL_GAP: f64 = 14.0;

const PLOT_WIDTH: f64 = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT: f64 = HEIGHT - TOP - BOTTOM;

/// Days for a short period, weeks up to the server's bucket limit, else months.
pub fn default_granularity(period: Period) -> Granularity {
    let days = (period.to - period.from).num_days() + 1;
    if days <= 31 {
        Granularity::Dia
    } else if days / 7 < 390 {
        Granularity::Semana
    } else {
        Granularity::Mes
    }
}

/// The y axis: 0–100 % for ratios, −100…100 for NPS.
pub fn bounds(kpi: Kpi) -> (f64, f64) {
    if kpi.is_ratio() {
        (0.0, 1.0)
    } else {
        (-100.0, 100.0)
    }
}

/// Five gridlines from bottom to top.
pub fn ticks(kpi: Kpi) -> [f64; 5] {
    let (low, high) = bounds(kpi);
    let step = (high - low) / 4.0;
    [low, low + step, low + 2.0 * step, low + 3.0 * step, high]
}

/// `25 %`, or `−50` for NPS (whole numbers: the axis only orients).
pub fn tick_label(kpi: Kpi, value: f64) -> String {
    let text = if kpi.is_ratio() {
        format!("{:.0} %", value * 100.0)
    } else {
        format!("{value:.0}")
    };
    text.replace('-', "−")
}

/// The y of a value; values beyond the axis sit on its edge.
pub fn y_of(kpi: Kpi, value: f64) -> f64 {
    let (low, high) = bounds(kpi);
    let share = ((value - low) / (high - low)).clamp(0.0, 1.0);
    TOP + (1.0 - share) * PLOT_HEIGHT
}

/// The x of bucket `index` of `count`: the middle of its slot, so one
/// bucket sits in the centre and none touches the axis.
pub fn x_of(index: usize, count: usize) -> f64 {
    let slot = PLOT_WIDTH / count.max(1) as f64;
    LEFT + (index as f64 + 0.5) * slot
}

/// Show every n-th x label so that labels of `longest` characters never
/// overlap.
pub fn label_step(count: usize, longest: usize) -> usize {
    let label = longest.max(1) as f64 * CHAR_WIDTH + LABEL_GAP;
    let fit = ((PLOT_WIDTH / label).floor() as usize).max(1);
    count.div_ceil(fit).max(1)
}

/// An SVG path through the points, broken where a bucket has no value.
pub fn line_path(points: &[Option<(f64, f64)>]) -> String {
    let mut path = String::new();
    let mut pen_down = false;
    for point in points {
        match point {
            Some((x, y)) => {
                let command = if pen_down { 'L' } else { 'M' };
                if !path.is_empty() {
                    path.push(' ');
                }
                path.push_str(&format!("{command}{x:.1} {y:.1}"));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    path
}

/// One sentence for screen readers: range, last value, extremes and goal.
pub fn summary(
    kpi: Kpi,
    by: Granularity,
    points: &[(String, Option<f64>)],
    goal: Option<f64>,
) -> String {
    let head = format!("Tendencia de {} por {}", kpi.label(), granularity_noun(by));
    let valued: Vec<(&str, f64)> = points
        .iter()
        .filter_map(|(label, value)| value.map(|v| (label.as_str(), v)))
        .collect();
    let Some((last_label, last)) = valued.last() else {
        return format!("{head}: sin datos en el periodo.");
    };
    let min = valued.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
    let max = valued
        .iter()
        .map(|(_, v)| *v)
        .fold(f64::NEG_INFINITY, f64::max);
    let goal = goal.map_or_else(
        || "sin meta".to_string(),
        |g| format!("meta {}", kpi.format(g)),
    );
    format!(
        "{head}: {} de {} con datos; último {} ({last_label}); mínimo {}, máximo {}; {goal}.",
        valued.len(),
        points.len(),
        kpi.format(*last),
        kpi.format(min),
        kpi.format(max),
    )
}

/// `Día`, for the selector.
pub fn granularity_label(by: Granularity) -> &'static str {
    match by {
        Granularity::Dia => "Día",
        Granularity::Semana => "Semana",
        Granularity::Mes => "Mes",
    }
}

/// `día`, inside a sentence.
pub fn granularity_noun(by: Granularity) -> &'static str {
    match by {
        Granularity::Dia => "día",
        Granularity::Semana => "semana",
        Granularity::Mes => "mes",
    }
}

/// The panel: heading, granularity, chart and data, export links.
#[component]
pub fn TrendPanel(
    period: Signal<Period>,
    filters: Signal<KpiFilters>,
    selected: RwSignal<Kpi>,
) -> impl IntoView {
    // A choice holds for the period it was made on; a new period gets its
    // own default.
    let chosen = RwSignal::new(None::<(Period, Granularity)>);
    let by = Memo::new(move |_| {
        let period = period.get();
        match chosen.get() {
            Some((at, by)) if at == period => by,
            _ => default_granularity(period),
        }
    });
    let points = LocalResource::new(move || {
        let (period, filters, by) = (period.get(), filters.get(), by.get());
        async move { series(period, &filters, by).await }
    });
    let by_code = Signal::derive(move || Some(by.get().code()));

    view! {
        <section class="panel kpi-trend" aria-labelledby="kpi-tendencia-titulo">
            <div class="section-head">
                <h2 id="kpi-tendencia-titulo">{move || format!("Tendencia de {}", selected.get().label())}</h2>
                <ExportLinks period filters view="serie" by=by_code what="de la tendencia" />
            </div>
            <div class="segmented" role="group" aria-label="Agrupar por">
                {[Granularity::Dia, Granularity::Semana, Granularity::Mes].into_iter().map(|option| view! {
                    <button type="button" class="segmented__option"
                        aria-pressed=move || (by.get() == option).to_string()
                        on:click=move |_| chosen.set(Some((period.get_untracked(), option)))>
                        {granularity_label(option)}
                    </button>
                }).collect_view()}
            </div>
            <Transition fallback=|| view! { <Loading label="Calculando la tendencia…" /> }>
                {move || Suspend::new(async move {
                    match points.await {
                        Err(err) => view! {
                            <ErrorPanel title="No se pudo calcular la tendencia" message=err.message() />
                        }.into_any(),
                        Ok(points) => {
                            let by = by.get_untracked();
                            view! { <TrendChart points by selected /> }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn TrendChart(points: Vec<SeriesPoint>, by: Granularity, selected: RwSignal<Kpi>) -> impl IntoView {
    if points.is_empty() {
        return view! { <p class="empty">"No hay días en el periodo elegido."</p> }.into_any();
    }
    let span = describe(Period {
        from: points[0].from,
        to: points[points.len() - 1].to,
    });
    view! {
        <p class="muted small">{span}</p>
        {move || chart(&points, by, selected.get())}
    }
    .into_any()
}

/// The SVG and its table, for one indicator.
fn chart(points: &[SeriesPoint], by: Granularity, kpi: Kpi) -> impl IntoView + use<> {
    let count = points.len();
    let values: Vec<(String, Option<f64>)> = points
        .iter()
        .map(|p| (p.label.clone(), p.report.get(kpi).value))
        .collect();
    let goal = points.last().and_then(|p| p.report.get(kpi).goal);
    let description = summary(kpi, by, &values, goal);
    let coordinates: Vec<Option<(f64, f64)>> = values
        .iter()
        .enumerate()
        .map(|(i, (_, v))| v.map(|v| (x_of(i, count), y_of(kpi, v))))
        .collect();
    let line = line_path(&coordinates);
    let longest = values
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(1);
    let step = label_step(count, longest);
    let baseline = HEIGHT - BOTTOM;

    let grid = ticks(kpi).into_iter().map(|tick| {
        let y = y_of(kpi, tick);
        view! {
            <line class="kpi-chart__grid" x1=LEFT x2=WIDTH - RIGHT y1=y y2=y />
            <text class="kpi-chart__tick" x=LEFT - 8.0 y=y + 4.0 text-anchor="end">{tick_label(kpi, tick)}</text>
        }
    }).collect_view();
    let x_labels = values.iter().enumerate().filter(|(i, _)| i % step == 0).map(|(i, (label, _))| view! {
        <text class="kpi-chart__tick" x=x_of(i, count) y=baseline + 20.0 text-anchor="middle">{label.clone()}</text>
    }).collect_view();
    let goal_line = goal.map(|goal| {
        let y = y_of(kpi, goal);
        view! {
            <line class="kpi-chart__goal" stroke-dasharray="8 5" x1=LEFT x2=WIDTH - RIGHT y1=y y2=y />
            <text class="kpi-chart__goal-label" x=WIDTH - RIGHT + 6.0 y=y - 2.0>"Meta"</text>
            <text class="kpi-chart__goal-value" x=WIDTH - RIGHT + 6.0 y=y + 12.0>{kpi.format(goal)}</text>
        }
    });
    let dots = coordinates
        .iter()
        .zip(&values)
        .filter_map(|(at, (label, value))| {
            let ((x, y), value) = ((*at)?, (*value)?);
            let tip = format!("{label}: {}", kpi.format(value));
            Some(view! {
                <circle class="kpi-chart__point" cx=x cy=y r="4.5"><title>{tip}</title></circle>
            })
        })
        .collect_view();
    let rows = points.iter().map(|p| {
        let figure = p.report.get(kpi);
        let status = Status::of(kpi, figure);
        view! {
            <tr>
                <th scope="row">{p.label.clone()}</th>
                <td class="num">{value_text(kpi, figure.value)}</td>
                <td class="num">{fraction(figure.numerator, figure.denominator).unwrap_or_default()}</td>
                <td>{status.words()}</td>
            </tr>
        }
    }).collect_view();

    view! {
        <svg class="kpi-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
            aria-labelledby="kpi-chart-title" preserveAspectRatio="xMidYMid meet">
            <title id="kpi-chart-title">{description.clone()}</title>
            {grid}
            <line class="kpi-chart__axis" x1=LEFT x2=WIDTH - RIGHT y1=baseline y2=baseline />
            {goal_line}
            <path class="kpi-chart__line" d=line />
            {dots}
            {x_labels}
        </svg>
        <details class="kpi-trend__data">
            <summary>"Ver datos"</summary>
            <div class="table-wrap"><table class="table">
                <caption class="visually-hidden">{description}</caption>
                <thead><tr>
                    <th scope="col">"Periodo"</th>
                    <th scope="col" class="num">{kpi.label()}</th>
                    <th scope="col" class="num">"Numerador / denominador"</th>
                    <th scope="col">"Estado"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn period(from: (i32, u32, u32), to: (i32, u32, u32)) -> Period {
        let day = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        Period::new(day(from), day(to)).unwrap()
    }

    #[test]
    fn granularity_defaults_to_days_for_a_month_or_less() {
        assert_eq!(
            default_granularity(period((2026, 3, 1), (2026, 3, 31))),
            Granularity::Dia
        );
        assert_eq!(
            default_granularity(period((2026, 3, 5), (2026, 3, 5))),
            Granularity::Dia
        );
        assert_eq!(
            default_granularity(period((2026, 1, 1), (2026, 3, 31))),
            Granularity::Semana
        );
        // Weeks of ten years pass the server's 400 buckets: months then.
        assert_eq!(
            default_granularity(period((2016, 1, 1), (2025, 12, 31))),
            Granularity::Mes
        );
    }

    #[test]
    fn values_map_onto_the_axis_and_stay_inside_it() {
        let bottom = HEIGHT - BOTTOM;
        assert_eq!(y_of(Kpi::Fcr, 0.0), bottom);
        assert_eq!(y_of(Kpi::Fcr, 1.0), TOP);
        assert_eq!(y_of(Kpi::Fcr, 0.5), TOP + PLOT_HEIGHT / 2.0);
        assert_eq!(y_of(Kpi::Nps, 0.0), TOP + PLOT_HEIGHT / 2.0);
        assert_eq!(y_of(Kpi::Nps, -100.0), bottom);
        assert_eq!(y_of(Kpi::Rotacion, 1.7), TOP);
        assert_eq!(y_of(Kpi::Rotacion, -0.2), bottom);
    }

    #[test]
    fn ticks_read_as_percentages_or_points() {
        let ratio: Vec<String> = ticks(Kpi::Contactabilidad)
            .iter()
            .map(|t| tick_label(Kpi::Contactabilidad, *t))
            .collect();
        assert_eq!(ratio, ["0 %", "25 %", "50 %", "75 %", "100 %"]);
        let nps: Vec<String> = ticks(Kpi::Nps)
            .iter()
            .map(|t| tick_label(Kpi::Nps, *t))
            .collect();
        assert_eq!(nps, ["−100", "−50", "0", "50", "100"]);
    }

    #[test]
    fn buckets_sit_in_the_middle_of_their_slots() {
        assert_eq!(x_of(0, 1), LEFT + PLOT_WIDTH / 2.0);
        assert_eq!(x_of(0, 2), LEFT + PLOT_WIDTH / 4.0);
        assert!(x_of(29, 30) < WIDTH - RIGHT);
    }

    #[test]
    fn labels_thin_out_to_fit() {
        assert_eq!(label_step(1, 5), 1);
        assert_eq!(label_step(7, 5), 1);
        // Thirty days of `dd/mm` do not all fit; every few is shown.
        let step = label_step(31, 5);
        assert!(step > 1 && step <= 3, "{step}");
        // Week labels are long: fewer fit.
        assert!(label_step(13, 14) >= 2);
        // Whatever is shown fits the width.
        for (count, longest) in [(31_usize, 5), (53, 14), (120, 8)] {
            let shown = count.div_ceil(label_step(count, longest));
            assert!(shown as f64 * (longest as f64 * CHAR_WIDTH + LABEL_GAP) <= PLOT_WIDTH);
        }
    }

    #[test]
    fn the_line_breaks_where_a_bucket_has_no_value() {
        assert_eq!(line_path(&[]), "");
        assert_eq!(line_path(&[Some((1.0, 2.0))]), "M1.0 2.0");
        assert_eq!(
            line_path(&[
                Some((1.0, 2.0)),
                Some((3.0, 4.0)),
                None,
                Some((5.0, 6.0)),
                Some((7.0, 8.0))
            ]),
            "M1.0 2.0 L3.0 4.0 M5.0 6.0 L7.0 8.0"
        );
    }

    #[test]
    fn the_summary_names_the_last_value_and_the_goal() {
        let points = vec![
            ("01/03".to_string(), Some(0.5)),
            ("02/03".to_string(), None),
            ("03/03".to_string(), Some(0.75)),
        ];
        assert_eq!(
            summary(Kpi::CalidadMec, Granularity::Dia, &points, Some(0.9)),
            "Tendencia de Calidad MEC por día: 2 de 3 con datos; último 75,0 % (03/03); mínimo 50,0 %, máximo 75,0 %; meta 90,0 %."
        );
        assert_eq!(
            summary(
                Kpi::Nps,
                Granularity::Semana,
                &[("Sem 10".into(), None)],
                None
            ),
            "Tendencia de NPS por semana: sin datos en el periodo."
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_chart_draws_points_goal_and_a_table() {
        use crate::components::kpi_dashboard::tiles::tests::sample_report;
        let owner = Owner::new();
        owner.set();
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let points: Vec<SeriesPoint> = (1..=3)
            .map(|d| SeriesPoint {
                label: format!("{d:02}/03"),
                from: day(d),
                to: day(d),
                report: sample_report(),
            })
            .collect();
        let html = view! { {chart(&points, Granularity::Dia, Kpi::Contactabilidad)} }.to_html();
        assert_eq!(html.matches("<circle").count(), 3, "{html}");
        for text in [
            "role=\"img\"",
            "Tendencia de Contactabilidad por día: 3 de 3 con datos",
            "stroke-dasharray",
            ">Meta<",
            "100 %",
            "03/03: 75,0 %",
            "Ver datos",
            "Por debajo de la meta",
        ] {
            assert!(html.contains(text), "{text} in {html}");
        }
        // Without a goal there is no goal line.
        let html = view! { {chart(&points, Granularity::Dia, Kpi::Efectividad)} }.to_html();
        assert!(!html.contains(">Meta<"));
    }
}
