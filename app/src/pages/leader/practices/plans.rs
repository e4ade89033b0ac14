//! "Planes del barómetro": the plans of the leader's scope, in the
//! Calendario area.

use super::tabs::PracticeTabs;
use crate::components::barometer_plans::PlansPanel;
use crate::components::page::Page;
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn PlansPage() -> impl IntoView {
    view! {
        <Page title="Calendario" path=page::CALENDAR_PLANS>
            <PracticeTabs />
            <PlansPanel own=false />
        </Page>
    }
}
