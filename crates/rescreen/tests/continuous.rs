//! `continuous::rescreen` against a SQLite case store: when a delta run is allowed. The near
//! misses it re-scores must have been computed against the store's previous list versions *and*
//! with the same matching configuration (threshold and `min_score` decide what a near miss is);
//! otherwise the run is a full one, and says why.

use embargo_cases::{BlockingStore, Record, StoreUrl};
use embargo_matcher::MatchConfig;
use embargo_model::{Entity, EntityId, ListDocument, NameKind, Schema};
use embargo_rescreen::continuous::{rescreen, Options};

fn person(id: &str, name: &str) -> Entity {
    let mut e = Entity::new(EntityId::new("fx", id), Schema::Person, "fx", id);
    e.add_name(name, NameKind::Primary);
    e
}

fn list(entities: Vec<Entity>) -> ListDocument {
    ListDocument {
        dataset: "fx".into(),
        entities,
        ..Default::default()
    }
}

fn record(id: &str, name: &str) -> Record {
    Record {
        id: id.into(),
        schema: Some(Schema::Person),
        names: vec![name.into()],
        birth_dates: vec![],
        countries: vec![],
        gender: None,
        identifiers: vec![],
    }
}

fn opts(min_score: f64) -> Options {
    Options {
        config: MatchConfig {
            min_score,
            ..Default::default()
        },
        actor: "tester".into(),
        full: false,
        batch: 10,
    }
}

#[test]
fn delta_only_with_the_same_versions_basis_and_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let url: StoreUrl = format!("sqlite://{}", dir.path().join("cases.db").display())
        .parse()
        .unwrap();
    let store = BlockingStore::open(&url).unwrap();
    store
        .upsert_records(
            &[
                record("c1", "Ivan Petrov"),
                record("c2", "Anna Smirnova"),
                record("c3", "Maria Lopez"),
            ],
            "tester",
        )
        .unwrap();
    let mut entities = vec![person("p1", "Ivan PETROV"), person("p2", "Olga SMIRNOVA")];
    let r = rescreen(&store, &[list(entities.clone())], &opts(0.5)).unwrap();
    assert_eq!(r.kind, "full");
    assert_eq!(
        r.full_because.as_deref(),
        Some("no earlier re-screening in the store")
    );
    let state = store.continuous_state().unwrap();
    assert_eq!(state.versions.len(), 1);
    assert!(state.pending.is_none());

    // Same configuration, a new version: a delta run.
    entities.push(person("p3", "Anna SMIRNOVA"));
    let r = rescreen(&store, &[list(entities.clone())], &opts(0.5)).unwrap();
    assert_eq!(r.kind, "delta", "{r:?}");
    assert_eq!(r.delta_entities, 1);
    assert_eq!(r.raised, 1, "c2 × p3: {r:?}");

    // Another min_score: the stored near misses do not hold what it would keep.
    entities.push(person("p4", "Maria LOPEZ"));
    let r = rescreen(&store, &[list(entities.clone())], &opts(0.4)).unwrap();
    assert_eq!(r.kind, "full", "{r:?}");
    assert!(
        r.full_because.as_deref().unwrap().contains("configuration"),
        "{r:?}"
    );
    assert_eq!(r.raised, 1, "c3 × p4: {r:?}");

    // Back in step with that configuration: delta again.
    entities.push(person("p5", "Pavel IVANOV"));
    let r = rescreen(&store, &[list(entities)], &opts(0.4)).unwrap();
    assert_eq!(r.kind, "delta", "{r:?}");
    assert!(store.verify_audit().unwrap().is_ok());
}
