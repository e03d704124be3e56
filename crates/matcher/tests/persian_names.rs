//! Persian names: a family-name suffix written apart is part of the family name.

use embargo_matcher::{compare_names, MatchConfig};
use embargo_model::Schema;

fn person(a: &str, b: &str) -> f64 {
    compare_names(a, b, Schema::Person, &MatchConfig::default()).score
}

#[test]
fn a_family_name_suffix_written_apart_is_no_middle_name() {
    // Hossein Alipour: "علی" is not the given name 'Ali left beside a word "pour".
    let s = person("حسین علی پور", "HUSAYN, 'Ali");
    assert!(s < 0.7, "{s}");
    let s = person("رضا حسن زاده", "HASAN, Reza");
    assert!(s < 0.7, "{s}");
    // Without the suffix the given names still match.
    let s = person("حسین علی", "HUSAYN, 'Ali");
    assert!(s >= 0.8, "{s}");
}
