//! Pure rules shared by the browser and the server: no I/O, no Leptos.

pub mod agent_state;
pub mod bases;
pub mod cases;
pub mod contact_policy;
pub mod credentials;
pub mod field_ops;
pub mod holidays;
pub mod kpis;
pub mod local_time;
pub mod monitoring;
pub mod numbers;
pub mod offers;
pub mod practices;
pub mod procedure;
pub mod role;
