//! What the store keeps of a listed entity: the fingerprints that decide whether a cleared
//! alert may alert again, and the content hash that names a list version.

use crate::canonical::{canonical, sha256_hex, to_canonical_json};
use embargo_model::{Entity, ListDocument};
use serde::{Deserialize, Serialize};

/// The matching-relevant state of a listed entity.
///
/// `fingerprint` covers what the matcher reads (schema, names and aliases with their kinds,
/// birth dates, nationalities, citizenships and countries, gender, identifiers); `programs` is
/// the sorted programme list. A confirmed false positive stays suppressed while both are equal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityFingerprint {
    pub fingerprint: String,
    /// The sorted, distinct programmes as a JSON array (readable in the alert and the audit).
    pub programs: String,
}

impl EntityFingerprint {
    pub fn of(entity: &Entity) -> EntityFingerprint {
        let mut names: Vec<(String, &str)> = entity
            .names
            .iter()
            .map(|n| (n.value.clone(), n.kind.as_str()))
            .collect();
        names.sort();
        names.dedup();
        let mut dates: Vec<String> = entity.birth_dates.iter().map(canonical).collect();
        dates.sort_unstable();
        dates.dedup();
        let mut countries: Vec<String> = entity
            .all_countries()
            .map(|c| c.as_str().to_string())
            .collect();
        countries.sort_unstable();
        countries.dedup();
        let mut ids: Vec<String> = entity.identifiers.iter().map(canonical).collect();
        ids.sort_unstable();
        ids.dedup();
        let v = serde_json::json!({
            "schema": entity.schema.as_str(),
            "names": names,
            "birth_dates": dates,
            "countries": countries,
            "gender": entity.gender.map(|g| g.as_str()),
            "identifiers": ids,
        });
        let mut programs: Vec<&str> = entity.programs.iter().map(|p| p.trim()).collect();
        programs.sort_unstable();
        programs.dedup();
        EntityFingerprint {
            fingerprint: sha256_hex(&to_canonical_json(&v)),
            programs: to_canonical_json(&serde_json::json!(programs)),
        }
    }
}

/// The content hash that identifies a list version: sha256 over the dataset name and the
/// canonical JSON of every entity, in id order. Two loads of the same file give the same id;
/// any published change (a remark, an address) gives another.
pub fn list_version_id(doc: &ListDocument) -> String {
    let mut entities: Vec<&Entity> = doc.entities.iter().collect();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    let mut text = String::with_capacity(entities.len() * 512);
    text.push_str(&doc.dataset);
    text.push('\n');
    for e in entities {
        text.push_str(&canonical(e));
        text.push('\n');
    }
    sha256_hex(&text)
}

/// The version id of one dataset published as one or several documents (a list and its
/// additions): [`list_version_id`] of the one, else the hash of their ids in order.
pub(crate) fn dataset_version_id(group: &[&ListDocument]) -> String {
    if let [one] = group {
        return list_version_id(one);
    }
    let ids: Vec<String> = group.iter().map(|d| list_version_id(d)).collect();
    sha256_hex(&ids.join("\n"))
}

/// Dataset → version id of a set of loaded lists, as [`crate::Store::register_lists`] would
/// register them: tells without writing anything whether the store screened against these
/// versions already (compare with [`crate::ContinuousState::versions`]).
pub fn dataset_versions<D: std::borrow::Borrow<ListDocument>>(
    docs: &[D],
) -> std::collections::BTreeMap<String, String> {
    let mut by_dataset: std::collections::BTreeMap<&str, Vec<&ListDocument>> = Default::default();
    for d in docs {
        let d: &ListDocument = d.borrow();
        by_dataset.entry(d.dataset.as_str()).or_default().push(d);
    }
    by_dataset
        .into_iter()
        .map(|(k, g)| (k.to_string(), dataset_version_id(&g)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use embargo_model::{EntityId, NameKind, Schema};

    fn entity() -> Entity {
        let mut e = Entity::new(
            EntityId::new("un", "KPi.066"),
            Schema::Person,
            "un",
            "KPi.066",
        );
        e.add_name("KIM JONG SIK", NameKind::Primary);
        e.programs.push("DPRK".into());
        e
    }

    #[test]
    fn fingerprints_follow_matching_fields_and_programmes() {
        let a = entity();
        let fa = EntityFingerprint::of(&a);
        let mut b = a.clone();
        b.remarks.push("a remark the matcher does not read".into());
        assert_eq!(EntityFingerprint::of(&b), fa);
        b.add_name("Kim Cho'ng-sik", NameKind::Alias);
        assert_ne!(EntityFingerprint::of(&b).fingerprint, fa.fingerprint);
        let mut c = a.clone();
        c.programs.push("DPRK2".into());
        let fc = EntityFingerprint::of(&c);
        assert_eq!(fc.fingerprint, fa.fingerprint);
        assert_ne!(fc.programs, fa.programs);
        assert_eq!(fa.programs, r#"["DPRK"]"#);
    }
}
