//! Binary classification metrics over scored pairs.

use serde::Serialize;

/// Precision, recall and F1 at one threshold.
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
pub struct AtThreshold {
    pub threshold: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

/// Metrics at `t`: a pair is predicted a match iff `score >= t`.
pub fn at_threshold(scored: &[(f64, bool)], t: f64) -> AtThreshold {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for &(s, label) in scored {
        match (s >= t, label) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            _ => {}
        }
    }
    let precision = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + fn_ == 0 {
        1.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    AtThreshold {
        threshold: t,
        precision,
        recall,
        f1,
        true_positives: tp,
        false_positives: fp,
        false_negatives: fn_,
    }
}

/// The maximum F1 over every threshold equal to an observed score.
pub fn best_f1(scored: &[(f64, bool)]) -> AtThreshold {
    let mut ts: Vec<f64> = scored.iter().map(|s| s.0).collect();
    ts.sort_by(f64::total_cmp);
    ts.dedup();
    ts.into_iter()
        .map(|t| at_threshold(scored, t))
        .max_by(|a, b| {
            a.f1.total_cmp(&b.f1)
                .then(b.threshold.total_cmp(&a.threshold))
        })
        .unwrap_or_else(|| at_threshold(scored, 0.7))
}

/// ROC AUC by the Mann–Whitney U statistic, average ranks for ties (ties count half).
pub fn roc_auc(scored: &[(f64, bool)]) -> f64 {
    let mut v: Vec<(f64, bool)> = scored.to_vec();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n_pos = v.iter().filter(|x| x.1).count() as f64;
    let n_neg = v.len() as f64 - n_pos;
    if n_pos == 0.0 || n_neg == 0.0 {
        return f64::NAN;
    }
    let mut rank_sum_pos = 0.0;
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1].0 == v[i].0 {
            j += 1;
        }
        let avg_rank = (i + j) as f64 / 2.0 + 1.0;
        for x in &v[i..=j] {
            if x.1 {
                rank_sum_pos += avg_rank;
            }
        }
        i = j + 1;
    }
    (rank_sum_pos - n_pos * (n_pos + 1.0) / 2.0) / (n_pos * n_neg)
}

/// The figures reported for a pair set.
#[derive(Clone, Debug, Serialize)]
pub struct PairMetrics {
    pub pairs: usize,
    pub at_threshold: AtThreshold,
    pub best_f1: AtThreshold,
    pub roc_auc: f64,
}

pub fn pair_metrics(scored: &[(f64, bool)], t: f64) -> PairMetrics {
    PairMetrics {
        pairs: scored.len(),
        at_threshold: at_threshold(scored, t),
        best_f1: best_f1(scored),
        roc_auc: roc_auc(scored),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_with_ties() {
        // One positive above one negative, one tie: (1 + 0.5) / 2.
        let s = [(0.9, true), (0.5, true), (0.5, false), (0.1, false)];
        assert!((roc_auc(&s) - (1.0 + 1.0 + 0.5 + 1.0) / 4.0).abs() < 1e-12);
        let m = at_threshold(&s, 0.5);
        assert_eq!((m.true_positives, m.false_positives), (2, 1));
        assert_eq!(best_f1(&s).threshold, 0.5);
    }
}
