//! `embargo export`: lists written out in another format, FollowTheMoney JSON lines for now.
//!
//! The lists are read and linked as for screening ([`embargo_sources::read_lists`]): an entity
//! published in two of them (an SDN entry repeated on the CSL) comes out once, carrying both
//! datasets. The FtM writing is the sources crate's ([`embargo_sources::ftm::write_document`]),
//! so what is written here reads back into equal entities.

use crate::lists_arg::{self, parse_format};
use anyhow::{Context, Result};
use embargo_model::Severity;
use embargo_sources::{ftm, Format};
use std::io::{BufWriter, ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = "\
Problems met while reading are counted on stderr; `embargo lists inspect PATH` shows them.

Exit status: 0 when the lists were written, 2 when a list could not be read.")]
pub struct Args {
    /// List files, or folders for multi-file lists (an OFAC CSV folder holding sdn.csv). Several
    /// lists are linked as for screening: an entity published in two of them comes out once.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Ftm)]
    format: ExportFormat,
    /// The format of every PATH, when detection cannot tell it.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    input_format: Option<Format>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    /// FollowTheMoney JSON lines (the OpenSanctions format), one entity a line on stdout.
    Ftm,
}

/// An FtM entity has a string `id` and `schema`.
fn is_ftm_entity(v: &serde_json::Value) -> bool {
    v.get("id").is_some_and(serde_json::Value::is_string)
        && v.get("schema").is_some_and(serde_json::Value::is_string)
}

pub fn run(a: Args) -> Result<ExitCode> {
    let mut docs = lists_arg::load(&a.paths, a.input_format)?;
    match a.format {
        ExportFormat::Ftm => {
            // `other` holds FtM entities, but a reader may keep raw records of its own format
            // there (senzing position records): those are no FtM and stay out of the output.
            for doc in &mut docs {
                let before = doc.other.len();
                doc.other.retain(is_ftm_entity);
                let left_out = before - doc.other.len();
                if left_out > 0 {
                    eprintln!(
                        "note: {}: {left_out} records kept beside the entities are not FtM \
                         entities and were left out",
                        doc.dataset
                    );
                }
            }
            let mut out = BufWriter::new(std::io::stdout().lock());
            let written = docs
                .iter()
                .try_for_each(|doc| ftm::write_document(doc, &mut out))
                .and_then(|()| out.flush());
            match written {
                Ok(()) => {}
                // `embargo export … | head` closes the pipe early: not a failure.
                Err(e) if e.kind() == ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                Err(e) => return Err(e).context("writing to stdout"),
            }
        }
    }
    let problems = docs.iter().flat_map(|d| d.problems.iter());
    let (errors, warnings) = problems.fold((0, 0), |(e, w), p| match p.severity {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
    });
    if errors + warnings > 0 {
        eprintln!(
            "note: reading found {errors} errors (records or values left out) and {warnings} \
             warnings; `embargo lists inspect` shows them"
        );
    }
    Ok(ExitCode::SUCCESS)
}
