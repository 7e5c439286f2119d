//! PP/PKB submission and regulation rows and every query on them; who may see which is decided
//! here, in the query (the office's staff the office, a representative their companies).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::accounts::model::UserRow;
use crate::companies::model::Scope;
use crate::db::{DbConn, MultiBackend};
use crate::schema::{
    company_representatives, regulation_history, regulation_reviews, regulation_submission_unions,
    regulation_submissions, regulations, unions, users,
};
use crate::unions::model::UnionRow;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = regulation_submissions, treat_none_as_null = true)]
pub struct SubmissionRow {
    pub id: String,
    pub office_id: String,
    pub company_id: String,
    pub kind: String,
    pub purpose: String,
    pub status: String,
    pub replaces_id: Option<String>,
    pub advice_from: Option<String>,
    pub pkb_starts_on: Option<NaiveDate>,
    pub pkb_term_months: Option<i32>,
    pub received_on: Option<NaiveDate>,
    pub first_received_on: Option<NaiveDate>,
    pub received_via: Option<String>,
    pub correction_notified_on: Option<NaiveDate>,
    pub compliant_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub deemed_warned_on: Option<NaiveDate>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = regulation_reviews)]
pub struct ReviewRow {
    pub id: String,
    pub submission_id: String,
    pub round: i32,
    pub item: String,
    pub met: bool,
    pub reason: String,
    pub reviewed_by: String,
    pub reviewed_on: NaiveDate,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = regulation_history)]
pub struct HistoryRow {
    pub id: String,
    pub submission_id: String,
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub effective_on: NaiveDate,
    pub actor_user_id: Option<String>,
    pub actor_role: String,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = regulations, treat_none_as_null = true)]
pub struct RegulationRow {
    pub id: String,
    pub office_id: String,
    pub company_id: String,
    pub kind: String,
    pub origin: String,
    pub submission_id: Option<String>,
    pub number: String,
    pub number_year: Option<i32>,
    pub number_seq: Option<i32>,
    pub issuer_level: String,
    pub issuer_name: String,
    pub issued_on: NaiveDate,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub extended_until: Option<NaiveDate>,
    pub extended_on: Option<NaiveDate>,
    pub extension_note: String,
    pub renewal_reminded_on: Option<NaiveDate>,
    pub signed_by: Option<String>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl RegulationRow {
    /// The last valid day, the extension included.
    pub fn ends_on(&self) -> NaiveDate {
        self.extended_until.unwrap_or(self.valid_until)
    }

    /// From when it counts for the indicator: its start, but never before the office's decree,
    /// registration or the deemed date.
    pub fn counts_from(&self) -> NaiveDate {
        self.valid_from.max(self.issued_on)
    }
}

/// Filters of the submission list.
#[derive(Debug, Clone, Default)]
pub struct SubmissionFilter {
    pub kind: Option<String>,
    pub status: Option<String>,
    pub company_id: Option<String>,
    /// Only those with a clock running (diajukan, perbaikan, memenuhi_syarat).
    pub open_only: bool,
}

fn scoped_submissions<'a>(scope: &'a Scope) -> regulation_submissions::BoxedQuery<'a, MultiBackend> {
    match scope {
        Scope::Office(office_id) => {
            regulation_submissions::table.filter(regulation_submissions::office_id.eq(office_id)).into_boxed()
        }
        Scope::Representative { office_id, user_id } => regulation_submissions::table
            .filter(regulation_submissions::office_id.eq(office_id))
            .filter(
                regulation_submissions::company_id.eq_any(
                    company_representatives::table
                        .filter(company_representatives::user_id.eq(user_id))
                        .select(company_representatives::company_id),
                ),
            )
            .into_boxed(),
    }
}

fn filtered_submissions<'a>(
    scope: &'a Scope,
    f: &'a SubmissionFilter,
) -> regulation_submissions::BoxedQuery<'a, MultiBackend> {
    let mut q = scoped_submissions(scope);
    if let Some(k) = &f.kind {
        q = q.filter(regulation_submissions::kind.eq(k));
    }
    if let Some(s) = &f.status {
        q = q.filter(regulation_submissions::status.eq(s));
    }
    if let Some(c) = &f.company_id {
        q = q.filter(regulation_submissions::company_id.eq(c));
    }
    if f.open_only {
        q = q.filter(regulation_submissions::status.eq_any(["diajukan", "perbaikan", "memenuhi_syarat"]));
    }
    q
}

/// A page of submissions, newest first.
pub fn list_submissions(
    conn: &mut DbConn,
    scope: &Scope,
    f: &SubmissionFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<SubmissionRow>, i64)> {
    let total = filtered_submissions(scope, f).count().get_result(conn)?;
    let rows = filtered_submissions(scope, f)
        .order((regulation_submissions::created_at.desc(), regulation_submissions::id))
        .offset(offset)
        .limit(limit)
        .select(SubmissionRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Every open submission the scope sees (the desk's queue is ordered by deadline in the service).
pub fn open_submissions(conn: &mut DbConn, scope: &Scope) -> QueryResult<Vec<SubmissionRow>> {
    let f = SubmissionFilter { open_only: true, ..Default::default() };
    filtered_submissions(scope, &f).select(SubmissionRow::as_select()).load(conn)
}

pub fn find_submission(conn: &mut DbConn, scope: &Scope, id: &str) -> QueryResult<Option<SubmissionRow>> {
    scoped_submissions(scope)
        .filter(regulation_submissions::id.eq(id))
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()
}

/// A submission by id in any office: for Harmoni's own clocks, never for requests.
pub fn find_submission_any(conn: &mut DbConn, id: &str) -> QueryResult<Option<SubmissionRow>> {
    regulation_submissions::table
        .filter(regulation_submissions::id.eq(id))
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()
}

/// Holds the submission's row lock until commit (PostgreSQL; SQLite writers are serialised).
pub fn lock_submission(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    if let DbConn::Postgres(pg) = conn {
        regulation_submissions::table
            .filter(regulation_submissions::id.eq(id))
            .select(regulation_submissions::id)
            .for_update()
            .first::<String>(pg)?;
    }
    Ok(())
}

pub fn insert_submission(conn: &mut DbConn, row: &SubmissionRow) -> QueryResult<usize> {
    diesel::insert_into(regulation_submissions::table).values(row).execute(conn)
}

pub fn update_submission(conn: &mut DbConn, row: &SubmissionRow) -> QueryResult<usize> {
    diesel::update(regulation_submissions::table.find(&row.id)).set(row).execute(conn)
}

/// Submissions a clock may act on (every office): corrections that can lapse, PP files that
/// can be deemed ratified or whose warning is due.
pub fn awaiting_clock(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    regulation_submissions::table
        .filter(
            regulation_submissions::status.eq("perbaikan").or(regulation_submissions::kind
                .eq("pp")
                .and(regulation_submissions::status.eq_any(["diajukan", "memenuhi_syarat"]))),
        )
        .order(regulation_submissions::id)
        .select(regulation_submissions::id)
        .load(conn)
}

/// The unions party to a PKB submission.
pub fn submission_unions(conn: &mut DbConn, submission_id: &str) -> QueryResult<Vec<UnionRow>> {
    regulation_submission_unions::table
        .inner_join(unions::table)
        .filter(regulation_submission_unions::submission_id.eq(submission_id))
        .order(unions::name)
        .select(UnionRow::as_select())
        .load(conn)
}

/// Replaces the unions party to a PKB submission.
pub fn set_submission_unions(conn: &mut DbConn, submission_id: &str, union_ids: &[String]) -> QueryResult<()> {
    diesel::delete(
        regulation_submission_unions::table.filter(regulation_submission_unions::submission_id.eq(submission_id)),
    )
    .execute(conn)?;
    for union_id in union_ids {
        diesel::insert_into(regulation_submission_unions::table)
            .values((
                regulation_submission_unions::submission_id.eq(submission_id),
                regulation_submission_unions::union_id.eq(union_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn reviews(conn: &mut DbConn, submission_id: &str) -> QueryResult<Vec<ReviewRow>> {
    regulation_reviews::table
        .filter(regulation_reviews::submission_id.eq(submission_id))
        .order((regulation_reviews::round, regulation_reviews::created_at, regulation_reviews::id))
        .select(ReviewRow::as_select())
        .load(conn)
}

pub fn insert_reviews(conn: &mut DbConn, rows: &[ReviewRow]) -> QueryResult<usize> {
    // One statement per row: MultiConnection has no portable batch insert.
    let mut n = 0;
    for row in rows {
        n += diesel::insert_into(regulation_reviews::table).values(row).execute(conn)?;
    }
    Ok(n)
}

pub fn history(conn: &mut DbConn, submission_id: &str) -> QueryResult<Vec<(HistoryRow, Option<String>)>> {
    regulation_history::table
        .left_join(users::table.on(users::id.nullable().eq(regulation_history::actor_user_id)))
        .filter(regulation_history::submission_id.eq(submission_id))
        .order((regulation_history::created_at, regulation_history::id))
        .select((HistoryRow::as_select(), users::full_name.nullable()))
        .load(conn)
}

pub fn insert_history(conn: &mut DbConn, row: &HistoryRow) -> QueryResult<usize> {
    diesel::insert_into(regulation_history::table).values(row).execute(conn)
}

/// Active users of a role in an office (the desk and the head to warn).
pub fn office_users(conn: &mut DbConn, office_id: &str, roles: &[&str]) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::office_id.eq(office_id))
        .filter(users::role.eq_any(roles))
        .filter(users::status.eq("active"))
        .order(users::full_name)
        .select(UserRow::as_select())
        .load(conn)
}

fn scoped_regulations<'a>(scope: &'a Scope) -> regulations::BoxedQuery<'a, MultiBackend> {
    match scope {
        Scope::Office(office_id) => regulations::table.filter(regulations::office_id.eq(office_id)).into_boxed(),
        Scope::Representative { office_id, user_id } => regulations::table
            .filter(regulations::office_id.eq(office_id))
            .filter(
                regulations::company_id.eq_any(
                    company_representatives::table
                        .filter(company_representatives::user_id.eq(user_id))
                        .select(company_representatives::company_id),
                ),
            )
            .into_boxed(),
    }
}

/// A page of the regulations the scope sees, of one company or all, latest end first.
pub fn list_regulations(
    conn: &mut DbConn,
    scope: &Scope,
    company_id: Option<&str>,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<RegulationRow>, i64)> {
    let q = || {
        let mut q = scoped_regulations(scope);
        if let Some(c) = company_id {
            q = q.filter(regulations::company_id.eq(c.to_string()));
        }
        q
    };
    let total = q().count().get_result(conn)?;
    let rows = q()
        .order((regulations::valid_until.desc(), regulations::id))
        .offset(offset)
        .limit(limit)
        .select(RegulationRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

pub fn find_regulation(conn: &mut DbConn, scope: &Scope, id: &str) -> QueryResult<Option<RegulationRow>> {
    scoped_regulations(scope).filter(regulations::id.eq(id)).select(RegulationRow::as_select()).first(conn).optional()
}

/// Every regulation of a company (no scope: for the standing and its callers' scoped pages).
pub fn company_regulations(conn: &mut DbConn, company_id: &str) -> QueryResult<Vec<RegulationRow>> {
    regulations_of(conn, &[company_id])
}

/// The PP and PKB of several companies, newest first.
pub fn regulations_of(conn: &mut DbConn, company_ids: &[&str]) -> QueryResult<Vec<RegulationRow>> {
    regulations::table
        .filter(regulations::company_id.eq_any(company_ids))
        .order((regulations::valid_from.desc(), regulations::id))
        .select(RegulationRow::as_select())
        .load(conn)
}

pub fn regulation_of_submission(conn: &mut DbConn, submission_id: &str) -> QueryResult<Option<RegulationRow>> {
    regulations::table
        .filter(regulations::submission_id.eq(submission_id))
        .select(RegulationRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_regulation(conn: &mut DbConn, row: &RegulationRow) -> QueryResult<usize> {
    diesel::insert_into(regulations::table).values(row).execute(conn)
}

pub fn update_regulation(conn: &mut DbConn, row: &RegulationRow) -> QueryResult<usize> {
    diesel::update(regulations::table.find(&row.id)).set(row).execute(conn)
}

/// Regulations whose renewal reminder may be due by `horizon` (every office): not yet
/// reminded, and ending (perhaps after an extension) on or after `today`.
pub fn renewal_candidates(conn: &mut DbConn, today: NaiveDate, horizon: NaiveDate) -> QueryResult<Vec<RegulationRow>> {
    regulations::table
        .filter(regulations::renewal_reminded_on.is_null())
        .filter(regulations::valid_until.le(horizon).or(regulations::extended_until.le(horizon)))
        .filter(regulations::valid_until.ge(today).or(regulations::extended_until.ge(today)))
        .order(regulations::id)
        .select(RegulationRow::as_select())
        .load(conn)
}
