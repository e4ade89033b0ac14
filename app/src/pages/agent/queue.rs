//! The agent's work queue.

use crate::components::{feedback::UnderConstruction, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn QueuePage() -> impl IntoView {
    view! {
        <Page title="Mi cola" path=page::QUEUE>
            <UnderConstruction what="Aquí recibirá el siguiente cliente de sus bases asignadas, con las devoluciones de llamada vencidas primero." />
        </Page>
    }
}
