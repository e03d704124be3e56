//! Titles and honorifics: left out of the comparison (a reviewer sees them in the explanation),
//! because "Dr Ali" and "Ali" name the same person and "General" is no part of a name.

/// Is `token` (lowercase ASCII) a title or honorific?
pub fn is_honorific(token: &str) -> bool {
    matches!(
        token,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "mister"
            | "madam"
            | "dr"
            | "doctor"
            | "prof"
            | "professor"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "sheikh"
            | "shaikh"
            | "shaykh"
            | "sheik"
            | "haji"
            | "hajji"
            | "hadji"
            | "alhaji"
            | "mullah"
            | "mulla"
            | "maulvi"
            | "mawlawi"
            | "moulavi"
            | "maulana"
            | "mawlana"
            | "qari"
            | "imam"
            | "ayatollah"
            | "hojatoleslam"
            | "general"
            | "gen"
            | "colonel"
            | "col"
            | "major"
            | "maj"
            | "captain"
            | "capt"
            | "lieutenant"
            | "lt"
            | "sergeant"
            | "sgt"
            | "admiral"
            | "adm"
            | "marshal"
            | "brigadier"
            | "commander"
            | "cmdr"
            | "president"
            | "minister"
            | "senator"
            | "sen"
            | "rep"
            | "hon"
            | "honorable"
            | "honourable"
            | "excellency"
            | "his"
            | "her"
            | "rev"
            | "reverend"
            | "father"
            | "fr"
            | "bishop"
            | "emir"
            | "amir"
            | "prince"
            | "princess"
            | "king"
            | "queen"
            | "emperor"
            | "empress"
            | "duchess"
            | "archduke"
            | "archduchess"
            | "tsar"
            | "czar"
            | "jr"
            | "sr"
            | "esq"
            | "phd"
            | "md"
    )
}

/// Is `token`, written in Hangul, a title? Korean writes titles as words of their own before the
/// name (교황 레오 9세 "Pope Leo IX", 레이디 가가 "Lady Gaga"), and their Latin reading ("gyohwang")
/// is no English title, so they are recognised as written. Only words that are never a Korean
/// family or given name: 왕 (Wang), 성 (Seong) and 경 (Gyeong) are surnames and stay words, and
/// 성인, 수상, 사도 are also given names. (In Latin, "Pope" and "Duke" are surnames too, so the
/// English list above leaves them out.)
pub fn is_native_honorific(token: &str) -> bool {
    matches!(
        token,
        "교황"
            | "황제"
            | "황후"
            | "여왕"
            | "국왕"
            | "왕비"
            | "왕자"
            | "공주"
            | "공작"
            | "대공"
            | "백작"
            | "후작"
            | "레이디"
            | "박사"
            | "교수"
            | "장군"
            | "대통령"
            | "총리"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_titles_are_not_surnames() {
        assert!(is_native_honorific("교황"));
        assert!(is_native_honorific("레이디"));
        for surname in ["왕", "성", "경", "김"] {
            assert!(!is_native_honorific(surname), "{surname}");
        }
    }
}
