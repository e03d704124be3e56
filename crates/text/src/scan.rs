//! The scanner: from text to confirmed mentions.
//!
//! 1. **Pieces.** The text is split into words ([`crate::segment`]); each word that may be part
//!    of a name becomes a *piece* with one or more readings (*variants*): the word as written, and
//!    the word without what a language attaches to names ([`crate::affix`]). Each variant carries
//!    lookup keys ([`crate::key`]). Han text has no spaces: every run of one to three characters
//!    is a piece, read in Pinyin. In prose that uses letter case, a lower-case word is not a
//!    piece (except name particles such as "al", "bin", "van").
//! 2. **Candidates.** Two adjacent pieces whose keys form a pair of tokens of a listed name
//!    propose that name ([`crate::listed`]); a piece alone proposes only names that can be written
//!    as one word.
//! 3. **Confirmation.** The proposal grows over neighbouring pieces that also spell tokens of
//!    that name; the resulting span is screened against the entity by the matcher
//!    (`embargo_matcher::score::score_entity`, the very scoring of `embargo screen`), and kept
//!    when it scores at the entity's threshold *and* covers the name: every listed token the
//!    text left out must be one a writer may leave out (a patronymic, a particle, a middle name
//!    of a long name) — "Kim Jong" does not name Kim Jong Un, whose given name is "Jong Un".
//! 4. **Coreference.** Once a person is named in full, a later piece that spells their surname
//!    ("Putin", "بوتين", "Путина") refers back to them — unless it stands next to another
//!    capitalised name word ("Kim Yo Jong" is somebody else). A given name alone never does.

use crate::affix::{
    arabic_prefixes, is_arabic_function_word, korean_particles, normalize_arabic, russian_stems,
};
use crate::jurisdiction::Jurisdictions;
use crate::key::{key, pair, Key, KeyKind};
use crate::listed::{
    is_patronymic, Listed, NameRef, Single, MAX_NAMES_PER_KEY, MAX_NAMES_PER_LOOSE_KEY,
};
use crate::report::{Coreference, EntitySummary, Mention, MentionKind, TextReport};
use crate::segment::{is_cased, words, Word};
use embargo_matcher::prepared::{style_for, PreparedName};
use embargo_matcher::score::{round4, score_entity, score_names, PreparedQuery};
use embargo_matcher::{Explanation, Index, MatchConfig, Query};
use embargo_model::{ListDocument, NameKind, Schema};
use embargo_names::normalize::latin_ascii;
use embargo_names::skeleton::skeleton;
use embargo_names::{honorific, particle, NameStyle, Script, TokenRole};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

/// How a scan decides.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanConfig {
    /// Thresholds as for screening: a span is a mention when it scores at the entity's threshold.
    pub matching: MatchConfig,
    /// Report later surname-only references to a party named in full before.
    pub coreference: bool,
    /// Similarity at or above which a written surname refers back to the listed one.
    pub coreference_similarity: f64,
}

impl Default for ScanConfig {
    fn default() -> Self {
        ScanConfig {
            matching: MatchConfig::default(),
            coreference: true,
            coreference_similarity: 0.8,
        }
    }
}

/// Finds listed parties and sanctioned jurisdictions in text. Build once per set of lists (it
/// keys every listed name), then scan any number of texts, from any number of threads.
///
/// ```
/// use embargo_matcher::Index;
/// use embargo_model::{Entity, EntityId, ListDocument, NameKind, Schema};
/// use embargo_text::Scanner;
///
/// let mut e = Entity::new(EntityId("ofac-sdn:35096".into()), Schema::Person, "ofac-sdn", "35096");
/// e.add_name("PUTIN, Vladimir Vladimirovich", NameKind::Primary);
/// let doc = ListDocument { dataset: "ofac-sdn".into(), entities: vec![e], ..Default::default() };
/// let scanner = Scanner::new(Index::build(&[doc]));
///
/// let text = "Vladimir Putin met the press. Later, Putin left for Crimea.";
/// let report = scanner.scan(text);
/// let spans: Vec<&str> = report.mentions.iter().map(|m| m.surface.as_str()).collect();
/// assert_eq!(spans, ["Vladimir Putin", "Putin"]);
/// assert_eq!(report.mentions[1].entity_ids, ["ofac-sdn:35096"]);
/// assert_eq!(report.jurisdictions[0].code, "UA-43");
/// ```
pub struct Scanner {
    index: Arc<Index>,
    keys: ScanKeys,
}

/// The keys of a [`Scanner`] without the index they were built from, for a caller that owns
/// its index elsewhere and swaps it whole (the server's snapshots): it keeps the keys beside
/// the index version and passes the index to each scan, so that no second reference keeps an
/// old index alive after a reload.
pub struct ScanKeys {
    listed: Listed,
    jurisdictions: Jurisdictions,
    config: ScanConfig,
    entities: usize,
}

/// [`ScanKeys::scan`] was given an index other than the one the keys were built from.
#[derive(Debug, thiserror::Error)]
#[error("scan keys built for an index of {keyed} entities used with one of {given}")]
pub struct OtherIndex {
    pub keyed: usize,
    pub given: usize,
}

impl ScanKeys {
    /// Key every name of `index` for scanning.
    pub fn build(index: &Index, config: ScanConfig) -> ScanKeys {
        ScanKeys {
            listed: Listed::build(index),
            jurisdictions: Jurisdictions::new(),
            config,
            entities: index.len(),
        }
    }

    pub fn config(&self) -> &ScanConfig {
        &self.config
    }

    /// Scan `text` against `index`, which must be the index the keys were built from (the
    /// keys refer to its entities by position; a different index is refused when its size
    /// differs, and gives wrong entities otherwise).
    pub fn scan(&self, index: &Index, text: &str) -> Result<TextReport, OtherIndex> {
        self.scan_with(index, text, &self.config)
    }

    /// [`ScanKeys::scan`] with another configuration (a caller's own threshold): the keys do
    /// not depend on it.
    pub fn scan_with(
        &self,
        index: &Index,
        text: &str,
        config: &ScanConfig,
    ) -> Result<TextReport, OtherIndex> {
        if index.len() != self.entities {
            return Err(OtherIndex {
                keyed: self.entities,
                given: index.len(),
            });
        }
        let view = View {
            index,
            listed: &self.listed,
            jurisdictions: &self.jurisdictions,
            config,
        };
        Ok(view.scan(text))
    }

    fn view<'a>(&'a self, index: &'a Index) -> View<'a> {
        View {
            index,
            listed: &self.listed,
            jurisdictions: &self.jurisdictions,
            config: &self.config,
        }
    }
}

/// A scan's view of the index and its keys.
struct View<'a> {
    index: &'a Index,
    listed: &'a Listed,
    jurisdictions: &'a Jurisdictions,
    config: &'a ScanConfig,
}

/// One reading of a piece of text.
#[derive(Clone, Debug)]
struct Variant {
    byte_start: usize,
    byte_end: usize,
    start: usize,
    end: usize,
    /// What the matcher is given for this reading.
    surface: String,
    keys: Vec<Key>,
}

/// A word (or, in Han text, a run of characters) that may be part of a name.
#[derive(Clone, Debug)]
struct Piece {
    /// Positions [pos0, pos1): one per word, one per Han character.
    pos0: u32,
    pos1: u32,
    word: usize,
    variants: Vec<Variant>,
    han: bool,
}

/// A confirmed (entity, span) pair, before overlapping spans are resolved.
#[derive(Clone, Debug)]
struct Accepted {
    entity: usize,
    span: (usize, usize, usize, usize),
    score: f64,
    explanation: Explanation,
}

/// Words that say the next name is a vessel or aircraft (a one-word vessel name such as
/// "Graceful" is an ordinary word otherwise).
const VESSEL_CUES: &[&str] = &[
    "vessel",
    "vessels",
    "tanker",
    "ship",
    "mv",
    "mt",
    "imo",
    "freighter",
    "carrier",
    "navire",
    "petrolier",
    "cargo",
    "aircraft",
    "airplane",
    "plane",
    "jet",
    "sudno",
    "tanker",
    "سفينه",
    "ناقله",
    "الناقله",
    "السفينه",
    "судно",
    "танкер",
    "선박",
    "유조선",
    "화물선",
];

struct TextPieces<'t> {
    words: Vec<Word<'t>>,
    pieces: Vec<Piece>,
    /// Per position: whether it is joined to the position before.
    joined: Vec<bool>,
    by_start: Vec<Vec<usize>>,
    by_end: Vec<Vec<usize>>,
    cased: bool,
}

fn latin_text(s: &str) -> String {
    latin_ascii(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn latin_keys(text: &str) -> Vec<Key> {
    let mut keys = vec![key(KeyKind::Exact, text)];
    let sk = skeleton(text);
    if sk.len() >= 2 {
        keys.push(key(KeyKind::Skeleton, &sk));
    }
    keys
}

/// The English spelling of a name French writes its own way, if it differs: French spells /ʃ/
/// "ch" and /u/ "ou", and adds a mute "e" ("Poutine", "Choïgou", "Bachar" are Putin, Shoigu,
/// Bashar). The lists spell these names the English way.
fn french_spelling(t: &str) -> Option<String> {
    if !t.contains("ch") && !t.contains("ou") && !t.ends_with("ine") {
        return None;
    }
    let b = t.as_bytes();
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    while i < b.len() {
        let prev = if i > 0 { b[i - 1] } else { 0 };
        match (b[i], b.get(i + 1).copied()) {
            (b'c', Some(b'h')) if !matches!(prev, b's' | b't') => {
                out.push_str("sh");
                i += 2;
            }
            (b'o', Some(b'u')) => {
                out.push('u');
                i += 2;
            }
            (c, _) => {
                out.push(c as char);
                i += 1;
            }
        }
    }
    if out.ends_with("ine") && out.len() > 5 {
        out.pop();
    }
    (out != t).then_some(out)
}

/// Byte offset in `original` after its first `n` characters that survive
/// [`normalize_arabic`].
fn arabic_offset(original: &str, n: usize) -> usize {
    let mut kept = 0;
    for (i, c) in original.char_indices() {
        if kept == n {
            return i;
        }
        if !normalize_arabic(c.encode_utf8(&mut [0; 4])).is_empty() {
            kept += 1;
        }
    }
    original.len()
}

fn variant(w: &Word, b0: usize, b1: usize, surface: String, keys: Vec<Key>) -> Variant {
    let off = |b: usize| w.start + w.text[..b].chars().count();
    Variant {
        byte_start: w.byte_start + b0,
        byte_end: w.byte_start + b1,
        start: off(b0),
        end: off(b1),
        surface,
        keys,
    }
}

fn pieces(text: &str) -> TextPieces<'_> {
    let words = words(text);
    let cased = is_cased(&words);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut joined: Vec<bool> = Vec::new();
    for (wi, w) in words.iter().enumerate() {
        let pos = joined.len() as u32;
        if w.script == Script::Han {
            let chars: Vec<(usize, char)> = w.text.char_indices().collect();
            for (k, _) in chars.iter().enumerate() {
                joined.push(if k == 0 { w.joined } else { true });
            }
            let readings: Vec<Vec<String>> = chars
                .iter()
                .map(|&(_, c)| embargo_names::crossscript::chinese::readings(c))
                .collect();
            for i in 0..chars.len() {
                for len in 1..=3usize.min(chars.len() - i) {
                    let b0 = chars[i].0;
                    let b1 = chars.get(i + len).map_or(w.text.len(), |c| c.0);
                    let keys: Vec<Key> = if len == 1 {
                        readings[i]
                            .iter()
                            .take(2)
                            .map(|r| key(KeyKind::Exact, r))
                            .collect()
                    } else {
                        let joined: Option<String> =
                            (i..i + len).map(|j| readings[j].first().cloned()).collect();
                        joined
                            .map(|s| key(KeyKind::Exact, &s))
                            .into_iter()
                            .collect()
                    };
                    if keys.is_empty() {
                        continue;
                    }
                    let v = variant(w, b0, b1, w.text[b0..b1].to_string(), keys);
                    pieces.push(Piece {
                        pos0: pos + i as u32,
                        pos1: pos + (i + len) as u32,
                        word: wi,
                        variants: vec![v],
                        han: true,
                    });
                }
            }
            continue;
        }
        joined.push(w.joined);
        let mut variants: Vec<Variant> = Vec::new();
        match w.script {
            Script::Latin => {
                let t = latin_text(w.text);
                if t.is_empty() || honorific::is_honorific(&t) {
                    continue;
                }
                let is_particle = particle::is_particle(&t);
                if cased && !w.capitalized && !is_particle {
                    continue;
                }
                let t = if is_particle {
                    particle::canonical_particle(&t).to_string()
                } else {
                    t
                };
                let french = french_spelling(&t);
                variants.push(variant(
                    w,
                    0,
                    w.text.len(),
                    w.text.to_string(),
                    latin_keys(&t),
                ));
                if let Some(f) = french {
                    let keys = latin_keys(&f);
                    variants.push(variant(w, 0, w.text.len(), f, keys));
                }
            }
            Script::Cyrillic => {
                if cased && !w.capitalized {
                    continue;
                }
                let mut forms = vec![w.text.to_string()];
                forms.extend(russian_stems(w.text));
                for f in forms {
                    let lower = f.to_lowercase();
                    let t: String =
                        embargo_names::transliterate::to_latin(&lower, Script::Cyrillic)
                            .into_iter()
                            .next()
                            .unwrap_or_default()
                            .chars()
                            .filter(char::is_ascii_alphanumeric)
                            .collect();
                    if t.is_empty() || honorific::is_honorific(&t) {
                        continue;
                    }
                    variants.push(variant(w, 0, w.text.len(), f, latin_keys(&t)));
                }
            }
            Script::Arabic => {
                if is_arabic_function_word(w.text) {
                    continue;
                }
                let norm = normalize_arabic(w.text);
                let mut cuts = vec![0usize];
                cuts.extend(arabic_prefixes(&norm));
                for cut in cuts {
                    let n = norm[..cut].chars().count();
                    let b0 = arabic_offset(w.text, n);
                    let rest = &w.text[b0..];
                    let lk = crate::key::loose_native(rest);
                    if lk.is_empty() {
                        continue;
                    }
                    variants.push(variant(
                        w,
                        b0,
                        w.text.len(),
                        rest.to_string(),
                        vec![key(KeyKind::Loose, &lk)],
                    ));
                }
            }
            Script::Hangul => {
                let mut ends = vec![w.text.len()];
                ends.extend(korean_particles(w.text));
                for b1 in ends {
                    let rest = &w.text[..b1];
                    let lk = crate::key::loose_native(rest);
                    if lk.is_empty() {
                        continue;
                    }
                    variants.push(variant(
                        w,
                        0,
                        b1,
                        rest.to_string(),
                        vec![key(KeyKind::Loose, &lk)],
                    ));
                }
            }
            _ => {}
        }
        if !variants.is_empty() {
            pieces.push(Piece {
                pos0: pos,
                pos1: pos + 1,
                word: wi,
                variants,
                han: false,
            });
        }
    }
    let n = joined.len() + 1;
    let mut by_start = vec![Vec::new(); n];
    let mut by_end = vec![Vec::new(); n];
    for (i, p) in pieces.iter().enumerate() {
        by_start[p.pos0 as usize].push(i);
        by_end[p.pos1 as usize].push(i);
    }
    TextPieces {
        words,
        pieces,
        joined,
        by_start,
        by_end,
        cased,
    }
}

impl Scanner {
    /// Key every name of the index for scanning, with the default configuration.
    pub fn new(index: impl Into<Arc<Index>>) -> Scanner {
        Scanner::with_config(index, ScanConfig::default())
    }

    pub fn with_config(index: impl Into<Arc<Index>>, config: ScanConfig) -> Scanner {
        let index = index.into();
        let keys = ScanKeys::build(&index, config);
        Scanner { index, keys }
    }

    /// Build the index of `docs` and key it for scanning.
    pub fn from_documents(docs: &[ListDocument]) -> Scanner {
        Scanner::new(Index::build(docs))
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn config(&self) -> &ScanConfig {
        &self.keys.config
    }

    /// Find the listed parties and sanctioned jurisdictions mentioned in `text`.
    pub fn scan(&self, text: &str) -> TextReport {
        self.keys.view(&self.index).scan(text)
    }
}

impl View<'_> {
    fn scan(&self, text: &str) -> TextReport {
        let tp = pieces(text);
        let mut state = ScanState::default();
        let accepted = self.full_mentions(&tp, &mut state);
        let mut mentions = select(&accepted, |e| self.index.entities()[e].id.to_string());
        if self.config.coreference {
            self.coreferences(&tp, &mut mentions, &mut state);
        }
        let entities = self.summaries(&mentions);
        TextReport {
            mentions: mentions
                .into_iter()
                .map(|mut m| {
                    m.mention.surface = text[m.mention.byte_start..m.mention.byte_end].to_string();
                    m.mention
                })
                .collect(),
            entities,
            jurisdictions: self.jurisdictions.find(text),
        }
    }

    /// The first variant of `piece` whose keys spell a token of `name`.
    fn matching_variant(&self, piece: &Piece, r: NameRef) -> Option<usize> {
        let keys = &self.listed.keys[r.entity as usize][r.name as usize];
        piece
            .variants
            .iter()
            .position(|v| v.keys.iter().any(|k| keys.iter().any(|tk| tk.contains(k))))
    }

    /// Grow a run of pieces over neighbours that also spell tokens of `r`.
    fn grow(
        &self,
        tp: &TextPieces,
        r: NameRef,
        mut run: Vec<(usize, usize)>,
    ) -> Vec<(usize, usize)> {
        while run.len() < MAX_RUN {
            let first = &tp.pieces[run[0].0];
            if !tp.joined[first.pos0 as usize] {
                break;
            }
            let next = tp.by_end[first.pos0 as usize]
                .iter()
                .filter_map(|&i| self.matching_variant(&tp.pieces[i], r).map(|v| (i, v)))
                .max_by_key(|&(i, _)| tp.pieces[i].pos1 - tp.pieces[i].pos0);
            match next {
                Some(x) => run.insert(0, x),
                None => break,
            }
        }
        while run.len() < MAX_RUN {
            let last = &tp.pieces[run[run.len() - 1].0];
            let p = last.pos1 as usize;
            if p >= tp.joined.len() || !tp.joined[p] {
                break;
            }
            let next = tp.by_start[p]
                .iter()
                .filter_map(|&i| self.matching_variant(&tp.pieces[i], r).map(|v| (i, v)))
                .max_by_key(|&(i, _)| tp.pieces[i].pos1 - tp.pieces[i].pos0);
            match next {
                Some(x) => run.push(x),
                None => break,
            }
        }
        run
    }

    fn full_mentions(&self, tp: &TextPieces, state: &mut ScanState) -> Vec<Accepted> {
        // Proposals: (name, first piece, second piece or none, single kind).
        // A one-word proposal keeps the variant that spelt the name: a name written as one word
        // (김정은) has a key of its own, which no single listed token shares.
        let mut proposals: Vec<(NameRef, usize, Option<usize>, Option<(Single, usize)>)> =
            Vec::new();
        for (pi, p) in tp.pieces.iter().enumerate() {
            // Whether a word before says a vessel follows: asked once per piece, and only of
            // pieces that spell a one-word vessel name.
            let mut cue: Option<bool> = None;
            for (vi, v) in p.variants.iter().enumerate() {
                for k in &v.keys {
                    if let Some(rs) = self.listed.singles.get(k) {
                        for &(r, s) in rs.iter().take(MAX_NAMES_PER_KEY) {
                            if s == Single::Vessel
                                && !*cue.get_or_insert_with(|| vessel_cue(tp, p.word))
                            {
                                continue;
                            }
                            proposals.push((r, pi, None, Some((s, vi))));
                        }
                    }
                }
            }
            let end = p.pos1 as usize;
            if end >= tp.joined.len() || !tp.joined[end] {
                continue;
            }
            for &qi in &tp.by_start[end] {
                let q = &tp.pieces[qi];
                for va in &p.variants {
                    for vb in &q.variants {
                        let loose =
                            matches!(tp.words[p.word].script, Script::Arabic | Script::Hangul);
                        let cap = if loose {
                            MAX_NAMES_PER_LOOSE_KEY
                        } else {
                            MAX_NAMES_PER_KEY
                        };
                        for &ka in &va.keys {
                            for &kb in &vb.keys {
                                let Some(rs) = self.listed.pairs.get(&pair(ka, kb)) else {
                                    continue;
                                };
                                if rs.len() > cap {
                                    continue;
                                }
                                for &r in rs {
                                    proposals.push((r, pi, Some(qi), None));
                                }
                            }
                        }
                    }
                }
            }
        }
        proposals.sort_unstable_by_key(|&(r, a, b, s)| (r, a, b, s.map(|(s, v)| (s as u8, v))));
        proposals.dedup_by_key(|x| (x.0, x.1, x.2, x.3.map(|(_, v)| v)));
        let mut out: Vec<Accepted> = Vec::new();
        // (entity, run): a run is at most MAX_RUN (piece, variant) pairs, packed without
        // allocating.
        let mut seen: HashSet<(u32, [u64; MAX_RUN])> = HashSet::default();
        let debug = std::env::var_os("EMBARGO_DEBUG_TEXT").is_some();
        let n_prop = proposals.len();
        let mut n_conf = 0usize;
        for (r, a, b, single) in proposals {
            let va = match single {
                Some((_, vi)) => vi,
                None => match self.matching_variant(&tp.pieces[a], r) {
                    Some(v) => v,
                    None => continue,
                },
            };
            let single = single.map(|(s, _)| s);
            let mut run = vec![(a, va)];
            if let Some(b) = b {
                let Some(vb) = self.matching_variant(&tp.pieces[b], r) else {
                    continue;
                };
                run.push((b, vb));
            }
            // A name proposed by one word is written as one word: growing it over neighbours
            // would take "الرئيس الروسي" for the vessel ARIES.
            let run = if single.is_some() {
                run
            } else {
                self.grow(tp, r, run)
            };
            if run.len() == 1 && single.is_none() {
                continue;
            }
            let mut packed = [0u64; MAX_RUN];
            for (slot, &(pi, vi)) in packed.iter_mut().zip(&run) {
                *slot = ((pi as u64) << 8 | vi as u64) + 1;
            }
            if !seen.insert((r.entity, packed)) {
                continue;
            }
            n_conf += 1;
            if let Some(acc) = self.confirm(tp, r, &run, single, state) {
                out.push(acc);
            }
        }
        if debug {
            eprintln!(
                "pieces {} proposals {n_prop} runs {n_conf}: prefiltered {}, repeated {}, \
                 screened {}, mentions {}",
                tp.pieces.len(),
                state.stats[0],
                state.stats[1],
                state.stats[2],
                state.stats[3]
            );
        }
        out
    }

    /// Screen a run against its entity; `Some` when it is a mention.
    fn confirm(
        &self,
        tp: &TextPieces,
        r: NameRef,
        run: &[(usize, usize)],
        single: Option<Single>,
        state: &mut ScanState,
    ) -> Option<Accepted> {
        let ei = r.entity as usize;
        let first = &tp.pieces[run[0].0];
        let last = &tp.pieces[run[run.len() - 1].0];
        let w0 = &tp.words[first.word];
        match single {
            Some(Single::Vessel) if run.len() == 1 && !vessel_cue(tp, first.word) => {
                return None;
            }
            // A capital at the start of a sentence says nothing: "Hope", "Orient" there are
            // ordinary words.
            Some(Single::Organization) if run.len() == 1 && tp.cased && w0.sentence_start => {
                let all_caps = w0.text.chars().all(|c| !c.is_lowercase());
                if !all_caps {
                    return None;
                }
            }
            // One word of a caseless script ("غادر" "left", "كوري" "Korean") spells too many
            // listed company words across scripts: a one-word organisation name is taken there
            // only when the list writes the entity's name in that script.
            Some(Single::Organization)
                if !matches!(w0.script, Script::Latin | Script::Cyrillic)
                    && !self.listed.names[ei]
                        .iter()
                        .any(|n| n.tokens.iter().any(|t| t.script == w0.script)) =>
            {
                return None;
            }
            _ => {}
        }
        // Chinese writes a person's family name first, always: in Han text a run is a name
        // only if it starts with the surname ("李方伟" is LI Fangwei; "市场", shi-chang, is a
        // market, not CHANG Shi-Fu).
        if first.han
            && single.is_none()
            && self.index.entities()[ei].schema == Schema::Person
            && !self.listed.surnames[ei].is_empty()
        {
            let v = &first.variants[run[0].1];
            let keys = &self.listed.keys[ei];
            let starts_with_surname = self.listed.surnames[ei].iter().any(|&(n, t)| {
                n == r.name
                    && v.keys
                        .iter()
                        .any(|k| keys[n as usize][t as usize].contains(k))
            });
            if !starts_with_surname {
                return None;
            }
        }
        // Loose keys are coarse: before the full comparison (every alias of the entity), each
        // Arabic or Hangul word must spell some token of the proposing name.
        if single.is_none() {
            let tokens = &self.listed.names[ei][r.name as usize].tokens;
            let keys = &self.listed.keys[ei][r.name as usize];
            for &(pi, vi) in run {
                let p = &tp.pieces[pi];
                if !matches!(tp.words[p.word].script, Script::Arabic | Script::Hangul) {
                    continue;
                }
                let v = &p.variants[vi];
                // Only the tokens the word's key proposed: one or two, not the whole name.
                let best = tokens
                    .iter()
                    .zip(keys)
                    .filter(|(_, tk)| v.keys.iter().any(|k| tk.contains(k)))
                    .map(|(t, _)| state.similarity(&v.surface, &t.text))
                    .fold(0.0, f64::max);
                if best < PREFILTER_SIMILARITY {
                    state.stats[0] += 1;
                    return None;
                }
            }
        }
        let mut surface = String::new();
        for (k, &(pi, vi)) in run.iter().enumerate() {
            let p = &tp.pieces[pi];
            if k > 0 {
                let prev = &tp.pieces[run[k - 1].0];
                if !(p.han && prev.han && prev.word == p.word) {
                    surface.push(' ');
                }
            }
            surface.push_str(&p.variants[vi].surface);
        }
        let v0 = &first.variants[run[0].1];
        let v1 = &last.variants[run[run.len() - 1].1];
        let span = (v0.start, v1.end, v0.byte_start, v1.byte_end);
        // A name repeated in a document is screened once per entity.
        let memo = (
            ei,
            key(KeyKind::Exact, &surface),
            single.map_or(0, |s| s as u8 + 1),
        );
        let decided = match state.confirmed.get(&memo) {
            Some(done) => {
                state.stats[1] += 1;
                done.clone()
            }
            None => {
                state.stats[2] += 1;
                let d = self.decide(&surface, ei, single, w0.script, state);
                state.stats[3] += d.is_some() as usize;

                state.confirmed.insert(memo, d.clone());
                d
            }
        };
        decided.map(|(score, explanation)| Accepted {
            entity: ei,
            span,
            score,
            explanation,
        })
    }

    /// Screen the text `surface` (written in `script`) against entity `ei`: its score and
    /// explanation when it is a mention.
    fn decide(
        &self,
        surface: &str,
        ei: usize,
        single: Option<Single>,
        script: Script,
        state: &mut ScanState,
    ) -> Option<(f64, Explanation)> {
        let entity = &self.index.entities()[ei];
        let surface = surface.to_string();
        let style = style_for(Some(entity.schema));
        let qpn = state.prepared(&surface, entity.schema, self.index);
        let pq = PreparedQuery {
            query: Query {
                names: vec![surface.clone()],
                schema: Some(entity.schema),
                ..Default::default()
            },
            names: vec![qpn.clone()],
        };
        let names = &self.listed.names[ei];
        let res = score_entity(&pq, entity, names, &self.config.matching);
        let threshold = self
            .config
            .matching
            .threshold_for(entity.schema.as_str(), &entity.datasets());
        if res.score < threshold {
            return None;
        }
        let chosen = res
            .explanation
            .name
            .as_ref()
            .and_then(|n| names.iter().position(|c| c.value == n.matched_name))?;
        // One word of a caseless script ("غادر" "left", "كوري" "Korean") spells too many listed
        // company words across scripts: a one-word organisation name is taken there only when
        // the list writes it in that script.
        if single == Some(Single::Organization)
            && !matches!(script, Script::Latin | Script::Cyrillic)
            && !names[chosen].tokens.iter().any(|t| t.script == script)
        {
            return None;
        }
        if !self.covers(qpn, &names[chosen], style, ei, single) {
            return None;
        }
        Some((res.score, res.explanation))
    }

    /// Does the text's name cover the listed one? Two name parts at least, and every listed
    /// part left out one that writers leave out.
    fn covers(
        &self,
        q: &PreparedName,
        c: &PreparedName,
        style: NameStyle,
        entity: usize,
        single: Option<Single>,
    ) -> bool {
        let s = score_names(q, c);
        let aligned: usize = s
            .alignment
            .pairs
            .iter()
            .filter(|p| p.similarity >= 0.5)
            .map(|p| p.q.len())
            .sum();
        let mut left_out: Vec<usize> = s.alignment.unmatched_c.clone();
        for p in &s.alignment.pairs {
            if p.similarity < 0.5 {
                left_out.extend(p.c.clone());
            }
        }
        match style {
            NameStyle::Person => {
                if aligned < 2 {
                    return false;
                }
                // Word tokens in the order prose writes them: "ARCE JARAMILLO, Melba Rosa" is
                // Melba Rosa Arce Jaramillo, whose first and last parts a mention keeps.
                let mut words: Vec<usize> = (0..c.tokens.len())
                    .filter(|&i| c.tokens[i].role == TokenRole::Word)
                    .collect();
                let surname_first = self.listed.surnames[entity]
                    .iter()
                    .filter(|&&(n, _)| std::ptr::eq(&self.listed.names[entity][n as usize], c))
                    .count();

                let east_asian = self.listed.east_asian[entity]
                    || (words.len() == 3 && words.iter().all(|&i| c.tokens[i].text.len() <= 4));
                if !east_asian
                    && surname_first > 0
                    && c.value.contains(',')
                    && surname_first < words.len()
                {
                    words.rotate_left(surname_first);
                }
                left_out.iter().all(|&j| {
                    let t = &c.tokens[j];
                    if t.role != TokenRole::Word || is_patronymic(&t.text) {
                        return true;
                    }
                    let inner = words.first() != Some(&j) && words.last() != Some(&j);
                    inner && (words.len() >= 4 || (words.len() == 3 && !east_asian))
                })
            }
            NameStyle::Vessel => aligned >= 2 || single == Some(Single::Vessel),
            NameStyle::Organization => {
                if single == Some(Single::Organization) {
                    // One word of text for a one-word name: only the very word ("Hamas").
                    return s.score >= 0.95;
                }
                // The distinctive words of the name are there: "البنك المركزي" (the central
                // bank) is not "BANK MARKAZI IRAN", "North Korean" is not "NORTH KOREAN ZINC
                // INDUSTRY GROUP". A place may be left out ("Bank Melli" is BANK MELLI IRAN),
                // but only in the list's own script: across scripts the words compared are
                // sounds, and two sounds of a three-word name are too little.
                let word = |j: usize| c.tokens[j].role == TokenRole::Word;
                let generic =
                    |j: usize| embargo_names::legal_form::is_generic_org_word(&c.tokens[j].text);
                let core = |j: usize| word(j) && !generic(j) && !is_place_word(&c.tokens[j].text);
                let missing_core = left_out.iter().filter(|&&j| core(j)).count();
                let missing_place = left_out
                    .iter()
                    .filter(|&&j| word(j) && !generic(j) && !core(j))
                    .count();
                let present_core = s
                    .alignment
                    .pairs
                    .iter()
                    .filter(|p| p.similarity >= 0.5)
                    .flat_map(|p| p.c.clone())
                    .filter(|&j| core(j))
                    .count();
                let cross_script = q
                    .tokens
                    .iter()
                    .any(|t| !matches!(t.script, Script::Latin | Script::Common));
                let missing = missing_core + missing_place;
                // The first distinctive word is what tells an organisation from others of its
                // kind ("CHECHENSKIE mineralnye vody", "YAYASAN hilal ahmar"): one other may be
                // left out, not that one.
                let first_core = (0..c.tokens.len()).find(|&j| core(j));
                let first_present = first_core.is_some_and(|f| !left_out.contains(&f));
                aligned >= 2
                    && present_core >= 1
                    && (missing_core == 0
                        || (present_core >= 2 && missing_core == 1 && first_present))
                    && !(cross_script && missing_place > 0)
                    && 3 * missing <= c.tokens.len()
            }
        }
    }

    /// Add surname-only references to parties named in full before them.
    fn coreferences(&self, tp: &TextPieces, mentions: &mut Vec<Selected>, state: &mut ScanState) {
        if mentions.is_empty() {
            return;
        }
        // Surname keys of the mentioned entities → (entity, name, token).
        let mut surname_keys: HashMap<Key, Vec<(usize, u16, u16)>> = HashMap::default();
        let mut mentioned: Vec<usize> = mentions.iter().flat_map(|m| m.entities.clone()).collect();
        mentioned.sort_unstable();
        mentioned.dedup();
        for &e in &mentioned {
            for &(n, t) in &self.listed.surnames[e] {
                for &k in self.listed.keys[e][n as usize][t as usize].iter() {
                    if k != 0 {
                        surname_keys.entry(k).or_default().push((e, n, t));
                    }
                }
            }
        }
        let full: Vec<(usize, usize, Vec<usize>, f64)> = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (i, m.mention.start, m.entities.clone(), m.mention.score))
            .collect();
        let mut added: Vec<Selected> = Vec::new();
        for p in &tp.pieces {
            if p.han {
                continue;
            }
            let v0 = &p.variants[0];
            // Full mentions are sorted and disjoint: only the last one starting before the piece
            // ends can overlap it.
            let after = mentions.partition_point(|m| m.mention.byte_start < v0.byte_end);
            if after > 0 && mentions[after - 1].mention.byte_end > v0.byte_start {
                continue;
            }
            if self.next_to_other_name(tp, p) {
                continue;
            }
            let mut best: Option<(usize, Vec<usize>, String, f64, usize)> = None;
            for (vi, v) in p.variants.iter().enumerate() {
                for k in &v.keys {
                    let Some(hits) = surname_keys.get(k) else {
                        continue;
                    };
                    for &(e, n, t) in hits {
                        // The latest full mention before this piece that names `e`.
                        let before = full.partition_point(|(_, start, _, _)| *start < v.start);
                        let Some(&(ai, _, ref ents, _)) = full[..before]
                            .iter()
                            .rev()
                            .find(|(_, _, ents, _)| ents.contains(&e))
                        else {
                            continue;
                        };
                        let listed = &self.listed.names[e][n as usize];
                        let token = &listed.tokens[t as usize];
                        let surname = PreparedName {
                            value: token.original.clone(),
                            kind: NameKind::Primary,
                            style: NameStyle::Person,
                            tokens: vec![token.clone()],
                            double_surname: None,
                            comma_family: None,
                        };
                        let q = state.prepared(&v.surface, Schema::Person, self.index);
                        let sim = score_names(q, &surname).score;
                        if sim < self.config.coreference_similarity {
                            continue;
                        }
                        if best.as_ref().is_none_or(|b| sim > b.3) {
                            let ents: Vec<usize> = ents
                                .iter()
                                .copied()
                                .filter(|&x| {
                                    x == e
                                        || self.listed.surnames[x].iter().any(|&(n2, t2)| {
                                            self.listed.names[x][n2 as usize].tokens[t2 as usize]
                                                .text
                                                == token.text
                                        })
                                })
                                .collect();
                            best = Some((ai, ents, token.original.clone(), sim, vi));
                        }
                    }
                }
            }
            let Some((ai, ents, surname, sim, vi)) = best else {
                continue;
            };
            let v = &p.variants[vi];
            // Two letters of a caseless or phonetic script ("زع" after "و", "Ли") sound like
            // too many surnames; a Hangul syllable is a whole surname (김).
            let letters = v.surface.chars().filter(|c| c.is_alphabetic()).count();
            if letters < 3 && tp.words[p.word].script != Script::Hangul {
                continue;
            }
            let antecedent = &mentions[ai].mention;
            let e = ents[0];
            let entity = &self.index.entities()[e];
            let q = state
                .prepared(&v.surface, entity.schema, self.index)
                .clone();
            let pq = PreparedQuery {
                query: Query::name(v.surface.clone()),
                names: vec![q],
            };
            let res = score_entity(&pq, entity, &self.listed.names[e], &self.config.matching);
            let ids: Vec<String> = ents
                .iter()
                .map(|&x| self.index.entities()[x].id.to_string())
                .collect();
            added.push(Selected {
                entities: ents,
                mention: Mention {
                    start: v.start,
                    end: v.end,
                    byte_start: v.byte_start,
                    byte_end: v.byte_end,
                    surface: String::new(),
                    entity_ids: ids,
                    score: round4(antecedent.score * sim),
                    kind: MentionKind::Coreference,
                    explanation: res.explanation,
                    coreference: Some(Coreference {
                        antecedent: ai,
                        surname,
                        similarity: round4(sim),
                    }),
                },
            });
        }
        if added.is_empty() {
            return;
        }
        mentions.extend(added);
        // Back to text order; antecedent indices follow their mentions.
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&i| mentions[i].mention.byte_start);
        let mut new_index = vec![0usize; mentions.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut sorted: Vec<Selected> = order.iter().map(|&i| mentions[i].clone()).collect();
        for m in &mut sorted {
            if let Some(c) = &mut m.mention.coreference {
                c.antecedent = new_index[c.antecedent];
            }
        }
        *mentions = sorted;
    }

    /// In prose with letter case, is the piece next to a capitalised word that is not a title?
    /// Then it is part of another name ("Kim Yo Jong", "Kim Min-jae"), not a reference back.
    ///
    /// Arabic has no capitals: there the word after is taken for another name part when it is
    /// a bare word, neither a function word nor carrying the article or a proclitic ("كيم مين
    /// جاي" is Kim Min-jae; in "وكيم القاعة", "and Kim [left] the hall", the next word has
    /// the article, and in "كيم أن" it is a function word).
    fn next_to_other_name(&self, tp: &TextPieces, p: &Piece) -> bool {
        let w = p.word;
        if tp.words[w].script == Script::Arabic {
            return tp.words.get(w + 1).is_some_and(|x| {
                x.joined
                    && x.script == Script::Arabic
                    && !is_arabic_function_word(x.text)
                    && arabic_prefixes(&normalize_arabic(x.text)).is_empty()
            });
        }
        if !tp.cased {
            return false;
        }
        let namelike = |x: &Word| {
            matches!(x.script, Script::Latin | Script::Cyrillic)
                && x.capitalized
                && !honorific::is_honorific(&latin_text(x.text))
                && !particle::is_particle(&latin_text(x.text))
        };
        let before = w > 0
            && tp.words[w].joined
            && !tp.words[w - 1].sentence_start
            && namelike(&tp.words[w - 1]);
        let after = tp.words.get(w + 1).is_some_and(|x| x.joined && namelike(x));
        before || after
    }

    fn summaries(&self, mentions: &[Selected]) -> Vec<EntitySummary> {
        let mut out: Vec<EntitySummary> = Vec::new();
        let mut at: HashMap<usize, usize> = HashMap::default();
        for (mi, m) in mentions.iter().enumerate() {
            for &e in &m.entities {
                let i = *at.entry(e).or_insert_with(|| {
                    let ent = &self.index.entities()[e];
                    out.push(EntitySummary {
                        id: ent.id.to_string(),
                        caption: ent.caption().to_string(),
                        schema: ent.schema.to_string(),
                        datasets: ent.datasets(),
                        count: 0,
                        best_score: 0.0,
                        first_mention: mi,
                    });
                    out.len() - 1
                });
                out[i].count += 1;
                out[i].best_score = out[i].best_score.max(m.mention.score);
            }
        }
        out
    }
}

/// Does one of the three words before `word` say that a vessel or aircraft follows?
fn vessel_cue(tp: &TextPieces, word: usize) -> bool {
    tp.words[word.saturating_sub(3)..word].iter().any(|w| {
        // No cue is longer than 14 bytes ("السفينه"); with a few short vowels written, 24:
        // most words need no folding.
        if w.text.len() > 24 {
            return false;
        }
        let l = normalize_arabic(&w.text.to_lowercase());
        let t = latin_text(&l);
        VESSEL_CUES.contains(&l.as_str()) || VESSEL_CUES.contains(&t.as_str())
    })
}

/// A word of an organisation's name that says where it is rather than what it is ("Iran",
/// "Korean", "North"): leaving it out does not change which organisation is meant, and having
/// only it does not name one.
fn is_place_word(token: &str) -> bool {
    matches!(
        token,
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "korean"
            | "korea"
            | "arab"
            | "islamic"
            | "republic"
            | "democratic"
            | "people"
            | "peoples"
            | "national"
    ) || embargo_model::CountryCode::parse(token).is_some()
}

/// A mention with the entity indices behind its ids.
#[derive(Clone, Debug)]
struct Selected {
    entities: Vec<usize>,
    mention: Mention,
}

/// Resolve overlapping confirmed spans: the best-scoring (then longest) span wins; every entity
/// confirmed on exactly that span is named by it.
fn select(accepted: &[Accepted], id_of: impl Fn(usize) -> String) -> Vec<Selected> {
    let mut spans: HashMap<(usize, usize, usize, usize), Vec<&Accepted>> = HashMap::default();
    for a in accepted {
        spans.entry(a.span).or_default().push(a);
    }
    let mut groups: Vec<((usize, usize, usize, usize), Vec<&Accepted>)> =
        spans.into_iter().collect();
    for (_, v) in &mut groups {
        v.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
        v.dedup_by_key(|a| a.entity);
    }
    groups.sort_by(|a, b| {
        b.1[0]
            .score
            .total_cmp(&a.1[0].score)
            .then((b.0 .1 - b.0 .0).cmp(&(a.0 .1 - a.0 .0)))
            .then(a.0.cmp(&b.0))
    });
    let mut kept: Vec<Selected> = Vec::new();
    for (span, v) in groups {
        if kept
            .iter()
            .any(|k| k.mention.start < span.1 && span.0 < k.mention.end)
        {
            continue;
        }
        let best = v[0];
        kept.push(Selected {
            entities: v.iter().map(|a| a.entity).collect(),
            mention: Mention {
                start: span.0,
                end: span.1,
                byte_start: span.2,
                byte_end: span.3,
                surface: String::new(),
                entity_ids: v.iter().map(|a| id_of(a.entity)).collect(),
                score: best.score,
                kind: MentionKind::Name,
                explanation: best.explanation.clone(),
                coreference: None,
            },
        });
    }
    kept.sort_by_key(|k| k.mention.start);
    kept
}

/// Most pieces one mention spans.
const MAX_RUN: usize = 8;

/// Cross-script similarity below which an Arabic or Hangul word is not worth a full comparison
/// with a name (the matcher needs far more to reach a threshold).
const PREFILTER_SIMILARITY: f64 = 0.5;

/// Per-scan caches: the same surface is screened against many candidate entities.
#[derive(Default)]
struct ScanState {
    prepared: HashMap<(String, u8), PreparedName>,
    similarity: HashMap<Key, f64>,
    /// (entity, text given to the matcher, one-word kind) → the confirmed score and explanation.
    confirmed: HashMap<(usize, Key, u8), Option<(f64, Explanation)>>,
    /// For `EMBARGO_DEBUG_TEXT`: runs prefiltered, repeated, screened, accepted.
    stats: [usize; 4],
}

impl ScanState {
    fn similarity(&mut self, native: &str, latin: &str) -> f64 {
        let k = pair(key(KeyKind::Exact, native), key(KeyKind::Loose, latin));
        *self
            .similarity
            .entry(k)
            .or_insert_with(|| embargo_names::crossscript::similarity(native, latin))
    }

    fn prepared(&mut self, surface: &str, schema: Schema, index: &Index) -> &PreparedName {
        let style = style_for(Some(schema));
        let tag = match style {
            NameStyle::Person => 0,
            NameStyle::Organization => 1,
            NameStyle::Vessel => 2,
        };
        self.prepared
            .entry((surface.to_string(), tag))
            .or_insert_with(|| {
                PreparedName::new(surface, NameKind::Primary, Some(schema), index.stats())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_pieces_strip_proclitics() {
        let tp = pieces("وكيم لبوتين");
        let surfaces: Vec<Vec<&str>> = tp
            .pieces
            .iter()
            .map(|p| p.variants.iter().map(|v| v.surface.as_str()).collect())
            .collect();
        assert_eq!(
            surfaces,
            [vec!["وكيم", "يم", "كيم"], vec!["لبوتين", "بوتين"]]
        );
    }
}

#[cfg(test)]
mod spelling_tests {
    use super::french_spelling;

    #[test]
    fn french_spellings() {
        assert_eq!(french_spelling("poutine").as_deref(), Some("putin"));
        assert_eq!(french_spelling("choigou").as_deref(), Some("shoigu"));
        assert_eq!(french_spelling("bachar").as_deref(), Some("bashar"));
        assert_eq!(french_spelling("assad"), None);
    }
}
