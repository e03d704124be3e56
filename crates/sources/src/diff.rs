//! What changed between two versions of a list: entities added, removed and changed, field by
//! field.
//!
//! Entities are paired by [`EntityId`] (ids are stable across versions of a list: UN reference
//! numbers, OFAC uids). Each entity is seen as a set of FollowTheMoney properties (`name`,
//! `alias`, `birthDate`, `passportNumber`, `program`…), each a *set* of values, so reordering
//! values in a file is not a change. A changed entity lists only the fields whose value sets
//! differ, with the whole old and new sets.
//!
//! Why field classes: delta screening re-screens customers only against entities whose
//! *matching-relevant* fields changed, and a cleared false alert stays suppressed until the entity
//! changes in a field matching uses or in its programmes ([`FieldClass`]). A changed remark or
//! address alone does neither.
//!
//! ```
//! use embargo_model::{Entity, EntityId, ListDocument, Name, NameKind, Schema};
//! use embargo_sources::diff::{diff, FieldClass};
//!
//! let mut old = Entity::new(EntityId::new("un", "KPi.066"), Schema::Person, "un", "KPi.066");
//! old.names.push(Name::new("KIM JONG SIK", NameKind::Primary));
//! let mut new = old.clone();
//! new.names.push(Name::new("Kim Cho'ng-sik", NameKind::Alias));
//! let d = diff(
//!     &ListDocument { dataset: "un".into(), entities: vec![old], ..Default::default() },
//!     &ListDocument { dataset: "un".into(), entities: vec![new], ..Default::default() },
//! );
//! assert!(d.added.is_empty() && d.removed.is_empty());
//! let c = &d.changed[0];
//! assert_eq!(c.fields["alias"].new, vec!["Kim Cho'ng-sik".to_string()]);
//! assert!(c.has(FieldClass::Matching));
//! ```

use embargo_model::{Entity, EntityId, ListDocument, NameKind, Schema};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// The difference between an old and a new version of a list.
///
/// Serialised as `{"added": [ids], "removed": [ids], "changed": [{"id": …, "fields": {…}}]}`,
/// every list sorted by id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diff {
    /// Ids in the new version only.
    pub added: Vec<EntityId>,
    /// Ids in the old version only (delisted).
    pub removed: Vec<EntityId>,
    /// Ids in both whose properties differ.
    pub changed: Vec<Changed>,
}

/// One entity present in both versions, with the fields that differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changed {
    pub id: EntityId,
    /// FtM property name → its old and new value sets. Never empty.
    pub fields: BTreeMap<String, FieldChange>,
}

/// The whole value set of one field before and after, each sorted and without repeats.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub old: Vec<String>,
    pub new: Vec<String>,
}

/// What a field means for screening; see [`field_class`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldClass {
    /// Used by matching: names and name parts, birth/incorporation dates, nationalities and
    /// countries, gender, schema, identifiers. A change can create or remove a hit.
    Matching,
    /// The sanction itself: programmes and listing date. A change cannot alter a score but
    /// matters to a reviewer (a cleared alert comes back).
    Programme,
    /// Everything else: addresses, remarks, positions, relations, modification stamps…
    Other,
}

impl FieldClass {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldClass::Matching => "matching",
            FieldClass::Programme => "programme",
            FieldClass::Other => "other",
        }
    }
}

/// Fields matching reads. Identifier properties are those the FtM reader and writer use.
const MATCHING_FIELDS: &[&str] = &[
    "schema",
    "name",
    "alias",
    "weakAlias",
    "previousName",
    "firstName",
    "middleName",
    "lastName",
    "fatherName",
    "birthDate",
    "incorporationDate",
    "nationality",
    "citizenship",
    "country",
    "jurisdiction",
    "flag",
    "gender",
    "passportNumber",
    "idNumber",
    "taxNumber",
    "innCode",
    "vatCode",
    "registrationNumber",
    "ogrnCode",
    "imoNumber",
    "mmsi",
    "callSign",
    "swiftBic",
    "bicCode",
    "leiCode",
    "serialNumber",
    "publicKey",
    "email",
    "phone",
];

const PROGRAMME_FIELDS: &[&str] = &["program", "programId", "listingDate"];

/// The class of a field named as in [`Changed::fields`]. Unknown fields are [`FieldClass::Other`].
pub fn field_class(field: &str) -> FieldClass {
    if MATCHING_FIELDS.contains(&field) {
        FieldClass::Matching
    } else if PROGRAMME_FIELDS.contains(&field) {
        FieldClass::Programme
    } else {
        FieldClass::Other
    }
}

impl FieldChange {
    /// Values only in the new set.
    pub fn added(&self) -> Vec<&str> {
        self.new
            .iter()
            .filter(|v| self.old.binary_search(v).is_err())
            .map(String::as_str)
            .collect()
    }

    /// Values only in the old set.
    pub fn removed(&self) -> Vec<&str> {
        self.old
            .iter()
            .filter(|v| self.new.binary_search(v).is_err())
            .map(String::as_str)
            .collect()
    }
}

impl Changed {
    /// Whether any changed field is of this class.
    pub fn has(&self, class: FieldClass) -> bool {
        self.fields.keys().any(|f| field_class(f) == class)
    }

    /// Whether a change can alter a match (see [`FieldClass::Matching`]).
    pub fn is_matching_relevant(&self) -> bool {
        self.has(FieldClass::Matching)
    }

    /// The changed fields of one class.
    pub fn fields_of(&self, class: FieldClass) -> impl Iterator<Item = (&str, &FieldChange)> {
        self.fields
            .iter()
            .filter(move |(f, _)| field_class(f) == class)
            .map(|(f, c)| (f.as_str(), c))
    }
}

/// Counts for a summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    /// Changed entities with a matching-relevant field among their changes.
    pub changed_matching: usize,
    /// Changed entities whose changes include a programme field but no matching field.
    pub changed_programme_only: usize,
    /// Changed entities whose changes are all of class [`FieldClass::Other`].
    pub changed_other_only: usize,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    pub fn summary(&self) -> DiffSummary {
        let mut s = DiffSummary {
            added: self.added.len(),
            removed: self.removed.len(),
            changed: self.changed.len(),
            ..Default::default()
        };
        for c in &self.changed {
            if c.has(FieldClass::Matching) {
                s.changed_matching += 1;
            } else if c.has(FieldClass::Programme) {
                s.changed_programme_only += 1;
            } else {
                s.changed_other_only += 1;
            }
        }
        s
    }

    /// The ids a delta screening must screen against: added entities and entities changed in a
    /// matching-relevant field, sorted.
    pub fn ids_to_rescreen(&self) -> Vec<&EntityId> {
        let mut ids: Vec<&EntityId> = self
            .added
            .iter()
            .chain(
                self.changed
                    .iter()
                    .filter(|c| c.is_matching_relevant())
                    .map(|c| &c.id),
            )
            .collect();
        ids.sort();
        ids
    }

    /// The change of one entity, when it changed.
    pub fn change_of(&self, id: &EntityId) -> Option<&Changed> {
        self.changed
            .binary_search_by(|c| c.id.cmp(id))
            .ok()
            .map(|i| &self.changed[i])
    }
}

/// Compare two versions of a list. See the module documentation.
pub fn diff(old: &ListDocument, new: &ListDocument) -> Diff {
    diff_entities(&old.entities, &new.entities)
}

/// Compare two entity slices by id. An id repeated within one slice (a list publishing one party
/// twice) is treated as one entity holding the union of their properties, so nothing is lost.
pub fn diff_entities(old: &[Entity], new: &[Entity]) -> Diff {
    let old_by_id = group_by_id(old);
    let new_by_id = group_by_id(new);
    let mut out = Diff::default();
    for (id, olds) in &old_by_id {
        match new_by_id.get(id) {
            None => out.removed.push((*id).clone()),
            Some(news) => {
                // Fast path: most entities are untouched between versions, and derived equality
                // is much cheaper than building property sets.
                if olds.len() == news.len() && olds.iter().zip(news.iter()).all(|(a, b)| a == b) {
                    continue;
                }
                let fields = changed_fields(&properties(olds), &properties(news));
                if !fields.is_empty() {
                    out.changed.push(Changed {
                        id: (*id).clone(),
                        fields,
                    });
                }
            }
        }
    }
    for id in new_by_id.keys() {
        if !old_by_id.contains_key(id) {
            out.added.push((*id).clone());
        }
    }
    out.added.sort();
    out.removed.sort();
    out.changed.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn group_by_id(entities: &[Entity]) -> HashMap<&EntityId, Vec<&Entity>> {
    let mut m: HashMap<&EntityId, Vec<&Entity>> = HashMap::with_capacity(entities.len());
    for e in entities {
        m.entry(&e.id).or_default().push(e);
    }
    m
}

/// (field, value) pairs, sorted and without repeats.
type Properties<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// An entity (or the union of entities sharing an id) as FtM properties, sorted by field then
/// value. Field names follow the FtM writer ([`crate::ftm::write_entity`]) except that birth
/// dates keep their published form (`circa 1955`, `1958 to 1960`) rather than being expanded to
/// years, and programmes are `program`.
pub fn properties<'a>(entities: &[&'a Entity]) -> Properties<'a> {
    let mut p: Properties<'a> = Vec::new();
    for e in entities {
        push_entity(&mut p, e);
    }
    p.sort_unstable();
    p.dedup();
    p
}

fn push_entity<'a>(p: &mut Properties<'a>, e: &'a Entity) {
    let b = |s: &'a str| Cow::Borrowed(s);
    p.push((b("schema"), b(e.schema.as_str())));
    for n in &e.names {
        let prop = match n.kind {
            NameKind::Primary | NameKind::OriginalScript => "name",
            k => k.ftm_property(),
        };
        p.push((b(prop), b(&n.value)));
        for (prop, values) in [
            ("firstName", &n.parts.given),
            ("middleName", &n.parts.middle),
            ("lastName", &n.parts.family),
            ("fatherName", &n.parts.patronymic),
        ] {
            for v in values {
                p.push((b(prop), b(v)));
            }
        }
    }
    let date_prop = if e.schema == Schema::Person {
        "birthDate"
    } else {
        "incorporationDate"
    };
    for d in &e.birth_dates {
        p.push((b(date_prop), Cow::Owned(d.to_string())));
    }
    for v in &e.birth_places {
        p.push((b("birthPlace"), b(v)));
    }
    for c in &e.nationalities {
        p.push((b("nationality"), b(c.as_str())));
    }
    for c in &e.citizenships {
        p.push((b("citizenship"), b(c.as_str())));
    }
    for c in &e.countries {
        p.push((b("country"), b(c.as_str())));
    }
    if let Some(g) = e.gender {
        p.push((b("gender"), b(g.as_str())));
    }
    for v in &e.titles {
        p.push((b("title"), b(v)));
    }
    for v in &e.positions {
        p.push((b("position"), b(v)));
    }
    for ident in &e.identifiers {
        let prop = if e.schema == Schema::Airplane
            && ident.kind == embargo_model::IdentifierKind::TailNumber
        {
            "registrationNumber"
        } else {
            ident.kind.ftm_property()
        };
        p.push((b(prop), b(&ident.value)));
    }
    for a in &e.addresses {
        p.push((b("address"), Cow::Owned(a.to_line())));
    }
    for v in &e.programs {
        p.push((b("program"), b(v)));
    }
    if let Some(d) = e.listed_on {
        p.push((b("listingDate"), Cow::Owned(d.to_string())));
    }
    for v in &e.remarks {
        p.push((b("notes"), b(v)));
    }
    for r in &e.relations {
        let target = match &r.target_id {
            Some(id) => format!("{}: {} ({id})", r.kind, r.target_name),
            None => format!("{}: {}", r.kind, r.target_name),
        };
        p.push((b("relation"), Cow::Owned(target)));
    }
    for (key, values) in &e.extra {
        for v in values {
            p.push((b(key), b(v)));
        }
    }
}

/// Fields whose value sets differ, from two sorted property lists.
fn changed_fields(old: &Properties<'_>, new: &Properties<'_>) -> BTreeMap<String, FieldChange> {
    let old = by_field(old);
    let new = by_field(new);
    let mut out = BTreeMap::new();
    for (field, old_values) in &old {
        let new_values = new.get(field).map(Vec::as_slice).unwrap_or(&[]);
        if old_values.as_slice() != new_values {
            out.insert(field.to_string(), change(old_values, new_values));
        }
    }
    for (field, new_values) in &new {
        if !old.contains_key(field) {
            out.insert(field.to_string(), change(&[], new_values));
        }
    }
    out
}

fn by_field<'p>(props: &'p Properties<'_>) -> BTreeMap<&'p str, Vec<&'p str>> {
    let mut m: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (f, v) in props {
        // Sorted input keeps each value list sorted and unique.
        m.entry(f.as_ref()).or_default().push(v.as_ref());
    }
    m
}

fn change(old: &[&str], new: &[&str]) -> FieldChange {
    FieldChange {
        old: old.iter().map(|s| s.to_string()).collect(),
        new: new.iter().map(|s| s.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use embargo_model::{
        Address, CountryCode, DateOfBirth, Identifier, IdentifierKind, Name, PartialDate,
    };

    fn person(id: &str, name: &str) -> Entity {
        let mut e = Entity::new(EntityId::new("t", id), Schema::Person, "t", id);
        e.names.push(Name::new(name, NameKind::Primary));
        e
    }

    fn doc(entities: Vec<Entity>) -> ListDocument {
        ListDocument {
            dataset: "t".into(),
            entities,
            ..Default::default()
        }
    }

    fn ids(v: &[EntityId]) -> Vec<&str> {
        v.iter().map(EntityId::as_str).collect()
    }

    #[test]
    fn added_removed_and_unchanged() {
        let old = doc(vec![person("1", "A"), person("2", "B")]);
        let new = doc(vec![person("3", "C"), person("2", "B")]);
        let d = diff(&old, &new);
        assert_eq!(ids(&d.added), ["t:3"]);
        assert_eq!(ids(&d.removed), ["t:1"]);
        assert!(d.changed.is_empty());
        assert!(!d.is_empty());
        assert!(diff(&old, &old).is_empty());
    }

    #[test]
    fn value_order_is_not_a_change() {
        let mut a = person("1", "A");
        a.programs = vec!["SDGT".into(), "IRAN".into()];
        a.nationalities = vec![
            CountryCode::parse("ir").unwrap(),
            CountryCode::parse("iq").unwrap(),
        ];
        let mut b = a.clone();
        b.programs.reverse();
        b.nationalities.reverse();
        // A repeated value is not a change either.
        b.programs.push("IRAN".into());
        assert!(diff(&doc(vec![a]), &doc(vec![b])).is_empty());
    }

    #[test]
    fn changed_fields_carry_whole_sets_and_classes() {
        let mut a = person("1", "A");
        a.programs = vec!["SDGT".into()];
        a.birth_dates = vec![DateOfBirth::exact(PartialDate::year(1960))];
        a.remarks = vec!["old remark".into()];
        let mut b = a.clone();
        b.names.push(Name::new("Alias A", NameKind::Alias));
        b.names.push(Name::new("Weak A", NameKind::WeakAlias));
        b.programs.push("IRAN".into());
        b.remarks.clear();
        b.identifiers
            .push(Identifier::new(IdentifierKind::Passport, "X123"));
        let d = diff(&doc(vec![a]), &doc(vec![b]));
        assert_eq!(d.changed.len(), 1);
        let c = &d.changed[0];
        let fields: Vec<&str> = c.fields.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            ["alias", "notes", "passportNumber", "program", "weakAlias"]
        );
        assert_eq!(c.fields["program"].old, ["SDGT"]);
        assert_eq!(c.fields["program"].new, ["IRAN", "SDGT"]);
        assert_eq!(c.fields["program"].added(), ["IRAN"]);
        assert!(c.fields["program"].removed().is_empty());
        assert_eq!(c.fields["notes"].removed(), ["old remark"]);
        assert!(c.fields["notes"].new.is_empty());
        assert!(c.is_matching_relevant());
        assert!(c.has(FieldClass::Programme));
        assert!(c.has(FieldClass::Other));
        let other: Vec<&str> = c.fields_of(FieldClass::Other).map(|(f, _)| f).collect();
        assert_eq!(other, ["notes"]);
        let s = d.summary();
        assert_eq!((s.changed, s.changed_matching), (1, 1));
    }

    #[test]
    fn programme_only_and_other_only_changes_are_told_apart() {
        let a = person("1", "A");
        let mut b = a.clone();
        b.programs.push("DPRK3".into());
        let c0 = person("2", "B");
        let mut c1 = c0.clone();
        c1.addresses.push(Address {
            full: Some("Pyongyang".into()),
            ..Default::default()
        });
        let d = diff(&doc(vec![a, c0]), &doc(vec![b, c1]));
        let s = d.summary();
        assert_eq!(s.changed, 2);
        assert_eq!(s.changed_matching, 0);
        assert_eq!(s.changed_programme_only, 1);
        assert_eq!(s.changed_other_only, 1);
        assert!(d.ids_to_rescreen().is_empty());
        let c = d.change_of(&EntityId::new("t", "2")).unwrap();
        assert_eq!(c.fields["address"].new, ["Pyongyang"]);
    }

    #[test]
    fn rescreen_ids_are_added_and_matching_changes() {
        let a = person("1", "A");
        let mut b = person("1", "A");
        b.birth_dates
            .push(DateOfBirth::parse("circa 1955").unwrap());
        let d = diff(&doc(vec![a]), &doc(vec![b, person("0", "Z")]));
        let ids: Vec<&str> = d
            .ids_to_rescreen()
            .into_iter()
            .map(|i| i.as_str())
            .collect();
        assert_eq!(ids, ["t:0", "t:1"]);
        // Published forms are kept: an approximate date differs from an exact one.
        assert_eq!(d.changed[0].fields["birthDate"].new, ["circa 1955"]);
    }

    #[test]
    fn schema_change_is_matching_relevant() {
        let a = person("1", "A");
        let mut b = a.clone();
        b.schema = Schema::Organization;
        let d = diff(&doc(vec![a]), &doc(vec![b]));
        let c = &d.changed[0];
        assert_eq!(c.fields["schema"].old, ["Person"]);
        assert!(c.is_matching_relevant());
    }

    #[test]
    fn repeated_ids_are_unioned() {
        let mut a1 = person("1", "A");
        a1.programs.push("X".into());
        let mut a2 = person("1", "A");
        a2.programs.push("Y".into());
        let mut b = person("1", "A");
        b.programs = vec!["Y".into(), "X".into()];
        assert!(diff(&doc(vec![a1.clone(), a2.clone()]), &doc(vec![b])).is_empty());
        let d = diff(&doc(vec![a1, a2]), &doc(vec![person("1", "A")]));
        assert_eq!(d.changed[0].fields["program"].old, ["X", "Y"]);
    }

    #[test]
    fn json_shape() {
        let a = person("1", "A");
        let mut b = a.clone();
        b.names.push(Name::new("B", NameKind::Alias));
        let d = diff(
            &doc(vec![a, person("2", "Gone")]),
            &doc(vec![b, person("3", "New")]),
        );
        let v = serde_json::to_value(&d).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "added": ["t:3"],
                "removed": ["t:2"],
                "changed": [{"id": "t:1", "fields": {"alias": {"old": [], "new": ["B"]}}}]
            })
        );
        let back: Diff = serde_json::from_value(v).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn classes() {
        assert_eq!(field_class("name"), FieldClass::Matching);
        assert_eq!(field_class("imoNumber"), FieldClass::Matching);
        assert_eq!(field_class("nationality"), FieldClass::Matching);
        assert_eq!(field_class("program"), FieldClass::Programme);
        assert_eq!(field_class("address"), FieldClass::Other);
        assert_eq!(field_class("topics"), FieldClass::Other);
    }
}
