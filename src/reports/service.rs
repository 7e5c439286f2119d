//! The leadership reports as use cases: who may read which, and the figures of the decent-work
//! indicator as of a day, the disputes of a period and the monthly HI facilities report.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

use crate::accounts::{Actor, Role};
use crate::calendar::rules::{DeadlineStatus, Direction};
use crate::cases::rules::Status;
use crate::companies::history::DIMENSIONS;
use crate::config::Settings;
use crate::db::DbConn;
use crate::error::Error;
use crate::reports::model::{self, MediationFacts, MissingRow};
pub use crate::reports::rules::IndicatorLine;
use crate::reports::rules::{self, age_band, ReportPeriod, AGE_BANDS};

/// Whose figures a reader sees: the whole office, or (a mediator) only their own cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reader {
    Office,
    Mediator(String),
}

/// Leadership, desk and administrators read every report of their office; a mediator reads the
/// dispute figures of their own cases; workers and companies none.
pub fn reader(actor: &Actor, disputes: bool) -> Result<Reader, Error> {
    match actor.role {
        Role::Pimpinan | Role::Petugas | Role::Admin => Ok(Reader::Office),
        Role::Mediator if disputes => Ok(Reader::Mediator(actor.user_id.clone())),
        _ => Err(Error::Forbidden),
    }
}

/// A point of the trend: the share meeting all criteria at the end of a year or month.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrendPoint {
    pub on: NaiveDate,
    pub registered: i64,
    pub all: i64,
    pub percent: Option<f64>,
    pub target: Option<f64>,
}

/// The decent-work indicator as of a day.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Indicator {
    pub as_of: NaiveDate,
    /// The setting applied: criteria the law does not require of a company count as met.
    pub unrequired_counted_as_met: bool,
    pub pp_required_from_workers: i32,
    pub lks_required_from_workers: i32,
    pub total: IndicatorLine,
    pub percent: Option<f64>,
    /// The Renstra target of the year of `as_of`, when set.
    pub target: Option<f64>,
    /// Breakdowns: `kecamatan`, `kbli`, `scale`, `band`, each a list of lines.
    pub breakdowns: BTreeMap<String, Vec<IndicatorLine>>,
    pub trend: Vec<TrendPoint>,
}

/// The indicator as of `as_of`, its breakdowns and trend.
pub fn indicator(
    conn: &mut DbConn,
    actor: &Actor,
    settings: &Settings,
    as_of: NaiveDate,
    today: NaiveDate,
) -> Result<Indicator, Error> {
    reader(actor, false)?;
    let office = &actor.office_id;
    let lenient = settings.registry.count_unrequired_as_met;
    let sums = rules::sum_as_of(&model::changes_as_of(conn, office, as_of)?, as_of);
    let mut breakdowns: BTreeMap<String, Vec<IndicatorLine>> =
        DIMENSIONS.iter().map(|d| (d.to_string(), Vec::new())).collect();
    for ((dim, key), counts) in &sums {
        breakdowns.entry(dim.clone()).or_default().push(IndicatorLine::from_counts(key, counts, lenient));
    }
    for (dim, lines) in breakdowns.iter_mut() {
        lines.sort_by_key(|x| order_of(dim, &x.key));
    }
    let total = IndicatorLine::from_counts("", &rules::total_of(&sums), lenient);
    let trend = trend(conn, office, settings, today)?;
    Ok(Indicator {
        as_of,
        unrequired_counted_as_met: lenient,
        pp_required_from_workers: settings.registry.pp_required_from_workers,
        lks_required_from_workers: settings.registry.lks_required_from_workers,
        percent: total.share(total.all),
        total,
        target: settings.reports.target_of(as_of.year()),
        breakdowns,
        trend,
    })
}

/// Breakdown lines in their natural order: bands and scales from small to large, others by key.
fn order_of(dimension: &str, key: &str) -> (usize, String) {
    let position = match dimension {
        "band" => crate::companies::history::BANDS.iter().position(|(b, _)| *b == key),
        "scale" => crate::companies::rules::SIZE_CLASSES.iter().position(|(c, _, _)| *c == key),
        _ => None,
    };
    (position.unwrap_or(usize::MAX), key.to_string())
}

fn trend(conn: &mut DbConn, office: &str, settings: &Settings, today: NaiveDate) -> Result<Vec<TrendPoint>, Error> {
    let first_target = settings.reports.indicator_targets.keys().filter_map(|y| y.parse::<i32>().ok()).min();
    let first_data = model::first_period_day(conn, office)?.map(|d| d.year());
    let first = match (first_target, first_data) {
        (Some(a), Some(b)) => a.min(b).max(today.year() - 15),
        (a, b) => a.or(b).unwrap_or(today.year()),
    };
    // A month's end needs no day rows of that month (its month row holds them all) except
    // for the running month, whose point is today.
    let rows = model::changes_for_trend(conn, office, "scale", today)?;
    let lenient = settings.registry.count_unrequired_as_met;
    Ok(rules::trend_points(first, today)
        .into_iter()
        .map(|on| {
            let l = IndicatorLine::from_counts("", &rules::total_of(&rules::sum_for_trend(&rows, on)), lenient);
            TrendPoint {
                on,
                registered: l.registered,
                all: l.all,
                percent: rules::percent(l.all, l.registered),
                target: settings.reports.target_of(on.year()),
            }
        })
        .collect())
}

/// The criteria a drill-down can ask for.
pub const CRITERIA: [&str; 5] = ["all", "pp", "lks", "wage", "bpjs"];

/// Companies missing a criterion as of a day (`limit` from `offset`, by name), optionally in
/// one breakdown cell; with the number in all.
#[allow(clippy::too_many_arguments)]
pub fn missing(
    conn: &mut DbConn,
    actor: &Actor,
    settings: &Settings,
    as_of: NaiveDate,
    criterion: &str,
    cell: Option<(&str, &str)>,
    offset: i64,
    limit: i64,
) -> Result<(Vec<MissingRow>, i64), Error> {
    reader(actor, false)?;
    if !CRITERIA.contains(&criterion) {
        return Err(Error::invalid("invalid_criterion", "kriteria", "Kriteria tidak dikenali.", "Unknown criterion."));
    }
    if let Some((dim, _)) = cell {
        if !DIMENSIONS.contains(&dim) {
            return Err(Error::invalid(
                "invalid_dimension",
                "dimensi",
                "Rincian tidak dikenali.",
                "Unknown breakdown.",
            ));
        }
    }
    let lenient = settings.registry.count_unrequired_as_met;
    let ok: &[&str] = if lenient { &["met", "not_required"] } else { &["met"] };
    let rows =
        model::missing(conn, &actor.office_id, as_of, criterion, ok, cell, offset.max(0), limit.clamp(1, 100_000))?;
    // The number missing is the indicator's own: registered less those meeting the criterion.
    let sums = rules::sum_as_of(&model::changes_as_of(conn, &actor.office_id, as_of)?, as_of);
    let counts = match cell {
        Some((dim, key)) => sums.get(&(dim.to_string(), key.to_string())).copied().unwrap_or([0; 11]),
        None => rules::total_of(&sums),
    };
    let line = IndicatorLine::from_counts("", &counts, lenient);
    let met = match criterion {
        "pp" => line.pp,
        "lks" => line.lks,
        "wage" => line.wage,
        "bpjs" => line.bpjs,
        _ => line.all,
    };
    Ok((rows, line.registered - met))
}

/// Cases by dispute type and final status.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TypeOutcome {
    pub dispute_type: String,
    pub status: String,
    pub cases: i64,
}

/// A stage's open cases by working days since they entered it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Ageing {
    pub status: String,
    /// Counts in the bands 0-10, 11-20, 21-30, >30 working days.
    pub bands: [i64; 4],
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MediatorLine {
    pub mediator_id: String,
    pub name: String,
    /// Cases in mediation now (mediasi, anjuran, menunggu_pb).
    pub open: i64,
    /// Mediations that ended in the period, and of those within the mediation deadline.
    pub finished: i64,
    pub on_time: i64,
    /// Open cases with a deadline already passed.
    pub overdue: i64,
}

/// A running deadline of an open case, near or past.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeadlineCase {
    pub case_id: String,
    pub case_number: Option<String>,
    pub company_name: String,
    pub status: String,
    pub rule: String,
    pub rule_name: String,
    pub due: NaiveDate,
    /// Working days left (positive) or past (negative).
    pub working_days: i64,
    pub mediator: Option<String>,
}

/// The disputes report of a period.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Disputes {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Only one mediator's cases (a mediator reading, or a filter), by id.
    pub mediator_id: Option<String>,
    /// Cases handled in the period: those still open on its first day (carried over from
    /// before) plus those registered during it. The denominator of both rates.
    pub recorded: i64,
    pub carried_over: i64,
    pub registered: i64,
    /// Closed in the period with a status counted as resolved (`reports.resolved_statuses`).
    pub resolved: i64,
    pub resolved_statuses: Vec<String>,
    /// Closed in the period at the end of mediation: PB, anjuran rejected (PHI) or withdrawn
    /// after delegation.
    pub completed_at_mediation: i64,
    pub resolution_rate: Option<f64>,
    pub completion_rate: Option<f64>,
    pub by_type_outcome: Vec<TypeOutcome>,
    pub mediations_finished: i64,
    pub mediations_on_time: i64,
    pub mediation_days: u32,
    pub ageing: Vec<Ageing>,
    pub mediators: Vec<MediatorLine>,
    pub approaching: Vec<DeadlineCase>,
    pub overdue: Vec<DeadlineCase>,
    pub year: i32,
    /// Resolved and prevented from 1 January of `year` to the end of the period (or today).
    pub resolved_in_year: i64,
    pub resolved_target: u32,
    pub prevented_in_year: Option<i64>,
    pub prevented_in_period: Option<i64>,
    pub prevented_target: u32,
}

/// The day a mediation ended: the anjuran, else the PB, else the closing (withdrawal).
fn mediation_end(c: &MediationFacts) -> Option<NaiveDate> {
    c.delegated_on?;
    c.anjuran_issued_on.or(c.pb_signed_on).or(c.closed_on)
}

/// The disputes of a period. Office readers may narrow it to one mediator of their office; a
/// mediator always reads their own cases (another mediator's id is not found).
pub fn disputes(
    conn: &mut DbConn,
    actor: &Actor,
    settings: &Settings,
    period: &ReportPeriod,
    only_mediator: Option<&str>,
    today: NaiveDate,
) -> Result<Disputes, Error> {
    let who = reader(actor, true)?;
    let office = actor.office_id.as_str();
    let names: HashMap<String, String> = crate::cases::model::mediators(conn, office)?.into_iter().collect();
    if only_mediator.is_some_and(|m| !names.contains_key(m)) {
        return Err(Error::NotFound);
    }
    let mediator = match (&who, only_mediator) {
        (Reader::Mediator(me), Some(m)) if m != me => return Err(Error::NotFound),
        (Reader::Mediator(me), _) => Some(me.as_str()),
        (Reader::Office, m) => m,
    };
    let ctx = crate::cases::service::Ctx::load(conn, settings, office)?;
    let rule =
        settings.deadline_rules.get("mediasi").ok_or_else(|| Error::internal("deadline rule mediasi missing"))?.clone();
    let resolved_set: Vec<&str> = settings.reports.resolved_statuses.iter().map(String::as_str).collect();

    let registered = model::recorded(conn, office, mediator, period.from, period.to)?;
    let carried_over = model::carried_over(conn, office, mediator, period.from)?;
    let recorded = registered + carried_over;
    let mut by: BTreeMap<(String, String), i64> = BTreeMap::new();
    let (mut resolved, mut completed) = (0, 0);
    for (dispute_type, status, cases, delegated) in
        model::closed_counts(conn, office, mediator, period.from, period.to)?
    {
        if resolved_set.contains(&status.as_str()) {
            resolved += cases;
        }
        // Each case is judged with whether it was delegated: the counts split the two.
        let completed_of =
            |was_delegated: bool, n: i64| if rules::completed_at_mediation(&status, was_delegated) { n } else { 0 };
        completed += completed_of(true, delegated) + completed_of(false, cases - delegated);
        *by.entry((dispute_type, status)).or_default() += cases;
    }

    // Mediations ended in the period, against the mediation deadline (30 WD from delegation,
    // extended by the clarification days, as the case's own clock runs).
    let ended = model::mediations_ended_in(conn, office, mediator, period.from, period.to)?;
    let mut per_mediator: HashMap<String, (i64, i64)> = HashMap::new();
    let (mut finished, mut on_time) = (0, 0);
    for c in &ended {
        let (Some(end), Some(start)) = (mediation_end(c), c.delegated_on) else { continue };
        if !period.contains(end) {
            continue;
        }
        let extra = crate::cases::service::clarification_working_days(
            &ctx.calendar,
            c.clarification_started_on,
            c.clarification_ended_on,
        );
        let in_time = match rule.direction {
            Direction::After => ctx.calendar.on_or_before_deadline(start, rule.days + extra, end),
            Direction::Before => end <= ctx.calendar.compute(start, rule.days + extra, rule.direction).due,
        };
        finished += 1;
        on_time += i64::from(in_time);
        if let Some(m) = &c.mediator_id {
            let e = per_mediator.entry(m.clone()).or_default();
            e.0 += 1;
            e.1 += i64::from(in_time);
        }
    }

    // Open cases: ageing by stage, running deadlines, mediator load.
    let open = model::open_cases(conn, office, mediator, &rules::OPEN)?;
    let mut ageing: BTreeMap<String, [i64; 4]> = BTreeMap::new();
    let mut load: HashMap<String, (i64, i64)> = HashMap::new();
    let (mut approaching, mut overdue) = (Vec::new(), Vec::new());
    for case in &open {
        let since = case.status_since.or(case.clocks.registered_on);
        if let Some(since) = since {
            let band = if (today - since).num_days() > rules::CERTAINLY_OVER_30_WD {
                AGE_BANDS.len() - 1
            } else {
                age_band(ctx.calendar.count_working_days(since, today))
            };
            ageing.entry(case.clocks.status.clone()).or_default()[band] += 1;
        }
        let in_mediation = matches!(case.clocks.status.as_str(), "mediasi" | "anjuran" | "menunggu_pb");
        let mut late = false;
        for d in crate::cases::service::deadlines(&ctx, &case.clocks, today)? {
            let working_days = match d.status {
                DeadlineStatus::Overdue(n) => -n,
                DeadlineStatus::DueToday => 0,
                DeadlineStatus::Ahead(n) => n,
            };
            let line = DeadlineCase {
                case_id: case.id.clone(),
                case_number: case.case_number.clone(),
                company_name: case.company_name.clone(),
                status: case.clocks.status.clone(),
                rule: d.rule.code.clone(),
                rule_name: d.rule.label_id.clone(),
                due: d.computation.due,
                working_days,
                mediator: case.mediator_id.as_ref().and_then(|m| names.get(m).cloned()),
            };
            if working_days < 0 {
                late = true;
                overdue.push(line);
            } else if working_days <= i64::from(settings.reports.approaching_working_days) {
                approaching.push(line);
            }
        }
        if let (Some(m), true) = (&case.mediator_id, in_mediation) {
            let e = load.entry(m.clone()).or_default();
            e.0 += 1;
            e.1 += i64::from(late);
        }
    }
    approaching.sort_by_key(|d| (d.working_days, d.due));
    overdue.sort_by_key(|d| (d.working_days, d.due));
    let mut mediators: Vec<MediatorLine> = names
        .iter()
        .filter(|(id, _)| mediator.is_none_or(|m| m == id.as_str()))
        .map(|(id, name)| {
            let (open, overdue) = load.get(id).copied().unwrap_or_default();
            let (finished, on_time) = per_mediator.get(id).copied().unwrap_or_default();
            MediatorLine { mediator_id: id.clone(), name: name.clone(), open, finished, on_time, overdue }
        })
        .collect();
    mediators.sort_by(|a, b| a.name.cmp(&b.name));

    // Renstra targets: the year of the period's end, from 1 January to the period's end.
    let year = period.to.year();
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(period.from);
    let year_end = period.to.min(today.max(period.from));
    let resolved_in_year = if period.from == year_start {
        // The period starts on 1 January: the cases just counted (none closes after today).
        resolved
    } else {
        model::closed_with(conn, office, mediator, &resolved_set, year_start, year_end)?
    };
    let (prevented_in_year, prevented_in_period) = match (&who, mediator) {
        (Reader::Office, None) => (
            Some(model::prevented(conn, office, year_start, year_end)?),
            Some(model::prevented(conn, office, period.from, period.to)?),
        ),
        _ => (None, None),
    };
    Ok(Disputes {
        from: period.from,
        to: period.to,
        mediator_id: mediator.map(str::to_string),
        recorded,
        carried_over,
        registered,
        resolved,
        resolved_statuses: settings.reports.resolved_statuses.clone(),
        completed_at_mediation: completed,
        resolution_rate: rules::percent(resolved, recorded),
        completion_rate: rules::percent(completed, recorded),
        by_type_outcome: by
            .into_iter()
            .map(|((dispute_type, status), cases)| TypeOutcome { dispute_type, status, cases })
            .collect(),
        mediations_finished: finished,
        mediations_on_time: on_time,
        mediation_days: rule.days,
        ageing: Status::ALL
            .iter()
            .filter_map(|s| ageing.get(s.as_str()).map(|b| Ageing { status: s.as_str().into(), bands: *b }))
            .collect(),
        mediators,
        approaching,
        overdue,
        year,
        resolved_in_year,
        resolved_target: settings.reports.resolved_per_year,
        prevented_in_year,
        prevented_in_period,
        prevented_target: settings.reports.prevented_per_year,
    })
}

/// One new record of the month in the facilities report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthRecord {
    /// pp, pkb, wage_scale, lks or bpjs.
    pub kind: String,
    pub company_name: String,
    /// Number of the SK, PKB registration or LKS record; NPP for BPJS.
    pub number: Option<String>,
    pub on: NaiveDate,
    /// Valid until (PP/PKB, followed by `;deemed` when deemed ratified), workers enrolled
    /// (BPJS), the day formed (LKS) or `informed`/`not_informed` (wage scale).
    pub detail: String,
}

/// The monthly HI facilities and BPJS participants report sent to the province.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Monthly {
    pub year: i32,
    pub month: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub pp_ratified: i64,
    pub pkb_registered: i64,
    pub wage_scales: i64,
    pub lks_recorded: i64,
    pub bpjs_reports: i64,
    /// Standing at the month's end: registered companies and those meeting each criterion.
    pub standing: IndicatorLine,
    /// Companies with a BPJS figure at the month's end and their enrolled workers.
    pub bpjs_companies: i64,
    pub bpjs_workers: i64,
    pub records: Vec<MonthRecord>,
}

pub fn monthly(conn: &mut DbConn, actor: &Actor, settings: &Settings, year: i32, month: u32) -> Result<Monthly, Error> {
    reader(actor, false)?;
    let office = actor.office_id.as_str();
    let from = NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| Error::invalid("invalid_period", "bulan", "Bulan tidak dikenali.", "Unknown month."))?;
    let next = from.checked_add_months(chrono::Months::new(1)).unwrap_or(from);
    let to = next.pred_opt().unwrap_or(from);
    let mut records = Vec::new();
    let (mut pp, mut pkb) = (0, 0);
    for (company, kind, origin, number, issued, until) in model::regulations_issued(conn, office, from, to)? {
        if kind == "pkb" {
            pkb += 1;
        } else {
            pp += 1;
        }
        // A PP deemed ratified (the deadline passed without a decree) has no decree number.
        let number = (!number.trim().is_empty()).then_some(number);
        let detail = if origin == "dianggap" { format!("{until};deemed") } else { until.to_string() };
        records.push(MonthRecord { kind, company_name: company, number, on: issued, detail });
    }
    let wage = model::wage_scales_entered(
        conn,
        office,
        from.and_time(chrono::NaiveTime::MIN),
        next.and_time(chrono::NaiveTime::MIN),
    )?;
    let wage_count = wage.len() as i64;
    for (company, effective, informed) in wage {
        records.push(MonthRecord {
            kind: "wage_scale".into(),
            company_name: company,
            number: None,
            on: effective,
            detail: if informed { "informed" } else { "not_informed" }.into(),
        });
    }
    let lks = model::lks_recorded(conn, office, from, to)?;
    let lks_count = lks.len() as i64;
    for (company, number, formed, recorded) in lks {
        records.push(MonthRecord {
            kind: "lks".into(),
            company_name: company,
            number,
            on: recorded.unwrap_or(formed),
            detail: formed.to_string(),
        });
    }
    let bpjs = model::bpjs_reported(conn, office, from, to)?;
    let bpjs_count = bpjs.len() as i64;
    for (company, npp, as_of, workers) in bpjs {
        records.push(MonthRecord {
            kind: "bpjs".into(),
            company_name: company,
            number: Some(npp),
            on: as_of,
            detail: workers.to_string(),
        });
    }
    let (mut bpjs_companies, mut bpjs_workers, mut last) = (0, 0, String::new());
    for (company, _, workers) in model::bpjs_up_to(conn, office, to)? {
        if company != last {
            bpjs_companies += 1;
            bpjs_workers += i64::from(workers);
            last = company;
        }
    }
    let lenient = settings.registry.count_unrequired_as_met;
    let total = rules::total_of(&rules::sum_as_of(&model::changes_as_of(conn, office, to)?, to));
    Ok(Monthly {
        year,
        month,
        from,
        to,
        pp_ratified: pp,
        pkb_registered: pkb,
        wage_scales: wage_count,
        lks_recorded: lks_count,
        bpjs_reports: bpjs_count,
        standing: IndicatorLine::from_counts("", &total, lenient),
        bpjs_companies,
        bpjs_workers,
        records,
    })
}
