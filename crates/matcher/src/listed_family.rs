//! The family name a list writes before a comma ("HUANG, Chin-Hua", "KIM, Jong Sik"), and what
//! it means when a Korean or Chinese name meets everything of a listed name but that family name.
//!
//! OFAC, and many lists after it, write a person "FAMILY, Given…": the part before the comma is
//! the family name. A name written in Hangul or Han characters has a family name too, a single
//! syllable at one end ([`crate::family_name`]). When such a name meets a listed name with its
//! family name on one of the listed *given* names and leaves the listed family name unmet
//! ("华 靳" Jin Hua / HUANG, Chin-Hua: 靳 Jin read as the "Chin" of Chin-Hua; "瑜 李" / PAO, Yu
//! Yi), the two people have different family names, and the listed family name is no middle
//! name the query omits. The scorer priced it as one (a one-sided token), so two common
//! syllables met were enough to alert (0.72–0.77). It costs as a disagreement instead, as the
//! query's family name left over does in [`crate::family_name`].
//!
//! A Russian, Ukrainian or Belarusian name listed with its patronymic ("KREMLEVA, Irina
//! Vladimirovna") is the same: a given name and a patronymic are how millions are addressed,
//! the family name is what tells them apart, and a query that meets the first two and leaves
//! the family name unmet ("Ирина Владимирова", her own family name read as the patronymic) names
//! another family.

use crate::alignment::Alignment;
use crate::prepared::{PToken, PreparedName};
use crate::score::{CONFLICT, DISAGREEMENT_MIN_WEIGHT};
use embargo_names::{analyze, NameStyle, Script, TokenRole};
use std::ops::Range;

/// The tokens of the family name written before a comma in a person's name: the tokens the part
/// before the comma analyses into, when they are the name's first tokens, hold a word, and given
/// names follow the comma. `None` otherwise (no comma, nothing after it, an organisation).
///
/// ```
/// use embargo_matcher::listed_family::comma_family;
/// use embargo_matcher::prepared::PreparedName;
/// use embargo_matcher::TokenStats;
/// use embargo_model::{NameKind, Schema};
/// let n = PreparedName::new("HUANG, Chin-Hua", NameKind::Primary,
///     Some(Schema::Person), &TokenStats::default());
/// assert_eq!(n.comma_family, Some(0..1));
/// let n = PreparedName::new("Chin-Hua Huang", NameKind::Primary,
///     Some(Schema::Person), &TokenStats::default());
/// assert_eq!(n.comma_family, None);
/// ```
pub fn comma_family(value: &str, style: NameStyle, tokens: &[PToken]) -> Option<Range<usize>> {
    if style != NameStyle::Person {
        return None;
    }
    let (before, after) = value.split_once(',')?;
    if after.trim().is_empty() || after.contains(',') {
        return None;
    }
    let family: Vec<_> = analyze(before, style)
        .into_iter()
        .filter(|t| t.is_compared())
        .collect();
    if family.is_empty()
        || family.len() >= tokens.len()
        || !family.iter().any(|t| t.role == TokenRole::Word)
    {
        return None;
    }
    let same = family
        .iter()
        .zip(tokens)
        .all(|(f, t)| f.text == t.text && f.role == t.role);
    same.then_some(0..family.len())
}

/// Whether `n` is written as a Korean or Chinese name is: two words or more, all in Hangul or all
/// in Han characters, each of one or two syllables (a longer word is a foreign name written in
/// Hangul or Han, "진 슈림프턴"). Its family name is one of its end words, though which one is
/// not always known ([`crate::family_name::family_name`]: "文 王", both ends family names).
pub fn korean_or_chinese_name(n: &PreparedName) -> bool {
    let mut words = 0;
    let mut script = None;
    let mut last: Option<&PToken> = None;
    for t in n.tokens.iter().filter(|t| t.role == TokenRole::Word) {
        if !matches!(t.script, Script::Hangul | Script::Han)
            || script.is_some_and(|s| s != t.script)
            || t.original.chars().count() > 2
        {
            return false;
        }
        script = Some(t.script);
        // Several Latin tokens spelt from one native word are that word once.
        if last.is_none_or(|l| l.original != t.original) {
            words += 1;
        }
        last = Some(t);
    }
    words >= 2
}

/// The endings of an East Slavic patronymic in Latin letters (Vladimirovich, Sergeyevna).
const PATRONYMIC_ENDINGS: &[&str] = &["ovich", "evich", "ovna", "evna", "ichna"];

/// Whether the given names of `n`, after its comma-written family name, hold an East Slavic
/// patronymic.
fn listed_with_patronymic(n: &PreparedName, family: &Range<usize>) -> bool {
    n.tokens[family.end..].iter().any(|t| {
        t.script == Script::Latin
            && t.role == TokenRole::Word
            && PATRONYMIC_ENDINGS.iter().any(|e| t.text.ends_with(e))
    })
}

/// What the scorer must add to its loss when a Korean or Chinese query name
/// ([`korean_or_chinese_name`]), or any name against a listed name with a patronymic, meets all
/// its words on a listed name whose comma-written family name
/// is left wholly unmet: the cost of a conflict of the listed family name's floored weight
/// (`2 · CONFLICT`), less the one-sided cost (`one_sided`) the scorer already counted. 0
/// otherwise. Only ever adds loss, so `crate::bound` stays an upper bound without knowing of it.
pub fn crossed_family_cost(
    q: &PreparedName,
    c: &PreparedName,
    al: &Alignment,
    one_sided: f64,
) -> f64 {
    let Some(family) = &c.comma_family else {
        return 0.0;
    };
    let word = |t: &PToken| t.role == TokenRole::Word;
    // The cheap tests first: this runs for every listed name scored. A query word left over (its
    // family name among them, priced by `crate::family_name`) already meets the listed family
    // name as a conflict.
    let mut words = family.clone().filter(|&j| word(&c.tokens[j])).peekable();
    if words.peek().is_none()
        || !words.clone().all(|j| al.unmatched_c.contains(&j))
        || al.unmatched_q.iter().any(|&i| word(&q.tokens[i]))
        || !(korean_or_chinese_name(q) || listed_with_patronymic(c, family))
    {
        return 0.0;
    }
    let w: f64 = words
        .map(|j| c.tokens[j].weight.max(DISAGREEMENT_MIN_WEIGHT))
        .sum();
    (2.0 * CONFLICT - one_sided).max(0.0) * w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepared::person as name;
    use crate::score::score_names;

    #[test]
    fn the_family_name_is_what_comes_before_the_comma() {
        assert_eq!(name("HUANG, Chin-Hua").comma_family, Some(0..1));
        assert_eq!(name("RAMIREZ DUQUE, Carlos").comma_family, Some(0..2));
        assert_eq!(name("AL-HURANI, Haytham Ahmad").comma_family, Some(0..2));
        assert_eq!(name("Huang Chin-Hua").comma_family, None);
        assert_eq!(name("HUANG,").comma_family, None);
    }

    #[test]
    fn a_korean_or_chinese_name_has_words_of_one_or_two_syllables() {
        for n in ["华 靳", "文欽 游", "준영 최", "峰 兵 夏"] {
            assert!(korean_or_chinese_name(&name(n)), "{n}");
        }
        for n in ["김정은", "진 슈림프턴", "Hua Jin", "华 Jin"] {
            assert!(!korean_or_chinese_name(&name(n)), "{n}");
        }
    }

    #[test]
    fn a_listed_family_name_left_unmet_is_another_family() {
        let s = score_names(&name("华 靳"), &name("HUANG, Chin-Hua")).score;
        assert!(s < 0.7, "{s}");
        let s = score_names(&name("瑜 李"), &name("PAO, Yu Yi")).score;
        assert!(s < 0.7, "{s}");
        // Whichever end is the family name ("文 苏": both are family names).
        let s = score_names(&name("文 苏"), &name("HWANG, Su Man")).score;
        assert!(s < 0.7, "{s}");
        // Given name and patronymic alone, in either script.
        let listed = name("KREMLEVA, Irina Vladimirovna");
        let s = score_names(&name("Ирина Владимирова"), &listed).score;
        assert!(s < 0.7, "{s}");
        let s = score_names(&name("Irina Vladimirovna"), &listed).score;
        assert!(s < 0.7, "{s}");
        let s = score_names(&name("Irina Kremleva"), &listed).score;
        assert!(s >= 0.7, "{s}");
        // The family name met still matches, in either order, and a listed name written
        // without a comma is left to the alignment.
        let s = score_names(&name("华 靳"), &name("JIN, Hua")).score;
        assert!(s >= 0.9, "{s}");
        let s = score_names(&name("华 黄"), &name("HUANG, Hua")).score;
        assert!(s >= 0.9, "{s}");
    }
}
