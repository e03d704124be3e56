//! Format detection from a path and the first bytes of the file.

use crate::Error;
use std::io::Read;
use std::path::Path;

/// A list format embargo reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// UN Security Council Consolidated List XML (`CONSOLIDATED_LIST`).
    UnXml,
    /// OFAC legacy CSV set: a folder with `sdn.csv` (+ `alt.csv`, `add.csv`, `sdn_comments.csv`) or
    /// the non-SDN `cons_prim.csv` set, or a single such file.
    OfacCsv,
    /// OFAC `sdn.xml` (`sdnList`).
    OfacXml,
    /// EU Financial Sanctions File XML 1.1 (`export`).
    EuFsf,
    /// UK Sanctions List CSV.
    UkCsv,
    /// UK Sanctions List XML.
    UkXml,
    /// US Consolidated Screening List CSV (trade.gov).
    Csl,
    /// BIS Denied Persons List, tab separated.
    Dpl,
    /// OpenSanctions "senzing" JSON lines.
    Senzing,
    /// FollowTheMoney JSON lines.
    Ftm,
}

impl Format {
    pub const ALL: [Format; 10] = [
        Format::UnXml,
        Format::OfacCsv,
        Format::OfacXml,
        Format::EuFsf,
        Format::UkCsv,
        Format::UkXml,
        Format::Csl,
        Format::Dpl,
        Format::Senzing,
        Format::Ftm,
    ];

    /// The name used by `--input-format`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::UnXml => "un-xml",
            Format::OfacCsv => "ofac-csv",
            Format::OfacXml => "ofac-xml",
            Format::EuFsf => "eu-fsf",
            Format::UkCsv => "uk-csv",
            Format::UkXml => "uk-xml",
            Format::Csl => "csl",
            Format::Dpl => "dpl",
            Format::Senzing => "senzing",
            Format::Ftm => "ftm",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// How much of a file detection reads: enough for an XML root with its namespaces, a CSV
/// header row or the opening keys of a JSON line, without reading a 100 MB list.
const HEAD_BYTES: u64 = 8 * 1024;

/// Tell the format of a list path from its name and first bytes.
///
/// - a folder holding `sdn.csv` or `cons_prim.csv`, or a file of that name: [`Format::OfacCsv`];
/// - XML by its root element: `CONSOLIDATED_LIST` (UN), `sdnList` (OFAC), `export` in the EU
///   namespace (EU FSF), `Designations` or `ArrayOfFinancialSanctionsTarget` (UK);
/// - CSV by its header: `_id,source,…` or `source,entity_number,…` (CSL), UK headings
///   (`Report Date:`, `Unique ID` … `Name 6`), no header with a numeric first column (OFAC);
/// - tab-separated `"Name"\t"Street_Address"`: BIS DPL;
/// - JSON lines with `"DATA_SOURCE"` and `"RECORD_ID"` (senzing) or `"schema"` (FtM).
///
/// Anything else is [`Error::UnknownFormat`], naming the file and what it looked like.
///
/// ```no_run
/// use embargo_sources::{detect, Format};
/// assert_eq!(detect(std::path::Path::new("lists/un/consolidated.xml")).unwrap(), Format::UnXml);
/// ```
pub fn detect(path: &Path) -> Result<Format, Error> {
    let unknown = |message: String| Error::UnknownFormat {
        path: path.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return detect_folder(path).map_err(unknown);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name == "sdn.csv" || name == "cons_prim.csv" {
        return Ok(Format::OfacCsv);
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(HEAD_BYTES).read_to_end(&mut head))
        .map_err(|e| Error::io(path, e))?;
    detect_head(&head).map_err(unknown)
}

fn detect_folder(path: &Path) -> Result<Format, String> {
    let mut names: Vec<String> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot list the folder: {e}"))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    if lower.iter().any(|n| n == "sdn.csv" || n == "cons_prim.csv") {
        return Ok(Format::OfacCsv);
    }
    let ofac_parts = [
        "alt.csv",
        "add.csv",
        "sdn_comments.csv",
        "cons_alt.csv",
        "cons_add.csv",
    ];
    if lower.iter().any(|n| ofac_parts.contains(&n.as_str())) {
        return Err(format!(
            "a folder of OFAC CSV files without its primary file sdn.csv or cons_prim.csv, holding {}",
            names.join(", ")
        ));
    }
    let shown: Vec<&str> = names.iter().take(8).map(String::as_str).collect();
    let more = if names.len() > shown.len() {
        ", …"
    } else {
        ""
    };
    Err(format!(
        "a folder without sdn.csv or cons_prim.csv, holding {}{more}; give the list file itself",
        if shown.is_empty() {
            "nothing".to_string()
        } else {
            shown.join(", ")
        }
    ))
}

/// Tell the format from the first bytes of a file.
fn detect_head(head: &[u8]) -> Result<Format, String> {
    if head.is_empty() {
        return Err("the file is empty".into());
    }
    if head.starts_with(b"PK\x03\x04") {
        return Err("a ZIP archive; unpack it first".into());
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        return Err("a gzip file; decompress it first".into());
    }
    // The head may end inside a multi-byte character: keep the valid prefix.
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) if e.valid_up_to() + 4 >= head.len() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or("")
        }
        Err(_) => return Err("binary data or text that is not UTF-8".into()),
    };
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        return detect_xml(text);
    }
    if text.starts_with('{') {
        let first = text.lines().next().unwrap_or("");
        if first.contains("\"DATA_SOURCE\"") && first.contains("\"RECORD_ID\"") {
            return Ok(Format::Senzing);
        }
        if first.contains("\"schema\"")
            && (first.contains("\"properties\"") || first.contains("\"id\""))
        {
            return Ok(Format::Ftm);
        }
        return Err(format!(
            "JSON without FtM or senzing keys, starting {}",
            preview(first)
        ));
    }
    if text.starts_with('[') {
        return Err(
            "a JSON array (FtM and senzing exports are JSON lines, one object a line)".into(),
        );
    }
    detect_text(text)
}

fn preview(s: &str) -> String {
    let p: String = s.chars().take(60).collect();
    format!("{p:?}")
}

/// The local name of the root element, past the declaration, comments and doctype.
fn xml_root(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = &r[r.find('>')? + 1..];
        } else if let Some(r) = rest.strip_prefix('<') {
            let end = r.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            let name = &r[..end];
            return Some(name.rsplit(':').next().unwrap_or(name));
        } else {
            return None;
        }
    }
}

fn detect_xml(text: &str) -> Result<Format, String> {
    let Some(root) = xml_root(text) else {
        return Err("XML whose root element is not within the first 8 KB".into());
    };
    match root {
        "CONSOLIDATED_LIST" => Ok(Format::UnXml),
        "sdnList" => Ok(Format::OfacXml),
        "export"
            if text.contains("http://eu.europa.ec/fpi/fsd/export")
                || text.contains("sanctionEntity") =>
        {
            Ok(Format::EuFsf)
        }
        "Designations" | "ArrayOfFinancialSanctionsTarget" => Ok(Format::UkXml),
        other => Err(format!("XML with root element <{other}>")),
    }
}

fn csv_cells(line: &str, sep: char) -> Vec<String> {
    line.split(sep)
        .map(|c| c.trim().trim_matches('"').trim().to_ascii_lowercase())
        .collect()
}

fn detect_text(text: &str) -> Result<Format, String> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("");
    if first.contains('\t') {
        let cells = csv_cells(first, '\t');
        if cells.first().map(String::as_str) == Some("name")
            && cells.get(1).map(String::as_str) == Some("street_address")
        {
            return Ok(Format::Dpl);
        }
    }
    if first.trim_start().starts_with("Report Date:") {
        return Ok(Format::UkCsv);
    }
    // UK headers may follow a line or two of preamble.
    for line in text.lines().take(5) {
        let cells: Vec<String> = csv_cells(line, ',')
            .iter()
            .map(|c| c.chars().filter(char::is_ascii_alphanumeric).collect())
            .collect();
        let has = |k: &str| cells.iter().any(|c| c == k);
        if has("name6") && (has("uniqueid") || has("groupid")) {
            return Ok(Format::UkCsv);
        }
    }
    let cells = csv_cells(first, ',');
    let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or("");
    if (cell(0) == "_id" && cell(1) == "source")
        || (cells.iter().any(|c| c == "source")
            && cells.iter().any(|c| c == "entity_number")
            && cells.iter().any(|c| c == "name"))
    {
        return Ok(Format::Csl);
    }
    if cells.len() >= 2 && !cell(0).is_empty() && cell(0).bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Format::OfacCsv);
    }
    Err(format!("text starting {}", preview(first)))
}
