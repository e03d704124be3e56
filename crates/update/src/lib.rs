//! Keep sanctions lists current: download each configured list from its publisher, check it, and
//! store it as a new version only when it is whole and plausible.
//!
//! A list is worth nothing if it is stale, and worse than nothing if it is half a file. So an
//! update:
//!
//! 1. asks conditionally (ETag / Last-Modified of the current version): an unchanged list costs
//!    a 304 and nothing else;
//! 2. retries timeouts, broken transfers, 5xx and 429 with exponential backoff ([`UpdateConfig`]);
//! 3. writes the bytes into a private staging folder while hashing them;
//! 4. validates: the sources reader reads it without error-level problems, it holds entities,
//!    and it has not shrunk by more than the guard (default 10 %) against the current version;
//! 5. stores it content-addressed (SHA-256) and swaps the current pointer atomically
//!    ([`store`]), keeping the previous version for diffs and delta screening;
//! 6. reports what changed ([`embargo_sources::diff`]).
//!
//! A failed, partial or refused download never touches the current version.
//!
//! ```no_run
//! use embargo_update::{run, NoProgress, Status, Store, UpdateConfig};
//! let store = Store::new("/var/lib/embargo");
//! let config = UpdateConfig::load(&store.root().join("update.toml")).unwrap();
//! for u in run(&config, &store, &NoProgress).unwrap() {
//!     if let (Status::Updated, Some(diff)) = (&u.status, &u.diff) {
//!         // Delta screening: screen customers against these entities only.
//!         let ids = diff.ids_to_rescreen();
//!         println!("{}: {} entities to re-screen", u.list, ids.len());
//!     }
//! }
//! ```

pub mod config;
pub mod error;
mod fetch;
pub mod lock;
pub mod progress;
pub mod store;

pub use config::{FileSource, SourceConfig, UpdateConfig};
pub use error::Error;
pub use lock::UpdateLock;
pub use progress::{NoProgress, Progress};
pub use store::{FileManifest, Manifest, Store, Version};

use embargo_model::Severity;
use embargo_sources::diff::Diff;
use embargo_sources::Format;
use fetch::{Fetched, Fetcher};
use serde::Serialize;

/// How the update of one list ended.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// The publisher answered 304, or sent the bytes we already hold.
    Unchanged,
    /// A new version was stored and made current.
    Updated,
    /// The download completed but failed validation; the current version stays.
    Refused { reason: String },
    /// The download itself failed (after retries), or the store could not be written; the
    /// current version stays.
    Failed { error: String },
}

/// The outcome for one list.
#[derive(Clone, Debug, Serialize)]
pub struct ListUpdate {
    pub list: String,
    /// The version current before the update.
    pub old: Option<Version>,
    /// The version current after it: the new one when [`Status::Updated`], else `old`.
    pub new: Option<Version>,
    /// Serialised inline: `"status": "refused", "reason": …`.
    #[serde(flatten)]
    pub status: Status,
    /// Entities in the version current after the update, when known.
    pub entities: Option<usize>,
    /// Old → new, when updated from an earlier version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<Diff>,
}

/// Update every enabled source of `config` in `store`, one after another, holding the store's
/// [`UpdateLock`] meanwhile. Errors of one list are its [`Status`]; only another update holding
/// the lock ([`Error::Busy`]) or an HTTP client that cannot be built fail the whole run.
pub fn run(
    config: &UpdateConfig,
    store: &Store,
    progress: &dyn Progress,
) -> Result<Vec<ListUpdate>, Error> {
    let lock = UpdateLock::acquire(store.root())?;
    run_locked(config, store, &lock, progress)
}

/// [`run`] under a lock the caller took (and keeps beyond it, e.g. for the re-screening that
/// follows the update).
pub fn run_locked(
    config: &UpdateConfig,
    store: &Store,
    _lock: &UpdateLock,
    progress: &dyn Progress,
) -> Result<Vec<ListUpdate>, Error> {
    let fetcher = Fetcher::new(config).map_err(|e| Error::Client(e.to_string()))?;
    Ok(config
        .enabled()
        .map(|source| update_source(&fetcher, config, store, source, progress))
        .collect())
}

fn update_source(
    fetcher: &Fetcher,
    config: &UpdateConfig,
    store: &Store,
    source: &SourceConfig,
    progress: &dyn Progress,
) -> ListUpdate {
    let mut out = ListUpdate {
        list: source.name.clone(),
        old: None,
        new: None,
        status: Status::Unchanged,
        entities: None,
        diff: None,
    };
    match try_update(fetcher, config, store, source, progress, &mut out) {
        Ok(status) => out.status = status,
        Err(e) => out.status = Status::Failed { error: e },
    }
    if !matches!(out.status, Status::Updated) {
        out.new = out.old.clone();
    }
    out
}

fn try_update(
    fetcher: &Fetcher,
    config: &UpdateConfig,
    store: &Store,
    source: &SourceConfig,
    progress: &dyn Progress,
    out: &mut ListUpdate,
) -> Result<Status, String> {
    let name = source.name.as_str();
    progress.list_started(name, source.files.len());
    let old = store.current(name).map_err(|e| e.to_string())?;
    out.old = old.clone();
    let old_manifest = match &old {
        Some(v) => Some(store.manifest(v).map_err(|e| e.to_string())?),
        None => None,
    };
    out.entities = old_manifest.as_ref().map(|m| m.entities);
    let staging = store.stage(name).map_err(|e| e.to_string())?;
    let data = staging.data();
    let mut files: Vec<FileManifest> = Vec::with_capacity(source.files.len());
    let mut all_not_modified = true;
    for f in &source.files {
        let known = old_manifest
            .as_ref()
            .and_then(|m| m.files.iter().find(|k| k.file == f.file && k.url == f.url));
        let dest = data.join(&f.file);
        match fetcher.fetch(name, &f.file, &f.url, &dest, known, progress)? {
            Fetched::NotModified => {
                let known = known.expect("a 304 is only accepted for a conditional request");
                let v = old
                    .as_ref()
                    .expect("a known file belongs to the current version");
                let m = old_manifest.as_ref().expect("read with the version");
                let src = store.payload(v, m);
                let src = if m.files.len() == 1 {
                    src
                } else {
                    src.join(&known.file)
                };
                // Versions are immutable, so a hard link is as good as a copy.
                if std::fs::hard_link(&src, &dest).is_err() {
                    std::fs::copy(&src, &dest)
                        .map_err(|e| format!("{} → {}: {e}", src.display(), dest.display()))?;
                }
                files.push(known.clone());
            }
            Fetched::Downloaded(m) => {
                all_not_modified = false;
                files.push(m);
            }
        }
    }
    if all_not_modified {
        return Ok(Status::Unchanged);
    }
    let hash = store::version_hash(&files);
    if let (Some(v), Some(m)) = (&old, &old_manifest) {
        if v.hash == hash {
            // Same bytes, perhaps new validators: keep them so the next request is conditional.
            if m.files != files {
                let mut m = m.clone();
                m.files = files;
                store.rewrite_manifest(v, &m).map_err(|e| e.to_string())?;
            }
            return Ok(Status::Unchanged);
        }
    }

    progress.validating(name);
    let format = match &source.format {
        Some(f) => {
            Some(Format::parse(f).ok_or_else(|| format!("source {name}: unknown format {f:?}"))?)
        }
        None => None,
    };
    let doc = match embargo_sources::read_list(&staging.payload(&files), format) {
        Ok(d) => d,
        Err(e) => {
            // The staging folder is gone once refused: name the files as published instead.
            let staged = format!("{}/", data.display());
            return Ok(Status::Refused {
                reason: format!(
                    "the download does not read as a list: {}",
                    e.to_string().replace(&staged, "")
                ),
            });
        }
    };
    let errors: Vec<_> = doc
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    if errors.len() > config.max_errors {
        return Ok(Status::Refused {
            reason: format!(
                "reading it left out records: {} error-level problems (at most {} allowed); first: {}",
                errors.len(),
                config.max_errors,
                errors[0].to_string().replace(&format!("{}/", data.display()), "")
            ),
        });
    }
    if doc.entities.is_empty() {
        return Ok(Status::Refused {
            reason: "it holds no entities".into(),
        });
    }
    if let Some(m) = &old_manifest {
        let guard = config.shrink_guard(source);
        let floor = m.entities as f64 * (1.0 - guard / 100.0);
        if (doc.entities.len() as f64) < floor {
            let fewer = 100.0 * (m.entities - doc.entities.len()) as f64 / m.entities as f64;
            return Ok(Status::Refused {
                reason: format!(
                    "{} entities, {fewer:.1} % fewer than the current version's {} (guard: {guard} %)",
                    doc.entities.len(),
                    m.entities
                ),
            });
        }
    }

    let manifest = Manifest {
        list: name.to_string(),
        version: hash,
        fetched_at: store::rfc3339(std::time::SystemTime::now()),
        format: source.format.clone(),
        dataset: doc.dataset.clone(),
        source_version: doc.version.clone(),
        entities: doc.entities.len(),
        warnings: doc.problems.len() - errors.len(),
        errors: errors.len(),
        files,
    };
    let v = store
        .commit(staging, &manifest)
        .map_err(|e| e.to_string())?;
    progress.stored(name, &v);
    store.set_current(&v).map_err(|e| e.to_string())?;
    out.new = Some(v);
    out.entities = Some(doc.entities.len());
    if let Some(old) = &old {
        // The new version is stored whatever happens here; a diff is a report, not a gate.
        if let Ok(old_doc) = store.read(old) {
            out.diff = Some(embargo_sources::diff::diff(&old_doc, &doc));
        }
    }
    Ok(Status::Updated)
}
