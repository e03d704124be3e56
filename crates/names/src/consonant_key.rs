//! A coarse consonant key of a Latin token, for retrieving the Latin spellings of a name written
//! in another script.
//!
//! A name in Arabic, Hebrew, Cyrillic or kana reaches the matcher romanised by a generic table
//! ("cheryati" for شريعتي, "nnsy" for ננסי, "rconin" for ルコーニン), which the learned model
//! then compares with listed spellings ("Shariati", "Nancy", "Lukonin"). Retrieval needs keys the
//! two share: the [`crate::skeleton`] keeps ch / sh, l / r, c / s and voiced / unvoiced apart,
//! as Latin spelling variants of one name keep them, but one script's romanisation table and
//! another language's spelling do not (Arabic has no p, Japanese no l, Hebrew no vowels).
//! Hand-written rather than a phonetic crate's code for the reason the skeleton gives: the
//! classes are the confusions of transliteration, not of English spelling.
//!
//! ```
//! use embargo_names::consonant_key::consonant_key;
//! assert_eq!(consonant_key("cheryati"), consonant_key("shariati"));
//! assert_eq!(consonant_key("nnsy"), consonant_key("nancy"));
//! assert_eq!(consonant_key("rconin"), consonant_key("lukonin"));
//! assert_ne!(consonant_key("putin"), consonant_key("bush"));
//! ```

/// The consonants of `token` (lowercase Latin), each by its class, vowels, h, w and y dropped,
/// repeats collapsed: s for the sibilants and affricates (s, z, x, j, ch, sh, soft c), r for r
/// and l, k for k, g, q and hard c, p for the labials (b, p, f, v), t for d and t, n for m and
/// n. Empty when no consonant is left.
pub fn consonant_key(token: &str) -> String {
    let b = token.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i].to_ascii_lowercase();
        let next = b.get(i + 1).map(u8::to_ascii_lowercase);
        let (class, len) = match (c, next) {
            (b'c', Some(b'h')) | (b's', Some(b'h')) | (b'z', Some(b'h')) => (Some(b's'), 2),
            (b'p', Some(b'h')) => (Some(b'p'), 2),
            (b'k', Some(b'h')) | (b'g', Some(b'h')) => (Some(b'k'), 2),
            (b't', Some(b'h')) | (b'd', Some(b'h')) => (Some(b't'), 2),
            (b'c', Some(b'e' | b'i' | b'y')) => (Some(b's'), 1),
            _ => {
                let class = match c {
                    b's' | b'z' | b'x' | b'j' => Some(b's'),
                    b'r' | b'l' => Some(b'r'),
                    b'k' | b'g' | b'q' | b'c' => Some(b'k'),
                    b'b' | b'p' | b'f' | b'v' => Some(b'p'),
                    b'd' | b't' => Some(b't'),
                    b'm' | b'n' => Some(b'n'),
                    _ => None,
                };
                (class, 1)
            }
        };
        if let Some(class) = class {
            if out.last() != Some(&class) {
                out.push(class);
            }
        }
        i += len;
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::consonant_key;

    #[test]
    fn classes_of_transliteration() {
        assert_eq!(consonant_key("sirak"), consonant_key("chirac"));
        assert_eq!(consonant_key("muhammad"), "nt");
        assert_eq!(consonant_key("aeiouhwy"), "");
        assert_ne!(consonant_key("nancy"), consonant_key("nathan"));
    }
}
