//! `embargo update`: download the configured official lists into the data directory, keep each
//! accepted version, and say what changed; with `--rescreen` (or `rescreen = true` in
//! update.toml, `EMBARGO_UPDATE_RESCREEN=true`), then re-screen the case store against the lists
//! now current ([`embargo_rescreen::continuous::rescreen`]: a delta run when it can).
//!
//! The work is [`embargo_update::run`]: conditional requests, retries, validation (reads without
//! errors, not empty, not shrunk past the guard), content-addressed versions and an atomic swap
//! of `<data dir>/lists/<list>`, which `embargo screen` and the other commands read when no
//! `--list` is given. This module parses arguments, draws the progress bar and prints results.

use crate::commands::lists::{write_diff, write_diff_summary};
use crate::commands::rescreen::write_report;
use crate::lists_arg::data_dir;
use anyhow::{Context, Result};
use embargo_matcher::MatchConfig;
use embargo_rescreen::continuous::{crash_point, rescreen, Options, Report};
use embargo_update::{ListUpdate, Progress, Status, Store, UpdateConfig, Version};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

const EXIT_STATUS: &str = "\
Configuration: <data dir>/update.toml (see --show-config for what is in force), then the
EMBARGO_UPDATE_* environment variables. The data dir is $EMBARGO_DATA_DIR, else
~/.local/share/embargo.

With --rescreen, the case store ($EMBARGO_STORE, else <data dir>/cases.db) is re-screened
when a list changed, or when the store has not yet screened against the current lists (an
earlier re-screening was interrupted); otherwise it says so and does nothing.

Exit status:
  0  every list is current (updated or unchanged)
  1  at least one list was refused (failed validation) or failed to download; its previous
     version stays current
  2  the update could not run (bad configuration, data directory not writable)";

#[derive(clap::Args)]
#[command(after_help = EXIT_STATUS)]
pub struct Args {
    /// Update only this source (`un`, `ofac-sdn`, `ofac-cons`, `eu-fsf`, `uk`, `us-csl`,
    /// `opensanctions`, or one added in update.toml), even if disabled; repeat for several.
    #[arg(long = "source", value_name = "NAME")]
    sources: Vec<String>,
    /// The configuration file [default: <data dir>/update.toml; defaults when absent].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print the configuration in force (JSON) and exit without downloading.
    #[arg(long)]
    show_config: bool,
    /// `text`: one line per list and the diff counts; `json`: every outcome with its full diff.
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// With text output: list every added, removed and changed entity, not only the counts.
    #[arg(long)]
    details: bool,
    /// Then re-screen the case store when a list changed: every stored record against the
    /// added and changed entities, changed records against everything; new alerts only.
    #[arg(long)]
    rescreen: bool,
    #[command(flatten)]
    store: crate::commands::cases::StoreArg,
    /// Who re-screens, for the audit trail [default: $EMBARGO_ACTOR, else $USER].
    #[arg(long, env = "EMBARGO_ACTOR")]
    actor: Option<String>,
    /// Alert threshold of the re-screening (as `embargo rescreen --threshold`).
    #[arg(long, default_value_t = 0.7)]
    threshold: f64,
    /// Results below this score are not considered by the re-screening; near misses above it
    /// are kept in the case store (as `embargo rescreen --min-score`).
    #[arg(long, default_value_t = 0.5)]
    min_score: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Output {
    Text,
    Json,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let root = data_dir();
    let config_path = a.config.clone().unwrap_or_else(|| root.join("update.toml"));
    let mut config = UpdateConfig::load(&config_path)?;
    if !a.sources.is_empty() {
        let names: Vec<&str> = a.sources.iter().map(String::as_str).collect();
        config
            .select(&names)
            .map_err(anyhow::Error::msg)
            .context("--source")?;
    }
    if a.rescreen {
        config.rescreen = true;
    }
    if a.show_config {
        println!("{}", serde_json::to_string_pretty(&config)?);
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::create_dir_all(&root).with_context(|| format!("data directory {}", root.display()))?;
    let store = Store::new(&root);
    let progress = Bars::default();
    // Held until the re-screening below is done: a second update waits for none of it.
    let lock = embargo_update::UpdateLock::acquire(&root)?;
    let updates = embargo_update::run_locked(&config, &store, &lock, &progress)?;
    progress.clear();
    crash_point("update-current", 0);
    let rescreened = if config.rescreen {
        Some(rescreen_after(&a, &updates)?)
    } else {
        None
    };
    drop(lock);

    let mut out = std::io::stdout().lock();
    match a.format {
        Output::Json => {
            match &rescreened {
                Some(r) => serde_json::to_writer_pretty(
                    &mut out,
                    &serde_json::json!({"lists": updates, "rescreen": r}),
                )?,
                None => serde_json::to_writer_pretty(&mut out, &updates)?,
            }
            writeln!(out)?;
        }
        Output::Text => {
            for u in &updates {
                print_update(&mut out, &store, u, a.details)?;
            }
            if let Some(r) = &rescreened {
                print_rescreen(&mut out, r)?;
            }
        }
    }
    let bad = updates
        .iter()
        .any(|u| matches!(u.status, Status::Refused { .. } | Status::Failed { .. }));
    Ok(if bad {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What the re-screening after the update did.
#[derive(serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
enum Rescreened {
    /// No list changed and the store screened against the current lists already.
    NothingToDo { list_version: String },
    /// No list was ever accepted into the data directory: nothing to screen against (the
    /// demo list other commands fall back to has no place in a case store).
    NoLists,
    /// The store was re-screened.
    Done(Report),
}

/// Re-screen the case store against every list now current in the data directory, unless no
/// list changed and the store already screened against exactly these versions. A list that
/// did not change still counts when the store has not screened against it (an update killed
/// before its re-screening ran): the next update, a row of 304s, completes it.
fn rescreen_after(a: &Args, updates: &[ListUpdate]) -> Result<Rescreened> {
    let changed: Vec<&str> = updates
        .iter()
        .filter(|u| matches!(u.status, Status::Updated))
        .map(|u| u.list.as_str())
        .collect();
    let lists = data_dir().join("lists");
    let any = std::fs::read_dir(&lists)
        .map(|mut rd| rd.next().is_some())
        .unwrap_or(false);
    if !any {
        return Ok(Rescreened::NoLists);
    }
    let cases = a.store.open()?;
    let docs = crate::lists_arg::load(&[], None).context("reading the current lists")?;
    let state = cases
        .continuous_state()
        .context("reading the case store's re-screening state")?;
    if changed.is_empty()
        && state.pending.is_none()
        && state.versions == embargo_cases::entity::dataset_versions(&docs)
    {
        let list_version = state
            .versions
            .iter()
            .map(|(d, v)| format!("{d}@{}", &v[..16.min(v.len())]))
            .collect::<Vec<_>>()
            .join(",");
        return Ok(Rescreened::NothingToDo { list_version });
    }
    let opts = Options {
        config: MatchConfig {
            threshold: a.threshold,
            min_score: a.min_score,
            ..Default::default()
        },
        actor: a
            .actor
            .clone()
            .unwrap_or_else(crate::commands::cases::default_actor),
        full: false,
        batch: 1000,
    };
    let r = rescreen(&cases, &docs, &opts).context("re-screening the case store")?;
    Ok(Rescreened::Done(r))
}

fn print_rescreen(out: &mut impl Write, r: &Rescreened) -> Result<()> {
    match r {
        Rescreened::NoLists => writeln!(
            out,
            "re-screening: no list in {} yet, nothing to screen against",
            data_dir().join("lists").display()
        )?,
        Rescreened::NothingToDo { list_version } => writeln!(
            out,
            "re-screening: no list changed; the case store screened against {list_version} already, nothing to do"
        )?,
        Rescreened::Done(r) => {
            write_report(out, r, "re-screening: ", "  ")?;
            if r.raised > 0 || r.delisted_alerts > 0 {
                writeln!(out, "  review them: embargo alerts list --state open")?;
            }
        }
    }
    Ok(())
}

fn print_update(out: &mut impl Write, store: &Store, u: &ListUpdate, details: bool) -> Result<()> {
    let version = |v: &Option<embargo_update::Version>| {
        v.as_ref()
            .map(|v| v.short().to_string())
            .unwrap_or_else(|| "none".into())
    };
    let entities = u
        .entities
        .map(|n| format!("  {n} entities"))
        .unwrap_or_default();
    match &u.status {
        Status::Unchanged => writeln!(
            out,
            "{:<14}unchanged  {}{entities}",
            u.list,
            version(&u.new)
        )?,
        Status::Updated => writeln!(
            out,
            "{:<14}updated    {} → {}{entities}",
            u.list,
            version(&u.old),
            version(&u.new)
        )?,
        Status::Refused { reason } => writeln!(
            out,
            "{:<14}refused    {reason}\n{:<14}           kept {}",
            u.list,
            "",
            version(&u.old)
        )?,
        Status::Failed { error } => writeln!(
            out,
            "{:<14}failed     {error}\n{:<14}           kept {}",
            u.list,
            "",
            version(&u.old)
        )?,
    }
    if let Some(d) = &u.diff {
        let mut summary = Vec::new();
        write_diff_summary(&mut summary, d)?;
        for line in String::from_utf8_lossy(&summary).lines() {
            writeln!(out, "{:<14}  {line}", "")?;
        }
        if details {
            if let (Some(old), Some(new)) = (&u.old, &u.new) {
                let old_doc = store.read(old)?;
                let new_doc = store.read(new)?;
                let mut listing = Vec::new();
                write_diff(&mut listing, d, &old_doc, &new_doc)?;
                // The counts were printed above; the listing follows them.
                let text = String::from_utf8_lossy(&listing);
                for line in text.lines().skip(3) {
                    writeln!(out, "{:<14}  {line}", "")?;
                }
            }
        }
    }
    Ok(())
}

/// An indicatif bar per download on stderr; indicatif draws nothing when stderr is not a
/// terminal, so logs and pipes stay clean.
#[derive(Default)]
struct Bars {
    bar: Mutex<Option<ProgressBar>>,
}

impl Bars {
    fn clear(&self) {
        if let Some(b) = self.bar.lock().expect("progress lock").take() {
            b.finish_and_clear();
        }
    }
}

impl Progress for Bars {
    fn list_started(&self, _list: &str, _files: usize) {
        self.clear();
    }

    fn download_started(&self, list: &str, file: &str, total: Option<u64>) {
        let bar = match total {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template(
                    "{prefix:<28} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
                )
                .expect("a valid template")
                .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{prefix:<28} {spinner} {bytes} {bytes_per_sec}")
                    .expect("a valid template"),
            ),
        };
        bar.set_prefix(format!("{list}/{file}"));
        bar.enable_steady_tick(Duration::from_millis(200));
        if let Some(old) = self.bar.lock().expect("progress lock").replace(bar) {
            old.finish_and_clear();
        }
    }

    fn advanced(&self, bytes: u64) {
        if let Some(b) = self.bar.lock().expect("progress lock").as_ref() {
            b.inc(bytes);
        }
    }

    fn download_finished(&self, _list: &str, _file: &str, _not_modified: bool) {
        self.clear();
    }

    fn retrying(&self, list: &str, file: &str, attempt: u32, wait: Duration, error: &str) {
        self.clear();
        eprintln!(
            "{list}/{file}: {error}; retry {attempt} in {:.1} s",
            wait.as_secs_f64()
        );
    }

    /// Crash tests stop here (`EMBARGO_CRASH_TEST_STALL=update-stored:0`): the new version is
    /// stored, not yet current.
    fn stored(&self, _list: &str, _version: &Version) {
        self.clear();
        crash_point("update-stored", 0);
    }

    fn validating(&self, list: &str) {
        let bar = ProgressBar::new_spinner();
        bar.set_message(format!("{list}: reading and checking the new version"));
        bar.enable_steady_tick(Duration::from_millis(200));
        if let Some(old) = self.bar.lock().expect("progress lock").replace(bar) {
            old.finish_and_clear();
        }
    }
}
