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
    builder: Mutex<std::sync::mpsc::Sender<Job>>,
    /// The case store, opened on first use ([`crate::api::cases`]).
    pub cases: crate::api::cases::CasesState,
}

type Job = Box<dyn FnOnce() + Send>;

/// Return free heap pages to the operating system (glibc keeps them otherwise).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_free_memory() {
    extern "C" {
        fn malloc_trim(pad: usize) -> std::os::raw::c_int;
    }
    // SAFETY: malloc_trim takes no pointer and only releases memory the allocator holds free.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_free_memory() {}

/// The thread every reload builds its index on. One long-lived thread rather than the blocking
/// pool: the allocator then reuses the memory of the index a reload replaced, instead of
/// growing another arena per pool thread.
fn spawn_builder() -> std::sync::mpsc::Sender<Job> {
    let (tx, rx) = std::sync::mpsc::channel::<Job>();
    let spawned = std::thread::Builder::new()
        .name("embargo-reload".into())
        .spawn(move || {
            for job in rx {
                job();
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the reload thread; reloads will fail");
    }
    tx
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
            builder: Mutex::new(spawn_builder()),
            cases: Default::default(),
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

    /// Reload the lists off the request path (on the reload thread) and swap the new index in.
    /// `None` when a reload is already running.
    pub async fn reload(self: &Arc<Self>, force: bool) -> Option<ReloadOutcome> {
        let _guard = self.reload_lock.try_lock().ok()?;
        let t = Instant::now();
        let state = Arc::clone(self);
        let previous = self.snapshot();
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = tx.send(load::reload(
                &state.config.lists,
                &previous,
                &state.config.reload,
                force,
            ));
        });
        let sent = self
            .builder
            .lock()
            .map_err(|_| "builder lock poisoned".to_string())
            .and_then(|b| b.send(job).map_err(|e| e.to_string()));
        let result = match sent {
            Ok(()) => rx.await.map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
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
            let old = self.snapshot.swap(Arc::new(s));
            self.retire(old);
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

    /// Free a replaced snapshot on the reload thread once the last request holding it is done,
    /// then give the freed pages back to the system: without that, the allocator keeps the
    /// memory of two indexes (old and new coexist while one is built) for good.
    fn retire(&self, old: Arc<Snapshot>) {
        let job: Job = Box::new(move || {
            let deadline = Instant::now() + std::time::Duration::from_secs(120);
            while Arc::strong_count(&old) > 1 && Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            drop(old);
            release_free_memory();
        });
        if let Ok(b) = self.builder.lock() {
            let _ = b.send(job);
        }
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
