//! Name particles and Arabic name compounds.
//!
//! Particles (al, el, bin, ibn, de, van, von…) are real parts of names but carry little identity
//! and are often dropped or merged by transliteration ("al-Assad", "Al Assad", "Alassad"). They get
//! a low weight instead of being deleted. Arabic theophoric compounds are written many ways
//! ("Abd al-Rahman", "Abdul Rahman", "Abdulrahman", "Abdel Rahman", "Abdurrahman"): all become the
//! two tokens "abd" + "rahman".

/// Is `token` (lowercase ASCII) a name particle?
pub fn is_particle(token: &str) -> bool {
    matches!(
        token,
        "al" | "el"
            | "ul"
            | "as"
            | "ad"
            | "ar"
            | "an"
            | "az"
            | "at"
            | "ash"
            | "bin"
            | "ibn"
            | "ben"
            | "bint"
            | "binti"
            | "bte"
            | "bn"
            | "ould"
            | "wald"
            | "de"
            | "da"
            | "do"
            | "das"
            | "dos"
            | "du"
            | "des"
            | "del"
            | "della"
            | "di"
            | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "den"
            | "ter"
            | "zu"
            | "y"
            | "e"
            | "mac"
            | "st"
    )
}

/// Whether a particle opening a person's name written in its natural order is more likely a
/// given name: "Ben Netanyahu" is Benjamin's short form, "Del" Delbert's, as the nickname table
/// knows; a name written in its natural order does not open on a "son of" or a "from". The Arabic article ("al", "el") is left a particle: it opens family names written
/// alone ("Al Qasir"), and "Al" for Albert is rare on lists beside it.
///
/// ```
/// use embargo_names::particle::is_given_name_opening;
/// assert!(is_given_name_opening("ben"));
/// assert!(!is_given_name_opening("al"));
/// assert!(!is_given_name_opening("bin"));
/// ```
pub fn is_given_name_opening(token: &str) -> bool {
    !matches!(token, "al" | "el") && !crate::nickname::related_names(token).is_empty()
}

/// Canonical spelling of particles that are the same word: "ibn", "ben", "bn" → "bin".
pub fn canonical_particle(token: &str) -> &str {
    match token {
        "ibn" | "ben" | "bn" => "bin",
        "el" | "ul" => "al",
        "binti" | "bte" => "bint",
        t => t,
    }
}

const ABD_PREFIXES: &[&str] = &[
    "abdul", "abdel", "abdal", "abdol", "abdoul", "abdur", "abdus", "abdul", "abdu", "abd",
];

/// Split Arabic "Abd-" compounds: "abdulrahman" → ["abd", "rahman"], "abdul" → ["abd"]. Other
/// tokens come back unchanged.
///
/// ```
/// use embargo_names::particle::split_abd;
/// assert_eq!(split_abd("abdulrahman"), vec!["abd", "rahman"]);
/// assert_eq!(split_abd("abdurrahman"), vec!["abd", "rahman"]);
/// assert_eq!(split_abd("abdel"), vec!["abd"]);
/// assert_eq!(split_abd("abdullah"), vec!["abdullah"]);
/// assert_eq!(split_abd("abbas"), vec!["abbas"]);
/// ```
pub fn split_abd(token: &str) -> Vec<String> {
    if !token.starts_with("abd") {
        return vec![token.to_string()];
    }
    // "abdullah", "abdallah", "abdulla": the name Abdullah itself, not a compound.
    if matches!(
        token,
        "abdullah" | "abdallah" | "abdulla" | "abdalla" | "abdollah" | "abdoullah" | "abdullahi"
    ) {
        return vec![token.to_string()];
    }
    for p in ABD_PREFIXES {
        if token == *p {
            return vec!["abd".to_string()];
        }
    }
    for p in ABD_PREFIXES {
        if let Some(rest) = token.strip_prefix(p) {
            if rest.len() >= 3 {
                return vec!["abd".to_string(), rest.to_string()];
            }
        }
    }
    vec![token.to_string()]
}
