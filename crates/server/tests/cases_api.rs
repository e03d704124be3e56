//! The case-work endpoints (analyst role) over a real loopback socket: store and screen
//! records, list and show alerts, decide with four eyes (two different keys), verify and export
//! the audit trail.

mod common;

use common::start;
use embargo_server::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn body(r: reqwest::Response) -> (StatusCode, Value) {
    let s = r.status();
    let v = r.json::<Value>().await.unwrap_or(Value::Null);
    (s, v)
}

#[tokio::test]
async fn records_alerts_decisions_and_audit() {
    let t = start().await;
    let analyst = format!("ApiKey {}", t.key(Role::Analyst));
    let admin = format!("ApiKey {}", t.key(Role::Admin));
    let records = json!({"records": [
        {"id": "c-1", "full_name": "Kim Jong Un", "date_of_birth": "1984-01-08", "nationality": "kp"},
        {"id": "c-2", "full_name": "Maria Lopez", "nationality": "es"}
    ]});

    // The screen role may screen, not do case work.
    let r = t.get("/v1/alerts").send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r = t
        .post("/v1/cases/records")
        .json(&records)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    let (s, v) = body(
        t.client
            .post(t.url("/v1/cases/records"))
            .header("Authorization", &analyst)
            .json(&records)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        (v["inserted"].as_u64(), v["unchanged"].as_u64()),
        (Some(2), Some(0))
    );
    let raised = v["raised"].as_array().unwrap().clone();
    assert!(!raised.is_empty(), "{v}");
    assert!(v["list_version"].as_str().unwrap().contains("demo@"), "{v}");

    // Supplying the same records again changes nothing.
    let (_, v) = body(
        t.client
            .post(t.url("/v1/cases/records"))
            .header("Authorization", &analyst)
            .json(&records)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (v["unchanged"].as_u64(), v["run_id"].is_null()),
        (Some(2), true),
        "{v}"
    );

    // A record without an id cannot be stored.
    let (s, v) = body(
        t.client
            .post(t.url("/v1/cases/records"))
            .header("Authorization", &analyst)
            .json(&json!({"records": [{"full_name": "No Id"}]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 422, "{v}");

    let (s, v) = body(
        t.client
            .get(t.url("/v1/alerts?state=open&record=c-1"))
            .header("Authorization", &analyst)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let alerts = v["alerts"].as_array().unwrap();
    let kim = alerts
        .iter()
        .find(|a| a["entity_id"] == "demo:ofac-sdn-20157")
        .unwrap_or_else(|| panic!("{v}"));
    let id = kim["id"].as_i64().unwrap();
    assert_eq!(kim["reason"], "new");

    let decide = |key: &str, action: &str, comment: &str| {
        t.client
            .post(t.url(&format!("/v1/alerts/{id}/decisions")))
            .header("Authorization", key.to_string())
            .json(&json!({"action": action, "comment": comment}))
            .send()
    };
    let (s, v) = body(
        decide(&analyst, "true_match", "same birth date and nationality")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["alert"]["state"], "true_match");
    let (s, v) = body(decide(&analyst, "confirm", "").await.unwrap()).await;
    assert_eq!(s, 409, "{v}");
    assert!(v["detail"].as_str().unwrap().contains("four eyes"), "{v}");
    let (s, v) = body(decide(&admin, "confirm", "").await.unwrap()).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["alert"]["state"], "closed");
    assert_eq!(v["alert"]["resolution"], "true_match");
    let (s, v) = body(decide(&admin, "bogus", "").await.unwrap()).await;
    assert_eq!(s, 422, "{v}");

    let (s, v) = body(
        t.client
            .get(t.url(&format!("/v1/alerts/{id}")))
            .header("Authorization", &analyst)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["record"]["id"], "c-1");
    let decisions = v["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 2);
    assert!(decisions[0]["analyst"]
        .as_str()
        .unwrap()
        .starts_with("key:"));
    assert_ne!(decisions[0]["analyst"], decisions[1]["analyst"]);
    let r = t
        .client
        .get(t.url("/v1/alerts/999999"))
        .header("Authorization", &analyst)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    let (s, v) = body(
        t.client
            .get(t.url("/v1/audit/verify"))
            .header("Authorization", &analyst)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["ok"], true, "{v}");
    let r = t
        .client
        .get(t.url("/v1/audit/export"))
        .header("Authorization", &analyst)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/x-ndjson");
    let text = r.text().await.unwrap();
    let kinds: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for k in [
        "list_version_registered",
        "records_imported",
        "alert_raised",
        "decision",
    ] {
        assert!(kinds.iter().any(|x| x == k), "{k} missing: {kinds:?}");
    }
    assert_eq!(kinds.len() as i64, v["entries"].as_i64().unwrap());
    t.stop().await;
}
