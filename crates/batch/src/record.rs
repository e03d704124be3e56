//! Reading query records.

use embargo_matcher::Query;
use embargo_model::{
    CountryCode, DateOfBirth, Gender, Identifier, IdentifierKind, PartialDate, Schema,
};
use std::collections::HashMap;
use std::path::Path;

/// A value in a row that could not be used.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RowProblem {
    /// 0-based record index (the `query_index` of the output).
    pub row: usize,
    pub field: String,
    pub value: String,
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "record {} field {}: {} ({:?})",
            self.row, self.field, self.message, self.value
        )
    }
}

/// The queries of a file, in input order, with the problems met.
#[derive(Clone, Debug, Default)]
pub struct QueryFile {
    pub queries: Vec<Query>,
    pub problems: Vec<RowProblem>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {message}")]
    File { path: String, message: String },
}

fn err(path: &Path, message: impl Into<String>) -> Error {
    Error::File {
        path: path.display().to_string(),
        message: message.into(),
    }
}

/// Read a customer file; the format is taken from the extension (`.csv`, `.jsonl`/`.json`,
/// `.xlsx`), CSV otherwise.
pub fn read_queries(path: &Path) -> Result<QueryFile, Error> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let rows: Vec<HashMap<String, String>> = match ext.as_str() {
        "jsonl" | "json" | "ndjson" => read_jsonl(path)?,
        "xlsx" | "xlsm" | "xls" | "ods" => read_sheet(path)?,
        _ => read_csv(path)?,
    };
    let mut out = QueryFile::default();
    for (i, row) in rows.iter().enumerate() {
        let q = row_to_query(i, row, &mut out.problems);
        match q {
            Some(q) => out.queries.push(q),
            None => {
                out.problems.push(RowProblem {
                    row: i,
                    field: "full_name".into(),
                    value: String::new(),
                    message: "no name: the record is screened as an empty query".into(),
                });
                out.queries.push(Query::default());
            }
        }
    }
    Ok(out)
}

fn read_csv(path: &Path) -> Result<Vec<HashMap<String, String>>, Error> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .map_err(|e| err(path, e.to_string()))?;
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| err(path, e.to_string()))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    if !headers.iter().any(|h| h == "full_name" || h == "name") {
        return Err(err(path, "the header has no `full_name` or `name` column"));
    }
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| err(path, format!("record {i}: {e}")))?;
        rows.push(
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect(),
        );
    }
    Ok(rows)
}

fn read_jsonl(path: &Path) -> Result<Vec<HashMap<String, String>>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| err(path, e.to_string()))?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| err(path, format!("line {}: {e}", i + 1)))?;
        let obj = v
            .as_object()
            .ok_or_else(|| err(path, format!("line {}: not a JSON object", i + 1)))?;
        let mut row = HashMap::new();
        for (k, v) in obj {
            let s = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => String::new(),
                serde_json::Value::Array(a) => a
                    .iter()
                    .map(|x| {
                        x.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| x.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(";"),
                other => other.to_string(),
            };
            row.insert(k.to_ascii_lowercase(), s);
        }
        rows.push(row);
    }
    Ok(rows)
}

fn read_sheet(path: &Path) -> Result<Vec<HashMap<String, String>>, Error> {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(path).map_err(|e| err(path, e.to_string()))?;
    let sheet = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| err(path, "the workbook has no sheet"))?;
    let range = wb
        .worksheet_range(&sheet)
        .map_err(|e| err(path, e.to_string()))?;
    let mut it = range.rows();
    let headers: Vec<String> = it
        .next()
        .ok_or_else(|| err(path, "the sheet is empty"))?
        .iter()
        .map(|c| c.to_string().trim().to_ascii_lowercase())
        .collect();
    if !headers.iter().any(|h| h == "full_name" || h == "name") {
        return Err(err(path, "the header has no `full_name` or `name` column"));
    }
    Ok(it
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(|c| c.to_string()))
                .collect()
        })
        .collect())
}

/// Parse a query birth date leniently: customer data has "1969-7-16" and even "1974-01-32";
/// the precision that can be read is kept and the rest reported.
pub fn parse_birth_date(s: &str) -> Result<DateOfBirth, (Option<DateOfBirth>, String)> {
    if let Ok(d) = DateOfBirth::parse(s) {
        return Ok(d);
    }
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    if let Some(y) = parts.first().and_then(|y| y.parse::<u16>().ok()) {
        if parts[0].len() == 4 {
            let m = parts.get(1).and_then(|m| m.parse::<u8>().ok());
            let d = parts.get(2).and_then(|d| d.parse::<u8>().ok());
            if let Ok(pd) = PartialDate::new(y, m, d) {
                return Ok(DateOfBirth::exact(pd));
            }
            let kept = PartialDate::new(y, m, None)
                .or_else(|_| PartialDate::new(y, None, None))
                .ok()
                .map(DateOfBirth::exact);
            return Err((kept, "invalid date; kept the part that is valid".into()));
        }
    }
    Err((None, "invalid date".into()))
}

/// One record (column → value) → a query: the one mapping of customer-file fields, used by the
/// file readers here and by the server's `POST /v1/screen` and case imports, so that a record
/// screens the same from a file and over HTTP. Unusable values go to `problems` (row, field,
/// value, why) and the record is screened on the rest; `None` when it has no name at all.
pub fn row_to_query(
    row: usize,
    r: &HashMap<String, String>,
    problems: &mut Vec<RowProblem>,
) -> Option<Query> {
    let get = |k: &str| r.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
    let mut problem = |field: &str, value: &str, message: &str| {
        problems.push(RowProblem {
            row,
            field: field.to_string(),
            value: value.to_string(),
            message: message.to_string(),
        })
    };
    let mut q = Query {
        id: get("id").map(str::to_string),
        ..Default::default()
    };
    let full = get("full_name").or_else(|| get("name"));
    if let Some(f) = full {
        q.names.push(f.to_string());
    }
    let parts: Vec<&str> = ["first_name", "middle_name", "last_name"]
        .iter()
        .filter_map(|k| get(k))
        .collect();
    if !parts.is_empty() {
        let joined = parts.join(" ");
        if full.is_none_or(|f| !f.eq_ignore_ascii_case(&joined)) {
            q.names.push(joined);
        }
    }
    if q.names.is_empty() {
        return None;
    }
    if let Some(s) = get("schema") {
        match s.parse::<Schema>() {
            Ok(s) => q.schema = Some(s),
            Err(e) => problem("schema", s, &e.to_string()),
        }
    } else if !parts.is_empty() || get("gender").is_some() || get("date_of_birth").is_some() {
        // Name parts, a gender or a birth date only belong to a person: screen as one, so that
        // a person is not matched against vessels, aircraft and companies.
        q.schema = Some(Schema::Person);
    }
    if let Some(d) = get("date_of_birth").or_else(|| get("birth_date")) {
        for part in d.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match parse_birth_date(part) {
                Ok(dob) => q.birth_dates.push(dob),
                Err((kept, msg)) => {
                    problem("date_of_birth", part, &msg);
                    q.birth_dates.extend(kept);
                }
            }
        }
    }
    for field in ["nationality", "country", "citizenship"] {
        if let Some(v) = get(field) {
            for part in v.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                match CountryCode::parse(part) {
                    Some(c) => {
                        if !q.countries.contains(&c) {
                            q.countries.push(c)
                        }
                    }
                    None => problem(field, part, "maps to no country code"),
                }
            }
        }
    }
    if let Some(g) = get("gender") {
        match Gender::parse(g) {
            Some(g) => q.gender = Some(g),
            None => problem("gender", g, "expected male, female or other"),
        }
    }
    for (field, kind) in [
        ("passport", IdentifierKind::Passport),
        ("national_id", IdentifierKind::NationalId),
        ("imo", IdentifierKind::Imo),
        ("mmsi", IdentifierKind::Mmsi),
        ("bic", IdentifierKind::Bic),
        ("lei", IdentifierKind::Lei),
        ("wallet", IdentifierKind::CryptoWallet),
    ] {
        if let Some(v) = get(field) {
            for part in v.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                q.identifiers.push(Identifier::new(kind, part));
            }
        }
    }
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_dates() {
        assert_eq!(
            parse_birth_date("1969-7-16").unwrap().to_string(),
            "1969-07-16"
        );
        let (kept, _) = parse_birth_date("1974-01-32").unwrap_err();
        assert_eq!(kept.unwrap().to_string(), "1974-01");
        assert!(parse_birth_date("yesterday").is_err());
    }
}
