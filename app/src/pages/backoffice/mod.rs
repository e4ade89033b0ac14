//! Pages of the back office (the administrator works them too).

mod agenda;
mod agenda_grid;
mod escalation_detail;
mod escalations;
mod form_parts;
mod incident_customers;
mod incident_form;
mod outages;
mod slot_detail;
mod slot_forms;

pub use agenda::AgendaPage;
pub use escalations::EscalationsPage;
pub use outages::OutagesPage;
