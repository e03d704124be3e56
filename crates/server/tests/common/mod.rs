//! A service on a loopback port with the demo list (copied, so that tests may rewrite it), a
//! second small list, and one key per role.

#![allow(dead_code)]

use embargo_server::{KeyFile, ListSource, Role, Server, ServerConfig};
use std::path::{Path, PathBuf};

pub const DEMO: &str = include_str!("../../../../data/demo/demo.ftm.json");

/// A second list, dataset `testlist`, not a sanctions list.
pub const TESTLIST: &str = concat!(
    r#"{"id": "t:1", "schema": "Person", "caption": "Zebulon Quartermaine", "properties": {"name": ["Zebulon Quartermaine"], "birthDate": ["1971-03-02"], "topics": ["role.pep"]}, "datasets": ["testlist"]}"#,
    "\n",
    r#"{"id": "t:2", "schema": "Company", "caption": "Quartermaine Shipping Ltd", "properties": {"name": ["Quartermaine Shipping Ltd"]}, "datasets": ["testlist"]}"#,
    "\n"
);

pub struct TestServer {
    pub server: Server,
    pub base: String,
    pub dir: tempfile::TempDir,
    pub demo_path: PathBuf,
    pub test_path: PathBuf,
    pub keys: Vec<(Role, String)>,
    pub client: reqwest::Client,
}

impl TestServer {
    pub fn key(&self, role: Role) -> &str {
        &self.keys.iter().find(|(r, _)| *r == role).unwrap().1
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request with the screen key.
    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client.get(self.url(path)).header(
            "Authorization",
            format!("ApiKey {}", self.key(Role::Screen)),
        )
    }

    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.client.post(self.url(path)).header(
            "Authorization",
            format!("ApiKey {}", self.key(Role::Screen)),
        )
    }

    pub fn admin_post(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .post(self.url(path))
            .header("Authorization", format!("Bearer {}", self.key(Role::Admin)))
    }

    pub async fn stop(self) {
        self.server.shutdown().await.unwrap();
    }
}

pub fn write(path: &Path, text: &str) {
    // Write then rename, as a list download would, so a reader never sees half a file.
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

pub async fn start_with(edit: impl FnOnce(&mut ServerConfig)) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let demo_path = dir.path().join("demo.ftm.json");
    let test_path = dir.path().join("testlist.ftm.json");
    write(&demo_path, DEMO);
    write(&test_path, TESTLIST);
    let keys_path = dir.path().join("keys.json");
    let keys = Role::ALL
        .iter()
        .map(|&r| (r, KeyFile::add(&keys_path, r, Some("test")).unwrap().0))
        .collect();
    let mut config = ServerConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.path().to_path_buf(),
        keys_file: Some(keys_path),
        lists: vec![
            ListSource::new(&demo_path),
            ListSource {
                sanctions: Some(false),
                ..ListSource::new(&test_path)
            },
        ],
        ..ServerConfig::default()
    };
    edit(&mut config);
    let server = Server::start(config).await.unwrap();
    let base = format!("http://{}", server.addr());
    TestServer {
        server,
        base,
        dir,
        demo_path,
        test_path,
        keys,
        client: reqwest::Client::new(),
    }
}

pub async fn start() -> TestServer {
    start_with(|_| {}).await
}

/// Where the shared real data is (`$EMBARGO_SHARED_DATA`, else `../shared/data`).
pub fn shared_data() -> PathBuf {
    std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/data")
                .to_path_buf()
        })
}
