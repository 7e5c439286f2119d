//! Union use cases: officers record unions and the companies where they have members; staff
//! read the register; a company's representatives see the unions at their company.

use chrono::{NaiveDate, NaiveDateTime};

use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::companies::model::{self as companies, CompanyRow, Scope};
use crate::db::{write_tx, DbConn};
use crate::error::{Bilingual, Error, Problem};
use crate::unions::model::{self, UnionCompanyRow, UnionRow};
use crate::unions::rules::{self, UnionInput, ValidUnion};

const STAFF: [Role; 4] = [Role::Admin, Role::Pimpinan, Role::Mediator, Role::Petugas];
const REGISTRARS: [Role; 2] = [Role::Admin, Role::Petugas];

fn duplicate(existing: &UnionRow) -> Error {
    Error::Conflict(Problem {
        code: "union_registration_taken",
        field: Some("registration_number"),
        message: Bilingual::new(
            format!("Nomor pencatatan ini sudah dipakai oleh {} (/serikat/{}).", existing.name, existing.id),
            format!("This registration number already belongs to {} (/serikat/{}).", existing.name, existing.id),
        ),
    })
}

fn apply(row: &mut UnionRow, v: ValidUnion) {
    row.name = v.name;
    row.federation = v.federation;
    row.registration_number = v.registration_number;
    row.registered_on = v.registered_on;
    row.member_count = v.member_count;
    row.chair_name = v.chair_name;
    row.secretary_name = v.secretary_name;
    row.treasurer_name = v.treasurer_name;
    row.status = v.status;
}

pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    input: &UnionInput,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<UnionRow, Error> {
    actor.require(&REGISTRARS)?;
    let valid = rules::validate(input, today).map_err(Error::Invalid)?;
    write_tx(conn, |conn| {
        if let Some(existing) = model::find_by_registration(conn, &actor.office_id, &valid.registration_number)? {
            return Err(duplicate(&existing));
        }
        let mut row = UnionRow {
            id: uuid::Uuid::new_v4().to_string(),
            office_id: actor.office_id.clone(),
            name: String::new(),
            federation: None,
            registration_number: String::new(),
            registered_on: valid.registered_on,
            member_count: 0,
            chair_name: String::new(),
            secretary_name: String::new(),
            treasurer_name: None,
            status: String::new(),
            created_at: now,
            updated_at: now,
        };
        apply(&mut row, valid.clone());
        model::insert(conn, &row)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "union.create",
                "union",
                &row.id,
                format!("Serikat dicatat: {} ({})", row.name, row.registration_number),
            ),
            now,
        )?;
        Ok(row)
    })
}

pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    input: &UnionInput,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<UnionRow, Error> {
    actor.require(&REGISTRARS)?;
    let valid = rules::validate(input, today).map_err(Error::Invalid)?;
    write_tx(conn, |conn| {
        let old = model::find(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
        if valid.registration_number != old.registration_number {
            if let Some(existing) = model::find_by_registration(conn, &actor.office_id, &valid.registration_number)? {
                return Err(duplicate(&existing));
            }
        }
        let mut row = old.clone();
        apply(&mut row, valid.clone());
        row.updated_at = now;
        model::update(conn, &row)?;
        let mut changes = Vec::new();
        macro_rules! cmp {
            ($($f:ident),*) => {$( if old.$f != row.$f { changes.push(format!("{}: {:?} → {:?}", stringify!($f), old.$f, row.$f)); } )*};
        }
        cmp!(
            name,
            federation,
            registration_number,
            registered_on,
            member_count,
            chair_name,
            secretary_name,
            treasurer_name,
            status
        );
        if !changes.is_empty() {
            record(
                conn,
                &AuditEntry::by(
                    actor,
                    "union.update",
                    "union",
                    id,
                    format!("Data serikat diubah: {}", changes.join("; ")),
                ),
                now,
            )?;
        }
        Ok(row)
    })
}

pub const PER_PAGE: i64 = 25;

/// The office's unions, for staff.
pub fn list(conn: &mut DbConn, actor: &Actor, q: Option<&str>, page: i64) -> Result<(Vec<UnionRow>, i64), Error> {
    actor.require(&STAFF)?;
    Ok(model::list(conn, &actor.office_id, q, (page.max(1) - 1) * PER_PAGE, PER_PAGE)?)
}

/// One union and the companies where it has members, for staff.
pub fn get(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
) -> Result<(UnionRow, Vec<(UnionCompanyRow, CompanyRow)>), Error> {
    actor.require(&STAFF)?;
    let row = model::find(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
    let companies = model::companies_of(conn, id)?;
    Ok((row, companies))
}

/// The unions at a company, for whoever may see the company.
pub fn at_company(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: &str,
) -> Result<Vec<(UnionCompanyRow, UnionRow)>, Error> {
    crate::companies::service::get(conn, actor, company_id)?;
    Ok(model::unions_at(conn, company_id)?)
}

/// Records that a union has members at a company (by the company's NIB), or updates the count.
pub fn link_company(
    conn: &mut DbConn,
    actor: &Actor,
    union_id: &str,
    nib: &str,
    members: &str,
    now: NaiveDateTime,
) -> Result<CompanyRow, Error> {
    actor.require(&REGISTRARS)?;
    let nib = crate::companies::rules::parse_nib(nib).map_err(Error::Invalid)?;
    let members: i32 =
        members.trim().replace('.', "").parse().ok().filter(|n| (0..=1_000_000).contains(n)).ok_or_else(|| {
            Error::invalid(
                "invalid_member_count",
                "members",
                "Jumlah anggota harus 0 sampai 1.000.000.",
                "Members must be 0 to 1,000,000.",
            )
        })?;
    write_tx(conn, |conn| {
        let union = model::find(conn, &actor.office_id, union_id)?.ok_or(Error::NotFound)?;
        let company = companies::find_by_nib(conn, &actor.office_id, &nib)?.ok_or_else(|| {
            Error::invalid(
                "company_not_registered",
                "nib",
                "Tidak ada perusahaan dengan NIB itu di kantor ini; daftarkan perusahaannya dahulu.",
                "No company of this office has that NIB; register the company first.",
            )
        })?;
        if model::set_members(conn, union_id, &company.id, members)? == 0 {
            model::link(
                conn,
                &UnionCompanyRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    union_id: union_id.into(),
                    company_id: company.id.clone(),
                    members,
                },
            )?;
        }
        record(
            conn,
            &AuditEntry::by(
                actor,
                "union.company_link",
                "union",
                union_id,
                format!("{} beranggota {members} orang di {} (NIB {})", union.name, company.name, company.nib),
            ),
            now,
        )?;
        Ok(company)
    })
}

pub fn unlink_company(
    conn: &mut DbConn,
    actor: &Actor,
    union_id: &str,
    company_id: &str,
    now: NaiveDateTime,
) -> Result<(), Error> {
    actor.require(&REGISTRARS)?;
    write_tx(conn, |conn| {
        let union = model::find(conn, &actor.office_id, union_id)?.ok_or(Error::NotFound)?;
        let company =
            companies::find(conn, &Scope::Office(actor.office_id.clone()), company_id)?.ok_or(Error::NotFound)?;
        if model::unlink(conn, union_id, company_id)? == 0 {
            return Err(Error::NotFound);
        }
        record(
            conn,
            &AuditEntry::by(
                actor,
                "union.company_unlink",
                "union",
                union_id,
                format!("{} tidak lagi tercatat di {}", union.name, company.name),
            ),
            now,
        )?;
        Ok(())
    })
}
