//! What languages attach to a name in running text, and how to take it off again.
//!
//! A list writes a name in its dictionary form; an article inflects it or glues function words to
//! it. Each function here returns the ways a written word may split into *attached material* and
//! a name, most literal first; the scanner tries each and lets the matcher choose.
//!
//! - Arabic writes conjunctions, prepositions and the article as prefixes of the next word:
//!   و "and", ف "so", ب "with/by", ل "to/for", ك "like", ال "the", and chains of them
//!   ("وبال", "لل" = ل + ال). "لبوتين" is "to Putin", "وكيم" is "and Kim".
//! - Russian declines names: Путина, Путину, Путиным, Путине are all Путин; a woman's surname in
//!   -а / -на declines too (Набиуллиной → Набиуллина).
//! - Korean writes particles after the name without a space: 김정은은, 김정은이, 김정은의.
//!
//! These are closed classes a linguist would list; no crate carries them for name search, and a
//! stemmer would also cut the names themselves.
//!
//! ```
//! use embargo_text::affix::{arabic_prefixes, korean_particles, russian_stems};
//! assert!(arabic_prefixes("لبوتين").contains(&"ل".len()));
//! assert!(russian_stems("Путина").contains(&"Путин".to_string()));
//! assert!(korean_particles("김정은은").contains(&"김정은".len()));
//! ```

/// Arabic proclitic chains, longest first (letters as normalised by [`normalize_arabic`]).
const ARABIC_PREFIXES: &[&str] = &[
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب",
    "فب", "ول", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك",
];

/// Arabic letter forms that spell the same name: alef with hamza or madda as bare alef, alef
/// maqsura as yeh, teh marbuta as heh; short vowels, shadda, tatweel dropped.
pub fn normalize_arabic(word: &str) -> String {
    word.chars()
        .filter_map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
            'ى' => Some('ي'),
            'ة' => Some('ه'),
            'ـ' => None,
            '\u{064B}'..='\u{065F}' | '\u{0670}' => None,
            c => Some(c),
        })
        .collect()
}

/// Byte lengths of the prefixes that `word` may carry before a name of at least two letters,
/// longest first. `0` (no prefix) is not included.
pub fn arabic_prefixes(word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for p in ARABIC_PREFIXES {
        if let Some(rest) = word.strip_prefix(p) {
            let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
            // "لل" stands for ل + ال; what follows must still be a word.
            if letters >= 2 && !out.contains(&p.len()) {
                out.push(p.len());
            }
        }
    }
    out
}

/// Arabic function words and the commonest reporting verbs, as [`fold_hamza`] writes them.
///
/// Arabic has no letter case, so every word of an article is a possible name part, and the loose
/// cross-script key ([`crate::key::loose_native`]) of a short word spells some listed token all
/// too often ("تعاون مع", "cooperation with", spells "Tun, Moe"). These closed-class words never
/// stand for a name part in running text: a word that reads as one (whole, or after its
/// proclitics) is not a piece of a name, as a lower-case word is not in English. "على" (on) is
/// here, "علي" (Ali) is not: alef maqsura and yeh are kept apart.
const ARABIC_FUNCTION_WORDS: &[&str] = &[
    // prepositions
    "في",
    "من",
    "الى",
    "على",
    "عن",
    "مع",
    "منذ",
    "حتى",
    "عند",
    "لدى",
    "بين",
    "خلال",
    "ضد",
    "نحو",
    "حول",
    "دون",
    "بعد",
    "قبل",
    "تحت",
    "فوق",
    "امام",
    "وراء",
    "عبر",
    "لدي",
    // conjunctions and particles
    "ان",
    "انه",
    "انها",
    "انهم",
    "لان",
    "لكن",
    "لكنه",
    "او",
    "ام",
    "ثم",
    "اذا",
    "اذ",
    "لو",
    "لم",
    "لن",
    "لا",
    "ما",
    "قد",
    "لقد",
    "كما",
    "بل",
    "حيث",
    "كي",
    "هل",
    "اما",
    "الا",
    "سوف",
    "غير",
    "ايضا",
    "فقط",
    "كل",
    "بعض",
    "جميع",
    "اي",
    "التي",
    "الذي",
    "الذين",
    "اللذين",
    "اللتين",
    "عندما",
    "بينما",
    "كذلك",
    "لذلك",
    "منها",
    "منه",
    "عليه",
    "عليها",
    "فيه",
    "فيها",
    "له",
    "لها",
    "لهم",
    "به",
    "بها",
    "عنه",
    "عنها",
    // pronouns and demonstratives
    "هو",
    "هي",
    "هم",
    "هن",
    "نحن",
    "انا",
    "انت",
    "هما",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هؤلاء",
    "هناك",
    "هنا",
    // auxiliaries, reporting verbs, time words
    "كان",
    "كانت",
    "كانوا",
    "يكون",
    "تكون",
    "ليس",
    "ليست",
    "قال",
    "قالت",
    "اكد",
    "اكدت",
    "اضاف",
    "اضافت",
    "اعلن",
    "اعلنت",
    "يوم",
    "امس",
    "اليوم",
    "عام",
    "العام",
];

/// Alef with hamza or madda written as bare alef; short vowels and tatweel dropped. Lighter
/// than [`normalize_arabic`]: alef maqsura and teh marbuta stay.
pub fn fold_hamza(word: &str) -> String {
    word.chars()
        .filter_map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
            'ـ' => None,
            '\u{064B}'..='\u{065F}' | '\u{0670}' => None,
            c => Some(c),
        })
        .collect()
}

/// Is the Arabic `word` a function word, whole or after any proclitic chain ("وقال", "لما")?
///
/// ```
/// use embargo_text::affix::is_arabic_function_word;
/// assert!(is_arabic_function_word("وقال"));
/// assert!(is_arabic_function_word("مع"));
/// assert!(is_arabic_function_word("على"));
/// assert!(!is_arabic_function_word("علي"));
/// assert!(!is_arabic_function_word("لبوتين"));
/// ```
pub fn is_arabic_function_word(word: &str) -> bool {
    // Every word of an Arabic text asks: a set, not a scan of the list per prefix.
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    let set = SET.get_or_init(|| ARABIC_FUNCTION_WORDS.iter().copied().collect());
    let w = fold_hamza(word);
    if set.contains(w.as_str()) {
        return true;
    }
    ARABIC_PREFIXES
        .iter()
        .any(|p| w.strip_prefix(p).is_some_and(|rest| set.contains(rest)))
}

/// Russian noun and adjective case endings, longest first.
const RUSSIAN_ENDINGS: &[&str] = &[
    "ыми", "ими", "ого", "его", "ому", "ему", "ой", "ей", "ою", "ею", "ом", "ем", "ым", "им", "ых",
    "их", "ам", "ям", "ах", "ях", "а", "я", "у", "ю", "е", "ы", "и",
];

/// Endings after which the nominative of a feminine surname ends in -а ("Набиуллиной" →
/// "Набиуллина").
const RUSSIAN_FEMININE: &[&str] = &["ой", "ою", "у", "е", "ы"];

/// Dictionary forms a declined Russian word may come from: the stem without each case ending
/// that leaves at least three letters, and the feminine nominative in -а. Case is kept.
pub fn russian_stems(word: &str) -> Vec<String> {
    let lower: String = word.to_lowercase();
    let mut out: Vec<String> = Vec::new();
    for e in RUSSIAN_ENDINGS {
        if lower.ends_with(e) {
            let keep = word.chars().count() - e.chars().count();
            if keep < 3 {
                continue;
            }
            let stem: String = word.chars().take(keep).collect();
            if !out.contains(&stem) {
                out.push(stem.clone());
            }
            if RUSSIAN_FEMININE.contains(e) {
                let fem = format!("{stem}а");
                if !out.contains(&fem) {
                    out.push(fem);
                }
            }
        }
    }
    out
}

/// Korean particles and copula forms that follow a name, longest first.
const KOREAN_PARTICLES: &[&str] = &[
    "에게서는",
    "이라고",
    "이라는",
    "에게서",
    "으로서",
    "에게는",
    "에서는",
    "께서는",
    "으로",
    "에게",
    "에서",
    "께서",
    "한테",
    "처럼",
    "보다",
    "까지",
    "부터",
    "이다",
    "이며",
    "이고",
    "이나",
    "라고",
    "라는",
    "과의",
    "와의",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "와",
    "과",
    "도",
    "만",
    "로",
    "측",
    "씨",
];

/// Byte lengths of the name part of a Korean word, for each particle it may end in (leaving at
/// least one syllable), longest particle first. The whole word is not included.
pub fn korean_particles(word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for p in KOREAN_PARTICLES {
        if let Some(rest) = word.strip_suffix(p) {
            if !rest.is_empty() && !out.contains(&rest.len()) {
                out.push(rest.len());
            }
        }
    }
    out
}

/// May `rest` (the letters of a word after a matched name or place) be a case ending or particle
/// of the language of the match? Used where a fixed phrase is found inside a longer word.
pub fn is_suffix(rest: &str) -> bool {
    rest.is_empty() || RUSSIAN_ENDINGS.contains(&rest) || KOREAN_PARTICLES.contains(&rest)
}

/// Is `rest` a Russian case ending (part of the inflected word, unlike a Korean particle)?
pub fn is_case_ending(rest: &str) -> bool {
    RUSSIAN_ENDINGS.contains(&rest)
}

/// May `before` (the letters of a word before a matched name or place) be an Arabic proclitic
/// chain?
pub fn is_prefix(before: &str) -> bool {
    before.is_empty() || ARABIC_PREFIXES.contains(&before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic() {
        let w = normalize_arabic("وبالأسد");
        let cuts = arabic_prefixes(&w);
        let rests: Vec<&str> = cuts.iter().map(|&n| &w[n..]).collect();
        assert!(rests.contains(&"اسد"), "{rests:?}");
        assert_eq!(arabic_prefixes("ود"), Vec::<usize>::new());
        let w = "لبوتين";
        assert_eq!(&w[arabic_prefixes(w)[0]..], "بوتين");
    }

    #[test]
    fn russian() {
        for w in ["Путина", "Путину", "Путиным", "Путине"] {
            assert!(russian_stems(w).contains(&"Путин".to_string()), "{w}");
        }
        assert!(russian_stems("Набиуллиной").contains(&"Набиуллина".to_string()));
        assert!(russian_stems("Ким").is_empty());
    }

    #[test]
    fn korean() {
        for w in ["김정은은", "김정은이", "김정은의", "김정은에게"] {
            let cuts = korean_particles(w);
            assert!(cuts.iter().any(|&n| &w[..n] == "김정은"), "{w}");
        }
    }
}
