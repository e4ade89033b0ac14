//! The guide's copy of the draft in the browser's local storage, so a closed
//! tab, a dropped network or a server restart never loses what was typed.
//! One entry per record; the server's copy wins unless this one is newer.

use crate::api::guide::InteractionDraft;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalDraft {
    pub key: String,
    pub draft: InteractionDraft,
}

fn entry(record_id: i64) -> String {
    format!("faro.guia.{record_id}")
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

pub fn load(record_id: i64) -> Option<LocalDraft> {
    #[cfg(feature = "hydrate")]
    {
        let text = storage()?.get_item(&entry(record_id)).ok()??;
        serde_json::from_str(&text).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = entry(record_id);
        None
    }
}

pub fn store(record_id: i64, local: &LocalDraft) {
    #[cfg(feature = "hydrate")]
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(local)) {
        let _ = storage.set_item(&entry(record_id), &text);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (record_id, local);
}

pub fn forget(record_id: i64) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&entry(record_id));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = record_id;
}

/// A fresh interaction key: time plus randomness, URL-safe.
pub fn new_key() -> String {
    #[cfg(feature = "hydrate")]
    {
        let a = (js_sys::Math::random() * 1e15) as u64;
        let b = (js_sys::Math::random() * 1e15) as u64;
        format!("g{:x}-{a:x}{b:x}", js_sys::Date::now() as u64)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        format!(
            "g{:x}",
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        )
    }
}

/// Milliseconds of the browser's clock.
pub fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        chrono::Utc::now().timestamp_millis() as f64
    }
}
