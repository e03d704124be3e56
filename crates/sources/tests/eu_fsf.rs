//! EU Financial Sanctions File 1.1 reader, on a fixture written from the published XSD.

mod common;

use embargo_model::{CountryCode, DateOfBirth, IdentifierKind, NameKind, PartialDate, Schema};
use embargo_sources::eu_fsf;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    common::fixtures_dir().join("eu-fsf/export.xml")
}

fn cc(s: &str) -> CountryCode {
    CountryCode::from_code(s).expect("known code")
}

fn doc() -> embargo_model::ListDocument {
    eu_fsf::read(&fixture()).expect("fixture reads")
}

fn get<'a>(doc: &'a embargo_model::ListDocument, id: &str) -> &'a embargo_model::Entity {
    doc.entities
        .iter()
        .find(|e| e.id.as_str() == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

#[test]
fn reads_every_entity_keyed_by_logical_id() {
    let doc = doc();
    assert_eq!(doc.dataset, "eu-fsf");
    assert_eq!(
        doc.version.as_deref(),
        Some("2024-06-01T10:15:03.120+02:00")
    );
    assert_eq!(doc.entities.len(), 8);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    for e in &doc.entities {
        assert!(e.id.as_str().starts_with("eu-fsf:"));
        assert_eq!(
            e.names
                .iter()
                .filter(|n| n.kind == NameKind::Primary)
                .count(),
            1
        );
    }
    // An entry without euReferenceNumber still has a stable id.
    let irgc = get(&doc, "eu-fsf:5123");
    assert!(!irgc.extra.contains_key("euReferenceNumber"));
    assert_eq!(irgc.schema, Schema::Organization);
    assert_eq!(
        irgc.listed_on,
        Some(PartialDate::parse("2012-03-24").unwrap())
    );
    assert_eq!(irgc.programs, vec!["IRN"]);
}

#[test]
fn names_by_strength_and_script() {
    let doc = doc();
    let saddam = get(&doc, "eu-fsf:13");
    assert_eq!(saddam.caption(), "Saddam Hussein Al-Tikriti");
    assert_eq!(saddam.names[0].parts.given, vec!["Saddam"]);
    assert_eq!(saddam.names[0].parts.family, vec!["Hussein Al-Tikriti"]);
    let kind_of = |v: &str| saddam.names.iter().find(|n| n.value == v).map(|n| n.kind);
    assert_eq!(kind_of("Abu Ali"), Some(NameKind::WeakAlias));
    assert_eq!(
        kind_of("صدام حسين التكريتي"),
        Some(NameKind::OriginalScript)
    );
    assert_eq!(saddam.extra["euReferenceNumber"], vec!["EU.27.28"]);
    assert_eq!(saddam.extra["unscId"], vec!["IQi.001"]);
    assert_eq!(saddam.gender, Some(embargo_model::Gender::Male));

    // The Latin name is the caption even when a Cyrillic one comes first in another entry.
    let kuzmenko = get(&doc, "eu-fsf:162301");
    assert_eq!(kuzmenko.caption(), "Vitaly Yurievich KUZMENKO");
    assert!(kuzmenko
        .names
        .iter()
        .any(|n| n.value == "Виталий Юрьевич КУЗЬМЕНКО" && n.kind == NameKind::OriginalScript));
    assert!(kuzmenko
        .names
        .iter()
        .any(|n| n.value == "Vitalij Kuzmenko" && n.kind == NameKind::Alias));
    assert_eq!(
        kuzmenko.positions,
        vec!["General Director of JSC 163 Armor Repair Plant"]
    );

    let tobacco = get(&doc, "eu-fsf:139890");
    assert_eq!(tobacco.caption(), "LLC “Inter Tobacco”");
    assert!(tobacco.names.iter().all(|n| n.parts.is_empty()));
}

#[test]
fn birth_dates_exact_circa_and_ranges() {
    let doc = doc();
    let saddam = get(&doc, "eu-fsf:13");
    assert_eq!(
        saddam.birth_dates,
        vec![DateOfBirth::exact(
            PartialDate::parse("1937-04-28").unwrap()
        )]
    );
    assert_eq!(saddam.birth_places, vec!["al-Awja, near Tikrit, Iraq"]);
    assert_eq!(saddam.citizenships, vec![cc("iq")]);

    let duri = get(&doc, "eu-fsf:19");
    assert!(duri.birth_dates[0].is_approximate());
    assert_eq!(duri.birth_dates[0].years(), (1942, 1942));
    let weak: Vec<&str> = duri
        .names
        .iter()
        .filter(|n| n.kind == NameKind::WeakAlias)
        .map(|n| n.value.as_str())
        .collect();
    assert_eq!(weak, vec!["Abu Brays", "Abu Ahmad"]);
    assert_eq!(
        duri.remarks,
        vec!["Vice-Chairman of the Revolutionary Command Council."]
    );

    let pachodava = get(&doc, "eu-fsf:156370");
    assert_eq!(pachodava.birth_dates[0].years(), (1968, 1970));
    // countryIso2Code="00" is "unknown": no country, no birth place.
    assert!(pachodava.birth_places.is_empty());
    assert_eq!(
        pachodava.listed_on,
        Some(PartialDate::parse("2023-08-03").unwrap())
    );
}

#[test]
fn identifiers_addresses_and_contacts() {
    let doc = doc();
    let kuzmenko = get(&doc, "eu-fsf:162301");
    let tin = &kuzmenko.identifiers[0];
    assert_eq!(tin.kind, IdentifierKind::TaxId);
    assert_eq!(tin.value, "366510784303");
    assert_eq!(tin.country, Some(cc("ru")));

    let tobacco = get(&doc, "eu-fsf:139890");
    assert!(tobacco
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Registration && i.value == "808000714"));
    assert!(tobacco
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Phone));
    assert_eq!(tobacco.extra["website"], vec!["intertobacco.by"]);
    let a = &tobacco.addresses[0];
    assert_eq!(a.city.as_deref(), Some("Minsk"));
    assert_eq!(a.postal_code.as_deref(), Some("220114"));
    assert_eq!(a.country, Some(cc("by")));
    assert_eq!(tobacco.countries, vec![cc("by")]);
    assert_eq!(tobacco.programs, vec!["BLR"]);
}

#[test]
fn malformed_input() {
    let no_id = r#"<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="x" globalFileId="1">
<sanctionEntity><subjectType code="person" classificationCode="P"/><nameAlias wholeName="A B" strong="true"/></sanctionEntity>
<sanctionEntity logicalId="7"><subjectType code="person" classificationCode="P"/><nameAlias wholeName="C D" strong="true"/>
<birthdate circa="false" calendarType="GREGORIAN" birthdate="1970-13-45" countryIso2Code="ZZ" countryDescription="NOWHERE"/></sanctionEntity>
</export>"#;
    let doc = eu_fsf::read_str(Path::new("eu.xml"), no_id).unwrap();
    assert_eq!(doc.entities.len(), 1);
    assert!(doc
        .problems
        .iter()
        .any(|p| p.field.as_deref() == Some("logicalId") && p.location == "eu.xml:2"));
    let bad_date = doc
        .problems
        .iter()
        .find(|p| p.field.as_deref() == Some("birthdate"))
        .expect("date problem");
    assert_eq!(bad_date.location, "eu.xml#7");
    assert!(bad_date.message.contains("1970-13-45"));
    assert!(doc.problems.iter().any(|p| p.message.contains("NOWHERE")));

    let err = eu_fsf::read_str(Path::new("eu.xml"), "<sdnList></sdnList>").unwrap_err();
    assert!(err.to_string().contains("export"), "{err}");
    let err = eu_fsf::read_str(
        Path::new("eu.xml"),
        "<export><sanctionEntity logicalId=\"1\">",
    )
    .unwrap_err();
    assert!(err.to_string().contains("truncated"), "{err}");
}

#[test]
fn truncation_at_every_byte_never_panics() {
    let text = std::fs::read_to_string(fixture()).unwrap();
    for end in (0..text.len()).filter(|i| text.is_char_boundary(*i)) {
        let _ = eu_fsf::read_str(Path::new("eu.xml"), &text[..end]);
    }
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
            let mut bytes = std::fs::read(common::fixtures_dir().join("eu-fsf/export.xml")).unwrap();
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let _ = eu_fsf::read_str(Path::new("m.xml"), &text);
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
            let _ = eu_fsf::read_str(Path::new("m.xml"), &text);
        }
    }
}
