//! Hand knowledge of how Han names are romanised: the Mandarin reading of each character
//! (from the `pinyin` crate, every reading of a heteronym), spelled in Hanyu Pinyin and in
//! Wade–Giles without apostrophes ("Mao Zedong" / "Mao Tse-tung", "Xi" / "Hsi"), plus the
//! Cantonese, Hokkien and Korean spellings of common surnames ("Chan", "Wong", "Lee", "Kim").
//!
//! The learned Han model knows how foreign names are *written* in Han characters (克魯森 ↔
//! Crewson); this reading lattice knows how Chinese names are *read*. Korean and Japanese
//! given names written in Han characters are read as Mandarin here: no table of their readings
//! is available, so only their surnames are covered.

use pinyin::{Pinyin, ToPinyinMulti};

use super::lattice::{Arc, Chunk, Lattice};

/// Weight of the generic spelling model at each character.
const BACKOFF: f64 = 0.02;

/// Surname spellings outside Mandarin (Cantonese, Hokkien, Taiwanese habits, Korean readings).
const SURNAMES: &[(char, &[&str])] = &[
    ('李', &["lee", "ri", "yi", "rhee", "lei"]),
    ('王', &["wong", "ong"]),
    ('陈', &["chan", "tan", "chin"]),
    ('陳', &["chan", "tan", "chin"]),
    ('张', &["cheung", "chong", "teo", "jang"]),
    ('張', &["cheung", "chong", "teo", "jang"]),
    ('刘', &["lau", "lao", "yoo", "ryu"]),
    ('劉', &["lau", "lao", "yoo", "ryu"]),
    ('黄', &["wong", "ng", "oei", "hwang"]),
    ('黃', &["wong", "ng", "oei", "hwang"]),
    ('林', &["lam", "lim", "im"]),
    ('吴', &["ng", "woo", "goh", "oh"]),
    ('吳', &["ng", "woo", "goh", "oh"]),
    ('周', &["chow", "chau", "chew", "joo"]),
    ('徐', &["tsui", "chui", "seo", "suh"]),
    ('郭', &["kwok", "kwak"]),
    ('何', &["ho", "ha"]),
    ('杨', &["yeung", "yeo"]),
    ('楊', &["yeung", "yeo"]),
    ('梁', &["leung", "ryang", "yang"]),
    ('罗', &["lo", "law", "na", "ra"]),
    ('羅', &["lo", "law", "na", "ra"]),
    ('郑', &["cheng", "cheung", "tay", "jung", "chung", "jeong"]),
    ('鄭', &["cheng", "cheung", "tay", "jung", "chung", "jeong"]),
    ('谢', &["tse", "chia"]),
    ('謝', &["tse", "chia"]),
    ('许', &["hui", "koh", "heo", "hur"]),
    ('許', &["hui", "koh", "heo", "hur"]),
    ('曾', &["tsang", "chan"]),
    ('邓', &["tang"]),
    ('鄧', &["tang"]),
    ('冯', &["fung"]),
    ('馮', &["fung"]),
    ('蔡', &["choi", "chua", "chae", "tsai"]),
    ('金', &["kim", "kam", "gim"]),
    ('朴', &["park", "pak", "bak"]),
    ('崔', &["choi", "choe", "tsui"]),
    ('姜', &["kang", "keung", "gang"]),
    ('赵', &["chiu", "cho", "teo", "jo"]),
    ('趙', &["chiu", "cho", "teo", "jo"]),
    ('曹', &["cho", "tso", "jo"]),
    ('孙', &["suen", "son"]),
    ('孫', &["suen", "son"]),
    ('胡', &["woo", "oh"]),
    ('朱', &["choo", "joo"]),
    ('高', &["ko", "koh", "go"]),
    ('叶', &["yip", "yap"]),
    ('葉', &["yip", "yap"]),
    ('苏', &["so", "soo"]),
    ('蘇', &["so", "soo"]),
    ('潘', &["poon", "phan", "ban"]),
    ('蒋', &["tseung"]),
    ('蔣', &["tseung"]),
    ('韩', &["hon", "han"]),
    ('韓', &["hon", "han"]),
    ('习', &["sip"]),
    ('習', &["sip"]),
    ('马', &["mah"]),
    ('馬', &["mah"]),
    ('安', &["ahn", "on"]),
    ('宋', &["sung"]),
    ('洪', &["hung", "ang"]),
    ('文', &["man", "moon", "mun"]),
    ('孔', &["hung"]),
    ('尹', &["wan", "yoon", "yun"]),
    ('申', &["shin", "san"]),
    ('全', &["chuen", "jeon", "chon", "jun"]),
    ('白', &["baek", "paek", "paik"]),
    ('沈', &["sham", "shim", "sim"]),
    ('卢', &["lo", "lou", "roh", "noh"]),
    ('盧', &["lo", "lou", "roh", "noh"]),
    ('丁', &["ding", "jeong", "chong"]),
    ('成', &["sing", "sung", "seong"]),
    ('车', &["cha"]),
    ('車', &["cha"]),
    ('具', &["koo", "ku"]),
    ('禹', &["woo"]),
    ('任', &["yam", "lim", "im"]),
    ('闵', &["man"]),
    ('閔', &["man"]),
    ('池', &["ji"]),
    ('严', &["yim", "eom", "um"]),
    ('嚴', &["yim", "eom", "um"]),
    ('元', &["yuen", "won"]),
    ('玄', &["yuen", "hyun", "hyon"]),
    ('方', &["fong", "bang"]),
    ('康', &["hong", "kang"]),
    ('权', &["kwon", "kuen"]),
    ('權', &["kwon", "kuen"]),
    ('柳', &["yoo", "ryu", "lau"]),
    ('裴', &["bae", "pae", "pui"]),
    ('裵', &["bae", "pae"]),
    ('南', &["nam"]),
    ('吕', &["lui", "yeo", "ryo"]),
    ('呂', &["lui", "yeo", "ryo"]),
    ('石', &["shek", "seok", "sok"]),
];

/// The Wade–Giles spelling of a toneless pinyin syllable, apostrophes dropped
/// ("zedong" syllables: "ze" → "tse", "dong" → "tung"; "xi" → "hsi").
pub fn wade_giles(py: &str) -> String {
    let special = match py {
        "zi" | "ci" => Some("tzu"),
        "si" => Some("ssu"),
        "zhi" | "chi" => Some("chih"),
        "shi" => Some("shih"),
        "ri" => Some("jih"),
        "er" => Some("erh"),
        "you" => Some("yu"),
        "yan" => Some("yen"),
        "ye" => Some("yeh"),
        "yi" => Some("i"),
        "yong" => Some("yung"),
        "yue" => Some("yueh"),
        "ran" => Some("jan"),
        _ => None,
    };
    if let Some(s) = special {
        return s.to_string();
    }
    const INITIALS: [&str; 23] = [
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "r", "z", "c", "s", "y", "w",
    ];
    let ini = INITIALS
        .iter()
        .find(|i| py.starts_with(**i))
        .copied()
        .unwrap_or("");
    let fin = &py[ini.len()..];
    let wg_ini = match ini {
        "b" => "p",
        "d" => "t",
        "g" => "k",
        "j" | "q" | "zh" => "ch",
        "x" => "hs",
        "r" => "j",
        "z" | "c" => "ts",
        other => other,
    };
    let wg_fin = match (ini, fin) {
        ("g" | "k" | "h", "e") => "o".to_string(),
        ("d" | "t" | "n" | "l" | "z" | "c" | "s" | "r", "uo") => "o".to_string(),
        (_, "ian") => "ien".to_string(),
        (_, "iong") => "iung".to_string(),
        (_, "ong") => "ung".to_string(),
        (_, "ie") => "ieh".to_string(),
        (_, "ue" | "ve" | "üe") => "ueh".to_string(),
        (_, "ui") => "uei".to_string(),
        (_, f) => f.replace(['ü', 'v'], "u"),
    };
    format!("{wg_ini}{wg_fin}")
}

/// Toneless readings of one character, most common first; `ü` is written `u` ("lü" → "lu"),
/// as on passports.
pub fn readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            let s: String = Pinyin::plain(p)
                .chars()
                .map(|ch| if ch == 'ü' || ch == 'v' { 'u' } else { ch })
                .filter(|ch| ch.is_ascii_lowercase())
                .collect();
            if !s.is_empty() && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Whether `c` is a family name the surname table knows (the common Chinese and Korean ones).
pub fn is_surname(c: char) -> bool {
    SURNAMES.iter().any(|(s, _)| *s == c)
}

/// Every spelling the rules give of one character: each Mandarin reading in pinyin and in
/// Wade–Giles, and the surname table's other spellings ("李": li, lee, ri, yi…).
pub fn spellings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in readings(c) {
        let wg = wade_giles(&r);
        for s in [r, wg] {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    if let Some((_, extra)) = SURNAMES.iter().find(|(s, _)| *s == c) {
        for e in extra.iter() {
            if !out.iter().any(|o| o == e) {
                out.push(e.to_string());
            }
        }
    }
    out
}

/// Whether the letters of `latin` (case, spaces, hyphens and apostrophes aside) are a rule
/// spelling of the Han characters `native`, one spelling per character in order ("畅" /
/// "chang", "张" / "Chang", "李" / "Ri"). A Han character is one syllable with a handful of
/// readings: Latin that is none of them is another syllable, however close ("cheng" is not
/// "chang", "ming" not "min"), so this is all or nothing. False when `native` holds anything
/// but Han characters with a known reading.
pub fn spells(native: &str, latin: &str) -> bool {
    spells_chars(native.chars(), latin)
}

/// [`spells`] for one character ("畅" / "chang"), without making a string of it.
pub fn spells_char(native: char, latin: &str) -> bool {
    spells_chars(std::iter::once(native), latin)
}

/// Every Latin spelling for which [`spells`] holds: one rule spelling per character, in order
/// (吴 → wu, woo, ng, goh…; 小明 → xiaoming, hsiaoming…). This is a finite set, so candidate
/// retrieval can look each one up instead of hoping a listed "Ng" shares letters with "wu".
/// `None` when `native` has a character without a spelling, is empty, or has more than `most`
/// spellings (a long token: the product grows with each character).
pub fn all_spellings(native: &str, most: usize) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    for c in native.chars() {
        let next = cached_spellings(c, |spellings| {
            let mut next = Vec::new();
            for head in &out {
                // `spells` compares lowercase letters only: a spelling with anything else
                // (an apostrophe, a hyphen) never matches, so it is no key either.
                for s in spellings
                    .iter()
                    .filter(|s| s.bytes().all(|b| b.is_ascii_lowercase()))
                {
                    next.push(format!("{head}{s}"));
                }
            }
            next
        });
        if next.is_empty() || next.len() > most {
            return None;
        }
        out = next;
    }
    if out.len() == 1 && out[0].is_empty() {
        return None;
    }
    out.sort();
    out.dedup();
    Some(out)
}

/// Spellings of one character, computed once per thread: [`spells`] runs for every Latin token
/// a Han query meets, and [`spellings`] allocates (readings, Wade–Giles forms) on each call.
fn cached_spellings<R>(c: char, f: impl FnOnce(&[String]) -> R) -> R {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static CACHE: RefCell<HashMap<char, std::rc::Rc<[String]>>> =
            RefCell::new(HashMap::new());
    }
    let s = CACHE.with(|cache| {
        cache
            .borrow_mut()
            .entry(c)
            .or_insert_with(|| spellings(c).into())
            .clone()
    });
    f(&s)
}

fn spells_chars(native: impl Iterator<Item = char>, latin: &str) -> bool {
    // Letters of `latin`, lowercased; a name token is short, so on the stack.
    let mut buf = [0u8; 64];
    let mut n = 0;
    for b in latin.bytes().filter(u8::is_ascii_alphabetic) {
        if n == buf.len() {
            return false;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    let l = &buf[..n];
    if l.is_empty() {
        return false;
    }
    // reach bit p: the first p letters spell the characters so far.
    let mut reach: u128 = 1;
    let mut any = false;
    for c in native {
        any = true;
        let next = cached_spellings(c, |spellings| {
            let mut next: u128 = 0;
            for p in (0..l.len()).filter(|&p| reach & (1 << p) != 0) {
                for s in spellings {
                    if l[p..].starts_with(s.as_bytes()) {
                        next |= 1 << (p + s.len());
                    }
                }
            }
            next
        });
        if next == 0 {
            return false;
        }
        reach = next;
    }
    any && reach & (1 << l.len()) != 0
}

/// The reading lattice of a Han token, one node per character. Character positions are the
/// display breaks ("金正恩" → "jin zheng en").
pub fn lattice(chars: &[char]) -> Lattice {
    let n = chars.len();
    let mut lat = Lattice::new(n, 6);
    let keep = 1.0 - BACKOFF;
    for (i, &c) in chars.iter().enumerate() {
        let mut spellings: Vec<(String, f64)> = Vec::new();
        let mut add = |s: String, w: f64| {
            if let Some(e) = spellings.iter_mut().find(|e| e.0 == s) {
                e.1 = e.1.max(w);
            } else {
                spellings.push((s, w));
            }
        };
        for (k, r) in readings(c).into_iter().enumerate() {
            let w = if k == 0 { 1.0 } else { 0.3 };
            add(wade_giles(&r), w * 0.7);
            add(r, w);
        }
        if i == 0 {
            if let Some((_, extra)) = SURNAMES.iter().find(|(s, _)| *s == c) {
                for e in extra.iter() {
                    add(e.to_string(), 0.6);
                }
            }
        }
        let total: f64 = spellings.iter().map(|e| e.1).sum();
        for (s, w) in spellings {
            if let Some(chunk) = Chunk::new(s.as_bytes()) {
                lat.push(
                    i,
                    Arc {
                        to: (i + 1) as u16,
                        chunk,
                        p: keep * w / total,
                    },
                );
            }
        }
        lat.backoff[i] = BACKOFF;
    }
    lat.finish();
    lat
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wade_giles_spellings() {
        assert_eq!(wade_giles("ze"), "tse");
        assert_eq!(wade_giles("dong"), "tung");
        assert_eq!(wade_giles("xi"), "hsi");
        assert_eq!(wade_giles("jiang"), "chiang");
        assert_eq!(wade_giles("jie"), "chieh");
        assert_eq!(wade_giles("shi"), "shih");
        assert_eq!(wade_giles("guo"), "kuo");
        assert_eq!(wade_giles("luo"), "lo");
    }

    #[test]
    fn a_character_is_spelt_only_by_its_readings() {
        assert!(spells("畅", "chang"));
        assert!(spells("张", "Chang"));
        assert!(spells("张", "zhang"));
        assert!(spells("李", "Ri"));
        assert!(spells("毛泽东", "Mao Tse-tung"));
        assert!(spells("承", "cheng"));
        assert!(!spells("承", "chang"));
        assert!(!spells("明", "min"));
        assert!(!spells("晨", "son"));
        assert!(!spells("黄", "nam"));
        assert!(!spells("浩", "ho"));
        assert!(!spells("", "li"));
        assert!(!spells("Kim", "kim"));
        assert!(is_surname('郭'));
        assert!(!is_surname('畅'));
    }

    #[test]
    fn all_spellings_are_exactly_what_spells_accepts() {
        let wu = all_spellings("吴", 64).expect("吴 has spellings");
        assert!(wu.iter().any(|s| s == "ng"));
        assert!(wu.iter().any(|s| s == "wu"));
        for native in ["吴", "毛泽东", "承翰", "李"] {
            let all = all_spellings(native, 4096).expect("spellings");
            assert!(all.iter().all(|s| spells(native, s)), "{native}: {all:?}");
        }
        let mzd = all_spellings("毛泽东", 4096).expect("spellings");
        assert!(mzd.iter().any(|s| s == "maotsetung"));
        assert!(mzd.iter().any(|s| s == "maozedong"));
        assert_eq!(all_spellings("毛泽东", 2), None, "over the limit");
        assert_eq!(all_spellings("", 8), None);
        assert_eq!(all_spellings("Kim", 8), None);
    }

    #[test]
    fn readings_of_names() {
        assert_eq!(readings('金')[0], "jin");
        assert_eq!(readings('毛')[0], "mao");
        let l = lattice(&['毛', '泽', '东']);
        assert!(l.forward(b"maozedong") > 0.1);
        assert!(l.forward(b"maotsetung") > 0.01);
        assert!(l.forward(b"maotsetung") > 1e4 * l.forward(b"maotsetang"));
    }
}
