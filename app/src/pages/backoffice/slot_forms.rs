//! Opening slots: a zone, a range of days, the franjas and a capacity at
//! once, or a CSV file from WFM. Existing slots change their capacity.

use super::agenda::{Agenda, ZONES_LIST};
use super::agenda_grid::{day_input, parse_day_input};
use super::form_parts::{import_problems, slot_import_text};
use crate::api::client::ClientError;
use crate::api::field_ops::{SlotBatch, import_slots, open_slots};
use crate::components::forms::{FieldBox, Problems};
use crate::domain::field_ops::{BOOKING_DAYS, Franja, MAX_CAPACITY, slot_problems};
use crate::domain::local_time::local_date;
use chrono::{Duration, NaiveDate, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

const IMPORT_INPUT: &str = "importar-cupos";
const CSV_COLUMNS: &str = "zona,fecha,franja,capacidad";

/// The form as typed.
#[derive(Clone, Copy)]
struct BatchFields {
    zone: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    franjas: RwSignal<Vec<Franja>>,
    capacity: RwSignal<String>,
    skip_holidays: RwSignal<bool>,
}

impl BatchFields {
    fn new(today: NaiveDate) -> Self {
        BatchFields {
            zone: RwSignal::new(String::new()),
            from: RwSignal::new(day_input(today)),
            to: RwSignal::new(day_input(today + Duration::days(BOOKING_DAYS - 1))),
            franjas: RwSignal::new(Franja::ALL.to_vec()),
            capacity: RwSignal::new(String::new()),
            skip_holidays: RwSignal::new(true),
        }
    }

    /// The batch, or every problem found (checked with the agenda's rule for
    /// each end of the range).
    fn read(&self, today: NaiveDate) -> Result<SlotBatch, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let from = parse_day_input(&self.from.get_untracked());
        let to = parse_day_input(&self.to.get_untracked());
        if from.is_none() {
            problems.push(("from", "Escriba la fecha inicial.".to_string()));
        }
        if to.is_none() {
            problems.push(("to", "Escriba la fecha final.".to_string()));
        }
        let capacity = self.capacity.get_untracked().trim().parse::<i32>();
        if capacity.is_err() {
            problems.push((
                "capacity",
                format!("Escriba la capacidad como un número entero de 0 a {MAX_CAPACITY}."),
            ));
        }
        let zone = self.zone.get_untracked().trim().to_string();
        for (field, message) in slot_problems(
            &zone,
            from.unwrap_or(today),
            *capacity.as_ref().unwrap_or(&0),
            today,
        ) {
            let field = if field == "date" { "from" } else { field };
            if !problems.iter().any(|(f, _)| *f == field) {
                problems.push((field, message));
            }
        }
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            problems.push(("to", "La fecha final es anterior a la inicial.".into()));
        }
        let franjas: Vec<Franja> = Franja::ALL
            .iter()
            .copied()
            .filter(|f| self.franjas.with_untracked(|chosen| chosen.contains(f)))
            .collect();
        if franjas.is_empty() {
            problems.push(("franjas", "Marque al menos una franja.".into()));
        }
        match (problems.is_empty(), from, to, capacity) {
            (true, Some(from), Some(to), Ok(capacity)) => Ok(SlotBatch {
                zone,
                from,
                to,
                franjas,
                capacity,
                skip_holidays: self.skip_holidays.get_untracked(),
            }),
            _ => Err(problems),
        }
    }
}

/// "Abrir cupos": one zone, every day of a range.
#[component]
pub(super) fn OpenSlots(agenda: Agenda, csrf: StoredValue<String>) -> impl IntoView {
    let today = local_date(Utc::now());
    let f = BatchFields::new(today);
    let problems = RwSignal::new(Problems::default());
    let saved = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let error = move |names: &'static [&'static str]| {
        Signal::derive(move || problems.with(|p| p.field_any(names)))
    };

    let franjas_error = error(&["franjas"]);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let batch = match f.read(local_date(Utc::now())) {
            Ok(batch) => batch,
            Err(list) => {
                problems.set(Problems::local(list));
                return;
            }
        };
        problems.set(Problems::default());
        pending.set(true);
        spawn_local(async move {
            match open_slots(&batch, &csrf.get_value()).await {
                Ok(report) => {
                    saved.try_set(Some(format!(
                        "{} Zona {}.",
                        slot_import_text(report.created, report.updated),
                        batch.zone
                    )));
                    agenda.refresh();
                }
                Err(err) => {
                    problems.try_set(Problems::server(err));
                }
            }
            pending.try_set(false);
        });
    };
    let recheck = move |_: leptos::ev::Event| {
        if problems.with_untracked(Problems::is_local) {
            problems.set(match f.read(local_date(Utc::now())) {
                Ok(_) => Problems::default(),
                Err(list) => Problems::local(list),
            });
        }
    };

    view! {
        <section class="panel" aria-labelledby="abrir-cupos-titulo">
            <h2 id="abrir-cupos-titulo">"Abrir cupos"</h2>
            <p class="field-hint">"Crea los cupos de una zona para cada día del rango; los que ya existen toman la nueva capacidad."</p>
            <form class="form-grid" novalidate on:submit=submit on:input=recheck on:change=recheck aria-labelledby="abrir-cupos-titulo">
                <FieldBox id="abrir-zona" label="Zona" error=error(&["zone"]) wide=true>
                    <input id="abrir-zona" list=ZONES_LIST maxlength="80" autocomplete="off"
                        aria-describedby="abrir-zona-error"
                        prop:value=move || f.zone.get()
                        on:input=move |ev| f.zone.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="abrir-desde" label="Desde" error=error(&["from", "date"])>
                    <input id="abrir-desde" type="date" aria-describedby="abrir-desde-error"
                        prop:value=move || f.from.get()
                        on:input=move |ev| f.from.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="abrir-hasta" label="Hasta" error=error(&["to"])>
                    <input id="abrir-hasta" type="date" aria-describedby="abrir-hasta-error"
                        prop:value=move || f.to.get()
                        on:input=move |ev| f.to.set(event_target_value(&ev)) />
                </FieldBox>
                <fieldset class="field field--group field--wide" class:field--invalid=move || franjas_error.get().is_some()>
                    <legend>"Franjas"</legend>
                    <div class="check-row">
                        {Franja::ALL.iter().copied().map(|franja| view! {
                            <label class="check">
                                <input type="checkbox"
                                    prop:checked=move || f.franjas.with(|list| list.contains(&franja))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        f.franjas.update(|list| {
                                            list.retain(|v| *v != franja);
                                            if on {
                                                list.push(franja);
                                            }
                                        });
                                    } />
                                {franja.label()}
                            </label>
                        }).collect_view()}
                    </div>
                    <p class="field-error" aria-live="polite">{move || franjas_error.get()}</p>
                </fieldset>
                <FieldBox id="abrir-capacidad" label="Capacidad por franja" error=error(&["capacity"])
                    hint="Visitas que caben en cada franja de cada día.">
                    <input id="abrir-capacidad" type="number" min="0" max=MAX_CAPACITY step="1" inputmode="numeric"
                        aria-describedby="abrir-capacidad-ayuda abrir-capacidad-error"
                        prop:value=move || f.capacity.get()
                        on:input=move |ev| f.capacity.set(event_target_value(&ev)) />
                </FieldBox>
                <div class="field field--check">
                    <input id="abrir-sin-festivos" type="checkbox"
                        prop:checked=move || f.skip_holidays.get()
                        on:change=move |ev| f.skip_holidays.set(event_target_checked(&ev)) />
                    <label for="abrir-sin-festivos">"Sin domingos ni festivos"</label>
                </div>
                <div class="form-actions">
                    <p class="form-error" role="alert">{move || problems.with(Problems::summary)}</p>
                    <p class="form-success" role="status">{move || saved.get()}</p>
                    <button type="submit" class="button button--primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Abriendo…" } else { "Abrir cupos" }}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The agenda from a CSV file: all of it or nothing.
#[component]
pub(super) fn ImportSlots(agenda: Agenda, csrf: StoredValue<String>) -> impl IntoView {
    let importing = RwSignal::new(false);
    let result = RwSignal::new(None::<String>);
    let problems = RwSignal::new(None::<(String, Vec<String>)>);

    let import = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        importing.set(true);
        result.set(None);
        problems.set(None);
        spawn_local(async move {
            match import_slots(IMPORT_INPUT, &csrf.get_value()).await {
                Ok(report) => {
                    result.try_set(Some(format!(
                        "Archivo importado: {}",
                        slot_import_text(report.created, report.updated)
                    )));
                    agenda.refresh();
                }
                Err(ClientError::Unexpected(_)) => {
                    problems.try_set(Some(("Elija primero el archivo CSV.".into(), Vec::new())));
                }
                Err(err) => {
                    problems.try_set(Some(import_problems(&err)));
                }
            }
            importing.try_set(false);
        });
    };

    view! {
        <section class="panel" aria-labelledby="importar-cupos-titulo">
            <h2 id="importar-cupos-titulo">"Importar cupos desde CSV"</h2>
            <p class="field-hint">"Columnas, en la primera línea:"</p>
            <p><code class="csv-columns">{CSV_COLUMNS}</code></p>
            <ul class="field-hint csv-help">
                <li>"Una línea por zona, fecha y franja, por ejemplo: Pereira,18/05/2026,AM,6"</li>
                <li>{format!("Fechas dd/mm/aaaa o aaaa-mm-dd, de hoy en adelante; franja AM o PM; capacidad de 0 a {MAX_CAPACITY}.")}</li>
                <li>"Los cupos que ya existen (misma zona, fecha y franja) toman la nueva capacidad."</li>
                <li>"Si una línea tiene un error no se importa nada."</li>
            </ul>
            <form class="inline-form" on:submit=import novalidate>
                <label for=IMPORT_INPUT>"Archivo CSV"</label>
                <input id=IMPORT_INPUT type="file" accept=".csv,text/csv" />
                <button type="submit" class="button" disabled=move || importing.get()>
                    {move || if importing.get() { "Importando…" } else { "Importar" }}
                </button>
            </form>
            <p class="form-success" role="status">{move || result.get()}</p>
            {move || problems.get().map(|(summary, lines)| view! {
                <div class="form-error" role="alert">
                    <p>{summary}</p>
                    {(!lines.is_empty()).then(|| view! {
                        <ul class="import-errors">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    })}
                </div>
            })}
        </section>
    }
}
