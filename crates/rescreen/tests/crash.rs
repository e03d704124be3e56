//! Kill the process (SIGKILL) in the middle of an import, of the list update's registration and
//! of a delta run; restart it; the store must end exactly as after the same steps uninterrupted:
//! the same records, the same alerts (no pair lost or raised twice) in the same states, the same
//! decisions, and an audit chain that verifies.
//!
//! The process is `rescreen-worker` (this crate's binary), stopped at a named crash point
//! (`EMBARGO_CRASH_TEST_STALL`, see `embargo_rescreen::continuous::crash_point`) and killed there,
//! so every run kills at the same place. On SQLite always; on PostgreSQL with `--ignored` (fresh
//! databases on the server of `EMBARGO_TEST_POSTGRES_URL`; `.ci/run` starts one).

use embargo_cases::{Action, AlertFilter, BlockingStore, StoreUrl};
use embargo_model::{DateOfBirth, Entity, EntityId, ListDocument, NameKind, PartialDate, Schema};
use embargo_rescreen::generate::{variant, write_csv, CustomerRow, SplitMix64, Variation};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const GIVEN: &[&str] = &[
    "Mohammed", "Ali", "Hassan", "Omar", "Yusuf", "Ibrahim", "Khalid", "Karim", "Vladimir",
    "Sergei", "Ivan", "Olga", "Jong", "Chol", "Wei", "Fatima",
];
const FAMILY: &[&str] = &[
    "Rahman", "Hussein", "Makhlouf", "Petrov", "Ivanov", "Kim", "Pak", "Zhang", "Haddad", "Nasser",
    "Sokolov", "Qasim", "Barzani", "Rostami",
];

fn person(rng: &mut SplitMix64, i: usize) -> Entity {
    let id = format!("P{i:04}");
    let mut e = Entity::new(EntityId::new("fx", &id), Schema::Person, "fx", &id);
    let name = format!(
        "{} {} {}",
        GIVEN[rng.below(GIVEN.len())],
        GIVEN[rng.below(GIVEN.len())],
        FAMILY[rng.below(FAMILY.len())]
    );
    e.add_name(&name, NameKind::Primary);
    let y = 1950 + rng.below(40) as u16;
    e.birth_dates
        .push(DateOfBirth::exact(PartialDate::new(y, None, None).unwrap()));
    e.programs.push("FX1".into());
    e
}

struct Fixture {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    v1: PathBuf,
    v2: PathBuf,
    records: PathBuf,
}

fn write_list(path: &Path, entities: Vec<Entity>) {
    let doc = ListDocument {
        dataset: "fx".into(),
        entities,
        ..Default::default()
    };
    let f = std::fs::File::create(path).unwrap();
    embargo_sources::ftm::write_document(&doc, std::io::BufWriter::new(f)).unwrap();
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = SplitMix64::new(99);
    let v1: Vec<Entity> = (0..80).map(|i| person(&mut rng, i)).collect();
    let mut v2: Vec<Entity> = v1.iter().skip(4).cloned().collect(); // 4 delisted
    for e in v2.iter_mut().step_by(9) {
        let alias = format!(
            "{} {}",
            GIVEN[rng.below(GIVEN.len())],
            FAMILY[rng.below(FAMILY.len())]
        );
        e.add_name(&alias, NameKind::Alias);
    }
    v2.extend((100..130).map(|i| person(&mut rng, i)));
    // Customers: the listed people of both versions as keyed in, and others.
    let mut rows = Vec::new();
    for (k, e) in v1.iter().chain(&v2[70..]).enumerate() {
        let base = CustomerRow {
            full_name: e.caption().to_string(),
            date_of_birth: e.birth_dates[0].to_string(),
            ..Default::default()
        };
        let v = [Variation::Duplicate, Variation::Typo, Variation::Reordered][k % 3];
        rows.push(variant(&base, v, &format!("c{:04}", rows.len()), &mut rng));
    }
    while rows.len() < 320 {
        let base = CustomerRow {
            full_name: format!(
                "{} {}",
                GIVEN[rng.below(GIVEN.len())],
                FAMILY[rng.below(FAMILY.len())]
            ),
            ..Default::default()
        };
        let id = format!("c{:04}", rows.len());
        rows.push(variant(&base, Variation::Duplicate, &id, &mut rng));
    }
    let path = dir.path().to_path_buf();
    write_list(&path.join("v1.ftm.json"), v1);
    write_list(&path.join("v2.ftm.json"), v2);
    write_csv(&path.join("records.csv"), &rows).unwrap();
    Fixture {
        v1: path.join("v1.ftm.json"),
        v2: path.join("v2.ftm.json"),
        records: path.join("records.csv"),
        dir: path,
        _dir: dir,
    }
}

fn worker(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rescreen-worker"));
    c.args(args);
    c
}

/// Run to the end; the report line.
fn finish(args: &[&str]) -> serde_json::Value {
    let out = worker(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Run until the crash point, then SIGKILL.
fn kill_at(args: &[&str], point: &str) {
    let mut child = worker(args)
        .env("EMBARGO_CRASH_TEST_STALL", point)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut seen = Vec::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if line.starts_with("crash-test: stalled at") {
            child.kill().unwrap(); // SIGKILL on Unix
            child.wait().unwrap();
            return;
        }
        seen.push(line);
    }
    let status = child.wait().unwrap();
    panic!("{args:?} never reached {point} ({status}): {seen:?}");
}

/// Everything a comparison needs from a store, independent of generated ids and times.
#[derive(Debug, PartialEq)]
struct Snapshot {
    records: (i64, i64),
    /// (record, entity, reason, state, score), sorted: a pair raised twice appears twice.
    alerts: Vec<(String, String, String, String, String)>,
    /// (record, entity, action, analyst), sorted.
    decisions: Vec<(String, String, String, String)>,
    /// (record, entity, score) of the stored near misses, sorted: what the next delta run
    /// re-scores, which must be in step with the alerts whatever the crash.
    near_misses: Vec<(String, String, String)>,
    /// The list versions the near misses are declared in step with, and no run left pending.
    continuous: (Vec<(String, String)>, bool),
}

fn snapshot(store: &BlockingStore) -> Snapshot {
    let alerts = store.alerts(&AlertFilter::default()).unwrap();
    let mut decisions = Vec::new();
    for a in &alerts {
        for d in store.decisions(a.id).unwrap() {
            decisions.push((
                a.record_id.clone(),
                a.entity_id.clone(),
                format!("{:?}", d.action),
                d.analyst.clone(),
            ));
        }
    }
    let mut alerts: Vec<_> = alerts
        .iter()
        .map(|a| {
            (
                a.record_id.clone(),
                a.entity_id.clone(),
                a.reason.as_str().to_string(),
                a.state.as_str().to_string(),
                format!("{:.4}", a.score),
            )
        })
        .collect();
    alerts.sort();
    decisions.sort();
    let report = store.verify_audit().unwrap();
    assert!(report.is_ok(), "audit chain: {report:?}");
    let mut near_misses: Vec<(String, String, String)> = store
        .near_misses()
        .unwrap()
        .into_iter()
        .flat_map(|(r, v)| {
            v.into_iter()
                .map(move |(e, s)| (r.clone(), e, format!("{s:.6}")))
        })
        .collect();
    near_misses.sort();
    let state = store.continuous_state().unwrap();
    Snapshot {
        records: store.record_counts().unwrap(),
        alerts,
        decisions,
        near_misses,
        continuous: (
            state.versions.into_iter().collect(),
            state.pending.is_some(),
        ),
    }
}

/// Decisions taken between the import and the update: a confirmed false positive (four eyes)
/// and a proposed true match.
fn decide(url: &str) {
    let store = BlockingStore::open(&url.parse::<StoreUrl>().unwrap()).unwrap();
    let mut alerts = store.alerts(&AlertFilter::default()).unwrap();
    alerts.sort_by(|a, b| (&a.record_id, &a.entity_id).cmp(&(&b.record_id, &b.entity_id)));
    assert!(
        alerts.len() >= 2,
        "the import raised {} alerts",
        alerts.len()
    );
    store
        .decide(alerts[0].id, Action::FalsePositive, "ana", "another person")
        .unwrap();
    store
        .decide(alerts[0].id, Action::Confirm, "bob", "")
        .unwrap();
    store
        .decide(alerts[1].id, Action::TrueMatch, "ana", "same birth year")
        .unwrap();
}

/// Import, decide, update (re-screen against v2): uninterrupted, or killed at every step.
fn scenario(url: &str, fx: &Fixture, crash: bool) -> Snapshot {
    let (v1, v2, records) = (
        fx.v1.to_str().unwrap(),
        fx.v2.to_str().unwrap(),
        fx.records.to_str().unwrap(),
    );
    let import = ["import", url, records, v1];
    let update = ["rescreen", url, v2];
    if crash {
        kill_at(&import, "import:3"); // records half stored
        let store = BlockingStore::open(&url.parse::<StoreUrl>().unwrap()).unwrap();
        assert_eq!(
            store.record_counts().unwrap(),
            (120, 120),
            "killed after 3 batches of 40"
        );
        drop(store);
        kill_at(&import, "batch:2"); // records stored, screening half recorded
    }
    let r = finish(&import);
    assert_eq!(r["kind"], "full");
    decide(url);
    if crash {
        kill_at(&update, "registered:0"); // new version registered, run not started
        kill_at(&update, "batch:2"); // delta run half recorded
        let r = finish(&update);
        assert_eq!(r["continued"], true, "{r}");
        assert_eq!(r["kind"], "delta", "{r}");
    } else {
        let r = finish(&update);
        assert_eq!(r["kind"], "delta", "{r}");
        assert!(r["raised"].as_u64().unwrap() > 0, "{r}");
        assert!(r["delisted_alerts"].as_u64().unwrap() > 0, "{r}");
    }
    let store = BlockingStore::open(&url.parse::<StoreUrl>().unwrap()).unwrap();
    snapshot(&store)
}

fn sqlite_url(dir: &Path, name: &str) -> String {
    format!("sqlite://{}", dir.join(name).display())
}

#[test]
fn killed_import_update_and_delta_run_lose_and_duplicate_nothing_sqlite() {
    let fx = fixture();
    let reference = scenario(&sqlite_url(&fx.dir, "reference.db"), &fx, false);
    let crashed = scenario(&sqlite_url(&fx.dir, "crashed.db"), &fx, true);
    assert_eq!(crashed, reference);
    assert_eq!(reference.records, (320, 0));
    assert_eq!(reference.decisions.len(), 3);
    assert!(reference.alerts.iter().any(|a| a.3 == "delisted"));
    assert!(
        !reference.near_misses.is_empty(),
        "the fixture has near misses"
    );
    assert_eq!(reference.continuous.0.len(), 1);
    assert!(!reference.continuous.1, "no run left pending");
}

/// A fresh database on the server of `EMBARGO_TEST_POSTGRES_URL` (`.ci/run` starts one with
/// `scripts/postgres.sh`); its URL.
fn fresh_postgres_database(tag: &str) -> String {
    embargo_cases::test_database::fresh_postgres_database(&format!("crash_{tag}"))
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
#[ignore = "needs PostgreSQL: EMBARGO_TEST_POSTGRES_URL (scripts/postgres.sh start)"]
fn killed_import_update_and_delta_run_lose_and_duplicate_nothing_postgres() {
    let fx = fixture();
    let reference = scenario(&fresh_postgres_database("reference"), &fx, false);
    let crashed = scenario(&fresh_postgres_database("crashed"), &fx, true);
    assert_eq!(crashed, reference);
    assert!(reference.alerts.iter().any(|a| a.3 == "delisted"));
}
