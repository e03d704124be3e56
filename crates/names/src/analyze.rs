//! From a published name to comparable tokens.

use crate::normalize::{fold, split_tokens};
use crate::{
    confusable, honorific, legal_form, number_word, particle, regnal, transliterate, Script,
};

/// What kind of party a name belongs to: decides which name knowledge applies (legal forms for
/// organisations, honorifics and Arabic compounds for people).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameStyle {
    Person,
    Organization,
    /// Vessels and aircraft: "M/V" and "MT" prefixes are dropped.
    Vessel,
}

/// The role of a token in a name; the matcher weights tokens by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "role", content = "form")]
pub enum TokenRole {
    Word,
    /// A single letter ("A." in "Ali A. Velayati").
    Initial,
    /// Digits or a Roman numeral in an organisation name: must agree exactly.
    Number,
    /// A company legal form, canonicalised ("ooo" → "llc").
    LegalForm(&'static str),
    /// A name particle (al, bin, van…): low weight.
    Particle,
    /// A title (Dr, Sheikh, General): not compared.
    Honorific,
    /// "the", "of", "and", "&": not compared.
    Stopword,
}

/// One token of an analysed name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameToken {
    /// The Latin comparison form: lowercase ASCII letters and digits (the canonical form for legal
    /// forms and particles).
    pub text: String,
    /// The token as written (after case folding), in its own script.
    pub original: String,
    pub script: Script,
    pub role: TokenRole,
}

impl NameToken {
    /// Tokens that take part in name comparison (not honorifics or stopwords).
    pub fn is_compared(&self) -> bool {
        !matches!(self.role, TokenRole::Honorific | TokenRole::Stopword)
    }
}

fn is_roman_numeral(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 6
        && t.bytes().all(|b| matches!(b, b'i' | b'v' | b'x' | b'l'))
        && t != "l"
        && t != "v"
}

/// Analyse a name into tokens.
///
/// ```
/// use embargo_names::{analyze, NameStyle, TokenRole};
/// let t = analyze("Sheikh Abdul Rahman al-Qaddafi", NameStyle::Person);
/// let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
/// assert_eq!(texts, ["sheikh", "abd", "rahman", "al", "qaddafi"]);
/// assert_eq!(t[0].role, TokenRole::Honorific);
/// assert_eq!(t[3].role, TokenRole::Particle);
/// let t = analyze("ООО Ромашка 2", NameStyle::Organization);
/// assert_eq!(t[0].role, TokenRole::LegalForm("llc"));
/// assert_eq!(t[2].role, TokenRole::Number);
/// ```
pub fn analyze(name: &str, style: NameStyle) -> Vec<NameToken> {
    let folded = fold(name);
    let raw = crate::persian_suffix::join(split_tokens(&folded));
    // Stage 1: script and transliteration; one raw token may give several Latin tokens.
    let mut latin: Vec<(String, String, Script)> = Vec::with_capacity(raw.len());
    for tok in raw {
        // A ruler's number (에드워드 7세): its Latin form is the Roman numeral ("vii").
        if style == NameStyle::Person {
            if let Some(numeral) = regnal::roman_of_native(&tok) {
                latin.push((numeral, tok, Script::Latin));
                continue;
            }
        }
        let (tok, script) = match confusable::unspoof(&tok) {
            Some(fixed) => {
                let folded = fold(&fixed);
                (folded, Script::Latin)
            }
            None => {
                let s = Script::of_token(&tok);
                (tok, s)
            }
        };
        if tok == "&" {
            latin.push(("&".into(), tok, Script::Common));
            continue;
        }
        let forms = transliterate::to_latin(&tok, script);
        let best = forms.into_iter().next().unwrap_or_default();
        for part in best.split(' ').filter(|p| !p.is_empty()) {
            let clean: String = part.chars().filter(char::is_ascii_alphanumeric).collect();
            if !clean.is_empty() {
                latin.push((clean, tok.clone(), script));
            }
        }
    }
    // Stage 2: name knowledge.
    // No comma: the name is written in its natural order, not "FAMILY, Given".
    let natural_order = !folded.contains(',');
    let texts: Vec<String> = latin.iter().map(|(t, _, _)| t.clone()).collect();
    let mut out: Vec<NameToken> = Vec::with_capacity(latin.len());
    let mut i = 0;
    while i < latin.len() {
        let (text, original, script) = &latin[i];
        if style != NameStyle::Person {
            if let Some((n, canon)) = legal_form::match_at(&texts, i) {
                // A legal form must not swallow the whole name ("AO" alone, "Company" alone).
                let is_whole = n == latin.len();
                if !is_whole {
                    let original: Vec<&str> =
                        latin[i..i + n].iter().map(|(_, o, _)| o.as_str()).collect();
                    out.push(NameToken {
                        text: canon.to_string(),
                        original: original.join(" "),
                        script: *script,
                        role: TokenRole::LegalForm(canon),
                    });
                    i += n;
                    continue;
                }
            }
        }
        if style == NameStyle::Vessel && i == 0 && latin.len() > 1 {
            let t = text.as_str();
            let next = latin.get(1).map(|(t, _, _)| t.as_str());
            if matches!(t, "mv" | "mt" | "ms" | "ss" | "fv" | "mys" | "sy" | "my") {
                i += 1;
                continue;
            }
            if t == "m" && matches!(next, Some("v") | Some("t")) && latin.len() > 2 {
                i += 2;
                continue;
            }
        }
        // Latin syllables read from Hangul, Han or kana are not English or Arabic words: 허
        // "heo" may come out as "her", 安 as "an"; none is a title or a particle.
        let syllabic = matches!(script, Script::Hangul | Script::Han | Script::Kana).then_some(());
        if style != NameStyle::Person && *script == Script::Latin {
            if let Some(d) = number_word::digits(text) {
                out.push(NameToken {
                    text: d.to_string(),
                    original: original.clone(),
                    script: *script,
                    role: TokenRole::Number,
                });
                i += 1;
                continue;
            }
        }
        let role = if matches!(text.as_str(), "the" | "of" | "and" | "&" | "und" | "et") {
            if text == "&" {
                TokenRole::Stopword
            } else if out.is_empty() && text != "the" {
                TokenRole::Word
            } else {
                TokenRole::Stopword
            }
        } else if text.bytes().all(|b| b.is_ascii_digit())
            || (style != NameStyle::Person && is_roman_numeral(text) && i > 0)
        {
            TokenRole::Number
        } else if style == NameStyle::Person
            && latin.len() > 1
            && (if syllabic.is_none() {
                honorific::is_honorific(text)
            } else {
                *script == Script::Hangul && honorific::is_native_honorific(original)
            })
        {
            TokenRole::Honorific
        } else if style == NameStyle::Person
            && syllabic.is_none()
            && particle::is_particle(text)
            && latin.len() > 1
            && !(out.is_empty() && natural_order && particle::is_given_name_opening(text))
        {
            TokenRole::Particle
        } else if text.len() == 1
            && text.bytes().all(|b| b.is_ascii_alphabetic())
            && original.chars().count() == 1
            && matches!(
                script,
                Script::Latin
                    | Script::Cyrillic
                    | Script::Greek
                    | Script::Armenian
                    | Script::Georgian
            )
        {
            TokenRole::Initial
        } else {
            TokenRole::Word
        };
        if role == TokenRole::Particle {
            out.push(NameToken {
                text: particle::canonical_particle(text).to_string(),
                original: original.clone(),
                script: *script,
                role,
            });
        } else if role == TokenRole::Word && style == NameStyle::Person && *script == Script::Latin
        {
            for part in particle::split_abd(text) {
                out.push(NameToken {
                    text: part,
                    original: original.clone(),
                    script: *script,
                    role,
                });
            }
        } else {
            out.push(NameToken {
                text: text.clone(),
                original: original.clone(),
                script: *script,
                role,
            });
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(name: &str, style: NameStyle) -> Vec<String> {
        analyze(name, style).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn legal_forms_are_canonical() {
        assert_eq!(texts("SIS d.o.o.", NameStyle::Organization), ["sis", "doo"]);
        assert_eq!(texts("SIS DOO", NameStyle::Organization), ["sis", "doo"]);
        assert_eq!(
            texts(
                "OJSC Tactical Missiles Corporation",
                NameStyle::Organization
            ),
            ["jsc", "tactical", "missiles", "corp"]
        );
        assert_eq!(
            texts(
                "Tactical Missiles Corporation Joint Stock Company",
                NameStyle::Organization
            ),
            ["tactical", "missiles", "corp", "jsc"]
        );
        assert_eq!(
            texts("Siemens Aktiengesellschaft", NameStyle::Organization),
            ["siemens", "ag"]
        );
        // A name that is only a legal form keeps it as a word.
        assert_eq!(
            analyze("CORP", NameStyle::Organization)[0].role,
            TokenRole::Word
        );
    }

    #[test]
    fn vessels_drop_prefixes() {
        assert_eq!(texts("M/V GRACEFUL", NameStyle::Vessel), ["graceful"]);
        assert_eq!(texts("MT Graceful", NameStyle::Vessel), ["graceful"]);
    }

    #[test]
    fn scripts_meet_in_latin() {
        assert_eq!(
            texts("Владимир Путин", NameStyle::Person),
            ["vladimir", "putin"]
        );
        assert_eq!(texts("Рutin", NameStyle::Person), ["putin"]);
        assert_eq!(texts("金正恩", NameStyle::Person), ["jin", "zheng", "en"]);
        assert_eq!(
            texts("Bashar al-Assad", NameStyle::Person),
            ["bashar", "al", "assad"]
        );
        assert_eq!(
            texts("Abd al-Rahman", NameStyle::Person),
            ["abd", "al", "rahman"]
        );
    }

    #[test]
    fn hangul_titles_are_left_out() {
        let t = analyze("교황 레오 9세", NameStyle::Person);
        assert_eq!(t[0].role, TokenRole::Honorific);
        assert_eq!(t[1].role, TokenRole::Word);
        // 왕 is the family name Wang, not "king".
        assert_eq!(
            analyze("왕 레오", NameStyle::Person)[0].role,
            TokenRole::Word
        );
        assert_eq!(
            texts("Emperor Leo IX", NameStyle::Person)[1..],
            ["leo", "ix"]
        );
    }

    #[test]
    fn regnal_numbers_meet_roman_numerals() {
        assert_eq!(texts("에드워드 7세", NameStyle::Person), ["edward", "vii"]);
        assert_eq!(texts("Edward VII", NameStyle::Person), ["edward", "vii"]);
        let t = analyze("후안 카를로스 1세", NameStyle::Person);
        assert_eq!(t[2].text, "i");
        assert_eq!(t[2].role, TokenRole::Word);
        assert_eq!(t[2].original, "1세");
        // Outside person names the counter is left to the generic reading.
        assert_ne!(texts("7세", NameStyle::Organization), ["vii"]);
    }
}
