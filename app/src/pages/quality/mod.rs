//! Pages of the quality analyst (calidad).

mod monitoring;

pub use monitoring::MonitoringPage;
