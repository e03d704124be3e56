//! The dictionary tokens a query token retrieves, kept across the queries of one index.
//!
//! Retrieval looks each query token up by its text, skeleton, trigrams and consonant key, then
//! checks what it found (`retrieval::Verify`): a fifth of a query's time. Queries share
//! tokens (a customer file repeats its given names and family names; محمد, Kim and Li open
//! thousands of names), and what a token retrieves depends on nothing but the token and its
//! place among the query's syllables, so the second query with it reads the first one's result.
//! The result is the same list the lookup would give: scores cannot change.

use crate::prepared::PToken;
use crate::retrieval::Verify;
use embargo_names::{Script, TokenRole};
use rustc_hash::FxHashMap;
use std::sync::{PoisonError, RwLock};

/// Most dictionary token numbers held over all entries (4 bytes each): past it, further results
/// are not kept. The first tokens of a session are its commonest, which later queries meet
/// again (as `memo::SHARED_MAX_SIMS`).
const MAX_IDS: usize = 8_000_000;

/// Everything of a query token that what it retrieves depends on: the fields its similarity
/// reads (`memo::TokenKey`), how its finds are checked, and the syllables of its word so far
/// (`retrieval::syllables_so_far`).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct SimilarKey {
    text: String,
    original: String,
    role: TokenRole,
    script: Script,
    split: bool,
    verify: Verify,
    begins: Option<String>,
}

impl SimilarKey {
    pub fn new(t: &PToken, verify: Verify, begins: Option<&str>) -> SimilarKey {
        SimilarKey {
            text: t.text.clone(),
            original: t.original.clone(),
            role: t.role,
            script: t.script,
            split: t.split,
            verify,
            begins: begins.map(str::to_string),
        }
    }
}

/// Dictionary tokens retrieved per query token, shared by every query on one index.
#[derive(Default)]
pub struct SimilarMemo {
    found: RwLock<Found>,
}

#[derive(Default)]
struct Found {
    by_key: FxHashMap<SimilarKey, Box<[u32]>>,
    /// Token numbers held over all entries.
    ids: usize,
}

impl SimilarMemo {
    /// Append what `key` retrieved to `out`, if known.
    pub fn extend(&self, key: &SimilarKey, out: &mut Vec<u32>) -> bool {
        let found = self.found.read().unwrap_or_else(PoisonError::into_inner);
        match found.by_key.get(key) {
            Some(ids) => {
                out.extend_from_slice(ids);
                true
            }
            None => false,
        }
    }

    /// Keep what `key` retrieved, while there is room.
    pub fn insert(&self, key: SimilarKey, ids: &[u32]) {
        let mut found = self.found.write().unwrap_or_else(PoisonError::into_inner);
        if found.ids + ids.len() > MAX_IDS || found.by_key.contains_key(&key) {
            return;
        }
        found.ids += ids.len();
        found.by_key.insert(key, ids.into());
    }

    /// Forget everything (benchmarks measure a cold start).
    pub fn clear(&self) {
        let mut found = self.found.write().unwrap_or_else(PoisonError::into_inner);
        found.by_key.clear();
        found.ids = 0;
    }
}
