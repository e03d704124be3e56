//! Ordinary news prose (written for this project, `tests/fixtures/prose/`) names nobody listed:
//! scanned against UN 2026 + OFAC SDN 2024 + US CSL 2022 from the shared data folder
//! (`$EMBARGO_SHARED_DATA`, else `../shared/data` beside the workspace), it must give no
//! mention. Ignored by default: `cargo test -p embargo-text --release -- --ignored`.

use embargo_sources::{read_list, Format};
use embargo_text::Scanner;
use std::path::{Path, PathBuf};

fn shared(rel: &str) -> PathBuf {
    let root = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    root.join(rel)
}

const PROSE: [(&str, &str); 6] = [
    ("en", include_str!("fixtures/prose/en.txt")),
    ("fr", include_str!("fixtures/prose/fr.txt")),
    ("ru", include_str!("fixtures/prose/ru.txt")),
    ("ar", include_str!("fixtures/prose/ar.txt")),
    ("ko", include_str!("fixtures/prose/ko.txt")),
    ("zh", include_str!("fixtures/prose/zh.txt")),
];

#[test]
#[ignore = "real data"]
fn news_prose_mentions_nobody() {
    let mut docs = Vec::new();
    for (rel, format) in [
        ("lists/un/consolidated-2026-02-27.xml", None),
        ("lists/ofac-sdn/2024-05-03", Some(Format::OfacCsv)),
        ("lists/us-csl/2022/consolidated.csv", None),
    ] {
        docs.push(read_list(&shared(rel), format).unwrap_or_else(|e| panic!("{rel}: {e}")));
    }
    let scanner = Scanner::from_documents(&docs);
    let mut found = Vec::new();
    for (lang, text) in PROSE {
        let r = scanner.scan(text);
        for m in &r.mentions {
            found.push(format!(
                "{lang}: {:?} -> {:?} {} via {:?}",
                m.surface,
                m.entity_ids,
                m.score,
                m.explanation.name.as_ref().map(|n| &n.matched_name)
            ));
        }
        assert!(r.jurisdictions.is_empty(), "{lang}: {:?}", r.jurisdictions);
    }
    assert!(found.is_empty(), "spurious mentions:\n{}", found.join("\n"));
}
