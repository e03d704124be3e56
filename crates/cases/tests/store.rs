//! The store's behaviour through its public API, on SQLite and on PostgreSQL.

mod common;

use common::TestStore;
use embargo_cases::{
    Action, AlertFilter, AlertState, BlockingStore, Candidate, NewRun, Reason, Record,
    RecordResult, RunKind, Verdict,
};
use embargo_matcher::MatchConfig;
use embargo_model::{CountryCode, Entity, EntityId, ListDocument, NameKind, Schema};

fn person(id: &str, names: &[&str]) -> Record {
    Record {
        id: id.into(),
        schema: Some(Schema::Person),
        names: names.iter().map(|s| s.to_string()).collect(),
        birth_dates: vec![],
        countries: vec![],
        gender: None,
        identifiers: vec![],
    }
}

fn entity(local: &str, name: &str, program: &str) -> Entity {
    let mut e = Entity::new(EntityId::new("un", local), Schema::Person, "un", local);
    e.add_name(name, NameKind::Primary);
    e.programs.push(program.into());
    e
}

fn un(entities: Vec<Entity>) -> ListDocument {
    ListDocument {
        dataset: "un".into(),
        entities,
        ..Default::default()
    }
}

/// Record a run in which `record` hit `entity_ids` (scores and explanations made up: the store
/// does not judge them).
fn run_with(
    s: &BlockingStore,
    list_version: &str,
    hits: &[(&str, &[&str])],
) -> embargo_cases::BatchOutcome {
    let config = MatchConfig::default();
    let run = s
        .begin_run(&NewRun {
            id: None,
            kind: RunKind::Full,
            actor: "system",
            list_version,
            config: &config,
        })
        .unwrap();
    let results: Vec<RecordResult> = hits
        .iter()
        .map(|(rid, ents)| {
            let stored = s.record(rid).unwrap().unwrap();
            RecordResult {
                record_id: rid.to_string(),
                record_fingerprint: stored.fingerprint,
                hits: ents
                    .iter()
                    .map(|e| Candidate {
                        entity_id: e.to_string(),
                        caption: format!("caption of {e}"),
                        score: 0.91,
                        explanation: serde_json::json!({"name_score": 0.91}),
                    })
                    .collect(),
                near_misses: vec![],
            }
        })
        .collect();
    let out = s.record_results(&run.id, &results).unwrap();
    s.finish_run(&run.id).unwrap();
    out
}

fn records_upsert(t: TestStore) {
    let s = &t.store;
    let a = person("c1", &["Ali Hassan"]);
    let b = person("c2", &["Maria Lopez"]);
    let out = s.upsert_records(&[a.clone(), b.clone()], "ana").unwrap();
    assert_eq!((out.inserted, out.updated, out.unchanged), (2, 0, 0));
    assert_eq!(s.record_counts().unwrap(), (2, 2));
    let head = s.audit_head().unwrap();

    // Unchanged re-supply: nothing written, not even an audit entry.
    let out = s.upsert_records(&[b.clone(), a.clone()], "ana").unwrap();
    assert_eq!((out.inserted, out.updated, out.unchanged), (0, 0, 2));
    assert_eq!(s.audit_head().unwrap(), head);

    let mut a2 = a.clone();
    a2.countries.push(CountryCode::parse("sy").unwrap());
    let out = s.upsert_records(&[a2.clone()], "ana").unwrap();
    assert_eq!((out.inserted, out.updated), (0, 1));
    assert_eq!(out.changed_ids, vec!["c1".to_string()]);
    let stored = s.record("c1").unwrap().unwrap();
    assert_eq!(stored.record, a2);
    assert_eq!(stored.fingerprint, a2.fingerprint());
    assert!(stored.pending);

    let err = s
        .upsert_records(&[a.clone(), a.clone()], "ana")
        .unwrap_err();
    assert!(err.to_string().contains("supplied twice"), "{err}");
    let page = s.records(None, 1, false).unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].record.id, "c1");
    let page = s.records(Some("c1"), 10, false).unwrap();
    assert_eq!(page[0].record.id, "c2");
    assert!(s.verify_audit().unwrap().is_ok());
}

fn lists_register_and_diff(t: TestStore) {
    let s = &t.store;
    let v1 = un(vec![
        entity("KPi.001", "KIM JONG SIK", "DPRK"),
        entity("KPi.002", "RI SONG HYOK", "DPRK"),
        entity("KPi.003", "PAK HWA SONG", "DPRK"),
    ]);
    let r1 = s
        .register_lists(std::slice::from_ref(&v1), "system")
        .unwrap();
    assert_eq!(r1.datasets[0].added.len(), 3);
    assert!(r1.list_version.starts_with("un@"));
    let head = s.audit_head().unwrap();
    let again = s
        .register_lists(std::slice::from_ref(&v1), "system")
        .unwrap();
    assert_eq!(again.list_version, r1.list_version);
    assert!(again.added_or_changed().is_empty());
    assert_eq!(
        s.audit_head().unwrap(),
        head,
        "an unchanged list writes nothing"
    );

    let mut v2 = v1.clone();
    v2.entities.remove(2); // PAK HWA SONG delisted
    v2.entities[0].add_name("Kim Cho'ng-sik", NameKind::Alias); // changed
    v2.entities[1].remarks.push("not a matching field".into()); // not changed
    v2.entities
        .push(entity("KPi.004", "CHOE RYONG HAE", "DPRK")); // added
    let r2 = s.register_lists(&[v2], "system").unwrap();
    let d = &r2.datasets[0];
    assert_eq!(d.added, vec!["un:KPi.004"]);
    assert_eq!(d.changed, vec!["un:KPi.001"]);
    assert_eq!(d.removed, vec!["un:KPi.003"]);
    assert_eq!(
        d.previous.as_deref(),
        Some(r1.datasets[0].version_id.as_str())
    );
    assert_ne!(r2.list_version, r1.list_version);
    let (_, listed) = s.entity_fingerprint("un:KPi.003").unwrap().unwrap();
    assert!(!listed);
    // Another dataset loaded alone does not delist UN.
    let other = ListDocument {
        dataset: "ofac-sdn".into(),
        entities: vec![],
        ..Default::default()
    };
    let r3 = s.register_lists(&[other], "system").unwrap();
    assert_eq!(r3.datasets[0].removed.len(), 0);
    assert!(s.entity_fingerprint("un:KPi.001").unwrap().unwrap().1);
    assert!(s.verify_audit().unwrap().is_ok());
}

fn alerts_suppression_and_changes(t: TestStore) {
    let s = &t.store;
    s.set_four_eyes(false, "admin").unwrap();
    let mut list = un(vec![
        entity("KPi.001", "KIM JONG SIK", "DPRK"),
        entity("KPi.002", "RI SONG HYOK", "DPRK"),
    ]);
    let lv = s
        .register_lists(std::slice::from_ref(&list), "system")
        .unwrap()
        .list_version;
    s.upsert_records(&[person("c1", &["Kim Jong Sik"])], "ana")
        .unwrap();

    let out = run_with(s, &lv, &[("c1", &["un:KPi.001", "un:KPi.002"])]);
    assert_eq!(out.raised.len(), 2);
    let alerts = s.alerts(&AlertFilter::default()).unwrap();
    assert!(alerts
        .iter()
        .all(|a| a.reason == Reason::New && a.state == AlertState::Open));
    assert_eq!(alerts[0].list_version, lv);
    assert_eq!(alerts[0].engine_version, embargo_cases::ENGINE_VERSION);
    assert_eq!(
        alerts[0].config_hash,
        embargo_cases::config_hash(&MatchConfig::default())
    );
    assert!(!s.record("c1").unwrap().unwrap().pending);

    // The same hits again: nothing new.
    let out = run_with(s, &lv, &[("c1", &["un:KPi.001", "un:KPi.002"])]);
    assert_eq!((out.raised.len(), out.already_alerted), (0, 2));

    // Clear both as false positives: suppressed next time.
    for a in &alerts {
        let a = s
            .decide(a.id, Action::FalsePositive, "ana", "different person")
            .unwrap();
        assert_eq!(a.state, AlertState::Closed);
        assert_eq!(a.resolution, Some(Verdict::FalsePositive));
    }
    let out = run_with(s, &lv, &[("c1", &["un:KPi.001", "un:KPi.002"])]);
    assert_eq!((out.raised.len(), out.suppressed), (0, 2));

    // The entity gains an alias: alerts again, marked.
    list.entities[0].add_name("Kim Cho'ng-sik", NameKind::Alias);
    let lv2 = s
        .register_lists(std::slice::from_ref(&list), "system")
        .unwrap()
        .list_version;
    let out = run_with(s, &lv2, &[("c1", &["un:KPi.001", "un:KPi.002"])]);
    assert_eq!((out.raised.len(), out.suppressed), (1, 1));
    let a = s.alert(out.raised[0]).unwrap().unwrap();
    assert_eq!(
        (a.entity_id.as_str(), a.reason),
        ("un:KPi.001", Reason::EntityChanged)
    );
    assert_eq!(a.list_version, lv2);

    // A programme change counts too.
    list.entities[1].programs.push("DPRK2".into());
    let lv3 = s
        .register_lists(std::slice::from_ref(&list), "system")
        .unwrap()
        .list_version;
    let out = run_with(s, &lv3, &[("c1", &["un:KPi.001", "un:KPi.002"])]);
    assert_eq!(out.raised.len(), 1);
    let a = s.alert(out.raised[0]).unwrap().unwrap();
    assert_eq!(
        (a.entity_id.as_str(), a.reason),
        ("un:KPi.002", Reason::EntityChanged)
    );
    assert!(a.entity_programs.contains("DPRK2"));

    // The record changes: both pairs alert again, marked as record changes.
    for id in s
        .alerts(&AlertFilter {
            state: Some(AlertState::Open),
            ..Default::default()
        })
        .unwrap()
    {
        s.decide(id.id, Action::FalsePositive, "ana", "still not him")
            .unwrap();
    }
    let mut c1 = person("c1", &["Kim Jong Sik"]);
    c1.birth_dates
        .push(embargo_model::DateOfBirth::parse("1970").unwrap());
    assert_eq!(s.upsert_records(&[c1], "ana").unwrap().updated, 1);
    assert!(s.record("c1").unwrap().unwrap().pending);
    let out = run_with(s, &lv3, &[("c1", &["un:KPi.001", "un:KPi.002"])]);
    assert_eq!(out.raised.len(), 2);
    for id in out.raised {
        assert_eq!(s.alert(id).unwrap().unwrap().reason, Reason::RecordChanged);
    }

    // An unknown entity is an error, and nothing of the batch is written.
    let head = s.audit_head().unwrap();
    let config = MatchConfig::default();
    let run = s
        .begin_run(&NewRun {
            id: Some("r-x".into()),
            kind: RunKind::Delta,
            actor: "system",
            list_version: &lv3,
            config: &config,
        })
        .unwrap();
    let fp = s.record("c1").unwrap().unwrap().fingerprint;
    let err = s
        .record_results(
            &run.id,
            &[RecordResult {
                record_id: "c1".into(),
                record_fingerprint: fp,
                hits: vec![Candidate {
                    entity_id: "un:NOPE".into(),
                    caption: "x".into(),
                    score: 0.9,
                    explanation: serde_json::json!({}),
                }],
                near_misses: vec![],
            }],
        )
        .unwrap_err();
    assert!(err.to_string().contains("un:NOPE"), "{err}");
    assert_eq!(s.audit_head().unwrap().0, head.0 + 1, "only the run start");
    assert!(s.verify_audit().unwrap().is_ok());
}

fn four_eyes_decisions(t: TestStore) {
    let s = &t.store;
    assert!(s.four_eyes().unwrap());
    let lv = s
        .register_lists(
            &[un(vec![entity("KPi.001", "KIM JONG SIK", "DPRK")])],
            "system",
        )
        .unwrap()
        .list_version;
    s.upsert_records(
        &[
            person("c1", &["Kim Jong Sik"]),
            person("c2", &["Kim Jong Sik"]),
        ],
        "ana",
    )
    .unwrap();
    let out = run_with(s, &lv, &[("c1", &["un:KPi.001"]), ("c2", &["un:KPi.001"])]);
    let (a1, a2) = (out.raised[0], out.raised[1]);

    let a = s
        .decide(a1, Action::FalsePositive, "ana", "namesake")
        .unwrap();
    assert_eq!(a.state, AlertState::FalsePositive);
    assert_eq!(a.proposed_by.as_deref(), Some("ana"));
    let err = s.decide(a1, Action::Confirm, "ana", "").unwrap_err();
    assert!(err.to_string().contains("four eyes"), "{err}");
    let err = s.decide(a1, Action::FalsePositive, "ana", "").unwrap_err();
    assert!(err.to_string().contains("alert"), "{err}");
    let a = s.decide(a1, Action::Confirm, "bob", "agreed").unwrap();
    assert_eq!(
        (a.state, a.resolution),
        (AlertState::Closed, Some(Verdict::FalsePositive))
    );
    assert!(s.decide(a1, Action::Escalate, "bob", "x").is_err());

    let a = s.decide(a2, Action::Escalate, "ana", "unsure").unwrap();
    assert_eq!(a.state, AlertState::Escalated);
    s.decide(a2, Action::TrueMatch, "sen", "same passport")
        .unwrap();
    let a = s
        .decide(a2, Action::Reject, "ana", "passport differs")
        .unwrap();
    assert_eq!(a.state, AlertState::Open);

    let d = s.decisions(a2).unwrap();
    let actions: Vec<Action> = d.iter().map(|d| d.action).collect();
    assert_eq!(
        actions,
        vec![Action::Escalate, Action::TrueMatch, Action::Reject]
    );
    assert_eq!(d[2].state_before, AlertState::TrueMatch);
    assert!(matches!(
        s.decide(999, Action::Escalate, "ana", "x"),
        Err(embargo_cases::Error::UnknownAlert(999))
    ));

    // The audit names the decisions of the alert and the setting change.
    let trail = s.audit_of(&format!("alert:{a2}")).unwrap();
    assert_eq!(trail.len(), 4, "raised + three decisions");
    s.set_four_eyes(false, "admin").unwrap();
    assert!(!s.four_eyes().unwrap());
    let settings = s.audit_of("settings").unwrap();
    assert!(settings[0].entry.contains("\"four_eyes\""));
    let a = s
        .decide(a2, Action::TrueMatch, "ana", "confirmed by documents")
        .unwrap();
    assert_eq!(
        (a.state, a.resolution),
        (AlertState::Closed, Some(Verdict::TrueMatch))
    );
    assert!(s.verify_audit().unwrap().is_ok());
}

fn delisting_flags_for_review(t: TestStore) {
    let s = &t.store;
    s.set_four_eyes(false, "admin").unwrap();
    let list = un(vec![
        entity("KPi.001", "KIM JONG SIK", "DPRK"),
        entity("KPi.002", "RI SONG HYOK", "DPRK"),
    ]);
    let lv = s
        .register_lists(std::slice::from_ref(&list), "system")
        .unwrap()
        .list_version;
    s.upsert_records(
        &[
            person("c1", &["a"]),
            person("c2", &["b"]),
            person("c3", &["c"]),
        ],
        "ana",
    )
    .unwrap();
    let out = run_with(
        s,
        &lv,
        &[
            ("c1", &["un:KPi.001"]),
            ("c2", &["un:KPi.001"]),
            ("c3", &["un:KPi.001", "un:KPi.002"]),
        ],
    );
    let [open, tm, fp, other] = out.raised[..] else {
        panic!("{out:?}")
    };
    s.decide(tm, Action::TrueMatch, "ana", "him").unwrap();
    s.decide(fp, Action::FalsePositive, "ana", "not him")
        .unwrap();

    let mut v2 = list.clone();
    v2.entities.remove(0);
    let r = s.register_lists(&[v2], "system").unwrap();
    assert_eq!(r.datasets[0].removed, vec!["un:KPi.001"]);
    assert_eq!(r.delisted_alerts, vec![open, tm]);
    let a = s.alert(open).unwrap().unwrap();
    assert_eq!(
        (a.state, a.state_before_delisting),
        (AlertState::Delisted, Some(AlertState::Open))
    );
    let a = s.alert(tm).unwrap().unwrap();
    assert_eq!(
        (a.state, a.state_before_delisting),
        (AlertState::Delisted, Some(AlertState::Closed))
    );
    assert_eq!(s.alert(fp).unwrap().unwrap().state, AlertState::Closed);
    assert_eq!(s.alert(other).unwrap().unwrap().state, AlertState::Open);
    assert_eq!(s.audit_of(&format!("alert:{tm}")).unwrap().len(), 3);
    // A delisted alert is reviewed like an open one.
    let a = s
        .decide(open, Action::FalsePositive, "ana", "delisted; was not him")
        .unwrap();
    assert_eq!(a.state, AlertState::Closed);
    let counts = s.alert_counts().unwrap();
    assert!(counts.contains(&(AlertState::Delisted, 1)), "{counts:?}");
    assert!(s.verify_audit().unwrap().is_ok());
}

fn replay_is_idempotent(t: TestStore) {
    let s = &t.store;
    let lv = s
        .register_lists(
            &[un(vec![entity("KPi.001", "KIM JONG SIK", "DPRK")])],
            "system",
        )
        .unwrap()
        .list_version;
    s.upsert_records(&[person("c1", &["Kim"]), person("c2", &["Lee"])], "ana")
        .unwrap();
    let config = MatchConfig::default();
    let new = NewRun {
        id: Some("run-fixed".into()),
        kind: RunKind::Import,
        actor: "system",
        list_version: &lv,
        config: &config,
    };
    let run = s.begin_run(&new).unwrap();
    assert_eq!(s.begin_run(&new).unwrap(), run, "same id: same run");
    let results: Vec<RecordResult> = ["c1", "c2"]
        .iter()
        .map(|id| RecordResult {
            record_id: id.to_string(),
            record_fingerprint: s.record(id).unwrap().unwrap().fingerprint,
            hits: if *id == "c1" {
                vec![Candidate {
                    entity_id: "un:KPi.001".into(),
                    caption: "KIM JONG SIK".into(),
                    score: 0.8,
                    explanation: serde_json::json!({"x": 1}),
                }]
            } else {
                vec![]
            },
            near_misses: vec![],
        })
        .collect();
    let first = s.record_results(&run.id, &results).unwrap();
    assert_eq!((first.raised.len(), first.screened), (1, 2));
    let head = s.audit_head().unwrap();
    let second = s.record_results(&run.id, &results).unwrap();
    assert_eq!((second.raised.len(), second.screened), (0, 0));
    assert_eq!(
        s.audit_head().unwrap(),
        head,
        "a replayed batch writes nothing"
    );
    let done = s.finish_run(&run.id).unwrap();
    assert_eq!((done.screened, done.raised), (2, 1));
    assert_eq!(s.finish_run(&run.id).unwrap().finished_at, done.finished_at);
    assert_eq!(s.alerts(&AlertFilter::default()).unwrap().len(), 1);

    // A record changed after it was screened stays pending; its stale result is ignored.
    let stale = results[1].clone();
    s.upsert_records(&[person("c2", &["Lee Min"])], "ana")
        .unwrap();
    let run2 = s
        .begin_run(&NewRun {
            id: None,
            ..new.clone()
        })
        .unwrap();
    let out = s.record_results(&run2.id, &[stale]).unwrap();
    assert_eq!(out.screened, 0);
    assert!(s.record("c2").unwrap().unwrap().pending);
    assert!(s.verify_audit().unwrap().is_ok());
}

fn audit_detects_tampering(t: TestStore) {
    let s = &t.store;
    let lv = s
        .register_lists(
            &[un(vec![entity("KPi.001", "KIM JONG SIK", "DPRK")])],
            "system",
        )
        .unwrap()
        .list_version;
    s.upsert_records(&[person("c1", &["Kim"])], "ana").unwrap();
    let out = run_with(s, &lv, &[("c1", &["un:KPi.001"])]);
    s.decide(out.raised[0], Action::Escalate, "ana", "check")
        .unwrap();
    let report = s.verify_audit().unwrap();
    assert!(report.is_ok(), "{report:?}");
    let n = report.last_seq;
    assert!(n >= 6, "{report:?}");

    let mut exported = Vec::new();
    s.export_audit(|e| {
        exported.push(e.export().unwrap());
        Ok(())
    })
    .unwrap();
    assert_eq!(exported.len() as i64, n);
    assert_eq!(exported.last().unwrap().kind, "decision");
    assert_eq!(exported.last().unwrap().hash, report.head_hash);

    // Edit the decision's comment.
    t.raw(&format!(
        "UPDATE audit_log SET entry = REPLACE(entry, 'check', 'fine') WHERE seq = {n}"
    ));
    let r = s.verify_audit().unwrap();
    assert_eq!(r.problems.len(), 1, "{r:?}");
    assert_eq!(r.problems[0].seq, Some(n));
    assert!(r.problems[0].message.contains("edited"));
    t.raw(&format!(
        "UPDATE audit_log SET entry = REPLACE(entry, 'fine', 'check') WHERE seq = {n}"
    ));
    assert!(s.verify_audit().unwrap().is_ok());

    // Delete an entry in the middle.
    t.raw("DELETE FROM audit_log WHERE seq = 2");
    let r = s.verify_audit().unwrap();
    assert!(
        r.problems
            .iter()
            .any(|p| p.seq == Some(3) && p.message.contains("entry 2 is missing")),
        "{r:?}"
    );

    // Delete the last entry.
    t.raw(&format!("DELETE FROM audit_log WHERE seq = {n}"));
    let r = s.verify_audit().unwrap();
    assert!(r.problems.iter().any(|p| p.seq.is_none()), "{r:?}");
}

/// Near misses are stored with the alerts of the same results, in the same transaction, and
/// the continuous-screening state goes from pending to finished with the run.
fn near_misses_and_continuous_state(t: TestStore) {
    use embargo_cases::{NearMiss, PendingRescreen};
    let s = &t.store;
    let lv = s
        .register_lists(
            &[un(vec![
                entity("KPi.001", "KIM JONG SIK", "DPRK"),
                entity("KPi.002", "KIM JONG SU", "DPRK"),
                entity("KPi.003", "KIM JONG SOK", "DPRK"),
            ])],
            "system",
        )
        .unwrap();
    s.upsert_records(
        &[person("c1", &["Kim Jong Sik"]), person("c2", &["Lee"])],
        "ana",
    )
    .unwrap();
    let state = s.continuous_state().unwrap();
    assert!(state.versions.is_empty() && state.pending.is_none() && state.config_hash.is_none());
    let pending = PendingRescreen {
        run_id: "full-1".into(),
        kind: RunKind::Full,
        versions: lv
            .datasets
            .iter()
            .map(|d| (d.dataset.clone(), d.version_id.clone()))
            .collect(),
        config_hash: embargo_cases::config_hash(&MatchConfig::default()),
        screen_against: vec![],
        removed: vec![],
    };
    s.begin_rescreen(&pending).unwrap();
    assert_eq!(
        s.continuous_state().unwrap().pending.as_ref(),
        Some(&pending)
    );
    let config = MatchConfig::default();
    let run = s
        .begin_run(&NewRun {
            id: Some("full-1".into()),
            kind: RunKind::Full,
            actor: "system",
            list_version: &lv.list_version,
            config: &config,
        })
        .unwrap();
    let near = |e: &str, score: f64| NearMiss {
        entity_id: e.into(),
        score,
    };
    let result = |id: &str, hits: &[&str], near_misses: Vec<NearMiss>| RecordResult {
        record_id: id.into(),
        record_fingerprint: s.record(id).unwrap().unwrap().fingerprint,
        hits: hits
            .iter()
            .map(|e| Candidate {
                entity_id: e.to_string(),
                caption: "x".into(),
                score: 0.9,
                explanation: serde_json::json!({}),
            })
            .collect(),
        near_misses,
    };

    // A batch that fails (an alert on an unregistered entity) writes no near miss either.
    let err = s
        .record_results(
            &run.id,
            &[
                result("c2", &[], vec![near("un:KPi.003", 0.55)]),
                result("c1", &["un:NOPE"], vec![near("un:KPi.002", 0.6)]),
            ],
        )
        .unwrap_err();
    assert!(err.to_string().contains("un:NOPE"), "{err}");
    assert!(s.near_misses().unwrap().is_empty());

    let out = s
        .record_results(
            &run.id,
            &[result(
                "c1",
                &["un:KPi.001"],
                vec![near("un:KPi.002", 0.6), near("un:KPi.003", 0.55)],
            )],
        )
        .unwrap();
    assert_eq!(out.raised.len(), 1);
    assert_eq!(
        s.near_misses_of("c1").unwrap(),
        vec![
            ("un:KPi.002".to_string(), 0.6),
            ("un:KPi.003".to_string(), 0.55)
        ]
    );
    // A later screening of the record replaces them.
    let run2 = s
        .begin_run(&NewRun {
            id: None,
            kind: RunKind::Import,
            actor: "system",
            list_version: &lv.list_version,
            config: &config,
        })
        .unwrap();
    s.record_results(
        &run2.id,
        &[result(
            "c1",
            &["un:KPi.001"],
            vec![near("un:KPi.003", 0.52)],
        )],
    )
    .unwrap();
    let all = s.near_misses().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all["c1"], vec![("un:KPi.003".to_string(), 0.52)]);

    // Finishing the pending re-screening clears it and records its versions, once.
    let done = s.finish_rescreen("full-1").unwrap();
    assert!(done.finished_at.is_some());
    let state = s.continuous_state().unwrap();
    assert_eq!(state.pending, None);
    assert_eq!(state.versions, pending.versions);
    assert_eq!(state.config_hash.as_ref(), Some(&pending.config_hash));
    let head = s.audit_head().unwrap();
    assert_eq!(s.finish_rescreen("full-1").unwrap(), done);
    assert_eq!(s.audit_head().unwrap(), head);
    assert!(s.verify_audit().unwrap().is_ok());
}

on_both_backends!(
    near_misses_and_continuous_state,
    records_upsert,
    lists_register_and_diff,
    alerts_suppression_and_changes,
    four_eyes_decisions,
    delisting_flags_for_review,
    replay_is_idempotent,
    audit_detects_tampering,
);
