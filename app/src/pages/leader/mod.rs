//! Pages of leaders: supervisor, coordinador and gerente.

mod indicator_tabs;
mod indicators;
mod monitoring;
mod practices;
mod retention_report;
mod team;
mod team_bases;
mod team_cases;
mod team_live;
mod team_tabs;

pub use indicator_tabs::IndicatorTabs;
pub use indicators::IndicatorsPage;
pub use monitoring::TeamMonitoringPage;
pub use practices::{AdherencePage, AdherenceSummary, CalendarPage, PlansPage, TodayPlan};
pub use retention_report::RetentionReportPage;
pub use team::TeamPage;
pub use team_bases::TeamBasesPage;
pub use team_cases::TeamCasesPage;
