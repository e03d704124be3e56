//! Chinese names given in their Korean reading: which Mandarin (pinyin) spellings a Sino-Korean
//! Hangul word may stand for.
//!
//! Korean writes a Chinese name by reading its characters the Korean way, not by ear: 老子 is
//! 노자 in Korean and "Laozi" in English, 宣德帝 is 선덕제 and "Xuande Emperor", 唐 is 당 and
//! "Tang". Neither the Korean romanisation rules ([`crate::hangul`]) nor the learned model (which
//! reads Hangul by sound) connect 노자 with "Laozi"; the characters do. Each Sino-Korean syllable
//! ([`crate::sino_korean`]) is the reading of a handful of common characters, and each of those has
//! a Mandarin reading: the table (`data/sino-korean/mandarin.tsv`, derived from the Unicode Han
//! Database by `scripts/sino-korean-mandarin.py`) lists, per syllable, the toneless pinyin
//! syllables of the characters read so (노: lao lu nao nu; 자: ci ji zhe zhi zhu zi). A Latin word
//! that can be cut into one listed pinyin syllable per Hangul syllable, in order, may be the
//! same characters read in Mandarin.
//!
//! Only whole, exact readings count: pinyin is a closed system of about 400 syllables, so a
//! reading is either there or not, and a near miss is another name.

use std::sync::OnceLock;

/// The table: a Sino-Korean syllable, a tab, its pinyin syllables separated by spaces.
const TABLE: &str = include_str!("../data/sino-korean/mandarin.tsv");

/// The similarity of a word to a Latin text that reads its every syllable in Mandarin
/// ([`similarity`]): below the near-certainty of a spelling, since the characters are guessed
/// from their sounds (a syllable is the reading of several), above the alignment's threshold.
pub const READ: f64 = 0.9;

/// The first Hangul syllable, 가.
const FIRST: u32 = 0xAC00;

/// The pinyin readings of every Hangul syllable (index: code point − U+AC00), empty for a
/// syllable that is no Sino-Korean reading; parsed once from [`TABLE`].
fn readings() -> &'static [Vec<&'static str>] {
    static READINGS: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    READINGS.get_or_init(|| {
        let mut out = vec![Vec::new(); 11_172];
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let Some((syllable, pinyin)) = line.split_once('\t') else {
                continue;
            };
            let Some(index) = syllable_index(syllable.chars().next().unwrap_or('\0')) else {
                continue;
            };
            out[index] = pinyin.split(' ').filter(|p| !p.is_empty()).collect();
        }
        out
    })
}

fn syllable_index(c: char) -> Option<usize> {
    let code = (c as u32).checked_sub(FIRST)?;
    (code < 11_172).then_some(code as usize)
}

/// The Mandarin readings of one Hangul syllable (empty when it is no Sino-Korean reading).
///
/// ```
/// use embargo_names::mandarin_reading::of_syllable;
/// assert!(of_syllable('노').contains(&"lao"));
/// assert!(of_syllable('덕').contains(&"de"));
/// assert!(of_syllable('틴').is_empty());
/// ```
pub fn of_syllable(c: char) -> &'static [&'static str] {
    syllable_index(c).map_or(&[], |i| readings()[i].as_slice())
}

/// Whether some Mandarin reading of the first syllable of `native` begins with the first letter
/// of `latin`: the first-letter filter ([`crate::hangul::may_begin`]) knows the letters the
/// romanisations and the sounds of foreign names give a Hangul initial, and Mandarin adds others
/// (ㄱ is also j and h: 金 금 "jin", 漢 한 "han"… 何 하 "he"; ㅁ is also w: 文 문 "wen").
pub fn may_begin(native: &str, latin: &str) -> bool {
    may_begin_with(native, latin.as_bytes().first().copied())
}

/// [`may_begin`] given only the first byte of the Latin text (`None` when it is empty).
pub fn may_begin_with(native: &str, latin_first: Option<u8>) -> bool {
    let (Some(first), Some(letter)) = (native.chars().next(), latin_first) else {
        return false;
    };
    let letter = letter.to_ascii_lowercase();
    of_syllable(first)
        .iter()
        .any(|p| p.as_bytes().first() == Some(&letter))
}

/// Titles that end a ruler's name in Korean, one syllable written with it: 帝 제 "emperor"
/// (선덕제, the Xuande Emperor), 王 왕 "king". English writes the title as a word of its own
/// ("Xuande Emperor", "Emperor Wen"), which is no part of the name compared, so a word of three
/// syllables or more may end with one that the Latin does not read. Not two: a Korean given
/// name may end in 제 (승제, 현제), and its first syllable alone would read as a Chinese given name
/// ("Sheng", "Xian").
const TITLES: [char; 2] = ['제', '왕'];

/// [`READ`] when `latin` (lower-case letters, words written together) is the Hangul word `native`
/// read syllable by syllable in Mandarin, else 0.
///
/// ```
/// use embargo_names::mandarin_reading::{similarity, READ};
/// assert_eq!(similarity("노자", "laozi"), READ);
/// assert_eq!(similarity("선덕제", "xuande"), READ);
/// assert_eq!(similarity("선덕제", "xuandedi"), READ);
/// assert_eq!(similarity("당", "tang"), READ);
/// assert_eq!(similarity("노자", "laoze"), 0.0);
/// assert_eq!(similarity("마틴", "martin"), 0.0);
/// ```
pub fn similarity(native: &str, latin: &str) -> f64 {
    let latin = latin.as_bytes();
    // Positions of `latin` reached after the syllables read so far, as bits.
    if latin.is_empty() || latin.len() >= 64 {
        return 0.0;
    }
    let mut reach: u64 = 1;
    let syllables = native.chars().count();
    // Where the reading may end without the title (see [`TITLES`]).
    let mut untitled = 0u64;
    for (i, c) in native.chars().enumerate() {
        if i + 1 == syllables && i >= 2 && TITLES.contains(&c) {
            untitled = reach;
        }
        let pinyin = of_syllable(c);
        let mut next = 0u64;
        let mut from = reach;
        while from != 0 {
            let at = from.trailing_zeros() as usize;
            from &= from - 1;
            for p in pinyin {
                if latin[at..].starts_with(p.as_bytes()) {
                    next |= 1 << (at + p.len());
                }
            }
        }
        reach = next;
        if reach == 0 && untitled == 0 {
            return 0.0;
        }
    }
    if (reach | untitled) & (1 << latin.len()) != 0 {
        READ
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_the_sino_korean_syllables() {
        let listed = readings().iter().filter(|r| !r.is_empty()).count();
        assert!((400..550).contains(&listed), "{listed}");
        // Pinyin is lower-case a to z (ü written u).
        for r in readings() {
            for p in r {
                assert!(p.bytes().all(|b| b.is_ascii_lowercase()), "{p}");
            }
        }
    }

    #[test]
    fn chinese_names_in_their_korean_reading() {
        for (native, latin) in [
            ("노자", "laozi"),
            ("정통", "zhengtong"),
            ("홍치", "hongzhi"),
            ("헌종", "xianzong"),
            ("웅역", "xiongyi"),
            ("요", "liao"),
            ("금", "jin"),
        ] {
            assert_eq!(similarity(native, latin), READ, "{native} {latin}");
        }
    }

    #[test]
    fn partial_or_foreign_readings_are_not_readings() {
        for (native, latin) in [
            // One syllable short, one too many, a letter off.
            ("노자", "lao"),
            ("노", "laozi"),
            ("홍치", "hongci"),
            ("정통", "zhengtang"),
            // A title is left out only after two syllables or more.
            ("승제", "sheng"),
            ("선덕제", "xuan"),
            // Not Sino-Korean.
            ("조지", "george"),
            ("", "lao"),
        ] {
            assert_eq!(similarity(native, latin), 0.0, "{native} {latin}");
        }
    }

    #[test]
    fn first_letters_of_mandarin_readings() {
        assert!(may_begin("금", "jin"));
        assert!(may_begin("문제", "wen"));
        assert!(!may_begin("금", "bin"));
        assert!(!may_begin("마틴", "wartin"));
    }
}
