//! The leaders' management practices: the calendar (planning, recording)
//! and adherence.

mod adherence;
mod barometer_fields;
mod calendar;
mod event_form;
mod ideas_agenda;
mod plans;
mod record_form;
mod tabs;
mod time_grid;

pub use adherence::{AdherencePage, AdherenceSummary};
pub use calendar::{CalendarPage, TodayPlan};
pub use plans::PlansPage;
