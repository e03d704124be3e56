//! Reading alerts and recording decisions.

use super::{get, Store};
use crate::alert::{Alert, AlertFilter, AlertState, Reason, Verdict};
use crate::audit::kind;
use crate::decision::{transition, Action, Decision, Status};
use crate::error::{DbContext, Error};
use sqlx::any::AnyRow;
use sqlx::AssertSqlSafe;

const ALERT_COLUMNS: &str = "id, run_id, record_id, entity_id, caption, score, explanation, record_fingerprint, \
    entity_fingerprint, entity_programs, list_version, engine_version, config_hash, reason, state, resolution, \
    proposed_by, state_before_delisting, created_at, updated_at";

fn state(s: &str) -> Result<AlertState, Error> {
    s.parse::<AlertState>().map_err(Error::Corrupt)
}

fn alert_from_row(row: &AnyRow) -> Result<Alert, Error> {
    let id: i64 = get(row, "id")?;
    let explanation: String = get(row, "explanation")?;
    let reason: String = get(row, "reason")?;
    let resolution: Option<String> = get(row, "resolution")?;
    let before: Option<String> = get(row, "state_before_delisting")?;
    Ok(Alert {
        id,
        run_id: get(row, "run_id")?,
        record_id: get(row, "record_id")?,
        entity_id: get(row, "entity_id")?,
        caption: get(row, "caption")?,
        score: get(row, "score")?,
        explanation: serde_json::from_str(&explanation)
            .map_err(|e| Error::Corrupt(format!("alert {id} explanation: {e}")))?,
        record_fingerprint: get(row, "record_fingerprint")?,
        entity_fingerprint: get(row, "entity_fingerprint")?,
        entity_programs: get(row, "entity_programs")?,
        list_version: get(row, "list_version")?,
        engine_version: get(row, "engine_version")?,
        config_hash: get(row, "config_hash")?,
        reason: Reason::parse(&reason)
            .ok_or_else(|| Error::Corrupt(format!("alert {id} reason {reason:?}")))?,
        state: state(&get::<String>(row, "state")?)?,
        resolution: match resolution {
            None => None,
            Some(r) => Some(
                Verdict::parse(&r)
                    .ok_or_else(|| Error::Corrupt(format!("alert {id} resolution {r:?}")))?,
            ),
        },
        proposed_by: get(row, "proposed_by")?,
        state_before_delisting: before.as_deref().map(state).transpose()?,
        created_at: get(row, "created_at")?,
        updated_at: get(row, "updated_at")?,
    })
}

fn decision_from_row(row: &AnyRow) -> Result<Decision, Error> {
    let action: String = get(row, "action")?;
    Ok(Decision {
        id: get(row, "id")?,
        alert_id: get(row, "alert_id")?,
        action: action.parse().map_err(Error::Corrupt)?,
        analyst: get(row, "analyst")?,
        comment: get(row, "comment")?,
        state_before: state(&get::<String>(row, "state_before")?)?,
        state_after: state(&get::<String>(row, "state_after")?)?,
        at: get(row, "at")?,
    })
}

impl Store {
    /// Alerts matching the filter, in id order.
    pub async fn alerts(&self, filter: &AlertFilter) -> Result<Vec<Alert>, Error> {
        let mut clauses: Vec<String> = Vec::new();
        let mut binds: Vec<String> = Vec::new();
        let mut add = |col: &str, v: &str| {
            binds.push(v.to_string());
            clauses.push(format!("{col} = ${}", binds.len()));
        };
        if let Some(s) = filter.state {
            add("state", s.as_str());
        }
        if let Some(r) = &filter.record_id {
            add("record_id", r);
        }
        if let Some(e) = &filter.entity_id {
            add("entity_id", e);
        }
        if let Some(r) = &filter.run_id {
            add("run_id", r);
        }
        let n = binds.len();
        clauses.push(format!("id > ${}", n + 1));
        let sql = format!(
            "SELECT {ALERT_COLUMNS} FROM alerts WHERE {} ORDER BY id LIMIT ${}",
            clauses.join(" AND "),
            n + 2
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for b in &binds {
            q = q.bind(b.as_str());
        }
        let rows = q
            .bind(filter.after_id.unwrap_or(0))
            .bind(filter.limit.unwrap_or(i64::MAX))
            .fetch_all(&self.pool)
            .await
            .ctx("reading alerts")?;
        rows.iter().map(alert_from_row).collect()
    }

    /// Count alerts by state.
    pub async fn alert_counts(&self) -> Result<Vec<(AlertState, i64)>, Error> {
        let rows =
            sqlx::query("SELECT state, COUNT(*) AS n FROM alerts GROUP BY state ORDER BY state")
                .fetch_all(&self.pool)
                .await
                .ctx("counting alerts")?;
        rows.iter()
            .map(|r| Ok((state(&get::<String>(r, "state")?)?, get(r, "n")?)))
            .collect()
    }

    /// One alert.
    pub async fn alert(&self, id: i64) -> Result<Option<Alert>, Error> {
        let sql = format!("SELECT {ALERT_COLUMNS} FROM alerts WHERE id = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .ctx("reading an alert")?;
        row.as_ref().map(alert_from_row).transpose()
    }

    /// The decisions taken on an alert, oldest first.
    pub async fn decisions(&self, alert_id: i64) -> Result<Vec<Decision>, Error> {
        let rows = sqlx::query(
            "SELECT id, alert_id, action, analyst, comment, state_before, state_after, at \
             FROM decisions WHERE alert_id = $1 ORDER BY id",
        )
        .bind(alert_id)
        .fetch_all(&self.pool)
        .await
        .ctx("reading decisions")?;
        rows.iter().map(decision_from_row).collect()
    }

    /// Record an analyst's decision (see [`crate::decision`] for the rules), with its audit
    /// entry, in one transaction. Returns the alert as it is now.
    pub async fn decide(
        &self,
        alert_id: i64,
        action: Action,
        analyst: &str,
        comment: &str,
    ) -> Result<Alert, Error> {
        let mut tx = self.begin_write().await?;
        let sql = format!("SELECT {ALERT_COLUMNS} FROM alerts WHERE id = $1");
        let alert = sqlx::query(AssertSqlSafe(sql))
            .bind(alert_id)
            .fetch_optional(&mut *tx.tx)
            .await
            .ctx("reading an alert")?
            .as_ref()
            .map(alert_from_row)
            .transpose()?
            .ok_or(Error::UnknownAlert(alert_id))?;
        let four_eyes: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE name = 'four_eyes'")
                .fetch_optional(&mut *tx.tx)
                .await
                .ctx("reading settings")?;
        let four_eyes = four_eyes.as_deref() != Some("false");
        let current = Status {
            state: alert.state,
            resolution: alert.resolution,
            proposed_by: alert.proposed_by.clone(),
        };
        let analyst = analyst.trim();
        let comment = comment.trim();
        let next =
            transition(&current, action, analyst, comment, four_eyes).map_err(|message| {
                Error::Decision {
                    id: alert_id,
                    message,
                }
            })?;
        sqlx::query(
            "UPDATE alerts SET state = $1, resolution = $2, proposed_by = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(next.state.as_str())
        .bind(next.resolution.map(|v| v.as_str().to_string()))
        .bind(next.proposed_by.clone())
        .bind(tx.at.as_str())
        .bind(alert_id)
        .execute(&mut *tx.tx)
        .await
        .ctx("updating an alert")?;
        let decision_id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM decisions")
            .fetch_one(&mut *tx.tx)
            .await
            .ctx("reading decisions")?;
        sqlx::query(
            "INSERT INTO decisions (id, alert_id, action, analyst, comment, state_before, state_after, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(decision_id)
        .bind(alert_id)
        .bind(action.as_str())
        .bind(analyst)
        .bind(comment)
        .bind(alert.state.as_str())
        .bind(next.state.as_str())
        .bind(tx.at.as_str())
        .execute(&mut *tx.tx)
        .await
        .ctx("writing a decision")?;
        tx.append(
            kind::DECISION,
            analyst,
            &format!("alert:{alert_id}"),
            serde_json::json!({
                "alert": alert_id,
                "decision": decision_id,
                "action": action.as_str(),
                "comment": comment,
                "state_before": alert.state.as_str(),
                "state_after": next.state.as_str(),
                "resolution": next.resolution.map(|v| v.as_str()),
                "four_eyes": four_eyes,
            }),
        )
        .await?;
        tx.commit().await?;
        self.alert(alert_id)
            .await?
            .ok_or(Error::UnknownAlert(alert_id))
    }
}
