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

/// A result below the alert line (between `min_score` and the threshold): kept so that the next
/// delta run can re-score it when a list update shifts the token statistics (see
/// `embargo_rescreen::delta`), stored with the alerts of the same screening.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearMiss {
    pub entity_id: String,
    pub score: f64,
}

/// Near misses kept per record, best first. A bound on what one record can add to the store
/// (a common name scores above `min_score` against hundreds of entries of a 15,000-entity list),
/// never applied to alerts: every hit at or above its threshold is kept, however many.
pub const NEAR_MISSES_PER_RECORD: usize = 1000;

/// The screening outcome of one record: its fingerprint when it was screened, its alerting
/// hits (possibly none; the record is then marked screened all the same), and its near misses,
/// which replace the record's stored near misses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordResult {
    pub record_id: String,
    pub record_fingerprint: String,
    pub hits: Vec<Candidate>,
    #[serde(default)]
    pub near_misses: Vec<NearMiss>,
}

impl RecordResult {
    /// Every hit at or above its threshold (`match: true`) becomes a candidate alert; the hits
    /// below it are the near misses, the best [`NEAR_MISSES_PER_RECORD`] kept. `hits` must hold
    /// every result at or above `min_score` ([`crate::screen::search_complete`]), or alerts and
    /// near misses are lost with the rest.
    pub fn from_hits(record: &crate::Record, fingerprint: &str, hits: &[Hit]) -> RecordResult {
        let mut near: Vec<&Hit> = hits.iter().filter(|h| !h.is_match).collect();
        near.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        // An id met twice (an entity published twice under one id) keeps its best result, and
        // none below the line when it alerts.
        let mut seen: std::collections::HashSet<&str> = hits
            .iter()
            .filter(|h| h.is_match)
            .map(|h| h.id.as_str())
            .collect();
        near.retain(|h| seen.insert(h.id.as_str()));
        near.truncate(NEAR_MISSES_PER_RECORD);
        RecordResult {
            record_id: record.id.clone(),
            record_fingerprint: fingerprint.to_string(),
            hits: hits
                .iter()
                .filter(|h| h.is_match)
                .map(Candidate::from_hit)
                .collect(),
            near_misses: near
                .into_iter()
                .map(|h| NearMiss {
                    entity_id: h.id.clone(),
                    score: h.score,
                })
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
