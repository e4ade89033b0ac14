//! Loading, error, forbidden and "en construcción" states.

use leptos::prelude::*;

/// A polite loading indicator for screen readers and eyes.
#[component]
pub fn Loading(#[prop(into)] label: String) -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <span>{label}</span>
        </div>
    }
}

/// An error the user can act on; `retry` offers to reload the page.
#[component]
pub fn ErrorPanel(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    #[prop(optional)] retry: bool,
) -> impl IntoView {
    let reload = move |_| {
        let _ = window().location().reload();
    };
    view! {
        <section class="panel panel--error" role="alert">
            <h2>{title}</h2>
            <p>{message}</p>
            {retry.then(|| view! {
                <button type="button" class="button" on:click=reload>"Reintentar"</button>
            })}
        </section>
    }
}

/// Shown when the signed-in role may not open the page.
#[component]
pub fn ForbiddenPanel() -> impl IntoView {
    view! {
        <section class="panel panel--error" role="alert">
            <h2>"No tiene permiso para ver esta página"</h2>
            <p>"Su rol no incluye esta sección. Si cree que es un error, consulte con el administrador."</p>
            <a class="button" href="/">"Ir a mi inicio"</a>
        </section>
    }
}

/// A section that a later part of Faro fills.
#[component]
pub fn UnderConstruction(#[prop(into)] what: String) -> impl IntoView {
    view! {
        <section class="panel panel--notice">
            <h2>"En construcción"</h2>
            <p>{what}</p>
        </section>
    }
}
