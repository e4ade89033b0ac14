//! The administrator's configuration pages.

mod bases;
mod floor;
mod procedures;
mod security_log;
mod settings_tabs;
mod typifications;
mod user_editor;
mod users;

pub use bases::BasesSettingsPage;
pub use floor::FloorSettingsPage;
pub use procedures::ProceduresPage;
pub use security_log::SecurityLogPage;
pub use typifications::TypificationsPage;
pub use users::UsersPage;
