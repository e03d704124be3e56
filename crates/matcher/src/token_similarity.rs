//! How similar two name tokens are, and how they matched.
//!
//! Written here, over `rapidfuzz` primitives, because this is the matcher's own knowledge: which
//! differences between two spellings are typos or transliteration variants and which make another
//! name. An initial matches the word it abbreviates; numbers must agree exactly; a shared phonetic
//! skeleton lifts a spelling variant; tokens in another script are compared in Latin form.

use crate::prepared::PToken;
use embargo_names::{Script, TokenRole};
use rapidfuzz::distance::osa;
use serde::Serialize;
use std::borrow::Cow;

/// How two tokens were found to match; shown to reviewers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Exact,
    /// Same phonetic skeleton (a transliteration or spelling variant).
    Phonetic,
    /// Edit distance (typos).
    Fuzzy,
    /// An initial and the word it abbreviates.
    Initial,
    /// One token against two merged ("jongun" vs "jong un").
    Merged,
    /// Compared across scripts.
    CrossScript,
    /// Same canonical legal form.
    LegalForm,
    /// An acronym and the words it abbreviates.
    Acronym,
    /// A given name and its nickname ("Ted" / "Theodore"), from the nickname table.
    Nickname,
    /// One given name in two languages ("John" / "Juan"), from the cognate table.
    Cognate,
}

/// Similarity of a given name and its nickname: a sign, but weaker than a spelling variant,
/// since a nickname stands for several names ("Ted" is also Edward's) and the table relates
/// names across languages (Michael / Miguel, John / Ivan). Tuned on the evaluation: at 0.8
/// "Michael Oliver" alerted on "RODRIGUEZ OLIVERA, Miguel" and name-only false alerts of the
/// negatives rose by 9; at 0.65 "Ted Doe" / "Theodore Doe" scores 0.81 and one more alerts.
const NICKNAME_SIMILARITY: f64 = 0.65;

/// Similarity of two forms of one given name in two languages ("John" / "Juan", "Pyotr" /
/// "Peter", [`embargo_names::cognate`]): a sign as weak as a nickname's, since the table
/// relates a name's forms across many languages and a given name is shared by many people.
/// Tuned on the evaluation: at 0.8 "John Doe" / "Juan Doe" scores 0.89, but "John Reyes"
/// alerted on "MEJIA GONZALEZ, Juan Reyes" and "Michael Ramirez" on "DOMINGUEZ RAMIREZ, Jose
/// Miguel" (US negatives against OFAC, name only, +3 alerts); at 0.7 one still did; at 0.65
/// none, and "John Doe" / "Juan Doe" scores 0.8.
pub const COGNATE_SIMILARITY: f64 = 0.65;

/// Similarity in [0, 1] of two Latin comparison strings: edit distance, lifted by a shared
/// phonetic skeleton.
pub fn text_similarity(a: &str, b: &str, skel_a: &str, skel_b: &str) -> (f64, MatchKind) {
    text_similarity_if(a, b, skel_a, skel_b, true)
}

/// Whether two texts of `la` and `lb` characters are too far apart in length for the edit
/// distance to make them alike (more than 45 % of the longer): [`text_similarity_if`] skips
/// the distance then, and the filters that must agree with it (`surely_unrelated`, the
/// bound's merged pairings) ask the same.
pub(crate) fn lengths_too_far(la: usize, lb: usize) -> bool {
    (la.abs_diff(lb) as f64) > 0.45 * la.max(lb) as f64
}

/// The similarity of two texts `dist` edits apart, the longer of `max` characters, before any
/// lift. Each further edit costs more than the one before: one typo in a long name is a typo,
/// three edits make another name (Lukashevich / Lukashenko, Castillo / Castro). Short tokens:
/// one edit in three letters is another name more often than a typo. It falls as `dist`
/// grows, so at a lower bound of the distance it is an upper bound (`surely_unrelated`).
fn edit_similarity(dist: f64, max: f64) -> f64 {
    let mut sim = 1.0 - dist * (1.0 + 0.3 * (dist - 1.0).max(0.0)) / max;
    if max <= 3.0 && dist >= 1.0 {
        sim -= 0.15;
    }
    sim
}

/// [`text_similarity`] where `may_romanise` false says the two cannot be one Chinese name in
/// pinyin and Wade–Giles ([`embargo_names::wade_giles::Romanisation::may_be_one_name`] of tokens prepared once), which
/// spares the costly check.
pub(crate) fn text_similarity_if(
    a: &str,
    b: &str,
    skel_a: &str,
    skel_b: &str,
    may_romanise: bool,
) -> (f64, MatchKind) {
    text_similarity_lazy(a, b, skel_a, || Cow::Borrowed(skel_b), may_romanise)
}

/// [`text_similarity_if`] with `b`'s skeleton made by `skel_b` only when it can change the
/// result: the merged pairings compare a token with runs of words written together, whose
/// skeletons no one made in advance, and most of those pairings are decided by their edit
/// distance alone (making the skeleton, a new string each time, cost as much as the rest).
pub(crate) fn text_similarity_lazy<'s>(
    a: &str,
    b: &str,
    skel_a: &str,
    skel_b: impl FnOnce() -> Cow<'s, str>,
    may_romanise: bool,
) -> (f64, MatchKind) {
    if a == b {
        return (1.0, MatchKind::Exact);
    }
    // Two "Mc" surnames are as alike as what follows the "Mc" ([`embargo_names::gaelic_prefix`]).
    if let Some((ra, rb)) = embargo_names::gaelic_prefix::after_shared_mc(a, b) {
        use embargo_names::skeleton::skeleton;
        return text_similarity(ra, rb, &skeleton(ra), &skeleton(rb));
    }
    let ascii = a.is_ascii() && b.is_ascii();
    let (la, lb) = if ascii {
        (a.len(), b.len())
    } else {
        (a.chars().count(), b.chars().count())
    };
    let max = la.max(lb) as f64;
    // Whether the skeletons agree, worked out on first ask (making `b`'s at most once).
    let (mut skel_b, mut agree) = (Some(skel_b), None);
    let mut skel_equal = || {
        *agree.get_or_insert_with(|| {
            !skel_a.is_empty()
                && la.min(lb) >= 2
                && skel_b.take().is_some_and(|skel_b| skel_a == skel_b())
        })
    };
    // Lengths too far apart for any alignment, unless the skeletons agree: skip the edit distance.
    if lengths_too_far(la, lb) && !skel_equal() {
        if may_romanise && ascii && romanisation_variant(a, b) {
            return (ROMANISATION_SIMILARITY, MatchKind::Phonetic);
        }
        return (0.0, MatchKind::Fuzzy);
    }
    let dist = if ascii {
        crate::edit_distance::osa_ascii(a.as_bytes(), b.as_bytes()) as f64
    } else {
        osa::distance(a.chars(), b.chars()) as f64
    };
    let mut sim = edit_similarity(dist, max);
    let mut kind = MatchKind::Fuzzy;
    // A shared skeleton lifts a spelling variant (Mohammed / Muhammad, Jong / Chong), but only
    // when the spellings are not far apart: vowel-less skeletons of short syllables collide
    // (jian / cheng, mei / mao, lloyd / lady). Two consonants ("jn") is a weak sign.
    if dist <= (0.4 * max).max(1.0) && skel_equal() {
        let phon = if la.min(lb) <= 4 || skel_a.len() <= 2 {
            0.8
        } else {
            0.9
        };
        if phon > sim {
            sim = phon;
            kind = MatchKind::Phonetic;
        }
    } else if dist >= 2.0 && (has_repeat(a) || has_repeat(b)) && collapsed(a).eq(collapsed(b)) {
        // Repeated letters ("Joonng", "Hanniball"): a keying slip, not another name.
        sim = sim.max(0.88);
    }
    if sim < ROMANISATION_SIMILARITY && may_romanise && ascii && romanisation_variant(a, b) {
        return (ROMANISATION_SIMILARITY, MatchKind::Phonetic);
    }
    (sim.max(0.0), kind)
}

/// Whether [`token_similarity`] of two Latin words is surely at most
/// [`crate::score::NEAR_MISS_FLOOR`], read from the tokens' lengths, letter counts, skeleton
/// hashes and table flags alone, never from their texts. Below that floor a similarity is
/// never aligned, earns no near-miss credit and caps no conflict, so search may take it as 0.
///
/// A query meets thousands of listed tokens it shares nothing with (the other words of every
/// name that one of its words retrieved) and prices each against every query token; the full
/// similarity reads both texts and skeletons and runs an edit distance and the name tables,
/// to find most of those pairs unrelated. This mirrors each way [`token_similarity`] can rise
/// above the floor for two Latin words, and says "surely" only when none can:
/// - one text both sides ("Mc" names, compared after the prefix), a shared skeleton (the
///   hashes differ when the skeletons do), a pinyin / Wade–Giles pair
///   ([`Romanisation::may_be_one_name`](embargo_names::wade_giles::Romanisation::may_be_one_name)
///   with initials that may agree, as [`romanisation_variant`] asks),
///   repeated letters collapsed (which needs the same letters), or two names of the cognate or
///   nickname tables: none of these may apply;
/// - otherwise the similarity falls with the edit distance, which the difference of the
///   [`LetterBag`](crate::letter_bag::LetterBag)s bounds from below, so the similarity at that
///   lower bound is an upper bound of the similarity.
///
/// The rules that give a pair of known names or gender forms [`ANOTHER_NAME`] apply only above
/// the floor. `tests/pruning.rs` checks that search, which uses this, returns what scoring with
/// the full similarity returns.
pub(crate) fn surely_unrelated(q: &PToken, c: &PToken) -> bool {
    if q.script != Script::Latin
        || c.script != Script::Latin
        || q.role != TokenRole::Word
        || c.role != TokenRole::Word
        || (q.in_name_tables && c.in_name_tables)
        || (q.outline.head == [b'm', b'c'] && c.outline.head == [b'm', b'c'])
        || (q.romanisation.may_be_one_name(c.romanisation)
            && embargo_names::wade_giles::initials_may_agree(q.outline.head[0], c.outline.head[0]))
        || (q.skeleton_hash == c.skeleton_hash)
        || q.letters.same_letters(&c.letters)
    {
        return false;
    }
    let Some(d) = q.letters.distance(&c.letters) else {
        return false;
    };
    let (la, lb) = (q.text.len(), c.text.len());
    // Too far apart in length for an edit distance: 0, the skeleton and romanisation being
    // ruled out above.
    lengths_too_far(la, lb)
        || edit_similarity(d as f64, la.max(lb) as f64) <= crate::score::NEAR_MISS_FLOOR
}

/// Similarity of one Chinese name spelt in pinyin and in Wade–Giles ("Xi" / "Hsi", "Jinping" /
/// "Chinping"): a systematic spelling variant, like a shared skeleton of a long word.
pub const ROMANISATION_SIMILARITY: f64 = 0.9;

/// Whether two ASCII comparison strings are one Chinese name in pinyin and Wade–Giles
/// ([`embargo_names::wade_giles::same_name`]), after a cheap filter on the first letters.
pub(crate) fn romanisation_variant(a: &str, b: &str) -> bool {
    use embargo_names::wade_giles::{initials_may_agree, same_name};
    match (a.as_bytes().first(), b.as_bytes().first()) {
        (Some(&x), Some(&y)) => {
            a.len().max(b.len()) <= 24 && initials_may_agree(x, y) && same_name(a, b)
        }
        _ => false,
    }
}

fn has_repeat(s: &str) -> bool {
    s.as_bytes().windows(2).any(|w| w[0] == w[1])
}

/// The characters of `s` with runs of one character collapsed to one ("joonng" → j o n g),
/// compared lazily: this runs for many token pairs of every query.
fn collapsed(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = None;
    s.chars().filter(move |&c| {
        let new = Some(c) != last;
        last = Some(c);
        new
    })
}

/// Similarity of two tokens, with how they matched. Roles that must agree exactly (numbers,
/// legal forms) do, and two known given names that differ are no spelling of each other
/// ([`ANOTHER_NAME`]).
pub fn token_similarity(q: &PToken, c: &PToken) -> (f64, MatchKind) {
    let (sim, kind) = similarity(q, c);
    if sim > ANOTHER_NAME && (another_known_name(q, c) || other_gender_form(q, c)) {
        return (ANOTHER_NAME, kind);
    }
    (sim, kind)
}

/// Whether two Latin words are the masculine and feminine forms of one name: the same word
/// but for a final *-o* / *-a* (Antonio / Antonia, Mario / Maria) or a final *-a* added to a
/// consonant (Luis / Luisa, Juan / Juana, Manuel / Manuela). They are
/// different given names, of different people, though one letter apart or sharing a
/// skeleton: "Martina Garcia" scored 0.82 on "GARCIA CORRALES, Martin", "Antonia Rodriguez"
/// 0.74 on "RODRIGUEZ ESPINOZA, Mario Antonio". Slavic surnames in -ov / -ev / -sky (Ivanov /
/// Ivanova) are one family name in its two genders and are left alone, and so are words in
/// -in / -yn: Russian surnames (Putin / Putina, Kuzmin / Kuzmina, Ilyin / Ilyina) cannot be told
/// from given names there (Martin / Martina), and a missed listed surname costs more than a
/// false alert on a given name.
fn other_gender_form(q: &PToken, c: &PToken) -> bool {
    if q.script != Script::Latin
        || c.script != Script::Latin
        || q.role != TokenRole::Word
        || c.role != TokenRole::Word
    {
        return false;
    }
    gender_forms(&q.text, &c.text) || gender_forms(&c.text, &q.text)
}

/// [`other_gender_form`] with `a` the masculine candidate and `b` the feminine one.
fn gender_forms(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let vowel = |x: u8| matches!(x, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    if a.len() < 3 || !a.iter().all(u8::is_ascii_lowercase) || b.last() != Some(&b'a') {
        return false;
    }
    if a.len() == b.len() {
        // Antonio / Antonia.
        return a.len() >= 4 && a.last() == Some(&b'o') && a[..a.len() - 1] == b[..b.len() - 1];
    }
    // Luis / Luisa, not Ivanov / Ivanova or Kowalski / Kowalska (same length above).
    b.len() == a.len() + 1
        && &b[..a.len()] == a
        && !vowel(a[a.len() - 1])
        && a[a.len() - 1] != b'h'
        && !a.ends_with(b"ov")
        && !a.ends_with(b"ev")
        && !a.ends_with(b"sk")
        && !a.ends_with(b"in")
        && !a.ends_with(b"yn")
}

/// The similarity of two known given names that are different names
/// ([`embargo_names::given_name`]: محمد Muhammad / Mahmud, Hamid / Ahmad, مریم Maryam / Rim):
/// no more than unrelated words, [`crate::score::NEAR_MISS_FLOOR`], so they neither align nor
/// ease a conflict as a near miss. Only ever lowers a similarity, so `crate::bound` stays an
/// upper bound.
pub const ANOTHER_NAME: f64 = crate::score::NEAR_MISS_FLOOR;

/// Whether two word tokens, each in Latin or Arabic script, spell two different known given
/// names.
fn another_known_name(q: &PToken, c: &PToken) -> bool {
    use embargo_names::given_name::{different_names, Spelling};
    fn spelling(t: &PToken) -> Option<Spelling<'_>> {
        if t.role != TokenRole::Word || t.split {
            return None;
        }
        match t.script {
            Script::Latin => Some(Spelling::Latin(&t.text)),
            Script::Arabic => Some(Spelling::Arabic(&t.original)),
            _ => None,
        }
    }
    match (spelling(q), spelling(c)) {
        (Some(a), Some(b)) => different_names(a, b),
        _ => false,
    }
}

/// The similarity of an initial and a word that begins with its letter.
pub const INITIAL: f64 = 0.9;

/// The similarity of an initial and a word written in Arabic or Hebrew script whose Latin
/// spelling begins with its letter. These scripts leave most vowels unwritten and spell one
/// sound many ways in Latin (عبد Abd / Abed, ع dropped or written as a vowel, ظ Z / Dh), so the
/// first letter of the Latin spelling is a guess, and the initial is weak evidence: "مخلص
/// الراشد" met "Raed M. Hijazi" through "M." (0.80). Still an alignment (above
/// [`crate::alignment::MIN_SIMILARITY`]), so "M." still stands for محمد. Only ever lowers a
/// similarity, so `crate::bound` stays an upper bound.
pub const ABJAD_INITIAL: f64 = 0.7;

/// [`INITIAL`], or [`ABJAD_INITIAL`] when `word` is written in Arabic or Hebrew script.
fn initial_similarity(word: &PToken) -> f64 {
    if matches!(word.script, Script::Arabic | Script::Hebrew) {
        ABJAD_INITIAL
    } else {
        INITIAL
    }
}

fn similarity(q: &PToken, c: &PToken) -> (f64, MatchKind) {
    match (q.role, c.role) {
        (TokenRole::Number, TokenRole::Number) => {
            return if q.text == c.text {
                (1.0, MatchKind::Exact)
            } else {
                (0.0, MatchKind::Exact)
            };
        }
        (TokenRole::Number, _) | (_, TokenRole::Number) => return (0.0, MatchKind::Exact),
        (TokenRole::LegalForm(a), TokenRole::LegalForm(b)) => {
            return if a == b {
                (1.0, MatchKind::LegalForm)
            } else {
                (0.5, MatchKind::LegalForm)
            };
        }
        (TokenRole::LegalForm(_), _) | (_, TokenRole::LegalForm(_)) => {
            return (0.0, MatchKind::LegalForm)
        }
        (TokenRole::Initial, TokenRole::Initial) => {
            return if q.text == c.text {
                (1.0, MatchKind::Exact)
            } else {
                (0.0, MatchKind::Initial)
            };
        }
        (TokenRole::Initial, _) => {
            return if c.text.starts_with(&q.text) {
                (initial_similarity(c), MatchKind::Initial)
            } else {
                (0.0, MatchKind::Initial)
            };
        }
        (_, TokenRole::Initial) => {
            return if q.text.starts_with(&c.text) {
                (initial_similarity(q), MatchKind::Initial)
            } else {
                (0.0, MatchKind::Initial)
            };
        }
        // A particle ("al", "bin", "de") is no spelling of a word that merely begins like it:
        // "Al Qasir" aligned its "al" with the given name of "QASIR, Ali" (0.94), and the Arabic
        // family particle آل did the same across scripts. It meets a word only as the same text
        // (a word the analysis read as a particle on one side only); merged forms ("al assad" /
        // "alassad") are judged as merges, not here. A word in a syllabic or other script may be
        // the particle itself, unrecognised there (반 for "van" in 빈센트 반 고흐).
        (TokenRole::Particle, TokenRole::Word) | (TokenRole::Word, TokenRole::Particle)
            if particle_against_latin_word(q, c) =>
        {
            // A word that is a particle's other spelling ("Ben" opening "Ben Ali", read as a
            // given name there, against the "bin" of "Zine El Abidine Ben Ali") is the particle.
            let word = if q.role == TokenRole::Word { q } else { c };
            let particle = if q.role == TokenRole::Word { c } else { q };
            return if q.text == c.text
                || embargo_names::particle::canonical_particle(&word.text) == particle.text
            {
                (1.0, MatchKind::Exact)
            } else {
                (0.0, MatchKind::Exact)
            };
        }
        _ => {}
    }
    if q.script == c.script && !matches!(q.script, Script::Latin | Script::Common) {
        // Same non-Latin script: compare as written. One Hangul or Han character is a syllable,
        // so 김종은 / 김정은 differ by a third of the name, not by one Latin letter.
        if q.original == c.original {
            return (1.0, MatchKind::Exact);
        }
        let (sim, kind) = text_similarity(&q.original, &c.original, "", "");
        let (lsim, _) = text_similarity(&q.text, &c.text, "", "");
        return (sim.min(lsim), kind);
    }
    if let Some((native, latin)) = han_and_latin(q, c) {
        return (han_similarity(native, latin), MatchKind::CrossScript);
    }
    if (q.script == Script::Hangul && c.script == Script::Latin)
        || (c.script == Script::Hangul && q.script == Script::Latin)
    {
        // A Hangul token's Latin text is one guess among its spellings; the learned model
        // weighs them all ("영환" is "younghwan", not "yongwon", though their skeletons agree).
        if q.text == c.text {
            return (1.0, MatchKind::CrossScript);
        }
        return (cross_script(q, c), MatchKind::CrossScript);
    }
    let (sim, kind) = text_similarity_if(
        &q.text,
        &c.text,
        &q.skeleton,
        &c.skeleton,
        q.romanisation.may_be_one_name(c.romanisation),
    );
    let latin_words = q.script == Script::Latin
        && c.script == Script::Latin
        && q.role == TokenRole::Word
        && c.role == TokenRole::Word;
    if sim < COGNATE_SIMILARITY
        && latin_words
        && embargo_names::cognate::same_name(&q.text, &c.text)
    {
        return (COGNATE_SIMILARITY, MatchKind::Cognate);
    }
    if sim < NICKNAME_SIMILARITY
        && latin_words
        && embargo_names::nickname::related(&q.text, &c.text)
    {
        return (NICKNAME_SIMILARITY, MatchKind::Nickname);
    }
    if q.script != c.script && (q.script != Script::Latin || c.script != Script::Latin) {
        // The learned model is costly. A query in another script always asks it; a Latin query
        // against a listed original-script name (which has Latin aliases beside it) asks only
        // when the romanised forms are not far apart.
        let near = q.script != Script::Latin
            || sim >= 0.3
            || q.skeleton.as_bytes().first() == c.skeleton.as_bytes().first()
            || q.text.as_bytes().first() == c.text.as_bytes().first();
        let cross = if near { cross_script(q, c) } else { 0.0 };
        // Vowels the Hebrew or Arabic word leaves unwritten are guesses, whichever way the
        // pair was compared ([`crate::unwritten_vowels`]).
        let (native, latin) = if c.script == Script::Latin {
            (q, c)
        } else {
            (c, q)
        };
        let guessed = |s: f64| {
            crate::unwritten_vowels::discounted(s, native.script, &native.original, &latin.text)
        };
        let (sim, cross) = (guessed(sim), guessed(cross));
        if arabic_ending_disagrees(q, c) {
            return (sim.max(cross).min(ENDING_DISAGREES), MatchKind::CrossScript);
        }
        if cross > sim {
            return (cross, MatchKind::CrossScript);
        }
        if sim >= 1.0 {
            return (sim, MatchKind::CrossScript);
        }
        // The text's own similarity, less its guessed vowels: an exact romanisation is no
        // exact match then.
        let kind = if sim < 1.0 && kind == MatchKind::Exact {
            MatchKind::CrossScript
        } else {
            kind
        };
        return (sim, kind);
    }
    (sim, kind)
}

/// Whether the word of a particle–word pair is a Latin word (see [`token_similarity`]).
fn particle_against_latin_word(q: &PToken, c: &PToken) -> bool {
    let word = if q.role == TokenRole::Word { q } else { c };
    word.script == Script::Latin
}

/// Cross-script similarity beyond the generic transliteration (learned model, when present).
fn cross_script(q: &PToken, c: &PToken) -> f64 {
    let (native, latin) = if q.script != Script::Latin && c.script == Script::Latin {
        (q, c)
    } else if c.script != Script::Latin && q.script == Script::Latin {
        (c, q)
    } else {
        return 0.0;
    };
    // A native token split into several Latin tokens (김정은 → kim jong un) is compared through
    // its Latin parts; the model compares whole tokens.
    if native.split {
        return 0.0;
    }
    // A Latin word beginning with a letter no spelling of the native word begins with (as
    // written or canonicalised: "Ibn" is compared as "bin") is no spelling of it: the model is
    // not asked.
    if matches!(
        native.script,
        Script::Arabic | Script::Cyrillic | Script::Hebrew
    ) {
        use embargo_names::first_letter::may_begin;
        if !may_begin(&native.original, &latin.text)
            && !may_begin(&native.original, &latin.original)
        {
            return 0.0;
        }
    }
    // The model explains a short Latin token too easily as a spelling of a longer native one
    // (صائب vs "se"): scaled by how much of the native token's usual spelling the Latin covers.
    let model =
        crate::alignment::cross_script_similarity(&native.original, &latin.text, native.text.len());
    abjad_corroborated(native, latin, model)
}

/// The learned model's score of an Arabic or Hebrew token, kept when the consonants agree and
/// discounted when they do not. These scripts leave out vowels, so the model may fill a token
/// with whatever vowels and short Latin syllables fit ("ضابطی" as "abu" 0.81, "رقيه" as "nik"
/// 0.91); but it writes the consonants, and true spellings keep them: on the words sets'
/// matching pairs the consonant skeletons of the rule transliteration and the Latin agree
/// within [`SKELETON_AGREEMENT`] in 96 % of pairs, and those that do not mostly score ≥ 0.9.
/// Without that agreement the score must be high to count: `2·model − 1` (1 stays 1, 0.9
/// becomes 0.8, 0.8 becomes 0.6).
fn abjad_corroborated(native: &PToken, latin: &PToken, model: f64) -> f64 {
    if !matches!(native.script, Script::Arabic | Script::Hebrew)
        || skeleton_agreement(&native.skeleton, &latin.skeleton) >= SKELETON_AGREEMENT
    {
        return model;
    }
    (2.0 * model - 1.0).max(0.0)
}

/// The most an Arabic-script token and a Latin one whose endings disagree (see
/// [`final_yeh_agrees`]) can score: below [`crate::alignment::MIN_SIMILARITY`], so they never
/// align.
const ENDING_DISAGREES: f64 = 0.5;
// Search takes such a pair as 0 (`memo::similarity`), which holds only below the line.
const _: () = assert!(ENDING_DISAGREES < crate::alignment::MIN_SIMILARITY);

/// Whether one token is in Arabic script, the other Latin, and their endings disagree.
pub(crate) fn arabic_ending_disagrees(q: &PToken, c: &PToken) -> bool {
    let (native, latin) = match (q.script, c.script) {
        (Script::Arabic, Script::Latin) => (q, c),
        (Script::Latin, Script::Arabic) => (c, q),
        _ => return false,
    };
    !native.split && !final_yeh_agrees(&native.original, &latin.text)
}

/// Whether an Arabic-script token and a Latin token agree on ending in the vowel *i*.
///
/// A final yeh (ي, Persian ی) is written, unlike short vowels: it ends a name in *-i*/*-y*
/// (علي Ali, مهدی Mahdi) and, above all, it is the *nisba* suffix that makes another name of
/// a name (محمدی Mohammadi, حسنی Hasani, عقیلی Aqili against Muhammad, Hasan, Akil). The
/// learned model discounts that one letter like any other, so Persian surnames alerted on
/// listed given names (حسین محمدی → HUSAYN, Muhammad 0.93). So: a native final yeh needs a
/// Latin ending in a vowel or *y* (Persian ی may also stand for a final *-a*: موسی Musa), and a
/// Latin *-i*/*-y* needs a native final yeh or alef maqsura (ى). On the matching pairs of the
/// words_arabic set (counts weighted) the first holds for 98 % of the native final yehs (the rest
/// are mostly Slavic -ý/-j), the second for 99.8 % of the Latin final i's.
fn final_yeh_agrees(native: &str, latin: &str) -> bool {
    // The Arabic letters (hamza to yeh, alef wasla to yeh barree) are alphabetic: answered
    // without the general Unicode table, which cost more than the rest of this test (it runs for
    // every Arabic-script word against every Latin word a query meets).
    let alphabetic = |c: char| {
        matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}') || c.is_alphabetic()
    };
    let Some(last) = native.chars().rev().find(|&c| alphabetic(c)) else {
        return true;
    };
    let Some(end) = latin.bytes().last() else {
        return true;
    };
    let latin_vowel = matches!(end, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let latin_i = matches!(end, b'i' | b'y');
    match last {
        'ي' | 'ی' => latin_vowel,
        'ى' => true,
        _ => !latin_i,
    }
}

/// Consonant skeletons at least this similar corroborate a cross-script model score.
const SKELETON_AGREEMENT: f64 = 0.6;

/// Similarity in [0, 1] of two consonant skeletons (1 − edit distance / longer length); the
/// native side is also tried without a leading "l" (the Arabic article written into the token,
/// "الراشد" → "lrashd").
fn skeleton_agreement(native: &str, latin: &str) -> f64 {
    let one = |n: &str| {
        let max = n.len().max(latin.len());
        if max == 0 {
            return 1.0;
        }
        1.0 - crate::edit_distance::osa_ascii(n.as_bytes(), latin.as_bytes()) as f64 / max as f64
    };
    let mut best = one(native);
    if let Some(rest) = native.strip_prefix('l').filter(|r| r.len() >= 2) {
        best = best.max(one(rest));
    }
    best
}

/// The Han token and the Latin token of a pair of one of each.
fn han_and_latin<'a>(q: &'a PToken, c: &'a PToken) -> Option<(&'a PToken, &'a PToken)> {
    match (q.script, c.script) {
        (Script::Han, Script::Latin) => Some((q, c)),
        (Script::Latin, Script::Han) => Some((c, q)),
        _ => None,
    }
}

/// Similarity of a Han token (a character, or one syllable spelt from a longer token: 承翰 →
/// cheng, han) and a Latin token: 1.0 when the Latin is one of the character's readings
/// (pinyin, Wade–Giles, the surname table's Cantonese and Korean spellings), else 0.0. A Han
/// character is one syllable: a Latin syllable that is none of its readings is another
/// syllable however close ("cheng" / "chang", "ming" / "min"), and a fuzzy match of one
/// syllable, or a reading the learned model proposes for one character (晨 "son", 黄 "nam"),
/// made Chinese names alert on Korean ones ("承翰 蘇" on HAN JANG SU, "明 晨 郭" on "Son Min").
fn han_similarity(native: &PToken, latin: &PToken) -> f64 {
    use embargo_names::crossscript::chinese::{spells, spells_char};
    if native.text == latin.text {
        return 1.0;
    }
    let spelt = if native.split {
        // The syllable's character: the one of the token that its text is a reading of.
        native
            .original
            .chars()
            .filter(|&ch| spells_char(ch, &native.text))
            .any(|ch| spells_char(ch, &latin.text))
    } else {
        spells(&native.original, &latin.text)
    };
    if spelt {
        1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<PToken> {
        crate::prepared::person(s).tokens
    }

    /// The first token of a person's name `s`.
    fn word(s: &str) -> PToken {
        tokens(s).remove(0)
    }

    #[test]
    fn unrelated_words_are_told_from_their_letters() {
        assert!(surely_unrelated(&word("Vladimir"), &word("Hassan")));
        assert!(surely_unrelated(&word("Putin"), &word("Gonzalez")));
        // "Karimi" can be pinyin and "Hassan" Wade–Giles, but not with these initials.
        assert!(surely_unrelated(&word("Hassan"), &word("Karimi")));
        // A typo, a shared skeleton, a cognate, a pinyin / Wade–Giles pair: not ruled out.
        for (a, b) in [
            ("Hassan", "Hasan"),
            ("Mohammed", "Muhammad"),
            ("John", "Juan"),
            ("Zhang", "Chang"),
            ("Xiaoping", "Hsiaoping"),
            ("McDonald", "McDowell"),
        ] {
            assert!(!surely_unrelated(&word(a), &word(b)), "{a} / {b}");
        }
    }

    /// What the properties below check: two words `surely_unrelated` calls unrelated are at
    /// most the near-miss floor apart by the full similarity.
    fn unrelated_below_the_floor(
        a: &str,
        b: &str,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let (a, b) = (word(a), word(b));
        if surely_unrelated(&a, &b) {
            let (sim, _) = token_similarity(&a, &b);
            proptest::prop_assert!(
                sim <= crate::score::NEAR_MISS_FLOOR,
                "{} / {}: {sim}",
                a.text,
                b.text
            );
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn surely_unrelated_words_are_below_the_near_miss_floor(
            a in "[a-z]{1,9}",
            b in "[a-z]{1,9}",
        ) {
            unrelated_below_the_floor(&a, &b)?;
        }

        #[test]
        fn surely_unrelated_names_are_below_the_near_miss_floor(
            a in proptest::sample::select(NAMES),
            b in proptest::sample::select(NAMES),
        ) {
            unrelated_below_the_floor(a, b)?;
        }
    }

    /// Given names and surnames that the tables, skeletons and romanisations relate in many
    /// ways, for the property above.
    const NAMES: &[&str] = &[
        "John",
        "Juan",
        "Jean",
        "Johann",
        "Ivan",
        "Ted",
        "Theodore",
        "Edward",
        "Mohammed",
        "Muhammad",
        "Mahmoud",
        "Ahmad",
        "Hamid",
        "Zhang",
        "Chang",
        "Xi",
        "Hsi",
        "Jinping",
        "Chinping",
        "Kim",
        "Jong",
        "Chong",
        "Un",
        "McDonald",
        "MacDonald",
        "McDowell",
        "Antonio",
        "Antonia",
        "Luis",
        "Luisa",
        "Ivanov",
        "Ivanova",
        "Hanniball",
        "Hannibal",
        "Joonng",
        "Mary",
        "Maria",
        "Miriam",
        "Peter",
        "Pyotr",
        "Pedro",
        "Lee",
        "Li",
        "Yi",
        "Rhee",
    ];

    #[test]
    fn an_initial_is_weaker_evidence_for_a_word_in_an_abjad() {
        let m = &tokens("M.")[0];
        assert_eq!(similarity(m, &tokens("Mukhlis")[0]).0, INITIAL);
        assert_eq!(similarity(&tokens("Mukhlis")[0], m).0, INITIAL);
        assert_eq!(similarity(m, &tokens("مخلص")[0]).0, ABJAD_INITIAL);
        assert_eq!(similarity(&tokens("מוחמד")[0], m).0, ABJAD_INITIAL);
        assert_eq!(similarity(&tokens("Михаил")[0], m).0, INITIAL);
    }
}
