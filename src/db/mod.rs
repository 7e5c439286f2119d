//! Database access: one connection type over SQLite and PostgreSQL, the pool, migrations, transactions.

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::config::DatabaseSettings;
use crate::error::Error;

pub mod writers;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Which database engine a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend named by the URL scheme, or `None` for anything else (never guessed).
    pub fn from_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite://") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// A connection to either backend; queries written once run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

impl DbConn {
    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Postgres(_) => Backend::Postgres,
            DbConn::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// Opens connections for the pool, choosing the backend from the URL scheme and applying
/// the SQLite settings on every new connection.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: String,
    backend: Backend,
    busy_timeout_ms: u32,
}

impl ConnectionManager {
    pub fn new(url: &str, busy_timeout_ms: u32) -> Result<Self, Error> {
        let backend = Backend::from_url(url).ok_or_else(|| Error::internal("database.url has an unknown scheme"))?;
        Ok(Self { url: url.to_string(), backend, busy_timeout_ms })
    }

    /// Opens one connection outside the pool (migrations, CLI).
    pub fn open(&self) -> Result<DbConn, ConnectionError> {
        match self.backend {
            Backend::Postgres => PgConnection::establish(&self.url).map(DbConn::Postgres),
            Backend::Sqlite => {
                let path = sqlite_path(&self.url);
                if let Some(parent) = std::path::Path::new(path).parent() {
                    if !parent.as_os_str().is_empty() {
                        std::fs::create_dir_all(parent).map_err(|e| {
                            ConnectionError::BadConnection(format!(
                                "cannot create the folder {}: {e}",
                                parent.display()
                            ))
                        })?;
                    }
                }
                let mut conn = SqliteConnection::establish(path)?;
                // WAL lets readers proceed during a write; FULL makes a committed receipt
                // survive a power cut; foreign keys are off by default in SQLite.
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {};
                     PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = FULL;
                     PRAGMA foreign_keys = ON;",
                    self.busy_timeout_ms
                ))
                .map_err(|e| ConnectionError::BadConnection(e.to_string()))?;
                let file = sqlite_file(&mut conn).map_err(|e| ConnectionError::BadConnection(e.to_string()))?;
                writers::register(&file, Duration::from_millis(u64::from(self.busy_timeout_ms)));
                Ok(DbConn::Sqlite(conn))
            }
        }
    }
}

#[derive(QueryableByName)]
struct DatabaseFile {
    #[diesel(sql_type = diesel::sql_types::Text)]
    file: String,
}

/// The file of the connection's main database as SQLite resolved it (the writer queue's key).
fn sqlite_file(conn: &mut SqliteConnection) -> QueryResult<String> {
    diesel::sql_query("SELECT file FROM pragma_database_list WHERE name = 'main'")
        .get_result::<DatabaseFile>(conn)
        .map(|d| d.file)
}

/// The file path inside a `sqlite://` URL.
pub fn sqlite_path(url: &str) -> &str {
    url.trim_start_matches("sqlite://")
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConn;
    type Error = ConnectionError;

    fn connect(&self) -> Result<DbConn, ConnectionError> {
        self.open()
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), ConnectionError> {
        diesel::sql_query("SELECT 1")
            .execute(conn)
            .map(|_| ())
            .map_err(|e| ConnectionError::BadConnection(e.to_string()))
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
    }
}

pub type Pool = r2d2::Pool<ConnectionManager>;

/// Builds the connection pool; fails fast when the database cannot be reached.
pub fn build_pool(settings: &DatabaseSettings) -> Result<Pool, Error> {
    let manager = ConnectionManager::new(&settings.url, settings.sqlite_busy_timeout_ms)?;
    if manager.backend == Backend::Sqlite {
        // Switching a new file to WAL needs the database to itself; do it once before the
        // pool opens its connections in parallel.
        manager.open().map_err(|e| Error::internal(format!("cannot open the database: {e}")))?;
    }
    r2d2::Pool::builder()
        .max_size(settings.pool_size)
        // Open connections as they are needed rather than all at start-up.
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(settings.checkout_timeout_secs))
        .test_on_check_out(false)
        .build(manager)
        .map_err(|e| Error::internal(format!("cannot open the database: {e}")))
}

/// Applies pending migrations of the connection's backend; returns their names.
pub fn run_migrations(conn: &mut DbConn) -> Result<Vec<String>, Error> {
    let applied = match conn {
        DbConn::Postgres(c) => {
            c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|v| v.iter().map(|m| m.to_string()).collect())
        }
        DbConn::Sqlite(c) => {
            c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.iter().map(|m| m.to_string()).collect())
        }
    };
    applied.map_err(|e| Error::internal(format!("migration failed: {e}")))
}

/// Runs `f` in a write transaction. On SQLite the writer first waits its turn in the process's
/// queue for the file (`writers`: first come, first served), then takes the write lock up front
/// with `BEGIN IMMEDIATE`, so a concurrent writer waits instead of failing mid-way; a writer
/// that waits longer than the busy timeout gets `Unavailable` and nothing is written. Inside
/// another transaction it is a savepoint, so use cases can call each other.
pub fn write_tx<T, F>(conn: &mut DbConn, f: F) -> Result<T, Error>
where
    F: FnOnce(&mut DbConn) -> Result<T, Error>,
{
    let nested = match conn {
        DbConn::Sqlite(inner) => {
            AnsiTransactionManager::transaction_manager_status_mut(inner).transaction_depth()?.is_some()
        }
        DbConn::Postgres(_) => true,
    };
    if nested {
        // PostgreSQL, or a write inside another write: a plain (nested) transaction, i.e. a
        // savepoint inside the outer one; the outer transaction already holds the lock.
        return conn.transaction(f);
    }
    match conn {
        DbConn::Postgres(_) => conn.transaction(f),
        DbConn::Sqlite(inner) => {
            let queue = writers::queue_of(&sqlite_file(inner)?);
            let _turn = match &queue {
                Some(q) => Some(q.enter().ok_or(Error::Unavailable)?),
                None => None,
            };
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
            match f(conn) {
                Ok(value) => {
                    let DbConn::Sqlite(inner) = conn else {
                        unreachable!("backend cannot change inside a transaction")
                    };
                    AnsiTransactionManager::commit_transaction(inner)?;
                    Ok(value)
                }
                Err(e) => {
                    if let DbConn::Sqlite(inner) = conn {
                        AnsiTransactionManager::rollback_transaction(inner)?;
                    }
                    Err(e)
                }
            }
        }
    }
}

/// The pool plus the rule that every unit of database work runs on the blocking pool.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
}

impl Db {
    pub fn new(pool: Pool) -> Self {
        Self { pool }
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Checks out one connection and runs `f` with it on actix's blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, Error>
    where
        F: FnOnce(&mut DbConn) -> Result<T, Error> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().map_err(|_| Error::Unavailable)?;
            f(&mut conn)
        })
        .await
        .map_err(|_| Error::internal("database task was cancelled"))?
    }

    /// Runs `f` in one write transaction on the blocking pool.
    pub async fn write<T, F>(&self, f: F) -> Result<T, Error>
    where
        F: FnOnce(&mut DbConn) -> Result<T, Error> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| write_tx(conn, f)).await
    }
}

/// Whether migrations of the connection's backend are still to be applied.
pub fn has_pending_migrations(conn: &mut DbConn) -> Result<bool, Error> {
    let pending = match conn {
        DbConn::Postgres(c) => c.has_pending_migration(POSTGRES_MIGRATIONS),
        DbConn::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
    };
    pending.map_err(|e| Error::internal(format!("cannot read migration state: {e}")))
}

diesel::define_sql_function!(
    /// SQL `lower()`, the same on both backends (case-insensitive search).
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text
);

/// Escapes LIKE wildcards so that user text matches literally (use with `.escape('\\')`).
pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}
