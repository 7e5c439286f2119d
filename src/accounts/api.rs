//! JSON API for accounts: the current user, self sign-up, user administration, personal API tokens.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::accounts::model::{ApiTokenRow, UserQuery, UserRow};
use crate::accounts::rules::SignupInput;
use crate::accounts::service::{self, UserInput, UserPatch};
use crate::accounts::{rules, signup, Role};
use crate::api::utc;
use crate::error::Error;
use crate::http::errors::ProblemBody;
use crate::http::session::CookieNames;
use crate::http::{client_ip, trimmed, Auth, RequestCtx, SignedIn, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(me)
        .service(list_users)
        .service(create_user)
        .service(get_user)
        .service(update_user)
        .service(reset_link)
        .service(list_tokens)
        .service(create_token)
        .service(revoke_token)
        .service(signup_create)
        .service(signup_verify)
        .service(signup_resend);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OfficeOut {
    pub id: String,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeOut {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    /// `id` or `en`
    pub language: String,
    pub office: OfficeOut,
    /// For cookie sessions only: send it as `X-CSRF-Token` on state-changing requests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = MeOut), (status = 401, body = ProblemBody, content_type = "application/problem+json")))]
#[get("/api/v1/me")]
async fn me(state: State, user: SignedIn) -> Result<web::Json<MeOut>, Error> {
    let office = state.office(&user.actor.office_id).ok_or(Error::NotFound)?;
    Ok(web::Json(MeOut {
        id: user.actor.user_id.clone(),
        email: user.actor.email.clone(),
        full_name: user.actor.full_name.clone(),
        role: user.actor.role,
        language: user.actor.language.code().to_string(),
        office: OfficeOut { id: office.id.clone(), code: office.code.clone(), name: office.name.clone() },
        csrf_token: matches!(user.ctx.auth, Auth::Session(_)).then(|| user.ctx.csrf_token.clone()),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub language: String,
    /// `active` or `disabled`
    pub status: String,
    /// False until the user has set a password through their invitation link.
    pub activated: bool,
    /// False for a self sign-up whose owner has not confirmed the email yet (cannot sign in).
    pub email_verified: bool,
    pub locked_until: Option<String>,
    pub last_login_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

fn user_out(u: UserRow, now: NaiveDateTime) -> UserOut {
    UserOut {
        activated: u.password_hash.is_some(),
        email_verified: u.email_verified_at.is_some(),
        locked_until: u.locked_until.filter(|t| rules::is_locked(Some(*t), now)).map(utc),
        last_login_at: u.last_login_at.map(utc),
        created_at: utc(u.created_at),
        updated_at: utc(u.updated_at),
        id: u.id,
        email: u.email,
        full_name: u.full_name,
        role: u.role,
        language: u.language,
        status: u.status,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    pub items: Vec<UserOut>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct UserListParams {
    /// Part of a name or email.
    pub q: Option<String>,
    pub role: Option<String>,
    /// `active` or `disabled`
    pub status: Option<String>,
    pub page: Option<i64>,
}

fn bad_param(field: &'static str) -> Error {
    Error::invalid("invalid_parameter", field, "Nilai parameter tidak dikenal.", "Unknown parameter value.")
}

/// The office's users (administrators).
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts", params(UserListParams),
    responses((status = 200, body = UserList), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[get("/api/v1/users")]
async fn list_users(state: State, user: SignedIn, p: web::Query<UserListParams>) -> Result<web::Json<UserList>, Error> {
    let p = p.into_inner();
    let role = trimmed(&p.role);
    if role.as_deref().is_some_and(|r| Role::parse(r).is_none()) {
        return Err(bad_param("role"));
    }
    let status = trimmed(&p.status);
    if status.as_deref().is_some_and(|s| s != "active" && s != "disabled") {
        return Err(bad_param("status"));
    }
    let page = crate::api::page_param(p.page)?;
    let query = UserQuery { q: trimmed(&p.q), role, status };
    let actor = user.actor.clone();
    let (rows, total) = state.db.run(move |c| service::list_users(c, &actor, &query, page)).await?;
    let now = state.now();
    Ok(web::Json(UserList {
        items: rows.into_iter().map(|u| user_out(u, now)).collect(),
        page,
        per_page: service::USERS_PER_PAGE,
        total,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    pub email: String,
    pub full_name: String,
    pub role: Role,
    /// `id` (default) or `en`
    pub language: Option<String>,
}

/// A one-time link emailed to its user; the link itself is never returned.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkSent {
    pub sent_to: String,
    pub expires_at: String,
    /// The outbox message carrying the link (see /api/v1/outbox/{id} for its delivery).
    pub outbox_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserCreated {
    pub user: UserOut,
    pub invitation: LinkSent,
}

/// Adds a user to the office (administrators); the user is emailed a one-time invitation link.
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts", request_body = UserCreate,
    responses((status = 201, body = UserCreated), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/users")]
async fn create_user(state: State, user: SignedIn, body: web::Json<UserCreate>) -> Result<HttpResponse, Error> {
    let body = body.into_inner();
    let input = UserInput {
        email: body.email,
        full_name: body.full_name,
        role: body.role.as_str().to_string(),
        language: body.language.unwrap_or_else(|| "id".into()),
    };
    let (settings, now) = (state.settings.clone(), state.now());
    let actor = user.actor.clone();
    let (row, link) = state.db.run(move |c| service::create_user(c, &actor, &input, &settings, now)).await?;
    let invitation =
        LinkSent { sent_to: row.email.clone(), expires_at: utc(link.expires_at), outbox_id: link.outbox_id };
    Ok(HttpResponse::Created().json(UserCreated { user: user_out(row, now), invitation }))
}

/// One user of the office (administrators).
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "accounts",
    responses((status = 200, body = UserOut), (status = 404, body = ProblemBody)))]
#[get("/api/v1/users/{id}")]
async fn get_user(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<UserOut>, Error> {
    let actor = user.actor.clone();
    let row = state.db.run(move |c| service::get_user(c, &actor, &id)).await?;
    Ok(web::Json(user_out(row, state.now())))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserUpdate {
    pub email: Option<String>,
    pub full_name: Option<String>,
    pub role: Option<Role>,
    pub language: Option<String>,
    /// False disables the account and ends its sessions at once; true enables it again.
    pub active: Option<bool>,
}

/// Changes a user (administrators). Omitted fields keep their value.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "accounts", request_body = UserUpdate,
    responses((status = 200, body = UserOut), (status = 400, body = ProblemBody), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[patch("/api/v1/users/{id}")]
async fn update_user(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    body: web::Json<UserUpdate>,
) -> Result<web::Json<UserOut>, Error> {
    let body = body.into_inner();
    let patch = UserPatch {
        email: body.email,
        full_name: body.full_name,
        role: body.role.map(|r| r.as_str().to_string()),
        language: body.language,
        active: body.active,
    };
    let (actor, now) = (user.actor.clone(), state.now());
    let row = state.db.run(move |c| service::patch_user(c, &actor, &id, &patch, now)).await?;
    Ok(web::Json(user_out(row, now)))
}

/// Emails a new one-time link (password reset, or a new invitation when never activated).
#[utoipa::path(post, path = "/api/v1/users/{id}/reset-link", tag = "accounts",
    responses((status = 200, body = LinkSent), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/users/{id}/reset-link")]
async fn reset_link(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<LinkSent>, Error> {
    let (settings, now) = (state.settings.clone(), state.now());
    let actor = user.actor.clone();
    let (row, link) = state.db.run(move |c| service::issue_reset_link(c, &actor, &id, &settings, now)).await?;
    Ok(web::Json(LinkSent { sent_to: row.email, expires_at: utc(link.expires_at), outbox_id: link.outbox_id }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    pub full_name: String,
    pub email: String,
    /// The password policy of the installation applies (`password_too_short`, `password_too_common`).
    pub password: String,
    /// When given, must equal `password` (`password_mismatch`).
    pub password_confirm: Option<String>,
    /// `id` (default) or `en`: the language of pages and email.
    pub language: Option<String>,
    /// Must be true: the person agrees to the processing of their personal data
    /// (UU 27/2022) as shown on the sign-up page (`consent_required`).
    pub consent: bool,
}

/// The answer to every accepted sign-up, whether or not the address already had an account.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignupAccepted {
    /// Always `verification_sent`.
    pub status: String,
    pub email: String,
    /// Hours the emailed verification link stays valid.
    pub verify_link_hours: u32,
}

fn first_problem(problems: Vec<crate::error::Problem>) -> Error {
    problems.into_iter().next().map(Error::Invalid).unwrap_or_else(|| Error::internal("empty problem list"))
}

/// Signs a worker up (public; anonymous callers send the `harmoni_csrf` cookie value they got
/// on any earlier response as `X-CSRF-Token`). The account (role `pekerja`, default office)
/// works only after the emailed link is confirmed. The answer is the same whether or not the
/// address is already registered; its owner is told by email instead. Limited per client
/// address per hour (`too_many_signups`, 429).
#[utoipa::path(post, path = "/api/v1/signup", tag = "accounts", request_body = SignupRequest, security(()),
    responses((status = 202, body = SignupAccepted),
        (status = 400, body = ProblemBody, content_type = "application/problem+json", description = "Codes: full_name_required, full_name_invalid, email_required, invalid_email, password_too_short, password_too_long, password_too_common, password_mismatch, invalid_language, consent_required"),
        (status = 403, body = ProblemBody, content_type = "application/problem+json", description = "csrf_rejected"),
        (status = 429, body = ProblemBody, content_type = "application/problem+json", description = "too_many_signups")))]
#[post("/api/v1/signup")]
async fn signup_create(
    state: State,
    ctx: RequestCtx,
    req: actix_web::HttpRequest,
    body: web::Json<SignupRequest>,
) -> Result<HttpResponse, Error> {
    let body = body.into_inner();
    let sec = &state.settings.security;
    let input = SignupInput {
        full_name: body.full_name,
        email: body.email,
        password_confirm: body.password_confirm.unwrap_or_else(|| body.password.clone()),
        password: body.password,
        language: body.language.unwrap_or_else(|| "id".into()),
        consent: body.consent,
    };
    let valid = rules::validate_signup(&input, sec.password_min_length).map_err(first_problem)?;
    let email = valid.email().to_string();
    let ip = client_ip(&req, state.settings.server.trust_forwarded_for);
    let (settings, now, rid) = (state.settings.clone(), state.now(), Some(ctx.request_id.clone()));
    let office_id = state.default_office_id.clone();
    state.db.run(move |c| signup::sign_up(c, &valid, &office_id, &ip, &settings, now, rid)).await?;
    Ok(HttpResponse::Accepted().json(SignupAccepted {
        status: "verification_sent".into(),
        email,
        verify_link_hours: sec.verify_link_hours,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupVerify {
    /// The token of the emailed link (the part after `/link/`).
    pub token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignupVerified {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub email_verified_at: String,
}

/// Confirms the email of a sign-up with the token of the emailed link and signs the person in
/// (a session cookie is set). A used, expired or unknown token is `verify_link_invalid`.
#[utoipa::path(post, path = "/api/v1/signup/verify", tag = "accounts", request_body = SignupVerify, security(()),
    responses((status = 200, body = SignupVerified),
        (status = 400, body = ProblemBody, content_type = "application/problem+json", description = "verify_link_invalid"),
        (status = 403, body = ProblemBody, content_type = "application/problem+json", description = "csrf_rejected")))]
#[post("/api/v1/signup/verify")]
async fn signup_verify(state: State, ctx: RequestCtx, body: web::Json<SignupVerify>) -> Result<HttpResponse, Error> {
    let token = body.into_inner().token;
    let (sec, now, rid) = (state.settings.security.clone(), state.now(), Some(ctx.request_id.clone()));
    let (user, session) =
        state.db.run(move |c| signup::verify_email(c, token.trim(), &sec, now, rid)).await.map_err(|e| match e {
            Error::NotFound => Error::invalid(
                "verify_link_invalid",
                "token",
                "Tautan verifikasi sudah dipakai, kedaluwarsa, atau tidak dikenal. Minta tautan baru.",
                "The verification link was already used, has expired, or is unknown. Ask for a new one.",
            ),
            other => other,
        })?;
    let names = CookieNames::new(state.settings.secure_cookies());
    let mut res = HttpResponse::Ok().json(SignupVerified {
        email_verified_at: user.email_verified_at.map(utc).unwrap_or_default(),
        id: user.id,
        email: user.email,
        full_name: user.full_name,
    });
    res.add_cookie(&names.session_cookie(session.raw_id)).map_err(Error::internal)?;
    res.add_cookie(&names.removal(names.csrf)).map_err(Error::internal)?;
    Ok(res)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupResend {
    pub email: String,
}

/// Emails a new verification link when the address belongs to an unverified account and the
/// last link is at least a few minutes old. Always 202, so addresses cannot be tested.
#[utoipa::path(post, path = "/api/v1/signup/resend", tag = "accounts", request_body = SignupResend, security(()),
    responses((status = 202, description = "Accepted; a link was sent if the address has an unverified account"),
        (status = 400, body = ProblemBody, content_type = "application/problem+json", description = "email_required, invalid_email")))]
#[post("/api/v1/signup/resend")]
async fn signup_resend(state: State, ctx: RequestCtx, body: web::Json<SignupResend>) -> Result<HttpResponse, Error> {
    let email = body.into_inner().email;
    let (settings, now, rid) = (state.settings.clone(), state.now(), Some(ctx.request_id.clone()));
    state.db.run(move |c| signup::resend_verification(c, &email, &settings, now, rid)).await?;
    Ok(HttpResponse::Accepted().json(serde_json::json!({ "status": "accepted" })))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    pub id: String,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
    pub active: bool,
}

fn token_out(t: ApiTokenRow, now: NaiveDateTime) -> TokenOut {
    TokenOut {
        active: service::token_active(&t, now),
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        created_at: utc(t.created_at),
        expires_at: t.expires_at.map(utc),
        last_used_at: t.last_used_at.map(utc),
        revoked_at: t.revoked_at.map(utc),
    }
}

/// The signed-in user's personal API tokens.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "accounts", responses((status = 200, body = Vec<TokenOut>)))]
#[get("/api/v1/tokens")]
async fn list_tokens(state: State, user: SignedIn) -> Result<web::Json<Vec<TokenOut>>, Error> {
    let actor = user.actor.clone();
    let rows = state.db.run(move |c| service::list_api_tokens(c, &actor)).await?;
    let now = state.now();
    Ok(web::Json(rows.into_iter().map(|t| token_out(t, now)).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenCreate {
    pub name: String,
    /// 1 to 365; omitted means no expiry.
    pub expires_days: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenCreated {
    pub token: TokenOut,
    /// The secret, shown only in this response. Send it as `Authorization: Bearer <secret>`.
    pub secret: String,
}

/// Creates a personal API token with the same rights as the user.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts", request_body = TokenCreate,
    responses((status = 201, body = TokenCreated), (status = 400, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/tokens")]
async fn create_token(state: State, user: SignedIn, body: web::Json<TokenCreate>) -> Result<HttpResponse, Error> {
    let body = body.into_inner();
    let now = state.now();
    let actor = user.actor.clone();
    let (row, secret) =
        state.db.run(move |c| service::create_api_token(c, &actor, &body.name, body.expires_days, now)).await?;
    Ok(HttpResponse::Created().json(TokenCreated { token: token_out(row, now), secret }))
}

/// Revokes one of the user's tokens; it stops working at once.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "accounts",
    responses((status = 200, body = TokenOut), (status = 404, body = ProblemBody)))]
#[delete("/api/v1/tokens/{id}")]
async fn revoke_token(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<TokenOut>, Error> {
    let now = state.now();
    let actor = user.actor.clone();
    let row = state.db.run(move |c| service::revoke_api_token(c, &actor, &id, now)).await?;
    Ok(web::Json(token_out(row, now)))
}
