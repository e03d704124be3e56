//! The token similarities of one query against the listed tokens it meets, each computed once.
//!
//! A query meets the same listed token in many candidates (a surname shared by a family, an alias
//! repeated across lists), so search asks for the same similarity again and again. The index
//! numbers its distinct tokens ([`PToken::variant`]); the first time a listed token is met, its
//! similarity to every query token is computed at once into a row, with the row's best value
//! (what [`crate::bound`] needs). Later asks are one hash look-up per listed token.

use crate::alignment::MIN_SIMILARITY;
use crate::prepared::PToken;
use crate::score::PreparedQuery;
use crate::token_similarity::{token_similarity, MatchKind};
use embargo_names::{Script, TokenRole};
use rustc_hash::FxHashMap;

/// `token_similarity(q, c)` whenever that reaches [`MIN_SIMILARITY`], else some value below it
/// (search and the bound use nothing below it: such a pair is never aligned).
///
/// A whole Hangul query token (a one-syllable surname, a foreign name) against a Latin token is
/// judged by the Korean rules, else by the learned model discounted when the syllable counts
/// disagree or the Latin is much shorter than expected (`alignment::cross_script_similarity`).
/// When those discounts alone keep the model below the line, the model (the costly part, run
/// for every Latin token the query meets) is not run, as `bound::cross_script_if_alignable`
/// does for runs of Latin words.
fn similarity(q: &PToken, c: &PToken) -> (f64, MatchKind) {
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
            let rules = embargo_names::hangul::similarity(native, latin);
            return (rules.unwrap_or(0.0), MatchKind::CrossScript);
        }
    }
    token_similarity(q, c)
}

/// Similarities of a query's tokens (numbered in query order through `variant`) against listed
/// tokens.
pub struct SimTable {
    /// Every token of every query name, in numbering order.
    query: Vec<PToken>,
    /// Listed token variant → row.
    rows: FxHashMap<u32, u32>,
    /// Row-major, `query.len()` a row.
    sims: Vec<(f64, MatchKind)>,
    /// Best similarity of each row.
    best: Vec<f64>,
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
        SimTable {
            query,
            rows: FxHashMap::default(),
            sims: Vec::new(),
            best: Vec::new(),
        }
    }

    /// The row of a listed token, computed on first use.
    pub fn row(&mut self, c: &PToken) -> usize {
        if let Some(&r) = self.rows.get(&c.variant) {
            return r as usize;
        }
        let r = self.best.len();
        let mut best: f64 = 0.0;
        for qt in &self.query {
            let s = similarity(qt, c);
            best = best.max(s.0);
            self.sims.push(s);
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

    /// Listed tokens met so far.
    pub fn len(&self) -> usize {
        self.best.len()
    }

    pub fn is_empty(&self) -> bool {
        self.best.is_empty()
    }
}
