//! Names of a listed party, with the standing each has for matching.

use serde::{Deserialize, Serialize};

/// How a source presents a name. The matcher treats them differently: a weak alias confirms a hit
/// but must not create one alone (OFAC FAQ 122, UN alias quality "Low").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// The name the source lists the party under (the caption).
    Primary,
    /// A strong alias: UN "Good" / "a.k.a." / unqualified, OFAC aka/nka, FtM `alias`.
    Alias,
    /// A weak, nickname-like alias: UN quality "Low", OFAC XML "weak".
    WeakAlias,
    /// A former name: UN/OFAC "f.k.a.", FtM `previousName`.
    Previous,
    /// The name in its original script (UN `NAME_ORIGINAL_SCRIPT`).
    OriginalScript,
}

impl NameKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Primary => "primary",
            NameKind::Alias => "alias",
            NameKind::WeakAlias => "weak_alias",
            NameKind::Previous => "previous",
            NameKind::OriginalScript => "original_script",
        }
    }

    /// May a match on this name alone raise an alert?
    pub fn can_alert_alone(self) -> bool {
        self != NameKind::WeakAlias
    }

    /// The FtM property a name of this kind is written to.
    pub fn ftm_property(self) -> &'static str {
        match self {
            NameKind::Primary | NameKind::OriginalScript => "name",
            NameKind::Alias => "alias",
            NameKind::WeakAlias => "weakAlias",
            NameKind::Previous => "previousName",
        }
    }
}

/// Name parts as the source gives them. UN lists write FIRST_NAME..FOURTH_NAME without saying which
/// is the family name, so those stay numbered; FtM and OFAC XML give given/family names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NameParts {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub middle: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub family: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patronymic: Vec<String>,
    /// Ordered parts without a role (UN FIRST_NAME, SECOND_NAME…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub numbered: Vec<String>,
}

impl NameParts {
    pub fn is_empty(&self) -> bool {
        self.given.is_empty()
            && self.middle.is_empty()
            && self.family.is_empty()
            && self.patronymic.is_empty()
            && self.numbered.is_empty()
    }
}

/// One published name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Name {
    pub value: String,
    pub kind: NameKind,
    #[serde(default, skip_serializing_if = "NameParts::is_empty")]
    pub parts: NameParts,
}

impl Name {
    pub fn new(value: impl Into<String>, kind: NameKind) -> Self {
        Name {
            value: value.into(),
            kind,
            parts: NameParts::default(),
        }
    }
}
