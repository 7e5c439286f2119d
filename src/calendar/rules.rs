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
    /// The listed days that fall on a weekday, sorted: what a count of working days subtracts.
    listed_weekdays: Vec<NaiveDate>,
}

/// Weekdays (Monday to Friday) from a fixed Sunday up to and including `d`, negative before
/// it: the difference of two of these counts the weekdays in between without walking the days.
fn weekdays_through(d: NaiveDate) -> i64 {
    let sunday = NaiveDate::from_ymd_opt(2000, 1, 2).unwrap_or(NaiveDate::MIN);
    let n = (d - sunday).num_days();
    n.div_euclid(7) * 5 + n.rem_euclid(7).min(5)
}

impl Calendar {
    /// Builds a calendar; listed days outside the known years are kept (an office closure may
    /// be recorded for a year whose national list has not arrived).
    pub fn new(years: impl IntoIterator<Item = (i32, YearStatus)>, days: impl IntoIterator<Item = Holiday>) -> Self {
        let days: HashMap<NaiveDate, Holiday> = days.into_iter().map(|h| (h.date, h)).collect();
        let mut listed_weekdays: Vec<NaiveDate> =
            days.keys().copied().filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)).collect();
        listed_weekdays.sort();
        Calendar { years: years.into_iter().collect(), days, listed_weekdays }
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

    /// Whether `end` is on or before the deadline N working days after `start` (the due day of
    /// `add_working_days(start, n)`), by counting rather than walking: reports judge thousands
    /// of finished clocks at once. Before the N-th working day, or on it, is in time; a
    /// non-working day right after it is already late.
    pub fn on_or_before_deadline(&self, start: NaiveDate, n: u32, end: NaiveDate) -> bool {
        if n == 0 {
            return end <= self.add_working_days(start, 0).due;
        }
        if end <= start {
            return true;
        }
        let counted = self.count_working_days(start, end);
        counted < i64::from(n) || (counted == i64::from(n) && self.is_working_day(end))
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
        // Weekdays in (lo, hi] less the listed weekdays among them: constant time in the length
        // of the range, which matters for reports over thousands of long-overdue clocks.
        let weekdays = weekdays_through(hi) - weekdays_through(lo);
        let listed = self.listed_weekdays.partition_point(|d| *d <= hi) as i64
            - self.listed_weekdays.partition_point(|d| *d <= lo) as i64;
        sign * (weekdays - listed)
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

/// Properties of the engine over the shipped 2025-2027 calendars and random dates.
#[cfg(test)]
mod properties {
    use super::*;
    use crate::calendar::data::parse_year;
    use proptest::prelude::*;

    fn shipped() -> Calendar {
        let files = [
            include_str!("../../config/calendar/2025.toml"),
            include_str!("../../config/calendar/2026.toml"),
            include_str!("../../config/calendar/2027.toml"),
        ];
        let years: Vec<_> = files.iter().map(|t| parse_year(t).expect("shipped calendar is valid")).collect();
        Calendar::new(years.iter().map(|y| (y.year, y.status)), years.iter().flat_map(|y| y.days.clone()))
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn every_domain_holiday_of_2025_and_2026_is_not_a_working_day() {
        let c = shipped();
        let listed = [
            // 2025 holidays and cuti bersama (DOMAIN.md section 8).
            (2025, 1, 1),
            (2025, 1, 27),
            (2025, 1, 29),
            (2025, 3, 29),
            (2025, 3, 31),
            (2025, 4, 1),
            (2025, 4, 18),
            (2025, 4, 20),
            (2025, 5, 1),
            (2025, 5, 12),
            (2025, 5, 29),
            (2025, 6, 1),
            (2025, 6, 6),
            (2025, 6, 27),
            (2025, 8, 17),
            (2025, 9, 5),
            (2025, 12, 25),
            (2025, 1, 28),
            (2025, 3, 28),
            (2025, 4, 2),
            (2025, 4, 3),
            (2025, 4, 4),
            (2025, 4, 7),
            (2025, 5, 13),
            (2025, 5, 30),
            (2025, 6, 9),
            (2025, 8, 18),
            (2025, 12, 26),
            // 2026.
            (2026, 1, 1),
            (2026, 1, 16),
            (2026, 2, 17),
            (2026, 3, 19),
            (2026, 3, 21),
            (2026, 3, 22),
            (2026, 4, 3),
            (2026, 4, 5),
            (2026, 5, 1),
            (2026, 5, 14),
            (2026, 5, 27),
            (2026, 5, 31),
            (2026, 6, 1),
            (2026, 6, 16),
            (2026, 8, 17),
            (2026, 8, 25),
            (2026, 12, 25),
            (2026, 2, 16),
            (2026, 3, 18),
            (2026, 3, 20),
            (2026, 3, 23),
            (2026, 3, 24),
            (2026, 5, 15),
            (2026, 5, 28),
            (2026, 12, 24),
        ];
        for (y, m, day) in listed {
            assert!(!c.is_working_day(d(y, m, day)), "{y}-{m}-{day} must not be a working day");
        }
        assert_eq!(c.holidays_in(2025).len(), 28);
        assert_eq!(c.holidays_in(2026).len(), 25);
        assert!(c.is_working_day(d(2026, 3, 2)), "an ordinary Monday is a working day");
    }

    #[test]
    fn idul_fitri_2025_is_skipped_whole() {
        let c = shipped();
        // Thursday 27 March 2025 + 1 WD: Nyepi leave, weekend, Idul Fitri, leave, weekend, leave.
        let r = c.add_working_days(d(2025, 3, 27), 1);
        assert_eq!(r.due, d(2025, 4, 8));
        assert_eq!(r.skipped.len(), 11);
        assert!(r.warnings.is_empty());
        assert_eq!(c.count_working_days(d(2025, 3, 27), d(2025, 4, 8)), 1);
    }

    #[test]
    fn idul_fitri_2026_is_skipped_whole() {
        let c = shipped();
        // Tuesday 17 March 2026 + 1 WD: Nyepi leave and day, Idul Fitri leave and days, weekend, leave.
        let r = c.add_working_days(d(2026, 3, 17), 1);
        assert_eq!(r.due, d(2026, 3, 25));
        let skipped: Vec<_> = r.skipped.iter().map(|s| s.date).collect();
        assert_eq!(skipped, (18..=24).map(|day| d(2026, 3, day)).collect::<Vec<_>>());
        // A 30 WD mediation delegated on Monday 2 March 2026: 16 WD left in March after the
        // Nyepi and Lebaran break, then April without Good Friday (3 April) -> Tuesday 21 April.
        assert_eq!(c.add_working_days(d(2026, 3, 2), 30).due, d(2026, 4, 21));
    }

    #[test]
    fn provisional_2027_is_flagged() {
        let c = shipped();
        let r = c.add_working_days(d(2026, 12, 28), 10);
        assert_eq!(r.warnings, vec![CalendarWarning::YearProvisional(2027)]);
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..(4 * 366)).prop_map(|offset| d(2024, 6, 1) + Duration::days(offset))
    }

    proptest! {
        #[test]
        fn adding_then_counting_round_trips(start in any_date(), n in 1u32..400) {
            let c = shipped();
            let r = c.add_working_days(start, n);
            prop_assert_eq!(c.count_working_days(start, r.due), n as i64);
            let back = c.subtract_working_days(r.due, n);
            prop_assert!(back.due <= start, "going back n WD from the due date lands on or before the start");
            prop_assert_eq!(c.count_working_days(back.due, r.due), n as i64);
        }

        #[test]
        fn a_result_is_never_a_weekend_or_holiday(start in any_date(), n in 0u32..400) {
            let c = shipped();
            let after = c.add_working_days(start, n);
            prop_assert!(c.is_working_day(after.due), "{} is not a working day", after.due);
            let before = c.subtract_working_days(start, n);
            prop_assert!(n == 0 || c.is_working_day(before.due));
            // Every day between start and due that is not counted is explained.
            let between = (after.due - start).num_days() - n as i64;
            prop_assert!(between >= 0);
            prop_assert!(after.skipped.iter().all(|s| !c.is_working_day(s.date)));
        }

        #[test]
        fn zero_days_returns_a_working_start_unchanged(start in any_date()) {
            let c = shipped();
            let r = c.add_working_days(start, 0);
            if c.is_working_day(start) {
                prop_assert_eq!(r.due, start);
                prop_assert!(r.skipped.is_empty());
            } else {
                prop_assert!(r.due > start && c.is_working_day(r.due));
                prop_assert_eq!(c.count_working_days(start, r.due), 1);
            }
        }

        #[test]
        fn counting_is_antisymmetric(a in any_date(), b in any_date()) {
            let c = shipped();
            prop_assert_eq!(c.count_working_days(a, b), -c.count_working_days(b, a));
        }
    }

    #[test]
    fn counting_working_days_agrees_with_walking_them() {
        let c = shipped();
        let walk = |from: NaiveDate, to: NaiveDate| {
            let (lo, hi, sign) = if to >= from { (from, to, 1) } else { (to, from, -1) };
            let mut n = 0;
            let mut day = lo;
            while day < hi {
                day += Duration::days(1);
                n += i64::from(c.is_working_day(day));
            }
            sign * n
        };
        let start = d(2025, 12, 20);
        for a in (0..500).step_by(7) {
            for b in (0..500).step_by(11) {
                let (from, to) = (start + Duration::days(a), start + Duration::days(b));
                assert_eq!(c.count_working_days(from, to), walk(from, to), "{from} -> {to}");
            }
        }
        let long = (d(1999, 3, 4), d(2031, 7, 9));
        assert_eq!(c.count_working_days(long.0, long.1), walk(long.0, long.1));
    }

    #[test]
    fn judging_a_deadline_by_counting_agrees_with_walking_to_it() {
        let c = shipped();
        let start = d(2025, 12, 1);
        for a in (0..400).step_by(3) {
            for n in [0u32, 1, 5, 14, 30, 31, 60] {
                let from = start + Duration::days(a);
                let due = c.add_working_days(from, n).due;
                for b in -3..90 {
                    let end = from + Duration::days(b);
                    assert_eq!(c.on_or_before_deadline(from, n, end), end <= due, "{from} + {n} WD, ended {end}");
                }
            }
        }
    }
}
