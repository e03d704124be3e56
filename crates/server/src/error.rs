//! Errors as the API answers them: a status and a JSON body.
//!
//! The body keeps yente's `detail` key (its clients read it) and adds a stable `error` code;
//! an error caused by a limit names it: `{"detail": "…", "error": "limit_exceeded",
//! "limit": {"name": "max_queries", "max": 100}}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The limit a request went over.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct LimitInfo {
    /// The configuration key of the limit (`max_body_bytes`, `max_queries`, `max_names`,
    /// `max_values`, `max_string_chars`, `max_results`, `max_excluded_ids`).
    pub name: &'static str,
    pub max: usize,
}

/// The JSON body of every error.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, for people (yente's key).
    pub detail: String,
    /// A stable code for programs: `bad_request`, `invalid_json`, `unprocessable`,
    /// `limit_exceeded`, `unauthorized`, `forbidden`, `not_found`, `conflict`, `not_ready`,
    /// `timeout`, `internal`.
    pub error: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<LimitInfo>,
}

/// An error answer.
#[derive(Clone, Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
}

impl ApiError {
    pub fn new(status: StatusCode, error: &'static str, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            body: ErrorBody {
                detail: detail.into(),
                error,
                limit: None,
            },
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", detail)
    }

    pub fn unprocessable(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "unprocessable", detail)
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", detail)
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", detail)
    }

    pub fn internal(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", detail)
    }

    /// Over a limit: 413 for the body size, 422 for the others.
    pub fn limit(name: &'static str, max: usize, detail: impl Into<String>) -> Self {
        let status = if name == "max_body_bytes" {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        ApiError {
            status,
            body: ErrorBody {
                detail: detail.into(),
                error: "limit_exceeded",
                limit: Some(LimitInfo { name, max }),
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, axum::Json(self.body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("ApiKey, Bearer"),
            );
        }
        r
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.body.detail)
    }
}
