//! A ruler's or noble's designation ("of Sweden", ", Elector of Saxony", "the Great") is left out
//! as freely as it is written: its words weigh less (`embargo_matcher::designation`).

use embargo_matcher::{compare_names, MatchConfig};
use embargo_model::Schema;

fn person(a: &str, b: &str) -> f64 {
    compare_names(a, b, Schema::Person, &MatchConfig::default()).score
}

#[test]
fn a_ruler_without_the_designation_is_the_ruler() {
    // Korean writes 프리드리히 1세 for "Frederick I, Elector of Brandenburg" (0.66 when every
    // word of the title weighed as a name).
    for (name, listed) in [
        ("프리드리히 1세", "Frederick I, Elector of Brandenburg"),
        ("브와디스와프 1세", "Władysław I the Elbow-high"),
        (
            "Harold Alexander",
            "Harold Alexander, 1st Earl Alexander of Tunis",
        ),
    ] {
        let s = person(name, listed);
        assert!(s >= 0.7, "{name} / {listed}: {s}");
    }
}

#[test]
fn the_name_before_the_designation_must_still_agree() {
    let s = person("Gustav I", "Frederick I, Elector of Brandenburg");
    assert!(s < 0.7, "{s}");
}
