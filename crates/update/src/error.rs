//! Errors of the version store and of configuration loading. Download failures and refused
//! lists are not errors of [`crate::run`]: they are the [`crate::Status`] of one list, so one
//! bad list never stops the others.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("environment variable {name}={value:?}: {message}")]
    Env {
        name: String,
        value: String,
        message: String,
    },
    #[error("{path}: {message}")]
    Store { path: PathBuf, message: String },
    #[error(transparent)]
    Source(#[from] embargo_sources::Error),
    /// Another update holds the data directory's lock ([`crate::lock`]).
    #[error("another update is running on this data directory: {holder} holds {path}; try again when it has finished")]
    Busy { path: PathBuf, holder: String },
    #[error("building the HTTP client: {0}")]
    Client(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}
