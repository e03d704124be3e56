//! Speed never changes a result: search with score bounds and early stopping returns exactly what
//! scoring every retrieved candidate returns (ids, scores, order, match flags and explanations),
//! on the eval queries against UN 2026 + OFAC SDN 2024 + CSL 2022, under several limits.
//!
//! ```text
//! cargo test --release -p embargo-matcher --test pruning -- --ignored
//! ```
//! `EMBARGO_PRUNING_STRIDE=N` checks every N-th negative query (default 4; 1 for all of them).

mod common;

use common::{data_dir, eval_queries};
use embargo_matcher::{Hit, Index, MatchConfig, Query};
use embargo_model::{Entity, EntityId, NameKind, Schema};
use embargo_sources::Format;
use rayon::prelude::*;

fn render(hits: &[Hit]) -> String {
    serde_json::to_string(hits).expect("hits serialise")
}

/// Queries whose bounded and full results differ.
fn differences(index: &Index, queries: &[Query], config: &MatchConfig) -> Vec<String> {
    queries
        .par_iter()
        .filter_map(|q| {
            let fast = render(&index.search(q, config));
            let full = render(&index.search_unpruned(q, config));
            (fast != full).then(|| format!("{:?}:\n  bounded {fast}\n  full    {full}", q.names))
        })
        .collect()
}

fn configs() -> Vec<(&'static str, MatchConfig)> {
    let default = MatchConfig::default();
    vec![
        ("default", default.clone()),
        (
            "limit 1",
            MatchConfig {
                limit: 1,
                ..default.clone()
            },
        ),
        (
            "limit 3, min_score 0.3",
            MatchConfig {
                limit: 3,
                min_score: 0.3,
                ..default.clone()
            },
        ),
        (
            "limit 50, min_score 0",
            MatchConfig {
                limit: 50,
                min_score: 0.0,
                ..default
            },
        ),
    ]
}

#[test]
fn bounded_equals_full_on_small_index() {
    let mut entities = Vec::new();
    for (i, names) in [
        &["Vladimir Vladimirovich PUTIN", "Владимир Путин"][..],
        &["KIM Jong Un", "김정은", "Kim Jongun"],
        &["Abdul Rahman Makhlouf"],
        &["Rami Makhlouf"],
        &["Kim Jong Il"],
        &["Kim Yo Jong"],
        &["Vladimir Petrov"],
    ]
    .into_iter()
    .enumerate()
    {
        let mut e = Entity::new(EntityId(format!("t:{i}")), Schema::Person, "test", "x");
        for (k, n) in names.iter().enumerate() {
            e.add_name(
                n,
                if k == 0 {
                    NameKind::Primary
                } else {
                    NameKind::Alias
                },
            );
        }
        entities.push(e);
    }
    let index = Index::from_entities(entities);
    let queries: Vec<Query> = [
        "Kim Jong Un",
        "김정은",
        "Kim",
        "Vladimir",
        "Poutine Vladimir",
        "Makhlouf",
        "Jongun Kim",
    ]
    .into_iter()
    .map(Query::name)
    .collect();
    for (label, config) in configs() {
        let bad = differences(&index, &queries, &config);
        assert!(bad.is_empty(), "{label}:\n{}", bad.join("\n"));
    }
}

#[test]
#[ignore = "real data"]
fn bounded_equals_full_on_eval_queries() {
    let d = data_dir();
    let mut docs = Vec::new();
    for (rel, format) in [
        ("lists/un/consolidated-2026-02-27.xml", Format::UnXml),
        ("lists/ofac-sdn/2024-05-03", Format::OfacCsv),
        ("lists/us-csl/2022/consolidated.csv", Format::Csl),
    ] {
        docs.push(embargo_sources::read_list(&d.join(rel), Some(format)).expect(rel));
    }
    let index = Index::build(&docs);
    drop(docs);
    let stride: usize = std::env::var("EMBARGO_PRUNING_STRIDE")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(4);
    let queries = eval_queries(&d, |q| q.into_iter().step_by(stride).collect());
    for (label, config) in configs() {
        let bad = differences(&index, &queries, &config);
        assert!(
            bad.is_empty(),
            "{label}: {} of {} queries differ:\n{}",
            bad.len(),
            queries.len(),
            bad.join("\n")
        );
    }
}
