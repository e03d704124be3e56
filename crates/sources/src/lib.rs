//! Readers that turn each official list format into [`embargo_model::ListDocument`]s.
//!
//! One module per format. [`detect::detect`] tells the format of a file or folder; [`read_list`]
//! reads any of them. Readers never panic on bad input: a file that cannot be read at all is an
//! [`Error`] naming the file; a bad record or field inside it is a [`embargo_model::Problem`] in
//! the document, with its location.

pub mod csl;
pub mod detect;
pub mod diff;
pub mod dpl;
pub mod error;
pub mod eu_fsf;
pub mod ftm;
pub mod link;
pub mod ofac_csv;
pub mod ofac_remarks;
pub mod ofac_xml;
pub mod senzing;
pub mod uk;
pub mod un;

pub use detect::{detect, Format};
pub use diff::{Changed, Diff, FieldChange, FieldClass};
pub use error::Error;

use embargo_model::ListDocument;
use std::path::Path;

/// Read one list (a file, or a folder for multi-file sets such as OFAC's CSV files) in the given
/// format, or the detected one when `format` is `None`.
pub fn read_list(path: &Path, format: Option<Format>) -> Result<ListDocument, Error> {
    let format = match format {
        Some(f) => f,
        None => detect(path)?,
    };
    match format {
        Format::UnXml => un::read(path),
        Format::OfacCsv => ofac_csv::read(path),
        Format::OfacXml => ofac_xml::read(path),
        Format::EuFsf => eu_fsf::read(path),
        Format::UkCsv | Format::UkXml => uk::read(path, format),
        Format::Csl => csl::read(path),
        Format::Dpl => dpl::read(path),
        Format::Senzing => senzing::read(path),
        Format::Ftm => ftm::read(path),
    }
}

/// Read several lists and link entities published in more than one of them (see [`link`]).
pub fn read_lists(paths: &[(&Path, Option<Format>)]) -> Result<Vec<ListDocument>, Error> {
    let mut docs = Vec::with_capacity(paths.len());
    for (p, f) in paths {
        docs.push(read_list(p, *f)?);
    }
    link::link_documents(&mut docs);
    Ok(docs)
}
