//! Hand knowledge of how Cyrillic names are romanised on lists: BGN/PCGN and passport (ICAO)
//! schemes, German and French habits ("Schtschukin", "Tchaikovsky"), Ukrainian and Serbian
//! letters. The learned model's data are mostly names *of every origin* written in Russian, so
//! its best spelling of "Путин" can follow a Japanese reading ("puchin"); this reading lattice
//! gives the spelling a Western list would print first.

use super::lattice::{Arc, Chunk, Lattice};

/// Weight of the generic spelling model at each letter.
const BACKOFF: f64 = 0.02;

/// Spellings of one (lowercase) letter, the first the BGN/PCGN one.
fn letter(c: char, after_vowel_or_start: bool) -> &'static [(&'static str, f64)] {
    match c {
        'а' => &[("a", 1.0)],
        'б' => &[("b", 1.0)],
        'в' => &[("v", 1.0), ("w", 0.2), ("ff", 0.05)],
        'г' => &[("g", 1.0), ("h", 0.2), ("gh", 0.05)],
        'ґ' => &[("g", 1.0)],
        'д' => &[("d", 1.0)],
        'е' if after_vowel_or_start => &[("ye", 1.0), ("e", 0.8), ("je", 0.2), ("ie", 0.1)],
        'е' => &[("e", 1.0), ("ie", 0.05), ("ye", 0.05)],
        'ё' => &[
            ("e", 1.0),
            ("yo", 0.8),
            ("jo", 0.2),
            ("io", 0.2),
            ("ye", 0.1),
        ],
        'є' => &[("ye", 1.0), ("ie", 0.6), ("je", 0.3), ("e", 0.2)],
        'ж' => &[
            ("zh", 1.0),
            ("j", 0.3),
            ("z", 0.2),
            ("sh", 0.1),
            ("g", 0.05),
        ],
        'з' => &[("z", 1.0), ("s", 0.2)],
        'и' => &[("i", 1.0), ("y", 0.3), ("ee", 0.05)],
        'і' => &[("i", 1.0)],
        'ї' => &[("yi", 1.0), ("i", 0.6), ("ji", 0.2), ("yi", 0.1)],
        'й' => &[("y", 1.0), ("i", 0.6), ("j", 0.3)],
        'к' => &[("k", 1.0), ("c", 0.1), ("ck", 0.05)],
        'л' => &[("l", 1.0)],
        'м' => &[("m", 1.0)],
        'н' => &[("n", 1.0)],
        'о' => &[("o", 1.0), ("a", 0.05)],
        'п' => &[("p", 1.0)],
        'р' => &[("r", 1.0)],
        'с' => &[("s", 1.0), ("ss", 0.2)],
        'т' => &[("t", 1.0)],
        'у' => &[("u", 1.0), ("ou", 0.2), ("oo", 0.1)],
        'ф' => &[("f", 1.0), ("ph", 0.1)],
        'х' => &[("kh", 1.0), ("h", 0.6), ("ch", 0.3), ("x", 0.1)],
        'ц' => &[
            ("ts", 1.0),
            ("tz", 0.3),
            ("c", 0.2),
            ("z", 0.1),
            ("tc", 0.05),
        ],
        'ч' => &[
            ("ch", 1.0),
            ("tch", 0.3),
            ("tsch", 0.1),
            ("cz", 0.1),
            ("c", 0.1),
        ],
        'ш' => &[
            ("sh", 1.0),
            ("sch", 0.2),
            ("ch", 0.2),
            ("sz", 0.1),
            ("s", 0.05),
        ],
        'щ' => &[
            ("shch", 1.0),
            ("sch", 0.4),
            ("shtch", 0.2),
            ("sh", 0.2),
            ("sc", 0.05),
        ],
        'ъ' => &[("", 1.0), ("y", 0.05)],
        'ы' => &[("y", 1.0), ("i", 0.4)],
        'ь' => &[("", 1.0), ("i", 0.1), ("y", 0.05)],
        'э' => &[("e", 1.0)],
        'ю' => &[
            ("yu", 1.0),
            ("iu", 0.5),
            ("ju", 0.3),
            ("you", 0.2),
            ("u", 0.1),
        ],
        'я' => &[("ya", 1.0), ("ia", 0.5), ("ja", 0.3), ("a", 0.1)],
        'ў' => &[("u", 1.0), ("w", 0.5)],
        'ђ' => &[("dj", 1.0), ("dz", 0.2)],
        'ј' => &[("j", 1.0), ("y", 0.5)],
        'љ' => &[("lj", 1.0), ("l", 0.3)],
        'њ' => &[("nj", 1.0), ("n", 0.3)],
        'ћ' => &[("c", 1.0), ("ch", 0.8), ("tj", 0.2)],
        'џ' => &[("dz", 1.0), ("dzh", 0.5), ("j", 0.3)],
        'ѓ' => &[("gj", 1.0)],
        'ќ' => &[("kj", 1.0)],
        'ѕ' => &[("dz", 1.0)],
        'ә' => &[("a", 1.0), ("e", 0.5)],
        'ғ' => &[("gh", 1.0), ("g", 0.6)],
        'қ' => &[("q", 1.0), ("k", 0.8)],
        'ң' => &[("ng", 1.0), ("n", 0.5)],
        'ө' => &[("o", 1.0), ("u", 0.2)],
        'ұ' | 'ү' => &[("u", 1.0), ("y", 0.2)],
        'һ' => &[("h", 1.0)],
        _ => &[],
    }
}

/// Two-letter groups with spellings of their own ("ий" → "y" in Dmitriy / Dmitry).
fn pair(a: char, b: char) -> &'static [(&'static str, f64)] {
    match (a, b) {
        ('и', 'й') => &[
            ("iy", 1.0),
            ("y", 1.0),
            ("ii", 0.6),
            ("ij", 0.2),
            ("i", 0.3),
        ],
        ('ы', 'й') => &[("y", 1.0), ("yy", 0.6), ("iy", 0.3), ("yi", 0.2)],
        ('к', 'с') => &[("x", 0.3)],
        ('ь', 'е') => &[("ye", 1.0), ("ie", 0.5), ("e", 0.3)],
        _ => &[],
    }
}

fn is_vowel(c: char) -> bool {
    "аеёиоуыэюяіїєъь".contains(c)
}

/// The BGN-style reading lattice of a Cyrillic token's letters (one node per letter).
pub fn lattice(letters: &[char]) -> Lattice {
    let n = letters.len();
    let mut lat = Lattice::new(n, 4);
    let keep = 1.0 - BACKOFF;
    for (i, &c) in letters.iter().enumerate() {
        let start = i == 0 || is_vowel(letters[i - 1]);
        let table = letter(c, start);
        let total: f64 = table.iter().map(|e| e.1).sum();
        let best = table.iter().map(|e| e.1).fold(0.0, f64::max) / total.max(1e-9);
        for &(s, w) in table {
            if let Some(chunk) = Chunk::new(s.as_bytes()) {
                let to = (i + 1) as u16;
                lat.push(
                    i,
                    Arc {
                        to,
                        chunk,
                        p: keep * w / total,
                    },
                );
            }
        }
        if let Some(&next) = letters.get(i + 1) {
            let next_table = letter(next, is_vowel(c));
            let next_total: f64 = next_table.iter().map(|e| e.1).sum();
            let next_best =
                next_table.iter().map(|e| e.1).fold(0.0, f64::max) / next_total.max(1e-9);
            for &(s, w) in pair(c, next) {
                if let Some(chunk) = Chunk::new(s.as_bytes()) {
                    let to = (i + 2) as u16;
                    lat.push(
                        i,
                        Arc {
                            to,
                            chunk,
                            p: keep * keep * w * best * next_best,
                        },
                    );
                }
            }
        }
        lat.backoff[i] = if table.is_empty() { 1.0 } else { BACKOFF };
    }
    lat.finish();
    lat
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(word: &str) -> String {
        let l: Vec<char> = word.chars().collect();
        lattice(&l).kbest(1, &[])[0].0.clone()
    }

    #[test]
    fn bgn_first() {
        assert_eq!(best("путин"), "putin");
        assert_eq!(best("владимир"), "vladimir");
        assert_eq!(best("шойгу"), "shoygu");
        assert_eq!(best("щербаков"), "shcherbakov");
        let l: Vec<char> = "дмитрий".chars().collect();
        let lat = lattice(&l);
        assert!(lat.forward(b"dmitry") > 0.1 * lat.forward(b"dmitriy"));
    }
}
