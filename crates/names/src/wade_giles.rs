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
use std::collections::HashMap;
use std::sync::OnceLock;

/// The longest pinyin syllable ("zhuang", "shuang").
const MAX_SYLLABLE: usize = 6;

/// Every toneless pinyin syllable with a vowel that a CJK Unified Ideograph is read as, with
/// its Wade–Giles spelling (apostrophes dropped).
fn syllables() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for cp in 0x4E00u32..=0x9FFF {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            for r in readings(c) {
                // Interjections read without a vowel (嗯 "n", "ng", 呣 "m") are no syllables
                // of a name, and would make "chin" pinyin ("chi" + "n").
                if !r.contains(['a', 'e', 'i', 'o', 'u']) {
                    continue;
                }
                if !m.contains_key(&r) {
                    let wg = wade_giles(&r);
                    m.insert(r, wg);
                }
            }
        }
        m
    })
}

/// Whether a syllable beginning `rest` begins with *a*, *e* or *o*: pinyin writes such a
/// syllable after another with an apostrophe ("Xi'an"), so within a word written without one
/// it can only come first ("chiang" is not *chi* + *ang*).
fn vowel_initial(rest: &str) -> bool {
    matches!(rest.as_bytes().first(), Some(b'a' | b'e' | b'o'))
}

/// Whether `word` (lowercase ASCII) is a run of pinyin syllables ("jinping", "xi").
pub fn is_pinyin(word: &str) -> bool {
    let s = syllables();
    let n = word.len();
    let mut reach = vec![false; n + 1];
    reach[0] = true;
    for p in 0..n {
        if !reach[p] {
            continue;
        }
        for l in 1..=MAX_SYLLABLE.min(n - p) {
            if word.is_char_boundary(p + l)
                && (p == 0 || !vowel_initial(&word[p..]))
                && s.contains_key(&word[p..p + l])
            {
                reach[p + l] = true;
            }
        }
    }
    reach[n]
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
    let s = syllables();
    (1..=MAX_SYLLABLE.min(py.len())).any(|l| {
        py.is_char_boundary(l)
            && s.get(&py[..l]).is_some_and(|w| {
                !py.starts_with('r')
                    && wg.starts_with(w.as_str())
                    && spelt_from(&py[l..], &wg[w.len()..], false)
            })
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
    let one_way = |py: &str, wg: &str| wg.len() >= 3 && spelt_as(py, wg) && !is_pinyin(wg);
    one_way(a, b) || one_way(b, a)
}

/// Whether two words can begin with the same syllable in the two romanisations: the same letter,
/// or a pinyin initial and its Wade–Giles letter (x / h, j q z / c, b / p, d / t, g / k, z c /
/// t). A cheap filter before [`same_name`].
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

    #[test]
    fn initials() {
        assert!(initials_may_agree(b'j', b'c'));
        assert!(initials_may_agree(b'h', b'x'));
        assert!(!initials_may_agree(b'j', b'x'));
    }
}
