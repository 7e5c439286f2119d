//! JSON API of the company register, with the same authorisation as the pages.

use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::accounts::Role;
use crate::api::utc;
use crate::companies::compliance::semester_label;
use crate::companies::compliance::Criterion;
use crate::companies::imports::{self, Applied, ImportKind, LineOutcome, Preview};
use crate::companies::model::CompanyRow;
use crate::companies::records::{
    self, BpjsInput, DocumentFor, LksInput, LksMeetingInput, LksRegistrationInput, LksReportInput, WageScaleInput,
};
use crate::companies::service::{self, CompanyInput};
use crate::companies::web::ListParams;
use crate::documents::api::DocumentOut;
use crate::error::Error;
use crate::http::errors::ProblemBody;
use crate::http::{SignedIn, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(get_one)
        .service(replace)
        .service(representatives)
        .service(add_representative)
        .service(remove_representative)
        .service(compliance)
        .service(add_bpjs)
        .service(add_wage_scale)
        .service(add_lks)
        .service(register_lks)
        .service(add_lks_meeting)
        .service(add_lks_report)
        .service(upload_document)
        .service(create_import)
        .service(get_import)
        .service(apply_import);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyOut {
    pub id: String,
    pub name: String,
    pub legal_form: String,
    pub nib: String,
    /// 16 digits
    pub npwp: Option<String>,
    pub kbli_code: String,
    pub kbli_edition: i32,
    pub address: String,
    pub outside_city: bool,
    /// e.g. 32.75.09
    pub kecamatan_code: Option<String>,
    pub kelurahan: Option<String>,
    /// kota, multi_kabkota or multi_provinsi
    pub footprint: String,
    /// mikro, kecil, menengah or besar
    pub size_class: String,
    pub workers_male: i32,
    pub workers_female: i32,
    pub workers_pkwt: i32,
    pub workers_pkwtt: i32,
    pub workers_total: i32,
    pub workforce_reported_on: Option<String>,
    pub wlkp_registered: bool,
    pub wlkp_registered_on: Option<String>,
    pub contact_name: String,
    /// E.164
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    /// active or closed
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
}

impl From<CompanyRow> for CompanyOut {
    fn from(c: CompanyRow) -> Self {
        CompanyOut {
            id: c.id,
            name: c.name,
            legal_form: c.legal_form,
            nib: c.nib,
            npwp: c.npwp,
            kbli_code: c.kbli_code,
            kbli_edition: c.kbli_edition,
            address: c.address,
            outside_city: c.outside_city,
            kecamatan_code: c.kecamatan_code,
            kelurahan: c.kelurahan,
            footprint: c.footprint,
            size_class: c.size_class,
            workers_male: c.workers_male,
            workers_female: c.workers_female,
            workers_pkwt: c.workers_pkwt,
            workers_pkwtt: c.workers_pkwtt,
            workers_total: c.workers_total,
            workforce_reported_on: c.workforce_reported_on.map(|d| d.to_string()),
            wlkp_registered: c.wlkp_registered,
            wlkp_registered_on: c.wlkp_registered_on.map(|d| d.to_string()),
            contact_name: c.contact_name,
            contact_phone: c.contact_phone,
            contact_email: c.contact_email,
            status: c.status,
            created_at: utc(c.created_at),
            updated_at: utc(c.updated_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyList {
    pub items: Vec<CompanyOut>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// Query parameters of the company list.
#[derive(Debug, IntoParams)]
#[allow(dead_code, reason = "describes ListParams for the OpenAPI document")]
pub struct CompanyListParams {
    /// Part of the name, or a 13-digit NIB.
    pub q: Option<String>,
    /// Kecamatan code, e.g. 32.75.09
    pub kecamatan: Option<String>,
    /// KBLI code (5 digits)
    pub kbli: Option<String>,
    /// mikro, kecil, menengah or besar
    pub size: Option<String>,
    /// active or closed
    pub status: Option<String>,
    /// Standing on the computed decent-work criteria: layak (all met or not required), kurang
    /// (any missing or without data), pp_kurang, lks_kurang, upah_kurang or bpjs_kurang
    pub kepatuhan: Option<String>,
    pub page: Option<i64>,
}

/// Companies the user may see: the office's register for staff, their own for representatives.
#[utoipa::path(get, path = "/api/v1/companies", tag = "companies", params(CompanyListParams),
    responses((status = 200, body = CompanyList), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[get("/api/v1/companies")]
async fn list(state: State, user: SignedIn, params: web::Query<ListParams>) -> Result<web::Json<CompanyList>, Error> {
    let page = crate::api::page_param(params.page)?;
    let actor = user.actor.clone();
    let query = params.query()?;
    let (rows, total) = state.db.run(move |c| service::list(c, &actor, &query, page)).await?;
    Ok(web::Json(CompanyList {
        items: rows.into_iter().map(CompanyOut::from).collect(),
        page,
        per_page: service::PER_PAGE,
        total,
    }))
}

/// Registers a company (desk officers, administrators).
#[utoipa::path(post, path = "/api/v1/companies", tag = "companies", request_body = CompanyInput,
    responses((status = 201, body = CompanyOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/companies")]
async fn create(state: State, user: SignedIn, body: web::Json<CompanyInput>) -> Result<HttpResponse, Error> {
    let input = body.into_inner();
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let row = state.db.run(move |c| service::create(c, &actor, &input, &settings, today, now)).await?;
    Ok(HttpResponse::Created().json(CompanyOut::from(row)))
}

/// One company; one the user may not see is not found.
#[utoipa::path(get, path = "/api/v1/companies/{id}", tag = "companies", responses((status = 200, body = CompanyOut), (status = 404, body = ProblemBody)))]
#[get("/api/v1/companies/{id}")]
async fn get_one(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<CompanyOut>, Error> {
    let actor = user.actor.clone();
    let row = state.db.run(move |c| service::get(c, &actor, &id)).await?;
    Ok(web::Json(row.into()))
}

/// Replaces a company's record (officers; representatives for their own company, not its status).
#[utoipa::path(put, path = "/api/v1/companies/{id}", tag = "companies", request_body = CompanyInput,
    responses((status = 200, body = CompanyOut), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[put("/api/v1/companies/{id}")]
async fn replace(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<CompanyInput>,
) -> Result<web::Json<CompanyOut>, Error> {
    let input = body.into_inner();
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let row = state.db.run(move |c| service::update(c, &actor, &id, &input, &settings, today, now)).await?;
    Ok(web::Json(row.into()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RepresentativeOut {
    pub user_id: String,
    pub full_name: String,
    pub email: String,
    pub activated: bool,
}

/// The company's representatives.
#[utoipa::path(get, path = "/api/v1/companies/{id}/representatives", tag = "companies",
    responses((status = 200, body = Vec<RepresentativeOut>), (status = 404, body = ProblemBody)))]
#[get("/api/v1/companies/{id}/representatives")]
async fn representatives(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<Vec<RepresentativeOut>>, Error> {
    let actor = user.actor.clone();
    let users = state.db.run(move |c| service::representatives(c, &actor, &id)).await?;
    Ok(web::Json(
        users
            .into_iter()
            .map(|u| RepresentativeOut {
                activated: u.password_hash.is_some(),
                user_id: u.id,
                full_name: u.full_name,
                email: u.email,
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RepresentativeIn {
    pub email: String,
    /// For a new account; defaults to the part of the email before @.
    pub full_name: Option<String>,
}

/// Links a representative: an existing representative account by email, or a new one invited by email.
#[utoipa::path(post, path = "/api/v1/companies/{id}/representatives", tag = "companies", request_body = RepresentativeIn,
    responses((status = 201, body = RepresentativeOut), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/companies/{id}/representatives")]
async fn add_representative(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<RepresentativeIn>,
) -> Result<HttpResponse, Error> {
    let body = body.into_inner();
    let name = body.full_name.unwrap_or_else(|| body.email.split('@').next().unwrap_or_default().to_string());
    let (actor, settings, now) = (user.actor.clone(), state.settings.clone(), state.now());
    let u =
        state.db.run(move |c| service::add_representative(c, &actor, &id, &body.email, &name, &settings, now)).await?;
    Ok(HttpResponse::Created().json(RepresentativeOut {
        activated: u.password_hash.is_some(),
        user_id: u.id,
        full_name: u.full_name,
        email: u.email,
    }))
}

/// Removes a representative from a company.
#[utoipa::path(delete, path = "/api/v1/companies/{id}/representatives/{user_id}", tag = "companies",
    responses((status = 204), (status = 404, body = ProblemBody)))]
#[delete("/api/v1/companies/{id}/representatives/{user_id}")]
async fn remove_representative(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, Error> {
    let (id, user_id) = path.into_inner();
    let (actor, now) = (user.actor.clone(), state.now());
    state.db.run(move |c| service::remove_representative(c, &actor, &id, &user_id, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CriterionOut {
    /// met, not_required, missing or no_data
    pub status: String,
    /// For `met`: since when (YYYY-MM-DD).
    pub since: Option<String>,
    /// For `missing`: what is missing, in Indonesian and English.
    pub missing_id: Vec<String>,
    pub missing_en: Vec<String>,
}

impl From<&Criterion> for CriterionOut {
    fn from(c: &Criterion) -> Self {
        match c {
            Criterion::Met { since } => CriterionOut {
                status: "met".into(),
                since: Some(since.to_string()),
                missing_id: vec![],
                missing_en: vec![],
            },
            Criterion::NotRequired => {
                CriterionOut { status: "not_required".into(), since: None, missing_id: vec![], missing_en: vec![] }
            }
            Criterion::NoData => {
                CriterionOut { status: "no_data".into(), since: None, missing_id: vec![], missing_en: vec![] }
            }
            Criterion::Missing(gaps) => CriterionOut {
                status: "missing".into(),
                since: None,
                missing_id: gaps.iter().map(|g| g.id.to_string()).collect(),
                missing_en: gaps.iter().map(|g| g.en.to_string()).collect(),
            },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ComplianceOut {
    pub company_id: String,
    /// The date the criteria are computed for.
    pub as_of: String,
    /// A valid PP or PKB (ratified, deemed ratified, registered, or issued by the province or ministry).
    pub pp_pkb: CriterionOut,
    pub lks_bipartit: CriterionOut,
    pub wage_scale: CriterionOut,
    pub bpjs: CriterionOut,
    /// Each LKS Bipartit (newest first) with its notification clock, meetings and reports as of the date.
    pub lks: Vec<LksOut>,
    /// Each wage scale (newest first) with its uploaded document.
    pub wage_scales: Vec<WageScaleOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WageScaleOut {
    pub id: String,
    pub effective_on: String,
    pub workers_informed: bool,
    pub document: Option<DocumentOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LksOut {
    pub id: String,
    pub formed_on: String,
    pub registration_number: Option<String>,
    pub registered_on: Option<String>,
    pub notified_on: Option<String>,
    /// Last day to notify the formation: 14 working days after it (rule lks_pencatatan).
    pub notification_due: String,
    pub notification_legal_basis: String,
    /// Working days the notification came after its due date (0 or less: on time).
    pub notified_late_by_working_days: Option<i64>,
    pub in_term: bool,
    pub next_meeting_due: String,
    pub meeting_overdue: bool,
    /// Half-years ("2026-I") whose report is owed and not received.
    pub missing_reports: Vec<String>,
    pub meetings: Vec<LksMeetingOut>,
    pub reports: Vec<LksReportOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LksMeetingOut {
    pub id: String,
    pub held_on: String,
    pub agenda: String,
    pub minutes: Option<DocumentOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LksReportOut {
    pub id: String,
    /// e.g. 2026-I
    pub period: String,
    pub received_on: String,
    pub summary: String,
    pub document: Option<DocumentOut>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AsOfParams {
    /// YYYY-MM-DD; today when omitted.
    pub date: Option<String>,
}

/// The decent-work criteria of a company as of a date: PP/PKB, LKS Bipartit, wage scale, BPJS.
#[utoipa::path(get, path = "/api/v1/companies/{id}/compliance", tag = "companies", params(AsOfParams),
    responses((status = 200, body = ComplianceOut), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[get("/api/v1/companies/{id}/compliance")]
async fn compliance(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    q: web::Query<AsOfParams>,
) -> Result<web::Json<ComplianceOut>, Error> {
    let as_of = match q.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => crate::calendar::service::parse_date(d, "date")?,
        None => state.today(),
    };
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let p = state.db.run(move |c| records::profile(c, &actor, &id, as_of, &settings)).await?;
    Ok(web::Json(ComplianceOut {
        company_id: p.company.id.clone(),
        as_of: as_of.to_string(),
        pp_pkb: (&p.pp_status).into(),
        lks_bipartit: (&p.lks_status).into(),
        wage_scale: (&p.wage_status).into(),
        bpjs: (&p.bpjs_status).into(),
        lks: p
            .lks
            .iter()
            .zip(&p.lks_activity)
            .map(|((l, _), a)| LksOut {
                id: l.id.clone(),
                formed_on: l.formed_on.to_string(),
                registration_number: l.registration_number.clone(),
                registered_on: l.registered_on.map(|d| d.to_string()),
                notified_on: l.notified_on.map(|d| d.to_string()),
                notification_due: a.notification_due.computation.due.to_string(),
                notification_legal_basis: a
                    .notification_due
                    .rule
                    .as_ref()
                    .map(|r| r.legal_basis.clone())
                    .unwrap_or_default(),
                notified_late_by_working_days: a.notified_late_by,
                in_term: a.in_term,
                next_meeting_due: a.next_meeting_due.to_string(),
                meeting_overdue: a.meeting_overdue,
                missing_reports: a.missing_reports.iter().map(|s| semester_label(*s)).collect(),
                meetings: a
                    .meetings
                    .iter()
                    .map(|(m, d)| LksMeetingOut {
                        id: m.id.clone(),
                        held_on: m.held_on.to_string(),
                        agenda: m.agenda.clone(),
                        minutes: d.as_ref().map(Into::into),
                    })
                    .collect(),
                reports: a
                    .reports
                    .iter()
                    .map(|(r, d)| LksReportOut {
                        id: r.id.clone(),
                        period: semester_label((r.period_year, r.period_half as u32)),
                        received_on: r.received_on.to_string(),
                        summary: r.summary.clone(),
                        document: d.as_ref().map(Into::into),
                    })
                    .collect(),
            })
            .collect(),
        wage_scales: p
            .wage_scales
            .iter()
            .map(|(w, _)| WageScaleOut {
                id: w.id.clone(),
                effective_on: w.effective_on.to_string(),
                workers_informed: w.workers_informed,
                document: p.wage_documents.get(&w.id).map(Into::into),
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecordCreated {
    pub id: String,
}

/// Adds a BPJS Ketenagakerjaan enrolment figure (officers, the company's representatives).
#[utoipa::path(post, path = "/api/v1/companies/{id}/bpjs", tag = "companies", request_body = BpjsInput,
    responses((status = 201, body = RecordCreated), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/companies/{id}/bpjs")]
async fn add_bpjs(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<BpjsInput>,
) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now, input) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), body.into_inner());
    let row = state.db.run(move |c| records::add_bpjs(c, &actor, &id, &input, &settings, today, now)).await?;
    Ok(HttpResponse::Created().json(RecordCreated { id: row.id }))
}

/// Adds a wage structure and scale; grades one per line, "grade; job level; minimum; maximum".
#[utoipa::path(post, path = "/api/v1/companies/{id}/wage-scales", tag = "companies", request_body = WageScaleInput,
    responses((status = 201, body = RecordCreated), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/companies/{id}/wage-scales")]
async fn add_wage_scale(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<WageScaleInput>,
) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now, input) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), body.into_inner());
    let row = state.db.run(move |c| records::add_wage_scale(c, &actor, &id, &input, &settings, today, now)).await?;
    Ok(HttpResponse::Created().json(RecordCreated { id: row.id }))
}

/// Adds an LKS Bipartit; members one per line, "name; pengusaha|pekerja; office".
#[utoipa::path(post, path = "/api/v1/companies/{id}/lks-bipartit", tag = "companies", request_body = LksInput,
    responses((status = 201, body = RecordCreated), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/companies/{id}/lks-bipartit")]
async fn add_lks(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<LksInput>,
) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now, input) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), body.into_inner());
    let row = state.db.run(move |c| records::add_lks(c, &actor, &id, &input, &settings, today, now)).await?;
    Ok(HttpResponse::Created().json(RecordCreated { id: row.id }))
}

/// Records the office's bukti pencatatan of a notified LKS Bipartit (officers only).
#[utoipa::path(post, path = "/api/v1/companies/{id}/lks-bipartit/{lks_id}/registration", tag = "companies",
    request_body = LksRegistrationInput,
    responses((status = 201, body = RecordCreated), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/companies/{id}/lks-bipartit/{lks_id}/registration")]
async fn register_lks(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
    body: web::Json<LksRegistrationInput>,
) -> Result<HttpResponse, Error> {
    let ((id, lks), input) = (path.into_inner(), body.into_inner());
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let row = state
        .db
        .run(move |c| records::record_lks_registration(c, &actor, &id, &lks, &input, &settings, today, now))
        .await?;
    Ok(HttpResponse::Created().json(RecordCreated { id: row.id }))
}

/// Records a meeting of the company's LKS Bipartit; upload its minutes with the documents endpoint.
#[utoipa::path(post, path = "/api/v1/companies/{id}/lks-bipartit/{lks_id}/meetings", tag = "companies",
    request_body = LksMeetingInput,
    responses((status = 201, body = RecordCreated), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/companies/{id}/lks-bipartit/{lks_id}/meetings")]
async fn add_lks_meeting(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
    body: web::Json<LksMeetingInput>,
) -> Result<HttpResponse, Error> {
    let ((id, lks), input) = (path.into_inner(), body.into_inner());
    let (actor, today, now) = (user.actor.clone(), state.today(), state.now());
    let row = state.db.run(move |c| records::add_lks_meeting(c, &actor, &id, &lks, &input, None, today, now)).await?;
    Ok(HttpResponse::Created().json(RecordCreated { id: row.id }))
}

/// Records a six-monthly report of the company's LKS Bipartit; upload the file with the documents endpoint.
#[utoipa::path(post, path = "/api/v1/companies/{id}/lks-bipartit/{lks_id}/reports", tag = "companies",
    request_body = LksReportInput,
    responses((status = 201, body = RecordCreated), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/companies/{id}/lks-bipartit/{lks_id}/reports")]
async fn add_lks_report(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
    body: web::Json<LksReportInput>,
) -> Result<HttpResponse, Error> {
    let ((id, lks), input) = (path.into_inner(), body.into_inner());
    let (actor, today, now) = (user.actor.clone(), state.today(), state.now());
    let row = state.db.run(move |c| records::add_lks_report(c, &actor, &id, &lks, &input, None, today, now)).await?;
    Ok(HttpResponse::Created().json(RecordCreated { id: row.id }))
}

/// Uploads a document (multipart form, file field `berkas`) for a wage scale (`wage-scales`),
/// an LKS meeting's minutes (`lks-meetings`) or an LKS report (`lks-reports`).
#[utoipa::path(post, path = "/api/v1/companies/{id}/{kind}/{owner_id}/document", tag = "companies",
    params(("id" = String, Path, description = "Company id"), ("kind" = String, Path, description = "wage-scales, lks-meetings or lks-reports"), ("owner_id" = String, Path, description = "The record's id")),
    request_body(content_type = "multipart/form-data", description = "Field `berkas`: a PDF, JPG, PNG, DOCX or XLSX file"),
    responses((status = 201, body = DocumentOut), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[post("/api/v1/companies/{id}/{kind}/{owner_id}/document")]
async fn upload_document(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String, String)>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    let (id, kind, owner) = path.into_inner();
    let target = match kind.as_str() {
        "wage-scales" => DocumentFor::WageScale,
        "lks-meetings" => DocumentFor::LksMeeting,
        "lks-reports" => DocumentFor::LksReport,
        _ => return Err(Error::NotFound),
    };
    let stored = crate::documents::web::required_upload(&state, payload).await?;
    let (actor, now) = (user.actor.clone(), state.now());
    let row =
        state.db.run(move |c| records::attach_company_document(c, &actor, &id, target, &owner, &stored, now)).await?;
    Ok(HttpResponse::Created().json(DocumentOut::from(&row)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportLineOut {
    /// The line number as a spreadsheet shows it (the header is line 1).
    pub line: usize,
    pub name: String,
    pub nib: String,
    /// new, already_recorded (skipped) or invalid
    pub outcome: String,
    pub message_id: Option<String>,
    pub message_en: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOut {
    pub id: String,
    pub kind: ImportKind,
    pub filename: String,
    /// The summary once applied; none while it waits.
    pub applied: Option<String>,
    pub lines: Vec<ImportLineOut>,
}

impl From<Preview> for ImportOut {
    fn from(p: Preview) -> Self {
        ImportOut {
            lines: p
                .lines
                .into_iter()
                .map(|l| {
                    let (outcome, message) = match l.outcome {
                        LineOutcome::New => ("new", None),
                        LineOutcome::AlreadyRecorded => ("already_recorded", None),
                        LineOutcome::Invalid(m) => ("invalid", Some(m)),
                    };
                    ImportLineOut {
                        line: l.line,
                        name: l.name,
                        nib: l.nib,
                        outcome: outcome.into(),
                        message_id: message.as_ref().map(|m| m.id.to_string()),
                        message_en: message.as_ref().map(|m| m.en.to_string()),
                    }
                })
                .collect(),
            id: p.id,
            kind: p.kind,
            filename: p.filename,
            applied: p.applied,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportParams {
    /// perusahaan (a company list) or bpjs (enrolment figures)
    pub kind: String,
}

/// Uploads a company list or BPJS enrolment file (multipart, field `berkas`; CSV or XLSX) and
/// returns the preview of every line; nothing is recorded until the import is applied.
#[utoipa::path(post, path = "/api/v1/imports", tag = "companies", params(ImportParams),
    request_body(content_type = "multipart/form-data", description = "Field `berkas`: a CSV or XLSX file"),
    responses((status = 201, body = ImportOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[post("/api/v1/imports")]
async fn create_import(
    state: State,
    user: SignedIn,
    q: web::Query<ImportParams>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    let kind = ImportKind::parse(&q.kind).ok_or_else(|| {
        Error::invalid("invalid_kind", "kind", "Jenis impor: perusahaan atau bpjs.", "Import kind: perusahaan or bpjs.")
    })?;
    user.actor.require(&[Role::Admin, Role::Petugas])?;
    let (filename, bytes) = crate::http::read_upload(payload, crate::companies::web::MAX_IMPORT).await?;
    let (actor, regions, now, today) = (user.actor.clone(), state.settings.regions.clone(), state.now(), state.today());
    let preview = state
        .db
        .run(move |c| {
            let id = imports::upload(c, &actor, kind, &filename, &bytes, &regions, now)?;
            imports::preview(c, &actor, &id, &regions, today)
        })
        .await?;
    Ok(HttpResponse::Created().json(ImportOut::from(preview)))
}

/// An import's preview: what each line would do if applied now (or the summary once applied).
#[utoipa::path(get, path = "/api/v1/imports/{id}", tag = "companies",
    responses((status = 200, body = ImportOut), (status = 404, body = ProblemBody)))]
#[get("/api/v1/imports/{id}")]
async fn get_import(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<ImportOut>, Error> {
    let (actor, regions, today) = (user.actor.clone(), state.settings.regions.clone(), state.today());
    let preview = state.db.run(move |c| imports::preview(c, &actor, &id, &regions, today)).await?;
    Ok(web::Json(preview.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ApplyIn {
    /// "all" (nothing is recorded if any line is invalid) or "valid" (the valid lines only)
    pub mode: String,
}

/// Applies an import in one transaction.
#[utoipa::path(post, path = "/api/v1/imports/{id}/apply", tag = "companies", request_body = ApplyIn,
    responses((status = 200, body = Applied), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/imports/{id}/apply")]
async fn apply_import(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<ApplyIn>,
) -> Result<web::Json<Applied>, Error> {
    let all_or_nothing = match body.mode.as_str() {
        "all" => true,
        "valid" => false,
        _ => {
            return Err(Error::invalid(
                "invalid_mode",
                "mode",
                "Cara impor: all atau valid.",
                "Import mode: all or valid.",
            ))
        }
    };
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let applied = state.db.run(move |c| imports::apply(c, &actor, &id, all_or_nothing, &settings, today, now)).await?;
    Ok(web::Json(applied))
}
