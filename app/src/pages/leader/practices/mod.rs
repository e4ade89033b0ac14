//! The leaders' management practices: the calendar (planning, recording)
//! and adherence.

mod adherence;
mod calendar;
mod event_form;
mod record_form;
mod tabs;
mod time_grid;

pub use adherence::{AdherencePage, AdherenceSummary};
pub use calendar::{CalendarPage, TodayPlan};
