//! Bringing a token of any script into the Latin comparison space.
//!
//! Generic tables come from `any_ascii` (fast, covers every script). Scripts where generic
//! transliteration loses the name (Hangul, Arabic, Han read as Korean…) are refined by the learned
//! cross-script model once it is present; this module holds only what tables can do.

use crate::normalize::latin_ascii;
use crate::Script;

/// The Latin spellings of one token in `script`, lowercase ASCII, most likely first. A result may
/// hold spaces when one native token spells several Latin tokens (a Han name is one syllable per
/// character).
pub fn to_latin(token: &str, script: Script) -> Vec<String> {
    if matches!(
        script,
        Script::Hangul | Script::Arabic | Script::Kana | Script::Hebrew | Script::Han
    ) {
        // The learned model knows name spellings these tables lack (Korean readings of
        // personal names, vowels of Arabic names).
        let forms = crate::crossscript::romanize(token);
        if forms.first().is_some_and(|f| !f.trim().is_empty()) {
            return forms;
        }
    }
    match script {
        Script::Latin | Script::Common => vec![latin_ascii(token)],
        Script::Han => {
            // One syllable per character: 金正恩 → "jin zheng en".
            let syllables: Vec<String> = token
                .chars()
                .map(|c| any_ascii::any_ascii_char(c).to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect();
            vec![syllables.join(" ")]
        }
        Script::Cyrillic => vec![cyrillic(token)],
        _ if crate::khmer::is_khmer(token) => vec![crate::khmer::romanize(token)],
        _ => {
            let s: String = any_ascii::any_ascii(token)
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
                .map(|c| c.to_ascii_lowercase())
                .collect();
            vec![s]
        }
    }
}

/// Cyrillic to Latin the way Russian and Ukrainian names appear on Western lists (BGN/PCGN-like:
/// "Щ" → "shch", "Ё" → "e", soft and hard signs dropped).
fn cyrillic(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    for c in token.chars().flat_map(char::to_lowercase) {
        let s = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'ґ' => "g",
            'д' => "d",
            'е' => "e",
            'ё' => "e",
            'є' => "ye",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'і' => "i",
            'ї' => "yi",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            'ў' => "u",
            'ђ' => "dj",
            'ј' => "j",
            'љ' => "lj",
            'њ' => "nj",
            'ћ' => "c",
            'џ' => "dz",
            'ѓ' => "gj",
            'ќ' => "kj",
            'ѕ' => "dz",
            c if c.is_ascii() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            c => {
                out.push_str(&any_ascii::any_ascii_char(c).to_ascii_lowercase());
                continue;
            }
        };
        out.push_str(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(to_latin("Путин", Script::Cyrillic), vec!["putin"]);
        assert_eq!(
            to_latin("Владимирович", Script::Cyrillic),
            vec!["vladimirovich"]
        );
        assert_eq!(to_latin("金正恩", Script::Han)[0], "jin zheng en");
        assert_eq!(to_latin("Ørsted", Script::Latin), vec!["orsted"]);
    }
}
