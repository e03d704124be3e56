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
/// Two full birth dates a year or more apart that share neither day nor month: see
/// `other_full_date`.
pub const DOB_OTHER_DATE: f64 = -0.1;
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

/// A birth date given to the day, and not the 1 January that registries write for an unknown
/// day and month (many Afghan, Somali and refugee documents): (year, month, day).
fn full_date(d: &DateOfBirth) -> Option<(u16, u8, u8)> {
    match d {
        DateOfBirth::Date {
            date,
            approximate: false,
        } => match (date.month, date.day) {
            (Some(1), Some(1)) => None,
            (Some(m), Some(d)) => Some((date.year, m, d)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether two birth dates, both given to the day, are a year or more apart and agree on
/// neither the day and month (a year mistyped or estimated: 1948-01-12 / 1949-01-12) nor on
/// them swapped (01/12 / 12/01). A year off is common in real data and costs little
/// ([`DOB_NEAR`]); but two precise dates that differ in every part are two errors at once, or
/// two people: "María Restrepo" born 1948-01-12 is not the listed María Teresa Restrepo born
/// 1949-12-04, and a reviewer clears it. Within a year of each other (a calendar converted, a
/// date near New Year) they stay close.
fn other_full_date(q: &DateOfBirth, c: &DateOfBirth) -> bool {
    let (Some(a), Some(b)) = (full_date(q), full_date(c)) else {
        return false;
    };
    let (a, b) = (a.min(b), a.max(b));
    let same_day_month = a.1 == b.1 && a.2 == b.2;
    let swapped = a.1 == b.2 && a.2 == b.1;
    !same_day_month && !swapped && (a.0 + 1, a.1, a.2) <= b
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
            } else if d <= 3 && other_full_date(q, c) {
                (DOB_OTHER_DATE, "other_date")
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
