//! Letter pages: issue a letter from a record's page (`POST /surat`), download a version
//! (`/surat/{id}.pdf`), the "Surat" section other pages embed, and the public verification
//! page (`/verifikasi/{code}`).

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse};
pub use harmoni_templates::pages::letters::LettersSection;
use harmoni_templates::pages::letters::{verify_page, IssueOption, LetterItem, VerifiedView, VersionItem};
use harmoni_templates::Lang;
use serde::Deserialize;

use crate::accounts::Actor;
use crate::db::DbConn;
use crate::error::Error;
use crate::http::{html_status, page_ctx, see_other, RequestCtx, SignedIn, State};
use crate::letters::model::{LetterRow, VersionRow};
use crate::letters::rules::{self, Kind, OwnerKind};
use crate::letters::service;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(issue).service(download).service(verify_form).service(verify_code);
}

#[derive(Debug, Deserialize)]
struct IssueForm {
    kind: String,
    owner_id: String,
}

#[post("/surat")]
async fn issue(state: State, user: SignedIn, form: web::Form<IssueForm>) -> Result<HttpResponse, Error> {
    let form = form.into_inner();
    let kind = Kind::parse(&form.kind)
        .ok_or_else(|| Error::invalid("letter_kind", "kind", "Jenis surat tidak dikenal.", "Unknown letter type."))?;
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let issued = state.db.run(move |c| service::issue(c, &settings, &actor, kind, &form.owner_id, today, now)).await?;
    Ok(see_other(&format!("{}#surat", service::record_page(&issued.letter))))
}

#[derive(Debug, Deserialize)]
struct VersionQuery {
    versi: Option<String>,
}

/// Parses `?versi=N`; anything else is a clear 400.
pub fn version_param(raw: Option<&str>) -> Result<Option<i32>, Error> {
    match raw.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse::<i32>().ok().filter(|v| *v >= 1).map(Some).ok_or_else(|| {
            Error::invalid(
                "letter_version",
                "versi",
                "Versi surat harus bilangan 1 atau lebih.",
                "The version must be a number from 1.",
            )
        }),
    }
}

/// The PDF, shown in the browser's viewer (inline) under its own name; the sandbox keeps it
/// from running anything in our origin.
pub fn pdf_response(letter: &LetterRow, version: &VersionRow, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{}\"", service::filename(letter, version.version)),
        ))
        .insert_header((header::CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes)
}

#[get("/surat/{id}.pdf")]
async fn download(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    q: web::Query<VersionQuery>,
) -> Result<HttpResponse, Error> {
    let version = version_param(q.versi.as_deref())?;
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let (letter, row, bytes) = state.db.run(move |c| service::open(c, &settings, &actor, &id, version)).await?;
    Ok(pdf_response(&letter, &row, bytes))
}

#[derive(Debug, Deserialize)]
struct VerifyQuery {
    kode: Option<String>,
}

fn verified_view(v: &service::Verified) -> VerifiedView {
    VerifiedView {
        code: String::new(),
        kind_label: v.kind.label().to_string(),
        number: v.number.clone(),
        version: v.version,
        dated: Lang::Id.date_long(v.dated),
        issued_on: Lang::Id.date_long(v.issued_on),
        office_name: v.office_name.clone(),
        sha256: v.sha256.clone(),
        size_bytes: v.size_bytes,
        superseded_by: v.superseded_by,
    }
}

async fn verify_response(state: &State, ctx: &RequestCtx, typed: String) -> Result<HttpResponse, Error> {
    let p = page_ctx(state, ctx, "/verifikasi");
    if typed.trim().is_empty() {
        return Ok(html_status(StatusCode::OK, verify_page(&p, "", None)));
    }
    let t = typed.clone();
    match state.db.run(move |c| service::verify(c, &t)).await {
        Ok(v) => {
            let mut view = verified_view(&v);
            view.code = rules::normalise_code(&typed).map(|c| rules::printed_code(&c)).unwrap_or_default();
            Ok(html_status(StatusCode::OK, verify_page(&p, &typed, Some(&view))))
        }
        Err(Error::NotFound) => Ok(html_status(StatusCode::NOT_FOUND, verify_page(&p, &typed, None))),
        Err(e) => Err(e),
    }
}

/// The form, and the answer for a code typed into it.
#[get("/verifikasi")]
async fn verify_form(state: State, ctx: RequestCtx, q: web::Query<VerifyQuery>) -> Result<HttpResponse, Error> {
    let typed: String = q.into_inner().kode.unwrap_or_default().chars().take(64).collect();
    verify_response(&state, &ctx, typed).await
}

/// The address the QR code holds.
#[get("/verifikasi/{code}")]
async fn verify_code(state: State, ctx: RequestCtx, code: web::Path<String>) -> Result<HttpResponse, Error> {
    let typed: String = code.into_inner().chars().take(64).collect();
    verify_response(&state, &ctx, typed).await
}

/// Builds a record's "Surat" section: its letters as the actor may see them, and, for staff,
/// the letters that may be issued now (`candidates`: kind, owner id, label).
pub fn section(
    conn: &mut DbConn,
    actor: &Actor,
    owner: OwnerKind,
    owner_id: &str,
    candidates: Vec<(Kind, String, String)>,
) -> Result<LettersSection, Error> {
    let rows = service::listed(conn, actor, owner, owner_id)?;
    let letters = rows
        .iter()
        .map(|(letter, versions)| LetterItem {
            label: Kind::parse(&letter.kind).map(|k| k.label().to_string()).unwrap_or_else(|| letter.kind.clone()),
            number: letter.number.clone(),
            versions: versions
                .iter()
                .rev()
                .map(|v| VersionItem {
                    version: v.version,
                    dated: Lang::Id.date_long(v.dated),
                    issued_by: format!("{} ({})", v.issued_by_label, Lang::Id.date_long(v.issued_on)),
                    code: rules::printed_code(&v.code),
                    href: format!("/surat/{}.pdf?versi={}", letter.id, v.version),
                })
                .collect(),
        })
        .collect();
    // Staff who may issue letters (the service checks the record scope as well).
    let options = if service::ISSUERS.contains(&actor.role) {
        candidates
            .into_iter()
            .map(|(kind, id, label)| IssueOption {
                reissue: rows.iter().any(|(l, _)| l.kind == kind.code() && l.owner_id == id),
                kind: kind.code().to_string(),
                owner_id: id,
                label,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(LettersSection { letters, options })
}
