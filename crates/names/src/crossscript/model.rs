//! The learned model of one script: how each native unit is spelled in Latin, given its
//! neighbours, and the calibration that turns a likelihood ratio into a similarity.
//!
//! For every unit `u` with left neighbour `p` and right neighbour `n` (`^` / `$` at the token's
//! edges) the model holds (expected) counts of the Latin chunks `u` was spelled as, at four
//! levels of context: `u`, `p u`, `u n`, `p u n`. Probabilities are interpolated Witten–Bell
//! style, from the widest context down to a generic spelling model, so rare contexts borrow from
//! common ones and no spelling is impossible.
//!
//! The text format (one file per script under `data/crossscript/`) is written by the trainer
//! (`embargo-train-crossscript`) and read here:
//!
//! ```text
//! embargo-crossscript 1
//! script  hangul
//! kmax    3
//! kappa   1
//! calibration learned <a> <b>
//! c   jin     jin:30 kin:3                (unit class, Han only: first Mandarin reading)
//! u   ㄱ      g:812.5 k:301 _:2.5         (unit; "_" is the empty chunk)
//! l   ^ㄱ     g:400 k:122                 (left neighbour, unit)
//! r   ㄱㅣ    g:120 k:40                  (unit, right neighbour)
//! b   ^ㄱㅣ   g:50 k:30                   (both)
//! ```
//! Fields are separated by tabs.

use rustc_hash::FxHashMap as HashMap;

use super::lattice::{Arc, Chunk, Lattice, MAX_CHUNK};
use super::units::Script;

/// Smallest probability kept as an explicit chunk of a position (the generic part covers the
/// rest).
pub const MIN_P: f64 = 2e-5;

/// Marks the start of a token in contexts.
pub const BOS: char = '^';
/// Marks the end of a token in contexts.
pub const EOS: char = '$';

/// Counts of the chunks seen in one context.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dist {
    /// (chunk, count), highest count first.
    pub entries: Vec<(Chunk, f64)>,
    /// Sum of the counts.
    pub total: f64,
    /// Soft number of distinct chunks: Σ min(1, count).
    pub types: f64,
}

impl Dist {
    /// A distribution from counts; entries below `min_count` are dropped.
    pub fn from_counts(counts: impl IntoIterator<Item = (Chunk, f64)>, min_count: f64) -> Dist {
        let mut entries: Vec<(Chunk, f64)> = counts
            .into_iter()
            .filter(|(_, n)| *n >= min_count)
            .collect();
        entries.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let total = entries.iter().map(|e| e.1).sum();
        let types = entries.iter().map(|e| e.1.min(1.0)).sum();
        Dist {
            entries,
            total,
            types,
        }
    }
}

/// How much less likely a Latin spelling is than the best spelling of the native token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogRatio {
    /// `ln(P(latin) / P(best spelling))` (≤ 0; −∞ if impossible).
    pub total: f64,
    /// Number of native units.
    pub units: f64,
}

impl LogRatio {
    /// The log ratio per native unit.
    pub fn per_unit(&self) -> f64 {
        self.total / self.units.max(1.0)
    }
}

/// Turns a likelihood ratio into a similarity: `sigmoid(a + b·x + c·t) / sigmoid(a)`, where
/// `t = ln(P(latin) / P(best spelling))` (≤ 0) and `x = t / units`, so the best spelling scores
/// one. The per-unit term forgives the variation that long names accumulate; the total term
/// keeps one wrong syllable in a long token from being averaged away ("Kim Jong-nam" is not
/// "Kim Jong-un").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calibration {
    /// Intercept.
    pub a: f64,
    /// Weight of the per-unit log ratio (≥ 0).
    pub b: f64,
    /// Weight of the total log ratio (≥ 0).
    pub c: f64,
}

impl Default for Calibration {
    fn default() -> Self {
        Calibration {
            a: 4.0,
            b: 1.5,
            c: 0.2,
        }
    }
}

impl Calibration {
    /// Similarity in [0, 1].
    pub fn apply(&self, r: LogRatio) -> f64 {
        if !r.total.is_finite() {
            return 0.0;
        }
        let s = |z: f64| 1.0 / (1.0 + (-z).exp());
        let t = r.total.min(0.0);
        let x = t / r.units.max(1.0);
        (s(self.a + self.b * x + self.c * t) / s(self.a)).clamp(0.0, 1.0)
    }
}

/// The distribution of spellings of one unit in its context: explicit chunks plus a weight on
/// the generic spelling model.
#[derive(Clone, Debug, Default)]
pub struct PositionDist {
    /// Explicit part of P(chunk) (the generic part comes on top).
    pub seen: Vec<(Chunk, f64)>,
    /// Weight of the generic spelling model.
    pub backoff: f64,
}

/// The learned spelling model of one script.
#[derive(Clone, Debug)]
pub struct ScriptModel {
    /// The script.
    pub script: Script,
    /// Longest chunk one unit may be spelled as.
    pub kmax: usize,
    /// Witten–Bell smoothing strength (1 = classic).
    pub kappa: f64,
    /// Counts by unit class (Han: the character's first Mandarin reading, so that rare
    /// characters borrow from their homophones); the level under `unit`.
    pub class: HashMap<String, Dist>,
    /// Counts by unit.
    pub unit: HashMap<char, Dist>,
    /// Counts by (left neighbour, unit).
    pub left: HashMap<(char, char), Dist>,
    /// Counts by (unit, right neighbour).
    pub right: HashMap<(char, char), Dist>,
    /// Counts by (left, unit, right).
    pub both: HashMap<(char, char, char), Dist>,
    /// Probability of inserting each letter a ..= z between units (see [`Lattice::insert`]).
    pub insert: [f64; 26],
    /// Calibrations by path name (`learned`, `rules`).
    pub calibrations: HashMap<String, Calibration>,
}

/// A model file that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// The class of a unit, for the level under the unit: for Han the character's first Mandarin
/// reading; no class in other scripts.
pub fn class_of(script: Script, u: char) -> Option<String> {
    match script {
        Script::Han => super::chinese::readings(u).into_iter().next(),
        _ => None,
    }
}

impl ScriptModel {
    /// An empty model (everything generic): the starting point of training.
    pub fn empty(script: Script, kmax: usize) -> ScriptModel {
        ScriptModel {
            script,
            kmax: kmax.min(MAX_CHUNK),
            kappa: 1.0,
            class: HashMap::default(),
            unit: HashMap::default(),
            left: HashMap::default(),
            right: HashMap::default(),
            both: HashMap::default(),
            insert: [0.0; 26],
            calibrations: HashMap::default(),
        }
    }

    /// The calibration of a path, or a default.
    pub fn calibration(&self, path: &str) -> Calibration {
        self.calibrations.get(path).copied().unwrap_or_default()
    }

    /// The spelling distribution of unit `u` between `prev` and `next`. Entries below
    /// [`MIN_P`] are left out (their mass goes to nobody: the generic part covers them).
    pub fn position(&self, prev: char, u: char, next: char) -> PositionDist {
        // Witten–Bell from the widest context down; each level's counts enter the result with
        // a coefficient, the rest of the mass goes to the level below:
        // P3 = n3/D3 + λ3·(P1 + P2)/2, P1 = n1/D1 + λ1·P0, P2 = n2/D2 + λ2·P0,
        // P0 = n0/D0 + λ0·Pc, Pc = nc/Dc + λc·generic.
        fn lam(kappa: f64, d: Option<&Dist>) -> (Option<&Dist>, f64, f64) {
            match d.filter(|d| d.total > 0.0) {
                Some(d) => {
                    let t = kappa * d.types.max(0.5);
                    let denom = d.total + t;
                    (Some(d), 1.0 / denom, t / denom)
                }
                None => (None, 0.0, 1.0),
            }
        }
        let k = self.kappa;
        let class = class_of(self.script, u);
        let (d3, c3, l3) = lam(k, self.both.get(&(prev, u, next)));
        let (d1, c1, l1) = lam(k, self.left.get(&(prev, u)));
        let (d2, c2, l2) = lam(k, self.right.get(&(u, next)));
        let (d0, c0, l0) = lam(k, self.unit.get(&u));
        let (dc, cc, lc) = lam(k, class.as_ref().and_then(|c| self.class.get(c)));
        let w1 = l3 * 0.5;
        let w2 = l3 * 0.5;
        let w0 = w1 * l1 + w2 * l2;
        let wc = w0 * l0;
        let backoff = wc * lc;
        let mut seen: Vec<(Chunk, f64)> = Vec::with_capacity(32);
        let levels = [
            (d3, c3),
            (d1, w1 * c1),
            (d2, w2 * c2),
            (d0, w0 * c0),
            (dc, wc * cc),
        ];
        for (d, coef) in levels {
            let Some(d) = d else { continue };
            for &(chunk, n) in &d.entries {
                let p = coef * n;
                if p < MIN_P {
                    break; // entries are sorted by count
                }
                match seen.iter_mut().find(|e| e.0 == chunk) {
                    Some(e) => e.1 += p,
                    None => seen.push((chunk, p)),
                }
            }
        }
        seen.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        PositionDist { seen, backoff }
    }

    /// The lattice of a unit sequence: one node per unit, arcs from the interpolated model.
    pub fn lattice(&self, units: &[char]) -> Lattice {
        let n = units.len();
        let mut lat = Lattice::new(n, self.kmax);
        for i in 0..n {
            let prev = if i == 0 { BOS } else { units[i - 1] };
            let next = if i + 1 == n { EOS } else { units[i + 1] };
            let pd = self.position(prev, units[i], next);
            for (chunk, p) in pd.seen {
                if p >= 1e-5 {
                    lat.push(
                        i,
                        Arc {
                            to: (i + 1) as u16,
                            chunk,
                            p,
                        },
                    );
                }
            }
            lat.backoff[i] = pd.backoff;
        }
        lat.insert = self.insert;
        lat.finish();
        lat
    }

    /// Write the model in its text format.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(out, "embargo-crossscript\t1");
        let _ = writeln!(out, "script\t{}", self.script.name());
        let _ = writeln!(out, "kmax\t{}", self.kmax);
        let _ = writeln!(out, "kappa\t{}", self.kappa);
        let mut cals: Vec<_> = self.calibrations.iter().collect();
        cals.sort_by(|a, b| a.0.cmp(b.0));
        for (name, c) in cals {
            let _ = writeln!(
                out,
                "calibration\t{name}\t{:.6}\t{:.6}\t{:.6}",
                c.a, c.b, c.c
            );
        }
        fn dist_text(d: &Dist) -> String {
            d.entries
                .iter()
                .map(|(c, n)| {
                    let s = if c.is_empty() { "_" } else { c.as_str() };
                    let n = format!("{n:.2}");
                    let n = n.trim_end_matches('0').trim_end_matches('.');
                    format!("{s}:{n}")
                })
                .collect::<Vec<_>>()
                .join("\t")
        }
        if self.insert.iter().any(|&p| p > 0.0) {
            let ins: Vec<String> = (b'a'..=b'z')
                .zip(self.insert)
                .filter(|e| e.1 > 0.0)
                .map(|(c, p)| format!("{}:{p:.3e}", c as char))
                .collect();
            let _ = writeln!(out, "insert\t{}", ins.join("\t"));
        }
        let mut rows: Vec<(String, String)> = Vec::new();
        for (k, d) in &self.class {
            rows.push((format!("c\t{k}"), dist_text(d)));
        }
        for (k, d) in &self.unit {
            rows.push((format!("u\t{k}"), dist_text(d)));
        }
        for ((p, u), d) in &self.left {
            rows.push((format!("l\t{p}{u}"), dist_text(d)));
        }
        for ((u, n), d) in &self.right {
            rows.push((format!("r\t{u}{n}"), dist_text(d)));
        }
        for ((p, u, n), d) in &self.both {
            rows.push((format!("b\t{p}{u}{n}"), dist_text(d)));
        }
        rows.sort();
        for (k, v) in rows {
            if !v.is_empty() {
                let _ = writeln!(out, "{k}\t{v}");
            }
        }
        out
    }

    /// Read a model from its text format.
    pub fn parse(text: &str) -> Result<ScriptModel, ParseError> {
        let err = |line: usize, m: &str| ParseError {
            line,
            message: m.to_string(),
        };
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, l)) if l.trim_end() == "embargo-crossscript\t1" => {}
            _ => return Err(err(1, "not an embargo-crossscript version 1 model")),
        }
        let mut script = None;
        let mut model = ScriptModel::empty(Script::Hangul, 3);
        for (i, line) in lines {
            let ln = i + 1;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let kind = f.next().unwrap_or("");
            let key = f.next().ok_or_else(|| err(ln, "missing key"))?;
            match kind {
                "script" => {
                    script = Some(
                        Script::ALL
                            .into_iter()
                            .find(|s| s.name() == key)
                            .ok_or_else(|| err(ln, "unknown script"))?,
                    );
                }
                "kmax" => {
                    let k: usize = key.parse().map_err(|_| err(ln, "bad kmax"))?;
                    if k == 0 || k > MAX_CHUNK {
                        return Err(err(ln, "kmax out of range"));
                    }
                    model.kmax = k;
                }
                "kappa" => model.kappa = key.parse().map_err(|_| err(ln, "bad kappa"))?,
                "insert" => {
                    for e in std::iter::once(key).chain(f) {
                        let (c, p) = e.split_once(':').ok_or_else(|| err(ln, "bad insert"))?;
                        let c = c.as_bytes();
                        let p: f64 = p.parse().map_err(|_| err(ln, "bad insert probability"))?;
                        match c {
                            [b @ b'a'..=b'z'] if (0.0..1.0).contains(&p) => {
                                model.insert[(b - b'a') as usize] = p
                            }
                            _ => return Err(err(ln, "bad insert letter")),
                        }
                    }
                }
                "calibration" => {
                    let a = f.next().and_then(|s| s.parse().ok());
                    let b = f.next().and_then(|s| s.parse().ok());
                    let c = f.next().map_or(Some(0.0), |s| s.parse().ok());
                    match (a, b, c) {
                        (Some(a), Some(b), Some(c)) => {
                            model
                                .calibrations
                                .insert(key.to_string(), Calibration { a, b, c });
                        }
                        _ => return Err(err(ln, "bad calibration")),
                    }
                }
                "c" | "u" | "l" | "r" | "b" => {
                    let mut entries = Vec::new();
                    for e in f {
                        let (c, n) = e.rsplit_once(':').ok_or_else(|| err(ln, "bad entry"))?;
                        let c = if c == "_" { "" } else { c };
                        if !c.bytes().all(|b| b.is_ascii_lowercase()) || c.len() > model.kmax {
                            return Err(err(ln, "bad chunk"));
                        }
                        let chunk =
                            Chunk::new(c.as_bytes()).ok_or_else(|| err(ln, "chunk too long"))?;
                        let n: f64 = n.parse().map_err(|_| err(ln, "bad count"))?;
                        entries.push((chunk, n));
                    }
                    let d = Dist::from_counts(entries, 0.0);
                    let k: Vec<char> = key.chars().collect();
                    match (kind, k.as_slice()) {
                        ("c", _) => {
                            model.class.insert(key.to_string(), d);
                        }
                        ("u", &[u]) => {
                            model.unit.insert(u, d);
                        }
                        ("l", &[p, u]) => {
                            model.left.insert((p, u), d);
                        }
                        ("r", &[u, n]) => {
                            model.right.insert((u, n), d);
                        }
                        ("b", &[p, u, n]) => {
                            model.both.insert((p, u, n), d);
                        }
                        _ => return Err(err(ln, "bad context key")),
                    }
                }
                _ => return Err(err(ln, "unknown line kind")),
            }
        }
        model.script = script.ok_or_else(|| err(1, "no script line"))?;
        Ok(model)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Chunk {
        Chunk::new(s.as_bytes()).unwrap()
    }

    #[test]
    fn position_is_a_distribution() {
        let mut m = ScriptModel::empty(Script::Cyrillic, 3);
        m.unit.insert(
            'п',
            Dist::from_counts([(c("p"), 10.0), (c("pp"), 1.0)], 0.0),
        );
        m.left
            .insert((BOS, 'п'), Dist::from_counts([(c("p"), 5.0)], 0.0));
        let pd = m.position(BOS, 'п', 'у');
        let seen: f64 = pd.seen.iter().map(|e| e.1).sum();
        // the generic model sums to one over all strings, so the total is seen + backoff
        assert!(
            (seen + pd.backoff - 1.0).abs() < 1e-9,
            "{seen} {}",
            pd.backoff
        );
        assert_eq!(pd.seen[0].0, c("p"));
    }

    #[test]
    fn text_round_trip() {
        let mut m = ScriptModel::empty(Script::Arabic, 4);
        m.unit
            .insert('م', Dist::from_counts([(c("m"), 10.0), (c(""), 1.5)], 0.0));
        m.both
            .insert((BOS, 'م', 'ح'), Dist::from_counts([(c("mu"), 3.25)], 0.0));
        m.calibrations.insert(
            "learned".into(),
            Calibration {
                a: 3.0,
                b: 1.5,
                c: 0.25,
            },
        );
        let t = m.to_text();
        let back = ScriptModel::parse(&t).unwrap();
        assert_eq!(back.unit, m.unit);
        assert_eq!(back.both, m.both);
        assert_eq!(back.insert, m.insert);
        assert_eq!(
            back.calibration("learned"),
            Calibration {
                a: 3.0,
                b: 1.5,
                c: 0.25
            }
        );
        assert_eq!(back.to_text(), t);
    }
}
