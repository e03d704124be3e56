//! FollowTheMoney JSON lines in and out.
//!
//! The fixture `ftm/graph.ftm.json` is hand-written in the OpenSanctions layout: real names and
//! facts of SDN entries, with made-up document numbers, a made-up holding company and made-up
//! weak and former names, to cover every kind of linked entity the reader attaches.

mod common;

use embargo_model::{
    CountryCode, IdentifierKind, ListDocument, NameKind, PartialDate, Schema, Severity,
};
use embargo_sources::{ftm, ofac_xml};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    common::fixtures_dir().join("ftm/graph.ftm.json")
}

fn cc(s: &str) -> CountryCode {
    CountryCode::from_code(s).expect("known code")
}

fn get<'a>(doc: &'a ListDocument, id: &str) -> &'a embargo_model::Entity {
    doc.entities
        .iter()
        .find(|e| e.id.as_str() == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
}

/// Read, write with [`ftm::write_document`], read again: entities and other entities equal.
fn assert_round_trip(doc: &ListDocument) {
    let mut out = Vec::new();
    ftm::write_document(doc, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let again = ftm::read_str(Path::new("again.ftm.json"), &text).unwrap();
    assert_eq!(again.entities.len(), doc.entities.len());
    for (a, b) in doc.entities.iter().zip(&again.entities) {
        assert_eq!(a, b, "entity {} changed in the round trip", a.id);
    }
    assert_eq!(again.other, doc.other);
    assert_eq!(again.dataset, doc.dataset);
}

#[test]
fn reads_screened_and_other_entities() {
    let doc = ftm::read(&fixture()).unwrap();
    assert_eq!(doc.entities.len(), 4);
    assert_eq!(doc.entities.len() + doc.other.len(), lines(&fixture()));
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    assert_eq!(doc.dataset, "us_ofac_sdn");

    let putin = get(&doc, "ofac-35096");
    assert_eq!(putin.schema, Schema::Person);
    assert_eq!(putin.caption(), "Vladimir Vladimirovich PUTIN");
    let kind_of = |v: &str| putin.names.iter().find(|n| n.value == v).map(|n| n.kind);
    assert_eq!(
        kind_of("Владимир Владимирович Путин"),
        Some(NameKind::Alias)
    );
    assert_eq!(kind_of("Vladimir PUTIN"), Some(NameKind::Alias));
    assert_eq!(kind_of("VVP"), Some(NameKind::WeakAlias));
    assert_eq!(kind_of("Volodya"), Some(NameKind::Previous));
    assert_eq!(putin.names[0].parts.family, vec!["PUTIN", "Путин"]);
    assert_eq!(putin.names[0].parts.patronymic, vec!["Vladimirovich"]);
    assert_eq!(putin.birth_dates[0].years(), (1952, 1952));
    assert_eq!(putin.nationalities, vec![cc("ru")]);
    assert_eq!(putin.gender, Some(embargo_model::Gender::Male));
    assert_eq!(putin.extra["topics"], vec!["sanction", "role.pep"]);
    assert_eq!(putin.extra["createdAt"], vec!["2022-02-25"]);
    let datasets: Vec<&str> = putin.sources.iter().map(|s| s.list.as_str()).collect();
    assert_eq!(datasets, vec!["eu_fsf", "us_ofac_sdn"]);
    assert!(putin
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Passport && i.value == "100000001"));

    let company = get(&doc, "co-yacht-holding");
    assert_eq!(company.schema, Schema::Company);
    assert_eq!(company.countries, vec![cc("ru")]);
    assert_eq!(
        company.birth_dates[0].years(),
        (2010, 2010),
        "incorporationDate"
    );
    let inn = company
        .identifiers
        .iter()
        .find(|i| i.value == "7700000001")
        .unwrap();
    assert_eq!(
        (inn.kind, inn.note.as_deref()),
        (IdentifierKind::TaxId, Some("INN"))
    );
    assert_eq!(company.extra["legalForm"], vec!["LLC"]);
}

#[test]
fn facts_of_linked_entities_are_attached() {
    let doc = ftm::read(&fixture()).unwrap();
    let putin = get(&doc, "ofac-35096");
    assert_eq!(putin.programs, vec!["US-RUSHAR", "EU-UKR"]);
    assert_eq!(
        putin.listed_on,
        Some(PartialDate::parse("2022-02-25").unwrap())
    );
    assert_eq!(
        putin.extra["sanction:authority"],
        vec![
            "Office of Foreign Assets Control",
            "Council of the European Union"
        ]
    );
    let kremlin = &putin.addresses[0];
    assert_eq!(kremlin.city.as_deref(), Some("Moscow"));
    assert_eq!(kremlin.country, Some(cc("ru")));
    let family = &putin.relations[0];
    assert_eq!(family.kind, "family");
    assert_eq!(family.target_name, "Katerina Vladimirovna TIKHONOVA");

    let graceful = get(&doc, "ofac-37444");
    assert_eq!(graceful.programs, vec!["US-RUSHAR"]);
    assert_eq!(
        graceful.listed_on,
        Some(PartialDate::parse("2022-04-06").unwrap())
    );
    let owner = &graceful.relations[0];
    assert_eq!(owner.kind, "owner");
    assert_eq!(owner.target_name, "YACHT HOLDING LLC");
    assert_eq!(
        owner.target_id.as_ref().unwrap().as_str(),
        "co-yacht-holding"
    );
    assert_eq!(owner.percentage.as_deref(), Some("100"));

    let company = get(&doc, "co-yacht-holding");
    let kinds: Vec<&str> = company.relations.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds, vec!["owned", "director"]);

    let katerina = get(&doc, "person-katerina");
    let passport = &katerina.identifiers[0];
    assert_eq!(passport.kind, IdentifierKind::Passport);
    assert_eq!(passport.value, "200000002");
    assert_eq!(passport.country, Some(cc("ru")));
    let kinds: Vec<&str> = katerina.relations.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds, vec!["family", "directed"]);
}

#[test]
fn fixture_round_trips() {
    assert_round_trip(&ftm::read(&fixture()).unwrap());
}

#[test]
fn writes_model_entities_with_ftm_conventions() {
    let doc = ofac_xml::read(&common::fixtures_dir().join("ofac-xml/sdn.xml")).unwrap();
    let putin = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:35096")
        .unwrap();
    let v = ftm::write_entity(putin);
    assert_eq!(v["id"], "ofac-sdn:35096");
    assert_eq!(v["schema"], "Person");
    assert_eq!(v["caption"], "PUTIN, Vladimir Vladimirovich");
    let p = &v["properties"];
    assert_eq!(
        p["name"],
        serde_json::json!(["PUTIN, Vladimir Vladimirovich"])
    );
    assert_eq!(p["alias"], serde_json::json!(["PUTIN, Vladimir"]));
    assert_eq!(p["birthDate"], serde_json::json!(["1952-10-07"]));
    assert_eq!(p["nationality"], serde_json::json!(["ru"]));
    assert_eq!(p["gender"], serde_json::json!(["male"]));
    assert_eq!(p["programId"], serde_json::json!(["RUSSIA-EO14024"]));
    assert_eq!(p["lastName"], serde_json::json!(["PUTIN"]));
    assert_eq!(v["datasets"], serde_json::json!(["ofac-sdn"]));

    let kim = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:20157")
        .unwrap();
    assert_eq!(
        ftm::write_entity(kim)["properties"]["birthDate"],
        serde_json::json!(["1984-01-08"])
    );
    let graceful = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:37444")
        .unwrap();
    let p = &ftm::write_entity(graceful)["properties"];
    assert_eq!(p["imoNumber"], serde_json::json!(["IMO 1011551"]));
    assert_eq!(p["callSign"], serde_json::json!(["UBGV8"]));
    let lockbit = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:48603")
        .unwrap();
    let p = &ftm::write_entity(lockbit)["properties"];
    assert_eq!(p["weakAlias"], serde_json::json!(["LOCKBITSUPP"]));
    assert_eq!(p["passportNumber"].as_array().unwrap().len(), 2);
    assert_eq!(p["publicKey"].as_array().unwrap().len(), 1);
}

#[test]
fn other_formats_survive_a_trip_through_ftm() {
    let doc = ofac_xml::read(&common::fixtures_dir().join("ofac-xml/sdn.xml")).unwrap();
    let mut out = Vec::new();
    ftm::write_document(&doc, &mut out).unwrap();
    let back = ftm::read_str(Path::new("sdn.ftm.json"), &String::from_utf8(out).unwrap()).unwrap();
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.entities.len(), doc.entities.len());
    for (a, b) in doc.entities.iter().zip(&back.entities) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.schema, b.schema);
        assert_eq!(a.caption(), b.caption());
        let names = |e: &embargo_model::Entity| {
            let mut v: Vec<(String, bool)> = e
                .names
                .iter()
                .map(|n| (n.value.clone(), n.kind == NameKind::WeakAlias))
                .collect();
            v.sort();
            v
        };
        assert_eq!(names(a), names(b), "{}", a.id);
        assert_eq!(a.birth_dates, b.birth_dates);
        assert_eq!(a.nationalities, b.nationalities);
        assert_eq!(a.programs, b.programs);
        assert_eq!(a.identifiers.len(), b.identifiers.len(), "{}", a.id);
    }
    // "Linked To" relations resolved within the list come back as UnknownLink entities.
    let graceful = back
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:37444")
        .unwrap();
    assert_eq!(graceful.relations[0].kind, "linked_to");
    assert_eq!(
        graceful.relations[0].target_name,
        "PUTIN, Vladimir Vladimirovich"
    );
}

#[test]
fn malformed_lines_are_problems() {
    let text = concat!(
        r#"{"id": "a", "schema": "Person", "caption": "A B", "properties": {"name": ["A B"], "birthDate": ["1990-02-30"], "nationality": ["Atlantis"]}}"#,
        "\n",
        r#"{"id": "b", "schema": "Person", "properties": {"name": ["#,
        "\n",
        r#"{"schema": "Person", "properties": {}}"#,
        "\n",
        r#"[1, 2]"#,
        "\n\n",
        r#"{"id": "c", "schema": "Thing", "properties": {"name": ["kept as other"]}}"#,
        "\n",
    );
    let doc = ftm::read_str(Path::new("bad.ftm.json"), text).unwrap();
    assert_eq!(doc.entities.len(), 1);
    assert_eq!(doc.other.len(), 1);
    let errors: Vec<&str> = doc
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.location.as_str())
        .collect();
    assert_eq!(
        errors,
        vec!["bad.ftm.json:2", "bad.ftm.json:3", "bad.ftm.json:4"]
    );
    let date = doc
        .problems
        .iter()
        .find(|p| p.field.as_deref() == Some("birthDate"))
        .unwrap();
    assert_eq!(date.location, "bad.ftm.json:1#a");
    assert!(date.message.contains("1990-02-30"));
    assert_eq!(doc.entities[0].extra["birthDate"], vec!["1990-02-30"]);
    assert_eq!(doc.entities[0].extra["nationality"], vec!["Atlantis"]);
    assert_eq!(doc.dataset, "bad");

    let err = ftm::read_str(Path::new("x.json"), "<xml/>\n").unwrap_err();
    assert!(
        err.to_string().contains("no line is an FtM entity"),
        "{err}"
    );
}

#[test]
#[ignore = "real data"]
fn eu_sample_reads_without_loss_and_round_trips() {
    let path = common::data_dir().join("lists/ftm/eu-sample/entities.ftm.json");
    let doc = ftm::read(&path).unwrap();
    assert_eq!(doc.entities.len() + doc.other.len(), 7);
    assert_eq!(doc.entities.len(), 6);
    assert_eq!(doc.dataset, "eu_fsf");
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    let tobacco = get(&doc, "NK-2GdmHtZTeNXjNVrBGEXZNj");
    assert_eq!(tobacco.caption(), "RAB „Inter Tobacco“");
    assert_eq!(tobacco.names.len(), 12);
    let kuzmenko = get(&doc, "NK-2Ka3UvopqbpZmVDFjWd4LA");
    assert_eq!(kuzmenko.caption(), "Vitaly Yurievich KUZMENKO");
    assert!(kuzmenko
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::TaxId));
    assert_round_trip(&doc);
}

#[test]
#[ignore = "real data"]
fn graph_sample_reads_without_loss_and_round_trips() {
    let path = common::data_dir().join("lists/ftm/graph-sample/entities.ftm.json");
    let doc = ftm::read(&path).unwrap();
    assert_eq!(doc.entities.len() + doc.other.len(), 91);
    assert_eq!(doc.entities.len(), 17, "11 Company + 6 Person");
    assert!(
        doc.problems.iter().all(|p| p.severity == Severity::Warning),
        "{:?}",
        doc.problems
    );
    // Every Sanction's programme and every Ownership reaches its screened party.
    let with_programs = doc
        .entities
        .iter()
        .filter(|e| !e.programs.is_empty())
        .count();
    assert!(with_programs > 0);
    let owners = doc
        .entities
        .iter()
        .flat_map(|e| &e.relations)
        .filter(|r| r.kind == "owner")
        .count();
    let owned = doc
        .entities
        .iter()
        .flat_map(|e| &e.relations)
        .filter(|r| r.kind == "owned")
        .count();
    assert!(owners > 0 && owned > 0, "owner {owners}, owned {owned}");
    assert!(doc.entities.iter().any(|e| e.listed_on.is_some()));
    assert!(doc
        .entities
        .iter()
        .any(|e| e.extra.contains_key("sanction:authority")));
    assert!(doc
        .entities
        .iter()
        .any(|e| e.relations.iter().any(|r| r.kind == "family")));
    assert!(doc
        .entities
        .iter()
        .any(|e| e.addresses.iter().any(|a| a.city.is_some())));
    assert_round_trip(&doc);
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn mutated_fixture_never_panics(
            edits in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..12)
        ) {
            let mut bytes = std::fs::read(common::fixtures_dir().join("ftm/graph.ftm.json")).unwrap();
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let _ = ftm::read_str(Path::new("m.json"), &text);
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
            let _ = ftm::read_str(Path::new("m.json"), &text);
        }
    }
}
