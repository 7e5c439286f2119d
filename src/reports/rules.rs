//! Report arithmetic without IO: report periods, the indicator summed as of a day from its
//! change rows, shares and rates with their definitions, and the ageing bands of open cases.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};

use crate::companies::history::{grains, Counts};
use crate::error::{Error, Problem};

/// The days a report covers, both ends included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// What the user asked for, as written back in links: `2026`, `2026-03`, `2026-Q1` or empty
    /// for a from-to range.
    pub code: String,
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn month_end(first: NaiveDate, months: u32) -> Option<NaiveDate> {
    first.checked_add_months(Months::new(months))?.pred_opt()
}

fn bad_period() -> Problem {
    Problem::at(
        "invalid_period",
        "periode",
        "Periode tidak dikenali: tulis tahun (2026), bulan (2026-03), triwulan (2026-Q1), atau isi tanggal dari dan sampai.",
        "Unknown period: give a year (2026), a month (2026-03), a quarter (2026-Q1), or from and to dates.",
    )
}

impl ReportPeriod {
    /// Parses a period: `periode` as a year, month or quarter, or `dari`/`sampai` dates; the
    /// default is the current year up to today.
    pub fn parse(
        periode: Option<&str>,
        dari: Option<&str>,
        sampai: Option<&str>,
        today: NaiveDate,
    ) -> Result<ReportPeriod, Problem> {
        let dari = dari.map(str::trim).filter(|s| !s.is_empty());
        let sampai = sampai.map(str::trim).filter(|s| !s.is_empty());
        if dari.is_some() || sampai.is_some() {
            let parse = |s: Option<&str>, field: &'static str| {
                s.and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()).ok_or_else(|| {
                    Problem::at(
                        "invalid_date",
                        field,
                        "Isi tanggal dari dan sampai dengan format TTTT-BB-HH.",
                        "Give both from and to dates as YYYY-MM-DD.",
                    )
                })
            };
            let from = parse(dari, "dari")?;
            let to = parse(sampai, "sampai")?;
            if to < from {
                return Err(Problem::at(
                    "invalid_period",
                    "sampai",
                    "Tanggal sampai tidak boleh sebelum tanggal dari.",
                    "The to date cannot be before the from date.",
                ));
            }
            if (to - from).num_days() > 366 * 20 {
                return Err(Problem::at(
                    "invalid_period",
                    "dari",
                    "Rentang paling panjang 20 tahun.",
                    "A range is at most 20 years.",
                ));
            }
            return Ok(ReportPeriod { from, to, code: String::new() });
        }
        let code = periode.map(str::trim).filter(|s| !s.is_empty()).map_or(today.year().to_string(), str::to_string);
        let (year, rest) = code.split_once('-').map_or((code.as_str(), None), |(y, r)| (y, Some(r)));
        let year: i32 = year.parse().ok().filter(|y| (1990..=2100).contains(y)).ok_or_else(bad_period)?;
        let (from, to) = match rest {
            None => (d(year, 1, 1), d(year, 12, 31)),
            Some(q) if q.starts_with(['Q', 'q']) => {
                let q: u32 = q[1..].parse().ok().filter(|q| (1..=4).contains(q)).ok_or_else(bad_period)?;
                let first = d(year, 3 * q - 2, 1);
                (first, first.and_then(|f| month_end(f, 3)))
            }
            Some(m) => {
                let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m)).ok_or_else(bad_period)?;
                let first = d(year, m, 1);
                (first, first.and_then(|f| month_end(f, 1)))
            }
        };
        let (Some(from), Some(to)) = (from, to) else { return Err(bad_period()) };
        Ok(ReportPeriod { from, to, code: code.to_uppercase() })
    }

    /// Whether the day falls in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// One `indicator_changes` row as read for the sum.
#[derive(Debug, Clone)]
pub struct ChangeRow {
    pub grain: char,
    pub starts_on: NaiveDate,
    pub dimension: String,
    pub key: String,
    pub counts: Counts,
}

/// Whether a change row is part of the sum as of `day`: year rows of earlier years, month rows
/// of earlier months of that year, day rows of that month up to the day. Each change day is
/// thereby counted once.
pub fn counts_as_of(row: &ChangeRow, day: NaiveDate) -> bool {
    let [(_, year), (_, month), _] = grains(day);
    match row.grain {
        'y' => row.starts_on < year,
        'm' => row.starts_on >= year && row.starts_on < month,
        _ => row.starts_on >= month && row.starts_on <= day,
    }
}

/// Whether a change row is part of the sum as of `day` when `day` is the last of its month:
/// year rows of earlier years and month rows of that year up to and including its month; day
/// rows are not needed (the trend reads them only for the running month).
pub fn counts_at_month_end(row: &ChangeRow, day: NaiveDate) -> bool {
    let [(_, year), (_, month), _] = grains(day);
    match row.grain {
        'y' => row.starts_on < year,
        'm' => row.starts_on >= year && row.starts_on <= month,
        _ => false,
    }
}

/// The counters per (dimension, key) as of `day`, from rows that hold at least those
/// `counts_as_of` keeps.
pub fn sum_as_of(rows: &[ChangeRow], day: NaiveDate) -> BTreeMap<(String, String), Counts> {
    sum_where(rows, |r| counts_as_of(r, day))
}

/// The same sums for a trend point, from year and month rows and the running month's day
/// rows: on the last day of a month its month row stands for its day rows, so month ends need
/// no day rows at all.
pub fn sum_for_trend(rows: &[ChangeRow], day: NaiveDate) -> BTreeMap<(String, String), Counts> {
    if day.succ_opt().is_some_and(|next| next.day() == 1) {
        sum_where(rows, |r| counts_at_month_end(r, day))
    } else {
        sum_where(rows, |r| counts_as_of(r, day))
    }
}

fn sum_where(rows: &[ChangeRow], keep: impl Fn(&ChangeRow) -> bool) -> BTreeMap<(String, String), Counts> {
    let mut out: BTreeMap<(String, String), Counts> = BTreeMap::new();
    for r in rows.iter().filter(|r| keep(r)) {
        let e = out.entry((r.dimension.clone(), r.key.clone())).or_insert([0; 11]);
        for (e, v) in e.iter_mut().zip(r.counts) {
            *e += v;
        }
    }
    out.retain(|_, c| c.iter().any(|v| *v != 0));
    out
}

/// The office total from per-breakdown sums: every company has exactly one business scale, so
/// the scale lines add up to the total.
pub fn total_of(sums: &BTreeMap<(String, String), Counts>) -> Counts {
    let mut total = [0i64; 11];
    for counts in sums.iter().filter(|((dim, _), _)| dim == "scale").map(|(_, c)| c) {
        for (t, v) in total.iter_mut().zip(counts) {
            *t += v;
        }
    }
    total
}

/// One line of the indicator: registered companies and how many meet each criterion and all.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct IndicatorLine {
    /// Breakdown key (kecamatan code, KBLI section, business scale or workforce band); empty
    /// for the total.
    pub key: String,
    pub registered: i64,
    /// Companies meeting all four criteria.
    pub all: i64,
    pub pp: i64,
    pub lks: i64,
    pub wage: i64,
    pub bpjs: i64,
}

impl IndicatorLine {
    /// Reads the counters with the setting for criteria not required of a company: counted as
    /// met (the default) or not.
    pub fn from_counts(key: &str, c: &Counts, unrequired_as_met: bool) -> IndicatorLine {
        let pick = |met: usize| c[met] + if unrequired_as_met { c[met + 1] } else { 0 };
        IndicatorLine {
            key: key.to_string(),
            registered: c[0],
            pp: pick(1),
            lks: pick(3),
            wage: pick(5),
            bpjs: pick(7),
            all: if unrequired_as_met { c[10] } else { c[9] },
        }
    }

    /// A part of the registered companies in percent.
    pub fn share(&self, part: i64) -> Option<f64> {
        percent(part, self.registered)
    }
}

/// A share in percent, none when there is nothing to divide by.
pub fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// A percentage the Indonesian way, two decimals as the Renstra writes them: "15,35%"; a dash when there is no base.
pub fn percent_text(p: Option<f64>) -> String {
    p.map_or("–".into(), |p| format!("{:.2}%", p).replace('.', ","))
}

/// Ageing bands of open cases in working days since they entered their stage.
pub const AGE_BANDS: [&str; 4] = ["0-10", "11-20", "21-30", ">30"];

/// Calendar days beyond which a stage is certainly more than 30 working days old (30 working
/// days never span more than about 45 calendar days, even around Lebaran), so its age need not
/// be counted day by day.
pub const CERTAINLY_OVER_30_WD: i64 = 90;

pub fn age_band(working_days: i64) -> usize {
    match working_days {
        i64::MIN..=10 => 0,
        11..=20 => 1,
        21..=30 => 2,
        _ => 3,
    }
}

/// The end of each year from `first_year` to last year, then the end of each month of the
/// current year up to `today` (today itself for the running month): the trend's points.
pub fn trend_points(first_year: i32, today: NaiveDate) -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = (first_year..today.year()).filter_map(|y| d(y, 12, 31)).collect();
    for m in 1..=today.month() {
        let end = d(today.year(), m, 1).and_then(|f| month_end(f, 1));
        out.extend(end.map(|e| e.min(today)));
    }
    out
}

/// Statuses of a case still open at the office (filed and not final; a test checks this list
/// against `Status`).
pub const OPEN: [&str; 9] = [
    "diajukan",
    "dikembalikan",
    "penawaran_forum",
    "konsiliasi",
    "arbitrase",
    "menunggu_mediator",
    "mediasi",
    "anjuran",
    "menunggu_pb",
];

/// Whether a closed case counts as completed at mediation: a PB signed, an anjuran rejected
/// (the parties go on to the PHI court), or withdrawn after a mediator took it up.
pub fn completed_at_mediation(status: &str, delegated: bool) -> bool {
    matches!(status, "selesai_pb" | "lanjut_phi") || (status == "dicabut" && delegated)
}

/// The as-of day of a query: today when absent, a field problem when not a date.
pub fn as_of_param(raw: &Option<String>, today: NaiveDate) -> Result<NaiveDate, Error> {
    match raw.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(today),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            Error::invalid(
                "invalid_date",
                "per",
                "Tanggal tidak valid: tulis TTTT-BB-HH.",
                "Not a date: use YYYY-MM-DD.",
            )
        }),
    }
}

/// `YYYY-MM` as (year, month), a field problem otherwise.
pub fn month_param(s: &str) -> Result<(i32, u32), Error> {
    s.trim()
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
        .filter(|(y, m)| (1990..=2100).contains(y) && (1..=12).contains(m))
        .ok_or_else(|| {
            Error::invalid("invalid_month", "bulan", "Bulan tidak valid: tulis TTTT-BB.", "Not a month: use YYYY-MM.")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    #[test]
    fn periods_are_years_months_quarters_or_ranges() {
        let t = day(2026, 3, 2);
        let p = ReportPeriod::parse(None, None, None, t).expect("default");
        assert_eq!((p.from, p.to), (day(2026, 1, 1), day(2026, 12, 31)));
        let p = ReportPeriod::parse(Some("2026-02"), None, None, t).expect("month");
        assert_eq!((p.from, p.to), (day(2026, 2, 1), day(2026, 2, 28)));
        let p = ReportPeriod::parse(Some("2026-q4"), None, None, t).expect("quarter");
        assert_eq!((p.from, p.to, p.code.as_str()), (day(2026, 10, 1), day(2026, 12, 31), "2026-Q4"));
        let p = ReportPeriod::parse(None, Some("2026-01-05"), Some("2026-02-01"), t).expect("range");
        assert_eq!((p.from, p.to), (day(2026, 1, 5), day(2026, 2, 1)));
        assert_eq!(ReportPeriod::parse(Some("2026-13"), None, None, t).expect_err("month").code, "invalid_period");
        assert_eq!(ReportPeriod::parse(Some("kemarin"), None, None, t).expect_err("word").code, "invalid_period");
        assert_eq!(
            ReportPeriod::parse(None, Some("2026-02-01"), Some("2026-01-01"), t).expect_err("reversed").code,
            "invalid_period"
        );
        assert_eq!(ReportPeriod::parse(None, Some("2026-02-01"), None, t).expect_err("half").code, "invalid_date");
    }

    #[test]
    fn a_change_counts_once_from_its_day_on() {
        let row = |grain, starts_on| ChangeRow {
            grain,
            starts_on,
            dimension: "scale".into(),
            key: "kecil".into(),
            counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        };
        // A company registered on 17 March 2025 writes the same +1 at three grains.
        let rows = [row('y', day(2025, 1, 1)), row('m', day(2025, 3, 1)), row('d', day(2025, 3, 17))];
        let count = |on| sum_as_of(&rows, on).values().map(|c| c[0]).sum::<i64>();
        assert_eq!(count(day(2025, 3, 16)), 0);
        assert_eq!(count(day(2025, 3, 17)), 1);
        assert_eq!(count(day(2025, 3, 31)), 1);
        assert_eq!(count(day(2025, 4, 1)), 1);
        assert_eq!(count(day(2025, 12, 31)), 1);
        assert_eq!(count(day(2026, 1, 1)), 1);
        assert_eq!(count(day(2024, 12, 31)), 0);
        assert_eq!(count(day(2025, 2, 28)), 0, "a month end before the change");
        // Month ends read month rows only: the same figures without the day rows.
        let without_days = &rows[..2];
        let at_end = |on| sum_for_trend(without_days, on).values().map(|c| c[0]).sum::<i64>();
        assert_eq!((at_end(day(2025, 2, 28)), at_end(day(2025, 3, 31)), at_end(day(2025, 12, 31))), (0, 1, 1));
    }

    #[test]
    fn the_setting_decides_whether_unrequired_criteria_count() {
        let c = [10, 2, 5, 3, 4, 6, 0, 7, 0, 1, 4];
        let line = |all, pp, lks| IndicatorLine { key: "k".into(), registered: 10, all, pp, lks, wage: 6, bpjs: 7 };
        assert_eq!(IndicatorLine::from_counts("k", &c, true), line(4, 7, 7));
        assert_eq!(IndicatorLine::from_counts("k", &c, false), line(1, 2, 3));
        assert_eq!(percent_text(percent(1, 8)), "12,50%");
        assert_eq!(percent_text(percent(1, 0)), "–");
    }

    #[test]
    fn ageing_bands_and_trend_points() {
        assert_eq!([0, 10, 11, 20, 21, 30, 31].map(age_band), [0, 0, 1, 1, 2, 2, 3]);
        let pts = trend_points(2024, day(2026, 3, 2));
        assert_eq!(
            pts,
            vec![day(2024, 12, 31), day(2025, 12, 31), day(2026, 1, 31), day(2026, 2, 28), day(2026, 3, 2)]
        );
    }

    #[test]
    fn open_statuses_are_the_filed_and_not_final_ones() {
        use crate::cases::rules::Status;
        let expected: Vec<&str> =
            Status::ALL.iter().filter(|s| !s.is_final() && **s != Status::Draf).map(|s| s.as_str()).collect();
        assert_eq!(OPEN.to_vec(), expected);
    }

    #[test]
    fn completed_at_mediation_counts_pb_rejected_anjuran_and_withdrawals_in_mediation() {
        assert!(completed_at_mediation("selesai_pb", true));
        assert!(completed_at_mediation("lanjut_phi", true));
        assert!(completed_at_mediation("dicabut", true));
        assert!(!completed_at_mediation("dicabut", false), "withdrawn before a mediator took it up");
        assert!(!completed_at_mediation("selesai_forum_lain", false));
        assert!(!completed_at_mediation("dirujuk", false));
    }
}
