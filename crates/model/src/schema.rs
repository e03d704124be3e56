//! FtM schemata that embargo screens against, and the gender vocabulary.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kind of a listed party. Only these are screened; other FtM schemata (Sanction, Ownership,
/// Address…) are kept as [`crate::entity::ListDocument::other`] and attached to the screened entity
/// where they carry facts about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Schema {
    Person,
    Organization,
    Company,
    LegalEntity,
    Vessel,
    Airplane,
}

impl Schema {
    pub const ALL: [Schema; 6] = [
        Schema::Person,
        Schema::Organization,
        Schema::Company,
        Schema::LegalEntity,
        Schema::Vessel,
        Schema::Airplane,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Schema::Person => "Person",
            Schema::Organization => "Organization",
            Schema::Company => "Company",
            Schema::LegalEntity => "LegalEntity",
            Schema::Vessel => "Vessel",
            Schema::Airplane => "Airplane",
        }
    }

    /// True for the organisation-like schemata (legal forms apply to their names).
    pub fn is_organization(self) -> bool {
        matches!(
            self,
            Schema::Organization | Schema::Company | Schema::LegalEntity
        )
    }

    /// Whether an entity of schema `self` may be the party a query of schema `query` is looking
    /// for. LegalEntity is FtM's common parent of Person and Organization, so it matches both.
    pub fn compatible_with(self, query: Schema) -> bool {
        if self == query || self == Schema::LegalEntity || query == Schema::LegalEntity {
            return true;
        }
        self.is_organization() && query.is_organization()
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a schema name that is not one embargo screens.
#[derive(Debug, thiserror::Error)]
#[error("unknown schema {0:?} (expected Person, Organization, Company, LegalEntity, Vessel or Airplane)")]
pub struct UnknownSchema(pub String);

impl FromStr for Schema {
    type Err = UnknownSchema;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Ok(match t.to_ascii_lowercase().as_str() {
            "person" | "individual" => Schema::Person,
            "organization" | "organisation" => Schema::Organization,
            "company" | "entity" => Schema::Company,
            "legalentity" | "legal_entity" => Schema::LegalEntity,
            "vessel" => Schema::Vessel,
            "airplane" | "aircraft" => Schema::Airplane,
            _ => return Err(UnknownSchema(t.to_string())),
        })
    }
}

/// Gender as lists publish it, in FtM's vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
    Other,
}

impl Gender {
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
            Gender::Other => "other",
        }
    }

    /// Parse the spellings met in lists and customer files; `None` for unknown or empty values.
    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim().to_ascii_lowercase().as_str() {
            "male" | "m" | "man" => Some(Gender::Male),
            "female" | "f" | "woman" => Some(Gender::Female),
            "other" | "x" | "diverse" => Some(Gender::Other),
            _ => None,
        }
    }
}
