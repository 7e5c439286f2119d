//! Calendar use cases: seeding from config, loading an office's calendar, administrators'
//! changes (audited), and computing a deadline by rule or by number of working days.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::calendar::data::{self, DeadlineRule, Unit, YearFile};
use crate::calendar::model::{self, DayRow, YearRow};
use crate::calendar::rules::{Calendar, Computation, DayKind, Direction, Holiday, YearStatus, MAX_WORKING_DAYS};
use crate::db::{write_tx, DbConn};
use crate::error::{Bilingual, Error, Problem};

/// Loads the years shipped in config into an office's calendar, once per year: a year the
/// office already has (perhaps edited by its administrator) is left alone. Returns the years added.
pub fn seed_from_config(
    conn: &mut DbConn,
    office_id: &str,
    years: &[YearFile],
    now: NaiveDateTime,
) -> Result<Vec<i32>, Error> {
    write_tx(conn, |conn| {
        let mut added = Vec::new();
        for file in years {
            if model::find_year(conn, office_id, file.year)?.is_some() {
                continue;
            }
            store_year(conn, office_id, file, now)?;
            record(
                conn,
                &AuditEntry::system(
                    office_id,
                    "calendar.seed",
                    "calendar_year",
                    &file.year.to_string(),
                    format!(
                        "Kalender {} dimuat dari konfigurasi ({} hari, {})",
                        file.year,
                        file.days.len(),
                        file.status.as_str()
                    ),
                ),
                now,
            )?;
            added.push(file.year);
        }
        Ok(added)
    })
}

/// Writes a year row and its days; days already listed (e.g. an office closure) are kept.
fn store_year(conn: &mut DbConn, office_id: &str, file: &YearFile, now: NaiveDateTime) -> Result<usize, Error> {
    match model::find_year(conn, office_id, file.year)? {
        Some(row) => {
            model::update_year(conn, &row.id, file.status.as_str(), &file.source, now)?;
        }
        None => {
            model::insert_year(
                conn,
                &YearRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    office_id: office_id.to_string(),
                    year: file.year,
                    status: file.status.as_str().to_string(),
                    source: file.source.clone(),
                    created_at: now,
                    updated_at: now,
                },
            )?;
        }
    }
    let mut stored = 0;
    for day in &file.days {
        if model::find_day(conn, office_id, day.date)?.is_none() {
            model::insert_day(conn, &day_row(office_id, day, now))?;
            stored += 1;
        }
    }
    Ok(stored)
}

fn day_row(office_id: &str, day: &Holiday, now: NaiveDateTime) -> DayRow {
    DayRow {
        id: uuid::Uuid::new_v4().to_string(),
        office_id: office_id.to_string(),
        day: day.date,
        kind: day.kind.as_str().to_string(),
        name_id: day.name_id.clone(),
        name_en: day.name_en.clone(),
        created_at: now,
    }
}

/// The office's calendar as the engine uses it.
pub fn load(conn: &mut DbConn, office_id: &str) -> Result<Calendar, Error> {
    let years = model::years(conn, office_id)?
        .into_iter()
        .filter_map(|y| YearStatus::parse(&y.status).map(|s| (y.year, s)))
        .collect::<Vec<_>>();
    let days = model::days(conn, office_id)?.into_iter().filter_map(|d| {
        DayKind::parse(&d.kind).map(|kind| Holiday { date: d.day, kind, name_id: d.name_id, name_en: d.name_en })
    });
    Ok(Calendar::new(years, days))
}

/// A day an administrator adds to the calendar.
#[derive(Debug, Clone, Default)]
pub struct DayInput {
    pub date: String,
    pub kind: String,
    pub name_id: String,
    pub name_en: String,
}

fn invalid(code: &'static str, field: &'static str, id: String, en: String) -> Error {
    Error::Invalid(Problem { code, field: Some(field), message: Bilingual::new(id, en) })
}

/// Parses a YYYY-MM-DD date from user input, naming the field when it is wrong.
pub fn parse_date(raw: &str, field: &'static str) -> Result<NaiveDate, Error> {
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        invalid(
            "invalid_date",
            field,
            "Tanggal harus berformat TTTT-BB-HH, misalnya 2026-03-02.".into(),
            "Dates must be written YYYY-MM-DD, e.g. 2026-03-02.".into(),
        )
    })?;
    if !data::YEARS.contains(&date.year()) {
        return Err(invalid(
            "date_out_of_range",
            field,
            format!("Tahun harus antara {} dan {}.", data::YEARS.start(), data::YEARS.end()),
            format!("The year must be between {} and {}.", data::YEARS.start(), data::YEARS.end()),
        ));
    }
    Ok(date)
}

fn validate_day(input: &DayInput) -> Result<Holiday, Error> {
    let date = parse_date(&input.date, "date")?;
    let kind = DayKind::parse(&input.kind).ok_or_else(|| {
        invalid(
            "invalid_kind",
            "kind",
            "Jenis hari harus libur nasional, cuti bersama, atau penutupan kantor.".into(),
            "The kind must be national holiday, collective leave, or office closure.".into(),
        )
    })?;
    let name_id = input.name_id.split_whitespace().collect::<Vec<_>>().join(" ");
    let name_en = input.name_en.split_whitespace().collect::<Vec<_>>().join(" ");
    if name_id.is_empty() || name_id.chars().count() > 120 {
        return Err(invalid(
            "invalid_name",
            "name_id",
            "Nama hari (Indonesia) wajib diisi, maksimal 120 karakter.".into(),
            "The Indonesian name is required, at most 120 characters.".into(),
        ));
    }
    let name_en = if name_en.is_empty() { name_id.clone() } else { name_en };
    if name_en.chars().count() > 120 {
        return Err(invalid(
            "invalid_name",
            "name_en",
            "Nama hari (Inggris) maksimal 120 karakter.".into(),
            "The English name has at most 120 characters.".into(),
        ));
    }
    if kind == DayKind::PenutupanKantor && date.weekday().num_days_from_monday() >= 5 {
        return Err(invalid(
            "closure_on_weekend",
            "date",
            "Tanggal itu hari Sabtu atau Minggu; penutupan kantor pada akhir pekan tidak mengubah hari kerja.".into(),
            "That date is a Saturday or Sunday; an office closure on a weekend changes no working day.".into(),
        ));
    }
    Ok(Holiday { date, kind, name_id, name_en })
}

/// An administrator adds a holiday or an office closure.
pub fn add_day(conn: &mut DbConn, actor: &Actor, input: &DayInput, now: NaiveDateTime) -> Result<DayRow, Error> {
    actor.require(&[Role::Admin])?;
    let day = validate_day(input)?;
    write_tx(conn, |conn| {
        if let Some(existing) = model::find_day(conn, &actor.office_id, day.date)? {
            return Err(Error::Conflict(Problem {
                code: "day_exists",
                field: Some("date"),
                message: Bilingual::new(
                    format!(
                        "Tanggal {} sudah tercatat sebagai \"{}\"; hapus dulu bila ingin menggantinya.",
                        day.date, existing.name_id
                    ),
                    format!(
                        "{} is already listed as \"{}\"; remove it first to replace it.",
                        day.date, existing.name_en
                    ),
                ),
            }));
        }
        let row = day_row(&actor.office_id, &day, now);
        model::insert_day(conn, &row)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "calendar.day_add",
                "calendar_day",
                &day.date.to_string(),
                format!("Hari ditambahkan: {} {} ({})", day.date, day.name_id, day.kind.as_str()),
            ),
            now,
        )?;
        Ok(row)
    })
}

/// An administrator removes a listed day (it becomes a working day again, unless a weekend).
pub fn remove_day(conn: &mut DbConn, actor: &Actor, date: NaiveDate, now: NaiveDateTime) -> Result<DayRow, Error> {
    actor.require(&[Role::Admin])?;
    write_tx(conn, |conn| {
        let row = model::find_day(conn, &actor.office_id, date)?.ok_or(Error::NotFound)?;
        model::delete_day(conn, &row.id)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "calendar.day_remove",
                "calendar_day",
                &date.to_string(),
                format!("Hari dihapus: {} {} ({})", row.day, row.name_id, row.kind),
            ),
            now,
        )?;
        Ok(row)
    })
}

/// An administrator imports a year's list (the format of `config/calendar/YYYY.toml`): its
/// national days replace the year's national days; the office's own closures stay.
pub fn import_year(conn: &mut DbConn, actor: &Actor, text: &str, now: NaiveDateTime) -> Result<YearFile, Error> {
    actor.require(&[Role::Admin])?;
    let file = data::parse_year(text).map_err(|problems| {
        invalid(
            "invalid_calendar_file",
            "content",
            format!("Berkas kalender tidak dapat dipakai: {}", problems.join("; ")),
            format!("The calendar file cannot be used: {}", problems.join("; ")),
        )
    })?;
    write_tx(conn, |conn| {
        let removed = model::delete_national_days(conn, &actor.office_id, file.year)?;
        let stored = store_year(conn, &actor.office_id, &file, now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "calendar.import",
                "calendar_year",
                &file.year.to_string(),
                format!(
                    "Kalender {} diimpor ({}): {} hari lama diganti dengan {} hari; sumber: {}",
                    file.year,
                    file.status.as_str(),
                    removed,
                    stored,
                    file.source
                ),
            ),
            now,
        )?;
        Ok(file.clone())
    })
}

/// An administrator marks a year's list final (its SKB has appeared and matches).
pub fn confirm_year(conn: &mut DbConn, actor: &Actor, year: i32, now: NaiveDateTime) -> Result<(), Error> {
    actor.require(&[Role::Admin])?;
    write_tx(conn, |conn| {
        let row = model::find_year(conn, &actor.office_id, year)?.ok_or(Error::NotFound)?;
        if row.status == YearStatus::Confirmed.as_str() {
            return Ok(());
        }
        model::update_year(conn, &row.id, YearStatus::Confirmed.as_str(), &row.source, now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "calendar.confirm",
                "calendar_year",
                &year.to_string(),
                format!("Kalender {year} ditandai final"),
            ),
            now,
        )?;
        Ok(())
    })
}

/// The years an office has, with their status and source.
pub fn years(conn: &mut DbConn, office_id: &str) -> Result<Vec<YearRow>, Error> {
    Ok(model::years(conn, office_id)?)
}

/// What to compute: a named rule, or a plain number of working days.
#[derive(Debug, Clone)]
pub enum DeadlineRequest {
    Rule(String),
    WorkingDays(i64),
}

/// A computed deadline and the rule behind it (none for a plain number of days).
#[derive(Debug, Clone)]
pub struct Deadline {
    pub rule: Option<DeadlineRule>,
    pub computation: Computation,
}

/// Computes a deadline from a start date, checking the request like any user input.
pub fn compute(
    calendar: &Calendar,
    rules: &BTreeMap<String, DeadlineRule>,
    from: NaiveDate,
    request: &DeadlineRequest,
) -> Result<Deadline, Error> {
    match request {
        DeadlineRequest::WorkingDays(n) => {
            if !(0..=MAX_WORKING_DAYS as i64).contains(n) {
                return Err(invalid(
                    "invalid_working_days",
                    "working_days",
                    format!("Jumlah hari kerja harus 0 sampai {MAX_WORKING_DAYS}."),
                    format!("The number of working days must be 0 to {MAX_WORKING_DAYS}."),
                ));
            }
            Ok(Deadline { rule: None, computation: calendar.add_working_days(from, *n as u32) })
        }
        DeadlineRequest::Rule(code) => {
            let rule = rules.get(code).ok_or_else(|| {
                invalid(
                    "unknown_rule",
                    "rule",
                    format!("Aturan tenggat \"{code}\" tidak dikenal."),
                    format!("There is no deadline rule \"{code}\"."),
                )
            })?;
            let computation = match rule.unit {
                Unit::WorkingDays => calendar.compute(from, rule.days, rule.direction),
                Unit::CalendarDays => {
                    let offset = Duration::days(rule.days as i64);
                    let due = if rule.direction == Direction::After { from + offset } else { from - offset };
                    Computation {
                        start: from,
                        working_days: rule.days,
                        direction: rule.direction,
                        due,
                        skipped: Vec::new(),
                        warnings: Vec::new(),
                    }
                }
            };
            Ok(Deadline { rule: Some(rule.clone()), computation })
        }
    }
}
