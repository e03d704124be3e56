//! `embargo screen` (placeholder until the batch front end lands).
use anyhow::Result;
use std::process::ExitCode;
#[derive(clap::Args)]
pub struct Args {}
pub fn run(_a: Args) -> Result<ExitCode> { Ok(ExitCode::SUCCESS) }
