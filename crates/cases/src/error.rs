//! Errors of the case store.

/// What can go wrong; database errors keep sqlx's message, the rest name the record, alert or
/// run concerned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("store URL {0:?}: expected sqlite://PATH or postgres://USER@HOST:PORT/DB")]
    BadUrl(String),
    #[error("{context}: {source}")]
    Db {
        context: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("migrating the store: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("record {id:?}: {message}")]
    InvalidRecord { id: String, message: String },
    #[error("record {0:?} is not in the store")]
    UnknownRecord(String),
    #[error("entity {0:?} is not registered: register the lists (Store::register_lists) before recording alerts against them")]
    UnknownEntity(String),
    #[error("alert {0} does not exist")]
    UnknownAlert(i64),
    #[error("run {0:?} does not exist")]
    UnknownRun(String),
    #[error("alert {id}: {message}")]
    Decision { id: i64, message: String },
    #[error("stored data is not readable ({0}): was the database edited by hand?")]
    Corrupt(String),
    #[error("starting the store's runtime: {0}")]
    Runtime(std::io::Error),
    #[error("creating {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Attach what was being done to a database error.
pub(crate) trait DbContext<T> {
    fn ctx(self, context: &str) -> Result<T, Error>;
}

impl<T> DbContext<T> for Result<T, sqlx::Error> {
    fn ctx(self, context: &str) -> Result<T, Error> {
        self.map_err(|source| Error::Db {
            context: context.to_string(),
            source,
        })
    }
}
