//! Pages of the quality analyst (calidad).

mod evaluation_form;
mod monitoring;

pub use monitoring::MonitoringPage;
