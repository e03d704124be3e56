//! A listed given name met on fewer syllables than it has: "畅 张" (Zhang Chang) is not
//! "CHANG, Chang-ha", and "成 周" (Zhou Cheng) is not "CHOU, Hsien Cheng".
//!
//! A Korean or Chinese given name is one or two syllables, and it is whole: Chang-ha is another
//! given name than Chang, as Jong-sik is than Jong. When a name written in Hangul or Han as a
//! Korean or Chinese name is ([`korean_or_chinese_name`]) meets every one of its words on a
//! listed name that keeps
//! a syllable more, that syllable is the rest of another given name, not a middle name the query
//! omits. The scorer priced it as a one-sided token, and a short syllable weighs little, so a
//! common family name and one syllable met were enough to alert (0.80–0.86). It costs as a
//! disagreement ([`crate::extra_given_name::EXTRA_GIVEN_NAME`] times its floored weight), as a
//! given name left over on the query's side does. Listed words of more than one syllable
//! ("Peter" beside "CHEN, Jia Ming") and the listed family name are left alone.

use crate::alignment::Alignment;
use crate::extra_given_name::EXTRA_GIVEN_NAME;
use crate::listed_family::korean_or_chinese_name;
use crate::prepared::{PToken, PreparedName};
use crate::score::DISAGREEMENT_MIN_WEIGHT;
use embargo_names::{Script, TokenRole};

/// Whether a Latin word is spelt as a single syllable: one run of vowels, as every Korean and
/// Chinese syllable is in every romanisation ("ha", "jong", "hsien", "kwon"), at most six
/// letters.
fn one_syllable(t: &PToken) -> bool {
    if t.role != TokenRole::Word || t.script != Script::Latin || t.text.len() > 6 {
        return false;
    }
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'w' | b'y');
    let mut runs = 0;
    let mut prev = false;
    for b in t.text.bytes() {
        if !b.is_ascii_lowercase() {
            return false;
        }
        let v = vowel(b);
        if v && !prev {
            runs += 1;
        }
        prev = v;
    }
    runs == 1
}

/// What the scorer must add to its loss for the listed syllables left over when a Korean or
/// Chinese query name meets all its words: the difference between
/// [`EXTRA_GIVEN_NAME`] and the one-sided cost (`one_sided`) already counted, times each
/// syllable's floored weight. Only ever adds loss, so `crate::bound` stays an upper bound
/// without knowing of it.
pub fn partial_given_name_cost(
    q: &PreparedName,
    c: &PreparedName,
    al: &Alignment,
    one_sided: f64,
) -> f64 {
    if al.unmatched_c.is_empty()
        || al
            .unmatched_q
            .iter()
            .any(|&i| q.tokens[i].role == TokenRole::Word)
        || !korean_or_chinese_name(q)
    {
        return 0.0;
    }
    let family = c.comma_family.clone().unwrap_or(0..0);
    let factor = (EXTRA_GIVEN_NAME - one_sided).max(0.0);
    al.unmatched_c
        .iter()
        .filter(|&&j| !family.contains(&j) && one_syllable(&c.tokens[j]))
        .map(|&j| factor * c.tokens[j].weight.max(DISAGREEMENT_MIN_WEIGHT))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepared::person as name;
    use crate::score::score_names;

    #[test]
    fn a_syllable_is_one_run_of_vowels() {
        let n = name("Ha Jong Hsien Kwon Peter Ahmed");
        let got: Vec<bool> = n.tokens.iter().map(one_syllable).collect();
        assert_eq!(got, [true, true, true, true, false, false]);
    }

    #[test]
    fn a_given_name_met_on_one_syllable_of_two_is_another_given_name() {
        let s = score_names(&name("畅 张"), &name("CHANG, Chang-ha")).score;
        assert!(s < 0.7, "{s}");
        let s = score_names(&name("成 周"), &name("CHOU, Hsien Cheng")).score;
        assert!(s < 0.7, "{s}");
        // The whole given name met still matches, and so does a listed English name beside
        // it.
        let s = score_names(&name("畅 张"), &name("CHANG, Chang")).score;
        assert!(s >= 0.9, "{s}");
        let s = score_names(&name("嘉明 陈"), &name("CHEN, Jia Ming Peter")).score;
        assert!(s >= 0.7, "{s}");
    }
}
