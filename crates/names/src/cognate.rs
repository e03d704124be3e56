//! Given names that are one name in several languages: John, Juan, Jean, Johann, Giovanni,
//! Ivan; Peter, Pedro, Pierre, Pyotr.
//!
//! A person's given name is written in the form of the language of a document, a country or a
//! list ("Juan Doe" on a Spanish record is "John Doe" on an English one), and the forms share
//! too few letters for an edit distance or a phonetic key ("John" / "Juan" is two edits in four
//! letters, "James" / "Diego" none at all). The table (`data/given-names/cognates.tsv`) holds
//! the standard equivalents of common European given names, one name a line; diminutives are
//! [`crate::nickname`]'s.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/given-names/cognates.tsv");

/// Each form's line number (the name it is a form of).
fn names() -> &'static HashMap<&'static str, usize> {
    static MAP: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    MAP.get_or_init(|| parse(TABLE).expect("the compiled-in cognate table parses (tested)"))
}

/// The forms of a table, each with its line; a form on two lines would chain two names.
fn parse(table: &str) -> Result<HashMap<&str, usize>, String> {
    let mut out = HashMap::default();
    for (i, line) in table.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        for form in line.split_whitespace() {
            if !form.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(format!(
                    "cognate table line {}: {form:?} is not lowercase ASCII",
                    i + 1
                ));
            }
            if let Some(other) = out.insert(form, i) {
                return Err(format!(
                    "cognate table: {form:?} is on lines {} and {}",
                    other + 1,
                    i + 1
                ));
            }
        }
    }
    Ok(out)
}

/// Whether the given-name token `a` (comparison text) is in the table: [`same_name`] holds only
/// between two such tokens.
pub fn in_table(a: &str) -> bool {
    names().contains_key(a)
}

/// Whether two different given-name tokens (comparison text) are forms of one name in two
/// languages ("john" / "juan").
pub fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let m = names();
    m.get(a).is_some_and(|x| m.get(b) == Some(x))
}

/// The other forms of the given name `a` in the table ("juan" → john, jean, johann…): keys for
/// candidate retrieval, since the forms share no trigram and often no skeleton.
pub fn other_forms(a: &str) -> impl Iterator<Item = &'static str> + '_ {
    let forms: &[&'static str] = names().get(a).map_or(&[], |line| &lines()[line]);
    forms.iter().copied().filter(move |f| *f != a)
}

/// The table's forms by line (the index [`names`] gives), for [`other_forms`]: it runs for
/// every Latin query token, so it reads one line instead of the whole table.
fn lines() -> &'static HashMap<usize, Vec<&'static str>> {
    static LINES: OnceLock<HashMap<usize, Vec<&'static str>>> = OnceLock::new();
    LINES.get_or_init(|| {
        let mut out: HashMap<usize, Vec<&'static str>> = HashMap::default();
        for (form, line) in names() {
            out.entry(*line).or_default().push(form);
        }
        for forms in out.values_mut() {
            forms.sort_unstable();
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses() {
        assert!(parse(TABLE).unwrap().len() > 100);
        assert!(
            parse("john juan\njuan jan\n").is_err(),
            "a form on two lines is refused"
        );
        assert!(parse("John\n").is_err());
    }

    #[test]
    fn forms_of_one_name() {
        assert!(same_name("john", "juan"));
        assert!(same_name("pyotr", "pedro"));
        assert!(!same_name("john", "pedro"));
        assert!(!same_name("john", "john"));
        assert!(!same_name("john", "jonas"));
        let forms: Vec<&str> = other_forms("juan").collect();
        assert!(forms.contains(&"john"), "{forms:?}");
        assert!(!forms.contains(&"juan"));
        assert!(forms.iter().all(|f| same_name("juan", f)));
        assert_eq!(other_forms("zzyzx").count(), 0);
    }
}
