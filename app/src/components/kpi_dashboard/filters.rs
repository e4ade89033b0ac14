//! The leaders' optional filters: tipo de base and segmento. Team and agent
//! come from the drill-down, not from here.

use crate::domain::bases::{BaseKind, Segment};
use crate::domain::kpis::KpiFilters;
use leptos::prelude::*;

/// Two selects that narrow every figure on the page.
#[component]
pub fn ScopeFilters(filters: RwSignal<KpiFilters>) -> impl IntoView {
    view! {
        <div class="kpi-filters" role="group" aria-label="Filtros">
            <div class="field field--inline">
                <label for="kpi-tipo-base">"Tipo de base"</label>
                <select id="kpi-tipo-base"
                    prop:value=move || filters.with(|f| f.tipo_base.map_or("", BaseKind::code))
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev).parse::<BaseKind>().ok();
                        filters.update(|f| f.tipo_base = chosen);
                    }>
                    <option value="">"Todas"</option>
                    {BaseKind::ALL.iter().map(|kind| view! {
                        <option value=kind.code()>{kind.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field field--inline">
                <label for="kpi-segmento">"Segmento"</label>
                <select id="kpi-segmento"
                    prop:value=move || filters.with(|f| f.segmento.map_or("", Segment::code))
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev).parse::<Segment>().ok();
                        filters.update(|f| f.segmento = chosen);
                    }>
                    <option value="">"Todos"</option>
                    {Segment::ALL.iter().map(|segment| view! {
                        <option value=segment.code()>{segment.label()}</option>
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
}
