//! Korean names in Latin letters, by rule: which spellings a Hangul name has.
//!
//! A Hangul syllable is an initial consonant, a vowel and an optional final consonant, and each
//! has a handful of Latin spellings across the romanisations lists use: Revised Romanisation
//! ("Jeong", South Korean passports), McCune–Reischauer ("Chŏng", Western lists), the North
//! Korean variant ("Jong", UN and OFAC DPRK entries) and popular spellings ("Jung", "Moon",
//! "Huh"). A Latin name that can be cut into spellings of the syllables, in order, is that name;
//! one that needs an edit to get there is another name more often than a typo ("Jong Hun" is not
//! "Jong Un", "Byong Chol" is not "Yong Chol").
//!
//! Written by hand, not learned: the learned cross-script model
//! ([`crate::crossscript`]) is trained on names of every origin written in Hangul and is rightly
//! lenient with foreign names ("조지" ↔ "George"), but too lenient for Korean names, whose few
//! syllables collide: it drops an initial consonant for a small cost. The rules decide whenever
//! the Latin looks like a Korean spelling of the syllables; the model keeps the rest.

/// Latin spellings of the 19 initial consonants (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ).
const INITIALS: [&[&str]; 19] = [
    &["g", "k"],
    &["kk", "gg", "k"],
    &["n"],
    &["d", "t"],
    &["tt", "dd", "t"],
    &["r", "l", "n"],
    &["m"],
    &["b", "p"],
    &["pp", "bb", "p"],
    &["s", "sh"],
    &["ss", "s"],
    &[""],
    &["j", "ch"],
    &["jj", "tch", "ch"],
    &["ch", "chh"],
    &["k", "kh"],
    &["t", "th"],
    &["p", "ph"],
    &["h"],
];

/// Latin spellings of the 21 vowels (ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ).
const VOWELS: [&[&str]; 21] = [
    &["a"],
    &["ae", "ai", "e"],
    &["ya"],
    &["yae", "ye"],
    &["eo", "o", "u", "eu"],
    &["e"],
    &["yeo", "yo", "you", "yu"],
    &["ye"],
    &["o", "oh"],
    &["wa"],
    &["wae", "we"],
    &["oe", "oi", "we"],
    &["yo"],
    &["u", "oo", "woo"],
    &["wo", "weo"],
    &["we"],
    &["wi", "wee"],
    &["yu", "yoo"],
    &["eu", "u"],
    &["ui", "eui"],
    &["i", "ee"],
];

/// Latin spellings of the 28 finals (none, ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ).
const FINALS: [&[&str]; 28] = [
    &[""],
    &["k", "g"],
    &["k"],
    &["k"],
    &["n"],
    &["n"],
    &["n"],
    &["t", "d"],
    &["l", "r"],
    &["k", "l"],
    &["m"],
    &["l"],
    &["l"],
    &["l"],
    &["p"],
    &["l"],
    &["m"],
    &["p", "b"],
    &["p"],
    &["t", "s"],
    &["t", "s"],
    &["ng"],
    &["t", "j"],
    &["t"],
    &["k"],
    &["t"],
    &["p"],
    &["t", "h"],
];

/// Conventional spellings of family names that the rules don't give ("Lee", "Park", "Choi",
/// "Rhee", "Noh"), used for a name's first syllable.
const SURNAMES: &[(char, &[&str])] = &[
    ('이', &["lee", "yi", "rhee", "ri", "li", "rie"]),
    ('리', &["lee", "yi", "rhee", "li"]),
    ('박', &["park", "pak", "bak", "bark"]),
    ('최', &["choi", "choe", "chwe", "che", "choy"]),
    ('노', &["noh", "roh", "ro", "no"]),
    ('류', &["ryu", "yoo", "yu", "lyu", "ryoo", "you"]),
    ('유', &["yoo", "yu", "you", "ryu"]),
    ('임', &["lim", "im", "rim", "yim"]),
    ('림', &["rim", "lim", "im"]),
    ('오', &["oh", "o"]),
    ('안', &["ahn", "an"]),
    ('손', &["sohn", "son"]),
    ('허', &["heo", "huh", "hur", "ho", "her"]),
    ('신', &["shin", "sin"]),
    ('조', &["cho", "jo", "joe", "jho"]),
    ('우', &["woo", "wu", "u"]),
    ('주', &["joo", "ju", "chu", "choo"]),
    ('여', &["yeo", "yuh", "yo"]),
    ('양', &["yang", "ryang"]),
    ('량', &["ryang", "yang"]),
    ('나', &["na", "ra", "rah", "nah"]),
    ('라', &["ra", "la", "na"]),
    ('백', &["baek", "paek", "paik", "baik", "back"]),
    ('엄', &["eom", "um", "uhm", "om"]),
    ('염', &["yeom", "yum", "yom", "ryom"]),
    ('육', &["yuk", "yook", "ryuk"]),
    ('도', &["do", "doh", "to"]),
    ('고', &["ko", "go", "koh"]),
    ('구', &["koo", "ku", "gu"]),
    ('문', &["moon", "mun"]),
    ('윤', &["yoon", "yun"]),
    ('명', &["myung", "myeong", "myong"]),
    ('하', &["ha", "hah"]),
    ('서', &["seo", "suh", "so", "sur"]),
    ('석', &["seok", "suk", "sok"]),
    ('선', &["sun", "seon", "son"]),
    ('전', &["jeon", "chun", "jun", "chon", "jon"]),
    ('천', &["cheon", "chun", "chon"]),
    ('정', &["jung", "jeong", "chung", "chong", "jong", "joung"]),
    ('성', &["sung", "seong", "song"]),
    ('권', &["kwon", "gwon", "kweon"]),
    ('곽', &["kwak", "gwak"]),
];

/// The letters a Latin spelling of a Hangul word may begin with, by its first syllable's initial
/// consonant (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ): the Korean romanisations'
/// ([`INITIALS`], the family names' conventional spellings), and the letters the sounds stand
/// for in the foreign names Korean transcribes (ㅂ for v and w: 빅토르 Viktor, 빌헬름
/// Wilhelm; ㅍ for v: 폰 von; ㅈ for g: 조지 George; ㅎ and ㅇ for j: 후안 Juan, 요한
/// Johann; ㅎ for r and kh: 호나우두 Ronaldo, 호도르콥스키 Khodorkovsky; ㅅ for c, z and th:
/// 세실 Cecil, 시어도어 Theodore; ㅆ for ts: 쓰토무 Tsutomu; ㅇ for h, w, y and Greek g: 위고
/// Hugo, 워싱턴 Washington, 요르고스 Giorgos; ㅊ, ㅈ, ㅋ for pinyin x and q).
/// A Latin word beginning with any other letter is no spelling of the word, and the
/// cross-script pairings skip it before pricing it: a Hangul query meets thousands of listed
/// words, and most are cut here for the cost of a table lookup.
const FIRST_LETTERS: [&str; 19] = [
    "gkcq",
    "kgcq",
    "nrlk",
    "dt",
    "dt",
    "rlnyij",
    "m",
    "bpvwf",
    "pb",
    "sczxt",
    "sczt",
    "aeiouywhjlrng",
    "jcgzdtsx",
    "jczt",
    "ctzjsxgq",
    "kcqgx",
    "td",
    "pfbv",
    "hjgxwfrk",
];

/// Whether `latin` may be a spelling of the Hangul word `native` as far as its
/// first letter tells (see [`FIRST_LETTERS`]); always when `native` does not begin with a Hangul
/// syllable or `latin` with a letter a to z.
pub fn may_begin(native: &str, latin: &str) -> bool {
    may_begin_with(native, latin.as_bytes().first().copied())
}

/// [`may_begin`] given only the first byte of the Latin text (`None` when it is empty): what
/// callers holding that byte apart from the text use.
pub fn may_begin_with(native: &str, latin_first: Option<u8>) -> bool {
    let (Some((initial, _, _)), Some(first)) = (native.chars().next().and_then(jamo), latin_first)
    else {
        return true;
    };
    let first = first.to_ascii_lowercase();
    !first.is_ascii_lowercase() || FIRST_LETTERS[initial].as_bytes().contains(&first)
}

/// The parts of a precomposed Hangul syllable: (initial, vowel, final) indices.
fn jamo(c: char) -> Option<(usize, usize, usize)> {
    let code = (c as u32).checked_sub(0xAC00)?;
    if code >= 11_172 {
        return None;
    }
    let code = code as usize;
    Some((code / 588, (code % 588) / 28, code % 28))
}

/// Every rule spelling of syllable `c`, appended to `buf` one after another, each one's end
/// pushed to `ends`; with the conventional family-name spellings when `surname`. Into shared
/// buffers rather than a `Vec<String>`: [`edits`] runs for every Hangul token against every run
/// of Latin words of every candidate, and the allocations were most of its cost.
fn spellings_into(c: char, surname: bool, buf: &mut Vec<u8>, ends: &mut Vec<usize>) -> bool {
    let Some((i, v, f)) = jamo(c) else {
        return false;
    };
    for ini in INITIALS[i] {
        for vow in VOWELS[v] {
            // "woo" only stands for ㅜ with a silent initial; "oh" only for an open ㅗ.
            if (*vow == "woo" && i != 11) || (*vow == "oh" && f != 0) {
                continue;
            }
            for fin in FINALS[f] {
                buf.extend_from_slice(ini.as_bytes());
                buf.extend_from_slice(vow.as_bytes());
                buf.extend_from_slice(fin.as_bytes());
                ends.push(buf.len());
            }
        }
    }
    if surname {
        if let Some((_, extra)) = SURNAMES.iter().find(|(s, _)| *s == c) {
            for s in extra.iter() {
                buf.extend_from_slice(s.as_bytes());
                ends.push(buf.len());
            }
        }
    }
    true
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w')
}

/// Longest spelling [`prefix_distances`] computes on the stack (rule spellings are at most
/// eight letters; longer ones take a heap row).
const STACK_ROW: usize = 16;

/// Half-edit cost of adding or dropping a letter: a vowel 1, a consonant 2.
fn indel_cost(x: u8) -> usize {
    if is_vowel(x) {
        1
    } else {
        2
    }
}

/// Edit distance in half-edits of every prefix `a[..m]` (`m >= lo`) to `b`, reported to `found`
/// as `(m, distance)` when at most `budget`: a vowel added, dropped or changed costs 1, any edit
/// of a consonant 2. Korean syllables are told apart by their consonants ("Jong Hun" / "Jong
/// Un", "Byong" / "Yong"); vowels vary between romanisations and transcriptions ("Henry" / 헨리
/// "henri").
///
/// One table serves every prefix (row `m` ends in the distance of `a[..m]`), and since no row's
/// minimum is below the one before, the rows stop once every cell is over `budget`: the caller
/// only needs the distances that keep a spelling within its cap, and most text is far from
/// every spelling.
fn prefix_distances(
    a: &[u8],
    b: &[u8],
    lo: usize,
    budget: usize,
    found: &mut impl FnMut(usize, usize),
) {
    if b.len() < STACK_ROW {
        let mut x = [0usize; STACK_ROW];
        let mut y = [0usize; STACK_ROW];
        prefix_distances_in(
            a,
            b,
            lo,
            budget,
            &mut x[..=b.len()],
            &mut y[..=b.len()],
            found,
        );
    } else {
        let mut x = vec![0; b.len() + 1];
        let mut y = vec![0; b.len() + 1];
        prefix_distances_in(a, b, lo, budget, &mut x, &mut y, found);
    }
}

/// [`prefix_distances`] with two rows of `b.len() + 1` cells to work in.
fn prefix_distances_in<'r>(
    a: &[u8],
    b: &[u8],
    lo: usize,
    budget: usize,
    mut prev: &'r mut [usize],
    mut row: &'r mut [usize],
    found: &mut impl FnMut(usize, usize),
) {
    prev[0] = 0;
    for (j, &y) in b.iter().enumerate() {
        prev[j + 1] = prev[j] + indel_cost(y);
    }
    if lo == 0 && prev[b.len()] <= budget {
        found(0, prev[b.len()]);
    }
    for (m, &x) in a.iter().enumerate() {
        let vx = is_vowel(x);
        let cx = if vx { 1 } else { 2 };
        row[0] = prev[0] + cx;
        let mut least = row[0];
        for (j, &y) in b.iter().enumerate() {
            let sub = if x == y {
                0
            } else if vx && is_vowel(y) {
                1
            } else {
                2
            };
            let v = (prev[j] + sub)
                .min(prev[j + 1] + cx)
                .min(row[j] + indel_cost(y));
            row[j + 1] = v;
            least = least.min(v);
        }
        if m + 1 >= lo && row[b.len()] <= budget {
            found(m + 1, row[b.len()]);
        }
        if least > budget {
            return;
        }
        std::mem::swap(&mut prev, &mut row);
    }
}

/// The fewest half-edits (see [`prefix_distances`]) that turn `latin` into some rule spelling of the Hangul `native`, syllable by syllable and in order; `None` if
/// `native` is not all Hangul syllables.
pub fn edits(native: &str, latin: &str) -> Option<usize> {
    edits_within(native, latin, usize::MAX / 8)?
}

/// The rule spellings of one native token and the tables of [`edits_within`], kept per thread:
/// it runs for every Hangul token of a query against every run of Latin words of every
/// candidate, always for the same few tokens, and building the spellings and allocating the
/// tables per call was most of its cost.
#[derive(Default)]
struct Work {
    /// The token the spellings are of.
    native: String,
    /// Whether it is all Hangul syllables (of at most 8).
    hangul: bool,
    /// Spellings of syllable k: `buf[ends[e - 1] .. ends[e]]` for e in `per[k]`.
    buf: Vec<u8>,
    ends: Vec<usize>,
    per: Vec<(usize, usize)>,
    letters: Vec<u8>,
    best: Vec<usize>,
    next: Vec<usize>,
}

impl Work {
    fn prepare(&mut self, native: &str) {
        if self.native == native && !self.native.is_empty() {
            return;
        }
        self.native.clear();
        self.native.push_str(native);
        self.buf.clear();
        self.ends.clear();
        self.per.clear();
        let n = native.chars().count();
        self.hangul = n > 0 && n <= 8;
        if !self.hangul {
            return;
        }
        for (k, c) in native.chars().enumerate() {
            let first = self.ends.len();
            if !spellings_into(c, k == 0, &mut self.buf, &mut self.ends) {
                self.hangul = false;
                return;
            }
            self.per.push((first, self.ends.len()));
        }
    }
}

thread_local! {
    static WORK: std::cell::RefCell<Work> = std::cell::RefCell::new(Work::default());
}

/// A letter doubled across a syllable boundary is one: Hangul has no geminates to spell, so
/// the doubled letter is the end of one syllable or the start of the next, written twice
/// ("Annan" is 아난 "a-nan", "Kimm" is 김 "kim"). `next[q]` (a spelling of the syllables so far
/// as the first `q` letters) also stands for the first `q + 1` letters when letter `q` repeats
/// a neighbour.
fn skip_doubled(l: &[u8], next: &mut [usize]) {
    for q in 0..l.len() {
        let doubled = (q > 0 && l[q] == l[q - 1]) || (q + 1 < l.len() && l[q] == l[q + 1]);
        if doubled && next[q] < next[q + 1] {
            next[q + 1] = next[q];
        }
    }
}

/// [`edits`] when at most `cap`: `None` if `native` is not all Hangul syllables, `Some(None)`
/// if every spelling is more than `cap` half-edits away. Costs only grow along a spelling, so
/// partial spellings already above `cap` are dropped: [`similarity`] needs to know only 0, 1, 2
/// or more, and most Latin text it meets is far from any spelling.
fn edits_within(native: &str, latin: &str, cap: usize) -> Option<Option<usize>> {
    WORK.with(|w| {
        let mut w = w.borrow_mut();
        let w = &mut *w;
        w.prepare(native);
        if !w.hangul {
            return None;
        }
        let Work {
            buf,
            ends,
            per,
            letters: l,
            best,
            next,
            ..
        } = w;
        l.clear();
        l.extend(
            latin
                .bytes()
                .filter(u8::is_ascii_alphabetic)
                .map(|b| b.to_ascii_lowercase()),
        );
        const INF: usize = usize::MAX / 4;
        // best[p]: fewest edits spelling the syllables so far as the first p letters.
        best.clear();
        best.resize(l.len() + 1, INF);
        next.clear();
        next.resize(l.len() + 1, INF);
        best[0] = 0;
        for &(first, last) in per.iter() {
            next.fill(INF);
            for p in 0..=l.len() {
                if best[p] > cap {
                    continue;
                }
                let base = best[p];
                for e in first..last {
                    let start = if e == 0 { 0 } else { ends[e - 1] };
                    let v = &buf[start..ends[e]];
                    // Spellings of this syllable may take v.len() - 1 ..= v.len() + 1 letters.
                    let lo = v.len().saturating_sub(1);
                    let hi = (p + v.len() + 1).min(l.len());
                    if hi < p + lo {
                        continue;
                    }
                    prefix_distances(&l[p..hi], v, lo, cap - base, &mut |m, d| {
                        let cost = base + d;
                        if cost < next[p + m] {
                            next[p + m] = cost;
                        }
                    });
                }
            }
            skip_doubled(l, next);
            std::mem::swap(best, next);
        }
        Some(Some(best[l.len()]).filter(|&c| c <= cap))
    })
}

/// Similarity of a Hangul name token and Latin text when the rules can judge it: 1.0 for a
/// rule spelling; `None` when the rules leave it to the learned model ("George" for 조지:
/// foreign names spelt in Hangul).
///
/// Latin that is itself a Korean spelling, syllable for syllable ("Kim", "Kyong Ok", "Song
/// Chol"), is held to the rules, where the model is too lenient with Korean names, whose few
/// syllables collide:
/// - one syllable (Korean-shaped tokens of one syllable are common family names) is only its
///   spellings: "임" is not "Kim", "이" not "Ra", "주" not "Cho";
/// - a longer name one or two half-edits from a spelling gets 0.6 (a variant the rules lack,
///   or another name); further off, it is another Korean name (0.0) unless the model is sure
///   (at least [`MODEL_SURE`]) it is a foreign name that happens to cut into Korean
///   syllables ("George" is 게+얼+… read as "geor ge"): the model gave 0.6–0.7 to 경숙 /
///   "Kyong Ok", 병철 / "Song Chol".
///
/// Other Latin within two half-edits of a spelling gets the better of 0.6 and the model
/// ("Kofi" for 코피: Korean has no f); further off, the model judges. So does any Latin
/// against a token of several syllables with one that is no Sino-Korean reading
/// ([`crate::sino_korean`]): a foreign name ("마틴" / "Martin"), however Korean its Latin
/// looks.
///
/// ```
/// use embargo_names::hangul::similarity;
/// assert_eq!(similarity("김정은", "kimjongun"), Some(1.0));
/// assert_eq!(similarity("김정은", "kimjeongeun"), Some(1.0));
/// assert_eq!(similarity("최", "choe"), Some(1.0));
/// assert!(similarity("정훈", "jongun").unwrap() < 0.7);
/// assert_eq!(similarity("임", "kim"), Some(0.0));
/// assert_eq!(similarity("조지", "george"), None);
/// ```
pub fn similarity(native: &str, latin: &str) -> Option<f64> {
    if !korean_shaped(native) {
        return None;
    }
    let syllables = native.chars().count();
    let edits = edits_within(native, latin, 2)?;
    if edits == Some(0) {
        return Some(1.0);
    }
    if syllables > 1 && !crate::sino_korean::all_readings(native) {
        // A syllable no Chinese character is read as (마틴, 시몬, 피에르): a foreign name written
        // by ear, not a Korean one, and its near spellings ("Martin", "Simone", "Pierre") are
        // the model's to judge, as for Latin that is no Korean spelling (below).
        return edits.map(|_| crate::crossscript::similarity(native, latin).max(0.6));
    }
    let counts = korean_syllable_counts(latin);
    if counts & (1 << syllables) != 0 {
        if syllables == 1 {
            return Some(0.0);
        }
        return match edits {
            Some(_) => Some(0.6),
            None if crate::crossscript::similarity(native, latin) < MODEL_SURE => Some(0.0),
            None => None,
        };
    }
    if counts != 0 {
        // A Korean spelling of more or fewer syllables ("chun" for 지은): another name.
        return edits.map(|_| 0.6);
    }
    edits.map(|_| crate::crossscript::similarity(native, latin).max(0.6))
}

/// How sure the learned model must be that Latin cut into Korean syllables, far from any rule
/// spelling of a Hangul name, still spells it (a foreign name: 조지 / "George", 위고 / "Hugo").
pub const MODEL_SURE: f64 = 0.75;

/// Every Latin spelling the rules give of any Hangul syllable (family-name spellings included),
/// built once, as a trie over the letters a to z: [`korean_syllable_counts`] asks, at every
/// position of a Latin token, which of the next one to eight letters spell a syllable, and one
/// walk down the trie answers for every length at once (a hash set of the spellings cost a hash
/// and a comparison per length, and was a tenth of a Hangul query's time).
fn syllable_spellings() -> &'static SpellingTrie {
    static SET: std::sync::OnceLock<SpellingTrie> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let (mut buf, mut ends) = (Vec::new(), Vec::new());
        let mut trie = SpellingTrie::default();
        for code in 0xAC00u32..0xAC00 + 11_172 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            buf.clear();
            ends.clear();
            spellings_into(c, true, &mut buf, &mut ends);
            let mut start = 0;
            for &e in &ends {
                if e > start {
                    trie.insert(&buf[start..e]);
                }
                start = e;
            }
        }
        trie
    })
}

/// A set of lowercase ASCII words, walked letter by letter.
struct SpellingTrie {
    /// Per node, its child per letter `a`..=`z` (0: none; node 0 is the root, never a child).
    children: Vec<[u32; 26]>,
    /// Per node, whether the letters leading to it are a word of the set.
    word: Vec<bool>,
}

impl Default for SpellingTrie {
    fn default() -> SpellingTrie {
        SpellingTrie {
            children: vec![[0; 26]],
            word: vec![false],
        }
    }
}

impl SpellingTrie {
    /// Add `letters`; a word with any byte outside `a`..=`z` is left out (the letters looked up
    /// are all in that range, so it could never be found).
    fn insert(&mut self, letters: &[u8]) {
        if !letters.iter().all(u8::is_ascii_lowercase) {
            return;
        }
        let mut node = 0usize;
        for &b in letters {
            let slot = usize::from(b - b'a');
            let child = self.children[node][slot];
            node = if child == 0 {
                self.children.push([0; 26]);
                self.word.push(false);
                let n = self.children.len() - 1;
                self.children[node][slot] = n as u32;
                n
            } else {
                child as usize
            };
        }
        self.word[node] = true;
    }
}

/// Whether the letters of `latin` cut into exactly `syllables` rule spellings of Hangul
/// syllables (any syllables): a Korean name in Latin letters ("kyong ok", "songchol"), as
/// opposed to a foreign name ("kofi": Korean has no f; "george").
pub fn spelt_in_korean_syllables(latin: &str, syllables: usize) -> bool {
    syllables <= 16 && korean_syllable_counts(latin) & (1 << syllables) != 0
}

/// Bit k set when the letters of `latin` cut into k rule spellings of Hangul syllables (of at
/// most 16); 0 when they are no Korean spelling at all.
fn korean_syllable_counts(latin: &str) -> u32 {
    // The letters, lowercased, on the stack for any usual token (this runs for every Latin token
    // a Hangul query meets).
    const STACK: usize = 64;
    let mut stack = [0u8; STACK];
    let mut heap = Vec::new();
    let n = latin.bytes().filter(u8::is_ascii_alphabetic).count();
    let l: &mut [u8] = if n <= STACK {
        &mut stack[..n]
    } else {
        heap.resize(n, 0);
        &mut heap
    };
    for (d, b) in l
        .iter_mut()
        .zip(latin.bytes().filter(u8::is_ascii_alphabetic))
    {
        *d = b.to_ascii_lowercase();
    }
    let l: &[u8] = l;
    if l.is_empty() {
        return 0;
    }
    // Letters no rule spelling has.
    if l.iter()
        .any(|b| matches!(b, b'f' | b'q' | b'v' | b'x' | b'z'))
    {
        return 0;
    }
    let trie = syllable_spellings();
    // reach[p]: bit k set when the first p letters cut into k spellings.
    let mut reach_stack = [0u32; STACK + 1];
    let mut reach_heap = Vec::new();
    let reach: &mut [u32] = if n < STACK + 1 {
        &mut reach_stack[..n + 1]
    } else {
        reach_heap.resize(n + 1, 0);
        &mut reach_heap
    };
    reach[0] = 1;
    for p in 0..l.len() {
        if reach[p] == 0 {
            continue;
        }
        let mut node = 0usize;
        for len in 1..=8.min(l.len() - p) {
            let child = trie.children[node][usize::from(l[p + len - 1] - b'a')];
            if child == 0 {
                break;
            }
            node = child as usize;
            if trie.word[node] {
                reach[p + len] |= reach[p] << 1;
            }
        }
    }
    // Bit 0 is the empty cut, which is no spelling.
    reach[l.len()] & !1
}

/// Whether `c` is a Hangul syllable that is a common Korean family name.
pub fn is_common_surname(c: char) -> bool {
    jamo(c).is_some() && COMMON_SURNAMES.contains(c)
}

/// Whether `latin` is exactly a rule spelling of the Hangul syllables `native` (of any shape,
/// unlike [`similarity`]: a reading of another script's Korean spelling, e.g.
/// [`crate::crossscript::korean_cyrillic`], need not look like a personal name).
pub fn is_spelling(native: &str, latin: &str) -> bool {
    matches!(edits_within(native, latin, 0), Some(Some(0)))
}

/// Family names common enough to start a Korean full name written in one token.
const COMMON_SURNAMES: &str = "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형계피두감음빈동온호범좌팽승간상시갈리림량";

/// Whether a Hangul token may be a Korean personal name, which the Korean romanisation rules
/// spell: the shape of one (see [`similarity`]) and, beyond one syllable, only Sino-Korean
/// syllables ([`crate::sino_korean`]). Other Hangul tokens are foreign names written by ear
/// ("마틴", "푸코", "베토벤").
///
/// ```
/// use embargo_names::hangul::may_be_korean_name;
/// assert!(may_be_korean_name("정남"));
/// assert!(may_be_korean_name("안"));
/// assert!(!may_be_korean_name("푸코"));
/// assert!(!may_be_korean_name("워싱턴"));
/// ```
pub fn may_be_korean_name(native: &str) -> bool {
    korean_shaped(native)
        && (native.chars().count() == 1 || crate::sino_korean::all_readings(native))
}

/// Whether a Hangul token has the shape of a Korean personal name, which the rules spell: two
/// syllables (a given name), or one, three or four starting with a common family name. Longer tokens are transcribed foreign names ("아라공" Aragon), for the model.
fn korean_shaped(native: &str) -> bool {
    let n = native.chars().count();
    let first = native.chars().next();
    let surname = first.is_some_and(|c| COMMON_SURNAMES.contains(c));
    n == 2 || ((n == 1 || n == 3 || n == 4) && surname)
}

/// Whether Latin text has about as many syllables as a Hangul token, as any spelling of it
/// has: at least one vowel group per Hangul syllable that carries one (Korean writes a
/// consonant cluster with a silent ㅡ: 시라크 "Chirac" has two syllables that count, 크 does
/// not), and at most one more than all the syllables. "Kun" is no spelling of 예은 however
/// close the model finds it. Tokens in another script, and Hangul tokens of three syllables
/// or more, always agree.
pub fn syllables_agree(native: &str, latin: &str) -> bool {
    let mut all = 0;
    let mut core = 0;
    let n = native.chars().count();
    for (i, c) in native.chars().enumerate() {
        let Some((first, vowel, last)) = jamo(c) else {
            return true;
        };
        all += 1;
        // ㅡ (18) without a final consonant, or before a final ㄹ (8), is the silent vowel of
        // a cluster (크 in 시라크 "Chirac", 를 in 카를 "Carl", 블 in 블룸 "Bloom"); so is a last
        // 슈 or 쉬 (ㅅ with ㅠ 17 or ㅟ 16), a final "sch"/"sh" (보슈 "Bosch", 부슈 "Busch"),
        // which no Korean given name ends with.
        let silent = (vowel == 18 && (last == 0 || last == 8))
            || (i + 1 == n && first == 9 && (vowel == 16 || vowel == 17) && last == 0);
        if !silent {
            core += 1;
        }
    }
    let mut groups = 0;
    // Two vowels that may be read as two syllables (루이 "Louis", 지아 "Jia", 수아 "Sua"):
    // a vowel group holding one counts as one or two.
    let mut hiatus = 0;
    let mut prev = 0u8;
    for b in latin.bytes() {
        let v = syllable_vowel(b);
        if v && !syllable_vowel(prev) {
            groups += 1;
        }
        if v && syllable_vowel(prev) && is_hiatus(prev, b) {
            hiatus += 1;
        }
        prev = b;
    }
    // Only names of one or two syllables (a Korean surname, a Korean given name) are held to
    // it: longer foreign names drop or merge vowels too freely ("하드리아누스" ↔ "Hadrian").
    all > 2 || (groups + hiatus >= core && groups <= all + 1)
}

/// A vowel letter, as syllables are counted (not the glide w).
fn syllable_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Vowel pairs that Korean may write as two syllables. Not the digraphs of the Korean
/// romanisations (ae, eo, eu, oe, ei…), which are one vowel.
fn is_hiatus(a: u8, b: u8) -> bool {
    matches!(
        (a, b),
        (b'i', b'a' | b'o' | b'u')
            | (b'u', b'a' | b'e' | b'i' | b'o')
            | (b'o' | b'e', b'a')
            | (b'a', b'o')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token with a syllable that is no Sino-Korean reading is a foreign name: its near
    /// Korean-looking spellings are the model's, not capped at 0.6; Korean names keep the cap.
    #[test]
    fn foreign_names_are_not_capped_as_korean() {
        assert!(similarity("마틴", "martin").is_some_and(|s| s >= 0.9));
        assert!(similarity("시몬", "simone").is_some_and(|s| s >= 0.9));
        assert_eq!(similarity("정훈", "jongun"), Some(0.6));
        assert_eq!(similarity("민수", "minso"), Some(0.6));
    }

    /// The syllable cuts counted with the trie are those counted by the plain definition (a set
    /// of every syllable spelling, each slice of up to eight letters looked up), on tokens of
    /// Korean and other names, upper case, punctuation and letters no spelling has.
    #[test]
    fn every_rule_spelling_may_begin_its_syllable() {
        for code in 0..11_172u32 {
            let c = char::from_u32(0xAC00 + code).unwrap();
            let (mut buf, mut ends) = (Vec::new(), Vec::new());
            spellings_into(c, true, &mut buf, &mut ends);
            let mut from = 0;
            for &end in &ends {
                let spelling = std::str::from_utf8(&buf[from..end]).unwrap();
                assert!(may_begin(&c.to_string(), spelling), "{c} {spelling}");
                from = end;
            }
        }
    }

    #[test]
    fn foreign_names_may_begin_as_korean_writes_them() {
        for (native, latin) in [
            ("빅토르", "viktor"),
            ("빌헬름", "wilhelm"),
            ("조지", "george"),
            ("후안", "juan"),
            ("요한", "johann"),
            ("세실", "cecil"),
            ("시어도어", "theodore"),
            ("위고", "hugo"),
            ("워싱턴", "washington"),
            ("필립", "philip"),
            ("폰", "von"),
            ("호나우지뉴", "ronaldinho"),
            ("쓰토무", "tsutomu"),
            ("요르고스", "giorgos"),
            ("김정은", "kim"),
            ("김", "2"),
            ("Kim", "lee"),
        ] {
            assert!(may_begin(native, latin), "{native} {latin}");
        }
        for (native, latin) in [
            ("김정은", "lee"),
            ("민수", "kim"),
            ("서", "park"),
            ("박", "seo"),
        ] {
            assert!(!may_begin(native, latin), "{native} {latin}");
        }
    }

    #[test]
    fn syllable_counts_agree_with_the_set_of_spellings() {
        let mut set = std::collections::HashSet::new();
        let (mut buf, mut ends) = (Vec::new(), Vec::new());
        for code in 0xAC00u32..0xAC00 + 11_172 {
            let c = char::from_u32(code).expect("a Hangul syllable");
            buf.clear();
            ends.clear();
            spellings_into(c, true, &mut buf, &mut ends);
            let mut start = 0;
            for &e in &ends {
                if e > start {
                    set.insert(buf[start..e].to_vec());
                }
                start = e;
            }
        }
        let reference = |latin: &str| -> u32 {
            let l: Vec<u8> = latin
                .bytes()
                .filter(u8::is_ascii_alphabetic)
                .map(|b| b.to_ascii_lowercase())
                .collect();
            if l.is_empty() || l.iter().any(|b| b"fqvxz".contains(b)) {
                return 0;
            }
            let mut reach = vec![0u32; l.len() + 1];
            reach[0] = 1;
            for p in 0..l.len() {
                if reach[p] == 0 {
                    continue;
                }
                for len in 1..=8.min(l.len() - p) {
                    if set.contains(&l[p..p + len]) {
                        reach[p + len] |= reach[p] << 1;
                    }
                }
            }
            reach[l.len()] & !1
        };
        let words = [
            "kim",
            "jong",
            "un",
            "jongun",
            "kimjongun",
            "Song-Chol",
            "kyong ok",
            "george",
            "kofi",
            "choe",
            "younghwan",
            "yongwon",
            "PARK",
            "seongjin",
            "ri",
            "lee",
            "yi",
            "hyeon",
            "hwang",
            "ssangyong",
            "mohammed",
            "vladimir",
            "ng",
            "a",
            "",
            "-",
            "abcdefghijklmnopqrstuvwxyz",
            "gggggggggggg",
            "eueueueueueueueueueueueu",
            "kangkangkangkangkangkangkangkangkangkangkangkangkangkangkangkangkangkang",
        ];
        let mut tried = 0;
        for a in words {
            for b in words {
                let w = format!("{a}{b}");
                assert_eq!(korean_syllable_counts(&w), reference(&w), "{w}");
                tried += 1;
            }
        }
        assert_eq!(tried, words.len() * words.len());
        assert_ne!(korean_syllable_counts("kimjongun"), 0);
    }

    #[test]
    fn romanisations_of_one_name_all_spell_it() {
        for l in [
            "kimjongun",
            "kimchongun",
            "kimjeongeun",
            "gimjeongeun",
            "kimjungeun",
        ] {
            assert_eq!(similarity("김정은", l), Some(1.0), "{l}");
        }
        for l in ["parkgeunhye", "pakkunhye", "bakgeunhye"] {
            assert_eq!(similarity("박근혜", l), Some(1.0), "{l}");
        }
        assert_eq!(similarity("반기문", "bankimoon"), Some(1.0));
        assert_eq!(similarity("노무현", "rohmoohyun"), Some(1.0));
        assert_eq!(similarity("이", "lee"), Some(1.0));
        assert_eq!(similarity("이", "ri"), Some(1.0));
    }

    #[test]
    fn a_dropped_or_changed_syllable_part_is_another_name() {
        assert!(similarity("병철", "yongchol").is_none_or(|s| s < 0.7));
        assert!(similarity("정훈", "jongun").is_none_or(|s| s < 0.7));
        assert!(similarity("주", "jo").is_none_or(|s| s < 0.7));
        assert!(similarity("은정", "jongun").is_none_or(|s| s < 0.7));
    }

    #[test]
    fn a_family_name_is_only_its_own_spellings() {
        for (n, l) in [
            ("임", "kim"),
            ("이", "ra"),
            ("주", "cho"),
            ("홍", "ro"),
            ("박", "pa"),
        ] {
            assert_eq!(similarity(n, l), Some(0.0), "{n} / {l}");
        }
        for (n, l) in [("임", "lim"), ("이", "rhee"), ("주", "ju"), ("홍", "hong")] {
            assert_eq!(similarity(n, l), Some(1.0), "{n} / {l}");
        }
    }

    #[test]
    fn korean_spelt_latin_is_judged_by_the_rules() {
        assert!(spelt_in_korean_syllables("kyong ok", 2));
        assert!(spelt_in_korean_syllables("Song-Chol", 2));
        assert!(!spelt_in_korean_syllables("kofi", 2));
        // "geor ge": why the model must be sure before Korean-cut Latin is another name.
        assert!(spelt_in_korean_syllables("george", 2));
        assert!(!spelt_in_korean_syllables("kyong ok", 3));
        for (n, l) in [("경숙", "kyongok"), ("서연", "segon"), ("병철", "songchol")] {
            assert_eq!(similarity(n, l), Some(0.0), "{n} / {l}");
        }
        assert_eq!(similarity("경수", "kyungsu"), Some(1.0));
        // Foreign names spelt in Hangul are for the model, even cut into Korean syllables.
        assert!(similarity("코피", "kofi").unwrap() > 0.9);
        assert_eq!(similarity("카를", "carl"), None);
        assert_eq!(similarity("조지", "george"), None);
        // A syllable that is no family name, against Latin that is no Korean syllable.
        assert!(similarity("진", "jean").unwrap() >= 0.6);
        // A Korean spelling of fewer syllables stays at the rules' 0.6, whatever the model.
        assert_eq!(similarity("지은", "chun"), Some(0.6));
    }

    #[test]
    fn a_doubled_letter_between_syllables_is_one() {
        assert_eq!(similarity("아난", "annan"), Some(1.0));
        assert_eq!(similarity("김", "kimm"), Some(1.0));
        assert_eq!(similarity("아난", "anan"), Some(1.0));
    }

    #[test]
    fn a_silent_vowel_before_a_final_l_is_no_syllable() {
        assert!(syllables_agree("카를", "carl"));
        assert!(syllables_agree("블룸", "bloom"));
        assert!(!syllables_agree("예은", "kun"));
        assert!(syllables_agree("보슈", "bosch"));
        assert!(syllables_agree("루이", "louis"));
        assert!(syllables_agree("지아", "jia"));
        assert!(!syllables_agree("예은", "yen"));
        assert!(!syllables_agree("영수", "yong"));
    }

    #[test]
    fn capped_edits_agree_with_the_full_count() {
        let natives = [
            "김정은",
            "최",
            "정훈",
            "조지",
            "박근혜",
            "워싱턴",
            "이",
            "은정",
        ];
        let latins = [
            "kimjongun",
            "choe",
            "jonghun",
            "jongun",
            "george",
            "parkgeunhye",
            "washington",
            "lee",
            "eunjeong",
            "kimchongun",
            "xyz",
            "",
            "annan",
            "jjong",
        ];
        for n in natives {
            for l in latins {
                let full = edits(n, l);
                for cap in 0..4 {
                    assert_eq!(
                        edits_within(n, l, cap),
                        Some(full.filter(|&c| c <= cap)),
                        "{n} / {l} within {cap}"
                    );
                }
            }
        }
    }

    /// The plain form of [`edits_within`] (one distance table per prefix, no shared spellings,
    /// no cut-off), which the fast one must agree with exactly.
    fn reference_edits(native: &str, latin: &str, cap: usize) -> Option<Option<usize>> {
        fn distance(a: &[u8], b: &[u8]) -> usize {
            let mut prev: Vec<usize> = vec![0; b.len() + 1];
            for (j, &y) in b.iter().enumerate() {
                prev[j + 1] = prev[j] + indel_cost(y);
            }
            for &x in a {
                let mut row = vec![prev[0] + indel_cost(x); b.len() + 1];
                for (j, &y) in b.iter().enumerate() {
                    let sub = if x == y {
                        0
                    } else if is_vowel(x) && is_vowel(y) {
                        1
                    } else {
                        2
                    };
                    row[j + 1] = (prev[j] + sub)
                        .min(prev[j + 1] + indel_cost(x))
                        .min(row[j] + indel_cost(y));
                }
                prev = row;
            }
            prev[b.len()]
        }
        let n = native.chars().count();
        if n == 0 || n > 8 {
            return None;
        }
        let mut per: Vec<Vec<Vec<u8>>> = Vec::new();
        for (k, c) in native.chars().enumerate() {
            let (mut buf, mut ends) = (Vec::new(), Vec::new());
            if !spellings_into(c, k == 0, &mut buf, &mut ends) {
                return None;
            }
            let mut start = 0;
            per.push(
                ends.iter()
                    .map(|&e| {
                        let v = buf[start..e].to_vec();
                        start = e;
                        v
                    })
                    .collect(),
            );
        }
        let l: Vec<u8> = latin
            .bytes()
            .filter(u8::is_ascii_alphabetic)
            .map(|b| b.to_ascii_lowercase())
            .collect();
        const INF: usize = usize::MAX / 4;
        let mut best = vec![INF; l.len() + 1];
        best[0] = 0;
        for spellings in &per {
            let mut next = vec![INF; l.len() + 1];
            for p in 0..=l.len() {
                if best[p] > cap {
                    continue;
                }
                for v in spellings {
                    let lo = p + v.len().saturating_sub(1);
                    let hi = (p + v.len() + 1).min(l.len());
                    for q in lo..=hi {
                        let cost = best[p] + distance(&l[p..q], v);
                        if cost <= cap && cost < next[q] {
                            next[q] = cost;
                        }
                    }
                }
            }
            skip_doubled(&l, &mut next);
            best = next;
        }
        Some(Some(best[l.len()]).filter(|&c| c <= cap))
    }

    #[test]
    fn fast_edits_agree_with_the_plain_computation() {
        let natives = [
            "김정은",
            "최",
            "정훈",
            "조지",
            "박근혜",
            "워싱턴",
            "이",
            "은정",
            "성민",
            "지후",
            "권",
            "아난",
            "반기문",
            "kim",
            "",
        ];
        let latins = [
            "kimjongun",
            "choe",
            "jonghun",
            "jongun",
            "george",
            "parkgeunhye",
            "washington",
            "lee",
            "eunjeong",
            "kimchongun",
            "xyz",
            "",
            "annan",
            "jjong",
            "seongmin",
            "sungmin",
            "songmin",
            "jihu",
            "jihoo",
            "kwon",
            "gwon",
            "kwonsongmin",
            "ahmad",
            "mohammed",
            "bankimoon",
            "a",
            "aaaaaaaa",
            "sm",
        ];
        for n in natives {
            for l in latins {
                for cap in [0, 1, 2, 3, 5, usize::MAX / 8] {
                    assert_eq!(
                        edits_within(n, l, cap),
                        reference_edits(n, l, cap),
                        "{n} / {l} within {cap}"
                    );
                }
            }
        }
    }

    #[test]
    fn non_hangul_is_not_judged() {
        assert_eq!(edits("Kim", "kim"), None);
        assert_eq!(edits("", "kim"), None);
    }
}
