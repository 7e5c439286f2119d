//! JSON API of sessions (`/api/v1/cases/{id}/hearings`, `/api/v1/hearings/...`), the office
//! schedule (`/api/v1/schedule`), the rooms and the private calendar feeds.

use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use harmoni_templates::Lang;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::utc;
use crate::error::Error;
use crate::http::errors::ProblemBody;
use crate::http::{trimmed, SignedIn, State};
use crate::schedules::model::HearingRow;
use crate::schedules::service::{self, HandOverInput, OutcomeInput, PlanInput, PlanOutcome, Warnings};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(rooms)
        .service(schedule)
        .service(list_feeds)
        .service(create_feed)
        .service(revoke_feed)
        .service(case_hearings)
        .service(plan)
        .service(get_hearing)
        .service(reschedule)
        .service(cancel)
        .service(outcome)
        .service(hand_over);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HearingOut {
    pub id: String,
    pub case_id: String,
    /// klarifikasi or mediasi
    pub kind: String,
    /// dijadwalkan, selesai or dibatalkan
    pub status: String,
    pub mediator_id: String,
    /// The WIB day.
    pub held_on: String,
    /// UTC instants.
    pub starts_at: String,
    pub ends_at: String,
    pub room: Option<String>,
    pub online_url: Option<String>,
    pub agenda: String,
    pub summon_worker: bool,
    pub summon_company: bool,
    /// iCalendar SEQUENCE: 0 when planned, +1 per reschedule and at cancellation.
    pub sequence: i32,
    pub cancel_reason: Option<String>,
    pub worker_present: Option<bool>,
    pub company_present: Option<bool>,
    pub minutes: Option<String>,
}

impl From<&HearingRow> for HearingOut {
    fn from(h: &HearingRow) -> Self {
        HearingOut {
            id: h.id.clone(),
            case_id: h.case_id.clone(),
            kind: h.kind.clone(),
            status: h.status.clone(),
            mediator_id: h.mediator_id.clone(),
            held_on: h.held_on.to_string(),
            starts_at: utc(h.starts_at),
            ends_at: utc(h.ends_at),
            room: h.room.clone(),
            online_url: h.online_url.clone(),
            agenda: h.agenda.clone(),
            summon_worker: h.summon_worker,
            summon_company: h.summon_company,
            sequence: h.sequence,
            cancel_reason: h.cancel_reason.clone(),
            worker_present: h.worker_present,
            company_present: h.company_present,
            minutes: h.minutes.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WarningOut {
    /// mediator, room, party, first_session_late or short_notice
    pub code: String,
    /// The other session, for a clash.
    pub hearing_id: Option<String>,
    pub case: Option<String>,
    pub message: String,
}

fn warnings_out(w: &Warnings, l: Lang, min_notice: u32) -> Vec<WarningOut> {
    w.items(l, min_notice)
        .into_iter()
        .map(|i| WarningOut {
            code: i.code.into(),
            hearing_id: i.clash.as_ref().map(|c| c.hearing_id.clone()),
            case: i.clash.map(|c| c.case_label),
            message: i.message,
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlannedOut {
    /// The session, once stored; none when it waits for `confirm`.
    pub hearing: Option<HearingOut>,
    /// Clashes, a late first session, short notice: planning still goes ahead with `confirm`.
    pub warnings: Vec<WarningOut>,
    /// The first mediation session's limit (7 WD of delegation), when it applies.
    pub first_session_due: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PlanBody {
    #[serde(flatten)]
    pub input: PlanInput,
    /// Store the plan even with warnings. Default true: the API warns, it does not refuse.
    #[serde(default = "yes")]
    pub confirm: bool,
}

fn yes() -> bool {
    true
}

fn planned(state: &State, l: Lang, o: PlanOutcome) -> HttpResponse {
    let min = state.settings.schedules.min_notice_working_days;
    match o {
        PlanOutcome::Saved(h, w) => HttpResponse::Created().json(PlannedOut {
            hearing: Some(h.as_ref().into()),
            warnings: warnings_out(&w, l, min),
            first_session_due: w.first_session.as_ref().map(|f| f.computation.due.to_string()),
        }),
        PlanOutcome::NeedsConfirmation(w) => HttpResponse::Ok().json(PlannedOut {
            hearing: None,
            warnings: warnings_out(&w, l, min),
            first_session_due: w.first_session.as_ref().map(|f| f.computation.due.to_string()),
        }),
    }
}

/// Plans a clarification or mediation session of a case in mediation (the case's mediator);
/// summonses go out at once. 201 with warnings; 200 without a session when `confirm` is false
/// and there are warnings.
#[utoipa::path(post, path = "/api/v1/cases/{id}/hearings", tag = "schedules", request_body = PlanBody,
    responses((status = 201, body = PlannedOut), (status = 200, body = PlannedOut), (status = 400, body = ProblemBody),
        (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/cases/{id}/hearings")]
async fn plan(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<PlanBody>,
) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now, l) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), user.ctx.lang);
    let body = body.into_inner();
    let o =
        state.db.run(move |c| service::plan(c, &settings, &actor, &id, &body.input, body.confirm, today, now)).await?;
    Ok(planned(&state, l, o))
}

/// The sessions of a case the caller may see, in time order.
#[utoipa::path(get, path = "/api/v1/cases/{id}/hearings", tag = "schedules",
    responses((status = 200, body = Vec<HearingOut>), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[get("/api/v1/cases/{id}/hearings")]
async fn case_hearings(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<Vec<HearingOut>>, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let rows = state
        .db
        .run(move |c| {
            let d = crate::cases::service::detail(c, &settings, &actor, &id, today, now)?;
            service::of_case(c, &d.case.id)
        })
        .await?;
    Ok(web::Json(rows.iter().map(HearingOut::from).collect()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SummonsOut {
    pub id: String,
    /// pekerja or pengusaha
    pub side: String,
    pub letter_number: Option<String>,
    pub addressee: Option<String>,
    pub sent_on: String,
    pub withdrawn_at: Option<String>,
    /// First day it is known to have reached the party (email sent, opened, handed over).
    pub delivered_on: Option<String>,
    pub opened_at: Option<String>,
    pub handed_over_on: Option<String>,
    pub handed_over_to: Option<String>,
    pub receipt_document_id: Option<String>,
    /// Decided with the outcome: a proper summons counts toward proceeding without the party.
    pub proper: Option<bool>,
    /// Email statuses (office staff only): "to: status".
    pub emails: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HearingDetailOut {
    pub hearing: HearingOut,
    pub parties: String,
    pub place: String,
    pub mediator_name: String,
    pub summons: Vec<SummonsOut>,
}

/// A session, with the summonses the caller may see and their delivery evidence.
#[utoipa::path(get, path = "/api/v1/hearings/{id}", tag = "schedules",
    responses((status = 200, body = HearingDetailOut), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[get("/api/v1/hearings/{id}")]
async fn get_hearing(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<HearingDetailOut>, Error> {
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let d = state.db.run(move |c| service::detail(c, &settings, &actor, &id)).await?;
    Ok(web::Json(HearingDetailOut {
        hearing: (&d.hearing).into(),
        parties: d.parties,
        place: d.place,
        mediator_name: d.mediator_name,
        summons: d
            .summons
            .iter()
            .map(|s| SummonsOut {
                id: s.row.id.clone(),
                side: s.row.side.clone(),
                letter_number: s.row.letter_number.clone(),
                addressee: s.row.addressee.clone(),
                sent_on: s.row.sent_on.to_string(),
                withdrawn_at: s.row.withdrawn_at.map(utc),
                delivered_on: s.delivered_on.map(|d| d.to_string()),
                opened_at: s.row.opened_at.map(utc),
                handed_over_on: s.row.handed_over_on.map(|d| d.to_string()),
                handed_over_to: s.row.handed_over_to.clone(),
                receipt_document_id: s.receipt_document_id.clone(),
                proper: s.row.proper,
                emails: s.emails.iter().map(|e| format!("{}: {}", e.to, e.status)).collect(),
            })
            .collect(),
    }))
}

/// Moves a planned session (the case's mediator): SEQUENCE + 1, new summonses and invitations.
#[utoipa::path(post, path = "/api/v1/hearings/{id}/reschedule", tag = "schedules", request_body = PlanBody,
    responses((status = 201, body = PlannedOut), (status = 200, body = PlannedOut), (status = 400, body = ProblemBody),
        (status = 403, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/hearings/{id}/reschedule")]
async fn reschedule(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<PlanBody>,
) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now, l) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), user.ctx.lang);
    let body = body.into_inner();
    let o = state
        .db
        .run(move |c| service::reschedule(c, &settings, &actor, &id, &body.input, body.confirm, today, now))
        .await?;
    Ok(planned(&state, l, o))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CancelBody {
    pub reason: String,
}

/// Calls a planned session off (the case's mediator); the parties get METHOD:CANCEL.
#[utoipa::path(post, path = "/api/v1/hearings/{id}/cancel", tag = "schedules", request_body = CancelBody,
    responses((status = 200, body = HearingOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody),
        (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/hearings/{id}/cancel")]
async fn cancel(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<CancelBody>,
) -> Result<web::Json<HearingOut>, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let h = state.db.run(move |c| service::cancel(c, &settings, &actor, &id, &body.reason, today, now)).await?;
    Ok(web::Json((&h).into()))
}

/// Records attendance and minutes of a session held (on or after its day; the case's mediator).
#[utoipa::path(post, path = "/api/v1/hearings/{id}/outcome", tag = "schedules", request_body = OutcomeInput,
    responses((status = 200, body = HearingOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody),
        (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/hearings/{id}/outcome")]
async fn outcome(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<OutcomeInput>,
) -> Result<web::Json<HearingOut>, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let h = state.db.run(move |c| service::record_outcome(c, &settings, &actor, &id, &body, today, now)).await?;
    Ok(web::Json((&h).into()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HandedOverOut {
    /// The summons.
    pub id: String,
    pub handed_over_on: Option<String>,
}

/// Records that a summons was handed over by hand or post (the desk or the case's mediator).
#[utoipa::path(post, path = "/api/v1/hearings/{id}/summons/{summons_id}/hand-over", tag = "schedules", request_body = HandOverInput,
    responses((status = 200, body = HandedOverOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody),
        (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/hearings/{id}/summons/{summons_id}/hand-over")]
async fn hand_over(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
    body: web::Json<HandOverInput>,
) -> Result<HttpResponse, Error> {
    let (id, sid) = path.into_inner();
    let (actor, today, now) = (user.actor.clone(), state.today(), state.now());
    let s = state.db.run(move |c| service::hand_over(c, &actor, &id, &sid, &body, None, today, now)).await?;
    Ok(HttpResponse::Ok().json(HandedOverOut { id: s.id, handed_over_on: s.handed_over_on.map(|d| d.to_string()) }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoomOut {
    pub code: String,
    pub name: String,
}

/// The rooms of the caller's office where sessions are held.
#[utoipa::path(get, path = "/api/v1/schedule/rooms", tag = "schedules", responses((status = 200, body = Vec<RoomOut>)))]
#[get("/api/v1/schedule/rooms")]
async fn rooms(state: State, user: SignedIn) -> Result<web::Json<Vec<RoomOut>>, Error> {
    let code = state.office(&user.actor.office_id).map(|o| o.code.clone()).unwrap_or_default();
    Ok(web::Json(
        service::rooms(&state.settings, &code)
            .iter()
            .map(|r| RoomOut { code: r.code.clone(), name: r.name.clone() })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ScheduleParams {
    /// First WIB day (YYYY-MM-DD); default today.
    pub from: Option<String>,
    /// Last WIB day; default `from`. At most 62 days.
    pub to: Option<String>,
    pub mediator_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduledOut {
    #[serde(flatten)]
    pub hearing: HearingOut,
    pub case_label: String,
    pub company_name: String,
    pub mediator_name: String,
}

/// The office schedule (office staff and mediators).
#[utoipa::path(get, path = "/api/v1/schedule", tag = "schedules", params(ScheduleParams),
    responses((status = 200, body = Vec<ScheduledOut>), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[get("/api/v1/schedule")]
async fn schedule(
    state: State,
    user: SignedIn,
    p: web::Query<ScheduleParams>,
) -> Result<web::Json<Vec<ScheduledOut>>, Error> {
    let day = |v: &Option<String>, field: &'static str| -> Result<Option<NaiveDate>, Error> {
        trimmed(v).map(|s| crate::calendar::service::parse_date(&s, field)).transpose()
    };
    let from = day(&p.from, "from")?.unwrap_or_else(|| state.today());
    let to = day(&p.to, "to")?.unwrap_or(from);
    let (actor, m) = (user.actor.clone(), trimmed(&p.mediator_id));
    let rows = state.db.run(move |c| service::schedule(c, &actor, from, to, m.as_deref())).await?;
    Ok(web::Json(
        rows.iter()
            .map(|r| ScheduledOut {
                hearing: (&r.hearing).into(),
                case_label: r.case_label().to_string(),
                company_name: r.company_name.clone(),
                mediator_name: r.mediator_name.clone(),
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FeedOut {
    pub id: String,
    /// mediator or office
    pub scope: String,
    pub user_id: Option<String>,
    pub created_at: String,
    /// The subscription URL: only in the answer that made the feed.
    pub url: Option<String>,
}

/// The calendar feeds the caller manages.
#[utoipa::path(get, path = "/api/v1/calendar-feeds", tag = "schedules",
    responses((status = 200, body = Vec<FeedOut>), (status = 403, body = ProblemBody)))]
#[get("/api/v1/calendar-feeds")]
async fn list_feeds(state: State, user: SignedIn) -> Result<web::Json<Vec<FeedOut>>, Error> {
    let actor = user.actor.clone();
    let rows = state.db.run(move |c| service::feeds(c, &actor)).await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|f| FeedOut { id: f.id, scope: f.scope, user_id: f.user_id, created_at: utc(f.created_at), url: None })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct FeedBody {
    /// mediator (a mediator's own sessions) or office (head or desk).
    pub scope: String,
}

/// Makes a private, revocable ICS feed; its URL is shown in this answer only.
#[utoipa::path(post, path = "/api/v1/calendar-feeds", tag = "schedules", request_body = FeedBody,
    responses((status = 201, body = FeedOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[post("/api/v1/calendar-feeds")]
async fn create_feed(state: State, user: SignedIn, body: web::Json<FeedBody>) -> Result<HttpResponse, Error> {
    let (actor, now) = (user.actor.clone(), state.now());
    let (f, token) = state.db.run(move |c| service::create_feed(c, &actor, &body.scope, now)).await?;
    Ok(HttpResponse::Created().json(FeedOut {
        id: f.id,
        scope: f.scope,
        user_id: f.user_id,
        created_at: utc(f.created_at),
        url: Some(format!("{}/kalender-sidang/{token}.ics", state.settings.server.public_url)),
    }))
}

/// Revokes a feed: its URL answers 404 at once.
#[utoipa::path(post, path = "/api/v1/calendar-feeds/{id}/revoke", tag = "schedules",
    responses((status = 204), (status = 403, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[post("/api/v1/calendar-feeds/{id}/revoke")]
async fn revoke_feed(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let (actor, now) = (user.actor.clone(), state.now());
    state.db.run(move |c| service::revoke_feed(c, &actor, &id, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}
