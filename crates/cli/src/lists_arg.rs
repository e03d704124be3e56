//! The `--list PATH` arguments every command shares, and loading them with a clear error.

use anyhow::{Context, Result};
use embargo_model::ListDocument;
use embargo_sources::Format;
use std::path::{Path, PathBuf};

/// Where embargo keeps downloaded lists (`$EMBARGO_DATA_DIR`, else `~/.local/share/embargo`).
pub fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("EMBARGO_DATA_DIR") {
        return PathBuf::from(d);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| ".".into());
    home.join(".local/share/embargo")
}

/// The demo list shipped in the repository (built into the binary, so an installed `embargo`
/// has it too), used when nothing was downloaded and no `--list` was given. Written to a
/// temporary file because readers take paths.
pub fn demo_list() -> Result<PathBuf> {
    const DEMO: &str = include_str!("../../../data/demo/demo.ftm.json");
    let path = std::env::temp_dir().join(format!(
        "embargo-demo-{}.ftm.json",
        env!("CARGO_PKG_VERSION")
    ));
    if std::fs::read_to_string(&path).ok().as_deref() != Some(DEMO) {
        let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
        std::fs::write(&tmp, DEMO).with_context(|| tmp.display().to_string())?;
        std::fs::rename(&tmp, &path).with_context(|| path.display().to_string())?;
    }
    Ok(path)
}

/// Parse `--input-format`.
pub fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
        format!("unknown format {s:?} (one of: {})", names.join(", "))
    })
}

/// Read lists and link entities published in several of them. With no path: the lists in the
/// data directory, else the demo list (saying so on stderr).
pub fn load(paths: &[PathBuf], format: Option<Format>) -> Result<Vec<ListDocument>> {
    let mut paths: Vec<PathBuf> = paths.to_vec();
    if paths.is_empty() {
        let dir = data_dir().join("lists");
        if let Ok(rd) = std::fs::read_dir(&dir) {
            let mut found: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
            found.sort();
            paths = found;
        }
        if paths.is_empty() {
            eprintln!(
                "note: no lists downloaded in {} yet; using the small demo list shipped with embargo.\n      \
                 Pass --list PATH for an official list file (UN XML, OFAC CSV folder, CSL…), or run `embargo update`.",
                dir.display()
            );
            paths.push(demo_list()?);
        }
    }
    let pairs: Vec<(&Path, Option<Format>)> = paths.iter().map(|p| (p.as_path(), format)).collect();
    let docs = embargo_sources::read_lists(&pairs).with_context(|| "reading lists".to_string())?;
    Ok(docs)
}
