//! Candidate retrieval: find every listed entity a query may be, without scoring them all.
//!
//! Keys, built once per list load: every comparison token of every name (exact), its phonetic
//! skeleton, its character trigrams (so that a query whose every token is misspelt still finds
//! its entity), and identifier keys. A query token retrieves the dictionary tokens that share its
//! text or skeleton, or enough trigrams; the entities holding those tokens are scored in full.
//! `tests/retrieval.rs` proves on the eval queries that this returns the same hits above the
//! threshold as scoring every entity.

use crate::alignment::MIN_SIMILARITY;
use crate::bound;
use crate::commonness::TokenStats;
use crate::config::MatchConfig;
use crate::memo::{SharedSims, SharedStats, SimTable};
use crate::prepared::PToken;
use crate::prepared::PreparedName;
use crate::query::Query;
use crate::score::{score_entity, score_entity_with, MatchResult, PreparedQuery};
use crate::token_similarity::text_similarity;
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

/// How the dictionary tokens a query token retrieves are checked before their entities become
/// candidates.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verify {
    /// Kept unchecked: the token is in a script whose similarity to Latin is the learned
    /// cross-script model, which its one romanised text does not predict.
    Unchecked,
    /// Kept when the token similarity could align them (a Latin query token), or when one is
    /// a piece of the other written merged.
    Similar,
    /// Kept only when one is a piece of the other written merged: a Han syllable aligns
    /// with its readings alone, looked up beside ([`Index::han_spellings`]); a Latin syllable
    /// one letter from a reading is another syllable.
    Merged,
}

impl Verify {
    /// How the tokens `t` retrieves are checked; `han_listed`: its readings were looked up
    /// ([`han_keys`] gave them).
    pub fn of(t: &PToken, han_listed: bool) -> Verify {
        match t.script {
            embargo_names::Script::Latin => Verify::Similar,
            embargo_names::Script::Han if han_listed => Verify::Merged,
            _ => Verify::Unchecked,
        }
    }
}

/// Whether a listed token `d` (with skeleton `d_skeleton`) that query token `token` retrieved by
/// skeleton or trigrams stays a candidate token.
pub fn keep_retrieved(
    verify: Verify,
    token: &str,
    skeleton: &str,
    d: &str,
    d_skeleton: &str,
) -> bool {
    match verify {
        Verify::Unchecked => true,
        // Merged tokens ("jongun" vs "jong"): a prefix or suffix relation also qualifies.
        Verify::Similar => {
            merge_part(token, d)
                || text_similarity(token, d, skeleton, d_skeleton).0 >= MIN_SIMILARITY
        }
        Verify::Merged => merge_part(token, d),
    }
}

/// Call `key` with each name the tables relate to query token `token`: a nickname shares no
/// trigram with its name ("Ted" / "Theodore"), nor one given name's forms in two languages
/// ("John" / "Juan", for a Latin token), so the tables key them.
pub fn table_keys(token: &str, verify: Verify, mut key: impl FnMut(&str)) {
    for name in embargo_names::nickname::related_names(token) {
        key(name);
    }
    if verify == Verify::Similar {
        for form in embargo_names::cognate::other_forms(token) {
            key(form);
        }
    }
}

/// Every Latin spelling that a Han query token's characters' readings give
/// (`token_similarity::han_similarity` accepts exactly these), or `None` when they are too
/// many to list (a long unsplit token) or none apply.
///
/// A Han character meets a Latin token only when the Latin is one of its readings (pinyin,
/// Wade–Giles, the surname table's "Ng" for 吴), a finite set looked up by retrieval, so its
/// other retrieval is verified as a Latin token's is (merged pairings judge the readings'
/// letters, as for Latin). Unverified trigrams of "wu" found "Ng" only by chance, and opened
/// hundreds of candidates per syllable.
pub fn han_keys(t: &PToken) -> Option<Vec<String>> {
    use embargo_names::crossscript::chinese::{all_spellings, spells_char};
    /// More than this many spellings of one token (a long unsplit token) are not listed.
    const MOST: usize = 512;
    if !t.split {
        return all_spellings(&t.original, MOST);
    }
    // A syllable spelt from a longer token: the characters its text is a reading of
    // (`han_similarity` compares the same ones).
    let mut keys: Vec<String> = Vec::new();
    let mut buf = [0u8; 4];
    for ch in t.original.chars().filter(|&ch| spells_char(ch, &t.text)) {
        keys.extend(all_spellings(ch.encode_utf8(&mut buf), MOST)?);
    }
    (!keys.is_empty()).then_some(keys)
}

/// The syllables of each Han token of `keyed` split in two or more, their texts written
/// together: a given name is often one Latin word, however spelt ("Chih-ming" for 志銘 → zhi
/// ming), and their letters together retrieve as a Latin token's.
pub fn joined_han_syllables(keyed: &[&PToken]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < keyed.len() {
        let t = keyed[i];
        let mut end = i + 1;
        while t.script == embargo_names::Script::Han
            && t.split
            && end < keyed.len()
            && keyed[end].split
            && keyed[end].original == t.original
        {
            end += 1;
        }
        if end - i >= 2 {
            out.push(keyed[i..end].iter().map(|t| t.text.as_str()).collect());
        }
        i = end;
    }
    out
}

/// Trigram dice at or above which a dictionary token is retrieved for a query token.
pub const TRIGRAM_DICE: f64 = 0.3;

/// The searchable form of a set of lists.
pub struct Index {
    entities: Vec<Entity>,
    names: Vec<Vec<PreparedName>>,
    /// Per entity name, its number among the distinct (style, token variants) names of the
    /// index: the same name published by several lists (an SDN entry in the CSL) or entities,
    /// however punctuated or cased, is bounded once per query.
    name_ids: Vec<Vec<u32>>,
    stats: TokenStats,
    /// Distinct comparison tokens.
    dict: Vec<String>,
    dict_ids: FxHashMap<String, u32>,
    /// Token id → entities holding it (sorted, distinct).
    postings: Vec<Vec<u32>>,
    by_skeleton: FxHashMap<String, Vec<u32>>,
    dict_skeletons: Vec<String>,
    by_trigram: FxHashMap<[u8; 3], Vec<u32>>,
    /// Trigram count per dictionary token.
    trigram_count: Vec<u16>,
    by_identifier: FxHashMap<String, Vec<u32>>,
    /// Token similarities of non-Latin query tokens, shared by the queries on this index (keyed
    /// by this index's token variants, so it lives and dies with the index).
    shared: std::sync::Arc<SharedSims>,
}

fn trigrams(token: &str) -> Vec<[u8; 3]> {
    let mut out = Vec::with_capacity(token.len());
    trigrams_into(token, &mut out);
    out
}

/// The distinct trigrams of `token` padded with `^` and `$`, sorted, into `out` (cleared first).
fn trigrams_into(token: &str, out: &mut Vec<[u8; 3]>) {
    out.clear();
    let b = token.as_bytes();
    let at = |i: usize| -> u8 {
        if i == 0 {
            b'^'
        } else if i > b.len() {
            b'$'
        } else {
            b[i - 1]
        }
    };
    for i in 0..b.len() {
        out.push([at(i), at(i + 1), at(i + 2)]);
    }
    out.sort_unstable();
    out.dedup();
}

/// Buffers of trigram retrieval, reused from one query token (and one query) to the next: the
/// shared-trigram counts span the whole dictionary, so allocating them per query costs more than
/// a short query's retrieval.
#[derive(Default)]
struct RetrievalScratch {
    /// Shared trigrams per dictionary token; all zero between calls.
    counts: Vec<u16>,
    touched: Vec<u32>,
    trigrams: Vec<[u8; 3]>,
}

thread_local! {
    static RETRIEVAL: std::cell::RefCell<RetrievalScratch> =
        std::cell::RefCell::new(RetrievalScratch::default());
}

/// Whether to print, per query, what retrieval and bounding did (`EMBARGO_DEBUG_CANDIDATES`).
fn debug_candidates() -> bool {
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

/// Could `part` be one half of `token` written merged ("jongun" holds "jong"), or the reverse?
pub fn merge_part(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    short.len() >= 3
        && long.len() > short.len()
        && (long.starts_with(short) || long.ends_with(short))
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
        let mut dict: Vec<String> = Vec::new();
        let mut dict_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        for (ei, ns) in names.iter().enumerate() {
            for n in ns {
                for t in &n.tokens {
                    let id = *dict_ids.entry(t.text.clone()).or_insert_with(|| {
                        dict.push(t.text.clone());
                        postings.push(Vec::new());
                        (dict.len() - 1) as u32
                    });
                    let p = &mut postings[id as usize];
                    if p.last() != Some(&(ei as u32)) {
                        p.push(ei as u32);
                    }
                }
            }
        }
        let mut by_skeleton: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut by_trigram: FxHashMap<[u8; 3], Vec<u32>> = FxHashMap::default();
        let mut trigram_count = Vec::with_capacity(dict.len());
        let mut dict_skeletons = Vec::with_capacity(dict.len());
        for (id, tok) in dict.iter().enumerate() {
            let sk = embargo_names::skeleton::skeleton(tok);
            if !sk.is_empty() {
                by_skeleton.entry(sk.clone()).or_default().push(id as u32);
            }
            dict_skeletons.push(sk);
            let tg = trigrams(tok);
            trigram_count.push(tg.len() as u16);
            for g in tg {
                by_trigram.entry(g).or_default().push(id as u32);
            }
        }
        let mut by_identifier: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (ei, e) in entities.iter().enumerate() {
            for id in &e.identifiers {
                if id.kind.is_strong() {
                    let k = id.key();
                    if k.len() >= 4 {
                        by_identifier.entry(k).or_default().push(ei as u32);
                    }
                }
            }
        }
        Index {
            entities,
            names,
            name_ids,
            stats,
            dict,
            dict_ids,
            postings,
            by_skeleton,
            dict_skeletons,
            by_trigram,
            trigram_count,
            by_identifier,
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

    /// Dictionary tokens close to `token`: same text, same skeleton, or enough shared trigrams,
    /// then checked as `verify` says.
    fn similar_tokens(
        &self,
        token: &str,
        skeleton: &str,
        verify: Verify,
        scratch: &mut RetrievalScratch,
        out: &mut Vec<u32>,
    ) {
        let exact = self.dict_ids.get(token).copied();
        if let Some(id) = exact {
            out.push(id);
        }
        // The exact token is in already, and similar to itself.
        let keep = |id: u32| -> bool {
            Some(id) != exact
                && keep_retrieved(
                    verify,
                    token,
                    skeleton,
                    &self.dict[id as usize],
                    &self.dict_skeletons[id as usize],
                )
        };
        if let Some(ids) = self.by_skeleton.get(skeleton) {
            out.extend(ids.iter().copied().filter(|&id| keep(id)));
        }
        table_keys(token, verify, |k| out.extend(self.dict_ids.get(k)));
        let RetrievalScratch {
            counts,
            touched,
            trigrams: tg,
        } = scratch;
        trigrams_into(token, tg);
        if counts.len() < self.dict.len() {
            counts.resize(self.dict.len(), 0);
        }
        touched.clear();
        for g in tg.iter() {
            if let Some(ids) = self.by_trigram.get(g) {
                for &id in ids {
                    let c = &mut counts[id as usize];
                    if *c == 0 {
                        touched.push(id);
                    }
                    *c += 1;
                }
            }
        }
        let nq = tg.len() as f64;
        for &id in touched.iter() {
            let shared = counts[id as usize];
            counts[id as usize] = 0;
            let nt = self.trigram_count[id as usize] as f64;
            if 2.0 * shared as f64 / (nq + nt) >= TRIGRAM_DICE && keep(id) {
                out.push(id);
            }
        }
    }

    /// Candidate entities for a prepared query.
    fn candidates(&self, q: &PreparedQuery) -> Vec<u32> {
        let mut token_ids: Vec<u32> = Vec::new();
        RETRIEVAL.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            self.keyed_tokens(q, scratch, &mut token_ids)
        });
        self.entities_of(q, token_ids)
    }

    /// The dictionary tokens similar to the query's keyed tokens (words and numbers, else every
    /// token), unsorted, with repeats.
    fn keyed_tokens(&self, q: &PreparedQuery, scratch: &mut RetrievalScratch, out: &mut Vec<u32>) {
        for n in &q.names {
            let keyed: Vec<_> = n
                .tokens
                .iter()
                .filter(|t| matches!(t.role, TokenRole::Word | TokenRole::Number))
                .collect();
            let keyed = if keyed.is_empty() {
                n.tokens.iter().collect()
            } else {
                keyed
            };
            for t in &keyed {
                let han = t.script == embargo_names::Script::Han && self.han_spellings(t, out);
                let verify = Verify::of(t, han);
                self.similar_tokens(&t.text, &t.skeleton, verify, scratch, out);
            }
            for joined in joined_han_syllables(&keyed) {
                let skeleton = embargo_names::skeleton::skeleton(&joined);
                self.similar_tokens(&joined, &skeleton, Verify::Similar, scratch, out);
            }
        }
    }

    /// Add the dictionary tokens that spell the Han query token `t` ([`han_keys`]), and say
    /// whether that was all of them (false: too many spellings to list, or none apply).
    fn han_spellings(&self, t: &PToken, out: &mut Vec<u32>) -> bool {
        match han_keys(t) {
            Some(keys) => {
                out.extend(keys.iter().filter_map(|k| self.dict_ids.get(k.as_str())));
                true
            }
            None => false,
        }
    }

    /// The entities holding `token_ids` or one of the query's strong identifiers, sorted and
    /// distinct.
    fn entities_of(&self, q: &PreparedQuery, mut token_ids: Vec<u32>) -> Vec<u32> {
        token_ids.sort_unstable();
        token_ids.dedup();
        let mut ents: Vec<u32> = token_ids
            .iter()
            .flat_map(|&id| self.postings[id as usize].iter().copied())
            .collect();
        for idf in &q.query.identifiers {
            if let Some(es) = self.by_identifier.get(&idf.key()) {
                ents.extend(es);
            }
        }
        ents.sort_unstable();
        ents.dedup();
        if debug_candidates() {
            eprintln!(
                "{:?}: {} tokens, {} candidates",
                q.query.names,
                token_ids.len(),
                ents.len()
            );
        }
        ents
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

    fn schema_ok(&self, q: &Query, ei: usize) -> bool {
        q.schema
            .is_none_or(|s| self.entities[ei].schema.compatible_with(s))
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
            if let Some(es) = self.by_identifier.get(&idf.key()) {
                by_id.extend(es);
            }
        }
        by_id.sort_unstable();
        let gain = bound::qualifier_gain(query);
        let mut scratch = bound::Scratch::with_shared(&self.shared);
        let mut name_bounds: FxHashMap<u32, f64> = FxHashMap::default();
        let mut order: Vec<(f64, u32)> = self
            .candidates(&q)
            .into_iter()
            .filter(|&ei| self.schema_ok(query, ei as usize) && keep(ei as usize))
            .filter_map(|ei| {
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
                "{:?}: {bounded} bounded at or above {}, {scored} scored, {} listed tokens met",
                query.names,
                config.min_score,
                table.len()
            );
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
            .candidates(&q)
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

    /// Forget the token similarities shared across queries, so that a benchmark run starts
    /// cold (as a new index does) rather than from the previous run's work.
    pub fn clear_shared(&self) {
        self.shared.clear()
    }

    /// Number of distinct comparison tokens (for `lists inspect` and benchmarks).
    pub fn dictionary_len(&self) -> usize {
        self.dict.len()
    }
}
