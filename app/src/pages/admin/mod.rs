//! The administrator's configuration pages.

mod security_log;
mod settings_tabs;
mod user_editor;
mod users;

pub use security_log::SecurityLogPage;
pub use users::UsersPage;
