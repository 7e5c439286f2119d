//! Letter use cases: issue a letter (numbered, rendered to PDF, stored by its hash, audited,
//! mailed to the parties it concerns), hand a version to someone who may see its record, list
//! a record's letters, and verify a code for anyone.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use harmoni_templates::email::EmailKind;
use harmoni_templates::letters::{Common, Signatory};

use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::config::Settings;
use crate::db::{write_tx, DbConn};
use crate::documents::store::Store;
use crate::error::Error;
use crate::letters::model::{self, LetterRow, VersionRow};
use crate::letters::pdf::{self, Letterhead, Verification};
use crate::letters::rules::{self, Kind, Numbering, OwnerKind};
use crate::letters::sources::{self, Source};
use crate::notifications::service::{notify, MailAttachment, Notification};

/// Roles that issue letters; each within what its own record scope lets it see (a mediator
/// only on the cases assigned to them).
pub const ISSUERS: [Role; 4] = [Role::Admin, Role::Petugas, Role::Mediator, Role::Pimpinan];

/// A letter version just issued, with its PDF.
#[derive(Debug, Clone)]
pub struct Issued {
    pub letter: LetterRow,
    pub version: VersionRow,
    pub pdf: Vec<u8>,
}

/// The page a letter is listed on.
pub fn record_page(letter: &LetterRow) -> String {
    match (OwnerKind::parse(&letter.owner_kind), &letter.case_id, &letter.company_id) {
        (_, Some(case_id), _) => format!("/kasus/{case_id}"),
        (Some(OwnerKind::Notice), _, _) => format!("/pemberitahuan/{}", letter.owner_id),
        (Some(OwnerKind::Submission), _, _) => format!("/pp-pkb/{}", letter.owner_id),
        (_, _, Some(company_id)) => format!("/perusahaan/{company_id}/kepatuhan"),
        _ => "/".to_string(),
    }
}

/// The public address that verifies a code.
pub fn verify_url(settings: &Settings, code: &str) -> String {
    format!("{}/verifikasi/{code}", settings.server.public_url)
}

/// The file name a letter version is downloaded and attached under.
pub fn filename(letter: &LetterRow, version: i32) -> String {
    let number: String =
        letter.number.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let kind = letter.kind.replace('_', "-");
    if version > 1 {
        format!("{kind}-{number}-v{version}.pdf")
    } else {
        format!("{kind}-{number}.pdf")
    }
}

fn letterhead(settings: &Settings, office: &crate::offices::model::Office) -> Result<Letterhead, Error> {
    let contact = [
        office.address.clone(),
        [
            (!office.phone.trim().is_empty()).then(|| format!("Telepon {}", office.phone)),
            (!office.email.trim().is_empty()).then(|| format!("Email {}", office.email)),
            (!office.website.trim().is_empty()).then(|| office.website.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · "),
    ]
    .into_iter()
    .filter(|l| !l.trim().is_empty())
    .collect();
    let logo_path = settings.offices.iter().find(|o| o.code == office.code).map(|o| o.logo.clone()).unwrap_or_default();
    let logo_png = if logo_path.trim().is_empty() {
        None
    } else {
        Some(std::fs::read(&logo_path).map_err(|e| Error::internal(format!("letterhead logo {logo_path}: {e}")))?)
    };
    Ok(Letterhead {
        government: office.letterhead_government.clone(),
        office: office.letterhead_office.clone(),
        contact,
        logo_png,
    })
}

/// The number of a new letter: the record's own, or the next of the letters' series of its
/// classification and unit (one series per pair, so two kinds configured alike never repeat a
/// number).
fn new_number(conn: &mut DbConn, settings: &Settings, kind: Kind, src: &Source) -> Result<String, Error> {
    if let Some(n) = &src.record_number {
        return Ok(n.clone());
    }
    if kind.numbering() == Numbering::FromRecord {
        return Err(Error::conflict(
            "letter_not_ready",
            "Catatan ini belum bernomor, sehingga suratnya belum dapat diterbitkan.",
            "This record has no number yet, so its letter cannot be issued.",
        ));
    }
    let s = &settings.letters;
    let classification = s.classification_of(kind.code());
    let series = format!("letter {classification}/{}", s.unit);
    let seq = crate::sequences::next(conn, &src.office_id, &series, src.dated.year())?;
    Ok(crate::sequences::letter_number(&crate::sequences::NumberParts {
        pattern: &s.number_pattern,
        classification,
        unit: &s.unit,
        sequence: i64::from(seq),
        sequence_width: s.sequence_width,
        date: src.dated,
    }))
}

/// Issues the letter of `kind` for record `owner_id` (or a new version of it), inside a write
/// transaction: numbered, rendered, stored, recorded, audited and, for the kinds sent to the
/// parties, queued by e-mail with the PDF attached. Bad requests change nothing.
#[allow(clippy::too_many_arguments)]
pub fn issue(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    kind: Kind,
    owner_id: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Issued, Error> {
    if !ISSUERS.contains(&actor.role) {
        return Err(Error::Forbidden);
    }
    write_tx(conn, |conn| {
        let src = sources::build(conn, settings, actor, kind, owner_id, today, now)?;
        if src.office_id != actor.office_id {
            return Err(Error::NotFound);
        }
        model::lock_office(conn, &src.office_id)?;
        let existing = model::find_for(conn, &src.office_id, kind.code(), owner_id)?;
        let (letter, version) = match existing {
            Some(l) => {
                let v = model::latest_version(conn, &l.id)?.unwrap_or(0) + 1;
                (l, v)
            }
            None => {
                let number = new_number(conn, settings, kind, &src)?;
                let row = LetterRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    office_id: src.office_id.clone(),
                    kind: kind.code().to_string(),
                    owner_kind: kind.owner().as_str().to_string(),
                    owner_id: owner_id.to_string(),
                    case_id: src.case_id.clone(),
                    company_id: src.company_id.clone(),
                    number,
                    created_at: now,
                };
                model::insert_letter(conn, &row).map_err(|e| match e {
                    diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                        Error::conflict(
                            "letter_number_taken",
                            format!("Nomor surat {} sudah dipakai surat lain; periksa pengaturan klasifikasi dan unit surat.", row.number),
                            format!("Letter number {} is already used by another letter; check the letters' classification and unit settings.", row.number),
                        )
                    }
                    e => e.into(),
                })?;
                (row, 1)
            }
        };
        let office = crate::offices::model::find(conn, &src.office_id)?;
        let s = &settings.letters;
        let signatory = Signatory {
            title: s.signatory_title.clone(),
            name: src.signer_name.clone().unwrap_or_else(|| s.signatory_name.clone()),
            nip: match &src.signer_name {
                Some(n) if *n != s.signatory_name => String::new(),
                _ => s.signatory_nip.clone(),
            },
        };
        let common = Common {
            number: letter.number.clone(),
            place_date: rules::place_date(&s.place, src.dated),
            signatory,
            office_name: office.name.clone(),
        };
        let content = src.content.letter(&common);
        let code = rules::new_code();
        let check = Verification { url: verify_url(settings, &code), code: rules::printed_code(&code) };
        let bytes = pdf::render(&letterhead(settings, &office)?, &content, &check).map_err(Error::internal)?;
        // The store names the file by its SHA-256 and returns it.
        let sha256 = Store::new(&settings.storage.dir)
            .put(&bytes)
            .map_err(|e| Error::internal(format!("cannot write the letter: {e}")))?;
        let row = VersionRow {
            id: uuid::Uuid::now_v7().to_string(),
            letter_id: letter.id.clone(),
            version,
            code: code.clone(),
            sha256,
            size_bytes: bytes.len() as i64,
            dated: src.dated,
            issued_on: today,
            issued_by: Some(actor.user_id.clone()),
            issued_by_label: actor.full_name.clone(),
            created_at: now,
        };
        model::insert_version(conn, &row)?;
        let summary = format!(
            "{} nomor {}{} diterbitkan (kode {}, sha256 {})",
            kind.label(),
            letter.number,
            if version > 1 { format!(", versi {version}") } else { String::new() },
            rules::printed_code(&code),
            &row.sha256[..12]
        );
        record(conn, &AuditEntry::by(actor, "letter.issue", src.audit.0, &src.audit.1, summary), now)?;
        if kind.mailed_to_parties() {
            mail(conn, settings, &src, kind, &letter, &row, &bytes, now)?;
        }
        Ok(Issued { letter, version: row, pdf: bytes })
    })
}

/// Queues the letter to each party it concerns, with the PDF attached.
#[allow(clippy::too_many_arguments)]
fn mail(
    conn: &mut DbConn,
    settings: &Settings,
    src: &Source,
    kind: Kind,
    letter: &LetterRow,
    version: &VersionRow,
    pdf: &[u8],
    now: NaiveDateTime,
) -> Result<(), Error> {
    for r in &src.recipients {
        notify(
            conn,
            &settings.mail,
            &src.office_id,
            r,
            &Notification {
                kind: EmailKind::Letter {
                    full_name: r.name.clone(),
                    letter_label: kind.label().to_string(),
                    number: letter.number.clone(),
                    concerning: src.concerning.clone(),
                    verify_link: verify_url(settings, &version.code),
                    reissued: version.version > 1,
                },
                entity: Some(("letter", letter.id.clone())),
                link: Some(record_page(letter)),
                attachments: vec![MailAttachment {
                    filename: filename(letter, version.version),
                    content_type: "application/pdf".into(),
                    content: pdf.to_vec(),
                }],
            },
            now,
        )?;
    }
    Ok(())
}

/// Whether the actor may see the record a letter belongs to (through that record's own
/// scope); anything else is "not found".
fn may_see(conn: &mut DbConn, actor: &Actor, letter: &LetterRow) -> Result<(), Error> {
    if let Some(case_id) = &letter.case_id {
        let scope = crate::cases::service::scope(actor).map_err(|_| Error::NotFound)?;
        crate::cases::model::find(conn, &scope, case_id)?.ok_or(Error::NotFound)?;
        return Ok(());
    }
    match OwnerKind::parse(&letter.owner_kind) {
        Some(OwnerKind::Notice) => {
            let scope = crate::notices::service::scope(actor).map_err(|_| Error::NotFound)?;
            crate::notices::model::find_notice(conn, &scope, &letter.owner_id)?.ok_or(Error::NotFound)?;
        }
        Some(OwnerKind::Submission) => {
            let scope = crate::regulations::service::scope(actor).map_err(|_| Error::NotFound)?;
            crate::regulations::model::find_submission(conn, &scope, &letter.owner_id)?.ok_or(Error::NotFound)?;
        }
        Some(OwnerKind::Lks) => {
            let company = letter.company_id.as_deref().ok_or(Error::NotFound)?;
            crate::companies::service::get(conn, actor, company).map_err(|_| Error::NotFound)?;
        }
        _ => return Err(Error::NotFound),
    }
    Ok(())
}

/// A version of a letter (the latest when none is asked) and its PDF, for someone who may see
/// the record it belongs to.
pub fn open(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    id: &str,
    version: Option<i32>,
) -> Result<(LetterRow, VersionRow, Vec<u8>), Error> {
    let letter = model::find(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
    may_see(conn, actor, &letter)?;
    let v = match version {
        Some(v) => v,
        None => model::latest_version(conn, &letter.id)?.ok_or(Error::NotFound)?,
    };
    let row = model::version(conn, &letter.id, v)?.ok_or(Error::NotFound)?;
    let bytes = Store::new(&settings.storage.dir)
        .read(&row.sha256)
        .map_err(|e| Error::internal(format!("letter {} version {v}: {e}", letter.id)))?;
    Ok((letter, row, bytes))
}

/// The letters kept with a record, as the actor may see them: a case's own with its summons'
/// and sessions'; or one notice's, submission's or LKS's.
pub fn listed(
    conn: &mut DbConn,
    actor: &Actor,
    owner: OwnerKind,
    owner_id: &str,
) -> Result<Vec<(LetterRow, Vec<VersionRow>)>, Error> {
    let rows = if owner == OwnerKind::Case {
        model::listed(conn, &actor.office_id, Some(owner_id), &[owner_id])?
    } else {
        model::listed(conn, &actor.office_id, None, &[owner_id])?
    };
    let mut out = Vec::new();
    for (letter, versions) in rows {
        if may_see(conn, actor, &letter).is_ok() {
            out.push((letter, versions));
        }
    }
    Ok(out)
}

/// What the public verification page shows of a letter: nothing personal.
#[derive(Debug, Clone)]
pub struct Verified {
    pub kind: Kind,
    pub number: String,
    pub version: i32,
    /// The date printed on the letter, and the day this version was made.
    pub dated: NaiveDate,
    pub issued_on: NaiveDate,
    pub office_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    /// A later version replaced this one.
    pub superseded_by: Option<i32>,
}

/// The letter a code was printed on, for anyone. An unknown or malformed code is not found.
pub fn verify(conn: &mut DbConn, typed: &str) -> Result<Verified, Error> {
    let code = rules::normalise_code(typed).ok_or(Error::NotFound)?;
    let (version, letter) = model::by_code(conn, &code)?.ok_or(Error::NotFound)?;
    let kind = Kind::parse(&letter.kind).ok_or(Error::NotFound)?;
    let latest = model::latest_version(conn, &letter.id)?.unwrap_or(version.version);
    let office = crate::offices::model::find(conn, &letter.office_id)?;
    Ok(Verified {
        kind,
        number: letter.number,
        version: version.version,
        dated: version.dated,
        issued_on: version.issued_on,
        office_name: office.name,
        sha256: version.sha256,
        size_bytes: version.size_bytes,
        superseded_by: (latest > version.version).then_some(latest),
    })
}
