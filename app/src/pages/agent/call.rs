//! The call in progress: the interactive guide.

use crate::components::{feedback::UnderConstruction, page::Page};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn CallPage() -> impl IntoView {
    view! {
        <Page title="Llamada" path=page::CALL>
            <UnderConstruction what="Aquí se abrirá la guía de la llamada paso a paso: bienvenida, validación de la cuenta, requerimiento, soporte, retención, tipificación y cierre." />
        </Page>
    }
}
