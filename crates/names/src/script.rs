//! Which writing system a token is in: decides how it is transliterated and compared.

use unicode_script::{Script as U, UnicodeScript};

/// The scripts embargo distinguishes. `Latin` covers ASCII and accented Latin letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Hangul,
    Han,
    Kana,
    Greek,
    Hebrew,
    Armenian,
    Georgian,
    Devanagari,
    Thai,
    Other,
    /// Digits and symbols only.
    Common,
}

impl Script {
    pub fn of_char(c: char) -> Script {
        match c.script() {
            U::Latin => Script::Latin,
            U::Cyrillic => Script::Cyrillic,
            U::Arabic => Script::Arabic,
            U::Hangul => Script::Hangul,
            U::Han => Script::Han,
            U::Hiragana | U::Katakana => Script::Kana,
            U::Greek => Script::Greek,
            U::Hebrew => Script::Hebrew,
            U::Armenian => Script::Armenian,
            U::Georgian => Script::Georgian,
            U::Devanagari => Script::Devanagari,
            U::Thai => Script::Thai,
            U::Common | U::Inherited => Script::Common,
            _ => Script::Other,
        }
    }

    /// The dominant script of a token: the script of most of its letters (Common ignored).
    pub fn of_token(token: &str) -> Script {
        let mut counts: Vec<(Script, usize)> = Vec::new();
        for c in token.chars() {
            let s = Script::of_char(c);
            if s == Script::Common {
                continue;
            }
            match counts.iter_mut().find(|(k, _)| *k == s) {
                Some((_, n)) => *n += 1,
                None => counts.push((s, 1)),
            }
        }
        counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(s, _)| s)
            .unwrap_or(Script::Common)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Script::Latin => "latin",
            Script::Cyrillic => "cyrillic",
            Script::Arabic => "arabic",
            Script::Hangul => "hangul",
            Script::Han => "han",
            Script::Kana => "kana",
            Script::Greek => "greek",
            Script::Hebrew => "hebrew",
            Script::Armenian => "armenian",
            Script::Georgian => "georgian",
            Script::Devanagari => "devanagari",
            Script::Thai => "thai",
            Script::Other => "other",
            Script::Common => "common",
        }
    }

    /// Scripts written without spaces between words or names (each Han/Kana run is split).
    pub fn is_unspaced(self) -> bool {
        matches!(self, Script::Han | Script::Kana | Script::Thai)
    }
}
