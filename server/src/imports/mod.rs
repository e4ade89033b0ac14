//! Reading the CSV files operations send us: bases (SPEC §2) and, later, the
//! external indicator sources (SPEC §5). Decoding, values and per-kind row
//! rules live here; services store what these modules accept.

pub mod bases;
pub mod kpi_sources;
pub mod offers;
pub mod table;
pub mod typifications;
pub mod values;

use serde::{Deserialize, Serialize};

/// A problem with one line of a file, for the per-line report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based line in the file (the header is line 1).
    pub line: u32,
    /// The column, when the problem is in one.
    pub column: Option<String>,
    pub message: String,
}

impl RowError {
    pub fn new(line: u32, column: Option<&str>, message: impl Into<String>) -> Self {
        RowError {
            line,
            column: column.map(str::to_string),
            message: message.into(),
        }
    }
}
