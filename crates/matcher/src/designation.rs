//! A ruler's or a noble's designation: "of Sweden" in "Gustav I of Sweden", ", Elector of
//! Saxony" in "Frederick III, Elector of Saxony", "the Great" in "Peter the Great".
//!
//! Encyclopaedias name a ruler, a noble or a saint by a name and a designation: the land or
//! house ruled, a title, an epithet. The designation tells people of one name apart, but it is
//! left out as freely as it is written: Korean writes 프리드리히 3세 for "Frederick III, Elector
//! of Saxony" and 표트르 1세 for "Peter the Great", and a list may hold either form. Words of a
//! designation weigh [`DESIGNATION_WEIGHT`] of an ordinary word's: met, they still count; left
//! unmet, they cost little.
//!
//! Only in a person's name: after a comma, a part with "of" in it (", 6th Marquess of Exeter");
//! otherwise from an "of" or a "the" after the first word to the end ("of Sweden", "the
//! Conqueror"). In Hangul, a designation comes first and ends in the possessive 의
//! (바이에른의 엘리자베트 "Elisabeth of Bavaria"); a Korean name never is one, so only a
//! word of three syllables or more before 의 with a syllable no Chinese character is read as
//! counts (a place written by ear).

use embargo_names::{analyze, NameStyle, NameToken, Script, TokenRole};

/// The weight of a designation's word, as a share of its weight as an ordinary word.
pub const DESIGNATION_WEIGHT: f64 = 0.3;

/// For each token of `tokens` (the whole analysis of `value`, compared or not), whether it is
/// part of a designation (see the module).
pub(crate) fn designations(value: &str, style: NameStyle, tokens: &[NameToken]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    if style != NameStyle::Person || tokens.len() < 2 {
        return out;
    }
    let first_word = tokens.iter().position(|t| t.role == TokenRole::Word);
    let start = match value.rsplit_once(',') {
        Some((head, tail))
            if !head.trim().is_empty()
                && tail
                    .split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("of")) =>
        {
            Some(analyze(head, style).len())
        }
        _ => tokens.iter().enumerate().position(|(i, t)| {
            first_word.is_some_and(|f| i > f)
                && t.role == TokenRole::Stopword
                && matches!(t.text.as_str(), "of" | "the")
        }),
    };
    if let Some(start) = start.filter(|&s| s > 0) {
        for d in out.iter_mut().skip(start) {
            *d = true;
        }
    }
    for (i, t) in tokens.iter().enumerate() {
        if i + 1 < tokens.len() && hangul_designation(&t.original, t.script) {
            out[i] = true;
        }
    }
    out
}

/// Whether a Hangul word is a place with the possessive 의 (바이에른의, 카스티야의): three
/// syllables or more before it, one of them no Sino-Korean reading.
fn hangul_designation(word: &str, script: Script) -> bool {
    if script != Script::Hangul {
        return false;
    }
    let Some(place) = word.strip_suffix('의') else {
        return false;
    };
    place.chars().count() >= 3 && !embargo_names::sino_korean::all_readings(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(value: &str) -> Vec<String> {
        let tokens = analyze(value, NameStyle::Person);
        designations(value, NameStyle::Person, &tokens)
            .into_iter()
            .zip(&tokens)
            .filter(|(d, _)| *d)
            .map(|(_, t)| t.text.clone())
            .collect()
    }

    #[test]
    fn designations_of_rulers_and_nobles() {
        assert_eq!(marked("Gustav I of Sweden"), ["of", "sweden"]);
        assert_eq!(marked("Peter the Great"), ["the", "great"]);
        assert_eq!(
            marked("Frederick III, Elector of Saxony"),
            ["elector", "of", "saxony"]
        );
        assert_eq!(marked("바이에른의 엘리자베트").len(), 1);
    }

    #[test]
    fn names_without_a_designation() {
        for value in [
            "KIM, Jong Un",
            "ALVAREZ DEL RIO, Fredy de Jesus",
            "The Beatles",
            "정의 김",
            "Joseph Christopher Wilson",
        ] {
            assert!(marked(value).is_empty(), "{value}: {:?}", marked(value));
        }
    }
}
