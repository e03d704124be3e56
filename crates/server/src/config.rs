//! The service's configuration: one typed struct, read from a JSON file and the environment,
//! with the command line applied last.
//!
//! Precedence, lowest first: built-in defaults, the file named by `EMBARGO_SERVER_CONFIG` (or
//! given to [`ServerConfig::load`]), environment variables, then flags of `embargo serve`.
//!
//! | key | environment | default | meaning |
//! |---|---|---|---|
//! | `listen` | `EMBARGO_LISTEN` | `127.0.0.1:8000` | address to bind |
//! | `auth` | `EMBARGO_NO_AUTH=1` turns it off | `true` | require API keys |
//! | `data_dir` | `EMBARGO_DATA_DIR` | `~/.local/share/embargo` | keys file, default lists |
//! | `keys_file` | `EMBARGO_KEYS_FILE` | `<data_dir>/keys.json` | hashed API keys |
//! | `lists` | `EMBARGO_LISTS` (paths joined by `:`) | the lists in `<data_dir>/lists` | list files or folders |
//! | `reload.max_shrink` | `EMBARGO_RELOAD_MAX_SHRINK` | `0.2` | refuse a list that lost more than this share of its entities |
//! | `reload.watch_secs` | `EMBARGO_WATCH_SECS` | none | poll the list files this often and reload on change |
//! | `limits.*` | — | see [`Limits`] | request limits |
//! | `matching.*` | — | see [`MatchDefaults`] | default threshold, cutoff, limit |
//! | `store` | `EMBARGO_STORE` | `sqlite://<data_dir>/cases.db` | the case store (`postgres://…` for a shared one) |
//! | `log_personal_data` | `EMBARGO_LOG_PERSONAL_DATA=1` | `false` | log screened names and facts |
//! | `public_metrics` | — | `true` | serve `/metrics` without a key |
//! | `request_timeout_secs` | — | `30` | a request running longer is answered 503 |
//!
//! ```
//! let c: embargo_server::ServerConfig = serde_json::from_str(
//!     r#"{"listen": "127.0.0.1:9000", "lists": [{"path": "un.xml", "format": "un-xml"}],
//!         "reload": {"max_shrink": 0.1}}"#).unwrap();
//! assert_eq!(c.listen.port(), 9000);
//! assert_eq!(c.reload.max_shrink, 0.1);
//! assert_eq!(c.limits.max_queries, 100);
//! ```

use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Everything `embargo serve` needs to run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    /// Require API keys. `false` is the explicit local mode (`--no-auth`): every caller is admin.
    pub auth: bool,
    pub data_dir: PathBuf,
    /// Where hashed API keys are kept; `<data_dir>/keys.json` when absent.
    pub keys_file: Option<PathBuf>,
    /// The lists to serve.
    pub lists: Vec<ListSource>,
    pub reload: ReloadPolicy,
    pub limits: Limits,
    pub matching: MatchDefaults,
    /// Log screened names and facts (off: logs carry counts, ids and timings only).
    pub log_personal_data: bool,
    /// Serve `/metrics` without an API key (metrics carry no personal data).
    pub public_metrics: bool,
    pub request_timeout_secs: u64,
    /// The case store URL (`sqlite://PATH` or `postgres://…`); `<data_dir>/cases.db` when absent.
    pub store: Option<String>,
}

/// One list to load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListSource {
    pub path: PathBuf,
    /// Format name as `embargo lists --input-format` takes it; detected when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Whether the list belongs to the `sanctions` collection. Default: every format but the
    /// OpenSanctions Senzing export (PEP and other non-sanctions data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanctions: Option<bool>,
}

impl ListSource {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        ListSource {
            path: path.into(),
            format: None,
            sanctions: None,
        }
    }
}

/// When a reloaded list is refused, and how often files are watched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReloadPolicy {
    /// A list whose entity count fell by more than this share since the loaded version is
    /// refused (a truncated download looks like a list that lost most of its entries).
    pub max_shrink: f64,
    /// Poll the list files every this many seconds and reload when one changed.
    pub watch_secs: Option<u64>,
}

impl Default for ReloadPolicy {
    fn default() -> Self {
        ReloadPolicy {
            max_shrink: 0.2,
            watch_secs: None,
        }
    }
}

/// Request limits. Over a limit, the answer is 413 (body) or 422 (the others), with a JSON
/// error naming the limit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Most queries (yente) or records (native) in one request.
    pub max_queries: usize,
    /// Most names in one query.
    pub max_names: usize,
    /// Most values of any one property (birth dates, countries, identifiers…) in one query.
    pub max_values: usize,
    /// Longest string value, in characters.
    pub max_string_chars: usize,
    /// Largest `limit` a caller may ask for.
    pub max_results: usize,
    /// Most entity ids in `exclude_entity_ids`.
    pub max_excluded_ids: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 1 << 20,
            max_queries: 100,
            max_names: 20,
            max_values: 50,
            max_string_chars: 500,
            max_results: 500,
            max_excluded_ids: 50,
        }
    }
}

/// Defaults of the matching parameters a caller does not give (yente's defaults).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatchDefaults {
    pub threshold: f64,
    pub cutoff: f64,
    pub limit: usize,
}

impl Default for MatchDefaults {
    fn default() -> Self {
        MatchDefaults {
            threshold: 0.7,
            cutoff: 0.5,
            limit: 5,
        }
    }
}

/// `$EMBARGO_DATA_DIR`, else `~/.local/share/embargo` (the CLI's data directory).
pub fn default_data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("EMBARGO_DATA_DIR") {
        return PathBuf::from(d);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| ".".into());
    home.join(".local/share/embargo")
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 8000)),
            auth: true,
            data_dir: default_data_dir(),
            keys_file: None,
            lists: Vec::new(),
            reload: ReloadPolicy::default(),
            limits: Limits::default(),
            matching: MatchDefaults::default(),
            log_personal_data: false,
            public_metrics: true,
            request_timeout_secs: 30,
            store: None,
        }
    }
}

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error("environment variable {name}: {message}")]
    Env { name: &'static str, message: String },
}

fn env_flag(name: &'static str) -> Result<Option<bool>, ConfigError> {
    match std::env::var(name) {
        Err(_) => Ok(None),
        Ok(v) => match v.trim().to_ascii_lowercase().as_str() {
            "" => Ok(None),
            "1" | "true" | "yes" | "on" => Ok(Some(true)),
            "0" | "false" | "no" | "off" => Ok(Some(false)),
            _ => Err(ConfigError::Env {
                name,
                message: format!("expected 1/0, true/false, got {v:?}"),
            }),
        },
    }
}

fn env_parse<T: std::str::FromStr>(name: &'static str) -> Result<Option<T>, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match std::env::var(name) {
        Err(_) => Ok(None),
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|e: T::Err| ConfigError::Env {
                name,
                message: e.to_string(),
            }),
    }
}

impl ServerConfig {
    /// Defaults, then `file` (or `$EMBARGO_SERVER_CONFIG`), then the environment.
    pub fn load(file: Option<&Path>) -> Result<ServerConfig, ConfigError> {
        let env_file = std::env::var_os("EMBARGO_SERVER_CONFIG").map(PathBuf::from);
        let mut c = match file.map(Path::to_path_buf).or(env_file) {
            Some(p) => {
                let text = std::fs::read_to_string(&p).map_err(|e| ConfigError::File {
                    path: p.display().to_string(),
                    message: e.to_string(),
                })?;
                serde_json::from_str(&text).map_err(|e| ConfigError::File {
                    path: p.display().to_string(),
                    message: e.to_string(),
                })?
            }
            None => ServerConfig::default(),
        };
        c.apply_env()?;
        Ok(c)
    }

    /// Apply the environment variables of the table in the module docs.
    pub fn apply_env(&mut self) -> Result<(), ConfigError> {
        if let Some(a) = env_parse::<SocketAddr>("EMBARGO_LISTEN")? {
            self.listen = a;
        }
        if env_flag("EMBARGO_NO_AUTH")? == Some(true) {
            self.auth = false;
        }
        if let Some(d) = std::env::var_os("EMBARGO_DATA_DIR") {
            self.data_dir = PathBuf::from(d);
        }
        if let Some(k) = std::env::var_os("EMBARGO_KEYS_FILE") {
            self.keys_file = Some(PathBuf::from(k));
        }
        if let Some(l) = std::env::var_os("EMBARGO_LISTS") {
            let paths: Vec<PathBuf> = std::env::split_paths(&l)
                .filter(|p| !p.as_os_str().is_empty())
                .collect();
            if !paths.is_empty() {
                self.lists = paths.into_iter().map(ListSource::new).collect();
            }
        }
        if let Some(s) = env_parse::<f64>("EMBARGO_RELOAD_MAX_SHRINK")? {
            self.reload.max_shrink = s;
        }
        if let Some(s) = env_parse::<u64>("EMBARGO_WATCH_SECS")? {
            self.reload.watch_secs = Some(s).filter(|&s| s > 0);
        }
        if let Ok(s) = std::env::var("EMBARGO_STORE") {
            if !s.trim().is_empty() {
                self.store = Some(s.trim().to_string());
            }
        }
        if let Some(f) = env_flag("EMBARGO_LOG_PERSONAL_DATA")? {
            self.log_personal_data = f;
        }
        Ok(())
    }

    /// The keys file in use.
    pub fn keys_path(&self) -> PathBuf {
        self.keys_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("keys.json"))
    }
}
