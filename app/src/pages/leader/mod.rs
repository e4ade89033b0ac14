//! Pages of leaders: supervisor, coordinador and gerente.

mod calendar;
mod indicator_tabs;
mod indicators;
mod retention_report;
mod team;
mod team_bases;
mod team_cases;
mod team_live;
mod team_tabs;

pub use calendar::CalendarPage;
pub use indicators::IndicatorsPage;
pub use retention_report::RetentionReportPage;
pub use team::TeamPage;
pub use team_bases::TeamBasesPage;
pub use team_cases::TeamCasesPage;
