//! JSON API of the leadership reports (`/api/v1/reports/...`): the same figures as the pages.

use actix_web::{get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::Error;
use crate::http::{trimmed, SignedIn, State};
use crate::reports::model::MissingRow;
use crate::reports::rules::ReportPeriod;
use crate::reports::rules::{as_of_param, month_param};
use crate::reports::service::{self, Disputes, Indicator, Monthly};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(indicator).service(missing).service(disputes).service(monthly);
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AsOfQuery {
    /// The day (YYYY-MM-DD); today when absent.
    pub as_of: Option<String>,
}

/// The decent-work indicator as of a day, its four criteria, breakdowns and trend.
#[utoipa::path(get, path = "/api/v1/reports/indicator", tag = "reports", params(AsOfQuery),
    responses((status = 200, body = Indicator), (status = 400, body = crate::http::errors::ProblemBody),
        (status = 403, body = crate::http::errors::ProblemBody)))]
#[get("/api/v1/reports/indicator")]
pub async fn indicator(state: State, user: SignedIn, q: web::Query<AsOfQuery>) -> Result<web::Json<Indicator>, Error> {
    service::reader(&user.actor, false)?;
    let as_of = as_of_param(&q.as_of, state.today())?;
    let (actor, settings, today) = (user.actor.clone(), state.settings.clone(), state.today());
    Ok(web::Json(state.db.run(move |c| service::indicator(c, &actor, &settings, as_of, today)).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct MissingQuery {
    pub as_of: Option<String>,
    /// all (any criterion), pp, lks, wage or bpjs; all when absent.
    pub criterion: Option<String>,
    /// kecamatan, kbli, scale or band, with `key`, to narrow to one breakdown cell.
    pub dimension: Option<String>,
    pub key: Option<String>,
    pub page: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MissingPage {
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub items: Vec<MissingRow>,
}

/// Companies counted on a day that miss a criterion (the desk's call list), 50 a page.
#[utoipa::path(get, path = "/api/v1/reports/indicator/missing", tag = "reports", params(MissingQuery),
    responses((status = 200, body = MissingPage), (status = 400, body = crate::http::errors::ProblemBody),
        (status = 403, body = crate::http::errors::ProblemBody)))]
#[get("/api/v1/reports/indicator/missing")]
pub async fn missing(
    state: State,
    user: SignedIn,
    q: web::Query<MissingQuery>,
) -> Result<web::Json<MissingPage>, Error> {
    service::reader(&user.actor, false)?;
    let as_of = as_of_param(&q.as_of, state.today())?;
    let page = crate::api::page_param(q.page)?;
    let criterion = trimmed(&q.criterion).unwrap_or_else(|| "all".into());
    let cell = match (trimmed(&q.dimension), q.key.clone()) {
        (Some(d), Some(k)) => Some((d, k)),
        (Some(_), None) => {
            return Err(Error::invalid("key_required", "key", "Isi kunci rincian.", "Give the breakdown key."))
        }
        _ => None,
    };
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let (rows, total) = state
        .db
        .run(move |c| {
            let cell = cell.as_ref().map(|(d, k)| (d.as_str(), k.as_str()));
            service::missing(c, &actor, &settings, as_of, &criterion, cell, (page - 1) * 50, 50)
        })
        .await?;
    Ok(web::Json(MissingPage { total, page, per_page: 50, items: rows }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct PeriodQuery {
    /// A year (2026), month (2026-03) or quarter (2026-Q1); the current year when absent.
    pub period: Option<String>,
    /// Or a range of days (YYYY-MM-DD), both given.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Narrow to one mediator of the office (a mediator always reads their own cases).
    pub mediator: Option<String>,
}

/// Disputes of a period: resolution and completion rates, types and outcomes, the mediation
/// deadline, ageing, mediators, deadlines near or passed, and the yearly targets.
#[utoipa::path(get, path = "/api/v1/reports/disputes", tag = "reports", params(PeriodQuery),
    responses((status = 200, body = Disputes), (status = 400, body = crate::http::errors::ProblemBody),
        (status = 403, body = crate::http::errors::ProblemBody), (status = 404, body = crate::http::errors::ProblemBody)))]
#[get("/api/v1/reports/disputes")]
pub async fn disputes(state: State, user: SignedIn, q: web::Query<PeriodQuery>) -> Result<web::Json<Disputes>, Error> {
    service::reader(&user.actor, true)?;
    let period = ReportPeriod::parse(q.period.as_deref(), q.from.as_deref(), q.to.as_deref(), state.today())
        .map_err(Error::Invalid)?;
    let (actor, settings, today) = (user.actor.clone(), state.settings.clone(), state.today());
    let mediator = trimmed(&q.mediator);
    Ok(web::Json(
        state.db.run(move |c| service::disputes(c, &actor, &settings, &period, mediator.as_deref(), today)).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct MonthQuery {
    /// YYYY-MM.
    pub month: String,
}

/// The monthly report on HI facilities (PP/PKB, wage scales, LKS Bipartit) and BPJS participants.
#[utoipa::path(get, path = "/api/v1/reports/monthly", tag = "reports", params(MonthQuery),
    responses((status = 200, body = Monthly), (status = 400, body = crate::http::errors::ProblemBody),
        (status = 403, body = crate::http::errors::ProblemBody)))]
#[get("/api/v1/reports/monthly")]
pub async fn monthly(state: State, user: SignedIn, q: web::Query<MonthQuery>) -> Result<web::Json<Monthly>, Error> {
    service::reader(&user.actor, false)?;
    let (year, month) = month_param(&q.month)?;
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    Ok(web::Json(state.db.run(move |c| service::monthly(c, &actor, &settings, year, month)).await?))
}
