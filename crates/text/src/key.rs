//! Lookup keys: how a word of running text and a token of a listed name are found to be worth
//! comparing, before the matcher decides whether they are the same name.
//!
//! Three kinds of key, each tagged so that they never meet by accident:
//! - [`KeyKind::Exact`]: the Latin comparison form (`embargo_names` analysis: "Putin", "ПУТИН",
//!   "putin" all give `putin`).
//! - [`KeyKind::Skeleton`]: the phonetic skeleton of that form (`Mohammed` / `Muhammad`).
//! - [`KeyKind::Loose`]: a consonant-class skeleton that Latin, Arabic and Hangul spellings of
//!   the same foreign name share ([`loose_latin`], [`loose_native`]).
//!
//! # Why a loose cross-script key of our own
//! Arabic and Korean newsrooms write foreign names by ear: "Putin" is بوتين (no p in Arabic) and
//! 푸틴, "Vladimir" is فلاديمير and 블라디미르 (no v in either). Rule-based transliteration of
//! the text ("bwtyn", "bulladimireu") rarely lands on the list's spelling, and the learned
//! cross-script model (`embargo_names::crossscript`) is precise but too slow to run on every
//! word of an article. Reducing both sides to the consonant classes that survive the trip
//! (p/b/f/v, t/d, k/g/q, j/ch, s/z/sh, l/r, m, n/ng, h/kh) and dropping vowels, which Arabic does
//! not write and Korean adds, makes a key both sides compute in a table look-up:
//! `putin`, `بوتين` and `푸틴` all give `PTN`. The key is deliberately coarse: it only proposes
//! candidates; the matcher (with the learned model) confirms them.
//!
//! ```
//! use embargo_text::key::{loose_latin, loose_native};
//! assert_eq!(loose_latin("putin"), "PTN");
//! assert_eq!(loose_native("بوتين"), "PTN");
//! assert_eq!(loose_native("푸틴"), "PTN");
//! assert_eq!(loose_latin("vladimir"), loose_native("فلاديمير"));
//! assert_eq!(loose_latin("vladimir"), loose_native("블라디미르"));
//! assert_eq!(loose_latin("kimjongun"), loose_native("김정은"));
//! assert_eq!(loose_latin("jong"), loose_native("جونغ"));
//! ```

use std::hash::Hasher;

/// The kind of a lookup key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    Exact = 1,
    Skeleton = 2,
    Loose = 3,
}

/// A lookup key: the kind and the key text, hashed. A hash collision only proposes a spurious
/// candidate, which the matcher then rejects.
pub type Key = u64;

/// FNV-1a over the kind tag and the bytes: small, stable across runs and fast on short keys.
pub fn key(kind: KeyKind, text: &str) -> Key {
    let mut h = Fnv::default();
    h.write_u8(kind as u8);
    h.write(text.as_bytes());
    h.finish()
}

/// The key of two keys together, in either order (a name's tokens come in either order in text:
/// "Vladimir Putin" / "PUTIN, Vladimir").
pub fn pair(a: Key, b: Key) -> Key {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    let mut h = Fnv::default();
    h.write_u64(x);
    h.write_u64(y);
    h.finish()
}

/// FNV-1a, 64 bits.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The loose key of a Latin comparison token (lowercase ASCII letters).
pub fn loose_latin(token: &str) -> String {
    let b: Vec<u8> = token
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut out = String::with_capacity(b.len());
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut i = 0;
    while i < b.len() {
        let (c, n1, n2, n3) = (b[i], at(i + 1), at(i + 2), at(i + 3));
        let (class, len) = match (c, n1, n2, n3) {
            (b't', b's', b'c', b'h') => (Some('J'), 4),
            (b't', b'c', b'h', _) => (Some('J'), 3),
            (b's', b'c', b'h', _) => (Some('S'), 3),
            (b'd', b'z', b'h', _) => (Some('J'), 3),
            (b's', b'h', _, _) => (Some('S'), 2),
            (b'c', b'h', _, _) | (b'z', b'h', _, _) | (b'd', b'j', _, _) => (Some('J'), 2),
            (b'k', b'h', _, _) => (Some('H'), 2),
            (b'g', b'h', _, _) => (Some('K'), 2),
            (b'p', b'h', _, _) => (Some('P'), 2),
            (b't', b'h', _, _) | (b'd', b'h', _, _) => (Some('T'), 2),
            (b't', b's', _, _) | (b't', b'z', _, _) => (Some('S'), 2),
            (b'c', b'k', _, _) => (Some('K'), 2),
            (b'n', b'g', _, _) => (Some('N'), 2),
            _ => {
                let class = match c {
                    b'b' | b'p' | b'f' | b'v' => Some('P'),
                    b't' | b'd' => Some('T'),
                    b'k' | b'g' | b'q' => Some('K'),
                    b'c' => Some(if matches!(n1, b'e' | b'i' | b'y') {
                        'S'
                    } else {
                        'K'
                    }),
                    b'j' => Some('J'),
                    b's' | b'z' | b'x' => Some('S'),
                    b'l' | b'r' => Some('L'),
                    b'm' => Some('M'),
                    b'n' => Some('N'),
                    // A final h after a vowel is a spelling of a vowel ("Fatimah" / فاطمة).
                    b'h' if i > 0 && is_vowel(b[i - 1]) && n1 == 0 => None,
                    b'h' => Some('H'),
                    _ => None,
                };
                (class, 1)
            }
        };
        if let Some(k) = class {
            if !out.ends_with(k) {
                out.push(k);
            }
        }
        i += len;
    }
    out
}

/// Hangul initial consonants in Unicode order (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ);
/// the silent ㅇ has no class.
const HANGUL_INITIAL: [&str; 19] = [
    "K", "K", "N", "T", "T", "L", "M", "P", "P", "S", "S", "", "J", "J", "J", "K", "T", "P", "H",
];
/// Hangul final consonants 1..=27 in Unicode order; final ㅇ is "ng".
const HANGUL_FINAL: [&str; 28] = [
    "", "K", "K", "KS", "N", "NJ", "NH", "T", "L", "LK", "LM", "LP", "LS", "LT", "LP", "LH", "M",
    "P", "PS", "S", "S", "N", "J", "J", "K", "T", "P", "H",
];

/// The consonant class of an Arabic (or Persian) letter; `None` for letters that write vowels,
/// hamza and ʿayn (which Latin spellings of foreign names do not carry).
fn arabic_class(c: char) -> Option<char> {
    Some(match c {
        'ب' | 'پ' | 'ف' | 'ڤ' => 'P',
        'ت' | 'ط' | 'د' | 'ض' | 'ث' | 'ذ' | 'ظ' => 'T',
        'ج' | 'چ' => 'J',
        'ح' | 'خ' | 'ه' => 'H',
        'ك' | 'ک' | 'ق' | 'گ' | 'غ' => 'K',
        'س' | 'ش' | 'ص' | 'ز' | 'ژ' => 'S',
        'ر' | 'ل' => 'L',
        'م' => 'M',
        'ن' => 'N',
        _ => return None,
    })
}

/// The loose key of a token in Arabic or Hangul script (other characters are skipped).
pub fn loose_native(token: &str) -> String {
    let mut out = String::new();
    let push = |out: &mut String, k: &str| {
        for c in k.chars() {
            if !out.ends_with(c) {
                out.push(c);
            }
        }
    };
    let mut prev = '\0';
    for c in token.chars() {
        let code = c as u32;
        if (0xAC00..=0xD7A3).contains(&code) {
            let idx = (code - 0xAC00) as usize;
            push(&mut out, HANGUL_INITIAL[idx / 588]);
            push(&mut out, HANGUL_FINAL[idx % 28]);
        } else if let Some(k) = arabic_class(c) {
            // "نغ" writes a final "ng" (جونغ = Jong).
            if !(c == 'غ' && prev == 'ن') {
                push(&mut out, &k.to_string());
            }
        }
        prev = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_script_names_share_keys() {
        for (latin, native) in [
            ("putin", "بوتين"),
            ("putin", "푸틴"),
            ("vladimir", "فلاديمير"),
            ("kim", "كيم"),
            ("kim", "김"),
            ("un", "أون"),
            ("assad", "أسد"),
            ("bashar", "بشار"),
            ("trump", "ترامب"),
            ("fatimah", "فاطمة"),
            ("lavrov", "لافروف"),
            ("shoigu", "شويغو"),
        ] {
            assert_eq!(
                loose_latin(latin),
                loose_native(native),
                "{latin} / {native}"
            );
        }
    }

    #[test]
    fn keys_are_tagged() {
        assert_ne!(key(KeyKind::Exact, "ptn"), key(KeyKind::Loose, "ptn"));
        assert_eq!(pair(1, 2), pair(2, 1));
    }
}
