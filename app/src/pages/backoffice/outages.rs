//! Avisos de falla masiva.

use crate::components::{feedback::UnderConstruction, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn OutagesPage() -> impl IntoView {
    view! {
        <Page title="Avisos de falla masiva" path=page::OUTAGES>
            <UnderConstruction what="En construcción." />
        </Page>
    }
}
