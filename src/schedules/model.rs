//! Storage of sessions, their changes, the summonses they produce and the calendar feeds: the
//! only SQL of scheduling.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::cases::model::SummonsRow;
use crate::db::DbConn;
use crate::schema::{calendar_feeds, case_summons, cases, hearing_changes, hearings, users};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = hearings)]
#[diesel(treat_none_as_null = true)]
pub struct HearingRow {
    pub id: String,
    pub office_id: String,
    pub case_id: String,
    pub kind: String,
    pub status: String,
    pub mediator_id: String,
    pub held_on: NaiveDate,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub room: Option<String>,
    pub online_url: Option<String>,
    pub agenda: String,
    pub summon_worker: bool,
    pub summon_company: bool,
    pub sequence: i32,
    pub cancel_reason: Option<String>,
    pub worker_present: Option<bool>,
    pub company_present: Option<bool>,
    pub minutes: Option<String>,
    pub session_id: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = hearing_changes)]
pub struct ChangeRow {
    pub id: String,
    pub hearing_id: String,
    pub action: String,
    pub sequence: i32,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub room: Option<String>,
    pub online_url: Option<String>,
    pub reason: Option<String>,
    pub actor_user_id: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = calendar_feeds)]
pub struct FeedRow {
    pub id: String,
    pub office_id: String,
    pub scope: String,
    pub user_id: Option<String>,
    pub token_hash: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

/// A session with what lists and the clash check need of its case and mediator.
#[derive(Debug, Clone, Queryable)]
pub struct Listed {
    pub hearing: HearingRow,
    pub case_number: Option<String>,
    pub reference: String,
    pub company_id: Option<String>,
    pub company_name: String,
    pub union_name: Option<String>,
    pub filed_by: String,
    pub contact_name: Option<String>,
    pub mediator_name: String,
}

impl Listed {
    pub fn case_label(&self) -> &str {
        self.case_number.as_deref().unwrap_or(&self.reference)
    }
}

type ListedSelect = (
    diesel::helper_types::AsSelect<HearingRow, crate::db::MultiBackend>,
    cases::case_number,
    cases::reference,
    cases::company_id,
    cases::company_name,
    cases::union_name,
    cases::filed_by,
    cases::contact_name,
    users::full_name,
);

fn listed_select() -> ListedSelect {
    (
        HearingRow::as_select(),
        cases::case_number,
        cases::reference,
        cases::company_id,
        cases::company_name,
        cases::union_name,
        cases::filed_by,
        cases::contact_name,
        users::full_name,
    )
}

pub fn insert(conn: &mut DbConn, row: &HearingRow) -> QueryResult<usize> {
    diesel::insert_into(hearings::table).values(row).execute(conn)
}

pub fn update(conn: &mut DbConn, row: &HearingRow) -> QueryResult<usize> {
    diesel::update(hearings::table.find(&row.id)).set(row).execute(conn)
}

pub fn insert_change(conn: &mut DbConn, row: &ChangeRow) -> QueryResult<usize> {
    diesel::insert_into(hearing_changes::table).values(row).execute(conn)
}

pub fn changes(conn: &mut DbConn, hearing_id: &str) -> QueryResult<Vec<ChangeRow>> {
    hearing_changes::table
        .filter(hearing_changes::hearing_id.eq(hearing_id))
        .order((hearing_changes::created_at, hearing_changes::id))
        .select(ChangeRow::as_select())
        .load(conn)
}

/// A session of the office, by id.
pub fn find(conn: &mut DbConn, office_id: &str, id: &str) -> QueryResult<Option<HearingRow>> {
    hearings::table
        .filter(hearings::office_id.eq(office_id))
        .filter(hearings::id.eq(id))
        .select(HearingRow::as_select())
        .first(conn)
        .optional()
}

/// The sessions of a case, in time order.
pub fn of_case(conn: &mut DbConn, case_id: &str) -> QueryResult<Vec<HearingRow>> {
    hearings::table
        .filter(hearings::case_id.eq(case_id))
        .order((hearings::starts_at, hearings::id))
        .select(HearingRow::as_select())
        .load(conn)
}

/// Sessions of the office on the WIB days `from..=to` with their case and mediator,
/// optionally one mediator's, optionally without the cancelled ones; in time order.
pub fn between(
    conn: &mut DbConn,
    office_id: &str,
    from: NaiveDate,
    to: NaiveDate,
    mediator_id: Option<&str>,
    without_cancelled: bool,
) -> QueryResult<Vec<Listed>> {
    let mut q = hearings::table
        .inner_join(cases::table)
        .inner_join(users::table.on(users::id.eq(hearings::mediator_id)))
        .filter(hearings::office_id.eq(office_id))
        .filter(hearings::held_on.ge(from))
        .filter(hearings::held_on.le(to))
        .into_boxed();
    if let Some(m) = mediator_id {
        q = q.filter(hearings::mediator_id.eq(m.to_string()));
    }
    if without_cancelled {
        q = q.filter(hearings::status.ne("dibatalkan"));
    }
    q.order((hearings::starts_at, hearings::room, hearings::id)).select(listed_select()).load(conn)
}

/// The summonses a session produced, current and withdrawn.
pub fn summons_of(conn: &mut DbConn, hearing_id: &str) -> QueryResult<Vec<SummonsRow>> {
    case_summons::table
        .filter(case_summons::hearing_id.eq(hearing_id))
        .order((case_summons::created_at, case_summons::id))
        .select(SummonsRow::as_select())
        .load(conn)
}

pub fn find_summons(conn: &mut DbConn, hearing_id: &str, id: &str) -> QueryResult<Option<SummonsRow>> {
    case_summons::table
        .filter(case_summons::hearing_id.eq(hearing_id))
        .filter(case_summons::id.eq(id))
        .select(SummonsRow::as_select())
        .first(conn)
        .optional()
}

/// Withdraws the standing summonses of a session (it was moved or called off).
pub fn withdraw_summons(conn: &mut DbConn, hearing_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        case_summons::table
            .filter(case_summons::hearing_id.eq(hearing_id))
            .filter(case_summons::withdrawn_at.is_null()),
    )
    .set(case_summons::withdrawn_at.eq(Some(now)))
    .execute(conn)
}

pub fn set_proper(conn: &mut DbConn, id: &str, proper: bool) -> QueryResult<usize> {
    diesel::update(case_summons::table.find(id)).set(case_summons::proper.eq(Some(proper))).execute(conn)
}

pub fn set_opened(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(case_summons::table.find(id).filter(case_summons::opened_at.is_null()))
        .set(case_summons::opened_at.eq(Some(at)))
        .execute(conn)
}

pub fn set_handed_over(
    conn: &mut DbConn,
    id: &str,
    on: NaiveDate,
    to: &str,
    receipt_document_id: Option<&str>,
) -> QueryResult<usize> {
    let row = case_summons::table.find(id);
    diesel::update(row)
        .set((case_summons::handed_over_on.eq(Some(on)), case_summons::handed_over_to.eq(Some(to))))
        .execute(conn)?;
    if let Some(doc) = receipt_document_id {
        diesel::update(row).set(case_summons::receipt_document_id.eq(Some(doc))).execute(conn)?;
    }
    Ok(1)
}

/// Sessions in `from..=to` still planned or held (not cancelled): (mediator id, WIB day,
/// start, end).
pub fn load_between(
    conn: &mut DbConn,
    office_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<(String, NaiveDate, NaiveDateTime, NaiveDateTime)>> {
    hearings::table
        .filter(hearings::office_id.eq(office_id))
        .filter(hearings::held_on.ge(from))
        .filter(hearings::held_on.le(to))
        .filter(hearings::status.ne("dibatalkan"))
        .select((hearings::mediator_id, hearings::held_on, hearings::starts_at, hearings::ends_at))
        .load(conn)
}

pub fn insert_feed(conn: &mut DbConn, row: &FeedRow) -> QueryResult<usize> {
    diesel::insert_into(calendar_feeds::table).values(row).execute(conn)
}

/// A feed by the hash of its token, unless revoked.
pub fn live_feed(conn: &mut DbConn, token_hash: &str) -> QueryResult<Option<FeedRow>> {
    calendar_feeds::table
        .filter(calendar_feeds::token_hash.eq(token_hash))
        .filter(calendar_feeds::revoked_at.is_null())
        .select(FeedRow::as_select())
        .first(conn)
        .optional()
}

/// The live feeds of an office: all of them, or one mediator's.
pub fn feeds(conn: &mut DbConn, office_id: &str, user_id: Option<&str>) -> QueryResult<Vec<FeedRow>> {
    let mut q = calendar_feeds::table
        .filter(calendar_feeds::office_id.eq(office_id))
        .filter(calendar_feeds::revoked_at.is_null())
        .into_boxed();
    if let Some(u) = user_id {
        q = q.filter(calendar_feeds::user_id.eq(u.to_string()));
    }
    q.order(calendar_feeds::created_at).select(FeedRow::as_select()).load(conn)
}

pub fn find_feed(conn: &mut DbConn, office_id: &str, id: &str) -> QueryResult<Option<FeedRow>> {
    calendar_feeds::table
        .filter(calendar_feeds::office_id.eq(office_id))
        .filter(calendar_feeds::id.eq(id))
        .filter(calendar_feeds::revoked_at.is_null())
        .select(FeedRow::as_select())
        .first(conn)
        .optional()
}

pub fn revoke_feed(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(calendar_feeds::table.find(id).filter(calendar_feeds::revoked_at.is_null()))
        .set(calendar_feeds::revoked_at.eq(Some(now)))
        .execute(conn)
}
