//! Reader (to be written).

use crate::Error;
use embargo_model::ListDocument;
use std::path::Path;

pub fn read(path: &Path) -> Result<ListDocument, Error> {
    Err(Error::format(path, "reader not implemented yet"))
}
