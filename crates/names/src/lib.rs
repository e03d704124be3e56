//! Names: the knowledge that turns a published name, in any script, into comparable tokens.
//!
//! [`analyze`] is the entry point: it normalises a name ([`normalize`]), splits it into tokens,
//! detects each token's script ([`script`]), brings it into the Latin comparison space
//! ([`transliterate`]), and tags what the token is: a legal form ([`legal_form`]), an honorific
//! ([`honorific`]), a name particle ([`particle`]), an initial or a number. [`skeleton`] gives
//! the phonetic key used for candidate retrieval and as one similarity signal.
//!
//! ```
//! use embargo_names::{analyze, NameStyle, TokenRole};
//! let toks = analyze("SIS d.o.o.", NameStyle::Organization);
//! assert_eq!(toks[0].text, "sis");
//! assert_eq!(toks[1].role, TokenRole::LegalForm("doo"));
//! ```

// The learned cross-script model passes alignment spans as tuples.
#![allow(clippy::type_complexity)]

pub mod alternative;
pub mod analyze;
pub mod cognate;
pub mod confusable;
pub mod consonant_key;
pub mod crossscript;
pub mod first_letter;
pub mod gaelic_prefix;
pub mod given_name;
pub mod hangul;
pub mod honorific;
pub mod khmer;
pub mod legal_form;
pub mod mandarin_reading;
pub mod nickname;
pub mod normalize;
pub mod number_word;
pub mod particle;
pub mod persian_suffix;
pub mod regnal;
pub mod respell;
pub mod script;
pub mod sino_korean;
pub mod skeleton;
pub mod transliterate;
pub mod wade_giles;

pub use analyze::{analyze, NameStyle, NameToken, TokenRole};
pub use script::Script;
