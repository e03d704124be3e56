//! API keys: roles, the keys file, and the lookup the service does on every request.
//!
//! A key is `emb_<id>_<secret>`: the 8-character id names it in `embargo keys list` and
//! `revoke`; the secret (32 random bytes, hex) is shown once, when the key is made. The file
//! keeps only the SHA-256 of the whole key, so a copy of the file lets nobody call the service.
//! The service re-reads the file when it changes (checked at most once a second), so keys
//! added or revoked with the CLI take effect without a restart.
//!
//! ```
//! use embargo_server::keys::{KeyFile, Role};
//! let dir = std::env::temp_dir().join(format!("embargo-keys-doc-{}", std::process::id()));
//! let path = dir.join("keys.json");
//! let (key, record) = KeyFile::add(&path, Role::Analyst, Some("case team")).unwrap();
//! assert!(key.starts_with(&format!("emb_{}_", record.id)));
//! let file = KeyFile::read(&path).unwrap();
//! assert_eq!(file.find(&key).unwrap().role, Role::Analyst);
//! assert!(Role::Analyst.includes(Role::Screen) && !Role::Analyst.includes(Role::Admin));
//! assert!(KeyFile::revoke(&path, &record.id).unwrap());
//! assert!(KeyFile::read(&path).unwrap().find(&key).is_none());
//! # std::fs::remove_dir_all(&dir).ok();
//! ```

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{Duration, Instant, SystemTime};

/// What a key may do. Each role includes the ones before it: `screen` < `analyst` < `admin`.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Screening and read access: `/match`, `/search`, `/entities`, `/catalog`, `/v1/screen`.
    Screen,
    /// Screening plus case work (alerts, decisions).
    Analyst,
    /// Everything, including `/admin/*`.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Screen, Role::Analyst, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Screen => "screen",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }

    /// Does this role grant what `needed` grants?
    pub fn includes(self, needed: Role) -> bool {
        self >= needed
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "screen" => Ok(Role::Screen),
            "analyst" => Ok(Role::Analyst),
            "admin" => Ok(Role::Admin),
            _ => Err(format!(
                "unknown role {s:?} (one of: screen, analyst, admin)"
            )),
        }
    }
}

/// One stored key: never the key itself, only its hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyRecord {
    pub id: String,
    pub role: Role,
    /// SHA-256 of the whole key, hex.
    pub sha256: String,
    /// When it was made (RFC 3339, UTC).
    pub created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The keys file: `{"keys": [KeyRecord…]}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyFile {
    pub keys: Vec<KeyRecord>,
}

/// The keys file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error("no random source: {0}")]
    Random(String),
}

fn file_err(path: &Path, e: impl std::fmt::Display) -> KeyError {
    KeyError::File {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// SHA-256 of a presented key.
pub fn hash_key(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

fn random_hex(bytes: usize) -> Result<String, KeyError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| KeyError::Random(e.to_string()))?;
    Ok(hex::encode(buf))
}

impl KeyFile {
    /// Read the file; a missing file is an empty one.
    pub fn read(path: &Path) -> Result<KeyFile, KeyError> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| file_err(path, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(KeyFile::default()),
            Err(e) => Err(file_err(path, e)),
        }
    }

    /// Write atomically (temporary file, then rename), readable by the owner only.
    pub fn write(&self, path: &Path) -> Result<(), KeyError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| file_err(dir, e))?;
        }
        let tmp = path.with_extension(format!("json.{}.tmp", std::process::id()));
        let text = serde_json::to_string_pretty(self).map_err(|e| file_err(path, e))?;
        std::fs::write(&tmp, text + "\n").map_err(|e| file_err(&tmp, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| file_err(&tmp, e))?;
        }
        std::fs::rename(&tmp, path).map_err(|e| file_err(path, e))
    }

    /// Make a key with `role`, store its hash, and return the key (shown once) and its record.
    pub fn add(
        path: &Path,
        role: Role,
        label: Option<&str>,
    ) -> Result<(String, KeyRecord), KeyError> {
        let mut file = KeyFile::read(path)?;
        let mut id = random_hex(4)?;
        while file.keys.iter().any(|k| k.id == id) {
            id = random_hex(4)?;
        }
        let key = format!("emb_{id}_{}", random_hex(32)?);
        let record = KeyRecord {
            id,
            role,
            sha256: hex::encode(hash_key(&key)),
            created: crate::clock::format_rfc3339(SystemTime::now()),
            label: label.map(str::to_string),
        };
        file.keys.push(record.clone());
        file.write(path)?;
        Ok((key, record))
    }

    /// Remove the key with this id; false when there is none.
    pub fn revoke(path: &Path, id: &str) -> Result<bool, KeyError> {
        let mut file = KeyFile::read(path)?;
        let before = file.keys.len();
        file.keys.retain(|k| k.id != id);
        if file.keys.len() == before {
            return Ok(false);
        }
        file.write(path)?;
        Ok(true)
    }

    /// The record of a presented key.
    pub fn find(&self, key: &str) -> Option<&KeyRecord> {
        let h = hex::encode(hash_key(key));
        self.keys.iter().find(|k| k.sha256 == h)
    }
}

/// Who made a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    /// The key id; `None` in no-auth mode.
    pub key_id: Option<String>,
    pub role: Role,
}

struct Cached {
    stamp: Option<(SystemTime, u64)>,
    by_hash: HashMap<[u8; 32], (String, Role)>,
    checked: Instant,
}

/// The keys file as the service sees it: cached, re-read when it changes.
pub struct KeyStore {
    path: PathBuf,
    cache: RwLock<Cached>,
}

const RECHECK: Duration = Duration::from_secs(1);

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

impl KeyStore {
    pub fn open(path: PathBuf) -> Result<KeyStore, KeyError> {
        let (by_hash, st) = Self::load(&path)?;
        Ok(KeyStore {
            path,
            cache: RwLock::new(Cached {
                stamp: st,
                by_hash,
                checked: Instant::now(),
            }),
        })
    }

    #[allow(clippy::type_complexity)]
    fn load(
        path: &Path,
    ) -> Result<(HashMap<[u8; 32], (String, Role)>, Option<(SystemTime, u64)>), KeyError> {
        let st = stamp(path);
        let file = KeyFile::read(path)?;
        let mut by_hash = HashMap::new();
        for k in file.keys {
            let mut h = [0u8; 32];
            if hex::decode_to_slice(&k.sha256, &mut h).is_ok() {
                by_hash.insert(h, (k.id, k.role));
            }
        }
        Ok((by_hash, st))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of keys known.
    pub fn len(&self) -> usize {
        self.cache.read().map(|c| c.by_hash.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn refresh_if_due(&self) {
        let due = self
            .cache
            .read()
            .map(|c| c.checked.elapsed() >= RECHECK)
            .unwrap_or(true);
        if !due {
            return;
        }
        let Ok(mut c) = self.cache.write() else {
            return;
        };
        if c.checked.elapsed() < RECHECK {
            return;
        }
        c.checked = Instant::now();
        let st = stamp(&self.path);
        if st == c.stamp {
            return;
        }
        match Self::load(&self.path) {
            Ok((by_hash, st)) => {
                tracing::info!(keys = by_hash.len(), path = %self.path.display(), "keys file re-read");
                c.by_hash = by_hash;
                c.stamp = st;
            }
            // A half-written or broken file: keep the keys known so far.
            Err(e) => {
                tracing::warn!(error = %e, "keys file unreadable; keeping the keys loaded before")
            }
        }
    }

    /// The caller a presented key stands for.
    pub fn authenticate(&self, key: &str) -> Option<Caller> {
        self.refresh_if_due();
        let h = hash_key(key);
        let c = self.cache.read().ok()?;
        c.by_hash.get(&h).map(|(id, role)| Caller {
            key_id: Some(id.clone()),
            role: *role,
        })
    }
}
