//! PP/PKB use cases: a company's representative (or the desk, for a paper file at the counter)
//! prepares and sends a submission; the desk reviews it against the checklist; the head issues
//! the SK Pengesahan or the registration letter; Harmoni applies the clocks that run out (lapse,
//! deemed ratification), warns before the 30 WD limit and reminds the company to renew. Each
//! change is one transaction with its history row, audit row, messages and the company's
//! standing.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use harmoni_templates::email::EmailKind;
use harmoni_templates::Lang;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::model::UserRow;
use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::calendar::data::DeadlineRule;
use crate::calendar::rules::{deadline_status, Calendar, Computation, DeadlineStatus};
use crate::companies::model::{self as companies, CompanyRow, Scope};
use crate::config::Settings;
use crate::db::{write_tx, DbConn};
use crate::documents::model::DocumentRow;
use crate::documents::service::{self as documents, Owner, Stored};
use crate::error::{Error, Problem};
use crate::notifications::service::{notify, Notification, Recipient};
use crate::regulations::model::{self, HistoryRow, RegulationRow, ReviewRow, SubmissionFilter, SubmissionRow};
use crate::regulations::rules::{
    self, Action, AdviceFrom, Clock, Dates, Facts, Gap, Instrument, Item, Kind, Purpose, Slot, Standing, Status,
};
use crate::sequences::{self, NumberParts};
use crate::unions::model::{self as unions, UnionRow};

/// Office staff who read submissions and regulations.
const READERS: [Role; 3] = [Role::Petugas, Role::Pimpinan, Role::Mediator];

/// `documents.owner_kind` of an external PP/PKB's decree (owner: the regulation).
pub const EXTERNAL_DOCUMENT: &str = "regulation_dokumen";
/// `documents.owner_kind` of the written agreement or evidence behind an extension.
pub const EXTENSION_DOCUMENT: &str = "regulation_perpanjangan";

/// What the actor may see: staff the office's submissions, a representative their companies'.
pub fn scope(actor: &Actor) -> Result<Scope, Error> {
    crate::companies::service::scope_for(actor, &READERS)
}

/// Whether the actor prepares and sends submissions (a representative, or the desk at the counter).
pub fn can_file(actor: &Actor) -> bool {
    matches!(actor.role, Role::Perusahaan | Role::Petugas)
}

fn invalid(p: Problem) -> Error {
    Error::Invalid(p)
}

fn kind_of(row: &SubmissionRow) -> Result<Kind, Error> {
    Kind::parse(&row.kind).ok_or_else(|| Error::internal(format!("submission {} has kind {}", row.id, row.kind)))
}

fn status_of(row: &SubmissionRow) -> Result<Status, Error> {
    Status::parse(&row.status)
        .ok_or_else(|| Error::internal(format!("submission {} has status {}", row.id, row.status)))
}

fn rule_of<'a>(settings: &'a Settings, code: &str) -> Result<&'a DeadlineRule, Error> {
    settings.deadline_rules.get(code).ok_or_else(|| Error::internal(format!("deadline rule {code} is not configured")))
}

/// The PP/PKB instruments of a company for the indicator (no authorisation: the standing and
/// the company profile, which are scoped by their callers).
pub fn instruments(conn: &mut DbConn, company_id: &str) -> Result<Vec<Instrument>, Error> {
    Ok(model::company_regulations(conn, company_id)?.iter().filter_map(instrument).collect())
}

/// The instruments of several companies, by company id.
pub fn instruments_of(
    conn: &mut DbConn,
    company_ids: &[&str],
) -> Result<std::collections::HashMap<String, Vec<Instrument>>, Error> {
    let mut out: std::collections::HashMap<String, Vec<Instrument>> = std::collections::HashMap::new();
    for r in model::regulations_of(conn, company_ids)? {
        if let Some(i) = instrument(&r) {
            out.entry(r.company_id.clone()).or_default().push(i);
        }
    }
    Ok(out)
}

fn instrument(r: &model::RegulationRow) -> Option<Instrument> {
    Some(Instrument { kind: Kind::parse(&r.kind)?, counts_from: r.counts_from(), ends_on: r.ends_on() })
}

/// A clock computed with the office calendar: rule, computation and where today stands.
#[derive(Debug, Clone)]
pub struct RunningDeadline {
    pub rule: DeadlineRule,
    pub computation: Computation,
    pub status: DeadlineStatus,
}

fn compute_clock(
    calendar: &Calendar,
    settings: &Settings,
    clock: Clock,
    today: NaiveDate,
) -> Result<RunningDeadline, Error> {
    let rule = rule_of(settings, clock.rule)?.clone();
    let computation = calendar.compute(clock.start, rule.days, rule.direction);
    let status = deadline_status(calendar, today, computation.due);
    Ok(RunningDeadline { rule, computation, status })
}

fn dates(row: &SubmissionRow) -> Dates {
    Dates {
        received_on: row.received_on,
        correction_notified_on: row.correction_notified_on,
        compliant_on: row.compliant_on,
    }
}

/// The clocks running on a submission today.
pub fn deadlines(
    calendar: &Calendar,
    settings: &Settings,
    row: &SubmissionRow,
    today: NaiveDate,
) -> Result<Vec<RunningDeadline>, Error> {
    let (kind, status) = (kind_of(row)?, status_of(row)?);
    rules::running_clocks(kind, status, dates(row))
        .into_iter()
        .map(|c| compute_clock(calendar, settings, c, today))
        .collect()
}

fn due(
    calendar: &Calendar,
    settings: &Settings,
    rule: &str,
    start: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, Error> {
    let Some(start) = start else { return Ok(None) };
    let rule = rule_of(settings, rule)?;
    Ok(Some(calendar.compute(start, rule.days, rule.direction).due))
}

/// The day the head and desk are warned that a PP will be deemed ratified: the configured
/// number of working days before the 30 WD limit.
pub fn deemed_warning_day(
    calendar: &Calendar,
    settings: &Settings,
    row: &SubmissionRow,
) -> Result<Option<NaiveDate>, Error> {
    if row.kind != Kind::Pp.as_str() {
        return Ok(None);
    }
    let outer = due(calendar, settings, "pp_batas_pengesahan", row.received_on)?;
    Ok(outer.map(|d| calendar.subtract_working_days(d, settings.regulations.deemed_warning_working_days).due))
}

/// The slots filled by at least one document, and the documents per slot (newest first).
fn slot_documents(conn: &mut DbConn, id: &str) -> Result<Vec<(Slot, Vec<DocumentRow>)>, Error> {
    let mut out = Vec::new();
    for slot in Slot::ALL {
        let mut docs = crate::documents::model::for_owners(conn, slot.owner_kind(), &[id.to_string()])?;
        docs.reverse();
        out.push((slot, docs));
    }
    Ok(out)
}

fn gaps_of(conn: &mut DbConn, settings: &Settings, row: &SubmissionRow) -> Result<Vec<Gap>, Error> {
    let kind = kind_of(row)?;
    let filled: Vec<Slot> =
        slot_documents(conn, &row.id)?.into_iter().filter(|(_, d)| !d.is_empty()).map(|(s, _)| s).collect();
    let unions = model::submission_unions(conn, &row.id)?.len();
    let term = row.pkb_starts_on.zip(row.pkb_term_months);
    Ok(rules::gaps(
        kind,
        settings.regulations.require_wage_scale,
        &filled,
        row.advice_from.as_deref().and_then(AdviceFrom::parse),
        unions,
        term,
    ))
}

fn facts(conn: &mut DbConn, calendar: &Calendar, settings: &Settings, row: &SubmissionRow) -> Result<Facts, Error> {
    let kind = kind_of(row)?;
    Ok(Facts {
        kind: Some(kind),
        status: Some(status_of(row)?),
        gaps: gaps_of(conn, settings, row)?.len(),
        items_required: Item::for_kind(kind, settings.regulations.require_wage_scale).len(),
        correction_due: due(calendar, settings, kind.correction_rule(), row.correction_notified_on)?,
        outer_due: match kind {
            Kind::Pp => due(calendar, settings, "pp_batas_pengesahan", row.received_on)?,
            Kind::Pkb => None,
        },
        ..Default::default()
    })
}

fn standing_of(conn: &mut DbConn, actor: &Actor, row: &SubmissionRow) -> Result<Standing, Error> {
    let is_representative =
        actor.role == Role::Perusahaan && companies::is_representative(conn, &row.company_id, &actor.user_id)?;
    Ok(Standing { role: actor.role, is_representative, is_system: false })
}

fn refusal(r: rules::Refusal) -> Error {
    if r.forbidden {
        Error::Forbidden
    } else {
        Error::Conflict(Problem { code: r.code, field: None, message: r.message })
    }
}

/// The messages of a step: to the company's representatives (when the office or Harmoni took
/// it) and to the desk (when the company sent something online).
#[expect(clippy::too_many_arguments, reason = "one message needs all of these")]
fn tell(
    conn: &mut DbConn,
    settings: &Settings,
    actor: Option<&Actor>,
    row: &SubmissionRow,
    company: &CompanyRow,
    from: Status,
    note: &dyn Fn(Lang) -> Option<String>,
    now: NaiveDateTime,
) -> Result<(), Error> {
    let kind = kind_of(row)?;
    let to = status_of(row)?;
    let path = format!("/pp-pkb/{}", row.id);
    let by_company = actor.is_some_and(|a| a.role == Role::Perusahaan);
    let mut recipients: Vec<UserRow> = Vec::new();
    if !by_company {
        recipients.extend(companies::representatives(conn, &company.id)?);
    } else if matches!(to, Status::Diajukan) {
        recipients.extend(model::office_users(conn, &row.office_id, &["petugas"])?);
    }
    for user in recipients.into_iter().filter(|u| u.status == "active") {
        let lang = Lang::parse(&user.language).unwrap_or_default();
        let kind_mail = EmailKind::StatusChanged {
            full_name: user.full_name.clone(),
            what: format!("{} {}", kind.short(), company.name),
            old_status: from.label(kind, lang).to_string(),
            new_status: to.label(kind, lang).to_string(),
            note: note(lang),
            link: Some(format!("{}{path}", settings.server.public_url)),
        };
        send(conn, settings, &row.office_id, &user, kind_mail, ("regulation_submission", &row.id), &path, now)?;
    }
    Ok(())
}

/// The message to the office's head and desk (the warning before, and the fact of, a deemed
/// ratification).
fn tell_office(
    conn: &mut DbConn,
    settings: &Settings,
    row: &SubmissionRow,
    company: &CompanyRow,
    change: (Status, Status),
    note: &dyn Fn(Lang) -> String,
    now: NaiveDateTime,
) -> Result<(), Error> {
    let kind = kind_of(row)?;
    let path = format!("/pp-pkb/{}", row.id);
    for user in model::office_users(conn, &row.office_id, &["pimpinan", "petugas"])? {
        let lang = Lang::parse(&user.language).unwrap_or_default();
        let mail = EmailKind::StatusChanged {
            full_name: user.full_name.clone(),
            what: format!("{} {}", kind.short(), company.name),
            old_status: change.0.label(kind, lang).into(),
            new_status: change.1.label(kind, lang).into(),
            note: Some(note(lang)),
            link: Some(format!("{}{path}", settings.server.public_url)),
        };
        send(conn, settings, &row.office_id, &user, mail, ("regulation_submission", &row.id), &path, now)?;
    }
    Ok(())
}

#[expect(clippy::too_many_arguments, reason = "one message needs all of these")]
fn send(
    conn: &mut DbConn,
    settings: &Settings,
    office_id: &str,
    user: &UserRow,
    kind: EmailKind,
    entity: (&'static str, &str),
    path: &str,
    now: NaiveDateTime,
) -> Result<(), Error> {
    let recipient = Recipient {
        user_id: Some(user.id.clone()),
        email: user.email.clone(),
        name: user.full_name.clone(),
        language: Lang::parse(&user.language).unwrap_or_default(),
    };
    let n = Notification {
        kind,
        entity: Some((entity.0, entity.1.to_string())),
        attachments: Vec::new(),
        link: Some(path.to_string()),
    };
    notify(conn, &settings.mail, office_id, &recipient, &n, now)?;
    Ok(())
}

#[expect(clippy::too_many_arguments, reason = "a history row has all of these")]
fn write_history(
    conn: &mut DbConn,
    actor: Option<&Actor>,
    row: &SubmissionRow,
    action: Action,
    from: Status,
    effective_on: NaiveDate,
    note: Option<String>,
    now: NaiveDateTime,
) -> Result<(), Error> {
    model::insert_history(
        conn,
        &HistoryRow {
            id: uuid::Uuid::now_v7().to_string(),
            submission_id: row.id.clone(),
            action: action.code().into(),
            from_status: from.as_str().into(),
            to_status: row.status.clone(),
            effective_on,
            actor_user_id: actor.map(|a| a.user_id.clone()),
            actor_role: actor.map_or("system", |a| a.role.as_str()).into(),
            note,
            created_at: now,
        },
    )?;
    Ok(())
}

fn company_of(conn: &mut DbConn, row: &SubmissionRow) -> Result<CompanyRow, Error> {
    companies::find_any(conn, &row.company_id)?.ok_or_else(|| Error::internal("submission without its company"))
}

/// The company a form names, within what the actor may see (`companies::service::resolve`).
fn resolve_company(conn: &mut DbConn, actor: &Actor, company_id: &str, nib: &str) -> Result<CompanyRow, Error> {
    crate::companies::service::resolve(conn, &scope(actor)?, &actor.office_id, company_id, nib)
}

/// A submission as typed on the form or sent to the API (all text, checked here).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct SubmissionInput {
    /// pp or pkb.
    pub kind: String,
    /// The company, by id (representatives choose among theirs) or by NIB (the desk).
    #[serde(default)]
    pub company_id: String,
    #[serde(default)]
    pub nib: String,
    /// baru, pembaruan or perubahan.
    #[serde(default)]
    pub purpose: String,
    /// The PP/PKB renewed or amended (a regulation id), if Harmoni knows it.
    #[serde(default)]
    pub replaces_id: String,
    #[serde(flatten)]
    pub details: DetailsInput,
}

/// What a draft can still change: whose advice was asked (PP), the PKB's parties and term.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DetailsInput {
    /// PP: serikat, wakil_pekerja or tidak_ada.
    #[serde(default)]
    pub advice_from: String,
    /// PKB: start date (YYYY-MM-DD) and term in months (1 to 24).
    #[serde(default)]
    pub pkb_starts_on: String,
    #[serde(default)]
    pub pkb_term_months: String,
    /// PKB: the registered unions party to it (ids from /api/v1/unions).
    #[serde(default)]
    pub union_ids: Vec<String>,
}

/// Checks the details into the row and returns the union ids to store.
fn apply_details(
    conn: &mut DbConn,
    actor: &Actor,
    kind: Kind,
    input: &DetailsInput,
    row: &mut SubmissionRow,
) -> Result<Vec<String>, Error> {
    match kind {
        Kind::Pp => {
            row.advice_from = match input.advice_from.trim() {
                "" => None,
                raw => Some(
                    AdviceFrom::parse(raw)
                        .ok_or_else(|| {
                            Error::invalid(
                                "invalid_advice_from",
                                "advice_from",
                                "Pilih dari siapa saran diminta: serikat pekerja, wakil pekerja, atau pernyataan tidak ada.",
                                "Choose whose advice was asked: the union, worker representatives, or a statement that there are none.",
                            )
                        })?
                        .as_str()
                        .into(),
                ),
            };
            Ok(Vec::new())
        }
        Kind::Pkb => {
            row.pkb_starts_on = match input.pkb_starts_on.trim() {
                "" => None,
                raw => Some(crate::calendar::service::parse_date(raw, "pkb_starts_on")?),
            };
            row.pkb_term_months = match input.pkb_term_months.trim() {
                "" => None,
                raw => {
                    let months: i32 = raw.parse().map_err(|_| {
                        Error::invalid(
                            "invalid_term",
                            "pkb_term_months",
                            "Jangka waktu ditulis dalam bulan, 1 sampai 24.",
                            "The term is a number of months, 1 to 24.",
                        )
                    })?;
                    rules::check_pkb_term(months).map_err(invalid)?;
                    Some(months)
                }
            };
            let mut ids: Vec<String> =
                input.union_ids.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
            ids.sort();
            ids.dedup();
            for id in &ids {
                let union = unions::find(conn, &actor.office_id, id)?.ok_or_else(|| {
                    Error::invalid(
                        "unknown_union",
                        "union_ids",
                        "Serikat pekerja itu tidak tercatat di kantor ini.",
                        "That union is not registered at this office.",
                    )
                })?;
                if union.status != "active" {
                    return Err(Error::invalid(
                        "union_inactive",
                        "union_ids",
                        "Serikat pekerja itu tidak aktif lagi.",
                        "That union is no longer active.",
                    ));
                }
            }
            Ok(ids)
        }
    }
}

/// Starts a draft submission for a company.
pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    input: &SubmissionInput,
    now: NaiveDateTime,
) -> Result<SubmissionRow, Error> {
    scope(actor)?;
    if !can_file(actor) {
        return Err(Error::Forbidden);
    }
    let kind = Kind::parse(input.kind.trim()).ok_or_else(|| {
        Error::invalid(
            "invalid_kind",
            "kind",
            "Pilih jenis: Peraturan Perusahaan (PP) atau Perjanjian Kerja Bersama (PKB).",
            "Choose the kind: company regulation (PP) or collective agreement (PKB).",
        )
    })?;
    let purpose = match input.purpose.trim() {
        "" => Purpose::Baru,
        raw => Purpose::parse(raw).ok_or_else(|| {
            Error::invalid(
                "invalid_purpose",
                "purpose",
                "Pilih maksud pengajuan: baru, pembaruan, atau perubahan.",
                "Choose the purpose: new, renewal or amendment.",
            )
        })?,
    };
    write_tx(conn, |conn| {
        let company = resolve_company(conn, actor, &input.company_id, &input.nib)?;
        if company.footprint != "kota" {
            // Permenaker 28/2014: a company in several kab/kota goes to the province, in several
            // provinces to the ministry; the register says where it operates.
            return Err(Error::invalid(
                "other_jurisdiction",
                "company_id",
                "Menurut register, perusahaan ini beroperasi di lebih dari satu kabupaten/kota: PP-nya disahkan dan PKB-nya didaftarkan oleh provinsi (atau kementerian bila lintas provinsi). Catat PP/PKB-nya sebagai PP/PKB dari instansi lain.",
                "The register says this company operates in several kab/kota: its PP or PKB goes to the province (or the ministry across provinces). Record it as issued elsewhere.",
            ));
        }
        let replaces_id = match input.replaces_id.trim() {
            "" => None,
            id => {
                let old = model::find_regulation(conn, &scope(actor)?, id)?
                    .filter(|r| r.company_id == company.id && r.kind == kind.as_str())
                    .ok_or_else(|| {
                        Error::invalid(
                            "unknown_regulation",
                            "replaces_id",
                            "PP/PKB yang diperbarui tidak ditemukan untuk perusahaan ini.",
                            "The PP/PKB being renewed is not known for this company.",
                        )
                    })?;
                Some(old.id)
            }
        };
        let mut row = SubmissionRow {
            id: uuid::Uuid::new_v4().to_string(),
            office_id: actor.office_id.clone(),
            company_id: company.id.clone(),
            kind: kind.as_str().into(),
            purpose: purpose.as_str().into(),
            status: Status::Draf.as_str().into(),
            replaces_id,
            advice_from: None,
            pkb_starts_on: None,
            pkb_term_months: None,
            received_on: None,
            first_received_on: None,
            received_via: None,
            correction_notified_on: None,
            compliant_on: None,
            decided_on: None,
            deemed_warned_on: None,
            created_by: Some(actor.user_id.clone()),
            created_at: now,
            updated_at: now,
        };
        let union_ids = apply_details(conn, actor, kind, &input.details, &mut row)?;
        model::insert_submission(conn, &row)?;
        model::set_submission_unions(conn, &row.id, &union_ids)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "regulation.create",
                "regulation_submission",
                &row.id,
                format!("Draf pengajuan {} ({}) {}", kind.short(), purpose.as_str(), company.name),
            ),
            now,
        )?;
        Ok(row)
    })
}

/// Loads a submission the actor may change as its filer (in draft or awaiting correction).
fn editable(conn: &mut DbConn, actor: &Actor, id: &str) -> Result<SubmissionRow, Error> {
    let row = model::find_submission(conn, &scope(actor)?, id)?.ok_or(Error::NotFound)?;
    let who = standing_of(conn, actor, &row)?;
    if !(who.is_representative || actor.role == Role::Petugas) {
        return Err(Error::Forbidden);
    }
    if !matches!(status_of(&row)?, Status::Draf | Status::Perbaikan) {
        return Err(Error::conflict(
            "not_editable",
            "Berkas hanya dapat diubah selagi draf atau dalam perbaikan.",
            "The file can only be changed while a draft or under correction.",
        ));
    }
    Ok(row)
}

/// Changes a draft's details (whose advice was asked, the PKB's parties and term).
pub fn update_details(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    input: &DetailsInput,
    now: NaiveDateTime,
) -> Result<SubmissionRow, Error> {
    write_tx(conn, |conn| {
        model::lock_submission(conn, id)?;
        let mut row = editable(conn, actor, id)?;
        let kind = kind_of(&row)?;
        let union_ids = apply_details(conn, actor, kind, input, &mut row)?;
        row.updated_at = now;
        model::update_submission(conn, &row)?;
        if kind == Kind::Pkb {
            model::set_submission_unions(conn, &row.id, &union_ids)?;
        }
        record(
            conn,
            &AuditEntry::by(actor, "regulation.update", "regulation_submission", &row.id, "Data pengajuan diubah"),
            now,
        )?;
        Ok(row)
    })
}

/// Keeps an uploaded document in one of the submission's slots.
pub fn attach(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    slot: &str,
    stored: &Stored,
    now: NaiveDateTime,
) -> Result<DocumentRow, Error> {
    write_tx(conn, |conn| {
        model::lock_submission(conn, id)?;
        let row = editable(conn, actor, id)?;
        let kind = kind_of(&row)?;
        let slot = Slot::parse(slot)
            // The slots with the wage scale required: a PP may carry it where it is not required.
            .filter(|s| Slot::required(kind, true).contains(s))
            .ok_or_else(|| {
                Error::invalid(
                    "invalid_slot",
                    "slot",
                    "Jenis dokumen itu tidak dipakai untuk pengajuan ini.",
                    "That kind of document does not belong to this submission.",
                )
            })?;
        let owner = Owner { kind: slot.owner_kind(), id: &row.id, company_id: Some(&row.company_id) };
        documents::attach(
            conn,
            actor,
            owner,
            stored,
            ("regulation_submission", &row.id),
            format!("{} {}", kind.short(), slot.label(kind, Lang::Id)),
            now,
        )
    })
}

/// One item of the desk's checklist as answered.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ReviewItemInput {
    /// Item code (see the submission's `checklist`).
    pub item: String,
    pub met: bool,
    /// Why it is not met (required then).
    #[serde(default)]
    pub reason: String,
}

/// A step as asked on a page or through the API.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct StepInput {
    /// submit, resubmit, correction, compliant, decide or withdraw.
    pub action: String,
    /// Submit/resubmit by the desk: the day the paper file was received (YYYY-MM-DD; empty: today).
    #[serde(default)]
    pub received_on: String,
    /// Correction and compliant: every checklist item.
    #[serde(default)]
    pub items: Vec<ReviewItemInput>,
    /// Free note kept with the step (the correction notice's covering words, a withdrawal's reason).
    #[serde(default)]
    pub note: String,
}

/// Takes a step on a submission: clocks that ran out are applied first, then the rules decide.
pub fn take_step(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    input: &StepInput,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<SubmissionRow, Error> {
    let action = Action::parse(input.action.trim())
        .filter(|a| !a.is_automatic())
        .ok_or_else(|| Error::invalid("invalid_action", "action", "Langkah tidak dikenal.", "Unknown step."))?;
    let note = crate::input::text(&input.note, "note", 0, 5_000).map_err(invalid)?;
    write_tx(conn, |conn| {
        model::lock_submission(conn, id)?;
        let row = model::find_submission(conn, &scope(actor)?, id)?.ok_or(Error::NotFound)?;
        let calendar = crate::calendar::service::load(conn, &row.office_id)?;
        let mut row = apply_clocks(conn, &calendar, settings, row, today, now)?;
        let kind = kind_of(&row)?;
        let from = status_of(&row)?;
        let mut facts = facts(conn, &calendar, settings, &row)?;
        let mut review_rows = Vec::new();
        if matches!(action, Action::Correction | Action::Compliant) {
            let items = Item::for_kind(kind, settings.regulations.require_wage_scale);
            let round = model::reviews(conn, &row.id)?.iter().map(|r| r.round).max().unwrap_or(0) + 1;
            for answer in &input.items {
                let item = Item::parse(answer.item.trim()).filter(|i| items.contains(i)).ok_or_else(|| {
                    Error::invalid(
                        "unknown_item",
                        "items",
                        "Butir daftar periksa tidak dikenal untuk jenis berkas ini.",
                        "Unknown checklist item for this kind of file.",
                    )
                })?;
                if review_rows.iter().any(|r: &ReviewRow| r.item == item.code()) {
                    continue;
                }
                let reason = crate::input::text(&answer.reason, "items", 0, 2_000).map_err(invalid)?;
                if !answer.met && reason.is_empty() {
                    facts.unmet_without_reason = true;
                }
                facts.items_unmet += usize::from(!answer.met);
                review_rows.push(ReviewRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    submission_id: row.id.clone(),
                    round,
                    item: item.code().into(),
                    met: answer.met,
                    reason,
                    reviewed_by: actor.user_id.clone(),
                    reviewed_on: today,
                    created_at: now,
                });
            }
            facts.items_answered = review_rows.len();
        }
        let who = standing_of(conn, actor, &row)?;
        let to = rules::decide(&facts, action, who, today).map_err(refusal)?;
        let company = company_of(conn, &row)?;
        let mut effective = today;
        let mut summary = action.label(kind, Lang::Id).to_string();
        match action {
            Action::Submit | Action::Resubmit => {
                let received_on = match input.received_on.trim() {
                    "" => today,
                    _ if actor.role == Role::Perusahaan => today,
                    raw => crate::input::past_date(raw, "received_on", today)?,
                };
                row.received_on = Some(received_on);
                row.first_received_on = row.first_received_on.or(Some(received_on));
                row.received_via = Some(if actor.role == Role::Perusahaan { "daring" } else { "loket" }.into());
                row.deemed_warned_on = None;
                effective = received_on;
                summary = format!("{summary}: diterima {}", Lang::Id.date_long(received_on));
            }
            Action::Correction => {
                model::insert_reviews(conn, &review_rows)?;
                row.correction_notified_on = Some(today);
                let unmet: Vec<String> =
                    review_rows.iter().filter(|r| !r.met).map(|r| format!("{} ({})", r.item, r.reason)).collect();
                summary = format!("{summary}: {}", unmet.join("; "));
            }
            Action::Compliant => {
                model::insert_reviews(conn, &review_rows)?;
                row.compliant_on = Some(today);
            }
            Action::Decide => {
                let reg = issue_decision(conn, actor, settings, &row, kind, today, now)?;
                row.decided_on = Some(today);
                summary =
                    format!("{summary}: nomor {}, berlaku {} s.d. {}", reg.number, reg.valid_from, reg.valid_until);
            }
            Action::Withdraw | Action::Lapse | Action::DeemRatified => {}
        }
        row.status = to.as_str().into();
        row.updated_at = now;
        model::update_submission(conn, &row)?;
        let note = (!note.is_empty()).then_some(note.clone());
        write_history(conn, Some(actor), &row, action, from, effective, note.clone(), now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                action.audit_code(),
                "regulation_submission",
                &row.id,
                format!("{} {}: {summary}", kind.short(), company.name),
            ),
            now,
        )?;
        let words = step_words(conn, &calendar, settings, &row, action, today)?;
        tell(conn, settings, Some(actor), &row, &company, from, &|l| words(l, note.as_deref()), now)?;
        if action == Action::Decide {
            crate::companies::standing::refresh(conn, settings, &company, today)?;
        }
        Ok(row)
    })
}

/// The explanation a message carries for a step, in the reader's language.
fn step_words(
    conn: &mut DbConn,
    calendar: &Calendar,
    settings: &Settings,
    row: &SubmissionRow,
    action: Action,
    today: NaiveDate,
) -> Result<impl Fn(Lang, Option<&str>) -> Option<String>, Error> {
    let kind = kind_of(row)?;
    let correction_due = due(calendar, settings, kind.correction_rule(), row.correction_notified_on)?;
    let unmet: Vec<(Item, String)> = model::reviews(conn, &row.id)?
        .into_iter()
        .filter(|r| !r.met && r.reviewed_on == today)
        .filter_map(|r| Some((Item::parse(&r.item)?, r.reason)))
        .collect();
    let regulation = model::regulation_of_submission(conn, &row.id)?;
    Ok(move |l: Lang, note: Option<&str>| {
        let mut out = match (action, l) {
            (Action::Correction, _) => {
                let list: Vec<String> = unmet.iter().map(|(i, reason)| format!("- {}: {reason}", i.label(l))).collect();
                let due = correction_due.map(|d| l.date_long(d)).unwrap_or_default();
                Some(match l {
                    Lang::Id => format!("Yang perlu diperbaiki:\n{}\nAjukan kembali paling lambat {due} (14 hari kerja); sesudah itu proses dimulai dari awal.", list.join("\n")),
                    Lang::En => format!("To be corrected:\n{}\nResubmit by {due} (14 working days); after that the process starts over.", list.join("\n")),
                })
            }
            (Action::Decide | Action::DeemRatified, _) => regulation.as_ref().map(|r| match l {
                Lang::Id => format!(
                    "{}{} berlaku {} sampai {}.",
                    if r.number.is_empty() { String::new() } else { format!("Nomor {}, ", r.number) },
                    kind.short(),
                    l.date_long(r.valid_from),
                    l.date_long(r.valid_until)
                ),
                Lang::En => format!(
                    "{}the {} is valid from {} to {}.",
                    if r.number.is_empty() { String::new() } else { format!("Number {}; ", r.number) },
                    kind.short(),
                    l.date_long(r.valid_from),
                    l.date_long(r.valid_until)
                ),
            }),
            _ => None,
        };
        if let Some(n) = note.filter(|n| !n.is_empty()) {
            out = Some(match out {
                Some(o) => format!("{o}\n\n{n}"),
                None => n.to_string(),
            });
        }
        out
    })
}

/// Issues the SK Pengesahan PP or the PKB registration letter: a number from the yearly
/// sequence and the regulation in force with its validity.
fn issue_decision(
    conn: &mut DbConn,
    actor: &Actor,
    settings: &Settings,
    row: &SubmissionRow,
    kind: Kind,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<RegulationRow, Error> {
    let year = chrono::Datelike::year(&today);
    let seq = sequences::next(conn, &row.office_id, kind.number_series(), year)?;
    let g = &settings.regulations;
    let (classification, unit) = match kind {
        Kind::Pp => (&g.pp_classification, &g.pp_unit),
        Kind::Pkb => (&g.pkb_classification, &g.pkb_unit),
    };
    let number = sequences::letter_number(&NumberParts {
        pattern: &g.number_pattern,
        classification,
        unit,
        sequence: seq as i64,
        sequence_width: g.sequence_width,
        date: today,
    });
    let (valid_from, valid_until) = match kind {
        Kind::Pp => (today, rules::pp_valid_until(today)),
        Kind::Pkb => {
            let start = row.pkb_starts_on.ok_or_else(|| Error::internal("a compliant PKB without its start"))?;
            let term = row.pkb_term_months.ok_or_else(|| Error::internal("a compliant PKB without its term"))?;
            (start, rules::pkb_valid_until(start, term as u32))
        }
    };
    let office = crate::offices::model::find(conn, &row.office_id)?;
    let reg = RegulationRow {
        id: uuid::Uuid::new_v4().to_string(),
        office_id: row.office_id.clone(),
        company_id: row.company_id.clone(),
        kind: kind.as_str().into(),
        origin: match kind {
            Kind::Pp => "sk",
            Kind::Pkb => "pendaftaran",
        }
        .into(),
        submission_id: Some(row.id.clone()),
        number,
        number_year: Some(year),
        number_seq: Some(seq),
        issuer_level: "kabkota".into(),
        issuer_name: office.name,
        issued_on: today,
        valid_from,
        valid_until,
        extended_until: None,
        extended_on: None,
        extension_note: String::new(),
        renewal_reminded_on: None,
        signed_by: Some(actor.user_id.clone()),
        created_by: Some(actor.user_id.clone()),
        created_at: now,
        updated_at: now,
    };
    model::insert_regulation(conn, &reg)?;
    Ok(reg)
}

/// Applies Harmoni's own steps that are due (a lapsed correction, a deemed ratification) and
/// the warning before the 30 WD limit; inside the caller's transaction, the row locked.
fn apply_clocks(
    conn: &mut DbConn,
    calendar: &Calendar,
    settings: &Settings,
    mut row: SubmissionRow,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<SubmissionRow, Error> {
    let kind = kind_of(&row)?;
    let from = status_of(&row)?;
    let f = facts(conn, calendar, settings, &row)?;
    let (action, due) = match from {
        Status::Perbaikan => (Action::Lapse, f.correction_due),
        Status::MemenuhiSyarat if kind == Kind::Pp => (Action::DeemRatified, f.outer_due),
        _ => (Action::Withdraw, None),
    };
    if let (Some(due), Ok(to)) = (due, rules::decide(&f, action, Standing::SYSTEM, today)) {
        let effective = due + Duration::days(1);
        let company = company_of(conn, &row)?;
        let note = match action {
            Action::Lapse => format!(
                "Batas pengajuan kembali {} terlewati; proses dimulai dari awal ({}).",
                Lang::Id.date_long(due),
                rule_of(settings, kind.correction_rule())?.legal_basis
            ),
            _ => {
                let reg = deem_ratified(conn, &row, effective, now)?;
                row.decided_on = Some(effective);
                format!(
                    "Tidak ada SK sampai batas 30 hari kerja {}: dianggap disahkan sejak {}, berlaku s.d. {} ({}).",
                    Lang::Id.date_long(due),
                    Lang::Id.date_long(effective),
                    Lang::Id.date_long(reg.valid_until),
                    rule_of(settings, "pp_batas_pengesahan")?.legal_basis
                )
            }
        };
        row.status = to.as_str().into();
        row.updated_at = now;
        model::update_submission(conn, &row)?;
        write_history(conn, None, &row, action, from, effective, Some(note.clone()), now)?;
        record(
            conn,
            &AuditEntry::system(&row.office_id, action.audit_code(), "regulation_submission", &row.id, note.clone()),
            now,
        )?;
        let words = step_words(conn, calendar, settings, &row, action, today)?;
        tell(conn, settings, None, &row, &company, from, &|l| words(l, None), now)?;
        if action == Action::DeemRatified {
            tell_office(conn, settings, &row, &company, (from, to), &|_| note.clone(), now)?;
            crate::companies::standing::refresh(conn, settings, &company, today)?;
        }
        return Ok(row);
    }
    // The warning before deemed ratification: once per receipt, to the head and the desk.
    if kind == Kind::Pp && matches!(from, Status::Diajukan | Status::MemenuhiSyarat) && row.deemed_warned_on.is_none() {
        if let (Some(warn_on), Some(limit)) = (deemed_warning_day(calendar, settings, &row)?, f.outer_due) {
            if today >= warn_on && today <= limit {
                let company = company_of(conn, &row)?;
                let summary = format!(
                    "Peringatan: PP {} akan dianggap disahkan bila tidak ada SK sampai {}",
                    company.name,
                    Lang::Id.date_long(limit)
                );
                let note = |lang: Lang| {
                    match lang {
                    Lang::Id => format!(
                        "Batas 30 hari kerja sejak naskah diterima jatuh pada {}. PP yang memenuhi syarat tanpa SK Pengesahan sampai hari itu dianggap disahkan (UU 13/2003 Pasal 112 ayat (2)); periksa dan putuskan sebelumnya.",
                        lang.date_long(limit)
                    ),
                    Lang::En => format!(
                        "The 30 working-day limit from receipt falls on {}. A compliant PP without a ratification decree by then is deemed ratified (UU 13/2003 Ps 112(2)); review and decide before.",
                        lang.date_long(limit)
                    ),
                }
                };
                tell_office(conn, settings, &row, &company, (from, from), &note, now)?;
                row.deemed_warned_on = Some(today);
                model::update_submission(conn, &row)?;
                record(
                    conn,
                    &AuditEntry::system(
                        &row.office_id,
                        "regulation.deemed_warning",
                        "regulation_submission",
                        &row.id,
                        summary,
                    ),
                    now,
                )?;
            }
        }
    }
    Ok(row)
}

/// Records a deemed ratification: valid from the day after the limit, for two years.
fn deem_ratified(
    conn: &mut DbConn,
    row: &SubmissionRow,
    effective: NaiveDate,
    now: NaiveDateTime,
) -> Result<RegulationRow, Error> {
    let office = crate::offices::model::find(conn, &row.office_id)?;
    let reg = RegulationRow {
        id: uuid::Uuid::new_v4().to_string(),
        office_id: row.office_id.clone(),
        company_id: row.company_id.clone(),
        kind: Kind::Pp.as_str().into(),
        origin: "dianggap".into(),
        submission_id: Some(row.id.clone()),
        number: String::new(),
        number_year: None,
        number_seq: None,
        issuer_level: "kabkota".into(),
        issuer_name: office.name,
        issued_on: effective,
        valid_from: effective,
        valid_until: rules::pp_valid_until(effective),
        extended_until: None,
        extended_on: None,
        extension_note: String::new(),
        renewal_reminded_on: None,
        signed_by: None,
        created_by: None,
        created_at: now,
        updated_at: now,
    };
    model::insert_regulation(conn, &reg)?;
    Ok(reg)
}

/// Applies due clocks to one submission in its own transaction (before it is shown).
fn run_clocks(
    conn: &mut DbConn,
    settings: &Settings,
    id: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<(), Error> {
    write_tx(conn, |conn| {
        model::lock_submission(conn, id)?;
        let Some(row) = model::find_submission_any(conn, id)? else { return Ok(()) };
        let calendar = crate::calendar::service::load(conn, &row.office_id)?;
        apply_clocks(conn, &calendar, settings, row, today, now)?;
        Ok(())
    })
}

/// The housekeeping round: every submission waiting on a clock, then the renewal reminders.
pub fn sweep(conn: &mut DbConn, settings: &Settings, today: NaiveDate, now: NaiveDateTime) -> Result<usize, Error> {
    let mut changed = 0;
    for id in model::awaiting_clock(conn)? {
        let before = model::find_submission_any(conn, &id)?.map(|r| (r.status, r.deemed_warned_on));
        run_clocks(conn, settings, &id, today, now)?;
        let after = model::find_submission_any(conn, &id)?.map(|r| (r.status, r.deemed_warned_on));
        changed += usize::from(before != after);
    }
    changed += remind_renewals(conn, settings, today, now)?;
    Ok(changed)
}

/// The day the renewal reminder goes out: the renewal rule's working days before the last
/// valid day (UU 13/2003, Permenaker 28/2014: apply at least 30 WD before expiry).
pub fn renewal_day(
    calendar: &Calendar,
    settings: &Settings,
    reg: &RegulationRow,
    today: NaiveDate,
) -> Result<Option<RunningDeadline>, Error> {
    let Some(kind) = Kind::parse(&reg.kind) else { return Ok(None) };
    let clock = Clock { rule: kind.renewal_rule(), start: reg.ends_on() };
    Ok(Some(compute_clock(calendar, settings, clock, today)?))
}

/// Sends the renewal reminders that are due, once per regulation (and again after an extension).
fn remind_renewals(
    conn: &mut DbConn,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<usize, Error> {
    let mut sent = 0;
    // 30 working days are at most about 60 calendar days even across Idul Fitri.
    for reg in model::renewal_candidates(conn, today, today + Duration::days(120))? {
        if reg.ends_on() < today {
            continue;
        }
        let calendar = crate::calendar::service::load(conn, &reg.office_id)?;
        let Some(day) = renewal_day(&calendar, settings, &reg, today)? else { continue };
        if today < day.computation.due {
            continue;
        }
        write_tx(conn, |conn| {
            let Some(mut fresh) = model::find_regulation(conn, &Scope::Office(reg.office_id.clone()), &reg.id)? else {
                return Ok(());
            };
            if fresh.renewal_reminded_on.is_some() {
                return Ok(());
            }
            let kind = Kind::parse(&fresh.kind).unwrap_or(Kind::Pp);
            let company = companies::find_any(conn, &fresh.company_id)?.ok_or_else(|| Error::internal("no company"))?;
            // Already renewed, or a renewal is under way: nothing to remind of.
            let successor = model::company_regulations(conn, &fresh.company_id)?
                .into_iter()
                .any(|r| r.id != fresh.id && r.ends_on() > fresh.ends_on());
            let pending = model::open_submissions(conn, &Scope::Office(fresh.office_id.clone()))?
                .into_iter()
                .any(|s| s.company_id == fresh.company_id && s.kind == fresh.kind);
            fresh.renewal_reminded_on = Some(today);
            fresh.updated_at = now;
            model::update_regulation(conn, &fresh)?;
            let summary = if successor || pending {
                format!(
                    "Pengingat pembaruan {} {} tidak dikirim: sudah diperbarui atau sedang diajukan",
                    kind.short(),
                    company.name
                )
            } else {
                for user in companies::representatives(conn, &company.id)?.into_iter().filter(|u| u.status == "active")
                {
                    let lang = Lang::parse(&user.language).unwrap_or_default();
                    let end = fresh.ends_on();
                    let mail = EmailKind::StatusChanged {
                        full_name: user.full_name.clone(),
                        what: format!("{} {}", kind.short(), company.name),
                        old_status: lang.t("Berlaku", "In force").into(),
                        new_status: lang.t("Segera berakhir: ajukan pembaruan", "Expiring soon: apply to renew").into(),
                        note: Some(match lang {
                            Lang::Id => format!(
                                "{} Anda berlaku sampai {}. Permohonan pembaruan diajukan paling lambat {} ({} hari kerja sebelum berakhir; {}). Ajukan di Harmoni: PP/PKB > Pengajuan baru > Pembaruan.",
                                kind.short(), lang.date_long(end), lang.date_long(day.computation.due), day.rule.days, day.rule.legal_basis
                            ),
                            Lang::En => format!(
                                "Your {} is valid until {}. Apply to renew by {} ({} working days before it ends; {}). Apply in Harmoni: PP/PKB > New submission > Renewal.",
                                kind.short(), lang.date_long(end), lang.date_long(day.computation.due), day.rule.days, day.rule.legal_basis
                            ),
                        }),
                        link: Some(format!("{}/pp-pkb/baru?jenis={}&perusahaan_id={}&maksud=pembaruan", settings.server.public_url, kind.as_str(), company.id)),
                    };
                    send(conn, settings, &fresh.office_id, &user, mail, ("regulation", &fresh.id), "/pp-pkb", now)?;
                }
                sent += 1;
                format!(
                    "Pengingat pembaruan {} {} dikirim: berakhir {}, ajukan paling lambat {}",
                    kind.short(),
                    company.name,
                    fresh.ends_on(),
                    day.computation.due
                )
            };
            record(
                conn,
                &AuditEntry::system(&fresh.office_id, "regulation.renewal_reminder", "regulation", &fresh.id, summary),
                now,
            )?;
            Ok(())
        })?;
    }
    Ok(sent)
}

/// A submission with everything its page shows.
#[derive(Debug, Clone)]
pub struct Detail {
    pub row: SubmissionRow,
    pub kind: Kind,
    pub status: Status,
    pub company: CompanyRow,
    pub documents: Vec<(Slot, Vec<DocumentRow>)>,
    pub unions: Vec<UnionRow>,
    pub gaps: Vec<Gap>,
    pub deadlines: Vec<RunningDeadline>,
    /// The day the head and desk are (or were) warned before deemed ratification.
    pub deemed_warning_on: Option<NaiveDate>,
    /// Every review round, oldest first.
    pub reviews: Vec<ReviewRow>,
    pub history: Vec<(HistoryRow, Option<String>)>,
    pub regulation: Option<RegulationRow>,
    pub offered: Vec<Action>,
    /// The checklist the desk answers for this kind.
    pub checklist: Vec<Item>,
    /// The actor may change the details and documents now.
    pub can_edit: bool,
    /// The office's active unions (for the PKB's parties), when the actor may edit.
    pub office_unions: Vec<UnionRow>,
    pub required_slots: Vec<Slot>,
    /// The office, for letters.
    pub office: crate::offices::model::Office,
    /// Who signed the decree or letter.
    pub signer_name: Option<String>,
}

/// A submission the actor may see, with its clocks applied as of today.
pub fn detail(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Detail, Error> {
    let scope = scope(actor)?;
    model::find_submission(conn, &scope, id)?.ok_or(Error::NotFound)?;
    run_clocks(conn, settings, id, today, now)?;
    let row = model::find_submission(conn, &scope, id)?.ok_or(Error::NotFound)?;
    let (kind, status) = (kind_of(&row)?, status_of(&row)?);
    let calendar = crate::calendar::service::load(conn, &row.office_id)?;
    let company = company_of(conn, &row)?;
    let who = standing_of(conn, actor, &row)?;
    let f = facts(conn, &calendar, settings, &row)?;
    let can_edit =
        (who.is_representative || actor.role == Role::Petugas) && matches!(status, Status::Draf | Status::Perbaikan);
    let office_unions = if can_edit && kind == Kind::Pkb {
        unions::list(conn, &row.office_id, None, 0, 500)?.0.into_iter().filter(|u| u.status == "active").collect()
    } else {
        Vec::new()
    };
    let regulation = model::regulation_of_submission(conn, &row.id)?;
    let signer_name = match regulation.as_ref().and_then(|r| r.signed_by.clone()) {
        Some(id) => Some(crate::accounts::model::find_user(conn, &id)?.full_name),
        None => None,
    };
    Ok(Detail {
        office: crate::offices::model::find(conn, &row.office_id)?,
        signer_name,
        documents: slot_documents(conn, &row.id)?,
        unions: model::submission_unions(conn, &row.id)?,
        gaps: gaps_of(conn, settings, &row)?,
        deadlines: deadlines(&calendar, settings, &row, today)?,
        deemed_warning_on: deemed_warning_day(&calendar, settings, &row)?
            .filter(|_| matches!(status, Status::Diajukan | Status::MemenuhiSyarat)),
        reviews: model::reviews(conn, &row.id)?,
        history: model::history(conn, &row.id)?,
        regulation,
        offered: rules::offered_steps(&f, who, today),
        checklist: Item::for_kind(kind, settings.regulations.require_wage_scale),
        required_slots: Slot::required(kind, settings.regulations.require_wage_scale),
        can_edit,
        office_unions,
        kind,
        status,
        company,
        row,
    })
}

/// One line of the desk's queue: an open submission and its nearest clock.
#[derive(Debug, Clone)]
pub struct QueueEntry {
    pub row: SubmissionRow,
    pub company_name: String,
    pub next: Option<RunningDeadline>,
    /// PP: the 30 WD limit, and whether the warning day has come.
    pub outer_due: Option<NaiveDate>,
    pub approaching_limit: bool,
}

/// Every open submission the actor may see, nearest deadline first.
pub fn queue(
    conn: &mut DbConn,
    actor: &Actor,
    settings: &Settings,
    today: NaiveDate,
) -> Result<Vec<QueueEntry>, Error> {
    let scope = scope(actor)?;
    let rows = model::open_submissions(conn, &scope)?;
    let calendar = crate::calendar::service::load(conn, &actor.office_id)?;
    let mut names = std::collections::HashMap::new();
    let mut out = Vec::new();
    for row in rows {
        let name = match names.get(&row.company_id) {
            Some(n) => n,
            None => {
                let name = companies::find_any(conn, &row.company_id)?.map(|c| c.name).unwrap_or_default();
                names.entry(row.company_id.clone()).or_insert(name)
            }
        }
        .clone();
        let clocks = deadlines(&calendar, settings, &row, today)?;
        let next = clocks.iter().min_by_key(|d| d.computation.due).cloned();
        let outer_due = clocks.iter().find(|d| d.rule.code == "pp_batas_pengesahan").map(|d| d.computation.due);
        let approaching_limit = deemed_warning_day(&calendar, settings, &row)?.is_some_and(|w| today >= w);
        out.push(QueueEntry { row, company_name: name, next, outer_due, approaching_limit });
    }
    out.sort_by_key(|e| (e.next.as_ref().map(|d| d.computation.due), e.company_name.clone()));
    Ok(out)
}

/// A page of submissions the actor may see (every status), with company names.
pub fn list(
    conn: &mut DbConn,
    actor: &Actor,
    filter: &SubmissionFilter,
    page: i64,
    page_size: i64,
) -> Result<(Vec<(SubmissionRow, String)>, i64), Error> {
    let scope = scope(actor)?;
    let (rows, total) = model::list_submissions(conn, &scope, filter, (page - 1) * page_size, page_size)?;
    let mut out = Vec::new();
    for row in rows {
        let name = companies::find_any(conn, &row.company_id)?.map(|c| c.name).unwrap_or_default();
        out.push((row, name));
    }
    Ok((out, total))
}

/// The companies a representative files for; none for the office's staff, who type the NIB.
pub fn my_companies(conn: &mut DbConn, actor: &Actor) -> Result<Vec<CompanyRow>, Error> {
    if actor.role != Role::Perusahaan {
        return Ok(Vec::new());
    }
    let scope = scope(actor)?;
    Ok(companies::list(conn, &scope, &Default::default(), 0, 200)?.0)
}

/// Checks the actor may file for a company's regulations; returns the company.
fn regulation_company(conn: &mut DbConn, actor: &Actor, company_id: &str, nib: &str) -> Result<CompanyRow, Error> {
    if !can_file(actor) {
        return Err(Error::Forbidden);
    }
    resolve_company(conn, actor, company_id, nib)
}

/// A PP or PKB ratified or registered by the province or the ministry, as typed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ExternalInput {
    /// pp or pkb.
    pub kind: String,
    #[serde(default)]
    pub company_id: String,
    #[serde(default)]
    pub nib: String,
    /// provinsi or kementerian.
    pub issuer_level: String,
    /// The issuing office as written on the decree, e.g. "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat".
    pub issuer_name: String,
    pub number: String,
    /// YYYY-MM-DD.
    pub issued_on: String,
    pub valid_from: String,
    pub valid_until: String,
}

/// Records an external PP/PKB with its decree so that it counts for the indicator.
pub fn record_external(
    conn: &mut DbConn,
    actor: &Actor,
    input: &ExternalInput,
    stored: Option<&Stored>,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<RegulationRow, Error> {
    scope(actor)?;
    if !can_file(actor) {
        return Err(Error::Forbidden);
    }
    let kind = Kind::parse(input.kind.trim())
        .ok_or_else(|| Error::invalid("invalid_kind", "kind", "Pilih PP atau PKB.", "Choose PP or PKB."))?;
    let level =
        match input.issuer_level.trim() {
            l @ ("provinsi" | "kementerian") => l,
            _ => return Err(Error::invalid(
                "invalid_issuer_level",
                "issuer_level",
                "Pilih penerbitnya: provinsi atau kementerian. PP/PKB dari kantor ini diajukan lewat Harmoni.",
                "Choose the issuer: the province or the ministry. This office's own go through Harmoni's submission.",
            )),
        };
    let issuer_name = crate::input::line(&input.issuer_name, "issuer_name", 3, 200).map_err(invalid)?;
    let number = crate::input::line(&input.number, "number", 1, 100).map_err(invalid)?;
    let issued_on = crate::input::past_date(&input.issued_on, "issued_on", today)?;
    let valid_from = crate::calendar::service::parse_date(input.valid_from.trim(), "valid_from")?;
    let valid_until = crate::calendar::service::parse_date(input.valid_until.trim(), "valid_until")?;
    rules::check_validity(valid_from, valid_until).map_err(invalid)?;
    let Some(stored) = stored else {
        return Err(Error::invalid(
            "document_required",
            "berkas",
            "Unggah salinan SK pengesahan atau surat pendaftarannya.",
            "Upload a copy of the decree or registration letter.",
        ));
    };
    write_tx(conn, |conn| {
        let company = regulation_company(conn, actor, &input.company_id, &input.nib)?;
        let duplicate = model::company_regulations(conn, &company.id)?
            .into_iter()
            .any(|r| r.kind == kind.as_str() && r.number.trim().eq_ignore_ascii_case(number.trim()));
        if duplicate {
            return Err(Error::conflict(
                "duplicate_regulation",
                "SK atau surat dengan nomor itu sudah tercatat untuk perusahaan ini.",
                "A decree or letter with that number is already recorded for this company.",
            ));
        }
        let reg = RegulationRow {
            id: uuid::Uuid::new_v4().to_string(),
            office_id: actor.office_id.clone(),
            company_id: company.id.clone(),
            kind: kind.as_str().into(),
            origin: "eksternal".into(),
            submission_id: None,
            number: number.clone(),
            number_year: None,
            number_seq: None,
            issuer_level: level.into(),
            issuer_name: issuer_name.clone(),
            issued_on,
            valid_from,
            valid_until,
            extended_until: None,
            extended_on: None,
            extension_note: String::new(),
            renewal_reminded_on: None,
            signed_by: None,
            created_by: Some(actor.user_id.clone()),
            created_at: now,
            updated_at: now,
        };
        model::insert_regulation(conn, &reg)?;
        documents::attach(
            conn,
            actor,
            Owner { kind: EXTERNAL_DOCUMENT, id: &reg.id, company_id: Some(&company.id) },
            stored,
            ("regulation", &reg.id),
            format!("{} {} dari {}", kind.short(), number, issuer_name),
            now,
        )?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "regulation.external",
                "regulation",
                &reg.id,
                format!(
                    "{} {} dicatat dari {} ({level}): nomor {number}, berlaku {valid_from} s.d. {valid_until}",
                    kind.short(),
                    company.name,
                    issuer_name
                ),
            ),
            now,
        )?;
        crate::companies::standing::refresh(conn, settings, &company, today)?;
        Ok(reg)
    })
}

/// An extension as typed: the new end, the written agreement (PKB) or evidence of PKB talks (PP).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ExtensionInput {
    /// The new last valid day (YYYY-MM-DD), at most a year after the current end.
    pub extended_until: String,
    /// PP only: a PKB is being negotiated (the condition for extending a PP).
    #[serde(default)]
    pub pkb_negotiating: bool,
    /// What the extension rests on (the agreement's date and signatories, the talks).
    #[serde(default)]
    pub note: String,
}

/// Extends a PP or PKB once, by at most a year, with its written basis.
#[expect(clippy::too_many_arguments, reason = "a use case with its upload, settings and clock")]
pub fn extend(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    input: &ExtensionInput,
    stored: Option<&Stored>,
    settings: &Settings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<RegulationRow, Error> {
    let scope = scope(actor)?;
    let new_end = crate::calendar::service::parse_date(input.extended_until.trim(), "extended_until")?;
    let note = crate::input::text(&input.note, "note", 5, 2_000).map_err(|_| {
        Error::invalid(
            "note_required",
            "note",
            "Tulis dasar perpanjangan: kesepakatan tertulis para pihak (PKB) atau perundingan PKB yang berjalan (PP).",
            "State the basis: the parties' written agreement (PKB) or the PKB talks under way (PP).",
        )
    })?;
    write_tx(conn, |conn| {
        let mut reg = model::find_regulation(conn, &scope, id)?.ok_or(Error::NotFound)?;
        let is_rep =
            actor.role == Role::Perusahaan && companies::is_representative(conn, &reg.company_id, &actor.user_id)?;
        if !(is_rep || actor.role == Role::Petugas) {
            return Err(Error::Forbidden);
        }
        let kind = Kind::parse(&reg.kind).ok_or_else(|| Error::internal("regulation kind"))?;
        rules::check_extension(
            kind,
            reg.ends_on(),
            new_end,
            reg.extended_until.is_some(),
            input.pkb_negotiating,
            today,
        )
        .map_err(|p| match p.code {
            "already_extended" | "already_expired" => Error::Conflict(p),
            _ => Error::Invalid(p),
        })?;
        let Some(stored) = stored else {
            return Err(Error::invalid(
                "document_required",
                "berkas",
                "Unggah kesepakatan tertulis perpanjangan (PKB) atau bukti perundingan PKB (PP).",
                "Upload the written extension agreement (PKB) or the evidence of PKB talks (PP).",
            ));
        };
        let company = companies::find_any(conn, &reg.company_id)?.ok_or_else(|| Error::internal("no company"))?;
        let old_end = reg.ends_on();
        reg.extended_until = Some(new_end);
        reg.extended_on = Some(today);
        reg.extension_note = note.clone();
        reg.renewal_reminded_on = None;
        reg.updated_at = now;
        model::update_regulation(conn, &reg)?;
        documents::attach(
            conn,
            actor,
            Owner { kind: EXTENSION_DOCUMENT, id: &reg.id, company_id: Some(&company.id) },
            stored,
            ("regulation", &reg.id),
            format!("Perpanjangan {} {}", kind.short(), company.name),
            now,
        )?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "regulation.extend",
                "regulation",
                &reg.id,
                format!("{} {} diperpanjang dari {old_end} sampai {new_end}: {note}", kind.short(), company.name),
            ),
            now,
        )?;
        crate::companies::standing::refresh(conn, settings, &company, today)?;
        Ok(reg)
    })
}

/// A regulation with its company, documents and renewal clock, for its page and the API.
#[derive(Debug, Clone)]
pub struct RegulationDetail {
    pub reg: RegulationRow,
    pub company: CompanyRow,
    pub documents: Vec<DocumentRow>,
    pub renewal: Option<RunningDeadline>,
    pub in_force: bool,
    pub can_extend: bool,
}

pub fn regulation(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    settings: &Settings,
    today: NaiveDate,
) -> Result<RegulationDetail, Error> {
    let scope = scope(actor)?;
    let reg = model::find_regulation(conn, &scope, id)?.ok_or(Error::NotFound)?;
    let company = companies::find_any(conn, &reg.company_id)?.ok_or_else(|| Error::internal("no company"))?;
    let calendar = crate::calendar::service::load(conn, &reg.office_id)?;
    let mut docs = crate::documents::model::for_owners(conn, EXTERNAL_DOCUMENT, std::slice::from_ref(&reg.id))?;
    docs.extend(crate::documents::model::for_owners(conn, EXTENSION_DOCUMENT, std::slice::from_ref(&reg.id))?);
    let renewal = renewal_day(&calendar, settings, &reg, today)?;
    let is_rep = actor.role == Role::Perusahaan && companies::is_representative(conn, &reg.company_id, &actor.user_id)?;
    let in_force = reg.counts_from() <= today && today <= reg.ends_on();
    Ok(RegulationDetail {
        can_extend: (is_rep || actor.role == Role::Petugas) && reg.extended_until.is_none() && reg.ends_on() >= today,
        in_force,
        renewal,
        documents: docs,
        company,
        reg,
    })
}

/// A page of regulations (of one company, or all the actor sees), latest end first.
pub fn regulations(
    conn: &mut DbConn,
    actor: &Actor,
    company_id: Option<&str>,
    page: i64,
    page_size: i64,
) -> Result<(Vec<(RegulationRow, String)>, i64), Error> {
    let scope = scope(actor)?;
    let (rows, total) = model::list_regulations(conn, &scope, company_id, (page - 1) * page_size, page_size)?;
    let mut out = Vec::new();
    for row in rows {
        let name = companies::find_any(conn, &row.company_id)?.map(|c| c.name).unwrap_or_default();
        out.push((row, name));
    }
    Ok((out, total))
}
