//! `embargo lists`: what a list file holds and what reading it found.
//!
//! `embargo lists inspect PATH…` reads each list on its own and reports, per list: the dataset and
//! version, entities per schema, programme and source list, how many entities carry each kind of
//! fact the readers parse (birth dates, nationalities, identifiers by kind, addresses, relations,
//! original-script names, weak aliases), and the problems met, by severity. Several lists are then
//! linked as screening links them, and what linking merged is reported too. The figures are taken
//! per list *before* linking, so they describe the files as published.
//!
//! `embargo lists diff OLD NEW` compares two versions of one list (see
//! [`embargo_sources::diff`]): what was added, removed and changed, field by field.

use crate::lists_arg::parse_format;
use anyhow::Result;
use embargo_model::{Entity, ListDocument, NameKind, Problem, Severity};
use embargo_names::Script;
use embargo_sources::diff::{field_class, Diff, FieldClass};
use embargo_sources::{link, Format};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const INSPECT_EXIT_STATUS: &str = "\
Exit status:
  0  every list was read; problems, if any, are warnings (a value kept as text or a best reading)
  1  every list was read, but at least one problem is an error (a record or value was left out)
  2  a list could not be read at all (missing file, unknown format, nothing readable in it)";

#[derive(clap::Subcommand)]
pub enum Command {
    /// Read lists and report what they hold: entities per schema, programme and source list;
    /// the facts parsed; the problems found.
    #[command(after_help = INSPECT_EXIT_STATUS)]
    Inspect(InspectArgs),
    /// Compare two versions of a list: entities added, removed and changed, with the changed
    /// fields (FtM property names) and whether matching uses them.
    Diff(DiffArgs),
}

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The older version: a list file, or a folder for multi-file lists (OFAC CSV).
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The newer version, in the same form.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// The format of both lists, when detection cannot tell it.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    input_format: Option<Format>,
    /// `text` for reading (counts, then every entity with its changed values), `json` for tools:
    /// `{"added": [ids], "removed": [ids], "changed": [{"id", "fields": {F: {"old", "new"}}}]}`.
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
}

#[derive(clap::Args)]
pub struct InspectArgs {
    /// List files, or folders for multi-file lists (an OFAC CSV folder holding sdn.csv). Several
    /// lists are also linked, as for screening, and what linking merged is reported.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The format of every PATH, when detection cannot tell it.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    input_format: Option<Format>,
    /// `text` for reading (the 20 largest programmes, the first problems), `json` for tools
    /// (every programme and every problem).
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// How many problems text output shows per list.
    #[arg(long, value_name = "N", default_value_t = 20)]
    problems: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Output {
    Text,
    Json,
}

pub fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Inspect(a) => inspect(a),
        Command::Diff(a) => list_diff(a),
    }
}

fn list_diff(a: DiffArgs) -> Result<ExitCode> {
    // The reader errors name the file, so no further context is needed.
    let old = embargo_sources::read_list(&a.old, a.input_format)?;
    let new = embargo_sources::read_list(&a.new, a.input_format)?;
    let d = embargo_sources::diff::diff(&old, &new);
    let mut out = std::io::stdout().lock();
    match a.format {
        Output::Json => {
            serde_json::to_writer_pretty(&mut out, &d)?;
            writeln!(out)?;
        }
        Output::Text => {
            write_diff_header(&mut out, &a.old, &old, &a.new, &new)?;
            write_diff(&mut out, &d, &old, &new)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `old: PATH (dataset un, version 2020-11-24, 1,018 entities)` and the same for the new list.
pub(crate) fn write_diff_header(
    out: &mut impl Write,
    old_path: &Path,
    old: &ListDocument,
    new_path: &Path,
    new: &ListDocument,
) -> std::io::Result<()> {
    for (label, path, doc) in [("old", old_path, old), ("new", new_path, new)] {
        writeln!(
            out,
            "{label}: {} (dataset {}, version {}, {} entities)",
            path.display(),
            doc.dataset,
            doc.version.as_deref().unwrap_or("-"),
            thousands(doc.entities.len())
        )?;
    }
    Ok(())
}

/// The counts of a diff, one line each, with changed entities split by what their changes mean
/// for screening.
pub(crate) fn write_diff_summary(out: &mut impl Write, d: &Diff) -> std::io::Result<()> {
    let s = d.summary();
    writeln!(out, "added    {:>8}", thousands(s.added))?;
    writeln!(out, "removed  {:>8}", thousands(s.removed))?;
    writeln!(
        out,
        "changed  {:>8}  ({} in fields matching uses, {} in programmes only, {} in other fields only)",
        thousands(s.changed),
        thousands(s.changed_matching),
        thousands(s.changed_programme_only),
        thousands(s.changed_other_only)
    )
}

/// Counts, then every added and removed entity with its name, then every changed entity with
/// the values each changed field lost (`-`) and gained (`+`); fields matching uses are marked `*`.
pub(crate) fn write_diff(
    out: &mut impl Write,
    d: &Diff,
    old: &ListDocument,
    new: &ListDocument,
) -> std::io::Result<()> {
    write_diff_summary(out, d)?;
    fn captions(doc: &ListDocument) -> HashMap<&str, &str> {
        doc.entities
            .iter()
            .map(|e| (e.id.as_str(), e.caption()))
            .collect()
    }
    let old_captions = captions(old);
    let new_captions = captions(new);
    for (title, mark, ids, names) in [
        ("added", '+', &d.added, &new_captions),
        ("removed", '-', &d.removed, &old_captions),
    ] {
        if ids.is_empty() {
            continue;
        }
        writeln!(out, "\n{title} ({})", thousands(ids.len()))?;
        for id in ids {
            let name = names.get(id.as_str()).copied().unwrap_or("");
            writeln!(out, "  {mark} {id}  {name}")?;
        }
    }
    if !d.changed.is_empty() {
        writeln!(
            out,
            "\nchanged ({}; * marks fields matching uses)",
            thousands(d.changed.len())
        )?;
    }
    for c in &d.changed {
        let name = new_captions.get(c.id.as_str()).copied().unwrap_or("");
        writeln!(out, "  ~ {}  {name}", c.id)?;
        for (field, change) in &c.fields {
            let star = if field_class(field) == FieldClass::Matching {
                '*'
            } else {
                ' '
            };
            writeln!(out, "     {star}{field}")?;
            for v in change.removed() {
                writeln!(out, "        - {v}")?;
            }
            for v in change.added() {
                writeln!(out, "        + {v}")?;
            }
        }
    }
    Ok(())
}

/// How many programmes text output shows.
const TOP_PROGRAMS: usize = 20;

/// A name and how many entities carry it.
#[derive(Serialize)]
struct Count {
    name: String,
    entities: usize,
}

/// How many entities carry each kind of fact.
#[derive(Default, Serialize)]
struct Facts {
    names: usize,
    birth_dates: usize,
    birth_places: usize,
    /// Entities with a nationality or a citizenship.
    nationalities: usize,
    /// Entities with a country of residence, registration, jurisdiction or flag.
    countries: usize,
    gender: usize,
    positions: usize,
    identifiers: usize,
    /// Entities per identifier kind (`passport`, `imo`, `bic`…).
    identifiers_by_kind: BTreeMap<&'static str, usize>,
    addresses: usize,
    relations: usize,
    /// Entities with a relation whose target was resolved to an entity id.
    relations_resolved: usize,
    /// Entities with a name marked as original script or written in a non-Latin script.
    original_script: usize,
    /// Entities with a name the source marks as written in the original script (UN
    /// `NAME_ORIGINAL_SCRIPT`).
    original_script_marked: usize,
    /// Names per non-Latin script (`arabic`, `cyrillic`, `hangul`, `han`…).
    names_by_script: BTreeMap<&'static str, usize>,
    weak_aliases: usize,
    previous_names: usize,
    listed_on: usize,
    remarks: usize,
}

#[derive(Serialize)]
struct Problems {
    errors: usize,
    warnings: usize,
    /// Problems per field (`-` when the problem concerns a whole record or line).
    by_field: BTreeMap<String, usize>,
    /// Every problem in JSON; the first `--problems` in text.
    list: Vec<Problem>,
}

#[derive(Serialize)]
struct ListReport {
    path: String,
    format: &'static str,
    /// Whether the format was detected (not given with `--input-format`).
    detected: bool,
    dataset: String,
    version: Option<String>,
    entities: usize,
    schemas: BTreeMap<&'static str, usize>,
    /// FtM entities of other schemata (Sanction, Ownership, Address…) kept beside the screened ones.
    other_entities: BTreeMap<String, usize>,
    /// Entities per programme, largest first.
    programs: Vec<Count>,
    /// Entities per source list (an entity another list republishes names both).
    sources: Vec<Count>,
    facts: Facts,
    problems: Problems,
}

#[derive(Serialize)]
struct LinkCount {
    from: String,
    into: String,
    entities: usize,
}

#[derive(Serialize)]
struct Linking {
    /// Entities merged into an entity of another list.
    merged: usize,
    merges: Vec<LinkCount>,
    /// Screened entities of all lists after linking.
    entities_after: usize,
}

#[derive(Serialize)]
struct Report {
    lists: Vec<ListReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    linking: Option<Linking>,
    errors: usize,
    warnings: usize,
}

fn inspect(a: InspectArgs) -> Result<ExitCode> {
    let mut docs: Vec<ListDocument> = Vec::with_capacity(a.paths.len());
    let mut lists = Vec::with_capacity(a.paths.len());
    for path in &a.paths {
        // The reader errors name the file, so no further context is needed.
        let (format, detected) = match a.input_format {
            Some(f) => (f, false),
            None => (embargo_sources::detect(path)?, true),
        };
        let doc = embargo_sources::read_list(path, Some(format))?;
        lists.push(list_report(
            path.display().to_string(),
            format,
            detected,
            &doc,
        ));
        docs.push(doc);
    }
    let linking = (docs.len() > 1).then(|| {
        let report = link::link(&mut docs);
        let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
        for m in &report.merges {
            *counts
                .entry((m.from_dataset.clone(), m.into_dataset.clone()))
                .or_default() += 1;
        }
        Linking {
            merged: report.merged(),
            merges: counts
                .into_iter()
                .map(|((from, into), entities)| LinkCount {
                    from,
                    into,
                    entities,
                })
                .collect(),
            entities_after: docs.iter().map(|d| d.entities.len()).sum(),
        }
    });
    let report = Report {
        errors: lists.iter().map(|l| l.problems.errors).sum(),
        warnings: lists.iter().map(|l| l.problems.warnings).sum(),
        lists,
        linking,
    };
    match a.format {
        Output::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Output::Text => print_text(&report, a.problems),
    }
    Ok(if report.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Counts sorted largest first, then by name.
fn ranked(counts: HashMap<String, usize>) -> Vec<Count> {
    let mut v: Vec<Count> = counts
        .into_iter()
        .map(|(name, entities)| Count { name, entities })
        .collect();
    v.sort_by(|a, b| {
        b.entities
            .cmp(&a.entities)
            .then_with(|| a.name.cmp(&b.name))
    });
    v
}

fn list_report(path: String, format: Format, detected: bool, doc: &ListDocument) -> ListReport {
    let mut schemas: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut programs: HashMap<String, usize> = HashMap::new();
    let mut sources: HashMap<String, usize> = HashMap::new();
    let mut facts = Facts::default();
    for e in &doc.entities {
        *schemas.entry(e.schema.as_str()).or_default() += 1;
        for p in distinct(e.programs.iter()) {
            *programs.entry(p.clone()).or_default() += 1;
        }
        for s in e.datasets() {
            *sources.entry(s).or_default() += 1;
        }
        add_facts(&mut facts, e);
    }
    let mut other_entities: BTreeMap<String, usize> = BTreeMap::new();
    for o in &doc.other {
        let schema = o
            .get("schema")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("?");
        *other_entities.entry(schema.to_string()).or_default() += 1;
    }
    let mut by_field: BTreeMap<String, usize> = BTreeMap::new();
    for p in &doc.problems {
        *by_field
            .entry(p.field.clone().unwrap_or_else(|| "-".into()))
            .or_default() += 1;
    }
    let errors = doc
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    ListReport {
        path,
        format: format.as_str(),
        detected,
        dataset: doc.dataset.clone(),
        version: doc.version.clone(),
        entities: doc.entities.len(),
        schemas,
        other_entities,
        programs: ranked(programs),
        sources: ranked(sources),
        facts,
        problems: Problems {
            errors,
            warnings: doc.problems.len() - errors,
            by_field,
            list: doc.problems.clone(),
        },
    }
}

/// The values of a list without repeats, in order (readers keep lists unique, but a count per
/// entity must not depend on it).
fn distinct<'a, T: PartialEq + 'a>(values: impl Iterator<Item = &'a T>) -> Vec<&'a T> {
    let mut out: Vec<&T> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// The script a name is written in, when it is not Latin (or digits and symbols only).
fn non_latin_script(name: &str) -> Option<Script> {
    match Script::of_token(name) {
        Script::Latin | Script::Common => None,
        s => Some(s),
    }
}

fn add_facts(f: &mut Facts, e: &Entity) {
    fn count(n: &mut usize, present: bool) {
        *n += usize::from(present);
    }
    f.names += e.names.len();
    count(&mut f.birth_dates, !e.birth_dates.is_empty());
    count(&mut f.birth_places, !e.birth_places.is_empty());
    count(
        &mut f.nationalities,
        !e.nationalities.is_empty() || !e.citizenships.is_empty(),
    );
    count(&mut f.countries, !e.countries.is_empty());
    count(&mut f.gender, e.gender.is_some());
    count(&mut f.positions, !e.positions.is_empty());
    count(&mut f.identifiers, !e.identifiers.is_empty());
    for kind in distinct(e.identifiers.iter().map(|i| &i.kind)) {
        *f.identifiers_by_kind.entry(kind.as_str()).or_default() += 1;
    }
    count(&mut f.addresses, !e.addresses.is_empty());
    count(&mut f.relations, !e.relations.is_empty());
    count(
        &mut f.relations_resolved,
        e.relations.iter().any(|r| r.target_id.is_some()),
    );
    let mut original = false;
    for n in &e.names {
        let script = non_latin_script(&n.value);
        if let Some(s) = script {
            *f.names_by_script.entry(s.as_str()).or_default() += 1;
        }
        original |= script.is_some() || n.kind == NameKind::OriginalScript;
    }
    count(&mut f.original_script, original);
    count(
        &mut f.original_script_marked,
        e.names.iter().any(|n| n.kind == NameKind::OriginalScript),
    );
    count(
        &mut f.weak_aliases,
        e.names.iter().any(|n| n.kind == NameKind::WeakAlias),
    );
    count(
        &mut f.previous_names,
        e.names.iter().any(|n| n.kind == NameKind::Previous),
    );
    count(&mut f.listed_on, e.listed_on.is_some());
    count(&mut f.remarks, !e.remarks.is_empty());
}

/// `14965` → `14,965`.
fn thousands(n: usize) -> String {
    let reversed: Vec<char> = n.to_string().chars().rev().collect();
    let mut groups: Vec<String> = reversed
        .chunks(3)
        .map(|g| g.iter().rev().collect())
        .collect();
    groups.reverse();
    groups.join(",")
}

fn percent(n: usize, of: usize) -> String {
    if of == 0 {
        return String::new();
    }
    format!("{:5.1}%", 100.0 * n as f64 / of as f64)
}

/// `a 3, b 2` from ordered pairs.
fn inline<'a>(pairs: impl IntoIterator<Item = (&'a str, usize)>) -> String {
    pairs
        .into_iter()
        .map(|(k, n)| format!("{k} {}", thousands(n)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_text(report: &Report, show_problems: usize) {
    for (i, l) in report.lists.iter().enumerate() {
        if i > 0 {
            println!();
        }
        print_list(l, show_problems);
    }
    if let Some(link) = &report.linking {
        println!();
        println!("linking ({} lists)", report.lists.len());
        if link.merges.is_empty() {
            println!("  no entity is published in two of these lists (by published ids)");
        }
        for m in &link.merges {
            println!(
                "  {:>8}  {} entities merged into {} entities",
                thousands(m.entities),
                m.from,
                m.into
            );
        }
        println!(
            "  {:>8}  entities to screen after linking",
            thousands(link.entities_after)
        );
    }
    if report.lists.len() > 1 {
        println!();
        println!(
            "total: {} errors, {} warnings",
            thousands(report.errors),
            thousands(report.warnings)
        );
    }
}

fn print_list(l: &ListReport, show_problems: usize) {
    let n = l.entities;
    println!("{}", l.path);
    println!(
        "  format      {}{}",
        l.format,
        if l.detected { " (detected)" } else { "" }
    );
    println!("  dataset     {}", l.dataset);
    println!("  version     {}", l.version.as_deref().unwrap_or("-"));
    println!("  entities    {}", thousands(n));
    // Schemas largest first, as the programmes.
    let mut schemas: Vec<(&str, usize)> = l.schemas.iter().map(|(k, v)| (*k, *v)).collect();
    schemas.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if !schemas.is_empty() {
        println!("  schemas     {}", inline(schemas));
    }
    if !l.other_entities.is_empty() {
        let total: usize = l.other_entities.values().sum();
        println!(
            "  other FtM   {} ({})",
            thousands(total),
            inline(l.other_entities.iter().map(|(k, v)| (k.as_str(), *v)))
        );
    }

    if !l.programs.is_empty() {
        let shown = l.programs.len().min(TOP_PROGRAMS);
        if shown < l.programs.len() {
            println!("  programmes  {} (the {shown} largest)", l.programs.len());
        } else {
            println!("  programmes  {}", l.programs.len());
        }
        for c in &l.programs[..shown] {
            println!("    {:>8}  {}", thousands(c.entities), c.name);
        }
    } else {
        println!("  programmes  none stated");
    }
    println!("  source lists");
    for c in &l.sources {
        println!("    {:>8}  {}", thousands(c.entities), c.name);
    }

    let f = &l.facts;
    println!("  facts (entities with)");
    let row = |label: &str, count: usize, detail: String| {
        let detail = if detail.is_empty() {
            String::new()
        } else {
            format!("  {detail}")
        };
        println!(
            "    {label:<22}{:>8} {}{detail}",
            thousands(count),
            percent(count, n)
        );
    };
    row("birth dates", f.birth_dates, String::new());
    row("birth places", f.birth_places, String::new());
    row("nationalities", f.nationalities, String::new());
    row("countries", f.countries, String::new());
    row("gender", f.gender, String::new());
    row("positions", f.positions, String::new());
    let mut kinds: Vec<(&str, usize)> = f
        .identifiers_by_kind
        .iter()
        .map(|(k, v)| (*k, *v))
        .collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    row("identifiers", f.identifiers, inline(kinds));
    row("addresses", f.addresses, String::new());
    row(
        "relations",
        f.relations,
        if f.relations > 0 {
            format!("{} with a resolved target", thousands(f.relations_resolved))
        } else {
            String::new()
        },
    );
    let mut scripts: Vec<(&str, usize)> = f.names_by_script.iter().map(|(k, v)| (*k, *v)).collect();
    scripts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut detail: Vec<String> = Vec::new();
    if f.original_script_marked > 0 {
        detail.push(format!(
            "{} marked by the source",
            thousands(f.original_script_marked)
        ));
    }
    if !scripts.is_empty() {
        detail.push(format!("names: {}", inline(scripts)));
    }
    row(
        "original-script names",
        f.original_script,
        detail.join("; "),
    );
    row("weak aliases", f.weak_aliases, String::new());
    row("previous names", f.previous_names, String::new());
    row("listing dates", f.listed_on, String::new());
    row("remarks", f.remarks, String::new());

    let p = &l.problems;
    println!(
        "  problems    {} errors, {} warnings",
        thousands(p.errors),
        thousands(p.warnings)
    );
    if !p.by_field.is_empty() {
        let mut fields: Vec<(&str, usize)> =
            p.by_field.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        fields.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        println!("    by field: {}", inline(fields));
    }
    // Errors first: they say what was left out.
    let shown: Vec<&Problem> = p
        .list
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .chain(p.list.iter().filter(|x| x.severity == Severity::Warning))
        .take(show_problems)
        .collect();
    for problem in &shown {
        println!("    {problem}");
    }
    if p.list.len() > shown.len() {
        println!(
            "    … {} more (--format json lists them all)",
            thousands(p.list.len() - shown.len())
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(14965), "14,965");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn scripts_other_than_latin_are_original() {
        assert_eq!(non_latin_script("김정은"), Some(Script::Hangul));
        assert_eq!(non_latin_script("Владимир Путин"), Some(Script::Cyrillic));
        assert_eq!(non_latin_script("Müller"), None);
        assert_eq!(non_latin_script("EP-MNG 401"), None);
    }
}
