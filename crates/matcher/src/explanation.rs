//! The explanation of a score: data, not a log line. Reviewers and auditors read it.

use crate::token_similarity::MatchKind;
use serde::Serialize;

/// One aligned pair of tokens.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TokenMatch {
    /// Query token(s) as written.
    pub query: String,
    /// Listed token(s) as written.
    pub candidate: String,
    pub similarity: f64,
    pub how: MatchKind,
}

/// How the best pair of names matched.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NameExplanation {
    pub query_name: String,
    pub matched_name: String,
    /// primary, alias, weak_alias, previous, original_script.
    pub name_kind: &'static str,
    pub score: f64,
    pub tokens: Vec<TokenMatch>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmatched_query: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmatched_candidate: Vec<String>,
}

/// The effect of one qualifier (birth date, country, gender, identifier, weak alias rule).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QualifierEffect {
    /// `birth_date`, `country`, `gender`, `identifier`, `weak_alias`, `schema`.
    pub feature: &'static str,
    /// `match`, `close`, `mismatch`, `capped`…
    pub outcome: &'static str,
    /// Added to the score (negative lowers it).
    pub effect: f64,
    pub query: String,
    pub candidate: String,
}

/// Why a result has its score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<NameExplanation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub qualifiers: Vec<QualifierEffect>,
    /// The name score before qualifiers.
    pub name_score: f64,
    pub score: f64,
}
