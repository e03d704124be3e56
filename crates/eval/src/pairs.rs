//! Labelled name pairs (`eval/name-pairs/pairs.csv`).

use crate::metrics::{pair_metrics, PairMetrics};
use anyhow::{Context, Result};
use embargo_matcher::{compare_names, MatchConfig};
use embargo_model::Schema;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone, Debug)]
pub struct Pair {
    pub case_group: String,
    pub schema: Schema,
    pub name1: String,
    pub name2: String,
    pub is_match: bool,
    pub category: String,
}

pub fn load(path: &Path) -> Result<Vec<Pair>> {
    let mut rdr = csv::Reader::from_path(path).with_context(|| path.display().to_string())?;
    let h = rdr.headers()?.clone();
    let col = |n: &str| h.iter().position(|x| x == n);
    let (g, s, a, b, m, c) = (
        col("case_group"),
        col("schema"),
        col("name1").context("pairs file has no name1 column")?,
        col("name2").context("pairs file has no name2 column")?,
        col("is_match").context("pairs file has no is_match column")?,
        col("category"),
    );
    let mut out = Vec::new();
    for (i, r) in rdr.records().enumerate() {
        let r = r.with_context(|| format!("{}: record {}", path.display(), i + 1))?;
        let get = |c: Option<usize>| c.and_then(|c| r.get(c)).unwrap_or("").to_string();
        out.push(Pair {
            case_group: get(g),
            schema: get(s).parse().unwrap_or(Schema::Person),
            name1: get(Some(a)),
            name2: get(Some(b)),
            is_match: matches!(
                get(Some(m)).to_ascii_lowercase().as_str(),
                "true" | "1" | "yes"
            ),
            category: get(c),
        });
    }
    Ok(out)
}

#[derive(Clone, Debug, Serialize)]
pub struct PairMiss {
    pub case_group: String,
    pub name1: String,
    pub name2: String,
    pub is_match: bool,
    pub score: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct PairReport {
    pub metrics: PairMetrics,
    /// Errors at the threshold per case group: (false negatives, false positives, pairs).
    pub misses_per_group: BTreeMap<String, (usize, usize, usize)>,
    pub misses: Vec<PairMiss>,
    #[serde(skip)]
    pub scored: Vec<(f64, bool)>,
}

pub fn evaluate(pairs: &[Pair], config: &MatchConfig) -> PairReport {
    let scores: Vec<f64> = pairs
        .par_iter()
        .map(|p| compare_names(&p.name1, &p.name2, p.schema, config).score)
        .collect();
    let scored: Vec<(f64, bool)> = scores
        .iter()
        .zip(pairs)
        .map(|(s, p)| (*s, p.is_match))
        .collect();
    let mut per_group: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (p, &s) in pairs.iter().zip(&scores) {
        let e = per_group.entry(p.case_group.clone()).or_default();
        e.2 += 1;
        let predicted = s >= config.threshold;
        if predicted != p.is_match {
            if p.is_match {
                e.0 += 1
            } else {
                e.1 += 1
            }
            misses.push(PairMiss {
                case_group: p.case_group.clone(),
                name1: p.name1.clone(),
                name2: p.name2.clone(),
                is_match: p.is_match,
                score: s,
            });
        }
    }
    PairReport {
        metrics: pair_metrics(&scored, config.threshold),
        misses_per_group: per_group,
        misses,
        scored,
    }
}
