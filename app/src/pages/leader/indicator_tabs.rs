//! The tabs of the Indicadores area.

use crate::paths::page;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn IndicatorTabs() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Secciones de indicadores">
            <A href=page::INDICATORS exact=true>"Los siete indicadores"</A>
            <A href=page::RETENTION_REPORT>"Conversión de la retención"</A>
        </nav>
    }
}
