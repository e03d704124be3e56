//! Common Arabic and Persian given names, each with its usual spellings, so that a known name is
//! never taken for a spelling of another known name.
//!
//! Arabic script leaves short vowels out, and names built on the same root share their
//! consonants: محمد Muhammad and محمود Mahmud, حمید Hamid and احمد Ahmad, مریم Maryam and ریم
//! Rim, اسما Asma and اسامه Usama. Edit distances, phonetic keys and the learned cross-script
//! model all see these as spellings of one another ("محمد اشتری" scored 0.96 on "ASHTARI,
//! Mahmud", "محمد حمیدی" 0.92 on "MOHAMMAD AHMADI"), yet to anyone who knows the names they
//! are different names, like Ted and Ned. Only a table knows that: the curated one in
//! `data/given-names/arabic-persian.tsv` (sources in its header), compiled in. Two tokens are
//! [`different_names`] when both are spellings in the table, of different names; a spelling
//! the table does not hold is never judged. The Persian and Arabic *nisba* (حمیدی Hamidi,
//! احمدی Ahmadi: a name with a final yeh / -i) is judged through its name.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/given-names/arabic-persian.tsv");

/// Spelling (lowercase Latin, or normalised Arabic script) → the line of its name.
fn spellings() -> &'static HashMap<String, u16> {
    static MAP: OnceLock<HashMap<String, u16>> = OnceLock::new();
    MAP.get_or_init(|| parse(TABLE).expect("the compiled-in given-name table parses (tested)"))
}

/// The table's lines, `latin spellings<TAB>arabic spellings`, as spelling → line number.
/// Rejects a spelling listed under two names, which would make a name different from itself.
fn parse(table: &str) -> Result<HashMap<String, u16>, String> {
    let mut out = HashMap::default();
    for (i, line) in table.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((latin, arabic)) = line.split_once('\t') else {
            return Err(format!(
                "given-name table line {}: expected Latin, a tab, Arabic: {line:?}",
                i + 1
            ));
        };
        let id = u16::try_from(i)
            .map_err(|_| format!("given-name table line {}: too many lines", i + 1))?;
        for s in latin.split_whitespace() {
            if !s.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(format!(
                    "given-name table line {}: Latin spellings are lowercase ASCII: {s:?}",
                    i + 1
                ));
            }
            insert(&mut out, s.to_string(), id, i)?;
        }
        for s in arabic.split_whitespace() {
            let n = normalise_arabic(s);
            if n.is_empty() || !n.chars().all(is_arabic_letter) {
                return Err(format!(
                    "given-name table line {}: not an Arabic-script spelling: {s:?}",
                    i + 1
                ));
            }
            insert(&mut out, n, id, i)?;
        }
    }
    Ok(out)
}

fn insert(out: &mut HashMap<String, u16>, s: String, id: u16, line: usize) -> Result<(), String> {
    if let Some(&other) = out.get(&s) {
        if other != id {
            return Err(format!(
                "given-name table line {}: {s:?} is already a spelling of line {}",
                line + 1,
                other + 1
            ));
        }
    }
    out.insert(s, id);
    Ok(())
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0620}'..='\u{064A}').contains(&c) || ('\u{066E}'..='\u{06D3}').contains(&c)
}

/// An Arabic-script word in the table's form: harakat, shadda and tatweel dropped, the hamza
/// seats of alef (أ إ آ ٱ) as bare alef, Persian yeh and kaf (ی ک) and alef maqsura (ى) as the
/// Arabic ي ك, teh marbuta (ة) as heh (ه), the way the two languages and their keyboards write
/// one name.
fn normalise_arabic(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | 'ـ' => None,
            'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
            'ی' | 'ى' | 'ې' => Some('ي'),
            'ک' => Some('ك'),
            'ة' => Some('ه'),
            c => Some(c),
        })
        .collect()
}

/// A token's form for the table: `latin` is its Latin comparison text; `arabic` its original
/// spelling when written in Arabic script.
#[derive(Clone, Copy, Debug)]
pub enum Spelling<'a> {
    Latin(&'a str),
    Arabic(&'a str),
}

/// The table's name of a spelling, and of the spelling without its nisba ending (a final
/// ي / -i), when those are known.
fn names_of(s: Spelling<'_>) -> (Option<u16>, Option<u16>) {
    let map = spellings();
    match s {
        Spelling::Latin(t) => {
            let whole = map.get(t).copied();
            let base = t
                .strip_suffix('i')
                .filter(|b| b.len() >= 3)
                .and_then(|b| map.get(b).copied());
            (whole, base)
        }
        Spelling::Arabic(t) => {
            let n = normalise_arabic(t);
            let mut whole = map.get(&n).copied();
            // The article written into the word (الحسن al-Hasan).
            if whole.is_none() && n.chars().count() > 4 {
                if let Some(rest) = n.strip_prefix("ال") {
                    whole = map.get(rest).copied();
                }
            }
            let base = n
                .strip_suffix('ي')
                .filter(|b| b.chars().count() >= 2)
                .and_then(|b| map.get(b).copied());
            (whole, base)
        }
    }
}

/// Whether `a` and `b` are spellings of two different known given names ("محمد" / "Mahmud",
/// "Hamid" / "Ahmad", "حمیدی" / "Ahmadi" as the nisbas of Hamid and Ahmad). False whenever
/// either is unknown: the table only ever tells two known names apart.
pub fn different_names(a: Spelling<'_>, b: Spelling<'_>) -> bool {
    let (wa, ba) = names_of(a);
    let (wb, bb) = names_of(b);
    if let (Some(x), Some(y)) = (wa, wb) {
        return x != y;
    }
    // Both with the nisba ending, and one not a known name as written ("Ali" is a name, not
    // the nisba of "Al"): compare the names the nisbas are made from.
    match (wa.is_none() || wb.is_none(), ba, bb) {
        (true, Some(x), Some(y)) => x != y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Spelling::{Arabic, Latin};

    #[test]
    fn the_table_parses() {
        let map = parse(TABLE).unwrap();
        assert!(map.len() > 200, "{}", map.len());
        assert!(
            parse("ali\tعلي\nali\tعلى\n").is_err(),
            "a spelling of two names is refused"
        );
        assert!(parse("Ali\tعلي\n").is_err());
        assert!(parse("ali علي\n").is_err());
    }

    #[test]
    fn known_names_are_told_apart() {
        assert!(different_names(Arabic("محمد"), Latin("mahmud")));
        assert!(different_names(Latin("mohammad"), Latin("mahmoud")));
        assert!(different_names(Arabic("حمیدی"), Latin("ahmadi")));
        assert!(different_names(Arabic("مریم"), Latin("rim")));
        assert!(different_names(Arabic("اسما"), Latin("usama")));
        assert!(different_names(Arabic("احسان"), Latin("hassan")));
    }

    #[test]
    fn spellings_of_one_name_and_unknown_words_are_not() {
        assert!(!different_names(Arabic("محمد"), Latin("mohamed")));
        assert!(!different_names(Arabic("مُحَمَّد"), Latin("muhammad")));
        assert!(!different_names(Arabic("حسین"), Latin("hossein")));
        assert!(!different_names(Arabic("محمدی"), Latin("mohammadi")));
        assert!(!different_names(Arabic("فاطمة"), Latin("fatemeh")));
        assert!(!different_names(Arabic("الحسن"), Latin("hasan")));
        // Unknown on one side: no judgement.
        assert!(!different_names(Arabic("اشتری"), Latin("ashtari")));
        assert!(!different_names(Latin("mohammad"), Latin("makhlouf")));
        // "Ali" is a name as written, not the nisba of an unknown "Al".
        assert!(!different_names(Arabic("علي"), Latin("ali")));
    }
}
