//! List diffs on real snapshots: UN 2020 → 2026 and OFAC SDN 2019 → 2021. Figures come from the
//! published files; the specific entities are public designations and delistings of the period.

mod common;

use embargo_model::{EntityId, ListDocument};
use embargo_sources::diff::{diff, Diff, FieldClass};
use embargo_sources::read_list;

fn read(rel: &str) -> ListDocument {
    let path = common::data_dir().join("lists").join(rel);
    read_list(&path, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn has(ids: &[EntityId], id: &str) -> bool {
    ids.iter().any(|i| i.as_str() == id)
}

/// Counts must add up: every old id is either removed or still there, every new id either
/// added or still there.
fn assert_balanced(old: &ListDocument, new: &ListDocument, d: &Diff) {
    assert_eq!(
        old.entities.len() - d.removed.len() + d.added.len(),
        new.entities.len()
    );
    assert!(d.changed.len() <= old.entities.len() - d.removed.len());
    for c in &d.changed {
        assert!(
            !c.fields.is_empty(),
            "{} listed as changed without a field",
            c.id
        );
        for (f, ch) in &c.fields {
            assert_ne!(ch.old, ch.new, "{} {f}", c.id);
        }
    }
}

#[test]
#[ignore = "real data"]
fn un_2020_to_2026() {
    let old = read("un/consolidated-2020-11-24.xml");
    let new = read("un/consolidated-2026-02-27.xml");
    let d = diff(&old, &new);
    assert_balanced(&old, &new, &d);
    let s = d.summary();
    // 1,018 → 1,003 records: about a hundred delisted and a hundred added over five years.
    assert!((80..=130).contains(&s.added), "{s:?}");
    assert!((80..=130).contains(&s.removed), "{s:?}");
    // Most surviving records changed in some way (UN rewrites narratives and stamps updates),
    // but only a minority in a field matching uses.
    assert!(
        s.changed > 400 && s.changed_matching < s.changed / 3,
        "{s:?}"
    );
    assert!(s.changed_matching > 50, "{s:?}");
    // Iraqi entities delisted after 2020; new DRC designations.
    assert!(has(&d.removed, "un:IQe.003"));
    assert!(has(&d.added, "un:CDi.037"));
    // KPe.008 gained its trading-corporation aliases.
    let c = d
        .change_of(&EntityId::new("un", "KPe.008"))
        .expect("KPe.008 changed");
    assert!(c.fields["alias"]
        .added()
        .contains(&"Kuryonggang Trading Corporation"));
    assert!(c.is_matching_relevant());
    // Bosco Ntaganda moved from The Hague to Belgium: a country change, matching-relevant.
    let c = d
        .change_of(&EntityId::new("un", "CDi.030"))
        .expect("CDi.030 changed");
    assert_eq!(c.fields["country"].old, ["nl"]);
    assert_eq!(c.fields["country"].new, ["be"]);
    assert!(c
        .fields_of(FieldClass::Matching)
        .any(|(f, _)| f == "country"));
    // Unchanged records are not listed: KPi.066 (KIM JONG SIK) is in both and never a removal.
    assert!(!has(&d.removed, "un:KPi.066") && !has(&d.added, "un:KPi.066"));
}

#[test]
#[ignore = "real data"]
fn ofac_sdn_2019_to_2021() {
    let old = read("ofac-sdn/2019-01-04");
    let new = read("ofac-sdn/2021-07-07");
    let d = diff(&old, &new);
    assert_balanced(&old, &new, &d);
    let s = d.summary();
    // ≈ 30 % of the 2021 entities were added, changed or removed.
    let touched = s.added + s.removed + s.changed;
    let share = touched as f64 / new.entities.len() as f64;
    assert!((0.25..=0.40).contains(&share), "{s:?} share {share:.3}");
    assert!(s.added > 1500 && s.removed > 150, "{s:?}");
    assert!(s.changed_programme_only > 100, "{s:?}");
    // EN+, EuroSibEnergo and Rusal were delisted on 27 January 2019.
    for uid in ["24226", "24227", "24228"] {
        assert!(
            has(&d.removed, &format!("ofac-sdn:{uid}")),
            "{uid} not removed"
        );
    }
    // The IRGC gained the FTO designation (April 2019): a programme change.
    let c = d
        .change_of(&EntityId::new("ofac-sdn", "10391"))
        .expect("IRGC changed");
    assert!(c.fields["program"].added().contains(&"FTO"));
    assert!(c.has(FieldClass::Programme));
    // SLIZHEVSKI gained a birth date and an alias: matching-relevant.
    let c = d
        .change_of(&EntityId::new("ofac-sdn", "10138"))
        .expect("10138 changed");
    assert_eq!(c.fields["birthDate"].new, ["1972-08-16"]);
    assert!(c.fields["alias"].added().contains(&"SLIZHEVSKIY, Oleg"));
    assert!(c.is_matching_relevant());
    let rescreen = d.ids_to_rescreen();
    assert_eq!(rescreen.len(), s.added + s.changed_matching);
}

#[test]
#[ignore = "real data"]
fn same_version_is_empty() {
    let a = read("ofac-sdn/2021-07-07");
    let b = read("ofac-sdn/2021-07-07");
    assert!(diff(&a, &b).is_empty());
}
