//! UN Security Council Consolidated List reader (XML, root `CONSOLIDATED_LIST`, schema
//! `un-consolidated.xsd`).
//!
//! The file holds `INDIVIDUALS/INDIVIDUAL` (people, [`Schema::Person`]) and `ENTITIES/ENTITY`
//! (groups and companies, [`Schema::Organization`]). Each record becomes one [`Entity`] with the
//! id `un:<REFERENCE_NUMBER>` (`un:KPi.066`), the reference trimmed because a dozen of them end
//! with a space.
//!
//! What the reader does with the published fields, and why:
//!
//! - **Names.** `FIRST_NAME`..`FOURTH_NAME` joined are the primary name; the UN does not say
//!   which part is the family name, so the parts stay [`NameParts::numbered`]. Alias `QUALITY`
//!   `Low` is a weak alias (it may confirm a hit, never raise one), `Good`, `a.k.a.` and empty
//!   are strong aliases, `f.k.a.` is a previous name. `NAME_ORIGINAL_SCRIPT` is
//!   [`NameKind::OriginalScript`]. One `ALIAS_NAME` sometimes packs several names
//!   ("Azim Adhajani; Azim Agha-Jani", "حسن غول (Hassan Ghul; Hassan Gul)"): they are split so
//!   each can match on its own; what is a comment rather than a name ("…, born 1 Jan. 1953")
//!   goes to the remarks.
//! - **Dates of birth** come as `EXACT` dates or years, `APPROXIMATELY` a year, `BETWEEN` two
//!   years, or only as a `NOTE` ("Nov. 1973", "Between Aug. and Sep. 1977", "30-35 years old",
//!   read against the listing date). A date that cannot be read is a warning, its text kept in
//!   the remarks.
//! - **Countries.** Nationalities, address countries and issuing countries are free text in the
//!   file ("Iran (Islamic Republic of)", "Possibly Ethiopian", "Sudan/South Sudan"); they are
//!   read with [`CountryCode::parse`], then [`CountryCode::find_all`] for qualified values, whose
//!   full text is kept in the remarks. A value naming no country is a warning. Places of birth
//!   stay text (`birth_places`): they are often a village and a province, and the country is
//!   already in the text.
//! - **Documents** become [`Identifier`]s: passports, national ids, the odd tax code. The
//!   `NUMBER` field sometimes carries prose ("CAR diplomatic passport no. D00000898"); the number
//!   is cut out of it and the published text kept in the identifier's note.
//! - `UN_LIST_TYPE` ("DPRK", "Al-Qaida") is the programme; `LISTED_ON` the listing date;
//!   `COMMENTS1` a remark; `LAST_DAY_UPDATED` goes to `extra["modifiedAt"]` and the reference
//!   number to `extra["unscId"]` (the FtM property for UN Security Council ids).
//!
//! The file is read in one pass with quick-xml; only the record being read is held as a tree.
//! XML that is not well formed (a truncated download, crossed tags) stops the whole read with
//! an [`Error::Format`] naming the byte offset and the record: a list read halfway must not be
//! screened against as if it were complete. A bad value inside a sound record is a
//! [`Problem`] located `path#REFERENCE_NUMBER`, and the record is kept.
//!
//! ```no_run
//! let doc = embargo_sources::un::read(std::path::Path::new("consolidated.xml")).unwrap();
//! assert_eq!(doc.dataset, "un");
//! let kim = doc.entities.iter().find(|e| e.id.as_str() == "un:KPi.066").unwrap();
//! assert_eq!(kim.caption(), "KIM JONG SIK");
//! ```

use crate::Error;
use embargo_model::date::month_number;
use embargo_model::{
    Address, CountryCode, DateOfBirth, Entity, EntityId, Gender, Identifier, IdentifierKind,
    ListDocument, Name, NameKind, NameParts, PartialDate, Problem, Schema,
};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

/// The dataset name of the UN list, and the prefix of its entity ids.
pub const DATASET: &str = "un";

/// The root element of a UN consolidated list file.
const ROOT: &str = "CONSOLIDATED_LIST";

/// Records nest four levels below the root; anything deeper than this is not a UN list, and
/// refusing it bounds the work done on hostile input.
const MAX_DEPTH: usize = 32;

/// Read a UN consolidated list XML file.
pub fn read(path: &Path) -> Result<ListDocument, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_bytes(path, &bytes)
}

/// Read UN list XML already in memory (a download, a test fixture); `path` only names the
/// source in errors and problem locations.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<ListDocument, Error> {
    let (text, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3u64),
        None => (bytes, 0u64),
    };
    let text = std::str::from_utf8(text).map_err(|e| {
        Error::format(
            path,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to() as u64 + bom
            ),
        )
    })?;
    let mut doc = ListDocument {
        dataset: DATASET.to_string(),
        ..ListDocument::default()
    };
    let mut ids = HashSet::new();
    let file = path.display().to_string();
    let mut ordinal = 0usize;
    let mut version = None;
    stream_records(path, text, bom, &mut version, |record| {
        ordinal += 1;
        record_to_entity(&file, ordinal, &record, &mut ids, &mut doc);
    })?;
    doc.version = version;
    Ok(doc)
}

// ---------------------------------------------------------------------------------------------
// The XML layer: events to one small tree per record.

/// One element of a record: name, text and children (attributes are not used inside records).
#[derive(Debug, Default)]
struct Node {
    name: Cow<'static, str>,
    /// The text, as far as [`clean`] needs it: whitespace before any other text (the
    /// indentation around a container's children) is not kept.
    text: String,
    children: Vec<Node>,
}

impl Drop for Node {
    // Keep dropping flat, whatever the nesting a bad file managed to build.
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut self.children);
        while let Some(mut n) = stack.pop() {
            stack.append(&mut n.children);
        }
    }
}

impl Node {
    fn new(name: Cow<'static, str>) -> Self {
        Node {
            name,
            text: String::new(),
            children: Vec::new(),
        }
    }

    /// Add text read inside the element.
    fn push_text(&mut self, text: &str) {
        if self.text.is_empty() && text.chars().all(char::is_whitespace) {
            return;
        }
        self.text.push_str(text);
    }

    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The element's text with whitespace runs made one space; `None` when blank.
    fn value(&self) -> Option<String> {
        clean(&self.text)
    }

    /// The cleaned text of the first child of that name that has some.
    fn field(&self, name: &str) -> Option<String> {
        self.children(name).find_map(Node::value)
    }

    /// The cleaned `VALUE`s of a list element such as `NATIONALITY` or `DESIGNATION`.
    fn values(&self, name: &str) -> Vec<String> {
        self.children(name)
            .flat_map(|list| list.children("VALUE"))
            .filter_map(Node::value)
            .collect()
    }
}

/// Text with every whitespace run (newlines of the pretty-printed file included) made one
/// space, trimmed; `None` when nothing is left.
fn clean(s: &str) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    // Most values are clean already: printable ASCII (whose only whitespace is the space)
    // without two spaces in a row. They are copied as they are, without splitting them into
    // words.
    let bytes = t.as_bytes();
    let clean_already =
        bytes.iter().all(|&b| (0x20..0x80).contains(&b)) && !bytes.windows(2).any(|w| w == b"  ");
    if clean_already {
        return Some(t.to_string());
    }
    let mut out = String::with_capacity(t.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// The element names of the UN list as static strings: a record's tree names its elements
/// without a string of its own for each.
fn known_element(name: &str) -> Option<&'static str> {
    Some(match name {
        "VALUE" => "VALUE",
        "QUALITY" => "QUALITY",
        "ALIAS_NAME" => "ALIAS_NAME",
        "INDIVIDUAL_ALIAS" => "INDIVIDUAL_ALIAS",
        "COUNTRY" => "COUNTRY",
        "VERSIONNUM" => "VERSIONNUM",
        "UN_LIST_TYPE" => "UN_LIST_TYPE",
        "SORT_KEY_LAST_MOD" => "SORT_KEY_LAST_MOD",
        "SORT_KEY" => "SORT_KEY",
        "REFERENCE_NUMBER" => "REFERENCE_NUMBER",
        "LIST_TYPE" => "LIST_TYPE",
        "LISTED_ON" => "LISTED_ON",
        "FIRST_NAME" => "FIRST_NAME",
        "DATAID" => "DATAID",
        "COMMENTS1" => "COMMENTS1",
        "CITY" => "CITY",
        "LAST_DAY_UPDATED" => "LAST_DAY_UPDATED",
        "TYPE_OF_DATE" => "TYPE_OF_DATE",
        "INDIVIDUAL_DATE_OF_BIRTH" => "INDIVIDUAL_DATE_OF_BIRTH",
        "INDIVIDUAL_DOCUMENT" => "INDIVIDUAL_DOCUMENT",
        "INDIVIDUAL_ADDRESS" => "INDIVIDUAL_ADDRESS",
        "INDIVIDUAL_PLACE_OF_BIRTH" => "INDIVIDUAL_PLACE_OF_BIRTH",
        "ENTITY_ALIAS" => "ENTITY_ALIAS",
        "INDIVIDUAL" => "INDIVIDUAL",
        "SECOND_NAME" => "SECOND_NAME",
        "NATIONALITY" => "NATIONALITY",
        "NOTE" => "NOTE",
        "STATE_PROVINCE" => "STATE_PROVINCE",
        "TYPE_OF_DOCUMENT" => "TYPE_OF_DOCUMENT",
        "ENTITY_ADDRESS" => "ENTITY_ADDRESS",
        "DATE" => "DATE",
        "NUMBER" => "NUMBER",
        "NAME_ORIGINAL_SCRIPT" => "NAME_ORIGINAL_SCRIPT",
        "YEAR" => "YEAR",
        "THIRD_NAME" => "THIRD_NAME",
        "DESIGNATION" => "DESIGNATION",
        "STREET" => "STREET",
        "ENTITY" => "ENTITY",
        "ISSUING_COUNTRY" => "ISSUING_COUNTRY",
        "FOURTH_NAME" => "FOURTH_NAME",
        "TITLE" => "TITLE",
        "DATE_OF_ISSUE" => "DATE_OF_ISSUE",
        "COUNTRY_OF_ISSUE" => "COUNTRY_OF_ISSUE",
        "TYPE_OF_DOCUMENT2" => "TYPE_OF_DOCUMENT2",
        "DATE_OF_BIRTH" => "DATE_OF_BIRTH",
        "GENDER" => "GENDER",
        "COUNTRY_OF_BIRTH" => "COUNTRY_OF_BIRTH",
        "CITY_OF_ISSUE" => "CITY_OF_ISSUE",
        "CITY_OF_BIRTH" => "CITY_OF_BIRTH",
        "TO_YEAR" => "TO_YEAR",
        "FROM_YEAR" => "FROM_YEAR",
        "ZIP_CODE" => "ZIP_CODE",
        "SUBMITTED_BY" => "SUBMITTED_BY",
        "SUBMITTED_ON" => "SUBMITTED_ON",
        "INDIVIDUALS" => "INDIVIDUALS",
        "ENTITIES" => "ENTITIES",
        "CONSOLIDATED_LIST" => "CONSOLIDATED_LIST",
        _ => return None,
    })
}

fn name_of(e: &BytesStart<'_>) -> Cow<'static, str> {
    let name = e.name();
    let name: &str = name.as_ref();
    match known_element(name) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(name.to_string()),
    }
}

/// The record being built: its element stack (`[INDIVIDUAL, INDIVIDUAL_ALIAS, …]`) and where
/// it started, for error messages.
struct OpenRecord {
    stack: Vec<Node>,
    start: u64,
}

impl OpenRecord {
    /// The reference number, once its element has been read: names the record in errors.
    fn reference(&self) -> Option<String> {
        self.stack.first().and_then(|r| r.field("REFERENCE_NUMBER"))
    }

    fn describe(&self, last_reference: &Option<String>) -> String {
        let kind = self
            .stack
            .first()
            .map(|n| n.name.as_ref())
            .unwrap_or("record");
        match (self.reference(), last_reference) {
            (Some(r), _) => format!("in {kind} {r} (from byte {})", self.start),
            (None, Some(prev)) => {
                format!(
                    "in the {kind} from byte {} (after record {prev})",
                    self.start
                )
            }
            (None, None) => format!("in the {kind} from byte {} (the first record)", self.start),
        }
    }
}

/// Stream `text` and hand each `INDIVIDUAL` / `ENTITY` over as a tree. The root's
/// `dateGenerated` goes to `version`. `bom` is the length of a byte-order mark cut off the
/// front, added back to byte offsets so that they are offsets into the file.
fn stream_records(
    path: &Path,
    text: &str,
    bom: u64,
    version: &mut Option<String>,
    mut on_record: impl FnMut(Node),
) -> Result<(), Error> {
    let mut reader = Reader::from_str(text);
    // Elements open outside records: the root and the INDIVIDUALS / ENTITIES containers.
    let mut outer: Vec<Cow<'static, str>> = Vec::new();
    let mut record: Option<OpenRecord> = None;
    let mut seen_root = false;
    let mut root_closed = false;
    let mut last_reference: Option<String> = None;
    let fail = |offset: u64, context: String, msg: &str| {
        Error::format(path, format!("byte {}{context}: {msg}", offset + bom))
    };
    let context = |record: &Option<OpenRecord>, last: &Option<String>| match record {
        Some(r) => format!(", {}", r.describe(last)),
        None => match last {
            Some(prev) => format!(", after record {prev}"),
            None => String::new(),
        },
    };
    loop {
        let before = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(err) => {
                let at = reader.error_position();
                let ctx = context(&record, &last_reference);
                return Err(fail(at, ctx, &format!("malformed XML: {err}")));
            }
        };
        match event {
            Event::Start(e) | Event::Empty(e) if root_closed => {
                let ctx = context(&record, &last_reference);
                let msg = format!("element <{}> after the end of {ROOT}", name_of(&e));
                return Err(fail(before, ctx, &msg));
            }
            Event::Start(e) => {
                let name = name_of(&e);
                if let Some(open) = record.as_mut() {
                    if open.stack.len() >= MAX_DEPTH {
                        let ctx = context(&record, &last_reference);
                        return Err(fail(before, ctx, "elements nested too deep"));
                    }
                    open.stack.push(Node::new(name));
                } else if !seen_root {
                    seen_root = true;
                    *version =
                        root_version(&e, &name).map_err(|m| fail(before, String::new(), &m))?;
                    outer.push(name);
                } else if is_record(&name) {
                    record = Some(OpenRecord {
                        stack: vec![Node::new(name)],
                        start: before + bom,
                    });
                } else {
                    if outer.len() >= MAX_DEPTH {
                        let ctx = context(&record, &last_reference);
                        return Err(fail(before, ctx, "elements nested too deep"));
                    }
                    outer.push(name);
                }
            }
            Event::Empty(e) => {
                let name = name_of(&e);
                if let Some(open) = record.as_mut() {
                    if let Some(parent) = open.stack.last_mut() {
                        parent.children.push(Node::new(name));
                    }
                } else if !seen_root {
                    // `<CONSOLIDATED_LIST …/>`: a list with no record at all.
                    seen_root = true;
                    root_closed = true;
                    *version =
                        root_version(&e, &name).map_err(|m| fail(before, String::new(), &m))?;
                } else if is_record(&name) {
                    on_record(Node::new(name));
                }
            }
            Event::End(_) => {
                // quick-xml has already checked that the end tag matches the open one.
                if let Some(open) = record.as_mut() {
                    let Some(node) = open.stack.pop() else {
                        let ctx = context(&record, &last_reference);
                        return Err(fail(before, ctx, "closing tag without an opening one"));
                    };
                    match open.stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => {
                            last_reference = node.field("REFERENCE_NUMBER").or(last_reference);
                            record = None;
                            on_record(node);
                        }
                    }
                } else if outer.pop().is_some() {
                    root_closed = outer.is_empty();
                } else {
                    let ctx = context(&record, &last_reference);
                    return Err(fail(before, ctx, "closing tag without an opening one"));
                }
            }
            Event::Text(t) => {
                // The text as written: its line ends are not normalised (XML 1.0 makes "\r\n"
                // and "\r" a "\n"), since `clean` makes every whitespace run one space anyway.
                if let Some(node) = record.as_mut().and_then(|r| r.stack.last_mut()) {
                    node.push_text(&t);
                }
            }
            Event::CData(t) => {
                if let Some(node) = record.as_mut().and_then(|r| r.stack.last_mut()) {
                    node.push_text(&t);
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r.xml10_content();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => s.to_string(),
                            None => {
                                let ctx = context(&record, &last_reference);
                                let msg = format!("undeclared entity &{name};");
                                return Err(fail(before, ctx, &msg));
                            }
                        }
                    }
                    Err(err) => {
                        let ctx = context(&record, &last_reference);
                        let msg = format!("bad character reference: {err}");
                        return Err(fail(before, ctx, &msg));
                    }
                };
                if let Some(node) = record.as_mut().and_then(|r| r.stack.last_mut()) {
                    node.push_text(&resolved);
                }
            }
            Event::Eof => {
                let end = text.len() as u64;
                if let Some(open) = &record {
                    let inner = open.stack.last().map(|n| n.name.as_ref()).unwrap_or("");
                    let msg = format!("the file ends inside <{inner}> (truncated?)");
                    return Err(fail(
                        end,
                        format!(", {}", open.describe(&last_reference)),
                        &msg,
                    ));
                }
                if let Some(inner) = outer.last() {
                    let msg = format!("the file ends inside <{inner}> (truncated?)");
                    return Err(fail(end, context(&record, &last_reference), &msg));
                }
                if !seen_root {
                    return Err(fail(
                        end,
                        String::new(),
                        "no XML element at all (empty file?)",
                    ));
                }
                return Ok(());
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

fn is_record(name: &str) -> bool {
    name == "INDIVIDUAL" || name == "ENTITY"
}

/// Check the root element and read its `dateGenerated`.
fn root_version(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    if name != ROOT {
        return Err(format!(
            "root element is <{name}>, expected <{ROOT}> (UN consolidated list)"
        ));
    }
    for attr in e.attributes() {
        let attr = attr.map_err(|err| format!("bad attribute on <{ROOT}>: {err}"))?;
        if attr.key.as_ref() == "dateGenerated" {
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| format!("bad dateGenerated: {err}"))?;
            return Ok(clean(&value));
        }
    }
    Ok(None)
}

// ---------------------------------------------------------------------------------------------
// A record to an entity.

/// What a record is being read into, and where problems are reported.
struct Ctx<'a> {
    location: String,
    entity: Entity,
    problems: &'a mut Vec<Problem>,
}

impl Ctx<'_> {
    fn warn(&mut self, field: &str, message: String) {
        self.problems
            .push(Problem::warning(&self.location, Some(field), message));
    }

    fn remark(&mut self, text: String) {
        Entity::push_unique(&mut self.entity.remarks, text);
    }
}

fn record_to_entity(
    file: &str,
    ordinal: usize,
    record: &Node,
    ids: &mut HashSet<EntityId>,
    doc: &mut ListDocument,
) {
    let schema = if record.name == "INDIVIDUAL" {
        Schema::Person
    } else {
        Schema::Organization
    };
    let reference = record.field("REFERENCE_NUMBER");
    let data_id = record.field("DATAID");
    // A record without its reference number still names a sanctioned party: keep it under its
    // DATAID (also stable across versions) rather than drop it.
    let (local, location) = match (&reference, &data_id) {
        (Some(r), _) => (r.clone(), format!("{file}#{r}")),
        (None, Some(d)) => {
            let location = format!("{file}#DATAID={d}");
            doc.problems.push(Problem::warning(
                &location,
                Some("REFERENCE_NUMBER"),
                "record without a reference number; its id is made from DATAID",
            ));
            (d.clone(), location)
        }
        (None, None) => {
            doc.problems.push(Problem::error(
                format!("{file}#{}[{ordinal}]", record.name),
                Some("REFERENCE_NUMBER"),
                "record without REFERENCE_NUMBER or DATAID left out",
            ));
            return;
        }
    };
    let id = EntityId::new(DATASET, &local);
    if ids.contains(&id) {
        doc.problems.push(Problem::error(
            &location,
            Some("REFERENCE_NUMBER"),
            format!("second record with reference {local} left out"),
        ));
        return;
    }
    let mut ctx = Ctx {
        location,
        entity: Entity::new(id.clone(), schema, DATASET, &local),
        problems: &mut doc.problems,
    };
    read_names(record, &mut ctx);
    if ctx.entity.names.iter().all(|n| n.kind != NameKind::Primary) {
        let location = ctx.location.clone();
        doc.problems.push(Problem::error(
            location,
            Some("FIRST_NAME"),
            "record without any name left out",
        ));
        return;
    }
    read_listing(record, &local, &mut ctx);
    read_person_facts(record, &mut ctx);
    read_addresses(record, &mut ctx);
    read_documents(record, &mut ctx);
    ids.insert(id);
    doc.entities.push(ctx.entity);
}

// --- names ------------------------------------------------------------------------------------

fn read_names(record: &Node, ctx: &mut Ctx<'_>) {
    let parts: Vec<String> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .filter_map(|f| record.field(f))
        .collect();
    if !parts.is_empty() {
        let mut primary = Name::new(parts.join(" "), NameKind::Primary);
        if ctx.entity.schema == Schema::Person {
            primary.parts = NameParts {
                numbered: parts,
                ..NameParts::default()
            };
        }
        ctx.entity.names.push(primary);
    }
    let alias_tag = if record.name == "INDIVIDUAL" {
        "INDIVIDUAL_ALIAS"
    } else {
        "ENTITY_ALIAS"
    };
    for alias in record.children(alias_tag) {
        read_alias(alias, ctx);
    }
    if let Some(original) = record.field("NAME_ORIGINAL_SCRIPT") {
        ctx.entity.add_name(&original, NameKind::OriginalScript);
    }
    // No FIRST_NAME at all: the first strong alias stands in as the caption, said so.
    if parts_missing(ctx) {
        let first = ctx
            .entity
            .names
            .iter()
            .position(|n| n.kind == NameKind::Alias);
        if let Some(i) = first {
            ctx.entity.names[i].kind = NameKind::Primary;
            let name = ctx.entity.names[i].value.clone();
            ctx.warn(
                "FIRST_NAME",
                format!("record without FIRST_NAME; its alias {name:?} is used as its name"),
            );
        }
    }
}

fn parts_missing(ctx: &Ctx<'_>) -> bool {
    ctx.entity.names.iter().all(|n| n.kind != NameKind::Primary)
}

/// The standing of an alias from its `QUALITY`.
fn alias_kind(quality: Option<&str>) -> NameKind {
    match quality.map(str::to_ascii_lowercase).as_deref() {
        Some("low") => NameKind::WeakAlias,
        Some("f.k.a." | "fka" | "f.k.a") => NameKind::Previous,
        _ => NameKind::Alias,
    }
}

fn read_alias(alias: &Node, ctx: &mut Ctx<'_>) {
    let quality = alias.field("QUALITY");
    let kind = alias_kind(quality.as_deref());
    if let (Some(q), NameKind::Alias) = (&quality, kind) {
        if !matches!(
            q.to_ascii_lowercase().as_str(),
            "good" | "a.k.a." | "aka" | "a.k.a"
        ) {
            ctx.warn(
                "QUALITY",
                format!("unknown alias quality {q:?}, read as a strong alias"),
            );
        }
    }
    let Some(raw) = alias.field("ALIAS_NAME") else {
        return;
    };
    let split = split_alias(&raw);
    for name in &split.names {
        ctx.entity.add_name(name, kind);
    }
    let label = split.names.first().cloned().unwrap_or_else(|| raw.clone());
    for note in split.notes {
        ctx.remark(format!("Alias {label}: {note}"));
    }
    if let Some(note) = alias.field("NOTE") {
        ctx.remark(format!("Alias {label}: {note}"));
    }
    // Individual aliases may carry the birth date and place used under that name.
    if let Some(dob) = alias.field("DATE_OF_BIRTH") {
        match DateOfBirth::parse(xs_date(&dob)) {
            Ok(d) => Entity::push_unique(&mut ctx.entity.birth_dates, d),
            Err(_) => {
                ctx.warn(
                    "INDIVIDUAL_ALIAS/DATE_OF_BIRTH",
                    format!("unreadable date of birth {dob:?}"),
                );
                ctx.remark(format!("Alias {label}: date of birth {dob}"));
            }
        }
    }
    let place: Vec<String> = ["CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"]
        .iter()
        .filter_map(|f| alias.field(f))
        .collect();
    if !place.is_empty() {
        Entity::push_unique(&mut ctx.entity.birth_places, place.join(", "));
    }
}

/// The names (and comments) one `ALIAS_NAME` holds.
#[derive(Debug, Default, PartialEq)]
struct AliasSplit {
    names: Vec<String>,
    notes: Vec<String>,
}

/// Split an `ALIAS_NAME` that packs several names or a comment:
///
/// - `A; B; C` and enumerations `A b) B` are several names;
/// - `X (A; B)`, and `X (Y)` where `X` and `Y` are in different scripts, are the name and its
///   variants (`حسن غول (Hassan Ghul; Hassan Gul)`, `Jin Tiesan (金铁三)`);
/// - `(original script)` and `(original script: …)` mark a name in its own script;
/// - `…, born 1 Jan. 1953 (…)` and long parenthesised prose are comments, not names.
///
/// Short parentheses in the same script stay part of the name: `Hay’at Tahrir al-Sham (HTS)`,
/// `華信船務(香港)有限公司`.
fn split_alias(raw: &str) -> AliasSplit {
    let mut out = AliasSplit::default();
    split_alias_into(raw, 0, &mut out);
    out.names.dedup();
    out
}

/// Deeper than this, nested parentheses are kept as they are written.
const MAX_ALIAS_NESTING: usize = 4;

fn split_alias_into(raw: &str, depth: usize, out: &mut AliasSplit) {
    let Some(text) = clean(raw) else {
        return;
    };
    let mut text = text.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
    // "Name, born 1 Jan. 1953 (Oman passport no. …)": the name ends at ", born".
    let born = text.match_indices(", ").map(|(i, _)| i).find(|&i| {
        text.get(i + 2..i + 6)
            .is_some_and(|w| w.eq_ignore_ascii_case("born"))
    });
    if let Some(at) = born {
        out.notes.push(text[at + 2..].to_string());
        text = &text[..at];
    }
    let Some(segments) = paren_segments(text).filter(|_| depth < MAX_ALIAS_NESTING) else {
        split_list(text, out);
        return;
    };
    let outer: String = segments
        .iter()
        .filter_map(|s| match s {
            Segment::Plain(p) => Some(*p),
            Segment::Group(_) => None,
        })
        .collect();
    let outer_latin = latin_script(&outer);
    let mut kept = String::new();
    // Names inside the parentheses come after the one outside them.
    let mut inner_names = AliasSplit::default();
    for segment in &segments {
        match segment {
            Segment::Plain(p) => kept.push_str(p),
            Segment::Group(inner) => {
                const MARK: &str = "original script";
                let trimmed = inner.trim();
                let marked = trimmed
                    .get(..MARK.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(MARK));
                if marked {
                    // "(original script)" marks the name before it; "(original script: X)"
                    // gives X.
                    let rest = trimmed.get(MARK.len()..).unwrap_or("");
                    split_alias_into(
                        rest.trim_start_matches([':', ' ']),
                        depth + 1,
                        &mut inner_names,
                    );
                    continue;
                }
                let other_script = outer_latin.is_some()
                    && latin_script(inner).is_some_and(|l| Some(l) != outer_latin);
                if top_level_contains(inner, ';') || other_script {
                    split_alias_into(inner, depth + 1, &mut inner_names);
                } else if inner.split_whitespace().count() > 5 {
                    inner_names.notes.push(inner.to_string());
                } else {
                    kept.push('(');
                    kept.push_str(inner);
                    kept.push(')');
                }
            }
        }
    }
    split_list(&kept, out);
    out.names.append(&mut inner_names.names);
    out.notes.append(&mut inner_names.notes);
}

/// Split a name list on `;` and on enumeration letters `b)`, `c)`…; strip a trailing
/// " - sub-unit name"-like comment.
fn split_list(text: &str, out: &mut AliasSplit) {
    for part in split_top_level(text, ';') {
        for piece in split_enumeration(part) {
            let mut name = piece.trim().trim_matches([',', ';']).trim();
            if let Some((head, tail)) = name.rsplit_once(" - ") {
                if !tail.is_empty() && tail.chars().all(|c| !c.is_uppercase()) {
                    out.notes.push(format!("{head}: {tail}"));
                    name = head.trim();
                }
            }
            if let Some(name) = clean(name) {
                // A name is at least one letter; "()" or "-" left by the splitting are not.
                if name.chars().any(char::is_alphabetic) {
                    out.names.push(name);
                }
            }
        }
    }
}

/// `Mohammad Sabet b) M. Javad Sabet` → both names; a leading `a)` is dropped.
fn split_enumeration(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let is_marker = bytes[i].is_ascii_lowercase()
            && bytes.get(i + 1) == Some(&b')')
            && (i == 0 || bytes[i - 1] == b' ')
            && (i + 2 == bytes.len() || bytes.get(i + 2) == Some(&b' '));
        if is_marker {
            if let Some(p) = text.get(start..i) {
                pieces.push(p);
            }
            start = i + 2;
        }
    }
    if let Some(p) = text.get(start..) {
        pieces.push(p);
    }
    pieces
}

enum Segment<'a> {
    Plain(&'a str),
    /// The text inside a top-level pair of parentheses (inner pairs kept).
    Group(&'a str),
}

/// Cut text into plain runs and top-level parenthesised groups; `None` when the parentheses do
/// not balance (the text is then taken as written).
fn paren_segments(text: &str) -> Option<Vec<Segment<'_>>> {
    let mut segments = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    segments.push(Segment::Plain(&text[start..i]));
                    start = i + 1;
                }
                depth += 1;
            }
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    segments.push(Segment::Group(&text[start..i]));
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    if depth != 0 {
        return None;
    }
    segments.push(Segment::Plain(&text[start..]));
    Some(segments)
}

fn top_level_contains(text: &str, sep: char) -> bool {
    split_top_level(text, sep).len() > 1
}

/// Split on `sep` outside parentheses.
fn split_top_level(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth <= 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Whether the letters of `text` are mostly Latin (`Some(true)`), mostly another script
/// (`Some(false)`), or there are none.
fn latin_script(text: &str) -> Option<bool> {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let is_latin = c.is_ascii_alphabetic()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c);
        if is_latin {
            latin += 1;
        } else {
            other += 1;
        }
    }
    (latin + other > 0).then_some(latin >= other)
}

// --- listing ----------------------------------------------------------------------------------

/// The UN sanctions regime of each reference prefix (`KPi.066` → `DPRK`), for records whose
/// `UN_LIST_TYPE` is missing.
fn regime_of_reference(reference: &str) -> Option<&'static str> {
    Some(match reference.get(..2)? {
        "KP" => "DPRK",
        "QD" => "Al-Qaida",
        "TA" => "Taliban",
        "IR" => "Iran",
        "IQ" => "Iraq",
        "CD" => "DRC",
        "LY" => "Libya",
        "SO" => "Somalia",
        "CF" => "CAR",
        "HT" => "Haiti",
        "YE" => "Yemen",
        "GB" => "GB",
        "SD" => "Sudan",
        "SS" => "SouthSudan",
        "ML" => "Mali",
        _ => return None,
    })
}

fn read_listing(record: &Node, reference: &str, ctx: &mut Ctx<'_>) {
    match record.field("UN_LIST_TYPE") {
        Some(program) => ctx.entity.programs.push(program),
        None => {
            if let Some(p) = regime_of_reference(reference) {
                ctx.entity.programs.push(p.to_string());
            }
        }
    }
    ctx.entity
        .extra
        .insert("unscId".to_string(), vec![reference.to_string()]);
    if let Some(listed) = record.field("LISTED_ON") {
        match PartialDate::parse(xs_date(&listed)) {
            Ok(d) => ctx.entity.listed_on = Some(d),
            Err(_) => ctx.warn("LISTED_ON", format!("unreadable listing date {listed:?}")),
        }
    }
    // The UN's own comment leads the remarks, before those gathered from the names.
    if let Some(comment) = record.field("COMMENTS1") {
        if !ctx.entity.remarks.contains(&comment) {
            ctx.entity.remarks.insert(0, comment);
        }
    }
    let mut modified = Vec::new();
    for value in record.values("LAST_DAY_UPDATED") {
        match PartialDate::parse(xs_date(&value)) {
            Ok(d) => Entity::push_unique(&mut modified, d.to_string()),
            Err(_) => ctx.warn(
                "LAST_DAY_UPDATED",
                format!("unreadable update date {value:?}"),
            ),
        }
    }
    if !modified.is_empty() {
        ctx.entity.extra.insert("modifiedAt".to_string(), modified);
    }
}

// --- people: nationality, gender, titles, birth -------------------------------------------

/// Values that say "not known" rather than name a country.
fn is_unknown(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().trim_end_matches('.'),
        "na" | "n/a" | "n.a" | "unknown" | "none" | "not known" | "-"
    )
}

/// The countries a free-text country field names. A value that is not a plain country name
/// ("Possibly Ethiopian") is kept whole in the remarks; one naming no country is a warning.
fn read_countries(value: &str, field: &str, label: &str, ctx: &mut Ctx<'_>) -> Vec<CountryCode> {
    if is_unknown(value) {
        return Vec::new();
    }
    if let Some(code) = CountryCode::parse(value) {
        return vec![code];
    }
    let codes = CountryCode::find_all(value);
    if codes.is_empty() {
        ctx.warn(field, format!("no country recognised in {value:?}"));
    }
    ctx.remark(format!("{label}: {value}"));
    codes
}

fn read_person_facts(record: &Node, ctx: &mut Ctx<'_>) {
    for value in record.values("NATIONALITY") {
        for code in read_countries(&value, "NATIONALITY", "Nationality", ctx) {
            Entity::push_unique(&mut ctx.entity.nationalities, code);
        }
    }
    if let Some(g) = record.field("GENDER") {
        match Gender::parse(&g) {
            Some(gender) => ctx.entity.gender = Some(gender),
            None if g.eq_ignore_ascii_case("unknown") => {}
            None => ctx.warn("GENDER", format!("unknown gender {g:?}")),
        }
    }
    // Many DPRK records have no GENDER element and say it in the comment instead.
    if ctx.entity.gender.is_none() {
        ctx.entity.gender = record
            .field("COMMENTS1")
            .as_deref()
            .and_then(gender_in_comment);
    }
    for title in record.values("TITLE") {
        if !is_unknown(&title) {
            Entity::push_unique(&mut ctx.entity.titles, title);
        }
    }
    for position in record.values("DESIGNATION") {
        if !is_unknown(&position) {
            Entity::push_unique(&mut ctx.entity.positions, position);
        }
    }
    let listed_year = ctx.entity.listed_on.map(|d| d.year);
    for dob in record.children("INDIVIDUAL_DATE_OF_BIRTH") {
        read_birth_date(dob, listed_year, ctx);
    }
    for pob in record.children("INDIVIDUAL_PLACE_OF_BIRTH") {
        let parts: Vec<String> = ["STREET", "CITY", "STATE_PROVINCE", "COUNTRY"]
            .iter()
            .filter_map(|f| pob.field(f))
            .collect();
        let note = pob.field("NOTE");
        let place = match (parts.is_empty(), note) {
            (true, None) => continue,
            (true, Some(note)) => note,
            (false, None) => parts.join(", "),
            (false, Some(note)) => format!("{} ({note})", parts.join(", ")),
        };
        Entity::push_unique(&mut ctx.entity.birth_places, place);
    }
}

/// The date part of an `xs:date`, which may carry a time zone: `2015-07-01-04:00`,
/// `1964-07-17Z`, `2015-07-01+01:00` (the 2020 file writes some listing dates so).
fn xs_date(value: &str) -> &str {
    let b = value.as_bytes();
    let dated = b.len() > 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'Z' | b'+' | b'-' | b'T');
    if dated {
        value.get(..10).unwrap_or(value)
    } else {
        value
    }
}

/// "Gender: male" inside a comment.
fn gender_in_comment(comment: &str) -> Option<Gender> {
    let lower = comment.to_lowercase();
    let at = lower.find("gender:")?;
    let word = lower
        .get(at + "gender:".len()..)?
        .split_whitespace()
        .next()?;
    Gender::parse(word.trim_matches(|c: char| !c.is_alphabetic()))
}

/// Parse a year element (`YEAR`, `FROM_YEAR`, `TO_YEAR`).
fn year(value: &str) -> Option<PartialDate> {
    let y: u16 = value.trim().parse().ok()?;
    PartialDate::new(y, None, None).ok()
}

/// One `INDIVIDUAL_DATE_OF_BIRTH`. Every shape of the real files is handled; what cannot be
/// read is a warning and its text a remark.
fn read_birth_date(dob: &Node, listed_year: Option<u16>, ctx: &mut Ctx<'_>) {
    const FIELD: &str = "INDIVIDUAL_DATE_OF_BIRTH";
    let kind = dob.field("TYPE_OF_DATE").map(|t| t.to_ascii_uppercase());
    let note = dob.field("NOTE");
    let note_is_approx = note
        .as_deref()
        .is_some_and(|n| n.to_ascii_lowercase().starts_with("approx"));
    let approximate = kind.as_deref() == Some("APPROXIMATELY") || note_is_approx;
    // A note that is neither "approximately" nor the date itself is a comment on the date.
    let mut comment = note.clone().filter(|_| !note_is_approx);
    let (date, from, to, single) = (
        dob.field("DATE"),
        dob.field("FROM_YEAR"),
        dob.field("TO_YEAR"),
        dob.field("YEAR"),
    );
    let parsed: Result<Option<DateOfBirth>, String> = if from.is_some() || to.is_some() {
        let ends = (
            from.as_deref().map(|y| year(y).ok_or(y)),
            to.as_deref().map(|y| year(y).ok_or(y)),
        );
        match ends {
            (Some(Ok(a)), Some(Ok(b))) => Ok(Some(range(a, b, approximate))),
            // One end only: that year, approximately.
            (Some(Ok(a)), None) | (None, Some(Ok(a))) => Ok(Some(DateOfBirth::Date {
                date: a,
                approximate: true,
            })),
            (Some(Err(bad)), _) | (_, Some(Err(bad))) => Err(format!("year {bad:?}")),
            (None, None) => Ok(None),
        }
    } else if let Some(d) = &date {
        PartialDate::parse(xs_date(d))
            .map(|date| Some(DateOfBirth::Date { date, approximate }))
            .map_err(|_| format!("date {d:?}"))
    } else if let Some(y) = &single {
        match year(y) {
            Some(mut date) => {
                // `YEAR 1958` with `NOTE Sep.`: the note is the month.
                if let Some(m) = comment.as_deref().and_then(month_only) {
                    date = PartialDate::new(date.year, Some(m), None).unwrap_or(date);
                    comment = None;
                }
                Ok(Some(DateOfBirth::Date { date, approximate }))
            }
            None => Err(format!("year {y:?}")),
        }
    } else if let Some(n) = comment.take() {
        // The date is only in the note.
        match date_from_note(&n, approximate, listed_year) {
            Some((d, keep_note)) => {
                if keep_note {
                    comment = Some(n);
                }
                Ok(Some(d))
            }
            None => Err(format!("date of birth {n:?}")),
        }
    } else {
        Ok(None)
    };
    match parsed {
        Ok(Some(d)) => {
            if let Some(c) = comment {
                ctx.remark(format!("Date of birth {d}: {c}"));
            }
            Entity::push_unique(&mut ctx.entity.birth_dates, d);
        }
        Ok(None) => {
            if let Some(c) = comment {
                ctx.remark(format!("Date of birth: {c}"));
            }
        }
        Err(what) => {
            ctx.warn(FIELD, format!("unreadable {what}, kept in the remarks"));
            let text = [date, from, to, single, note]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            ctx.remark(format!("Date of birth: {text}"));
        }
    }
}

fn range(a: PartialDate, b: PartialDate, approximate: bool) -> DateOfBirth {
    let (from, to) = if a <= b { (a, b) } else { (b, a) };
    DateOfBirth::Range {
        from,
        to,
        approximate,
    }
}

/// "Sep." alone: a month name and nothing else.
fn month_only(note: &str) -> Option<u8> {
    let word = note.trim().trim_end_matches('.');
    if word.chars().all(char::is_alphabetic) {
        month_number(word)
    } else {
        None
    }
}

/// A birth date written only in the note. Returns the date, and whether the note should still
/// be kept as a comment (when the date was inferred rather than read).
fn date_from_note(
    note: &str,
    approximate: bool,
    listed_year: Option<u16>,
) -> Option<(DateOfBirth, bool)> {
    if let Ok(d) = DateOfBirth::parse(note) {
        let d = match d {
            DateOfBirth::Date {
                date,
                approximate: a,
            } => DateOfBirth::Date {
                date,
                approximate: a || approximate,
            },
            DateOfBirth::Range {
                from,
                to,
                approximate: a,
            } => range(from, to, a || approximate),
        };
        return Some((d, false));
    }
    let lower = note.to_ascii_lowercase();
    // "Between Aug. and Sep. 1977": the first month borrows the year of the second.
    let body = lower
        .strip_prefix("between")
        .map(str::trim)
        .unwrap_or(&lower);
    if let Some((a, b)) = body.split_once(" and ") {
        if let (Some(m), Ok(to)) = (month_only(a), PartialDate::parse(b)) {
            if let Ok(from) = PartialDate::new(to.year, Some(m), None) {
                return Some((range(from, to, approximate), false));
            }
        }
    }
    // "30-35 years old", "29 years old": an age, taken at the listing date. Someone 30 in
    // 2018 was born in 1987 or 1988, so the range runs from listed - oldest - 1 to listed -
    // youngest; it stays approximate, and the note is kept to show where it came from.
    if let (Some(ages), Some(listed)) = (lower.strip_suffix("years old"), listed_year) {
        let ages: Vec<u16> = ages
            .split(['-', '–', ' '])
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().ok())
            .collect::<Option<Vec<u16>>>()?;
        let (&young, &old) = (ages.iter().min()?, ages.iter().max()?);
        let from = year(&listed.checked_sub(old.checked_add(1)?)?.to_string())?;
        let to = year(&listed.checked_sub(young)?.to_string())?;
        return Some((range(from, to, true), true));
    }
    None
}

// --- addresses ----------------------------------------------------------------------------------

fn read_addresses(record: &Node, ctx: &mut Ctx<'_>) {
    let tag = if record.name == "INDIVIDUAL" {
        "INDIVIDUAL_ADDRESS"
    } else {
        "ENTITY_ADDRESS"
    };
    let field = format!("{tag}/COUNTRY");
    for node in record.children(tag) {
        let mut address = Address {
            street: node.field("STREET"),
            city: node.field("CITY"),
            postal_code: node.field("ZIP_CODE"),
            region: node.field("STATE_PROVINCE"),
            ..Address::default()
        };
        if let Some(country) = node.field("COUNTRY") {
            let codes = read_countries(&country, &field, "Address country", ctx);
            address.country = codes.first().copied();
            for code in codes {
                Entity::push_unique(&mut ctx.entity.countries, code);
            }
        }
        let note = node.field("NOTE");
        if address == Address::default() {
            if let Some(note) = note {
                ctx.remark(format!("Address: {note}"));
            }
            continue;
        }
        if let Some(note) = note {
            ctx.remark(format!("Address {}: {note}", address.to_line()));
        }
        Entity::push_unique(&mut ctx.entity.addresses, address);
    }
}

// --- documents ----------------------------------------------------------------------------------

fn read_documents(record: &Node, ctx: &mut Ctx<'_>) {
    for doc in record.children("INDIVIDUAL_DOCUMENT") {
        read_document(doc, ctx);
    }
}

fn read_document(doc: &Node, ctx: &mut Ctx<'_>) {
    let kind_text = doc.field("TYPE_OF_DOCUMENT");
    let detail = doc.field("TYPE_OF_DOCUMENT2");
    let number = doc.field("NUMBER");
    let note = doc.field("NOTE");
    let issuing = doc.field("ISSUING_COUNTRY");
    let country_of_issue = doc.field("COUNTRY_OF_ISSUE");
    let city = doc.field("CITY_OF_ISSUE");
    let date = doc.field("DATE_OF_ISSUE");
    // Without a NUMBER, the note is what describes the document ("Italian Fiscal Code: …").
    let described_by = number.as_deref().or(note.as_deref());
    let description = [kind_text.as_deref(), detail.as_deref(), described_by]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let kind = document_kind(&description);
    let mut notes: Vec<String> = Vec::new();
    if let Some(d) = &detail {
        if kind_text
            .as_deref()
            .is_none_or(|k| !k.eq_ignore_ascii_case(d))
        {
            notes.push(d.clone());
        }
    }
    let value = match &number {
        Some(raw) => {
            let cut = document_number(raw);
            if cut != *raw {
                notes.push(format!("published as \u{201c}{raw}\u{201d}"));
            }
            Some(cut)
        }
        // No NUMBER: the number is sometimes in the detail or the note.
        None => detail
            .as_deref()
            .and_then(number_after_keyword)
            .or_else(|| note.as_deref().and_then(number_after_keyword)),
    };
    let Some(value) = value else {
        if kind_text.is_some() || detail.is_some() || note.is_some() {
            let what = [kind_text, detail, note]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ");
            ctx.remark(format!("Document without a number: {what}"));
        }
        return;
    };
    let mut identifier = Identifier::new(kind, value);
    let issuer = issuing.clone().or_else(|| country_of_issue.clone());
    if let Some(text) = &issuer {
        let field = if issuing.is_some() {
            "INDIVIDUAL_DOCUMENT/ISSUING_COUNTRY"
        } else {
            "INDIVIDUAL_DOCUMENT/COUNTRY_OF_ISSUE"
        };
        if !is_unknown(text) {
            identifier.country =
                CountryCode::parse(text).or_else(|| CountryCode::find_all(text).first().copied());
            if identifier.country.is_none() {
                ctx.warn(field, format!("no country recognised in {text:?}"));
            }
            if CountryCode::parse(text).is_none() {
                notes.push(format!("issued by {text}"));
            }
        }
    }
    if let Some(d) = date {
        notes.push(format!("issued {d}"));
    }
    if let Some(c) = city {
        notes.push(format!("issued in {c}"));
    }
    if let (Some(coi), Some(_)) = (&country_of_issue, &issuing) {
        if CountryCode::parse(coi) != identifier.country {
            notes.push(format!("country of issue {coi}"));
        }
    }
    if let Some(n) = note {
        notes.push(n);
    }
    if !notes.is_empty() {
        identifier.note = Some(notes.join("; "));
    }
    Entity::push_unique(&mut ctx.entity.identifiers, identifier);
}

/// The kind of a document from its type, detail and number text. Passports first: Russian
/// "national passport"s are filed under "National Identification Number".
fn document_kind(description: &str) -> IdentifierKind {
    let d = description.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| d.contains(w));
    if has(&["passport", "pasaporte", "passeport", "travel document"]) {
        IdentifierKind::Passport
    } else if has(&["fiscal code", "tax"]) {
        IdentifierKind::TaxId
    } else if has(&[
        "driv",
        "voter",
        "student",
        "ration card",
        "birth certificate",
        "residential",
        "military",
        "ex-serviceman",
        "other id",
        "alien registration",
        "certificate of",
    ]) {
        IdentifierKind::Other
    } else if has(&[
        "social security",
        "identification",
        "identity",
        "id card",
        " id",
    ]) {
        IdentifierKind::NationalId
    } else {
        IdentifierKind::Other
    }
}

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

/// A word of prose (three letters or more, no digit), as opposed to a piece of a number such as
/// `D`, `SE` or `B/002210`.
fn is_word(token: &str) -> bool {
    let w = token.trim_matches(|c: char| !c.is_alphanumeric());
    w.chars().count() >= 3 && w.chars().all(char::is_alphabetic)
}

/// `No.`, `No:`, `Nr`: the word before a number.
fn is_number_marker(token: &str) -> bool {
    let t = token
        .trim_matches(|c: char| c == '.' || c == ':')
        .to_lowercase();
    matches!(t.as_str(), "no" | "nr" | "n°" | "no.:")
}

/// The document number inside a `NUMBER` field that holds more than the number:
/// "CAR diplomatic passport no. D00000898" → "D00000898", "381110042 (Expired 25 Jan. 2016)" →
/// "381110042", "R00012098, South Sudan" → "R00012098". A plain number ("96 03 464086",
/// "SE 012820") is returned as it is.
fn document_number(raw: &str) -> String {
    let without_parens: String = match paren_segments(raw) {
        Some(segments) => segments
            .iter()
            .filter_map(|s| match s {
                Segment::Plain(p) => Some(*p),
                Segment::Group(_) => None,
            })
            .collect(),
        None => raw.to_string(),
    };
    let mut base = if has_digit(&without_parens) {
        without_parens.as_str()
    } else {
        raw
    };
    if base.contains([',', ';']) {
        if let Some(part) = base.split([',', ';']).map(str::trim).find(|p| has_digit(p)) {
            base = part;
        }
    }
    let tokens: Vec<&str> = base.split_whitespace().collect();
    let start = tokens.iter().rposition(|t| is_word(t)).map_or(0, |i| i + 1);
    let value = tokens[start..]
        .iter()
        .filter(|t| !is_number_marker(t))
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let value =
        value.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':') || c.is_whitespace());
    if value.is_empty() || !has_digit(value) {
        raw.to_string()
    } else {
        value.to_string()
    }
}

/// A number written in prose, for documents without `NUMBER`: the run of number-like tokens
/// after "number", "no.", "card", "code:" or "SSN" ("Tunisian passport number L 191609 issued
/// on …" → "L 191609"), else the first token with five digits or more (shorter ones are years).
fn number_after_keyword(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let keyword = |t: &str| {
        let t = t
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        matches!(t.as_str(), "number" | "no" | "nr" | "code" | "ssn" | "card")
    };
    for (i, _) in tokens.iter().enumerate().filter(|(_, t)| keyword(t)) {
        let run: Vec<&str> = tokens[i + 1..]
            .iter()
            .take_while(|t| !is_word(t) && !is_number_marker(t))
            .copied()
            .collect();
        let candidate = run
            .join(" ")
            .trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '(' | ')'))
            .to_string();
        if has_digit(&candidate) {
            return Some(candidate);
        }
    }
    tokens
        .iter()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|t| t.chars().filter(char::is_ascii_digit).count() >= 5)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(raw: &str) -> Vec<String> {
        split_alias(raw).names
    }

    #[test]
    fn alias_lists_are_split() {
        assert_eq!(
            names("Azim Adhajani; Azim Agha-Jani"),
            ["Azim Adhajani", "Azim Agha-Jani"]
        );
        assert_eq!(
            names("Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet"),
            ["Mohammed Sabet", "Mohammad Sabet", "M. Javad Kareemi Sabet"]
        );
        assert_eq!(
            names("حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)"),
            ["حسن غول", "Hassan Ghul", "Hassan Gul", "Hasan Gul"]
        );
        assert_eq!(names("Jin Tiesan (金铁三)"), ["Jin Tiesan", "金铁三"]);
        assert_eq!(
            names("Abu Muhammad Al-Kadari (original script: Абу Мухаммад Аль-Кадари)"),
            ["Abu Muhammad Al-Kadari", "Абу Мухаммад Аль-Кадари"]
        );
    }

    #[test]
    fn short_same_script_parentheses_stay() {
        assert_eq!(
            names("Hay’at Tahrir al-Sham (HTS)"),
            ["Hay’at Tahrir al-Sham (HTS)"]
        );
        assert_eq!(names("華信船務(香港)有限公司"), ["華信船務(香港)有限公司"]);
        assert_eq!(names("Kim Cho'ng-sik"), ["Kim Cho'ng-sik"]);
    }

    #[test]
    fn comments_are_not_names() {
        let s = split_alias(
            "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman\npassport no.03825239)",
        );
        assert_eq!(s.names, ["Safia Farkash Mohammed Al-Hadad"]);
        assert_eq!(s.notes.len(), 1);
        let s = split_alias(
            "Abdel Ilah Sabri (false identity related to fraudulent South African identification number)",
        );
        assert_eq!(s.names, ["Abdel Ilah Sabri"]);
        let s = split_alias("شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)");
        assert_eq!(
            s.names,
            ["شبكة أنصار المجاهدين", "Ansar al-Mujahideen Network"]
        );
        let hts = split_alias(
            "Hay’at Tahrir al-Sham (HTS) (هيئة تحرير الشام (original script); Hay’et Tahrir al-Sham)",
        );
        assert_eq!(
            hts.names,
            [
                "Hay’at Tahrir al-Sham (HTS)",
                "هيئة تحرير الشام",
                "Hay’et Tahrir al-Sham"
            ]
        );
        assert!(names("  ").is_empty());
        assert!(names("()").is_empty());
    }

    #[test]
    fn document_numbers_are_cut_out_of_prose() {
        assert_eq!(
            document_number("CAR diplomatic passport no. D00000898"),
            "D00000898"
        );
        assert_eq!(
            document_number("381110042 (Expired 25 Jan. 2016)"),
            "381110042"
        );
        assert_eq!(document_number("R00012098, South Sudan"), "R00012098");
        assert_eq!(document_number("Libya B/002210"), "B/002210");
        assert_eq!(
            document_number("Russian passport number 8208 No. 555627"),
            "8208 555627"
        );
        assert_eq!(
            document_number("Provisional passport No.: 28642163"),
            "28642163"
        );
        assert_eq!(
            document_number("German travel document (“Reiseausweis”) A 0139243"),
            "A 0139243"
        );
        assert_eq!(document_number("96 03 464086"), "96 03 464086");
        assert_eq!(document_number("SE 012820"), "SE 012820");
        assert_eq!(
            document_number("Afghan passport number SE 012820"),
            "SE 012820"
        );
    }

    #[test]
    fn numbers_in_notes() {
        let n = |t: &str| number_after_keyword(t);
        assert_eq!(
            n("Tunisian passport number L 191609 issued on 28 Feb. 1996").as_deref(),
            Some("L 191609")
        );
        assert_eq!(
            n("SSN 156-92-9858 (United States of America)").as_deref(),
            Some("156-92-9858")
        );
        assert_eq!(
            n("Italian Fiscal Code: DAOMMD74T11Z352Z").as_deref(),
            Some("DAOMMD74T11Z352Z")
        );
        assert_eq!(
            n("04643632 issued on 18 Jun. 1999").as_deref(),
            Some("04643632")
        );
        assert_eq!(
            n("Afghan national identification card (tazkira) number 545167").as_deref(),
            Some("545167")
        );
        assert_eq!(n("issued in 1993, under name Muhammad"), None);
    }

    #[test]
    fn document_kinds() {
        assert_eq!(document_kind("Passport"), IdentifierKind::Passport);
        assert_eq!(
            document_kind("National Identification Number national passport"),
            IdentifierKind::Passport
        );
        assert_eq!(
            document_kind("Número de pasaporte"),
            IdentifierKind::Passport
        );
        assert_eq!(
            document_kind("National Identification Number Italian Fiscal Code:"),
            IdentifierKind::TaxId
        );
        assert_eq!(
            document_kind("National Identification Number Ration card no."),
            IdentifierKind::Other
        );
        assert_eq!(
            document_kind("National Identification Number"),
            IdentifierKind::NationalId
        );
    }

    mod arbitrary_text {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            /// The text helpers slice strings; no input may make them panic.
            #[test]
            fn text_helpers_never_panic(text in "\\PC{0,60}") {
                let split = split_alias(&text);
                prop_assert!(split.names.iter().all(|n| !n.trim().is_empty()));
                let _ = document_number(&text);
                let _ = number_after_keyword(&text);
                let _ = date_from_note(&text, false, Some(2020));
                let _ = gender_in_comment(&text);
                let _ = xs_date(&text);
                let _ = document_kind(&text);
            }

            #[test]
            fn ages_never_overflow(a in any::<u16>(), b in any::<u16>(), listed in any::<u16>()) {
                let _ = date_from_note(&format!("{a}-{b} years old"), true, Some(listed));
            }
        }
    }

    #[test]
    fn gender_said_in_the_comment() {
        assert_eq!(gender_in_comment("Gender: male"), Some(Gender::Male));
        assert_eq!(
            gender_in_comment("Official. Gender: Female."),
            Some(Gender::Female)
        );
        assert_eq!(gender_in_comment("Gender: "), None);
        assert_eq!(gender_in_comment("No gender given"), None);
    }

    #[test]
    fn xs_dates_lose_their_time_zone() {
        assert_eq!(xs_date("2015-07-01-04:00"), "2015-07-01");
        assert_eq!(xs_date("1964-07-17Z"), "1964-07-17");
        assert_eq!(xs_date("2015-07-01+01:00"), "2015-07-01");
        assert_eq!(xs_date("2015-07-01"), "2015-07-01");
        assert_eq!(xs_date("1958 to 1960"), "1958 to 1960");
        assert_eq!(xs_date("Année 2015-07"), "Année 2015-07");
    }

    #[test]
    fn birth_dates_from_notes() {
        let d = |n: &str| date_from_note(n, false, Some(2018)).map(|(d, _)| d.to_string());
        assert_eq!(d("Nov. 1973 ").as_deref(), Some("1973-11"));
        assert_eq!(
            d("Between Aug. and Sep. 1977").as_deref(),
            Some("1977-08..1977-09")
        );
        assert_eq!(d("30-35 years old").as_deref(), Some("circa 1982..1988"));
        assert_eq!(d("24/06/1402 (Hijri Calendar)"), None);
        assert_eq!(month_only("Sep."), Some(9));
        assert_eq!(month_only("from false passport"), None);
    }
}
