//! Agenda de visitas.

use crate::components::{feedback::UnderConstruction, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn AgendaPage() -> impl IntoView {
    view! {
        <Page title="Agenda de visitas" path=page::AGENDA>
            <UnderConstruction what="En construcción." />
        </Page>
    }
}
