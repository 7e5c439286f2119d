//! Benchmark: page latency of the company register at national scale. Seeds 100,000 companies
//! (with their compliance records) into a temporary SQLite database, runs the real application,
//! and measures p50/p99 of the list, filtered list, search, profile and compliance pages over
//! HTTP from one client. Run with `cargo bench --bench registry` (HARMONI_BENCH_COMPANIES to
//! change the size; HARMONI_BENCH_DATABASE_URL=postgres://... to run on an empty PostgreSQL
//! database instead).

use std::time::{Duration, Instant};

use harmoni::accounts::service::{self as accounts, LinkForm, UserInput};
use harmoni::app::Application;
use harmoni::config::Settings;

const PASSWORD: &str = "kopi hujan sepeda meja 7";

/// A named page and the path of its n-th request.
type Scenario = (&'static str, Box<dyn Fn(usize) -> String>);

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx].as_secs_f64() * 1000.0
}

fn main() {
    let count: u64 = std::env::var("HARMONI_BENCH_COMPANIES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let url = std::env::var("HARMONI_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.db").display()));
    println!("database: {}", url.split('@').next_back().unwrap_or(&url));
    let env = vec![
        ("HARMONI__DATABASE__URL".to_string(), url),
        ("HARMONI__DATABASE__MIGRATE_ON_START".to_string(), "true".to_string()),
        ("HARMONI__SERVER__PORT".to_string(), "0".to_string()),
        ("HARMONI__LOG__LEVEL".to_string(), "warn".to_string()),
        ("HARMONI__MAIL__TRANSPORT".to_string(), "memory".to_string()),
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

    // Seed the register and a desk officer with a known password.
    let mut conn = state.db.pool().get().expect("connection");
    let office = state.default_office_id.clone();
    let umk = *state.settings.umk.values().last().expect("UMK");
    let seeded = Instant::now();
    harmoni::demo::seed(&mut conn, &office, count, &state.settings.regions, umk, state.today(), state.now())
        .expect("seed");
    println!("seeded {count} companies in {:.1} s", seeded.elapsed().as_secs_f64());
    let swept = Instant::now();
    let n = harmoni::companies::standing::sweep(&mut conn, &state.settings, state.today()).expect("standing");
    println!("compliance standing of {n} companies in {:.1} s", swept.elapsed().as_secs_f64());
    let input = UserInput {
        email: "petugas@bench.go.id".into(),
        full_name: "Petugas Bench".into(),
        role: "petugas".into(),
        language: "id".into(),
    };
    let (_, link) =
        accounts::create_user_from_cli(&mut conn, &office, &input, &state.settings, state.now()).expect("user");
    let form = LinkForm { password: PASSWORD.into(), password_confirm: PASSWORD.into(), ..Default::default() };
    accounts::redeem_link(&mut conn, &link.token, &form, &state.settings.security, state.now(), None)
        .expect("password");
    drop(conn);

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
    runtime.block_on(async move {
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let page = client.get(format!("{base}/login")).send().await.expect("login page").text().await.expect("body");
        let start = page.find("name=\"csrf_token\" value=\"").expect("csrf") + 25;
        let csrf = &page[start..start + 43];
        let res = client
            .post(format!("{base}/login"))
            .form(&[("csrf_token", csrf), ("email", "petugas@bench.go.id"), ("password", PASSWORD)])
            .send()
            .await
            .expect("login");
        assert_eq!(res.status(), 303, "signed in");

        let ids: Vec<String> = (0..200u64).map(|i| harmoni::demo::company_id(&office, (i * 7919) % count)).collect();
        let scenarios: Vec<Scenario> = vec![
            ("list, first page", Box::new(|_| "/perusahaan".to_string())),
            ("list, deep page", Box::new(|i| format!("/perusahaan?page={}", 100 + i * 13))),
            (
                "list, kecamatan + scale filter",
                Box::new(|i| format!("/perusahaan?kecamatan=32.75.{:02}&size=menengah&page={}", 1 + i % 12, 1 + i % 5)),
            ),
            (
                "list, compliance filter",
                Box::new(|i| {
                    let f = ["kurang", "layak", "lks_kurang", "upah_kurang", "bpjs_kurang"][i % 5];
                    format!("/perusahaan?kepatuhan={f}&page={}", 1 + i % 40)
                }),
            ),
            (
                "search by name",
                Box::new(|i| {
                    format!("/perusahaan?q={}", ["makmur", "sinar jaya", "logistik", "abadi", "garmen"][i % 5])
                }),
            ),
            (
                "search by NIB",
                Box::new(move |i| format!("/perusahaan?q=91{:011}", 20_000_000_000u64 + (i as u64 * 977) % count)),
            ),
            (
                "company profile",
                Box::new({
                    let ids = ids.clone();
                    move |i| format!("/perusahaan/{}", ids[i % ids.len()])
                }),
            ),
            (
                "compliance profile",
                Box::new({
                    let ids = ids.clone();
                    move |i| format!("/perusahaan/{}/kepatuhan", ids[i % ids.len()])
                }),
            ),
        ];
        println!("{:<34} {:>8} {:>8} {:>8}", "page", "p50 ms", "p99 ms", "max ms");
        for (label, path) in &scenarios {
            for i in 0..10 {
                client.get(format!("{base}{}", path(i))).send().await.expect("warm-up");
            }
            let mut times = Vec::new();
            for i in 0..200 {
                let t = Instant::now();
                let res = client.get(format!("{base}{}", path(i))).send().await.expect("request");
                assert_eq!(res.status(), 200, "{}", path(i));
                res.bytes().await.expect("body");
                times.push(t.elapsed());
            }
            times.sort();
            println!(
                "{label:<34} {:>8.2} {:>8.2} {:>8.2}",
                percentile(&times, 0.5),
                percentile(&times, 0.99),
                percentile(&times, 1.0)
            );
        }
    });
    std::thread::spawn(move || actix_web::rt::System::new().block_on(handle.stop(true))).join().expect("stop");
    server.join().expect("server thread");
}
