//! Scripts the model knows, and how a native token becomes a sequence of units.
//!
//! A *unit* is what one step of the alignment consumes on the native side: a letter for
//! alphabets and abjads (Cyrillic, Arabic, Hebrew), a kana for Katakana, a character for Han,
//! and a *jamo* for Hangul, so that the model sees that 정 and 전 share ㅈ and ㅓ. Hangul jamo
//! are the conjoining jamo code points (U+1100 initial, U+1161 medial, U+11A8 final), so an
//! initial ㄱ and a final ㄱ are different units: they are spelled differently (g/k vs k).
//!
//! Normalisation here removes what varies between writers of the same name without changing
//! it: Arabic short-vowel marks and tatweel, Hebrew points and final letter forms, Hiragana vs
//! Katakana, half-width forms (NFKC), letter case.

use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script as U, UnicodeScript};

/// Scripts the model knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    /// Korean Hangul (syllables and jamo).
    Hangul,
    /// Arabic script (Arabic, Persian, Urdu letters).
    Arabic,
    /// Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian…).
    Cyrillic,
    /// Han characters (Chinese; Japanese kanji and Korean hanja are read as Mandarin).
    Han,
    /// Japanese kana; Hiragana is folded into Katakana.
    Katakana,
    /// Hebrew letters.
    Hebrew,
}

impl Script {
    /// Every script, in the order of the model files.
    pub const ALL: [Script; 6] = [
        Script::Hangul,
        Script::Arabic,
        Script::Cyrillic,
        Script::Han,
        Script::Katakana,
        Script::Hebrew,
    ];

    /// Lowercase name, as used in the model files and the evaluation data file names.
    pub fn name(self) -> &'static str {
        match self {
            Script::Hangul => "hangul",
            Script::Arabic => "arabic",
            Script::Cyrillic => "cyrillic",
            Script::Han => "han",
            Script::Katakana => "katakana",
            Script::Hebrew => "hebrew",
        }
    }

    /// The script of one character, if the model knows it.
    pub fn of_char(c: char) -> Option<Script> {
        // The prolonged sound mark and the middle dot are "Common" in Unicode.
        if matches!(c, 'ー' | 'ｰ' | '゛' | '゜') {
            return Some(Script::Katakana);
        }
        match c.script() {
            U::Hangul => Some(Script::Hangul),
            U::Arabic => Some(Script::Arabic),
            U::Cyrillic => Some(Script::Cyrillic),
            U::Han => Some(Script::Han),
            U::Katakana | U::Hiragana => Some(Script::Katakana),
            U::Hebrew => Some(Script::Hebrew),
            _ => None,
        }
    }
}

/// Which script a token is in: the known script of most of its letters. `None` if the token is
/// Latin, digits only, or in a script the model does not know.
///
/// ```
/// use embargo_names::crossscript::{script_of, Script};
/// assert_eq!(script_of("김정은"), Some(Script::Hangul));
/// assert_eq!(script_of("Путин"), Some(Script::Cyrillic));
/// assert_eq!(script_of("putin"), None);
/// ```
pub fn script_of(token: &str) -> Option<Script> {
    let mut counts = [0usize; 6];
    let mut other = 0usize;
    for c in token.chars() {
        match Script::of_char(c) {
            Some(s) => counts[s as usize] += 1,
            None if c.is_alphabetic() => other += 1,
            None => {}
        }
    }
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))
        .map(|(i, n)| (i, *n))?;
    if n == 0 || n < other {
        return None;
    }
    Some(Script::ALL[best])
}

/// Arabic marks that writers add or leave out: harakat, shadda, sukun, superscript alef…
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Hebrew points and cantillation marks.
fn is_hebrew_mark(c: char) -> bool {
    matches!(c, '\u{0591}'..='\u{05C7}')
        && !matches!(c, '\u{05BE}' | '\u{05C0}' | '\u{05C3}' | '\u{05C6}')
}

/// Fold one (NFKC, lowercased) character of `script` into its unit form; `None` drops it.
fn fold_char(script: Script, c: char) -> Option<char> {
    match script {
        Script::Arabic => {
            if is_arabic_mark(c) {
                return None;
            }
            Some(match c {
                'ٱ' => 'ا',
                'ی' | 'ې' | 'ۍ' => 'ي',
                'ک' => 'ك',
                'ە' => 'ه',
                'ۀ' => 'ه',
                'ڭ' => 'ن',
                _ => c,
            })
        }
        Script::Hebrew => {
            if is_hebrew_mark(c) {
                return None;
            }
            Some(match c {
                'ך' => 'כ',
                'ם' => 'מ',
                'ן' => 'נ',
                'ף' => 'פ',
                'ץ' => 'צ',
                '\'' | '’' | '\u{05F3}' => '\u{05F3}', // geresh: ג׳ = j, צ׳ = ch
                _ => c,
            })
        }
        Script::Katakana => Some(match c {
            'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            'ゝ' => 'ヽ',
            'ゞ' => 'ヾ',
            _ => c,
        }),
        _ => Some(c),
    }
}

/// True for characters that belong to the token's script (or are marks folded away).
fn belongs(script: Script, c: char) -> bool {
    Script::of_char(c) == Some(script) || (script == Script::Hebrew && matches!(c, '\'' | '’'))
}

/// A native token split into model units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Units {
    /// The script of the token.
    pub script: Script,
    /// The units, in order.
    pub units: Vec<char>,
    /// Hangul only: the token's syllables (precomposed), for the Korean-name reading.
    pub syllables: Vec<char>,
}

/// The Hangul syllable block range.
const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_LAST: u32 = 0xD7A3;

/// Split a Hangul syllable into its conjoining jamo: (initial, medial, final).
pub fn decompose_hangul(c: char) -> Option<(char, char, Option<char>)> {
    let code = c as u32;
    if !(HANGUL_FIRST..=HANGUL_LAST).contains(&code) {
        return None;
    }
    let s = code - HANGUL_FIRST;
    let l = s / 588;
    let v = (s % 588) / 28;
    let t = s % 28;
    let ini = char::from_u32(0x1100 + l)?;
    let med = char::from_u32(0x1161 + v)?;
    let fin = if t > 0 {
        Some(char::from_u32(0x11A7 + t)?)
    } else {
        None
    };
    Some((ini, med, fin))
}

/// Split a native token into units, in the script most of its letters are in. Characters of
/// other scripts, digits and punctuation are dropped. `None` if no letter of a known script.
///
/// ```
/// use embargo_names::crossscript::units::segment;
/// let u = segment("김정은").unwrap();
/// assert_eq!(u.units.len(), 9); // ㄱ ㅣ ㅁ ㅈ ㅓ ㅇ ㅇ ㅡ ㄴ
/// assert_eq!(segment("محمّد").unwrap().units, vec!['م', 'ح', 'م', 'د']);
/// ```
pub fn segment(token: &str) -> Option<Units> {
    let script = script_of(token)?;
    let mut units = Vec::with_capacity(token.len());
    let mut syllables = Vec::new();
    for c in token.nfkc().flat_map(char::to_lowercase) {
        if !belongs(script, c) {
            continue;
        }
        if script == Script::Hangul {
            if let Some((i, m, f)) = decompose_hangul(c) {
                syllables.push(c);
                units.push(i);
                units.push(m);
                units.extend(f);
            }
            continue;
        }
        if let Some(u) = fold_char(script, c) {
            units.push(u);
        }
    }
    if units.is_empty() {
        return None;
    }
    Some(Units {
        script,
        units,
        syllables,
    })
}
