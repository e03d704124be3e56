//! Test stores on SQLite (a temporary file) and PostgreSQL (a fresh database on the server named
//! by `EMBARGO_TEST_POSTGRES_URL`; `scripts/postgres.sh start` starts one).

#![allow(dead_code)]

use embargo_cases::{BlockingStore, StoreUrl};
use sqlx::{AnyConnection, Connection, Executor};

pub struct TestStore {
    pub store: BlockingStore,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestStore {
    /// Run raw SQL against the store's database (to tamper with it, as an attacker would).
    pub fn raw(&self, sql: &str) {
        let url = self.url.clone();
        let sql = sql.to_string();
        // A separate runtime on another thread: the store's own runtime is not re-entrant.
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                sqlx::any::install_default_drivers();
                let mut c = AnyConnection::connect(&url).await.unwrap();
                c.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
                c.close().await.unwrap();
            })
        })
        .join()
        .unwrap();
    }
}

pub fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.db");
    let url = format!("sqlite://{}", path.display());
    let store = BlockingStore::open(&url.parse::<StoreUrl>().unwrap()).unwrap();
    TestStore {
        store,
        url: format!("{url}?mode=rw"),
        _dir: Some(dir),
    }
}

/// A fresh database on the test server. Panics (the test fails) when the server is not
/// configured: these tests are `#[ignore]`d by default and `.ci/run` runs them with the URL set.
pub fn postgres() -> TestStore {
    let url = embargo_cases::test_database::fresh_postgres_database("test")
        .unwrap_or_else(|e| panic!("{e}"));
    let store = BlockingStore::open(&url.parse::<StoreUrl>().unwrap()).unwrap();
    TestStore {
        store,
        url,
        _dir: None,
    }
}

/// Generate each test twice: on SQLite, and on PostgreSQL (ignored unless asked for).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(super::common::sqlite());
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                #[ignore = "needs PostgreSQL: EMBARGO_TEST_POSTGRES_URL (scripts/postgres.sh start)"]
                fn $name() {
                    super::$name(super::common::postgres());
                }
            )*
        }
    };
}
