//! `POST /v1/text` over a real loopback socket: the report of `embargo text --format json`
//! (the same `TextReport`, serialised the same way), errors, and keys that follow reloads.

mod common;

use common::{start, write, DEMO};
use embargo_matcher::Index;
use embargo_sources::read_list;
use embargo_text::Scanner;
use serde_json::{json, Value};

/// Written for this test: English, Russian and Korean, with a surname-only reference, an
/// unrelated "Kim" and two sanctioned jurisdictions.
const ARTICLE: &str = "Russian President Vladimir Putin hosted Kim Jong Un. Putin praised the \
talks; Kim Min-jae, a footballer, was not there. Президент Владимир Путин вылетел в Пхеньян, \
а Путина встретили в КНДР. 김정은 위원장은 이란 대표단도 만났다.";

async fn json_of(r: reqwest::Response) -> (u16, Value) {
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn text_reports_mentions_as_the_cli_does() {
    let t = start().await;
    let (s, v) = json_of(
        t.post("/v1/text")
            .json(&json!({ "text": ARTICLE }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let got: Vec<(&str, &str, &str)> = v["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| {
            (
                m["surface"].as_str().unwrap_or(""),
                m["entity_ids"][0].as_str().unwrap_or(""),
                m["kind"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Vladimir Putin", "demo:ofac-sdn-35096", "name"),
            ("Kim Jong Un", "demo:ofac-sdn-20157", "name"),
            ("Putin", "demo:ofac-sdn-35096", "coreference"),
            ("Владимир Путин", "demo:ofac-sdn-35096", "name"),
            ("Путина", "demo:ofac-sdn-35096", "coreference"),
            ("김정은", "demo:ofac-sdn-20157", "name"),
        ]
    );
    // Offsets: code points and bytes of the text sent.
    let chars: Vec<char> = ARTICLE.chars().collect();
    for m in v["mentions"].as_array().unwrap() {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        let (bs, be) = (
            m["byte_start"].as_u64().unwrap() as usize,
            m["byte_end"].as_u64().unwrap() as usize,
        );
        let surface = m["surface"].as_str().unwrap();
        assert_eq!(chars[s..e].iter().collect::<String>(), surface);
        assert_eq!(&ARTICLE[bs..be], surface);
        assert!(m["score"].as_f64().unwrap() >= 0.7);
        assert!(m["explanation"]["name"]["tokens"].is_array(), "{m}");
    }
    let codes: Vec<&str> = v["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["KP", "IR"]);
    let counts: Vec<(&str, u64)> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        counts,
        [("demo:ofac-sdn-35096", 4), ("demo:ofac-sdn-20157", 2)]
    );
    assert_eq!(v["index_version"], 1);
    assert_eq!(v["lists"].as_array().map(Vec::len), Some(2));

    // The same report as `embargo text --format json` on the same lists: that command
    // serialises `Scanner::scan` of the linked lists.
    let mut docs = vec![
        read_list(&t.demo_path, None).unwrap(),
        read_list(&t.test_path, None).unwrap(),
    ];
    embargo_sources::link::link_documents(&mut docs);
    let local = serde_json::to_value(Scanner::new(Index::build(&docs)).scan(ARTICLE)).unwrap();
    for field in ["mentions", "entities", "jurisdictions"] {
        assert_eq!(v[field], local[field], "{field}");
    }
    t.stop().await;
}

#[tokio::test]
async fn text_errors() {
    let t = start().await;
    let (s, v) = json_of(
        t.post("/v1/text")
            .json(&json!({"text": "  "}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 422, "{v}");
    let (s, _) = json_of(
        t.post("/v1/text")
            .json(&json!({"text": "Kim Jong Un", "threshold": 2}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 422);
    let (s, _) = json_of(
        t.post("/v1/text")
            .json(&json!({"txt": "Kim Jong Un"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 422);
    let r = t
        .client
        .post(t.url("/v1/text"))
        .json(&json!({"text": "Kim Jong Un"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Clean text: no mention, no jurisdiction.
    let (s, v) = json_of(
        t.post("/v1/text")
            .json(&json!({"text": "Kim said nothing; the weather in Oslo was fine."}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["mentions"], json!([]));
    assert_eq!(v["jurisdictions"], json!([]));
    t.stop().await;
}

/// After a reload the keys are those of the new index: a party added to a list is found, and
/// no longer once it is taken off again.
#[tokio::test]
async fn text_follows_reloads() {
    let t = start().await;
    let text = "Zebulon Quartermaine met Ignatius Newentry in Oslo.";
    let ids = |v: &Value| -> Vec<String> {
        v["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["entity_ids"][0].as_str().unwrap().to_string())
            .collect()
    };
    let scan = || t.post("/v1/text").json(&json!({ "text": text })).send();
    let (s, v) = json_of(scan().await.unwrap()).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(ids(&v), ["t:1"]);
    let added = r#"{"id": "demo:new-1", "schema": "Person", "caption": "Ignatius Newentry", "properties": {"name": ["Ignatius Newentry"]}, "datasets": ["demo"]}"#;
    write(&t.demo_path, &format!("{DEMO}{added}\n"));
    let (s, r) = json_of(t.admin_post("/admin/reload").send().await.unwrap()).await;
    assert_eq!(s, 200, "{r}");
    let (_, v) = json_of(scan().await.unwrap()).await;
    assert_eq!(v["index_version"], 2);
    assert_eq!(ids(&v), ["t:1", "demo:new-1"]);
    write(&t.demo_path, DEMO);
    let (s, r) = json_of(t.admin_post("/admin/reload").send().await.unwrap()).await;
    assert_eq!(s, 200, "{r}");
    let (_, v) = json_of(scan().await.unwrap()).await;
    assert_eq!(v["index_version"], 3);
    assert_eq!(ids(&v), ["t:1"]);
    t.stop().await;
}
