//! Delta re-screening of 100,000 stored records after a list update, against full re-runs (the
//! acceptance of issue 6):
//!
//! - the customer base: [`embargo_rescreen::generate`] (the ~21,000 eval rows and variants, seed
//!   42), written to CSV and read back through `embargo_batch::read_queries` as an import would;
//!   0.1 % of the records (100) are then re-supplied under a listed person's name ("changed
//!   customers", screened against everything);
//! - lists: UN 2026 + OFAC SDN; old = OFAC 2019-01-04, new = OFAC 2021-07-07;
//! - **(a)** the 2019 → 2021 update (`embargo_sources::diff`): the delta run must find exactly
//!   the alerts a full re-run newly finds (same pairs, same scores); asserted;
//! - **(b)** a daily update of 20 entities made from the 2021 list (10 absent from the old
//!   version, 10 altered in it; half of them entities that have alerts): equality asserted again,
//!   and the delta run must be at least 20× faster than the full re-run.
//!
//! ```text
//! cargo bench -p embargo-rescreen --bench rescreen
//! EMBARGO_BENCH_RECORDS=20000 EMBARGO_BENCH_RUNS=3 cargo bench -p embargo-rescreen --bench rescreen
//! ```
//!
//! The state a screening leaves (alerts, near misses, records prepared for matching:
//! [`embargo_rescreen::Prior`], [`embargo_rescreen::PreparedRecords`]) is built once after the
//! first full screening, its preparation time printed apart.
//!
//! Timings are wall-clock medians (`EMBARGO_BENCH_RUNS` delta runs, 5 unless set; the full runs
//! once each, since each takes minutes), both given the new version's index already built (an
//! update builds it once, for the server and for screening alike; its build time is printed
//! apart). The load average is printed beside them: on a shared machine wall times grow with it.
//! The process exits non-zero when an equality or the 20× target fails.

use embargo_matcher::{Index, MatchConfig, Query};
use embargo_model::{Entity, ListDocument, NameKind};
use embargo_rescreen::generate::{generate, write_csv, EvalRows, SplitMix64};
use embargo_rescreen::{
    newly_found, screen_full, DeltaIndex, DeltaOutcome, EntityDelta, PreparedRecords, Prior,
    Results,
};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn data_dir() -> PathBuf {
    let dir = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    assert!(
        dir.join("README.md").is_file(),
        "shared data not found at {} (set EMBARGO_SHARED_DATA)",
        dir.display()
    );
    dir
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

fn read_lists(data: &Path, ofac: &str) -> Vec<ListDocument> {
    let un = data.join("lists/un/consolidated-2026-02-27.xml");
    let ofac = data.join("lists/ofac-sdn").join(ofac);
    embargo_sources::read_lists(&[(un.as_path(), None), (ofac.as_path(), None)])
        .unwrap_or_else(|e| panic!("reading {}: {e}", ofac.display()))
}

fn entities(docs: &[ListDocument]) -> Vec<Entity> {
    docs.iter()
        .flat_map(|d| d.entities.iter().cloned())
        .collect()
}

/// (record, entity) → score.
fn scored<'a>(
    fs: impl IntoIterator<Item = &'a embargo_rescreen::Finding>,
) -> BTreeMap<(String, String), f64> {
    fs.into_iter()
        .map(|f| ((f.record.clone(), f.hit.id.clone()), f.hit.score))
        .collect()
}

/// Compare a delta outcome with what the full re-run newly finds; print and return whether equal.
fn compare(
    label: &str,
    prior: &Prior,
    full_new: &Results,
    outcome: &DeltaOutcome,
    changed: &HashSet<String>,
) -> bool {
    let expected = scored(newly_found(prior, full_new));
    let got = scored(&outcome.new_alerts);
    let missing: Vec<_> = expected.keys().filter(|k| !got.contains_key(*k)).collect();
    let extra: Vec<_> = got.keys().filter(|k| !expected.contains_key(*k)).collect();
    let differ: Vec<_> = got
        .iter()
        .filter(|(k, s)| expected.get(*k).is_some_and(|e| e != *s))
        .collect();
    let c = &outcome.counts;
    println!(
        "{label}: full re-run newly finds {} alerts; delta run finds {} ({} via changed records, {} by drift alone); \
         missing {}, extra {}, score differs {}; delisted {}",
        expected.len(),
        got.len(),
        outcome
            .new_alerts
            .iter()
            .filter(|f| changed.contains(&f.record))
            .count(),
        c.new_alerts_from_drift,
        missing.len(),
        extra.len(),
        differ.len(),
        c.delisted
    );
    println!(
        "{label}: {} delta entities, {} removed; {} records retrieved a delta entity, {} delta pairs scored, \
         {} near misses re-scored, {} changed records screened in full; truncated {}",
        c.delta_entities,
        c.removed_entities,
        c.records_retrieving,
        c.delta_pairs,
        c.drift_pairs,
        c.changed_records,
        outcome.results.truncated + full_new.truncated
    );
    for k in missing.iter().take(5) {
        println!("  missing {k:?} score {}", expected[*k]);
    }
    for k in extra.iter().take(5) {
        println!("  extra {k:?} score {}", got[*k]);
    }
    for (k, s) in differ.iter().take(5) {
        println!("  differs {k:?}: delta {s}, full {}", expected[*k]);
    }
    missing.is_empty() && extra.is_empty() && differ.is_empty() && outcome.results.truncated == 0
}

/// The daily update of (b): 20 entities of the 2021 list, 10 absent from the old version and 10
/// altered in it, half of them among entities with alerts in the full run.
fn daily_update(new: &[Entity], full_new: &Results) -> (Vec<Entity>, Vec<String>) {
    let mut rng = SplitMix64::new(2021);
    let alerted: BTreeSet<&str> = full_new
        .alerts
        .iter()
        .map(|f| f.hit.id.as_str())
        .filter(|id| id.starts_with("ofac-sdn:"))
        .collect();
    let alerted: Vec<&str> = alerted.into_iter().collect();
    let others: Vec<&str> = new
        .iter()
        .map(|e| e.id.as_str())
        .filter(|id| id.starts_with("ofac-sdn:") && alerted.binary_search(id).is_err())
        .collect();
    let mut chosen: Vec<String> = Vec::new();
    for pool in [&alerted, &others] {
        let mut picked = 0;
        while picked < 10.min(pool.len()) {
            let id = pool[rng.below(pool.len())].to_string();
            if !chosen.contains(&id) {
                chosen.push(id);
                picked += 1;
            }
        }
    }
    let added: HashSet<&str> = chosen.iter().step_by(2).map(String::as_str).collect();
    let altered: HashSet<&str> = chosen
        .iter()
        .skip(1)
        .step_by(2)
        .map(String::as_str)
        .collect();
    let old = new
        .iter()
        .filter(|e| !added.contains(e.id.as_str()))
        .cloned()
        .map(|mut e| {
            if altered.contains(e.id.as_str()) {
                // The old version lacked an alias, or spelt the name without its last word.
                if e.names.len() > 1 {
                    e.names.pop();
                } else if let Some(n) = e.names.iter_mut().find(|n| n.kind == NameKind::Primary) {
                    let mut words: Vec<&str> = n.value.split_whitespace().collect();
                    if words.len() > 1 {
                        words.pop();
                    }
                    n.value = format!("{} OLD", words.join(" "));
                }
            }
            e
        })
        .collect();
    (old, chosen)
}

fn main() -> ExitCode {
    let data = data_dir();
    let n_records = env_usize("EMBARGO_BENCH_RECORDS", 100_000);
    let runs = env_usize("EMBARGO_BENCH_RUNS", 5).max(1);
    let config = MatchConfig::default();
    println!(
        "delta re-screening: {n_records} records, {} threads, load average {}",
        rayon::current_num_threads(),
        load_average()
    );

    // The customer base, through the import path.
    let eval = EvalRows::load(&data.join("eval")).expect("eval rows");
    let rows = generate(&eval, n_records, 42);
    let csv =
        std::env::temp_dir().join(format!("embargo-rescreen-bench-{}.csv", std::process::id()));
    write_csv(&csv, &rows).expect("writing the records");
    let file = embargo_batch::read_queries(&csv).expect("reading the records back");
    let _ = std::fs::remove_file(&csv);
    let old_records: Vec<Query> = file.queries;
    assert_eq!(old_records.len(), n_records);
    // 0.1 % of the customers re-supplied since the last screening, under a listed person's name.
    let mut records = old_records.clone();
    let mut changed: HashSet<String> = HashSet::new();
    let positives: Vec<&Query> = old_records
        .iter()
        .filter(|q| {
            q.id.as_deref()
                .is_some_and(|id| id.starts_with("un-untreated"))
        })
        .collect();
    let mut rng = SplitMix64::new(7);
    for k in 0..(records.len() / 1000).max(10) {
        let i = rng.below(records.len());
        if changed.contains(records[i].id.as_deref().unwrap_or("")) {
            continue;
        }
        if let Some(p) = positives.get(k % positives.len().max(1)) {
            records[i].names = p.names.clone();
            records[i].birth_dates = p.birth_dates.clone();
            records[i].countries = p.countries.clone();
        }
        changed.insert(records[i].id.clone().unwrap_or_default());
    }
    println!(
        "records: {} generated from {} eval rows; {} changed customers",
        records.len(),
        eval.rows.len(),
        changed.len()
    );

    // Lists and indexes.
    let old_docs = read_lists(&data, "2019-01-04");
    let new_docs = read_lists(&data, "2021-07-07");
    let (old_entities, new_entities) = (entities(&old_docs), entities(&new_docs));
    let (old_index, _) = timed(|| Index::from_entities(old_entities.clone()));
    let (new_index, t_build) = timed(|| Index::from_entities(new_entities.clone()));
    println!(
        "lists: old UN 2026 + OFAC 2019-01-04 = {} entities; new UN 2026 + OFAC 2021-07-07 = {} entities \
         (new index built in {})",
        old_index.len(),
        new_index.len(),
        secs(t_build)
    );

    // Full screenings: before the update (old records, old list) and the full re-run after it.
    let (full_old, t_old) = timed(|| screen_full(&old_index, &old_records, &config));
    // What the screening leaves besides alerts: the records prepared for matching.
    let (prepared, t_prepare) = timed(|| PreparedRecords::build(&old_records, &old_index));
    println!(
        "records prepared for matching in {} (kept with the screening state)",
        secs(t_prepare)
    );
    drop(old_index);
    println!(
        "full screening, old version: {} alerts, {} near misses in {} (load {})",
        full_old.alerts.len(),
        full_old.near_misses.len(),
        secs(t_old),
        load_average()
    );
    let prior_a = Prior::from_results(&full_old);
    drop(full_old);
    let (full_new, t_full) = timed(|| screen_full(&new_index, &records, &config));
    println!(
        "full re-run, new version: {} alerts, {} near misses in {} (load {})",
        full_new.alerts.len(),
        full_new.near_misses.len(),
        secs(t_full),
        load_average()
    );

    // (a) the 2019 → 2021 OFAC update.
    let diff = embargo_sources::diff::diff_entities(&old_entities, &new_entities);
    let s = diff.summary();
    let delta_a = EntityDelta::from_diff(&diff);
    println!(
        "(a) diff 2019 → 2021: {} added, {} removed, {} changed ({} matching, {} programme only, {} other only) \
         of {} old entities ({:.1} %)",
        s.added,
        s.removed,
        s.changed,
        s.changed_matching,
        s.changed_programme_only,
        s.changed_other_only,
        old_entities.len(),
        100.0 * (s.added + s.removed + s.changed) as f64 / old_entities.len() as f64
    );
    let (outcome_a, t_a) = timed(|| {
        DeltaIndex::new(&new_index, &delta_a).run(&records, &changed, &prior_a, &prepared, &config)
    });
    println!("(a) delta run in {}", secs(t_a));
    let ok_a = compare("(a)", &prior_a, &full_new, &outcome_a, &changed);
    drop(outcome_a);
    drop(prior_a);

    // (b) a daily update of 20 entities.
    let (old_b, chosen) = daily_update(&new_entities, &full_new);
    let old_b_index = Index::from_entities(old_b.clone());
    let (full_old_b, t_old_b) = timed(|| screen_full(&old_b_index, &old_records, &config));
    drop(old_b_index);
    let prior_b = Prior::from_results(&full_old_b);
    drop(full_old_b);
    let diff_b = embargo_sources::diff::diff_entities(&old_b, &new_entities);
    let delta_b = EntityDelta::from_diff(&diff_b);
    println!(
        "(b) daily update: {} added, {} changed, {} removed ({}); old version screened in {}",
        diff_b.added.len(),
        diff_b.changed.len(),
        diff_b.removed.len(),
        chosen.join(" "),
        secs(t_old_b)
    );
    let mut times = Vec::new();
    let mut setup = Vec::new();
    let mut outcome_b = None;
    for _ in 0..runs {
        let t = Instant::now();
        let di = DeltaIndex::new(&new_index, &delta_b);
        setup.push(t.elapsed());
        let o = di.run(&records, &changed, &prior_b, &prepared, &config);
        times.push(t.elapsed());
        outcome_b = Some(o);
    }
    // Where the time goes: the changed records alone (screened against everything).
    let changed_only: Vec<Query> = records
        .iter()
        .filter(|q| q.id.as_deref().is_some_and(|id| changed.contains(id)))
        .cloned()
        .collect();
    let (_, t_changed) = timed(|| screen_full(&new_index, &changed_only, &config));
    println!(
        "(b) delta run parts: setup (entities prepared, retrieval keys) median {}; the {} changed records \
         alone, screened in full: {}",
        secs(median(setup)),
        changed_only.len(),
        secs(t_changed)
    );
    let Some(outcome_b) = outcome_b else {
        return ExitCode::FAILURE;
    };
    let t_delta = median(times.clone());
    let ok_b = compare("(b)", &prior_b, &full_new, &outcome_b, &changed);
    let ratio = t_full.as_secs_f64() / t_delta.as_secs_f64();
    println!(
        "(b) full re-run {} (1 run); delta run median {} of {runs} ({}); ratio {ratio:.1}× (target ≥ 20×); load {}",
        secs(t_full),
        secs(t_delta),
        times.iter().map(|t| secs(*t)).collect::<Vec<_>>().join(", "),
        load_average()
    );
    let ok_speed = ratio >= 20.0;
    println!(
        "result: (a) equality {}, (b) equality {}, (b) speed {}",
        if ok_a { "PASS" } else { "FAIL" },
        if ok_b { "PASS" } else { "FAIL" },
        if ok_speed { "PASS" } else { "FAIL" }
    );
    if ok_a && ok_b && ok_speed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
