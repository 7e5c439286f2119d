//! JSON API of the LKS Tripartit: terms, meetings, recommendations and their follow-up.

use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::utc;
use crate::documents::api::DocumentOut;
use crate::error::Error;
use crate::http::errors::ProblemBody;
use crate::http::{SignedIn, State};
use crate::tripartit::model::{MeetingRow, MemberRow, RecommendationRow, TermRow};
use crate::tripartit::rules::MeetingDue;
use crate::tripartit::service::{
    self, MeetingDetail, MeetingInput, MeetingSummary, RecommendationInput, StatusInput, TermDetail, TermInput,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list_terms)
        .service(create_term)
        .service(get_term)
        .service(list_meetings)
        .service(create_meeting)
        .service(get_meeting)
        .service(upload_minutes)
        .service(add_recommendation)
        .service(list_recommendations)
        .service(change_status);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TermOut {
    pub id: String,
    /// Number of the Wali Kota's decree (SK).
    pub decree_number: String,
    pub starts_on: String,
    /// The day the term ends; it is in force up to the day before.
    pub ends_on: String,
}

impl From<&TermRow> for TermOut {
    fn from(t: &TermRow) -> Self {
        TermOut {
            id: t.id.clone(),
            decree_number: t.decree_number.clone(),
            starts_on: t.starts_on.to_string(),
            ends_on: t.ends_on.to_string(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberOut {
    pub id: String,
    pub name: String,
    /// pemerintah, pengusaha or pekerja
    pub side: String,
    pub organisation: String,
    /// ketua, wakil_ketua, sekretaris or anggota
    pub role: String,
}

impl From<&MemberRow> for MemberOut {
    fn from(m: &MemberRow) -> Self {
        MemberOut {
            id: m.id.clone(),
            name: m.name.clone(),
            side: m.side.clone(),
            organisation: m.organisation.clone(),
            role: m.role.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingSummaryOut {
    pub id: String,
    pub term_id: String,
    pub held_on: String,
    pub agenda: String,
    /// Members present.
    pub present: i64,
    /// Members of the term (asked to attend).
    pub asked: i64,
}

impl From<&MeetingSummary> for MeetingSummaryOut {
    fn from(s: &MeetingSummary) -> Self {
        MeetingSummaryOut {
            id: s.meeting.id.clone(),
            term_id: s.meeting.term_id.clone(),
            held_on: s.meeting.held_on.to_string(),
            agenda: s.meeting.agenda.clone(),
            present: s.present,
            asked: s.asked,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationOut {
    pub id: String,
    pub meeting_id: String,
    pub meeting_held_on: String,
    pub subject: String,
    pub text: String,
    pub addressed_to: String,
    /// diajukan, ditindaklanjuti, selesai or tidak_ditindaklanjuti
    pub status: String,
    /// Follow-up notes, one dated entry per status change, newest last.
    pub follow_up: String,
    /// Day of the last status change.
    pub status_on: String,
    pub created_at: String,
    pub updated_at: String,
}

fn rec_out(r: &RecommendationRow, meeting: &MeetingRow) -> RecommendationOut {
    RecommendationOut {
        id: r.id.clone(),
        meeting_id: r.meeting_id.clone(),
        meeting_held_on: meeting.held_on.to_string(),
        subject: r.subject.clone(),
        text: r.text.clone(),
        addressed_to: r.addressed_to.clone(),
        status: r.status.clone(),
        follow_up: r.follow_up.clone(),
        status_on: r.status_on.to_string(),
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NextMeetingOut {
    /// The term's last meeting on or before the day asked about.
    pub last_meeting_on: Option<String>,
    /// The next meeting is due by this day.
    pub due_on: String,
    /// ahead, due_today or overdue
    pub state: String,
    /// Days left (ahead) or days overdue; 0 when due today.
    pub days: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TermDetailOut {
    pub term: TermOut,
    /// Whether the term is in force on the day asked about.
    pub in_force: bool,
    pub members: Vec<MemberOut>,
    pub meetings: Vec<MeetingSummaryOut>,
    pub recommendations: Vec<RecommendationOut>,
    /// For a term in force on the day asked about.
    pub next_meeting: Option<NextMeetingOut>,
}

fn term_out(d: &TermDetail, as_of: chrono::NaiveDate) -> TermDetailOut {
    TermDetailOut {
        term: (&d.term).into(),
        in_force: d.term.in_force_on(as_of),
        members: d.members.iter().map(MemberOut::from).collect(),
        meetings: d.meetings.iter().map(MeetingSummaryOut::from).collect(),
        recommendations: d.recommendations.iter().map(|(r, m)| rec_out(r, m)).collect(),
        next_meeting: d.next_meeting.map(|n| {
            let (state, days) = match n.state {
                MeetingDue::Ahead(k) => ("ahead", k),
                MeetingDue::DueToday => ("due_today", 0),
                MeetingDue::Overdue(k) => ("overdue", k),
            };
            NextMeetingOut {
                last_meeting_on: n.last.map(|d| d.to_string()),
                due_on: n.due.to_string(),
                state: state.into(),
                days,
            }
        }),
    }
}

/// The office's LKS Tripartit terms, newest first (office staff).
#[utoipa::path(get, path = "/api/v1/tripartit/terms", tag = "tripartit",
    responses((status = 200, body = Vec<TermOut>), (status = 403, body = ProblemBody)))]
#[get("/api/v1/tripartit/terms")]
async fn list_terms(state: State, user: SignedIn) -> Result<web::Json<Vec<TermOut>>, Error> {
    let actor = user.actor.clone();
    let rows = state.db.run(move |c| service::terms(c, &actor)).await?;
    Ok(web::Json(rows.iter().map(TermOut::from).collect()))
}

/// Records a term with its members (administrators and desk officers).
#[utoipa::path(post, path = "/api/v1/tripartit/terms", tag = "tripartit", request_body = TermInput,
    responses((status = 201, body = TermDetailOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/tripartit/terms")]
async fn create_term(state: State, user: SignedIn, body: web::Json<TermInput>) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now, input) =
        (user.actor.clone(), state.settings.tripartit.clone(), state.today(), state.now(), body.into_inner());
    let d = state
        .db
        .run(move |c| {
            let (term, _) = service::create_term(c, &actor, &input, &settings, today, now)?;
            service::term(c, &actor, &term.id, today, &settings)
        })
        .await?;
    Ok(HttpResponse::Created().json(term_out(&d, today)))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AsOfParams {
    /// The day to report for (YYYY-MM-DD); today when absent.
    pub as_of: Option<String>,
}

/// One term with its members, meetings, recommendations and when the next meeting is due (office staff).
#[utoipa::path(get, path = "/api/v1/tripartit/terms/{id}", tag = "tripartit", params(AsOfParams),
    responses((status = 200, body = TermDetailOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[get("/api/v1/tripartit/terms/{id}")]
async fn get_term(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    p: web::Query<AsOfParams>,
) -> Result<web::Json<TermDetailOut>, Error> {
    let as_of = match crate::http::trimmed(&p.as_of) {
        Some(raw) => crate::calendar::service::parse_date(&raw, "as_of")?,
        None => state.today(),
    };
    let (actor, settings) = (user.actor.clone(), state.settings.tripartit.clone());
    let d = state.db.run(move |c| service::term(c, &actor, &id, as_of, &settings)).await?;
    Ok(web::Json(term_out(&d, as_of)))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct MeetingListParams {
    /// Only the meetings of this term.
    pub term_id: Option<String>,
}

/// The office's meetings, newest first, with attendance counts (office staff).
#[utoipa::path(get, path = "/api/v1/tripartit/meetings", tag = "tripartit", params(MeetingListParams),
    responses((status = 200, body = Vec<MeetingSummaryOut>), (status = 403, body = ProblemBody)))]
#[get("/api/v1/tripartit/meetings")]
async fn list_meetings(
    state: State,
    user: SignedIn,
    p: web::Query<MeetingListParams>,
) -> Result<web::Json<Vec<MeetingSummaryOut>>, Error> {
    let actor = user.actor.clone();
    let term = crate::http::trimmed(&p.term_id);
    let rows = state.db.run(move |c| service::meetings(c, &actor, term.as_deref())).await?;
    Ok(web::Json(rows.iter().map(MeetingSummaryOut::from).collect()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceOut {
    pub member_id: String,
    pub name: String,
    pub side: String,
    pub role: String,
    pub present: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingOut {
    pub id: String,
    pub term_id: String,
    pub held_on: String,
    pub agenda: String,
    /// Text of the minutes (notulen); may be empty.
    pub minutes_summary: String,
    /// The uploaded minutes document (the newest, when several were uploaded).
    pub minutes: Option<DocumentOut>,
    pub attendance: Vec<AttendanceOut>,
    pub recommendations: Vec<RecommendationOut>,
}

fn meeting_out(d: &MeetingDetail) -> MeetingOut {
    MeetingOut {
        id: d.meeting.id.clone(),
        term_id: d.meeting.term_id.clone(),
        held_on: d.meeting.held_on.to_string(),
        agenda: d.meeting.agenda.clone(),
        minutes_summary: d.meeting.minutes_summary.clone(),
        minutes: d.minutes.as_ref().map(DocumentOut::from),
        attendance: d
            .attendance
            .iter()
            .map(|(m, present)| AttendanceOut {
                member_id: m.id.clone(),
                name: m.name.clone(),
                side: m.side.clone(),
                role: m.role.clone(),
                present: *present,
            })
            .collect(),
        recommendations: d.recommendations.iter().map(|r| rec_out(r, &d.meeting)).collect(),
    }
}

/// Records a meeting with who attended (administrators and desk officers); its minutes
/// document is uploaded afterwards with `POST /api/v1/tripartit/meetings/{id}/minutes`.
#[utoipa::path(post, path = "/api/v1/tripartit/meetings", tag = "tripartit", request_body = MeetingInput,
    responses((status = 201, body = MeetingOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/tripartit/meetings")]
async fn create_meeting(state: State, user: SignedIn, body: web::Json<MeetingInput>) -> Result<HttpResponse, Error> {
    let (actor, today, now, input) = (user.actor.clone(), state.today(), state.now(), body.into_inner());
    let d = state
        .db
        .run(move |c| {
            let m = service::create_meeting(c, &actor, &input, None, today, now)?;
            service::meeting(c, &actor, &m.id)
        })
        .await?;
    Ok(HttpResponse::Created().json(meeting_out(&d)))
}

/// One meeting with attendance, minutes and the recommendations made at it (office staff).
#[utoipa::path(get, path = "/api/v1/tripartit/meetings/{id}", tag = "tripartit",
    responses((status = 200, body = MeetingOut), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[get("/api/v1/tripartit/meetings/{id}")]
async fn get_meeting(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<MeetingOut>, Error> {
    let actor = user.actor.clone();
    let d = state.db.run(move |c| service::meeting(c, &actor, &id)).await?;
    Ok(web::Json(meeting_out(&d)))
}

/// Uploads the minutes document of a meeting (multipart form, file field `berkas`); a later
/// upload replaces the earlier one in `minutes`, the earlier stays on record (administrators
/// and desk officers).
#[utoipa::path(post, path = "/api/v1/tripartit/meetings/{id}/minutes", tag = "tripartit",
    params(("id" = String, Path, description = "Meeting id")),
    request_body(content_type = "multipart/form-data", description = "Field `berkas`: a PDF, JPG, PNG, DOCX or XLSX file"),
    responses((status = 201, body = DocumentOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[post("/api/v1/tripartit/meetings/{id}/minutes")]
async fn upload_minutes(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    // Refused before anything is written to the storage directory.
    if !service::can_manage(&user.actor) {
        return Err(Error::Forbidden);
    }
    let stored = crate::documents::web::required_upload(&state, payload).await?;
    let (actor, now) = (user.actor.clone(), state.now());
    let row = state.db.run(move |c| service::attach_minutes(c, &actor, &id, &stored, now)).await?;
    Ok(HttpResponse::Created().json(DocumentOut::from(&row)))
}

/// Records a recommendation made at a meeting; it starts as `diajukan` (administrators and desk officers).
#[utoipa::path(post, path = "/api/v1/tripartit/meetings/{id}/recommendations", tag = "tripartit", request_body = RecommendationInput,
    responses((status = 201, body = RecommendationOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[post("/api/v1/tripartit/meetings/{id}/recommendations")]
async fn add_recommendation(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<RecommendationInput>,
) -> Result<HttpResponse, Error> {
    let (actor, now, input) = (user.actor.clone(), state.now(), body.into_inner());
    let (r, m) = state
        .db
        .run(move |c| {
            let r = service::add_recommendation(c, &actor, &id, &input, now)?;
            service::recommendation(c, &actor, &r.id)
        })
        .await?;
    Ok(HttpResponse::Created().json(rec_out(&r, &m)))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct RecommendationListParams {
    /// diajukan, ditindaklanjuti, selesai or tidak_ditindaklanjuti
    pub status: Option<String>,
}

/// The office's recommendations, newest meeting first (office staff).
#[utoipa::path(get, path = "/api/v1/tripartit/recommendations", tag = "tripartit", params(RecommendationListParams),
    responses((status = 200, body = Vec<RecommendationOut>), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[get("/api/v1/tripartit/recommendations")]
async fn list_recommendations(
    state: State,
    user: SignedIn,
    p: web::Query<RecommendationListParams>,
) -> Result<web::Json<Vec<RecommendationOut>>, Error> {
    let actor = user.actor.clone();
    let status = crate::http::trimmed(&p.status);
    let rows = state.db.run(move |c| service::recommendations(c, &actor, status.as_deref())).await?;
    Ok(web::Json(rows.iter().map(|(r, m)| rec_out(r, m)).collect()))
}

/// Moves a recommendation forward: diajukan → ditindaklanjuti or tidak_ditindaklanjuti;
/// ditindaklanjuti → selesai or tidak_ditindaklanjuti (administrators and desk officers).
#[utoipa::path(post, path = "/api/v1/tripartit/recommendations/{id}/status", tag = "tripartit", request_body = StatusInput,
    responses((status = 200, body = RecommendationOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[post("/api/v1/tripartit/recommendations/{id}/status")]
async fn change_status(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<StatusInput>,
) -> Result<web::Json<RecommendationOut>, Error> {
    let (actor, today, now, input) = (user.actor.clone(), state.today(), state.now(), body.into_inner());
    let (r, m) = state
        .db
        .run(move |c| {
            service::change_status(c, &actor, &id, &input, today, now)?;
            service::recommendation(c, &actor, &id)
        })
        .await?;
    Ok(web::Json(rec_out(&r, &m)))
}
