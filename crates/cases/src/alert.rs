//! Alerts: a stored record × a listed entity that scored at or above the threshold.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where an alert stands in review.
///
/// `true_match` and `false_positive` are an analyst's proposal awaiting a second analyst's
/// confirmation (with four eyes on); a confirmed proposal is `closed`, its
/// [`Verdict`] in [`Alert::resolution`]. `delisted`: the entity left its list while the alert
/// was open, under review or a confirmed true match; it must be reviewed again, never closed
/// silently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertState {
    Open,
    TrueMatch,
    FalsePositive,
    Escalated,
    Delisted,
    Closed,
}

impl AlertState {
    pub const ALL: [AlertState; 6] = [
        AlertState::Open,
        AlertState::TrueMatch,
        AlertState::FalsePositive,
        AlertState::Escalated,
        AlertState::Delisted,
        AlertState::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AlertState::Open => "open",
            AlertState::TrueMatch => "true_match",
            AlertState::FalsePositive => "false_positive",
            AlertState::Escalated => "escalated",
            AlertState::Delisted => "delisted",
            AlertState::Closed => "closed",
        }
    }
}

impl fmt::Display for AlertState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AlertState {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        AlertState::ALL
            .into_iter()
            .find(|a| a.as_str() == norm)
            .ok_or_else(|| {
                format!("unknown alert state {s:?} (one of: open, true_match, false_positive, escalated, delisted, closed)")
            })
    }
}

/// The confirmed outcome of a closed alert.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    TrueMatch,
    FalsePositive,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::TrueMatch => "true_match",
            Verdict::FalsePositive => "false_positive",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "true_match" => Some(Verdict::TrueMatch),
            "false_positive" => Some(Verdict::FalsePositive),
            _ => None,
        }
    }
}

/// Why an alert was raised: the pair is new, or it alerted before and the record or the
/// entity changed since (in a field that matching uses, or the entity's programmes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    New,
    RecordChanged,
    EntityChanged,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::New => "new",
            Reason::RecordChanged => "record_changed",
            Reason::EntityChanged => "entity_changed",
        }
    }

    pub fn parse(s: &str) -> Option<Reason> {
        match s {
            "new" => Some(Reason::New),
            "record_changed" => Some(Reason::RecordChanged),
            "entity_changed" => Some(Reason::EntityChanged),
            _ => None,
        }
    }
}

/// A stored alert.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub id: i64,
    pub run_id: String,
    pub record_id: String,
    pub entity_id: String,
    /// The entity's primary name when the alert was raised.
    pub caption: String,
    pub score: f64,
    /// The matcher's explanation, as JSON.
    pub explanation: serde_json::Value,
    pub record_fingerprint: String,
    pub entity_fingerprint: String,
    /// The entity's programmes when the alert was raised (JSON array).
    pub entity_programs: String,
    pub list_version: String,
    pub engine_version: String,
    pub config_hash: String,
    pub reason: Reason,
    pub state: AlertState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Verdict>,
    /// The analyst whose proposal awaits confirmation (or who closed it alone without four eyes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_before_delisting: Option<AlertState>,
    pub created_at: String,
    pub updated_at: String,
}

/// What to list.
#[derive(Clone, Debug, Default)]
pub struct AlertFilter {
    pub state: Option<AlertState>,
    pub record_id: Option<String>,
    pub entity_id: Option<String>,
    pub run_id: Option<String>,
    /// Only alerts with an id above this (keyset paging).
    pub after_id: Option<i64>,
    /// At most this many (all when `None`).
    pub limit: Option<i64>,
}
