//! Reading and checking calendar years and deadline rules as data (TOML text in, typed values
//! out, every problem named); no IO beyond the folder listing in `load_*`.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use crate::calendar::rules::{DayKind, Direction, Holiday, YearStatus};

/// One year's list as written in `config/calendar/YYYY.toml` (or imported by an admin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFile {
    pub year: i32,
    pub status: YearStatus,
    pub source: String,
    pub days: Vec<Holiday>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: i32,
    status: String,
    source: String,
    #[serde(default)]
    days: Vec<RawDay>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDay {
    date: String,
    kind: String,
    name_id: String,
    name_en: String,
}

/// Years Harmoni accepts in a calendar list.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Parses and checks one year's list; every problem found is reported, one per line.
pub fn parse_year(text: &str) -> Result<YearFile, Vec<String>> {
    let raw: RawYear = toml::from_str(text).map_err(|e| vec![format!("not a valid calendar file: {}", e.message())])?;
    let mut problems = Vec::new();
    if !YEARS.contains(&raw.year) {
        problems.push(format!("year {} is outside {}-{}", raw.year, YEARS.start(), YEARS.end()));
    }
    let status = YearStatus::parse(&raw.status);
    if status.is_none() {
        problems.push(format!("status `{}` is not provisional or confirmed", raw.status));
    }
    if raw.source.trim().is_empty() {
        problems.push("source (the SKB or other basis) must not be empty".into());
    }
    let mut seen = HashSet::new();
    let mut days = Vec::new();
    for (i, day) in raw.days.iter().enumerate() {
        let at = format!("day {} ({})", i + 1, day.date);
        let Ok(date) = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d") else {
            problems.push(format!("{at}: the date must be written YYYY-MM-DD"));
            continue;
        };
        if date.year() != raw.year {
            problems.push(format!("{at}: the date is not in {}", raw.year));
        }
        if !seen.insert(date) {
            problems.push(format!("{at}: the date is listed twice"));
        }
        let Some(kind) = DayKind::parse(&day.kind) else {
            problems.push(format!("{at}: kind `{}` is not libur_nasional, cuti_bersama or penutupan_kantor", day.kind));
            continue;
        };
        if kind == DayKind::PenutupanKantor && matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            problems.push(format!("{at}: an office closure on a {} (a weekend) closes nothing", date.weekday()));
        }
        if day.name_id.trim().is_empty() || day.name_en.trim().is_empty() {
            problems.push(format!("{at}: name_id and name_en must not be empty"));
        }
        days.push(Holiday { date, kind, name_id: day.name_id.trim().into(), name_en: day.name_en.trim().into() });
    }
    match status {
        Some(status) if problems.is_empty() => {
            Ok(YearFile { year: raw.year, status, source: raw.source.trim().into(), days })
        }
        _ => Err(problems),
    }
}

/// Reads every `YYYY.toml` in `dir`; the file name must match the year inside.
pub fn load_years(dir: &Path) -> Result<Vec<YearFile>, String> {
    let mut years = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let year = parse_year(&text).map_err(|p| format!("{}:\n  {}", path.display(), p.join("\n  ")))?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if stem != year.year.to_string() {
            return Err(format!("{}: holds year {}; name the file {}.toml", path.display(), year.year, year.year));
        }
        years.push(year);
    }
    Ok(years)
}

/// Days or working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    WorkingDays,
    CalendarDays,
}

/// One statutory clock, referred to by its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRule {
    pub code: String,
    pub label_id: String,
    pub label_en: String,
    pub days: u32,
    pub unit: Unit,
    pub direction: Direction,
    pub legal_basis: String,
    pub missed_id: String,
    pub missed_en: String,
    /// The office may change `days` (DOMAIN.md marks it a setting).
    pub setting: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    code: String,
    label_id: String,
    label_en: String,
    days: u32,
    unit: Unit,
    direction: String,
    legal_basis: String,
    missed_id: String,
    missed_en: String,
    setting: bool,
}

/// The rules, by code, with the office's overrides applied (only to rules that are settings).
pub fn parse_rules(
    text: &str,
    overrides: &BTreeMap<String, u32>,
) -> Result<BTreeMap<String, DeadlineRule>, Vec<String>> {
    let raw: RawRules =
        toml::from_str(text).map_err(|e| vec![format!("deadlines.toml is not valid: {}", e.message())])?;
    let mut problems = Vec::new();
    let mut rules = BTreeMap::new();
    for r in raw.rules {
        let direction = match r.direction.as_str() {
            "after" => Direction::After,
            "before" => Direction::Before,
            other => {
                problems.push(format!("rule {}: direction `{other}` is not after or before", r.code));
                continue;
            }
        };
        if r.code.is_empty() || !r.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            problems.push(format!("rule `{}`: the code must be lowercase letters, digits and _", r.code));
        }
        if r.days == 0 || r.days > crate::calendar::rules::MAX_WORKING_DAYS {
            problems.push(format!("rule {}: days must be 1 to {}", r.code, crate::calendar::rules::MAX_WORKING_DAYS));
        }
        if r.legal_basis.trim().is_empty() {
            problems.push(format!("rule {}: legal_basis must name the rule", r.code));
        }
        let rule = DeadlineRule {
            code: r.code.clone(),
            label_id: r.label_id,
            label_en: r.label_en,
            days: r.days,
            unit: r.unit,
            direction,
            legal_basis: r.legal_basis,
            missed_id: r.missed_id,
            missed_en: r.missed_en,
            setting: r.setting,
        };
        if rules.insert(r.code.clone(), rule).is_some() {
            problems.push(format!("rule {} is defined twice", r.code));
        }
    }
    for (code, days) in overrides {
        match rules.get_mut(code) {
            None => problems.push(format!("setting `deadlines.{code}`: there is no deadline rule {code}")),
            Some(rule) if !rule.setting => problems.push(format!(
                "setting `deadlines.{code}`: this clock is fixed by law ({}) and cannot be changed",
                rule.legal_basis
            )),
            Some(_) if *days == 0 || *days > crate::calendar::rules::MAX_WORKING_DAYS => problems
                .push(format!("setting `deadlines.{code}`: must be 1 to {}", crate::calendar::rules::MAX_WORKING_DAYS)),
            Some(rule) => rule.days = *days,
        }
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config");

    #[test]
    fn shipped_years_load_and_match_domain() {
        let years = load_years(&Path::new(CONFIG).join("calendar")).expect("shipped calendars are valid");
        let by_year: BTreeMap<i32, &YearFile> = years.iter().map(|y| (y.year, y)).collect();
        assert_eq!(by_year[&2025].days.len(), 28);
        assert_eq!(by_year[&2026].days.len(), 25);
        assert_eq!(by_year[&2027].status, YearStatus::Provisional);
        assert_eq!(by_year[&2025].status, YearStatus::Confirmed);
        let cuti_2026 = by_year[&2026].days.iter().filter(|d| d.kind == DayKind::CutiBersama).count();
        assert_eq!(cuti_2026, 8);
    }

    #[test]
    fn bad_year_files_are_reported_clearly() {
        let text = r#"
year = 2026
status = "confirmed"
source = "SKB"
[[days]]
date = "2025-12-31"
kind = "libur_nasional"
name_id = "Salah tahun"
name_en = "Wrong year"
[[days]]
date = "2026-01-01"
kind = "libur_nasional"
name_id = "Tahun Baru"
name_en = "New Year"
[[days]]
date = "2026-01-01"
kind = "cuti_bersama"
name_id = "Dua kali"
name_en = "Twice"
[[days]]
date = "2026-01-03"
kind = "penutupan_kantor"
name_id = "Sabtu"
name_en = "Saturday"
"#;
        let problems = parse_year(text).expect_err("refused");
        assert!(problems.iter().any(|p| p.contains("2025-12-31") && p.contains("not in 2026")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("listed twice")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("2026-01-03") && p.contains("weekend")), "{problems:?}");
    }

    #[test]
    fn rules_load_and_only_settings_can_be_changed() {
        let text = std::fs::read_to_string(Path::new(CONFIG).join("deadlines.toml")).expect("read");
        let rules = parse_rules(&text, &BTreeMap::new()).expect("valid");
        assert_eq!(rules["mediasi"].days, 30);
        assert_eq!(rules["pemberitahuan_mogok"].direction, Direction::Before);
        let changed = parse_rules(&text, &BTreeMap::from([("pkb_pemeriksaan".to_string(), 8)])).expect("a setting");
        assert_eq!(changed["pkb_pemeriksaan"].days, 8);
        let err = parse_rules(&text, &BTreeMap::from([("mediasi".to_string(), 40)])).expect_err("fixed by law");
        assert!(err[0].contains("deadlines.mediasi") && err[0].contains("UU 2/2004 Pasal 15"), "{err:?}");
        let err = parse_rules(&text, &BTreeMap::from([("tidak_ada".to_string(), 4)])).expect_err("unknown");
        assert!(err[0].contains("deadlines.tidak_ada"), "{err:?}");
    }
}
