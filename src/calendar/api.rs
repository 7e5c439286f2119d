//! JSON API of the calendar: holidays, deadline computation with its explanation (public), and
//! the administrators' changes.

use actix_web::{delete, get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::calendar::data::Unit;
use crate::calendar::rules::{CalendarWarning, DayKind, Direction, SkipReason};
use crate::calendar::service::{self, DayInput};
use crate::calendar::web::{deadline_request, office_of, warning_text};
use crate::error::Error;
use crate::http::errors::ProblemBody;
use crate::http::{RequestCtx, SignedIn, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(holidays)
        .service(deadline)
        .service(rules)
        .service(add_day)
        .service(remove_day)
        .service(import_year)
        .service(confirm_year);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DayOut {
    /// YYYY-MM-DD
    pub date: String,
    pub kind: DayKind,
    pub name_id: String,
    pub name_en: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HolidaysOut {
    pub year: i32,
    /// `confirmed`, `provisional`, or `not_loaded` (only weekends are non-working days then).
    pub status: String,
    pub days: Vec<DayOut>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct HolidaysParams {
    /// The year, e.g. 2026.
    pub year: Option<String>,
}

fn bad_year() -> Error {
    Error::invalid(
        "invalid_year",
        "year",
        "Tahun harus bilangan antara 2000 dan 2100.",
        "The year must be a number from 2000 to 2100.",
    )
}

/// The non-working days of a year (the signed-in user's office, or the default office).
#[utoipa::path(get, path = "/api/v1/calendar/holidays", tag = "calendar", params(HolidaysParams), security(()),
    responses((status = 200, body = HolidaysOut), (status = 400, body = ProblemBody)))]
#[get("/api/v1/calendar/holidays")]
async fn holidays(
    state: State,
    ctx: RequestCtx,
    q: web::Query<HolidaysParams>,
) -> Result<web::Json<HolidaysOut>, Error> {
    let year = q.year.as_deref().map(str::trim).filter(|y| !y.is_empty()).ok_or_else(bad_year)?;
    let year: i32 = year.parse().ok().filter(|y| crate::calendar::data::YEARS.contains(y)).ok_or_else(bad_year)?;
    let office_id = office_of(&state, &ctx);
    let calendar = state.db.run(move |c| service::load(c, &office_id)).await?;
    Ok(web::Json(HolidaysOut {
        year,
        status: calendar.year_status(year).map(|s| s.as_str().to_string()).unwrap_or_else(|| "not_loaded".into()),
        days: calendar
            .holidays_in(year)
            .into_iter()
            .map(|h| DayOut {
                date: h.date.to_string(),
                kind: h.kind,
                name_id: h.name_id.clone(),
                name_en: h.name_en.clone(),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct DeadlineParams {
    /// Start (or event) date, YYYY-MM-DD; it is day 0.
    pub from: Option<String>,
    /// Number of working days, 0 to 1000 (or give `rule`).
    pub working_days: Option<String>,
    /// A deadline rule code, e.g. `mediasi` (see /api/v1/calendar/rules).
    pub rule: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SkippedOut {
    pub date: String,
    /// `weekend`, `libur_nasional`, `cuti_bersama` or `penutupan_kantor`
    pub reason: String,
    pub name_id: String,
    pub name_en: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RuleOut {
    pub code: String,
    pub label_id: String,
    pub label_en: String,
    pub days: u32,
    pub unit: Unit,
    /// `after` the event (a limit) or `before` it (a notice period).
    pub direction: String,
    pub legal_basis: String,
    pub missed_id: String,
    pub missed_en: String,
    /// The office may adjust `days` (a setting in DOMAIN.md).
    pub setting: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WarningOut {
    /// `year_not_loaded` or `year_provisional`
    pub code: String,
    pub year: i32,
    pub message_id: String,
    pub message_en: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineOut {
    pub from: String,
    pub due: String,
    pub working_days: u32,
    pub direction: String,
    /// The rule applied, when one was named.
    pub rule: Option<RuleOut>,
    /// Every non-working day passed over, with its reason.
    pub skipped: Vec<SkippedOut>,
    pub warnings: Vec<WarningOut>,
}

fn direction(d: Direction) -> String {
    match d {
        Direction::After => "after".into(),
        Direction::Before => "before".into(),
    }
}

fn rule_out(r: &crate::calendar::data::DeadlineRule) -> RuleOut {
    RuleOut {
        code: r.code.clone(),
        label_id: r.label_id.clone(),
        label_en: r.label_en.clone(),
        days: r.days,
        unit: r.unit,
        direction: direction(r.direction),
        legal_basis: r.legal_basis.clone(),
        missed_id: r.missed_id.clone(),
        missed_en: r.missed_en.clone(),
        setting: r.setting,
    }
}

/// Computes a deadline: `from` plus N working days (or a rule), with the skipped days and why.
#[utoipa::path(get, path = "/api/v1/calendar/deadline", tag = "calendar", params(DeadlineParams), security(()),
    responses((status = 200, body = DeadlineOut), (status = 400, body = ProblemBody)))]
#[get("/api/v1/calendar/deadline")]
async fn deadline(
    state: State,
    ctx: RequestCtx,
    q: web::Query<DeadlineParams>,
) -> Result<web::Json<DeadlineOut>, Error> {
    let (from, request) = deadline_request(&q.from, &q.rule, &q.working_days)?;
    let office_id = office_of(&state, &ctx);
    let calendar = state.db.run(move |c| service::load(c, &office_id)).await?;
    let d = service::compute(&calendar, &state.settings.deadline_rules, from, &request)?;
    let c = d.computation;
    Ok(web::Json(DeadlineOut {
        from: c.start.to_string(),
        due: c.due.to_string(),
        working_days: c.working_days,
        direction: direction(c.direction),
        rule: d.rule.as_ref().map(rule_out),
        skipped: c
            .skipped
            .iter()
            .map(|s| match &s.reason {
                SkipReason::Weekend(_) => SkippedOut {
                    date: s.date.to_string(),
                    reason: "weekend".into(),
                    name_id: harmoni_templates::Lang::Id.weekday(s.date).into(),
                    name_en: harmoni_templates::Lang::En.weekday(s.date).into(),
                },
                SkipReason::Listed(h) => SkippedOut {
                    date: s.date.to_string(),
                    reason: h.kind.as_str().into(),
                    name_id: h.name_id.clone(),
                    name_en: h.name_en.clone(),
                },
            })
            .collect(),
        warnings: c
            .warnings
            .iter()
            .map(|w| {
                let (code, year) = match w {
                    CalendarWarning::YearNotLoaded(y) => ("year_not_loaded", *y),
                    CalendarWarning::YearProvisional(y) => ("year_provisional", *y),
                };
                WarningOut {
                    code: code.into(),
                    year,
                    message_id: warning_text(*w, harmoni_templates::Lang::Id),
                    message_en: warning_text(*w, harmoni_templates::Lang::En),
                }
            })
            .collect(),
    }))
}

/// The statutory clocks, by code.
#[utoipa::path(get, path = "/api/v1/calendar/rules", tag = "calendar", security(()), responses((status = 200, body = Vec<RuleOut>)))]
#[get("/api/v1/calendar/rules")]
async fn rules(state: State) -> web::Json<Vec<RuleOut>> {
    web::Json(state.settings.deadline_rules.values().map(rule_out).collect())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DayIn {
    /// YYYY-MM-DD
    pub date: String,
    /// `libur_nasional`, `cuti_bersama` or `penutupan_kantor`
    pub kind: String,
    pub name_id: String,
    /// Defaults to `name_id`.
    pub name_en: Option<String>,
}

/// Adds a holiday or an office closure to the office's calendar (administrators).
#[utoipa::path(post, path = "/api/v1/calendar/days", tag = "calendar", request_body = DayIn,
    responses((status = 201, body = DayOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/calendar/days")]
async fn add_day(state: State, user: SignedIn, body: web::Json<DayIn>) -> Result<HttpResponse, Error> {
    let body = body.into_inner();
    let input =
        DayInput { date: body.date, kind: body.kind, name_id: body.name_id, name_en: body.name_en.unwrap_or_default() };
    let actor = user.actor.clone();
    let now = state.now();
    let row = state.db.run(move |c| service::add_day(c, &actor, &input, now)).await?;
    let kind = DayKind::parse(&row.kind).ok_or_else(|| Error::internal("stored day kind unknown"))?;
    Ok(HttpResponse::Created().json(DayOut {
        date: row.day.to_string(),
        kind,
        name_id: row.name_id,
        name_en: row.name_en,
    }))
}

/// Removes a listed day (administrators).
#[utoipa::path(delete, path = "/api/v1/calendar/days/{date}", tag = "calendar",
    responses((status = 200, body = DayOut), (status = 404, body = ProblemBody)))]
#[delete("/api/v1/calendar/days/{date}")]
async fn remove_day(state: State, user: SignedIn, date: web::Path<String>) -> Result<web::Json<DayOut>, Error> {
    let date = service::parse_date(&date, "date")?;
    let actor = user.actor.clone();
    let now = state.now();
    let row = state.db.run(move |c| service::remove_day(c, &actor, date, now)).await?;
    let kind = DayKind::parse(&row.kind).ok_or_else(|| Error::internal("stored day kind unknown"))?;
    Ok(web::Json(DayOut { date: row.day.to_string(), kind, name_id: row.name_id, name_en: row.name_en }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportIn {
    /// A calendar file in the format of `config/calendar/YYYY.toml`.
    pub content: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOut {
    pub year: i32,
    pub status: String,
    pub days: usize,
}

/// Imports a year's list: its national days replace the year's national days; closures stay.
#[utoipa::path(post, path = "/api/v1/calendar/years/import", tag = "calendar", request_body = ImportIn,
    responses((status = 200, body = ImportOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[post("/api/v1/calendar/years/import")]
async fn import_year(state: State, user: SignedIn, body: web::Json<ImportIn>) -> Result<web::Json<ImportOut>, Error> {
    let actor = user.actor.clone();
    let now = state.now();
    let text = body.into_inner().content;
    let file = state.db.run(move |c| service::import_year(c, &actor, &text, now)).await?;
    Ok(web::Json(ImportOut { year: file.year, status: file.status.as_str().into(), days: file.days.len() }))
}

/// Marks a year's list confirmed (its joint ministerial decree has appeared).
#[utoipa::path(post, path = "/api/v1/calendar/years/{year}/confirm", tag = "calendar",
    responses((status = 204), (status = 404, body = ProblemBody)))]
#[post("/api/v1/calendar/years/{year}/confirm")]
async fn confirm_year(state: State, user: SignedIn, year: web::Path<String>) -> Result<HttpResponse, Error> {
    let year: i32 = year.parse().map_err(|_| Error::NotFound)?;
    let actor = user.actor.clone();
    let now = state.now();
    state.db.run(move |c| service::confirm_year(c, &actor, year, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}
