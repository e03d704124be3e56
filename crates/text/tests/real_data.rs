//! Scanning text against the real lists of the shared data folder (`$EMBARGO_SHARED_DATA`, else
//! `../shared/data` beside the workspace). Ignored by default: `cargo test -p embargo-text
//! --release -- --ignored`.

use embargo_sources::{read_list, Format};
use embargo_text::{MentionKind, Scanner};
use std::path::{Path, PathBuf};

fn shared(rel: &str) -> PathBuf {
    let root = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    root.join(rel)
}

fn sdn_2024() -> Scanner {
    let doc = read_list(&shared("lists/ofac-sdn/2024-05-03"), Some(Format::OfacCsv))
        .expect("OFAC SDN 2024-05-03 reads");
    Scanner::from_documents(&[doc])
}

/// An Arabic news paragraph (written for this test) naming Vladimir Putin and Kim Jong Un in
/// full, then by surname, with attached prepositions and conjunctions.
const ARABIC: &str =
    "استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون في موسكو يوم الثلاثاء. \
وقال بوتين إن المحادثات كانت مثمرة، بينما أكد كيم أن بلاده ستواصل التعاون. \
وقدّم الوفد الكوري هدية لبوتين، ثم غادر الوفد المرافق لبوتين وكيم القاعة معاً.";

#[test]
#[ignore = "real data"]
fn arabic_article_finds_putin_and_kim_every_time() {
    let scanner = sdn_2024();
    let report = scanner.scan(ARABIC);
    for m in &report.mentions {
        eprintln!(
            "{:?} {}..{} {:?} {} {:?}",
            m.surface, m.start, m.end, m.entity_ids, m.score, m.kind
        );
    }
    let expected: Vec<(&str, &str, MentionKind)> = vec![
        ("فلاديمير بوتين", "ofac-sdn:35096", MentionKind::Name),
        ("كيم جونغ أون", "ofac-sdn:20157", MentionKind::Name),
        ("بوتين", "ofac-sdn:35096", MentionKind::Coreference),
        ("كيم", "ofac-sdn:20157", MentionKind::Coreference),
        ("بوتين", "ofac-sdn:35096", MentionKind::Coreference),
        ("بوتين", "ofac-sdn:35096", MentionKind::Coreference),
        ("كيم", "ofac-sdn:20157", MentionKind::Coreference),
    ];
    let got: Vec<(&str, &str, MentionKind)> = report
        .mentions
        .iter()
        .map(|m| (m.surface.as_str(), m.entity_ids[0].as_str(), m.kind))
        .collect();
    assert_eq!(got, expected);
    // Spans are code-point offsets of the name without its attached words ("لـ", "و").
    let chars: Vec<char> = ARABIC.chars().collect();
    for m in &report.mentions {
        let s: String = chars[m.start..m.end].iter().collect();
        assert_eq!(s, m.surface);
        assert_eq!(&ARABIC[m.byte_start..m.byte_end], m.surface);
    }
    let count = |id: &str| {
        report
            .entities
            .iter()
            .find(|e| e.id == id)
            .map_or(0, |e| e.count)
    };
    assert_eq!(count("ofac-sdn:35096"), 4);
    assert_eq!(count("ofac-sdn:20157"), 3);
}
