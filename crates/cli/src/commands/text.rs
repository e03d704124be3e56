//! `embargo text`: find listed parties and sanctioned jurisdictions in an article, a report or a
//! payment narrative. The scanning is `embargo_text::Scanner`'s; this module reads the input and
//! prints the report (highlighted text, or JSON with `--format json`).
//!
//! Exit status as for `screen`: 1 when a listed party or a sanctioned jurisdiction is mentioned,
//! 0 when none is, 2 on error.

use crate::lists_arg;
use anyhow::{Context, Result};
use embargo_matcher::{Index, MatchConfig};
use embargo_sources::Format;
use embargo_text::{MentionKind, ScanConfig, Scanner, TextReport};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// The text with mentions highlighted, then tables.
    Text,
    /// The report as one JSON object.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
pub struct Args {
    /// The text file to scan (UTF-8), or `-` for standard input.
    input: PathBuf,
    /// A list to scan against (file, or folder for OFAC's CSV set); repeat for several.
    /// Without any: the lists in the data directory, else the demo list.
    #[arg(long = "list")]
    lists: Vec<PathBuf>,
    /// Force the list format instead of detecting it.
    #[arg(long, value_parser = lists_arg::parse_format)]
    input_format: Option<Format>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// A span is a mention when it scores at least this against a listed name.
    #[arg(long, default_value_t = 0.7)]
    threshold: f64,
    /// Do not report later surname-only references to a party named in full before.
    #[arg(long)]
    no_coreference: bool,
    /// Highlight with terminal colours (default: when printing to a terminal).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

fn read_input(path: &PathBuf) -> Result<String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading standard input (UTF-8 expected)")?;
        Ok(s)
    } else {
        std::fs::read_to_string(path)
            .with_context(|| format!("reading {} (UTF-8 expected)", path.display()))
    }
}

pub fn run(a: Args) -> Result<ExitCode> {
    let text = read_input(&a.input)?;
    let docs = lists_arg::load(&a.lists, a.input_format)?;
    let config = ScanConfig {
        matching: MatchConfig {
            threshold: a.threshold,
            min_score: a.threshold.min(0.5),
            ..Default::default()
        },
        coreference: !a.no_coreference,
        ..Default::default()
    };
    let scanner = Scanner::with_config(Index::build(&docs), config);
    let report = scanner.scan(&text);
    let mut out = std::io::stdout().lock();
    let written = match a.format {
        OutputFormat::Json => serde_json::to_writer_pretty(&mut out, &report)
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        OutputFormat::Text => {
            let color = match a.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => std::io::stdout().is_terminal(),
            };
            render(&mut out, &text, &report, color)
        }
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e.into());
        }
    }
    Ok(
        if report.mentions.is_empty() && report.jurisdictions.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}

/// The text with each mention marked, then the mentions, parties and jurisdictions.
///
/// With colour, a mention is bold red and a jurisdiction yellow, each followed by its number;
/// without, a mention is `[surface]{n}` and a jurisdiction `<surface>{Jn}`, so that the output
/// still reads in a log file.
pub fn render(
    out: &mut impl Write,
    text: &str,
    r: &TextReport,
    color: bool,
) -> std::io::Result<()> {
    // (byte start, byte end, label, is mention)
    let mut marks: Vec<(usize, usize, String, bool)> = r
        .mentions
        .iter()
        .enumerate()
        .map(|(i, m)| (m.byte_start, m.byte_end, format!("{}", i + 1), true))
        .collect();
    for (i, j) in r.jurisdictions.iter().enumerate() {
        if !r
            .mentions
            .iter()
            .any(|m| m.byte_start < j.byte_end && j.byte_start < m.byte_end)
        {
            marks.push((j.byte_start, j.byte_end, format!("J{}", i + 1), false));
        }
    }
    marks.sort();
    let mut at = 0;
    for (s, e, label, is_mention) in &marks {
        if *s < at {
            continue;
        }
        out.write_all(&text.as_bytes()[at..*s])?;
        let t = &text[*s..*e];
        match (color, is_mention) {
            (true, true) => write!(out, "\x1b[1;31m{t}\x1b[0m\x1b[2m{{{label}}}\x1b[0m")?,
            (true, false) => write!(out, "\x1b[33m{t}\x1b[0m\x1b[2m{{{label}}}\x1b[0m")?,
            (false, true) => write!(out, "[{t}]{{{label}}}")?,
            (false, false) => write!(out, "<{t}>{{{label}}}")?,
        }
        at = *e;
    }
    out.write_all(&text.as_bytes()[at..])?;
    if !text.ends_with('\n') {
        writeln!(out)?;
    }
    writeln!(out)?;
    if r.mentions.is_empty() {
        writeln!(out, "No listed party mentioned.")?;
    } else {
        writeln!(
            out,
            "{:<4} {:<13} {:<6} {:<11} {:<24} surface",
            "#", "chars", "score", "kind", "entities"
        )?;
        for (i, m) in r.mentions.iter().enumerate() {
            let kind = match (&m.kind, &m.coreference) {
                (MentionKind::Coreference, Some(c)) => format!("ref→{}", c.antecedent + 1),
                _ => "name".to_string(),
            };
            writeln!(
                out,
                "{:<4} {:<13} {:<6.3} {:<11} {:<24} {}",
                i + 1,
                format!("{}..{}", m.start, m.end),
                m.score,
                kind,
                m.entity_ids.join(" "),
                m.surface
            )?;
            if let Some(n) = &m.explanation.name {
                writeln!(out, "     {}", crate::explanation_text::via_line(n))?;
            }
        }
        writeln!(out)?;
        writeln!(
            out,
            "{:<24} {:<8} {:<6} caption",
            "entity", "mentions", "best"
        )?;
        for e in &r.entities {
            writeln!(
                out,
                "{:<24} {:<8} {:<6.3} {} ({}, {})",
                e.id,
                e.count,
                e.best_score,
                e.caption,
                e.schema,
                e.datasets.join(", ")
            )?;
        }
    }
    if !r.jurisdictions.is_empty() {
        writeln!(out)?;
        writeln!(out, "Sanctioned jurisdictions:")?;
        for (i, j) in r.jurisdictions.iter().enumerate() {
            writeln!(
                out,
                "J{:<3} {:<13} {:<6} {} ({})",
                i + 1,
                format!("{}..{}", j.start, j.end),
                j.code,
                j.surface,
                j.name
            )?;
        }
    }
    Ok(())
}
