//! Khmer script to Latin, as Cambodian names are spelt on Western lists ("ប៉ុល ពត" → "pol pot",
//! "ហ៊ុន សែន" → "hun saen").
//!
//! The generic table reads Khmer letter by letter and misses what decides a Khmer syllable's
//! sound: every consonant belongs to one of two series, and the series sets how its vowel sounds
//! (the inherent vowel is "a" after a first-series consonant, "o" after a second-series one: ពត
//! is "pot", not "pt"); the signs muusikatoan and triisap move a consonant to the other series
//! (ប៉ is "p", not "b"); and a consonant closing a syllable is written without a vowel. This is
//! the UNGEGN romanisation (the one of the Cambodian gazetteer and of most list entries) with
//! its diacritics dropped, the way lists write it in ASCII.

/// The series of a consonant: first (a-series, inherent "a") or second (o-series, "o").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Series {
    A,
    O,
}

/// A consonant's initial and final Latin spelling and its series.
fn consonant(c: char) -> Option<(&'static str, &'static str, Series)> {
    use Series::{A, O};
    Some(match c {
        'ក' => ("k", "k", A),
        'ខ' => ("kh", "k", A),
        'គ' => ("k", "k", O),
        'ឃ' => ("kh", "k", O),
        'ង' => ("ng", "ng", O),
        'ច' => ("ch", "ch", A),
        'ឆ' => ("chh", "ch", A),
        'ជ' => ("ch", "ch", O),
        'ឈ' => ("chh", "ch", O),
        'ញ' => ("nh", "nh", O),
        'ដ' => ("d", "d", A),
        'ឋ' => ("th", "t", A),
        'ឌ' => ("d", "d", O),
        'ឍ' => ("th", "t", O),
        'ណ' => ("n", "n", A),
        'ត' => ("t", "t", A),
        'ថ' => ("th", "t", A),
        'ទ' => ("t", "t", O),
        'ធ' => ("th", "t", O),
        'ន' => ("n", "n", O),
        'ប' => ("b", "b", A),
        'ផ' => ("ph", "p", A),
        'ព' => ("p", "p", O),
        'ភ' => ("ph", "p", O),
        'ម' => ("m", "m", O),
        'យ' => ("y", "y", O),
        'រ' => ("r", "r", O),
        'ល' => ("l", "l", O),
        'វ' => ("v", "v", O),
        'ឝ' | 'ឞ' | 'ស' => ("s", "s", A),
        'ហ' => ("h", "h", A),
        'ឡ' => ("l", "l", A),
        // The glottal stop carries a vowel and is not written in Latin ("អង្គរ" Angkor).
        'អ' => ("", "", A),
        _ => return None,
    })
}

/// A dependent vowel's spelling after a first- and a second-series consonant.
fn vowel(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        'ា' => ("a", "ea"),
        'ិ' => ("e", "i"),
        'ី' => ("ei", "i"),
        'ឹ' => ("oe", "eu"),
        'ឺ' => ("eu", "eu"),
        'ុ' => ("o", "u"),
        'ូ' => ("ou", "u"),
        'ួ' => ("uo", "uo"),
        'ើ' => ("aeu", "eu"),
        'ឿ' => ("oea", "oea"),
        'ៀ' => ("ie", "ie"),
        'េ' => ("e", "e"),
        'ែ' => ("ae", "ae"),
        'ៃ' => ("ai", "ey"),
        'ោ' => ("ao", "o"),
        'ៅ' => ("au", "ov"),
        'ំ' => ("am", "um"),
        'ះ' => ("ah", "eah"),
        _ => return None,
    })
}

/// An independent vowel (a syllable of its own).
fn independent_vowel(c: char) -> Option<&'static str> {
    Some(match c {
        'ឥ' => "e",
        'ឦ' => "ei",
        'ឧ' => "o",
        'ឩ' | 'ឪ' => "ou",
        'ឫ' => "rue",
        'ឬ' => "rueu",
        'ឭ' => "lue",
        'ឮ' => "lueu",
        'ឯ' => "ae",
        'ឰ' => "ai",
        'ឱ' | 'ឲ' => "ao",
        'ឳ' => "au",
        _ => return None,
    })
}

const MUUSIKATOAN: char = '\u{17C9}';
const TRIISAP: char = '\u{17CA}';
const COENG: char = '\u{17D2}';

/// Whether `s` holds a Khmer letter.
pub fn is_khmer(s: &str) -> bool {
    s.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c))
}

/// The Latin spelling of a Khmer token, lowercase ASCII; characters of other scripts are
/// dropped.
///
/// ```
/// use embargo_names::khmer::romanize;
/// assert_eq!(romanize("ប៉ុល"), "pol");
/// assert_eq!(romanize("ពត"), "pot");
/// assert_eq!(romanize("ហ៊ុន"), "hun");
/// ```
pub fn romanize(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    let mut out = String::new();
    // Whether the syllable being read has its vowel: a consonant after it closes the syllable.
    let mut has_vowel = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some((initial, fin, series)) = consonant(c) {
            // What follows this consonant (after any subscript consonants and series signs).
            let mut j = i + 1;
            let mut series = series;
            let mut cluster = String::from(initial);
            loop {
                match chars.get(j) {
                    Some(&MUUSIKATOAN) => {
                        series = Series::A;
                        // ប with muusikatoan is the letter "pa", the one p of the first series.
                        if c == 'ប' && j == i + 1 {
                            cluster = String::from("p");
                        }
                        j += 1;
                    }
                    Some(&TRIISAP) => {
                        series = Series::O;
                        j += 1;
                    }
                    Some(&COENG) => match chars.get(j + 1).and_then(|&s| consonant(s)) {
                        Some((sub, _, _)) => {
                            cluster.push_str(sub);
                            j += 2;
                        }
                        None => j += 1,
                    },
                    _ => break,
                }
            }
            let next_vowel = chars.get(j).and_then(|&v| vowel(v));
            let closes = has_vowel && next_vowel.is_none() && j == i + 1;
            if closes {
                out.push_str(fin);
                has_vowel = false;
                i += 1;
                continue;
            }
            out.push_str(&cluster);
            match next_vowel {
                Some((a, o)) => {
                    out.push_str(if series == Series::A { a } else { o });
                    j += 1;
                    // A vowel and a final sign (ំ, ះ) in a row: "ុំ" is "om"/"um".
                    while let Some((a, o)) = chars.get(j).and_then(|&v| vowel(v)) {
                        let sign = if series == Series::A { a } else { o };
                        out.push_str(sign.trim_start_matches(['a', 'e', 'u']));
                        j += 1;
                    }
                }
                None => out.push(if series == Series::A { 'a' } else { 'o' }),
            }
            has_vowel = true;
            i = j;
            continue;
        }
        if let Some(v) = independent_vowel(c) {
            out.push_str(v);
            has_vowel = true;
        } else if let Some(d) = c.to_digit(10) {
            out.push(char::from(b'0' + d as u8));
            has_vowel = false;
        } else if ('\u{17E0}'..='\u{17E9}').contains(&c) {
            out.push(char::from(b'0' + (c as u32 - 0x17E0) as u8));
            has_vowel = false;
        }
        // Other signs (bantoc, repetition, punctuation) are not spelt.
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_sets_the_vowel() {
        // Second series: inherent "o"; a closing consonant has no vowel of its own.
        assert_eq!(romanize("ពត"), "pot");
        // Muusikatoan moves ប to the first series and makes it "p".
        assert_eq!(romanize("ប៉ុល"), "pol");
        // Triisap moves ហ to the second series: "ុ" is "u" there.
        assert_eq!(romanize("ហ៊ុន"), "hun");
        assert_eq!(romanize("សែន"), "saen");
    }

    #[test]
    fn subscripts_make_clusters() {
        // A subscript joins its consonant to the one above: ខ្មែរ Khmer, ស្រី Srei.
        assert_eq!(romanize("ខ្មែរ"), "khmaer");
        assert_eq!(romanize("ស្រី"), "srei");
    }

    #[test]
    fn only_khmer_is_khmer() {
        assert!(is_khmer("ពត"));
        assert!(!is_khmer("Pot"));
    }
}
