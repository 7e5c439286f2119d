//! LKS Tripartit use cases. The Disnaker is the secretariat: administrators and desk officers
//! record terms, meetings and recommendations; leadership and mediators read; companies and
//! workers have no access. Every change is one transaction with its audit row.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::calendar::service::parse_date;
use crate::config::TripartitSettings;
use crate::db::{write_tx, DbConn};
use crate::documents::model::DocumentRow;
use crate::documents::service::{self as documents, Owner, Stored};
use crate::error::{Bilingual, Error, Problem};
use crate::tripartit::model::{self, AttendanceRow, MeetingRow, MemberRow, RecommendationRow, TermRow};
use crate::tripartit::rules::{self, MeetingDue, RecStatus};

const READERS: [Role; 4] = [Role::Admin, Role::Petugas, Role::Pimpinan, Role::Mediator];
const MANAGERS: [Role; 2] = [Role::Admin, Role::Petugas];

/// The `owner_kind` of a meeting's minutes in `documents`; the newest upload is the one shown.
pub const MINUTES_KIND: &str = "tripartit_meeting";

/// The recipient of a recommendation when none is named.
pub const DEFAULT_ADDRESSEE: &str = "Wali Kota Bekasi";

/// Whether the actor keeps the LKS Tripartit records (the secretariat).
pub fn can_manage(actor: &Actor) -> bool {
    MANAGERS.contains(&actor.role)
}

fn invalid(p: Problem) -> Error {
    Error::Invalid(p)
}

/// A term as typed: the SK Wali Kota, its dates, and the members one per line.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct TermInput {
    /// Number of the Wali Kota's decree (SK) appointing the members.
    pub decree_number: String,
    /// First day of the term (YYYY-MM-DD), not in the future.
    pub starts_on: String,
    /// The day the term ends (YYYY-MM-DD); empty: the same day `term_years` later.
    #[serde(default)]
    pub ends_on: String,
    /// One member per line: name; pemerintah, pengusaha or pekerja; organisation; ketua,
    /// wakil_ketua, sekretaris or anggota.
    pub members: String,
}

pub fn create_term(
    conn: &mut DbConn,
    actor: &Actor,
    input: &TermInput,
    settings: &TripartitSettings,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<(TermRow, Vec<MemberRow>), Error> {
    actor.require(&MANAGERS)?;
    let decree_number = crate::input::line(&input.decree_number, "decree_number", 3, 100).map_err(invalid)?;
    let starts_on = crate::input::past_date(&input.starts_on, "starts_on", today)?;
    let given_end = match input.ends_on.trim() {
        "" => None,
        raw => Some(parse_date(raw, "ends_on")?),
    };
    let ends_on = rules::term_end(starts_on, given_end, settings.term_years).map_err(invalid)?;
    let lines = rules::parse_members(&input.members).map_err(invalid)?;
    rules::check_members(&lines).map_err(invalid)?;
    write_tx(conn, |conn| {
        if let Some(other) = model::overlapping(conn, &actor.office_id, starts_on, ends_on)? {
            return Err(Error::Conflict(Problem {
                code: "tripartit_term_overlap",
                field: Some("starts_on"),
                message: Bilingual::new(
                    format!(
                        "Masa bakti ini bertumpang tindih dengan periode SK {} ({} sampai {}).",
                        other.decree_number, other.starts_on, other.ends_on
                    ),
                    format!(
                        "This term overlaps the term of decree {} ({} to {}).",
                        other.decree_number, other.starts_on, other.ends_on
                    ),
                ),
            }));
        }
        let term = TermRow {
            id: uuid::Uuid::new_v4().to_string(),
            office_id: actor.office_id.clone(),
            decree_number: decree_number.clone(),
            starts_on,
            ends_on,
            created_at: now,
        };
        let members: Vec<MemberRow> = lines
            .iter()
            .enumerate()
            .map(|(i, m)| MemberRow {
                id: uuid::Uuid::new_v4().to_string(),
                term_id: term.id.clone(),
                position: i as i32,
                name: m.name.clone(),
                side: m.side.as_str().into(),
                organisation: m.organisation.clone(),
                role: m.seat.as_str().into(),
            })
            .collect();
        model::insert_term(conn, &term, &members)?;
        let chair = lines.iter().find(|m| m.seat == rules::Seat::Ketua).map(|m| m.name.as_str()).unwrap_or("-");
        record(
            conn,
            &AuditEntry::by(
                actor,
                "tripartit.term_create",
                "tripartit_term",
                &term.id,
                format!(
                    "Periode LKS Tripartit dicatat: SK {decree_number}, {starts_on} sampai {ends_on}, {} anggota ({} per unsur), ketua {chair}",
                    members.len(),
                    members.len() / 3
                ),
            ),
            now,
        )?;
        Ok((term, members))
    })
}

/// A meeting with how many of the term's members came.
#[derive(Debug, Clone)]
pub struct MeetingSummary {
    pub meeting: MeetingRow,
    pub present: i64,
    pub asked: i64,
}

/// When the next meeting of a term in force is due, as of a day.
#[derive(Debug, Clone, Copy)]
pub struct NextMeeting {
    pub last: Option<NaiveDate>,
    pub due: NaiveDate,
    pub state: MeetingDue,
}

/// A term with everything recorded under it.
#[derive(Debug, Clone)]
pub struct TermDetail {
    pub term: TermRow,
    pub members: Vec<MemberRow>,
    pub meetings: Vec<MeetingSummary>,
    pub recommendations: Vec<(RecommendationRow, MeetingRow)>,
    /// Only for a term in force on the day asked about.
    pub next_meeting: Option<NextMeeting>,
}

fn summaries(conn: &mut DbConn, meetings: Vec<MeetingRow>) -> Result<Vec<MeetingSummary>, Error> {
    let ids: Vec<&str> = meetings.iter().map(|m| m.id.as_str()).collect();
    let counts = model::attendance_counts(conn, &ids)?;
    Ok(meetings
        .into_iter()
        .map(|meeting| {
            let (present, asked) =
                counts.iter().find(|(id, _, _)| *id == meeting.id).map(|(_, p, a)| (*p, *a)).unwrap_or((0, 0));
            MeetingSummary { meeting, present, asked }
        })
        .collect())
}

fn detail(
    conn: &mut DbConn,
    term: TermRow,
    as_of: NaiveDate,
    settings: &TripartitSettings,
) -> Result<TermDetail, Error> {
    let members = model::members(conn, &term.id)?;
    let rows = model::meetings(conn, &term.office_id, Some(&term.id))?;
    let meetings = summaries(conn, rows)?;
    let recommendations = model::recommendations(conn, &term.office_id, Some(&term.id), None)?;
    let next_meeting = if term.in_force_on(as_of) {
        let last = model::last_meeting(conn, &term.id, as_of)?;
        let due = rules::next_meeting_due(term.starts_on, last, settings.meeting_interval_months);
        Some(NextMeeting { last, due, state: rules::meeting_due(due, as_of) })
    } else {
        None
    };
    Ok(TermDetail { term, members, meetings, recommendations, next_meeting })
}

/// The office's LKS Tripartit as of a day: the term then in force with its records, and all terms.
#[derive(Debug, Clone)]
pub struct Overview {
    pub current: Option<TermDetail>,
    pub terms: Vec<TermRow>,
}

pub fn overview(
    conn: &mut DbConn,
    actor: &Actor,
    as_of: NaiveDate,
    settings: &TripartitSettings,
) -> Result<Overview, Error> {
    actor.require(&READERS)?;
    let terms = model::terms(conn, &actor.office_id)?;
    let current = match terms.iter().find(|t| t.in_force_on(as_of)) {
        Some(t) => Some(detail(conn, t.clone(), as_of, settings)?),
        None => None,
    };
    Ok(Overview { current, terms })
}

pub fn terms(conn: &mut DbConn, actor: &Actor) -> Result<Vec<TermRow>, Error> {
    actor.require(&READERS)?;
    Ok(model::terms(conn, &actor.office_id)?)
}

pub fn term(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    as_of: NaiveDate,
    settings: &TripartitSettings,
) -> Result<TermDetail, Error> {
    actor.require(&READERS)?;
    let term = model::find_term(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
    detail(conn, term, as_of, settings)
}

/// The term in force on a day with its members: whom a meeting on that day invites.
pub fn term_on(conn: &mut DbConn, actor: &Actor, day: NaiveDate) -> Result<Option<(TermRow, Vec<MemberRow>)>, Error> {
    actor.require(&MANAGERS)?;
    match model::term_on(conn, &actor.office_id, day)? {
        Some(t) => {
            let members = model::members(conn, &t.id)?;
            Ok(Some((t, members)))
        }
        None => Ok(None),
    }
}

/// A meeting as typed: the day, the agenda, the minutes, and who came.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct MeetingInput {
    /// Day of the meeting (YYYY-MM-DD), not in the future.
    pub held_on: String,
    pub agenda: String,
    /// Text of the minutes (notulen); may be empty.
    #[serde(default)]
    pub minutes_summary: String,
    /// Ids of the members present, all of the term in force on that day; the others are
    /// recorded as absent.
    #[serde(default)]
    pub present: Vec<String>,
    /// The term whose members were offered for the attendance list; when the day falls in
    /// another term the meeting is refused so that the list can be picked again.
    #[serde(default)]
    pub term_id: Option<String>,
}

/// Records a meeting with its attendance and, when uploaded (and already written to the
/// storage directory), its minutes document, all in one transaction.
pub fn create_meeting(
    conn: &mut DbConn,
    actor: &Actor,
    input: &MeetingInput,
    minutes_file: Option<&Stored>,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<MeetingRow, Error> {
    actor.require(&MANAGERS)?;
    let held_on = crate::input::past_date(&input.held_on, "held_on", today)?;
    let agenda = crate::input::line(&input.agenda, "agenda", 3, 1000).map_err(invalid)?;
    let minutes = crate::input::text(&input.minutes_summary, "minutes_summary", 0, 50_000).map_err(invalid)?;
    write_tx(conn, |conn| {
        let term = model::term_on(conn, &actor.office_id, held_on)?.ok_or_else(|| {
            Error::invalid(
                "no_term_on_date",
                "held_on",
                "Tidak ada periode LKS Tripartit yang berlaku pada tanggal itu; catat periodenya dahulu.",
                "No LKS Tripartit term was in force on that day; record the term first.",
            )
        })?;
        if input.term_id.as_deref().is_some_and(|t| !t.is_empty() && t != term.id) {
            return Err(Error::invalid(
                "attendance_of_other_term",
                "held_on",
                "Tanggal rapat jatuh pada periode lain; daftar hadir sudah diganti dengan anggota periode itu, centang lagi yang hadir.",
                "The meeting day falls in another term; the attendance list now shows that term's members, tick who came again.",
            ));
        }
        let members = model::members(conn, &term.id)?;
        if let Some(stranger) = input.present.iter().find(|p| !members.iter().any(|m| &m.id == *p)) {
            return Err(Error::Invalid(Problem {
                code: "unknown_member",
                field: Some("present"),
                message: Bilingual::new(
                    format!("{stranger} bukan anggota periode yang berlaku pada tanggal rapat."),
                    format!("{stranger} is not a member of the term in force on the meeting day."),
                ),
            }));
        }
        if let Some(other) = model::meeting_on(conn, &actor.office_id, held_on)? {
            return Err(Error::Conflict(Problem {
                code: "tripartit_meeting_exists",
                field: Some("held_on"),
                message: Bilingual::new(
                    format!("Sudah ada rapat pada tanggal itu (/tripartit/rapat/{}).", other.id),
                    format!("A meeting on that day is already recorded (/tripartit/rapat/{}).", other.id),
                ),
            }));
        }
        let meeting = MeetingRow {
            id: uuid::Uuid::new_v4().to_string(),
            office_id: actor.office_id.clone(),
            term_id: term.id.clone(),
            held_on,
            agenda: agenda.clone(),
            minutes_summary: minutes.clone(),
            created_at: now,
        };
        let attendance: Vec<AttendanceRow> = members
            .iter()
            .map(|m| AttendanceRow {
                meeting_id: meeting.id.clone(),
                member_id: m.id.clone(),
                present: input.present.contains(&m.id),
            })
            .collect();
        model::insert_meeting(conn, &meeting, &attendance)?;
        let present = attendance.iter().filter(|a| a.present).count();
        record(
            conn,
            &AuditEntry::by(
                actor,
                "tripartit.meeting_create",
                "tripartit_meeting",
                &meeting.id,
                format!(
                    "Rapat LKS Tripartit {held_on} dicatat: {agenda}; hadir {present} dari {} anggota{}",
                    attendance.len(),
                    if minutes.is_empty() { "; notulen belum ditulis" } else { "" }
                ),
            ),
            now,
        )?;
        if let Some(stored) = minutes_file {
            attach(conn, actor, &meeting, stored, now)?;
        }
        Ok(meeting)
    })
}

fn attach(
    conn: &mut DbConn,
    actor: &Actor,
    meeting: &MeetingRow,
    stored: &Stored,
    now: NaiveDateTime,
) -> Result<DocumentRow, Error> {
    let owner = Owner { kind: MINUTES_KIND, id: &meeting.id, company_id: None };
    let summary = format!("Berkas notulen rapat LKS Tripartit {}", meeting.held_on);
    documents::attach(conn, actor, owner, stored, ("tripartit_meeting", &meeting.id), summary, now)
}

/// Attaches a minutes document to a recorded meeting of the office. A later upload replaces
/// the earlier one on the page; the earlier stays on record.
pub fn attach_minutes(
    conn: &mut DbConn,
    actor: &Actor,
    meeting_id: &str,
    stored: &Stored,
    now: NaiveDateTime,
) -> Result<DocumentRow, Error> {
    actor.require(&MANAGERS)?;
    write_tx(conn, |conn| {
        let meeting = model::find_meeting(conn, &actor.office_id, meeting_id)?.ok_or(Error::NotFound)?;
        attach(conn, actor, &meeting, stored, now)
    })
}

pub fn meetings(conn: &mut DbConn, actor: &Actor, term_id: Option<&str>) -> Result<Vec<MeetingSummary>, Error> {
    actor.require(&READERS)?;
    let rows = model::meetings(conn, &actor.office_id, term_id)?;
    summaries(conn, rows)
}

/// A meeting with its term, attendance, minutes document and the recommendations made at it.
#[derive(Debug, Clone)]
pub struct MeetingDetail {
    pub meeting: MeetingRow,
    pub term: TermRow,
    pub attendance: Vec<(MemberRow, bool)>,
    pub recommendations: Vec<RecommendationRow>,
    /// The newest uploaded minutes document.
    pub minutes: Option<DocumentRow>,
}

pub fn meeting(conn: &mut DbConn, actor: &Actor, id: &str) -> Result<MeetingDetail, Error> {
    actor.require(&READERS)?;
    let meeting = model::find_meeting(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
    let term = model::find_term(conn, &actor.office_id, &meeting.term_id)?.ok_or(Error::NotFound)?;
    let attendance = model::attendance(conn, &meeting.id)?;
    let recommendations = model::recommendations_of(conn, &meeting.id)?;
    let minutes = documents::latest(conn, MINUTES_KIND, std::slice::from_ref(&meeting.id))?.remove(&meeting.id);
    Ok(MeetingDetail { meeting, term, attendance, recommendations, minutes })
}

/// A recommendation as typed at a meeting.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct RecommendationInput {
    pub subject: String,
    pub text: String,
    /// To whom it is addressed; empty: the Wali Kota.
    #[serde(default)]
    pub addressed_to: String,
}

pub fn add_recommendation(
    conn: &mut DbConn,
    actor: &Actor,
    meeting_id: &str,
    input: &RecommendationInput,
    now: NaiveDateTime,
) -> Result<RecommendationRow, Error> {
    actor.require(&MANAGERS)?;
    let subject = crate::input::line(&input.subject, "subject", 3, 200).map_err(invalid)?;
    let text = crate::input::text(&input.text, "text", 3, 10_000).map_err(invalid)?;
    let addressed_to = match input.addressed_to.trim() {
        "" => DEFAULT_ADDRESSEE.to_string(),
        raw => crate::input::line(raw, "addressed_to", 3, 200).map_err(invalid)?,
    };
    write_tx(conn, |conn| {
        let meeting = model::find_meeting(conn, &actor.office_id, meeting_id)?.ok_or(Error::NotFound)?;
        let row = RecommendationRow {
            id: uuid::Uuid::new_v4().to_string(),
            office_id: actor.office_id.clone(),
            meeting_id: meeting.id.clone(),
            subject: subject.clone(),
            text: text.clone(),
            addressed_to: addressed_to.clone(),
            status: RecStatus::Diajukan.as_str().into(),
            follow_up: String::new(),
            status_on: meeting.held_on,
            created_at: now,
            updated_at: now,
        };
        model::insert_recommendation(conn, &row)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "tripartit.recommendation_create",
                "tripartit_recommendation",
                &row.id,
                format!("Rekomendasi rapat {} kepada {addressed_to} dicatat: {subject}", meeting.held_on),
            ),
            now,
        )?;
        Ok(row)
    })
}

pub fn recommendations(
    conn: &mut DbConn,
    actor: &Actor,
    status: Option<&str>,
) -> Result<Vec<(RecommendationRow, MeetingRow)>, Error> {
    actor.require(&READERS)?;
    if let Some(s) = status {
        RecStatus::parse(s).ok_or_else(|| {
            Error::invalid(
                "invalid_parameter",
                "status",
                "Status harus diajukan, ditindaklanjuti, selesai atau tidak_ditindaklanjuti.",
                "Status must be diajukan, ditindaklanjuti, selesai or tidak_ditindaklanjuti.",
            )
        })?;
    }
    Ok(model::recommendations(conn, &actor.office_id, None, status)?)
}

pub fn recommendation(conn: &mut DbConn, actor: &Actor, id: &str) -> Result<(RecommendationRow, MeetingRow), Error> {
    actor.require(&READERS)?;
    model::find_recommendation(conn, &actor.office_id, id)?.ok_or(Error::NotFound)
}

/// A status change as typed: the new status, what was done, and since when.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct StatusInput {
    /// ditindaklanjuti, selesai or tidak_ditindaklanjuti (forward moves only).
    pub status: String,
    /// What was done, or why not.
    #[serde(default)]
    pub follow_up: String,
    /// Day of the change (YYYY-MM-DD); empty: today.
    #[serde(default)]
    pub status_on: String,
}

pub fn change_status(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    input: &StatusInput,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<RecommendationRow, Error> {
    actor.require(&MANAGERS)?;
    let to = RecStatus::parse(input.status.trim()).ok_or_else(|| {
        Error::invalid(
            "invalid_status",
            "status",
            "Pilih status baru: ditindaklanjuti, selesai atau tidak ditindaklanjuti.",
            "Choose the new status: ditindaklanjuti, selesai or tidak_ditindaklanjuti.",
        )
    })?;
    let status_on = match input.status_on.trim() {
        "" => today,
        raw => crate::input::past_date(raw, "status_on", today)?,
    };
    let note = crate::input::text(&input.follow_up, "follow_up", 3, 5_000).map_err(|_| {
        Error::invalid(
            "follow_up_required",
            "follow_up",
            "Tuliskan tindak lanjutnya (atau alasan tidak ditindaklanjuti), 3 sampai 5.000 karakter.",
            "Describe the follow-up (or why there is none), 3 to 5,000 characters.",
        )
    })?;
    write_tx(conn, |conn| {
        let (row, _) = model::find_recommendation(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
        let from = RecStatus::parse(&row.status).ok_or_else(|| Error::internal("unknown recommendation status"))?;
        rules::transition(from, to).map_err(invalid)?;
        if status_on < row.status_on {
            return Err(Error::Invalid(Problem {
                code: "status_date_before_last",
                field: Some("status_on"),
                message: Bilingual::new(
                    format!("Tanggal tidak boleh sebelum perubahan status terakhir ({}).", row.status_on),
                    format!("The date cannot be before the last status change ({}).", row.status_on),
                ),
            }));
        }
        // The notes keep every step: one entry per change, dated, newest last.
        let entry = format!("{status_on} {}: {note}", to.label(harmoni_templates::Lang::Id));
        let follow_up = if row.follow_up.is_empty() { entry } else { format!("{}\n{entry}", row.follow_up) };
        model::set_status(conn, &row.id, to.as_str(), &follow_up, status_on, now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "tripartit.recommendation_status",
                "tripartit_recommendation",
                &row.id,
                format!(
                    "Status rekomendasi \"{}\": {} → {} per {status_on}. {note}",
                    row.subject,
                    from.label(harmoni_templates::Lang::Id),
                    to.label(harmoni_templates::Lang::Id)
                ),
            ),
            now,
        )?;
        Ok(RecommendationRow { status: to.as_str().into(), follow_up, status_on, updated_at: now, ..row })
    })
}
