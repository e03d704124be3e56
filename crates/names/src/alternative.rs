//! One published name that holds several: "Al-Qa'ida/Islamic Army" is "Al-Qa'ida" or
//! "Islamic Army".
//!
//! Lists and customer files join an organisation's alternative names with a slash where they
//! have a single name field. Read whole, the name has words neither alternative has, and a
//! query for one of them looks like a shorter, other name. A slash between two words of three
//! letters or more separates alternatives; shorter runs are abbreviations written with a slash
//! ("A/S", "M/V", "c/o", "S.A./N.V."), which stay one name.

/// The alternative names a name holds, each trimmed, when it joins several with a slash; empty
/// when it is one name.
///
/// ```
/// use embargo_names::alternative::alternatives;
/// assert_eq!(alternatives("Al-Qa'ida/Islamic Army"), ["Al-Qa'ida", "Islamic Army"]);
/// assert!(alternatives("Bowne Global Solutions Denmark, A/S").is_empty());
/// assert!(alternatives("M/V Victory").is_empty());
/// ```
pub fn alternatives(name: &str) -> Vec<&str> {
    if !name.contains('/') {
        return Vec::new();
    }
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    let mut cuts = Vec::new();
    for (i, _) in name.match_indices('/') {
        let before = name[..i]
            .trim_end()
            .rsplit(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let after = name[i + 1..]
            .trim_start()
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if letters(before) >= 3 && letters(after) >= 3 {
            cuts.push(i);
        }
    }
    if cuts.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for i in cuts {
        out.push(name[start..i].trim());
        start = i + 1;
    }
    out.push(name[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_with_a_slash_are_one_name() {
        for n in ["Mendez A/S", "c/o Acme", "Foo S.A./N.V.", "Halyk 1/2"] {
            assert!(alternatives(n).is_empty(), "{n}");
        }
    }

    #[test]
    fn every_alternative_is_kept() {
        assert_eq!(
            alternatives("Hamas / Harakat al-Muqawama / HMS"),
            ["Hamas", "Harakat al-Muqawama", "HMS"]
        );
        assert_eq!(alternatives("Alpha/Beta/Gamma"), ["Alpha", "Beta", "Gamma"]);
    }
}
