//! Benchmark: one million deadline computations on the shipped 2025-2027 calendars.
//! Run with `cargo bench --bench deadlines`; prints the total time and the time per computation.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use harmoni::calendar::data::load_years;
use harmoni::calendar::rules::Calendar;

const COMPUTATIONS: usize = 1_000_000;

fn main() {
    let years = load_years(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/calendar")).expect("shipped calendars");
    let calendar = Calendar::new(years.iter().map(|y| (y.year, y.status)), years.iter().flat_map(|y| y.days.clone()));
    // The clocks of DOMAIN.md (7, 10, 14, 30 WD) from start dates spread over 2025 and 2026.
    let clocks = [7u32, 10, 3, 30, 14, 6, 5, 30];
    let first = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
    let starts: Vec<NaiveDate> = (0..730).map(|i| first + Duration::days((i * 37) % 730)).collect();

    for round in 1..=3 {
        let t = Instant::now();
        let mut checksum = 0i64;
        for i in 0..COMPUTATIONS {
            let start = starts[i % starts.len()];
            let n = clocks[i % clocks.len()];
            let result = calendar.add_working_days(black_box(start), black_box(n));
            checksum += (result.due - start).num_days();
        }
        let elapsed = t.elapsed();
        println!(
            "round {round}: {COMPUTATIONS} add_working_days in {:.3} s = {:.0} ns each ({:.2} M/s), checksum {checksum}",
            elapsed.as_secs_f64(),
            elapsed.as_nanos() as f64 / COMPUTATIONS as f64,
            COMPUTATIONS as f64 / elapsed.as_secs_f64() / 1e6
        );
    }
    let t = Instant::now();
    let mut total = 0i64;
    for i in 0..COMPUTATIONS {
        let start = starts[i % starts.len()];
        total += calendar.count_working_days(black_box(start), black_box(start + Duration::days(42)));
    }
    let elapsed = t.elapsed();
    println!(
        "{COMPUTATIONS} count_working_days over 6 weeks in {:.3} s = {:.0} ns each, checksum {total}",
        elapsed.as_secs_f64(),
        elapsed.as_nanos() as f64 / COMPUTATIONS as f64
    );
}
