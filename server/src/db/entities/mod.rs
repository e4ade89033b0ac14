//! SeaORM entities, one per table. Requests and responses never see these:
//! services turn them into the DTOs of `app::api`.

pub mod agent_states;
pub mod alerts;
pub mod app_settings;
pub mod base_imports;
pub mod base_records;
pub mod base_teams;
pub mod bases;
pub mod case_events;
pub mod cases;
pub mod catalog_changes;
pub mod dialer_events;
pub mod escalation_answers;
pub mod escalation_slas;
pub mod escalations;
pub mod excluded_numbers;
pub mod incident_contacts;
pub mod incidents;
pub mod interactions;
pub mod offer_presentations;
pub mod offer_snapshots;
pub mod offers;
pub mod personal_data_access;
pub mod procedure_versions;
pub mod record_attempts;
pub mod retention_outcomes;
pub mod retention_policies;
pub mod security_events;
pub mod sessions;
pub mod typifications;
pub mod users;
pub mod visit_slots;
pub mod visits;
