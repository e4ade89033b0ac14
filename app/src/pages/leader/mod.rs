//! Pages of leaders: supervisor, coordinador and gerente.

mod calendar;
mod indicator_tabs;
mod indicators;
mod monitoring;
mod retention_report;
mod team;
mod team_bases;
mod team_cases;
mod team_live;
mod team_tabs;

pub use calendar::CalendarPage;
pub use indicator_tabs::IndicatorTabs;
pub use indicators::IndicatorsPage;
pub use monitoring::TeamMonitoringPage;
pub use retention_report::RetentionReportPage;
pub use team::TeamPage;
pub use team_bases::TeamBasesPage;
pub use team_cases::TeamCasesPage;
