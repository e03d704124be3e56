//! Optimal string alignment distance of two short byte strings, without allocating.
//!
//! The same number as `rapidfuzz::distance::osa::distance` (Levenshtein plus transpositions of
//! adjacent characters, each substring edited once), for the strings token similarity compares
//! millions of times per screening run: ASCII tokens of a few letters. rapidfuzz builds a
//! 256-entry pattern table and walks generic iterators on every call; here the pattern of the
//! longer string (at most 64 bytes after the common prefix and suffix are stripped) is a
//! 128-entry table on the stack, and the bit-parallel recurrence is Hyyrö's (2003), as
//! rapidfuzz's. Longer strings fall back to rapidfuzz.

use rapidfuzz::distance::osa;

/// OSA distance of two ASCII strings (any bytes ≥ 128 fall back to rapidfuzz, with the same
/// result).
pub fn osa_ascii(a: &[u8], b: &[u8]) -> usize {
    // Common prefix and suffix never change the distance.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    // The pattern is built on the longer string.
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return long.len();
    }
    if long.len() > 64 || !long.is_ascii() || !short.is_ascii() {
        return osa::distance(long.iter().copied(), short.iter().copied());
    }
    let mut pm = [0u64; 128];
    for (i, &c) in long.iter().enumerate() {
        pm[c as usize] |= 1u64 << i;
    }
    let mut vp = !0u64;
    let mut vn = 0u64;
    let mut d0 = 0u64;
    let mut pm_old = 0u64;
    let mut dist = long.len();
    let mask = 1u64 << (long.len() - 1);
    for &c in short {
        let pm_j = pm[c as usize];
        let tr = (((!d0) & pm_j) << 1) & pm_old;
        d0 = ((pm_j & vp).wrapping_add(vp) ^ vp) | pm_j | vn;
        d0 |= tr;
        let mut hp = vn | !(d0 | vp);
        let mut hn = d0 & vp;
        dist += usize::from(hp & mask != 0);
        dist -= usize::from(hn & mask != 0);
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | !(d0 | hp);
        vn = hp & d0;
        pm_old = pm_j;
    }
    dist
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(a: &str, b: &str) -> usize {
        osa::distance(a.bytes(), b.bytes())
    }

    /// Every pair of strings of up to five letters over a three-letter alphabet: every kind of
    /// edit, transposition and overlap of them at small sizes.
    #[test]
    fn equals_rapidfuzz_on_every_small_string() {
        let mut words = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for w in &frontier {
                for c in ['a', 'b', 'c'] {
                    next.push(format!("{w}{c}"));
                }
            }
            words.extend(next.iter().cloned());
            frontier = next;
        }
        for a in &words {
            for b in &words {
                assert_eq!(
                    osa_ascii(a.as_bytes(), b.as_bytes()),
                    reference(a, b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn equals_rapidfuzz_on_names_and_long_strings() {
        let names = [
            "mohammed",
            "muhammad",
            "mohamed",
            "abdallah",
            "abdullah",
            "lukashenko",
            "lukashevich",
            "castillo",
            "castro",
            "joonng",
            "jong",
            "hanniball",
            "hannibal",
            "",
            "a",
            "ab",
            "ba",
            "kim",
            "jongun",
            "abdelrahman",
            "rahman",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopq",
            "bacdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqx",
        ];
        for a in names {
            for b in names {
                assert_eq!(
                    osa_ascii(a.as_bytes(), b.as_bytes()),
                    reference(a, b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn equals_rapidfuzz(a in "[a-e]{0,70}", b in "[a-e]{0,70}") {
            proptest::prop_assert_eq!(osa_ascii(a.as_bytes(), b.as_bytes()), reference(&a, &b));
        }
    }
}
