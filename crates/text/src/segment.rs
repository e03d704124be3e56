//! Running text as words, with every offset a report needs.
//!
//! A word is a run of letters, digits and combining marks in one script. Apostrophes inside a
//! word are kept ("O'Brien", "Cho'ng") except where they cut off an English clitic ("Putin's" →
//! "Putin") or a French elided article ("d'Assad" → "Assad"). Scripts written without spaces
//! (Han, kana) are one word per run; the scanner looks inside them.
//!
//! For each word the segmenter also records what the scanner's rules ask about its
//! surroundings: whether it is *joined* to the word before by a separator that can sit inside a
//! name (a space, a hyphen, a comma of "PUTIN, Vladimir", a middle dot of "弗拉基米尔·普京"), and
//! whether it starts a sentence (where a capital letter says nothing).

use embargo_names::Script;
use unicode_normalization::char::is_combining_mark;

/// One word of a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Word<'t> {
    pub text: &'t str,
    pub byte_start: usize,
    pub byte_end: usize,
    /// Code-point offsets.
    pub start: usize,
    pub end: usize,
    pub script: Script,
    /// Separated from the previous word only by what may sit inside a name.
    pub joined: bool,
    /// First word of the text or of a sentence.
    pub sentence_start: bool,
    /// Begins with an upper-case letter.
    pub capitalized: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || matches!(c, '\u{200c}' | '\u{200d}' | 'ـ')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

/// Scripts that start a new word when they meet another inside a run of letters ("Putin的").
fn script_of(c: char) -> Script {
    Script::of_char(c)
}

/// English clitics cut off after an apostrophe.
const ENGLISH_CLITICS: &[&str] = &["s", "t", "d", "ll", "re", "ve", "m"];
/// French (and Italian) elided words cut off before an apostrophe.
const ELIDED: &[&str] = &[
    "d", "l", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "dell", "all",
];

/// Split a text into words.
pub fn words(text: &str) -> Vec<Word<'_>> {
    // Raw runs: (byte start, byte end, char start, char end, script).
    let mut runs: Vec<(usize, usize, usize, usize, Script)> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if !is_word_char(c) {
            i += 1;
            continue;
        }
        let start = i;
        let mut script = script_of(c);
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if is_word_char(c) {
                let s = script_of(c);
                if s != Script::Common && script != Script::Common && s != script {
                    break;
                }
                if script == Script::Common {
                    script = s;
                }
                j += 1;
            } else if is_apostrophe(c)
                && j + 1 < chars.len()
                && chars[j + 1].1.is_alphabetic()
                && chars[j - 1].1.is_alphabetic()
            {
                j += 1;
            } else {
                break;
            }
        }
        let end_b = chars.get(j).map_or(text.len(), |&(b, _)| b);
        runs.push((b, end_b, start, j, script));
        i = j;
    }
    let mut out: Vec<Word> = Vec::with_capacity(runs.len());
    let mut prev_end_b = 0usize;
    for (mut b0, mut b1, mut c0, mut c1, script) in runs {
        // Clitics and elisions around apostrophes.
        let w = &text[b0..b1];
        if let Some((pos, ap)) = w.char_indices().find(|&(_, c)| is_apostrophe(c)) {
            let before = &w[..pos];
            let after = &w[pos + ap.len_utf8()..];
            if ENGLISH_CLITICS
                .iter()
                .any(|e| after.eq_ignore_ascii_case(e))
            {
                b1 = b0 + pos;
                c1 = c0 + before.chars().count();
            } else if ELIDED.iter().any(|e| before.eq_ignore_ascii_case(e)) {
                c0 += before.chars().count() + 1;
                b0 += pos + ap.len_utf8();
            }
        }
        let gap = &text[prev_end_b..b0];
        let joined = !out.is_empty() && is_name_gap(gap, out.last());
        let sentence_start = out.is_empty()
            || gap.chars().any(|c| {
                matches!(
                    c,
                    '.' | '!' | '?' | '\n' | ':' | '"' | '“' | '«' | '。' | '！' | '？' | '؟'
                )
            }) && !out
                .last()
                .is_some_and(|p| p.end - p.start == 1 && gap.starts_with('.'));
        let text_w = &text[b0..b1];
        let capitalized = text_w.chars().next().is_some_and(char::is_uppercase);
        out.push(Word {
            text: text_w,
            byte_start: b0,
            byte_end: b1,
            start: c0,
            end: c1,
            script,
            joined,
            sentence_start,
            capitalized,
        });
        prev_end_b = b1;
    }
    out
}

/// Can `gap` separate two parts of one name? Spaces (one line), one hyphen, one comma ("PUTIN,
/// Vladimir"), a middle dot, or the dot of an initial ("George W. Bush").
fn is_name_gap(gap: &str, prev: Option<&Word>) -> bool {
    if gap.is_empty() {
        return true;
    }
    let mut seps = 0;
    for c in gap.chars() {
        match c {
            ' ' | '\u{a0}' | '\t' | '\u{3000}' => {}
            '-' | '‐' | '‑' | ',' | '·' | '・' | '‧' | '،' => seps += 1,
            '.' if prev.is_some_and(|p| p.end - p.start == 1) => seps += 1,
            _ => return false,
        }
    }
    seps <= 1
}

/// Is the text written with letter case, as prose is? Then a capital letter marks a name, and a
/// lower-case word ("bush", "graceful") is not one. All-capital payment narratives and texts in
/// caseless scripts are not.
pub fn is_cased(words: &[Word]) -> bool {
    let mut title = 0usize;
    let mut lower = 0usize;
    for w in words {
        if !matches!(w.script, Script::Latin | Script::Cyrillic | Script::Greek) {
            continue;
        }
        let mut cs = w.text.chars().filter(|c| c.is_alphabetic());
        match cs.next() {
            Some(c) if c.is_uppercase() && cs.any(char::is_lowercase) => title += 1,
            Some(c) if c.is_lowercase() => lower += 1,
            _ => {}
        }
    }
    title >= 1 && lower >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn splits() {
        assert_eq!(
            texts("Putin's visit to d'Assad, O'Brien"),
            ["Putin", "visit", "to", "Assad", "O'Brien"]
        );
        assert_eq!(texts("Putin的访问"), ["Putin", "的访问"]);
        let w = words("Ленин. Путин, Владимир");
        assert!(w[1].sentence_start && !w[1].joined);
        assert!(w[2].joined && !w[2].sentence_start);
        let w = words("George W. Bush");
        assert!(w[2].joined && !w[2].sentence_start);
    }

    #[test]
    fn offsets() {
        let t = "وقال لبوتين";
        let w = words(t);
        assert_eq!(w[1].start, 5);
        assert_eq!(&t[w[1].byte_start..w[1].byte_end], "لبوتين");
    }
}
