//! The token similarities of one query against the listed tokens it meets, each computed once.
//!
//! A query meets the same listed token in many candidates (a surname shared by a family, an alias
//! repeated across lists), so search asks for the same similarity again and again. The index
//! numbers its distinct tokens ([`PToken::variant`]); the first time a listed token is met, its
//! similarity to every query token is computed at once into a row, with the row's best value
//! (what [`crate::bound`] needs). Later asks are one hash look-up per listed token.
//!
//! Queries also share tokens with each other (محمد, 김, 王 open thousands of names), and a
//! non-Latin query token's row is costly (the learned cross-script model per listed token), so
//! those similarities are also kept across queries in the index's [`SharedSims`].

use crate::alignment::{native_vs_latin, MIN_SIMILARITY};
use crate::prepared::PToken;
use crate::score::PreparedQuery;
use crate::token_similarity::{token_similarity, MatchKind};
use embargo_names::{Script, TokenRole};
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

/// `token_similarity(q, c)` whenever that reaches [`MIN_SIMILARITY`], else some value below it
/// (search and the bound use nothing below it: such a pair is never aligned). Two Latin words
/// [`surely_unrelated`](crate::token_similarity::surely_unrelated) get 0: their similarity is
/// at most [`crate::score::NEAR_MISS_FLOOR`], where a near miss's credit starts.
///
/// A whole Hangul query token (a one-syllable surname, a foreign name) against a Latin token is
/// judged by the Korean rules (or read in Mandarin), else by the learned model discounted when the syllable counts
/// disagree or the Latin is much shorter than expected (`alignment::cross_script_similarity`).
/// When those discounts alone keep the model below the line, the model (the costly part, run
/// for every Latin token the query meets) is not run, as `bound::cross_script_if_alignable`
/// does for runs of Latin words. Likewise an Arabic-script word and a Latin word whose endings
/// disagree are capped below the line whatever the model says
/// (`token_similarity::arabic_ending_disagrees`), so they get 0 without it: across scripts a
/// similarity below the line counts for nothing (near misses are within one script).
fn similarity(q: &PToken, c: &PToken) -> (f64, MatchKind) {
    if crate::token_similarity::surely_unrelated(q, c) {
        return (0.0, MatchKind::Fuzzy);
    }
    if q.role == TokenRole::Word
        && c.role == TokenRole::Word
        && crate::token_similarity::arabic_ending_disagrees(q, c)
    {
        return (0.0, MatchKind::CrossScript);
    }
    let plain = |t: &PToken| matches!(t.role, TokenRole::Word | TokenRole::Particle);
    if q.script == Script::Hangul
        && !q.split
        && c.script == Script::Latin
        && plain(q)
        && plain(c)
        && q.text != c.text
    {
        let (native, latin, expected) = (q.original.as_str(), c.text.as_str(), q.text.len());
        let ratio = (latin.len() as f64 / expected.max(1) as f64).min(1.0);
        let mut most = if ratio < 0.6 { 0.4 + ratio } else { 1.0 };
        if !embargo_names::hangul::syllables_agree(native, latin) {
            most *= 0.5;
        }
        if most < MIN_SIMILARITY {
            let sim = crate::alignment::without_model(native, latin);
            return (sim, MatchKind::CrossScript);
        }
    }
    token_similarity(q, c)
}

/// Most entries each of the two tables of [`SharedSims`] holds: past it, further values are
/// not kept. The first values of a session are its commonest tokens' (محمد, 김), which are
/// what later queries meet again; starting afresh when full threw those away over and over
/// (the latency bench computed 32.6 M values and held 1.9 M) and cleared two million entries
/// under the write lock that every other query's reads wait on. An entry takes 25 bytes in a
/// table between 7/16 and 7/8 full ([`Grouped`] keeps one per owner), so 1.8 M of them take
/// 50 to 100 MB, and both tables together at most about 200 MB beside an index of about 200 MB.
const SHARED_MAX_SIMS: usize = 1_800_000;

/// Most distinct query tokens [`SharedSims`] numbers before it starts afresh.
const SHARED_MAX_TOKENS: usize = 200_000;

/// Values keyed by (owner, key), kept in one table per owner: the owners are query tokens (or
/// native parts), and a query's look-ups, all for its few owners, then land in a few tables of
/// thousands of entries that stay in the processor's caches, rather than spread over one table of
/// millions (a cache miss each; those look-ups were a fifth of an Arabic or Korean query's time).
struct Grouped<K, V> {
    groups: FxHashMap<u32, FxHashMap<K, V>>,
    /// Entries over all groups.
    len: usize,
}

impl<K, V> Default for Grouped<K, V> {
    fn default() -> Self {
        Grouped {
            groups: FxHashMap::default(),
            len: 0,
        }
    }
}

impl<K: std::hash::Hash + Eq + Copy, V: Copy> Grouped<K, V> {
    fn get(&self, owner: u32, key: &K) -> Option<V> {
        self.groups.get(&owner)?.get(key).copied()
    }

    /// Add `entries`, as many as fit under [`SHARED_MAX_SIMS`] in all.
    fn extend(&mut self, entries: &[(u32, K, V)]) {
        for &(owner, key, value) in entries {
            if self.len >= SHARED_MAX_SIMS {
                return;
            }
            if self
                .groups
                .entry(owner)
                .or_default()
                .insert(key, value)
                .is_none()
            {
                self.len += 1;
            }
        }
    }

    fn clear(&mut self) {
        self.groups.clear();
        self.len = 0;
    }
}

/// What makes a query token's similarity to a listed token: every field [`similarity`] reads
/// (the skeleton is a function of the text).
type TokenKey = (String, String, TokenRole, Script, bool);

/// Similarities of non-Latin query tokens to listed tokens (by variant), shared by every query on
/// one index, from any thread: a batch or a service screens many names with the same tokens,
/// and the second query with محمد then prices the listed tokens it meets by look-up.
///
/// `similarity` is deterministic, so a cached value is the value that would be computed:
/// scores cannot change. A query token is numbered once for the life of the cache and a number
/// is never given to another token, so a query still running when the cache starts afresh only
/// adds entries that stay true. Latin query tokens are not cached: their similarity (an edit
/// distance) costs about what a shared look-up does.
#[derive(Default)]
pub struct SharedSims {
    /// Query token → its number.
    tokens: RwLock<FxHashMap<TokenKey, u32>>,
    next_token: AtomicU32,
    /// Query token number → listed token variant → similarity.
    sims: RwLock<Grouped<u32, (f64, MatchKind)>>,
    /// (native text, expected letters) of whole-token pairings → its number.
    natives: RwLock<FxHashMap<(String, usize), u32>>,
    /// Native number → the listed run's variants (`u32::MAX` past its end) → similarity.
    native_runs: RwLock<Grouped<[u32; 3], f64>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

/// Counters of a [`SharedSims`], for benchmarks and `EMBARGO_DEBUG_CANDIDATES`.
#[derive(Clone, Copy, Debug, Default)]
pub struct SharedStats {
    /// Similarities found in the cache.
    pub hits: u64,
    /// Similarities computed (and offered to the cache).
    pub misses: u64,
    /// Similarities held now.
    pub entries: usize,
}

impl SharedSims {
    /// The number of query token `t`, or `None` if its similarities are not shared.
    fn token(&self, t: &PToken) -> Option<u32> {
        if matches!(t.script, Script::Latin | Script::Common) {
            return None;
        }
        let key: TokenKey = (
            t.text.clone(),
            t.original.clone(),
            t.role,
            t.script,
            t.split,
        );
        self.number(&self.tokens, key)
    }

    /// The number of `key` in `numbers`, given from the shared counter on first sight (never
    /// given to another key, even after `numbers` starts afresh), or `None` once numbers run out.
    fn number<K: std::hash::Hash + Eq>(
        &self,
        numbers: &RwLock<FxHashMap<K, u32>>,
        key: K,
    ) -> Option<u32> {
        if let Some(&n) = numbers
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Some(n);
        }
        let mut numbers = numbers.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(&n) = numbers.get(&key) {
            return Some(n);
        }
        let n = self.next_token.fetch_add(1, Ordering::Relaxed);
        if n == u32::MAX {
            // Numbers run out after four billion distinct tokens: stop sharing rather than reuse.
            self.next_token.store(u32::MAX, Ordering::Relaxed);
            return None;
        }
        if numbers.len() >= SHARED_MAX_TOKENS {
            numbers.clear();
        }
        numbers.insert(key, n);
        Some(n)
    }

    /// Add computed similarities, as many as fit (see [`SHARED_MAX_SIMS`]).
    fn add(&self, entries: &[(u32, u32, (f64, MatchKind))]) {
        self.sims
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(entries);
    }

    /// The number of a whole-token pairing's native side (never given to another).
    fn native(&self, native: &str, expected: usize) -> Option<u32> {
        self.number(&self.natives, (native.to_string(), expected))
    }

    /// Forget every similarity and reset the counters (benchmarks measure a cold start).
    pub fn clear(&self) {
        self.native_runs
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.natives
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.sims
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.tokens
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.hits.store(0, Ordering::Relaxed);
        self.misses.store(0, Ordering::Relaxed);
    }

    pub fn stats(&self) -> SharedStats {
        SharedStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            entries: self.sims.read().unwrap_or_else(PoisonError::into_inner).len
                + self
                    .native_runs
                    .read()
                    .unwrap_or_else(PoisonError::into_inner)
                    .len,
        }
    }
}

/// One query's use of the whole-token cross-script pairings (a native query token or part of
/// one against a run of one to three listed Latin words) in a [`SharedSims`]: the bound prices
/// each with the learned model (`bound::mark_query_native`), the costliest part of a Hangul
/// query, and the next query with 성진 meets the same runs. Computed values are added when
/// this is dropped.
pub struct NativeRuns {
    cache: Arc<SharedSims>,
    pending: Vec<(u32, [u32; 3], f64)>,
    hits: u64,
    /// The numbers of the native sides this query has asked for: a query has a handful, asked
    /// for once per listed run it meets, and the cache's numbering takes an allocation, a hash
    /// and a lock each time.
    numbers: Vec<(String, usize, Option<u32>)>,
}

impl NativeRuns {
    pub fn new(cache: &Arc<SharedSims>) -> NativeRuns {
        NativeRuns {
            cache: Arc::clone(cache),
            pending: Vec::new(),
            hits: 0,
            numbers: Vec::new(),
        }
    }

    /// [`SharedSims::native`], remembered for the life of this query.
    fn native(&mut self, native: &str, expected: usize) -> Option<u32> {
        if let Some(&(_, _, n)) = self
            .numbers
            .iter()
            .find(|(t, e, _)| *e == expected && t == native)
        {
            return n;
        }
        let n = self.cache.native(native, expected);
        self.numbers.push((native.to_string(), expected, n));
        n
    }

    /// The similarity of `native` (`expected` letters) and the listed run of Latin words
    /// `run` (variants, `u32::MAX` past its end), which `compute` gives.
    pub fn get_or(
        &mut self,
        native: &str,
        expected: usize,
        run: [u32; 3],
        compute: impl FnOnce() -> f64,
    ) -> f64 {
        let Some(n) = self.native(native, expected) else {
            return compute();
        };
        let found = self
            .cache
            .native_runs
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(n, &run);
        if let Some(sim) = found {
            self.hits += 1;
            return sim;
        }
        let sim = compute();
        self.pending.push((n, run, sim));
        sim
    }
}

impl Drop for NativeRuns {
    fn drop(&mut self) {
        let cache = &self.cache;
        cache.hits.fetch_add(self.hits, Ordering::Relaxed);
        cache
            .misses
            .fetch_add(self.pending.len() as u64, Ordering::Relaxed);
        if self.pending.is_empty() {
            return;
        }
        cache
            .native_runs
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(&self.pending);
    }
}

/// What a row holds for a Hangul syllable spelt from a longer token against a Latin token: such
/// a pair is never compared alone (`alignment::native_vs_latin`: the whole-token pairings
/// price it), neither by the scorer, whose near misses are within one script, nor by the bound.
/// Computing it ran the Korean rules or the learned model for every syllable of a Korean
/// query against every listed token it met, and filled the shared cache with values never read.
const UNUSED: (f64, MatchKind) = (0.0, MatchKind::CrossScript);

/// Similarities of a query's tokens (numbered in query order through `variant`) against listed
/// tokens.
pub struct SimTable {
    /// Every token of every query name, in numbering order.
    query: Vec<PToken>,
    /// Listed token variant → row.
    rows: RowIndex,
    /// Row-major, `query.len()` a row.
    sims: Vec<(f64, MatchKind)>,
    /// Best similarity of each row.
    best: Vec<f64>,
    /// The cache shared across queries, with each query token's number in it (`u32::MAX`: not
    /// shared), when some query token is shared.
    shared: Option<(Arc<SharedSims>, Vec<u32>)>,
    /// Similarities computed for shared query tokens, added to the cache when the table is dropped
    /// (one write lock per query).
    pending: Vec<(u32, u32, (f64, MatchKind))>,
    /// Per query token, its similarity found in the cache for the row being computed.
    found: Vec<Option<(f64, MatchKind)>>,
    hits: u64,
}

impl SimTable {
    /// Number the query's tokens (in `variant`, which is free on the query side) and start an
    /// empty table for them.
    pub fn new(q: &mut PreparedQuery) -> SimTable {
        let mut query = Vec::new();
        for name in &mut q.names {
            for t in &mut name.tokens {
                t.variant = query.len() as u32;
                query.push(t.clone());
            }
        }
        let spare = crate::thread_spare::take(&SPARE);
        SimTable {
            found: vec![None; query.len()],
            query,
            rows: spare.rows,
            sims: spare.sims,
            best: spare.best,
            shared: None,
            pending: Vec::new(),
            hits: 0,
        }
    }

    /// [`SimTable::new`], reading and feeding `shared` for the query's non-Latin tokens.
    pub fn with_shared(q: &mut PreparedQuery, shared: &Arc<SharedSims>) -> SimTable {
        let mut table = SimTable::new(q);
        let numbers: Vec<u32> = table
            .query
            .iter()
            .map(|t| shared.token(t).unwrap_or(u32::MAX))
            .collect();
        if numbers.iter().any(|&n| n != u32::MAX) {
            table.shared = Some((Arc::clone(shared), numbers));
        }
        table
    }

    /// The row of a listed token, computed on first use.
    pub fn row(&mut self, c: &PToken) -> usize {
        if let Some(r) = self.rows.get(c.variant) {
            return r as usize;
        }
        let r = self.best.len();
        let mut best: f64 = 0.0;
        match &self.shared {
            Some((cache, numbers)) if c.variant != u32::MAX => {
                {
                    let sims = cache.sims.read().unwrap_or_else(PoisonError::into_inner);
                    for (f, &n) in self.found.iter_mut().zip(numbers) {
                        *f = if n == u32::MAX {
                            None
                        } else {
                            sims.get(n, &c.variant)
                        };
                    }
                }
                for ((qt, f), &n) in self.query.iter().zip(&self.found).zip(numbers) {
                    let s = match f {
                        _ if native_vs_latin(qt, c) => UNUSED,
                        Some(s) => {
                            self.hits += 1;
                            *s
                        }
                        None => {
                            let s = similarity(qt, c);
                            if n != u32::MAX {
                                self.pending.push((n, c.variant, s));
                            }
                            s
                        }
                    };
                    best = best.max(s.0);
                    self.sims.push(s);
                }
            }
            _ => {
                for qt in &self.query {
                    let s = if native_vs_latin(qt, c) {
                        UNUSED
                    } else {
                        similarity(qt, c)
                    };
                    best = best.max(s.0);
                    self.sims.push(s);
                }
            }
        }
        self.best.push(best);
        self.rows.insert(c.variant, r as u32);
        r
    }

    /// Similarity of query token `q` (numbered by [`SimTable::new`]) and listed token `c`.
    pub fn sim(&mut self, q: &PToken, c: &PToken) -> (f64, MatchKind) {
        if c.variant == u32::MAX || q.variant as usize >= self.query.len() {
            return token_similarity(q, c);
        }
        let r = self.row(c);
        self.sims[r * self.query.len() + q.variant as usize]
    }

    /// Similarity of query token number `qi` in row `r`.
    pub fn at(&self, r: usize, qi: u32) -> f64 {
        self.sims[r * self.query.len() + qi as usize].0
    }

    /// Best similarity of any query token in row `r`.
    pub fn best(&self, r: usize) -> f64 {
        self.best[r]
    }

    /// Every token of every query name, numbered by `variant`.
    pub fn query_tokens(&self) -> &[PToken] {
        &self.query
    }

    /// Listed tokens met so far.
    pub fn len(&self) -> usize {
        self.best.len()
    }

    pub fn is_empty(&self) -> bool {
        self.best.is_empty()
    }
}

impl Drop for SimTable {
    /// Hand the similarities computed for shared query tokens to the cache.
    fn drop(&mut self) {
        if let Some((cache, _)) = &self.shared {
            cache.hits.fetch_add(self.hits, Ordering::Relaxed);
            cache
                .misses
                .fetch_add(self.pending.len() as u64, Ordering::Relaxed);
            if !self.pending.is_empty() {
                cache.add(&self.pending);
            }
        }
        // Keep the buffers for the thread's next query, emptied, unless they grew past
        // what is worth holding on to.
        if self.sims.capacity() <= SPARE_MAX_SIMS {
            self.rows.clear();
            self.sims.clear();
            self.best.clear();
            let spare = Buffers {
                rows: std::mem::take(&mut self.rows),
                sims: std::mem::take(&mut self.sims),
                best: std::mem::take(&mut self.best),
            };
            crate::thread_spare::keep(&SPARE, spare);
        }
    }
}

/// A table's buffers, kept per thread between queries ([`crate::thread_spare`]): a query fills
/// thousands of rows.
#[derive(Default)]
struct Buffers {
    rows: RowIndex,
    sims: Vec<(f64, MatchKind)>,
    best: Vec<f64>,
}

thread_local! {
    static SPARE: std::cell::Cell<Option<Buffers>> = const { std::cell::Cell::new(None) };
}

/// Listed token variant → row of a [`SimTable`], read straight from an array indexed by variant.
///
/// Bounding looks up the row of every token of every listed name a query meets (tens of
/// thousands of look-ups a query, for a few hundred to a few thousand rows): hashing each
/// variant and probing a map was a fifth of the bound's own time. Variants are numbered densely
/// by the index (tens of thousands), so the array takes a few hundred kilobytes a thread; only
/// the slots a query filled are reset after it.
#[derive(Default)]
struct RowIndex {
    /// Row + 1 per variant; 0: no row yet.
    slots: Vec<u32>,
    /// The variants given a row, in row order.
    filled: Vec<u32>,
    /// Variants past [`RowIndex::MOST_SLOTS`] (none from an index, whose variants are dense).
    sparse: FxHashMap<u32, u32>,
}

impl RowIndex {
    /// Most variants the array numbers: 4 Mi (16 MB), far above any list's distinct tokens.
    const MOST_SLOTS: usize = 1 << 22;

    fn get(&self, variant: u32) -> Option<u32> {
        match self.slots.get(variant as usize) {
            Some(&s) if s != 0 => Some(s - 1),
            Some(_) => None,
            None => self.sparse.get(&variant).copied(),
        }
    }

    fn insert(&mut self, variant: u32, row: u32) {
        let v = variant as usize;
        if v >= Self::MOST_SLOTS {
            self.sparse.insert(variant, row);
            return;
        }
        if v >= self.slots.len() {
            self.slots.resize((v + 1).next_power_of_two(), 0);
        }
        self.slots[v] = row + 1;
        self.filled.push(variant);
    }

    fn clear(&mut self) {
        for &v in &self.filled {
            self.slots[v as usize] = 0;
        }
        self.filled.clear();
        self.sparse.clear();
    }
}

/// Most similarities a kept buffer may hold (16 bytes each): 256 Ki, 4 MB a thread (a
/// service may run queries on many threads); a typical query fills a few tens of thousands.
const SPARE_MAX_SIMS: usize = 1 << 18;

#[cfg(test)]
mod tests {
    #[test]
    fn a_disagreeing_arabic_ending_is_priced_without_the_model() {
        // The nisba محمدی (Mohammadi) against the given name Muhammad: capped below the line.
        let q = &crate::prepared::person("محمدی").tokens[0];
        let c = &crate::prepared::person("Muhammad").tokens[0];
        let exact = crate::token_similarity::token_similarity(q, c).0;
        assert!(exact > 0.0 && exact < super::MIN_SIMILARITY, "{exact}");
        assert_eq!(super::similarity(q, c).0, 0.0);
        // An ending that agrees is still asked of the model.
        let q = &crate::prepared::person("محمد").tokens[0];
        assert!(super::similarity(q, c).0 >= super::MIN_SIMILARITY);
    }

    #[test]
    fn row_index_forgets_what_it_is_cleared_of() {
        let mut rows = super::RowIndex::default();
        rows.insert(7, 0);
        rows.insert(3, 1);
        let far = (super::RowIndex::MOST_SLOTS + 5) as u32;
        rows.insert(far, 2);
        assert_eq!(
            (rows.get(7), rows.get(3), rows.get(far)),
            (Some(0), Some(1), Some(2))
        );
        assert_eq!((rows.get(4), rows.get(1 << 20)), (None, None));
        rows.clear();
        assert_eq!(
            (rows.get(7), rows.get(3), rows.get(far)),
            (None, None, None)
        );
        rows.insert(3, 0);
        assert_eq!(rows.get(3), Some(0));
    }

    use crate::{Index, MatchConfig, Query};
    use embargo_model::{Entity, EntityId, NameKind, Schema};

    fn index() -> Index {
        let names: [&[&str]; 7] = [
            &["KIM Jong Un", "김정은", "Kim Jongun"],
            &["Kim Jong Il"],
            &["PARK Seong Jin"],
            &["Mohammed Ali Hassan", "محمد علي حسن"],
            &["Muhammad bin Salman"],
            &["Vladimir Vladimirovich PUTIN", "Владимир Путин"],
            &["WANG Jian"],
        ];
        let entities = names
            .iter()
            .enumerate()
            .map(|(i, ns)| {
                let mut e = Entity::new(EntityId(format!("t:{i}")), Schema::Person, "test", "x");
                for (k, n) in ns.iter().enumerate() {
                    let kind = if k == 0 {
                        NameKind::Primary
                    } else {
                        NameKind::Alias
                    };
                    e.add_name(n, kind);
                }
                e
            })
            .collect();
        Index::from_entities(entities)
    }

    /// A query answered from similarities another query left in the shared cache gets exactly
    /// the hits (ids, scores, explanations) it gets from a cold cache and from scoring every
    /// candidate without the cache.
    #[test]
    fn shared_similarities_change_no_hit() {
        let queries = [
            "김정은",
            "박성진",
            "محمد علي",
            "محمد حسن",
            "Владимир Путин",
            "王健",
            "김정일",
        ];
        let config = MatchConfig {
            min_score: 0.0,
            limit: 50,
            ..MatchConfig::default()
        };
        let render = |h: &[crate::Hit]| serde_json::to_string(h).expect("hits serialise");
        let warm = index();
        let cold: Vec<String> = queries
            .iter()
            .map(|q| {
                let fresh = index();
                render(&fresh.search(&Query::name(*q), &config))
            })
            .collect();
        for round in 0..2 {
            for (q, cold) in queries.iter().zip(&cold) {
                let hits = warm.search(&Query::name(*q), &config);
                assert_eq!(
                    &render(&hits),
                    cold,
                    "{q}, round {round}: warm cache vs cold"
                );
                let full = warm.search_unpruned(&Query::name(*q), &config);
                assert_eq!(render(&hits), render(&full), "{q}: bounded vs full");
            }
        }
        let stats = warm.shared_stats();
        assert!(
            stats.hits > 0 && stats.misses > 0,
            "cache unused: {stats:?}"
        );
        warm.clear_shared();
        assert_eq!(warm.shared_stats().entries, 0);
    }
}
