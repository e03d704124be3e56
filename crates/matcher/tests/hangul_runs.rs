//! A Hangul word against a run of Latin words written apart: each later word of the run begins
//! where a syllable of the word does, or just after a syllable's first consonant
//! (`alignment::may_continue`).

use embargo_matcher::{compare_names, MatchConfig};
use embargo_model::Schema;

fn person(a: &str, b: &str) -> f64 {
    compare_names(a, b, Schema::Person, &MatchConfig::default()).score
}

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
