//! embargo's own endpoint: `POST /v1/screen`, records with the fields of `embargo screen
//! --input` files, answered with embargo's full explanation and the list versions screened
//! against (what an auditor asks for).
//!
//! A record is a JSON object with the customer-file columns: `full_name` (or `name`;
//! `first_name`/`middle_name`/`last_name` add the joined name), `id`, `schema`,
//! `date_of_birth` (or `birth_date`), `nationality`, `country`, `citizenship`, `gender`,
//! `passport`, `national_id`, `imo`, `mmsi`, `bic`, `lei`, `wallet`. Several values go in a list
//! or one string separated by `;`. The mapping is `embargo_batch::record::row_to_query`, the
//! same function that reads customer files, so a record screens alike from a file and here;
//! unusable values are reported per record and field, and the record is screened on the rest.

use super::yente::{filters_from, run_queries, scope_of};
use crate::error::{ApiError, ErrorBody};
use crate::request::{read_json, Params};
use crate::snapshot::ListInfo;
use crate::state::AppState;
use crate::wire::check_len;
use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use embargo_batch::RowProblem;
use embargo_matcher::{MatchConfig, Query};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use utoipa::ToSchema;

/// The body of `POST /v1/screen`.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"records": [{"id": "c-1", "full_name": "Kim Jong Un", "date_of_birth": "1984-01-08", "nationality": "kp"}], "threshold": 0.7}))]
pub struct ScreenRequest {
    /// Records to screen (at most `max_queries`).
    #[schema(value_type = Vec<Object>)]
    pub records: Vec<serde_json::Map<String, Value>>,
    /// Alert threshold (default 0.7).
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Results below this score are left out (default 0.5).
    #[serde(default)]
    pub min_score: Option<f64>,
    /// Results per record (default 10).
    #[serde(default)]
    pub limit: Option<usize>,
    /// A loaded list, `default` (all) or `sanctions` (default: `default`).
    #[serde(default)]
    pub dataset: Option<String>,
}

/// The screening of one record.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ScreenResult {
    /// Position of the record in the request.
    pub index: usize,
    /// The record's `id`, passed through.
    pub id: Option<String>,
    /// At least one result at or above the threshold.
    pub alert: bool,
    /// Results at or above `min_score` before `limit`: all of them when `total_exact`, else
    /// at least this many (the search stops once nothing left can enter the best `limit`).
    pub total: usize,
    pub total_exact: bool,
    /// The query the record became.
    #[schema(value_type = Object)]
    pub query: Query,
    /// Values that could not be used.
    #[schema(value_type = Vec<Object>)]
    pub problems: Vec<RowProblem>,
    /// Results, best first, each with its explanation.
    #[schema(value_type = Vec<Object>)]
    pub hits: Vec<embargo_matcher::Hit>,
}

/// The answer of `POST /v1/screen`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ScreenResponse {
    pub results: Vec<ScreenResult>,
    /// Version of the index screened against.
    pub index_version: u64,
    /// The list versions (with hashes) screened against.
    pub lists: Vec<ListInfo>,
    /// `embargo <version>`.
    pub engine: String,
    /// The matching configuration applied.
    #[schema(value_type = Object)]
    pub config: MatchConfig,
}

/// A record's values as text, as the JSON lines reader of `embargo_batch` reads them.
pub(crate) fn record_row(record: &serde_json::Map<String, Value>) -> HashMap<String, String> {
    record
        .iter()
        .map(|(k, v)| {
            let s = match v {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                Value::Array(a) => a
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
            (k.to_ascii_lowercase(), s)
        })
        .collect()
}

/// `POST /v1/screen`: screen customer records with full explanations.
#[utoipa::path(
    post,
    path = "/v1/screen",
    tag = "Native",
    request_body = ScreenRequest,
    responses(
        (status = 200, body = ScreenResponse),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, description = "No such dataset", body = ErrorBody),
        (status = 413, description = "Body over max_body_bytes", body = ErrorBody),
        (status = 422, description = "Malformed body or a limit exceeded", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn screen(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<ScreenResponse>, ApiError> {
    let limits = &state.config.limits;
    let req: ScreenRequest = read_json(&headers, body, limits).await?;
    let snap = state.snapshot();
    let scope = scope_of(&snap, req.dataset.as_deref().unwrap_or("default"))?;
    if req.records.is_empty() {
        return Err(ApiError::unprocessable("records is empty"));
    }
    if req.records.len() > limits.max_queries {
        return Err(ApiError::limit(
            "max_queries",
            limits.max_queries,
            format!(
                "{} records in one request; at most {}",
                req.records.len(),
                limits.max_queries
            ),
        ));
    }
    let limit = req.limit.unwrap_or(10);
    if limit > limits.max_results {
        return Err(ApiError::limit(
            "max_results",
            limits.max_results,
            format!("limit {limit} is over {}", limits.max_results),
        ));
    }
    let config = MatchConfig {
        threshold: req.threshold.unwrap_or(state.config.matching.threshold),
        min_score: req.min_score.unwrap_or(0.5),
        limit,
        ..MatchConfig::default()
    };
    for (name, v) in [
        ("threshold", config.threshold),
        ("min_score", config.min_score),
    ] {
        if !(0.0..=1.0).contains(&v) {
            return Err(ApiError::unprocessable(format!(
                "{name} must be between 0 and 1, got {v}"
            )));
        }
    }
    let mut problems: Vec<RowProblem> = Vec::new();
    let mut queries = Vec::with_capacity(req.records.len());
    for (i, rec) in req.records.iter().enumerate() {
        let row = record_row(rec);
        for (k, v) in &row {
            check_len(k, v, limits)?;
        }
        let q = match embargo_batch::record::row_to_query(i, &row, &mut problems) {
            Some(q) => q,
            None => {
                problems.push(RowProblem {
                    row: i,
                    field: "full_name".into(),
                    value: String::new(),
                    message: "no name: the record is screened as an empty query".into(),
                });
                Query::default()
            }
        };
        if q.names.len() > limits.max_names {
            return Err(ApiError::limit(
                "max_names",
                limits.max_names,
                format!("record {i} has more than {} names", limits.max_names),
            ));
        }
        let values = q
            .birth_dates
            .len()
            .max(q.countries.len())
            .max(q.identifiers.len());
        if values > limits.max_values {
            return Err(ApiError::limit(
                "max_values",
                limits.max_values,
                format!(
                    "record {i} has more than {} values in a field",
                    limits.max_values
                ),
            ));
        }
        if state.config.log_personal_data {
            tracing::info!(record = i, names = ?q.names, "screen record");
        }
        queries.push(q);
    }
    let filters = filters_from(&snap, scope, &Params::default(), limits)?;
    let n = queries.len();
    let results = run_queries(Arc::clone(&snap), queries.clone(), config.clone(), filters).await?;
    let mut alerts = 0;
    let results: Vec<ScreenResult> = queries
        .into_iter()
        .zip(results)
        .enumerate()
        .map(|(i, (query, found))| {
            let embargo_matcher::Found {
                hits,
                total,
                total_exact,
            } = found;
            let alert = hits.iter().any(|h| h.is_match);
            alerts += alert as usize;
            ScreenResult {
                index: i,
                id: query.id.clone(),
                alert,
                total,
                total_exact,
                query,
                problems: problems.iter().filter(|p| p.row == i).cloned().collect(),
                hits,
            }
        })
        .collect();
    crate::metrics::screened("screen", n, alerts);
    tracing::info!(records = n, alerts, index_version = snap.version, "screen");
    Ok(Json(ScreenResponse {
        results,
        index_version: snap.version,
        lists: snap.lists.iter().map(|l| l.info.clone()).collect(),
        engine: format!("embargo {}", env!("CARGO_PKG_VERSION")),
        config,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_follow_the_customer_file_rules() {
        let rec: serde_json::Map<String, Value> = serde_json::from_value(serde_json::json!({
            "ID": "c-1", "first_name": "Jong", "last_name": "Kim", "nationality": ["kp", "Atlantis"],
            "date_of_birth": "1984-01-32", "passport": "AB 123; CD 456", "age": 40
        }))
        .unwrap();
        let mut problems = Vec::new();
        let q = embargo_batch::record::row_to_query(0, &record_row(&rec), &mut problems).unwrap();
        assert_eq!(q.id.as_deref(), Some("c-1"));
        assert_eq!(q.names, vec!["Jong Kim"]);
        // Name parts only belong to a person: screened as one, over HTTP as from a file.
        assert_eq!(q.schema, Some(embargo_model::Schema::Person));
        assert_eq!(q.countries.len(), 1);
        assert_eq!(q.identifiers.len(), 2);
        assert_eq!(q.birth_dates[0].to_string(), "1984-01");
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["date_of_birth", "nationality"]);
    }
}
