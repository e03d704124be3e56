//! Given names and their nicknames ("Theodore" / "Ted", "Robert" / "Bob", "Benjamin" / "Ben").
//!
//! A nickname shares no spelling with its name often enough ("Bob", "Peggy") that no edit
//! distance or phonetic key relates them: only a table does. The table is the curated English
//! one of the `nicknames` package (Apache-2.0, `data/nicknames/README.md`), compiled in. Two
//! tokens are related when one is listed as a nickname of the other; two nicknames of one name
//! ("Bill" and "Bob" of Robert? "Bill" is William's too) are not related to each other, which
//! would chain unrelated names together.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/nicknames/names.csv");

/// Each related pair, both ways round, as lowercase ASCII comparison text.
fn pairs() -> &'static HashSet<(&'static str, &'static str)> {
    static PAIRS: OnceLock<HashSet<(&'static str, &'static str)>> = OnceLock::new();
    PAIRS.get_or_init(|| parse(TABLE).expect("the compiled-in nickname table parses (tested)"))
}

/// The rows of a `name1,has_nickname,name2` table, both ways round.
fn parse(table: &str) -> Result<HashSet<(&str, &str)>, String> {
    let mut out = HashSet::default();
    for (i, line) in table.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let mut f = line.split(',');
        let (Some(name), Some(rel), Some(nick), None) = (f.next(), f.next(), f.next(), f.next())
        else {
            return Err(format!(
                "nickname table line {}: expected 3 fields: {line:?}",
                i + 1
            ));
        };
        if rel != "has_nickname" {
            return Err(format!(
                "nickname table line {}: unknown relation {rel:?}",
                i + 1
            ));
        }
        // A few rows give initials ("casey,has_nickname,k.c."): the analyser reads those as
        // initials, which the matcher compares as such, so they are not nicknames here.
        if nick.contains('.') || name.contains('.') {
            continue;
        }
        let ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
        if !ok(name) || !ok(nick) {
            return Err(format!(
                "nickname table line {}: names must be lowercase ASCII letters: {line:?}",
                i + 1
            ));
        }
        out.insert((name, nick));
        out.insert((nick, name));
    }
    Ok(out)
}

/// The names `token` is a nickname of, and its nicknames (comparison text: lowercase ASCII).
/// Used by candidate retrieval, which must find "Theodore" for a query "Ted".
pub fn related_names(token: &str) -> &'static [&'static str] {
    static BY_NAME: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    let map = BY_NAME.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<&'static str>> = HashMap::default();
        for &(a, b) in pairs() {
            m.entry(a).or_default().push(b);
        }
        for v in m.values_mut() {
            v.sort_unstable();
        }
        m
    });
    map.get(token).map(Vec::as_slice).unwrap_or(&[])
}

/// Whether the given-name token `a` (comparison text) is in the table: [`related`] holds only
/// between two such tokens.
pub fn in_table(a: &str) -> bool {
    !related_names(a).is_empty()
}

/// Whether one of two given-name tokens (comparison text) is a nickname of the other.
pub fn related(a: &str, b: &str) -> bool {
    a != b && may_be_pair(a, b) && pairs().contains(&(a, b))
}

/// The slot of a pair of names in [`may_be_pair`]'s bit set: both first letters and both
/// lengths (from 15 on, one slot), or `None` for a name that is no lowercase ASCII word, which
/// the table has none of.
fn pair_slot(a: &str, b: &str) -> Option<usize> {
    let letter = |s: &str| match s.as_bytes().first() {
        Some(&c) if c.is_ascii_lowercase() => Some(usize::from(c - b'a')),
        _ => None,
    };
    let (fa, fb) = (letter(a)?, letter(b)?);
    let (la, lb) = (a.len().min(15), b.len().min(15));
    Some(((fa * 26 + fb) * 16 + la) * 16 + lb)
}

/// Whether `(a, b)` could be in the table, from a bit set of the table's first letters and
/// lengths: the matcher asks [`related`] for nearly every pair of given names that are not
/// spelling variants, and a hash of both strings per ask was a tenth of a Latin query's time;
/// almost every such pair is ruled out here by one bit.
fn may_be_pair(a: &str, b: &str) -> bool {
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    let bits = BITS.get_or_init(|| {
        let mut bits = vec![0u64; (26 * 26 * 16 * 16) / 64];
        for &(x, y) in pairs() {
            if let Some(k) = pair_slot(x, y) {
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        bits
    });
    pair_slot(a, b).is_some_and(|k| bits[k / 64] & (1 << (k % 64)) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_table_parses_and_is_not_empty() {
        let p = parse(TABLE).unwrap();
        assert!(p.len() > 4000, "{} pairs", p.len());
    }

    /// The bit set in front of the table lets every pair of the table through.
    #[test]
    fn every_pair_of_the_table_is_related() {
        let mut n = 0;
        for &(a, b) in pairs() {
            assert!(related(a, b), "{a} / {b}");
            n += 1;
        }
        assert!(n > 4000, "{n} pairs");
        assert!(!related("ted", "bob"));
        assert!(!related("Ted", "theodore"));
        assert!(!related("", "theodore"));
    }

    #[test]
    fn a_nickname_and_its_name_are_related_both_ways() {
        assert!(related("ted", "theodore"));
        assert!(related("theodore", "ted"));
        assert!(related("bob", "robert"));
        assert!(related("ben", "benjamin"));
        assert!(related_names("ted").contains(&"theodore"));
    }

    #[test]
    fn two_nicknames_or_unrelated_names_are_not() {
        assert!(!related("ted", "bob"));
        assert!(!related("john", "juan"));
        assert!(!related("ted", "ted"));
        assert!(related_names("xqzt").is_empty());
    }

    #[test]
    fn a_malformed_row_is_an_error_naming_its_line() {
        let e = parse("name1,relationship,name2\nted,has_nickname\n").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        let e = parse("h\nTed,has_nickname,theo\n").unwrap_err();
        assert!(e.contains("lowercase"), "{e}");
        let e = parse("h\nted,is,theo\n").unwrap_err();
        assert!(e.contains("relation"), "{e}");
    }
}
