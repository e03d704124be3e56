//! Matching configuration: one typed struct, serialisable, hashed into every alert.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Thresholds and limits. Per-list and per-schema thresholds let a payments channel screen at a
/// different line than onboarding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatchConfig {
    /// A result at or above this score is an alert (`match: true`).
    pub threshold: f64,
    /// Results below this score are not returned at all.
    pub min_score: f64,
    /// At most this many results per query.
    pub limit: usize,
    /// Threshold overrides per list (dataset name, e.g. `ofac-sdn`).
    pub list_thresholds: BTreeMap<String, f64>,
    /// Threshold overrides per schema (`Person`, `Vessel`…).
    pub schema_thresholds: BTreeMap<String, f64>,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            threshold: 0.7,
            min_score: 0.5,
            limit: 10,
            list_thresholds: BTreeMap::new(),
            schema_thresholds: BTreeMap::new(),
        }
    }
}

impl MatchConfig {
    /// The threshold that applies to an entity of `schema` from `lists`: the strictest (lowest)
    /// applicable override, else the default, so that no override can hide a hit another list
    /// would raise.
    pub fn threshold_for(&self, schema: &str, lists: &[String]) -> f64 {
        let mut t: Option<f64> = self.schema_thresholds.get(schema).copied();
        for l in lists {
            if let Some(v) = self.list_thresholds.get(l) {
                t = Some(t.map_or(*v, |x: f64| x.min(*v)));
            }
        }
        t.unwrap_or(self.threshold)
    }
}
