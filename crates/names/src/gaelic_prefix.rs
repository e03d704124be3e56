//! The Gaelic "Mc" (son of) opening a surname: "McKesson" and "McKenton" agree on it as
//! thousands of surnames do.
//!
//! An edit distance divides the edits by the word's length, so two words that share an opening
//! common to a whole family of names look closer than their distinctive parts are: "McKenton" /
//! "McKesson" differ by two letters in eight (0.68, a spelling variant to the matcher), "Kenton"
//! / "Kesson" by two in six. Agreeing on "Mc" proves no more than agreeing on "al-" or "Abd"
//! does, so two surnames that both open with it are compared on the rest. "Mac" is left alone:
//! too many names merely begin with those letters (Macron, Machado, Macias).

/// The rest of two comparison texts that both open with "mc" and have at least four letters
/// after it; `None` otherwise.
///
/// ```
/// use embargo_names::gaelic_prefix::after_shared_mc;
/// assert_eq!(after_shared_mc("mckenton", "mckesson"), Some(("kenton", "kesson")));
/// assert_eq!(after_shared_mc("mckenton", "kenton"), None);
/// assert_eq!(after_shared_mc("mcrae", "mcray"), None);
/// ```
pub fn after_shared_mc<'a>(a: &'a str, b: &'a str) -> Option<(&'a str, &'a str)> {
    let ra = a.strip_prefix("mc")?;
    let rb = b.strip_prefix("mc")?;
    (ra.len() >= 4 && rb.len() >= 4).then_some((ra, rb))
}
