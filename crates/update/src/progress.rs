//! What an update reports while it runs. The library draws nothing: the CLI shows an indicatif
//! bar on a terminal, a service may log, tests ignore it ([`NoProgress`]).

use std::time::Duration;

/// Callbacks of a running update, called from the updating thread. Every method has an empty
/// default, so an implementation picks what it shows.
pub trait Progress: Sync {
    /// A list starts: `files` files to fetch.
    fn list_started(&self, _list: &str, _files: usize) {}
    /// A response with a body arrived; `total` is its length when the server sent one.
    fn download_started(&self, _list: &str, _file: &str, _total: Option<u64>) {}
    /// More bytes of the current body were written.
    fn advanced(&self, _bytes: u64) {}
    /// The current file is complete (`not_modified`: the server answered 304).
    fn download_finished(&self, _list: &str, _file: &str, _not_modified: bool) {}
    /// An attempt failed and another follows after `wait`.
    fn retrying(&self, _list: &str, _file: &str, _attempt: u32, _wait: Duration, _error: &str) {}
    /// The downloaded version is being read and checked.
    fn validating(&self, _list: &str) {}
    /// The new version is stored (complete, flushed) and about to become current.
    fn stored(&self, _list: &str, _version: &crate::Version) {}
}

/// Reports nothing.
pub struct NoProgress;

impl Progress for NoProgress {}
