//! Double surnames: "RAMIREZ DUQUE, Carlos Manuel" has two family names, the father's
//! (Ramírez) and then the mother's (Duque), and it is the first that the person goes by:
//! "Carlos Ramírez", never "Carlos Duque".
//!
//! Lists write such names "FIRST SECOND, Given" (OFAC writes every person so), and the Spanish
//! speaking world gives them to most of its people, so a listed "RAMIREZ DUQUE, Carlos Manuel"
//! shares a given name and a surname with a great many customers called "Carlos Duque" (in
//! Spanish or Latin-American names a common given name and a common surname). The scorer
//! priced the missing first surname as a middle name the query omits, so these alerted at
//! 0.75–0.87 — the largest class of name-only false alerts against OFAC. A name that keeps the
//! second surname and drops the first is another family's name: the dropped first surname
//! costs as a disagreement ([`DROPPED_FIRST_SURNAME`] times its floored weight), not as an
//! omission. So does a name that drops both ("Hector Manuel" / BELTRAN SANCHEZ, Hector Manuel:
//! the given names of a great many people, and no family name of theirs). A name that keeps the
//! first surname and drops the second ("Carlos Ramírez") is the usual short form and is not
//! touched.
//!
//! The first given name is the one such a person goes by, as the first surname is: "Oscar
//! Richard MARTINEZ ARANGO" is Oscar Martínez, and "Richard Martinez", meeting the first surname
//! and only the second given name, is another Martínez (0.78, a false alert; "Andrea Vásquez" /
//! VASQUEZ VALENCIA, Natalia Andrea likewise). The first given name left unmet beside a met
//! first surname costs as a disagreement too.

use crate::alignment::Alignment;
use crate::prepared::{PToken, PreparedName};
use crate::score::DISAGREEMENT_MIN_WEIGHT;
use embargo_names::{analyze, NameStyle, Script, TokenRole};

/// Cost factor of a first surname dropped while the second is kept: that of a disagreement
/// ([`crate::score::CONFLICT`]).
pub const DROPPED_FIRST_SURNAME: f64 = 2.0;

/// The two family names of a person's name written "FIRST SECOND, Given…": token indices of
/// the first and the second surname, when the part before the comma is exactly two Latin words
/// and given names follow. `None` otherwise (one surname, particles, "AL-", a name in another
/// script, nothing after the comma).
///
/// ```
/// use embargo_matcher::double_surname::double_surname;
/// use embargo_matcher::prepared::PreparedName;
/// use embargo_matcher::TokenStats;
/// use embargo_model::{NameKind, Schema};
/// let n = PreparedName::new("RAMIREZ DUQUE, Carlos Manuel", NameKind::Primary,
///     Some(Schema::Person), &TokenStats::default());
/// assert_eq!(n.double_surname, Some([0, 1]));
/// let n = PreparedName::new("AL-BANNA, Ibrahim", NameKind::Primary,
///     Some(Schema::Person), &TokenStats::default());
/// assert_eq!(n.double_surname, None);
/// ```
pub fn double_surname(value: &str, style: NameStyle, tokens: &[PToken]) -> Option<[usize; 2]> {
    if style != NameStyle::Person {
        return None;
    }
    let (before, after) = value.split_once(',')?;
    if after.trim().is_empty() {
        return None;
    }
    let family: Vec<_> = analyze(before, style)
        .into_iter()
        .filter(|t| t.is_compared())
        .collect();
    let word =
        |t: &embargo_names::NameToken| t.role == TokenRole::Word && t.script == Script::Latin;
    if family.len() != 2 || !family.iter().all(word) || tokens.len() < 3 {
        return None;
    }
    let same = family
        .iter()
        .zip(tokens)
        .all(|(f, t)| f.text == t.text && t.role == TokenRole::Word);
    (same && !PORTUGUESE_LAST_SURNAMES.contains(&family[1].text.as_str())).then_some([0, 1])
}

/// Common Portuguese and Brazilian family names (folded to ASCII). The Portuguese-speaking
/// world orders two surnames the other way round: the mother's first, the father's last, and
/// the last is the one a person goes by ("SANTOS SILVA, Joao" is "Joao Silva"). A name whose
/// second surname is one of these is left alone: some Spanish names keep their false alerts
/// (Costa, Ramos, Andrade are Spanish too), but a listed Brazilian is not lost.
const PORTUGUESE_LAST_SURNAMES: &[&str] = &[
    "silva",
    "santos",
    "oliveira",
    "souza",
    "sousa",
    "pereira",
    "costa",
    "carvalho",
    "almeida",
    "ferreira",
    "ribeiro",
    "rodrigues",
    "gomes",
    "lima",
    "martins",
    "rocha",
    "alves",
    "araujo",
    "barbosa",
    "cardoso",
    "fernandes",
    "goncalves",
    "lopes",
    "mendes",
    "nunes",
    "pinto",
    "soares",
    "vieira",
    "monteiro",
    "moreira",
    "teixeira",
    "correia",
    "cunha",
    "freitas",
    "azevedo",
    "batista",
    "cavalcanti",
    "coelho",
    "dias",
    "duarte",
    "farias",
    "machado",
    "marques",
    "melo",
    "moura",
    "nascimento",
    "neves",
    "ramos",
    "reis",
    "tavares",
    "vasconcelos",
    "andrade",
    "magalhaes",
    "castro",
    "campos",
    "miranda",
    "peixoto",
    "pires",
];

/// What the scorer must add to its loss when one of `q` and `c` is a double-surname name whose
/// first surname is left unaligned (its second aligned or not): the difference between
/// [`DROPPED_FIRST_SURNAME`] and the one-sided cost (`one_sided`) the scorer already counted,
/// times the first surname's floored weight. Only ever adds loss, so `crate::bound` stays an
/// upper bound without knowing of it.
pub fn dropped_first_surname_cost(
    q: &PreparedName,
    c: &PreparedName,
    al: &Alignment,
    one_sided: f64,
) -> f64 {
    side_cost(q, &al.unmatched_q, one_sided) + side_cost(c, &al.unmatched_c, one_sided)
}

fn side_cost(n: &PreparedName, unmatched: &[usize], one_sided: f64) -> f64 {
    let Some([first, second]) = n.double_surname else {
        return 0.0;
    };
    let dropped = if unmatched.contains(&first) {
        first
    } else {
        // The first given name: the first word after the two surnames.
        match (second + 1..n.tokens.len()).find(|&i| n.tokens[i].role == TokenRole::Word) {
            Some(given) if unmatched.contains(&given) => given,
            _ => return 0.0,
        }
    };
    let w = n.tokens[dropped].weight.max(DISAGREEMENT_MIN_WEIGHT);
    (DROPPED_FIRST_SURNAME - one_sided).max(0.0) * w
}

#[cfg(test)]
mod tests {
    use crate::prepared::person as name;
    use crate::score::score_names;

    #[test]
    fn the_two_surnames_are_the_two_words_before_the_comma() {
        assert_eq!(
            name("RAMIREZ DUQUE, Carlos Manuel").double_surname,
            Some([0, 1])
        );
        assert_eq!(
            name("ORTEGA MURILLO, Juan Carlos").double_surname,
            Some([0, 1])
        );
        // One surname, a particle, no comma, nothing after it: not a double surname.
        assert_eq!(name("KIM, Jong Sik").double_surname, None);
        assert_eq!(name("AL-BANNA, Ibrahim").double_surname, None);
        assert_eq!(name("ALVAREZ DEL RIO, Fredy").double_surname, None);
        assert_eq!(name("Carlos Ramirez Duque").double_surname, None);
        assert_eq!(name("RAMIREZ DUQUE,").double_surname, None);
        // Portuguese order: the last surname is the one the person goes by.
        assert_eq!(name("SANTOS SILVA, Joao").double_surname, None);
        assert_eq!(name("COSTA GONCALVES, Maria").double_surname, None);
    }

    #[test]
    fn the_second_surname_alone_is_another_family() {
        let listed = name("RAMIREZ DUQUE, Carlos Manuel");
        let s = score_names(&name("Carlos Duque"), &listed).score;
        assert!(s < 0.7, "{s}");
        // The usual short form, and the full name, still match.
        let short = score_names(&name("Carlos Ramirez"), &listed).score;
        assert!(short >= 0.7, "{short}");
        let full = score_names(&name("Carlos Manuel Ramirez Duque"), &listed).score;
        assert!(full >= 0.95, "{full}");
        // Either side may carry the double surname.
        let s = score_names(&listed, &name("Carlos Duque")).score;
        assert!(s < 0.7, "{s}");
    }

    #[test]
    fn the_second_given_name_alone_is_another_person() {
        let listed = name("MARTINEZ ARANGO, Oscar Richard");
        let s = score_names(&name("Richard Martinez"), &listed).score;
        assert!(s < 0.7, "{s}");
        // The first given name, or both, still match.
        let s = score_names(&name("Oscar Martinez"), &listed).score;
        assert!(s >= 0.7, "{s}");
        let s = score_names(&name("Oscar Richard Martinez"), &listed).score;
        assert!(s >= 0.8, "{s}");
    }

    #[test]
    fn given_names_alone_are_no_family_name() {
        let s = score_names(
            &name("Hector Manuel"),
            &name("BELTRAN SANCHEZ, Hector Manuel"),
        )
        .score;
        assert!(s < 0.7, "{s}");
    }
}
