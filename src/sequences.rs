//! Yearly number sequences per office and series (receipts, letters): never reused, gap-free
//! as long as the transaction that takes a number commits.

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
