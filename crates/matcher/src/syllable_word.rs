//! A Chinese or Korean given name is one word of one or two syllables: "惠珍" is Huizhen, and a
//! listed "Chen" is not it, though 珍 reads "chen".
//!
//! When the matcher cannot meet such a word whole, it spells it syllable by syllable (惠珍 →
//! hui, zhen) and aligns each syllable alone, so one syllable met and the other left over
//! scored like a middle name the list omits: "惠珍 王" alerted on "WANG, Chen" (0.84), "建宏
//! 張" on "ZHANG, Jian", "金龍 吳" on "YU, Jin" — a class of the negatives' false alerts. A word
//! met only in part is another given name, so its syllables left over cost as a disagreement
//! ([`CONFLICT`] times the floored weight) on top of the one-sided cost the scorer counted.

use crate::alignment::Alignment;
use crate::prepared::{PToken, PreparedName};
use crate::score::{CONFLICT, DISAGREEMENT_MIN_WEIGHT};
use embargo_names::Script;

/// The runs of tokens spelt from one Hangul or Han word (`PToken::split`), as index ranges.
fn syllable_words(n: &PreparedName) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let t = &n.tokens;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < t.len() {
            let start = i;
            i += 1;
            if !(t[start].split && matches!(t[start].script, Script::Hangul | Script::Han)) {
                continue;
            }
            let same = |o: &PToken| {
                o.split && o.original == t[start].original && o.script == t[start].script
            };
            while i < t.len() && same(&t[i]) {
                i += 1;
            }
            if i - start > 1 {
                return Some(start..i);
            }
        }
        None
    })
}

/// What the scorer must add to its loss for the syllables left over of words met only in part,
/// on either side. Only ever adds loss, so `crate::bound` stays an upper bound without knowing
/// of it.
pub fn partly_met_cost(q: &PreparedName, c: &PreparedName, al: &Alignment) -> f64 {
    side_cost(q, &al.unmatched_q) + side_cost(c, &al.unmatched_c)
}

fn side_cost(n: &PreparedName, unmatched: &[usize]) -> f64 {
    syllable_words(n)
        .map(|word| {
            let left: Vec<usize> = word.clone().filter(|i| unmatched.contains(i)).collect();
            if left.is_empty() || left.len() == word.len() {
                return 0.0;
            }
            CONFLICT
                * left
                    .iter()
                    .map(|&i| n.tokens[i].weight.max(DISAGREEMENT_MIN_WEIGHT))
                    .sum::<f64>()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use crate::prepared::person as name;
    use crate::score::score_names;

    #[test]
    fn a_given_name_met_in_part_is_another_name() {
        for (q, listed) in [("惠珍 王", "WANG, Chen"), ("建宏 張", "ZHANG, Jian")] {
            let s = score_names(&name(q), &name(listed)).score;
            assert!(s < 0.7, "{q} / {listed}: {s}");
        }
        // Met whole, in one word or two, it matches.
        for (q, listed) in [
            ("建宏 張", "ZHANG, Jianhong"),
            ("建宏 張", "ZHANG, Jian Hong"),
            ("惠珍 王", "WANG Hui-chen"),
        ] {
            let s = score_names(&name(q), &name(listed)).score;
            assert!(s >= 0.9, "{q} / {listed}: {s}");
        }
    }
}
