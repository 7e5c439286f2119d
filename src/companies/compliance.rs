//! Compliance rules without IO: BPJS Ketenagakerjaan programmes by business scale, the wage
//! structure and scale against the UMK, LKS Bipartit composition and term; each as of a date.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::error::{Bilingual, Problem};

/// BPJS Ketenagakerjaan programmes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Programme {
    Jkk,
    Jkm,
    Jht,
    Jp,
    Jkp,
}

impl Programme {
    pub const ALL: [Programme; 5] = [Programme::Jkk, Programme::Jkm, Programme::Jht, Programme::Jp, Programme::Jkp];

    pub fn code(self) -> &'static str {
        match self {
            Programme::Jkk => "JKK",
            Programme::Jkm => "JKM",
            Programme::Jht => "JHT",
            Programme::Jp => "JP",
            Programme::Jkp => "JKP",
        }
    }
}

/// Programmes an employer must enrol its workers in (Perpres 109/2013 Ps 6; JKP by PP 37/2021
/// as amended by PP 6/2025, following enrolment in the others).
pub fn required_programmes(size_class: &str) -> Vec<Programme> {
    use Programme::*;
    match size_class {
        "besar" | "menengah" => vec![Jkk, Jkm, Jht, Jp, Jkp],
        "kecil" => vec![Jkk, Jkm, Jht, Jkp],
        _ => vec![Jkk, Jkm],
    }
}

/// One BPJS enrolment figure, as reported on `as_of`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BpjsSnapshot {
    pub npp: String,
    pub registered_on: NaiveDate,
    pub programmes: Vec<Programme>,
    pub workers_enrolled: i32,
    pub as_of: NaiveDate,
}

/// A criterion of the decent-work indicator, as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Criterion {
    /// Met since the date given.
    Met { since: NaiveDate },
    /// The law does not require it of this company (below the threshold).
    NotRequired,
    /// Recorded but not enough: what is missing.
    Missing(Vec<Bilingual>),
    /// Nothing recorded as of the date.
    NoData,
}

/// BPJS as of `date`: the newest figure on or before it must cover every required programme
/// and enrol at least one worker.
pub fn bpjs_status(size_class: &str, snapshots: &[BpjsSnapshot], date: NaiveDate) -> Criterion {
    let Some(latest) = snapshots.iter().filter(|s| s.as_of <= date && s.registered_on <= date).max_by_key(|s| s.as_of)
    else {
        return Criterion::NoData;
    };
    let missing: Vec<Programme> =
        required_programmes(size_class).into_iter().filter(|p| !latest.programmes.contains(p)).collect();
    let mut gaps = Vec::new();
    if !missing.is_empty() {
        let list = missing.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ");
        gaps.push(Bilingual::new(
            format!("Program wajib belum diikuti: {list}"),
            format!("Required programmes not enrolled: {list}"),
        ));
    }
    if latest.workers_enrolled < 1 {
        gaps.push(Bilingual::new("Belum ada pekerja yang didaftarkan", "No worker is enrolled"));
    }
    if gaps.is_empty() {
        Criterion::Met { since: latest.as_of }
    } else {
        Criterion::Missing(gaps)
    }
}

/// A wage structure and scale: when it took effect, whether workers were told, its grades.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WageScale {
    pub effective_on: NaiveDate,
    pub workers_informed: bool,
    /// (grade, job level, minimum, maximum) in sen.
    pub grades: Vec<(String, String, i64, i64)>,
}

/// The lowest grade's minimum against the UMK of a year, when it is below.
pub fn below_umk(scale: &WageScale, umk: &BTreeMap<i32, i64>, year: i32) -> Option<(i64, i64)> {
    let lowest = scale.grades.iter().map(|g| g.2).min()?;
    let umk = *umk.get(&year)?;
    (lowest < umk).then_some((lowest, umk))
}

/// The wage scale as of `date`: the newest in effect, its workers informed, the lowest grade
/// not below the UMK of that year.
pub fn wage_scale_status(scales: &[WageScale], umk: &BTreeMap<i32, i64>, date: NaiveDate) -> Criterion {
    let Some(current) = scales.iter().filter(|s| s.effective_on <= date).max_by_key(|s| s.effective_on) else {
        return Criterion::NoData;
    };
    let mut gaps = Vec::new();
    if !current.workers_informed {
        gaps.push(Bilingual::new(
            "Pekerja belum diberi tahu struktur dan skala upah",
            "Workers have not been informed of the wage scale",
        ));
    }
    if let Some((lowest, umk_value)) = below_umk(current, umk, date.year()) {
        gaps.push(Bilingual::new(
            format!("Golongan terendah {} di bawah UMK {} ({})", rupiah(lowest), date.year(), rupiah(umk_value)),
            format!("The lowest grade {} is below the {} UMK ({})", rupiah(lowest), date.year(), rupiah(umk_value)),
        ));
    }
    if gaps.is_empty() {
        Criterion::Met { since: current.effective_on }
    } else {
        Criterion::Missing(gaps)
    }
}

/// Rupiah written the Indonesian way: Rp5.999.443 (sen shown only when not whole).
pub fn rupiah(sen: i64) -> String {
    let whole = sen / 100;
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if sen < 0 { "-" } else { "" };
    match sen.abs() % 100 {
        0 => format!("Rp{sign}{grouped}"),
        cents => format!("Rp{sign}{grouped},{cents:02}"),
    }
}

/// Parses an amount typed in rupiah ("5.999.443", "5999443,50", "Rp 5.690.752") into sen.
pub fn parse_rupiah(raw: &str, field: &'static str) -> Result<i64, Problem> {
    let bad = || {
        Problem::new(
            "invalid_amount",
            "Jumlah rupiah tidak valid. Contoh: 5.999.443",
            "The rupiah amount is not valid. Example: 5.999.443",
        )
        .field(field)
    };
    let cleaned: String =
        raw.trim().trim_start_matches("Rp").trim().chars().filter(|c| *c != '.' && *c != ' ').collect();
    let (whole, cents) = match cleaned.split_once(',') {
        Some((w, c)) if c.len() <= 2 && !c.is_empty() => (w.to_string(), format!("{c:0<2}")),
        Some(_) => return Err(bad()),
        None => (cleaned, "00".to_string()),
    };
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = cents.parse().map_err(|_| bad())?;
    if !(0..=1_000_000_000_000).contains(&whole) {
        return Err(bad());
    }
    Ok(whole * 100 + cents)
}

/// An LKS Bipartit as formed and recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lks {
    pub formed_on: NaiveDate,
    /// The bukti pencatatan date; an LKS counts once the office has recorded it.
    pub registered_on: Option<NaiveDate>,
    pub employer_members: usize,
    pub worker_members: usize,
}

/// Members are half employer, half workers, and at least the minimum in all.
pub fn check_lks_members(employer: usize, workers: usize, min_members: usize) -> Result<(), Problem> {
    if employer != workers {
        return Err(Problem {
            code: "lks_sides_unequal",
            field: Some("members"),
            message: Bilingual::new(
                format!("Anggota LKS Bipartit harus sama banyak dari unsur pengusaha dan pekerja (sekarang {employer} dan {workers})."),
                format!("An LKS Bipartit has as many employer as worker members (now {employer} and {workers})."),
            ),
        });
    }
    if employer + workers < min_members {
        return Err(Problem {
            code: "lks_too_few_members",
            field: Some("members"),
            message: Bilingual::new(
                format!("LKS Bipartit paling sedikit {min_members} anggota."),
                format!("An LKS Bipartit has at least {min_members} members."),
            ),
        });
    }
    Ok(())
}

/// The date a term that began on `from` ends (exclusive), `years` later.
pub fn term_end(from: NaiveDate, years: u32) -> NaiveDate {
    from.with_year(from.year() + years as i32).unwrap_or_else(|| from + chrono::Duration::days(365 * years as i64))
}

/// The LKS Bipartit criterion as of `date`: recorded and within its term; not required below
/// the workforce threshold when nothing was formed.
pub fn lks_status(list: &[Lks], workers_total: i32, required_from: i32, term_years: u32, date: NaiveDate) -> Criterion {
    let current = list.iter().filter(|l| l.formed_on <= date).max_by_key(|l| l.formed_on);
    match current {
        None if workers_total < required_from => Criterion::NotRequired,
        None => Criterion::NoData,
        Some(l) => {
            let end = term_end(l.formed_on, term_years);
            let mut gaps = Vec::new();
            if date >= end {
                gaps.push(Bilingual::new(
                    format!("Masa bakti berakhir {end}; LKS perlu dibentuk kembali"),
                    format!("The term ended on {end}; the LKS must be formed again"),
                ));
            }
            match l.registered_on {
                Some(r) if r <= date => {}
                _ => gaps.push(Bilingual::new(
                    "Belum dicatatkan di Disnaker (bukti pencatatan)",
                    "Not yet recorded at the Disnaker (bukti pencatatan)",
                )),
            }
            if gaps.is_empty() {
                Criterion::Met { since: l.registered_on.unwrap_or(l.formed_on).max(l.formed_on) }
            } else if workers_total < required_from && date >= end {
                Criterion::NotRequired
            } else {
                Criterion::Missing(gaps)
            }
        }
    }
}

/// A half-year of LKS Bipartit reporting: (year, 1 for January-June or 2 for July-December).
pub type Semester = (i32, u32);

pub fn semester_of(date: NaiveDate) -> Semester {
    (date.year(), if date.month() <= 6 { 1 } else { 2 })
}

pub fn semester_end(s: Semester) -> NaiveDate {
    let (m, d) = if s.1 == 1 { (6, 30) } else { (12, 31) };
    NaiveDate::from_ymd_opt(s.0, m, d).expect("a semester ends on a real day")
}

fn next_semester(s: Semester) -> Semester {
    if s.1 == 1 {
        (s.0, 2)
    } else {
        (s.0 + 1, 1)
    }
}

/// "2026-I" / "2026-II", as reports are named.
pub fn semester_label(s: Semester) -> String {
    format!("{}-{}", s.0, if s.1 == 1 { "I" } else { "II" })
}

/// Reads "2026-I", "2026-II", "2026-1" or "2026-2".
pub fn parse_semester(raw: &str) -> Option<Semester> {
    let (year, half) = raw.trim().split_once('-')?;
    let year: i32 = year.trim().parse().ok().filter(|y| (2000..=2100).contains(y))?;
    let half = match half.trim().to_uppercase().as_str() {
        "I" | "1" => 1,
        "II" | "2" => 2,
        _ => return None,
    };
    Some((year, half))
}

/// The six-monthly reports an LKS Bipartit owed by `date`: every semester that ended on or
/// before `date`, from the one it was formed in, while its term ran.
pub fn semesters_due(formed_on: NaiveDate, term_years: u32, date: NaiveDate) -> Vec<Semester> {
    let end = term_end(formed_on, term_years);
    let mut s = semester_of(formed_on);
    let mut out = Vec::new();
    while semester_end(s) < date && semester_end(s) >= formed_on {
        let starts = if s.1 == 1 { (s.0, 1) } else { (s.0, 7) };
        if NaiveDate::from_ymd_opt(starts.0, starts.1, 1).is_some_and(|d| d >= end) {
            break;
        }
        out.push(s);
        s = next_semester(s);
    }
    out
}

/// When the next regular meeting is due: the interval after the last meeting, or after the
/// formation when there has been none.
pub fn next_meeting_due(formed_on: NaiveDate, last_meeting: Option<NaiveDate>, interval_months: u32) -> NaiveDate {
    let from = last_meeting.unwrap_or(formed_on).max(formed_on);
    from.checked_add_months(chrono::Months::new(interval_months)).unwrap_or(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn umk() -> BTreeMap<i32, i64> {
        BTreeMap::from([(2025, 569_075_200), (2026, 599_944_300)])
    }

    #[test]
    fn bpjs_programmes_follow_the_business_scale_and_the_date() {
        use Programme::*;
        let snap = |programmes: Vec<Programme>, as_of| BpjsSnapshot {
            npp: "12345678".into(),
            registered_on: d(2020, 1, 1),
            programmes,
            workers_enrolled: 80,
            as_of,
        };
        let history =
            vec![snap(vec![Jkk, Jkm, Jht], d(2025, 1, 31)), snap(vec![Jkk, Jkm, Jht, Jp, Jkp], d(2026, 1, 31))];
        assert_eq!(bpjs_status("besar", &history, d(2024, 12, 31)), Criterion::NoData);
        match bpjs_status("besar", &history, d(2025, 6, 1)) {
            Criterion::Missing(gaps) => assert!(gaps[0].id.contains("JP, JKP"), "{gaps:?}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(bpjs_status("besar", &history, d(2026, 2, 1)), Criterion::Met { since: d(2026, 1, 31) });
        assert_eq!(
            bpjs_status("mikro", &[snap(vec![Jkk, Jkm], d(2025, 1, 31))], d(2025, 2, 1)),
            Criterion::Met { since: d(2025, 1, 31) }
        );
    }

    #[test]
    fn the_lowest_grade_is_checked_against_the_umk_of_the_year() {
        let scale = WageScale {
            effective_on: d(2025, 1, 1),
            workers_informed: true,
            grades: vec![
                ("I".into(), "Operator".into(), 570_000_000, 600_000_000),
                ("II".into(), "Staf".into(), 650_000_000, 800_000_000),
            ],
        };
        assert_eq!(
            wage_scale_status(std::slice::from_ref(&scale), &umk(), d(2025, 6, 1)),
            Criterion::Met { since: d(2025, 1, 1) }
        );
        // The same scale falls below the 2026 UMK (Rp5.999.443).
        match wage_scale_status(&[scale], &umk(), d(2026, 2, 1)) {
            Criterion::Missing(gaps) => {
                assert!(gaps[0].id.contains("Rp5.700.000") && gaps[0].id.contains("Rp5.999.443"), "{gaps:?}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rupiah_is_written_and_read_the_indonesian_way() {
        assert_eq!(rupiah(515_824_820), "Rp5.158.248,20");
        assert_eq!(rupiah(599_944_300), "Rp5.999.443");
        assert_eq!(parse_rupiah("Rp 5.999.443", "x").expect("valid"), 599_944_300);
        assert_eq!(parse_rupiah("5158248,2", "x").expect("valid"), 515_824_820);
        assert!(parse_rupiah("lima juta", "x").is_err());
        assert!(parse_rupiah("5,123", "x").is_err());
    }

    #[test]
    fn lks_sides_must_be_equal_and_enough() {
        assert!(check_lks_members(3, 3, 6).is_ok());
        assert_eq!(check_lks_members(4, 2, 6).expect_err("unequal").code, "lks_sides_unequal");
        assert_eq!(check_lks_members(2, 2, 6).expect_err("too few").code, "lks_too_few_members");
    }

    #[test]
    fn an_lks_counts_while_recorded_and_within_its_term() {
        let lks = Lks {
            formed_on: d(2023, 3, 1),
            registered_on: Some(d(2023, 3, 20)),
            employer_members: 3,
            worker_members: 3,
        };
        assert_eq!(
            lks_status(&[], 30, 50, 3, d(2025, 1, 1)),
            Criterion::NotRequired,
            "under 50 workers with none formed"
        );
        assert_eq!(lks_status(&[], 120, 50, 3, d(2025, 1, 1)), Criterion::NoData);
        assert!(
            matches!(lks_status(std::slice::from_ref(&lks), 120, 50, 3, d(2023, 3, 10)), Criterion::Missing(_)),
            "formed, not yet recorded"
        );
        assert_eq!(
            lks_status(std::slice::from_ref(&lks), 120, 50, 3, d(2025, 1, 1)),
            Criterion::Met { since: d(2023, 3, 20) }
        );
        assert_eq!(
            lks_status(std::slice::from_ref(&lks), 120, 50, 3, d(2026, 2, 28)),
            Criterion::Met { since: d(2023, 3, 20) }
        );
        match lks_status(&[lks], 120, 50, 3, d(2026, 3, 1)) {
            Criterion::Missing(gaps) => assert!(gaps[0].en.contains("term ended on 2026-03-01")),
            other => panic!("three years after formation the term has ended: {other:?}"),
        }
    }

    #[test]
    fn lks_reports_are_owed_for_each_semester_ended_in_the_term() {
        assert_eq!(parse_semester("2026-II"), Some((2026, 2)));
        assert_eq!(parse_semester("2026-1"), Some((2026, 1)));
        assert_eq!(parse_semester("2026-3"), None);
        assert_eq!(semester_label((2025, 2)), "2025-II");
        // Formed in May 2024: owes 2024-I (ended 30 June) onwards.
        assert_eq!(semesters_due(d(2024, 5, 10), 3, d(2024, 6, 30)), vec![]);
        assert_eq!(semesters_due(d(2024, 5, 10), 3, d(2024, 7, 1)), vec![(2024, 1)]);
        assert_eq!(semesters_due(d(2024, 5, 10), 3, d(2025, 3, 1)), vec![(2024, 1), (2024, 2)]);
        // The term ends on 10 May 2027: no report is owed for 2027-II.
        let late = semesters_due(d(2024, 5, 10), 3, d(2028, 6, 1));
        assert_eq!(late.last(), Some(&(2027, 1)));
        assert_eq!(late.len(), 7, "2024-I to 2027-I");
    }

    #[test]
    fn the_next_meeting_is_due_an_interval_after_the_last() {
        assert_eq!(next_meeting_due(d(2026, 1, 5), None, 1), d(2026, 2, 5));
        assert_eq!(next_meeting_due(d(2026, 1, 5), Some(d(2026, 1, 31)), 1), d(2026, 2, 28));
        assert_eq!(next_meeting_due(d(2026, 1, 5), Some(d(2026, 2, 10)), 3), d(2026, 5, 10));
    }
}
