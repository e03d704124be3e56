//! Vowels a Latin spelling adds to a word in Hebrew or Arabic script, which that word does not
//! write.
//!
//! Both scripts write consonants and long vowels (Hebrew א ו י ע, Arabic ا و ي ع) and leave the
//! short vowels to the reader. So a word like כהן (k-h-n) is Cohen, Kohen, Kahan or Khan, and
//! حسن (h-s-n) Hasan, Hassan, Husn or Hosni: the learned cross-script model rightly finds each a
//! fine spelling, but agreeing with one of them proves less than agreeing with a word whose
//! vowels are written too. A reviewer reading "כהן" against a listed "Khan" sees that only the
//! consonants agree: the *a* is the model's guess, as much as the *o* of Cohen would be. That
//! is how "גורי אביב כהן" alerted on the alias "Abid Khan" (0.74).
//!
//! Each Latin vowel the native word leaves unwritten takes [`PER_UNWRITTEN_VOWEL`] of a
//! letter's share of the similarity away: `similarity − K · unwritten / latin letters`
//! ("khan" from כהן: one vowel of four letters, −0.04; "muhammad" from محمد: three of
//! eight, −0.06). Vowel points (niqqud, harakat), where a text has them, write the vowels.
//!
//! Only ever lowers a similarity, so `crate::bound` stays an upper bound.

use embargo_names::Script;

/// What an unwritten vowel costs, as a share of the similarity per Latin letter.
pub const PER_UNWRITTEN_VOWEL: f64 = 0.15;

/// Letters that write a vowel, or stand where a Latin spelling writes one: Hebrew א ו י ע
/// (and the Yiddish double letters), Arabic-script alef, waw, yeh (Persian, Urdu and Pashto
/// forms too) and ain, and the vowel points of both scripts.
fn writes_vowel(c: char) -> bool {
    matches!(
        c,
        'א' | 'ו' | 'י' | 'ע' | 'װ' | 'ױ' | 'ײ'
            | 'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' | 'ى' | 'ي' | 'ی' | 'ے' | 'ې' | 'ۍ' | 'و' | 'ؤ' | 'ئ' | 'ع'
            // Hebrew points hiriq … qubuts, holam haser; Arabic fatha, damma, kasra, dagger alef.
            | '\u{05B4}'..='\u{05BB}' | '\u{064E}'..='\u{0650}' | '\u{0670}'
    )
}

/// A final he (ה), heh (ه) or teh marbuta (ة) writes the vowel that ends the word (חנה Hana,
/// زاده Zadeh, فاطمة Fatima).
fn final_vowel_letter(c: char) -> bool {
    matches!(c, 'ה' | 'ه' | 'ة' | 'ۀ')
}

/// How many vowels the native word writes.
fn written_vowels(native: &str) -> usize {
    let letters = native.chars().filter(|c| writes_vowel(*c)).count();
    let last = native.chars().rev().find(|c| c.is_alphabetic());
    letters + usize::from(last.is_some_and(final_vowel_letter))
}

/// The vowels of a Latin spelling: runs of a, e, i, o, u, and y where it is a vowel (not first,
/// not before a vowel: "Yusuf" has two, "Ramy" two).
fn latin_vowels(latin: &[u8]) -> usize {
    let vowel = |i: usize| match latin[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => true,
        b'y' => i > 0 && !latin.get(i + 1).is_some_and(|&n| b"aeiou".contains(&n)),
        _ => false,
    };
    (0..latin.len())
        .filter(|&i| vowel(i) && (i == 0 || !vowel(i - 1)))
        .count()
}

/// The Latin vowels of `latin` beyond those the Hebrew or Arabic word `native` writes.
pub fn unwritten(native: &str, latin: &str) -> usize {
    latin_vowels(latin.as_bytes()).saturating_sub(written_vowels(native))
}

/// `similarity` of the native token `native` (in `script`) and the Latin text `latin`, less
/// what its unwritten vowels cost; unchanged outside Hebrew and Arabic script.
pub fn discounted(similarity: f64, script: Script, native: &str, latin: &str) -> f64 {
    if similarity <= 0.0 || !matches!(script, Script::Arabic | Script::Hebrew) || latin.is_empty() {
        return similarity;
    }
    let u = unwritten(native, latin);
    if u == 0 {
        return similarity;
    }
    (similarity - PER_UNWRITTEN_VOWEL * u as f64 / latin.len() as f64).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_vowels_a_spelling_adds() {
        assert_eq!(unwritten("כהן", "khan"), 1);
        assert_eq!(unwritten("כהן", "cohen"), 2);
        assert_eq!(unwritten("محمد", "muhammad"), 3);
        assert_eq!(unwritten("محمدی", "mohammadi"), 3);
        // Written long vowels and a final he write what the Latin has.
        assert_eq!(unwritten("אביב", "aviv"), 0);
        assert_eq!(unwritten("علي", "ali"), 0);
        assert_eq!(unwritten("חנה", "hana"), 1);
        // y is a consonant before a vowel: Yusuf has two vowels, both written (و, and ي for
        // its y).
        assert_eq!(unwritten("يوسف", "yusuf"), 0);
    }

    #[test]
    fn only_hebrew_and_arabic_words_are_discounted() {
        let d = discounted(0.95, Script::Hebrew, "כהן", "khan");
        assert!(d < 0.95 && d > 0.85, "{d}");
        assert_eq!(discounted(0.95, Script::Hebrew, "אביב", "aviv"), 0.95);
        assert_eq!(discounted(0.95, Script::Cyrillic, "Хан", "khan"), 0.95);
        assert_eq!(discounted(0.0, Script::Arabic, "حسن", "hasan"), 0.0);
    }
}
