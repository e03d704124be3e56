//! What a scan returns: data a reviewer, an API client and an auditor read alike.

use crate::jurisdiction::JurisdictionMention;
use embargo_matcher::Explanation;
use serde::Serialize;

/// How a mention was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// The text names the party: enough of a listed name, confirmed by the matcher.
    Name,
    /// A later, shorter reference (a surname: "Putin", "بوتين", "Путина") to a party the text
    /// named in full before.
    Coreference,
}

/// The link of a coreference to the full mention it refers back to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coreference {
    /// Index of the full mention in [`TextReport::mentions`].
    pub antecedent: usize,
    /// The listed surname token it matched (as the list writes it).
    pub surname: String,
    /// Similarity of the written form and that surname, in [0, 1].
    pub similarity: f64,
}

/// One mention of one or more listed parties.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// Code-point offsets into the scanned text (`end` exclusive).
    pub start: usize,
    pub end: usize,
    /// Byte offsets into the scanned text (UTF-8).
    pub byte_start: usize,
    pub byte_end: usize,
    /// The text as written between the offsets: the name without attached function words
    /// (Arabic proclitics, Korean particles), with inflectional endings (Russian cases).
    pub surface: String,
    /// The parties named, best score first: one person published on several lists is several
    /// entities.
    pub entity_ids: Vec<String>,
    /// The score of the best entity, in [0, 1].
    pub score: f64,
    pub kind: MentionKind,
    /// The matcher's explanation for the best entity: the name compared, token by token.
    pub explanation: Explanation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coreference: Option<Coreference>,
}

/// Everything the text says about one listed party.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntitySummary {
    pub id: String,
    pub caption: String,
    pub schema: String,
    pub datasets: Vec<String>,
    /// Mentions naming it (full and coreferent).
    pub count: usize,
    pub best_score: f64,
    /// Index of its first mention.
    pub first_mention: usize,
}

/// The result of scanning one text.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TextReport {
    /// Mentions of listed parties, in text order, not overlapping.
    pub mentions: Vec<Mention>,
    /// One summary per party mentioned, in order of first mention.
    pub entities: Vec<EntitySummary>,
    /// Sanctioned jurisdictions named, in text order (reported apart from parties: a place is
    /// not a listed party, but a reviewer needs to see it).
    pub jurisdictions: Vec<JurisdictionMention>,
}
