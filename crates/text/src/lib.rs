//! Screening free text: which listed parties and which sanctioned jurisdictions does an article,
//! a report or a payment's free-text field mention?
//!
//! Names in prose are inflected ("Путина"), carry attached words ("لبوتين", "김정은은"), are
//! transliterated by newsrooms in their own way ("فلاديمير بوتين", "블라디미르 푸틴"), are written
//! without spaces (Chinese), and share single tokens with thousands of unrelated people ("Kim",
//! "Mohammed"). The [`Scanner`] finds candidate spans with a fast keyed pass over the words
//! ([`key`], [`affix`], [`segment`]) and confirms each with the matcher of `embargo_matcher`, the
//! same scoring and explanation as screening a name; a person is a mention only when the text
//! carries enough of their name, and later surname-only references count once they were named
//! in full. Sanctioned jurisdictions are found apart ([`jurisdiction`]).
//!
//! ```
//! use embargo_matcher::Index;
//! use embargo_model::{Entity, EntityId, ListDocument, NameKind, Schema};
//! use embargo_text::Scanner;
//!
//! let mut e = Entity::new(EntityId("ofac-sdn:20157".into()), Schema::Person, "ofac-sdn", "20157");
//! e.add_name("KIM, Jong Un", NameKind::Primary);
//! e.programs.push("DPRK3".into());
//! let doc = ListDocument { dataset: "ofac-sdn".into(), entities: vec![e], ..Default::default() };
//! let scanner = Scanner::new(Index::build(&[doc]));
//!
//! let report = scanner.scan("التقى كيم جونغ أون بالوفد. وقال كيم إن كوريا الشمالية مستعدة");
//! let found: Vec<(&str, usize, usize)> =
//!     report.mentions.iter().map(|m| (m.surface.as_str(), m.start, m.end)).collect();
//! assert_eq!(found, [("كيم جونغ أون", 6, 18), ("كيم", 32, 35)]);
//! assert_eq!(report.entities[0].count, 2);
//! assert_eq!(report.jurisdictions[0].code, "KP");
//! // "Kim" alone, with no full mention before, names nobody.
//! assert!(scanner.scan("Kim said so.").mentions.is_empty());
//! ```
// Candidate spans are grouped by tuples of offsets; naming each tuple type would not help.
#![allow(clippy::type_complexity)]

pub mod affix;
pub mod jurisdiction;
pub mod key;
mod listed;
pub mod report;
pub mod scan;
pub mod segment;

pub use jurisdiction::{JurisdictionMention, Jurisdictions};
pub use report::{Coreference, EntitySummary, Mention, MentionKind, TextReport};
pub use scan::{OtherIndex, ScanConfig, ScanKeys, Scanner};
