//! Screening sets: query files against whole lists.

use anyhow::{Context, Result};
use embargo_matcher::{Hit, Index, MatchConfig, Query};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;

/// Drop the qualifiers of a query (the "name only" variant).
pub fn name_only(q: &Query) -> Query {
    Query {
        names: q.names.clone(),
        schema: q.schema,
        ..Default::default()
    }
}

/// Load a query file (full_name, date_of_birth, nationality… columns).
pub fn load_queries(path: &Path) -> Result<Vec<Query>> {
    let f = embargo_batch::read_queries(path).with_context(|| path.display().to_string())?;
    Ok(f.queries)
}

/// `expected.csv`: the ids each query must find (empty: left out of recall).
pub fn load_expected(path: &Path) -> Result<Vec<Vec<String>>> {
    let mut rdr = csv::Reader::from_path(path).with_context(|| path.display().to_string())?;
    let mut out = Vec::new();
    for r in rdr.records() {
        let r = r?;
        let ids = r.get(1).unwrap_or("");
        out.push(
            ids.split([';', '|', ' '])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        );
    }
    Ok(out)
}

pub fn run(index: &Index, queries: &[Query], config: &MatchConfig) -> Vec<Vec<Hit>> {
    queries
        .par_iter()
        .map(|q| index.search(q, config))
        .collect()
}

#[derive(Clone, Debug, Serialize)]
pub struct RecallReport {
    pub queries: usize,
    pub evaluated: usize,
    pub recall_at_threshold: f64,
    pub recall_at_1: f64,
    /// Queries whose expected id was not found at the threshold: (index, query name, best result).
    pub misses: Vec<(usize, String, String)>,
    /// Per evaluated query, its top result's score and whether that result is an expected entity
    /// (`None`: nothing at or above the minimum score). Kept for the score distribution charts.
    #[serde(skip)]
    pub top: Vec<Option<(f64, bool)>>,
}

pub fn recall(
    queries: &[Query],
    results: &[Vec<Hit>],
    expected: &[Vec<String>],
    threshold: f64,
) -> RecallReport {
    let (mut n, mut at_t, mut at_1) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    let mut top = Vec::new();
    for (i, (hits, exp)) in results.iter().zip(expected).enumerate() {
        if exp.is_empty() {
            continue;
        }
        n += 1;
        top.push(hits.first().map(|h| (h.score, exp.contains(&h.id))));
        if hits
            .iter()
            .any(|h| h.score >= threshold && exp.contains(&h.id))
        {
            at_t += 1;
        } else {
            let best = hits
                .first()
                .map(|h| format!("{} {} {:.3}", h.id, h.caption, h.score))
                .unwrap_or_default();
            let found = hits
                .iter()
                .find(|h| exp.contains(&h.id))
                .map(|h| format!(" (expected at {:.3})", h.score))
                .unwrap_or_else(|| " (expected not returned)".into());
            misses.push((i, queries[i].names.join(" / "), best + &found));
        }
        if hits.first().is_some_and(|h| exp.contains(&h.id)) {
            at_1 += 1;
        }
    }
    RecallReport {
        queries: results.len(),
        evaluated: n,
        recall_at_threshold: at_t as f64 / n.max(1) as f64,
        recall_at_1: at_1 as f64 / n.max(1) as f64,
        misses,
        top,
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct FalseAlertReport {
    pub queries: usize,
    pub rate_at_threshold: f64,
    pub rate_at_0_8: f64,
    pub rate_at_0_9: f64,
    /// Queries with an alert at the threshold.
    pub alerts: usize,
    /// Of those, the alerts whose best hit is an exact homonym ([`exact_homonym`]): no name
    /// rule can remove them without losing the cross-script hits the lists require; only a
    /// birth date or nationality can.
    pub exact_homonyms: usize,
    /// Of those, the alerts whose best hit aligned every token of both names, at any
    /// similarity: near homonyms ("محمد حمیدی" / "MOHAMMAD AHMADI") as well as exact ones.
    pub fully_aligned: usize,
    /// The worst alerts: (query, listed name, id, score).
    pub worst: Vec<(String, String, String, f64)>,
    /// Per query, its top result's score (`None`: nothing at or above the minimum score). Kept for
    /// the score distribution charts.
    #[serde(skip)]
    pub top: Vec<Option<f64>>,
}

pub fn false_alerts(queries: &[Query], results: &[Vec<Hit>], threshold: f64) -> FalseAlertReport {
    let rate = |t: f64| {
        results
            .iter()
            .filter(|h| h.first().is_some_and(|h| h.score >= t))
            .count() as f64
            / results.len().max(1) as f64
    };
    let alerting = results
        .iter()
        .filter_map(|h| h.first().filter(|h| h.score >= threshold));
    let alerts = alerting.clone().count();
    let exact_homonyms = alerting.clone().filter(|h| exact_homonym(h)).count();
    let fully_aligned = alerting.filter(|h| fully_aligned(h)).count();
    let mut worst: Vec<(String, String, String, f64)> = results
        .iter()
        .zip(queries)
        .filter_map(|(h, q)| {
            h.first().filter(|h| h.score >= threshold).map(|h| {
                (
                    q.names.first().cloned().unwrap_or_default(),
                    h.caption.clone(),
                    h.id.clone(),
                    h.score,
                )
            })
        })
        .collect();
    worst.sort_by(|a, b| b.3.total_cmp(&a.3));
    worst.truncate(15);
    FalseAlertReport {
        queries: results.len(),
        rate_at_threshold: rate(threshold),
        alerts,
        exact_homonyms,
        fully_aligned,
        rate_at_0_8: rate(0.8),
        rate_at_0_9: rate(0.9),
        worst,
        top: results.iter().map(|h| h.first().map(|h| h.score)).collect(),
    }
}

/// Whether a hit matched on the name alone as an exact homonym: every token of both names
/// aligned, each at similarity 1 ("정식 김" = "KIM JONG SIK", "张雷" = "ZHANG Lei").
pub fn exact_homonym(hit: &Hit) -> bool {
    hit.explanation.name.as_ref().is_some_and(|n| {
        !n.tokens.is_empty()
            && n.unmatched_query.is_empty()
            && n.unmatched_candidate.is_empty()
            && n.tokens.iter().all(|t| t.similarity >= 1.0)
    })
}

/// Whether a hit aligned every token of both names (none left over on either side).
pub fn fully_aligned(hit: &Hit) -> bool {
    hit.explanation.name.as_ref().is_some_and(|n| {
        !n.tokens.is_empty() && n.unmatched_query.is_empty() && n.unmatched_candidate.is_empty()
    })
}
