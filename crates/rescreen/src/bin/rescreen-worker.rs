//! The process the crash tests kill (`tests/crash.rs`): an import (records stored in batches,
//! then screened) and a re-screening after a list update, each with crash points
//! ([`embargo_rescreen::continuous::crash_point`]).
//!
//! ```text
//! rescreen-worker import   STORE_URL RECORDS.csv LIST...
//! rescreen-worker rescreen STORE_URL LIST...
//! ```

use embargo_cases::{BlockingStore, Record, StoreUrl};
use embargo_matcher::MatchConfig;
use embargo_rescreen::continuous::{crash_point, rescreen, Options};
use std::path::Path;
use std::process::ExitCode;

/// Records per transaction: small, so that a kill lands between batches.
const BATCH: usize = 40;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: rescreen-worker import|rescreen STORE_URL [RECORDS.csv] LIST...";
    let (cmd, rest) = args.split_first().ok_or(usage)?;
    let [url, rest @ ..] = rest else {
        return Err(usage.into());
    };
    let url: StoreUrl = url.parse().map_err(|e| format!("{url}: {e}"))?;
    let store = BlockingStore::open(&url).map_err(|e| e.to_string())?;
    let lists: &[String] = match cmd.as_str() {
        "import" => {
            let (file, lists) = rest.split_first().ok_or(usage)?;
            let parsed = embargo_batch::read_queries(Path::new(file)).map_err(|e| e.to_string())?;
            let records: Vec<Record> = parsed
                .queries
                .iter()
                .map(Record::from_query)
                .collect::<Result<_, _>>()
                .map_err(|e| format!("{file}: {e}"))?;
            for (i, chunk) in records.chunks(BATCH).enumerate() {
                store
                    .upsert_records(chunk, "importer")
                    .map_err(|e| e.to_string())?;
                crash_point("import", i + 1);
            }
            lists
        }
        "rescreen" => rest,
        _ => return Err(usage.into()),
    };
    let paths: Vec<(&Path, Option<embargo_sources::Format>)> = lists
        .iter()
        .map(|l| (Path::new(l.as_str()), None))
        .collect();
    let docs = embargo_sources::read_lists(&paths).map_err(|e| e.to_string())?;
    let opts = Options {
        config: MatchConfig::default(),
        actor: "rescreener".into(),
        full: false,
        batch: BATCH,
    };
    let r = rescreen(&store, &docs, &opts).map_err(|e| e.to_string())?;
    println!("{}", serde_json::to_string(&r).map_err(|e| e.to_string())?);
    Ok(())
}
