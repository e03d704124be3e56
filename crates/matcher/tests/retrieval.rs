//! Candidate retrieval never loses recall to speed: on the eval queries, indexed search returns
//! the same hits at or above the threshold as scoring every entity.

mod common;

use common::{data_dir, eval_queries};
use embargo_matcher::prepared::{PToken, PreparedName};
use embargo_matcher::retrieval::Retrieval;
use embargo_matcher::score::PreparedQuery;
use embargo_matcher::token_similarity::token_similarity;
use embargo_matcher::{Index, MatchConfig, Query, TokenStats};
use embargo_model::{Entity, EntityId, NameKind, Schema};
use embargo_sources::Format;
use rayon::prelude::*;

fn person(id: &str, names: &[&str]) -> Entity {
    let mut e = Entity::new(EntityId(id.into()), Schema::Person, "test", id);
    for (i, n) in names.iter().enumerate() {
        e.add_name(
            n,
            if i == 0 {
                NameKind::Primary
            } else {
                NameKind::Alias
            },
        );
    }
    e
}

/// Compare indexed and exhaustive search on `queries`; return the mismatches.
fn mismatches(index: &Index, queries: &[Query], config: &MatchConfig) -> Vec<String> {
    queries
        .par_iter()
        .filter_map(|q| {
            let fast: Vec<(String, f64)> = index
                .search(q, config)
                .into_iter()
                .filter(|h| h.is_match)
                .map(|h| (h.id, h.score))
                .collect();
            let slow: Vec<(String, f64)> = index
                .search_exhaustive(q, config)
                .into_iter()
                .filter(|h| h.is_match)
                .map(|h| (h.id, h.score))
                .collect();
            (fast != slow)
                .then(|| format!("{:?}: indexed {fast:?} vs exhaustive {slow:?}", q.names))
        })
        .collect()
}

#[test]
fn every_token_misspelt_still_found() {
    let index = Index::from_entities(vec![
        person("a", &["Vladimir Vladimirovich PUTIN"]),
        person("b", &["KIM Jong Un"]),
        person("c", &["Abdul Rahman Makhlouf"]),
    ]);
    let config = MatchConfig::default();
    for (query, id) in [
        ("Vladimri Vladimirovitch Poutin", "a"),
        ("Abdoul Rahmann Makhluf", "c"),
        ("Kym Jong Unn", "b"),
    ] {
        let hits = index.search(&Query::name(query), &config);
        assert_eq!(
            hits.first().map(|h| h.id.as_str()),
            Some(id),
            "{query}: {hits:?}"
        );
    }
}

#[test]
#[ignore = "real data"]
fn indexed_equals_exhaustive_on_eval_queries() {
    let d = data_dir();
    let config = MatchConfig::default();
    let un = embargo_sources::read_list(
        &d.join("lists/un/consolidated-2026-02-27.xml"),
        Some(Format::UnXml),
    )
    .expect("UN list");
    let index = Index::build(&[un]);
    let queries = eval_queries(&d, |q| q.into_iter().take(300).collect());
    let bad = mismatches(&index, &queries, &config);
    assert!(
        bad.is_empty(),
        "{} of {} queries differ:\n{}",
        bad.len(),
        queries.len(),
        bad.join("\n")
    );

    let sdn =
        embargo_sources::read_list(&d.join("lists/ofac-sdn/2024-05-03"), Some(Format::OfacCsv))
            .expect("OFAC list");
    let index = Index::build(&[sdn]);
    let sample: Vec<Query> = queries.iter().step_by(40).cloned().collect();
    let bad = mismatches(&index, &sample, &config);
    assert!(
        bad.is_empty(),
        "{} of {} queries differ against OFAC:\n{}",
        bad.len(),
        sample.len(),
        bad.join("\n")
    );
}

/// The transliteration sets, screened: each set's Latin names (every `stride`-th pair) listed as
/// persons, each native name a query. A native query meets its Latin spelling through the
/// cross-script model or as runs of Latin words (Hangul), the retrieval paths the eval
/// queries (mostly Latin) exercise least.
///
/// Indexed search must never return a hit or a score that scoring every entity does not. It
/// does still miss some: the model finds spellings that share no retrieval key with the
/// query's romanisation ("Eugster" for يوجسير, "Richter" for 리히터). Those are counted, per set:
/// the query's own listed name missed ("own"), and any hit at the threshold missed ("hits");
/// the test fails when either grows past the figures measured when this test was written, so
/// a retrieval change can only narrow the gap (tighten the figures when it does).
#[test]
#[ignore = "real data"]
fn indexed_search_on_transliteration_sets() {
    let d = data_dir().join("eval/transliteration");
    let config = MatchConfig::default();
    // (file, stride, most own names missed, most hits missed).
    let sets = [
        ("korean-full-names.tsv", 30, 24, 45),
        ("words-korean.tsv", 5, 59, 376),
        ("words-arabic.tsv", 8, 50, 114),
        ("words-hebrew.tsv", 6, 52, 127),
        ("words-russian.tsv", 20, 52, 202),
        ("words-katakana.tsv", 12, 57, 268),
        ("words-chinese.tsv", 8, 0, 0),
    ];
    let mut failures = Vec::new();
    for (file, stride, most_own, most_hits) in sets {
        let text = std::fs::read_to_string(d.join(file)).expect(file);
        let pairs: Vec<(String, String)> = text
            .lines()
            .step_by(stride)
            .filter_map(|l| {
                let mut f = l.split('\t');
                let latin = f.next()?.trim();
                // Word sets write a native word's syllables apart ("카 위 트"): one word.
                let native: String = f
                    .next()?
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(if file.starts_with("words-") { "" } else { " " });
                (!latin.is_empty() && !native.is_empty()).then(|| (latin.to_string(), native))
            })
            .collect();
        let entities: Vec<Entity> = pairs
            .iter()
            .enumerate()
            .map(|(i, (latin, _))| person(&format!("t:{i}"), &[latin.as_str()]))
            .collect();
        let index = Index::from_entities(entities);
        let counts: Vec<(usize, usize, usize, Vec<String>)> = pairs
            .par_iter()
            .enumerate()
            .map(|(i, (_, native))| {
                let q = Query::name(native.as_str());
                let hits = |h: Vec<embargo_matcher::Hit>| -> Vec<(String, f64)> {
                    h.into_iter()
                        .filter(|h| h.is_match)
                        .map(|h| (h.id, h.score))
                        .collect()
                };
                let fast = hits(index.search(&q, &config));
                let slow = hits(index.search_exhaustive(&q, &config));
                let own = format!("t:{i}");
                let missed: Vec<&(String, f64)> =
                    slow.iter().filter(|h| !fast.contains(h)).collect();
                let extra: Vec<String> = fast
                    .iter()
                    .filter(|h| !slow.contains(h))
                    .map(|h| format!("{native}: indexed {h:?} not in exhaustive {slow:?}"))
                    .collect();
                let own_missed = usize::from(missed.iter().any(|h| h.0 == own));
                (own_missed, missed.len(), slow.len(), extra)
            })
            .collect();
        let own: usize = counts.iter().map(|c| c.0).sum();
        let missed: usize = counts.iter().map(|c| c.1).sum();
        let all: usize = counts.iter().map(|c| c.2).sum();
        println!(
            "{file}: {} queries, {own} own names missed, {missed} of {all} hits missed",
            pairs.len()
        );
        failures.extend(counts.into_iter().flat_map(|c| c.3));
        if own > most_own || missed > most_hits {
            failures.push(format!(
                "{file}: {own} own names missed (at most {most_own}), {missed} hits (at most {most_hits})"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A native query token meets its listed spelling as a run of Latin words, each of which alone
/// may be far from the query's own transliteration ("jong" "un" for 정은, "song" for 성): the
/// run's pieces must still retrieve the entity, and every hit found by scoring every entity is
/// found by indexed search, with the same score.
#[test]
fn native_runs_found_through_their_pieces() {
    let index = Index::from_entities(vec![
        person("kju", &["KIM Jong Un"]),
        person("jze", &["JIN Zheng En"]),
        person("psj", &["PAK Song Jin"]),
        person("x1", &["KIMBALL Jones"]),
        person("x2", &["JONGE Unger"]),
        person("x3", &["Zhengzhou Enping"]),
        person("x4", &["PARKS Jinny"]),
    ]);
    let config = MatchConfig::default();
    for (query, id) in [
        ("김정은", "kju"),
        ("金正恩", "jze"),
        ("박성진", "psj"),
        ("정은 김", "kju"),
    ] {
        let q = Query::name(query);
        let hits: Vec<(String, f64)> = index
            .search(&q, &config)
            .into_iter()
            .map(|h| (h.id, h.score))
            .collect();
        let all: Vec<(String, f64)> = index
            .search_exhaustive(&q, &config)
            .into_iter()
            .map(|h| (h.id, h.score))
            .collect();
        assert_eq!(hits, all, "{query}: indexed vs exhaustive");
        assert_eq!(
            hits.first().map(|h| h.0.as_str()),
            Some(id),
            "{query}: {hits:?}"
        );
    }
}

/// A Han query token meets its listed spellings through the readings of its characters, which
/// may share no letter with its pinyin (吴 "Ng", 李 "Rhee"), and its syllables written as one
/// Latin word ("Xiaoming" for 小明): those are looked up, and nothing found only by shared
/// trigrams is kept unless it could be a merged piece.
#[test]
fn han_tokens_found_through_their_readings() {
    let index = Index::from_entities(vec![
        person("ng", &["NG"]),
        person("rhee", &["RHEE"]),
        person("xm", &["XIAOMING"]),
        person("x1", &["WUNG"]),
        person("x2", &["LIANG"]),
        person("x3", &["MINGO"]),
    ]);
    let config = MatchConfig::default();
    for (query, id) in [("吳", "ng"), ("李", "rhee"), ("小明", "xm")] {
        let q = Query::name(query);
        let hits: Vec<(String, f64)> = index
            .search(&q, &config)
            .into_iter()
            .map(|h| (h.id, h.score))
            .collect();
        let all: Vec<(String, f64)> = index
            .search_exhaustive(&q, &config)
            .into_iter()
            .map(|h| (h.id, h.score))
            .collect();
        assert_eq!(hits, all, "{query}: indexed vs exhaustive");
        assert_eq!(
            hits.first().map(|h| h.0.as_str()),
            Some(id),
            "{query}: {hits:?}"
        );
    }
}

/// One given name in two languages ("Juan" / "John") shares no trigram and, verified, no
/// skeleton match: the cognate table keys it, so indexed search finds what scoring finds.
#[test]
fn cognate_given_names_found_through_the_table() {
    let index = Index::from_entities(vec![
        person("john", &["JOHN"]),
        person("x1", &["JANE"]),
        person("x2", &["JUNG"]),
    ]);
    let config = MatchConfig::default();
    let q = Query::name("Juan");
    let hits: Vec<(String, f64)> = index
        .search(&q, &config)
        .into_iter()
        .map(|h| (h.id, h.score))
        .collect();
    let all: Vec<(String, f64)> = index
        .search_exhaustive(&q, &config)
        .into_iter()
        .map(|h| (h.id, h.score))
        .collect();
    assert_eq!(hits, all, "indexed vs exhaustive");
    assert_eq!(hits.first().map(|h| h.0.as_str()), Some("john"), "{hits:?}");
}

/// The names of `entities`, prepared with default token weights.
fn prepared(entities: &[Entity]) -> Vec<Vec<PreparedName>> {
    entities
        .iter()
        .map(|e| {
            e.names
                .iter()
                .map(|n| {
                    PreparedName::new(&n.value, n.kind, Some(e.schema), &TokenStats::default())
                })
                .collect()
        })
        .collect()
}

/// The ids of the entities `query` retrieves from a [`Retrieval`] over `entities` alone
/// (default token weights), its native words checked by `similarity`.
fn retrieved<'a>(
    entities: &'a [Entity],
    query: &str,
    similarity: &mut dyn FnMut(&PToken, &PToken) -> f64,
) -> Vec<&'a str> {
    let stats = TokenStats::default();
    let names = prepared(entities);
    let retrieval = Retrieval::new(entities, &names);
    let q = PreparedQuery::new(&Query::name(query), &stats);
    retrieval
        .candidates(&q, similarity)
        .into_iter()
        .map(|ei| entities[ei as usize].id.as_str())
        .collect()
}

/// [`retrieved`] with the scorer's token similarity.
fn found<'a>(entities: &'a [Entity], query: &str) -> Vec<&'a str> {
    retrieved(entities, query, &mut |a, b| token_similarity(a, b).0)
}

/// A listed person is found through the words of their names, not through a particle alone:
/// "Alexander" (whose nickname is "Al") and "Il" (one letter from "al") do not open every name
/// with the Arabic article, while a name of particles only is still found through them.
#[test]
fn particles_alone_retrieve_nothing() {
    let entities = [
        person("t:rashid", &["Mohammed al-Rashid"]),
        person("t:alex", &["Alexander Petrov"]),
        person("t:particles", &["Al Bin"]),
    ];
    let found = |q: &str| found(&entities, q);
    // The name of particles only is keyed by them, so "al" still finds it.
    assert_eq!(found("Alexander"), ["t:alex", "t:particles"]);
    assert!(!found("Il").contains(&"t:rashid"));
    assert!(found("Il").contains(&"t:particles"));
    assert_eq!(found("Rashid"), ["t:rashid"]);
    assert!(found("Al Bin").contains(&"t:particles"));
}

/// A whole word in another script retrieves the listed Latin words its own similarity could
/// align (the learned model's, and the given-name table's), not every word that shares
/// letters with its romanisation: محمد finds Muhammad and Mohamed, not Mahmoud (another name)
/// nor Ahmed.
#[test]
fn model_checks_what_a_native_word_retrieves() {
    let entities = [
        person("t:muhammad", &["Muhammad Karimov"]),
        person("t:mohamed", &["Mohamed Salah"]),
        person("t:mahmoud", &["Mahmoud Abbas"]),
        person("t:ahmed", &["Ahmed Rashid"]),
    ];
    let checked = found(&entities, "محمد");
    assert_eq!(checked, ["t:muhammad", "t:mohamed"]);
    // Unchecked, the romanisation's neighbours were all candidates.
    let all = retrieved(&entities, "محمد", &mut |_, _| 1.0);
    assert!(all.len() > checked.len(), "{all:?}");
}

/// A Hangul syllable spelt from a longer word retrieves only the listed words that could open a
/// run spelling the word (or its second half) from one of its syllables so far: "min" of 민재
/// shares trigrams with "lin" and "xin", which no spelling of 민재 begins with.
#[test]
fn hangul_syllables_retrieve_words_that_could_open_their_spelling() {
    let entities = [
        person("t:minjae", &["MIN Jae"]),
        person("t:minjae-one-word", &["Minjae PARK"]),
        person("t:lin", &["LIN Xin"]),
    ];
    assert_eq!(found(&entities, "민재"), ["t:minjae", "t:minjae-one-word"]);
}

/// What a query token retrieved is kept for the next queries with it (`similar_memo`), keyed by
/// everything the lookup depends on: a query on a warm retrieval finds what it finds on a new
/// one, whichever queries came before, with the same token in other places of other words.
#[test]
fn remembered_retrieval_is_what_a_fresh_one_finds() {
    let entities = [
        person("t:kim", &["Kim Jong Un", "김정은"]),
        person("t:jong", &["JONG Kim Il", "Chong Un-kim"]),
        person("t:min", &["Lin Jae", "Min Jae Kim"]),
        person("t:muhammad", &["Muhammad Ali Karimov"]),
        person("t:ali", &["Ali Mohamed", "Alik Ahmed"]),
        person("t:richter", &["Gerhard Richter"]),
        person("t:lin", &["LIN Xin"]),
    ];
    let queries = [
        "김정은",
        "정은 김",
        "김 정은",
        "민재",
        "재민",
        "Kim Jong Un",
        "Jong Kim",
        "محمد علي",
        "علي محمد",
        "리히터",
        "Kim Jong-un",
    ];
    let stats = TokenStats::default();
    let names = prepared(&entities);
    let warm = Retrieval::new(&entities, &names);
    for round in 0..2 {
        for query in queries {
            let q = PreparedQuery::new(&Query::name(query), &stats);
            let fresh = Retrieval::new(&entities, &names).candidates(&q, &mut token_similarity_of);
            let remembered = warm.candidates(&q, &mut token_similarity_of);
            assert_eq!(remembered, fresh, "{query}, round {round}");
        }
    }
}

fn token_similarity_of(a: &PToken, b: &PToken) -> f64 {
    token_similarity(a, b).0
}
