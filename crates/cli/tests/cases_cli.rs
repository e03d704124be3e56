//! `embargo cases import`, `embargo alerts` and `embargo audit` through the binary, on the demo
//! list shipped in the repository and a SQLite store in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn demo() -> PathBuf {
    workspace().join("data/demo/demo.ftm.json")
}

struct Env {
    dir: tempfile::TempDir,
    store: String,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let store = format!("sqlite://{}", dir.path().join("cases.db").display());
        Env { dir, store }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_embargo"))
            .args(args)
            .args(["--store", &self.store])
            .env("EMBARGO_DATA_DIR", self.dir.path())
            .env("USER", "tester")
            .output()
            .expect("the embargo binary runs")
    }

    fn ok(&self, args: &[&str]) -> (String, String) {
        let o = self.run(args);
        let out = String::from_utf8_lossy(&o.stdout).to_string();
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(o.status.success(), "{args:?} failed:\n{out}\n{err}");
        (out, err)
    }

    fn alerts(&self, extra: &[&str]) -> Vec<serde_json::Value> {
        let mut args = vec!["alerts", "list", "--json"];
        args.extend_from_slice(extra);
        let (out, _) = self.ok(&args);
        out.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

const CUSTOMERS: &str = "id,full_name,date_of_birth,nationality\n\
c1,Kim Jong Un,1984-01-08,kp\n\
c2,Vladimir Putin,1952-10-07,ru\n\
c3,Maria Lopez,1990-05-01,es\n";

#[test]
fn import_review_and_audit() {
    let env = Env::new();
    let file = env.path("customers.csv");
    std::fs::write(&file, CUSTOMERS).unwrap();
    let list = demo();
    let list = list.to_str().unwrap();
    let f = file.to_str().unwrap();

    let (_, err) = env.ok(&["cases", "import", f, "--list", list]);
    assert!(
        err.contains("3 records: 3 new, 0 changed, 0 unchanged"),
        "{err}"
    );
    let alerts = env.alerts(&[]);
    let pairs: Vec<(&str, &str)> = alerts
        .iter()
        .map(|a| {
            (
                a["record_id"].as_str().unwrap(),
                a["entity_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(pairs.contains(&("c1", "demo:ofac-sdn-20157")), "{pairs:?}");
    assert!(pairs.contains(&("c2", "demo:ofac-sdn-35096")), "{pairs:?}");
    assert!(!pairs.iter().any(|(r, _)| *r == "c3"), "{pairs:?}");
    assert!(alerts
        .iter()
        .all(|a| a["reason"] == "new" && a["state"] == "open"));

    // Re-importing the same file changes nothing.
    let (_, err) = env.ok(&["cases", "import", f, "--list", list]);
    assert!(err.contains("0 new, 0 changed, 3 unchanged"), "{err}");
    assert_eq!(env.alerts(&[]).len(), alerts.len());

    // Four eyes: ana proposes, ana cannot confirm, bob confirms.
    let kim = alerts.iter().find(|a| a["record_id"] == "c1").unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let (out, _) = env.ok(&[
        "alerts",
        "decide",
        &kim,
        "false_positive",
        "--analyst",
        "ana",
        "--comment",
        "different person",
    ]);
    assert!(out.contains("awaits confirmation"), "{out}");
    let o = env.run(&["alerts", "decide", &kim, "confirm", "--analyst", "ana"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("four eyes"));
    let (out, _) = env.ok(&["alerts", "decide", &kim, "confirm", "--analyst", "bob"]);
    assert!(out.contains("closed (false_positive)"), "{out}");
    let (out, _) = env.ok(&["alerts", "show", &kim]);
    assert!(
        out.contains("false_positive by ana") && out.contains("confirm by bob"),
        "{out}"
    );
    assert!(out.contains("KIM, Jong Un"), "{out}");

    // A changed record is screened again; the cleared pair alerts again, marked.
    std::fs::write(
        &file,
        CUSTOMERS.replace(
            "c1,Kim Jong Un,1984-01-08,kp",
            "c1,Kim Jong Un,1984-01-08,kp;cn",
        ),
    )
    .unwrap();
    let (_, err) = env.ok(&["cases", "import", f, "--list", list]);
    assert!(err.contains("0 new, 1 changed, 2 unchanged"), "{err}");
    let again = env.alerts(&["--record", "c1", "--state", "open"]);
    assert_eq!(again.len(), 1, "{again:?}");
    assert_eq!(again[0]["reason"], "record_changed");

    // Putin leaves the list: his open alert is flagged for review, not closed.
    let text = std::fs::read_to_string(demo()).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.contains("ofac-sdn-35096"))
        .map(|l| format!("{l}\n"))
        .collect();
    let list2 = env.path("demo-2.ftm.json");
    std::fs::write(&list2, without).unwrap();
    let (_, err) = env.ok(&["cases", "import", f, "--list", list2.to_str().unwrap()]);
    assert!(err.contains("1 removed"), "{err}");
    assert!(err.contains("flagged `delisted`"), "{err}");
    let delisted = env.alerts(&["--state", "delisted"]);
    assert_eq!(delisted.len(), 1);
    assert_eq!(delisted[0]["record_id"], "c2");

    // The trail verifies and exports.
    let (out, _) = env.ok(&["audit", "verify"]);
    assert!(out.contains("audit trail intact"), "{out}");
    let (out, _) = env.ok(&["audit", "export"]);
    let kinds: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for k in [
        "list_version_registered",
        "records_imported",
        "screening_started",
        "alert_raised",
        "decision",
        "alert_delisted",
        "screening_finished",
    ] {
        assert!(kinds.iter().any(|x| x == k), "{k} missing from {kinds:?}");
    }
}

#[test]
fn rows_without_ids_fail_before_anything_is_stored() {
    let env = Env::new();
    let file = env.path("customers.csv");
    std::fs::write(
        &file,
        "id,full_name\nc1,Ali Hassan\n,Maria Lopez\nc1,Other\n",
    )
    .unwrap();
    let o = env.run(&[
        "cases",
        "import",
        file.to_str().unwrap(),
        "--list",
        demo().to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("record 1") && err.contains("no `id`"), "{err}");
    assert!(
        err.contains("record 2: id \"c1\" already used by record 0"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    let (out, _) = env.ok(&["alerts", "list"]);
    assert!(out.contains("No alert"), "{out}");
}

/// Kill `embargo cases import` (SIGKILL) at several points of a long import, then run it to the
/// end: no record or alert is lost or duplicated, and the audit trail verifies. The alerts are
/// those of an import that was never interrupted.
#[test]
fn import_killed_midway_resumes_without_loss_or_duplicates() {
    let firsts = ["Ana", "Omar", "Li", "Sven", "Aisha", "Jose", "Mei", "Ivan"];
    let lasts = [
        "Garcia", "Haddad", "Wang", "Berg", "Khan", "Silva", "Chen", "Petrov",
    ];
    let mut csv = String::from("id,full_name\n");
    let n = 8000;
    for i in 0..n {
        let name = match i % 97 {
            0 => "Kim Jong Un".to_string(),
            1 => "Vladimir Vladimirovich Putin".to_string(),
            _ => format!("{} {} {}", firsts[i % 8], lasts[(i / 8) % 8], i),
        };
        csv.push_str(&format!("r{i:05},{name}\n"));
    }
    let list = demo();
    let list = list.to_str().unwrap();

    let reference = Env::new();
    let file = reference.path("customers.csv");
    std::fs::write(&file, &csv).unwrap();
    reference.ok(&[
        "cases",
        "import",
        file.to_str().unwrap(),
        "--list",
        list,
        "--batch",
        "100",
    ]);
    let pairs = |env: &Env| {
        let mut p: Vec<(String, String)> = env
            .alerts(&["--limit", "100000"])
            .iter()
            .map(|a| {
                (
                    a["record_id"].as_str().unwrap().to_string(),
                    a["entity_id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        p.sort();
        p
    };
    let expected = pairs(&reference);
    assert!(expected.len() >= 2 * (n / 97), "{}", expected.len());

    let env = Env::new();
    let file = env.path("customers.csv");
    std::fs::write(&file, &csv).unwrap();
    let mut killed = 0;
    for delay_ms in [150u64, 400, 700, 1000, 1500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_embargo"))
            .args([
                "cases",
                "import",
                file.to_str().unwrap(),
                "--list",
                list,
                "--batch",
                "100",
            ])
            .args(["--store", &env.store])
            .env("EMBARGO_DATA_DIR", env.dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
    }
    let (_, err) = env.ok(&["cases", "import", file.to_str().unwrap(), "--list", list]);
    assert!(
        err.contains(&format!("{n} records: 0 new, 0 changed, {n} unchanged")),
        "{err}"
    );
    let got = pairs(&env);
    assert_eq!(got, expected, "killed {killed} time(s)");
    let mut dedup = got.clone();
    dedup.dedup();
    assert_eq!(dedup.len(), got.len(), "duplicate alerts");
    let (out, _) = env.ok(&["audit", "verify"]);
    assert!(out.contains("audit trail intact"), "{out}");
    eprintln!("killed the import {killed} time(s)");
}
