//! Chinese names written in Hangul by their Korean reading (老子 노자 "Laozi"), met through the
//! Mandarin readings of the Sino-Korean syllables (`embargo_names::mandarin_reading`).

use embargo_matcher::{compare_names, MatchConfig};
use embargo_model::Schema;

fn person(a: &str, b: &str) -> f64 {
    compare_names(a, b, Schema::Person, &MatchConfig::default()).score
}

#[test]
fn a_chinese_name_in_its_korean_reading_meets_its_pinyin() {
    for (hangul, latin) in [
        ("노자", "Laozi"),
        ("당 헌종", "Emperor Xianzong of Tang"),
        // The title 제 (帝) is a word of its own in English.
        ("선덕제", "Xuande Emperor"),
        // A name in one Hangul word against two Latin words.
        ("웅역", "Xiong Yi"),
    ] {
        let s = person(hangul, latin);
        assert!(s >= 0.8, "{hangul} / {latin}: {s}");
    }
}

#[test]
fn a_near_reading_is_another_name() {
    // 노 is read lao, lu, nao or nu, 자 ci, ji, zhe, zhi, zhu or zi: "Luozi" and "Laoza" are
    // readings of no characters of it.
    for latin in ["Luozi", "Laoza"] {
        let s = person("노자", latin);
        assert!(s < 0.7, "노자 / {latin}: {s}");
    }
}

#[test]
fn a_korean_name_is_not_read_in_mandarin_into_another_korean_name() {
    // 영숙 read in Mandarin is "yong su", the Korean spelling of 용수: another person.
    let s = person("영숙 김", "KIM, Yong Su");
    assert!(s < 0.7, "{s}");
}

#[test]
fn a_mandarin_name_written_by_ear_meets_its_pinyin() {
    // Hangul writes pinyin q with ㅊ (칭 "qing", 친 "qin"), and Wade–Giles writes pinyin r as j
    // (런 "jen"): first letters a run of Latin words may begin with.
    for (hangul, latin) in [
        ("팡칭", "Pang Qing"),
        ("장칭리", "Zhang Qingli"),
        ("친지웨이", "Qin Jiwei"),
        ("쑨리런", "Sun Li-jen"),
    ] {
        let s = person(hangul, latin);
        assert!(s >= 0.8, "{hangul} / {latin}: {s}");
    }
}
