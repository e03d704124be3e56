//! The shared state of the running service: the snapshot in service (swapped atomically), the
//! keys, the configuration and the outcome of the last reload.

use crate::config::ServerConfig;
use crate::keys::KeyStore;
use crate::load::{self, Refusal, ReloadReport};
use crate::snapshot::Snapshot;
use arc_swap::ArcSwap;
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

/// The outcome of the last reload, for `/readyz` and `/admin/reload`.
#[derive(Clone, Debug, Default, serde::Serialize, utoipa::ToSchema)]
pub struct ReloadStatus {
    /// When the last reload finished (RFC 3339).
    pub at: Option<String>,
    /// `reloaded`, `unchanged`, `refused` (every changed list refused) or `partial`.
    pub outcome: Option<String>,
    /// Refusals of the last reload.
    pub refused: Vec<Refusal>,
    pub reloads: u64,
}

/// Everything a request handler reaches.
pub struct AppState {
    snapshot: ArcSwap<Snapshot>,
    pub config: ServerConfig,
    pub keys: Option<KeyStore>,
    pub started: Instant,
    reload_lock: tokio::sync::Mutex<()>,
    status: Mutex<ReloadStatus>,
}

/// The result of one reload, as `/admin/reload` answers it.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ReloadOutcome {
    pub outcome: String,
    pub index_version: u64,
    pub entities: usize,
    #[serde(flatten)]
    pub report: ReloadReport,
    pub duration_ms: u64,
}

impl AppState {
    pub fn new(config: ServerConfig, keys: Option<KeyStore>, snapshot: Snapshot) -> AppState {
        AppState {
            snapshot: ArcSwap::from_pointee(snapshot),
            config,
            keys,
            started: Instant::now(),
            reload_lock: tokio::sync::Mutex::new(()),
            status: Mutex::new(ReloadStatus::default()),
        }
    }

    /// The snapshot in service. Holding the `Arc` keeps that version alive for the whole
    /// request, even if a reload swaps in another meanwhile.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.load_full()
    }

    pub fn reload_status(&self) -> ReloadStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Reload the lists off the request path (on the blocking pool) and swap the new index in.
    /// `None` when a reload is already running.
    pub async fn reload(self: &Arc<Self>, force: bool) -> Option<ReloadOutcome> {
        let _guard = self.reload_lock.try_lock().ok()?;
        let t = Instant::now();
        let state = Arc::clone(self);
        let previous = self.snapshot();
        let result = tokio::task::spawn_blocking(move || {
            load::reload(&state.config.lists, &previous, &state.config.reload, force)
        })
        .await;
        let (new, report) = match result {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "reload task failed");
                (None, ReloadReport::default())
            }
        };
        let outcome = match (&new, report.refused.is_empty()) {
            (Some(_), true) => "reloaded",
            (Some(_), false) => "partial",
            (None, true) => "unchanged",
            (None, false) => "refused",
        };
        if let Some(s) = new {
            self.snapshot.store(Arc::new(s));
        }
        let snap = self.snapshot();
        crate::metrics::index_swapped(&snap, outcome, &report);
        let elapsed = t.elapsed();
        tracing::info!(
            outcome,
            index_version = snap.version,
            entities = snap.index.len(),
            changed = ?report.changed,
            refused = report.refused.len(),
            ms = elapsed.as_millis() as u64,
            "reload"
        );
        if let Ok(mut s) = self.status.lock() {
            s.at = Some(crate::clock::format_rfc3339(SystemTime::now()));
            s.outcome = Some(outcome.to_string());
            s.refused = report.refused.clone();
            s.reloads += 1;
        }
        Some(ReloadOutcome {
            outcome: outcome.to_string(),
            index_version: snap.version,
            entities: snap.index.len(),
            report,
            duration_ms: elapsed.as_millis() as u64,
        })
    }

    /// Poll the list files every `secs` and reload when one changed. Runs until the runtime
    /// shuts down.
    pub fn spawn_watch(self: &Arc<Self>, secs: u64) {
        let state = Arc::clone(self);
        let stamps = |s: &AppState| -> Vec<_> {
            s.config
                .lists
                .iter()
                .map(|l| load::stamp(&l.path))
                .collect()
        };
        // Taken now, not when the task first runs, so that a change made meanwhile is seen.
        let mut last = stamps(&state);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(secs.max(1)));
            tick.tick().await;
            loop {
                tick.tick().await;
                let now = stamps(&state);
                if now != last {
                    tracing::info!("list files changed; reloading");
                    if state.reload(false).await.is_some() {
                        last = now;
                    }
                }
            }
        });
    }
}
