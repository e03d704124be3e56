//! Case work over HTTP, for keys with the `analyst` role: store customer records and screen
//! the new and changed ones (`POST /v1/cases/records`), review alerts (`GET /v1/alerts`,
//! `GET /v1/alerts/{id}`), decide with four eyes (`POST /v1/alerts/{id}/decisions`), verify and
//! export the audit trail (`GET /v1/audit/verify`, `GET /v1/audit/export`). The same
//! operations as `embargo cases import`, `embargo alerts` and `embargo audit`, on the same store
//! ([`embargo_cases`]): `store` in the configuration (`EMBARGO_STORE`), else
//! `sqlite://<data_dir>/cases.db`, opened on first use.
//!
//! Who acts is the API key: a decision is recorded under `key:<id>`, so four eyes means two
//! different keys. Without authentication (`--no-auth`) the body must name the `analyst`.

use super::native::record_row;
use crate::error::{ApiError, ErrorBody};
use crate::keys::Caller;
use crate::request::{read_json, Params};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use embargo_batch::RowProblem;
use embargo_cases::{Action, AlertFilter, AlertState, NewRun, Record, RunKind, Store, StoreUrl};
use embargo_matcher::MatchConfig;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::Arc;
use utoipa::ToSchema;

/// The case store of a running service, opened on first use, and the list version registered
/// for the index in service (registered once per index version, not per request).
#[derive(Default)]
pub struct CasesState {
    store: tokio::sync::OnceCell<Store>,
    registered: tokio::sync::Mutex<Option<(u64, String)>>,
}

fn store_url(state: &AppState) -> String {
    state.config.store.clone().unwrap_or_else(|| {
        format!(
            "sqlite://{}",
            state.config.data_dir.join("cases.db").display()
        )
    })
}

async fn store(state: &AppState) -> Result<&Store, ApiError> {
    state
        .cases
        .store
        .get_or_try_init(|| async {
            let url: StoreUrl = store_url(state)
                .parse()
                .map_err(|e: embargo_cases::Error| ApiError::internal(e.to_string()))?;
            Store::open(&url).await.map_err(|e| {
                tracing::error!(error = %e, "cannot open the case store");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "not_ready",
                    format!("the case store is not available: {e}"),
                )
            })
        })
        .await
}

fn api_error(e: embargo_cases::Error) -> ApiError {
    use embargo_cases::Error as E;
    match e {
        E::UnknownAlert(_) | E::UnknownRecord(_) | E::UnknownRun(_) => {
            ApiError::not_found(e.to_string())
        }
        E::Decision { .. } => ApiError::conflict(e.to_string()),
        E::InvalidRecord { .. } | E::UnknownEntity(_) => ApiError::unprocessable(e.to_string()),
        other => {
            tracing::error!(error = %other, "case store");
            ApiError::internal("the case store failed; see the service log")
        }
    }
}

/// The acting analyst: the API key, else (no-auth mode) the name given in the body.
fn actor(caller: Option<&Caller>, named: Option<&str>) -> Result<String, ApiError> {
    if let Some(id) = caller.and_then(|c| c.key_id.as_deref()) {
        return Ok(format!("key:{id}"));
    }
    named
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .ok_or_else(|| {
            ApiError::unprocessable(
                "without API keys (no-auth mode) the body must name the `analyst`",
            )
        })
}

/// The body of `POST /v1/cases/records`.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"records": [{"id": "c-1", "full_name": "Kim Jong Un", "date_of_birth": "1984-01-08", "nationality": "kp"}]}))]
pub struct ImportRequest {
    /// Records with the fields of `POST /v1/screen`; `id` is required (at most `max_queries`).
    #[schema(value_type = Vec<Object>)]
    pub records: Vec<serde_json::Map<String, Value>>,
    /// Alert threshold (default: the service's).
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Who imports (only read without API keys).
    #[serde(default)]
    pub analyst: Option<String>,
}

/// The answer of `POST /v1/cases/records`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ImportResponse {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// The run that screened the new and changed records (absent when none were).
    pub run_id: Option<String>,
    pub list_version: String,
    /// Alerts raised.
    pub raised: Vec<i64>,
    /// Hits not raised: a confirmed false positive covers the unchanged pair.
    pub suppressed: i64,
    /// Hits not raised: the unchanged pair already has an alert.
    pub already_alerted: i64,
    /// Values that could not be used (the record is stored and screened on the rest).
    #[schema(value_type = Vec<Object>)]
    pub problems: Vec<RowProblem>,
}

/// `POST /v1/cases/records`: store records and screen the new and changed ones.
#[utoipa::path(post, path = "/v1/cases/records", tag = "Cases", request_body = ImportRequest,
    responses(
        (status = 200, body = ImportResponse),
        (status = 401, body = ErrorBody),
        (status = 403, description = "The key lacks the analyst role", body = ErrorBody),
        (status = 422, description = "A record without id or name, or a limit exceeded", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn import(
    State(state): State<Arc<AppState>>,
    caller: Option<Extension<Caller>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<ImportResponse>, ApiError> {
    let limits = &state.config.limits;
    let req: ImportRequest = read_json(&headers, body, limits).await?;
    let actor = actor(caller.as_deref(), req.analyst.as_deref())?;
    if req.records.is_empty() {
        return Err(ApiError::unprocessable("records is empty"));
    }
    if req.records.len() > limits.max_queries {
        return Err(ApiError::limit(
            "max_queries",
            limits.max_queries,
            format!(
                "{} records; at most {}",
                req.records.len(),
                limits.max_queries
            ),
        ));
    }
    let threshold = req.threshold.unwrap_or(state.config.matching.threshold);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(ApiError::unprocessable(format!(
            "threshold must be between 0 and 1, got {threshold}"
        )));
    }
    let mut problems = Vec::new();
    let mut records = Vec::with_capacity(req.records.len());
    for (i, rec) in req.records.iter().enumerate() {
        let row = record_row(rec);
        for (k, v) in &row {
            crate::wire::check_len(k, v, limits)?;
        }
        let q = embargo_batch::record::row_to_query(i, &row, &mut problems).unwrap_or_default();
        let r = Record::from_query(&q)
            .map_err(|e| ApiError::unprocessable(format!("record {i}: {e}")))?;
        records.push(r);
    }
    let store = store(&state).await?;
    let upserted = store
        .upsert_records(&records, &actor)
        .await
        .map_err(api_error)?;

    let snap = state.snapshot();
    let list_version = {
        let mut reg = state.cases.registered.lock().await;
        match &*reg {
            Some((v, lv)) if *v == snap.version => lv.clone(),
            _ => {
                let docs: Vec<Arc<embargo_model::ListDocument>> =
                    snap.lists.iter().map(|l| Arc::clone(&l.doc)).collect();
                let r = store
                    .register_lists(&docs, &actor)
                    .await
                    .map_err(api_error)?;
                *reg = Some((snap.version, r.list_version.clone()));
                r.list_version
            }
        }
    };
    let mut out = ImportResponse {
        inserted: upserted.inserted,
        updated: upserted.updated,
        unchanged: upserted.unchanged,
        run_id: None,
        list_version: list_version.clone(),
        raised: Vec::new(),
        suppressed: 0,
        already_alerted: 0,
        problems,
    };
    let mut pending = Vec::new();
    for r in &records {
        if let Some(s) = store.record(&r.id).await.map_err(api_error)? {
            if s.pending {
                pending.push(s);
            }
        }
    }
    if pending.is_empty() {
        return Ok(Json(out));
    }
    let config = MatchConfig {
        threshold,
        ..MatchConfig::default()
    };
    let run = store
        .begin_run(&NewRun {
            id: None,
            kind: RunKind::Import,
            actor: &actor,
            list_version: &list_version,
            config: &config,
        })
        .await
        .map_err(api_error)?;
    let cfg = config.clone();
    let results = tokio::task::spawn_blocking(move || {
        embargo_cases::screen::screen_records(&snap.index, &cfg, &pending)
    })
    .await
    .map_err(|_| ApiError::internal("screening failed"))?;
    let batch = store
        .record_results(&run.id, &results)
        .await
        .map_err(api_error)?;
    store.finish_run(&run.id).await.map_err(api_error)?;
    out.run_id = Some(run.id);
    out.raised = batch.raised;
    out.suppressed = batch.suppressed;
    out.already_alerted = batch.already_alerted;
    Ok(Json(out))
}

/// `GET /v1/alerts`: alerts in id order, filtered.
#[utoipa::path(get, path = "/v1/alerts", tag = "Cases",
    params(
        ("state" = Option<String>, Query, description = "open, true_match, false_positive, escalated, delisted, closed"),
        ("record" = Option<String>, Query, description = "A record id"),
        ("entity" = Option<String>, Query, description = "A listed entity id"),
        ("run" = Option<String>, Query, description = "A run id"),
        ("after" = Option<i64>, Query, description = "Only ids above this (paging)"),
        ("limit" = Option<i64>, Query, description = "At most this many (default 100, at most 1000)"),
    ),
    responses((status = 200, body = Object), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn list_alerts(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(raw.as_deref());
    let alert_state = match p.one("state") {
        Some(s) => Some(s.parse::<AlertState>().map_err(ApiError::unprocessable)?),
        None => None,
    };
    let limit = p.get::<i64>("limit")?.unwrap_or(100).clamp(1, 1000);
    let filter = AlertFilter {
        state: alert_state,
        record_id: p.one("record").map(str::to_string),
        entity_id: p.one("entity").map(str::to_string),
        run_id: p.one("run").map(str::to_string),
        after_id: p.get::<i64>("after")?,
        limit: Some(limit),
    };
    let alerts = store(&state)
        .await?
        .alerts(&filter)
        .await
        .map_err(api_error)?;
    Ok(Json(serde_json::json!({ "alerts": alerts })))
}

/// `GET /v1/alerts/{id}`: the alert, its record and its decisions.
#[utoipa::path(get, path = "/v1/alerts/{id}", tag = "Cases",
    params(("id" = i64, Path, description = "Alert id")),
    responses((status = 200, body = Object), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn show_alert(
    State(state): State<Arc<AppState>>,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let store = store(&state).await?;
    let alert = store
        .alert(id)
        .await
        .map_err(api_error)?
        .ok_or_else(|| ApiError::not_found(format!("alert {id} does not exist")))?;
    let record = store
        .record(&alert.record_id)
        .await
        .map_err(api_error)?
        .map(|r| r.record);
    let decisions = store.decisions(id).await.map_err(api_error)?;
    Ok(Json(serde_json::json!({
        "alert": alert,
        "record": record,
        "decisions": decisions,
    })))
}

/// The body of `POST /v1/alerts/{id}/decisions`.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"action": "false_positive", "comment": "different date of birth"}))]
pub struct DecisionRequest {
    /// true_match, false_positive, escalate, confirm or reject.
    pub action: String,
    /// Why (required except to confirm).
    #[serde(default)]
    pub comment: String,
    /// Who decides (only read without API keys).
    #[serde(default)]
    pub analyst: Option<String>,
}

/// `POST /v1/alerts/{id}/decisions`: decide; 409 when the rules forbid it (four eyes, a
/// closed alert, nothing to confirm).
#[utoipa::path(post, path = "/v1/alerts/{id}/decisions", tag = "Cases",
    params(("id" = i64, Path, description = "Alert id")),
    request_body = DecisionRequest,
    responses((status = 200, description = "The alert as it is now", body = Object),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Not allowed now (four eyes, closed…)", body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn decide(
    State(state): State<Arc<AppState>>,
    caller: Option<Extension<Caller>>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let req: DecisionRequest = read_json(&headers, body, &state.config.limits).await?;
    let analyst = actor(caller.as_deref(), req.analyst.as_deref())?;
    let action: Action = req.action.parse().map_err(ApiError::unprocessable)?;
    let alert = store(&state)
        .await?
        .decide(id, action, &analyst, &req.comment)
        .await
        .map_err(api_error)?;
    Ok(Json(serde_json::json!({ "alert": alert })))
}

/// `GET /v1/audit/verify`: check the hash chain; `ok: false` lists the entries edited, deleted
/// or inserted.
#[utoipa::path(get, path = "/v1/audit/verify", tag = "Cases",
    responses((status = 200, body = Object), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn verify(State(state): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    let report = store(&state)
        .await?
        .verify_audit()
        .await
        .map_err(api_error)?;
    let mut v = serde_json::to_value(&report).unwrap_or_default();
    v["ok"] = Value::Bool(report.is_ok());
    Ok(Json(v))
}

/// `GET /v1/audit/export`: the trail as JSON lines (`application/x-ndjson`).
#[utoipa::path(get, path = "/v1/audit/export", tag = "Cases",
    responses((status = 200, description = "JSON lines", content_type = "application/x-ndjson", body = String),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn export(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let mut out = String::new();
    store(&state)
        .await?
        .export_audit(|e| {
            let line = match e.export() {
                Some(x) => serde_json::to_string(&x),
                None => serde_json::to_string(e),
            }
            .map_err(std::io::Error::other)?;
            out.push_str(&line);
            out.push('\n');
            Ok(())
        })
        .await
        .map_err(api_error)?;
    Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], out).into_response())
}
