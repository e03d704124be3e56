//! What `embargo update` downloads and how: one typed [`UpdateConfig`], from the defaults below,
//! then `<data dir>/update.toml`, then `EMBARGO_UPDATE_*` environment variables.
//!
//! The default sources are the publishers' own URLs:
//!
//! | name | what | files |
//! |---|---|---|
//! | `un` | UN Security Council Consolidated List XML | `consolidated.xml` |
//! | `ofac-sdn` | OFAC SDN legacy CSV set (Sanctions List Service) | `sdn.csv`, `add.csv`, `alt.csv`, `sdn_comments.csv` |
//! | `ofac-cons` | OFAC non-SDN Consolidated list, same layout | `cons_prim.csv`, `cons_add.csv`, `cons_alt.csv`, `cons_comments.csv` |
//! | `eu-fsf` | EU Financial Sanctions File XML 1.1 | `eu-fsf.xml` |
//! | `uk` | UK Sanctions List XML (FCDO) | `UK-Sanctions-List.xml` |
//! | `us-csl` | US Consolidated Screening List CSV (trade.gov) | `consolidated.csv` |
//! | `opensanctions` | OpenSanctions "sanctions" collection, FtM JSON lines; **off by default** (hundreds of MB, licence terms for commercial use) | `entities.ftm.json` |
//!
//! `update.toml` sets the global knobs and adds, changes or switches off sources by name:
//!
//! ```toml
//! timeout_secs = 120
//! max_shrink_percent = 5.0
//! rescreen = true            # re-screen the case store when a list changed
//!
//! [sources.opensanctions]
//! enabled = true
//!
//! [sources.uk]
//! enabled = false
//!
//! [sources.my-list]          # a new source needs its files
//! format = "ftm"
//! files = [{ url = "https://example.org/list.ftm.json", file = "list.ftm.json" }]
//! ```
//!
//! Environment (each overrides the file): `EMBARGO_UPDATE_TIMEOUT_SECS`,
//! `EMBARGO_UPDATE_CONNECT_TIMEOUT_SECS`, `EMBARGO_UPDATE_RETRIES`, `EMBARGO_UPDATE_BACKOFF_MS`,
//! `EMBARGO_UPDATE_MAX_SHRINK_PERCENT`, `EMBARGO_UPDATE_MAX_ERRORS`, `EMBARGO_UPDATE_RESCREEN`
//! (`true`/`false`), and
//! `EMBARGO_UPDATE_SOURCES=un,ofac-sdn` to update only those sources (enabled or not).

use crate::Error;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// Everything `update` needs to know. Build it with [`UpdateConfig::load`] (defaults, file,
/// environment) or by hand (tests point `sources` at a local server).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UpdateConfig {
    /// Longest wait for the server to answer or to send the next bytes of a body. A stalled
    /// transfer fails (and is retried) instead of hanging the update.
    pub timeout_secs: u64,
    /// Longest wait to open a connection.
    pub connect_timeout_secs: u64,
    /// Further attempts after a timeout, a broken transfer, a 5xx or a 429.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff_ms: u64,
    /// Refuse a new version with more than this percentage fewer entities than the current one:
    /// a list does not lose a tenth of its designations overnight, a half-published file does.
    pub max_shrink_percent: f64,
    /// Refuse a new version whose reading reports more than this many error-level problems
    /// (records left out). OFAC sets fetched while a publication is in progress hold remarks of
    /// uids missing from `sdn.csv`; waiting for the next run is better than screening on them.
    pub max_errors: usize,
    pub user_agent: String,
    /// After the downloads, re-screen the case store when a list changed (`embargo update
    /// --rescreen` does the same): a new designation must reach the customers screened before
    /// it, not wait for someone to remember `embargo rescreen`. The library only carries the
    /// setting; the command line runs the re-screening.
    pub rescreen: bool,
    /// Sources by name, in name order.
    pub sources: Vec<SourceConfig>,
}

/// One list to keep up to date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceConfig {
    /// The name under `<data dir>/lists/` and in version records: `un`, `ofac-sdn`…
    pub name: String,
    pub enabled: bool,
    /// The `--input-format` name (`un-xml`, `ofac-csv`…); detected when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The files of one version. Several files (OFAC's CSV set) make one version, stored as a
    /// folder; one file is stored as that file.
    pub files: Vec<FileSource>,
    /// Overrides [`UpdateConfig::max_shrink_percent`] for this source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_shrink_percent: Option<f64>,
}

/// One file of a source: where it is published and the name it is stored under (which the
/// format detection reads: OFAC's set must be `sdn.csv`, `alt.csv`…).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSource {
    pub url: String,
    pub file: String,
}

const OFAC_SLS: &str = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports";

fn source(name: &str, format: &str, files: &[(&str, &str)], enabled: bool) -> SourceConfig {
    SourceConfig {
        name: name.to_string(),
        enabled,
        format: Some(format.to_string()),
        files: files
            .iter()
            .map(|(url, file)| FileSource {
                url: url.to_string(),
                file: file.to_string(),
            })
            .collect(),
        max_shrink_percent: None,
    }
}

/// The default sources table (see the module documentation).
pub fn default_sources() -> Vec<SourceConfig> {
    let ofac = |files: [&str; 4]| -> Vec<(String, String)> {
        files
            .iter()
            .map(|f| {
                (
                    format!("{OFAC_SLS}/{f}.CSV"),
                    format!("{}.csv", f.to_ascii_lowercase()),
                )
            })
            .collect()
    };
    let sdn = ofac(["SDN", "ADD", "ALT", "SDN_COMMENTS"]);
    let cons = ofac(["CONS_PRIM", "CONS_ADD", "CONS_ALT", "CONS_COMMENTS"]);
    let refs = |v: &[(String, String)]| -> Vec<(String, String)> { v.to_vec() };
    let mut out = vec![
        source(
            "un",
            "un-xml",
            &[(
                "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
                "consolidated.xml",
            )],
            true,
        ),
        source(
            "eu-fsf",
            "eu-fsf",
            &[(
                "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
                "eu-fsf.xml",
            )],
            true,
        ),
        source(
            "uk",
            "uk-xml",
            &[(
                "https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
                "UK-Sanctions-List.xml",
            )],
            true,
        ),
        source(
            "us-csl",
            "csl",
            &[(
                "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
                "consolidated.csv",
            )],
            true,
        ),
        source(
            "opensanctions",
            "ftm",
            &[(
                "https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json",
                "entities.ftm.json",
            )],
            false,
        ),
    ];
    for (name, files) in [("ofac-sdn", refs(&sdn)), ("ofac-cons", refs(&cons))] {
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(u, f)| (u.as_str(), f.as_str()))
            .collect();
        out.push(source(name, "ofac-csv", &files, true));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

impl Default for UpdateConfig {
    fn default() -> Self {
        UpdateConfig {
            timeout_secs: 60,
            connect_timeout_secs: 15,
            retries: 3,
            backoff_ms: 1000,
            max_shrink_percent: 10.0,
            max_errors: 0,
            user_agent: format!(
                "embargo/{} (sanctions list update)",
                env!("CARGO_PKG_VERSION")
            ),
            rescreen: false,
            sources: default_sources(),
        }
    }
}

/// `update.toml` as written: every field optional, sources merged by name into the defaults.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    timeout_secs: Option<u64>,
    connect_timeout_secs: Option<u64>,
    retries: Option<u32>,
    backoff_ms: Option<u64>,
    max_shrink_percent: Option<f64>,
    max_errors: Option<usize>,
    user_agent: Option<String>,
    rescreen: Option<bool>,
    #[serde(default)]
    sources: BTreeMap<String, SourcePatch>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcePatch {
    enabled: Option<bool>,
    format: Option<String>,
    files: Option<Vec<FileSource>>,
    max_shrink_percent: Option<f64>,
}

impl UpdateConfig {
    /// Defaults, then `file` when it exists, then the environment.
    pub fn load(file: &Path) -> Result<Self, Error> {
        let mut c = UpdateConfig::default();
        match std::fs::read_to_string(file) {
            Ok(text) => c.apply_toml(&text, file)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(file)(e)),
        }
        c.apply_env(|name| std::env::var(name).ok())?;
        Ok(c)
    }

    /// Merge a TOML text (see the module documentation); `path` names it in errors.
    pub fn apply_toml(&mut self, text: &str, path: &Path) -> Result<(), Error> {
        let f: FileConfig = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        macro_rules! set {
            ($($field:ident),*) => { $( if let Some(v) = f.$field { self.$field = v; } )* };
        }
        set!(
            timeout_secs,
            connect_timeout_secs,
            retries,
            backoff_ms,
            max_shrink_percent,
            max_errors,
            user_agent,
            rescreen
        );
        for (name, patch) in f.sources {
            let bad = |message: String| Error::Config {
                path: path.to_path_buf(),
                message: format!("[sources.{name}]: {message}"),
            };
            if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\']) {
                return Err(bad("a source name must be a plain file name".into()));
            }
            let i = match self.sources.iter().position(|s| s.name == name) {
                Some(i) => i,
                None => {
                    if patch.files.is_none() {
                        return Err(bad(
                            "a new source needs `files = [{ url = …, file = … }]`".into()
                        ));
                    }
                    self.sources.push(SourceConfig {
                        name: name.clone(),
                        enabled: true,
                        format: None,
                        files: Vec::new(),
                        max_shrink_percent: None,
                    });
                    self.sources.len() - 1
                }
            };
            let s = &mut self.sources[i];
            if let Some(v) = patch.enabled {
                s.enabled = v;
            }
            if let Some(v) = patch.format {
                if embargo_sources::Format::parse(&v).is_none() {
                    return Err(bad(format!("unknown format {v:?}")));
                }
                s.format = Some(v);
            }
            if let Some(files) = patch.files {
                if files.is_empty() {
                    return Err(bad("`files` is empty".into()));
                }
                for f in &files {
                    if f.file.is_empty()
                        || f.file.starts_with('.')
                        || f.file.contains(['/', '\\'])
                        || f.file == "manifest.json"
                    {
                        return Err(bad(format!(
                            "file name {:?} is not a plain file name",
                            f.file
                        )));
                    }
                }
                s.files = files;
            }
            if let Some(v) = patch.max_shrink_percent {
                s.max_shrink_percent = Some(v);
            }
        }
        self.sources.sort_by(|a, b| a.name.cmp(&b.name));
        self.check().map_err(|message| Error::Config {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Apply `EMBARGO_UPDATE_*` variables read through `var` (the process environment in
    /// [`UpdateConfig::load`]; a map in tests).
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), Error> {
        fn parse<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, Error> {
            value.trim().parse().map_err(|_| Error::Env {
                name: name.to_string(),
                value: value.to_string(),
                message: "not a number".into(),
            })
        }
        let prefix = "EMBARGO_UPDATE_";
        let name = |s: &str| format!("{prefix}{s}");
        if let Some(v) = var(&name("TIMEOUT_SECS")) {
            self.timeout_secs = parse(&name("TIMEOUT_SECS"), &v)?;
        }
        if let Some(v) = var(&name("CONNECT_TIMEOUT_SECS")) {
            self.connect_timeout_secs = parse(&name("CONNECT_TIMEOUT_SECS"), &v)?;
        }
        if let Some(v) = var(&name("RETRIES")) {
            self.retries = parse(&name("RETRIES"), &v)?;
        }
        if let Some(v) = var(&name("BACKOFF_MS")) {
            self.backoff_ms = parse(&name("BACKOFF_MS"), &v)?;
        }
        if let Some(v) = var(&name("MAX_SHRINK_PERCENT")) {
            self.max_shrink_percent = parse(&name("MAX_SHRINK_PERCENT"), &v)?;
        }
        if let Some(v) = var(&name("MAX_ERRORS")) {
            self.max_errors = parse(&name("MAX_ERRORS"), &v)?;
        }
        if let Some(v) = var(&name("RESCREEN")) {
            self.rescreen = match v.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "0" | "false" | "no" | "off" | "" => false,
                _ => {
                    return Err(Error::Env {
                        name: name("RESCREEN"),
                        value: v.clone(),
                        message: "expected true or false".into(),
                    })
                }
            };
        }
        if let Some(v) = var(&name("SOURCES")) {
            let wanted: Vec<&str> = v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            self.select(&wanted).map_err(|message| Error::Env {
                name: name("SOURCES"),
                value: v.clone(),
                message,
            })?;
        }
        self.check().map_err(|message| Error::Env {
            name: format!("{prefix}*"),
            value: String::new(),
            message,
        })
    }

    /// Enable exactly the named sources (whether or not enabled by default), disable the rest.
    /// An unknown name is an error listing the known ones.
    pub fn select(&mut self, names: &[&str]) -> Result<(), String> {
        for n in names {
            if !self.sources.iter().any(|s| s.name == *n) {
                let known: Vec<&str> = self.sources.iter().map(|s| s.name.as_str()).collect();
                return Err(format!(
                    "unknown source {n:?} (configured: {})",
                    known.join(", ")
                ));
            }
        }
        for s in &mut self.sources {
            s.enabled = names.contains(&s.name.as_str());
        }
        Ok(())
    }

    fn check(&self) -> Result<(), String> {
        if !(0.0..=100.0).contains(&self.max_shrink_percent) {
            return Err(format!(
                "max_shrink_percent {} is not between 0 and 100",
                self.max_shrink_percent
            ));
        }
        for s in &self.sources {
            if let Some(p) = s.max_shrink_percent {
                if !(0.0..=100.0).contains(&p) {
                    return Err(format!(
                        "source {}: max_shrink_percent {p} is not between 0 and 100",
                        s.name
                    ));
                }
            }
        }
        Ok(())
    }

    /// The sources to update.
    pub fn enabled(&self) -> impl Iterator<Item = &SourceConfig> {
        self.sources.iter().filter(|s| s.enabled)
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout_secs)
    }

    pub fn connect_timeout(&self) -> Duration {
        Duration::from_secs(self.connect_timeout_secs)
    }

    /// The shrink guard in force for a source.
    pub fn shrink_guard(&self, source: &SourceConfig) -> f64 {
        source.max_shrink_percent.unwrap_or(self.max_shrink_percent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(c: &UpdateConfig) -> Vec<&str> {
        c.enabled().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn defaults_name_the_official_sources() {
        let c = UpdateConfig::default();
        assert_eq!(
            names(&c),
            ["eu-fsf", "ofac-cons", "ofac-sdn", "uk", "un", "us-csl"]
        );
        let sdn = c.sources.iter().find(|s| s.name == "ofac-sdn").unwrap();
        let files: Vec<&str> = sdn.files.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(files, ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"]);
        assert!(sdn.files[0].url.ends_with("/SDN.CSV"));
        let cons = c.sources.iter().find(|s| s.name == "ofac-cons").unwrap();
        assert_eq!(cons.files[0].file, "cons_prim.csv");
        assert!(c
            .sources
            .iter()
            .any(|s| s.name == "opensanctions" && !s.enabled));
        for s in &c.sources {
            assert!(s.files.iter().all(|f| f.url.starts_with("https://")));
            assert!(embargo_sources::Format::parse(s.format.as_deref().unwrap()).is_some());
        }
        assert_eq!(c.max_shrink_percent, 10.0);
        assert!(!c.rescreen, "re-screening after an update is asked for");
    }

    #[test]
    fn toml_merges_by_name() {
        let mut c = UpdateConfig::default();
        c.apply_toml(
            r#"
timeout_secs = 5
max_shrink_percent = 2.5
rescreen = true
[sources.opensanctions]
enabled = true
[sources.uk]
enabled = false
[sources.mine]
format = "ftm"
files = [{ url = "http://127.0.0.1:1/x.json", file = "x.ftm.json" }]
"#,
            Path::new("update.toml"),
        )
        .unwrap();
        assert_eq!(c.timeout_secs, 5);
        assert_eq!(c.max_shrink_percent, 2.5);
        assert!(c.rescreen);
        assert_eq!(
            names(&c),
            [
                "eu-fsf",
                "mine",
                "ofac-cons",
                "ofac-sdn",
                "opensanctions",
                "un",
                "us-csl"
            ]
        );
    }

    #[test]
    fn toml_errors_name_file_and_source() {
        let mut c = UpdateConfig::default();
        let e = c
            .apply_toml(
                "[sources.new]\nenabled = true\n",
                Path::new("/d/update.toml"),
            )
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("/d/update.toml") && e.contains("[sources.new]"),
            "{e}"
        );
        let e = c
            .apply_toml("timeout = 3\n", Path::new("u.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown field"), "{e}");
        let e = c
            .apply_toml(
                "[sources.x]\nfiles = [{ url = \"http://a\", file = \"../evil\" }]\n",
                Path::new("u.toml"),
            )
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a plain file name"), "{e}");
        let e = c
            .apply_toml("max_shrink_percent = 150\n", Path::new("u.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("between 0 and 100"), "{e}");
    }

    #[test]
    fn environment_overrides() {
        let mut c = UpdateConfig::default();
        let env = |n: &str| match n {
            "EMBARGO_UPDATE_RETRIES" => Some("7".to_string()),
            "EMBARGO_UPDATE_RESCREEN" => Some("yes".to_string()),
            "EMBARGO_UPDATE_SOURCES" => Some("un, opensanctions".to_string()),
            _ => None,
        };
        c.apply_env(env).unwrap();
        assert_eq!(c.retries, 7);
        assert!(c.rescreen);
        assert_eq!(names(&c), ["opensanctions", "un"]);
        let e = c
            .apply_env(|n| (n == "EMBARGO_UPDATE_RESCREEN").then(|| "maybe".to_string()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("EMBARGO_UPDATE_RESCREEN"), "{e}");
        let e = c
            .apply_env(|n| (n == "EMBARGO_UPDATE_TIMEOUT_SECS").then(|| "soon".to_string()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("EMBARGO_UPDATE_TIMEOUT_SECS"), "{e}");
        let e = c
            .apply_env(|n| (n == "EMBARGO_UPDATE_SOURCES").then(|| "unn".to_string()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown source \"unn\""), "{e}");
    }
}
