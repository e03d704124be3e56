//! `embargo update` through the binary, against a minimal HTTP/1.1 server on 127.0.0.1 started
//! by the test: the first download, a 304, a new version with its diff counts, a refused
//! download that keeps the current version, and `embargo screen` reading the current version
//! from the data directory.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

type Routes = Arc<Mutex<HashMap<String, (Vec<u8>, String)>>>;

/// Serve `routes` (path → body, ETag) one request per connection; 304 when If-None-Match
/// matches. Returns the base URL. The thread ends with the test process.
fn serve(routes: Routes) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            if reader.read_line(&mut first).is_err() {
                continue;
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
            let route = routes.lock().unwrap().get(&path).cloned();
            let response: Vec<u8> = match route {
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
                Some((_, etag)) if if_none_match.as_deref() == Some(etag.as_str()) => format!(
                    "HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n"
                )
                .into_bytes(),
                Some((body, etag)) => {
                    let mut r = format!(
                        "HTTP/1.1 200 OK\r\nETag: {etag}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    r.extend_from_slice(&body);
                    r
                }
            };
            let _ = stream.write_all(&response);
        }
    });
    base
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/diff")
            .join(name),
    )
    .unwrap()
}

fn embargo(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embargo"))
        .args(args)
        .env("EMBARGO_DATA_DIR", data)
        .env("EMBARGO_UPDATE_SOURCES", "test-list")
        .env("EMBARGO_UPDATE_BACKOFF_MS", "1")
        .output()
        .expect("the embargo binary runs")
}

/// `update.toml` with one source, `test-list`, served at `{base}/list.json`.
fn write_config(data: &Path, base: &str) {
    std::fs::write(
        data.join("update.toml"),
        format!(
            "retries = 1\n[sources.test-list]\nformat = \"ftm\"\nfiles = [{{ url = \"{base}/list.json\", file = \"list.ftm.json\" }}]\n"
        ),
    )
    .unwrap();
}

fn text(o: &Output) -> String {
    format!(
        "{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn update_then_304_then_new_version_then_refused() {
    let routes: Routes = Arc::default();
    let base = serve(routes.clone());
    let data = tempfile::tempdir().unwrap();
    write_config(data.path(), &base);
    routes.lock().unwrap().insert(
        "/list.json".into(),
        (fixture("old.ftm.json"), "\"v1\"".into()),
    );

    let o = embargo(data.path(), &["update"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = text(&o);
    assert!(
        out.starts_with("test-list") && out.contains("updated    none → "),
        "{out}"
    );
    assert!(out.contains("4 entities"), "{out}");

    // `embargo screen` with no --list reads the current version from the data directory.
    let o = embargo(data.path(), &["screen", "Anna Smirnova"]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("p-2"),
        "{}",
        text(&o)
    );

    let o = embargo(data.path(), &["update"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("unchanged"), "{}", text(&o));

    routes.lock().unwrap().insert(
        "/list.json".into(),
        (fixture("new.ftm.json"), "\"v2\"".into()),
    );
    let o = embargo(data.path(), &["update", "--details"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = text(&o);
    assert!(
        out.contains("updated") && out.contains("changed         3"),
        "{out}"
    );
    assert!(
        out.contains("+ p-5  New PERSON") && out.contains("- c-4  DELISTED HOLDING"),
        "{out}"
    );

    // A maintenance page instead of the list: refused, exit 1, the new version stays.
    routes.lock().unwrap().insert(
        "/list.json".into(),
        (b"<html>maintenance</html>".to_vec(), "\"v3\"".into()),
    );
    let o = embargo(data.path(), &["update", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["status"], "refused");
    assert_eq!(v[0]["old"], v[0]["new"]);
    let o = embargo(data.path(), &["screen", "New Person"]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("p-5"),
        "{}",
        text(&o)
    );
}

#[test]
fn unknown_source_is_an_error() {
    let data = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .args(["update", "--source", "nope"])
        .env("EMBARGO_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown source \"nope\""));
}

#[test]
fn a_second_update_on_the_same_data_directory_is_refused_and_touches_nothing() {
    let routes: Routes = Arc::default();
    let base = serve(routes.clone());
    let data = tempfile::tempdir().unwrap();
    write_config(data.path(), &base);
    routes.lock().unwrap().insert(
        "/list.json".into(),
        (fixture("old.ftm.json"), "\"v1\"".into()),
    );
    // This test process plays the update already running.
    let running = embargo_update::UpdateLock::acquire(data.path()).unwrap();
    let o = embargo(data.path(), &["update"]);
    assert_ne!(o.status.code(), Some(0), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("another update is running")
            && err.contains(&format!("pid {}", std::process::id())),
        "{}",
        text(&o)
    );
    assert!(
        !data.path().join("versions").exists(),
        "nothing stored while the other update runs"
    );
    drop(running);
    let o = embargo(data.path(), &["update"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("updated    none → "), "{}", text(&o));
}
