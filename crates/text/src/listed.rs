//! The listed names, keyed for scanning text.
//!
//! A person is named in text by at least two parts of their name ("Vladimir Putin", "Kim Jong
//! Un"); one part alone ("Kim", "Mohammed") names nobody in particular. So the main table is
//! keyed by *pairs* of name tokens: every unordered pair of tokens of a listed name, under each
//! [`KeyKind`](crate::key::KeyKind). Two neighbouring words of the text whose keys form such a
//! pair propose that name; the matcher decides. Keying pairs rather than single tokens also keeps
//! the work per word small: "Mohammed" alone is in thousands of listed names, "Mohammed" next to
//! "Makhlouf" in a handful.
//!
//! Names that may be written as one word are keyed alone ([`Single`]): an organisation whose
//! name has one distinctive word ("Hamas"), a vessel ("Graceful", only after a word such as
//! "tanker"), and an East Asian personal name that Korean writes as one word (김정은 = Kim Jong
//! Un).
//!
//! For coreference the table also knows each person's *surname* tokens: the part before the
//! comma in "PUTIN, Vladimir Vladimirovich", the first token of an East Asian name, else the last.

use crate::key::{key, loose_latin, loose_native, pair, Key, KeyKind};
use embargo_matcher::prepared::PreparedName;
use embargo_matcher::Index;
use embargo_model::{Entity, NameKind, Schema};
use embargo_names::{analyze, NameStyle, Script, TokenRole};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already hashes: pass them through.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type KeyMap<V> = HashMap<Key, V, BuildHasherDefault<KeyHasher>>;

/// A name of an entity: (entity index in the index, name index in the entity).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct NameRef {
    pub entity: u32,
    pub name: u16,
}

/// Why a name may be found from one word of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Single {
    /// An organisation name with one distinctive word.
    Organization,
    /// A vessel or aircraft name of one word: only after a word that says it is one.
    Vessel,
    /// A short East Asian personal name written as one word (김정은).
    Joined,
}

/// Tokens of a name beyond this many do not form pairs (long company names).
const MAX_PAIR_TOKENS: usize = 8;
/// At most this many names are proposed by one key pair (the commonest pairs are uninformative).
pub(crate) const MAX_NAMES_PER_KEY: usize = 400;
/// The same for a pair of loose keys, which are coarse: two short Arabic words spell the
/// consonants of hundreds of listed name pairs.
pub(crate) const MAX_NAMES_PER_LOOSE_KEY: usize = 40;

/// Countries whose people lists write family name first in short syllables.
const EAST_ASIAN: &[&str] = &["KP", "KR", "CN", "TW", "HK", "MO"];

pub(crate) struct Listed {
    /// Per entity, its names prepared with the index's token statistics.
    pub names: Vec<Vec<PreparedName>>,
    /// Per entity, per name, per token: the token's keys.
    pub keys: Vec<Vec<Vec<TokenKeys>>>,
    pub pairs: KeyMap<Vec<NameRef>>,
    pub singles: KeyMap<Vec<(NameRef, Single)>>,
    /// Per entity: (name, token) indices of surname tokens.
    pub surnames: Vec<Vec<(u16, u16)>>,
    pub east_asian: Vec<bool>,
}

/// The keys of one token, one per [`KeyKind`] in order (0 where the kind gives none).
pub(crate) type TokenKeys = [Key; 3];

/// The keys of one prepared token.
fn token_keys(text: &str, skeleton: &str, original: &str, script: Script) -> TokenKeys {
    let mut out = [key(KeyKind::Exact, text), 0, 0];
    if skeleton.len() >= 2 {
        out[1] = key(KeyKind::Skeleton, skeleton);
    }
    let native = matches!(script, Script::Arabic | Script::Hangul);
    let loose = if native {
        loose_native(original)
    } else {
        loose_latin(text)
    };
    if !loose.is_empty() {
        out[2] = key(KeyKind::Loose, &loose);
    }
    out
}

fn is_east_asian(e: &Entity) -> bool {
    e.all_countries().any(|c| EAST_ASIAN.contains(&c.as_str()))
        || e.programs.iter().any(|p| p.contains("DPRK"))
}

/// A patronymic or "son of" form, which text usually leaves out.
pub(crate) fn is_patronymic(token: &str) -> bool {
    [
        "ovich", "evich", "ovych", "yevych", "ovna", "evna", "ivna", "ogly", "oglu", "kyzy",
    ]
    .iter()
    .any(|s| token.len() > s.len() + 2 && token.ends_with(s))
}

/// Indices of the surname tokens of a person's name.
fn surname_tokens(n: &PreparedName, east_asian: bool) -> Vec<usize> {
    let words: Vec<usize> = (0..n.tokens.len())
        .filter(|&i| n.tokens[i].role == TokenRole::Word)
        .collect();
    if words.len() < 2 {
        return Vec::new();
    }
    if let Some((before, _)) = n.value.split_once(',') {
        let k = analyze(before, NameStyle::Person)
            .iter()
            .filter(|t| t.is_compared())
            .count();
        let out: Vec<usize> = words.iter().copied().filter(|&i| i < k).collect();
        if !out.is_empty() && out.len() < words.len() {
            return out;
        }
    }
    let split = n.tokens.iter().any(|t| t.split);
    if east_asian || split {
        vec![words[0]]
    } else {
        vec![words[words.len() - 1]]
    }
}

impl Listed {
    pub fn build(index: &Index) -> Listed {
        let stats = index.stats();
        let mut names = Vec::with_capacity(index.len());
        let mut keys = Vec::with_capacity(index.len());
        let mut pairs: KeyMap<Vec<NameRef>> = KeyMap::default();
        let mut singles: KeyMap<Vec<(NameRef, Single)>> = KeyMap::default();
        let mut surnames = Vec::with_capacity(index.len());
        let mut east = Vec::with_capacity(index.len());
        for (ei, e) in index.entities().iter().enumerate() {
            let ea = is_east_asian(e);
            let mut ens: Vec<PreparedName> = Vec::with_capacity(e.names.len());
            let mut eks: Vec<Vec<TokenKeys>> = Vec::with_capacity(e.names.len());
            let mut sur: Vec<(u16, u16)> = Vec::new();
            for (ni, n) in e.names.iter().enumerate().take(u16::MAX as usize) {
                let pn = PreparedName::new(&n.value, n.kind, Some(e.schema), stats);
                let tk: Vec<TokenKeys> = pn
                    .tokens
                    .iter()
                    .map(|t| token_keys(&t.text, &t.skeleton, &t.original, t.script))
                    .collect();
                let r = NameRef {
                    entity: ei as u32,
                    name: ni as u16,
                };
                if n.kind != NameKind::WeakAlias {
                    index_name(&pn, &tk, r, e.schema, ea, &mut pairs, &mut singles);
                    if e.schema == Schema::Person {
                        for t in surname_tokens(&pn, ea) {
                            sur.push((ni as u16, t as u16));
                        }
                    }
                }
                ens.push(pn);
                eks.push(tk);
            }
            names.push(ens);
            keys.push(eks);
            surnames.push(sur);
            east.push(ea);
        }
        for v in pairs.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        Listed {
            names,
            keys,
            pairs,
            singles,
            surnames,
            east_asian: east,
        }
    }
}

fn push_single(singles: &mut KeyMap<Vec<(NameRef, Single)>>, k: Key, r: NameRef, s: Single) {
    let v = singles.entry(k).or_default();
    if !v.iter().any(|(x, _)| *x == r) {
        v.push((r, s));
    }
}

fn index_name(
    pn: &PreparedName,
    tk: &[TokenKeys],
    r: NameRef,
    schema: Schema,
    east_asian: bool,
    pairs: &mut KeyMap<Vec<NameRef>>,
    singles: &mut KeyMap<Vec<(NameRef, Single)>>,
) {
    let n = pn.tokens.len().min(MAX_PAIR_TOKENS);
    for i in 0..n {
        for j in i + 1..n {
            for (&a, &b) in tk[i].iter().zip(tk[j].iter()).take(3) {
                if a != 0 && b != 0 {
                    pairs.entry(pair(a, b)).or_default().push(r);
                }
            }
        }
    }
    let words: Vec<usize> = (0..pn.tokens.len())
        .filter(|&i| pn.tokens[i].role == TokenRole::Word)
        .collect();
    match schema {
        Schema::Person => {
            // Short syllables, family name first: Korean writes the whole name as one word.
            let syllabic = words.len() >= 2
                && words.len() <= 4
                && pn.tokens.iter().all(|t| t.text.len() <= 5)
                && (east_asian || pn.tokens.iter().any(|t| t.script == Script::Hangul));
            if syllabic {
                let joined: String = pn.tokens.iter().map(|t| t.text.as_str()).collect();
                let lk = loose_latin(&joined);
                if lk.len() >= 3 {
                    push_single(singles, key(KeyKind::Loose, &lk), r, Single::Joined);
                }
                if let Some(t) = pn.tokens.iter().find(|t| t.script == Script::Hangul) {
                    let lk = loose_native(&t.original);
                    if lk.len() >= 3 {
                        push_single(singles, key(KeyKind::Loose, &lk), r, Single::Joined);
                    }
                }
            }
        }
        Schema::Vessel | Schema::Airplane => {
            if words.len() == 1 && pn.tokens[words[0]].text.len() >= 4 {
                for &k in tk[words[0]].iter().filter(|&&k| k != 0) {
                    push_single(singles, k, r, Single::Vessel);
                }
            }
        }
        _ => {
            // Only a name that *is* one word ("HAMAS"): "Washington" in text is the city, not
            // "WASHINGTON LTD".
            if pn.tokens.len() == 1 && words.len() == 1 && pn.tokens[0].text.len() >= 4 {
                // The loose key is what Arabic and Hangul words look up; a one-word name is
                // taken there only when the list writes it in that script (the scanner's
                // `decide`), so a Latin name's loose key would only propose names to refuse.
                let native = matches!(pn.tokens[0].script, Script::Arabic | Script::Hangul);
                for (kind, &k) in tk[words[0]].iter().enumerate() {
                    if k != 0 && (kind != KeyKind::Loose as usize - 1 || native) {
                        push_single(singles, k, r, Single::Organization);
                    }
                }
            }
        }
    }
}
