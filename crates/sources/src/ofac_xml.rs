//! OFAC `sdn.xml` reader (`sdnList` / `sdnEntry`, schema `ofac-sdn-xml.xsd`).
//!
//! The XML carries what the legacy CSV hides in its remarks column as structured lists: aliases
//! with their strength (`category` strong/weak), identity documents (`idList`), nationalities,
//! dates and places of birth, addresses and vessel details. Ids are `ofac-sdn:<uid>`, the same
//! as the CSV reader's, so one version read from XML and the next from CSV line up in a diff.
//!
//! Names are written the way OFAC prints them, `LAST, First` (`PUTIN, Vladimir Vladimirovich`),
//! which is also the CSV's `SDN_Name`; the parts are kept in [`NameParts`].
//!
//! ```no_run
//! let doc = embargo_sources::ofac_xml::read(std::path::Path::new("sdn.xml")).unwrap();
//! assert_eq!(doc.dataset, "ofac-sdn");
//! ```

use crate::{ofac_remarks, Error};
use embargo_model::{
    Address, CountryCode, DateOfBirth, Entity, EntityId, Identifier, IdentifierKind, ListDocument,
    NameKind, NameParts, PartialDate, Problem, Relation, Schema,
};
use std::collections::HashMap;
use std::path::Path;
use xml::Node;

/// The dataset name, shared with the OFAC CSV reader.
pub const DATASET: &str = "ofac-sdn";

/// Read an `sdn.xml` file.
pub fn read(path: &Path) -> Result<ListDocument, Error> {
    let text = xml::read_text(path)?;
    read_str(path, &text)
}

/// Read `sdn.xml` content already in memory; `path` only names the source in messages.
pub fn read_str(path: &Path, text: &str) -> Result<ListDocument, Error> {
    let mut doc = ListDocument {
        dataset: DATASET.to_string(),
        ..ListDocument::default()
    };
    let file = path.display().to_string();
    let mut declared_count: Option<usize> = None;
    xml::read_records(
        path,
        text,
        |root| {
            if root.name != "sdnList" {
                return Err(format!(
                    "root element is <{}>, expected <sdnList> (OFAC sdn.xml)",
                    root.name
                ));
            }
            Ok(())
        },
        |node| {
            match node.name.as_str() {
                "publshInformation" | "publishInformation" => {
                    if let Some(d) = node.child_text("Publish_Date") {
                        match PartialDate::parse(d) {
                            Ok(date) => doc.version = Some(date.to_string()),
                            Err(_) => {
                                doc.version = Some(d.to_string());
                                doc.problems.push(Problem::warning(
                                    format!("{file}:{}", node.line),
                                    Some("Publish_Date"),
                                    format!("unreadable publish date {d:?}, kept as text"),
                                ));
                            }
                        }
                    }
                    declared_count = node.child_text("Record_Count").and_then(|c| c.parse().ok());
                }
                "sdnEntry" => {
                    if let Some(e) = entry(&file, &node, &mut doc.problems) {
                        doc.entities.push(e);
                    }
                }
                other => doc.problems.push(Problem::warning(
                    format!("{file}:{}", node.line),
                    Some(other),
                    format!("unexpected element <{other}> ignored"),
                )),
            }
            Ok(())
        },
    )?;
    if let Some(n) = declared_count {
        let read = doc.entities.len();
        if n != read {
            doc.problems.push(Problem::warning(
                file.clone(),
                Some("Record_Count"),
                format!("the file declares {n} records, {read} were read"),
            ));
        }
    }
    resolve_links(&mut doc.entities);
    Ok(doc)
}

/// `LAST, First` as OFAC prints it, or the last name alone (entities, vessels).
fn ofac_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    match (first, last) {
        (Some(f), Some(l)) => Some(format!("{l}, {f}")),
        (None, Some(l)) => Some(l.to_string()),
        (Some(f), None) => Some(f.to_string()),
        (None, None) => None,
    }
}

fn parts(first: Option<&str>, last: Option<&str>) -> NameParts {
    NameParts {
        given: first.map(|f| vec![f.to_string()]).unwrap_or_default(),
        family: last.map(|l| vec![l.to_string()]).unwrap_or_default(),
        ..NameParts::default()
    }
}

fn schema_of(sdn_type: Option<&str>) -> Result<Schema, String> {
    // OFAC leaves the type empty for entities (the CSV's `-0-`).
    match sdn_type.map(|t| t.to_ascii_lowercase()) {
        None => Ok(Schema::Organization),
        Some(t) => match t.as_str() {
            "individual" => Ok(Schema::Person),
            "entity" => Ok(Schema::Organization),
            "vessel" => Ok(Schema::Vessel),
            "aircraft" => Ok(Schema::Airplane),
            _ => Err(t),
        },
    }
}

fn entry(file: &str, node: &Node, problems: &mut Vec<Problem>) -> Option<Entity> {
    let Some(uid) = node.child_text("uid") else {
        problems.push(Problem::error(
            format!("{file}:{}", node.line),
            Some("uid"),
            "sdnEntry without uid left out",
        ));
        return None;
    };
    let loc = format!("{file}#{uid}");
    let first = node.child_text("firstName");
    let last = node.child_text("lastName");
    let Some(primary) = ofac_name(first, last) else {
        problems.push(Problem::error(
            &loc,
            Some("lastName"),
            "sdnEntry without a name left out",
        ));
        return None;
    };
    let schema = match schema_of(node.child_text("sdnType")) {
        Ok(s) => s,
        Err(t) => {
            problems.push(Problem::warning(
                &loc,
                Some("sdnType"),
                format!("unknown sdnType {t:?}, read as LegalEntity"),
            ));
            Schema::LegalEntity
        }
    };
    let mut e = Entity::new(EntityId::new(DATASET, uid), schema, DATASET, uid);
    e.add_name(&primary, NameKind::Primary);
    // Parts only for people, as the CSV reader does: an entity's `lastName` is its whole name.
    let is_person = schema == Schema::Person;
    if let (true, Some(n)) = (is_person, e.names.first_mut()) {
        n.parts = parts(first, last);
    }
    if let Some(t) = node.child_text("title") {
        // OFAC's "title" is a function ("President of the Russian Federation"), not an honorific.
        Entity::push_unique(&mut e.positions, t.to_string());
    }
    for p in node.descendants("program") {
        if let Some(p) = p.text() {
            Entity::push_unique(&mut e.programs, p.to_string());
        }
    }
    for aka in node.descendants("aka") {
        let (f, l) = (aka.child_text("firstName"), aka.child_text("lastName"));
        let Some(value) = ofac_name(f, l) else {
            problems.push(Problem::warning(
                &loc,
                Some("aka"),
                "aka without a name ignored",
            ));
            continue;
        };
        let weak = aka
            .child_text("category")
            .is_some_and(|c| c.eq_ignore_ascii_case("weak"));
        let kind = match (weak, aka.child_text("type").map(str::to_ascii_lowercase)) {
            (true, _) => NameKind::WeakAlias,
            (false, Some(t)) if t.starts_with("f.k.a") || t == "fka" => NameKind::Previous,
            _ => NameKind::Alias,
        };
        let before = e.names.len();
        e.add_name(&value, kind);
        if is_person && e.names.len() > before {
            if let Some(n) = e.names.last_mut() {
                n.parts = parts(f, l);
            }
        }
    }
    for id in node.descendants("id") {
        id_item(&loc, id, &mut e, problems);
    }
    for a in node.descendants("address") {
        let street: Vec<&str> = ["address1", "address2", "address3"]
            .iter()
            .filter_map(|k| a.child_text(k))
            .collect();
        let country = a
            .child_text("country")
            .and_then(|c| country(&loc, "address/country", c, problems));
        let addr = Address {
            full: None,
            street: (!street.is_empty()).then(|| street.join(", ")),
            city: a.child_text("city").map(str::to_string),
            postal_code: a.child_text("postalCode").map(str::to_string),
            region: a.child_text("stateOrProvince").map(str::to_string),
            country,
        };
        if let Some(c) = country {
            Entity::push_unique(&mut e.countries, c);
        }
        if addr != Address::default() {
            Entity::push_unique(&mut e.addresses, addr);
        }
    }
    for n in node.descendants("nationality") {
        if let Some(c) = n
            .child_text("country")
            .and_then(|c| country(&loc, "nationality", c, problems))
        {
            Entity::push_unique(&mut e.nationalities, c);
        }
    }
    for n in node.descendants("citizenship") {
        if let Some(c) = n
            .child_text("country")
            .and_then(|c| country(&loc, "citizenship", c, problems))
        {
            Entity::push_unique(&mut e.citizenships, c);
        }
    }
    for d in node.descendants("dateOfBirthItem") {
        if let Some(t) = d.child_text("dateOfBirth") {
            match DateOfBirth::parse(t) {
                Ok(dob) => Entity::push_unique(&mut e.birth_dates, dob),
                Err(_) => {
                    problems.push(Problem::warning(
                        &loc,
                        Some("dateOfBirth"),
                        format!("unreadable date of birth {t:?}, kept as text"),
                    ));
                    push_extra(&mut e, "birthDate", t);
                }
            }
        }
    }
    for p in node.descendants("placeOfBirthItem") {
        if let Some(t) = p.child_text("placeOfBirth") {
            Entity::push_unique(&mut e.birth_places, t.to_string());
        }
    }
    if let Some(v) = node.child("vesselInfo") {
        if let Some(cs) = v.child_text("callSign") {
            Entity::push_unique(
                &mut e.identifiers,
                Identifier::new(IdentifierKind::CallSign, cs),
            );
        }
        if let Some(t) = v.child_text("vesselType") {
            // Same key as the CSV reader, so the two formats diff cleanly.
            push_extra(&mut e, "vesselType", t);
        }
        if let Some(f) = v.child_text("vesselFlag") {
            match country(&loc, "vesselFlag", f, problems) {
                Some(c) => {
                    Entity::push_unique(&mut e.countries, c);
                    push_extra(&mut e, "flag", c.as_str());
                }
                None => push_extra(&mut e, "flag", f),
            }
        }
        if let Some(o) = v.child_text("vesselOwner") {
            Entity::push_unique(
                &mut e.relations,
                Relation {
                    kind: "owner".into(),
                    target_name: o.to_string(),
                    target_id: None,
                    percentage: None,
                },
            );
        }
        if let Some(t) = v.child_text("tonnage") {
            push_extra(&mut e, "tonnage", t);
        }
        if let Some(t) = v.child_text("grossRegisteredTonnage") {
            push_extra(&mut e, "grossRegisteredTonnage", t);
        }
    }
    if let Some(r) = node.child_text("remarks") {
        // Usually "Linked To: …"; read with the CSV's remarks parser, and kept as published.
        let ctx = ofac_remarks::Context {
            location: &loc,
            title: node.child_text("title"),
            truncated: false,
        };
        let parsed = ofac_remarks::parse(r, &ctx);
        parsed.apply_to(&mut e);
        problems.extend(parsed.problems.iter().cloned());
        e.remarks.push(r.to_string());
    }
    Some(e)
}

fn push_extra(e: &mut Entity, key: &str, value: &str) {
    let values = e.extra.entry(key.to_string()).or_default();
    if !values.iter().any(|v| v == value) {
        values.push(value.to_string());
    }
}

/// A country name as OFAC writes it ("Russia", "Korea, North"); unknown names are reported.
fn country(loc: &str, field: &str, text: &str, problems: &mut Vec<Problem>) -> Option<CountryCode> {
    let c = CountryCode::parse(text);
    if c.is_none() {
        problems.push(Problem::warning(
            loc,
            Some(field),
            format!("unknown country {text:?}"),
        ));
    }
    c
}

/// Read one `idList/id` entry. OFAC builds the CSV remarks and the XML id list from the same
/// records, so the entry is written back as the remark it would be (`Passport 2018278055
/// (Russia) issued … expires …`) and read by [`ofac_remarks`]: both readers then classify every
/// `idType` the same way. What the parser does not take as a fact about the party (sanctions
/// notes, unknown labels) stays as a remark.
fn id_item(loc: &str, id: &Node, e: &mut Entity, problems: &mut Vec<Problem>) {
    let id_type = id.child_text("idType").unwrap_or("");
    let mut fact = id_type.to_string();
    if let Some(n) = id.child_text("idNumber") {
        fact = format!("{fact} {n}");
    }
    if let Some(c) = id.child_text("idCountry") {
        fact = format!("{fact} ({c})");
    }
    for (label, key) in [("issued", "issueDate"), ("expires", "expirationDate")] {
        if let Some(d) = id.child_text(key) {
            fact = format!("{fact} {label} {d}");
        }
    }
    let fact = fact.trim();
    if fact.is_empty() {
        return;
    }
    let ctx = ofac_remarks::Context {
        location: loc,
        title: None,
        truncated: false,
    };
    let parsed = ofac_remarks::parse(fact, &ctx);
    parsed.apply_to(e);
    problems.extend(parsed.problems.iter().cloned());
    let is_party_fact = parsed
        .facts
        .iter()
        .any(|f| !matches!(f, ofac_remarks::Fact::SanctionNote(_)));
    if !is_party_fact {
        Entity::push_unique(&mut e.remarks, fact.to_string());
    }
}

/// Resolve "Linked To: NAME" targets to the entry with that primary name, when there is
/// exactly one.
fn resolve_links(entities: &mut [Entity]) {
    let mut by_name: HashMap<String, Option<EntityId>> = HashMap::new();
    for e in entities.iter() {
        by_name
            .entry(e.caption().to_string())
            .and_modify(|v| *v = None)
            .or_insert_with(|| Some(e.id.clone()));
    }
    for e in entities.iter_mut() {
        for r in e.relations.iter_mut().filter(|r| r.target_id.is_none()) {
            if let Some(Some(id)) = by_name.get(&r.target_name) {
                if *id != e.id {
                    r.target_id = Some(id.clone());
                }
            }
        }
    }
}

/// A small tree reader over quick-xml events, shared by the XML readers (OFAC, EU FSF, UK).
///
/// List files are a root element holding a long run of records; each child of the root is
/// built into a [`Node`] tree and handed over, so memory holds one record at a time. Malformed
/// or truncated XML is an [`Error`] with the line where reading stopped: a list read halfway
/// must not be screened against as if it were complete.
pub(crate) mod xml {
    use crate::Error;
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::Reader;
    use std::path::Path;

    /// Deeper nesting than this is not a list file; refusing it bounds the work on bad input.
    const MAX_DEPTH: usize = 64;

    /// One element: local name (namespace prefix dropped), attributes, text and children.
    #[derive(Debug, Default)]
    pub struct Node {
        pub name: String,
        pub attrs: Vec<(String, String)>,
        pub text: String,
        pub children: Vec<Node>,
        /// 1-based line of the start tag.
        pub line: usize,
    }

    fn non_empty(s: &str) -> Option<&str> {
        let t = s.trim();
        (!t.is_empty()).then_some(t)
    }

    impl Node {
        /// An attribute value, trimmed; `None` when absent or blank.
        pub fn attr(&self, name: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| non_empty(v))
        }

        /// The element's own text, trimmed; `None` when blank.
        pub fn text(&self) -> Option<&str> {
            non_empty(&self.text)
        }

        pub fn child(&self, name: &str) -> Option<&Node> {
            self.children.iter().find(|c| c.name == name)
        }

        pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
            self.children.iter().filter(move |c| c.name == name)
        }

        /// The text of the first child with that name.
        pub fn child_text(&self, name: &str) -> Option<&str> {
            self.children
                .iter()
                .filter(|c| c.name == name)
                .find_map(Node::text)
        }

        /// Every element below this one with that name, in document order.
        pub fn descendants<'a>(&'a self, name: &str) -> Vec<&'a Node> {
            let mut out = Vec::new();
            let mut stack: Vec<&Node> = self.children.iter().rev().collect();
            while let Some(n) = stack.pop() {
                if n.name == name {
                    out.push(n);
                }
                stack.extend(n.children.iter().rev());
            }
            out
        }
    }

    impl Drop for Node {
        // Dropping nested Vec<Node> recursively is bounded by MAX_DEPTH, but keep drop flat anyway.
        fn drop(&mut self) {
            let mut stack = std::mem::take(&mut self.children);
            while let Some(mut n) = stack.pop() {
                stack.append(&mut n.children);
            }
        }
    }

    /// Read a file as UTF-8 text, without a byte-order mark.
    pub fn read_text(path: &Path) -> Result<String, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        String::from_utf8(bytes.to_vec()).map_err(|e| {
            Error::format(
                path,
                format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })
    }

    fn local(name: &str) -> &str {
        name.rsplit(':').next().unwrap_or(name)
    }

    fn start_node(e: &BytesStart<'_>, line: usize) -> Result<Node, String> {
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| format!("bad attribute: {err}"))?;
            let key = a.key.as_ref();
            if key.starts_with("xmlns") {
                continue;
            }
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| format!("bad attribute value: {err}"))?;
            attrs.push((local(key).to_string(), value.into_owned()));
        }
        Ok(Node {
            name: local(e.name().as_ref()).to_string(),
            attrs,
            text: String::new(),
            children: Vec::new(),
            line,
        })
    }

    /// Counts lines up to increasing byte offsets without rescanning the text.
    struct Lines<'a> {
        text: &'a str,
        offset: usize,
        line: usize,
    }

    impl Lines<'_> {
        fn at(&mut self, offset: u64) -> usize {
            let offset = (offset as usize).min(self.text.len());
            if offset > self.offset {
                self.line += self.text.as_bytes()[self.offset..offset]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count();
                self.offset = offset;
            }
            self.line
        }
    }

    /// Parse `text`: `on_root` sees the root element (attributes, no children) and may refuse
    /// it; `on_record` gets each child of the root as a complete tree.
    pub fn read_records(
        path: &Path,
        text: &str,
        mut on_root: impl FnMut(&Node) -> Result<(), String>,
        mut on_record: impl FnMut(Node) -> Result<(), String>,
    ) -> Result<(), Error> {
        let mut reader = Reader::from_str(text);
        let mut lines = Lines {
            text,
            offset: 0,
            line: 1,
        };
        // stack[0] is the root (kept childless); stack[1..] is the record being built.
        let mut stack: Vec<Node> = Vec::new();
        let mut seen_root = false;
        let fail = |line: usize, msg: String| Error::format(path, format!("line {line}: {msg}"));
        loop {
            let before = reader.buffer_position();
            let event = match reader.read_event() {
                Ok(ev) => ev,
                Err(err) => {
                    let line = lines.at(reader.error_position());
                    return Err(fail(line, format!("invalid XML: {err}")));
                }
            };
            match event {
                Event::Start(e) | Event::Empty(e) if seen_root && stack.is_empty() => {
                    let _ = e;
                    let line = lines.at(before);
                    return Err(fail(line, "content after the root element".into()));
                }
                Event::Start(e) => {
                    let line = lines.at(before);
                    if stack.len() >= MAX_DEPTH {
                        return Err(fail(
                            line,
                            format!("elements nested deeper than {MAX_DEPTH}"),
                        ));
                    }
                    let node = start_node(&e, line).map_err(|m| fail(line, m))?;
                    if stack.is_empty() {
                        seen_root = true;
                        on_root(&node).map_err(|m| fail(line, m))?;
                    }
                    stack.push(node);
                }
                Event::Empty(e) => {
                    let line = lines.at(before);
                    let node = start_node(&e, line).map_err(|m| fail(line, m))?;
                    match stack.len() {
                        0 => {
                            seen_root = true;
                            on_root(&node).map_err(|m| fail(line, m))?;
                        }
                        1 => on_record(node).map_err(|m| fail(line, m))?,
                        _ => {
                            if let Some(parent) = stack.last_mut() {
                                parent.children.push(node);
                            }
                        }
                    }
                }
                Event::End(_) => {
                    let line = lines.at(before);
                    let Some(node) = stack.pop() else {
                        return Err(fail(line, "closing tag without an opening one".into()));
                    };
                    match stack.len() {
                        0 => {} // the root closed
                        1 => on_record(node).map_err(|m| fail(line, m))?,
                        _ => {
                            if let Some(parent) = stack.last_mut() {
                                parent.children.push(node);
                            }
                        }
                    }
                }
                Event::Text(t) => {
                    // Text directly in the root (between records) carries nothing; skip it.
                    if stack.len() > 1 {
                        if let Some(n) = stack.last_mut() {
                            n.text.push_str(&t.xml10_content());
                        }
                    }
                }
                Event::CData(t) => {
                    if let Some(n) = stack.last_mut() {
                        n.text.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    let line = lines.at(before);
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            let name = r.xml10_content();
                            match quick_xml::escape::resolve_predefined_entity(&name) {
                                Some(s) => s.to_string(),
                                None => return Err(fail(line, format!("unknown entity &{name};"))),
                            }
                        }
                        Err(err) => {
                            return Err(fail(line, format!("bad character reference: {err}")))
                        }
                    };
                    if let Some(n) = stack.last_mut() {
                        n.text.push_str(&resolved);
                    }
                }
                Event::Eof => {
                    let line = lines.at(text.len() as u64);
                    if let Some(open) = stack.last() {
                        return Err(fail(
                            line,
                            format!(
                                "the file ends inside <{}> opened on line {} (truncated?)",
                                open.name, open.line
                            ),
                        ));
                    }
                    if !seen_root {
                        return Err(fail(line, "no XML root element (empty file?)".into()));
                    }
                    return Ok(());
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
    }
}
