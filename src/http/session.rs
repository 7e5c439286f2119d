//! The session layer: finds the user (cookie or bearer token), the language, the CSRF token,
//! and refuses state-changing requests without a matching token or from another origin.

use actix_web::body::BoxBody;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};
use harmoni_templates::Lang;

use crate::accounts::service;
use crate::error::Error;
use crate::http::{AppState, Auth, RequestCtx};
use crate::notifications::service as notifications;
use crate::secrets;

/// Cookie names: `__Host-` prefixed when cookies are secure, which pins them to this host and path `/`.
#[derive(Debug, Clone, Copy)]
pub struct CookieNames {
    pub session: &'static str,
    pub csrf: &'static str,
    pub secure: bool,
}

pub const LANG_COOKIE: &str = "harmoni_lang";
pub const CSRF_FIELD: &str = "csrf_token";
pub const CSRF_HEADER: &str = "x-csrf-token";

impl CookieNames {
    pub fn new(secure: bool) -> Self {
        if secure {
            CookieNames { session: "__Host-harmoni_session", csrf: "__Host-harmoni_csrf", secure }
        } else {
            CookieNames { session: "harmoni_session", csrf: "harmoni_csrf", secure }
        }
    }

    fn base<'c>(&self, name: &'static str, value: String) -> Cookie<'c> {
        let mut c = Cookie::new(name, value);
        c.set_path("/");
        c.set_http_only(true);
        c.set_secure(self.secure);
        c.set_same_site(SameSite::Lax);
        c
    }

    /// The session cookie: a browser-session cookie; the server enforces idle and absolute limits.
    pub fn session_cookie<'c>(&self, raw_id: String) -> Cookie<'c> {
        self.base(self.session, raw_id)
    }

    pub fn csrf_cookie<'c>(&self, token: String) -> Cookie<'c> {
        self.base(self.csrf, token)
    }

    pub fn removal<'c>(&self, name: &'static str) -> Cookie<'c> {
        let mut c = self.base(name, String::new());
        c.set_max_age(CookieDuration::ZERO);
        c
    }

    pub fn lang_cookie<'c>(&self, lang: Lang) -> Cookie<'c> {
        let mut c = Cookie::new(LANG_COOKIE, lang.code());
        c.set_path("/");
        c.set_secure(self.secure);
        c.set_same_site(SameSite::Lax);
        c.set_max_age(CookieDuration::days(365));
        c
    }
}

fn is_safe_method(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn header_str<'a>(req: &'a ServiceRequest, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// A state-changing request must come from our own pages: browsers say so in
/// Sec-Fetch-Site and Origin. Clients that send neither (scripts with tokens) pass here.
fn check_origin(req: &ServiceRequest, public_url: &str) -> Result<(), Error> {
    if let Some(site) = header_str(req, "sec-fetch-site") {
        if site != "same-origin" && site != "none" {
            return Err(Error::Csrf);
        }
    }
    if let Some(origin) = header_str(req, "origin") {
        if origin != public_url {
            return Err(Error::Csrf);
        }
    }
    Ok(())
}

/// The token sent with the request: the X-CSRF-Token header, or the `csrf_token` form field
/// (the body is read here and put back for the handler).
async fn provided_token(req: &mut ServiceRequest) -> Result<Option<String>, actix_web::Error> {
    if let Some(token) = header_str(req, CSRF_HEADER) {
        return Ok(Some(token.to_string()));
    }
    let content_type = header_str(req, header::CONTENT_TYPE.as_str()).unwrap_or("");
    if content_type.starts_with("multipart/form-data") {
        // A file upload carries its token in the form's action URL (the body is streamed to
        // the handler, not read here); query strings never reach the logs.
        let token = serde_urlencoded::from_str::<Vec<(String, String)>>(req.query_string())
            .ok()
            .and_then(|fields| fields.into_iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v));
        return Ok(token);
    }
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    if !is_form {
        return Ok(None);
    }
    let body = req.extract::<web::Bytes>().await?;
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body)
        .ok()
        .and_then(|fields| fields.into_iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v));
    req.set_payload(actix_web::dev::Payload::from(body));
    Ok(token)
}

/// The middleware itself; never returns an error, so outer layers see every response.
pub async fn session_layer(
    mut req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let path = req.path();
    if path.starts_with("/static/") || path == "/healthz" || path == "/readyz" {
        return next.call(req).await;
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(req.error_response(Error::internal("application state missing")));
    };
    let request_id = req.extensions().get::<tracing_actix_web::RequestId>().map(|r| r.to_string()).unwrap_or_default();
    let names = CookieNames::new(state.settings.secure_cookies());
    let now = state.now();
    let sec = state.settings.security.clone();

    let bearer = header_str(&req, header::AUTHORIZATION.as_str())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    let mut auth = Auth::Anonymous;
    let mut unread = 0;
    let mut stale_session_cookie = false;
    if let Some(token) = bearer {
        let rid = Some(request_id.clone());
        match state.db.run(move |c| service::resolve_api_token(c, &token, now, rid)).await {
            Ok(Some(actor)) => auth = Auth::Token(actor),
            Ok(None) => return Ok(req.error_response(Error::Unauthenticated)),
            Err(e) => return Ok(req.error_response(e)),
        }
    } else if let Some(cookie) = req.cookie(names.session) {
        let raw = cookie.value().to_string();
        let rid = Some(request_id.clone());
        let found = state
            .db
            .run(move |c| {
                let session = service::resolve_session(c, &raw, &sec, now, rid)?;
                let unread = match &session {
                    Some(s) => notifications::unread_count(c, &s.actor.user_id)?,
                    None => 0,
                };
                Ok((session, unread))
            })
            .await;
        match found {
            Ok((Some(session), count)) => {
                auth = Auth::Session(session);
                unread = count;
            }
            Ok((None, _)) => stale_session_cookie = true,
            Err(e) => return Ok(req.error_response(e)),
        }
    }

    let mut new_anon_csrf = None;
    let csrf_token = match &auth {
        Auth::Session(s) => s.csrf_token.clone(),
        Auth::Token(_) => String::new(),
        Auth::Anonymous => match req.cookie(names.csrf) {
            Some(c) if c.value().len() == 43 => c.value().to_string(),
            _ => {
                let token = secrets::random_token();
                new_anon_csrf = Some(token.clone());
                token
            }
        },
    };

    let lang = match &auth {
        Auth::Session(s) => s.actor.language,
        Auth::Token(a) => a.language,
        Auth::Anonymous => req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())).unwrap_or(
            match state.settings.ui.default_language {
                crate::config::Language::Id => Lang::Id,
                crate::config::Language::En => Lang::En,
            },
        ),
    };

    let ctx = RequestCtx { auth, csrf_token, lang, request_id, unread };
    req.extensions_mut().insert(ctx.clone());

    if !is_safe_method(req.method()) {
        if let Err(e) = check_origin(&req, &state.settings.server.public_url) {
            tracing::warn!(reason = "origin", "state-changing request refused");
            return Ok(req.error_response(e));
        }
        if !matches!(ctx.auth, Auth::Token(_)) {
            let provided = match provided_token(&mut req).await {
                Ok(p) => p,
                Err(e) => return Ok(req.error_response(e)),
            };
            let valid =
                new_anon_csrf.is_none() && provided.is_some_and(|p| secrets::constant_time_eq(&p, &ctx.csrf_token));
            if !valid {
                tracing::warn!(reason = "csrf_token", "state-changing request refused");
                let mut res = req.error_response(Error::Csrf);
                if let Some(token) = new_anon_csrf {
                    let _ = res.response_mut().add_cookie(&names.csrf_cookie(token));
                }
                return Ok(res);
            }
        }
    }

    let mut res = next.call(req).await?;
    let sets = |res: &ServiceResponse<BoxBody>, name: &str| res.response().cookies().any(|c| c.name() == name);
    if let Some(token) = new_anon_csrf {
        if !sets(&res, names.csrf) {
            let _ = res.response_mut().add_cookie(&names.csrf_cookie(token));
        }
    }
    if stale_session_cookie && !sets(&res, names.session) {
        let _ = res.response_mut().add_cookie(&names.removal(names.session));
    }
    Ok(res)
}
