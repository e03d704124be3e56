//! Operation endpoints: health, readiness, metrics, reload.

use crate::error::{ApiError, ErrorBody};
use crate::request::Params;
use crate::snapshot::ListInfo;
use crate::state::{AppState, ReloadOutcome, ReloadStatus};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use std::sync::Arc;
use utoipa::ToSchema;

/// `{"status": "ok"}`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct StatusResponse {
    pub status: String,
}

/// `GET /healthz`: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "System information",
    responses((status = 200, body = StatusResponse)))]
pub async fn healthz() -> Json<StatusResponse> {
    Json(StatusResponse {
        status: "ok".into(),
    })
}

/// The answer of `/readyz`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReadyResponse {
    /// `ok`, or `degraded` when the last reload refused a list (the older version is served).
    pub status: String,
    pub index_version: u64,
    pub entities: usize,
    /// When the index in service was built (RFC 3339).
    pub built_at: String,
    pub lists: Vec<ListInfo>,
    pub reload: ReloadStatus,
    pub uptime_seconds: u64,
}

/// `GET /readyz`: the index in service, its lists, and the last reload (with any refusal).
/// Always 200 once serving: a refused list leaves the previous version in service.
#[utoipa::path(get, path = "/readyz", tag = "System information",
    responses((status = 200, body = ReadyResponse)))]
pub async fn readyz(State(state): State<Arc<AppState>>) -> Json<ReadyResponse> {
    let snap = state.snapshot();
    let reload = state.reload_status();
    Json(ReadyResponse {
        status: if reload.refused.is_empty() {
            "ok"
        } else {
            "degraded"
        }
        .into(),
        index_version: snap.version,
        entities: snap.index.len(),
        built_at: snap.built_at_rfc3339(),
        lists: snap.lists.iter().map(|l| l.info.clone()).collect(),
        reload,
        uptime_seconds: state.started.elapsed().as_secs(),
    })
}

/// `GET /metrics`: Prometheus text format.
#[utoipa::path(get, path = "/metrics", tag = "System information",
    responses((status = 200, description = "Prometheus text exposition format", body = String, content_type = "text/plain")))]
pub async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    let snap = state.snapshot();
    let text = crate::metrics::render(&snap);
    let mut r = text.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    r
}

/// `POST /admin/reload`: re-read the lists and swap in a new index. Unchanged files are
/// reused (`?force=true` rebuilds anyway). 200 when every changed list was taken, 422 when
/// one was refused (the body says which and why; the other lists still moved on), 409 while
/// another reload runs.
#[utoipa::path(post, path = "/admin/reload", tag = "Admin",
    params(("force" = Option<bool>, Query, description = "Rebuild the index even when no file changed")),
    responses(
        (status = 200, body = ReloadOutcome),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 409, description = "A reload is already running", body = ErrorBody),
        (status = 422, description = "A list was refused", body = ReloadOutcome),
    ),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn reload(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let force = Params::parse(raw.as_deref())
        .flag("force")?
        .unwrap_or(false);
    let Some(out) = state.reload(force).await else {
        return Err(ApiError::conflict("a reload is already running"));
    };
    let status = if out.report.refused.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(out)).into_response())
}
