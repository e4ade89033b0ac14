//! Practices recorded on the floor, where a tablet's network comes and
//! goes: each record is kept on the device first, sent, and forgotten only
//! once the server has it. What could not be sent waits for the network
//! to return (or the next visit); the record's `client_id` makes a resend
//! land once.

use crate::api::client::ClientError;
use crate::api::practices::{RecordDraft, RecordView, save_record};

const ENTRY: &str = "faro.practicas.pendientes";

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// The records waiting on this device, oldest first.
pub fn pending() -> Vec<RecordDraft> {
    #[cfg(feature = "hydrate")]
    {
        storage()
            .and_then(|s| s.get_item(ENTRY).ok().flatten())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Vec::new()
    }
}

fn store_all(records: &[RecordDraft]) {
    #[cfg(feature = "hydrate")]
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(records)) {
        let _ = if records.is_empty() {
            storage.remove_item(ENTRY)
        } else {
            storage.set_item(ENTRY, &text)
        };
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (records, ENTRY);
}

/// Keeps a record on the device (replacing an earlier copy of it).
pub fn keep(draft: &RecordDraft) {
    let mut all = pending();
    all.retain(|r| r.client_id != draft.client_id);
    all.push(draft.clone());
    store_all(&all);
}

fn forget(client_id: &str) {
    let mut all = pending();
    all.retain(|r| r.client_id != client_id);
    store_all(&all);
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
pub async fn send(draft: RecordDraft, csrf: &str) -> Sent {
    keep(&draft);
    match save_record(&draft, csrf).await {
        Ok(saved) => {
            forget(&draft.client_id);
            Sent::Saved(Box::new(saved))
        }
        Err(ClientError::Network) => Sent::Kept,
        Err(ClientError::Api { status, .. }) if status >= 500 || status == 401 => Sent::Kept,
        Err(err) => {
            forget(&draft.client_id);
            Sent::Refused(err.message())
        }
    }
}

/// Sends every record waiting on the device, oldest first; stops at the
/// first one the network does not carry. Answers how many were saved and
/// the messages of those refused.
pub async fn flush(csrf: &str) -> (usize, Vec<String>) {
    let mut saved = 0;
    let mut refused = Vec::new();
    for draft in pending() {
        match send(draft, csrf).await {
            Sent::Saved(_) => saved += 1,
            Sent::Kept => break,
            Sent::Refused(message) => refused.push(message),
        }
    }
    (saved, refused)
}
