//! Keyboard shortcuts for the keyboard-first agent screens.

use leptos::ev;
#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// Runs `action` when `key` is pressed anywhere on the page, except while
/// the user is typing in a field (so typing "n" in a note is just an "n").
/// The listener goes away with the component.
pub fn use_shortcut(key: &'static str, action: impl Fn() + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let handle = window_event_listener(ev::keydown, move |event| {
            if event.ctrl_key() || event.meta_key() || event.alt_key() || event.default_prevented()
            {
                return;
            }
            let typing = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|element| {
                    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        || element.has_attribute("contenteditable")
                });
            if !typing && event.key().eq_ignore_ascii_case(key) {
                event.prevent_default();
                action();
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (key, action);
        let _ = ev::keydown;
    }
}
