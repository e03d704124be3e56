//! FollowTheMoney (FtM) JSON lines, in and out: the format of OpenSanctions and Aleph.
//!
//! Each line is one entity: `{"id", "schema", "caption", "properties": {prop: [values]},
//! "datasets"}`. Entities of the screened schemata (Person, Organization, Company, LegalEntity,
//! Vessel, Airplane) become [`Entity`]s with typed fields; every other schema (Sanction,
//! Ownership, Address, Passport, Family, Directorship…) is kept verbatim in
//! [`ListDocument::other`] so nothing is lost, and the facts those entities carry are attached
//! to the screened entity they reference:
//!
//! | other entity | attached to | becomes |
//! |---|---|---|
//! | `Sanction.entity` | the sanctioned party | `programs` (`programId`, else `program`), `listed_on` (earliest `listingDate`/`startDate`), `extra["sanction:authority"]` |
//! | `Ownership.owner` / `.asset` | both ends | relations `owner` (on the asset) and `owned` (on the owner), with `percentage` |
//! | `Directorship.director` / `.organization` | both ends | relations `director` / `directed` |
//! | `Family`, `Associate`, `UnknownLink`, `Employment`, `Membership`, `Representation` | both ends | relations (`family`, `associate`, `linked_to`…) |
//! | `Address` (referenced by `addressEntity`) | the referencing party | a structured [`Address`] |
//! | `Passport` / `Identification` / `CryptoWallet` `.holder` | the holder | an [`Identifier`] |
//!
//! A relation's `kind` says what the *target* is to this entity: on a company, `owner` points
//! at its owner; on the owner, `owned` points at the company.
//!
//! Attached facts come first in each list, the entity's own property values after them. The
//! writer relies on that: [`write_document`] leaves attached facts out of the entity's
//! properties (the linked entities, written verbatim, carry them), so reading its output again
//! gives equal entities.
//!
//! Of the top-level keys, `id`, `schema`, `caption`, `properties` and `datasets` are read;
//! `referents`, `first_seen`, `last_seen` and `target` are dropped from screened entities (the
//! other entities keep them, verbatim), and references are resolved by `id` only, not through
//! `referents`.
//!
//! Names: FtM `name` values are all strong names. The `caption` becomes the primary name and the
//! other `name` values aliases; `alias` → alias, `weakAlias` → weak alias, `previousName` →
//! former name. The writer puts the primary name in `name` and aliases in `alias`.
//!
//! ```
//! use embargo_model::{Entity, EntityId, NameKind, Schema};
//! let mut e = Entity::new(EntityId::new("ofac-sdn", "35096"), Schema::Person, "ofac-sdn", "35096");
//! e.add_name("PUTIN, Vladimir Vladimirovich", NameKind::Primary);
//! let v = embargo_sources::ftm::write_entity(&e);
//! assert_eq!(v["schema"], "Person");
//! assert_eq!(v["properties"]["name"][0], "PUTIN, Vladimir Vladimirovich");
//! assert_eq!(v["datasets"][0], "ofac-sdn");
//! ```

use crate::Error;
use embargo_model::{
    Address, CountryCode, DateOfBirth, Entity, EntityId, Gender, Identifier, IdentifierKind,
    ListDocument, NameKind, NameParts, PartialDate, Problem, Relation, Schema, SourceRef,
};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::Path;

/// Read an FtM JSON lines file.
pub fn read(path: &Path) -> Result<ListDocument, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    read_str(path, &text)
}

/// Read FtM JSON lines already in memory; `path` names the source in messages and gives the
/// dataset name when no entity states one.
pub fn read_str(path: &Path, text: &str) -> Result<ListDocument, Error> {
    let file = path.display().to_string();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut doc = ListDocument::default();
    let mut dataset_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut lines_read = 0usize;
    let mut bad_lines = 0usize;
    let mut seen: HashSet<String> = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        lines_read += 1;
        let loc = format!("{file}:{}", i + 1);
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(err) => {
                bad_lines += 1;
                doc.problems.push(Problem::error(
                    &loc,
                    None,
                    format!("invalid JSON: {err}; line left out"),
                ));
                continue;
            }
        };
        let Some(obj) = value.as_object() else {
            bad_lines += 1;
            doc.problems.push(Problem::error(
                &loc,
                None,
                "not a JSON object; line left out",
            ));
            continue;
        };
        let (Some(id), Some(schema)) = (
            obj.get("id")
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty()),
            obj.get("schema").and_then(Value::as_str),
        ) else {
            bad_lines += 1;
            doc.problems.push(Problem::error(
                &loc,
                Some("id"),
                "entity without \"id\" or \"schema\"; line left out",
            ));
            continue;
        };
        if !seen.insert(id.to_string()) {
            doc.problems.push(Problem::warning(
                &loc,
                Some("id"),
                format!("id {id:?} repeated; both entities kept"),
            ));
        }
        for d in strings(obj.get("datasets")) {
            *dataset_counts.entry(d).or_default() += 1;
        }
        match screened_schema(schema) {
            Some(s) => {
                let loc = format!("{loc}#{id}");
                doc.entities
                    .push(entity(&loc, id, s, obj, &mut doc.problems));
            }
            None => doc.other.push(value),
        }
    }
    if lines_read > 0 && bad_lines == lines_read {
        let first = doc
            .problems
            .first()
            .map(|p| p.to_string())
            .unwrap_or_default();
        return Err(Error::format(
            path,
            format!("no line is an FtM entity (first problem: {first})"),
        ));
    }
    // The most common dataset names the document; the file stem when entities name none.
    doc.dataset = dataset_counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(d, _)| d.clone())
        .unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().trim_end_matches(".ftm").to_string())
                .unwrap_or_else(|| "ftm".to_string())
        });
    for e in doc.entities.iter_mut().filter(|e| e.sources.is_empty()) {
        e.sources.push(SourceRef {
            list: doc.dataset.clone(),
            source_id: e.id.0.clone(),
        });
    }
    let mut attached = attachments(&doc.entities, &doc.other);
    for e in doc.entities.iter_mut() {
        if let Some(a) = attached.remove(e.id.as_str()) {
            merge_attached(e, a);
        }
    }
    Ok(doc)
}

/// The FtM schema names embargo screens (exact FtM spelling, unlike [`Schema::from_str`]).
fn screened_schema(s: &str) -> Option<Schema> {
    Schema::ALL.into_iter().find(|x| x.as_str() == s)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(items)) => items.iter().filter_map(value_string).collect(),
        Some(v) => value_string(v).into_iter().collect(),
        None => Vec::new(),
    }
}

/// FtM values are strings; numbers and booleans from other producers are taken as text.
fn value_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn push_extra(e: &mut Entity, key: &str, value: String) {
    let values = e.extra.entry(key.to_string()).or_default();
    if !values.contains(&value) {
        values.push(value);
    }
}

/// Identifier properties: (FtM property, kind, note). The note tells apart properties that
/// share a kind (`innCode` and `taxNumber` are both tax ids) so the writer can restore them.
const ID_PROPS: &[(&str, IdentifierKind, Option<&str>)] = &[
    ("passportNumber", IdentifierKind::Passport, None),
    ("idNumber", IdentifierKind::NationalId, None),
    ("taxNumber", IdentifierKind::TaxId, None),
    ("innCode", IdentifierKind::TaxId, Some("INN")),
    ("vatCode", IdentifierKind::TaxId, Some("VAT")),
    ("registrationNumber", IdentifierKind::Registration, None),
    ("ogrnCode", IdentifierKind::Registration, Some("OGRN")),
    ("imoNumber", IdentifierKind::Imo, None),
    ("mmsi", IdentifierKind::Mmsi, None),
    ("callSign", IdentifierKind::CallSign, None),
    ("swiftBic", IdentifierKind::Bic, None),
    ("bicCode", IdentifierKind::Bic, Some("BIC code")),
    ("leiCode", IdentifierKind::Lei, None),
    ("serialNumber", IdentifierKind::AircraftSerial, None),
    ("email", IdentifierKind::Email, None),
    ("phone", IdentifierKind::Phone, None),
    // A wallet is its own FtM schema; as a property it is what the model writes for one.
    ("publicKey", IdentifierKind::CryptoWallet, None),
];

/// Properties read into typed fields, in the order they are read. A fixed order (not the
/// JSON key order) keeps lists in the same order whichever way a producer sorted its keys.
const TYPED_PROPS: &[&str] = &[
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
    "birthPlace",
    "nationality",
    "citizenship",
    "country",
    "jurisdiction",
    "flag",
    "gender",
    "title",
    "position",
    "program",
    "programId",
    "notes",
    "address",
];

fn is_typed(prop: &str) -> bool {
    TYPED_PROPS.contains(&prop) || ID_PROPS.iter().any(|(p, _, _)| *p == prop)
}

fn id_prop(schema: Schema, prop: &str) -> Option<(IdentifierKind, Option<&'static str>)> {
    if schema == Schema::Airplane && prop == "registrationNumber" {
        return Some((IdentifierKind::TailNumber, None));
    }
    ID_PROPS
        .iter()
        .find(|(p, _, _)| *p == prop)
        .map(|(_, k, n)| (*k, *n))
}

fn entity(
    loc: &str,
    id: &str,
    schema: Schema,
    obj: &Map<String, Value>,
    problems: &mut Vec<Problem>,
) -> Entity {
    let empty = Map::new();
    let props = obj
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    // Values of one property, without repeats (producers sometimes repeat them).
    let get = |p: &str| {
        let mut out: Vec<String> = Vec::new();
        for v in strings(props.get(p)) {
            if !out.contains(&v) {
                out.push(v);
            }
        }
        out
    };
    let mut e = Entity::new(EntityId(id.to_string()), schema, "", id);
    e.sources.clear();
    let mut datasets = strings(obj.get("datasets"));
    datasets.sort();
    datasets.dedup();
    for d in datasets {
        e.sources.push(SourceRef {
            list: d,
            source_id: id.to_string(),
        });
    }

    // Names: the caption is the primary name.
    let caption = obj
        .get("caption")
        .and_then(value_string)
        .filter(|c| !c.is_empty());
    let names = get("name");
    let aliases = get("alias");
    let weak = get("weakAlias");
    let previous = get("previousName");
    let primary = caption
        .clone()
        .or_else(|| names.first().cloned())
        .or_else(|| aliases.first().cloned())
        .or_else(|| weak.first().cloned())
        .or_else(|| previous.first().cloned());
    if let Some(p) = &primary {
        e.add_name(p, NameKind::Primary);
    }
    for n in &names {
        e.add_name(n, NameKind::Alias);
    }
    for n in &aliases {
        e.add_name(n, NameKind::Alias);
    }
    for n in &weak {
        e.add_name(n, NameKind::WeakAlias);
    }
    for n in &previous {
        e.add_name(n, NameKind::Previous);
    }
    let parts = NameParts {
        given: get("firstName"),
        middle: get("middleName"),
        family: get("lastName"),
        patronymic: get("fatherName"),
        numbered: Vec::new(),
    };
    if e.names.is_empty() && !parts.is_empty() {
        // No name property at all: the parts make one, so the entity can still be screened.
        let whole: Vec<&str> = [&parts.given, &parts.middle, &parts.family]
            .into_iter()
            .filter_map(|p| p.first().map(String::as_str))
            .collect();
        e.add_name(&whole.join(" "), NameKind::Primary);
    }
    if e.names.is_empty() {
        problems.push(Problem::warning(
            loc,
            Some("name"),
            "entity without any name",
        ));
    }
    if let Some(n) = e.names.iter_mut().find(|n| n.kind == NameKind::Primary) {
        n.parts = parts;
    }

    let date_prop = if schema == Schema::Person {
        "birthDate"
    } else {
        "incorporationDate"
    };
    for prop in ["birthDate", "incorporationDate"] {
        for v in get(prop) {
            match DateOfBirth::parse(&v) {
                Ok(d) if prop == date_prop => Entity::push_unique(&mut e.birth_dates, d),
                Ok(_) => push_extra(&mut e, prop, v),
                Err(_) => {
                    problems.push(Problem::warning(
                        loc,
                        Some(prop),
                        format!("invalid date {v:?}, kept as text"),
                    ));
                    push_extra(&mut e, prop, v);
                }
            }
        }
    }
    for v in get("birthPlace") {
        Entity::push_unique(&mut e.birth_places, v);
    }
    for (prop, target) in [
        ("nationality", 0),
        ("citizenship", 1),
        ("country", 2),
        ("jurisdiction", 2),
        ("flag", 2),
    ] {
        for v in get(prop) {
            match CountryCode::parse(&v) {
                Some(c) => Entity::push_unique(
                    match target {
                        0 => &mut e.nationalities,
                        1 => &mut e.citizenships,
                        _ => &mut e.countries,
                    },
                    c,
                ),
                None => {
                    problems.push(Problem::warning(
                        loc,
                        Some(prop),
                        format!("unknown country {v:?}, kept as text"),
                    ));
                    push_extra(&mut e, prop, v);
                }
            }
        }
    }
    for v in get("gender") {
        match (Gender::parse(&v), e.gender) {
            (Some(g), None) => e.gender = Some(g),
            (Some(g), Some(h)) if g == h => {}
            _ => push_extra(&mut e, "gender", v),
        }
    }
    for v in get("title") {
        Entity::push_unique(&mut e.titles, v);
    }
    for v in get("position") {
        Entity::push_unique(&mut e.positions, v);
    }
    for v in get("programId").into_iter().chain(get("program")) {
        Entity::push_unique(&mut e.programs, v);
    }
    for v in get("notes") {
        Entity::push_unique(&mut e.remarks, v);
    }
    for v in get("address") {
        Entity::push_unique(
            &mut e.addresses,
            Address {
                full: Some(v),
                ..Address::default()
            },
        );
    }
    for (prop, _, _) in ID_PROPS {
        if let Some((kind, note)) = id_prop(schema, prop) {
            for v in get(prop) {
                let mut ident = Identifier::new(kind, v);
                ident.note = note.map(str::to_string);
                Entity::push_unique(&mut e.identifiers, ident);
            }
        }
    }
    for (prop, values) in props {
        if is_typed(prop) {
            continue;
        }
        for v in strings(Some(values)) {
            push_extra(&mut e, prop, v);
        }
    }
    e
}

/// Facts other FtM entities carry about one screened entity.
#[derive(Default, Debug)]
struct Attached {
    programs: Vec<String>,
    listed_on: Option<PartialDate>,
    authorities: Vec<String>,
    relations: Vec<Relation>,
    addresses: Vec<Address>,
    identifiers: Vec<Identifier>,
}

/// The key under which a linked Sanction's authority is kept. The `:` marks a fact from a
/// linked entity: [`write_entity`] leaves such keys out, since they are no FtM property.
const AUTHORITY_KEY: &str = "sanction:authority";

/// Link schemata: (schema, property A, property B, kind on A's entity, kind on B's entity).
/// The kind says what the other end is to the entity that carries the relation.
const LINKS: &[(&str, &str, &str, &str, &str)] = &[
    ("Ownership", "owner", "asset", "owned", "owner"),
    (
        "Directorship",
        "director",
        "organization",
        "directed",
        "director",
    ),
    ("Family", "person", "relative", "family", "family"),
    ("Associate", "person", "associate", "associate", "associate"),
    ("UnknownLink", "subject", "object", "linked_to", "linked_to"),
    ("Employment", "employee", "employer", "employer", "employee"),
    (
        "Membership",
        "member",
        "organization",
        "member_of",
        "member",
    ),
    ("Representation", "agent", "client", "client", "agent"),
];

fn props_of(v: &Value) -> Option<&Map<String, Value>> {
    v.get("properties").and_then(Value::as_object)
}

fn prop(v: &Value, name: &str) -> Vec<String> {
    strings(props_of(v).and_then(|p| p.get(name)))
}

/// Compute the facts each screened entity receives from the other entities of its document.
fn attachments(entities: &[Entity], other: &[Value]) -> HashMap<String, Attached> {
    let screened: HashSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    let mut captions: HashMap<String, String> = entities
        .iter()
        .map(|e| (e.id.0.clone(), e.caption().to_string()))
        .collect();
    let mut by_id: HashMap<&str, &Value> = HashMap::new();
    for o in other {
        if let Some(id) = o.get("id").and_then(Value::as_str) {
            by_id.insert(id, o);
            let caption = o
                .get("caption")
                .and_then(value_string)
                .or_else(|| prop(o, "name").into_iter().next());
            if let Some(c) = caption {
                captions.entry(id.to_string()).or_insert(c);
            }
        }
    }
    let name_of = |id: &str| captions.get(id).cloned().unwrap_or_else(|| id.to_string());
    let mut out: HashMap<String, Attached> = HashMap::new();
    for o in other {
        let schema = o.get("schema").and_then(Value::as_str).unwrap_or("");
        match schema {
            "Sanction" => {
                let programs = {
                    let ids = prop(o, "programId");
                    if ids.is_empty() {
                        prop(o, "program")
                    } else {
                        ids
                    }
                };
                let date = prop(o, "listingDate")
                    .into_iter()
                    .chain(prop(o, "startDate"))
                    .filter_map(|d| PartialDate::parse(&d).ok())
                    .min();
                for target in prop(o, "entity")
                    .iter()
                    .filter(|t| screened.contains(t.as_str()))
                {
                    let a = out.entry(target.clone()).or_default();
                    for p in &programs {
                        Entity::push_unique(&mut a.programs, p.clone());
                    }
                    if let Some(d) = date {
                        a.listed_on = Some(a.listed_on.map_or(d, |l| l.min(d)));
                    }
                    for auth in prop(o, "authority") {
                        Entity::push_unique(&mut a.authorities, auth);
                    }
                }
            }
            "Passport" | "Identification" | "CryptoWallet" => {
                let number = ["number", "passportNumber", "publicKey"]
                    .iter()
                    .find_map(|p| prop(o, p).into_iter().next());
                let Some(number) = number else { continue };
                let kind_text = prop(o, "type").join(" ");
                let kind = match schema {
                    "CryptoWallet" => IdentifierKind::CryptoWallet,
                    "Passport" => IdentifierKind::Passport,
                    _ if kind_text.to_lowercase().contains("passport") => IdentifierKind::Passport,
                    _ => IdentifierKind::NationalId,
                };
                let ident = Identifier {
                    kind,
                    value: number,
                    country: prop(o, "country")
                        .iter()
                        .find_map(|c| CountryCode::parse(c)),
                    note: (!kind_text.is_empty()).then_some(kind_text),
                };
                for holder in prop(o, "holder")
                    .iter()
                    .filter(|t| screened.contains(t.as_str()))
                {
                    let a = out.entry(holder.clone()).or_default();
                    Entity::push_unique(&mut a.identifiers, ident.clone());
                }
            }
            _ => {
                let Some((_, pa, pb, kind_a, kind_b)) = LINKS.iter().find(|l| l.0 == schema) else {
                    continue;
                };
                let percentage = prop(o, "percentage").into_iter().next();
                for a_id in prop(o, pa) {
                    for b_id in prop(o, pb) {
                        for (this, that, kind) in [(&a_id, &b_id, kind_a), (&b_id, &a_id, kind_b)] {
                            if !screened.contains(this.as_str()) {
                                continue;
                            }
                            let rel = Relation {
                                kind: kind.to_string(),
                                target_name: name_of(that),
                                target_id: Some(EntityId(that.clone())),
                                percentage: percentage.clone(),
                            };
                            let a = out.entry(this.clone()).or_default();
                            Entity::push_unique(&mut a.relations, rel);
                        }
                    }
                }
            }
        }
    }
    // Address entities are referenced the other way round: by the party's `addressEntity`.
    for e in entities {
        for addr_id in e.extra.get("addressEntity").into_iter().flatten() {
            let Some(addr) = by_id.get(addr_id.as_str()) else {
                continue;
            };
            if addr.get("schema").and_then(Value::as_str) != Some("Address") {
                continue;
            }
            let first = |p: &str| prop(addr, p).into_iter().next();
            let street: Vec<String> = ["street", "street2", "postOfficeBox"]
                .iter()
                .filter_map(|p| first(p))
                .collect();
            let a = Address {
                full: first("full"),
                street: (!street.is_empty()).then(|| street.join(", ")),
                city: first("city"),
                postal_code: first("postalCode"),
                region: first("region").or_else(|| first("state")),
                country: prop(addr, "country")
                    .iter()
                    .find_map(|c| CountryCode::parse(c)),
            };
            if a != Address::default() {
                let at = out.entry(e.id.0.clone()).or_default();
                Entity::push_unique(&mut at.addresses, a);
            }
        }
    }
    out
}

/// Put attached facts first, then the entity's own values not already among them.
fn merge_attached(e: &mut Entity, a: Attached) {
    fn front<T: PartialEq>(own: &mut Vec<T>, attached: Vec<T>) {
        if attached.is_empty() {
            return;
        }
        let mut merged = attached;
        for v in own.drain(..) {
            if !merged.contains(&v) {
                merged.push(v);
            }
        }
        *own = merged;
    }
    front(&mut e.programs, a.programs);
    front(&mut e.relations, a.relations);
    front(&mut e.addresses, a.addresses);
    front(&mut e.identifiers, a.identifiers);
    if let Some(d) = a.listed_on {
        e.listed_on = Some(e.listed_on.map_or(d, |l| l.min(d)));
    }
    if !a.authorities.is_empty() {
        let mut values = a.authorities;
        for v in e.extra.remove(AUTHORITY_KEY).unwrap_or_default() {
            if !values.contains(&v) {
                values.push(v);
            }
        }
        e.extra.insert(AUTHORITY_KEY.to_string(), values);
    }
}

/// FtM properties being built: insertion-ordered values per property, without repeats.
#[derive(Default)]
struct Props(Vec<(String, Vec<String>)>);

impl Props {
    fn add(&mut self, prop: &str, value: impl Into<String>) {
        let value = value.into();
        if value.trim().is_empty() {
            return;
        }
        match self.0.iter_mut().find(|(p, _)| p == prop) {
            Some((_, values)) => {
                if !values.contains(&value) {
                    values.push(value);
                }
            }
            None => self.0.push((prop.to_string(), vec![value])),
        }
    }

    fn into_json(self) -> Value {
        let mut m = Map::new();
        for (p, values) in self.0 {
            m.insert(p, Value::from(values));
        }
        Value::Object(m)
    }
}

/// The FtM property an identifier is written to.
fn id_property(schema: Schema, ident: &Identifier) -> &'static str {
    if let Some((p, _, _)) = ID_PROPS
        .iter()
        .find(|(_, k, n)| *k == ident.kind && n.is_some() && *n == ident.note.as_deref())
    {
        return p;
    }
    if schema == Schema::Airplane && ident.kind == IdentifierKind::TailNumber {
        return "registrationNumber";
    }
    ident.kind.ftm_property()
}

/// One entity as an FtM object: FtM property names, ISO dates (partial ones as `1984` or
/// `1984-01`), lowercase country codes. Relations and the listing date have no FtM property on
/// the entity itself; [`write_document`] writes them as link and Sanction entities.
pub fn write_entity(e: &Entity) -> Value {
    write_entity_except(e, &Attached::default())
}

fn write_entity_except(e: &Entity, skip: &Attached) -> Value {
    let mut p = Props::default();
    for kind in [
        NameKind::Primary,
        NameKind::OriginalScript,
        NameKind::Alias,
        NameKind::WeakAlias,
        NameKind::Previous,
    ] {
        for n in e.names.iter().filter(|n| n.kind == kind) {
            p.add(kind.ftm_property(), n.value.as_str());
        }
    }
    for n in &e.names {
        for (prop, values) in [
            ("firstName", &n.parts.given),
            ("middleName", &n.parts.middle),
            ("lastName", &n.parts.family),
            ("fatherName", &n.parts.patronymic),
        ] {
            for v in values {
                p.add(prop, v.as_str());
            }
        }
    }
    let date_prop = if e.schema == Schema::Person {
        "birthDate"
    } else {
        "incorporationDate"
    };
    for d in &e.birth_dates {
        for v in d.to_ftm_values() {
            p.add(date_prop, v);
        }
    }
    for v in &e.birth_places {
        p.add("birthPlace", v.as_str());
    }
    for c in &e.nationalities {
        p.add("nationality", c.as_str());
    }
    for c in &e.citizenships {
        p.add("citizenship", c.as_str());
    }
    for c in &e.countries {
        p.add("country", c.as_str());
    }
    if let Some(g) = e.gender {
        p.add("gender", g.as_str());
    }
    for v in &e.titles {
        p.add("title", v.as_str());
    }
    for v in &e.positions {
        p.add("position", v.as_str());
    }
    for ident in e
        .identifiers
        .iter()
        .filter(|i| !skip.identifiers.contains(i))
    {
        p.add(id_property(e.schema, ident), ident.value.as_str());
    }
    for a in e.addresses.iter().filter(|a| !skip.addresses.contains(a)) {
        p.add("address", a.to_line());
    }
    for v in e.programs.iter().filter(|v| !skip.programs.contains(v)) {
        p.add("programId", v.as_str());
    }
    for v in &e.remarks {
        p.add("notes", v.as_str());
    }
    for (key, values) in &e.extra {
        if key.contains(':') {
            continue;
        }
        for v in values {
            p.add(key, v.as_str());
        }
    }
    let mut m = Map::new();
    m.insert("id".into(), Value::from(e.id.as_str()));
    m.insert("schema".into(), Value::from(e.schema.as_str()));
    m.insert("caption".into(), Value::from(e.caption()));
    m.insert("properties".into(), p.into_json());
    m.insert("datasets".into(), Value::from(e.datasets()));
    Value::Object(m)
}

/// The FtM link entity for a relation, with the key that identifies it regardless of the end
/// it was written from (so a relation present on both ends is written once).
fn link_entity(e: &Entity, r: &Relation) -> Option<(String, Value)> {
    let target = r.target_id.as_ref()?;
    let (schema, this_prop, that_prop) = LINKS
        .iter()
        .find_map(|(s, pa, pb, ka, kb)| {
            if *ka == r.kind {
                Some((*s, *pa, *pb))
            } else if *kb == r.kind {
                Some((*s, *pb, *pa))
            } else {
                None
            }
        })
        .unwrap_or(("UnknownLink", "subject", "object"));
    let (a, b) = if this_prop < that_prop {
        (e.id.as_str(), target.as_str())
    } else {
        (target.as_str(), e.id.as_str())
    };
    let key = format!("{schema}|{a}|{b}");
    let mut props = Props::default();
    props.add(this_prop, e.id.as_str());
    props.add(that_prop, target.as_str());
    if schema == "UnknownLink" && r.kind != "linked_to" {
        props.add("role", r.kind.as_str());
    }
    if let Some(pc) = &r.percentage {
        props.add("percentage", pc.as_str());
    }
    let id = format!("{}-{}-{}", e.id, schema.to_lowercase(), target);
    let v = serde_json::json!({
        "id": id,
        "schema": schema,
        "properties": props.into_json(),
        "datasets": e.datasets(),
    });
    Some((key, v))
}

/// Write a document as FtM JSON lines: its entities (without the facts linked entities carry),
/// then, for entities from other formats, a Sanction entity for each listing date and a link
/// entity for each resolved relation, then the document's other entities verbatim.
pub fn write_document(doc: &ListDocument, mut out: impl Write) -> std::io::Result<()> {
    let attached = attachments(&doc.entities, &doc.other);
    let none = Attached::default();
    let mut extra_lines: Vec<Value> = Vec::new();
    let mut links_seen: HashSet<String> = HashSet::new();
    for e in &doc.entities {
        let skip = attached.get(e.id.as_str()).unwrap_or(&none);
        let v = write_entity_except(e, skip);
        serde_json::to_writer(&mut out, &v)?;
        out.write_all(b"\n")?;
        if let (Some(date), None) = (e.listed_on, skip.listed_on) {
            let mut props = Props::default();
            props.add("entity", e.id.as_str());
            props.add("listingDate", date.to_string());
            for p in &e.programs {
                props.add("programId", p.as_str());
            }
            extra_lines.push(serde_json::json!({
                "id": format!("{}-sanction", e.id),
                "schema": "Sanction",
                "properties": props.into_json(),
                "datasets": e.datasets(),
            }));
        }
        for r in e.relations.iter().filter(|r| !skip.relations.contains(r)) {
            if let Some((key, v)) = link_entity(e, r) {
                if links_seen.insert(key) {
                    extra_lines.push(v);
                }
            }
        }
    }
    for v in extra_lines.iter().chain(doc.other.iter()) {
        serde_json::to_writer(&mut out, v)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
