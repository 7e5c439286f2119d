//! Document use cases: keep an upload against a record (inside the caller's transaction, the
//! file itself written durably first) and hand a document to someone allowed to see its owner.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::db::DbConn;
use crate::documents::model::{self, DocumentRow};
use crate::documents::rules;
use crate::documents::store::Store;
use crate::error::Error;

/// The record a document belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    /// e.g. "wage_scale", "lks_meeting", "lks_report", "tripartit_meeting".
    pub kind: &'static str,
    pub id: &'a str,
    /// The company whose records these are, when they are a company's.
    pub company_id: Option<&'a str>,
}

/// An upload checked and written to the storage directory, not yet recorded.
#[derive(Debug, Clone)]
pub struct Stored {
    pub sha256: String,
    pub filename: String,
    pub content_type: &'static str,
    pub size_bytes: i64,
}

/// Checks an upload and writes it to storage. Done before the database transaction: the file
/// is named by its content, so a transaction that fails leaves at most an unused file.
pub fn store(store: &Store, filename: &str, bytes: &[u8]) -> Result<Stored, Error> {
    let filename = rules::clean_filename(filename);
    let content_type = rules::detect(&filename, bytes).map_err(Error::Invalid)?;
    let sha256 =
        store.put(bytes).map_err(|e| Error::internal(format!("cannot write to the storage directory: {e}")))?;
    Ok(Stored { sha256, filename, content_type, size_bytes: bytes.len() as i64 })
}

/// Records a stored upload against its owner, with an audit row; call inside the transaction
/// that checked the actor may change the owner.
pub fn attach(
    conn: &mut DbConn,
    actor: &Actor,
    owner: Owner<'_>,
    stored: &Stored,
    audit_entity: (&'static str, &str),
    summary: String,
    now: NaiveDateTime,
) -> Result<DocumentRow, Error> {
    let row = DocumentRow {
        // Time-ordered ids keep uploads of the same second in the order they came.
        id: uuid::Uuid::now_v7().to_string(),
        office_id: actor.office_id.clone(),
        owner_kind: owner.kind.to_string(),
        owner_id: owner.id.to_string(),
        company_id: owner.company_id.map(str::to_string),
        sha256: stored.sha256.clone(),
        filename: stored.filename.clone(),
        content_type: stored.content_type.to_string(),
        size_bytes: stored.size_bytes,
        uploaded_by: actor.user_id.clone(),
        created_at: now,
    };
    model::insert(conn, &row)?;
    let entry = AuditEntry::by(
        actor,
        "document.upload",
        audit_entity.0,
        audit_entity.1,
        format!("{summary}: {} ({} KB, sha256 {})", row.filename, (row.size_bytes + 1023) / 1024, &row.sha256[..12]),
    );
    record(conn, &entry, now)?;
    Ok(row)
}

/// The newest document of each record, by owner id.
pub fn latest(conn: &mut DbConn, kind: &str, owner_ids: &[String]) -> Result<HashMap<String, DocumentRow>, Error> {
    let mut out = HashMap::new();
    for row in model::for_owners(conn, kind, owner_ids)? {
        out.insert(row.owner_id.clone(), row);
    }
    Ok(out)
}

const STAFF: [Role; 4] = [Role::Admin, Role::Pimpinan, Role::Mediator, Role::Petugas];

/// A document and its content, when the actor may see the record it belongs to: a company's
/// documents through the company's own scope (its representatives, the office's staff),
/// the office's own records (e.g. LKS Tripartit) by its staff. Anything else is not found.
pub fn open(conn: &mut DbConn, store: &Store, actor: &Actor, id: &str) -> Result<(DocumentRow, Vec<u8>), Error> {
    let row = model::find(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
    match &row.company_id {
        Some(company_id) => {
            let scope = crate::companies::service::scope(actor).map_err(|_| Error::NotFound)?;
            crate::companies::model::find(conn, &scope, company_id)?.ok_or(Error::NotFound)?;
        }
        None if STAFF.contains(&actor.role) => {}
        None => return Err(Error::NotFound),
    }
    let bytes = store.read(&row.sha256).map_err(|e| Error::internal(format!("document {}: {e}", row.id)))?;
    Ok((row, bytes))
}
