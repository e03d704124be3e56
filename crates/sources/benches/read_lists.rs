//! How long reading each real list takes: every list under `lists/` of the shared data folder
//! (`$EMBARGO_SHARED_DATA`, else `../shared/data` beside the workspace), read with format
//! detection as `embargo` reads it, then all of them together with linking.
//!
//! ```text
//! cargo bench -p embargo-sources --bench read_lists            # every list
//! cargo bench -p embargo-sources --bench read_lists -- un/     # lists whose path contains "un/"
//! EMBARGO_BENCH_RUNS=11 cargo bench -p embargo-sources --bench read_lists
//! ```
//!
//! Each list is read once to warm the file cache, then `EMBARGO_BENCH_RUNS` times (5 unless
//! set); the median and the fastest run are printed, with the throughput of the median. A list
//! that cannot be read (a folder of OFAC files without its `sdn.csv`) is reported and left out of
//! the total. The target: all of them well under a second in total in release mode.
//!
//! A plain `harness = false` main rather than criterion: what matters is one table of figures
//! per list, read at a glance and pasted into a review.

use embargo_sources::{read_list, read_lists, Format};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// File names that make a folder one OFAC CSV list (read as a set, not file by file).
const OFAC_FILES: &[&str] = &[
    "sdn.csv",
    "alt.csv",
    "add.csv",
    "sdn_comments.csv",
    "cons_prim.csv",
    "cons_alt.csv",
    "cons_add.csv",
    "cons_comments.csv",
];

fn shared_data() -> PathBuf {
    match std::env::var_os("EMBARGO_SHARED_DATA") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

/// Every list under `dir`: OFAC folders as one list, every other file as a list of its own.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    let is_ofac_folder = entries.iter().any(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| OFAC_FILES.contains(&n.to_ascii_lowercase().as_str()))
    });
    if is_ofac_folder {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name.eq_ignore_ascii_case("README.md") {
            continue;
        }
        if p.is_dir() {
            collect(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

fn size_of(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .map(|rd| {
                rd.flatten()
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    } else {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters lists by path.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let runs: usize = std::env::var("EMBARGO_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(5);
    let root = shared_data().join("lists");
    let mut lists = Vec::new();
    if let Err(e) = collect(&root, &mut lists) {
        eprintln!(
            "read_lists: cannot list {} ({e}); set EMBARGO_SHARED_DATA to the shared data folder",
            root.display()
        );
        std::process::exit(2);
    }
    let label = |p: &Path| {
        p.strip_prefix(&root)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    };
    lists.retain(|p| filters.is_empty() || filters.iter().any(|f| label(p).contains(f.as_str())));
    if cfg!(debug_assertions) {
        println!("note: built without optimisations; run `cargo bench` for release figures");
    }
    println!(
        "reading {} lists under {} (median and fastest of {runs} runs after one warm-up)\n",
        lists.len(),
        root.display()
    );
    println!(
        "{:<48} {:<9} {:>8} {:>9} {:>8} {:>10} {:>10} {:>8}",
        "list", "format", "MB", "entities", "problems", "median ms", "fastest ms", "MB/s"
    );
    let mut total = Duration::ZERO;
    let mut total_bytes = 0u64;
    let mut readable: Vec<(PathBuf, Format)> = Vec::new();
    for path in &lists {
        let name = label(path);
        // The warm-up read, which also tells whether the list can be read at all.
        let read = embargo_sources::detect(path).and_then(|f| Ok((f, read_list(path, None)?)));
        let (format, doc) = match read {
            Ok(r) => r,
            Err(e) => {
                println!("{name:<48} not read: {e}");
                continue;
            }
        };
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let doc = read_list(path, None).expect("read once, reads again");
                let elapsed = start.elapsed();
                std::hint::black_box(doc);
                elapsed
            })
            .collect();
        let med = median(&mut times);
        let bytes = size_of(path);
        total += med;
        total_bytes += bytes;
        println!(
            "{name:<48} {:<9} {:>8.2} {:>9} {:>8} {:>10.1} {:>10.1} {:>8.0}",
            format.as_str(),
            bytes as f64 / 1e6,
            doc.entities.len(),
            doc.problems.len(),
            ms(med),
            ms(times[0]),
            bytes as f64 / 1e6 / med.as_secs_f64()
        );
        readable.push((path.clone(), format));
    }
    println!(
        "\n{:<48} {:<9} {:>8.2} {:>9} {:>8} {:>10.1}",
        "total (sum of medians)",
        "",
        total_bytes as f64 / 1e6,
        "",
        "",
        ms(total)
    );

    // All readable lists at once, linked, as `embargo screen` with every list loads them.
    if readable.len() > 1 {
        let pairs: Vec<(&Path, Option<Format>)> = readable
            .iter()
            .map(|(p, f)| (p.as_path(), Some(*f)))
            .collect();
        let mut times: Vec<Duration> = Vec::new();
        let mut entities = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let docs = read_lists(&pairs).expect("every list was read alone");
            times.push(start.elapsed());
            entities = docs.iter().map(|d| d.entities.len()).sum();
            std::hint::black_box(docs);
        }
        let med = median(&mut times);
        println!(
            "{:<48} {:<9} {:>8} {:>9} {:>8} {:>10.1} {:>10.1}",
            format!("all {} together, linked", readable.len()),
            "",
            "",
            entities,
            "",
            ms(med),
            ms(times[0])
        );
    }
}
