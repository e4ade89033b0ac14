//! The period picker: presets counted from today in Bogotá, or a range typed
//! in two date inputs.

use crate::domain::kpis::Period;
use crate::domain::local_time::local_date;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use leptos::prelude::*;

/// The periods a leader asks for most, and "Rango" for any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Hoy,
    Ayer,
    EstaSemana,
    EsteMes,
    Rango,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::Hoy,
        Preset::Ayer,
        Preset::EstaSemana,
        Preset::EsteMes,
        Preset::Rango,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Preset::Hoy => "Hoy",
            Preset::Ayer => "Ayer",
            Preset::EstaSemana => "Esta semana",
            Preset::EsteMes => "Este mes",
            Preset::Rango => "Rango",
        }
    }

    /// The days the preset names when today is `today`; `None` for a range,
    /// whose days the user types.
    pub fn period(self, today: NaiveDate) -> Option<Period> {
        let span = |from: NaiveDate, to: NaiveDate| Some(Period { from, to });
        match self {
            Preset::Hoy => span(today, today),
            Preset::Ayer => {
                let yesterday = today - Duration::days(1);
                span(yesterday, yesterday)
            }
            // The operation's weeks start on Monday.
            Preset::EstaSemana => span(
                today - Duration::days(i64::from(today.weekday().num_days_from_monday())),
                today,
            ),
            Preset::EsteMes => span(today.with_day(1).unwrap_or(today), today),
            Preset::Rango => None,
        }
    }
}

/// Today in Bogotá, read when asked so a tab left open overnight moves on.
pub fn today() -> NaiveDate {
    local_date(Utc::now())
}

/// `El 15/03/2026` or `Del 01/03/2026 al 15/03/2026`.
pub fn describe(period: Period) -> String {
    if period.from == period.to {
        format!("El {}", period.from.format("%d/%m/%Y"))
    } else {
        format!(
            "Del {} al {}",
            period.from.format("%d/%m/%Y"),
            period.to.format("%d/%m/%Y")
        )
    }
}

/// Two date inputs' values as a period, or why not, in Spanish.
pub fn parse_range(from: &str, to: &str) -> Result<Period, String> {
    let parse = |value: &str| NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok();
    match (parse(from), parse(to)) {
        (Some(from), Some(to)) => Period::new(from, to),
        _ => Err("Escriba las dos fechas del periodo.".into()),
    }
}

fn input_value(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// The preset buttons, and the two dates of a range once "Rango" is chosen.
#[component]
pub fn PeriodPicker(preset: RwSignal<Preset>, period: RwSignal<Period>) -> impl IntoView {
    let from_text = RwSignal::new(input_value(period.get_untracked().from));
    let to_text = RwSignal::new(input_value(period.get_untracked().to));
    let problem = RwSignal::new(None::<String>);

    let choose = move |chosen: Preset| {
        preset.set(chosen);
        problem.set(None);
        match chosen.period(today()) {
            Some(days) => period.set(days),
            None => {
                // The range starts from what is shown, to be narrowed or widened.
                let shown = period.get_untracked();
                from_text.set(input_value(shown.from));
                to_text.set(input_value(shown.to));
            }
        }
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_range(&from_text.get_untracked(), &to_text.get_untracked()) {
            Ok(days) => {
                problem.set(None);
                period.set(days);
            }
            Err(message) => problem.set(Some(message)),
        }
    };

    view! {
        <div class="kpi-period">
            <div class="segmented" role="group" aria-label="Periodo">
                {Preset::ALL.into_iter().map(|option| view! {
                    <button type="button" class="segmented__option"
                        aria-pressed=move || (preset.get() == option).to_string()
                        on:click=move |_| choose(option)>
                        {option.label()}
                    </button>
                }).collect_view()}
            </div>
            <Show when=move || preset.get() == Preset::Rango>
                <form class="kpi-range" on:submit=apply novalidate aria-label="Rango de fechas">
                    <div class="field field--inline">
                        <label for="kpi-desde">"Desde"</label>
                        <input id="kpi-desde" type="date" prop:value=move || from_text.get()
                            on:input=move |ev| from_text.set(event_target_value(&ev)) />
                    </div>
                    <div class="field field--inline">
                        <label for="kpi-hasta">"Hasta"</label>
                        <input id="kpi-hasta" type="date" prop:value=move || to_text.get()
                            on:input=move |ev| to_text.set(event_target_value(&ev)) />
                    </div>
                    <button type="submit" class="button">"Consultar"</button>
                </form>
            </Show>
            <p class="form-error" role="alert">{move || problem.get()}</p>
            <p class="kpi-period__shown" aria-live="polite">{move || describe(period.get())}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn days(preset: Preset, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let period = preset.period(today).unwrap();
        (period.from, period.to)
    }

    #[test]
    fn presets_count_from_today() {
        // Thursday 12 March 2026.
        let today = day(2026, 3, 12);
        assert_eq!(days(Preset::Hoy, today), (today, today));
        assert_eq!(
            days(Preset::Ayer, today),
            (day(2026, 3, 11), day(2026, 3, 11))
        );
        assert_eq!(days(Preset::EstaSemana, today), (day(2026, 3, 9), today));
        assert_eq!(days(Preset::EsteMes, today), (day(2026, 3, 1), today));
        assert_eq!(Preset::Rango.period(today), None);
    }

    #[test]
    fn a_week_starts_on_monday_and_yesterday_crosses_months() {
        let monday = day(2026, 3, 9);
        assert_eq!(days(Preset::EstaSemana, monday), (monday, monday));
        let sunday = day(2026, 3, 15);
        assert_eq!(days(Preset::EstaSemana, sunday), (monday, sunday));
        let first = day(2026, 3, 1);
        assert_eq!(
            days(Preset::Ayer, first),
            (day(2026, 2, 28), day(2026, 2, 28))
        );
        assert_eq!(days(Preset::EsteMes, first), (first, first));
    }

    #[test]
    fn ranges_are_read_and_refused_in_spanish() {
        let period = parse_range("2026-03-01", " 2026-03-15 ").unwrap();
        assert_eq!(
            (period.from, period.to),
            (day(2026, 3, 1), day(2026, 3, 15))
        );
        assert_eq!(
            parse_range("", "2026-03-15").unwrap_err(),
            "Escriba las dos fechas del periodo."
        );
        assert!(
            parse_range("2026-03-15", "2026-03-01")
                .unwrap_err()
                .contains("antes de empezar")
        );
    }

    #[test]
    fn periods_read_as_sentences() {
        let one = Period::new(day(2026, 3, 5), day(2026, 3, 5)).unwrap();
        assert_eq!(describe(one), "El 05/03/2026");
        let many = Period::new(day(2026, 3, 1), day(2026, 3, 15)).unwrap();
        assert_eq!(describe(many), "Del 01/03/2026 al 15/03/2026");
    }
}
