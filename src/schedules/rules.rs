//! Scheduling law and policy, pure: when a session may be held, what clashes with what, when
//! a summons is proper, and how the first mediation session stands against its 7 WD limit.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use harmoni_templates::Lang;

use crate::calendar::data::DeadlineRule;
use crate::calendar::local::{local_date, local_time, OfficeHours, WIB_HOURS};
use crate::calendar::rules::{Calendar, Computation, SkipReason};
use crate::error::Problem;

/// What a session is for: a clarification (does not count toward the 30 WD) or mediation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HearingKind {
    Klarifikasi,
    Mediasi,
}

impl HearingKind {
    pub const ALL: [HearingKind; 2] = [HearingKind::Klarifikasi, HearingKind::Mediasi];

    pub fn as_str(self) -> &'static str {
        match self {
            HearingKind::Klarifikasi => "klarifikasi",
            HearingKind::Mediasi => "mediasi",
        }
    }

    pub fn parse(s: &str) -> Option<HearingKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            HearingKind::Klarifikasi => l.t("Klarifikasi", "Clarification"),
            HearingKind::Mediasi => l.t("Sidang mediasi", "Mediation session"),
        }
    }
}

/// Where a planned session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HearingStatus {
    Dijadwalkan,
    Selesai,
    Dibatalkan,
}

impl HearingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            HearingStatus::Dijadwalkan => "dijadwalkan",
            HearingStatus::Selesai => "selesai",
            HearingStatus::Dibatalkan => "dibatalkan",
        }
    }

    pub fn parse(s: &str) -> Option<HearingStatus> {
        [HearingStatus::Dijadwalkan, HearingStatus::Selesai, HearingStatus::Dibatalkan]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            HearingStatus::Dijadwalkan => l.t("Dijadwalkan", "Scheduled"),
            HearingStatus::Selesai => l.t("Selesai (hasil dicatat)", "Held (outcome recorded)"),
            HearingStatus::Dibatalkan => l.t("Dibatalkan", "Cancelled"),
        }
    }
}

/// A session's time as planned: the WIB day, start and end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub day: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Slot {
    pub fn starts_at(&self) -> NaiveDateTime {
        crate::calendar::local::utc_of(self.day, self.start)
    }

    pub fn ends_at(&self) -> NaiveDateTime {
        crate::calendar::local::utc_of(self.day, self.end)
    }

    /// The slot of stored UTC times.
    pub fn of_utc(starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> Slot {
        let local = |t: NaiveDateTime| (t + chrono::Duration::hours(WIB_HOURS)).time();
        Slot { day: local_date(starts_at), start: local(starts_at), end: local(ends_at) }
    }
}

/// Parses a time of day typed as "09:00" or "09.00".
pub fn parse_time(raw: &str, field: &'static str) -> Result<NaiveTime, Problem> {
    NaiveTime::parse_from_str(&raw.trim().replace('.', ":"), "%H:%M").map_err(|_| {
        Problem::at(
            "invalid_time",
            field,
            "Tulis jam (WIB) dengan format JJ:MM, misalnya 09:00.",
            "Write the time (WIB) as HH:MM, e.g. 09:00.",
        )
    })
}

fn hhmm(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "Senin, 9 Maret 2026, 09:00–11:00 WIB".
pub fn when_text(starts_at: NaiveDateTime, ends_at: NaiveDateTime, l: Lang) -> String {
    format!("{}, {}–{} WIB", l.date_long(local_date(starts_at)), local_time(starts_at), local_time(ends_at))
}

/// Why a session cannot be held at this time; the first failing rule is reported.
///
/// `now` is the current UTC time: a session is planned for the future only.
pub fn check_slot(
    calendar: &Calendar,
    hours: OfficeHours,
    max_minutes: u32,
    slot: &Slot,
    now: NaiveDateTime,
) -> Result<(), Problem> {
    if let Some(reason) = calendar.non_working_reason(slot.day) {
        let (id, en) = match reason {
            SkipReason::Weekend(_) => ("akhir pekan".to_string(), "a weekend".to_string()),
            SkipReason::Listed(h) => (h.name_id.clone(), h.name_en.clone()),
        };
        return Err(Problem::at(
            "not_a_working_day",
            "date",
            format!("{} bukan hari kerja kantor ({id}). Pilih hari kerja lain.", Lang::Id.date_long(slot.day)),
            format!(
                "{} is not a working day of the office ({en}). Choose another working day.",
                Lang::En.date_long(slot.day)
            ),
        ));
    }
    if slot.end <= slot.start {
        return Err(Problem::at(
            "end_before_start",
            "end_time",
            "Jam selesai harus setelah jam mulai.",
            "The end time must be after the start time.",
        ));
    }
    if slot.start < hours.opens || slot.end > hours.closes {
        return Err(Problem::at(
            "outside_office_hours",
            "start_time",
            format!(
                "Sidang hanya dapat dijadwalkan pada jam kantor, {}–{} WIB.",
                hhmm(hours.opens),
                hhmm(hours.closes)
            ),
            format!(
                "Sessions can only be planned within office hours, {}–{} WIB.",
                hhmm(hours.opens),
                hhmm(hours.closes)
            ),
        ));
    }
    let minutes = (slot.end - slot.start).num_minutes();
    if minutes > i64::from(max_minutes) {
        return Err(Problem::at(
            "session_too_long",
            "end_time",
            format!("Satu sidang paling lama {max_minutes} menit."),
            format!("A session lasts at most {max_minutes} minutes."),
        ));
    }
    if slot.starts_at() <= now {
        return Err(Problem::at(
            "session_in_past",
            "date",
            "Waktu sidang sudah lewat. Jadwal dibuat untuk waktu yang akan datang; hasil sidang yang sudah terjadi dicatat pada sidang yang dijadwalkan.",
            "That time has passed. Schedules are for the future; the outcome of a session held is recorded on its schedule.",
        ));
    }
    Ok(())
}

/// A session already on the books, as the clash check sees it.
#[derive(Debug, Clone)]
pub struct Booking {
    pub hearing_id: String,
    pub case_label: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub mediator_id: String,
    pub room: Option<String>,
    /// Who is summoned, as comparable keys (the company, the union, the complainant's account).
    pub parties: Vec<String>,
}

/// The parties of a case as the clash check compares them.
#[derive(Debug, Clone, Copy)]
pub struct Parties<'a> {
    pub filed_by: &'a str,
    pub union_name: Option<&'a str>,
    pub company_id: Option<&'a str>,
    pub company_name: &'a str,
}

impl Parties<'_> {
    /// Comparable keys of the sides summoned: the complainant's account and union for the
    /// workers, the register's company (or its name) for the employer.
    pub fn keys(&self, worker: bool, company: bool) -> Vec<String> {
        let mut keys = Vec::new();
        if worker {
            keys.push(format!("filer:{}", self.filed_by));
            keys.extend(self.union_name.map(|u| format!("union:{u}")));
        }
        if company {
            keys.push(match self.company_id {
                Some(id) => format!("company:{id}"),
                None => format!("company-name:{}", self.company_name.to_lowercase()),
            });
        }
        keys
    }
}

/// What is double-booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClashKind {
    Mediator,
    Room,
    Party,
}

impl ClashKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClashKind::Mediator => "mediator",
            ClashKind::Room => "room",
            ClashKind::Party => "party",
        }
    }
}

/// A warning that a planned session overlaps another one; planning still goes ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub kind: ClashKind,
    pub hearing_id: String,
    pub case_label: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

impl Clash {
    pub fn message(&self, l: Lang) -> String {
        let (when, case) = (when_text(self.starts_at, self.ends_at, l), &self.case_label);
        match (self.kind, l) {
            (ClashKind::Mediator, Lang::Id) => format!("Mediator sudah mempunyai sidang perkara {case} pada {when}."),
            (ClashKind::Mediator, Lang::En) => format!("The mediator already has a session of case {case} on {when}."),
            (ClashKind::Room, Lang::Id) => format!("Ruangan sudah dipakai sidang perkara {case} pada {when}."),
            (ClashKind::Room, Lang::En) => format!("The room is already taken by a session of case {case} on {when}."),
            (ClashKind::Party, Lang::Id) => {
                format!("Salah satu pihak sudah dipanggil ke sidang perkara {case} pada {when}.")
            }
            (ClashKind::Party, Lang::En) => {
                format!("A party is already summoned to a session of case {case} on {when}.")
            }
        }
    }
}

/// Overlaps of a plan with the other sessions still planned (the plan itself excluded).
pub fn clashes(plan: &Booking, others: &[Booking]) -> Vec<Clash> {
    let mut out = Vec::new();
    for o in others.iter().filter(|o| o.hearing_id != plan.hearing_id) {
        if !(o.starts_at < plan.ends_at && plan.starts_at < o.ends_at) {
            continue;
        }
        let mut add = |kind| {
            out.push(Clash {
                kind,
                hearing_id: o.hearing_id.clone(),
                case_label: o.case_label.clone(),
                starts_at: o.starts_at,
                ends_at: o.ends_at,
            })
        };
        if o.mediator_id == plan.mediator_id {
            add(ClashKind::Mediator);
        }
        if plan.room.is_some() && o.room == plan.room {
            add(ClashKind::Room);
        }
        if plan.parties.iter().any(|p| o.parties.contains(p)) {
            add(ClashKind::Party);
        }
    }
    out
}

/// The first mediation session against its limit (7 WD of delegation, UU 2/2004 Ps 10).
#[derive(Debug, Clone)]
pub struct FirstSession {
    pub computation: Computation,
    /// The rule's legal basis (deadlines.toml).
    pub legal_basis: String,
    /// The planned day falls after the limit.
    pub late: bool,
}

/// Where a first mediation session on `day` stands against its rule (`sidang_mediasi_pertama`)
/// counted from delegation.
pub fn first_session(
    calendar: &Calendar,
    delegated_on: NaiveDate,
    rule: &DeadlineRule,
    day: NaiveDate,
) -> FirstSession {
    let computation = calendar.add_working_days(delegated_on, rule.days);
    FirstSession { late: day > computation.due, computation, legal_basis: rule.legal_basis.clone() }
}

/// Whether a summons delivered on `delivered_on` for a session on `session_day` gave the
/// notice a proper summons needs: at least `min_notice` working days in between (the day of
/// delivery is day 0, the session day counts).
pub fn proper_notice(calendar: &Calendar, delivered_on: NaiveDate, session_day: NaiveDate, min_notice: u32) -> bool {
    if delivered_on >= session_day {
        return min_notice == 0 && delivered_on == session_day;
    }
    calendar.count_working_days(delivered_on, session_day) >= i64::from(min_notice)
}

/// A summons's delivery evidence, as kept on it.
#[derive(Debug, Clone, Default)]
pub struct Delivery {
    /// The day the email left Harmoni (WIB), when it did.
    pub emailed_on: Option<NaiveDate>,
    /// The email could not be delivered.
    pub bounced: bool,
    /// The day the party first opened it in Harmoni (WIB).
    pub opened_on: Option<NaiveDate>,
    /// Handed over by hand or post, on this day.
    pub handed_over_on: Option<NaiveDate>,
}

impl Delivery {
    /// The first day the summons is known to have reached the party. A bounced email proves
    /// nothing; an email that left counts (sending it to the party's own address is delivery
    /// in the office's practice), as does opening it in Harmoni or handing it over.
    pub fn delivered_on(&self) -> Option<NaiveDate> {
        [if self.bounced { None } else { self.emailed_on }, self.opened_on, self.handed_over_on]
            .into_iter()
            .flatten()
            .min()
    }
}

/// Whether a summons counts as a proper summons of an absent party: delivered, with notice.
pub fn is_proper(calendar: &Calendar, delivery: &Delivery, session_day: NaiveDate, min_notice: u32) -> bool {
    delivery.delivered_on().is_some_and(|d| proper_notice(calendar, d, session_day, min_notice))
}

/// A meeting link must be a web address a party can open.
pub fn check_online_url(raw: &str) -> Result<Option<String>, Problem> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if !(v.starts_with("https://") || v.starts_with("http://"))
        || v.len() > 500
        || v.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Problem::at(
            "invalid_online_url",
            "online_url",
            "Tautan rapat daring harus alamat web lengkap (https://…).",
            "The meeting link must be a full web address (https://…).",
        ));
    }
    Ok(Some(v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::rules::{DayKind, Holiday, YearStatus};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").expect("time")
    }

    fn calendar() -> Calendar {
        let day = |date: &str, name: &str, kind| Holiday {
            date: d(date),
            kind,
            name_id: name.into(),
            name_en: format!("{name} (en)"),
        };
        Calendar::new(
            [(2026, YearStatus::Confirmed)],
            [
                day("2026-03-18", "Cuti bersama Idul Fitri", DayKind::CutiBersama),
                day("2026-03-19", "Hari Suci Nyepi", DayKind::LiburNasional),
                day("2026-03-20", "Cuti bersama Idul Fitri", DayKind::CutiBersama),
                day("2026-03-23", "Cuti bersama Idul Fitri", DayKind::CutiBersama),
                day("2026-03-24", "Cuti bersama Idul Fitri", DayKind::CutiBersama),
            ],
        )
    }

    const HOURS: OfficeHours = OfficeHours {
        opens: NaiveTime::from_hms_opt(8, 0, 0).expect("time"),
        closes: NaiveTime::from_hms_opt(16, 0, 0).expect("time"),
    };

    fn now() -> NaiveDateTime {
        d("2026-03-02").and_hms_opt(1, 0, 0).expect("time")
    }

    #[test]
    fn office_hours_parse_only_a_real_span() {
        assert_eq!(OfficeHours::parse("08:00", "16:00"), Some(HOURS));
        assert_eq!(OfficeHours::parse("16:00", "08:00"), None);
        assert_eq!(OfficeHours::parse("8", "16:00"), None);
    }

    #[test]
    fn holidays_weekends_hours_and_length_are_checked() {
        let c = calendar();
        let slot = |day: &str, s: &str, e: &str| Slot { day: d(day), start: t(s), end: t(e) };
        let err = |s: Slot| check_slot(&c, HOURS, 240, &s, now()).expect_err("refused").code;
        assert_eq!(err(slot("2026-03-19", "09:00", "10:00")), "not_a_working_day");
        let msg = check_slot(&c, HOURS, 240, &slot("2026-03-19", "09:00", "10:00"), now()).expect_err("x").message;
        assert!(msg.get(Lang::Id).contains("Nyepi"), "{}", msg.get(Lang::Id));
        assert!(msg.get(Lang::Id).contains("Kamis, 19 Maret 2026"));
        assert_eq!(err(slot("2026-03-07", "09:00", "10:00")), "not_a_working_day");
        assert_eq!(err(slot("2026-03-09", "07:30", "09:00")), "outside_office_hours");
        assert_eq!(err(slot("2026-03-09", "15:00", "16:30")), "outside_office_hours");
        assert_eq!(err(slot("2026-03-09", "10:00", "09:00")), "end_before_start");
        assert_eq!(err(slot("2026-03-09", "08:00", "12:30")), "session_too_long");
        assert_eq!(err(slot("2026-03-02", "08:00", "09:00")), "session_in_past");
        check_slot(&c, HOURS, 240, &slot("2026-03-09", "08:00", "16:00").clone(), now())
            .expect_err("eight hours is too long");
        check_slot(&c, HOURS, 480, &slot("2026-03-09", "08:00", "16:00"), now()).expect("the whole day fits");
        check_slot(&c, HOURS, 240, &slot("2026-03-02", "09:00", "10:00"), now()).expect("later today");
    }

    #[test]
    fn slots_round_trip_through_utc() {
        let s = Slot { day: d("2026-03-09"), start: t("09:00"), end: t("10:30") };
        assert_eq!(s.starts_at(), d("2026-03-09").and_hms_opt(2, 0, 0).expect("time"));
        assert_eq!(Slot::of_utc(s.starts_at(), s.ends_at()), s);
        assert_eq!(when_text(s.starts_at(), s.ends_at(), Lang::Id), "Senin, 9 Maret 2026, 09:00–10:30 WIB");
    }

    fn booking(id: &str, start: &str, end: &str, mediator: &str, room: Option<&str>, parties: &[&str]) -> Booking {
        let at = |s: &str| crate::calendar::local::utc_of(d("2026-03-09"), t(s));
        Booking {
            hearing_id: id.into(),
            case_label: format!("565/{id}/HI/2026"),
            starts_at: at(start),
            ends_at: at(end),
            mediator_id: mediator.into(),
            room: room.map(str::to_string),
            parties: parties.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn clashes_name_each_overlap_and_touching_sessions_do_not_clash() {
        let plan = booking("new", "09:00", "11:00", "m1", Some("R1"), &["company:a"]);
        let others = vec![
            booking("1", "10:00", "12:00", "m1", Some("R2"), &["company:b"]),
            booking("2", "08:00", "09:30", "m2", Some("R1"), &["company:c"]),
            booking("3", "10:30", "11:30", "m3", None, &["company:a"]),
            booking("4", "11:00", "12:00", "m1", Some("R1"), &["company:a"]),
            booking("new", "09:00", "11:00", "m1", Some("R1"), &["company:a"]),
        ];
        let found: Vec<(ClashKind, String)> =
            clashes(&plan, &others).into_iter().map(|c| (c.kind, c.hearing_id)).collect();
        assert_eq!(
            found,
            vec![
                (ClashKind::Mediator, "1".to_string()),
                (ClashKind::Room, "2".to_string()),
                (ClashKind::Party, "3".to_string())
            ]
        );
        let online = booking("new", "09:00", "11:00", "m9", None, &[]);
        let none = booking("x", "09:00", "11:00", "m8", None, &[]);
        assert!(clashes(&online, &[none]).is_empty(), "two online sessions share no room");
        let msg = clashes(&plan, &others)[0].message(Lang::Id);
        assert!(msg.contains("565/1/HI/2026") && msg.contains("10:00–12:00"), "{msg}");
    }

    #[test]
    fn the_first_session_limit_skips_the_idul_fitri_days() {
        let c = calendar();
        // Delegated Mon 16 March 2026: 17 is day 1, 18-24 are skipped, then 25-27, 30, 31 March, 1 April.
        let rule = DeadlineRule {
            code: "sidang_mediasi_pertama".into(),
            label_id: String::new(),
            label_en: String::new(),
            days: 7,
            unit: crate::calendar::data::Unit::WorkingDays,
            direction: crate::calendar::rules::Direction::After,
            legal_basis: "UU 2/2004 Pasal 10".into(),
            missed_id: String::new(),
            missed_en: String::new(),
            setting: false,
        };
        let f = first_session(&c, d("2026-03-16"), &rule, d("2026-04-01"));
        assert_eq!(f.computation.due, d("2026-04-01"));
        assert!(!f.late);
        assert!(first_session(&c, d("2026-03-16"), &rule, d("2026-04-02")).late);
    }

    #[test]
    fn a_proper_summons_is_delivered_with_notice() {
        let c = calendar();
        assert!(proper_notice(&c, d("2026-03-04"), d("2026-03-09"), 3));
        assert!(!proper_notice(&c, d("2026-03-05"), d("2026-03-09"), 3), "Fri and Mon are two working days");
        assert!(!proper_notice(&c, d("2026-03-17"), d("2026-03-25"), 3), "the holidays are not notice");
        assert!(!proper_notice(&c, d("2026-03-10"), d("2026-03-09"), 0));
        let mut delivery = Delivery { emailed_on: Some(d("2026-03-02")), bounced: true, ..Default::default() };
        assert!(!is_proper(&c, &delivery, d("2026-03-09"), 3), "a bounced email is no delivery");
        delivery.handed_over_on = Some(d("2026-03-06"));
        assert!(!is_proper(&c, &delivery, d("2026-03-09"), 3), "handed over too late");
        delivery.opened_on = Some(d("2026-03-03"));
        assert!(is_proper(&c, &delivery, d("2026-03-09"), 3), "opened in Harmoni early enough");
    }

    #[test]
    fn meeting_links_are_web_addresses() {
        assert_eq!(check_online_url("  ").expect("none"), None);
        assert!(check_online_url("https://meet.example.id/abc").expect("ok").is_some());
        assert_eq!(check_online_url("javascript:alert(1)").expect_err("x").code, "invalid_online_url");
        assert_eq!(check_online_url("https://a b").expect_err("x").code, "invalid_online_url");
    }
}
