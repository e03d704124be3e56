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

/// Pairings below this similarity are not alignments at all.
pub const MIN_SIMILARITY: f64 = 0.6;

/// Query tokens `q` aligned to list tokens `c` (indices), with their similarity.
#[derive(Clone, Debug, PartialEq)]
pub struct AlignedPair {
    pub q: Vec<usize>,
    pub c: Vec<usize>,
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
                    (vec![i], vec![j, j + 1])
                } else {
                    (vec![j, j + 1], vec![i])
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

/// Align query tokens to candidate tokens.
pub fn align(q: &[PToken], c: &[PToken]) -> Alignment {
    let mut cands: Vec<AlignedPair> = Vec::with_capacity(q.len() * c.len());
    for (i, qt) in q.iter().enumerate() {
        for (j, ct) in c.iter().enumerate() {
            let (sim, kind) = token_similarity(qt, ct);
            if sim >= MIN_SIMILARITY {
                cands.push(AlignedPair {
                    q: vec![i],
                    c: vec![j],
                    similarity: sim,
                    kind,
                });
            }
        }
    }
    if q.len() != c.len() || cands.len() < q.len().min(c.len()) {
        merged_candidates(q, c, true, &mut cands);
        merged_candidates(c, q, false, &mut cands);
    }
    // Best first; among equals, the heavier pairing (rarer tokens), then the earlier position.
    cands.sort_by(|a, b| {
        let wa: f64 = a.q.iter().map(|&i| q[i].weight).sum::<f64>()
            + a.c.iter().map(|&j| c[j].weight).sum::<f64>();
        let wb: f64 = b.q.iter().map(|&i| q[i].weight).sum::<f64>()
            + b.c.iter().map(|&j| c[j].weight).sum::<f64>();
        b.similarity
            .total_cmp(&a.similarity)
            .then(wb.total_cmp(&wa))
            .then(a.q.cmp(&b.q))
            .then(a.c.cmp(&b.c))
    });
    let mut used_q = vec![false; q.len()];
    let mut used_c = vec![false; c.len()];
    let mut pairs = Vec::new();
    for cand in cands {
        if cand.q.iter().any(|&i| used_q[i]) || cand.c.iter().any(|&j| used_c[j]) {
            continue;
        }
        for &i in &cand.q {
            used_q[i] = true;
        }
        for &j in &cand.c {
            used_c[j] = true;
        }
        pairs.push(cand);
    }
    Alignment {
        pairs,
        unmatched_q: (0..q.len()).filter(|&i| !used_q[i]).collect(),
        unmatched_c: (0..c.len()).filter(|&j| !used_c[j]).collect(),
    }
}
