//! US Bureau of Industry and Security (BIS) Denied Persons List, tab separated.
//!
//! The file has a quoted header `Name, Street_Address, City, State, Country, Postal_Code,
//! Effective_Date, Expiration_Date, Standard_Order, Last_Update, Action, FR_Citation` (read by
//! name, so a reordered or shortened header still reads) and one row per *name and address* of a
//! denial order: a party denied at two addresses has two rows, and the list has no id column.
//!
//! # Ids and grouping
//!
//! Rows with the same normalised name (upper case, letters and digits, single spaces: `AL-NASER
//! AIRLINES` = `AL NASER AIRLINES`) and the same effective date are one party under one order, so
//! they become **one entity with all their addresses**, id `bis-dpl:<16 hex of sha256(name |
//! effective date)>`. The address is left out of the id on purpose: an order that gains or
//! corrects an address keeps its id, and screening raises one alert per denied party rather than
//! one per address. The same name under another order (a later or renewed denial) is another
//! entity. Exact duplicate rows (every field equal; three in the 2019 file) are reported as
//! warnings and merged.
//!
//! The DPL does not link aliases: `JIM ROJAS` and `JIMMY ROJAS` are separate rows with the same
//! addresses. They stay separate entities, because shared addresses also join unrelated parties
//! (an airline and its manager are listed at the same office).
//!
//! # Persons and organisations
//!
//! The DPL does not say. [`crate::csl::guess_schema`] decides with [`crate::csl::Lean::Person`]:
//! legal forms and organisation words (`LTD`, `S.L.`, `AIRLINES`, `TRADING`…), digits, `&` or a
//! web domain → Organization; a name of 2–6 plain words → Person; anything else (`APEX`,
//! `IT-WAVE`) → LegalEntity, which the matcher compares with both.

use crate::csl::{guess_schema, normalise, short_hash, split_published_name, Lean};
use crate::link::merge_entity;
use crate::Error;
use embargo_model::{
    Address, CountryCode, Entity, EntityId, ListDocument, NameKind, PartialDate, Problem,
};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// The dataset name of the Denied Persons List.
pub const DATASET: &str = "bis-dpl";

/// Figures of one read, to check that no row is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Data rows (the header excluded).
    pub rows: usize,
    /// Rows left out (wrong column count, no name), each reported as an error problem.
    pub skipped_rows: usize,
    /// Rows equal in every field to an earlier row (reported as warnings, merged).
    pub exact_duplicates: usize,
    /// Other rows folded into an earlier row's entity (another address of the same party).
    pub merged_rows: usize,
    /// Entities: `rows - skipped_rows - exact_duplicates - merged_rows`.
    pub entities: usize,
}

/// Read a DPL file.
pub fn read(path: &Path) -> Result<ListDocument, Error> {
    read_with_stats(path).map(|(doc, _)| doc)
}

/// Read a DPL file and say how its rows became entities.
pub fn read_with_stats(path: &Path) -> Result<(ListDocument, Stats), Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    parse(&bytes, path)
}

/// The local part of a DPL id: 16 hex digits of SHA-256 over the normalised name and the
/// effective date (ISO, or the text as published when it is not a date).
///
/// The CSL reader computes the same id for its Denied Persons rows, which links them to this
/// list's entities when both are loaded (see [`crate::link`]).
pub fn local_id(normalised_name: &str, effective_date: &str) -> String {
    short_hash(&[normalised_name, effective_date])[..16].to_string()
}

/// The columns this reader uses.
const COLUMNS: [&str; 12] = [
    "name",
    "street_address",
    "city",
    "state",
    "country",
    "postal_code",
    "effective_date",
    "expiration_date",
    "standard_order",
    "last_update",
    "action",
    "fr_citation",
];

/// Read DPL bytes; `path` names the source in problems and errors.
///
/// Fails only without a usable header (no `Name` column).
pub fn parse(bytes: &[u8], path: &Path) -> Result<(ListDocument, Stats), Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let header: Vec<String> = match reader.read_byte_record(&mut record) {
        Ok(true) => record
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_ascii_lowercase())
            .collect(),
        Ok(false) => return Err(Error::format(path, "empty file: no DPL header")),
        Err(e) => return Err(Error::format(path, format!("unreadable DPL header: {e}"))),
    };
    let index: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| header.iter().position(|h| h == c))
        .collect();
    if index[0].is_none() {
        return Err(Error::format(
            path,
            format!("not a DPL file: no `Name` column in header {header:?}"),
        ));
    }

    let mut doc = ListDocument {
        dataset: DATASET.to_string(),
        ..Default::default()
    };
    let mut stats = Stats::default();
    let mut parties: HashMap<String, usize> = HashMap::new();
    // Rows read, by their fields (each written as its length and its bytes): exact duplicates.
    let mut seen_rows: HashMap<Vec<u8>, u64> = HashMap::new();

    loop {
        let line = reader.position().line() + 1;
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                doc.problems.push(Problem::error(
                    format!("{file}:{line}"),
                    None,
                    format!("unreadable, rest of file skipped: {e}"),
                ));
                break;
            }
        }
        let line = record.position().map(|p| p.line()).unwrap_or(line);
        let location = format!("{file}:{line}");
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        stats.rows += 1;
        if record.len() != header.len() {
            doc.problems.push(Problem::error(
                &location,
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
        let mut raw = Vec::with_capacity(record.as_slice().len() + 8 * record.len());
        for field in record.iter() {
            raw.extend_from_slice(&field.len().to_le_bytes());
            raw.extend_from_slice(field);
        }
        if let Some(first) = seen_rows.get(&raw) {
            doc.problems.push(Problem::warning(
                &location,
                None,
                format!("exact duplicate of line {first}; merged"),
            ));
            stats.exact_duplicates += 1;
            continue;
        }
        seen_rows.insert(raw, line);

        let mut value = |i: usize| -> Cow<'_, str> {
            let Some(col) = index[i] else {
                return Cow::Borrowed("");
            };
            let raw = record.get(col).unwrap_or_default();
            match std::str::from_utf8(raw) {
                Ok(s) => Cow::Borrowed(s.trim()),
                Err(_) => {
                    doc.problems.push(Problem::warning(
                        &location,
                        Some(COLUMNS[i]),
                        "not valid UTF-8; invalid bytes replaced by U+FFFD",
                    ));
                    Cow::Owned(String::from_utf8_lossy(raw).trim().to_string())
                }
            }
        };
        let v: Vec<Cow<'_, str>> = (0..COLUMNS.len()).map(&mut value).collect();
        let (name, street, city, state, country, postal) =
            (&v[0], &v[1], &v[2], &v[3], &v[4], &v[5]);
        let (effective, expiration, standard, last_update, action, citation) =
            (&v[6], &v[7], &v[8], &v[9], &v[10], &v[11]);

        let published = split_published_name(name);
        if published.primary.is_empty() {
            doc.problems.push(Problem::error(
                &location,
                Some("name"),
                "empty name; row skipped",
            ));
            stats.skipped_rows += 1;
            continue;
        }
        let name_key = normalise(&published.primary);
        let effective_date = if effective.is_empty() {
            None
        } else {
            match PartialDate::parse(effective) {
                Ok(d) => Some(d),
                Err(err) => {
                    doc.problems.push(Problem::warning(
                        &location,
                        Some("effective_date"),
                        format!("{err}; kept as text in the remarks"),
                    ));
                    None
                }
            }
        };
        let date_key = effective_date
            .map(|d| d.to_string())
            .unwrap_or_else(|| effective.to_string());
        let local = local_id(&name_key, &date_key);

        let schema = published
            .schema_hint
            .unwrap_or_else(|| guess_schema(&published.primary, Lean::Person));
        let mut e = Entity::new(EntityId::new(DATASET, &local), schema, DATASET, &local);
        e.add_name(&published.primary, NameKind::Primary);
        for (alias, kind) in &published.aliases {
            e.add_name(alias, *kind);
        }
        e.listed_on = effective_date;
        e.programs.push("DPL".to_string());

        let mut address = Address::default();
        let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
        address.street = non_empty(street);
        address.city = non_empty(city);
        address.region = non_empty(state);
        address.postal_code = non_empty(postal);
        if !country.is_empty() {
            match CountryCode::parse(country) {
                Some(c) => {
                    address.country = Some(c);
                    e.countries.push(c);
                }
                None => {
                    doc.problems.push(Problem::warning(
                        &location,
                        Some("country"),
                        format!("unknown country {country:?}; kept in the address text"),
                    ));
                    let parts: Vec<&str> = [street, city, state, postal, country]
                        .into_iter()
                        .map(|s| s.as_ref())
                        .filter(|s| !s.is_empty())
                        .collect();
                    address.full = Some(parts.join(", "));
                }
            }
        }
        if address != Address::default() {
            e.addresses.push(address);
        }

        let mut order = String::from("Denial order");
        if effective_date.is_none() && !effective.is_empty() {
            order.push_str(&format!(" effective {effective}"));
        }
        if !expiration.is_empty() {
            match PartialDate::parse(expiration) {
                Ok(d) => order.push_str(&format!(", expires {d}")),
                Err(err) => {
                    doc.problems.push(Problem::warning(
                        &location,
                        Some("expiration_date"),
                        format!("{err}; kept as text in the remarks"),
                    ));
                    order.push_str(&format!(", expires {expiration}"));
                }
            }
        }
        if !standard.is_empty() {
            order.push_str(&format!(", standard order: {standard}"));
        }
        if order != "Denial order" {
            e.remarks.push(order);
        }
        if !citation.is_empty() {
            e.remarks.push(format!("Federal Register: {citation}"));
        }
        if !action.is_empty() {
            let mut text = format!("Last action: {action}");
            if !last_update.is_empty() {
                text.push_str(&format!(" ({last_update})"));
            }
            e.remarks.push(text);
        }

        match parties.get(&local) {
            Some(&i) => {
                merge_entity(&mut doc.entities[i], e);
                stats.merged_rows += 1;
            }
            None => {
                parties.insert(local, doc.entities.len());
                doc.entities.push(e);
            }
        }
    }
    stats.entities = doc.entities.len();
    Ok((doc, stats))
}
