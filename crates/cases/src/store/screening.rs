//! Recording screening runs and their alerts, with suppression of unchanged cleared pairs.

use super::{get, placeholders, random_id, Store, WriteTx, CHUNK};
use crate::alert::Reason;
use crate::audit::kind;
use crate::canonical::canonical;
use crate::error::{DbContext, Error};
use crate::run::{config_hash, BatchOutcome, NewRun, RecordResult, Run, ENGINE_VERSION};
use sqlx::any::AnyRow;
use sqlx::AssertSqlSafe;
use std::collections::{HashMap, HashSet};

const RUN_COLUMNS: &str = "id, kind, actor, list_version, engine_version, config_hash, started_at, finished_at, screened, raised, suppressed";

fn run_from_row(row: &AnyRow) -> Result<Run, Error> {
    Ok(Run {
        id: get(row, "id")?,
        kind: get(row, "kind")?,
        actor: get(row, "actor")?,
        list_version: get(row, "list_version")?,
        engine_version: get(row, "engine_version")?,
        config_hash: get(row, "config_hash")?,
        started_at: get(row, "started_at")?,
        finished_at: get(row, "finished_at")?,
        screened: get(row, "screened")?,
        raised: get(row, "raised")?,
        suppressed: get(row, "suppressed")?,
    })
}

/// The latest alert of a record × entity pair, as the suppression rule reads it.
struct PairState {
    record_fingerprint: String,
    entity_fingerprint: String,
    entity_programs: String,
    state: String,
    resolution: Option<String>,
}

impl Store {
    /// Start a run (audited with its list version, engine version and configuration). With a
    /// caller-chosen id that exists already, the existing run is returned: a run re-started
    /// after a crash continues.
    pub async fn begin_run(&self, run: &NewRun<'_>) -> Result<Run, Error> {
        if let Some(id) = &run.id {
            if let Some(existing) = self.run(id).await? {
                return Ok(existing);
            }
        }
        let id = run.id.clone().unwrap_or_else(|| random_id("run"));
        let mut tx = self.begin_write().await?;
        let hash = config_hash(run.config);
        let config = canonical(run.config);
        sqlx::query(
            "INSERT INTO runs (id, kind, actor, list_version, engine_version, config_hash, config, started_at, screened, raised, suppressed) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, 0)",
        )
        .bind(id.as_str())
        .bind(run.kind.as_str())
        .bind(run.actor)
        .bind(run.list_version)
        .bind(ENGINE_VERSION)
        .bind(hash.as_str())
        .bind(config.as_str())
        .bind(tx.at.as_str())
        .execute(&mut *tx.tx)
        .await
        .ctx("starting a run")?;
        tx.append(
            kind::SCREENING_STARTED,
            run.actor,
            &format!("run:{id}"),
            serde_json::json!({
                "run": id,
                "kind": run.kind.as_str(),
                "list_version": run.list_version,
                "engine_version": ENGINE_VERSION,
                "config_hash": hash,
                "config": serde_json::to_value(run.config).unwrap_or_default(),
            }),
        )
        .await?;
        tx.commit().await?;
        self.run(&id)
            .await?
            .ok_or_else(|| Error::UnknownRun(id.clone()))
    }

    /// One run.
    pub async fn run(&self, id: &str) -> Result<Option<Run>, Error> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .ctx("reading a run")?;
        row.as_ref().map(run_from_row).transpose()
    }

    /// Runs, newest first.
    pub async fn runs(&self, limit: i64) -> Result<Vec<Run>, Error> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM runs ORDER BY started_at DESC, id LIMIT $1");
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .ctx("reading runs")?;
        rows.iter().map(run_from_row).collect()
    }

    /// Record the results of a batch of records in one transaction: raise alerts (audited one
    /// by one), replace the records' near misses with those of the results, mark the records
    /// screened, count the batch in the run.
    ///
    /// For each alerting hit, the latest alert of the same record × entity pair decides:
    /// - none: a `new` alert;
    /// - same record fingerprint, entity fingerprint and programmes: not raised; counted as
    ///   `suppressed` when that alert is a confirmed false positive, as `already_alerted`
    ///   otherwise (open, in review, a confirmed true match, delisted);
    /// - the record changed: a `record_changed` alert; else the entity changed:
    ///   `entity_changed`.
    ///
    /// A record whose fingerprint is no longer the one screened (updated meanwhile) is skipped
    /// and stays pending. A record already recorded in this run at this fingerprint is skipped
    /// too, so that replaying a batch after a crash changes nothing.
    pub async fn record_results(
        &self,
        run_id: &str,
        results: &[RecordResult],
    ) -> Result<BatchOutcome, Error> {
        let mut tx = self.begin_write().await?;
        let sql = format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = $1");
        let run = sqlx::query(AssertSqlSafe(sql))
            .bind(run_id)
            .fetch_optional(&mut *tx.tx)
            .await
            .ctx("reading a run")?
            .as_ref()
            .map(run_from_row)
            .transpose()?
            .ok_or_else(|| Error::UnknownRun(run_id.to_string()))?;
        let actor = run.actor.clone();

        // The records as stored now.
        let mut stored: HashMap<String, (String, Option<String>, Option<String>)> = HashMap::new();
        let mut seen = HashSet::new();
        for r in results {
            if !seen.insert(r.record_id.as_str()) {
                return Err(Error::InvalidRecord {
                    id: r.record_id.clone(),
                    message: "appears twice in one batch of results".into(),
                });
            }
        }
        for chunk in results.chunks(CHUNK) {
            let sql = format!(
                "SELECT id, fingerprint, screened_run, screened_fingerprint FROM records WHERE id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for r in chunk {
                q = q.bind(r.record_id.as_str());
            }
            for row in q.fetch_all(&mut *tx.tx).await.ctx("reading records")? {
                stored.insert(
                    get(&row, "id")?,
                    (
                        get(&row, "fingerprint")?,
                        get(&row, "screened_run")?,
                        get(&row, "screened_fingerprint")?,
                    ),
                );
            }
        }
        let mut todo: Vec<&RecordResult> = Vec::with_capacity(results.len());
        for r in results {
            let Some((fp, srun, sfp)) = stored.get(&r.record_id) else {
                return Err(Error::UnknownRecord(r.record_id.clone()));
            };
            if *fp != r.record_fingerprint {
                continue; // changed since it was screened: stays pending
            }
            if srun.as_deref() == Some(run_id) && sfp.as_deref() == Some(fp.as_str()) {
                continue; // already recorded in this run
            }
            todo.push(r);
        }

        // Entity fingerprints.
        let mut entity_ids: Vec<&str> = todo
            .iter()
            .flat_map(|r| r.hits.iter().map(|h| h.entity_id.as_str()))
            .collect();
        entity_ids.sort_unstable();
        entity_ids.dedup();
        let mut entities: HashMap<String, (String, String)> = HashMap::new();
        for chunk in entity_ids.chunks(CHUNK) {
            let sql = format!(
                "SELECT id, fingerprint, programs FROM entities WHERE id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            for row in q.fetch_all(&mut *tx.tx).await.ctx("reading entities")? {
                entities.insert(
                    get(&row, "id")?,
                    (get(&row, "fingerprint")?, get(&row, "programs")?),
                );
            }
        }

        // The latest alert of every pair of these records.
        let with_hits: Vec<&str> = todo
            .iter()
            .filter(|r| !r.hits.is_empty())
            .map(|r| r.record_id.as_str())
            .collect();
        let mut latest: HashMap<(String, String), PairState> = HashMap::new();
        for chunk in with_hits.chunks(CHUNK) {
            let sql = format!(
                "SELECT record_id, entity_id, record_fingerprint, entity_fingerprint, entity_programs, state, resolution \
                 FROM alerts WHERE record_id IN ({}) ORDER BY id",
                placeholders(1, chunk.len())
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            for row in q.fetch_all(&mut *tx.tx).await.ctx("reading alerts")? {
                latest.insert(
                    (get(&row, "record_id")?, get(&row, "entity_id")?),
                    PairState {
                        record_fingerprint: get(&row, "record_fingerprint")?,
                        entity_fingerprint: get(&row, "entity_fingerprint")?,
                        entity_programs: get(&row, "entity_programs")?,
                        state: get(&row, "state")?,
                        resolution: get(&row, "resolution")?,
                    },
                );
            }
        }

        let mut next_id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM alerts")
            .fetch_one(&mut *tx.tx)
            .await
            .ctx("reading alerts")?;
        let mut out = BatchOutcome::default();
        for r in &todo {
            let mut hits: Vec<&crate::run::Candidate> = r.hits.iter().collect();
            hits.sort_by(|a, b| a.entity_id.cmp(&b.entity_id));
            hits.dedup_by(|a, b| a.entity_id == b.entity_id);
            for h in hits {
                let (efp, eprog) = entities
                    .get(&h.entity_id)
                    .ok_or_else(|| Error::UnknownEntity(h.entity_id.clone()))?;
                let reason = match latest.get(&(r.record_id.clone(), h.entity_id.clone())) {
                    None => Reason::New,
                    Some(p) if p.record_fingerprint != r.record_fingerprint => {
                        Reason::RecordChanged
                    }
                    Some(p) if p.entity_fingerprint != *efp || p.entity_programs != *eprog => {
                        Reason::EntityChanged
                    }
                    Some(p) => {
                        if p.state == "closed" && p.resolution.as_deref() == Some("false_positive")
                        {
                            out.suppressed += 1;
                        } else {
                            out.already_alerted += 1;
                        }
                        continue;
                    }
                };
                next_id += 1;
                let explanation = canonical(&h.explanation);
                sqlx::query(
                    "INSERT INTO alerts (id, run_id, record_id, entity_id, caption, score, explanation, \
                     record_fingerprint, entity_fingerprint, entity_programs, list_version, engine_version, \
                     config_hash, reason, state, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'open', $15, $15)",
                )
                .bind(next_id)
                .bind(run_id)
                .bind(r.record_id.as_str())
                .bind(h.entity_id.as_str())
                .bind(h.caption.as_str())
                .bind(h.score)
                .bind(explanation.as_str())
                .bind(r.record_fingerprint.as_str())
                .bind(efp.as_str())
                .bind(eprog.as_str())
                .bind(run.list_version.as_str())
                .bind(run.engine_version.as_str())
                .bind(run.config_hash.as_str())
                .bind(reason.as_str())
                .bind(tx.at.as_str())
                .execute(&mut *tx.tx)
                .await
                .ctx("inserting an alert")?;
                tx.append(
                    kind::ALERT_RAISED,
                    &actor,
                    &format!("alert:{next_id}"),
                    serde_json::json!({
                        "alert": next_id,
                        "run": run_id,
                        "record_id": r.record_id,
                        "entity_id": h.entity_id,
                        "caption": h.caption,
                        "score": h.score,
                        "reason": reason.as_str(),
                        "record_fingerprint": r.record_fingerprint,
                        "entity_fingerprint": efp,
                        "entity_programs": eprog,
                        "list_version": run.list_version,
                        "engine_version": run.engine_version,
                        "config_hash": run.config_hash,
                        "explanation": h.explanation,
                    }),
                )
                .await?;
                out.raised.push(next_id);
            }
        }
        for chunk in todo.chunks(CHUNK) {
            let sql = format!(
                "UPDATE records SET pending = 0, screened_at = $1, screened_run = $2, screened_fingerprint = fingerprint \
                 WHERE id IN ({})",
                placeholders(3, chunk.len())
            );
            let mut q = sqlx::query(AssertSqlSafe(sql))
                .bind(tx.at.as_str())
                .bind(run_id);
            for r in chunk {
                q = q.bind(r.record_id.as_str());
            }
            q.execute(&mut *tx.tx)
                .await
                .ctx("marking records screened")?;
        }
        replace_near_misses(&mut tx, &todo).await?;
        out.screened = todo.len() as i64;
        if todo.is_empty() {
            return Ok(out);
        }
        sqlx::query(
            "UPDATE runs SET screened = screened + $1, raised = raised + $2, suppressed = suppressed + $3 WHERE id = $4",
        )
        .bind(out.screened)
        .bind(out.raised.len() as i64)
        .bind(out.suppressed)
        .bind(run_id)
        .execute(&mut *tx.tx)
        .await
        .ctx("counting the run")?;
        let screened: Vec<serde_json::Value> = todo
            .iter()
            .map(|r| serde_json::json!([r.record_id, r.record_fingerprint]))
            .collect();
        tx.append(
            kind::RECORDS_SCREENED,
            &actor,
            &format!("run:{run_id}"),
            serde_json::json!({
                "run": run_id,
                "records": screened,
                "raised": out.raised,
                "suppressed": out.suppressed,
                "already_alerted": out.already_alerted,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Close a run (audited with its counts). Finishing a finished run changes nothing.
    pub async fn finish_run(&self, run_id: &str) -> Result<Run, Error> {
        let mut tx = self.begin_write().await?;
        let run = Self::finish_run_in(&mut tx, run_id).await?;
        tx.commit().await?;
        Ok(run)
    }

    /// [`Store::finish_run`] inside a write transaction.
    pub(crate) async fn finish_run_in(tx: &mut WriteTx, run_id: &str) -> Result<Run, Error> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = $1");
        let run = sqlx::query(AssertSqlSafe(sql))
            .bind(run_id)
            .fetch_optional(&mut *tx.tx)
            .await
            .ctx("reading a run")?
            .as_ref()
            .map(run_from_row)
            .transpose()?
            .ok_or_else(|| Error::UnknownRun(run_id.to_string()))?;
        if run.finished_at.is_some() {
            return Ok(run);
        }
        sqlx::query("UPDATE runs SET finished_at = $1 WHERE id = $2")
            .bind(tx.at.as_str())
            .bind(run_id)
            .execute(&mut *tx.tx)
            .await
            .ctx("finishing a run")?;
        tx.append(
            kind::SCREENING_FINISHED,
            &run.actor,
            &format!("run:{run_id}"),
            serde_json::json!({
                "run": run_id,
                "screened": run.screened,
                "raised": run.raised,
                "suppressed": run.suppressed,
            }),
        )
        .await?;
        Ok(Run {
            finished_at: Some(tx.at.clone()),
            ..run
        })
    }
}

/// Replace the near misses of the records of `todo` with those of their results, in the
/// transaction that records their alerts.
async fn replace_near_misses(tx: &mut WriteTx, todo: &[&RecordResult]) -> Result<(), Error> {
    for chunk in todo.chunks(CHUNK) {
        let sql = format!(
            "DELETE FROM near_misses WHERE record_id IN ({})",
            placeholders(1, chunk.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for r in chunk {
            q = q.bind(r.record_id.as_str());
        }
        q.execute(&mut *tx.tx).await.ctx("replacing near misses")?;
    }
    let mut rows: Vec<(&str, &str, f64)> = Vec::new();
    for r in todo {
        let mut seen = HashSet::new();
        for n in &r.near_misses {
            if seen.insert(n.entity_id.as_str()) {
                rows.push((r.record_id.as_str(), n.entity_id.as_str(), n.score));
            }
        }
    }
    for chunk in rows.chunks(CHUNK / 2) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
            .collect();
        let sql = format!(
            "INSERT INTO near_misses (record_id, entity_id, score) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (record, entity, score) in chunk {
            q = q.bind(*record).bind(*entity).bind(*score);
        }
        q.execute(&mut *tx.tx).await.ctx("writing near misses")?;
    }
    Ok(())
}
