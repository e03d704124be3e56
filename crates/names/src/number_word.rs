//! Numbers written as words in organisation names: "Three Percenters" is "3 Percenters".
//!
//! Organisation names must agree on their numbers ("Romashka 2 LLC" is not "Romashka LLC"), so a
//! number spelt out has to become the digits it stands for, or the two spellings of one name
//! would conflict. English cardinals only: they are what the lists and customer files mix with
//! digits; other languages' number words double as ordinary words too often ("un", "dos").

/// The digits an English cardinal number word stands for (one to twenty, the tens, hundred and
/// thousand).
///
/// ```
/// use embargo_names::number_word::digits;
/// assert_eq!(digits("three"), Some("3"));
/// assert_eq!(digits("forty"), Some("40"));
/// assert_eq!(digits("threes"), None);
/// ```
pub fn digits(word: &str) -> Option<&'static str> {
    Some(match word {
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "ten" => "10",
        "eleven" => "11",
        "twelve" => "12",
        "thirteen" => "13",
        "fourteen" => "14",
        "fifteen" => "15",
        "sixteen" => "16",
        "seventeen" => "17",
        "eighteen" => "18",
        "nineteen" => "19",
        "twenty" => "20",
        "thirty" => "30",
        "forty" => "40",
        "fifty" => "50",
        "sixty" => "60",
        "seventy" => "70",
        "eighty" => "80",
        "ninety" => "90",
        "hundred" => "100",
        "thousand" => "1000",
        _ => return None,
    })
}
