//! Dispute case use cases: filing (online, walk-in, by a company), screening, the offer of
//! forum, delegation, the mediation record and its outcome. Every step is decided by
//! `rules::decide` and written in one transaction with its history row, audit row and the
//! notifications to the parties.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::OptionalExtension;
use harmoni_templates::email::EmailKind;
use harmoni_templates::Lang;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::calendar::data::DeadlineRule;
use crate::calendar::rules::{deadline_status, Calendar, Computation, DeadlineStatus};
use crate::cases::model::{
    self, BipartiteRow, CaseQuery, CaseRow, CaseScope, HistoryRow, SessionRow, SummonsRow, WorkerRow,
};
use crate::cases::rules::{self, Action, DisputeType, Facts, Forum, Limits, Side, Standing, Status};
use crate::config::Settings;
use crate::db::{write_tx, DbConn};
use crate::documents::service::{self as documents, Owner, Stored};
use crate::error::{Bilingual, Error, Problem};
use crate::input::{optional_text, past_date, text};
use crate::notifications::service::{notify, Notification, Recipient};

/// The `owner_kind` of every document of a case (evidence, minutes, anjuran, PB).
pub const DOCUMENT_KIND: &str = "case";

/// Which cases the actor sees; administrators keep accounts and settings, not cases.
pub fn scope(actor: &Actor) -> Result<CaseScope, Error> {
    let (office_id, user_id) = (actor.office_id.clone(), actor.user_id.clone());
    Ok(match actor.role {
        Role::Petugas | Role::Pimpinan => CaseScope::Office { office_id, user_id },
        Role::Mediator => CaseScope::Mediator { office_id, user_id },
        Role::Pekerja => CaseScope::Worker { office_id, user_id },
        Role::Perusahaan => CaseScope::Company { office_id, user_id },
        Role::Admin => return Err(Error::Forbidden),
    })
}

/// Whether the actor may see workers' NIK and contact details on a case they can see:
/// office staff and the workers themselves, never the company side.
pub fn sees_personal_data(actor: &Actor) -> bool {
    matches!(actor.role, Role::Petugas | Role::Pimpinan | Role::Mediator | Role::Pekerja)
}

fn date_or_today(raw: &str, field: &'static str, today: NaiveDate) -> Result<NaiveDate, Error> {
    if raw.trim().is_empty() {
        Ok(today)
    } else {
        past_date(raw, field, today)
    }
}

/// One worker of a complaint, as typed.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, ToSchema)]
pub struct WorkerInput {
    pub full_name: String,
    /// 16 digits; optional in a draft.
    #[serde(default)]
    pub nik: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub job_title: String,
    /// First day of work (YYYY-MM-DD).
    #[serde(default)]
    pub started_on: String,
    /// Monthly wage in rupiah.
    #[serde(default)]
    pub monthly_wage: String,
}

/// A complaint as typed in the form or sent to the API.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ComplaintInput {
    /// hak, kepentingan, phk or antar_sp.
    pub dispute_type: String,
    /// A company of the register (id); otherwise its name and address as known.
    #[serde(default)]
    pub company_id: String,
    #[serde(default)]
    pub company_name: String,
    #[serde(default)]
    pub company_address: String,
    /// The union bringing or supporting the case, if any.
    #[serde(default)]
    pub union_name: String,
    pub chronology: String,
    pub demands: String,
    pub workers: Vec<WorkerInput>,
    /// Walk-in only: the complainant's contact when they have no account.
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub contact_email: String,
    /// Walk-in only: the officer checked the identity card.
    #[serde(default)]
    pub identity_checked: bool,
    /// Walk-in only: the complainant agreed to the processing of their data.
    #[serde(default)]
    pub consent_recorded: bool,
    /// A random key from the form: sending the same form twice changes one complaint.
    pub submission_key: String,
    /// File now (true) or keep as a draft (false).
    #[serde(default)]
    pub submit: bool,
}

/// What filing returns: the case, and the tracking PIN when one was just issued (shown once).
#[derive(Debug, Clone)]
pub struct Filed {
    pub case: CaseRow,
    pub pin: Option<String>,
    /// A new complaint (not a saved draft or a repeated submission).
    pub created: bool,
}

fn parse_workers(input: &[WorkerInput], case_id: &str, today: NaiveDate) -> Result<Vec<WorkerRow>, Error> {
    if input.len() > 500 {
        return Err(Error::invalid(
            "too_many_workers",
            "workers",
            "Paling banyak 500 pekerja.",
            "At most 500 workers.",
        ));
    }
    input
        .iter()
        .filter(|w| !w.full_name.trim().is_empty())
        .enumerate()
        .map(|(i, w)| {
            let wage = match w.monthly_wage.trim().replace(['.', ','], "") {
                s if s.is_empty() => None,
                s => Some(
                    s.parse::<i64>().ok().filter(|v| *v > 0 && *v < 10_000_000_000).ok_or_else(|| {
                        Error::invalid(
                            "invalid_wage",
                            "monthly_wage",
                            "Upah per bulan ditulis dalam rupiah tanpa desimal, misalnya 5.343.430.",
                            "Monthly wage in whole rupiah, e.g. 5.343.430.",
                        )
                    })? * 100,
                ),
            };
            Ok(WorkerRow {
                id: uuid::Uuid::new_v4().to_string(),
                case_id: case_id.to_string(),
                position: i as i32,
                full_name: text(&w.full_name, "full_name", 2, 200)?,
                nik: match w.nik.trim() {
                    "" => None,
                    raw => Some(crate::identity::Nik::parse(raw).map_err(Error::Invalid)?.as_str().to_string()),
                },
                phone: match w.phone.trim() {
                    "" => None,
                    raw => Some(crate::companies::rules::parse_phone(raw, "phone").map_err(Error::Invalid)?),
                },
                email: match w.email.trim() {
                    "" => None,
                    raw => Some(crate::accounts::rules::normalize_email(raw).map_err(Error::Invalid)?),
                },
                job_title: optional_text(&w.job_title, "job_title", 200)?,
                started_on: match w.started_on.trim() {
                    "" => None,
                    raw => Some(past_date(raw, "started_on", today)?),
                },
                monthly_wage: wage,
                user_id: None,
            })
        })
        .collect()
}

/// A company of the office's register, named by id (or, at the desk, by its 13-digit NIB) on a
/// complaint or at registration.
fn registered_company(
    conn: &mut DbConn,
    office_id: &str,
    id: &str,
) -> Result<crate::companies::model::CompanyRow, Error> {
    let found = match crate::companies::rules::parse_nib(id) {
        Ok(nib) => crate::companies::model::find_by_nib(conn, office_id, &nib)?,
        Err(_) => {
            crate::companies::model::find(conn, &crate::companies::model::Scope::Office(office_id.to_string()), id)?
        }
    };
    found.ok_or_else(|| {
        Error::invalid(
            "unknown_company",
            "company_id",
            "Perusahaan tidak ada di daftar perusahaan; daftarkan dahulu di menu Perusahaan.",
            "The company is not in the register; register it first under Companies.",
        )
    })
}

/// Companies of the register whose name looks like the one a complainant typed, for the desk
/// to link an unverified company at registration (at most 20).
pub fn company_candidates(
    conn: &mut DbConn,
    actor: &Actor,
    case: &CaseRow,
) -> Result<Vec<crate::companies::model::CompanyRow>, Error> {
    if case.company_id.is_some() || !matches!(actor.role, Role::Petugas | Role::Pimpinan) {
        return Ok(Vec::new());
    }
    let scope = crate::companies::model::Scope::Office(actor.office_id.clone());
    // The typed name without its legal form, then its longest word when that finds nothing.
    let name = case.company_name.trim();
    let without_form = name.split_once(' ').filter(|(f, _)| f.len() <= 3).map_or(name, |(_, rest)| rest).trim();
    let longest = name.split_whitespace().max_by_key(|w| w.chars().count()).unwrap_or("");
    for q in [without_form, longest] {
        if q.chars().count() < 3 {
            continue;
        }
        let f = crate::companies::model::CompanyQuery { q: Some(q.to_string()), ..Default::default() };
        let (rows, _) = crate::companies::model::list(conn, &scope, &f, 0, 20)?;
        if !rows.is_empty() {
            return Ok(rows);
        }
    }
    Ok(Vec::new())
}

/// Saves a complaint as a draft or files it. The same `submission_key` from the same account
/// is one complaint: a draft is updated, a filed one is returned unchanged.
pub fn file(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    input: &ComplaintInput,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Filed, Error> {
    actor.require(&[Role::Pekerja, Role::Perusahaan, Role::Petugas])?;
    let key = input.submission_key.trim();
    if key.len() < 16 || key.len() > 100 || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(Error::invalid(
            "invalid_submission_key",
            "submission_key",
            "Formulir tidak lengkap; muat ulang halaman dan coba lagi.",
            "The form is incomplete; reload the page and try again.",
        ));
    }
    let dispute_type = DisputeType::parse(input.dispute_type.trim()).ok_or_else(|| {
        Error::invalid(
            "invalid_dispute_type",
            "dispute_type",
            "Pilih jenis perselisihan: hak, kepentingan, PHK atau antar SP/SB.",
            "Choose the type of dispute: hak, kepentingan, phk or antar_sp.",
        )
    })?;
    let walk_in = actor.role == Role::Petugas;
    if walk_in && !(input.identity_checked && input.consent_recorded) {
        return Err(Error::invalid(
            "walk_in_checks",
            "identity_checked",
            "Untuk pengaduan langsung, periksa identitas (KTP) pengadu dan catat persetujuannya atas pemrosesan data.",
            "For a walk-in complaint, check the complainant's identity card and record their consent to data processing.",
        ));
    }
    let chronology = text(&input.chronology, "chronology", 0, 20_000)?;
    let demands = text(&input.demands, "demands", 0, 10_000)?;
    let union_name = optional_text(&input.union_name, "union_name", 200)?;
    let (contact_name, contact_phone, contact_email) = if walk_in {
        (
            Some(text(&input.contact_name, "contact_name", 2, 200)?),
            match input.contact_phone.trim() {
                "" => None,
                raw => Some(crate::companies::rules::parse_phone(raw, "contact_phone").map_err(Error::Invalid)?),
            },
            match input.contact_email.trim() {
                "" => None,
                raw => Some(crate::accounts::rules::normalize_email(raw).map_err(Error::Invalid)?),
            },
        )
    } else {
        (None, None, None)
    };
    let pin = if input.submit { Some(TrackingPin::new(settings)?) } else { None };

    write_tx(conn, |conn| {
        // The company: from the register when an id is given and the filer may name it.
        let company = match input.company_id.trim() {
            "" => None,
            id => {
                let company = registered_company(conn, &actor.office_id, id)?;
                if actor.role == Role::Perusahaan
                    && !crate::companies::model::is_representative(conn, &company.id, &actor.user_id)?
                {
                    return Err(Error::invalid(
                        "not_your_company",
                        "company_id",
                        "Anda hanya dapat mengadu atas nama perusahaan yang Anda wakili.",
                        "You can only file for a company you represent.",
                    ));
                }
                Some(company)
            }
        };
        let company_name = match &company {
            Some(c) => c.name.clone(),
            None => text(&input.company_name, "company_name", 0, 200)?,
        };
        let company_address = match &company {
            Some(c) => c.address.clone(),
            None => text(&input.company_address, "company_address", 0, 500)?,
        };

        let existing = model::find_by_submission(conn, &actor.user_id, key)?;
        if let Some(row) = &existing {
            if row.status != Status::Draf.as_str() {
                // A retry or double click of a form already filed: the same complaint, unchanged.
                return Ok(Filed { case: row.clone(), pin: None, created: false });
            }
        }
        let new = existing.is_none();
        let id = existing.as_ref().map(|r| r.id.clone()).unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
        let workers = parse_workers(&input.workers, &id, today)?;
        let mut row = match existing {
            Some(row) => row,
            None => CaseRow {
                id: id.clone(),
                office_id: actor.office_id.clone(),
                reference: rules::new_reference(),
                pin_hash: String::new(),
                case_number: None,
                dispute_type: dispute_type.as_str().into(),
                status: Status::Draf.as_str().into(),
                filed_by: actor.user_id.clone(),
                channel: if walk_in { "loket" } else { "online" }.into(),
                complainant_side: if actor.role == Role::Perusahaan { "pengusaha" } else { "pekerja" }.into(),
                identity_checked: false,
                consent_recorded: false,
                contact_name: None,
                contact_phone: None,
                contact_email: None,
                company_id: None,
                company_name: String::new(),
                company_address: String::new(),
                union_id: None,
                union_name: None,
                is_group: false,
                chronology: String::new(),
                demands: String::new(),
                submission_key: key.to_string(),
                submitted_on: None,
                registered_on: None,
                screening_note: None,
                referred_to: None,
                forum_worker: None,
                forum_company: None,
                forum_person: None,
                external_outcome: None,
                mediator_id: None,
                delegated_on: None,
                clarification_started_on: None,
                clarification_ended_on: None,
                clarification_notes: None,
                first_session_on: None,
                anjuran_issued_on: None,
                anjuran_received_on: None,
                anjuran_text: None,
                anjuran_worker: None,
                anjuran_worker_on: None,
                anjuran_company: None,
                anjuran_company_on: None,
                anjuran_accepted_on: None,
                pb_signed_on: None,
                pb_text: None,
                pb_deed_number: None,
                pb_deed_on: None,
                closed_on: None,
                closing_reason: None,
                pin_failures: 0,
                pin_locked_until: None,
                created_at: now,
                updated_at: now,
                status_since: None,
            },
        };
        row.dispute_type = dispute_type.as_str().into();
        row.identity_checked = walk_in && input.identity_checked;
        row.consent_recorded = walk_in && input.consent_recorded;
        row.contact_name = contact_name.clone();
        row.contact_phone = contact_phone.clone();
        row.contact_email = contact_email.clone();
        row.company_id = company.as_ref().map(|c| c.id.clone());
        row.company_name = company_name;
        row.company_address = company_address;
        row.union_name = union_name.clone();
        row.is_group = workers.len() > 1;
        row.chronology = chronology.clone();
        row.demands = demands.clone();
        row.updated_at = now;
        if new {
            model::insert(conn, &row)?;
        } else {
            model::update(conn, &row)?;
        }
        let mut workers = workers;
        // A worker filing for themself is linked to their account, so they see the case.
        if actor.role == Role::Pekerja {
            if let Some(first) = workers.first_mut() {
                first.user_id = Some(actor.user_id.clone());
            }
        }
        model::replace_workers(conn, &row.id, &workers)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                if new { "case.draft" } else { "case.draft_update" },
                "case",
                &row.id,
                format!("Pengaduan {} ({}) disimpan", row.reference, dispute_type.as_str()),
            ),
            now,
        )?;
        if !input.submit {
            return Ok(Filed { case: row, pin: None, created: new });
        }
        let ctx = Ctx::load(conn, settings, &actor.office_id)?;
        let pin = pin.ok_or_else(|| Error::internal("a filing without its PIN"))?;
        let (case, pin) = submit_in_tx(conn, &ctx, actor, row, pin, today, now)?;
        Ok(Filed { case, pin, created: new })
    })
}

/// A new tracking PIN and its Argon2id hash. It is made before the write transaction: the hash
/// takes tens of milliseconds of CPU, which on SQLite would hold the write lock for everyone.
pub struct TrackingPin {
    pin: String,
    hash: String,
}

impl TrackingPin {
    pub fn new(settings: &Settings) -> Result<Self, Error> {
        let pin = rules::new_pin();
        let hash = crate::secrets::hash_password(&settings.security, &pin)?;
        Ok(Self { pin, hash })
    }
}

/// Files (or files again) a complaint; the first filing issues the tracking PIN.
fn submit_in_tx(
    conn: &mut DbConn,
    ctx: &Ctx,
    actor: &Actor,
    row: CaseRow,
    pin: TrackingPin,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<(CaseRow, Option<String>), Error> {
    let first_time = row.pin_hash.is_empty();
    let mut case = step_in_tx(conn, ctx, actor, row, &Step::Submit, today, now)?;
    if !first_time {
        return Ok((case, None));
    }
    case.pin_hash = pin.hash;
    model::update(conn, &case)?;
    Ok((case, Some(pin.pin)))
}

/// Issues a new tracking PIN (the old one stops working): for the filer and the desk.
pub fn reissue_pin(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    id: &str,
    now: NaiveDateTime,
) -> Result<(CaseRow, String), Error> {
    let scope = scope(actor)?;
    let pin = TrackingPin::new(settings)?;
    write_tx(conn, |conn| {
        let mut case = model::find(conn, &scope, id)?.ok_or(Error::NotFound)?;
        if !(case.filed_by == actor.user_id || matches!(actor.role, Role::Petugas | Role::Pimpinan)) {
            return Err(Error::Forbidden);
        }
        if case.status == Status::Draf.as_str() {
            return Err(Error::conflict("not_filed", "Pengaduan belum diajukan.", "The complaint has not been filed."));
        }
        case.pin_hash = pin.hash;
        case.pin_failures = 0;
        case.pin_locked_until = None;
        case.updated_at = now;
        model::update(conn, &case)?;
        record(
            conn,
            &AuditEntry::by(actor, "case.pin_reissue", "case", &case.id, "PIN pelacakan baru diterbitkan"),
            now,
        )?;
        Ok((case, pin.pin))
    })
}

/// Proof of bipartite negotiation, as typed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct BipartiteInput {
    /// risalah (signed minutes) or undangan_ditolak (an invitation the other side refused).
    pub kind: String,
    /// The day of the negotiation or invitation (YYYY-MM-DD).
    pub held_on: String,
    pub summary: String,
}

/// Adds bipartite evidence: the filer while the file is theirs to complete, the desk while
/// screening (a complainant may bring the risalah in person).
pub fn add_bipartite(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    input: &BipartiteInput,
    file: Option<&Stored>,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<BipartiteRow, Error> {
    let scope = scope(actor)?;
    let kind = match input.kind.trim() {
        k @ ("risalah" | "undangan_ditolak") => k.to_string(),
        _ => {
            return Err(Error::invalid(
                "invalid_evidence_kind",
                "kind",
                "Pilih jenis bukti: risalah perundingan bipartit atau undangan yang ditolak.",
                "Choose the kind of proof: bipartite minutes or a refused invitation.",
            ))
        }
    };
    let held_on = past_date(&input.held_on, "held_on", today)?;
    let summary = text(&input.summary, "summary", 3, 5_000)?;
    write_tx(conn, |conn| {
        let case = model::find(conn, &scope, id)?.ok_or(Error::NotFound)?;
        let status = Status::parse(&case.status).ok_or_else(|| Error::internal("unknown case status"))?;
        let filer_may = case.filed_by == actor.user_id && matches!(status, Status::Draf | Status::Dikembalikan);
        let desk_may = matches!(actor.role, Role::Petugas | Role::Pimpinan) && status == Status::Diajukan;
        if !(filer_may || desk_may) {
            return Err(Error::conflict(
                "evidence_closed",
                "Bukti bipartit hanya dapat ditambahkan selama berkas belum dicatat.",
                "Bipartite proof can only be added before the file is registered.",
            ));
        }
        let document_id = match file {
            Some(stored) => Some(
                documents::attach(
                    conn,
                    actor,
                    Owner { kind: DOCUMENT_KIND, id: &case.id, company_id: None },
                    stored,
                    ("case", &case.id),
                    format!("Bukti bipartit {} diunggah", stored.filename),
                    now,
                )?
                .id,
            ),
            None => None,
        };
        let row = BipartiteRow {
            id: uuid::Uuid::now_v7().to_string(),
            case_id: case.id.clone(),
            kind,
            held_on,
            summary,
            document_id,
            created_at: now,
        };
        model::insert_bipartite(conn, &row)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "case.bipartite_add",
                "case",
                &case.id,
                format!("Bukti bipartit ({}) {held_on}", row.kind),
            ),
            now,
        )?;
        Ok(row)
    })
}

/// What a step carries, already parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Submit,
    Register {
        company_id: Option<String>,
        note: Option<String>,
    },
    Return {
        reasons: String,
    },
    Refer {
        to: String,
        note: String,
    },
    ForumAnswer {
        side: Side,
        forum: Forum,
        person: Option<String>,
    },
    Assign {
        mediator_id: String,
    },
    Reassign {
        mediator_id: String,
        reason: String,
    },
    Clarification {
        started_on: NaiveDate,
        ended_on: NaiveDate,
        notes: String,
    },
    /// `session_id`: the id of the session row, when the caller keeps it (a scheduled session
    /// links to the session it produced); none makes a new one.
    Session {
        held_on: NaiveDate,
        worker_present: bool,
        company_present: bool,
        minutes: String,
        session_id: Option<String>,
    },
    Summons {
        side: Side,
        sent_on: NaiveDate,
        session_on: NaiveDate,
        delivery: String,
        letter: Option<SummonsLetter>,
    },
    Anjuran {
        issued_on: NaiveDate,
        received_on: NaiveDate,
        text: String,
    },
    AnjuranAnswer {
        side: Side,
        accept: bool,
        answered_on: NaiveDate,
    },
    SignPb {
        signed_on: NaiveDate,
        text: String,
    },
    PbDeed {
        number: String,
        registered_on: NaiveDate,
    },
    ExternalOutcome {
        outcome: String,
    },
    Withdraw {
        on: NaiveDate,
        reason: String,
    },
}

impl Step {
    pub fn action(&self) -> Action {
        match self {
            Step::Submit => Action::Submit,
            Step::Register { .. } => Action::Register,
            Step::Return { .. } => Action::Return,
            Step::Refer { .. } => Action::Refer,
            Step::ForumAnswer { side, forum, .. } => Action::ForumAnswer(*side, *forum),
            Step::Assign { .. } => Action::Assign,
            Step::Reassign { .. } => Action::Reassign,
            Step::Clarification { .. } => Action::Clarification,
            Step::Session { .. } => Action::Session,
            Step::Summons { side, .. } => Action::Summons(*side),
            Step::Anjuran { .. } => Action::IssueAnjuran,
            Step::AnjuranAnswer { side, accept, .. } => Action::AnjuranAnswer(*side, *accept),
            Step::SignPb { .. } => Action::SignPb,
            Step::PbDeed { .. } => Action::RecordPbDeed,
            Step::ExternalOutcome { .. } => Action::ExternalOutcome,
            Step::Withdraw { .. } => Action::Withdraw,
        }
    }
}

/// The letter of a summons issued for a scheduled session (schedules): it is kept on the
/// summons row so that the absent-party rule counts letters, not free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummonsLetter {
    pub id: String,
    pub hearing_id: String,
    pub letter_number: String,
    pub addressee: String,
}

/// A step as typed in a form or sent to the API: the action code and the fields it needs.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct StepInput {
    /// submit, register, return, refer, forum_answer, assign, reassign, clarification,
    /// session, summons, anjuran, anjuran_answer, perjanjian_bersama, pb_deed,
    /// external_outcome, withdraw.
    pub action: String,
    #[serde(default)]
    pub company_id: String,
    /// Reasons, notes, minutes, the anjuran or PB text, the outcome: what the step says.
    #[serde(default)]
    pub note: String,
    /// refer: the authority the complainant is sent to.
    #[serde(default)]
    pub referred_to: String,
    /// pekerja or pengusaha.
    #[serde(default)]
    pub side: String,
    /// mediasi, konsiliasi or arbitrase.
    #[serde(default)]
    pub forum: String,
    /// The conciliator or arbitrator chosen.
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub mediator_id: String,
    /// The main date of the step (YYYY-MM-DD; empty: today).
    #[serde(default)]
    pub date: String,
    /// A second date: the end of clarification, the session a summons is for, the day the
    /// parties received the anjuran.
    #[serde(default)]
    pub second_date: String,
    #[serde(default)]
    pub worker_present: bool,
    #[serde(default)]
    pub company_present: bool,
    /// terima or tolak.
    #[serde(default)]
    pub answer: String,
    /// How a summons was delivered (by hand, registered post, email).
    #[serde(default)]
    pub delivery: String,
    /// pb_deed: the number of the PHI court's registration deed.
    #[serde(default)]
    pub deed_number: String,
}

fn side_of(raw: &str) -> Result<Side, Error> {
    Side::parse(raw.trim()).ok_or_else(|| {
        Error::invalid(
            "invalid_side",
            "side",
            "Pilih pihak: pekerja atau pengusaha.",
            "Choose the side: pekerja or pengusaha.",
        )
    })
}

impl StepInput {
    /// Parses the fields the action needs; anything wrong is refused before any change.
    pub fn parse(&self, today: NaiveDate) -> Result<Step, Error> {
        let date = || date_or_today(&self.date, "date", today);
        Ok(match self.action.trim() {
            "submit" => Step::Submit,
            "register" => Step::Register {
                company_id: (!self.company_id.trim().is_empty()).then(|| self.company_id.trim().to_string()),
                note: optional_text(&self.note, "note", 5_000)?,
            },
            "return" => Step::Return { reasons: text(&self.note, "note", 10, 5_000)? },
            "refer" => Step::Refer {
                to: text(&self.referred_to, "referred_to", 3, 300)?,
                note: text(&self.note, "note", 10, 5_000)?,
            },
            "forum_answer" => {
                let forum = Forum::parse(self.forum.trim()).ok_or_else(|| {
                    Error::invalid(
                        "invalid_forum",
                        "forum",
                        "Pilih forum: mediasi, konsiliasi atau arbitrase.",
                        "Choose the forum: mediasi, konsiliasi or arbitrase.",
                    )
                })?;
                let person = optional_text(&self.person, "person", 200)?;
                if forum != Forum::Mediasi && person.is_none() {
                    return Err(Error::invalid(
                        "person_required",
                        "person",
                        "Tuliskan nama konsiliator atau arbiter yang dipilih.",
                        "Name the chosen conciliator or arbitrator.",
                    ));
                }
                Step::ForumAnswer { side: side_of(&self.side)?, forum, person }
            }
            "assign" => Step::Assign { mediator_id: text(&self.mediator_id, "mediator_id", 1, 100)? },
            "reassign" => Step::Reassign {
                mediator_id: text(&self.mediator_id, "mediator_id", 1, 100)?,
                reason: text(&self.note, "note", 5, 2_000)?,
            },
            "clarification" => {
                let started_on = date()?;
                let ended_on = date_or_today(&self.second_date, "second_date", today)?;
                if ended_on < started_on {
                    return Err(Error::invalid(
                        "end_before_start",
                        "second_date",
                        "Klarifikasi tidak dapat selesai sebelum dimulai.",
                        "Clarification cannot end before it starts.",
                    ));
                }
                Step::Clarification { started_on, ended_on, notes: text(&self.note, "note", 3, 20_000)? }
            }
            "session" => Step::Session {
                held_on: date()?,
                worker_present: self.worker_present,
                company_present: self.company_present,
                minutes: text(&self.note, "note", 3, 20_000)?,
                session_id: None,
            },
            // A summons is issued by scheduling the session it summons to (its letter number,
            // delivery evidence and invitation come with it), never typed as free text.
            "summons" => {
                return Err(Error::invalid(
                    "summons_by_schedule",
                    "action",
                    "Surat panggilan dibuat dengan menjadwalkan sidang (menu Jadwal sidang pada halaman kasus).",
                    "A summons is issued by scheduling the session (Schedule a session on the case page).",
                ))
            }
            "anjuran" => {
                let issued_on = date()?;
                let received_on = match self.second_date.trim() {
                    "" => issued_on,
                    raw => past_date(raw, "second_date", today)?,
                };
                if received_on < issued_on {
                    return Err(Error::invalid(
                        "received_before_issued",
                        "second_date",
                        "Anjuran tidak dapat diterima sebelum diterbitkan.",
                        "The anjuran cannot be received before it is issued.",
                    ));
                }
                Step::Anjuran { issued_on, received_on, text: text(&self.note, "note", 10, 50_000)? }
            }
            "anjuran_answer" => Step::AnjuranAnswer {
                side: side_of(&self.side)?,
                accept: match self.answer.trim() {
                    "terima" => true,
                    "tolak" => false,
                    _ => {
                        return Err(Error::invalid(
                            "invalid_answer",
                            "answer",
                            "Pilih jawaban: terima atau tolak.",
                            "Choose the answer: terima (accept) or tolak (reject).",
                        ))
                    }
                },
                answered_on: date()?,
            },
            "perjanjian_bersama" => Step::SignPb { signed_on: date()?, text: text(&self.note, "note", 10, 50_000)? },
            "pb_deed" => {
                Step::PbDeed { number: text(&self.deed_number, "deed_number", 3, 100)?, registered_on: date()? }
            }
            "external_outcome" => Step::ExternalOutcome { outcome: text(&self.note, "note", 5, 5_000)? },
            "withdraw" => Step::Withdraw { on: date()?, reason: text(&self.note, "note", 5, 5_000)? },
            _ => return Err(Error::invalid("unknown_action", "action", "Langkah tidak dikenal.", "Unknown step.")),
        })
    }
}

/// What every step needs besides the case: settings, the office's calendar.
pub struct Ctx<'a> {
    pub settings: &'a Settings,
    pub calendar: Calendar,
}

impl<'a> Ctx<'a> {
    pub fn load(conn: &mut DbConn, settings: &'a Settings, office_id: &str) -> Result<Ctx<'a>, Error> {
        Ok(Ctx { settings, calendar: crate::calendar::service::load(conn, office_id)? })
    }

    fn limits(&self) -> Limits {
        Limits { summons_before_proceeding: self.settings.cases.summons_before_proceeding as usize }
    }

    fn rule(&self, code: &str) -> Result<&DeadlineRule, Error> {
        self.settings.deadline_rules.get(code).ok_or_else(|| Error::internal(format!("deadline rule {code} missing")))
    }
}

/// Takes one step on a case the actor can see, after the clocks that ran out have done theirs.
/// Filing a draft for the first time also issues the tracking PIN, returned once.
pub fn take_step(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    id: &str,
    step: &Step,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<(CaseRow, Option<String>), Error> {
    let scope = scope(actor)?;
    let pin = if *step == Step::Submit { Some(TrackingPin::new(settings)?) } else { None };
    write_tx(conn, |conn| {
        let ctx = Ctx::load(conn, settings, &actor.office_id)?;
        let case = model::find(conn, &scope, id)?.ok_or(Error::NotFound)?;
        model::lock(conn, &case.id)?;
        let case = run_clocks_in_tx(conn, &ctx, case, today, now)?;
        if let Some(pin) = pin {
            return submit_in_tx(conn, &ctx, actor, case, pin, today, now);
        }
        Ok((step_in_tx(conn, &ctx, actor, case, step, today, now)?, None))
    })
}

fn standing(conn: &mut DbConn, actor: &Actor, case: &CaseRow) -> Result<Standing, Error> {
    let is_party = match actor.role {
        Role::Pekerja => model::workers(conn, &case.id)?.iter().any(|w| w.user_id.as_deref() == Some(&actor.user_id)),
        Role::Perusahaan => match &case.company_id {
            Some(c) => crate::companies::model::is_representative(conn, c, &actor.user_id)?,
            None => false,
        },
        _ => false,
    };
    Ok(Standing {
        role: actor.role,
        is_filer: case.filed_by == actor.user_id,
        is_party,
        is_mediator: actor.role == Role::Mediator && case.mediator_id.as_deref() == Some(&actor.user_id),
        is_system: false,
    })
}

fn answer_of(raw: &Option<String>) -> Option<bool> {
    raw.as_deref().map(|a| a == "terima")
}

fn facts(conn: &mut DbConn, ctx: &Ctx, case: &CaseRow, today: NaiveDate) -> Result<Facts, Error> {
    let sessions = model::sessions(conn, &case.id)?;
    let summons = model::summons(conn, &case.id)?;
    let count = |side: Side| summons.iter().filter(|s| s.side == side.as_str() && s.counts()).count();
    let workers = model::workers(conn, &case.id)?;
    let mut f = Facts {
        status: Status::parse(&case.status),
        dispute_type: DisputeType::parse(&case.dispute_type),
        complete: !workers.is_empty()
            && !case.company_name.trim().is_empty()
            && !case.chronology.trim().is_empty()
            && !case.demands.trim().is_empty(),
        bipartite_evidence: model::bipartite(conn, &case.id)?.len(),
        company_in_registry: case.company_id.is_some(),
        forum_answers: [
            case.forum_worker.as_deref().and_then(Forum::parse),
            case.forum_company.as_deref().and_then(Forum::parse),
        ],
        sessions: sessions.len(),
        attended: [sessions.iter().any(|s| s.worker_present), sessions.iter().any(|s| s.company_present)],
        summons: [count(Side::Pekerja), count(Side::Pengusaha)],
        anjuran_answers: [answer_of(&case.anjuran_worker), answer_of(&case.anjuran_company)],
        forum_due: None,
        anjuran_reply_due: None,
    };
    // The clocks that end in an automatic step are the case's running deadlines of those rules.
    for d in deadlines(ctx, &case.clocks(), today)? {
        match d.rule.code.as_str() {
            "pilihan_forum" => f.forum_due = Some(d.computation.due),
            "jawaban_anjuran" => f.anjuran_reply_due = Some(d.computation.due),
            _ => {}
        }
    }
    Ok(f)
}

fn refusal(r: rules::Refusal) -> Error {
    if r.forbidden {
        return Error::Forbidden;
    }
    Error::Conflict(Problem { code: r.code, field: None, message: Bilingual::new(r.message_id, r.message_en) })
}

/// Applies the automatic steps whose clocks ran out before `today`: no choice of forum in
/// 7 WD, no answer to the anjuran in 10 WD. Each is dated the day after its due date.
fn run_clocks_in_tx(
    conn: &mut DbConn,
    ctx: &Ctx,
    mut case: CaseRow,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<CaseRow, Error> {
    loop {
        let f = facts(conn, ctx, &case, today)?;
        let action = match f.status {
            Some(Status::PenawaranForum) => Action::ForumTimeout,
            Some(Status::Anjuran) => match Side::ALL.into_iter().find(|s| f.anjuran_answer(*s).is_none()) {
                Some(side) => Action::AnjuranDeemedRejected(side),
                None => return Ok(case),
            },
            _ => return Ok(case),
        };
        let Ok(to) = rules::decide(&f, action, Standing::SYSTEM, ctx.limits(), today) else {
            return Ok(case);
        };
        let due = match action {
            Action::ForumTimeout => f.forum_due,
            _ => f.anjuran_reply_due,
        }
        .ok_or_else(|| Error::internal("clock without a due date"))?;
        let effective = due + Duration::days(1);
        let from = case.status.clone();
        match action {
            Action::ForumTimeout => {}
            Action::AnjuranDeemedRejected(side) => {
                match side {
                    Side::Pekerja => {
                        case.anjuran_worker = Some("dianggap_tolak".into());
                        case.anjuran_worker_on = Some(effective);
                    }
                    Side::Pengusaha => {
                        case.anjuran_company = Some("dianggap_tolak".into());
                        case.anjuran_company_on = Some(effective);
                    }
                }
                case.closed_on = Some(effective);
                case.closing_reason = Some("anjuran_ditolak".into());
            }
            _ => unreachable!("only clock actions here"),
        }
        case.status = to.as_str().into();
        came_to_status(&mut case, &from, effective);
        case.updated_at = now;
        model::update(conn, &case)?;
        let note = match action {
            Action::ForumTimeout => format!("Batas pilihan forum {due} terlewati tanpa pilihan para pihak."),
            Action::AnjuranDeemedRejected(side) => {
                format!("{} tidak menjawab anjuran sampai {due}: dianggap menolak.", side.label(Lang::Id))
            }
            _ => String::new(),
        };
        write_history(conn, None, &case, action, &from, effective, Some(note.clone()), now)?;
        record(conn, &AuditEntry::system(&case.office_id, action.audit_code(), "case", &case.id, note), now)?;
        notify_parties(conn, ctx, &case, &from, action, now)?;
    }
}

/// Applies due automatic steps to a case before it is shown, so that what a user sees is the
/// law as of today even between housekeeping rounds.
pub fn run_clocks(
    conn: &mut DbConn,
    settings: &Settings,
    case: CaseRow,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<CaseRow, Error> {
    let status = Status::parse(&case.status);
    if !matches!(status, Some(Status::PenawaranForum | Status::Anjuran)) {
        return Ok(case);
    }
    write_tx(conn, |conn| {
        model::lock(conn, &case.id)?;
        let fresh = model::find_any(conn, &case.id)?.ok_or(Error::NotFound)?;
        let ctx = Ctx::load(conn, settings, &fresh.office_id)?;
        run_clocks_in_tx(conn, &ctx, fresh, today, now)
    })
}

/// The housekeeping round: every case waiting on a clock, in every office.
pub fn sweep_clocks(
    conn: &mut DbConn,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<usize, Error> {
    let mut changed = 0;
    for id in model::awaiting_clock(conn)? {
        if let Some(case) = model::find_any(conn, &id)? {
            let before = case.status.clone();
            if run_clocks(conn, settings, case, today, now)?.status != before {
                changed += 1;
            }
        }
    }
    Ok(changed)
}

/// Keeps `status_since`, the day the case came to its present status (the effective day of the
/// last step that changed it), so that reports age open cases by stage without the history.
fn came_to_status(case: &mut CaseRow, from: &str, effective_on: NaiveDate) {
    if case.status != from {
        case.status_since = Some(effective_on);
    }
}

#[allow(clippy::too_many_arguments)]
/// One history row for a step; `actor` is `None` for a step Harmoni took when a clock ran out.
fn write_history(
    conn: &mut DbConn,
    actor: Option<&Actor>,
    case: &CaseRow,
    action: Action,
    from: &str,
    effective_on: NaiveDate,
    note: Option<String>,
    now: NaiveDateTime,
) -> Result<(), Error> {
    model::insert_history(
        conn,
        &HistoryRow {
            id: uuid::Uuid::now_v7().to_string(),
            case_id: case.id.clone(),
            action: action.code().into(),
            from_status: from.into(),
            to_status: case.status.clone(),
            effective_on,
            actor_user_id: actor.map(|a| a.user_id.clone()),
            actor_role: actor.map_or("system", |a| a.role.as_str()).into(),
            note,
            created_at: now,
        },
    )?;
    Ok(())
}

fn mediator_of_office(conn: &mut DbConn, office_id: &str, id: &str) -> Result<String, Error> {
    model::mediators(conn, office_id)?.into_iter().find(|(m, _)| m == id).map(|(m, _)| m).ok_or_else(|| {
        Error::invalid(
            "unknown_mediator",
            "mediator_id",
            "Pilih mediator aktif dari kantor ini.",
            "Choose an active mediator of this office.",
        )
    })
}

fn step_in_tx(
    conn: &mut DbConn,
    ctx: &Ctx,
    actor: &Actor,
    mut case: CaseRow,
    step: &Step,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<CaseRow, Error> {
    let action = step.action();
    let who = standing(conn, actor, &case)?;
    // A desk officer may link the registry's company while registering.
    if let Step::Register { company_id: Some(company_id), .. } = step {
        if !matches!(actor.role, Role::Petugas | Role::Pimpinan) {
            return Err(Error::Forbidden);
        }
        let company = registered_company(conn, &actor.office_id, company_id)?;
        case.company_id = Some(company.id);
        case.company_name = company.name;
        case.company_address = company.address;
    }
    let f = facts(conn, ctx, &case, today)?;
    let to = rules::decide(&f, action, who, ctx.limits(), today).map_err(refusal)?;
    let from = case.status.clone();
    let mut effective_on = today;
    let mut note: Option<String> = None;
    match step {
        Step::Submit => {
            case.submitted_on = Some(today);
            case.screening_note = None;
        }
        Step::Register { note: n, .. } => {
            let year = today.format("%Y").to_string().parse::<i32>().unwrap_or(2026);
            if case.case_number.is_none() {
                let seq = i64::from(crate::sequences::next(conn, &case.office_id, "case", year)?);
                let c = &ctx.settings.cases;
                case.case_number = Some(rules::case_number(&rules::NumberParts {
                    pattern: &c.number_pattern,
                    classification: &c.classification,
                    unit: &c.unit,
                    sequence: seq,
                    sequence_width: c.sequence_width,
                    date: today,
                }));
            }
            case.registered_on = Some(today);
            note = n.clone();
        }
        Step::Return { reasons } => {
            case.screening_note = Some(reasons.clone());
            note = Some(reasons.clone());
        }
        Step::Refer { to: place, note: n } => {
            case.referred_to = Some(place.clone());
            case.screening_note = Some(n.clone());
            case.closed_on = Some(today);
            case.closing_reason = Some("dirujuk".into());
            note = Some(format!("{place}: {n}"));
        }
        Step::ForumAnswer { side, forum, person } => {
            match side {
                Side::Pekerja => case.forum_worker = Some(forum.as_str().into()),
                Side::Pengusaha => case.forum_company = Some(forum.as_str().into()),
            }
            if person.is_some() {
                case.forum_person = person.clone();
            }
            note = Some(format!("{}: {}", side.label(Lang::Id), forum.label(Lang::Id)));
        }
        Step::Assign { mediator_id } | Step::Reassign { mediator_id, .. } => {
            let mediator = mediator_of_office(conn, &case.office_id, mediator_id)?;
            if case.mediator_id.as_deref() == Some(mediator.as_str()) {
                return Err(Error::conflict(
                    "same_mediator",
                    "Mediator itu sudah menangani kasus ini.",
                    "That mediator already has the case.",
                ));
            }
            let reason = match step {
                Step::Reassign { reason, .. } => Some(reason.clone()),
                _ => None,
            };
            model::insert_assignment(
                conn,
                &model::AssignmentRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    case_id: case.id.clone(),
                    mediator_id: mediator.clone(),
                    assigned_on: today,
                    reason: reason.clone(),
                    assigned_by: actor.user_id.clone(),
                    created_at: now,
                },
            )?;
            case.mediator_id = Some(mediator);
            if action == Action::Assign {
                case.delegated_on = Some(today);
            }
            note = reason;
        }
        Step::Clarification { started_on, ended_on, notes } => {
            if Some(*started_on) < case.delegated_on {
                return Err(before_delegation("date"));
            }
            case.clarification_started_on = Some(*started_on);
            case.clarification_ended_on = Some(*ended_on);
            case.clarification_notes = Some(notes.clone());
            effective_on = *ended_on;
        }
        Step::Session { held_on, worker_present, company_present, minutes, session_id } => {
            if Some(*held_on) < case.delegated_on {
                return Err(before_delegation("date"));
            }
            model::insert_session(
                conn,
                &SessionRow {
                    id: session_id.clone().unwrap_or_else(|| uuid::Uuid::now_v7().to_string()),
                    case_id: case.id.clone(),
                    held_on: *held_on,
                    worker_present: *worker_present,
                    company_present: *company_present,
                    minutes: minutes.clone(),
                    document_id: None,
                    created_at: now,
                },
            )?;
            if case.first_session_on.is_none_or(|d| *held_on < d) {
                case.first_session_on = Some(*held_on);
            }
            effective_on = *held_on;
        }
        Step::Summons { side, sent_on, session_on, delivery, letter } => {
            if session_on < sent_on {
                return Err(Error::invalid(
                    "session_before_summons",
                    "second_date",
                    "Tanggal sidang harus setelah surat panggilan dikirim.",
                    "The session must be after the summons is sent.",
                ));
            }
            model::insert_summons(
                conn,
                &SummonsRow {
                    id: letter.as_ref().map_or_else(|| uuid::Uuid::now_v7().to_string(), |l| l.id.clone()),
                    case_id: case.id.clone(),
                    side: side.as_str().into(),
                    sent_on: *sent_on,
                    session_on: *session_on,
                    delivery: delivery.clone(),
                    created_at: now,
                    hearing_id: letter.as_ref().map(|l| l.hearing_id.clone()),
                    letter_number: letter.as_ref().map(|l| l.letter_number.clone()),
                    addressee: letter.as_ref().map(|l| l.addressee.clone()),
                    withdrawn_at: None,
                    handed_over_on: None,
                    handed_over_to: None,
                    receipt_document_id: None,
                    opened_at: None,
                    proper: None,
                },
            )?;
            effective_on = *sent_on;
            note = Some(match letter {
                Some(l) => format!("{} {} untuk sidang {session_on}", side.label(Lang::Id), l.letter_number),
                None => format!("{} untuk sidang {session_on} ({delivery})", side.label(Lang::Id)),
            });
        }
        Step::Anjuran { issued_on, received_on, text } => {
            if Some(*issued_on) < case.first_session_on {
                return Err(Error::invalid(
                    "anjuran_before_session",
                    "date",
                    "Anjuran tidak dapat bertanggal sebelum sidang pertama.",
                    "The anjuran cannot be dated before the first session.",
                ));
            }
            case.anjuran_issued_on = Some(*issued_on);
            case.anjuran_received_on = Some(*received_on);
            case.anjuran_text = Some(text.clone());
            effective_on = *issued_on;
        }
        Step::AnjuranAnswer { side, accept, answered_on } => {
            if Some(*answered_on) < case.anjuran_received_on {
                return Err(Error::invalid(
                    "answer_before_anjuran",
                    "date",
                    "Jawaban tidak dapat bertanggal sebelum anjuran diterima.",
                    "The answer cannot be dated before the anjuran was received.",
                ));
            }
            let value = Some(if *accept { "terima" } else { "tolak" }.to_string());
            match side {
                Side::Pekerja => {
                    case.anjuran_worker = value;
                    case.anjuran_worker_on = Some(*answered_on);
                }
                Side::Pengusaha => {
                    case.anjuran_company = value;
                    case.anjuran_company_on = Some(*answered_on);
                }
            }
            effective_on = *answered_on;
            if to == Status::MenungguPb {
                case.anjuran_accepted_on = Some(*answered_on);
            }
            if to == Status::LanjutPhi {
                case.closed_on = Some(*answered_on);
                case.closing_reason = Some("anjuran_ditolak".into());
            }
            note = Some(format!("{}: {}", side.label(Lang::Id), if *accept { "menerima" } else { "menolak" }));
        }
        Step::SignPb { signed_on, text } => {
            if Some(*signed_on) < case.delegated_on {
                return Err(before_delegation("date"));
            }
            case.pb_signed_on = Some(*signed_on);
            case.pb_text = Some(text.clone());
            case.closed_on = Some(*signed_on);
            case.closing_reason = Some("perjanjian_bersama".into());
            effective_on = *signed_on;
        }
        Step::PbDeed { number, registered_on } => {
            if Some(*registered_on) < case.pb_signed_on {
                return Err(Error::invalid(
                    "deed_before_pb",
                    "date",
                    "Akta pendaftaran tidak dapat bertanggal sebelum PB ditandatangani.",
                    "The deed cannot be dated before the PB was signed.",
                ));
            }
            case.pb_deed_number = Some(number.clone());
            case.pb_deed_on = Some(*registered_on);
            effective_on = *registered_on;
            note = Some(number.clone());
        }
        Step::ExternalOutcome { outcome } => {
            case.external_outcome = Some(outcome.clone());
            case.closed_on = Some(today);
            case.closing_reason = Some(format!("{}_selesai", from));
            note = Some(outcome.clone());
        }
        Step::Withdraw { on, reason } => {
            case.closed_on = Some(*on);
            case.closing_reason = Some("dicabut".into());
            effective_on = *on;
            note = Some(reason.clone());
        }
    }
    case.status = to.as_str().into();
    came_to_status(&mut case, &from, effective_on);
    case.updated_at = now;
    model::update(conn, &case)?;
    write_history(conn, Some(actor), &case, action, &from, effective_on, note.clone(), now)?;
    record(
        conn,
        &AuditEntry::by(
            actor,
            action.audit_code(),
            "case",
            &case.id,
            format!(
                "{} {}: {} → {}{}",
                case.case_number.as_deref().unwrap_or(&case.reference),
                action.label(Lang::Id),
                from,
                case.status,
                note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default()
            ),
        ),
        now,
    )?;
    notify_parties(conn, ctx, &case, &from, action, now)?;
    Ok(case)
}

fn before_delegation(field: &'static str) -> Error {
    Error::invalid(
        "before_delegation",
        field,
        "Tanggal tidak boleh sebelum kasus dilimpahkan kepada mediator.",
        "The date cannot be before the case was delegated to the mediator.",
    )
}

/// Tells everyone concerned that the case moved: the filer, the workers with an email, the
/// company's representatives (or its contact) once the case is filed, and the mediator.
fn active_user(conn: &mut DbConn, id: &str) -> Result<Option<Recipient>, Error> {
    Ok(crate::accounts::model::find_user(conn, id).optional()?.filter(|u| u.status == "active").map(|u| Recipient {
        user_id: Some(u.id.clone()),
        email: u.email.clone(),
        name: u.full_name.clone(),
        language: Lang::parse(&u.language).unwrap_or(Lang::Id),
    }))
}

/// Who is told on each side of a case: the workers' side (the complainant, or a walk-in
/// complainant at their contact address, and the workers with an account or address) and,
/// once the case is registered, the company's active representatives. Also the addressees of
/// a summons (schedules).
pub fn party_recipients(conn: &mut DbConn, case: &CaseRow) -> Result<(Vec<Recipient>, Vec<Recipient>), Error> {
    let mut workers: BTreeMap<String, Recipient> = BTreeMap::new();
    let mut add = |r: Recipient| {
        workers.entry(r.email.clone()).or_insert(r);
    };
    // A walk-in complaint is the complainant's, told at their contact address; the desk officer
    // who entered it follows the case in Harmoni, not by mail.
    if case.channel == "loket" {
        if let (Some(email), Some(name)) = (&case.contact_email, &case.contact_name) {
            add(Recipient { user_id: None, email: email.clone(), name: name.clone(), language: Lang::Id });
        }
    } else if let Some(r) = active_user(conn, &case.filed_by)? {
        add(r);
    }
    for w in model::workers(conn, &case.id)? {
        match (&w.user_id, &w.email) {
            (Some(uid), _) => {
                if let Some(r) = active_user(conn, uid)? {
                    add(r);
                }
            }
            (None, Some(email)) => {
                add(Recipient { user_id: None, email: email.clone(), name: w.full_name.clone(), language: Lang::Id })
            }
            _ => {}
        }
    }
    let mut company = Vec::new();
    let filed = Status::parse(&case.status).is_some_and(|s| s.is_registered());
    if filed {
        if let Some(company_id) = &case.company_id {
            for rep in crate::companies::model::representatives(conn, company_id)? {
                if rep.status == "active" {
                    company.push(Recipient {
                        user_id: Some(rep.id.clone()),
                        email: rep.email.clone(),
                        name: rep.full_name.clone(),
                        language: Lang::parse(&rep.language).unwrap_or(Lang::Id),
                    });
                }
            }
        }
    }
    Ok((workers.into_values().collect(), company))
}

/// A step that does not change the status (a session, a summons) is no news.
fn notify_parties(
    conn: &mut DbConn,
    ctx: &Ctx,
    case: &CaseRow,
    from: &str,
    action: Action,
    now: NaiveDateTime,
) -> Result<(), Error> {
    if from == case.status && !matches!(action, Action::Reassign | Action::ForumAnswer(..) | Action::AnjuranAnswer(..))
    {
        return Ok(());
    }
    let mut recipients: BTreeMap<String, Recipient> = BTreeMap::new();
    let (workers, company) = party_recipients(conn, case)?;
    for r in workers.into_iter().chain(company) {
        recipients.entry(r.email.clone()).or_insert(r);
    }
    if let Some(m) = &case.mediator_id {
        if let Some(r) = active_user(conn, m)? {
            recipients.entry(r.email.clone()).or_insert(r);
        }
    }
    let label = |s: &str, l: Lang| Status::parse(s).map(|s| s.label(l).to_string()).unwrap_or_else(|| s.to_string());
    for r in recipients.values() {
        let l = r.language;
        let what = match &case.case_number {
            Some(n) => format!("{} {n}", l.t("Perkara", "Case")),
            None => format!("{} {}", l.t("Pengaduan", "Complaint"), case.reference),
        };
        notify(
            conn,
            &ctx.settings.mail,
            &case.office_id,
            r,
            &Notification {
                kind: EmailKind::StatusChanged {
                    full_name: r.name.clone(),
                    what,
                    old_status: label(from, l),
                    new_status: label(&case.status, l),
                    note: Some(action.label(l).to_string()),
                    link: r.user_id.as_ref().map(|_| format!("{}/kasus/{}", ctx.settings.server.public_url, case.id)),
                },
                entity: Some(("case", case.id.clone())),
                attachments: Vec::new(),
                link: Some(format!("/kasus/{}", case.id)),
            },
            now,
        )?;
    }
    Ok(())
}

/// One statutory clock of a case, computed and explained.
#[derive(Debug, Clone)]
pub struct CaseDeadline {
    pub rule: DeadlineRule,
    pub side: Option<Side>,
    pub computation: Computation,
    pub extra_working_days: u32,
    pub status: DeadlineStatus,
}

/// Working days a clarification took, both ends included: they extend the mediation clock.
pub fn clarification_working_days(calendar: &Calendar, started: Option<NaiveDate>, ended: Option<NaiveDate>) -> u32 {
    match (started, ended) {
        (Some(s), Some(e)) => calendar.count_working_days(s - Duration::days(1), e).max(0) as u32,
        _ => 0,
    }
}

/// The clocks running on a case today (DOMAIN.md section 2).
pub fn deadlines(ctx: &Ctx, case: &model::CaseClocks, today: NaiveDate) -> Result<Vec<CaseDeadline>, Error> {
    let Some(status) = Status::parse(&case.status) else { return Ok(Vec::new()) };
    let clarification_working_days =
        clarification_working_days(&ctx.calendar, case.clarification_started_on, case.clarification_ended_on);
    let dates = rules::Dates {
        submitted_on: case.submitted_on,
        registered_on: case.registered_on,
        delegated_on: case.delegated_on,
        first_session_on: case.first_session_on,
        anjuran_received_on: case.anjuran_received_on,
        anjuran_accepted_on: case.anjuran_accepted_on,
        clarification_working_days,
    };
    let answers = [answer_of(&case.anjuran_worker), answer_of(&case.anjuran_company)];
    let mut out = Vec::new();
    for clock in rules::running_clocks(status, &dates, answers) {
        let rule = ctx.rule(clock.rule)?.clone();
        let computation = ctx.calendar.compute(clock.start, rule.days + clock.extra_working_days, rule.direction);
        let status = deadline_status(&ctx.calendar, today, computation.due);
        out.push(CaseDeadline {
            rule,
            side: clock.side,
            computation,
            extra_working_days: clock.extra_working_days,
            status,
        });
    }
    out.sort_by_key(|d| d.computation.due);
    Ok(out)
}

/// The workers as this actor may see them: the company side gets the NIK masked and no contact
/// details, whatever page or API shows them.
fn visible_workers(workers: Vec<WorkerRow>, actor: &Actor) -> Vec<WorkerRow> {
    if sees_personal_data(actor) {
        return workers;
    }
    workers
        .into_iter()
        .map(|w| WorkerRow { nik: w.nik.as_deref().map(crate::identity::mask), phone: None, email: None, ..w })
        .collect()
}

/// Everything the case page shows.
pub struct CaseDetail {
    pub case: CaseRow,
    pub workers: Vec<WorkerRow>,
    pub bipartite: Vec<BipartiteRow>,
    pub history: Vec<HistoryRow>,
    pub sessions: Vec<SessionRow>,
    pub summons: Vec<SummonsRow>,
    pub assignments: Vec<model::AssignmentRow>,
    pub documents: Vec<crate::documents::model::DocumentRow>,
    pub deadlines: Vec<CaseDeadline>,
    pub mediator_name: Option<String>,
    /// The steps this actor may take now (decided by the rules).
    pub allowed: Vec<&'static str>,
}

/// The case as the actor may see it, with its clocks applied first.
pub fn detail(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    id: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<CaseDetail, Error> {
    let scope = scope(actor)?;
    let case = model::find(conn, &scope, id)?.ok_or(Error::NotFound)?;
    let case = run_clocks(conn, settings, case, today, now)?;
    let ctx = Ctx::load(conn, settings, &case.office_id)?;
    let who = standing(conn, actor, &case)?;
    let f = facts(conn, &ctx, &case, today)?;
    let allowed = rules::offered_steps(&f, who, ctx.limits(), today);
    let documents = crate::documents::model::for_owners(conn, DOCUMENT_KIND, std::slice::from_ref(&case.id))?;
    let mediator_name = match &case.mediator_id {
        Some(m) => crate::accounts::model::find_user(conn, m).optional()?.map(|u| u.full_name),
        None => None,
    };
    Ok(CaseDetail {
        workers: visible_workers(model::workers(conn, &case.id)?, actor),
        bipartite: model::bipartite(conn, &case.id)?,
        history: model::history(conn, &case.id)?,
        sessions: model::sessions(conn, &case.id)?,
        summons: model::summons(conn, &case.id)?,
        assignments: model::assignments(conn, &case.id)?,
        documents,
        deadlines: deadlines(&ctx, &case.clocks(), today)?,
        mediator_name,
        allowed,
        case,
    })
}

/// Cases per page of the list.
pub const PAGE_SIZE: i64 = 25;

/// Parses the list filters shared by the page and the API.
pub fn list_filter(
    status: &Option<String>,
    dispute_type: &Option<String>,
    mediator_id: &Option<String>,
    company_id: &Option<String>,
    q: &Option<String>,
) -> Result<CaseQuery, Error> {
    let statuses: Vec<String> = crate::http::trimmed(status)
        .map(|s| s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
        .unwrap_or_default();
    if statuses.iter().any(|s| Status::parse(s).is_none()) {
        return Err(Error::invalid("invalid_status", "status", "Status kasus tidak dikenal.", "Unknown case status."));
    }
    let dispute_type = crate::http::trimmed(dispute_type);
    if dispute_type.as_deref().is_some_and(|t| DisputeType::parse(t).is_none()) {
        return Err(Error::invalid(
            "invalid_dispute_type",
            "dispute_type",
            "Jenis perselisihan tidak dikenal.",
            "Unknown dispute type.",
        ));
    }
    Ok(CaseQuery {
        statuses,
        dispute_type,
        mediator_id: crate::http::trimmed(mediator_id),
        company_id: crate::http::trimmed(company_id),
        q: crate::http::trimmed(q),
    })
}

/// A page (from 1) of the cases the actor sees, newest first, and how many match.
pub fn list(conn: &mut DbConn, actor: &Actor, f: &CaseQuery, page: i64) -> Result<(Vec<CaseRow>, i64), Error> {
    let scope = scope(actor)?;
    Ok(model::list(conn, &scope, f, (page - 1) * PAGE_SIZE, PAGE_SIZE)?)
}

/// A mediator's open cases with their nearest deadline, nearest first.
pub fn workbench(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Vec<(CaseRow, Option<CaseDeadline>)>, Error> {
    let scope = scope(actor)?;
    let open = ["diajukan", "penawaran_forum", "menunggu_mediator", "mediasi", "anjuran", "menunggu_pb"];
    let ctx = Ctx::load(conn, settings, &actor.office_id)?;
    let mut out = Vec::new();
    for case in model::all_in(conn, &scope, &open)? {
        let case = run_clocks(conn, settings, case, today, now)?;
        let next = deadlines(&ctx, &case.clocks(), today)?.into_iter().next();
        out.push((case, next));
    }
    out.retain(|(c, _)| !Status::parse(&c.status).is_some_and(|s| s.is_final()));
    out.sort_by_key(|(c, d)| (d.as_ref().map(|d| d.computation.due).unwrap_or(NaiveDate::MAX), c.created_at));
    Ok(out)
}

/// A mediator and what the head of division should know before delegating to them.
#[derive(Debug, Clone)]
pub struct MediatorChoice {
    pub id: String,
    pub name: String,
    pub open_cases: i64,
    /// The last day this mediator was delegated a case of the same company, within the window.
    pub handled_company_on: Option<NaiveDate>,
    pub suggested: bool,
}

/// The office's mediators, the lightest open load suggested, with a warning when one handled
/// the same company within `cases.same_company_warning_days`.
pub fn mediator_choices(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    case: &CaseRow,
    today: NaiveDate,
) -> Result<Vec<MediatorChoice>, Error> {
    actor.require(&[Role::Pimpinan])?;
    let load: BTreeMap<String, i64> = model::open_load(conn, &actor.office_id)?.into_iter().collect();
    let since = today - Duration::days(settings.cases.same_company_warning_days as i64);
    let recent = match &case.company_id {
        Some(c) => model::recent_mediators_of_company(conn, c, since)?,
        None => Vec::new(),
    };
    let mut out: Vec<MediatorChoice> = model::mediators(conn, &actor.office_id)?
        .into_iter()
        .map(|(id, name)| MediatorChoice {
            open_cases: load.get(&id).copied().unwrap_or(0),
            handled_company_on: recent.iter().filter(|(m, _)| *m == id).map(|(_, d)| *d).max(),
            suggested: false,
            id,
            name,
        })
        .collect();
    if let Some(best) = out.iter_mut().min_by_key(|m| (m.open_cases, m.handled_company_on.is_some())) {
        best.suggested = true;
    }
    Ok(out)
}

/// What the public tracking page shows: the stage and the next step, nothing personal.
#[derive(Debug, Clone)]
pub struct Tracking {
    /// Internal: for the page to look up what else it may show (upcoming sessions).
    pub case_id: String,
    pub office_id: String,
    pub reference: String,
    pub case_number: Option<String>,
    pub dispute_type: DisputeType,
    pub status: Status,
    pub submitted_on: Option<NaiveDate>,
    pub next: Option<CaseDeadline>,
    pub screening_note: Option<String>,
    pub referred_to: Option<String>,
}

/// Public tracking by reference and PIN. Wrong PINs count per case and lock it for a while;
/// an unknown reference and a wrong PIN answer the same, so references cannot be probed.
pub fn track(
    conn: &mut DbConn,
    settings: &Settings,
    reference: &str,
    pin: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Tracking, Error> {
    let wrong = || {
        Error::Invalid(Problem::new(
            "tracking_not_found",
            "Nomor pengaduan atau PIN tidak cocok.",
            "The reference or PIN does not match.",
        ))
    };
    let reference = rules::normalize_reference(reference);
    let pin = pin.trim();
    let case = model::find_by_reference(conn, &reference)?.filter(|c| !c.pin_hash.is_empty());
    let Some(case) = case else {
        // Spend the time a real check would, so timing does not tell which references exist.
        crate::secrets::verify_dummy(&settings.security, pin);
        return Err(wrong());
    };
    if case.pin_locked_until.is_some_and(|until| until > now) {
        return Err(Error::Invalid(Problem::new(
            "tracking_locked",
            "Terlalu banyak PIN salah. Coba lagi nanti, atau minta PIN baru di loket Disnaker.",
            "Too many wrong PINs. Try again later, or ask the Disnaker desk for a new PIN.",
        )));
    }
    if !crate::secrets::verify_password(&settings.security, &case.pin_hash, pin) {
        write_tx(conn, |conn| {
            let mut fresh = model::find_any(conn, &case.id)?.ok_or(Error::NotFound)?;
            fresh.pin_failures += 1;
            if fresh.pin_failures >= settings.cases.pin_max_failures {
                fresh.pin_failures = 0;
                fresh.pin_locked_until = Some(now + Duration::minutes(settings.cases.pin_lock_minutes));
            }
            model::update(conn, &fresh)?;
            Ok(())
        })?;
        return Err(wrong());
    }
    let case = if case.pin_failures > 0 {
        write_tx(conn, |conn| {
            let mut fresh = model::find_any(conn, &case.id)?.ok_or(Error::NotFound)?;
            fresh.pin_failures = 0;
            model::update(conn, &fresh)?;
            Ok(fresh)
        })?
    } else {
        case
    };
    let case = run_clocks(conn, settings, case, today, now)?;
    let ctx = Ctx::load(conn, settings, &case.office_id)?;
    let next = deadlines(&ctx, &case.clocks(), today)?.into_iter().next();
    Ok(Tracking {
        case_id: case.id.clone(),
        office_id: case.office_id.clone(),
        reference: case.reference.clone(),
        case_number: case.case_number.clone(),
        dispute_type: DisputeType::parse(&case.dispute_type).unwrap_or(DisputeType::Hak),
        status: Status::parse(&case.status).ok_or_else(|| Error::internal("unknown case status"))?,
        submitted_on: case.submitted_on,
        next,
        screening_note: case.screening_note.clone().filter(|_| case.status == "dikembalikan"),
        referred_to: case.referred_to.clone(),
    })
}
