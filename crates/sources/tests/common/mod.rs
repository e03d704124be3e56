//! Shared by the real-data tests: where `../shared/data` is.
#![allow(dead_code)]

use std::path::PathBuf;

/// The real-data folder: `$EMBARGO_SHARED_DATA`, else `../shared/data` beside the checkout.
/// Real-data tests are `#[ignore]`d (run by `.ci/run` with `--ignored`) and fail loudly when the
/// folder is missing, so a skipped check is never mistaken for a pass.
pub fn data_dir() -> PathBuf {
    let dir = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    assert!(
        dir.join("README.md").exists(),
        "real data not found at {} (set EMBARGO_SHARED_DATA)",
        dir.display()
    );
    dir
}

pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}
