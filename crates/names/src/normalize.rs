//! Unicode normalisation, case folding and splitting a name into raw tokens.
//!
//! NFKC first (full-width letters, ligatures, compatibility forms), then lower case. Latin text is
//! brought to plain ASCII by dropping combining marks (NFKD) and transliterating the letters marks
//! removal leaves alone (Đ, Ł, Ø, ß, Æ). Punctuation separates tokens, except that apostrophes
//! and dots inside a token are dropped ("Cho'ng" → "chong", "d.o.o." → "doo", "C.K." → "ck"),
//! because lists write the same name with and without them.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// NFKC and full lower case.
pub fn fold(s: &str) -> String {
    s.nfkc().flat_map(char::to_lowercase).collect()
}

/// Latin text to lowercase ASCII: marks dropped, special letters transliterated.
///
/// ```
/// assert_eq!(embargo_names::normalize::latin_ascii("Müller-Łukasz Ørsted Straße"), "muller-lukasz orsted strasse");
/// ```
pub fn latin_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            for a in any_ascii::any_ascii_char(c).chars() {
                out.push(a.to_ascii_lowercase());
            }
        }
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | '`' | 'ʼ' | 'ʻ' | 'ʹ' | '´' | 'ʿ' | 'ʾ' | '′'
    )
}

/// Split folded text into raw tokens. `&` becomes its own token so that "Johnson & Johnson" and
/// "Johnson and Johnson" can meet, and `%` the word "percent" (joined to the letters after it)
/// so that "3%ers" meets "Three Percenters".
///
/// ```
/// use embargo_names::normalize::{fold, split_tokens};
/// assert_eq!(split_tokens(&fold("KIM, Jong-un")), vec!["kim", "jong", "un"]);
/// assert_eq!(split_tokens(&fold("SIS d.o.o.")), vec!["sis", "doo"]);
/// assert_eq!(split_tokens(&fold("Kim Cho'ng-sik")), vec!["kim", "chong", "sik"]);
/// ```
pub fn split_tokens(folded: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    // Letters since the last dot inside the current token: a dot after a single letter belongs
    // to an initialism ("c.k." → "ck"); a dot after a longer word ends the token ("Inc.", "Co.Ltd").
    let mut segment = 0usize;
    for c in folded.chars() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            cur.push(c);
            segment += 1;
        } else if is_apostrophe(c) || c == '.' || c == '\u{200c}' || c == '\u{200d}' || c == 'ـ' {
            // Dropped inside a token: apostrophes, dots of initialisms, joiners, Arabic tatweel.
            if c == '.' {
                if segment > 1 && !cur.chars().all(char::is_numeric) {
                    tokens.push(std::mem::take(&mut cur));
                }
                segment = 0;
            }
        } else {
            segment = 0;
            if c == '&' {
                if !cur.is_empty() {
                    tokens.push(std::mem::take(&mut cur));
                }
                tokens.push("&".to_string());
                continue;
            }
            // The percent sign is read as the word, which the letters after it continue:
            // "3%ers" is "3 percenters", as "Three Percenters" is written out.
            if c == '%' {
                if !cur.is_empty() {
                    tokens.push(std::mem::take(&mut cur));
                }
                cur.push_str("percent");
                segment = cur.len();
                continue;
            }
            if !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_and_apostrophes() {
        assert_eq!(
            split_tokens(&fold("C.K. Hutchison")),
            vec!["ck", "hutchison"]
        );
        assert_eq!(
            split_tokens(&fold("Ali A. Velayati")),
            vec!["ali", "a", "velayati"]
        );
        assert_eq!(split_tokens(&fold("U.S.A.")), vec!["usa"]);
        assert_eq!(split_tokens(&fold("Acme Inc.")), vec!["acme", "inc"]);
        assert_eq!(split_tokens(&fold("Co.Ltd")), vec!["co", "ltd"]);
        assert_eq!(split_tokens(&fold("O'Brien")), vec!["obrien"]);
        assert_eq!(
            split_tokens(&fold("Johnson & Johnson")),
            vec!["johnson", "&", "johnson"]
        );
        assert_eq!(split_tokens(&fold("ＫＩＭ")), vec!["kim"]);
    }

    #[test]
    fn the_percent_sign_is_a_word() {
        assert_eq!(split_tokens(&fold("3%ers")), vec!["3", "percenters"]);
        assert_eq!(
            split_tokens(&fold("50% Holding")),
            vec!["50", "percent", "holding"]
        );
    }
}
