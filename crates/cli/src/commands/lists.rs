//! `embargo lists` (placeholder).
use anyhow::Result;
use std::process::ExitCode;
#[derive(clap::Subcommand)]
pub enum Command { Inspect { paths: Vec<std::path::PathBuf> } }
pub fn run(_c: Command) -> Result<ExitCode> { Ok(ExitCode::SUCCESS) }
