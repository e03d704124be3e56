//! The minimum figures CI enforces (`eval/floors.json` in the repository). Raise them as the
//! matcher improves; a change that drops a figure below its floor fails CI.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// metric name → (direction, bound): `{"pairs.f1": {"min": 0.9}, "negatives.un.rate": {"max": 0.003}}`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Floors(pub BTreeMap<String, Bound>);

#[derive(Clone, Debug, Deserialize)]
pub struct Bound {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Floors {
    pub fn load(path: &Path) -> Result<Floors> {
        let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
        serde_json::from_str(&text).with_context(|| path.display().to_string())
    }

    /// Check measured figures; returns the violations as readable lines. A floor whose metric was
    /// not measured is a violation too (a silently skipped check is not a pass).
    pub fn check(&self, measured: &BTreeMap<String, f64>) -> Vec<String> {
        let mut out = Vec::new();
        for (k, b) in &self.0 {
            match measured.get(k) {
                None => out.push(format!("{k}: not measured")),
                Some(v) => {
                    if let Some(min) = b.min {
                        if *v < min {
                            out.push(format!("{k}: {v:.4} below floor {min}"));
                        }
                    }
                    if let Some(max) = b.max {
                        if *v > max {
                            out.push(format!("{k}: {v:.4} above ceiling {max}"));
                        }
                    }
                }
            }
        }
        out
    }
}
