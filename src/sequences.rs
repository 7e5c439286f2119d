//! Yearly number sequences per office and series (receipts, letters): never reused, gap-free
//! as long as the transaction that takes a number commits.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::error::Error;
use crate::schema::number_sequences;

/// Takes the next number of `series` for `office_id` in `year`, starting at 1. Call it inside
/// the transaction that records what carries the number: a rollback gives the number back,
/// a commit uses it for good.
///
/// Why this is safe with concurrent writers: the row is created if missing with
/// `ON CONFLICT DO NOTHING` (the same SQL on both backends), then incremented by one UPDATE.
/// On PostgreSQL the UPDATE holds the row lock until commit, so a second transaction waits
/// and then reads the committed value; on SQLite write transactions are `BEGIN IMMEDIATE`.
pub fn next(conn: &mut DbConn, office_id: &str, series: &str, year: i32) -> Result<i32, Error> {
    let row = (
        number_sequences::office_id.eq(office_id),
        number_sequences::series.eq(series),
        number_sequences::year.eq(year),
        number_sequences::last_number.eq(0),
    );
    let conflict = (number_sequences::office_id, number_sequences::series, number_sequences::year);
    // MultiConnection has no portable ON CONFLICT, so each inner connection runs the same
    // statement itself.
    match conn {
        DbConn::Sqlite(c) => {
            diesel::insert_into(number_sequences::table).values(row).on_conflict(conflict).do_nothing().execute(c)?
        }
        DbConn::Postgres(c) => {
            diesel::insert_into(number_sequences::table).values(row).on_conflict(conflict).do_nothing().execute(c)?
        }
    };
    let key = number_sequences::table
        .filter(number_sequences::office_id.eq(office_id))
        .filter(number_sequences::series.eq(series))
        .filter(number_sequences::year.eq(year));
    diesel::update(key).set(number_sequences::last_number.eq(number_sequences::last_number + 1)).execute(conn)?;
    Ok(key.select(number_sequences::last_number).first(conn)?)
}

/// Inputs of a letter or case number: the pattern (a setting) and what goes into it.
pub struct NumberParts<'a> {
    pub pattern: &'a str,
    pub classification: &'a str,
    pub unit: &'a str,
    pub sequence: i64,
    pub sequence_width: usize,
    pub date: NaiveDate,
}

/// Roman numerals of the months, as Indonesian letter numbers write them.
const ROMAN_MONTHS: [&str; 12] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

/// Fills a number pattern such as `{classification}/{seq}/{unit}/{year}` (DOMAIN.md section 12).
/// Placeholders: `{classification}`, `{seq}` (zero-padded), `{unit}`, `{year}`, `{month}`
/// (Roman numerals).
pub fn letter_number(p: &NumberParts) -> String {
    p.pattern
        .replace("{classification}", p.classification)
        .replace("{seq}", &format!("{:0width$}", p.sequence, width = p.sequence_width))
        .replace("{unit}", p.unit)
        .replace("{year}", &p.date.year().to_string())
        .replace("{month}", ROMAN_MONTHS[p.date.month0() as usize])
}

/// Checks a number pattern at start-up: it must hold `{seq}` and `{year}` so that numbers
/// never repeat (the sequence restarts each year), and no unknown placeholder.
pub fn check_number_pattern(pattern: &str) -> Result<(), String> {
    if !pattern.contains("{seq}") || !pattern.contains("{year}") {
        return Err(format!("number pattern \"{pattern}\" must contain {{seq}} and {{year}}"));
    }
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').ok_or_else(|| format!("number pattern \"{pattern}\" has an unclosed {{"))?;
        let name = &rest[open + 1..open + close];
        if !["classification", "seq", "unit", "year", "month"].contains(&name) {
            return Err(format!("number pattern \"{pattern}\" has an unknown placeholder {{{name}}}"));
        }
        rest = &rest[open + close + 1..];
    }
    Ok(())
}
