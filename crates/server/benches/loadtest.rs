//! Load test of `POST /match/default`: one eval query per request, at several concurrencies,
//! against UN + OFAC SDN + CSL (the shared real data; the demo list when it is missing).
//! Then memory after 1 and after N forced reloads.
//!
//! ```text
//! cargo bench -p embargo-server --bench loadtest -- [--requests 4000] [--seconds 20]
//!     [--concurrency 1,8,64] [--reloads 100] [--demo]
//! ```
//!
//! The service runs in this process on its own 2-thread runtime (as `embargo serve` would on
//! the 2 cores here); the load generator runs on one more thread with its own single-threaded
//! runtime and plain keep-alive HTTP/1.1 connections over loopback, so that its CPU use can be
//! measured apart (from `/proc/thread-self/stat`) and reported beside the service's.
//! Every run is bounded by a request count and a time limit.

use embargo_matcher::Query;
use embargo_server::{ListSource, Server, ServerConfig};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Opts {
    requests: usize,
    seconds: u64,
    concurrency: Vec<usize>,
    reloads: usize,
    demo: bool,
}

fn opts() -> Opts {
    let mut o = Opts {
        requests: 4000,
        seconds: 20,
        concurrency: vec![1, 8, 64],
        reloads: 100,
        demo: false,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let next = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--requests" => o.requests = next.parse().expect("--requests N"),
            "--seconds" => o.seconds = next.parse().expect("--seconds N"),
            "--concurrency" => {
                o.concurrency = next
                    .split(',')
                    .map(|c| c.trim().parse().expect("--concurrency 1,8,64"))
                    .collect()
            }
            "--reloads" => o.reloads = next.parse().expect("--reloads N"),
            "--demo" => {
                o.demo = true;
                i += 1;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    o
}

fn shared() -> PathBuf {
    std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// CPU seconds (user + system) from a `/proc/…/stat` file.
fn cpu_seconds(stat: &str) -> f64 {
    let text = std::fs::read_to_string(stat).unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = text.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15; after ')' they are at 11 and 12 (0-based).
    (ticks(11) + ticks(12)) / 100.0
}

fn rss_mib() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A yente body for one query.
fn body(q: &Query) -> Vec<u8> {
    let mut props = serde_json::Map::new();
    props.insert("name".into(), q.names.clone().into());
    let dates: Vec<String> = q
        .birth_dates
        .iter()
        .flat_map(|d| d.to_ftm_values())
        .collect();
    if !dates.is_empty() {
        props.insert("birthDate".into(), dates.into());
    }
    let cs: Vec<String> = q.countries.iter().map(|c| c.as_str().to_string()).collect();
    if !cs.is_empty() {
        props.insert("nationality".into(), cs.into());
    }
    if let Some(g) = q.gender {
        props.insert("gender".into(), g.as_str().into());
    }
    serde_json::to_vec(
        &serde_json::json!({"queries": {"q": {"schema": "Person", "properties": props}}}),
    )
    .unwrap()
}

fn request_bytes(body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "POST /match/default HTTP/1.1\r\nHost: loadtest\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

/// Send one request on a keep-alive connection and read the whole response: its status.
async fn exchange(
    conn: &mut tokio::net::TcpStream,
    req: &[u8],
    buf: &mut Vec<u8>,
) -> std::io::Result<u16> {
    conn.write_all(req).await?;
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    let (head_end, status, length) = loop {
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..p]).to_ascii_lowercase();
            let status: u16 = head
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .ok_or(std::io::ErrorKind::InvalidData)?;
            break (p + 4, status, length);
        }
    };
    while buf.len() < head_end + length {
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(status)
}

struct RunResult {
    latencies: Vec<Duration>,
    errors: usize,
    wall: Duration,
    generator_cpu: f64,
}

/// Run `total` requests (or until `limit`) over `concurrency` connections, on this thread.
fn run_load(
    addr: SocketAddr,
    bodies: &[Vec<u8>],
    concurrency: usize,
    total: usize,
    limit: Duration,
) -> RunResult {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let cpu0 = cpu_seconds("/proc/thread-self/stat");
    let start = Instant::now();
    let deadline = start + limit;
    let next = std::rc::Rc::new(std::cell::Cell::new(0usize));
    let reqs: std::rc::Rc<Vec<Vec<u8>>> =
        std::rc::Rc::new(bodies.iter().map(|b| request_bytes(b)).collect());
    let (latencies, errors) = rt.block_on(async {
        let local = tokio::task::LocalSet::new();
        local
            .run_until(async {
                let mut tasks = Vec::new();
                for _ in 0..concurrency {
                    let next = next.clone();
                    let reqs = reqs.clone();
                    tasks.push(tokio::task::spawn_local(async move {
                        let mut lat = Vec::new();
                        let mut errors = 0usize;
                        let mut conn = match tokio::net::TcpStream::connect(addr).await {
                            Ok(c) => c,
                            Err(_) => return (lat, 1),
                        };
                        let _ = conn.set_nodelay(true);
                        let mut buf = Vec::with_capacity(64 * 1024);
                        loop {
                            let i = next.get();
                            if i >= total || Instant::now() >= deadline {
                                break;
                            }
                            next.set(i + 1);
                            let req = &reqs[i % reqs.len()];
                            let t = Instant::now();
                            match exchange(&mut conn, req, &mut buf).await {
                                Ok(200) => lat.push(t.elapsed()),
                                Ok(_) => errors += 1,
                                Err(_) => {
                                    errors += 1;
                                    match tokio::net::TcpStream::connect(addr).await {
                                        Ok(c) => conn = c,
                                        Err(_) => break,
                                    }
                                }
                            }
                        }
                        (lat, errors)
                    }));
                }
                let mut all = Vec::new();
                let mut errors = 0;
                for t in tasks {
                    let (l, e) = t.await.unwrap();
                    all.extend(l);
                    errors += e;
                }
                (all, errors)
            })
            .await
    });
    RunResult {
        wall: start.elapsed(),
        generator_cpu: cpu_seconds("/proc/thread-self/stat") - cpu0,
        latencies,
        errors,
    }
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let o = opts();
    let data = shared();
    let real = [
        ("un", data.join("lists/un/consolidated-2026-02-27.xml")),
        ("ofac-sdn", data.join("lists/ofac-sdn/2024-05-03")),
        ("us-csl", data.join("lists/us-csl/2022/consolidated.csv")),
    ];
    let use_real = !o.demo && real.iter().all(|(_, p)| p.exists());
    let lists: Vec<ListSource> = if use_real {
        real.iter().map(|(_, p)| ListSource::new(p)).collect()
    } else {
        eprintln!("shared real data not found (or --demo): using the demo list");
        vec![ListSource::new(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/demo.ftm.json"),
        )]
    };
    // Eval queries: UN positives (exact and treated) and synthetic negatives.
    let mut queries: Vec<Query> = Vec::new();
    for f in [
        "eval/un-positives/untreated.csv",
        "eval/un-positives/treated.csv",
        "eval/negatives/global.csv",
    ] {
        if let Ok(qf) = embargo_batch::read_queries(&data.join(f)) {
            queries.extend(
                qf.queries
                    .into_iter()
                    .filter(|q| !q.names.is_empty())
                    .take(1000),
            );
        }
    }
    if queries.is_empty() {
        queries = [
            "Kim Jong Un",
            "Vladimir Putin",
            "Jane Placebo",
            "Bank Rossiya",
        ]
        .iter()
        .map(|n| Query::name(*n))
        .collect();
    }
    let bodies: Vec<Vec<u8>> = queries.iter().map(body).collect();

    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let config = ServerConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        auth: false,
        lists,
        ..ServerConfig::default()
    };
    let t = Instant::now();
    let server = server_rt.block_on(Server::start(config)).unwrap();
    let addr = server.addr();
    let snap = server.state().snapshot();
    println!(
        "loaded {} entities from {:?} in {:.1} s; {} queries ({} distinct bodies); rss {:.0} MiB",
        snap.index.len(),
        snap.list_names(),
        t.elapsed().as_secs_f64(),
        queries.len(),
        bodies.len(),
        rss_mib()
    );
    // The matcher alone, one thread, no HTTP: what each request costs before the service
    // (yente's default limit of 5, as the requests below).
    let cfg = embargo_matcher::MatchConfig {
        limit: 5,
        ..Default::default()
    };
    let mut direct: Vec<Duration> = queries
        .iter()
        .take(600)
        .map(|q| {
            let t = Instant::now();
            std::hint::black_box(snap.index.search(q, &cfg));
            t.elapsed()
        })
        .collect();
    direct.sort();
    let mean = direct.iter().sum::<Duration>().as_secs_f64() * 1000.0 / direct.len() as f64;
    println!(
        "matcher alone (Index::search, 1 thread, {} queries): mean {mean:.2} ms, p50 {:.2} ms, p99 {:.2} ms",
        direct.len(),
        pct(&direct, 0.5),
        pct(&direct, 0.99)
    );
    drop(snap);

    // Warm-up (not measured).
    std::thread::scope(|s| {
        s.spawn(|| run_load(addr, &bodies, 4, 300, Duration::from_secs(10)));
    });

    println!(
        "\n{:>5} {:>8} {:>6} {:>9} {:>8} {:>8} {:>8} {:>10} {:>10}",
        "conc",
        "requests",
        "errors",
        "req/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "gen CPU %",
        "svc CPU %"
    );
    for &c in &o.concurrency {
        let proc0 = cpu_seconds("/proc/self/stat");
        let r = std::thread::scope(|s| {
            s.spawn(|| run_load(addr, &bodies, c, o.requests, Duration::from_secs(o.seconds)))
                .join()
                .unwrap()
        });
        let proc_cpu = cpu_seconds("/proc/self/stat") - proc0;
        let mut lat = r.latencies;
        lat.sort();
        let wall = r.wall.as_secs_f64();
        println!(
            "{:>5} {:>8} {:>6} {:>9.0} {:>8.2} {:>8.2} {:>8.2} {:>10.1} {:>10.0}",
            c,
            lat.len(),
            r.errors,
            lat.len() as f64 / wall,
            pct(&lat, 0.5),
            pct(&lat, 0.99),
            lat.last().map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0),
            100.0 * r.generator_cpu / wall,
            100.0 * (proc_cpu - r.generator_cpu) / wall,
        );
    }
    println!(
        "(CPU % of one core; the machine has {} cores)",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    if o.reloads > 0 {
        let state = std::sync::Arc::clone(server.state());
        let t = Instant::now();
        server_rt.block_on(state.reload(true)).unwrap();
        let one = t.elapsed();
        // Let the reload thread free the replaced index first.
        std::thread::sleep(Duration::from_millis(200));
        let rss1 = rss_mib();
        println!(
            "\nreload (forced rebuild): {:.2} s; rss after 1 reload: {rss1:.0} MiB",
            one.as_secs_f64()
        );
        let t = Instant::now();
        for i in 2..=o.reloads {
            server_rt.block_on(state.reload(true)).unwrap();
            if [10, 25, 50, 75].contains(&i) || i == o.reloads {
                std::thread::sleep(Duration::from_millis(200));
                let r = rss_mib();
                println!(
                    "rss after {i} reloads: {r:.0} MiB ({:+.1} % of after 1)",
                    100.0 * (r - rss1) / rss1
                );
            }
        }
        println!(
            "{:.1} s for reloads 2..={}",
            t.elapsed().as_secs_f64(),
            o.reloads
        );
    }
    server_rt.block_on(server.shutdown()).unwrap();
}
