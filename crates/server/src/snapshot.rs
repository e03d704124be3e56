//! What the service screens against at one moment: the loaded lists and the index built over
//! them. A snapshot never changes; a reload builds a new one and swaps it in whole
//! ([`crate::state::AppState`]), so a query sees one version from start to end.

use crate::clock::format_rfc3339;
use embargo_matcher::Index;
use embargo_model::{Entity, ListDocument};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

/// What is known about one loaded list.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ListInfo {
    /// The dataset name (`un`, `ofac-sdn`, `us-csl`…).
    pub dataset: String,
    /// The version the list states, when it does.
    pub version: Option<String>,
    /// The format it was read as.
    pub format: String,
    /// SHA-256 of the file (or of the folder's files, in name order), hex.
    pub sha256: String,
    /// Screened entities in the list as read (before linking across lists).
    pub entities: usize,
    /// Records that could not be read.
    pub errors: usize,
    /// Whether the list is part of the `sanctions` collection.
    pub sanctions: bool,
    /// When this version was loaded (RFC 3339).
    pub loaded_at: String,
    #[serde(skip)]
    pub loaded: SystemTime,
    #[serde(skip)]
    pub path: PathBuf,
}

/// A list as read, kept so that a later reload that refuses a new version of it can reuse it.
#[derive(Clone, Debug)]
pub struct LoadedList {
    pub info: ListInfo,
    pub doc: Arc<ListDocument>,
}

/// When the service first saw an entity and when it last saw it change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EntityTimes {
    pub first_seen: SystemTime,
    pub last_change: SystemTime,
    pub fingerprint: u64,
}

/// A set of datasets a request is scoped to.
#[derive(Clone, Debug, PartialEq)]
pub enum Scope {
    All,
    Lists(HashSet<String>),
}

impl Scope {
    pub fn contains(&self, datasets: &[String]) -> bool {
        match self {
            Scope::All => true,
            Scope::Lists(l) => datasets.iter().any(|d| l.contains(d)),
        }
    }
}

/// One immutable version of the service's data.
pub struct Snapshot {
    /// Increases by one with every swapped-in index.
    pub version: u64,
    pub built_at: SystemTime,
    pub lists: Vec<LoadedList>,
    pub index: Index,
    by_id: HashMap<String, u32>,
    referents: HashMap<String, u32>,
    times: Vec<EntityTimes>,
    sanctions: HashSet<String>,
}

/// Content fingerprint of an entity, to tell whether it changed between two loads.
pub fn fingerprint(e: &Entity) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match serde_json::to_vec(e) {
        Ok(bytes) => bytes.hash(&mut h),
        Err(_) => e.id.hash(&mut h),
    }
    h.finish()
}

/// The other ids an entity is known by: its references in other lists (`us-csl:…` for an SDN
/// entry the CSL repeats). `/entities/{referent}` redirects to the entity.
pub fn referents(e: &Entity) -> Vec<String> {
    let mut out: Vec<String> = e
        .sources
        .iter()
        .skip(1)
        .map(|s| format!("{}:{}", s.list, s.source_id))
        .filter(|r| r != e.id.as_str())
        .collect();
    out.sort();
    out.dedup();
    out
}

impl Snapshot {
    /// Build the index over `lists` (linking entities across them), carrying first-seen and
    /// last-change times over from `previous`.
    pub fn build(version: u64, lists: Vec<LoadedList>, previous: Option<&Snapshot>) -> Snapshot {
        let mut docs: Vec<ListDocument> = lists.iter().map(|l| (*l.doc).clone()).collect();
        embargo_sources::link::link_documents(&mut docs);
        let index = Index::build(&docs);
        drop(docs);
        let now = SystemTime::now();
        let mut by_id = HashMap::with_capacity(index.len());
        let mut refs = HashMap::new();
        let mut times = Vec::with_capacity(index.len());
        for (i, e) in index.entities().iter().enumerate() {
            by_id.insert(e.id.to_string(), i as u32);
            for r in referents(e) {
                refs.entry(r).or_insert(i as u32);
            }
            let fp = fingerprint(e);
            let t = previous
                .and_then(|p| p.times_of(e.id.as_str()))
                .map(|old| EntityTimes {
                    first_seen: old.first_seen,
                    last_change: if old.fingerprint == fp {
                        old.last_change
                    } else {
                        now
                    },
                    fingerprint: fp,
                })
                .unwrap_or(EntityTimes {
                    first_seen: now,
                    last_change: now,
                    fingerprint: fp,
                });
            times.push(t);
        }
        let sanctions = lists
            .iter()
            .filter(|l| l.info.sanctions)
            .map(|l| l.info.dataset.clone())
            .collect();
        Snapshot {
            version,
            built_at: now,
            lists,
            index,
            by_id,
            referents: refs,
            times,
            sanctions,
        }
    }

    fn times_of(&self, id: &str) -> Option<EntityTimes> {
        self.by_id.get(id).map(|&i| self.times[i as usize])
    }

    /// Position of an entity by id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|&i| i as usize)
    }

    /// The canonical entity a referent id was merged into.
    pub fn referent(&self, id: &str) -> Option<usize> {
        self.referents.get(id).map(|&i| i as usize)
    }

    pub fn entity(&self, pos: usize) -> &Entity {
        &self.index.entities()[pos]
    }

    pub fn times(&self, pos: usize) -> EntityTimes {
        self.times[pos]
    }

    /// The dataset names of the loaded lists.
    pub fn list_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.lists.iter().map(|l| l.info.dataset.clone()).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Lists of the `sanctions` collection.
    pub fn sanctions_lists(&self) -> Vec<String> {
        let mut v: Vec<String> = self.sanctions.iter().cloned().collect();
        v.sort();
        v
    }

    /// Resolve a dataset name of a request: a loaded list, `default` (all) or `sanctions`.
    pub fn scope(&self, dataset: &str) -> Option<Scope> {
        match dataset {
            "default" | "all" => Some(Scope::All),
            "sanctions" => Some(Scope::Lists(self.sanctions.clone())),
            d if self.lists.iter().any(|l| l.info.dataset == d) => {
                Some(Scope::Lists(std::iter::once(d.to_string()).collect()))
            }
            _ => None,
        }
    }

    /// Topics of an entity in OpenSanctions' vocabulary: `sanction` for entities on a
    /// sanctions list, plus the topics the list itself gives (FtM `topics`).
    pub fn topics(&self, e: &Entity) -> Vec<String> {
        let mut t: Vec<String> = e.extra.get("topics").cloned().unwrap_or_default();
        if e.sources.iter().any(|s| self.sanctions.contains(&s.list)) {
            t.push("sanction".to_string());
        }
        t.sort();
        t.dedup();
        t
    }

    /// The age of the oldest loaded list version, in seconds.
    pub fn list_ages(&self) -> Vec<(String, f64)> {
        let now = SystemTime::now();
        self.lists
            .iter()
            .map(|l| {
                (
                    l.info.dataset.clone(),
                    now.duration_since(l.info.loaded)
                        .map(|d| d.as_secs_f64())
                        .unwrap_or(0.0),
                )
            })
            .collect()
    }

    pub fn built_at_rfc3339(&self) -> String {
        format_rfc3339(self.built_at)
    }
}
