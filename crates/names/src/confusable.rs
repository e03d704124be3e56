//! Visually confusable letters: "Рutin" written with a Cyrillic Р must still be Putin.
//!
//! Only applied to tokens that mix Latin with Cyrillic or Greek letters, the signature of a
//! spoofed or mis-keyed name; a token wholly in Cyrillic is transliterated instead.

/// The Latin letter a Cyrillic or Greek look-alike stands for.
fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'А' | 'Α' => 'A',
        'в' => 'b',
        'В' | 'Β' => 'B',
        'с' | 'ϲ' => 'c',
        'С' | 'Ϲ' => 'C',
        'е' | 'ε' => 'e',
        'Е' | 'Ε' => 'E',
        'н' => 'h',
        'Н' | 'Η' => 'H',
        'і' | 'ι' => 'i',
        'І' | 'Ι' => 'I',
        'ј' => 'j',
        'Ј' => 'J',
        'к' | 'κ' => 'k',
        'К' | 'Κ' => 'K',
        'м' => 'm',
        'М' | 'Μ' => 'M',
        'Ν' => 'N',
        'о' | 'ο' => 'o',
        'О' | 'Ο' => 'O',
        'р' | 'ρ' => 'p',
        'Р' | 'Ρ' => 'P',
        'ѕ' => 's',
        'Ѕ' => 'S',
        'т' | 'τ' => 't',
        'Т' | 'Τ' => 'T',
        'у' | 'υ' => 'y',
        'У' | 'Υ' => 'Y',
        'х' | 'χ' => 'x',
        'Х' | 'Χ' => 'X',
        'Ζ' => 'Z',
        _ => return None,
    })
}

/// If `token` mixes Latin letters with Cyrillic/Greek look-alikes, return it with the look-alikes
/// replaced by Latin letters. Tokens in a single script come back `None`.
///
/// ```
/// assert_eq!(embargo_names::confusable::unspoof("Рutin").as_deref(), Some("Putin"));
/// assert_eq!(embargo_names::confusable::unspoof("Путин"), None);
/// ```
pub fn unspoof(token: &str) -> Option<String> {
    let has_latin = token.chars().any(|c| c.is_ascii_alphabetic());
    let has_lookalike = token.chars().any(|c| latin_lookalike(c).is_some());
    if !(has_latin && has_lookalike) {
        return None;
    }
    // Every non-Latin letter must be a look-alike, else it is not a spoof but mixed text.
    if token.chars().any(|c| {
        c.is_alphabetic() && !c.is_ascii() && latin_lookalike(c).is_none() && !is_latin_extended(c)
    }) {
        return None;
    }
    Some(
        token
            .chars()
            .map(|c| latin_lookalike(c).unwrap_or(c))
            .collect(),
    )
}

fn is_latin_extended(c: char) -> bool {
    crate::Script::of_char(c) == crate::Script::Latin
}
