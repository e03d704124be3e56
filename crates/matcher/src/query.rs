//! What a screening asks about: one party with its names and qualifiers.

use embargo_model::{CountryCode, DateOfBirth, Gender, Identifier, Schema};
use serde::Serialize;

/// A screening query. Only `names` is required.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Query {
    /// Caller's reference for the record, passed through.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Names to screen (the full name first; parts may add a reordered variant).
    pub names: Vec<String>,
    /// The kind of party; `None` screens against every schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<DateOfBirth>,
    /// Nationalities and countries of the party.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<CountryCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
}

impl Query {
    pub fn name(name: impl Into<String>) -> Self {
        Query {
            names: vec![name.into()],
            ..Default::default()
        }
    }
}
