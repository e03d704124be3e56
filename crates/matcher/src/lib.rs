//! The matching engine: given a query (a name, optionally with schema, birth date, countries,
//! gender and identifiers), find the listed entities it may be, with a score in [0, 1] and an
//! explanation a reviewer can read.
//!
//! The path: [`Index::build`] prepares every listed name once ([`prepared`]) and learns how
//! common each token is ([`commonness`]); [`Index::search`] retrieves candidates that share a
//! token, a phonetic key, character trigrams or an identifier with the query ([`index`]), then
//! scores each one ([`score`]): names are aligned token by token ([`alignment`],
//! [`token_similarity`]), and qualifiers adjust the result ([`qualifiers`]). Every signal that
//! moved the score is in the [`Explanation`].
//!
//! ```
//! use embargo_matcher::{compare_names, MatchConfig};
//! use embargo_model::Schema;
//! let r = compare_names("Kim Jong-un", "KIM, Jong Un", Schema::Person, &MatchConfig::default());
//! assert!(r.score >= 0.9);
//! let r = compare_names("George Bush", "George Habbash", Schema::Person, &MatchConfig::default());
//! assert!(r.score < 0.7);
//! ```

pub mod alignment;
pub mod bound;
pub mod commonness;
pub mod config;
pub mod designation;
pub mod double_surname;
pub mod edit_distance;
pub mod explanation;
pub mod extra_given_name;
pub mod family_name;
pub mod floor_given_name;
pub mod index;
pub mod letter_bag;
pub mod listed_family;
pub mod memo;
pub mod merge_starts;
pub mod org_extra_word;
pub mod partial_given_name;
pub mod prefetch;
pub mod prepared;
pub mod qualifiers;
pub mod query;
pub mod retrieval;
pub mod score;
pub mod short_name;
pub mod similar_memo;
pub mod syllable_word;
pub mod thread_spare;
pub mod token_similarity;
pub mod unwritten_vowels;
pub mod vessel_number;
pub mod word_conflict;

pub use commonness::TokenStats;
pub use config::MatchConfig;
pub use explanation::Explanation;
pub use index::{Found, Hit, Index};
pub use query::Query;
pub use score::{compare_names, MatchResult};
