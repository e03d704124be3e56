//! Korean and Chinese names against their Latin spellings: the family name must agree, and a
//! syllable is one of its readings or another syllable (the same call as `embargo compare`).

use embargo_matcher::{compare_names, MatchConfig};
use embargo_model::Schema;

fn person(a: &str, b: &str) -> f64 {
    compare_names(a, b, Schema::Person, &MatchConfig::default()).score
}

#[test]
fn a_different_family_name_is_another_person() {
    for (q, listed) in [
        ("영철 임", "Kim Young-Cheol"),
        ("경수 이", "Ra Kyung-Su"),
        ("영철 주", "Cho Yong Chol"),
        ("유진 박", "RYU JIN"),
    ] {
        let s = person(q, listed);
        assert!(s < 0.7, "{q} / {listed}: {s}");
    }
    // The same family name in its own spellings still matches.
    for (q, listed) in [
        ("영철 임", "Lim Young-Cheol"),
        ("경수 이", "Ri Kyong Su"),
        ("정식 김", "KIM JONG SIK"),
    ] {
        let s = person(q, listed);
        assert!(s >= 0.9, "{q} / {listed}: {s}");
    }
}

#[test]
fn a_han_syllable_is_one_of_its_readings_or_another_syllable() {
    for (q, listed) in [
        ("承翰 蘇", "Chang-Su Han"),
        ("明 晨 郭", "Son Min"),
        ("浩 李", "RI WON HO"),
        ("杨 李", "RI SU YONG"),
    ] {
        let s = person(q, listed);
        assert!(s < 0.7, "{q} / {listed}: {s}");
    }
    for (q, listed) in [
        ("泽东 毛", "Mao Tse-tung"),
        ("泽东 毛", "MAO Zedong"),
        ("雷 张", "ZHANG, Lei"),
        ("浩 李", "Lee Hao"),
    ] {
        let s = person(q, listed);
        assert!(s >= 0.9, "{q} / {listed}: {s}");
    }
}

#[test]
fn foreign_names_in_hangul_are_still_read_by_the_model() {
    for (q, listed) in [
        ("조지 워싱턴", "George Washington"),
        ("코피 아난", "Kofi Annan"),
        ("빅토르 위고", "Victor Hugo"),
    ] {
        let s = person(q, listed);
        assert!(s >= 0.8, "{q} / {listed}: {s}");
    }
}

#[test]
fn a_han_given_name_written_as_one_word_is_spelt_syllable_by_syllable() {
    // One syllable of the Latin word is none of its character's readings: another name.
    for (q, listed) in [
        ("红梅 王", "WANG, Hongfei"),
        ("桂英 王", "WANG, Guoying"),
        ("淑珍 王", "WANG, Shucheng"),
        ("建 周", "LI, Jiangzhou"),
    ] {
        let s = person(q, listed);
        assert!(s < 0.7, "{q} / {listed}: {s}");
    }
    // Every syllable a reading, in pinyin or Wade–Giles: the same name. A Han word without a
    // family name beside it may be a foreign name transcribed (羅根 Logan), read as before.
    for (q, listed) in [
        ("羅根", "Logan"),
        ("红梅 王", "WANG, Hongmei"),
        ("峰 兵 夏", "XIA, Fengbing"),
        ("惠珍 王", "WANG Huichen"),
    ] {
        let s = person(q, listed);
        assert!(s >= 0.9, "{q} / {listed}: {s}");
    }
}
