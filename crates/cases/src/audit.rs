//! The audit trail: an append-only, hash-chained log of everything that changes a case.
//!
//! Each entry is canonical JSON (see [`crate::canonical`]) of
//! `{seq, at, kind, actor, subject, data}`; its hash is `sha256(previous hash ‖ entry)`, the
//! first entry's previous hash being 64 zeros. The store keeps the last sequence number and
//! hash in a head row that every write transaction updates, so:
//! - an edited entry no longer matches its hash;
//! - a deleted entry leaves a gap in the sequence and breaks the next entry's link;
//! - an inserted or moved entry carries a sequence number that is not its place, or breaks a
//!   link;
//! - entries deleted at the end disagree with the head.
//!
//! Whoever can rewrite the whole database can rewrite the whole chain: publish or archive the
//! head hash that [`verify`] reports (e.g. daily) to anchor it outside the store.
//!
//! ```
//! use embargo_cases::audit::{entry_text, chain_hash, verify, StoredEntry, GENESIS};
//! let e1 = entry_text(1, "2026-01-01T00:00:00.000Z", "configuration_changed", "ana", "settings", &serde_json::json!({"four_eyes": true}));
//! let h1 = chain_hash(GENESIS, &e1);
//! let rows = vec![StoredEntry { seq: 1, subject: "settings".into(), entry: e1, prev_hash: GENESIS.into(), hash: h1.clone() }];
//! assert!(verify(&rows, (1, &h1)).is_ok());
//! let mut edited = rows.clone();
//! edited[0].entry = edited[0].entry.replace("true", "false");
//! assert_eq!(verify(&edited, (1, &h1)).problems[0].seq, Some(1));
//! ```

use crate::canonical::{sha256_hex, to_canonical_json};
use serde::{Deserialize, Serialize};

/// The previous hash of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Kinds of entries the store writes.
pub mod kind {
    pub const RECORDS_IMPORTED: &str = "records_imported";
    pub const LIST_VERSION: &str = "list_version_registered";
    pub const SCREENING_STARTED: &str = "screening_started";
    pub const RECORDS_SCREENED: &str = "records_screened";
    pub const SCREENING_FINISHED: &str = "screening_finished";
    pub const ALERT_RAISED: &str = "alert_raised";
    pub const ALERT_DELISTED: &str = "alert_delisted";
    pub const DECISION: &str = "decision";
    pub const CONFIGURATION: &str = "configuration_changed";
}

/// The canonical text of an entry.
pub fn entry_text(
    seq: i64,
    at: &str,
    kind: &str,
    actor: &str,
    subject: &str,
    data: &serde_json::Value,
) -> String {
    to_canonical_json(&serde_json::json!({
        "seq": seq,
        "at": at,
        "kind": kind,
        "actor": actor,
        "subject": subject,
        "data": data,
    }))
}

/// `sha256(prev_hash ‖ entry)`, hex.
pub fn chain_hash(prev_hash: &str, entry: &str) -> String {
    let mut s = String::with_capacity(prev_hash.len() + entry.len());
    s.push_str(prev_hash);
    s.push_str(entry);
    sha256_hex(&s)
}

/// An audit row as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredEntry {
    pub seq: i64,
    pub subject: String,
    pub entry: String,
    pub prev_hash: String,
    pub hash: String,
}

/// An entry as exported (`embargo audit export`): the parsed entry with its chain hashes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportedEntry {
    pub seq: i64,
    pub at: String,
    pub kind: String,
    pub actor: String,
    pub subject: String,
    pub data: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

impl StoredEntry {
    /// The parsed entry, for export; `None` when the text is not an entry (it was edited).
    pub fn export(&self) -> Option<ExportedEntry> {
        let v: serde_json::Value = serde_json::from_str(&self.entry).ok()?;
        Some(ExportedEntry {
            seq: v.get("seq")?.as_i64()?,
            at: v.get("at")?.as_str()?.to_string(),
            kind: v.get("kind")?.as_str()?.to_string(),
            actor: v.get("actor")?.as_str()?.to_string(),
            subject: v.get("subject")?.as_str()?.to_string(),
            data: v.get("data")?.clone(),
            prev_hash: self.prev_hash.clone(),
            hash: self.hash.clone(),
        })
    }
}

/// One thing wrong with the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditProblem {
    /// The entry concerned (`None` for the head).
    pub seq: Option<i64>,
    pub message: String,
}

/// The outcome of a verification.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditReport {
    pub entries: i64,
    pub last_seq: i64,
    /// The hash of the last entry: archive it outside the store to anchor the chain.
    pub head_hash: String,
    pub problems: Vec<AuditProblem>,
}

impl AuditReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Incremental verifier, so that a long chain is checked page by page.
#[derive(Debug)]
pub struct Verifier {
    report: AuditReport,
    prev_seq: i64,
    prev_hash: String,
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier {
            report: AuditReport {
                head_hash: GENESIS.to_string(),
                ..Default::default()
            },
            prev_seq: 0,
            prev_hash: GENESIS.to_string(),
        }
    }
}

impl Verifier {
    pub fn push(&mut self, row: &StoredEntry) {
        let problems = &mut self.report.problems;
        let mut problem = |message: String| {
            problems.push(AuditProblem {
                seq: Some(row.seq),
                message,
            })
        };
        if row.seq != self.prev_seq + 1 {
            if row.seq > self.prev_seq + 1 {
                let first = self.prev_seq + 1;
                let last = row.seq - 1;
                problem(if first == last {
                    format!("entry {first} is missing (deleted)")
                } else {
                    format!("entries {first} to {last} are missing (deleted)")
                });
            } else {
                problem(format!("entry out of order after {}", self.prev_seq));
            }
        }
        if row.prev_hash != self.prev_hash {
            problem(format!(
                "does not link to the entry before it (seq {}): an entry before it was deleted, inserted or rewritten",
                self.prev_seq
            ));
        }
        if chain_hash(&row.prev_hash, &row.entry) != row.hash {
            problem("edited: its content does not match its hash".to_string());
        }
        match serde_json::from_str::<serde_json::Value>(&row.entry) {
            Ok(v) => {
                if v.get("seq").and_then(|s| s.as_i64()) != Some(row.seq) {
                    problem(
                        "the entry states another sequence number: inserted or moved".to_string(),
                    );
                }
                if v.get("subject").and_then(|s| s.as_str()) != Some(row.subject.as_str()) {
                    problem("edited: the subject column differs from the entry".to_string());
                }
            }
            Err(e) => problem(format!("edited: the entry is not JSON ({e})")),
        }
        self.report.entries += 1;
        self.prev_seq = row.seq;
        self.prev_hash = row.hash.clone();
    }

    /// Compare with the head the store keeps (`(seq, hash)` of the last entry written).
    pub fn finish(mut self, head: (i64, &str)) -> AuditReport {
        if head.0 != self.prev_seq || head.1 != self.prev_hash {
            let message = if head.0 > self.prev_seq {
                format!(
                    "the chain ends at entry {} but {} entries were written: entries {} to {} were deleted",
                    self.prev_seq,
                    head.0,
                    self.prev_seq + 1,
                    head.0
                )
            } else if head.0 < self.prev_seq {
                format!(
                    "the chain ends at entry {} but only {} entries were written: entries after {} were added outside the store",
                    self.prev_seq, head.0, head.0
                )
            } else {
                format!(
                    "the last entry's hash {} is not the one written ({}): the end of the chain was rewritten",
                    self.prev_hash, head.1
                )
            };
            self.report
                .problems
                .push(AuditProblem { seq: None, message });
        }
        self.report.last_seq = self.prev_seq;
        self.report.head_hash = self.prev_hash;
        self.report
    }
}

/// Verify a whole chain held in memory.
pub fn verify(rows: &[StoredEntry], head: (i64, &str)) -> AuditReport {
    let mut v = Verifier::default();
    for r in rows {
        v.push(r);
    }
    v.finish(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<StoredEntry> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let subject = format!("alert:{seq}");
                let entry = entry_text(
                    seq,
                    "2026-11-29T00:00:00.000Z",
                    kind::DECISION,
                    "ana",
                    &subject,
                    &serde_json::json!({"n": seq}),
                );
                let hash = chain_hash(&prev, &entry);
                let row = StoredEntry {
                    seq,
                    subject,
                    entry,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                row
            })
            .collect()
    }

    fn head(rows: &[StoredEntry]) -> (i64, String) {
        let l = rows.last().unwrap();
        (l.seq, l.hash.clone())
    }

    #[test]
    fn intact_chain_verifies() {
        let rows = chain(5);
        let (s, h) = head(&rows);
        let r = verify(&rows, (s, &h));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!((r.entries, r.last_seq, r.head_hash), (5, 5, h));
    }

    #[test]
    fn edits_deletions_insertions_are_named() {
        let rows = chain(5);
        let (s, h) = head(&rows);

        let mut edited = rows.clone();
        edited[2].entry = edited[2].entry.replace("\"n\":3", "\"n\":4");
        let r = verify(&edited, (s, &h));
        assert_eq!(r.problems.len(), 1, "{r:?}");
        assert_eq!(r.problems[0].seq, Some(3));

        // Rewriting the hash too breaks the next link.
        edited[2].hash = chain_hash(&edited[2].prev_hash, &edited[2].entry);
        let r = verify(&edited, (s, &h));
        assert_eq!(r.problems[0].seq, Some(4), "{r:?}");

        let mut deleted = rows.clone();
        deleted.remove(1);
        let r = verify(&deleted, (s, &h));
        assert_eq!(r.problems[0].seq, Some(3));
        assert!(r.problems[0].message.contains("entry 2 is missing"));

        let mut tail = rows.clone();
        tail.pop();
        let r = verify(&tail, (s, &h));
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].seq, None);
        assert!(r.problems[0]
            .message
            .contains("entries 5 to 5 were deleted"));

        // An entry inserted in the middle, renumbering those after it.
        let mut inserted = rows.clone();
        let mut extra = rows[1].clone();
        extra.entry = extra.entry.replace("\"n\":2", "\"n\":99");
        inserted.insert(2, extra);
        for (i, r) in inserted.iter_mut().enumerate() {
            r.seq = i as i64 + 1;
        }
        let r = verify(&inserted, (s, &h));
        assert!(r.problems.iter().any(|p| p.seq == Some(3)), "{r:?}");
    }
}
