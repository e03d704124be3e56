//! Whether two Latin words are one Chinese name in the two romanisations it is found in:
//! Hanyu Pinyin (the standard since 1979, "Xi Jinping", "Mao Zedong") and Wade–Giles, without
//! the apostrophes that lists and passports drop ("Hsi Chin-ping", "Mao Tse-tung").
//!
//! The two spell the same syllables with different letters (pinyin *x* is Wade–Giles *hs*, *j*,
//! *q* and *zh* are *ch*, *b*, *d*, *g* are *p*, *t*, *k*, *z* and *c* are *ts*), so no edit
//! distance or phonetic key relates "Hsi" and "Xi" or "Chinping" and "Jinping"; the conversion
//! does. Pinyin → Wade–Giles is a function ([`crate::crossscript::chinese::wade_giles`]), so a
//! word is compared in its Wade–Giles form.
//!
//! Only words that are Wade–Giles and *not* pinyin count as the Wade–Giles side: with the
//! apostrophes gone, Wade–Giles spells some syllables as other pinyin syllables ("tang" is pinyin
//! *dang* and *tang*), and two pinyin words that meet there are two names (党 Dang, 唐 Tang).
//! Pinyin *r* (Wade–Giles *j*) is left out for the same reason on the European side: "Jan",
//! "Jen", "Jung" are European names far more often than Wade–Giles *ran*, *ren*, *rong*.

use crate::crossscript::chinese::{readings, wade_giles};
use std::sync::OnceLock;

/// The longest pinyin syllable ("zhuang", "shuang").
const MAX_SYLLABLE: usize = 6;

/// Every toneless pinyin syllable with a vowel that a CJK Unified Ideograph is read as, with
/// its Wade–Giles spelling (apostrophes dropped), sorted by [`pack`]ed pinyin: looked up by
/// binary search, as this runs for many token pairs of every query.
fn syllables() -> &'static [(u64, String)] {
    static TABLE: OnceLock<Vec<(u64, String)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m: Vec<(u64, String)> = Vec::new();
        for cp in 0x4E00u32..=0x9FFF {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            for r in readings(c) {
                // Interjections read without a vowel (嗯 "n", "ng", 呣 "m") are no syllables
                // of a name, and would make "chin" pinyin ("chi" + "n").
                if !r.contains(['a', 'e', 'i', 'o', 'u']) || r.len() > MAX_SYLLABLE {
                    continue;
                }
                if let Some(key) = pack(&r) {
                    let wg = wade_giles(&r);
                    m.push((key, wg));
                }
            }
        }
        m.sort_by_key(|e| e.0);
        m.dedup_by_key(|e| e.0);
        m
    })
}

/// Up to eight ASCII bytes as one number (a syllable's key).
fn pack(s: &str) -> Option<u64> {
    if s.len() > 8 || !s.is_ascii() {
        return None;
    }
    Some(s.bytes().fold(0u64, |k, b| (k << 8) | u64::from(b)))
}

/// The Wade–Giles spelling of `py` when it is a pinyin syllable.
fn syllable(py: &str) -> Option<&'static str> {
    let key = pack(py)?;
    let t = syllables();
    t.binary_search_by_key(&key, |e| e.0)
        .ok()
        .map(|i| t[i].1.as_str())
}

/// Whether a syllable beginning `rest` begins with *a*, *e* or *o*: pinyin writes such a
/// syllable after another with an apostrophe ("Xi'an"), so within a word written without one
/// it can only come first ("chiang" is not *chi* + *ang*).
fn vowel_initial(rest: &str) -> bool {
    matches!(rest.as_bytes().first(), Some(b'a' | b'e' | b'o'))
}

/// Whether `word` (lowercase ASCII) is a run of pinyin syllables ("jinping", "xi").
pub fn is_pinyin(word: &str) -> bool {
    let n = word.len();
    // reach bit p: the first p letters are whole syllables.
    if n == 0 || n > 63 || !word.is_ascii() {
        return false;
    }
    let mut reach: u64 = 1;
    for p in 0..n {
        if reach & (1 << p) == 0 || (p > 0 && vowel_initial(&word[p..])) {
            continue;
        }
        for l in 1..=MAX_SYLLABLE.min(n - p) {
            if syllable(&word[p..p + l]).is_some() {
                reach |= 1 << (p + l);
            }
        }
    }
    reach & (1 << n) != 0
}

/// Whether the pinyin word `py` spelt in Wade–Giles, syllable by syllable, is `wg` (both
/// lowercase ASCII, no separators).
fn spelt_as(py: &str, wg: &str) -> bool {
    spelt_from(py, wg, true)
}

/// [`spelt_as`] from a syllable boundary; `first`: at the start of the word.
fn spelt_from(py: &str, wg: &str, first: bool) -> bool {
    if py.is_empty() {
        return wg.is_empty();
    }
    if !first && vowel_initial(py) {
        return false;
    }
    if py.starts_with('r') || !py.is_ascii() {
        return false;
    }
    (1..=MAX_SYLLABLE.min(py.len())).any(|l| {
        syllable(&py[..l])
            .is_some_and(|w| wg.starts_with(w) && spelt_from(&py[l..], &wg[w.len()..], false))
    })
}

/// Whether two Latin words (lowercase ASCII comparison text) are one Chinese name, one in pinyin
/// and the other in Wade–Giles that is no pinyin: "xi" / "hsi", "jinping" / "chinping", "zedong"
/// / "tsetung". False for two pinyin words, and for words of less than three letters on the
/// Wade–Giles side.
pub fn same_name(a: &str, b: &str) -> bool {
    if a == b || !a.is_ascii() || !b.is_ascii() {
        return false;
    }
    let one_way = |py: &str, wg: &str| {
        wg.len() >= 3 && wade_giles_letters(wg) && spelt_as(py, wg) && !is_pinyin(wg)
    };
    one_way(a, b) || one_way(b, a)
}

/// What a word can be in the two romanisations, worked out once per token: [`same_name`] and
/// the merged-pairing filter ask it of every pair of tokens a query meets, and the pinyin
/// segmentation is the costly part of both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Romanisation {
    /// [`is_pinyin`].
    pub pinyin: bool,
    /// [`wade_giles_letters`].
    pub wade_giles_letters: bool,
    len: usize,
}

impl Romanisation {
    pub fn of(word: &str) -> Romanisation {
        Romanisation {
            pinyin: is_pinyin(word),
            wade_giles_letters: word.is_ascii() && wade_giles_letters(word),
            len: word.len(),
        }
    }

    /// Whether the word can be the Wade–Giles side of [`same_name`].
    pub fn wade_giles_side(self) -> bool {
        self.len >= 3 && self.wade_giles_letters && !self.pinyin
    }

    /// Whether [`same_name`] can hold for words of these classes: one must be pinyin and the
    /// other the Wade–Giles side (a necessary condition, exact for `false`).
    pub fn may_be_one_name(self, other: Romanisation) -> bool {
        (self.pinyin && other.wade_giles_side()) || (other.pinyin && self.wade_giles_side())
    }
}

/// Whether `word` (lowercase ASCII) uses only the letters Wade–Giles spells Mandarin with:
/// none of *b d q x z v*, *g* only in *ng*, *c* only in *ch*, *r* only in *erh*, and no *j*
/// (Wade–Giles *j* is pinyin *r*, left out: see the module's note). A cheap test that rules out most words of other languages before [`same_name`]
/// segments them ("Brandon", "Garcia", "Roberts").
#[inline]
pub fn wade_giles_letters(word: &str) -> bool {
    let w = word.as_bytes();
    w.iter().enumerate().all(|(i, &c)| match c {
        b'b' | b'd' | b'j' | b'q' | b'x' | b'z' | b'v' => false,
        b'g' => i > 0 && w[i - 1] == b'n',
        b'c' => w.get(i + 1) == Some(&b'h'),
        b'r' => i > 0 && w[i - 1] == b'e' && w.get(i + 1) == Some(&b'h'),
        _ => c.is_ascii_lowercase(),
    })
}

/// Whether two words can begin with the same syllable in the two romanisations: the same letter,
/// or a pinyin initial and its Wade–Giles letter (x / h, j q z / c, b / p, d / t, g / k, z c /
/// t). A cheap filter before [`same_name`].
#[inline]
pub fn initials_may_agree(a: u8, b: u8) -> bool {
    let pair = |x: u8, y: u8| {
        matches!(
            (x, y),
            (b'x', b'h')
                | (b'j' | b'q' | b'z', b'c')
                | (b'b', b'p')
                | (b'd', b't')
                | (b'g', b'k')
                | (b'z' | b'c', b't')
                | (b's', b's')
                | (b'y', b'i')
        )
    };
    a == b || pair(a, b) || pair(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_and_wade_giles_spell_one_name() {
        assert!(same_name("xi", "hsi"));
        assert!(same_name("chinping", "jinping"));
        assert!(same_name("zedong", "tsetung"));
        assert!(same_name("chin", "jin"));
        assert!(same_name("hsu", "xu"));
        // "chiang" is no pinyin: a syllable in a, e, o follows another only after an apostrophe.
        assert!(!is_pinyin("chiang"));
        assert!(same_name("chiang", "jiang"));
    }

    #[test]
    fn two_pinyin_words_or_european_names_are_not_one() {
        // Both pinyin: 党 Dang and 唐 Tang.
        assert!(!same_name("dang", "tang"));
        // Pinyin r is Wade–Giles j, but "Jan" is a European name.
        assert!(!same_name("ran", "jan"));
        assert!(!same_name("xi", "xi"));
        assert!(!same_name("jinping", "chinpong"));
        assert!(is_pinyin("jinping"));
        assert!(!is_pinyin("hsi"));
    }

    /// The classes never rule out a pair [`same_name`] accepts.
    #[test]
    fn classes_rule_out_only_what_same_name_refuses() {
        let words = [
            "xi", "hsi", "jinping", "chinping", "zedong", "tsetung", "chin", "jin", "hsu", "xu",
            "chiang", "jiang", "dang", "tang", "ran", "jan", "smith", "mao", "li", "lee", "wang",
            "huang", "chou", "zhou", "teng", "deng", "kuo", "guo", "",
        ];
        for a in words {
            for b in words {
                if same_name(a, b) {
                    assert!(
                        Romanisation::of(a).may_be_one_name(Romanisation::of(b)),
                        "{a} / {b}"
                    );
                }
            }
        }
        assert!(!Romanisation::of("smith").may_be_one_name(Romanisation::of("lee")));
    }

    #[test]
    fn letters() {
        assert!(wade_giles_letters("hsichinping"));
        assert!(wade_giles_letters("erh"));
        assert!(!wade_giles_letters("garcia"));
        assert!(!wade_giles_letters("jinping"));
    }

    #[test]
    fn initials() {
        assert!(initials_may_agree(b'j', b'c'));
        assert!(initials_may_agree(b'h', b'x'));
        assert!(!initials_may_agree(b'j', b'x'));
    }
}
