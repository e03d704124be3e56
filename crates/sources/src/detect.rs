//! Format detection from a path and the first bytes of the file.

use crate::Error;
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

/// Tell the format of a list path. (Stub until the detection module is written.)
pub fn detect(path: &Path) -> Result<Format, Error> {
    Err(Error::UnknownFormat {
        path: path.to_path_buf(),
        message: "detection not implemented yet".into(),
    })
}
