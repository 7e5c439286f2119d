//! The committed `schema.rs` matches what the migrations build on both backends; the two
//! migration folders hold the same migrations; the audit table refuses changes.

use std::collections::BTreeSet;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use harmoni::db::{self, ConnectionManager, DbConn};

use crate::both_backends;
use crate::helpers::*;

/// (table, column, portable type, nullable)
type Column = (String, String, String, bool);

/// Reads the tables and columns declared in `src/schema.rs`.
fn declared() -> BTreeSet<Column> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/schema.rs")).expect("read schema.rs");
    let table_re = regex::Regex::new(r"(?m)^\s*(\w+) \([\w, ]+\) \{$").expect("regex");
    let column_re = regex::Regex::new(r"^\s*(\w+) -> (Nullable<)?(\w+)>?,$").expect("regex");
    let mut out = BTreeSet::new();
    let mut table: Option<String> = None;
    for line in text.lines() {
        if let Some(c) = table_re.captures(line) {
            table = Some(c[1].to_string());
        } else if let (Some(t), Some(c)) = (&table, column_re.captures(line)) {
            out.insert((t.clone(), c[1].to_string(), c[3].to_string(), c.get(2).is_some()));
        } else if line.trim() == "}" && table.is_some() && !line.starts_with('}') {
            table = None;
        }
    }
    assert!(out.len() > 20, "schema.rs was parsed: {out:?}");
    out
}

fn portable(sql_type: &str) -> String {
    match sql_type.to_lowercase().as_str() {
        "text" => "Text",
        "integer" => "Integer",
        "bigint" => "BigInt",
        "boolean" => "Bool",
        "timestamp" | "timestamp without time zone" => "Timestamp",
        "date" => "Date",
        "double precision" => "Double",
        "blob" | "bytea" => "Binary",
        other => panic!("column type {other} has no portable diesel type"),
    }
    .to_string()
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text, column_name = "type")]
    kind: String,
    #[diesel(sql_type = Integer)]
    notnull: i32,
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Text)]
    is_nullable: String,
}

fn migrated(backend: Backend) -> (TestDb, DbConn) {
    let db = TestDb::new(backend);
    let mut conn = ConnectionManager::new(&db.url, 5000).expect("manager").open().expect("open");
    db::run_migrations(&mut conn).expect("migrations apply");
    (db, conn)
}

fn actual(conn: &mut DbConn) -> BTreeSet<Column> {
    let mut out = BTreeSet::new();
    match conn {
        DbConn::Sqlite(c) => {
            let tables: Vec<Name> = diesel::sql_query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'",
            )
            .load(c)
            .expect("tables");
            for t in tables {
                let cols: Vec<SqliteColumn> =
                    diesel::sql_query(format!("PRAGMA table_info({})", t.name)).load(c).expect("columns");
                for col in cols {
                    out.insert((t.name.clone(), col.name, portable(&col.kind), col.notnull == 0));
                }
            }
        }
        DbConn::Postgres(c) => {
            let cols: Vec<PgColumn> = diesel::sql_query(
                "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type, is_nullable::text AS is_nullable \
                 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '__diesel_schema_migrations'",
            )
            .load(c)
            .expect("columns");
            for col in cols {
                out.insert((col.table_name, col.column_name, portable(&col.data_type), col.is_nullable == "YES"));
            }
        }
    }
    out
}

async fn schema_rs_matches_the_migrations(backend: Backend) {
    let (_db, mut conn) = migrated(backend);
    let declared = declared();
    let actual = actual(&mut conn);
    let missing: Vec<_> = declared.difference(&actual).collect();
    let extra: Vec<_> = actual.difference(&declared).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "schema.rs drifted from the {backend:?} migrations.\nIn schema.rs but not in the database: {missing:#?}\nIn the database but not in schema.rs: {extra:#?}"
    );
}

async fn the_audit_trail_refuses_changes_and_deletions(backend: Backend) {
    let app = spawn(backend).await;
    let _ = app.user("admin", "admin@bekasikota.go.id").await;
    let mut conn = ConnectionManager::new(&app.db.url, 5000).expect("manager").open().expect("open");
    let count = |c: &mut DbConn| harmoni::schema::audit_log::table.count().get_result::<i64>(c).expect("count");
    let before = count(&mut conn);
    assert!(before > 0, "creating a user wrote audit rows");
    assert!(conn.batch_execute("UPDATE audit_log SET summary = 'dipalsukan'").is_err(), "update refused");
    assert!(conn.batch_execute("DELETE FROM audit_log").is_err(), "delete refused");
    assert_eq!(count(&mut conn), before);
    let forged: i64 = harmoni::schema::audit_log::table
        .filter(harmoni::schema::audit_log::summary.eq("dipalsukan"))
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert_eq!(forged, 0);
}

/// The sign-up migration on a database that already has accounts: every account made before it
/// counts as verified, its one-time links survive the rebuilt table, and it reverts cleanly.
async fn accounts_made_before_self_sign_up_count_as_verified(backend: Backend) {
    use diesel_migrations::MigrationHarness;
    let (_db, mut conn) = migrated(backend);
    // Back to just before the sign-up migration (later migrations, if any, go first).
    loop {
        let reverted = match &mut conn {
            DbConn::Sqlite(c) => c.revert_last_migration(db::SQLITE_MIGRATIONS).map(|m| m.to_string()),
            DbConn::Postgres(c) => c.revert_last_migration(db::POSTGRES_MIGRATIONS).map(|m| m.to_string()),
        }
        .expect("migrations revert");
        if reverted == "20261128000014" {
            break;
        }
        assert!(reverted.as_str() > "20261128000014", "the sign-up migration was never reverted");
    }
    conn.batch_execute(
        "INSERT INTO offices (id, code, name, short_name, region_code, region_name, letterhead_government, letterhead_office, address, phone, email, website, created_at, updated_at) \
         VALUES ('o1', '3275', 'Disnaker', 'Disnaker', '32.75', 'Kota Bekasi', '', '', '', '', '', '', '2026-01-05 01:00:00', '2026-01-05 01:00:00'); \
         INSERT INTO users (id, office_id, email, full_name, role, language, password_hash, status, failed_logins, created_at, updated_at) \
         VALUES ('u1', 'o1', 'lama@bekasikota.go.id', 'Pengguna Lama', 'petugas', 'id', NULL, 'active', 0, '2026-01-05 01:00:00', '2026-01-05 01:00:00'); \
         INSERT INTO account_links (id, token_hash, purpose, office_id, user_id, created_by, created_at, expires_at, used_at) \
         VALUES ('l1', 'h1', 'invite', 'o1', 'u1', NULL, '2026-01-05 01:00:00', '2026-01-08 01:00:00', NULL);",
    )
    .expect("an installation from before sign-up");
    db::run_migrations(&mut conn).expect("the sign-up migration applies again");
    let user = harmoni::accounts::model::find_user(&mut conn, "u1").expect("user kept");
    assert_eq!(user.email_verified_at, Some(user.created_at), "counts as verified since it was made");
    assert_eq!(user.privacy_consent_at, None);
    let link = harmoni::accounts::model::find_link(&mut conn, "h1").expect("query").expect("link kept");
    assert_eq!((link.purpose.as_str(), link.user_id.as_deref()), ("invite", Some("u1")));
    assert!(
        conn.batch_execute("UPDATE account_links SET purpose = 'verify_email' WHERE id = 'l1'").is_ok(),
        "the new purpose is allowed"
    );
    assert!(conn.batch_execute("UPDATE account_links SET purpose = 'other' WHERE id = 'l1'").is_err());
}

#[test]
fn both_migration_folders_hold_the_same_migrations() {
    let names = |dir: &str| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(format!("{}/migrations/{dir}", env!("CARGO_MANIFEST_DIR")))
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let sqlite = names("sqlite");
    let postgres = names("postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres, "migrations/sqlite and migrations/postgres must hold the same migration names");
    for dir in ["sqlite", "postgres"] {
        for name in &sqlite {
            for file in ["up.sql", "down.sql"] {
                let path = format!("{}/migrations/{dir}/{name}/{file}", env!("CARGO_MANIFEST_DIR"));
                assert!(std::path::Path::new(&path).is_file(), "{path} is missing");
            }
        }
    }
}

both_backends!(
    schema_rs_matches_the_migrations,
    the_audit_trail_refuses_changes_and_deletions,
    accounts_made_before_self_sign_up_count_as_verified,
);
