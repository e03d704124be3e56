//! The curves and distributions drawn from scored pairs: the precision–recall curve over every
//! threshold and score histograms over [0, 1]. Computed apart from the drawing so they can be
//! tested against [`crate::metrics`], whose definitions they share (a pair is predicted a match
//! iff `score >= threshold`).

/// Precision and recall when alerting at `threshold`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PrPoint {
    pub threshold: f64,
    pub precision: f64,
    pub recall: f64,
}

/// The precision–recall curve: one point per distinct score, taken as the threshold, from the
/// highest threshold (lowest recall) to the lowest. One sort and one sweep, so a set of any size
/// costs O(n log n) (computing [`crate::metrics::at_threshold`] per score would be quadratic).
/// Empty when the set has no true pairs (recall is undefined).
pub fn pr_curve(scored: &[(f64, bool)]) -> Vec<PrPoint> {
    let positives = scored.iter().filter(|s| s.1).count();
    if positives == 0 {
        return Vec::new();
    }
    let mut v: Vec<(f64, bool)> = scored.to_vec();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = Vec::new();
    let (mut tp, mut fp) = (0usize, 0usize);
    let mut i = 0;
    while i < v.len() {
        let t = v[i].0;
        // Every pair tied at this score is predicted a match at once.
        while i < v.len() && v[i].0 == t {
            if v[i].1 {
                tp += 1;
            } else {
                fp += 1;
            }
            i += 1;
        }
        out.push(PrPoint {
            threshold: t,
            precision: tp as f64 / (tp + fp) as f64,
            recall: tp as f64 / positives as f64,
        });
    }
    out
}

/// Counts of scores in `bins` equal-width bins over [0, 1]; bin k holds [k/bins, (k+1)/bins), the
/// last one also holds 1.0.
#[derive(Clone, Debug, PartialEq)]
pub struct Histogram {
    pub counts: Vec<usize>,
}

impl Histogram {
    /// Fails on the first score that is not a number in [0, 1] (a matcher bug must show, not be
    /// clamped into a bar), returning its position.
    pub fn of(scores: impl IntoIterator<Item = f64>, bins: usize) -> Result<Self, (usize, f64)> {
        let bins = bins.max(1);
        let mut counts = vec![0; bins];
        for (i, s) in scores.into_iter().enumerate() {
            if !(0.0..=1.0).contains(&s) {
                return Err((i, s));
            }
            let k = ((s * bins as f64) as usize).min(bins - 1);
            counts[k] += 1;
        }
        Ok(Histogram { counts })
    }

    /// The bin's interval [start, end).
    pub fn bin(&self, k: usize) -> (f64, f64) {
        let n = self.counts.len() as f64;
        (k as f64 / n, (k + 1) as f64 / n)
    }

    pub fn max(&self) -> usize {
        self.counts.iter().copied().max().unwrap_or(0)
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::at_threshold;

    #[test]
    fn curve_points_agree_with_metrics_at_each_threshold() {
        let s = [
            (0.95, true),
            (0.9, false),
            (0.8, true),
            (0.8, false),
            (0.7, true),
            (0.4, true),
            (0.2, false),
        ];
        let c = pr_curve(&s);
        let ts: Vec<f64> = c.iter().map(|p| p.threshold).collect();
        assert_eq!(ts, [0.95, 0.9, 0.8, 0.7, 0.4, 0.2]);
        for p in &c {
            let m = at_threshold(&s, p.threshold);
            assert_eq!((p.precision, p.recall), (m.precision, m.recall), "{p:?}");
        }
        assert_eq!(c.last().map(|p| p.recall), Some(1.0));
        assert!(pr_curve(&[(0.5, false)]).is_empty());
    }

    #[test]
    fn histogram_bins_edges_and_rejects_out_of_range() {
        let h = Histogram::of([0.0, 0.69, 0.7, 0.999, 1.0], 10).unwrap();
        assert_eq!(h.counts, [1, 0, 0, 0, 0, 0, 1, 1, 0, 2]);
        assert_eq!((h.total(), h.max()), (5, 2));
        assert_eq!(h.bin(7), (0.7, 0.8));
        assert_eq!(Histogram::of([0.5, 1.5], 10), Err((1, 1.5)));
        assert!(Histogram::of([f64::NAN], 10).is_err());
    }
}
