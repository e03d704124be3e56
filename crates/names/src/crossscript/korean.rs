//! Hand knowledge of how Korean *personal names* are romanised: what the learned model cannot
//! see, because its Hangul data are mostly foreign names written in Hangul ("조지 워싱턴").
//!
//! Lists spell DPRK names in McCune–Reischauer without diacritics ("Kim Chong-un",
//! "Ri Pyong-chol"), South Korean names in Revised Romanization or in the bearer's own popular
//! spelling ("Lee Myung-bak", "Park Geun-hye", "Roh Moo-hyun"). This module builds a lattice
//! over the token's jamo that holds all of those at once:
//!
//! * each jamo gets its usual spellings (ㅓ: eo / o / u; ㅈ: j / ch; ㄱ: g / k; ㅕ: yeo / yo /
//!   yu / you; ㅡ: eu / u; ㅢ: ui / ee / i…), weighted by how common they are on lists;
//! * some syllables, mostly surnames, have spellings the jamo rules do not give (이: Lee, Yi,
//!   Rhee, Ri; 박: Park; 최: Choi; 노: Roh; 오: Oh; 우: Woo; 안: Ahn…): they get arcs over the whole
//!   syllable.
//!
//! Spelled syllable by syllable, with a space between syllables in the display form
//! ("김정은" → "kim jeong eun", "kim jong un", …).

use super::lattice::{Arc, Chunk, Lattice};
use super::units::decompose_hangul;

/// Weight of the generic spelling model at each jamo (typos, rare spellings).
const BACKOFF: f64 = 0.02;

/// Spellings of the 19 initial consonants (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ).
const INITIAL: [&[(&str, f64)]; 19] = [
    &[("k", 1.0), ("g", 0.8)],
    &[("kk", 1.0), ("gg", 0.5), ("k", 0.6), ("g", 0.3)],
    &[("n", 1.0)],
    &[("d", 1.0), ("t", 0.8)],
    &[("tt", 1.0), ("dd", 0.5), ("t", 0.5), ("d", 0.3)],
    &[("r", 1.0), ("l", 0.7), ("n", 0.2)],
    &[("m", 1.0)],
    &[("p", 1.0), ("b", 0.9)],
    &[("pp", 1.0), ("bb", 0.5), ("p", 0.5), ("b", 0.3)],
    &[("s", 1.0), ("sh", 0.3)],
    &[("ss", 1.0), ("s", 0.6), ("ssh", 0.1)],
    &[("", 1.0)],
    &[("j", 1.0), ("ch", 0.9), ("z", 0.05)],
    &[("jj", 1.0), ("tch", 0.6), ("ch", 0.5), ("j", 0.3)],
    &[("ch", 1.0), ("chh", 0.2), ("c", 0.1)],
    &[("k", 1.0), ("kh", 0.3)],
    &[("t", 1.0), ("th", 0.4)],
    &[("p", 1.0), ("ph", 0.4), ("f", 0.05)],
    &[("h", 1.0)],
];

/// Spellings of the 21 vowels (ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ).
const MEDIAL: [&[(&str, f64)]; 21] = [
    &[("a", 1.0), ("ah", 0.2)],
    &[("ae", 1.0), ("ai", 0.3), ("e", 0.3), ("ay", 0.1)],
    &[("ya", 1.0)],
    &[("yae", 1.0), ("ye", 0.3)],
    &[("o", 1.0), ("eo", 0.9), ("u", 0.8), ("uh", 0.3), ("e", 0.1)],
    &[("e", 1.0), ("ae", 0.2)],
    &[
        ("yo", 1.0),
        ("yeo", 0.9),
        ("yu", 0.7),
        ("you", 0.4),
        ("ye", 0.1),
    ],
    &[("ye", 1.0), ("yae", 0.2)],
    &[("o", 1.0), ("oh", 0.2), ("oo", 0.1)],
    &[("wa", 1.0), ("oa", 0.1)],
    &[("wae", 1.0), ("we", 0.3)],
    &[("oe", 1.0), ("oi", 0.5), ("we", 0.4), ("wi", 0.1)],
    &[("yo", 1.0), ("yoh", 0.1)],
    &[("u", 1.0), ("oo", 0.8), ("ou", 0.1)],
    &[("wo", 1.0), ("weo", 0.6), ("wu", 0.1)],
    &[("we", 1.0)],
    &[("wi", 1.0), ("wee", 0.3), ("ui", 0.2)],
    &[("yu", 1.0), ("yoo", 0.6), ("you", 0.3)],
    &[("u", 1.0), ("eu", 0.9), ("e", 0.2), ("ue", 0.1)],
    &[
        ("ui", 1.0),
        ("eui", 0.6),
        ("ee", 0.5),
        ("i", 0.5),
        ("ei", 0.1),
    ],
    &[("i", 1.0), ("ee", 0.4), ("e", 0.05)],
];

/// Spellings of the 27 final consonants (ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ
/// ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ).
const FINAL: [&[(&str, f64)]; 27] = [
    &[("k", 1.0), ("g", 0.5), ("ck", 0.1)],
    &[("k", 1.0), ("kk", 0.3)],
    &[("k", 1.0)],
    &[("n", 1.0)],
    &[("n", 1.0)],
    &[("n", 1.0)],
    &[("t", 1.0), ("d", 0.4)],
    &[("l", 1.0), ("r", 0.5)],
    &[("k", 1.0), ("l", 0.5)],
    &[("m", 1.0)],
    &[("l", 1.0), ("p", 0.5)],
    &[("l", 1.0)],
    &[("l", 1.0)],
    &[("p", 1.0)],
    &[("l", 1.0)],
    &[("m", 1.0)],
    &[("p", 1.0), ("b", 0.5)],
    &[("p", 1.0)],
    &[("t", 1.0), ("s", 0.6)],
    &[("t", 1.0), ("ss", 0.4)],
    &[("ng", 1.0)],
    &[("t", 1.0), ("j", 0.4)],
    &[("t", 1.0), ("ch", 0.4)],
    &[("k", 1.0)],
    &[("t", 1.0)],
    &[("p", 1.0)],
    &[("t", 1.0), ("h", 0.4)],
];

/// Whole-syllable spellings the jamo rules do not give, relative to the syllable's best
/// jamo spelling (1.0 = as common).
const SYLLABLES: &[(char, &[(&str, f64)])] = &[
    ('우', &[("woo", 1.2), ("wu", 0.3)]),
    ('용', &[("ryong", 0.4)]),
    ('룡', &[("yong", 0.6)]),
    ('신', &[("shin", 1.2)]),
    ('심', &[("shim", 1.0)]),
    ('시', &[("shi", 0.6)]),
    ('식', &[("shik", 0.6)]),
    ('실', &[("shil", 0.4)]),
    ('명', &[("myung", 1.0)]),
    ('영', &[("young", 1.0)]),
    ('형', &[("hyung", 1.0)]),
    ('경', &[("kyung", 1.0), ("gyung", 0.3)]),
    ('병', &[("byung", 1.0)]),
    ('평', &[("pyung", 0.6)]),
    ('정', &[("jung", 0.4), ("chung", 0.3)]),
    ('성', &[("sung", 0.9)]),
    ('승', &[("sung", 0.9)]),
    ('희', &[("hee", 1.0), ("hui", 0.6)]),
    ('의', &[("eui", 0.6), ("ui", 0.6)]),
    ('혜', &[("hae", 0.2)]),
    ('문', &[("moon", 1.0)]),
    ('구', &[("koo", 1.0)]),
    ('주', &[("joo", 1.0)]),
    ('수', &[("soo", 1.0)]),
    ('순', &[("soon", 1.0)]),
    ('숙', &[("sook", 1.0)]),
    ('훈', &[("hoon", 1.0)]),
    ('준', &[("joon", 1.0)]),
    ('중', &[("joong", 0.6)]),
    ('현', &[("hyun", 1.0)]),
    ('연', &[("yun", 0.6)]),
    ('원', &[("won", 1.0)]),
    ('태', &[("thae", 0.4)]),
];

/// Spellings of surname syllables, used for the first syllable only ("이" is Lee as a surname,
/// "i" inside a given name).
const SURNAME_SYLLABLES: &[(char, &[(&str, f64)])] = &[
    (
        '이',
        &[
            ("lee", 1.2),
            ("yi", 0.7),
            ("rhee", 0.4),
            ("ri", 0.5),
            ("li", 0.4),
        ],
    ),
    (
        '유',
        &[("yoo", 1.0), ("ryu", 0.5), ("you", 0.3), ("lyu", 0.1)],
    ),
    (
        '류',
        &[("yoo", 0.6), ("yu", 0.6), ("lyu", 0.3), ("ryoo", 0.3)],
    ),
    ('리', &[("lee", 0.7), ("li", 0.6), ("yi", 0.2)]),
    ('박', &[("park", 1.2), ("bahk", 0.1)]),
    ('최', &[("choi", 1.2), ("chey", 0.1), ("choy", 0.2)]),
    ('노', &[("roh", 0.8), ("noh", 0.6), ("ro", 0.3)]),
    ('로', &[("roh", 0.5), ("no", 0.3)]),
    ('라', &[("na", 0.3), ("la", 0.3)]),
    ('나', &[("ra", 0.3), ("la", 0.2)]),
    ('오', &[("oh", 0.8)]),
    ('임', &[("lim", 1.2), ("rim", 0.4), ("yim", 0.3)]),
    ('림', &[("im", 0.3)]),
    ('여', &[("ryeo", 0.2), ("ryo", 0.2)]),
    ('려', &[("yeo", 0.4), ("yo", 0.3)]),
    ('양', &[("ryang", 0.4)]),
    ('량', &[("yang", 0.5)]),
    ('윤', &[("youn", 0.3)]),
    ('손', &[("sohn", 0.6)]),
    ('안', &[("ahn", 1.2)]),
    ('허', &[("hur", 0.6), ("huh", 0.6)]),
    ('엄', &[("uhm", 0.6)]),
    ('백', &[("paik", 0.6), ("baik", 0.4), ("back", 0.2)]),
    ('배', &[("bai", 0.1)]),
    ('곽', &[("kwak", 1.0)]),
    ('권', &[("kwon", 1.0)]),
    ('황', &[("whang", 0.1)]),
    ('김', &[("gim", 0.2)]),
];

/// One-syllable surnames that are also common on lists; two-syllable ones are matched as
/// prefixes. Used only to guess whether a Hangul token is a Korean personal name.
const SURNAMES: &str = "김이리박최정조강윤장임림한오서신권황안송류유홍전고문양량손배백허남심노로하곽성차주우구민진나라지엄채원천방공현함변염여려추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용룡예봉경태피계";
const COMPOUND_SURNAMES: [&str; 7] = ["남궁", "선우", "제갈", "황보", "독고", "사공", "서문"];

fn jamo_index(c: char, base: u32, n: u32) -> Option<usize> {
    let i = (c as u32).checked_sub(base)?;
    (i < n).then_some(i as usize)
}

/// True if a Hangul syllable is unlikely in a Sino-Korean name: a foreign sound written in
/// Hangul (스, 트, 르; 샤, 쥬; 티, 디; tense initials…).
fn foreign_syllable(s: char) -> bool {
    let Some((i, m, f)) = decompose_hangul(s) else {
        return true;
    };
    let i = i as u32 - 0x1100;
    let m = m as u32 - 0x1161;
    let eu = 18;
    let tense_or_k = [1, 4, 8, 10, 13, 15]; // ㄲ ㄸ ㅃ ㅆ ㅉ ㅋ
    let sibilant = [9, 10, 12, 13, 14]; // ㅅ ㅆ ㅈ ㅉ ㅊ
    let y_vowel = [2, 3, 6, 7, 12, 17]; // ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ
    (m == eu && f.is_none() && i != 11)
        || (tense_or_k.contains(&i) && s != '쾌')
        || (sibilant.contains(&i) && y_vowel.contains(&m))
        || ((i == 3 || i == 16) && m == 20) // 디 티
}

/// Whether a Hangul token looks like a Korean personal name (surname + one to three syllables
/// of Sino-Korean readings): its Korean reading is then shown first by `romanize`.
pub fn looks_like_korean_name(syllables: &[char]) -> bool {
    if !(2..=4).contains(&syllables.len()) || syllables.iter().any(|&s| foreign_syllable(s)) {
        return false;
    }
    let first: String = syllables[..2].iter().collect();
    SURNAMES.contains(syllables[0]) || COMPOUND_SURNAMES.contains(&first.as_str())
}

fn normalised<'a>(table: &'a [(&'a str, f64)]) -> impl Iterator<Item = (Chunk, f64)> + 'a {
    let total: f64 = table.iter().map(|e| e.1).sum();
    table
        .iter()
        .filter_map(move |(s, w)| Some((Chunk::new(s.as_bytes())?, w / total)))
}

fn best(table: &[(&str, f64)]) -> f64 {
    let total: f64 = table.iter().map(|e| e.1).sum();
    table.iter().map(|e| e.1).fold(0.0, f64::max) / total
}

/// The Korean-name lattice of a token's syllables, over the same jamo nodes as the learned
/// model (so one unit = one jamo). Node indices where a syllable starts are returned too, for
/// the spaced display form.
pub fn lattice(syllables: &[char]) -> (Lattice, Vec<usize>) {
    let mut jamo: Vec<(usize, usize, Option<usize>)> = Vec::with_capacity(syllables.len());
    for &s in syllables {
        if let Some((i, m, f)) = decompose_hangul(s) {
            let i = jamo_index(i, 0x1100, 19).unwrap_or(11);
            let m = jamo_index(m, 0x1161, 21).unwrap_or(0);
            let f = f.and_then(|f| jamo_index(f, 0x11A8, 27));
            jamo.push((i, m, f));
        }
    }
    let n: usize = jamo.iter().map(|j| 2 + usize::from(j.2.is_some())).sum();
    let mut lat = Lattice::new(n, 3);
    let mut starts = Vec::with_capacity(jamo.len());
    let mut node = 0usize;
    let keep = 1.0 - BACKOFF;
    for (&s, &(i, m, f)) in syllables.iter().zip(&jamo) {
        starts.push(node);
        let start = node;
        // ㅅ before an i/y sound is often written "sh" (신 Shin, 시 Shi, 순 Soon is not).
        let mut ini: Vec<(&str, f64)> = INITIAL[i].to_vec();
        if i == 9 && [2, 3, 6, 7, 12, 16, 17, 20].contains(&m) {
            ini = vec![("s", 1.0), ("sh", 0.8)];
        }
        let tables: Vec<&[(&str, f64)]> = match f {
            Some(f) => vec![&ini, MEDIAL[m], FINAL[f]],
            None => vec![&ini, MEDIAL[m]],
        };
        let mut syllable_best = 1.0;
        for t in &tables {
            for (chunk, p) in normalised(t) {
                lat.push(
                    node,
                    Arc {
                        to: (node + 1) as u16,
                        chunk,
                        p: p * keep,
                    },
                );
            }
            lat.backoff[node] = BACKOFF;
            syllable_best *= best(t) * keep;
            node += 1;
        }
        let surname = if start == 0 { SURNAME_SYLLABLES } else { &[] };
        let extra = SYLLABLES.iter().chain(surname).filter(|(c, _)| *c == s);
        for (_, extra) in extra {
            for (text, w) in extra.iter() {
                if let Some(chunk) = Chunk::new(text.as_bytes()) {
                    lat.push(
                        start,
                        Arc {
                            to: node as u16,
                            chunk,
                            p: w * syllable_best,
                        },
                    );
                }
            }
        }
    }
    lat.finish();
    (lat, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(word: &str, latin: &str) -> f64 {
        let s: Vec<char> = word.chars().collect();
        lattice(&s).0.forward(latin.as_bytes())
    }

    #[test]
    fn mccune_reischauer_and_revised_both_spell() {
        let rr = p("김정은", "kimjeongeun");
        let mr = p("김정은", "kimchongun");
        let pop = p("김정은", "kimjongun");
        let wrong = p("김정은", "kimjangun");
        assert!(mr > rr / 20.0 && pop > rr / 20.0, "{rr} {mr} {pop}");
        assert!(wrong < pop / 100.0);
        assert!(p("이명박", "leemyungbak") > p("이명박", "imyeongbak") / 5.0);
    }

    #[test]
    fn korean_name_guess() {
        let k = |s: &str| looks_like_korean_name(&s.chars().collect::<Vec<_>>());
        assert!(k("김정은"));
        assert!(k("리병철"));
        assert!(k("남궁민"));
        assert!(!k("워싱턴"));
        assert!(!k("트럼프"));
        assert!(!k("조지아스"));
    }

    #[test]
    fn display_breaks_at_syllables() {
        let s: Vec<char> = "김정은".chars().collect();
        let (lat, starts) = lattice(&s);
        assert_eq!(starts, vec![0, 3, 6]);
        let best = lat.kbest(5, &starts);
        assert_eq!(best[0].0, "kim jong un");
    }
}
