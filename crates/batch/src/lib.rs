//! Customer files read into screening [`Query`]s.
//!
//! One record per row (CSV with header, JSON lines, or the first sheet of an Excel workbook).
//! `full_name` (or `name`) is required; the other fields qualify the name. Values that cannot be
//! used (a country that maps to no code, an impossible date) are reported as [`RowProblem`]s
//! naming the row and field; the row is still screened on what remains.

pub mod record;

pub use record::{read_queries, QueryFile, RowProblem};
