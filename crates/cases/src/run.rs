//! Screening runs: one pass of records through the matcher, recorded with what it ran against.

use crate::canonical::{canonical, sha256_hex};
use embargo_matcher::{Hit, MatchConfig};
use serde::{Deserialize, Serialize};

/// The version of the engine written into every run and alert.
pub const ENGINE_VERSION: &str = concat!("embargo ", env!("CARGO_PKG_VERSION"));

/// The hash of a matching configuration (canonical JSON), written into every run and alert.
pub fn config_hash(config: &MatchConfig) -> String {
    sha256_hex(&canonical(config))
}

/// What kind of pass a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunKind {
    /// New and changed records of an import, against everything.
    Import,
    /// Every record against everything.
    Full,
    /// Every record against the added and changed entities, and changed records against
    /// everything.
    Delta,
}

impl RunKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RunKind::Import => "import",
            RunKind::Full => "full",
            RunKind::Delta => "delta",
        }
    }
}

/// A run to start.
#[derive(Clone, Debug)]
pub struct NewRun<'a> {
    /// A caller-chosen id makes the start idempotent (a re-run after a crash continues the same
    /// run); `None` draws a random one.
    pub id: Option<String>,
    pub kind: RunKind,
    pub actor: &'a str,
    /// From [`crate::ListsRegistered::list_version`].
    pub list_version: &'a str,
    pub config: &'a MatchConfig,
}

/// One alerting hit to record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub entity_id: String,
    pub caption: String,
    pub score: f64,
    pub explanation: serde_json::Value,
}

impl Candidate {
    pub fn from_hit(hit: &Hit) -> Candidate {
        Candidate {
            entity_id: hit.id.clone(),
            caption: hit.caption.clone(),
            score: hit.score,
            explanation: serde_json::to_value(&hit.explanation).unwrap_or_default(),
        }
    }
}

/// The screening outcome of one record: its fingerprint when it was screened and its alerting
/// hits (possibly none; the record is then marked screened all the same).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordResult {
    pub record_id: String,
    pub record_fingerprint: String,
    pub hits: Vec<Candidate>,
}

impl RecordResult {
    /// Keep the hits at or above their threshold (`match: true`).
    pub fn from_hits(record: &crate::Record, fingerprint: &str, hits: &[Hit]) -> RecordResult {
        RecordResult {
            record_id: record.id.clone(),
            record_fingerprint: fingerprint.to_string(),
            hits: hits
                .iter()
                .filter(|h| h.is_match)
                .map(Candidate::from_hit)
                .collect(),
        }
    }
}

/// What recording a batch of results did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchOutcome {
    /// Ids of the alerts raised.
    pub raised: Vec<i64>,
    /// Hits not raised because a confirmed false positive covers the unchanged pair.
    pub suppressed: i64,
    /// Hits not raised because the unchanged pair already has an alert (open, in review, or a
    /// confirmed true match).
    pub already_alerted: i64,
    /// Records marked screened (a record changed since it was screened stays pending).
    pub screened: i64,
}

/// A stored run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub id: String,
    pub kind: String,
    pub actor: String,
    pub list_version: String,
    pub engine_version: String,
    pub config_hash: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub screened: i64,
    pub raised: i64,
    pub suppressed: i64,
}
