//! Compliance record use cases: BPJS figures, wage scales and LKS Bipartit added by officers
//! or the company's own representatives, and the compliance profile as of any date.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::calendar::service::{Deadline, DeadlineRequest};
use crate::companies::compliance::{self, BpjsSnapshot, Criterion, Lks, Programme, WageScale};
use crate::companies::model::{
    self, BpjsRow, CompanyRow, LksMeetingRow, LksMemberRow, LksReportRow, LksRow, WageGradeRow, WageScaleRow,
};
use crate::companies::service::scope;
use crate::companies::standing;
use crate::config::Settings;
use crate::db::{write_tx, DbConn};
use crate::documents::model::DocumentRow;
use crate::documents::service::{self as documents, Owner, Stored};
use crate::error::{Bilingual, Error, Problem};
use crate::regulations::rules::Instrument;

fn invalid(code: &'static str, field: &'static str, id: impl Into<String>, en: impl Into<String>) -> Error {
    Error::Invalid(Problem { code, field: Some(field), message: Bilingual::new(id.into(), en.into()) })
}

fn date(raw: &str, field: &'static str, today: NaiveDate) -> Result<NaiveDate, Error> {
    let d = crate::calendar::service::parse_date(raw, field)?;
    if d > today {
        return Err(invalid(
            "date_in_future",
            field,
            "Tanggal tidak boleh di masa depan.",
            "The date cannot be in the future.",
        ));
    }
    Ok(d)
}

/// The company, when the actor may add records to it: officers of the office, or the
/// company's own representative.
fn writable(conn: &mut DbConn, actor: &Actor, company_id: &str) -> Result<CompanyRow, Error> {
    let company = model::find(conn, &scope(actor)?, company_id)?.ok_or(Error::NotFound)?;
    if matches!(actor.role, Role::Admin | Role::Petugas | Role::Perusahaan) {
        Ok(company)
    } else {
        Err(Error::Forbidden)
    }
}

/// A BPJS figure as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct BpjsInput {
    pub npp: String,
    pub registered_on: String,
    /// Codes of the programmes enrolled: JKK, JKM, JHT, JP, JKP.
    #[serde(default)]
    pub programmes: Vec<String>,
    pub workers_enrolled: String,
    pub as_of: String,
}

/// A BPJS figure checked, ready to be stored for a company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedBpjs {
    pub npp: String,
    pub registered_on: NaiveDate,
    pub programmes: Vec<Programme>,
    pub workers_enrolled: i32,
    pub as_of: NaiveDate,
}

impl CheckedBpjs {
    pub fn row(&self, company_id: &str, now: NaiveDateTime) -> BpjsRow {
        let has = |p: Programme| self.programmes.contains(&p);
        BpjsRow {
            id: uuid::Uuid::new_v4().to_string(),
            company_id: company_id.into(),
            npp: self.npp.clone(),
            registered_on: self.registered_on,
            jkk: has(Programme::Jkk),
            jkm: has(Programme::Jkm),
            jht: has(Programme::Jht),
            jp: has(Programme::Jp),
            jkp: has(Programme::Jkp),
            workers_enrolled: self.workers_enrolled,
            as_of: self.as_of,
            created_at: now,
        }
    }

    /// Whether a stored figure says the same (a second import of the same file).
    pub fn same_as(&self, row: &BpjsRow) -> bool {
        let stored = self.row(&row.company_id, row.created_at);
        (&stored.npp, stored.registered_on, stored.jkk, stored.jkm, stored.jht, stored.jp, stored.jkp)
            == (&row.npp, row.registered_on, row.jkk, row.jkm, row.jht, row.jp, row.jkp)
            && (stored.workers_enrolled, stored.as_of) == (row.workers_enrolled, row.as_of)
    }
}

/// Checks a BPJS figure as typed or imported, without touching the database.
pub fn check_bpjs(input: &BpjsInput, today: NaiveDate) -> Result<CheckedBpjs, Error> {
    let npp: String = input.npp.chars().filter(|c| !c.is_whitespace()).collect();
    if npp.is_empty() || npp.len() > 20 || !npp.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid(
            "invalid_npp",
            "npp",
            "NPP BPJS Ketenagakerjaan harus berupa angka.",
            "The BPJS NPP must be digits.",
        ));
    }
    let registered_on = date(&input.registered_on, "registered_on", today)?;
    let as_of = date(&input.as_of, "as_of", today)?;
    if as_of < registered_on {
        return Err(invalid(
            "as_of_before_registration",
            "as_of",
            "Tanggal data tidak boleh sebelum tanggal pendaftaran.",
            "The figure's date cannot be before registration.",
        ));
    }
    let workers_enrolled: i32 =
        input.workers_enrolled.trim().parse().ok().filter(|n| (0..=1_000_000).contains(n)).ok_or_else(|| {
            invalid(
                "invalid_workers_enrolled",
                "workers_enrolled",
                "Jumlah peserta harus 0 sampai 1.000.000.",
                "Enrolled workers must be 0 to 1,000,000.",
            )
        })?;
    let mut programmes = Vec::new();
    for code in &input.programmes {
        let p =
            Programme::ALL.iter().copied().find(|p| p.code().eq_ignore_ascii_case(code.trim())).ok_or_else(|| {
                invalid(
                    "invalid_programme",
                    "programmes",
                    format!("Program \"{code}\" tidak dikenal."),
                    format!("Unknown programme \"{code}\"."),
                )
            })?;
        if !programmes.contains(&p) {
            programmes.push(p);
        }
    }
    programmes.sort();
    Ok(CheckedBpjs { npp, registered_on, programmes, workers_enrolled, as_of })
}

/// Stores a checked figure with its audit row; call inside a transaction.
pub fn insert_bpjs(
    conn: &mut DbConn,
    actor: &Actor,
    company: &CompanyRow,
    checked: &CheckedBpjs,
    source: &str,
    now: NaiveDateTime,
) -> Result<BpjsRow, Error> {
    let row = checked.row(&company.id, now);
    model::insert_bpjs(conn, &row)?;
    record(
        conn,
        &AuditEntry::by(
            actor,
            "company.bpjs_add",
            "company",
            &company.id,
            format!(
                "Data BPJS {} per {}: NPP {}, {} peserta{source}",
                company.name, row.as_of, row.npp, row.workers_enrolled
            ),
        ),
        now,
    )?;
    Ok(row)
}

pub fn add_bpjs(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    input: &BpjsInput,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<BpjsRow, Error> {
    let checked = check_bpjs(input, today)?;
    write_tx(conn, |conn| {
        let company = writable(conn, actor, company_id)?;
        if model::bpjs_exists(conn, company_id, checked.as_of)? {
            return Err(Error::Conflict(
                Problem::new(
                    "bpjs_date_exists",
                    "Data BPJS untuk tanggal itu sudah ada.",
                    "There is already a BPJS figure for that date.",
                )
                .field("as_of"),
            ));
        }
        let row = insert_bpjs(conn, actor, &company, &checked, "", now)?;
        standing::refresh(conn, settings, &company, today)?;
        Ok(row)
    })
}

/// A wage scale as typed: one grade per line, "golongan; jabatan; minimum; maksimum".
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct WageScaleInput {
    pub effective_on: String,
    #[serde(default)]
    pub workers_informed: bool,
    /// One grade per line: grade; job level; minimum; maximum (rupiah, e.g. 5.999.443).
    pub grades: String,
}

fn parse_grades(text: &str) -> Result<Vec<(String, String, i64, i64)>, Error> {
    let mut grades = Vec::new();
    for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let parts: Vec<&str> = line.split(';').map(str::trim).collect();
        let bad = || {
            invalid(
                "invalid_grade_line",
                "grades",
                format!("Baris {}: tulis \"golongan; jabatan; minimum; maksimum\".", i + 1),
                format!("Line {}: write \"grade; job level; minimum; maximum\".", i + 1),
            )
        };
        let [grade, level, min, max] = parts.as_slice() else { return Err(bad()) };
        if grade.is_empty() || level.is_empty() {
            return Err(bad());
        }
        let min = compliance::parse_rupiah(min, "grades").map_err(Error::Invalid)?;
        let max = compliance::parse_rupiah(max, "grades").map_err(Error::Invalid)?;
        if min > max {
            return Err(invalid(
                "grade_min_above_max",
                "grades",
                format!("Baris {}: upah minimum melebihi maksimum.", i + 1),
                format!("Line {}: the minimum exceeds the maximum.", i + 1),
            ));
        }
        grades.push((grade.to_string(), level.to_string(), min, max));
    }
    if grades.is_empty() || grades.len() > 100 {
        return Err(invalid(
            "grades_required",
            "grades",
            "Isi 1 sampai 100 golongan upah.",
            "Give 1 to 100 wage grades.",
        ));
    }
    Ok(grades)
}

pub fn add_wage_scale(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    input: &WageScaleInput,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<WageScaleRow, Error> {
    let effective_on = date(&input.effective_on, "effective_on", today)?;
    let grades = parse_grades(&input.grades)?;
    write_tx(conn, |conn| {
        let company = writable(conn, actor, company_id)?;
        if model::wage_scale_exists(conn, company_id, effective_on)? {
            return Err(Error::Conflict(
                Problem::new(
                    "wage_scale_date_exists",
                    "Sudah ada struktur dan skala upah yang berlaku pada tanggal itu.",
                    "A wage scale already takes effect on that date.",
                )
                .field("effective_on"),
            ));
        }
        let scale = WageScaleRow {
            id: uuid::Uuid::new_v4().to_string(),
            company_id: company_id.into(),
            effective_on,
            workers_informed: input.workers_informed,
            created_at: now,
        };
        let rows: Vec<WageGradeRow> = grades
            .iter()
            .enumerate()
            .map(|(i, (grade, level, min, max))| WageGradeRow {
                id: uuid::Uuid::new_v4().to_string(),
                wage_scale_id: scale.id.clone(),
                position: i as i32,
                grade: grade.clone(),
                job_level: level.clone(),
                min_sen: *min,
                max_sen: *max,
            })
            .collect();
        model::insert_wage_scale(conn, &scale, &rows)?;
        standing::refresh(conn, settings, &company, today)?;
        let flag = compliance::below_umk(
            &WageScale { effective_on, workers_informed: input.workers_informed, grades: grades.clone() },
            &settings.umk,
            chrono::Datelike::year(&effective_on),
        )
        .map(|(low, umk)| {
            format!("; golongan terendah {} di bawah UMK {}", compliance::rupiah(low), compliance::rupiah(umk))
        })
        .unwrap_or_default();
        record(
            conn,
            &AuditEntry::by(
                actor,
                "company.wage_scale_add",
                "company",
                company_id,
                format!(
                    "Struktur dan skala upah {} berlaku {effective_on}: {} golongan{flag}",
                    company.name,
                    rows.len()
                ),
            ),
            now,
        )?;
        Ok(scale)
    })
}

/// An LKS Bipartit as typed: one member per line, "nama; pengusaha|pekerja; jabatan".
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct LksInput {
    pub formed_on: String,
    #[serde(default)]
    pub registration_number: String,
    #[serde(default)]
    pub registered_on: String,
    /// When the company notified the Disnaker of the formation; today when empty (a
    /// representative's record is itself the notification, so it is always today).
    #[serde(default)]
    pub notified_on: String,
    /// One member per line: name; pengusaha or pekerja; ketua, wakil_ketua, sekretaris or anggota.
    pub members: String,
}

const OFFICES: [&str; 4] = ["ketua", "wakil_ketua", "sekretaris", "anggota"];

fn parse_members(text: &str) -> Result<Vec<(String, String, String)>, Error> {
    let mut out = Vec::new();
    for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let parts: Vec<&str> = line.split(';').map(str::trim).collect();
        let bad = || {
            invalid(
                "invalid_member_line",
                "members",
                format!(
                    "Baris {}: tulis \"nama; pengusaha atau pekerja; ketua/wakil_ketua/sekretaris/anggota\".",
                    i + 1
                ),
                format!("Line {}: write \"name; pengusaha or pekerja; ketua/wakil_ketua/sekretaris/anggota\".", i + 1),
            )
        };
        let [name, side, office] = parts.as_slice() else { return Err(bad()) };
        let side = side.to_lowercase();
        let office = office.to_lowercase().replace([' ', '-'], "_");
        if name.chars().count() < 2
            || !(side == "pengusaha" || side == "pekerja")
            || !OFFICES.contains(&office.as_str())
        {
            return Err(bad());
        }
        out.push((name.to_string(), side, office));
    }
    Ok(out)
}

pub fn add_lks(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    input: &LksInput,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<LksRow, Error> {
    let formed_on = date(&input.formed_on, "formed_on", today)?;
    let registered_on = match input.registered_on.trim() {
        "" => None,
        raw => Some(date(raw, "registered_on", today)?),
    };
    if registered_on.is_some_and(|r| r < formed_on) {
        return Err(invalid(
            "registered_before_formed",
            "registered_on",
            "Tanggal pencatatan tidak boleh sebelum tanggal pembentukan.",
            "Recording cannot be before formation.",
        ));
    }
    let notified_on = match input.notified_on.trim() {
        "" => today,
        _ if actor.role == Role::Perusahaan => today,
        raw => date(raw, "notified_on", today)?,
    };
    if notified_on < formed_on {
        return Err(invalid(
            "notified_before_formed",
            "notified_on",
            "Tanggal pemberitahuan tidak boleh sebelum tanggal pembentukan.",
            "The notification cannot be before the formation.",
        ));
    }
    let number = input.registration_number.trim().to_string();
    // Both the number and the date of the bukti pencatatan, or neither.
    if registered_on.is_some() == number.is_empty() {
        return Err(invalid(
            "registration_incomplete",
            "registration_number",
            "Isi nomor dan tanggal bukti pencatatan bersama-sama.",
            "Give the recording number and date together.",
        ));
    }
    if actor.role == Role::Perusahaan && !number.is_empty() {
        return Err(invalid(
            "registration_by_office",
            "registration_number",
            "Bukti pencatatan diisi oleh Disnaker setelah menerima pemberitahuan ini.",
            "The Disnaker fills in the bukti pencatatan after receiving this notification.",
        ));
    }
    let members = parse_members(&input.members)?;
    let employer = members.iter().filter(|m| m.1 == "pengusaha").count();
    compliance::check_lks_members(employer, members.len() - employer, settings.registry.lks_min_members)
        .map_err(Error::Invalid)?;
    write_tx(conn, |conn| {
        let company = writable(conn, actor, company_id)?;
        if model::lks_exists(conn, company_id, formed_on)? {
            return Err(Error::Conflict(
                Problem::new(
                    "lks_date_exists",
                    "Sudah ada LKS Bipartit yang dibentuk pada tanggal itu.",
                    "An LKS Bipartit formed on that date already exists.",
                )
                .field("formed_on"),
            ));
        }
        let lks = LksRow {
            id: uuid::Uuid::new_v4().to_string(),
            company_id: company_id.into(),
            formed_on,
            registration_number: (!number.is_empty()).then(|| number.clone()),
            registered_on,
            created_at: now,
            notified_on: Some(notified_on),
        };
        let rows: Vec<LksMemberRow> = members
            .iter()
            .enumerate()
            .map(|(i, (name, side, office))| LksMemberRow {
                id: uuid::Uuid::new_v4().to_string(),
                lks_id: lks.id.clone(),
                position: i as i32,
                name: name.clone(),
                side: side.clone(),
                office: office.clone(),
            })
            .collect();
        model::insert_lks(conn, &lks, &rows)?;
        standing::refresh(conn, settings, &company, today)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "company.lks_add",
                "company",
                company_id,
                format!("LKS Bipartit {} dibentuk {formed_on}, {} anggota", company.name, rows.len()),
            ),
            now,
        )?;
        Ok(lks)
    })
}

/// The office's bukti pencatatan for an LKS Bipartit, as typed by an officer.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct LksRegistrationInput {
    pub registration_number: String,
    pub registered_on: String,
}

/// Officers record the bukti pencatatan the office issued for a notified LKS Bipartit.
#[allow(clippy::too_many_arguments)]
pub fn record_lks_registration(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    lks_id: &str,
    input: &LksRegistrationInput,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<LksRow, Error> {
    actor.require(&[Role::Admin, Role::Petugas])?;
    let number = input.registration_number.trim().to_string();
    if number.chars().count() < 3 || number.chars().count() > 100 {
        return Err(invalid(
            "registration_number_required",
            "registration_number",
            "Isi nomor bukti pencatatan (3 sampai 100 karakter).",
            "Give the recording number (3 to 100 characters).",
        ));
    }
    let registered_on = date(&input.registered_on, "registered_on", today)?;
    write_tx(conn, |conn| {
        let company = writable(conn, actor, company_id)?;
        let lks = model::find_lks(conn, company_id, lks_id)?.ok_or(Error::NotFound)?;
        if registered_on < lks.formed_on {
            return Err(invalid(
                "registered_before_formed",
                "registered_on",
                "Tanggal pencatatan tidak boleh sebelum tanggal pembentukan.",
                "Recording cannot be before formation.",
            ));
        }
        if model::set_lks_registration(conn, lks_id, &number, registered_on)? != 1 {
            return Err(Error::conflict(
                "lks_already_registered",
                "LKS Bipartit ini sudah memiliki bukti pencatatan.",
                "This LKS Bipartit already has a bukti pencatatan.",
            ));
        }
        standing::refresh(conn, settings, &company, today)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "company.lks_register",
                "company",
                company_id,
                format!(
                    "Bukti pencatatan LKS Bipartit {} (dibentuk {}): nomor {number}, tanggal {registered_on}",
                    company.name, lks.formed_on
                ),
            ),
            now,
        )?;
        Ok(LksRow { registration_number: Some(number.clone()), registered_on: Some(registered_on), ..lks })
    })
}

/// A meeting of an LKS Bipartit as typed; the minutes may come as an uploaded file.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct LksMeetingInput {
    pub held_on: String,
    pub agenda: String,
}

fn agenda_text(raw: &str, field: &'static str) -> Result<String, Error> {
    let text = raw.trim().to_string();
    if text.chars().count() < 3 || text.chars().count() > 2000 {
        return Err(invalid("text_length", field, "Isi 3 sampai 2.000 karakter.", "Write 3 to 2,000 characters."));
    }
    Ok(text)
}

/// Records a meeting of the company's LKS Bipartit, with its minutes when uploaded.
#[allow(clippy::too_many_arguments)]
pub fn add_lks_meeting(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    lks_id: &str,
    input: &LksMeetingInput,
    minutes: Option<&Stored>,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<LksMeetingRow, Error> {
    let held_on = date(&input.held_on, "held_on", today)?;
    let agenda = agenda_text(&input.agenda, "agenda")?;
    write_tx(conn, |conn| {
        let company = writable(conn, actor, company_id)?;
        let lks = model::find_lks(conn, company_id, lks_id)?.ok_or(Error::NotFound)?;
        if held_on < lks.formed_on {
            return Err(invalid(
                "meeting_before_formed",
                "held_on",
                "Rapat tidak boleh sebelum LKS Bipartit dibentuk.",
                "A meeting cannot be before the LKS Bipartit was formed.",
            ));
        }
        if model::lks_meeting_exists(conn, lks_id, held_on)? {
            return Err(Error::Conflict(
                Problem::new(
                    "lks_meeting_exists",
                    "Rapat pada tanggal itu sudah dicatat.",
                    "A meeting on that date is already recorded.",
                )
                .field("held_on"),
            ));
        }
        let row = LksMeetingRow {
            id: uuid::Uuid::new_v4().to_string(),
            lks_id: lks_id.into(),
            held_on,
            agenda: agenda.clone(),
            created_at: now,
        };
        model::insert_lks_meeting(conn, &row)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "company.lks_meeting_add",
                "company",
                company_id,
                format!("Rapat LKS Bipartit {} tanggal {held_on}: {agenda}", company.name),
            ),
            now,
        )?;
        if let Some(stored) = minutes {
            let owner = Owner { kind: "lks_meeting", id: &row.id, company_id: Some(company_id) };
            let summary = format!("Notulen rapat LKS Bipartit {} tanggal {held_on}", company.name);
            documents::attach(conn, actor, owner, stored, ("company", company_id), summary, now)?;
        }
        Ok(row)
    })
}

/// A six-monthly report of an LKS Bipartit as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct LksReportInput {
    /// The half-year reported: "2026-I" (January-June) or "2026-II" (July-December).
    pub period: String,
    /// When the Disnaker received it; today when empty, and always today when the company
    /// sends it through Harmoni.
    #[serde(default)]
    pub received_on: String,
    pub summary: String,
}

/// Records a six-monthly report of the company's LKS Bipartit, with the report file when uploaded.
#[allow(clippy::too_many_arguments)]
pub fn add_lks_report(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    lks_id: &str,
    input: &LksReportInput,
    file: Option<&Stored>,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<LksReportRow, Error> {
    let period = compliance::parse_semester(&input.period).ok_or_else(|| {
        invalid(
            "invalid_period",
            "period",
            "Tulis periode seperti 2026-I (Januari-Juni) atau 2026-II (Juli-Desember).",
            "Write the period like 2026-I (January-June) or 2026-II (July-December).",
        )
    })?;
    if compliance::semester_end(period) >= today {
        return Err(invalid(
            "period_not_ended",
            "period",
            "Laporan hanya untuk semester yang sudah berakhir.",
            "Reports are for half-years that have ended.",
        ));
    }
    let received_on = match input.received_on.trim() {
        "" => today,
        _ if actor.role == Role::Perusahaan => today,
        raw => date(raw, "received_on", today)?,
    };
    let summary = agenda_text(&input.summary, "summary")?;
    write_tx(conn, |conn| {
        let company = writable(conn, actor, company_id)?;
        let lks = model::find_lks(conn, company_id, lks_id)?.ok_or(Error::NotFound)?;
        if compliance::semester_end(period) < lks.formed_on {
            return Err(invalid(
                "period_before_formed",
                "period",
                "Semester itu berakhir sebelum LKS Bipartit dibentuk.",
                "That half-year ended before the LKS Bipartit was formed.",
            ));
        }
        if model::lks_report_exists(conn, lks_id, period.0, period.1 as i32)? {
            return Err(Error::Conflict(
                Problem::new(
                    "lks_report_exists",
                    "Laporan untuk semester itu sudah diterima.",
                    "The report for that half-year has already been received.",
                )
                .field("period"),
            ));
        }
        let row = LksReportRow {
            id: uuid::Uuid::new_v4().to_string(),
            lks_id: lks_id.into(),
            period_year: period.0,
            period_half: period.1 as i32,
            received_on,
            summary: summary.clone(),
            created_at: now,
        };
        model::insert_lks_report(conn, &row)?;
        let label = compliance::semester_label(period);
        record(
            conn,
            &AuditEntry::by(
                actor,
                "company.lks_report_add",
                "company",
                company_id,
                format!("Laporan semester {label} LKS Bipartit {} diterima {received_on}", company.name),
            ),
            now,
        )?;
        if let Some(stored) = file {
            let owner = Owner { kind: "lks_report", id: &row.id, company_id: Some(company_id) };
            let summary = format!("Laporan semester {label} LKS Bipartit {}", company.name);
            documents::attach(conn, actor, owner, stored, ("company", company_id), summary, now)?;
        }
        Ok(row)
    })
}

/// Company records a document can be attached to after they were recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFor {
    /// The signed wage structure and scale.
    WageScale,
    /// The minutes of an LKS Bipartit meeting.
    LksMeeting,
    /// A six-monthly LKS Bipartit report.
    LksReport,
}

/// Attaches a document to one of the company's records (a later upload replaces the earlier
/// one on the page; the earlier stays on record). A record of another company is not found.
pub fn attach_company_document(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    target: DocumentFor,
    owner_id: &str,
    stored: &Stored,
    now: NaiveDateTime,
) -> Result<DocumentRow, Error> {
    write_tx(conn, |conn| {
        let company = writable(conn, actor, company_id)?;
        let (kind, summary) = match target {
            DocumentFor::WageScale => {
                let scale = model::find_wage_scale(conn, company_id, owner_id)?.ok_or(Error::NotFound)?;
                (
                    "wage_scale",
                    format!("Dokumen struktur dan skala upah {} berlaku {}", company.name, scale.effective_on),
                )
            }
            DocumentFor::LksMeeting => {
                let ids: Vec<String> = model::lks(conn, company_id)?.into_iter().map(|(l, _)| l.id).collect();
                let m =
                    model::lks_meetings(conn, &ids)?.into_iter().find(|m| m.id == owner_id).ok_or(Error::NotFound)?;
                ("lks_meeting", format!("Notulen rapat LKS Bipartit {} tanggal {}", company.name, m.held_on))
            }
            DocumentFor::LksReport => {
                let ids: Vec<String> = model::lks(conn, company_id)?.into_iter().map(|(l, _)| l.id).collect();
                let r =
                    model::lks_reports(conn, &ids)?.into_iter().find(|r| r.id == owner_id).ok_or(Error::NotFound)?;
                let label = compliance::semester_label((r.period_year, r.period_half as u32));
                ("lks_report", format!("Laporan semester {label} LKS Bipartit {}", company.name))
            }
        };
        let owner = Owner { kind, id: owner_id, company_id: Some(company_id) };
        documents::attach(conn, actor, owner, stored, ("company", company_id), summary, now)
    })
}

/// A company's records and the criteria of the decent-work indicator as of a date.
#[derive(Debug, Clone)]
pub struct Profile {
    pub company: CompanyRow,
    pub as_of: NaiveDate,
    pub bpjs: Vec<BpjsRow>,
    pub wage_scales: Vec<(WageScaleRow, Vec<WageGradeRow>)>,
    pub lks: Vec<(LksRow, Vec<LksMemberRow>)>,
    /// A valid PP or PKB.
    pub pp_status: Criterion,
    pub lks_status: Criterion,
    pub wage_status: Criterion,
    pub bpjs_status: Criterion,
    pub can_record: bool,
    /// Activity of each LKS Bipartit, in the order of `lks`.
    pub lks_activity: Vec<LksActivity>,
    /// The newest uploaded document of each wage scale, by scale id.
    pub wage_documents: HashMap<String, DocumentRow>,
}

/// What an LKS Bipartit did and owes, as of the profile's date.
#[derive(Debug, Clone)]
pub struct LksActivity {
    /// The 14 working-day notification clock from the formation (Permenakertrans 32/2008).
    pub notification_due: Deadline,
    /// Working days the notification came after the due date (0 or less: on time); none
    /// for records kept before the notification date was asked.
    pub notified_late_by: Option<i64>,
    pub meetings: Vec<(LksMeetingRow, Option<DocumentRow>)>,
    pub reports: Vec<(LksReportRow, Option<DocumentRow>)>,
    pub next_meeting_due: NaiveDate,
    pub meeting_overdue: bool,
    /// Half-years whose report was owed by the date and has not been received.
    pub missing_reports: Vec<compliance::Semester>,
    /// Whether the term was still running on the date (only then are meetings and reports owed).
    pub in_term: bool,
}

/// The four criteria of the decent-work indicator as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criteria {
    /// A valid PP or PKB (`regulations`).
    pub pp: Criterion,
    pub lks: Criterion,
    pub wage: Criterion,
    pub bpjs: Criterion,
}

/// Computes the criteria from a company's records (no IO).
pub fn criteria(
    company: &CompanyRow,
    bpjs: &[BpjsRow],
    wage_scales: &[(WageScaleRow, Vec<WageGradeRow>)],
    lks: &[(LksRow, Vec<LksMemberRow>)],
    regulations: &[Instrument],
    settings: &Settings,
    as_of: NaiveDate,
) -> Criteria {
    let snapshots: Vec<BpjsSnapshot> = bpjs
        .iter()
        .map(|b| BpjsSnapshot {
            npp: b.npp.clone(),
            registered_on: b.registered_on,
            programmes: [
                (b.jkk, Programme::Jkk),
                (b.jkm, Programme::Jkm),
                (b.jht, Programme::Jht),
                (b.jp, Programme::Jp),
                (b.jkp, Programme::Jkp),
            ]
            .into_iter()
            .filter_map(|(on, p)| on.then_some(p))
            .collect(),
            workers_enrolled: b.workers_enrolled,
            as_of: b.as_of,
        })
        .collect();
    let scales: Vec<WageScale> = wage_scales
        .iter()
        .map(|(s, g)| WageScale {
            effective_on: s.effective_on,
            workers_informed: s.workers_informed,
            grades: g.iter().map(|g| (g.grade.clone(), g.job_level.clone(), g.min_sen, g.max_sen)).collect(),
        })
        .collect();
    let lks_list: Vec<Lks> = lks
        .iter()
        .map(|(l, m)| Lks {
            formed_on: l.formed_on,
            registered_on: l.registered_on,
            employer_members: m.iter().filter(|x| x.side == "pengusaha").count(),
            worker_members: m.iter().filter(|x| x.side == "pekerja").count(),
        })
        .collect();
    let r = &settings.registry;
    Criteria {
        pp: crate::regulations::rules::regulation_status(
            regulations,
            company.workers_total,
            r.pp_required_from_workers,
            as_of,
        ),
        lks: compliance::lks_status(
            &lks_list,
            company.workers_total,
            r.lks_required_from_workers,
            r.lks_term_years,
            as_of,
        ),
        wage: compliance::wage_scale_status(&scales, &settings.umk, as_of),
        bpjs: compliance::bpjs_status(&company.size_class, &snapshots, as_of),
    }
}

/// Loads a company's records and computes its criteria as of a date (no authorisation: for
/// the standing table and reports, which are scoped by their callers).
pub fn criteria_of(
    conn: &mut DbConn,
    company: &CompanyRow,
    settings: &Settings,
    as_of: NaiveDate,
) -> Result<Criteria, Error> {
    let bpjs = model::bpjs(conn, &company.id)?;
    let wage_scales = model::wage_scales(conn, &company.id)?;
    let lks = model::lks(conn, &company.id)?;
    let regulations = crate::regulations::service::instruments(conn, &company.id)?;
    Ok(criteria(company, &bpjs, &wage_scales, &lks, &regulations, settings, as_of))
}

pub fn profile(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    as_of: NaiveDate,
    settings: &Settings,
) -> Result<Profile, Error> {
    let company = model::find(conn, &scope(actor)?, company_id)?.ok_or(Error::NotFound)?;
    let bpjs = model::bpjs(conn, company_id)?;
    let wage_scales = model::wage_scales(conn, company_id)?;
    let lks = model::lks(conn, company_id)?;
    let instruments = crate::regulations::service::instruments(conn, company_id)?;
    let criteria = criteria(&company, &bpjs, &wage_scales, &lks, &instruments, settings, as_of);
    let r = &settings.registry;
    let lks_ids: Vec<String> = lks.iter().map(|(l, _)| l.id.clone()).collect();
    let meetings = model::lks_meetings(conn, &lks_ids)?;
    let reports = model::lks_reports(conn, &lks_ids)?;
    let mut meeting_docs =
        documents::latest(conn, "lks_meeting", &meetings.iter().map(|m| m.id.clone()).collect::<Vec<_>>())?;
    let mut report_docs =
        documents::latest(conn, "lks_report", &reports.iter().map(|m| m.id.clone()).collect::<Vec<_>>())?;
    let wage_documents =
        documents::latest(conn, "wage_scale", &wage_scales.iter().map(|(s, _)| s.id.clone()).collect::<Vec<_>>())?;
    let calendar = crate::calendar::service::load(conn, &company.office_id)?;
    let mut lks_activity = Vec::new();
    for (l, _) in &lks {
        let notification_due = crate::calendar::service::compute(
            &calendar,
            &settings.deadline_rules,
            l.formed_on,
            &DeadlineRequest::Rule("lks_pencatatan".into()),
        )?;
        let notified_late_by = l.notified_on.map(|n| calendar.count_working_days(notification_due.computation.due, n));
        let held: Vec<(LksMeetingRow, Option<DocumentRow>)> = meetings
            .iter()
            .filter(|m| m.lks_id == l.id && m.held_on <= as_of)
            .map(|m| (m.clone(), meeting_docs.remove(&m.id)))
            .collect();
        let received: Vec<(LksReportRow, Option<DocumentRow>)> = reports
            .iter()
            .filter(|x| x.lks_id == l.id && x.received_on <= as_of)
            .map(|x| (x.clone(), report_docs.remove(&x.id)))
            .collect();
        let next_meeting_due = compliance::next_meeting_due(
            l.formed_on,
            held.first().map(|(m, _)| m.held_on),
            r.lks_meeting_interval_months,
        );
        let in_term = l.formed_on <= as_of && as_of < compliance::term_end(l.formed_on, r.lks_term_years);
        let missing_reports = compliance::semesters_due(l.formed_on, r.lks_term_years, as_of)
            .into_iter()
            .filter(|s| !received.iter().any(|(x, _)| (x.period_year, x.period_half as u32) == *s))
            .collect();
        lks_activity.push(LksActivity {
            notification_due,
            notified_late_by,
            meeting_overdue: in_term && next_meeting_due < as_of,
            meetings: held,
            reports: received,
            next_meeting_due,
            missing_reports,
            in_term,
        });
    }
    Ok(Profile {
        pp_status: criteria.pp,
        lks_status: criteria.lks,
        wage_status: criteria.wage,
        bpjs_status: criteria.bpjs,
        can_record: matches!(actor.role, Role::Admin | Role::Petugas | Role::Perusahaan),
        company,
        as_of,
        bpjs,
        wage_scales,
        lks,
        lks_activity,
        wage_documents,
    })
}
