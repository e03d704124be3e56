//! The letters a Latin spelling of a word in Arabic script (Arabic, Persian, Urdu), Cyrillic or
//! Hebrew may begin with, by the word's first letter. (Hangul has its own table, by initial
//! consonant: [`crate::hangul::may_begin`].)
//!
//! The learned cross-script model is the costliest part of screening a name in these scripts:
//! each query word is priced against every listed Latin word its candidates hold, thousands per
//! query. A Latin word that begins with a letter no spelling of the Arabic word begins with is
//! no spelling of it, and the model is not asked. The table is wide on purpose: it follows
//! the spellings of the lists and of the languages that borrow Arabic names (ح and خ as kh, x
//! and g in Russian and Uzbek lists, خ as j in Spanish, ج as c in Turkish, ف as w in German
//! names written in Arabic, تش as ch, ن for kn and gn), and a word with the article ال may
//! begin like the article (al, el, ul, l') or like the word after it (ad-Din, Hassan for
//! الحسن). Cyrillic and Hebrew write the names of other languages by ear too: a Latin h that
//! is not sounded is left out (Эрмосильо Hermosillo, אנרי Henri), Spanish j is х and ח
//! (Хосе José), German v is ф and פ (Фогель Vogel), and pinyin's x, q, zh and r are с, ц, ч
//! and ж (Сяоган Xiaogang, Чжан Zhang). Korean in Cyrillic writes ㅈ as ч, ㅡ as ы and 리 as
//! Ри (Ким Чен Ын, Kim Jong Un; Ри, Lee), and Japanese ず and じ as дз (Дзюн, Jun).

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
        // Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian).
        'а' | 'А' => "aho",
        'б' | 'Б' => "bp",
        'в' | 'В' => "vwfbu",
        'г' | 'Г' => "ghqk",
        'ґ' | 'Ґ' => "g",
        'д' | 'Д' => "djgcz",
        'е' | 'Е' => "eyjih",
        'ё' | 'Ё' => "eyjo",
        'є' | 'Є' => "yjei",
        'ж' | 'Ж' => "zjgr",
        'з' | 'З' => "zsd",
        'и' | 'И' => "iyehj",
        'і' | 'І' => "iyh",
        'ї' | 'Ї' => "yji",
        'й' | 'Й' => "yij",
        'к' | 'К' => "kcq",
        'л' | 'Л' => "l",
        'м' | 'М' => "m",
        'н' | 'Н' => "nk",
        'о' | 'О' => "oahw",
        'п' | 'П' => "pb",
        'р' | 'Р' => "rl",
        'с' | 'С' => "sczx",
        'т' | 'Т' => "tc",
        'у' | 'У' => "uowh",
        'ф' | 'Ф' => "fpvt",
        'х' | 'Х' => "khcxgj",
        'ц' | 'Ц' => "tczsjq",
        'ч' | 'Ч' => "ctszkj",
        'ш' | 'Ш' | 'щ' | 'Щ' => "scx",
        'ы' | 'Ы' => "yiue",
        'э' | 'Э' => "eah",
        'ю' | 'Ю' => "yjiuhe",
        'я' | 'Я' => "yjiag",
        'ђ' | 'Ђ' | 'џ' | 'Џ' => "dj",
        'ј' | 'Ј' => "jy",
        'љ' | 'Љ' => "l",
        'њ' | 'Њ' => "n",
        'ћ' | 'Ћ' => "ct",
        // Hebrew (final forms with their letters).
        'א' | 'ע' => "aeiouyh",
        'ב' => "bv",
        'ג' => "gjdzy",
        'ד' => "d",
        'ה' => "hae",
        'ו' => "vwou",
        'ז' => "zsjxg",
        'ח' => "hckxjg",
        'ט' => "t",
        'י' => "yjiegu",
        'כ' | 'ך' => "kch",
        'ל' => "l",
        'מ' | 'ם' => "m",
        'נ' | 'ן' => "nk",
        'ס' => "scz",
        'פ' | 'ף' => "pfv",
        'צ' | 'ץ' => "tzcsqxd",
        'ק' => "kqcx",
        'ר' => "r",
        'ש' => "scx",
        'ת' => "ts",
        _ => ANY,
    }
}

/// Whether `latin` may be a spelling of the word `native` as far as its first letter tells;
/// always when `native` does not begin with a letter of the table or `latin` with a letter a
/// to z.
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
            ("Владимир", "vladimir"),
            ("Владимир", "wladimir"),
            ("Хосе", "jose"),
            ("Хусейн", "hussein"),
            ("Джон", "john"),
            ("Эрмосильо", "hermosillo"),
            ("Чжан", "zhang"),
            ("Чен", "jong"),
            ("Ын", "un"),
            ("Ри", "lee"),
            ("Дзюн", "jun"),
            ("Евгений", "yevgeny"),
            ("Евгений", "evgeny"),
            ("יוסף", "yosef"),
            ("חיים", "chaim"),
            ("חיים", "haim"),
            ("אנרי", "henri"),
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
            ("Путин", "vladimir"),
            ("Владимир", "putin"),
            ("כהן", "levi"),
        ] {
            assert!(!may_begin(native, latin), "{native} {latin}");
        }
    }
}
