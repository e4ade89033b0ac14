//! Equipo → Bases: the bases of the leader's teams, their progress, and for
//! supervisors the import, pause and resume.

use super::team_tabs::TeamTabs;
use crate::components::{bases_panel::BasesPanel, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn TeamBasesPage() -> impl IntoView {
    view! {
        <Page title="Equipo" path=page::TEAM_BASES>
            <TeamTabs />
            <BasesPanel />
        </Page>
    }
}
