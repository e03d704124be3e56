//! `embargo cases import`: store customer records and screen the new and changed ones, keeping
//! alerts for review (`embargo alerts`) and an audit trail (`embargo audit`).

use crate::lists_arg;
use anyhow::{bail, Context, Result};
use embargo_cases::screen::screen_records;
use embargo_cases::{BlockingStore, NewRun, Record, RunKind, StoreUrl};
use embargo_matcher::{Index, MatchConfig};
use embargo_sources::Format;
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// `--store URL`, shared by `cases`, `alerts` and `audit`.
#[derive(clap::Args, Clone, Debug)]
pub struct StoreArg {
    /// The case store: sqlite://PATH or postgres://USER@HOST:PORT/DB
    /// [default: $EMBARGO_STORE, else sqlite://<data dir>/cases.db].
    #[arg(long = "store", env = "EMBARGO_STORE")]
    pub url: Option<String>,
}

impl StoreArg {
    pub fn open(&self) -> Result<BlockingStore> {
        let url: StoreUrl = match &self.url {
            Some(u) => u.parse()?,
            None => StoreUrl::default_in(&lists_arg::data_dir()),
        };
        BlockingStore::open(&url).with_context(|| format!("opening the case store {url}"))
    }
}

/// Who is acting, for the audit trail: `--actor`, else `$EMBARGO_ACTOR`, else `$USER`.
pub fn default_actor() -> String {
    std::env::var("USER").unwrap_or_else(|_| "unknown".into())
}

#[derive(clap::Subcommand)]
pub enum Command {
    /// Store the records of a customer file (CSV with header, JSON lines or xlsx; an `id`
    /// column is required) and screen the new and changed ones against the lists, keeping
    /// the alerts. Re-importing unchanged records does nothing.
    Import(ImportArgs),
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The customer file.
    file: PathBuf,
    #[command(flatten)]
    store: StoreArg,
    /// A list to screen against (file, or folder for OFAC's CSV set); repeat for several.
    /// Without any: the lists in the data directory, else the demo list.
    #[arg(long = "list")]
    lists: Vec<PathBuf>,
    /// Force the list format instead of detecting it.
    #[arg(long, value_parser = lists_arg::parse_format)]
    input_format: Option<Format>,
    /// Alert threshold.
    #[arg(long, default_value_t = 0.7)]
    threshold: f64,
    /// Results below this score are not considered. Every result at or above the threshold
    /// becomes an alert, however many a record has; results between this and the threshold
    /// are kept as near misses (at most 1000 per record) for the next re-screening.
    #[arg(long, default_value_t = 0.5)]
    min_score: f64,
    /// Who imports, for the audit trail [default: $EMBARGO_ACTOR, else $USER].
    #[arg(long, env = "EMBARGO_ACTOR")]
    actor: Option<String>,
    /// Records per transaction: each batch is stored (and screened) whole or not at all.
    #[arg(long, default_value_t = 1000)]
    batch: usize,
}

pub fn run(c: Command) -> Result<ExitCode> {
    match c {
        Command::Import(a) => import(a),
    }
}

fn progress(len: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template(&format!(
            "{{bar:40}} {{pos}}/{{len}} {what}  {{per_sec}}  ETA {{eta}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb
}

/// The file's rows as records; rows without an id or with an id used twice fail the import
/// before anything is written (a record without an id could never be updated).
fn read_records(file: &std::path::Path) -> Result<Vec<Record>> {
    let parsed =
        embargo_batch::read_queries(file).with_context(|| format!("reading {}", file.display()))?;
    for p in &parsed.problems {
        if p.field != "full_name" {
            eprintln!("{}: {p}", file.display());
        }
    }
    let mut records = Vec::with_capacity(parsed.queries.len());
    let mut errors = Vec::new();
    let mut first_row: HashMap<String, usize> = HashMap::new();
    for (row, q) in parsed.queries.iter().enumerate() {
        match Record::from_query(q) {
            Ok(r) => {
                if let Some(prev) = first_row.insert(r.id.clone(), row) {
                    errors.push(format!(
                        "record {row}: id {:?} already used by record {prev}",
                        r.id
                    ));
                }
                records.push(r);
            }
            Err(e) => errors.push(format!("record {row}: {e}")),
        }
    }
    if !errors.is_empty() {
        for e in errors.iter().take(20) {
            eprintln!("{}: {e}", file.display());
        }
        if errors.len() > 20 {
            eprintln!("… and {} more", errors.len() - 20);
        }
        bail!(
            "{}: {} record(s) cannot be stored; nothing was imported",
            file.display(),
            errors.len()
        );
    }
    Ok(records)
}

fn import(a: ImportArgs) -> Result<ExitCode> {
    let actor = a.actor.clone().unwrap_or_else(default_actor);
    let records = read_records(&a.file)?;
    let config = MatchConfig {
        threshold: a.threshold,
        min_score: a.min_score,
        ..Default::default()
    };
    let store = a.store.open()?;
    let docs = lists_arg::load(&a.lists, a.input_format)?;
    let registered = store
        .register_lists(&docs, &actor)
        .context("registering the list versions")?;
    for d in &registered.datasets {
        if d.previous.as_deref() != Some(d.version_id.as_str()) {
            eprintln!(
                "list {}: version {} ({} entities{})",
                d.dataset,
                &d.version_id[..16],
                d.entities,
                if d.previous.is_some() {
                    format!(
                        "; {} added, {} changed, {} removed since the last version",
                        d.added.len(),
                        d.changed.len(),
                        d.removed.len()
                    )
                } else {
                    String::new()
                }
            );
        }
    }
    if !registered.delisted_alerts.is_empty() {
        eprintln!(
            "{} alert(s) flagged `delisted` for review: embargo alerts list --state delisted",
            registered.delisted_alerts.len()
        );
    }

    let batch = a.batch.max(1);
    let pb = progress(records.len() as u64, "records stored");
    let (mut inserted, mut updated, mut unchanged) = (0, 0, 0);
    for chunk in records.chunks(batch) {
        let out = store
            .upsert_records(chunk, &actor)
            .context("storing records")?;
        inserted += out.inserted;
        updated += out.updated;
        unchanged += out.unchanged;
        pb.inc(chunk.len() as u64);
    }
    pb.finish_and_clear();
    eprintln!(
        "{}: {} records: {inserted} new, {updated} changed, {unchanged} unchanged",
        a.file.display(),
        records.len()
    );

    let (_, pending) = store.record_counts()?;
    if pending == 0 {
        eprintln!("nothing to screen");
        return Ok(ExitCode::SUCCESS);
    }
    let index = Index::build(&docs);
    let run = store.begin_run(&NewRun {
        id: None,
        kind: RunKind::Import,
        actor: &actor,
        list_version: &registered.list_version,
        config: &config,
    })?;
    let pb = progress(pending as u64, "records screened");
    let (mut raised, mut suppressed, mut already) = (0usize, 0i64, 0i64);
    let mut after: Option<String> = None;
    loop {
        let page = store.records(after.as_deref(), batch as i64, true)?;
        let Some(last) = page.last() else { break };
        after = Some(last.record.id.clone());
        let results = screen_records(&index, &config, &page);
        let out = store
            .record_results(&run.id, &results)
            .context("recording screening results")?;
        raised += out.raised.len();
        suppressed += out.suppressed;
        already += out.already_alerted;
        pb.inc(page.len() as u64);
    }
    pb.finish_and_clear();
    let run = store.finish_run(&run.id)?;
    eprintln!(
        "screened {} records against {} entities ({}): {raised} new alert(s), {suppressed} suppressed by cleared false positives, {already} already alerted; run {}",
        run.screened,
        index.len(),
        registered.list_version,
        run.id
    );
    if raised > 0 {
        eprintln!("review them: embargo alerts list --state open");
    }
    Ok(ExitCode::SUCCESS)
}
