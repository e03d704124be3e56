//! Continuous screening of a stored customer base: a full screening once, then after each list
//! update a *delta* run that finds exactly the alerts a full re-run would newly raise, at a
//! fraction of its cost.
//!
//! - [`screening`]: the full run ([`screen_full`]), its alerts and near misses, and the state
//!   ([`Prior`]) a delta run starts from;
//! - [`delta`]: the delta run ([`DeltaIndex`]) and what a list update asks of it ([`EntityDelta`]);
//! - [`continuous`]: the same against a case store ([`embargo_cases`]): `embargo rescreen`, and
//!   the automatic re-screening after `embargo update` ([`continuous::rescreen`]);
//! - [`generate`]: a deterministic 100,000-record customer base made from the eval rows, for the
//!   benchmark (`cargo bench -p embargo-rescreen`) and `embargo rescreen --generate`.
//!
//! ```no_run
//! use embargo_rescreen::{screen_full, DeltaIndex, EntityDelta, Prior};
//! # let (old, new, records): (embargo_matcher::Index, embargo_matcher::Index, Vec<embargo_matcher::Query>) = todo!();
//! let config = embargo_matcher::MatchConfig::default();
//! let prior = Prior::from_results(&screen_full(&old, &records, &config));
//! let delta = EntityDelta::between(old.entities(), new.entities());
//! let outcome = DeltaIndex::new(&new, &delta).run(&records, &Default::default(), &prior, &Default::default(), &config);
//! println!("{} new alerts, {} delisted", outcome.new_alerts.len(), outcome.delisted.len());
//! ```

pub mod continuous;
pub mod delta;
pub mod generate;
pub mod screening;

pub use delta::{DeltaCounts, DeltaIndex, DeltaOutcome, EntityDelta, PreparedRecords};
pub use screening::{newly_found, screen_full, Finding, Pair, Prior, Results};
