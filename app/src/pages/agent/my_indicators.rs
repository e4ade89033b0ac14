//! The agent's own indicators.

use crate::components::{feedback::UnderConstruction, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn MyIndicatorsPage() -> impl IntoView {
    view! {
        <Page title="Mis indicadores" path=page::MY_INDICATORS>
            <UnderConstruction what="Aquí verá sus indicadores (contactabilidad, efectividad, NPS, FCR y calidad) frente a la meta." />
        </Page>
    }
}
