//! The team's indicators.

use super::indicator_tabs::IndicatorTabs;
use crate::components::{feedback::UnderConstruction, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn IndicatorsPage() -> impl IntoView {
    view! {
        <Page title="Indicadores" path=page::INDICATORS>
            <IndicatorTabs />
            <UnderConstruction what="Aquí verá los siete indicadores de su operación con tendencia y detalle por equipo y asesor." />
        </Page>
    }
}
