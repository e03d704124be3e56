//! Which Hangul syllables are Sino-Korean readings: the syllables Korean personal names are
//! made of.
//!
//! A Korean name is, with few exceptions, a family name and a given name of Sino-Korean
//! syllables (the readings of Chinese characters), and those are a closed set of about 490 of
//! the 11,172 Hangul syllables: no reading ends in ㄷ ㅊ ㅋ ㅌ ㅍ ㅎ (nor ㅈ but for 곶), none has the vowel ㅡ
//! without a final, ㅔ only in 게 세 에 엔 제 체, a tense consonant only in 끽 쌍 씨. A
//! foreign name written in Hangul by ear is free of those limits, and most use a syllable
//! outside the set: 마틴 "Martin" (틴), 시몬 "Simon" (몬), 피에르 "Pierre" (에, 르), 윗워 "Witwer"
//! (윗, 워). [`crate::hangul::similarity`] holds a Korean-shaped Hangul token to the Korean
//! romanisation rules, which cap a near spelling at 0.6; a token with a syllable outside the
//! set is a foreign name, for which the learned model is the better judge.
//!
//! The set (`scripts/sino-korean-syllables.py`, from the Unicode Han Database, Unicode
//! License): every syllable that is the Korean reading (Unihan kHangul) of a CJK Unified
//! Ideograph (U+4E00–U+9FFF) from KS X 1001, KS X 1002 or the educational Hanja list, with the
//! initial-sound law's forms added (리 → 이, 량 → 양, 녀 → 여, 로 → 노), and 김, the reading of 金
//! as a family name only (the table gives its common reading 금). On the Korean-script names of
//! the evaluation's negative sets (Korean people) no token has a syllable outside it; about half
//! of the two-syllable tokens of the Wikidata Hangul names (mostly foreign names) have one.

/// The Sino-Korean syllables, in code point order.
const SYLLABLES: &str = "가각간갈감갑강개객갱갹거건걸검겁게격견결겸경계고곡곤골공곶과곽관괄광괘괴괵굉교구국군굴궁권궐궤귀규균귤극근글금급긍기긴길김끽나낙난날남납낭내냉녀녁년념녕노녹논농뇌뇨누눈눌뉴뉵늑늠능니닉닐다단달담답당대댁덕도독돈돌동두둔둘득등라락란랄람랍랑래랭략량려력련렬렴렵령례로록론롱뢰료룡루류륙륜률륭륵름릉리린림립마막만말망매맥맹멱면멸명몌모목몰몽묘무묵문물미민밀박반발방배백번벌범법벽변별병보복본볼봉부북분불붕비빈빙사삭산살삼삽상새색생서석선설섬섭성세소속손솔송쇄쇠수숙순술숭쉬슬습승시식신실심십쌍씨아악안알암압앙애액앵야약양어억언얼엄업에엔여역연열염엽영예오옥온올옹와완왈왕왜외요욕용우욱운울웅원월위유육윤율융은을음읍응의이익인일임입잉자작잔잠잡장재쟁저적전절점접정제조족존졸종좌죄주죽준줄중즉즐즙증지직진질짐집징차착찬찰참창채책처척천철첨첩청체초촉촌총촬최추축춘출충췌취측층치칙친칠침칩칭쾌타탁탄탈탐탑탕태택탱터토톤통퇴투퉁특틈파판팔패팽퍅편폄평폐포폭표품풍피픽필핍하학한할함합항해핵행향허헌헐험혁현혈혐협형혜호혹혼홀홍화확환활황회획횡효후훈훌훙훤훼휘휴휼흉흑흔흘흠흡흥희힐";

/// Whether a Hangul syllable is a Sino-Korean reading (see the module).
pub fn is_reading(c: char) -> bool {
    let mut buf = [0u8; 4];
    // The table is sorted by code point, and UTF-8 order is code point order.
    let key = c.encode_utf8(&mut buf);
    let table = SYLLABLES.as_bytes();
    // Every syllable is three bytes in UTF-8.
    let n = table.len() / 3;
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match table[mid * 3..mid * 3 + 3].cmp(key.as_bytes()) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Whether every character of `token` is a Sino-Korean syllable: false for a token with a
/// syllable no Chinese character is read as (a foreign name by ear), or any other character.
///
/// ```
/// use embargo_names::sino_korean::all_readings;
/// assert!(all_readings("정은"));
/// assert!(all_readings("김정은"));
/// assert!(!all_readings("마틴"));
/// assert!(!all_readings("피에르"));
/// ```
pub fn all_readings(token: &str) -> bool {
    token.chars().all(is_reading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_hangul() {
        let v: Vec<char> = SYLLABLES.chars().collect();
        assert!(v.windows(2).all(|w| w[0] < w[1]));
        assert!(v.iter().all(|&c| ('가'..='힣').contains(&c)));
        assert!((450..550).contains(&v.len()));
    }

    #[test]
    fn korean_given_names_and_foreign_names() {
        for name in [
            "준영",
            "성훈",
            "서영",
            "정남",
            "영철",
            "이명박",
            "리병철",
            "혜진",
            "류",
        ] {
            assert!(all_readings(name), "{name}");
        }
        for name in [
            "시몬",
            "다그",
            "윗워",
            "소푸스",
            "안니발레",
            "트럼프",
            "스미스",
        ] {
            assert!(!all_readings(name), "{name}");
        }
    }
}
