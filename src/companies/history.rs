//! Each company's standing over time, so that the decent-work indicator can be computed as of
//! any day (DOMAIN.md section 9): the stretches of days in which its four criteria did not
//! change (`standing_periods`), and the sums of their starts and ends per breakdown key at
//! year, month and day grain (`indicator_changes`), which the reports add up as of a day.
//! Rewritten in the transaction that changes a company's records (through `standing::refresh`);
//! rebuilt whole when the settings it was computed with change.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::companies::compliance;
use crate::companies::model::{self, BpjsRow, CompanyRow, LksMemberRow, LksRow, PeriodRow, WageGradeRow, WageScaleRow};
use crate::companies::records;
use crate::companies::standing::code;
use crate::config::Settings;
use crate::db::{write_tx, DbConn};
use crate::error::Error;
use crate::regulations::rules::Instrument;

/// Bumped when the rules of the criteria change in code, so that stored histories are rebuilt.
const RULES_VERSION: u32 = 1;

/// The breakdowns of the indicator, as stored in `indicator_changes.dimension`.
pub const DIMENSIONS: [&str; 4] = ["kecamatan", "kbli", "scale", "band"];

/// Workforce bands of the breakdown, chosen at the legal thresholds (PP from 10 workers, LKS
/// from 50) and the usual 100/500 marks of the labour statistics.
pub const BANDS: [(&str, i32); 5] = [("1-9", 1), ("10-49", 10), ("50-99", 50), ("100-499", 100), ("500+", 500)];

/// The band of a workforce (0 workers falls in the first band).
pub fn workforce_band(total: i32) -> &'static str {
    BANDS.iter().rev().find(|(_, from)| total >= *from).map_or(BANDS[0].0, |(b, _)| b)
}

/// The KBLI 2020 section (A-U) of a five-digit code, from its two-digit division.
pub fn kbli_section(code: &str) -> &'static str {
    let division: u32 = code.get(..2).and_then(|d| d.parse().ok()).unwrap_or(0);
    match division {
        1..=3 => "A",
        5..=9 => "B",
        10..=33 => "C",
        35 => "D",
        36..=39 => "E",
        41..=43 => "F",
        45..=47 => "G",
        49..=53 => "H",
        55..=56 => "I",
        58..=63 => "J",
        64..=66 => "K",
        68 => "L",
        69..=75 => "M",
        77..=82 => "N",
        84 => "O",
        85 => "P",
        86..=88 => "Q",
        90..=93 => "R",
        94..=96 => "S",
        97..=98 => "T",
        99 => "U",
        _ => "-",
    }
}

/// What the stored history depends on besides the records: when it changes, rebuild.
pub fn fingerprint(settings: &Settings) -> String {
    let r = &settings.registry;
    let umk: Vec<String> = settings.umk.iter().map(|(y, v)| format!("{y}:{v}")).collect();
    format!(
        "v{RULES_VERSION};pp{};lks{};term{};umk{}",
        r.pp_required_from_workers,
        r.lks_required_from_workers,
        r.lks_term_years,
        umk.join(",")
    )
}

/// The days a company counts in the denominator: from its WLKP registration (or, without a
/// date, from its entry in the register), while active and in the city. A closed company
/// leaves on the day it was marked closed (its last change).
pub fn registered_span(company: &CompanyRow) -> Option<(NaiveDate, Option<NaiveDate>)> {
    if !company.wlkp_registered || company.outside_city {
        return None;
    }
    let from = company.wlkp_registered_on.unwrap_or(company.created_at.date());
    let to = (company.status == "closed").then(|| company.updated_at.date());
    match to {
        Some(to) if to <= from => None,
        _ => Some((from, to)),
    }
}

/// A company's records, as the criteria read them.
#[derive(Debug, Default)]
pub struct Records {
    pub bpjs: Vec<BpjsRow>,
    pub wage_scales: Vec<(WageScaleRow, Vec<WageGradeRow>)>,
    pub lks: Vec<(LksRow, Vec<LksMemberRow>)>,
    pub regulations: Vec<Instrument>,
}

/// The days on which the criteria can change: every date in the records, the end of each LKS
/// term, the day after a PP/PKB ends, and each new year up to the year after the last UMK.
fn change_days(records: &Records, settings: &Settings, from: NaiveDate) -> BTreeSet<NaiveDate> {
    let mut days = BTreeSet::new();
    for b in &records.bpjs {
        days.extend([b.as_of, b.registered_on]);
    }
    for (s, _) in &records.wage_scales {
        days.insert(s.effective_on);
    }
    for (l, _) in &records.lks {
        days.insert(l.formed_on);
        days.insert(compliance::term_end(l.formed_on, settings.registry.lks_term_years));
        days.extend(l.registered_on);
    }
    for i in &records.regulations {
        days.insert(i.counts_from);
        days.extend(i.ends_on.succ_opt());
    }
    let last_umk_year = settings.umk.keys().next_back().copied().unwrap_or(from.year());
    for year in from.year() + 1..=last_umk_year + 1 {
        days.extend(NaiveDate::from_ymd_opt(year, 1, 1));
    }
    days.retain(|d| *d > from);
    days.insert(from);
    days
}

/// The company's standing periods: the criteria evaluated on every change day of its span,
/// consecutive days with the same codes merged.
pub fn periods(company: &CompanyRow, records: &Records, settings: &Settings) -> Vec<PeriodRow> {
    let Some((from, to)) = registered_span(company) else { return Vec::new() };
    let mut out: Vec<PeriodRow> = Vec::new();
    for day in change_days(records, settings, from) {
        if to.is_some_and(|to| day >= to) {
            break;
        }
        let c = records::criteria(
            company,
            &records.bpjs,
            &records.wage_scales,
            &records.lks,
            &records.regulations,
            settings,
            day,
        );
        let codes = [code(&c.pp), code(&c.lks), code(&c.wage), code(&c.bpjs)];
        if let Some(last) = out.last_mut() {
            if [last.pp.as_str(), last.lks.as_str(), last.wage.as_str(), last.bpjs.as_str()] == codes {
                continue;
            }
            last.valid_to = Some(day);
        }
        out.push(PeriodRow {
            company_id: company.id.clone(),
            office_id: company.office_id.clone(),
            valid_from: day,
            valid_to: to,
            pp: codes[0].into(),
            lks: codes[1].into(),
            wage: codes[2].into(),
            bpjs: codes[3].into(),
            kecamatan: company.kecamatan_code.clone().unwrap_or_default(),
            kbli_section: kbli_section(&company.kbli_code).into(),
            size_class: company.size_class.clone(),
            workforce_band: workforce_band(company.workers_total).into(),
        });
    }
    out
}

/// The counters of `indicator_changes`, in column order: registered, then met and not
/// required for PP/PKB, LKS, wage scale and BPJS, then all four met, all four met or not
/// required.
pub type Counts = [i64; 11];

/// What one period adds to the counters while it lasts.
pub fn contribution(p: &PeriodRow) -> Counts {
    let codes = [p.pp.as_str(), p.lks.as_str(), p.wage.as_str(), p.bpjs.as_str()];
    let mut c = [0; 11];
    c[0] = 1;
    for (i, code) in codes.iter().enumerate() {
        c[1 + 2 * i] = i64::from(*code == "met");
        c[2 + 2 * i] = i64::from(*code == "not_required");
    }
    c[9] = i64::from(codes.iter().all(|c| *c == "met"));
    c[10] = i64::from(codes.iter().all(|c| *c == "met" || *c == "not_required"));
    c
}

/// Key of an `indicator_changes` row: grain, first day of the grain, dimension, key.
pub type ChangeKey = (char, NaiveDate, &'static str, String);

/// The first days of the year, month and day grains containing `day`.
pub fn grains(day: NaiveDate) -> [(char, NaiveDate); 3] {
    let year = NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day);
    let month = day.with_day(1).unwrap_or(day);
    [('y', year), ('m', month), ('d', day)]
}

/// Adds `sign` times the periods' starts (+) and ends (-) to the change sums.
pub fn add_changes(acc: &mut HashMap<ChangeKey, Counts>, periods: &[PeriodRow], sign: i64) {
    for p in periods {
        let c = contribution(p);
        let keys = [
            ("kecamatan", &p.kecamatan),
            ("kbli", &p.kbli_section),
            ("scale", &p.size_class),
            ("band", &p.workforce_band),
        ];
        let events = [(p.valid_from, sign)].into_iter().chain(p.valid_to.map(|to| (to, -sign)));
        for (day, s) in events {
            for (grain, start) in grains(day) {
                for (dim, key) in keys {
                    let entry = acc.entry((grain, start, dim, key.clone())).or_insert([0; 11]);
                    for (e, v) in entry.iter_mut().zip(c) {
                        *e += s * v;
                    }
                }
            }
        }
    }
}

/// Recomputes one company's periods and moves the change sums by the difference; call inside
/// the transaction that changed its records (through `standing::refresh`).
pub fn rewrite(conn: &mut DbConn, settings: &Settings, company: &CompanyRow, records: &Records) -> Result<(), Error> {
    let old = model::periods_of(conn, &company.id)?;
    let new = periods(company, records, settings);
    if old == new {
        return Ok(());
    }
    let mut acc = HashMap::new();
    add_changes(&mut acc, &old, -1);
    add_changes(&mut acc, &new, 1);
    acc.retain(|_, c| c.iter().any(|v| *v != 0));
    model::replace_periods(conn, &company.id, &new)?;
    model::add_indicator_changes(conn, &company.office_id, &acc)?;
    Ok(())
}

/// Rebuilds the history of every company of an office from its records, in one transaction;
/// returns how many companies were visited.
pub fn rebuild_office(
    conn: &mut DbConn,
    settings: &Settings,
    office_id: &str,
    now: NaiveDateTime,
) -> Result<usize, Error> {
    write_tx(conn, |conn| {
        model::clear_history(conn, office_id)?;
        let mut acc = HashMap::new();
        let mut after = String::new();
        let mut visited = 0;
        loop {
            let batch = model::companies_after(conn, office_id, &after, 2000)?;
            let Some(last) = batch.last() else { break };
            after = last.id.clone();
            visited += batch.len();
            let ids: Vec<&str> = batch.iter().map(|c| c.id.as_str()).collect();
            let mut records: HashMap<String, Records> = HashMap::new();
            for b in model::bpjs_of(conn, &ids)? {
                records.entry(b.company_id.clone()).or_default().bpjs.push(b);
            }
            for w in model::wage_scales_of(conn, &ids)? {
                records.entry(w.0.company_id.clone()).or_default().wage_scales.push(w);
            }
            for l in model::lks_of(conn, &ids)? {
                records.entry(l.0.company_id.clone()).or_default().lks.push(l);
            }
            for (id, list) in crate::regulations::service::instruments_of(conn, &ids)? {
                records.entry(id).or_default().regulations = list;
            }
            let mut rows = Vec::new();
            for company in &batch {
                let r = records.remove(&company.id).unwrap_or_default();
                rows.extend(periods(company, &r, settings));
            }
            add_changes(&mut acc, &rows, 1);
            model::insert_periods(conn, &rows)?;
        }
        acc.retain(|_, c| c.iter().any(|v| *v != 0));
        model::add_indicator_changes(conn, office_id, &acc)?;
        model::save_history_state(conn, office_id, &fingerprint(settings), now)?;
        Ok(visited)
    })
}

/// Rebuilds the history of each office whose stored history was computed with other settings
/// (or never); run at start-up. Returns the offices rebuilt.
pub fn ensure_current(conn: &mut DbConn, settings: &Settings, now: NaiveDateTime) -> Result<Vec<String>, Error> {
    let wanted = fingerprint(settings);
    let mut rebuilt = Vec::new();
    for (office_id, stored) in model::history_states(conn)? {
        if stored.as_deref() != Some(wanted.as_str()) {
            rebuild_office(conn, settings, &office_id, now)?;
            rebuilt.push(office_id);
        }
    }
    Ok(rebuilt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_and_sections_follow_the_thresholds_and_kbli_divisions() {
        assert_eq!(workforce_band(0), "1-9");
        assert_eq!(workforce_band(9), "1-9");
        assert_eq!(workforce_band(10), "10-49");
        assert_eq!(workforce_band(50), "50-99");
        assert_eq!(workforce_band(499), "100-499");
        assert_eq!(workforce_band(5000), "500+");
        assert_eq!(kbli_section("10792"), "C");
        assert_eq!(kbli_section("47111"), "G");
        assert_eq!(kbli_section("86101"), "Q");
        assert_eq!(kbli_section("04000"), "-");
    }

    #[test]
    fn the_three_grains_cover_each_day_once() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 17).expect("date");
        let g = grains(d);
        assert_eq!(g[0], ('y', NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")));
        assert_eq!(g[1], ('m', NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")));
        assert_eq!(g[2], ('d', d));
    }
}
