//! Analysts' decisions on alerts and the four-eyes rule.
//!
//! One analyst proposes `true_match` or `false_positive` (with a comment); with four eyes on,
//! a *different* analyst must `confirm` it before the alert is closed, or `reject` it (back to
//! open). `escalate` hands the alert to a senior reviewer without closing it. A closed alert
//! takes no more decisions; a delisted one is decided like an open one.
//!
//! ```
//! use embargo_cases::{decision::{transition, Action, Status}, AlertState, Verdict};
//! let open = Status { state: AlertState::Open, resolution: None, proposed_by: None };
//! let pending = transition(&open, Action::FalsePositive, "ana", "namesake, other DOB", true).unwrap();
//! assert_eq!(pending.state, AlertState::FalsePositive);
//! assert!(transition(&pending, Action::Confirm, "ana", "", true).is_err()); // same analyst
//! let closed = transition(&pending, Action::Confirm, "bob", "", true).unwrap();
//! assert_eq!((closed.state, closed.resolution), (AlertState::Closed, Some(Verdict::FalsePositive)));
//! ```

use crate::alert::{AlertState, Verdict};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What an analyst does to an alert.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    TrueMatch,
    FalsePositive,
    Escalate,
    Confirm,
    Reject,
}

impl Action {
    pub const ALL: [Action; 5] = [
        Action::TrueMatch,
        Action::FalsePositive,
        Action::Escalate,
        Action::Confirm,
        Action::Reject,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::TrueMatch => "true_match",
            Action::FalsePositive => "false_positive",
            Action::Escalate => "escalate",
            Action::Confirm => "confirm",
            Action::Reject => "reject",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Action {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let norm = match norm.as_str() {
            "escalated" => "escalate",
            "confirmed" => "confirm",
            "rejected" => "reject",
            other => other,
        };
        Action::ALL
            .into_iter()
            .find(|a| a.as_str() == norm)
            .ok_or_else(|| {
                format!("unknown decision {s:?} (one of: true_match, false_positive, escalate, confirm, reject)")
            })
    }
}

/// The review status of an alert: what a decision reads and writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub state: AlertState,
    pub resolution: Option<Verdict>,
    pub proposed_by: Option<String>,
}

/// A recorded decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: i64,
    pub alert_id: i64,
    pub action: Action,
    pub analyst: String,
    pub comment: String,
    pub state_before: AlertState,
    pub state_after: AlertState,
    pub at: String,
}

/// Apply `action` by `analyst`; `Err` says why it is not allowed.
pub fn transition(
    current: &Status,
    action: Action,
    analyst: &str,
    comment: &str,
    four_eyes: bool,
) -> Result<Status, String> {
    if analyst.trim().is_empty() {
        return Err("the analyst is required".into());
    }
    if action != Action::Confirm && comment.trim().is_empty() {
        return Err(format!("a comment is required to {action}"));
    }
    use AlertState::*;
    let pending = matches!(current.state, TrueMatch | FalsePositive);
    match (current.state, action) {
        (Closed, _) => Err(format!(
            "the alert is closed ({}); it takes no more decisions",
            current.resolution.map_or("no verdict", |v| v.as_str())
        )),
        (Open | Escalated | Delisted, Action::TrueMatch | Action::FalsePositive) => {
            let verdict = if action == Action::TrueMatch {
                Verdict::TrueMatch
            } else {
                Verdict::FalsePositive
            };
            Ok(if four_eyes {
                Status {
                    state: if verdict == Verdict::TrueMatch {
                        TrueMatch
                    } else {
                        FalsePositive
                    },
                    resolution: None,
                    proposed_by: Some(analyst.to_string()),
                }
            } else {
                Status {
                    state: Closed,
                    resolution: Some(verdict),
                    proposed_by: Some(analyst.to_string()),
                }
            })
        }
        (Open | Delisted, Action::Escalate) => Ok(Status {
            state: Escalated,
            resolution: None,
            proposed_by: None,
        }),
        (Escalated, Action::Escalate) => Err("the alert is already escalated".into()),
        (_, Action::TrueMatch | Action::FalsePositive | Action::Escalate) if pending => {
            Err(format!(
                "the alert awaits confirmation of {} proposed by {}: confirm or reject it first",
                current.state,
                current.proposed_by.as_deref().unwrap_or("an analyst")
            ))
        }
        (_, Action::Confirm) if pending => {
            let proposer = current.proposed_by.as_deref().unwrap_or("");
            if proposer == analyst {
                return Err(format!(
                    "four eyes: {analyst} proposed this {}; a different analyst must confirm it",
                    current.state
                ));
            }
            Ok(Status {
                state: Closed,
                resolution: Some(if current.state == TrueMatch {
                    Verdict::TrueMatch
                } else {
                    Verdict::FalsePositive
                }),
                proposed_by: current.proposed_by.clone(),
            })
        }
        (_, Action::Reject) if pending => Ok(Status {
            state: Open,
            resolution: None,
            proposed_by: None,
        }),
        (state, Action::Confirm | Action::Reject) => Err(format!(
            "the alert is {state}: there is no proposal to {action}"
        )),
        (state, action) => Err(format!("cannot {action} an alert that is {state}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> Status {
        Status {
            state: AlertState::Open,
            resolution: None,
            proposed_by: None,
        }
    }

    #[test]
    fn four_eyes_flow() {
        let p = transition(
            &open(),
            Action::TrueMatch,
            "ana",
            "same DOB and passport",
            true,
        )
        .unwrap();
        assert_eq!(p.state, AlertState::TrueMatch);
        assert!(transition(&p, Action::FalsePositive, "bob", "x", true).is_err());
        assert!(transition(&p, Action::Confirm, "ana", "", true)
            .unwrap_err()
            .contains("four eyes"));
        let back = transition(&p, Action::Reject, "bob", "passport differs", true).unwrap();
        assert_eq!(back, open());
        let c = transition(&p, Action::Confirm, "bob", "", true).unwrap();
        assert_eq!(c.state, AlertState::Closed);
        assert_eq!(c.resolution, Some(Verdict::TrueMatch));
        assert!(transition(&c, Action::Escalate, "bob", "x", true).is_err());
    }

    #[test]
    fn without_four_eyes_one_analyst_closes() {
        let c = transition(&open(), Action::FalsePositive, "ana", "namesake", false).unwrap();
        assert_eq!(c.state, AlertState::Closed);
        assert_eq!(c.resolution, Some(Verdict::FalsePositive));
    }

    #[test]
    fn comments_and_escalation() {
        assert!(transition(&open(), Action::FalsePositive, "ana", " ", true).is_err());
        assert!(transition(&open(), Action::Confirm, "ana", "", true).is_err());
        let e = transition(&open(), Action::Escalate, "ana", "unsure", true).unwrap();
        assert_eq!(e.state, AlertState::Escalated);
        assert!(transition(&e, Action::Escalate, "bob", "again", true).is_err());
        let p = transition(&e, Action::FalsePositive, "sen", "cleared", true).unwrap();
        assert_eq!(p.state, AlertState::FalsePositive);
        let d = Status {
            state: AlertState::Delisted,
            resolution: Some(Verdict::TrueMatch),
            proposed_by: None,
        };
        assert_eq!(
            transition(&d, Action::TrueMatch, "ana", "still him", true)
                .unwrap()
                .state,
            AlertState::TrueMatch
        );
    }

    #[test]
    fn parse_actions() {
        assert_eq!(
            "false-positive".parse::<Action>().unwrap(),
            Action::FalsePositive
        );
        assert_eq!("escalated".parse::<Action>().unwrap(), Action::Escalate);
        assert!("close".parse::<Action>().is_err());
    }
}
