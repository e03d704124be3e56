//! Aligning the tokens of two names: which query token corresponds to which listed token.
//!
//! Word order is free (lists write "SURNAME, Given", family-name-first cultures put the family name
//! first), so the alignment is an assignment, not a sequence alignment: every pairing of a query
//! token with a list token is scored, pairings of one token with two merged neighbours are added
//! ("Jongun" vs "Jong Un", "Rami Makhlouf" vs "RamiMakhlouf"), and the best non-overlapping
//! pairings are taken greedily, best first; a pairing that leaves a token unaligned on each side
//! that the exchange of its partners would align is then exchanged (`augment`). Names have a
//! handful of tokens, so this is cheap and gives the same answer as an optimal assignment in
//! practice.

use crate::letter_bag::LetterBag;
use crate::prepared::PToken;
use crate::token_similarity::{
    text_similarity, text_similarity_lazy, token_similarity, MatchKind, COGNATE_SIMILARITY,
};
use embargo_names::{skeleton::skeleton, Script, TokenRole};
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

/// A Hangul token is compared as written, as a whole, against Latin text: its syllables are in
/// a fixed order (은정 "Eun-jeong" is not 정은 "Jeong-eun"), and a name written in Hangul may be
/// a Korean name (김정은, spelt syllable by syllable) or a foreign one (조지 워싱턴, George
/// Washington) that only the learned model reads. So its Latin syllable tokens are never aligned
/// one by one to Latin tokens; [`native_candidates`] aligns the whole token instead.
fn native_unit(t: &PToken) -> bool {
    t.script == Script::Hangul
}

fn latin_word(t: &PToken) -> bool {
    t.script == Script::Latin && matches!(t.role, TokenRole::Word | TokenRole::Particle)
}

/// Whether `a` against `b` is a pairing [`native_candidates`] decides instead of the token
/// similarity.
pub(crate) fn native_vs_latin(a: &PToken, b: &PToken) -> bool {
    (native_unit(a) && a.split && b.script == Script::Latin)
        || (native_unit(b) && b.split && a.script == Script::Latin)
}

/// Hangul tokens of `a` (each with the Latin syllable tokens spelt from it) against runs of one
/// to three adjacent Latin words of `b` ("김정은" ↔ "kim jong un", "정은" ↔ "jong-un"), scored by
/// the learned cross-script model on the joined Latin. A Korean name of three or more syllables
/// written in one token is also tried as surname + given name (its first syllable and the rest),
/// so "김정은" meets "Jong Un Kim" too; the given name's syllables stay in order (a two-syllable
/// token is a given name, or a surname and a one-syllable given name, and stays whole).
fn native_candidates(a: &[PToken], b: &[PToken], a_is_query: bool, out: &mut Vec<AlignedPair>) {
    if !b.iter().any(latin_word) {
        return;
    }
    let mut i = 0;
    while i < a.len() {
        let t = &a[i];
        if !native_unit(t) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while t.split && end < a.len() && a[end].split && a[end].original == t.original {
            end += 1;
        }
        let mut parts: Vec<(std::ops::Range<usize>, String, usize)> =
            vec![(i..end, t.original.clone(), if t.split { 1 } else { 2 })];
        let syllables: Vec<char> = t.original.chars().collect();
        if t.split && end - i >= 3 && syllables.len() == end - i {
            parts.push((i..i + 1, syllables[0].to_string(), 1));
            parts.push((i + 1..end, syllables[1..].iter().collect(), 1));
        }
        let expected: usize = a[i..end].iter().map(|t| t.text.len()).sum();
        for (range, native, min_run) in parts {
            let expected = if range.len() == end - i {
                expected
            } else {
                a[range.clone()].iter().map(|t| t.text.len()).sum()
            };
            for start in 0..b.len() {
                if !may_spell(&native, &b[start]) {
                    continue;
                }
                let mut joined = String::new();
                for (stop, word) in b.iter().enumerate().skip(start).take(3) {
                    if !latin_word(word) || (stop > start && !may_continue(&native, word)) {
                        break;
                    }
                    joined.push_str(&word.text);
                    if stop + 1 - start < min_run {
                        continue;
                    }
                    let sim = cross_script_similarity(&native, &joined, expected);
                    if sim >= MIN_SIMILARITY {
                        let (q, c) = if a_is_query {
                            (range.clone(), start..stop + 1)
                        } else {
                            (start..stop + 1, range.clone())
                        };
                        out.push(AlignedPair {
                            q,
                            c,
                            similarity: sim,
                            kind: MatchKind::CrossScript,
                        });
                    }
                }
            }
        }
        i = end;
    }
}

/// Whether a run of Latin words starting with `first` may spell the native token `native`, as
/// far as the first letter tells ([`embargo_names::hangul::may_begin`]; always for a native
/// token not in Hangul). The letter is that of the word as canonicalised or as written: "Ibn"
/// is compared as "bin", and 이븐 is "ibn". The bound (`bound::mark_query_native`) skips the
/// same runs.
pub(crate) fn may_spell(native: &str, first: &PToken) -> bool {
    use embargo_names::hangul::may_begin_with;
    // The first bytes kept in the token's outline: the bound asks this of every listed word.
    let byte = |b: u8| (b != 0).then_some(b);
    let (text, original) = (
        byte(first.outline.head[0]),
        byte(first.outline.original_head),
    );
    may_begin_with(native, text)
        || may_begin_with(native, original)
        || embargo_names::mandarin_reading::may_begin_with(native, text)
}

/// Whether `word` may follow the first word of a run of Latin words spelling the native token
/// `native`: it begins like one of the syllables after the first ([`may_spell`] of what is
/// left of `native` from there), or with a vowel or an h. A Latin word boundary falls at a
/// syllable boundary of the Hangul (김정은 "Kim Jong Un", 장폴 "Jean Paul"), or just after a
/// syllable's first consonant (압둘 "Abd al", 생틸레르 "Saint-Hilaire", whose h is silent); a
/// run whose later word begins where none could ("Seo Kim" for 서윤) spells something else.
/// The bound (`bound::mark_query_native`) ends its runs at the same word.
pub(crate) fn may_continue(native: &str, word: &PToken) -> bool {
    begins_inside_syllable(word)
        || native
            .char_indices()
            .skip(1)
            .any(|(at, _)| may_spell(&native[at..], word))
}

/// Whether `word` begins with a vowel or an h, as a Latin word that starts just after a
/// syllable's first consonant does ([`may_continue`]).
fn begins_inside_syllable(word: &PToken) -> bool {
    let inside_syllable = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'h');
    inside_syllable(word.outline.head[0])
        || inside_syllable(word.outline.original_head.to_ascii_lowercase())
}

/// [`may_spell`] and [`may_continue`] answered from the first letters that may begin a spelling
/// of a native text starting with one character, worked out once per character: both read only
/// the native text's first character and the word's first letters, and the bound asks them of
/// every word of every listed name a Hangul query meets, where each answer decoded the syllable
/// and looked up its Mandarin readings again.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SpellStart {
    /// The native character.
    pub(crate) first: char,
    /// Bit `l - b'a'`: `hangul::may_begin_with` holds for the letter `l`.
    hangul: u32,
    /// Bit `l - b'a'`: `mandarin_reading::may_begin_with` holds for the letter `l`.
    mandarin: u32,
}

impl SpellStart {
    pub(crate) fn of(first: char) -> SpellStart {
        let mut buf = [0u8; 4];
        let native: &str = first.encode_utf8(&mut buf);
        let mut start = SpellStart {
            first,
            hangul: 0,
            mandarin: 0,
        };
        for l in 0..26u8 {
            let letter = Some(b'a' + l);
            if embargo_names::hangul::may_begin_with(native, letter) {
                start.hangul |= 1 << l;
            }
            if embargo_names::mandarin_reading::may_begin_with(native, letter) {
                start.mandarin |= 1 << l;
            }
        }
        start
    }

    /// The answer for the byte `b` (0: none) from `mask`, or from `slow` for a byte that is no
    /// letter (both functions lowercase the letter first).
    fn letter(&self, mask: u32, b: u8, slow: fn(&str, Option<u8>) -> bool) -> bool {
        let l = b.to_ascii_lowercase();
        if l.is_ascii_lowercase() {
            return mask >> (l - b'a') & 1 != 0;
        }
        let mut buf = [0u8; 4];
        slow(self.first.encode_utf8(&mut buf), (b != 0).then_some(b))
    }

    /// [`may_spell`] of a native text beginning with this character.
    pub(crate) fn may_spell(&self, first: &PToken) -> bool {
        use embargo_names::{hangul, mandarin_reading};
        let (text, original) = (first.outline.head[0], first.outline.original_head);
        self.letter(self.hangul, text, hangul::may_begin_with)
            || self.letter(self.hangul, original, hangul::may_begin_with)
            || self.letter(self.mandarin, text, mandarin_reading::may_begin_with)
    }
}

/// [`may_continue`] with the [`SpellStart`] of each character after the first of `native` from
/// `start_of`.
pub(crate) fn may_continue_from(
    native: &str,
    word: &PToken,
    mut start_of: impl FnMut(char) -> SpellStart,
) -> bool {
    begins_inside_syllable(word) || native.chars().skip(1).any(|c| start_of(c).may_spell(word))
}

/// The learned model's similarity of a native token and Latin text, discounted when the Latin
/// is much shorter than the native token's usual spelling (`expected` letters): the model
/// explains a short Latin token too easily as a spelling of a longer native one.
/// A Hangul token spelt by the Korean rules is judged by them alone
/// ([`embargo_names::hangul`]): the model is for the names the rules can't spell, and it
/// also reads the Latin respelt as it sounds ([`embargo_names::respell`]: "Foucault" as
/// "fuko" for 푸코), since Hangul writes foreign names by ear.
pub(crate) fn cross_script_similarity(native: &str, latin: &str, expected: usize) -> f64 {
    use std::hash::BuildHasher;
    thread_local! {
        /// A Hangul word meets the same Latin text in the bound and again when its candidate
        /// is scored (the whole-token pairings, [`native_candidates`], which no table keeps):
        /// similarities by a 64-bit hash of the pair (collisions are negligible at this size).
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<u64, f64>> =
            std::cell::RefCell::new(rustc_hash::FxHashMap::default());
    }
    // Other scripts meet a Latin text through the token similarity alone, which the query's
    // table keeps: hashing and keeping those pairs here found almost none again (4 % over the
    // eval queries) and cost more than the hits saved.
    if !native.chars().next().is_some_and(is_hangul_syllable) {
        return cross_script_similarity_uncached(native, latin, expected);
    }
    let key = rustc_hash::FxBuildHasher.hash_one((native, latin, expected));
    if let Some(sim) = SEEN.with(|s| s.borrow().get(&key).copied()) {
        return sim;
    }
    let sim = cross_script_similarity_uncached(native, latin, expected);
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= 1 << 16 {
            s.clear();
        }
        s.insert(key, sim);
    });
    sim
}

/// The model's similarity below which a Hangul token is also compared with the Latin respelt
/// by ear ([`embargo_names::respell`]): above it the spelling already agrees, and the
/// respellings (two more passes of the model) could add little.
const BY_EAR_BELOW: f64 = 0.95;

fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn cross_script_similarity_uncached(native: &str, latin: &str, expected: usize) -> f64 {
    // A Chinese name in its Korean reading (노자 "Laozi"): an exact reading of every syllable,
    // so not discounted like the model's guesses.
    let read = mandarin_read(native, latin);
    if only_read_in_mandarin(native, latin) {
        return read;
    }
    if let Some(sim) = embargo_names::hangul::similarity(native, latin) {
        return sim.max(read);
    }
    let mut sim = embargo_names::crossscript::similarity(native, latin);
    if sim < BY_EAR_BELOW
        && native.chars().next().is_some_and(is_hangul_syllable)
        && !embargo_names::hangul::may_be_korean_name(native)
    {
        // Hangul writes a foreign name as it sounds: "Foucault" is 푸코 by its sound "fuko".
        // Not a Korean name: its Latin is a romanisation, and a respelling only makes other
        // names of it ("Saan" as "san" for 안, "Yong Su" as "iongsu" for 경숙).
        for respelt in embargo_names::respell::by_ear(latin) {
            sim = sim.max(embargo_names::crossscript::similarity(native, &respelt));
        }
        if sim < COGNATE_SIMILARITY && cognate_in_hangul(native, latin) {
            sim = COGNATE_SIMILARITY;
        }
    }
    (sim * discount(native, latin, expected)).max(read)
}

/// How sure the learned model must be that a Hangul word spells another language's form of a
/// Latin given name ([`cognate_in_hangul`]).
const COGNATE_SURE: f64 = 0.85;

/// Whether the Hangul word `native` spells another language's form of the Latin given name
/// `latin` ([`embargo_names::cognate`]): Korean writes a foreign ruler or saint in the form of
/// their language (파벨 "Pavel", 레프 "Lev", 펠리페 "Felipe"), English lists in the English one
/// ("Paul", "Leon", "Philip"). Such a pairing counts as a cognate does between Latin words
/// ([`COGNATE_SIMILARITY`]).
fn cognate_in_hangul(native: &str, latin: &str) -> bool {
    embargo_names::cognate::other_forms(latin).any(|form| {
        embargo_names::hangul::may_begin(native, form)
            && embargo_names::crossscript::similarity(native, form) >= COGNATE_SURE
    })
}

/// What [`cross_script_similarity`] gives when [`discount`] alone keeps the model below
/// [`MIN_SIMILARITY`]: the Korean rules' verdict or a Mandarin reading, the parts the model's
/// discounts do not touch (`bound` and `memo` skip the model so).
pub(crate) fn without_model(native: &str, latin: &str) -> f64 {
    let read = mandarin_read(native, latin);
    if only_read_in_mandarin(native, latin) {
        return read;
    }
    embargo_names::hangul::similarity(native, latin)
        .unwrap_or(0.0)
        .max(read)
}

/// The similarity of `native` read in Mandarin to `latin`
/// ([`embargo_names::mandarin_reading`]), unless `native` may be a Korean name and `latin` is a
/// Korean spelling of as many syllables: then it is another Korean name ("Yong Su" for 용수 is
/// also the Mandarin of 영숙), which the rules judge.
fn mandarin_read(native: &str, latin: &str) -> f64 {
    let read = embargo_names::mandarin_reading::similarity(native, latin);
    if read > 0.0
        && embargo_names::hangul::may_be_korean_name(native)
        && embargo_names::hangul::spelt_in_korean_syllables(latin, native.chars().count())
    {
        return 0.0;
    }
    read
}

/// Whether only a Mandarin reading of `native` begins with the first letter of `latin`, not
/// any spelling the Korean rules or the sounds give (`may_spell` lets such runs through for
/// the reading): the rules and the model are not asked.
fn only_read_in_mandarin(native: &str, latin: &str) -> bool {
    !embargo_names::hangul::may_begin(native, latin)
        && embargo_names::mandarin_reading::may_begin(native, latin)
}

/// The factor the model's similarity of `native` and `latin` is scaled by: halved when the
/// syllable counts disagree ([`embargo_names::hangul::syllables_agree`]), scaled down when the
/// Latin is much shorter than the native token's usual spelling (`expected` letters). Also
/// `bound::cross_script_if_alignable`'s and `memo`'s ceiling for the model.
fn discount(native: &str, latin: &str, expected: usize) -> f64 {
    let ratio = (latin.len() as f64 / expected.max(1) as f64).min(1.0);
    let mut most = if ratio < 0.6 { 0.4 + ratio } else { 1.0 };
    if !embargo_names::hangul::syllables_agree(native, latin) {
        most *= 0.5;
    }
    most
}

/// The most adjacent tokens one token is compared with written together: a name split in three
/// ("Plat Ono Vich" / "Platonovich") is a keying habit as much as one split in two.
pub const MAX_MERGED: usize = 3;

/// A merged pairing counts from this similarity, as a whole and piece by piece.
pub(crate) const MERGED_MIN: f64 = 0.8;

/// Whether `single` compared with the tokens of `run` written together (whose letters are
/// `run_letters`) may reach [`MERGED_MIN`] by [`text_similarity`]: a necessary condition, read
/// from the tokens' letter counts and outlines, never from their texts.
///
/// Below an exact match, that similarity reaches [`MERGED_MIN`] only (a) within
/// `max(0.4 · length, 1)` edits, where a shared skeleton lifts a spelling variant to 0.8 or more
/// (plain edits need fewer still: 1 − d(1 + 0.3(d − 1)) / length ≥ 0.8 means d ≤ 0.2 · length),
/// which the [`LetterBag`] distance bounds from below; (b) when the two differ only in repeated
/// letters, which needs the same letters; (c) for two "Mc" names, compared after the prefix; or
/// (d) as one Chinese name in pinyin and Wade–Giles, which needs initials that may agree, at
/// most 24 letters, and [`merge_may_romanise`].
pub(crate) fn merge_may_reach(single: &PToken, run: &[PToken], run_letters: &LetterBag) -> bool {
    let Some(distance) = single.letters.distance(run_letters) else {
        return true;
    };
    let (ls, lr) = (
        single.text.len(),
        run.iter().map(|y| y.text.len()).sum::<usize>(),
    );
    let within = (0.4 * ls.max(lr) as f64).max(1.0);
    if distance as f64 <= within || single.letters.same_letters(run_letters) {
        return true;
    }
    let first = &run[0];
    if single.outline.head == [b'm', b'c'] && first.outline.head == [b'm', b'c'] {
        return true;
    }
    ls.max(lr) <= 24
        && embargo_names::wade_giles::initials_may_agree(
            single.outline.head[0],
            first.outline.head[0],
        )
        && merge_may_romanise(single, run_letters)
}

/// Whether `single` and the tokens of a run written together (whose letters are `run_letters`)
/// may be one Chinese name in pinyin and Wade–Giles
/// ([`embargo_names::wade_giles::same_name`]): a necessary condition, exact for `false`, read
/// from what the tokens hold. One side must be pinyin and the other written in the letters
/// Wade–Giles uses, and no more pinyin: `single` pinyin and the run free of the letters
/// Wade–Giles never writes (b, d, j, q, x, z, v), or `single` the Wade–Giles side. Most pairs a
/// query's merged pairings meet pass the first letters and lengths and fail this, so it spares
/// them the costly segmentation.
pub(crate) fn merge_may_romanise(single: &PToken, run_letters: &LetterBag) -> bool {
    const NOT_WADE_GILES: &[u8] = b"bdjqxzv";
    (single.romanisation.pinyin && !run_letters.holds_any(NOT_WADE_GILES))
        || single.romanisation.wade_giles_side()
}

/// How well `single` reads as the tokens of `run` written together, judged piece by piece: the
/// best cut of `single` into one piece per token, each piece compared with its token, the
/// pieces' similarities averaged by length; 0 when some piece is below [`MERGED_MIN`].
/// The whole string's similarity alone lets a different syllable or word hide in the length of
/// the whole ("mohamedhusain" is 0.9 like "mohamed hassan", "dongwang" like "dong bang"); a
/// keying slip inside one part still leaves each piece close to its part. A piece matched only
/// by a one-consonant skeleton does not count.
pub(crate) fn piecewise_similarity(single: &str, run: &[PToken]) -> f64 {
    let chars: Vec<char> = single.chars().collect();
    if chars.len() < run.len() {
        return 0.0;
    }
    let mut best = 0.0f64;
    let mut cuts = vec![0usize; run.len() + 1];
    cuts[run.len()] = chars.len();
    piecewise_cuts(&chars, run, 1, &mut cuts, &mut best);
    best
}

/// Whether `piece` is `part` with one or two letters more at one end: the connective an
/// analysed compound leaves out ("abdullah" cut as "abd" + "ullah" against "abd" + "lah").
fn elided_connective(piece: &str, part: &str) -> bool {
    part.len() >= 3
        && piece.len() > part.len()
        && piece.len() <= part.len() + 2
        && (piece.ends_with(part) || piece.starts_with(part))
}

/// Try every position of cut `k` (and the cuts after it), keeping the best average in `best`.
fn piecewise_cuts(chars: &[char], run: &[PToken], k: usize, cuts: &mut [usize], best: &mut f64) {
    if k == run.len() {
        let mut sum = 0.0;
        for (i, part) in run.iter().enumerate() {
            let piece: String = chars[cuts[i]..cuts[i + 1]].iter().collect();
            let (mut sim, kind) =
                text_similarity(&piece, &part.text, &skeleton(&piece), &part.skeleton);
            if kind == MatchKind::Phonetic && part.skeleton.len() < 2 {
                // A skeleton of one consonant is no evidence in a piece ("shi" / "sai").
                sim = text_similarity(&piece, &part.text, "", "").0;
            }
            if sim < MERGED_MIN && elided_connective(&piece, &part.text) {
                sim = MERGED_MIN;
            }
            if sim < MERGED_MIN {
                return;
            }
            sum += sim * (cuts[i + 1] - cuts[i]) as f64;
        }
        *best = best.max(sum / chars.len().max(1) as f64);
        return;
    }
    // Each piece holds at least one character.
    for cut in cuts[k - 1] + 1..=chars.len() - (run.len() - k) {
        cuts[k] = cut;
        piecewise_cuts(chars, run, k + 1, cuts, best);
    }
}

/// The cheap filter of a merged pairing: the single token `single` starts like the first part
/// `first` of the run, or one of them has a leading vowel the other elides ("'Ndrangheta" /
/// "Andrang Heta": the apostrophe marks an elided "a", and normalisation drops it), or one is
/// pinyin and the two may begin with one syllable in pinyin and Wade–Giles ("jinping" / "chin
/// ping", see [`embargo_names::wade_giles`]).
pub(crate) fn merge_may_start(single: &PToken, first: &PToken) -> bool {
    // The tokens' outlines, not their texts: this runs for every pair of tokens the bound meets.
    let ([x, x2], [y, y2]) = (single.outline.head, first.outline.head);
    if x == 0 || y == 0 {
        return false;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    if x == y || (vowel(y) && y2 != 0 && x == y2) || (vowel(x) && x2 != 0 && x2 == y) {
        return true;
    }
    // Pinyin against Wade–Giles ("jinping" / "chin ping", "zedong" / "tse tung").
    let (s, f) = (single.romanisation, first.romanisation);
    ((f.wade_giles_letters && s.pinyin) || (s.wade_giles_letters && f.pinyin))
        && embargo_names::wade_giles::initials_may_agree(x, y)
}

/// Whether `t` is a particle of filiation, "son of" or "daughter of" (bin, ibn, ben, bint,
/// ould, wald), whatever script it was written in.
fn filiation(t: &PToken) -> bool {
    t.role == TokenRole::Particle
        && matches!(
            embargo_names::particle::canonical_particle(&t.text),
            "bin" | "bint" | "ould" | "wald"
        )
}

/// For each token of a name, its place around filiation particles: bit 1 when it is the word
/// right before one (the person, or a father named by his own father), bit 2 when it is the
/// word right after one (the father).
fn filiation_sides(tokens: &[PToken]) -> Vec<u8> {
    let mut sides = vec![0u8; tokens.len()];
    for (k, t) in tokens.iter().enumerate() {
        if !filiation(t) {
            continue;
        }
        if let Some(i) = (0..k).rev().find(|&i| tokens[i].role == TokenRole::Word) {
            sides[i] |= 1;
        }
        if let Some(j) = (k + 1..tokens.len()).find(|&j| tokens[j].role == TokenRole::Word) {
            sides[j] |= 2;
        }
    }
    sides
}

/// Drop the pairings that cross a filiation particle: in "Salman bin Muhammad" / "Muhammad bin
/// Salman" the order around "bin" is the relation, son of, so a son aligned with a father is
/// another person however equal the words. Words free of the particles keep their free order
/// ("Al-Rawi Salman bin Muhammad"), and a word that is both a son and a father in a chain
/// ("A bin B bin C") agrees with either place. The dropped pairings' tokens stay unaligned, a
/// conflict; dropping only lowers a score, so `bound.rs` stays an upper bound.
fn uncross_filiation(q: &[PToken], c: &[PToken], pairs: &mut Vec<AlignedPair>) {
    if !q.iter().any(filiation) || !c.iter().any(filiation) {
        return;
    }
    let (sq, sc) = (filiation_sides(q), filiation_sides(c));
    pairs.retain(|p| {
        let a = p.q.clone().fold(0u8, |m, i| m | sq[i]);
        let b = p.c.clone().fold(0u8, |m, j| m | sc[j]);
        a == 0 || b == 0 || a & b != 0
    });
}

fn merged_candidates(a: &[PToken], b: &[PToken], a_is_query: bool, out: &mut Vec<AlignedPair>) {
    // Whether `b` is a Chinese name (see `han_run_spelt`), looked up once.
    let mut han_name: Option<bool> = None;
    // One token of `a` against two or three adjacent tokens of `b`.
    for (i, t) in a.iter().enumerate() {
        if !mergeable(t) || t.text.len() < 4 || native_unit(t) {
            continue;
        }
        for j in 0..b.len().saturating_sub(1) {
            let x = &b[j];
            if !mergeable(x) || native_unit(x) {
                continue;
            }
            // Cheap filter: the merged token must start like the first part.
            if !merge_may_start(t, x) {
                continue;
            }
            let mut joined = x.text.clone();
            let mut letters = x.letters;
            for end in j + 2..=(j + MAX_MERGED).min(b.len()) {
                let y = &b[end - 1];
                if !mergeable(y) || native_unit(y) {
                    break;
                }
                joined.push_str(&y.text);
                letters.add(&y.letters);
                if !merge_may_reach(t, &b[j..end], &letters) {
                    continue;
                }
                let (whole, _) = text_similarity_lazy(
                    &t.text,
                    &joined,
                    &t.skeleton,
                    || skeleton(&joined).into(),
                    merge_may_romanise(t, &letters),
                );
                if whole < MERGED_MIN {
                    continue;
                }
                // Syllables spelt from one native token (金正恩 → jin zheng en) are readings,
                // not written parts: only the whole is compared; so are pinyin and Wade–Giles
                // spellings of one name, compared syllable by syllable as a whole ("jingguo" /
                // "ching kuo", where "kuo" alone is also pinyin and no spelling of "guo").
                let sim = if t.split
                    || b[j..end].iter().any(|y| y.split)
                    || crate::token_similarity::romanisation_variant(&t.text, &joined)
                {
                    whole
                } else {
                    whole.min(piecewise_similarity(&t.text, &b[j..end]))
                };
                if sim >= MERGED_MIN
                    && !han_run_spelt(&t.text, &b[j..end], || {
                        *han_name
                            .get_or_insert_with(|| crate::family_name::family_name_of(b).is_some())
                    })
                {
                    continue;
                }
                if sim >= MERGED_MIN {
                    let (q, c) = if a_is_query {
                        (i..i + 1, j..end)
                    } else {
                        (j..end, i..i + 1)
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
}

/// Whether a Latin word met as a run of Han tokens written together is spelt by them, one
/// reading per character in order ("hongmei" for 红梅, "huichen" for 惠珍). The whole-string
/// similarity lets one syllable differ, but each Han character is one syllable and a syllable
/// that is none of its readings is another name: "红梅 王" scored 0.92 on "WANG, Hongfei",
/// "桂英 王" 0.91 on "WANG, Guoying", "建 周" 0.75 on "LI, Jiangzhou" (the same rule as
/// `token_similarity::han_similarity` for one syllable). Applies when the run is all Han and
/// its name is a Chinese name, with a family name of its own (`chinese_name`, the
/// [`crate::family_name::family_name_of`] of the run's side): a Han word alone is as often a
/// foreign name transcribed character by character (瑪莎 Martha, 羅根 Logan: the words_chinese
/// set), which no reading spells, so it keeps the whole-string similarity. Only ever removes a
/// merged pairing, so `crate::bound` stays an upper bound.
fn han_run_spelt(single: &str, run: &[PToken], chinese_name: impl FnOnce() -> bool) -> bool {
    use embargo_names::crossscript::chinese::{spells, spells_char};
    if !run.iter().all(|y| y.script == Script::Han) || !chinese_name() {
        return true;
    }
    let mut chars = String::new();
    for y in run {
        if y.split {
            // The syllable's character: the one of the word that its text is a reading of.
            match y.original.chars().find(|&ch| spells_char(ch, &y.text)) {
                Some(ch) => chars.push(ch),
                None => return false,
            }
        } else {
            chars.push_str(&y.original);
        }
    }
    spells(&chars, single)
}

/// Similarity of an acronym and the words it abbreviates ("PLA" / "People's Liberation Army"):
/// enough to align them, less than the words written out, since short acronyms collide.
pub const ACRONYM_SIMILARITY: f64 = 0.8;

/// Whether `t` could be an organisation's acronym: a word of two to six letters.
fn acronym_like(t: &PToken) -> bool {
    t.role == TokenRole::Word
        && t.script == Script::Latin
        && (2..=6).contains(&t.text.len())
        && t.text.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Pairings of an acronym token of `a` with the run of words of `b` whose initials spell it,
/// as (acronym index, run of `b`). Only organisation names use acronyms this way; a person's
/// initials are single letters, matched as [`TokenRole::Initial`].
pub fn acronym_runs(a: &[PToken], b: &[PToken]) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    for (i, t) in a.iter().enumerate() {
        if !acronym_like(t) {
            continue;
        }
        let n = t.text.len();
        if b.len() < n {
            continue;
        }
        for j in 0..=b.len() - n {
            let run = &b[j..j + n];
            let spells = run.iter().zip(t.text.bytes()).all(|(w, letter)| {
                matches!(w.role, TokenRole::Word | TokenRole::Particle)
                    && w.script == Script::Latin
                    && w.text.len() > 1
                    && w.text.as_bytes()[0] == letter
            });
            if spells {
                out.push((i, j..j + n));
            }
        }
    }
    out
}

fn acronym_candidates(a: &[PToken], b: &[PToken], a_is_query: bool, out: &mut Vec<AlignedPair>) {
    for (i, run) in acronym_runs(a, b) {
        let (q, c) = if a_is_query {
            (i..i + 1, run)
        } else {
            (run, i..i + 1)
        };
        out.push(AlignedPair {
            q,
            c,
            similarity: ACRONYM_SIMILARITY,
            kind: MatchKind::Acronym,
        });
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

/// Whether `p` pairs one token with one token.
fn single(p: &AlignedPair) -> bool {
    p.q.len() == 1 && p.c.len() == 1
}

/// Improve a greedy alignment where taking the best pairing first left a token on each side
/// that could both have been aligned: a pair A–B and unaligned tokens x (query side) and y
/// (listed side) with candidate pairings A–y and x–B become those two pairs. In "Michele
/// Nichaela" / "Michaela Michelle Micheli", "michele" took "michaela" (0.9), leaving "nichaela"
/// with no partner, though "michele"–"michelle" and "nichaela"–"michaela" both align. Greedy
/// picks by similarity alone; two pairings of the same tokens plus one more always agree on
/// more, so the exchange is taken whenever both pairings exist. Single-token pairings only
/// (merges and whole-token native pairings keep the greedy choice).
fn augment(
    cands: &[AlignedPair],
    pairs: &mut Vec<AlignedPair>,
    used_q: &mut [bool],
    used_c: &mut [bool],
) {
    if !used_q.contains(&false) || !used_c.contains(&false) {
        return;
    }
    let mut added = Vec::new();
    let find = |i: usize, j: usize| {
        cands
            .iter()
            .find(|p| single(p) && p.q.start == i && p.c.start == j)
    };
    for p in pairs.iter_mut() {
        if !single(p) {
            continue;
        }
        let (a, b) = (p.q.start, p.c.start);
        let swap = (0..used_q.len()).filter(|&x| !used_q[x]).find_map(|x| {
            let xb = find(x, b)?;
            (0..used_c.len())
                .filter(|&y| !used_c[y])
                .find_map(|y| find(a, y))
                .map(|ay| (xb.clone(), ay.clone()))
        });
        if let Some((xb, ay)) = swap {
            used_q[xb.q.start] = true;
            used_c[ay.c.start] = true;
            *p = ay;
            added.push(xb);
        }
    }
    pairs.extend(added);
}

/// Align query tokens to candidate tokens.
pub fn align(q: &[PToken], c: &[PToken], organisation: bool) -> Alignment {
    align_with(q, c, organisation, &mut |qt, ct| token_similarity(qt, ct))
}

/// [`align`] with a caller-supplied token similarity (the index passes a memoised one: the same
/// query token meets the same listed token in many entities).
/// `organisation`: the names are organisation names, where an acronym may stand for words.
pub fn align_with(
    q: &[PToken],
    c: &[PToken],
    organisation: bool,
    sim_of: &mut dyn FnMut(&PToken, &PToken) -> (f64, MatchKind),
) -> Alignment {
    let mut cands: Vec<AlignedPair> = Vec::with_capacity(q.len() * c.len());
    for (i, qt) in q.iter().enumerate() {
        for (j, ct) in c.iter().enumerate() {
            if native_vs_latin(qt, ct) {
                continue;
            }
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
    native_candidates(q, c, true, &mut cands);
    native_candidates(c, q, false, &mut cands);
    let (mut pairs, mut used_q, mut used_c) = greedy(q, c, &mut cands);
    // Merged tokens are looked for only when single pairings leave tokens on both sides.
    if used_q.contains(&false) && used_c.contains(&false) && (q.len() > 1 || c.len() > 1) {
        let before = cands.len();
        merged_candidates(q, c, true, &mut cands);
        merged_candidates(c, q, false, &mut cands);
        if organisation {
            acronym_candidates(q, c, true, &mut cands);
            acronym_candidates(c, q, false, &mut cands);
        }
        if cands.len() > before {
            (pairs, used_q, used_c) = greedy(q, c, &mut cands);
        }
    }
    augment(&cands, &mut pairs, &mut used_q, &mut used_c);
    let before = pairs.len();
    uncross_filiation(q, c, &mut pairs);
    if pairs.len() < before {
        used_q.fill(false);
        used_c.fill(false);
        for p in &pairs {
            p.q.clone().for_each(|i| used_q[i] = true);
            p.c.clone().for_each(|j| used_c[j] = true);
        }
    }
    Alignment {
        pairs,
        unmatched_q: (0..q.len()).filter(|&i| !used_q[i]).collect(),
        unmatched_c: (0..c.len()).filter(|&j| !used_c[j]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first letters worked out once per character answer as `may_spell` and
    /// `may_continue` do, for Hangul syllables of every initial consonant (with and without
    /// Mandarin readings) and for words whose written or compared form begins with a letter of
    /// either case, a digit, punctuation or a letter outside ASCII.
    #[test]
    fn spell_starts_answer_as_may_spell() {
        let words = crate::prepared::person(
            "Abe bin Ibn Chong ZHANG xi Hsu Mc-Gee O'Neil 3rd Quan vu Wong Yi Ng Rhee Lee ßeta Émile \
             ürgen Fu Gang Dong Kim Park Jong Un Seo Tae",
        )
        .tokens;
        assert!(words.len() >= 30, "{}", words.len());
        let syllables: Vec<char> = (0..19u32)
            .flat_map(|initial| [0u32, 7, 20].map(move |v| 0xAC00 + initial * 588 + v * 28))
            .chain([0xAC00 + 4, 0xD7A3])
            .filter_map(char::from_u32)
            .chain("김정은박성진이李x".chars())
            .collect();
        let mut checked = 0;
        for &first in &syllables {
            let start = SpellStart::of(first);
            for rest in ["", "은", "정은", "x"] {
                let native = format!("{first}{rest}");
                for w in &words {
                    assert_eq!(
                        start.may_spell(w),
                        may_spell(&native, w),
                        "{native} / {}",
                        w.text
                    );
                    assert_eq!(
                        may_continue_from(&native, w, SpellStart::of),
                        may_continue(&native, w),
                        "{native} / {}",
                        w.text
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 5_000, "{checked}");
    }

    /// Pieces of names that merged pairings join, each in two spellings: pinyin and Wade–Giles
    /// syllables of one name, Arabic and Korean name parts, a "Mc" prefix, letters that repeat.
    const PIECES: &[(&str, &str)] = &[
        ("xi", "hsi"),
        ("jin", "chin"),
        ("ping", "ping"),
        ("zhang", "chang"),
        ("ze", "tse"),
        ("dong", "tung"),
        ("guo", "kuo"),
        ("jing", "ching"),
        ("mao", "mao"),
        ("zhou", "chou"),
        ("en", "en"),
        ("lai", "lai"),
        ("abu", "abou"),
        ("bakr", "bakar"),
        ("abd", "abdul"),
        ("allah", "ullah"),
        ("mo", "mu"),
        ("ham", "hamm"),
        ("med", "mad"),
        ("mc", "mac"),
        ("donald", "donnell"),
        ("kim", "gim"),
        ("jong", "chong"),
        ("un", "eun"),
        ("plat", "plat"),
        ("ono", "onno"),
        ("vich", "vitch"),
    ];

    /// What the property below checks: whenever a word read against the run of words written
    /// together reaches [`MERGED_MIN`], [`merge_may_reach`] let it through, and whenever the two
    /// are one name in pinyin and Wade–Giles, [`merge_may_romanise`] did.
    fn filters_pass_what_reaches(
        single: &str,
        run: &[String],
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let t = &crate::prepared::person(single).tokens[0];
        let b = crate::prepared::person(&run.join(" ")).tokens;
        if b.len() != run.len() {
            return Ok(());
        }
        let mut letters = b[0].letters;
        let mut joined = b[0].text.clone();
        for y in &b[1..] {
            letters.add(&y.letters);
            joined.push_str(&y.text);
        }
        let (sim, _) = text_similarity(
            &t.text,
            &joined,
            &t.skeleton,
            &embargo_names::skeleton::skeleton(&joined),
        );
        if sim >= MERGED_MIN {
            proptest::prop_assert!(
                merge_may_reach(t, &b, &letters),
                "{} / {joined}: {sim}",
                t.text
            );
        }
        if crate::token_similarity::romanisation_variant(&t.text, &joined) {
            proptest::prop_assert!(merge_may_romanise(t, &letters), "{} / {joined}", t.text);
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn merge_filters_pass_every_pairing_that_reaches_the_line(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 2..=3),
            sides in proptest::collection::vec(proptest::bool::ANY, 3),
            slip in 0usize..24,
        ) {
            // The single word spells the run's pieces each in one of its spellings, and the run
            // in either; one letter of the word slips in one case of three.
            let mut word: String = pieces
                .iter()
                .zip(&sides)
                .map(|(&(a, b), &first)| if first { a } else { b })
                .collect();
            if slip < 8 {
                let at = slip % word.len();
                word.replace_range(at..=at, "e");
            }
            let swap = slip % 2 == 0;
            let run: Vec<String> = pieces
                .iter()
                .map(|&(a, b)| if swap { b } else { a }.to_string())
                .collect();
            filters_pass_what_reaches(&word, &run)?;
        }
    }
}
