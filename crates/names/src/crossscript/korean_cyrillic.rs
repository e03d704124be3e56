//! Korean names written in Russian: "Ким Чен Ын" is 김정은, "Ким Ир Сен" 김일성.
//!
//! Russian writes Korean names by the Kontsevich system and by older press habits, syllable by
//! syllable: ㅈ is "ч" (or "чж"), ㅓ is "о" — or "е" in the press ("Чен" for 정) —, ㅡ is "ы", a
//! final ㅇ is "н". The learned Cyrillic model has seen Russian spellings of names of every
//! origin, not these, and finds "Чен" nothing like "Jong" (while it finds "Ын" like "Man"): so
//! a Cyrillic token that reads whole as Korean syllables is turned back into the Hangul it may
//! stand for, and those syllables are compared with the Latin token by the Korean spelling rules
//! ([`crate::hangul`]), which know "Jong", "Chong", "Jeong" and "Un", "Eun".
//!
//! Only whole one-syllable readings count (every letter used), so Russian names rarely qualify
//! ("Владимир" has no Korean reading); when they do ("Ан" 안), the rules spell them as they are. A reading that took a secondary value (ㅊ for "ч", ㅓ for "е") scores a
//! little below an exact one: Russian spelling merges sounds Korean keeps apart.

use crate::hangul;

/// Score of a reading that used a secondary value of a letter group.
const SECONDARY: f64 = 0.95;
/// Most readings kept per token (the first ones in table order, most likely first).
const MAX_READINGS: usize = 48;
/// Most syllables in a token read as Korean. Russian writes a Korean name one syllable a word
/// ("Ким Чен Ын", "Пак Кын Хе"); longer words are Russian more often than not, and reading them
/// as Korean made Cyrillic queries twice as slow for nothing.
const MAX_SYLLABLES: usize = 1;
/// Longest Latin spelling of one Korean syllable ("cheong", "kyeong", "hwang" are six letters).
const MAX_SYLLABLE_SPELLING: usize = 7;

// Jamo indices (initial, vowel, final) of Unicode's syllable composition.
const G: u8 = 0;
const GG: u8 = 1;
const N: u8 = 2;
const D: u8 = 3;
const DD: u8 = 4;
const R: u8 = 5;
const M: u8 = 6;
const B: u8 = 7;
const BB: u8 = 8;
const S: u8 = 9;
const SS: u8 = 10;
const NG: u8 = 11;
const J: u8 = 12;
const JJ: u8 = 13;
const CH: u8 = 14;
const K: u8 = 15;
const T: u8 = 16;
const P: u8 = 17;
const H: u8 = 18;

/// Initial consonants: Cyrillic group → Hangul initials, primary first. The empty group is ㅇ.
const INITIALS: &[(&str, &[u8])] = &[
    ("кк", &[GG]),
    ("кх", &[K]),
    ("к", &[G, K]),
    ("г", &[G]),
    ("н", &[N]),
    ("тт", &[DD]),
    ("тх", &[T]),
    ("т", &[D, T]),
    ("д", &[D]),
    ("р", &[R]),
    ("л", &[R]),
    ("м", &[M]),
    ("пп", &[BB]),
    ("пх", &[P]),
    ("п", &[B, P]),
    ("б", &[B]),
    ("сс", &[SS]),
    ("с", &[S]),
    ("ш", &[S]),
    ("чч", &[JJ]),
    ("чх", &[CH]),
    ("чж", &[J]),
    ("дж", &[J]),
    ("ч", &[J, CH]),
    ("х", &[H]),
    ("", &[NG]),
];

/// Vowels (ㅏ 0 … ㅣ 20), primary first.
const VOWELS: &[(&str, &[u8])] = &[
    ("йя", &[3]),
    ("йе", &[7]),
    ("ый", &[19]),
    ("ва", &[9]),
    ("вэ", &[10]),
    ("ве", &[11, 15]),
    ("во", &[14]),
    ("ви", &[16]),
    ("а", &[0]),
    ("э", &[1, 5]),
    ("я", &[2]),
    ("о", &[4, 8]),
    ("е", &[4, 5, 6]),
    ("ё", &[6, 12]),
    ("у", &[13]),
    ("ю", &[17]),
    ("ы", &[18]),
    ("и", &[20]),
];

/// Finals (none 0, ㄱ 1, ㄴ 4, ㄷ 7, ㄹ 8, ㅁ 16, ㅂ 17, ㅅ 19, ㅇ 21), primary first. Kontsevich
/// writes a final ㅇ as "н", so "н" is ㄴ or ㅇ alike.
const FINALS: &[(&str, &[u8])] = &[
    ("нг", &[21]),
    ("ль", &[8]),
    ("к", &[1]),
    ("н", &[21, 4]),
    ("т", &[7, 19]),
    ("л", &[8]),
    ("р", &[8]),
    ("м", &[16]),
    ("п", &[17]),
    ("", &[0]),
];

/// The precomposed Hangul syllable of (initial, vowel, final).
fn compose(initial: u8, vowel: u8, fin: u8) -> char {
    let code = 0xAC00 + (u32::from(initial) * 21 + u32::from(vowel)) * 28 + u32::from(fin);
    char::from_u32(code).unwrap_or('\u{AC00}')
}

/// The Hangul a lowercase Cyrillic token may stand for, read whole as Korean syllables: (Hangul,
/// score), most likely first, at most [`MAX_READINGS`]. Empty when it has no such reading.
pub fn readings(token: &str) -> Vec<(String, f64)> {
    let letters: Vec<char> = token.chars().flat_map(char::to_lowercase).collect();
    if letters.is_empty() || letters.len() > 16 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut syllables = String::new();
    read(&letters, 0, &mut syllables, 1.0, &mut out);
    out
}

fn starts(letters: &[char], at: usize, group: &str) -> Option<usize> {
    let mut i = at;
    for c in group.chars() {
        if letters.get(i) != Some(&c) {
            return None;
        }
        i += 1;
    }
    Some(i)
}

fn read(letters: &[char], at: usize, acc: &mut String, score: f64, out: &mut Vec<(String, f64)>) {
    if out.len() >= MAX_READINGS {
        return;
    }
    if at == letters.len() {
        if !acc.is_empty() && !out.iter().any(|(h, _)| h == acc) {
            out.push((acc.clone(), score));
        }
        return;
    }
    if acc.chars().count() >= MAX_SYLLABLES {
        return;
    }
    for (ig, initials) in INITIALS {
        let Some(after_i) = starts(letters, at, ig) else {
            continue;
        };
        for (vg, vowels) in VOWELS {
            let Some(after_v) = starts(letters, after_i, vg) else {
                continue;
            };
            for (fg, finals) in FINALS {
                let Some(after_f) = starts(letters, after_v, fg) else {
                    continue;
                };
                for (a, &i) in initials.iter().enumerate() {
                    for (b, &v) in vowels.iter().enumerate() {
                        for (c, &f) in finals.iter().enumerate() {
                            let secondary = a + b + c > 0;
                            let s = if secondary { score * SECONDARY } else { score };
                            acc.push(compose(i, v, f));
                            read(letters, after_f, acc, s, out);
                            acc.pop();
                        }
                    }
                }
            }
        }
    }
}

/// The best score of a Latin token against the readings: the reading's score where the Korean
/// rules spell it exactly so, else 0 (the learned model judges the rest).
pub fn similarity(readings: &[(String, f64)], latin: &str) -> f64 {
    if latin.len() > MAX_SYLLABLE_SPELLING {
        return 0.0;
    }
    readings
        .iter()
        .filter(|(hangul, _)| hangul::is_spelling(hangul, latin))
        .map(|(_, s)| *s)
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(cyrillic: &str, latin: &str) -> f64 {
        similarity(&readings(cyrillic), latin)
    }

    #[test]
    fn russian_spellings_of_korean_names_meet_their_romanisations() {
        assert!(readings("чен").iter().any(|(h, _)| h == "정"));
        assert!(sim("чен", "jong") >= 0.9);
        assert!(sim("чен", "chong") >= 0.9);
        assert!(sim("ын", "un") >= 0.9);
        assert!(sim("ын", "eun") >= 0.9);
        assert!(sim("ким", "kim") >= 0.99);
        assert!(sim("ир", "il") >= 0.9);
        assert!(sim("сен", "song") >= 0.9);
        assert!(sim("чхве", "choe") >= 0.9);
    }

    #[test]
    fn other_names_get_no_korean_reading_or_no_score() {
        assert!(readings("владимир").is_empty());
        assert!(readings("петров").is_empty());
        assert!(readings("алла").is_empty(), "one syllable a word");
        assert_eq!(sim("ын", "man"), 0.0);
        assert_eq!(sim("чен", "san"), 0.0);
        assert_eq!(sim("ким", "kum"), 0.0);
    }
}
