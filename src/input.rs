//! Checks of typed text and dates shared by every capability: one-line and multi-line text
//! within bounds, and dates of things that already happened.

use chrono::NaiveDate;

use crate::error::{Error, Problem};

/// Runs of spaces (and line breaks) become one space; the ends are trimmed.
pub fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A one-line text (a decree number, an agenda, a subject) with spaces tidied.
pub fn line(raw: &str, field: &'static str, min: usize, max: usize) -> Result<String, Problem> {
    let v = words(raw);
    let n = v.chars().count();
    if n < min || n > max || v.chars().any(char::is_control) {
        return Err(Problem::at(
            "invalid_text",
            field,
            format!("Isian wajib diisi, {min} sampai {max} karakter."),
            format!("This field is required, {min} to {max} characters."),
        ));
    }
    Ok(v)
}

/// A text of several lines (minutes, a chronology, notes); `min` 0 allows empty.
pub fn text(raw: &str, field: &'static str, min: usize, max: usize) -> Result<String, Problem> {
    let v = raw.replace("\r\n", "\n").trim().to_string();
    let n = v.chars().count();
    if n < min || n > max || v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Problem::at(
            "invalid_text",
            field,
            if min == 0 {
                format!("Teks paling banyak {max} karakter.")
            } else {
                format!("Isian wajib diisi, {min} sampai {max} karakter.")
            },
            if min == 0 {
                format!("At most {max} characters.")
            } else {
                format!("This field is required, {min} to {max} characters.")
            },
        ));
    }
    Ok(v)
}

/// An optional text of several lines: `None` when left empty.
pub fn optional_text(raw: &str, field: &'static str, max: usize) -> Result<Option<String>, Problem> {
    let v = text(raw, field, 0, max)?;
    Ok((!v.is_empty()).then_some(v))
}

/// A date of something that already happened (a term's start, a meeting, a status change).
pub fn not_in_future(d: NaiveDate, today: NaiveDate, field: &'static str) -> Result<NaiveDate, Problem> {
    if d > today {
        return Err(Problem::at(
            "date_in_future",
            field,
            "Tanggal tidak boleh di masa depan.",
            "The date cannot be in the future.",
        ));
    }
    Ok(d)
}

/// A past (or today's) date typed on a form.
pub fn past_date(raw: &str, field: &'static str, today: NaiveDate) -> Result<NaiveDate, Error> {
    not_in_future(crate::calendar::service::parse_date(raw.trim(), field)?, today, field).map_err(Error::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn texts_are_tidied_and_bounded() {
        assert_eq!(
            line("  560/Kep.12 -  Disnaker/2024 ", "decree_number", 3, 100),
            Ok("560/Kep.12 - Disnaker/2024".into())
        );
        assert_eq!(line("x", "agenda", 3, 100).expect_err("short").field, Some("agenda"));
        assert_eq!(text("Baris 1\r\nBaris 2\n", "minutes_summary", 0, 100), Ok("Baris 1\nBaris 2".into()));
        assert_eq!(text("", "minutes_summary", 0, 100), Ok(String::new()));
        assert!(text("a\u{7}b", "minutes_summary", 0, 100).is_err());
        assert_eq!(optional_text("  ", "note", 10), Ok(None));
    }

    #[test]
    fn dates_of_the_past_only() {
        let today = d(2026, 3, 2);
        assert_eq!(not_in_future(today, today, "held_on"), Ok(today));
        assert_eq!(not_in_future(d(2026, 3, 3), today, "held_on").expect_err("future").code, "date_in_future");
        assert_eq!(past_date(" 2026-03-01 ", "held_on", today).expect("past"), d(2026, 3, 1));
    }
}
