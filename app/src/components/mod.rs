//! Reusable pieces of the UI.

pub mod app_shell;
pub mod feedback;
pub mod forms;
pub mod hydration;
pub mod page;
