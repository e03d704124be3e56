//! `embargo compare`: score two names, or every pair of a CSV file.

use anyhow::{bail, Context, Result};
use embargo_matcher::{compare_names, MatchConfig};
use embargo_model::Schema;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The screened name (query).
    name1: Option<String>,
    /// The listed name.
    name2: Option<String>,
    /// Schema of the pair (Person, Company, Organization, Vessel…).
    #[arg(long, default_value = "Person")]
    schema: String,
    /// CSV with a header holding at least `name1,name2` (and `schema`); other columns pass through.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Where to write the scored CSV (stdout if absent).
    #[arg(long)]
    output: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let config = MatchConfig::default();
    if let Some(input) = a.input {
        let mut rdr =
            csv::Reader::from_path(&input).with_context(|| input.display().to_string())?;
        let headers = rdr.headers()?.clone();
        let col = |n: &str| headers.iter().position(|h| h == n);
        let (Some(c1), Some(c2)) = (col("name1"), col("name2")) else {
            bail!("{}: the header must hold name1 and name2", input.display());
        };
        let cs = col("schema");
        let out: Box<dyn std::io::Write> = match &a.output {
            Some(p) => Box::new(std::fs::File::create(p).with_context(|| p.display().to_string())?),
            None => Box::new(std::io::stdout().lock()),
        };
        let mut w = csv::Writer::from_writer(out);
        let mut h: Vec<String> = headers.iter().map(str::to_string).collect();
        h.push("score".into());
        h.push("explanation".into());
        w.write_record(&h)?;
        for (i, r) in rdr.records().enumerate() {
            let r = r.with_context(|| format!("{}: record {}", input.display(), i + 1))?;
            let schema: Schema = match cs.and_then(|c| r.get(c)).filter(|s| !s.is_empty()) {
                Some(s) => s.parse().with_context(|| {
                    format!("{}: record {} field schema", input.display(), i + 1)
                })?,
                None => Schema::Person,
            };
            let m = compare_names(
                r.get(c1).unwrap_or(""),
                r.get(c2).unwrap_or(""),
                schema,
                &config,
            );
            let mut row: Vec<String> = r.iter().map(str::to_string).collect();
            row.push(format!("{:.4}", m.score));
            row.push(serde_json::to_string(&m.explanation)?);
            w.write_record(&row)?;
        }
        w.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(n1), Some(n2)) = (a.name1, a.name2) else {
        bail!("give two names, or --input PAIRS.csv");
    };
    let schema: Schema = a.schema.parse()?;
    let m = compare_names(&n1, &n2, schema, &config);
    println!("{:.4}", m.score);
    println!("{}", serde_json::to_string_pretty(&m.explanation)?);
    Ok(ExitCode::SUCCESS)
}
