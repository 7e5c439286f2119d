//! Audit rows and their queries; the database refuses updates and deletions (triggers).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{escape_like, lower, DbConn};
use crate::schema::audit_log;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub id: String,
    pub office_id: String,
    pub occurred_at: NaiveDateTime,
    pub actor_user_id: Option<String>,
    pub actor_role: String,
    pub actor_label: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub summary: String,
    pub request_id: Option<String>,
}

pub fn insert(conn: &mut DbConn, row: &AuditRow) -> QueryResult<usize> {
    diesel::insert_into(audit_log::table).values(row).execute(conn)
}

/// Filters of the audit list; all optional, always within one office.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
}

fn filtered<'a>(office_id: &'a str, q: &'a AuditQuery) -> audit_log::BoxedQuery<'a, crate::db::MultiBackend> {
    let mut query = audit_log::table.filter(audit_log::office_id.eq(office_id)).into_boxed();
    if let Some(actor) = &q.actor {
        query = query.filter(
            lower(audit_log::actor_label).like(format!("%{}%", escape_like(&actor.to_lowercase()))).escape('\\'),
        );
    }
    if let Some(action) = &q.action {
        query = query.filter(audit_log::action.eq(action));
    }
    if let Some(entity_type) = &q.entity_type {
        query = query.filter(audit_log::entity_type.eq(entity_type));
    }
    if let Some(entity_id) = &q.entity_id {
        query = query.filter(audit_log::entity_id.eq(entity_id));
    }
    if let Some(from) = q.from {
        query = query.filter(audit_log::occurred_at.ge(from));
    }
    if let Some(to) = q.to {
        query = query.filter(audit_log::occurred_at.lt(to));
    }
    query
}

/// One page of entries, newest first, and the total count.
pub fn list(
    conn: &mut DbConn,
    office_id: &str,
    q: &AuditQuery,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<AuditRow>, i64)> {
    let total = filtered(office_id, q).count().get_result(conn)?;
    let rows = filtered(office_id, q)
        .order((audit_log::occurred_at.desc(), audit_log::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

pub fn distinct_actions(conn: &mut DbConn, office_id: &str) -> QueryResult<Vec<String>> {
    audit_log::table
        .filter(audit_log::office_id.eq(office_id))
        .select(audit_log::action)
        .distinct()
        .order(audit_log::action)
        .load(conn)
}

pub fn distinct_entity_types(conn: &mut DbConn, office_id: &str) -> QueryResult<Vec<String>> {
    audit_log::table
        .filter(audit_log::office_id.eq(office_id))
        .select(audit_log::entity_type)
        .distinct()
        .order(audit_log::entity_type)
        .load(conn)
}
