//! A number one vessel name adds to the other: "Victory 3" may be the "Victory", renamed, or a
//! sister ship of her fleet.
//!
//! In a company name an added series number makes another entity ("Romashka 2 LLC" is not
//! "Romashka LLC"), so [`crate::score::numbers_cost`] prices a number on one side only as a full
//! conflict. A ship is one hull under a succession of names, and owners who evade sanctions
//! rename her by the least change that defeats an exact match: a number added or dropped. A
//! fleet numbers its sister ships the same way. Either must reach a reviewer, as two different
//! numbers on an otherwise equal vessel name already do ("Zu Zag Bong 5" / "6", priced at
//! [`NUMBER_SWAP`]): a vessel's number on one side only is priced the same.

use crate::score::NUMBER_SWAP;

/// What unaligned numbers cost in two vessel names, given their weight on the query side
/// (`nq`) and the listed side (`nc`): [`NUMBER_SWAP`] for each, facing one another or not.
/// Exactly the least [`crate::score::numbers_cost`] can be, which `bound.rs` relies on.
pub fn vessel_numbers_cost(nq: f64, nc: f64) -> f64 {
    NUMBER_SWAP * (nq + nc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commonness::TokenStats;
    use crate::prepared::PreparedName;
    use crate::score::{numbers_cost, score_names};
    use embargo_model::{NameKind, Schema};

    fn named(s: &str, schema: Schema) -> PreparedName {
        PreparedName::new(s, NameKind::Primary, Some(schema), &TokenStats::default())
    }

    #[test]
    fn never_below_what_the_bound_prices() {
        for (nq, nc) in [(1.0, 0.0), (0.0, 1.0), (1.0, 1.0), (2.0, 1.0)] {
            let v = vessel_numbers_cost(nq, nc);
            assert!(v >= NUMBER_SWAP * (nq + nc) - 1e-12);
            assert!(v <= numbers_cost(nq, nc) + 1e-12);
        }
    }

    #[test]
    fn a_number_added_to_a_ship_name_is_seen() {
        let s = score_names(
            &named("Amur", Schema::Vessel),
            &named("Amur 2", Schema::Vessel),
        );
        assert!(s.score >= 0.7, "{}", s.score);
        // A company's is another company still.
        let s = score_names(
            &named("Romashka LLC", Schema::Company),
            &named("Romashka 2 LLC", Schema::Company),
        );
        assert!(s.score < 0.7, "{}", s.score);
    }
}
