//! OpenSanctions senzing JSON lines reader: features, positions, bad lines, and the real US
//! Congress export.

mod common;

use embargo_model::{Entity, IdentifierKind, ListDocument, NameKind, Schema, Severity};
use embargo_sources::senzing;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    common::fixtures_dir().join("senzing/records.json")
}

fn entity<'a>(doc: &'a ListDocument, id: &str) -> &'a Entity {
    doc.entities
        .iter()
        .find(|e| e.id.as_str() == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

#[test]
fn reads_the_fixture() {
    let doc = senzing::read(&fixture()).unwrap();
    assert_eq!(doc.dataset, "us-congress");
    let ids: Vec<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "Q101198561",
            "NK-org1",
            "NK-flat",
            "NK-baddate",
            "NK-vessel"
        ]
    );
    assert_eq!(doc.other.len(), 1, "the position record");
    // Kept as the FtM entity it is, not as the senzing record: `other` holds FtM entities only.
    let position = &doc.other[0];
    assert_eq!(position["id"], "Q13218630");
    assert_eq!(position["schema"], "Position");
    assert_eq!(
        position["properties"]["name"],
        serde_json::json!(["United States representative"])
    );
    assert_eq!(position["properties"]["country"], serde_json::json!(["us"]));
    assert_eq!(
        position["properties"]["wikidataId"],
        serde_json::json!(["Q13218630"])
    );
    assert_eq!(position["datasets"], serde_json::json!(["us-congress"]));
    assert!(position.get("RECORD_ID").is_none());

    let franklin = entity(&doc, "Q101198561");
    assert_eq!(franklin.schema, Schema::Person);
    assert_eq!(franklin.caption(), "Scott Franklin");
    assert_eq!(franklin.sources[0].list, "us-congress");
    assert_eq!(franklin.sources[0].source_id, "Q101198561");
    let aliases: Vec<_> = franklin
        .names
        .iter()
        .filter(|n| n.kind == NameKind::Alias)
        .map(|n| n.value.as_str())
        .collect();
    // The repeated record's primary name joins as an alias.
    assert_eq!(aliases, vec!["C. Scott Franklin", "Charles Scott Franklin"]);
    assert_eq!(franklin.birth_dates[0].to_string(), "1964");
    assert_eq!(franklin.nationalities[0].as_str(), "us");
    assert_eq!(franklin.positions, vec!["United States representative"]);
    assert_eq!(franklin.extra["topics"], vec!["role.pep"]);
    assert_eq!(franklin.extra["wikidataId"], vec!["Q101198561"]);
    assert_eq!(franklin.extra["deathDate"], vec!["2030"]);
    assert!(franklin.identifiers.is_empty());

    let org = entity(&doc, "NK-org1");
    assert_eq!(org.schema, Schema::Organization);
    assert_eq!(org.caption(), "Example Holdings LLC");
    let a = &org.addresses[0];
    assert_eq!(a.street.as_deref(), Some("1 Main Street"));
    assert_eq!(a.city.as_deref(), Some("Washington"));
    assert_eq!(a.country.unwrap().as_str(), "us");
    let ids: Vec<_> = org
        .identifiers
        .iter()
        .map(|i| (i.kind, i.value.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![
            (IdentifierKind::Lei, "5493001KJTIIGC8Y1R12"),
            (IdentifierKind::TaxId, "7701234567"),
        ],
        "its own OPEN_SANCTIONS id is not an identifier"
    );
    assert_eq!(org.identifiers[1].country.unwrap().as_str(), "ru");

    // Flat attributes, name parts, and a relationship resolved to the anchored record.
    let jane = entity(&doc, "NK-flat");
    assert_eq!(jane.caption(), "Jane Q. Public");
    assert_eq!(jane.names[0].parts.given, vec!["Jane"]);
    assert_eq!(jane.names[0].parts.family, vec!["Public"]);
    assert_eq!(jane.gender, Some(embargo_model::Gender::Female));
    assert_eq!(jane.nationalities[0].as_str(), "ca");
    assert_eq!(jane.birth_dates[0].to_string(), "1970-05-04");
    let rel = &jane.relations[0];
    assert_eq!(rel.kind, "director");
    assert_eq!(rel.target_name, "Example Holdings LLC");
    assert_eq!(rel.target_id.as_ref().unwrap().as_str(), "NK-org1");

    // An untyped record nobody occupies is screened, as a LegalEntity.
    assert_eq!(entity(&doc, "NK-vessel").schema, Schema::LegalEntity);
}

#[test]
fn bad_lines_are_problems_with_line_numbers() {
    let doc = senzing::read(&fixture()).unwrap();
    let at = |line: usize| {
        doc.problems
            .iter()
            .filter(move |p| p.location.ends_with(&format!("records.json:{line}")))
            .collect::<Vec<_>>()
    };
    let broken = at(5);
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].severity, Severity::Error);
    assert!(broken[0].message.contains("invalid JSON"));
    assert!(at(6)[0].message.contains("not a JSON object"));
    assert_eq!(at(7)[0].field.as_deref(), Some("RECORD_ID"));
    assert_eq!(at(8)[0].severity, Severity::Warning);
    assert!(at(8)[0].message.contains("repeated"));
    let dated = at(9);
    assert!(dated
        .iter()
        .any(|p| p.field.as_deref() == Some("DATES") && p.message.contains("someday")));
    assert!(dated
        .iter()
        .any(|p| p.field.as_deref() == Some("COUNTRIES") && p.message.contains("Atlantis")));
    assert_eq!(at(10)[0].field.as_deref(), Some("NAMES"));
    assert_eq!(doc.problems.len(), 7, "{:#?}", doc.problems);
}

#[test]
fn non_utf8_line_is_a_problem_and_reading_goes_on() {
    let mut bytes = std::fs::read(fixture()).unwrap();
    let at = bytes.windows(6).position(|w| w == b"Public").unwrap();
    bytes[at] = 0xFF;
    let doc = senzing::parse(&bytes, Path::new("bad.json"));
    let p = doc
        .problems
        .iter()
        .find(|p| p.message.contains("UTF-8"))
        .unwrap();
    assert_eq!(p.location, "bad.json:4");
    assert_eq!(doc.entities.len(), 4);
}

#[test]
fn dataset_names() {
    assert_eq!(senzing::dataset_name("OS_US_CONGRESS"), "us-congress");
    assert_eq!(senzing::dataset_name("os_eu_fsf"), "eu-fsf");
    assert_eq!(senzing::dataset_name("CUSTOMERS"), "customers");
    // Without DATA_SOURCE the file name stands in.
    let doc = senzing::parse(
        br#"{"RECORD_ID":"1","RECORD_TYPE":"PERSON","NAME_FULL":"A B"}"#,
        Path::new("dir/My_List.json"),
    );
    assert_eq!(doc.dataset, "my-list");
    assert_eq!(doc.entities[0].caption(), "A B");
}

#[test]
fn truncated_fixture_never_panics() {
    let bytes = std::fs::read(fixture()).unwrap();
    for cut in 0..bytes.len() {
        let _ = senzing::parse(&bytes[..cut], Path::new("cut"));
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
            let _ = senzing::parse(&bytes, Path::new("mutated"));
        }
    }
}

#[test]
#[ignore = "real data"]
fn real_us_congress() {
    let path = common::data_dir().join("lists/opensanctions-senzing/us-congress.json");
    let lines = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(lines, 1_319);
    let doc = senzing::read(&path).unwrap();
    assert_eq!(doc.dataset, "us-congress");
    assert!(
        doc.problems.is_empty(),
        "{:#?}",
        &doc.problems[..doc.problems.len().min(5)]
    );
    // 1,317 members of Congress and the 2 positions they occupy: every record accounted for.
    assert_eq!(doc.entities.len(), 1_317);
    assert_eq!(doc.other.len(), 2);
    assert_eq!(doc.entities.len() + doc.other.len(), lines);
    for o in &doc.other {
        assert_eq!(o["schema"], "Position", "{o}");
        assert!(o["id"].as_str().is_some_and(|id| !id.is_empty()), "{o}");
        assert!(o["properties"]["name"][0].is_string(), "{o}");
    }
    assert!(doc.entities.iter().all(|e| e.schema == Schema::Person));
    let senators = doc
        .entities
        .iter()
        .filter(|e| e.positions.iter().any(|p| p == "United States senator"))
        .count();
    let representatives = doc
        .entities
        .iter()
        .filter(|e| {
            e.positions
                .iter()
                .any(|p| p == "United States representative")
        })
        .count();
    assert!(
        senators > 150 && representatives > 1_000,
        "{senators} / {representatives}"
    );
    let aliases = doc
        .entities
        .iter()
        .flat_map(|e| &e.names)
        .filter(|n| n.kind == NameKind::Alias)
        .count();
    assert_eq!(aliases, 33);
    let britt = entity(&doc, "Q111285444");
    assert_eq!(britt.caption(), "Katie Boyd Britt");
    assert_eq!(britt.birth_dates[0].to_string(), "1982");
    assert_eq!(britt.positions, vec!["United States senator"]);
}
