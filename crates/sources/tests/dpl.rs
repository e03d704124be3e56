//! BIS Denied Persons List reader: grouping of a party's rows, duplicate rows, schema guesses,
//! malformed input, and the real 2019 and 2022 files.

mod common;

use embargo_model::{Entity, ListDocument, NameKind, Schema, Severity};
use embargo_sources::dpl;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    common::fixtures_dir().join("dpl/dpl.txt")
}

fn by_caption<'a>(doc: &'a ListDocument, caption: &str) -> Vec<&'a Entity> {
    doc.entities
        .iter()
        .filter(|e| e.caption() == caption)
        .collect()
}

#[test]
fn reads_the_fixture() {
    let (doc, stats) = dpl::read_with_stats(&fixture()).unwrap();
    assert_eq!(doc.dataset, "bis-dpl");
    assert_eq!(stats.rows, 12);
    assert_eq!(stats.skipped_rows, 1);
    assert_eq!(stats.exact_duplicates, 1);
    assert_eq!(stats.merged_rows, 1);
    assert_eq!(stats.entities, 9);
    assert_eq!(
        stats.rows,
        stats.entities + stats.merged_rows + stats.exact_duplicates + stats.skipped_rows
    );

    let adrian = &by_caption(&doc, "ADRIAN MANUEL HERNANDEZ")[0];
    assert_eq!(adrian.schema, Schema::Person);
    assert_eq!(adrian.listed_on.unwrap().to_string(), "2017-10-16");
    assert_eq!(adrian.programs, vec!["DPL"]);
    let a = &adrian.addresses[0];
    assert_eq!(a.street.as_deref(), Some("3037 S. 69TH DRIVE"));
    assert_eq!(a.city.as_deref(), Some("PHONEIX"));
    assert_eq!(a.region.as_deref(), Some("AZ"));
    assert_eq!(a.postal_code.as_deref(), Some("85043"));
    assert!(adrian
        .remarks
        .contains(&"Denial order, expires 2020-10-13, standard order: Y".to_string()));
    let local = &adrian.id.as_str()["bis-dpl:".len()..];
    assert_eq!(local.len(), 16);
    assert!(local.bytes().all(|b| b.is_ascii_hexdigit()));

    // Two addresses under one order: one entity.
    let wu = by_caption(&doc, "ALEX WU");
    assert_eq!(wu.len(), 1);
    assert_eq!(wu[0].addresses.len(), 2);
    assert_eq!(
        wu[0]
            .countries
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
        vec!["cn", "us"]
    );

    // The same name under two orders: two entities.
    assert_eq!(by_caption(&doc, "I. ASH").len(), 2);

    let zhou = by_caption(&doc, "DAQING ZHOU");
    assert_eq!(zhou.len(), 1);
    assert_eq!(zhou[0].addresses.len(), 1);
    let dup = doc
        .problems
        .iter()
        .find(|p| p.message.contains("exact duplicate"))
        .unwrap();
    assert_eq!(dup.severity, Severity::Warning);
    assert!(dup.location.ends_with("dpl.txt:6"), "{}", dup.location);
    assert!(dup.message.contains("line 5"));

    assert_eq!(
        by_caption(&doc, "AIR FREIGHT LTD")[0].schema,
        Schema::Organization
    );
    assert_eq!(
        by_caption(&doc, "UNITED AFRICAN AIRLINES")[0].schema,
        Schema::Organization
    );
    let sun = &by_caption(&doc, "FUYI SUN")[0];
    assert_eq!(sun.schema, Schema::Person);
    assert_eq!(sun.names[1].value, "FRANK SUN");
    assert_eq!(sun.names[1].kind, NameKind::Alias);
}

#[test]
fn ids_are_stable_and_ignore_addresses() {
    let (a, _) = dpl::read_with_stats(&fixture()).unwrap();
    let (b, _) = dpl::read_with_stats(&fixture()).unwrap();
    let ids = |d: &ListDocument| d.entities.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    let unique: BTreeSet<_> = a.entities.iter().map(|e| &e.id).collect();
    assert_eq!(unique.len(), a.entities.len());

    // Another address for the same order keeps the id.
    let header = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n";
    let one = format!("{header}\"ALEX WU\"\t\"A\"\t\"B\"\t\"\"\t\"CN\"\t\"\"\t\"06/04/2012\"\t\"\"\t\"Y\"\t\"\"\t\"\"\t\"\"\n");
    let two = format!("{header}\"alex  wu\"\t\"C\"\t\"D\"\t\"\"\t\"US\"\t\"\"\t\"06/04/2012\"\t\"\"\t\"Y\"\t\"\"\t\"\"\t\"\"\n");
    let (d1, _) = dpl::parse(one.as_bytes(), Path::new("one")).unwrap();
    let (d2, _) = dpl::parse(two.as_bytes(), Path::new("two")).unwrap();
    assert_eq!(d1.entities[0].id, d2.entities[0].id);
    assert_eq!(
        d1.entities[0].id,
        by_caption(&a, "ALEX WU")[0].id,
        "the same id as in the fixture"
    );
}

#[test]
fn malformed_rows_and_values_are_problems_with_place_and_field() {
    let (doc, _) = dpl::read_with_stats(&fixture()).unwrap();
    let find = |field: Option<&str>, text: &str| {
        doc.problems
            .iter()
            .find(|p| p.field.as_deref() == field && p.message.contains(text))
            .unwrap_or_else(|| panic!("no problem {field:?} {text:?} in {:#?}", doc.problems))
    };
    let short = find(None, "expected 12 fields, found 3");
    assert_eq!(short.severity, Severity::Error);
    assert!(short.location.ends_with("dpl.txt:13"), "{}", short.location);
    let date = find(Some("effective_date"), "13/45/2002");
    assert!(date.location.ends_with(":11"));
    let country = find(Some("country"), "\"NM\"");
    assert!(country.location.ends_with(":12"));
    // The unknown country stays in the address text.
    let airline = &by_caption(&doc, "UNITED AFRICAN AIRLINES")[0];
    assert_eq!(
        airline.addresses[0].full.as_deref(),
        Some("185 SEPTEMBER STREET, TRIPOLI, NM")
    );
    let elashi = &by_caption(&doc, "IHSAN MEDHAT \"SAMMY\" ELASHI")[0];
    assert!(elashi.listed_on.is_none());
    assert!(elashi
        .remarks
        .iter()
        .any(|r| r.contains("effective 13/45/2002")));
}

#[test]
fn non_utf8_bytes_are_replaced_and_reported() {
    let mut bytes = std::fs::read(fixture()).unwrap();
    let at = bytes.windows(7).position(|w| w == b"PHONEIX").unwrap();
    bytes[at] = 0xC3;
    let (doc, _) = dpl::parse(&bytes, Path::new("bad.txt")).unwrap();
    let p = doc
        .problems
        .iter()
        .find(|p| p.message.contains("UTF-8"))
        .unwrap();
    assert_eq!(p.location, "bad.txt:2");
    assert_eq!(p.field.as_deref(), Some("city"));
}

#[test]
fn a_file_without_header_is_an_error_not_a_panic() {
    assert!(dpl::parse(b"", Path::new("empty")).is_err());
    assert!(dpl::parse(b"\"A\"\t\"B\"\n", Path::new("other")).is_err());
}

#[test]
fn truncated_fixture_never_panics() {
    let bytes = std::fs::read(fixture()).unwrap();
    for cut in 0..bytes.len() {
        if let Ok((doc, s)) = dpl::parse(&bytes[..cut], Path::new("cut")) {
            assert_eq!(
                s.rows,
                s.entities + s.merged_rows + s.exact_duplicates + s.skipped_rows
            );
            assert_eq!(doc.entities.len(), s.entities);
        }
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn mutated_fixture_never_panics(
            edits in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..12)
        ) {
            let mut bytes = std::fs::read(fixture()).unwrap();
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            let _ = dpl::parse(&bytes, Path::new("mutated"));
        }
    }
}

fn real(year: &str) -> (ListDocument, dpl::Stats) {
    dpl::read_with_stats(&common::data_dir().join(format!("lists/bis-dpl/{year}/dpl.txt"))).unwrap()
}

fn check_real(year: &str, rows: usize, duplicates: usize) -> (ListDocument, dpl::Stats) {
    let (doc, stats) = real(year);
    assert_eq!(stats.rows, rows);
    assert_eq!(stats.skipped_rows, 0);
    assert_eq!(stats.exact_duplicates, duplicates);
    assert_eq!(
        stats.rows,
        stats.entities + stats.merged_rows + stats.exact_duplicates,
    );
    let warned = doc
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning && p.message.contains("exact duplicate"))
        .count();
    assert_eq!(warned, duplicates);
    let ids: BTreeSet<_> = doc.entities.iter().map(|e| &e.id).collect();
    assert_eq!(ids.len(), doc.entities.len());
    assert!(doc.problems.iter().all(|p| p.severity == Severity::Warning));
    (doc, stats)
}

#[test]
#[ignore = "real data"]
fn real_2019() {
    let (doc, stats) = check_real("2019", 546, 3);
    assert_eq!(stats.entities, 416);
    // The duplicates are the rows the data README names, reported at their own lines.
    let text =
        std::fs::read_to_string(common::data_dir().join("lists/bis-dpl/2019/dpl.txt")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut duplicated: Vec<&str> = doc
        .problems
        .iter()
        .filter(|p| p.message.contains("exact duplicate"))
        .map(|p| {
            let line: usize = p.location.rsplit(':').next().unwrap().parse().unwrap();
            lines[line - 1]
                .split('\t')
                .next()
                .unwrap()
                .trim_matches('"')
        })
        .collect();
    duplicated.sort();
    assert_eq!(
        duplicated,
        vec!["DAQING ZHOU", "DAVOUD BANIAMERI", "NEI-CHIEN CHU"]
    );
    // "NM" is no country code; its address keeps the text.
    assert!(doc.problems.iter().any(|p| p.message.contains("\"NM\"")));
    let people = doc
        .entities
        .iter()
        .filter(|e| e.schema == Schema::Person)
        .count();
    let orgs = doc
        .entities
        .iter()
        .filter(|e| e.schema == Schema::Organization)
        .count();
    assert!(
        people > 280 && orgs > 90,
        "{people} people, {orgs} organisations"
    );
}

#[test]
#[ignore = "real data"]
fn real_2022() {
    let (doc, stats) = check_real("2022", 581, 2);
    assert_eq!(stats.entities, 460);
    let aeroflot = &by_caption(&doc, "PJSC AEROFLOT")[0];
    assert_eq!(aeroflot.schema, Schema::Organization);
}
