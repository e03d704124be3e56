//! `embargo text` (being written).

use anyhow::{bail, Result};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_a: Args) -> Result<ExitCode> {
    bail!("`embargo text` is not available yet")
}
