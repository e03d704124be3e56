//! Delta screening: after a list update, find exactly the alerts a full re-run would newly
//! raise, without screening every record against every entity.
//!
//! A full re-run scores a pair (record, entity) anew when either side changed, or when the
//! token statistics did: a token's weight depends on how many names of the *whole* list hold it
//! ([`embargo_matcher::commonness`]), so an update shifts every score a little. The delta run
//! covers the three cases:
//!
//! 1. **Added and changed entities** against every record. Candidates are retrieved among those
//!    entities only ([`embargo_matcher::retrieval`]: retrieval depends on tokens, never on statistics, so
//!    it returns exactly the full index's candidates among them); each candidate is then scored
//!    with names prepared against the statistics of the *full* new list, so the score equals the
//!    full run's to the last digit. Records are prepared once ([`PreparedRecords`]) and only
//!    re-weighted for the new statistics, so a record that retrieves nothing costs a few hash
//!    lookups.
//! 2. **Changed records** (re-supplied since the last screening) against the whole new index.
//! 3. **Drift**: the near misses of the last screening (results between `min_score` and the
//!    threshold) of unchanged pairs are re-scored with the new statistics, so a pair pushed over
//!    the threshold by the update alone is found too. A pair that scored below `min_score` last
//!    time and crosses the threshold on statistics alone is not looked at; the benchmark checks on
//!    the 2019 → 2021 OFAC update (30 % of the list) that none does.
//!
//! Only pairs that are not alerts already become new alerts. Alerts on removed entities are
//! reported as delisted (the store flags them for review; they are never closed silently).

use crate::screening::{alert_config, record_id, Finding, Pair, Prior, Results};
use embargo_matcher::prepared::PreparedName;
use embargo_matcher::retrieval::Retrieval;
use embargo_matcher::score::{score_entity, PreparedQuery};
use embargo_matcher::token_similarity::token_similarity;
use embargo_matcher::{Hit, Index, MatchConfig, Query};
use embargo_model::Entity;
use embargo_sources::diff::Diff;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Names of an entity prepared as the full index prepares them, against its statistics.
fn prepare_names(e: &Entity, index: &Index) -> Vec<PreparedName> {
    e.names
        .iter()
        .map(|n| PreparedName::new(&n.value, n.kind, Some(e.schema), index.stats()))
        .collect()
}

/// A hit as [`Index::search`] reports it.
fn hit(
    index: &Index,
    position: usize,
    r: embargo_matcher::MatchResult,
    config: &MatchConfig,
) -> Hit {
    let e = &index.entities()[position];
    let datasets = e.datasets();
    let threshold = config.threshold_for(e.schema.as_str(), &datasets);
    Hit {
        entity: position,
        id: e.id.to_string(),
        caption: e.caption().to_string(),
        schema: e.schema.to_string(),
        score: r.score,
        is_match: r.score >= threshold,
        datasets,
        explanation: r.explanation,
    }
}

/// What a list update asks of the stored customer base.
#[derive(Clone, Debug, Default)]
pub struct EntityDelta {
    /// Ids added or changed in the new version: screened against every record.
    pub screen_against: Vec<String>,
    /// Ids gone from the new version: their alerts are flagged delisted.
    pub removed: Vec<String>,
}

impl EntityDelta {
    /// The delta of a list diff ([`embargo_sources::diff`]): added entities and every changed one
    /// are screened against (a change in a field matching ignores costs a few pairs; a programme
    /// change must reach the store, where a cleared false alert comes back), removed ones are
    /// delisted.
    pub fn from_diff(diff: &Diff) -> EntityDelta {
        let mut screen_against: Vec<String> = diff
            .added
            .iter()
            .chain(diff.changed.iter().map(|c| &c.id))
            .map(|id| id.to_string())
            .collect();
        screen_against.sort();
        screen_against.dedup();
        EntityDelta {
            screen_against,
            removed: diff.removed.iter().map(|id| id.to_string()).collect(),
        }
    }

    /// The delta between two versions, computed by comparing entities with the same id (an id
    /// published twice counts as changed when any of its entries differs). Every change counts,
    /// even in fields matching ignores: screening a changed entity again costs little, and a
    /// programme change must reach the store (a cleared false alert comes back).
    pub fn between(old: &[Entity], new: &[Entity]) -> EntityDelta {
        fn group(es: &[Entity]) -> HashMap<&str, Vec<&Entity>> {
            let mut m: HashMap<&str, Vec<&Entity>> = HashMap::new();
            for e in es {
                m.entry(e.id.as_str()).or_default().push(e);
            }
            m
        }
        let (o, n) = (group(old), group(new));
        let mut d = EntityDelta::default();
        for (id, news) in &n {
            if o.get(id).is_none_or(|olds| olds != news) {
                d.screen_against.push(id.to_string());
            }
        }
        for id in o.keys() {
            if !n.contains_key(id) {
                d.removed.push(id.to_string());
            }
        }
        d.screen_against.sort();
        d.removed.sort();
        d
    }
}

/// Counts of a delta run, for the report line and the benchmark.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DeltaCounts {
    pub records: usize,
    pub changed_records: usize,
    pub delta_entities: usize,
    pub removed_entities: usize,
    /// Unchanged records that retrieved at least one delta entity.
    pub records_retrieving: usize,
    /// Record × delta-entity pairs retrieved and scored.
    pub delta_pairs: usize,
    /// Near misses re-scored for drift.
    pub drift_pairs: usize,
    pub new_alerts: usize,
    /// New alerts on unchanged records and unchanged entities (found by the drift step).
    pub new_alerts_from_drift: usize,
    pub delisted: usize,
}

/// The outcome of a delta run.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DeltaOutcome {
    /// Pairs at or above the threshold that were not alerts before, sorted.
    pub new_alerts: Vec<Finding>,
    /// Alerts of the prior state whose entity was removed, sorted.
    pub delisted: Vec<Pair>,
    /// Everything scored (alerts old and new, near misses), to refresh the prior state.
    pub results: Results,
    /// Pairs the drift step re-scored (to forget the near misses that fell below `min_score`).
    #[serde(skip)]
    pub drift_scored: Vec<Pair>,
    pub counts: DeltaCounts,
}

/// Records prepared for matching (names analysed into tokens), kept between screenings: tokens
/// do not depend on the list, so a delta run only re-weights them for the new statistics.
#[derive(Clone, Debug, Default)]
pub struct PreparedRecords {
    by_id: HashMap<String, PreparedQuery>,
}

impl PreparedRecords {
    /// Prepare every record with an id (against `index`'s statistics; any will do).
    pub fn build(records: &[Query], index: &Index) -> PreparedRecords {
        PreparedRecords {
            by_id: records
                .par_iter()
                .filter_map(|q| {
                    record_id(q).map(|id| (id.to_string(), PreparedQuery::new(q, index.stats())))
                })
                .collect(),
        }
    }

    /// The prepared form of `q`, if it was prepared from this very query.
    fn get(&self, id: &str, q: &Query) -> Option<&PreparedQuery> {
        self.by_id.get(id).filter(|p| p.query == *q)
    }

    /// Prepare (again) the given records, e.g. the changed ones after a run.
    pub fn update(&mut self, records: &[Query], index: &Index) {
        let fresh = PreparedRecords::build(records, index);
        self.by_id.extend(fresh.by_id);
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// The new list version, indexed whole, with the part a delta run screens against.
pub struct DeltaIndex<'a> {
    full: &'a Index,
    /// Full index positions of the entities screened against every record.
    delta_positions: Vec<usize>,
    /// Their names, prepared against the full statistics.
    delta_names: Vec<Vec<PreparedName>>,
    retrieval: Retrieval,
    in_delta: HashSet<String>,
    removed: HashSet<String>,
    /// Entity id → position in the full index (the first, for an id published twice).
    positions: HashMap<&'a str, usize>,
}

impl<'a> DeltaIndex<'a> {
    /// Prepare a delta run over `full` (the whole new version) for `delta`. Ids of `delta` not in
    /// `full` are ignored (nothing to screen against).
    pub fn new(full: &'a Index, delta: &EntityDelta) -> DeltaIndex<'a> {
        let in_delta: HashSet<String> = delta.screen_against.iter().cloned().collect();
        let mut positions: HashMap<&str, usize> = HashMap::with_capacity(full.len());
        for (i, e) in full.entities().iter().enumerate() {
            positions.entry(e.id.as_str()).or_insert(i);
        }
        let delta_positions: Vec<usize> = (0..full.len())
            .filter(|&i| in_delta.contains(full.entities()[i].id.as_str()))
            .collect();
        let entities: Vec<&Entity> = delta_positions
            .iter()
            .map(|&i| &full.entities()[i])
            .collect();
        let delta_names: Vec<Vec<PreparedName>> = entities
            .par_iter()
            .map(|e| prepare_names(e, full))
            .collect();
        let retrieval = Retrieval::new(entities.iter().copied(), &delta_names);
        DeltaIndex {
            full,
            delta_positions,
            delta_names,
            retrieval,
            in_delta,
            removed: delta.removed.iter().cloned().collect(),
            positions,
        }
    }

    /// Number of entities screened against every record.
    pub fn delta_len(&self) -> usize {
        self.delta_positions.len()
    }

    /// Run the delta screening of `records` (the whole stored base; `changed` holds the ids of
    /// records re-supplied since `prior` was screened, and of records never screened).
    /// `prepared` holds records prepared earlier; a record missing from it, or prepared from
    /// other values than it now has, is prepared here.
    pub fn run(
        &self,
        records: &[Query],
        changed: &HashSet<String>,
        prior: &Prior,
        prepared: &PreparedRecords,
        config: &MatchConfig,
    ) -> DeltaOutcome {
        let cfg = alert_config(config);
        let stats = self.full.stats();
        // Drift: the entities of the near misses to re-score, prepared once.
        let mut drift_positions: Vec<usize> = records
            .iter()
            .filter_map(record_id)
            .filter(|id| !changed.contains(*id))
            .filter_map(|id| prior.near_misses.get(id))
            .flatten()
            .filter(|(e, _)| !self.in_delta.contains(e))
            .filter_map(|(e, _)| self.positions.get(e.as_str()).copied())
            .collect();
        drift_positions.sort_unstable();
        drift_positions.dedup();
        let drift_names: HashMap<usize, Vec<PreparedName>> = drift_positions
            .par_iter()
            .map(|&p| (p, prepare_names(&self.full.entities()[p], self.full)))
            .collect();

        struct Acc {
            results: Results,
            drift_scored: Vec<Pair>,
            counts: DeltaCounts,
        }
        let new_acc = || Acc {
            results: Results::default(),
            drift_scored: Vec::new(),
            counts: DeltaCounts::default(),
        };
        let acc = records
            .par_iter()
            .fold(new_acc, |mut acc, q| {
                let Some(id) = record_id(q) else {
                    return acc;
                };
                acc.counts.records += 1;
                if changed.contains(id) {
                    acc.counts.changed_records += 1;
                    acc.results
                        .add(id, self.full.search(q, &cfg), cfg.min_score);
                    return acc;
                }
                let cached = prepared.get(id, q);
                let fresh;
                let base = match cached {
                    Some(p) => p,
                    None => {
                        fresh = PreparedQuery::new(q, stats);
                        &fresh
                    }
                };
                let candidates: Vec<usize> = self
                    .retrieval
                    .candidates(base, &mut |a, b| token_similarity(a, b).0)
                    .into_iter()
                    .map(|c| c as usize)
                    .filter(|&c| {
                        q.schema.is_none_or(|s| {
                            self.full.entities()[self.delta_positions[c]]
                                .schema
                                .compatible_with(s)
                        })
                    })
                    .collect();
                let drift: Vec<(&String, usize)> = prior
                    .near_misses
                    .get(id)
                    .into_iter()
                    .flatten()
                    .filter(|(e, _)| !self.in_delta.contains(e))
                    .filter_map(|(e, _)| self.positions.get(e.as_str()).map(|&p| (e, p)))
                    .collect();
                if candidates.is_empty() && drift.is_empty() {
                    return acc;
                }
                // Weights for the new statistics; a freshly prepared record has them already.
                let reweighted;
                let pq = match cached {
                    Some(p) => {
                        let mut p = p.clone();
                        for n in &mut p.names {
                            n.reweight(stats);
                        }
                        reweighted = p;
                        &reweighted
                    }
                    None => base,
                };
                let mut hits: Vec<Hit> = Vec::new();
                if !candidates.is_empty() {
                    acc.counts.records_retrieving += 1;
                }
                for c in candidates {
                    acc.counts.delta_pairs += 1;
                    let fp = self.delta_positions[c];
                    let r = score_entity(pq, &self.full.entities()[fp], &self.delta_names[c], &cfg);
                    if r.score >= cfg.min_score {
                        hits.push(hit(self.full, fp, r, &cfg));
                    }
                }
                for (e, p) in drift {
                    let Some(names) = drift_names.get(&p) else {
                        continue;
                    };
                    acc.counts.drift_pairs += 1;
                    acc.drift_scored.push(Pair {
                        record: id.to_string(),
                        entity: e.clone(),
                    });
                    let r = score_entity(pq, &self.full.entities()[p], names, &cfg);
                    if r.score >= cfg.min_score {
                        hits.push(hit(self.full, p, r, &cfg));
                    }
                }
                acc.results.add(id, hits, cfg.min_score);
                acc
            })
            .reduce(new_acc, |mut a, b| {
                a.results.alerts.extend(b.results.alerts);
                a.results.near_misses.extend(b.results.near_misses);
                a.results.truncated += b.results.truncated;
                a.drift_scored.extend(b.drift_scored);
                let (x, y) = (&mut a.counts, b.counts);
                x.records += y.records;
                x.changed_records += y.changed_records;
                x.records_retrieving += y.records_retrieving;
                x.delta_pairs += y.delta_pairs;
                x.drift_pairs += y.drift_pairs;
                a
            });
        let Acc {
            mut results,
            mut drift_scored,
            mut counts,
        } = acc;
        results.sort();
        drift_scored.sort();
        let new_alerts: Vec<Finding> = results
            .alerts
            .iter()
            .filter(|f| !prior.alerts.contains(&f.pair()))
            .cloned()
            .collect();
        let mut delisted: Vec<Pair> = prior
            .alerts
            .iter()
            .filter(|p| self.removed.contains(&p.entity))
            .cloned()
            .collect();
        delisted.sort();
        counts.delta_entities = self.delta_positions.len();
        counts.removed_entities = self.removed.len();
        counts.new_alerts = new_alerts.len();
        counts.new_alerts_from_drift = new_alerts
            .iter()
            .filter(|f| !changed.contains(&f.record) && !self.in_delta.contains(&f.hit.id))
            .count();
        counts.delisted = delisted.len();
        DeltaOutcome {
            new_alerts,
            delisted,
            results,
            drift_scored,
            counts,
        }
    }
}

impl DeltaOutcome {
    /// Bring `prior` up to date with this run, so that the next delta run starts from what a
    /// full screening against the new version would have left (up to the drift of pairs below
    /// `min_score`; see the module documentation).
    pub fn apply_to(&self, prior: &mut Prior, delta: &EntityDelta, changed: &HashSet<String>) {
        let stale: HashSet<&str> = delta
            .screen_against
            .iter()
            .chain(&delta.removed)
            .map(String::as_str)
            .collect();
        let rescored: HashSet<(&str, &str)> = self
            .drift_scored
            .iter()
            .map(|p| (p.record.as_str(), p.entity.as_str()))
            .collect();
        for (record, v) in prior.near_misses.iter_mut() {
            if changed.contains(record) {
                v.clear();
            } else {
                v.retain(|(e, _)| {
                    !stale.contains(e.as_str())
                        && !rescored.contains(&(record.as_str(), e.as_str()))
                });
            }
        }
        prior.near_misses.retain(|_, v| !v.is_empty());
        prior.absorb(&self.results);
    }
}
