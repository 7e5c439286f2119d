//! LKS Tripartit rows and their queries; every query is scoped by the office, directly or
//! through a term or meeting already found in the office.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::schema::{
    tripartit_attendance, tripartit_meetings, tripartit_members, tripartit_recommendations, tripartit_terms,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tripartit_terms)]
pub struct TermRow {
    pub id: String,
    pub office_id: String,
    pub decree_number: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub created_at: NaiveDateTime,
}

impl TermRow {
    /// Whether the term is in force on a day (its end day is the first day out of office).
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && day < self.ends_on
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tripartit_members)]
pub struct MemberRow {
    pub id: String,
    pub term_id: String,
    pub position: i32,
    pub name: String,
    pub side: String,
    pub organisation: String,
    pub role: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tripartit_meetings)]
pub struct MeetingRow {
    pub id: String,
    pub office_id: String,
    pub term_id: String,
    pub held_on: NaiveDate,
    pub agenda: String,
    pub minutes_summary: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tripartit_attendance)]
pub struct AttendanceRow {
    pub meeting_id: String,
    pub member_id: String,
    pub present: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tripartit_recommendations)]
pub struct RecommendationRow {
    pub id: String,
    pub office_id: String,
    pub meeting_id: String,
    pub subject: String,
    pub text: String,
    pub addressed_to: String,
    pub status: String,
    pub follow_up: String,
    pub status_on: NaiveDate,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The office's terms, newest first.
pub fn terms(conn: &mut DbConn, office_id: &str) -> QueryResult<Vec<TermRow>> {
    tripartit_terms::table
        .filter(tripartit_terms::office_id.eq(office_id))
        .order((tripartit_terms::starts_on.desc(), tripartit_terms::id))
        .select(TermRow::as_select())
        .load(conn)
}

pub fn find_term(conn: &mut DbConn, office_id: &str, id: &str) -> QueryResult<Option<TermRow>> {
    tripartit_terms::table
        .filter(tripartit_terms::id.eq(id))
        .filter(tripartit_terms::office_id.eq(office_id))
        .select(TermRow::as_select())
        .first(conn)
        .optional()
}

/// The term in force on a day.
pub fn term_on(conn: &mut DbConn, office_id: &str, day: NaiveDate) -> QueryResult<Option<TermRow>> {
    tripartit_terms::table
        .filter(tripartit_terms::office_id.eq(office_id))
        .filter(tripartit_terms::starts_on.le(day))
        .filter(tripartit_terms::ends_on.gt(day))
        .order(tripartit_terms::starts_on.desc())
        .select(TermRow::as_select())
        .first(conn)
        .optional()
}

/// A term of the office sharing at least one day with `[starts_on, ends_on)`.
pub fn overlapping(
    conn: &mut DbConn,
    office_id: &str,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
) -> QueryResult<Option<TermRow>> {
    tripartit_terms::table
        .filter(tripartit_terms::office_id.eq(office_id))
        .filter(tripartit_terms::starts_on.lt(ends_on))
        .filter(tripartit_terms::ends_on.gt(starts_on))
        .order(tripartit_terms::starts_on)
        .select(TermRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_term(conn: &mut DbConn, term: &TermRow, members: &[MemberRow]) -> QueryResult<()> {
    diesel::insert_into(tripartit_terms::table).values(term).execute(conn)?;
    // One statement per row: multi-row inserts are not portable across both backends here.
    for m in members {
        diesel::insert_into(tripartit_members::table).values(m).execute(conn)?;
    }
    Ok(())
}

/// A term's members in the order they were listed.
pub fn members(conn: &mut DbConn, term_id: &str) -> QueryResult<Vec<MemberRow>> {
    tripartit_members::table
        .filter(tripartit_members::term_id.eq(term_id))
        .order(tripartit_members::position)
        .select(MemberRow::as_select())
        .load(conn)
}

/// The office's meetings, newest first; of one term when given.
pub fn meetings(conn: &mut DbConn, office_id: &str, term_id: Option<&str>) -> QueryResult<Vec<MeetingRow>> {
    let mut q = tripartit_meetings::table.filter(tripartit_meetings::office_id.eq(office_id)).into_boxed();
    if let Some(t) = term_id {
        q = q.filter(tripartit_meetings::term_id.eq(t));
    }
    q.order((tripartit_meetings::held_on.desc(), tripartit_meetings::id)).select(MeetingRow::as_select()).load(conn)
}

pub fn find_meeting(conn: &mut DbConn, office_id: &str, id: &str) -> QueryResult<Option<MeetingRow>> {
    tripartit_meetings::table
        .filter(tripartit_meetings::id.eq(id))
        .filter(tripartit_meetings::office_id.eq(office_id))
        .select(MeetingRow::as_select())
        .first(conn)
        .optional()
}

pub fn meeting_on(conn: &mut DbConn, office_id: &str, day: NaiveDate) -> QueryResult<Option<MeetingRow>> {
    tripartit_meetings::table
        .filter(tripartit_meetings::office_id.eq(office_id))
        .filter(tripartit_meetings::held_on.eq(day))
        .select(MeetingRow::as_select())
        .first(conn)
        .optional()
}

/// The day of the term's last meeting on or before a day.
pub fn last_meeting(conn: &mut DbConn, term_id: &str, up_to: NaiveDate) -> QueryResult<Option<NaiveDate>> {
    tripartit_meetings::table
        .filter(tripartit_meetings::term_id.eq(term_id))
        .filter(tripartit_meetings::held_on.le(up_to))
        .order(tripartit_meetings::held_on.desc())
        .select(tripartit_meetings::held_on)
        .first(conn)
        .optional()
}

pub fn insert_meeting(conn: &mut DbConn, meeting: &MeetingRow, attendance: &[AttendanceRow]) -> QueryResult<()> {
    diesel::insert_into(tripartit_meetings::table).values(meeting).execute(conn)?;
    for a in attendance {
        diesel::insert_into(tripartit_attendance::table).values(a).execute(conn)?;
    }
    Ok(())
}

/// Who was asked to a meeting and whether they came, in the term's order.
pub fn attendance(conn: &mut DbConn, meeting_id: &str) -> QueryResult<Vec<(MemberRow, bool)>> {
    tripartit_attendance::table
        .inner_join(tripartit_members::table)
        .filter(tripartit_attendance::meeting_id.eq(meeting_id))
        .order(tripartit_members::position)
        .select((MemberRow::as_select(), tripartit_attendance::present))
        .load(conn)
}

/// (present, asked) per meeting, for the given meetings.
pub fn attendance_counts(conn: &mut DbConn, meeting_ids: &[&str]) -> QueryResult<Vec<(String, i64, i64)>> {
    let rows: Vec<(String, bool)> = tripartit_attendance::table
        .filter(tripartit_attendance::meeting_id.eq_any(meeting_ids))
        .select((tripartit_attendance::meeting_id, tripartit_attendance::present))
        .load(conn)?;
    Ok(meeting_ids
        .iter()
        .map(|id| {
            let of: Vec<bool> = rows.iter().filter(|(m, _)| m == id).map(|(_, p)| *p).collect();
            (id.to_string(), of.iter().filter(|p| **p).count() as i64, of.len() as i64)
        })
        .collect())
}

/// The office's recommendations with the meeting that made them, newest meeting first;
/// narrowed to a term and/or a status when given.
pub fn recommendations(
    conn: &mut DbConn,
    office_id: &str,
    term_id: Option<&str>,
    status: Option<&str>,
) -> QueryResult<Vec<(RecommendationRow, MeetingRow)>> {
    let mut q = tripartit_recommendations::table
        .inner_join(tripartit_meetings::table)
        .filter(tripartit_recommendations::office_id.eq(office_id))
        .into_boxed();
    if let Some(t) = term_id {
        q = q.filter(tripartit_meetings::term_id.eq(t));
    }
    if let Some(s) = status {
        q = q.filter(tripartit_recommendations::status.eq(s));
    }
    q.order((tripartit_meetings::held_on.desc(), tripartit_recommendations::created_at, tripartit_recommendations::id))
        .select((RecommendationRow::as_select(), MeetingRow::as_select()))
        .load(conn)
}

pub fn recommendations_of(conn: &mut DbConn, meeting_id: &str) -> QueryResult<Vec<RecommendationRow>> {
    tripartit_recommendations::table
        .filter(tripartit_recommendations::meeting_id.eq(meeting_id))
        .order((tripartit_recommendations::created_at, tripartit_recommendations::id))
        .select(RecommendationRow::as_select())
        .load(conn)
}

pub fn find_recommendation(
    conn: &mut DbConn,
    office_id: &str,
    id: &str,
) -> QueryResult<Option<(RecommendationRow, MeetingRow)>> {
    tripartit_recommendations::table
        .inner_join(tripartit_meetings::table)
        .filter(tripartit_recommendations::id.eq(id))
        .filter(tripartit_recommendations::office_id.eq(office_id))
        .select((RecommendationRow::as_select(), MeetingRow::as_select()))
        .first(conn)
        .optional()
}

pub fn insert_recommendation(conn: &mut DbConn, row: &RecommendationRow) -> QueryResult<usize> {
    diesel::insert_into(tripartit_recommendations::table).values(row).execute(conn)
}

pub fn set_status(
    conn: &mut DbConn,
    id: &str,
    status: &str,
    follow_up: &str,
    status_on: NaiveDate,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(tripartit_recommendations::table.find(id))
        .set((
            tripartit_recommendations::status.eq(status),
            tripartit_recommendations::follow_up.eq(follow_up),
            tripartit_recommendations::status_on.eq(status_on),
            tripartit_recommendations::updated_at.eq(now),
        ))
        .execute(conn)
}
