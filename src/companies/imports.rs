//! Import use cases: an uploaded company list or BPJS enrolment file is kept, checked line by
//! line for a preview, then applied all-or-nothing or valid-lines-only in one transaction.
//! Companies already registered (same NIB) and figures already recorded (same company, date
//! and numbers) are skipped, so importing the same file twice changes nothing.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::companies::import::{self, BpjsImportRow, ImportRow};
use crate::companies::model::{self, CompanyRow, ImportRecordRow};
use crate::companies::records::{self, CheckedBpjs};
use crate::companies::rules::Regions;
use crate::companies::service;
use crate::companies::standing;
use crate::config::Settings;
use crate::db::{write_tx, DbConn};
use crate::error::{Bilingual, Error, Problem};

const REGISTRARS: [Role; 2] = [Role::Admin, Role::Petugas];

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ImportKind {
    /// Companies, with the columns of the register's CSV export.
    Perusahaan,
    /// BPJS Ketenagakerjaan enrolment figures by NIB.
    Bpjs,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Perusahaan => "perusahaan",
            ImportKind::Bpjs => "bpjs",
        }
    }

    pub fn parse(s: &str) -> Option<ImportKind> {
        match s {
            "perusahaan" => Some(ImportKind::Perusahaan),
            "bpjs" => Some(ImportKind::Bpjs),
            _ => None,
        }
    }
}

/// What would happen to one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineOutcome {
    New,
    /// The company is registered, or the same figure is recorded: skipped.
    AlreadyRecorded,
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
    pub kind: ImportKind,
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
    kind: ImportKind,
    filename: &str,
    bytes: &[u8],
    regions: &Regions,
    now: NaiveDateTime,
) -> Result<String, Error> {
    actor.require(&REGISTRARS)?;
    let (lines, json) = match kind {
        ImportKind::Perusahaan => {
            let rows = import::parse(bytes, regions).map_err(Error::Invalid)?;
            (rows.len(), serde_json::to_string(&rows).map_err(Error::internal)?)
        }
        ImportKind::Bpjs => {
            let rows = import::parse_bpjs(bytes).map_err(Error::Invalid)?;
            (rows.len(), serde_json::to_string(&rows).map_err(Error::internal)?)
        }
    };
    if lines == 0 {
        return Err(Error::Invalid(
            Problem::new("empty_file", "Berkas tidak berisi baris data.", "The file has no data rows.").field("berkas"),
        ));
    }
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
            kind: kind.as_str().into(),
        };
        model::insert_import(conn, &row)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "company.import_upload",
                "company_import",
                &row.id,
                format!("Berkas {filename} diunggah untuk impor {} ({lines} baris)", kind.as_str()),
            ),
            now,
        )?;
        Ok(row.id)
    })
}

/// What applying a valid new line writes.
enum Planned {
    Company(Box<CompanyRow>),
    Bpjs(Box<CompanyRow>, CheckedBpjs),
}

/// Each line's check, with what applying it would write.
type Checked = Vec<(LineCheck, Option<Planned>)>;

fn invalid(p: Problem) -> LineOutcome {
    LineOutcome::Invalid(p.message)
}

fn check_companies(
    conn: &mut DbConn,
    office_id: &str,
    rows: &[ImportRow],
    regions: &Regions,
    today: NaiveDate,
) -> Result<Checked, Error> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for r in rows {
        let (outcome, planned) = match service::validate(&r.input, regions, today) {
            Err(Error::Invalid(p) | Error::Conflict(p)) => (invalid(p), None),
            Err(e) => return Err(e),
            Ok(valid) => {
                if let Some(first) = seen.get(&valid.nib) {
                    let m =
                        Bilingual::new(format!("NIB sama dengan baris {first}"), format!("Same NIB as line {first}"));
                    (LineOutcome::Invalid(m), None)
                } else {
                    seen.insert(valid.nib.clone(), r.line);
                    if model::find_by_nib(conn, office_id, &valid.nib)?.is_some() {
                        (LineOutcome::AlreadyRecorded, None)
                    } else {
                        (LineOutcome::New, Some(Planned::Company(Box::new(valid))))
                    }
                }
            }
        };
        out.push((LineCheck { line: r.line, name: r.input.name.clone(), nib: r.input.nib.clone(), outcome }, planned));
    }
    Ok(out)
}

fn check_bpjs(conn: &mut DbConn, office_id: &str, rows: &[BpjsImportRow], today: NaiveDate) -> Result<Checked, Error> {
    let mut seen: HashMap<(String, NaiveDate), usize> = HashMap::new();
    let mut out = Vec::new();
    for r in rows {
        let company = model::find_by_nib(conn, office_id, &r.nib)?;
        let name = company.as_ref().map(|c| c.name.clone()).unwrap_or_default();
        let (outcome, planned) = match (company, records::check_bpjs(&r.input, today)) {
            (None, _) => (
                LineOutcome::Invalid(Bilingual::new(
                    format!("NIB {} belum terdaftar; daftarkan perusahaannya lebih dulu", r.nib),
                    format!("NIB {} is not registered; register the company first", r.nib),
                )),
                None,
            ),
            (_, Err(Error::Invalid(p) | Error::Conflict(p))) => (invalid(p), None),
            (_, Err(e)) => return Err(e),
            (Some(company), Ok(checked)) => {
                let key = (r.nib.clone(), checked.as_of);
                if let Some(first) = seen.get(&key) {
                    let m = Bilingual::new(
                        format!("NIB dan tanggal data sama dengan baris {first}"),
                        format!("Same NIB and date as line {first}"),
                    );
                    (LineOutcome::Invalid(m), None)
                } else {
                    seen.insert(key, r.line);
                    match model::bpjs(conn, &company.id)?.into_iter().find(|b| b.as_of == checked.as_of) {
                        Some(stored) if checked.same_as(&stored) => (LineOutcome::AlreadyRecorded, None),
                        Some(_) => (
                            LineOutcome::Invalid(Bilingual::new(
                                format!("Sudah ada data BPJS per {} dengan angka berbeda", checked.as_of),
                                format!("A different figure as of {} is already recorded", checked.as_of),
                            )),
                            None,
                        ),
                        None => (LineOutcome::New, Some(Planned::Bpjs(Box::new(company), checked))),
                    }
                }
            }
        };
        out.push((LineCheck { line: r.line, name, nib: r.nib.clone(), outcome }, planned));
    }
    Ok(out)
}

fn checks(
    conn: &mut DbConn,
    stored: &ImportRecordRow,
    regions: &Regions,
    today: NaiveDate,
) -> Result<(ImportKind, Checked), Error> {
    let kind = ImportKind::parse(&stored.kind).ok_or_else(|| Error::internal("unknown import kind"))?;
    let checked = match kind {
        ImportKind::Perusahaan => {
            let rows: Vec<ImportRow> = serde_json::from_str(&stored.rows_json).map_err(Error::internal)?;
            check_companies(conn, &stored.office_id, &rows, regions, today)?
        }
        ImportKind::Bpjs => {
            let rows: Vec<BpjsImportRow> = serde_json::from_str(&stored.rows_json).map_err(Error::internal)?;
            check_bpjs(conn, &stored.office_id, &rows, today)?
        }
    };
    Ok((kind, checked))
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
    let (kind, checked) = checks(conn, &stored, regions, today)?;
    let lines = checked.into_iter().map(|(c, _)| c).collect();
    Ok(Preview { id: stored.id, kind, filename: stored.filename, lines, applied: stored.summary })
}

/// The counts of an applied import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Applied {
    pub added: usize,
    /// Companies already registered, or figures already recorded: skipped.
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
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Applied, Error> {
    let regions = &settings.regions;
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
        let (kind, checked) = checks(conn, &stored, regions, today)?;
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
        let already = checked.iter().filter(|(c, _)| c.outcome == LineOutcome::AlreadyRecorded).count();
        let mut added = 0;
        let source = format!(" (impor {})", stored.filename);
        for (_, planned) in checked {
            match planned {
                Some(Planned::Company(mut row)) => {
                    row.id = uuid::Uuid::new_v4().to_string();
                    row.office_id = actor.office_id.clone();
                    row.created_at = now;
                    row.updated_at = now;
                    model::insert(conn, &row)?;
                    standing::refresh(conn, settings, &row, today)?;
                    added += 1;
                }
                Some(Planned::Bpjs(company, figure)) => {
                    records::insert_bpjs(conn, actor, &company, &figure, &source, now)?;
                    standing::refresh(conn, settings, &company, today)?;
                    added += 1;
                }
                None => {}
            }
        }
        let summary = match kind {
            ImportKind::Perusahaan => {
                format!("{added} perusahaan ditambahkan, {already} sudah terdaftar, {invalid} baris bermasalah")
            }
            ImportKind::Bpjs => {
                format!("{added} data BPJS ditambahkan, {already} sudah tercatat, {invalid} baris bermasalah")
            }
        };
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
