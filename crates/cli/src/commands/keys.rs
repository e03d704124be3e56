//! `embargo keys`: API keys of the HTTP service, stored hashed in the data directory.

use anyhow::{Context, Result};
use embargo_server::{KeyFile, Role, ServerConfig};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Make a key and print it once (only its hash is stored).
    Add {
        /// screen (screening), analyst (screening and cases) or admin (everything, reloads).
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// A note saying whose key it is.
        #[arg(long)]
        label: Option<String>,
        /// Keys file [default: $EMBARGO_KEYS_FILE, else <data dir>/keys.json].
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// List keys: id, role, creation date, label (never the keys).
    List {
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Revoke a key by its id (a running service stops accepting it within a second).
    Revoke {
        /// The id `keys list` shows.
        id: String,
        #[arg(long)]
        file: Option<PathBuf>,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

fn keys_path(file: Option<PathBuf>) -> Result<PathBuf> {
    match file {
        Some(f) => Ok(f),
        None => Ok(ServerConfig::load(None)
            .context("configuration")?
            .keys_path()),
    }
}

pub fn run(c: Command) -> Result<ExitCode> {
    match c {
        Command::Add { role, label, file } => {
            let path = keys_path(file)?;
            let (key, rec) = KeyFile::add(&path, role, label.as_deref())?;
            println!("{key}");
            eprintln!(
                "key {} ({} role) stored hashed in {}; it is shown only this once.\n\
                 Send it as `Authorization: ApiKey <key>` or `Authorization: Bearer <key>`.",
                rec.id,
                rec.role,
                path.display()
            );
        }
        Command::List { file } => {
            let path = keys_path(file)?;
            let f = KeyFile::read(&path)?;
            let mut out = std::io::stdout().lock();
            if f.keys.is_empty() {
                writeln!(out, "No key in {}.", path.display())?;
            } else {
                writeln!(out, "{:<10} {:<8} {:<21} label", "id", "role", "created")?;
                for k in &f.keys {
                    writeln!(
                        out,
                        "{:<10} {:<8} {:<21} {}",
                        k.id,
                        k.role.as_str(),
                        k.created,
                        k.label.as_deref().unwrap_or("")
                    )?;
                }
            }
        }
        Command::Revoke { id, file } => {
            let path = keys_path(file)?;
            if !KeyFile::revoke(&path, &id)? {
                eprintln!("no key with id {id} in {}", path.display());
                return Ok(ExitCode::from(1));
            }
            eprintln!("key {id} revoked");
        }
    }
    Ok(ExitCode::SUCCESS)
}
