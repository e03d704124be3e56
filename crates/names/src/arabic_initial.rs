//! The letters a Latin spelling of an Arabic-script word (Arabic, Persian, Urdu) may begin
//! with, by the word's first letter.
//!
//! The learned cross-script model is the costliest part of screening a name in Arabic script:
//! each query word is priced against every listed Latin word its candidates hold, thousands per
//! query. A Latin word that begins with a letter no spelling of the Arabic word begins with is
//! no spelling of it, and the model is not asked. The table is wide on purpose: it follows
//! the spellings of the lists and of the languages that borrow Arabic names (ح and خ as kh, x
//! and g in Russian and Uzbek lists, خ as j in Spanish, ج as c in Turkish, ف as w in German
//! names written in Arabic, تش as ch, ن for kn and gn), and a word with the article ال may
//! begin like the article (al, el, ul, l') or like the word after it (ad-Din, Hassan for
//! الحسن).

/// Every letter may begin the spelling of a word whose first letter is not in the table.
const ANY: &str = "abcdefghijklmnopqrstuvwxyz";

const VOWELS: &str = "aeiouy";

/// The letters a spelling of a word beginning with `c` may begin with.
fn first_letters(c: char) -> &'static str {
    match c {
        'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' | 'ء' | 'ع' | 'ئ' => VOWELS,
        'ؤ' => "aeiouyw",
        'ب' => "bpv",
        'ت' => "tdcz",
        'ث' => "tsc",
        'ج' => "jgdzcy",
        'ح' => "hkxgae",
        'خ' => "khxgcj",
        'د' => "dt",
        'ذ' => "dzt",
        'ر' => "r",
        'ز' => "zsd",
        'س' | 'ص' => "scz",
        'ش' => "scx",
        'ض' => "dz",
        'ط' => "td",
        'ظ' => "zdt",
        'غ' => "grk",
        'ف' => "fpvw",
        'ق' => "qkgc",
        'ك' | 'ک' => "kcqgx",
        'ل' => "l",
        'م' => "m",
        'ن' => "nkg",
        'ه' | 'ة' => "haeiou",
        'و' => "wvou",
        'ي' | 'ی' | 'ى' => "yiej",
        'پ' => "pb",
        'چ' => "ct",
        'ژ' => "zj",
        'گ' => "gk",
        'ٹ' => "t",
        'ڈ' => "d",
        'ڑ' => "r",
        _ => ANY,
    }
}

/// Whether `latin` may be a spelling of the Arabic-script word `native` as far as its first
/// letter tells; always when `native` does not begin with an Arabic letter of the table or
/// `latin` with a letter a to z.
pub fn may_begin(native: &str, latin: &str) -> bool {
    let Some(&first) = latin.as_bytes().first() else {
        return true;
    };
    let first = first.to_ascii_lowercase();
    if !first.is_ascii_lowercase() {
        return true;
    }
    let mut chars = native.chars();
    let Some(c) = chars.next() else {
        return true;
    };
    if first_letters(c).as_bytes().contains(&first) {
        return true;
    }
    // The article: al-, el-, ul-, l', or the word after it.
    if c == 'ا' && chars.next() == Some('ل') {
        return first == b'l'
            || VOWELS.as_bytes().contains(&first)
            || chars
                .next()
                .is_some_and(|c| first_letters(c).as_bytes().contains(&first));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::may_begin;

    #[test]
    fn spellings_of_the_lists_may_begin_their_words() {
        for (native, latin) in [
            ("محمد", "mohammed"),
            ("حسن", "hasan"),
            ("حسن", "khasan"),
            ("حسن", "gasan"),
            ("خالد", "khalid"),
            ("خالد", "xalid"),
            ("خوان", "juan"),
            ("جمال", "cemal"),
            ("جمال", "gamal"),
            ("عمر", "omar"),
            ("عمر", "umar"),
            ("الحسن", "alhasan"),
            ("الحسن", "hasan"),
            ("الدين", "ad"),
            ("قاسم", "kassem"),
            ("قاسم", "gasim"),
            ("يوسف", "youssef"),
            ("يوسف", "jusuf"),
            ("تشيني", "cheney"),
            ("فيرنر", "werner"),
            ("پرویز", "parviz"),
            ("چنگیز", "changiz"),
            ("محمد", "Mohammed"),
            ("محمد", "'umar"),
            ("Ali", "zzz"),
        ] {
            assert!(may_begin(native, latin), "{native} {latin}");
        }
    }

    #[test]
    fn other_letters_are_no_spelling() {
        for (native, latin) in [
            ("محمد", "ahmed"),
            ("حسن", "mohamed"),
            ("عمر", "bakr"),
            ("الحسن", "mahmoud"),
            ("بكر", "omar"),
        ] {
            assert!(!may_begin(native, latin), "{native} {latin}");
        }
    }
}
