//! Reading requests at the boundary: query strings with repeated keys (yente's
//! `include_dataset=a&include_dataset=b`) and JSON bodies under the size limit.

use crate::config::Limits;
use crate::error::ApiError;
use axum::body::Body;
use serde::de::DeserializeOwned;
use std::str::FromStr;

/// The query string as key/value pairs, in order, repeated keys kept.
#[derive(Clone, Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(raw: Option<&str>) -> Params {
        Params(
            raw.map(|r| {
                form_urlencoded::parse(r.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        )
    }

    /// The last value of `key` (`key[]` also counts).
    pub fn one(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key || k.strip_suffix("[]") == Some(key))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// Every non-empty value of `key`, in order.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| (k == key || k.strip_suffix("[]") == Some(key)) && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Parse the value of `key`; a value that does not parse is a 422 naming the parameter.
    pub fn get<T: FromStr>(&self, key: &str) -> Result<Option<T>, ApiError> {
        match self.one(key) {
            None => Ok(None),
            Some(v) => v.trim().parse().map(Some).map_err(|_| {
                ApiError::unprocessable(format!("query parameter {key}: cannot read {v:?}"))
            }),
        }
    }

    /// A boolean parameter (`true`/`false`, `1`/`0`).
    pub fn flag(&self, key: &str) -> Result<Option<bool>, ApiError> {
        match self.one(key).map(|v| v.trim().to_ascii_lowercase()) {
            None => Ok(None),
            Some(v) if v == "true" || v == "1" || v == "yes" => Ok(Some(true)),
            Some(v) if v == "false" || v == "0" || v == "no" => Ok(Some(false)),
            Some(v) => Err(ApiError::unprocessable(format!(
                "query parameter {key}: expected true or false, got {v:?}"
            ))),
        }
    }
}

/// Read a JSON body: over `max_body_bytes` is 413; bytes that are not JSON are 400; JSON of
/// the wrong shape is 422 (as yente's FastAPI answers).
pub async fn read_json<T: DeserializeOwned>(
    headers: &axum::http::HeaderMap,
    body: Body,
    limits: &Limits,
) -> Result<T, ApiError> {
    let too_large = || {
        ApiError::limit(
            "max_body_bytes",
            limits.max_body_bytes,
            format!(
                "the request body is larger than {} bytes",
                limits.max_body_bytes
            ),
        )
    };
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limits.max_body_bytes) {
        return Err(too_large());
    }
    let bytes = axum::body::to_bytes(body, limits.max_body_bytes)
        .await
        .map_err(|_| too_large())?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "invalid_json",
            "the request has no body; a JSON object is expected",
        ));
    }
    serde_json::from_slice(&bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => {
            ApiError::unprocessable(format!("the request body does not fit: {e}"))
        }
        _ => ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("the request body is not JSON: {e}"),
        ),
    })
}
