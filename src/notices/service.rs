//! Notice and PHK report use cases. Desk officers and leadership record; mediators read; a
//! company's representatives submit lock-out notices and PHK reports for their own companies
//! and read what concerns them; workers have no access. Every change is one transaction with
//! its audit row and the messages to the company's representatives.

use chrono::{NaiveDate, NaiveDateTime};
use harmoni_templates::email::EmailKind;
use harmoni_templates::Lang;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::calendar::data::DeadlineRule;
use crate::calendar::service::{compute, parse_date, Deadline, DeadlineRequest};
use crate::companies::model::{self as companies, CompanyRow, Scope};
use crate::config::Settings;
use crate::db::{write_tx, DbConn};
use crate::documents::model::DocumentRow;
use crate::documents::service::{self as documents, Owner, Stored};
use crate::error::{Bilingual, Error, Problem};
use crate::notices::model::{self, FacilitationRow, NoticeFilter, NoticeRow, PhkReportRow, PhkWorkerRow, ReportFilter};
use crate::notices::rules::{self, Kind, Missing, NoticeCheck, Outcome, PhkReason, Status, WorkerInput};
use crate::notifications::service::{notify, Notification, Recipient};
use crate::unions::model::{self as unions, UnionRow};

/// Office staff who read notices and reports.
const READERS: [Role; 3] = [Role::Petugas, Role::Pimpinan, Role::Mediator];
/// Office staff who record them, their facilitation and outcome.
const RECORDERS: [Role; 2] = [Role::Petugas, Role::Pimpinan];

/// The sequence receipts of notices take their numbers from (`sequences`).
pub const RECEIPT_SERIES: &str = "tanda_terima_pemberitahuan";
/// `owner_kind` of a facilitation's minutes in `documents`.
pub const MINUTES_KIND: &str = "notice_facilitation";
/// `owner_kind` of a notice's Perjanjian Bersama in `documents`.
pub const PB_KIND: &str = "notice_pb";

/// What the actor may see: the office's staff everything of the office, a representative only
/// their companies' notices and reports; anyone else nothing.
pub fn scope(actor: &Actor) -> Result<Scope, Error> {
    crate::companies::service::scope_for(actor, &READERS)
}

/// Whether the actor records notices, facilitations and reports for the office.
pub fn can_record(actor: &Actor) -> bool {
    RECORDERS.contains(&actor.role)
}

/// Whether the actor may submit anything (officers, or a representative online).
pub fn can_submit(actor: &Actor) -> bool {
    can_record(actor) || actor.role == Role::Perusahaan
}

fn invalid(p: Problem) -> Error {
    Error::Invalid(p)
}

/// The company a form names, within what the actor may see (`companies::service::resolve`).
fn resolve_company(conn: &mut DbConn, actor: &Actor, company_id: &str, nib: &str) -> Result<CompanyRow, Error> {
    crate::companies::service::resolve(conn, &scope(actor)?, &actor.office_id, company_id, nib)
}

fn rule_of<'a>(settings: &'a Settings, code: &str) -> Result<&'a DeadlineRule, Error> {
    settings.deadline_rules.get(code).ok_or_else(|| Error::internal(format!("deadline rule {code} is not configured")))
}

/// The messages to a company's representatives when the office records something about it.
#[expect(clippy::too_many_arguments, reason = "one message needs all of these")]
fn tell_representatives(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    company: &CompanyRow,
    entity: (&'static str, &str),
    what: &dyn Fn(Lang) -> String,
    change: (Option<Status>, Status),
    note: &dyn Fn(Lang) -> Option<String>,
    path: &str,
    now: NaiveDateTime,
) -> Result<(), Error> {
    if actor.role == Role::Perusahaan {
        // The representative did it; the office sees it in its lists.
        return Ok(());
    }
    for user in companies::representatives(conn, &company.id)? {
        if user.status != "active" {
            continue;
        }
        let lang = Lang::parse(&user.language).unwrap_or_default();
        let kind = EmailKind::StatusChanged {
            full_name: user.full_name.clone(),
            what: what(lang),
            old_status: change.0.map(|s| s.label(lang).to_string()).unwrap_or_else(|| "-".into()),
            new_status: change.1.label(lang).to_string(),
            note: note(lang),
            link: Some(format!("{}{path}", settings.server.public_url)),
        };
        let recipient = Recipient {
            user_id: Some(user.id.clone()),
            email: user.email.clone(),
            name: user.full_name.clone(),
            language: lang,
        };
        let n = Notification {
            kind,
            entity: Some((entity.0, entity.1.to_string())),
            attachments: Vec::new(),
            link: Some(path.to_string()),
        };
        notify(conn, &settings.mail, &actor.office_id, &recipient, &n, now)?;
    }
    Ok(())
}

/// A notice as typed on the form or sent to the API (all text, checked here).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NoticeInput {
    /// mogok (strike) or penutupan (lock-out); a company representative may only give penutupan.
    pub kind: String,
    /// The company, by id (representatives choose among theirs) ...
    #[serde(default)]
    pub company_id: String,
    /// ... or by NIB (13 digits), as officers type it.
    #[serde(default)]
    pub nib: String,
    /// For a strike: the union (from the unions register) giving notice, if registered.
    #[serde(default)]
    pub union_id: String,
    /// Who gives notice as written on it; empty: the union's name (strike) or the company's (lock-out).
    #[serde(default)]
    pub giver_name: String,
    /// One signatory per line: "name; position" (e.g. "Sutrisno; ketua").
    #[serde(default)]
    pub signatories: String,
    /// When the office received the paper notice, WIB (YYYY-MM-DDTHH:MM); officers only,
    /// empty: now. Online submissions are received when they are sent.
    #[serde(default)]
    pub received_at: String,
    /// Start of the strike or lock-out, WIB (YYYY-MM-DDTHH:MM).
    pub starts_at: String,
    /// End, WIB (YYYY-MM-DDTHH:MM); empty is flagged as missing content.
    #[serde(default)]
    pub ends_at: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub reasons: String,
}

/// Records a notice with its receipt number: checks it, flags what the law would not accept
/// (short notice, missing content, a lock-out in a protected sector), and tells the company.
pub fn create_notice(
    conn: &mut DbConn,
    actor: &Actor,
    input: &NoticeInput,
    settings: &Settings,
    now: NaiveDateTime,
) -> Result<NoticeRow, Error> {
    scope(actor)?;
    if !can_submit(actor) {
        return Err(Error::Forbidden);
    }
    let online = actor.role == Role::Perusahaan;
    let kind = Kind::parse(input.kind.trim()).ok_or_else(|| {
        Error::invalid(
            "invalid_kind",
            "kind",
            "Pilih jenis pemberitahuan: mogok kerja atau penutupan perusahaan.",
            "Choose the kind of notice: strike (mogok) or lock-out (penutupan).",
        )
    })?;
    if online && kind != Kind::Penutupan {
        // A strike is announced by the workers, not by the employer's representative.
        return Err(Error::Forbidden);
    }
    if input.starts_at.trim().is_empty() {
        return Err(Error::invalid(
            "starts_at_required",
            "starts_at",
            "Tulis tanggal dan jam mulai (WIB).",
            "Give the day and hour it starts (WIB).",
        ));
    }
    let starts_at = rules::parse_local(&input.starts_at, "starts_at").map_err(invalid)?;
    let ends_at = match input.ends_at.trim() {
        "" => None,
        raw => Some(rules::parse_local(raw, "ends_at").map_err(invalid)?),
    };
    let received_at = match input.received_at.trim() {
        _ if online => now,
        "" => now,
        raw => rules::parse_local(raw, "received_at").map_err(invalid)?,
    };
    if received_at > now {
        return Err(Error::invalid(
            "received_in_future",
            "received_at",
            "Waktu diterima tidak boleh di masa depan.",
            "The time of receipt cannot be in the future.",
        ));
    }
    let signatories = rules::parse_signatories(&input.signatories).map_err(invalid)?;
    let place = crate::input::line(&input.place, "place", 0, 300).map_err(invalid)?;
    let reasons = crate::input::text(&input.reasons, "reasons", 0, 10_000).map_err(invalid)?;
    let giver = crate::input::line(&input.giver_name, "giver_name", 0, 200).map_err(invalid)?;
    let missing = rules::missing_content(kind, &signatories, &place, &reasons, starts_at, ends_at);
    let rule = rule_of(settings, kind.rule())?.clone();
    write_tx(conn, |conn| {
        let company = resolve_company(conn, actor, &input.company_id, &input.nib)?;
        let union: Option<UnionRow> = match input.union_id.trim() {
            "" => None,
            _ if online => None,
            id => Some(unions::find(conn, &actor.office_id, id)?.ok_or_else(|| {
                Error::invalid(
                    "unknown_union",
                    "union_id",
                    "Serikat pekerja itu tidak terdaftar di kantor ini.",
                    "That union is not registered at this office.",
                )
            })?),
        };
        let giver_name = match (giver.is_empty(), &union, kind) {
            (false, _, _) => giver.clone(),
            (true, Some(u), _) => u.name.clone(),
            (true, None, Kind::Penutupan) => company.name.clone(),
            (true, None, Kind::Mogok) => {
                return Err(Error::invalid(
                    "giver_required",
                    "giver_name",
                    "Pilih serikat pekerja yang memberitahukan, atau tulis namanya (misalnya koordinator mogok).",
                    "Choose the union giving notice, or write who gives it (e.g. the strike's coordinators).",
                ))
            }
        };
        let protected = (kind == Kind::Penutupan)
            .then(|| rules::protected_sector(&company.kbli_code, &settings.notices.protected_sectors))
            .flatten();
        let calendar = crate::calendar::service::load(conn, &actor.office_id)?;
        let deadline = compute(
            &calendar,
            &settings.deadline_rules,
            rules::local_date(starts_at),
            &DeadlineRequest::Rule(rule.code.clone()),
        )?;
        let due = deadline.computation.due;
        let received_on = rules::local_date(received_at);
        let short = received_on > due;
        let year = chrono::Datelike::year(&received_on);
        let seq = crate::sequences::next(conn, &actor.office_id, RECEIPT_SERIES, year)?;
        let n = &settings.notices;
        let row = NoticeRow {
            id: uuid::Uuid::new_v4().to_string(),
            office_id: actor.office_id.clone(),
            kind: kind.as_str().into(),
            company_id: company.id.clone(),
            union_id: union.as_ref().map(|u| u.id.clone()),
            giver_name,
            signatories: signatories
                .iter()
                .map(|s| if s.position.is_empty() { s.name.clone() } else { format!("{}; {}", s.name, s.position) })
                .collect::<Vec<_>>()
                .join("\n"),
            received_at,
            starts_at,
            ends_at,
            place: place.clone(),
            reasons: reasons.clone(),
            notice_due_on: due,
            short_notice: short,
            protected_sector: protected.map(|p| p.name_id.clone()),
            missing_content: Missing::join(&missing),
            receipt_number: rules::receipt_number(&n.receipt_classification, seq, &n.receipt_unit, year),
            receipt_year: year,
            receipt_seq: seq,
            submitted_online: online,
            outcome: None,
            outcome_on: None,
            outcome_note: String::new(),
            pb_witness: None,
            case_id: None,
            created_by: Some(actor.user_id.clone()),
            created_at: now,
            updated_at: now,
        };
        model::insert_notice(conn, &row)?;
        let mut flags: Vec<String> = Vec::new();
        if short {
            flags.push(format!("kurang dari {} hari kerja (batas {due})", rule.days));
        }
        if let Some(p) = protected {
            flags.push(format!("sektor terlarang untuk penutupan perusahaan: {}", p.name_id));
        }
        flags.extend(missing.iter().map(|m| m.label(Lang::Id).to_lowercase()));
        record(
            conn,
            &AuditEntry::by(
                actor,
                "notice.create",
                "stoppage_notice",
                &row.id,
                format!(
                    "Pemberitahuan {} {} diterima {}{}, tanda terima {}{}",
                    kind.label(Lang::Id).to_lowercase(),
                    company.name,
                    Lang::Id.datetime_long(received_at),
                    if online { " (daring)" } else { "" },
                    row.receipt_number,
                    if flags.is_empty() { String::new() } else { format!("; ditandai: {}", flags.join("; ")) }
                ),
            ),
            now,
        )?;
        let what = |l: Lang| {
            format!(
                "{} {} ({} {})",
                kind.label(l).to_lowercase(),
                company.name,
                l.t("tanda terima", "receipt"),
                row.receipt_number
            )
        };
        let note = |l: Lang| {
            Some(match l {
                Lang::Id => format!("Disnaker mencatat pemberitahuan ini, diterima {}.", l.datetime_long(received_at)),
                Lang::En => format!("The office recorded this notice, received {}.", l.datetime_long(received_at)),
            })
        };
        tell_representatives(
            conn,
            settings,
            actor,
            &company,
            ("stoppage_notice", &row.id),
            &what,
            (None, Status::Diterima),
            &note,
            &format!("/pemberitahuan/{}", row.id),
            now,
        )?;
        Ok(row)
    })
}

/// A page of the notices the actor may see, with company names and facilitation counts.
#[derive(Debug, Clone)]
pub struct NoticeList {
    pub rows: Vec<NoticeSummary>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    /// Disputes prevented (`rules::prevented`) per year of outcome, newest first.
    pub prevented_per_year: Vec<(i32, i64)>,
    /// Years notices were received in, for the year filter.
    pub years: Vec<i32>,
}

#[derive(Debug, Clone)]
pub struct NoticeSummary {
    pub notice: NoticeRow,
    pub company_name: String,
    pub facilitations: usize,
    pub status: Status,
}

fn outcome_of(row: &NoticeRow) -> Option<Outcome> {
    row.outcome.as_deref().and_then(Outcome::parse)
}

/// Checks the list filters typed in a query string.
pub fn notice_filter(
    kind: Option<String>,
    year: Option<String>,
    status: Option<String>,
    company: Option<String>,
    company_id: Option<String>,
    prevented: bool,
) -> Result<NoticeFilter, Error> {
    if let Some(k) = &kind {
        Kind::parse(k).ok_or_else(|| {
            Error::invalid(
                "invalid_parameter",
                "kind",
                "Jenis harus mogok atau penutupan.",
                "Kind must be mogok or penutupan.",
            )
        })?;
    }
    if let Some(s) = &status {
        Status::parse(s).ok_or_else(|| {
            Error::invalid(
                "invalid_parameter",
                "status",
                "Status harus diterima, difasilitasi, pb, tidak_sepakat atau batal.",
                "Status must be diterima, difasilitasi, pb, tidak_sepakat or batal.",
            )
        })?;
    }
    let year = match year {
        None => None,
        Some(y) => {
            Some(y.parse::<i32>().ok().filter(|y| crate::calendar::data::YEARS.contains(y)).ok_or_else(|| {
                Error::invalid("invalid_parameter", "year", "Tahun tidak sah.", "The year is not valid.")
            })?)
        }
    };
    Ok(NoticeFilter { kind, year, status, company, company_id, prevented })
}

pub fn list_notices(
    conn: &mut DbConn,
    actor: &Actor,
    filter: &NoticeFilter,
    page: i64,
    page_size: i64,
) -> Result<NoticeList, Error> {
    let scope = scope(actor)?;
    let (rows, total) = model::list_notices(conn, &scope, filter, (page - 1) * page_size, page_size)?;
    let ids: Vec<String> = rows.iter().map(|(n, _)| n.id.clone()).collect();
    let counts = model::facilitation_counts(conn, &ids)?;
    let rows = rows
        .into_iter()
        .zip(counts)
        .map(|((notice, company_name), (_, facilitations))| NoticeSummary {
            status: Status::derive(outcome_of(&notice), facilitations),
            notice,
            company_name,
            facilitations,
        })
        .collect();
    let mut per_year: std::collections::BTreeMap<i32, i64> = std::collections::BTreeMap::new();
    for day in model::prevented_days(conn, &scope)?.into_iter().flatten() {
        *per_year.entry(chrono::Datelike::year(&day)).or_default() += 1;
    }
    let years = model::notice_years(conn, &scope)?;
    Ok(NoticeList { rows, total, page, page_size, prevented_per_year: per_year.into_iter().rev().collect(), years })
}

/// A notice with everything its page and receipt show.
#[derive(Debug, Clone)]
pub struct NoticeDetail {
    pub notice: NoticeRow,
    pub kind: Kind,
    pub company: CompanyRow,
    pub union: Option<UnionRow>,
    pub facilitations: Vec<(FacilitationRow, Option<DocumentRow>)>,
    pub pb_document: Option<DocumentRow>,
    pub status: Status,
    pub missing: Vec<Missing>,
    /// The notice period computed again with today's calendar, to explain the due date.
    pub deadline: Deadline,
    /// Working days between receipt and start (the event day is day 0).
    pub lead_working_days: i64,
    pub office: crate::offices::model::Office,
}

pub fn notice(conn: &mut DbConn, actor: &Actor, id: &str, settings: &Settings) -> Result<NoticeDetail, Error> {
    let scope = scope(actor)?;
    let notice = model::find_notice(conn, &scope, id)?.ok_or(Error::NotFound)?;
    let kind = Kind::parse(&notice.kind).ok_or_else(|| Error::internal("unknown notice kind"))?;
    let company = companies::find(conn, &scope, &notice.company_id)?.ok_or(Error::NotFound)?;
    let union = match &notice.union_id {
        Some(u) => unions::find(conn, &notice.office_id, u)?,
        None => None,
    };
    let rows = model::facilitations(conn, &notice.id)?;
    let mut docs = documents::latest(conn, MINUTES_KIND, &rows.iter().map(|f| f.id.clone()).collect::<Vec<_>>())?;
    let facilitations: Vec<(FacilitationRow, Option<DocumentRow>)> =
        rows.into_iter().map(|f| (f.clone(), docs.remove(&f.id))).collect();
    let pb_document = documents::latest(conn, PB_KIND, std::slice::from_ref(&notice.id))?.remove(&notice.id);
    let calendar = crate::calendar::service::load(conn, &notice.office_id)?;
    let start = rules::local_date(notice.starts_at);
    let deadline =
        compute(&calendar, &settings.deadline_rules, start, &DeadlineRequest::Rule(kind.rule().to_string()))?;
    let lead_working_days = calendar.count_working_days(rules::local_date(notice.received_at), start);
    let office = crate::offices::model::find(conn, &notice.office_id)?;
    Ok(NoticeDetail {
        status: Status::derive(outcome_of(&notice), facilitations.len()),
        missing: Missing::split(&notice.missing_content),
        kind,
        company,
        union,
        facilitations,
        pb_document,
        deadline,
        lead_working_days,
        office,
        notice,
    })
}

/// A facilitation meeting as typed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct FacilitationInput {
    /// Day of the meeting (YYYY-MM-DD), not before the notice was received nor in the future.
    pub held_on: String,
    /// Who attended (names and sides), free text.
    pub attendees: String,
    #[serde(default)]
    pub notes: String,
}

fn office_notice(conn: &mut DbConn, actor: &Actor, id: &str) -> Result<(NoticeRow, CompanyRow), Error> {
    actor.require(&RECORDERS)?;
    let scope = Scope::Office(actor.office_id.clone());
    let notice = model::find_notice(conn, &scope, id)?.ok_or(Error::NotFound)?;
    let company = companies::find(conn, &scope, &notice.company_id)?.ok_or(Error::NotFound)?;
    Ok((notice, company))
}

fn closed(notice: &NoticeRow) -> Error {
    let status = outcome_of(notice).map(Status::from).unwrap_or(Status::Diterima);
    Error::Conflict(Problem {
        code: "notice_closed",
        field: None,
        message: Bilingual::new(
            format!("Pemberitahuan ini sudah selesai ({}); tidak dapat diubah lagi.", status.label(Lang::Id)),
            format!("This notice is closed ({}); it cannot change any more.", status.label(Lang::En)),
        ),
    })
}

fn day_in_range(raw: &str, field: &'static str, notice: &NoticeRow, today: NaiveDate) -> Result<NaiveDate, Error> {
    let day = parse_date(raw, field)?;
    if day > today {
        return Err(Error::invalid(
            "date_in_future",
            field,
            "Tanggal tidak boleh di masa depan.",
            "The date cannot be in the future.",
        ));
    }
    if day < rules::local_date(notice.received_at) {
        return Err(Error::invalid(
            "date_before_receipt",
            field,
            "Tanggal tidak boleh sebelum pemberitahuan diterima.",
            "The date cannot be before the notice was received.",
        ));
    }
    Ok(day)
}

/// Records a facilitation meeting, with its minutes document when one was uploaded (already
/// written to the storage directory), and tells the company's representatives.
#[expect(clippy::too_many_arguments, reason = "a use case with its upload, settings and clock")]
pub fn add_facilitation(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    input: &FacilitationInput,
    minutes: Option<&Stored>,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<FacilitationRow, Error> {
    actor.require(&RECORDERS)?;
    let attendees = crate::input::text(&input.attendees, "attendees", 3, 5_000).map_err(invalid)?;
    let notes = crate::input::text(&input.notes, "notes", 0, 50_000).map_err(invalid)?;
    write_tx(conn, |conn| {
        let (notice, company) = office_notice(conn, actor, id)?;
        if notice.outcome.is_some() {
            return Err(closed(&notice));
        }
        let held_on = day_in_range(&input.held_on, "held_on", &notice, today)?;
        let before = model::facilitations(conn, &notice.id)?.len();
        let row = FacilitationRow {
            id: uuid::Uuid::new_v4().to_string(),
            notice_id: notice.id.clone(),
            held_on,
            attendees: attendees.clone(),
            notes: notes.clone(),
            created_by: Some(actor.user_id.clone()),
            created_at: now,
        };
        model::insert_facilitation(conn, &row)?;
        model::touch_notice(conn, &notice.id, now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "notice.facilitation",
                "stoppage_notice",
                &notice.id,
                format!("Fasilitasi {held_on} atas pemberitahuan {} ({}) dicatat", notice.receipt_number, company.name),
            ),
            now,
        )?;
        if let Some(stored) = minutes {
            let owner = Owner { kind: MINUTES_KIND, id: &row.id, company_id: Some(&company.id) };
            documents::attach(
                conn,
                actor,
                owner,
                stored,
                ("stoppage_notice", &notice.id),
                format!("Notulen fasilitasi {held_on} atas pemberitahuan {}", notice.receipt_number),
                now,
            )?;
        }
        let what = |l: Lang| format!("{} {} ({})", l.t("pemberitahuan", "notice"), company.name, notice.receipt_number);
        let note = |l: Lang| {
            Some(match l {
                Lang::Id => format!("Disnaker mencatat rapat fasilitasi pada {}.", l.date_long(held_on)),
                Lang::En => format!("The office recorded a facilitation meeting on {}.", l.date_long(held_on)),
            })
        };
        let old = Status::derive(None, before);
        tell_representatives(
            conn,
            settings,
            actor,
            &company,
            ("stoppage_notice", &notice.id),
            &what,
            (Some(old), Status::Difasilitasi),
            &note,
            &format!("/pemberitahuan/{}", notice.id),
            now,
        )?;
        Ok(row)
    })
}

/// The outcome as typed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct OutcomeInput {
    /// pb (settled by a Perjanjian Bersama, the officer witnessing), tidak_sepakat (not
    /// settled: goes on to dispute settlement) or batal (did not happen / withdrawn).
    pub outcome: String,
    /// Day of the outcome (YYYY-MM-DD); empty: today.
    #[serde(default)]
    pub outcome_on: String,
    /// What was agreed, or where the dispute goes next, or why it did not happen; required
    /// unless settled by PB.
    #[serde(default)]
    pub note: String,
}

/// Records how the facilitation ended (once), with the PB document when one was uploaded.
#[expect(clippy::too_many_arguments, reason = "a use case with its upload, settings and clock")]
pub fn record_outcome(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    input: &OutcomeInput,
    pb: Option<&Stored>,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<NoticeRow, Error> {
    actor.require(&RECORDERS)?;
    let outcome = Outcome::parse(input.outcome.trim()).ok_or_else(|| {
        Error::invalid(
            "invalid_outcome",
            "outcome",
            "Pilih hasilnya: Perjanjian Bersama, tidak sepakat, atau tidak terjadi/dibatalkan.",
            "Choose the outcome: pb, tidak_sepakat or batal.",
        )
    })?;
    let min = if outcome == Outcome::Pb { 0 } else { 3 };
    let note = crate::input::text(&input.note, "note", min, 10_000).map_err(|_| {
        Error::invalid(
            "note_required",
            "note",
            "Tuliskan keterangannya: ke mana perselisihan dilanjutkan, atau mengapa tidak terjadi (3 sampai 10.000 karakter).",
            "Explain it: where the dispute goes next, or why it did not happen (3 to 10,000 characters).",
        )
    })?;
    if pb.is_some() && outcome != Outcome::Pb {
        return Err(Error::invalid(
            "pb_without_agreement",
            "berkas",
            "Berkas Perjanjian Bersama hanya diunggah bila tercapai kesepakatan.",
            "A Perjanjian Bersama document belongs only to a settlement.",
        ));
    }
    write_tx(conn, |conn| {
        let (notice, company) = office_notice(conn, actor, id)?;
        if notice.outcome.is_some() {
            return Err(closed(&notice));
        }
        let on = match input.outcome_on.trim() {
            "" => today,
            raw => day_in_range(raw, "outcome_on", &notice, today)?,
        };
        let facilitations = model::facilitations(conn, &notice.id)?.len();
        if outcome == Outcome::Pb && facilitations == 0 {
            return Err(Error::invalid(
                "pb_without_facilitation",
                "outcome",
                "Catat dahulu rapat fasilitasi tempat Perjanjian Bersama dicapai.",
                "Record first the facilitation meeting where the agreement was reached.",
            ));
        }
        let witness = (outcome == Outcome::Pb).then(|| actor.full_name.clone());
        model::set_outcome(conn, &notice.id, outcome.as_str(), on, &note, witness.as_deref(), now)?;
        let old = Status::derive(None, facilitations);
        record(
            conn,
            &AuditEntry::by(
                actor,
                "notice.outcome",
                "stoppage_notice",
                &notice.id,
                format!(
                    "Hasil pemberitahuan {} ({}): {} → {} per {on}{}{}",
                    notice.receipt_number,
                    company.name,
                    old.label(Lang::Id),
                    outcome.label(Lang::Id),
                    witness.as_ref().map(|w| format!(", disaksikan {w}")).unwrap_or_default(),
                    if note.is_empty() { String::new() } else { format!(". {note}") }
                ),
            ),
            now,
        )?;
        if let Some(stored) = pb {
            let owner = Owner { kind: PB_KIND, id: &notice.id, company_id: Some(&company.id) };
            documents::attach(
                conn,
                actor,
                owner,
                stored,
                ("stoppage_notice", &notice.id),
                format!("Perjanjian Bersama atas pemberitahuan {}", notice.receipt_number),
                now,
            )?;
        }
        let what = |l: Lang| format!("{} {} ({})", l.t("pemberitahuan", "notice"), company.name, notice.receipt_number);
        let note_for = |_: Lang| (!note.is_empty()).then(|| note.clone());
        tell_representatives(
            conn,
            settings,
            actor,
            &company,
            ("stoppage_notice", &notice.id),
            &what,
            (Some(old), outcome.into()),
            &note_for,
            &format!("/pemberitahuan/{}", notice.id),
            now,
        )?;
        Ok(NoticeRow {
            outcome: Some(outcome.as_str().into()),
            outcome_on: Some(on),
            outcome_note: note.clone(),
            pb_witness: witness,
            updated_at: now,
            ..notice
        })
    })
}

/// A PHK report as typed: the company, the reason and the workers.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ReportInput {
    /// The company, by id (representatives choose among theirs) ...
    #[serde(default)]
    pub company_id: String,
    /// ... or by NIB (13 digits), as officers type it.
    #[serde(default)]
    pub nib: String,
    /// efisiensi, penggabungan, penutupan_perusahaan, pailit, keadaan_memaksa, pelanggaran,
    /// mangkir, mengundurkan_diri, sakit_berkepanjangan, pensiun, meninggal_dunia or lainnya.
    pub reason_category: String,
    /// The reason in words; required for `lainnya`.
    #[serde(default)]
    pub reason_text: String,
    pub workers: Vec<WorkerInput>,
}

/// The statutory notice period of one worker: the rule and its computation.
pub fn phk_deadline(
    calendar: &crate::calendar::rules::Calendar,
    settings: &Settings,
    terminated_on: NaiveDate,
    probation: bool,
) -> Result<Deadline, Error> {
    let code = if probation { "pemberitahuan_phk_percobaan" } else { "pemberitahuan_phk" };
    compute(calendar, &settings.deadline_rules, terminated_on, &DeadlineRequest::Rule(code.into()))
}

/// Records a PHK report with its workers; each worker's written notice is checked against the
/// notice period (14 working days, 7 in probation) and flagged when missing or late.
pub fn create_report(
    conn: &mut DbConn,
    actor: &Actor,
    input: &ReportInput,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<(PhkReportRow, Vec<PhkWorkerRow>), Error> {
    scope(actor)?;
    if !can_submit(actor) {
        return Err(Error::Forbidden);
    }
    let reason = PhkReason::parse(input.reason_category.trim()).ok_or_else(|| {
        Error::invalid(
            "invalid_reason",
            "reason_category",
            "Pilih alasan PHK dari daftar.",
            "Choose the reason for the termination from the list.",
        )
    })?;
    let min = if reason == PhkReason::Lainnya { 3 } else { 0 };
    let reason_text = crate::input::text(&input.reason_text, "reason_text", min, 5_000).map_err(invalid)?;
    if input.workers.is_empty() || input.workers.len() > 1000 {
        return Err(Error::invalid(
            "workers_required",
            "workers",
            "Tulis pekerja yang di-PHK, satu per baris (paling banyak 1.000).",
            "List the workers whose employment ended, one per line (at most 1,000).",
        ));
    }
    let mut workers = Vec::with_capacity(input.workers.len());
    for (i, w) in input.workers.iter().enumerate() {
        let worker = rules::check_worker(w, i + 1, today).map_err(invalid)?;
        if let Some(first) = workers.iter().position(|x: &rules::Worker| x.nik == worker.nik) {
            return Err(Error::Invalid(Problem {
                code: "duplicate_nik",
                field: Some("workers"),
                message: Bilingual::new(
                    format!(
                        "Pekerja {} ({}): NIK yang sama sudah tercantum pada pekerja {}.",
                        i + 1,
                        worker.name,
                        first + 1
                    ),
                    format!(
                        "Worker {} ({}): the same NIK is already listed for worker {}.",
                        i + 1,
                        worker.name,
                        first + 1
                    ),
                ),
            }));
        }
        workers.push(worker);
    }
    let online = actor.role == Role::Perusahaan;
    write_tx(conn, |conn| {
        let company = resolve_company(conn, actor, &input.company_id, &input.nib)?;
        let calendar = crate::calendar::service::load(conn, &actor.office_id)?;
        let report = PhkReportRow {
            id: uuid::Uuid::new_v4().to_string(),
            office_id: actor.office_id.clone(),
            company_id: company.id.clone(),
            reason_category: reason.as_str().into(),
            reason_text: reason_text.clone(),
            submitted_online: online,
            created_by: Some(actor.user_id.clone()),
            created_at: now,
        };
        let mut rows = Vec::with_capacity(workers.len());
        for (i, w) in workers.iter().enumerate() {
            let due = phk_deadline(&calendar, settings, w.terminated_on, w.probation)?.computation.due;
            let check = NoticeCheck::of(w.notice_on, due, reason.needs_notice());
            rows.push(PhkWorkerRow {
                id: uuid::Uuid::new_v4().to_string(),
                report_id: report.id.clone(),
                position: i as i32,
                name: w.name.clone(),
                nik: w.nik.as_str().to_string(),
                job_title: w.job_title.clone(),
                started_on: w.started_on,
                terminated_on: w.terminated_on,
                probation: w.probation,
                notice_on: w.notice_on,
                notice_due_on: due,
                notice_short: check.short(),
            });
        }
        model::insert_report(conn, &report, &rows)?;
        let short = rows.iter().filter(|r| r.notice_short).count();
        // No NIK in the audit trail: administrators read it, and it is personal data.
        record(
            conn,
            &AuditEntry::by(
                actor,
                "phk_report.create",
                "phk_report",
                &report.id,
                format!(
                    "Laporan PHK {}{}: {} pekerja, alasan {}{}",
                    company.name,
                    if online { " (daring)" } else { "" },
                    rows.len(),
                    reason.label(Lang::Id).to_lowercase(),
                    if short > 0 {
                        format!("; {short} pekerja tanpa pemberitahuan tertulis atau kurang dari tenggang waktu")
                    } else {
                        String::new()
                    }
                ),
            ),
            now,
        )?;
        if !online {
            let what = |l: Lang| format!("{} {}", l.t("laporan PHK", "PHK report of"), company.name);
            let note = |l: Lang| {
                Some(match l {
                    Lang::Id => format!("Disnaker mencatat laporan PHK untuk {} pekerja.", rows.len()),
                    Lang::En => format!("The office recorded a termination report for {} workers.", rows.len()),
                })
            };
            // Reported is the only state a PHK report has; the message says it was recorded.
            tell_representatives(
                conn,
                settings,
                actor,
                &company,
                ("phk_report", &report.id),
                &what,
                (None, Status::Diterima),
                &note,
                &format!("/laporan-phk/{}", report.id),
                now,
            )?;
        }
        Ok((report, rows))
    })
}

/// A page of PHK reports with their company and workers.
#[derive(Debug, Clone)]
pub struct ReportList {
    pub rows: Vec<(PhkReportRow, String, Vec<PhkWorkerRow>)>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// Checks the PHK list filters typed in a query string.
pub fn report_filter(
    year: Option<String>,
    reason: Option<String>,
    company: Option<String>,
    company_id: Option<String>,
) -> Result<ReportFilter, Error> {
    if let Some(r) = &reason {
        PhkReason::parse(r).ok_or_else(|| {
            Error::invalid("invalid_parameter", "reason", "Alasan PHK tidak dikenal.", "Unknown termination reason.")
        })?;
    }
    let year = match year {
        None => None,
        Some(y) => {
            Some(y.parse::<i32>().ok().filter(|y| crate::calendar::data::YEARS.contains(y)).ok_or_else(|| {
                Error::invalid("invalid_parameter", "year", "Tahun tidak sah.", "The year is not valid.")
            })?)
        }
    };
    Ok(ReportFilter { year, reason, company, company_id })
}

pub fn list_reports(
    conn: &mut DbConn,
    actor: &Actor,
    filter: &ReportFilter,
    page: i64,
    page_size: i64,
) -> Result<ReportList, Error> {
    let scope = scope(actor)?;
    let (rows, total) = model::list_reports(conn, &scope, filter, (page - 1) * page_size, page_size)?;
    let ids: Vec<String> = rows.iter().map(|(r, _)| r.id.clone()).collect();
    let mut workers = model::workers_of(conn, &ids)?;
    let rows = rows
        .into_iter()
        .map(|(r, name)| {
            let mine: Vec<PhkWorkerRow> = workers.iter().filter(|w| w.report_id == r.id).cloned().collect();
            workers.retain(|w| w.report_id != r.id);
            (r, name, mine)
        })
        .collect();
    Ok(ReportList { rows, total, page, page_size })
}

/// A PHK report with its company, workers and each worker's notice period.
#[derive(Debug, Clone)]
pub struct ReportDetail {
    pub report: PhkReportRow,
    pub reason: PhkReason,
    pub company: CompanyRow,
    pub workers: Vec<(PhkWorkerRow, NoticeCheck, Deadline)>,
}

pub fn report(conn: &mut DbConn, actor: &Actor, id: &str, settings: &Settings) -> Result<ReportDetail, Error> {
    let scope = scope(actor)?;
    let report = model::find_report(conn, &scope, id)?.ok_or(Error::NotFound)?;
    let reason = PhkReason::parse(&report.reason_category).ok_or_else(|| Error::internal("unknown PHK reason"))?;
    let company = companies::find(conn, &scope, &report.company_id)?.ok_or(Error::NotFound)?;
    let calendar = crate::calendar::service::load(conn, &report.office_id)?;
    let mut workers = Vec::new();
    for w in model::workers_of(conn, std::slice::from_ref(&report.id))? {
        let deadline = phk_deadline(&calendar, settings, w.terminated_on, w.probation)?;
        let check = NoticeCheck::of(w.notice_on, w.notice_due_on, reason.needs_notice());
        workers.push((w, check, deadline));
    }
    Ok(ReportDetail { report, reason, company, workers })
}

/// The companies a representative may submit for (for the form's choice); empty for staff.
pub fn my_companies(conn: &mut DbConn, actor: &Actor) -> Result<Vec<CompanyRow>, Error> {
    match scope(actor)? {
        Scope::Office(_) => Ok(Vec::new()),
        s => Ok(companies::list(conn, &s, &Default::default(), 0, 200)?.0),
    }
}

/// The office's active unions (for the strike form's choice).
pub fn office_unions(conn: &mut DbConn, actor: &Actor) -> Result<Vec<UnionRow>, Error> {
    actor.require(&RECORDERS)?;
    let (rows, _) = unions::list(conn, &actor.office_id, None, 0, 1000)?;
    Ok(rows.into_iter().filter(|u| u.status == "active").collect())
}

/// What the desk chooses when it opens a dispute case from a notice.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct OpenCaseInput {
    /// hak, kepentingan, phk or antar_sp.
    pub dispute_type: String,
}

/// Opens a dispute case from a strike or lock-out notice whose facilitation reached no
/// agreement (UU 13/2003 Ps 141(4): the problem goes on to dispute settlement). The case starts
/// as the desk's draft with the company, the union and the notice's reasons; the desk adds the
/// bipartite proof and files it. Opening again returns the case already opened.
pub fn open_case(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    id: &str,
    input: &OpenCaseInput,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<crate::cases::model::CaseRow, Error> {
    // Cases are filed at the desk (the head of division assigns them).
    actor.require(&[Role::Petugas])?;
    write_tx(conn, |conn| {
        let (notice, company) = office_notice(conn, actor, id)?;
        if let Some(case_id) = &notice.case_id {
            return crate::cases::model::find_any(conn, case_id)?.ok_or(Error::NotFound);
        }
        if outcome_of(&notice) != Some(Outcome::TidakSepakat) {
            return Err(Error::conflict(
                "notice_not_unsettled",
                "Perkara dibuka dari pemberitahuan yang fasilitasinya tidak mencapai kesepakatan.",
                "A case is opened from a notice whose facilitation reached no agreement.",
            ));
        }
        let kind = Kind::parse(&notice.kind).ok_or_else(|| Error::internal("unknown notice kind"))?;
        let union = match &notice.union_id {
            Some(u) => unions::find(conn, &actor.office_id, u)?.map(|u| u.name),
            None => None,
        };
        let signatories = rules::parse_signatories(&notice.signatories).unwrap_or_default();
        let party = signatories.first().map_or(notice.giver_name.clone(), |s| s.name.clone());
        let complaint = crate::cases::service::ComplaintInput {
            dispute_type: input.dispute_type.clone(),
            company_id: company.id.clone(),
            union_name: union.clone().unwrap_or_default(),
            chronology: format!(
                "{} nomor {} diterima {}. Fasilitasi Disnaker tidak mencapai kesepakatan{}.\n\nAlasan dalam pemberitahuan: {}",
                kind.label(Lang::Id),
                notice.receipt_number,
                Lang::Id.datetime_long(notice.received_at),
                if notice.outcome_note.is_empty() { String::new() } else { format!(": {}", notice.outcome_note) },
                notice.reasons
            ),
            demands: notice.reasons.clone(),
            workers: vec![crate::cases::service::WorkerInput { full_name: party.clone(), ..Default::default() }],
            contact_name: notice.giver_name.clone(),
            // The notice is a signed letter of the union or the employer, received by the office.
            identity_checked: true,
            consent_recorded: true,
            submission_key: format!("notice-{}", notice.id),
            submit: false,
            ..Default::default()
        };
        let case = crate::cases::service::file(conn, settings, actor, &complaint, today, now)?.case;
        model::set_case(conn, &notice.id, &case.id, now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "notice.case_opened",
                "stoppage_notice",
                &notice.id,
                format!("Perkara {} dibuka dari pemberitahuan {}", case.reference, notice.receipt_number),
            ),
            now,
        )?;
        Ok(case)
    })
}
