//! `embargo serve`: the HTTP screening service (the `embargo-server` crate does the work).

use crate::lists_arg;
use anyhow::{bail, Context, Result};
use embargo_server::{ListSource, ServerConfig};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A list to serve (file, or folder for OFAC's CSV set); repeat for several. Without any:
    /// the configuration's lists, else the lists in the data directory, else the demo list.
    #[arg(long = "list")]
    lists: Vec<PathBuf>,
    /// Force the format of every --list instead of detecting it.
    #[arg(long, value_parser = lists_arg::parse_format)]
    input_format: Option<embargo_sources::Format>,
    /// Address to listen on [default: 127.0.0.1:8000, or the configuration's].
    #[arg(long, env = "EMBARGO_LISTEN")]
    listen: Option<SocketAddr>,
    /// Serve without API keys: every caller is admin. Only on a trusted machine.
    #[arg(long)]
    no_auth: bool,
    /// Configuration file (JSON; see the embargo-server docs). Also `$EMBARGO_SERVER_CONFIG`.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Poll the list files every SECS seconds and reload when one changed.
    #[arg(long, value_name = "SECS")]
    watch: Option<u64>,
    /// Refuse a reloaded list that lost more than this share of its entities (0–1).
    #[arg(long)]
    max_shrink: Option<f64>,
    /// Write logs as JSON lines.
    #[arg(long)]
    log_json: bool,
    /// Log screened names and facts (off by default: logs carry counts, ids and timings).
    #[arg(long)]
    log_personal_data: bool,
}

/// The lists served when neither --list nor the configuration names any: the ones in the data
/// directory, else the demo list (as `lists_arg::load` picks them, kept as paths for reloads).
fn default_lists() -> Result<Vec<PathBuf>> {
    let dir = lists_arg::data_dir().join("lists");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.sort();
    if found.is_empty() {
        eprintln!(
            "note: no lists downloaded in {} yet; serving the small demo list shipped with embargo.\n      \
             Pass --list PATH for an official list file (UN XML, OFAC CSV folder, CSL…).",
            dir.display()
        );
        found.push(lists_arg::demo_list()?);
    }
    Ok(found)
}

pub fn run(a: Args) -> Result<ExitCode> {
    embargo_server::init_logging(a.log_json);
    let mut config = ServerConfig::load(a.config.as_deref()).context("configuration")?;
    if let Some(l) = a.listen {
        config.listen = l;
    }
    if a.no_auth {
        config.auth = false;
    }
    if let Some(w) = a.watch {
        config.reload.watch_secs = Some(w).filter(|&w| w > 0);
    }
    if let Some(s) = a.max_shrink {
        if !(0.0..=1.0).contains(&s) {
            bail!("--max-shrink must be between 0 and 1");
        }
        config.reload.max_shrink = s;
    }
    if a.log_personal_data {
        config.log_personal_data = true;
    }
    let format = a.input_format.map(|f| f.as_str().to_string());
    if !a.lists.is_empty() {
        config.lists = a
            .lists
            .iter()
            .map(|p| ListSource {
                format: format.clone(),
                ..ListSource::new(p)
            })
            .collect();
    } else if config.lists.is_empty() {
        config.lists = default_lists()?.into_iter().map(ListSource::new).collect();
    }
    embargo_server::run(config)?;
    Ok(ExitCode::SUCCESS)
}
