//! Evaluation of matching quality, computing exactly the definitions of `EVALUATION.md` so that
//! figures are comparable across versions and with peers.
//!
//! Sets: labelled name pairs ([`pairs`]), transliteration pairs ([`transliteration`]), screening
//! sets of queries against whole lists ([`screening`]) and the control test of every published
//! name ([`control`]). [`floors`] holds the minimum figures CI enforces; [`plot`] draws the score
//! distributions and precision–recall curves ([`curves`]) for threshold tuning.

pub mod control;
pub mod curves;
pub mod floors;
pub mod metrics;
pub mod pairs;
pub mod plot;
pub mod screening;
pub mod transliteration;

pub use floors::Floors;
