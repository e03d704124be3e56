//! OFAC's legacy CSV files: the SDN list (`sdn.csv`, `alt.csv`, `add.csv`, `sdn_comments.csv`) and
//! the non-SDN Consolidated list (`cons_prim.csv`, `cons_alt.csv`, `cons_add.csv`,
//! `cons_comments.csv`).
//!
//! The files are a small relational database without a header row, joined on the OFAC uid
//! (`ent_num`):
//!
//! | file | columns |
//! |---|---|
//! | `sdn.csv` | uid, name, type, programs, title, call sign, vessel type, tonnage, GRT, vessel flag, vessel owner, remarks |
//! | `alt.csv` | uid, alt number, type (`aka`, `fka`, `nka`), name, remarks |
//! | `add.csv` | uid, address number, street, city/state/postal code, country, remarks |
//! | `sdn_comments.csv` | uid, the remarks text beyond OFAC's 1,000-character column limit |
//!
//! [`read`] takes the folder or the path of `sdn.csv` / `cons_prim.csv` itself (the others are
//! then looked for beside it) and returns one [`ListDocument`] of dataset `ofac-sdn` (ids
//! `ofac-sdn:<uid>`) or `ofac-cons` (ids `ofac-cons:<uid>`).
//!
//! How the published values are read:
//! - `-0-` (usually with a trailing space) means empty. The 2019 `add.csv` ends in a cut `-0`,
//!   which is read the same way.
//! - Programmes come joined as `SDGT] [IFSR`.
//! - Country columns: `Region: Gaza` (a territory OFAC names instead of a country) becomes the
//!   address region; `undetermined` (addresses) and `None Identified` (vessel flags) are OFAC's
//!   "unknown" and read as empty; any other name the country table lacks is a warning and stays in
//!   the address text.
//! - Type `individual` is a Person, `vessel` a Vessel, `aircraft` an Airplane, and the empty type
//!   (OFAC's "entity") an **Organization**, always. OFAC does not say whether an entity is a
//!   company; guessing it from remarks such as "Registration Number" would make the schema of a
//!   listing change between list versions when a remark is added (or lost to truncation), which
//!   delta screening would report as a change. Organization is compatible with Company queries.
//! - The primary name is kept exactly as published (`KIM, Jong Un`); for persons the part before
//!   the first comma is the family name and the next comma-separated part the given names, as one
//!   value each (`PUTIN` / `Vladimir Vladimirovich`); a suffix such as `Jr.` is not a part.
//! - `alt.csv` names: `aka` and `nka` are strong aliases, `fka` a previous name. The names OFAC puts
//!   in the remarks (`a.k.a. 'BNC'`) are its weak aliases (see [`crate::ofac_remarks`]).
//! - The remarks are continued by the comments file before they are parsed, and kept whole in
//!   `remarks`. When a remarks text fills the 1,000 characters, does not end with a full stop and
//!   has no continuation, it is reported as truncated and its cut last fact is not parsed.
//! - `Linked To: NAME` relations (and the vessel owner column) are resolved to ids when NAME is
//!   exactly the primary name of one record of the same file; a last remark loses its full stop
//!   to the end of the text, so `NAME.` is tried too.
//!
//! Files are read whole: CRLF or LF line ends, a trailing 0x1A (the DOS end-of-file marker of the
//! 2021 and later files) and a UTF-8 byte-order mark are accepted. A field that is not UTF-8 is
//! decoded as Windows-1252 with a warning (none of the published files needs it: they are ASCII).
//! A record with the wrong number of fields is an error Problem naming `file:line` and is left out;
//! a row of the side files whose uid is not in the primary file (an orphan) is an error Problem
//! too, and counted in [`ReadStats::orphans`].

use crate::ofac_remarks::{self, ParsedRemarks};
use crate::Error;
use embargo_model::{
    Address, CountryCode, Entity, EntityId, Identifier, IdentifierKind, ListDocument, NameKind,
    NameParts, Problem, Relation, Schema,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// OFAC cuts the remarks column at this many characters and continues it in the comments file.
pub const REMARKS_LIMIT: usize = 1000;

/// Which of OFAC's two legacy CSV sets a folder holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    /// Specially Designated Nationals: `sdn.csv` and siblings.
    Sdn,
    /// The non-SDN Consolidated list: `cons_prim.csv` and siblings.
    Consolidated,
}

impl ListKind {
    /// The dataset name, also the id prefix.
    pub fn dataset(self) -> &'static str {
        match self {
            ListKind::Sdn => "ofac-sdn",
            ListKind::Consolidated => "ofac-cons",
        }
    }

    /// File names: primary, aliases, addresses, comments.
    fn file_names(self) -> [&'static str; 4] {
        match self {
            ListKind::Sdn => ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"],
            ListKind::Consolidated => [
                "cons_prim.csv",
                "cons_alt.csv",
                "cons_add.csv",
                "cons_comments.csv",
            ],
        }
    }
}

/// The files of one set, as found on disk.
#[derive(Clone, Debug)]
pub struct FileSet {
    pub kind: ListKind,
    pub primary: PathBuf,
    pub aliases: Option<PathBuf>,
    pub addresses: Option<PathBuf>,
    pub comments: Option<PathBuf>,
    /// Warnings about the set itself (missing side files, an unexpected file name).
    notes: Vec<Problem>,
}

/// Figures about one read, for tests, reports and the evaluation tool.
#[derive(Clone, Debug, Default)]
pub struct ReadStats {
    pub primary_rows: usize,
    pub alias_rows: usize,
    pub address_rows: usize,
    pub comment_rows: usize,
    /// Records left out: wrong field count, no uid or name, a repeated uid.
    pub skipped_rows: usize,
    /// Side-file rows whose uid is not in the primary file: file name → uids, in file order.
    pub orphans: BTreeMap<String, Vec<String>>,
    /// Remarks cut at [`REMARKS_LIMIT`] with no continuation.
    pub truncated_remarks: usize,
    pub remarks: RemarksStats,
    /// Relations whose target was found among the primary names of the same file, or not.
    pub links_resolved: usize,
    pub links_unresolved: usize,
}

impl ReadStats {
    /// All orphan rows, over every side file.
    pub fn orphan_count(&self) -> usize {
        self.orphans.values().map(Vec::len).sum()
    }
}

/// How much of the remarks the parser understood.
#[derive(Clone, Debug, Default)]
pub struct RemarksStats {
    /// Facts met (after splitting on `;`).
    pub facts: usize,
    pub parsed: usize,
    pub unparsed: usize,
    /// Parsed facts by [`ofac_remarks::Fact::category`].
    pub by_category: BTreeMap<String, usize>,
    /// Unparsed facts by their first words (up to the first number or quote).
    pub unparsed_by_label: BTreeMap<String, usize>,
}

/// Read an OFAC legacy CSV set (folder, `sdn.csv` or `cons_prim.csv`).
pub fn read(path: &Path) -> Result<ListDocument, Error> {
    read_with_stats(path).map(|(doc, _)| doc)
}

/// [`read`], also returning figures about the join and the remarks.
pub fn read_with_stats(path: &Path) -> Result<(ListDocument, ReadStats), Error> {
    let set = locate(path)?;
    let mut reader = SetReader {
        doc: ListDocument {
            dataset: set.kind.dataset().to_string(),
            ..ListDocument::default()
        },
        stats: ReadStats::default(),
        pending: Vec::new(),
        entities: Vec::new(),
        records: Vec::new(),
        index: UidIndex::default(),
        skipped_uids: HashSet::new(),
        primary: set.primary.clone(),
    };
    reader.doc.problems.extend(set.notes.iter().cloned());
    reader.read_primary(&set.primary)?;
    if let Some(p) = &set.comments {
        reader.read_comments(p)?;
    }
    if let Some(p) = &set.aliases {
        reader.read_aliases(p)?;
    }
    if let Some(p) = &set.addresses {
        reader.read_addresses(p)?;
    }
    reader.parse_remarks();
    reader.resolve_relations();
    let SetReader {
        mut doc,
        stats,
        entities,
        ..
    } = reader;
    doc.entities = entities;
    Ok((doc, stats))
}

/// Find the files of the set `path` names.
pub fn locate(path: &Path) -> Result<FileSet, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let mut notes = Vec::new();
    // The folder's files, when `path` is the folder: listed once, for the primary and the side
    // files alike.
    let mut listed = None;
    let (kind, dir, primary) = if meta.is_dir() {
        let files = listed.insert(dir_files(path)?);
        let sdn = files.get(ListKind::Sdn.file_names()[0]);
        let cons = files.get(ListKind::Consolidated.file_names()[0]);
        match (sdn, cons) {
            (Some(s), other) => {
                if let Some(c) = other {
                    notes.push(Problem::warning(
                        c.display().to_string(),
                        None,
                        "the folder holds both sdn.csv and cons_prim.csv: read sdn.csv; pass \
                         cons_prim.csv itself to read the Consolidated list",
                    ));
                }
                (ListKind::Sdn, path.to_path_buf(), s.clone())
            }
            (None, Some(c)) => (ListKind::Consolidated, path.to_path_buf(), c.clone()),
            (None, None) => {
                let side: Vec<&str> = ListKind::Sdn.file_names()[1..]
                    .iter()
                    .chain(&ListKind::Consolidated.file_names()[1..])
                    .copied()
                    .filter(|n| files.contains_key(*n))
                    .collect();
                let primary = if side.iter().all(|n| n.starts_with("cons_")) {
                    ListKind::Consolidated.file_names()[0]
                } else {
                    ListKind::Sdn.file_names()[0]
                };
                let message = if side.is_empty() {
                    "no OFAC CSV set here: neither sdn.csv nor cons_prim.csv".to_string()
                } else {
                    format!(
                        "{primary} missing: the folder holds only {}, which add names, addresses \
                         and remarks to the records of {primary} and cannot be read without it",
                        side.join(", ")
                    )
                };
                return Err(Error::format(path, message));
            }
        }
    } else {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let kind = if name == ListKind::Sdn.file_names()[0] {
            ListKind::Sdn
        } else if name == ListKind::Consolidated.file_names()[0] {
            ListKind::Consolidated
        } else if let Some(side) = [ListKind::Sdn, ListKind::Consolidated]
            .iter()
            .find(|k| k.file_names()[1..].contains(&name.as_str()))
        {
            return Err(Error::format(
                path,
                format!(
                    "this file extends the records of {}; pass that file or the folder",
                    side.file_names()[0]
                ),
            ));
        } else {
            // A renamed primary file: read it alone, as SDN.
            notes.push(Problem::warning(
                path.display().to_string(),
                None,
                "not named sdn.csv or cons_prim.csv: read as an SDN primary file without \
                 alt/add/comments files",
            ));
            return Ok(FileSet {
                kind: ListKind::Sdn,
                primary: path.to_path_buf(),
                aliases: None,
                addresses: None,
                comments: None,
                notes,
            });
        };
        (kind, dir, path.to_path_buf())
    };
    let files = match listed {
        Some(files) => files,
        None => dir_files(&dir).unwrap_or_default(),
    };
    let names = kind.file_names();
    let mut side = |i: usize| -> Option<PathBuf> {
        let found = files.get(names[i]).cloned();
        if found.is_none() {
            notes.push(Problem::warning(
                dir.join(names[i]).display().to_string(),
                None,
                format!(
                    "{} not found beside {}: read without it ({})",
                    names[i],
                    names[0],
                    [
                        "",
                        "no aliases beyond the remarks",
                        "no addresses",
                        "remarks may be cut at 1,000 characters"
                    ][i]
                ),
            ));
        }
        found
    };
    let aliases = side(1);
    let addresses = side(2);
    let comments = side(3);
    Ok(FileSet {
        kind,
        primary,
        aliases,
        addresses,
        comments,
        notes,
    })
}

/// The regular files of a folder by lower-case name (OFAC's names are lower case, but copies made
/// on other systems may not be).
fn dir_files(dir: &Path) -> Result<HashMap<String, PathBuf>, Error> {
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let p = entry.path();
        if p.is_file() {
            out.insert(entry.file_name().to_string_lossy().to_ascii_lowercase(), p);
        }
    }
    Ok(out)
}

/// A country column as OFAC fills it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Place<'a> {
    Country(CountryCode),
    /// `Region: Gaza`, `Region: Kafia Kingi`: a territory OFAC names instead of a country, with
    /// the country code when the name has one.
    Region(&'a str, Option<CountryCode>),
    /// `undetermined` (addresses), `None Identified` (vessel flags): OFAC says it does not know.
    Unknown,
    Unrecognised(&'a str),
}

impl<'a> Place<'a> {
    fn parse(text: &'a str) -> Place<'a> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("undetermined") || t.eq_ignore_ascii_case("none identified") {
            return Place::Unknown;
        }
        if let Some(region) = t.strip_prefix("Region:") {
            let region = region.trim();
            return Place::Region(region, CountryCode::parse(region));
        }
        match CountryCode::parse(t) {
            Some(c) => Place::Country(c),
            None => Place::Unrecognised(t),
        }
    }
}

/// `-0-` (OFAC's empty) and blanks → `None`; other values trimmed.
fn value(field: &str) -> Option<&str> {
    let t = field.trim();
    // "-0" is a "-0-" cut by the end of the 2019 add.csv.
    (!t.is_empty() && t != "-0-" && t != "-0").then_some(t)
}

/// Strip the DOS end-of-file marker (0x1A), line ends after it, and a UTF-8 byte-order mark.
fn trim_file(bytes: &[u8]) -> &[u8] {
    let mut b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    while let [rest @ .., last] = b {
        if matches!(last, 0x1A | b'\r' | b'\n') {
            b = rest;
        } else {
            break;
        }
    }
    b
}

/// Windows-1252's characters for bytes 0x80–0x9F; the five unassigned bytes keep their C1 code.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Decode a field: UTF-8 when valid, else Windows-1252 (a superset of Latin-1 for printable
/// text). The flag tells the caller to warn.
fn decode(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => {
            let s = bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect();
            (s, true)
        }
    }
}

/// Line numbers from byte offsets. The csv crate's own line count lags by one after a CRLF (it
/// counts the `\n` when it reads the next record), so lines are counted here: a record starts
/// after any line-end bytes at its offset.
struct LineCounter<'a> {
    data: &'a [u8],
    pos: usize,
    newlines: u64,
}

impl<'a> LineCounter<'a> {
    fn new(data: &'a [u8]) -> Self {
        LineCounter {
            data,
            pos: 0,
            newlines: 0,
        }
    }

    /// The 1-based line of the record starting at byte `offset` (offsets only grow).
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut off = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.data.len());
        while off < self.data.len() && matches!(self.data[off], b'\r' | b'\n') {
            off += 1;
        }
        if off < self.pos {
            self.pos = 0;
            self.newlines = 0;
        }
        self.newlines += count_newlines(&self.data[self.pos..off]) as u64;
        self.pos = off;
        self.newlines + 1
    }
}

/// The number of `\n` bytes, counted in blocks that the compiler turns into vector code.
fn count_newlines(data: &[u8]) -> usize {
    data.chunks(255)
        .map(|block| {
            let n = block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n')));
            usize::from(n)
        })
        .sum()
}

/// `file:line`, the location of a Problem about a row. Made only when a problem is reported.
fn line_location(path: &Path, line: u64) -> String {
    format!("{}:{line}", path.display())
}

/// The records of one headerless CSV file, read one at a time into a reused record: no string
/// is made per row or per field (the whole record is checked as UTF-8 once and its fields are
/// borrowed). Records with the wrong number of fields are reported and left out (their uid, when
/// readable, goes to `skipped_uids` so that side rows can say why they have no record).
struct Rows<'a> {
    path: &'a Path,
    columns: usize,
    rdr: csv::Reader<&'a [u8]>,
    lines: LineCounter<'a>,
    /// The record read last, decoded; its buffer is read into again for the next one.
    record: csv::StringRecord,
    line: u64,
}

impl<'a> Rows<'a> {
    fn new(path: &'a Path, data: &'a [u8], columns: usize) -> Self {
        Rows {
            path,
            columns,
            rdr: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(data),
            lines: LineCounter::new(data),
            record: csv::StringRecord::new(),
            line: 0,
        }
    }

    /// The 1-based line of the current record.
    fn line(&self) -> u64 {
        self.line
    }

    /// The fields of the current record (exactly `columns` of them).
    fn fields(&self) -> &csv::StringRecord {
        &self.record
    }

    fn location(&self) -> String {
        line_location(self.path, self.line)
    }

    /// Move to the next record with the expected number of fields; `false` at the end.
    fn advance(
        &mut self,
        problems: &mut Vec<Problem>,
        stats: &mut ReadStats,
        skipped_uids: &mut HashSet<String>,
    ) -> bool {
        loop {
            let mut raw = std::mem::take(&mut self.record).into_byte_record();
            let line = self.lines.line_at(self.rdr.position().byte());
            match self.rdr.read_byte_record(&mut raw) {
                Ok(false) => return false,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(line, |p| self.lines.line_at(p.byte()));
                    problems.push(Problem::error(
                        line_location(self.path, line),
                        None,
                        format!("unreadable CSV record ({e}); left out"),
                    ));
                    stats.skipped_rows += 1;
                    if e.is_io_error() {
                        return false;
                    }
                    continue;
                }
            }
            self.line = raw
                .position()
                .map_or(line, |p| self.lines.line_at(p.byte()));
            let recoded = match csv::StringRecord::from_byte_record(raw) {
                Ok(record) => {
                    self.record = record;
                    false
                }
                Err(e) => {
                    // Not UTF-8: each field on its own, UTF-8 when it is, else Windows-1252.
                    let raw = e.into_byte_record();
                    let mut record = csv::StringRecord::new();
                    let mut recoded = false;
                    for f in raw.iter() {
                        let (s, r) = decode(f);
                        recoded |= r;
                        record.push_field(&s);
                    }
                    self.record = record;
                    recoded
                }
            };
            if self.record.iter().all(|f| f.trim().is_empty()) {
                continue; // a blank line, not a record
            }
            if recoded {
                problems.push(Problem::warning(
                    self.location(),
                    None,
                    "not UTF-8: decoded as Windows-1252",
                ));
            }
            if self.record.len() != self.columns {
                problems.push(Problem::error(
                    self.location(),
                    None,
                    format!(
                        "expected {} fields, found {}; record left out",
                        self.columns,
                        self.record.len()
                    ),
                ));
                stats.skipped_rows += 1;
                if let Some(uid) = self.record.get(0).and_then(value) {
                    skipped_uids.insert(uid.to_string());
                }
                continue;
            }
            return true;
        }
    }
}

/// What the remarks parsing of an entity being built needs (beside it, at the same index).
struct Record {
    /// The line of the record in the primary file, for the location of remarks problems.
    line: u64,
    title: Option<String>,
    /// The remarks column as published (untrimmed, so a continuation joins mid-word).
    remarks: String,
    continued: bool,
}

/// Record indexes by uid. Primary uids are all digits: those written as a `u64` prints them
/// (nearly all) are keyed by that number, which needs no string of its own; any other (leading
/// zeros, very long) by its text. Side files look uids up the same way, so a uid finds its record
/// exactly when the texts are equal. OFAC's uids are small numbers (tens of thousands): below
/// [`UidIndex::DENSE`] they index a table directly, without hashing (side files look up tens of
/// thousands of uids).
#[derive(Default)]
struct UidIndex {
    /// Record index by uid, `u32::MAX` for none.
    dense: Vec<u32>,
    numbers: HashMap<u64, usize>,
    texts: HashMap<String, usize>,
}

impl UidIndex {
    /// Uids below this are kept in the table (at most 4 MB of it).
    const DENSE: u64 = 1 << 20;

    fn number(uid: &str) -> Option<u64> {
        let canonical = !uid.is_empty()
            && uid.bytes().all(|b| b.is_ascii_digit())
            && (uid.len() == 1 || !uid.starts_with('0'));
        canonical.then(|| uid.parse().ok()).flatten()
    }

    fn get(&self, uid: &str) -> Option<usize> {
        match UidIndex::number(uid) {
            Some(n)
                if n < UidIndex::DENSE
                    && self.dense.get(n as usize).is_some_and(|&i| i != u32::MAX) =>
            {
                Some(self.dense[n as usize] as usize)
            }
            Some(n) => self.numbers.get(&n).copied(),
            None => self.texts.get(uid).copied(),
        }
    }

    fn contains(&self, uid: &str) -> bool {
        self.get(uid).is_some()
    }

    fn insert(&mut self, uid: &str, i: usize) {
        match UidIndex::number(uid) {
            Some(n) if n < UidIndex::DENSE && i < u32::MAX as usize => {
                let n = n as usize;
                if self.dense.len() <= n {
                    self.dense.resize((n + 1).next_power_of_two(), u32::MAX);
                }
                self.dense[n] = i as u32;
            }
            Some(n) => {
                self.numbers.insert(n, i);
            }
            None => {
                self.texts.insert(uid.to_string(), i);
            }
        }
    }
}

/// What building records from a file's rows found wrong, reported once the file is read whole:
/// first the problems of reading its rows (field counts, encoding), then these, each in row
/// order; an orphan row is told apart from a row whose record was left out only then, when
/// every left-out uid of the file is known.
enum Pending {
    Problem(Problem),
    Orphan {
        line: u64,
        what: &'static str,
        uid: String,
    },
}

struct SetReader {
    doc: ListDocument,
    pending: Vec<Pending>,
    stats: ReadStats,
    /// The entities built, in file order; `records[i]` goes with `entities[i]`.
    entities: Vec<Entity>,
    records: Vec<Record>,
    index: UidIndex,
    skipped_uids: HashSet<String>,
    /// The primary file, named in the location of problems found in remarks.
    primary: PathBuf,
}

/// Read a whole file for [`Rows`].
fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

impl SetReader {
    fn read_primary(&mut self, path: &Path) -> Result<(), Error> {
        let bytes = read_file(path)?;
        let data = trim_file(&bytes);
        // One record a line, nearly always: room for all of them at once.
        let lines = count_newlines(data) + 1;
        self.entities.reserve(lines);
        self.records.reserve(lines);
        let mut rows = Rows::new(path, data, 12);
        let dataset = &self.doc.dataset.clone();
        while rows.advance(
            &mut self.doc.problems,
            &mut self.stats,
            &mut self.skipped_uids,
        ) {
            self.stats.primary_rows += 1;
            let f = rows.fields();
            let Some(uid) = value(&f[0]).filter(|u| u.bytes().all(|b| b.is_ascii_digit())) else {
                self.later(Problem::error(
                    rows.location(),
                    Some("uid"),
                    format!("uid {:?} is not a number; record left out", f[0].trim()),
                ));
                self.stats.skipped_rows += 1;
                continue;
            };
            let Some(name) = value(&f[1]) else {
                self.later(Problem::error(
                    rows.location(),
                    Some("name"),
                    format!("uid {uid} has no name; record left out"),
                ));
                self.stats.skipped_rows += 1;
                self.skipped_uids.insert(uid.to_string());
                continue;
            };
            if self.index.contains(uid) {
                self.later(Problem::error(
                    rows.location(),
                    Some("uid"),
                    format!("uid {uid} repeated; this record left out"),
                ));
                self.stats.skipped_rows += 1;
                continue;
            }
            let record_location = || format!("{} (uid {uid})", rows.location());
            let schema = match value(&f[2]) {
                None => Schema::Organization,
                Some(t) if t.eq_ignore_ascii_case("entity") => Schema::Organization,
                Some(t) if t.eq_ignore_ascii_case("individual") => Schema::Person,
                Some(t) if t.eq_ignore_ascii_case("vessel") => Schema::Vessel,
                Some(t) if t.eq_ignore_ascii_case("aircraft") => Schema::Airplane,
                Some(t) => {
                    let other = t.to_ascii_lowercase();
                    self.later(Problem::warning(
                        rows.location(),
                        Some("type"),
                        format!("uid {uid}: unknown type {other:?}; read as LegalEntity"),
                    ));
                    Schema::LegalEntity
                }
            };
            let mut e = Entity::new(EntityId::new(dataset, uid), schema, dataset, uid);
            let mut primary = embargo_model::Name::new(name, NameKind::Primary);
            if schema == Schema::Person {
                primary.parts = person_parts(name);
            }
            e.names.push(primary);
            if let Some(p) = value(&f[3]) {
                for prog in p.split("] [") {
                    let prog =
                        prog.trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace());
                    if !prog.is_empty() && !e.programs.iter().any(|x| x == prog) {
                        e.programs.push(prog.to_string());
                    }
                }
            }
            let title = value(&f[4]).map(str::to_string);
            if let Some(t) = &title {
                e.positions.push(t.clone());
            }
            if let Some(cs) = value(&f[5]) {
                e.identifiers
                    .push(Identifier::new(IdentifierKind::CallSign, cs));
            }
            for (i, prop) in [
                (6, "vesselType"),
                (7, "tonnage"),
                (8, "grossRegisteredTonnage"),
            ] {
                if let Some(v) = value(&f[i]) {
                    e.extra.insert(prop.to_string(), vec![v.to_string()]);
                }
            }
            if let Some(flag) = value(&f[9]) {
                match Place::parse(flag) {
                    Place::Country(c) => {
                        Entity::push_unique(&mut e.countries, c);
                        e.extra.insert("flag".into(), vec![c.to_string()]);
                    }
                    Place::Unknown => {}
                    Place::Region(..) | Place::Unrecognised(_) => {
                        self.later(Problem::warning(
                            record_location(),
                            Some("vessel flag"),
                            format!("unknown country {flag:?}; kept as text"),
                        ));
                        e.extra.insert("flag".into(), vec![flag.to_string()]);
                    }
                }
            }
            if let Some(owner) = value(&f[10]) {
                // The target party owns this vessel.
                e.relations.push(Relation {
                    kind: "owner".into(),
                    target_name: owner.to_string(),
                    target_id: None,
                    percentage: None,
                });
            }
            let remarks = if value(&f[11]).is_some() {
                f[11].to_string()
            } else {
                String::new()
            };
            self.index.insert(uid, self.entities.len());
            self.entities.push(e);
            self.records.push(Record {
                line: rows.line(),
                title,
                remarks,
                continued: false,
            });
        }
        self.flush_pending(path);
        Ok(())
    }

    /// A problem met while building records from a file's rows: reported once the whole file is
    /// read, after the problems of reading its rows (see [`Pending`]).
    fn later(&mut self, problem: Problem) {
        self.pending.push(Pending::Problem(problem));
    }

    /// The record a side-file row belongs to, or an orphan problem (pending).
    fn owner(&mut self, rows: &Rows<'_>, what: &'static str) -> Option<usize> {
        let uid = rows.fields()[0].trim();
        if let Some(i) = self.index.get(uid) {
            return Some(i);
        }
        self.pending.push(Pending::Orphan {
            line: rows.line(),
            what,
            uid: uid.to_string(),
        });
        None
    }

    /// Report the pending problems of the file `path`, now read whole.
    fn flush_pending(&mut self, path: &Path) {
        let primary = if self.doc.dataset == ListKind::Consolidated.dataset() {
            "cons_prim.csv"
        } else {
            "sdn.csv"
        };
        for pending in std::mem::take(&mut self.pending) {
            match pending {
                Pending::Problem(p) => self.doc.problems.push(p),
                Pending::Orphan { line, what, uid } => {
                    let why = if self.skipped_uids.contains(&uid) {
                        format!("whose {primary} record was left out")
                    } else {
                        format!("which is not in {primary}")
                    };
                    self.doc.problems.push(Problem::error(
                        line_location(path, line),
                        None,
                        format!("orphan {what} for uid {uid:?}, {why}; row left out"),
                    ));
                    let file = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    self.stats.orphans.entry(file).or_default().push(uid);
                }
            }
        }
    }

    fn read_comments(&mut self, path: &Path) -> Result<(), Error> {
        let bytes = read_file(path)?;
        let mut rows = Rows::new(path, trim_file(&bytes), 2);
        while rows.advance(
            &mut self.doc.problems,
            &mut self.stats,
            &mut self.skipped_uids,
        ) {
            self.stats.comment_rows += 1;
            let Some(i) = self.owner(&rows, "remarks continuation") else {
                continue;
            };
            let rec = &mut self.records[i];
            rec.remarks.push_str(&rows.fields()[1]);
            rec.continued = true;
        }
        self.flush_pending(path);
        Ok(())
    }

    fn read_aliases(&mut self, path: &Path) -> Result<(), Error> {
        let bytes = read_file(path)?;
        let mut rows = Rows::new(path, trim_file(&bytes), 5);
        while rows.advance(
            &mut self.doc.problems,
            &mut self.stats,
            &mut self.skipped_uids,
        ) {
            self.stats.alias_rows += 1;
            let Some(i) = self.owner(&rows, "alias") else {
                continue;
            };
            let f = rows.fields();
            let Some(name) = value(&f[3]) else {
                self.later(Problem::warning(
                    rows.location(),
                    Some("name"),
                    format!("alias of uid {} has no name; row left out", f[0].trim()),
                ));
                continue;
            };
            let kind = match value(&f[2]) {
                Some(t) if t.eq_ignore_ascii_case("aka") || t.eq_ignore_ascii_case("nka") => {
                    NameKind::Alias
                }
                Some(t) if t.eq_ignore_ascii_case("fka") => NameKind::Previous,
                other => {
                    let other = other.map(str::to_ascii_lowercase);
                    self.later(Problem::warning(
                        rows.location(),
                        Some("alias type"),
                        format!("unknown alias type {:?}; read as a.k.a.", other.as_deref()),
                    ));
                    NameKind::Alias
                }
            };
            let e = &mut self.entities[i];
            let before = e.names.len();
            e.add_name(name, kind);
            if e.schema == Schema::Person && e.names.len() > before {
                if let Some(n) = e.names.last_mut() {
                    n.parts = person_parts(name);
                }
            }
            if let Some(r) = value(&f[4]) {
                e.remarks.push(format!("alias {name}: {r}"));
            }
        }
        self.flush_pending(path);
        Ok(())
    }

    fn read_addresses(&mut self, path: &Path) -> Result<(), Error> {
        let bytes = read_file(path)?;
        let mut rows = Rows::new(path, trim_file(&bytes), 6);
        while rows.advance(
            &mut self.doc.problems,
            &mut self.stats,
            &mut self.skipped_uids,
        ) {
            self.stats.address_rows += 1;
            let Some(i) = self.owner(&rows, "address") else {
                continue;
            };
            let f = rows.fields();
            let street = value(&f[2]);
            let city = value(&f[3]);
            let country_text = value(&f[4]);
            if street.is_none() && city.is_none() && country_text.is_none() {
                continue; // OFAC's placeholder address: all -0-
            }
            let place = country_text.map(Place::parse);
            let (country, region) = match place {
                Some(Place::Country(c)) => (Some(c), None),
                Some(Place::Region(r, c)) => (c, Some(r)),
                Some(Place::Unknown | Place::Unrecognised(_)) | None => (None, None),
            };
            if let Some(Place::Unrecognised(t)) = place {
                self.later(Problem::warning(
                    rows.location(),
                    Some("country"),
                    format!(
                        "uid {}: unknown country {t:?}; kept in the address text",
                        f[0].trim()
                    ),
                ));
            }
            let mut full = String::new();
            for part in [street, city, country_text].into_iter().flatten() {
                if !full.is_empty() {
                    full.push_str(", ");
                }
                full.push_str(part);
            }
            let remark = value(&f[5]).map(|r| format!("address {full}: {r}"));
            let address = Address {
                full: Some(full),
                street: street.map(str::to_string),
                city: city.map(str::to_string),
                postal_code: None,
                region: region.map(str::to_string),
                country,
            };
            let e = &mut self.entities[i];
            if let Some(c) = country {
                Entity::push_unique(&mut e.countries, c);
            }
            Entity::push_unique(&mut e.addresses, address);
            if let Some(r) = remark {
                e.remarks.push(r);
            }
        }
        self.flush_pending(path);
        Ok(())
    }

    fn parse_remarks(&mut self) {
        let mut category = String::new();
        for (rec, entity) in self.records.iter_mut().zip(&mut self.entities) {
            let text = rec.remarks.trim();
            if text.is_empty() {
                continue;
            }
            // Judged on the text as published: a cut can leave a trailing space after a full
            // stop ("… By U.S. "), which a complete remarks text never has. (Bytes are at least
            // as many as characters: the count is made only for texts long enough.)
            let truncated = !rec.continued
                && !rec.remarks.ends_with('.')
                && rec.remarks.len() >= REMARKS_LIMIT
                && rec.remarks.chars().count() >= REMARKS_LIMIT;
            let primary = &self.primary;
            let line = rec.line;
            let uid = &entity.sources[0].source_id;
            let location = || format!("{}:{line} (uid {uid})", primary.display());
            if truncated {
                self.stats.truncated_remarks += 1;
                self.doc.problems.push(Problem::warning(
                    location(),
                    Some("remarks"),
                    format!(
                        "remarks cut at {REMARKS_LIMIT} characters with no continuation in the \
                         comments file; the cut last fact is not read"
                    ),
                ));
            }
            let ctx = ofac_remarks::Ctx {
                location: ofac_remarks::Location::Lazy(&location),
                title: rec.title.as_deref(),
                truncated,
            };
            let parsed = ofac_remarks::parse_with(text, &ctx);
            let s = &mut self.stats.remarks;
            s.parsed += parsed.facts.len();
            s.unparsed += parsed.unparsed.len();
            s.facts += parsed.facts.len() + parsed.unparsed.len();
            for f in &parsed.facts {
                f.category_into(&mut category);
                match s.by_category.get_mut(category.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        s.by_category.insert(category.clone(), 1);
                    }
                }
            }
            for u in &parsed.unparsed {
                *s.unparsed_by_label.entry(fact_label(u)).or_default() += 1;
            }
            self.doc.problems.extend(parsed.problems);
            // The whole text joins the remarks first; when it has nothing to trim, the
            // published string itself is moved there.
            let whole = if text.len() == rec.remarks.len() {
                std::mem::take(&mut rec.remarks)
            } else {
                text.to_string()
            };
            ParsedRemarks::apply_owned(parsed.facts, entity);
            entity.remarks.insert(0, whole);
        }
    }

    /// Give relations the id of the record whose primary name is exactly their target name.
    fn resolve_relations(&mut self) {
        // Record index by primary name; `None` when two records share it (ambiguous).
        let mut by_name: HashMap<&str, Option<usize>> = HashMap::with_capacity(self.entities.len());
        for (i, e) in self.entities.iter().enumerate() {
            by_name
                .entry(e.caption())
                .and_modify(|v| *v = None)
                .or_insert(Some(i));
        }
        // (record, relation, target record, whether the name takes the full stop).
        let mut found: Vec<(usize, usize, Option<usize>, bool)> = Vec::new();
        let mut dotted = String::new();
        for (i, e) in self.entities.iter().enumerate() {
            for (j, rel) in e.relations.iter().enumerate() {
                if rel.target_id.is_some() {
                    continue;
                }
                let target = match by_name.get(rel.target_name.as_str()) {
                    Some(t) => (*t, false),
                    None => {
                        dotted.clear();
                        dotted.push_str(&rel.target_name);
                        dotted.push('.');
                        let t = by_name.get(dotted.as_str()).copied().flatten();
                        // The full stop was the name's, not the end of the remarks.
                        (t, t.is_some())
                    }
                };
                found.push((i, j, target.0, target.1));
            }
        }
        drop(by_name);
        for (i, j, target, dotted) in found {
            let id = target.map(|t| self.entities[t].id.clone());
            let rel = &mut self.entities[i].relations[j];
            if dotted {
                rel.target_name.push('.');
            }
            match id {
                Some(id) => {
                    rel.target_id = Some(id);
                    self.stats.links_resolved += 1;
                }
                None => self.stats.links_unresolved += 1,
            }
        }
    }
}

/// `KIM, Jong Un` → family `KIM`, given `Jong Un`; `DELOS REYES, Feliciano Semborio, Jr.` →
/// family `DELOS REYES`, given `Feliciano Semborio`. A name without a comma has no parts.
fn person_parts(name: &str) -> NameParts {
    let mut parts = NameParts::default();
    if let Some((family, rest)) = name.split_once(',') {
        let given = rest.split(',').next().unwrap_or("").trim();
        let family = family.trim();
        if !family.is_empty() {
            parts.family.push(family.to_string());
        }
        if !given.is_empty() {
            parts.given.push(given.to_string());
        }
    }
    parts
}

/// The opening words of an unparsed fact, for statistics: words up to the first one holding a
/// digit or a quote, at most three.
fn fact_label(fact: &str) -> String {
    let f = fact.strip_prefix("alt. ").unwrap_or(fact);
    f.split_whitespace()
        .take_while(|w| !w.chars().any(|c| c.is_ascii_digit() || c == '\''))
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}
