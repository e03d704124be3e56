//! Registering list versions: which entities were added, changed and removed since the version
//! the store knew, and flagging the alerts of removed (delisted) entities for review.

use super::{get, placeholders, Store, WriteTx, CHUNK};
use crate::audit::kind;
use crate::entity::{dataset_version_id, EntityFingerprint};
use crate::error::{DbContext, Error};
use embargo_model::{Entity, ListDocument};
use serde::{Deserialize, Serialize};
use sqlx::AssertSqlSafe;
use std::collections::{BTreeMap, HashMap};

/// The version of one dataset registered, and what changed since the one before.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetVersion {
    pub dataset: String,
    /// Content hash (see [`crate::entity::list_version_id`]).
    pub version_id: String,
    /// The version the source states (UN `dateGenerated`, OFAC publish date), if any.
    pub version: Option<String>,
    /// The version the store screened against before (`None` the first time).
    pub previous: Option<String>,
    pub entities: usize,
    /// Entity ids new to the store (or listed again).
    pub added: Vec<String>,
    /// Entity ids whose matching fields or programmes changed.
    pub changed: Vec<String>,
    /// Entity ids that left the list.
    pub removed: Vec<String>,
}

/// What [`Store::register_lists`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListsRegistered {
    /// The name of this set of list versions, written into runs and alerts:
    /// `dataset@<16 hex of its version id>` joined by commas, in dataset order.
    pub list_version: String,
    pub datasets: Vec<DatasetVersion>,
    /// Alerts flagged `delisted` because their entity left its list.
    pub delisted_alerts: Vec<i64>,
}

impl ListsRegistered {
    /// Every added or changed entity id, over all datasets (what a delta run screens against).
    pub fn added_or_changed(&self) -> Vec<String> {
        self.datasets
            .iter()
            .flat_map(|d| d.added.iter().chain(d.changed.iter()).cloned())
            .collect()
    }
}

struct Known {
    fingerprint: String,
    programs: String,
    listed: bool,
}

impl Store {
    /// Register the lists screened against: store each new dataset version and the
    /// fingerprints of its entities, and flag the open, in-review and confirmed true-match
    /// alerts of entities that left their list as `delisted` (never closing them). A dataset
    /// whose content did not change is not written again. Datasets not passed are left as they
    /// are: loading only UN does not delist OFAC.
    ///
    /// One transaction per call, with an audit entry per new dataset version and per flagged
    /// alert. Takes `&[ListDocument]`, `&[&ListDocument]` or `&[Arc<ListDocument>]`.
    pub async fn register_lists<D: std::borrow::Borrow<ListDocument>>(
        &self,
        docs: &[D],
        actor: &str,
    ) -> Result<ListsRegistered, Error> {
        let mut by_dataset: BTreeMap<&str, Vec<&ListDocument>> = BTreeMap::new();
        for d in docs {
            let d: &ListDocument = d.borrow();
            by_dataset.entry(d.dataset.as_str()).or_default().push(d);
        }
        let mut out = ListsRegistered::default();
        let mut tx = self.begin_write().await?;
        let mut names = Vec::new();
        let mut wrote = false;
        for (dataset, group) in by_dataset {
            let version_id = dataset_version_id(&group);
            names.push(format!("{dataset}@{}", &version_id[..16]));
            let previous: Option<String> =
                sqlx::query_scalar("SELECT version_id FROM datasets WHERE name = $1")
                    .bind(dataset)
                    .fetch_optional(&mut *tx.tx)
                    .await
                    .ctx("reading datasets")?;
            let mut entities: BTreeMap<&str, &Entity> = BTreeMap::new();
            for d in &group {
                for e in &d.entities {
                    entities.entry(e.id.as_str()).or_insert(e);
                }
            }
            let stated = group.iter().find_map(|d| d.version.clone());
            if previous.as_deref() == Some(version_id.as_str()) {
                out.datasets.push(DatasetVersion {
                    dataset: dataset.to_string(),
                    version_id: version_id.clone(),
                    version: stated,
                    previous: previous.clone(),
                    entities: entities.len(),
                    ..Default::default()
                });
                continue;
            }
            wrote = true;
            let v = register_dataset(&mut tx, dataset, &version_id, stated, previous, &entities)
                .await?;
            tx.append(
                kind::LIST_VERSION,
                actor,
                &format!("list:{dataset}"),
                serde_json::to_value(&v).unwrap_or_default(),
            )
            .await?;
            let flagged = flag_delisted(&mut tx, actor, dataset, &version_id, &v.removed).await?;
            out.delisted_alerts.extend(flagged);
            out.datasets.push(v);
        }
        out.list_version = names.join(",");
        if wrote {
            tx.commit().await?;
        }
        Ok(out)
    }

    /// The stored fingerprint of an entity: `(fingerprint, programs, listed)`.
    pub async fn entity_fingerprint(
        &self,
        id: &str,
    ) -> Result<Option<(EntityFingerprint, bool)>, Error> {
        let row = sqlx::query("SELECT fingerprint, programs, listed FROM entities WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .ctx("reading an entity")?;
        row.map(|r| {
            Ok((
                EntityFingerprint {
                    fingerprint: get(&r, "fingerprint")?,
                    programs: get(&r, "programs")?,
                },
                get::<i64>(&r, "listed")? != 0,
            ))
        })
        .transpose()
    }
}

async fn register_dataset(
    tx: &mut WriteTx,
    dataset: &str,
    version_id: &str,
    stated: Option<String>,
    previous: Option<String>,
    entities: &BTreeMap<&str, &Entity>,
) -> Result<DatasetVersion, Error> {
    let rows =
        sqlx::query("SELECT id, fingerprint, programs, listed FROM entities WHERE dataset = $1")
            .bind(dataset)
            .fetch_all(&mut *tx.tx)
            .await
            .ctx("reading entities")?;
    let mut known: HashMap<String, Known> = HashMap::with_capacity(rows.len());
    for r in &rows {
        known.insert(
            get(r, "id")?,
            Known {
                fingerprint: get(r, "fingerprint")?,
                programs: get(r, "programs")?,
                listed: get::<i64>(r, "listed")? != 0,
            },
        );
    }
    let mut v = DatasetVersion {
        dataset: dataset.to_string(),
        version_id: version_id.to_string(),
        version: stated,
        previous,
        entities: entities.len(),
        ..Default::default()
    };
    let mut upserts: Vec<(&Entity, EntityFingerprint)> = Vec::new();
    for (id, e) in entities {
        let f = EntityFingerprint::of(e);
        match known.get(*id) {
            None => {
                v.added.push(id.to_string());
                upserts.push((e, f));
            }
            Some(k) if !k.listed => {
                v.added.push(id.to_string());
                upserts.push((e, f));
            }
            Some(k) if k.fingerprint != f.fingerprint || k.programs != f.programs => {
                v.changed.push(id.to_string());
                upserts.push((e, f));
            }
            Some(_) => {}
        }
    }
    for (id, k) in &known {
        if k.listed && !entities.contains_key(id.as_str()) {
            v.removed.push(id.clone());
        }
    }
    v.removed.sort();
    const COLS: usize = 5;
    for chunk in upserts.chunks(CHUNK / 2) {
        let base = COLS * chunk.len();
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                let p = COLS * i;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, 1, ${}, ${})",
                    p + 1,
                    base + 1,
                    p + 2,
                    p + 3,
                    p + 4,
                    p + 5,
                    base + 2,
                    base + 3
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO entities (id, dataset, schema_name, caption, fingerprint, programs, listed, version_id, updated_at) \
             VALUES {} ON CONFLICT (id) DO UPDATE SET dataset = excluded.dataset, schema_name = excluded.schema_name, \
             caption = excluded.caption, fingerprint = excluded.fingerprint, programs = excluded.programs, \
             listed = 1, version_id = excluded.version_id, updated_at = excluded.updated_at",
            values.join(", ")
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (e, f) in chunk {
            q = q
                .bind(e.id.as_str())
                .bind(e.schema.as_str())
                .bind(e.caption())
                .bind(f.fingerprint.as_str())
                .bind(f.programs.as_str());
        }
        q.bind(dataset)
            .bind(version_id)
            .bind(tx.at.as_str())
            .execute(&mut *tx.tx)
            .await
            .ctx("writing entities")?;
    }
    for chunk in v.removed.chunks(CHUNK) {
        let sql = format!(
            "UPDATE entities SET listed = 0, version_id = $1, updated_at = $2 WHERE id IN ({})",
            placeholders(3, chunk.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql))
            .bind(version_id)
            .bind(tx.at.as_str());
        for id in chunk {
            q = q.bind(id.as_str());
        }
        q.execute(&mut *tx.tx).await.ctx("delisting entities")?;
    }
    sqlx::query(
        "INSERT INTO list_versions (id, dataset, version, entities, registered_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(version_id)
    .bind(dataset)
    .bind(v.version.clone())
    .bind(entities.len() as i64)
    .bind(tx.at.as_str())
    .execute(&mut *tx.tx)
    .await
    .ctx("writing list versions")?;
    sqlx::query(
        "INSERT INTO datasets (name, version_id, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO UPDATE SET version_id = excluded.version_id, updated_at = excluded.updated_at",
    )
    .bind(dataset)
    .bind(version_id)
    .bind(tx.at.as_str())
    .execute(&mut *tx.tx)
    .await
    .ctx("writing datasets")?;
    Ok(v)
}

/// Flag the alerts of removed entities that still matter: open, escalated, awaiting
/// confirmation, or confirmed true matches. Cleared false positives stay closed.
async fn flag_delisted(
    tx: &mut WriteTx,
    actor: &str,
    dataset: &str,
    version_id: &str,
    removed: &[String],
) -> Result<Vec<i64>, Error> {
    let mut flagged = Vec::new();
    for chunk in removed.chunks(CHUNK) {
        let sql = format!(
            "SELECT id, entity_id, record_id, state FROM alerts WHERE entity_id IN ({}) \
             AND (state IN ('open', 'escalated', 'true_match', 'false_positive') \
                  OR (state = 'closed' AND resolution = 'true_match')) ORDER BY id",
            placeholders(1, chunk.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for id in chunk {
            q = q.bind(id.as_str());
        }
        let rows = q.fetch_all(&mut *tx.tx).await.ctx("reading alerts")?;
        for r in rows {
            let id: i64 = get(&r, "id")?;
            let state: String = get(&r, "state")?;
            let entity: String = get(&r, "entity_id")?;
            let record: String = get(&r, "record_id")?;
            sqlx::query(
                "UPDATE alerts SET state = 'delisted', state_before_delisting = $1, updated_at = $2 WHERE id = $3",
            )
            .bind(state.as_str())
            .bind(tx.at.as_str())
            .bind(id)
            .execute(&mut *tx.tx)
            .await
            .ctx("flagging delisted alerts")?;
            tx.append(
                kind::ALERT_DELISTED,
                actor,
                &format!("alert:{id}"),
                serde_json::json!({
                    "alert": id,
                    "record_id": record,
                    "entity_id": entity,
                    "dataset": dataset,
                    "version_id": version_id,
                    "state_before": state,
                }),
            )
            .await?;
            flagged.push(id);
        }
    }
    Ok(flagged)
}
