//! Response times (SLA) of each escalation kind.

use crate::components::{feedback::UnderConstruction, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn EscalationSettingsPage() -> impl IntoView {
    view! {
        <Page title="Tiempos de escalamiento" path=page::SETTINGS_ESCALATIONS>
            <UnderConstruction what="En construcción." />
        </Page>
    }
}
