//! The agent's own indicators against the goals, their trend and the
//! records behind them, the quality evaluations of their calls, their
//! supervisor's confirmaciones de proceso and the barómetro plans they own.

use crate::components::barometer_plans::PlansPanel;
use crate::components::kpi_dashboard::{Audience, KpiDashboard};
use crate::components::monitoring_list::MonitoringList;
use crate::components::page::Page;
use crate::components::process_feedback::ProcessFeedback;
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn MyIndicatorsPage() -> impl IntoView {
    view! {
        <Page title="Mis indicadores" path=page::MY_INDICATORS>
            <KpiDashboard audience=Audience::Agent />
            <section class="panel my-monitoring" aria-labelledby="mis-monitoreos-titulo">
                <h2 id="mis-monitoreos-titulo">"Mis monitoreos de calidad"</h2>
                <p class="muted">"Las evaluaciones de calidad de sus llamadas, con la nota, los comentarios y cada paso de la guía."</p>
                <MonitoringList label="Mis evaluaciones de monitoreo" />
            </section>
            <section class="panel" aria-labelledby="mis-confirmaciones-titulo">
                <h2 id="mis-confirmaciones-titulo">"Mis confirmaciones de proceso"</h2>
                <p class="muted">"Lo que su supervisor observó en sus llamadas: cada paso de la guía, la nota y su retroalimentación."</p>
                <ProcessFeedback />
            </section>
            <PlansPanel own=true />
        </Page>
    }
}
