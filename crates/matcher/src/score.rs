//! Scoring: a name score from the token alignment, then qualifiers.
//!
//! The name score is a weighted agreement between the two token sets:
//! `M / (M + L)`, where `M` sums, over aligned pairs, the similarity times the weights of the
//! tokens on both sides, and `L` sums what is lost: the dissimilar part of aligned pairs, and the
//! weight of unaligned tokens. Unaligned tokens cost differently by situation, which is where most
//! false alerts and most missed hits are decided:
//! - a token present on one side only (a middle name, a patronymic the other side omits) costs
//!   [`ONE_SIDED_EXTRA`] of its weight;
//! - tokens unaligned on *both* sides are a conflict (a different surname, a swapped father's name:
//!   "George Bush" vs "George Habbash") and cost [`CONFLICT`] of their weight, a word's weight
//!   counted as at least [`DISAGREEMENT_MIN_WEIGHT`] however common it is. In a person's name,
//!   a near miss among them (similar, below the alignment's line: "Jones" / "James") takes part
//!   of that cost away ([`near_miss_credit`]), so it ranks above an unrelated word and below
//!   any match.
//!
//! Token weights come from [`crate::commonness`], so agreeing on "Mohammed" proves less than
//! agreeing on "Makhlouf".

use crate::alignment::{align_with, Alignment, MIN_SIMILARITY};
use crate::commonness::TokenStats;
use crate::config::MatchConfig;
use crate::explanation::{Explanation, NameExplanation, QualifierEffect, TokenMatch};
use crate::prepared::{PToken, PreparedName};
use crate::qualifiers;
use crate::query::Query;
use crate::token_similarity::MatchKind;
use embargo_model::{Entity, NameKind, Schema};
use embargo_names::{NameStyle, Script, TokenRole};
use serde::Serialize;

/// Cost factor of a token present on one side only.
pub const ONE_SIDED_EXTRA: f64 = 0.55;
/// Cost factor of tokens unaligned on both sides (conflicting name parts).
pub const CONFLICT: f64 = 2.0;
/// Cost factor of a token on one side only when either name is written in Hangul or Han.
pub const SYLLABIC_ONE_SIDED_EXTRA: f64 = 0.9;
/// The least weight a word counts for when two names disagree on it (see [`score_names`]).
pub const DISAGREEMENT_MIN_WEIGHT: f64 = 0.6;
/// Organisation names have no optional middle names: a token on one side only ("CRYSTALORD
/// SYSTEMS LIMITED" / "CRYSTALORD LTD") says more than in a person's name.
pub const ORG_ONE_SIDED_EXTRA: f64 = 0.8;

/// Cost factor of the query's words beyond a listed name of one word ("Hocine", "Hassan",
/// "Yaya": a first name or a nickname listed alone). They are no middle name the list left out
/// but the rest of the query's name, which the listed name says nothing about: "Hocine Mousavi"
/// is not shown to be "Hocine" by agreeing on a common first name.
pub const MONONYM_ONE_SIDED_EXTRA: f64 = 1.0;

/// Whether a person's name has a single word (particles, honorifics and initials aside). An
/// Arabic "Abd" compound is one given name however it is written ("Abdul Qadir", "Abd
/// El Illah", OFAC's "AZIZ, Abdul"): "Abd" (servant of) is never a name alone, so a listed
/// "Abdul Qadir" is a given name alone, and "Abdulkadir Soylu" is not shown to be him by
/// agreeing on it.
fn single_word(n: &PreparedName) -> bool {
    let words: Vec<&PToken> = n
        .tokens
        .iter()
        .filter(|t| t.role == TokenRole::Word)
        .collect();
    match words.as_slice() {
        [_] => true,
        [a, b] => a.text == "abd" || b.text == "abd",
        _ => false,
    }
}

/// Near misses below this similarity are no evidence at all: two unrelated words share a
/// letter or two ("bush" / "habbash").
pub const NEAR_MISS_FLOOR: f64 = 0.3;
/// The most of a conflict's cost a near miss takes away (at a similarity just below
/// [`MIN_SIMILARITY`]). Kept well below 1 so a near miss stays far from a match, and at most
/// 0.76 so that a token's conflict still costs more than an aligned pair's loss, which
/// `bound.rs` relies on.
pub const NEAR_MISS_CREDIT: f64 = 0.7;

/// The share of a conflict's cost that two tokens left unaligned on both sides with similarity
/// `s` take away: 0 at [`NEAR_MISS_FLOOR`] and below, rising to [`NEAR_MISS_CREDIT`] at
/// [`MIN_SIMILARITY`]. A surname one letter or two off ("Jones" / "James", "Khaja" / "Khan",
/// "Вукић" / "Вучић") is less of a disagreement than an unrelated one ("Bush" / "Habbash"),
/// though still no match. Non-decreasing in `s`, which `bound.rs` relies on.
pub fn near_miss_credit(s: f64) -> f64 {
    if s <= NEAR_MISS_FLOOR {
        return 0.0;
    }
    NEAR_MISS_CREDIT * ((s - NEAR_MISS_FLOOR) / (MIN_SIMILARITY - NEAR_MISS_FLOOR)).min(1.0)
}

/// Whether `t` can take part in a near miss: a word (not a number, initial, particle or legal
/// form, whose agreement rules are their own).
fn near_miss_word(t: &PToken) -> bool {
    t.role == TokenRole::Word
}

/// The conflict weight of each token left unaligned on both sides, less its near-miss credit:
/// the floored weight times `1 − near_miss_credit(n)`, `n` the token's best similarity to a
/// word left unaligned on the other side. Returns (query side, listed side) sums over the
/// non-number unaligned tokens, and the best similarity of a pair of words left unaligned on
/// both sides in one script (`None` when there is no such pair).
fn near_miss_weights(
    q: &PreparedName,
    c: &PreparedName,
    al: &Alignment,
    floored: &dyn Fn(&PToken) -> f64,
    sim_of: &mut dyn FnMut(&PToken, &PToken) -> (f64, MatchKind),
) -> (f64, f64, Option<f64>) {
    let mut best_pair: Option<f64> = None;
    let mut best_q = vec![0.0f64; al.unmatched_q.len()];
    let mut best_c = vec![0.0f64; al.unmatched_c.len()];
    for (a, &i) in al.unmatched_q.iter().enumerate() {
        let qt = &q.tokens[i];
        if !near_miss_word(qt) {
            continue;
        }
        for (b, &j) in al.unmatched_c.iter().enumerate() {
            let ct = &c.tokens[j];
            // Same script only: across scripts the learned model's low scores are no
            // evidence, and the bound prices only the pairings it can reach.
            if !near_miss_word(ct) || ct.script != qt.script {
                continue;
            }
            let s = sim_of(qt, ct).0;
            // Tokens this similar were aligned unless a rule of the alignment parted them (a
            // son and a father around "bin"): no near miss then.
            if s >= MIN_SIMILARITY {
                continue;
            }
            best_pair = Some(best_pair.map_or(s, |b: f64| b.max(s)));
            best_q[a] = best_q[a].max(s);
            best_c[b] = best_c[b].max(s);
        }
    }
    let side = |tokens: &[PToken], idx: &[usize], best: &[f64]| -> f64 {
        idx.iter()
            .zip(best)
            .filter(|(&i, _)| tokens[i].role != TokenRole::Number)
            .map(|(&i, &n)| floored(&tokens[i]) * (1.0 - near_miss_credit(n)))
            .sum()
    };
    (
        side(&q.tokens, &al.unmatched_q, &best_q),
        side(&c.tokens, &al.unmatched_c, &best_c),
        best_pair,
    )
}

/// Cost factor of two numbers that disagree, one on each side of otherwise the same name
/// ("Blackstone Capital Partners VII" / "VIII", the vessels "Zu Zag Bong 5" / "6"): a fund of
/// the same series, a sister ship of the same fleet, which a reviewer must see; a name of little
/// else than the number still falls below the line ("4 Percenters" / "Three Percenters").
pub const NUMBER_SWAP: f64 = 0.7;

/// What unaligned numbers cost, given their weight on the query side (`nq`) and the listed
/// side (`nc`): numbers facing each other cost [`NUMBER_SWAP`], a number on one side only a
/// full [`CONFLICT`] (an added series number makes another entity: "Romashka 2 LLC" is not
/// "Romashka LLC"). Never below `NUMBER_SWAP * (nq + nc)`, which `bound.rs` relies on.
pub fn numbers_cost(nq: f64, nc: f64) -> f64 {
    let facing = nq.min(nc);
    NUMBER_SWAP * 2.0 * facing + CONFLICT * (nq + nc - 2.0 * facing)
}

/// Whether a name is a Korean or Chinese one, priced by the rules of names without optional
/// parts ([`SYLLABIC_ONE_SIDED_EXTRA`]): a token in Han, or in Hangul that may be a Korean
/// name ([`embargo_names::hangul::may_be_korean_name`]). A name all of whose Hangul tokens
/// are foreign names written by ear ("사르타크" Sartaq, "캐시" Cassie, "칭기즈 칸") is not:
/// it is the name of someone whose own name may have parts the Hangul leaves out ("Sartaq
/// Khan", "Cassie Ventura"), as in any other script. `crate::bound` prices names by the same
/// rule.
pub fn syllabic_name(n: &PreparedName) -> bool {
    n.tokens.iter().any(|t| match t.script {
        Script::Han => true,
        Script::Hangul => embargo_names::hangul::may_be_korean_name(&t.original),
        _ => false,
    })
}

/// The score of one name against another, with its alignment.
#[derive(Clone, Debug)]
pub struct NameScore {
    pub score: f64,
    pub alignment: Alignment,
}

/// Score two prepared names.
pub fn score_names(q: &PreparedName, c: &PreparedName) -> NameScore {
    score_names_with(q, c, &mut |a, b| {
        crate::token_similarity::token_similarity(a, b)
    })
}

/// [`score_names`] with a caller-supplied (memoised) token similarity.
pub fn score_names_with(
    q: &PreparedName,
    c: &PreparedName,
    sim_of: &mut dyn FnMut(&PToken, &PToken) -> (f64, MatchKind),
) -> NameScore {
    let org = c.style != NameStyle::Person;
    if q.tokens.is_empty() || c.tokens.is_empty() {
        return NameScore {
            score: 0.0,
            alignment: Alignment::default(),
        };
    }
    let al = align_with(&q.tokens, &c.tokens, org, sim_of);
    let floored = |t: &PToken| {
        if t.role == TokenRole::Word {
            t.weight.max(DISAGREEMENT_MIN_WEIGHT)
        } else {
            t.weight
        }
    };
    // Korean and Chinese names have no optional middle names: a syllable block on one side
    // only is part of another name.
    let syllabic_names = !org && (syllabic_name(q) || syllabic_name(c));
    let mut matched = 0.0;
    let mut lost = 0.0;
    for p in &al.pairs {
        let w: f64 = p.q.clone().map(|i| q.tokens[i].weight).sum::<f64>()
            + p.c.clone().map(|j| c.tokens[j].weight).sum::<f64>();
        matched += p.similarity * w;
        // In Korean and Chinese names a syllable block spelt differently is another name
        // ("이" Lee / "Ra", "주" Ju / "Jo"): what it lacks of a match is lost at the floored
        // weight of a disagreement, however common the surname.
        let lost_w = if syllabic_names && p.similarity < 1.0 {
            p.q.clone().map(|i| floored(&q.tokens[i])).sum::<f64>()
                + p.c.clone().map(|j| floored(&c.tokens[j])).sum::<f64>()
        } else {
            w
        };
        lost += (1.0 - p.similarity) * lost_w;
    }
    // Numbers must agree: an unaligned number is a conflict even when the other side has none
    // ("Romashka 2 LLC" is not "Romashka LLC"); two different numbers in the same name are a
    // sibling, priced by [`numbers_cost`].
    let is_num = |t: &PToken| t.role == TokenRole::Number;
    let nq: f64 = al
        .unmatched_q
        .iter()
        .map(|&i| &q.tokens[i])
        .filter(|t| is_num(t))
        .map(|t| t.weight)
        .sum();
    let nc: f64 = al
        .unmatched_c
        .iter()
        .map(|&j| &c.tokens[j])
        .filter(|t| is_num(t))
        .map(|t| t.weight)
        .sum();
    let uq: f64 = al
        .unmatched_q
        .iter()
        .map(|&i| &q.tokens[i])
        .filter(|t| !is_num(t))
        .map(|t| t.weight)
        .sum();
    let uc: f64 = al
        .unmatched_c
        .iter()
        .map(|&j| &c.tokens[j])
        .filter(|t| !is_num(t))
        .map(|t| t.weight)
        .sum();
    // A disagreement costs at least an ordinary word's weight however common the words: a
    // different surname is another person even when both surnames are common ("이" Lee vs "Ra",
    // "Kim" vs "Park"); commonness discounts what agreement proves, not what disagreement costs.
    let fq: f64 = al
        .unmatched_q
        .iter()
        .map(|&i| &q.tokens[i])
        .filter(|t| !is_num(t))
        .map(floored)
        .sum();
    let fc: f64 = al
        .unmatched_c
        .iter()
        .map(|&j| &c.tokens[j])
        .filter(|t| !is_num(t))
        .map(floored)
        .sum();
    let one_sided = if org {
        ORG_ONE_SIDED_EXTRA
    } else if syllabic_names {
        SYLLABIC_ONE_SIDED_EXTRA
    } else if single_word(c) && uc == 0.0 {
        MONONYM_ONE_SIDED_EXTRA
    } else {
        ONE_SIDED_EXTRA
    };
    // Where a token on one side only is part of another name (Korean, Chinese), it is a
    // disagreement too, floored like one.
    let (sq, sc) = if syllabic_names { (fq, fc) } else { (uq, uc) };
    let one_sided_left = (sq - sq.min(sc)) + (sc - sq.min(sc));
    // What the two sides disagree on, less what near misses among them share.
    // Organisation names are not eased: a word off is another company ("Sparkles" /
    // "Sporks Business Corporation", "Petromechanical" / "Petrochemical").
    let (dq, dc, conflict) = if !org && fq > 0.0 && fc > 0.0 {
        near_miss_weights(q, c, &al, &floored, sim_of)
    } else {
        (fq, fc, None)
    };
    let numbers = if c.style == NameStyle::Vessel {
        crate::vessel_number::vessel_numbers_cost(nq, nc)
    } else {
        numbers_cost(nq, nc)
    };
    lost += CONFLICT * 2.0 * dq.min(dc) + one_sided * one_sided_left + numbers;
    lost += crate::family_name::unaligned_family_cost(q, c, &al, one_sided);
    lost += crate::syllable_word::partly_met_cost(q, c, &al);
    if org {
        lost += crate::org_extra_word::org_extra_word_cost(q, c, &al, one_sided);
    } else {
        lost += crate::double_surname::dropped_first_surname_cost(q, c, &al, one_sided);
        lost += crate::extra_given_name::extra_given_name_cost(q, c, &al);
        lost += crate::floor_given_name::floor_given_name_cost(q, c, &al);
        lost += crate::listed_family::crossed_family_cost(q, c, &al, one_sided);
        lost += crate::partial_given_name::partial_given_name_cost(q, c, &al, one_sided);
    }
    let score = if matched <= 0.0 {
        0.0
    } else {
        matched / (matched + lost)
    };
    let score = match conflict {
        Some(s) if !syllabic_names => score.min(crate::word_conflict::conflict_cap(s)),
        _ => score,
    };
    NameScore {
        score,
        alignment: al,
    }
}

/// The tokens as a reviewer reads them: the Latin form, with the native token beside it when
/// it was written in another script ("jong (김정은)").
fn token_label(t: &PToken) -> String {
    if t.script == embargo_names::Script::Latin || t.original == t.text {
        t.original.clone()
    } else {
        format!("{} ({})", t.text, t.original)
    }
}

fn tokens_text(tokens: &[PToken], idx: std::ops::Range<usize>) -> String {
    let run = &tokens[idx];
    // Latin tokens spelt from one native token ("kim jong un" from 김정은) show it once.
    if run.len() > 1
        && run[0].script != embargo_names::Script::Latin
        && run.iter().all(|t| t.original == run[0].original)
    {
        let text: Vec<&str> = run.iter().map(|t| t.text.as_str()).collect();
        return format!("{} ({})", text.join(" "), run[0].original);
    }
    run.iter().map(token_label).collect::<Vec<_>>().join(" ")
}

fn explain_name(q: &PreparedName, c: &PreparedName, s: &NameScore) -> NameExplanation {
    let mut tokens: Vec<TokenMatch> = s
        .alignment
        .pairs
        .iter()
        .map(|p| TokenMatch {
            query: tokens_text(&q.tokens, p.q.clone()),
            candidate: tokens_text(&c.tokens, p.c.clone()),
            similarity: round4(p.similarity),
            how: p.kind,
        })
        .collect();
    tokens.sort_by(|a, b| a.query.cmp(&b.query));
    NameExplanation {
        query_name: q.value.clone(),
        matched_name: c.value.clone(),
        name_kind: c.kind.as_str(),
        score: round4(s.score),
        tokens,
        unmatched_query: s
            .alignment
            .unmatched_q
            .iter()
            .map(|&i| token_label(&q.tokens[i]))
            .collect(),
        unmatched_candidate: s
            .alignment
            .unmatched_c
            .iter()
            .map(|&j| token_label(&c.tokens[j]))
            .collect(),
    }
}

/// Round to 4 decimals, the precision of every published score.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A scored comparison.
#[derive(Clone, Debug, Serialize)]
pub struct MatchResult {
    pub score: f64,
    pub explanation: Explanation,
}

/// A query prepared against the commonness statistics of an index.
#[derive(Clone, Debug)]
pub struct PreparedQuery {
    pub query: Query,
    pub names: Vec<PreparedName>,
}

impl PreparedQuery {
    pub fn new(query: &Query, stats: &TokenStats) -> Self {
        let names = query
            .names
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| PreparedName::new(n, NameKind::Primary, query.schema, stats))
            .collect();
        PreparedQuery {
            query: query.clone(),
            names,
        }
    }
}

/// Score a prepared query against one entity whose names are prepared in `names`.
pub fn score_entity(
    q: &PreparedQuery,
    entity: &Entity,
    names: &[PreparedName],
    config: &MatchConfig,
) -> MatchResult {
    score_entity_with(q, entity, names, config, &mut |a, b| {
        crate::token_similarity::token_similarity(a, b)
    })
}

/// [`score_entity`] with a caller-supplied (memoised) token similarity.
pub fn score_entity_with(
    q: &PreparedQuery,
    entity: &Entity,
    names: &[PreparedName],
    config: &MatchConfig,
    sim_of: &mut dyn FnMut(&PToken, &PToken) -> (f64, MatchKind),
) -> MatchResult {
    // Best strong name and best weak alias, kept apart: a weak alias confirms, it cannot alert alone.
    let mut best: Option<(f64, usize, usize, NameScore)> = None;
    let mut best_weak: Option<(f64, usize, usize, NameScore)> = None;
    for (qi, qn) in q.names.iter().enumerate() {
        for (ci, cn) in names.iter().enumerate() {
            let s = score_names_with(qn, cn, sim_of);
            let slot = if cn.kind == NameKind::WeakAlias {
                &mut best_weak
            } else {
                &mut best
            };
            if slot.as_ref().is_none_or(|(b, ..)| s.score > *b) {
                *slot = Some((s.score, qi, ci, s));
            }
        }
    }
    let id_match = qualifiers::identifier(&q.query.identifiers, &entity.identifiers);
    let best_name = best
        .as_ref()
        .map_or(0.0, |b| b.0)
        .max(best_weak.as_ref().map_or(0.0, |b| b.0));
    if id_match.is_none() && best_name + 0.1 < config.min_score {
        // Far below the line: no qualifier can bring it back, so skip the explanation.
        let score = round4(best_name);
        return MatchResult {
            score,
            explanation: Explanation {
                name: None,
                qualifiers: Vec::new(),
                name_score: score,
                score,
            },
        };
    }
    let mut qualifiers: Vec<QualifierEffect> = Vec::new();
    if let Some(e) = qualifiers::birth_date(&q.query.birth_dates, &entity.birth_dates) {
        qualifiers.push(e);
    }
    if let Some(e) = qualifiers::country(&q.query.countries, entity.all_countries()) {
        qualifiers.push(e);
    }
    if let Some(e) = qualifiers::gender(q.query.gender, entity.gender) {
        qualifiers.push(e);
    }
    let corroborated = id_match.is_some()
        || qualifiers
            .iter()
            .any(|e| e.effect > 0.0 && e.feature == "birth_date");
    let threshold = config.threshold_for(entity.schema.as_str(), &entity.datasets());
    let strong_score = best.as_ref().map_or(0.0, |b| b.0);
    let weak_score = best_weak.as_ref().map_or(0.0, |b| b.0);
    let (name_score, chosen) = if weak_score > strong_score {
        let capped = if corroborated {
            weak_score
        } else {
            weak_score.min(threshold - 0.01)
        };
        if capped > strong_score {
            if !corroborated {
                qualifiers.push(QualifierEffect {
                    feature: "weak_alias",
                    outcome: "capped",
                    effect: round4(capped - weak_score),
                    query: String::new(),
                    candidate: String::new(),
                });
            }
            (capped, best_weak)
        } else {
            (strong_score, best)
        }
    } else {
        (strong_score, best)
    };
    let mut score = name_score;
    // Qualifiers only move a score that is a name match at all.
    if name_score >= 0.5 {
        for e in &qualifiers {
            if e.feature != "weak_alias" {
                score += e.effect;
            }
        }
        if let Some(e) = qualifiers::compounded(&qualifiers) {
            score += e.effect;
            qualifiers.push(e);
        }
        if let Some((_, qi, ..)) = &chosen {
            let cap =
                crate::short_name::contradicted_cap(&q.names[*qi], &qualifiers, score, threshold);
            if let Some(e) = cap {
                score += e.effect;
                qualifiers.push(e);
            }
        }
    }
    if let Some(e) = id_match {
        score = score.max(qualifiers::IDENTIFIER_SCORE);
        qualifiers.push(e);
    }
    let score = round4(score.clamp(0.0, 1.0));
    let name = chosen.map(|(_, qi, ci, s)| explain_name(&q.names[qi], &names[ci], &s));
    MatchResult {
        score,
        explanation: Explanation {
            name,
            qualifiers,
            name_score: round4(name_score),
            score,
        },
    }
}

/// Compare two names without an index (the `embargo compare` command and the pair evaluation):
/// `query` is the screened name, `listed` the published one.
pub fn compare_names(
    query: &str,
    listed: &str,
    schema: Schema,
    config: &MatchConfig,
) -> MatchResult {
    // A reviewer comparing two names reads the alignment at every score, so the early exit
    // that skips the explanation of scores far below `min_score` is off here.
    let config = &MatchConfig {
        min_score: 0.0,
        ..config.clone()
    };
    let stats = TokenStats::default();
    // A name joining alternatives with a slash ("Al-Qa'ida/Islamic Army") is compared whole and
    // as each of them, on either side.
    let with_alternatives = |name: &str| -> Vec<String> {
        std::iter::once(name)
            .chain(embargo_names::alternative::alternatives(name))
            .map(str::to_string)
            .collect()
    };
    let q = PreparedQuery::new(
        &Query {
            names: with_alternatives(query),
            schema: Some(schema),
            ..Default::default()
        },
        &stats,
    );
    let mut entity = Entity::new(
        embargo_model::EntityId("pair:listed".into()),
        schema,
        "pair",
        "listed",
    );
    entity.add_name(listed, NameKind::Primary);
    let names: Vec<PreparedName> = with_alternatives(listed)
        .iter()
        .map(|n| PreparedName::new(n, NameKind::Primary, Some(schema), &stats))
        .collect();
    score_entity(&q, &entity, &names, config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abd_compound_is_a_single_word() {
        for n in [
            "Hocine",
            "Abdul Qadir",
            "Abd El Illah",
            "AZIZ, Abdul",
            "عبد الحقّ",
        ] {
            assert!(single_word(&crate::prepared::person(n)), "{n}");
        }
        for n in ["Qadir Soylu", "Abdul Qadir Soylu", "Abdullah Soylu"] {
            assert!(!single_word(&crate::prepared::person(n)), "{n}");
        }
    }

    #[test]
    fn a_surname_beside_an_abd_compound_listed_alone_is_no_middle_name() {
        let p = crate::prepared::person;
        let alone = score_names(&p("Abdul Qadir Soylu"), &p("Abdul Qadir")).score;
        // Against a listed given name and surname ("Ali" is as long, so weighs the same),
        // the query's third word costs as a middle name the list omits.
        let omitted = score_names(&p("Ali Qadir Soylu"), &p("Ali Qadir")).score;
        assert!(alone < omitted - 0.05, "{alone} vs {omitted}");
    }
}
