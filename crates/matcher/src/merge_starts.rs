//! The first filters of the bound's merged pairings, kept per listed token for one query.
//!
//! A merged pairing sets one token against two or three adjacent tokens of the other name
//! written together ("jongun" / "jong un"). The bound ([`crate::bound`]) looks for them between
//! the query and each of the hundreds of listed names a query meets, and its first filters
//! (both tokens may take part in a merge at all, and the single token may begin like the run:
//! [`may_start`]) ran for every pair of a query token and a token of every name: tens of
//! millions of pairs over the eval queries, of which about one in seven passed, for a few
//! thousand pairings that raised a bound. Those filters read only the two tokens, so their
//! verdicts for one listed token are the same in every name that holds it: they are worked out
//! once per listed token (a row of the query's [`crate::memo::SimTable`]) against every query
//! token at once, as a bit set, and a name's tokens then only read their sets.
//!
//! Written here rather than taken from a crate: the filters are this crate's own.

use crate::alignment::merge_may_start;
use crate::prepared::PToken;
use embargo_names::{Script, TokenRole};

/// Most query tokens the bit sets number (one bit each); a longer query takes the pairwise
/// filters ([`crate::bound`]'s reference form).
pub const MOST_QUERY_TOKENS: usize = 63;

/// A set not yet worked out (a real set never holds bit 63, [`MOST_QUERY_TOKENS`]).
const NOT_YET: u64 = u64::MAX;

/// The raises of a row against a query name not yet kept.
const NOT_KEPT: (u32, u32) = (u32::MAX, u32::MAX);

/// Could `t` be the single token of a merged pairing, or one of the run it is compared with?
/// (The filter `alignment::merged_candidates` applies before it compares.)
pub fn mergeable(t: &PToken) -> bool {
    matches!(
        t.role,
        TokenRole::Word | TokenRole::Particle | TokenRole::Initial
    ) && t.script != Script::Hangul
}

/// Could `t` be the single token of a merged pairing (shorter tokens are not merged)?
pub fn single_side(t: &PToken) -> bool {
    mergeable(t) && t.text.len() >= 4
}

/// Could the single token `t` (one [`single_side`] lets through) be compared with a run that
/// begins with `first`?
pub fn may_start(t: &PToken, first: &PToken) -> bool {
    mergeable(first) && merge_may_start(t, first)
}

/// The bits `first .. first + len` (the query tokens of one name, numbered by `variant`).
pub fn name_mask(first: usize, len: usize) -> u64 {
    if len == 0 {
        return 0;
    }
    (u64::MAX >> (64 - len)) << first
}

/// The query tokens that may be the single token of a merged pairing with a run beginning with
/// listed token `x`.
fn singles_of(x: &PToken, query: &[PToken]) -> u64 {
    if !mergeable(x) {
        return 0;
    }
    bits(query, |t| single_side(t) && merge_may_start(t, x))
}

/// The query tokens that may begin a run that listed token `x`, as the single token, is
/// compared with.
fn runs_of(x: &PToken, query: &[PToken]) -> u64 {
    if !single_side(x) {
        return 0;
    }
    bits(query, |t| may_start(x, t))
}

/// The set of the query tokens `keep` accepts, a bit each by number.
fn bits(query: &[PToken], keep: impl Fn(&PToken) -> bool) -> u64 {
    query
        .iter()
        .enumerate()
        .filter(|(_, t)| keep(t))
        .fold(0, |m, (k, _)| m | 1 << k)
}

/// A merged pairing of a listed token with a run of a query name's tokens
/// (`start..end`, positions in the name) that reaches [`crate::alignment`]'s line for merges.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Raise {
    pub start: u8,
    pub end: u8,
    pub sim: f64,
}

/// Query names whose [`Raise`]s are kept per row; the pairings against a further name are
/// priced per listed name (queries rarely have more).
const MOST_NAMES: usize = 4;

/// Per row of a query's table, its listed token's two sets, worked out on first use, and its
/// merged pairings against the runs of each query name.
#[derive(Default)]
pub struct MergeStarts {
    singles: Vec<u64>,
    runs: Vec<u64>,
    /// The first token number of each query name met, by slot.
    names: Vec<usize>,
    /// Per row and name slot, where its raises are in `kept` (`NOT_KEPT` until they are).
    raised: Vec<[(u32, u32); MOST_NAMES]>,
    kept: Vec<Raise>,
}

impl MergeStarts {
    /// Make room for `rows` rows (the table's rows so far).
    pub fn grow(&mut self, rows: usize) {
        if self.singles.len() < rows {
            self.singles.resize(rows, NOT_YET);
            self.runs.resize(rows, NOT_YET);
            self.raised.resize(rows, [NOT_KEPT; MOST_NAMES]);
        }
    }

    /// The slot of the query name whose first token is number `first`, if it has one.
    fn slot(&mut self, first: usize) -> Option<usize> {
        match self.names.iter().position(|&f| f == first) {
            Some(k) => Some(k),
            None if self.names.len() < MOST_NAMES => {
                self.names.push(first);
                Some(self.names.len() - 1)
            }
            None => None,
        }
    }

    /// The raises kept for the listed token at `row` against the query name beginning at
    /// token `first`, if they were kept.
    pub fn raises(&mut self, row: u32, first: usize) -> Option<&[Raise]> {
        let slot = self.slot(first)?;
        let (start, end) = *self.raised.get(row as usize)?.get(slot)?;
        (start != u32::MAX).then(|| &self.kept[start as usize..end as usize])
    }

    /// Keep `found`, the raises of the listed token at `row` against the query name beginning
    /// at token `first` (nothing is kept for a token outside the index).
    pub fn keep_raises(&mut self, row: u32, first: usize, found: &[Raise]) {
        let Some(slot) = self.slot(first) else {
            return;
        };
        let start = self.kept.len();
        let end = start + found.len();
        if let (Some(at), Ok(start), Ok(end)) = (
            self.raised.get_mut(row as usize),
            u32::try_from(start),
            u32::try_from(end),
        ) {
            if end < u32::MAX {
                at[slot] = (start, end);
                self.kept.extend_from_slice(found);
            }
        }
    }

    /// [`singles_of`] for listed token `x` at `row` (`u32::MAX`: a token outside the index,
    /// worked out and not kept). `query`: every query token, at most [`MOST_QUERY_TOKENS`].
    pub fn singles(&mut self, row: u32, x: &PToken, query: &[PToken]) -> u64 {
        Self::get(&mut self.singles, row, || singles_of(x, query))
    }

    /// [`runs_of`] for listed token `x` at `row`, as [`MergeStarts::singles`].
    pub fn runs(&mut self, row: u32, x: &PToken, query: &[PToken]) -> u64 {
        Self::get(&mut self.runs, row, || runs_of(x, query))
    }

    fn get(sets: &mut [u64], row: u32, work: impl FnOnce() -> u64) -> u64 {
        match sets.get_mut(row as usize) {
            Some(set) if *set != NOT_YET => *set,
            Some(set) => {
                *set = work();
                *set
            }
            None => work(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_masks() {
        assert_eq!(name_mask(0, 0), 0);
        assert_eq!(name_mask(0, 3), 0b111);
        assert_eq!(name_mask(2, 2), 0b1100);
        assert_eq!(name_mask(0, 63), u64::MAX >> 1);
    }
}
