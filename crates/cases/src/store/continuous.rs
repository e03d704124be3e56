//! The continuous-screening state and the near misses (see [`crate::continuous`]).

use super::{get, Store};
use crate::continuous::{ContinuousState, PendingRescreen};
use crate::error::{DbContext, Error};
use crate::run::Run;
use std::collections::HashMap;

fn parse<T: serde::de::DeserializeOwned>(column: &str, text: &str) -> Result<T, Error> {
    serde_json::from_str(text)
        .map_err(|e| Error::Corrupt(format!("continuous_state.{column}: {e}")))
}

impl Store {
    /// The continuous-screening state.
    pub async fn continuous_state(&self) -> Result<ContinuousState, Error> {
        let row =
            sqlx::query("SELECT versions, config_hash, pending FROM continuous_state WHERE id = 1")
                .fetch_one(&self.pool)
                .await
                .ctx("reading the continuous-screening state")?;
        let versions: String = get(&row, "versions")?;
        let pending: Option<String> = get(&row, "pending")?;
        Ok(ContinuousState {
            versions: parse("versions", &versions)?,
            config_hash: get(&row, "config_hash")?,
            pending: pending
                .as_deref()
                .map(|p| parse("pending", p))
                .transpose()?,
        })
    }

    /// Write the re-screening about to start (replacing any pending one), before its run
    /// begins.
    pub async fn begin_rescreen(&self, pending: &PendingRescreen) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        let text = serde_json::to_string(pending).unwrap_or_default();
        sqlx::query("UPDATE continuous_state SET pending = $1 WHERE id = 1")
            .bind(text)
            .execute(&mut *tx.tx)
            .await
            .ctx("writing the pending re-screening")?;
        tx.commit().await
    }

    /// Finish the pending re-screening in one transaction: its run is closed (audited) and the
    /// near misses are declared in step with its list versions and configuration. Finishing again changes
    /// nothing.
    pub async fn finish_rescreen(&self, run_id: &str) -> Result<Run, Error> {
        let mut tx = self.begin_write().await?;
        let pending: Option<String> =
            sqlx::query_scalar("SELECT pending FROM continuous_state WHERE id = 1")
                .fetch_one(&mut *tx.tx)
                .await
                .ctx("reading the continuous-screening state")?;
        let run = Self::finish_run_in(&mut tx, run_id).await?;
        if let Some(p) = pending {
            let p: PendingRescreen = parse("pending", &p)?;
            if p.run_id == run_id {
                sqlx::query(
                    "UPDATE continuous_state SET versions = $1, config_hash = $2, pending = NULL \
                     WHERE id = 1",
                )
                .bind(serde_json::to_string(&p.versions).unwrap_or_default())
                .bind(p.config_hash.as_str())
                .execute(&mut *tx.tx)
                .await
                .ctx("writing the continuous-screening state")?;
            }
        }
        tx.commit().await?;
        Ok(run)
    }

    /// Every stored near miss: record id → (entity id, score), sorted by entity id.
    pub async fn near_misses(&self) -> Result<HashMap<String, Vec<(String, f64)>>, Error> {
        let rows = sqlx::query(
            "SELECT record_id, entity_id, score FROM near_misses ORDER BY record_id, entity_id",
        )
        .fetch_all(&self.pool)
        .await
        .ctx("reading near misses")?;
        let mut out: HashMap<String, Vec<(String, f64)>> = HashMap::new();
        for r in &rows {
            out.entry(get(r, "record_id")?)
                .or_default()
                .push((get(r, "entity_id")?, get(r, "score")?));
        }
        Ok(out)
    }

    /// The near misses of one record, sorted by entity id.
    pub async fn near_misses_of(&self, record_id: &str) -> Result<Vec<(String, f64)>, Error> {
        let rows = sqlx::query(
            "SELECT entity_id, score FROM near_misses WHERE record_id = $1 ORDER BY entity_id",
        )
        .bind(record_id)
        .fetch_all(&self.pool)
        .await
        .ctx("reading near misses")?;
        rows.iter()
            .map(|r| Ok((get(r, "entity_id")?, get(r, "score")?)))
            .collect()
    }
}
