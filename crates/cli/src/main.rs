//! `embargo`: the command-line front end. Argument parsing and output only; the work is done by
//! the library crates (sources, names, matcher, batch, eval).

mod commands;
mod explanation_text;
mod lists_arg;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "embargo",
    version,
    about = "Sanctions screening: read official lists, match names across scripts, explain every score.",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Screen one name, or a whole customer file, against lists.
    Screen(commands::screen::Args),
    /// Score two names, or every pair in a CSV file.
    Compare(commands::compare::Args),
    /// Download the official lists into the data directory (conditional requests, retries,
    /// validation, versions kept) and report what changed.
    Update(commands::update::Args),
    /// Inspect lists: counts per schema, programme and source; facts parsed; problems found.
    Lists {
        #[command(subcommand)]
        command: commands::lists::Command,
    },
    /// Export lists in another format (FollowTheMoney JSON lines).
    Export(commands::export::Args),
    /// Evaluate matching quality on the labelled data (`../shared/data/eval`).
    Eval(commands::eval::Args),
    /// Find listed parties and sanctioned jurisdictions mentioned in free text.
    Text(commands::text::Args),
    /// Run the HTTP screening service.
    Serve(commands::serve::Args),
    /// Manage API keys of the HTTP service.
    Keys {
        #[command(subcommand)]
        command: commands::keys::Command,
    },
    /// Re-screen the stored customer base after a list update: only against the added and
    /// changed entities (changed customers against everything), raising new alerts only.
    Rescreen(commands::rescreen::Args),
    /// Store customer records and screen them, keeping alerts (the case store).
    Cases {
        #[command(subcommand)]
        command: commands::cases::Command,
    },
    /// Review alerts: list, show, decide (four eyes).
    Alerts {
        #[command(subcommand)]
        command: commands::alerts::Command,
    },
    /// Verify or export the case store's hash-chained audit trail.
    Audit {
        #[command(subcommand)]
        command: commands::audit::Command,
    },
}

/// Output piped into a command that stops reading (`embargo compare … | head`) ends the
/// process quietly, as other Unix tools do, instead of a panic in `println!`.
#[cfg(unix)]
fn end_quietly_on_closed_pipe() {
    // SAFETY: called first in `main`, before any other thread exists; it only restores the
    // default action of SIGPIPE that the Rust runtime set to "ignore".
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    #[cfg(unix)]
    end_quietly_on_closed_pipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Screen(a) => commands::screen::run(a),
        Command::Compare(a) => commands::compare::run(a),
        Command::Lists { command } => commands::lists::run(command),
        Command::Update(a) => commands::update::run(a),
        Command::Export(a) => commands::export::run(a),
        Command::Eval(a) => commands::eval::run(a),
        Command::Text(a) => commands::text::run(a),
        Command::Serve(a) => commands::serve::run(a),
        Command::Keys { command } => commands::keys::run(command),
        Command::Rescreen(a) => commands::rescreen::run(a),
        Command::Cases { command } => commands::cases::run(command),
        Command::Alerts { command } => commands::alerts::run(command),
        Command::Audit { command } => commands::audit::run(command),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
