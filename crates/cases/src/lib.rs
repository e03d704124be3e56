//! The case store: screened records, alerts, four-eyes decisions and a hash-chained audit
//! trail, on embedded SQLite (the default) or PostgreSQL (for a server), with the same SQL and
//! the same migrations on both (sqlx's `Any` driver).
//!
//! A compliance team screens its customer base once, then re-screens it when a list changes,
//! reviews every alert with four eyes, never sees a cleared false alert again unless something
//! changed, and proves afterwards what was screened against which list version. This crate
//! keeps that state; the matcher never knows about it.
//!
//! # The API, in the order a screening uses it
//!
//! | step | async [`Store`] / sync [`BlockingStore`] |
//! |---|---|
//! | open (creates and migrates) | [`Store::open`]`(&"sqlite://cases.db".parse()?)` |
//! | store customer records | [`Store::upsert_records`] → inserted / updated / unchanged |
//! | register the lists screened against | [`Store::register_lists`] → list version, added / changed / removed entity ids, alerts flagged `delisted` |
//! | start a run | [`Store::begin_run`]`(&NewRun { kind, list_version, config, .. })` |
//! | read records to screen | [`Store::records`]`(after, limit, pending_only)` (keyset pages) |
//! | screen them | [`screen::screen_records`] (or your own `Index::search` → [`RecordResult`]) |
//! | record alerts | [`Store::record_results`] → raised / suppressed / already alerted |
//! | finish | [`Store::finish_run`] |
//! | re-screen after an update | [`Store::continuous_state`], [`Store::begin_rescreen`], [`Store::near_misses`], [`Store::finish_rescreen`] (driven by `embargo_rescreen::continuous`) |
//! | review | [`Store::alerts`], [`Store::alert`], [`Store::decisions`], [`Store::decide`] |
//! | audit | [`Store::verify_audit`], [`Store::export_audit`], [`Store::audit_of`] |
//!
//! Every write is one transaction together with its audit entries: a process killed in the
//! middle leaves either all of a batch or none of it. Re-running is safe: unchanged records
//! are a no-op, a run started with the same id continues, a batch of results recorded twice
//! changes nothing.
//!
//! # Alerts and suppression
//!
//! An alert is a record × listed entity at or above the threshold, with score, explanation,
//! list version, engine version and configuration hash. A hit is raised only when the pair has
//! no alert yet ([`Reason::New`]) or when the record ([`Reason::RecordChanged`]) or the entity
//! ([`Reason::EntityChanged`]: names, aliases, birth dates, countries, identifiers, programmes)
//! changed since its latest alert; a confirmed false positive on an unchanged pair is
//! suppressed. Fingerprints: [`Record::fingerprint`], [`EntityFingerprint::of`].
//!
//! # Example
//!
//! ```
//! use embargo_cases::{BlockingStore, NewRun, Record, RunKind, screen::screen_records, Action};
//! use embargo_matcher::{Index, MatchConfig};
//! use embargo_model::{Entity, EntityId, ListDocument, NameKind, Schema};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let url = format!("sqlite://{}", dir.path().join("cases.db").display()).parse().unwrap();
//! let store = BlockingStore::open(&url).unwrap();
//!
//! let mut kim = Entity::new(EntityId::new("un", "KPi.066"), Schema::Person, "un", "KPi.066");
//! kim.add_name("KIM JONG SIK", NameKind::Primary);
//! let list = ListDocument { dataset: "un".into(), entities: vec![kim], ..Default::default() };
//! let lists = store.register_lists(std::slice::from_ref(&list), "ana").unwrap();
//!
//! let rec = Record { id: "c1".into(), schema: Some(Schema::Person), names: vec!["Kim Jong Sik".into()],
//!     birth_dates: vec![], countries: vec![], gender: None, identifiers: vec![] };
//! store.upsert_records(&[rec], "ana").unwrap();
//!
//! let config = MatchConfig::default();
//! let run = store.begin_run(&NewRun { id: None, kind: RunKind::Import, actor: "ana",
//!     list_version: &lists.list_version, config: &config }).unwrap();
//! let index = Index::build(&[list]);
//! let pending = store.records(None, 1000, true).unwrap();
//! let out = store.record_results(&run.id, &screen_records(&index, &config, &pending)).unwrap();
//! store.finish_run(&run.id).unwrap();
//! assert_eq!(out.raised.len(), 1);
//!
//! let id = out.raised[0];
//! store.decide(id, Action::FalsePositive, "ana", "other person: born 1990").unwrap();
//! assert!(store.decide(id, Action::Confirm, "ana", "").is_err()); // four eyes
//! store.decide(id, Action::Confirm, "bob", "").unwrap();
//! assert!(store.verify_audit().unwrap().is_ok());
//! ```

pub mod alert;
pub mod audit;
pub mod blocking;
pub mod canonical;
pub mod continuous;
pub mod decision;
pub mod entity;
pub mod error;
pub mod record;
pub mod run;
pub mod screen;
pub mod store;
#[doc(hidden)]
pub mod test_database;

pub use alert::{Alert, AlertFilter, AlertState, Reason, Verdict};
pub use audit::{AuditProblem, AuditReport};
pub use blocking::BlockingStore;
pub use continuous::{ContinuousState, PendingRescreen};
pub use decision::{Action, Decision};
pub use entity::EntityFingerprint;
pub use error::Error;
pub use record::Record;
pub use run::{
    config_hash, BatchOutcome, Candidate, NearMiss, NewRun, RecordResult, Run, RunKind,
    ENGINE_VERSION, NEAR_MISSES_PER_RECORD,
};
pub use store::{DatasetVersion, ListsRegistered, Store, StoreUrl, StoredRecord, UpsertOutcome};
