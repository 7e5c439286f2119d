//! Document download: `/berkas/{id}`, as an attachment under its own name and type; and the
//! reading of uploads for the pages and the API that attach documents to their records.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};

use crate::documents::model::DocumentRow;
use crate::documents::service::Stored;
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

/// Checks an upload and writes it to the storage directory, off the request thread. Done
/// before the transaction that records it.
pub async fn store_upload(state: &State, name: String, bytes: Vec<u8>) -> Result<Stored, Error> {
    let store = state.store();
    web::block(move || service::store(&store, &name, &bytes)).await.map_err(Error::internal)?
}

/// Reads a multipart form and stores its `berkas` file, when one was chosen. The text fields
/// (repeated ones included, in order) come back even when the file is refused, so that the
/// form can be shown again; an unreadable form gives no fields.
pub async fn form_with_file(
    state: &State,
    payload: actix_multipart::Multipart,
) -> Result<(Vec<(String, String)>, Result<Option<Stored>, Error>), Error> {
    let form = match crate::http::read_multipart(payload, state.settings.storage.max_upload_bytes()).await {
        Ok(form) => form,
        Err(e) => return Ok((Vec::new(), Err(e))),
    };
    let stored = match form.file {
        Some((name, bytes)) => match store_upload(state, name, bytes).await {
            Ok(stored) => Ok(Some(stored)),
            Err(e @ Error::Invalid(_)) => Err(e),
            Err(e) => return Err(e),
        },
        None => Ok(None),
    };
    Ok((form.fields, stored))
}

/// Reads and stores the one `berkas` file a multipart upload must carry.
pub async fn required_upload(state: &State, payload: actix_multipart::Multipart) -> Result<Stored, Error> {
    let (name, bytes) = crate::http::read_upload(payload, state.settings.storage.max_upload_bytes()).await?;
    store_upload(state, name, bytes).await
}
