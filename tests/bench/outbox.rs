//! Benchmark: outbox throughput, messages per second from queue to hand-over, through the file
//! transport and through a local SMTP server (SQLite database in a temporary folder).
//! Run with `cargo bench --bench outbox`.

#[path = "../support/smtp.rs"]
#[allow(dead_code, reason = "the benchmark uses only part of the test SMTP server")]
mod smtp;

use std::time::Instant;

use harmoni::clock::Clock;
use harmoni::config::{MailTransport, Settings, SmtpSecurity};
use harmoni::db::{self, write_tx};
use harmoni::notifications::service::{notify, Notification, Recipient};
use harmoni::notifications::transport::Mailer;
use harmoni::notifications::worker::Worker;
use harmoni_templates::email::EmailKind;
use harmoni_templates::Lang;

const MESSAGES: usize = 2000;

fn run(label: &str, configure: impl FnOnce(&mut Settings)) {
    let dir = tempfile::tempdir().expect("temp dir");
    let env =
        vec![("HARMONI__DATABASE__URL".to_string(), format!("sqlite://{}", dir.path().join("bench.db").display()))];
    let mut settings = Settings::load_from(None, &env).expect("settings");
    settings.mail.file_dir = dir.path().join("mail");
    settings.mail.batch_size = 50;
    configure(&mut settings);
    let pool = db::build_pool(&settings.database).expect("pool");
    let mut conn = pool.get().expect("connection");
    db::run_migrations(&mut conn).expect("migrations");
    let clock = Clock::system();
    let offices =
        harmoni::offices::service::sync_from_config(&mut conn, &settings.offices, clock.now_naive()).expect("offices");
    let office = offices[0].id.clone();

    let queued = Instant::now();
    write_tx(&mut conn, |c| {
        for i in 0..MESSAGES {
            let recipient = Recipient {
                user_id: None,
                email: format!("pihak{i}@example.com"),
                name: format!("Pihak {i}"),
                language: Lang::Id,
            };
            let kind = EmailKind::StatusChanged {
                full_name: format!("Pihak {i}"),
                what: format!("perkara HI-2026-{i:04}"),
                old_status: "Terdaftar".into(),
                new_status: "Mediasi".into(),
                note: Some("Sidang mediasi pertama: Senin, 9 Maret 2026 pukul 09.00 WIB.".into()),
                link: None,
            };
            let n = Notification {
                kind,
                entity: Some(("case", format!("HI-2026-{i:04}"))),
                attachments: Vec::new(),
                link: None,
            };
            notify(c, &settings.mail, &office, &recipient, &n, clock.now_naive())?;
        }
        Ok(())
    })
    .expect("queue");
    let queue_secs = queued.elapsed().as_secs_f64();
    drop(conn);

    let worker = Worker {
        pool,
        mailer: Mailer::from_settings(&settings.mail).expect("mailer"),
        mail: settings.mail.clone(),
        clock,
    };
    let started = Instant::now();
    let mut sent = 0;
    loop {
        let n = worker.run_once().expect("round");
        if n == 0 {
            break;
        }
        sent += n;
    }
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(sent, MESSAGES);
    println!(
        "{label}: queued {MESSAGES} in {queue_secs:.2} s ({:.0}/s); delivered in {secs:.2} s = {:.0} messages/s",
        MESSAGES as f64 / queue_secs,
        MESSAGES as f64 / secs
    );
}

fn main() {
    run("file transport", |s| s.mail.transport = MailTransport::File);
    let server = smtp::SmtpServer::start();
    let port = server.port;
    run("local SMTP server", move |s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = port;
        s.mail.smtp_security = SmtpSecurity::None;
    });
    assert_eq!(server.messages().len(), MESSAGES, "the SMTP server received every message");
}
