//! The service over the real lists (UN, OFAC SDN, CSL) of the shared data folder.

mod common;

use embargo_server::{ListSource, Server, ServerConfig};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "real data"]
async fn real_lists_served_and_matched() {
    let data = common::shared_data();
    let lists = vec![
        ListSource::new(data.join("lists/un/consolidated-2026-02-27.xml")),
        ListSource::new(data.join("lists/ofac-sdn/2024-05-03")),
        ListSource::new(data.join("lists/us-csl/2022/consolidated.csv")),
    ];
    let server = Server::start(ServerConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        auth: false,
        lists,
        ..ServerConfig::default()
    })
    .await
    .unwrap();
    let base = format!("http://{}", server.addr());
    let c = reqwest::Client::new();
    let v: Value = c
        .post(format!("{base}/match/un"))
        .json(&json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Kim Cho'ng-sik"]}}}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["responses"]["q"]["results"][0]["id"], "un:KPi.066", "{v}");
    let r = c
        .get(format!("{base}/entities/un%3AKPi.066"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = c
        .post(format!("{base}/match/sanctions"))
        .json(
            &json!({"queries": {"q": {"schema": "Person", "properties": {
            "name": ["Vladimir Vladimirovich Putin"], "birthDate": ["1952-10-07"]}}}}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let top = &v["responses"]["q"]["results"][0];
    assert_eq!(top["match"], true, "{v}");
    assert!(top["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == "ofac-sdn"));
    // Entities the CSL repeats from the SDN are one entity; its CSL id redirects to it.
    let cat: Value = c
        .get(format!("{base}/catalog"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cat["datasets"].as_array().unwrap().len(), 5);
    server.shutdown().await.unwrap();
}
