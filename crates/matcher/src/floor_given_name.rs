//! A Korean given name that the spelling rules meet only at their floor is another name:
//! "병철 김" is not "KIM YONG CHOL".
//!
//! [`embargo_names::hangul::similarity`] gives 0.6 (the alignment's least,
//! [`MIN_SIMILARITY`]) to Latin a half-edit or two from a Korean spelling of the same number of
//! syllables: "a variant the rules lack, or another name". Korean given names are two
//! syllables from a small stock, so most such pairs are other names (병철 Byung-chul / Yong
//! Chol 용철, 영숙 Young-suk / Yong Su 용수, 성민 Sung-min / Sang Man 상만), and aligned they
//! scored as a two-fifths miss beside a family name met in full ("Kim", "Park"): 0.70–0.76,
//! a class of the negatives' false alerts. In a Hangul name of a family name written apart
//! ([`family_name`]) and one given name, that given name, met at the floor by Latin that is
//! itself a Korean spelling of as many syllables, costs besides what the pair lost what a near
//! miss left unaligned costs ([`CONFLICT`] times `1 − near_miss_credit`). Foreign names in Hangul of more words ("장
//! 마리 동구", Jean Marie Dongou: 마리 / Marie at the floor too), and names written as one word
//! ("김정은"), whose family name is not known apart, are left to the alignment.

use crate::alignment::{Alignment, MIN_SIMILARITY};
use crate::family_name::family_name;
use crate::prepared::PreparedName;
use crate::score::{near_miss_credit, CONFLICT, DISAGREEMENT_MIN_WEIGHT};
use embargo_names::hangul::spelt_in_korean_syllables;
use embargo_names::{Script, TokenRole};
use std::ops::Range;

/// What the scorer must add to its loss for given names met at the rules' floor in a Hangul
/// name with its family name apart, on either side. Only ever adds loss, so `crate::bound`
/// stays an upper bound without knowing of it.
pub fn floor_given_name_cost(q: &PreparedName, c: &PreparedName, al: &Alignment) -> f64 {
    let fq = hangul_family(q);
    let fc = hangul_family(c);
    if fq.is_none() && fc.is_none() {
        return 0.0;
    }
    let floored = |n: &PreparedName, r: &Range<usize>| -> f64 {
        r.clone()
            .map(|i| n.tokens[i].weight.max(DISAGREEMENT_MIN_WEIGHT))
            .sum()
    };
    // A given name of `n` (tokens `r`, its family name `f`) met by Latin `o` (tokens `ro`)
    // that is itself a Korean spelling of as many syllables: another Korean name, not a
    // foreign name in Hangul the rules cannot spell ("마리" / Marie).
    let given = |n: &PreparedName,
                 f: Option<usize>,
                 r: &Range<usize>,
                 o: &PreparedName,
                 ro: &Range<usize>| {
        let Some(f) = f else {
            return false;
        };
        let hangul = r
            .clone()
            .all(|i| n.tokens[i].script == Script::Hangul && n.tokens[i].role == TokenRole::Word);
        if r.contains(&f)
            || !hangul
            || r.clone()
                .any(|i| n.tokens[i].original != n.tokens[r.start].original)
        {
            return false;
        }
        let latin: String = ro.clone().map(|j| o.tokens[j].text.as_str()).collect();
        ro.clone().all(|j| o.tokens[j].script == Script::Latin)
            && spelt_in_korean_syllables(&latin, n.tokens[r.start].original.chars().count())
    };
    al.pairs
        .iter()
        .filter(|p| p.similarity <= MIN_SIMILARITY + 1e-9)
        .filter(|p| given(q, fq, &p.q, c, &p.c) || given(c, fc, &p.c, q, &p.q))
        .map(|p| {
            CONFLICT
                * (1.0 - near_miss_credit(p.similarity))
                * (floored(q, &p.q) + floored(c, &p.c))
        })
        .sum()
}

/// The family name of a name written in Hangul as a Korean name is: two words, a family name
/// apart and one given name. A third word makes a foreign name in Hangul more likely ("장 마리
/// 동구", Jean Marie Dongou), whose Latin the Korean rules do not know.
fn hangul_family(n: &PreparedName) -> Option<usize> {
    let f = family_name(n).filter(|&f| n.tokens[f].script == Script::Hangul)?;
    let mut words: Vec<&str> = n
        .tokens
        .iter()
        .filter(|t| t.role == TokenRole::Word)
        .map(|t| t.original.as_str())
        .collect();
    words.dedup();
    (words.len() == 2).then_some(f)
}

#[cfg(test)]
mod tests {
    use crate::prepared::person as name;
    use crate::score::score_names;

    #[test]
    fn a_given_name_met_at_the_floor_is_another_name() {
        let s = score_names(&name("병철 김"), &name("KIM YONG CHOL")).score;
        assert!(s < 0.6, "{s}");
        let s = score_names(&name("KIM YONG CHOL"), &name("병철 김")).score;
        assert!(s < 0.6, "{s}");
        // Its rule spellings still match, a foreign name in Hangul met at the floor is left
        // alone, and so is a name written as one word.
        let s = score_names(&name("장 마리 동구"), &name("Jean Marie Dongou")).score;
        assert!(s >= 0.7, "{s}");
        let s = score_names(&name("병철 김"), &name("KIM PYONG CHOL")).score;
        assert!(s >= 0.9, "{s}");
        let apart = score_names(&name("병철 김"), &name("KIM PONG CHOL")).score;
        let whole = score_names(&name("김병철"), &name("KIM PONG CHOL")).score;
        assert!(whole > apart, "{whole} vs {apart}");
    }
}
