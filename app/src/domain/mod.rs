//! Pure rules shared by the browser and the server: no I/O, no Leptos.

pub mod credentials;
pub mod local_time;
pub mod role;
