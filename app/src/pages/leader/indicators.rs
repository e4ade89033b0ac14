//! Indicadores → Los siete indicadores: the leaders' dashboard, from the
//! whole operation (a supervisor's team) down to an agent's records.

use super::indicator_tabs::IndicatorTabs;
use crate::components::kpi_dashboard::{Audience, KpiDashboard};
use crate::components::page::Page;
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn IndicatorsPage() -> impl IntoView {
    view! {
        <Page title="Indicadores" path=page::INDICATORS>
            <IndicatorTabs />
            <KpiDashboard audience=Audience::Leaders />
        </Page>
    }
}
