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
    let kim = "ofac-sdn:20157";
    let putin = "ofac-sdn:35096";
    let cases = [
        ("김정은", kim, 0.8),
        ("كيم جونغ أون", kim, 0.8),
        ("Ким Чен Ын", kim, 0.8),
        ("Kim Jong-un", kim, 0.8),
        ("KIM, Jong Un", kim, 0.8),
        ("فلاديمير بوتين", putin, 0.7),
        ("Владимир Путин", putin, 0.7),
        ("Poutine, Vladimir", putin, 0.7),
        ("В. В. Путин", putin, 0.7),
    ];
    let failures: Vec<String> = cases
        .iter()
        .map(|&(name, id, min)| (name, id, min, score_of(&index, name, id)))
        .filter(|&(_, _, min, s)| s < min)
        .map(|(name, id, min, s)| format!("{name} → {id} {s:.3} (< {min})"))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
