//! Document download: `/berkas/{id}`, as an attachment under its own name and type.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};

use crate::documents::model::DocumentRow;
use crate::documents::{rules, service};
use crate::error::Error;
use crate::http::{SignedIn, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(download);
}

/// The response that hands over a document: always a download, never rendered in our origin.
pub fn attachment(row: &DocumentRow, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(row.content_type.as_str())
        .insert_header((header::CONTENT_DISPOSITION, rules::attachment_header(&row.filename)))
        .insert_header((header::CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'"))
        .body(bytes)
}

#[get("/berkas/{id}")]
async fn download(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let (actor, store) = (user.actor.clone(), state.store());
    let (row, bytes) = state.db.run(move |c| service::open(c, &store, &actor, &id)).await?;
    Ok(attachment(&row, bytes))
}
