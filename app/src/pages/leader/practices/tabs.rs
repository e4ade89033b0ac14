//! The tabs of the Calendario area.

use crate::paths::page;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PracticeTabs() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Secciones del calendario">
            <A href=page::CALENDAR exact=true>"Calendario"</A>
            <A href=page::CALENDAR_ADHERENCE>"Adherencia a las prácticas"</A>
            <A href=page::CALENDAR_PLANS>"Planes del barómetro"</A>
        </nav>
    }
}
