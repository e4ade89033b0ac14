//! Indicadores → Monitoreos: the quality evaluations of the leader's agents
//! (a supervisor's team; every agent for coordinadores and the gerente), the
//! scores behind calidad emitida.

use super::indicator_tabs::IndicatorTabs;
use crate::components::monitoring_list::MonitoringList;
use crate::components::page::Page;
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn TeamMonitoringPage() -> impl IntoView {
    view! {
        <Page title="Indicadores" path=page::INDICATOR_MONITORING>
            <IndicatorTabs />
            <section class="panel" aria-labelledby="monitoreos-titulo">
                <h2 id="monitoreos-titulo">"Monitoreos de calidad"</h2>
                <p class="muted">"Las evaluaciones de calidad de sus asesores: su nota alimenta la calidad emitida."</p>
                <MonitoringList filter=true show_agent=true label="Evaluaciones de monitoreo" />
            </section>
        </Page>
    }
}
