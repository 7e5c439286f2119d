//! Document rows: which stored file belongs to which record, within one office.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::schema::documents;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = documents)]
pub struct DocumentRow {
    pub id: String,
    pub office_id: String,
    pub owner_kind: String,
    pub owner_id: String,
    pub company_id: Option<String>,
    pub sha256: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub uploaded_by: String,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, row: &DocumentRow) -> QueryResult<()> {
    diesel::insert_into(documents::table).values(row).execute(conn).map(|_| ())
}

pub fn find(conn: &mut DbConn, office_id: &str, id: &str) -> QueryResult<Option<DocumentRow>> {
    documents::table
        .filter(documents::office_id.eq(office_id))
        .filter(documents::id.eq(id))
        .select(DocumentRow::as_select())
        .first(conn)
        .optional()
}

/// Documents of some records of one kind, oldest first (a later upload replaces an earlier
/// one on the page; the earlier stays on record).
pub fn for_owners(conn: &mut DbConn, owner_kind: &str, owner_ids: &[String]) -> QueryResult<Vec<DocumentRow>> {
    if owner_ids.is_empty() {
        return Ok(Vec::new());
    }
    documents::table
        .filter(documents::owner_kind.eq(owner_kind))
        .filter(documents::owner_id.eq_any(owner_ids))
        .order((documents::created_at, documents::id))
        .select(DocumentRow::as_select())
        .load(conn)
}
