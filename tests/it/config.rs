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
    let app = tokio::task::spawn_blocking(move || harmoni::app::Application::build(settings))
        .await
        .expect("join")
        .expect("builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let res = browser().get(format!("{address}/link/{link}")).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.expect("body").contains("mediator.satu@bekasikota.go.id"));
}

both_backends!(the_command_line_migrates_and_adds_users);
