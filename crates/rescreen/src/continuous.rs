//! Re-screening a case store after a list update: `embargo rescreen`, and what `embargo update
//! --rescreen` calls after accepting new versions ([`rescreen`]).
//!
//! The store ([`embargo_cases`]) registers the new list versions (entities added, changed,
//! removed; alerts of removed entities flagged `delisted`), keeps the records with a `pending`
//! flag for those new or changed since screened, and decides which hits become alerts (a pair
//! already alerted, or a cleared false positive on an unchanged pair, is not raised again). It
//! also keeps what a delta run needs between runs ([`embargo_cases::continuous`]): each record's
//! near misses, which a delta run re-scores for statistics drift ([`crate::delta`]), written in
//! the same transaction as the record's alerts, and the list versions they were computed
//! against. Without near misses in step with the store's previous versions (first run, another
//! list set, lists registered meanwhile by an import) the run is a full one, which is always
//! right.
//!
//! Crash safety: the delta to apply is written to the store *before* the run starts (once
//! registered, the store no longer reports what changed), the run id is fixed by it so a
//! restarted run continues the same run, results (alerts and near misses) are recorded in
//! batches each stored whole or not at all, recording a result twice changes nothing, and the
//! transaction that finishes the run also declares the near misses in step with its versions. A
//! run killed at any point and started again ends with the same records, alerts, near misses
//! and decisions as an uninterrupted one. A kill between the registration of the lists and the
//! writing of the pending run leaves no delta to continue: the next run is a full one.

use crate::delta::{DeltaIndex, EntityDelta, PreparedRecords};
use crate::screening::{screen_full, Prior};
use embargo_cases::{
    BlockingStore, Candidate, NearMiss, NewRun, PendingRescreen, RecordResult, RunKind,
    StoredRecord,
};
use embargo_matcher::{Index, MatchConfig, Query};
use embargo_model::ListDocument;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] embargo_cases::Error),
}

/// Records read from the store per page.
const PAGE: i64 = 10_000;

/// How to re-screen.
#[derive(Clone, Debug)]
pub struct Options {
    pub config: MatchConfig,
    pub actor: String,
    /// Screen every record against everything, whatever the stored near misses.
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
/// (lists registered and the pending run written, run not started), `batch:N` (N result batches
/// stored), `finished:0` (run finished, report not yet printed); callers may add their own (the
/// import's `import:N`, the update's `update-stored:0`).
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
/// delta run when the stored near misses allow it, else a full run. Continues a run a crash
/// interrupted.
pub fn rescreen(
    store: &BlockingStore,
    docs: &[ListDocument],
    opts: &Options,
) -> Result<Report, Error> {
    let state = store.continuous_state()?;
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
    let config_hash = embargo_cases::config_hash(&opts.config);
    let pending = match state.pending {
        Some(p) if p.versions == versions && p.config_hash == config_hash => {
            report.continued = true;
            p
        }
        _ => {
            // The near misses must have been computed with this configuration, against what
            // the store screened against before this registration.
            let matches_previous = !state.versions.is_empty()
                && state.versions.len() == registered.datasets.len()
                && registered.datasets.iter().all(|d| {
                    let known = state.versions.get(&d.dataset);
                    known == Some(&d.version_id) || known == d.previous.as_ref()
                });
            let full_because = if opts.full {
                Some("--full".to_string())
            } else if state.versions.is_empty() {
                Some("no earlier re-screening in the store".to_string())
            } else if state.config_hash.as_deref() != Some(config_hash.as_str()) {
                Some(
                    "the matching configuration (threshold, min_score…) is not the one the \
                     store's near misses were computed with"
                        .to_string(),
                )
            } else if !matches_previous {
                Some(
                    "the store's near misses were computed against other list versions".to_string(),
                )
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
            let p = PendingRescreen {
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
                config_hash,
                screen_against,
                removed,
            };
            store.begin_rescreen(&p)?;
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

    let full = pending.kind != RunKind::Delta;
    let mut before: HashMap<String, Vec<(String, f64)>> = HashMap::new();
    let (results, mut near_misses) = if full {
        let r = screen_full(&index, &queries, &opts.config);
        let nm = Prior::from_results(&r).near_misses;
        (r, nm)
    } else {
        before = store.near_misses()?;
        let prior = Prior {
            alerts: HashSet::new(),
            near_misses: before.clone(),
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
    };
    for v in near_misses.values_mut() {
        v.sort_by(|a, b| a.0.cmp(&b.0));
    }

    // One result per record that has alerting hits, per changed record (to mark it screened)
    // and per record whose near misses changed; a full run records every record.
    let mut hits: HashMap<&str, Vec<Candidate>> = HashMap::new();
    for f in &results.alerts {
        hits.entry(f.record.as_str())
            .or_default()
            .push(Candidate::from_hit(&f.hit));
    }
    let to_record: Vec<RecordResult> = stored
        .iter()
        .filter_map(|r| {
            let id = r.record.id.as_str();
            let h = hits.remove(id);
            let near = near_misses.remove(id).unwrap_or_default();
            let near_changed = before.get(id).map_or(!near.is_empty(), |b| *b != near);
            (full || r.pending || h.is_some() || near_changed).then(|| RecordResult {
                record_id: r.record.id.clone(),
                record_fingerprint: r.fingerprint.clone(),
                hits: h.unwrap_or_default(),
                near_misses: near
                    .into_iter()
                    .map(|(entity_id, score)| NearMiss { entity_id, score })
                    .collect(),
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
    store.finish_rescreen(&run.id)?;
    crash_point("finished", 0);
    Ok(report)
}
