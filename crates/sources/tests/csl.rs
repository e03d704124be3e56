//! US Consolidated Screening List reader: fixtures in the three published layouts, malformed input,
//! and the real 2022, 2019-small and tiny files.

mod common;

use embargo_model::{Entity, IdentifierKind, ListDocument, NameKind, Schema, Severity, SourceRef};
use embargo_sources::csl;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    common::fixtures_dir().join("csl").join(name)
}

fn entity<'a>(doc: &'a ListDocument, id: &str) -> &'a Entity {
    doc.entities
        .iter()
        .find(|e| e.id.as_str() == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

fn names(e: &Entity, kind: NameKind) -> Vec<&str> {
    e.names
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.value.as_str())
        .collect()
}

#[test]
fn reads_the_2022_layout() {
    let (doc, stats) = csl::read_with_stats(&fixture("consolidated.csv")).unwrap();
    assert_eq!(doc.dataset, "us-csl");
    assert_eq!(stats.rows, 14);
    assert_eq!(stats.skipped_rows, 2, "short row and empty name");
    assert_eq!(stats.merged_rows, 3, "SSI and two CAPTA rows of _id 18725");
    assert_eq!(stats.entities, 9);
    assert_eq!(doc.entities.len(), 9);
    assert_eq!(
        stats.rows,
        stats.entities + stats.merged_rows + stats.skipped_rows
    );

    let kim = entity(&doc, "us-csl:20157");
    assert_eq!(kim.schema, Schema::Person);
    assert_eq!(kim.caption(), "KIM, Jong Un");
    assert_eq!(
        names(kim, NameKind::Alias),
        vec!["KIM, Jong-un", "KIM, Jung Un"]
    );
    assert_eq!(kim.birth_dates.len(), 3);
    assert_eq!(kim.nationalities[0].as_str(), "kp");
    assert_eq!(
        kim.positions,
        vec!["Chairman of the State Affairs Commission"]
    );
    assert_eq!(kim.programs, vec!["SDN", "DPRK3"]);
    assert_eq!(
        kim.sources,
        vec![
            SourceRef {
                list: "us-csl".into(),
                source_id: "20157".into()
            },
            SourceRef {
                list: "ofac-sdn".into(),
                source_id: "20157".into()
            },
        ]
    );
    let passport = &kim.identifiers[0];
    assert_eq!(passport.kind, IdentifierKind::Passport);
    assert_eq!(passport.value, "836238033");
    assert_eq!(passport.country.unwrap().as_str(), "kp");
    assert!(kim
        .remarks
        .iter()
        .any(|r| r.starts_with("Secondary sanctions risk: North Korea")));
    assert_eq!(kim.gender, Some(embargo_model::Gender::Male));

    // One party under SDN, SSI and CAPTA: one entity with every source and programme.
    let vtb = entity(&doc, "us-csl:18725");
    assert_eq!(vtb.schema, Schema::Organization);
    assert_eq!(
        vtb.programs,
        vec!["SDN", "UKRAINE-EO13662", "RUSSIA-EO14024", "SSI", "CAP"]
    );
    assert_eq!(
        vtb.sources
            .iter()
            .map(|s| s.list.as_str())
            .collect::<Vec<_>>(),
        vec!["us-csl", "ofac-sdn", "ofac-cons"]
    );
    assert_eq!(
        names(vtb, NameKind::Alias),
        vec!["VTB AFRICA", "BANCO VTB AFRICA S.A."]
    );
    assert_eq!(vtb.addresses.len(), 1);
    assert_eq!(vtb.identifiers[0].kind, IdentifierKind::TaxId);
    assert!(doc.problems.iter().any(|p| p
        .message
        .contains("repeats the CAP listing of `_id` 18725 at line 5")));

    let dpl = entity(&doc, "us-csl:deb7a1d5743a85c354ca1a2c7f2664e2104b32d7");
    assert_eq!(dpl.schema, Schema::Person, "DPL plain name leans person");
    assert_eq!(dpl.caption(), "AARON ROBERT HENDERSON");
    assert_eq!(dpl.listed_on.unwrap().to_string(), "2010-05-28");
    assert_eq!(dpl.countries[0].as_str(), "us");

    let el = entity(&doc, "us-csl:e1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
    assert_eq!(el.schema, Schema::Organization);
    assert_eq!(el.caption(), "Precision Image Corporation");
    assert_eq!(
        names(el, NameKind::Alias),
        vec!["Precision Industries, Inc.", "CK Enterprises, Inc."]
    );
    assert!(el.remarks.iter().any(|r| r.starts_with("Published name: ")));

    let isn = entity(&doc, "us-csl:f00dfeed00000000000000000000000000000001");
    assert_eq!(isn.caption(), "Asia-Invest LLC");
    assert_eq!(isn.programs, vec!["ISN", "INKSNA"]);

    let vessel = entity(&doc, "us-csl:37444");
    assert_eq!(vessel.schema, Schema::Vessel);
    let kinds: Vec<_> = vessel
        .identifiers
        .iter()
        .map(|i| (i.kind, i.value.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (IdentifierKind::CallSign, "UBXY7"),
            (IdentifierKind::Imo, "1011551"),
            (IdentifierKind::Mmsi, "273612410"),
        ]
    );
    assert_eq!(vessel.countries[0].as_str(), "ru");
    assert_eq!(vessel.extra["pastFlags"], vec!["Cayman Islands"]);
    assert_eq!(vessel.relations[0].kind, "linked_to");
    assert_eq!(
        vessel.relations[0].target_name,
        "PUTIN, Vladimir Vladimirovich"
    );

    // Same `_id`, different names: kept apart, with a warning.
    let alpha = entity(&doc, "us-csl:aaaa000000000000000000000000000000000001");
    assert_eq!(alpha.caption(), "Alpha Trading Company");
    let beta: Vec<_> = doc
        .entities
        .iter()
        .filter(|e| e.caption() == "Beta Trading Company")
        .collect();
    assert_eq!(beta.len(), 1);
    assert!(beta[0]
        .id
        .as_str()
        .starts_with("us-csl:aaaa000000000000000000000000000000000001-"));
    assert_eq!(beta[0].sources[0].source_id, &beta[0].id.as_str()[7..]);
    assert!(doc
        .problems
        .iter()
        .any(|p| p.field.as_deref() == Some("_id") && p.message.contains("kept apart")));
}

#[test]
fn malformed_rows_and_values_are_problems_with_place_and_field() {
    let (doc, _) = csl::read_with_stats(&fixture("consolidated.csv")).unwrap();
    let find = |field: Option<&str>, text: &str| {
        doc.problems
            .iter()
            .find(|p| p.field.as_deref() == field && p.message.contains(text))
            .unwrap_or_else(|| panic!("no problem {field:?} {text:?} in {:#?}", doc.problems))
    };
    let short = find(None, "expected 29 fields, found 8");
    assert_eq!(short.severity, Severity::Error);
    assert!(
        short.location.ends_with("consolidated.csv:14"),
        "{}",
        short.location
    );
    let empty = find(Some("name"), "empty name");
    assert!(empty.location.ends_with(":15"));
    let date = find(Some("start_date"), "0097-06-30");
    assert!(date.location.ends_with(":13"));
    find(Some("nationalities"), "Atlantis");
    find(Some("dates_of_birth"), "soon");
    // The row with bad values is still read.
    assert!(doc
        .entities
        .iter()
        .any(|e| e.caption() == "John Quincy Example"));
}

#[test]
fn non_utf8_bytes_are_replaced_and_reported() {
    let mut bytes = std::fs::read(fixture("consolidated.csv")).unwrap();
    let at = bytes.windows(7).position(|w| w == b"GRACEFU").unwrap();
    bytes[at + 1] = 0xFF;
    let (doc, stats) = csl::parse(&bytes, Path::new("bad.csv")).unwrap();
    assert_eq!(stats.entities, 9);
    let p = doc
        .problems
        .iter()
        .find(|p| p.message.contains("UTF-8"))
        .unwrap();
    assert_eq!(p.location, "bad.csv:10");
    assert_eq!(p.field.as_deref(), Some("name"));
    assert!(doc
        .entities
        .iter()
        .any(|e| e.caption() == "G\u{FFFD}ACEFUL"));
}

#[test]
fn reads_the_2019_layout_without_id_column() {
    let (doc, stats) = csl::read_with_stats(&fixture("csl-2019.csv")).unwrap();
    assert_eq!(stats.rows, 4);
    assert!(doc.problems.is_empty(), "{:#?}", doc.problems);
    // The OFAC uid stands in for `_id`…
    let sdn = entity(&doc, "us-csl:20264");
    assert_eq!(sdn.sources[1].list, "ofac-sdn");
    let plc = entity(&doc, "us-csl:9673");
    assert_eq!(plc.sources[1].list, "ofac-cons");
    assert_eq!(plc.programs, vec!["PLC", "NS-PLC"]);
    // …and a hash of source, name and addresses when there is none.
    let el = doc
        .entities
        .iter()
        .find(|e| e.caption() == "32 Group China Ltd.")
        .unwrap();
    let local = &el.id.as_str()["us-csl:".len()..];
    assert_eq!(local.len(), 16);
    assert!(local.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(el.addresses.len(), 2);
    assert_eq!(el.countries[0].as_str(), "hk");
    // Reading again gives the same ids.
    let (again, _) = csl::read_with_stats(&fixture("csl-2019.csv")).unwrap();
    let ids = |d: &ListDocument| d.entities.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&doc), ids(&again));
    let dtc = doc
        .entities
        .iter()
        .find(|e| e.caption() == "Aaron De Leon")
        .unwrap();
    assert_eq!(dtc.schema, Schema::Person);
}

#[test]
fn reads_the_2025_layout_with_labels_first() {
    let (doc, stats) = csl::read_with_stats(&fixture("tiny-2025.csv")).unwrap();
    assert_eq!(stats.entities, 4);
    assert!(doc.problems.is_empty(), "{:#?}", doc.problems);
    let rim = entity(&doc, "us-csl:52291");
    assert_eq!(rim.identifiers[0].kind, IdentifierKind::Passport);
    assert_eq!(rim.identifiers[0].value, "836238033");
    assert_eq!(rim.identifiers[0].country.unwrap().as_str(), "kp");
    assert_eq!(rim.gender, Some(embargo_model::Gender::Male));
    assert_eq!(rim.addresses.len(), 2);
    let isn = doc
        .entities
        .iter()
        .find(|e| e.programs.contains(&"ISN".to_string()))
        .unwrap();
    assert_eq!(isn.caption(), "Sinobright Import and Export Company");
    let meu = doc
        .entities
        .iter()
        .find(|e| e.programs.contains(&"MEU".to_string()))
        .unwrap();
    assert_eq!(meu.schema, Schema::Organization);
    assert!(
        names(meu, NameKind::Alias).contains(&"Academy of Aerospace Solid Propulsion Technology")
    );
    let ssi = entity(&doc, "us-csl:28712");
    let ids: Vec<_> = ssi
        .identifiers
        .iter()
        .map(|i| (i.kind, i.value.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![
            (IdentifierKind::TaxId, "CHE-267.936.404"),
            (IdentifierKind::Registration, "C122790"),
            (IdentifierKind::Email, "hrm@rosneft-sh.com.cy"),
        ]
    );
    assert_eq!(ssi.identifiers[0].country.unwrap().as_str(), "ch");
}

#[test]
fn a_file_without_header_is_an_error_not_a_panic() {
    assert!(csl::parse(b"", Path::new("empty.csv")).is_err());
    assert!(csl::parse(b"a,b,c\n1,2,3\n", Path::new("other.csv")).is_err());
    let (doc, stats) = csl::parse(b"name\n", Path::new("header-only.csv")).unwrap();
    assert!(doc.entities.is_empty());
    assert_eq!(stats.rows, 0);
}

#[test]
fn truncated_fixtures_never_panic() {
    for name in ["consolidated.csv", "csl-2019.csv", "tiny-2025.csv"] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        for cut in 0..bytes.len() {
            if let Ok((doc, stats)) = csl::parse(&bytes[..cut], Path::new(name)) {
                assert_eq!(
                    stats.rows,
                    stats.entities + stats.merged_rows + stats.skipped_rows
                );
                assert_eq!(doc.entities.len(), stats.entities);
            }
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
            let mut bytes = std::fs::read(fixture("consolidated.csv")).unwrap();
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            let _ = csl::parse(&bytes, Path::new("mutated.csv"));
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let mut input = b"_id,source,name,ids,alt_names,addresses\n".to_vec();
            input.extend(bytes);
            let _ = csl::parse(&input, Path::new("random.csv"));
        }
    }
}

fn real(path: &str) -> (ListDocument, csl::Stats) {
    csl::read_with_stats(&common::data_dir().join(path)).unwrap()
}

/// Count the data rows with an independent CSV pass, so that a reader bug that drops rows cannot
/// also hide in its own count.
fn count_rows(path: &str) -> usize {
    csv::Reader::from_path(common::data_dir().join(path))
        .unwrap()
        .byte_records()
        .count()
}

#[test]
#[ignore = "real data"]
fn real_2022_every_row_accounted_for() {
    let path = "lists/us-csl/2022/consolidated.csv";
    let (doc, stats) = real(path);
    assert_eq!(count_rows(path), 14_160);
    assert_eq!(stats.rows, 14_160);
    assert_eq!(stats.skipped_rows, 0);
    assert_eq!(
        stats.rows,
        stats.entities + stats.merged_rows + stats.skipped_rows
    );
    // 71 `_id`s cover 183 rows: 112 rows fold into the first row of their party.
    assert_eq!(stats.merged_rows, 183 - 71);
    assert_eq!(stats.entities, 14_160 - 112);
    assert_eq!(doc.entities.len(), stats.entities);
    assert_eq!(stats.sources.len(), 13, "{:?}", stats.sources);
    assert_eq!(stats.sources["SDN"], 10_026);
    assert_eq!(stats.sources["EL"], 2_001);
    assert_eq!(stats.sources["DPL"], 462);

    let ids: BTreeSet<_> = doc.entities.iter().map(|e| &e.id).collect();
    assert_eq!(ids.len(), doc.entities.len(), "ids are unique");
    for e in &doc.entities {
        assert_eq!(
            e.names
                .iter()
                .filter(|n| n.kind == NameKind::Primary)
                .count(),
            1,
            "{}",
            e.id
        );
    }

    // Every SDN row keeps its uid as an `ofac-sdn` source for linking.
    let sdn_refs = doc
        .entities
        .iter()
        .filter(|e| e.sources.iter().any(|s| s.list == "ofac-sdn"))
        .count();
    assert_eq!(sdn_refs, 10_026);

    // A party on SDN, SSI and CAPTA is one entity carrying the three.
    let vtb = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "us-csl:18725")
        .unwrap();
    for code in ["SDN", "SSI", "CAP"] {
        assert!(vtb.programs.contains(&code.to_string()), "{code}");
    }

    // The only problems are real data faults, all warnings: the repeated CAPTA row of Bank of
    // Kunlun and start dates with a two-digit year (`0097-06-30`).
    for p in &doc.problems {
        assert_eq!(p.severity, Severity::Warning, "{p}");
    }
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for p in &doc.problems {
        *kinds
            .entry(p.field.clone().unwrap_or_default())
            .or_default() += 1;
    }
    assert_eq!(kinds.get("source"), Some(&1), "{:#?}", doc.problems);
    assert_eq!(kinds.get("start_date"), Some(&3), "{:#?}", doc.problems);
}

#[test]
#[ignore = "real data"]
fn real_2022_known_parties() {
    let (doc, _) = real("lists/us-csl/2022/consolidated.csv");
    let by_id = |id: &str| doc.entities.iter().find(|e| e.id.as_str() == id).unwrap();
    let abbas = by_id("us-csl:24904");
    assert_eq!(abbas.caption(), "'ABBAS, Yasir");
    assert_eq!(abbas.gender, Some(embargo_model::Gender::Male));
    assert_eq!(abbas.birth_dates[0].to_string(), "1978-08-22");
    let sufian = by_id("us-csl:9935");
    assert!(sufian.names.len() > 10);
    assert!(sufian
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Passport && i.value == "BC166787"));
    // Schemas from the type column, and guesses for the untyped lists.
    let mut schemas: BTreeMap<Schema, usize> = BTreeMap::new();
    for e in &doc.entities {
        *schemas.entry(e.schema).or_default() += 1;
    }
    assert_eq!(schemas[&Schema::Vessel], 433);
    assert_eq!(schemas[&Schema::Airplane], 283);
    assert!(schemas[&Schema::Person] > 5_200);
}

#[test]
#[ignore = "real data"]
fn real_small_samples() {
    let path = "lists/us-csl/2019-small/csl.csv";
    let (doc, stats) = real(path);
    assert_eq!(count_rows(path), 115);
    assert_eq!(stats.rows, 115);
    assert_eq!(stats.entities, 115);
    assert!(doc.problems.is_empty(), "{:#?}", doc.problems);

    let path = "lists/us-csl/tiny/consolidated.csv";
    let (doc, stats) = real(path);
    assert_eq!(stats.rows, 13);
    assert_eq!(stats.entities, 13);
    assert!(doc.problems.is_empty(), "{:#?}", doc.problems);
    assert_eq!(stats.sources.len(), 10);
    let rim = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "us-csl:52291")
        .unwrap();
    assert!(rim
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Passport && i.value == "836238033"));
}
