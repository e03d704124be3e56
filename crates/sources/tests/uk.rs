//! UK Sanctions List reader, CSV and XML.
//!
//! No schema for the UK files ships with the data. The fixtures follow the published CSV
//! heading row (58 columns, preceded by a `Report Date:` line) and the FCDO XML element names;
//! designations, references and names are real, some details are reconstructed. Both fixtures
//! hold the same six designations, so the two formats must read to the same entities.

mod common;

use embargo_model::{
    CountryCode, Entity, IdentifierKind, ListDocument, NameKind, PartialDate, Schema,
};
use embargo_sources::{uk, Error, Format};
use std::path::{Path, PathBuf};

fn csv_fixture() -> PathBuf {
    common::fixtures_dir().join("uk/UK-Sanctions-List.csv")
}

fn xml_fixture() -> PathBuf {
    common::fixtures_dir().join("uk/UK-Sanctions-List.xml")
}

fn cc(s: &str) -> CountryCode {
    CountryCode::from_code(s).expect("known code")
}

fn get<'a>(doc: &'a ListDocument, id: &str) -> &'a Entity {
    doc.entities
        .iter()
        .find(|e| e.id.as_str() == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

#[test]
fn csv_rows_of_a_designation_make_one_entity() {
    let doc = uk::read(&csv_fixture(), Format::UkCsv).unwrap();
    assert_eq!(doc.dataset, "uk");
    assert_eq!(doc.version.as_deref(), Some("2025-10-08"));
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    let ids: Vec<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "uk:RUS1222",
            "uk:RUS0737",
            "uk:AFG0006",
            "uk:AFG0001",
            "uk:INU0082",
            "uk:RUS2176"
        ]
    );

    let akhund = get(&doc, "uk:AFG0006");
    assert_eq!(akhund.schema, Schema::Person);
    assert_eq!(akhund.caption(), "Mohammad Hassan AKHUND");
    assert_eq!(akhund.names[0].parts.given, vec!["Mohammad"]);
    assert_eq!(akhund.names[0].parts.middle, vec!["Hassan"]);
    assert_eq!(akhund.names[0].parts.family, vec!["AKHUND"]);
    let kind_of = |v: &str| akhund.names.iter().find(|n| n.value == v).map(|n| n.kind);
    assert_eq!(kind_of("AKHUND"), Some(NameKind::Alias));
    assert_eq!(kind_of("Mullah MOHAMMAD"), Some(NameKind::WeakAlias));
    assert_eq!(kind_of("محمد حسن آخوند"), Some(NameKind::OriginalScript));
    assert_eq!(
        akhund
            .names
            .iter()
            .filter(|n| n.kind == NameKind::Primary)
            .count(),
        1,
        "a repeated primary name row is one name"
    );
    let years: Vec<(u16, u16)> = akhund.birth_dates.iter().map(|d| d.years()).collect();
    assert_eq!(
        years,
        vec![(1955, 1955), (1958, 1958)],
        "dd/mm/yyyy is a year"
    );
    assert_eq!(akhund.extra["unscId"], vec!["TAi.002"]);
    assert_eq!(
        akhund.listed_on,
        Some(PartialDate::parse("2001-01-25").unwrap())
    );
    assert_eq!(akhund.nationalities, vec![cc("af")]);
    assert_eq!(akhund.addresses[0].city.as_deref(), Some("Kandahar"));
    assert_eq!(
        akhund.birth_places,
        vec!["Pashmul village, Panjwai District, Kandahar Province, Afghanistan"]
    );
    assert_eq!(
        akhund.extra["provisions"],
        vec!["Asset freeze", "Travel Ban", "Arms embargo"]
    );

    let soyko = get(&doc, "uk:RUS0737");
    assert_eq!(soyko.titles, vec!["Colonel"]);
    assert!(soyko
        .names
        .iter()
        .any(|n| n.value == "Viktor Vladimirovich SOYKO" && n.kind == NameKind::Alias));
    assert_eq!(soyko.gender, Some(embargo_model::Gender::Male));
    assert_eq!(soyko.birth_dates[0].years(), (1971, 1971));
}

#[test]
fn entities_and_ships() {
    let doc = uk::read(&csv_fixture(), Format::UkCsv).unwrap();
    let exchange = get(&doc, "uk:AFG0001");
    assert_eq!(exchange.schema, Schema::Organization);
    assert_eq!(exchange.addresses.len(), 2);
    assert_eq!(exchange.countries, vec![cc("af"), cc("pk")]);
    assert_eq!(
        exchange.addresses[1].region.as_deref(),
        Some("Baluchistan Province")
    );
    assert!(exchange
        .names
        .iter()
        .any(|n| n.value == "HAJI ALIM HAWALA" && n.kind == NameKind::WeakAlias));
    assert!(exchange.names.iter().all(|n| n.parts.is_empty()));

    let irgc = get(&doc, "uk:INU0082");
    assert!(irgc
        .identifiers
        .iter()
        .any(|i| i.kind == IdentifierKind::Registration && i.value == "10102296440"));
    assert_eq!(irgc.relations[0].kind, "owned");
    assert_eq!(irgc.extra["website"], vec!["www.sepahnews.com"]);
    assert_eq!(irgc.extra["legalForm"], vec!["Military"]);

    let ship = get(&doc, "uk:RUS2176");
    assert_eq!(ship.schema, Schema::Vessel);
    let imo = ship
        .identifiers
        .iter()
        .find(|i| i.kind == IdentifierKind::Imo)
        .unwrap();
    assert_eq!(imo.key(), "9826902");
    assert_eq!(ship.countries, vec![cc("ga")]);
    assert_eq!(ship.relations[0].kind, "owner");
    assert_eq!(ship.relations[0].target_name, "Stream Ship Management FZCO");
    assert_eq!(ship.extra["vesselType"], vec!["Oil Tanker"]);
    assert_eq!(ship.extra["buildDate"], vec!["2019"]);
}

/// Names and lists sorted, so that the order rows and elements come in does not matter.
fn normalised(e: &Entity) -> Entity {
    let mut e = e.clone();
    e.names.sort_by(|a, b| a.value.cmp(&b.value));
    e.identifiers.sort_by(|a, b| a.value.cmp(&b.value));
    e.addresses.sort_by_key(|a| a.to_line());
    e.birth_dates.sort_by_key(|d| d.years());
    e.remarks.sort();
    e
}

#[test]
fn csv_and_xml_read_to_the_same_entities() {
    let csv = uk::read(&csv_fixture(), Format::UkCsv).unwrap();
    let xml = uk::read(&xml_fixture(), Format::UkXml).unwrap();
    assert!(xml.problems.is_empty(), "{:?}", xml.problems);
    assert_eq!(xml.version, csv.version);
    assert_eq!(xml.entities.len(), csv.entities.len());
    for (a, b) in csv.entities.iter().zip(&xml.entities) {
        assert_eq!(normalised(a), normalised(b), "{}", a.id);
    }
}

#[test]
fn uk_dates() {
    let d = |s: &str| uk::parse_uk_date(s).map(|p| p.to_string());
    assert_eq!(d("19/12/1967").unwrap(), "1967-12-19");
    assert_eq!(d("dd/mm/1955").unwrap(), "1955");
    assert_eq!(d("00/00/1975").unwrap(), "1975");
    assert_eq!(d("dd/10/1972").unwrap(), "1972-10");
    assert_eq!(d("13-Feb-2026").unwrap(), "2026-02-13");
    assert_eq!(d("1972-10-24").unwrap(), "1972-10-24");
    assert!(d("31/02/1972").is_err());
    assert!(d("xx/yy/zzzz").is_err());
}

#[test]
fn malformed_csv() {
    let header = std::fs::read_to_string(csv_fixture())
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    let cols = header.split(',').count();
    let row = |values: &[(usize, &str)]| {
        let mut v = vec![String::new(); cols];
        for (i, s) in values {
            v[*i] = s.to_string();
        }
        v.join(",")
    };
    // Columns: 1 Unique ID, 4 Name 6, 10 Name type, 17 Designation Type, 34 D.O.B.
    let text = [
        "Report Date: 08-Oct-2025".to_string(),
        format!("{header},Brand New Column"),
        row(&[
            (1, "X1"),
            (4, "ONE"),
            (10, "Primary Name"),
            (17, "Individual"),
            (34, "45/13/1970"),
        ]),
        row(&[(4, "NO ID"), (10, "Primary Name"), (17, "Entity")]),
        row(&[
            (1, "X2"),
            (4, "TWO"),
            (10, "Primary Name"),
            (17, "Spaceship"),
        ]),
    ]
    .join("\n");
    let doc = uk::read_csv_str(Path::new("uk.csv"), &text).unwrap();
    assert_eq!(doc.entities.len(), 2);
    let dob = doc
        .problems
        .iter()
        .find(|p| p.field.as_deref() == Some("dob"))
        .unwrap();
    assert_eq!(dob.location, "uk.csv:3#X1");
    assert_eq!(doc.entities[0].extra["birthDate"], vec!["45/13/1970"]);
    assert!(doc
        .problems
        .iter()
        .any(|p| p.location == "uk.csv:4" && p.message.contains("without Unique ID")));
    assert!(doc.problems.iter().any(|p| p.message.contains("Spaceship")));
    assert_eq!(doc.entities[1].schema, Schema::LegalEntity);
    assert!(doc
        .problems
        .iter()
        .any(|p| p.message.contains("Brand New Column")));

    let err = uk::read_csv_str(Path::new("uk.csv"), "a,b,c\n1,2,3\n").unwrap_err();
    assert!(matches!(err, Error::Format { .. }));
    assert!(err.to_string().contains("Unique ID"), "{err}");
}

#[test]
fn former_ofsi_layout_reads_through_the_same_table() {
    let text = "Last Updated,13/02/2025\n\
Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,Passport Details,Position,Address 1,Country,Group Type,Alias Type,Alias Quality,Regime,Listed On,UK Sanctions List Date Designated,Group ID\n\
AKHUND,Mohammad,Hassan,,,,Mullah,dd/mm/1955,Pashmul,Afghanistan,(1) Afghanistan (2) Pakistan,P123,issued in Kabul,(1) Deputy (2) Minister,,Afghanistan,Individual,Primary name,,Afghanistan,25/01/2001,25/01/2001,6909\n\
MOHAMMAD,Mullah,,,,,,,,,,,,,,,Individual,AKA,Low quality,Afghanistan,25/01/2001,25/01/2001,6909\n";
    let doc = uk::read_csv_str(Path::new("ConList.csv"), text).unwrap();
    assert_eq!(doc.version.as_deref(), Some("2025-02-13"));
    assert_eq!(doc.entities.len(), 1);
    let e = &doc.entities[0];
    assert_eq!(e.id.as_str(), "uk:6909");
    assert_eq!(e.nationalities, vec![cc("af"), cc("pk")]);
    assert_eq!(e.positions, vec!["Deputy", "Minister"]);
    assert_eq!(e.names[1].kind, NameKind::WeakAlias);
    let passport = &e.identifiers[0];
    assert_eq!(passport.note.as_deref(), Some("issued in Kabul"));
}

#[test]
fn malformed_xml() {
    let err = uk::read_xml_str(Path::new("uk.xml"), "<sdnList/>").unwrap_err();
    assert!(err.to_string().contains("Designations"), "{err}");
    let doc = uk::read_xml_str(
        Path::new("uk.xml"),
        "<Designations>\n<Designation><Names><Name><Name6>X</Name6></Name></Names></Designation>\n</Designations>",
    )
    .unwrap();
    assert!(doc.entities.is_empty());
    assert_eq!(doc.problems[0].location, "uk.xml:2");
}

#[test]
fn truncation_at_every_byte_never_panics() {
    let text = std::fs::read_to_string(xml_fixture()).unwrap();
    for end in (0..text.len()).filter(|i| text.is_char_boundary(*i)) {
        let _ = uk::read_xml_str(Path::new("uk.xml"), &text[..end]);
    }
    let text = std::fs::read_to_string(csv_fixture()).unwrap();
    for end in (0..text.len()).filter(|i| text.is_char_boundary(*i)) {
        let _ = uk::read_csv_str(Path::new("uk.csv"), &text[..end]);
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn mutated_fixtures_never_panic(
            edits in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..12)
        ) {
            for (fixture, csv) in [(csv_fixture(), true), (xml_fixture(), false)] {
                let mut bytes = std::fs::read(fixture).unwrap();
                for (at, byte) in &edits {
                    let i = at.index(bytes.len());
                    bytes[i] = *byte;
                }
                let text = String::from_utf8_lossy(&bytes).into_owned();
                if csv {
                    let _ = uk::read_csv_str(Path::new("m.csv"), &text);
                } else {
                    let _ = uk::read_xml_str(Path::new("m.xml"), &text);
                }
            }
        }

        #[test]
        fn arbitrary_rows_never_panic(body in "\\PC{0,300}") {
            let header = "Unique ID,Name 6,Name 1,Name type,Alias strength,D.O.B,Designation Type,Date Designated\n";
            let _ = uk::read_csv_str(Path::new("r.csv"), &format!("{header}{body}"));
            let _ = uk::read_xml_str(Path::new("r.xml"), &body);
            let _ = uk::parse_uk_date(&body);
        }
    }
}
