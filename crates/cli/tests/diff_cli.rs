//! `embargo lists diff` through the binary: the JSON shape on small fixtures, the text listing,
//! and the real OFAC 2019 → 2021 folders (`#[ignore = "real data"]`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(name)
}

fn shared(rel: &str) -> PathBuf {
    let root = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared/data"));
    assert!(
        root.join("README.md").exists(),
        "real data not found at {} (set EMBARGO_SHARED_DATA)",
        root.display()
    );
    root.join(rel)
}

fn diff(old: &Path, new: &Path, format: &str) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .args(["lists", "diff", "--format", format])
        .arg(old)
        .arg(new)
        .output()
        .expect("the embargo binary runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

#[test]
fn json_has_the_documented_shape() {
    let o = diff(&fixture("old.ftm.json"), &fixture("new.ftm.json"), "json");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(
        v,
        serde_json::json!({
            "added": ["p-5"],
            "removed": ["c-4"],
            "changed": [
                {"id": "c-3", "fields": {"program": {"old": ["RUSSIA-EO14024"], "new": ["CYBER2", "RUSSIA-EO14024"]}}},
                {"id": "p-1", "fields": {"alias": {"old": ["Ivan Petrov"], "new": ["Ivan Petrov", "Iwan Petrow"]}}},
                {"id": "p-2", "fields": {"notes": {"old": ["Board member."], "new": ["Chair of the board."]}}}
            ]
        })
    );
}

#[test]
fn text_gives_counts_then_listing() {
    let o = diff(&fixture("old.ftm.json"), &fixture("new.ftm.json"), "text");
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[2].starts_with("added") && lines[2].ends_with(" 1"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("removed") && lines[3].ends_with(" 1"),
        "{text}"
    );
    assert!(
        lines[4].contains(
            "3  (1 in fields matching uses, 1 in programmes only, 1 in other fields only)"
        ),
        "{text}"
    );
    assert!(text.contains("  + p-5  New PERSON\n"), "{text}");
    assert!(text.contains("  - c-4  DELISTED HOLDING\n"), "{text}");
    assert!(
        text.contains("  ~ p-1  Ivan PETROV\n     *alias\n        + Iwan Petrow\n"),
        "{text}"
    );
    assert!(
        text.contains("      notes\n        - Board member.\n        + Chair of the board.\n"),
        "{text}"
    );
}

#[test]
fn same_file_is_an_empty_diff() {
    let o = diff(&fixture("old.ftm.json"), &fixture("old.ftm.json"), "json");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"added": [], "removed": [], "changed": []})
    );
}

#[test]
fn unreadable_list_is_an_error_naming_it() {
    let o = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .args(["lists", "diff"])
        .arg(fixture("old.ftm.json"))
        .arg(fixture("missing.ftm.json"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.ftm.json"));
}

#[test]
#[ignore = "real data"]
fn ofac_folders_2019_to_2021() {
    let o = diff(
        &shared("lists/ofac-sdn/2019-01-04"),
        &shared("lists/ofac-sdn/2021-07-07"),
        "json",
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let added = v["added"].as_array().unwrap();
    let removed = v["removed"].as_array().unwrap();
    let changed = v["changed"].as_array().unwrap();
    // 7,379 → 8,976 entities.
    assert_eq!(7379 - removed.len() + added.len(), 8976);
    assert!(
        removed.iter().any(|id| id == "ofac-sdn:24228"),
        "Rusal delisted"
    );
    let irgc = changed
        .iter()
        .find(|c| c["id"] == "ofac-sdn:10391")
        .expect("IRGC changed");
    assert!(irgc["fields"]["program"]["new"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "FTO"));
}
