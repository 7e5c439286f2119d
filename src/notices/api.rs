//! JSON API of strike and lock-out notices (`/api/v1/stoppage-notices`; `/api/v1/notices` is
//! the signed-in user's in-app notices) and of PHK reports (`/api/v1/phk-reports`).

use actix_web::{get, post, web, HttpResponse};
use harmoni_templates::Lang;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::{page_param, utc};
use crate::documents::api::DocumentOut;
use crate::error::Error;
use crate::http::errors::ProblemBody;
use crate::http::{trimmed, SignedIn, State};
use crate::notices::model::{FacilitationRow, NoticeRow, PhkReportRow, PhkWorkerRow};
use crate::notices::rules::{Missing, NoticeCheck};
use crate::notices::service::{
    self, FacilitationInput, NoticeDetail, NoticeInput, OutcomeInput, ReportDetail, ReportInput,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_notices)
        .service(create_notice)
        .service(get_notice)
        .service(add_facilitation)
        .service(record_outcome)
        .service(open_case)
        .service(list_reports)
        .service(create_report)
        .service(get_report);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeOut {
    pub id: String,
    /// mogok or penutupan
    pub kind: String,
    pub receipt_number: String,
    pub company_id: String,
    pub union_id: Option<String>,
    pub giver_name: String,
    /// One per line: "name; position".
    pub signatories: String,
    pub received_at: String,
    pub starts_at: String,
    pub ends_at: Option<String>,
    pub place: String,
    pub reasons: String,
    /// The last day notice could be given (7 working days before the start's day).
    pub notice_due_on: String,
    /// Received after `notice_due_on`.
    pub short_notice: bool,
    /// For a lock-out in a sector where it is not allowed: the sector.
    pub protected_sector: Option<String>,
    /// Codes of missing content: tanpa_tanda_tangan, tanda_tangan_tidak_lengkap, tanpa_tempat,
    /// tanpa_alasan, tanpa_waktu_berakhir, berakhir_sebelum_mulai.
    pub missing_content: Vec<String>,
    pub submitted_online: bool,
    /// pb, tidak_sepakat or batal; none while open.
    pub outcome: Option<String>,
    pub outcome_on: Option<String>,
    pub outcome_note: String,
    /// The officer who witnessed the Perjanjian Bersama.
    pub pb_witness: Option<String>,
    /// The dispute case it went on to, once linked.
    pub case_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&NoticeRow> for NoticeOut {
    fn from(n: &NoticeRow) -> Self {
        NoticeOut {
            id: n.id.clone(),
            kind: n.kind.clone(),
            receipt_number: n.receipt_number.clone(),
            company_id: n.company_id.clone(),
            union_id: n.union_id.clone(),
            giver_name: n.giver_name.clone(),
            signatories: n.signatories.clone(),
            received_at: utc(n.received_at),
            starts_at: utc(n.starts_at),
            ends_at: n.ends_at.map(utc),
            place: n.place.clone(),
            reasons: n.reasons.clone(),
            notice_due_on: n.notice_due_on.to_string(),
            short_notice: n.short_notice,
            protected_sector: n.protected_sector.clone(),
            missing_content: Missing::split(&n.missing_content).iter().map(|m| m.code().to_string()).collect(),
            submitted_online: n.submitted_online,
            outcome: n.outcome.clone(),
            outcome_on: n.outcome_on.map(|d| d.to_string()),
            outcome_note: n.outcome_note.clone(),
            pb_witness: n.pb_witness.clone(),
            case_id: n.case_id.clone(),
            created_at: utc(n.created_at),
            updated_at: utc(n.updated_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeSummaryOut {
    #[serde(flatten)]
    pub notice: NoticeOut,
    pub company_name: String,
    /// diterima, difasilitasi, pb, tidak_sepakat or batal
    pub status: String,
    pub facilitations: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PreventedOut {
    pub year: i32,
    /// Facilitated notices that ended without going on to dispute settlement.
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeList {
    pub items: Vec<NoticeSummaryOut>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    /// Disputes prevented per year of outcome (Renstra), for everything the caller may see.
    pub prevented_per_year: Vec<PreventedOut>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct NoticeListParams {
    /// mogok or penutupan
    pub kind: Option<String>,
    /// Year of receipt.
    pub year: Option<String>,
    /// diterima, difasilitasi, pb, tidak_sepakat or batal
    pub status: Option<String>,
    /// Part of the company's name.
    pub company: Option<String>,
    pub company_id: Option<String>,
    /// true: only the facilitations that prevented a dispute.
    pub prevented: Option<bool>,
    pub page: Option<i64>,
}

/// Notices the caller may see, newest receipt first (office staff; representatives their companies').
#[utoipa::path(get, path = "/api/v1/stoppage-notices", tag = "notices", params(NoticeListParams),
    responses((status = 200, body = NoticeList), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[get("/api/v1/stoppage-notices")]
async fn list_notices(
    state: State,
    user: SignedIn,
    p: web::Query<NoticeListParams>,
) -> Result<web::Json<NoticeList>, Error> {
    let filter = service::notice_filter(
        trimmed(&p.kind),
        trimmed(&p.year),
        trimmed(&p.status),
        trimmed(&p.company),
        trimmed(&p.company_id),
        p.prevented.unwrap_or(false),
    )?;
    let page = page_param(p.page)?;
    let (actor, size) = (user.actor.clone(), state.settings.notices.page_size);
    let list = state.db.run(move |c| service::list_notices(c, &actor, &filter, page, size)).await?;
    Ok(web::Json(NoticeList {
        items: list
            .rows
            .iter()
            .map(|s| NoticeSummaryOut {
                notice: (&s.notice).into(),
                company_name: s.company_name.clone(),
                status: s.status.as_str().into(),
                facilitations: s.facilitations,
            })
            .collect(),
        page: list.page,
        per_page: list.page_size,
        total: list.total,
        prevented_per_year: list
            .prevented_per_year
            .iter()
            .map(|(year, count)| PreventedOut { year: *year, count: *count })
            .collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkippedOut {
    pub date: String,
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticePeriodOut {
    /// The deadline rule (deadlines.toml).
    pub rule: String,
    pub legal_basis: String,
    pub working_days: u32,
    /// The start's day (WIB), counted back from.
    pub start: String,
    /// The last day notice could be given.
    pub due: String,
    /// Working days between receipt and start.
    pub lead_working_days: i64,
    pub short_notice: bool,
    /// Non-working days passed over, with the reason in Indonesian.
    pub skipped: Vec<SkippedOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FacilitationOut {
    pub id: String,
    pub held_on: String,
    pub attendees: String,
    pub notes: String,
    pub minutes: Option<DocumentOut>,
}

fn facilitation_out(f: &FacilitationRow, doc: Option<&crate::documents::model::DocumentRow>) -> FacilitationOut {
    FacilitationOut {
        id: f.id.clone(),
        held_on: f.held_on.to_string(),
        attendees: f.attendees.clone(),
        notes: f.notes.clone(),
        minutes: doc.map(DocumentOut::from),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeDetailOut {
    #[serde(flatten)]
    pub notice: NoticeOut,
    pub company_name: String,
    pub status: String,
    pub notice_period: NoticePeriodOut,
    pub facilitations: Vec<FacilitationOut>,
    pub perjanjian_bersama: Option<DocumentOut>,
}

fn detail_out(d: &NoticeDetail) -> NoticeDetailOut {
    let c = &d.deadline.computation;
    NoticeDetailOut {
        notice: (&d.notice).into(),
        company_name: d.company.name.clone(),
        status: d.status.as_str().into(),
        notice_period: NoticePeriodOut {
            rule: d.kind.rule().into(),
            legal_basis: d.deadline.rule.as_ref().map(|r| r.legal_basis.clone()).unwrap_or_default(),
            working_days: c.working_days,
            start: c.start.to_string(),
            due: d.notice.notice_due_on.to_string(),
            lead_working_days: d.lead_working_days,
            short_notice: d.notice.short_notice,
            skipped: c
                .skipped
                .iter()
                .map(|s| SkippedOut {
                    date: s.date.to_string(),
                    reason: crate::calendar::web::skip_text(&s.reason, s.date, Lang::Id),
                })
                .collect(),
        },
        facilitations: d.facilitations.iter().map(|(f, doc)| facilitation_out(f, doc.as_ref())).collect(),
        perjanjian_bersama: d.pb_document.as_ref().map(DocumentOut::from),
    }
}

/// Records a notice and issues its receipt number. Officers record strikes and lock-outs for
/// any company of the office; a representative gives lock-out notice for their own company.
/// Short notice, missing content and a lock-out in a protected sector are flagged, not refused.
#[utoipa::path(post, path = "/api/v1/stoppage-notices", tag = "notices", request_body = NoticeInput,
    responses((status = 201, body = NoticeDetailOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[post("/api/v1/stoppage-notices")]
async fn create_notice(state: State, user: SignedIn, body: web::Json<NoticeInput>) -> Result<HttpResponse, Error> {
    let (actor, settings, now, input) = (user.actor.clone(), state.settings.clone(), state.now(), body.into_inner());
    let d = state
        .db
        .run(move |c| {
            let n = service::create_notice(c, &actor, &input, &settings, now)?;
            service::notice(c, &actor, &n.id, &settings)
        })
        .await?;
    Ok(HttpResponse::Created().json(detail_out(&d)))
}

/// One notice with its notice period explained, facilitations and outcome.
#[utoipa::path(get, path = "/api/v1/stoppage-notices/{id}", tag = "notices",
    responses((status = 200, body = NoticeDetailOut), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[get("/api/v1/stoppage-notices/{id}")]
async fn get_notice(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<NoticeDetailOut>, Error> {
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let d = state.db.run(move |c| service::notice(c, &actor, &id, &settings)).await?;
    Ok(web::Json(detail_out(&d)))
}

/// Records a facilitation meeting (desk officers and leadership); minutes are uploaded with
/// the page's form.
#[utoipa::path(post, path = "/api/v1/stoppage-notices/{id}/facilitations", tag = "notices", request_body = FacilitationInput,
    responses((status = 201, body = FacilitationOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/stoppage-notices/{id}/facilitations")]
async fn add_facilitation(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<FacilitationInput>,
) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now, input) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), body.into_inner());
    let f =
        state.db.run(move |c| service::add_facilitation(c, &actor, &id, &input, None, &settings, today, now)).await?;
    Ok(HttpResponse::Created().json(facilitation_out(&f, None)))
}

/// Opens a dispute case from a notice whose facilitation reached no agreement (desk officers):
/// the desk's draft with the company, union and reasons, to complete with the bipartite proof
/// and file. Opening again returns the same case.
#[utoipa::path(post, path = "/api/v1/stoppage-notices/{id}/case", tag = "notices", request_body = crate::notices::service::OpenCaseInput,
    responses((status = 201, body = crate::cases::api::CaseSummaryOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/stoppage-notices/{id}/case")]
async fn open_case(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<crate::notices::service::OpenCaseInput>,
) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now, input) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), body.into_inner());
    let case = state.db.run(move |c| service::open_case(c, &settings, &actor, &id, &input, today, now)).await?;
    Ok(HttpResponse::Created().json(crate::cases::api::CaseSummaryOut::from(&case)))
}

/// Records how the facilitation ended, once: pb (the officer witnessing), tidak_sepakat or batal.
#[utoipa::path(post, path = "/api/v1/stoppage-notices/{id}/outcome", tag = "notices", request_body = OutcomeInput,
    responses((status = 200, body = NoticeDetailOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/stoppage-notices/{id}/outcome")]
async fn record_outcome(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<OutcomeInput>,
) -> Result<web::Json<NoticeDetailOut>, Error> {
    let (actor, settings, today, now, input) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), body.into_inner());
    let d = state
        .db
        .run(move |c| {
            service::record_outcome(c, &actor, &id, &input, None, &settings, today, now)?;
            service::notice(c, &actor, &id, &settings)
        })
        .await?;
    Ok(web::Json(detail_out(&d)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkerOut {
    pub name: String,
    /// Whole in a report's own document; masked (`3275********0001`) in lists.
    pub nik: String,
    pub job_title: String,
    pub started_on: String,
    pub terminated_on: String,
    pub probation: bool,
    pub notice_on: Option<String>,
    /// The last day written notice could be given (14 working days before, 7 in probation).
    pub notice_due_on: String,
    /// on_time, late, missing or not_required
    pub notice_check: String,
}

fn worker_out(w: &PhkWorkerRow, check: NoticeCheck, whole_nik: bool) -> WorkerOut {
    WorkerOut {
        name: w.name.clone(),
        nik: if whole_nik { w.nik.clone() } else { crate::identity::mask(&w.nik) },
        job_title: w.job_title.clone(),
        started_on: w.started_on.to_string(),
        terminated_on: w.terminated_on.to_string(),
        probation: w.probation,
        notice_on: w.notice_on.map(|d| d.to_string()),
        notice_due_on: w.notice_due_on.to_string(),
        notice_check: match check {
            NoticeCheck::OnTime => "on_time",
            NoticeCheck::Late => "late",
            NoticeCheck::Missing => "missing",
            NoticeCheck::NotRequired => "not_required",
        }
        .into(),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportOut {
    pub id: String,
    pub company_id: String,
    pub company_name: String,
    pub reason_category: String,
    pub reason_text: String,
    pub submitted_online: bool,
    pub created_at: String,
    pub workers: Vec<WorkerOut>,
}

fn report_out(r: &PhkReportRow, company_name: &str, workers: Vec<WorkerOut>) -> ReportOut {
    ReportOut {
        id: r.id.clone(),
        company_id: r.company_id.clone(),
        company_name: company_name.to_string(),
        reason_category: r.reason_category.clone(),
        reason_text: r.reason_text.clone(),
        submitted_online: r.submitted_online,
        created_at: utc(r.created_at),
        workers,
    }
}

fn detail_report_out(d: &ReportDetail) -> ReportOut {
    report_out(&d.report, &d.company.name, d.workers.iter().map(|(w, check, _)| worker_out(w, *check, true)).collect())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportList {
    /// NIKs are masked in the list.
    pub items: Vec<ReportOut>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ReportListParams {
    /// Year recorded.
    pub year: Option<String>,
    /// A reason category.
    pub reason: Option<String>,
    /// Part of the company's name.
    pub company: Option<String>,
    pub company_id: Option<String>,
    pub page: Option<i64>,
}

/// PHK reports the caller may see, newest first, NIKs masked.
#[utoipa::path(get, path = "/api/v1/phk-reports", tag = "notices", params(ReportListParams),
    responses((status = 200, body = ReportList), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[get("/api/v1/phk-reports")]
async fn list_reports(
    state: State,
    user: SignedIn,
    p: web::Query<ReportListParams>,
) -> Result<web::Json<ReportList>, Error> {
    let filter =
        service::report_filter(trimmed(&p.year), trimmed(&p.reason), trimmed(&p.company), trimmed(&p.company_id))?;
    let page = page_param(p.page)?;
    let (actor, size) = (user.actor.clone(), state.settings.notices.page_size);
    let list = state.db.run(move |c| service::list_reports(c, &actor, &filter, page, size)).await?;
    let items = list
        .rows
        .iter()
        .map(|(r, name, workers)| {
            let needs = crate::notices::rules::PhkReason::parse(&r.reason_category).is_none_or(|x| x.needs_notice());
            let ws = workers
                .iter()
                .map(|w| worker_out(w, NoticeCheck::of(w.notice_on, w.notice_due_on, needs), false))
                .collect();
            report_out(r, name, ws)
        })
        .collect();
    Ok(web::Json(ReportList { items, page: list.page, per_page: list.page_size, total: list.total }))
}

/// Records a PHK report (officers for any company of the office, representatives for their
/// own); each worker's notice is checked against 14 working days (7 in probation).
#[utoipa::path(post, path = "/api/v1/phk-reports", tag = "notices", request_body = ReportInput,
    responses((status = 201, body = ReportOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[post("/api/v1/phk-reports")]
async fn create_report(state: State, user: SignedIn, body: web::Json<ReportInput>) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now, input) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), body.into_inner());
    let d = state
        .db
        .run(move |c| {
            let (r, _) = service::create_report(c, &actor, &input, &settings, today, now)?;
            service::report(c, &actor, &r.id, &settings)
        })
        .await?;
    Ok(HttpResponse::Created().json(detail_report_out(&d)))
}

/// One PHK report with its workers (NIK whole: office staff and the company's representatives only).
#[utoipa::path(get, path = "/api/v1/phk-reports/{id}", tag = "notices",
    responses((status = 200, body = ReportOut), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[get("/api/v1/phk-reports/{id}")]
async fn get_report(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<ReportOut>, Error> {
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let d = state.db.run(move |c| service::report(c, &actor, &id, &settings)).await?;
    Ok(web::Json(detail_report_out(&d)))
}
