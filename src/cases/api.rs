//! JSON API of dispute cases: filing, the case with its clocks, steps, bipartite proof,
//! delegation choices, a mediator's workbench and public tracking.

use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::{page_param, utc};
use crate::cases::model::CaseRow;
use crate::cases::rules::Status;
use crate::cases::service::{self, BipartiteInput, CaseDeadline, CaseDetail, ComplaintInput, StepInput};
use crate::error::Error;
use crate::http::errors::ProblemBody;
use crate::http::{SignedIn, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_cases)
        .service(workbench)
        .service(file_case)
        .service(track)
        .service(get_case)
        .service(take_step)
        .service(add_bipartite)
        .service(reissue_pin)
        .service(mediators);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseSummaryOut {
    pub id: String,
    /// Public tracking reference (HRM-XXXX-XXXX).
    pub reference: String,
    /// Given at registration.
    pub case_number: Option<String>,
    pub dispute_type: String,
    pub status: String,
    pub status_label: String,
    pub company_id: Option<String>,
    pub company_name: String,
    pub mediator_id: Option<String>,
    pub submitted_on: Option<String>,
    pub closed_on: Option<String>,
    pub created_at: String,
}

impl From<&CaseRow> for CaseSummaryOut {
    fn from(c: &CaseRow) -> Self {
        CaseSummaryOut {
            id: c.id.clone(),
            reference: c.reference.clone(),
            case_number: c.case_number.clone(),
            dispute_type: c.dispute_type.clone(),
            status: c.status.clone(),
            status_label: Status::parse(&c.status)
                .map(|s| s.label(harmoni_templates::Lang::Id).to_string())
                .unwrap_or_default(),
            company_id: c.company_id.clone(),
            company_name: c.company_name.clone(),
            mediator_id: c.mediator_id.clone(),
            submitted_on: c.submitted_on.map(|d| d.to_string()),
            closed_on: c.closed_on.map(|d| d.to_string()),
            created_at: utc(c.created_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineOut {
    /// The rule's code in deadlines.toml.
    pub rule: String,
    pub label: String,
    pub legal_basis: String,
    /// The side a per-party clock belongs to.
    pub side: Option<String>,
    pub start: String,
    /// Working days of the rule plus any added (clarification time for the 30 WD).
    pub working_days: u32,
    pub extra_working_days: u32,
    pub due: String,
    /// ahead, due_today or overdue
    pub state: String,
    /// Working days left (ahead) or past (overdue).
    pub days: i64,
    /// Non-working days skipped between the start and the due date.
    pub skipped: Vec<String>,
    pub if_missed: String,
}

impl From<&CaseDeadline> for DeadlineOut {
    fn from(d: &CaseDeadline) -> Self {
        use crate::calendar::rules::DeadlineStatus as S;
        let (state, days) = match d.status {
            S::Ahead(n) => ("ahead", n),
            S::DueToday => ("due_today", 0),
            S::Overdue(n) => ("overdue", n),
        };
        DeadlineOut {
            rule: d.rule.code.clone(),
            label: d.rule.label_id.clone(),
            legal_basis: d.rule.legal_basis.clone(),
            side: d.side.map(|s| s.as_str().to_string()),
            start: d.computation.start.to_string(),
            working_days: d.computation.working_days,
            extra_working_days: d.extra_working_days,
            due: d.computation.due.to_string(),
            state: state.into(),
            days,
            skipped: d.computation.skipped.iter().map(|s| s.date.to_string()).collect(),
            if_missed: d.rule.missed_id.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkerOut {
    pub full_name: String,
    /// Masked (3275********0001) for the company side; whole for staff and the workers.
    pub nik: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub job_title: Option<String>,
    pub started_on: Option<String>,
    /// Monthly wage in rupiah.
    pub monthly_wage: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryOut {
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub effective_on: String,
    /// The role of who took the step, or "system" for a clock that ran out.
    pub actor_role: String,
    pub note: Option<String>,
    pub at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceOut {
    pub id: String,
    /// risalah or undangan_ditolak
    pub kind: String,
    pub held_on: String,
    pub summary: String,
    pub document_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionOut {
    /// The session's id (its risalah sidang is issued as a letter of this id).
    pub id: String,
    pub held_on: String,
    pub worker_present: bool,
    pub company_present: bool,
    pub minutes: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SummonsOut {
    /// The summons' id (its surat panggilan is a letter of this id).
    pub id: String,
    pub letter_number: Option<String>,
    pub side: String,
    pub sent_on: String,
    pub session_on: String,
    pub delivery: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseOut {
    #[serde(flatten)]
    pub summary: CaseSummaryOut,
    pub channel: String,
    pub complainant_side: String,
    pub company_address: String,
    pub union_name: Option<String>,
    pub chronology: String,
    pub demands: String,
    pub workers: Vec<WorkerOut>,
    pub bipartite: Vec<EvidenceOut>,
    pub registered_on: Option<String>,
    pub screening_note: Option<String>,
    pub referred_to: Option<String>,
    pub forum_worker: Option<String>,
    pub forum_company: Option<String>,
    pub forum_person: Option<String>,
    pub external_outcome: Option<String>,
    pub mediator_name: Option<String>,
    pub delegated_on: Option<String>,
    pub clarification_started_on: Option<String>,
    pub clarification_ended_on: Option<String>,
    pub first_session_on: Option<String>,
    pub sessions: Vec<SessionOut>,
    pub summons: Vec<SummonsOut>,
    pub anjuran_issued_on: Option<String>,
    pub anjuran_received_on: Option<String>,
    pub anjuran_text: Option<String>,
    /// terima, tolak or dianggap_tolak
    pub anjuran_worker: Option<String>,
    pub anjuran_worker_on: Option<String>,
    pub anjuran_company: Option<String>,
    pub anjuran_company_on: Option<String>,
    pub pb_signed_on: Option<String>,
    pub pb_text: Option<String>,
    pub pb_deed_number: Option<String>,
    pub pb_deed_on: Option<String>,
    pub closing_reason: Option<String>,
    /// The clocks running today, nearest first.
    pub deadlines: Vec<DeadlineOut>,
    pub history: Vec<HistoryOut>,
    /// The steps the caller may take now (action codes of POST .../steps).
    pub allowed_steps: Vec<String>,
}

fn d(x: Option<chrono::NaiveDate>) -> Option<String> {
    x.map(|d| d.to_string())
}

pub fn case_out(detail: &CaseDetail) -> CaseOut {
    let c = &detail.case;
    CaseOut {
        summary: CaseSummaryOut::from(c),
        channel: c.channel.clone(),
        complainant_side: c.complainant_side.clone(),
        company_address: c.company_address.clone(),
        union_name: c.union_name.clone(),
        chronology: c.chronology.clone(),
        demands: c.demands.clone(),
        workers: detail
            .workers
            .iter()
            .map(|w| WorkerOut {
                full_name: w.full_name.clone(),
                nik: w.nik.clone(),
                phone: w.phone.clone(),
                email: w.email.clone(),
                job_title: w.job_title.clone(),
                started_on: d(w.started_on),
                monthly_wage: w.monthly_wage.map(|s| s / 100),
            })
            .collect(),
        bipartite: detail
            .bipartite
            .iter()
            .map(|b| EvidenceOut {
                id: b.id.clone(),
                kind: b.kind.clone(),
                held_on: b.held_on.to_string(),
                summary: b.summary.clone(),
                document_id: b.document_id.clone(),
            })
            .collect(),
        registered_on: d(c.registered_on),
        screening_note: c.screening_note.clone(),
        referred_to: c.referred_to.clone(),
        forum_worker: c.forum_worker.clone(),
        forum_company: c.forum_company.clone(),
        forum_person: c.forum_person.clone(),
        external_outcome: c.external_outcome.clone(),
        mediator_name: detail.mediator_name.clone(),
        delegated_on: d(c.delegated_on),
        clarification_started_on: d(c.clarification_started_on),
        clarification_ended_on: d(c.clarification_ended_on),
        first_session_on: d(c.first_session_on),
        sessions: detail
            .sessions
            .iter()
            .map(|s| SessionOut {
                id: s.id.clone(),
                held_on: s.held_on.to_string(),
                worker_present: s.worker_present,
                company_present: s.company_present,
                minutes: s.minutes.clone(),
            })
            .collect(),
        summons: detail
            .summons
            .iter()
            .map(|s| SummonsOut {
                id: s.id.clone(),
                letter_number: s.letter_number.clone(),
                side: s.side.clone(),
                sent_on: s.sent_on.to_string(),
                session_on: s.session_on.to_string(),
                delivery: s.delivery.clone(),
            })
            .collect(),
        anjuran_issued_on: d(c.anjuran_issued_on),
        anjuran_received_on: d(c.anjuran_received_on),
        anjuran_text: c.anjuran_text.clone(),
        anjuran_worker: c.anjuran_worker.clone(),
        anjuran_worker_on: d(c.anjuran_worker_on),
        anjuran_company: c.anjuran_company.clone(),
        anjuran_company_on: d(c.anjuran_company_on),
        pb_signed_on: d(c.pb_signed_on),
        pb_text: c.pb_text.clone(),
        pb_deed_number: c.pb_deed_number.clone(),
        pb_deed_on: d(c.pb_deed_on),
        closing_reason: c.closing_reason.clone(),
        deadlines: detail.deadlines.iter().map(DeadlineOut::from).collect(),
        history: detail
            .history
            .iter()
            .map(|h| HistoryOut {
                action: h.action.clone(),
                from_status: h.from_status.clone(),
                to_status: h.to_status.clone(),
                effective_on: h.effective_on.to_string(),
                actor_role: h.actor_role.clone(),
                note: h.note.clone(),
                at: utc(h.created_at),
            })
            .collect(),
        allowed_steps: detail.allowed.iter().map(|s| s.to_string()).collect(),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct CaseListParams {
    /// A status code; several separated by commas.
    pub status: Option<String>,
    /// hak, kepentingan, phk or antar_sp
    pub dispute_type: Option<String>,
    pub mediator_id: Option<String>,
    pub company_id: Option<String>,
    /// Part of the company name, the reference or the case number.
    pub q: Option<String>,
    pub page: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseListOut {
    pub items: Vec<CaseSummaryOut>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// The cases the caller may see, newest first: staff the office's, a mediator their own,
/// a worker theirs, a company representative their companies'.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases", params(CaseListParams),
    responses((status = 200, body = CaseListOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[get("/api/v1/cases")]
async fn list_cases(
    state: State,
    user: SignedIn,
    p: web::Query<CaseListParams>,
) -> Result<web::Json<CaseListOut>, Error> {
    let page = page_param(p.page)?;
    let f = service::list_filter(&p.status, &p.dispute_type, &p.mediator_id, &p.company_id, &p.q)?;
    let actor = user.actor.clone();
    let (rows, total) = state.db.run(move |c| service::list(c, &actor, &f, page)).await?;
    Ok(web::Json(CaseListOut {
        items: rows.iter().map(CaseSummaryOut::from).collect(),
        total,
        page,
        per_page: service::PAGE_SIZE,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkbenchItemOut {
    #[serde(flatten)]
    pub case: CaseSummaryOut,
    /// The nearest running clock.
    pub next_deadline: Option<DeadlineOut>,
}

/// The caller's open cases by nearest deadline (a mediator: their own; the desk and the head:
/// the office's).
#[utoipa::path(get, path = "/api/v1/cases/workbench", tag = "cases",
    responses((status = 200, body = Vec<WorkbenchItemOut>), (status = 403, body = ProblemBody)))]
#[get("/api/v1/cases/workbench")]
async fn workbench(state: State, user: SignedIn) -> Result<web::Json<Vec<WorkbenchItemOut>>, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let rows = state.db.run(move |c| service::workbench(c, &settings, &actor, today, now)).await?;
    Ok(web::Json(
        rows.iter()
            .map(|(c, d)| WorkbenchItemOut {
                case: CaseSummaryOut::from(c),
                next_deadline: d.as_ref().map(DeadlineOut::from),
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FiledOut {
    #[serde(flatten)]
    pub case: CaseSummaryOut,
    /// The tracking PIN, given once when the complaint is first filed; null otherwise.
    pub pin: Option<String>,
}

/// Files a complaint or saves it as a draft (`submit`: false). Workers file for themselves or
/// a group, company representatives for their company, desk officers enter walk-in
/// complaints. Sending the same `submission_key` again changes the same complaint.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases", request_body = ComplaintInput,
    responses((status = 201, body = FiledOut), (status = 200, body = FiledOut, description = "The same submission again"), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/cases")]
async fn file_case(state: State, user: SignedIn, body: web::Json<ComplaintInput>) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now, input) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), body.into_inner());
    let filed = state.db.run(move |c| service::file(c, &settings, &actor, &input, today, now)).await?;
    let out = FiledOut { case: CaseSummaryOut::from(&filed.case), pin: filed.pin.clone() };
    Ok(if filed.created { HttpResponse::Created().json(out) } else { HttpResponse::Ok().json(out) })
}

/// A case with its parties, evidence, sessions, outcome, running clocks, history and the
/// steps the caller may take. NIK is masked for the company side.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases",
    responses((status = 200, body = CaseOut), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[get("/api/v1/cases/{id}")]
async fn get_case(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<CaseOut>, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let detail = state.db.run(move |c| service::detail(c, &settings, &actor, &id, today, now)).await?;
    Ok(web::Json(case_out(&detail)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StepOut {
    #[serde(flatten)]
    pub case: CaseOut,
    /// The tracking PIN when this step filed the complaint for the first time; null otherwise.
    pub pin: Option<String>,
}

/// Takes one step: the rules decide whether this caller may take it now and what it leads to;
/// an illegal step is refused (409, or 403 for a step that is never the caller's).
#[utoipa::path(post, path = "/api/v1/cases/{id}/steps", tag = "cases", request_body = StepInput,
    responses((status = 200, body = StepOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/cases/{id}/steps")]
async fn take_step(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<StepInput>,
) -> Result<web::Json<StepOut>, Error> {
    let (actor, settings, today, now, input) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), body.into_inner());
    let step = input.parse(today)?;
    let (detail, pin) = state
        .db
        .run(move |c| {
            let (_, pin) = service::take_step(c, &settings, &actor, &id, &step, today, now)?;
            Ok((service::detail(c, &settings, &actor, &id, today, now)?, pin))
        })
        .await?;
    Ok(web::Json(StepOut { case: case_out(&detail), pin }))
}

/// Adds proof of bipartite negotiation (JSON; a scan goes through the case page's upload).
#[utoipa::path(post, path = "/api/v1/cases/{id}/bipartite", tag = "cases", request_body = BipartiteInput,
    responses((status = 201, body = EvidenceOut), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/cases/{id}/bipartite")]
async fn add_bipartite(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<BipartiteInput>,
) -> Result<HttpResponse, Error> {
    let (actor, today, now, input) = (user.actor.clone(), state.today(), state.now(), body.into_inner());
    let b = state.db.run(move |c| service::add_bipartite(c, &actor, &id, &input, None, today, now)).await?;
    Ok(HttpResponse::Created().json(EvidenceOut {
        id: b.id,
        kind: b.kind,
        held_on: b.held_on.to_string(),
        summary: b.summary,
        document_id: b.document_id,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PinOut {
    pub reference: String,
    /// The new PIN; the old one no longer works.
    pub pin: String,
}

/// Issues a new tracking PIN (the filer, or the desk for a walk-in complainant).
#[utoipa::path(post, path = "/api/v1/cases/{id}/pin", tag = "cases",
    responses((status = 200, body = PinOut), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[post("/api/v1/cases/{id}/pin")]
async fn reissue_pin(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<PinOut>, Error> {
    let (actor, settings, now) = (user.actor.clone(), state.settings.clone(), state.now());
    let (case, pin) = state.db.run(move |c| service::reissue_pin(c, &settings, &actor, &id, now)).await?;
    Ok(web::Json(PinOut { reference: case.reference, pin }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MediatorChoiceOut {
    pub id: String,
    pub name: String,
    pub open_cases: i64,
    /// The last delegation of a case of the same company to this mediator, within the window.
    pub handled_company_on: Option<String>,
    /// The lightest load (and no recent case of the company when loads are equal).
    pub suggested: bool,
}

/// The office's mediators for delegating this case (head of division).
#[utoipa::path(get, path = "/api/v1/cases/{id}/mediators", tag = "cases",
    responses((status = 200, body = Vec<MediatorChoiceOut>), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[get("/api/v1/cases/{id}/mediators")]
async fn mediators(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<Vec<MediatorChoiceOut>>, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let rows = state
        .db
        .run(move |c| {
            let detail = service::detail(c, &settings, &actor, &id, today, now)?;
            service::mediator_choices(c, &settings, &actor, &detail.case, today)
        })
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|m| MediatorChoiceOut {
                id: m.id,
                name: m.name,
                open_cases: m.open_cases,
                handled_company_on: m.handled_company_on.map(|d| d.to_string()),
                suggested: m.suggested,
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TrackIn {
    pub reference: String,
    pub pin: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrackOut {
    pub reference: String,
    pub case_number: Option<String>,
    pub dispute_type: String,
    pub status: String,
    /// The stage in plain Indonesian.
    pub stage: String,
    pub submitted_on: Option<String>,
    /// The next statutory step and its due date, when a clock runs.
    pub next_step: Option<String>,
    pub next_due: Option<String>,
    /// Why the file was returned (what to complete).
    pub returned_because: Option<String>,
    /// Where a referred complaint should go.
    pub referred_to: Option<String>,
}

/// Public tracking by reference and PIN: the stage and the next step, nothing personal.
/// Wrong PINs lock tracking of the case for a while. Needs the CSRF cookie and header like
/// every anonymous POST (GET any page first).
#[utoipa::path(post, path = "/api/v1/tracking", tag = "cases", request_body = TrackIn,
    responses((status = 200, body = TrackOut), (status = 400, body = ProblemBody)))]
#[post("/api/v1/tracking")]
async fn track(state: State, body: web::Json<TrackIn>) -> Result<web::Json<TrackOut>, Error> {
    let (settings, today, now, input) = (state.settings.clone(), state.today(), state.now(), body.into_inner());
    let t = state.db.run(move |c| service::track(c, &settings, &input.reference, &input.pin, today, now)).await?;
    let l = harmoni_templates::Lang::Id;
    Ok(web::Json(TrackOut {
        reference: t.reference,
        case_number: t.case_number,
        dispute_type: t.dispute_type.as_str().into(),
        status: t.status.as_str().into(),
        stage: t.status.label(l).into(),
        submitted_on: t.submitted_on.map(|d| d.to_string()),
        next_step: t.next.as_ref().map(|d| d.rule.label_id.clone()),
        next_due: t.next.as_ref().map(|d| d.computation.due.to_string()),
        returned_because: t.screening_note,
        referred_to: t.referred_to,
    }))
}
