//! UK Sanctions List reader (to be written).

use crate::{Error, Format};
use embargo_model::ListDocument;
use std::path::Path;

pub fn read(path: &Path, _format: Format) -> Result<ListDocument, Error> {
    Err(Error::format(path, "reader not implemented yet"))
}
