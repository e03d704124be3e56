//! The alignment lattice of one native token, and the two questions asked of it: how probable
//! is a given Latin spelling (forward algorithm, summed over alignments), and which spellings
//! are the most probable (k-best decoding).
//!
//! Nodes are positions between native units (0 ..= n). An [`Arc`] from node `i` to node `to`
//! consumes native units `i..to` and emits a short Latin [`Chunk`] with probability `p`. Every
//! node `i < n` may also emit *any* chunk of length 0 ..= `kmax` to node `i + 1` with the generic
//! probability `backoff[i] * generic(len)`: that keeps every alignment possible, so an unseen
//! spelling costs a lot instead of everything.

/// Longest Latin chunk one arc can emit.
pub const MAX_CHUNK: usize = 7;

/// A short lowercase ASCII string (0 ..= [`MAX_CHUNK`] bytes), stored inline.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Chunk {
    len: u8,
    bytes: [u8; MAX_CHUNK],
}

impl Chunk {
    /// The empty chunk (a native unit that is not pronounced, like Hangul initial ㅇ).
    pub const EMPTY: Chunk = Chunk {
        len: 0,
        bytes: [0; MAX_CHUNK],
    };

    /// A chunk from bytes; `None` if longer than [`MAX_CHUNK`].
    pub fn new(s: &[u8]) -> Option<Chunk> {
        if s.len() > MAX_CHUNK {
            return None;
        }
        let mut bytes = [0; MAX_CHUNK];
        bytes[..s.len()].copy_from_slice(s);
        Some(Chunk {
            len: s.len() as u8,
            bytes,
        })
    }

    /// The chunk's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }

    /// The chunk as text (always ASCII).
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or("")
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True for the empty chunk.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl std::fmt::Debug for Chunk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// The generic probability of one particular Latin string of length `k` (0 ..= kmax): a length
/// prior times a uniform choice of letters. Sums to one over all strings up to `kmax`.
pub fn generic(k: usize, kmax: usize) -> f64 {
    const PRIOR: [f64; MAX_CHUNK + 1] = [0.15, 0.35, 0.25, 0.12, 0.06, 0.04, 0.02, 0.01];
    let total: f64 = PRIOR[..=kmax].iter().sum();
    PRIOR[k] / total / 26f64.powi(k as i32)
}

/// One way to spell native units `from..to` (the node the arc leaves is implicit).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Arc {
    /// The node the arc reaches.
    pub to: u16,
    /// What it spells.
    pub chunk: Chunk,
    /// Its probability.
    pub p: f64,
}

/// The alignment lattice of one native token.
#[derive(Clone, Debug, Default)]
pub struct Lattice {
    /// Arcs leaving each node `0 .. n`.
    pub arcs: Vec<Vec<Arc>>,
    /// Generic emission weight per node (`0.0`: none).
    pub backoff: Vec<f64>,
    /// Longest generic chunk.
    pub kmax: usize,
    /// Probability of inserting each Latin letter a ..= z at any node without consuming a
    /// native unit (silent letters: the "r" of Martha ↔ 瑪莎); all zero: no insertions.
    pub insert: [f64; 26],
    /// `generic(k, kmax)` for k = 0 ..= kmax.
    generic: Vec<f64>,
    /// Per node, after [`Lattice::finish`]: where the arcs of each first letter start (bucket 0:
    /// the empty chunk, 1 ..= 26: a ..= z, 27: the end).
    index: Vec<[u16; 28]>,
}

/// Bucket of a chunk by its first byte: 0 for empty, 1 ..= 26 for a ..= z.
fn bucket(first: Option<u8>) -> usize {
    match first {
        None => 0,
        Some(b @ b'a'..=b'z') => (b - b'a') as usize + 1,
        Some(_) => 27,
    }
}

/// Whether `rest` starts with `chunk`: a byte loop over at most [`MAX_CHUNK`] bytes, which the
/// forward pass runs for every arc at every cell (the slice comparison called `memcmp` each time).
#[inline]
fn spells(chunk: &[u8], rest: &[u8]) -> bool {
    chunk.len() <= rest.len() && chunk.iter().zip(rest).all(|(a, b)| a == b)
}

impl Lattice {
    /// A lattice with `n` units, no arcs yet.
    pub fn new(n: usize, kmax: usize) -> Lattice {
        Lattice {
            arcs: vec![Vec::new(); n],
            backoff: vec![0.0; n],
            kmax,
            insert: [0.0; 26],
            generic: (0..=kmax).map(|k| generic(k, kmax)).collect(),
            index: Vec::new(),
        }
    }

    /// Sort each node's arcs by first letter and index them, so that scoring only looks at arcs
    /// that can match. Call after the last [`Lattice::push`]; scoring works without it, slower.
    pub fn finish(&mut self) {
        self.index = self
            .arcs
            .iter_mut()
            .map(|arcs| {
                arcs.sort_by(|a, b| {
                    bucket(a.chunk.as_bytes().first().copied())
                        .cmp(&bucket(b.chunk.as_bytes().first().copied()))
                        .then_with(|| b.p.total_cmp(&a.p))
                });
                let mut idx = [0u16; 28];
                let mut k = 0usize;
                for (b, slot) in idx.iter_mut().enumerate() {
                    while k < arcs.len() && bucket(arcs[k].chunk.as_bytes().first().copied()) < b {
                        k += 1;
                    }
                    *slot = k as u16;
                }
                idx
            })
            .collect();
    }

    /// The arcs leaving node `i` that may match text starting with `next` (plus the empty ones).
    #[inline]
    fn candidates(&self, i: usize, next: Option<u8>) -> (&[Arc], &[Arc]) {
        let arcs = &self.arcs[i];
        if self.index.len() != self.arcs.len() {
            return (arcs, &[]);
        }
        let idx = &self.index[i];
        let empty = &arcs[idx[0] as usize..idx[1] as usize];
        let b = bucket(next);
        if b == 0 || b == 27 {
            return (empty, &[]);
        }
        (empty, &arcs[idx[b] as usize..idx[b + 1] as usize])
    }

    /// Number of native units (the last node).
    pub fn len(&self) -> usize {
        self.arcs.len()
    }

    /// True when there are no units.
    pub fn is_empty(&self) -> bool {
        self.arcs.is_empty()
    }

    /// Add an arc leaving node `from` (drops the index of [`Lattice::finish`]).
    pub fn push(&mut self, from: usize, arc: Arc) {
        self.arcs[from].push(arc);
        self.index.clear();
    }

    /// P(latin | native) summed over all alignments (not in log space: tokens are short, and an
    /// underflow to 0 only happens for spellings that are hopeless anyway).
    ///
    /// The table is a per-thread buffer: scoring asks this for every Latin token a query's
    /// native tokens meet, and allocating it per call cost as much as small passes themselves.
    pub fn forward(&self, latin: &[u8]) -> f64 {
        thread_local! {
            static ALPHA: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let n = self.arcs.len();
        let l = latin.len();
        let w = l + 1;
        let cells = (n + 1) * w;
        ALPHA.with(|a| {
            let mut a = a.borrow_mut();
            if a.len() < cells {
                a.resize(cells, 0.0);
            }
            let alpha = &mut a[..cells];
            self.forward_into(latin, alpha);
            alpha[n * w + l]
        })
    }

    /// Forward pass into a caller-provided table of `(n + 1) * (latin.len() + 1)` cells;
    /// `alpha[i * (l + 1) + j]` = probability of spelling units `..i` as `latin[..j]`.
    pub fn forward_into(&self, latin: &[u8], alpha: &mut [f64]) {
        let n = self.arcs.len();
        let l = latin.len();
        let w = l + 1;
        alpha.iter_mut().for_each(|a| *a = 0.0);
        alpha[0] = 1.0;
        let inserts = self.insert.iter().any(|&p| p > 0.0);
        for i in 0..=n {
            if inserts {
                for j in 0..l {
                    let p = self.insert[latin[j].wrapping_sub(b'a') as usize % 26];
                    alpha[i * w + j + 1] += alpha[i * w + j] * p;
                }
            }
            if i == n {
                break;
            }
            let bo = self.backoff[i];
            for j in 0..=l {
                let a = alpha[i * w + j];
                if a == 0.0 {
                    continue;
                }
                let rest = &latin[j..];
                let (empty, letter) = self.candidates(i, rest.first().copied());
                for arc in empty.iter().chain(letter) {
                    let c = arc.chunk.as_bytes();
                    if spells(c, rest) {
                        alpha[arc.to as usize * w + j + c.len()] += a * arc.p;
                    }
                }
                if bo > 0.0 {
                    let kend = self.kmax.min(l - j);
                    let base = (i + 1) * w + j;
                    for k in 0..=kend {
                        alpha[base + k] += a * bo * self.generic[k];
                    }
                }
            }
        }
    }

    /// Backward pass: `beta[i * (l + 1) + j]` = probability of spelling units `i..` as
    /// `latin[j..]`. Used by training.
    pub fn backward_into(&self, latin: &[u8], beta: &mut [f64]) {
        let n = self.arcs.len();
        let l = latin.len();
        let w = l + 1;
        beta.iter_mut().for_each(|b| *b = 0.0);
        beta[n * w + l] = 1.0;
        let inserts = self.insert.iter().any(|&p| p > 0.0);
        if inserts {
            for j in (0..l).rev() {
                let p = self.insert[latin[j].wrapping_sub(b'a') as usize % 26];
                beta[n * w + j] += p * beta[n * w + j + 1];
            }
        }
        for i in (0..n).rev() {
            let bo = self.backoff[i];
            for j in (0..=l).rev() {
                let rest = &latin[j..];
                let mut s = 0.0;
                let (empty, letter) = self.candidates(i, rest.first().copied());
                for arc in empty.iter().chain(letter) {
                    let c = arc.chunk.as_bytes();
                    if rest.starts_with(c) {
                        s += arc.p * beta[arc.to as usize * w + j + c.len()];
                    }
                }
                if bo > 0.0 {
                    let kend = self.kmax.min(l - j);
                    let base = (i + 1) * w + j;
                    for k in 0..=kend {
                        s += bo * self.generic[k] * beta[base + k];
                    }
                }
                if inserts && j < l {
                    let p = self.insert[latin[j].wrapping_sub(b'a') as usize % 26];
                    s += p * beta[i * w + j + 1];
                }
                beta[i * w + j] = s;
            }
        }
    }

    /// The generic emission probability of a chunk of length `k` from node `i`.
    pub fn generic_at(&self, i: usize, k: usize) -> f64 {
        if k > self.kmax {
            0.0
        } else {
            self.backoff[i] * self.generic[k]
        }
    }

    /// Up to `k` most probable spellings along single alignments (beam search over arcs; the
    /// generic emissions are never the best spelling and are left out). Each comes with the
    /// probability of its best alignment. Boundaries listed in `breaks` (node indices) put a
    /// space into the spelling.
    pub fn kbest(&self, k: usize, breaks: &[usize]) -> Vec<(String, f64)> {
        let n = self.arcs.len();
        let mut beams: Vec<Vec<(String, f64)>> = vec![Vec::new(); n + 1];
        beams[0].push((String::new(), 1.0));
        for i in 0..n {
            let mut beam = std::mem::take(&mut beams[i]);
            beam.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            beam.dedup_by(|a, b| a.0 == b.0);
            beam.truncate(k.max(1) * 2);
            let mut top: Vec<&Arc> = self.arcs[i].iter().collect();
            top.sort_by(|a, b| b.p.total_cmp(&a.p));
            top.truncate(8);
            for (s, p) in &beam {
                for arc in top.iter().copied() {
                    let to = arc.to as usize;
                    let mut t = String::with_capacity(s.len() + arc.chunk.len() + 1);
                    t.push_str(s);
                    t.push_str(arc.chunk.as_str());
                    if to < n && breaks.contains(&to) && !t.is_empty() && !t.ends_with(' ') {
                        t.push(' ');
                    }
                    beams[to].push((t, p * arc.p));
                }
            }
            beams[i] = beam;
        }
        let mut out = std::mem::take(&mut beams[n]);
        for (s, _) in out.iter_mut() {
            *s = s.trim().to_string();
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut seen = std::collections::HashSet::new();
        out.retain(|(s, _)| !s.is_empty() && seen.insert(s.clone()));
        out.truncate(k);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_sums_to_one() {
        for kmax in 1..=MAX_CHUNK {
            let s: f64 = (0..=kmax)
                .map(|k| generic(k, kmax) * 26f64.powi(k as i32))
                .sum();
            assert!((s - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn forward_and_backward_agree() {
        let mut lat = Lattice::new(2, 2);
        let c = |s: &str| Chunk::new(s.as_bytes()).unwrap();
        lat.push(
            0,
            Arc {
                to: 1,
                chunk: c("a"),
                p: 0.5,
            },
        );
        lat.push(
            0,
            Arc {
                to: 1,
                chunk: c("ab"),
                p: 0.3,
            },
        );
        lat.push(
            1,
            Arc {
                to: 2,
                chunk: c("b"),
                p: 0.6,
            },
        );
        lat.push(
            1,
            Arc {
                to: 2,
                chunk: c(""),
                p: 0.2,
            },
        );
        lat.push(
            0,
            Arc {
                to: 2,
                chunk: c("ab"),
                p: 0.1,
            },
        );
        lat.backoff = vec![0.01, 0.01];
        lat.insert[1] = 0.01;
        let latin = b"ab";
        let f = lat.forward(latin);
        lat.finish();
        assert!((lat.forward(latin) - f).abs() < 1e-15);
        let mut beta = vec![0.0; 3 * 3];
        lat.backward_into(latin, &mut beta);
        assert!((f - beta[0]).abs() < 1e-12);
        assert!(f > 0.5 * 0.6 + 0.3 * 0.2 + 0.1);
        let best = lat.kbest(3, &[]);
        assert_eq!(best[0].0, "ab");
    }
}
