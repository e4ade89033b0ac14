//! The agent's (asesor) pages.

mod call;
mod cases;
mod my_indicators;
mod queue;

pub use call::CallPage;
pub use cases::CasesPage;
pub use my_indicators::MyIndicatorsPage;
pub use queue::QueuePage;
