//! Email through the outbox, against a real SMTP server on a loopback port: headers, bodies and
//! attachments; retries while the server is down; permanent rejections; racing workers;
//! rollback; header injection; the file transport; the inbox and the administrators' outbox.

use chrono::Duration;
use harmoni::config::{MailTransport, SmtpSecurity};
use harmoni::error::Error;
use harmoni::notifications::model::OutboxRow;
use harmoni::notifications::service::{self, MailAttachment, Notification, Recipient};
use harmoni_templates::email::EmailKind;
use harmoni_templates::Lang;
use mailparse::MailHeaderMap;
use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::*;
use crate::smtp::SmtpServer;

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Harmoni//ID\r\nEND:VCALENDAR\r\n";

async fn with_smtp(backend: Backend, server: &SmtpServer) -> TestApp {
    let port = server.port;
    spawn_with(backend, move |s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = port;
        s.mail.smtp_security = SmtpSecurity::None;
        s.mail.smtp_timeout_secs = 5;
        s.mail.from_address = "harmoni@disnaker.bekasikota.go.id".into();
        // Two racing workers of two lanes each, plus the web server, share this pool.
        s.database.pool_size = 8;
    })
    .await
}

fn summons(to: &str, name: &str) -> (Recipient, Notification) {
    (
        Recipient { user_id: None, email: to.into(), name: name.into(), language: Lang::Id },
        Notification {
            kind: EmailKind::StatusChanged {
                full_name: name.into(),
                what: "perkara HI-2026-001".into(),
                old_status: "Terdaftar".into(),
                new_status: "Mediasi".into(),
                note: Some("Sidang mediasi pertama: Senin, 9 Maret 2026 pukul 09.00 WIB.".into()),
                link: Some("https://harmoni.example/perkara/1".into()),
            },
            entity: Some(("case", "HI-2026-001".into())),
            attachments: vec![MailAttachment {
                filename: "sidang.ics".into(),
                content_type: "text/calendar; charset=utf-8".into(),
                content: ICS.as_bytes().to_vec(),
            }],
            link: None,
        },
    )
}

/// Queues one message in its own transaction.
async fn queue(app: &TestApp, recipient: Recipient, n: Notification) -> Result<String, Error> {
    let settings = app.state.settings.clone();
    let office = app.office_id("3275");
    let now = app.state.now();
    app.state.db.write(move |c| service::notify(c, &settings.mail, &office, &recipient, &n, now)).await
}

async fn deliver(app: &TestApp) -> usize {
    let worker = app.worker.clone();
    tokio::task::spawn_blocking(move || worker.run_once()).await.expect("join").expect("worker round")
}

async fn message(app: &TestApp, id: &str) -> OutboxRow {
    let id = id.to_string();
    app.state.db.run(move |c| Ok(harmoni::notifications::model::find_message(c, &id)?)).await.expect("row")
}

async fn a_message_arrives_with_its_headers_bodies_and_attachment(backend: Backend) {
    let server = SmtpServer::start();
    let app = with_smtp(backend, &server).await;
    let (to, n) = summons("budi@example.com", "Budi Santoso");
    let id = queue(&app, to, n).await.expect("queued");
    assert_eq!(deliver(&app).await, 1);

    let got = server.messages();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].from, "harmoni@disnaker.bekasikota.go.id");
    assert_eq!(got[0].to, vec!["budi@example.com".to_string()]);
    let row = message(&app, &id).await;
    let mail = mailparse::parse_mail(got[0].data.as_bytes()).expect("valid MIME");
    let h = &mail.headers;
    assert_eq!(
        h.get_first_value("Message-ID").as_deref(),
        Some(row.message_id.as_str()),
        "the stable Message-ID travels"
    );
    assert_eq!(h.get_first_value("Subject").as_deref(), Some("Perubahan status: perkara HI-2026-001 — Mediasi"));
    assert!(h.get_first_value("To").unwrap_or_default().contains("Budi Santoso"));
    assert!(h.get_first_value("From").unwrap_or_default().contains("harmoni@disnaker.bekasikota.go.id"));
    assert_eq!(mail.ctype.mimetype, "multipart/mixed");

    let alternative = &mail.subparts[0];
    assert_eq!(alternative.ctype.mimetype, "multipart/alternative");
    let text = alternative.subparts[0].get_body().expect("text");
    let html = alternative.subparts[1].get_body().expect("html");
    assert!(
        text.contains("Yth. Budi Santoso")
            && text.contains("dari \"Terdaftar\" menjadi \"Mediasi\"")
            && text.contains("9 Maret 2026"),
        "{text}"
    );
    assert!(html.contains("<a href=\"https://harmoni.example/perkara/1\""), "{html}");
    let attachment = &mail.subparts[1];
    assert_eq!(attachment.ctype.mimetype, "text/calendar");
    assert!(attachment.get_content_disposition().params.get("filename").is_some_and(|f| f == "sidang.ics"));
    assert_eq!(attachment.get_body().expect("ics"), ICS.replace("\r\n", "\n").replace('\n', "\r\n"));

    // Delivery evidence: queued, one attempt, the server's acceptance.
    assert_eq!(row.status, "sent");
    assert!(
        row.server_response.as_deref().unwrap_or_default().starts_with("250 2.0.0 Ok: queued as TEST1"),
        "{:?}",
        row.server_response
    );
    let office = app.office_id("3275");
    let evidence =
        app.state.db.run(move |c| service::evidence(c, &office, "case", "HI-2026-001")).await.expect("evidence");
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].1.len(), 1);
    assert_eq!(evidence[0].1[0].outcome, "sent");
    assert_eq!(deliver(&app).await, 0, "nothing is sent twice");
}

async fn a_message_waits_while_the_server_is_down_and_goes_when_it_is_back(backend: Backend) {
    let mut server = SmtpServer::start();
    let app = with_smtp(backend, &server).await;
    server.stop();
    let (to, n) = summons("sari@example.com", "Sari");
    let id = queue(&app, to, n).await.expect("queued");
    assert_eq!(deliver(&app).await, 1);
    let row = message(&app, &id).await;
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 1), "a refused connection is temporary");
    assert!(row.last_error.is_some());
    assert_eq!(row.next_attempt_at, app.state.now() + Duration::seconds(60), "first retry after the base backoff");

    server.restart();
    assert_eq!(deliver(&app).await, 0, "not due yet");
    app.advance(Duration::seconds(61));
    assert_eq!(deliver(&app).await, 1);
    let row = message(&app, &id).await;
    assert_eq!((row.status.as_str(), row.attempts), ("sent", 2));
    assert_eq!(server.messages().len(), 1);
    let attempts =
        app.state.db.run(move |c| Ok(harmoni::notifications::model::attempts(c, &id)?)).await.expect("attempts");
    assert_eq!(attempts.iter().map(|a| a.outcome.as_str()).collect::<Vec<_>>(), vec!["transient", "sent"]);
}

async fn a_permanent_rejection_fails_the_message_for_the_administrator(backend: Backend) {
    let server = SmtpServer::start();
    let app = with_smtp(backend, &server).await;
    let (to, n) = summons("tolak@example.com", "Penerima Salah");
    let id = queue(&app, to, n).await.expect("queued");
    deliver(&app).await;
    let row = message(&app, &id).await;
    assert_eq!((row.status.as_str(), row.attempts), ("failed", 1), "a 550 is not retried");
    assert!(row.last_error.as_deref().unwrap_or_default().contains("550"), "{:?}", row.last_error);
    assert!(server.messages().is_empty());

    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let client = app.browser_for(&admin).await;
    let (_, page) = app.get_text(&client, "/admin/outbox?status=failed").await;
    assert!(page.contains("tolak@example.com") && page.contains("550"), "{page}");
    let (_, page) = app.get_text(&client, &format!("/admin/outbox/{id}")).await;
    assert!(page.contains("ditolak permanen") && page.contains("Bukti pengiriman"));

    let res = app.post_form(&client, &format!("/admin/outbox/{id}/retry"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(message(&app, &id).await.status, "pending");
    let res = app.post_form(&client, &format!("/admin/outbox/{id}/cancel"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(message(&app, &id).await.status, "cancelled");
    deliver(&app).await;
    assert_eq!(message(&app, &id).await.status, "cancelled", "a cancelled message is not sent");
    assert!(server.messages().iter().all(|m| !m.to.contains(&"tolak@example.com".to_string())));
    let res = app.post_form(&client, &format!("/admin/outbox/{id}/cancel"), &[]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(
        app.audit_actions(&admin.office_id, &id).await,
        vec!["outbox.cancel".to_string(), "outbox.retry".to_string()]
    );

    let staff = app.user("petugas", "petugas@bekasikota.go.id").await;
    let staff_client = app.browser_for(&staff).await;
    assert_eq!(app.get(&staff_client, "/admin/outbox").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get(&staff_client, "/api/v1/outbox").await.status(), StatusCode::FORBIDDEN);
}

async fn two_racing_workers_deliver_each_message_exactly_once(backend: Backend) {
    let server = SmtpServer::start();
    let app = with_smtp(backend, &server).await;
    for i in 0..40 {
        let (to, n) = summons(&format!("pekerja{i}@example.com"), &format!("Pekerja {i}"));
        queue(&app, to, n).await.expect("queued");
    }
    let racers: Vec<_> = (0..2)
        .map(|_| {
            let worker = app.worker.clone();
            std::thread::spawn(move || {
                let mut total = 0;
                loop {
                    let n = worker.run_once().expect("round");
                    if n == 0 {
                        return total;
                    }
                    total += n;
                }
            })
        })
        .collect();
    let counts: Vec<usize> = racers.into_iter().map(|t| t.join().expect("worker thread")).collect();
    assert_eq!(counts.iter().sum::<usize>(), 40, "{counts:?}");
    let got = server.messages();
    assert_eq!(got.len(), 40);
    let mut ids: Vec<String> = got
        .iter()
        .map(|m| {
            mailparse::parse_mail(m.data.as_bytes())
                .expect("mime")
                .headers
                .get_first_value("Message-ID")
                .unwrap_or_default()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 40, "no message was sent twice");
}

async fn a_rolled_back_change_leaves_no_message(backend: Backend) {
    let app = spawn(backend).await;
    let settings = app.state.settings.clone();
    let office = app.office_id("3275");
    let now = app.state.now();
    let user = app.user("pekerja", "agus@example.com").await;
    let user_id = user.id.clone();
    let result: Result<(), Error> = app
        .state
        .db
        .write(move |c| {
            let recipient = Recipient {
                user_id: Some(user_id),
                email: "agus@example.com".into(),
                name: "Agus".into(),
                language: Lang::Id,
            };
            let (_, n) = summons("agus@example.com", "Agus");
            service::notify(c, &settings.mail, &office, &recipient, &n, now)?;
            Err(Error::invalid("later_step_failed", "x", "Langkah berikutnya gagal.", "A later step failed."))
        })
        .await;
    assert!(result.is_err());
    assert!(
        app.mail_to("agus@example.com").await.iter().all(|m| m.template != "status_changed"),
        "no message survives the rollback"
    );
    let client = app.browser_for(&user).await;
    let (_, inbox) = app.get_text(&client, "/inbox").await;
    assert!(!inbox.contains("perkara HI-2026-001"), "no notice either");
}

async fn header_injection_is_refused_before_anything_is_queued(backend: Backend) {
    let app = spawn(backend).await;
    let (mut to, n) = summons("budi@example.com", "Budi");
    to.name = "Budi\r\nBcc: mata-mata@example.com".into();
    let err = queue(&app, to, n).await.expect_err("refused");
    assert_eq!(err.code(), "header_injection");

    let (to, mut n) = summons("budi@example.com", "Budi");
    n.kind = EmailKind::StatusChanged {
        full_name: "Budi".into(),
        what: "perkara\r\nBcc: x@example.com".into(),
        old_status: "a".into(),
        new_status: "b".into(),
        note: None,
        link: None,
    };
    assert_eq!(queue(&app, to, n).await.expect_err("refused").code(), "header_injection");

    let (mut to, n) = summons("budi@example.com", "Budi");
    to.email = "budi@example.com\r\nBcc: x@example.com".into();
    assert!(queue(&app, to, n).await.is_err(), "an address with a line break is not an address");
    assert!(app.mail_to("budi@example.com").await.is_empty());
}

async fn the_file_transport_writes_eml_files(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().to_path_buf();
    let app = spawn_with(backend, move |s| {
        s.mail.transport = MailTransport::File;
        s.mail.file_dir = path;
    })
    .await;
    let (to, n) = summons("rina@example.com", "Rina");
    let id = queue(&app, to, n).await.expect("queued");
    assert_eq!(deliver(&app).await, 1);
    let file = dir.path().join(format!("{id}.eml"));
    let raw = std::fs::read_to_string(&file).expect("the .eml file exists");
    let row = message(&app, &id).await;
    assert!(raw.contains(&row.message_id) && raw.contains("rina@example.com"));
    assert_eq!(row.status, "sent");
}

async fn one_time_links_are_hidden_from_administrators_and_scrubbed_after_delivery(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let client = app.browser_for(&admin).await;
    let res = app
        .post_form(
            &client,
            "/admin/users",
            &[
                ("email", "eko@bekasikota.go.id"),
                ("full_name", "Eko Prasetyo"),
                ("role", "mediator"),
                ("language", "id"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let link = app.link_mailed_to("eko@bekasikota.go.id").await;
    let token = link.trim_start_matches("/link/").to_string();
    let id = app.mail_to("eko@bekasikota.go.id").await[0].id.clone();
    let (_, page) = app.get_text(&client, &format!("/admin/outbox/{id}")).await;
    assert!(page.contains("/link/[disembunyikan]") && !page.contains(&token), "the administrator never sees the token");

    deliver(&app).await;
    let captured = app.state.mailer.captured();
    assert!(
        captured.iter().any(|m| m.raw.contains(&token) || m.raw.replace("=\r\n", "").contains(&token)),
        "the user's email carries the real link"
    );
    let row = message(&app, &id).await;
    assert_eq!(row.status, "sent");
    assert!(
        !row.body_text.contains(&token) && !row.body_html.contains(&token),
        "the stored copy no longer holds the token"
    );
    assert!(row.body_text.contains("/link/[disembunyikan]"));
    let res = browser().get(app.url(&link)).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK, "the link itself still works for its owner");
}

async fn notices_reach_the_inbox_with_an_unread_count(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let admin_client = app.browser_for(&admin).await;
    let res = app
        .post_form(
            &admin_client,
            "/admin/users",
            &[
                ("email", "dewi@bekasikota.go.id"),
                ("full_name", "Dewi Lestari"),
                ("role", "petugas"),
                ("language", "id"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let link = app.link_mailed_to("dewi@bekasikota.go.id").await;
    let dewi = browser();
    let form = app.get_text(&dewi, &link).await.1;
    let token = csrf_from(&form);
    let res = dewi
        .post(app.url(&link))
        .form(&[("csrf_token", token.as_str()), ("password", PASSWORD), ("password_confirm", PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let (_, home) = app.get_text(&dewi, "/").await;
    assert!(home.contains("Kotak masuk (1 baru)"), "the header counts unread notices");
    let (_, inbox) = app.get_text(&dewi, "/inbox").await;
    assert!(inbox.contains("Undangan akun Harmoni") && inbox.contains("1 belum dibaca"));
    let notices: serde_json::Value = app.get(&dewi, "/api/v1/notices").await.json().await.expect("json");
    assert_eq!(notices["unread"], 1);
    let id = notices["items"][0]["id"].as_str().expect("id").to_string();

    let someone = app.browser_for(&admin).await;
    let res = app.post_form(&someone, &format!("/inbox/{id}/read"), &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "another user's notice is not theirs to mark");
    let res = app.post_form(&dewi, &format!("/inbox/{id}/read"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, home) = app.get_text(&dewi, "/").await;
    assert!(!home.contains("baru)"), "nothing unread any more");
}

both_backends!(
    a_message_arrives_with_its_headers_bodies_and_attachment,
    a_message_waits_while_the_server_is_down_and_goes_when_it_is_back,
    a_permanent_rejection_fails_the_message_for_the_administrator,
    two_racing_workers_deliver_each_message_exactly_once,
    a_rolled_back_change_leaves_no_message,
    header_injection_is_refused_before_anything_is_queued,
    the_file_transport_writes_eml_files,
    notices_reach_the_inbox_with_an_unread_count,
    one_time_links_are_hidden_from_administrators_and_scrubbed_after_delivery,
);
