//! Security headers on every response (pages, API, errors, static files) and the caching rule.

use actix_web::body::BoxBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};

use crate::http::AppState;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub async fn security_headers(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let hsts =
        req.app_data::<web::Data<AppState>>().is_some_and(|s| s.settings.server.public_url.starts_with("https://"));
    let is_static = req.path().starts_with("/static/");
    let request_id = req.extensions().get::<tracing_actix_web::RequestId>().map(|r| r.to_string());
    let mut res = next.call(req).await?;
    let cacheable = is_static && res.status().is_success();
    let h = res.headers_mut();
    if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        h.insert(HeaderName::from_static("x-request-id"), id);
    }
    // A handler may set a stricter policy (documents are served sandboxed).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    }
    let mut set = |name: HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts,
    // which the CSRF origin check must refuse. Nothing leaks to other sites either way.
    set(header::REFERRER_POLICY, "same-origin");
    set(HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=(), payment=()");
    set(HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    set(HeaderName::from_static("cross-origin-resource-policy"), "same-origin");
    if hsts {
        set(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    // Static files are public and versioned by deployment; everything else may hold personal
    // data and must never be stored by a browser or proxy.
    if cacheable {
        set(header::CACHE_CONTROL, "public, max-age=3600");
    } else {
        set(header::CACHE_CONTROL, "no-store");
        set(header::PRAGMA, "no-cache");
    }
    Ok(res)
}
