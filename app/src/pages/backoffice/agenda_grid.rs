//! The agenda of one zone: a row per day, a column per franja, each slot
//! with its occupation and its state in words and colour.

use super::agenda::CellKey;
use crate::api::field_ops::SlotView;
use crate::domain::field_ops::Franja;
use crate::domain::holidays::holiday_on;
use chrono::{Datelike, NaiveDate, Weekday};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// How full a slot is, as the grid and the detail say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SlotState {
    Libre,
    Pocos,
    Lleno,
    Cerrado,
}

impl SlotState {
    pub(super) const ALL: [SlotState; 4] = [
        SlotState::Libre,
        SlotState::Pocos,
        SlotState::Lleno,
        SlotState::Cerrado,
    ];

    /// One free place left, or a third of the capacity or less, is "few":
    /// agents should offer it first.
    pub(super) fn of(slot: &SlotView) -> SlotState {
        let free = slot.available();
        if !slot.active {
            SlotState::Cerrado
        } else if free == 0 {
            SlotState::Lleno
        } else if free == 1 || free * 3 <= slot.capacity {
            SlotState::Pocos
        } else {
            SlotState::Libre
        }
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            SlotState::Libre => "Libre",
            SlotState::Pocos => "Pocos cupos",
            SlotState::Lleno => "Lleno",
            SlotState::Cerrado => "Cerrado",
        }
    }

    pub(super) fn class(self) -> &'static str {
        match self {
            SlotState::Libre => "slot-state--libre",
            SlotState::Pocos => "slot-state--pocos",
            SlotState::Lleno => "slot-state--lleno",
            SlotState::Cerrado => "slot-state--cerrado",
        }
    }
}

/// The value of a `date` input.
pub(super) fn day_input(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A `date` input's value, if it holds a day.
pub(super) fn parse_day_input(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

pub(super) fn weekday_name(day: NaiveDate) -> &'static str {
    match day.weekday() {
        Weekday::Mon => "lunes",
        Weekday::Tue => "martes",
        Weekday::Wed => "miércoles",
        Weekday::Thu => "jueves",
        Weekday::Fri => "viernes",
        Weekday::Sat => "sábado",
        Weekday::Sun => "domingo",
    }
}

/// "lunes 11/05/2026".
pub(super) fn day_label(day: NaiveDate) -> String {
    format!("{} {}", weekday_name(day), day.format("%d/%m/%Y"))
}

/// The colours of the grid, each with its word.
#[component]
pub(super) fn StateLegend() -> impl IntoView {
    view! {
        <ul class="slot-legend" aria-label="Estados de los cupos">
            {SlotState::ALL.iter().map(|state| view! {
                <li class=format!("slot-state {}", state.class())>{state.label()}</li>
            }).collect_view()}
        </ul>
    }
}

/// The grid of one zone.
#[component]
pub(super) fn ZoneAgenda(
    key: String,
    name: String,
    dates: Memo<Vec<NaiveDate>>,
    cells: Memo<BTreeMap<CellKey, SlotView>>,
    selected: RwSignal<Option<i64>>,
) -> impl IntoView {
    let heading = format!("agenda-zona-{}", key.to_lowercase());
    let labelled_by = heading.clone();
    let caption = format!("Cupos de {name} por día y franja");
    let key = StoredValue::new(key);
    view! {
        <section class="panel agenda-zone" aria-labelledby=labelled_by>
            <h3 id=heading>{name}</h3>
            <table class="table agenda-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>
                    <th scope="col">"Fecha"</th>
                    {Franja::ALL.iter().map(|franja| view! {
                        <th scope="col" class="agenda-table__franja" title=franja.label()>{franja.code()}</th>
                    }).collect_view()}
                </tr></thead>
                <tbody>
                    <For each=move || dates.get() key=|day| *day let:day>
                        <tr class:agenda-table__rest=day.weekday() == Weekday::Sun || holiday_on(day).is_some()>
                            <th scope="row" class="agenda-table__day">
                                {day_label(day)}
                                {holiday_on(day).map(|h| view! { <span class="agenda-table__holiday">{format!("Festivo: {}", h.name)}</span> })}
                            </th>
                            {Franja::ALL.iter().copied().map(|franja| view! {
                                <td><SlotCell cell=(key.get_value(), day, franja) cells selected /></td>
                            }).collect_view()}
                        </tr>
                    </For>
                </tbody>
            </table>
        </section>
    }
}

/// One slot: a button that selects it, or a dash when none was opened.
#[component]
fn SlotCell(
    cell: CellKey,
    cells: Memo<BTreeMap<CellKey, SlotView>>,
    selected: RwSignal<Option<i64>>,
) -> impl IntoView {
    // Each cell follows only its own slot, so a change elsewhere does not
    // redraw it (nor take the focus away from it).
    let slot = Memo::new(move |_| cells.with(|all| all.get(&cell).cloned()));
    move || {
        match slot.get() {
        None => view! {
            <span class="slot-cell slot-cell--none">"—"<span class="visually-hidden">" sin cupo abierto"</span></span>
        }
        .into_any(),
        Some(slot) => {
            let state = SlotState::of(&slot);
            let id = slot.id;
            let chosen = move || selected.get() == Some(id);
            view! {
                <button type="button" class=format!("slot-cell slot-state {}", state.class())
                    class:slot-cell--selected=chosen
                    aria-pressed=move || if chosen() { "true" } else { "false" }
                    on:click=move |_| selected.set(if chosen() { None } else { Some(id) })>
                    <span class="slot-cell__count">
                        {format!("{}/{}", slot.booked, slot.capacity)}
                        <span class="visually-hidden">" ocupados,"</span>
                    </span>
                    <span class="slot-cell__state">{state.label()}</span>
                </button>
            }
            .into_any()
        }
    }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(capacity: i32, booked: i32, active: bool) -> SlotView {
        SlotView {
            id: 1,
            zone: "Pereira".into(),
            date: NaiveDate::from_ymd_opt(2026, 5, 11).unwrap(),
            franja: Franja::Am,
            capacity,
            booked,
            active,
        }
    }

    #[test]
    fn states_say_how_full_a_slot_is() {
        assert_eq!(SlotState::of(&slot(6, 0, true)), SlotState::Libre);
        assert_eq!(SlotState::of(&slot(6, 4, true)), SlotState::Pocos);
        assert_eq!(SlotState::of(&slot(2, 1, true)), SlotState::Pocos);
        assert_eq!(SlotState::of(&slot(6, 6, true)), SlotState::Lleno);
        assert_eq!(SlotState::of(&slot(0, 0, true)), SlotState::Lleno);
        assert_eq!(SlotState::of(&slot(6, 0, false)), SlotState::Cerrado);
    }

    #[test]
    fn days_read_in_spanish() {
        let day = NaiveDate::from_ymd_opt(2026, 5, 13).unwrap();
        assert_eq!(day_label(day), "miércoles 13/05/2026");
        assert_eq!(parse_day_input(&day_input(day)), Some(day));
    }
}
