//! `embargo keys` (being written).

use anyhow::{bail, Result};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// List keys.
    List,
}

pub fn run(_c: Command) -> Result<ExitCode> {
    bail!("`embargo keys` is not available yet")
}
