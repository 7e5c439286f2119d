//! Case rows and every query on them; who may see which case is decided here, in the query.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{DbConn, MultiBackend};
use crate::schema::{
    case_assignments, case_bipartite, case_history, case_sessions, case_summons, case_workers, cases,
    company_representatives, users,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = cases, treat_none_as_null = true)]
pub struct CaseRow {
    pub id: String,
    pub office_id: String,
    pub reference: String,
    pub pin_hash: String,
    pub case_number: Option<String>,
    pub dispute_type: String,
    pub status: String,
    pub filed_by: String,
    pub channel: String,
    pub complainant_side: String,
    pub identity_checked: bool,
    pub consent_recorded: bool,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub company_id: Option<String>,
    pub company_name: String,
    pub company_address: String,
    pub union_id: Option<String>,
    pub union_name: Option<String>,
    pub is_group: bool,
    pub chronology: String,
    pub demands: String,
    pub submission_key: String,
    pub submitted_on: Option<NaiveDate>,
    pub registered_on: Option<NaiveDate>,
    pub screening_note: Option<String>,
    pub referred_to: Option<String>,
    pub forum_worker: Option<String>,
    pub forum_company: Option<String>,
    pub forum_person: Option<String>,
    pub external_outcome: Option<String>,
    pub mediator_id: Option<String>,
    pub delegated_on: Option<NaiveDate>,
    pub clarification_started_on: Option<NaiveDate>,
    pub clarification_ended_on: Option<NaiveDate>,
    pub clarification_notes: Option<String>,
    pub first_session_on: Option<NaiveDate>,
    pub anjuran_issued_on: Option<NaiveDate>,
    pub anjuran_received_on: Option<NaiveDate>,
    pub anjuran_text: Option<String>,
    pub anjuran_worker: Option<String>,
    pub anjuran_worker_on: Option<NaiveDate>,
    pub anjuran_company: Option<String>,
    pub anjuran_company_on: Option<NaiveDate>,
    pub anjuran_accepted_on: Option<NaiveDate>,
    pub pb_signed_on: Option<NaiveDate>,
    pub pb_text: Option<String>,
    pub pb_deed_number: Option<String>,
    pub pb_deed_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub closing_reason: Option<String>,
    pub pin_failures: i32,
    pub pin_locked_until: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The day the case came to its present status: the effective day of the last step that
    /// changed it (the disputes report ages open cases by it); `None` for a draft.
    pub status_since: Option<NaiveDate>,
}

/// What a case's running clocks are computed from (DOMAIN.md section 2): its status and the
/// dates and answers the rules start them on. Reports read only these columns of many cases.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cases)]
pub struct CaseClocks {
    pub status: String,
    pub submitted_on: Option<NaiveDate>,
    pub registered_on: Option<NaiveDate>,
    pub delegated_on: Option<NaiveDate>,
    pub first_session_on: Option<NaiveDate>,
    pub clarification_started_on: Option<NaiveDate>,
    pub clarification_ended_on: Option<NaiveDate>,
    pub anjuran_received_on: Option<NaiveDate>,
    pub anjuran_worker: Option<String>,
    pub anjuran_company: Option<String>,
    pub anjuran_accepted_on: Option<NaiveDate>,
}

impl CaseRow {
    /// The columns of this case that its clocks run on.
    pub fn clocks(&self) -> CaseClocks {
        CaseClocks {
            status: self.status.clone(),
            submitted_on: self.submitted_on,
            registered_on: self.registered_on,
            delegated_on: self.delegated_on,
            first_session_on: self.first_session_on,
            clarification_started_on: self.clarification_started_on,
            clarification_ended_on: self.clarification_ended_on,
            anjuran_received_on: self.anjuran_received_on,
            anjuran_worker: self.anjuran_worker.clone(),
            anjuran_company: self.anjuran_company.clone(),
            anjuran_accepted_on: self.anjuran_accepted_on,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = case_workers)]
pub struct WorkerRow {
    pub id: String,
    pub case_id: String,
    pub position: i32,
    pub full_name: String,
    pub nik: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub job_title: Option<String>,
    pub started_on: Option<NaiveDate>,
    pub monthly_wage: Option<i64>,
    pub user_id: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = case_bipartite)]
pub struct BipartiteRow {
    pub id: String,
    pub case_id: String,
    pub kind: String,
    pub held_on: NaiveDate,
    pub summary: String,
    pub document_id: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = case_history)]
pub struct HistoryRow {
    pub id: String,
    pub case_id: String,
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub effective_on: NaiveDate,
    pub actor_user_id: Option<String>,
    pub actor_role: String,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = case_sessions)]
pub struct SessionRow {
    pub id: String,
    pub case_id: String,
    pub held_on: NaiveDate,
    pub worker_present: bool,
    pub company_present: bool,
    pub minutes: String,
    pub document_id: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = case_summons)]
pub struct SummonsRow {
    pub id: String,
    pub case_id: String,
    pub side: String,
    pub sent_on: NaiveDate,
    pub session_on: NaiveDate,
    pub delivery: String,
    pub created_at: NaiveDateTime,
    /// The scheduled session it summons to; none for summonses recorded before scheduling.
    pub hearing_id: Option<String>,
    pub letter_number: Option<String>,
    pub addressee: Option<String>,
    /// Set when the session was rescheduled or cancelled: the letter no longer stands.
    pub withdrawn_at: Option<NaiveDateTime>,
    pub handed_over_on: Option<NaiveDate>,
    pub handed_over_to: Option<String>,
    pub receipt_document_id: Option<String>,
    pub opened_at: Option<NaiveDateTime>,
    /// Decided when the session's outcome is recorded: delivered with proper notice.
    pub proper: Option<bool>,
}

impl SummonsRow {
    /// Whether it counts toward `summons_before_proceeding`: a scheduled summons only once it
    /// was found proper; one recorded before scheduling counts as it always did.
    pub fn counts(&self) -> bool {
        match &self.hearing_id {
            None => true,
            Some(_) => self.proper == Some(true) && self.withdrawn_at.is_none(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = case_assignments)]
pub struct AssignmentRow {
    pub id: String,
    pub case_id: String,
    pub mediator_id: String,
    pub assigned_on: NaiveDate,
    pub reason: Option<String>,
    pub assigned_by: String,
    pub created_at: NaiveDateTime,
}

/// Which cases a user sees. Anything outside the scope does not exist for them (404).
#[derive(Debug, Clone)]
pub enum CaseScope {
    /// Desk officers and leadership: every filed case of the office, and their own drafts.
    Office { office_id: String, user_id: String },
    /// A mediator: the cases delegated to them.
    Mediator { office_id: String, user_id: String },
    /// A worker: what they filed, and the cases that name them as a party.
    Worker { office_id: String, user_id: String },
    /// A company representative: what they filed, and the filed cases of their companies.
    Company { office_id: String, user_id: String },
}

impl CaseScope {
    pub fn office_id(&self) -> &str {
        match self {
            CaseScope::Office { office_id, .. }
            | CaseScope::Mediator { office_id, .. }
            | CaseScope::Worker { office_id, .. }
            | CaseScope::Company { office_id, .. } => office_id,
        }
    }
}

pub fn scoped<'a>(scope: &'a CaseScope) -> cases::BoxedQuery<'a, MultiBackend> {
    let filed = cases::status.ne("draf");
    match scope {
        CaseScope::Office { office_id, user_id } => cases::table
            .filter(cases::office_id.eq(office_id))
            .filter(filed.or(cases::filed_by.eq(user_id)))
            .into_boxed(),
        CaseScope::Mediator { office_id, user_id } => {
            cases::table.filter(cases::office_id.eq(office_id)).filter(cases::mediator_id.eq(user_id)).into_boxed()
        }
        CaseScope::Worker { office_id, user_id } => {
            cases::table
                .filter(cases::office_id.eq(office_id))
                .filter(cases::filed_by.eq(user_id).or(filed.and(cases::id.eq_any(
                    case_workers::table.filter(case_workers::user_id.eq(user_id)).select(case_workers::case_id),
                ))))
                .into_boxed()
        }
        CaseScope::Company { office_id, user_id } => cases::table
            .filter(cases::office_id.eq(office_id))
            .filter(
                cases::filed_by.eq(user_id).or(filed.and(
                    cases::company_id.eq_any(
                        company_representatives::table
                            .filter(company_representatives::user_id.eq(user_id))
                            .select(company_representatives::company_id.nullable()),
                    ),
                )),
            )
            .into_boxed(),
    }
}

/// Filters of the case list.
#[derive(Debug, Clone, Default)]
pub struct CaseQuery {
    pub statuses: Vec<String>,
    pub dispute_type: Option<String>,
    pub mediator_id: Option<String>,
    pub company_id: Option<String>,
    /// Case number, reference or company name (part of it).
    pub q: Option<String>,
}

fn filtered<'a>(scope: &'a CaseScope, f: &'a CaseQuery) -> cases::BoxedQuery<'a, MultiBackend> {
    let mut q = scoped(scope);
    if !f.statuses.is_empty() {
        q = q.filter(cases::status.eq_any(&f.statuses));
    }
    if let Some(t) = &f.dispute_type {
        q = q.filter(cases::dispute_type.eq(t));
    }
    if let Some(m) = &f.mediator_id {
        q = q.filter(cases::mediator_id.eq(m));
    }
    if let Some(c) = &f.company_id {
        q = q.filter(cases::company_id.eq(c));
    }
    if let Some(text) = &f.q {
        let pattern = format!("%{}%", crate::db::escape_like(&text.to_lowercase()));
        q = q.filter(
            crate::db::lower(cases::company_name)
                .like(pattern.clone())
                .escape('\\')
                .or(crate::db::lower(cases::reference).like(pattern.clone()).escape('\\'))
                .or(crate::db::lower(cases::case_number.assume_not_null()).like(pattern).escape('\\')),
        );
    }
    q
}

/// A page of cases, newest first, and how many match.
pub fn list(
    conn: &mut DbConn,
    scope: &CaseScope,
    f: &CaseQuery,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<CaseRow>, i64)> {
    let total = filtered(scope, f).count().get_result(conn)?;
    let rows = filtered(scope, f)
        .order((cases::created_at.desc(), cases::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(CaseRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Every case of the scope in the given statuses (a mediator's open cases: tens, not thousands).
pub fn all_in(conn: &mut DbConn, scope: &CaseScope, statuses: &[&str]) -> QueryResult<Vec<CaseRow>> {
    scoped(scope).filter(cases::status.eq_any(statuses)).select(CaseRow::as_select()).load(conn)
}

pub fn find(conn: &mut DbConn, scope: &CaseScope, id: &str) -> QueryResult<Option<CaseRow>> {
    scoped(scope).filter(cases::id.eq(id)).select(CaseRow::as_select()).first(conn).optional()
}

/// A case by id for Harmoni's own jobs (the clocks), never for a request.
pub fn find_any(conn: &mut DbConn, id: &str) -> QueryResult<Option<CaseRow>> {
    cases::table.filter(cases::id.eq(id)).select(CaseRow::as_select()).first(conn).optional()
}

/// Locks the case row for the rest of the transaction (PostgreSQL), so two steps on one case
/// are taken one after the other; SQLite write transactions are already serialised.
pub fn lock(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    if let DbConn::Postgres(pg) = conn {
        cases::table.filter(cases::id.eq(id)).select(cases::id).for_update().first::<String>(pg)?;
    }
    Ok(())
}

pub fn find_by_reference(conn: &mut DbConn, reference: &str) -> QueryResult<Option<CaseRow>> {
    cases::table.filter(cases::reference.eq(reference)).select(CaseRow::as_select()).first(conn).optional()
}

pub fn find_by_submission(conn: &mut DbConn, filed_by: &str, key: &str) -> QueryResult<Option<CaseRow>> {
    cases::table
        .filter(cases::filed_by.eq(filed_by))
        .filter(cases::submission_key.eq(key))
        .select(CaseRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConn, row: &CaseRow) -> QueryResult<usize> {
    diesel::insert_into(cases::table).values(row).execute(conn)
}

pub fn update(conn: &mut DbConn, row: &CaseRow) -> QueryResult<usize> {
    diesel::update(cases::table.find(&row.id)).set(row).execute(conn)
}

/// Cases whose clocks may have run out with an automatic step: Harmoni checks them.
pub fn awaiting_clock(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    cases::table.filter(cases::status.eq_any(["penawaran_forum", "anjuran"])).select(cases::id).load(conn)
}

pub fn workers(conn: &mut DbConn, case_id: &str) -> QueryResult<Vec<WorkerRow>> {
    case_workers::table
        .filter(case_workers::case_id.eq(case_id))
        .order(case_workers::position)
        .select(WorkerRow::as_select())
        .load(conn)
}

pub fn replace_workers(conn: &mut DbConn, case_id: &str, rows: &[WorkerRow]) -> QueryResult<()> {
    diesel::delete(case_workers::table.filter(case_workers::case_id.eq(case_id))).execute(conn)?;
    // One statement per row: a multi-row VALUES is not portable through the MultiConnection.
    for row in rows {
        diesel::insert_into(case_workers::table).values(row).execute(conn)?;
    }
    Ok(())
}

pub fn bipartite(conn: &mut DbConn, case_id: &str) -> QueryResult<Vec<BipartiteRow>> {
    case_bipartite::table
        .filter(case_bipartite::case_id.eq(case_id))
        .order((case_bipartite::held_on, case_bipartite::created_at))
        .select(BipartiteRow::as_select())
        .load(conn)
}

pub fn insert_bipartite(conn: &mut DbConn, row: &BipartiteRow) -> QueryResult<usize> {
    diesel::insert_into(case_bipartite::table).values(row).execute(conn)
}

pub fn history(conn: &mut DbConn, case_id: &str) -> QueryResult<Vec<HistoryRow>> {
    case_history::table
        .filter(case_history::case_id.eq(case_id))
        .order((case_history::created_at, case_history::id))
        .select(HistoryRow::as_select())
        .load(conn)
}

pub fn insert_history(conn: &mut DbConn, row: &HistoryRow) -> QueryResult<usize> {
    diesel::insert_into(case_history::table).values(row).execute(conn)
}

pub fn sessions(conn: &mut DbConn, case_id: &str) -> QueryResult<Vec<SessionRow>> {
    case_sessions::table
        .filter(case_sessions::case_id.eq(case_id))
        .order((case_sessions::held_on, case_sessions::created_at))
        .select(SessionRow::as_select())
        .load(conn)
}

pub fn insert_session(conn: &mut DbConn, row: &SessionRow) -> QueryResult<usize> {
    diesel::insert_into(case_sessions::table).values(row).execute(conn)
}

pub fn summons(conn: &mut DbConn, case_id: &str) -> QueryResult<Vec<SummonsRow>> {
    case_summons::table
        .filter(case_summons::case_id.eq(case_id))
        .order((case_summons::sent_on, case_summons::created_at))
        .select(SummonsRow::as_select())
        .load(conn)
}

pub fn insert_summons(conn: &mut DbConn, row: &SummonsRow) -> QueryResult<usize> {
    diesel::insert_into(case_summons::table).values(row).execute(conn)
}

pub fn assignments(conn: &mut DbConn, case_id: &str) -> QueryResult<Vec<AssignmentRow>> {
    case_assignments::table
        .filter(case_assignments::case_id.eq(case_id))
        .order(case_assignments::created_at)
        .select(AssignmentRow::as_select())
        .load(conn)
}

pub fn insert_assignment(conn: &mut DbConn, row: &AssignmentRow) -> QueryResult<usize> {
    diesel::insert_into(case_assignments::table).values(row).execute(conn)
}

/// Open cases per mediator of the office (for the lightest-load suggestion).
pub fn open_load(conn: &mut DbConn, office_id: &str) -> QueryResult<Vec<(String, i64)>> {
    use diesel::dsl::count_star;
    cases::table
        .filter(cases::office_id.eq(office_id))
        .filter(cases::status.eq_any(["mediasi", "anjuran", "menunggu_pb"]))
        .filter(cases::mediator_id.is_not_null())
        .group_by(cases::mediator_id)
        .select((cases::mediator_id.assume_not_null(), count_star()))
        .load(conn)
}

/// Mediators who were delegated a case of this company on or after a date.
pub fn recent_mediators_of_company(
    conn: &mut DbConn,
    company_id: &str,
    since: NaiveDate,
) -> QueryResult<Vec<(String, NaiveDate)>> {
    case_assignments::table
        .inner_join(cases::table)
        .filter(cases::company_id.eq(company_id))
        .filter(case_assignments::assigned_on.ge(since))
        .select((case_assignments::mediator_id, case_assignments::assigned_on))
        .load(conn)
}

/// The active mediators of an office, by name.
pub fn mediators(conn: &mut DbConn, office_id: &str) -> QueryResult<Vec<(String, String)>> {
    users::table
        .filter(users::office_id.eq(office_id))
        .filter(users::role.eq("mediator"))
        .filter(users::status.eq("active"))
        .order(users::full_name)
        .select((users::id, users::full_name))
        .load(conn)
}
