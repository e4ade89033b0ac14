//! The leader's calendar of management practices.

use crate::components::{feedback::UnderConstruction, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn CalendarPage() -> impl IntoView {
    view! {
        <Page title="Calendario" path=page::CALENDAR>
            <UnderConstruction what="Aquí planificará y registrará las prácticas de gestión (diálogo diario, confirmación de proceso y demás) y verá su adherencia." />
        </Page>
    }
}
