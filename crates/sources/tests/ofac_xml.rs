//! OFAC sdn.xml reader, on a fixture written from the published XSD with real SDN entries.

mod common;

use embargo_model::{CountryCode, DateOfBirth, IdentifierKind, NameKind, PartialDate, Schema};
use embargo_sources::{ofac_xml, Error};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    common::fixtures_dir().join("ofac-xml/sdn.xml")
}

fn cc(s: &str) -> CountryCode {
    CountryCode::from_code(s).expect("known code")
}

#[test]
fn reads_every_entry_with_csv_compatible_ids() {
    let doc = ofac_xml::read(&fixture()).expect("fixture reads");
    assert_eq!(doc.dataset, "ofac-sdn");
    assert_eq!(doc.version.as_deref(), Some("2024-05-03"));
    assert_eq!(doc.entities.len(), 8);
    let ids: Vec<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
    assert!(ids.contains(&"ofac-sdn:20157"));
    assert!(ids.contains(&"ofac-sdn:35096"));
    assert!(ids.contains(&"ofac-sdn:37444"));
    for e in &doc.entities {
        assert_eq!(
            e.names
                .iter()
                .filter(|n| n.kind == NameKind::Primary)
                .count(),
            1
        );
        assert_eq!(e.sources[0].list, "ofac-sdn");
    }
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
}

#[test]
fn person_facts() {
    let doc = ofac_xml::read(&fixture()).unwrap();
    let putin = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:35096")
        .unwrap();
    assert_eq!(putin.schema, Schema::Person);
    assert_eq!(putin.caption(), "PUTIN, Vladimir Vladimirovich");
    assert_eq!(putin.names[0].parts.family, vec!["PUTIN"]);
    assert_eq!(putin.names[0].parts.given, vec!["Vladimir Vladimirovich"]);
    assert!(putin
        .names
        .iter()
        .any(|n| n.value == "PUTIN, Vladimir" && n.kind == NameKind::Alias));
    assert_eq!(
        putin.birth_dates,
        vec![DateOfBirth::exact(
            PartialDate::parse("1952-10-07").unwrap()
        )]
    );
    assert_eq!(putin.birth_places, vec!["Leningrad, Russia"]);
    assert_eq!(putin.nationalities, vec![cc("ru")]);
    assert_eq!(putin.citizenships, vec![cc("ru")]);
    assert_eq!(putin.gender, Some(embargo_model::Gender::Male));
    assert_eq!(putin.programs, vec!["RUSSIA-EO14024"]);
    assert_eq!(putin.positions, vec!["President of the Russian Federation"]);
    assert_eq!(putin.addresses.len(), 2);
    assert_eq!(putin.addresses[0].city.as_deref(), Some("Moscow"));

    let kim = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:20157")
        .unwrap();
    assert_eq!(kim.caption(), "KIM, Jong Un");
    assert_eq!(kim.programs, vec!["DPRK3"]);
    assert_eq!(kim.birth_dates[0].years(), (1984, 1984));
    assert!(kim
        .remarks
        .iter()
        .any(|r| r.starts_with("Secondary sanctions risk:")));
}

#[test]
fn weak_aliases_and_former_names() {
    let doc = ofac_xml::read(&fixture()).unwrap();
    let lockbit = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:48603")
        .unwrap();
    let weak: Vec<&str> = lockbit
        .names
        .iter()
        .filter(|n| n.kind == NameKind::WeakAlias)
        .map(|n| n.value.as_str())
        .collect();
    assert_eq!(weak, vec!["LOCKBITSUPP"]);
    let passports = lockbit
        .identifiers
        .iter()
        .filter(|i| i.kind == IdentifierKind::Passport)
        .count();
    assert_eq!(passports, 2);
    assert!(lockbit
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::CryptoWallet && i.value.starts_with("bc1q")));
    assert!(lockbit
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::TaxId));
    assert!(lockbit
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Email));

    let rosal = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:4359")
        .unwrap();
    assert_eq!(rosal.schema, Schema::Organization);
    assert!(rosal
        .names
        .iter()
        .any(|n| n.value == "INDUSTRIA AVICOLA PALMASECA S.A." && n.kind == NameKind::Previous));
    let nit = &rosal.identifiers[0];
    assert_eq!(nit.kind, IdentifierKind::TaxId);
    assert_eq!(nit.country, Some(cc("co")));

    let hesa = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:11195")
        .unwrap();
    assert_eq!(hesa.programs.len(), 3);
    let kinds: Vec<NameKind> = hesa.names.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == NameKind::WeakAlias).count(),
        2
    );
    assert_eq!(kinds.iter().filter(|k| **k == NameKind::Alias).count(), 4);
}

#[test]
fn vessels_and_aircraft() {
    let doc = ofac_xml::read(&fixture()).unwrap();
    let graceful = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:37444")
        .unwrap();
    assert_eq!(graceful.schema, Schema::Vessel);
    let imo = graceful
        .identifiers
        .iter()
        .find(|i| i.kind == IdentifierKind::Imo)
        .unwrap();
    assert_eq!(imo.key(), "1011551");
    assert!(graceful
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::CallSign && i.value == "UBGV8"));
    assert_eq!(graceful.countries, vec![cc("ru")]);
    assert_eq!(graceful.extra["vesselType"], vec!["Yacht"]);
    let link = &graceful.relations[0];
    assert_eq!(link.kind, "linked_to");
    assert_eq!(link.target_name, "PUTIN, Vladimir Vladimirovich");
    assert_eq!(link.target_id.as_ref().unwrap().as_str(), "ofac-sdn:35096");

    let tasca = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:52327")
        .unwrap();
    assert!(tasca
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Mmsi));
    assert_eq!(
        tasca.relations[0].target_id, None,
        "target not on this list"
    );

    let plane = doc
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:20540")
        .unwrap();
    assert_eq!(plane.schema, Schema::Airplane);
    // idList entries are read by the CSV's remarks parser: same facts in either format.
    assert_eq!(plane.extra["model"], vec!["AN24-RV"]);
    assert_eq!(plane.extra["buildDate"], vec!["1974"]);
    assert_eq!(plane.extra["operator"], vec!["Air Koryo"]);
}

#[test]
fn bad_values_are_problems_with_their_place() {
    let xml = r#"<sdnList><publshInformation><Publish_Date>05/03/2024</Publish_Date></publshInformation>
<sdnEntry><uid>1</uid><lastName>X</lastName><sdnType>Individual</sdnType><programList/>
<dateOfBirthList><dateOfBirthItem><uid>2</uid><dateOfBirth>31 Feb 1990</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>
<nationalityList><nationality><uid>3</uid><country>Atlantis</country><mainEntry>true</mainEntry></nationality></nationalityList></sdnEntry>
<sdnEntry><lastName>NO UID</lastName><programList/></sdnEntry>
</sdnList>"#;
    let doc = ofac_xml::read_str(Path::new("t.xml"), xml).unwrap();
    assert_eq!(doc.entities.len(), 1);
    let dob = doc
        .problems
        .iter()
        .find(|p| p.field.as_deref() == Some("dateOfBirth"))
        .unwrap();
    assert_eq!(dob.location, "t.xml#1");
    assert!(dob.message.contains("31 Feb 1990"));
    assert_eq!(doc.entities[0].extra["birthDate"], vec!["31 Feb 1990"]);
    assert!(doc.problems.iter().any(|p| p.message.contains("Atlantis")));
    assert!(
        doc.problems
            .iter()
            .any(|p| p.field.as_deref() == Some("uid") && p.location == "t.xml:5"),
        "{:?}",
        doc.problems
    );
}

#[test]
fn wrong_root_and_truncation_are_errors() {
    let err = ofac_xml::read_str(Path::new("t.xml"), "<export/>").unwrap_err();
    assert!(err.to_string().contains("sdnList"), "{err}");
    let text = std::fs::read_to_string(fixture()).unwrap();
    let cut = &text[..text.len() / 2];
    let err = ofac_xml::read_str(Path::new("t.xml"), cut).unwrap_err();
    assert!(matches!(err, Error::Format { .. }));
    assert!(err.to_string().contains("truncated"), "{err}");
}

#[test]
fn truncation_at_every_byte_never_panics() {
    let text = std::fs::read_to_string(fixture()).unwrap();
    for end in (0..text.len()).filter(|i| text.is_char_boundary(*i)) {
        let _ = ofac_xml::read_str(Path::new("t.xml"), &text[..end]);
    }
}

#[test]
fn missing_file_is_an_io_error_naming_it() {
    let err = ofac_xml::read(Path::new("/nonexistent/sdn.xml")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/sdn.xml"));
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
            let mut bytes = std::fs::read(common::fixtures_dir().join("ofac-xml/sdn.xml")).unwrap();
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let _ = ofac_xml::read_str(Path::new("m.xml"), &text);
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
            let _ = ofac_xml::read_str(Path::new("m.xml"), &text);
        }
    }
}

/// The fixture's entries that are also in the real `tiny` CSV set read to the same facts.
#[test]
#[ignore = "real data"]
fn same_facts_as_the_csv_reader() {
    let xml = ofac_xml::read(&fixture()).unwrap();
    let csv =
        embargo_sources::ofac_csv::read(&common::data_dir().join("lists/ofac-sdn/tiny")).unwrap();
    let mut compared = 0;
    for x in &xml.entities {
        let Some(c) = csv.entities.iter().find(|c| c.id == x.id) else {
            continue;
        };
        compared += 1;
        assert_eq!(x.schema, c.schema, "{}", x.id);
        assert_eq!(x.caption(), c.caption(), "{}", x.id);
        assert_eq!(x.programs, c.programs, "{}", x.id);
        assert_eq!(x.birth_dates, c.birth_dates, "{}", x.id);
        assert_eq!(x.nationalities, c.nationalities, "{}", x.id);
        assert_eq!(x.gender, c.gender, "{}", x.id);
        for n in &x.names {
            assert!(
                c.names
                    .iter()
                    .any(|m| m.value == n.value && m.kind == n.kind),
                "{}: {:?} not in the CSV",
                x.id,
                n
            );
        }
        for i in &x.identifiers {
            assert!(
                c.identifiers
                    .iter()
                    .any(|j| j.kind == i.kind && j.key() == i.key()),
                "{}: {:?} not in the CSV",
                x.id,
                i
            );
        }
        for (k, v) in &x.extra {
            assert_eq!(Some(v), c.extra.get(k), "{} extra {k}", x.id);
        }
    }
    assert_eq!(compared, 4, "11195, 20540, 48603, 52327");
}
