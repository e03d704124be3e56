//! Candidate retrieval: the listed entities a query may be, found without scoring them all.
//!
//! Keys, built once per list load: every keyed token of every name ([`keyed`]: its words and
//! numbers, or every token when it has none) exact, its phonetic skeleton, its character
//! trigrams (so that a query whose every token is misspelt still finds its entity), the
//! consonant key of a Latin word ([`embargo_names::consonant_key`], for names written in
//! another script), and identifier keys. A query's keyed token retrieves the dictionary tokens
//! that share its text or skeleton, the names the tables relate to it (nicknames, cognates, a
//! Han token's readings), or enough trigrams, and a whole native word also those of its
//! consonant key, checked as [`Verify`] says; the entities holding those tokens, and those
//! sharing a strong identifier, are the candidates. What a query token retrieved is kept for
//! the next queries on the same keys ([`crate::similar_memo`]).
//!
//! `tests/retrieval.rs` proves on the eval queries that this returns the same hits above the
//! threshold as scoring every entity. On the transliteration sets (a native name against Latin
//! spellings) it does not yet: the model finds spellings no key shares, and the test counts
//! those misses so that they can only fall.
//!
//! One [`Retrieval`] serves the whole index ([`crate::Index`]) and the few entities of a list
//! delta (the `embargo-rescreen` crate), so the two retrieve by one rule.

use crate::alignment::MIN_SIMILARITY;
use crate::index::debug_candidates;
use crate::prepared::{PToken, PreparedName};
use crate::score::PreparedQuery;
use crate::similar_memo::{SimilarKey, SimilarMemo};
use crate::token_similarity::text_similarity_if;
use embargo_model::Entity;
use embargo_names::consonant_key::consonant_key;
use embargo_names::wade_giles::Romanisation;
use embargo_names::TokenRole;
use rustc_hash::FxHashMap;

/// How the dictionary tokens a query token retrieves are checked before their entities become
/// candidates.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Verify {
    /// Kept unchecked: the token is one syllable of a longer native token (a Hangul or Thai
    /// syllable), or a Hangul word, which meet listed words as runs of them
    /// (`alignment::native_candidates`) that no single pair of tokens predicts.
    Unchecked,
    /// Kept when the token's own similarity to the listed token could align them (the learned
    /// cross-script model for a whole Arabic, Cyrillic, Devanagari… word, which its one
    /// romanised text does not predict), or when one is a piece of the other written merged.
    /// Only a listed token written in Latin letters alone is checked so; others are kept.
    Model,
    /// Kept when the token similarity could align them (a Latin query token), or when one is
    /// a piece of the other written merged.
    Similar,
    /// Kept only when one is a piece of the other written merged: a Han syllable aligns
    /// with its readings alone, looked up beside (`Retrieval::han_spellings`); a Latin syllable
    /// one letter from a reading is another syllable.
    Merged,
}

impl Verify {
    /// How the tokens `t` retrieves are checked; `han_listed`: its readings were looked up
    /// ([`han_keys`] gave them).
    pub fn of(t: &PToken, han_listed: bool) -> Verify {
        use embargo_names::Script;
        match t.script {
            Script::Latin => Verify::Similar,
            Script::Han if han_listed => Verify::Merged,
            Script::Hangul | Script::Han => Verify::Unchecked,
            _ if t.split || t.role != TokenRole::Word => Verify::Unchecked,
            _ => Verify::Model,
        }
    }
}

/// Whether a listed token `d` (with skeleton `d_skeleton`) that query token `token` retrieved by
/// skeleton or trigrams stays a candidate token; `may_romanise` false: the two cannot be one
/// Chinese name in pinyin and Wade–Giles ([`Romanisation::may_be_one_name`]).
pub fn keep_retrieved(
    verify: Verify,
    token: &str,
    skeleton: &str,
    d: &str,
    d_skeleton: &str,
    may_romanise: bool,
) -> bool {
    match verify {
        // The model's check is [`Retrieval`]'s, which holds the listed tokens.
        Verify::Unchecked | Verify::Model => true,
        // Merged tokens ("jongun" vs "jong"): a prefix or suffix relation also qualifies.
        Verify::Similar => {
            merge_part(token, d)
                || text_similarity_if(token, d, skeleton, d_skeleton, may_romanise).0
                    >= MIN_SIMILARITY
        }
        Verify::Merged => merge_part(token, d),
    }
}

/// Call `key` with each name the tables relate to query token `token`: a nickname shares no
/// trigram with its name ("Ted" / "Theodore"), nor one given name's forms in two languages
/// ("John" / "Juan", for a Latin token), so the tables key them.
pub fn table_keys(token: &str, verify: Verify, mut key: impl FnMut(&str)) {
    for name in embargo_names::nickname::related_names(token) {
        key(name);
    }
    if verify == Verify::Similar {
        for form in embargo_names::cognate::other_forms(token) {
            key(form);
        }
    }
}

/// Every Latin spelling that a Han query token's characters' readings give
/// (`token_similarity::han_similarity` accepts exactly these), or `None` when they are too
/// many to list (a long unsplit token) or none apply.
///
/// A Han character meets a Latin token only when the Latin is one of its readings (pinyin,
/// Wade–Giles, the surname table's "Ng" for 吴), a finite set looked up by retrieval, so its
/// other retrieval is verified as a Latin token's is (merged pairings judge the readings'
/// letters, as for Latin). Unverified trigrams of "wu" found "Ng" only by chance, and opened
/// hundreds of candidates per syllable.
pub fn han_keys(t: &PToken) -> Option<Vec<String>> {
    use embargo_names::crossscript::chinese::{all_spellings, spells_char};
    /// More than this many spellings of one token (a long unsplit token) are not listed.
    const MOST: usize = 512;
    if !t.split {
        return all_spellings(&t.original, MOST);
    }
    // A syllable spelt from a longer token: the characters its text is a reading of
    // (`han_similarity` compares the same ones).
    let mut keys: Vec<String> = Vec::new();
    let mut buf = [0u8; 4];
    for ch in t.original.chars().filter(|&ch| spells_char(ch, &t.text)) {
        keys.extend(all_spellings(ch.encode_utf8(&mut buf), MOST)?);
    }
    (!keys.is_empty()).then_some(keys)
}

/// The runs of `keyed` that are one native word of `script` spelt in two or more syllable tokens
/// (the tokens `split` from one `original`).
fn split_words<'a, 'b>(
    keyed: &'b [&'a PToken],
    script: embargo_names::Script,
) -> impl Iterator<Item = &'b [&'a PToken]> {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < keyed.len() {
            let t = keyed[i];
            let mut end = i + 1;
            while t.script == script
                && t.split
                && end < keyed.len()
                && keyed[end].split
                && keyed[end].original == t.original
            {
                end += 1;
            }
            let start = std::mem::replace(&mut i, end);
            if end - start >= 2 {
                return Some(&keyed[start..end]);
            }
        }
        None
    })
}

/// The syllables of each Han token of `keyed` split in two or more, their texts written
/// together: a given name is often one Latin word, however spelt ("Chih-ming" for 志銘 → zhi
/// ming), and their letters together retrieve as a Latin token's.
pub fn joined_han_syllables(keyed: &[&PToken]) -> Vec<String> {
    let mut out = Vec::new();
    for word in split_words(keyed, embargo_names::Script::Han) {
        out.push(word.iter().map(|t| t.text.as_str()).collect());
    }
    out
}

/// The tokens of a name that retrieval keys: its words and numbers, or every token when it has
/// none. The same rule on both sides: a query's particle, initial or legal form finds nothing by
/// itself, and a listed name is found only through its words (or numbers), never through a
/// particle alone. A name cannot reach an alert on its particles while every word of it is left
/// unaligned, and keying particles cost dearly: the Arabic article "al" of 1,189 listed persons
/// is the nickname of Alexander and Allen, and one letter from "Il" and "El", so each of those
/// queries bounded some 5,000 more names for nothing (`tests/retrieval.rs` checks the hits stay
/// those of scoring every entity).
pub fn keyed(n: &PreparedName) -> impl Iterator<Item = &PToken> {
    let any = n
        .tokens
        .iter()
        .any(|t| matches!(t.role, TokenRole::Word | TokenRole::Number));
    n.tokens
        .iter()
        .filter(move |t| !any || matches!(t.role, TokenRole::Word | TokenRole::Number))
}

/// For the `k`-th keyed token, when it is one syllable of a Hangul word spelt syllable by syllable
/// (정순 → jeong, sun): the word's syllables up to this one. Such a syllable meets listed Latin
/// words only as part of a run spelling the word or a part of it (`alignment::native_candidates`),
/// and every run opens on a word that begins like the part's first syllable (`may_spell`), one of
/// these; a word that begins like none of them is found, if at all, through an earlier syllable.
/// Unchecked, "min" of 민재 found every "jin", "lin" and "xin" by their trigrams.
fn syllables_so_far<'a>(keyed: &[&'a PToken], k: usize) -> Option<&'a str> {
    let t = keyed[k];
    if t.script != embargo_names::Script::Hangul || !t.split {
        return None;
    }
    let same = |o: &&PToken| o.split && o.script == t.script && o.original == t.original;
    let mut first = k;
    while first > 0 && same(&keyed[first - 1]) {
        first -= 1;
    }
    let mut end = k + 1;
    while end < keyed.len() && same(&keyed[end]) {
        end += 1;
    }
    // One token per syllable, else the syllables can't be told apart: unchecked.
    if t.original.chars().count() != end - first {
        return None;
    }
    let cut = t
        .original
        .char_indices()
        .nth(k - first + 1)
        .map_or(t.original.len(), |(b, _)| b);
    Some(&t.original[..cut])
}

/// Trigram dice at or above which a dictionary token is retrieved for a query token.
pub const TRIGRAM_DICE: f64 = 0.3;

/// Could `part` be one half of `token` written merged ("jongun" holds "jong"), or the reverse?
pub fn merge_part(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    short.len() >= 3
        && long.len() > short.len()
        && (long.starts_with(short) || long.ends_with(short))
}

fn trigrams(token: &str) -> Vec<[u8; 3]> {
    let mut out = Vec::with_capacity(token.len());
    trigrams_into(token, &mut out);
    out
}

/// The distinct trigrams of `token` padded with `^` and `$`, sorted, into `out` (cleared first).
fn trigrams_into(token: &str, out: &mut Vec<[u8; 3]>) {
    out.clear();
    let b = token.as_bytes();
    let at = |i: usize| -> u8 {
        if i == 0 {
            b'^'
        } else if i > b.len() {
            b'$'
        } else {
            b[i - 1]
        }
    };
    for i in 0..b.len() {
        out.push([at(i), at(i + 1), at(i + 2)]);
    }
    out.sort_unstable();
    out.dedup();
}

/// Buffers of trigram retrieval, reused from one query token (and one query) to the next: the
/// shared-trigram counts span the whole dictionary, so allocating them per query costs more than
/// a short query's retrieval.
#[derive(Default)]
struct RetrievalScratch {
    /// Shared trigrams per dictionary token; all zero between calls.
    counts: Vec<u16>,
    touched: Vec<u32>,
    trigrams: Vec<[u8; 3]>,
}

thread_local! {
    static RETRIEVAL: std::cell::RefCell<RetrievalScratch> =
        std::cell::RefCell::new(RetrievalScratch::default());
}

/// The retrieval keys of a set of entities.
#[derive(Default)]
pub struct Retrieval {
    /// Distinct comparison tokens.
    dict: Vec<String>,
    /// What each dictionary token can be in pinyin and Wade–Giles: checking a retrieved token
    /// against a Latin query token asks it, and segmenting both texts each time was a tenth of
    /// a Latin query's retrieval.
    romanisations: Vec<Romanisation>,
    dict_ids: FxHashMap<String, u32>,
    /// Token id → entities holding it (sorted, distinct).
    postings: Vec<Vec<u32>>,
    by_skeleton: FxHashMap<String, Vec<u32>>,
    dict_skeletons: Vec<String>,
    by_trigram: FxHashMap<[u8; 3], Vec<u32>>,
    /// Trigram count per dictionary token.
    trigram_count: Vec<u16>,
    /// Per dictionary token, one listed token with its text when every listed token with that
    /// text is a word in Latin letters (which [`Verify::Model`] checks against), else `None`.
    latin_words: Vec<Option<PToken>>,
    /// Per dictionary token, the first letters its listed tokens have, as written or as
    /// compared: bit `l - b'a'` for each lowercase letter `l`, bit 26 for any other first byte.
    heads: Vec<u32>,
    /// Dictionary tokens that are Latin words (`latin_words`), by their consonant key
    /// ([`embargo_names::consonant_key`]) of two consonants or more.
    by_consonants: FxHashMap<String, Vec<u32>>,
    by_identifier: FxHashMap<String, Vec<u32>>,
    /// What query tokens retrieved, kept for the next queries with them.
    similar: SimilarMemo,
}

impl Retrieval {
    /// Keys of `entities`, whose names are prepared in `names` (same order); entities are
    /// numbered by their position.
    pub fn new<'a>(
        entities: impl IntoIterator<Item = &'a Entity>,
        names: &[Vec<PreparedName>],
    ) -> Retrieval {
        let mut dict: Vec<String> = Vec::new();
        // A function of the text, as `dict` is keyed.
        let mut romanisations: Vec<Romanisation> = Vec::new();
        let mut dict_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut latin_words: Vec<Option<PToken>> = Vec::new();
        let mut heads: Vec<u32> = Vec::new();
        // Dictionary tokens with a listed token that is not a Latin word.
        let mut other = Vec::new();
        for (ei, ns) in names.iter().enumerate() {
            for n in ns {
                for t in keyed(n) {
                    let id = *dict_ids.entry(t.text.clone()).or_insert_with(|| {
                        dict.push(t.text.clone());
                        romanisations.push(t.romanisation);
                        postings.push(Vec::new());
                        latin_words.push(None);
                        heads.push(0);
                        other.push(false);
                        (dict.len() - 1) as u32
                    });
                    for b in [t.outline.head[0], t.outline.original_head] {
                        let b = b.to_ascii_lowercase();
                        heads[id as usize] |= if b.is_ascii_lowercase() {
                            1 << (b - b'a')
                        } else {
                            1 << 26
                        };
                    }
                    let latin_word =
                        t.script == embargo_names::Script::Latin && t.role == TokenRole::Word;
                    if !latin_word {
                        other[id as usize] = true;
                    } else if latin_words[id as usize].is_none() {
                        latin_words[id as usize] = Some(t.clone());
                    }
                    let p = &mut postings[id as usize];
                    if p.last() != Some(&(ei as u32)) {
                        p.push(ei as u32);
                    }
                }
            }
        }
        for (w, other) in latin_words.iter_mut().zip(other) {
            if other {
                *w = None;
            }
        }
        let mut by_consonants: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (id, w) in latin_words.iter().enumerate() {
            if w.is_some() {
                let key = consonant_key(&dict[id]);
                if key.len() >= 2 {
                    by_consonants.entry(key).or_default().push(id as u32);
                }
            }
        }
        let mut by_skeleton: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut by_trigram: FxHashMap<[u8; 3], Vec<u32>> = FxHashMap::default();
        let mut trigram_count = Vec::with_capacity(dict.len());
        let mut dict_skeletons = Vec::with_capacity(dict.len());
        for (id, tok) in dict.iter().enumerate() {
            let sk = embargo_names::skeleton::skeleton(tok);
            if !sk.is_empty() {
                by_skeleton.entry(sk.clone()).or_default().push(id as u32);
            }
            dict_skeletons.push(sk);
            let tg = trigrams(tok);
            trigram_count.push(tg.len() as u16);
            for g in tg {
                by_trigram.entry(g).or_default().push(id as u32);
            }
        }
        let mut by_identifier: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (ei, e) in entities.into_iter().enumerate() {
            for id in &e.identifiers {
                if id.kind.is_strong() {
                    let k = id.key();
                    if k.len() >= 4 {
                        by_identifier.entry(k).or_default().push(ei as u32);
                    }
                }
            }
        }
        Retrieval {
            romanisations,
            dict,
            dict_ids,
            postings,
            by_skeleton,
            dict_skeletons,
            by_trigram,
            trigram_count,
            latin_words,
            heads,
            by_consonants,
            by_identifier,
            similar: SimilarMemo::default(),
        }
    }

    /// Forget what query tokens retrieved (benchmarks measure a cold start).
    pub fn clear_memo(&self) {
        self.similar.clear()
    }

    /// Whether there is nothing to retrieve (no token, no identifier).
    pub fn is_empty(&self) -> bool {
        self.dict.is_empty() && self.by_identifier.is_empty()
    }

    /// Number of distinct comparison tokens.
    pub fn dictionary_len(&self) -> usize {
        self.dict.len()
    }

    /// The entities holding strong identifier `key` (sorted).
    pub fn identified(&self, key: &str) -> &[u32] {
        self.by_identifier.get(key).map_or(&[], Vec::as_slice)
    }

    /// Dictionary tokens close to `token`: same text, same skeleton, or enough shared trigrams,
    /// then checked as `verify` says (for [`Verify::Model`], against the query token `query`
    /// by `similarity`).
    #[allow(clippy::too_many_arguments)]
    fn similar_tokens(
        &self,
        token: &str,
        skeleton: &str,
        verify: Verify,
        query: &PToken,
        begins: Option<&str>,
        similarity: &mut dyn FnMut(&PToken, &PToken) -> f64,
        scratch: &mut RetrievalScratch,
        out: &mut Vec<u32>,
    ) {
        let exact = self.dict_ids.get(token).copied();
        if let Some(id) = exact {
            out.push(id);
        }
        let romanisation = Romanisation::of(token);
        // The exact token is in already, and similar to itself.
        let mut keep = |id: u32| -> bool {
            let d = &self.dict[id as usize];
            if Some(id) == exact
                || !keep_retrieved(
                    verify,
                    token,
                    skeleton,
                    d,
                    &self.dict_skeletons[id as usize],
                    romanisation.may_be_one_name(self.romanisations[id as usize]),
                )
            {
                return false;
            }
            match (verify, &self.latin_words[id as usize]) {
                (Verify::Model, Some(listed)) => {
                    merge_part(token, d) || similarity(query, listed) >= MIN_SIMILARITY
                }
                (_, Some(_)) => begins.is_none_or(|b| self.may_begin(b, id)),
                _ => true,
            }
        };
        if let Some(ids) = self.by_skeleton.get(skeleton) {
            out.extend(ids.iter().copied().filter(|&id| keep(id)));
        }
        table_keys(token, verify, |k| out.extend(self.dict_ids.get(k)));
        let RetrievalScratch {
            counts,
            touched,
            trigrams: tg,
        } = scratch;
        trigrams_into(token, tg);
        if counts.len() < self.dict.len() {
            counts.resize(self.dict.len(), 0);
        }
        touched.clear();
        for g in tg.iter() {
            if let Some(ids) = self.by_trigram.get(g) {
                for &id in ids {
                    let c = &mut counts[id as usize];
                    if *c == 0 {
                        touched.push(id);
                    }
                    *c += 1;
                }
            }
        }
        let nq = tg.len() as f64;
        for &id in touched.iter() {
            let shared = counts[id as usize];
            counts[id as usize] = 0;
            let nt = self.trigram_count[id as usize] as f64;
            if 2.0 * shared as f64 / (nq + nt) >= TRIGRAM_DICE && keep(id) {
                out.push(id);
            }
        }
        // A whole word in another script also meets the Latin words of its consonant classes,
        // which its romanisation may share with a listed spelling when no trigram does, and so
        // does a whole Hangul word (a foreign name written by ear: 시라크 "sirak" for Chirac).
        // Each is kept when the word's own similarity (the model's) could align them; the runs
        // of words a Hangul word may also meet are retrieved as before.
        let whole_hangul = query.script == embargo_names::Script::Hangul
            && !query.split
            && query.role == TokenRole::Word;
        if verify == Verify::Model || whole_hangul {
            if let Some(ids) = self.by_consonants.get(&consonant_key(token)) {
                out.extend(ids.iter().copied().filter(|&id| {
                    let listed = &self.latin_words[id as usize];
                    Some(id) != exact
                        && listed
                            .as_ref()
                            .is_some_and(|l| similarity(query, l) >= MIN_SIMILARITY)
                }));
            }
        }
    }

    /// The entities `q` retrieves, sorted and distinct (before any schema or dataset filter).
    /// `similarity` gives a query token's similarity to a listed token (the scorer's, or any
    /// value below [`MIN_SIMILARITY`] where the scorer's is), for [`Verify::Model`].
    pub fn candidates(
        &self,
        q: &PreparedQuery,
        similarity: &mut dyn FnMut(&PToken, &PToken) -> f64,
    ) -> Vec<u32> {
        let mut token_ids: Vec<u32> = Vec::new();
        RETRIEVAL.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            self.keyed_tokens(q, similarity, scratch, &mut token_ids)
        });
        self.entities_of(q, token_ids)
    }

    /// The dictionary tokens similar to the query's keyed tokens ([`keyed`]), unsorted, with
    /// repeats.
    fn keyed_tokens(
        &self,
        q: &PreparedQuery,
        similarity: &mut dyn FnMut(&PToken, &PToken) -> f64,
        scratch: &mut RetrievalScratch,
        out: &mut Vec<u32>,
    ) {
        for n in &q.names {
            let keyed: Vec<&PToken> = keyed(n).collect();
            for (k, t) in keyed.iter().enumerate() {
                let han = t.script == embargo_names::Script::Han && self.han_spellings(t, out);
                let verify = Verify::of(t, han);
                let begins = syllables_so_far(&keyed, k);
                let key = SimilarKey::new(t, verify, begins);
                if self.similar.extend(&key, out) {
                    continue;
                }
                let start = out.len();
                self.similar_tokens(
                    &t.text,
                    &t.skeleton,
                    verify,
                    t,
                    begins,
                    similarity,
                    scratch,
                    out,
                );
                self.similar.insert(key, &out[start..]);
            }
            for joined in joined_han_syllables(&keyed) {
                let skeleton = embargo_names::skeleton::skeleton(&joined);
                let verify = Verify::Similar;
                self.similar_tokens(
                    &joined, &skeleton, verify, keyed[0], None, similarity, scratch, out,
                );
            }
            self.whole_hangul_words(&keyed, out);
        }
    }

    /// Add, for each Hangul word spelt syllable by syllable (리히터 → li hi to), the listed
    /// Latin words of its letters' consonant key that the word as a whole could be spelt as
    /// alone: the one-word run `alignment::native_candidates` prices, by the same
    /// `cross_script_similarity`. Its syllables' own keys miss a foreign name written by ear.
    fn whole_hangul_words(&self, keyed: &[&PToken], out: &mut Vec<u32>) {
        for word in split_words(keyed, embargo_names::Script::Hangul) {
            let joined: String = word.iter().map(|t| t.text.as_str()).collect();
            if let Some(ids) = self.by_consonants.get(&consonant_key(&joined)) {
                out.extend(ids.iter().copied().filter(|&id| {
                    crate::alignment::cross_script_similarity(
                        &word[0].original,
                        &self.dict[id as usize],
                        joined.len(),
                    ) >= MIN_SIMILARITY
                }));
            }
        }
    }

    /// Whether a run of Latin words opened by dictionary token `id` may spell a native text
    /// beginning with one of the syllables of `syllables`, as far as its first letter tells
    /// (`alignment::may_spell`, over every first letter the token is listed with).
    fn may_begin(&self, syllables: &str, id: u32) -> bool {
        let heads = self.heads[id as usize];
        if heads & (1 << 26) != 0 {
            return true;
        }
        let mut buf = [0u8; 4];
        syllables.chars().any(|c| {
            let c: &str = c.encode_utf8(&mut buf);
            (0..26u8).filter(|l| heads & (1 << l) != 0).any(|l| {
                let letter = Some(b'a' + l);
                embargo_names::hangul::may_begin_with(c, letter)
                    || embargo_names::mandarin_reading::may_begin_with(c, letter)
            })
        })
    }

    /// Add the dictionary tokens that spell the Han query token `t` ([`han_keys`]), and say
    /// whether that was all of them (false: too many spellings to list, or none apply).
    fn han_spellings(&self, t: &PToken, out: &mut Vec<u32>) -> bool {
        match han_keys(t) {
            Some(keys) => {
                out.extend(keys.iter().filter_map(|k| self.dict_ids.get(k.as_str())));
                true
            }
            None => false,
        }
    }

    /// The entities holding `token_ids` or one of the query's strong identifiers, sorted and
    /// distinct.
    fn entities_of(&self, q: &PreparedQuery, mut token_ids: Vec<u32>) -> Vec<u32> {
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
        if debug_candidates() {
            eprintln!(
                "{:?}: {} tokens, {} candidates",
                q.query.names,
                token_ids.len(),
                ents.len()
            );
        }
        ents
    }
}
