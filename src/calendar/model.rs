//! Calendar rows (loaded years, listed days) and their queries, always within one office.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::schema::{calendar_days, calendar_years};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = calendar_years)]
pub struct YearRow {
    pub id: String,
    pub office_id: String,
    pub year: i32,
    pub status: String,
    pub source: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = calendar_days)]
pub struct DayRow {
    pub id: String,
    pub office_id: String,
    pub day: NaiveDate,
    pub kind: String,
    pub name_id: String,
    pub name_en: String,
    pub created_at: NaiveDateTime,
}

pub fn years(conn: &mut DbConn, office_id: &str) -> QueryResult<Vec<YearRow>> {
    calendar_years::table
        .filter(calendar_years::office_id.eq(office_id))
        .order(calendar_years::year)
        .select(YearRow::as_select())
        .load(conn)
}

pub fn find_year(conn: &mut DbConn, office_id: &str, year: i32) -> QueryResult<Option<YearRow>> {
    calendar_years::table
        .filter(calendar_years::office_id.eq(office_id))
        .filter(calendar_years::year.eq(year))
        .select(YearRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_year(conn: &mut DbConn, row: &YearRow) -> QueryResult<usize> {
    diesel::insert_into(calendar_years::table).values(row).execute(conn)
}

pub fn update_year(conn: &mut DbConn, id: &str, status: &str, source: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(calendar_years::table.find(id))
        .set((calendar_years::status.eq(status), calendar_years::source.eq(source), calendar_years::updated_at.eq(now)))
        .execute(conn)
}

pub fn days(conn: &mut DbConn, office_id: &str) -> QueryResult<Vec<DayRow>> {
    calendar_days::table
        .filter(calendar_days::office_id.eq(office_id))
        .order(calendar_days::day)
        .select(DayRow::as_select())
        .load(conn)
}

pub fn find_day(conn: &mut DbConn, office_id: &str, day: NaiveDate) -> QueryResult<Option<DayRow>> {
    calendar_days::table
        .filter(calendar_days::office_id.eq(office_id))
        .filter(calendar_days::day.eq(day))
        .select(DayRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_day(conn: &mut DbConn, row: &DayRow) -> QueryResult<usize> {
    diesel::insert_into(calendar_days::table).values(row).execute(conn)
}

pub fn delete_day(conn: &mut DbConn, id: &str) -> QueryResult<usize> {
    diesel::delete(calendar_days::table.find(id)).execute(conn)
}

/// Removes a year's national days (holidays, cuti bersama), keeping office closures.
pub fn delete_national_days(conn: &mut DbConn, office_id: &str, year: i32) -> QueryResult<usize> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    diesel::delete(calendar_days::table)
        .filter(calendar_days::office_id.eq(office_id))
        .filter(calendar_days::day.between(first, last))
        .filter(calendar_days::kind.ne("penutupan_kantor"))
        .execute(conn)
}
