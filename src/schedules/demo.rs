//! Demo sessions for `harmoni demo`: a mediator plans a case's session in the first free room
//! and time (never double-booking a mediator, room or party), the desk hands both summonses
//! over the same day, and a session whose day has come gets its attendance and minutes.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::accounts::Actor;
use crate::config::Settings;
use crate::db::DbConn;
use crate::error::Error;
use crate::schedules::model;
use crate::schedules::service::{self, HandOverInput, OutcomeInput, PlanInput, PlanOutcome};

/// Times of day the demo tries, in order.
const SLOTS: [(&str, &str); 3] = [("09:00", "11:00"), ("13:00", "15:00"), ("10:00", "12:00")];

fn at(day: NaiveDate, utc_hour: u32) -> NaiveDateTime {
    day.and_hms_opt(utc_hour, 0, 0).unwrap_or_default()
}

/// What happened at a demo session.
pub struct Attendance {
    pub worker_present: bool,
    pub company_present: bool,
    pub minutes: String,
}

/// Plans a mediation session of a case on `plan_day` (the mediator's), a week or more ahead in
/// the first slot that clashes with nothing and gives proper notice; the desk hands the
/// summonses over that day. When the session's day is not after `today` its outcome is
/// recorded. Returns the day it was held, or `None` when nothing was held yet (planning day
/// still to come, or the session upcoming).
#[allow(clippy::too_many_arguments)]
pub fn session(
    conn: &mut DbConn,
    settings: &Settings,
    desk: &Actor,
    mediator: &Actor,
    case_id: &str,
    plan_day: NaiveDate,
    today: NaiveDate,
    attendance: Attendance,
) -> Result<Option<NaiveDate>, Error> {
    if plan_day > today {
        return Ok(None);
    }
    let office_code = crate::offices::model::find(conn, &mediator.office_id)?.code;
    let rooms: Vec<String> = service::rooms(settings, &office_code).iter().map(|r| r.code.clone()).collect();
    let mut places: Vec<(String, String)> = if rooms.is_empty() {
        vec![(String::new(), format!("https://meet.demo.harmoni.invalid/{case_id}"))]
    } else {
        rooms.into_iter().map(|r| (r, String::new())).collect()
    };
    // Each mediator starts from a room of their own, as an office shares its rooms out.
    let first = mediator.user_id.bytes().map(usize::from).sum::<usize>() % places.len();
    places.rotate_left(first);
    let now = at(plan_day, 2);
    let mut planned = None;
    'search: for offset in 7..35 {
        let day = plan_day + Duration::days(offset);
        for (start, end) in SLOTS {
            for (room, online_url) in &places {
                let input = PlanInput {
                    kind: "mediasi".into(),
                    date: day.to_string(),
                    start_time: start.into(),
                    end_time: end.into(),
                    room: room.clone(),
                    online_url: online_url.clone(),
                    summon_worker: true,
                    summon_company: true,
                    agenda: "Mendengar keterangan para pihak dan mengupayakan kesepakatan.".into(),
                    reason: String::new(),
                };
                let outcome = match service::plan(conn, settings, mediator, case_id, &input, false, plan_day, now) {
                    Err(Error::Invalid(p)) if p.code == "not_a_working_day" => continue 'search,
                    other => other?,
                };
                let hearing = match outcome {
                    PlanOutcome::Saved(h, _) => *h,
                    // A late first session is the demo's truth too; clashes and short notice are not.
                    PlanOutcome::NeedsConfirmation(w) if w.clashes.is_empty() && !w.short_notice => {
                        match service::plan(conn, settings, mediator, case_id, &input, true, plan_day, now)? {
                            PlanOutcome::Saved(h, _) => *h,
                            PlanOutcome::NeedsConfirmation(_) => continue,
                        }
                    }
                    PlanOutcome::NeedsConfirmation(_) => continue,
                };
                planned = Some(hearing);
                break 'search;
            }
        }
    }
    let Some(hearing) = planned else { return Ok(None) };
    for s in model::summons_of(conn, &hearing.id)? {
        let input = HandOverInput {
            handed_over_on: plan_day.to_string(),
            handed_over_to: if s.side == "pekerja" { "Pelapor (diterima sendiri)" } else { "Bagian HRD perusahaan" }
                .into(),
        };
        service::hand_over(conn, desk, &hearing.id, &s.id, &input, None, plan_day, now)?;
    }
    if hearing.held_on > today {
        return Ok(None);
    }
    let outcome = OutcomeInput {
        worker_present: attendance.worker_present,
        company_present: attendance.company_present,
        minutes: attendance.minutes,
    };
    service::record_outcome(conn, settings, mediator, &hearing.id, &outcome, hearing.held_on, at(hearing.held_on, 9))?;
    Ok(Some(hearing.held_on))
}
