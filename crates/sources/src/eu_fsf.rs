//! EU Financial Sanctions File (FSF) XML 1.1 reader (`export` / `sanctionEntity`, schema
//! `eu-fsf-1.1.xsd`, namespace `http://eu.europa.ec/fpi/fsd/export`).
//!
//! Almost everything in the FSF sits in attributes: each `sanctionEntity` holds its `regulation`
//! (the programme), `subjectType` (`person` / `enterprise`), and any number of `nameAlias`,
//! `citizenship`, `birthdate`, `address` and `identification` elements.
//!
//! Ids are `eu-fsf:<logicalId>`. The `logicalId` attribute is required by the schema and stays
//! the same from one file to the next; `euReferenceNumber` (`EU.27.28`) is optional and missing
//! on many entries, so it cannot key a diff. It is kept in `extra` for reviewers.
//!
//! Names: the FSF marks no primary name. The first strong name in Latin script becomes the
//! primary (the caption reviewers see), other strong names are aliases, names in another script
//! (Cyrillic, Arabic… translations and original spellings) are
//! [`NameKind::OriginalScript`], and `strong="false"` names are weak aliases.
//!
//! ```no_run
//! let doc = embargo_sources::eu_fsf::read(std::path::Path::new("eu.xml")).unwrap();
//! assert_eq!(doc.dataset, "eu-fsf");
//! ```

use crate::ofac_xml::xml::{self, Node};
use crate::Error;
use embargo_model::{
    Address, CountryCode, DateOfBirth, Entity, EntityId, Gender, Identifier, IdentifierKind,
    ListDocument, NameKind, NameParts, PartialDate, Problem, Schema,
};
use std::path::Path;

pub const DATASET: &str = "eu-fsf";

/// Read an EU FSF 1.1 XML file.
pub fn read(path: &Path) -> Result<ListDocument, Error> {
    let text = xml::read_text(path)?;
    read_str(path, &text)
}

/// Read FSF content already in memory; `path` only names the source in messages.
pub fn read_str(path: &Path, text: &str) -> Result<ListDocument, Error> {
    let mut doc = ListDocument {
        dataset: DATASET.to_string(),
        ..ListDocument::default()
    };
    let file = path.display().to_string();
    let mut version = None;
    xml::read_records(
        path,
        text,
        |root| {
            if root.name != "export" {
                return Err(format!(
                    "root element is <{}>, expected <export> (EU FSF)",
                    root.name
                ));
            }
            version = root.attr("generationDate").map(str::to_string);
            Ok(())
        },
        |node| {
            if node.name == "sanctionEntity" {
                if let Some(e) = entity(&file, &node, &mut doc.problems) {
                    doc.entities.push(e);
                }
            } else {
                doc.problems.push(Problem::warning(
                    format!("{file}:{}", node.line),
                    Some(node.name.as_str()),
                    format!("unexpected element <{}> ignored", node.name),
                ));
            }
            Ok(())
        },
    )?;
    doc.version = version;
    Ok(doc)
}

fn push_extra(e: &mut Entity, key: &str, value: &str) {
    let values = e.extra.entry(key.to_string()).or_default();
    if !values.iter().any(|v| v == value) {
        values.push(value.to_string());
    }
}

/// True when the name's letters are mostly Latin (ASCII or Latin-1/Extended-A/B accents).
fn is_latin(s: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if (c as u32) < 0x0250 || (0x1E00..0x1F00).contains(&(c as u32)) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    latin >= other
}

/// The country of an FSF country attribute group. `countryIso2Code="00"` means unknown.
fn country_of(node: &Node, loc: &str, problems: &mut Vec<Problem>) -> Option<CountryCode> {
    let code = node.attr("countryIso2Code").filter(|c| *c != "00");
    let desc = node
        .attr("countryDescription")
        .filter(|d| !d.eq_ignore_ascii_case("unknown"));
    if let Some(c) = code.and_then(CountryCode::from_code) {
        return Some(c);
    }
    if let Some(c) = desc.and_then(CountryCode::parse) {
        return Some(c);
    }
    if code.is_some() || desc.is_some() {
        problems.push(Problem::warning(
            loc,
            Some(&format!("{}/countryIso2Code", node.name)),
            format!(
                "unknown country {:?} ({:?})",
                code.unwrap_or(""),
                desc.unwrap_or("")
            ),
        ));
    }
    None
}

fn date(d: &str, loc: &str, field: &str, problems: &mut Vec<Problem>) -> Option<PartialDate> {
    match PartialDate::parse(d) {
        Ok(p) => Some(p),
        Err(_) => {
            problems.push(Problem::warning(
                loc,
                Some(field),
                format!("unreadable date {d:?}"),
            ));
            None
        }
    }
}

fn bool_attr(node: &Node, name: &str) -> bool {
    node.attr(name).is_some_and(|v| v == "true" || v == "1")
}

fn entity(file: &str, node: &Node, problems: &mut Vec<Problem>) -> Option<Entity> {
    let Some(logical_id) = node.attr("logicalId") else {
        problems.push(Problem::error(
            format!("{file}:{}", node.line),
            Some("logicalId"),
            "sanctionEntity without logicalId left out",
        ));
        return None;
    };
    let loc = format!("{file}#{logical_id}");
    let schema = match node.child("subjectType") {
        Some(st) => match (st.attr("code"), st.attr("classificationCode")) {
            (Some("person"), _) | (_, Some("P")) => Schema::Person,
            (Some("enterprise"), _) | (_, Some("E")) => Schema::Organization,
            (code, class) => {
                problems.push(Problem::warning(
                    &loc,
                    Some("subjectType"),
                    format!("unknown subject type {code:?}/{class:?}, read as LegalEntity"),
                ));
                Schema::LegalEntity
            }
        },
        None => {
            problems.push(Problem::warning(
                &loc,
                Some("subjectType"),
                "no subjectType, read as LegalEntity",
            ));
            Schema::LegalEntity
        }
    };
    let mut e = Entity::new(
        EntityId::new(DATASET, logical_id),
        schema,
        DATASET,
        logical_id,
    );
    names(node, &loc, &mut e, problems);
    if e.names.is_empty() {
        problems.push(Problem::error(
            &loc,
            Some("nameAlias"),
            "sanctionEntity without any name left out",
        ));
        return None;
    }
    if let Some(r) = node.attr("euReferenceNumber") {
        push_extra(&mut e, "euReferenceNumber", r);
    }
    if let Some(r) = node.attr("unitedNationId") {
        push_extra(&mut e, "unscId", r);
    }
    if let Some(d) = node.attr("designationDetails") {
        e.remarks.push(d.to_string());
    }
    for r in node.children("remark").filter_map(Node::text) {
        Entity::push_unique(&mut e.remarks, r.to_string());
    }
    for info in node.children("additionalInformation") {
        if let (Some(k), Some(v)) = (info.attr("key"), info.attr("value")) {
            Entity::push_unique(&mut e.remarks, format!("{k}: {v}"));
        }
    }
    // The designation date when given; else the earliest publication of a listing regulation.
    let mut listed = node
        .attr("designationDate")
        .and_then(|d| date(d, &loc, "designationDate", problems));
    let designated = listed.is_some();
    for reg in node.children("regulation") {
        if let Some(p) = reg.attr("programme") {
            Entity::push_unique(&mut e.programs, p.to_string());
        }
        let published = reg
            .attr("publicationDate")
            .filter(|_| !designated)
            .and_then(|d| date(d, &loc, "regulation/publicationDate", problems));
        if let Some(p) = published {
            listed = Some(listed.map_or(p, |l: PartialDate| l.min(p)));
        }
    }
    e.listed_on = listed;
    for c in node.children("citizenship") {
        if let Some(code) = country_of(c, &loc, problems) {
            Entity::push_unique(&mut e.citizenships, code);
        }
    }
    for b in node.children("birthdate") {
        birthdate(b, &loc, &mut e, problems);
    }
    for a in node.children("address") {
        address(a, &loc, &mut e, problems);
    }
    for i in node.children("identification") {
        identification(i, &loc, &mut e, problems);
    }
    Some(e)
}

fn names(node: &Node, loc: &str, e: &mut Entity, problems: &mut Vec<Problem>) {
    struct Candidate {
        value: String,
        parts: NameParts,
        strong: bool,
        latin: bool,
    }
    let mut found: Vec<Candidate> = Vec::new();
    for n in node.children("nameAlias") {
        let (first, middle, last) = (
            n.attr("firstName"),
            n.attr("middleName"),
            n.attr("lastName"),
        );
        let value = match n.attr("wholeName") {
            Some(w) => w.to_string(),
            None => [first, middle, last]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        };
        if let Some(f) = n.attr("function") {
            Entity::push_unique(&mut e.positions, f.to_string());
        }
        if let Some(t) = n.attr("title") {
            Entity::push_unique(&mut e.titles, t.to_string());
        }
        match n.attr("gender") {
            None | Some("?") => {}
            Some(g) => match Gender::parse(g) {
                Some(g) => e.gender = Some(g),
                None => problems.push(Problem::warning(
                    loc,
                    Some("nameAlias/gender"),
                    format!("unknown gender {g:?}"),
                )),
            },
        }
        if value.trim().is_empty() {
            continue;
        }
        let one = |v: Option<&str>| v.map(|s| vec![s.to_string()]).unwrap_or_default();
        let parts = if e.schema == Schema::Person {
            NameParts {
                given: one(first),
                middle: one(middle),
                family: one(last),
                ..NameParts::default()
            }
        } else {
            NameParts::default()
        };
        let strong = n.attr("strong") != Some("false");
        found.push(Candidate {
            latin: is_latin(&value),
            value,
            parts,
            strong,
        });
    }
    let primary = found
        .iter()
        .position(|c| c.strong && c.latin)
        .or_else(|| found.iter().position(|c| c.strong))
        .or(if found.is_empty() { None } else { Some(0) });
    let Some(p) = primary else { return };
    let mut order: Vec<usize> = vec![p];
    order.extend((0..found.len()).filter(|i| *i != p));
    for i in order {
        let c = &found[i];
        let kind = if i == p {
            NameKind::Primary
        } else if !c.strong {
            NameKind::WeakAlias
        } else if !c.latin {
            NameKind::OriginalScript
        } else {
            NameKind::Alias
        };
        let before = e.names.len();
        e.add_name(&c.value, kind);
        if e.names.len() > before {
            if let Some(n) = e.names.last_mut() {
                n.parts = c.parts.clone();
            }
        }
    }
}

fn int_attr(node: &Node, name: &str) -> Option<u32> {
    node.attr(name)
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|v| *v > 0)
}

fn birthdate(b: &Node, loc: &str, e: &mut Entity, problems: &mut Vec<Problem>) {
    let approximate = bool_attr(b, "circa");
    let year = |name: &str| int_attr(b, name).and_then(|y| u16::try_from(y).ok());
    let month = int_attr(b, "monthOfYear").and_then(|m| u8::try_from(m).ok());
    let day = int_attr(b, "dayOfMonth").and_then(|d| u8::try_from(d).ok());
    let dob = if let Some(d) = b.attr("birthdate") {
        PartialDate::parse(d)
            .map(|date| DateOfBirth::Date { date, approximate })
            .map_err(|_| d.to_string())
    } else if let Some(y) = year("year") {
        PartialDate::new(y, month, month.and(day))
            .map(|date| DateOfBirth::Date { date, approximate })
            .map_err(|_| format!("{y}-{month:?}-{day:?}"))
    } else if let (Some(from), Some(to)) = (year("yearRangeFrom"), year("yearRangeTo")) {
        match (
            PartialDate::new(from, None, None),
            PartialDate::new(to, None, None),
        ) {
            (Ok(f), Ok(t)) => Ok(DateOfBirth::Range {
                from: f.min(t),
                to: f.max(t),
                approximate,
            }),
            _ => Err(format!("{from} to {to}")),
        }
    } else {
        Err(String::new())
    };
    match dob {
        Ok(d) => Entity::push_unique(&mut e.birth_dates, d),
        Err(text) if text.is_empty() => {} // a birthdate element with only a place
        Err(text) => {
            problems.push(Problem::warning(
                loc,
                Some("birthdate"),
                format!("unreadable birth date {text:?}, kept as text"),
            ));
            let values = e.extra.entry("birthDate".into()).or_default();
            if !values.contains(&text) {
                values.push(text);
            }
        }
    }
    let country = country_of(b, loc, problems);
    let place: Vec<&str> = ["city", "place", "region"]
        .iter()
        .filter_map(|k| b.attr(k))
        .chain(country.map(|c| c.name()).filter(|n| !n.is_empty()))
        .collect();
    if !place.is_empty() {
        Entity::push_unique(&mut e.birth_places, place.join(", "));
    }
}

fn address(a: &Node, loc: &str, e: &mut Entity, problems: &mut Vec<Problem>) {
    let country = country_of(a, loc, problems);
    let street: Vec<String> = [
        a.attr("street").map(str::to_string),
        a.attr("poBox").map(|p| format!("P.O. Box {p}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let addr = Address {
        full: None,
        street: (!street.is_empty()).then(|| street.join(", ")),
        city: a.attr("city").or(a.attr("place")).map(str::to_string),
        postal_code: a.attr("zipCode").map(str::to_string),
        region: a.attr("region").map(str::to_string),
        country,
    };
    if let Some(c) = country {
        Entity::push_unique(&mut e.countries, c);
    }
    if addr != Address::default() {
        Entity::push_unique(&mut e.addresses, addr);
    }
    for ci in a.children("contactInfo") {
        let (Some(k), Some(v)) = (ci.attr("key"), ci.attr("value")) else {
            continue;
        };
        match k.to_ascii_uppercase().as_str() {
            "EMAIL" => Entity::push_unique(
                &mut e.identifiers,
                Identifier::new(IdentifierKind::Email, v),
            ),
            "PHONE" | "FAX" | "TEL" => Entity::push_unique(
                &mut e.identifiers,
                Identifier::new(IdentifierKind::Phone, v),
            ),
            "WEB" | "WEBSITE" | "URL" => push_extra(e, "website", v),
            _ => Entity::push_unique(&mut e.remarks, format!("{k}: {v}")),
        }
    }
}

fn identification(i: &Node, loc: &str, e: &mut Entity, problems: &mut Vec<Problem>) {
    let Some(number) = i.attr("number").or(i.attr("latinNumber")) else {
        return;
    };
    let code = i
        .attr("identificationTypeCode")
        .unwrap_or("")
        .to_ascii_lowercase();
    use IdentifierKind as K;
    let kind = match code.as_str() {
        c if c.contains("passport") => K::Passport,
        "id" | "nationalid" | "identitycard" => K::NationalId,
        c if c.contains("tax") || c == "tin" || c == "fiscalcode" || c == "inn" => K::TaxId,
        c if c.contains("reg") || c == "ogrn" => K::Registration,
        "swiftbic" | "bic" | "swift" => K::Bic,
        "imo" => K::Imo,
        "lei" => K::Lei,
        "ssn" => K::NationalId,
        _ => K::Other,
    };
    let mut note: Vec<String> = Vec::new();
    if let Some(d) = i.attr("identificationTypeDescription") {
        note.push(d.to_string());
    }
    for (flag, label) in [
        ("diplomatic", "diplomatic"),
        ("knownExpired", "known expired"),
        ("knownFalse", "known false"),
        ("reportedLost", "reported lost"),
        ("revokedByIssuer", "revoked by issuer"),
    ] {
        if bool_attr(i, flag) {
            note.push(label.to_string());
        }
    }
    for r in i.children("remark").filter_map(Node::text) {
        note.push(r.to_string());
    }
    let ident = Identifier {
        kind,
        value: number.to_string(),
        country: country_of(i, loc, problems),
        note: (!note.is_empty()).then(|| note.join("; ")),
    };
    Entity::push_unique(&mut e.identifiers, ident);
}
