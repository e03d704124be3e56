//! The downloader against a local HTTP server on 127.0.0.1 (axum, a free port, started by each
//! test): good files, 304s, truncated transfers and files, 5xx then success, slow responses,
//! shrunk and empty lists. Lists are small FtM and OFAC CSV texts made here; the real-data
//! variants (`#[ignore = "real data"]`) serve `../shared/data/lists`.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use embargo_update::{run, NoProgress, SourceConfig, Status, Store, UpdateConfig};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server does for one path.
#[derive(Clone)]
enum Behavior {
    /// 200 with the body; 304 when a validator the client sent matches (unless `honor` is off).
    File {
        body: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
        honor: bool,
    },
    /// Answer `status` the next `times` requests, then behave as `then`.
    Fail {
        status: u16,
        times: usize,
        then: Box<Behavior>,
    },
    /// Wait before answering.
    Slow { delay: Duration, body: Vec<u8> },
    /// Send the first `at` bytes of a chunked body, then break the connection.
    Cut { body: Vec<u8>, at: usize },
}

fn file(body: impl Into<Vec<u8>>, etag: &str) -> Behavior {
    Behavior::File {
        body: body.into(),
        etag: Some(format!("\"{etag}\"")),
        last_modified: None,
        honor: true,
    }
}

#[derive(Default)]
struct Shared {
    routes: Mutex<HashMap<String, Behavior>>,
    /// Every request: path and headers.
    log: Mutex<Vec<(String, HeaderMap)>>,
}

struct Server {
    base: String,
    shared: Arc<Shared>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Server {
    fn start() -> Server {
        let shared = Arc::new(Shared::default());
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(shared.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let l = tokio::net::TcpListener::from_std(listener).unwrap();
                let _ = axum::serve(l, app)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await;
            });
        });
        Server {
            base,
            shared,
            shutdown: Some(tx),
        }
    }

    fn set(&self, path: &str, b: Behavior) {
        self.shared
            .routes
            .lock()
            .unwrap()
            .insert(path.to_string(), b);
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn requests(&self, path: &str) -> Vec<HeaderMap> {
        self.shared
            .log
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, _)| p == path)
            .map(|(_, h)| h.clone())
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

async fn handle(State(s): State<Arc<Shared>>, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().to_string();
    s.log.lock().unwrap().push((path.clone(), headers.clone()));
    let behavior = {
        let mut routes = s.routes.lock().unwrap();
        let Some(b) = routes.get_mut(&path) else {
            return status(404);
        };
        if let Behavior::Fail {
            status: code,
            times,
            then,
        } = b
        {
            if *times > 0 {
                *times -= 1;
                return status(*code);
            }
            (**then).clone()
        } else {
            b.clone()
        }
    };
    match behavior {
        Behavior::File {
            body,
            etag,
            last_modified,
            honor,
        } => {
            let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok());
            let etag_match = etag.is_some() && header("if-none-match") == etag.as_deref();
            let date_match =
                last_modified.is_some() && header("if-modified-since") == last_modified.as_deref();
            let mut r = Response::builder();
            if let Some(e) = &etag {
                r = r.header("etag", e);
            }
            if let Some(lm) = &last_modified {
                r = r.header("last-modified", lm);
            }
            if honor && (etag_match || date_match) {
                return r.status(304).body(Body::empty()).unwrap();
            }
            r.status(200).body(Body::from(body)).unwrap()
        }
        Behavior::Slow { delay, body } => {
            tokio::time::sleep(delay).await;
            Response::new(Body::from(body))
        }
        Behavior::Cut { body, at } => {
            // The first part goes out with the headers; the break comes a little later, as
            // when a connection drops mid-transfer.
            let first = body[..at].to_vec();
            let chunks = futures_util::stream::unfold(0u8, move |step| {
                let first = first.clone();
                async move {
                    match step {
                        0 => Some((Ok::<_, std::io::Error>(first), 1)),
                        1 => {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            Some((Err(std::io::Error::other("dropped by the test server")), 2))
                        }
                        _ => None,
                    }
                }
            });
            Response::new(Body::from_stream(chunks))
        }
        Behavior::Fail { .. } => unreachable!("resolved above"),
    }
}

fn status(code: u16) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(code).unwrap())
        .body(Body::from("test server error"))
        .unwrap()
}

/// An FtM JSON lines list of `n` people with ids `p0`…, names `Person N`.
fn ftm(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "{{\"id\":\"p{i}\",\"schema\":\"Person\",\"properties\":{{\"name\":[\"Person {i}\"],\"programId\":[\"TEST\"]}}}}\n"
            )
        })
        .collect()
}

fn config(server: &Server, sources: Vec<SourceConfig>) -> UpdateConfig {
    UpdateConfig {
        timeout_secs: 5,
        connect_timeout_secs: 5,
        retries: 2,
        backoff_ms: 10,
        sources,
        user_agent: format!("embargo-test ({})", server.base),
        ..UpdateConfig::default()
    }
}

fn one_file(server: &Server, name: &str, path: &str, file: &str) -> SourceConfig {
    SourceConfig {
        name: name.into(),
        enabled: true,
        format: None,
        files: vec![embargo_update::FileSource {
            url: server.url(path),
            file: file.into(),
        }],
        max_shrink_percent: None,
    }
}

fn update_one(config: &UpdateConfig, store: &Store) -> embargo_update::ListUpdate {
    let mut all = run(config, store, &NoProgress).expect("client builds");
    assert_eq!(all.len(), 1);
    all.remove(0)
}

/// What `embargo screen` would read for a list.
fn screened_ids(store: &Store, list: &str) -> Vec<String> {
    let doc = embargo_sources::read_list(&store.lists_dir().join(list), None).unwrap();
    doc.entities.iter().map(|e| e.id.to_string()).collect()
}

/// No download in progress is left behind.
fn assert_no_staging(store: &Store, list: &str) {
    let dir = store.root().join("versions").join(list);
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.starts_with(".staging"), "left behind: {name}");
    }
}

fn refused(s: &Status) -> &str {
    match s {
        Status::Refused { reason } => reason,
        other => panic!("expected Refused, got {other:?}"),
    }
}

fn failed(s: &Status) -> &str {
    match s {
        Status::Failed { error } => error,
        other => panic!("expected Failed, got {other:?}"),
    }
}

#[test]
fn good_file_then_304_then_new_version() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    server.set("/list.json", file(ftm(20), "v1"));
    let cfg = config(
        &server,
        vec![one_file(&server, "t", "/list.json", "list.ftm.json")],
    );

    let u = update_one(&cfg, &store);
    assert_eq!(u.status, Status::Updated);
    assert_eq!(u.old, None);
    let v1 = u.new.clone().unwrap();
    assert_eq!(u.entities, Some(20));
    assert!(u.diff.is_none());
    assert_eq!(screened_ids(&store, "t").len(), 20);
    let m = store.manifest(&v1).unwrap();
    assert_eq!(m.etag_of("list.ftm.json"), Some("\"v1\""));
    assert_eq!(m.entities, 20);
    assert_eq!(m.files[0].url, server.url("/list.json"));
    assert_eq!(
        v1.hash, m.files[0].sha256,
        "one file: the hash of its bytes"
    );

    // Unchanged: the request carries the ETag, the server answers 304, nothing new is stored.
    let u = update_one(&cfg, &store);
    assert_eq!(u.status, Status::Unchanged);
    assert_eq!(u.new.as_ref(), Some(&v1));
    let reqs = server.requests("/list.json");
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[1].get("if-none-match").unwrap(), "\"v1\"");
    assert_eq!(store.current("t").unwrap(), Some(v1.clone()));

    // A new version: 3 removed, 5 added.
    let mut text = ftm(25);
    text = text.lines().skip(3).map(|l| format!("{l}\n")).collect();
    server.set("/list.json", file(text, "v2"));
    let u = update_one(&cfg, &store);
    assert_eq!(u.status, Status::Updated);
    assert_eq!(u.old.as_ref(), Some(&v1));
    let v2 = u.new.clone().unwrap();
    assert_ne!(v2, v1);
    let d = u.diff.unwrap();
    assert_eq!(d.removed.len(), 3);
    assert_eq!(d.added.len(), 5);
    assert!(d.changed.is_empty());
    assert_eq!(store.current("t").unwrap(), Some(v2));
    assert_eq!(store.previous("t").unwrap(), Some(v1.clone()));
    // The previous version is kept whole.
    assert_eq!(store.read(&v1).unwrap().entities.len(), 20);
    assert_eq!(screened_ids(&store, "t").len(), 22);
    assert_no_staging(&store, "t");
}

#[test]
fn last_modified_is_sent_back() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    let lm = "Wed, 21 Oct 2026 07:28:00 GMT";
    server.set(
        "/l",
        Behavior::File {
            body: ftm(3).into_bytes(),
            etag: None,
            last_modified: Some(lm.into()),
            honor: true,
        },
    );
    let cfg = config(&server, vec![one_file(&server, "t", "/l", "l.ftm.json")]);
    assert_eq!(update_one(&cfg, &store).status, Status::Updated);
    assert_eq!(update_one(&cfg, &store).status, Status::Unchanged);
    let reqs = server.requests("/l");
    assert!(reqs[0].get("if-modified-since").is_none());
    assert_eq!(reqs[1].get("if-modified-since").unwrap(), lm);
}

#[test]
fn same_bytes_without_304_are_unchanged() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    let body = ftm(4).into_bytes();
    server.set(
        "/l",
        Behavior::File {
            body: body.clone(),
            etag: Some("\"a\"".into()),
            last_modified: None,
            honor: false,
        },
    );
    let cfg = config(&server, vec![one_file(&server, "t", "/l", "l.ftm.json")]);
    let v = update_one(&cfg, &store).new.unwrap();
    // The server ignores validators and sends a new ETag for the same bytes.
    server.set(
        "/l",
        Behavior::File {
            body,
            etag: Some("\"b\"".into()),
            last_modified: None,
            honor: false,
        },
    );
    let u = update_one(&cfg, &store);
    assert_eq!(u.status, Status::Unchanged);
    assert_eq!(u.new, Some(v.clone()));
    // The new ETag is remembered for the next conditional request.
    assert_eq!(
        store.manifest(&v).unwrap().etag_of("l.ftm.json"),
        Some("\"b\"")
    );
    assert_eq!(store.previous("t").unwrap(), None);
}

#[test]
fn truncated_transfer_fails_and_keeps_the_good_version() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    server.set("/l", file(ftm(10), "v1"));
    let cfg = config(&server, vec![one_file(&server, "t", "/l", "l.ftm.json")]);
    let v1 = update_one(&cfg, &store).new.unwrap();

    let body = ftm(30).into_bytes();
    let at = body.len() / 2;
    server.set("/l", Behavior::Cut { body, at });
    let u = update_one(&cfg, &store);
    let e = failed(&u.status);
    assert!(
        e.contains("transfer broken") && e.contains("after 3 attempts"),
        "{e}"
    );
    assert_eq!(
        server.requests("/l").len(),
        4,
        "1 + 2 retries after the first run"
    );
    assert_eq!(u.new, Some(v1.clone()));
    assert_eq!(store.current("t").unwrap(), Some(v1));
    assert_eq!(screened_ids(&store, "t").len(), 10);
    assert_no_staging(&store, "t");
}

#[test]
fn truncated_file_is_refused() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    server.set("/l", file(ftm(10), "v1"));
    let cfg = config(&server, vec![one_file(&server, "t", "/l", "l.ftm.json")]);
    let v1 = update_one(&cfg, &store).new.unwrap();
    // Served whole with a correct length, but the file itself stops mid-record.
    let text = ftm(12);
    let cut = text.len() - 30;
    server.set("/l", file(&text.as_bytes()[..cut], "v2"));
    let u = update_one(&cfg, &store);
    let reason = refused(&u.status);
    assert!(reason.contains("error-level problems"), "{reason}");
    assert_eq!(store.current("t").unwrap(), Some(v1));
    assert_no_staging(&store, "t");
}

#[test]
fn server_errors_are_retried_with_backoff() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    server.set(
        "/l",
        Behavior::Fail {
            status: 503,
            times: 2,
            then: Box::new(file(ftm(5), "v1")),
        },
    );
    let mut cfg = config(&server, vec![one_file(&server, "t", "/l", "l.ftm.json")]);
    cfg.backoff_ms = 100;
    let t = Instant::now();
    let u = update_one(&cfg, &store);
    assert_eq!(u.status, Status::Updated);
    assert_eq!(server.requests("/l").len(), 3);
    // 100 ms, then 200 ms.
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "{:?}",
        t.elapsed()
    );

    // A server that keeps failing: the error says so, the version stays.
    server.set(
        "/l",
        Behavior::Fail {
            status: 500,
            times: 100,
            then: Box::new(file(ftm(6), "v2")),
        },
    );
    cfg.backoff_ms = 1;
    let u = update_one(&cfg, &store);
    let e = failed(&u.status);
    assert!(
        e.contains("HTTP 500") && e.contains("after 3 attempts"),
        "{e}"
    );
    assert_eq!(u.new, u.old);
}

#[test]
fn client_errors_are_not_retried() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    let cfg = config(
        &server,
        vec![one_file(&server, "t", "/missing", "l.ftm.json")],
    );
    let u = update_one(&cfg, &store);
    let e = failed(&u.status);
    assert!(e.contains("404") && e.contains("/missing"), "{e}");
    assert_eq!(server.requests("/missing").len(), 1);
    assert_eq!(store.current("t").unwrap(), None);
}

#[test]
fn slow_response_times_out() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    server.set(
        "/slow",
        Behavior::Slow {
            delay: Duration::from_secs(4),
            body: ftm(3).into_bytes(),
        },
    );
    let mut cfg = config(&server, vec![one_file(&server, "t", "/slow", "l.ftm.json")]);
    cfg.timeout_secs = 1;
    cfg.retries = 1;
    let t = Instant::now();
    let u = update_one(&cfg, &store);
    let e = failed(&u.status);
    assert!(
        e.contains("timed out") && e.contains("after 2 attempts"),
        "{e}"
    );
    // Two attempts of about a second each, not two of four.
    assert!(t.elapsed() < Duration::from_secs(4), "{:?}", t.elapsed());
    assert_eq!(store.current("t").unwrap(), None);
    assert_no_staging(&store, "t");
}

#[test]
fn shrink_guard_refuses_a_much_smaller_list() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    server.set("/l", file(ftm(100), "v1"));
    let cfg = config(&server, vec![one_file(&server, "t", "/l", "l.ftm.json")]);
    let v1 = update_one(&cfg, &store).new.unwrap();
    // 85 of 100: 15 % fewer, over the 10 % default.
    server.set("/l", file(ftm(85), "v2"));
    let u = update_one(&cfg, &store);
    let reason = refused(&u.status);
    assert!(
        reason.contains("85 entities")
            && reason.contains("15.0 % fewer")
            && reason.contains("guard: 10 %"),
        "{reason}"
    );
    assert_eq!(store.current("t").unwrap(), Some(v1.clone()));
    // 91 of 100 passes.
    server.set("/l", file(ftm(91), "v3"));
    let u = update_one(&cfg, &store);
    assert_eq!(u.status, Status::Updated);
    assert_eq!(u.diff.unwrap().removed.len(), 9);
    // A per-source guard overrides the global one.
    let mut strict = cfg.clone();
    strict.sources[0].max_shrink_percent = Some(1.0);
    server.set("/l", file(ftm(89), "v4"));
    assert!(refused(&update_one(&strict, &store).status).contains("guard: 1 %"));
}

#[test]
fn empty_and_unreadable_lists_are_refused() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    server.set("/empty", file("", "e"));
    server.set("/html", file("<html><body>Maintenance</body></html>", "h"));
    let mut a = one_file(&server, "a", "/empty", "a.ftm.json");
    a.format = Some("ftm".into());
    let b = one_file(&server, "b", "/html", "b.xml");
    let cfg = config(&server, vec![a, b]);
    let all = run(&cfg, &store, &NoProgress).unwrap();
    assert!(refused(&all[0].status).contains("no entities"));
    assert!(refused(&all[1].status).contains("does not read as a list"));
    assert_eq!(store.current("a").unwrap(), None);
    assert_eq!(store.current("b").unwrap(), None);
}

/// A tiny OFAC legacy CSV set: the same layout as the published files.
fn ofac_set(extra_alias: bool) -> [(&'static str, String); 2] {
    let sdn = "\
10278,\"LOGAN MOREY, Elvis Angus\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 28 Jul 1963; POB Toledo District, Belize.\"\n\
12685,\"GADDAFI INTERNATIONAL CHARITY AND DEVELOPMENT FOUNDATION\",-0- ,\"LIBYA2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";
    let mut alt = "10278,10001,\"aka\",\"LOGAN, Elvis\",-0- \n".to_string();
    if extra_alias {
        alt.push_str("12685,10002,\"aka\",\"GICDF\",-0- \n");
    }
    [("sdn.csv", sdn.to_string()), ("alt.csv", alt)]
}

#[test]
fn multi_file_set_is_one_version() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    for (name, body) in ofac_set(false) {
        server.set(&format!("/{name}"), file(body, &format!("{name}-1")));
    }
    let source = SourceConfig {
        name: "ofac-sdn".into(),
        enabled: true,
        format: Some("ofac-csv".into()),
        files: ["sdn.csv", "alt.csv"]
            .iter()
            .map(|f| embargo_update::FileSource {
                url: server.url(&format!("/{f}")),
                file: f.to_string(),
            })
            .collect(),
        max_shrink_percent: None,
    };
    let cfg = config(&server, vec![source]);
    let u = update_one(&cfg, &store);
    assert_eq!(u.status, Status::Updated);
    let v1 = u.new.unwrap();
    let ids = screened_ids(&store, "ofac-sdn");
    assert_eq!(ids, ["ofac-sdn:10278", "ofac-sdn:12685"]);
    assert!(store.lists_dir().join("ofac-sdn").join("alt.csv").exists());

    // alt.csv changes, sdn.csv answers 304: one new version holding both.
    let [_, (_, alt)] = ofac_set(true);
    server.set("/alt.csv", file(alt, "alt.csv-2"));
    let u = update_one(&cfg, &store);
    assert_eq!(u.status, Status::Updated);
    let v2 = u.new.unwrap();
    assert_ne!(v1, v2);
    let m2 = store.manifest(&v2).unwrap();
    let m1 = store.manifest(&v1).unwrap();
    assert_eq!(
        m1.files[0], m2.files[0],
        "sdn.csv carried over from the 304"
    );
    assert_eq!(
        server.requests("/sdn.csv")[1].get("if-none-match").unwrap(),
        "\"sdn.csv-1\""
    );
    let d = u.diff.unwrap();
    assert_eq!(d.changed.len(), 1);
    assert_eq!(d.changed[0].fields["alias"].new, ["GICDF"]);
    let doc = embargo_sources::read_list(&store.lists_dir().join("ofac-sdn"), None).unwrap();
    assert_eq!(doc.entities.len(), 2);

    // Both 304: unchanged, no request body at all.
    assert_eq!(update_one(&cfg, &store).status, Status::Unchanged);
}

#[test]
fn one_failing_list_does_not_stop_the_others() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    server.set("/good", file(ftm(2), "g"));
    let cfg = config(
        &server,
        vec![
            one_file(&server, "bad", "/nowhere", "x.ftm.json"),
            one_file(&server, "good", "/good", "g.ftm.json"),
        ],
    );
    let all = run(&cfg, &store, &NoProgress).unwrap();
    assert!(matches!(all[0].status, Status::Failed { .. }));
    assert_eq!(all[1].status, Status::Updated);
}

// ---------------------------------------------------------------------------------------------
// Real data: the published files served as they are.

fn shared(rel: &str) -> PathBuf {
    let root = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    assert!(
        root.join("README.md").exists(),
        "real data not found at {} (set EMBARGO_SHARED_DATA)",
        root.display()
    );
    root.join("lists").join(rel)
}

fn read(rel: &str) -> Vec<u8> {
    let p = shared(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
#[ignore = "real data"]
fn un_2020_then_2026_then_truncated() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    server.set(
        "/consolidated.xml",
        file(read("un/consolidated-2020-11-24.xml"), "2020"),
    );
    let mut source = one_file(&server, "un", "/consolidated.xml", "consolidated.xml");
    source.format = Some("un-xml".into());
    let cfg = config(&server, vec![source]);
    let u = update_one(&cfg, &store);
    assert_eq!(u.status, Status::Updated);
    assert_eq!(u.entities, Some(1018));
    let v2020 = u.new.unwrap();
    assert_eq!(
        store
            .manifest(&v2020)
            .unwrap()
            .source_version
            .as_deref()
            .map(|s| &s[..10]),
        Some("2020-11-24")
    );

    let new = read("un/consolidated-2026-02-27.xml");
    server.set("/consolidated.xml", file(new.clone(), "2026"));
    let u = update_one(&cfg, &store);
    assert_eq!(u.status, Status::Updated);
    assert_eq!(u.entities, Some(1003));
    let d = u.diff.unwrap();
    assert_eq!(1018 - d.removed.len() + d.added.len(), 1003);
    assert!(d.removed.iter().any(|i| i.as_str() == "un:IQe.003"));
    let v2026 = u.new.unwrap();
    assert_eq!(store.previous("un").unwrap(), Some(v2020));

    // The 2026 file cut at 1 MB, served whole: refused, 2026 stays current.
    server.set("/consolidated.xml", file(new[..1_000_000].to_vec(), "cut"));
    let u = update_one(&cfg, &store);
    let reason = refused(&u.status);
    assert!(
        reason.contains("does not read as a list") && reason.contains("malformed XML"),
        "{reason}"
    );
    assert_eq!(store.current("un").unwrap(), Some(v2026));
    let doc = embargo_sources::read_list(&store.lists_dir().join("un"), None).unwrap();
    assert_eq!(doc.entities.len(), 1003);
}

#[test]
#[ignore = "real data"]
fn ofac_sets_2019_refused_2021_accepted() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    let names = ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"];
    let source = SourceConfig {
        name: "ofac-sdn".into(),
        enabled: true,
        format: Some("ofac-csv".into()),
        files: names
            .iter()
            .map(|f| embargo_update::FileSource {
                url: server.url(&format!("/{f}")),
                file: f.to_string(),
            })
            .collect(),
        max_shrink_percent: None,
    };
    let mut cfg = config(&server, vec![source]);
    // The 2019 snapshot holds remarks continuations of uids absent from its sdn.csv (10 rows
    // the reader leaves out): refused by default…
    for f in names {
        server.set(
            &format!("/{f}"),
            file(read(&format!("ofac-sdn/2019-01-04/{f}")), "2019"),
        );
    }
    let reason = refused(&update_one(&cfg, &store).status).to_string();
    assert!(
        reason.contains("10 error-level problems") && reason.contains("orphan"),
        "{reason}"
    );
    assert_eq!(store.current("ofac-sdn").unwrap(), None);
    // …accepted when the operator allows them.
    cfg.max_errors = 10;
    let u = update_one(&cfg, &store);
    assert_eq!(u.status, Status::Updated);
    assert_eq!(u.entities, Some(7379));
    for f in names {
        server.set(
            &format!("/{f}"),
            file(read(&format!("ofac-sdn/2021-07-07/{f}")), "2021"),
        );
    }
    let t = Instant::now();
    let u = update_one(&cfg, &store);
    eprintln!(
        "OFAC 2019 → 2021 update through the local server: {:?}",
        t.elapsed()
    );
    assert_eq!(u.status, Status::Updated);
    assert_eq!(u.entities, Some(8976));
    let s = u.diff.unwrap().summary();
    assert_eq!((s.added, s.removed), (1858, 261));
    // A 2021 set whose sdn.csv lost half its rows is refused; the current version stays.
    let sdn = read("ofac-sdn/2021-07-07/sdn.csv");
    let text = String::from_utf8_lossy(&sdn);
    let half: String = text
        .lines()
        .take(text.lines().count() / 2)
        .map(|l| format!("{l}\n"))
        .collect();
    server.set("/sdn.csv", file(half, "half"));
    let u = update_one(&cfg, &store);
    assert!(matches!(u.status, Status::Refused { .. }), "{:?}", u.status);
    assert_eq!(
        embargo_sources::read_list(&store.lists_dir().join("ofac-sdn"), None)
            .unwrap()
            .entities
            .len(),
        8976
    );
}
