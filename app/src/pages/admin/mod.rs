//! The administrator's configuration pages.

mod bases;
mod catalog_history;
mod escalation_settings;
mod floor;
mod indicator_settings;
mod offer_editor;
mod offer_form;
mod offers;
mod practice_catalog;
mod procedures;
mod retention_policies;
mod security_log;
mod selector_simulator;
mod settings_tabs;
mod typifications;
mod user_editor;
mod users;

pub use bases::BasesSettingsPage;
pub use escalation_settings::EscalationSettingsPage;
pub use floor::FloorSettingsPage;
pub use indicator_settings::IndicatorSettingsPage;
pub use offers::OffersPage;
pub use practice_catalog::PracticeCatalogPage;
pub use procedures::ProceduresPage;
pub use security_log::SecurityLogPage;
pub use typifications::TypificationsPage;
pub use users::UsersPage;
