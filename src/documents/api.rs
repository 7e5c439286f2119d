//! Document download in the API: the same authorisation as the page.

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::documents::model::DocumentRow;
use crate::documents::service;
use crate::error::Error;
use crate::http::{SignedIn, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(download);
}

/// Download a document (minutes, wage scale, letter) by id.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents",
    params(("id" = String, Path, description = "Document id")),
    responses((status = 200, description = "The file, as an attachment", content_type = "application/octet-stream"),
        (status = 404, description = "No such document, or not yours to see")))]
#[get("/api/v1/documents/{id}")]
pub async fn download(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let (actor, store) = (user.actor.clone(), state.store());
    let (row, bytes) = state.db.run(move |c| service::open(c, &store, &actor, &id)).await?;
    Ok(crate::documents::web::attachment(&row, bytes))
}

/// A document as the API describes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentOut {
    pub id: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    /// Download address.
    pub href: String,
}

impl From<&DocumentRow> for DocumentOut {
    fn from(d: &DocumentRow) -> Self {
        DocumentOut {
            id: d.id.clone(),
            filename: d.filename.clone(),
            content_type: d.content_type.clone(),
            size_bytes: d.size_bytes,
            sha256: d.sha256.clone(),
            href: format!("/api/v1/documents/{}", d.id),
        }
    }
}
