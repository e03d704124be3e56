//! A Korean or Chinese name of three syllables or fewer identifies little: contradicted by a
//! birth date or a nationality, it does not alert on its own.
//!
//! Korean and Chinese names draw a family name from a few dozen and a given name of one or two
//! syllables from a small stock, so a name of three syllables ("준영 최", "雷 张") is shared by
//! thousands of people, and its Latin spellings are shared by more (최준영 and 최춘영 are both
//! Choe Chun-yong). A name match then proves about as much as a weak alias does (OFAC FAQ 122:
//! short names), which confirms a hit and must not make one alone. Met in full it still alerts
//! when nothing else is known; but when the query's own birth date or nationality contradicts
//! the listed person's ("준영 최", Taiwanese, against CHOE CHUN YONG of North Korea), the score
//! is capped just below the line, like an uncorroborated weak alias: the result stays in the
//! list for a reviewer to read, it is no alert. A corroborating birth date or a strong
//! identifier lifts it as usual.

use crate::explanation::QualifierEffect;
use crate::prepared::PreparedName;
use embargo_names::{Script, TokenRole};

/// The most syllables a name written in Hangul or Han may have and count as short.
pub const MOST_SYLLABLES: usize = 3;

/// Whether `n` is a person's name written wholly in Hangul or wholly in Han characters, of at
/// most [`MOST_SYLLABLES`] characters over its words.
pub fn few_syllables(n: &PreparedName) -> bool {
    let mut words: Vec<&str> = Vec::new();
    for t in &n.tokens {
        if t.role != TokenRole::Word {
            continue;
        }
        if !matches!(t.script, Script::Hangul | Script::Han) {
            return false;
        }
        // Several Latin tokens spelt from one native word are that word once.
        if words.last() != Some(&t.original.as_str()) {
            words.push(&t.original);
        }
    }
    !words.is_empty() && words.iter().map(|w| w.chars().count()).sum::<usize>() <= MOST_SYLLABLES
}

/// The cap on a score of a short name (`query_name`) at or above `threshold` that a birth date or
/// a country contradicts (`effects`): an effect that brings it to just below the line. `None`
/// when the name is not short, nothing contradicts it, or it is below the line already.
pub fn contradicted_cap(
    query_name: &PreparedName,
    effects: &[QualifierEffect],
    score: f64,
    threshold: f64,
) -> Option<QualifierEffect> {
    let contradicted = effects
        .iter()
        .any(|e| matches!(e.feature, "birth_date" | "country") && e.outcome == "mismatch");
    let corroborated = effects
        .iter()
        .any(|e| e.feature == "birth_date" && e.effect > 0.0);
    if !contradicted || corroborated || score < threshold || !few_syllables(query_name) {
        return None;
    }
    Some(QualifierEffect {
        feature: "short_name",
        outcome: "capped",
        effect: crate::score::round4(threshold - 0.01 - score),
        query: query_name.value.clone(),
        candidate: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_of_three_syllables_in_hangul_or_han_is_short() {
        for n in ["준영 최", "雷 张", "峰 兵 夏", "최준영"] {
            assert!(few_syllables(&crate::prepared::person(n)), "{n}");
        }
        for n in [
            "영호 정식 김",
            "Choe Chun Yong",
            "조지 워싱턴",
            "حسین موسوی",
        ] {
            assert!(!few_syllables(&crate::prepared::person(n)), "{n}");
        }
    }
}
