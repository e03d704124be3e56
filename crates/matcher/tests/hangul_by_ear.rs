//! Foreign names written in Hangul by ear: the Latin is read as it sounds
//! (`embargo_names::respell`), and a Hangul token with a syllable that is no Sino-Korean
//! reading is a foreign name, not held to the Korean romanisation rules
//! (`embargo_names::sino_korean`). Korean names keep the rules.

use embargo_matcher::{compare_names, MatchConfig};
use embargo_model::Schema;

fn person(a: &str, b: &str) -> f64 {
    compare_names(a, b, Schema::Person, &MatchConfig::default()).score
}

#[test]
fn french_and_german_spellings_meet_their_hangul_by_sound() {
    // 자크 is "jak": the model alone gave "Jacques" 0.05 and left it unmatched.
    for (hangul, latin) in [
        ("자크 데리다", "Jacques Derrida"),
        ("샤를 보들레르", "Charles Baudelaire"),
    ] {
        let s = person(hangul, latin);
        assert!(s >= 0.8, "{hangul} / {latin}: {s}");
    }
}

#[test]
fn a_foreign_name_of_korean_looking_syllables_is_the_models() {
    // 마틴 cuts into Korean syllables "mar tin", but 틴 is no Sino-Korean reading: the rules'
    // cap of 0.6 for a near Korean spelling no longer applies.
    let s = person("마틴 스코세이지", "Martin Scorsese");
    assert!(s >= 0.8, "{s}");
}

#[test]
fn korean_names_are_not_respelt() {
    // "Saan" respelt "san" is close to 안 An; "Yong Su" respelt "iongsu" to 경숙.
    for (hangul, latin) in [("미경 안", "M-SAAN"), ("정훈 김", "KIM, Jong Un")] {
        let s = person(hangul, latin);
        assert!(s < 0.7, "{hangul} / {latin}: {s}");
    }
}

#[test]
fn a_foreign_name_in_hangul_may_leave_out_a_word() {
    // A Korean name has no optional parts, a foreign one written in Hangul may: "캐시" is
    // known as "Cassie" alone, and "Ventura" costs as a middle or family name left out.
    let s = person("캐시", "Cassie Ventura");
    assert!(s >= 0.7, "{s}");
    // A Korean name keeps the stricter price: a second given name is another person's.
    let k = person("영호 정식 김", "KIM JONG SIK");
    assert!(k < 0.7, "{k}");
}

/// A Hangul word against a run of Latin words written apart: each later word of the run begins
/// where a syllable of the word does, or just after a syllable's first consonant
/// (`alignment::may_continue`).
#[test]
fn a_run_splits_the_word_at_its_syllables() {
    for (hangul, latin) in [
        ("김정은", "Kim Jong Un"),
        ("장폴 사르트르", "Jean Paul Sartre"),
        // The boundary just after a syllable's first consonant, or before a silent h.
        ("무함마드 이븐 압둘 와하브", "Muhammad ibn Abd al-Wahhab"),
        ("에티엔 조프루아 생틸레르", "Étienne Geoffroy Saint-Hilaire"),
    ] {
        let s = person(hangul, latin);
        assert!(s >= 0.8, "{hangul} / {latin}: {s}");
    }
}
