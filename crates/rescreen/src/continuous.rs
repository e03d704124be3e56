//! Re-screening a case store after a list update: `embargo rescreen`, and what `embargo update`
//! calls after accepting new versions ([`rescreen`]).
//!
//! The store ([`embargo_cases`]) registers the new list versions (entities added, changed,
//! removed; alerts of removed entities flagged `delisted`), keeps the records with a `pending`
//! flag for those new or changed since screened, and decides which hits become alerts (a pair
//! already alerted, or a cleared false positive on an unchanged pair, is not raised again). What
//! it does not keep is the near misses a delta run re-scores for statistics drift
//! ([`crate::delta`]): they live in a small state file beside it ([`State`]), written after each
//! finished run together with the list versions it was made against. Without a state matching the
//! store's previous versions (first run, another list set, a lost file) the run is a full one,
//! which is always right.
//!
//! Crash safety: the delta to apply is written to the state file *before* the run starts (once
//! registered, the store no longer reports what changed), the run id is fixed by it so a
//! restarted run continues the same run, results are recorded in batches each stored whole or
//! not at all, and recording a result twice changes nothing. A run killed at any point and
//! started again ends with the same records, alerts and decisions as an uninterrupted one.

use crate::delta::{DeltaIndex, EntityDelta, PreparedRecords};
use crate::screening::{screen_full, Prior};
use embargo_cases::{BlockingStore, Candidate, NewRun, RecordResult, RunKind, StoredRecord};
use embargo_matcher::{Index, MatchConfig, Query};
use embargo_model::ListDocument;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] embargo_cases::Error),
    #[error("{path}: {message}")]
    State { path: PathBuf, message: String },
}

/// Records read from the store per page.
const PAGE: i64 = 10_000;

/// What the last finished run left beside the store, and the run in progress.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct State {
    /// Dataset → version id the near misses were computed against.
    pub versions: BTreeMap<String, String>,
    /// Record id → (entity id, score) of its near misses.
    pub near_misses: HashMap<String, Vec<(String, f64)>>,
    /// A run started and not finished: continued on the next call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<PendingRun>,
}

/// A run in progress, written before it starts.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingRun {
    pub run_id: String,
    pub kind: RunKind,
    /// Dataset → version id being screened against.
    pub versions: BTreeMap<String, String>,
    pub screen_against: Vec<String>,
    pub removed: Vec<String>,
}

impl State {
    /// Read the state file; a missing file is an empty state.
    pub fn load(path: &Path) -> Result<State, Error> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::State {
                path: path.to_path_buf(),
                message: format!("not a rescreen state: {e}"),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(Error::State {
                path: path.to_path_buf(),
                message: e.to_string(),
            }),
        }
    }

    /// Write the state atomically (a temporary file renamed over the old one, after fsync), so
    /// that a crash leaves the old state or the new one, never half of one.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let err = |e: std::io::Error| Error::State {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let bytes = serde_json::to_vec(self).map_err(|e| Error::State {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp).map_err(err)?;
            f.write_all(&bytes).map_err(err)?;
            f.sync_all().map_err(err)?;
        }
        std::fs::rename(&tmp, path).map_err(err)
    }
}

/// How to re-screen.
#[derive(Clone, Debug)]
pub struct Options {
    pub config: MatchConfig,
    pub actor: String,
    /// The state file (see [`State`]).
    pub state: PathBuf,
    /// Screen every record against everything, whatever the state.
    pub full: bool,
    /// Records per transaction.
    pub batch: usize,
}

/// What a re-screening did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub run_id: String,
    pub kind: String,
    pub list_version: String,
    /// Why a full run was chosen, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_because: Option<String>,
    pub records: usize,
    pub changed_records: usize,
    pub delta_entities: usize,
    pub removed_entities: usize,
    pub delisted_alerts: usize,
    pub raised: usize,
    pub suppressed: i64,
    pub already_alerted: i64,
    pub continued: bool,
}

/// A point where a crash test may stop the process: with `EMBARGO_CRASH_TEST_STALL=NAME:N` set,
/// the process prints `crash-test: stalled at NAME:N` on stderr and sleeps there, so that the test
/// kills it (SIGKILL) at a known point rather than after a guessed delay. Points: `registered:0`
/// (lists registered, run not started), `batch:N` (N result batches stored), `finished:0` (run
/// finished, state file not yet written); callers may add their own (the import's `import:N`).
pub fn crash_point(name: &str, batch: usize) {
    if let Ok(v) = std::env::var("EMBARGO_CRASH_TEST_STALL") {
        let (point, n) = v.split_once(':').unwrap_or((v.as_str(), "0"));
        if point == name && n.parse::<usize>().ok() == Some(batch) {
            eprintln!("crash-test: stalled at {name}:{batch}");
            loop {
                std::thread::sleep(std::time::Duration::from_secs(60));
            }
        }
    }
}

fn all_records(store: &BlockingStore) -> Result<Vec<StoredRecord>, Error> {
    let mut out: Vec<StoredRecord> = Vec::new();
    loop {
        let after = out.last().map(|r| r.record.id.clone());
        let page = store.records(after.as_deref(), PAGE, false)?;
        let done = (page.len() as i64) < PAGE;
        out.extend(page);
        if done {
            return Ok(out);
        }
    }
}

/// Re-screen the store's records against `docs` (the lists as now loaded): register them, then a
/// delta run when the state allows it, else a full run. Continues a run a crash interrupted.
pub fn rescreen(
    store: &BlockingStore,
    docs: &[ListDocument],
    opts: &Options,
) -> Result<Report, Error> {
    let mut state = State::load(&opts.state)?;
    let registered = store.register_lists(docs, &opts.actor)?;
    let versions: BTreeMap<String, String> = registered
        .datasets
        .iter()
        .map(|d| (d.dataset.clone(), d.version_id.clone()))
        .collect();
    let mut report = Report {
        list_version: registered.list_version.clone(),
        delisted_alerts: registered.delisted_alerts.len(),
        ..Default::default()
    };
    let pending = match state.pending.take() {
        Some(p) if p.versions == versions => {
            report.continued = true;
            p
        }
        _ => {
            // What the state was made against must be what the store screened against before.
            let matches_previous = !state.versions.is_empty()
                && state.versions.len() == registered.datasets.len()
                && registered.datasets.iter().all(|d| {
                    let known = state.versions.get(&d.dataset);
                    known == Some(&d.version_id) || known == d.previous.as_ref()
                });
            let full_because = if opts.full {
                Some("--full".to_string())
            } else if state.versions.is_empty() {
                Some("no earlier run in the state file".to_string())
            } else if !matches_previous {
                Some("the state file was made against other list versions".to_string())
            } else {
                None
            };
            let kind = if full_because.is_some() {
                RunKind::Full
            } else {
                RunKind::Delta
            };
            report.full_because = full_because;
            let mut screen_against = registered.added_or_changed();
            screen_against.sort();
            screen_against.dedup();
            let mut removed: Vec<String> = registered
                .datasets
                .iter()
                .flat_map(|d| d.removed.iter().cloned())
                .collect();
            removed.sort();
            let p = PendingRun {
                run_id: format!(
                    "{}-{}",
                    kind.as_str(),
                    &embargo_cases::canonical::sha256_hex(&format!(
                        "{}|{}",
                        registered.list_version,
                        embargo_cases::store::now()
                    ))[..16]
                ),
                kind,
                versions: versions.clone(),
                screen_against,
                removed,
            };
            state.pending = Some(p.clone());
            state.save(&opts.state)?;
            state.pending = None;
            p
        }
    };
    report.run_id = pending.run_id.clone();
    report.kind = pending.kind.as_str().to_string();
    report.delta_entities = pending.screen_against.len();
    report.removed_entities = pending.removed.len();
    crash_point("registered", 0);

    let run = store.begin_run(&NewRun {
        id: Some(pending.run_id.clone()),
        kind: pending.kind,
        actor: &opts.actor,
        list_version: &registered.list_version,
        config: &opts.config,
    })?;
    let index = Index::build(docs);
    let stored = all_records(store)?;
    let queries: Vec<Query> = stored.iter().map(|r| r.record.to_query()).collect();
    let changed: HashSet<String> = stored
        .iter()
        .filter(|r| r.pending)
        .map(|r| r.record.id.clone())
        .collect();
    report.records = stored.len();
    report.changed_records = changed.len();

    let (results, new_near_misses) = match pending.kind {
        RunKind::Delta => {
            let prior = Prior {
                alerts: HashSet::new(),
                near_misses: std::mem::take(&mut state.near_misses),
            };
            let delta = EntityDelta {
                screen_against: pending.screen_against.clone(),
                removed: pending.removed.clone(),
            };
            let outcome = DeltaIndex::new(&index, &delta).run(
                &queries,
                &changed,
                &prior,
                &PreparedRecords::default(),
                &opts.config,
            );
            let mut refreshed = prior;
            outcome.apply_to(&mut refreshed, &delta, &changed);
            (outcome.results, refreshed.near_misses)
        }
        _ => {
            let r = screen_full(&index, &queries, &opts.config);
            let nm = Prior::from_results(&r).near_misses;
            (r, nm)
        }
    };

    // One result per record that has alerting hits, and per changed record (to mark it
    // screened); a full run marks every record.
    let mut hits: HashMap<&str, Vec<Candidate>> = HashMap::new();
    for f in &results.alerts {
        hits.entry(f.record.as_str())
            .or_default()
            .push(Candidate::from_hit(&f.hit));
    }
    let full = pending.kind != RunKind::Delta;
    let to_record: Vec<RecordResult> = stored
        .iter()
        .filter_map(|r| {
            let h = hits.remove(r.record.id.as_str());
            (full || r.pending || h.is_some()).then(|| RecordResult {
                record_id: r.record.id.clone(),
                record_fingerprint: r.fingerprint.clone(),
                hits: h.unwrap_or_default(),
            })
        })
        .collect();
    for (i, chunk) in to_record.chunks(opts.batch.max(1)).enumerate() {
        let out = store.record_results(&run.id, chunk)?;
        report.raised += out.raised.len();
        report.suppressed += out.suppressed;
        report.already_alerted += out.already_alerted;
        crash_point("batch", i + 1);
    }
    store.finish_run(&run.id)?;
    crash_point("finished", 0);
    let done = State {
        versions: pending.versions,
        near_misses: new_near_misses,
        pending: None,
    };
    done.save(&opts.state)?;
    Ok(report)
}

/// The state file beside a store: `<sqlite file>.rescreen.json`, or in `data_dir` for a server
/// store.
pub fn default_state_path(store: &BlockingStore, data_dir: &Path) -> PathBuf {
    match store.store().url() {
        embargo_cases::StoreUrl::Sqlite(p) => {
            let mut s = p.clone().into_os_string();
            s.push(".rescreen.json");
            PathBuf::from(s)
        }
        _ => data_dir.join("rescreen-state.json"),
    }
}
