//! The store: one async API over SQLite (embedded, the default) and PostgreSQL (for a server),
//! through sqlx's `Any` driver so that both run the same SQL and the same migrations.
//!
//! Every write is one transaction together with its audit entries. A write transaction first
//! updates the single `audit_head` row, which serialises writers on both databases (a row lock
//! on PostgreSQL, the write lock on SQLite) and lets the chain grow without forks; ids of alerts
//! and decisions are assigned under that lock.

mod alerts;
mod audit_log;
mod continuous;
mod lists;
mod records;
mod screening;

pub use lists::{DatasetVersion, ListsRegistered};
pub use records::{StoredRecord, UpsertOutcome};

use crate::audit::{chain_hash, entry_text};
use crate::error::{DbContext, Error};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Row};
use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Where the store lives: `sqlite://PATH` (created when missing) or `postgres://…`.
#[derive(Clone, PartialEq, Eq)]
pub enum StoreUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl StoreUrl {
    /// The default store: `cases.db` in the data directory.
    pub fn default_in(data_dir: &Path) -> StoreUrl {
        StoreUrl::Sqlite(data_dir.join("cases.db"))
    }

    fn connect_url(&self) -> String {
        match self {
            StoreUrl::Sqlite(p) => format!("sqlite://{}?mode=rwc", p.display()),
            StoreUrl::Postgres(u) => u.clone(),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, StoreUrl::Postgres(_))
    }
}

impl FromStr for StoreUrl {
    type Err = Error;
    /// `sqlite://relative/path.db`, `sqlite:///absolute/path.db`, `sqlite:path`,
    /// `postgres://…` or `postgresql://…`.
    fn from_str(s: &str) -> Result<StoreUrl, Error> {
        let t = s.trim();
        if t.starts_with("postgres://") || t.starts_with("postgresql://") {
            return Ok(StoreUrl::Postgres(t.to_string()));
        }
        let path = t
            .strip_prefix("sqlite://")
            .or_else(|| t.strip_prefix("sqlite:"))
            .ok_or_else(|| Error::BadUrl(s.to_string()))?;
        let path = path.split('?').next().unwrap_or("");
        if path.is_empty() || path == ":memory:" {
            // An in-memory database would vanish with the process: not a case store.
            return Err(Error::BadUrl(s.to_string()));
        }
        Ok(StoreUrl::Sqlite(PathBuf::from(path)))
    }
}

impl fmt::Display for StoreUrl {
    /// The URL without a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreUrl::Sqlite(p) => write!(f, "sqlite://{}", p.display()),
            StoreUrl::Postgres(u) => {
                // postgres://user:password@host → postgres://user:***@host
                if let Some((scheme, rest)) = u.split_once("://") {
                    if let Some((cred, host)) = rest.split_once('@') {
                        if let Some((user, _)) = cred.split_once(':') {
                            return write!(f, "{scheme}://{user}:***@{host}");
                        }
                    }
                }
                f.write_str(u)
            }
        }
    }
}

impl fmt::Debug for StoreUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StoreUrl({self})")
    }
}

/// The case store (async). See the crate documentation for the whole API.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    url: StoreUrl,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Store({})", self.url)
    }
}

/// The migrations, embedded: an installed binary migrates without the source tree.
fn migrator() -> sqlx::migrate::Migrator {
    use sqlx::migrate::{Migration, MigrationType, Migrator};
    use sqlx::SqlSafeStr;
    Migrator::with_migrations(vec![
        Migration::new(
            1,
            Cow::Borrowed("cases"),
            MigrationType::Simple,
            include_str!("../migrations/0001_cases.sql").into_sql_str(),
            false,
        ),
        Migration::new(
            2,
            Cow::Borrowed("continuous"),
            MigrationType::Simple,
            include_str!("../migrations/0002_continuous.sql").into_sql_str(),
            false,
        ),
    ])
}

impl Store {
    /// Connect and apply the migrations not yet applied (idempotent).
    pub async fn open(url: &StoreUrl) -> Result<Store, Error> {
        sqlx::any::install_default_drivers();
        if let StoreUrl::Sqlite(p) = url {
            if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                    path: dir.display().to_string(),
                    source,
                })?;
            }
        }
        let sqlite = !url.is_postgres();
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 4 } else { 8 })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if sqlite {
                        use sqlx::Executor;
                        // WAL: readers do not block the writer; FULL: a committed transaction
                        // survives a power cut, not only a killed process.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA busy_timeout = 60000").await?;
                    }
                    Ok(())
                })
            })
            .connect(&url.connect_url())
            .await
            .ctx(&format!("opening the store {url}"))?;
        migrator().run(&pool).await?;
        Ok(Store {
            pool,
            url: url.clone(),
        })
    }

    pub fn url(&self) -> &StoreUrl {
        &self.url
    }

    /// Close the connections (waits for running queries).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Start a write transaction: take the store lock and read the audit head.
    pub(crate) async fn begin_write(&self) -> Result<WriteTx, Error> {
        let mut tx = self.pool.begin().await.ctx("starting a transaction")?;
        sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1")
            .execute(&mut *tx)
            .await
            .ctx("locking the store")?;
        let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&mut *tx)
            .await
            .ctx("reading the audit head")?;
        Ok(WriteTx {
            seq: row.try_get(0).ctx("reading the audit head")?,
            hash: row.try_get(1).ctx("reading the audit head")?,
            at: now(),
            tx,
        })
    }

    /// Whether a second, different analyst must confirm a closure (default: yes).
    pub async fn four_eyes(&self) -> Result<bool, Error> {
        let v: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE name = 'four_eyes'")
                .fetch_optional(&self.pool)
                .await
                .ctx("reading settings")?;
        Ok(v.as_deref() != Some("false"))
    }

    /// Turn the four-eyes rule on or off (audited as a configuration change).
    pub async fn set_four_eyes(&self, on: bool, actor: &str) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        let old: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE name = 'four_eyes'")
                .fetch_optional(&mut *tx.tx)
                .await
                .ctx("reading settings")?;
        let old = old.as_deref() != Some("false");
        if old == on {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO settings (name, value) VALUES ('four_eyes', $1) \
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(if on { "true" } else { "false" })
        .execute(&mut *tx.tx)
        .await
        .ctx("writing settings")?;
        tx.append(
            crate::audit::kind::CONFIGURATION,
            actor,
            "settings",
            serde_json::json!({"setting": "four_eyes", "old": old, "new": on}),
        )
        .await?;
        tx.commit().await
    }
}

/// A write transaction holding the store lock, appending to the audit chain.
pub(crate) struct WriteTx {
    pub(crate) tx: sqlx::Transaction<'static, Any>,
    seq: i64,
    hash: String,
    /// The time stamp of everything written in this transaction.
    pub(crate) at: String,
}

impl WriteTx {
    pub(crate) async fn append(
        &mut self,
        kind: &str,
        actor: &str,
        subject: &str,
        data: serde_json::Value,
    ) -> Result<(), Error> {
        let seq = self.seq + 1;
        let entry = entry_text(seq, &self.at, kind, actor, subject, &data);
        let hash = chain_hash(&self.hash, &entry);
        sqlx::query(
            "INSERT INTO audit_log (seq, subject, entry, prev_hash, hash) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(seq)
        .bind(subject)
        .bind(&entry)
        .bind(&self.hash)
        .bind(&hash)
        .execute(&mut *self.tx)
        .await
        .ctx("writing the audit trail")?;
        self.seq = seq;
        self.hash = hash;
        Ok(())
    }

    pub(crate) async fn commit(mut self) -> Result<(), Error> {
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(self.seq)
            .bind(&self.hash)
            .execute(&mut *self.tx)
            .await
            .ctx("writing the audit head")?;
        self.tx.commit().await.ctx("committing")
    }
}

/// `$start, $start+1, …` (n placeholders).
pub(crate) fn placeholders(start: usize, n: usize) -> String {
    let mut s = String::with_capacity(n * 5);
    for i in 0..n {
        if i > 0 {
            s.push_str(", ");
        }
        s.push('$');
        s.push_str(&(start + i).to_string());
    }
    s
}

/// Rows per `IN (…)` list or multi-row insert: far below SQLite's and PostgreSQL's parameter
/// limits, large enough that a 100,000-record import is a few hundred statements.
pub(crate) const CHUNK: usize = 500;

pub(crate) fn get<'r, T>(row: &'r AnyRow, col: &str) -> Result<T, Error>
where
    T: sqlx::Decode<'r, Any> + sqlx::Type<Any>,
{
    row.try_get(col)
        .map_err(|e| Error::Corrupt(format!("column {col}: {e}")))
}

/// Now, UTC, RFC 3339 with milliseconds (`2026-11-29T03:04:05.678Z`): sorts as text.
pub fn now() -> String {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format_utc(d.as_secs() as i64, d.subsec_millis())
}

fn format_utc(secs: i64, millis: u32) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A random id such as `run-3f9a…` (128 bits).
pub(crate) fn random_id(prefix: &str) -> String {
    let mut b = [0u8; 16];
    if getrandom::fill(&mut b).is_err() {
        // No system randomness: fall back to the clock and the process id, still unique enough
        // for a run id on one machine.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        b[..16].copy_from_slice(&t.to_le_bytes());
        b[12..16].copy_from_slice(&std::process::id().to_le_bytes());
    }
    format!("{prefix}-{}", hex::encode(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(format_utc(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_utc(951_782_400, 5), "2000-02-29T00:00:00.005Z");
        assert_eq!(format_utc(1_796_000_000, 0), "2026-11-30T00:53:20.000Z");
    }

    #[test]
    fn urls() {
        assert_eq!(
            "sqlite:///tmp/x.db".parse::<StoreUrl>().unwrap(),
            StoreUrl::Sqlite("/tmp/x.db".into())
        );
        assert_eq!(
            "sqlite://cases.db".parse::<StoreUrl>().unwrap(),
            StoreUrl::Sqlite("cases.db".into())
        );
        assert!("sqlite::memory:".parse::<StoreUrl>().is_err());
        assert!("mysql://x".parse::<StoreUrl>().is_err());
        let pg: StoreUrl = "postgres://emb:secret@127.0.0.1:5433/cases"
            .parse()
            .unwrap();
        assert_eq!(pg.to_string(), "postgres://emb:***@127.0.0.1:5433/cases");
        assert_eq!(placeholders(3, 3), "$3, $4, $5");
    }
}
