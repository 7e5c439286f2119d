//! Liveness (`/healthz`), readiness (`/readyz`: the database answers), and the static assets.

use actix_web::{get, HttpResponse};
use diesel::RunQueryDsl;

use crate::http::State;

#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("ok")
}

#[get("/readyz")]
pub async fn readyz(state: State) -> HttpResponse {
    let ready = state
        .db
        .run(|c| {
            diesel::sql_query("SELECT 1").execute(c)?;
            Ok(())
        })
        .await;
    match ready {
        Ok(()) => HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("ready"),
        Err(e) => {
            tracing::error!(error = %e, "readiness check failed");
            HttpResponse::ServiceUnavailable().content_type("text/plain; charset=utf-8").body("database unavailable")
        }
    }
}

#[get("/static/app.css")]
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok().content_type("text/css; charset=utf-8").body(harmoni_templates::APP_CSS)
}

#[get("/static/favicon.svg")]
pub async fn favicon() -> HttpResponse {
    HttpResponse::Ok().content_type("image/svg+xml").body(harmoni_templates::FAVICON_SVG)
}
