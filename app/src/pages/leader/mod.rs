//! Pages of leaders: supervisor, coordinador and gerente.

mod calendar;
mod indicators;
mod team;

pub use calendar::CalendarPage;
pub use indicators::IndicatorsPage;
pub use team::TeamPage;
