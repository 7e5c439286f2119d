//! Company use cases: who may see and change which company, validation of a whole record,
//! and representatives; every change audited in its transaction.

use chrono::{NaiveDate, NaiveDateTime};

use crate::accounts::model as accounts;
use crate::accounts::service::invite_company_user;
use crate::accounts::{rules as account_rules, Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::companies::model::{self, CompanyQuery, CompanyRow, RepresentativeRow, Scope};
use crate::companies::rules::{self, Place, Regions, Workforce};
use crate::companies::standing;
use crate::config::Settings;
use crate::db::{write_tx, DbConn};
use crate::error::{Bilingual, Error, Problem};

/// Roles that work with the whole register of their office.
const STAFF: [Role; 4] = [Role::Admin, Role::Pimpinan, Role::Mediator, Role::Petugas];
/// Roles that register companies and change any of them.
const REGISTRARS: [Role; 2] = [Role::Admin, Role::Petugas];

/// What the actor may see: staff the office, representatives their own companies; workers nothing.
pub fn scope(actor: &Actor) -> Result<Scope, Error> {
    scope_for(actor, &STAFF)
}

/// The scope of an area whose office readers are `staff`: those roles see the office, a company's
/// representative only the companies they keep, anyone else is refused.
pub fn scope_for(actor: &Actor, staff: &[Role]) -> Result<Scope, Error> {
    if staff.contains(&actor.role) {
        Ok(Scope::Office(actor.office_id.clone()))
    } else if actor.role == Role::Perusahaan {
        Ok(Scope::Representative { office_id: actor.office_id.clone(), user_id: actor.user_id.clone() })
    } else {
        Err(Error::Forbidden)
    }
}

/// The company a form names: by id (a representative's choice, a link) or by NIB (an officer's
/// typing), within `scope`. Unknown companies are refused, not created.
pub fn resolve(
    conn: &mut DbConn,
    scope: &Scope,
    office_id: &str,
    company_id: &str,
    nib: &str,
) -> Result<CompanyRow, Error> {
    if !company_id.trim().is_empty() {
        return model::find(conn, scope, company_id.trim())?.ok_or_else(|| {
            Error::invalid(
                "unknown_company",
                "company_id",
                "Perusahaan itu tidak ditemukan di antara perusahaan yang dapat Anda catat.",
                "That company is not among the companies you may record for.",
            )
        });
    }
    if nib.trim().is_empty() {
        return Err(Error::invalid(
            "company_required",
            "nib",
            "Tulis NIB perusahaan (13 angka) yang terdaftar di register kantor.",
            "Give the NIB (13 digits) of a company in the office's register.",
        ));
    }
    let nib = rules::parse_nib(nib).map_err(|p| Error::Invalid(Problem { field: Some("nib"), ..p }))?;
    let visible = match model::find_by_nib(conn, office_id, &nib)? {
        Some(c) => model::find(conn, scope, &c.id)?,
        None => None,
    };
    visible.ok_or_else(|| {
        Error::Invalid(Problem {
            code: "unknown_company",
            field: Some("nib"),
            message: Bilingual::new(
                format!("Perusahaan dengan NIB {nib} tidak terdaftar di register kantor ini; daftarkan dahulu di halaman Perusahaan."),
                format!("No company with NIB {nib} is in this office's register; register it first on the Companies page."),
            ),
        })
    })
}

/// A company as typed in a form or sent to the API (all text, checked by `validate`).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct CompanyInput {
    pub name: String,
    pub legal_form: String,
    pub nib: String,
    #[serde(default)]
    pub npwp: String,
    pub kbli_code: String,
    #[serde(default)]
    pub kbli_edition: String,
    pub address: String,
    #[serde(default)]
    pub outside_city: bool,
    #[serde(default)]
    pub kecamatan_code: String,
    #[serde(default)]
    pub kelurahan: String,
    pub footprint: String,
    pub size_class: String,
    #[serde(default)]
    pub workers_male: String,
    #[serde(default)]
    pub workers_female: String,
    #[serde(default)]
    pub workers_pkwt: String,
    #[serde(default)]
    pub workers_pkwtt: String,
    #[serde(default)]
    pub workforce_reported_on: String,
    #[serde(default)]
    pub wlkp_registered: bool,
    #[serde(default)]
    pub wlkp_registered_on: String,
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub contact_email: String,
    #[serde(default)]
    pub status: String,
}

impl CompanyInput {
    /// The form values of a stored company (for editing).
    pub fn from_row(c: &CompanyRow) -> Self {
        let opt = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        CompanyInput {
            name: c.name.clone(),
            legal_form: c.legal_form.clone(),
            nib: c.nib.clone(),
            npwp: c.npwp.clone().unwrap_or_default(),
            kbli_code: c.kbli_code.clone(),
            kbli_edition: c.kbli_edition.to_string(),
            address: c.address.clone(),
            outside_city: c.outside_city,
            kecamatan_code: c.kecamatan_code.clone().unwrap_or_default(),
            kelurahan: c.kelurahan.clone().unwrap_or_default(),
            footprint: c.footprint.clone(),
            size_class: c.size_class.clone(),
            workers_male: c.workers_male.to_string(),
            workers_female: c.workers_female.to_string(),
            workers_pkwt: c.workers_pkwt.to_string(),
            workers_pkwtt: c.workers_pkwtt.to_string(),
            workforce_reported_on: opt(c.workforce_reported_on),
            wlkp_registered: c.wlkp_registered,
            wlkp_registered_on: opt(c.wlkp_registered_on),
            contact_name: c.contact_name.clone(),
            contact_phone: c.contact_phone.clone().unwrap_or_default(),
            contact_email: c.contact_email.clone().unwrap_or_default(),
            status: c.status.clone(),
        }
    }
}

fn invalid(code: &'static str, field: &'static str, id: &'static str, en: &'static str) -> Error {
    Error::Invalid(Problem::new(code, id, en).field(field))
}

fn count(raw: &str, field: &'static str) -> Result<i32, Error> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(0);
    }
    raw.replace('.', "").parse::<i32>().map_err(|_| {
        invalid(
            "invalid_workforce",
            field,
            "Jumlah pekerja harus bilangan bulat.",
            "Worker counts must be whole numbers.",
        )
    })
}

fn optional_date(raw: &str, field: &'static str) -> Result<Option<NaiveDate>, Error> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    crate::calendar::service::parse_date(raw, field).map(Some)
}

fn one_of(
    value: &str,
    allowed: &[&str],
    code: &'static str,
    field: &'static str,
    id: &'static str,
    en: &'static str,
) -> Result<String, Error> {
    let v = value.trim();
    if allowed.contains(&v) {
        Ok(v.to_string())
    } else {
        Err(invalid(code, field, id, en))
    }
}

/// Checks a whole company record, in the order of the form; the first problem is reported.
pub fn validate(input: &CompanyInput, regions: &Regions, today: NaiveDate) -> Result<CompanyRow, Error> {
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() < 2 || name.chars().count() > 200 {
        return Err(invalid(
            "invalid_name",
            "name",
            "Nama perusahaan wajib diisi (2 sampai 200 karakter).",
            "The company name is required (2 to 200 characters).",
        ));
    }
    let forms: Vec<&str> = rules::LEGAL_FORMS.iter().map(|(c, _)| *c).collect();
    let legal_form = one_of(
        &input.legal_form,
        &forms,
        "invalid_legal_form",
        "legal_form",
        "Pilih bentuk badan usaha.",
        "Choose the legal form.",
    )?;
    let nib = rules::parse_nib(&input.nib).map_err(Error::Invalid)?;
    let npwp = match input.npwp.trim() {
        "" => None,
        raw => Some(rules::parse_npwp(raw).map_err(Error::Invalid)?),
    };
    let edition = match input.kbli_edition.trim() {
        "" => 2020,
        raw => raw.parse::<i32>().map_err(|_| {
            invalid(
                "invalid_kbli_edition",
                "kbli_edition",
                "Edisi KBLI harus 2015, 2017, 2020 atau 2025.",
                "The KBLI edition must be 2015, 2017, 2020 or 2025.",
            )
        })?,
    };
    let (kbli_code, kbli_edition) = rules::parse_kbli(&input.kbli_code, edition).map_err(Error::Invalid)?;
    let address = input.address.split_whitespace().collect::<Vec<_>>().join(" ");
    if address.chars().count() < 5 || address.chars().count() > 300 {
        return Err(invalid(
            "invalid_address",
            "address",
            "Alamat wajib diisi (5 sampai 300 karakter).",
            "The address is required (5 to 300 characters).",
        ));
    }
    let place = rules::parse_place(regions, input.outside_city, &input.kecamatan_code, &input.kelurahan)
        .map_err(Error::Invalid)?;
    let footprints: Vec<&str> = rules::FOOTPRINTS.iter().map(|(c, _, _)| *c).collect();
    let footprint = one_of(
        &input.footprint,
        &footprints,
        "invalid_footprint",
        "footprint",
        "Pilih wilayah operasi perusahaan.",
        "Choose where the company operates.",
    )?;
    let sizes: Vec<&str> = rules::SIZE_CLASSES.iter().map(|(c, _, _)| *c).collect();
    let size_class = one_of(
        &input.size_class,
        &sizes,
        "invalid_size_class",
        "size_class",
        "Pilih skala usaha (sesuai OSS).",
        "Choose the business scale (as in OSS).",
    )?;
    let workforce = Workforce {
        male: count(&input.workers_male, "workers_male")?,
        female: count(&input.workers_female, "workers_female")?,
        pkwt: count(&input.workers_pkwt, "workers_pkwt")?,
        pkwtt: count(&input.workers_pkwtt, "workers_pkwtt")?,
    };
    let reported_on = optional_date(&input.workforce_reported_on, "workforce_reported_on")?;
    rules::check_workforce(&workforce, reported_on, today).map_err(Error::Invalid)?;
    let wlkp_registered_on = optional_date(&input.wlkp_registered_on, "wlkp_registered_on")?;
    if input.wlkp_registered && wlkp_registered_on.is_none() {
        return Err(invalid(
            "wlkp_date_required",
            "wlkp_registered_on",
            "Isi tanggal pendaftaran WLKP.",
            "Give the WLKP registration date.",
        ));
    }
    if wlkp_registered_on.is_some_and(|d| d > today) {
        return Err(invalid(
            "date_in_future",
            "wlkp_registered_on",
            "Tanggal WLKP tidak boleh di masa depan.",
            "The WLKP date cannot be in the future.",
        ));
    }
    let contact_name = input.contact_name.split_whitespace().collect::<Vec<_>>().join(" ");
    if contact_name.chars().count() < 2 || contact_name.chars().count() > 120 {
        return Err(invalid(
            "invalid_contact_name",
            "contact_name",
            "Nama narahubung wajib diisi.",
            "The contact person's name is required.",
        ));
    }
    let contact_phone = match input.contact_phone.trim() {
        "" => None,
        raw => Some(rules::parse_phone(raw, "contact_phone").map_err(Error::Invalid)?),
    };
    let contact_email = match input.contact_email.trim() {
        "" => None,
        raw => Some(
            account_rules::normalize_email(raw)
                .map_err(|p| Error::Invalid(Problem { field: Some("contact_email"), ..p }))?,
        ),
    };
    let status = match input.status.trim() {
        "" => "active".to_string(),
        s => one_of(
            s,
            &["active", "closed"],
            "invalid_status",
            "status",
            "Status harus aktif atau tutup.",
            "The status must be active or closed.",
        )?,
    };
    let (kecamatan_code, kelurahan) = match place {
        Place::InCity { kecamatan_code, kelurahan } => (Some(kecamatan_code), Some(kelurahan)),
        Place::OutsideCity => (None, None),
    };
    Ok(CompanyRow {
        id: String::new(),
        office_id: String::new(),
        name,
        legal_form,
        nib,
        npwp,
        kbli_code,
        kbli_edition,
        address,
        outside_city: input.outside_city,
        kecamatan_code,
        kelurahan,
        footprint,
        size_class,
        workers_male: workforce.male,
        workers_female: workforce.female,
        workers_pkwt: workforce.pkwt,
        workers_pkwtt: workforce.pkwtt,
        workers_total: workforce.total(),
        workforce_reported_on: reported_on,
        wlkp_registered: input.wlkp_registered,
        wlkp_registered_on,
        contact_name,
        contact_phone,
        contact_email,
        status,
        created_at: NaiveDateTime::default(),
        updated_at: NaiveDateTime::default(),
    })
}

fn duplicate_nib(existing: &CompanyRow) -> Error {
    Error::Conflict(Problem {
        code: "nib_taken",
        field: Some("nib"),
        message: Bilingual::new(
            format!("NIB ini sudah terdaftar untuk {} (/perusahaan/{}).", existing.name, existing.id),
            format!("This NIB is already registered for {} (/perusahaan/{}).", existing.name, existing.id),
        ),
    })
}

/// A desk officer or administrator registers a company in their office.
pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    input: &CompanyInput,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<CompanyRow, Error> {
    actor.require(&REGISTRARS)?;
    let mut row = validate(input, &settings.regions, today)?;
    row.id = uuid::Uuid::new_v4().to_string();
    row.office_id = actor.office_id.clone();
    row.created_at = now;
    row.updated_at = now;
    write_tx(conn, |conn| {
        if let Some(existing) = model::find_by_nib(conn, &actor.office_id, &row.nib)? {
            return Err(duplicate_nib(&existing));
        }
        model::insert(conn, &row)?;
        standing::refresh(conn, settings, &row, today)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "company.create",
                "company",
                &row.id,
                format!("Perusahaan didaftarkan: {} (NIB {})", row.name, row.nib),
            ),
            now,
        )?;
        Ok(row.clone())
    })
}

/// Names the fields whose values differ, for the audit trail.
fn changes(old: &CompanyRow, new: &CompanyRow) -> Vec<String> {
    let mut out = Vec::new();
    macro_rules! cmp {
        ($($field:ident),*) => {$(
            if old.$field != new.$field {
                out.push(format!("{}: {:?} → {:?}", stringify!($field), old.$field, new.$field));
            }
        )*};
    }
    cmp!(
        name,
        legal_form,
        nib,
        npwp,
        kbli_code,
        kbli_edition,
        address,
        outside_city,
        kecamatan_code,
        kelurahan,
        footprint,
        size_class
    );
    cmp!(
        workers_male,
        workers_female,
        workers_pkwt,
        workers_pkwtt,
        workforce_reported_on,
        wlkp_registered,
        wlkp_registered_on
    );
    cmp!(contact_name, contact_phone, contact_email, status);
    out
}

/// Staff who register companies change any company of the office; a representative changes
/// their own company's profile but not its status. Others: not found or forbidden.
pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    input: &CompanyInput,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<CompanyRow, Error> {
    let scope = scope(actor)?;
    if !REGISTRARS.contains(&actor.role) && actor.role != Role::Perusahaan {
        return Err(Error::Forbidden);
    }
    let mut row = validate(input, &settings.regions, today)?;
    write_tx(conn, |conn| {
        let old = model::find(conn, &scope, id)?.ok_or(Error::NotFound)?;
        if actor.role == Role::Perusahaan && row.status != old.status {
            return Err(invalid(
                "status_by_office",
                "status",
                "Status perusahaan diubah oleh petugas Disnaker.",
                "A company's status is changed by the office.",
            ));
        }
        if row.nib != old.nib {
            if let Some(existing) = model::find_by_nib(conn, &actor.office_id, &row.nib)? {
                return Err(duplicate_nib(&existing));
            }
        }
        row.id = old.id.clone();
        row.office_id = old.office_id.clone();
        row.created_at = old.created_at;
        row.updated_at = now;
        let changed = changes(&old, &row);
        if changed.is_empty() {
            return Ok(old);
        }
        model::update(conn, &row)?;
        // Workforce and scale decide which criteria are required.
        standing::refresh(conn, settings, &row, today)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "company.update",
                "company",
                id,
                format!("Data perusahaan diubah: {}", changed.join("; ")),
            ),
            now,
        )?;
        Ok(row.clone())
    })
}

pub const PER_PAGE: i64 = 25;

pub fn list(
    conn: &mut DbConn,
    actor: &Actor,
    query: &CompanyQuery,
    page: i64,
) -> Result<(Vec<CompanyRow>, i64), Error> {
    let scope = scope(actor)?;
    Ok(model::list(conn, &scope, query, (page.max(1) - 1) * PER_PAGE, PER_PAGE)?)
}

/// Every company matching the filter, for the CSV export (bounded, in pages of the database).
pub fn export(conn: &mut DbConn, actor: &Actor, query: &CompanyQuery) -> Result<Vec<CompanyRow>, Error> {
    let scope = scope(actor)?;
    Ok(model::list(conn, &scope, query, 0, 1_000_000)?.0)
}

pub fn get(conn: &mut DbConn, actor: &Actor, id: &str) -> Result<CompanyRow, Error> {
    let scope = scope(actor)?;
    model::find(conn, &scope, id)?.ok_or(Error::NotFound)
}

/// The representatives of a company the actor may see.
pub fn representatives(conn: &mut DbConn, actor: &Actor, company_id: &str) -> Result<Vec<accounts::UserRow>, Error> {
    get(conn, actor, company_id)?;
    Ok(model::representatives(conn, company_id)?)
}

/// An officer links a representative to a company: an existing `perusahaan` account of the
/// office by email, or a new one invited by email.
pub fn add_representative(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    email: &str,
    full_name: &str,
    settings: &Settings,
    now: NaiveDateTime,
) -> Result<accounts::UserRow, Error> {
    actor.require(&REGISTRARS)?;
    let email = account_rules::normalize_email(email).map_err(Error::Invalid)?;
    write_tx(conn, |conn| {
        let company = model::find(conn, &Scope::Office(actor.office_id.clone()), company_id)?.ok_or(Error::NotFound)?;
        let user =
            match accounts::find_user_by_email(conn, &email)? {
                Some(user) if user.office_id == actor.office_id && user.role == Role::Perusahaan.as_str() => user,
                Some(_) => return Err(Error::Conflict(
                    Problem::new(
                        "email_used_by_other_role",
                        "Email ini dipakai akun lain yang bukan perwakilan perusahaan kantor ini.",
                        "This email belongs to another account that is not a company representative of this office.",
                    )
                    .field("email"),
                )),
                None => invite_company_user(conn, actor, &email, full_name, settings, now)?.0,
            };
        if !model::is_representative(conn, company_id, &user.id)? {
            model::add_representative(
                conn,
                &RepresentativeRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    company_id: company_id.into(),
                    user_id: user.id.clone(),
                    created_at: now,
                },
            )?;
            record(
                conn,
                &AuditEntry::by(
                    actor,
                    "company.representative_add",
                    "company",
                    company_id,
                    format!("Perwakilan ditambahkan untuk {}: {} <{}>", company.name, user.full_name, user.email),
                ),
                now,
            )?;
        }
        Ok(user)
    })
}

pub fn remove_representative(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<(), Error> {
    actor.require(&REGISTRARS)?;
    write_tx(conn, |conn| {
        let company = model::find(conn, &Scope::Office(actor.office_id.clone()), company_id)?.ok_or(Error::NotFound)?;
        if model::remove_representative(conn, company_id, user_id)? == 0 {
            return Err(Error::NotFound);
        }
        record(
            conn,
            &AuditEntry::by(
                actor,
                "company.representative_remove",
                "company",
                company_id,
                format!("Perwakilan dilepas dari {} (pengguna {user_id})", company.name),
            ),
            now,
        )?;
        Ok(())
    })
}
