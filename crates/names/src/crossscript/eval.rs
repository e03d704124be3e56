//! The evaluation of EVALUATION.md for transliteration sets, shared by the real-data test and
//! the trainer: reading the data files, building the pair sets, and the figures.
//!
//! Rows `0 .. EVAL_ROWS` of every file are the evaluation set: the trainer never reads them.

use std::path::{Path, PathBuf};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::units::Script;

/// Rows at the head of each file kept for evaluation.
pub const EVAL_ROWS: usize = 1500;

/// The shared data folder: `$EMBARGO_SHARED_DATA`, else `../shared/data` above the workspace.
pub fn shared_data() -> PathBuf {
    if let Some(p) = std::env::var_os("EMBARGO_SHARED_DATA") {
        return PathBuf::from(p);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

/// Latin text to lowercase ASCII tokens: marks dropped, other letters transliterated
/// (ß → ss, ø → o), split at anything that is not a letter or digit; apostrophes are dropped
/// inside a token ("O'Brien" → "obrien").
pub fn latin_tokens(s: &str) -> Vec<String> {
    let mut ascii = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) || matches!(c, '\'' | '’' | 'ʼ' | 'ʻ' | '`' | 'ʿ' | 'ʾ') {
            continue;
        }
        if c.is_ascii() {
            ascii.push(c.to_ascii_lowercase());
        } else if c.is_alphabetic() {
            ascii.extend(
                any_ascii::any_ascii_char(c)
                    .chars()
                    .map(|a| a.to_ascii_lowercase()),
            );
        } else {
            ascii.push(' ');
        }
    }
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// A native-script name split into tokens at spaces and punctuation (hyphens, middle dots,
/// Katakana ・, commas).
pub fn native_tokens(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || (!c.is_alphanumeric() && !is_combining_mark(c)))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// One row of `words-*.tsv`: the Latin word (normalised, letters only), the native word (letters
/// joined) and its count.
#[derive(Clone, Debug, PartialEq)]
pub struct WordRow {
    /// Lowercase ASCII.
    pub latin: String,
    /// Native letters joined.
    pub native: String,
    /// How often the pair was seen.
    pub count: f64,
}

/// File name of a script's word-level set.
pub fn words_file(script: Script) -> &'static str {
    match script {
        Script::Hangul => "words-korean.tsv",
        Script::Arabic => "words-arabic.tsv",
        Script::Cyrillic => "words-russian.tsv",
        Script::Han => "words-chinese.tsv",
        Script::Katakana => "words-katakana.tsv",
        Script::Hebrew => "words-hebrew.tsv",
    }
}

/// Read a `words-*.tsv` file (all rows, in order; unreadable rows become empty rows so row
/// numbers stay aligned).
pub fn read_words(path: &Path) -> std::io::Result<Vec<WordRow>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .map(|line| {
            let mut f = line.split('\t');
            let latin = latin_tokens(f.next().unwrap_or("")).concat();
            let native: String = f.next().unwrap_or("").split(' ').collect();
            let count = f.next().and_then(|c| c.trim().parse().ok()).unwrap_or(1.0);
            WordRow {
                latin,
                native,
                count,
            }
        })
        .collect())
}

/// Read `korean-full-names.tsv`: (English name, Hangul name) per row, as written.
pub fn read_full_names(path: &Path) -> std::io::Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .map(|line| {
            let (e, k) = line.split_once('\t').unwrap_or((line, ""));
            (e.to_string(), k.trim().to_string())
        })
        .collect())
}

/// The pair-set construction of EVALUATION.md: for i in 0..1000, positive (query i,
/// candidate i) and negative (query i, candidate i + 500). Returns (positives, negatives) as
/// index pairs (query row, candidate row).
pub fn pair_indices() -> (Vec<(usize, usize)>, Vec<(usize, usize)>) {
    let pos = (0..1000).map(|i| (i, i)).collect();
    let neg = (0..1000).map(|i| (i, i + 500)).collect();
    (pos, neg)
}

/// Figures of a scored pair set.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figures {
    /// Precision at the threshold.
    pub precision: f64,
    /// Recall at the threshold.
    pub recall: f64,
    /// F1 at the threshold.
    pub f1: f64,
    /// ROC AUC (Mann–Whitney U, ties count half).
    pub auc: f64,
    /// Best F1 over all observed thresholds, and that threshold.
    pub best_f1: (f64, f64),
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:.3}  R {:.3}  F1 {:.3}  AUC {:.4}  best F1 {:.3} at {:.2}",
            self.precision, self.recall, self.f1, self.auc, self.best_f1.0, self.best_f1.1
        )
    }
}

/// Precision, recall, F1 at `t` (predicted match iff score ≥ t), ROC AUC, best F1.
pub fn figures(pos: &[f64], neg: &[f64], t: f64) -> Figures {
    let prf = |t: f64| {
        let tp = pos.iter().filter(|&&s| s >= t).count() as f64;
        let fp = neg.iter().filter(|&&s| s >= t).count() as f64;
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 1.0 };
        let r = if pos.is_empty() {
            0.0
        } else {
            tp / pos.len() as f64
        };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f1)
    };
    let (precision, recall, f1) = prf(t);
    let mut best_f1 = (0.0, 0.0);
    for &s in pos.iter().chain(neg) {
        let f = prf(s).2;
        if f > best_f1.0 || (f == best_f1.0 && s > best_f1.1) {
            best_f1 = (f, s);
        }
    }
    Figures {
        precision,
        recall,
        f1,
        auc: auc(pos, neg),
        best_f1,
    }
}

/// ROC AUC by Mann–Whitney U with average ranks for ties.
pub fn auc(pos: &[f64], neg: &[f64]) -> f64 {
    if pos.is_empty() || neg.is_empty() {
        return 0.5;
    }
    let mut all: Vec<(f64, bool)> = pos
        .iter()
        .map(|&s| (s, true))
        .chain(neg.iter().map(|&s| (s, false)))
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < all.len() {
        let mut j = i;
        while j < all.len() && all[j].0 == all[i].0 {
            j += 1;
        }
        let avg = (i + 1 + j) as f64 / 2.0;
        rank_sum += all[i..j].iter().filter(|e| e.1).count() as f64 * avg;
        i = j;
    }
    let np = pos.len() as f64;
    let nn = neg.len() as f64;
    (rank_sum - np * (np + 1.0) / 2.0) / (np * nn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(latin_tokens("Kim Jong-un"), vec!["kim", "jong", "un"]);
        assert_eq!(
            latin_tokens("Dag Hammarskjöld"),
            vec!["dag", "hammarskjold"]
        );
        assert_eq!(
            latin_tokens("Cosimo de' Medici"),
            vec!["cosimo", "de", "medici"]
        );
        assert_eq!(
            native_tokens("앙드레-피에르 지냑"),
            vec!["앙드레", "피에르", "지냑"]
        );
        assert_eq!(
            native_tokens("ウラジーミル・プーチン"),
            vec!["ウラジーミル", "プーチン"]
        );
    }

    #[test]
    fn auc_with_ties() {
        assert_eq!(auc(&[1.0, 0.9], &[0.1, 0.2]), 1.0);
        assert_eq!(auc(&[0.5], &[0.5]), 0.5);
        let f = figures(&[0.9, 0.8, 0.6], &[0.1, 0.75], 0.7);
        assert!((f.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((f.recall - 2.0 / 3.0).abs() < 1e-9);
    }
}
