//! Account pages: sign in and out, one-time links, own account and tokens, user administration.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use harmoni_templates::components::FormErrors;
use harmoni_templates::pages::account::{account_page, tokens_page, AccountView, TokenRow, TokensView};
use harmoni_templates::pages::admin::{
    link_sent_page, user_detail_page, user_form_page, users_page, LinkSentView, UserDetailView, UserFormView,
    UserRow as UserRowView, UsersListView,
};
use harmoni_templates::pages::auth::{
    link_invalid_page, login_page, set_password_page, LinkKind, LoginView, SetPasswordView,
};
use harmoni_templates::pages::signup::{
    check_email_page, resend_page, signup_page, verify_link_invalid_page, verify_page, CheckEmailView, ResendView,
    SentKind, SignupView,
};
use harmoni_templates::{Flash, FlashKind, Lang, PageCtx};

use serde::Deserialize;

use crate::accounts::model::{UserQuery, UserRow, STATUS_ACTIVE};
use crate::accounts::rules::SignupInput;
use crate::accounts::service::{self, LinkForm, LinkPurpose, PasswordChange, UserInput};
use crate::accounts::{rules, signup, Actor, Role};
use crate::audit;
use crate::error::Error;
use crate::http::session::CookieNames;
use crate::http::{
    client_ip, form_errors, html, html_status, page_ctx, safe_next, see_other, trimmed, RequestCtx, SignedIn, State,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(login_form)
        .service(login_submit)
        .service(logout)
        .service(link_form)
        .service(link_submit)
        .service(signup_form)
        .service(signup_submit)
        .service(resend_form)
        .service(resend_submit)
        .service(language_switch)
        .service(account)
        .service(account_password)
        .service(account_language)
        .service(tokens)
        .service(token_create)
        .service(token_revoke)
        .service(users_list)
        .service(user_new)
        .service(user_create)
        .service(user_detail)
        .service(user_edit)
        .service(user_update)
        .service(user_disable)
        .service(user_enable)
        .service(user_reset);
}

/// Messages shown once after a redirect, by code (never free text from the URL).
pub fn flash(code: Option<&str>, l: Lang) -> Option<Flash> {
    let (kind, text) = match code? {
        "password_changed" => (
            FlashKind::Success,
            l.t(
                "Kata sandi telah diganti. Sesi Anda di perangkat lain telah diakhiri.",
                "Your password was changed. Your sessions on other devices were ended.",
            ),
        ),
        "language_saved" => (FlashKind::Success, l.t("Bahasa tampilan disimpan.", "Display language saved.")),
        "user_saved" => (FlashKind::Success, l.t("Data pengguna disimpan.", "User saved.")),
        "user_disabled" => (
            FlashKind::Success,
            l.t(
                "Pengguna dinonaktifkan; semua sesinya telah diakhiri.",
                "User disabled; all their sessions were ended.",
            ),
        ),
        "user_enabled" => (FlashKind::Success, l.t("Pengguna diaktifkan kembali.", "User enabled.")),
        "token_revoked" => (
            FlashKind::Success,
            l.t("Token dicabut dan tidak dapat dipakai lagi.", "Token revoked; it can no longer be used."),
        ),
        "welcome" => {
            (FlashKind::Success, l.t("Kata sandi disimpan. Anda sudah masuk.", "Password saved. You are signed in."))
        }
        "signed_out" => (FlashKind::Info, l.t("Anda telah keluar.", "You have signed out.")),
        "email_verified" => (
            FlashKind::Success,
            l.t(
                "Email Anda sudah terverifikasi dan Anda sudah masuk. Selamat datang di Harmoni!",
                "Your email is verified and you are signed in. Welcome to Harmoni!",
            ),
        ),
        _ => return None,
    };
    Some(Flash { kind, text: text.to_string() })
}

#[derive(Debug, Deserialize, Default)]
pub struct MsgQuery {
    pub msg: Option<String>,
}

fn ctx_with_flash(state: &State, ctx: &RequestCtx, path: &str, msg: Option<&str>) -> PageCtx {
    let mut p = page_ctx(state, ctx, path);
    p.flash = flash(msg, ctx.lang);
    p
}

fn names(state: &State) -> CookieNames {
    CookieNames::new(state.settings.secure_cookies())
}

// ---- sign in / out ----

#[derive(Debug, Deserialize)]
struct NextQuery {
    next: Option<String>,
    msg: Option<String>,
}

#[get("/login")]
async fn login_form(state: State, ctx: RequestCtx, q: web::Query<NextQuery>) -> HttpResponse {
    if ctx.actor().is_some() {
        return see_other(&safe_next(q.next.as_deref().unwrap_or("/")));
    }
    let p = ctx_with_flash(&state, &ctx, "/login", q.msg.as_deref());
    html(login_page(&p, &LoginView { next: safe_next(q.next.as_deref().unwrap_or("/")), ..Default::default() }))
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

#[post("/login")]
async fn login_submit(
    state: State,
    ctx: RequestCtx,
    req: actix_web::HttpRequest,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, Error> {
    let form = form.into_inner();
    let names = names(&state);
    let previous = req.cookie(names.session).map(|c| c.value().to_string());
    let (sec, now, rid) = (state.settings.security.clone(), state.now(), Some(ctx.request_id.clone()));
    let (email, password) = (form.email.clone(), form.password.clone());
    let result = state.db.run(move |c| service::login(c, &email, &password, previous.as_deref(), &sec, now, rid)).await;
    match result {
        Ok((_, session)) => {
            let mut res = see_other(&safe_next(&form.next));
            res.add_cookie(&names.session_cookie(session.raw_id)).map_err(Error::internal)?;
            res.add_cookie(&names.removal(names.csrf)).map_err(Error::internal)?;
            Ok(res)
        }
        Err(e) => {
            let unverified = e.code() == "email_unverified";
            let (status, errors) = form_errors(e, ctx.lang)?;
            let p = page_ctx(&state, &ctx, "/login");
            Ok(html_status(
                status,
                login_page(&p, &LoginView { email: form.email, next: safe_next(&form.next), errors, unverified }),
            ))
        }
    }
}

#[post("/logout")]
async fn logout(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    let names = names(&state);
    if let Some(hash) = user.ctx.session_hash().map(str::to_string) {
        let now = state.now();
        let actor = user.actor.clone();
        state.db.run(move |c| service::logout(c, &actor, &hash, now)).await?;
    }
    let mut res = see_other("/login?msg=signed_out");
    res.add_cookie(&names.removal(names.session)).map_err(Error::internal)?;
    Ok(res)
}

// ---- one-time links ----

fn link_kind(p: LinkPurpose) -> LinkKind {
    match p {
        LinkPurpose::SetupAdmin => LinkKind::SetupAdmin,
        // Verification links never reach the set-password page (see `link_form`).
        LinkPurpose::Invite | LinkPurpose::VerifyEmail => LinkKind::Invite,
        LinkPurpose::Reset => LinkKind::Reset,
    }
}

#[get("/link/{token}")]
async fn link_form(state: State, ctx: RequestCtx, token: web::Path<String>) -> Result<HttpResponse, Error> {
    let token = token.into_inner();
    let now = state.now();
    let t = token.clone();
    let p = page_ctx(&state, &ctx, &format!("/link/{token}"));
    match state.db.run(move |c| service::open_link(c, &t, now)).await {
        Ok(open) if open.purpose == LinkPurpose::VerifyEmail => {
            let email = open.user.map(|u| u.email).unwrap_or_default();
            Ok(html(verify_page(&p, &token, &email)))
        }
        Ok(open) => Ok(html(set_password_page(
            &p,
            &SetPasswordView {
                kind: link_kind(open.purpose),
                token,
                email: open.user.as_ref().map(|u| u.email.clone()).unwrap_or_default(),
                full_name: open.user.as_ref().map(|u| u.full_name.clone()).unwrap_or_default(),
                min_length: state.settings.security.password_min_length,
                errors: FormErrors::default(),
            },
        ))),
        Err(Error::NotFound) => invalid_link(&state, &p, token).await,
        Err(e) => Err(e),
    }
}

/// The page for a link that no longer opens; a verification link offers a new one at once.
async fn invalid_link(state: &State, p: &PageCtx, token: String) -> Result<HttpResponse, Error> {
    let verification = state.db.run(move |c| signup::is_verification_link(c, &token)).await?;
    let page = if verification { verify_link_invalid_page(p) } else { link_invalid_page(p) };
    Ok(html_status(StatusCode::NOT_FOUND, page))
}

#[derive(Debug, Deserialize)]
struct LinkSubmit {
    #[serde(default)]
    email: String,
    #[serde(default)]
    full_name: String,
    // Absent on the verification page, which only confirms.
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

#[post("/link/{token}")]
async fn link_submit(
    state: State,
    ctx: RequestCtx,
    token: web::Path<String>,
    form: web::Form<LinkSubmit>,
) -> Result<HttpResponse, Error> {
    let token = token.into_inner();
    let form = form.into_inner();
    let p = page_ctx(&state, &ctx, &format!("/link/{token}"));
    let (now, t) = (state.now(), token.clone());
    match state.db.run(move |c| service::open_link(c, &t, now)).await {
        Ok(open) if open.purpose == LinkPurpose::VerifyEmail => return verify_submit(&state, &ctx, &p, token).await,
        Ok(_) => {}
        Err(Error::NotFound) => return invalid_link(&state, &p, token).await,
        Err(e) => return Err(e),
    }
    let input = LinkForm {
        email: form.email.clone(),
        full_name: form.full_name.clone(),
        password: form.password,
        password_confirm: form.password_confirm,
    };
    let (sec, now, rid) = (state.settings.security.clone(), state.now(), Some(ctx.request_id.clone()));
    let t = token.clone();
    match state.db.run(move |c| service::redeem_link(c, &t, &input, &sec, now, rid)).await {
        Ok((_, session)) => {
            let names = names(&state);
            let mut res = see_other("/?msg=welcome");
            res.add_cookie(&names.session_cookie(session.raw_id)).map_err(Error::internal)?;
            res.add_cookie(&names.removal(names.csrf)).map_err(Error::internal)?;
            Ok(res)
        }
        Err(Error::NotFound) => Ok(html_status(StatusCode::NOT_FOUND, link_invalid_page(&p))),
        Err(e) => {
            let (status, errors) = form_errors(e, ctx.lang)?;
            let now = state.now();
            let t = token.clone();
            let open = state.db.run(move |c| service::open_link(c, &t, now)).await?;
            Ok(html_status(
                status,
                set_password_page(
                    &p,
                    &SetPasswordView {
                        kind: link_kind(open.purpose),
                        token,
                        email: open.user.as_ref().map(|u| u.email.clone()).unwrap_or(form.email),
                        full_name: open.user.as_ref().map(|u| u.full_name.clone()).unwrap_or(form.full_name),
                        min_length: state.settings.security.password_min_length,
                        errors,
                    },
                ),
            ))
        }
    }
}

/// The confirm button of a verification link: verifies, signs in, lands on the home page.
async fn verify_submit(state: &State, ctx: &RequestCtx, p: &PageCtx, token: String) -> Result<HttpResponse, Error> {
    let (sec, now, rid) = (state.settings.security.clone(), state.now(), Some(ctx.request_id.clone()));
    let t = token.clone();
    match state.db.run(move |c| signup::verify_email(c, &t, &sec, now, rid)).await {
        Ok((_, session)) => {
            let names = names(state);
            let mut res = see_other("/?msg=email_verified");
            res.add_cookie(&names.session_cookie(session.raw_id)).map_err(Error::internal)?;
            res.add_cookie(&names.removal(names.csrf)).map_err(Error::internal)?;
            Ok(res)
        }
        Err(Error::NotFound) => invalid_link(state, p, token).await,
        Err(e) => Err(e),
    }
}

// ---- self sign-up ----

#[get("/daftar")]
async fn signup_form(state: State, ctx: RequestCtx) -> HttpResponse {
    if ctx.actor().is_some() {
        return see_other("/");
    }
    let view = SignupView {
        language: ctx.lang.code().to_string(),
        min_length: state.settings.security.password_min_length,
        ..Default::default()
    };
    html(signup_page(&page_ctx(&state, &ctx, "/daftar"), &view))
}

#[derive(Debug, Deserialize)]
struct SignupForm {
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    #[serde(default)]
    language: String,
    /// Present only when the box is ticked.
    consent: Option<String>,
}

#[post("/daftar")]
async fn signup_submit(
    state: State,
    ctx: RequestCtx,
    req: actix_web::HttpRequest,
    form: web::Form<SignupForm>,
) -> Result<HttpResponse, Error> {
    let form = form.into_inner();
    let l = ctx.lang;
    let p = page_ctx(&state, &ctx, "/daftar");
    let sec = &state.settings.security;
    let input = SignupInput {
        full_name: form.full_name.clone(),
        email: form.email.clone(),
        password: form.password,
        password_confirm: form.password_confirm,
        language: form.language.clone(),
        consent: form.consent.is_some(),
    };
    let rerender = |status: StatusCode, errors: FormErrors| {
        let view = SignupView {
            full_name: form.full_name.clone(),
            email: form.email.clone(),
            language: if Lang::parse(&form.language).is_some() { form.language.clone() } else { l.code().into() },
            consent: input.consent,
            min_length: sec.password_min_length,
            errors,
        };
        html_status(status, signup_page(&p, &view))
    };
    let valid = match rules::validate_signup(&input, sec.password_min_length) {
        Ok(valid) => valid,
        Err(problems) => {
            let errors = FormErrors(
                problems.iter().map(|p| (p.field.unwrap_or("").to_string(), p.message.get(l).to_string())).collect(),
            );
            return Ok(rerender(StatusCode::BAD_REQUEST, errors));
        }
    };
    let email = valid.email().to_string();
    let ip = client_ip(&req, state.settings.server.trust_forwarded_for);
    let (settings, now, rid) = (state.settings.clone(), state.now(), Some(ctx.request_id.clone()));
    let office_id = state.default_office_id.clone();
    match state.db.run(move |c| signup::sign_up(c, &valid, &office_id, &ip, &settings, now, rid)).await {
        Ok(()) => Ok(html(check_email_page(&p, &check_email_view(&state, SentKind::Signup, email)))),
        Err(e) => {
            let (status, errors) = form_errors(e, l)?;
            Ok(rerender(status, errors))
        }
    }
}

fn check_email_view(state: &State, kind: SentKind, email: String) -> CheckEmailView {
    CheckEmailView {
        kind,
        email,
        verify_hours: state.settings.security.verify_link_hours,
        resend_minutes: rules::VERIFY_RESEND_MINUTES,
    }
}

#[get("/daftar/kirim-ulang")]
async fn resend_form(state: State, ctx: RequestCtx) -> HttpResponse {
    html(resend_page(&page_ctx(&state, &ctx, "/daftar/kirim-ulang"), &ResendView::default()))
}

#[derive(Debug, Deserialize)]
struct ResendForm {
    #[serde(default)]
    email: String,
}

#[post("/daftar/kirim-ulang")]
async fn resend_submit(state: State, ctx: RequestCtx, form: web::Form<ResendForm>) -> Result<HttpResponse, Error> {
    let email = form.into_inner().email;
    let p = page_ctx(&state, &ctx, "/daftar/kirim-ulang");
    let (settings, now, rid) = (state.settings.clone(), state.now(), Some(ctx.request_id.clone()));
    let e = email.clone();
    match state.db.run(move |c| signup::resend_verification(c, &e, &settings, now, rid)).await {
        Ok(()) => {
            let shown = email.trim().to_lowercase();
            Ok(html(check_email_page(&p, &check_email_view(&state, SentKind::Resend, shown))))
        }
        Err(e) => {
            let (status, errors) = form_errors(e, ctx.lang)?;
            Ok(html_status(status, resend_page(&p, &ResendView { email, errors })))
        }
    }
}

// ---- language ----

#[derive(Debug, Deserialize)]
struct LanguageForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// The language switch in the header: stored on the account when signed in, in a cookie otherwise.
#[post("/language")]
async fn language_switch(state: State, ctx: RequestCtx, form: web::Form<LanguageForm>) -> Result<HttpResponse, Error> {
    let lang = Lang::parse(&form.lang).ok_or_else(|| {
        Error::invalid(
            "invalid_language",
            "lang",
            "Pilih Bahasa Indonesia atau English.",
            "Choose Bahasa Indonesia or English.",
        )
    })?;
    if let Some(actor) = ctx.actor().cloned() {
        let now = state.now();
        state.db.run(move |c| service::set_language(c, &actor, lang, now)).await?;
    }
    let mut res = see_other(&safe_next(&form.next));
    res.add_cookie(&names(&state).lang_cookie(lang)).map_err(Error::internal)?;
    Ok(res)
}

// ---- own account ----

fn account_view(actor: &Actor, state: &State, l: Lang, errors: FormErrors) -> AccountView {
    AccountView {
        email: actor.email.clone(),
        full_name: actor.full_name.clone(),
        role_label: actor.role.label(l).to_string(),
        language: actor.language,
        min_length: state.settings.security.password_min_length,
        errors,
    }
}

#[get("/account")]
async fn account(state: State, user: SignedIn, q: web::Query<MsgQuery>) -> HttpResponse {
    let p = ctx_with_flash(&state, &user.ctx, "/account", q.msg.as_deref());
    html(account_page(&p, &account_view(&user.actor, &state, user.ctx.lang, FormErrors::default())))
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    current_password: String,
    password: String,
    password_confirm: String,
}

#[post("/account/password")]
async fn account_password(state: State, user: SignedIn, form: web::Form<PasswordForm>) -> Result<HttpResponse, Error> {
    let form = form.into_inner();
    let (sec, now) = (state.settings.security.clone(), state.now());
    let actor = user.actor.clone();
    let keep = user.ctx.session_hash().map(str::to_string);
    let change = PasswordChange { current: form.current_password, new: form.password, confirm: form.password_confirm };
    let result = state.db.run(move |c| service::change_password(c, &actor, keep.as_deref(), &change, &sec, now)).await;
    match result {
        Ok(()) => Ok(see_other("/account?msg=password_changed")),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let p = page_ctx(&state, &user.ctx, "/account");
            Ok(html_status(status, account_page(&p, &account_view(&user.actor, &state, user.ctx.lang, errors))))
        }
    }
}

#[derive(Debug, Deserialize)]
struct AccountLanguageForm {
    language: String,
}

#[post("/account/language")]
async fn account_language(
    state: State,
    user: SignedIn,
    form: web::Form<AccountLanguageForm>,
) -> Result<HttpResponse, Error> {
    let lang = Lang::parse(&form.language).ok_or_else(|| {
        Error::invalid(
            "invalid_language",
            "language",
            "Pilih Bahasa Indonesia atau English.",
            "Choose Bahasa Indonesia or English.",
        )
    })?;
    let now = state.now();
    let actor = user.actor.clone();
    state.db.run(move |c| service::set_language(c, &actor, lang, now)).await?;
    Ok(see_other("/account?msg=language_saved"))
}

// ---- personal API tokens ----

async fn tokens_view(state: &State, actor: &Actor, l: Lang) -> Result<Vec<TokenRow>, Error> {
    let a = actor.clone();
    let rows = state.db.run(move |c| service::list_api_tokens(c, &a)).await?;
    let now = state.now();
    Ok(rows
        .into_iter()
        .map(|t| TokenRow {
            active: service::token_active(&t, now),
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            created: l.datetime(t.created_at),
            last_used: t.last_used_at.map(|d| l.datetime(d)),
            expires: t.expires_at.map(|d| l.datetime(d)),
        })
        .collect())
}

#[get("/account/tokens")]
async fn tokens(state: State, user: SignedIn, q: web::Query<MsgQuery>) -> Result<HttpResponse, Error> {
    let p = ctx_with_flash(&state, &user.ctx, "/account/tokens", q.msg.as_deref());
    let rows = tokens_view(&state, &user.actor, user.ctx.lang).await?;
    Ok(html(tokens_page(&p, &TokensView { tokens: rows, ..Default::default() })))
}

#[derive(Debug, Deserialize)]
struct TokenForm {
    name: String,
    #[serde(default)]
    expires_days: String,
}

/// Parses an optional whole number of days from a form field.
fn optional_days(raw: &str) -> Result<Option<i64>, Error> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>().map(Some).map_err(|_| {
        Error::invalid(
            "token_expiry_invalid",
            "expires_days",
            "Masa berlaku harus 1 sampai 365 hari.",
            "Validity must be 1 to 365 days.",
        )
    })
}

#[post("/account/tokens")]
async fn token_create(state: State, user: SignedIn, form: web::Form<TokenForm>) -> Result<HttpResponse, Error> {
    let form = form.into_inner();
    let now = state.now();
    let actor = user.actor.clone();
    let name = form.name.clone();
    let result = match optional_days(&form.expires_days) {
        Ok(days) => state.db.run(move |c| service::create_api_token(c, &actor, &name, days, now)).await,
        Err(e) => Err(e),
    };
    let p = page_ctx(&state, &user.ctx, "/account/tokens");
    match result {
        Ok((_, secret)) => {
            let rows = tokens_view(&state, &user.actor, user.ctx.lang).await?;
            Ok(html(tokens_page(&p, &TokensView { tokens: rows, new_secret: Some(secret), ..Default::default() })))
        }
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let rows = tokens_view(&state, &user.actor, user.ctx.lang).await?;
            Ok(html_status(
                status,
                tokens_page(
                    &p,
                    &TokensView {
                        tokens: rows,
                        name: form.name,
                        expires_days: form.expires_days,
                        errors,
                        ..Default::default()
                    },
                ),
            ))
        }
    }
}

#[post("/account/tokens/{id}/revoke")]
async fn token_revoke(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let now = state.now();
    let actor = user.actor.clone();
    state.db.run(move |c| service::revoke_api_token(c, &actor, &id, now)).await?;
    Ok(see_other("/account/tokens?msg=token_revoked"))
}

// ---- user administration ----

fn role_options(l: Lang) -> Vec<(String, String)> {
    Role::ALL.iter().map(|r| (r.as_str().to_string(), r.label(l).to_string())).collect()
}

fn role_label(role: &str, l: Lang) -> String {
    Role::parse(role).map(|r| r.label(l).to_string()).unwrap_or_else(|| role.to_string())
}

#[derive(Debug, Deserialize, Default)]
struct UsersQuery {
    q: Option<String>,
    role: Option<String>,
    status: Option<String>,
    page: Option<i64>,
}

#[get("/admin/users")]
async fn users_list(state: State, user: SignedIn, q: web::Query<UsersQuery>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let l = user.ctx.lang;
    let filter = UserQuery {
        q: trimmed(&q.q),
        role: trimmed(&q.role).filter(|r| Role::parse(r).is_some()),
        status: trimmed(&q.status).filter(|s| s == "active" || s == "disabled"),
    };
    let page = q.page.unwrap_or(1).max(1);
    let actor = user.actor.clone();
    let f = filter.clone();
    let (rows, total) = state.db.run(move |c| service::list_users(c, &actor, &f, page)).await?;
    let now = state.now();
    let query_string = serde_urlencoded::to_string([
        ("q", filter.q.clone().unwrap_or_default()),
        ("role", filter.role.clone().unwrap_or_default()),
        ("status", filter.status.clone().unwrap_or_default()),
    ])
    .unwrap_or_default();
    let view = UsersListView {
        rows: rows
            .into_iter()
            .map(|u| UserRowView {
                active: u.status == STATUS_ACTIVE,
                locked: rules::is_locked(u.locked_until, now),
                activated: u.password_hash.is_some(),
                role_label: role_label(&u.role, l),
                last_login: u.last_login_at.map(|d| l.datetime(d)),
                id: u.id,
                full_name: u.full_name,
                email: u.email,
            })
            .collect(),
        q: filter.q.unwrap_or_default(),
        role: filter.role.unwrap_or_default(),
        status: filter.status.unwrap_or_default(),
        role_options: role_options(l),
        page,
        per_page: service::USERS_PER_PAGE,
        total,
        query_string,
    };
    Ok(html(users_page(&page_ctx(&state, &user.ctx, "/admin/users"), &view)))
}

#[get("/admin/users/new")]
async fn user_new(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let l = user.ctx.lang;
    let view = UserFormView {
        role: "petugas".into(),
        language: "id".into(),
        role_options: role_options(l),
        ..Default::default()
    };
    Ok(html(user_form_page(&page_ctx(&state, &user.ctx, "/admin/users"), &view)))
}

#[derive(Debug, Deserialize, Clone)]
struct UserFormInput {
    email: String,
    full_name: String,
    role: String,
    language: String,
}

impl From<UserFormInput> for UserInput {
    fn from(f: UserFormInput) -> Self {
        UserInput { email: f.email, full_name: f.full_name, role: f.role, language: f.language }
    }
}

fn sent_view(user: &UserRow, link: &service::IssuedLink, l: Lang, new_user: bool) -> LinkSentView {
    LinkSentView {
        user_id: user.id.clone(),
        full_name: user.full_name.clone(),
        email: user.email.clone(),
        expires: l.datetime(link.expires_at),
        outbox_id: link.outbox_id.clone(),
        new_user,
    }
}

#[post("/admin/users")]
async fn user_create(state: State, user: SignedIn, form: web::Form<UserFormInput>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let form = form.into_inner();
    let l = user.ctx.lang;
    let (settings, now) = (state.settings.clone(), state.now());
    let actor = user.actor.clone();
    let input: UserInput = form.clone().into();
    let p = page_ctx(&state, &user.ctx, "/admin/users");
    match state.db.run(move |c| service::create_user(c, &actor, &input, &settings, now)).await {
        Ok((created, link)) => Ok(html(link_sent_page(&p, &sent_view(&created, &link, l, true)))),
        Err(e) => {
            let (status, errors) = form_errors(e, l)?;
            let view = UserFormView {
                id: None,
                email: form.email,
                full_name: form.full_name,
                role: form.role,
                language: form.language,
                role_options: role_options(l),
                errors,
            };
            Ok(html_status(status, user_form_page(&p, &view)))
        }
    }
}

#[get("/admin/users/{id}")]
async fn user_detail(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    q: web::Query<MsgQuery>,
) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let l = user.ctx.lang;
    let actor = user.actor.clone();
    let id = id.into_inner();
    let (row, history) = state
        .db
        .run(move |c| {
            let row = service::get_user(c, &actor, &id)?;
            let history = audit::service::history(c, &actor, "user", &id)?;
            Ok((row, history))
        })
        .await?;
    let now = state.now();
    let view = UserDetailView {
        is_self: row.id == user.actor.user_id,
        active: row.status == STATUS_ACTIVE,
        locked_until: row.locked_until.filter(|t| *t > now).map(|d| l.datetime(d)),
        activated: row.password_hash.is_some(),
        last_login: row.last_login_at.map(|d| l.datetime(d)),
        created: l.datetime(row.created_at),
        role_label: role_label(&row.role, l),
        language: if row.language == "en" { "English".into() } else { "Bahasa Indonesia".into() },
        id: row.id,
        email: row.email,
        full_name: row.full_name,
        history: history.into_iter().map(|r| audit::web::row_view(r, l)).collect(),
    };
    let p = ctx_with_flash(&state, &user.ctx, "/admin/users", q.msg.as_deref());
    Ok(html(user_detail_page(&p, &view)))
}

#[get("/admin/users/{id}/edit")]
async fn user_edit(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let actor = user.actor.clone();
    let row = state.db.run(move |c| service::get_user(c, &actor, &id)).await?;
    let view = UserFormView {
        id: Some(row.id),
        email: row.email,
        full_name: row.full_name,
        role: row.role,
        language: row.language,
        role_options: role_options(user.ctx.lang),
        errors: FormErrors::default(),
    };
    Ok(html(user_form_page(&page_ctx(&state, &user.ctx, "/admin/users"), &view)))
}

#[post("/admin/users/{id}")]
async fn user_update(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<UserFormInput>,
) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let id = id.into_inner();
    let form = form.into_inner();
    let now = state.now();
    let actor = user.actor.clone();
    let input: UserInput = form.clone().into();
    let uid = id.clone();
    match state.db.run(move |c| service::update_user(c, &actor, &uid, &input, now)).await {
        Ok(_) => Ok(see_other(&format!("/admin/users/{id}?msg=user_saved"))),
        Err(e) => {
            let l = user.ctx.lang;
            let (status, errors) = form_errors(e, l)?;
            let view = UserFormView {
                id: Some(id),
                email: form.email,
                full_name: form.full_name,
                role: form.role,
                language: form.language,
                role_options: role_options(l),
                errors,
            };
            Ok(html_status(status, user_form_page(&page_ctx(&state, &user.ctx, "/admin/users"), &view)))
        }
    }
}

async fn set_active(state: State, user: SignedIn, id: String, active: bool) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let now = state.now();
    let actor = user.actor.clone();
    let uid = id.clone();
    state.db.run(move |c| service::set_user_active(c, &actor, &uid, active, now)).await?;
    let msg = if active { "user_enabled" } else { "user_disabled" };
    Ok(see_other(&format!("/admin/users/{id}?msg={msg}")))
}

#[post("/admin/users/{id}/disable")]
async fn user_disable(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    set_active(state, user, id.into_inner(), false).await
}

#[post("/admin/users/{id}/enable")]
async fn user_enable(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    set_active(state, user, id.into_inner(), true).await
}

#[post("/admin/users/{id}/reset")]
async fn user_reset(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let (settings, now) = (state.settings.clone(), state.now());
    let actor = user.actor.clone();
    let (row, link) = state.db.run(move |c| service::issue_reset_link(c, &actor, &id, &settings, now)).await?;
    Ok(html(link_sent_page(
        &page_ctx(&state, &user.ctx, "/admin/users"),
        &sent_view(&row, &link, user.ctx.lang, false),
    )))
}
