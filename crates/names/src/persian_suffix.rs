//! Persian family-name suffixes written apart: "علی پور" is the one family name Alipour, not the
//! given name Ali and a word "pour".
//!
//! Persian family names are often a name and a suffix: -پور (-pour, "son of"), -زاده (-zadeh,
//! "born of"), -نژاد (-nejad, "of the stock of"). Persian writes the suffix after a
//! zero-width non-joiner, which many systems turn into a space, so "حسین علی‌پور" (Hossein
//! Alipour) arrives as three words, and its "علی" met the listed given name 'Ali of
//! "HUSAYN, 'Ali" while "پور" was left over as a middle name (0.86, a false alert). The suffix
//! is joined back to the word before it, so the family name is compared whole.

use crate::script::Script;

/// The suffixes, as written in Persian script.
const SUFFIXES: &[&str] = &["پور", "زاده", "نژاد"];

/// Join each suffix written as a word of its own to the Arabic-script word before it.
///
/// ```
/// use embargo_names::persian_suffix::join;
/// let t = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// assert_eq!(join(t(&["حسین", "علی", "پور"])), t(&["حسین", "علیپور"]));
/// assert_eq!(join(t(&["پور", "حسین"])), t(&["پور", "حسین"]));
/// ```
pub fn join(tokens: Vec<String>) -> Vec<String> {
    if !tokens
        .iter()
        .skip(1)
        .any(|t| SUFFIXES.contains(&t.as_str()))
    {
        return tokens;
    }
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    for t in tokens {
        let joins = SUFFIXES.contains(&t.as_str())
            && out
                .last()
                .is_some_and(|p| Script::of_token(p) == Script::Arabic);
        match out.last_mut() {
            Some(prev) if joins => prev.push_str(&t),
            _ => out.push(t),
        }
    }
    out
}
