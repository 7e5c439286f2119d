//! Office rows and their queries.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::schema::offices;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = offices)]
pub struct Office {
    pub id: String,
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub region_code: String,
    pub region_name: String,
    pub letterhead_government: String,
    pub letterhead_office: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn find_by_code(conn: &mut DbConn, code: &str) -> QueryResult<Option<Office>> {
    offices::table.filter(offices::code.eq(code)).select(Office::as_select()).first(conn).optional()
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Office> {
    offices::table.find(id).select(Office::as_select()).first(conn)
}

pub fn insert(conn: &mut DbConn, office: &Office) -> QueryResult<usize> {
    diesel::insert_into(offices::table).values(office).execute(conn)
}

/// Updates the descriptive fields; id, code and created_at never change.
pub fn update_details(conn: &mut DbConn, office: &Office) -> QueryResult<usize> {
    diesel::update(offices::table.find(&office.id))
        .set((
            offices::name.eq(&office.name),
            offices::short_name.eq(&office.short_name),
            offices::region_code.eq(&office.region_code),
            offices::region_name.eq(&office.region_name),
            offices::letterhead_government.eq(&office.letterhead_government),
            offices::letterhead_office.eq(&office.letterhead_office),
            offices::address.eq(&office.address),
            offices::phone.eq(&office.phone),
            offices::email.eq(&office.email),
            offices::website.eq(&office.website),
            offices::updated_at.eq(office.updated_at),
        ))
        .execute(conn)
}
