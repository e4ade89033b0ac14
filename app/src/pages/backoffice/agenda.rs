//! Agenda de visitas (back office and admin; SPEC §3 step 4): the slots of
//! every zone by day and franja with their occupation, the visits of one
//! slot (reschedule, cancel) and its capacity, and the forms that open slots
//! for a range of days or import them from CSV.

use super::agenda_grid::{StateLegend, ZoneAgenda, day_input, parse_day_input};
use super::slot_detail::SlotDetail;
use super::slot_forms::{ImportSlots, OpenSlots};
use crate::api::field_ops::{SlotView, slots};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::domain::field_ops::{Franja, place_key};
use crate::domain::local_time::local_date;
use crate::paths::page;
use crate::session::use_session;
use chrono::{Duration, NaiveDate, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

/// Days shown by default: today and the next 13 (the guide books 14 ahead).
const DEFAULT_DAYS: i64 = 13;
/// The longest range drawn at once.
const MAX_DAYS: i64 = 62;
/// The `<datalist>` of the zones seen, shared by the filter and the form.
pub(super) const ZONES_LIST: &str = "agenda-zonas";

#[component]
pub fn AgendaPage() -> impl IntoView {
    view! {
        <Page title="Agenda de visitas" path=page::AGENDA>
            <AgendaWorkspace />
        </Page>
    }
}

/// One slot of the grid: a zone (by its key), a day and a franja.
pub(super) type CellKey = (String, NaiveDate, Franja);

/// What every part of the page shares: the slots loaded, the one selected,
/// and a way to load them again after a change.
#[derive(Clone, Copy)]
pub(super) struct Agenda {
    pub(super) slots: RwSignal<Vec<SlotView>>,
    pub(super) selected: RwSignal<Option<i64>>,
    reload: RwSignal<u32>,
}

impl Agenda {
    fn new() -> Self {
        Agenda {
            slots: RwSignal::new(Vec::new()),
            selected: RwSignal::new(None),
            reload: RwSignal::new(0),
        }
    }

    /// Loads the slots again (after a booking moved, a capacity changed…).
    pub(super) fn refresh(&self) {
        self.reload.update(|n| *n += 1);
    }

    /// Puts a slot the server answered in place of the one loaded.
    pub(super) fn replace(&self, slot: SlotView) {
        self.slots.update(|list| {
            if let Some(old) = list.iter_mut().find(|s| s.id == slot.id) {
                *old = slot;
            }
        });
    }
}

fn today() -> NaiveDate {
    local_date(Utc::now())
}

/// The days asked for, or why they cannot be drawn.
fn day_range(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let (Some(from), Some(to)) = (parse_day_input(from), parse_day_input(to)) else {
        return Err("Escriba las dos fechas del rango.".into());
    };
    if to < from {
        return Err("La fecha final es anterior a la inicial.".into());
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(format!("Elija un rango de hasta {MAX_DAYS} días."));
    }
    Ok((from, to))
}

#[component]
fn AgendaWorkspace() -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let agenda = Agenda::new();
    let start = today();
    let zone_filter = RwSignal::new(String::new());
    let from_text = RwSignal::new(day_input(start));
    let to_text = RwSignal::new(day_input(start + Duration::days(DEFAULT_DAYS)));
    let range = Memo::new(move |_| day_range(&from_text.get(), &to_text.get()));
    let loading = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    // Only the answer to the latest request is drawn.
    let ticket = StoredValue::new(0u64);

    Effect::new(move |_| {
        agenda.reload.track();
        let Ok((from, to)) = range.get() else {
            return;
        };
        let mine = ticket.get_value() + 1;
        ticket.set_value(mine);
        loading.set(true);
        spawn_local(async move {
            let answer = slots(None, from, to).await;
            if ticket.try_get_value() != Some(mine) {
                return;
            }
            match answer {
                Ok(list) => {
                    agenda.slots.set(list);
                    error.set(None);
                }
                Err(err) => error.set(Some(err.message())),
            }
            loading.set(false);
        });
    });

    // Every zone with slots, in one spelling each, for the datalist.
    let zones_seen = Memo::new(move |_| {
        agenda.slots.with(|list| {
            let mut zones = BTreeMap::<String, String>::new();
            for slot in list {
                zones
                    .entry(place_key(&slot.zone))
                    .or_insert_with(|| slot.zone.clone());
            }
            zones.into_iter().collect::<Vec<_>>()
        })
    });
    let zones_shown = Memo::new(move |_| {
        let wanted = place_key(&zone_filter.get());
        zones_seen.with(|zones| {
            zones
                .iter()
                .filter(|(key, _)| key.contains(&wanted))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let dates = Memo::new(move |_| match range.get() {
        Ok((from, to)) => from.iter_days().take_while(|d| *d <= to).collect(),
        Err(_) => Vec::new(),
    });
    let cells = Memo::new(move |_| {
        agenda.slots.with(|list| {
            list.iter()
                .map(|s| ((place_key(&s.zone), s.date, s.franja), s.clone()))
                .collect::<BTreeMap<CellKey, SlotView>>()
        })
    });
    // The zone whose card the selected slot's detail follows.
    let selected_zone = Memo::new(move |_| {
        let id = agenda.selected.get()?;
        agenda
            .slots
            .with(|list| list.iter().find(|s| s.id == id).map(|s| place_key(&s.zone)))
    });

    view! {
        <datalist id=ZONES_LIST>
            <For each=move || zones_seen.get() key=|(key, _)| key.clone() let:zone>
                <option value=zone.1></option>
            </For>
        </datalist>
        <section class="panel" aria-labelledby="agenda-cupos-titulo">
            <div class="panel-header">
                <h2 id="agenda-cupos-titulo">"Cupos por zona"</h2>
                <StateLegend />
            </div>
            <div class="filters">
                <div class="field field--inline">
                    <label for="agenda-filtro-zona">"Zona"</label>
                    <input id="agenda-filtro-zona" type="search" list=ZONES_LIST autocomplete="off"
                        placeholder="Todas las zonas"
                        prop:value=move || zone_filter.get()
                        on:input=move |ev| zone_filter.set(event_target_value(&ev)) />
                </div>
                <div class="field field--inline">
                    <label for="agenda-desde">"Desde"</label>
                    <input id="agenda-desde" type="date"
                        prop:value=move || from_text.get()
                        on:change=move |ev| from_text.set(event_target_value(&ev)) />
                </div>
                <div class="field field--inline">
                    <label for="agenda-hasta">"Hasta"</label>
                    <input id="agenda-hasta" type="date"
                        prop:value=move || to_text.get()
                        on:change=move |ev| to_text.set(event_target_value(&ev)) />
                </div>
            </div>
            <p class="form-error" role="alert">{move || range.get().err()}</p>
            {move || error.get().map(|message| view! {
                <ErrorPanel title="No se pudo cargar la agenda" message retry=true />
            })}
            <Show when=move || loading.get() && agenda.slots.with(Vec::is_empty)>
                <Loading label="Cargando la agenda…" />
            </Show>
            <Show when=move || !loading.get() && error.get().is_none() && range.get().is_ok() && zones_shown.with(Vec::is_empty)>
                <p class="empty">
                    {move || if zones_seen.with(Vec::is_empty) {
                        "No hay cupos abiertos entre estas fechas. Ábralos con el formulario «Abrir cupos» o importe un archivo CSV."
                    } else {
                        "Ninguna zona coincide con el filtro."
                    }}
                </p>
            </Show>
            <div class="agenda-zones">
                <For each=move || zones_shown.get() key=|(key, _)| key.clone() let:zone>
                    {
                        let (key, name) = zone;
                        let here = {
                            let key = key.clone();
                            Memo::new(move |_| selected_zone.get().as_deref() == Some(key.as_str()))
                        };
                        view! {
                            <ZoneAgenda key name dates cells selected=agenda.selected />
                            <Show when=move || here.get()>
                                <SlotDetail agenda csrf />
                            </Show>
                        }
                    }
                </For>
            </div>
        </section>
        <div class="two-columns">
            <OpenSlots agenda csrf />
            <ImportSlots agenda csrf />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_is_checked_before_loading() {
        assert!(day_range("2026-05-01", "2026-05-14").is_ok());
        assert_eq!(
            day_range("2026-05-14", "2026-05-01").unwrap_err(),
            "La fecha final es anterior a la inicial."
        );
        assert!(day_range("2026-01-01", "2026-12-31").is_err());
        assert!(day_range("", "2026-05-01").is_err());
    }
}
