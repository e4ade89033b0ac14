//! Monitoring evaluations by the quality analyst.

use crate::components::{feedback::UnderConstruction, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn MonitoringPage() -> impl IntoView {
    view! {
        <Page title="Monitoreo" path=page::MONITORING>
            <UnderConstruction what="Aquí registrará las evaluaciones de monitoreo que alimentan la calidad emitida." />
        </Page>
    }
}
