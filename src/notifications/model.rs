//! Outbox, attachment, attempt and notice rows, and every query on them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::schema::{notices, outbox, outbox_attachments, outbox_attempts};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: String,
    pub office_id: String,
    pub recipient_user_id: Option<String>,
    pub recipient_email: String,
    pub recipient_name: String,
    pub template: String,
    pub language: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub message_id: String,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub server_response: Option<String>,
    pub queued_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox_attachments)]
pub struct AttachmentRow {
    pub id: String,
    pub outbox_id: String,
    pub filename: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox_attempts)]
pub struct AttemptRow {
    pub id: String,
    pub outbox_id: String,
    pub attempted_at: NaiveDateTime,
    pub outcome: String,
    pub detail: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = notices)]
pub struct NoticeRow {
    pub id: String,
    pub office_id: String,
    pub user_id: String,
    pub outbox_id: Option<String>,
    pub template: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

pub fn insert_message(conn: &mut DbConn, row: &OutboxRow) -> QueryResult<usize> {
    diesel::insert_into(outbox::table).values(row).execute(conn)
}

/// When the newest message of a template was queued for a user (to space out repeats).
pub fn last_queued_at(conn: &mut DbConn, user_id: &str, template: &str) -> QueryResult<Option<NaiveDateTime>> {
    outbox::table
        .filter(outbox::recipient_user_id.eq(user_id))
        .filter(outbox::template.eq(template))
        .select(diesel::dsl::max(outbox::queued_at))
        .first(conn)
}

pub fn insert_attachment(conn: &mut DbConn, row: &AttachmentRow) -> QueryResult<usize> {
    diesel::insert_into(outbox_attachments::table).values(row).execute(conn)
}

pub fn insert_notice(conn: &mut DbConn, row: &NoticeRow) -> QueryResult<usize> {
    diesel::insert_into(notices::table).values(row).execute(conn)
}

/// Ids of messages due now: pending and due, or claimed by a worker whose lease ran out.
/// On PostgreSQL the rows are locked and rows locked by another worker skipped, so racing
/// workers never take the same message; on SQLite the caller's `BEGIN IMMEDIATE` already
/// makes the claim exclusive (one writer at a time).
pub fn lock_due(conn: &mut DbConn, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<String>> {
    let due = outbox::status
        .eq("pending")
        .and(outbox::next_attempt_at.le(now))
        .or(outbox::status.eq("sending").and(outbox::locked_until.le(now)));
    match conn {
        DbConn::Postgres(pg) => outbox::table
            .filter(due)
            .order(outbox::next_attempt_at)
            .limit(limit)
            .select(outbox::id)
            .for_update()
            .skip_locked()
            .load(pg),
        DbConn::Sqlite(_) => {
            outbox::table.filter(due).order(outbox::next_attempt_at).limit(limit).select(outbox::id).load(conn)
        }
    }
}

pub fn mark_sending(
    conn: &mut DbConn,
    ids: &[String],
    locked_until: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
        .set((outbox::status.eq("sending"), outbox::locked_until.eq(Some(locked_until)), outbox::updated_at.eq(now)))
        .execute(conn)
}

pub fn messages(conn: &mut DbConn, ids: &[String]) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::id.eq_any(ids))
        .order(outbox::next_attempt_at)
        .select(OutboxRow::as_select())
        .load(conn)
}

pub fn attachments(conn: &mut DbConn, outbox_id: &str) -> QueryResult<Vec<AttachmentRow>> {
    outbox_attachments::table
        .filter(outbox_attachments::outbox_id.eq(outbox_id))
        .order(outbox_attachments::filename)
        .select(AttachmentRow::as_select())
        .load(conn)
}

pub fn find_message(conn: &mut DbConn, id: &str) -> QueryResult<OutboxRow> {
    outbox::table.find(id).select(OutboxRow::as_select()).first(conn)
}

pub fn find_message_in_office(conn: &mut DbConn, office_id: &str, id: &str) -> QueryResult<Option<OutboxRow>> {
    outbox::table
        .filter(outbox::id.eq(id))
        .filter(outbox::office_id.eq(office_id))
        .select(OutboxRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_attempt(conn: &mut DbConn, row: &AttemptRow) -> QueryResult<usize> {
    diesel::insert_into(outbox_attempts::table).values(row).execute(conn)
}

pub fn attempts(conn: &mut DbConn, outbox_id: &str) -> QueryResult<Vec<AttemptRow>> {
    outbox_attempts::table
        .filter(outbox_attempts::outbox_id.eq(outbox_id))
        .order((outbox_attempts::attempted_at, outbox_attempts::id))
        .select(AttemptRow::as_select())
        .load(conn)
}

/// Writes the state after an attempt.
#[allow(clippy::too_many_arguments, reason = "one column each; a struct would only rename them")]
pub fn finish(
    conn: &mut DbConn,
    id: &str,
    status: &str,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    last_error: Option<&str>,
    server_response: Option<&str>,
    sent_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(status),
            outbox::attempts.eq(attempts),
            outbox::next_attempt_at.eq(next_attempt_at),
            outbox::locked_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(last_error),
            outbox::server_response.eq(server_response),
            outbox::sent_at.eq(sent_at),
            outbox::updated_at.eq(now),
        ))
        .execute(conn)
}

/// Replaces the stored bodies (after delivery, with their link tokens hidden).
pub fn set_bodies(conn: &mut DbConn, id: &str, text: &str, html: &str) -> QueryResult<usize> {
    diesel::update(outbox::table.find(id)).set((outbox::body_text.eq(text), outbox::body_html.eq(html))).execute(conn)
}

/// Puts a message back in the queue, due now, with a fresh attempt budget.
pub fn requeue(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq("pending"),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
            outbox::locked_until.eq(None::<NaiveDateTime>),
            outbox::updated_at.eq(now),
        ))
        .execute(conn)
}

pub fn set_status(conn: &mut DbConn, id: &str, status: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(outbox::table.find(id)).set((outbox::status.eq(status), outbox::updated_at.eq(now))).execute(conn)
}

/// A page of the office's outbox, newest first, optionally of one status.
pub fn list(
    conn: &mut DbConn,
    office_id: &str,
    status: Option<&str>,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<OutboxRow>, i64)> {
    let query = || {
        let mut q = outbox::table.filter(outbox::office_id.eq(office_id)).into_boxed();
        if let Some(status) = status {
            q = q.filter(outbox::status.eq(status));
        }
        q
    };
    let total = query().count().get_result(conn)?;
    let rows = query()
        .order((outbox::queued_at.desc(), outbox::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// The messages about one record (delivery evidence on a case or submission page).
pub fn for_entity(
    conn: &mut DbConn,
    office_id: &str,
    entity_type: &str,
    entity_id: &str,
) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::office_id.eq(office_id))
        .filter(outbox::entity_type.eq(entity_type))
        .filter(outbox::entity_id.eq(entity_id))
        .order(outbox::queued_at)
        .select(OutboxRow::as_select())
        .load(conn)
}

/// Removes sent messages queued before `cutoff`, with their attachments and attempts;
/// notices stay in the inbox without their link to the message.
pub fn purge_sent_before(conn: &mut DbConn, cutoff: NaiveDateTime) -> QueryResult<usize> {
    let old = outbox::table.filter(outbox::status.eq("sent")).filter(outbox::queued_at.lt(cutoff)).select(outbox::id);
    let ids: Vec<String> = old.load(conn)?;
    if ids.is_empty() {
        return Ok(0);
    }
    diesel::update(notices::table.filter(notices::outbox_id.eq_any(&ids)))
        .set(notices::outbox_id.eq(None::<String>))
        .execute(conn)?;
    diesel::delete(outbox_attempts::table.filter(outbox_attempts::outbox_id.eq_any(&ids))).execute(conn)?;
    diesel::delete(outbox_attachments::table.filter(outbox_attachments::outbox_id.eq_any(&ids))).execute(conn)?;
    diesel::delete(outbox::table.filter(outbox::id.eq_any(&ids))).execute(conn)
}

pub fn count_unread(conn: &mut DbConn, user_id: &str) -> QueryResult<i64> {
    notices::table.filter(notices::user_id.eq(user_id)).filter(notices::read_at.is_null()).count().get_result(conn)
}

pub fn user_notices(conn: &mut DbConn, user_id: &str, offset: i64, limit: i64) -> QueryResult<(Vec<NoticeRow>, i64)> {
    let total = notices::table.filter(notices::user_id.eq(user_id)).count().get_result(conn)?;
    let rows = notices::table
        .filter(notices::user_id.eq(user_id))
        .order((notices::created_at.desc(), notices::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(NoticeRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Marks the user's notices read: one, or all of them when `id` is `None`.
pub fn mark_read(conn: &mut DbConn, user_id: &str, id: Option<&str>, now: NaiveDateTime) -> QueryResult<usize> {
    let mut q = diesel::update(notices::table)
        .filter(notices::user_id.eq(user_id))
        .filter(notices::read_at.is_null())
        .into_boxed();
    if let Some(id) = id {
        q = q.filter(notices::id.eq(id));
    }
    q.set(notices::read_at.eq(Some(now))).execute(conn)
}

pub fn find_user_notice(conn: &mut DbConn, user_id: &str, id: &str) -> QueryResult<Option<NoticeRow>> {
    notices::table
        .filter(notices::id.eq(id))
        .filter(notices::user_id.eq(user_id))
        .select(NoticeRow::as_select())
        .first(conn)
        .optional()
}
