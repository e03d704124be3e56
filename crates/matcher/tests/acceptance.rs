//! The names issue 3 names, screened against the real OFAC SDN list (2024-05-03) as a user
//! would: each must find its entity, at the score the issue asks, in every script given.
//!
//! ```text
//! cargo test --release -p embargo-matcher --test acceptance -- --ignored
//! ```

mod common;

use common::data_dir;
use embargo_matcher::{Index, MatchConfig, Query};
use embargo_model::Schema;
use embargo_sources::Format;

fn sdn() -> Index {
    let path = data_dir().join("lists/ofac-sdn/2024-05-03");
    let doc = embargo_sources::read_list(&path, Some(Format::OfacCsv))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Index::build(&[doc])
}

/// The best score of `id` for `name` (searched as a person, name only), 0 if not found.
fn score_of(index: &Index, name: &str, id: &str) -> f64 {
    let q = Query {
        names: vec![name.to_string()],
        schema: Some(Schema::Person),
        ..Default::default()
    };
    index
        .search(&q, &MatchConfig::default())
        .iter()
        .find(|h| h.id == id)
        .map_or(0.0, |h| h.score)
}

#[test]
#[ignore = "real data"]
fn kim_jong_un_and_putin_in_every_script_the_issue_gives() {
    let index = sdn();
    let mut failures = Vec::new();
    for name in [
        "김정은",
        "كيم جونغ أون",
        "Ким Чен Ын",
        "Kim Jong-un",
        "KIM, Jong Un",
    ] {
        let s = score_of(&index, name, "ofac-sdn:20157");
        if s < 0.8 {
            failures.push(format!("{name} → ofac-sdn:20157 {s:.3} (< 0.8)"));
        }
    }
    for name in [
        "فلاديمير بوتين",
        "Владимир Путин",
        "Poutine, Vladimir",
        "В. В. Путин",
    ] {
        let s = score_of(&index, name, "ofac-sdn:35096");
        if s < 0.7 {
            failures.push(format!("{name} → ofac-sdn:35096 {s:.3} (< 0.7)"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
