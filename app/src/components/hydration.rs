//! Knowing when the browser has taken over the server-rendered page.

use leptos::prelude::*;

/// `true` once the page is hydrated and its event handlers are live.
///
/// Buttons that need the app (logins, saves) stay disabled until then, so a
/// click before the wasm loads is never lost or sent as a plain form post.
/// Effects run only in the browser, so this stays `false` during SSR.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}
