//! Problems a reader met: reported with their place, never silently dropped.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The value was kept as text or a best reading was taken.
    Warning,
    /// The record or value could not be used and was left out (and is counted).
    Error,
}

/// Something in a source file a reviewer should know about: where (file, line or record), which
/// field, and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    /// File path, with `:line` or `#record` where known.
    pub location: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn warning(
        location: impl Into<String>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            severity: Severity::Warning,
            location: location.into(),
            field: field.map(str::to_string),
            message: message.into(),
        }
    }

    pub fn error(
        location: impl Into<String>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            severity: Severity::Error,
            location: location.into(),
            field: field.map(str::to_string),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{sev}: {}", self.location)?;
        if let Some(field) = &self.field {
            write!(f, " [{field}]")?;
        }
        write!(f, ": {}", self.message)
    }
}
