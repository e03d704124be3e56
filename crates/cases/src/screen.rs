//! Screening stored records with the matcher: the step between reading records from the store
//! and recording results in it.

use crate::run::RecordResult;
use crate::store::StoredRecord;
use embargo_matcher::{Index, MatchConfig};
use rayon::prelude::*;

/// Screen records against an index (in parallel) and keep their alerting hits. Each result
/// carries the fingerprint the record had when screened, so that recording it can tell whether
/// the record changed meanwhile.
pub fn screen_records(
    index: &Index,
    config: &MatchConfig,
    records: &[StoredRecord],
) -> Vec<RecordResult> {
    records
        .par_iter()
        .map(|r| {
            let hits = index.search(&r.record.to_query(), config);
            RecordResult::from_hits(&r.record, &r.fingerprint, &hits)
        })
        .collect()
}
