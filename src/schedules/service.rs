//! Scheduling use cases: plan, move, call off and record sessions; issue the summonses with
//! their invitations and keep their delivery evidence; the office schedule, the head's load
//! view, and the private calendar feeds. Each change is one transaction with its audit rows
//! and outbox messages; the case's own history comes from `cases::service::take_step`.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use harmoni_templates::email::{EmailKind, SummonsChange};
use harmoni_templates::Lang;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::calendar::local::{local_date, OfficeHours};
use crate::cases::model::{self as cases_model, CaseRow, SummonsRow};
use crate::cases::rules::{Side, Status};
use crate::cases::service::{self as cases, Step, SummonsLetter};
use crate::config::{RoomSettings, Settings};
use crate::db::{write_tx, DbConn};
use crate::documents::service::{Owner, Stored};
use crate::error::Error;
use crate::input::{past_date, text};
use crate::notifications::service::{notify, MailAttachment, Notification};
use crate::schedules::ics::{self, Invitee, SessionEvent};
use crate::schedules::model::{self, ChangeRow, FeedRow, HearingRow, Listed};
use crate::schedules::rules::{
    self, check_online_url, check_slot, clashes, first_session, Booking, Clash, Delivery, FirstSession, HearingKind,
    HearingStatus, Parties, Slot,
};

/// The rooms of an office (settings), by code.
pub fn rooms<'a>(settings: &'a Settings, office_code: &str) -> &'a [RoomSettings] {
    settings.offices.iter().find(|o| o.code == office_code).map(|o| o.rooms.as_slice()).unwrap_or(&[])
}

fn office_code(conn: &mut DbConn, office_id: &str) -> Result<String, Error> {
    Ok(crate::offices::model::find(conn, office_id)?.code)
}

/// The room's name, or its code when the office no longer lists it.
pub fn room_name(settings: &Settings, office_code: &str, code: &str) -> String {
    rooms(settings, office_code).iter().find(|r| r.code == code).map_or_else(|| code.to_string(), |r| r.name.clone())
}

fn hours(settings: &Settings) -> Result<OfficeHours, Error> {
    let s = &settings.schedules;
    OfficeHours::parse(&s.office_opens, &s.office_closes).ok_or_else(|| Error::internal("office hours unchecked"))
}

/// A session as typed in the form or sent to the API.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct PlanInput {
    /// klarifikasi or mediasi.
    #[serde(default)]
    pub kind: String,
    /// The day (YYYY-MM-DD), a working day of the office.
    #[serde(default)]
    pub date: String,
    /// Start and end, WIB (HH:MM), within office hours.
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    pub end_time: String,
    /// A room code of the office (GET /api/v1/schedule/rooms); empty for an online session.
    #[serde(default)]
    pub room: String,
    /// The meeting link of an online (or hybrid) session.
    #[serde(default)]
    pub online_url: String,
    #[serde(default)]
    pub summon_worker: bool,
    #[serde(default)]
    pub summon_company: bool,
    #[serde(default)]
    pub agenda: String,
    /// Why it moves (reschedule only).
    #[serde(default)]
    pub reason: String,
}

/// A plan that passed the law: what will be stored.
#[derive(Debug, Clone)]
struct Checked {
    kind: HearingKind,
    slot: Slot,
    room: Option<String>,
    online_url: Option<String>,
    summon_worker: bool,
    summon_company: bool,
    agenda: String,
}

fn check_input(
    settings: &Settings,
    calendar: &crate::calendar::rules::Calendar,
    rooms: &[RoomSettings],
    input: &PlanInput,
    now: NaiveDateTime,
) -> Result<Checked, Error> {
    let kind = HearingKind::parse(input.kind.trim()).ok_or_else(|| {
        Error::invalid(
            "invalid_kind",
            "kind",
            "Pilih jenis: klarifikasi atau sidang mediasi.",
            "Choose klarifikasi or mediasi.",
        )
    })?;
    let day = crate::calendar::service::parse_date(input.date.trim(), "date")?;
    let slot = Slot {
        day,
        start: rules::parse_time(&input.start_time, "start_time")?,
        end: rules::parse_time(&input.end_time, "end_time")?,
    };
    check_slot(calendar, hours(settings)?, settings.schedules.max_session_minutes, &slot, now)?;
    let room = match input.room.trim() {
        "" => None,
        code => Some(rooms.iter().find(|r| r.code == code).map(|r| r.code.clone()).ok_or_else(|| {
            Error::invalid(
                "unknown_room",
                "room",
                "Pilih ruangan kantor dari daftar.",
                "Choose one of the office's rooms.",
            )
        })?),
    };
    let online_url = check_online_url(&input.online_url)?;
    if room.is_none() && online_url.is_none() {
        return Err(Error::invalid(
            "no_place",
            "room",
            "Pilih ruangan, atau isi tautan rapat untuk sidang daring.",
            "Choose a room, or give the meeting link of an online session.",
        ));
    }
    if !input.summon_worker && !input.summon_company {
        return Err(Error::invalid(
            "nobody_summoned",
            "summon_worker",
            "Pilih pihak yang dipanggil (pekerja, pengusaha, atau keduanya).",
            "Choose who is summoned (the workers' side, the employer, or both).",
        ));
    }
    Ok(Checked {
        kind,
        slot,
        room,
        online_url,
        summon_worker: input.summon_worker,
        summon_company: input.summon_company,
        agenda: text(&input.agenda, "agenda", 3, 2_000)?,
    })
}

/// What the mediator is warned of; planning still goes ahead once they confirm.
#[derive(Debug, Clone, Default)]
pub struct Warnings {
    pub clashes: Vec<Clash>,
    /// For a first mediation session: its 7 WD limit, and whether the plan is later.
    pub first_session: Option<FirstSession>,
    /// The summons would reach the parties with less notice than a proper summons needs.
    pub short_notice: bool,
}

impl Warnings {
    pub fn any(&self) -> bool {
        !self.clashes.is_empty() || self.first_session.as_ref().is_some_and(|f| f.late) || self.short_notice
    }

    /// Every warning with its stable code, the other session for a clash, and a sentence.
    pub fn items(&self, l: Lang, min_notice: u32) -> Vec<WarningItem> {
        let mut out: Vec<WarningItem> = self
            .clashes
            .iter()
            .map(|c| WarningItem { code: c.kind.as_str(), clash: Some(c.clone()), message: c.message(l) })
            .collect();
        if let Some(f) = self.first_session.as_ref().filter(|f| f.late) {
            let (due, days, start, basis) =
                (l.date_long(f.computation.due), f.computation.working_days, f.computation.start, &f.legal_basis);
            out.push(WarningItem {
                code: "first_session_late",
                clash: None,
                message: match l {
                    Lang::Id => format!("Sidang mediasi pertama seharusnya paling lambat {due} ({days} hari kerja sejak pelimpahan {start}, {basis}); tanggal ini terlambat."),
                    Lang::En => format!("The first mediation session is due by {due} ({days} working days from delegation on {start}, {basis}); this date is late."),
                },
            });
        }
        if self.short_notice {
            out.push(WarningItem {
                code: "short_notice",
                clash: None,
                message: match l {
                    Lang::Id => format!("Panggilan dikirim kurang dari {min_notice} hari kerja sebelum sidang: panggilan ini tidak dihitung sebagai panggilan yang patut."),
                    Lang::En => format!("The summons goes out less than {min_notice} working days before the session: it will not count as a proper summons."),
                },
            });
        }
        out
    }
}

/// One warning of a plan.
#[derive(Debug, Clone)]
pub struct WarningItem {
    /// mediator, room, party, first_session_late or short_notice.
    pub code: &'static str,
    pub clash: Option<Clash>,
    pub message: String,
}

/// The result of planning or moving a session.
#[derive(Debug, Clone)]
pub enum PlanOutcome {
    /// Not stored: the plan has warnings and was not confirmed yet.
    NeedsConfirmation(Warnings),
    Saved(Box<HearingRow>, Warnings),
}

/// A session and its case as the actor may see them.
struct Loaded {
    hearing: HearingRow,
    case: CaseRow,
}

fn load(conn: &mut DbConn, actor: &Actor, id: &str) -> Result<Loaded, Error> {
    let scope = cases::scope(actor)?;
    let hearing = model::find(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
    let case = cases_model::find(conn, &scope, &hearing.case_id)?.ok_or(Error::NotFound)?;
    Ok(Loaded { hearing, case })
}

/// The case of a session the actor may see.
pub fn case_id_of(conn: &mut DbConn, actor: &Actor, id: &str) -> Result<String, Error> {
    Ok(load(conn, actor, id)?.case.id)
}

/// Only the case's mediator plans and changes its sessions.
fn must_be_mediator(actor: &Actor, case: &CaseRow) -> Result<(), Error> {
    if actor.role == Role::Mediator && case.mediator_id.as_deref() == Some(actor.user_id.as_str()) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

fn must_be_in_mediation(case: &CaseRow) -> Result<(), Error> {
    if Status::parse(&case.status) == Some(Status::Mediasi) {
        Ok(())
    } else {
        Err(Error::conflict(
            "not_in_mediation",
            "Sidang hanya dijadwalkan selama perkara dalam tahap mediasi.",
            "Sessions are scheduled only while the case is in mediation.",
        ))
    }
}

fn parties_of_case(case: &CaseRow) -> Parties<'_> {
    Parties {
        filed_by: &case.filed_by,
        union_name: case.union_name.as_deref(),
        company_id: case.company_id.as_deref(),
        company_name: &case.company_name,
    }
}

fn booking_of(l: &Listed) -> Booking {
    let h = &l.hearing;
    let parties = Parties {
        filed_by: &l.filed_by,
        union_name: l.union_name.as_deref(),
        company_id: l.company_id.as_deref(),
        company_name: &l.company_name,
    };
    Booking {
        hearing_id: h.id.clone(),
        case_label: l.case_label().to_string(),
        starts_at: h.starts_at,
        ends_at: h.ends_at,
        mediator_id: h.mediator_id.clone(),
        room: h.room.clone(),
        parties: parties.keys(h.summon_worker, h.summon_company),
    }
}

#[allow(clippy::too_many_arguments)]
fn warnings(
    conn: &mut DbConn,
    settings: &Settings,
    calendar: &crate::calendar::rules::Calendar,
    case: &CaseRow,
    hearing_id: &str,
    c: &Checked,
    today: NaiveDate,
) -> Result<Warnings, Error> {
    let plan = Booking {
        hearing_id: hearing_id.to_string(),
        case_label: String::new(),
        starts_at: c.slot.starts_at(),
        ends_at: c.slot.ends_at(),
        mediator_id: case.mediator_id.clone().unwrap_or_default(),
        room: c.room.clone(),
        parties: parties_of_case(case).keys(c.summon_worker, c.summon_company),
    };
    // A session lies within one office day, so that day's sessions (planned or held, not
    // cancelled) are all it can meet; `clashes` keeps those that overlap.
    let others: Vec<Booking> =
        model::between(conn, &case.office_id, c.slot.day, c.slot.day, None, true)?.iter().map(booking_of).collect();
    let mut w = Warnings { clashes: clashes(&plan, &others), ..Default::default() };
    if c.kind == HearingKind::Mediasi && case.first_session_on.is_none() {
        let earlier_planned = model::of_case(conn, &case.id)?.iter().any(|h| {
            h.id != hearing_id
                && h.kind == HearingKind::Mediasi.as_str()
                && h.status == HearingStatus::Dijadwalkan.as_str()
                && h.starts_at < plan.starts_at
        });
        if let (false, Some(delegated_on)) = (earlier_planned, case.delegated_on) {
            let rule = settings
                .deadline_rules
                .get("sidang_mediasi_pertama")
                .ok_or_else(|| Error::internal("deadline rule sidang_mediasi_pertama missing"))?;
            w.first_session = Some(first_session(calendar, delegated_on, rule, c.slot.day));
        }
    }
    w.short_notice = !rules::proper_notice(calendar, today, c.slot.day, settings.schedules.min_notice_working_days);
    Ok(w)
}

/// Plans a session of a case in mediation: checks the day, hours and place, warns of clashes
/// and a late first session (stored only once `confirmed`), issues the summons of each party
/// summoned (numbered letter, email with the invitation, in-app notice).
#[allow(clippy::too_many_arguments)]
pub fn plan(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    case_id: &str,
    input: &PlanInput,
    confirmed: bool,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<PlanOutcome, Error> {
    let scope = cases::scope(actor)?;
    write_tx(conn, |conn| {
        let case = cases_model::find(conn, &scope, case_id)?.ok_or(Error::NotFound)?;
        cases_model::lock(conn, &case.id)?;
        must_be_mediator(actor, &case)?;
        must_be_in_mediation(&case)?;
        let calendar = crate::calendar::service::load(conn, &case.office_id)?;
        let code = office_code(conn, &case.office_id)?;
        let c = check_input(settings, &calendar, rooms(settings, &code), input, now)?;
        if c.kind == HearingKind::Klarifikasi && case.first_session_on.is_some() {
            return Err(Error::conflict(
                "clarification_after_session",
                "Klarifikasi dilakukan sebelum sidang mediasi pertama.",
                "Clarification comes before the first mediation session.",
            ));
        }
        let id = uuid::Uuid::now_v7().to_string();
        let w = warnings(conn, settings, &calendar, &case, &id, &c, today)?;
        if w.any() && !confirmed {
            return Ok(PlanOutcome::NeedsConfirmation(w));
        }
        let hearing = HearingRow {
            id,
            office_id: case.office_id.clone(),
            case_id: case.id.clone(),
            kind: c.kind.as_str().into(),
            status: HearingStatus::Dijadwalkan.as_str().into(),
            mediator_id: actor.user_id.clone(),
            held_on: c.slot.day,
            starts_at: c.slot.starts_at(),
            ends_at: c.slot.ends_at(),
            room: c.room.clone(),
            online_url: c.online_url.clone(),
            agenda: c.agenda.clone(),
            summon_worker: c.summon_worker,
            summon_company: c.summon_company,
            sequence: 0,
            cancel_reason: None,
            worker_present: None,
            company_present: None,
            minutes: None,
            session_id: None,
            created_by: actor.user_id.clone(),
            created_at: now,
            updated_at: now,
        };
        model::insert(conn, &hearing)?;
        change(conn, actor, &hearing, "dijadwalkan", None, now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "hearing.plan",
                "hearing",
                &hearing.id,
                format!(
                    "{} {} {}",
                    c.kind.label(Lang::Id),
                    case.case_number.as_deref().unwrap_or(&case.reference),
                    rules::when_text(hearing.starts_at, hearing.ends_at, Lang::Id)
                ),
            ),
            now,
        )?;
        summon(conn, settings, actor, &case, &hearing, SummonsChange::Planned, None, today, now)?;
        Ok(PlanOutcome::Saved(Box::new(hearing), w))
    })
}

fn change(
    conn: &mut DbConn,
    actor: &Actor,
    h: &HearingRow,
    action: &str,
    reason: Option<String>,
    now: NaiveDateTime,
) -> Result<(), Error> {
    model::insert_change(
        conn,
        &ChangeRow {
            id: uuid::Uuid::now_v7().to_string(),
            hearing_id: h.id.clone(),
            action: action.into(),
            sequence: h.sequence,
            starts_at: h.starts_at,
            ends_at: h.ends_at,
            room: h.room.clone(),
            online_url: h.online_url.clone(),
            reason,
            actor_user_id: actor.user_id.clone(),
            created_at: now,
        },
    )?;
    Ok(())
}

/// The name the workers' side goes by on a letter or a calendar: the union, the walk-in
/// complainant, or the first worker ("and others" for a group).
pub fn worker_side_name(conn: &mut DbConn, case: &CaseRow) -> Result<String, Error> {
    if let Some(u) = &case.union_name {
        return Ok(u.clone());
    }
    let workers = cases_model::workers(conn, &case.id)?;
    Ok(match workers.first() {
        Some(w) if workers.len() > 1 => format!("{} dkk.", w.full_name),
        Some(w) => w.full_name.clone(),
        None => case.contact_name.clone().unwrap_or_else(|| "Pihak pekerja".into()),
    })
}

/// "Andi Saputra – PT Maju Sengketa".
pub fn parties_text(conn: &mut DbConn, case: &CaseRow) -> Result<String, Error> {
    Ok(format!("{} – {}", worker_side_name(conn, case)?, case.company_name))
}

/// Where a session is held, as a letter says it.
pub fn place_text(settings: &Settings, office_code: &str, address: &str, h: &HearingRow, l: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(r) = &h.room {
        parts.push(format!("{}, {address}", room_name(settings, office_code, r)));
    }
    if let Some(u) = &h.online_url {
        parts.push(format!("{}: {u}", l.t("Daring", "Online")));
    }
    parts.join(l.t(" / ", " / "))
}

/// Where a session is held, as public tracking shows it: the room, or only that it is online
/// (the meeting link goes to the parties, not to whoever holds the PIN).
pub fn public_place_text(settings: &Settings, office_code: &str, address: &str, h: &HearingRow, l: Lang) -> String {
    match &h.room {
        Some(r) => format!("{}, {address}", room_name(settings, office_code, r)),
        None => l.t("Daring (tautan dikirim kepada para pihak)", "Online (the link is sent to the parties)").into(),
    }
}

/// The calendar event of a session.
fn session_event(
    settings: &Settings,
    office: &crate::offices::model::Office,
    h: &HearingRow,
    case_label: &str,
    parties: &str,
) -> SessionEvent {
    let kind = HearingKind::parse(&h.kind).unwrap_or(HearingKind::Mediasi);
    let domain = settings.mail.from_address.rsplit('@').next().unwrap_or("localhost");
    SessionEvent {
        uid: format!("{}@{domain}", h.id),
        sequence: u32::try_from(h.sequence).unwrap_or(0),
        summary: format!("{} {case_label}", kind.label(Lang::Id)),
        description: format!(
            "{} perkara {case_label}\n{parties}\nAcara: {}\n{}",
            kind.label(Lang::Id),
            h.agenda,
            office.name
        ),
        location: place_text(settings, &office.code, &office.address, h, Lang::Id),
        url: h.online_url.clone(),
        starts_at: h.starts_at,
        ends_at: h.ends_at,
        stamp: h.updated_at,
        cancelled: h.status == HearingStatus::Dibatalkan.as_str(),
    }
}

/// Issues (or, on a change, re-issues or calls off) the summons of every side the session
/// summons: a numbered letter through the case's summons step, and one email with the
/// invitation to everyone of that side Harmoni can reach.
#[allow(clippy::too_many_arguments)]
fn summon(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    case: &CaseRow,
    h: &HearingRow,
    what: SummonsChange,
    reason: Option<&str>,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<(), Error> {
    let office = crate::offices::model::find(conn, &case.office_id)?;
    let case_label = case.case_number.clone().unwrap_or_else(|| case.reference.clone());
    let parties = parties_text(conn, case)?;
    let event = session_event(settings, &office, h, &case_label, &parties);
    let (worker_side, company_side) = cases::party_recipients(conn, case)?;
    let kind = HearingKind::parse(&h.kind).unwrap_or(HearingKind::Mediasi);
    let s = &settings.schedules;
    for (side, summoned, recipients) in
        [(Side::Pekerja, h.summon_worker, worker_side), (Side::Pengusaha, h.summon_company, company_side)]
    {
        if !summoned {
            continue;
        }
        let (summons_id, letter_number, letter_pdf) = if what == SummonsChange::Cancelled {
            (None, None, None)
        } else {
            let id = uuid::Uuid::now_v7().to_string();
            let seq = crate::sequences::next(conn, &case.office_id, "summons", today.year())?;
            let number = crate::sequences::letter_number(&crate::sequences::NumberParts {
                pattern: &s.summons_number_pattern,
                classification: &s.summons_classification,
                unit: &s.summons_unit,
                sequence: i64::from(seq),
                sequence_width: s.summons_sequence_width,
                date: today,
            });
            let addressee = match side {
                Side::Pekerja => worker_side_name(conn, case)?,
                Side::Pengusaha => format!("Pimpinan {}", case.company_name),
            };
            let delivery = if recipients.is_empty() {
                "Diantar langsung atau pos (tidak ada alamat email)".to_string()
            } else {
                "Email dengan undangan kalender dan notifikasi Harmoni".to_string()
            };
            cases::take_step(
                conn,
                settings,
                actor,
                &case.id,
                &Step::Summons {
                    side,
                    sent_on: today,
                    session_on: h.held_on,
                    delivery,
                    letter: Some(SummonsLetter {
                        id: id.clone(),
                        hearing_id: h.id.clone(),
                        letter_number: number.clone(),
                        addressee,
                    }),
                },
                today,
                now,
            )?;
            // The summons as the official PDF letter, attached to every message of this side.
            let issued = crate::letters::service::issue(
                conn,
                settings,
                actor,
                crate::letters::rules::Kind::SuratPanggilan,
                &id,
                today,
                now,
            )?;
            let pdf = MailAttachment {
                filename: crate::letters::service::filename(&issued.letter, issued.version.version),
                content_type: "application/pdf".into(),
                content: issued.pdf,
            };
            (Some(id), Some(number), Some(pdf))
        };
        for r in &recipients {
            let l = r.language;
            let invite = ics::invitation(
                &event,
                &Invitee {
                    organizer_name: &office.name,
                    organizer_email: &settings.mail.from_address,
                    name: &r.name,
                    email: &r.email,
                },
            );
            let link = match (&summons_id, &r.user_id) {
                (Some(sid), Some(_)) => Some(format!("{}/jadwal/{}/panggilan/{sid}", settings.server.public_url, h.id)),
                _ => None,
            };
            notify(
                conn,
                &settings.mail,
                &case.office_id,
                r,
                &Notification {
                    kind: EmailKind::Summons {
                        full_name: r.name.clone(),
                        change: what,
                        session_label: kind.label(l).to_string(),
                        case_label: case_label.clone(),
                        parties: parties.clone(),
                        letter_number: letter_number.clone(),
                        when: rules::when_text(h.starts_at, h.ends_at, l),
                        place: place_text(settings, &office.code, &office.address, h, l),
                        agenda: h.agenda.clone(),
                        reason: reason.map(str::to_string),
                        link,
                    },
                    entity: Some(match &summons_id {
                        Some(sid) => ("summons", sid.clone()),
                        None => ("hearing", h.id.clone()),
                    }),
                    attachments: [MailAttachment {
                        filename: if what == SummonsChange::Cancelled {
                            "batal-sidang.ics"
                        } else {
                            "undangan-sidang.ics"
                        }
                        .into(),
                        content_type: format!(
                            "text/calendar; method={}; charset=UTF-8",
                            if what == SummonsChange::Cancelled { "CANCEL" } else { "REQUEST" }
                        ),
                        content: invite.into_bytes(),
                    }]
                    .into_iter()
                    .chain(letter_pdf.clone())
                    .collect(),
                    link: Some(match &summons_id {
                        Some(sid) => format!("/jadwal/{}/panggilan/{sid}", h.id),
                        None => format!("/kasus/{}", case.id),
                    }),
                },
                now,
            )?;
        }
    }
    Ok(())
}

fn still_planned(h: &HearingRow) -> Result<(), Error> {
    if h.status == HearingStatus::Dijadwalkan.as_str() {
        Ok(())
    } else {
        Err(Error::conflict(
            "hearing_closed",
            "Sidang ini sudah dicatat hasilnya atau dibatalkan.",
            "This session already has its outcome or was cancelled.",
        ))
    }
}

fn reason_of(raw: &str) -> Result<String, Error> {
    Ok(text(raw, "reason", 5, 2_000)?)
}

/// Moves a planned session: new time and place, SEQUENCE + 1, the earlier summonses withdrawn
/// and new ones issued with the updated invitation.
#[allow(clippy::too_many_arguments)]
pub fn reschedule(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    id: &str,
    input: &PlanInput,
    confirmed: bool,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<PlanOutcome, Error> {
    write_tx(conn, |conn| {
        let Loaded { mut hearing, case } = load(conn, actor, id)?;
        cases_model::lock(conn, &case.id)?;
        must_be_mediator(actor, &case)?;
        still_planned(&hearing)?;
        must_be_in_mediation(&case)?;
        let reason = reason_of(&input.reason)?;
        let calendar = crate::calendar::service::load(conn, &case.office_id)?;
        let code = office_code(conn, &case.office_id)?;
        let mut input = input.clone();
        input.kind = hearing.kind.clone();
        let c = check_input(settings, &calendar, rooms(settings, &code), &input, now)?;
        let w = warnings(conn, settings, &calendar, &case, &hearing.id, &c, today)?;
        if w.any() && !confirmed {
            return Ok(PlanOutcome::NeedsConfirmation(w));
        }
        model::withdraw_summons(conn, &hearing.id, now)?;
        hearing.held_on = c.slot.day;
        hearing.starts_at = c.slot.starts_at();
        hearing.ends_at = c.slot.ends_at();
        hearing.room = c.room;
        hearing.online_url = c.online_url;
        hearing.agenda = c.agenda;
        hearing.summon_worker = c.summon_worker;
        hearing.summon_company = c.summon_company;
        hearing.sequence += 1;
        hearing.updated_at = now;
        model::update(conn, &hearing)?;
        change(conn, actor, &hearing, "dijadwal_ulang", Some(reason.clone()), now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "hearing.reschedule",
                "hearing",
                &hearing.id,
                format!("{}: {reason}", rules::when_text(hearing.starts_at, hearing.ends_at, Lang::Id)),
            ),
            now,
        )?;
        summon(conn, settings, actor, &case, &hearing, SummonsChange::Rescheduled, Some(&reason), today, now)?;
        Ok(PlanOutcome::Saved(Box::new(hearing), w))
    })
}

/// Calls a planned session off: SEQUENCE + 1, its summonses withdrawn, METHOD:CANCEL sent.
pub fn cancel(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    id: &str,
    reason: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<HearingRow, Error> {
    write_tx(conn, |conn| {
        let Loaded { mut hearing, case } = load(conn, actor, id)?;
        cases_model::lock(conn, &case.id)?;
        must_be_mediator(actor, &case)?;
        still_planned(&hearing)?;
        let reason = reason_of(reason)?;
        model::withdraw_summons(conn, &hearing.id, now)?;
        hearing.status = HearingStatus::Dibatalkan.as_str().into();
        hearing.cancel_reason = Some(reason.clone());
        hearing.sequence += 1;
        hearing.updated_at = now;
        model::update(conn, &hearing)?;
        change(conn, actor, &hearing, "dibatalkan", Some(reason.clone()), now)?;
        record(conn, &AuditEntry::by(actor, "hearing.cancel", "hearing", &hearing.id, reason.clone()), now)?;
        summon(conn, settings, actor, &case, &hearing, SummonsChange::Cancelled, Some(&reason), today, now)?;
        Ok(hearing)
    })
}

/// What happened at a session.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct OutcomeInput {
    #[serde(default)]
    pub worker_present: bool,
    #[serde(default)]
    pub company_present: bool,
    /// The minutes (risalah) of the session.
    #[serde(default)]
    pub minutes: String,
}

/// The delivery evidence of a summons: its emails, the day it was opened, handed over.
fn delivery_of(conn: &mut DbConn, office_id: &str, s: &SummonsRow) -> Result<(Delivery, Vec<EmailEvidence>), Error> {
    let emails: Vec<EmailEvidence> = crate::notifications::model::for_entity(conn, office_id, "summons", &s.id)?
        .into_iter()
        .map(|o| EmailEvidence {
            to: o.recipient_email,
            status: o.status,
            sent_on: o.sent_at.map(local_date),
            last_error: o.last_error,
        })
        .collect();
    let emailed_on = emails.iter().filter(|e| e.status == "sent").filter_map(|e| e.sent_on).min();
    let bounced = !emails.is_empty() && emails.iter().all(|e| e.status == "failed");
    let delivery =
        Delivery { emailed_on, bounced, opened_on: s.opened_at.map(local_date), handed_over_on: s.handed_over_on };
    Ok((delivery, emails))
}

/// Records attendance and minutes of a session held: each standing summons is judged proper
/// or not (delivered with notice), and the case gets its clarification or mediation session.
pub fn record_outcome(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    id: &str,
    input: &OutcomeInput,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<HearingRow, Error> {
    let minutes = text(&input.minutes, "minutes", 3, 20_000)?;
    write_tx(conn, |conn| {
        let Loaded { mut hearing, case } = load(conn, actor, id)?;
        cases_model::lock(conn, &case.id)?;
        must_be_mediator(actor, &case)?;
        still_planned(&hearing)?;
        if today < hearing.held_on {
            return Err(Error::conflict(
                "session_not_yet_held",
                format!("Hasil sidang dicatat pada atau setelah hari sidang ({}).", hearing.held_on),
                format!("The outcome is recorded on or after the day of the session ({}).", hearing.held_on),
            ));
        }
        let calendar = crate::calendar::service::load(conn, &case.office_id)?;
        for s in model::summons_of(conn, &hearing.id)?.iter().filter(|s| s.withdrawn_at.is_none()) {
            let (delivery, _) = delivery_of(conn, &case.office_id, s)?;
            let proper =
                rules::is_proper(&calendar, &delivery, hearing.held_on, settings.schedules.min_notice_working_days);
            model::set_proper(conn, &s.id, proper)?;
        }
        let step = match HearingKind::parse(&hearing.kind) {
            Some(HearingKind::Klarifikasi) => Step::Clarification {
                started_on: case.clarification_started_on.map_or(hearing.held_on, |s| s.min(hearing.held_on)),
                ended_on: hearing.held_on,
                notes: minutes.clone(),
            },
            _ => {
                hearing.session_id = Some(uuid::Uuid::now_v7().to_string());
                Step::Session {
                    held_on: hearing.held_on,
                    worker_present: input.worker_present,
                    company_present: input.company_present,
                    minutes: minutes.clone(),
                    session_id: hearing.session_id.clone(),
                }
            }
        };
        cases::take_step(conn, settings, actor, &case.id, &step, today, now)?;
        hearing.status = HearingStatus::Selesai.as_str().into();
        hearing.worker_present = Some(input.worker_present);
        hearing.company_present = Some(input.company_present);
        hearing.minutes = Some(minutes);
        hearing.updated_at = now;
        model::update(conn, &hearing)?;
        change(conn, actor, &hearing, "dicatat", None, now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "hearing.outcome",
                "hearing",
                &hearing.id,
                format!(
                    "pekerja {}, pengusaha {}",
                    if input.worker_present { "hadir" } else { "tidak hadir" },
                    if input.company_present { "hadir" } else { "tidak hadir" }
                ),
            ),
            now,
        )?;
        Ok(hearing)
    })
}

/// A summons handed over by hand or post.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct HandOverInput {
    /// The day it was handed over (YYYY-MM-DD, not in the future).
    #[serde(default)]
    pub handed_over_on: String,
    /// Who received it (name and position).
    #[serde(default)]
    pub handed_over_to: String,
}

/// Records that a summons was handed over, with the signed receipt when uploaded. The desk or
/// the case's mediator records it.
#[allow(clippy::too_many_arguments)]
pub fn hand_over(
    conn: &mut DbConn,
    actor: &Actor,
    hearing_id: &str,
    summons_id: &str,
    input: &HandOverInput,
    receipt: Option<&Stored>,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<SummonsRow, Error> {
    write_tx(conn, |conn| {
        let Loaded { hearing, case } = load(conn, actor, hearing_id)?;
        let may = actor.role == Role::Petugas || must_be_mediator(actor, &case).is_ok();
        if !may {
            return Err(Error::Forbidden);
        }
        let on = past_date(&input.handed_over_on, "handed_over_on", today)?;
        let to = crate::input::line(&input.handed_over_to, "handed_over_to", 3, 200)?;
        let s = model::find_summons(conn, &hearing.id, summons_id)?.ok_or(Error::NotFound)?;
        if s.withdrawn_at.is_some() {
            return Err(Error::conflict(
                "summons_withdrawn",
                "Surat panggilan ini sudah tidak berlaku (sidang dipindah atau dibatalkan).",
                "This summons no longer stands (the session moved or was cancelled).",
            ));
        }
        if on < s.sent_on {
            return Err(Error::invalid(
                "handed_over_before_sent",
                "handed_over_on",
                "Tanggal serah terima tidak boleh sebelum tanggal surat.",
                "It cannot be handed over before the letter's date.",
            ));
        }
        let doc = match receipt {
            Some(stored) => Some(crate::documents::service::attach(
                conn,
                actor,
                Owner { kind: "summons_receipt", id: &s.id, company_id: case.company_id.as_deref() },
                stored,
                ("summons", &s.id),
                format!("Tanda terima surat panggilan {}", s.letter_number.as_deref().unwrap_or("")),
                now,
            )?),
            None => None,
        };
        model::set_handed_over(conn, &s.id, on, &to, doc.as_ref().map(|d| d.id.as_str()))?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "summons.hand_over",
                "summons",
                &s.id,
                format!("{} diserahkan {on} kepada {to}", s.letter_number.as_deref().unwrap_or("")),
            ),
            now,
        )?;
        model::find_summons(conn, &hearing.id, &s.id)?.ok_or(Error::NotFound)
    })
}

/// An email of a summons, as evidence.
#[derive(Debug, Clone)]
pub struct EmailEvidence {
    pub to: String,
    /// pending, sending, sent or failed.
    pub status: String,
    pub sent_on: Option<NaiveDate>,
    pub last_error: Option<String>,
}

/// A summons with its evidence.
#[derive(Debug, Clone)]
pub struct SummonsEvidence {
    pub row: SummonsRow,
    pub emails: Vec<EmailEvidence>,
    pub delivered_on: Option<NaiveDate>,
    pub bounced: bool,
    pub receipt_document_id: Option<String>,
}

/// Everything the session page shows.
#[derive(Debug, Clone)]
pub struct HearingDetail {
    pub hearing: HearingRow,
    pub case: CaseRow,
    pub parties: String,
    pub mediator_name: String,
    pub place: String,
    pub summons: Vec<SummonsEvidence>,
    pub changes: Vec<ChangeRow>,
    /// The case's mediator: may move, call off and record.
    pub can_manage: bool,
    /// The desk or the mediator: may record hand-overs and see delivery evidence.
    pub can_record_delivery: bool,
}

fn is_staff(actor: &Actor) -> bool {
    matches!(actor.role, Role::Petugas | Role::Pimpinan | Role::Mediator)
}

/// A session of a case the actor may see. Parties see their own summonses only and no
/// delivery evidence of the other side.
pub fn detail(conn: &mut DbConn, settings: &Settings, actor: &Actor, id: &str) -> Result<HearingDetail, Error> {
    let Loaded { hearing, case } = load(conn, actor, id)?;
    let office = crate::offices::model::find(conn, &case.office_id)?;
    let own_side = match actor.role {
        Role::Pekerja => Some(Side::Pekerja),
        Role::Perusahaan => Some(Side::Pengusaha),
        _ => None,
    };
    let mut summons = Vec::new();
    for s in model::summons_of(conn, &hearing.id)? {
        if own_side.is_some_and(|side| side.as_str() != s.side) {
            continue;
        }
        let (delivery, emails) = delivery_of(conn, &case.office_id, &s)?;
        summons.push(SummonsEvidence {
            delivered_on: delivery.delivered_on(),
            bounced: delivery.bounced,
            receipt_document_id: s.receipt_document_id.clone(),
            emails: if is_staff(actor) { emails } else { Vec::new() },
            row: s,
        });
    }
    let mediator_name = crate::accounts::model::find_user(conn, &hearing.mediator_id)?.full_name;
    let can_manage = must_be_mediator(actor, &case).is_ok();
    Ok(HearingDetail {
        parties: parties_text(conn, &case)?,
        place: place_text(settings, &office.code, &office.address, &hearing, actor.language),
        mediator_name,
        changes: if is_staff(actor) { model::changes(conn, &hearing.id)? } else { Vec::new() },
        can_record_delivery: can_manage || actor.role == Role::Petugas,
        can_manage,
        summons,
        hearing,
        case,
    })
}

/// A summons letter to print, as its addressee or the office sees it.
#[derive(Debug, Clone)]
pub struct SummonsLetterDetail {
    pub summons: SummonsRow,
    pub hearing: HearingRow,
    pub case: CaseRow,
    pub office: crate::offices::model::Office,
    pub parties: String,
    pub place: String,
}

/// Opens a summons: staff of the office, or the party it is addressed to. The party's first
/// opening is kept as evidence that it reached them.
pub fn open_summons(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    hearing_id: &str,
    summons_id: &str,
    now: NaiveDateTime,
) -> Result<SummonsLetterDetail, Error> {
    write_tx(conn, |conn| {
        let Loaded { hearing, case } = load(conn, actor, hearing_id)?;
        let mut s = model::find_summons(conn, &hearing.id, summons_id)?.ok_or(Error::NotFound)?;
        let addressed = match actor.role {
            Role::Pekerja => s.side == Side::Pekerja.as_str(),
            Role::Perusahaan => s.side == Side::Pengusaha.as_str(),
            _ => false,
        };
        if !addressed && !is_staff(actor) {
            return Err(Error::NotFound);
        }
        if addressed && s.opened_at.is_none() && s.withdrawn_at.is_none() {
            model::set_opened(conn, &s.id, now)?;
            record(
                conn,
                &AuditEntry::by(
                    actor,
                    "summons.opened",
                    "summons",
                    &s.id,
                    format!("{} dibuka oleh pihak", s.letter_number.as_deref().unwrap_or("")),
                ),
                now,
            )?;
            s.opened_at = Some(now);
        }
        let office = crate::offices::model::find(conn, &case.office_id)?;
        Ok(SummonsLetterDetail {
            place: place_text(settings, &office.code, &office.address, &hearing, Lang::Id),
            parties: parties_text(conn, &case)?,
            summons: s,
            hearing,
            case,
            office,
        })
    })
}

/// The sessions of a case for its page and for public tracking, in time order.
pub fn of_case(conn: &mut DbConn, case_id: &str) -> Result<Vec<HearingRow>, Error> {
    Ok(model::of_case(conn, case_id)?)
}

/// The sessions of a case still planned and not yet over, for the parties.
pub fn upcoming_of_case(conn: &mut DbConn, case_id: &str, now: NaiveDateTime) -> Result<Vec<HearingRow>, Error> {
    Ok(model::of_case(conn, case_id)?
        .into_iter()
        .filter(|h| h.status == HearingStatus::Dijadwalkan.as_str() && h.ends_at > now)
        .collect())
}

/// The office's schedule on the WIB days `from..=to` (staff of the office).
pub fn schedule(
    conn: &mut DbConn,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
    mediator_id: Option<&str>,
) -> Result<Vec<Listed>, Error> {
    if !is_staff(actor) {
        return Err(Error::Forbidden);
    }
    if to < from || (to - from).num_days() > 62 {
        return Err(Error::invalid(
            "invalid_range",
            "to",
            "Rentang jadwal paling panjang 62 hari.",
            "A schedule spans at most 62 days.",
        ));
    }
    Ok(model::between(conn, &actor.office_id, from, to, mediator_id, false)?)
}

/// The working day after `day` (the front desk's "tomorrow").
pub fn next_working_day(calendar: &crate::calendar::rules::Calendar, day: NaiveDate) -> NaiveDate {
    calendar.add_working_days(day, 1).due
}

/// One mediator's sessions in one week.
#[derive(Debug, Clone, Default)]
pub struct WeekLoad {
    pub sessions: usize,
    pub minutes: i64,
}

/// A case whose 30 WD mediation limit is near or passed.
#[derive(Debug, Clone)]
pub struct Overrun {
    pub case_id: String,
    pub case_label: String,
    pub company_name: String,
    pub mediator_name: String,
    pub due: NaiveDate,
    pub working_days_left: i64,
    pub legal_basis: String,
}

/// The head's view: each mediator's sessions per week, and the mediations running out.
#[derive(Debug, Clone)]
pub struct LoadView {
    pub weeks: Vec<NaiveDate>,
    /// (mediator name, open cases, one entry per week).
    pub mediators: Vec<(String, i64, Vec<WeekLoad>)>,
    pub overruns: Vec<Overrun>,
}

/// Mediator load over `weeks` weeks from the week of `today`, and the cases in mediation whose
/// limit falls within `horizon` working days (or has passed). For the head of the office.
pub fn load_view(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    today: NaiveDate,
    weeks: u32,
    horizon: i64,
) -> Result<LoadView, Error> {
    if actor.role != Role::Pimpinan {
        return Err(Error::Forbidden);
    }
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let week_starts: Vec<NaiveDate> = (0..weeks).map(|w| monday + Duration::weeks(i64::from(w))).collect();
    let end = monday + Duration::weeks(i64::from(weeks)) - Duration::days(1);
    let mediators = cases_model::mediators(conn, &actor.office_id)?;
    let open: BTreeMap<String, i64> = cases_model::open_load(conn, &actor.office_id)?.into_iter().collect();
    let mut per: BTreeMap<String, Vec<WeekLoad>> =
        mediators.iter().map(|(id, _)| (id.clone(), vec![WeekLoad::default(); week_starts.len()])).collect();
    for (mediator, day, starts, ends) in model::load_between(conn, &actor.office_id, monday, end)? {
        let w = ((day - monday).num_days() / 7) as usize;
        if let Some(slot) = per.get_mut(&mediator).and_then(|v| v.get_mut(w)) {
            slot.sessions += 1;
            slot.minutes += (ends - starts).num_minutes();
        }
    }
    let ctx = cases::Ctx::load(conn, settings, &actor.office_id)?;
    let scope = cases::scope(actor)?;
    let names: BTreeMap<String, String> = mediators.iter().cloned().collect();
    let mut overruns = Vec::new();
    for case in cases_model::all_in(conn, &scope, &[Status::Mediasi.as_str()])? {
        for d in cases::deadlines(&ctx, &case.clocks(), today)? {
            if d.rule.code != "mediasi" {
                continue;
            }
            let left = ctx.calendar.count_working_days(today, d.computation.due);
            if left <= horizon {
                overruns.push(Overrun {
                    case_id: case.id.clone(),
                    case_label: case.case_number.clone().unwrap_or_else(|| case.reference.clone()),
                    company_name: case.company_name.clone(),
                    mediator_name: case.mediator_id.as_ref().and_then(|m| names.get(m)).cloned().unwrap_or_default(),
                    due: d.computation.due,
                    working_days_left: left,
                    legal_basis: d.rule.legal_basis.clone(),
                });
            }
        }
    }
    overruns.sort_by_key(|o| o.due);
    Ok(LoadView {
        weeks: week_starts,
        mediators: mediators
            .into_iter()
            .map(|(id, name)| {
                let load = per.remove(&id).unwrap_or_default();
                (name, open.get(&id).copied().unwrap_or(0), load)
            })
            .collect(),
        overruns,
    })
}

// ---- calendar feeds ----

/// The feeds the actor manages: a mediator their own; the head every feed of the office; the
/// desk the office feed.
pub fn feeds(conn: &mut DbConn, actor: &Actor) -> Result<Vec<FeedRow>, Error> {
    Ok(match actor.role {
        Role::Mediator => model::feeds(conn, &actor.office_id, Some(&actor.user_id))?,
        Role::Pimpinan => model::feeds(conn, &actor.office_id, None)?,
        Role::Petugas => {
            model::feeds(conn, &actor.office_id, None)?.into_iter().filter(|f| f.scope == "office").collect()
        }
        _ => return Err(Error::Forbidden),
    })
}

/// Makes a private feed: a mediator's own ("mediator") or the office's ("office", head or
/// desk). Returns the row and the token, shown once; only its hash is kept.
pub fn create_feed(
    conn: &mut DbConn,
    actor: &Actor,
    scope: &str,
    now: NaiveDateTime,
) -> Result<(FeedRow, String), Error> {
    let user_id = match (scope, actor.role) {
        ("mediator", Role::Mediator) => Some(actor.user_id.clone()),
        ("office", Role::Pimpinan | Role::Petugas) => None,
        ("mediator" | "office", _) => return Err(Error::Forbidden),
        _ => {
            return Err(Error::invalid(
                "invalid_scope",
                "scope",
                "Jenis langganan: mediator atau kantor.",
                "Feed scope: mediator or office.",
            ))
        }
    };
    let token = format!("cal_{}", crate::secrets::random_token());
    write_tx(conn, |conn| {
        let row = FeedRow {
            id: uuid::Uuid::now_v7().to_string(),
            office_id: actor.office_id.clone(),
            scope: scope.into(),
            user_id: user_id.clone(),
            token_hash: crate::secrets::token_hash(&token),
            created_by: actor.user_id.clone(),
            created_at: now,
            revoked_at: None,
        };
        model::insert_feed(conn, &row)?;
        record(conn, &AuditEntry::by(actor, "calendar_feed.create", "calendar_feed", &row.id, scope.to_string()), now)?;
        Ok((row, token.clone()))
    })
}

/// Revokes a feed at once; its URL answers 404 from then on.
pub fn revoke_feed(conn: &mut DbConn, actor: &Actor, id: &str, now: NaiveDateTime) -> Result<(), Error> {
    write_tx(conn, |conn| {
        let feed = feeds(conn, actor)?.into_iter().find(|f| f.id == id).ok_or(Error::NotFound)?;
        model::revoke_feed(conn, &feed.id, now)?;
        record(conn, &AuditEntry::by(actor, "calendar_feed.revoke", "calendar_feed", &feed.id, feed.scope), now)?;
        Ok(())
    })
}

/// The iCalendar text of a live feed, or `None` (404) for an unknown or revoked token, or a
/// mediator who no longer is one. Carries the sessions of the last `feed_past_weeks` weeks
/// and all to come; only case numbers, parties' names, agenda and place.
pub fn feed_ics(
    conn: &mut DbConn,
    settings: &Settings,
    token: &str,
    today: NaiveDate,
) -> Result<Option<String>, Error> {
    let Some(feed) = model::live_feed(conn, &crate::secrets::token_hash(token))? else { return Ok(None) };
    let office = crate::offices::model::find(conn, &feed.office_id)?;
    let (mediator, name) = match &feed.user_id {
        Some(uid) => {
            let user = crate::accounts::model::find_user(conn, uid)?;
            if user.status != "active" || user.role != Role::Mediator.as_str() || user.office_id != feed.office_id {
                return Ok(None);
            }
            (Some(uid.clone()), format!("Jadwal sidang {} — {}", user.full_name, office.short_name))
        }
        None => (None, format!("Jadwal sidang {}", office.short_name)),
    };
    let from = today - Duration::weeks(i64::from(settings.schedules.feed_past_weeks));
    let to = today + Duration::days(400);
    let rows = model::between(conn, &feed.office_id, from, to, mediator.as_deref(), false)?;
    let mut events = Vec::with_capacity(rows.len());
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for r in &rows {
        let parties = match names.get(&r.hearing.case_id) {
            Some(p) => p.clone(),
            None => {
                let case = cases_model::find_any(conn, &r.hearing.case_id)?.ok_or(Error::NotFound)?;
                let p = parties_text(conn, &case)?;
                names.insert(case.id.clone(), p.clone());
                p
            }
        };
        let mut e = session_event(settings, &office, &r.hearing, r.case_label(), &parties);
        e.description = format!("{}\nMediator: {}", e.description, r.mediator_name);
        events.push(e);
    }
    Ok(Some(ics::feed(&name, &events)))
}
