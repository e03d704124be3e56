//! What the matcher's real-data tests share: where the data is, and the eval queries.

#![allow(dead_code)] // each test binary uses a part

use embargo_matcher::Query;
use std::path::{Path, PathBuf};

/// The shared data folder (`$EMBARGO_SHARED_DATA` or `../shared/data` beside the workspace);
/// fails, never skips, when it is missing.
pub fn data_dir() -> PathBuf {
    let dir = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    assert!(
        dir.join("README.md").exists(),
        "real data not found at {}",
        dir.display()
    );
    dir
}

/// Every UN positive query (untreated and treated), then the negatives of each file (global,
/// us) as `pick` thins them.
pub fn eval_queries(d: &Path, pick: impl Fn(Vec<Query>) -> Vec<Query>) -> Vec<Query> {
    let read = |f: &str| {
        embargo_batch::read_queries(&d.join("eval").join(f))
            .expect(f)
            .queries
    };
    let mut queries: Vec<Query> = Vec::new();
    for f in ["un-positives/untreated.csv", "un-positives/treated.csv"] {
        queries.extend(read(f));
    }
    for f in ["negatives/global.csv", "negatives/us.csv"] {
        queries.extend(pick(read(f)));
    }
    queries
}
