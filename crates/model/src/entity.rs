//! A listed party and the document a list file becomes.

use crate::{
    CountryCode, DateOfBirth, Gender, Identifier, Name, NameKind, PartialDate, Problem, Schema,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// An id unique within a list and stable across its versions: `un:KPi.066`, `ofac-sdn:20157`,
/// `us-csl:…`, or an FtM id as given.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(pub String);

impl EntityId {
    /// `prefix:local`, with the local part trimmed (UN reference numbers carry trailing spaces).
    pub fn new(prefix: &str, local: &str) -> Self {
        EntityId(format!("{prefix}:{}", local.trim()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an entity was published: the list (dataset name such as `un`, `ofac-sdn`) and the
/// source's own id for it. An entity present in several loaded lists carries several.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceRef {
    pub list: String,
    pub source_id: String,
}

/// A postal address as published; `full` is the whole text when the source gives no parts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Address {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
}

impl Address {
    /// The address on one line, from `full` or its parts.
    pub fn to_line(&self) -> String {
        if let Some(f) = &self.full {
            return f.clone();
        }
        let mut parts: Vec<&str> = Vec::new();
        for p in [&self.street, &self.city, &self.postal_code, &self.region]
            .into_iter()
            .flatten()
        {
            parts.push(p);
        }
        let mut line = parts.join(", ");
        if let Some(c) = &self.country {
            if !line.is_empty() {
                line.push_str(", ");
            }
            line.push_str(c.name());
        }
        line
    }
}

/// A link to another party: OFAC "Linked To: NAME", FtM Ownership / Directorship / Family.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Relation {
    /// `linked_to`, `owner`, `owned`, `director`, `family`, `associate`…
    pub kind: String,
    /// The other party's name as published.
    pub target_name: String,
    /// The other party's id, when the source gives it or it was resolved within the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<EntityId>,
    /// Share of ownership in percent, when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<String>,
}

/// A listed person, organisation, company, vessel or aircraft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub schema: Schema,
    /// All names; exactly one `Primary` (the caption) for entities built by readers.
    pub names: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<DateOfBirth>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_places: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<CountryCode>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citizenships: Vec<CountryCode>,
    /// Countries of residence, registration, jurisdiction, flag or address.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<CountryCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// Positions and designations ("President of the Russian Federation").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    /// Programmes / regimes: `DPRK3`, `RUSSIA-EO14024`, UN list types such as `DPRK`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_on: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    pub sources: Vec<SourceRef>,
    /// FtM properties without a typed field, kept so that FtM round-trips (e.g. `vesselType`,
    /// `tonnage`, `website`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Vec<String>>,
}

impl Entity {
    pub fn new(id: EntityId, schema: Schema, list: &str, source_id: &str) -> Self {
        Entity {
            id,
            schema,
            names: Vec::new(),
            birth_dates: Vec::new(),
            birth_places: Vec::new(),
            nationalities: Vec::new(),
            citizenships: Vec::new(),
            countries: Vec::new(),
            gender: None,
            titles: Vec::new(),
            positions: Vec::new(),
            identifiers: Vec::new(),
            addresses: Vec::new(),
            programs: Vec::new(),
            listed_on: None,
            remarks: Vec::new(),
            relations: Vec::new(),
            sources: vec![SourceRef {
                list: list.to_string(),
                source_id: source_id.trim().to_string(),
            }],
            extra: BTreeMap::new(),
        }
    }

    /// The primary name (the caption shown to reviewers); the first name if none is primary.
    pub fn caption(&self) -> &str {
        self.names
            .iter()
            .find(|n| n.kind == NameKind::Primary)
            .or_else(|| self.names.first())
            .map(|n| n.value.as_str())
            .unwrap_or("")
    }

    /// Add a name unless the same text with the same or a stronger kind is already there.
    pub fn add_name(&mut self, value: &str, kind: NameKind) {
        let v = value.trim();
        if v.is_empty() {
            return;
        }
        if self.names.iter().any(|n| n.value == v && n.kind <= kind) {
            return;
        }
        self.names.push(Name::new(v, kind));
    }

    /// Push a value unless already present (lists repeat facts across records and remarks).
    pub fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: T) {
        if !list.contains(&value) {
            list.push(value);
        }
    }

    /// Every country associated with the entity in any role (nationality, citizenship, residence).
    pub fn all_countries(&self) -> impl Iterator<Item = CountryCode> + '_ {
        self.nationalities
            .iter()
            .chain(self.citizenships.iter())
            .chain(self.countries.iter())
            .copied()
    }

    /// The datasets (list names) the entity was published in.
    pub fn datasets(&self) -> Vec<String> {
        let mut d: Vec<String> = self.sources.iter().map(|s| s.list.clone()).collect();
        d.sort();
        d.dedup();
        d
    }
}

/// What one list file or folder becomes: screened entities, other FtM entities kept for the
/// round-trip, and the problems met while reading.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ListDocument {
    /// The dataset name: `un`, `ofac-sdn`, `ofac-cons`, `us-csl`, `bis-dpl`, `eu-fsf`, `uk`, or
    /// the FtM dataset.
    pub dataset: String,
    /// The version the source states (UN `dateGenerated`, OFAC publish date), when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub entities: Vec<Entity>,
    /// Non-screened FtM entities (Sanction, Ownership, Address…) as raw FtM JSON objects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
}
