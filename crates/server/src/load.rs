//! Loading lists into a [`Snapshot`], at start-up and on reload, with the guard that keeps a
//! broken download from replacing a good list.
//!
//! At start-up every list must load: a list that cannot be read is a configuration error.
//! On reload each list is judged alone: an unchanged file (same SHA-256) is reused as it is; a
//! changed one is read, and refused, with the loaded version kept, when it cannot be read or
//! when it lost more than [`ReloadPolicy::max_shrink`] of its entities. The other lists still
//! move to their new versions.

use crate::clock::format_rfc3339;
use crate::config::{ListSource, ReloadPolicy};
use crate::snapshot::{ListInfo, LoadedList, Snapshot};
use embargo_model::Severity;
use embargo_sources::Format;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

/// A new list version that was not taken.
#[derive(Clone, Debug, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Refusal {
    /// The dataset of the version still served, when there is one.
    pub dataset: Option<String>,
    pub path: String,
    /// Why: the read error, or the shrink that tripped the guard.
    pub reason: String,
    /// When the refusal happened (RFC 3339).
    pub at: String,
}

/// What a reload did.
#[derive(Clone, Debug, Default, serde::Serialize, utoipa::ToSchema)]
pub struct ReloadReport {
    /// Datasets whose new version was taken.
    pub changed: Vec<String>,
    pub refused: Vec<Refusal>,
}

/// A list could not be loaded at start-up.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: unknown list format {format:?}")]
    Format { path: String, format: String },
    #[error(transparent)]
    Read(#[from] embargo_sources::Error),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("no list to serve: pass --list PATH or put lists in the data directory")]
    NoLists,
}

/// SHA-256 of a list file, or of a folder's files (names and contents, in name order).
pub fn hash_path(path: &Path) -> std::io::Result<String> {
    let mut h = Sha256::new();
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            h.update(f.file_name().unwrap_or_default().as_encoded_bytes());
            h.update([0u8]);
            h.update(std::fs::read(&f)?);
            h.update([0u8]);
        }
    } else {
        h.update(std::fs::read(path)?);
    }
    Ok(hex::encode(h.finalize()))
}

/// Modification time and size of a list file (the newest and the sum over a folder's files):
/// what the file watch polls, cheaply.
pub fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    if !m.is_dir() {
        return Some((m.modified().ok()?, m.len()));
    }
    let mut newest = SystemTime::UNIX_EPOCH;
    let mut size = 0;
    for e in std::fs::read_dir(path).ok()?.flatten() {
        let m = e.metadata().ok()?;
        if m.is_file() {
            newest = newest.max(m.modified().ok()?);
            size += m.len();
        }
    }
    Some((newest, size))
}

fn format_of(src: &ListSource) -> Result<Option<Format>, LoadError> {
    match &src.format {
        None => Ok(None),
        Some(f) => Format::parse(f).map(Some).ok_or_else(|| LoadError::Format {
            path: src.path.display().to_string(),
            format: f.clone(),
        }),
    }
}

/// Read one list and describe it.
fn read_one(src: &ListSource, sha256: String) -> Result<LoadedList, LoadError> {
    let format = match format_of(src)? {
        Some(f) => f,
        None => embargo_sources::detect(&src.path)?,
    };
    let doc = embargo_sources::read_list(&src.path, Some(format))?;
    let now = SystemTime::now();
    let info = ListInfo {
        dataset: doc.dataset.clone(),
        version: doc.version.clone(),
        format: format.as_str().to_string(),
        sha256,
        entities: doc.entities.len(),
        errors: doc
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count(),
        sanctions: src.sanctions.unwrap_or(format != Format::Senzing),
        loaded_at: format_rfc3339(now),
        loaded: now,
        path: src.path.clone(),
    };
    Ok(LoadedList {
        info,
        doc: Arc::new(doc),
    })
}

/// Load every list (all must load) and build the first snapshot.
pub fn initial(sources: &[ListSource]) -> Result<Snapshot, LoadError> {
    if sources.is_empty() {
        return Err(LoadError::NoLists);
    }
    let mut lists = Vec::with_capacity(sources.len());
    for src in sources {
        let sha = hash_path(&src.path).map_err(|e| LoadError::Io {
            path: src.path.display().to_string(),
            source: e,
        })?;
        let l = read_one(src, sha)?;
        tracing::info!(
            dataset = %l.info.dataset,
            entities = l.info.entities,
            version = l.info.version.as_deref().unwrap_or(""),
            sha256 = %l.info.sha256,
            "list loaded"
        );
        lists.push(l);
    }
    Ok(Snapshot::build(1, lists, None))
}

/// Reload against the snapshot in service. Returns the new snapshot, or `None` when nothing
/// changed (and `force` is off) or every changed list was refused.
pub fn reload(
    sources: &[ListSource],
    previous: &Snapshot,
    policy: &ReloadPolicy,
    force: bool,
) -> (Option<Snapshot>, ReloadReport) {
    let mut report = ReloadReport::default();
    let mut lists = Vec::with_capacity(sources.len());
    for src in sources {
        let old = previous.lists.iter().find(|l| l.info.path == src.path);
        let mut refuse = |reason: String| {
            let r = Refusal {
                dataset: old.map(|o| o.info.dataset.clone()),
                path: src.path.display().to_string(),
                reason,
                at: format_rfc3339(SystemTime::now()),
            };
            tracing::warn!(
                path = %r.path,
                dataset = r.dataset.as_deref().unwrap_or(""),
                reason = %r.reason,
                "list version refused; the loaded version stays"
            );
            report.refused.push(r);
        };
        let sha = match hash_path(&src.path) {
            Ok(s) => s,
            Err(e) => {
                refuse(format!("cannot read: {e}"));
                lists.extend(old.cloned());
                continue;
            }
        };
        if let Some(o) = old.filter(|o| o.info.sha256 == sha) {
            lists.push(o.clone());
            continue;
        }
        match read_one(src, sha) {
            Err(e) => {
                refuse(format!("cannot read: {e}"));
                lists.extend(old.cloned());
            }
            Ok(new) => {
                let floor = old.map_or(0.0, |o| o.info.entities as f64 * (1.0 - policy.max_shrink));
                if let Some(o) = old.filter(|_| (new.info.entities as f64) < floor) {
                    refuse(format!(
                        "{} entities, {} before: shrinks by more than the guard allows ({:.0} %)",
                        new.info.entities,
                        o.info.entities,
                        policy.max_shrink * 100.0
                    ));
                    lists.push(o.clone());
                } else {
                    tracing::info!(
                        dataset = %new.info.dataset,
                        entities = new.info.entities,
                        before = old.map_or(0, |o| o.info.entities),
                        version = new.info.version.as_deref().unwrap_or(""),
                        sha256 = %new.info.sha256,
                        "new list version"
                    );
                    report.changed.push(new.info.dataset.clone());
                    lists.push(new);
                }
            }
        }
    }
    if report.changed.is_empty() && !force {
        return (None, report);
    }
    (
        Some(Snapshot::build(previous.version + 1, lists, Some(previous))),
        report,
    )
}
