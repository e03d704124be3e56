//! A synchronous facade over [`Store`] for the command line and other sync callers: it owns a
//! small tokio runtime and blocks on each call. Do not use it inside an async runtime (the
//! server uses [`Store`] directly).

use crate::alert::{Alert, AlertFilter, AlertState};
use crate::audit::{AuditReport, StoredEntry};
use crate::continuous::{ContinuousState, PendingRescreen};
use crate::decision::{Action, Decision};
use crate::entity::EntityFingerprint;
use crate::record::Record;
use crate::run::{BatchOutcome, NewRun, RecordResult, Run};
use crate::store::{ListsRegistered, Store, StoreUrl, StoredRecord, UpsertOutcome};
use crate::Error;
use embargo_model::ListDocument;

/// The store, blocking. Every method is the [`Store`] method of the same name.
pub struct BlockingStore {
    rt: tokio::runtime::Runtime,
    store: Store,
}

macro_rules! blocking {
    ($( fn $name:ident(&self $(, $arg:ident : $ty:ty)*) -> $ret:ty; )*) => {
        $(
            #[doc = concat!("See [`Store::", stringify!($name), "`].")]
            pub fn $name(&self $(, $arg: $ty)*) -> $ret {
                self.rt.block_on(self.store.$name($($arg),*))
            }
        )*
    };
}

impl BlockingStore {
    /// Connect and migrate.
    pub fn open(url: &StoreUrl) -> Result<BlockingStore, Error> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(Error::Runtime)?;
        let store = rt.block_on(Store::open(url))?;
        Ok(BlockingStore { rt, store })
    }

    /// The async store, e.g. to pass to [`BlockingStore::block_on`].
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Run any future on the store's runtime.
    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    blocking! {
        fn four_eyes(&self) -> Result<bool, Error>;
        fn set_four_eyes(&self, on: bool, actor: &str) -> Result<(), Error>;
        fn upsert_records(&self, records: &[Record], actor: &str) -> Result<UpsertOutcome, Error>;
        fn record(&self, id: &str) -> Result<Option<StoredRecord>, Error>;
        fn records(&self, after: Option<&str>, limit: i64, pending_only: bool) -> Result<Vec<StoredRecord>, Error>;
        fn record_counts(&self) -> Result<(i64, i64), Error>;
        fn entity_fingerprint(&self, id: &str) -> Result<Option<(EntityFingerprint, bool)>, Error>;
        fn begin_run(&self, run: &NewRun<'_>) -> Result<Run, Error>;
        fn run(&self, id: &str) -> Result<Option<Run>, Error>;
        fn runs(&self, limit: i64) -> Result<Vec<Run>, Error>;
        fn record_results(&self, run_id: &str, results: &[RecordResult]) -> Result<BatchOutcome, Error>;
        fn finish_run(&self, run_id: &str) -> Result<Run, Error>;
        fn continuous_state(&self) -> Result<ContinuousState, Error>;
        fn begin_rescreen(&self, pending: &PendingRescreen) -> Result<(), Error>;
        fn finish_rescreen(&self, run_id: &str) -> Result<Run, Error>;
        fn near_misses(&self) -> Result<std::collections::HashMap<String, Vec<(String, f64)>>, Error>;
        fn near_misses_of(&self, record_id: &str) -> Result<Vec<(String, f64)>, Error>;
        fn alerts(&self, filter: &AlertFilter) -> Result<Vec<Alert>, Error>;
        fn alert_counts(&self) -> Result<Vec<(AlertState, i64)>, Error>;
        fn alert(&self, id: i64) -> Result<Option<Alert>, Error>;
        fn decisions(&self, alert_id: i64) -> Result<Vec<Decision>, Error>;
        fn decide(&self, alert_id: i64, action: Action, analyst: &str, comment: &str) -> Result<Alert, Error>;
        fn audit_entries(&self, after_seq: i64, limit: i64) -> Result<Vec<StoredEntry>, Error>;
        fn audit_of(&self, subject: &str) -> Result<Vec<StoredEntry>, Error>;
        fn audit_head(&self) -> Result<(i64, String), Error>;
        fn verify_audit(&self) -> Result<AuditReport, Error>;
    }

    /// See [`Store::register_lists`].
    pub fn register_lists<D: std::borrow::Borrow<ListDocument>>(
        &self,
        docs: &[D],
        actor: &str,
    ) -> Result<ListsRegistered, Error> {
        self.rt.block_on(self.store.register_lists(docs, actor))
    }

    /// See [`Store::export_audit`].
    pub fn export_audit(
        &self,
        f: impl FnMut(&StoredEntry) -> std::io::Result<()>,
    ) -> Result<i64, Error> {
        self.rt.block_on(self.store.export_audit(f))
    }
}

impl Drop for BlockingStore {
    fn drop(&mut self) {
        // Close the pool on our runtime so SQLite checkpoints and connections end cleanly.
        self.rt.block_on(self.store.close());
    }
}
