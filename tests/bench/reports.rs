//! Benchmark: latency of the leadership reports at national scale. Seeds 500,000 companies with
//! their compliance records and PP/PKB (multi-row inserts in large batches, the same companies
//! and records as `harmoni demo`), rebuilds the standing history and its summary
//! (`history::rebuild_office`), seeds 100,000 dispute cases over 2019-2026 with their history,
//! runs the real application and measures p50/p99/max over HTTP from one client: the indicator
//! API and page as of many days, the disputes API and page over several periods; then, calling
//! the use cases directly, the indicator from the `indicator_changes` summary against the same
//! figures scanned from `standing_periods` with one SQL aggregate per day (the "before the
//! summary table" number).
//!
//! Run with `cargo bench --bench reports`. Environment:
//! - HARMONI_BENCH_COMPANIES (default 500000), HARMONI_BENCH_CASES (default 100000);
//! - HARMONI_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/harmoni_bench_reports to run
//!   on PostgreSQL (a database whose name contains "bench" is dropped and created afresh);
//! - HARMONI_BENCH_KEEP_DB=/tmp/bench-reports.db to keep the SQLite database there;
//! - HARMONI_BENCH_REUSE_DB=1 to measure again on the database a previous run seeded and kept
//!   (the kept SQLite file, or the PostgreSQL database) after migrating it, without seeding;
//! - HARMONI_BENCH_DEMO_SEED=1 to seed the companies with `harmoni::demo::seed` instead;
//! - HARMONI_BENCH_REQUESTS (default 200) measured requests per scenario after 10 warm-ups,
//!   HARMONI_BENCH_EXTRA_REQUESTS (default 20) for the HTTP scenarios without a target,
//!   HARMONI_BENCH_DIRECT_REQUESTS (default 50) for the direct calls other than the indicator.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Text};

use harmoni::accounts::service::{self as accounts, LinkForm, UserInput};
use harmoni::accounts::Actor;
use harmoni::app::Application;
use harmoni::cases::model::{CaseRow, HistoryRow};
use harmoni::companies::model::CompanyRow;
use harmoni::companies::rules::Regions;
use harmoni::config::Settings;
use harmoni::db::{write_tx, DbConn};
use harmoni::demo::{office_salt, DemoRecords, Dice, PEOPLE, WORDS};
use harmoni::regulations::model::RegulationRow;
use harmoni::reports::rules::{IndicatorLine, ReportPeriod};
use harmoni::schema::{
    bpjs_records, case_history, cases, companies, indicator_changes, lks_bipartit, lks_members, regulations,
    standing_periods, wage_grades, wage_scales,
};

const PASSWORD: &str = "kopi hujan sepeda meja 7";

/// A named request and the path of its n-th run.
type Scenario = (&'static str, usize, Option<f64>, Box<dyn Fn(usize) -> String>);

fn days(n: i64) -> chrono::Duration {
    chrono::Duration::days(n)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn at(day: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(h, m % 60, 0).expect("time"))
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// One measured line of the final table.
struct Measured {
    what: String,
    n: usize,
    p50: f64,
    p99: f64,
    max: f64,
    target: Option<f64>,
}

impl Measured {
    fn of(what: &str, mut times: Vec<Duration>, target: Option<f64>) -> Measured {
        times.sort();
        let pct = |p: f64| {
            let idx = ((times.len() as f64 - 1.0) * p).round() as usize;
            times[idx].as_secs_f64() * 1000.0
        };
        let m =
            Measured { what: what.to_string(), n: times.len(), p50: pct(0.5), p99: pct(0.99), max: pct(1.0), target };
        println!("  {:<52} n={:<4} p50 {:>9.2} ms  p99 {:>9.2} ms  max {:>9.2} ms", m.what, m.n, m.p50, m.p99, m.max);
        m
    }
}

// ---------------------------------------------------------------------------------------------
// Seeding: the demo companies and their records, in multi-row inserts.

/// What the seeding needs at hand.
struct Seed<'a> {
    office: &'a str,
    regions: &'a Regions,
    umk: i64,
    today: NaiveDate,
    now: NaiveDateTime,
}

/// PP/PKB of a company, entered directly (the demo walks 500,000 companies through the
/// ratification use cases, far too slow here): about 40% of the active companies of 10 workers
/// or more, valid two years, some lapsed and some renewed, so that the PP criterion changes
/// over time as it does in the register.
fn regulations_of(c: &CompanyRow, i: u64, s: &Seed) -> Vec<RegulationRow> {
    let mut d = Dice(0x5050_504B_4200_0001 ^ (i + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    if c.status != "active" || c.workers_total < 10 || !d.chance(40) {
        return Vec::new();
    }
    let kind = if c.workers_total >= 50 && d.chance(15) { "pkb" } else { "pp" };
    let salt = office_salt(s.office) ^ 0x5245_4755;
    let mut out = Vec::new();
    let mut issued = s.today - days(d.range(30, 2400));
    for k in 0..3u64 {
        let valid_until = issued.checked_add_months(chrono::Months::new(24)).map_or(issued, |e| e - days(1));
        out.push(RegulationRow {
            id: uuid::Uuid::from_u64_pair(salt, i * 4 + k).to_string(),
            office_id: s.office.to_string(),
            company_id: c.id.clone(),
            kind: kind.into(),
            origin: if kind == "pkb" { "pendaftaran" } else { "sk" }.into(),
            submission_id: None,
            number: format!("560/{}/{}-{}/{}", i + 1, kind.to_uppercase(), k + 1, issued.year()),
            number_year: None,
            number_seq: None,
            issuer_level: "kabkota".into(),
            issuer_name: "Dinas Tenaga Kerja Kota Bekasi".into(),
            issued_on: issued,
            valid_from: issued,
            valid_until,
            extended_until: None,
            extended_on: None,
            extension_note: String::new(),
            renewal_reminded_on: None,
            signed_by: None,
            created_by: None,
            created_at: s.now,
            updated_at: s.now,
        });
        // Renewed (most on time, some after a gap), or left to lapse.
        if valid_until >= s.today || !d.chance(60) {
            break;
        }
        issued = valid_until + days(if d.chance(70) { 1 } else { d.range(10, 120) });
        if issued > s.today {
            break;
        }
    }
    out
}

/// Inserts rows in multi-row statements of `$chunk` rows on either backend.
macro_rules! bulk {
    ($conn:expr, $table:expr, $rows:expr, $chunk:expr) => {
        for chunk in $rows.chunks($chunk) {
            match &mut *$conn {
                DbConn::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                DbConn::Postgres(c) => diesel::insert_into($table).values(chunk).execute(c)?,
            };
        }
    };
}

/// Seeds `count` demo companies with their records and PP/PKB; returns the rows added per table.
fn seed_companies(conn: &mut DbConn, s: &Seed, count: u64) -> BTreeMap<&'static str, usize> {
    let mut added: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut start = 0;
    while start < count {
        let end = (start + 25_000).min(count);
        let (mut rows, mut bpjs, mut scales, mut grades, mut lks, mut members, mut regs) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for i in start..end {
            let c = harmoni::demo::company(i, s.office, s.regions, s.today, s.now);
            let DemoRecords { bpjs: b, wage: w, lks: l } = harmoni::demo::records(&c, i, s.today, s.now, s.umk);
            bpjs.extend(b);
            if let Some((scale, g)) = w {
                scales.push(scale);
                grades.extend(g);
            }
            if let Some((row, m)) = l {
                lks.push(row);
                members.extend(m);
            }
            regs.extend(regulations_of(&c, i, s));
            rows.push(c);
        }
        for (table, n) in [
            ("companies", rows.len()),
            ("bpjs_records", bpjs.len()),
            ("wage_scales", scales.len()),
            ("wage_grades", grades.len()),
            ("lks_bipartit", lks.len()),
            ("lks_members", members.len()),
            ("regulations", regs.len()),
        ] {
            *added.entry(table).or_default() += n;
        }
        write_tx(conn, |c| {
            bulk!(c, companies::table, rows, 1000);
            bulk!(c, bpjs_records::table, bpjs, 2000);
            bulk!(c, wage_scales::table, scales, 4000);
            bulk!(c, wage_grades::table, grades, 4000);
            bulk!(c, lks_bipartit::table, lks, 4000);
            bulk!(c, lks_members::table, members, 4000);
            bulk!(c, regulations::table, regs, 1000);
            Ok(())
        })
        .expect("seed companies");
        start = end;
    }
    added
}

// ---------------------------------------------------------------------------------------------
// Seeding: dispute cases.

/// What the case generator needs at hand.
struct CaseGen<'a> {
    seed: &'a Seed<'a>,
    total: u64,
    companies: u64,
    desk: &'a str,
    mediators: &'a [String],
}

/// One step of a case's life, taken on its day.
#[derive(Debug, Clone, Copy)]
enum Step {
    Submit,
    Register,
    /// The parties' choice: mediation (true) or conciliation/arbitration.
    Forum(bool),
    Assign(usize),
    /// Clarification from the given day to the step's day.
    Clarify(NaiveDate),
    Session,
    /// Anjuran issued; received by the parties on the given day.
    Anjuran(NaiveDate),
    Accept,
    Reject,
    Pb,
    Withdraw,
    Refer,
    External,
}

const STORIES: [(&str, &str); 4] = [
    ("phk", "Di-PHK dengan alasan efisiensi tanpa perundingan dan tanpa pesangon sesuai PP 35/2021."),
    ("hak", "Upah lembur tiga bulan terakhir tidak dibayar dan THR dibayar kurang dari satu bulan upah."),
    ("kepentingan", "Perundingan PKB periode baru buntu tentang kenaikan tunjangan transportasi."),
    ("antar_sp", "Dua serikat pekerja berselisih tentang keanggotaan dan hak berunding PKB."),
];

/// Case number `n` (of `total`, spread evenly from 2019 to today): its plan of steps from the
/// national mix of types and outcomes, taken up to today; a few cases stall at a step (the
/// overdue files of a real office). Returns the case as it stands and one history row per
/// step taken.
fn case_of(n: u64, g: &CaseGen) -> (CaseRow, Vec<HistoryRow>) {
    let s = g.seed;
    let mut d = Dice(0xCA5E_0000_0000_0001 ^ (n + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let first = date(2019, 1, 2);
    let span = (s.today - first).num_days().max(1) as u64;
    let submitted = first + days((n * span / g.total.max(1)) as i64);
    let dtype = match d.below(100) {
        0..=69 => "phk",
        70..=94 => "hak",
        95..=98 => "kepentingan",
        _ => "antar_sp",
    };
    let mut plan: Vec<(NaiveDate, Step)> = vec![(submitted, Step::Submit)];
    if d.chance(2) {
        plan.push((submitted + days(d.range(1, 6)), Step::Refer));
    } else {
        let registered = submitted + days(d.range(1, 5));
        plan.push((registered, Step::Register));
        let mut waiting = registered;
        let mut mediation = true;
        if dtype != "hak" {
            let answered = registered + days(d.range(2, 9));
            mediation = !d.chance(8);
            plan.push((answered, Step::Forum(mediation)));
            waiting = answered;
            if !mediation {
                plan.push((answered + days(d.range(30, 90)), Step::External));
            }
        }
        if mediation && d.chance(5) {
            plan.push((waiting + days(d.range(1, 10)), Step::Withdraw));
        } else if mediation {
            let delegated = waiting + days(d.range(1, 6));
            plan.push((delegated, Step::Assign(d.below(g.mediators.len() as u64) as usize)));
            let mut t = delegated;
            if d.chance(25) {
                let from = delegated + days(d.range(1, 4));
                t = from + days(d.range(2, 10));
                plan.push((t, Step::Clarify(from)));
            }
            let first_session = t + days(d.range(3, 12));
            plan.push((first_session, Step::Session));
            let outcome = d.below(100);
            if outcome < 40 {
                plan.push((first_session + days(d.range(0, 30)), Step::Pb));
            } else if outcome < 88 {
                let issued = first_session + days(d.range(5, 35));
                let received = issued + days(d.range(1, 4));
                plan.push((issued, Step::Anjuran(received)));
                if d.chance(35) {
                    let accepted = received + days(d.range(2, 10));
                    plan.push((accepted, Step::Accept));
                    plan.push((accepted + days(d.range(1, 4)), Step::Pb));
                } else {
                    plan.push((received + days(d.range(10, 16)), Step::Reject));
                }
            } else {
                plan.push((first_session + days(d.range(1, 30)), Step::Withdraw));
            }
        }
    }
    let stalls = d.below(1000) < 8 && plan.len() > 2;
    let taken = if stalls { 1 + d.below(plan.len() as u64 - 1) as usize } else { plan.len() };

    let salt = office_salt(s.office) ^ 0xCA5E_BE4C;
    let id = uuid::Uuid::from_u64_pair(salt, n).to_string();
    let company = harmoni::demo::company((n * 7919 + 13) % g.companies.max(1), s.office, s.regions, s.today, s.now);
    let story = STORIES.iter().find(|(t, _)| *t == dtype).map_or("", |(_, text)| *text);
    let mut row = CaseRow {
        id: id.clone(),
        office_id: s.office.to_string(),
        reference: format!("HRM-B{:03X}-{:05X}", n >> 20, n & 0xF_FFFF),
        pin_hash: "bench".into(),
        case_number: None,
        dispute_type: dtype.into(),
        status: "draf".into(),
        filed_by: g.desk.to_string(),
        channel: "loket".into(),
        complainant_side: if dtype != "antar_sp" && d.chance(5) { "pengusaha" } else { "pekerja" }.into(),
        identity_checked: true,
        consent_recorded: true,
        contact_name: Some(format!("{} {}", d.pick(&PEOPLE), d.pick(&WORDS))),
        contact_phone: Some(format!("+62813{:08}", n)),
        contact_email: None,
        company_id: Some(company.id),
        company_name: company.name,
        company_address: company.address,
        union_id: None,
        union_name: None,
        is_group: d.chance(20),
        chronology: story.into(),
        demands: "Hak-hak pekerja dibayar sesuai ketentuan.".into(),
        submission_key: format!("bench-{n}"),
        submitted_on: None,
        registered_on: None,
        screening_note: None,
        referred_to: None,
        forum_worker: None,
        forum_company: None,
        forum_person: None,
        external_outcome: None,
        mediator_id: None,
        delegated_on: None,
        clarification_started_on: None,
        clarification_ended_on: None,
        clarification_notes: None,
        first_session_on: None,
        anjuran_issued_on: None,
        anjuran_received_on: None,
        anjuran_text: None,
        anjuran_worker: None,
        anjuran_worker_on: None,
        anjuran_company: None,
        anjuran_company_on: None,
        anjuran_accepted_on: None,
        pb_signed_on: None,
        pb_text: None,
        pb_deed_number: None,
        pb_deed_on: None,
        closed_on: None,
        closing_reason: None,
        pin_failures: 0,
        pin_locked_until: None,
        created_at: at(submitted, 8, 0),
        updated_at: at(submitted, 8, 0),
        status_since: None,
    };
    let mut history = Vec::new();
    for (k, (day, step)) in plan.into_iter().take(taken).enumerate() {
        if day > s.today {
            break;
        }
        let from = row.status.clone();
        let desk = (g.desk.to_string(), "petugas");
        let mediator = row.mediator_id.clone().map(|m| (m, "mediator"));
        let (action, to, actor) = match step {
            Step::Submit => {
                row.submitted_on = Some(day);
                ("submit", "diajukan", desk)
            }
            Step::Register => {
                row.registered_on = Some(day);
                row.case_number = Some(format!("{:06}/HI/{}", n + 1, day.year()));
                ("register", if dtype == "hak" { "menunggu_mediator" } else { "penawaran_forum" }, desk)
            }
            Step::Forum(true) => {
                row.forum_worker = Some("mediasi".into());
                row.forum_company = Some("mediasi".into());
                ("forum_answer", "menunggu_mediator", desk)
            }
            Step::Forum(false) => {
                let forum = if dtype == "hak" || d.chance(70) { "konsiliasi" } else { "arbitrase" };
                row.forum_worker = Some(forum.into());
                row.forum_company = Some(forum.into());
                row.forum_person = Some("Konsiliator terdaftar".into());
                ("forum_answer", forum, desk)
            }
            Step::External => {
                row.external_outcome = Some("Perjanjian bersama di hadapan konsiliator.".into());
                row.closed_on = Some(day);
                ("external_outcome", "selesai_forum_lain", desk)
            }
            Step::Assign(m) => {
                row.mediator_id = Some(g.mediators[m].clone());
                row.delegated_on = Some(day);
                ("assign", "mediasi", desk)
            }
            Step::Clarify(from_day) => {
                row.clarification_started_on = Some(from_day);
                row.clarification_ended_on = Some(day);
                row.clarification_notes = Some("Klarifikasi berkas para pihak.".into());
                ("clarification", "mediasi", mediator.unwrap_or(desk))
            }
            Step::Session => {
                row.first_session_on = Some(day);
                ("session", "mediasi", mediator.unwrap_or(desk))
            }
            Step::Anjuran(received) => {
                row.anjuran_issued_on = Some(day);
                row.anjuran_received_on = (received <= s.today).then_some(received);
                row.anjuran_text = Some("Menganjurkan pengusaha membayar hak pekerja.".into());
                ("issue_anjuran", "anjuran", mediator.unwrap_or(desk))
            }
            Step::Accept => {
                row.anjuran_worker = Some("terima".into());
                row.anjuran_worker_on = Some(day);
                row.anjuran_company = Some("terima".into());
                row.anjuran_company_on = Some(day);
                row.anjuran_accepted_on = Some(day);
                ("anjuran_answer", "menunggu_pb", mediator.unwrap_or(desk))
            }
            Step::Reject => {
                row.anjuran_worker = Some("terima".into());
                row.anjuran_worker_on = row.anjuran_received_on;
                row.anjuran_company = Some(if d.chance(50) { "tolak" } else { "dianggap_tolak" }.into());
                row.anjuran_company_on = Some(day);
                row.closed_on = Some(day);
                ("anjuran_answer", "lanjut_phi", mediator.unwrap_or(desk))
            }
            Step::Pb => {
                row.pb_signed_on = Some(day);
                row.pb_text = Some("Para pihak sepakat menyelesaikan perselisihan.".into());
                row.closed_on = Some(day);
                ("sign_pb", "selesai_pb", mediator.unwrap_or(desk))
            }
            Step::Withdraw => {
                row.closed_on = Some(day);
                row.closing_reason = Some("Dicabut oleh pengadu.".into());
                ("withdraw", "dicabut", desk)
            }
            Step::Refer => {
                row.referred_to = Some("Pengawas Ketenagakerjaan".into());
                row.closed_on = Some(day);
                ("refer", "dirujuk", desk)
            }
        };
        // As the service keeps it: the day of the last step that changed the status.
        if from != to {
            row.status_since = Some(day);
        }
        row.status = to.into();
        row.updated_at = at(day, 10, k as u32);
        history.push(HistoryRow {
            id: uuid::Uuid::from_u64_pair(salt ^ 0x4849_5354, n * 16 + k as u64).to_string(),
            case_id: id.clone(),
            action: action.into(),
            from_status: from,
            to_status: to.into(),
            effective_on: day,
            actor_user_id: Some(actor.0),
            actor_role: actor.1.into(),
            note: None,
            created_at: at(day, 9, k as u32),
        });
    }
    (row, history)
}

/// Seeds `g.total` dispute cases; returns (cases, history rows, open cases).
fn seed_cases(conn: &mut DbConn, g: &CaseGen) -> (usize, usize, usize) {
    let open = harmoni::reports::rules::OPEN;
    let (mut n_cases, mut n_history, mut n_open) = (0, 0, 0);
    let mut start = 0;
    while start < g.total {
        let end = (start + 20_000).min(g.total);
        let (mut rows, mut history) = (Vec::new(), Vec::new());
        for n in start..end {
            let (row, h) = case_of(n, g);
            n_open += usize::from(open.contains(&row.status.as_str()));
            rows.push(row);
            history.extend(h);
        }
        n_cases += rows.len();
        n_history += history.len();
        write_tx(conn, |c| {
            bulk!(c, cases::table, rows, 500);
            bulk!(c, case_history::table, history, 3000);
            Ok(())
        })
        .expect("seed cases");
        start = end;
    }
    (n_cases, n_history, n_open)
}

// ---------------------------------------------------------------------------------------------
// "Before the summary table": the indicator scanned from standing_periods.

#[derive(Debug, QueryableByName)]
struct Cell {
    #[diesel(sql_type = Text)]
    kecamatan: String,
    #[diesel(sql_type = Text)]
    kbli_section: String,
    #[diesel(sql_type = Text)]
    size_class: String,
    #[diesel(sql_type = Text)]
    workforce_band: String,
    #[diesel(sql_type = BigInt)]
    registered: i64,
    #[diesel(sql_type = BigInt)]
    pp_met: i64,
    #[diesel(sql_type = BigInt)]
    pp_free: i64,
    #[diesel(sql_type = BigInt)]
    lks_met: i64,
    #[diesel(sql_type = BigInt)]
    lks_free: i64,
    #[diesel(sql_type = BigInt)]
    wage_met: i64,
    #[diesel(sql_type = BigInt)]
    wage_free: i64,
    #[diesel(sql_type = BigInt)]
    bpjs_met: i64,
    #[diesel(sql_type = BigInt)]
    bpjs_free: i64,
    #[diesel(sql_type = BigInt)]
    all_met: i64,
    #[diesel(sql_type = BigInt)]
    all_ok: i64,
}

fn scan_sql(placeholders: [&str; 3]) -> String {
    let [office, from, to] = placeholders;
    let sum = |cond: &str| format!("SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)");
    let ok = |c: &str| format!("{c} IN ('met', 'not_required')");
    format!(
        "SELECT kecamatan, kbli_section, size_class, workforce_band, COUNT(*) AS registered, \
         {} AS pp_met, {} AS pp_free, {} AS lks_met, {} AS lks_free, {} AS wage_met, {} AS wage_free, \
         {} AS bpjs_met, {} AS bpjs_free, {} AS all_met, {} AS all_ok \
         FROM standing_periods WHERE office_id = {office} AND valid_from <= {from} \
         AND (valid_to IS NULL OR valid_to > {to}) GROUP BY kecamatan, kbli_section, size_class, workforce_band",
        sum("pp = 'met'"),
        sum("pp = 'not_required'"),
        sum("lks = 'met'"),
        sum("lks = 'not_required'"),
        sum("wage = 'met'"),
        sum("wage = 'not_required'"),
        sum("bpjs = 'met'"),
        sum("bpjs = 'not_required'"),
        sum("pp = 'met' AND lks = 'met' AND wage = 'met' AND bpjs = 'met'"),
        sum(&format!("{} AND {} AND {} AND {}", ok("pp"), ok("lks"), ok("wage"), ok("bpjs"))),
    )
}

/// The indicator's counters per (dimension, key) as of `day`, from one aggregate over the
/// standing periods, rolled up into the four breakdowns.
fn scan_as_of(conn: &mut DbConn, office: &str, day: NaiveDate) -> BTreeMap<(String, String), [i64; 11]> {
    let cells: Vec<Cell> = match &mut *conn {
        DbConn::Sqlite(c) => diesel::sql_query(scan_sql(["?", "?", "?"]))
            .bind::<Text, _>(office)
            .bind::<Date, _>(day)
            .bind::<Date, _>(day)
            .load(c),
        DbConn::Postgres(c) => diesel::sql_query(scan_sql(["$1", "$2", "$3"]))
            .bind::<Text, _>(office)
            .bind::<Date, _>(day)
            .bind::<Date, _>(day)
            .load(c),
    }
    .expect("scan standing_periods");
    let mut out: BTreeMap<(String, String), [i64; 11]> = BTreeMap::new();
    for c in cells {
        let counts = [
            c.registered,
            c.pp_met,
            c.pp_free,
            c.lks_met,
            c.lks_free,
            c.wage_met,
            c.wage_free,
            c.bpjs_met,
            c.bpjs_free,
            c.all_met,
            c.all_ok,
        ];
        for key in
            [("kecamatan", c.kecamatan), ("kbli", c.kbli_section), ("scale", c.size_class), ("band", c.workforce_band)]
        {
            let e = out.entry((key.0.to_string(), key.1)).or_insert([0; 11]);
            for (e, v) in e.iter_mut().zip(counts) {
                *e += v;
            }
        }
    }
    out
}

/// Whether the scan and the indicator (from the summary) agree on every breakdown line.
fn agrees(
    scan: &BTreeMap<(String, String), [i64; 11]>,
    ind: &harmoni::reports::service::Indicator,
    lenient: bool,
) -> Result<(), String> {
    let mut lines = 0;
    for (dim, list) in &ind.breakdowns {
        for l in list {
            let want = scan.get(&(dim.clone(), l.key.clone())).map(|c| IndicatorLine::from_counts(&l.key, c, lenient));
            if want.as_ref() != Some(l) {
                return Err(format!("{dim}/{}: scan {want:?}, summary {l:?}", l.key));
            }
            lines += 1;
        }
    }
    if lines != scan.len() {
        return Err(format!("{} lines from the summary, {} from the scan", lines, scan.len()));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

/// Prepares the PostgreSQL database: a bench database is dropped and created afresh.
fn reset_postgres(url: &str) {
    let (server, name) = url.rsplit_once('/').expect("database name in the URL");
    let name = name.split('?').next().unwrap_or(name);
    if !name.contains("bench") {
        println!("database {name} kept as it is (only a database named *bench* is recreated)");
        return;
    }
    let mut admin = diesel::PgConnection::establish(&format!("{server}/postgres")).expect("connect to postgres");
    diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).execute(&mut admin).expect("drop");
    diesel::sql_query(format!("CREATE DATABASE \"{name}\"")).execute(&mut admin).expect("create");
}

/// Seeds the companies with their records, the standing history and the cases.
fn seed_all(
    conn: &mut DbConn,
    settings: &Settings,
    seed: &Seed,
    companies_n: u64,
    cases_n: u64,
    desk: &str,
    mediators: &[String],
) {
    // 1. Companies and records.
    let started = Instant::now();
    if std::env::var("HARMONI_BENCH_DEMO_SEED").is_ok() {
        harmoni::demo::seed(conn, seed.office, companies_n, &settings.regions, seed.umk, seed.today, seed.now)
            .expect("seed");
        println!("seeded {companies_n} companies with harmoni::demo::seed in {:.1} s", started.elapsed().as_secs_f64());
    } else {
        let added = seed_companies(conn, seed, companies_n);
        let rows: usize = added.values().sum();
        println!(
            "seeded {companies_n} companies ({rows} rows: {}) in {:.1} s",
            added.iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", "),
            started.elapsed().as_secs_f64()
        );
    }
    let seeding_companies = started.elapsed();

    // 2. The standing history and its summary.
    let started = Instant::now();
    let visited = harmoni::companies::history::rebuild_office(conn, settings, seed.office, seed.now).expect("rebuild");
    let rebuild = started.elapsed();
    let periods: i64 = standing_periods::table.count().get_result(conn).expect("count");
    let changes: i64 = indicator_changes::table.count().get_result(conn).expect("count");
    let grain = |conn: &mut DbConn, g: &str| -> i64 {
        indicator_changes::table.filter(indicator_changes::grain.eq(g)).count().get_result(conn).expect("count")
    };
    let (gy, gm, gd) = (grain(conn, "y"), grain(conn, "m"), grain(conn, "d"));
    println!(
        "history::rebuild_office: {visited} companies in {:.1} s; standing_periods {periods} rows, \
         indicator_changes {changes} rows (year {gy}, month {gm}, day {gd})",
        rebuild.as_secs_f64()
    );

    // 3. Dispute cases.
    let started = Instant::now();
    let g = CaseGen { seed, total: cases_n, companies: companies_n, desk, mediators };
    let (n_cases, n_history, n_open) = seed_cases(conn, &g);
    let seeding_cases = started.elapsed();
    println!(
        "seeded {n_cases} cases ({n_open} open) with {n_history} history rows in {:.1} s",
        seeding_cases.as_secs_f64()
    );
    let mut by_status: Vec<(String, i64)> = cases::table
        .group_by(cases::status)
        .select((cases::status, diesel::dsl::count_star()))
        .load(conn)
        .expect("statuses");
    by_status.sort_by_key(|s| std::cmp::Reverse(s.1));
    println!("cases by status: {}", by_status.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(", "));

    println!(
        "seeding total (companies + history + cases): {:.1} s",
        (seeding_companies + rebuild + seeding_cases).as_secs_f64()
    );
}

fn main() {
    let companies_n = env_u64("HARMONI_BENCH_COMPANIES", 500_000);
    let cases_n = env_u64("HARMONI_BENCH_CASES", 100_000);
    let requests = env_u64("HARMONI_BENCH_REQUESTS", 200) as usize;
    let extra = env_u64("HARMONI_BENCH_EXTRA_REQUESTS", 20) as usize;
    let direct = env_u64("HARMONI_BENCH_DIRECT_REQUESTS", 50) as usize;
    let reuse = std::env::var("HARMONI_BENCH_REUSE_DB").is_ok();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = match std::env::var("HARMONI_BENCH_DATABASE_URL") {
        Ok(url) => url,
        Err(_) => {
            let path = match std::env::var("HARMONI_BENCH_KEEP_DB") {
                Ok(p) if reuse => std::path::PathBuf::from(p),
                Ok(p) => {
                    for suffix in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(format!("{p}{suffix}"));
                    }
                    std::path::PathBuf::from(p)
                }
                Err(_) => dir.path().join("bench.db"),
            };
            format!("sqlite://{}", path.display())
        }
    };
    let postgres = url.starts_with("postgres");
    if postgres && !reuse {
        reset_postgres(&url);
    }
    let db_label = if postgres { "PostgreSQL" } else { "SQLite" };
    println!("database: {db_label} {}", url.split('@').next_back().unwrap_or(&url));
    let env = vec![
        ("HARMONI__DATABASE__URL".to_string(), url.clone()),
        ("HARMONI__DATABASE__MIGRATE_ON_START".to_string(), "true".to_string()),
        ("HARMONI__SERVER__PORT".to_string(), "0".to_string()),
        ("HARMONI__LOG__LEVEL".to_string(), "warn".to_string()),
        ("HARMONI__MAIL__TRANSPORT".to_string(), "memory".to_string()),
        ("HARMONI__STORAGE__DIR".to_string(), dir.path().join("files").display().to_string()),
    ];
    let settings = Settings::load_from(None, &env).expect("settings");
    let (tx, rx) = std::sync::mpsc::channel();
    let server = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = Application::build(settings).expect("app builds");
            tx.send((app.port(), app.state().clone(), app.handle())).expect("send");
            let _ = app.run_until_stopped().await;
        })
    });
    let (port, state, handle) = rx.recv().expect("started");
    let total_started = Instant::now();

    let mut conn = state.db.pool().get().expect("connection");
    let office = state.default_office_id.clone();
    let (today, now) = (state.today(), state.now());
    let umk = *state.settings.umk.values().last().expect("UMK");
    let seed = Seed { office: &office, regions: &state.settings.regions, umk, today, now };

    // Staff: a desk officer who reads the reports, three mediators for the cases.
    let mut user = |role: &str, email: &str, name: &str| {
        if let Some(row) = harmoni::accounts::model::find_user_by_email(&mut conn, email).expect("user") {
            return row; // a reused database
        }
        let input = UserInput { email: email.into(), full_name: name.into(), role: role.into(), language: "id".into() };
        let (row, link) =
            accounts::create_user_from_cli(&mut conn, &office, &input, &state.settings, now).expect("user");
        let form = LinkForm { password: PASSWORD.into(), password_confirm: PASSWORD.into(), ..Default::default() };
        accounts::redeem_link(&mut conn, &link.token, &form, &state.settings.security, now, None).expect("password");
        row
    };
    let desk = user("petugas", "petugas@bench.go.id", "Petugas Bench");
    let mediators: Vec<String> = (1..=3)
        .map(|k| user("mediator", &format!("mediator{k}@bench.go.id"), &format!("Mediator Bench {k}")).id)
        .collect();
    let actor = Actor::from_user(&desk, None).expect("actor");

    let seeded: i64 = companies::table.count().get_result(&mut *conn).expect("count");
    if reuse && seeded > 0 {
        println!("reusing the seeded database: {seeded} companies");
    } else {
        seed_all(&mut conn, &state.settings, &seed, companies_n, cases_n, &desk.id, &mediators);
    }

    let periods: i64 = standing_periods::table.count().get_result(&mut *conn).expect("count");
    let changes: i64 = indicator_changes::table.count().get_result(&mut *conn).expect("count");
    let (companies_n, cases_n): (i64, i64) = (
        companies::table.count().get_result(&mut *conn).expect("count"),
        cases::table.count().get_result(&mut *conn).expect("count"),
    );

    // 4. Statistics; on PostgreSQL also the visibility map, as autovacuum would have set it
    // after such a load (index-only scans depend on it).
    let started = Instant::now();
    let analyze = if postgres { "VACUUM ANALYZE" } else { "ANALYZE" };
    diesel::sql_query(analyze).execute(&mut *conn).expect("analyze");
    println!("{analyze} in {:.1} s", started.elapsed().as_secs_f64());
    drop(conn);

    let indicator_target = if postgres { 100.0 } else { 250.0 };
    let as_of_days: Vec<NaiveDate> = {
        let mut v = vec![date(2024, 6, 30), date(2025, 12, 31), date(2026, 2, 17), date(2023, 1, 1), today];
        let first = date(2020, 1, 1);
        let span = (today - first).num_days() as u64;
        v.extend((0..400u64).map(|i| first + days(((i * 7919 + 17) % span) as i64)));
        v
    };
    let periods_list: Vec<String> = ["2026", "2025", "2026-Q1", "2025-07", "2024", "2026-11", "2025-Q3", "2023"]
        .iter()
        .map(|s| s.to_string())
        .collect();

    // 5. Over HTTP, one client.
    println!("\nover HTTP ({requests} requests after 10 warm-ups; extras {extra}):");
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
    let mut table: Vec<Measured> = runtime.block_on({
        let (as_of_days, periods_list) = (as_of_days.clone(), periods_list.clone());
        async move {
            let base = format!("http://127.0.0.1:{port}");
            let client = reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client");
            let page =
                client.get(format!("{base}/login")).send().await.expect("login page").text().await.expect("body");
            let start = page.find("name=\"csrf_token\" value=\"").expect("csrf") + 25;
            let csrf = &page[start..start + 43];
            let res = client
                .post(format!("{base}/login"))
                .form(&[("csrf_token", csrf), ("email", "petugas@bench.go.id"), ("password", PASSWORD)])
                .send()
                .await
                .expect("login");
            assert_eq!(res.status(), 303, "signed in");

            let day = move |i: usize| as_of_days[i % as_of_days.len()];
            let period = move |i: usize| periods_list[i % periods_list.len()].clone();
            let scenarios: Vec<Scenario> = vec![
                (
                    "API indicator ?as_of=D (D varies)",
                    requests,
                    Some(indicator_target),
                    Box::new({
                        let day = day.clone();
                        move |i| format!("/api/v1/reports/indicator?as_of={}", day(i))
                    }),
                ),
                (
                    "page /laporan/tata-kelola?per=D",
                    requests,
                    Some(indicator_target),
                    Box::new({
                        let day = day.clone();
                        move |i| format!("/laporan/tata-kelola?per={}", day(i))
                    }),
                ),
                (
                    "API disputes ?period=P (P varies)",
                    requests,
                    Some(100.0),
                    Box::new({
                        let period = period.clone();
                        move |i| format!("/api/v1/reports/disputes?period={}", period(i))
                    }),
                ),
                (
                    "page /laporan/sengketa?periode=P",
                    requests,
                    Some(100.0),
                    Box::new(move |i| format!("/laporan/sengketa?periode={}", period(i))),
                ),
                (
                    "API monthly ?month=M (extra)",
                    extra,
                    None,
                    Box::new(|i| format!("/api/v1/reports/monthly?month=2026-{:02}", 1 + i % 11)),
                ),
                (
                    "API indicator/missing ?as_of=D&page=k (extra)",
                    extra,
                    None,
                    Box::new({
                        move |i| {
                            let c = ["all", "pp", "lks", "wage", "bpjs"][i % 5];
                            format!(
                                "/api/v1/reports/indicator/missing?as_of={}&criterion={c}&page={}",
                                day(i),
                                1 + i % 20
                            )
                        }
                    }),
                ),
            ];
            let mut out = Vec::new();
            for (label, n, target, path) in &scenarios {
                for i in 0..10 {
                    let res = client.get(format!("{base}{}", path(i + 1000))).send().await.expect("warm-up");
                    assert_eq!(res.status(), 200, "{}", path(i + 1000));
                    res.bytes().await.expect("body");
                }
                let mut times = Vec::new();
                for i in 0..*n {
                    let t = Instant::now();
                    let res = client.get(format!("{base}{}", path(i))).send().await.expect("request");
                    assert_eq!(res.status(), 200, "{}", path(i));
                    res.bytes().await.expect("body");
                    times.push(t.elapsed());
                }
                out.push(Measured::of(label, times, *target));
            }
            out
        }
    });

    // Direct calls: the use cases, and the scan the summary replaces.
    println!("\ndirect function calls:");
    let mut conn = state.db.pool().get().expect("connection");
    let settings = state.settings.clone();
    let lenient = settings.registry.count_unrequired_as_met;
    let mut timed = |label: &str, n: usize, target: Option<f64>, f: &mut dyn FnMut(&mut DbConn, usize)| {
        for i in 0..3 {
            f(&mut conn, i + 1000);
        }
        let mut times = Vec::new();
        for i in 0..n {
            let t = Instant::now();
            f(&mut conn, i);
            times.push(t.elapsed());
        }
        Measured::of(label, times, target)
    };
    let day = |i: usize| as_of_days[i % as_of_days.len()];
    table.push(timed("reports::service::indicator (summary)", requests, Some(indicator_target), &mut |c, i| {
        harmoni::reports::service::indicator(c, &actor, &settings, day(i), today).expect("indicator");
    }));
    table.push(timed("  of which model::changes_as_of", direct, None, &mut |c, i| {
        harmoni::reports::model::changes_as_of(c, &office, day(i)).expect("changes");
    }));
    table.push(timed("  of which trend rows (changes_for_trend scale)", direct, None, &mut |c, _| {
        harmoni::reports::model::changes_for_trend(c, &office, "scale", today).expect("changes");
    }));
    table.push(timed("before: scan standing_periods per as-of day", 20, Some(indicator_target), &mut |c, i| {
        scan_as_of(c, &office, day(i));
    }));
    let period = |i: usize| {
        ReportPeriod::parse(Some(periods_list[i % periods_list.len()].as_str()), None, None, today).expect("period")
    };
    table.push(timed("reports::service::disputes", direct, Some(100.0), &mut |c, i| {
        harmoni::reports::service::disputes(c, &actor, &settings, &period(i), None, today).expect("disputes");
    }));
    table.push(timed("  of which model::closed_counts (period)", direct, None, &mut |c, i| {
        let p = period(i);
        harmoni::reports::model::closed_counts(c, &office, None, p.from, p.to).expect("closed");
    }));
    table.push(timed("  of which model::mediations_ended_in (period)", direct, None, &mut |c, i| {
        let p = period(i);
        harmoni::reports::model::mediations_ended_in(c, &office, None, p.from, p.to).expect("ended");
    }));
    table.push(timed("  of which model::open_cases", direct, None, &mut |c, _| {
        harmoni::reports::model::open_cases(c, &office, None, &harmoni::reports::rules::OPEN).expect("open");
    }));
    table.push(timed("reports::service::disputes, one mediator", direct, Some(100.0), &mut |c, i| {
        let m = &mediators[i % mediators.len()];
        harmoni::reports::service::disputes(c, &actor, &settings, &period(i), Some(m), today).expect("disputes");
    }));
    for (k, code) in periods_list.iter().enumerate() {
        let label = format!("  disputes period={code}");
        table.push(timed(&label, 10, None, &mut |c, _| {
            harmoni::reports::service::disputes(c, &actor, &settings, &period(k), None, today).expect("disputes");
        }));
    }

    // The scan and the summary must give the same figures.
    for d in [date(2024, 6, 30), date(2025, 12, 31), date(2026, 2, 17), date(2023, 1, 1), today] {
        let scan = scan_as_of(&mut conn, &office, d);
        let ind = harmoni::reports::service::indicator(&mut conn, &actor, &settings, d, today).expect("indicator");
        match agrees(&scan, &ind, lenient) {
            Ok(()) => println!(
                "check {d}: scan of standing_periods == indicator_changes summary ({} registered, {} meet all)",
                ind.total.registered, ind.total.all
            ),
            Err(e) => println!("check {d}: MISMATCH {e}"),
        }
    }
    drop(conn);

    // 6. The table.
    println!(
        "\n{db_label}: {companies_n} companies, {cases_n} cases, {periods} standing periods, {changes} change rows"
    );
    println!(
        "{:<11} {:<52} {:>5} {:>9} {:>9} {:>9} {:>8} {:>6}",
        "database", "what", "n", "p50 ms", "p99 ms", "max ms", "target", "meets"
    );
    for m in &table {
        let (target, meets) = match m.target {
            Some(t) => (format!("<{t:.0}"), if m.p99 < t { "yes" } else { "NO" }),
            None => ("-".to_string(), "-"),
        };
        println!(
            "{:<11} {:<52} {:>5} {:>9.2} {:>9.2} {:>9.2} {:>8} {:>6}",
            db_label, m.what, m.n, m.p50, m.p99, m.max, target, meets
        );
    }
    println!("whole bench: {:.1} s", total_started.elapsed().as_secs_f64());

    std::thread::spawn(move || actix_web::rt::System::new().block_on(handle.stop(true))).join().expect("stop");
    server.join().expect("server thread");
}
