//! Reloads: atomic swaps under concurrent queries, the guard that refuses a broken list, the
//! file watch.

mod common;

use common::{start, start_with, write, DEMO, TESTLIST};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const NEW_ENTITY: &str = r#"{"id": "demo:new-1", "schema": "Person", "caption": "Ignatius Newentry", "properties": {"name": ["Ignatius Newentry"]}, "datasets": ["demo"]}"#;

fn demo_with_new() -> String {
    format!("{DEMO}{NEW_ENTITY}\n")
}

async fn json_of(r: reqwest::Response) -> (u16, Value) {
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_under_concurrent_queries_fails_none_and_switches_versions() {
    let t = Arc::new(start().await);
    let stop = Arc::new(AtomicBool::new(false));
    let mut workers = Vec::new();
    for _ in 0..4 {
        let t = Arc::clone(&t);
        let stop = Arc::clone(&stop);
        workers.push(tokio::spawn(async move {
            // (status, index version, new entity found)
            let mut seen: Vec<(u16, u64, bool)> = Vec::new();
            let body = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Ignatius Newentry"]}}}});
            // Runs until told to stop (bounded by time, not by a request count: a fast machine
            // would otherwise stop its workers before the last reload).
            let deadline = Instant::now() + Duration::from_secs(60);
            while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                let r = t.post("/match/default").json(&body).send().await.unwrap();
                let status = r.status().as_u16();
                let version: u64 = r
                    .headers()
                    .get("x-index-version")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                let v: Value = r.json().await.unwrap_or(Value::Null);
                let found = v["responses"]["q"]["results"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x["id"] == "demo:new-1"));
                seen.push((status, version, found));
            }
            seen
        }));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Six reloads: the new entity comes (even versions) and goes (odd versions).
    for i in 0..6 {
        let text = if i % 2 == 0 {
            demo_with_new()
        } else {
            DEMO.to_string()
        };
        write(&t.demo_path, &text);
        let (s, v) = json_of(t.admin_post("/admin/reload").send().await.unwrap()).await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["outcome"], "reloaded");
        assert_eq!(v["changed"], json!(["demo"]));
        assert_eq!(v["index_version"], i + 2);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    assert!(all.len() > 20, "too few requests: {}", all.len());
    assert!(all.iter().all(|(s, _, _)| *s == 200), "a request failed");
    // Each answer comes from one whole version: the entity is there exactly in even versions.
    for (_, version, found) in &all {
        assert_eq!(*found, version % 2 == 0, "version {version}");
    }
    let versions: std::collections::BTreeSet<u64> = all.iter().map(|x| x.1).collect();
    assert!(
        versions.len() >= 3,
        "results did not switch versions: {versions:?}"
    );
    // After the last reload answered, every query sees its version (7, without the entity).
    let body = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Ignatius Newentry"]}}}});
    let r = t.post("/match/default").json(&body).send().await.unwrap();
    assert_eq!(
        r.headers()
            .get("x-index-version")
            .and_then(|v| v.to_str().ok()),
        Some("7")
    );
    match Arc::try_unwrap(t) {
        Ok(t) => t.stop().await,
        Err(_) => panic!("server still shared"),
    }
}

#[tokio::test]
async fn unchanged_files_do_not_rebuild_unless_forced() {
    let t = start().await;
    let (s, v) = json_of(t.admin_post("/admin/reload").send().await.unwrap()).await;
    assert_eq!((s, v["outcome"].as_str()), (200, Some("unchanged")));
    assert_eq!(v["index_version"], 1);
    let (s, v) = json_of(
        t.admin_post("/admin/reload?force=true")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((s, v["outcome"].as_str()), (200, Some("reloaded")));
    assert_eq!(v["index_version"], 2);
    t.stop().await;
}

#[tokio::test]
async fn a_shrunken_or_broken_list_is_refused_and_the_old_one_stays() {
    let t = start().await;
    // The demo list cut to three entities (a truncated download), while the other list changes.
    let truncated: String = DEMO.lines().take(3).map(|l| format!("{l}\n")).collect();
    write(&t.demo_path, &truncated);
    write(
        &t.test_path,
        &format!(
            "{TESTLIST}{}\n",
            r#"{"id": "t:3", "schema": "Person", "caption": "Third Person", "properties": {"name": ["Third Person"]}, "datasets": ["testlist"]}"#
        ),
    );
    let (s, v) = json_of(t.admin_post("/admin/reload").send().await.unwrap()).await;
    assert_eq!(s, 422, "{v}");
    assert_eq!(v["outcome"], "partial");
    assert_eq!(v["changed"], json!(["testlist"]));
    assert_eq!(v["refused"][0]["dataset"], "demo");
    assert!(v["refused"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("shrinks"));
    // Served: the old demo list and the new test list.
    let (_, r) = json_of(t.get("/readyz").send().await.unwrap()).await;
    assert_eq!(r["status"], "degraded");
    assert_eq!(r["reload"]["refused"][0]["dataset"], "demo");
    assert_eq!(r["entities"], 16);
    let (s, _) = json_of(t.get("/entities/demo%3Aun-KPi.066").send().await.unwrap()).await;
    assert_eq!(s, 200);
    let (s, _) = json_of(t.get("/entities/t%3A3").send().await.unwrap()).await;
    assert_eq!(s, 200);

    // A file that is not a list at all.
    write(&t.demo_path, "<html>502 Bad Gateway</html>\n");
    let (s, v) = json_of(t.admin_post("/admin/reload").send().await.unwrap()).await;
    assert_eq!(s, 422, "{v}");
    assert_eq!(v["outcome"], "refused");
    assert!(v["refused"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("cannot read"));
    // A missing file.
    std::fs::remove_file(&t.demo_path).unwrap();
    let (s, v) = json_of(t.admin_post("/admin/reload").send().await.unwrap()).await;
    assert_eq!((s, v["outcome"].as_str()), (422, Some("refused")));
    let (_, r) = json_of(t.get("/readyz").send().await.unwrap()).await;
    assert_eq!(r["entities"], 16);

    // The good file back: accepted, and readiness is clean again.
    write(&t.demo_path, &demo_with_new());
    let (s, v) = json_of(t.admin_post("/admin/reload").send().await.unwrap()).await;
    assert_eq!((s, v["outcome"].as_str()), (200, Some("reloaded")), "{v}");
    let (_, r) = json_of(t.get("/readyz").send().await.unwrap()).await;
    assert_eq!(r["status"], "ok");
    assert_eq!(r["entities"], 17);
    let metrics = t
        .client
        .get(t.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("embargo_list_refusals_total{dataset=\"demo\"}"));
    t.stop().await;
}

#[tokio::test]
async fn the_guard_is_configurable() {
    let t = start_with(|c| c.reload.max_shrink = 0.9).await;
    let shorter: String = DEMO.lines().take(5).map(|l| format!("{l}\n")).collect();
    write(&t.demo_path, &shorter);
    let (s, v) = json_of(t.admin_post("/admin/reload").send().await.unwrap()).await;
    assert_eq!((s, v["outcome"].as_str()), (200, Some("reloaded")), "{v}");
    t.stop().await;
}

#[tokio::test]
async fn changed_entities_get_a_new_last_change() {
    let t = start().await;
    let (_, before) = json_of(t.get("/entities/t%3A1").send().await.unwrap()).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    write(&t.test_path, &TESTLIST.replace("1971-03-02", "1971-03-03"));
    let (s, _) = json_of(t.admin_post("/admin/reload").send().await.unwrap()).await;
    assert_eq!(s, 200);
    let (_, after) = json_of(t.get("/entities/t%3A1").send().await.unwrap()).await;
    assert_eq!(after["first_seen"], before["first_seen"]);
    assert_ne!(after["last_change"], before["last_change"]);
    let (_, same) = json_of(t.get("/entities/t%3A2").send().await.unwrap()).await;
    assert_eq!(same["last_change"], before["first_seen"]);
    // changed_since between the two: only the changed entity. Timestamps are whole seconds, so
    // one second after the first load's (truncated) stamp lies strictly between the two loads,
    // which are more than a second apart.
    let first =
        embargo_server::clock::parse_timestamp(before["last_change"].as_str().unwrap()).unwrap();
    let since = embargo_server::clock::format_rfc3339(first + Duration::from_secs(1));
    let body =
        json!({"queries": {"q": {"schema": "Thing", "properties": {"name": ["Quartermaine"]}}}});
    let (_, v) = json_of(
        t.post(&format!("/match/testlist?cutoff=0.1&changed_since={since}"))
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let ids: Vec<&str> = v["responses"]["q"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"t:2"), "{ids:?}");
    assert!(ids.contains(&"t:1"), "{ids:?}");
    t.stop().await;
}

#[tokio::test]
async fn the_file_watch_reloads_changed_lists() {
    let t = start_with(|c| c.reload.watch_secs = Some(1)).await;
    write(&t.demo_path, &demo_with_new());
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (_, r) = json_of(t.get("/readyz").send().await.unwrap()).await;
        if r["index_version"] == 2 {
            assert_eq!(r["entities"], 16);
            break;
        }
        assert!(Instant::now() < deadline, "the watch did not reload: {r}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    t.stop().await;
}

#[tokio::test]
async fn shutdown_lets_requests_in_flight_finish() {
    let t = start().await;
    let batch: serde_json::Map<String, Value> = (0..100)
        .map(|i| {
            (
                format!("q{i}"),
                json!({"schema": "Person", "properties": {"name": [format!("Kim Jong {i}")]}}),
            )
        })
        .collect();
    let req = t.post("/match/default").json(&json!({ "queries": batch }));
    let in_flight = tokio::spawn(async move { req.send().await.map(|r| r.status().as_u16()) });
    tokio::time::sleep(Duration::from_millis(5)).await;
    t.stop().await;
    // Either it was answered before the listener closed, or it never connected; never cut off.
    if let Ok(Ok(status)) = in_flight.await {
        assert_eq!(status, 200);
    }
}
