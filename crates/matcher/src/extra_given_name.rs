//! A second given name in a Korean or Chinese name: "영호 정식 김" is not "KIM JONG SIK".
//!
//! Korean and Chinese names have no middle names: a family name and one given name (of one or
//! two syllables). A name written in Hangul or Han with two given-name words beside its family
//! name is then two given names, and when the other name meets the family name and one of them,
//! the other is no middle name the list omits but a given name the listed person does not
//! have. The scorer priced it as a one-sided token ([`crate::score::SYLLABIC_ONE_SIDED_EXTRA`]),
//! so a common family name and one given name met were enough to alert ("영호 정식 김" /
//! KIM JONG SIK 0.83, "斌 莉 徐" / XU, Bin 0.75). It costs as a disagreement
//! ([`EXTRA_GIVEN_NAME`] times its floored weight) when the other name has nothing left over
//! to set against it; when it has, the scorer already priced the two as a conflict. Names of
//! one word ("김정은") are left alone: their family name is not known apart.

use crate::alignment::Alignment;
use crate::family_name::family_name;
use crate::prepared::PreparedName;
use crate::score::{DISAGREEMENT_MIN_WEIGHT, SYLLABIC_ONE_SIDED_EXTRA};
use embargo_names::TokenRole;

/// Cost factor of a given name left over in a Korean or Chinese name: as for a family name
/// left over ([`crate::family_name`]), what two disagreeing words cost, the listed person's
/// own given name there being unwritten (`2 · CONFLICT`).
pub const EXTRA_GIVEN_NAME: f64 = 2.0 * crate::score::CONFLICT;

/// What the scorer must add to its loss for given-name words left over in a Korean or Chinese
/// name (on either side) whose family name and another given name are met, when the other
/// side has no word left over. Only ever adds loss, so `crate::bound` stays an upper bound
/// without knowing of it.
pub fn extra_given_name_cost(q: &PreparedName, c: &PreparedName, al: &Alignment) -> f64 {
    let words_left = |n: &PreparedName, unmatched: &[usize]| {
        unmatched
            .iter()
            .any(|&i| matches!(n.tokens[i].role, TokenRole::Word | TokenRole::Initial))
    };
    let mut cost = 0.0;
    if !words_left(c, &al.unmatched_c) {
        cost += side_cost(q, &al.unmatched_q);
    }
    if !words_left(q, &al.unmatched_q) {
        cost += side_cost(c, &al.unmatched_c);
    }
    cost
}

fn side_cost(n: &PreparedName, unmatched: &[usize]) -> f64 {
    let Some(f) = family_name(n) else {
        return 0.0;
    };
    if unmatched.contains(&f) {
        return 0.0;
    }
    // The given-name words: runs of tokens spelt from one native word, the family name aside.
    let t = &n.tokens;
    let mut words: Vec<std::ops::Range<usize>> = Vec::new();
    for i in 0..t.len() {
        if i == f || t[i].role != TokenRole::Word {
            continue;
        }
        match words.last_mut() {
            Some(w) if w.end == i && t[w.start].original == t[i].original => w.end = i + 1,
            _ => words.push(i..i + 1),
        }
    }
    let left = |w: &std::ops::Range<usize>| w.clone().all(|i| unmatched.contains(&i));
    if !words.iter().any(|w| !left(w)) {
        return 0.0;
    }
    let factor = (EXTRA_GIVEN_NAME - SYLLABIC_ONE_SIDED_EXTRA).max(0.0);
    words
        .iter()
        .filter(|w| left(w))
        .flat_map(|w| w.clone())
        .map(|i| factor * t[i].weight.max(DISAGREEMENT_MIN_WEIGHT))
        .sum()
}

#[cfg(test)]
mod tests {
    use crate::prepared::person as name;
    use crate::score::score_names;

    #[test]
    fn a_second_given_name_is_another_name() {
        let s = score_names(&name("영호 정식 김"), &name("KIM JONG SIK")).score;
        assert!(s < 0.7, "{s}");
        let s = score_names(&name("斌 莉 徐"), &name("XU, Bin")).score;
        assert!(s < 0.7, "{s}");
        // The same name without the second given name still matches, and so does a listed
        // name that has both.
        let s = score_names(&name("정식 김"), &name("KIM JONG SIK")).score;
        assert!(s >= 0.9, "{s}");
        let s = score_names(&name("斌 莉 徐"), &name("XU, Bin Li")).score;
        assert!(s >= 0.8, "{s}");
    }
}
