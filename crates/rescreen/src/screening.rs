//! A full screening of a customer base, and what it leaves behind for the next delta run.
//!
//! Alerts are every result at or above its entity's threshold, however many a record has: the
//! `limit` of a single search (the ten best results an analyst reads) must not decide whether a
//! pair is an alert, or a delta run and a full run could disagree on which ten a record kept.
//! Results between `min_score` and the threshold are kept too, as *near misses*: after a list
//! update the token statistics change (a token's rarity depends on the whole list), so a pair
//! that neither side of which changed can still cross the threshold; the delta run re-scores
//! the near misses to find those (see [`crate::delta`]).

use embargo_matcher::{Hit, Index, MatchConfig, Query};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One result of a screening: a record against a listed entity.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// The screened record's id.
    pub record: String,
    /// The entity, its score and the explanation.
    pub hit: Hit,
}

impl Finding {
    /// The record × entity pair, the identity of an alert.
    pub fn pair(&self) -> Pair {
        Pair {
            record: self.record.clone(),
            entity: self.hit.id.clone(),
        }
    }
}

/// A record × entity pair.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Pair {
    pub record: String,
    pub entity: String,
}

/// What a screening found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Results {
    /// Results at or above their entity's threshold.
    pub alerts: Vec<Finding>,
    /// Results at or above `min_score` and below the threshold.
    pub near_misses: Vec<Finding>,
    /// Records whose results reached [`RESULTS_PER_RECORD`] (some may have been cut).
    pub truncated: usize,
}

impl Results {
    /// Sort both lists by record, then entity (results are produced in parallel).
    pub fn sort(&mut self) {
        let key = |f: &Finding| (f.record.clone(), f.hit.id.clone());
        self.alerts.sort_by_key(key);
        self.near_misses.sort_by_key(key);
    }

    /// Add the hits of one record, sorting each into alerts or near misses. An id met twice for
    /// one record (an entity published twice under one id) keeps its best hit.
    pub fn add(&mut self, record: &str, hits: Vec<Hit>, min_score: f64) {
        if hits.len() >= RESULTS_PER_RECORD {
            self.truncated += 1;
        }
        let mut best: HashMap<String, Hit> = HashMap::new();
        for h in hits {
            if h.score < min_score {
                continue;
            }
            match best.get(&h.id) {
                Some(b) if b.score >= h.score => {}
                _ => {
                    best.insert(h.id.clone(), h);
                }
            }
        }
        for (_, hit) in best {
            let f = Finding {
                record: record.to_string(),
                hit,
            };
            if f.hit.is_match {
                self.alerts.push(f);
            } else {
                self.near_misses.push(f);
            }
        }
    }

    fn merge(mut self, other: Results) -> Results {
        self.alerts.extend(other.alerts);
        self.near_misses.extend(other.near_misses);
        self.truncated += other.truncated;
        self
    }
}

/// Results kept per record in a screening for alerts. Far above what any record meets (the
/// 100,000-record benchmark's worst has a few dozen), and [`Results::truncated`] counts the
/// records that reach it, so that a cut can never pass unnoticed.
pub const RESULTS_PER_RECORD: usize = 1000;

/// The configuration a screening for alerts runs with: the caller's, with
/// [`RESULTS_PER_RECORD`] as its limit.
pub fn alert_config(config: &MatchConfig) -> MatchConfig {
    MatchConfig {
        limit: RESULTS_PER_RECORD,
        ..config.clone()
    }
}

/// The id of a stored record; records without one cannot be screened for alerts.
pub fn record_id(q: &Query) -> Option<&str> {
    q.id.as_deref().filter(|s| !s.is_empty())
}

/// Screen every record against the whole index (the reference a delta run must agree with).
/// Records without an id are skipped; [`crate::CustomerBase`] refuses them earlier.
pub fn screen_full(index: &Index, records: &[Query], config: &MatchConfig) -> Results {
    let cfg = alert_config(config);
    let mut r = records
        .par_iter()
        .fold(Results::default, |mut acc, q| {
            if let Some(id) = record_id(q) {
                acc.add(id, index.search(q, &cfg), cfg.min_score);
            }
            acc
        })
        .reduce(Results::default, Results::merge);
    r.sort();
    r
}

/// What the previous screening left that a delta run needs: which pairs are alerts already, and
/// the near misses to watch for drift.
#[derive(Clone, Debug, Default)]
pub struct Prior {
    pub alerts: HashSet<Pair>,
    /// Record id → (entity id, score) of its near misses.
    pub near_misses: HashMap<String, Vec<(String, f64)>>,
}

impl Prior {
    /// The state a full screening leaves.
    pub fn from_results(r: &Results) -> Prior {
        let mut p = Prior::default();
        p.absorb(r);
        p
    }

    /// Add a screening's alerts, and replace the near misses of the pairs it scored.
    pub fn absorb(&mut self, r: &Results) {
        for f in &r.alerts {
            self.alerts.insert(f.pair());
            self.forget_near_miss(&f.record, &f.hit.id);
        }
        for f in &r.near_misses {
            let v = self.near_misses.entry(f.record.clone()).or_default();
            match v.iter_mut().find(|(e, _)| *e == f.hit.id) {
                Some(slot) => slot.1 = f.hit.score,
                None => v.push((f.hit.id.clone(), f.hit.score)),
            }
        }
    }

    fn forget_near_miss(&mut self, record: &str, entity: &str) {
        if let Some(v) = self.near_misses.get_mut(record) {
            v.retain(|(e, _)| e != entity);
        }
    }

    /// Number of near-miss pairs held.
    pub fn near_miss_count(&self) -> usize {
        self.near_misses.values().map(Vec::len).sum()
    }
}

/// The alerts of `full` that are not alerts in `prior`: what a full re-run newly finds.
pub fn newly_found<'a>(prior: &Prior, full: &'a Results) -> Vec<&'a Finding> {
    full.alerts
        .iter()
        .filter(|f| !prior.alerts.contains(&f.pair()))
        .collect()
}
