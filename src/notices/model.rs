//! Notice, facilitation and PHK report rows and their queries. Who sees what is decided here:
//! every query takes the `Scope` of the actor (the office, or a representative's companies).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::exists;
use diesel::prelude::*;

use crate::companies::model::Scope;
use crate::db::{escape_like, lower, DbConn, MultiBackend};
use crate::schema::{
    companies, company_representatives, phk_reports, phk_workers, stoppage_facilitations, stoppage_notices,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = stoppage_notices)]
pub struct NoticeRow {
    pub id: String,
    pub office_id: String,
    pub kind: String,
    pub company_id: String,
    pub union_id: Option<String>,
    pub giver_name: String,
    pub signatories: String,
    pub received_at: NaiveDateTime,
    pub starts_at: NaiveDateTime,
    pub ends_at: Option<NaiveDateTime>,
    pub place: String,
    pub reasons: String,
    pub notice_due_on: NaiveDate,
    pub short_notice: bool,
    pub protected_sector: Option<String>,
    pub missing_content: String,
    pub receipt_number: String,
    pub receipt_year: i32,
    pub receipt_seq: i32,
    pub submitted_online: bool,
    pub outcome: Option<String>,
    pub outcome_on: Option<NaiveDate>,
    pub outcome_note: String,
    pub pb_witness: Option<String>,
    pub case_id: Option<String>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = stoppage_facilitations)]
pub struct FacilitationRow {
    pub id: String,
    pub notice_id: String,
    pub held_on: NaiveDate,
    pub attendees: String,
    pub notes: String,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = phk_reports)]
pub struct PhkReportRow {
    pub id: String,
    pub office_id: String,
    pub company_id: String,
    pub reason_category: String,
    pub reason_text: String,
    pub submitted_online: bool,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = phk_workers)]
pub struct PhkWorkerRow {
    pub id: String,
    pub report_id: String,
    pub position: i32,
    pub name: String,
    pub nik: String,
    pub job_title: String,
    pub started_on: NaiveDate,
    pub terminated_on: NaiveDate,
    pub probation: bool,
    pub notice_on: Option<NaiveDate>,
    pub notice_due_on: NaiveDate,
    pub notice_short: bool,
}

/// Filters of the notice list.
#[derive(Debug, Clone, Default)]
pub struct NoticeFilter {
    pub kind: Option<String>,
    /// Year of receipt.
    pub year: Option<i32>,
    /// A status code of `rules::Status`.
    pub status: Option<String>,
    /// Part of the company's name.
    pub company: Option<String>,
    pub company_id: Option<String>,
    /// Only the facilitations that prevented a dispute (`rules::prevented`).
    pub prevented: bool,
}

type NoticeQuery<'a> =
    diesel::dsl::IntoBoxed<'a, diesel::dsl::InnerJoin<stoppage_notices::table, companies::table>, MultiBackend>;

/// The notices the scope may see, with their company.
fn scoped_notices(scope: &Scope) -> NoticeQuery<'_> {
    let q = stoppage_notices::table.inner_join(companies::table).into_boxed();
    match scope {
        Scope::Office(office_id) => q.filter(stoppage_notices::office_id.eq(office_id.as_str())),
        Scope::Representative { office_id, user_id } => {
            q.filter(stoppage_notices::office_id.eq(office_id.as_str())).filter(
                stoppage_notices::company_id.eq_any(
                    company_representatives::table
                        .filter(company_representatives::user_id.eq(user_id.as_str()))
                        .select(company_representatives::company_id),
                ),
            )
        }
    }
}

fn facilitated() -> diesel::dsl::exists<
    diesel::dsl::Filter<
        stoppage_facilitations::table,
        diesel::dsl::Eq<stoppage_facilitations::notice_id, stoppage_notices::id>,
    >,
> {
    exists(stoppage_facilitations::table.filter(stoppage_facilitations::notice_id.eq(stoppage_notices::id)))
}

fn filtered<'a>(scope: &'a Scope, f: &'a NoticeFilter) -> NoticeQuery<'a> {
    let mut q = scoped_notices(scope);
    if let Some(k) = &f.kind {
        q = q.filter(stoppage_notices::kind.eq(k.as_str()));
    }
    if let Some(y) = f.year {
        q = q.filter(stoppage_notices::receipt_year.eq(y));
    }
    if let Some(c) = &f.company_id {
        q = q.filter(stoppage_notices::company_id.eq(c.as_str()));
    }
    if let Some(text) = &f.company {
        let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
        q = q.filter(lower(companies::name).like(pattern).escape('\\'));
    }
    match f.status.as_deref() {
        Some("diterima") => q = q.filter(stoppage_notices::outcome.is_null()).filter(diesel::dsl::not(facilitated())),
        Some("difasilitasi") => q = q.filter(stoppage_notices::outcome.is_null()).filter(facilitated()),
        Some(outcome) => q = q.filter(stoppage_notices::outcome.eq(outcome.to_string())),
        None => {}
    }
    if f.prevented {
        q = q.filter(stoppage_notices::outcome.eq_any(["pb", "batal"])).filter(facilitated());
    }
    q
}

/// A page of notices, newest receipt first, with their company's name; and the total.
pub fn list_notices(
    conn: &mut DbConn,
    scope: &Scope,
    f: &NoticeFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<(NoticeRow, String)>, i64)> {
    let total = filtered(scope, f).count().get_result(conn)?;
    let rows = filtered(scope, f)
        .order((stoppage_notices::received_at.desc(), stoppage_notices::id))
        .offset(offset)
        .limit(limit)
        .select((NoticeRow::as_select(), companies::name))
        .load(conn)?;
    Ok((rows, total))
}

/// One notice the scope may see.
pub fn find_notice(conn: &mut DbConn, scope: &Scope, id: &str) -> QueryResult<Option<NoticeRow>> {
    scoped_notices(scope).filter(stoppage_notices::id.eq(id)).select(NoticeRow::as_select()).first(conn).optional()
}

/// The days (of outcome) of the notices whose facilitation prevented a dispute, for counts per year.
pub fn prevented_days(conn: &mut DbConn, scope: &Scope) -> QueryResult<Vec<Option<NaiveDate>>> {
    let f = NoticeFilter { prevented: true, ..Default::default() };
    filtered(scope, &f).select(stoppage_notices::outcome_on).load(conn)
}

/// The years notices were received in, newest first.
pub fn notice_years(conn: &mut DbConn, scope: &Scope) -> QueryResult<Vec<i32>> {
    let mut years: Vec<i32> = scoped_notices(scope).select(stoppage_notices::receipt_year).distinct().load(conn)?;
    years.sort_unstable_by(|a, b| b.cmp(a));
    Ok(years)
}

pub fn insert_notice(conn: &mut DbConn, row: &NoticeRow) -> QueryResult<usize> {
    diesel::insert_into(stoppage_notices::table).values(row).execute(conn)
}

pub fn set_outcome(
    conn: &mut DbConn,
    id: &str,
    outcome: &str,
    on: NaiveDate,
    note: &str,
    witness: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(stoppage_notices::table.find(id))
        .set((
            stoppage_notices::outcome.eq(outcome),
            stoppage_notices::outcome_on.eq(on),
            stoppage_notices::outcome_note.eq(note),
            stoppage_notices::pb_witness.eq(witness),
            stoppage_notices::updated_at.eq(now),
        ))
        .execute(conn)
}

/// Links the dispute case opened from a notice whose facilitation did not settle it.
pub fn set_case(conn: &mut DbConn, id: &str, case_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(stoppage_notices::table.find(id))
        .set((stoppage_notices::case_id.eq(case_id), stoppage_notices::updated_at.eq(now)))
        .execute(conn)
}

pub fn touch_notice(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(stoppage_notices::table.find(id)).set(stoppage_notices::updated_at.eq(now)).execute(conn)
}

/// A notice's facilitation meetings, oldest first.
pub fn facilitations(conn: &mut DbConn, notice_id: &str) -> QueryResult<Vec<FacilitationRow>> {
    stoppage_facilitations::table
        .filter(stoppage_facilitations::notice_id.eq(notice_id))
        .order((stoppage_facilitations::held_on, stoppage_facilitations::created_at, stoppage_facilitations::id))
        .select(FacilitationRow::as_select())
        .load(conn)
}

/// How many facilitation meetings each of the notices had.
pub fn facilitation_counts(conn: &mut DbConn, notice_ids: &[String]) -> QueryResult<Vec<(String, usize)>> {
    let rows: Vec<String> = stoppage_facilitations::table
        .filter(stoppage_facilitations::notice_id.eq_any(notice_ids))
        .select(stoppage_facilitations::notice_id)
        .load(conn)?;
    Ok(notice_ids.iter().map(|id| (id.clone(), rows.iter().filter(|r| *r == id).count())).collect())
}

pub fn insert_facilitation(conn: &mut DbConn, row: &FacilitationRow) -> QueryResult<usize> {
    diesel::insert_into(stoppage_facilitations::table).values(row).execute(conn)
}

/// Filters of the PHK report list.
#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    /// Year the report was recorded.
    pub year: Option<i32>,
    pub reason: Option<String>,
    /// Part of the company's name.
    pub company: Option<String>,
    pub company_id: Option<String>,
}

type ReportQuery<'a> =
    diesel::dsl::IntoBoxed<'a, diesel::dsl::InnerJoin<phk_reports::table, companies::table>, MultiBackend>;

fn scoped_reports(scope: &Scope) -> ReportQuery<'_> {
    let q = phk_reports::table.inner_join(companies::table).into_boxed();
    match scope {
        Scope::Office(office_id) => q.filter(phk_reports::office_id.eq(office_id.as_str())),
        Scope::Representative { office_id, user_id } => q.filter(phk_reports::office_id.eq(office_id.as_str())).filter(
            phk_reports::company_id.eq_any(
                company_representatives::table
                    .filter(company_representatives::user_id.eq(user_id.as_str()))
                    .select(company_representatives::company_id),
            ),
        ),
    }
}

fn filtered_reports<'a>(scope: &'a Scope, f: &'a ReportFilter) -> ReportQuery<'a> {
    let mut q = scoped_reports(scope);
    if let Some(y) = f.year {
        let from = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN).and_time(chrono::NaiveTime::MIN);
        let to = NaiveDate::from_ymd_opt(y + 1, 1, 1).unwrap_or(NaiveDate::MAX).and_time(chrono::NaiveTime::MIN);
        q = q.filter(phk_reports::created_at.ge(from)).filter(phk_reports::created_at.lt(to));
    }
    if let Some(r) = &f.reason {
        q = q.filter(phk_reports::reason_category.eq(r.as_str()));
    }
    if let Some(c) = &f.company_id {
        q = q.filter(phk_reports::company_id.eq(c.as_str()));
    }
    if let Some(text) = &f.company {
        let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
        q = q.filter(lower(companies::name).like(pattern).escape('\\'));
    }
    q
}

pub fn list_reports(
    conn: &mut DbConn,
    scope: &Scope,
    f: &ReportFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<(PhkReportRow, String)>, i64)> {
    let total = filtered_reports(scope, f).count().get_result(conn)?;
    let rows = filtered_reports(scope, f)
        .order((phk_reports::created_at.desc(), phk_reports::id))
        .offset(offset)
        .limit(limit)
        .select((PhkReportRow::as_select(), companies::name))
        .load(conn)?;
    Ok((rows, total))
}

pub fn find_report(conn: &mut DbConn, scope: &Scope, id: &str) -> QueryResult<Option<PhkReportRow>> {
    scoped_reports(scope).filter(phk_reports::id.eq(id)).select(PhkReportRow::as_select()).first(conn).optional()
}

pub fn insert_report(conn: &mut DbConn, report: &PhkReportRow, workers: &[PhkWorkerRow]) -> QueryResult<()> {
    diesel::insert_into(phk_reports::table).values(report).execute(conn)?;
    // One statement per row: multi-row inserts are not portable across both backends here.
    for w in workers {
        diesel::insert_into(phk_workers::table).values(w).execute(conn)?;
    }
    Ok(())
}

/// The workers of the reports, in the order they were listed.
pub fn workers_of(conn: &mut DbConn, report_ids: &[String]) -> QueryResult<Vec<PhkWorkerRow>> {
    phk_workers::table
        .filter(phk_workers::report_id.eq_any(report_ids))
        .order((phk_workers::report_id, phk_workers::position))
        .select(PhkWorkerRow::as_select())
        .load(conn)
}
