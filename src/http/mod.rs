//! The HTTP edge: application state, request context, sessions and CSRF, headers, errors, assets, health.

pub mod errors;
pub mod headers;
pub mod health;
pub mod session;
pub mod telemetry;

use std::collections::HashMap;
use std::future::{ready, Ready};
use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use harmoni_templates::{Lang, NavItem, PageCtx};
use maud::Markup;

use crate::accounts::service::ResolvedSession;
use crate::accounts::{Actor, Role};
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::error::Error;
use crate::offices::model::Office;

/// Everything a handler may need, shared by all workers.
#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub db: Db,
    pub clock: Clock,
    /// Offices by id, as synchronised from the configuration at start-up.
    pub offices: Arc<HashMap<String, Office>>,
    pub default_office_id: String,
    /// Where the outbox worker hands messages (tests read the memory transport through it).
    pub mailer: crate::notifications::transport::Mailer,
}

impl AppState {
    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.get(id)
    }

    pub fn now(&self) -> chrono::NaiveDateTime {
        self.clock.now_naive()
    }

    /// The storage directory for uploaded documents.
    pub fn store(&self) -> crate::documents::store::Store {
        crate::documents::store::Store::new(&self.settings.storage.dir)
    }

    /// Today's date at the office (WIB, UTC+7): the day 0 of deadlines started now.
    pub fn today(&self) -> chrono::NaiveDate {
        (self.clock.now() + chrono::Duration::hours(7)).date_naive()
    }
}

/// How the request is authenticated.
#[derive(Debug, Clone)]
pub enum Auth {
    Anonymous,
    /// A browser session (cookie); state-changing requests need the CSRF token.
    Session(ResolvedSession),
    /// A personal API token (Authorization: Bearer).
    Token(Actor),
}

/// What the session layer learnt about the request, available to every handler.
#[derive(Debug, Clone)]
pub struct RequestCtx {
    pub auth: Auth,
    pub csrf_token: String,
    pub lang: Lang,
    pub request_id: String,
    /// Unread in-app notices of the signed-in user (shown in the header).
    pub unread: i64,
}

impl RequestCtx {
    pub fn actor(&self) -> Option<&Actor> {
        match &self.auth {
            Auth::Anonymous => None,
            Auth::Session(s) => Some(&s.actor),
            Auth::Token(a) => Some(a),
        }
    }

    pub fn session_hash(&self) -> Option<&str> {
        match &self.auth {
            Auth::Session(s) => Some(&s.id_hash),
            _ => None,
        }
    }
}

fn request_ctx(req: &HttpRequest) -> RequestCtx {
    req.extensions().get::<RequestCtx>().cloned().unwrap_or_else(|| RequestCtx {
        auth: Auth::Anonymous,
        csrf_token: String::new(),
        lang: Lang::Id,
        unread: 0,
        request_id: req.extensions().get::<tracing_actix_web::RequestId>().map(|r| r.to_string()).unwrap_or_default(),
    })
}

impl FromRequest for RequestCtx {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(request_ctx(req)))
    }
}

/// A signed-in user (session or API token); anyone else gets the login page or a 401.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub actor: Actor,
    pub ctx: RequestCtx,
}

impl FromRequest for SignedIn {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let ctx = request_ctx(req);
        ready(match ctx.actor().cloned() {
            Some(actor) => Ok(SignedIn { actor, ctx }),
            None => Err(Error::Unauthenticated.into()),
        })
    }
}

/// Builds the layout context: language, user, CSRF token, and the navigation the role may use.
pub fn page_ctx(state: &AppState, ctx: &RequestCtx, path: &str) -> PageCtx {
    let l = ctx.lang;
    let actor = ctx.actor();
    let office_id = actor.map(|a| a.office_id.as_str()).unwrap_or(&state.default_office_id);
    let office_name = state.office(office_id).map(|o| o.name.clone()).unwrap_or_default();
    let mut nav = Vec::new();
    let mut add = |href: &str, label: &str| {
        // "/laporan" is not current on "/laporan-phk": a prefix counts only up to a slash.
        let current = if href == "/" {
            path == "/"
        } else {
            path == href || path.starts_with(&format!("{href}/")) || path.starts_with(&format!("{href}?"))
        };
        nav.push(NavItem { href: href.to_string(), label: label.to_string(), current });
    };
    if let Some(actor) = actor {
        add("/", l.t("Beranda", "Home"));
        let inbox = if ctx.unread > 0 {
            format!("{} ({} {})", l.t("Kotak masuk", "Inbox"), ctx.unread, l.t("baru", "new"))
        } else {
            l.t("Kotak masuk", "Inbox").to_string()
        };
        add("/inbox", &inbox);
        if actor.role != Role::Admin {
            add("/kasus", l.t("Kasus", "Cases"));
        }
        if actor.role == Role::Perusahaan {
            add("/perusahaan", l.t("Perusahaan saya", "My companies"));
        } else if actor.role.is_staff() {
            add("/perusahaan", l.t("Perusahaan", "Companies"));
            add("/serikat", l.t("Serikat", "Unions"));
            add("/tripartit", "LKS Tripartit");
        }
        // Notices and PHK reports: the office's desk staff, and representatives for their own
        // companies (the same roles `notices::service::scope` lets in).
        if matches!(actor.role, Role::Petugas | Role::Pimpinan | Role::Mediator | Role::Perusahaan) {
            add("/pemberitahuan", l.t("Mogok & penutupan", "Strikes & lock-outs"));
            add("/laporan-phk", l.t("Laporan PHK", "PHK reports"));
            // PP/PKB: the same roles `regulations::service::scope` lets in.
            add("/pp-pkb", "PP & PKB");
        }
        // The office schedule of sessions: the same roles `schedules::service::schedule` lets in.
        if matches!(actor.role, Role::Petugas | Role::Pimpinan | Role::Mediator) {
            add("/jadwal", l.t("Jadwal sidang", "Sessions"));
        }
        // Leadership reports: the roles `reports::service::reader` lets in (a mediator: disputes).
        if matches!(actor.role, Role::Petugas | Role::Pimpinan | Role::Mediator | Role::Admin) {
            add("/laporan", l.t("Laporan", "Reports"));
        }
        add("/kalender", l.t("Kalender", "Calendar"));
        if actor.role == Role::Admin {
            add("/admin/users", l.t("Pengguna", "Users"));
            add("/admin/kalender", l.t("Kelola kalender", "Manage calendar"));
            add("/admin/outbox", l.t("Kotak keluar", "Outbox"));
            add("/admin/audit", l.t("Jejak audit", "Audit trail"));
        }
        add("/account", l.t("Akun saya", "My account"));
    } else {
        add("/kalender", l.t("Kalender hari kerja", "Working-day calendar"));
        add("/lacak", l.t("Lacak pengaduan", "Track a complaint"));
        add("/daftar", l.t("Daftar akun pekerja", "Worker sign-up"));
    }
    PageCtx {
        lang: l,
        user: actor.map(|a| (a.full_name.clone(), a.role.label(l).to_string())),
        csrf_token: ctx.csrf_token.clone(),
        path: path.to_string(),
        office_name,
        nav,
        flash: None,
    }
}

/// An HTML page response; never cached (set by the header layer).
pub fn html(markup: Markup) -> HttpResponse {
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(markup.into_string())
}

/// An HTML page with a non-200 status (a form re-shown with its errors).
pub fn html_status(status: actix_web::http::StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status).content_type("text/html; charset=utf-8").body(markup.into_string())
}

/// A problem a form can show next to its field (invalid input, a conflict) with the status
/// to answer; any other error propagates to the error page.
pub fn form_errors(
    e: Error,
    l: Lang,
) -> Result<(actix_web::http::StatusCode, harmoni_templates::components::FormErrors), Error> {
    use actix_web::ResponseError;
    match &e {
        Error::Invalid(p) | Error::Conflict(p) | Error::TooMany(p) => Ok((
            e.status_code(),
            harmoni_templates::components::FormErrors::one(p.field.unwrap_or(""), p.message.get(l)),
        )),
        _ => Err(e),
    }
}

/// The value of a field of a submitted form's (name, value) pairs; empty when absent.
pub fn form_field(fields: &[(String, String)], key: &str) -> String {
    fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
}

/// A query or form value with surrounding spaces removed; empty counts as absent.
pub fn trimmed(value: &Option<String>) -> Option<String> {
    value.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// POST-redirect-GET.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish()
}

/// A local path to go back to after login; anything else (another host, odd schemes) is refused.
pub fn safe_next(next: &str) -> String {
    let ok =
        next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.chars().any(char::is_control);
    if ok {
        next.to_string()
    } else {
        "/".to_string()
    }
}

/// The client's address: the TCP peer, or, behind a reverse proxy that says so in the settings,
/// the last X-Forwarded-For entry (the one the proxy itself appended; earlier entries come from
/// the client and could be anything).
pub fn client_ip(req: &HttpRequest, trust_forwarded_for: bool) -> String {
    let forwarded = trust_forwarded_for
        .then(|| {
            req.headers()
                .get_all("x-forwarded-for")
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .rfind(|v| !v.is_empty())
                .map(str::to_string)
        })
        .flatten();
    forwarded.or_else(|| req.peer_addr().map(|a| a.ip().to_string())).unwrap_or_else(|| "unknown".to_string())
}

/// Shorthand for the state in handlers.
pub type State = web::Data<AppState>;

#[cfg(test)]
mod tests {
    use super::{client_ip, safe_next};
    use actix_web::test::TestRequest;

    #[test]
    fn the_client_address_comes_from_the_proxy_only_when_trusted() {
        let req = TestRequest::default()
            .peer_addr("10.0.0.2:4000".parse().expect("addr"))
            .insert_header(("x-forwarded-for", "1.2.3.4, 203.0.113.9"))
            .to_http_request();
        assert_eq!(client_ip(&req, false), "10.0.0.2", "a header anyone can send is ignored by default");
        assert_eq!(client_ip(&req, true), "203.0.113.9", "the entry the proxy appended, not the client's claim");
        let direct = TestRequest::default().peer_addr("10.0.0.2:4000".parse().expect("addr")).to_http_request();
        assert_eq!(client_ip(&direct, true), "10.0.0.2");
    }

    #[test]
    fn next_is_local_only() {
        assert_eq!(safe_next("/admin/users?page=2"), "/admin/users?page=2");
        for bad in ["https://evil.example", "//evil.example", "/\\evil", "javascript:alert(1)", ""] {
            assert_eq!(safe_next(bad), "/", "{bad}");
        }
    }
}

/// A multipart form: its text fields in order and its `berkas` file, when one was chosen.
#[derive(Debug, Default)]
pub struct MultipartForm {
    pub fields: Vec<(String, String)>,
    pub file: Option<(String, Vec<u8>)>,
}

impl MultipartForm {
    pub fn get(&self, key: &str) -> String {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

/// Reads the `berkas` file of a multipart form, refusing files over `max` bytes; returns the
/// name the browser gave and the content.
pub async fn read_upload(payload: actix_multipart::Multipart, max: usize) -> Result<(String, Vec<u8>), Error> {
    read_multipart(payload, max).await?.file.ok_or_else(|| {
        Error::invalid("file_required", "berkas", "Pilih berkas yang akan diunggah.", "Choose a file to upload.")
    })
}

/// Reads a multipart form: text fields (at most 64 KB each) and the `berkas` file (at most
/// `max` bytes; an empty file input counts as no file).
pub async fn read_multipart(mut payload: actix_multipart::Multipart, max: usize) -> Result<MultipartForm, Error> {
    use futures_util::StreamExt;
    const MAX_TEXT: usize = 64 * 1024;
    let unreadable =
        || Error::invalid("bad_upload", "berkas", "Unggahan tidak terbaca.", "The upload could not be read.");
    let mut form = MultipartForm::default();
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| unreadable())?;
        let name = field.name().unwrap_or_default().to_string();
        if name != "berkas" {
            let mut bytes = Vec::new();
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(|_| unreadable())?;
                if bytes.len() + chunk.len() > MAX_TEXT {
                    return Err(unreadable());
                }
                bytes.extend_from_slice(&chunk);
            }
            form.fields.push((name, String::from_utf8(bytes).map_err(|_| unreadable())?));
            continue;
        }
        let filename = field.content_disposition().and_then(|cd| cd.get_filename()).unwrap_or("berkas").to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| unreadable())?;
            if bytes.len() + chunk.len() > max {
                let mb = max / (1024 * 1024);
                return Err(Error::Invalid(crate::error::Problem {
                    code: "file_too_large",
                    field: Some("berkas"),
                    message: crate::error::Bilingual::new(
                        format!("Berkas lebih dari {mb} MB."),
                        format!("The file is larger than {mb} MB."),
                    ),
                }));
            }
            bytes.extend_from_slice(&chunk);
        }
        if !(bytes.is_empty() && filename.is_empty()) {
            form.file = Some((filename, bytes));
        }
    }
    Ok(form)
}
