//! The HTTP routes, the middleware around them, and the OpenAPI document generated from both.

pub mod cases;
pub mod native;
pub mod ops;
pub mod text;
pub mod yente;

use crate::error::ApiError;
use crate::keys::Caller;
use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tracing::Instrument;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "embargo",
        description = "Sanctions screening with explained scores. `/match`, `/search`, `/entities`, `/catalog` and `/algorithms` speak OpenSanctions yente's wire format; `/v1/screen` and `/v1/text` are embargo's own. Send the API key as `Authorization: ApiKey <key>` or `Authorization: Bearer <key>`."
    ),
    modifiers(&Security),
    tags(
        (name = "Matching", description = "yente-compatible screening"),
        (name = "Data access", description = "Entities by id"),
        (name = "Native", description = "embargo's own screening endpoint"),
        (name = "Cases", description = "Records, alerts, four-eyes decisions, audit trail (analyst role)"),
        (name = "System information", description = "Health, readiness, catalog, metrics"),
        (name = "Admin", description = "Reloads (admin role)")
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let c = openapi.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "`ApiKey <key>`",
            ))),
        );
        c.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The routes and the OpenAPI document describing them.
pub fn routes() -> (Router<Arc<AppState>>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(yente::match_entities))
        .routes(routes!(yente::search))
        .routes(routes!(yente::fetch_entity))
        .routes(routes!(yente::catalog))
        .routes(routes!(yente::algorithms))
        .routes(routes!(native::screen))
        .routes(routes!(cases::import))
        .routes(routes!(cases::list_alerts))
        .routes(routes!(cases::show_alert))
        .routes(routes!(cases::decide))
        .routes(routes!(cases::verify))
        .routes(routes!(cases::export))
        .routes(routes!(text::text))
        .routes(routes!(ops::healthz))
        .routes(routes!(ops::readyz))
        .routes(routes!(ops::metrics))
        .routes(routes!(ops::reload))
        .split_for_parts()
}

/// Request ids: a per-process random prefix and a counter (`3f9a1c20-17`), unless the caller
/// sent `x-request-id`.
#[derive(Clone)]
struct Ids {
    prefix: Arc<str>,
    next: Arc<AtomicU64>,
}

impl Ids {
    fn new() -> Self {
        let mut b = [0u8; 4];
        let _ = getrandom::fill(&mut b);
        Ids {
            prefix: hex::encode(b).into(),
            next: Arc::new(AtomicU64::new(1)),
        }
    }
}

impl MakeRequestId for Ids {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n}", self.prefix))
            .ok()
            .map(RequestId::new)
    }
}

/// Middleware: a span with the request id for everything the request logs, one log line and
/// the metrics per request, and the request timeout. The query string is never logged (a
/// `/search?q=` carries a name).
async fn observe(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let span =
        tracing::info_span!("request", request_id = %request_id, method = %method, route = %route);
    let timeout = Duration::from_secs(state.config.request_timeout_secs.max(1));
    let resp = async move {
        match tokio::time::timeout(timeout, next.run(req)).await {
            Ok(r) => r,
            Err(_) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                format!("the request took longer than {} s", timeout.as_secs()),
            )
            .into_response(),
        }
    }
    .instrument(span.clone())
    .await;
    let secs = start.elapsed().as_secs_f64();
    let status = resp.status().as_u16();
    crate::metrics::request(method.as_str(), &route, status, secs);
    let key = resp
        .extensions()
        .get::<Caller>()
        .and_then(|c| c.key_id.clone())
        .unwrap_or_default();
    span.in_scope(|| {
        if status >= 500 {
            tracing::warn!(status, ms = secs * 1000.0, key = %key, "request failed");
        } else {
            tracing::info!(status, ms = secs * 1000.0, key = %key, "request");
        }
    });
    resp
}

/// Middleware: copy the caller into the response extensions so that `observe` can log the key id.
async fn caller_to_response(req: Request, next: Next) -> Response {
    let caller = req.extensions().get::<Caller>().cloned();
    let mut resp = next.run(req).await;
    if let Some(c) = caller {
        resp.extensions_mut().insert(c);
    }
    resp
}

async fn not_found() -> ApiError {
    ApiError::not_found("No such endpoint")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "Method not allowed on this endpoint",
    )
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::internal("internal error").into_response()
}

/// The whole application: routes, `/openapi.json`, auth, observation, request ids.
pub fn app(state: Arc<AppState>) -> Router {
    let (router, openapi) = routes();
    let doc: Arc<str> = openapi
        .to_json()
        .unwrap_or_else(|_| "{}".to_string())
        .into();
    let x_request_id = HeaderName::from_static("x-request-id");
    router
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let doc = Arc::clone(&doc);
                async move {
                    (
                        [(axum::http::header::CONTENT_TYPE, "application/json")],
                        doc.to_string(),
                    )
                }
            }),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(caller_to_response))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            crate::auth::authorize,
        ))
        .layer(middleware::from_fn_with_state(Arc::clone(&state), observe))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(PropagateRequestIdLayer::new(x_request_id.clone()))
        .layer(SetRequestIdLayer::new(x_request_id, Ids::new()))
        .with_state(state)
}
