//! Union rows and their queries, within one office.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::companies::model::CompanyRow;
use crate::db::{escape_like, lower, DbConn};
use crate::schema::{companies, union_companies, unions};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = unions, treat_none_as_null = true)]
pub struct UnionRow {
    pub id: String,
    pub office_id: String,
    pub name: String,
    pub federation: Option<String>,
    pub registration_number: String,
    pub registered_on: NaiveDate,
    pub member_count: i32,
    pub chair_name: String,
    pub secretary_name: String,
    pub treasurer_name: Option<String>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = union_companies)]
pub struct UnionCompanyRow {
    pub id: String,
    pub union_id: String,
    pub company_id: String,
    pub members: i32,
}

pub fn list(
    conn: &mut DbConn,
    office_id: &str,
    q: Option<&str>,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<UnionRow>, i64)> {
    let query = || {
        let mut b = unions::table.filter(unions::office_id.eq(office_id)).into_boxed();
        if let Some(q) = q {
            b = b.filter(lower(unions::name).like(format!("%{}%", escape_like(&q.to_lowercase()))).escape('\\'));
        }
        b
    };
    let total = query().count().get_result(conn)?;
    let rows = query()
        .order((unions::name, unions::id))
        .offset(offset)
        .limit(limit)
        .select(UnionRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

pub fn find(conn: &mut DbConn, office_id: &str, id: &str) -> QueryResult<Option<UnionRow>> {
    unions::table
        .filter(unions::id.eq(id))
        .filter(unions::office_id.eq(office_id))
        .select(UnionRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_registration(conn: &mut DbConn, office_id: &str, number: &str) -> QueryResult<Option<UnionRow>> {
    unions::table
        .filter(unions::office_id.eq(office_id))
        .filter(unions::registration_number.eq(number))
        .select(UnionRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConn, row: &UnionRow) -> QueryResult<usize> {
    diesel::insert_into(unions::table).values(row).execute(conn)
}

pub fn update(conn: &mut DbConn, row: &UnionRow) -> QueryResult<usize> {
    diesel::update(unions::table.find(&row.id)).set(row).execute(conn)
}

/// The companies where a union has members, with the count at each.
pub fn companies_of(conn: &mut DbConn, union_id: &str) -> QueryResult<Vec<(UnionCompanyRow, CompanyRow)>> {
    union_companies::table
        .inner_join(companies::table)
        .filter(union_companies::union_id.eq(union_id))
        .order(companies::name)
        .select((UnionCompanyRow::as_select(), CompanyRow::as_select()))
        .load(conn)
}

/// The unions with members at a company.
pub fn unions_at(conn: &mut DbConn, company_id: &str) -> QueryResult<Vec<(UnionCompanyRow, UnionRow)>> {
    union_companies::table
        .inner_join(unions::table)
        .filter(union_companies::company_id.eq(company_id))
        .order(unions::name)
        .select((UnionCompanyRow::as_select(), UnionRow::as_select()))
        .load(conn)
}

pub fn link(conn: &mut DbConn, row: &UnionCompanyRow) -> QueryResult<usize> {
    diesel::insert_into(union_companies::table).values(row).execute(conn)
}

pub fn set_members(conn: &mut DbConn, union_id: &str, company_id: &str, members: i32) -> QueryResult<usize> {
    diesel::update(
        union_companies::table
            .filter(union_companies::union_id.eq(union_id))
            .filter(union_companies::company_id.eq(company_id)),
    )
    .set(union_companies::members.eq(members))
    .execute(conn)
}

pub fn unlink(conn: &mut DbConn, union_id: &str, company_id: &str) -> QueryResult<usize> {
    diesel::delete(
        union_companies::table
            .filter(union_companies::union_id.eq(union_id))
            .filter(union_companies::company_id.eq(company_id)),
    )
    .execute(conn)
}
