//! Reusable pieces of the UI.

pub mod app_shell;
pub mod barometer_plans;
pub mod base_settings;
pub mod bases_panel;
pub mod callback_reminder;
pub mod case_field_ops;
pub mod cases_table;
pub mod customer_card;
pub mod escalation_view;
pub mod feedback;
pub mod forms;
pub mod guide;
pub mod hydration;
pub mod kpi_dashboard;
pub mod live_alerts;
pub mod monitoring_list;
pub mod page;
pub mod practice_outbox;
pub mod process_feedback;
pub mod retention_report;
pub mod shortcuts;
