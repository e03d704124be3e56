//! What continuous screening (`embargo rescreen`, the re-screening after `embargo update`) keeps
//! in the store between runs, beside the near misses of each record ([`crate::NearMiss`]).
//!
//! A delta run is only right when the near misses it re-scores were computed against the list
//! versions the store screened against before the update, with the same matching configuration:
//! [`ContinuousState::versions`] and [`ContinuousState::config_hash`] say which. The delta to apply is known only at registration time (once
//! registered, the store no longer reports what changed), so it is written as
//! [`PendingRescreen`] before the run starts and cleared by the transaction that finishes it
//! ([`crate::Store::finish_rescreen`]); a run killed in between is continued, not redone.

use crate::run::RunKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The state row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContinuousState {
    /// Dataset → version id that the stored near misses were computed against (empty before
    /// the first re-screening).
    pub versions: BTreeMap<String, String>,
    /// The hash of the matching configuration they were computed with
    /// ([`crate::config_hash`]): another threshold or `min_score` makes other near misses.
    pub config_hash: Option<String>,
    /// A re-screening started and not finished.
    pub pending: Option<PendingRescreen>,
}

/// A re-screening in progress, written before it starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRescreen {
    pub run_id: String,
    pub kind: RunKind,
    /// Dataset → version id being screened against.
    pub versions: BTreeMap<String, String>,
    /// The matching configuration it screens with ([`crate::config_hash`]).
    pub config_hash: String,
    /// Entity ids added or changed: screened against every record.
    pub screen_against: Vec<String>,
    /// Entity ids removed.
    pub removed: Vec<String>,
}
