//! Indicadores → Conversión de la retención: how each ladder rung, each
//! offer and each service converted over a period (the leader's team; the
//! whole operation for the gerente).

use super::indicator_tabs::IndicatorTabs;
use crate::components::page::Page;
use crate::components::retention_report::RetentionReportView;
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn RetentionReportPage() -> impl IntoView {
    view! {
        <Page title="Indicadores" path=page::RETENTION_REPORT>
            <IndicatorTabs />
            <RetentionReportView />
        </Page>
    }
}
