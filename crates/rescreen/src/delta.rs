//! Delta screening: after a list update, find exactly the alerts a full re-run would newly
//! raise, without screening every record against every entity.
//!
//! A full re-run scores a pair (record, entity) anew when either side changed, or when the
//! token statistics did: a token's weight depends on how many names of the *whole* list hold it
//! ([`embargo_matcher::commonness`]), so an update shifts every score a little. The delta run
//! covers the three cases:
//!
//! 1. **Added and changed entities** against every record. A small [`Index`] over those
//!    entities only retrieves the candidates (retrieval depends on tokens, never on statistics,
//!    so it returns exactly the full index's candidates among them); each candidate is then
//!    scored with the names prepared against the statistics of the *full* new list, so the score
//!    equals the full run's to the last digit. A cheap key test (shared token, skeleton, enough
//!    shared trigrams, identifier) skips the small index for records that cannot retrieve any of
//!    them.
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
use embargo_matcher::score::{score_entity, PreparedQuery};
use embargo_matcher::{Hit, Index, MatchConfig, Query};
use embargo_model::Entity;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Trigram Dice coefficient at or above which the key test lets a record through. Below the
/// matcher's own retrieval threshold (0.3), so that the test stays a superset of retrieval if that
/// is tuned a little; the small index then decides exactly.
const KEY_TEST_DICE: f64 = 0.2;

/// Candidates taken from the small index per record: more than any name retrieves from a whole
/// list; reaching it counts as a truncation ([`Results::truncated`]).
const RETRIEVE_LIMIT: usize = 100_000;

/// The padded character trigrams of a token, as the matcher's retrieval forms them.
fn trigrams(token: &str) -> Vec<[u8; 3]> {
    let mut padded = Vec::with_capacity(token.len() + 2);
    padded.push(b'^');
    padded.extend(token.bytes());
    padded.push(b'$');
    let mut out: Vec<[u8; 3]> = padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Every key by which a query could retrieve one of a few entities.
#[derive(Default)]
struct KeyTest {
    texts: HashSet<String>,
    skeletons: HashSet<String>,
    by_trigram: HashMap<[u8; 3], Vec<u32>>,
    trigram_count: Vec<u16>,
    identifiers: HashSet<String>,
}

impl KeyTest {
    fn new(entities: &[&Entity], names: &[Vec<PreparedName>]) -> KeyTest {
        let mut k = KeyTest::default();
        for ns in names {
            for n in ns {
                for t in &n.tokens {
                    if !k.texts.insert(t.text.clone()) {
                        continue;
                    }
                    if !t.skeleton.is_empty() {
                        k.skeletons.insert(t.skeleton.clone());
                    }
                    let id = k.trigram_count.len() as u32;
                    let tg = trigrams(&t.text);
                    k.trigram_count.push(tg.len() as u16);
                    for g in tg {
                        k.by_trigram.entry(g).or_default().push(id);
                    }
                }
            }
        }
        for e in entities {
            for i in &e.identifiers {
                k.identifiers.insert(i.key());
            }
        }
        k
    }

    /// Could `q` retrieve any of the entities? A superset of the matcher's retrieval.
    fn passes(&self, q: &PreparedQuery) -> bool {
        if q.query
            .identifiers
            .iter()
            .any(|i| self.identifiers.contains(&i.key()))
        {
            return true;
        }
        let mut counts: HashMap<u32, u16> = HashMap::new();
        for n in &q.names {
            for t in &n.tokens {
                if self.texts.contains(&t.text) || self.skeletons.contains(&t.skeleton) {
                    return true;
                }
                let tg = trigrams(&t.text);
                counts.clear();
                for g in &tg {
                    if let Some(ids) = self.by_trigram.get(g) {
                        for &id in ids {
                            *counts.entry(id).or_default() += 1;
                        }
                    }
                }
                let nq = tg.len() as f64;
                if counts.iter().any(|(&id, &shared)| {
                    2.0 * shared as f64 / (nq + self.trigram_count[id as usize] as f64)
                        >= KEY_TEST_DICE
                }) {
                    return true;
                }
            }
        }
        false
    }
}

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
    /// Unchanged records that passed the key test and went through the small index.
    pub key_test_passed: usize,
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

/// The new list version, indexed whole, with the part a delta run screens against.
pub struct DeltaIndex<'a> {
    full: &'a Index,
    small: Index,
    /// Small index position → full index position.
    small_to_full: Vec<usize>,
    /// Names of the small index's entities, prepared against the full statistics.
    small_names: Vec<Vec<PreparedName>>,
    keys: KeyTest,
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
        let small_to_full: Vec<usize> = (0..full.len())
            .filter(|&i| in_delta.contains(full.entities()[i].id.as_str()))
            .collect();
        let entities: Vec<&Entity> = small_to_full.iter().map(|&i| &full.entities()[i]).collect();
        let small_names: Vec<Vec<PreparedName>> = entities
            .par_iter()
            .map(|e| prepare_names(e, full))
            .collect();
        let keys = KeyTest::new(&entities, &small_names);
        let small = Index::from_entities(entities.into_iter().cloned().collect());
        DeltaIndex {
            full,
            small,
            small_to_full,
            small_names,
            keys,
            in_delta,
            removed: delta.removed.iter().cloned().collect(),
            positions,
        }
    }

    /// Number of entities screened against every record.
    pub fn delta_len(&self) -> usize {
        self.small.len()
    }

    /// Run the delta screening of `records` (the whole stored base; `changed` holds the ids of
    /// records re-supplied since `prior` was screened, and of records never screened).
    pub fn run(
        &self,
        records: &[Query],
        changed: &HashSet<String>,
        prior: &Prior,
        config: &MatchConfig,
    ) -> DeltaOutcome {
        let cfg = alert_config(config);
        // Retrieval only: every candidate, whatever the small index's own scores.
        let retrieve = MatchConfig {
            min_score: f64::NEG_INFINITY,
            limit: RETRIEVE_LIMIT,
            ..config.clone()
        };
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
        let acc = records
            .par_iter()
            .fold(
                || Acc {
                    results: Results::default(),
                    drift_scored: Vec::new(),
                    counts: DeltaCounts::default(),
                },
                |mut acc, q| {
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
                    let pq = PreparedQuery::new(q, self.full.stats());
                    let mut hits: Vec<Hit> = Vec::new();
                    if !self.small.is_empty() && self.keys.passes(&pq) {
                        acc.counts.key_test_passed += 1;
                        let candidates = self.small.search(q, &retrieve);
                        if candidates.len() >= RETRIEVE_LIMIT {
                            acc.results.truncated += 1;
                        }
                        for h in candidates {
                            acc.counts.delta_pairs += 1;
                            let fp = self.small_to_full[h.entity];
                            let e = &self.full.entities()[fp];
                            let r = score_entity(&pq, e, &self.small_names[h.entity], &cfg);
                            if r.score >= cfg.min_score {
                                hits.push(hit(self.full, fp, r, &cfg));
                            }
                        }
                    }
                    for (e, _) in prior.near_misses.get(id).into_iter().flatten() {
                        let Some(names) = self
                            .positions
                            .get(e.as_str())
                            .filter(|_| !self.in_delta.contains(e))
                            .and_then(|p| drift_names.get(p).map(|n| (*p, n)))
                        else {
                            continue;
                        };
                        acc.counts.drift_pairs += 1;
                        acc.drift_scored.push(Pair {
                            record: id.to_string(),
                            entity: e.clone(),
                        });
                        let (p, names) = names;
                        let r = score_entity(&pq, &self.full.entities()[p], names, &cfg);
                        if r.score >= cfg.min_score {
                            hits.push(hit(self.full, p, r, &cfg));
                        }
                    }
                    acc.results.add(id, hits, cfg.min_score);
                    acc
                },
            )
            .reduce(
                || Acc {
                    results: Results::default(),
                    drift_scored: Vec::new(),
                    counts: DeltaCounts::default(),
                },
                |mut a, b| {
                    a.results.alerts.extend(b.results.alerts);
                    a.results.near_misses.extend(b.results.near_misses);
                    a.results.truncated += b.results.truncated;
                    a.drift_scored.extend(b.drift_scored);
                    let (x, y) = (&mut a.counts, b.counts);
                    x.records += y.records;
                    x.changed_records += y.changed_records;
                    x.key_test_passed += y.key_test_passed;
                    x.delta_pairs += y.delta_pairs;
                    x.drift_pairs += y.drift_pairs;
                    a
                },
            );
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
        counts.delta_entities = self.small.len();
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
