//! JSON API of PP ratification and PKB registration: submissions, the desk's queue, steps, uploads, regulations and extensions.

use actix_web::{get, post, put, web, HttpResponse};
use chrono::NaiveDate;
use harmoni_templates::Lang;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::{page_param, utc};
use crate::calendar::rules::DeadlineStatus;
use crate::documents::api::DocumentOut;
use crate::error::Error;
use crate::http::errors::ProblemBody;
use crate::http::{trimmed, SignedIn, State};
use crate::regulations::model::{RegulationRow, SubmissionFilter, SubmissionRow};
use crate::regulations::rules::{Gap, Kind, Slot, Status};
use crate::regulations::service::{
    self, Detail, DetailsInput, ExtensionInput, ExternalInput, QueueEntry, RegulationDetail, RunningDeadline,
    StepInput, SubmissionInput,
};
use crate::unions::model::UnionRow;

pub fn routes(cfg: &mut web::ServiceConfig) {
    // The queue before `{id}`, so that "queue" is never read as an id.
    cfg.service(queue)
        .service(list_submissions)
        .service(create_submission)
        .service(get_submission)
        .service(update_details)
        .service(upload_document)
        .service(take_step)
        .service(list_regulations)
        .service(record_external)
        .service(get_regulation)
        .service(extend);
}

fn day(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// A PP or PKB submission.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionOut {
    pub id: String,
    pub company_id: String,
    /// pp or pkb
    pub kind: String,
    /// baru, pembaruan or perubahan
    pub purpose: String,
    /// draf, diajukan, perbaikan, memenuhi_syarat, disahkan, dianggap_disahkan, gugur or ditarik
    pub status: String,
    /// The status in Indonesian words.
    pub status_label: String,
    /// The regulation renewed or amended.
    pub replaces_id: Option<String>,
    /// PP: serikat, wakil_pekerja or tidak_ada.
    pub advice_from: Option<String>,
    /// PKB: the start of its term and the term in months.
    pub pkb_starts_on: Option<String>,
    pub pkb_term_months: Option<i32>,
    /// The day of the (latest) receipt; the clocks run from it.
    pub received_on: Option<String>,
    pub first_received_on: Option<String>,
    /// daring (sent by the company) or loket (paper file at the counter).
    pub received_via: Option<String>,
    pub correction_notified_on: Option<String>,
    pub compliant_on: Option<String>,
    pub decided_on: Option<String>,
    /// PP: the day the head and desk were warned before deemed ratification.
    pub deemed_warned_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&SubmissionRow> for SubmissionOut {
    fn from(s: &SubmissionRow) -> Self {
        let label = Kind::parse(&s.kind)
            .zip(Status::parse(&s.status))
            .map(|(k, st)| st.label(k, Lang::Id).to_string())
            .unwrap_or_default();
        SubmissionOut {
            id: s.id.clone(),
            company_id: s.company_id.clone(),
            kind: s.kind.clone(),
            purpose: s.purpose.clone(),
            status: s.status.clone(),
            status_label: label,
            replaces_id: s.replaces_id.clone(),
            advice_from: s.advice_from.clone(),
            pkb_starts_on: day(s.pkb_starts_on),
            pkb_term_months: s.pkb_term_months,
            received_on: day(s.received_on),
            first_received_on: day(s.first_received_on),
            received_via: s.received_via.clone(),
            correction_notified_on: day(s.correction_notified_on),
            compliant_on: day(s.compliant_on),
            decided_on: day(s.decided_on),
            deemed_warned_on: day(s.deemed_warned_on),
            created_at: utc(s.created_at),
            updated_at: utc(s.updated_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionSummaryOut {
    #[serde(flatten)]
    pub submission: SubmissionOut,
    pub company_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionList {
    pub items: Vec<SubmissionSummaryOut>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SubmissionListParams {
    /// pp or pkb
    pub kind: Option<String>,
    /// A status code (see `status` of a submission).
    pub status: Option<String>,
    pub company_id: Option<String>,
    pub page: Option<i64>,
}

fn invalid_parameter(field: &'static str, id: &'static str, en: &'static str) -> Error {
    Error::invalid("invalid_parameter", field, id, en)
}

/// The submissions the caller may see (every status), newest first: office staff the office's,
/// a representative their companies'.
#[utoipa::path(get, path = "/api/v1/regulation-submissions", tag = "regulations", params(SubmissionListParams),
    responses((status = 200, body = SubmissionList), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[get("/api/v1/regulation-submissions")]
async fn list_submissions(
    state: State,
    user: SignedIn,
    p: web::Query<SubmissionListParams>,
) -> Result<web::Json<SubmissionList>, Error> {
    let kind = match trimmed(&p.kind) {
        None => None,
        Some(k) => Some(
            Kind::parse(&k)
                .ok_or_else(|| invalid_parameter("kind", "Jenis harus pp atau pkb.", "kind must be pp or pkb."))?
                .as_str()
                .to_string(),
        ),
    };
    let status = match trimmed(&p.status) {
        None => None,
        Some(s) => Some(
            Status::parse(&s)
                .ok_or_else(|| invalid_parameter("status", "Status tidak dikenal.", "Unknown status."))?
                .as_str()
                .to_string(),
        ),
    };
    let filter = SubmissionFilter { kind, status, company_id: trimmed(&p.company_id), open_only: false };
    let page = page_param(p.page)?;
    let (actor, size) = (user.actor.clone(), state.settings.regulations.page_size);
    let (rows, total) = state.db.run(move |c| service::list(c, &actor, &filter, page, size)).await?;
    Ok(web::Json(SubmissionList {
        items: rows
            .iter()
            .map(|(row, name)| SubmissionSummaryOut { submission: row.into(), company_name: name.clone() })
            .collect(),
        total,
        page,
        page_size: size,
    }))
}

/// A clock as the queue shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineOut {
    /// The rule's code in deadlines.toml.
    pub rule: String,
    pub label_id: String,
    pub label_en: String,
    pub legal_basis: String,
    /// The day counted from.
    pub start: String,
    pub due: String,
    /// ahead, due_today or overdue
    pub state: String,
    /// Working days left (0 on the due day, negative: working days past it).
    pub days_left: i64,
    pub overdue: bool,
}

fn state_of(status: DeadlineStatus) -> (&'static str, i64) {
    match status {
        DeadlineStatus::Ahead(n) => ("ahead", n),
        DeadlineStatus::DueToday => ("due_today", 0),
        DeadlineStatus::Overdue(n) => ("overdue", -n),
    }
}

impl From<&RunningDeadline> for DeadlineOut {
    fn from(d: &RunningDeadline) -> Self {
        let (state, days_left) = state_of(d.status);
        DeadlineOut {
            rule: d.rule.code.clone(),
            label_id: d.rule.label_id.clone(),
            label_en: d.rule.label_en.clone(),
            legal_basis: d.rule.legal_basis.clone(),
            start: d.computation.start.to_string(),
            due: d.computation.due.to_string(),
            state: state.into(),
            days_left,
            overdue: state == "overdue",
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkippedDayOut {
    pub date: String,
    /// Why it is not a working day, in Indonesian and English.
    pub reason: String,
    pub reason_en: String,
}

/// A clock with its explanation, as a submission's detail shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineDetailOut {
    #[serde(flatten)]
    pub deadline: DeadlineOut,
    pub working_days: u32,
    /// Non-working days passed over between the start and the due date.
    pub skipped: Vec<SkippedDayOut>,
}

impl From<&RunningDeadline> for DeadlineDetailOut {
    fn from(d: &RunningDeadline) -> Self {
        DeadlineDetailOut {
            deadline: d.into(),
            working_days: d.computation.working_days,
            skipped: d
                .computation
                .skipped
                .iter()
                .map(|s| SkippedDayOut {
                    date: s.date.to_string(),
                    reason: crate::calendar::web::skip_text(&s.reason, s.date, Lang::Id),
                    reason_en: crate::calendar::web::skip_text(&s.reason, s.date, Lang::En),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueueEntryOut {
    pub submission: SubmissionOut,
    pub company_name: String,
    /// The nearest running clock.
    pub next_deadline: Option<DeadlineOut>,
    /// PP: the 30 working-day limit from receipt (deemed ratification after it).
    pub outer_due: Option<String>,
    /// PP: the warning day before the limit has come.
    pub approaching_limit: bool,
}

impl From<&QueueEntry> for QueueEntryOut {
    fn from(e: &QueueEntry) -> Self {
        QueueEntryOut {
            submission: (&e.row).into(),
            company_name: e.company_name.clone(),
            next_deadline: e.next.as_ref().map(DeadlineOut::from),
            outer_due: day(e.outer_due),
            approaching_limit: e.approaching_limit,
        }
    }
}

/// The open submissions (received, under correction, compliant) the caller may see, nearest
/// deadline first. Clocks that ran out are applied by the housekeeping round and on each detail.
#[utoipa::path(get, path = "/api/v1/regulation-submissions/queue", tag = "regulations",
    responses((status = 200, body = Vec<QueueEntryOut>), (status = 403, body = ProblemBody)))]
#[get("/api/v1/regulation-submissions/queue")]
async fn queue(state: State, user: SignedIn) -> Result<web::Json<Vec<QueueEntryOut>>, Error> {
    let (actor, settings, today) = (user.actor.clone(), state.settings.clone(), state.today());
    let rows = state.db.run(move |c| service::queue(c, &actor, &settings, today)).await?;
    Ok(web::Json(rows.iter().map(QueueEntryOut::from).collect()))
}

/// Starts a draft (a company's representative, or the desk for a paper file at the counter).
/// A company operating in several kab/kota is refused (`other_jurisdiction`): record its
/// PP/PKB with `POST /api/v1/regulations`.
#[utoipa::path(post, path = "/api/v1/regulation-submissions", tag = "regulations", request_body = SubmissionInput,
    responses((status = 201, body = SubmissionOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/regulation-submissions")]
async fn create_submission(
    state: State,
    user: SignedIn,
    body: web::Json<SubmissionInput>,
) -> Result<HttpResponse, Error> {
    let (actor, now, input) = (user.actor.clone(), state.now(), body.into_inner());
    let row = state.db.run(move |c| service::create(c, &actor, &input, now)).await?;
    Ok(HttpResponse::Created().json(SubmissionOut::from(&row)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyRefOut {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SlotDocumentsOut {
    /// naskah, saran or skala_upah
    pub slot: String,
    pub label_id: String,
    pub label_en: String,
    pub required: bool,
    /// Newest first.
    pub documents: Vec<DocumentOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnionRefOut {
    pub id: String,
    pub name: String,
    pub registration_number: String,
    pub registered_on: String,
}

impl From<&UnionRow> for UnionRefOut {
    fn from(u: &UnionRow) -> Self {
        UnionRefOut {
            id: u.id.clone(),
            name: u.name.clone(),
            registration_number: u.registration_number.clone(),
            registered_on: u.registered_on.to_string(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GapOut {
    /// document (see `slot`), advice_from, union or term
    pub code: String,
    pub slot: Option<String>,
    pub text_id: String,
    pub text_en: String,
}

fn gap_out(g: Gap, kind: Kind) -> GapOut {
    let (code, slot) = match g {
        Gap::Document(s) => ("document", Some(s.code().to_string())),
        Gap::AdviceFrom => ("advice_from", None),
        Gap::Union => ("union", None),
        Gap::Term => ("term", None),
    };
    GapOut { code: code.into(), slot, text_id: g.label(kind, Lang::Id), text_en: g.label(kind, Lang::En) }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewOut {
    pub round: i32,
    /// Checklist item code.
    pub item: String,
    pub met: bool,
    pub reason: String,
    pub reviewed_on: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryOut {
    /// submit, resubmit, correction, compliant, decide, lapse, deemed_ratified or withdraw
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub effective_on: String,
    /// The role of who took the step, or "system" for a clock that ran out.
    pub actor_role: String,
    pub actor_name: Option<String>,
    pub note: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChecklistItemOut {
    pub item: String,
    pub label_id: String,
    pub label_en: String,
    pub legal_basis: String,
}

/// A PP or PKB in force or past: the office's decree or letter, a deemed ratification, or one
/// issued by the province or the ministry.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationOut {
    pub id: String,
    pub company_id: String,
    /// pp or pkb
    pub kind: String,
    /// sk (the office's decree), pendaftaran (the office's registration letter), dianggap
    /// (deemed ratified) or eksternal (the province or the ministry).
    pub origin: String,
    pub submission_id: Option<String>,
    /// The decree or letter number; none for a deemed ratification.
    pub number: Option<String>,
    /// kabkota, provinsi or kementerian
    pub issuer_level: String,
    pub issuer_name: String,
    pub issued_on: String,
    pub valid_from: String,
    pub valid_until: String,
    pub extended_until: Option<String>,
    pub extended_on: Option<String>,
    pub extension_note: String,
    /// The last valid day, the extension included.
    pub ends_on: String,
    /// In force today.
    pub in_force: bool,
    pub created_at: String,
}

fn in_force(r: &RegulationRow, today: NaiveDate) -> bool {
    r.counts_from() <= today && today <= r.ends_on()
}

fn regulation_out(r: &RegulationRow, today: NaiveDate) -> RegulationOut {
    RegulationOut {
        id: r.id.clone(),
        company_id: r.company_id.clone(),
        kind: r.kind.clone(),
        origin: r.origin.clone(),
        submission_id: r.submission_id.clone(),
        number: Some(r.number.clone()).filter(|n| !n.is_empty()),
        issuer_level: r.issuer_level.clone(),
        issuer_name: r.issuer_name.clone(),
        issued_on: r.issued_on.to_string(),
        valid_from: r.valid_from.to_string(),
        valid_until: r.valid_until.to_string(),
        extended_until: day(r.extended_until),
        extended_on: day(r.extended_on),
        extension_note: r.extension_note.clone(),
        ends_on: r.ends_on().to_string(),
        in_force: in_force(r, today),
        created_at: utc(r.created_at),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionDetailOut {
    #[serde(flatten)]
    pub submission: SubmissionOut,
    pub company: CompanyRefOut,
    pub documents: Vec<SlotDocumentsOut>,
    /// PKB: the registered unions party to it.
    pub unions: Vec<UnionRefOut>,
    /// What the draft still lacks before it can be sent (empty: complete).
    pub gaps: Vec<GapOut>,
    /// The clocks running today, nearest stage first.
    pub deadlines: Vec<DeadlineDetailOut>,
    /// PP, while open: the day the head and desk are (or were) warned before deemed ratification.
    pub deemed_warning_on: Option<String>,
    /// Every review round, oldest first.
    pub reviews: Vec<ReviewOut>,
    /// One row per step, oldest first.
    pub history: Vec<HistoryOut>,
    /// The decree, letter or deemed ratification, once there is one.
    pub regulation: Option<RegulationOut>,
    /// The steps the caller may take now (action codes of POST .../steps).
    pub offered_steps: Vec<String>,
    /// The checklist the desk answers for this kind.
    pub checklist: Vec<ChecklistItemOut>,
    /// The caller may change the details and documents now.
    pub can_edit: bool,
    /// The office's active unions to choose the PKB's parties from, when the caller may edit.
    pub office_unions: Vec<UnionRefOut>,
}

fn detail_out(d: &Detail, today: NaiveDate) -> SubmissionDetailOut {
    SubmissionDetailOut {
        submission: (&d.row).into(),
        company: CompanyRefOut { id: d.company.id.clone(), name: d.company.name.clone() },
        documents: d
            .documents
            .iter()
            .filter(|(slot, docs)| d.required_slots.contains(slot) || !docs.is_empty() || is_optional(*slot, d.kind))
            .map(|(slot, docs)| SlotDocumentsOut {
                slot: slot.code().into(),
                label_id: slot.label(d.kind, Lang::Id).into(),
                label_en: slot.label(d.kind, Lang::En).into(),
                required: d.required_slots.contains(slot),
                documents: docs.iter().map(DocumentOut::from).collect(),
            })
            .collect(),
        unions: d.unions.iter().map(UnionRefOut::from).collect(),
        gaps: d.gaps.iter().map(|g| gap_out(*g, d.kind)).collect(),
        deadlines: d.deadlines.iter().map(DeadlineDetailOut::from).collect(),
        deemed_warning_on: day(d.deemed_warning_on),
        reviews: d
            .reviews
            .iter()
            .map(|r| ReviewOut {
                round: r.round,
                item: r.item.clone(),
                met: r.met,
                reason: r.reason.clone(),
                reviewed_on: r.reviewed_on.to_string(),
            })
            .collect(),
        history: d
            .history
            .iter()
            .map(|(h, name)| HistoryOut {
                action: h.action.clone(),
                from_status: h.from_status.clone(),
                to_status: h.to_status.clone(),
                effective_on: h.effective_on.to_string(),
                actor_role: h.actor_role.clone(),
                actor_name: name.clone(),
                note: h.note.clone(),
                created_at: utc(h.created_at),
            })
            .collect(),
        regulation: d.regulation.as_ref().map(|r| regulation_out(r, today)),
        offered_steps: d.offered.iter().map(|a| a.code().to_string()).collect(),
        checklist: d
            .checklist
            .iter()
            .map(|i| ChecklistItemOut {
                item: i.code().into(),
                label_id: i.label(Lang::Id).into(),
                label_en: i.label(Lang::En).into(),
                legal_basis: i.legal_basis().into(),
            })
            .collect(),
        can_edit: d.can_edit,
        office_unions: d.office_unions.iter().map(UnionRefOut::from).collect(),
    }
}

/// A PP may carry the wage scale even when the office does not require it.
fn is_optional(slot: Slot, kind: Kind) -> bool {
    slot == Slot::SkalaUpah && kind == Kind::Pp
}

/// A submission with its documents, gaps, clocks (with the days they skip), reviews, history,
/// the regulation issued and the steps the caller may take. Clocks that ran out (a lapsed
/// correction, a deemed ratification) are applied first.
#[utoipa::path(get, path = "/api/v1/regulation-submissions/{id}", tag = "regulations",
    params(("id" = String, Path, description = "Submission id")),
    responses((status = 200, body = SubmissionDetailOut), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[get("/api/v1/regulation-submissions/{id}")]
async fn get_submission(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<SubmissionDetailOut>, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let d = state.db.run(move |c| service::detail(c, &actor, &id, &settings, today, now)).await?;
    Ok(web::Json(detail_out(&d, today)))
}

/// Changes a draft's (or a file under correction's) details: whose advice was asked (PP), the
/// PKB's parties and term. The company's representative or the desk.
#[utoipa::path(put, path = "/api/v1/regulation-submissions/{id}/details", tag = "regulations", request_body = DetailsInput,
    params(("id" = String, Path, description = "Submission id")),
    responses((status = 200, body = SubmissionOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[put("/api/v1/regulation-submissions/{id}/details")]
async fn update_details(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<DetailsInput>,
) -> Result<web::Json<SubmissionOut>, Error> {
    let (actor, now, input) = (user.actor.clone(), state.now(), body.into_inner());
    let row = state.db.run(move |c| service::update_details(c, &actor, &id, &input, now)).await?;
    Ok(web::Json((&row).into()))
}

/// Uploads a document into one of the submission's slots (multipart form, file field
/// `berkas`): naskah (the signed text), saran (PP: proof the advice was asked, or the
/// statement that there is no one to ask) or skala_upah (PP: the wage structure and scale).
/// While a draft or under correction; a later upload is the current one, earlier ones stay.
#[utoipa::path(post, path = "/api/v1/regulation-submissions/{id}/documents/{slot}", tag = "regulations",
    params(("id" = String, Path, description = "Submission id"), ("slot" = String, Path, description = "naskah, saran or skala_upah")),
    request_body(content_type = "multipart/form-data", description = "Field `berkas`: a PDF, JPG, PNG, DOCX or XLSX file"),
    responses((status = 201, body = DocumentOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/regulation-submissions/{id}/documents/{slot}")]
async fn upload_document(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    // Refused before anything is written to the storage directory.
    service::scope(&user.actor)?;
    if !service::can_file(&user.actor) {
        return Err(Error::Forbidden);
    }
    let (id, slot) = path.into_inner();
    if Slot::parse(&slot).is_none() {
        return Err(Error::invalid(
            "invalid_slot",
            "slot",
            "Jenis dokumen itu tidak dipakai untuk pengajuan ini.",
            "That kind of document does not belong to this submission.",
        ));
    }
    let stored = crate::documents::web::required_upload(&state, payload).await?;
    let (actor, now) = (user.actor.clone(), state.now());
    let row = state.db.run(move |c| service::attach(c, &actor, &id, &slot, &stored, now)).await?;
    Ok(HttpResponse::Created().json(DocumentOut::from(&row)))
}

/// Takes one step; the rules decide whether this caller may take it now and what it leads to.
/// `submit`/`resubmit` (the representative, or the desk with `received_on` for a paper file),
/// `correction`/`compliant` (the desk, answering every checklist item; a reason for each item
/// not met), `decide` (the head: the decree or registration letter with its number) and
/// `withdraw`. An illegal step is refused (409, or 403 for a step that is never the caller's).
#[utoipa::path(post, path = "/api/v1/regulation-submissions/{id}/steps", tag = "regulations", request_body = StepInput,
    params(("id" = String, Path, description = "Submission id")),
    responses((status = 200, body = SubmissionOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/regulation-submissions/{id}/steps")]
async fn take_step(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<StepInput>,
) -> Result<web::Json<SubmissionOut>, Error> {
    let (actor, settings, today, now, input) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), body.into_inner());
    let row = state.db.run(move |c| service::take_step(c, &actor, &id, &input, &settings, today, now)).await?;
    Ok(web::Json((&row).into()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationSummaryOut {
    #[serde(flatten)]
    pub regulation: RegulationOut,
    pub company_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationList {
    pub items: Vec<RegulationSummaryOut>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct RegulationListParams {
    pub company_id: Option<String>,
    pub page: Option<i64>,
}

/// The PP and PKB the caller may see (of one company, or all), latest end first.
#[utoipa::path(get, path = "/api/v1/regulations", tag = "regulations", params(RegulationListParams),
    responses((status = 200, body = RegulationList), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[get("/api/v1/regulations")]
async fn list_regulations(
    state: State,
    user: SignedIn,
    p: web::Query<RegulationListParams>,
) -> Result<web::Json<RegulationList>, Error> {
    let page = page_param(p.page)?;
    let company_id = trimmed(&p.company_id);
    let (actor, size, today) = (user.actor.clone(), state.settings.regulations.page_size, state.today());
    let (rows, total) =
        state.db.run(move |c| service::regulations(c, &actor, company_id.as_deref(), page, size)).await?;
    Ok(web::Json(RegulationList {
        items: rows
            .iter()
            .map(|(r, name)| RegulationSummaryOut { regulation: regulation_out(r, today), company_name: name.clone() })
            .collect(),
        total,
        page,
        page_size: size,
    }))
}

fn field(fields: &[(String, String)], key: &str) -> String {
    crate::http::form_field(fields, key)
}

/// Records a PP or PKB ratified or registered by the province or the ministry (a company
/// operating in several kab/kota or provinces), with a copy of its decree, so that it counts
/// for the company's PP/PKB criterion. Multipart form: the fields of `ExternalInput` and the
/// file `berkas`. The company's representative or the desk.
#[utoipa::path(post, path = "/api/v1/regulations", tag = "regulations",
    request_body(content_type = "multipart/form-data", content = ExternalInput, description = "The fields of ExternalInput and the file `berkas`"),
    responses((status = 201, body = RegulationOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/regulations")]
async fn record_external(
    state: State,
    user: SignedIn,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    service::scope(&user.actor)?;
    if !service::can_file(&user.actor) {
        return Err(Error::Forbidden);
    }
    let (fields, stored) = crate::documents::web::form_with_file(&state, payload).await?;
    let stored = stored?;
    let input = ExternalInput {
        kind: field(&fields, "kind"),
        company_id: field(&fields, "company_id"),
        nib: field(&fields, "nib"),
        issuer_level: field(&fields, "issuer_level"),
        issuer_name: field(&fields, "issuer_name"),
        number: field(&fields, "number"),
        issued_on: field(&fields, "issued_on"),
        valid_from: field(&fields, "valid_from"),
        valid_until: field(&fields, "valid_until"),
    };
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let reg = state
        .db
        .run(move |c| service::record_external(c, &actor, &input, stored.as_ref(), &settings, today, now))
        .await?;
    Ok(HttpResponse::Created().json(regulation_out(&reg, today)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RenewalOut {
    /// pp_perpanjangan or pkb_perpanjangan
    pub rule: String,
    pub legal_basis: String,
    /// The last day to apply for renewal (and the day the reminder goes out).
    pub due: String,
    /// ahead, due_today or overdue
    pub state: String,
    pub days_left: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationDetailOut {
    #[serde(flatten)]
    pub regulation: RegulationOut,
    pub company: CompanyRefOut,
    pub renewal: Option<RenewalOut>,
    /// The external decree and the extension's basis.
    pub documents: Vec<DocumentOut>,
    /// The caller may extend it now (once, by at most a year).
    pub can_extend: bool,
}

fn regulation_detail_out(d: &RegulationDetail, today: NaiveDate) -> RegulationDetailOut {
    let mut regulation = regulation_out(&d.reg, today);
    regulation.in_force = d.in_force;
    RegulationDetailOut {
        regulation,
        company: CompanyRefOut { id: d.company.id.clone(), name: d.company.name.clone() },
        renewal: d.renewal.as_ref().map(|r| {
            let (state, days_left) = state_of(r.status);
            RenewalOut {
                rule: r.rule.code.clone(),
                legal_basis: r.rule.legal_basis.clone(),
                due: r.computation.due.to_string(),
                state: state.into(),
                days_left,
            }
        }),
        documents: d.documents.iter().map(DocumentOut::from).collect(),
        can_extend: d.can_extend,
    }
}

/// One PP or PKB with its renewal day, documents and whether the caller may extend it.
#[utoipa::path(get, path = "/api/v1/regulations/{id}", tag = "regulations",
    params(("id" = String, Path, description = "Regulation id")),
    responses((status = 200, body = RegulationDetailOut), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[get("/api/v1/regulations/{id}")]
async fn get_regulation(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<RegulationDetailOut>, Error> {
    let (actor, settings, today) = (user.actor.clone(), state.settings.clone(), state.today());
    let d = state.db.run(move |c| service::regulation(c, &actor, &id, &settings, today)).await?;
    Ok(web::Json(regulation_detail_out(&d, today)))
}

/// Extends a PP or PKB once, by at most a year past its current end, with its written basis
/// (multipart form: `extended_until`, `pkb_negotiating` (PP: "true" while a PKB is being
/// negotiated), `note`, and the file `berkas`). The company's representative or the desk.
#[utoipa::path(post, path = "/api/v1/regulations/{id}/extension", tag = "regulations",
    params(("id" = String, Path, description = "Regulation id")),
    request_body(content_type = "multipart/form-data", content = ExtensionInput, description = "The fields of ExtensionInput and the file `berkas`"),
    responses((status = 200, body = RegulationOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/regulations/{id}/extension")]
async fn extend(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    payload: actix_multipart::Multipart,
) -> Result<web::Json<RegulationOut>, Error> {
    service::scope(&user.actor)?;
    if !service::can_file(&user.actor) {
        return Err(Error::Forbidden);
    }
    let (fields, stored) = crate::documents::web::form_with_file(&state, payload).await?;
    let stored = stored?;
    let input = ExtensionInput {
        extended_until: field(&fields, "extended_until"),
        pkb_negotiating: matches!(field(&fields, "pkb_negotiating").trim(), "true" | "1" | "on"),
        note: field(&fields, "note"),
    };
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let reg =
        state.db.run(move |c| service::extend(c, &actor, &id, &input, stored.as_ref(), &settings, today, now)).await?;
    Ok(web::Json(regulation_out(&reg, today)))
}
