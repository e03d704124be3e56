//! `embargo update --rescreen` through the binary, against an HTTP/1.1 server on 127.0.0.1 started
//! by the test: the re-screening after a new list version (new alerts, delisted ones), nothing
//! done after a 304, and SIGKILL at three points of an update (while the body is still arriving,
//! between storing the new version and making it current, between making it current and
//! registering it in the case store): after a restart the current version is the old one or the
//! complete new one, each version is registered once, the audit chain verifies, and the store
//! ends as after an uninterrupted update. SQLite always; PostgreSQL with `--ignored` (fresh
//! databases on the server of `EMBARGO_TEST_POSTGRES_URL`; `.ci/run` starts one).

use embargo_cases::{AlertFilter, BlockingStore, StoreUrl};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Path → (body, ETag).
type Routes = HashMap<String, (Vec<u8>, String)>;

/// What the server publishes, and whether to stall half-way through a body.
#[derive(Clone, Default)]
struct Site {
    routes: Arc<Mutex<Routes>>,
    stall: Arc<AtomicBool>,
}

impl Site {
    fn publish(&self, path: &str, body: Vec<u8>, etag: &str) {
        self.routes
            .lock()
            .unwrap()
            .insert(path.into(), (body, etag.into()));
    }
}

/// Serve `site`, a thread per connection (a stalled response must not hold up the next
/// update); 304 when If-None-Match matches. Returns the base URL.
fn serve(site: Site) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let site = site.clone();
            std::thread::spawn(move || respond(stream, &site));
        }
    });
    base
}

fn respond(mut stream: std::net::TcpStream, site: &Site) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(v.trim().to_string());
            }
        }
    }
    let route = site.routes.lock().unwrap().get(&path).cloned();
    match route {
        None => {
            let _ = stream.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
        Some((_, etag)) if if_none_match.as_deref() == Some(etag.as_str()) => {
            let _ = stream.write_all(
                format!("HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            );
        }
        Some((body, etag)) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nETag: {etag}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            if site.stall.load(Ordering::SeqCst) {
                // Half the body, then nothing until the client is gone (killed).
                let _ = stream.write_all(&body[..body.len() / 2]);
                let _ = stream.flush();
                let mut buf = [0u8; 64];
                let _ = stream.set_read_timeout(Some(Duration::from_secs(120)));
                let _ = stream.read(&mut buf);
                return;
            }
            let _ = stream.write_all(&body);
        }
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/diff")
            .join(name),
    )
    .unwrap()
}

/// Customers of the fixture lists: a listed person of both versions, a delisted company, a
/// person listed only in the new version, and someone unlisted.
const CUSTOMERS: &str = "id,full_name,schema\n\
k1,Anna Smirnova,Person\n\
k2,Delisted Holding,Company\n\
k3,New Person,Person\n\
k4,Maria Lopez,Person\n";

/// A data directory with update.toml pointing at the server, a customer file and a store.
struct Setup {
    dir: tempfile::TempDir,
    store: String,
}

impl Setup {
    fn new(base: &str, store: Option<String>) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("update.toml"),
            format!(
                "retries = 0\ntimeout_secs = 30\n[sources.test-list]\nformat = \"ftm\"\n\
                 files = [{{ url = \"{base}/list.json\", file = \"list.ftm.json\" }}]\n"
            ),
        )
        .unwrap();
        std::fs::write(dir.path().join("customers.csv"), CUSTOMERS).unwrap();
        let store =
            store.unwrap_or_else(|| format!("sqlite://{}", dir.path().join("cases.db").display()));
        Setup { dir, store }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_embargo"));
        c.args(args)
            .env("EMBARGO_DATA_DIR", self.dir.path())
            .env("EMBARGO_STORE", &self.store)
            .env("EMBARGO_UPDATE_SOURCES", "test-list")
            .env("USER", "tester")
            .env_remove("EMBARGO_UPDATE_RESCREEN")
            .env_remove("EMBARGO_CRASH_TEST_STALL");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args)
            .output()
            .expect("the embargo binary runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {t}");
        t
    }

    /// `embargo update --rescreen --format json`.
    fn update_json(&self) -> serde_json::Value {
        let o = self.run(&["update", "--rescreen", "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&o)))
    }

    fn open(&self) -> BlockingStore {
        BlockingStore::open(&self.store.parse::<StoreUrl>().unwrap()).unwrap()
    }

    /// The bytes `lists/test-list` (the current version) reads as.
    fn current_bytes(&self) -> Vec<u8> {
        std::fs::read(self.dir.path().join("lists/test-list")).unwrap()
    }

    fn list_dir(&self) -> PathBuf {
        self.dir.path().join("versions/test-list")
    }

    /// Names in versions/test-list: stored versions, `previous`, staging folders.
    fn version_entries(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.list_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// (record, entity local id, reason, state) of every alert, sorted; a pair raised twice
/// appears twice. Also checks the audit chain.
fn alerts(store: &BlockingStore) -> Vec<(String, String, String, String)> {
    let report = store.verify_audit().unwrap();
    assert!(report.is_ok(), "audit chain: {report:?}");
    let mut v: Vec<_> = store
        .alerts(&AlertFilter::default())
        .unwrap()
        .iter()
        .map(|a| {
            (
                a.record_id.clone(),
                a.entity_id.rsplit(':').next().unwrap().to_string(),
                a.reason.as_str().to_string(),
                a.state.as_str().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// How many times a version of the list was registered in the case store (from the audit
/// trail, which has one entry per registration).
fn registrations(store: &BlockingStore) -> usize {
    let state = store.continuous_state().unwrap();
    let datasets: Vec<String> = if state.versions.is_empty() {
        vec!["test-list".into()]
    } else {
        state.versions.keys().cloned().collect()
    };
    datasets
        .iter()
        .map(|d| store.audit_of(&format!("list:{d}")).unwrap().len())
        .sum()
}

/// v1 current, customers imported and screened, the store's near misses in step with v1.
fn prepared(site: &Site, base: &str, store: Option<String>) -> Setup {
    site.stall.store(false, Ordering::SeqCst);
    site.publish("/list.json", fixture("old.ftm.json"), "\"v1\"");
    let s = Setup::new(base, store);
    let out = s.ok(&["update"]);
    assert!(out.contains("updated    none → "), "{out}");
    let customers = s.dir.path().join("customers.csv");
    s.ok(&["cases", "import", customers.to_str().unwrap()]);
    // No list changed, but the store never re-screened: a full run sets its starting point.
    let v = s.update_json();
    assert_eq!(v["lists"][0]["status"], "unchanged", "{v}");
    assert_eq!(v["rescreen"]["status"], "done", "{v}");
    assert_eq!(v["rescreen"]["kind"], "full", "{v}");
    assert_eq!(v["rescreen"]["raised"], 0, "the import raised them: {v}");
    s
}

/// Start `embargo update --rescreen`, wait until `ready` holds, SIGKILL it.
fn kill_when(mut child: Child, what: &str, ready: impl Fn() -> bool) {
    let start = Instant::now();
    while !ready() {
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("the update ended ({status}) before {what}: {err}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "never reached {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
}

fn stalled_at(point: &str) -> impl Fn(&Path) -> bool + '_ {
    move |log: &Path| {
        std::fs::read_to_string(log)
            .map(|t| t.contains(&format!("crash-test: stalled at {point}")))
            .unwrap_or(false)
    }
}

/// Spawn the update stopping at `point`, with stderr in a file the test reads.
fn spawn_stalling(s: &Setup, point: Option<&str>, log: &Path) -> Child {
    let mut c = s.command(&["update", "--rescreen"]);
    if let Some(p) = point {
        c.env("EMBARGO_CRASH_TEST_STALL", p);
    }
    c.stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .unwrap()
}

#[test]
fn update_rescreens_on_a_new_version_and_does_nothing_on_304() {
    let site = Site::default();
    let base = serve(site.clone());
    let s = prepared(&site, &base, None);
    let store = s.open();
    let before = alerts(&store);
    assert!(
        before.contains(&("k1".into(), "p-2".into(), "new".into(), "open".into())),
        "{before:?}"
    );
    assert!(
        before.iter().any(|a| a.0 == "k2" && a.1 == "c-4"),
        "{before:?}"
    );
    assert!(!before.iter().any(|a| a.0 == "k3"), "{before:?}");
    drop(store);

    // A row of 304s: nothing to do, said so.
    let out = s.ok(&["update", "--rescreen"]);
    assert!(out.contains("unchanged"), "{out}");
    assert!(
        out.contains("re-screening: no list changed") && out.contains("nothing to do"),
        "{out}"
    );

    // A new version; the setting from the environment this time.
    site.publish("/list.json", fixture("new.ftm.json"), "\"v2\"");
    let o = s
        .command(&["update"])
        .env("EMBARGO_UPDATE_RESCREEN", "true")
        .output()
        .unwrap();
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("updated"), "{out}");
    assert!(out.contains("re-screening: delta run"), "{out}");
    assert!(out.contains("4 records (0 changed)"), "{out}");
    let store = s.open();
    let after = alerts(&store);
    let new: Vec<_> = after.iter().filter(|a| !before.contains(a)).collect();
    assert!(
        new.iter()
            .any(|a| a.0 == "k3" && a.1 == "p-5" && a.2 == "new"),
        "the newly listed person alerts: {after:?}"
    );
    assert!(
        after
            .iter()
            .any(|a| a.0 == "k2" && a.1 == "c-4" && a.3 == "delisted"),
        "the delisted company's alert is flagged: {after:?}"
    );
    assert!(!after.iter().any(|a| a.0 == "k4"), "{after:?}");
    assert_eq!(registrations(&store), 2);
    drop(store);

    let v = s.update_json();
    assert_eq!(v["rescreen"]["status"], "nothing_to_do", "{v}");
    assert_eq!(alerts(&s.open()), after);
    // Without --rescreen the store is not touched at all.
    let out = s.ok(&["update"]);
    assert!(!out.contains("re-screening"), "{out}");
}

/// Kill an update three times on its way from v1 to v2, then let one finish; compare with an
/// uninterrupted update.
fn killed_updates(reference_store: Option<String>, crashed_store: Option<String>) {
    let site = Site::default();
    let base = serve(site.clone());

    let reference = prepared(&site, &base, reference_store);
    site.publish("/list.json", fixture("new.ftm.json"), "\"v2\"");
    let v = reference.update_json();
    assert_eq!(v["rescreen"]["kind"], "delta", "{v}");
    let expected = alerts(&reference.open());

    site.publish("/list.json", fixture("old.ftm.json"), "\"v1\"");
    let s = prepared(&site, &base, crashed_store);
    let old = fixture("old.ftm.json");
    let new = fixture("new.ftm.json");
    let v1_entries = s.version_entries();
    assert_eq!(v1_entries.len(), 1, "{v1_entries:?}");
    let before = alerts(&s.open());
    let log = s.dir.path().join("update.log");

    // 1. Killed while the body is still arriving.
    site.publish("/list.json", new.clone(), "\"v2\"");
    site.stall.store(true, Ordering::SeqCst);
    let child = spawn_stalling(&s, None, &log);
    let list_dir = s.list_dir();
    kill_when(child, "half the download written", || {
        std::fs::read_dir(&list_dir).unwrap().flatten().any(|e| {
            e.file_name().to_string_lossy().starts_with(".staging-")
                && std::fs::metadata(e.path().join("data/list.ftm.json"))
                    .map(|m| m.len() > 0)
                    .unwrap_or(false)
        })
    });
    site.stall.store(false, Ordering::SeqCst);
    assert_eq!(s.current_bytes(), old, "the old version stays current");
    let entries = s.version_entries();
    assert!(
        entries.iter().any(|e| e.starts_with(".staging-")),
        "the partial download is left in its staging folder: {entries:?}"
    );
    assert_eq!(
        entries.iter().filter(|e| !e.starts_with('.')).count(),
        1,
        "no new version stored: {entries:?}"
    );
    let store = s.open();
    assert_eq!(alerts(&store), before);
    assert_eq!(registrations(&store), 1);
    drop(store);

    // 2. Killed with the new version stored, not yet current.
    let child = spawn_stalling(&s, Some("update-stored:0"), &log);
    kill_when(child, "update-stored:0", || {
        stalled_at("update-stored:0")(&log)
    });
    assert_eq!(s.current_bytes(), old, "stored is not current");
    let entries = s.version_entries();
    assert!(
        !entries.iter().any(|e| e.starts_with(".staging-")),
        "the dead process's staging folder was cleared: {entries:?}"
    );
    assert_eq!(
        entries.iter().filter(|e| !e.starts_with('.')).count(),
        2,
        "{entries:?}"
    );
    assert_eq!(registrations(&s.open()), 1);

    // 3. Killed with the new version current, not yet registered in the case store.
    let child = spawn_stalling(&s, Some("update-current:0"), &log);
    kill_when(child, "update-current:0", || {
        stalled_at("update-current:0")(&log)
    });
    assert_eq!(
        s.current_bytes(),
        new,
        "the complete new version is current"
    );
    let entries = s.version_entries();
    assert_eq!(
        entries.iter().filter(|e| !e.starts_with('.')).count(),
        3,
        "v1, v2 (stored once) and previous: {entries:?}"
    );
    assert!(entries.contains(&"previous".to_string()), "{entries:?}");
    let store = s.open();
    assert_eq!(alerts(&store), before, "not re-screened yet");
    assert_eq!(registrations(&store), 1);
    drop(store);

    // 4. The next update: a 304, but the store is behind the current list, so it re-screens.
    let v = s.update_json();
    assert_eq!(v["lists"][0]["status"], "unchanged", "{v}");
    assert_eq!(v["rescreen"]["status"], "done", "{v}");
    assert_eq!(v["rescreen"]["kind"], "delta", "{v}");
    let store = s.open();
    assert_eq!(alerts(&store), expected, "as after an uninterrupted update");
    assert_eq!(registrations(&store), 2, "each version registered once");
    drop(store);
    s.ok(&["audit", "verify"]);
    let v = s.update_json();
    assert_eq!(v["rescreen"]["status"], "nothing_to_do", "{v}");
}

#[test]
fn killed_update_keeps_a_whole_version_and_a_consistent_store_sqlite() {
    killed_updates(None, None);
}

/// A fresh database on the server of `EMBARGO_TEST_POSTGRES_URL`; its URL.
fn fresh_postgres_database(tag: &str) -> String {
    embargo_cases::test_database::fresh_postgres_database(&format!("update_{tag}"))
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
#[ignore = "needs PostgreSQL: EMBARGO_TEST_POSTGRES_URL (scripts/postgres.sh start)"]
fn killed_update_keeps_a_whole_version_and_a_consistent_store_postgres() {
    killed_updates(
        Some(fresh_postgres_database("reference")),
        Some(fresh_postgres_database("crashed")),
    );
}

/// When no list was ever accepted (here: the publisher answers 404), the re-screening does not
/// fall back to the demo list as other commands do: there is nothing to screen against.
#[test]
fn no_list_yet_means_nothing_to_rescreen() {
    let site = Site::default();
    let base = serve(site.clone());
    let s = Setup::new(&base, None);
    let o = s.run(&["update", "--rescreen"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "the download failed: {out}");
    assert!(out.contains("failed"), "{out}");
    assert!(
        out.contains("re-screening: no list in") && out.contains("nothing to screen against"),
        "{out}"
    );
    assert!(
        !s.dir.path().join("cases.db").exists(),
        "the case store is not even opened"
    );
}
