//! How well a name token in a non-Latin script and a Latin token spell the same name.
//!
//! Generic transliteration (any_ascii, ICU) turns "조지 워싱턴" into "joji wosingteon" and "محمد"
//! into "mhmd": fine for a person reading it, poor for matching it against "George Washington"
//! or "Mohammed". Names are not spelled by rule: Hangul writes foreign names by ear, Arabic
//! leaves out the vowels, lists spell DPRK names in McCune–Reischauer ("Kim Chong-un") and South
//! Korean ones in Revised Romanization or the bearer's own habit ("Park Geun-hye"). This module
//! learns that from data.
//!
//! # Model
//! A native token is split into *units* ([`units`]: jamo for Hangul, letters, kana, Han
//! characters). The learned model ([`model`]) gives, for each unit in its context (left and right
//! neighbour), a distribution over the short Latin chunks (0 – kmax letters) it is spelled as.
//! Together they form a [`lattice`]; the probability of a Latin token is the sum over all its
//! monotone alignments with the units (forward algorithm). The model is trained by EM over
//! those alignments (a pair-HMM with many-to-many steps) on the public word and name pairs of
//! the shared data (see *Retraining*).
//!
//! For Hangul, Han and Cyrillic a second, hand-written *reading* lattice is kept beside the
//! learned one: Korean personal names as lists romanise them ([`korean`]), Mandarin readings in
//! Pinyin and Wade–Giles plus common surname spellings ([`chinese`]), BGN/PCGN and passport
//! spellings of Cyrillic ([`cyrillic`]). The data hardly has those: its pairs are mostly names of
//! every origin written in the native script.
//!
//! # Score
//! For each lattice, `t = ln(P(latin) / P(best spelling))`: how much less likely the Latin token
//! is than the best spelling of the native token, and `x = t / units`. A logistic calibration
//! ([`model::Calibration`]) fitted on held-out training pairs (matching pairs against random and
//! look-alike non-matching ones) maps (`x`, `t`) to [0, 1], scaled so that the best spelling
//! scores 1.0. [`similarity`] is the
//! highest score over the token's lattices. At ≥ 0.8 the pair is the same name with high
//! precision; the evaluation figures are in the real-data test `tests/crossscript.rs`.
//!
//! # Speed
//! Everything that depends on the native token alone (its lattices, best spellings) is computed
//! once and cached per thread; a call then costs one forward pass (a few µs on short tokens).
//! For many Latin tokens against one native token, [`Prepared`] skips even the cache look-up.
//!
//! # Why written here
//! No crate learns name-transliteration similarity: transliterators produce one spelling by
//! rule (see DEPENDENCIES.md), phonetic keys (Double Metaphone, Beider–Morse) each see only
//! Latin, and the only Korean romaniser crate is GPL. The model files are small text files
//! (`crates/names/data/crossscript/*.model`), compiled in with `include_str!` and parsed on first
//! use; the test suite parses every one of them, so they cannot fail at run time.
//!
//! # Retraining
//! ```text
//! cargo run --release -p embargo-train-crossscript -- --data ../shared/data \
//!     --out crates/names/data/crossscript
//! ```
//! then `cargo test --release -p embargo-names --test crossscript -- --ignored --nocapture`
//! for the figures. The trainer never reads the evaluation rows (the first
//! [`eval::EVAL_ROWS`] of each file).
//!
//! ```
//! use embargo_names::crossscript::{romanize, similarity};
//! assert!(similarity("Путин", "putin") >= 0.9);
//! assert!(similarity("محمد", "muhammad") >= 0.8);
//! assert!(similarity("조지", "washington") < 0.3);
//! assert_eq!(romanize("김정은")[0], "kim jong un");
//! ```

pub mod chinese;
pub mod cyrillic;
pub mod eval;
pub mod korean;
pub mod korean_cyrillic;
pub mod lattice;
pub mod model;
pub mod units;

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use lattice::Lattice;
use model::{Calibration, LogRatio, ScriptModel};
pub use units::{script_of, Script};

/// The compiled-in model text of each script, in [`Script::ALL`] order.
const MODEL_TEXT: [&str; 6] = [
    include_str!("../data/crossscript/hangul.model"),
    include_str!("../data/crossscript/arabic.model"),
    include_str!("../data/crossscript/cyrillic.model"),
    include_str!("../data/crossscript/han.model"),
    include_str!("../data/crossscript/katakana.model"),
    include_str!("../data/crossscript/hebrew.model"),
];

static MODELS: [OnceLock<ScriptModel>; 6] = [
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
];

/// The compiled-in model of a script, parsed on first use.
pub fn model(script: Script) -> &'static ScriptModel {
    let i = script as usize;
    MODELS[i].get_or_init(|| {
        // The files are part of the source tree and parsed by the tests: a failure here is a
        // build defect, not an input error.
        ScriptModel::parse(MODEL_TEXT[i]).expect("compiled-in crossscript model parses")
    })
}

/// Name of the learned lattice's calibration.
pub const LEARNED: &str = "learned";
/// Name of the reading lattice's calibration (Korean names, Mandarin readings).
pub const RULES: &str = "rules";

/// One lattice of a prepared token, with what is needed to score against it.
#[derive(Clone, Debug)]
struct Path {
    lattice: Lattice,
    /// Probability of the best spelling.
    best: f64,
    /// Normaliser of the log ratio (units).
    norm: f64,
    calibration: Calibration,
    /// Best spellings (display form), most probable first.
    spellings: Vec<String>,
}

impl Path {
    fn new(lattice: Lattice, breaks: &[usize], calibration: Calibration) -> Path {
        let mut spellings: Vec<(String, f64)> = lattice
            .kbest(6, breaks)
            .into_iter()
            .map(|(s, _)| {
                let letters: Vec<u8> = s.bytes().filter(u8::is_ascii_lowercase).collect();
                let p = lattice.forward(&letters);
                (s, p)
            })
            .collect();
        spellings.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let best = spellings.first().map_or(0.0, |s| s.1);
        Path {
            norm: lattice.len().max(1) as f64,
            lattice,
            best,
            calibration,
            spellings: spellings.into_iter().map(|s| s.0).collect(),
        }
    }

    fn log_ratio(&self, latin: &[u8]) -> LogRatio {
        let p = self.lattice.forward(latin);
        let total = if p <= 0.0 || self.best <= 0.0 {
            f64::NEG_INFINITY
        } else {
            (p / self.best).ln().min(0.0)
        };
        LogRatio {
            total,
            units: self.norm,
        }
    }
}

/// A native token made ready for scoring against many Latin tokens.
///
/// ```
/// use embargo_names::crossscript::Prepared;
/// let p = Prepared::new("بوتين").unwrap();
/// assert!(p.similarity("putin") > p.similarity("martin"));
/// ```
#[derive(Clone, Debug)]
pub struct Prepared {
    script: Script,
    learned: Path,
    rules: Option<Path>,
    /// Whether the reading lattice's spelling is shown first.
    rules_first: bool,
    /// A Cyrillic token's readings as Korean syllables ([`korean_cyrillic`]), if it has any.
    korean: Vec<(String, f64)>,
}

impl Prepared {
    /// Prepare a native token with the compiled-in model. `None` if the token is not in a
    /// script the model knows (Latin, digits…).
    pub fn new(native: &str) -> Option<Prepared> {
        let script = script_of(native)?;
        Prepared::with_model(native, model(script))
    }

    /// Prepare a native token with a given model (the trainer scores with the model it is
    /// training). `None` if the token is not in the model's script.
    pub fn with_model(native: &str, model: &ScriptModel) -> Option<Prepared> {
        let u = units::segment(native)?;
        if u.script != model.script {
            return None;
        }
        let learned = Path::new(model.lattice(&u.units), &[], model.calibration(LEARNED));
        let (rules, rules_first) = match u.script {
            Script::Hangul if !u.syllables.is_empty() => {
                let (lat, starts) = korean::lattice(&u.syllables);
                let first = korean::looks_like_korean_name(&u.syllables);
                (
                    Some(Path::new(lat, &starts, model.calibration(RULES))),
                    first,
                )
            }
            Script::Han => {
                let lat = chinese::lattice(&u.units);
                let breaks: Vec<usize> = (1..u.units.len()).collect();
                (
                    Some(Path::new(lat, &breaks, model.calibration(RULES))),
                    true,
                )
            }
            Script::Cyrillic => {
                let lat = cyrillic::lattice(&u.units);
                (Some(Path::new(lat, &[], model.calibration(RULES))), true)
            }
            _ => (None, false),
        };
        let korean = if u.script == Script::Cyrillic {
            korean_cyrillic::readings(native)
        } else {
            Vec::new()
        };
        Some(Prepared {
            script: u.script,
            learned,
            rules,
            rules_first,
            korean,
        })
    }

    /// The token's script.
    pub fn script(&self) -> Script {
        self.script
    }

    /// Log-likelihood ratios against the best spelling, for the learned lattice and the reading
    /// lattice (if any). What the calibration sees; used by the trainer.
    pub fn log_ratios(&self, latin: &str) -> (LogRatio, Option<LogRatio>) {
        let letters = letters(latin);
        (
            self.learned.log_ratio(&letters),
            self.rules.as_ref().map(|r| r.log_ratio(&letters)),
        )
    }

    /// Similarity in [0, 1] with a Latin token; see [`similarity`].
    pub fn similarity(&self, latin: &str) -> f64 {
        // On the stack for tokens of ordinary length: this runs for every Latin token a query's
        // native tokens meet.
        let mut stack = [0u8; 48];
        let heap;
        let letters: &[u8] = if latin.len() <= stack.len() {
            let mut k = 0;
            for b in latin.bytes().filter(u8::is_ascii_alphabetic) {
                stack[k] = b.to_ascii_lowercase();
                k += 1;
            }
            &stack[..k]
        } else {
            heap = letters(latin);
            &heap
        };
        if letters.is_empty() {
            return 0.0;
        }
        let score = |p: &Path| p.calibration.apply(p.log_ratio(letters));
        let mut s = score(&self.learned);
        if let Some(r) = &self.rules {
            s = s.max(score(r));
        }
        if !self.korean.is_empty() {
            // `letters` is ASCII by construction.
            let latin = std::str::from_utf8(letters).unwrap_or_default();
            s = s.max(korean_cyrillic::similarity(&self.korean, latin));
        }
        s
    }

    /// Best Latin spellings, most likely first; see [`romanize`].
    pub fn romanize(&self) -> Vec<String> {
        let learned = self.learned.spellings.iter().take(3);
        let rules = self.rules.iter().flat_map(|r| r.spellings.iter().take(3));
        let ordered: Vec<&String> = if self.rules_first {
            rules.chain(learned).collect()
        } else {
            learned.chain(rules).collect()
        };
        let mut out: Vec<String> = Vec::new();
        for s in ordered {
            if !out.contains(s) {
                out.push(s.clone());
            }
        }
        out
    }
}

/// Lowercase ASCII letters of a Latin token (spaces, hyphens, digits dropped).
fn letters(latin: &str) -> Vec<u8> {
    latin
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

/// Most tokens a thread keeps prepared before it starts over.
const CACHE_SIZE: usize = 8192;

thread_local! {
    static CACHE: RefCell<HashMap<String, Option<Rc<Prepared>>>> = RefCell::new(HashMap::default());
}

thread_local! {
    /// The token asked last: search asks for one query token against thousands of Latin
    /// tokens in a row, and hashing it each time was a tenth of the cost.
    static LAST: RefCell<(String, Option<Rc<Prepared>>)> = const { RefCell::new((String::new(), None)) };
}

/// The prepared form of a token, from this thread's cache.
fn prepared(native: &str) -> Option<Rc<Prepared>> {
    if let Some(p) = LAST.with(|l| {
        let l = l.borrow();
        (!l.0.is_empty() && l.0 == native).then(|| l.1.clone())
    }) {
        return p;
    }
    let p = prepared_uncached(native);
    LAST.with(|l| {
        let mut l = l.borrow_mut();
        l.0.clear();
        l.0.push_str(native);
        l.1 = p.clone();
    });
    p
}

/// [`prepared`] from the per-thread table.
fn prepared_uncached(native: &str) -> Option<Rc<Prepared>> {
    CACHE.with(|c| {
        if let Some(p) = c.borrow().get(native) {
            return p.clone();
        }
        let p = Prepared::new(native).map(Rc::new);
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_SIZE {
            c.clear();
        }
        c.insert(native.to_string(), p.clone());
        p
    })
}

/// Best Latin spelling(s) of a native token, lowercase ASCII, most likely first (for index keys
/// and display). Empty if the token is not in a script the model knows.
///
/// A Korean personal name written as one token comes back split into syllables, the way lists
/// write it before joining the given name: "김정은" → "kim jong un" (then "kim jeong eun", …),
/// and a Han token one syllable per character ("金正恩" → "jin zheng en"). Other tokens come
/// back as one word ("워싱턴" → "washington"-like). Strip the spaces for a single key.
pub fn romanize(token: &str) -> Vec<String> {
    prepared(token).map(|p| p.romanize()).unwrap_or_default()
}

/// Similarity in [0, 1] that `native` (one token in a non-Latin script) and `latin` (one
/// lowercase ASCII token, normalised: no diacritics or punctuation) spell the same name.
/// 1.0 = as likely as the best spelling; ≥ 0.8 means the same name with high precision.
/// Characters of `latin` other than ASCII letters are ignored, so "jong un", "jong-un" and
/// "jongun" score alike. 0.0 if `native` is not in a script the model knows.
///
/// ```
/// use embargo_names::crossscript::similarity;
/// assert!(similarity("김정은", "kimjongun") >= 0.8);
/// assert!(similarity("김정은", "kimchongun") >= 0.8);
/// ```
pub fn similarity(native: &str, latin: &str) -> f64 {
    prepared(native).map_or(0.0, |p| p.similarity(latin))
}

/// A simple full-name score built on [`similarity`], the one the evaluation uses: native and
/// Latin tokens are aligned greedily one to one (best pair first), where one native token may
/// also match up to three consecutive Latin tokens joined ("김정은" ↔ "kim jong un") and one
/// Latin token two consecutive native tokens; the score is the average similarity of the
/// aligned tokens weighted by their length (native tokens weigh the length of their best
/// spelling), unaligned tokens counting 0. Native tokens that are Latin or digits compare by
/// exact equality; a regnal number ("9세") matches its Roman numeral ("ix"); the Korean
/// possessive particle 의 at the end of a token is optional ("카스티야의" ↔ "castile").
///
/// ```
/// use embargo_names::crossscript::name_similarity;
/// assert!(name_similarity(&["조지", "워싱턴"], &["george", "washington"]) > 0.8);
/// assert!(name_similarity(&["김정은"], &["kim", "jong", "un"]) > 0.8);
/// assert!(name_similarity(&["루이", "9세"], &["louis", "ix"]) > 0.8);
/// ```
pub fn name_similarity(native: &[&str], latin: &[&str]) -> f64 {
    let tokens: Vec<Option<Rc<Prepared>>> = native.iter().map(|t| prepared(t)).collect();
    // Korean writes "of X" as "X의": the particle is not part of the name.
    let without_particle: Vec<Option<Rc<Prepared>>> = native
        .iter()
        .map(|t| {
            let base = t.strip_suffix('의')?;
            (base.chars().count() >= 2)
                .then(|| prepared(base))
                .flatten()
        })
        .collect();
    name_similarity_with(
        native,
        latin,
        |i, span: &str| {
            if let Some(n) = ordinal(native[i]) {
                return f64::from(u8::from(span == n.to_string() || span == roman(n)));
            }
            let mut s = match &tokens[i] {
                Some(p) => p.similarity(span),
                None => f64::from(u8::from(native[i].to_lowercase() == span)),
            };
            if let Some(p) = &without_particle[i] {
                s = s.max(p.similarity(span));
            }
            s
        },
        |i| match &tokens[i] {
            Some(p) => p
                .learned
                .spellings
                .first()
                .map_or(native[i].chars().count(), |s| s.len()),
            None => native[i].chars().count(),
        },
    )
}

/// A regnal or ordinal number token: digits, optionally followed by 세 / 世 (Korean, Chinese and
/// Japanese "the Nth": 루이 9세 = Louis IX).
fn ordinal(token: &str) -> Option<u32> {
    let digits = token.trim_end_matches(['세', '世']);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| (1..40).contains(n))
}

/// Lowercase Roman numeral of 1 ..= 39.
fn roman(n: u32) -> String {
    let tens = ["", "x", "xx", "xxx"];
    let ones = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    format!("{}{}", tens[(n / 10) as usize % 4], ones[(n % 10) as usize])
}

/// [`name_similarity`] with the token similarity and the native token weights given: `sim(i,
/// latin)` scores native token `i` (or, for `i >= native.len()`, the join of native tokens
/// `i - native.len()` and the next) against Latin text.
fn name_similarity_with(
    native: &[&str],
    latin: &[&str],
    sim: impl Fn(usize, &str) -> f64,
    weight: impl Fn(usize) -> usize,
) -> f64 {
    let wn: Vec<f64> = (0..native.len()).map(|i| weight(i) as f64).collect();
    let wl: Vec<f64> = latin.iter().map(|t| t.len() as f64).collect();
    let total: f64 = wn.iter().sum::<f64>() + wl.iter().sum::<f64>();
    if total == 0.0 {
        return 0.0;
    }
    // (score, native range, latin range)
    let mut cands: Vec<(f64, (usize, usize), (usize, usize))> = Vec::new();
    for i in 0..native.len() {
        for a in 0..latin.len() {
            for b in a + 1..=(a + 3).min(latin.len()) {
                let span: String = latin[a..b].concat();
                cands.push((sim(i, &span), (i, i + 1), (a, b)));
            }
        }
    }
    // one Latin token against two native tokens written apart
    for i in 0..native.len().saturating_sub(1) {
        let joined = format!("{}{}", native[i], native[i + 1]);
        if script_of(&joined).is_none() {
            continue;
        }
        if let Some(p) = prepared(&joined) {
            for (a, t) in latin.iter().enumerate() {
                cands.push((p.similarity(t), (i, i + 2), (a, a + 1)));
            }
        }
    }
    cands.sort_by(|x, y| {
        y.0.total_cmp(&x.0).then_with(|| {
            (x.1 .1 - x.1 .0 + x.2 .1 - x.2 .0).cmp(&(y.1 .1 - y.1 .0 + y.2 .1 - y.2 .0))
        })
    });
    let mut used_n = vec![false; native.len()];
    let mut used_l = vec![false; latin.len()];
    let mut sum = 0.0;
    for (s, (n0, n1), (l0, l1)) in cands {
        if s <= 0.0 {
            break;
        }
        if used_n[n0..n1].iter().any(|&u| u) || used_l[l0..l1].iter().any(|&u| u) {
            continue;
        }
        used_n[n0..n1].iter_mut().for_each(|u| *u = true);
        used_l[l0..l1].iter_mut().for_each(|u| *u = true);
        let w: f64 = wn[n0..n1].iter().sum::<f64>() + wl[l0..l1].iter().sum::<f64>();
        sum += s * w;
    }
    sum / total
}
