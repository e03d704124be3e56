//! Company legal forms, canonicalised (not deleted): "OOO", "ООО", "LLC" and "limited liability
//! company" are one form, and it still counts when two names disagree on it only weakly.
//!
//! Forms are grouped into families that lists use interchangeably across languages: every joint
//! stock variant (JSC, OJSC, CJSC, PJSC, AO, OAO, ZAO, PAO, "joint stock company") is `jsc`. The
//! phrase table is matched on already-transliterated tokens, so Cyrillic ООО arrives as "ooo".

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// (phrase as lowercase ASCII tokens, canonical form). The longest phrase that matches wins.
static FORMS: &[(&str, &str)] = &[
    ("public joint stock company", "jsc"),
    ("open joint stock company", "jsc"),
    ("closed joint stock company", "jsc"),
    ("joint stock company", "jsc"),
    ("joint-stock company", "jsc"),
    ("limited liability company", "llc"),
    ("limited liability partnership", "llp"),
    ("limited partnership", "lp"),
    ("public limited company", "plc"),
    ("private limited company", "ltd"),
    ("sendirian berhad", "sdn bhd"),
    ("sdn bhd", "sdn bhd"),
    ("societe anonyme", "sa"),
    ("sociedad anonima", "sa"),
    ("societe a responsabilite limitee", "sarl"),
    ("sociedad de responsabilidad limitada", "srl"),
    ("societa per azioni", "spa"),
    // The long forms behind the short ones registries print (a Romanian "SRL" is a "Societatea
    // cu Răspundere Limitată" in its statutes), in the languages whose short forms are above.
    ("societatea cu raspundere limitata", "srl"),
    ("societate cu raspundere limitata", "srl"),
    ("societatea pe actiuni", "sa"),
    ("societate pe actiuni", "sa"),
    ("societa a responsabilita limitata", "srl"),
    ("societa in accomandita semplice", "sas"),
    ("sociedade anonima", "sa"),
    ("sociedade limitada", "ltd"),
    ("sociedad limitada", "ltd"),
    ("spolka z ograniczona odpowiedzialnoscia", "llc"),
    ("spolka akcyjna", "sa"),
    ("spolecnost s rucenim omezenym", "sro"),
    ("spolocnost s rucenim obmedzenym", "sro"),
    ("akciova spolecnost", "as"),
    ("besloten vennootschap", "bv"),
    ("naamloze vennootschap", "nv"),
    ("kommanditgesellschaft", "kg"),
    ("aktiebolag", "ab"),
    ("osakeyhtio", "oy"),
    ("aksjeselskap", "as"),
    ("anonim sirketi", "as"),
    ("limited sirketi", "ltd"),
    ("drustvo s ogranicenom odgovornoscu", "doo"),
    ("korlatolt felelossegu tarsasag", "kft"),
    ("aktiengesellschaft", "ag"),
    ("gesellschaft mit beschrankter haftung", "gmbh"),
    ("obshchestvo s ogranichennoy otvetstvennostyu", "llc"),
    ("obshchestvo s ogranichennoi otvetstvennostiu", "llc"),
    ("aktsionernoye obshchestvo", "jsc"),
    ("aktsionernoe obshchestvo", "jsc"),
    ("tovarystvo z obmezhenoyu vidpovidalnistyu", "llc"),
    ("co ltd", "co ltd"),
    ("company limited", "co ltd"),
    ("pte ltd", "ltd"),
    ("pvt ltd", "ltd"),
    ("pty ltd", "ltd"),
    ("private limited", "ltd"),
    ("llc", "llc"),
    ("ooo", "llc"),
    ("too", "llc"),
    ("tov", "llc"),
    ("jsc", "jsc"),
    ("ojsc", "jsc"),
    ("cjsc", "jsc"),
    ("pjsc", "jsc"),
    ("ao", "jsc"),
    ("oao", "jsc"),
    ("zao", "jsc"),
    ("pao", "jsc"),
    ("pat", "jsc"),
    ("prat", "jsc"),
    ("ltd", "ltd"),
    ("limited", "ltd"),
    ("ltda", "ltd"),
    ("inc", "inc"),
    ("incorporated", "inc"),
    ("corp", "corp"),
    ("corporation", "corp"),
    ("co", "co"),
    ("company", "co"),
    ("gmbh", "gmbh"),
    ("ag", "ag"),
    ("kg", "kg"),
    ("sa", "sa"),
    ("sas", "sas"),
    ("sarl", "sarl"),
    ("srl", "srl"),
    ("spa", "spa"),
    ("bv", "bv"),
    ("nv", "nv"),
    ("plc", "plc"),
    ("llp", "llp"),
    ("lp", "lp"),
    ("doo", "doo"),
    ("dd", "dd"),
    ("ad", "ad"),
    ("ab", "ab"),
    ("oy", "oy"),
    ("as", "as"),
    ("asa", "asa"),
    ("pte", "ltd"),
    ("pvt", "ltd"),
    ("pty", "pty"),
    ("bhd", "sdn bhd"),
    ("sdn", "sdn bhd"),
    ("tbk", "tbk"),
    ("fze", "fze"),
    ("fzco", "fzco"),
    ("fzc", "fzc"),
    ("fzllc", "llc"),
    ("gie", "gie"),
    ("sapi", "sa"),
    ("de cv", "de cv"),
    ("sa de cv", "sa"),
    ("kft", "kft"),
    ("zrt", "zrt"),
    ("sro", "sro"),
    ("as", "as"),
    ("sp z oo", "llc"),
    ("spzoo", "llc"),
    ("ooo", "llc"),
];

/// Find a legal form starting at `tokens[i]`: its length in tokens and canonical form.
///
/// ```
/// use embargo_names::legal_form::match_at;
/// let t: Vec<String> = ["acme", "joint", "stock", "company"].iter().map(|s| s.to_string()).collect();
/// assert_eq!(match_at(&t, 1), Some((3, "jsc")));
/// assert_eq!(match_at(&t, 0), None);
/// ```
pub fn match_at(tokens: &[String], i: usize) -> Option<(usize, &'static str)> {
    let first = tokens.get(i)?;
    let Some(phrases) = by_first_word().get(first.as_str()) else {
        return misspelt_form(first)
            .map(|canon| (1, canon))
            .or_else(|| misspelt_phrase(tokens, i));
    };
    let mut best: Option<(usize, &'static str)> = None;
    // Only the phrases that start with this token, in table order: the longest wins, the first
    // of equal length.
    for (words, canon) in phrases {
        let n = words.len();
        if i + n > tokens.len() || best.is_some_and(|(bn, _)| bn >= n) {
            continue;
        }
        if words[1..]
            .iter()
            .zip(&tokens[i + 1..i + n])
            .all(|(p, t)| p == t)
        {
            best = Some((n, canon));
        }
    }
    best.or_else(|| misspelt_phrase(tokens, i))
}

/// Fewest words of a phrase whose misspellings are recognised, and fewest letters of the
/// misspelt word: in "joynt stock company" the other words vouch for the slip, while a two-word
/// phrase with a typo ("limited partnershop") could be a name's own words.
const MIN_FUZZY_PHRASE_WORDS: usize = 3;
const MIN_FUZZY_PHRASE_WORD_LEN: usize = 5;

/// A legal form of [`MIN_FUZZY_PHRASE_WORDS`] words or more starting at `tokens[i]`, written with
/// one typo in one of its words of [`MIN_FUZZY_PHRASE_WORD_LEN`] letters or more, the others as
/// in the table ("TACTICAL MISSILES CORPORATION JOYNT STOCK COMPANY"): its length in tokens and
/// canonical form. The longest phrase wins.
///
/// ```
/// use embargo_names::legal_form::misspelt_phrase;
/// let t: Vec<String> = ["acme", "joynt", "stock", "company"].iter().map(|s| s.to_string()).collect();
/// assert_eq!(misspelt_phrase(&t, 1), Some((3, "jsc")));
/// let t: Vec<String> = ["acme", "joynt", "stack", "company"].iter().map(|s| s.to_string()).collect();
/// assert_eq!(misspelt_phrase(&t, 1), None);
/// ```
pub fn misspelt_phrase(tokens: &[String], i: usize) -> Option<(usize, &'static str)> {
    let mut best: Option<(usize, &'static str)> = None;
    for (words, canon) in fuzzy_phrases() {
        let n = words.len();
        if i + n > tokens.len() || best.is_some_and(|(bn, _)| bn >= n) {
            continue;
        }
        let mut slips = 0;
        for (w, t) in words.iter().zip(&tokens[i..i + n]) {
            if w == t {
                continue;
            }
            slips += 1;
            if slips > 1
                || w.len() < MIN_FUZZY_PHRASE_WORD_LEN
                || w.len().abs_diff(t.len()) > 1
                || rapidfuzz::distance::osa::distance(w.bytes(), t.bytes()) > 1
            {
                slips = 2;
                break;
            }
        }
        if slips == 1 {
            best = Some((n, canon));
        }
    }
    best
}

/// The phrases of [`FORMS`] of [`MIN_FUZZY_PHRASE_WORDS`] words or more, split into words.
fn fuzzy_phrases() -> &'static [(Vec<&'static str>, &'static str)] {
    static TABLE: OnceLock<Vec<(Vec<&'static str>, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        FORMS
            .iter()
            .map(|(phrase, canon)| (phrase.split(' ').collect::<Vec<_>>(), *canon))
            .filter(|(words, _)| words.len() >= MIN_FUZZY_PHRASE_WORDS)
            .collect()
    })
}

/// Shortest one-word form whose misspellings are recognised: a long word like
/// "aktiengesellschaft" or "incorporated" misspelt is still that form ("Aktiengeselschaft"),
/// while a short one misspelt is more likely another word ("limited" / "limites").
const MIN_FUZZY_FORM_LEN: usize = 10;

/// A long one-word legal form written with one typo (two for forms of 16 letters or more).
///
/// ```
/// use embargo_names::legal_form::misspelt_form;
/// assert_eq!(misspelt_form("aktiengeselschaft"), Some("ag"));
/// assert_eq!(misspelt_form("incorparated"), Some("inc"));
/// assert_eq!(misspelt_form("corporate"), None);
/// ```
pub fn misspelt_form(token: &str) -> Option<&'static str> {
    if token.len() + 2 < MIN_FUZZY_FORM_LEN {
        return None;
    }
    FORMS
        .iter()
        .filter(|(phrase, _)| phrase.len() >= MIN_FUZZY_FORM_LEN && !phrase.contains(' '))
        .find(|(phrase, _)| {
            let allowed = if phrase.len() >= 16 { 2 } else { 1 };
            phrase.len().abs_diff(token.len()) <= allowed
                && rapidfuzz::distance::osa::distance(phrase.bytes(), token.bytes()) <= allowed
        })
        .map(|&(_, canon)| canon)
}

/// The phrases of [`FORMS`] split into words and grouped by their first word, in table order:
/// a name token is looked up once instead of compared with every phrase.
fn by_first_word() -> &'static HashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>> {
    static TABLE: OnceLock<HashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>>> =
        OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: HashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>> =
            HashMap::default();
        for (phrase, canon) in FORMS {
            let words: Vec<&'static str> = phrase.split(' ').collect();
            t.entry(words[0]).or_default().push((words, canon));
        }
        t
    })
}

/// Words that are common in organisation names and carry little identity on their own
/// ("group", "holding", "international"): they count, but lightly, and a name made only of them
/// and legal forms must not alert on everything.
pub fn is_generic_org_word(token: &str) -> bool {
    matches!(
        token,
        "group"
            | "holding"
            | "holdings"
            | "international"
            | "trading"
            | "trade"
            | "industries"
            | "industry"
            | "industrial"
            | "enterprise"
            | "enterprises"
            | "services"
            | "service"
            | "general"
            | "global"
            | "bank"
            | "investment"
            | "investments"
            | "development"
            | "management"
            | "shipping"
            | "import"
            | "export"
            | "national"
            | "foundation"
            | "association"
            | "partners"
            | "capital"
            | "fund"
            | "technology"
            | "technologies"
            | "solutions"
            | "systems"
            | "commercial"
            | "commerce"
            | "center"
            | "centre"
            | "organization"
            | "organisation"
            | "firm"
            | "agency"
            | "institute"
            | "the"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table scan the first-word lookup replaced.
    fn scan(tokens: &[String], i: usize) -> Option<(usize, &'static str)> {
        let mut best: Option<(usize, &'static str)> = None;
        for (phrase, canon) in FORMS {
            let n = phrase.split(' ').count();
            if i + n > tokens.len() || best.is_some_and(|(bn, _)| bn >= n) {
                continue;
            }
            if phrase
                .split(' ')
                .zip(&tokens[i..i + n])
                .all(|(p, t)| p == t)
            {
                best = Some((n, canon));
            }
        }
        best
    }

    #[test]
    fn long_forms_in_other_languages_are_their_short_form() {
        let words = |s: &str| -> Vec<String> { s.split(' ').map(str::to_string).collect() };
        let t = words("pro traffic societatea cu raspundere limitata");
        assert_eq!(match_at(&t, 2), Some((4, "srl")));
        let t = words("acme spolka z ograniczona odpowiedzialnoscia");
        assert_eq!(match_at(&t, 1), Some((4, "llc")));
        // Cut short, the phrase is no form.
        let t = words("societatea cu raspundere");
        assert_eq!(match_at(&t, 0), None);
    }

    #[test]
    fn lookup_finds_what_the_scan_finds() {
        let words = |s: &str| -> Vec<String> { s.split(' ').map(str::to_string).collect() };
        let mut names: Vec<Vec<String>> = Vec::new();
        for (phrase, _) in FORMS {
            names.push(words(&format!("acme {phrase}")));
            names.push(words(&format!("{phrase} acme")));
            // Cut short: a longer phrase's prefix may be a form of its own, or none.
            let w = words(phrase);
            names.push(w[..w.len().saturating_sub(1).max(1)].to_vec());
        }
        names.push(words("sa de cv"));
        names.push(words("co ltd company limited"));
        for name in &names {
            for i in 0..=name.len() {
                assert_eq!(match_at(name, i), scan(name, i), "{name:?} at {i}");
            }
        }
    }
}
