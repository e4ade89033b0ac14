//! Pages of the back office.

mod escalations;

pub use escalations::EscalationsPage;
