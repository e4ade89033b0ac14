//! Pages of the back office (the administrator works them too).

mod agenda;
mod escalations;
mod outages;

pub use agenda::AgendaPage;
pub use escalations::EscalationsPage;
pub use outages::OutagesPage;
