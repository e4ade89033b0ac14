//! Faro's web app: the Leptos UI rendered on the server and hydrated in the
//! browser, plus everything the browser and the server share (domain rules,
//! API types, URLs).

#![recursion_limit = "256"]

pub mod api;
mod app;
pub mod components;
pub mod domain;
pub mod navigation;
pub mod pages;
pub mod paths;
pub mod session;

pub use app::{App, shell};

/// Entry point called by the hydration script once the wasm module loads.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
