//! The administrator's configuration pages.

mod bases;
mod floor;
mod security_log;
mod settings_tabs;
mod user_editor;
mod users;

pub use bases::BasesSettingsPage;
pub use floor::FloorSettingsPage;
pub use security_log::SecurityLogPage;
pub use users::UsersPage;
