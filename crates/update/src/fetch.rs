//! HTTP downloads: conditional requests, retries with exponential backoff, timeouts, and a
//! body written to disk while it is hashed.

use crate::progress::Progress;
use crate::store::FileManifest;
use crate::UpdateConfig;
use reqwest::blocking::Client;
use reqwest::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::StatusCode;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

/// Longest wait between two attempts, however many retries are configured.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// What a successful fetch gave.
#[derive(Debug)]
pub(crate) enum Fetched {
    /// 304: the copy we hold (whose validators were sent) is current.
    NotModified,
    /// A body, written to the destination in full.
    Downloaded(FileManifest),
}

/// Why one attempt failed, and whether another may succeed.
enum Attempt {
    /// Timeouts, broken connections, truncated bodies, 5xx and 429.
    Retry(String),
    /// Anything another attempt would repeat (404, 403, a bad URL, a local write error).
    Fatal(String),
}

pub(crate) struct Fetcher {
    client: Client,
    retries: u32,
    backoff: Duration,
}

impl Fetcher {
    pub(crate) fn new(config: &UpdateConfig) -> Result<Self, reqwest::Error> {
        // The blocking client's timeout bounds the wait for the response and for each read of
        // the body: a stalled server fails, a large file on a slow line does not.
        let client = Client::builder()
            .user_agent(config.user_agent.clone())
            .timeout(config.timeout())
            .connect_timeout(config.connect_timeout())
            .build()?;
        Ok(Fetcher {
            client,
            retries: config.retries,
            backoff: Duration::from_millis(config.backoff_ms),
        })
    }

    /// GET `url` into `dest`. `known` is the copy of this file in the current version: its
    /// ETag and Last-Modified make the request conditional.
    pub(crate) fn fetch(
        &self,
        list: &str,
        file: &str,
        url: &str,
        dest: &Path,
        known: Option<&FileManifest>,
        progress: &dyn Progress,
    ) -> Result<Fetched, String> {
        let mut attempt: u32 = 0;
        loop {
            match self.attempt(list, file, url, dest, known, progress) {
                Ok(f) => return Ok(f),
                Err(Attempt::Fatal(e)) => return Err(e),
                Err(Attempt::Retry(e)) => {
                    if attempt >= self.retries {
                        let n = attempt + 1;
                        return Err(format!(
                            "{e} (after {n} attempt{})",
                            if n == 1 { "" } else { "s" }
                        ));
                    }
                    let wait = self
                        .backoff
                        .saturating_mul(2u32.saturating_pow(attempt))
                        .min(MAX_BACKOFF);
                    attempt += 1;
                    progress.retrying(list, file, attempt, wait, &e);
                    std::thread::sleep(wait);
                }
            }
        }
    }

    fn attempt(
        &self,
        list: &str,
        file: &str,
        url: &str,
        dest: &Path,
        known: Option<&FileManifest>,
        progress: &dyn Progress,
    ) -> Result<Fetched, Attempt> {
        let mut req = self.client.get(url);
        if let Some(k) = known {
            if let Some(e) = &k.etag {
                req = req.header(IF_NONE_MATCH, e);
            }
            if let Some(lm) = &k.last_modified {
                req = req.header(IF_MODIFIED_SINCE, lm);
            }
        }
        let mut resp = req.send().map_err(|e| {
            let msg = format!("GET {url}: {}", error_chain(&e));
            if e.is_builder() || e.is_redirect() {
                Attempt::Fatal(msg)
            } else {
                Attempt::Retry(msg)
            }
        })?;
        let status = resp.status();
        if status == StatusCode::NOT_MODIFIED {
            return if known.is_some() {
                progress.download_finished(list, file, true);
                Ok(Fetched::NotModified)
            } else {
                Err(Attempt::Fatal(format!(
                    "GET {url}: 304 Not Modified to a request that was not conditional"
                )))
            };
        }
        if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
            return Err(Attempt::Retry(format!("GET {url}: HTTP {status}")));
        }
        if !status.is_success() {
            return Err(Attempt::Fatal(format!("GET {url}: HTTP {status}")));
        }
        let header = |name| {
            resp.headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        let etag = header(ETAG);
        let last_modified = header(LAST_MODIFIED);
        let total = resp.content_length();
        progress.download_started(list, file, total);
        let mut out = std::fs::File::create(dest)
            .map_err(|e| Attempt::Fatal(format!("{}: {e}", dest.display())))?;
        let mut hasher = Sha256::new();
        let mut bytes: u64 = 0;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match resp.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(Attempt::Retry(format!(
                        "GET {url}: transfer broken after {bytes} bytes: {}",
                        error_chain(&e)
                    )))
                }
            };
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])
                .map_err(|e| Attempt::Fatal(format!("{}: {e}", dest.display())))?;
            bytes += n as u64;
            progress.advanced(n as u64);
        }
        if let Some(t) = total {
            if bytes != t {
                return Err(Attempt::Retry(format!(
                    "GET {url}: truncated body, {bytes} of {t} bytes"
                )));
            }
        }
        out.sync_all()
            .map_err(|e| Attempt::Fatal(format!("{}: {e}", dest.display())))?;
        progress.download_finished(list, file, false);
        Ok(Fetched::Downloaded(FileManifest {
            file: file.to_string(),
            url: url.to_string(),
            sha256: hex::encode(hasher.finalize()),
            bytes,
            etag,
            last_modified,
        }))
    }
}

/// An error with its causes (`error sending request: connection refused`), since reqwest's
/// top-level message alone rarely says what happened.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let m = c.to_string();
        if !s.contains(&m) {
            s.push_str(": ");
            s.push_str(&m);
        }
        cur = c.source();
    }
    s
}
