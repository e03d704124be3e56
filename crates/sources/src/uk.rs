//! UK Sanctions List reader (FCDO), CSV and XML, and the former OFSI Consolidated List layout.
//!
//! The FCDO publishes `UK-Sanctions-List.csv` (a `Report Date:` line, then a header row, then
//! one row per name or address variant of a designation) and `UK-Sanctions-List.xml`
//! (`Designations` / `Designation`, names in `Names/Name` with `Name1`…`Name6` and `NameType`,
//! details in `IndividualDetails`, `EntityDetails`, `ShipDetails`). No schema file for either
//! ships with the data; the layout here follows the published column headings
//! (`Unique ID`, `OFSI Group ID`, `Name 6`, `Name 1`…`Name 5`, `Name type`, `Alias strength`,
//! `D.O.B`, `Nationality(/ies)`, `Passport number`, `Regime Name`, `Date Designated`…) and
//! the element names of the XML.
//!
//! Both formats are read the same way: the XML is flattened into the same named fields a CSV
//! row has (one "row" per `Name`, `Address`, `Passport`… element), and every row is applied to
//! the entity of its designation. Headings and element names are compared lower-case with
//! punctuation removed (`Nationality(/ies)` → `nationalityies`, `UniqueID` → `uniqueid`), so
//! spacing changes on the publisher's side do not break the reader, and the former OFSI list
//! (`Group ID`, `Alias Type`, `Alias Quality`, `Group Type`) reads through the same table.
//!
//! Ids are `uk:<Unique ID>` (`uk:RUS1222`): the FCDO's designation reference, stable across
//! versions. OFSI rows without a UK reference fall back to their Group ID.
//!
//! Dates are day/month/year (`19/12/1967`); unknown parts are written `dd`, `mm` or `00`
//! (`dd/mm/1955` is the year 1955).
//!
//! ```no_run
//! use embargo_sources::{uk, Format};
//! let doc = uk::read(std::path::Path::new("UK-Sanctions-List.csv"), Format::UkCsv).unwrap();
//! assert_eq!(doc.dataset, "uk");
//! ```

use crate::ofac_xml::xml::{self, Node};
use crate::{Error, Format};
use embargo_model::{
    Address, CountryCode, DateOfBirth, Entity, EntityId, Gender, Identifier, IdentifierKind,
    ListDocument, NameKind, NameParts, PartialDate, Problem, Relation, Schema,
};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

pub const DATASET: &str = "uk";

/// Read a UK Sanctions List file in the given format ([`Format::UkCsv`] or [`Format::UkXml`]).
pub fn read(path: &Path, format: Format) -> Result<ListDocument, Error> {
    let text = xml::read_text(path)?;
    match format {
        Format::UkCsv => read_csv_str(path, &text),
        Format::UkXml => read_xml_str(path, &text),
        other => Err(Error::format(
            path,
            format!(
                "the UK reader reads uk-csv or uk-xml, not {}",
                other.as_str()
            ),
        )),
    }
}

/// The fields the reader knows, with the normalised headings / element names that carry them.
const FIELDS: &[(&str, &[&str])] = &[
    ("id", &["uniqueid", "uksanctionslistref"]),
    ("groupid", &["ofsigroupid", "groupid"]),
    ("unref", &["unreferencenumber", "unref"]),
    ("lastupdated", &["lastupdated"]),
    ("name1", &["name1"]),
    ("name2", &["name2"]),
    ("name3", &["name3"]),
    ("name4", &["name4"]),
    ("name5", &["name5"]),
    ("name6", &["name6"]),
    ("nametype", &["nametype", "aliastype"]),
    ("strength", &["aliasstrength", "aliasquality"]),
    ("title", &["title"]),
    ("nonlatin", &["namenonlatinscript"]),
    ("regime", &["regimename", "regime"]),
    (
        "type",
        &[
            "designationtype",
            "individualentityship",
            "grouptype",
            "grouptypedescription",
        ],
    ),
    ("source", &["designationsource"]),
    ("sanctions", &["sanctionsimposed"]),
    ("other", &["otherinformation"]),
    ("reasons", &["ukstatementofreasons"]),
    ("addr1", &["addressline1", "address1"]),
    ("addr2", &["addressline2", "address2"]),
    ("addr3", &["addressline3", "address3"]),
    ("addr4", &["addressline4", "address4"]),
    ("addr5", &["addressline5", "address5"]),
    ("addr6", &["addressline6", "address6"]),
    (
        "postcode",
        &["addresspostalcode", "postzipcode", "postcode"],
    ),
    ("addrcountry", &["addresscountry", "country"]),
    ("phone", &["phonenumber"]),
    ("website", &["website"]),
    ("email", &["emailaddress"]),
    (
        "designated",
        &[
            "datedesignated",
            "uksanctionslistdatedesignated",
            "listedon",
            "datelisted",
        ],
    ),
    ("dob", &["dob", "dateofbirth", "individualdateofbirth"]),
    (
        "nationality",
        &["nationalityies", "nationality", "individualnationality"],
    ),
    (
        "natid",
        &["nationalidentifiernumber", "nationalidentificationnumber"],
    ),
    (
        "natidinfo",
        &[
            "nationalidentifieradditionalinformation",
            "nationalidentificationdetails",
        ],
    ),
    ("passport", &["passportnumber", "individualpassportnumber"]),
    (
        "passportinfo",
        &["passportadditionalinformation", "passportdetails"],
    ),
    ("position", &["position", "individualposition"]),
    ("gender", &["gender"]),
    ("town", &["townofbirth"]),
    ("cob", &["countryofbirth"]),
    ("entitytype", &["typeofentity", "typeofentities"]),
    ("subsidiary", &["subsidiaries", "subsidiary"]),
    ("parent", &["parentcompany", "parentcompanies"]),
    (
        "regno",
        &["businessregistrationnumbers", "businessregistrationnumber"],
    ),
    ("imo", &["imonumber"]),
    ("owner", &["currentowneroperators", "currentowneroperator"]),
    (
        "prevowner",
        &["previousowneroperators", "previousowneroperator"],
    ),
    ("flag", &["currentbelievedflagofship"]),
    ("prevflag", &["previousflags", "previousflag"]),
    ("shiptype", &["typeofship"]),
    ("tonnage", &["tonnageofship"]),
    ("length", &["lengthofship"]),
    ("yearbuilt", &["yearbuilt"]),
    (
        "hin",
        &["hullidentificationnumberhin", "hullidentificationnumber"],
    ),
];

/// Published fields embargo does not use (scripts' names, yes/no measure flags…): not reported.
const IGNORED: &[&str] = &[
    "nonlatinscripttype",
    "nonlatinscriptlanguage",
    "dategenerated",
    "assetfreeze",
    "travelban",
    "armsembargo",
    "targetedarmsembargo",
    "charteringofships",
    "crewservicingofshipsandaircraft",
    "prohibitionofportentry",
    "deflag",
    "preventionofbusinessarrangements",
    "preventionofcharteringofships",
    "closureofrepresentativeoffices",
    "trustservicessanctions",
    "directordisqualificationsanction",
    "grpstatus",
    "groupstatus",
    "listingtype",
    "datelistedtype",
];

fn normalise(heading: &str) -> String {
    heading
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn field_of(key: &str) -> Option<&'static str> {
    FIELDS
        .iter()
        .find(|(_, names)| names.contains(&key))
        .map(|(f, _)| *f)
}

/// One row of named fields: a CSV row, or one flattened XML element.
type Row = Vec<(&'static str, String)>;

fn row_get<'a>(row: &'a [(&'static str, String)], field: &str) -> Option<&'a str> {
    row.iter()
        .find(|(f, v)| *f == field && !v.trim().is_empty())
        .map(|(_, v)| v.trim())
}

/// A UK date: `dd/mm/yyyy` with `dd`, `mm` or `00` for unknown parts, or `13-Feb-2026`, or ISO.
pub fn parse_uk_date(s: &str) -> Result<PartialDate, embargo_model::date::InvalidDate> {
    let t = s.trim();
    let err = || embargo_model::date::InvalidDate(t.to_string());
    let parts: Vec<&str> = t.split('/').map(str::trim).collect();
    let num = |p: &str| -> Option<u8> { p.parse::<u8>().ok().filter(|n| *n != 0) };
    match parts.as_slice() {
        [d, m, y] => {
            let year: u16 = y.parse().map_err(|_| err())?;
            let month = num(m);
            let day = month.and(num(d));
            if month.is_none() && !m.chars().all(|c| c == 'm' || c == 'M' || c == '0') {
                return Err(err());
            }
            PartialDate::new(year, month, day).map_err(|_| err())
        }
        [m, y] => {
            let year: u16 = y.parse().map_err(|_| err())?;
            PartialDate::new(year, num(m), None).map_err(|_| err())
        }
        _ => {
            // "13-Feb-2026" (the CSV's report date) reads as "13 Feb 2026".
            let spaced = if t.chars().any(|c| c.is_ascii_alphabetic()) {
                t.replace('-', " ")
            } else {
                t.to_string()
            };
            PartialDate::parse(&spaced).map_err(|_| err())
        }
    }
}

/// Split the old OFSI multi-value form "(1) Afghanistan (2) Pakistan"; other text is one value.
fn split_numbered(text: &str) -> Vec<String> {
    let t = text.trim();
    if !t.starts_with("(1)") {
        return vec![t.to_string()];
    }
    let mut out = Vec::new();
    let mut rest = t;
    let mut n = 1;
    while let Some(after) = rest.strip_prefix(&format!("({n})")) {
        let next = format!("({})", n + 1);
        let (value, tail) = match after.find(&next) {
            Some(i) => (&after[..i], &after[i..]),
            None => (after, ""),
        };
        let v = value.trim().trim_end_matches(['.', ',', ';']).trim();
        if !v.is_empty() {
            out.push(v.to_string());
        }
        rest = tail;
        n += 1;
    }
    out
}

fn push_extra(e: &mut Entity, key: &str, value: &str) {
    let values = e.extra.entry(key.to_string()).or_default();
    if !values.iter().any(|v| v == value) {
        values.push(value.to_string());
    }
}

fn schema_of(t: &str) -> Option<Schema> {
    match t.trim().to_ascii_lowercase().as_str() {
        "individual" => Some(Schema::Person),
        "entity" => Some(Schema::Organization),
        "ship" | "vessel" => Some(Schema::Vessel),
        _ => None,
    }
}

/// The document being built: entities by id, in first-seen order.
struct Builder {
    file: String,
    doc: ListDocument,
    index: HashMap<String, usize>,
    /// Where each entity was first seen, for problems found later (`file:line`).
    unknown_fields: BTreeSet<String>,
}

impl Builder {
    fn new(path: &Path) -> Self {
        Builder {
            file: path.display().to_string(),
            doc: ListDocument {
                dataset: DATASET.to_string(),
                ..ListDocument::default()
            },
            index: HashMap::new(),
            unknown_fields: BTreeSet::new(),
        }
    }

    fn warn(&mut self, loc: &str, field: &str, message: String) {
        self.doc
            .problems
            .push(Problem::warning(loc, Some(field), message));
    }

    fn country(&mut self, loc: &str, field: &str, text: &str) -> Option<CountryCode> {
        let c = CountryCode::parse(text);
        if c.is_none() {
            self.warn(loc, field, format!("unknown country {text:?}"));
        }
        c
    }

    /// The entity for a designation id, created on first sight with the row's type.
    fn entity(&mut self, id: &str, type_text: Option<&str>, line_loc: &str) -> usize {
        if let Some(i) = self.index.get(id) {
            return *i;
        }
        let schema = match type_text.map(|t| (t, schema_of(t))) {
            Some((_, Some(s))) => s,
            Some((t, None)) => {
                self.warn(
                    line_loc,
                    "type",
                    format!("unknown designation type {t:?}, read as LegalEntity"),
                );
                Schema::LegalEntity
            }
            None => {
                self.warn(
                    line_loc,
                    "type",
                    "no designation type, read as LegalEntity".into(),
                );
                Schema::LegalEntity
            }
        };
        self.doc
            .entities
            .push(Entity::new(EntityId::new(DATASET, id), schema, DATASET, id));
        let i = self.doc.entities.len() - 1;
        self.index.insert(id.to_string(), i);
        i
    }

    /// Apply one row of fields to entity `i`. `loc` names the row (`file:line`) for problems.
    fn apply(&mut self, i: usize, row: &[(&'static str, String)], loc: &str) {
        let id = self.doc.entities[i].id.as_str();
        let loc = format!("{loc}#{}", id.strip_prefix("uk:").unwrap_or(id));
        let loc = loc.as_str();
        self.apply_name(i, row, loc);
        if let Some(v) = row_get(row, "nonlatin") {
            self.doc.entities[i].add_name(v, NameKind::OriginalScript);
        }
        for field in ["nationality", "flag"] {
            let Some(v) = row_get(row, field) else {
                continue;
            };
            for one in split_numbered(v) {
                let c = self.country(loc, field, &one);
                let e = &mut self.doc.entities[i];
                match c {
                    Some(c) if field == "nationality" => {
                        Entity::push_unique(&mut e.nationalities, c)
                    }
                    Some(c) => {
                        Entity::push_unique(&mut e.countries, c);
                        push_extra(e, "flag", c.as_str());
                    }
                    None => push_extra(e, field, &one),
                }
            }
        }
        self.apply_address(i, row, loc);
        self.apply_dates(i, row, loc);
        let place: Vec<&str> = [row_get(row, "town"), row_get(row, "cob")]
            .into_iter()
            .flatten()
            .collect();
        if !place.is_empty() {
            Entity::push_unique(&mut self.doc.entities[i].birth_places, place.join(", "));
        }
        if let Some(g) = row_get(row, "gender") {
            match Gender::parse(g) {
                Some(g) => self.doc.entities[i].gender = Some(g),
                None => self.warn(loc, "gender", format!("unknown gender {g:?}")),
            }
        }
        let e = &mut self.doc.entities[i];
        let simple = |field: &str| row_get(row, field).map(split_numbered).unwrap_or_default();
        for v in simple("title") {
            Entity::push_unique(&mut e.titles, v);
        }
        for v in simple("position") {
            Entity::push_unique(&mut e.positions, v);
        }
        if let Some(r) = row_get(row, "regime") {
            Entity::push_unique(&mut e.programs, r.to_string());
        }
        for f in ["other", "reasons"] {
            if let Some(v) = row_get(row, f) {
                Entity::push_unique(&mut e.remarks, v.to_string());
            }
        }
        if let Some(s) = row_get(row, "sanctions") {
            for p in s.split('|').map(str::trim).filter(|p| !p.is_empty()) {
                push_extra(e, "provisions", p);
            }
        }
        for (field, key) in [
            ("unref", "unscId"),
            ("groupid", "ofsiGroupId"),
            ("source", "designationSource"),
            ("entitytype", "legalForm"),
            ("website", "website"),
            ("prevflag", "pastFlags"),
            ("shiptype", "vesselType"),
            ("tonnage", "tonnage"),
            ("length", "length"),
            ("yearbuilt", "buildDate"),
        ] {
            if let Some(v) = row_get(row, field) {
                push_extra(e, key, v);
            }
        }
        let ids: [(&str, IdentifierKind, Option<&str>); 7] = [
            (
                "passport",
                IdentifierKind::Passport,
                row_get(row, "passportinfo"),
            ),
            (
                "natid",
                IdentifierKind::NationalId,
                row_get(row, "natidinfo"),
            ),
            ("regno", IdentifierKind::Registration, None),
            ("imo", IdentifierKind::Imo, None),
            (
                "hin",
                IdentifierKind::Other,
                Some("Hull identification number (HIN)"),
            ),
            ("phone", IdentifierKind::Phone, None),
            ("email", IdentifierKind::Email, None),
        ];
        for (field, kind, note) in ids {
            let Some(v) = row_get(row, field) else {
                continue;
            };
            for one in split_numbered(v) {
                let ident = Identifier {
                    kind,
                    value: one,
                    country: None,
                    note: note.map(str::to_string),
                };
                Entity::push_unique(&mut e.identifiers, ident);
            }
        }
        for (field, kind) in [
            ("owner", "owner"),
            ("prevowner", "previous_owner"),
            ("parent", "owner"),
            ("subsidiary", "owned"),
        ] {
            if let Some(v) = row_get(row, field) {
                let rel = Relation {
                    kind: kind.to_string(),
                    target_name: v.to_string(),
                    target_id: None,
                    percentage: None,
                };
                Entity::push_unique(&mut e.relations, rel);
            }
        }
    }

    fn apply_name(&mut self, i: usize, row: &[(&'static str, String)], loc: &str) {
        let parts: Vec<Option<&str>> = ["name1", "name2", "name3", "name4", "name5", "name6"]
            .iter()
            .map(|f| row_get(row, f))
            .collect();
        let whole: Vec<&str> = parts.iter().flatten().copied().collect();
        if whole.is_empty() {
            return;
        }
        let value = whole.join(" ");
        let name_type = row_get(row, "nametype").map(str::to_ascii_lowercase);
        let weak = row_get(row, "strength").is_some_and(|s| s.to_ascii_lowercase().contains("low"));
        let has_primary = self.doc.entities[i]
            .names
            .iter()
            .any(|n| n.kind == NameKind::Primary);
        let kind = match name_type.as_deref() {
            Some(t) if t.contains("variation") => NameKind::Alias,
            Some(t) if t.starts_with("primary") => {
                if has_primary {
                    NameKind::Alias
                } else {
                    NameKind::Primary
                }
            }
            Some(t) if t.contains("fka") || t.contains("former") || t.contains("previous") => {
                NameKind::Previous
            }
            Some(t) if t.contains("alias") || t.contains("aka") || t.contains("a.k.a") => {
                if weak {
                    NameKind::WeakAlias
                } else {
                    NameKind::Alias
                }
            }
            other => {
                self.warn(
                    loc,
                    "nametype",
                    format!(
                        "unknown name type {:?}, read as an alias",
                        other.unwrap_or("")
                    ),
                );
                if weak {
                    NameKind::WeakAlias
                } else {
                    NameKind::Alias
                }
            }
        };
        let e = &mut self.doc.entities[i];
        let before = e.names.len();
        e.add_name(&value, kind);
        if e.schema == Schema::Person && e.names.len() > before {
            let one = |p: Option<&str>| p.map(|s| vec![s.to_string()]).unwrap_or_default();
            let parts = NameParts {
                given: one(parts[0]),
                middle: parts[1..5]
                    .iter()
                    .flatten()
                    .map(|s| s.to_string())
                    .collect(),
                family: one(parts[5]),
                ..NameParts::default()
            };
            if let Some(n) = e.names.last_mut() {
                n.parts = parts;
            }
        }
    }

    fn apply_address(&mut self, i: usize, row: &[(&'static str, String)], loc: &str) {
        let lines: Vec<Option<&str>> = ["addr1", "addr2", "addr3", "addr4", "addr5", "addr6"]
            .iter()
            .map(|f| row_get(row, f))
            .collect();
        let postcode = row_get(row, "postcode");
        let country_text = row_get(row, "addrcountry");
        if lines.iter().all(Option::is_none) && postcode.is_none() && country_text.is_none() {
            return;
        }
        let country = country_text.and_then(|c| self.country(loc, "addrcountry", c));
        // Lines 1-4 are street and place, 5 the region, 6 the town (as OpenSanctions reads them).
        let street: Vec<&str> = lines[..4].iter().flatten().copied().collect();
        let addr = Address {
            full: None,
            street: (!street.is_empty()).then(|| street.join(", ")),
            city: lines[5].map(str::to_string),
            postal_code: postcode.map(str::to_string),
            region: lines[4].map(str::to_string),
            country,
        };
        let e = &mut self.doc.entities[i];
        if let Some(c) = country {
            Entity::push_unique(&mut e.countries, c);
        }
        Entity::push_unique(&mut e.addresses, addr);
    }

    fn apply_dates(&mut self, i: usize, row: &[(&'static str, String)], loc: &str) {
        if let Some(d) = row_get(row, "designated") {
            match parse_uk_date(d) {
                Ok(p) => {
                    let e = &mut self.doc.entities[i];
                    e.listed_on = Some(e.listed_on.map_or(p, |l| l.min(p)));
                }
                Err(_) => self.warn(loc, "designated", format!("unreadable date {d:?}")),
            }
        }
        if let Some(d) = row_get(row, "lastupdated") {
            match parse_uk_date(d) {
                Ok(p) => push_extra(&mut self.doc.entities[i], "modifiedAt", &p.to_string()),
                Err(_) => self.warn(loc, "lastupdated", format!("unreadable date {d:?}")),
            }
        }
        if let Some(d) = row_get(row, "dob") {
            for one in split_numbered(d) {
                let parsed = parse_uk_date(&one)
                    .map(DateOfBirth::exact)
                    .or_else(|_| DateOfBirth::parse(&one));
                match parsed {
                    Ok(dob) => Entity::push_unique(&mut self.doc.entities[i].birth_dates, dob),
                    Err(_) => {
                        self.warn(
                            loc,
                            "dob",
                            format!("unreadable date of birth {one:?}, kept as text"),
                        );
                        push_extra(&mut self.doc.entities[i], "birthDate", &one);
                    }
                }
            }
        }
    }

    /// Resolve relation targets named after another designation's primary name.
    fn finish(mut self) -> ListDocument {
        if !self.unknown_fields.is_empty() {
            let names: Vec<String> = self.unknown_fields.iter().cloned().collect();
            self.doc.problems.push(Problem::warning(
                self.file.as_str(),
                None,
                format!("fields not read (format change?): {}", names.join(", ")),
            ));
        }
        let mut by_name: HashMap<String, Option<EntityId>> = HashMap::new();
        for e in &self.doc.entities {
            by_name
                .entry(e.caption().to_uppercase())
                .and_modify(|v| *v = None)
                .or_insert_with(|| Some(e.id.clone()));
        }
        for e in self.doc.entities.iter_mut() {
            if !e.names.iter().any(|n| n.kind == NameKind::Primary) {
                // A designation with only aliases: its first name is the caption.
                if let Some(n) = e.names.first_mut() {
                    n.kind = NameKind::Primary;
                }
            }
            let own = e.id.clone();
            for r in e.relations.iter_mut() {
                if let Some(Some(id)) = by_name.get(&r.target_name.to_uppercase()) {
                    if *id != own {
                        r.target_id = Some(id.clone());
                    }
                }
            }
        }
        self.doc
    }
}

/// Read UK Sanctions List CSV content already in memory; `path` names it in messages.
pub fn read_csv_str(path: &Path, text: &str) -> Result<ListDocument, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut b = Builder::new(path);
    // Preamble lines ("Report Date: 13-Feb-2026") come before the header row.
    let mut header_line = None;
    for (n, line) in text.lines().take(10).enumerate() {
        let keys: Vec<String> = line.split(',').map(normalise).collect();
        let has = |k: &str| keys.iter().any(|x| x == k);
        if has("name6") && (has("uniqueid") || has("groupid")) {
            header_line = Some(n);
            break;
        }
        let l = line.trim().trim_matches(',');
        let date_text = l
            .strip_prefix("Report Date:")
            .or_else(|| l.strip_prefix("Last Updated,"))
            .map(str::trim);
        if let Some(d) = date_text {
            b.doc.version = Some(
                parse_uk_date(d)
                    .map(|p| p.to_string())
                    .unwrap_or(d.to_string()),
            );
        }
    }
    let Some(header_line) = header_line else {
        return Err(Error::format(
            path,
            "no UK Sanctions List header (columns \"Unique ID\" and \"Name 6\") in the first 10 lines",
        ));
    };
    let body_start: usize = text
        .split_inclusive('\n')
        .take(header_line)
        .map(str::len)
        .sum();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(&text.as_bytes()[body_start..]);
    let headers = reader
        .headers()
        .map_err(|e| Error::format(path, format!("line {}: {e}", header_line + 1)))?
        .clone();
    let columns: Vec<Option<&'static str>> = headers
        .iter()
        .map(|h| {
            let key = normalise(h);
            let f = field_of(&key);
            if f.is_none() && !key.is_empty() && !IGNORED.contains(&key.as_str()) {
                b.unknown_fields.insert(h.trim().to_string());
            }
            f
        })
        .collect();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize) + header_line;
                b.doc.problems.push(Problem::error(
                    format!("{}:{line}", b.file),
                    None,
                    format!("unreadable CSV row: {e}; row left out"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize) + header_line;
        let loc = format!("{}:{line}", b.file);
        let row: Row = columns
            .iter()
            .zip(record.iter())
            .filter_map(|(c, v)| c.map(|c| (c, v.to_string())))
            .collect();
        if row.iter().all(|(_, v)| v.trim().is_empty()) {
            continue;
        }
        let Some(id) = row_get(&row, "id").or(row_get(&row, "groupid")) else {
            b.doc.problems.push(Problem::error(
                loc,
                Some("Unique ID"),
                "row without Unique ID left out",
            ));
            continue;
        };
        let i = b.entity(id, row_get(&row, "type"), &loc);
        b.apply(i, &row, &loc);
    }
    Ok(b.finish())
}

/// Flatten an XML record into rows: the record's own leaf elements form one row; below it, an
/// element whose children are distinct leaves (`Name`, `Address`, `Passport`) is one row, and
/// repeated leaves (`DOBs/DOB`, `Nationalities/Nationality`) are one row each.
fn flatten(node: &Node, rows: &mut Vec<Row>, unknown: &mut BTreeSet<String>) {
    let leaves: Vec<&Node> = node
        .children
        .iter()
        .filter(|c| c.children.is_empty())
        .collect();
    let mut names: Vec<&str> = leaves.iter().map(|l| l.name.as_str()).collect();
    names.sort_unstable();
    let repeated = names.windows(2).any(|w| w[0] == w[1]);
    let field = |leaf: &Node, unknown: &mut BTreeSet<String>| -> Option<(&'static str, String)> {
        let key = normalise(&leaf.name);
        let f = field_of(&key);
        if f.is_none() && !IGNORED.contains(&key.as_str()) {
            unknown.insert(leaf.name.clone());
        }
        Some((f?, leaf.text()?.to_string()))
    };
    if repeated {
        for leaf in &leaves {
            if let Some(kv) = field(leaf, unknown) {
                rows.push(vec![kv]);
            }
        }
    } else {
        let row: Row = leaves.iter().filter_map(|l| field(l, unknown)).collect();
        if !row.is_empty() {
            rows.push(row);
        }
    }
    for c in node.children.iter().filter(|c| !c.children.is_empty()) {
        flatten(c, rows, unknown);
    }
}

/// Read UK Sanctions List XML content already in memory (FCDO `Designations`, or the former
/// OFSI `ArrayOfFinancialSanctionsTarget`); `path` names it in messages.
pub fn read_xml_str(path: &Path, text: &str) -> Result<ListDocument, Error> {
    let mut b = Builder::new(path);
    let mut version = None;
    xml::read_records(
        path,
        text,
        |root| match root.name.as_str() {
            "Designations" | "ArrayOfFinancialSanctionsTarget" => Ok(()),
            other => Err(format!(
                "root element is <{other}>, expected <Designations> (UK Sanctions List)"
            )),
        },
        |node| {
            if node.children.is_empty() {
                if normalise(&node.name) == "dategenerated" {
                    if let Some(d) = node.text() {
                        version = Some(
                            parse_uk_date(d)
                                .map(|p| p.to_string())
                                .unwrap_or(d.to_string()),
                        );
                    }
                }
                return Ok(());
            }
            let loc = format!("{}:{}", b.file, node.line);
            let mut rows: Vec<Row> = Vec::new();
            let mut unknown = std::mem::take(&mut b.unknown_fields);
            flatten(&node, &mut rows, &mut unknown);
            b.unknown_fields = unknown;
            let find = |f: &str| rows.iter().find_map(|r| row_get(r, f));
            let Some(id) = find("id").or(find("groupid")) else {
                b.doc.problems.push(Problem::error(
                    loc,
                    Some("UniqueID"),
                    format!("<{}> without UniqueID left out", node.name),
                ));
                return Ok(());
            };
            let id = id.to_string();
            let kind = find("type").map(str::to_string);
            let i = b.entity(&id, kind.as_deref(), &loc);
            for row in &rows {
                b.apply(i, row, &loc);
            }
            Ok(())
        },
    )?;
    let mut doc = b.finish();
    doc.version = version;
    Ok(doc)
}
