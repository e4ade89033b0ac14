//! The agent's own indicators against the goals, their trend and the
//! records behind them.

use crate::components::kpi_dashboard::{Audience, KpiDashboard};
use crate::components::page::Page;
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn MyIndicatorsPage() -> impl IntoView {
    view! {
        <Page title="Mis indicadores" path=page::MY_INDICATORS>
            <KpiDashboard audience=Audience::Agent />
        </Page>
    }
}
