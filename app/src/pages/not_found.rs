//! The page for addresses that do not exist.

use crate::paths::page;
use crate::session::set_page_status;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_page_status(404);
    view! {
        <Title text="Página no encontrada" />
        <main id="contenido" class="page page--centered">
            <section class="panel panel--error">
                <h1>"Página no encontrada"</h1>
                <p>"La dirección que abrió no existe en Faro. Revise el enlace o vuelva a su inicio."</p>
                <a class="button button--primary" href=page::HOME>"Ir a mi inicio"</a>
            </section>
        </main>
    }
}
