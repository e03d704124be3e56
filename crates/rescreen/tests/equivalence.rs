//! The delta run finds exactly the alerts a full re-run newly finds: same pairs, same scores.
//!
//! Fixtures are made here, deterministically: a list of ~120 people whose names share tokens (so
//! that token statistics matter, as on real lists, and an update shifts them), an update that
//! adds, changes and removes entities, and customer records that are listed names, their variants
//! and unrelated names. The same check on the real lists (OFAC 2019 → 2021) is in the benchmark.

use embargo_matcher::prepared::PreparedName;
use embargo_matcher::retrieval::Retrieval;
use embargo_matcher::score::PreparedQuery;
use embargo_matcher::token_similarity::token_similarity;
use embargo_matcher::{Index, MatchConfig, Query};
use embargo_model::{DateOfBirth, Entity, EntityId, NameKind, PartialDate, Schema};
use embargo_rescreen::generate::{variant, CustomerRow, SplitMix64, Variation};
use embargo_rescreen::{
    newly_found, screen_full, DeltaIndex, EntityDelta, PreparedRecords, Prior, Results,
};
use std::collections::{BTreeMap, HashSet};

const GIVEN: &[&str] = &[
    "Mohammed", "Ali", "Hassan", "Ahmad", "Omar", "Yusuf", "Ibrahim", "Khalid", "Abdul", "Karim",
    "Vladimir", "Sergei", "Ivan", "Dmitri", "Olga", "Jong", "Chol", "Wei", "Mei", "Fatima",
];
const FAMILY: &[&str] = &[
    "Rahman",
    "Hussein",
    "Makhlouf",
    "Petrov",
    "Ivanov",
    "Kim",
    "Pak",
    "Zhang",
    "Haddad",
    "Nasser",
    "Sokolov",
    "Al-Tikriti",
    "Qasim",
    "Barzani",
    "Salek",
    "Shihata",
    "Rostami",
    "Kuznetsov",
];

fn person(rng: &mut SplitMix64, i: usize) -> Entity {
    let id = format!("P{i:04}");
    let mut e = Entity::new(EntityId::new("fx", &id), Schema::Person, "fx", &id);
    let n = 2 + rng.below(2);
    let mut tokens: Vec<&str> = (0..n - 1).map(|_| GIVEN[rng.below(GIVEN.len())]).collect();
    tokens.push(FAMILY[rng.below(FAMILY.len())]);
    e.add_name(&tokens.join(" "), NameKind::Primary);
    if rng.below(3) == 0 {
        let alias = format!("{} {}", GIVEN[rng.below(GIVEN.len())], tokens[n - 1]);
        e.add_name(&alias, NameKind::Alias);
    }
    if rng.below(2) == 0 {
        let y = 1950 + rng.below(40) as u16;
        e.birth_dates
            .push(DateOfBirth::exact(PartialDate::new(y, None, None).unwrap()));
    }
    e.programs.push("FX1".into());
    e
}

struct Fixture {
    old: Vec<Entity>,
    new: Vec<Entity>,
    records: Vec<Query>,
}

fn fixture(seed: u64) -> Fixture {
    let mut rng = SplitMix64::new(seed);
    let old: Vec<Entity> = (0..120).map(|i| person(&mut rng, i)).collect();
    let mut new = old.clone();
    // Removed, changed (a new alias, a birth date, a programme only), added.
    new.retain(|e| !["fx:P0003", "fx:P0017", "fx:P0050"].contains(&e.id.as_str()));
    for (k, e) in new.iter_mut().enumerate().filter(|(k, _)| k % 13 == 5) {
        match k % 3 {
            0 => {
                let alias = format!("{} {}", GIVEN[k % GIVEN.len()], FAMILY[k % FAMILY.len()]);
                e.add_name(&alias, NameKind::Alias);
            }
            1 => e.birth_dates.push(DateOfBirth::exact(
                PartialDate::new(1977, None, None).unwrap(),
            )),
            _ => e.programs.push("FX2".into()),
        }
    }
    new.extend((200..240).map(|i| person(&mut rng, i)));
    // Drift: the update makes "Abdul" common, so that a customer whose name holds it beside a
    // listed name ("Abdul Ivan Petrov" / "Ivan Petrov") loses less on it than before.
    for e in new.iter_mut().skip(100) {
        let name = format!("Abdul {}", e.caption());
        e.add_name(&name, NameKind::Alias);
    }
    // Records: listed names (old and new) as customers write them, and unrelated people.
    let mut records = Vec::new();
    let mut push = |rng: &mut SplitMix64, name: &str, dob: &str| {
        let base = CustomerRow {
            id: String::new(),
            full_name: name.to_string(),
            date_of_birth: dob.to_string(),
            ..Default::default()
        };
        let id = format!("r{:04}", records.len());
        let v = [
            Variation::Duplicate,
            Variation::Reordered,
            Variation::Typo,
            Variation::Shortened,
        ][rng.below(4)];
        let row = variant(&base, v, &id, rng);
        let mut q = Query::name(row.full_name);
        q.id = Some(row.id);
        q.schema = Some(Schema::Person);
        if let Ok(d) = DateOfBirth::parse(&row.date_of_birth) {
            q.birth_dates.push(d);
        }
        records.push(q);
    };
    for e in old.iter().chain(&new).step_by(2) {
        let dob = e
            .birth_dates
            .first()
            .map(|d| d.to_string())
            .unwrap_or_default();
        push(&mut rng, e.caption(), &dob);
    }
    for e in old.iter().step_by(3) {
        push(&mut rng, &format!("Abdul {}", e.caption()), "");
    }
    for _ in 0..150 {
        let name = format!(
            "{} {}",
            GIVEN[rng.below(GIVEN.len())],
            FAMILY[rng.below(FAMILY.len())]
        );
        push(&mut rng, &name, "");
    }
    Fixture { old, new, records }
}

/// Pair → score, for comparing alert sets with their scores.
fn scored<'a>(
    fs: impl IntoIterator<Item = &'a embargo_rescreen::Finding>,
) -> BTreeMap<(String, String), f64> {
    fs.into_iter()
        .map(|f| ((f.record.clone(), f.hit.id.clone()), f.hit.score))
        .collect()
}

fn check(seed: u64, config: &MatchConfig) -> embargo_rescreen::DeltaCounts {
    let fx = fixture(seed);
    let old = Index::from_entities(fx.old.clone());
    let new = Index::from_entities(fx.new.clone());
    let prior = Prior::from_results(&screen_full(&old, &fx.records, config));
    let full_new: Results = screen_full(&new, &fx.records, config);
    let expected = scored(newly_found(&prior, &full_new));
    let delta = EntityDelta::between(&fx.old, &fx.new);
    let none = PreparedRecords::default();
    let outcome =
        DeltaIndex::new(&new, &delta).run(&fx.records, &HashSet::new(), &prior, &none, config);
    let got = scored(&outcome.new_alerts);
    // Records prepared against the old version's statistics and re-weighted: the same.
    let cached = PreparedRecords::build(&fx.records, &old);
    let again =
        DeltaIndex::new(&new, &delta).run(&fx.records, &HashSet::new(), &prior, &cached, config);
    assert_eq!(
        scored(&again.new_alerts),
        got,
        "seed {seed}: prepared records differ"
    );
    assert_eq!(got, expected, "seed {seed}: delta run ≠ full re-run");
    assert_eq!(outcome.results.truncated + full_new.truncated, 0);
    // Delisted: exactly the prior alerts on removed entities.
    let removed: HashSet<&str> = delta.removed.iter().map(String::as_str).collect();
    let want: Vec<_> = {
        let mut v: Vec<_> = prior
            .alerts
            .iter()
            .filter(|p| removed.contains(p.entity.as_str()))
            .cloned()
            .collect();
        v.sort();
        v
    };
    assert_eq!(outcome.delisted, want);
    outcome.counts
}

#[test]
fn delta_equals_full_rerun() {
    let config = MatchConfig::default();
    let mut drift = 0;
    let mut new_alerts = 0;
    let mut delisted = 0;
    for seed in 0..16 {
        let c = check(seed, &config);
        drift += c.new_alerts_from_drift;
        new_alerts += c.new_alerts;
        delisted += c.delisted;
    }
    // The fixture exercises every path, or the equality above proves little.
    assert!(new_alerts > 20, "{new_alerts} new alerts");
    assert!(delisted > 0, "no delisted alert");
    assert!(drift > 0, "no alert found by drift alone");
}

#[test]
fn without_the_near_misses_drift_is_missed() {
    // The drift step is what makes the equality hold: forget the near misses and it fails.
    let config = MatchConfig::default();
    let mut missed = 0;
    for seed in 0..16 {
        let fx = fixture(seed);
        let old = Index::from_entities(fx.old.clone());
        let new = Index::from_entities(fx.new.clone());
        let mut prior = Prior::from_results(&screen_full(&old, &fx.records, &config));
        let expected = scored(newly_found(
            &prior,
            &screen_full(&new, &fx.records, &config),
        ));
        prior.near_misses.clear();
        let delta = EntityDelta::between(&fx.old, &fx.new);
        let outcome = DeltaIndex::new(&new, &delta).run(
            &fx.records,
            &HashSet::new(),
            &prior,
            &PreparedRecords::default(),
            &config,
        );
        let got = scored(&outcome.new_alerts);
        assert!(got.keys().all(|k| expected.contains_key(k)));
        missed += expected.len() - got.len();
    }
    assert!(missed > 0);
}

#[test]
fn delta_equals_full_rerun_at_other_thresholds() {
    for t in [0.6, 0.8] {
        let config = MatchConfig {
            threshold: t,
            ..Default::default()
        };
        for seed in 10..13 {
            check(seed, &config);
        }
    }
}

#[test]
fn changed_records_are_screened_against_everything() {
    let config = MatchConfig::default();
    let fx = fixture(3);
    let old = Index::from_entities(fx.old.clone());
    let new = Index::from_entities(fx.new.clone());
    let prior = Prior::from_results(&screen_full(&old, &fx.records, &config));
    // Records re-supplied with another name: now an unchanged listed person's.
    let mut records = fx.records.clone();
    let unchanged = fx
        .old
        .iter()
        .find(|e| fx.new.contains(e))
        .expect("an unchanged entity");
    let mut changed = HashSet::new();
    for q in records.iter_mut().skip(7).step_by(40) {
        q.names = vec![unchanged.caption().to_string()];
        q.birth_dates.clear();
        changed.insert(q.id.clone().unwrap());
    }
    let full_new = screen_full(&new, &records, &config);
    let expected = scored(newly_found(&prior, &full_new));
    let delta = EntityDelta::between(&fx.old, &fx.new);
    let outcome = DeltaIndex::new(&new, &delta).run(
        &records,
        &changed,
        &prior,
        &PreparedRecords::build(&fx.records, &old),
        &config,
    );
    assert_eq!(scored(&outcome.new_alerts), expected);
    assert_eq!(outcome.counts.changed_records, changed.len());
    assert!(outcome
        .new_alerts
        .iter()
        .any(|f| changed.contains(&f.record) && f.hit.id == unchanged.id.as_str()));
}

#[test]
fn consecutive_updates_stay_equal_to_full_reruns() {
    let config = MatchConfig::default();
    let fx = fixture(4);
    let v1 = Index::from_entities(fx.old.clone());
    let mut prior = Prior::from_results(&screen_full(&v1, &fx.records, &config));
    // v2 = the fixture's new version; v3 = v2 with a few more entities changed.
    let mut v3_entities = fx.new.clone();
    for e in v3_entities.iter_mut().step_by(11) {
        e.add_name(&format!("{} Rahman", e.caption()), NameKind::Alias);
    }
    let mut full_prior = prior.clone();
    for (prev, next) in [(&fx.old, &fx.new), (&fx.new, &v3_entities)] {
        let index = Index::from_entities(next.clone());
        let full = screen_full(&index, &fx.records, &config);
        let expected = scored(newly_found(&full_prior, &full));
        let delta = EntityDelta::between(prev, next);
        let none = HashSet::new();
        let outcome = DeltaIndex::new(&index, &delta).run(
            &fx.records,
            &none,
            &prior,
            &PreparedRecords::default(),
            &config,
        );
        assert_eq!(scored(&outcome.new_alerts), expected);
        outcome.apply_to(&mut prior, &delta, &none);
        full_prior.absorb(&full);
        // The refreshed state holds the same alerts a full run leaves.
        assert_eq!(prior.alerts, full_prior.alerts);
    }
}

#[test]
fn an_empty_update_raises_nothing() {
    let config = MatchConfig::default();
    let fx = fixture(5);
    let index = Index::from_entities(fx.new.clone());
    let prior = Prior::from_results(&screen_full(&index, &fx.records, &config));
    let delta = EntityDelta::between(&fx.new, &fx.new);
    assert!(delta.screen_against.is_empty() && delta.removed.is_empty());
    let outcome = DeltaIndex::new(&index, &delta).run(
        &fx.records,
        &HashSet::new(),
        &prior,
        &PreparedRecords::default(),
        &config,
    );
    assert!(outcome.new_alerts.is_empty());
    assert_eq!(outcome.counts.records_retrieving, 0);
}

#[test]
fn retrieval_equals_the_matchers() {
    // The delta run retrieves with the matcher's `Retrieval` over the delta's entities, with
    // their names prepared against the full index's statistics: a small index over the same
    // entities, asked for every candidate, must return the same ones for every record.
    let everything = MatchConfig {
        min_score: f64::NEG_INFINITY,
        limit: 100_000,
        ..Default::default()
    };
    let mut retrieved = 0;
    for seed in 0..3 {
        let fx = fixture(seed);
        let entities: Vec<&Entity> = fx.new.iter().step_by(3).collect();
        let small = Index::from_entities(entities.iter().map(|e| (*e).clone()).collect());
        let names: Vec<Vec<PreparedName>> = entities
            .iter()
            .map(|e| {
                e.names
                    .iter()
                    .map(|n| PreparedName::new(&n.value, n.kind, Some(e.schema), small.stats()))
                    .collect()
            })
            .collect();
        let r = Retrieval::new(entities.iter().copied(), &names);
        for q in &fx.records {
            let pq = PreparedQuery::new(q, small.stats());
            let mut ours: Vec<usize> = r
                .candidates(&pq, &mut |a, b| token_similarity(a, b).0)
                .into_iter()
                .map(|c| c as usize)
                .collect();
            ours.retain(|&c| {
                q.schema
                    .is_none_or(|s| entities[c].schema.compatible_with(s))
            });
            let mut theirs: Vec<usize> = small
                .search(q, &everything)
                .iter()
                .map(|h| h.entity)
                .collect();
            theirs.sort_unstable();
            assert_eq!(ours, theirs, "{:?}", q.names);
            retrieved += ours.len();
        }
    }
    assert!(retrieved > 100);
}
