//! Every endpoint and every error status, over a real loopback socket.

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
async fn match_answers_in_yentes_shape() {
    let t = start().await;
    let r = t
        .post("/match/default")
        .json(
            &json!({"queries": {"q1": {"schema": "Person", "properties": {
            "name": ["Kim Jong Un"], "birthDate": ["1984-01-08"], "nationality": ["kp"]}}}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-batch-size"], "1");
    let (_, v) = body(r).await;
    assert_eq!(v["limit"], 5);
    let q1 = &v["responses"]["q1"];
    assert_eq!(q1["status"], 200);
    assert_eq!(q1["total"]["relation"], "eq");
    assert_eq!(q1["query"]["schema"], "Person");
    assert_eq!(q1["query"]["properties"]["nationality"], json!(["kp"]));
    let top = &q1["results"][0];
    assert_eq!(top["id"], "demo:ofac-sdn-20157");
    assert_eq!(top["match"], true);
    assert!(top["score"].as_f64().unwrap() >= 0.9);
    for key in [
        "caption",
        "schema",
        "properties",
        "datasets",
        "referents",
        "target",
        "first_seen",
        "last_seen",
        "last_change",
        "features",
    ] {
        assert!(top.get(key).is_some(), "result lacks {key}");
    }
    let name = &top["explanations"]["name"];
    for key in ["score", "detail", "query", "candidate", "weight"] {
        assert!(name.get(key).is_some(), "explanation lacks {key}");
    }
    assert_eq!(top["explanations"]["birth_date"]["detail"], "match");
    assert_eq!(top["properties"]["topics"], json!(["sanction"]));
    assert_eq!(v["matcher"]["name"], "embargo-v1");
    t.stop().await;
}

/// The request bodies of yente's and OpenSanctions' documentation, sent unchanged.
#[tokio::test]
async fn yente_documentation_requests_work_unchanged() {
    let t = start().await;
    // yente's /match docstring: a person and a company in one batch.
    let doc = json!({"queries": {
        "entity1": {"schema": "Person", "properties": {
            "name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]}},
        "entity2": {"schema": "Company", "properties": {
            "name": ["Brilliant Amazing Limited"], "jurisdiction": ["hk"],
            "registrationNumber": ["84BA99810"]}}
    }});
    let (s, v) = body(t.post("/match/default").json(&doc).send().await.unwrap()).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["responses"]["entity1"]["status"], 200);
    assert_eq!(v["responses"]["entity2"]["status"], 200);
    // The OpenSanctions request guide: name parts, a scalar property, and its parameters.
    let person = json!({"schema": "Person", "properties": {
        "firstName": ["Vladimir"], "fatherName": ["Vladimirovich"], "lastName": ["Putin", "Путин"],
        "birthDate": ["1952"], "nationality": "Russia"}});
    let (s, v) = body(
        t.post("/match/sanctions?topics=sanction&topics=sanction.linked&include_dataset=demo&algorithm=logic-v2&threshold=0.8")
            .json(&json!({"queries": {"q": person}}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v["responses"]["q"]["results"][0]["id"],
        "demo:ofac-sdn-35096"
    );
    // The quickstart's `Authorization: ApiKey …` with a weights map.
    let (s, _) = body(
        t.client
            .post(t.url("/match/default"))
            .header("Authorization", format!("ApiKey {}", t.key(Role::Screen)))
            .json(&json!({"weights": {"name": 0.8}, "queries": {"q": {"schema": "Company", "properties": {"name": ["Stroygazmontazh"], "jurisdiction": ["Russia"]}}}}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    t.stop().await;
}

#[tokio::test]
async fn match_filters() {
    let t = start().await;
    let q =
        |name: &str| json!({"queries": {"q": {"schema": "Thing", "properties": {"name": [name]}}}});
    let ids = |v: &Value| -> Vec<String> {
        v["responses"]["q"]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, v) = body(
        t.post("/match/default")
            .json(&q("Zebulon Quartermaine"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(ids(&v), vec!["t:1"]);
    // `sanctions` leaves the non-sanctions list out; so does a list name or an exclusion.
    for path in [
        "/match/sanctions",
        "/match/demo",
        "/match/default?exclude_dataset=testlist",
        "/match/default?include_dataset=demo",
        "/match/default?exclude_entity_ids=t:1",
        "/match/default?exclude_schema=Person",
        "/match/default?topics=sanction",
        "/match/default?changed_since=2999-01-01",
    ] {
        let (s, v) = body(
            t.post(path)
                .json(&q("Zebulon Quartermaine"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 200, "{path}");
        assert!(ids(&v).is_empty(), "{path}: {v}");
        assert_eq!(v["responses"]["q"]["total"]["value"], 0);
    }
    let (_, v) = body(
        t.post("/match/testlist?topics=role.pep&changed_since=2000-01-01")
            .json(&q("Zebulon Quartermaine"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(ids(&v), vec!["t:1"]);
    // limit cuts the results; total counts them all ("eq"), or says there are at least that
    // many ("gte") when the search stopped early; cutoff and threshold move them.
    let (_, v) = body(
        t.post("/match/default?limit=1&cutoff=0.1&threshold=0.99")
            .json(&q("Kim Jong"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let r = &v["responses"]["q"];
    assert_eq!(r["results"].as_array().unwrap().len(), 1);
    let total = r["total"]["value"].as_u64().unwrap();
    match r["total"]["relation"].as_str() {
        Some("eq") => assert!(total > 1, "{r}"),
        Some("gte") => assert!(total >= 1, "{r}"),
        other => panic!("relation {other:?}: {r}"),
    }
    assert_eq!(v["limit"], 1);
    // config keys of the body.
    let mut body_cfg = q("Kim Jong Un");
    body_cfg["config"] = json!({"threshold": 0.99, "list_thresholds": {"demo": 0.5}});
    let (s, v) = body(
        t.post("/match/default")
            .json(&body_cfg)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["responses"]["q"]["results"][0]["match"], true);
    t.stop().await;
}

#[tokio::test]
async fn search_entities_catalog_algorithms() {
    let t = start().await;
    let (s, v) = body(t.get("/search/default?q=putin").send().await.unwrap()).await;
    assert_eq!(s, 200);
    assert_eq!(v["results"][0]["id"], "demo:ofac-sdn-35096");
    assert!(v["facets"]["countries"]["values"].as_array().is_some());
    assert_eq!(v["limit"], 10);
    let (_, v) = body(
        t.get("/search/demo?schema=Vessel&limit=5")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(v["total"]["value"], 1);
    assert_eq!(v["results"][0]["caption"], "GRACEFUL");
    let (_, v) = body(
        t.get("/search/default?countries=kp&offset=1&limit=1")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(v["total"]["value"].as_u64().unwrap() >= 2);
    assert_eq!(v["results"].as_array().unwrap().len(), 1);

    let (s, v) = body(t.get("/entities/demo%3Aun-KPi.066").send().await.unwrap()).await;
    assert_eq!(s, 200);
    assert_eq!(v["caption"], "KIM JONG SIK");
    assert_eq!(v["datasets"], json!(["demo"]));
    let (s, v) = body(t.get("/entities/demo%3Anothing").send().await.unwrap()).await;
    assert_eq!(s, 404);
    assert_eq!(v["detail"], "No such entity!");

    let (s, v) = body(t.get("/catalog").send().await.unwrap()).await;
    assert_eq!(s, 200);
    let names: Vec<&str> = v["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["demo", "testlist", "default", "sanctions"]);
    let sanctions = &v["datasets"][3];
    assert_eq!(sanctions["children"], json!(["demo"]));
    assert_eq!(sanctions["entity_count"], 13);
    assert_eq!(v["datasets"][0]["sha256"].as_str().unwrap().len(), 64);

    let (s, v) = body(t.get("/algorithms").send().await.unwrap()).await;
    assert_eq!(s, 200);
    assert_eq!(v["default"], "embargo-v1");
    assert!(v["algorithms"][0]["features"]["name"]["description"].is_string());
    t.stop().await;
}

#[tokio::test]
async fn native_screen() {
    let t = start().await;
    let (s, v) = body(
        t.post("/v1/screen")
            .json(&json!({"records": [
                {"id": "c-1", "full_name": "Vladimir Putin", "date_of_birth": "1952-10-07", "nationality": "Russia"},
                {"id": "c-2", "name": "GRACEFUL", "schema": "Vessel", "imo": "1011551"},
                {"id": "c-3", "first_name": "Jane", "last_name": "Placebo", "country": "Atlantis"},
                {"id": "c-4"}
            ]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let r = v["results"].as_array().unwrap();
    assert_eq!(r.len(), 4);
    assert_eq!(r[0]["id"], "c-1");
    assert_eq!(r[0]["alert"], true);
    assert_eq!(r[0]["hits"][0]["id"], "demo:ofac-sdn-35096");
    assert!(r[0]["hits"][0]["explanation"]["name"]["tokens"].is_array());
    assert_eq!(r[1]["hits"][0]["id"], "demo:ofac-sdn-37444");
    assert_eq!(r[2]["alert"], false);
    assert_eq!(r[2]["problems"][0]["field"], "country");
    assert_eq!(r[3]["problems"][0]["field"], "full_name");
    assert_eq!(v["lists"].as_array().unwrap().len(), 2);
    assert!(v["engine"].as_str().unwrap().starts_with("embargo "));
    assert_eq!(v["config"]["threshold"], 0.7);
    // Unknown top-level fields are refused on the native endpoint.
    let (s, _) = body(
        t.post("/v1/screen")
            .json(&json!({"records": [], "nope": 1}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 422);
    let (s, _) = body(
        t.post("/v1/screen")
            .json(&json!({"records": []}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 422);
    t.stop().await;
}

#[tokio::test]
async fn health_ready_metrics_openapi_are_public() {
    let t = start().await;
    let c = &t.client;
    let (s, v) = body(c.get(t.url("/healthz")).send().await.unwrap()).await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("ok")));
    let (s, v) = body(c.get(t.url("/readyz")).send().await.unwrap()).await;
    assert_eq!(s, 200);
    assert_eq!(v["status"], "ok");
    assert_eq!(v["index_version"], 1);
    assert_eq!(v["entities"], 15);
    // A screening first, so that the counters exist.
    t.post("/match/default")
        .json(&json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Kim Jong Un"]}}}}))
        .send()
        .await
        .unwrap();
    let r = c.get(t.url("/metrics")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    for m in [
        "embargo_http_requests_total",
        "embargo_http_request_duration_seconds_bucket",
        "embargo_queries_total",
        "embargo_alerts_total",
        "embargo_index_version",
        "embargo_list_age_seconds{dataset=\"demo\"}",
        "embargo_list_entities{dataset=\"testlist\"} 2",
    ] {
        assert!(text.contains(m), "metrics lack {m}");
    }
    let (s, v) = body(c.get(t.url("/openapi.json")).send().await.unwrap()).await;
    assert_eq!(s, 200);
    for p in [
        "/match/{dataset}",
        "/search/{dataset}",
        "/entities/{id}",
        "/catalog",
        "/algorithms",
        "/v1/screen",
        "/healthz",
        "/readyz",
        "/metrics",
        "/admin/reload",
    ] {
        assert!(v["paths"].get(p).is_some(), "openapi lacks {p}");
    }
    assert!(v["components"]["schemas"]["EntityMatchResponse"].is_object());
    assert!(v["components"]["securitySchemes"]["api_key"].is_object());
    t.stop().await;
}

#[tokio::test]
async fn auth_roles() {
    let t = start().await;
    let c = &t.client;
    let m = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["x"]}}}});
    // No key, an unknown key, an unknown scheme: 401 with a challenge.
    for auth in [None, Some("ApiKey emb_nope_nope"), Some("Basic abc")] {
        let mut r = c.post(t.url("/match/default")).json(&m);
        if let Some(a) = auth {
            r = r.header("Authorization", a);
        }
        let r = r.send().await.unwrap();
        assert_eq!(r.status(), 401, "{auth:?}");
        assert!(r.headers().contains_key("www-authenticate"));
        let (_, v) = body(r).await;
        assert_eq!(v["error"], "unauthorized");
    }
    // Every role may screen, with either scheme.
    for role in Role::ALL {
        for scheme in ["ApiKey", "Bearer"] {
            let r = c
                .post(t.url("/match/default"))
                .header("Authorization", format!("{scheme} {}", t.key(role)))
                .json(&m)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{role} {scheme}");
        }
    }
    // Only admin may reload.
    for (role, want) in [
        (Role::Screen, 403),
        (Role::Analyst, 403),
        (Role::Admin, 200),
    ] {
        let r = c
            .post(t.url("/admin/reload"))
            .header("Authorization", format!("ApiKey {}", t.key(role)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), want, "{role}");
        if want == 403 {
            let (_, v) = body(r).await;
            assert_eq!(v["error"], "forbidden");
        }
    }
    // A revoked key stops working (the keys file is re-read within a second).
    let keys_path = t.dir.path().join("keys.json");
    let (key, rec) = embargo_server::KeyFile::add(&keys_path, Role::Screen, None).unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let ok = c
        .get(t.url("/catalog"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert!(embargo_server::KeyFile::revoke(&keys_path, &rec.id).unwrap());
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let gone = c
        .get(t.url("/catalog"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 401);
    t.stop().await;
}

#[tokio::test]
async fn no_auth_mode_admits_everyone_as_admin() {
    let t = common::start_with(|c| c.auth = false).await;
    let r = t.client.post(t.url("/admin/reload")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = t.client.get(t.url("/catalog")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    t.stop().await;
}

#[tokio::test]
async fn error_statuses() {
    let t = common::start_with(|c| {
        c.limits.max_body_bytes = 4096;
        c.limits.max_queries = 3;
        c.limits.max_names = 2;
        c.limits.max_string_chars = 50;
    })
    .await;
    let person = |name: &str| json!({"schema": "Person", "properties": {"name": [name]}});
    let one = json!({"queries": {"q": person("Kim")}});
    let cases: Vec<(&str, reqwest::RequestBuilder, u16, Option<&str>)> = vec![
        ("unknown dataset", t.post("/match/nope").json(&one), 404, None),
        ("unknown config key", t.post("/match/default").json(&json!({"queries": {"q": person("Kim")}, "config": {"nm_number_mismatch": 0.2}})), 400, None),
        ("config of the wrong type", t.post("/match/default").json(&json!({"queries": {"q": person("Kim")}, "config": {"threshold": "high"}})), 400, None),
        ("not JSON", t.post("/match/default").header("content-type", "application/json").body("{not json"), 400, None),
        ("no body", t.post("/match/default"), 400, None),
        ("wrong shape", t.post("/match/default").json(&json!({"queries": [1, 2]})), 422, None),
        ("no queries", t.post("/match/default").json(&json!({"queries": {}})), 400, None),
        ("unknown schema", t.post("/match/default").json(&json!({"queries": {"q": {"schema": "Sanction", "properties": {}}}})), 400, None),
        ("unknown algorithm", t.post("/match/default?algorithm=magic").json(&one), 400, None),
        ("bad limit", t.post("/match/default?limit=many").json(&one), 422, None),
        ("bad threshold", t.post("/match/default?threshold=2").json(&one), 422, None),
        ("bad changed_since", t.post("/match/default?changed_since=yesterday").json(&one), 422, None),
        ("limit over max", t.post("/match/default?limit=501").json(&one), 422, Some("max_results")),
        ("too many queries", t.post("/match/default").json(&json!({"queries": {"a": person("a"), "b": person("b"), "c": person("c"), "d": person("d")}})), 422, Some("max_queries")),
        ("too many names", t.post("/match/default").json(&json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["a", "b"], "alias": ["c"]}}}})), 422, Some("max_names")),
        ("string too long", t.post("/match/default").json(&json!({"queries": {"q": person(&"x".repeat(51))}})), 422, Some("max_string_chars")),
        ("body too large", t.post("/match/default").json(&json!({"queries": {"q": person("Kim")}, "pad": "y".repeat(5000)})), 413, Some("max_body_bytes")),
        ("too many records", t.post("/v1/screen").json(&json!({"records": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}]})), 422, Some("max_queries")),
        ("record string too long", t.post("/v1/screen").json(&json!({"records": [{"name": "x".repeat(51)}]})), 422, Some("max_string_chars")),
        ("search q too long", t.get(&format!("/search/default?q={}", "x".repeat(51))), 422, Some("max_string_chars")),
        ("search bad schema", t.get("/search/default?q=kim&schema=Nope"), 400, None),
        ("search unknown dataset", t.get("/search/nope?q=kim"), 404, None),
        ("no entity", t.get("/entities/nothing"), 404, None),
        ("no route", t.get("/nowhere"), 404, None),
        ("wrong method", t.get("/match/default"), 405, None),
        ("bad force flag", t.admin_post("/admin/reload?force=maybe"), 422, None),
    ];
    for (what, req, status, limit) in cases {
        let r = req.send().await.unwrap();
        assert_eq!(r.status().as_u16(), status, "{what}");
        let (_, v) = body(r).await;
        assert!(v["detail"].is_string(), "{what}: no JSON detail: {v}");
        assert!(v["error"].is_string(), "{what}: no error code: {v}");
        if let Some(l) = limit {
            assert_eq!(v["limit"]["name"], l, "{what}: {v}");
            assert!(v["limit"]["max"].is_u64(), "{what}");
        }
    }
    t.stop().await;
}

#[tokio::test]
async fn request_ids_are_returned() {
    let t = start().await;
    let r = t.client.get(t.url("/healthz")).send().await.unwrap();
    assert!(r.headers().contains_key("x-request-id"));
    let r = t
        .client
        .get(t.url("/healthz"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "abc-123");
    t.stop().await;
}
