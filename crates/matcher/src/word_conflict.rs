//! A person's name that disagrees on a word is another person's, however many words agree.
//!
//! [`crate::score`] prices a disagreement by its weight against the weight of what agrees, so
//! the more words two names share, the less one word they disagree on costs: "BARZAN IBRAHIM
//! HASSAN AL-TIKRITI" / "WATBAN IBRAHIM HASSAN AL-TIKRITI" agree on three words of four. Yet
//! those are brothers: in a chain of given, father's and grandfather's names (Arabic nasab,
//! Pashtun and Indonesian usage alike) siblings share all but their own name, and cousins and
//! tribesmen share the family or tribal name (nisba). What the shared lineage proves is that two
//! people are related, not that they are one. So two words in the same place that have nothing
//! in common ("Mosuli" / "Tikriti", "Abdul" / "Wali": similarity at most
//! [`NEAR_MISS_FLOOR`], where [`crate::score`] sees no near miss either) cap the name score at
//! [`UNRELATED_WORD_CAP`], whatever the rest. A near miss ("Khaja" / "Khan", "el-Sirri" /
//! "el-Sisi") may be a typing or transliteration slip and is left to the score, which eases its
//! cost.
//!
//! Only a cap: it never raises a score, so `crate::bound` stays an upper bound.

use crate::score::NEAR_MISS_FLOOR;

/// The highest score of two person names that disagree on a word: one in three, the score of
/// two two-word names that share only a surname ("Hafez Makhlouf" / "Rami Makhlouf"), well
/// below the alert line.
pub const UNRELATED_WORD_CAP: f64 = 1.0 / 3.0;

/// The highest score of two person names whose most similar pair of words left unaligned on
/// both sides (in one script) has similarity `s`: [`UNRELATED_WORD_CAP`] when the words are
/// unrelated (`s` at most [`NEAR_MISS_FLOOR`]), else no cap (1).
pub fn conflict_cap(s: f64) -> f64 {
    if s <= NEAR_MISS_FLOOR {
        UNRELATED_WORD_CAP
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unrelated_words_cap() {
        assert_eq!(conflict_cap(0.0), UNRELATED_WORD_CAP);
        assert_eq!(conflict_cap(NEAR_MISS_FLOOR), UNRELATED_WORD_CAP);
        assert_eq!(conflict_cap(NEAR_MISS_FLOOR + 0.05), 1.0);
    }
}
