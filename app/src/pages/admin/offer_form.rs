//! Pieces shared by the offer and policy editors: parsing what the admin
//! typed and groups of checkboxes.

use chrono::NaiveDate;
use leptos::prelude::*;

/// Pesos as typed (`129.900`, `$ 129900`); empty is `None`.
pub(super) fn parse_pesos(
    raw: &str,
    field: &'static str,
    problems: &mut Vec<(&'static str, String)>,
) -> Option<i64> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, '$' | '.' | ' ' | '\u{a0}'))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    match cleaned.parse::<i64>() {
        Ok(value) => Some(value),
        Err(_) => {
            problems.push((
                field,
                "Escriba el valor en pesos, sin decimales (por ejemplo 129.900).".into(),
            ));
            None
        }
    }
}

/// A whole number of months; empty is `None`.
pub(super) fn parse_months(
    raw: &str,
    field: &'static str,
    problems: &mut Vec<(&'static str, String)>,
) -> Option<u32> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<u32>() {
        Ok(value) => Some(value),
        Err(_) => {
            problems.push((field, "Escriba un número entero de meses.".into()));
            None
        }
    }
}

/// A `date` input's value; empty is `None`.
pub(super) fn parse_day(
    raw: &str,
    field: &'static str,
    problems: &mut Vec<(&'static str, String)>,
) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(day) => Some(day),
        Err(_) => {
            problems.push((field, "Escriba la fecha como dd/mm/aaaa.".into()));
            None
        }
    }
}

/// A level (escalón) as typed.
pub(super) fn parse_level(
    raw: &str,
    field: &'static str,
    message: &str,
    problems: &mut Vec<(&'static str, String)>,
) -> u8 {
    match raw.trim().parse::<u8>() {
        Ok(level) => level,
        Err(_) => {
            problems.push((field, message.to_string()));
            0
        }
    }
}

/// Adds the domain's problems for fields that parsed.
pub(super) fn merge(
    mut parsed: Vec<(&'static str, String)>,
    domain: Vec<(&'static str, String)>,
) -> Vec<(&'static str, String)> {
    for (field, message) in domain {
        if !parsed.iter().any(|(f, _)| *f == field) {
            parsed.push((field, message));
        }
    }
    parsed
}

/// `$ 129.900` without the sign, as the input shows it.
pub(super) fn pesos_input(value: Option<i64>) -> String {
    value
        .map(|v| {
            crate::domain::offers::pesos(v)
                .trim_start_matches("$ ")
                .to_string()
        })
        .unwrap_or_default()
}

/// A group of checkboxes over a closed set of values.
pub(super) fn check_group<T>(
    legend: &'static str,
    hint: Option<&'static str>,
    options: &'static [T],
    label: fn(T) -> &'static str,
    selected: RwSignal<Vec<T>>,
) -> impl IntoView + use<T>
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset class="field field--group field--wide">
            <legend>{legend}</legend>
            {hint.map(|hint| view! { <p class="field-hint">{hint}</p> })}
            <div class="check-row">
                {options.iter().copied().map(|option| view! {
                    <label class="check">
                        <input type="checkbox"
                            prop:checked=move || selected.with(|list| list.contains(&option))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.update(|list| {
                                    list.retain(|v| *v != option);
                                    if on {
                                        list.push(option);
                                    }
                                });
                            } />
                        {label(option)}
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// Keeps the checked values in the order of `all` (stable diffs in the history).
pub(super) fn in_order<T: Copy + PartialEq>(all: &[T], chosen: &[T]) -> Vec<T> {
    all.iter().copied().filter(|v| chosen.contains(v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pesos_accept_dots_and_the_sign() {
        let mut problems = Vec::new();
        assert_eq!(parse_pesos("129.900", "cost", &mut problems), Some(129_900));
        assert_eq!(parse_pesos("$ 20000", "cost", &mut problems), Some(20_000));
        assert_eq!(parse_pesos("  ", "cost", &mut problems), None);
        assert!(problems.is_empty());
        assert_eq!(parse_pesos("12,5", "cost", &mut problems), None);
        assert_eq!(problems.len(), 1);
        assert_eq!(pesos_input(Some(129_900)), "129.900");
    }

    #[test]
    fn parse_errors_win_over_the_domain_check_of_the_same_field() {
        let merged = merge(
            vec![("level", "a".into())],
            vec![("level", "b".into()), ("name", "c".into())],
        );
        assert_eq!(merged, vec![("level", "a".into()), ("name", "c".into())]);
    }
}
