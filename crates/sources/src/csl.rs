//! US Consolidated Screening List (CSL), the trade.gov CSV.
//!
//! The CSL gathers 13 export-control and sanctions lists of three US departments (Treasury's SDN,
//! SSI, FSE, NS-MBS, CMIC, CAPTA, PLC; Commerce's Entity List, Denied Persons, Unverified, Military
//! End User; State's ISN and ITAR-debarred) in one CSV with a header. Columns are read **by header
//! name**: the 2022 layout starts with `_id`, the 2019 layout has no `_id`, and missing columns are
//! simply empty. Cells holding several values separate them with `;`.
//!
//! # Ids
//!
//! `_id` is not unique: trade.gov gives a Treasury party the OFAC uid as `_id` in each of its
//! Treasury lists (2022: 71 ids cover 183 rows, e.g. a Russian bank on SDN, SSI and CAPTA). Such
//! rows are one party, so **rows sharing `_id` are merged into one entity `us-csl:<_id>`** carrying
//! all their sources, programs, names and facts. A row whose `_id` is shared but whose name differs
//! from the party's (and whose `entity_number` differs too) is not assumed to be the same party: it
//! becomes `us-csl:<_id>-<8 hex of sha256(source|name)>`, with a warning. When a file has no `_id`
//! column (2019 layout) or the cell is empty, `entity_number` (the OFAC uid) stands in, else
//! `<16 hex of sha256(source code|name|addresses)>` (normalised: upper case, letters and digits,
//! single spaces), which is stable as long as the row is.
//!
//! # Sources and links
//!
//! Each row's source goes into `programs` as its short code (`SDN`, `EL`, `DPL`, `UVL`, `MEU`,
//! `ISN`, `DTC`, `SSI`, `FSE`, `NS-MBS`, `CMIC`, `CAP`, `PLC`…), next to the row's own programs
//! (`SDGT`, `RUSSIA-EO14024`). An SDN row also carries `SourceRef { list: "ofac-sdn", source_id:
//! <entity_number> }` and the other Treasury rows `ofac-cons:<entity_number>`, so that
//! [`crate::link`] merges them with the OFAC lists when those are loaded. A Denied Persons row
//! carries `bis-dpl:<id>` with the id the DPL reader gives the same name and effective date
//! ([`crate::dpl::local_id`]), so it merges with the BIS list the same way.
//!
//! # Schema
//!
//! `type` Individual → Person, Entity → Organization, Vessel, Aircraft → Airplane. Rows of the
//! Commerce and State lists have no type; see [`guess_schema`]: a name with a legal form or an
//! organisation word is an Organization; on the Denied Persons and ITAR-debarred lists (mostly
//! people) a plain 2–6 word name is a Person; anything else is a LegalEntity, which the matcher
//! compares with both people and organisations rather than guess wrong.
//!
//! # Names
//!
//! Names sometimes embed aliases or a legal scope: `Mexpar International, Inc. (a.k.a. Pasadena
//! Aerospace; Aviation Logistics and Supply)`, `LTS Holding Limited (f.k.a. IPP-International
//! Petroleum Products Ltd.)`, `Asia-Invest LLC and any successor, sub-unit, or subsidiary thereof`.
//! The primary name is the party's name alone; aliases become names of their own and the published
//! text is kept in the remarks (see [`split_published_name`]). `alt_names` values get the same
//! treatment, and lose the `and ` the Entity List puts before its last alias.
//!
//! # The `ids` cell
//!
//! Groups such as `CA, BC166787, Passport` (2019 and 2022: label last) or `Passport, 836238033, KP`
//! (2025: label first) become identifiers with their issuing country and dates; the label is found
//! at either end by its meaning. Labels that are not identifiers become facts (`Gender`, `Website`,
//! `Organization Established Date`, aircraft model, vessel flags) or remarks (sanctions
//! information, directive determinations).

use crate::link::merge_entity;
use crate::Error;
use embargo_model::{
    Address, CountryCode, DateOfBirth, Entity, EntityId, Gender, Identifier, IdentifierKind,
    ListDocument, NameKind, PartialDate, Problem, Relation, Schema, SourceRef,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

/// The dataset name of the CSL.
pub const DATASET: &str = "us-csl";

/// Figures of one read, to check that no row is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Data rows in the file (the header excluded).
    pub rows: usize,
    /// Rows left out (wrong column count), each reported as an error problem.
    pub skipped_rows: usize,
    /// Rows folded into an entity read from an earlier row with the same `_id`.
    pub merged_rows: usize,
    /// Entities produced: `rows - skipped_rows - merged_rows`.
    pub entities: usize,
    /// Rows per source short code.
    pub sources: BTreeMap<String, usize>,
}

/// Read a CSL CSV file.
pub fn read(path: &Path) -> Result<ListDocument, Error> {
    read_with_stats(path).map(|(doc, _)| doc)
}

/// Read a CSL CSV file and say how its rows became entities.
pub fn read_with_stats(path: &Path) -> Result<(ListDocument, Stats), Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    parse(&bytes, path)
}

/// Read CSL CSV bytes; `path` names the source in problems and errors.
///
/// Fails only when there is no usable header (no `name` column); every bad row or value is a
/// [`Problem`] in the document.
pub fn parse(bytes: &[u8], path: &Path) -> Result<(ListDocument, Stats), Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let header = match reader.read_byte_record(&mut record) {
        Ok(true) => record
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_ascii_lowercase())
            .collect::<Vec<_>>(),
        Ok(false) => return Err(Error::format(path, "empty file: no CSL header")),
        Err(e) => return Err(Error::format(path, format!("unreadable CSL header: {e}"))),
    };
    let columns = Columns::new(&header);
    if columns.name.is_none() {
        return Err(Error::format(
            path,
            format!("not a CSL file: no `name` column in header {header:?}"),
        ));
    }

    let mut doc = ListDocument {
        dataset: DATASET.to_string(),
        ..Default::default()
    };
    let mut stats = Stats::default();
    let mut ids = IdsOrientation::default();
    // The parties met, and by the hash of their key the first of them; the others with that
    // hash (rows with the same `_id` and another name, or a key whose hash collides) follow
    // through `PartyInfo::next`. Their texts live in one `Arena` rather than in strings of
    // their own: thousands of small strings kept to the end of the read and freed then were a
    // tenth of its time.
    let mut parties: HashMap<u64, usize> = HashMap::new();
    let mut party_info: Vec<PartyInfo> = Vec::new();
    let mut arena = Arena::default();
    // The source codes met, which `PartyInfo::sources` refers to by index.
    let mut codes: Vec<String> = Vec::new();
    // Buffers of `Row::decode`, used again for every row.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut repaired = String::new();

    loop {
        let line = reader.position().line() + 1;
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                doc.problems.push(Problem::error(
                    format!("{file}:{line}"),
                    None,
                    format!("unreadable CSV, rest of file skipped: {e}"),
                ));
                break;
            }
        }
        let line = record.position().map(|p| p.line()).unwrap_or(line);
        let location = Loc { file: &file, line };
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        stats.rows += 1;
        if record.len() != header.len() {
            doc.problems.push(Problem::error(
                location.text(),
                None,
                format!(
                    "expected {} fields, found {}; row skipped",
                    header.len(),
                    record.len()
                ),
            ));
            stats.skipped_rows += 1;
            continue;
        }
        let row = Row::decode(
            &record,
            &header,
            location,
            &mut doc.problems,
            &mut ranges,
            &mut repaired,
        );
        let Some(built) = build_entity(&row, &columns, location, &mut ids, &mut doc.problems)
        else {
            stats.skipped_rows += 1;
            continue;
        };
        match stats.sources.get_mut(built.source_code.as_str()) {
            Some(n) => *n += 1,
            None => {
                stats.sources.insert(built.source_code.clone(), 1);
            }
        }

        let code = match codes.iter().position(|c| *c == built.source_code) {
            Some(c) => c,
            None => {
                codes.push(built.source_code.clone());
                codes.len() - 1
            }
        };
        let key = built.party_key.as_str();
        let hash = key_hash(key);
        let head = parties.get(&hash).copied();
        // Walk the parties with this hash: the first with this key (for the message), the one
        // this row belongs to, and the last (to append a new party after).
        let mut member = head;
        let mut first = None;
        let mut last = None;
        let same_party = loop {
            let Some(i) = member else { break None };
            let info = &party_info[i];
            if arena.get(info.key) == key {
                first = first.or(Some(i));
                if arena.get(info.name_key) == built.name_key
                    || (!built.entity_number.is_empty()
                        && arena.get(info.entity_number) == built.entity_number)
                {
                    break Some(i);
                }
            }
            last = Some(i);
            member = info.next;
        };
        match same_party {
            Some(i) => {
                let info = &mut party_info[i];
                let earlier = std::iter::once(&info.first_source)
                    .chain(&info.more_sources)
                    .find(|(c, _)| *c == code);
                if let Some((_, first_line)) = earlier {
                    doc.problems.push(Problem::warning(
                        location.text(),
                        Some("source"),
                        format!(
                            "repeats the {} listing of `_id` {key} at line {first_line}; merged",
                            built.source_code
                        ),
                    ));
                }
                info.more_sources.push((code, line));
                merge_entity(&mut doc.entities[info.entity], built.entity);
                stats.merged_rows += 1;
            }
            None => {
                let mut entity = built.entity;
                let new = party_info.len();
                if let Some(first) = first {
                    let local = format!(
                        "{key}-{}",
                        &short_hash(&[&built.source_code, &built.name_key])[..8]
                    );
                    doc.problems.push(Problem::warning(
                        location.text(),
                        Some("_id"),
                        format!(
                            "`_id` {key} is shared with a differently named row (line {}); \
                             kept apart as us-csl:{local}",
                            party_info[first].first_line
                        ),
                    ));
                    entity.id = EntityId::new(DATASET, &local);
                    entity.sources[0].source_id = local;
                }
                match last {
                    Some(last) => party_info[last].next = Some(new),
                    None => {
                        parties.insert(hash, new);
                    }
                }
                party_info.push(PartyInfo {
                    entity: doc.entities.len(),
                    key: arena.add(key),
                    name_key: arena.add(&built.name_key),
                    entity_number: arena.add(&built.entity_number),
                    first_line: line,
                    first_source: (code, line),
                    more_sources: Vec::new(),
                    next: None,
                });
                doc.entities.push(entity);
            }
        }
    }
    stats.entities = doc.entities.len();
    Ok((doc, stats))
}

/// A party met, to tell whether a later row with the same key is the same party.
struct PartyInfo {
    /// Index in the document's entities.
    entity: usize,
    key: Span,
    name_key: Span,
    entity_number: Span,
    first_line: u64,
    /// The party's rows: source code (index into the codes met) and line; the first, then the
    /// others merged into it.
    first_source: (usize, u64),
    more_sources: Vec<(usize, u64)>,
    /// The next party whose key has the same hash, if any.
    next: Option<usize>,
}

/// Where a text is in an [`Arena`].
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

/// Texts kept together in one string.
#[derive(Default)]
struct Arena(String);

impl Arena {
    fn add(&mut self, text: &str) -> Span {
        let start = self.0.len();
        self.0.push_str(text);
        Span {
            start,
            end: self.0.len(),
        }
    }

    fn get(&self, span: Span) -> &str {
        &self.0[span.start..span.end]
    }
}

/// The hash of a party key (any collision is resolved by comparing the keys).
fn key_hash(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

/// The columns this reader uses. [`Columns`] finds each in a file's header by its name, once,
/// so that reading a value is an index and not a look-up by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Id,
    Source,
    EntityNumber,
    Type,
    Programs,
    Name,
    Title,
    Addresses,
    FederalRegisterNotice,
    StartDate,
    EndDate,
    StandardOrder,
    LicenseRequirement,
    LicensePolicy,
    CallSign,
    VesselType,
    GrossTonnage,
    GrossRegisteredTonnage,
    VesselFlag,
    VesselOwner,
    Remarks,
    SourceListUrl,
    AltNames,
    Citizenships,
    DatesOfBirth,
    Nationalities,
    PlacesOfBirth,
    SourceInformationUrl,
    Ids,
}

impl Col {
    const ALL: [Col; 29] = [
        Col::Id,
        Col::Source,
        Col::EntityNumber,
        Col::Type,
        Col::Programs,
        Col::Name,
        Col::Title,
        Col::Addresses,
        Col::FederalRegisterNotice,
        Col::StartDate,
        Col::EndDate,
        Col::StandardOrder,
        Col::LicenseRequirement,
        Col::LicensePolicy,
        Col::CallSign,
        Col::VesselType,
        Col::GrossTonnage,
        Col::GrossRegisteredTonnage,
        Col::VesselFlag,
        Col::VesselOwner,
        Col::Remarks,
        Col::SourceListUrl,
        Col::AltNames,
        Col::Citizenships,
        Col::DatesOfBirth,
        Col::Nationalities,
        Col::PlacesOfBirth,
        Col::SourceInformationUrl,
        Col::Ids,
    ];

    /// The header name (lower case).
    fn name(self) -> &'static str {
        match self {
            Col::Id => "_id",
            Col::Source => "source",
            Col::EntityNumber => "entity_number",
            Col::Type => "type",
            Col::Programs => "programs",
            Col::Name => "name",
            Col::Title => "title",
            Col::Addresses => "addresses",
            Col::FederalRegisterNotice => "federal_register_notice",
            Col::StartDate => "start_date",
            Col::EndDate => "end_date",
            Col::StandardOrder => "standard_order",
            Col::LicenseRequirement => "license_requirement",
            Col::LicensePolicy => "license_policy",
            Col::CallSign => "call_sign",
            Col::VesselType => "vessel_type",
            Col::GrossTonnage => "gross_tonnage",
            Col::GrossRegisteredTonnage => "gross_registered_tonnage",
            Col::VesselFlag => "vessel_flag",
            Col::VesselOwner => "vessel_owner",
            Col::Remarks => "remarks",
            Col::SourceListUrl => "source_list_url",
            Col::AltNames => "alt_names",
            Col::Citizenships => "citizenships",
            Col::DatesOfBirth => "dates_of_birth",
            Col::Nationalities => "nationalities",
            Col::PlacesOfBirth => "places_of_birth",
            Col::SourceInformationUrl => "source_information_url",
            Col::Ids => "ids",
        }
    }
}

/// Indexes of the columns this reader uses, found by header name (the last column of a name
/// when a header repeats it).
struct Columns {
    name: Option<usize>,
    index: [Option<usize>; Col::ALL.len()],
}

impl Columns {
    fn new(header: &[String]) -> Self {
        let mut index = [None; Col::ALL.len()];
        for (i, h) in header.iter().enumerate() {
            if let Some(c) = Col::ALL.iter().position(|c| c.name() == h) {
                index[c] = Some(i);
            }
        }
        Columns {
            name: index[Col::Name as usize],
            index,
        }
    }
}

/// Where a row is, for Problems: `file:line`, made into text only when a problem is reported.
#[derive(Clone, Copy)]
struct Loc<'a> {
    file: &'a str,
    line: u64,
}

impl Loc<'_> {
    fn text(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// One decoded row: trimmed values ("" when the column is missing), borrowed from the CSV
/// record, or from a repaired copy when a field is not UTF-8.
struct Row<'r> {
    text: &'r str,
    /// Where each field's trimmed value is in `text`.
    ranges: &'r [(usize, usize)],
}

impl<'r> Row<'r> {
    /// Decode `record`, using `ranges` and `repaired` as buffers (kept from row to row).
    fn decode(
        record: &'r csv::ByteRecord,
        header: &[String],
        location: Loc<'_>,
        problems: &mut Vec<Problem>,
        ranges: &'r mut Vec<(usize, usize)>,
        repaired: &'r mut String,
    ) -> Self {
        ranges.clear();
        // The whole record is checked at once; each field must also start and end on character
        // boundaries, as checking field by field would require.
        let whole = std::str::from_utf8(record.as_slice()).ok().filter(|text| {
            (0..record.len()).all(|i| {
                let Some(field) = record.range(i).and_then(|r| {
                    let start = r.start;
                    text.get(r).map(|f| (start, f))
                }) else {
                    return false;
                };
                let (start, f) = field;
                let lead = f.len() - f.trim_start().len();
                ranges.push((start + lead, start + lead + f.trim().len()));
                true
            })
        });
        let text = match whole {
            Some(text) => text,
            None => {
                ranges.clear();
                repaired.clear();
                for (raw, column) in record.iter().zip(header) {
                    let start = repaired.len();
                    match std::str::from_utf8(raw) {
                        Ok(s) => repaired.push_str(s.trim()),
                        Err(_) => {
                            problems.push(Problem::warning(
                                location.text(),
                                Some(column),
                                "not valid UTF-8; invalid bytes replaced by U+FFFD",
                            ));
                            repaired.push_str(String::from_utf8_lossy(raw).trim());
                        }
                    }
                    ranges.push((start, repaired.len()));
                }
                let repaired: &'r String = repaired;
                repaired.as_str()
            }
        };
        Row { text, ranges }
    }

    fn get<'a>(&'a self, columns: &Columns, column: Col) -> &'a str {
        columns.index[column as usize]
            .and_then(|i| self.ranges.get(i))
            .map(|&(start, end)| &self.text[start..end])
            .unwrap_or("")
    }
}

/// A row turned into an entity, with what grouping needs.
struct Built {
    entity: Entity,
    party_key: String,
    name_key: String,
    entity_number: String,
    source_code: String,
}

fn build_entity(
    row: &Row<'_>,
    columns: &Columns,
    location: Loc<'_>,
    ids: &mut IdsOrientation,
    problems: &mut Vec<Problem>,
) -> Option<Built> {
    let get = |column: Col| row.get(columns, column);
    let source = get(Col::Source);
    let source_code = source_code(source);
    let raw_name = get(Col::Name);
    let published = split_published_name(raw_name);
    if published.primary.is_empty() {
        problems.push(Problem::error(
            location.text(),
            Some("name"),
            "empty name; row skipped",
        ));
        return None;
    }
    let name_key = normalise(&published.primary);
    let entity_number = get(Col::EntityNumber).to_string();
    let party_key = match get(Col::Id) {
        "" if !entity_number.is_empty() => entity_number.clone(),
        "" => short_hash(&[&source_code, &name_key, &normalise(get(Col::Addresses))])[..16]
            .to_string(),
        id => id.to_string(),
    };

    let type_text = get(Col::Type);
    let schema = match type_text.to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "entity" => Schema::Organization,
        "vessel" => Schema::Vessel,
        "aircraft" => Schema::Airplane,
        other => {
            if !other.is_empty() {
                problems.push(Problem::warning(
                    location.text(),
                    Some("type"),
                    format!("unknown type {type_text:?}; schema guessed from the name"),
                ));
            }
            match published.schema_hint {
                Some(s) => s,
                None => guess_schema(&published.primary, lean_of(&source_code)),
            }
        }
    };

    let mut e = Entity::new(
        EntityId::new(DATASET, &party_key),
        schema,
        DATASET,
        &party_key,
    );
    e.add_name(&published.primary, NameKind::Primary);
    for (alias, kind) in &published.aliases {
        e.add_name(alias, *kind);
    }
    if !eq_collapsed(&published.primary, raw_name) {
        Entity::push_unique(&mut e.remarks, format!("Published name: {raw_name}"));
    }
    for piece in split_cell(get(Col::AltNames)) {
        for (alias, kind) in alias_names(piece) {
            e.add_name(&alias, kind);
        }
    }

    if !source_code.is_empty() {
        Entity::push_unique(&mut e.programs, source_code.clone());
    }
    for p in split_cell(get(Col::Programs)) {
        Entity::push_unique(&mut e.programs, p.to_string());
    }
    if !entity_number.is_empty() {
        if source_code == "SDN" {
            e.sources.push(SourceRef {
                list: "ofac-sdn".into(),
                source_id: entity_number.clone(),
            });
        } else if source.contains("Treasury") {
            e.sources.push(SourceRef {
                list: "ofac-cons".into(),
                source_id: entity_number.clone(),
            });
        }
    }

    for t in split_cell(get(Col::Title)) {
        Entity::push_unique(&mut e.positions, t.to_string());
    }
    for a in split_cell(get(Col::Addresses)) {
        let address = parse_address(a);
        if let Some(c) = address.country {
            Entity::push_unique(&mut e.countries, c);
        }
        Entity::push_unique(&mut e.addresses, address);
    }
    for (column, target) in [(Col::Nationalities, 0), (Col::Citizenships, 1)] {
        for c in split_cell(get(column)) {
            match CountryCode::parse(c) {
                Some(code) if target == 0 => Entity::push_unique(&mut e.nationalities, code),
                Some(code) => Entity::push_unique(&mut e.citizenships, code),
                None => problems.push(Problem::warning(
                    location.text(),
                    Some(column.name()),
                    format!("unknown country {c:?}"),
                )),
            }
        }
    }
    for d in split_cell(get(Col::DatesOfBirth)) {
        match DateOfBirth::parse(d) {
            Ok(dob) => Entity::push_unique(&mut e.birth_dates, dob),
            Err(err) => problems.push(Problem::warning(
                location.text(),
                Some("dates_of_birth"),
                format!("{err}; left out"),
            )),
        }
    }
    for p in split_cell(get(Col::PlacesOfBirth)) {
        Entity::push_unique(&mut e.birth_places, p.to_string());
    }
    let start = get(Col::StartDate);
    if !start.is_empty() {
        match PartialDate::parse(start) {
            Ok(d) => {
                e.listed_on = Some(d);
                if source_code == "DPL" {
                    e.sources.push(SourceRef {
                        list: crate::dpl::DATASET.into(),
                        source_id: crate::dpl::local_id(&name_key, &d.to_string()),
                    });
                }
            }
            Err(err) => problems.push(Problem::warning(
                location.text(),
                Some("start_date"),
                format!("{err}; left out"),
            )),
        }
    }
    for (column, label) in [
        (Col::EndDate, "End date"),
        (Col::FederalRegisterNotice, "Federal Register notice"),
        (Col::StandardOrder, "Standard order"),
        (Col::LicenseRequirement, "License requirement"),
        (Col::LicensePolicy, "License policy"),
        (Col::Remarks, ""),
    ] {
        let v = get(column);
        if !v.is_empty() {
            let text = if label.is_empty() {
                v.to_string()
            } else {
                format!("{label}: {v}")
            };
            Entity::push_unique(&mut e.remarks, text);
        }
    }
    let call_sign = get(Col::CallSign);
    if !call_sign.is_empty() {
        Entity::push_unique(
            &mut e.identifiers,
            Identifier::new(IdentifierKind::CallSign, call_sign),
        );
    }
    for (column, property) in [
        (Col::VesselType, "type"),
        (Col::GrossTonnage, "tonnage"),
        (Col::GrossRegisteredTonnage, "grossRegisteredTonnage"),
        (Col::SourceListUrl, "sourceUrl"),
        (Col::SourceInformationUrl, "sourceUrl"),
    ] {
        let v = get(column);
        if !v.is_empty() {
            push_extra(&mut e, property, v);
        }
    }
    let flag = get(Col::VesselFlag);
    // "None Identified" is how the list says it does not know the flag.
    if !flag.is_empty() && !flag.eq_ignore_ascii_case("none identified") {
        match parse_country(flag) {
            Some(c) => {
                Entity::push_unique(&mut e.countries, c);
                Entity::push_unique(
                    e.extra.entry("flag".into()).or_default(),
                    c.as_str().to_string(),
                );
            }
            None => problems.push(Problem::warning(
                location.text(),
                Some("vessel_flag"),
                format!("unknown country {flag:?}"),
            )),
        }
    }
    let owner = get(Col::VesselOwner);
    if !owner.is_empty() {
        Entity::push_unique(
            &mut e.relations,
            Relation {
                kind: "owner".into(),
                target_name: owner.to_string(),
                target_id: None,
                percentage: None,
            },
        );
    }
    for target in linked_to(get(Col::Remarks)) {
        Entity::push_unique(
            &mut e.relations,
            Relation {
                kind: "linked_to".into(),
                target_name: target,
                target_id: None,
                percentage: None,
            },
        );
    }
    ids.apply(get(Col::Ids), &mut e, location, problems);

    Some(Built {
        entity: e,
        party_key,
        name_key,
        entity_number,
        source_code,
    })
}

/// Add `value` to the FtM property `name` unless it holds it already.
fn push_extra(e: &mut Entity, name: &str, value: &str) {
    match e.extra.get_mut(name) {
        Some(values) => {
            if !values.iter().any(|v| v == value) {
                values.push(value.to_string());
            }
        }
        None => {
            e.extra.insert(name.to_string(), vec![value.to_string()]);
        }
    }
}

/// The short code of a CSL source: the text in parentheses (`Specially Designated Nationals (SDN)
/// - Treasury Department` → `SDN`, `(NS-MBS List)` → `NS-MBS`), else the part before ` - `.
pub fn source_code(source: &str) -> String {
    let s = source.trim();
    if let (Some(open), Some(close)) = (s.find('('), s.find(')')) {
        if open < close {
            let code = s[open + 1..close].trim();
            let code = code.strip_suffix(" List").unwrap_or(code).trim();
            if !code.is_empty() {
                return code.to_string();
            }
        }
    }
    s.split(" - ").next().unwrap_or("").trim().to_string()
}

/// Which way an untyped name leans, from the list it is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lean {
    /// Lists of mostly people (Denied Persons, ITAR-debarred): a plain personal-looking name is a
    /// Person.
    Person,
    /// Lists of mostly organisations, or unknown: only legal forms decide.
    Unknown,
}

fn lean_of(source_code: &str) -> Lean {
    match source_code {
        "DPL" | "DTC" => Lean::Person,
        _ => Lean::Unknown,
    }
}

/// Legal forms, written upper case without dots, that end or start a company name.
const LEGAL_FORMS: &str = "\
    INC LTD LIMITED LLC LLP LP CO CORP CORPORATION COMPANY GMBH AG KG SA SAS SARL SRL SL SPA \
    BV NV PLC OOO OAO ZAO PAO AO JSC OJSC CJSC PJSC FZE FZCO FZC FZ LLC PTE PTY AB OY AS KFT \
    SDN BHD EST WLL DOO SAL CIA LTDA SAC SPZOO TOO TOV INCORPORATED PVT SE";

/// Words that only organisations carry in their names.
const ORGANISATION_WORDS: &str = "\
    GROUP HOLDING HOLDINGS INDUSTRIES INDUSTRY INDUSTRIAL TRADING TRADE ENTERPRISE \
    ENTERPRISES INTERNATIONAL INTL TECHNOLOGY TECHNOLOGIES TECH TECHNIK ELECTRONICS \
    ELECTRONIC ENGINEERING SYSTEMS SERVICES SERVICE SOLUTIONS AIRLINES AIRLINE AIRWAYS \
    AVIATION SHIPPING LOGISTICS BANK INSTITUTE UNIVERSITY ACADEMY CENTER CENTRE LABORATORY \
    LABORATORIES FACTORY PLANT MINISTRY ORGANIZATION ORGANISATION ASSOCIATES PARTNERS IMPORT \
    EXPORT IMPORTERS EXPORTERS MANUFACTURING INVEST INVESTMENT INVESTMENTS RESEARCH SUPPLY \
    SUPPLIES EQUIPMENT INSTRUMENTS CONSULTING DEVELOPMENT AEROSPACE SHIPYARD BUREAU \
    DEPARTMENT AGENCY FOUNDATION COOPERATIVE ESTABLISHMENT MARINE PETROLEUM ENERGY CHEMICAL \
    CHEMICALS METALS STEEL MACHINERY ASSOCIATION COMMITTEE FRONT ARMY BRIGADE MOVEMENT PARTY \
    UNION NETWORK EXCHANGE COMMERCIAL CORPORATE VERTRIEBS VERTRIEB HANDEL TRANSPORT FREIGHT \
    CARGO EXPRESS SHIPBUILDING MOTORS PRECISION IMPORTS EXPORTS RESULTS SUPPORT MANAGEMENT \
    UNLIMITED WORLDWIDE GLOBAL SCIENTIFIC SCIENCE MILITARY GENERAL DESIGN SOFTWARE";

fn word_set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

/// Is `word` (upper case, without dots) a legal form such as `LTD`, `GMBH`, `SA`?
fn is_legal_form(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| word_set(LEGAL_FORMS)).contains(word)
}

/// Is `word` (upper case) one only organisations carry, such as `TRADING`, `AIRLINES`?
fn is_organisation_word(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| word_set(ORGANISATION_WORDS))
        .contains(word)
}

/// Guess whether an untyped name is a person or an organisation.
///
/// The Commerce and State lists publish no type. A wrong Person/Organization label costs recall
/// (the matcher does not compare a person query with an organisation), a LegalEntity does not, so
/// the guess is cautious: legal forms, organisation words, digits, `&` or web domains make an
/// Organization; with [`Lean::Person`] a name of 2–6 plain words is a Person; everything else is a
/// LegalEntity.
///
/// ```
/// use embargo_model::Schema;
/// use embargo_sources::csl::{guess_schema, Lean};
/// assert_eq!(guess_schema("AIR FREIGHT LTD", Lean::Person), Schema::Organization);
/// assert_eq!(guess_schema("AARON ROBERT HENDERSON", Lean::Person), Schema::Person);
/// assert_eq!(guess_schema("Abdul Qadeer Khan", Lean::Unknown), Schema::LegalEntity);
/// assert_eq!(guess_schema("APEX", Lean::Person), Schema::LegalEntity);
/// ```
pub fn guess_schema(name: &str, lean: Lean) -> Schema {
    let upper = name.to_uppercase();
    if upper.chars().any(|c| c.is_ascii_digit() || c == '&')
        || upper.contains(".COM")
        || upper.contains(".NET")
        || upper.contains(".ORG")
    {
        return Schema::Organization;
    }
    let is_org = |w: &str| is_legal_form(w) || is_organisation_word(w);
    // The words: pieces between spaces, commas, brackets and slashes, without dots and
    // apostrophes ("S.A." is "SA"), empty ones left out.
    let mut word = String::new();
    let mut words = 0usize;
    let mut plain = true;
    // The previous word, when it is a single byte: "S. L." is "SL" too.
    let mut previous_single: Option<u8> = None;
    for piece in
        upper.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')' || c == '/')
    {
        let w: &str = if piece.contains(['.', '\'']) {
            word.clear();
            word.extend(piece.chars().filter(|c| *c != '.' && *c != '\''));
            &word
        } else {
            piece
        };
        if w.is_empty() {
            continue;
        }
        words += 1;
        if is_org(w.trim_matches('-')) {
            return Schema::Organization;
        }
        let single = (w.len() == 1).then(|| w.as_bytes()[0]);
        if let (Some(a), Some(b)) = (previous_single, single) {
            let pair = [a, b];
            if std::str::from_utf8(&pair).is_ok_and(is_org) {
                return Schema::Organization;
            }
        }
        previous_single = single;
        plain &= w
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '"' || c == '\u{2019}');
    }
    if lean == Lean::Person && (2..=6).contains(&words) && plain {
        Schema::Person
    } else {
        Schema::LegalEntity
    }
}

/// A published name taken apart: the party's name, the aliases written into it, and a schema
/// hint from a qualifier such as `(DPRK individual)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublishedName {
    pub primary: String,
    pub aliases: Vec<(String, NameKind)>,
    pub schema_hint: Option<Schema>,
}

/// Take aliases and scope clauses out of a published name.
///
/// ```
/// use embargo_model::NameKind;
/// use embargo_sources::csl::split_published_name;
/// let n = split_published_name("Precision Image Corporation (a.k.a. Precision Industries, Inc.; CK Enterprises, Inc.)");
/// assert_eq!(n.primary, "Precision Image Corporation");
/// assert_eq!(n.aliases, vec![
///     ("Precision Industries, Inc.".to_string(), NameKind::Alias),
///     ("CK Enterprises, Inc.".to_string(), NameKind::Alias),
/// ]);
/// let n = split_published_name("Asia-Invest LLC and any successor, sub-unit, or subsidiary thereof");
/// assert_eq!(n.primary, "Asia-Invest LLC");
/// let n = split_published_name("PEARL (A.K.A. NEI-CHIEN CHU) LI");
/// assert_eq!(n.primary, "PEARL LI");
/// assert_eq!(n.aliases[0].0, "NEI-CHIEN CHU");
/// ```
pub fn split_published_name(raw: &str) -> PublishedName {
    let mut s = collapse_spaces(raw);
    let mut out = PublishedName::default();

    // Legal scope clauses: "… and any successor, sub-unit, or subsidiary thereof". Each starts
    // with " and ", which lower-casing can only make out of " and " in any case: look for that
    // first, and lower-case only names that have it.
    if contains_ignore_ascii_case(&s, " and ") {
        let lower = s.to_lowercase();
        for clause in [
            " and any successor",
            " and its sub-units",
            " and its subunits",
        ] {
            if let Some(at) = lower.find(clause) {
                // Offsets in `lower` are offsets in `s` only when lower-casing kept the byte
                // lengths.
                if lower.len() == s.len() && s.is_char_boundary(at) {
                    s.truncate(at);
                    break;
                }
            }
        }
    }
    let kept = s.trim_end_matches([',', ';', ' ']).len();
    s.truncate(kept);

    // Qualifiers "(DPRK individual)" / "(… entity)" at the end.
    if s.ends_with(')') {
        if let Some(open) = s.rfind('(') {
            let inner = s[open + 1..s.len() - 1].trim().to_lowercase();
            let hint = if inner.ends_with("individual") {
                Some(Schema::Person)
            } else if inner.ends_with("entity") {
                Some(Schema::Organization)
            } else {
                None
            };
            if hint.is_some() {
                out.schema_hint = hint;
                s = s[..open].trim_end().to_string();
            }
        }
    }

    // Bracketed aliases "(a.k.a. X; Y)", "[aka X, Y]", "(f.k.a., X)".
    let mut guard = 0;
    while let Some((open, close, body_start, kind)) = find_bracketed_alias(&s) {
        guard += 1;
        let body = s[body_start..close].to_string();
        for alias in split_aliases(&body) {
            out.aliases.push((alias, kind));
        }
        let rest = format!("{} {}", s[..open].trim_end(), s[close + 1..].trim_start());
        s = collapse_spaces(rest.trim().trim_end_matches([',', ';']));
        if guard > 8 {
            break;
        }
    }
    // Unbracketed ", a.k.a. X".
    if let Some((at, body_start, kind)) = find_inline_alias(&s) {
        let body = s[body_start..].to_string();
        for alias in split_aliases(&body) {
            out.aliases.push((alias, kind));
        }
        s = s[..at]
            .trim()
            .trim_end_matches([',', ';'])
            .trim()
            .to_string();
    }
    // "AFSHIN (SEAN) NAGHIBI", "APPLIED SYSTEMS METHODS AND TECHNOLOGY (ASMAT)": the name
    // without its parenthetical is how most queries will write it.
    if let Some(bare) = without_parentheticals(&s) {
        out.aliases.push((bare, NameKind::Alias));
    }
    if s.is_empty() && !out.aliases.is_empty() {
        // Nothing but "(a.k.a. X)": the first alias is the best name there is.
        s = out.aliases.remove(0).0;
    }
    out.primary = s;
    out
}

/// Whether `needle` (ASCII) occurs in `haystack`, ignoring ASCII case.
fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    let first = first.to_ascii_lowercase();
    (0..h.len()).any(|i| {
        h[i].to_ascii_lowercase() == first
            && h.get(i..i + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// The name with `( … )` parts removed, when that leaves at least two words and differs.
fn without_parentheticals(s: &str) -> Option<String> {
    if !s.contains('(') {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let bare = collapse_spaces(out.trim().trim_end_matches([',', ';']));
    let words = bare.split_whitespace().count();
    (words >= 2 && bare != s).then_some(bare)
}

/// The names in one `alt_names` value.
///
/// The Entity List writes its last alias as `and JSC 140 Repair Plant` (the cell is a prose list
/// cut at `;`), and some values carry their own marker: `F.K.A. Office of Scientific and
/// Industrial Studies (OSIS)` is a previous name, `X, a.k.a., Y` two aliases.
fn alias_names(piece: &str) -> Vec<(String, NameKind)> {
    let mut text = piece.trim();
    if text.len() > 4 && text.is_char_boundary(4) && text[..4].eq_ignore_ascii_case("and ") {
        text = text[4..].trim_start();
    }
    let mut kind = NameKind::Alias;
    // Every marker starts with `a`, `d` or `f`, which only those letters lower-case to.
    if text.starts_with(['a', 'A', 'd', 'D', 'f', 'F']) {
        let lower = text.to_lowercase();
        if lower.len() == text.len() {
            if let Some((len, marker_kind)) = marker_at(&lower) {
                kind = marker_kind;
                text = text[len..].trim_start_matches([',', ':', ' ']);
            }
        }
    }
    let name = split_published_name(text);
    let mut out = Vec::with_capacity(1 + name.aliases.len());
    if !name.primary.is_empty() {
        out.push((name.primary, kind));
    }
    out.extend(name.aliases);
    out
}

/// Alias markers, lower case, each with the kind of name it introduces.
const ALIAS_MARKERS: &[(&str, NameKind)] = &[
    ("a.k.a.", NameKind::Alias),
    ("a.k.a", NameKind::Alias),
    ("aka", NameKind::Alias),
    ("also known as", NameKind::Alias),
    ("f.k.a.", NameKind::Previous),
    ("f.k.a", NameKind::Previous),
    ("fka", NameKind::Previous),
    ("formerly known as", NameKind::Previous),
    ("a/k/a", NameKind::Alias),
    ("d/b/a", NameKind::Alias),
    ("f/k/a", NameKind::Previous),
];

/// The marker at the start of `text` (lower case), followed by a separator.
fn marker_at(text: &str) -> Option<(usize, NameKind)> {
    ALIAS_MARKERS.iter().find_map(|(m, kind)| {
        let rest = text.strip_prefix(m)?;
        match rest.chars().next() {
            None | Some(' ') | Some(',') | Some(':') => Some((m.len(), *kind)),
            _ => None,
        }
    })
}

/// `(open, close, body_start, kind)` of the first bracket that starts with an alias marker.
fn find_bracketed_alias(s: &str) -> Option<(usize, usize, usize, NameKind)> {
    if !s.contains(['(', '[']) {
        return None;
    }
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        // Case mapping changed byte offsets (rare scripts); don't risk slicing at wrong places.
        return None;
    }
    for (open, c) in s.char_indices() {
        let close_char = match c {
            '(' => ')',
            '[' => ']',
            _ => continue,
        };
        let after = open + 1;
        let skip = lower[after..].len() - lower[after..].trim_start().len();
        let Some((mlen, kind)) = marker_at(&lower[after + skip..]) else {
            continue;
        };
        let mut depth = 0usize;
        for (i, ch) in s[open..].char_indices() {
            if ch == c {
                depth += 1;
            } else if ch == close_char {
                depth -= 1;
                if depth == 0 {
                    let close = open + i;
                    let body_start = after + skip + mlen;
                    return (body_start <= close).then_some((open, close, body_start, kind));
                }
            }
        }
        return None;
    }
    None
}

/// `(marker position, body start, kind)` of ", a.k.a. X" outside brackets.
fn find_inline_alias(s: &str) -> Option<(usize, usize, NameKind)> {
    // A marker follows ", " (its first letter `a`, `d` or `f`, which only those letters
    // lower-case to) or is a slashed one: without either, there is none.
    let after_comma = s.as_bytes().windows(3).any(|w| {
        w[0] == b',' && w[1] == b' ' && matches!(w[2], b'a' | b'A' | b'd' | b'D' | b'f' | b'F')
    });
    if !after_comma && !s.contains('/') {
        return None;
    }
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        return None;
    }
    for (i, _) in lower.match_indices(' ') {
        let at = i + 1;
        if let Some((mlen, kind)) = marker_at(&lower[at..]) {
            // Require a comma before a word marker, so that a name word "Aka" is not one; the
            // slashed forms (A/K/A, D/B/A) are never name words.
            if lower[..i].ends_with(',') || lower[at..at + mlen].contains('/') {
                return Some((i, at + mlen, kind));
            }
        }
    }
    None
}

/// Split an alias list: on `;` when present, else on `,` with legal-form pieces (`Inc.`) joined
/// back to the name before them.
fn split_aliases(body: &str) -> Vec<String> {
    let body = body.trim().trim_start_matches([',', ':', ' ']);
    let pieces: Vec<&str> = if body.contains(';') {
        body.split(';').collect()
    } else {
        body.split(',').collect()
    };
    let mut out: Vec<String> = Vec::new();
    for p in pieces {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        let bare: String = p
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_uppercase();
        match out.last_mut() {
            Some(prev) if is_legal_form(&bare) => {
                prev.push_str(", ");
                prev.push_str(p);
            }
            _ => out.push(p.to_string()),
        }
    }
    out
}

/// Split a `;`-separated cell into trimmed, non-empty values.
fn split_cell(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|v| !v.is_empty())
}

/// The words of `s` joined by single spaces.
fn collapse_spaces(s: &str) -> String {
    // Most names are written so already: copy them without splitting them into words.
    let mut after_space = true;
    let collapsed = s.chars().all(|c| {
        let ok = if c == ' ' {
            !after_space
        } else {
            !c.is_whitespace()
        };
        after_space = c == ' ';
        ok
    });
    if collapsed && !after_space {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `collapsed` is `collapse_spaces(raw)`, without making that string.
fn eq_collapsed(collapsed: &str, raw: &str) -> bool {
    let mut rest = collapsed;
    for (i, word) in raw.split_whitespace().enumerate() {
        if i > 0 {
            match rest.strip_prefix(' ') {
                Some(r) => rest = r,
                None => return false,
            }
        }
        match rest.strip_prefix(word) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// Upper case, letters and digits only, single spaces: the key two spellings of one name share.
pub(crate) fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_uppercase())));
        } else {
            out.push_str(&word.to_uppercase());
        }
    }
    out
}

/// Hex SHA-256 of the parts joined by `|`.
pub(crate) fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update(b"|");
        }
        h.update(p.as_bytes());
    }
    hex::encode(h.finalize())
}

/// A country name or code, also in the inverted form lists use ("Man, Isle of").
fn parse_country(text: &str) -> Option<CountryCode> {
    CountryCode::parse(text).or_else(|| {
        let (a, b) = text.split_once(',')?;
        CountryCode::parse(&format!("{} {}", b.trim(), a.trim()))
    })
}

/// The parties named in OFAC's "(Linked To: NAME)" remarks, which the CSL copies.
fn linked_to(remarks: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = remarks;
    while let Some(at) = find_text(rest, "Linked To:") {
        rest = &rest[at + "Linked To:".len()..];
        let end = rest.find([')', ';']).unwrap_or(rest.len());
        let name = rest[..end].trim();
        if !name.is_empty() {
            out.push(name.to_string());
        }
        rest = &rest[end..];
    }
    out
}

/// Where `word` first occurs in `text`: a plain scan from its first byte, cheaper than
/// `str::find` (which prepares a substring searcher on every call) on short texts.
fn find_text(text: &str, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let first = *w.first()?;
    let mut from = 0;
    while let Some(p) = t[from..].iter().position(|&b| b == first) {
        if t[from + p..].starts_with(w) {
            return Some(from + p);
        }
        from += p + 1;
    }
    None
}

/// A CSL address: the text as published; its last comma part is the country (code or name).
fn parse_address(text: &str) -> Address {
    let last = text.rsplit(',').next().unwrap_or("").trim();
    let country = CountryCode::parse(last);
    if country.is_some() && last.len() == text.trim().len() {
        return Address {
            country,
            ..Default::default()
        };
    }
    Address {
        full: Some(text.to_string()),
        country,
        ..Default::default()
    }
}

/// What an `ids` label means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Id(IdentifierKind),
    /// "Vessel Registration Identification": an IMO number when it says so.
    VesselRegistration,
    Crypto,
    Gender,
    Website,
    /// Organisation established date → birth date (FtM incorporationDate).
    Established,
    /// A free FtM property.
    Property(&'static str),
    /// A country the party is registered in or flies the flag of.
    Country,
    Operator,
    /// Sanctions information, directives, dates of listing: a remark.
    Remark,
}

/// The meaning of an `ids` label (lower case, without trailing `:` / `-`).
fn classify_label(label: &str) -> Option<Label> {
    use IdentifierKind as K;
    let l = label;
    let kind = match l {
        "passport"
        | "diplomatic passport"
        | "stateless person passport"
        | "british national overseas passport"
        | "travel document number" => Label::Id(K::Passport),
        "national id no."
        | "national id"
        | "identification number"
        | "cedula no."
        | "c.u.r.p."
        | "personal id card"
        | "d.n.i."
        | "national foreign id number"
        | "birth certificate number"
        | "turkish identification number"
        | "citizen's card number"
        | "numero de identidad"
        | "kenyan id no."
        | "tazkira national id card"
        | "refugee id card"
        | "stateless person id card"
        | "bosnian personal id no."
        | "cnp (personal numerical code)"
        | "moroccan personal id no."
        | "uae identification"
        | "electoral registry no."
        | "credencial electoral"
        | "i.f.e."
        | "c.u.i."
        | "c.u.i.p."
        | "ssn"
        | "n.i.e."
        | "residency number"
        | "immigration no."
        | "visanumberid"
        | "driver's license no."
        | "cartilla de servicio militar nacional"
        | "seafarer's identification document"
        | "romanian permanent resident"
        | "public security and immigration no."
        | "sre permit no."
        | "pilot license number"
        | "id no." => Label::Id(K::NationalId),
        "tax id no."
        | "tax id"
        | "r.f.c."
        | "rfc"
        | "nit #"
        | "ruc #"
        | "v.a.t. number"
        | "us fein"
        | "c.u.i.t."
        | "rif #"
        | "c.i.f."
        | "fiscal code"
        | "italian fiscal code"
        | "romanian tax registration"
        | "paraguayan tax identification number"
        | "numero unico de identificacao tributaria (nuit)"
        | "rtn"
        | "rsin"
        | "inn" => Label::Id(K::TaxId),
        "registration number"
        | "registration id"
        | "company number"
        | "commercial registry number"
        | "folio mercantil no."
        | "matricula mercantil no"
        | "business registration number"
        | "trade license no."
        | "government gazette number"
        | "public registration number"
        | "unified social credit code (uscc)"
        | "united social credit code certificate (usccc)"
        | "chamber of commerce number"
        | "uk company number"
        | "enterprise number"
        | "certificate of incorporation number"
        | "c.r. no."
        | "business registration document #"
        | "license"
        | "registered charity no."
        | "branch unit number"
        | "dubai chamber of commerce membership no."
        | "le number"
        | "legal entity number"
        | "d-u-n-s number"
        | "business number"
        | "central registration system number"
        | "afghan money service provider license number"
        | "msb registration number"
        | "istanbul chamber of comm. no."
        | "romanian c.r."
        | "tourism license no."
        | "file number"
        | "ogrn" => Label::Id(K::Registration),
        "swift/bic" | "bic" | "swift" => Label::Id(K::Bic),
        "lei" | "legal entity identifier" => Label::Id(K::Lei),
        "imo" | "imo number" => Label::Id(K::Imo),
        "vessel registration identification" => Label::VesselRegistration,
        "mmsi" => Label::Id(K::Mmsi),
        "other vessel call sign" | "vessel call sign" | "call sign" => Label::Id(K::CallSign),
        "aircraft manufacturer's serial number (msn)"
        | "aircraft construction number (also called l/n or s/n or f/n)"
        | "aircraft serial identification" => Label::Id(K::AircraftSerial),
        "aircraft tail number" | "previous aircraft tail number" => Label::Id(K::TailNumber),
        "email address" | "email" => Label::Id(K::Email),
        "phone number" | "phone" => Label::Id(K::Phone),
        "isin"
        | "equity ticker"
        | "bik (ru)"
        | "chinese commercial code"
        | "micex code"
        | "aircraft mode s transponder code"
        | "un/locode"
        | "serial no." => Label::Id(K::Other),
        "gender" => Label::Gender,
        "website" => Label::Website,
        "organization established date" => Label::Established,
        "aircraft manufacture date" => Label::Property("buildDate"),
        "aircraft model" => Label::Property("model"),
        "other vessel type" => Label::Property("type"),
        "target type" => Label::Property("classification"),
        "organization type" => Label::Property("sector"),
        "former vessel flag" => Label::Property("pastFlags"),
        "issuer name" => Label::Remark,
        "nationality of registration" | "registration country" | "other vessel flag" => {
            Label::Country
        }
        "aircraft operator" => Label::Operator,
        _ if l.starts_with("digital currency address") => Label::Crypto,
        _ if l.starts_with("listing date")
            || l.starts_with("effective date")
            || l.starts_with("purchase/sales")
            || l.ends_with("information")
            || l.ends_with("determination")
            || l.contains("sanctions")
            || l.contains("prohibited") =>
        {
            Label::Remark
        }
        _ => return None,
    };
    Some(kind)
}

/// The key [`classify_label`] takes: the token trimmed of spaces and a trailing `:` / `-`, in
/// lower case; written into `out`.
fn label_key_into(token: &str, out: &mut String) {
    let t = token.trim().trim_end_matches([':', '-', ' ']).trim();
    out.clear();
    if t.is_ascii() {
        out.extend(t.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&t.to_lowercase());
    }
}

/// Labels written as labels even when unknown: "Secondary sanctions risk:", "… Determination -".
fn looks_like_label(token: &str) -> bool {
    let t = token.trim();
    t.ends_with(':') || t.ends_with(" -")
}

/// The `ids` cell: `;`-separated groups such as `CA, BC166787, Passport` (2019 and 2022 layouts:
/// country, dates, number, then the label last) or `Passport, 836238033, KP` (2025 layout: label
/// first, country last). The label is found at either end by its meaning; a group whose label is
/// at neither known end follows the orientation most groups of the file had so far (label last
/// until told otherwise).
#[derive(Default)]
struct IdsOrientation {
    label_first: usize,
    label_last: usize,
    /// Room for a label key, used again for every label.
    key: String,
}

impl IdsOrientation {
    fn apply(
        &mut self,
        cell: &str,
        e: &mut Entity,
        location: Loc<'_>,
        problems: &mut Vec<Problem>,
    ) {
        for group in split_cell(cell) {
            let tokens: Vec<&str> = group
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            if tokens.len() < 2 {
                Entity::push_unique(&mut e.remarks, group.to_string());
                continue;
            }
            let first = tokens[0];
            let last = tokens[tokens.len() - 1];
            label_key_into(first, &mut self.key);
            let known_first = classify_label(&self.key);
            label_key_into(last, &mut self.key);
            let known_last = classify_label(&self.key);
            let label_first = match (known_first.is_some(), known_last.is_some()) {
                (true, false) => true,
                (false, true) => false,
                _ => match (looks_like_label(first), looks_like_label(last)) {
                    (true, false) => true,
                    (false, true) => false,
                    _ => self.label_first > self.label_last,
                },
            };
            if known_first.is_some() != known_last.is_some() {
                if label_first {
                    self.label_first += 1;
                } else {
                    self.label_last += 1;
                }
            }
            let (label, rest) = if label_first {
                (first, &tokens[1..])
            } else {
                (last, &tokens[..tokens.len() - 1])
            };
            let meaning = if label_first { known_first } else { known_last };
            apply_id(e, label, meaning, rest, location, problems);
        }
    }
}

fn apply_id(
    e: &mut Entity,
    label: &str,
    meaning: Option<Label>,
    rest: &[&str],
    location: Loc<'_>,
    problems: &mut Vec<Problem>,
) {
    let label_text = label.trim().trim_end_matches([':', '-', ' ']).trim();
    let whole = rest.join(", ");
    let meaning = match meaning {
        Some(m) => m,
        None if looks_like_label(label) => Label::Remark,
        None => Label::Id(IdentifierKind::Other),
    };
    match meaning {
        Label::Remark => {
            Entity::push_unique(&mut e.remarks, format!("{label_text}: {whole}"));
        }
        Label::Gender => match Gender::parse(&whole) {
            Some(g) => e.gender = Some(g),
            None => problems.push(Problem::warning(
                location.text(),
                Some("ids"),
                format!("unknown gender {whole:?}"),
            )),
        },
        Label::Website => {
            Entity::push_unique(e.extra.entry("website".into()).or_default(), whole);
        }
        Label::Property(p) => {
            Entity::push_unique(e.extra.entry(p.into()).or_default(), whole);
        }
        Label::Established => match DateOfBirth::parse(&whole) {
            Ok(d) => Entity::push_unique(&mut e.birth_dates, d),
            Err(err) => problems.push(Problem::warning(
                location.text(),
                Some("ids"),
                format!("{label_text}: {err}; left out"),
            )),
        },
        Label::Country => match parse_country(&whole) {
            Some(c) => Entity::push_unique(&mut e.countries, c),
            None => problems.push(Problem::warning(
                location.text(),
                Some("ids"),
                format!("{label_text}: unknown country {whole:?}"),
            )),
        },
        Label::Operator => Entity::push_unique(
            &mut e.relations,
            Relation {
                kind: "operator".into(),
                target_name: whole,
                target_id: None,
                percentage: None,
            },
        ),
        Label::Id(_) | Label::VesselRegistration | Label::Crypto => {
            let parsed = IdParts::from_tokens(rest);
            if parsed.value.is_empty() {
                problems.push(Problem::warning(
                    location.text(),
                    Some("ids"),
                    format!("{label_text} without a number"),
                ));
                return;
            }
            let (kind, value) = match meaning {
                Label::Id(k) => (k, parsed.value),
                Label::Crypto => (IdentifierKind::CryptoWallet, parsed.value),
                _ => {
                    let upper = parsed.value.to_ascii_uppercase();
                    match upper.strip_prefix("IMO") {
                        Some(num) => (IdentifierKind::Imo, num.trim().to_string()),
                        None => (IdentifierKind::Registration, parsed.value),
                    }
                }
            };
            let mut note = label_text.to_string();
            match parsed.dates.as_slice() {
                [] => {}
                [d] => note.push_str(&format!("; date {d}")),
                [a, b, ..] => {
                    let (issued, expires) = if a <= b { (a, b) } else { (b, a) };
                    note.push_str(&format!("; issued {issued}; expires {expires}"));
                }
            }
            Entity::push_unique(
                &mut e.identifiers,
                Identifier {
                    kind,
                    value,
                    country: parsed.country,
                    note: Some(note),
                },
            );
        }
    }
}

/// The parts of an identifier group other than its label.
struct IdParts {
    value: String,
    country: Option<CountryCode>,
    dates: Vec<String>,
}

impl IdParts {
    fn from_tokens(tokens: &[&str]) -> Self {
        let mut rest: Vec<&str> = tokens.to_vec();
        let mut country = None;
        if rest.len() >= 2 {
            // A two-letter country code opens (2019/2022) or closes (2025) the group.
            if let Some(c) = two_letter_country(rest[0]) {
                country = Some(c);
                rest.remove(0);
            } else if let Some(c) = rest.last().and_then(|t| two_letter_country(t)) {
                country = Some(c);
                rest.pop();
            }
        }
        let mut dates = Vec::new();
        if rest.len() >= 2 {
            rest.retain(|t| {
                if is_iso_date(t) {
                    dates.push(t.to_string());
                    false
                } else {
                    true
                }
            });
        }
        IdParts {
            value: rest.join(", "),
            country,
            dates,
        }
    }
}

fn two_letter_country(t: &str) -> Option<CountryCode> {
    let t = t.trim();
    if t.len() == 2 && t.bytes().all(|b| b.is_ascii_uppercase()) {
        CountryCode::from_code(t)
    } else {
        None
    }
}

fn is_iso_date(t: &str) -> bool {
    let b = t.trim().as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(cell: &str) -> Entity {
        let mut e = Entity::new(EntityId::new("t", "1"), Schema::Person, "t", "1");
        let mut problems = Vec::new();
        IdsOrientation::default().apply(cell, &mut e, Loc { file: "t", line: 1 }, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        e
    }

    #[test]
    fn ids_label_last_layout() {
        let e = ids("JO, 2014-08-30, 2009-08-31, K475336, Passport; Male, Gender");
        assert_eq!(e.identifiers.len(), 1);
        let id = &e.identifiers[0];
        assert_eq!(id.kind, IdentifierKind::Passport);
        assert_eq!(id.value, "K475336");
        assert_eq!(id.country.unwrap().as_str(), "jo");
        assert_eq!(
            id.note.as_deref(),
            Some("Passport; issued 2009-08-31; expires 2014-08-30")
        );
        assert_eq!(e.gender, Some(Gender::Male));
    }

    #[test]
    fn ids_label_first_layout() {
        let e = ids("Passport, 836238033, KP; Secondary sanctions risk:, North Korea Sanctions Regulations, sections 510.201 and 510.210; Gender, Male");
        assert_eq!(e.identifiers[0].value, "836238033");
        assert_eq!(e.identifiers[0].country.unwrap().as_str(), "kp");
        assert_eq!(
            e.remarks,
            vec!["Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210"]
        );
        assert_eq!(e.gender, Some(Gender::Male));
    }

    #[test]
    fn ids_vessel_and_crypto() {
        let e = ids("IMO 8898831, Vessel Registration Identification; 1Fz29BQp82pE3vXXcsZoMNQ3KSHfMzfMe3, Digital Currency Address - XBT");
        assert_eq!(e.identifiers[0].kind, IdentifierKind::Imo);
        assert_eq!(e.identifiers[0].value, "8898831");
        assert_eq!(e.identifiers[1].kind, IdentifierKind::CryptoWallet);
        assert_eq!(
            e.identifiers[1].note.as_deref(),
            Some("Digital Currency Address - XBT")
        );
    }

    #[test]
    fn linked_to_remarks() {
        assert_eq!(
            linked_to("(Linked To: AUTOLEX TRANSPORT LTD.)"),
            vec!["AUTOLEX TRANSPORT LTD."]
        );
        assert_eq!(linked_to("(Linked To: A; Linked To: B)"), vec!["A", "B"]);
        assert!(linked_to("Member ETA").is_empty());
    }

    #[test]
    fn source_codes() {
        assert_eq!(
            source_code("Specially Designated Nationals (SDN) - Treasury Department"),
            "SDN"
        );
        assert_eq!(
            source_code("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department"),
            "NS-MBS"
        );
        assert_eq!(
            source_code("Military End User (MEU) List - Bureau of Industry and Security"),
            "MEU"
        );
        assert_eq!(source_code("Something - Else"), "Something");
    }

    #[test]
    fn names_with_aliases() {
        let n = split_published_name(
            "Astronautics Research Institute [aka Astronautics Systems Research Center, Aerospace Research Institute]",
        );
        assert_eq!(n.primary, "Astronautics Research Institute");
        assert_eq!(n.aliases.len(), 2);
        let n = split_published_name("Gazprom Sotsinvest, OOO (f.k.a., Gazprominvestarena OOO)");
        assert_eq!(n.primary, "Gazprom Sotsinvest, OOO");
        assert_eq!(
            n.aliases,
            vec![("Gazprominvestarena OOO".to_string(), NameKind::Previous)]
        );
        let n = split_published_name("Ri Sung Chol (aka Ri Su'ng-ch'o'l) (DPRK individual)");
        assert_eq!(n.primary, "Ri Sung Chol");
        assert_eq!(n.schema_hint, Some(Schema::Person));
        let n = split_published_name(
            "Chitron Electronics Company Ltd., a.k.a. Chi-Chung Electronics Company Ltd. (Chitron-Shenzhen)",
        );
        assert_eq!(n.primary, "Chitron Electronics Company Ltd.");
        assert_eq!(n.aliases.len(), 1);
        let n = split_published_name("FUYI SUN A/K/A FRANK SUN");
        assert_eq!(n.primary, "FUYI SUN");
        assert_eq!(n.aliases, vec![("FRANK SUN".to_string(), NameKind::Alias)]);
        let n = split_published_name("AFSHIN (SEAN) NAGHIBI");
        assert_eq!(n.primary, "AFSHIN (SEAN) NAGHIBI");
        assert_eq!(
            n.aliases,
            vec![("AFSHIN NAGHIBI".to_string(), NameKind::Alias)]
        );
        assert!(split_published_name("(SEAN) NAGHIBI").aliases.is_empty());
        let n = split_published_name("Far East Trading Company, Inc. (a.k.a. FETCO, Inc.)");
        assert_eq!(n.aliases[0].0, "FETCO, Inc.");
        for plain in ["YK-AKA", "AJAKA, Tony", "MAZAKA GENERAL TRADING L.L.C."] {
            let n = split_published_name(plain);
            assert_eq!(n.primary, plain);
            assert!(n.aliases.is_empty());
        }
        let n = split_published_name(
            "China Aerospace Science and Technology Corporation (CASC) First Academy, and its sub-units and successors",
        );
        assert_eq!(
            n.primary,
            "China Aerospace Science and Technology Corporation (CASC) First Academy"
        );
    }

    #[test]
    fn alt_name_values() {
        assert_eq!(
            alias_names("and JSC 140 Repair Plant"),
            vec![("JSC 140 Repair Plant".to_string(), NameKind::Alias)]
        );
        assert_eq!(
            alias_names("F.K.A. Office of Scientific and Industrial Studies (OSIS)")[0],
            (
                "Office of Scientific and Industrial Studies (OSIS)".to_string(),
                NameKind::Previous
            )
        );
        let two = alias_names(
            "and Thermal Processing Technology Research Institute, a.k.a., Hot Working Technology Institute",
        );
        assert_eq!(two[0].0, "Thermal Processing Technology Research Institute");
        assert_eq!(two[1].0, "Hot Working Technology Institute");
        assert_eq!(alias_names("Andrew SMITH")[0].0, "Andrew SMITH");
        assert_eq!(
            alias_names("ABOULAIL"),
            vec![("ABOULAIL".to_string(), NameKind::Alias)]
        );
    }

    #[test]
    fn schema_guesses() {
        assert_eq!(
            guess_schema("KOTO COMMERCIO IBERICA, S.L.", Lean::Person),
            Schema::Organization
        );
        assert_eq!(
            guess_schema("MYNET.NET CORP", Lean::Person),
            Schema::Organization
        );
        assert_eq!(
            guess_schema("ROBERT J. SHUBERT, SR.", Lean::Person),
            Schema::Person
        );
        assert_eq!(guess_schema("Aaron De Leon", Lean::Person), Schema::Person);
        assert_eq!(
            guess_schema("140 Repair Plant JSC", Lean::Unknown),
            Schema::Organization
        );
    }
}
