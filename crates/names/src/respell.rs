//! A Latin name respelt as it sounds, for comparing it with a script that writes names by ear.
//!
//! Hangul writes a foreign name as it is pronounced, not as it is spelt: 푸코 is "Foucault"
//! (*fuko*), 실레 "Schiele" (*shile*), 베이너 "Boehner" (*bener*), 자크 "Jacques" (*jak*). The
//! learned cross-script model ([`crate::crossscript`]) sees letters, and a French or German
//! spelling is far from its Hangul in letters however close in sound: it gave those pairs 0.01
//! to 0.4, so the surname of "미셸 푸코" / "Michel Foucault" went unmatched.
//!
//! [`by_ear`] gives the spelling read by the habits of the languages whose names are most often
//! written in Hangul, one respelling per family of habits:
//! * French: *eau*, *au*, *ault*, *aux* sound *o*; *ou* is *u*; *qu*, *cques* are *k*; *ch* is
//!   *sh*; *oi* is *wa*; *gn* is *ny*; a final *e*, and *s*, *t*, *x*, *d*, *z* after a vowel,
//!   are silent ("Troyes" *troy*, "Marveaux" *marvo*);
//! * German, English, Polish: *sch* is *sh*, *ei* *ai*, *eu* *oi*, *ie* *i*, *w* *v*, *z* *ts*;
//!   *oe*, *ae* are *e*; an *h* after a vowel is silent ("Boehner", "Johnny"); *th* is *t*,
//!   *ph* *f*, *ck* *k*, *y* *i*; Polish *sz*, *cz*, *rz* are *sh*, *ch*, *j*.
//!
//! Both fold doubled letters, which Hangul cannot write ("Beethoven" *betoven*). A respelling is
//! a guess at the sound, tried beside the spelling, never instead of it.
//!
//! ```
//! use embargo_names::respell::by_ear;
//! assert!(by_ear("foucault").contains(&"fuco".to_string()));
//! assert!(by_ear("schiele").contains(&"shile".to_string()));
//! assert!(by_ear("boehner").contains(&"bener".to_string()));
//! assert!(by_ear("kim").is_empty());
//! ```

/// Where in the word a rule applies.
#[derive(Clone, Copy)]
enum At {
    Anywhere,
    End,
}

/// French spelling habits, applied in order.
const FRENCH: &[(&str, &str, At)] = &[
    ("eaux", "o", At::End),
    ("aults", "o", At::End),
    ("ault", "o", At::End),
    ("aux", "o", At::End),
    ("cques", "k", At::End),
    ("ques", "k", At::End),
    ("que", "k", At::End),
    ("eau", "o", At::Anywhere),
    ("ault", "o", At::Anywhere),
    ("qu", "k", At::Anywhere),
    ("ou", "u", At::Anywhere),
    ("au", "o", At::Anywhere),
    ("oi", "wa", At::Anywhere),
    ("gn", "ny", At::Anywhere),
    ("ch", "sh", At::Anywhere),
    ("ph", "f", At::Anywhere),
    ("th", "t", At::Anywhere),
];

/// German, English and Polish spelling habits, applied in order.
const GERMANIC: &[(&str, &str, At)] = &[
    ("sch", "sh", At::Anywhere),
    ("sz", "sh", At::Anywhere),
    ("cz", "ch", At::Anywhere),
    ("rz", "j", At::Anywhere),
    ("ei", "ai", At::Anywhere),
    ("eu", "oi", At::Anywhere),
    ("ie", "i", At::Anywhere),
    ("oe", "e", At::Anywhere),
    ("ae", "e", At::Anywhere),
    ("tz", "ts", At::Anywhere),
    ("z", "ts", At::Anywhere),
    ("w", "v", At::Anywhere),
    ("th", "t", At::Anywhere),
    ("ph", "f", At::Anywhere),
    ("ck", "k", At::Anywhere),
    ("y", "i", At::Anywhere),
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn apply(word: &str, rules: &[(&str, &str, At)]) -> String {
    let mut s = word.to_string();
    for &(from, to, at) in rules {
        match at {
            At::Anywhere => {
                if s.contains(from) {
                    s = s.replace(from, to);
                }
            }
            At::End => {
                if let Some(stem) = s.strip_suffix(from) {
                    s = format!("{stem}{to}");
                }
            }
        }
    }
    s
}

/// French silent endings: a final consonant of *s t x d z* after a vowel, then a final *e*
/// (never leaving fewer than two letters).
fn silent_ending(s: &mut String) {
    let b = s.as_bytes();
    if b.len() >= 3 && b"stxdz".contains(&b[b.len() - 1]) && is_vowel(b[b.len() - 2]) {
        s.pop();
    }
    if s.len() >= 3 && s.ends_with('e') {
        s.pop();
    }
}

/// An *h* after a vowel and not before one is silent ("Boehner", "Johnny", "Kahn").
fn silent_h(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    for (i, &c) in b.iter().enumerate() {
        let after_vowel = i > 0 && is_vowel(b[i - 1]);
        let before_vowel = b.get(i + 1).is_some_and(|&n| is_vowel(n));
        if c == b'h' && after_vowel && !before_vowel {
            continue;
        }
        out.push(c);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Doubled letters written once.
fn undoubled(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The respellings of a lowercase ASCII word by ear (see the module), those that differ from
/// it and from each other; empty for anything else or a word too short to respell.
pub fn by_ear(word: &str) -> Vec<String> {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    let mut french = apply(word, FRENCH);
    silent_ending(&mut french);
    let french = undoubled(&french);
    let germanic = undoubled(&silent_h(&apply(word, GERMANIC)));
    let mut out = Vec::with_capacity(2);
    for v in [french, germanic] {
        if v.len() >= 2 && v != word && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_spellings_by_ear() {
        assert!(by_ear("jacques").contains(&"jak".to_string()));
        assert!(by_ear("marveaux").contains(&"marvo".to_string()));
        assert!(by_ear("troyes").contains(&"troy".to_string()));
        assert!(by_ear("cauchy").contains(&"coshy".to_string()));
    }

    #[test]
    fn germanic_spellings_by_ear() {
        assert!(by_ear("scheiner").contains(&"shainer".to_string()));
        assert!(by_ear("beethoven").contains(&"betoven".to_string()));
        assert!(by_ear("johnny").contains(&"joni".to_string()));
        assert!(by_ear("szostak").contains(&"shostak".to_string()));
    }

    #[test]
    fn plain_words_have_none() {
        assert!(by_ear("kim").is_empty());
        assert!(by_ear("park").is_empty());
        assert!(by_ear("jo").is_empty());
        assert!(by_ear("Kim").is_empty());
    }
}
