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

fn normalise_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'î' | 'ï' => 'i',
            'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            last_space = false;
        } else if !last_space && c != '\'' && c != '’' && c != '.' {
            out.push(' ');
            last_space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    let out = out.strip_prefix("the ").unwrap_or(&out).to_string();
    out
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
