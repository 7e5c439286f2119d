//! Letters in the API: issue, list a record's letters, download a version, and verify a
//! code (public), with the same rules as the pages.

use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::Error;
use crate::http::{SignedIn, State};
use crate::letters::model::{LetterRow, VersionRow};
use crate::letters::rules::{self, Kind, OwnerKind};
use crate::letters::{service, web as pages};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(issue).service(list).service(download).service(verify);
}

/// A request to issue a letter (or a new version of it).
#[derive(Debug, Deserialize, ToSchema)]
pub struct IssueIn {
    /// Letter type: tanda_terima_pengaduan, tanda_terima_pemberitahuan, pengembalian_berkas,
    /// penawaran_forum, surat_panggilan, risalah_klarifikasi, risalah_sidang, anjuran,
    /// perjanjian_bersama, risalah_penyelesaian, pemberitahuan_perbaikan, sk_pengesahan_pp,
    /// pendaftaran_pkb, bukti_pencatatan_lks.
    pub kind: String,
    /// The record it belongs to: a case, a summons, a session (case_sessions), a strike or
    /// lock-out notice, a PP/PKB submission or an LKS Bipartit.
    pub owner_id: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionOut {
    pub version: i32,
    /// The date printed on the letter.
    pub dated: NaiveDate,
    pub issued_on: NaiveDate,
    pub issued_by: String,
    /// The verification code as printed.
    pub code: String,
    pub sha256: String,
    pub size_bytes: i64,
    /// Download address of the PDF.
    pub href: String,
    /// Public verification address.
    pub verify_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LetterOut {
    pub id: String,
    pub kind: String,
    pub label: String,
    pub number: String,
    pub owner_kind: String,
    pub owner_id: String,
    pub case_id: Option<String>,
    /// Every version, oldest first.
    pub versions: Vec<VersionOut>,
}

fn letter_out(state: &State, letter: &LetterRow, versions: &[VersionRow]) -> LetterOut {
    LetterOut {
        id: letter.id.clone(),
        kind: letter.kind.clone(),
        label: Kind::parse(&letter.kind).map(|k| k.label().to_string()).unwrap_or_default(),
        number: letter.number.clone(),
        owner_kind: letter.owner_kind.clone(),
        owner_id: letter.owner_id.clone(),
        case_id: letter.case_id.clone(),
        versions: versions
            .iter()
            .map(|v| VersionOut {
                version: v.version,
                dated: v.dated,
                issued_on: v.issued_on,
                issued_by: v.issued_by_label.clone(),
                code: rules::printed_code(&v.code),
                sha256: v.sha256.clone(),
                size_bytes: v.size_bytes,
                href: format!("/api/v1/letters/{}/pdf?versi={}", letter.id, v.version),
                verify_url: service::verify_url(&state.settings, &v.code),
            })
            .collect(),
    }
}

/// Issue a letter from its record (staff; a mediator on their own cases). Reissuing makes a
/// new version under the same number.
#[utoipa::path(post, path = "/api/v1/letters", tag = "letters", request_body = IssueIn,
    responses((status = 201, body = LetterOut), (status = 400, body = crate::http::errors::ProblemBody),
        (status = 403, body = crate::http::errors::ProblemBody), (status = 404, body = crate::http::errors::ProblemBody),
        (status = 409, description = "The record is not at the stage the letter needs", body = crate::http::errors::ProblemBody)))]
#[post("/api/v1/letters")]
pub async fn issue(state: State, user: SignedIn, body: web::Json<IssueIn>) -> Result<HttpResponse, Error> {
    let body = body.into_inner();
    let kind = Kind::parse(&body.kind)
        .ok_or_else(|| Error::invalid("letter_kind", "kind", "Jenis surat tidak dikenal.", "Unknown letter type."))?;
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let issued = state.db.run(move |c| service::issue(c, &settings, &actor, kind, &body.owner_id, today, now)).await?;
    let (actor, id) = (user.actor.clone(), issued.letter.id.clone());
    let rows = state
        .db
        .run(move |c| {
            let letter = crate::letters::model::find(c, &actor.office_id, &id)?.ok_or(Error::NotFound)?;
            let owner = OwnerKind::parse(&letter.owner_kind).ok_or(Error::NotFound)?;
            service::listed(c, &actor, owner, &letter.owner_id)
        })
        .await?;
    let (letter, versions) = rows
        .iter()
        .find(|(l, _)| l.id == issued.letter.id)
        .ok_or_else(|| Error::internal("issued letter not listed"))?;
    Ok(HttpResponse::Created().json(letter_out(&state, letter, versions)))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// case, notice, submission or lks (a case lists its summons' and sessions' letters too).
    pub owner_kind: String,
    pub owner_id: String,
}

/// The letters kept with a record.
#[utoipa::path(get, path = "/api/v1/letters", tag = "letters", params(ListQuery),
    responses((status = 200, body = Vec<LetterOut>), (status = 400, body = crate::http::errors::ProblemBody)))]
#[get("/api/v1/letters")]
pub async fn list(state: State, user: SignedIn, q: web::Query<ListQuery>) -> Result<web::Json<Vec<LetterOut>>, Error> {
    let q = q.into_inner();
    let owner = OwnerKind::parse(&q.owner_kind).ok_or_else(|| {
        Error::invalid("letter_owner_kind", "owner_kind", "Jenis catatan tidak dikenal.", "Unknown record kind.")
    })?;
    let actor = user.actor.clone();
    let rows = state.db.run(move |c| service::listed(c, &actor, owner, &q.owner_id)).await?;
    Ok(web::Json(rows.iter().map(|(l, v)| letter_out(&state, l, v)).collect()))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct VersionParam {
    /// Version number; the latest when absent.
    pub versi: Option<String>,
}

/// Download a letter's PDF (whoever may see its record).
#[utoipa::path(get, path = "/api/v1/letters/{id}/pdf", tag = "letters",
    params(("id" = String, Path, description = "Letter id"), VersionParam),
    responses((status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 404, body = crate::http::errors::ProblemBody)))]
#[get("/api/v1/letters/{id}/pdf")]
pub async fn download(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    q: web::Query<VersionParam>,
) -> Result<HttpResponse, Error> {
    let version = pages::version_param(q.versi.as_deref())?;
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let (letter, row, bytes) = state.db.run(move |c| service::open(c, &settings, &actor, &id, version)).await?;
    Ok(pages::pdf_response(&letter, &row, bytes))
}

/// What anyone may learn of a letter from its code: nothing personal.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerifiedOut {
    pub kind: String,
    pub label: String,
    pub number: String,
    pub version: i32,
    /// The date printed on the letter.
    pub dated: NaiveDate,
    pub issued_on: NaiveDate,
    pub office: String,
    pub sha256: String,
    pub size_bytes: i64,
    /// The newer version that replaced this one, if any.
    pub superseded_by: Option<i32>,
}

/// Verify a letter's code (public, no sign-in).
#[utoipa::path(get, path = "/api/v1/letters/verify/{code}", tag = "letters",
    params(("code" = String, Path, description = "Verification code, with or without dashes")),
    responses((status = 200, body = VerifiedOut), (status = 404, body = crate::http::errors::ProblemBody)),
    security(()))]
#[get("/api/v1/letters/verify/{code}")]
pub async fn verify(state: State, code: web::Path<String>) -> Result<web::Json<VerifiedOut>, Error> {
    let code: String = code.into_inner().chars().take(64).collect();
    let v = state.db.run(move |c| service::verify(c, &code)).await?;
    Ok(web::Json(VerifiedOut {
        kind: v.kind.code().to_string(),
        label: v.kind.label().to_string(),
        number: v.number,
        version: v.version,
        dated: v.dated,
        issued_on: v.issued_on,
        office: v.office_name,
        sha256: v.sha256,
        size_bytes: v.size_bytes,
        superseded_by: v.superseded_by,
    }))
}
