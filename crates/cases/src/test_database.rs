//! A fresh PostgreSQL database for a test: the crash, update and API suites of several crates
//! each need one on the server that `scripts/postgres.sh start` runs (its URL in
//! `EMBARGO_TEST_POSTGRES_URL`, ending with `/DATABASE`). Kept here, next to the store it is
//! for, so that those suites do not each carry their own copy. Not for production use.

use sqlx::{AnyConnection, Connection, Executor};

/// Create a database named `embargo_<tag>_<random>` on the test server; its URL.
///
/// Errors (as text, for the test to fail with) when `EMBARGO_TEST_POSTGRES_URL` is unset or
/// malformed, or the server refuses: the PostgreSQL tests must fail, never be skipped silently.
pub fn fresh_postgres_database(tag: &str) -> Result<String, String> {
    let base = std::env::var("EMBARGO_TEST_POSTGRES_URL").map_err(|_| {
        "EMBARGO_TEST_POSTGRES_URL is not set: start a server with \
         `eval \"$(scripts/postgres.sh start)\"` (the PostgreSQL tests must not be skipped silently)"
            .to_string()
    })?;
    let (prefix, _) = base
        .rsplit_once('/')
        .ok_or_else(|| format!("EMBARGO_TEST_POSTGRES_URL ({base}) must end with /DATABASE"))?;
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).map_err(|e| format!("no randomness for a database name: {e}"))?;
    let name = format!("embargo_{tag}_{}", hex::encode(b));
    let create = format!("CREATE DATABASE {name}");
    let admin = base.clone();
    let url = format!("{prefix}/{name}");
    // Its own runtime on its own thread: a caller may be inside a runtime already.
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("tokio runtime: {e}"))?;
        rt.block_on(async {
            sqlx::any::install_default_drivers();
            let mut c = AnyConnection::connect(&admin)
                .await
                .map_err(|e| format!("connecting to {admin}: {e}"))?;
            c.execute(sqlx::AssertSqlSafe(create))
                .await
                .map_err(|e| format!("creating database {name} on {admin}: {e}"))?;
            c.close().await.map_err(|e| e.to_string())
        })
    })
    .join()
    .map_err(|_| "the database-creating thread panicked".to_string())??;
    Ok(url)
}
