//! The working-day engine (no IO): which days are *hari kerja*, adding and counting them, and
//! the explanation of every computation (DOMAIN.md section 8).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Why a day is not a working day, when it is a listed day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// National holiday (hari libur nasional).
    LiburNasional,
    /// Collective leave (cuti bersama) of the government office calendar.
    CutiBersama,
    /// A closure of this office only (penutupan kantor), set by its administrator.
    PenutupanKantor,
}

impl DayKind {
    pub const ALL: [DayKind; 3] = [DayKind::LiburNasional, DayKind::CutiBersama, DayKind::PenutupanKantor];

    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::LiburNasional => "libur_nasional",
            DayKind::CutiBersama => "cuti_bersama",
            DayKind::PenutupanKantor => "penutupan_kantor",
        }
    }

    pub fn parse(s: &str) -> Option<DayKind> {
        DayKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A listed non-working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name_id: String,
    pub name_en: String,
}

/// Whether a year's list is final (the SKB is out) or still provisional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum YearStatus {
    Provisional,
    Confirmed,
}

impl YearStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            YearStatus::Provisional => "provisional",
            YearStatus::Confirmed => "confirmed",
        }
    }

    pub fn parse(s: &str) -> Option<YearStatus> {
        match s {
            "provisional" => Some(YearStatus::Provisional),
            "confirmed" => Some(YearStatus::Confirmed),
            _ => None,
        }
    }
}

/// Why a day was skipped in a computation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    Weekend(Weekday),
    Listed(Holiday),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedDay {
    pub date: NaiveDate,
    pub reason: SkipReason,
}

/// Something the reader of a result must know about the calendar it used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CalendarWarning {
    /// The year has no holiday list: only weekends were skipped.
    YearNotLoaded(i32),
    /// The year's list is provisional (its SKB has not appeared).
    YearProvisional(i32),
}

/// Which way a clock runs from its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A limit: on or before the N-th working day after the event.
    After,
    /// A notice: at the latest the N-th working day before the event.
    Before,
}

/// The result of one computation, with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computation {
    pub start: NaiveDate,
    pub working_days: u32,
    pub direction: Direction,
    pub due: NaiveDate,
    /// Non-working days passed over between the start and the due date, in order.
    pub skipped: Vec<SkippedDay>,
    pub warnings: Vec<CalendarWarning>,
}

/// The largest number of working days one computation accepts (about four years).
pub const MAX_WORKING_DAYS: u32 = 1000;

/// The working-day calendar of one office: listed days of the years it knows.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    years: BTreeMap<i32, YearStatus>,
    days: HashMap<NaiveDate, Holiday>,
}

impl Calendar {
    /// Builds a calendar; listed days outside the known years are kept (an office closure may
    /// be recorded for a year whose national list has not arrived).
    pub fn new(years: impl IntoIterator<Item = (i32, YearStatus)>, days: impl IntoIterator<Item = Holiday>) -> Self {
        Calendar { years: years.into_iter().collect(), days: days.into_iter().map(|h| (h.date, h)).collect() }
    }

    pub fn years(&self) -> &BTreeMap<i32, YearStatus> {
        &self.years
    }

    pub fn year_status(&self, year: i32) -> Option<YearStatus> {
        self.years.get(&year).copied()
    }

    /// The listed days of a year, in date order.
    pub fn holidays_in(&self, year: i32) -> Vec<&Holiday> {
        let mut v: Vec<&Holiday> = self.days.values().filter(|h| h.date.year() == year).collect();
        v.sort_by_key(|h| h.date);
        v
    }

    pub fn listed(&self, date: NaiveDate) -> Option<&Holiday> {
        self.days.get(&date)
    }

    /// Why `date` is not a working day, or `None` when it is one.
    pub fn non_working_reason(&self, date: NaiveDate) -> Option<SkipReason> {
        match date.weekday() {
            w @ (Weekday::Sat | Weekday::Sun) => Some(SkipReason::Weekend(w)),
            _ => self.days.get(&date).map(|h| SkipReason::Listed(h.clone())),
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.days.contains_key(&date)
    }

    /// The deadline N working days after `start` (day 0). With N = 0 the deadline is the start
    /// itself when it is a working day, otherwise the next working day.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Computation {
        self.walk(start, n, Direction::After)
    }

    /// The last day to act N working days before `event` (a notice period).
    pub fn subtract_working_days(&self, event: NaiveDate, n: u32) -> Computation {
        self.walk(event, n, Direction::Before)
    }

    pub fn compute(&self, start: NaiveDate, n: u32, direction: Direction) -> Computation {
        self.walk(start, n, direction)
    }

    fn walk(&self, start: NaiveDate, n: u32, direction: Direction) -> Computation {
        let step = match direction {
            Direction::After => Duration::days(1),
            Direction::Before => Duration::days(-1),
        };
        let mut skipped = Vec::new();
        let mut date = start;
        let mut counted = 0;
        if n == 0 {
            // Day 0 itself must be a working day for the deadline to fall on it.
            while let Some(reason) = self.non_working_reason(date) {
                skipped.push(SkippedDay { date, reason });
                date += step;
            }
        }
        while counted < n {
            date += step;
            match self.non_working_reason(date) {
                Some(reason) => skipped.push(SkippedDay { date, reason }),
                None => counted += 1,
            }
        }
        let warnings = self.warnings_between(start.min(date), start.max(date));
        Computation { start, working_days: n, direction, due: date, skipped, warnings }
    }

    /// Working days `d` with `from < d <= to`; negative when `to` is before `from`.
    /// So `count_working_days(s, add_working_days(s, n).due) == n` for every n > 0.
    pub fn count_working_days(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (lo, hi, sign) = if to >= from { (from, to, 1) } else { (to, from, -1) };
        let mut count = 0;
        let mut date = lo;
        while date < hi {
            date += Duration::days(1);
            if self.is_working_day(date) {
                count += 1;
            }
        }
        sign * count
    }

    /// What the reader must be told about the years a range touches.
    pub fn warnings_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<CalendarWarning> {
        (from.year()..=to.year())
            .filter_map(|y| match self.years.get(&y) {
                None => Some(CalendarWarning::YearNotLoaded(y)),
                Some(YearStatus::Provisional) => Some(CalendarWarning::YearProvisional(y)),
                Some(YearStatus::Confirmed) => None,
            })
            .collect()
    }
}

/// How far a deadline is, as shown on every case and submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineStatus {
    /// Working days left before the due date (at least 1).
    Ahead(i64),
    DueToday,
    /// Working days past the due date (at least 1).
    Overdue(i64),
}

/// The status of a due date seen from `today`, counted in working days.
pub fn deadline_status(calendar: &Calendar, today: NaiveDate, due: NaiveDate) -> DeadlineStatus {
    if today == due {
        return DeadlineStatus::DueToday;
    }
    let left = calendar.count_working_days(today, due);
    if due > today {
        // A due date on a non-working day (shouldn't happen) still counts as ahead.
        DeadlineStatus::Ahead(left.max(1))
    } else {
        DeadlineStatus::Overdue((-left).max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn holiday(date: NaiveDate, kind: DayKind) -> Holiday {
        Holiday { date, kind, name_id: "Libur".into(), name_en: "Holiday".into() }
    }

    fn small() -> Calendar {
        // Tuesday 2026-03-03 is a holiday; Wednesday 2026-03-04 an office closure.
        Calendar::new(
            [(2026, YearStatus::Confirmed)],
            [holiday(d(2026, 3, 3), DayKind::LiburNasional), holiday(d(2026, 3, 4), DayKind::PenutupanKantor)],
        )
    }

    #[test]
    fn the_event_day_is_day_zero() {
        let c = small();
        // Monday 2 March + 1 WD skips the holiday and the closure: Thursday 5 March.
        let r = c.add_working_days(d(2026, 3, 2), 1);
        assert_eq!(r.due, d(2026, 3, 5));
        assert_eq!(r.skipped.iter().map(|s| s.date).collect::<Vec<_>>(), vec![d(2026, 3, 3), d(2026, 3, 4)]);
        // Friday 6 March + 1 WD is Monday 9 March, skipping the weekend.
        let r = c.add_working_days(d(2026, 3, 6), 1);
        assert_eq!(r.due, d(2026, 3, 9));
        assert!(matches!(r.skipped[0].reason, SkipReason::Weekend(Weekday::Sat)));
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn zero_days_is_the_start_or_the_next_working_day() {
        let c = small();
        assert_eq!(c.add_working_days(d(2026, 3, 2), 0).due, d(2026, 3, 2));
        assert_eq!(c.add_working_days(d(2026, 3, 3), 0).due, d(2026, 3, 5));
        assert_eq!(c.add_working_days(d(2026, 3, 7), 0).due, d(2026, 3, 9));
    }

    #[test]
    fn notices_count_backwards() {
        let c = small();
        // A strike on Monday 9 March needs notice 7 WD before: 9 -> 6, 5, 2, 27 Feb, 26, 25, 24.
        let r = c.subtract_working_days(d(2026, 3, 9), 7);
        assert_eq!(r.due, d(2026, 2, 24));
        assert_eq!(c.count_working_days(r.due, d(2026, 3, 9)), 7);
    }

    #[test]
    fn unknown_years_count_weekends_only_and_say_so() {
        let c = small();
        let r = c.add_working_days(d(2031, 1, 1), 3);
        assert_eq!(r.due, d(2031, 1, 6), "Wed 1 Jan 2031 + 3 WD skipping the weekend");
        assert_eq!(r.warnings, vec![CalendarWarning::YearNotLoaded(2031)]);
        let r = c.add_working_days(d(2026, 12, 30), 5);
        assert_eq!(r.warnings, vec![CalendarWarning::YearNotLoaded(2027)]);
    }

    #[test]
    fn deadline_status_counts_working_days() {
        let c = small();
        assert_eq!(deadline_status(&c, d(2026, 3, 2), d(2026, 3, 2)), DeadlineStatus::DueToday);
        assert_eq!(deadline_status(&c, d(2026, 3, 2), d(2026, 3, 6)), DeadlineStatus::Ahead(2));
        assert_eq!(deadline_status(&c, d(2026, 3, 9), d(2026, 3, 5)), DeadlineStatus::Overdue(2));
    }
}
