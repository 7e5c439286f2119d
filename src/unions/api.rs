//! JSON API of the union register.

use actix_web::{get, post, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::Error;
use crate::http::errors::ProblemBody;
use crate::http::{SignedIn, State};
use crate::unions::model::UnionRow;
use crate::unions::rules::UnionInput;
use crate::unions::service;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list).service(create).service(get_one).service(replace).service(link_company).service(company_unions);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnionOut {
    pub id: String,
    pub name: String,
    pub federation: Option<String>,
    pub registration_number: String,
    pub registered_on: String,
    pub member_count: i32,
    pub chair_name: String,
    pub secretary_name: String,
    pub treasurer_name: Option<String>,
    /// active or dissolved
    pub status: String,
}

impl From<UnionRow> for UnionOut {
    fn from(u: UnionRow) -> Self {
        UnionOut {
            id: u.id,
            name: u.name,
            federation: u.federation,
            registration_number: u.registration_number,
            registered_on: u.registered_on.to_string(),
            member_count: u.member_count,
            chair_name: u.chair_name,
            secretary_name: u.secretary_name,
            treasurer_name: u.treasurer_name,
            status: u.status,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnionList {
    pub items: Vec<UnionOut>,
    pub page: i64,
    pub total: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct UnionListParams {
    /// Part of the union's name.
    pub q: Option<String>,
    pub page: Option<i64>,
}

/// The office's unions (staff).
#[utoipa::path(get, path = "/api/v1/unions", tag = "unions", params(UnionListParams), responses((status = 200, body = UnionList), (status = 403, body = ProblemBody)))]
#[get("/api/v1/unions")]
async fn list(state: State, user: SignedIn, p: web::Query<UnionListParams>) -> Result<web::Json<UnionList>, Error> {
    let page = crate::api::page_param(p.page)?;
    let q = crate::http::trimmed(&p.q);
    let actor = user.actor.clone();
    let (rows, total) = state.db.run(move |c| service::list(c, &actor, q.as_deref(), page)).await?;
    Ok(web::Json(UnionList { items: rows.into_iter().map(UnionOut::from).collect(), page, total }))
}

/// Records a union (officers).
#[utoipa::path(post, path = "/api/v1/unions", tag = "unions", request_body = UnionInput,
    responses((status = 201, body = UnionOut), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/unions")]
async fn create(state: State, user: SignedIn, body: web::Json<UnionInput>) -> Result<HttpResponse, Error> {
    let (actor, today, now, input) = (user.actor.clone(), state.today(), state.now(), body.into_inner());
    let row = state.db.run(move |c| service::create(c, &actor, &input, today, now)).await?;
    Ok(HttpResponse::Created().json(UnionOut::from(row)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnionDetail {
    pub union: UnionOut,
    /// Companies where it has members: (company id, company name, members there).
    pub companies: Vec<UnionCompanyOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnionCompanyOut {
    pub company_id: String,
    pub company_name: String,
    pub members: i32,
}

/// One union with the companies where it has members (staff).
#[utoipa::path(get, path = "/api/v1/unions/{id}", tag = "unions", responses((status = 200, body = UnionDetail), (status = 404, body = ProblemBody)))]
#[get("/api/v1/unions/{id}")]
async fn get_one(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<UnionDetail>, Error> {
    let actor = user.actor.clone();
    let (u, companies) = state.db.run(move |c| service::get(c, &actor, &id)).await?;
    Ok(web::Json(UnionDetail {
        union: u.into(),
        companies: companies
            .into_iter()
            .map(|(l, c)| UnionCompanyOut { company_id: c.id, company_name: c.name, members: l.members })
            .collect(),
    }))
}

/// Replaces a union's record (officers).
#[utoipa::path(put, path = "/api/v1/unions/{id}", tag = "unions", request_body = UnionInput,
    responses((status = 200, body = UnionOut), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[put("/api/v1/unions/{id}")]
async fn replace(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<UnionInput>,
) -> Result<web::Json<UnionOut>, Error> {
    let (actor, today, now, input) = (user.actor.clone(), state.today(), state.now(), body.into_inner());
    let row = state.db.run(move |c| service::update(c, &actor, &id, &input, today, now)).await?;
    Ok(web::Json(row.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkIn {
    /// The company's NIB.
    pub nib: String,
    pub members: String,
}

/// Records the union's members at a company (officers).
#[utoipa::path(post, path = "/api/v1/unions/{id}/companies", tag = "unions", request_body = LinkIn,
    responses((status = 204), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody)))]
#[post("/api/v1/unions/{id}/companies")]
async fn link_company(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<LinkIn>,
) -> Result<HttpResponse, Error> {
    let (actor, now, b) = (user.actor.clone(), state.now(), body.into_inner());
    state.db.run(move |c| service::link_company(c, &actor, &id, &b.nib, &b.members, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The unions with members at a company (whoever may see the company).
#[utoipa::path(get, path = "/api/v1/companies/{id}/unions", tag = "unions", responses((status = 200, body = Vec<UnionOut>), (status = 404, body = ProblemBody)))]
#[get("/api/v1/companies/{id}/unions")]
async fn company_unions(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<Vec<UnionOut>>, Error> {
    let actor = user.actor.clone();
    let rows = state.db.run(move |c| service::at_company(c, &actor, &id)).await?;
    Ok(web::Json(rows.into_iter().map(|(_, u)| u.into()).collect()))
}
