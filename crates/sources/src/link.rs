//! Linking entities published in several loaded lists into one.
//!
//! Lists republish each other: the US Consolidated Screening List (CSL) repeats every OFAC SDN
//! entry, and its rows carry the SDN uid. Screened as they are, one party on both lists would raise
//! two alerts that a reviewer must close twice. So after reading, [`link_documents`] merges them.
//!
//! # The rule
//!
//! An entity's *primary* source is its first [`SourceRef`] (the list it was read from and its id
//! there: `ofac-sdn` / `20157`). Readers add further `SourceRef`s for the same party's ids in other
//! lists (the CSL reader adds `ofac-sdn:<uid>` to its SDN rows). **An entity that carries a
//! `SourceRef` equal to another loaded entity's primary `SourceRef` is the same party and is merged
//! into it**: the referenced entity keeps its id, gains the other's sources, names and facts (union,
//! without duplicates), and the referencing entity is removed from its document. References are
//! followed transitively (a CSL row naming both `ofac-sdn:X` and `ofac-cons:X` joins all three into
//! one), and relations pointing at a removed id are rewritten to the id it was merged into.
//!
//! Nothing is merged on names or other fuzzy evidence: only published ids link entities, so linking
//! never hides a distinct party.
//!
//! ```
//! use embargo_model::{Entity, EntityId, ListDocument, Schema, SourceRef};
//! use embargo_sources::link;
//!
//! let sdn = Entity::new(EntityId::new("ofac-sdn", "20157"), Schema::Person, "ofac-sdn", "20157");
//! let mut csl = Entity::new(EntityId::new("us-csl", "20157"), Schema::Person, "us-csl", "20157");
//! csl.sources.push(SourceRef { list: "ofac-sdn".into(), source_id: "20157".into() });
//! let mut docs = vec![
//!     ListDocument { dataset: "ofac-sdn".into(), entities: vec![sdn], ..Default::default() },
//!     ListDocument { dataset: "us-csl".into(), entities: vec![csl], ..Default::default() },
//! ];
//! let report = link::link(&mut docs);
//! assert_eq!(report.merged(), 1);
//! assert!(docs[1].entities.is_empty());
//! assert_eq!(docs[0].entities[0].datasets(), vec!["ofac-sdn", "us-csl"]);
//! ```

use embargo_model::{Entity, EntityId, ListDocument, Name, NameKind, Schema, SourceRef};
use std::collections::HashMap;

/// One entity merged into another by [`link`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merge {
    /// The entity that was removed.
    pub from: EntityId,
    /// Its dataset.
    pub from_dataset: String,
    /// The entity that absorbed it (kept).
    pub into: EntityId,
    /// That entity's dataset.
    pub into_dataset: String,
}

/// What [`link`] did, for logs and tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkReport {
    pub merges: Vec<Merge>,
}

impl LinkReport {
    /// Number of entities merged away.
    pub fn merged(&self) -> usize {
        self.merges.len()
    }

    /// Number of entities of `from_dataset` merged into entities of `into_dataset`.
    pub fn count(&self, from_dataset: &str, into_dataset: &str) -> usize {
        self.merges
            .iter()
            .filter(|m| m.from_dataset == from_dataset && m.into_dataset == into_dataset)
            .count()
    }
}

/// Merge entities that are the same listing across documents (see the module docs).
pub fn link_documents(docs: &mut [ListDocument]) {
    link(docs);
}

/// Position of an entity: (document index, entity index).
type Pos = (usize, usize);

/// Like [`link_documents`], and says what was merged.
pub fn link(docs: &mut [ListDocument]) -> LinkReport {
    // Flatten positions so that union-find works on plain indices.
    let mut positions: Vec<Pos> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for e in 0..doc.entities.len() {
            positions.push((d, e));
        }
    }
    let mut primary: HashMap<&SourceRef, usize> = HashMap::new();
    for (flat, &(d, e)) in positions.iter().enumerate() {
        if let Some(src) = docs[d].entities[e].sources.first() {
            // The first entity loaded under a primary ref owns it; a list loaded twice does not
            // merge with itself.
            primary.entry(src).or_insert(flat);
        }
    }

    let mut parent: Vec<usize> = (0..positions.len()).collect();
    let mut referenced = vec![false; positions.len()];
    let mut any = false;
    for (flat, &(d, e)) in positions.iter().enumerate() {
        for src in docs[d].entities[e].sources.iter().skip(1) {
            if let Some(&target) = primary.get(src) {
                if target != flat {
                    referenced[target] = true;
                    union(&mut parent, flat, target);
                    any = true;
                }
            }
        }
    }
    let mut report = LinkReport::default();
    if !any {
        return report;
    }

    // Group members by root, in load order.
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for flat in 0..positions.len() {
        let root = find(&mut parent, flat);
        groups.entry(root).or_default().push(flat);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_by_key(|g| g[0]);

    let mut removed: Vec<Vec<bool>> = docs
        .iter()
        .map(|doc| vec![false; doc.entities.len()])
        .collect();
    let mut renamed: HashMap<EntityId, EntityId> = HashMap::new();
    for group in groups {
        // The host is the first referenced entity (an official list's own record), else the first.
        let host = group
            .iter()
            .copied()
            .find(|&f| referenced[f])
            .unwrap_or(group[0]);
        let (hd, he) = positions[host];
        for &guest in group.iter().filter(|&&g| g != host) {
            let (gd, ge) = positions[guest];
            let entity = docs[gd].entities[ge].clone();
            report.merges.push(Merge {
                from: entity.id.clone(),
                from_dataset: docs[gd].dataset.clone(),
                into: docs[hd].entities[he].id.clone(),
                into_dataset: docs[hd].dataset.clone(),
            });
            renamed.insert(entity.id.clone(), docs[hd].entities[he].id.clone());
            merge_entity(&mut docs[hd].entities[he], entity);
            removed[gd][ge] = true;
        }
    }
    for (doc, gone) in docs.iter_mut().zip(removed) {
        let mut i = 0;
        doc.entities.retain(|_| {
            let keep = !gone[i];
            i += 1;
            keep
        });
        for entity in &mut doc.entities {
            for rel in &mut entity.relations {
                if let Some(new) = rel.target_id.as_ref().and_then(|t| renamed.get(t)) {
                    rel.target_id = Some(new.clone());
                }
            }
        }
    }
    report
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // Keep the smaller index as root so that group order is load order.
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
}

/// Fold `from` into `into`: the union of names, facts and sources, without duplicates.
///
/// `into` keeps its id, its primary name (a different primary name of `from` becomes an alias, so
/// the entity still has exactly one primary name) and its scalar facts; a `LegalEntity` takes the
/// more specific schema of `from`, because the other list knew better what the party is.
pub fn merge_entity(into: &mut Entity, from: Entity) {
    if into.schema == Schema::LegalEntity && from.schema != Schema::LegalEntity {
        into.schema = from.schema;
    }
    for name in from.names {
        add_name(into, name);
    }
    let Entity {
        birth_dates,
        birth_places,
        nationalities,
        citizenships,
        countries,
        gender,
        titles,
        positions,
        identifiers,
        addresses,
        programs,
        listed_on,
        remarks,
        relations,
        sources,
        extra,
        ..
    } = from;
    extend_unique(&mut into.birth_dates, birth_dates);
    extend_unique(&mut into.birth_places, birth_places);
    extend_unique(&mut into.nationalities, nationalities);
    extend_unique(&mut into.citizenships, citizenships);
    extend_unique(&mut into.countries, countries);
    extend_unique(&mut into.titles, titles);
    extend_unique(&mut into.positions, positions);
    extend_unique(&mut into.identifiers, identifiers);
    extend_unique(&mut into.addresses, addresses);
    extend_unique(&mut into.programs, programs);
    extend_unique(&mut into.remarks, remarks);
    extend_unique(&mut into.relations, relations);
    extend_unique(&mut into.sources, sources);
    if into.gender.is_none() {
        into.gender = gender;
    }
    into.listed_on = match (into.listed_on, listed_on) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    for (key, values) in extra {
        extend_unique(into.extra.entry(key).or_default(), values);
    }
}

fn add_name(into: &mut Entity, mut name: Name) {
    if name.kind == NameKind::Primary && into.names.iter().any(|n| n.kind == NameKind::Primary) {
        name.kind = NameKind::Alias;
    }
    if name.value.trim().is_empty() {
        return;
    }
    if into
        .names
        .iter()
        .any(|n| n.value == name.value && n.kind <= name.kind)
    {
        return;
    }
    into.names.push(name);
}

fn extend_unique<T: PartialEq>(list: &mut Vec<T>, values: Vec<T>) {
    for v in values {
        Entity::push_unique(list, v);
    }
}
