//! Field operations (SPEC §3 steps 3–4, §7): the visit agenda and the
//! visits booked in it, the mass-outage registry, the back office's
//! escalation queue, and what a call in the guide does with them.

pub mod agenda;
pub mod calls;
pub mod escalations;
pub mod incidents;
pub mod visits;

use crate::db::entities::base_records;
use app::domain::field_ops::CustomerPlace;
use std::collections::BTreeMap;

/// Where a base's customer is: its `zona`/`nodo` columns or its city.
pub fn place_of(record: &base_records::Model) -> CustomerPlace {
    let extra: BTreeMap<String, String> = record
        .extra
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default();
    CustomerPlace::of(record.ciudad.as_deref(), &extra)
}
