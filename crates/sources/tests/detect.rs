//! Format detection on fixtures, on edge cases, and on every file and folder of the real data.

mod common;

use embargo_sources::{detect, Error, Format};
use std::path::{Path, PathBuf};

/// A scratch folder for this test process, removed at the end of each test that uses it.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("embargo-detect-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, content).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn unknown_message(p: &Path) -> String {
    match detect(p) {
        Err(e @ Error::UnknownFormat { .. }) => e.to_string(),
        other => panic!("{}: expected UnknownFormat, got {other:?}", p.display()),
    }
}

#[test]
fn fixtures() {
    let f = common::fixtures_dir();
    assert_eq!(
        detect(&f.join("ofac-xml/sdn.xml")).unwrap(),
        Format::OfacXml
    );
    assert_eq!(detect(&f.join("eu-fsf/export.xml")).unwrap(), Format::EuFsf);
    assert_eq!(
        detect(&f.join("uk/UK-Sanctions-List.csv")).unwrap(),
        Format::UkCsv
    );
    assert_eq!(
        detect(&f.join("uk/UK-Sanctions-List.xml")).unwrap(),
        Format::UkXml
    );
    assert_eq!(detect(&f.join("ftm/graph.ftm.json")).unwrap(), Format::Ftm);
}

#[test]
fn headers_and_roots() {
    let s = Scratch::new("heads");
    let cases: &[(&str, &str, Format)] = &[
        (
            "a.xml",
            "<?xml version=\"1.0\"?>\n<!-- c -->\n<CONSOLIDATED_LIST dateGenerated=\"x\">",
            Format::UnXml,
        ),
        (
            "b.xml",
            "<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\" generationDate=\"x\">",
            Format::EuFsf,
        ),
        (
            "c.xml",
            "\u{feff}<x:sdnList xmlns:x=\"y\">",
            Format::OfacXml,
        ),
        ("d.xml", "<ArrayOfFinancialSanctionsTarget>", Format::UkXml),
        ("e.csv", "_id,source,entity_number,type\n", Format::Csl),
        (
            "f.csv",
            "source,entity_number,type,programs,name,title\n",
            Format::Csl,
        ),
        (
            "g.csv",
            "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\r\n",
            Format::OfacCsv,
        ),
        ("h.txt", "Name\tStreet_Address\tCity\n", Format::Dpl),
        (
            "i.csv",
            "Last Updated,13/02/2025\nName 6,Name 1,Group ID\n",
            Format::UkCsv,
        ),
        (
            "j.json",
            "{\"DATA_SOURCE\":\"X\",\"RECORD_ID\":\"1\"}\n",
            Format::Senzing,
        ),
        (
            "k.json",
            "{\"id\": \"a\", \"schema\": \"Person\", \"properties\": {}}\n",
            Format::Ftm,
        ),
    ];
    for (name, content, format) in cases {
        assert_eq!(
            detect(&s.file(name, content.as_bytes())).unwrap(),
            *format,
            "{name}"
        );
    }
}

#[test]
fn unknown_formats_say_what_they_look_like() {
    let s = Scratch::new("unknown");
    let m = unknown_message(&s.file("empty.csv", b""));
    assert!(m.contains("empty.csv") && m.contains("empty"), "{m}");
    let m = unknown_message(&s.file("list.zip", b"PK\x03\x04rest"));
    assert!(m.contains("ZIP"), "{m}");
    let m = unknown_message(&s.file("x.xml", b"<html><body>"));
    assert!(m.contains("<html>"), "{m}");
    let m = unknown_message(&s.file("e.xml", b"<export><foo/></export>"));
    assert!(m.contains("<export>"), "{m}");
    let m = unknown_message(&s.file("a.json", b"[{\"id\": 1}]"));
    assert!(m.contains("JSON array"), "{m}");
    let m = unknown_message(&s.file("t.csv", b"name,country\nACME,ru\n"));
    assert!(m.contains("\"name,country\""), "{m}");
    let m = unknown_message(&s.file(
        "b.bin",
        &[
            0xff, 0xfe, 0x00, 0x41, 0x00, 0x00, 0xc3, 0x28, 1, 2, 3, 4, 5, 6,
        ],
    ));
    assert!(m.contains("not UTF-8"), "{m}");
    assert!(m.contains("--input-format"), "{m}");
    let m = unknown_message(&s.0);
    assert!(m.contains("sdn.csv"), "{m}");

    let err = detect(Path::new("/nonexistent/list.xml")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
}

#[test]
fn ofac_folders_and_names() {
    let s = Scratch::new("ofac");
    s.file("sdn.csv", b"");
    s.file("alt.csv", b"");
    assert_eq!(detect(&s.0).unwrap(), Format::OfacCsv);
    // Named sdn.csv: OFAC even when empty (the reader reports what is wrong with it).
    assert_eq!(detect(&s.0.join("sdn.csv")).unwrap(), Format::OfacCsv);
    std::fs::remove_file(s.0.join("sdn.csv")).unwrap();
    let m = unknown_message(&s.0);
    assert!(m.contains("without its primary file"), "{m}");
}

/// What each path under `lists/` must be detected as (`None`: not a list on its own).
fn expected(rel: &str, is_dir: bool) -> Option<Format> {
    if is_dir {
        let ofac_sets = [
            "ofac-consolidated/2025-12",
            "ofac-sdn/2019-01-04",
            "ofac-sdn/2021-07-07",
            "ofac-sdn/2024-05-03",
            "ofac-sdn/tiny",
        ];
        return ofac_sets.contains(&rel).then_some(Format::OfacCsv);
    }
    let top = rel.split('/').next().unwrap_or("");
    Some(match top {
        "bis-dpl" => Format::Dpl,
        "ftm" => Format::Ftm,
        "ofac-consolidated" | "ofac-sdn" => Format::OfacCsv,
        "opensanctions-senzing" => Format::Senzing,
        "un" => Format::UnXml,
        "us-csl" => Format::Csl,
        other => panic!("unexpected folder {other} in lists/: add it to this test"),
    })
}

#[test]
#[ignore = "real data"]
fn every_real_list_file_and_folder() {
    let lists = common::data_dir().join("lists");
    let mut stack = vec![lists.clone()];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(&lists)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let is_dir = path.is_dir();
            if is_dir {
                stack.push(path.clone());
            }
            match (expected(&rel, is_dir), detect(&path)) {
                (Some(want), Ok(got)) => assert_eq!(got, want, "{rel}"),
                (None, Err(Error::UnknownFormat { message, .. })) => {
                    assert!(!message.is_empty(), "{rel}")
                }
                (want, got) => panic!("{rel}: expected {want:?}, got {got:?}"),
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} paths checked");
    // The top folder and the incomplete 2025 set are not lists on their own.
    assert!(matches!(detect(&lists), Err(Error::UnknownFormat { .. })));
    let partial = unknown_message(&lists.join("ofac-sdn/2025-partial-no-sdn"));
    assert!(partial.contains("without its primary file"), "{partial}");
}
