//! A base's rules, edited by its managers: when it may be called (days,
//! hours, holidays), when unanswered customers come back and how many times,
//! and its validity.

use crate::api::bases::{BaseView, UpdateBaseRequest, update_base};
use crate::domain::bases::{AttemptResult, RetryRules};
use crate::domain::contact_policy::{ContactPolicy, DayWindow, weekday_name};
use crate::session::use_session;
use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Results that leave a record open, with their retry delay.
const RETRIED: [AttemptResult; 4] = [
    AttemptResult::NoContesta,
    AttemptResult::Ocupado,
    AttemptResult::Buzon,
    AttemptResult::Tercero,
];

/// One weekday row of the form.
#[derive(Clone, Copy)]
struct DayRow {
    enabled: RwSignal<bool>,
    start: RwSignal<String>,
    end: RwSignal<String>,
}

#[component]
pub fn BaseSettingsForm(
    base: BaseView,
    on_saved: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let id = base.id;
    let policy = base.contact_policy.clone();
    let days: Vec<DayRow> = (1..=7u8)
        .map(|weekday| {
            let window = policy.windows.iter().find(|w| w.weekday == weekday);
            DayRow {
                enabled: RwSignal::new(window.is_some()),
                start: RwSignal::new(
                    window.map_or("07:00".into(), |w| w.start.format("%H:%M").to_string()),
                ),
                end: RwSignal::new(
                    window.map_or("19:00".into(), |w| w.end.format("%H:%M").to_string()),
                ),
            }
        })
        .collect();
    let skip_holidays = RwSignal::new(policy.skip_holidays);
    let retry: Vec<(AttemptResult, RwSignal<String>)> = RETRIED
        .iter()
        .map(|result| {
            let minutes = base
                .retry_rules
                .retry_minutes
                .get(result)
                .copied()
                .unwrap_or(60);
            (*result, RwSignal::new(minutes.to_string()))
        })
        .collect();
    let max_attempts = RwSignal::new(base.retry_rules.max_attempts.to_string());
    let valid_from = RwSignal::new(base.valid_from.map(|d| d.to_string()).unwrap_or_default());
    let valid_to = RwSignal::new(base.valid_to.map(|d| d.to_string()).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);

    let days_for_submit = days.clone();
    let retry_for_submit = retry.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        match read_form(
            &days_for_submit,
            skip_holidays,
            &retry_for_submit,
            max_attempts,
            valid_from,
            valid_to,
        ) {
            Err(message) => error.set(Some(message)),
            Ok(request) => {
                error.set(None);
                spawn_local(async move {
                    match update_base(id, &request, &csrf.get_value()).await {
                        Ok(_) => {
                            saved.set(true);
                            on_saved.run(());
                        }
                        Err(err) => error.set(Some(err.message())),
                    }
                });
            }
        }
    };

    // Opened from a row of a long table: bring the form into view.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(form) = form_ref.get() {
            form.scroll_into_view();
        }
    });
    let title = format!("Reglas de la base «{}»", base.name);
    let title_label = title.clone();
    view! {
        <form class="panel base-settings" on:submit=submit aria-label=title_label novalidate node_ref=form_ref>
            <h3>{title}</h3>
            <fieldset class="field--group">
                <legend>"Cuándo se puede llamar (hora de Bogotá, 24 horas)"</legend>
                <div class="policy-grid">
                    {days.into_iter().enumerate().map(|(index, row)| {
                        let weekday = index as u8 + 1;
                        let name = weekday_name(weekday);
                        let check_id = format!("dia-{weekday}");
                        let check_for = check_id.clone();
                        view! {
                            <div class="policy-row">
                                <label class="check" for=check_for>
                                    <input type="checkbox" id=check_id prop:checked=move || row.enabled.get()
                                        on:change=move |ev| row.enabled.set(event_target_checked(&ev)) />
                                    {capitalize(name)}
                                </label>
                                <label class="visually-hidden" for=format!("desde-{weekday}")>{format!("Desde el {name}")}</label>
                                <input type="text" class="time-input" inputmode="numeric" placeholder="hh:mm" maxlength="5" id=format!("desde-{weekday}") bind:value=row.start disabled=move || !row.enabled.get() />
                                <span aria-hidden="true">"a"</span>
                                <label class="visually-hidden" for=format!("hasta-{weekday}")>{format!("Hasta el {name}")}</label>
                                <input type="text" class="time-input" inputmode="numeric" placeholder="hh:mm" maxlength="5" id=format!("hasta-{weekday}") bind:value=row.end disabled=move || !row.enabled.get() />
                            </div>
                        }
                    }).collect_view()}
                </div>
                <label class="check" for="sin-festivos">
                    <input type="checkbox" id="sin-festivos" prop:checked=move || skip_holidays.get()
                        on:change=move |ev| skip_holidays.set(event_target_checked(&ev)) />
                    "No llamar en festivos de Colombia"
                </label>
            </fieldset>
            <fieldset class="field--group">
                <legend>"Reintentos"</legend>
                <div class="form-grid">
                    {retry.into_iter().map(|(result, minutes)| {
                        let input_id = format!("reintento-{}", result.code().to_lowercase());
                        let label_for = input_id.clone();
                        view! {
                            <div class="field">
                                <label for=label_for>{format!("{}: volver en (minutos)", result.label())}</label>
                                <input id=input_id type="number" min="1" inputmode="numeric" bind:value=minutes />
                            </div>
                        }
                    }).collect_view()}
                    <div class="field">
                        <label for="max-intentos">"Intentos máximos"</label>
                        <input id="max-intentos" type="number" min="1" inputmode="numeric" bind:value=max_attempts />
                    </div>
                </div>
            </fieldset>
            <div class="form-grid">
                <div class="field">
                    <label for="regla-desde">"Vigente desde"</label>
                    <input id="regla-desde" type="date" bind:value=valid_from />
                </div>
                <div class="field">
                    <label for="regla-hasta">"Vigente hasta"</label>
                    <input id="regla-hasta" type="date" bind:value=valid_to />
                </div>
            </div>
            <div class="form-actions">
                <p class="form-error" role="alert">{move || error.get()}</p>
                {move || saved.get().then(|| view! { <p class="form-success" role="status">"Reglas guardadas."</p> })}
                <button type="button" class="button" on:click=move |_| on_close.run(())>"Cerrar"</button>
                <button type="submit" class="button button--primary">"Guardar reglas"</button>
            </div>
        </form>
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The form as a request, or the first problem in Spanish.
fn read_form(
    days: &[DayRow],
    skip_holidays: RwSignal<bool>,
    retry: &[(AttemptResult, RwSignal<String>)],
    max_attempts: RwSignal<String>,
    valid_from: RwSignal<String>,
    valid_to: RwSignal<String>,
) -> Result<UpdateBaseRequest, String> {
    let time = |value: String, weekday: u8| {
        NaiveTime::parse_from_str(value.trim(), "%H:%M")
            .map_err(|_| format!("Revise la hora del {}.", weekday_name(weekday)))
    };
    let mut windows = Vec::new();
    for (index, row) in days.iter().enumerate() {
        let weekday = index as u8 + 1;
        if row.enabled.get_untracked() {
            windows.push(DayWindow {
                weekday,
                start: time(row.start.get_untracked(), weekday)?,
                end: time(row.end.get_untracked(), weekday)?,
            });
        }
    }
    let policy = ContactPolicy {
        windows,
        skip_holidays: skip_holidays.get_untracked(),
    };
    if let Some(problem) = policy.problems().into_iter().next() {
        return Err(problem);
    }
    let number = |value: String, what: &str| {
        value
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| format!("{what} debe ser un número entero mayor que cero."))
    };
    let mut rules = RetryRules {
        retry_minutes: Default::default(),
        max_attempts: number(max_attempts.get_untracked(), "Los intentos máximos")?,
    };
    for (result, minutes) in retry {
        let value = number(
            minutes.get_untracked(),
            &format!("El reintento de «{}»", result.label()),
        )?;
        rules.retry_minutes.insert(*result, value);
    }
    let date = |value: String| {
        let value = value.trim().to_string();
        if value.is_empty() {
            Ok(None)
        } else {
            NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| "Revise las fechas de vigencia.".to_string())
        }
    };
    Ok(UpdateBaseRequest {
        contact_policy: Some(policy),
        retry_rules: Some(rules),
        valid_from: date(valid_from.get_untracked())?,
        valid_to: date(valid_to.get_untracked())?,
        ..Default::default()
    })
}
