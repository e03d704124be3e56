//! ISO 3166-1 alpha-2 country codes, and the English names lists and customer files use for them.
//!
//! Lists write "Democratic People's Republic of Korea", "Iran (Islamic Republic of)", "Russia",
//! "Syrian Arab Republic"; customer files write "kp", "KP", "Malaysia", "Hong Kong". All of them
//! become one lowercase code, the FtM convention. Territories and regions with their own code (Hong
//! Kong, Crimea is not one) map to that code; former states with a reserved code (Soviet Union `su`,
//! Yugoslavia `yu`, Czechoslovakia `cs`) keep it, because birth places and nationalities in old
//! listings name them.

mod table;

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// A lowercase ISO 3166-1 alpha-2 code (plus the few reserved codes lists still use).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

/// The lookup key of a country name: lowercase, accents folded, "&" read as "and", apostrophes
/// and dots dropped ("U.S.A." is "usa", "Côte d’Ivoire" is "cote divoire"), other punctuation
/// and runs of spaces made one space, a leading "the" dropped.
///
/// Letters are lowercased *before* accents are folded, so upper-case forms ("CÔTE D'IVOIRE",
/// "TÜRKIYE") meet the same key as the mixed-case ones.
fn normalise_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'ç' | 'č' => 'c',
            'ñ' => 'n',
            'š' => 's',
            'ž' => 'z',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
            last_space = false;
        } else if c == '&' {
            if !last_space {
                out.push(' ');
            }
            out.push_str("and ");
            last_space = true;
        } else if !last_space && c != '\'' && c != '’' && c != '.' {
            out.push(' ');
            last_space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

fn by_name() -> &'static HashMap<String, CountryCode> {
    static MAP: OnceLock<HashMap<String, CountryCode>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for (code, name, aliases) in table::COUNTRIES {
            let cc = CountryCode::from_code(code).expect("table codes are valid");
            m.insert(normalise_key(name), cc);
            for a in aliases.iter() {
                m.insert(normalise_key(a), cc);
            }
        }
        m
    })
}

fn known_codes() -> &'static HashMap<[u8; 2], &'static str> {
    static MAP: OnceLock<HashMap<[u8; 2], &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        table::COUNTRIES
            .iter()
            .map(|(code, name, _)| {
                let b = code.as_bytes();
                ([b[0], b[1]], *name)
            })
            .collect()
    })
}

impl CountryCode {
    /// A known two-letter code, in any case ("KP", "kp").
    pub fn from_code(code: &str) -> Option<CountryCode> {
        let b = code.trim().as_bytes();
        if b.len() != 2 || !b.iter().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let key = [b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()];
        if known_codes().contains_key(&key) {
            Some(CountryCode(key))
        } else {
            None
        }
    }

    /// A code or an English country name, with the variants lists use.
    ///
    /// ```
    /// use embargo_model::CountryCode;
    /// assert_eq!(CountryCode::parse("Democratic People's Republic of Korea").unwrap().as_str(), "kp");
    /// assert_eq!(CountryCode::parse("Hong Kong").unwrap().as_str(), "hk");
    /// assert_eq!(CountryCode::parse("KP").unwrap().as_str(), "kp");
    /// assert!(CountryCode::parse("Atlantis").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<CountryCode> {
        let t = s.trim();
        if t.len() == 2 {
            if let Some(c) = CountryCode::from_code(t) {
                return Some(c);
            }
        }
        let key = normalise_key(t);
        if key.is_empty() {
            return None;
        }
        by_name().get(&key).copied()
    }

    /// Find every country named inside a longer text such as a place of birth ("Leningrad,
    /// Russia"): the last comma-separated part is tried first, as lists write the country last.
    pub fn find_in(text: &str) -> Option<CountryCode> {
        let parts: Vec<&str> = text.split([',', ';', '(', ')']).map(str::trim).collect();
        parts
            .iter()
            .rev()
            .filter(|p| p.len() > 2)
            .find_map(|p| CountryCode::parse(p))
    }

    /// Every country named in a field that holds more than a bare name: "Sudan/South Sudan",
    /// "Bahrain (citizenship revoked in Jan. 2015)", "Possibly Ethiopian", "United States. Also
    /// believed to hold Syrian nationality", "Branch Office 11: Iran". The whole text is tried
    /// first, then runs of words, longest first from left to right, so "South Sudan" is one
    /// country and not "Sudan", and "Democratic Republic of the Congo" is not "Congo".
    ///
    /// Two-letter words are never read as codes here ("in", "as", "at" and "na" are codes too),
    /// so a field holding only a code should go through [`CountryCode::parse`]. Meant for country
    /// fields with qualifiers, not for prose: any word that is a country name counts.
    ///
    /// ```
    /// use embargo_model::CountryCode;
    /// let codes = |t| CountryCode::find_all(t).iter().map(|c| c.to_string()).collect::<Vec<_>>();
    /// assert_eq!(codes("Sudan/or South Sudan"), ["sd", "ss"]);
    /// assert_eq!(codes("Indonesia (as at Dec. 2003)"), ["id"]);
    /// assert_eq!(codes("Kuwaiti citizenship withdrawn in 2002"), ["kw"]);
    /// assert!(codes("unknown").is_empty());
    /// ```
    pub fn find_all(text: &str) -> Vec<CountryCode> {
        if text.trim().len() > 2 {
            if let Some(c) = CountryCode::parse(text) {
                return vec![c];
            }
        }
        /// More words than the longest name in the table ("Saint Helena, Ascension and Tristan
        /// da Cunha" is 7).
        const MAX_WORDS: usize = 10;
        let key = normalise_key(text);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let longest = (1..=MAX_WORDS.min(words.len() - i)).rev().find_map(|n| {
                let window = words[i..i + n].join(" ");
                if window.len() <= 2 {
                    return None;
                }
                let key = window.strip_prefix("the ").unwrap_or(&window);
                by_name().get(key).map(|c| (n, *c))
            });
            match longest {
                Some((n, code)) => {
                    if !found.contains(&code) {
                        found.push(code);
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        found
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ascii")
    }

    /// The English short name.
    pub fn name(&self) -> &'static str {
        known_codes().get(&self.0).copied().unwrap_or("")
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_str())
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CountryCode::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown country {s:?}")))
    }
}
