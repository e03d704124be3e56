//! Transliteration pair sets, built as `EVALUATION.md` defines: the first 1,500 rows; for
//! i = 0…999, positive i = (native i, Latin i), negative i = (native i, Latin i+500).

use crate::metrics::{pair_metrics, PairMetrics};
use anyhow::{Context, Result};
use embargo_matcher::{compare_names, MatchConfig};
use embargo_model::Schema;
use rayon::prelude::*;
use std::path::Path;

/// (native, latin) rows of a set. Full-name files are `English<TAB>native`; word files are
/// `latin<TAB>space-separated native letters<TAB>count` (letters joined, count ignored).
pub fn load_rows(path: &Path, rows: usize) -> Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let words = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("words-"));
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if out.len() >= rows {
            break;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            anyhow::bail!(
                "{}: line {}: expected two tab-separated columns",
                path.display(),
                i + 1
            );
        }
        let latin = cols[0].trim().to_string();
        let native = if words {
            cols[1].split(' ').collect::<String>()
        } else {
            cols[1].trim().to_string()
        };
        out.push((native, latin));
    }
    Ok(out)
}

/// Build the positive and negative pairs from the first 1,500 rows.
pub fn pairs(rows: &[(String, String)]) -> Vec<(String, String, bool)> {
    let n = rows.len().saturating_sub(500).min(1000);
    let mut out = Vec::with_capacity(2 * n);
    for i in 0..n {
        out.push((rows[i].0.clone(), rows[i].1.clone(), true));
        out.push((rows[i].0.clone(), rows[i + 500].1.clone(), false));
    }
    out
}

pub fn evaluate(path: &Path, config: &MatchConfig) -> Result<PairMetrics> {
    Ok(pair_metrics(&score(path, config)?, config.threshold))
}

/// The scored pairs of a set, (score, is a true pair), for metrics and charts alike.
pub fn score(path: &Path, config: &MatchConfig) -> Result<Vec<(f64, bool)>> {
    let rows = load_rows(path, 1500)?;
    let pairs = pairs(&rows);
    let scored: Vec<(f64, bool)> = pairs
        .par_iter()
        .map(|(native, latin, label)| {
            (
                compare_names(native, latin, Schema::Person, config).score,
                *label,
            )
        })
        .collect();
    Ok(scored)
}
