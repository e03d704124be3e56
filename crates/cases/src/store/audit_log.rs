//! Reading, verifying and exporting the audit trail.

use super::{get, Store};
use crate::audit::{AuditReport, StoredEntry, Verifier};
use crate::error::{DbContext, Error};

fn entry_from_row(r: &sqlx::any::AnyRow) -> Result<StoredEntry, Error> {
    Ok(StoredEntry {
        seq: get(r, "seq")?,
        subject: get(r, "subject")?,
        entry: get(r, "entry")?,
        prev_hash: get(r, "prev_hash")?,
        hash: get(r, "hash")?,
    })
}

/// Entries read per query while verifying or exporting.
const PAGE: i64 = 5000;

impl Store {
    /// Entries after `after_seq`, in order.
    pub async fn audit_entries(
        &self,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<StoredEntry>, Error> {
        let rows = sqlx::query(
            "SELECT seq, subject, entry, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after_seq)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .ctx("reading the audit trail")?;
        rows.iter().map(entry_from_row).collect()
    }

    /// The entries about one subject (`alert:17`, `run:…`, `list:un`, `records`, `settings`).
    pub async fn audit_of(&self, subject: &str) -> Result<Vec<StoredEntry>, Error> {
        let rows = sqlx::query(
            "SELECT seq, subject, entry, prev_hash, hash FROM audit_log WHERE subject = $1 ORDER BY seq",
        )
        .bind(subject)
        .fetch_all(&self.pool)
        .await
        .ctx("reading the audit trail")?;
        rows.iter().map(entry_from_row).collect()
    }

    /// `(seq, hash)` of the last entry written.
    pub async fn audit_head(&self) -> Result<(i64, String), Error> {
        let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .ctx("reading the audit head")?;
        Ok((get(&row, "seq")?, get(&row, "hash")?))
    }

    /// Check the whole chain (see [`crate::audit`]): every edited, deleted or inserted entry is
    /// reported with its sequence number. Reads one snapshot (a repeatable-read transaction), so
    /// writers may go on meanwhile.
    pub async fn verify_audit(&self) -> Result<AuditReport, Error> {
        let mut tx = self.pool.begin().await.ctx("starting a transaction")?;
        if self.url.is_postgres() {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .execute(&mut *tx)
                .await
                .ctx("starting a snapshot")?;
        }
        let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&mut *tx)
            .await
            .ctx("reading the audit head")?;
        let head: (i64, String) = (get(&row, "seq")?, get(&row, "hash")?);
        let mut v = Verifier::default();
        let mut after = 0;
        loop {
            let rows = sqlx::query(
                "SELECT seq, subject, entry, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
            )
            .bind(after)
            .bind(PAGE)
            .fetch_all(&mut *tx)
            .await
            .ctx("reading the audit trail")?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let e = entry_from_row(r)?;
                after = e.seq;
                v.push(&e);
            }
        }
        tx.rollback().await.ctx("ending the snapshot")?;
        Ok(v.finish((head.0, &head.1)))
    }

    /// Call `f` with every entry in order (for `embargo audit export`).
    pub async fn export_audit(
        &self,
        mut f: impl FnMut(&StoredEntry) -> std::io::Result<()>,
    ) -> Result<i64, Error> {
        let mut after = 0;
        let mut n = 0;
        loop {
            let page = self.audit_entries(after, PAGE).await?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            for e in &page {
                f(e).map_err(|source| Error::Io {
                    path: "audit export".into(),
                    source,
                })?;
                n += 1;
            }
        }
        Ok(n)
    }
}
