//! Settings layering and start-up errors, and the command line (`migrate`, `user add`).

use std::process::Command;

use harmoni::config::Settings;
use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::*;

fn harmoni() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_harmoni"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    for (key, _) in std::env::vars() {
        if key.starts_with("HARMONI") {
            cmd.env_remove(key);
        }
    }
    cmd
}

#[test]
fn settings_are_layered_default_then_file_then_environment() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("kantor.toml");
    std::fs::write(&file, "[server]\nport = 9001\n\n[log]\nlevel = \"debug\"\n").expect("write");

    let s = Settings::load_from(Some(&file), &[]).expect("loads");
    assert_eq!((s.server.port, s.log.level.as_str()), (9001, "debug"), "the file overrides the defaults");
    assert_eq!(s.server.host, "127.0.0.1", "keys the file does not name keep their default");

    let env = vec![("HARMONI__SERVER__PORT".to_string(), "9002".to_string())];
    let s = Settings::load_from(Some(&file), &env).expect("loads");
    assert_eq!((s.server.port, s.log.level.as_str()), (9002, "debug"), "the environment overrides the file");

    let env = vec![("HARMONI_CONFIG".to_string(), file.display().to_string())];
    let s = Settings::load_from(None, &env).expect("loads");
    assert_eq!(s.server.port, 9001, "HARMONI_CONFIG names the file too");

    // A deadline that DOMAIN.md marks as a setting can be changed without a rebuild.
    let env = vec![("HARMONI__DEADLINES__PKB_PEMERIKSAAN".to_string(), "8".to_string())];
    let s = Settings::load_from(None, &env).expect("loads");
    assert_eq!(s.deadline_rules["pkb_pemeriksaan"].days, 8);
}

#[test]
fn a_wrong_setting_stops_start_up_naming_the_key() {
    let out = harmoni().env("HARMONI__SECURITY__SESSION_IDLE_MINUTS", "10").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("security.session_idle_minuts") && err.contains("session_idle_minutes"), "{err}");

    let out = harmoni().env("HARMONI__SERVER__PORT", "delapan").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("server.port") && err.contains("u16"), "{err}");

    let out = harmoni().env("HARMONI__SERVER__PRODUCTION", "true").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mail.transport") && err.contains("smtp"), "production without SMTP refuses to start: {err}");
    let out = harmoni().env("HARMONI__MAIL__TRANSPORT", "smtp").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mail.smtp_host"));

    let out = harmoni().env("HARMONI__DEADLINES__MEDIASI", "40").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("deadlines.mediasi") && err.contains("fixed by law"),
        "a statutory clock cannot be changed: {err}"
    );

    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("salah.toml");
    std::fs::write(&file, "[security]\nsecure_cookies = \"kadang\"\n").expect("write");
    let out = harmoni().arg("--config").arg(&file).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("security.secure_cookies") && err.contains("auto") && err.contains("salah.toml"), "{err}");

    let out = harmoni().arg("--config").arg(dir.path().join("tidak-ada.toml")).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_setting_is_documented_in_default_toml() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config/default.toml")).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let is_key = !line.starts_with('#') && !line.starts_with('[') && line.contains(" = ");
        if is_key {
            let documented = (0..i)
                .rev()
                .map(|j| lines[j])
                .take_while(|l| !l.trim().is_empty() && !l.starts_with('['))
                .any(|l| l.starts_with('#'))
                || lines[..i].iter().rev().take_while(|l| !l.starts_with('[')).any(|l| l.starts_with('#'));
            assert!(documented, "setting `{line}` has no comment above it");
        }
    }
}

async fn the_command_line_migrates_and_adds_users(backend: Backend) {
    let db = TestDb::new(backend);
    let out = harmoni().env("HARMONI__DATABASE__URL", &db.url).arg("migrate").output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = harmoni()
        .env("HARMONI__DATABASE__URL", &db.url)
        .args([
            "user",
            "add",
            "--role",
            "mediator",
            "--email",
            "Mediator.Satu@BekasiKota.go.id",
            "--name",
            "Mediator Satu",
        ])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("mediator.satu@bekasikota.go.id"), "{stdout}");
    let link = stdout
        .lines()
        .find_map(|l| l.trim().split_once("/link/").map(|(_, t)| t.to_string()))
        .expect("a one-time link is printed");

    let out = harmoni()
        .env("HARMONI__DATABASE__URL", &db.url)
        .args(["user", "add", "--role", "raja", "--email", "x@contoh.co.id"])
        .output()
        .expect("run");
    assert!(!out.status.success(), "an unknown role is refused");

    // The link works in the application running on the same database.
    let mut settings = test_settings(&db.url);
    settings.clock.fixed = String::new();
    let app = start(db, settings).await;
    let res = browser().get(app.url(&format!("/link/{link}"))).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.expect("body").contains("mediator.satu@bekasikota.go.id"));
    let mail = app.mail_to("mediator.satu@bekasikota.go.id").await;
    assert_eq!(mail.len(), 1, "the invitation is also queued as email");
}

async fn the_demo_seeds_a_living_register_once_per_office(backend: Backend) {
    let db = TestDb::new(backend);
    let files = tempfile::tempdir().expect("dir");
    let run = |args: &[&str]| {
        let out = harmoni()
            .env("HARMONI__DATABASE__URL", &db.url)
            .env("HARMONI__STORAGE__DIR", files.path())
            .args(args)
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["migrate"]);
    let first = run(&["demo", "--companies", "300"]);
    assert!(first.contains("Added 300"), "{first}");
    assert!(!first.contains("refused"), "every planned PP/PKB step is taken: {first}");
    let again = run(&["demo", "--companies", "300"]);
    assert!(again.contains("Added 0"), "running it again adds nothing");
    assert!(again.contains("Added PP/PKB histories for 0 companies"), "{again}");

    let mut settings = test_settings(&db.url);
    settings.clock.fixed = String::new();
    let app = start(db, settings).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let list: serde_json::Value = app.get(&client, "/api/v1/companies").await.json().await.expect("json");
    assert_eq!(list["total"], 300);
    for size in ["mikro", "kecil", "menengah", "besar"] {
        let found: serde_json::Value =
            app.get(&client, &format!("/api/v1/companies?size={size}")).await.json().await.expect("json");
        assert!(
            found["total"].as_i64().unwrap_or(0) >= 15,
            "a believable share of {size} companies: {}",
            found["total"]
        );
    }
    let first = list["items"][0]["id"].as_str().expect("id").to_string();
    let (status, page) = app.get_text(&client, &format!("/perusahaan/{first}/kepatuhan")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("BPJS Ketenagakerjaan"));

    // Unions at the larger companies, and a spread of compliance (the standing was computed
    // by the demo command).
    let unions: serde_json::Value = app.get(&client, "/api/v1/unions").await.json().await.expect("json");
    assert_eq!(unions["total"], 12, "one union for every 25 companies");
    let count = |filter: &'static str| {
        let (app, client) = (&app, client.clone());
        async move {
            let found: serde_json::Value =
                app.get(&client, &format!("/api/v1/companies?kepatuhan={filter}")).await.json().await.expect("json");
            found["total"].as_i64().expect("total")
        }
    };
    let (good, short) = (count("layak").await, count("kurang").await);
    assert_eq!(good + short, 300, "every company has a standing");
    assert!(good >= 15 && short >= 150, "some companies comply, most not yet: {good} / {short}");

    // A year of dispute cases with the national mix, spread over the three demo mediators.
    let cases = |query: &'static str| {
        let (app, client) = (&app, client.clone());
        async move {
            let found: serde_json::Value =
                app.get(&client, &format!("/api/v1/cases?{query}")).await.json().await.expect("json");
            found
        }
    };
    assert_eq!(cases("").await["total"], 125, "about 125 cases a year");
    let share = |n: &serde_json::Value| n["total"].as_i64().expect("total");
    let (phk, hak) = (share(&cases("dispute_type=phk").await), share(&cases("dispute_type=hak").await));
    assert!((70..=100).contains(&phk) && (15..=45).contains(&hak), "mostly PHK, a quarter hak: {phk} / {hak}");
    assert!(share(&cases("dispute_type=antar_sp").await) >= 1);
    let stages = [
        "status=selesai_pb",
        "status=lanjut_phi",
        "status=dicabut",
        "status=mediasi,anjuran,menunggu_pb,penawaran_forum,menunggu_mediator",
    ];
    for query in stages {
        assert!(share(&cases(query).await) >= 1, "some cases with {query}");
    }
    let mut mediators = std::collections::BTreeSet::new();
    for page in ["page=1", "page=2", "page=3", "page=4", "page=5"] {
        let list = cases(page).await;
        for item in list["items"].as_array().expect("items") {
            if let Some(m) = item["mediator_id"].as_str() {
                mediators.insert(m.to_string());
            }
        }
    }
    assert_eq!(mediators.len(), 3, "every demo mediator has cases");

    // PP/PKB: about 40% of the companies with 10 or more workers have one, some expired, some
    // near expiry; submissions in every status, one PP deemed ratified.
    use diesel::prelude::*;
    use harmoni::schema::{companies, regulation_submissions, regulations};
    let today = app.state.today();
    let (required, with_one, statuses, origins, ends) = app
        .state
        .db
        .run(move |c| {
            let required: i64 = companies::table.filter(companies::workers_total.ge(10)).count().get_result(c)?;
            let with_one: i64 = companies::table
                .filter(companies::workers_total.ge(10))
                .filter(companies::id.eq_any(regulations::table.select(regulations::company_id)))
                .count()
                .get_result(c)?;
            let statuses: Vec<String> = regulation_submissions::table.select(regulation_submissions::status).load(c)?;
            let origins: Vec<String> = regulations::table.select(regulations::origin).load(c)?;
            let ends: Vec<(chrono::NaiveDate, Option<chrono::NaiveDate>)> =
                regulations::table.select((regulations::valid_until, regulations::extended_until)).load(c)?;
            Ok((required, with_one, statuses, origins, ends))
        })
        .await
        .expect("regulations");
    let share = with_one * 100 / required.max(1);
    assert!((30..=50).contains(&share), "about 40% have a PP or PKB: {with_one} of {required}");
    for status in
        ["draf", "diajukan", "perbaikan", "memenuhi_syarat", "disahkan", "dianggap_disahkan", "gugur", "ditarik"]
    {
        assert!(statuses.iter().any(|s| s == status), "a submission in status {status}: {statuses:?}");
    }
    assert_eq!(origins.iter().filter(|o| *o == "dianggap").count(), 1, "one PP deemed ratified");
    assert!(origins.iter().any(|o| o == "eksternal") && origins.iter().any(|o| o == "pendaftaran"));
    let end = |(until, extended): &(chrono::NaiveDate, Option<chrono::NaiveDate>)| extended.unwrap_or(*until);
    assert!(ends.iter().any(|e| end(e) < today), "some expired");
    assert!(ends.iter().any(|e| end(e) >= today && end(e) <= today + chrono::Duration::days(60)), "some near expiry");

    // Sessions through the schedule: held ones with attendance, upcoming ones for open cases,
    // over the rooms and all three mediators, never two at once for a mediator or a room.
    use harmoni::schema::hearings;
    type Row = (String, String, Option<String>, chrono::NaiveDateTime, chrono::NaiveDateTime, Option<bool>);
    let rows: Vec<Row> = app
        .state
        .db
        .run(|c| {
            Ok(hearings::table
                .select((
                    hearings::status,
                    hearings::mediator_id,
                    hearings::room,
                    hearings::starts_at,
                    hearings::ends_at,
                    hearings::worker_present,
                ))
                .load(c)?)
        })
        .await
        .expect("sessions");
    let now = app.state.now();
    assert!(rows.iter().filter(|r| r.0 == "selesai" && r.5.is_some()).count() >= 30, "past sessions with attendance");
    assert!(rows.iter().any(|r| r.0 == "dijadwalkan" && r.3 > now), "upcoming sessions for open cases");
    let rooms: std::collections::BTreeSet<_> = rows.iter().filter_map(|r| r.2.clone()).collect();
    let by: std::collections::BTreeSet<_> = rows.iter().map(|r| r.1.clone()).collect();
    assert!(rooms.len() >= 2 && by.len() == 3, "spread over rooms {rooms:?} and mediators {by:?}");
    let live: Vec<&Row> = rows.iter().filter(|r| r.0 != "dibatalkan").collect();
    for (i, a) in live.iter().enumerate() {
        for b in &live[i + 1..] {
            if a.3 < b.4 && b.3 < a.4 {
                assert!(a.1 != b.1, "a mediator double-booked at {}", a.3);
                assert!(a.2.is_none() || a.2 != b.2, "room {:?} double-booked at {}", a.2, a.3);
            }
        }
    }
}

both_backends!(the_command_line_migrates_and_adds_users, the_demo_seeds_a_living_register_once_per_office);

/// `harmoni serve` as a newcomer runs it: it starts, prints the setup link on the console (not
/// in the log), logs JSON lines with request ids, answers, and stops cleanly on SIGTERM.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_starts_answers_and_stops_gracefully_on_sigterm() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let dir = tempfile::tempdir().expect("dir");
    let mut child = harmoni()
        .env("HARMONI__DATABASE__URL", format!("sqlite://{}", dir.path().join("harmoni.db").display()))
        .env("HARMONI__SERVER__PORT", "0")
        .env("HARMONI__LOG__FORMAT", "json")
        .env("HARMONI__LOG__LEVEL", "info")
        .arg("serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut lines = Vec::new();
    let port = loop {
        let line = rx.recv_timeout(std::time::Duration::from_secs(30)).expect("server starts within 30 s");
        lines.push(line.clone());
        if line.contains("Harmoni is listening") {
            let v: serde_json::Value = serde_json::from_str(&line).expect("log lines are JSON");
            break v["fields"]["port"].as_u64().expect("port logged");
        }
    };
    let base = format!("http://127.0.0.1:{port}");
    let client = browser();
    assert_eq!(client.get(format!("{base}/healthz")).send().await.expect("healthz").status(), StatusCode::OK);
    assert_eq!(client.get(format!("{base}/readyz")).send().await.expect("readyz").status(), StatusCode::OK);
    let login = client.get(format!("{base}/login")).send().await.expect("login");
    assert_eq!(login.status(), StatusCode::OK);
    assert!(login.text().await.expect("body").contains("Masuk ke Harmoni"));

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(status.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let exit = loop {
        if let Some(exit) = child.try_wait().expect("wait") {
            break exit;
        }
        assert!(std::time::Instant::now() < deadline, "the server stops within 15 s of SIGTERM");
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(exit.success(), "clean exit after SIGTERM: {exit:?}");
    lines.extend(rx.try_iter());

    let link_lines: Vec<&String> = lines.iter().filter(|l| l.contains("/link/")).collect();
    assert_eq!(link_lines.len(), 1, "the first-administrator link is printed once: {lines:#?}");
    assert!(
        serde_json::from_str::<serde_json::Value>(link_lines[0]).is_err(),
        "printed on the console, not as a log line"
    );
    let request_lines: Vec<serde_json::Value> = lines
        .iter()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["fields"]["message"] == "request finished")
        .collect();
    assert!(request_lines.len() >= 3, "{lines:#?}");
    for line in &request_lines {
        assert!(
            line["span"]["request_id"].as_str().is_some_and(|id| id.len() == 36),
            "request id on every request line: {line}"
        );
    }
    assert!(lines.iter().any(|l| l.contains("Harmoni stopped")), "{lines:#?}");
}
