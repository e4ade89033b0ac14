//! The back-office escalation queue.

use crate::components::{feedback::UnderConstruction, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn EscalationsPage() -> impl IntoView {
    view! {
        <Page title="Escalamientos" path=page::ESCALATIONS>
            <UnderConstruction what="Aquí trabajará la cola de escalamientos (visitas sin cupo, DIME, fallas de sector) con su tiempo de respuesta." />
        </Page>
    }
}
