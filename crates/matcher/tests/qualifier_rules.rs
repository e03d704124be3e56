//! How birth dates and nationalities move a name hit: checked on an entity scored through the
//! public API, as screening scores it.

use embargo_matcher::prepared::PreparedName;
use embargo_matcher::score::{score_entity, PreparedQuery};
use embargo_matcher::{MatchConfig, Query, TokenStats};
use embargo_model::{CountryCode, DateOfBirth, Entity, EntityId, NameKind, Schema};

/// A person's name with an optional birth date and nationality.
struct Party<'a> {
    name: &'a str,
    born: Option<&'a str>,
    country: Option<&'a str>,
}

fn party<'a>(name: &'a str, born: Option<&'a str>, country: Option<&'a str>) -> Party<'a> {
    Party {
        name,
        born,
        country,
    }
}

fn screened(query: &Party, listed: &Party) -> f64 {
    let stats = TokenStats::default();
    let dob = |d: Option<&str>| -> Vec<DateOfBirth> {
        d.map(|d| DateOfBirth::parse(d).expect("a date"))
            .into_iter()
            .collect()
    };
    let country = |c: Option<&str>| -> Vec<CountryCode> {
        c.map(|c| CountryCode::parse(c).expect("a country"))
            .into_iter()
            .collect()
    };
    let q = Query {
        names: vec![query.name.to_string()],
        schema: Some(Schema::Person),
        birth_dates: dob(query.born),
        countries: country(query.country),
        ..Default::default()
    };
    let q = PreparedQuery::new(&q, &stats);
    let mut e = Entity::new(EntityId("test:1".into()), Schema::Person, "test", "1");
    e.add_name(listed.name, NameKind::Primary);
    e.birth_dates = dob(listed.born);
    e.nationalities = country(listed.country);
    let names = vec![PreparedName::new(
        listed.name,
        NameKind::Primary,
        Some(Schema::Person),
        &stats,
    )];
    score_entity(&q, &e, &names, &MatchConfig::default()).score
}

#[test]
fn a_birth_date_and_a_nationality_both_contradicting_clear_an_exact_name() {
    let listed = party("KIM Jong Sik", Some("1967 to 1969"), Some("KP"));
    let s = screened(
        &party("Kim Jong Sik", Some("1973-06-23"), Some("KR")),
        &listed,
    );
    assert!(s < 0.7, "{s}");
    // One contradiction alone lowers the exact name, it does not clear it.
    let s = screened(&party("Kim Jong Sik", Some("1973-06-23"), None), &listed);
    assert!((0.7..1.0).contains(&s), "{s}");
    let s = screened(&party("Kim Jong Sik", None, Some("KR")), &listed);
    assert!((0.7..1.0).contains(&s), "{s}");
    let s = screened(&party("Kim Jong Sik", Some("1968"), Some("KP")), &listed);
    assert!(s >= 0.95, "{s}");
}

#[test]
fn a_short_korean_or_chinese_name_contradicted_is_no_alert() {
    let listed = party("CHOE Chun Yong", None, Some("KP"));
    let s = screened(&party("준영 최", Some("1993-12-14"), Some("TW")), &listed);
    assert!((0.6..0.7).contains(&s), "{s}");
    // Nothing known against it, it alerts; a longer name contradicted likewise still does.
    let s = screened(&party("준영 최", None, None), &listed);
    assert!(s >= 0.9, "{s}");
    let s = screened(&party("Choe Chun Yong", None, Some("TW")), &listed);
    assert!(s >= 0.7, "{s}");
    // A birth date that agrees outweighs the nationality.
    let listed = party("CHOE Chun Yong", Some("1993"), Some("KP"));
    let s = screened(&party("준영 최", Some("1993-12-14"), Some("TW")), &listed);
    assert!(s >= 0.7, "{s}");
}

#[test]
fn two_full_birth_dates_that_differ_in_every_part_are_more_than_close() {
    let listed = party("RESTREPO VICTORIA, Maria Teresa", Some("1949-12-04"), None);
    // A year apart and sharing neither day nor month: two errors at once, or two people.
    let other = screened(&party("María Restrepo", Some("1948-01-12"), None), &listed);
    assert!(other < 0.7, "{other}");
    // A year mistyped (same day and month), or dates within a year of each other, stay close.
    let typo = screened(&party("María Restrepo", Some("1948-12-04"), None), &listed);
    let near = screened(&party("María Restrepo", Some("1950-03-01"), None), &listed);
    assert!(
        typo >= 0.7 && near >= 0.7 && other < typo - 0.05,
        "{typo} {near} {other}"
    );
    // 1 January stands for an unknown day and month: only its year counts.
    let placeholder = screened(&party("María Restrepo", Some("1948-01-01"), None), &listed);
    assert_eq!(placeholder, typo);
}
