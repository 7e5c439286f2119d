//! Letter rows: a letter (kind, owner, number) and its issued versions (PDF hash and code).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::schema::{letter_versions, letters};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = letters)]
pub struct LetterRow {
    pub id: String,
    pub office_id: String,
    pub kind: String,
    pub owner_kind: String,
    pub owner_id: String,
    pub case_id: Option<String>,
    pub company_id: Option<String>,
    pub number: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = letter_versions)]
pub struct VersionRow {
    pub id: String,
    pub letter_id: String,
    pub version: i32,
    pub code: String,
    pub sha256: String,
    pub size_bytes: i64,
    /// The date printed on the letter.
    pub dated: NaiveDate,
    pub issued_on: NaiveDate,
    pub issued_by: Option<String>,
    pub issued_by_label: String,
    pub created_at: NaiveDateTime,
}

/// Serialises letter issue within an office until the transaction ends, so that two requests
/// never both see "no letter yet" or the same latest version. SQLite's write transactions
/// (`BEGIN IMMEDIATE`) already run one at a time; PostgreSQL takes a transaction-level advisory
/// lock on the office.
pub fn lock_office(conn: &mut DbConn, office_id: &str) -> QueryResult<()> {
    if let DbConn::Postgres(c) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext($1))")
            .bind::<diesel::sql_types::Text, _>(format!("harmoni letters {office_id}"))
            .execute(c)?;
    }
    Ok(())
}

pub fn insert_letter(conn: &mut DbConn, row: &LetterRow) -> QueryResult<()> {
    diesel::insert_into(letters::table).values(row).execute(conn).map(|_| ())
}

pub fn insert_version(conn: &mut DbConn, row: &VersionRow) -> QueryResult<()> {
    diesel::insert_into(letter_versions::table).values(row).execute(conn).map(|_| ())
}

/// The letter of this kind for this record, if one was issued.
pub fn find_for(conn: &mut DbConn, office_id: &str, kind: &str, owner_id: &str) -> QueryResult<Option<LetterRow>> {
    letters::table
        .filter(letters::office_id.eq(office_id))
        .filter(letters::kind.eq(kind))
        .filter(letters::owner_id.eq(owner_id))
        .select(LetterRow::as_select())
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConn, office_id: &str, id: &str) -> QueryResult<Option<LetterRow>> {
    letters::table
        .filter(letters::office_id.eq(office_id))
        .filter(letters::id.eq(id))
        .select(LetterRow::as_select())
        .first(conn)
        .optional()
}

pub fn latest_version(conn: &mut DbConn, letter_id: &str) -> QueryResult<Option<i32>> {
    letter_versions::table
        .filter(letter_versions::letter_id.eq(letter_id))
        .select(diesel::dsl::max(letter_versions::version))
        .first(conn)
}

pub fn version(conn: &mut DbConn, letter_id: &str, version: i32) -> QueryResult<Option<VersionRow>> {
    letter_versions::table
        .filter(letter_versions::letter_id.eq(letter_id))
        .filter(letter_versions::version.eq(version))
        .select(VersionRow::as_select())
        .first(conn)
        .optional()
}

/// A version by its verification code, with its letter.
pub fn by_code(conn: &mut DbConn, code: &str) -> QueryResult<Option<(VersionRow, LetterRow)>> {
    letter_versions::table
        .inner_join(letters::table)
        .filter(letter_versions::code.eq(code))
        .select((VersionRow::as_select(), LetterRow::as_select()))
        .first(conn)
        .optional()
}

/// Letters kept with a case (its own, its summons' and its sessions') or with one record,
/// each with all its versions, oldest letter first and versions in order.
pub fn listed(
    conn: &mut DbConn,
    office_id: &str,
    case_id: Option<&str>,
    owner_ids: &[&str],
) -> QueryResult<Vec<(LetterRow, Vec<VersionRow>)>> {
    let mut q = letters::table.filter(letters::office_id.eq(office_id)).into_boxed();
    q = match case_id {
        Some(c) => q.filter(letters::case_id.eq(c).or(letters::owner_id.eq_any(owner_ids))),
        None => q.filter(letters::owner_id.eq_any(owner_ids)),
    };
    let rows: Vec<LetterRow> = q.order((letters::created_at, letters::id)).select(LetterRow::as_select()).load(conn)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut versions: Vec<VersionRow> = letter_versions::table
        .filter(letter_versions::letter_id.eq_any(&ids))
        .order((letter_versions::letter_id, letter_versions::version))
        .select(VersionRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mine: Vec<VersionRow> = versions.extract_if(.., |v| v.letter_id == r.id).collect();
            (r, mine)
        })
        .collect())
}
