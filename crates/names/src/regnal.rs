//! A ruler's number: "Edward VII" is written 에드워드 7세 in Korean, and "Louis IX" 루이 9세.
//!
//! Korean (like Chinese and Japanese, 世) writes a regnal number as digits and the counter 세;
//! Latin lists and encyclopaedias write it as a Roman numeral. Generic transliteration reads
//! "7세" as a syllable and loses the number, so the name could only ever match on the given name.
//! The Latin comparison form of such a token is the Roman numeral itself, which then meets the
//! Latin token as written ("vii"), with no special case in the scorer.

/// The Roman numeral (lowercase) of a native regnal number token: ASCII digits followed by the
/// counter 세 (Hangul) or 世 (Han, kana contexts), from 1 to 89.
///
/// ```
/// use embargo_names::regnal::roman_of_native;
/// assert_eq!(roman_of_native("7세").as_deref(), Some("vii"));
/// assert_eq!(roman_of_native("14世").as_deref(), Some("xiv"));
/// assert_eq!(roman_of_native("세"), None);
/// assert_eq!(roman_of_native("7"), None);
/// assert_eq!(roman_of_native("0세"), None);
/// ```
pub fn roman_of_native(token: &str) -> Option<String> {
    let digits = token
        .strip_suffix('세')
        .or_else(|| token.strip_suffix('世'))?;
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    roman(digits.parse().ok()?)
}

/// `n` (1 ..= 89) as a lowercase Roman numeral.
fn roman(n: u32) -> Option<String> {
    if !(1..=89).contains(&n) {
        return None;
    }
    const TENS: [&str; 9] = ["", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx"];
    const UNITS: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    Some(format!(
        "{}{}",
        TENS[(n / 10) as usize],
        UNITS[(n % 10) as usize]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        let r = |n| roman(n).unwrap();
        assert_eq!(r(1), "i");
        assert_eq!(r(4), "iv");
        assert_eq!(r(9), "ix");
        assert_eq!(r(13), "xiii");
        assert_eq!(r(18), "xviii");
        assert_eq!(r(40), "xl");
        assert_eq!(r(89), "lxxxix");
        assert_eq!(roman(90), None);
        assert_eq!(roman(0), None);
    }

    #[test]
    fn only_digits_and_the_counter() {
        assert_eq!(roman_of_native("13세").as_deref(), Some("xiii"));
        assert_eq!(roman_of_native("세종"), None);
        assert_eq!(roman_of_native("a세"), None);
        assert_eq!(roman_of_native("123세"), None);
    }
}
