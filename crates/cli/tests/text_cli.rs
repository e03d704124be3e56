//! `embargo text` through the binary, on the embargo-text fixture list (`--format json` and the
//! terminal rendering, exit codes, standard input).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixture_list() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../text/tests/fixtures/list.ftm.json")
}

fn embargo_text(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("text")
        .arg("--list")
        .arg(fixture_list())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the embargo binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin takes the text");
    child.wait_with_output().expect("embargo text finishes")
}

const ARTICLE: &str =
    "Президент Владимир Путин встретился с Ким Чен Ыном в Пхеньяне. Позже Путина \
    приветствовали в Иране. Vladimir Putin later met Kim Jong Un; Kim smiled.";

#[test]
fn json_report_from_stdin() {
    let o = embargo_text(&["--format", "json", "-"], ARTICLE);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    let mentions = v["mentions"].as_array().expect("mentions");
    let got: Vec<(String, String)> = mentions
        .iter()
        .map(|m| {
            (
                m["surface"].as_str().unwrap_or_default().to_string(),
                m["entity_ids"][0].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("Владимир Путин", "t-putin"),
        ("Путина", "t-putin"),
        ("Vladimir Putin", "t-putin"),
        ("Kim Jong Un", "t-kim"),
        ("Kim", "t-kim"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want);
    // Offsets are code points and bytes of the input.
    let m = &mentions[0];
    assert_eq!(m["start"], 10);
    assert_eq!(m["byte_start"], "Президент ".len());
    assert_eq!(v["jurisdictions"][0]["code"], "IR");
}

#[test]
fn terminal_rendering_marks_mentions() {
    let o = embargo_text(&["--color", "never", "-"], ARTICLE);
    let out = String::from_utf8(o.stdout).expect("UTF-8 output");
    assert!(out.contains("[Владимир Путин]{1}"), "{out}");
    assert!(out.contains("<Иране>{J1}"), "{out}");
    assert!(out.contains("t-putin"), "{out}");
    assert!(out.contains("ref→1"), "{out}");
}

#[test]
fn clean_text_exits_zero() {
    let dir = std::env::temp_dir().join(format!("embargo-text-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("clean.txt");
    std::fs::write(&file, "Nothing to see here: Kim Min-jae scored twice.").expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("text")
        .arg("--list")
        .arg(fixture_list())
        .arg(&file)
        .output()
        .expect("the embargo binary runs");
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("No listed party mentioned."));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_file_is_an_error() {
    let o = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .args(["text", "--list"])
        .arg(fixture_list())
        .arg("/nonexistent/article.txt")
        .output()
        .expect("the embargo binary runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/article.txt"));
}
