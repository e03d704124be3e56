//! The letters of a token's comparison text as counts, without their order: a lower bound of
//! the edit distance between two texts, read without touching either text.
//!
//! Every insertion, deletion or substitution changes the difference of two bags by at most one
//! letter on each side, and a transposition changes neither, so the larger one-sided difference
//! of two bags never exceeds their (optimal string alignment) edit distance. The merged pairings
//! (a token against two or three adjacent tokens written together) use it to skip the similarity
//! of a pairing that cannot reach the line it must pass: search meets hundreds of such pairings
//! per query, and almost none passes.
//!
//! Written here, not taken from a crate: it is twenty lines, and what it must bound is this
//! crate's own similarity ([`crate::token_similarity::text_similarity`]).

/// Counts of the letters a to z, of digits, and of any other ASCII byte, in one text or in
/// several written together ([`LetterBag::add`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LetterBag {
    /// Slots 28 to 31 stay 0: 32 bytes make whole vector registers, so that the comparisons
    /// below compile to a few vector instructions rather than a loop over 28 bytes.
    counts: [u8; 32],
    /// False when the text is not ASCII (the similarity then counts characters, not bytes) or a
    /// count overflowed: such a bag bounds nothing.
    exact: bool,
}

impl Default for LetterBag {
    fn default() -> Self {
        LetterBag {
            counts: [0; 32],
            exact: true,
        }
    }
}

/// Slot of a byte in [`LetterBag::counts`]: a to z, then digits, then anything else.
fn slot(b: u8) -> usize {
    match b {
        b'a'..=b'z' => usize::from(b - b'a'),
        b'0'..=b'9' => 26,
        _ => 27,
    }
}

impl LetterBag {
    pub fn of(text: &str) -> LetterBag {
        let mut bag = LetterBag {
            exact: text.is_ascii(),
            ..LetterBag::default()
        };
        for &b in text.as_bytes() {
            let c = &mut bag.counts[slot(b)];
            match c.checked_add(1) {
                Some(n) => *c = n,
                None => bag.exact = false,
            }
        }
        bag
    }

    /// Add the letters of `other` (a text written after this one).
    #[inline]
    pub fn add(&mut self, other: &LetterBag) {
        // Written so that it compiles to a few vector instructions (no branch per letter): the
        // bound adds bags for every run of words it meets. The sums are made in a local array
        // and stored whole: adding into the bag's bytes one by one compiled to a read, add and
        // write of memory per letter, whose stores the next read of the bag then waited on.
        // A count that overflows leaves the bag inexact, and an inexact bag bounds nothing,
        // whatever its counts.
        let (a, b) = (self.counts, other.counts);
        let mut sum = [0u8; 32];
        let mut overflow = false;
        for k in 0..sum.len() {
            sum[k] = a[k].wrapping_add(b[k]);
            overflow |= sum[k] < a[k];
        }
        self.counts = sum;
        self.exact &= other.exact && !overflow;
    }

    /// A lower bound of the edit distance between the texts of the two bags, in bytes; `None`
    /// when either bag bounds nothing.
    pub fn distance(&self, other: &LetterBag) -> Option<usize> {
        if !self.exact || !other.exact {
            return None;
        }
        // The differences byte by byte, then each summed: this runs for every pair of Latin
        // words a query meets (`surely_unrelated`), and the byte-wise form compiles to a few
        // vector instructions (a summing loop over 16-bit sums did not vectorise).
        let (a, b) = (&self.counts, &other.counts);
        let (mut more, mut fewer) = ([0u8; 32], [0u8; 32]);
        for k in 0..32 {
            more[k] = a[k].saturating_sub(b[k]);
            fewer[k] = b[k].saturating_sub(a[k]);
        }
        let sum = |d: &[u8; 32]| d.iter().map(|&x| u32::from(x)).sum::<u32>();
        Some(sum(&more).max(sum(&fewer)) as usize)
    }

    /// Whether the two texts use the same letters (whatever their counts).
    pub fn same_letters(&self, other: &LetterBag) -> bool {
        // Every letter compared, without an early exit, so that it compiles to vector
        // instructions: this runs for most pairs of Latin words a query meets.
        self.counts
            .iter()
            .zip(&other.counts)
            .fold(true, |same, (&a, &b)| same & ((a == 0) == (b == 0)))
    }

    /// Whether the text holds any of `letters` (lowercase ASCII letters).
    pub fn holds_any(&self, letters: &[u8]) -> bool {
        letters.iter().any(|&l| self.counts[slot(l)] > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit_distance::osa_ascii;
    use proptest::prelude::*;

    #[test]
    fn counts_what_differs() {
        let a = LetterBag::of("jongun");
        let mut b = LetterBag::of("jong");
        b.add(&LetterBag::of("un"));
        assert_eq!(a.distance(&b), Some(0));
        assert_eq!(
            LetterBag::of("putin").distance(&LetterBag::of("bush")),
            Some(4)
        );
        assert_eq!(
            LetterBag::of("путин").distance(&LetterBag::of("putin")),
            None
        );
        assert!(LetterBag::of("anna").same_letters(&LetterBag::of("nan")));
        assert!(!LetterBag::of("anna").same_letters(&LetterBag::of("nana2")));
        assert!(LetterBag::of("hsu").holds_any(b"xqs"));
        assert!(!LetterBag::of("hu").holds_any(b"xqs"));
    }

    proptest! {
        #[test]
        fn never_above_the_edit_distance(a in "[a-e0-9 .]{0,12}", b in "[a-e0-9 .]{0,12}") {
            let d = LetterBag::of(&a).distance(&LetterBag::of(&b)).expect("ASCII bags");
            prop_assert!(d <= osa_ascii(a.as_bytes(), b.as_bytes()));
        }
    }
}
