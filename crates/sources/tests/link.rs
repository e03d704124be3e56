//! Cross-list linking: CSL rows that republish OFAC entries merge into the OFAC entity.

mod common;

use embargo_model::{Entity, EntityId, ListDocument, NameKind, Relation, Schema, SourceRef};
use embargo_sources::{csl, dpl, link, ofac_csv};
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

fn source(list: &str, id: &str) -> SourceRef {
    SourceRef {
        list: list.into(),
        source_id: id.into(),
    }
}

fn doc(dataset: &str, entities: Vec<Entity>) -> ListDocument {
    ListDocument {
        dataset: dataset.into(),
        entities,
        ..Default::default()
    }
}

fn person(list: &str, id: &str, name: &str) -> Entity {
    let mut e = Entity::new(EntityId::new(list, id), Schema::Person, list, id);
    e.add_name(name, NameKind::Primary);
    e
}

fn primaries(e: &Entity) -> usize {
    e.names
        .iter()
        .filter(|n| n.kind == NameKind::Primary)
        .count()
}

#[test]
fn csl_fixture_merges_into_ofac_fixture() {
    let ofac = ofac_csv::read(&common::fixtures_dir().join("csl/ofac-sdn")).unwrap();
    let (csl_doc, _) =
        csl::read_with_stats(&common::fixtures_dir().join("csl/consolidated.csv")).unwrap();
    let csl_before = csl_doc.entities.len();
    let mut docs = vec![ofac, csl_doc];
    let report = link::link(&mut docs);

    assert_eq!(report.merged(), 3, "{report:#?}");
    assert_eq!(report.count("us-csl", "ofac-sdn"), 3);
    assert_eq!(docs[0].entities.len(), 3);
    assert_eq!(docs[1].entities.len(), csl_before - 3);
    for gone in ["us-csl:20157", "us-csl:37444", "us-csl:18725"] {
        assert!(
            docs[1].entities.iter().all(|e| e.id.as_str() != gone),
            "{gone}"
        );
    }

    let kim = docs[0]
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:20157")
        .unwrap();
    assert_eq!(kim.datasets(), vec!["ofac-sdn", "us-csl"]);
    assert_eq!(kim.sources[0], source("ofac-sdn", "20157"));
    assert_eq!(primaries(kim), 1);
    assert_eq!(kim.caption(), "KIM, Jong Un");
    let values: Vec<&str> = kim.names.iter().map(|n| n.value.as_str()).collect();
    let unique: BTreeSet<&str> = values.iter().copied().collect();
    assert_eq!(values.len(), unique.len(), "no repeated names: {values:?}");
    assert!(
        values.contains(&"KIM, Jong-un"),
        "CSL aliases join: {values:?}"
    );
    let dobs: Vec<String> = kim.birth_dates.iter().map(|d| d.to_string()).collect();
    let unique: BTreeSet<&String> = dobs.iter().collect();
    assert_eq!(dobs.len(), unique.len(), "{dobs:?}");
    assert!(dobs.contains(&"1984-01-08".to_string()));

    // The CSL party listed on SDN, SSI and CAPTA: one OFAC entity carrying every source.
    let vtb = docs[0]
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:18725")
        .unwrap();
    let lists: BTreeSet<&str> = vtb.sources.iter().map(|s| s.list.as_str()).collect();
    assert_eq!(lists, BTreeSet::from(["ofac-sdn", "us-csl", "ofac-cons"]));
    for code in ["SDN", "SSI", "CAP"] {
        assert!(vtb.programs.contains(&code.to_string()), "{code}");
    }
    assert_eq!(primaries(vtb), 1);

    // Linking again finds nothing more.
    assert_eq!(link::link(&mut docs).merged(), 0);
}

#[test]
fn csl_denied_persons_rows_merge_into_the_dpl() {
    let text = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n\
        \"AARON ROBERT HENDERSON\"\t\"740 JESSIE ST.\"\t\"NORTH LIBERTY\"\t\"IA\"\t\"US\"\t\"52317\"\t\"05/28/2010\"\t\"09/18/2019\"\t\"Y\"\t\"2010-06-09\"\t\"10 YEAR DENIAL/F.R. NOTICE UPDATED\"\t\"75 F.R. 32740 6/9/10\"\n";
    let (dpl_doc, _) = dpl::parse(text.as_bytes(), Path::new("dpl.txt")).unwrap();
    let (csl_doc, _) =
        csl::read_with_stats(&common::fixtures_dir().join("csl/consolidated.csv")).unwrap();
    let mut docs = vec![dpl_doc, csl_doc];
    let report = link::link(&mut docs);
    assert_eq!(report.count("us-csl", "bis-dpl"), 1, "{report:#?}");
    let e = &docs[0].entities[0];
    assert_eq!(e.datasets(), vec!["bis-dpl", "us-csl"]);
    assert_eq!(e.names.len(), 1);
}

#[test]
fn links_are_followed_transitively_and_relations_rewritten() {
    let sdn = person("ofac-sdn", "100", "DOE, John");
    let cons = person("ofac-cons", "100", "DOE, John");
    let mut csl_row = person("us-csl", "100", "John DOE");
    csl_row.sources.push(source("ofac-sdn", "100"));
    csl_row.sources.push(source("ofac-cons", "100"));
    csl_row
        .birth_dates
        .push(embargo_model::DateOfBirth::parse("1970").unwrap());
    let mut other = person("us-csl", "200", "Jane ROE");
    other.relations.push(Relation {
        kind: "associate".into(),
        target_name: "John DOE".into(),
        target_id: Some(EntityId::new("us-csl", "100")),
        percentage: None,
    });
    let mut docs = vec![
        doc("ofac-sdn", vec![sdn]),
        doc("ofac-cons", vec![cons]),
        doc("us-csl", vec![csl_row, other]),
    ];
    let report = link::link(&mut docs);
    assert_eq!(report.merged(), 2);
    assert_eq!(report.count("ofac-cons", "ofac-sdn"), 1);
    assert_eq!(report.count("us-csl", "ofac-sdn"), 1);
    assert!(docs[1].entities.is_empty());
    assert_eq!(docs[2].entities.len(), 1);

    let host = &docs[0].entities[0];
    assert_eq!(host.id.as_str(), "ofac-sdn:100");
    assert_eq!(host.caption(), "DOE, John");
    assert_eq!(primaries(host), 1);
    assert_eq!(host.names.len(), 2, "DOE, John once, John DOE as alias");
    assert_eq!(host.names[1].kind, NameKind::Alias);
    assert_eq!(host.birth_dates.len(), 1);
    let refs: HashSet<&SourceRef> = host.sources.iter().collect();
    assert_eq!(refs.len(), host.sources.len(), "no repeated sources");
    assert_eq!(refs.len(), 3);

    let rel = &docs[2].entities[0].relations[0];
    assert_eq!(rel.target_id.as_ref().unwrap().as_str(), "ofac-sdn:100");
}

#[test]
fn nothing_links_without_a_shared_id() {
    let mut csl_row = person("us-csl", "1", "DOE, John");
    csl_row.sources.push(source("ofac-sdn", "999"));
    // The same list loaded twice does not merge with itself, and equal names do not link.
    let mut docs = vec![
        doc("ofac-sdn", vec![person("ofac-sdn", "1", "DOE, John")]),
        doc("ofac-sdn", vec![person("ofac-sdn", "1", "DOE, John")]),
        doc("us-csl", vec![csl_row]),
    ];
    assert_eq!(link::link(&mut docs).merged(), 0);
    assert_eq!(docs.iter().map(|d| d.entities.len()).sum::<usize>(), 3);
}

#[test]
fn a_legal_entity_takes_the_more_specific_schema() {
    let mut host = Entity::new(EntityId::new("a", "1"), Schema::LegalEntity, "a", "1");
    host.add_name("APEX", NameKind::Primary);
    let mut guest = Entity::new(EntityId::new("b", "1"), Schema::Organization, "b", "1");
    guest.add_name("APEX", NameKind::Primary);
    guest.add_name("APEX LTD", NameKind::Alias);
    guest.sources.push(source("a", "1"));
    let mut docs = vec![doc("a", vec![host]), doc("b", vec![guest])];
    link::link_documents(&mut docs);
    let e = &docs[0].entities[0];
    assert_eq!(e.schema, Schema::Organization);
    assert_eq!(e.names.len(), 2);
}

#[test]
#[ignore = "real data"]
fn real_csl_2022_merges_into_ofac_sdn_2024() {
    let data = common::data_dir();
    let ofac = ofac_csv::read(&data.join("lists/ofac-sdn/2024-05-03")).unwrap();
    let (csl_doc, stats) =
        csl::read_with_stats(&data.join("lists/us-csl/2022/consolidated.csv")).unwrap();
    let sdn_uids: HashSet<&str> = ofac
        .entities
        .iter()
        .map(|e| e.sources[0].source_id.as_str())
        .collect();
    // Independently of the linker: CSL entities naming an SDN uid present in the 2024 file.
    let expected = csl_doc
        .entities
        .iter()
        .filter(|e| {
            e.sources
                .iter()
                .any(|s| s.list == "ofac-sdn" && sdn_uids.contains(s.source_id.as_str()))
        })
        .count();
    drop(sdn_uids);
    let (n_ofac, n_csl) = (ofac.entities.len(), csl_doc.entities.len());
    let mut docs = vec![ofac, csl_doc];
    let report = link::link(&mut docs);
    println!(
        "CSL 2022 rows {}, entities {n_csl}; OFAC SDN 2024 entities {n_ofac}; merged {}; CSL \
         entities left {}",
        stats.rows,
        report.merged(),
        docs[1].entities.len()
    );
    assert_eq!(report.merged(), expected);
    assert_eq!(report.count("us-csl", "ofac-sdn"), expected);
    assert_eq!(expected, 9_552);
    // No entity lost: OFAC keeps all, the CSL lost exactly the merged ones.
    assert_eq!(docs[0].entities.len(), n_ofac);
    assert_eq!(docs[1].entities.len(), n_csl - expected);
    // No CSL entity still points at a loaded SDN entity.
    let loaded: HashSet<&SourceRef> = docs[0].entities.iter().map(|e| &e.sources[0]).collect();
    assert!(docs[1]
        .entities
        .iter()
        .all(|e| e.sources.iter().all(|s| !loaded.contains(s))));
    for e in &docs[0].entities {
        assert_eq!(primaries(e), 1, "{}", e.id);
    }
    let kim = docs[0]
        .entities
        .iter()
        .find(|e| e.id.as_str() == "ofac-sdn:20157")
        .unwrap();
    assert_eq!(kim.datasets(), vec!["ofac-sdn", "us-csl"]);
}

#[test]
#[ignore = "real data"]
fn real_csl_2022_with_both_ofac_lists() {
    let data = common::data_dir();
    let sdn = ofac_csv::read(&data.join("lists/ofac-sdn/2024-05-03")).unwrap();
    let cons = ofac_csv::read(&data.join("lists/ofac-consolidated/2025-12")).unwrap();
    let csl_doc = csl::read(&data.join("lists/us-csl/2022/consolidated.csv")).unwrap();
    let total: usize = [&sdn, &cons, &csl_doc]
        .iter()
        .map(|d| d.entities.len())
        .sum();
    let mut docs = vec![sdn, cons, csl_doc];
    let report = link::link(&mut docs);
    let after: usize = docs.iter().map(|d| d.entities.len()).sum();
    println!(
        "merged {}: us-csl→ofac-sdn {}, us-csl→ofac-cons {}, ofac-cons→ofac-sdn {}",
        report.merged(),
        report.count("us-csl", "ofac-sdn"),
        report.count("us-csl", "ofac-cons"),
        report.count("ofac-cons", "ofac-sdn"),
    );
    assert_eq!(after + report.merged(), total);
    assert_eq!(report.count("us-csl", "ofac-sdn"), 9_552);
    assert!(report.count("us-csl", "ofac-cons") > 300);
}

#[test]
#[ignore = "real data"]
fn real_csl_2022_with_the_dpl_2022() {
    let data = common::data_dir();
    let dpl_doc = dpl::read(&data.join("lists/bis-dpl/2022/dpl.txt")).unwrap();
    let (csl_doc, stats) =
        csl::read_with_stats(&data.join("lists/us-csl/2022/consolidated.csv")).unwrap();
    let n_dpl = dpl_doc.entities.len();
    let mut docs = vec![dpl_doc, csl_doc];
    let report = link::link(&mut docs);
    let merged = report.count("us-csl", "bis-dpl");
    println!(
        "CSL 2022 DPL rows {}; DPL 2022 entities {n_dpl}; CSL rows merged into the DPL {merged}",
        stats.sources["DPL"]
    );
    assert_eq!(report.merged(), merged, "only DPL rows link to the DPL");
    // The CSL snapshot is five months older than the DPL file: most, not all, rows link.
    assert!(merged > 350, "{merged}");
    assert_eq!(docs[0].entities.len(), n_dpl);
}
