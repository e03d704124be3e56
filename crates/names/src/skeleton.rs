//! A phonetic skeleton of a Latin name token, tuned to transliteration variants.
//!
//! Written here rather than taken from a crate because the generic phonetic codes answer another
//! question: Double Metaphone keeps "Jong" (JNK) apart from "Chong" (XNK), Soundex keeps the first
//! letter. Names on sanctions lists differ by romanisation system: vowels (Muhammad / Mohammed),
//! kh/h, ch/j/zh (Korean Chong-un / Jong-un, Russian zh), q/k, w/v, ou/u, doubled letters. The
//! skeleton drops vowels (except a leading one, kept as "a"), merges those consonant classes and
//! collapses repeats.
//!
//! ```
//! use embargo_names::skeleton::skeleton;
//! assert_eq!(skeleton("mohammed"), skeleton("muhammad"));
//! assert_eq!(skeleton("mohamed"), skeleton("muhamad"));
//! assert_eq!(skeleton("chong"), skeleton("jong"));
//! assert_eq!(skeleton("qaddafi"), skeleton("kadhafi"));
//! assert_ne!(skeleton("putin"), skeleton("bush"));
//! ```
pub fn skeleton(token: &str) -> String {
    let b: Vec<u8> = token
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    let push = |out: &mut Vec<u8>, c: u8| {
        if out.last() != Some(&c) {
            out.push(c);
        }
    };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let next2 = b.get(i + 2).copied();
        // Multi-letter units first.
        let (code, len): (Option<u8>, usize) = match (c, next, next2) {
            (b't', Some(b's'), Some(b'c')) if b.get(i + 3) == Some(&b'h') => (Some(b'j'), 4),
            (b's', Some(b'h'), Some(b'c')) if b.get(i + 3) == Some(&b'h') => (Some(b's'), 4),
            (b's', Some(b'c'), Some(b'h')) => (Some(b's'), 3),
            (b't', Some(b'c'), Some(b'h')) => (Some(b'j'), 3),
            (b'd', Some(b'z'), Some(b'h')) => (Some(b'j'), 3),
            (b'c', Some(b'h'), _) => (Some(b'j'), 2),
            (b'z', Some(b'h'), _) => (Some(b'j'), 2),
            (b'd', Some(b'j'), _) => (Some(b'j'), 2),
            (b'k', Some(b'h'), _) => (Some(b'h'), 2),
            (b'g', Some(b'h'), _) => (Some(b'g'), 2),
            (b'p', Some(b'h'), _) => (Some(b'f'), 2),
            (b't', Some(b'h'), _) => (Some(b't'), 2),
            (b'd', Some(b'h'), _) => (Some(b'd'), 2),
            (b's', Some(b'h'), _) => (Some(b's'), 2),
            (b't', Some(b's'), _) | (b't', Some(b'z'), _) => (Some(b's'), 2),
            (b'c', Some(b'k'), _) => (Some(b'k'), 2),
            (b'n', Some(b'g'), None) => (Some(b'n'), 2),
            _ => {
                let code = match c {
                    b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => {
                        if i == 0 {
                            Some(b'a')
                        } else {
                            None
                        }
                    }
                    b'q' | b'c' => Some(b'k'),
                    b'w' => Some(b'v'),
                    b'z' => Some(b's'),
                    b'j' => Some(b'j'),
                    b'x' => Some(b's'),
                    b'h' => {
                        // A lone h between or after vowels is often silent or dropped.
                        if i == 0 {
                            Some(b'h')
                        } else {
                            let prev_vowel = matches!(b[i - 1], b'a' | b'e' | b'i' | b'o' | b'u');
                            if prev_vowel && next.is_none() {
                                None
                            } else {
                                Some(b'h')
                            }
                        }
                    }
                    c => Some(c),
                };
                (code, 1)
            }
        };
        if let Some(code) = code {
            push(&mut out, code);
        } else if let Some(&last) = out.last() {
            // A vowel separates repeated consonants: keep them distinct ("nana" → "nn"), but a
            // doubled consonant collapses ("nn" → "n").
            if last != b'_' {
                out.push(b'_');
            }
        }
        i += len;
    }
    out.retain(|c| *c != b'_');
    // Second pass: collapse repeats that vowels separated only in spelling variants is not done:
    // "nana" stays "nn".
    String::from_utf8(out).unwrap_or_default()
}
