//! The tabs of the Equipo area.

use crate::paths::page;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TeamTabs() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Secciones de equipo">
            <A href=page::TEAM exact=true>"Equipo en vivo"</A>
            <A href=page::TEAM_CASES>"Casos"</A>
            <A href=page::TEAM_BASES>"Bases"</A>
        </nav>
    }
}
