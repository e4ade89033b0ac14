//! Configuración → Bases (admin): every base, imports for any team.

use super::settings_tabs::SettingsTabs;
use crate::components::{bases_panel::BasesPanel, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn BasesSettingsPage() -> impl IntoView {
    view! {
        <Page title="Configuración" path=page::SETTINGS_BASES>
            <SettingsTabs />
            <BasesPanel />
        </Page>
    }
}
