//! How long a list diff takes on the real snapshots: UN 2020 → 2026 and OFAC SDN 2019 → 2021
//! (`$EMBARGO_SHARED_DATA`, else `../shared/data` beside the workspace). Reading the lists is
//! not timed; the diff alone is, since delta screening runs it after every update.
//!
//! ```text
//! cargo bench -p embargo-sources --bench diff
//! EMBARGO_BENCH_RUNS=21 cargo bench -p embargo-sources --bench diff
//! ```
//!
//! Each pair is diffed once to warm up, then `EMBARGO_BENCH_RUNS` times (11 unless set); the
//! median and fastest are printed with the counts. The target: milliseconds, not seconds.

use embargo_sources::diff::diff;
use embargo_sources::read_list;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn shared_data() -> PathBuf {
    let dir = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    assert!(
        dir.join("README.md").exists(),
        "real data not found at {} (set EMBARGO_SHARED_DATA)",
        dir.display()
    );
    dir
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`): unlike wall time, it does not
/// grow when other processes share the machine.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() {
    let runs: usize = std::env::var("EMBARGO_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(11)
        .max(1);
    let lists = shared_data().join("lists");
    println!(
        "{:<44} {:>9} {:>9} {:>7} {:>7} {:>7} {:>10} {:>10} {:>10}",
        "pair", "old", "new", "added", "removed", "changed", "median", "fastest", "cpu median"
    );
    for (old, new) in [
        (
            "un/consolidated-2020-11-24.xml",
            "un/consolidated-2026-02-27.xml",
        ),
        ("ofac-sdn/2019-01-04", "ofac-sdn/2021-07-07"),
        ("ofac-sdn/2021-07-07", "ofac-sdn/2021-07-07"),
    ] {
        let a = read_list(&lists.join(old), None).expect("old list reads");
        let b = read_list(&lists.join(new), None).expect("new list reads");
        let d = diff(&a, &b);
        let mut cpu: Vec<u64> = Vec::with_capacity(runs);
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let c = thread_cpu_ns();
                let t = Instant::now();
                let d = diff(&a, &b);
                let e = t.elapsed();
                if let (Some(c0), Some(c1)) = (c, thread_cpu_ns()) {
                    cpu.push(c1 - c0);
                }
                std::hint::black_box(d);
                e
            })
            .collect();
        times.sort();
        cpu.sort();
        let cpu_median = cpu
            .get(cpu.len() / 2)
            .map(|n| format!("{:>8.2}ms", *n as f64 / 1e6))
            .unwrap_or_else(|| "-".into());
        let s = d.summary();
        println!(
            "{:<44} {:>9} {:>9} {:>7} {:>7} {:>7} {:>8.2}ms {:>8.2}ms {:>10}",
            format!("{old} → {}", new.rsplit('/').next().unwrap_or(new)),
            a.entities.len(),
            b.entities.len(),
            s.added,
            s.removed,
            s.changed,
            times[runs / 2].as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            cpu_median
        );
    }
}
