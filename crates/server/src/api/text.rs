//! `POST /v1/text`: the listed parties and sanctioned jurisdictions an article, a report or a
//! payment narrative mentions, as `embargo text --format json` reports them (the same
//! `embargo_text::TextReport`, with the index version and list versions screened against).
//!
//! Scanning needs every listed name keyed for text (`embargo_text::ScanKeys`, about a second for
//! UN + OFAC SDN + CSL). The keys are built on the first text request after each reload and
//! kept beside a weak reference to the snapshot they belong to: a reload makes them stale
//! without the keys keeping the old index alive, and the next request builds them again.

use crate::error::{ApiError, ErrorBody};
use crate::request::read_json;
use crate::snapshot::{ListInfo, Snapshot};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use embargo_matcher::MatchConfig;
use embargo_text::{EntitySummary, JurisdictionMention, Mention, ScanConfig, ScanKeys};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Weak};
use utoipa::ToSchema;

/// The body of `POST /v1/text`.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "Russian President Vladimir Putin hosted Kim Jong Un. Putin praised the talks."}))]
pub struct TextRequest {
    /// The text to scan (UTF-8; the body limit `max_body_bytes` bounds it).
    pub text: String,
    /// A span is a mention when it scores at least this against a listed name (default: the
    /// service's matching threshold).
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Report later surname-only references to a party named in full before (default true).
    #[serde(default)]
    pub coreference: Option<bool>,
}

/// The answer of `POST /v1/text`: the fields of `embargo text --format json`, then what was
/// screened against.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TextResponse {
    /// Mentions of listed parties in text order: `start`/`end` are code-point offsets,
    /// `byte_start`/`byte_end` UTF-8 byte offsets, with the surface, entity ids, score,
    /// kind (`name` or `coreference`) and the matcher's explanation.
    #[schema(value_type = Vec<Object>)]
    pub mentions: Vec<Mention>,
    /// One summary per party mentioned, in order of first mention.
    #[schema(value_type = Vec<Object>)]
    pub entities: Vec<EntitySummary>,
    /// Sanctioned jurisdictions named, reported apart from parties.
    #[schema(value_type = Vec<Object>)]
    pub jurisdictions: Vec<JurisdictionMention>,
    /// Version of the index scanned against.
    pub index_version: u64,
    /// The list versions (with hashes) scanned against.
    pub lists: Vec<ListInfo>,
    /// `embargo <version>`.
    pub engine: String,
}

/// The keys of the snapshot last scanned against.
struct Cached {
    snapshot: Weak<Snapshot>,
    keys: Arc<ScanKeys>,
}

/// One slot: a service serves one snapshot at a time. An async mutex, so that requests arriving
/// while the keys are built wait for that one build instead of starting their own.
static KEYS: tokio::sync::Mutex<Option<Cached>> = tokio::sync::Mutex::const_new(None);

/// The scan keys of `snap`, built if the cached ones belong to another snapshot.
async fn keys_for(snap: &Arc<Snapshot>) -> Result<Arc<ScanKeys>, ApiError> {
    let mut slot = KEYS.lock().await;
    if let Some(c) = slot.as_ref() {
        if c.snapshot.upgrade().is_some_and(|s| Arc::ptr_eq(&s, snap)) {
            return Ok(Arc::clone(&c.keys));
        }
    }
    // Drop stale keys before building the new ones: both at once would double the memory.
    *slot = None;
    let s = Arc::clone(snap);
    let started = std::time::Instant::now();
    let keys = tokio::task::spawn_blocking(move || {
        Arc::new(ScanKeys::build(&s.index, ScanConfig::default()))
    })
    .await
    .map_err(|e| ApiError::internal(format!("building the text scan keys failed: {e}")))?;
    tracing::info!(
        index_version = snap.version,
        ms = started.elapsed().as_millis() as u64,
        "text scan keys built"
    );
    *slot = Some(Cached {
        snapshot: Arc::downgrade(snap),
        keys: Arc::clone(&keys),
    });
    Ok(keys)
}

/// `POST /v1/text`: find listed parties and sanctioned jurisdictions mentioned in free text.
#[utoipa::path(
    post,
    path = "/v1/text",
    tag = "Native",
    request_body = TextRequest,
    responses(
        (status = 200, body = TextResponse),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 413, description = "Body over max_body_bytes", body = ErrorBody),
        (status = 422, description = "Malformed body, empty text or a bad threshold", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn text(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<TextResponse>, ApiError> {
    let req: TextRequest = read_json(&headers, body, &state.config.limits).await?;
    if req.text.trim().is_empty() {
        return Err(ApiError::unprocessable("text is empty"));
    }
    let threshold = req.threshold.unwrap_or(state.config.matching.threshold);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(ApiError::unprocessable(format!(
            "threshold must be between 0 and 1, got {threshold}"
        )));
    }
    // As `embargo text --threshold`: the threshold for every list, candidates down to it.
    let config = ScanConfig {
        matching: MatchConfig {
            threshold,
            min_score: threshold.min(0.5),
            ..MatchConfig::default()
        },
        coreference: req.coreference.unwrap_or(true),
        ..ScanConfig::default()
    };
    let snap = state.snapshot();
    let keys = keys_for(&snap).await?;
    let bytes = req.text.len();
    let s = Arc::clone(&snap);
    let report = tokio::task::spawn_blocking(move || keys.scan_with(&s.index, &req.text, &config))
        .await
        .map_err(|e| ApiError::internal(format!("text scan failed: {e}")))?
        .map_err(|e| ApiError::internal(e.to_string()))?;
    crate::metrics::screened("text", 1, !report.mentions.is_empty() as usize);
    tracing::info!(
        bytes,
        mentions = report.mentions.len(),
        jurisdictions = report.jurisdictions.len(),
        index_version = snap.version,
        "text"
    );
    Ok(Json(TextResponse {
        mentions: report.mentions,
        entities: report.entities,
        jurisdictions: report.jurisdictions,
        index_version: snap.version,
        lists: snap.lists.iter().map(|l| l.info.clone()).collect(),
        engine: format!("embargo {}", env!("CARGO_PKG_VERSION")),
    }))
}
