//! OpenSanctions "senzing" JSON lines: one record per line in the Senzing entity specification.
//!
//! OpenSanctions publishes every dataset in this form for Senzing entity resolution, e.g. the US
//! Congress PEP list (`{"DATA_SOURCE":"OS_US_CONGRESS","RECORD_ID":"Q101196632","RECORD_TYPE":
//! "PERSON","NAMES":[{"NAME_TYPE":"PRIMARY","NAME_FULL":"Jake Auchincloss"}],"DATES":[{
//! "DATE_OF_BIRTH":"1988"}],"COUNTRIES":[{"NATIONALITY":"us"}],…}`).
//!
//! # Dataset and ids
//!
//! The dataset is `DATA_SOURCE` lower-cased, with OpenSanctions' `OS_` prefix dropped and `_`
//! written `-` like embargo's other dataset names: `OS_US_CONGRESS` → `us-congress`. The entity id
//! is `RECORD_ID` as given (an OpenSanctions id such as `Q101196632` or `NK-…`), so that the same
//! party read from an OpenSanctions FtM export gets the same id. A repeated `RECORD_ID` is merged
//! into the first, with a warning.
//!
//! # Records that are not parties
//!
//! `RECORD_TYPE` `PERSON` → Person, `ORGANIZATION` → Organization (also `VESSEL`, `AIRCRAFT`).
//! OpenSanctions writes `null` for other schemata: a record without a type that other records
//! point to with an `Occupancy` relationship is a *position* (`United States representative`).
//! Its name becomes a position of every record pointing to it, and the record itself is kept in
//! [`ListDocument::other`] as what it is in FollowTheMoney, a `Position` entity:
//!
//! ```text
//! {"id":"Q13218630","schema":"Position","properties":{"name":["United States representative"],
//!  "country":["us"],"wikidataId":["Q13218630"],…},"datasets":["us-congress"]}
//! ```
//!
//! (`other` holds FtM entities only, so the senzing record itself is not kept there.) Any other
//! untyped record is screened as a LegalEntity.
//!
//! # Features
//!
//! Feature lists (`NAMES`, `DATES`, `COUNTRIES`, `ADDRESSES`, `IDENTIFIERS`, `RISKS`,
//! `RELATIONSHIPS`) and the same attributes written flat at the top level are both read. Risk
//! topics go to the FtM `topics` property, `URL` to `sourceUrl`, `LAST_CHANGE` to `modifiedAt`,
//! Wikidata ids to `wikidataId`. A line that is not JSON, or not an object, is an error problem
//! with its line number; reading goes on with the next line.

use crate::link::merge_entity;
use crate::Error;
use embargo_model::{
    Address, CountryCode, DateOfBirth, Entity, EntityId, Gender, Identifier, IdentifierKind,
    ListDocument, Name, NameKind, NameParts, Problem, Relation, Schema,
};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Read a senzing JSON lines file.
pub fn read(path: &Path) -> Result<ListDocument, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(parse(&bytes, path))
}

/// Read senzing JSON lines from bytes; `path` names the source in problems.
///
/// Never fails: every bad line is a [`Problem`].
pub fn parse(bytes: &[u8], path: &Path) -> ListDocument {
    let file = path.display().to_string();
    let at = |line: usize| format!("{file}:{line}");
    let mut doc = ListDocument::default();
    // The records read, with their line.
    let mut records: Vec<(usize, Map<String, Value>)> = Vec::new();

    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = i + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t,
            Err(e) => {
                doc.problems.push(Problem::error(
                    at(line),
                    None,
                    format!("not valid UTF-8 ({e}); record skipped"),
                ));
                continue;
            }
        };
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(obj)) => records.push((line, obj)),
            Ok(_) => doc.problems.push(Problem::error(
                at(line),
                None,
                "not a JSON object; record skipped",
            )),
            Err(e) => doc.problems.push(Problem::error(
                at(line),
                None,
                format!("invalid JSON ({e}); record skipped"),
            )),
        }
    }

    doc.dataset = records
        .iter()
        .find_map(|(_, r)| r.get("DATA_SOURCE").and_then(Value::as_str))
        .map(dataset_name)
        .unwrap_or_else(|| {
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            dataset_name(stem.as_deref().unwrap_or("senzing"))
        });

    // First pass: what each anchor key is called, and which anchors are occupied positions.
    let mut anchor_names: HashMap<String, (String, String)> = HashMap::new();
    let mut occupied: HashSet<String> = HashSet::new();
    for (_, record) in &records {
        for group in groups(record, "RELATIONSHIPS") {
            if let Some(key) = group.get("REL_ANCHOR_KEY").and_then(Value::as_str) {
                let id = text_of(record.get("RECORD_ID")).into_owned();
                let name = first_name(record).unwrap_or_default();
                anchor_names.insert(key.to_string(), (id, name));
            }
            if let (Some(key), Some(role)) = (
                group.get("REL_POINTER_KEY").and_then(Value::as_str),
                group.get("REL_POINTER_ROLE").and_then(Value::as_str),
            ) {
                if role.eq_ignore_ascii_case("occupancy") {
                    occupied.insert(key.to_string());
                }
            }
        }
    }

    let mut by_id: HashMap<String, usize> = HashMap::new();
    // The dataset of the last record: records of one file nearly always share it.
    let mut last_dataset: Option<(String, String)> = None;
    for (line, record) in records {
        let location = at(line);
        let id = text_of(record.get("RECORD_ID")).into_owned();
        if id.is_empty() {
            doc.problems.push(Problem::error(
                &location,
                Some("RECORD_ID"),
                "no RECORD_ID; record skipped",
            ));
            continue;
        }
        let dataset = match record.get("DATA_SOURCE").and_then(Value::as_str) {
            Some(source) => match &last_dataset {
                Some((s, d)) if s == source => d.clone(),
                _ => {
                    let d = dataset_name(source);
                    last_dataset = Some((source.to_string(), d.clone()));
                    d
                }
            },
            None => doc.dataset.clone(),
        };
        let record_type = text_of(record.get("RECORD_TYPE")).to_ascii_uppercase();
        let schema = match record_type.as_str() {
            "PERSON" => Schema::Person,
            "ORGANIZATION" | "ORGANISATION" | "COMPANY" => Schema::Organization,
            "VESSEL" => Schema::Vessel,
            "AIRCRAFT" | "AIRPLANE" => Schema::Airplane,
            "" => {
                let occupied_anchor = groups(&record, "RELATIONSHIPS")
                    .filter_map(|g| g.get("REL_ANCHOR_KEY").and_then(Value::as_str))
                    .any(|a| occupied.contains(a));
                if occupied_anchor {
                    let position =
                        position_entity(&record, &id, &dataset, &location, &mut doc.problems);
                    doc.other.push(position);
                    continue;
                }
                Schema::LegalEntity
            }
            other => {
                doc.problems.push(Problem::warning(
                    &location,
                    Some("RECORD_TYPE"),
                    format!("unknown record type {other:?}; read as LegalEntity"),
                ));
                Schema::LegalEntity
            }
        };
        let mut e = Entity::new(EntityId(id.clone()), schema, &dataset, &id);
        read_features(&record, &mut e, &anchor_names, &location, &mut doc.problems);
        if e.names.is_empty() {
            doc.problems.push(Problem::error(
                &location,
                Some("NAMES"),
                "no name; record skipped",
            ));
            continue;
        }
        match by_id.get(&id) {
            Some(&i) => {
                doc.problems.push(Problem::warning(
                    &location,
                    Some("RECORD_ID"),
                    format!("RECORD_ID {id:?} repeated; merged into the first record"),
                ));
                merge_entity(&mut doc.entities[i], e);
            }
            None => {
                by_id.insert(id, doc.entities.len());
                doc.entities.push(e);
            }
        }
    }
    doc
}

/// A position record as the FtM `Position` entity it is: its names, countries, Wikidata id,
/// source URL, modification time and topics, read as a screened record's would be.
fn position_entity(
    record: &Map<String, Value>,
    id: &str,
    dataset: &str,
    location: &str,
    problems: &mut Vec<Problem>,
) -> Value {
    let mut e = Entity::new(EntityId(id.to_string()), Schema::LegalEntity, dataset, id);
    read_features(record, &mut e, &HashMap::new(), location, problems);
    let mut properties = Map::new();
    let mut put = |name: &str, values: Vec<String>| {
        if !values.is_empty() {
            properties.insert(name.to_string(), Value::from(values));
        }
    };
    put("name", e.names.iter().map(|n| n.value.clone()).collect());
    let mut countries: Vec<String> = Vec::new();
    for c in e.all_countries() {
        Entity::push_unique(&mut countries, c.as_str().to_string());
    }
    put("country", countries);
    for (property, values) in std::mem::take(&mut e.extra) {
        if matches!(
            property.as_str(),
            "wikidataId" | "sourceUrl" | "modifiedAt" | "topics"
        ) {
            put(&property, values);
        }
    }
    serde_json::json!({
        "id": id,
        "schema": "Position",
        "properties": properties,
        "datasets": [dataset],
    })
}

/// `OS_US_CONGRESS` → `us-congress`.
///
/// ```
/// assert_eq!(embargo_sources::senzing::dataset_name("OS_US_CONGRESS"), "us-congress");
/// ```
pub fn dataset_name(data_source: &str) -> String {
    let lower = data_source.trim().to_ascii_lowercase();
    let bare = lower.strip_prefix("os_").unwrap_or(&lower);
    bare.replace('_', "-")
}

/// A string (trimmed) or number value as text; "" for anything else or nothing.
fn text_of(v: Option<&Value>) -> Cow<'_, str> {
    match v {
        Some(Value::String(s)) => Cow::Borrowed(s.trim()),
        Some(Value::Number(n)) => Cow::Owned(n.to_string()),
        _ => Cow::Borrowed(""),
    }
}

/// The objects of a feature list (`"NAMES": [{…}, …]`), skipping non-objects.
fn groups<'a>(
    record: &'a Map<String, Value>,
    key: &str,
) -> impl Iterator<Item = &'a Map<String, Value>> {
    record
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

/// Every feature group of a record: the objects of its lists, and the record itself for the
/// attributes written flat.
fn all_groups(record: &Map<String, Value>) -> impl Iterator<Item = &Map<String, Value>> {
    std::iter::once(record).chain(
        record
            .values()
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(Value::as_object),
    )
}

/// The attributes of one feature group that this reader reads, found in one pass over the
/// group: each is then an index away, not a search of the group by name (a record has a dozen
/// groups and each was searched for some fifty attribute names).
struct Fields<'a> {
    values: [Option<&'a Value>; FIELD_COUNT],
}

const FIELD_COUNT: usize = 52;

/// The place of an attribute in [`Fields`].
#[inline(always)]
fn field_index(key: &str) -> Option<usize> {
    match key {
        "NAME_TYPE" => Some(0),
        "NAME_FULL" => Some(1),
        "NAME_ORG" => Some(2),
        "NAME_FIRST" => Some(3),
        "NAME_MIDDLE" => Some(4),
        "NAME_LAST" => Some(5),
        "NAME_PREFIX" => Some(6),
        "NAME_SUFFIX" => Some(7),
        "DATE_OF_BIRTH" => Some(8),
        "REGISTRATION_DATE" => Some(9),
        "DATE_OF_DEATH" => Some(10),
        "PLACE_OF_BIRTH" => Some(11),
        "GENDER" => Some(12),
        "NATIONALITY" => Some(13),
        "CITIZENSHIP" => Some(14),
        "REGISTRATION_COUNTRY" => Some(15),
        "COUNTRY_OF_ASSOCIATION" => Some(16),
        "COUNTRY" => Some(17),
        "ADDR_FULL" => Some(18),
        "ADDR_LINE1" => Some(19),
        "ADDR_LINE2" => Some(20),
        "ADDR_LINE3" => Some(21),
        "ADDR_LINE4" => Some(22),
        "ADDR_LINE5" => Some(23),
        "ADDR_LINE6" => Some(24),
        "ADDR_CITY" => Some(25),
        "ADDR_STATE" => Some(26),
        "ADDR_POSTAL_CODE" => Some(27),
        "ADDR_COUNTRY" => Some(28),
        "PASSPORT_NUMBER" => Some(29),
        "PASSPORT_COUNTRY" => Some(30),
        "NATIONAL_ID_NUMBER" => Some(31),
        "NATIONAL_ID_COUNTRY" => Some(32),
        "TAX_ID_NUMBER" => Some(33),
        "TAX_ID_COUNTRY" => Some(34),
        "DRIVERS_LICENSE_NUMBER" => Some(35),
        "DRIVERS_LICENSE_STATE" => Some(36),
        "SSN_NUMBER" => Some(37),
        "LEI_NUMBER" => Some(38),
        "DUNS_NUMBER" => Some(39),
        "NPI_NUMBER" => Some(40),
        "EMAIL_ADDRESS" => Some(41),
        "PHONE_NUMBER" => Some(42),
        "WEBSITE_ADDRESS" => Some(43),
        "OTHER_ID_TYPE" => Some(44),
        "OTHER_ID_NUMBER" => Some(45),
        "OTHER_ID_COUNTRY" => Some(46),
        "TRUSTED_ID_TYPE" => Some(47),
        "TRUSTED_ID_NUMBER" => Some(48),
        "TOPIC" => Some(49),
        "REL_POINTER_KEY" => Some(50),
        "REL_POINTER_ROLE" => Some(51),
        _ => None,
    }
}

impl<'a> Fields<'a> {
    fn of(group: &'a Map<String, Value>) -> Self {
        let mut values = [None; FIELD_COUNT];
        for (key, value) in group {
            if let Some(i) = field_index(key) {
                values[i] = Some(value);
            }
        }
        Fields { values }
    }

    /// The attribute `key` (one of those [`field_index`] knows), as `Map::get` gives it.
    #[inline(always)]
    fn get(&self, key: &str) -> Option<&'a Value> {
        let i = field_index(key);
        debug_assert!(i.is_some(), "{key} is not a field");
        i.and_then(|i| self.values[i])
    }
}

/// The text of a name group: `NAME_FULL`, `NAME_ORG`, or the parts joined.
fn name_of(group: &Fields<'_>) -> Option<(String, NameParts)> {
    let get = |k: &str| text_of(group.get(k));
    for k in ["NAME_FULL", "NAME_ORG"] {
        let v = get(k);
        if !v.is_empty() {
            return Some((v.into_owned(), NameParts::default()));
        }
    }
    let (first, middle, last) = (get("NAME_FIRST"), get("NAME_MIDDLE"), get("NAME_LAST"));
    let (prefix, suffix) = (get("NAME_PREFIX"), get("NAME_SUFFIX"));
    let mut full = String::new();
    for part in [&prefix, &first, &middle, &last, &suffix] {
        if !part.is_empty() {
            if !full.is_empty() {
                full.push(' ');
            }
            full.push_str(part);
        }
    }
    if full.is_empty() {
        return None;
    }
    let mut parts = NameParts::default();
    if !first.is_empty() {
        parts.given.push(first.into_owned());
    }
    if !middle.is_empty() {
        parts.middle.push(middle.into_owned());
    }
    if !last.is_empty() {
        parts.family.push(last.into_owned());
    }
    Some((full, parts))
}

fn first_name(record: &Map<String, Value>) -> Option<String> {
    groups(record, "NAMES")
        .chain(std::iter::once(record))
        .find_map(|group| name_of(&Fields::of(group)))
        .map(|(n, _)| n)
}

/// Add `value` to the FtM property `name` unless it holds it already.
fn push_extra(e: &mut Entity, name: &str, value: Cow<'_, str>) {
    match e.extra.get_mut(name) {
        Some(values) => {
            if !values.iter().any(|v| *v == value) {
                values.push(value.into_owned());
            }
        }
        None => {
            e.extra.insert(name.to_string(), vec![value.into_owned()]);
        }
    }
}

fn read_features(
    record: &Map<String, Value>,
    e: &mut Entity,
    anchors: &HashMap<String, (String, String)>,
    location: &str,
    problems: &mut Vec<Problem>,
) {
    let own_id = e.id.0.clone();
    for group in all_groups(record) {
        let group = &Fields::of(group);
        let get = |k: &str| text_of(group.get(k));

        if let Some((value, parts)) = name_of(group) {
            let name_type = get("NAME_TYPE");
            let is = |t: &str| name_type.eq_ignore_ascii_case(t);
            let kind = if (is("PRIMARY") || name_type.is_empty())
                && !e.names.iter().any(|n| n.kind == NameKind::Primary)
            {
                NameKind::Primary
            } else if is("FORMER") || is("PREVIOUS") {
                NameKind::Previous
            } else {
                NameKind::Alias
            };
            if !e.names.iter().any(|n| n.value == value && n.kind <= kind) {
                e.names.push(Name { value, kind, parts });
            }
        }

        for (key, field) in [("DATE_OF_BIRTH", "DATES"), ("REGISTRATION_DATE", "DATES")] {
            let v = get(key);
            if v.is_empty() {
                continue;
            }
            match DateOfBirth::parse(&v) {
                Ok(d) => Entity::push_unique(&mut e.birth_dates, d),
                Err(err) => problems.push(Problem::warning(
                    location,
                    Some(field),
                    format!("{key}: {err}; left out"),
                )),
            }
        }
        let death = get("DATE_OF_DEATH");
        if !death.is_empty() {
            push_extra(e, "deathDate", death);
        }
        let pob = get("PLACE_OF_BIRTH");
        if !pob.is_empty() && !e.birth_places.iter().any(|p| *p == pob) {
            e.birth_places.push(pob.into_owned());
        }
        if let Some(g) = Gender::parse(&get("GENDER")) {
            e.gender = Some(g);
        }

        for key in [
            "NATIONALITY",
            "CITIZENSHIP",
            "REGISTRATION_COUNTRY",
            "COUNTRY_OF_ASSOCIATION",
            "COUNTRY",
        ] {
            let v = get(key);
            if v.is_empty() {
                continue;
            }
            let Some(code) = CountryCode::parse(&v) else {
                problems.push(Problem::warning(
                    location,
                    Some("COUNTRIES"),
                    format!("{key}: unknown country {v:?}"),
                ));
                continue;
            };
            match key {
                "NATIONALITY" => Entity::push_unique(&mut e.nationalities, code),
                "CITIZENSHIP" => Entity::push_unique(&mut e.citizenships, code),
                _ => Entity::push_unique(&mut e.countries, code),
            }
        }

        if let Some(address) = address_of(group, location, problems) {
            if let Some(c) = address.country {
                Entity::push_unique(&mut e.countries, c);
            }
            Entity::push_unique(&mut e.addresses, address);
        }

        read_identifiers(group, e, &own_id, location, problems);

        let topic = get("TOPIC");
        if !topic.is_empty() {
            push_extra(e, "topics", topic);
        }

        if let Some(key) = group.get("REL_POINTER_KEY").and_then(Value::as_str) {
            let role = get("REL_POINTER_ROLE");
            match anchors.get(key) {
                Some((_, name)) if role.eq_ignore_ascii_case("occupancy") && !name.is_empty() => {
                    Entity::push_unique(&mut e.positions, name.clone())
                }
                target => Entity::push_unique(
                    &mut e.relations,
                    Relation {
                        kind: if role.is_empty() {
                            "related".into()
                        } else {
                            role.to_lowercase()
                        },
                        target_name: target.map(|(_, n)| n.clone()).unwrap_or_default(),
                        target_id: Some(EntityId(
                            target.map(|(id, _)| id.clone()).unwrap_or(key.to_string()),
                        )),
                        percentage: None,
                    },
                ),
            }
        }
    }
    for (key, property) in [("URL", "sourceUrl"), ("LAST_CHANGE", "modifiedAt")] {
        let v = text_of(record.get(key));
        if !v.is_empty() {
            push_extra(e, property, v);
        }
    }
}

fn address_of(group: &Fields<'_>, location: &str, problems: &mut Vec<Problem>) -> Option<Address> {
    let get = |k: &str| {
        let v = text_of(group.get(k));
        (!v.is_empty()).then(|| v.into_owned())
    };
    let mut street: Option<String> = None;
    for key in [
        "ADDR_LINE1",
        "ADDR_LINE2",
        "ADDR_LINE3",
        "ADDR_LINE4",
        "ADDR_LINE5",
        "ADDR_LINE6",
    ] {
        let line = text_of(group.get(key));
        if line.is_empty() {
            continue;
        }
        match &mut street {
            Some(s) => {
                s.push_str(", ");
                s.push_str(&line);
            }
            None => street = Some(line.into_owned()),
        }
    }
    let mut a = Address {
        full: get("ADDR_FULL"),
        street,
        city: get("ADDR_CITY"),
        postal_code: get("ADDR_POSTAL_CODE"),
        region: get("ADDR_STATE"),
        country: None,
    };
    if let Some(c) = get("ADDR_COUNTRY") {
        match CountryCode::parse(&c) {
            Some(code) => a.country = Some(code),
            None => {
                problems.push(Problem::warning(
                    location,
                    Some("ADDRESSES"),
                    format!("ADDR_COUNTRY: unknown country {c:?}"),
                ));
                if a.full.is_none() {
                    let parts: Vec<String> = [a.street.clone(), a.city.clone(), a.region.clone()]
                        .into_iter()
                        .flatten()
                        .chain(a.postal_code.clone())
                        .chain(std::iter::once(c))
                        .collect();
                    a.full = Some(parts.join(", "));
                }
            }
        }
    }
    (a != Address::default()).then_some(a)
}

fn read_identifiers(
    group: &Fields<'_>,
    e: &mut Entity,
    own_id: &str,
    location: &str,
    problems: &mut Vec<Problem>,
) {
    use IdentifierKind as K;
    let get = |k: &str| text_of(group.get(k));
    let mut country = |k: &str| {
        let v = get(k);
        if v.is_empty() {
            return None;
        }
        let c = CountryCode::parse(&v);
        if c.is_none() {
            problems.push(Problem::warning(
                location,
                Some("IDENTIFIERS"),
                format!("{k}: unknown country {v:?}"),
            ));
        }
        c
    };
    let mut found: Vec<Identifier> = Vec::new();
    for (number, country_key, kind) in [
        ("PASSPORT_NUMBER", "PASSPORT_COUNTRY", K::Passport),
        ("NATIONAL_ID_NUMBER", "NATIONAL_ID_COUNTRY", K::NationalId),
        ("TAX_ID_NUMBER", "TAX_ID_COUNTRY", K::TaxId),
        (
            "DRIVERS_LICENSE_NUMBER",
            "DRIVERS_LICENSE_STATE",
            K::NationalId,
        ),
        ("SSN_NUMBER", "", K::NationalId),
        ("LEI_NUMBER", "", K::Lei),
        ("DUNS_NUMBER", "", K::Registration),
        ("NPI_NUMBER", "", K::Registration),
        ("EMAIL_ADDRESS", "", K::Email),
        ("PHONE_NUMBER", "", K::Phone),
    ] {
        let v = get(number);
        if v.is_empty() {
            continue;
        }
        let mut id = Identifier::new(kind, v);
        if !country_key.is_empty() && country_key != "DRIVERS_LICENSE_STATE" {
            id.country = country(country_key);
        }
        id.note = Some(number.trim_end_matches("_NUMBER").to_lowercase());
        found.push(id);
    }
    let website = get("WEBSITE_ADDRESS");
    if !website.is_empty() {
        push_extra(e, "website", website);
    }
    for (number_key, type_key, country_key) in [
        ("OTHER_ID_NUMBER", "OTHER_ID_TYPE", "OTHER_ID_COUNTRY"),
        ("TRUSTED_ID_NUMBER", "TRUSTED_ID_TYPE", ""),
    ] {
        let number = get(number_key);
        if number.is_empty() {
            continue;
        }
        let id_type = get(type_key);
        let upper = id_type.to_ascii_uppercase();
        if upper == "WIKIDATA" {
            push_extra(e, "wikidataId", number);
            continue;
        }
        // OpenSanctions repeats its own id as an identifier; it is the entity id already.
        if upper == "OPEN_SANCTIONS" && number == own_id {
            continue;
        }
        let kind = match upper.as_str() {
            "IMO" => K::Imo,
            "MMSI" => K::Mmsi,
            "SWIFT" | "BIC" | "SWIFT/BIC" => K::Bic,
            "LEI" => K::Lei,
            "INN" | "TAX" | "VAT" => K::TaxId,
            "OGRN" | "REGISTRATION" | "DUNS" => K::Registration,
            "PASSPORT" => K::Passport,
            _ => K::Other,
        };
        let mut id = Identifier::new(kind, number);
        if !country_key.is_empty() {
            id.country = country(country_key);
        }
        if !id_type.is_empty() {
            id.note = Some(id_type.into_owned());
        }
        found.push(id);
    }
    for id in found {
        Entity::push_unique(&mut e.identifiers, id);
    }
}
