//! The version store: every accepted version of a list, content-addressed, and an atomic
//! "current" pointer that `embargo screen` follows.
//!
//! Layout under the data directory:
//!
//! ```text
//! lists/<list>                        symlink → ../versions/<list>/<hash>/data[/<file>]  (current)
//! versions/<list>/<hash>/manifest.json  what the version is: files, URLs, validators, counts
//! versions/<list>/<hash>/data/<file>…   the bytes as published
//! versions/<list>/previous            symlink → <hash>  (the version current replaced)
//! versions/<list>/.staging-<pid>-<n>/ a download in progress, never read by anything else
//! ```
//!
//! Why symlinks: `lists/<list>` is what commands read when no `--list` is given, so the pointer
//! *is* the path. Swapping it is one `rename(2)` of a freshly made symlink over the old one
//! (atomic on POSIX), followed by an fsync of the directory: a reader sees the old version or
//! the new one, never a mix, and a crash at any point leaves a complete version current. The
//! previous pointer is written before the current one moves, so after a crash between the two
//! it names the current version, which is harmless.
//!
//! The hash of a one-file version is the SHA-256 of its bytes (what `sha256sum` prints); a
//! multi-file version (OFAC's CSV set) is one version whose hash is the SHA-256 of the
//! `sha256sum`-style listing `<sha256>  <file>\n` of its files sorted by name.

use crate::Error;
use embargo_model::ListDocument;
use embargo_sources::Format;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// One stored version of one list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Version {
    pub list: String,
    /// 64 lower-case hex digits; see the module documentation.
    pub hash: String,
}

impl Version {
    /// The first 12 hex digits, enough to tell versions apart in messages.
    pub fn short(&self) -> &str {
        &self.hash[..12.min(self.hash.len())]
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.list, self.short())
    }
}

/// What a stored version is; `manifest.json` in its folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub list: String,
    pub version: String,
    /// When the bytes were downloaded, RFC 3339 UTC.
    pub fetched_at: String,
    /// The `--input-format` name the list was validated with; detected when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The dataset the reader reported (`un`, `ofac-sdn`…).
    pub dataset: String,
    /// The version the source itself states (UN `dateGenerated`), when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_version: Option<String>,
    /// Screened entities read from it.
    pub entities: usize,
    /// Warning-level problems met reading it (error-level ones refuse a version, unless allowed).
    pub warnings: usize,
    pub errors: usize,
    pub files: Vec<FileManifest>,
}

/// One file of a version, with the HTTP validators that make the next request conditional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileManifest {
    pub file: String,
    pub url: String,
    pub sha256: String,
    pub bytes: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Manifest {
    /// The ETag stored for one file, when the server sent one.
    pub fn etag_of(&self, file: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.file == file)
            .and_then(|f| f.etag.as_deref())
    }
}

/// The version hash of a set of files (see the module documentation).
pub fn version_hash(files: &[FileManifest]) -> String {
    if let [one] = files {
        return one.sha256.clone();
    }
    let mut sorted: Vec<&FileManifest> = files.iter().collect();
    sorted.sort_by(|a, b| a.file.cmp(&b.file));
    let mut h = Sha256::new();
    for f in sorted {
        h.update(format!("{}  {}\n", f.sha256, f.file).as_bytes());
    }
    hex::encode(h.finalize())
}

/// The store under one data directory.
#[derive(Clone, Debug)]
pub struct Store {
    root: PathBuf,
}

/// A download in progress: a private folder that becomes a version on [`Store::commit`] and is
/// removed when dropped otherwise (a failed or refused download leaves nothing behind).
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    list: String,
    committed: bool,
}

impl Staging {
    /// Where the files go: `<staging>/data/`.
    pub fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// The path to read as a list: the folder for several files, else the one file.
    pub fn payload(&self, files: &[FileManifest]) -> PathBuf {
        payload_in(&self.data(), files)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn payload_in(data: &Path, files: &[FileManifest]) -> PathBuf {
    match files {
        [one] => data.join(&one.file),
        _ => data.to_path_buf(),
    }
}

fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

static STAGING_SEQ: AtomicU64 = AtomicU64::new(0);

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Store { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `<root>/lists`: what commands read when no `--list` is given.
    pub fn lists_dir(&self) -> PathBuf {
        self.root.join("lists")
    }

    fn list_dir(&self, list: &str) -> PathBuf {
        self.root.join("versions").join(list)
    }

    /// The folder of a version.
    pub fn version_dir(&self, v: &Version) -> PathBuf {
        self.list_dir(&v.list).join(&v.hash)
    }

    /// The lists that have stored versions, sorted.
    pub fn lists(&self) -> Result<Vec<String>, Error> {
        let dir = self.root.join("versions");
        let rd = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&dir)(e)),
        };
        let mut out: Vec<String> = rd
            .flatten()
            .filter(|e| e.path().is_dir())
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect();
        out.sort();
        Ok(out)
    }

    /// The current version of a list, from its `lists/<list>` pointer. A `lists/<list>` that is
    /// not a pointer made by the store (a file put there by hand) is an error, so that an update
    /// never overwrites it.
    pub fn current(&self, list: &str) -> Result<Option<Version>, Error> {
        let link = self.lists_dir().join(list);
        let target = match fs::read_link(&link) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) if link.exists() => {
                return Err(Error::Store {
                    path: link,
                    message: format!(
                        "not a version pointer made by `embargo update` ({e}); move it away to let the update manage this list"
                    ),
                })
            }
            Err(e) => return Err(Error::io(&link)(e)),
        };
        let parts: Vec<String> = target
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match parts.as_slice() {
            [up, versions, l, hash, data, ..]
                if up == ".." && versions == "versions" && l == list && is_hash(hash) && data == "data" =>
            {
                Ok(Some(Version {
                    list: list.to_string(),
                    hash: hash.clone(),
                }))
            }
            _ => Err(Error::Store {
                path: link,
                message: format!(
                    "points to {}, not to a stored version; move it away to let the update manage this list",
                    target.display()
                ),
            }),
        }
    }

    /// The version the current one replaced, kept for diffs and delta screening.
    pub fn previous(&self, list: &str) -> Result<Option<Version>, Error> {
        let link = self.list_dir(list).join("previous");
        match fs::read_link(&link) {
            Ok(t) => {
                let hash = t.to_string_lossy().into_owned();
                if !is_hash(&hash) {
                    return Err(Error::Store {
                        path: link,
                        message: format!("names {hash:?}, not a version hash"),
                    });
                }
                Ok(Some(Version {
                    list: list.to_string(),
                    hash,
                }))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&link)(e)),
        }
    }

    pub fn manifest(&self, v: &Version) -> Result<Manifest, Error> {
        let path = self.version_dir(v).join("manifest.json");
        let text = fs::read(&path).map_err(Error::io(&path))?;
        serde_json::from_slice(&text).map_err(|e| Error::Store {
            path,
            message: format!("unreadable manifest: {e}"),
        })
    }

    /// The path to read a version from (a file, or the folder of a multi-file version).
    pub fn payload(&self, v: &Version, manifest: &Manifest) -> PathBuf {
        payload_in(&self.version_dir(v).join("data"), &manifest.files)
    }

    /// Read a stored version with the format it was validated with.
    pub fn read(&self, v: &Version) -> Result<ListDocument, Error> {
        let m = self.manifest(v)?;
        let format = m.format.as_deref().and_then(Format::parse);
        Ok(embargo_sources::read_list(&self.payload(v, &m), format)?)
    }

    /// Start a download for a list. Staging folders of processes that no longer run (killed
    /// mid-download) are removed first.
    pub fn stage(&self, list: &str) -> Result<Staging, Error> {
        let dir = self.list_dir(list);
        fs::create_dir_all(&dir).map_err(Error::io(&dir))?;
        self.remove_stale_staging(&dir);
        let name = format!(
            ".staging-{}-{}",
            std::process::id(),
            STAGING_SEQ.fetch_add(1, Ordering::Relaxed)
        );
        let staging = Staging {
            dir: dir.join(name),
            list: list.to_string(),
            committed: false,
        };
        let data = staging.data();
        let _ = fs::remove_dir_all(&staging.dir);
        fs::create_dir_all(&data).map_err(Error::io(&data))?;
        Ok(staging)
    }

    fn remove_stale_staging(&self, dir: &Path) {
        let Ok(rd) = fs::read_dir(dir) else { return };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(rest) = name.strip_prefix(".staging-") else {
                continue;
            };
            let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
            let alive = match pid {
                Some(p) if p == std::process::id() => true,
                Some(p) => Path::new("/proc").join(p.to_string()).exists(),
                None => false,
            };
            if !alive {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }

    /// Turn a staged download into a stored version: write its manifest, flush everything to
    /// disk, and rename the folder to its hash. A version already stored (a list that went back
    /// to an earlier content) is reused as it is.
    pub fn commit(&self, mut staging: Staging, manifest: &Manifest) -> Result<Version, Error> {
        let v = Version {
            list: staging.list.clone(),
            hash: manifest.version.clone(),
        };
        if !is_hash(&v.hash) || manifest.list != v.list {
            return Err(Error::Store {
                path: staging.dir.clone(),
                message: format!(
                    "manifest of {} does not match the staged list {}",
                    v, staging.list
                ),
            });
        }
        let target = self.version_dir(&v);
        if target.join("manifest.json").exists() {
            return Ok(v);
        }
        write_atomic(
            &staging.dir.join("manifest.json"),
            &serde_json::to_vec_pretty(manifest).expect("a manifest serialises"),
        )?;
        let data = staging.data();
        for f in &manifest.files {
            let p = data.join(&f.file);
            fs::File::open(&p)
                .and_then(|f| f.sync_all())
                .map_err(Error::io(&p))?;
        }
        sync_dir(&data)?;
        sync_dir(&staging.dir)?;
        if target.exists() {
            // A folder without a manifest is left from an interrupted commit of the same bytes
            // (renames are atomic, so this only happens if it was made by hand): replace it.
            fs::remove_dir_all(&target).map_err(Error::io(&target))?;
        }
        fs::rename(&staging.dir, &target).map_err(Error::io(&target))?;
        staging.committed = true;
        sync_dir(&self.list_dir(&v.list))?;
        Ok(v)
    }

    /// Make `v` current: the old current becomes `previous`, then `lists/<list>` is swapped.
    pub fn set_current(&self, v: &Version) -> Result<(), Error> {
        let manifest = self.manifest(v)?;
        let old = self.current(&v.list)?;
        let list_dir = self.list_dir(&v.list);
        if let Some(old) = old.filter(|o| o != v) {
            swap_symlink(&list_dir, Path::new(&old.hash), &list_dir.join("previous"))?;
        }
        let lists = self.lists_dir();
        fs::create_dir_all(&lists).map_err(Error::io(&lists))?;
        let mut target = PathBuf::from("..");
        target.push("versions");
        target.push(&v.list);
        target.push(&v.hash);
        target.push("data");
        if let [one] = manifest.files.as_slice() {
            target.push(&one.file);
        }
        swap_symlink(&list_dir, &target, &lists.join(&v.list))
    }

    /// Replace the manifest of a stored version (new HTTP validators for the same bytes).
    pub fn rewrite_manifest(&self, v: &Version, manifest: &Manifest) -> Result<(), Error> {
        write_atomic(
            &self.version_dir(v).join("manifest.json"),
            &serde_json::to_vec_pretty(manifest).expect("a manifest serialises"),
        )
    }
}

/// Write a file so that readers see the old content or the whole new one: temp file in the same
/// folder, fsync, rename, fsync of the folder.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let mut f = fs::File::create(&tmp).map_err(Error::io(&tmp))?;
    f.write_all(bytes).map_err(Error::io(&tmp))?;
    f.sync_all().map_err(Error::io(&tmp))?;
    drop(f);
    fs::rename(&tmp, path).map_err(Error::io(path))?;
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> Result<(), Error> {
    fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(Error::io(dir))
}

/// Point `link` at `target` atomically: a new symlink made in `scratch` (a folder on the same
/// file system that commands do not list), renamed over `link`, then the folder synced.
#[cfg(unix)]
fn swap_symlink(scratch: &Path, target: &Path, link: &Path) -> Result<(), Error> {
    let name = link.file_name().unwrap_or_default().to_string_lossy();
    let tmp = scratch.join(format!(".{name}.link-{}", std::process::id()));
    let _ = fs::remove_file(&tmp);
    std::os::unix::fs::symlink(target, &tmp).map_err(Error::io(&tmp))?;
    fs::rename(&tmp, link).map_err(Error::io(link))?;
    sync_dir(link.parent().unwrap_or(Path::new(".")))
}

#[cfg(not(unix))]
fn swap_symlink(_scratch: &Path, _target: &Path, link: &Path) -> Result<(), Error> {
    Err(Error::Store {
        path: link.to_path_buf(),
        message: "the version store needs symbolic links (Unix)".into(),
    })
}

/// `SystemTime` as RFC 3339 UTC (`2026-11-29T03:21:37Z`), for manifests.
pub fn rfc3339(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn file(name: &str, content: &[u8]) -> FileManifest {
        FileManifest {
            file: name.into(),
            url: format!("http://127.0.0.1/{name}"),
            sha256: hex::encode(Sha256::digest(content)),
            bytes: content.len() as u64,
            etag: None,
            last_modified: None,
        }
    }

    fn manifest(list: &str, files: Vec<FileManifest>) -> Manifest {
        Manifest {
            list: list.into(),
            version: version_hash(&files),
            fetched_at: rfc3339(std::time::SystemTime::now()),
            format: Some("ftm".into()),
            dataset: list.into(),
            source_version: None,
            entities: 1,
            warnings: 0,
            errors: 0,
            files,
        }
    }

    const ONE: &[u8] = br#"{"id":"a","schema":"Person","properties":{"name":["A"]}}
"#;
    const TWO: &[u8] = br#"{"id":"b","schema":"Person","properties":{"name":["B"]}}
"#;

    fn store_version(store: &Store, list: &str, name: &str, content: &[u8]) -> Version {
        let staging = store.stage(list).unwrap();
        fs::write(staging.data().join(name), content).unwrap();
        let m = manifest(list, vec![file(name, content)]);
        let v = store.commit(staging, &m).unwrap();
        store.set_current(&v).unwrap();
        v
    }

    #[test]
    fn hashes() {
        // One file: sha256 of its bytes, as sha256sum prints it.
        assert_eq!(
            version_hash(&[file("x", b"abc")]),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // Several: independent of order.
        let a = version_hash(&[file("sdn.csv", b"1"), file("alt.csv", b"2")]);
        let b = version_hash(&[file("alt.csv", b"2"), file("sdn.csv", b"1")]);
        assert_eq!(a, b);
        assert_ne!(
            a,
            version_hash(&[file("sdn.csv", b"1"), file("alt.csv", b"3")])
        );
    }

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_secs(1_709_251_199)),
            "2024-02-29T23:59:59Z"
        );
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "2000-02-29T00:00:00Z"
        );
    }

    #[test]
    fn commit_and_swap() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        assert_eq!(store.current("t").unwrap(), None);
        let v1 = store_version(&store, "t", "list.ftm.json", ONE);
        assert_eq!(store.current("t").unwrap(), Some(v1.clone()));
        assert_eq!(store.previous("t").unwrap(), None);
        // The pointer is the path commands read.
        let read = embargo_sources::read_list(&store.lists_dir().join("t"), None).unwrap();
        assert_eq!(read.entities[0].id.as_str(), "a");
        let v2 = store_version(&store, "t", "list.ftm.json", TWO);
        assert_eq!(store.current("t").unwrap(), Some(v2.clone()));
        assert_eq!(store.previous("t").unwrap(), Some(v1.clone()));
        assert_eq!(store.read(&v1).unwrap().entities[0].id.as_str(), "a");
        assert_eq!(store.read(&v2).unwrap().entities[0].id.as_str(), "b");
        // Going back to an earlier content reuses its folder.
        let v1b = store_version(&store, "t", "list.ftm.json", ONE);
        assert_eq!(v1b, v1);
        assert_eq!(store.previous("t").unwrap(), Some(v2));
        assert_eq!(store.lists().unwrap(), ["t"]);
        // Nothing but the pointer in lists/.
        let names: Vec<_> = fs::read_dir(store.lists_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["t"]);
    }

    #[test]
    fn dropped_staging_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        let s = store.stage("t").unwrap();
        fs::write(s.data().join("x"), b"partial").unwrap();
        let dir = s.dir.clone();
        drop(s);
        assert!(!dir.exists());
        // A staging folder of a dead process is cleared by the next stage.
        let dead = tmp.path().join("versions/t/.staging-4000000000-0");
        fs::create_dir_all(&dead).unwrap();
        let _s = store.stage("t").unwrap();
        assert!(!dead.exists());
    }

    #[test]
    fn hand_placed_list_is_not_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        fs::create_dir_all(store.lists_dir()).unwrap();
        fs::write(store.lists_dir().join("t"), ONE).unwrap();
        let e = store.current("t").unwrap_err().to_string();
        assert!(e.contains("not a version pointer"), "{e}");
    }
}
