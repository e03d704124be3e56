//! `embargo screen`: one name (a readable table) or a whole customer file (JSON lines).

use crate::lists_arg;
use anyhow::{bail, Context, Result};
use embargo_matcher::{Hit, Index, MatchConfig, Query};
use embargo_model::{CountryCode, Identifier, IdentifierKind, Schema};
use embargo_sources::Format;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The name to screen (or use --input for a file).
    name: Option<String>,
    /// A list to screen against (file, or folder for OFAC's CSV set); repeat for several.
    /// Without any: the lists in the data directory, else the demo list.
    #[arg(long = "list")]
    lists: Vec<PathBuf>,
    /// Force the list format instead of detecting it.
    #[arg(long, value_parser = lists_arg::parse_format)]
    input_format: Option<Format>,
    /// Customer file: CSV with header (`full_name` or `name` required), JSON lines, or xlsx.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Where to write results as JSON lines (stdout if absent).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Alert threshold.
    #[arg(long, default_value_t = 0.7)]
    threshold: f64,
    /// At most this many results per query.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Results below this score are left out.
    #[arg(long, default_value_t = 0.5)]
    min_score: f64,
    /// Schema of the screened party (Person, Company, Organization, Vessel, Airplane).
    #[arg(long)]
    schema: Option<String>,
    /// Birth date of the screened person (1984, 1984-01, 1984-01-08).
    #[arg(long)]
    dob: Option<String>,
    /// Nationality or country (ISO code or English name); repeatable.
    #[arg(long)]
    country: Vec<String>,
    /// Passport number.
    #[arg(long)]
    passport: Option<String>,
    /// IMO number (vessels).
    #[arg(long)]
    imo: Option<String>,
}

fn single_query(a: &Args, name: &str) -> Result<Query> {
    let mut q = Query::name(name);
    if let Some(s) = &a.schema {
        q.schema = Some(s.parse::<Schema>()?);
    }
    if let Some(d) = &a.dob {
        q.birth_dates.push(
            embargo_batch::record::parse_birth_date(d)
                .map_err(|(_, m)| anyhow::anyhow!("--dob {d:?}: {m}"))?,
        );
    }
    for c in &a.country {
        q.countries.push(
            CountryCode::parse(c).with_context(|| format!("--country {c:?}: unknown country"))?,
        );
    }
    if let Some(p) = &a.passport {
        q.identifiers
            .push(Identifier::new(IdentifierKind::Passport, p));
    }
    if let Some(i) = &a.imo {
        q.identifiers.push(Identifier::new(IdentifierKind::Imo, i));
    }
    Ok(q)
}

fn print_table(name: &str, hits: &[Hit]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    if hits.is_empty() {
        writeln!(out, "No result at or above the minimum score for {name:?}.")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<6} {:<5} {:<22} {:<12} listed name",
        "score", "alert", "id", "schema"
    )?;
    for h in hits {
        writeln!(
            out,
            "{:<6.3} {:<5} {:<22} {:<12} {}",
            h.score,
            if h.is_match { "YES" } else { "" },
            h.id,
            h.schema,
            h.caption
        )?;
        if let Some(n) = &h.explanation.name {
            writeln!(out, "       {}", crate::explanation_text::via_line(n))?;
        }
        for q in &h.explanation.qualifiers {
            writeln!(
                out,
                "       {} {}: {:+.2} (query {}, listed {})",
                q.feature, q.outcome, q.effect, q.query, q.candidate
            )?;
        }
    }
    Ok(())
}

pub fn run(a: Args) -> Result<ExitCode> {
    let config = MatchConfig {
        threshold: a.threshold,
        min_score: a.min_score,
        limit: a.limit,
        ..Default::default()
    };
    let docs = lists_arg::load(&a.lists, a.input_format)?;
    for d in &docs {
        let errors = d
            .problems
            .iter()
            .filter(|p| p.severity == embargo_model::Severity::Error)
            .count();
        if errors > 0 {
            eprintln!(
                "warning: list {} has {errors} record(s) that could not be read (see `embargo lists inspect`)",
                d.dataset
            );
        }
    }
    let index = Index::build(&docs);
    match (&a.name, &a.input) {
        (Some(name), None) => {
            let q = single_query(&a, name)?;
            let hits = index.search(&q, &config);
            if let Err(e) = print_table(name, &hits) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
            Ok(if hits.iter().any(|h| h.is_match) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        (None, Some(input)) => {
            let file = embargo_batch::read_queries(input)?;
            for p in &file.problems {
                eprintln!("{}: {p}", input.display());
            }
            let pb = if std::io::stderr().is_terminal() {
                let pb = ProgressBar::new(file.queries.len() as u64);
                pb.set_style(
                    ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} queries  {per_sec}  ETA {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                pb
            } else {
                ProgressBar::hidden()
            };
            let results: Vec<Vec<Hit>> = file
                .queries
                .par_iter()
                .map(|q| {
                    let r = index.search(q, &config);
                    pb.inc(1);
                    r
                })
                .collect();
            pb.finish_and_clear();
            let out: Box<dyn Write> = match &a.output {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p).with_context(|| p.display().to_string())?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            let mut out = out;
            let mut alerts = 0;
            for (i, (q, hits)) in file.queries.iter().zip(&results).enumerate() {
                if hits.iter().any(|h| h.is_match) {
                    alerts += 1;
                }
                let line = serde_json::json!({
                    "query_index": i,
                    "query": q,
                    "results": hits,
                });
                serde_json::to_writer(&mut out, &line)?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
            eprintln!(
                "screened {} records against {} entities: {alerts} with alerts",
                results.len(),
                index.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        (Some(_), Some(_)) => bail!("give either a NAME or --input FILE, not both"),
        (None, None) => bail!("give a NAME to screen, or --input FILE"),
    }
}
