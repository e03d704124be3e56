//! Store throughput on SQLite (and PostgreSQL when `EMBARGO_TEST_POSTGRES_URL` is set): import
//! 100,000 records in batches of 1,000, re-import them unchanged, record a screening run over all
//! of them (2 % alerting), verify the audit chain. Prints the time of each step (one run each:
//! these are seconds-long steps, not micro-benchmarks).
//!
//! `cargo bench -p embargo-cases --bench store`

use embargo_cases::{BlockingStore, Candidate, NewRun, Record, RecordResult, RunKind, StoreUrl};
use embargo_matcher::MatchConfig;
use embargo_model::{Entity, EntityId, ListDocument, NameKind, Schema};
use std::time::Instant;

const N: usize = 100_000;
const BATCH: usize = 1_000;

fn records() -> Vec<Record> {
    let firsts = [
        "Ana", "Omar", "Li", "Sven", "Aisha", "Jose", "Mei", "Ivan", "Kofi", "Yuki",
    ];
    let lasts = [
        "Garcia", "Haddad", "Wang", "Berg", "Khan", "Silva", "Chen", "Petrov", "Mensah",
    ];
    (0..N)
        .map(|i| Record {
            id: format!("r{i:06}"),
            schema: Some(Schema::Person),
            names: vec![format!("{} {} {i}", firsts[i % 10], lasts[(i / 10) % 9])],
            birth_dates: vec![],
            countries: vec![],
            gender: None,
            identifiers: vec![],
        })
        .collect()
}

fn measure(label: &str, url: &StoreUrl) {
    let store = BlockingStore::open(url).unwrap();
    let recs = records();
    let list = ListDocument {
        dataset: "bench".into(),
        entities: (0..50)
            .map(|i| {
                let mut e = Entity::new(
                    EntityId::new("bench", &i.to_string()),
                    Schema::Person,
                    "bench",
                    &i.to_string(),
                );
                e.add_name(&format!("Listed Person {i}"), NameKind::Primary);
                e
            })
            .collect(),
        ..Default::default()
    };
    let lv = store.register_lists(&[list], "bench").unwrap().list_version;

    let t = Instant::now();
    for chunk in recs.chunks(BATCH) {
        store.upsert_records(chunk, "bench").unwrap();
    }
    let import = t.elapsed();

    let t = Instant::now();
    for chunk in recs.chunks(BATCH) {
        assert_eq!(
            store.upsert_records(chunk, "bench").unwrap().unchanged,
            chunk.len()
        );
    }
    let reimport = t.elapsed();

    let t = Instant::now();
    let mut after: Option<String> = None;
    let mut read = 0;
    loop {
        let page = store
            .records(after.as_deref(), BATCH as i64, false)
            .unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.record.id.clone());
        read += page.len();
    }
    assert_eq!(read, N);
    let reading = t.elapsed();

    let config = MatchConfig::default();
    let run = store
        .begin_run(&NewRun {
            id: None,
            kind: RunKind::Full,
            actor: "bench",
            list_version: &lv,
            config: &config,
        })
        .unwrap();
    let t = Instant::now();
    let mut after: Option<String> = None;
    let mut raised = 0;
    loop {
        let page = store
            .records(after.as_deref(), BATCH as i64, false)
            .unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.record.id.clone());
        let results: Vec<RecordResult> = page
            .iter()
            .enumerate()
            .map(|(i, r)| RecordResult {
                record_id: r.record.id.clone(),
                record_fingerprint: r.fingerprint.clone(),
                hits: if i % 50 == 0 {
                    vec![Candidate {
                        entity_id: format!("bench:{}", i % 50),
                        caption: "Listed Person".into(),
                        score: 0.8,
                        explanation: serde_json::json!({"name_score": 0.8}),
                    }]
                } else {
                    vec![]
                },
                near_misses: vec![],
            })
            .collect();
        raised += store
            .record_results(&run.id, &results)
            .unwrap()
            .raised
            .len();
    }
    store.finish_run(&run.id).unwrap();
    let screening = t.elapsed();

    let t = Instant::now();
    let report = store.verify_audit().unwrap();
    let verify = t.elapsed();
    assert!(report.is_ok());
    println!(
        "{label:<10} import {N} records {:>6.2} s | unchanged re-import {:>6.2} s | read all {:>5.2} s | record a run over {N} ({raised} alerts) {:>6.2} s | verify {} audit entries {:>6.2} s",
        import.as_secs_f64(),
        reimport.as_secs_f64(),
        reading.as_secs_f64(),
        screening.as_secs_f64(),
        report.entries,
        verify.as_secs_f64()
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url: StoreUrl = format!("sqlite://{}", dir.path().join("bench.db").display())
        .parse()
        .unwrap();
    measure("sqlite", &url);
    match std::env::var("EMBARGO_TEST_POSTGRES_URL") {
        Ok(base) => {
            // A fresh database each time, made with psql-free SQL through the store's driver.
            let name = format!("embargo_bench_{}", std::process::id());
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                use sqlx::{Connection, Executor};
                sqlx::any::install_default_drivers();
                let mut c = sqlx::AnyConnection::connect(&base).await.unwrap();
                c.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .await
                    .unwrap();
            });
            let (prefix, _) = base.rsplit_once('/').unwrap();
            measure("postgres", &format!("{prefix}/{name}").parse().unwrap());
        }
        Err(_) => println!(
            "postgres   skipped: EMBARGO_TEST_POSTGRES_URL is not set (scripts/postgres.sh start)"
        ),
    }
}
