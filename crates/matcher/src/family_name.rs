//! Korean and Chinese family names: a name written in Hangul or Han characters has one, a
//! single syllable at one end ("영철 임", "畅 张", "김 정은"), and it is not optional.
//!
//! The scorer prices a token left on one side only as a missing middle name, and a common one
//! (Kim, Lee, Park) costs little. A family name left over is neither: when the listed name
//! keeps nothing to set against it, the listed name's own family name was taken by the
//! query's given name ("유진 박" / RYU JIN: Yu-jin read as Ryu Jin) or the listed name is a
//! given name alone ("영철 남" / alias "Young-Chul"), and in both the two names disagree on the
//! family name. So it costs what two disagreeing words cost, as in a conflict.

use crate::alignment::Alignment;
use crate::prepared::{PToken, PreparedName};
use crate::score::{CONFLICT, DISAGREEMENT_MIN_WEIGHT};
use embargo_names::{Script, TokenRole};

/// Whether `t` can be a family name written on its own: one Hangul syllable that is a common
/// Korean family name, or one Han character of the surname table.
fn family_syllable(t: &PToken) -> bool {
    if t.role != TokenRole::Word || t.split {
        return false;
    }
    let mut chars = t.original.chars();
    let (Some(ch), None) = (chars.next(), chars.next()) else {
        return false;
    };
    match t.script {
        Script::Hangul => embargo_names::hangul::is_common_surname(ch),
        Script::Han => embargo_names::crossscript::chinese::is_surname(ch),
        _ => false,
    }
}

/// The family-name token of a name written wholly in Hangul or wholly in Han characters, of two
/// words or more: the word at one end that is a family-name syllable. `None` when neither end
/// is one, or both are (which is the family name is not known).
pub fn family_name(n: &PreparedName) -> Option<usize> {
    family_name_of(&n.tokens)
}

/// [`family_name`] of a name's tokens.
pub fn family_name_of(tokens: &[PToken]) -> Option<usize> {
    let words: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].role == TokenRole::Word)
        .collect();
    let (&first, &last) = (words.first()?, words.last()?);
    // Several tokens spelt from one word are one word here.
    if tokens[first].original == tokens[last].original {
        return None;
    }
    // Korean and Chinese names have words of one or two syllables; a longer word is a
    // foreign name written in Hangul or Han ("진 슈림프턴", Jean Shrimpton).
    let script = tokens[first].script;
    if !matches!(script, Script::Hangul | Script::Han)
        || words
            .iter()
            .any(|&i| tokens[i].script != script || tokens[i].original.chars().count() > 2)
    {
        return None;
    }
    match (
        family_syllable(&tokens[first]),
        family_syllable(&tokens[last]),
    ) {
        (true, false) => Some(first),
        (false, true) => Some(last),
        _ => None,
    }
}

/// What the scorer must add to its loss when the query's family name is left unaligned and
/// the listed name has no word left over to set against it: the cost of a conflict of that
/// weight on both sides (`2 · CONFLICT`), less the one-sided cost (`one_sided` times the
/// floored weight) the scorer already counted. 0 otherwise. Only ever adds loss, so
/// `crate::bound` stays an upper bound without knowing of it.
pub fn unaligned_family_cost(
    q: &PreparedName,
    c: &PreparedName,
    al: &Alignment,
    one_sided: f64,
) -> f64 {
    let Some(f) = family_name(q) else {
        return 0.0;
    };
    if !al.unmatched_q.contains(&f) {
        return 0.0;
    }
    let listed_left = al
        .unmatched_c
        .iter()
        .any(|&j| c.tokens[j].role != TokenRole::Number);
    if listed_left {
        return 0.0;
    }
    let w = q.tokens[f].weight.max(DISAGREEMENT_MIN_WEIGHT);
    (2.0 * CONFLICT - one_sided).max(0.0) * w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepared::person as name;
    use crate::score::score_names;

    #[test]
    fn the_family_name_is_the_surname_syllable_at_one_end() {
        let n = name("영철 임");
        assert_eq!(
            family_name(&n).map(|i| n.tokens[i].original.as_str()),
            Some("임")
        );
        let n = name("畅 张");
        assert_eq!(
            family_name(&n).map(|i| n.tokens[i].original.as_str()),
            Some("张")
        );
        let n = name("김 정은");
        assert_eq!(
            family_name(&n).map(|i| n.tokens[i].original.as_str()),
            Some("김")
        );
        // One word, a Latin name, both ends surnames: not known.
        assert_eq!(family_name(&name("김정은")), None);
        assert_eq!(family_name(&name("Kim Jong Un")), None);
        assert_eq!(family_name(&name("정 김")), None);
        assert_eq!(family_name(&name("진 슈림프턴")), None);
    }

    #[test]
    fn a_family_name_left_over_is_a_disagreement() {
        // 유진 read as "Ryu Jin" leaves 박 with nothing to set against.
        let s = score_names(&name("유진 박"), &name("RYU JIN")).score;
        assert!(s < 0.7, "{s}");
        let s = score_names(&name("영철 남"), &name("Young-Chul")).score;
        assert!(s < 0.7, "{s}");
        // The same name in either order still matches.
        let s = score_names(&name("영철 김"), &name("KIM YONG CHOL")).score;
        assert!(s >= 0.9, "{s}");
        let s = score_names(&name("畅 张"), &name("ZHANG Chang")).score;
        assert!(s >= 0.9, "{s}");
    }
}
