//! Turns every error response into a page (Indonesian or English) or an `application/problem+json`
//! body with a stable code and the request id, and logs internal causes once.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpResponse, ResponseError};
use harmoni_templates::pages::errors::error_page;
use harmoni_templates::Lang;
use serde::Serialize;

use crate::error::{Bilingual, Error};
use crate::http::{page_ctx, AppState, RequestCtx};

impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        match self {
            Error::NotFound => StatusCode::NOT_FOUND,
            Error::Forbidden | Error::Csrf => StatusCode::FORBIDDEN,
            Error::Unauthenticated => StatusCode::UNAUTHORIZED,
            Error::Invalid(_) => StatusCode::BAD_REQUEST,
            Error::Conflict(_) => StatusCode::CONFLICT,
            Error::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
            Error::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A bare response; the layer below renders the body once it knows the request.
    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code()).finish()
    }
}

/// The JSON problem document (RFC 9457).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemBody {
    /// `urn:harmoni:problem:<code>`
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// Stable machine-readable code, e.g. `login_failed`, `email_taken`, `not_found`.
    pub code: String,
    pub detail: String,
    /// The input field or query parameter at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub request_id: String,
}

fn generic(status: StatusCode) -> (&'static str, Bilingual) {
    match status.as_u16() {
        404 => ("not_found", Error::NotFound.message()),
        405 => (
            "method_not_allowed",
            Bilingual::new(
                "Metode permintaan ini tidak didukung di alamat ini.",
                "This request method is not supported here.",
            ),
        ),
        413 => ("payload_too_large", Bilingual::new("Data yang dikirim terlalu besar.", "The data sent is too large.")),
        415 => (
            "unsupported_media_type",
            Bilingual::new("Jenis data yang dikirim tidak didukung.", "The type of data sent is not supported."),
        ),
        401 => ("unauthenticated", Error::Unauthenticated.message()),
        403 => ("forbidden", Error::Forbidden.message()),
        503 => ("unavailable", Error::Unavailable.message()),
        s if s >= 500 => ("internal", Error::internal("").message()),
        _ => (
            "bad_request",
            Bilingual::new(
                "Permintaan tidak valid. Periksa kembali data yang dikirim.",
                "The request is not valid. Check the data you sent.",
            ),
        ),
    }
}

fn title(status: StatusCode, lang: Lang) -> &'static str {
    match status.as_u16() {
        400 => lang.t("Permintaan tidak valid", "Bad request"),
        401 => lang.t("Perlu masuk", "Sign-in required"),
        403 => lang.t("Akses ditolak", "Access denied"),
        404 => lang.t("Tidak ditemukan", "Not found"),
        409 => lang.t("Tidak dapat diproses", "Conflict"),
        429 => lang.t("Terlalu banyak permintaan", "Too many requests"),
        503 => lang.t("Layanan sibuk", "Service busy"),
        s if s >= 500 => lang.t("Kesalahan sistem", "System error"),
        _ => lang.t("Permintaan tidak dapat diproses", "Request could not be processed"),
    }
}

/// Whether a response already has a body meant for the user (a form re-shown with errors,
/// a JSON answer); those pass untouched.
fn already_rendered(res: &ServiceResponse<BoxBody>) -> bool {
    let ct = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    res.response().error().is_none() && (ct.starts_with("text/html") || ct.contains("json"))
}

pub async fn render_errors(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let res = next.call(req).await?;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || already_rendered(&res) {
        return Ok(res);
    }
    let (req, old) = res.into_parts();
    let domain = old.error().and_then(|e| e.as_error::<Error>());
    let ctx = req.extensions().get::<RequestCtx>().cloned();
    let request_id = req.extensions().get::<tracing_actix_web::RequestId>().map(|r| r.to_string()).unwrap_or_default();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or_default();
    let is_api = req.path().starts_with("/api/");

    let (code, message, field, detail) = match domain {
        Some(e) => {
            if let Error::Internal(cause) = e {
                tracing::error!(error = %format!("{cause:#}"), "request failed");
            }
            let field = match e {
                Error::Invalid(p) | Error::Conflict(p) | Error::TooMany(p) => p.field.map(str::to_string),
                _ => None,
            };
            (e.code().to_string(), e.message(), field, None)
        }
        None => {
            let (code, message) = generic(status);
            if status.is_server_error() {
                if let Some(err) = old.error() {
                    tracing::error!(error = %err, "request failed");
                }
            }
            // Parsing errors from the framework explain what was wrong with the client's own input.
            let detail = (is_api && status.is_client_error()).then(|| old.error().map(|e| e.to_string())).flatten();
            (code.to_string(), message, None, detail)
        }
    };

    let mut new = if is_api {
        let body = ProblemBody {
            kind: format!("urn:harmoni:problem:{code}"),
            title: title(status, Lang::En).to_string(),
            status: status.as_u16(),
            code: code.clone(),
            detail: detail.unwrap_or_else(|| message.get(lang).to_string()),
            field,
            request_id: request_id.clone(),
        };
        let mut b = HttpResponse::build(status);
        b.content_type("application/problem+json");
        if status == StatusCode::UNAUTHORIZED {
            b.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"harmoni\""));
        }
        b.body(serde_json::to_string(&body).unwrap_or_default())
    } else if matches!(domain, Some(Error::Unauthenticated)) {
        // Pages send anonymous visitors to sign in and bring them back afterwards.
        let back = if req.method() == actix_web::http::Method::GET {
            req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/").to_string()
        } else {
            "/".to_string()
        };
        let location = format!("/login?next={}", urlencode(&back));
        HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish()
    } else {
        let markup = match (req.app_data::<web::Data<AppState>>(), &ctx) {
            (Some(state), Some(ctx)) => {
                let pctx = page_ctx(state, ctx, req.path());
                error_page(&pctx, status.as_u16(), title(status, lang), message.get(lang), &request_id)
            }
            _ => error_page(&Default::default(), status.as_u16(), title(status, lang), message.get(lang), &request_id),
        };
        HttpResponse::build(status).content_type("text/html; charset=utf-8").body(markup.into_string())
    };
    // Keep cookies the inner layers set (e.g. a fresh CSRF cookie) and the Allow header.
    for (name, value) in old.headers() {
        if name == header::SET_COOKIE || name == header::ALLOW {
            new.headers_mut().append(name.clone(), value.clone());
        }
    }
    Ok(ServiceResponse::new(req, new.map_body(|_, b| b.boxed())))
}

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|e| e.trim_start_matches('=').to_string()).unwrap_or_default()
}
