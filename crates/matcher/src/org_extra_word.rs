//! A word one organisation name adds to the other: "Banco Santander Chile S.A." is not "Banco
//! Santander S.A.", nor "CRYSTALORD SYSTEMS LIMITED" "CRYSTALORD LTD".
//!
//! A company is registered under its whole name, and groups name their subsidiaries and sister
//! companies by adding a word to the parent's name: a country ("Chile", "Mexico"), a line of
//! business ("Systems", "Trading"), a family or brand name. Beside a name the other side writes
//! whole, such a word is the rest of another company's name, not an optional part: a person's
//! middle name has no counterpart here. The scorer priced it as a one-sided token
//! ([`crate::score::ORG_ONE_SIDED_EXTRA`] of its weight, halved again for a generic business
//! word), so one shared distinctive word and a legal form alerted at 0.85. It costs as a
//! disagreement ([`CONFLICT`] times its floored weight).
//!
//! Two limits. Legal forms and numbers keep their own rules (a legal form is often left out; a
//! series number is priced by [`crate::score::numbers_cost`]). A word written in parentheses is
//! a qualifier that lists and registries add or drop ("Deutsche Bank (Schweiz) AG", "Yamahdi
//! (UK) Limited"), so it stays a one-sided token.

use crate::alignment::Alignment;
use crate::prepared::{PToken, PreparedName};
use crate::score::{CONFLICT, DISAGREEMENT_MIN_WEIGHT};
use embargo_names::normalize::fold;
use embargo_names::TokenRole;

/// The words written in parentheses in `n`, case-folded as token originals are ("schweiz" in
/// "Deutsche Bank (Schweiz) AG"); empty for the common name without any. Split on what is not a
/// letter or digit, without the full analysis: a token is a qualifier when its original is one
/// of these words.
fn parenthesised(n: &PreparedName) -> Vec<String> {
    if !n.value.contains('(') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut rest = n.value.as_str();
    while let Some(open) = rest.find('(') {
        let inner = &rest[open + 1..];
        let close = inner.find(')').unwrap_or(inner.len());
        out.extend(
            fold(&inner[..close])
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string),
        );
        rest = &inner[close..];
    }
    out
}

/// Whether `t` is a word of the organisation's name proper (not a legal form, number, initial
/// or particle).
fn name_word(t: &PToken) -> bool {
    t.role == TokenRole::Word
}

/// What the scorer must add to its loss, for organisation names, when one side leaves words
/// unaligned and the other leaves none: [`CONFLICT`] less the one-sided cost (`one_sided`)
/// already counted, times each such word's weight floored at [`DISAGREEMENT_MIN_WEIGHT`],
/// words in parentheses aside. Only ever adds loss, so `crate::bound` stays an upper bound
/// without knowing of it.
pub fn org_extra_word_cost(
    q: &PreparedName,
    c: &PreparedName,
    al: &Alignment,
    one_sided: f64,
) -> f64 {
    let q_words = al.unmatched_q.iter().any(|&i| name_word(&q.tokens[i]));
    let c_words = al.unmatched_c.iter().any(|&j| name_word(&c.tokens[j]));
    let (side, idx) = match (q_words, c_words) {
        (true, false) => (q, &al.unmatched_q),
        (false, true) => (c, &al.unmatched_c),
        _ => return 0.0,
    };
    let qualifiers = parenthesised(side);
    let factor = (CONFLICT - one_sided).max(0.0);
    idx.iter()
        .map(|&i| &side.tokens[i])
        .filter(|t| name_word(t) && !qualifiers.contains(&t.original))
        .map(|t| factor * t.weight.max(DISAGREEMENT_MIN_WEIGHT))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commonness::TokenStats;
    use crate::score::score_names;
    use embargo_model::{NameKind, Schema};

    fn org(s: &str) -> PreparedName {
        PreparedName::new(
            s,
            NameKind::Primary,
            Some(Schema::Company),
            &TokenStats::default(),
        )
    }

    #[test]
    fn words_in_parentheses_are_qualifiers() {
        assert_eq!(
            parenthesised(&org("Deutsche Bank (Schweiz) AG")),
            ["schweiz"]
        );
        assert_eq!(
            parenthesised(&org("Bank of China (Hong Kong) Limited (HK")),
            ["hong", "kong", "hk"]
        );
        assert!(parenthesised(&org("Banco Santander Chile S.A.")).is_empty());
    }

    #[test]
    fn a_word_added_to_a_company_name_names_another_company() {
        let s = score_names(
            &org("Banco Pichincha S.A."),
            &org("Banco Pichincha Colombia S.A."),
        );
        assert!(s.score < 0.7, "{}", s.score);
        // A generic business word too, on the query's side.
        let s = score_names(&org("NORVIK SYSTEMS LIMITED"), &org("NORVIK LTD"));
        assert!(s.score < 0.7, "{}", s.score);
        // A qualifier in parentheses, or a legal form, is no other company.
        let s = score_names(
            &org("Raiffeisen Bank AG"),
            &org("Raiffeisen Bank (Kosovo) AG"),
        );
        assert!(s.score >= 0.8, "{}", s.score);
        let s = score_names(&org("Almaz Group"), &org("Almaz Group Co Ltd"));
        assert!(s.score >= 0.9, "{}", s.score);
        // Names that disagree on a word are priced by the conflict rule, not this one.
        let c = org("Banco Pichincha Colombia S.A.");
        let q = org("Banco Pichincha Peru S.A.");
        let al = crate::alignment::align(&q.tokens, &c.tokens, true);
        assert_eq!(org_extra_word_cost(&q, &c, &al, 0.8), 0.0);
    }
}
