//! `embargo audit verify|export`: check and export the case store's hash-chained audit trail.

use super::cases::StoreArg;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Check every entry's hash and link: edited, deleted and inserted entries are reported by
    /// sequence number (exit status 1). Prints the head hash to archive outside the store.
    Verify {
        #[command(flatten)]
        store: StoreArg,
        #[arg(long)]
        json: bool,
    },
    /// Write the trail as JSON lines (seq, at, kind, actor, subject, data, prev_hash, hash).
    Export {
        #[command(flatten)]
        store: StoreArg,
        /// Output file (stdout if absent).
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

pub fn run(c: Command) -> Result<ExitCode> {
    match c {
        Command::Verify { store, json } => {
            let store = store.open()?;
            let report = store.verify_audit()?;
            let mut out = std::io::stdout().lock();
            if json {
                serde_json::to_writer(&mut out, &report)?;
                writeln!(out)?;
            } else {
                for p in &report.problems {
                    match p.seq {
                        Some(s) => writeln!(out, "entry {s}: {}", p.message)?,
                        None => writeln!(out, "head: {}", p.message)?,
                    }
                }
                if report.is_ok() {
                    writeln!(
                        out,
                        "audit trail intact: {} entries, head {}",
                        report.entries, report.head_hash
                    )?;
                } else {
                    writeln!(
                        out,
                        "audit trail BROKEN: {} problem(s) in {} entries",
                        report.problems.len(),
                        report.entries
                    )?;
                }
            }
            Ok(if report.is_ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Export { store, output } => {
            let store = store.open()?;
            let mut out: Box<dyn Write> = match &output {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p).with_context(|| p.display().to_string())?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            let n = store.export_audit(|e| {
                // An entry that no longer parses (edited by hand) is exported as stored.
                let line = match e.export() {
                    Some(x) => serde_json::to_string(&x),
                    None => serde_json::to_string(e),
                }
                .map_err(std::io::Error::other)?;
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")
            })?;
            out.flush()?;
            eprintln!("{n} audit entries exported");
            Ok(ExitCode::SUCCESS)
        }
    }
}
