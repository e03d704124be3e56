//! Secondary facts qualify a name hit: they raise or lower it, they do not replace it, except a
//! strong identifier (passport, IMO, BIC, wallet…) which alerts on its own.

use crate::explanation::QualifierEffect;
use embargo_model::{CountryCode, DateOfBirth, Gender, Identifier};

/// Score effects. A contradiction lowers a score, it does not sink a strong name match: a birth
/// year off by a few years is common in real data (and in the treated eval queries).
pub const DOB_DAY_MATCH: f64 = 0.05;
pub const DOB_YEAR_MATCH: f64 = 0.03;
pub const DOB_NEAR: f64 = -0.03;
pub const DOB_MISMATCH: f64 = -0.18;
pub const COUNTRY_MATCH: f64 = 0.03;
pub const COUNTRY_MISMATCH: f64 = -0.12;
pub const GENDER_MISMATCH: f64 = -0.1;
/// What a second independent contradiction costs beyond its own effect: see [`compounded`].
pub const TWO_CONTRADICTIONS: f64 = -0.1;
/// The score an exact strong identifier match lifts a result to.
pub const IDENTIFIER_SCORE: f64 = 0.95;

fn dob_distance_years(q: &DateOfBirth, c: &DateOfBirth) -> u16 {
    let (qa, qb) = q.years();
    let (ca, cb) = c.years();
    if qb < ca {
        ca - qb
    } else {
        qa.saturating_sub(cb)
    }
}

/// Whether two birth dates agree to the day (when both give a day).
fn same_day(q: &DateOfBirth, c: &DateOfBirth) -> Option<bool> {
    match (q, c) {
        (DateOfBirth::Date { date: a, .. }, DateOfBirth::Date { date: b, .. }) => {
            match (a.month, a.day, b.month, b.day) {
                (Some(am), Some(ad), Some(bm), Some(bd)) => {
                    Some(a.year == b.year && am == bm && ad == bd)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Compare birth dates: the best agreement between any query date and any listed date.
pub fn birth_date(query: &[DateOfBirth], listed: &[DateOfBirth]) -> Option<QualifierEffect> {
    if query.is_empty() || listed.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &'static str)> = None;
    for q in query {
        for c in listed {
            let d = dob_distance_years(q, c);
            let approx = q.is_approximate() || c.is_approximate();
            let (effect, outcome) = if d == 0 {
                match same_day(q, c) {
                    Some(true) => (DOB_DAY_MATCH, "match"),
                    Some(false) => (0.0, "same_year"),
                    None => (DOB_YEAR_MATCH, "match_year"),
                }
            } else if d == 1 || (approx && d <= 3) {
                (DOB_NEAR, "close")
            } else if d <= 3 {
                (DOB_NEAR * 2.0, "close")
            } else {
                (DOB_MISMATCH, "mismatch")
            };
            if best.is_none_or(|(e, _)| effect > e) {
                best = Some((effect, outcome));
            }
        }
    }
    let (effect, outcome) = best?;
    Some(QualifierEffect {
        feature: "birth_date",
        outcome,
        effect,
        query: join(query),
        candidate: join(listed),
    })
}

fn join<T: std::fmt::Display>(v: &[T]) -> String {
    v.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Compare countries (nationality, citizenship, residence): any shared country is a match; none
/// shared when both sides give some is a mismatch.
pub fn country(
    query: &[CountryCode],
    listed: impl Iterator<Item = CountryCode>,
) -> Option<QualifierEffect> {
    if query.is_empty() {
        return None;
    }
    let listed: Vec<CountryCode> = listed.collect();
    if listed.is_empty() {
        return None;
    }
    let shared = query.iter().any(|q| listed.contains(q));
    let (effect, outcome) = if shared {
        (COUNTRY_MATCH, "match")
    } else {
        (COUNTRY_MISMATCH, "mismatch")
    };
    let mut l = listed;
    l.sort();
    l.dedup();
    Some(QualifierEffect {
        feature: "country",
        outcome,
        effect,
        query: join(query),
        candidate: join(&l),
    })
}

/// Two independent facts that each point to another person: the birth date years apart and the
/// nationality another. Either alone may be a data error (a listed year that is an estimate, a
/// second citizenship), and costs what its own effect says; both together are rarely errors at
/// once, and a reviewer clears such a hit ("KIM JONG SIK" born 1973, South Korean, against the
/// listed KIM JONG SIK born 1967–69, North Korean). So the pair costs [`TWO_CONTRADICTIONS`]
/// more than the sum of its parts, which left an exact name on the line (1.0 − 0.18 − 0.12).
/// A birth date only close ("close") is no contradiction here.
pub fn compounded(effects: &[QualifierEffect]) -> Option<QualifierEffect> {
    let contradicts = |feature: &str| {
        effects
            .iter()
            .any(|e| e.feature == feature && e.outcome == "mismatch")
    };
    (contradicts("birth_date") && contradicts("country")).then(|| QualifierEffect {
        feature: "contradictions",
        outcome: "birth_date_and_country",
        effect: TWO_CONTRADICTIONS,
        query: String::new(),
        candidate: String::new(),
    })
}

pub fn gender(query: Option<Gender>, listed: Option<Gender>) -> Option<QualifierEffect> {
    let (q, c) = (query?, listed?);
    if q == c || q == Gender::Other || c == Gender::Other {
        return None;
    }
    Some(QualifierEffect {
        feature: "gender",
        outcome: "mismatch",
        effect: GENDER_MISMATCH,
        query: q.as_str().to_string(),
        candidate: c.as_str().to_string(),
    })
}

/// An exact match of a strong identifier of a compatible kind.
pub fn identifier(query: &[Identifier], listed: &[Identifier]) -> Option<QualifierEffect> {
    for q in query {
        let qk = q.key();
        if qk.len() < 4 {
            continue;
        }
        for c in listed {
            if !c.kind.is_strong() || !q.kind.is_strong() {
                continue;
            }
            let compatible = q.kind == c.kind
                || matches!(
                    (q.kind, c.kind),
                    (
                        embargo_model::IdentifierKind::NationalId,
                        embargo_model::IdentifierKind::Other
                    ) | (
                        embargo_model::IdentifierKind::Other,
                        embargo_model::IdentifierKind::NationalId
                    )
                );
            if compatible && c.key() == qk {
                return Some(QualifierEffect {
                    feature: "identifier",
                    outcome: "match",
                    effect: 0.0,
                    query: format!("{} {}", q.kind.as_str(), q.value),
                    candidate: format!("{} {}", c.kind.as_str(), c.value),
                });
            }
        }
    }
    None
}
