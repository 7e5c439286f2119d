//! Union pages: the register, the form, a union with the companies where it has members.

use actix_web::{get, post, web, HttpResponse};
use harmoni_templates::components::FormErrors;
use harmoni_templates::pages::unions::{
    union_detail_page, union_form_page, union_list_page, UnionCompanyView, UnionDetailView, UnionFormView,
    UnionListView, UnionRowView,
};
use serde::Deserialize;

use crate::accounts::Role;
use crate::error::Error;
use crate::http::{form_errors, html, html_status, page_ctx, see_other, SignedIn, State};
use crate::unions::model::UnionRow;
use crate::unions::rules::UnionInput;
use crate::unions::service;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(new_form)
        .service(create)
        .service(detail)
        .service(edit_form)
        .service(update)
        .service(link)
        .service(unlink);
}

#[derive(Debug, Deserialize)]
struct ListParams {
    q: Option<String>,
    page: Option<i64>,
}

#[get("/serikat")]
async fn list(state: State, user: SignedIn, p: web::Query<ListParams>) -> Result<HttpResponse, Error> {
    let q = crate::http::trimmed(&p.q);
    let page = p.page.unwrap_or(1).max(1);
    let (actor, query) = (user.actor.clone(), q.clone());
    let (rows, total) = state.db.run(move |c| service::list(c, &actor, query.as_deref(), page)).await?;
    let view = UnionListView {
        rows: rows
            .into_iter()
            .map(|u| UnionRowView {
                active: u.status == "active",
                federation: u.federation.unwrap_or_default(),
                registration: u.registration_number,
                members: u.member_count,
                id: u.id,
                name: u.name,
            })
            .collect(),
        q: q.unwrap_or_default(),
        can_register: matches!(user.actor.role, Role::Admin | Role::Petugas),
        page,
        per_page: service::PER_PAGE,
        total,
    };
    Ok(html(union_list_page(&page_ctx(&state, &user.ctx, "/serikat"), &view)))
}

fn values(i: &UnionInput) -> Vec<(String, String)> {
    [
        ("name", &i.name),
        ("federation", &i.federation),
        ("registration_number", &i.registration_number),
        ("registered_on", &i.registered_on),
        ("member_count", &i.member_count),
        ("chair_name", &i.chair_name),
        ("secretary_name", &i.secretary_name),
        ("treasurer_name", &i.treasurer_name),
        ("status", &i.status),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.clone()))
    .collect()
}

fn input_of(u: &UnionRow) -> UnionInput {
    UnionInput {
        name: u.name.clone(),
        federation: u.federation.clone().unwrap_or_default(),
        registration_number: u.registration_number.clone(),
        registered_on: u.registered_on.to_string(),
        member_count: u.member_count.to_string(),
        chair_name: u.chair_name.clone(),
        secretary_name: u.secretary_name.clone(),
        treasurer_name: u.treasurer_name.clone().unwrap_or_default(),
        status: u.status.clone(),
    }
}

#[get("/serikat/baru")]
async fn new_form(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin, Role::Petugas])?;
    Ok(html(union_form_page(&page_ctx(&state, &user.ctx, "/serikat"), &UnionFormView::default())))
}

#[post("/serikat")]
async fn create(state: State, user: SignedIn, form: web::Form<UnionInput>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin, Role::Petugas])?;
    let input = form.into_inner();
    let (actor, today, now, i) = (user.actor.clone(), state.today(), state.now(), input.clone());
    match state.db.run(move |c| service::create(c, &actor, &i, today, now)).await {
        Ok(row) => Ok(see_other(&format!("/serikat/{}", row.id))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            Ok(html_status(
                status,
                union_form_page(
                    &page_ctx(&state, &user.ctx, "/serikat"),
                    &UnionFormView { id: None, values: values(&input), errors },
                ),
            ))
        }
    }
}

async fn detail_view(
    state: &State,
    user: &SignedIn,
    id: String,
    nib: String,
    members: String,
    errors: FormErrors,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let actor = user.actor.clone();
    let (u, companies) = state.db.run(move |c| service::get(c, &actor, &id)).await?;
    let view = UnionDetailView {
        facts: vec![
            (l.t("Federasi/konfederasi", "Federation").to_string(), u.federation.clone().unwrap_or_else(|| "-".into())),
            (
                l.t("Nomor pencatatan", "Registration").to_string(),
                format!("{} ({})", u.registration_number, l.date_long(u.registered_on)),
            ),
            (l.t("Jumlah anggota", "Members").to_string(), u.member_count.to_string()),
            (l.t("Ketua", "Chair").to_string(), u.chair_name.clone()),
            (l.t("Sekretaris", "Secretary").to_string(), u.secretary_name.clone()),
            (l.t("Bendahara", "Treasurer").to_string(), u.treasurer_name.clone().unwrap_or_else(|| "-".into())),
        ],
        active: u.status == "active",
        can_edit: matches!(user.actor.role, Role::Admin | Role::Petugas),
        companies: companies
            .into_iter()
            .map(|(membership, c)| UnionCompanyView {
                company_id: c.id,
                company_name: c.name,
                nib: c.nib,
                members: membership.members,
            })
            .collect(),
        id: u.id,
        name: u.name,
        nib,
        members,
        errors: errors.clone(),
    };
    let status =
        if errors.is_empty() { actix_web::http::StatusCode::OK } else { actix_web::http::StatusCode::BAD_REQUEST };
    Ok(html_status(status, union_detail_page(&page_ctx(state, &user.ctx, "/serikat"), &view)))
}

#[get("/serikat/{id}")]
async fn detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    detail_view(&state, &user, id.into_inner(), String::new(), String::new(), FormErrors::default()).await
}

#[get("/serikat/{id}/ubah")]
async fn edit_form(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin, Role::Petugas])?;
    let actor = user.actor.clone();
    let id = id.into_inner();
    let i = id.clone();
    let (u, _) = state.db.run(move |c| service::get(c, &actor, &i)).await?;
    let view = UnionFormView { id: Some(id), values: values(&input_of(&u)), errors: FormErrors::default() };
    Ok(html(union_form_page(&page_ctx(&state, &user.ctx, "/serikat"), &view)))
}

#[post("/serikat/{id}")]
async fn update(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<UnionInput>,
) -> Result<HttpResponse, Error> {
    let (id, input) = (id.into_inner(), form.into_inner());
    let (actor, today, now, i, uid) = (user.actor.clone(), state.today(), state.now(), input.clone(), id.clone());
    match state.db.run(move |c| service::update(c, &actor, &uid, &i, today, now)).await {
        Ok(_) => Ok(see_other(&format!("/serikat/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            Ok(html_status(
                status,
                union_form_page(
                    &page_ctx(&state, &user.ctx, "/serikat"),
                    &UnionFormView { id: Some(id), values: values(&input), errors },
                ),
            ))
        }
    }
}

#[derive(Debug, Deserialize)]
struct LinkForm {
    nib: String,
    members: String,
}

#[post("/serikat/{id}/perusahaan")]
async fn link(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<LinkForm>,
) -> Result<HttpResponse, Error> {
    let (id, form) = (id.into_inner(), form.into_inner());
    let (actor, now, uid, nib, members) =
        (user.actor.clone(), state.now(), id.clone(), form.nib.clone(), form.members.clone());
    match state.db.run(move |c| service::link_company(c, &actor, &uid, &nib, &members, now)).await {
        Ok(_) => Ok(see_other(&format!("/serikat/{id}"))),
        Err(e) => {
            let (_, errors) = form_errors(e, user.ctx.lang)?;
            detail_view(&state, &user, id, form.nib, form.members, errors).await
        }
    }
}

#[post("/serikat/{id}/perusahaan/{company_id}/hapus")]
async fn unlink(state: State, user: SignedIn, path: web::Path<(String, String)>) -> Result<HttpResponse, Error> {
    let (id, company_id) = path.into_inner();
    let (actor, now, uid) = (user.actor.clone(), state.now(), id.clone());
    state.db.run(move |c| service::unlink_company(c, &actor, &uid, &company_id, now)).await?;
    Ok(see_other(&format!("/serikat/{id}")))
}
