//! The HTTP screening service behind `embargo serve`.
//!
//! It speaks OpenSanctions yente's wire format (`POST /match/{dataset}`, `GET /search/{dataset}`,
//! `GET /entities/{id}`, `GET /catalog`, `GET /algorithms`), so that yente's clients switch by
//! changing a base URL, and adds its own `POST /v1/screen` (customer-file records, embargo's full
//! explanation, the list versions screened against). `/openapi.json` is generated from the code.
//!
//! The lists are loaded once into an immutable [`snapshot::Snapshot`] (the matcher's
//! [`embargo_matcher::Index`] plus what the API needs about each list); a reload
//! (`POST /admin/reload`, or the file watch) builds a new snapshot on the blocking pool and
//! swaps it in atomically: queries in flight finish on the version they started with. A list
//! version that cannot be read, or that shrank beyond the guard, is refused and the previous one
//! stays ([`load`]).
//!
//! Access is by API key with roles `screen` < `analyst` < `admin` ([`keys`], [`auth`]); limits
//! on body size, batch size, names, values and string length answer 413 or 422 with a JSON error
//! naming the limit ([`config::Limits`]); Prometheus metrics at `/metrics` ([`metrics`]); logs
//! through `tracing` with a request id and no screened personal data unless enabled.
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! use embargo_server::{ListSource, Server, ServerConfig};
//! let config = ServerConfig {
//!     listen: "127.0.0.1:0".parse()?,
//!     auth: false,
//!     lists: vec![ListSource::new("data/demo/demo.ftm.json")],
//!     ..ServerConfig::default()
//! };
//! let server = Server::start(config).await?;
//! println!("serving on http://{}", server.addr());
//! server.shutdown().await?;
//! # Ok(()) }
//! ```

pub mod api;
pub mod auth;
pub mod clock;
pub mod config;
pub mod error;
pub mod keys;
pub mod load;
pub mod metrics;
pub mod request;
pub mod snapshot;
pub mod state;
pub mod wire;

pub use config::{ListSource, ServerConfig};
pub use keys::{KeyFile, Role};
pub use state::AppState;

use anyhow::Context;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::oneshot;

/// Load the lists and the keys, and make the shared state (no socket yet).
pub async fn prepare(config: ServerConfig) -> anyhow::Result<Arc<AppState>> {
    let keys = if config.auth {
        let store = keys::KeyStore::open(config.keys_path())?;
        if store.is_empty() {
            tracing::warn!(
                path = %store.path().display(),
                "no API key yet: every request will be refused; make one with `embargo keys add --role admin` (or serve with --no-auth on a trusted machine)"
            );
        }
        Some(store)
    } else {
        tracing::warn!("authentication is off (--no-auth): every caller is admin");
        None
    };
    let sources = config.lists.clone();
    let snapshot = tokio::task::spawn_blocking(move || load::initial(&sources))
        .await
        .context("loading lists")??;
    metrics::handle();
    metrics::index_swapped(&snapshot, "", &load::ReloadReport::default());
    tracing::info!(
        index_version = snapshot.version,
        entities = snapshot.index.len(),
        lists = ?snapshot.list_names(),
        "index ready"
    );
    let state = Arc::new(AppState::new(config, keys, snapshot));
    if let Some(secs) = state.config.reload.watch_secs {
        state.spawn_watch(secs);
    }
    Ok(state)
}

/// A running service (for tests and embedding): its address, state, and a way to stop it.
pub struct Server {
    addr: SocketAddr,
    state: Arc<AppState>,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Load the lists, bind `config.listen` and serve in the background.
    pub async fn start(config: ServerConfig) -> anyhow::Result<Server> {
        let listen = config.listen;
        let state = prepare(config).await?;
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("binding {listen}"))?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let app = api::app(Arc::clone(&state));
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        Ok(Server {
            addr,
            state,
            stop: Some(stop),
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn state(&self) -> &Arc<AppState> {
        &self.state
    }

    /// Stop accepting, let requests in flight finish, and wait.
    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        (&mut self.task).await??;
        Ok(())
    }
}

/// Resolves on SIGTERM or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutdown signal: finishing requests in flight");
}

/// Serve until SIGTERM or Ctrl-C (the `embargo serve` command). Builds its own runtime.
pub fn run(config: ServerConfig) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(async move {
        let listen = config.listen;
        let state = prepare(config).await?;
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("binding {listen}"))?;
        let addr = listener.local_addr()?;
        tracing::info!(%addr, auth = state.keys.is_some(), "listening");
        eprintln!("embargo: serving on http://{addr} (OpenAPI: http://{addr}/openapi.json)");
        axum::serve(listener, api::app(state))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("serving")?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// Log to stderr: human-readable, or JSON lines with `json`. `RUST_LOG` filters
/// (default `info`).
pub fn init_logging(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().with_current_span(true).try_init()
    } else {
        builder.try_init()
    };
}
