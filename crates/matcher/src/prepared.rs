//! Names analysed once, with everything the scorer needs per token.

use crate::commonness::TokenStats;
use crate::letter_bag::LetterBag;
use embargo_model::{NameKind, Schema};
use embargo_names::wade_giles::Romanisation;
use embargo_names::{analyze, skeleton::skeleton, NameStyle, Script, TokenRole};
use std::hash::BuildHasher;

/// One comparison token.
#[derive(Clone, Debug)]
pub struct PToken {
    pub text: String,
    /// The token as written, in its own script (for cross-script comparison and explanations).
    pub original: String,
    pub script: Script,
    pub role: TokenRole,
    pub skeleton: String,
    pub weight: f64,
    /// One of several Latin tokens spelt from a single native token (金正恩 → jin zheng en):
    /// the native token as a whole is then not this token's spelling.
    pub split: bool,
    /// Part of a ruler's or noble's designation ("of Sweden", "the Great"), which weighs less:
    /// see [`crate::designation`].
    pub designation: bool,
    /// Position of this token in the index's table of distinct tokens (text, original, role,
    /// script), or `u32::MAX` outside an index; keys the per-query similarity memo.
    pub variant: u32,
    /// What the comparison text can be in pinyin and Wade–Giles, for the filters that run for
    /// every pair of tokens (`token_similarity`, the merged pairings).
    pub romanisation: Romanisation,
    /// The letters of `text` that the pair filters read ([`Outline`]).
    pub outline: Outline,
    /// The letters of `text` as counts, for the merged pairings' filter
    /// (`alignment::merge_may_reach`).
    pub letters: LetterBag,
    /// A hash of `skeleton`, so that two tokens' skeletons can be told apart without reading
    /// either (`token_similarity::surely_unrelated`).
    pub skeleton_hash: u64,
    /// Whether `text` is in the cognate or nickname table, which lift the similarity of two
    /// tokens that both are.
    pub in_name_tables: bool,
}

/// The few letters of a token's comparison text that the cheap filters of the merged pairings
/// read (`alignment::merge_may_start`, `bound::could_spell`), kept inline in the token: search
/// runs those filters over every token of thousands of listed names per query, and reading
/// each token's text from its own heap allocation was most of their cost (a cache miss each).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// First and second bytes (0 past the end).
    pub head: [u8; 2],
    /// Last byte (0 for an empty text).
    pub last: u8,
    /// First byte of the token as written (`PToken::original`; 0 when empty).
    pub original_head: u8,
    /// Runs of one repeated byte ("joonng": j, oo, nn, g → 4; 1 when empty), at most
    /// `u16::MAX`.
    pub runs: u16,
}

impl Outline {
    pub fn of(text: &str, original: &str) -> Outline {
        let b = text.as_bytes();
        // One more than the changes of byte, as `bound::could_spell` counts (1 when empty).
        let runs = 1 + b.windows(2).filter(|w| w[0] != w[1]).count();
        Outline {
            head: [
                b.first().copied().unwrap_or(0),
                b.get(1).copied().unwrap_or(0),
            ],
            last: b.last().copied().unwrap_or(0),
            original_head: original.as_bytes().first().copied().unwrap_or(0),
            runs: runs.min(usize::from(u16::MAX)) as u16,
        }
    }
}

/// A name ready for comparison.
#[derive(Clone, Debug)]
pub struct PreparedName {
    pub value: String,
    pub kind: NameKind,
    pub style: NameStyle,
    pub tokens: Vec<PToken>,
    /// The first and second of two family names written before a comma ("RAMIREZ DUQUE,
    /// Carlos"): see [`crate::double_surname`].
    pub double_surname: Option<[usize; 2]>,
    /// The tokens of the family name a list writes before a comma ("HUANG, Chin-Hua"): see
    /// [`crate::listed_family`].
    pub comma_family: Option<std::ops::Range<usize>>,
}

/// The name knowledge that applies to a schema.
pub fn style_for(schema: Option<Schema>) -> NameStyle {
    match schema {
        Some(Schema::Person) | None => NameStyle::Person,
        Some(Schema::Vessel) | Some(Schema::Airplane) => NameStyle::Vessel,
        Some(_) => NameStyle::Organization,
    }
}

impl PreparedName {
    /// Analyse `value` as a name of `kind` for a party of `schema`. Weights come from `stats`
    /// (call [`PreparedName::reweight`] after the stats change).
    pub fn new(value: &str, kind: NameKind, schema: Option<Schema>, stats: &TokenStats) -> Self {
        let style = style_for(schema);
        let analysed = analyze(value, style);
        let designations = crate::designation::designations(value, style, &analysed);
        let mut tokens: Vec<PToken> = analysed
            .into_iter()
            .zip(designations)
            .filter(|(t, _)| t.is_compared())
            .map(|(t, designation)| {
                let skeleton = skeleton(&t.text);
                PToken {
                    skeleton_hash: rustc_hash::FxBuildHasher.hash_one(&skeleton),
                    in_name_tables: embargo_names::cognate::in_table(&t.text)
                        || embargo_names::nickname::in_table(&t.text),
                    skeleton,
                    romanisation: Romanisation::of(&t.text),
                    outline: Outline::of(&t.text, &t.original),
                    letters: LetterBag::of(&t.text),
                    weight: token_weight(stats, &t.text, t.role, designation),
                    text: t.text,
                    original: t.original,
                    script: t.script,
                    role: t.role,
                    split: false,
                    designation,
                    variant: u32::MAX,
                }
            })
            .collect();
        for i in 0..tokens.len() {
            let same = |j: usize| {
                tokens.get(j).is_some_and(|o: &PToken| {
                    o.original == tokens[i].original && o.script == tokens[i].script
                })
            };
            let split =
                tokens[i].script != Script::Latin && ((i > 0 && same(i - 1)) || same(i + 1));
            tokens[i].split = split;
        }
        PreparedName {
            double_surname: crate::double_surname::double_surname(value, style, &tokens),
            comma_family: crate::listed_family::comma_family(value, style, &tokens),
            value: value.to_string(),
            kind,
            style,
            tokens,
        }
    }

    pub fn reweight(&mut self, stats: &TokenStats) {
        for t in &mut self.tokens {
            t.weight = token_weight(stats, &t.text, t.role, t.designation);
        }
    }

    /// The sum of the token weights.
    pub fn total_weight(&self) -> f64 {
        self.tokens.iter().map(|t| t.weight).sum()
    }
}

/// A token's weight: by its commonness and role ([`TokenStats::weight`]), less in a
/// designation ([`crate::designation::DESIGNATION_WEIGHT`]).
fn token_weight(stats: &TokenStats, text: &str, role: TokenRole, designation: bool) -> f64 {
    let w = stats.weight(text, role);
    if designation {
        w * crate::designation::DESIGNATION_WEIGHT
    } else {
        w
    }
}

/// A person's primary name with default token weights: the unit tests' fixture.
#[cfg(test)]
pub(crate) fn person(value: &str) -> PreparedName {
    PreparedName::new(
        value,
        NameKind::Primary,
        Some(Schema::Person),
        &TokenStats::default(),
    )
}
