//! Speed of the matcher on the real lists and eval queries of the shared data folder
//! (`$EMBARGO_SHARED_DATA`, else `../shared/data` beside the workspace), against the targets of
//! issue 3 ("Speed"):
//!
//! - `build`: index build over UN 2026 + OFAC SDN 2024 + CSL 2022 (< 2 s, < 500 MB resident);
//! - `latency`: one query at a time, one thread, the UN treated positives and the global/us
//!   negatives with their qualifiers (p50 < 1 ms, p99 < 5 ms);
//! - `batch`: the same queries screened with rayon on 2 threads (>= 5,000 queries/s);
//! - `pairs`: `compare_names` on the 419 pairs of `eval/name-pairs/pairs.csv`, repeated (pairs per
//!   CPU-second; `scripts/bench/peer.sh` sets it beside nomenklatura logic-v2's on the same pairs).
//!
//! ```text
//! cargo bench -p embargo-matcher --bench matching                 # every section
//! cargo bench -p embargo-matcher --bench matching -- pairs        # some sections only
//! EMBARGO_BENCH_RUNS=7 cargo bench -p embargo-matcher --bench matching -- --json figures.json
//! ```
//!
//! Every figure is the median of `EMBARGO_BENCH_RUNS` runs (5 for build and pairs, 3 for latency
//! and batch unless set) after a warm-up, with CPU time (`getrusage` / thread CPU clock) beside
//! wall time, and the load average of the machine when it was taken: on a shared machine the
//! wall figures grow with the load, the CPU figures much less. `EMBARGO_BENCH_QUERIES=N` keeps the
//! first N queries of each file (for a quick look); `EMBARGO_BENCH_SCRIPT=Latin` keeps only the queries
//! whose name is in that script (to measure or profile one path alone); `EMBARGO_BENCH_SLOWEST=N`
//! lists the N slowest queries (8 unless set).
//!
//! A plain `harness = false` main rather than criterion: one table of figures, with the target
//! beside each, to read at a glance and paste into a review.

use embargo_matcher::{compare_names, Index, MatchConfig, Query};
use embargo_model::Schema;
use embargo_names::script::Script;
use embargo_sources::{read_lists, Format};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Measuring: CPU clocks, memory, load.

#[cfg(target_os = "linux")]
mod sys {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    #[repr(C)]
    struct Timeval {
        sec: i64,
        usec: i64,
    }
    #[repr(C)]
    struct Rusage {
        utime: Timeval,
        stime: Timeval,
        rest: [i64; 14],
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    const RUSAGE_SELF: i32 = 0;

    /// CPU time of the calling thread, nanoseconds.
    pub fn thread_cpu_ns() -> u64 {
        let mut t = Timespec { sec: 0, nsec: 0 };
        // SAFETY: `t` is a valid, writable timespec; the clock id is a Linux constant.
        let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
        if rc != 0 {
            return 0;
        }
        t.sec as u64 * 1_000_000_000 + t.nsec as u64
    }

    /// The process's resource usage (every thread), or `None` if the call fails.
    fn rusage() -> Option<Rusage> {
        let mut u = Rusage {
            utime: Timeval { sec: 0, usec: 0 },
            stime: Timeval { sec: 0, usec: 0 },
            rest: [0; 14],
        };
        // SAFETY: `u` has the layout of `struct rusage` on 64-bit Linux.
        let rc = unsafe { getrusage(RUSAGE_SELF, &mut u) };
        (rc == 0).then_some(u)
    }

    /// User + system CPU time of the whole process (every thread), nanoseconds.
    pub fn process_cpu_ns() -> u64 {
        let us = |t: &Timeval| t.sec as u64 * 1_000_000 + t.usec as u64;
        rusage().map_or(0, |u| (us(&u.utime) + us(&u.stime)) * 1000)
    }

    /// Times the process's threads gave up their core to wait (voluntary context switches:
    /// a lock, a condition, I/O): `ru_nvcsw`, the 13th field after the two times.
    pub fn process_waits() -> u64 {
        rusage().map_or(0, |u| u.rest[12] as u64)
    }
}

#[cfg(not(target_os = "linux"))]
mod sys {
    pub fn thread_cpu_ns() -> u64 {
        0
    }
    pub fn process_cpu_ns() -> u64 {
        0
    }
    pub fn process_waits() -> u64 {
        0
    }
}

/// A `VmRSS`-style field of `/proc/self/status`, in MB.
fn status_mb(field: &str) -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line[field.len()..]
        .trim_start_matches(':')
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn mb(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.0} MB"))
        .unwrap_or_else(|| "n/a".into())
}

/// The 1, 5 and 15 minute load averages, as `uptime` prints them.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "n/a".into())
}

fn median_f(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    v[v.len() / 2]
}

/// Nearest-rank percentile of sorted values.
fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A positive count from the environment variable `k`.
fn env_n(k: &str) -> Option<usize> {
    std::env::var(k)
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| *n > 0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "MISSED"
    }
}

/// Figures for `--json`.
#[derive(Default)]
struct Figures(Vec<(String, f64)>);

impl Figures {
    fn put(&mut self, k: &str, v: f64) {
        self.0.push((k.to_string(), v));
    }
    fn to_json(&self, extra: &[(&str, String)]) -> String {
        let mut s = String::from("{");
        for (k, v) in extra {
            let _ = write!(s, "\"{k}\":{},", json_str(v));
        }
        for (i, (k, v)) in self.0.iter().enumerate() {
            let v = if v.is_finite() {
                format!("{v}")
            } else {
                "null".into()
            };
            let _ = write!(s, "{}\"{k}\":{v}", if i > 0 { "," } else { "" });
        }
        s.push('}');
        s
    }
}

fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

// ---------------------------------------------------------------------------------------------
// Data.

fn shared_data() -> PathBuf {
    match std::env::var_os("EMBARGO_SHARED_DATA") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

const LISTS: &[(&str, Format)] = &[
    ("lists/un/consolidated-2026-02-27.xml", Format::UnXml),
    ("lists/ofac-sdn/2024-05-03", Format::OfacCsv),
    ("lists/us-csl/2022/consolidated.csv", Format::Csl),
];

const QUERY_FILES: &[(&str, &str)] = &[
    ("un-treated", "eval/un-positives/treated.csv"),
    ("neg-global", "eval/negatives/global.csv"),
    ("neg-us", "eval/negatives/us.csv"),
];

/// A labelled name pair of `pairs.csv`.
struct Pair {
    schema: Schema,
    name1: String,
    name2: String,
    is_match: bool,
}

/// Records of a CSV file with a header (RFC 4180 quoting), as maps from column to value.
fn read_csv(path: &Path) -> Vec<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}; set EMBARGO_SHARED_DATA", path.display()));
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    let mut it = rows.into_iter();
    let header = it.next().unwrap_or_default();
    it.map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}

fn read_pairs(path: &Path) -> Vec<Pair> {
    read_csv(path)
        .into_iter()
        .map(|r| {
            let get = |k: &str| {
                r.iter()
                    .find(|(h, _)| h == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            Pair {
                schema: get("schema").parse().unwrap_or(Schema::Person),
                name1: get("name1"),
                name2: get("name2"),
                is_match: get("is_match").eq_ignore_ascii_case("true"),
            }
        })
        .collect()
}

/// Precision, recall, F1 at `t` and ROC AUC (Mann–Whitney, average ranks), as EVALUATION.md
/// defines them: a cross-check that the pairs scored here are the pairs `embargo eval` scores.
fn pair_quality(scores: &[(f64, bool)], t: f64) -> (f64, f64, f64, f64) {
    let tp = scores.iter().filter(|(s, m)| *m && *s >= t).count() as f64;
    let fp = scores.iter().filter(|(s, m)| !*m && *s >= t).count() as f64;
    let pos = scores.iter().filter(|(_, m)| *m).count() as f64;
    let neg = scores.len() as f64 - pos;
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if pos > 0.0 { tp / pos } else { 0.0 };
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let mut sorted: Vec<(f64, bool)> = scores.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut rank_sum_pos = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        let avg_rank = (i + 1 + j) as f64 / 2.0;
        rank_sum_pos += avg_rank * sorted[i..j].iter().filter(|(_, m)| *m).count() as f64;
        i = j;
    }
    let auc = (rank_sum_pos - pos * (pos + 1.0) / 2.0) / (pos * neg);
    (p, r, f1, auc)
}

// ---------------------------------------------------------------------------------------------
// Sections.

struct Settings {
    runs: Option<usize>,
    query_limit: Option<usize>,
    /// Keep only the queries whose name is in this script (`EMBARGO_BENCH_SCRIPT=Latin`), to
    /// measure or profile one path alone.
    script: Option<String>,
}

impl Settings {
    fn runs(&self, default: usize) -> usize {
        self.runs.unwrap_or(default)
    }
}

fn build_section(data: &Path, s: &Settings, fig: &mut Figures) -> Index {
    let runs = s.runs(5);
    println!("== (a) index build: UN 2026 + OFAC SDN 2024 + CSL 2022");
    let rss0 = status_mb("VmRSS");
    let paths: Vec<(PathBuf, Option<Format>)> = LISTS
        .iter()
        .map(|(p, f)| (data.join(p), Some(*f)))
        .collect();
    let refs: Vec<(&Path, Option<Format>)> = paths.iter().map(|(p, f)| (p.as_path(), *f)).collect();
    let start = Instant::now();
    let cpu0 = sys::thread_cpu_ns();
    let docs = read_lists(&refs).unwrap_or_else(|e| {
        eprintln!("matching: cannot read the lists under {} ({e}); set EMBARGO_SHARED_DATA to the shared data folder", data.display());
        std::process::exit(2)
    });
    let read_wall = start.elapsed();
    let read_cpu = sys::thread_cpu_ns() - cpu0;
    let rss_docs = status_mb("VmRSS");
    let n_entities: usize = docs.iter().map(|d| d.entities.len()).sum();
    for (d, (p, _)) in docs.iter().zip(LISTS) {
        println!("  {p}: {} entities", d.entities.len());
    }
    println!(
        "  lists read (not part of the build figure): {:.0} ms wall, {:.0} ms CPU",
        ms(read_wall),
        read_cpu as f64 / 1e6
    );

    // The first build is the memory measurement: nothing else has run in this process yet.
    let start = Instant::now();
    let cpu0 = sys::thread_cpu_ns();
    let mut index = Index::build(&docs);
    let first_wall = start.elapsed();
    let first_cpu = sys::thread_cpu_ns() - cpu0;
    let rss_index = status_mb("VmRSS");
    let hwm = status_mb("VmHWM");

    let mut walls = vec![ms(first_wall)];
    let mut cpus = vec![first_cpu as f64 / 1e6];
    for _ in 1..runs {
        drop(index);
        let start = Instant::now();
        let cpu0 = sys::thread_cpu_ns();
        index = Index::build(&docs);
        walls.push(ms(start.elapsed()));
        cpus.push((sys::thread_cpu_ns() - cpu0) as f64 / 1e6);
    }
    let fastest = walls.iter().copied().fold(f64::INFINITY, f64::min);
    let wall = median_f(&mut walls);
    let cpu = median_f(&mut cpus);
    drop(docs);
    let rss_after_drop = status_mb("VmRSS");
    let index_mb = rss_index.zip(rss_docs).map(|(a, b)| a - b);
    println!(
        "  {} entities, {} dictionary tokens",
        n_entities,
        index.dictionary_len()
    );
    println!(
        "  build time: median {wall:.0} ms wall (fastest {fastest:.0}), {cpu:.0} ms CPU, {runs} runs   target < 2000 ms  {}   [load {}]",
        verdict(wall < 2000.0),
        load()
    );
    println!(
        "  memory: RSS {} at start, {} with the lists read, {} with the index built (index alone ≈ {}), peak VmHWM {}; {} once the lists are dropped   target < 500 MB  {}",
        mb(rss0),
        mb(rss_docs),
        mb(rss_index),
        mb(index_mb),
        mb(hwm),
        mb(rss_after_drop),
        verdict(hwm.is_none_or(|h| h < 500.0))
    );
    fig.put("build.entities", n_entities as f64);
    fig.put("build.wall_ms", wall);
    fig.put("build.cpu_ms", cpu);
    fig.put("build.rss_mb", rss_index.unwrap_or(f64::NAN));
    fig.put("build.index_mb", index_mb.unwrap_or(f64::NAN));
    fig.put("build.hwm_mb", hwm.unwrap_or(f64::NAN));
    index
}

fn load_queries(data: &Path, s: &Settings) -> Vec<(&'static str, Query)> {
    let mut out = Vec::new();
    for (set, rel) in QUERY_FILES {
        let path = data.join(rel);
        let file = embargo_batch::read_queries(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let n = s.query_limit.unwrap_or(usize::MAX);
        out.extend(file.queries.into_iter().take(n).map(|q| (*set, q)));
    }
    if let Some(want) = &s.script {
        out.retain(|(_, q)| query_script(q).eq_ignore_ascii_case(want));
        println!("  EMBARGO_BENCH_SCRIPT={want}: {} queries kept", out.len());
    }
    out
}

/// The script of a query's first name: that of its first token not in the common script.
fn query_script(q: &Query) -> &'static str {
    let name = q.names.first().map(String::as_str).unwrap_or("");
    name.split_whitespace()
        .map(Script::of_token)
        .find(|s| *s != Script::Common)
        .unwrap_or(Script::Common)
        .as_str()
}

fn latency_section(
    index: &Index,
    queries: &[(&'static str, Query)],
    s: &Settings,
    fig: &mut Figures,
) {
    let runs = s.runs(3);
    let config = MatchConfig::default();
    println!(
        "\n== (b) single-query latency, one thread: {} queries (UN treated + negatives global/us, with qualifiers)",
        queries.len()
    );
    for (_, q) in queries.iter().take(300) {
        std::hint::black_box(index.search(q, &config));
    }
    // Per run: wall and CPU per query; per query: its CPU time in the last run, for the slowest.
    let mut p50w = Vec::new();
    let mut p99w = Vec::new();
    let mut p50c = Vec::new();
    let mut p99c = Vec::new();
    let mut maxc = Vec::new();
    let mut meanc = Vec::new();
    let mut per_set: Vec<(&str, Vec<f64>, Vec<f64>)> = Vec::new();
    let mut last_cpu: Vec<f64> = Vec::new();
    let mut alerts = 0usize;
    let mut results = 0usize;
    for run in 0..runs {
        let mut wall = Vec::with_capacity(queries.len());
        let mut cpu = Vec::with_capacity(queries.len());
        alerts = 0;
        results = 0;
        // Each run starts with no similarity shared from the warm-up or the run before: the
        // same queries again would find every one of them, which no real batch does.
        index.clear_shared();
        for (_, q) in queries {
            let c0 = sys::thread_cpu_ns();
            let t0 = Instant::now();
            let hits = index.search(q, &config);
            let w = t0.elapsed();
            let c = sys::thread_cpu_ns() - c0;
            results += hits.len();
            alerts += hits.iter().any(|h| h.is_match) as usize;
            std::hint::black_box(hits);
            wall.push(w.as_secs_f64() * 1e3);
            cpu.push(c as f64 / 1e6);
        }
        if run == runs - 1 {
            for (set, _) in QUERY_FILES {
                let (w, c): (Vec<f64>, Vec<f64>) = queries
                    .iter()
                    .zip(wall.iter().zip(&cpu))
                    .filter(|((s, _), _)| s == set)
                    .map(|(_, (w, c))| (*w, *c))
                    .unzip();
                per_set.push((set, w, c));
            }
            last_cpu = cpu.clone();
        }
        meanc.push(cpu.iter().sum::<f64>() / cpu.len().max(1) as f64);
        wall.sort_by(f64::total_cmp);
        cpu.sort_by(f64::total_cmp);
        p50w.push(pct(&wall, 50.0));
        p99w.push(pct(&wall, 99.0));
        p50c.push(pct(&cpu, 50.0));
        p99c.push(pct(&cpu, 99.0));
        maxc.push(*cpu.last().unwrap_or(&f64::NAN));
    }
    let (p50w, p99w, p50c, p99c) = (
        median_f(&mut p50w),
        median_f(&mut p99w),
        median_f(&mut p50c),
        median_f(&mut p99c),
    );
    let (maxc, meanc) = (median_f(&mut maxc), median_f(&mut meanc));
    println!(
        "  wall: p50 {p50w:.3} ms  p99 {p99w:.3} ms   targets p50 < 1 ms {}, p99 < 5 ms {}   (median of {runs} runs)  [load {}]",
        verdict(p50w < 1.0),
        verdict(p99w < 5.0),
        load()
    );
    println!(
        "  CPU:  p50 {p50c:.3} ms  p99 {p99c:.3} ms  mean {meanc:.3} ms  max {maxc:.1} ms   targets p50 < 1 ms {}, p99 < 5 ms {}",
        verdict(p50c < 1.0),
        verdict(p99c < 5.0)
    );
    for (set, mut w, mut c) in per_set {
        w.sort_by(f64::total_cmp);
        c.sort_by(f64::total_cmp);
        println!(
            "    {set:<11} {:>6} queries: wall p50 {:.3} p99 {:.3} ms; CPU p50 {:.3} p99 {:.3} ms",
            w.len(),
            pct(&w, 50.0),
            pct(&w, 99.0),
            pct(&c, 50.0),
            pct(&c, 99.0)
        );
    }
    println!(
        "  (sanity: {results} results >= min_score, {alerts} queries with an alert >= threshold in the last run)"
    );
    let shared = index.shared_stats();
    println!(
        "  similarities shared across queries (last run, from cold): {} found, {} computed, hit rate {:.1} %, {} held",
        shared.hits,
        shared.misses,
        100.0 * shared.hits as f64 / (shared.hits + shared.misses).max(1) as f64,
        shared.entries
    );
    // Where the CPU goes, by the script of the query's first name: one slow script (Hangul's
    // short syllable tokens against every Latin token) can hide behind a good overall median.
    // Also, per script, the queries over the p99 target: what the p99 is made of.
    let mut by_script: Vec<(&str, usize, f64, usize)> = Vec::new();
    for ((_, q), c) in queries.iter().zip(&last_cpu) {
        let script = query_script(q);
        let slow = usize::from(*c > 5.0);
        match by_script.iter_mut().find(|(s, ..)| *s == script) {
            Some(row) => {
                row.1 += 1;
                row.2 += c;
                row.3 += slow;
            }
            None => by_script.push((script, 1, *c, slow)),
        }
    }
    by_script.sort_by(|a, b| b.2.total_cmp(&a.2));
    let total: f64 = last_cpu.iter().sum();
    println!("  CPU by script of the query name (last run):");
    for (script, n, c, slow) in &by_script {
        println!(
            "    {script:<11} {n:>6} queries  mean {:>7.3} ms  {:>5.1} % of the CPU  {slow:>4} over 5 ms",
            c / *n as f64,
            100.0 * c / total.max(f64::MIN_POSITIVE)
        );
    }
    let mut slow: Vec<usize> = (0..last_cpu.len()).collect();
    slow.sort_by(|&a, &b| last_cpu[b].total_cmp(&last_cpu[a]));
    println!("  slowest queries (CPU ms, last run):");
    for &i in slow
        .iter()
        .take(env_n("EMBARGO_BENCH_SLOWEST").unwrap_or(8))
    {
        let (set, q) = &queries[i];
        println!(
            "    {:>7.2}  {set:<11} {:?}",
            last_cpu[i],
            q.names.first().map(String::as_str).unwrap_or("")
        );
    }
    fig.put("latency.queries", queries.len() as f64);
    fig.put("latency.p50_wall_ms", p50w);
    fig.put("latency.p99_wall_ms", p99w);
    fig.put("latency.p50_cpu_ms", p50c);
    fig.put("latency.p99_cpu_ms", p99c);
    fig.put("latency.mean_cpu_ms", meanc);
}

fn batch_section(
    index: &Index,
    queries: &[(&'static str, Query)],
    s: &Settings,
    fig: &mut Figures,
) {
    let runs = s.runs(3);
    let threads = 2;
    let config = MatchConfig::default();
    println!(
        "\n== (c) batch screening, rayon on {threads} threads: {} queries",
        queries.len()
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a rayon pool");
    let screen = |queries: &[(&'static str, Query)]| {
        pool.install(|| {
            queries
                .par_iter()
                .map(|(_, q)| index.search(q, &config))
                .collect::<Vec<_>>()
        })
    };
    // Warm-up: a slice of the load, enough to start the pool and touch the index.
    std::hint::black_box(screen(&queries[..queries.len().min(500)]));
    let mut qps = Vec::new();
    let mut qpcpu = Vec::new();
    let mut util = Vec::new();
    let mut waits = Vec::new();
    for _ in 0..runs {
        index.clear_shared();
        let w0 = sys::process_waits();
        let c0 = sys::process_cpu_ns();
        let t0 = Instant::now();
        let out = screen(queries);
        let wall = t0.elapsed().as_secs_f64();
        let cpu = (sys::process_cpu_ns() - c0) as f64 / 1e9;
        waits.push((sys::process_waits() - w0) as f64);
        std::hint::black_box(out);
        qps.push(queries.len() as f64 / wall);
        qpcpu.push(queries.len() as f64 / cpu);
        util.push(cpu / wall);
    }
    let (qps, qpcpu, util, waits) = (
        median_f(&mut qps),
        median_f(&mut qpcpu),
        median_f(&mut util),
        median_f(&mut waits),
    );
    println!(
        "  {qps:.0} queries/s wall (median of {runs} runs)   target >= 5000 {}  [load {}]",
        verdict(qps >= 5000.0),
        load()
    );
    println!(
        "  {qpcpu:.0} queries per CPU-second; the pool got {util:.2} of its {threads} cores; on {threads} idle cores ≈ {:.0} queries/s",
        qpcpu * threads as f64
    );
    // Tells a pool short of its cores because its threads waited (on the shared caches' locks)
    // from one short of them because the host ran something else on them (a virtual machine's
    // stolen time, which the guest may not report): as many waits in a run that got 1.6 cores
    // as in one that got 2 point to the host.
    println!("  the pool's threads waited {waits:.0} times (voluntary context switches, median)");
    fig.put("batch.qps_wall", qps);
    fig.put("batch.queries_per_cpu_s", qpcpu);
    fig.put("batch.cores_used", util);
    fig.put("batch.thread_waits", waits);
}

fn pairs_section(data: &Path, s: &Settings, fig: &mut Figures) {
    let runs = s.runs(5);
    let path = data.join("eval/name-pairs/pairs.csv");
    let pairs = read_pairs(&path);
    let config = MatchConfig::default();
    println!(
        "\n== (d) pair scoring, compare_names, one thread: {} pairs of {}",
        pairs.len(),
        path.display()
    );
    // Cold pass (first call of everything), scored for the quality cross-check.
    let c0 = sys::thread_cpu_ns();
    let scores: Vec<(f64, bool)> = pairs
        .iter()
        .map(|p| {
            (
                compare_names(&p.name1, &p.name2, p.schema, &config).score,
                p.is_match,
            )
        })
        .collect();
    let cold = pairs.len() as f64 / ((sys::thread_cpu_ns() - c0) as f64 / 1e9);
    // Repetitions per run: about half a CPU-second.
    let c0 = sys::thread_cpu_ns();
    for p in &pairs {
        std::hint::black_box(compare_names(&p.name1, &p.name2, p.schema, &config));
    }
    let once = ((sys::thread_cpu_ns() - c0) as f64 / 1e9).max(1e-6);
    let reps = ((0.5 / once).ceil() as usize).clamp(1, 1000);
    let mut per_cpu = Vec::new();
    let mut per_wall = Vec::new();
    let mut pair_cpu = vec![0.0f64; pairs.len()];
    for _ in 0..runs {
        let c0 = sys::thread_cpu_ns();
        let t0 = Instant::now();
        for _ in 0..reps {
            for p in &pairs {
                std::hint::black_box(compare_names(&p.name1, &p.name2, p.schema, &config));
            }
        }
        let wall = t0.elapsed().as_secs_f64();
        let cpu = (sys::thread_cpu_ns() - c0) as f64 / 1e9;
        per_cpu.push((reps * pairs.len()) as f64 / cpu);
        per_wall.push((reps * pairs.len()) as f64 / wall);
    }
    // Per pair, for the slowest: CPU per call over a few calls each.
    for (i, p) in pairs.iter().enumerate() {
        let c0 = sys::thread_cpu_ns();
        for _ in 0..5 {
            std::hint::black_box(compare_names(&p.name1, &p.name2, p.schema, &config));
        }
        pair_cpu[i] = (sys::thread_cpu_ns() - c0) as f64 / 5.0 / 1e3;
    }
    let (per_cpu, per_wall) = (median_f(&mut per_cpu), median_f(&mut per_wall));
    println!(
        "  {per_cpu:.0} pairs per CPU-second ({:.1} µs a pair), {per_wall:.0} pairs per wall-second; median of {runs} runs of {reps}×{}; cold first pass {cold:.0}/CPU-s  [load {}]",
        1e6 / per_cpu,
        pairs.len(),
        load()
    );
    println!(
        "  target: >= 100× nomenklatura logic-v2 per CPU-second (EVALUATION.md: ≈ 4,500–4,900 pairs/CPU-s → >= ~490,000); scripts/bench/peer.sh measures both in one run"
    );
    let (p, r, f1, auc) = pair_quality(&scores, config.threshold);
    println!(
        "  (cross-check: precision {p:.3} recall {r:.3} F1 {f1:.3} at {}, ROC AUC {auc:.3})",
        config.threshold
    );
    let mut slow: Vec<usize> = (0..pairs.len()).collect();
    slow.sort_by(|&a, &b| pair_cpu[b].total_cmp(&pair_cpu[a]));
    println!("  slowest pairs (CPU µs a call):");
    for &i in slow.iter().take(8) {
        let p = &pairs[i];
        println!(
            "    {:>8.1}  {:?} | {:?} ({})",
            pair_cpu[i],
            p.name1,
            p.name2,
            p.schema.as_str()
        );
    }
    fig.put("pairs.count", pairs.len() as f64);
    fig.put("pairs.per_cpu_s", per_cpu);
    fig.put("pairs.per_wall_s", per_wall);
    fig.put("pairs.cold_per_cpu_s", cold);
    fig.put("pairs.f1", f1);
    fig.put("pairs.auc", auc);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut sections: Vec<String> = Vec::new();
    let mut json: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = args.next().map(PathBuf::from),
            a if a.starts_with('-') => {} // `--bench` from cargo
            a => sections.push(a.to_string()),
        }
    }
    let want = |s: &str| sections.is_empty() || sections.iter().any(|x| x == s);
    let settings = Settings {
        runs: env_n("EMBARGO_BENCH_RUNS"),
        query_limit: env_n("EMBARGO_BENCH_QUERIES"),
        script: std::env::var("EMBARGO_BENCH_SCRIPT")
            .ok()
            .filter(|s| !s.is_empty()),
    };
    let data = shared_data();
    if cfg!(debug_assertions) {
        println!("note: built without optimisations; run `cargo bench` for release figures");
    }
    println!(
        "embargo-matcher bench, data {}, {} cores visible, load {} at start\n",
        data.display(),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        load()
    );
    let mut fig = Figures::default();
    if want("build") || want("latency") || want("batch") {
        let index = build_section(&data, &settings, &mut fig);
        if want("latency") || want("batch") {
            let queries = load_queries(&data, &settings);
            if want("latency") {
                latency_section(&index, &queries, &settings, &mut fig);
            }
            if want("batch") {
                batch_section(&index, &queries, &settings, &mut fig);
            }
        }
    }
    if want("pairs") {
        pairs_section(&data, &settings, &mut fig);
    }
    println!("\nload at the end: {}", load());
    if let Some(p) = json {
        let text = fig.to_json(&[("load_end", load())]);
        if let Err(e) = std::fs::write(&p, text + "\n") {
            eprintln!("matching: cannot write {}: {e}", p.display());
        }
    }
}
