//! A foreign given name written in Hangul in the form of its own language (펠리페 "Felipe", 칼
//! "Karl") meets the English form a list gives ("Philip", "Charles") as a cognate.

use embargo_matcher::{compare_names, MatchConfig};
use embargo_model::Schema;

fn person(a: &str, b: &str) -> f64 {
    compare_names(a, b, Schema::Person, &MatchConfig::default()).score
}

#[test]
fn a_hangul_form_of_a_given_name_meets_its_english_form() {
    for (hangul, latin) in [
        ("펠리페 2세", "Philip II of Spain"),
        ("칼 13세", "Charles XIII of Sweden"),
    ] {
        let s = person(hangul, latin);
        assert!(s >= 0.7, "{hangul} / {latin}: {s}");
    }
}

#[test]
fn another_given_name_is_no_cognate() {
    for (hangul, latin) in [
        ("펠리페 2세", "Peter II of Spain"),
        ("칼 13세", "John XIII of Sweden"),
    ] {
        let s = person(hangul, latin);
        assert!(s < 0.7, "{hangul} / {latin}: {s}");
    }
}
