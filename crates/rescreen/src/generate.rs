//! A synthetic customer base for the delta-screening benchmark and tests.
//!
//! A bank's customer base is mostly people who are on no list, a few who are (or look like they
//! are), and many near-duplicates: the same person onboarded twice, a name keyed in another order,
//! with a typo, without the middle name. The generator builds that from the labelled eval rows of
//! the shared data folder (UN positives untreated and treated, US Congress positives, the global and
//! US negatives: about 21,000 rows), each kept once under a new id, then adds variants of randomly
//! chosen rows until the requested count is reached. The same seed always gives the same records,
//! so a benchmark can be repeated and two runs compared.
//!
//! ```no_run
//! use embargo_rescreen::generate::{generate, EvalRows};
//! let rows = EvalRows::load(std::path::Path::new("../shared/data/eval")).unwrap();
//! let records = generate(&rows, 100_000, 42);
//! assert_eq!(records.len(), 100_000);
//! ```

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One customer record in the columns `embargo screen --file`, `embargo cases import` and
/// [`embargo_batch::read_queries`] read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: String,
    pub full_name: String,
    pub first_name: String,
    pub middle_name: String,
    pub last_name: String,
    pub gender: String,
    pub date_of_birth: String,
    pub place_of_birth: String,
    pub nationality: String,
}

/// Files of the eval folder the generator starts from, with the id prefix of their rows.
pub const EVAL_FILES: &[(&str, &str)] = &[
    ("un-positives/untreated.csv", "un-untreated"),
    ("un-positives/treated.csv", "un-treated"),
    ("congress-positives/untreated.csv", "congress"),
    ("negatives/global.csv", "neg-global"),
    ("negatives/us.csv", "neg-us"),
];

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {message}")]
    Read { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Write { path: PathBuf, message: String },
}

/// The eval rows, each with an id naming its file and row (`neg-us-04711`).
#[derive(Clone, Debug, Default)]
pub struct EvalRows {
    pub rows: Vec<CustomerRow>,
}

impl EvalRows {
    /// Read every file of [`EVAL_FILES`] under `eval_dir`; a missing file or column is an error.
    pub fn load(eval_dir: &Path) -> Result<EvalRows, Error> {
        let mut rows = Vec::new();
        for (file, prefix) in EVAL_FILES {
            let path = eval_dir.join(file);
            let read_err = |message: String| Error::Read {
                path: path.clone(),
                message,
            };
            let mut rdr = csv::Reader::from_path(&path).map_err(|e| read_err(e.to_string()))?;
            let headers = rdr.headers().map_err(|e| read_err(e.to_string()))?.clone();
            let col = |name: &str| headers.iter().position(|h| h == name);
            let Some(full) = col("full_name") else {
                return Err(read_err("no `full_name` column".into()));
            };
            let cols = [
                "first_name",
                "middle_name",
                "last_name",
                "gender",
                "date_of_birth",
                "place_of_birth",
                "nationality",
            ]
            .map(col);
            for (i, rec) in rdr.records().enumerate() {
                let rec = rec.map_err(|e| read_err(format!("record {}: {e}", i + 1)))?;
                let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").to_string();
                rows.push(CustomerRow {
                    id: format!("{prefix}-{:05}", i + 1),
                    full_name: get(Some(full)),
                    first_name: get(cols[0]),
                    middle_name: get(cols[1]),
                    last_name: get(cols[2]),
                    gender: get(cols[3]),
                    date_of_birth: get(cols[4]),
                    place_of_birth: get(cols[5]),
                    nationality: get(cols[6]),
                });
            }
        }
        Ok(EvalRows { rows })
    }
}

/// SplitMix64: tiny, fast and fully determined by its seed (the generator must not change its
/// output when a dependency's RNG changes its algorithm).
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// How a variant differs from the row it was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variation {
    /// The same person onboarded again under another id.
    Duplicate,
    /// Name tokens in another order ("Kim Jong Un" → "Jong Un Kim", or "KIM, Jong Un").
    Reordered,
    /// One letter substituted, dropped, doubled or two swapped.
    Typo,
    /// A middle token left out.
    Shortened,
    /// Letter case changed and punctuation added or removed.
    Recased,
}

const VARIATIONS: [Variation; 5] = [
    Variation::Duplicate,
    Variation::Reordered,
    Variation::Typo,
    Variation::Shortened,
    Variation::Recased,
];

/// `count` records: the eval rows first (all of them if `count` allows), then variants of rows
/// drawn with `seed`. Ids are unique: the eval rows keep theirs, variant `n` is `var-0000n`.
pub fn generate(eval: &EvalRows, count: usize, seed: u64) -> Vec<CustomerRow> {
    let mut out: Vec<CustomerRow> = eval.rows.iter().take(count).cloned().collect();
    if eval.rows.is_empty() {
        return out;
    }
    let mut rng = SplitMix64::new(seed);
    let mut n = 0usize;
    while out.len() < count {
        n += 1;
        let base = &eval.rows[rng.below(eval.rows.len())];
        let variation = VARIATIONS[rng.below(VARIATIONS.len())];
        out.push(variant(base, variation, &format!("var-{n:06}"), &mut rng));
    }
    out
}

/// A variant of `base` under `id`.
pub fn variant(
    base: &CustomerRow,
    variation: Variation,
    id: &str,
    rng: &mut SplitMix64,
) -> CustomerRow {
    let mut row = CustomerRow {
        id: id.to_string(),
        ..base.clone()
    };
    let tokens: Vec<&str> = base.full_name.split_whitespace().collect();
    let new_name = match variation {
        Variation::Duplicate => None,
        Variation::Reordered => reorder(&tokens, rng),
        Variation::Typo => typo(&tokens, rng),
        Variation::Shortened if tokens.len() >= 3 => {
            let drop = 1 + rng.below(tokens.len() - 2);
            Some(
                tokens
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != drop)
                    .map(|(_, t)| *t)
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }
        Variation::Shortened => typo(&tokens, rng),
        Variation::Recased => Some(recase(&base.full_name, rng)),
    };
    if let Some(name) = new_name {
        row.full_name = name;
        // The name parts would still carry the original name: a re-keyed record has none.
        row.first_name.clear();
        row.middle_name.clear();
        row.last_name.clear();
    }
    // Qualifiers as a second onboarding may record them: a birth date left out, or only its year.
    match rng.below(6) {
        0 => row.date_of_birth.clear(),
        1 => row.date_of_birth.truncate(4),
        _ => {}
    }
    row
}

fn reorder(tokens: &[&str], rng: &mut SplitMix64) -> Option<String> {
    if tokens.len() < 2 {
        return None;
    }
    let mut t: Vec<&str> = tokens.to_vec();
    if rng.below(2) == 0 {
        // Surname first with a comma, as lists and core banking systems write it.
        let last = t.pop().unwrap_or_default();
        Some(format!("{last}, {}", t.join(" ")))
    } else {
        t.rotate_left(1 + rng.below(tokens.len() - 1));
        Some(t.join(" "))
    }
}

fn typo(tokens: &[&str], rng: &mut SplitMix64) -> Option<String> {
    // Only tokens long enough that one slip leaves them recognisable.
    let long: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].chars().count() >= 3)
        .collect();
    if long.is_empty() {
        return None;
    }
    let ti = long[rng.below(long.len())];
    let mut chars: Vec<char> = tokens[ti].chars().collect();
    let at = 1 + rng.below(chars.len() - 1);
    match rng.below(4) {
        0 => {
            chars.remove(at);
        }
        1 => {
            let c = chars[at];
            chars.insert(at, c);
        }
        2 => chars.swap(at - 1, at),
        _ => {
            // Another letter of the same token, so the script stays the same.
            let others: Vec<char> = chars.iter().copied().filter(|&c| c != chars[at]).collect();
            if others.is_empty() {
                chars.remove(at);
            } else {
                chars[at] = others[rng.below(others.len())];
            }
        }
    }
    let changed: String = chars.into_iter().collect();
    Some(
        tokens
            .iter()
            .enumerate()
            .map(|(i, t)| if i == ti { changed.as_str() } else { t })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn recase(name: &str, rng: &mut SplitMix64) -> String {
    let cased = match rng.below(3) {
        0 => name.to_uppercase(),
        1 => name.to_lowercase(),
        _ => name.to_string(),
    };
    if cased.contains('-') {
        cased.replace('-', " ")
    } else {
        cased.replacen(' ', " - ", usize::from(rng.below(2) == 0))
    }
}

/// Write records as CSV with a header (the columns of [`CustomerRow`]).
pub fn write_csv(path: &Path, rows: &[CustomerRow]) -> Result<(), Error> {
    let werr = |message: String| Error::Write {
        path: path.to_path_buf(),
        message,
    };
    let mut w = csv::Writer::from_path(path).map_err(|e| werr(e.to_string()))?;
    for r in rows {
        w.serialize(r)
            .map_err(|e| werr(format!("record {}: {e}", r.id)))?;
    }
    w.flush().map_err(|e| werr(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> EvalRows {
        let row = |id: &str, name: &str| CustomerRow {
            id: id.into(),
            full_name: name.into(),
            date_of_birth: "1970-01-02".into(),
            ..Default::default()
        };
        EvalRows {
            rows: vec![
                row("a", "Vladimir Vladimirovich Putin"),
                row("b", "김정은"),
                row("c", "Ali"),
            ],
        }
    }

    #[test]
    fn deterministic_unique_and_counted() {
        let a = generate(&rows(), 500, 7);
        let b = generate(&rows(), 500, 7);
        let c = generate(&rows(), 500, 8);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 500);
        let mut ids: Vec<&str> = a.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 500);
        assert_eq!(&a[..3], &rows().rows[..]);
    }

    #[test]
    fn variants_change_the_name_and_keep_its_script() {
        let base = &rows().rows[0];
        let mut rng = SplitMix64::new(1);
        let r = variant(base, Variation::Reordered, "x", &mut rng);
        assert_ne!(r.full_name, base.full_name);
        let mut a: Vec<String> = r
            .full_name
            .replace(',', "")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        a.sort();
        assert_eq!(a, ["Putin", "Vladimir", "Vladimirovich"]);
        let t = variant(&rows().rows[1], Variation::Typo, "y", &mut rng);
        assert_ne!(t.full_name, "김정은");
        assert!(t
            .full_name
            .chars()
            .all(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)));
        let s = variant(base, Variation::Shortened, "z", &mut rng);
        assert_eq!(s.full_name, "Vladimir Putin");
    }
}
