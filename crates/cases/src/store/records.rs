//! Storing records: insert new ones, update changed ones (marking them for screening), leave
//! unchanged ones alone.

use super::{get, placeholders, Store, CHUNK};
use crate::audit::kind;
use crate::error::{DbContext, Error};
use crate::record::Record;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::AssertSqlSafe;
use std::collections::{HashMap, HashSet};

/// What an upsert did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpsertOutcome {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Ids of the inserted and updated records, now pending screening.
    pub changed_ids: Vec<String>,
}

/// A record as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredRecord {
    pub record: Record,
    pub fingerprint: String,
    /// New or changed and not screened since.
    pub pending: bool,
    pub created_at: String,
    pub updated_at: String,
    pub screened_at: Option<String>,
}

const RECORD_COLUMNS: &str = "id, data, fingerprint, pending, created_at, updated_at, screened_at";

fn record_from_row(row: &AnyRow) -> Result<StoredRecord, Error> {
    let id: String = get(row, "id")?;
    let data: String = get(row, "data")?;
    let record: Record =
        serde_json::from_str(&data).map_err(|e| Error::Corrupt(format!("record {id:?}: {e}")))?;
    Ok(StoredRecord {
        record,
        fingerprint: get(row, "fingerprint")?,
        pending: get::<i64>(row, "pending")? != 0,
        created_at: get(row, "created_at")?,
        updated_at: get(row, "updated_at")?,
        screened_at: get(row, "screened_at")?,
    })
}

impl Store {
    /// Insert or update records in one transaction, with one audit entry listing the records
    /// inserted and updated (id and fingerprint). Unchanged records (same fingerprint and data)
    /// are left alone and nothing is written when all are unchanged, so re-running an import
    /// after a crash adds nothing twice.
    ///
    /// Callers importing a large file call this per chunk (e.g. 1,000 records): each chunk is
    /// durable on its own.
    pub async fn upsert_records(
        &self,
        records: &[Record],
        actor: &str,
    ) -> Result<UpsertOutcome, Error> {
        let mut seen = HashSet::with_capacity(records.len());
        for r in records {
            if r.id.trim().is_empty() {
                return Err(Error::InvalidRecord {
                    id: r.id.clone(),
                    message: "empty id".into(),
                });
            }
            if r.names.iter().all(|n| n.trim().is_empty()) {
                return Err(Error::InvalidRecord {
                    id: r.id.clone(),
                    message: "no name".into(),
                });
            }
            if !seen.insert(r.id.as_str()) {
                return Err(Error::InvalidRecord {
                    id: r.id.clone(),
                    message: "supplied twice in one batch".into(),
                });
            }
        }
        let prepared: Vec<(&Record, String, String)> = records
            .iter()
            .map(|r| {
                let data = serde_json::to_string(r).unwrap_or_default();
                (r, r.fingerprint(), data)
            })
            .collect();

        let mut tx = self.begin_write().await?;
        let mut stored: HashMap<String, (String, String)> = HashMap::new();
        for chunk in prepared.chunks(CHUNK) {
            let sql = format!(
                "SELECT id, fingerprint, data FROM records WHERE id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for (r, _, _) in chunk {
                q = q.bind(r.id.as_str());
            }
            for row in q.fetch_all(&mut *tx.tx).await.ctx("reading records")? {
                stored.insert(
                    get(&row, "id")?,
                    (get(&row, "fingerprint")?, get(&row, "data")?),
                );
            }
        }
        let mut out = UpsertOutcome::default();
        let mut new = Vec::new();
        let mut changed = Vec::new();
        for p in &prepared {
            match stored.get(&p.0.id) {
                None => new.push(p),
                Some((fp, data)) if *fp == p.1 && *data == p.2 => out.unchanged += 1,
                Some(_) => changed.push(p),
            }
        }
        if new.is_empty() && changed.is_empty() {
            return Ok(out);
        }
        for chunk in new.chunks(CHUNK) {
            let at = 3 * chunk.len() + 1;
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    format!(
                        "(${}, ${}, ${}, 1, ${at}, ${at})",
                        3 * i + 1,
                        3 * i + 2,
                        3 * i + 3
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO records (id, data, fingerprint, pending, created_at, updated_at) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for (r, fp, data) in chunk {
                q = q.bind(r.id.as_str()).bind(data.as_str()).bind(fp.as_str());
            }
            q.bind(tx.at.as_str())
                .execute(&mut *tx.tx)
                .await
                .ctx("inserting records")?;
        }
        for (r, fp, data) in &changed {
            sqlx::query(
                "UPDATE records SET data = $1, fingerprint = $2, pending = 1, updated_at = $3 WHERE id = $4",
            )
            .bind(data.as_str())
            .bind(fp.as_str())
            .bind(tx.at.as_str())
            .bind(r.id.as_str())
            .execute(&mut *tx.tx)
            .await
            .ctx("updating records")?;
        }
        out.inserted = new.len();
        out.updated = changed.len();
        let listed: Vec<serde_json::Value> = new
            .iter()
            .map(|(r, fp, _)| serde_json::json!([r.id, fp, "new"]))
            .chain(
                changed
                    .iter()
                    .map(|(r, fp, _)| serde_json::json!([r.id, fp, "changed"])),
            )
            .collect();
        out.changed_ids = new
            .iter()
            .chain(changed.iter())
            .map(|(r, _, _)| r.id.clone())
            .collect();
        tx.append(
            kind::RECORDS_IMPORTED,
            actor,
            "records",
            serde_json::json!({
                "inserted": out.inserted,
                "updated": out.updated,
                "unchanged": out.unchanged,
                "records": listed,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(out)
    }

    /// One record.
    pub async fn record(&self, id: &str) -> Result<Option<StoredRecord>, Error> {
        let sql = format!("SELECT {RECORD_COLUMNS} FROM records WHERE id = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .ctx("reading a record")?;
        row.as_ref().map(record_from_row).transpose()
    }

    /// Records in id order after `after` (keyset paging): `pending_only` gives the new and
    /// changed records not screened since.
    ///
    /// ```no_run
    /// # async fn f(store: &embargo_cases::Store) -> Result<(), embargo_cases::Error> {
    /// let mut after: Option<String> = None;
    /// loop {
    ///     let page = store.records(after.as_deref(), 1000, false).await?;
    ///     let Some(last) = page.last() else { break };
    ///     after = Some(last.record.id.clone());
    ///     // screen the page…
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn records(
        &self,
        after: Option<&str>,
        limit: i64,
        pending_only: bool,
    ) -> Result<Vec<StoredRecord>, Error> {
        let pending = if pending_only { " AND pending = 1" } else { "" };
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE id > $1{pending} ORDER BY id LIMIT $2"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(after.unwrap_or(""))
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .ctx("reading records")?;
        rows.iter().map(record_from_row).collect()
    }

    /// `(all records, pending records)`.
    pub async fn record_counts(&self) -> Result<(i64, i64), Error> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, COUNT(CASE WHEN pending = 1 THEN 1 END) AS p FROM records",
        )
        .fetch_one(&self.pool)
        .await
        .ctx("counting records")?;
        Ok((get(&row, "n")?, get(&row, "p")?))
    }
}
