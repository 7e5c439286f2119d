//! Each company's standing on the computed criteria (PP/PKB, LKS Bipartit, wage scale, BPJS)
//! as of today, kept in `company_standing` so that lists and reports can filter hundreds of
//! thousands of companies by it. Refreshed in the transaction that changes a record, and by a
//! sweep from the day the passing of time alone can change it (an LKS term ending, a new
//! year's UMK, a PP or PKB taking effect or expiring).

use chrono::{Datelike, NaiveDate};

use crate::companies::compliance::{self, Criterion};
use crate::companies::history;
use crate::companies::model::{self, CompanyRow, StandingRow};
use crate::companies::records;
use crate::config::Settings;
use crate::db::{write_tx, DbConn};
use crate::error::Error;

/// Bits of `companies.standing_gaps`: a criterion missing or without data.
pub const GAP_LKS: i32 = 1;
pub const GAP_WAGE: i32 = 2;
pub const GAP_BPJS: i32 = 4;
pub const GAP_PP: i32 = 8;

/// The stored code of a criterion's status.
pub fn code(c: &Criterion) -> &'static str {
    match c {
        Criterion::Met { .. } => "met",
        Criterion::NotRequired => "not_required",
        Criterion::Missing(_) => "missing",
        Criterion::NoData => "no_data",
    }
}

/// The first day after `today` on which the criteria can change without a new record: the
/// end of the current LKS term, or the first of January (a new UMK).
pub fn changes_on(lks_formed: &[NaiveDate], term_years: u32, today: NaiveDate) -> NaiveDate {
    let new_year = NaiveDate::from_ymd_opt(today.year() + 1, 1, 1).expect("1 January exists");
    lks_formed
        .iter()
        .map(|f| compliance::term_end(*f, term_years))
        .filter(|end| *end > today)
        .min()
        .map_or(new_year, |end| end.min(new_year))
}

/// Recomputes one company's standing as of `today`, and its history; call inside the
/// transaction that changed its records or its workforce.
pub fn refresh(conn: &mut DbConn, settings: &Settings, company: &CompanyRow, today: NaiveDate) -> Result<(), Error> {
    // Two transactions refreshing one company take turns from here (on PostgreSQL the row lock
    // holds until commit), so the second reads the first one's records and history, and the
    // history's change sums move by exactly the difference.
    model::lock_company(conn, &company.id)?;
    let r = history::Records {
        bpjs: model::bpjs(conn, &company.id)?,
        wage_scales: model::wage_scales(conn, &company.id)?,
        lks: model::lks(conn, &company.id)?,
        regulations: crate::regulations::service::instruments(conn, &company.id)?,
    };
    let c = records::criteria(company, &r.bpjs, &r.wage_scales, &r.lks, &r.regulations, settings, today);
    let formed: Vec<NaiveDate> = r.lks.iter().map(|(l, _)| l.formed_on).collect();
    let changes = changes_on(&formed, settings.registry.lks_term_years, today);
    let changes = crate::regulations::rules::changes_on(&r.regulations, today).map_or(changes, |d| d.min(changes));
    let row = StandingRow {
        company_id: company.id.clone(),
        office_id: company.office_id.clone(),
        lks: code(&c.lks).into(),
        wage: code(&c.wage).into(),
        bpjs: code(&c.bpjs).into(),
        computed_on: today,
        changes_on: changes,
        pp: code(&c.pp).into(),
    };
    let gap = |c: &Criterion| !matches!(c, Criterion::Met { .. } | Criterion::NotRequired);
    let gaps = [(&c.lks, GAP_LKS), (&c.wage, GAP_WAGE), (&c.bpjs, GAP_BPJS), (&c.pp, GAP_PP)]
        .into_iter()
        .filter(|(c, _)| gap(c))
        .fold(0, |mask, (_, bit)| mask | bit);
    model::save_standing(conn, &row, gaps)?;
    history::rewrite(conn, settings, company, &r)
}

/// Refreshes the standing of companies that have none yet or whose `changes_on` has come,
/// at most `limit` in one transaction; returns how many were refreshed.
pub fn refresh_due(conn: &mut DbConn, settings: &Settings, today: NaiveDate, limit: i64) -> Result<usize, Error> {
    write_tx(conn, |conn| {
        let ids = model::standing_due(conn, today, limit)?;
        for id in &ids {
            if let Some(company) = model::find_any(conn, id)? {
                refresh(conn, settings, &company, today)?;
            }
        }
        Ok(ids.len())
    })
}

/// Companies refreshed per transaction by `sweep`: small enough that on SQLite the write lock
/// is held for milliseconds, so requests writing beside a large sweep (a new UMK year touches
/// every company) wait briefly instead of running into the busy timeout.
const SWEEP_BATCH: i64 = 100;

/// Refreshes everything due as of `today`, in batches of `SWEEP_BATCH` (one transaction each);
/// run by `serve`'s housekeeping every ten minutes and after `harmoni demo`.
pub fn sweep(conn: &mut DbConn, settings: &Settings, today: NaiveDate) -> Result<usize, Error> {
    let mut total = 0;
    loop {
        let n = refresh_due(conn, settings, today, SWEEP_BATCH)?;
        total += n;
        if n < SWEEP_BATCH as usize {
            return Ok(total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_standing_changes_at_the_term_end_or_the_new_year() {
        assert_eq!(changes_on(&[], 3, d(2026, 3, 2)), d(2027, 1, 1));
        assert_eq!(changes_on(&[d(2023, 6, 1)], 3, d(2026, 3, 2)), d(2026, 6, 1));
        assert_eq!(changes_on(&[d(2020, 6, 1), d(2024, 9, 1)], 3, d(2026, 3, 2)), d(2027, 1, 1));
        assert_eq!(changes_on(&[d(2023, 3, 2)], 3, d(2026, 3, 2)), d(2027, 1, 1), "ended today: already counted");
    }
}
