//! Screening stored records with the matcher: the step between reading records from the store
//! and recording results in it.

use crate::run::RecordResult;
use crate::store::StoredRecord;
use embargo_matcher::{Hit, Index, MatchConfig, Query};
use rayon::prelude::*;

/// Screen records against an index (in parallel): every result at or above `min_score`
/// ([`search_complete`]), split into alerts and near misses by [`RecordResult::from_hits`]. Each
/// result carries the fingerprint the record had when screened, so that recording it can tell
/// whether the record changed meanwhile.
///
/// `config.limit` does not cap alerts: a record can match many entities (a common name against
/// the 15,000 entries of the SDN list), and each of them is an alert an analyst must see. Only
/// the near misses (below the line) are capped, at
/// [`crate::run::NEAR_MISSES_PER_RECORD`].
pub fn screen_records(
    index: &Index,
    config: &MatchConfig,
    records: &[StoredRecord],
) -> Vec<RecordResult> {
    records
        .par_iter()
        .map(|r| {
            let hits = search_complete(index, &r.record.to_query(), config);
            RecordResult::from_hits(&r.record, &r.fingerprint, &hits)
        })
        .collect()
}

/// Every result of `query` at or above `config.min_score`, best first: [`Index::search`] with
/// `config.limit` as a first guess, asked again with four times the limit while the answer is
/// full (results may have been cut). Most records have a handful of results and cost one
/// search; only the ones with many pay more.
pub fn search_complete(index: &Index, query: &Query, config: &MatchConfig) -> Vec<Hit> {
    let mut cfg = config.clone();
    cfg.limit = config.limit.max(16);
    loop {
        let hits = index.search(query, &cfg);
        if hits.len() < cfg.limit || cfg.limit >= index.len() {
            return hits;
        }
        cfg.limit = cfg.limit.saturating_mul(4);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Record;
    use embargo_model::{Entity, EntityId, ListDocument, NameKind, Schema};

    /// 40 listed people named "Ali Hassan" (a common name) and 40 "Ali Hassani": a record
    /// "Ali Hassan" alerts on every one of the first 40, far more than the default limit of 10.
    #[test]
    fn every_alert_is_kept_however_many() {
        let mut entities = Vec::new();
        for i in 0..80 {
            let id = format!("e{i:03}");
            let mut e = Entity::new(EntityId::new("fx", &id), Schema::Person, "fx", &id);
            e.add_name(
                if i < 40 { "ALI HASSAN" } else { "ALI HASSANI" },
                NameKind::Primary,
            );
            entities.push(e);
        }
        let doc = ListDocument {
            dataset: "fx".into(),
            entities,
            ..Default::default()
        };
        let index = Index::build(&[doc]);
        let config = MatchConfig::default();
        assert_eq!(config.limit, 10);
        let record = Record {
            id: "c1".into(),
            schema: Some(Schema::Person),
            names: vec!["Ali Hassan".into()],
            birth_dates: vec![],
            countries: vec![],
            gender: None,
            identifiers: vec![],
        };
        let stored = StoredRecord {
            fingerprint: record.fingerprint(),
            record,
            pending: true,
            created_at: String::new(),
            updated_at: String::new(),
            screened_at: None,
        };
        let out = screen_records(&index, &config, std::slice::from_ref(&stored));
        let all = index.search(
            &stored.record.to_query(),
            &MatchConfig {
                limit: 10_000,
                ..config.clone()
            },
        );
        let matches = all.iter().filter(|h| h.is_match).count();
        assert!(matches >= 40, "{matches} alerts in the unlimited search");
        assert_eq!(out[0].hits.len(), matches);
        assert_eq!(out[0].near_misses.len(), all.len() - matches);
        assert!(out[0]
            .near_misses
            .iter()
            .all(|n| n.score < config.threshold));
    }
}
