//! Hand-written articles (written for these tests) in English, French, Arabic, Russian, Korean
//! and Chinese, scanned against a small list of real sanctioned names
//! (`tests/fixtures/list.ftm.json`): every mention with its span, and no alert on unrelated
//! people who share one token with a listed name.

use embargo_sources::read_list;
use embargo_text::{MentionKind, Scanner, TextReport};
use std::path::Path;
use std::sync::OnceLock;

use MentionKind::{Coreference as Ref, Name};

fn scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/list.ftm.json");
        let doc = read_list(&path, None).expect("fixture list reads");
        Scanner::from_documents(&[doc])
    })
}

/// Scan `text` and compare (surface, first entity id, kind) of every mention; check that both
/// offset pairs of each mention cut its surface out of the text.
fn check(text: &str, expected: &[(&str, &str, MentionKind)]) -> TextReport {
    let report = scanner().scan(text);
    let got: Vec<(&str, &str, MentionKind)> = report
        .mentions
        .iter()
        .map(|m| (m.surface.as_str(), m.entity_ids[0].as_str(), m.kind))
        .collect();
    assert_eq!(got, expected, "in {text:?}");
    let chars: Vec<char> = text.chars().collect();
    for m in &report.mentions {
        assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.surface);
        assert_eq!(&text[m.byte_start..m.byte_end], m.surface);
        assert!(m.score >= 0.7, "{m:?}");
    }
    report
}

fn jurisdictions(r: &TextReport) -> Vec<(&str, &str)> {
    r.jurisdictions
        .iter()
        .map(|j| (j.code, j.surface.as_str()))
        .collect()
}

#[test]
fn english() {
    let text = "Russian President Vladimir Putin hosted North Korean leader Kim Jong Un in \
        Vladivostok on Tuesday. Putin praised the talks, while Kim's sister, Kim Yo Jong, stayed \
        in Pyongyang. Defence minister Sergei Shoigu attended the dinner. Separately, the tanker \
        Graceful was seen off Crimea, and Koryo Bank was named in a court filing.";
    let r = check(
        text,
        &[
            ("Vladimir Putin", "t-putin", Name),
            ("Kim Jong Un", "t-kim", Name),
            ("Putin", "t-putin", Ref),
            ("Kim", "t-kim", Ref),
            ("Kim Yo Jong", "t-kimyj", Name),
            ("Sergei Shoigu", "t-shoigu", Name),
            ("Graceful", "t-graceful", Name),
            ("Koryo Bank", "t-koryo", Name),
        ],
    );
    assert_eq!(r.mentions[0].start, 18);
    assert_eq!(
        r.mentions[2].coreference.as_ref().map(|c| c.antecedent),
        Some(0)
    );
    assert_eq!(
        jurisdictions(&r),
        [("KP", "North Korean"), ("UA-43", "Crimea")]
    );
    let counts: Vec<(&str, usize)> = r
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.count))
        .collect();
    assert_eq!(
        counts,
        [
            ("t-putin", 2),
            ("t-kim", 2),
            ("t-kimyj", 1),
            ("t-shoigu", 1),
            ("t-graceful", 1),
            ("t-koryo", 1)
        ]
    );
}

#[test]
fn no_alert_on_people_sharing_one_token() {
    check(
        "Kim Min-jae, a footballer, and George Bush, a former president, met Mohammed Salah. \
         Vladimir Nabokov wrote about it; Kim said nothing. A graceful exit was planned.",
        &[],
    );
    // After a full mention, "Kim" next to another name part is someone else.
    check(
        "Kim Jong Un arrived. Kim Min-jae and Kim Yong-chol did not.",
        &[("Kim Jong Un", "t-kim", Name)],
    );
    // Part of the name is not the name: "Kim Jong" is not Kim Jong Un, a given name is nobody.
    check(
        "Kim Jong Il ruled before. Vladimir Vladimirovich spoke.",
        &[],
    );
}

#[test]
fn french() {
    let r = check(
        "Le président syrien Bachar el-Assad a rencontré Vladimir Poutine à Moscou. Poutine a \
         promis son soutien à Assad. Le ministre Sergueï Choïgou était présent. L'Iran et la \
         Corée du Nord ont salué la rencontre. Le diplomate Bachar Jafari n'était pas concerné.",
        &[
            ("Bachar el-Assad", "t-assad", Name),
            ("Vladimir Poutine", "t-putin", Name),
            ("Poutine", "t-putin", Ref),
            ("Assad", "t-assad", Ref),
            ("Sergueï Choïgou", "t-shoigu", Name),
        ],
    );
    assert_eq!(
        jurisdictions(&r),
        [("SY", "syrien"), ("IR", "Iran"), ("KP", "Corée du Nord")]
    );
}

#[test]
fn arabic() {
    let text = "استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون في موسكو. \
        وقال بوتين إن المحادثات كانت مثمرة، بينما أكد كيم أن بلاده ستواصل التعاون مع إيران. \
        وقدّم الوفد هدية لبوتين، ثم غادر الوفد المرافق لبوتين وكيم القاعة. وحضر بشار الأسد.";
    let r = check(
        text,
        &[
            ("فلاديمير بوتين", "t-putin", Name),
            ("كيم جونغ أون", "t-kim", Name),
            ("بوتين", "t-putin", Ref),
            ("كيم", "t-kim", Ref),
            ("بوتين", "t-putin", Ref),
            ("بوتين", "t-putin", Ref),
            ("كيم", "t-kim", Ref),
            ("بشار الأسد", "t-assad", Name),
        ],
    );
    // "لبوتين" is "to Putin": the span is the name without the preposition.
    let lbutin = text.find("لبوتين").unwrap();
    assert_eq!(r.mentions[4].byte_start, lbutin + "ل".len());
    assert_eq!(
        jurisdictions(&r),
        [("KP", "الكوري الشمالي"), ("IR", "إيران")]
    );
    // Unrelated people who share a token: Kim Min-jae after Kim Jong Un was named, a singer
    // called Bashar.
    check(
        "وصل كيم جونغ أون إلى المطار. ولم يحضر اللاعب كيم مين جاي ولا المغني بشار زكي.",
        &[("كيم جونغ أون", "t-kim", Name)],
    );
}

#[test]
fn russian() {
    let r = check(
        "Президент России Владимир Путин провёл переговоры в Пхеньяне. Путину показали новые \
         ракеты, и он поблагодарил хозяев. Министр обороны Сергей Шойгу также встретился с \
         Путиным. Санкции против Ирана и КНДР обсуждались в Крыму. Депутат Путилин не участвовал.",
        &[
            ("Владимир Путин", "t-putin", Name),
            ("Путину", "t-putin", Ref),
            ("Сергей Шойгу", "t-shoigu", Name),
            ("Путиным", "t-putin", Ref),
        ],
    );
    assert_eq!(
        jurisdictions(&r),
        [("IR", "Ирана"), ("KP", "КНДР"), ("UA-43", "Крыму")]
    );
}

#[test]
fn korean() {
    let r = check(
        "블라디미르 푸틴 러시아 대통령은 김정은 국무위원장과 회담했다. 푸틴은 북한과의 협력을 \
         강조했고, 김정은은 감사를 표했다. 김 위원장의 동생 김여정도 참석했다. 한편 축구 선수 \
         김민재는 이번 회담과 관련이 없다.",
        &[
            ("블라디미르 푸틴", "t-putin", Name),
            ("김정은", "t-kim", Name),
            ("푸틴", "t-putin", Ref),
            ("김정은", "t-kim", Name),
            ("김", "t-kim", Ref),
            ("김여정", "t-kimyj", Name),
        ],
    );
    assert_eq!(jurisdictions(&r), [("KP", "북한")]);
}

#[test]
fn chinese() {
    let r = check(
        "据报道，李方伟涉嫌向伊朗出售导弹部件。李明是一名普通教师，与此案无关。朝鲜半岛局势紧张，朝鲜继续试射导弹。",
        &[("李方伟", "t-lifangwei", Name)],
    );
    assert_eq!(r.mentions[0].start, 4);
    assert_eq!(jurisdictions(&r), [("IR", "伊朗"), ("KP", "朝鲜")]);
}

#[test]
fn report_serialises_with_offsets_and_explanations() {
    let r = scanner().scan("Kim Jong Un spoke. Kim left.");
    let v = serde_json::to_value(&r).expect("report serialises");
    let m = &v["mentions"][0];
    assert_eq!(m["start"], 0);
    assert_eq!(m["end"], 11);
    assert_eq!(m["byte_end"], 11);
    assert_eq!(m["entity_ids"][0], "t-kim");
    assert_eq!(m["kind"], "name");
    assert!(m["explanation"]["name"]["tokens"].is_array());
    assert_eq!(v["mentions"][1]["coreference"]["antecedent"], 0);
    assert_eq!(v["entities"][0]["count"], 2);
}

#[test]
fn keys_apart_from_their_index_scan_alike_and_refuse_another_index() {
    use embargo_matcher::Index;
    use embargo_text::{ScanConfig, ScanKeys};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/list.ftm.json");
    let doc = read_list(&path, None).expect("fixture list reads");
    let index = Index::build(std::slice::from_ref(&doc));
    let keys = ScanKeys::build(&index, ScanConfig::default());
    let text = "Президент Владимир Путин встретился с Ким Чен Ыном. Позже Путина приветствовали.";
    assert_eq!(
        keys.scan(&index, text).expect("same index"),
        scanner().scan(text)
    );
    let mut smaller = doc.clone();
    smaller.entities.pop();
    let other = Index::build(&[smaller]);
    let err = keys.scan(&other, text).expect_err("another index");
    assert_eq!(err.given + 1, err.keyed);
}
