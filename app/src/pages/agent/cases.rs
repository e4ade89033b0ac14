//! Mis casos: the agent's cases in follow-up, with due and overdue
//! callbacks first; "Llamar" opens the customer with the case's history.

use crate::components::{cases_table::CasesTable, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn CasesPage() -> impl IntoView {
    view! {
        <Page title="Mis casos" path=page::CASES>
            <CasesTable />
        </Page>
    }
}
