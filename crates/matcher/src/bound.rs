//! A cheap upper bound of the score an entity can reach against a query, so that search scores in
//! full only the candidates that could still make the results.
//!
//! A name score is `M / (M + L)` ([`crate::score`]): `M` sums, over aligned pairs, the similarity
//! times the weights of the tokens in the pair, and `L` sums the dissimilar part of the pairs and
//! the cost of unaligned tokens. Give each token `t` the best similarity `b(t)` of any pairing it
//! could take part in. A token whose `b` is below [`MIN_SIMILARITY`] is never aligned; any other
//! one adds at most `b·w` to `M` and at least `(1 − b)·w` to `L` (which is below what leaving it
//! unaligned would cost). So `M ≤ Σ b·w` over the alignable tokens, and `L ≥ Σ (1 − b)·w` over
//! them plus the cost of leaving the others unaligned, priced with the scorer's own rules: a
//! conflict when both sides leave tokens, one-sided extras otherwise, numbers at the least a number
//! can cost ([`crate::score::numbers_cost`]).
//! The bound ignores which token pairs with which (both sides take their best independently),
//! so it is loose, never low.
//!
//! Pairings beyond single tokens count too: a token that could be one half of a merged pair
//! ("jongun" / "jong un") gets that pairing's similarity, and a Hangul token and the Latin words
//! it could be spelt as are priced at similarity 1, an acronym of an organisation name and the
//! words it abbreviates at the acronym similarity.
//!
//! The entity bound adds the most the qualifiers can add ([`qualifier_gain`]); an entity holding
//! one of the query's strong identifiers is not bounded at all. `tests/pruning.rs` checks on the
//! eval queries that search with the bound returns exactly what scoring every candidate returns.

use crate::alignment::{
    acronym_runs, merge_may_reach, merge_may_romanise, ACRONYM_SIMILARITY, MAX_MERGED, MERGED_MIN,
    MIN_SIMILARITY,
};
use crate::alignment::{may_continue_from, SpellStart};
use crate::memo::{NativeRuns, SharedSims, SimTable};
use crate::merge_starts::{self, mergeable, MergeStarts, Raise};
use crate::prepared::{PToken, PreparedName};
use crate::qualifiers;
use crate::query::Query;
use crate::score::{
    near_miss_credit, CONFLICT, NUMBER_SWAP, ONE_SIDED_EXTRA, ORG_ONE_SIDED_EXTRA,
    SYLLABIC_ONE_SIDED_EXTRA,
};
use crate::token_similarity::text_similarity_lazy;
use embargo_names::skeleton::skeleton;
use embargo_names::{NameStyle, Script, TokenRole};
use rustc_hash::FxHashMap;

/// Slack added to every bound against rounding in a different order of summation.
const EPSILON: f64 = 1e-9;

/// Reusable buffers for [`name_bound`].
#[derive(Default)]
pub struct Scratch {
    bq: Vec<f64>,
    bc: Vec<f64>,
    joined: String,
    /// Merged-pairing similarities met before ([`MergeKey`]).
    merges: FxHashMap<MergeKey, f64>,
    /// The first filters of the merged pairings, per row of the query's table.
    starts: MergeStarts,
    /// The table row of each token of the listed name being bounded.
    rows: Vec<u32>,
    /// Whole-token cross-script pairings met before: (first query token of the Hangul part,
    /// its length in tokens, the listed run's token variants, `u32::MAX` past its end) →
    /// similarity.
    natives: FxHashMap<[u32; 5], f64>,
    /// The index's similarities shared across queries, for the whole-token pairings.
    native_runs: Option<NativeRuns>,
    /// The first letters that may spell each native character met ([`SpellStart`]): a query
    /// has a handful.
    spell_starts: Vec<SpellStart>,
}

/// The [`SpellStart`] of `first`, from `known` or worked out and kept there.
fn spell_start(known: &mut Vec<SpellStart>, first: char) -> SpellStart {
    if let Some(s) = known.iter().find(|s| s.first == first) {
        return *s;
    }
    let s = SpellStart::of(first);
    known.push(s);
    s
}

impl Scratch {
    /// Buffers that read and feed the whole-token pairings shared across the queries of an
    /// index.
    pub fn with_shared(shared: &std::sync::Arc<SharedSims>) -> Scratch {
        Scratch {
            native_runs: Some(NativeRuns::new(shared)),
            ..Scratch::default()
        }
    }
}

/// The most the qualifiers of `query` can add to a name score: the best birth-date agreement and
/// a shared country (gender only ever lowers).
pub fn qualifier_gain(query: &Query) -> f64 {
    let mut gain = 0.0;
    if !query.birth_dates.is_empty() {
        gain += qualifiers::DOB_DAY_MATCH
            .max(qualifiers::DOB_YEAR_MATCH)
            .max(0.0);
    }
    if !query.countries.is_empty() {
        gain += qualifiers::COUNTRY_MATCH.max(0.0);
    }
    if query.gender.is_some() {
        gain += qualifiers::GENDER_MISMATCH.max(0.0);
    }
    gain
}

/// The key of a merged pairing in [`Scratch::merges`]: (query side holds the single token,
/// single token, first, second and third of the run, `u32::MAX - 1` for a pair).
type MergeKey = (bool, u32, u32, u32, u32);

/// Raise the bound of every token of `a` that could be merged against two or three adjacent
/// tokens of `b` ([`MAX_MERGED`]), and of those, to the similarity of the merged pairing,
/// computed as `alignment::merged_candidates` does after the same cheap filters.
///
/// The reference form of the merged pairings: [`name_bound`] walks the same pairings through
/// [`MergeStarts`] (the first filters kept per listed token), and the tests check both agree.
fn mark_merges(
    a_is_query: bool,
    a: &[PToken],
    ba: &mut [f64],
    b: &[PToken],
    bb: &mut [f64],
    joined: &mut String,
    memo: &mut FxHashMap<MergeKey, f64>,
) {
    for (i, t) in a.iter().enumerate() {
        if !merge_starts::single_side(t) {
            continue;
        }
        for j in 0..b.len().saturating_sub(1) {
            if merge_starts::may_start(t, &b[j]) {
                merge_runs(a_is_query, t, i, ba, b, j, bb, joined, memo);
            }
        }
    }
}

/// The merged pairings of `a`'s token `t` (at `i`) with the runs of two and three tokens of `b`
/// that begin at `j`, once the first filters let that start through
/// ([`merge_starts::single_side`], [`merge_starts::may_start`]): raise `ba[i]` and the run's
/// bounds in `bb` to each pairing's similarity from [`MERGED_MIN`].
#[allow(clippy::too_many_arguments)]
fn merge_runs(
    a_is_query: bool,
    t: &PToken,
    i: usize,
    ba: &mut [f64],
    b: &[PToken],
    j: usize,
    bb: &mut [f64],
    joined: &mut String,
    memo: &mut FxHashMap<MergeKey, f64>,
) {
    // A run whose every bound, and the single token's, is already 1 can gain nothing. The
    // raises are applied once all runs are priced (a skip is only ever spared work).
    let mut raised: [(usize, f64); MAX_MERGED] = [(0, 0.0); MAX_MERGED];
    let mut n = 0;
    {
        let (ba, bb) = (&*ba, &*bb);
        let spare = |end: usize| ba[i] >= 1.0 && bb[j..end].iter().all(|&v| v >= 1.0);
        merged_sims(a_is_query, t, b, j, joined, memo, spare, |end, sim| {
            raised[n] = (end, sim);
            n += 1;
        });
    }
    for &(end, sim) in &raised[..n] {
        raise(&mut ba[i], &mut bb[j..end], sim);
    }
}

/// Raise a single token's bound and those of the run it pairs with to `sim`.
fn raise(single: &mut f64, run: &mut [f64], sim: f64) {
    *single = single.max(sim);
    for v in run {
        *v = v.max(sim);
    }
}

/// The similarities from [`MERGED_MIN`] of `t` against the runs of two and three tokens of `b`
/// that begin at `j` (`found(end, similarity)` for the run `j..end`), past the filters that
/// rule a run out from the tokens' lengths and letters; `spare(end)`: the run need not be
/// priced.
#[allow(clippy::too_many_arguments)]
fn merged_sims(
    a_is_query: bool,
    t: &PToken,
    b: &[PToken],
    j: usize,
    joined: &mut String,
    memo: &mut FxHashMap<MergeKey, f64>,
    spare: impl Fn(usize) -> bool,
    mut found: impl FnMut(usize, f64),
) {
    let x = &b[j];
    // The run's letters, one token more at each turn.
    let mut letters = x.letters;
    for end in j + 2..=(j + MAX_MERGED).min(b.len()) {
        let run = &b[j..end];
        let last = &run[run.len() - 1];
        if !mergeable(last) {
            break;
        }
        letters.add(&last.letters);
        if spare(end) || !could_spell(t, run) || !merge_may_reach(t, run, &letters) {
            continue;
        }
        let mut compute = || {
            joined.clear();
            for y in run {
                joined.push_str(&y.text);
            }
            let romanise = merge_may_romanise(t, &letters);
            text_similarity_lazy(
                &t.text,
                joined,
                &t.skeleton,
                || skeleton(joined).into(),
                romanise,
            )
            .0
        };
        let third = run.get(2).map_or(u32::MAX - 1, |z| z.variant);
        let sim = if t.variant == u32::MAX || run.iter().any(|y| y.variant == u32::MAX) {
            compute()
        } else {
            *memo
                .entry((a_is_query, t.variant, x.variant, run[1].variant, third))
                .or_insert_with(compute)
        };
        // The scorer aligns a merged pairing only from MERGED_MIN (and a merged
        // pairing earns no near-miss credit), so a lower one bounds nothing.
        if sim >= MERGED_MIN {
            found(end, sim);
        }
    }
}

/// [`mark_merges`] both ways between query name `q` and listed name `c`, with the first filters
/// read from `starts` per listed token (`rows[j]`: the table row of `c`'s token `j`, `u32::MAX`
/// for a token outside the index) instead of run for every pair of tokens of every name, and a
/// listed token's merged pairings against the query name's runs kept per row: they are the
/// same in every name that holds the token.
/// `query` is every token of the query, numbered by `variant`; `q` is a contiguous part of it.
#[allow(clippy::too_many_arguments)]
fn mark_merges_by_rows(
    q: &[PToken],
    bq: &mut [f64],
    c: &[PToken],
    bc: &mut [f64],
    rows: &[u32],
    query: &[PToken],
    starts: &mut MergeStarts,
    joined: &mut String,
    memo: &mut FxHashMap<MergeKey, f64>,
) {
    let first = q[0].variant as usize;
    let in_name = merge_starts::name_mask(first, q.len());
    // A query token as the single token, against runs of the listed name.
    for j in 0..c.len().saturating_sub(1) {
        let mut m = starts.singles(rows[j], &c[j], query) & in_name;
        while m != 0 {
            let i = m.trailing_zeros() as usize - first;
            m &= m - 1;
            merge_runs(true, &q[i], i, bq, c, j, bc, joined, memo);
        }
    }
    // A listed token as the single token, against runs of the query name (a run begins at
    // most at the name's last token but one).
    let run_starts = merge_starts::name_mask(first, q.len().saturating_sub(1));
    for (i, x) in c.iter().enumerate() {
        let m = starts.runs(rows[i], x, query) & run_starts;
        if m == 0 {
            continue;
        }
        let mut apply = |r: &Raise| {
            let run = usize::from(r.start)..usize::from(r.end);
            raise(&mut bc[i], &mut bq[run], r.sim);
        };
        if let Some(kept) = starts.raises(rows[i], first) {
            kept.iter().for_each(&mut apply);
            continue;
        }
        let mut found: Vec<Raise> = Vec::new();
        let mut m = m;
        while m != 0 {
            let j = m.trailing_zeros() as usize - first;
            m &= m - 1;
            merged_sims(
                false,
                x,
                q,
                j,
                joined,
                memo,
                |_| false,
                |end, sim| {
                    found.push(Raise {
                        start: j as u8,
                        end: end as u8,
                        sim,
                    });
                },
            );
        }
        found.iter().for_each(&mut apply);
        starts.keep_raises(rows[i], first, &found);
    }
}

/// Whether `t` could be similar to the tokens of `run` written together at all: the lengths
/// must be within the share an edit distance or a shared skeleton tolerates, unless the two are
/// the same once repeated letters are collapsed (a keying slip the similarity forgives), which
/// needs equal collapsed lengths.
fn could_spell(t: &PToken, run: &[PToken]) -> bool {
    // Lengths and outlines only: no token's text is read (see `prepared::Outline`).
    let (lt, lj) = (
        t.text.len(),
        run.iter().map(|y| y.text.len()).sum::<usize>(),
    );
    if !crate::token_similarity::lengths_too_far(lt, lj) {
        return true;
    }
    let junctions: usize = run
        .windows(2)
        .map(|w| usize::from(w[0].outline.last == w[1].outline.head[0]))
        .sum();
    usize::from(t.outline.runs) + junctions
        == run
            .iter()
            .map(|y| usize::from(y.outline.runs))
            .sum::<usize>()
}

fn latin_word(t: &PToken) -> bool {
    t.script == Script::Latin && matches!(t.role, TokenRole::Word | TokenRole::Particle)
}

/// Price at 1 the Hangul tokens of `a` and the Latin words of `b` they could be spelt as (the
/// whole-token cross-script pairings of [`crate::alignment`]). Used for listed Hangul names
/// against a Latin query, which are rare; a Hangul query is priced exactly by
/// [`mark_query_native`].
fn mark_native(a: &[PToken], ba: &mut [f64], b: &[PToken], bb: &mut [f64]) {
    if !a.iter().any(|t| t.script == Script::Hangul) || !b.iter().any(latin_word) {
        return;
    }
    for (i, t) in a.iter().enumerate() {
        if t.script == Script::Hangul {
            ba[i] = ba[i].max(1.0);
        }
    }
    for (j, t) in b.iter().enumerate() {
        if latin_word(t) {
            bb[j] = bb[j].max(1.0);
        }
    }
}

/// Whether the pairing of `a` and `b` is left to the whole-token cross-script pairings rather
/// than the token similarity (a Hangul syllable spelt from a longer token against a Latin token;
/// `alignment::native_vs_latin`).
fn native_vs_latin(a: &PToken, b: &PToken) -> bool {
    (a.script == Script::Hangul && a.split && b.script == Script::Latin)
        || (b.script == Script::Hangul && b.split && a.script == Script::Latin)
}

/// `alignment::cross_script_similarity(native, latin, expected)` when it can reach
/// [`MIN_SIMILARITY`]; otherwise some value below it (pairings below it are never aligned, so
/// the bound needs no more). That function takes the Korean rules' verdict when they give one
/// (or a Mandarin reading: `alignment::without_model`),
/// else the learned model's similarity (at most 1), halved when the syllable counts disagree
/// and scaled down when the Latin is much shorter than expected: when those factors alone put
/// the model below the line, the model (the costly part) is not run.
fn cross_script_if_alignable(native: &str, latin: &str, expected: usize) -> f64 {
    let ratio = (latin.len() as f64 / expected.max(1) as f64).min(1.0);
    let mut most = if ratio < 0.6 { 0.4 + ratio } else { 1.0 };
    if !embargo_names::hangul::syllables_agree(native, latin) {
        most *= 0.5;
    }
    if most < MIN_SIMILARITY {
        return crate::alignment::without_model(native, latin);
    }
    crate::alignment::cross_script_similarity(native, latin, expected)
}

/// Raise the bound of the Hangul tokens of the query `q` and of the listed Latin words of `c`
/// to the similarity of each whole-token cross-script pairing they could take part in, computed
/// as `alignment::native_candidates` computes it (same parts, runs and arguments to
/// `cross_script_similarity`), memoised per query by the listed tokens' variants. Pricing
/// these pairings at 1 made every candidate of a Hangul query worth scoring in full.
#[allow(clippy::too_many_arguments)]
fn mark_query_native(
    q: &[PToken],
    bq: &mut [f64],
    c: &[PToken],
    bc: &mut [f64],
    joined: &mut String,
    memo: &mut FxHashMap<[u32; 5], f64>,
    mut shared: Option<&mut NativeRuns>,
    starts: &mut Vec<SpellStart>,
) {
    if !q.iter().any(|t| t.script == Script::Hangul) || !c.iter().any(latin_word) {
        return;
    }
    let mut i = 0;
    while i < q.len() {
        let t = &q[i];
        if t.script != Script::Hangul {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while t.split && end < q.len() && q[end].split && q[end].original == t.original {
            end += 1;
        }
        let whole_min_run = if t.split { 1 } else { 2 };
        let n_syllables = t.original.chars().count();
        let halves = t.split && end - i >= 3 && n_syllables == end - i;
        let expected: usize = q[i..end].iter().map(|t| t.text.len()).sum();
        let mut parts: [(usize, usize, usize, usize); 3] = [(i, end, whole_min_run, expected); 3];
        let mut n_parts = 1;
        if halves {
            parts[1] = (i, i + 1, 1, q[i].text.len());
            parts[2] = (
                i + 1,
                end,
                1,
                q[i + 1..end].iter().map(|t| t.text.len()).sum(),
            );
            n_parts = 3;
        }
        for (k, &(p0, p1, min_run, expected)) in parts[..n_parts].iter().enumerate() {
            let native: &str = if k == 0 {
                &t.original
            } else {
                let cut = t.original.char_indices().nth(1).map_or(0, |(b, _)| b);
                if k == 1 {
                    &t.original[..cut]
                } else {
                    &t.original[cut..]
                }
            };
            let Some(first) = native.chars().next() else {
                continue;
            };
            let opening = spell_start(starts, first);
            for start in 0..c.len() {
                // The runs `alignment::native_candidates` skips: none from `start` when its
                // first word's letter can't begin a spelling of `native`.
                if !opening.may_spell(&c[start]) {
                    continue;
                }
                let mut key = [
                    q[p0].variant,
                    (p1 - p0) as u32,
                    u32::MAX,
                    u32::MAX,
                    u32::MAX,
                ];
                let mut known = q[p0].variant != u32::MAX;
                for (stop, word) in c.iter().enumerate().skip(start).take(3) {
                    if !latin_word(word)
                        || (stop > start
                            && !may_continue_from(native, word, |c| spell_start(starts, c)))
                    {
                        break;
                    }
                    key[2 + stop - start] = word.variant;
                    known &= word.variant != u32::MAX;
                    if stop + 1 - start < min_run {
                        continue;
                    }
                    let mut compute = || {
                        joined.clear();
                        for w in &c[start..=stop] {
                            joined.push_str(&w.text);
                        }
                        cross_script_if_alignable(native, joined, expected)
                    };
                    let sim = if known {
                        shared_native_run(
                            memo,
                            key,
                            native,
                            expected,
                            shared.as_deref_mut(),
                            compute,
                        )
                    } else {
                        compute()
                    };
                    if sim >= MIN_SIMILARITY {
                        for b in &mut bq[p0..p1] {
                            *b = b.max(sim);
                        }
                        for b in &mut bc[start..=stop] {
                            *b = b.max(sim);
                        }
                    }
                }
            }
        }
        i = end;
    }
}

/// The whole-token pairing `key` of [`mark_query_native`] (native part `native`, `expected`
/// letters, listed run by variants), from the query's memo, else from the similarities shared
/// across queries, else computed. The value is the same whichever answers.
fn shared_native_run(
    memo: &mut FxHashMap<[u32; 5], f64>,
    key: [u32; 5],
    native: &str,
    expected: usize,
    shared: Option<&mut NativeRuns>,
    compute: impl FnOnce() -> f64,
) -> f64 {
    if let Some(&sim) = memo.get(&key) {
        return sim;
    }
    let sim = match shared {
        Some(runs) => runs.get_or(native, expected, [key[2], key[3], key[4]], compute),
        None => compute(),
    };
    memo.insert(key, sim);
    sim
}

/// An upper bound of `score_names_with(q, c, sim_of)` where `sim_of` gives the similarities of
/// `table` (`q` is a name of the query the table was made for).
pub fn name_bound(
    q: &PreparedName,
    c: &PreparedName,
    table: &mut SimTable,
    scratch: &mut Scratch,
) -> f64 {
    if q.tokens.is_empty() || c.tokens.is_empty() {
        return 0.0;
    }
    let (bq, bc) = (&mut scratch.bq, &mut scratch.bc);
    bq.clear();
    bq.resize(q.tokens.len(), 0.0);
    bc.clear();
    bc.resize(c.tokens.len(), 0.0);
    // Pairings of a Hangul syllable with a Latin token are never single-token alignments (the
    // whole-token pairings below price them), so they are left out of the rows' bounds.
    let q_split = q
        .tokens
        .iter()
        .any(|t| t.script == Script::Hangul && t.split);
    let rows = &mut scratch.rows;
    rows.clear();
    for (j, ct) in c.tokens.iter().enumerate() {
        let skip_some = q_split || (ct.script == Script::Hangul && ct.split);
        if ct.variant == u32::MAX {
            rows.push(u32::MAX);
            for (i, qt) in q.tokens.iter().enumerate() {
                if native_vs_latin(qt, ct) {
                    continue;
                }
                let (s, _) = table.sim(qt, ct);
                bq[i] = bq[i].max(s);
                bc[j] = bc[j].max(s);
            }
            continue;
        }
        let r = table.row(ct);
        rows.push(r as u32);
        if skip_some {
            for (i, qt) in q.tokens.iter().enumerate() {
                if native_vs_latin(qt, ct) {
                    continue;
                }
                let s = table.at(r, qt.variant);
                bq[i] = bq[i].max(s);
                bc[j] = bc[j].max(s);
            }
        } else {
            bc[j] = table.best(r);
            for (i, qt) in q.tokens.iter().enumerate() {
                bq[i] = bq[i].max(table.at(r, qt.variant));
            }
        }
    }
    if q.tokens.len() > 1 || c.tokens.len() > 1 {
        let (joined, memo) = (&mut scratch.joined, &mut scratch.merges);
        let query = table.query_tokens();
        let numbered = q.tokens[0].variant as usize + q.tokens.len() <= query.len();
        if numbered && query.len() <= merge_starts::MOST_QUERY_TOKENS {
            let (starts, rows) = (&mut scratch.starts, &scratch.rows);
            starts.grow(table.len());
            mark_merges_by_rows(
                &q.tokens, bq, &c.tokens, bc, rows, query, starts, joined, memo,
            );
        } else {
            mark_merges(true, &q.tokens, bq, &c.tokens, bc, joined, memo);
            mark_merges(false, &c.tokens, bc, &q.tokens, bq, joined, memo);
        }
    }
    mark_query_native(
        &q.tokens,
        bq,
        &c.tokens,
        bc,
        &mut scratch.joined,
        &mut scratch.natives,
        scratch.native_runs.as_mut(),
        &mut scratch.spell_starts,
    );
    mark_native(&c.tokens, bc, &q.tokens, bq);
    if c.style != NameStyle::Person {
        // Acronyms and the words they abbreviate (organisation names only, as the scorer).
        for (i, run) in acronym_runs(&q.tokens, &c.tokens) {
            raise(&mut bq[i], &mut bc[run], ACRONYM_SIMILARITY);
        }
        for (j, run) in acronym_runs(&c.tokens, &q.tokens) {
            raise(&mut bc[j], &mut bq[run], ACRONYM_SIMILARITY);
        }
    }

    let mut matched = 0.0;
    let mut lost = 0.0;
    // Weight of the tokens that can never be aligned, per side, and of such numbers.
    // `dq`, `dc`: the same weights less the most near-miss credit each token could get (its
    // best similarity to any token of the other side bounds its similarity to the ones left
    // unaligned there, and the credit grows with the similarity).
    let (mut uq, mut uc, mut numbers) = (0.0, 0.0, 0.0);
    let (mut dq, mut dc) = (0.0, 0.0);
    // As in the scorer, only persons' names get near-miss credit.
    let near = c.style == NameStyle::Person;
    for (tokens, b, unaligned, discounted) in [
        (&q.tokens, &*bq, &mut uq, &mut dq),
        (&c.tokens, &*bc, &mut uc, &mut dc),
    ] {
        for (t, &b) in tokens.iter().zip(b) {
            if b >= MIN_SIMILARITY {
                matched += b * t.weight;
                lost += (1.0 - b).max(0.0) * t.weight;
            } else if t.role == TokenRole::Number {
                numbers += t.weight;
            } else {
                *unaligned += t.weight;
                let credit = if near && t.role == TokenRole::Word {
                    near_miss_credit(b)
                } else {
                    0.0
                };
                *discounted += t.weight * (1.0 - credit);
            }
        }
    }
    if matched <= 0.0 {
        return 0.0;
    }
    // The scorer's rule: organisations, then Korean and Chinese names.
    let one_sided = if c.style != NameStyle::Person {
        ORG_ONE_SIDED_EXTRA
    } else if crate::score::syllabic_name(q) || crate::score::syllabic_name(c) {
        SYLLABIC_ONE_SIDED_EXTRA
    } else {
        ONE_SIDED_EXTRA
    };
    // The scorer's cost of unaligned tokens, which grows with each side's unaligned weight (so
    // the tokens that might align are best left aligned above).
    let conflict = f64::min(uq, uc);
    lost += CONFLICT * 2.0 * f64::min(dq, dc)
        + one_sided * ((uq - conflict) + (uc - conflict))
        + NUMBER_SWAP * numbers;
    matched / (matched + lost) + EPSILON
}

/// An upper bound of the name score of a prepared query against an entity's names: the best
/// [`name_bound`] over every pair of names.
pub fn names_bound(
    q: &[PreparedName],
    names: &[PreparedName],
    table: &mut SimTable,
    scratch: &mut Scratch,
) -> f64 {
    let mut best: f64 = 0.0;
    for qn in q {
        for cn in names {
            best = best.max(name_bound(qn, cn, table, scratch));
        }
    }
    best
}

/// An upper bound of the final score, rounded as scores are, given the name bound and the
/// query's [`qualifier_gain`]: qualifiers move only a name score of 0.5 or more.
pub fn score_bound(name_bound: f64, gain: f64) -> f64 {
    let b = if name_bound >= 0.5 {
        name_bound + gain
    } else {
        name_bound
    };
    crate::score::round4(b.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commonness::TokenStats;
    use crate::score::{score_names, PreparedQuery};
    use embargo_model::{NameKind, Schema};

    fn bound_and_score(a: &str, b: &str, schema: Schema) -> (f64, f64) {
        let stats = TokenStats::default();
        let mut q = PreparedQuery::new(
            &Query {
                schema: Some(schema),
                ..Query::name(a)
            },
            &stats,
        );
        let mut table = SimTable::new(&mut q);
        let mut c = PreparedName::new(b, NameKind::Primary, Some(schema), &stats);
        for (k, t) in c.tokens.iter_mut().enumerate() {
            t.variant = k as u32;
        }
        let mut s = Scratch::default();
        let bound = name_bound(&q.names[0], &c, &mut table, &mut s);
        (bound, score_names(&q.names[0], &c).score)
    }

    /// Name pairs that take the bound's every kind of pairing: merged both ways, across scripts,
    /// acronyms, numbers.
    const PAIRS: &[(&str, &str, Schema)] = &[
        ("Kim Jong-un", "KIM, Jong Un", Schema::Person),
        ("Jongun Kim", "Kim Jong Un", Schema::Person),
        ("Kim Jong Un", "Kim Jongun", Schema::Person),
        ("김정은", "Kim Jong Un", Schema::Person),
        ("Kim Jong Un", "김정은", Schema::Person),
        ("Владимир Путин", "Vladimir Putin", Schema::Person),
        ("Rami Makhlouf", "RamiMakhlouf", Schema::Person),
        ("George Bush", "George Habbash", Schema::Person),
        ("A. Velayati", "Ali Akbar Velayati", Schema::Person),
        ("Romashka 2 LLC", "Romashka LLC", Schema::Organization),
        (
            "OOO Romashka",
            "Romashka Limited Liability Company",
            Schema::Organization,
        ),
        (
            "CRYSTALORD SYSTEMS LIMITED",
            "CRYSTALORD LTD",
            Schema::Organization,
        ),
        ("محمد علي", "Mohammed Ali", Schema::Person),
        ("金正恩", "Kim Jong Un", Schema::Person),
        ("Mohammed", "Mohammed bin Salman", Schema::Person),
        (
            "Nikolai Plat Ono Vich Patrushev",
            "Nikolai Platonovich Patrushev",
            Schema::Person,
        ),
        (
            "Nikolai Platonovich Patrushev",
            "Nikolai Plat Ono Vich Patrushev",
            Schema::Person,
        ),
        ("PLA", "People's Liberation Army", Schema::Organization),
        ("People's Liberation Army", "PLA", Schema::Organization),
        ("3 Percenters", "Three Percenters", Schema::Organization),
        ("경수 이", "RA, Kyong-Su", Schema::Person),
        ("LeBron Jones", "LeBron James", Schema::Person),
        ("Imran Khaja Ali", "Imran Khan", Schema::Person),
        ("Александар Вукић", "Александар Вучић", Schema::Person),
        ("SALMAN BIN MUHAMMAD", "MUHAMMAD BIN SALMAN", Schema::Person),
        ("Andrang Heta", "'Ndrangheta", Schema::Organization),
        ("Ndrangheta", "Andrang Heta", Schema::Person),
    ];

    #[test]
    fn bound_is_never_below_the_score() {
        for &(a, b, schema) in PAIRS {
            let (bound, score) = bound_and_score(a, b, schema);
            assert!(bound >= score, "{a} / {b}: bound {bound} < score {score}");
        }
    }

    #[test]
    fn merges_by_rows_are_the_pairwise_merges() {
        let stats = TokenStats::default();
        let mut merged = 0;
        for &(a, b, schema) in PAIRS {
            let mut q = PreparedQuery::new(
                &Query {
                    schema: Some(schema),
                    ..Query::name(a)
                },
                &stats,
            );
            let mut table = SimTable::new(&mut q);
            let mut c = PreparedName::new(b, NameKind::Primary, Some(schema), &stats);
            for (k, t) in c.tokens.iter_mut().enumerate() {
                t.variant = k as u32;
            }
            let rows: Vec<u32> = c.tokens.iter().map(|t| table.row(t) as u32).collect();
            let (qt, ct) = (&q.names[0].tokens, &c.tokens);
            let (mut joined, mut memo) = (String::new(), FxHashMap::default());
            let (mut bq, mut bc) = (vec![0.0; qt.len()], vec![0.0; ct.len()]);
            mark_merges(true, qt, &mut bq, ct, &mut bc, &mut joined, &mut memo);
            mark_merges(false, ct, &mut bc, qt, &mut bq, &mut joined, &mut memo);
            let mut starts = MergeStarts::default();
            starts.grow(table.len());
            let (mut rq, mut rc) = (vec![0.0; qt.len()], vec![0.0; ct.len()]);
            // A memo of its own, so that no similarity passes from one form to the other.
            let mut memo = FxHashMap::default();
            let query = table.query_tokens();
            mark_merges_by_rows(
                qt,
                &mut rq,
                ct,
                &mut rc,
                &rows,
                query,
                &mut starts,
                &mut joined,
                &mut memo,
            );
            assert_eq!((&bq, &bc), (&rq, &rc), "{a} / {b}");
            // Again, reading what the first pass kept per row.
            let (mut kq, mut kc) = (vec![0.0; qt.len()], vec![0.0; ct.len()]);
            mark_merges_by_rows(
                qt,
                &mut kq,
                ct,
                &mut kc,
                &rows,
                query,
                &mut starts,
                &mut joined,
                &mut memo,
            );
            assert_eq!((&bq, &bc), (&kq, &kc), "{a} / {b}, kept");
            merged += usize::from(bq.iter().chain(&bc).any(|&v| v > 0.0));
        }
        // Not a comparison of empty passes: several pairs above are merged.
        assert!(merged >= 4, "{merged} pairs merged");
    }

    #[test]
    fn bound_rules_out_a_different_surname() {
        // A shared common first name and a conflicting surname: far below the line.
        let (bound, score) = bound_and_score("George Bush", "George Habbash", Schema::Person);
        assert!(bound >= score);
        assert!(bound < 0.5, "bound {bound}");
    }

    #[test]
    fn gain_counts_only_positive_qualifiers() {
        let q = Query::name("x");
        assert_eq!(qualifier_gain(&q), 0.0);
        let q = Query {
            countries: vec![embargo_model::CountryCode::from_code("kp").expect("a country code")],
            ..Query::name("x")
        };
        assert_eq!(qualifier_gain(&q), qualifiers::COUNTRY_MATCH);
    }
}
