//! SeaORM entities, one per table. Requests and responses never see these:
//! services turn them into the DTOs of `app::api`.

pub mod security_events;
pub mod sessions;
pub mod users;
