//! Import use cases: an uploaded company list is kept, checked line by line for a preview,
//! then applied all-or-nothing or valid-lines-only; companies already registered (same NIB)
//! are skipped, so importing the same file twice changes nothing.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::companies::import::{self, ImportRow};
use crate::companies::model::{self, ImportRecordRow};
use crate::companies::rules::Regions;
use crate::companies::service;
use crate::db::{write_tx, DbConn};
use crate::error::{Bilingual, Error, Problem};

const REGISTRARS: [Role; 2] = [Role::Admin, Role::Petugas];

/// What would happen to one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineOutcome {
    New,
    AlreadyRegistered,
    Invalid(Bilingual),
}

#[derive(Debug, Clone)]
pub struct LineCheck {
    pub line: usize,
    pub name: String,
    pub nib: String,
    pub outcome: LineOutcome,
}

#[derive(Debug, Clone)]
pub struct Preview {
    pub id: String,
    pub filename: String,
    pub lines: Vec<LineCheck>,
    pub applied: Option<String>,
}

impl Preview {
    pub fn count(&self, f: impl Fn(&LineOutcome) -> bool) -> usize {
        self.lines.iter().filter(|l| f(&l.outcome)).count()
    }
}

/// Keeps an uploaded file for preview; an unreadable file is refused whole.
pub fn upload(
    conn: &mut DbConn,
    actor: &Actor,
    filename: &str,
    bytes: &[u8],
    regions: &Regions,
    now: NaiveDateTime,
) -> Result<String, Error> {
    actor.require(&REGISTRARS)?;
    let rows = import::parse(bytes, regions).map_err(Error::Invalid)?;
    if rows.is_empty() {
        return Err(Error::Invalid(
            Problem::new("empty_file", "Berkas tidak berisi baris data.", "The file has no data rows.").field("berkas"),
        ));
    }
    let json = serde_json::to_string(&rows).map_err(Error::internal)?;
    let filename: String = filename.chars().filter(|c| !c.is_control()).take(200).collect();
    write_tx(conn, |conn| {
        let row = ImportRecordRow {
            id: uuid::Uuid::new_v4().to_string(),
            office_id: actor.office_id.clone(),
            created_by: actor.user_id.clone(),
            filename: filename.clone(),
            rows_json: json.clone(),
            created_at: now,
            applied_at: None,
            summary: None,
            kind: "perusahaan".into(),
        };
        model::insert_import(conn, &row)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "company.import_upload",
                "company_import",
                &row.id,
                format!("Berkas {filename} diunggah untuk impor ({} baris)", rows.len()),
            ),
            now,
        )?;
        Ok(row.id)
    })
}

fn checks(
    conn: &mut DbConn,
    office_id: &str,
    rows: &[ImportRow],
    regions: &Regions,
    today: NaiveDate,
) -> Result<Vec<(LineCheck, Option<model::CompanyRow>)>, Error> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for r in rows {
        let (outcome, valid) = match service::validate(&r.input, regions, today) {
            Err(Error::Invalid(p) | Error::Conflict(p)) => (LineOutcome::Invalid(p.message), None),
            Err(e) => return Err(e),
            Ok(valid) => {
                if let Some(first) = seen.get(&valid.nib) {
                    let m =
                        Bilingual::new(format!("NIB sama dengan baris {first}"), format!("Same NIB as line {first}"));
                    (LineOutcome::Invalid(m), None)
                } else {
                    seen.insert(valid.nib.clone(), r.line);
                    if model::find_by_nib(conn, office_id, &valid.nib)?.is_some() {
                        (LineOutcome::AlreadyRegistered, None)
                    } else {
                        (LineOutcome::New, Some(valid))
                    }
                }
            }
        };
        out.push((LineCheck { line: r.line, name: r.input.name.clone(), nib: r.input.nib.clone(), outcome }, valid));
    }
    Ok(out)
}

/// The preview: what each line would do now.
pub fn preview(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    regions: &Regions,
    today: NaiveDate,
) -> Result<Preview, Error> {
    actor.require(&REGISTRARS)?;
    let stored = model::find_import(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
    let rows: Vec<ImportRow> = serde_json::from_str(&stored.rows_json).map_err(Error::internal)?;
    let lines = checks(conn, &actor.office_id, &rows, regions, today)?.into_iter().map(|(c, _)| c).collect();
    Ok(Preview { id: stored.id, filename: stored.filename, lines, applied: stored.summary })
}

/// The counts of an applied import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Applied {
    pub added: usize,
    pub already_registered: usize,
    pub invalid: usize,
}

/// Applies an import in one transaction. With `all_or_nothing`, one bad line stops the whole
/// file and nothing is written; otherwise the valid new lines are added.
pub fn apply(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    all_or_nothing: bool,
    regions: &Regions,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Applied, Error> {
    actor.require(&REGISTRARS)?;
    write_tx(conn, |conn| {
        let stored = model::find_import(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
        if stored.applied_at.is_some() {
            return Err(Error::conflict(
                "import_already_applied",
                "Impor ini sudah diterapkan.",
                "This import has already been applied.",
            ));
        }
        let rows: Vec<ImportRow> = serde_json::from_str(&stored.rows_json).map_err(Error::internal)?;
        let checked = checks(conn, &actor.office_id, &rows, regions, today)?;
        let invalid = checked.iter().filter(|(c, _)| matches!(c.outcome, LineOutcome::Invalid(_))).count();
        if all_or_nothing && invalid > 0 {
            return Err(Error::Conflict(Problem {
                code: "import_has_errors",
                field: None,
                message: Bilingual::new(
                    format!("Tidak ada yang diimpor: {invalid} baris bermasalah. Perbaiki berkasnya, atau pilih impor baris yang valid saja."),
                    format!("Nothing was imported: {invalid} lines have problems. Fix the file, or import the valid lines only."),
                ),
            }));
        }
        let already = checked.iter().filter(|(c, _)| c.outcome == LineOutcome::AlreadyRegistered).count();
        let mut added = 0;
        for (_, valid) in checked {
            if let Some(mut row) = valid {
                row.id = uuid::Uuid::new_v4().to_string();
                row.office_id = actor.office_id.clone();
                row.created_at = now;
                row.updated_at = now;
                model::insert(conn, &row)?;
                added += 1;
            }
        }
        let summary = format!("{added} perusahaan ditambahkan, {already} sudah terdaftar, {invalid} baris bermasalah");
        if model::mark_import_applied(conn, id, &summary, now)? != 1 {
            return Err(Error::conflict(
                "import_already_applied",
                "Impor ini sudah diterapkan.",
                "This import has already been applied.",
            ));
        }
        record(
            conn,
            &AuditEntry::by(
                actor,
                "company.import",
                "company_import",
                id,
                format!("Impor {}: {summary}", stored.filename),
            ),
            now,
        )?;
        Ok(Applied { added, already_registered: already, invalid })
    })
}
