//! `embargo lists inspect` and `embargo export` through the binary, on the repository's own
//! fixtures and the demo list; the real-data variants (`#[ignore = "real data"]`) read the shared
//! data folder (`$EMBARGO_SHARED_DATA`, else `../shared/data` beside the workspace).

use embargo_model::{IdentifierKind, NameKind, Schema};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(rel: &str) -> PathBuf {
    workspace().join("crates/sources/tests/fixtures").join(rel)
}

fn demo() -> PathBuf {
    workspace().join("data/demo/demo.ftm.json")
}

fn shared(rel: &str) -> PathBuf {
    let root = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared/data"));
    root.join(rel)
}

fn embargo(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embargo"))
        .args(args)
        .args(paths)
        .output()
        .expect("the embargo binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn inspect_json(paths: &[&Path]) -> (i32, serde_json::Value) {
    let o = embargo(&["lists", "inspect", "--format", "json"], paths);
    let code = o.status.code().expect("exit code");
    assert_ne!(code, 2, "inspect failed: {}", stderr(&o));
    let v = serde_json::from_str(&stdout(&o)).expect("inspect --format json prints JSON");
    (code, v)
}

/// Run `embargo export --format ftm` and read its stdout back with the FtM reader.
fn export_and_reread(paths: &[&Path]) -> (Vec<serde_json::Value>, embargo_model::ListDocument) {
    let o = embargo(&["export", "--format", "ftm"], paths);
    assert_eq!(o.status.code(), Some(0), "export failed: {}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    for l in &lines {
        assert!(l["id"].is_string() && l["schema"].is_string(), "{l}");
        assert!(l["properties"].is_object(), "{l}");
    }
    let doc = embargo_sources::ftm::read_str(Path::new("export.ftm.json"), &text)
        .expect("export output reads back");
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    (lines, doc)
}

// --- the demo list ---------------------------------------------------------------------------

#[test]
fn demo_list_reads_with_the_ftm_reader() {
    let doc = embargo_sources::ftm::read(&demo()).expect("the demo list reads");
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    assert_eq!(doc.dataset, "demo");
    assert_eq!(doc.entities.len(), 13);
    for e in &doc.entities {
        assert!(e.id.as_str().starts_with("demo:"), "{}", e.id);
        assert_eq!(e.datasets(), ["demo"], "{}", e.id);
        assert!(!e.programs.is_empty(), "{} has a programme", e.id);
    }
    let get = |id: &str| {
        doc.entities
            .iter()
            .find(|e| e.id.as_str() == id)
            .unwrap_or_else(|| panic!("{id} in the demo list"))
    };
    let names =
        |id: &str| -> Vec<String> { get(id).names.iter().map(|n| n.value.clone()).collect() };

    let kim = get("demo:ofac-sdn-20157");
    assert_eq!(kim.schema, Schema::Person);
    assert!(names("demo:ofac-sdn-20157").contains(&"김정은".to_string()));
    assert_eq!(kim.birth_dates[0].to_string(), "1984-01-08");
    assert_eq!(kim.programs, ["DPRK3"]);

    let putin = get("demo:ofac-sdn-35096");
    assert!(names("demo:ofac-sdn-35096").contains(&"Владимир Владимирович Путин".to_string()));
    assert_eq!(putin.birth_dates[0].to_string(), "1952-10-07");

    let graceful = get("demo:ofac-sdn-37444");
    assert_eq!(graceful.schema, Schema::Vessel);
    let imo = graceful
        .identifiers
        .iter()
        .find(|i| i.kind == IdentifierKind::Imo)
        .expect("GRACEFUL has an IMO number");
    assert_eq!(imo.key(), "1011551");
    assert!(graceful
        .relations
        .iter()
        .any(|r| r.target_id.as_ref().map(|t| t.as_str()) == Some("demo:ofac-sdn-35096")));

    let komid = get("demo:un-KPe.001");
    assert_eq!(komid.programs, ["DPRK"]);
    assert_eq!(
        komid.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2009-04-24")
    );
    assert!(names("demo:un-KPe.016").contains(&"朝鲜联合机械贸易会社".to_string()));

    let zidane = get("demo:un-QDi.001");
    assert!(names("demo:un-QDi.001").contains(&"محمد صلاح الدين عبدالحليم زيدان".to_string()));
    assert!(zidane.names.iter().any(|n| n.kind == NameKind::WeakAlias));

    let abr = get("demo:ofac-sdn-20283");
    assert_eq!(abr.schema, Schema::Company);
    assert_eq!(
        abr.extra.get("legalForm").map(Vec::as_slice),
        Some(&["AO".to_string()][..])
    );
}

#[test]
fn inspect_demo_prints_counts() {
    let o = embargo(&["lists", "inspect"], &[&demo()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "format      ftm (detected)",
        "dataset     demo",
        "entities    13",
        "Company 4, Person 4, Organization 3, Airplane 1, Vessel 1",
        "Sanction 5, UnknownLink 4",
        "DPRK",
        "problems    0 errors, 0 warnings",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    let line = |label: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label:?} line in:\n{out}"))
            .to_string()
    };
    assert!(
        line("birth dates").contains(" 4 "),
        "{}",
        line("birth dates")
    );
    assert!(line("original-script names").contains("hangul 1"));
    assert!(line("original-script names").contains("arabic 1"));
    assert!(line("identifiers").contains("imo 1"));
    assert!(line("weak aliases").contains(" 1 "));
}

#[test]
fn inspect_demo_json() {
    let (code, v) = inspect_json(&[&demo()]);
    assert_eq!(code, 0);
    let l = &v["lists"][0];
    assert_eq!(l["dataset"], "demo");
    assert_eq!(l["format"], "ftm");
    assert_eq!(l["entities"], 13);
    assert_eq!(l["schemas"]["Person"], 4);
    assert_eq!(l["schemas"]["Vessel"], 1);
    assert_eq!(l["other_entities"]["Sanction"], 5);
    assert_eq!(l["programs"][0]["name"], "DPRK");
    assert_eq!(l["programs"][0]["entities"], 4);
    assert_eq!(l["sources"][0]["name"], "demo");
    let f = &l["facts"];
    assert_eq!(f["birth_dates"], 4);
    assert_eq!(f["identifiers_by_kind"]["bic"], 2);
    assert_eq!(f["original_script"], 4);
    assert_eq!(f["names_by_script"]["cyrillic"], 1);
    assert_eq!(f["weak_aliases"], 1);
    assert_eq!(f["relations"], 7);
    assert_eq!(l["problems"]["errors"], 0);
    assert!(v.get("linking").is_none(), "one list: no linking section");
}

// --- inspect on fixtures ---------------------------------------------------------------------

#[test]
fn inspect_fixtures_of_every_format() {
    // (fixture, entities, exit code): 1 where the fixture holds records the reader left out.
    let cases = [
        ("un/small.xml", 4, 0),
        ("un/invalid-values.xml", 1, 1),
        ("ofac/sdn", 7, 1),
        ("ofac/cons", 2, 0),
        ("ofac-xml/sdn.xml", 8, 0),
        ("eu-fsf/export.xml", 8, 0),
        ("uk/UK-Sanctions-List.csv", 6, 0),
        ("uk/UK-Sanctions-List.xml", 6, 0),
        ("csl/consolidated.csv", 9, 1),
        ("dpl/dpl.txt", 9, 1),
        ("senzing/records.json", 5, 1),
        ("ftm/graph.ftm.json", 4, 0),
    ];
    for (rel, entities, expected_code) in cases {
        let (code, v) = inspect_json(&[&fixture(rel)]);
        let l = &v["lists"][0];
        assert_eq!(l["entities"], entities, "{rel}");
        assert_eq!(code, expected_code, "{rel}: {}", l["problems"]);
        let errors = l["problems"]["errors"].as_u64().unwrap();
        assert_eq!(errors > 0, code == 1, "{rel}");
        // Every problem is in the JSON, with its place.
        let listed = l["problems"]["list"].as_array().unwrap();
        assert_eq!(
            listed.len() as u64,
            errors + l["problems"]["warnings"].as_u64().unwrap(),
            "{rel}"
        );
        for p in listed {
            assert!(!p["location"].as_str().unwrap().is_empty(), "{rel}: {p}");
            assert!(!p["message"].as_str().unwrap().is_empty(), "{rel}: {p}");
        }
        let per_schema: u64 = l["schemas"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert_eq!(per_schema, entities, "{rel}");
    }
}

#[test]
fn inspect_text_shows_problems_with_their_place() {
    let path = fixture("csl/consolidated.csv");
    let o = embargo(&["lists", "inspect"], &[&path]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("problems    2 errors, 5 warnings"), "{out}");
    assert!(
        out.contains("consolidated.csv:14: expected 29 fields"),
        "{out}"
    );
    assert!(out.contains("[name]: empty name; row skipped"), "{out}");
    // Errors come before warnings.
    let first_error = out.find("    error: ").unwrap();
    let first_warning = out.find("    warning: ").unwrap();
    assert!(first_error < first_warning, "{out}");

    let o = embargo(&["lists", "inspect", "--problems", "1"], &[&path]);
    let out = stdout(&o);
    assert_eq!(out.matches("    error: ").count(), 1, "{out}");
    assert!(out.contains("… 6 more"), "{out}");
}

#[test]
fn inspect_several_lists_reports_linking() {
    let sdn = fixture("csl/ofac-sdn");
    let csl = fixture("csl/consolidated.csv");
    let (code, v) = inspect_json(&[&sdn, &csl]);
    assert_eq!(code, 1, "the CSL fixture has errors");
    assert_eq!(v["lists"].as_array().unwrap().len(), 2);
    assert_eq!(v["lists"][0]["dataset"], "ofac-sdn");
    assert_eq!(v["lists"][1]["dataset"], "us-csl");
    // Counts are per list as published (before linking)…
    assert_eq!(v["lists"][1]["entities"], 9);
    // …and linking says what it merged.
    let link = &v["linking"];
    assert_eq!(link["merged"], 3);
    assert_eq!(link["merges"][0]["from"], "us-csl");
    assert_eq!(link["merges"][0]["into"], "ofac-sdn");
    assert_eq!(link["entities_after"], 3 + 9 - 3);

    let o = embargo(&["lists", "inspect"], &[&sdn, &csl]);
    let out = stdout(&o);
    assert!(
        out.contains("us-csl entities merged into ofac-sdn entities"),
        "{out}"
    );
    assert!(out.contains("total: 2 errors, 8 warnings"), "{out}");
}

#[test]
fn inspect_with_input_format() {
    let o = embargo(
        &["lists", "inspect", "--input-format", "un-xml"],
        &[&fixture("un/small.xml")],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("format      un-xml\n"), "{out}");

    let o = embargo(&["lists", "inspect", "--input-format", "nope"], &[&demo()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("un-xml"),
        "names the formats: {}",
        stderr(&o)
    );
}

#[test]
fn inspect_help_documents_exit_status() {
    let o = embargo(&["lists", "inspect", "--help"], &[]);
    let out = stdout(&o);
    assert!(out.contains("Exit status:"), "{out}");
    assert!(out.contains("1  every list was read, but"), "{out}");
}

// --- failures --------------------------------------------------------------------------------

fn temp_file(name: &str, content: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("embargo-lists-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn malformed_files_exit_2_naming_the_file() {
    let garbage = temp_file("garbage.txt", b"this is not a sanctions list\nat all\n");
    let truncated = fixture("un/truncated.xml");
    let missing = workspace().join("no/such/list.xml");
    let bad_json = temp_file(
        "broken.ftm.json",
        b"{\"id\": \"x\", \"schema\": \"Person\", \"properties\": \n",
    );
    for path in [&garbage, &truncated, &missing, &bad_json] {
        for args in [
            &["lists", "inspect"][..],
            &["lists", "inspect", "--format", "json"][..],
            &["export", "--format", "ftm"][..],
        ] {
            let o = embargo(args, &[path.as_path()]);
            assert_eq!(o.status.code(), Some(2), "{args:?} {}", path.display());
            let err = stderr(&o);
            let name = path.file_name().unwrap().to_str().unwrap();
            assert!(err.contains(name), "{args:?}: error names {name}: {err}");
            assert!(
                o.stdout.is_empty(),
                "{args:?}: nothing on stdout on failure"
            );
        }
    }
    // A good list beside a bad one still fails, naming the bad one.
    let o = embargo(&["lists", "inspect"], &[&demo(), &garbage]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("garbage.txt"));
}

// --- export ----------------------------------------------------------------------------------

#[test]
fn export_demo_round_trips() {
    let (lines, doc) = export_and_reread(&[&demo()]);
    let original = embargo_sources::ftm::read(&demo()).unwrap();
    assert_eq!(doc.entities.len(), original.entities.len());
    assert_eq!(
        doc.entities, original.entities,
        "export reads back into equal entities"
    );
    assert_eq!(doc.other.len(), original.other.len());
    assert_eq!(lines.len(), 13 + 9);
}

#[test]
fn export_fixtures_reread_to_the_same_count() {
    for rel in [
        "un/small.xml",
        "ofac/sdn",
        "ofac-xml/sdn.xml",
        "eu-fsf/export.xml",
        "uk/UK-Sanctions-List.xml",
        "csl/consolidated.csv",
        "dpl/dpl.txt",
        "senzing/records.json",
        "ftm/graph.ftm.json",
    ] {
        let path = fixture(rel);
        let read = embargo_sources::read_list(&path, None).unwrap();
        let (lines, doc) = export_and_reread(&[&path]);
        assert_eq!(doc.entities.len(), read.entities.len(), "{rel}");
        let ids: HashSet<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), lines.len(), "{rel}: ids are unique");
        for e in &read.entities {
            assert!(ids.contains(e.id.as_str()), "{rel}: {} exported", e.id);
        }
    }
}

#[test]
fn export_several_lists_links_them() {
    let sdn = fixture("csl/ofac-sdn");
    let csl = fixture("csl/consolidated.csv");
    let (lines, doc) = export_and_reread(&[&sdn, &csl]);
    // 3 SDN entities + 9 CSL entities, 3 of which are the SDN ones.
    assert_eq!(doc.entities.len(), 9);
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "every entity comes out once");
    let both = doc
        .entities
        .iter()
        .filter(|e| {
            let d = e.datasets();
            d.contains(&"ofac-sdn".to_string()) && d.contains(&"us-csl".to_string())
        })
        .count();
    assert_eq!(both, 3, "the merged entities name both lists");
    let merged = doc
        .entities
        .iter()
        .find(|e| {
            e.datasets().contains(&"us-csl".to_string()) && e.id.as_str().starts_with("ofac-sdn:")
        })
        .expect("an SDN entity carries the CSL dataset");
    assert!(merged.datasets().contains(&"ofac-sdn".to_string()));
}

#[test]
fn export_notes_problems_on_stderr() {
    let o = embargo(&["export"], &[&fixture("csl/consolidated.csv")]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("2 errors"), "{}", stderr(&o));
    assert!(!stdout(&o).is_empty());
}

// --- real data -------------------------------------------------------------------------------

#[test]
#[ignore = "real data"]
fn inspect_real_un_2026() {
    let (code, v) = inspect_json(&[&shared("lists/un/consolidated-2026-02-27.xml")]);
    assert_eq!(code, 0);
    let l = &v["lists"][0];
    assert_eq!(l["dataset"], "un");
    assert_eq!(l["entities"], 1003);
    assert_eq!(l["schemas"]["Person"], 730);
    assert_eq!(l["schemas"]["Organization"], 273);
    let dprk = l["programs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "DPRK")
        .expect("a DPRK programme");
    assert_eq!(dprk["entities"], 155);
    let f = &l["facts"];
    assert!(f["original_script_marked"].as_u64().unwrap() >= 370, "{f}");
    assert!(
        f["names_by_script"]["arabic"].as_u64().unwrap() >= 366,
        "{f}"
    );
    assert!(f["weak_aliases"].as_u64().unwrap() > 100, "{f}");
}

#[test]
#[ignore = "real data"]
fn inspect_real_lists_text() {
    let paths = [
        shared("lists/un/consolidated-2026-02-27.xml"),
        shared("lists/ofac-sdn/2024-05-03"),
        shared("lists/us-csl/2022/consolidated.csv"),
        shared("lists/bis-dpl/2022/dpl.txt"),
    ];
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let o = embargo(&["lists", "inspect"], &refs);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("entities    14,965"), "{out}");
    assert!(out.contains("(the 20 largest)"), "{out}");
    assert!(
        out.contains("us-csl entities merged into ofac-sdn entities"),
        "{out}"
    );
}

#[test]
#[ignore = "real data"]
fn export_real_ofac_sdn_2024() {
    let path = shared("lists/ofac-sdn/2024-05-03");
    let (_, doc) = export_and_reread(&[&path]);
    assert_eq!(doc.entities.len(), 14965);
    let putin = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:35096")
        .expect("Putin exported");
    assert_eq!(putin.caption(), "PUTIN, Vladimir Vladimirovich");
}

#[test]
#[ignore = "real data"]
fn export_real_csl_linked_with_sdn() {
    let sdn = shared("lists/ofac-sdn/2024-05-03");
    let csl = shared("lists/us-csl/2022/consolidated.csv");
    let alone: usize = [&sdn, &csl]
        .iter()
        .map(|p| embargo_sources::read_list(p, None).unwrap().entities.len())
        .sum();
    let (lines, doc) = export_and_reread(&[&sdn, &csl]);
    assert!(doc.entities.len() < alone, "linking merged some entities");
    let ids: HashSet<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), lines.len(), "every entity comes out once");
}
