//! The queries of the leadership reports; every one is scoped to an office (and, for a
//! mediator, to their own cases) inside the SQL.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::companies::history::Counts;
use crate::db::DbConn;
use crate::reports::rules::ChangeRow;
use crate::schema::{
    bpjs_records, cases, companies, indicator_changes, lks_bipartit, regulations, standing_periods, stoppage_notices,
    wage_scales,
};

type ChangeTuple = (String, NaiveDate, String, String, (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64));

fn change_row(t: ChangeTuple) -> ChangeRow {
    let (grain, starts_on, dimension, key, c) = t;
    let counts: Counts = [c.0, c.1, c.2, c.3, c.4, c.5, c.6, c.7, c.8, c.9, c.10];
    ChangeRow { grain: grain.chars().next().unwrap_or('d'), starts_on, dimension, key, counts }
}

macro_rules! change_columns {
    () => {
        (
            indicator_changes::grain,
            indicator_changes::starts_on,
            indicator_changes::dimension,
            indicator_changes::dim_key,
            (
                indicator_changes::registered,
                indicator_changes::pp_met,
                indicator_changes::pp_free,
                indicator_changes::lks_met,
                indicator_changes::lks_free,
                indicator_changes::wage_met,
                indicator_changes::wage_free,
                indicator_changes::bpjs_met,
                indicator_changes::bpjs_free,
                indicator_changes::all_met,
                indicator_changes::all_ok,
            ),
        )
    };
}

/// The change rows that make up the indicator as of `day` (see `rules::counts_as_of`): three
/// ranges of the primary key, a few thousand rows whatever the number of companies.
pub fn changes_as_of(conn: &mut DbConn, office_id: &str, day: NaiveDate) -> QueryResult<Vec<ChangeRow>> {
    let [(_, year), (_, month), _] = crate::companies::history::grains(day);
    use indicator_changes as ic;
    let rows: Vec<ChangeTuple> = ic::table
        .filter(ic::office_id.eq(office_id))
        .filter(
            (ic::grain.eq("y").and(ic::starts_on.lt(year)))
                .or(ic::grain.eq("m").and(ic::starts_on.ge(year)).and(ic::starts_on.lt(month)))
                .or(ic::grain.eq("d").and(ic::starts_on.ge(month)).and(ic::starts_on.le(day))),
        )
        .select(change_columns!())
        .load(conn)?;
    Ok(rows.into_iter().map(change_row).collect())
}

/// The change rows of one dimension needed for sums at month ends up to `today`: every year
/// and month row, and the day rows of today's month (summed at many days in memory).
pub fn changes_for_trend(
    conn: &mut DbConn,
    office_id: &str,
    dimension: &str,
    today: NaiveDate,
) -> QueryResult<Vec<ChangeRow>> {
    use indicator_changes as ic;
    let [_, (_, month), _] = crate::companies::history::grains(today);
    let rows: Vec<ChangeTuple> = ic::table
        .filter(ic::office_id.eq(office_id))
        .filter(ic::dimension.eq(dimension))
        // Spelled as grains so both databases walk the primary key rather than the whole table.
        .filter(ic::grain.eq_any(["y", "m"]).or(ic::grain.eq("d").and(ic::starts_on.between(month, today))))
        .select(change_columns!())
        .load(conn)?;
    Ok(rows.into_iter().map(change_row).collect())
}

/// The first day any company of the office counts (for the trend's first year).
pub fn first_period_day(conn: &mut DbConn, office_id: &str) -> QueryResult<Option<NaiveDate>> {
    standing_periods::table
        .filter(standing_periods::office_id.eq(office_id))
        .select(diesel::dsl::min(standing_periods::valid_from))
        .first(conn)
}

/// A company missing a criterion as of a day, with what the desk needs to call it; criteria
/// as met, not_required, missing or no_data.
#[derive(Debug, Clone, Queryable, serde::Serialize, utoipa::ToSchema)]
pub struct MissingRow {
    pub company_id: String,
    pub name: String,
    pub nib: String,
    pub kecamatan: String,
    pub kbli_section: String,
    pub size_class: String,
    pub workers_total: i32,
    pub contact_name: String,
    pub contact_phone: Option<String>,
    pub pp: String,
    pub lks: String,
    pub wage: String,
    pub bpjs: String,
}

/// The drill-down: companies counted as of `day` whose `criterion` (pp, lks, wage, bpjs, or
/// all for any of them) is not among `ok` codes, optionally in one breakdown cell; by name.
/// (How many there are comes from the indicator's sums, not from counting these rows.)
#[allow(clippy::too_many_arguments)]
pub fn missing(
    conn: &mut DbConn,
    office_id: &str,
    day: NaiveDate,
    criterion: &str,
    ok: &[&str],
    cell: Option<(&str, &str)>,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<MissingRow>> {
    use standing_periods as sp;
    let base = || {
        let mut q = sp::table
            .inner_join(companies::table)
            .filter(sp::office_id.eq(office_id.to_string()))
            // Redundant (a company's periods carry its office) but lets the planner walk the
            // companies by name on (office_id, name, id) and stop after one page.
            .filter(companies::office_id.eq(office_id.to_string()))
            .filter(sp::valid_from.le(day))
            .filter(sp::valid_to.is_null().or(sp::valid_to.gt(day)))
            .into_boxed();
        let ok: Vec<String> = ok.iter().map(|s| s.to_string()).collect();
        q = match criterion {
            "pp" => q.filter(sp::pp.ne_all(ok)),
            "lks" => q.filter(sp::lks.ne_all(ok)),
            "wage" => q.filter(sp::wage.ne_all(ok)),
            "bpjs" => q.filter(sp::bpjs.ne_all(ok)),
            _ => q.filter(
                sp::pp
                    .ne_all(ok.clone())
                    .or(sp::lks.ne_all(ok.clone()))
                    .or(sp::wage.ne_all(ok.clone()))
                    .or(sp::bpjs.ne_all(ok)),
            ),
        };
        if let Some((dim, key)) = cell {
            let key = key.to_string();
            q = match dim {
                "kecamatan" => q.filter(sp::kecamatan.eq(key)),
                "kbli" => q.filter(sp::kbli_section.eq(key)),
                "scale" => q.filter(sp::size_class.eq(key)),
                _ => q.filter(sp::workforce_band.eq(key)),
            };
        }
        q
    };
    base()
        .order((companies::name, companies::id))
        .offset(offset)
        .limit(limit)
        .select((
            companies::id,
            companies::name,
            companies::nib,
            sp::kecamatan,
            sp::kbli_section,
            sp::size_class,
            companies::workers_total,
            companies::contact_name,
            companies::contact_phone,
            sp::pp,
            sp::lks,
            sp::wage,
            sp::bpjs,
        ))
        .load(conn)
}

/// The dates a case's mediation ran between, for judging whether it ended in time.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cases)]
pub struct MediationFacts {
    pub mediator_id: Option<String>,
    pub delegated_on: Option<NaiveDate>,
    pub clarification_started_on: Option<NaiveDate>,
    pub clarification_ended_on: Option<NaiveDate>,
    pub anjuran_issued_on: Option<NaiveDate>,
    pub pb_signed_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
}

/// An open case as the disputes report reads it: what it shows and what the clocks run on.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cases)]
pub struct OpenCase {
    pub id: String,
    pub case_number: Option<String>,
    pub company_name: String,
    pub mediator_id: Option<String>,
    pub status_since: Option<NaiveDate>,
    #[diesel(embed)]
    pub clocks: crate::cases::model::CaseClocks,
}

type CaseQuery<'a> = cases::BoxedQuery<'a, crate::db::MultiBackend>;

fn scoped<'a>(office_id: &'a str, mediator: Option<&'a str>) -> CaseQuery<'a> {
    let q = cases::table.filter(cases::office_id.eq(office_id)).into_boxed();
    match mediator {
        Some(m) => q.filter(cases::mediator_id.eq(m)),
        None => q,
    }
}

/// Cases registered in the period.
pub fn recorded(
    conn: &mut DbConn,
    office_id: &str,
    mediator: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<i64> {
    scoped(office_id, mediator).filter(cases::registered_on.between(from, to)).count().get_result(conn)
}

/// Cases registered before the period and still open on its first day (carried over): those
/// not closed at all plus those closed on or after that day, two ranges of `cases_closed_idx`.
/// (Written as one `OR`, PostgreSQL picks a plan that filters every closed case.)
pub fn carried_over(conn: &mut DbConn, office_id: &str, mediator: Option<&str>, from: NaiveDate) -> QueryResult<i64> {
    let open: i64 = scoped(office_id, mediator)
        .filter(cases::closed_on.is_null())
        .filter(cases::registered_on.lt(from))
        .count()
        .get_result(conn)?;
    let closed_later: i64 = scoped(office_id, mediator)
        .filter(cases::closed_on.ge(from))
        .filter(cases::registered_on.lt(from))
        .count()
        .get_result(conn)?;
    Ok(open + closed_later)
}

/// Cases closed in the period with one of the given statuses.
pub fn closed_with(
    conn: &mut DbConn,
    office_id: &str,
    mediator: Option<&str>,
    statuses: &[&str],
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<i64> {
    scoped(office_id, mediator)
        .filter(cases::closed_on.between(from, to))
        .filter(cases::status.eq_any(statuses))
        .count()
        .get_result(conn)
}

/// Cases closed in the period, counted by dispute type and final status: (type, status,
/// cases, of which delegated to a mediator). Read from `cases_closed_idx` alone.
pub type ClosedCount = (String, String, i64, i64);

/// The cases closed in the period, counted in the database rather than read one by one.
pub fn closed_counts(
    conn: &mut DbConn,
    office_id: &str,
    mediator: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<ClosedCount>> {
    // Boxed queries cannot be grouped, so the mediator's scope is written out here.
    let closed = cases::table.filter(cases::office_id.eq(office_id)).filter(cases::closed_on.between(from, to));
    let key = (cases::dispute_type, cases::status);
    let counts =
        (cases::dispute_type, cases::status, diesel::dsl::count_star(), diesel::dsl::count(cases::delegated_on));
    match mediator {
        Some(m) => closed.filter(cases::mediator_id.eq(m)).group_by(key).select(counts).load(conn),
        None => closed.group_by(key).select(counts).load(conn),
    }
}

/// Delegated cases whose mediation may have ended in the period: an anjuran issued in it, or,
/// without an anjuran, closed in it (a PB closes its case on the day it is signed, and a
/// withdrawal during mediation ends it on the day of closing). The closed ones come from
/// `cases_closed_idx` alone, which holds every column of `MediationFacts`; those with an
/// anjuran are dropped here, not in SQL, because SQLite takes `anjuran_issued_on IS NULL` for
/// a selective key of `cases_anjuran_idx` and walks every case without an anjuran (measured
/// at 100,000 cases: 52 ms of each report, where the closed range is read in a few).
pub fn mediations_ended_in(
    conn: &mut DbConn,
    office_id: &str,
    mediator: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<MediationFacts>> {
    let mut rows: Vec<MediationFacts> = scoped(office_id, mediator)
        .filter(cases::anjuran_issued_on.between(from, to))
        .filter(cases::delegated_on.is_not_null())
        .select(MediationFacts::as_select())
        .load(conn)?;
    let closed: Vec<MediationFacts> = scoped(office_id, mediator)
        .filter(cases::closed_on.between(from, to))
        .filter(cases::delegated_on.is_not_null())
        .select(MediationFacts::as_select())
        .load(conn)?;
    rows.extend(closed.into_iter().filter(|c| c.anjuran_issued_on.is_none()));
    Ok(rows)
}

/// Open cases: one of the open statuses, and so not closed. Every final step sets `closed_on`
/// and nothing clears it, so the second condition changes nothing but lets the planners read
/// the few open cases from `cases_closed_idx` (in registration order) instead of every case:
/// the statuses alone look unselective to them.
fn open_filter<'a>(
    open_statuses: &'a [&'a str],
) -> diesel::dsl::And<diesel::dsl::IsNull<cases::closed_on>, diesel::dsl::EqAny<cases::status, &'a [&'a str]>> {
    cases::closed_on.is_null().and(cases::status.eq_any(open_statuses))
}

/// Open cases (filed, not final) with the columns the report shows and the clocks run on.
pub fn open_cases(
    conn: &mut DbConn,
    office_id: &str,
    mediator: Option<&str>,
    open_statuses: &[&str],
) -> QueryResult<Vec<OpenCase>> {
    scoped(office_id, mediator)
        .filter(open_filter(open_statuses))
        .order(cases::registered_on)
        .select(OpenCase::as_select())
        .load(conn)
}

/// Strike and lock-out notices facilitated to an agreement (outcome `pb`) in the period.
pub fn prevented(conn: &mut DbConn, office_id: &str, from: NaiveDate, to: NaiveDate) -> QueryResult<i64> {
    stoppage_notices::table
        .filter(stoppage_notices::office_id.eq(office_id))
        .filter(stoppage_notices::outcome.eq("pb"))
        .filter(stoppage_notices::outcome_on.between(from, to))
        .count()
        .get_result(conn)
}

/// A PP ratified or a PKB registered: (company, kind, origin, number, issued, valid until).
pub type IssuedRow = (String, String, String, String, NaiveDate, NaiveDate);

/// An LKS Bipartit recorded: (company, record number, formed, recorded).
pub type LksRecordedRow = (String, Option<String>, NaiveDate, Option<NaiveDate>);

/// PP ratified and PKB registered in the period.
pub fn regulations_issued(
    conn: &mut DbConn,
    office_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<IssuedRow>> {
    regulations::table
        .inner_join(companies::table)
        .filter(regulations::office_id.eq(office_id))
        .filter(regulations::issued_on.between(from, to))
        .order((regulations::issued_on, regulations::number))
        .select((
            companies::name,
            regulations::kind,
            regulations::origin,
            regulations::number,
            regulations::issued_on,
            regulations::valid_until,
        ))
        .load(conn)
}

/// Wage scales entered in the period: (company, effective, workers informed).
pub fn wage_scales_entered(
    conn: &mut DbConn,
    office_id: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<(String, NaiveDate, bool)>> {
    wage_scales::table
        .inner_join(companies::table.on(companies::id.eq(wage_scales::company_id)))
        .filter(companies::office_id.eq(office_id))
        .filter(wage_scales::created_at.ge(from))
        .filter(wage_scales::created_at.lt(to))
        .order((companies::name, wage_scales::effective_on))
        .select((companies::name, wage_scales::effective_on, wage_scales::workers_informed))
        .load(conn)
}

/// LKS Bipartit recorded (bukti pencatatan) in the period.
pub fn lks_recorded(
    conn: &mut DbConn,
    office_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<LksRecordedRow>> {
    lks_bipartit::table
        .inner_join(companies::table.on(companies::id.eq(lks_bipartit::company_id)))
        .filter(companies::office_id.eq(office_id))
        .filter(lks_bipartit::registered_on.between(from, to))
        .order((lks_bipartit::registered_on, companies::name))
        .select((
            companies::name,
            lks_bipartit::registration_number,
            lks_bipartit::formed_on,
            lks_bipartit::registered_on,
        ))
        .load(conn)
}

/// BPJS figures reported in the period: (company, NPP, as of, workers enrolled).
pub fn bpjs_reported(
    conn: &mut DbConn,
    office_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<(String, String, NaiveDate, i32)>> {
    bpjs_records::table
        .inner_join(companies::table.on(companies::id.eq(bpjs_records::company_id)))
        .filter(companies::office_id.eq(office_id))
        .filter(bpjs_records::as_of.between(from, to))
        .order((bpjs_records::as_of, companies::name))
        .select((companies::name, bpjs_records::npp, bpjs_records::as_of, bpjs_records::workers_enrolled))
        .load(conn)
}

/// Every company's BPJS figures up to a day, newest first per company: (company, as of, workers).
pub fn bpjs_up_to(conn: &mut DbConn, office_id: &str, day: NaiveDate) -> QueryResult<Vec<(String, NaiveDate, i32)>> {
    bpjs_records::table
        .inner_join(companies::table.on(companies::id.eq(bpjs_records::company_id)))
        .filter(companies::office_id.eq(office_id))
        .filter(bpjs_records::as_of.le(day))
        .filter(bpjs_records::registered_on.le(day))
        .order((bpjs_records::company_id, bpjs_records::as_of.desc()))
        .select((bpjs_records::company_id, bpjs_records::as_of, bpjs_records::workers_enrolled))
        .load(conn)
}
