//! `embargo rescreen`: re-screen the stored customer base after a list update, against only the
//! added and changed entities (changed customers against everything), raising new alerts only;
//! and `embargo rescreen --generate FILE`, the synthetic customer base of the benchmark.

use crate::lists_arg;
use anyhow::{Context, Result};
use embargo_cases::{BlockingStore, StoreUrl};
use embargo_matcher::MatchConfig;
use embargo_rescreen::continuous::{rescreen, Options, Report};
use embargo_rescreen::generate::{generate, write_csv, EvalRows};
use embargo_sources::Format;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The case store: sqlite://PATH or postgres://USER@HOST:PORT/DB
    /// [default: $EMBARGO_STORE, else sqlite://<data dir>/cases.db].
    #[arg(long = "store", env = "EMBARGO_STORE")]
    store: Option<String>,
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
    /// Results below this score are not considered (near misses above it are kept in the case
    /// store, to catch pairs an update's new token statistics push over the threshold).
    #[arg(long, default_value_t = 0.5)]
    min_score: f64,
    /// Who runs it, for the audit trail [default: $EMBARGO_ACTOR, else $USER].
    #[arg(long, env = "EMBARGO_ACTOR")]
    actor: Option<String>,
    /// Screen every record against everything.
    #[arg(long)]
    full: bool,
    /// Records per transaction.
    #[arg(long, default_value_t = 1000)]
    batch: usize,
    /// `text` or `json`.
    #[arg(long, default_value = "text")]
    format: String,
    /// Instead of re-screening: write a synthetic customer base (CSV) to this file, made of the
    /// eval rows and variants of them.
    #[arg(long, value_name = "FILE")]
    generate: Option<PathBuf>,
    /// With --generate: how many records.
    #[arg(long, default_value_t = 100_000)]
    records: usize,
    /// With --generate: the seed (the same seed gives the same records).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// With --generate: the eval folder [default: $EMBARGO_SHARED_DATA/eval, else
    /// ../shared/data/eval].
    #[arg(long)]
    eval: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<ExitCode> {
    if let Some(out) = &a.generate {
        let eval = a.eval.clone().unwrap_or_else(|| {
            std::env::var_os("EMBARGO_SHARED_DATA")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("../shared/data"))
                .join("eval")
        });
        let rows = EvalRows::load(&eval).context("reading the eval rows")?;
        let records = generate(&rows, a.records, a.seed);
        write_csv(out, &records)?;
        eprintln!(
            "wrote {} records ({} eval rows, {} variants, seed {}) to {}",
            records.len(),
            rows.rows.len().min(records.len()),
            records.len().saturating_sub(rows.rows.len()),
            a.seed,
            out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let url: StoreUrl = match &a.store {
        Some(u) => u.parse()?,
        None => StoreUrl::default_in(&lists_arg::data_dir()),
    };
    let store =
        BlockingStore::open(&url).with_context(|| format!("opening the case store {url}"))?;
    let docs = lists_arg::load(&a.lists, a.input_format)?;
    let opts = Options {
        config: MatchConfig {
            threshold: a.threshold,
            min_score: a.min_score,
            ..Default::default()
        },
        actor: a
            .actor
            .clone()
            .unwrap_or_else(|| std::env::var("USER").unwrap_or_else(|_| "unknown".into())),
        full: a.full,
        batch: a.batch,
    };
    let r = rescreen(&store, &docs, &opts).context("re-screening the stored records")?;
    if a.format == "json" {
        println!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        write_report(&mut std::io::stdout().lock(), &r, "", "")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A re-screening's summary as text, shared by `embargo rescreen` and `embargo update
/// --rescreen`: `lead` starts the first line, `indent` the others (the update prints it under
/// its list updates).
pub fn write_report(out: &mut impl Write, r: &Report, lead: &str, indent: &str) -> Result<()> {
    writeln!(
        out,
        "{lead}{} run {}{} against {}",
        r.kind,
        r.run_id,
        if r.continued { " (continued)" } else { "" },
        r.list_version
    )?;
    if let Some(why) = &r.full_because {
        writeln!(out, "{indent}full run: {why}")?;
    }
    writeln!(
        out,
        "{indent}{} records ({} changed); {} entities added or changed, {} removed; \
         {} new alerts, {} already alerted, {} suppressed (cleared, unchanged); {} alerts delisted",
        r.records,
        r.changed_records,
        r.delta_entities,
        r.removed_entities,
        r.raised,
        r.already_alerted,
        r.suppressed,
        r.delisted_alerts
    )?;
    Ok(())
}
