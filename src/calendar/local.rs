//! The office's local time (WIB, UTC+7): typing, showing and dating moments that are stored
//! in UTC.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::error::Problem;

/// The office's local time is WIB (UTC+7); times are typed and shown in it, stored in UTC.
pub const WIB_HOURS: i64 = 7;

/// The local (WIB) day of a stored UTC time.
pub fn local_date(utc: NaiveDateTime) -> NaiveDate {
    (utc + Duration::hours(WIB_HOURS)).date()
}

/// A stored UTC time as a `datetime-local` input value in WIB ("2026-03-02T08:00").
pub fn local_input(utc: NaiveDateTime) -> String {
    (utc + Duration::hours(WIB_HOURS)).format("%Y-%m-%dT%H:%M").to_string()
}

/// A day and hour typed in WIB ("2026-03-02T08:00", "2026-03-02 08:00" or "2026-03-02 08.00"),
/// as UTC.
pub fn parse_local(raw: &str, field: &'static str) -> Result<NaiveDateTime, Problem> {
    let v = raw.trim().replace('T', " ").replace('.', ":");
    let parsed = NaiveDateTime::parse_from_str(&v, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&v, "%Y-%m-%d %H:%M:%S"))
        .map_err(|_| {
            Problem::at(
                "invalid_datetime",
                field,
                "Tulis tanggal dan jam (WIB) dengan format TTTT-BB-HH JJ:MM, misalnya 2026-03-09 08:00.",
                "Write the date and hour (WIB) as YYYY-MM-DD HH:MM, e.g. 2026-03-09 08:00.",
            )
        })?;
    if !crate::calendar::data::YEARS.contains(&chrono::Datelike::year(&parsed)) {
        return Err(Problem::at(
            "date_out_of_range",
            field,
            format!(
                "Tahun harus antara {} dan {}.",
                crate::calendar::data::YEARS.start(),
                crate::calendar::data::YEARS.end()
            ),
            format!(
                "The year must be between {} and {}.",
                crate::calendar::data::YEARS.start(),
                crate::calendar::data::YEARS.end()
            ),
        ));
    }
    Ok(parsed - Duration::hours(WIB_HOURS))
}

/// A WIB day and time of day as UTC.
pub fn utc_of(day: NaiveDate, time: chrono::NaiveTime) -> NaiveDateTime {
    day.and_time(time) - Duration::hours(WIB_HOURS)
}

/// A stored UTC time as the WIB time of day ("08:30").
pub fn local_time(utc: NaiveDateTime) -> String {
    (utc + Duration::hours(WIB_HOURS)).format("%H:%M").to_string()
}

/// The office's hours (WIB) within which sessions are planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeHours {
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

impl OfficeHours {
    /// "08:00" and "16:00"; `None` unless both are times and the office opens before it closes.
    pub fn parse(opens: &str, closes: &str) -> Option<OfficeHours> {
        let t = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").ok();
        let (opens, closes) = (t(opens)?, t(closes)?);
        (opens < closes).then_some(OfficeHours { opens, closes })
    }
}
