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
//! set); the median and the fastest run are printed, with the median CPU time of the reading
//! thread (Linux `schedstat`; it does not grow when other processes share the machine, wall time
//! does; some virtual machines account it by scheduler tick, 4 ms, so read it for large lists) and
//! the throughput of the median. A list
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

/// CPU time of this thread so far (Linux `schedstat`, nanoseconds): unlike wall time, it does not
/// grow when other processes share the machine. `None` where the file does not exist.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Wall and CPU time of one call.
fn timed<T>(f: impl FnOnce() -> T) -> (Duration, Option<Duration>, T) {
    let cpu0 = thread_cpu();
    let start = Instant::now();
    let out = f();
    let wall = start.elapsed();
    let cpu = thread_cpu().zip(cpu0).map(|(b, a)| b.saturating_sub(a));
    (wall, cpu, out)
}

fn cell(d: Option<Duration>) -> String {
    d.map(|d| format!("{:.1}", ms(d)))
        .unwrap_or_else(|| "-".into())
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
        "{:<44} {:<9} {:>6} {:>8} {:>8} {:>9} {:>9} {:>8} {:>6}",
        "list", "format", "MB", "entities", "problems", "median ms", "fastest", "CPU ms", "MB/s"
    );
    let mut total = Duration::ZERO;
    let mut total_cpu = Some(Duration::ZERO);
    let mut total_bytes = 0u64;
    let mut readable: Vec<(PathBuf, Format)> = Vec::new();
    for path in &lists {
        let name = label(path);
        // The warm-up read, which also tells whether the list can be read at all.
        let read = embargo_sources::detect(path).and_then(|f| Ok((f, read_list(path, None)?)));
        let (format, doc) = match read {
            Ok(r) => r,
            Err(e) => {
                println!("{name:<44} not read: {e}");
                continue;
            }
        };
        let mut times: Vec<Duration> = Vec::with_capacity(runs);
        let mut cpu: Vec<Duration> = Vec::with_capacity(runs);
        for _ in 0..runs {
            let (wall, c, doc) = timed(|| read_list(path, None).expect("read once, reads again"));
            std::hint::black_box(doc);
            times.push(wall);
            cpu.extend(c);
        }
        let med = median(&mut times);
        let cpu_med = (cpu.len() == runs).then(|| median(&mut cpu));
        let bytes = size_of(path);
        total += med;
        total_cpu = total_cpu.zip(cpu_med).map(|(t, c)| t + c);
        total_bytes += bytes;
        println!(
            "{name:<44} {:<9} {:>6.2} {:>8} {:>8} {:>9.1} {:>9.1} {:>8} {:>6.0}",
            format.as_str(),
            bytes as f64 / 1e6,
            doc.entities.len(),
            doc.problems.len(),
            ms(med),
            ms(times[0]),
            cell(cpu_med),
            bytes as f64 / 1e6 / med.as_secs_f64()
        );
        readable.push((path.clone(), format));
    }
    println!(
        "\n{:<44} {:<9} {:>6.2} {:>8} {:>8} {:>9.1} {:>9} {:>8}",
        "total (sum of medians)",
        "",
        total_bytes as f64 / 1e6,
        "",
        "",
        ms(total),
        "",
        cell(total_cpu)
    );

    // All readable lists at once, linked, as `embargo screen` with every list loads them.
    if readable.len() > 1 {
        let pairs: Vec<(&Path, Option<Format>)> = readable
            .iter()
            .map(|(p, f)| (p.as_path(), Some(*f)))
            .collect();
        let mut times: Vec<Duration> = Vec::new();
        let mut cpu: Vec<Duration> = Vec::new();
        let mut entities = 0;
        for _ in 0..runs {
            let (wall, c, docs) = timed(|| read_lists(&pairs).expect("every list was read alone"));
            times.push(wall);
            cpu.extend(c);
            entities = docs.iter().map(|d| d.entities.len()).sum();
            std::hint::black_box(docs);
        }
        let med = median(&mut times);
        let cpu_med = (cpu.len() == runs).then(|| median(&mut cpu));
        println!(
            "{:<44} {:<9} {:>6} {:>8} {:>8} {:>9.1} {:>9.1} {:>8}",
            format!("all {} together, linked", readable.len()),
            "",
            "",
            entities,
            "",
            ms(med),
            ms(times[0]),
            cell(cpu_med)
        );
    }
}
