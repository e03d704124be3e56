//! One update at a time per data directory.
//!
//! Two `embargo update` runs against the same store (a cron job overlapping a manual run, two
//! servers' timers) would download the same lists twice and race to make their version current,
//! and the re-screening after each would register the same list version twice. So an update
//! holds an exclusive lock on `<root>/update.lock` from its first request to the end of its
//! re-screening; a second one fails at once, naming the holder, rather than queueing silently
//! behind a run that may take an hour.
//!
//! The lock is the operating system's (`flock` on Unix, `LockFileEx` on Windows, through
//! [`std::fs::File::try_lock`]): it is released when the holder exits, however it exits, so a
//! killed update never leaves a stale lock behind. The file's text (pid, start time) is only
//! for the message.

use crate::error::Error;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Held while an update runs; dropping it releases the lock.
#[derive(Debug)]
pub struct UpdateLock {
    file: File,
    path: PathBuf,
}

impl UpdateLock {
    /// Take the update lock of the data directory `root`, or fail with [`Error::Busy`] naming
    /// the process that holds it.
    pub fn acquire(root: &Path) -> Result<UpdateLock, Error> {
        std::fs::create_dir_all(root).map_err(Error::io(root))?;
        let path = root.join("update.lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(Error::io(&path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                return Err(Error::Busy {
                    path,
                    holder: if holder.is_empty() {
                        "another process".to_string()
                    } else {
                        holder.to_string()
                    },
                });
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&path)(e)),
        }
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let stamp = format!(
            "pid {} (started at unix time {since})\n",
            std::process::id()
        );
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(stamp.as_bytes()))
            .map_err(Error::io(&path))?;
        Ok(UpdateLock { file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for UpdateLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first makes it prompt and explicit.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_update_is_refused_while_the_first_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let first = UpdateLock::acquire(dir.path()).unwrap();
        let err = UpdateLock::acquire(dir.path()).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, Error::Busy { .. }), "{msg}");
        assert!(msg.contains("update.lock"), "{msg}");
        assert!(
            msg.contains(&format!("pid {}", std::process::id())),
            "names the holder: {msg}"
        );
        drop(first);
        let again = UpdateLock::acquire(dir.path()).expect("released on drop");
        assert_eq!(again.path(), dir.path().join("update.lock"));
    }
}
