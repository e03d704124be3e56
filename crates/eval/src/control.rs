//! The control test: every published name of a list (primary, strong aliases, original-script
//! names) used as a query must find its own entity at or above the threshold.

use embargo_matcher::{Index, MatchConfig, Query};
use embargo_model::NameKind;
use embargo_names::Script;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct ControlReport {
    pub names: usize,
    pub recall: f64,
    /// Per script: (found, total).
    pub per_script: BTreeMap<String, (usize, usize)>,
    /// Names that did not find their entity: (entity id, name, best score for it).
    pub misses: Vec<(String, String, f64)>,
    /// Per name, the score of its own entity (`None`: the entity was not among the results). Kept
    /// for the score distribution chart.
    #[serde(skip)]
    pub own_scores: Vec<Option<f64>>,
}

pub fn evaluate(index: &Index, config: &MatchConfig) -> ControlReport {
    let mut cases: Vec<(usize, String)> = Vec::new();
    for (i, e) in index.entities().iter().enumerate() {
        for n in &e.names {
            // Weak aliases confirm a hit but do not alert alone: they are not in the control.
            if n.kind != NameKind::WeakAlias {
                cases.push((i, n.value.clone()));
            }
        }
    }
    let cfg = MatchConfig {
        limit: 50,
        ..config.clone()
    };
    let results: Vec<Option<f64>> = cases
        .par_iter()
        .map(|(i, name)| {
            let e = &index.entities()[*i];
            let q = Query {
                names: vec![name.clone()],
                schema: Some(e.schema),
                ..Default::default()
            };
            let hits = index.search(&q, &cfg);
            hits.iter().find(|h| h.id == e.id.as_str()).map(|h| h.score)
        })
        .collect();
    let mut per_script: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut found = 0;
    for ((i, name), s) in cases.iter().zip(&results) {
        let script = Script::of_token(name).as_str().to_string();
        let e = per_script.entry(script).or_default();
        e.1 += 1;
        let s = s.unwrap_or(0.0);
        if s >= config.threshold {
            e.0 += 1;
            found += 1;
        } else {
            misses.push((index.entities()[*i].id.to_string(), name.clone(), s));
        }
    }
    ControlReport {
        names: cases.len(),
        recall: found as f64 / cases.len().max(1) as f64,
        per_script,
        misses,
        own_scores: results,
    }
}
