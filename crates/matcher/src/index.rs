//! The searchable form of a set of lists: retrieval ([`crate::retrieval`]), then a cheap bound
//! per candidate ([`crate::bound`]), then full scoring of the candidates that could still make
//! the results.

use crate::bound;
use crate::commonness::TokenStats;
use crate::config::MatchConfig;
use crate::memo::{SharedSims, SharedStats, SimTable};
use crate::prepared::PToken;
use crate::prepared::PreparedName;
use crate::query::Query;
use crate::retrieval::Retrieval;
use crate::score::{score_entity, score_entity_with, MatchResult, PreparedQuery};
use crate::token_similarity::{token_similarity, MatchKind};
use embargo_model::{Entity, ListDocument};
use embargo_names::TokenRole;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// A scored result.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// Position of the entity in [`Index::entities`].
    #[serde(skip)]
    pub entity: usize,
    pub id: String,
    pub caption: String,
    pub schema: String,
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
    pub datasets: Vec<String>,
    pub explanation: crate::Explanation,
}

/// What [`Index::search_where`] found.
#[derive(Clone, Debug)]
pub struct Found {
    /// Results at or above `min_score`, best first (ties by id), at most `limit`.
    pub hits: Vec<Hit>,
    /// Results at or above `min_score` found before the cut to `limit`.
    pub total: usize,
    /// Whether `total` is all of them; else there may be more (as Elasticsearch's
    /// `"relation": "gte"`, which yente passes on).
    pub total_exact: bool,
}

/// The searchable form of a set of lists.
pub struct Index {
    entities: Vec<Entity>,
    /// Each entity's schema, apart from the entity: search checks the query's schema against
    /// every candidate before bounding it, and reading it from the entity (a large record) was
    /// a cache miss per candidate.
    schemas: Vec<embargo_model::Schema>,
    names: Vec<Vec<PreparedName>>,
    /// Per entity name, its number among the distinct (style, token variants) names of the
    /// index: the same name published by several lists (an SDN entry in the CSL) or entities,
    /// however punctuated or cased, is bounded once per query.
    name_ids: Vec<Vec<u32>>,
    stats: TokenStats,
    retrieval: Retrieval,
    /// Token similarities of non-Latin query tokens, shared by the queries on this index (keyed
    /// by this index's token variants, so it lives and dies with the index).
    shared: std::sync::Arc<SharedSims>,
}

thread_local! {
    /// The distinct names' bounds map of the thread's previous query ([`Index::search_where`]).
    static SPARE_NAME_BOUNDS: std::cell::Cell<Option<FxHashMap<u32, f64>>> =
        const { std::cell::Cell::new(None) };
}

/// Whether to print, per query, what retrieval and bounding did (`EMBARGO_DEBUG_CANDIDATES`).
pub(crate) fn debug_candidates() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("EMBARGO_DEBUG_CANDIDATES").is_some())
}

/// Number the query's tokens (in `variant`, which is free on the query side) for the memo.
fn number_query_tokens(q: &mut PreparedQuery) {
    let mut n = 0u32;
    for name in &mut q.names {
        for t in &mut name.tokens {
            t.variant = n;
            n += 1;
        }
    }
}

impl Index {
    /// Build an index over the entities of the given documents.
    pub fn build(docs: &[ListDocument]) -> Index {
        let entities: Vec<Entity> = docs
            .iter()
            .flat_map(|d| d.entities.iter().cloned())
            .collect();
        Index::from_entities(entities)
    }

    pub fn from_entities(entities: Vec<Entity>) -> Index {
        let empty = TokenStats::default();
        let mut names: Vec<Vec<PreparedName>> = entities
            .iter()
            .map(|e| {
                e.names
                    .iter()
                    .map(|n| PreparedName::new(&n.value, n.kind, Some(e.schema), &empty))
                    .collect()
            })
            .collect();
        let mut stats = TokenStats::default();
        for ns in &names {
            for n in ns {
                stats.add_name(n.tokens.iter().map(|t| t.text.as_str()));
            }
        }
        for ns in &mut names {
            for n in ns {
                n.reweight(&stats);
            }
        }
        // Distinct token variants, so a query can memoise its similarity to each. A Latin
        // token's similarity to anything depends on its text, role and script, never on how it
        // was written ("Jong", "JONG"): those share one variant, so a query computes one row
        // for them instead of one per spelling.
        // A designation's word weighs less (`crate::designation`): another variant.
        let mut variants: FxHashMap<(String, String, TokenRole, embargo_names::Script, bool), u32> =
            FxHashMap::default();
        for ns in &mut names {
            for n in ns {
                for t in &mut n.tokens {
                    let next = variants.len() as u32;
                    let original = if t.script == embargo_names::Script::Latin {
                        String::new()
                    } else {
                        t.original.clone()
                    };
                    t.variant = *variants
                        .entry((t.text.clone(), original, t.role, t.script, t.designation))
                        .or_insert(next);
                }
            }
        }
        // A name's bound reads only its style and its tokens' variants (every field of a token
        // that a similarity or weight reads is in its variant; `split` follows from the
        // originals, which are too), so names that differ only in case or punctuation
        // ("KIM, Jong Un", "Kim Jong-un") share a number.
        let mut distinct: FxHashMap<(embargo_names::NameStyle, Vec<u32>), u32> =
            FxHashMap::default();
        let name_ids: Vec<Vec<u32>> = names
            .iter()
            .map(|ns| {
                ns.iter()
                    .map(|n| {
                        let next = distinct.len() as u32;
                        let key = (n.style, n.tokens.iter().map(|t| t.variant).collect());
                        *distinct.entry(key).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        if debug_candidates() {
            let all: usize = names.iter().map(Vec::len).sum();
            eprintln!("{all} names, {} distinct for bounding", distinct.len());
        }
        drop(distinct);
        let retrieval = Retrieval::new(&entities, &names);
        Index {
            schemas: entities.iter().map(|e| e.schema).collect(),
            entities,
            names,
            name_ids,
            stats,
            retrieval,
            shared: std::sync::Arc::default(),
        }
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn stats(&self) -> &TokenStats {
        &self.stats
    }

    /// Find an entity by id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id.as_str() == id)
    }

    fn hit(&self, ei: usize, r: MatchResult, config: &MatchConfig) -> Hit {
        let e = &self.entities[ei];
        let datasets = e.datasets();
        let threshold = config.threshold_for(e.schema.as_str(), &datasets);
        Hit {
            entity: ei,
            id: e.id.to_string(),
            caption: e.caption().to_string(),
            schema: e.schema.to_string(),
            score: r.score,
            is_match: r.score >= threshold,
            datasets,
            explanation: r.explanation,
        }
    }

    /// [`bound::names_bound`] of the query's names against entity `ei`'s, each distinct listed
    /// name bounded once per query (`memo`: name number → best bound over the query's names).
    fn names_bound(
        &self,
        q: &[PreparedName],
        ei: usize,
        table: &mut SimTable,
        scratch: &mut bound::Scratch,
        memo: &mut FxHashMap<u32, f64>,
    ) -> f64 {
        let mut best: f64 = 0.0;
        for (cn, &id) in self.names[ei].iter().zip(&self.name_ids[ei]) {
            let b = *memo.entry(id).or_insert_with(|| {
                q.iter()
                    .map(|qn| bound::name_bound(qn, cn, table, scratch))
                    .fold(0.0, f64::max)
            });
            best = best.max(b);
        }
        best
    }

    /// Start loading what bounding the candidates after the `k`-th of `candidates` will read
    /// ([`crate::prefetch`]): where the names of the one 24 ahead are, the names of the one 16
    /// ahead, the tokens of the one 8 ahead (each level's addresses arrived meanwhile).
    fn prefetch(&self, candidates: &[u32], k: usize) {
        if let Some(&ei) = candidates.get(k + 24) {
            // Where the names are (read at k + 16): its address needs no load.
            crate::prefetch::slice(&self.names[ei as usize..=ei as usize]);
            crate::prefetch::slice(&self.name_ids[ei as usize..=ei as usize]);
        }
        if let Some(&ei) = candidates.get(k + 16) {
            crate::prefetch::slice(&self.names[ei as usize]);
            crate::prefetch::slice(&self.name_ids[ei as usize]);
        }
        if let Some(&ei) = candidates.get(k + 8) {
            for n in &self.names[ei as usize] {
                crate::prefetch::slice(&n.tokens);
            }
        }
    }

    fn schema_ok(&self, q: &Query, ei: usize) -> bool {
        q.schema.is_none_or(|s| self.schemas[ei].compatible_with(s))
    }

    fn finish(&self, mut hits: Vec<Hit>, config: &MatchConfig) -> Vec<Hit> {
        hits.retain(|h| h.score >= config.min_score);
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        hits.truncate(config.limit);
        hits
    }

    /// Screen a query: results at or above `config.min_score`, best first (ties by id), at most
    /// `config.limit`.
    ///
    /// Candidates are bounded first ([`crate::bound`]: a few memoised token similarities each)
    /// and scored in full best bound first; scoring stops when the bound of the rest is below
    /// the `limit`-th best score found, and a candidate whose bound is below `min_score` is never
    /// scored. The result is exactly that of scoring every candidate ([`Index::search_unpruned`],
    /// compared on the eval queries by `tests/pruning.rs`).
    pub fn search(&self, query: &Query, config: &MatchConfig) -> Vec<Hit> {
        self.search_where(query, config, |_| true).hits
    }

    /// [`Index::search`] among the entities `keep` accepts (by position in
    /// [`Index::entities`]): a service's dataset, schema and id filters, applied before scoring
    /// so that the early stop still holds. Also counts the results at or above `min_score`:
    /// exactly when every candidate that could reach it was scored, else a lower bound (the
    /// search stopped once no candidate left could enter the best `limit`).
    pub fn search_where(
        &self,
        query: &Query,
        config: &MatchConfig,
        keep: impl Fn(usize) -> bool,
    ) -> Found {
        if config.limit == 0 {
            return Found {
                hits: Vec::new(),
                total: 0,
                total_exact: false,
            };
        }
        let mut q = PreparedQuery::new(query, &self.stats);
        let mut table = SimTable::with_shared(&mut q, &self.shared);
        // Entities that share a strong identifier with the query may score on it alone.
        let mut by_id: Vec<u32> = Vec::new();
        for idf in &q.query.identifiers {
            by_id.extend(self.retrieval.identified(&idf.key()));
        }
        by_id.sort_unstable();
        let gain = bound::qualifier_gain(query);
        let mut scratch = bound::Scratch::with_shared(&self.shared);
        // The map of a previous query on this thread, emptied ([`crate::thread_spare`]).
        let mut name_bounds = crate::thread_spare::take(&SPARE_NAME_BOUNDS);
        let retrieved = self.retrieval.candidates(&q, &mut |a, b| table.sim(a, b).0);
        let mut order: Vec<(f64, u32)> = retrieved
            .iter()
            .enumerate()
            .filter(|&(k, &ei)| {
                self.prefetch(&retrieved, k);
                self.schema_ok(query, ei as usize) && keep(ei as usize)
            })
            .filter_map(|(_, &ei)| {
                let b = if by_id.binary_search(&ei).is_ok() {
                    1.0
                } else {
                    let nb = self.names_bound(
                        &q.names,
                        ei as usize,
                        &mut table,
                        &mut scratch,
                        &mut name_bounds,
                    );
                    bound::score_bound(nb, gain)
                };
                (b >= config.min_score).then_some((b, ei))
            })
            .collect();
        order.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let bounded = order.len();
        let mut scored = 0usize;
        // The best `limit` scores so far, ascending: the first is the score to beat once full.
        let mut top: Vec<f64> = Vec::with_capacity(config.limit.saturating_add(1).min(1024));
        let mut hits = Vec::new();
        let mut total_exact = true;
        for (b, ei) in order {
            if top.len() == config.limit && b < top[0] {
                total_exact = false;
                break;
            }
            let ei = ei as usize;
            scored += 1;
            let r = score_entity_with(
                &q,
                &self.entities[ei],
                &self.names[ei],
                config,
                &mut |a, b| table.sim(a, b),
            );
            if r.score < config.min_score {
                continue;
            }
            let at = top.partition_point(|&s| s < r.score);
            top.insert(at, r.score);
            if top.len() > config.limit {
                top.remove(0);
            }
            hits.push(self.hit(ei, r, config));
        }
        if debug_candidates() {
            eprintln!(
                "{:?}: {} distinct names bounded, {bounded} bounded at or above {}, {scored} scored, {} listed tokens met",
                query.names,
                name_bounds.len(),
                config.min_score,
                table.len()
            );
        }
        // Kept up to 64 Ki entries (about 1 MB): a service may run queries on many threads.
        if name_bounds.capacity() <= 1 << 16 {
            name_bounds.clear();
            crate::thread_spare::keep(&SPARE_NAME_BOUNDS, name_bounds);
        }
        let total = hits.len();
        Found {
            hits: self.finish(hits, config),
            total,
            total_exact,
        }
    }

    /// [`Index::search`] scoring every retrieved candidate in full, without bounds: the
    /// reference the bounded search is tested against.
    #[doc(hidden)]
    pub fn search_unpruned(&self, query: &Query, config: &MatchConfig) -> Vec<Hit> {
        let mut q = PreparedQuery::new(query, &self.stats);
        number_query_tokens(&mut q);
        let mut memo: FxHashMap<(u32, u32), (f64, MatchKind)> = FxHashMap::default();
        let mut sim_of = |a: &PToken, b: &PToken| {
            if b.variant == u32::MAX {
                return token_similarity(a, b);
            }
            *memo
                .entry((a.variant, b.variant))
                .or_insert_with(|| token_similarity(a, b))
        };
        let hits = self
            .retrieval
            .candidates(&q, &mut |a, b| sim_of(a, b).0)
            .into_iter()
            .map(|ei| ei as usize)
            .filter(|&ei| self.schema_ok(query, ei))
            .filter_map(|ei| {
                let r =
                    score_entity_with(&q, &self.entities[ei], &self.names[ei], config, &mut sim_of);
                (r.score >= config.min_score).then(|| self.hit(ei, r, config))
            })
            .collect();
        self.finish(hits, config)
    }

    /// Score every entity (no retrieval): the reference [`Index::search`] is tested against.
    pub fn search_exhaustive(&self, query: &Query, config: &MatchConfig) -> Vec<Hit> {
        let q = PreparedQuery::new(query, &self.stats);
        let hits = (0..self.entities.len())
            .filter(|&ei| self.schema_ok(query, ei))
            .map(|ei| {
                let r = score_entity(&q, &self.entities[ei], &self.names[ei], config);
                self.hit(ei, r, config)
            })
            .filter(|h| h.score >= config.min_score)
            .collect();
        self.finish(hits, config)
    }

    /// Counters of the token similarities shared across queries (hit rate, size).
    pub fn shared_stats(&self) -> SharedStats {
        self.shared.stats()
    }

    /// Forget the token similarities and retrieved tokens shared across queries, so that a
    /// benchmark run starts cold (as a new index does) rather than from the previous run's work.
    pub fn clear_shared(&self) {
        self.shared.clear();
        self.retrieval.clear_memo();
    }

    /// Number of distinct comparison tokens (for `lists inspect` and benchmarks).
    pub fn dictionary_len(&self) -> usize {
        self.retrieval.dictionary_len()
    }
}
