//! Company and representative rows, and every query on them; who may see which company is
//! decided here, in the query.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::accounts::model::UserRow;
use crate::db::{escape_like, lower, Backend, DbConn};
use crate::schema::{
    bpjs_records, companies, company_imports, company_representatives, company_standing, indicator_changes,
    lks_bipartit, lks_meetings, lks_members, lks_reports, standing_history_state, standing_periods, users, wage_grades,
    wage_scales,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = companies, treat_none_as_null = true)]
pub struct CompanyRow {
    pub id: String,
    pub office_id: String,
    pub name: String,
    pub legal_form: String,
    pub nib: String,
    pub npwp: Option<String>,
    pub kbli_code: String,
    pub kbli_edition: i32,
    pub address: String,
    pub outside_city: bool,
    pub kecamatan_code: Option<String>,
    pub kelurahan: Option<String>,
    pub footprint: String,
    pub size_class: String,
    pub workers_male: i32,
    pub workers_female: i32,
    pub workers_pkwt: i32,
    pub workers_pkwtt: i32,
    pub workers_total: i32,
    pub workforce_reported_on: Option<NaiveDate>,
    pub wlkp_registered: bool,
    pub wlkp_registered_on: Option<NaiveDate>,
    pub contact_name: String,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Whose view a query takes: the whole office (staff), or only the companies a representative keeps.
#[derive(Debug, Clone)]
pub enum Scope {
    Office(String),
    Representative { office_id: String, user_id: String },
}

/// Filters of the company list.
#[derive(Debug, Clone, Default)]
pub struct CompanyQuery {
    /// Part of the name, or the NIB.
    pub q: Option<String>,
    pub kecamatan_code: Option<String>,
    pub kbli_code: Option<String>,
    pub size_class: Option<String>,
    pub status: Option<String>,
    /// Standing on the computed criteria (see `Standing`).
    pub standing: Option<Standing>,
}

/// Filters on a company's standing on the computed criteria of the decent-work indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Every computed criterion met or not required.
    Layak,
    /// At least one computed criterion missing or without data.
    Kurang,
    /// LKS Bipartit missing or without data.
    LksKurang,
    /// Wage scale missing or without data.
    UpahKurang,
    /// BPJS missing or without data.
    BpjsKurang,
    /// No valid PP or PKB (expired, or none recorded).
    PpKurang,
}

impl Standing {
    pub const ALL: [Standing; 6] = [
        Standing::Layak,
        Standing::Kurang,
        Standing::PpKurang,
        Standing::LksKurang,
        Standing::UpahKurang,
        Standing::BpjsKurang,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Layak => "layak",
            Standing::Kurang => "kurang",
            Standing::LksKurang => "lks_kurang",
            Standing::UpahKurang => "upah_kurang",
            Standing::BpjsKurang => "bpjs_kurang",
            Standing::PpKurang => "pp_kurang",
        }
    }

    pub fn parse(s: &str) -> Option<Standing> {
        Standing::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

fn scoped<'a>(scope: &'a Scope) -> companies::BoxedQuery<'a, crate::db::MultiBackend> {
    match scope {
        Scope::Office(office_id) => companies::table.filter(companies::office_id.eq(office_id)).into_boxed(),
        Scope::Representative { office_id, user_id } => companies::table
            .filter(companies::office_id.eq(office_id))
            .filter(
                companies::id.eq_any(
                    company_representatives::table
                        .filter(company_representatives::user_id.eq(user_id))
                        .select(company_representatives::company_id),
                ),
            )
            .into_boxed(),
    }
}

fn filtered<'a>(
    backend: Backend,
    scope: &'a Scope,
    f: &'a CompanyQuery,
) -> companies::BoxedQuery<'a, crate::db::MultiBackend> {
    let mut q = scoped(scope);
    if let Some(text) = &f.q {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 13 {
            q = q.filter(companies::nib.eq(digits));
        } else if backend == Backend::Sqlite {
            // SQLite's LIKE already ignores ASCII case, as its lower() only folds ASCII: without
            // lower() per row the scan of the (office_id, name, id) index takes half the time.
            let pattern = format!("%{}%", escape_like(text));
            q = q.filter(companies::name.like(pattern).escape('\\'));
        } else {
            // PostgreSQL serves this from its pg_trgm index on lower(name).
            let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
            q = q.filter(lower(companies::name).like(pattern).escape('\\'));
        }
    }
    if let Some(k) = &f.kecamatan_code {
        q = q.filter(companies::kecamatan_code.eq(k));
    }
    if let Some(k) = &f.kbli_code {
        q = q.filter(companies::kbli_code.eq(k));
    }
    if let Some(s) = &f.size_class {
        q = q.filter(companies::size_class.eq(s));
    }
    if let Some(s) = &f.status {
        q = q.filter(companies::status.eq(s));
    }
    if let Some(standing) = f.standing {
        // Bits of `standing_gaps` (see `standing::GAP_*`): 1 LKS, 2 wage scale, 4 BPJS, 8 PP/PKB
        // not met; one criterion is the list of masks that have its bit.
        let gaps = companies::standing_gaps;
        let with_bit = |bit: i32| (1..16).filter(|m| m & bit != 0).collect::<Vec<i32>>();
        q = match standing {
            Standing::Layak => q.filter(gaps.eq(0)),
            Standing::Kurang => q.filter(gaps.gt(0)),
            Standing::LksKurang => q.filter(gaps.eq_any(with_bit(1))),
            Standing::UpahKurang => q.filter(gaps.eq_any(with_bit(2))),
            Standing::BpjsKurang => q.filter(gaps.eq_any(with_bit(4))),
            Standing::PpKurang => q.filter(gaps.eq_any(with_bit(8))),
        };
    }
    q
}

pub fn list(
    conn: &mut DbConn,
    scope: &Scope,
    f: &CompanyQuery,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<CompanyRow>, i64)> {
    let backend = conn.backend();
    let total = filtered(backend, scope, f).count().get_result(conn)?;
    // First the page's ids in (name, id) order, read from the (office_id, name, id) index alone,
    // so a deep page skips index entries rather than decoding whole rows; then those rows.
    let ids: Vec<String> = filtered(backend, scope, f)
        .order((companies::name, companies::id))
        .offset(offset)
        .limit(limit)
        .select(companies::id)
        .load(conn)?;
    let rows = companies::table
        .filter(companies::id.eq_any(&ids))
        .order((companies::name, companies::id))
        .select(CompanyRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// One company as the scope sees it; a company outside the scope is not found.
pub fn find(conn: &mut DbConn, scope: &Scope, id: &str) -> QueryResult<Option<CompanyRow>> {
    scoped(scope).filter(companies::id.eq(id)).select(CompanyRow::as_select()).first(conn).optional()
}

/// A company by id in any office: for system jobs (the standing sweep), never for requests.
pub fn find_any(conn: &mut DbConn, id: &str) -> QueryResult<Option<CompanyRow>> {
    companies::table.filter(companies::id.eq(id)).select(CompanyRow::as_select()).first(conn).optional()
}

pub fn find_by_nib(conn: &mut DbConn, office_id: &str, nib: &str) -> QueryResult<Option<CompanyRow>> {
    companies::table
        .filter(companies::office_id.eq(office_id))
        .filter(companies::nib.eq(nib))
        .select(CompanyRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConn, row: &CompanyRow) -> QueryResult<usize> {
    diesel::insert_into(companies::table).values(row).execute(conn)
}

pub fn update(conn: &mut DbConn, row: &CompanyRow) -> QueryResult<usize> {
    diesel::update(companies::table.find(&row.id)).set(row).execute(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = company_representatives)]
pub struct RepresentativeRow {
    pub id: String,
    pub company_id: String,
    pub user_id: String,
    pub created_at: NaiveDateTime,
}

pub fn representatives(conn: &mut DbConn, company_id: &str) -> QueryResult<Vec<UserRow>> {
    company_representatives::table
        .inner_join(users::table)
        .filter(company_representatives::company_id.eq(company_id))
        .order(users::full_name)
        .select(UserRow::as_select())
        .load(conn)
}

pub fn is_representative(conn: &mut DbConn, company_id: &str, user_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        company_representatives::table
            .filter(company_representatives::company_id.eq(company_id))
            .filter(company_representatives::user_id.eq(user_id)),
    ))
    .get_result(conn)
}

pub fn add_representative(conn: &mut DbConn, row: &RepresentativeRow) -> QueryResult<usize> {
    diesel::insert_into(company_representatives::table).values(row).execute(conn)
}

pub fn remove_representative(conn: &mut DbConn, company_id: &str, user_id: &str) -> QueryResult<usize> {
    diesel::delete(
        company_representatives::table
            .filter(company_representatives::company_id.eq(company_id))
            .filter(company_representatives::user_id.eq(user_id)),
    )
    .execute(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = bpjs_records)]
pub struct BpjsRow {
    pub id: String,
    pub company_id: String,
    pub npp: String,
    pub registered_on: NaiveDate,
    pub jkk: bool,
    pub jkm: bool,
    pub jht: bool,
    pub jp: bool,
    pub jkp: bool,
    pub workers_enrolled: i32,
    pub as_of: NaiveDate,
    pub created_at: NaiveDateTime,
}

pub fn bpjs(conn: &mut DbConn, company_id: &str) -> QueryResult<Vec<BpjsRow>> {
    bpjs_of(conn, &[company_id])
}

/// The BPJS figures of several companies, newest first.
pub fn bpjs_of(conn: &mut DbConn, company_ids: &[&str]) -> QueryResult<Vec<BpjsRow>> {
    bpjs_records::table
        .filter(bpjs_records::company_id.eq_any(company_ids))
        .order(bpjs_records::as_of.desc())
        .select(BpjsRow::as_select())
        .load(conn)
}

pub fn insert_bpjs(conn: &mut DbConn, row: &BpjsRow) -> QueryResult<usize> {
    diesel::insert_into(bpjs_records::table).values(row).execute(conn)
}

pub fn bpjs_exists(conn: &mut DbConn, company_id: &str, as_of: NaiveDate) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        bpjs_records::table.filter(bpjs_records::company_id.eq(company_id)).filter(bpjs_records::as_of.eq(as_of)),
    ))
    .get_result(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = wage_scales)]
pub struct WageScaleRow {
    pub id: String,
    pub company_id: String,
    pub effective_on: NaiveDate,
    pub workers_informed: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = wage_grades)]
pub struct WageGradeRow {
    pub id: String,
    pub wage_scale_id: String,
    pub position: i32,
    pub grade: String,
    pub job_level: String,
    pub min_sen: i64,
    pub max_sen: i64,
}

/// The company's wage scales, newest first, each with its grades in order.
pub fn wage_scales(conn: &mut DbConn, company_id: &str) -> QueryResult<Vec<(WageScaleRow, Vec<WageGradeRow>)>> {
    wage_scales_of(conn, &[company_id])
}

/// The wage scales of several companies, newest first, each with its grades in order.
pub fn wage_scales_of(conn: &mut DbConn, company_ids: &[&str]) -> QueryResult<Vec<(WageScaleRow, Vec<WageGradeRow>)>> {
    let scales: Vec<WageScaleRow> = wage_scales::table
        .filter(wage_scales::company_id.eq_any(company_ids))
        .order(wage_scales::effective_on.desc())
        .select(WageScaleRow::as_select())
        .load(conn)?;
    let ids: Vec<&str> = scales.iter().map(|s| s.id.as_str()).collect();
    let mut grades: std::collections::HashMap<String, Vec<WageGradeRow>> = std::collections::HashMap::new();
    for g in wage_grades::table
        .filter(wage_grades::wage_scale_id.eq_any(&ids))
        .order(wage_grades::position)
        .select(WageGradeRow::as_select())
        .load::<WageGradeRow>(conn)?
    {
        grades.entry(g.wage_scale_id.clone()).or_default().push(g);
    }
    Ok(scales
        .into_iter()
        .map(|s| {
            let g = grades.remove(&s.id).unwrap_or_default();
            (s, g)
        })
        .collect())
}

pub fn wage_scale_exists(conn: &mut DbConn, company_id: &str, effective_on: NaiveDate) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        wage_scales::table
            .filter(wage_scales::company_id.eq(company_id))
            .filter(wage_scales::effective_on.eq(effective_on)),
    ))
    .get_result(conn)
}

pub fn insert_wage_scale(conn: &mut DbConn, scale: &WageScaleRow, grades: &[WageGradeRow]) -> QueryResult<()> {
    diesel::insert_into(wage_scales::table).values(scale).execute(conn)?;
    // One statement per row: multi-row inserts are not portable across both backends here.
    for grade in grades {
        diesel::insert_into(wage_grades::table).values(grade).execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = lks_bipartit)]
pub struct LksRow {
    pub id: String,
    pub company_id: String,
    pub formed_on: NaiveDate,
    pub registration_number: Option<String>,
    pub registered_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    /// When the company notified the Disnaker of the formation (none for records kept before
    /// Harmoni asked).
    pub notified_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = lks_members)]
pub struct LksMemberRow {
    pub id: String,
    pub lks_id: String,
    pub position: i32,
    pub name: String,
    pub side: String,
    pub office: String,
}

/// The company's LKS Bipartit, newest first, each with its members in order.
pub fn lks(conn: &mut DbConn, company_id: &str) -> QueryResult<Vec<(LksRow, Vec<LksMemberRow>)>> {
    lks_of(conn, &[company_id])
}

/// The LKS Bipartit of several companies, newest first, each with its members in order.
pub fn lks_of(conn: &mut DbConn, company_ids: &[&str]) -> QueryResult<Vec<(LksRow, Vec<LksMemberRow>)>> {
    let rows: Vec<LksRow> = lks_bipartit::table
        .filter(lks_bipartit::company_id.eq_any(company_ids))
        .order(lks_bipartit::formed_on.desc())
        .select(LksRow::as_select())
        .load(conn)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut members: std::collections::HashMap<String, Vec<LksMemberRow>> = std::collections::HashMap::new();
    for m in lks_members::table
        .filter(lks_members::lks_id.eq_any(&ids))
        .order(lks_members::position)
        .select(LksMemberRow::as_select())
        .load::<LksMemberRow>(conn)?
    {
        members.entry(m.lks_id.clone()).or_default().push(m);
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let m = members.remove(&r.id).unwrap_or_default();
            (r, m)
        })
        .collect())
}

pub fn lks_exists(conn: &mut DbConn, company_id: &str, formed_on: NaiveDate) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        lks_bipartit::table
            .filter(lks_bipartit::company_id.eq(company_id))
            .filter(lks_bipartit::formed_on.eq(formed_on)),
    ))
    .get_result(conn)
}

pub fn insert_lks(conn: &mut DbConn, lks: &LksRow, members: &[LksMemberRow]) -> QueryResult<()> {
    diesel::insert_into(lks_bipartit::table).values(lks).execute(conn)?;
    for member in members {
        diesel::insert_into(lks_members::table).values(member).execute(conn)?;
    }
    Ok(())
}

pub fn find_wage_scale(conn: &mut DbConn, company_id: &str, id: &str) -> QueryResult<Option<WageScaleRow>> {
    wage_scales::table
        .filter(wage_scales::company_id.eq(company_id))
        .filter(wage_scales::id.eq(id))
        .select(WageScaleRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_lks(conn: &mut DbConn, company_id: &str, id: &str) -> QueryResult<Option<LksRow>> {
    lks_bipartit::table
        .filter(lks_bipartit::company_id.eq(company_id))
        .filter(lks_bipartit::id.eq(id))
        .select(LksRow::as_select())
        .first(conn)
        .optional()
}

/// Records the office's bukti pencatatan; 0 when the LKS already has one.
pub fn set_lks_registration(conn: &mut DbConn, id: &str, number: &str, on: NaiveDate) -> QueryResult<usize> {
    diesel::update(lks_bipartit::table.filter(lks_bipartit::id.eq(id)).filter(lks_bipartit::registered_on.is_null()))
        .set((lks_bipartit::registration_number.eq(Some(number)), lks_bipartit::registered_on.eq(Some(on))))
        .execute(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = lks_meetings)]
pub struct LksMeetingRow {
    pub id: String,
    pub lks_id: String,
    pub held_on: NaiveDate,
    pub agenda: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = lks_reports)]
pub struct LksReportRow {
    pub id: String,
    pub lks_id: String,
    pub period_year: i32,
    pub period_half: i32,
    pub received_on: NaiveDate,
    pub summary: String,
    pub created_at: NaiveDateTime,
}

/// Meetings of some LKS, newest first.
pub fn lks_meetings(conn: &mut DbConn, lks_ids: &[String]) -> QueryResult<Vec<LksMeetingRow>> {
    lks_meetings::table
        .filter(lks_meetings::lks_id.eq_any(lks_ids))
        .order(lks_meetings::held_on.desc())
        .select(LksMeetingRow::as_select())
        .load(conn)
}

/// Six-monthly reports of some LKS, newest period first.
pub fn lks_reports(conn: &mut DbConn, lks_ids: &[String]) -> QueryResult<Vec<LksReportRow>> {
    lks_reports::table
        .filter(lks_reports::lks_id.eq_any(lks_ids))
        .order((lks_reports::period_year.desc(), lks_reports::period_half.desc()))
        .select(LksReportRow::as_select())
        .load(conn)
}

pub fn lks_meeting_exists(conn: &mut DbConn, lks_id: &str, held_on: NaiveDate) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        lks_meetings::table.filter(lks_meetings::lks_id.eq(lks_id)).filter(lks_meetings::held_on.eq(held_on)),
    ))
    .get_result(conn)
}

pub fn lks_report_exists(conn: &mut DbConn, lks_id: &str, year: i32, half: i32) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        lks_reports::table
            .filter(lks_reports::lks_id.eq(lks_id))
            .filter(lks_reports::period_year.eq(year))
            .filter(lks_reports::period_half.eq(half)),
    ))
    .get_result(conn)
}

pub fn insert_lks_meeting(conn: &mut DbConn, row: &LksMeetingRow) -> QueryResult<usize> {
    diesel::insert_into(lks_meetings::table).values(row).execute(conn)
}

pub fn insert_lks_report(conn: &mut DbConn, row: &LksReportRow) -> QueryResult<usize> {
    diesel::insert_into(lks_reports::table).values(row).execute(conn)
}

/// A company's standing on the computed criteria (see `companies::standing`).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = company_standing)]
pub struct StandingRow {
    pub company_id: String,
    pub office_id: String,
    pub lks: String,
    pub wage: String,
    pub bpjs: String,
    pub computed_on: NaiveDate,
    pub changes_on: NaiveDate,
    pub pp: String,
}

/// Stores a standing and its bit mask on the company (delete and insert: portable across
/// both backends, inside the caller's transaction).
/// Takes the company's row lock until the transaction ends (a no-op write; SQLite's write
/// transactions are serial anyway).
pub fn lock_company(conn: &mut DbConn, company_id: &str) -> QueryResult<()> {
    diesel::update(companies::table.filter(companies::id.eq(company_id)))
        .set(companies::standing_gaps.eq(companies::standing_gaps))
        .execute(conn)?;
    Ok(())
}

pub fn save_standing(conn: &mut DbConn, row: &StandingRow, gaps: i32) -> QueryResult<()> {
    diesel::update(companies::table.filter(companies::id.eq(&row.company_id)))
        .set(companies::standing_gaps.eq(Some(gaps)))
        .execute(conn)?;
    diesel::delete(company_standing::table.filter(company_standing::company_id.eq(&row.company_id))).execute(conn)?;
    diesel::insert_into(company_standing::table).values(row).execute(conn)?;
    Ok(())
}

/// Up to `limit` companies whose standing is due on `today` (not computed today, `changes_on`
/// come), then those that have none yet.
pub fn standing_due(conn: &mut DbConn, today: NaiveDate, limit: i64) -> QueryResult<Vec<String>> {
    let mut ids: Vec<String> = company_standing::table
        .filter(company_standing::changes_on.le(today))
        .filter(company_standing::computed_on.lt(today))
        .select(company_standing::company_id)
        .limit(limit)
        .load(conn)?;
    if (ids.len() as i64) < limit {
        let missing: Vec<String> = companies::table
            .left_join(company_standing::table)
            .filter(company_standing::company_id.nullable().is_null())
            .select(companies::id)
            .limit(limit - ids.len() as i64)
            .load(conn)?;
        ids.extend(missing);
    }
    Ok(ids)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = company_imports)]
pub struct ImportRecordRow {
    pub id: String,
    pub office_id: String,
    pub created_by: String,
    pub filename: String,
    pub rows_json: String,
    pub created_at: NaiveDateTime,
    pub applied_at: Option<NaiveDateTime>,
    pub summary: Option<String>,
    /// "perusahaan" (a company list) or "bpjs" (enrolment figures).
    pub kind: String,
}

pub fn insert_import(conn: &mut DbConn, row: &ImportRecordRow) -> QueryResult<usize> {
    diesel::insert_into(company_imports::table).values(row).execute(conn)
}

pub fn find_import(conn: &mut DbConn, office_id: &str, id: &str) -> QueryResult<Option<ImportRecordRow>> {
    company_imports::table
        .filter(company_imports::id.eq(id))
        .filter(company_imports::office_id.eq(office_id))
        .select(ImportRecordRow::as_select())
        .first(conn)
        .optional()
}

/// Marks an import applied; 0 when it already was (a second click, another officer).
pub fn mark_import_applied(conn: &mut DbConn, id: &str, summary: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        company_imports::table.filter(company_imports::id.eq(id)).filter(company_imports::applied_at.is_null()),
    )
    .set((company_imports::applied_at.eq(Some(now)), company_imports::summary.eq(Some(summary))))
    .execute(conn)
}

/// One stretch of days of a company's standing (`history.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = standing_periods)]
pub struct PeriodRow {
    pub company_id: String,
    pub office_id: String,
    pub valid_from: NaiveDate,
    /// Exclusive; none while it lasts.
    pub valid_to: Option<NaiveDate>,
    pub pp: String,
    pub lks: String,
    pub wage: String,
    pub bpjs: String,
    /// Empty when the company has no kecamatan.
    pub kecamatan: String,
    pub kbli_section: String,
    pub size_class: String,
    pub workforce_band: String,
}

pub fn periods_of(conn: &mut DbConn, company_id: &str) -> QueryResult<Vec<PeriodRow>> {
    standing_periods::table
        .filter(standing_periods::company_id.eq(company_id))
        .order(standing_periods::valid_from)
        .select(PeriodRow::as_select())
        .load(conn)
}

pub fn replace_periods(conn: &mut DbConn, company_id: &str, rows: &[PeriodRow]) -> QueryResult<()> {
    diesel::delete(standing_periods::table.filter(standing_periods::company_id.eq(company_id))).execute(conn)?;
    insert_periods(conn, rows)
}

/// Inserts periods in multi-row statements (run by each backend itself: MultiConnection has
/// no portable batch insert), 1,000 rows at a time to stay under the bind limits.
pub fn insert_periods(conn: &mut DbConn, rows: &[PeriodRow]) -> QueryResult<()> {
    for chunk in rows.chunks(1000) {
        match conn {
            DbConn::Sqlite(c) => diesel::insert_into(standing_periods::table).values(chunk).execute(c)?,
            DbConn::Postgres(c) => diesel::insert_into(standing_periods::table).values(chunk).execute(c)?,
        };
    }
    Ok(())
}

/// Removes an office's whole history (before a rebuild).
pub fn clear_history(conn: &mut DbConn, office_id: &str) -> QueryResult<()> {
    diesel::delete(standing_periods::table.filter(standing_periods::office_id.eq(office_id))).execute(conn)?;
    diesel::delete(indicator_changes::table.filter(indicator_changes::office_id.eq(office_id))).execute(conn)?;
    Ok(())
}

/// Up to `limit` companies of an office with ids after `after`, in id order.
pub fn companies_after(conn: &mut DbConn, office_id: &str, after: &str, limit: i64) -> QueryResult<Vec<CompanyRow>> {
    companies::table
        .filter(companies::office_id.eq(office_id))
        .filter(companies::id.gt(after))
        .order(companies::id)
        .limit(limit)
        .select(CompanyRow::as_select())
        .load(conn)
}

/// Adds the given sums to `indicator_changes`: each row is created at zero if missing
/// (`ON CONFLICT DO NOTHING`, run by each backend), then moved by one UPDATE, which on
/// PostgreSQL holds the row until commit so concurrent writers add up.
pub fn add_indicator_changes(
    conn: &mut DbConn,
    office_id: &str,
    changes: &std::collections::HashMap<crate::companies::history::ChangeKey, crate::companies::history::Counts>,
) -> QueryResult<()> {
    use indicator_changes as ic;
    let mut keys: Vec<_> = changes.keys().collect();
    // A fixed order, so that two transactions lock rows in the same order.
    keys.sort();
    for key in keys {
        let (grain, starts_on, dimension, dim_key) = key;
        let c = changes[key];
        let grain = grain.to_string();
        let row = (
            ic::office_id.eq(office_id),
            ic::grain.eq(&grain),
            ic::starts_on.eq(*starts_on),
            ic::dimension.eq(*dimension),
            ic::dim_key.eq(dim_key),
            (
                ic::registered.eq(0i64),
                ic::pp_met.eq(0i64),
                ic::pp_free.eq(0i64),
                ic::lks_met.eq(0i64),
                ic::lks_free.eq(0i64),
                ic::wage_met.eq(0i64),
                ic::wage_free.eq(0i64),
                ic::bpjs_met.eq(0i64),
                ic::bpjs_free.eq(0i64),
                ic::all_met.eq(0i64),
                ic::all_ok.eq(0i64),
            ),
        );
        let conflict = (ic::office_id, ic::grain, ic::starts_on, ic::dimension, ic::dim_key);
        match conn {
            DbConn::Sqlite(c) => {
                diesel::insert_into(ic::table).values(row).on_conflict(conflict).do_nothing().execute(c)?
            }
            DbConn::Postgres(c) => {
                diesel::insert_into(ic::table).values(row).on_conflict(conflict).do_nothing().execute(c)?
            }
        };
        diesel::update(
            ic::table
                .filter(ic::office_id.eq(office_id))
                .filter(ic::grain.eq(&grain))
                .filter(ic::starts_on.eq(*starts_on))
                .filter(ic::dimension.eq(*dimension))
                .filter(ic::dim_key.eq(dim_key)),
        )
        .set((
            ic::registered.eq(ic::registered + c[0]),
            ic::pp_met.eq(ic::pp_met + c[1]),
            ic::pp_free.eq(ic::pp_free + c[2]),
            ic::lks_met.eq(ic::lks_met + c[3]),
            ic::lks_free.eq(ic::lks_free + c[4]),
            ic::wage_met.eq(ic::wage_met + c[5]),
            ic::wage_free.eq(ic::wage_free + c[6]),
            ic::bpjs_met.eq(ic::bpjs_met + c[7]),
            ic::bpjs_free.eq(ic::bpjs_free + c[8]),
            ic::all_met.eq(ic::all_met + c[9]),
            ic::all_ok.eq(ic::all_ok + c[10]),
        ))
        .execute(conn)?;
    }
    Ok(())
}

pub fn save_history_state(
    conn: &mut DbConn,
    office_id: &str,
    fingerprint: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(standing_history_state::table.filter(standing_history_state::office_id.eq(office_id)))
        .execute(conn)?;
    diesel::insert_into(standing_history_state::table)
        .values((
            standing_history_state::office_id.eq(office_id),
            standing_history_state::fingerprint.eq(fingerprint),
            standing_history_state::built_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Every office with the fingerprint its history was built with (none if never).
pub fn history_states(conn: &mut DbConn) -> QueryResult<Vec<(String, Option<String>)>> {
    crate::schema::offices::table
        .left_join(standing_history_state::table.on(standing_history_state::office_id.eq(crate::schema::offices::id)))
        .select((crate::schema::offices::id, standing_history_state::fingerprint.nullable()))
        .load(conn)
}
