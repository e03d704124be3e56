//! Who may call what. `Authorization: ApiKey <key>` (yente's convention), `Bearer <key>`, or
//! the bare key. Health, readiness, the OpenAPI document and (by default) metrics are public;
//! `/admin/*` needs `admin`; case work (`/v1/cases/*`, `/v1/alerts*`, `/v1/audit/*`) needs
//! `analyst`; everything else needs `screen` (or a role that includes it).
//! No key → 401; a key without the role → 403. In no-auth mode every caller is admin.

use crate::error::ApiError;
use crate::keys::{Caller, Role};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The role a path needs; `None` for public paths.
pub fn required_role(path: &str, public_metrics: bool) -> Option<Role> {
    match path {
        "/healthz" | "/readyz" | "/openapi.json" => None,
        "/metrics" if public_metrics => None,
        p if p == "/admin" || p.starts_with("/admin/") => Some(Role::Admin),
        p if p.starts_with("/v1/cases/")
            || p.starts_with("/v1/alerts")
            || p.starts_with("/v1/audit/") =>
        {
            Some(Role::Analyst)
        }
        "/metrics" => Some(Role::Admin),
        _ => Some(Role::Screen),
    }
}

/// The key presented in `Authorization`.
pub fn presented_key(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    match v.split_once(char::is_whitespace) {
        Some((scheme, key))
            if scheme.eq_ignore_ascii_case("apikey") || scheme.eq_ignore_ascii_case("bearer") =>
        {
            Some(key.trim()).filter(|k| !k.is_empty())
        }
        Some(_) => None,
        None => Some(v).filter(|k| !k.is_empty()),
    }
}

/// Middleware: authenticate, authorise, and put the [`Caller`] in the request extensions.
pub async fn authorize(
    State(state): State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Response {
    let needed = required_role(req.uri().path(), state.config.public_metrics);
    let caller = match (&state.keys, needed) {
        (None, _) => Caller {
            key_id: None,
            role: Role::Admin,
        },
        (Some(_), None) => Caller {
            key_id: None,
            role: Role::Screen,
        },
        (Some(keys), Some(needed)) => {
            let Some(key) = presented_key(req.headers()) else {
                return ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "an API key is required: send `Authorization: ApiKey <key>`",
                )
                .into_response();
            };
            let Some(caller) = keys.authenticate(key) else {
                return ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "unknown or revoked API key",
                )
                .into_response();
            };
            if !caller.role.includes(needed) {
                return ApiError::new(
                    StatusCode::FORBIDDEN,
                    "forbidden",
                    format!(
                        "this endpoint needs the {needed} role; the key has the {} role",
                        caller.role
                    ),
                )
                .into_response();
            }
            caller
        }
    };
    req.extensions_mut().insert(caller);
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn schemes() {
        let mut h = HeaderMap::new();
        for (v, want) in [
            ("ApiKey abc", Some("abc")),
            ("Bearer abc", Some("abc")),
            ("apikey  abc ", Some("abc")),
            ("abc", Some("abc")),
            ("Basic abc", None),
            ("", None),
        ] {
            h.insert(header::AUTHORIZATION, HeaderValue::from_str(v).unwrap());
            assert_eq!(presented_key(&h), want, "{v:?}");
        }
    }

    #[test]
    fn roles_by_path() {
        assert_eq!(required_role("/healthz", true), None);
        assert_eq!(required_role("/metrics", true), None);
        assert_eq!(required_role("/metrics", false), Some(Role::Admin));
        assert_eq!(required_role("/admin/reload", true), Some(Role::Admin));
        assert_eq!(required_role("/match/default", true), Some(Role::Screen));
        assert_eq!(required_role("/v1/alerts/3", true), Some(Role::Analyst));
        assert_eq!(required_role("/v1/screen", true), Some(Role::Screen));
    }
}
