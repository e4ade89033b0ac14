//! The agent's open cases and callbacks.

use crate::components::{feedback::UnderConstruction, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn CasesPage() -> impl IntoView {
    view! {
        <Page title="Mis casos" path=page::CASES>
            <UnderConstruction what="Aquí verá sus casos en seguimiento y las devoluciones de llamada de hoy y vencidas." />
        </Page>
    }
}
