//! `embargo alerts list|show|decide`: review the alerts of the case store.

use super::cases::StoreArg;
use anyhow::{bail, Result};
use embargo_cases::{Action, Alert, AlertFilter, AlertState};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// List alerts (oldest first), as a table or JSON lines.
    List {
        #[command(flatten)]
        store: StoreArg,
        /// open, true_match, false_positive (awaiting confirmation), escalated, delisted, closed.
        #[arg(long, value_parser = parse_state)]
        state: Option<AlertState>,
        /// Only the alerts of this record id.
        #[arg(long)]
        record: Option<String>,
        /// Only the alerts of this listed entity id (e.g. `ofac-sdn:20157`).
        #[arg(long)]
        entity: Option<String>,
        /// Only the alerts raised by this run.
        #[arg(long)]
        run: Option<String>,
        /// Only alerts with an id above this (paging).
        #[arg(long)]
        after: Option<i64>,
        #[arg(long, default_value_t = 100)]
        limit: i64,
        #[arg(long)]
        json: bool,
    },
    /// Show one alert: the record, the listed entity, the score explained, the decisions taken.
    Show {
        id: i64,
        #[command(flatten)]
        store: StoreArg,
        #[arg(long)]
        json: bool,
    },
    /// Decide on an alert: true_match, false_positive or escalate (with a comment); confirm
    /// or reject another analyst's proposal (four eyes).
    Decide {
        id: i64,
        /// true_match, false_positive, escalate, confirm or reject.
        #[arg(value_parser = parse_action)]
        action: Action,
        /// Who decides (a second, different analyst must confirm a closure).
        #[arg(long, env = "EMBARGO_ANALYST")]
        analyst: String,
        /// Why (required except to confirm).
        #[arg(long, default_value = "")]
        comment: String,
        #[command(flatten)]
        store: StoreArg,
    },
}

fn parse_state(s: &str) -> Result<AlertState, String> {
    s.parse()
}

fn parse_action(s: &str) -> Result<Action, String> {
    s.parse()
}

fn state_text(a: &Alert) -> String {
    match (a.state, a.resolution) {
        (AlertState::Closed, Some(v)) => format!("closed ({})", v.as_str()),
        (AlertState::TrueMatch | AlertState::FalsePositive, _) => format!(
            "{} (awaits confirmation; proposed by {})",
            a.state,
            a.proposed_by.as_deref().unwrap_or("?")
        ),
        (s, _) => s.to_string(),
    }
}

pub fn run(c: Command) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let r = match c {
        Command::List {
            store,
            state,
            record,
            entity,
            run,
            after,
            limit,
            json,
        } => {
            let store = store.open()?;
            let alerts = store.alerts(&AlertFilter {
                state,
                record_id: record,
                entity_id: entity,
                run_id: run,
                after_id: after,
                limit: Some(limit),
            })?;
            if json {
                for a in &alerts {
                    serde_json::to_writer(&mut out, a)?;
                    writeln!(out)?;
                }
            } else if alerts.is_empty() {
                writeln!(out, "No alert.")?;
            } else {
                writeln!(
                    out,
                    "{:>6}  {:<16} {:<5} {:<14} {:<16} {:<22} listed name",
                    "id", "state", "score", "reason", "record", "entity"
                )?;
                for a in &alerts {
                    let state = match (a.state, a.resolution) {
                        (AlertState::Closed, Some(v)) => format!("closed:{}", v.as_str()),
                        (s, _) => s.to_string(),
                    };
                    writeln!(
                        out,
                        "{:>6}  {:<16} {:<5.3} {:<14} {:<16} {:<22} {}",
                        a.id,
                        state,
                        a.score,
                        a.reason.as_str(),
                        a.record_id,
                        a.entity_id,
                        a.caption
                    )?;
                }
                if alerts.len() as i64 == limit {
                    writeln!(
                        out,
                        "(first {limit}; more with --after {})",
                        alerts.last().map_or(0, |a| a.id)
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, store, json } => {
            let store = store.open()?;
            let Some(a) = store.alert(id)? else {
                bail!("alert {id} does not exist");
            };
            let record = store.record(&a.record_id)?;
            let decisions = store.decisions(id)?;
            if json {
                serde_json::to_writer_pretty(
                    &mut out,
                    &serde_json::json!({
                        "alert": a,
                        "record": record.map(|r| r.record),
                        "decisions": decisions,
                    }),
                )?;
                writeln!(out)?;
                return Ok(ExitCode::SUCCESS);
            }
            writeln!(out, "alert {}: {}", a.id, state_text(&a))?;
            writeln!(
                out,
                "record   {} {}",
                a.record_id,
                record
                    .as_ref()
                    .map(|r| serde_json::to_string(&r.record).unwrap_or_default())
                    .unwrap_or_else(|| "(no longer stored)".into())
            )?;
            writeln!(out, "entity   {} {}", a.entity_id, a.caption)?;
            writeln!(
                out,
                "score    {:.3}   reason: {}",
                a.score,
                a.reason.as_str()
            )?;
            writeln!(out, "raised   {} by run {}", a.created_at, a.run_id)?;
            writeln!(out, "lists    {}", a.list_version)?;
            writeln!(
                out,
                "engine   {}   configuration {}",
                a.engine_version,
                &a.config_hash[..16.min(a.config_hash.len())]
            )?;
            writeln!(out, "programs {}", a.entity_programs)?;
            if let Some(b) = a.state_before_delisting {
                writeln!(out, "delisted: the entity left its list (was {b})")?;
            }
            print_explanation(&mut out, &a.explanation)?;
            if decisions.is_empty() {
                writeln!(out, "no decision yet")?;
            }
            for d in &decisions {
                writeln!(
                    out,
                    "  {} {} by {}: {} → {}{}",
                    d.at,
                    d.action,
                    d.analyst,
                    d.state_before,
                    d.state_after,
                    if d.comment.is_empty() {
                        String::new()
                    } else {
                        format!(" \"{}\"", d.comment)
                    }
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Decide {
            id,
            action,
            analyst,
            comment,
            store,
        } => {
            let store = store.open()?;
            let a = store.decide(id, action, &analyst, &comment)?;
            writeln!(out, "alert {}: {}", a.id, state_text(&a))?;
            Ok(ExitCode::SUCCESS)
        }
    };
    out.flush()?;
    r
}

/// The matcher's explanation as lines: which name matched how, and what qualifiers did.
fn print_explanation(out: &mut impl Write, e: &serde_json::Value) -> std::io::Result<()> {
    if let Some(n) = e.get("name").filter(|n| !n.is_null()) {
        let tokens: Vec<String> = n
            .get("tokens")
            .and_then(|t| t.as_array())
            .map(|ts| {
                ts.iter()
                    .map(|t| {
                        format!(
                            "{}→{} ({} {:.2})",
                            t.get("query").and_then(|v| v.as_str()).unwrap_or(""),
                            t.get("candidate").and_then(|v| v.as_str()).unwrap_or(""),
                            t.get("how").and_then(|v| v.as_str()).unwrap_or(""),
                            t.get("similarity").and_then(|v| v.as_f64()).unwrap_or(0.0)
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        writeln!(
            out,
            "name     {} {:?} ~ {:?}: {}",
            n.get("name_kind").and_then(|v| v.as_str()).unwrap_or(""),
            n.get("query_name").and_then(|v| v.as_str()).unwrap_or(""),
            n.get("matched_name").and_then(|v| v.as_str()).unwrap_or(""),
            tokens.join(", ")
        )?;
    }
    if let Some(qs) = e.get("qualifiers").and_then(|q| q.as_array()) {
        for q in qs {
            writeln!(
                out,
                "         {} {}: {:+.2} (record {}, listed {})",
                q.get("feature").and_then(|v| v.as_str()).unwrap_or(""),
                q.get("outcome").and_then(|v| v.as_str()).unwrap_or(""),
                q.get("effect").and_then(|v| v.as_f64()).unwrap_or(0.0),
                q.get("query").and_then(|v| v.as_str()).unwrap_or(""),
                q.get("candidate").and_then(|v| v.as_str()).unwrap_or("")
            )?;
        }
    }
    Ok(())
}
