//! Candidate retrieval over the few entities of a delta, from an already prepared query.
//!
//! The same rule as the matcher's index ([`embargo_matcher::index`]): a query token (its words
//! and numbers, or every token when it has none) retrieves the listed tokens with the same text,
//! its nicknames and cognate given names, a Han token's readings, the same phonetic skeleton, or
//! a trigram Dice of at least 0.3, checked as [`Verify`] says for the token
//! ([`keep_retrieved`]); a Han token's syllables also retrieve by their letters together. The
//! entities holding those tokens, and those sharing a strong identifier, are the candidates.
//! The rule's pieces are the matcher's own functions; only the loop is restated.
//!
//! Why not a small [`embargo_matcher::Index`] over the delta entities: its `search` prepares the
//! query again (name analysis costs about as much as the rest of a delta run per record), and
//! retrieval cannot be asked of it without scoring. The rule is restated here instead, and
//! `tests/retrieval.rs` checks on every fixture record that it returns exactly the candidates a
//! small index returns, so a change in the matcher's rule fails a test rather than an equality.

use embargo_matcher::index::{
    han_keys, joined_han_syllables, keep_retrieved, table_keys, Verify, TRIGRAM_DICE,
};
use embargo_matcher::prepared::PreparedName;
use embargo_matcher::score::PreparedQuery;
use embargo_model::Entity;
use embargo_names::{Script, TokenRole};
use std::collections::HashMap;

/// The padded character trigrams of a token, distinct and sorted.
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

/// The retrieval keys of a few entities.
#[derive(Default)]
pub struct Retrieval {
    dict: Vec<String>,
    dict_skeletons: Vec<String>,
    dict_ids: HashMap<String, u32>,
    /// Token → entities (positions in the slice given to [`Retrieval::new`]), sorted, distinct.
    postings: Vec<Vec<u32>>,
    by_skeleton: HashMap<String, Vec<u32>>,
    by_trigram: HashMap<[u8; 3], Vec<u32>>,
    trigram_count: Vec<u16>,
    by_identifier: HashMap<String, Vec<u32>>,
}

impl Retrieval {
    /// Keys of `entities`, whose names are prepared in `names` (same order).
    pub fn new(entities: &[&Entity], names: &[Vec<PreparedName>]) -> Retrieval {
        let mut r = Retrieval::default();
        for (ei, ns) in names.iter().enumerate() {
            for n in ns {
                for t in &n.tokens {
                    let id = match r.dict_ids.get(&t.text) {
                        Some(&id) => id,
                        None => {
                            let id = r.dict.len() as u32;
                            r.dict_ids.insert(t.text.clone(), id);
                            r.dict.push(t.text.clone());
                            r.postings.push(Vec::new());
                            id
                        }
                    };
                    let p = &mut r.postings[id as usize];
                    if p.last() != Some(&(ei as u32)) {
                        p.push(ei as u32);
                    }
                }
            }
        }
        for (id, tok) in r.dict.iter().enumerate() {
            let sk = embargo_names::skeleton::skeleton(tok);
            if !sk.is_empty() {
                r.by_skeleton.entry(sk.clone()).or_default().push(id as u32);
            }
            r.dict_skeletons.push(sk);
            let tg = trigrams(tok);
            r.trigram_count.push(tg.len() as u16);
            for g in tg {
                r.by_trigram.entry(g).or_default().push(id as u32);
            }
        }
        for (ei, e) in entities.iter().enumerate() {
            for i in &e.identifiers {
                if i.kind.is_strong() {
                    let k = i.key();
                    if k.len() >= 4 {
                        r.by_identifier.entry(k).or_default().push(ei as u32);
                    }
                }
            }
        }
        r
    }

    pub fn is_empty(&self) -> bool {
        self.dict.is_empty() && self.by_identifier.is_empty()
    }

    fn similar_tokens(&self, token: &str, skeleton: &str, verify: Verify, out: &mut Vec<u32>) {
        let exact = self.dict_ids.get(token).copied();
        out.extend(exact);
        let keep = |id: u32| {
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
        let tg = trigrams(token);
        let mut shared: HashMap<u32, u16> = HashMap::new();
        for g in &tg {
            if let Some(ids) = self.by_trigram.get(g) {
                for &id in ids {
                    *shared.entry(id).or_default() += 1;
                }
            }
        }
        let nq = tg.len() as f64;
        for (id, n) in shared {
            let nt = self.trigram_count[id as usize] as f64;
            if 2.0 * n as f64 / (nq + nt) >= TRIGRAM_DICE && keep(id) {
                out.push(id);
            }
        }
    }

    /// Positions of the entities `q` retrieves, sorted and distinct (before the schema filter).
    pub fn candidates(&self, q: &PreparedQuery) -> Vec<u32> {
        let mut token_ids: Vec<u32> = Vec::new();
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
                let han = match (t.script == Script::Han).then(|| han_keys(t)).flatten() {
                    Some(keys) => {
                        token_ids.extend(keys.iter().filter_map(|k| self.dict_ids.get(k)));
                        true
                    }
                    None => false,
                };
                self.similar_tokens(&t.text, &t.skeleton, Verify::of(t, han), &mut token_ids);
            }
            for joined in joined_han_syllables(&keyed) {
                let skeleton = embargo_names::skeleton::skeleton(&joined);
                self.similar_tokens(&joined, &skeleton, Verify::Similar, &mut token_ids);
            }
        }
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
        ents
    }
}
