//! `embargo eval`: matching quality on the labelled data, as `EVALUATION.md` defines it.

use anyhow::{Context, Result};
use embargo_eval::plot::Plots;
use embargo_eval::{control, metrics, pairs, screening, transliteration, Floors};
use embargo_matcher::{Index, MatchConfig};
use embargo_sources::Format;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// The shared data folder (holds `eval/` and `lists/`).
    #[arg(long, env = "EMBARGO_SHARED_DATA", default_value = "../shared/data")]
    data: PathBuf,
    /// Which sets to run (comma separated): pairs, translit, un, negatives, control.
    #[arg(
        long,
        default_value = "pairs,translit,un,negatives,control",
        value_delimiter = ','
    )]
    sets: Vec<String>,
    /// Fail (exit 1) when a figure is below its floor in this file.
    #[arg(long)]
    floors: Option<PathBuf>,
    /// Write every figure as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Print this many misses per set.
    #[arg(long, default_value_t = 10)]
    show: usize,
    /// Draw each set's score distributions (and precision–recall curve where pairs are labelled)
    /// as SVG files in this folder, with an index.html showing them.
    #[arg(long, value_name = "DIR")]
    plot: Option<PathBuf>,
}

fn load_index(paths: &[PathBuf], format: Format) -> Result<Index> {
    let refs: Vec<(&Path, Option<Format>)> =
        paths.iter().map(|p| (p.as_path(), Some(format))).collect();
    let docs = embargo_sources::read_lists(&refs).context("reading lists")?;
    Ok(Index::build(&docs))
}

pub fn run(a: Args) -> Result<ExitCode> {
    let config = MatchConfig::default();
    let t = config.threshold;
    let d = &a.data;
    let mut figures: BTreeMap<String, f64> = BTreeMap::new();
    let mut report = serde_json::Map::new();
    let want = |s: &str| a.sets.iter().any(|x| x == s);
    let mut plots = a.plot.as_deref().map(|p| Plots::new(p, t)).transpose()?;

    if want("pairs") {
        let p = pairs::load(&d.join("eval/name-pairs/pairs.csv"))?;
        let r = pairs::evaluate(&p, &config);
        let m = &r.metrics;
        println!(
            "name pairs ({}): precision {:.3} recall {:.3} F1 {:.3} at {t}; best F1 {:.3} at {:.4}; ROC AUC {:.3}",
            m.pairs, m.at_threshold.precision, m.at_threshold.recall, m.at_threshold.f1,
            m.best_f1.f1, m.best_f1.threshold, m.roc_auc
        );
        for (g, (fnn, fp, n)) in &r.misses_per_group {
            println!("  {g}: {fnn} missed matches, {fp} false matches of {n}");
        }
        for miss in r.misses.iter().take(a.show) {
            println!(
                "  miss: {} | {} | expected {} | {:.3}",
                miss.name1, miss.name2, miss.is_match, miss.score
            );
        }
        if let Some(p) = plots.as_mut() {
            p.pairs("pairs", "Name pairs", &r.scored)?;
        }
        figures.insert("pairs.precision".into(), m.at_threshold.precision);
        figures.insert("pairs.recall".into(), m.at_threshold.recall);
        figures.insert("pairs.f1".into(), m.at_threshold.f1);
        figures.insert("pairs.auc".into(), m.roc_auc);
        report.insert("pairs".into(), serde_json::to_value(&r)?);
    }

    if want("translit") {
        let sets = [
            (
                "korean_full",
                "korean-full-names.tsv",
                "Hangul ↔ English full names",
            ),
            ("words_korean", "words-korean.tsv", "Korean words"),
            ("words_arabic", "words-arabic.tsv", "Arabic words"),
            ("words_russian", "words-russian.tsv", "Russian words"),
            ("words_chinese", "words-chinese.tsv", "Chinese words"),
            ("words_katakana", "words-katakana.tsv", "Katakana words"),
            ("words_hebrew", "words-hebrew.tsv", "Hebrew words"),
        ];
        for (name, file, title) in sets {
            let path = d.join("eval/transliteration").join(file);
            let scored = transliteration::score(&path, &config)?;
            let m = metrics::pair_metrics(&scored, t);
            if let Some(p) = plots.as_mut() {
                p.pairs(
                    &format!("translit-{name}"),
                    &format!("Transliteration: {title}"),
                    &scored,
                )?;
            }
            println!(
                "transliteration {name} ({} pairs): precision {:.3} recall {:.3} at {t}; ROC AUC {:.3}",
                m.pairs, m.at_threshold.precision, m.at_threshold.recall, m.roc_auc
            );
            figures.insert(
                format!("translit.{name}.precision"),
                m.at_threshold.precision,
            );
            figures.insert(format!("translit.{name}.recall"), m.at_threshold.recall);
            figures.insert(format!("translit.{name}.auc"), m.roc_auc);
            report.insert(format!("translit_{name}"), serde_json::to_value(&m)?);
        }
    }

    let need_un = want("un") || want("negatives") || want("control");
    let un = if need_un {
        let start = Instant::now();
        let idx = load_index(
            &[d.join("lists/un/consolidated-2026-02-27.xml")],
            Format::UnXml,
        )?;
        eprintln!(
            "UN 2026 index: {} entities in {:.2?}",
            idx.len(),
            start.elapsed()
        );
        Some(idx)
    } else {
        None
    };

    if let (true, Some(un)) = (want("un"), &un) {
        let expected = screening::load_expected(&d.join("eval/un-positives/expected.csv"))?;
        for set in ["untreated", "treated"] {
            let queries = screening::load_queries(&d.join(format!("eval/un-positives/{set}.csv")))?;
            for (variant, qs) in [
                ("with qualifiers", queries.clone()),
                (
                    "name only",
                    queries.iter().map(screening::name_only).collect(),
                ),
            ] {
                let start = Instant::now();
                let res = screening::run(un, &qs, &config);
                let el = start.elapsed();
                let r = screening::recall(&qs, &res, &expected, t);
                println!(
                    "UN {set} ({variant}, {} evaluated): recall@{t} {:.3}, recall@1 {:.3}  [{:.0} queries/s]",
                    r.evaluated, r.recall_at_threshold, r.recall_at_1,
                    qs.len() as f64 / el.as_secs_f64()
                );
                for m in r.misses.iter().take(a.show) {
                    println!("  miss #{}: {} -> {}", m.0, m.1, m.2);
                }
                let key = format!(
                    "un.{set}.{}",
                    if variant == "name only" {
                        "name_only"
                    } else {
                        "qualified"
                    }
                );
                if let Some(p) = plots.as_mut() {
                    p.recall(
                        &key.replace('.', "-"),
                        &format!("UN positives, {set} ({variant}), against UN 2026"),
                        &r,
                    )?;
                }
                figures.insert(format!("{key}.recall"), r.recall_at_threshold);
                figures.insert(format!("{key}.recall_at_1"), r.recall_at_1);
                report.insert(key, serde_json::to_value(&r)?);
            }
        }
    }

    if let (true, Some(un)) = (want("negatives"), &un) {
        let start = Instant::now();
        let ofac = load_index(&[d.join("lists/ofac-sdn/2024-05-03")], Format::OfacCsv)?;
        eprintln!(
            "OFAC SDN 2024 index: {} entities in {:.2?}",
            ofac.len(),
            start.elapsed()
        );
        for set in ["global", "us"] {
            let queries = screening::load_queries(&d.join(format!("eval/negatives/{set}.csv")))?;
            for (list, idx) in [("un", un), ("ofac", &ofac)] {
                for (variant, qs) in [
                    ("with qualifiers", queries.clone()),
                    (
                        "name only",
                        queries.iter().map(screening::name_only).collect::<Vec<_>>(),
                    ),
                ] {
                    let start = Instant::now();
                    let res = screening::run(idx, &qs, &config);
                    let el = start.elapsed();
                    let r = screening::false_alerts(&qs, &res, t);
                    println!(
                        "negatives {set} vs {list} ({variant}): false alerts {:.4} at {t}, {:.4} at 0.8, {:.4} at 0.9  [{:.0} queries/s]",
                        r.rate_at_threshold, r.rate_at_0_8, r.rate_at_0_9,
                        qs.len() as f64 / el.as_secs_f64()
                    );
                    if r.alerts > 0 {
                        println!(
                            "  exact homonyms: {} of {} alerts ({:.0} %); every token aligned: {} ({:.0} %)",
                            r.exact_homonyms,
                            r.alerts,
                            100.0 * r.exact_homonyms as f64 / r.alerts as f64,
                            r.fully_aligned,
                            100.0 * r.fully_aligned as f64 / r.alerts as f64
                        );
                    }
                    for w in r.worst.iter().take(a.show.min(5)) {
                        println!("  alert: {} -> {} ({}) {:.3}", w.0, w.1, w.2, w.3);
                    }
                    let key = format!(
                        "negatives.{set}.{list}.{}",
                        if variant == "name only" {
                            "name_only"
                        } else {
                            "qualified"
                        }
                    );
                    if let Some(p) = plots.as_mut() {
                        let list = if list == "un" {
                            "UN 2026"
                        } else {
                            "OFAC SDN 2024"
                        };
                        p.false_alerts(
                            &key.replace('.', "-"),
                            &format!("Negatives, {set} ({variant}), against {list}"),
                            &r,
                        )?;
                    }
                    figures.insert(format!("{key}.rate"), r.rate_at_threshold);
                    report.insert(key, serde_json::to_value(&r)?);
                }
            }
        }
    }

    if let (true, Some(un)) = (want("control"), &un) {
        let r = control::evaluate(un, &config);
        println!("control UN ({} names): recall {:.4}", r.names, r.recall);
        for (s, (f, n)) in &r.per_script {
            println!("  {s}: {f}/{n}");
        }
        for m in r.misses.iter().take(a.show) {
            println!("  miss: {} {} {:.3}", m.0, m.1, m.2);
        }
        if let Some(p) = plots.as_mut() {
            p.control("control-un", "Control: every published UN name", &r)?;
        }
        figures.insert("control.un.recall".into(), r.recall);
        report.insert("control_un".into(), serde_json::to_value(&r)?);
    }

    if let Some(p) = &plots {
        let index = p.write_index()?;
        println!("{} charts: {}", p.charts().len(), index.display());
    }
    report.insert("figures".into(), serde_json::to_value(&figures)?);
    if let Some(p) = &a.json {
        std::fs::write(p, serde_json::to_string_pretty(&report)?)
            .with_context(|| p.display().to_string())?;
    }
    if let Some(f) = &a.floors {
        let floors = Floors::load(f)?;
        let measured: BTreeMap<String, f64> = figures;
        let applicable = Floors(
            floors
                .0
                .into_iter()
                .filter(|(k, _)| {
                    let set = k.split('.').next().unwrap_or("");
                    let set = if set == "translit" { "translit" } else { set };
                    want(set)
                })
                .collect(),
        );
        let v = applicable.check(&measured);
        if !v.is_empty() {
            for line in &v {
                eprintln!("FLOOR: {line}");
            }
            return Ok(ExitCode::from(1));
        }
        println!("all {} floors hold", applicable.0.len());
    }
    Ok(ExitCode::SUCCESS)
}
