//! Aligning the tokens of two names: which query token corresponds to which listed token.
//!
//! Word order is free (lists write "SURNAME, Given", family-name-first cultures put the family name
//! first), so the alignment is an assignment, not a sequence alignment: every pairing of a query
//! token with a list token is scored, pairings of one token with two merged neighbours are added
//! ("Jongun" vs "Jong Un", "Rami Makhlouf" vs "RamiMakhlouf"), and the best non-overlapping
//! pairings are taken greedily, best first. Names have a handful of tokens, so this is cheap and
//! gives the same answer as an optimal assignment in practice.

use crate::prepared::PToken;
use crate::token_similarity::{text_similarity, token_similarity, MatchKind};
use embargo_names::{skeleton::skeleton, TokenRole};
use std::ops::Range;

/// Pairings below this similarity are not alignments at all.
pub const MIN_SIMILARITY: f64 = 0.6;

/// Query tokens `q` aligned to list tokens `c` (indices), with their similarity.
#[derive(Clone, Debug, PartialEq)]
pub struct AlignedPair {
    /// Query tokens (one, or adjacent ones merged).
    pub q: Range<usize>,
    /// List tokens (one, or adjacent ones merged).
    pub c: Range<usize>,
    pub similarity: f64,
    pub kind: MatchKind,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    pub pairs: Vec<AlignedPair>,
    pub unmatched_q: Vec<usize>,
    pub unmatched_c: Vec<usize>,
}

fn mergeable(t: &PToken) -> bool {
    matches!(
        t.role,
        TokenRole::Word | TokenRole::Particle | TokenRole::Initial
    )
}

fn merged_candidates(a: &[PToken], b: &[PToken], a_is_query: bool, out: &mut Vec<AlignedPair>) {
    // One token of `a` against two adjacent tokens of `b`.
    for (i, t) in a.iter().enumerate() {
        if !mergeable(t) || t.text.len() < 4 {
            continue;
        }
        for j in 0..b.len().saturating_sub(1) {
            let (x, y) = (&b[j], &b[j + 1]);
            if !mergeable(x) || !mergeable(y) {
                continue;
            }
            // Cheap filter: the merged token must start like the first part.
            if t.text.as_bytes()[0] != x.text.as_bytes()[0] {
                continue;
            }
            let joined = format!("{}{}", x.text, y.text);
            let (sim, _) = text_similarity(&t.text, &joined, &t.skeleton, &skeleton(&joined));
            if sim >= 0.8 {
                let (q, c) = if a_is_query {
                    (i..i + 1, j..j + 2)
                } else {
                    (j..j + 2, i..i + 1)
                };
                out.push(AlignedPair {
                    q,
                    c,
                    similarity: sim,
                    kind: MatchKind::Merged,
                });
            }
        }
    }
}

/// Take pairings best first; among equals, the heavier pairing (rarer tokens), then the earlier
/// position.
fn greedy(
    q: &[PToken],
    c: &[PToken],
    cands: &mut [AlignedPair],
) -> (Vec<AlignedPair>, Vec<bool>, Vec<bool>) {
    let weight = |p: &AlignedPair| -> f64 {
        p.q.clone().map(|i| q[i].weight).sum::<f64>()
            + p.c.clone().map(|j| c[j].weight).sum::<f64>()
    };
    cands.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(weight(b).total_cmp(&weight(a)))
            .then(a.q.start.cmp(&b.q.start))
            .then(a.q.end.cmp(&b.q.end))
            .then(a.c.start.cmp(&b.c.start))
            .then(a.c.end.cmp(&b.c.end))
    });
    let mut used_q = vec![false; q.len()];
    let mut used_c = vec![false; c.len()];
    let mut pairs = Vec::new();
    for cand in cands.iter() {
        if cand.q.clone().any(|i| used_q[i]) || cand.c.clone().any(|j| used_c[j]) {
            continue;
        }
        for i in cand.q.clone() {
            used_q[i] = true;
        }
        for j in cand.c.clone() {
            used_c[j] = true;
        }
        pairs.push(cand.clone());
    }
    (pairs, used_q, used_c)
}

/// Align query tokens to candidate tokens.
pub fn align(q: &[PToken], c: &[PToken]) -> Alignment {
    align_with(q, c, &mut |qt, ct| token_similarity(qt, ct))
}

/// [`align`] with a caller-supplied token similarity (the index passes a memoised one: the same
/// query token meets the same listed token in many entities).
pub fn align_with(
    q: &[PToken],
    c: &[PToken],
    sim_of: &mut dyn FnMut(&PToken, &PToken) -> (f64, MatchKind),
) -> Alignment {
    let mut cands: Vec<AlignedPair> = Vec::with_capacity(q.len() * c.len());
    for (i, qt) in q.iter().enumerate() {
        for (j, ct) in c.iter().enumerate() {
            let (sim, kind) = sim_of(qt, ct);
            if sim >= MIN_SIMILARITY {
                cands.push(AlignedPair {
                    q: i..i + 1,
                    c: j..j + 1,
                    similarity: sim,
                    kind,
                });
            }
        }
    }
    let (mut pairs, mut used_q, mut used_c) = greedy(q, c, &mut cands);
    // Merged tokens are looked for only when single pairings leave tokens on both sides.
    if used_q.contains(&false) && used_c.contains(&false) && (q.len() > 1 || c.len() > 1) {
        let before = cands.len();
        merged_candidates(q, c, true, &mut cands);
        merged_candidates(c, q, false, &mut cands);
        if cands.len() > before {
            (pairs, used_q, used_c) = greedy(q, c, &mut cands);
        }
    }
    Alignment {
        pairs,
        unmatched_q: (0..q.len()).filter(|&i| !used_q[i]).collect(),
        unmatched_c: (0..c.len()).filter(|&j| !used_c[j]).collect(),
    }
}
