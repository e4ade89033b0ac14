//! Practices recorded on the floor, where a tablet's network comes and
//! goes: each record is kept on the device first, sent, and forgotten only
//! once the server has it. What could not be sent waits for the network
//! to return (or the next visit); the record's `client_id` makes a resend
//! land once. Each leader's records wait under their own key: a tablet
//! shared by two supervisors never sends one's records as the other's.

use crate::api::client::ClientError;
use crate::api::practices::{RecordDraft, RecordView, save_record};

/// The storage key of one leader's waiting records.
fn entry(owner: i64) -> String {
    format!("faro.practicas.pendientes.{owner}")
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// The leader's records waiting on this device, oldest first.
pub fn pending(owner: i64) -> Vec<RecordDraft> {
    #[cfg(feature = "hydrate")]
    {
        storage()
            .and_then(|s| s.get_item(&entry(owner)).ok().flatten())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = owner;
        Vec::new()
    }
}

fn store_all(owner: i64, records: &[RecordDraft]) {
    #[cfg(feature = "hydrate")]
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(records)) {
        let key = entry(owner);
        let _ = if records.is_empty() {
            storage.remove_item(&key)
        } else {
            storage.set_item(&key, &text)
        };
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (owner, records, entry);
}

/// Keeps a record on the device (replacing an earlier copy of it).
pub fn keep(owner: i64, draft: &RecordDraft) {
    let mut all = pending(owner);
    all.retain(|r| r.client_id != draft.client_id);
    all.push(draft.clone());
    store_all(owner, &all);
}

fn forget(owner: i64, client_id: &str) {
    let mut all = pending(owner);
    all.retain(|r| r.client_id != client_id);
    store_all(owner, &all);
}

/// What happened to one record sent.
pub enum Sent {
    /// The server has it.
    Saved(Box<RecordView>),
    /// No network: it stays on the device.
    Kept,
    /// The server refused it (the message says why); it is dropped from the
    /// device, since sending it again would be refused again.
    Refused(String),
}

/// Keeps the record, sends it, and forgets it once the server has it.
pub async fn send(owner: i64, draft: RecordDraft, csrf: &str) -> Sent {
    keep(owner, &draft);
    match save_record(&draft, csrf).await {
        Ok(saved) => {
            forget(owner, &draft.client_id);
            Sent::Saved(Box::new(saved))
        }
        Err(ClientError::Network) => Sent::Kept,
        Err(ClientError::Api { status, .. }) if status >= 500 || status == 401 => Sent::Kept,
        Err(err) => {
            forget(owner, &draft.client_id);
            Sent::Refused(err.message())
        }
    }
}

/// Sends every record waiting on the device, oldest first; stops at the
/// first one the network does not carry. Answers how many were saved and
/// the messages of those refused.
pub async fn flush(owner: i64, csrf: &str) -> (usize, Vec<String>) {
    let mut saved = 0;
    let mut refused = Vec::new();
    for draft in pending(owner) {
        match send(owner, draft, csrf).await {
            Sent::Saved(_) => saved += 1,
            Sent::Kept => break,
            Sent::Refused(message) => refused.push(message),
        }
    }
    (saved, refused)
}
