//! Prometheus metrics: requests, latency, screenings and alerts, the index version and the age
//! of each list. Rendered by `/metrics` in the text exposition format.
//!
//! | metric | labels | what |
//! |---|---|---|
//! | `embargo_http_requests_total` | method, route, status | requests answered |
//! | `embargo_http_request_duration_seconds` | method, route | latency histogram |
//! | `embargo_queries_total` | endpoint | queries screened |
//! | `embargo_alerts_total` | endpoint | queries with at least one result at or above the threshold |
//! | `embargo_index_version` | | version of the index in service |
//! | `embargo_index_entities` | | entities in the index |
//! | `embargo_list_entities` | dataset | entities per list |
//! | `embargo_list_age_seconds` | dataset | time since the list version in service was loaded |
//! | `embargo_reloads_total` | outcome | reloads (`reloaded`, `unchanged`, `refused`, `partial`) |
//! | `embargo_list_refusals_total` | dataset | list versions refused by the reload guard |

use crate::load::ReloadReport;
use crate::snapshot::Snapshot;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

const LATENCY_BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0,
];

/// Install the process-wide recorder once (several services in one process, as in tests,
/// share it). `None` when another recorder was installed first.
pub fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("embargo_http_request_duration_seconds".into()),
                    &LATENCY_BUCKETS,
                )
                .ok()?;
            let h = builder.install_recorder().ok()?;
            describe();
            Some(h)
        })
        .as_ref()
}

fn describe() {
    metrics::describe_counter!("embargo_http_requests_total", "HTTP requests answered");
    metrics::describe_histogram!(
        "embargo_http_request_duration_seconds",
        metrics::Unit::Seconds,
        "HTTP request latency"
    );
    metrics::describe_counter!("embargo_queries_total", "Queries screened");
    metrics::describe_counter!(
        "embargo_alerts_total",
        "Queries with at least one result at or above the threshold"
    );
    metrics::describe_gauge!("embargo_index_version", "Version of the index in service");
    metrics::describe_gauge!("embargo_index_entities", "Entities in the index in service");
    metrics::describe_gauge!("embargo_list_entities", "Entities per loaded list");
    metrics::describe_gauge!(
        "embargo_list_age_seconds",
        metrics::Unit::Seconds,
        "Time since the list version in service was loaded"
    );
    metrics::describe_counter!("embargo_reloads_total", "Reloads by outcome");
    metrics::describe_counter!(
        "embargo_list_refusals_total",
        "List versions refused by the reload guard"
    );
}

/// Record one answered request.
pub fn request(method: &str, route: &str, status: u16, seconds: f64) {
    metrics::counter!(
        "embargo_http_requests_total",
        "method" => method.to_string(),
        "route" => route.to_string(),
        "status" => status.to_string()
    )
    .increment(1);
    metrics::histogram!(
        "embargo_http_request_duration_seconds",
        "method" => method.to_string(),
        "route" => route.to_string()
    )
    .record(seconds);
}

/// Record screened queries and how many raised an alert.
pub fn screened(endpoint: &'static str, queries: usize, alerts: usize) {
    metrics::counter!("embargo_queries_total", "endpoint" => endpoint).increment(queries as u64);
    metrics::counter!("embargo_alerts_total", "endpoint" => endpoint).increment(alerts as u64);
}

/// Record the snapshot now in service (at start-up and after every reload).
pub fn index_swapped(s: &Snapshot, outcome: &str, report: &ReloadReport) {
    index_gauges(s);
    if !outcome.is_empty() {
        metrics::counter!("embargo_reloads_total", "outcome" => outcome.to_string()).increment(1);
    }
    for r in &report.refused {
        metrics::counter!(
            "embargo_list_refusals_total",
            "dataset" => r.dataset.clone().unwrap_or_else(|| r.path.clone())
        )
        .increment(1);
    }
}

fn index_gauges(s: &Snapshot) {
    metrics::gauge!("embargo_index_version").set(s.version as f64);
    metrics::gauge!("embargo_index_entities").set(s.index.len() as f64);
    for l in &s.lists {
        metrics::gauge!("embargo_list_entities", "dataset" => l.info.dataset.clone())
            .set(l.info.entities as f64);
    }
}

/// The exposition text, with the gauges that depend on the clock brought up to date.
pub fn render(s: &Snapshot) -> String {
    index_gauges(s);
    for (dataset, age) in s.list_ages() {
        metrics::gauge!("embargo_list_age_seconds", "dataset" => dataset).set(age);
    }
    match handle() {
        Some(h) => {
            h.run_upkeep();
            h.render()
        }
        None => String::from("# metrics recorder not installed\n"),
    }
}
