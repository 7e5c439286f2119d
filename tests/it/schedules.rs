//! Mediation scheduling end to end on a fixed clock: sessions on working days only, clash
//! warnings, the 7 WD first-session limit across the 2026 Idul Fitri days, summonses with
//! letter numbers and invitations (REQUEST, rescheduled SEQUENCE, CANCEL) read by a real
//! iCalendar parser, private feeds, the absent-party rule counting proper summonses, pages,
//! and who may use which route.

use chrono::Duration;
use icalendar::{Calendar, CalendarComponent, Component};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::both_backends;
use crate::cases::{get_json, in_mediation, ok_step, people, post_json, relogin, step, People};
use crate::helpers::*;

fn plan_body(kind: &str, date: &str, start: &str, end: &str, room: &str, confirm: bool) -> Value {
    json!({
        "kind": kind, "date": date, "start_time": start, "end_time": end, "room": room,
        "summon_worker": true, "summon_company": true,
        "agenda": "Mendengar keterangan para pihak dan mengupayakan kesepakatan.",
        "confirm": confirm
    })
}

async fn plan(app: &TestApp, c: &Client, case: &str, body: Value) -> (StatusCode, Value) {
    post_json(app, c, &format!("/api/v1/cases/{case}/hearings"), body).await
}

/// The calendar attachments of the messages to an address, oldest first, parsed.
async fn invitations(app: &TestApp, email: &str) -> Vec<(String, Calendar)> {
    use diesel::prelude::*;
    use harmoni::schema::{outbox, outbox_attachments};
    let email = email.to_string();
    let rows: Vec<(String, String, Vec<u8>)> = app
        .state
        .db
        .run(move |c| {
            Ok(outbox_attachments::table
                .inner_join(outbox::table)
                .filter(outbox::recipient_email.eq(email))
                // The summons letter (PDF) travels beside the invitation; this reads the calendars.
                .filter(outbox_attachments::content_type.like("text/calendar%"))
                .order(outbox::id)
                .select((outbox_attachments::content_type, outbox::template, outbox_attachments::content))
                .load(c)?)
        })
        .await
        .expect("attachments");
    rows.into_iter()
        .map(|(content_type, template, bytes)| {
            assert!(content_type.starts_with("text/calendar"), "{content_type}");
            let text = String::from_utf8(bytes).expect("utf-8");
            let cal = parse(&text);
            (template, cal)
        })
        .collect()
}

/// Reads iCalendar text with the `icalendar` crate's own parser (RFC 5545 unfolding included).
fn parse(text: &str) -> Calendar {
    let unfolded = icalendar::parser::unfold(text);
    icalendar::parser::read_calendar(&unfolded).unwrap_or_else(|e| panic!("a real parser reads it: {e}\n{text}")).into()
}

fn only_event(cal: &Calendar) -> &icalendar::Event {
    let events: Vec<&icalendar::Event> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 1, "one event per invitation");
    events[0]
}

async fn feed_events(app: &TestApp, url: &str) -> (StatusCode, Vec<icalendar::Event>, String) {
    let path = url.split_once("/kalender-sidang/").map(|(_, t)| format!("/kalender-sidang/{t}")).expect("feed path");
    let res = plain_client().get(app.url(&path)).send().await.expect("feed");
    let status = res.status();
    let text = res.text().await.expect("body");
    if status != StatusCode::OK {
        return (status, Vec::new(), text);
    }
    let cal = parse(&text);
    // Long lines are folded (RFC 5545 3.1): look for text in the unfolded form, as clients read it.
    let text = icalendar::parser::unfold(&text);
    let events = cal
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    (status, events, text)
}

async fn sessions_are_planned_moved_and_cancelled_with_invitations(backend: Backend) {
    let app = spawn(backend).await;
    // Delegated on Monday 16 March 2026, the eve of the Nyepi and Idul Fitri days off.
    app.advance(Duration::days(14));
    let p: People = people(&app).await;
    let case = in_mediation(&app, &p, "hak", "kunci-jadwal-000000001").await;

    // Not on a holiday, not on a weekend, not outside office hours.
    let (s, e) = plan(&app, &p.mediator, &case, plan_body("mediasi", "2026-03-19", "09:00", "11:00", "R1", true)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{e}");
    assert_eq!(e["code"], "not_a_working_day");
    assert!(e["detail"].as_str().unwrap_or_default().contains("Nyepi") || e.to_string().contains("Nyepi"), "{e}");
    let (s, e) = plan(&app, &p.mediator, &case, plan_body("mediasi", "2026-03-28", "09:00", "11:00", "R1", true)).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("not_a_working_day")), "{e}");
    let (s, e) = plan(&app, &p.mediator, &case, plan_body("mediasi", "2026-03-25", "07:00", "09:00", "R1", true)).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("outside_office_hours")), "{e}");
    let (s, e) = plan(&app, &p.mediator, &case, plan_body("mediasi", "2026-03-25", "09:00", "10:00", "R9", true)).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("unknown_room")), "{e}");
    // Only the case's mediator plans.
    let (s, _) = plan(&app, &p.officer, &case, plan_body("mediasi", "2026-03-25", "09:00", "10:00", "R1", true)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(app.mail_to(&p.worker_email).await.iter().all(|m| !m.template.starts_with("summons")), "nothing sent");

    // 7 WD from 16 March skip 18-24 March: the limit is Wednesday 1 April; Thursday is flagged.
    let (s, late) =
        plan(&app, &p.mediator, &case, plan_body("mediasi", "2026-04-02", "09:00", "11:00", "R1", false)).await;
    assert_eq!(s, StatusCode::OK, "{late}");
    assert!(late["hearing"].is_null(), "not stored without confirmation");
    assert_eq!(late["first_session_due"], "2026-04-01");
    assert_eq!(late["warnings"][0]["code"], "first_session_late", "{late}");
    let (s, ok) =
        plan(&app, &p.mediator, &case, plan_body("mediasi", "2026-04-01", "09:00", "11:00", "R1", false)).await;
    assert_eq!(s, StatusCode::CREATED, "{ok}");
    assert_eq!(ok["warnings"], json!([]), "on the limit day nothing is flagged");
    let hearing = ok["hearing"]["id"].as_str().expect("id").to_string();
    assert_eq!(ok["hearing"]["sequence"], 0);

    // One numbered summons per side; the worker and the company's representative get the invitation.
    let (_, d) = get_json(&app, &p.mediator, &format!("/api/v1/hearings/{hearing}")).await;
    let numbers: Vec<&str> =
        d["summons"].as_array().expect("summons").iter().filter_map(|s| s["letter_number"].as_str()).collect();
    assert_eq!(numbers, ["565/0001/PGL-HI/2026", "565/0002/PGL-HI/2026"]);
    let first = invitations(&app, &p.worker_email).await;
    assert_eq!(first.len(), 1);
    let (template, cal) = &first[0];
    assert_eq!(template, "summons");
    assert_eq!(cal.property_value("METHOD"), Some("REQUEST"));
    let ev = only_event(cal);
    let uid = ev.get_uid().expect("uid").to_string();
    assert!(uid.starts_with(&hearing), "{uid}");
    assert_eq!(ev.get_sequence(), Some(0));
    assert_eq!(ev.property_value("DTSTART"), Some("20260401T020000Z"), "09:00 WIB is 02:00 UTC");
    assert!(ev.get_start().is_some(), "the parser reads the start as a date-time");
    assert_eq!(invitations(&app, "hrd@majusengketa.co.id").await.len(), 1, "the company's representative too");

    // A second case of the same mediator, room and parties at an overlapping time: three warnings.
    let other = in_mediation(&app, &p, "hak", "kunci-jadwal-000000002").await;
    let (s, w) =
        plan(&app, &p.mediator, &other, plan_body("mediasi", "2026-04-01", "10:00", "12:00", "R1", false)).await;
    assert_eq!(s, StatusCode::OK, "{w}");
    let codes: Vec<&str> =
        w["warnings"].as_array().expect("warnings").iter().filter_map(|x| x["code"].as_str()).collect();
    assert_eq!(codes, ["mediator", "room", "party"], "{w}");
    let case_number = d["hearing"]["case_id"].as_str().expect("case").to_string();
    let (_, c1) = get_json(&app, &p.mediator, &format!("/api/v1/cases/{case_number}")).await;
    let label = c1["case_number"].as_str().expect("number").to_string();
    assert!(w["warnings"][0]["message"].as_str().expect("msg").contains(&label), "names the other case: {w}");
    // Another room and time touching the first: no clash.
    let (s, w) =
        plan(&app, &p.mediator, &other, plan_body("mediasi", "2026-04-01", "11:00", "12:00", "R2", false)).await;
    assert_eq!((s, w["warnings"].clone()), (StatusCode::CREATED, json!([])), "{w}");

    // Moved: SEQUENCE 1, same UID, the earlier summonses withdrawn, new numbers.
    let mut body = plan_body("mediasi", "2026-03-31", "13:00", "14:00", "R2", true);
    body["reason"] = json!("Ruang mediasi 1 dipakai rapat dinas.");
    let (s, moved) = post_json(&app, &p.mediator, &format!("/api/v1/hearings/{hearing}/reschedule"), body).await;
    assert_eq!(s, StatusCode::CREATED, "{moved}");
    assert_eq!(moved["hearing"]["sequence"], 1);
    let all = invitations(&app, &p.worker_email).await;
    // The first session, the other case's session, and now the update.
    assert_eq!(all.len(), 3, "the updated invitation goes out");
    assert_eq!(all[2].0, "summons_rescheduled");
    let ev = only_event(&all[2].1);
    assert_eq!((ev.get_uid(), ev.get_sequence()), (Some(uid.as_str()), Some(1)));
    let (_, d) = get_json(&app, &p.mediator, &format!("/api/v1/hearings/{hearing}")).await;
    let summons = d["summons"].as_array().expect("summons");
    assert_eq!(summons.len(), 4);
    assert!(summons[..2].iter().all(|s| !s["withdrawn_at"].is_null()));
    assert!(summons[2..].iter().all(|s| s["withdrawn_at"].is_null()));
    // 0003 and 0004 went to the other case's session.
    assert_eq!(summons[2]["letter_number"], "565/0005/PGL-HI/2026");
    // Moving needs a reason.
    let (s, e) = post_json(
        &app,
        &p.mediator,
        &format!("/api/v1/hearings/{hearing}/reschedule"),
        plan_body("mediasi", "2026-03-31", "13:00", "14:00", "R2", true),
    )
    .await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_text")), "{e}");

    // The mediator's private feed: a real parser reads it; only numbers, names and places.
    let (s, f) = post_json(&app, &p.mediator, "/api/v1/calendar-feeds", json!({"scope": "mediator"})).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let url = f["url"].as_str().expect("url").to_string();
    let (s, events, text) = feed_events(&app, &url).await;
    assert_eq!(s, StatusCode::OK);
    // The moved session and the other case's session (the clashing plan was never confirmed).
    assert_eq!(events.len(), 2, "{text}");
    assert!(events.iter().any(|e| e.get_uid() == Some(uid.as_str()) && e.get_sequence() == Some(1)));
    assert!(text.contains(&label) && text.contains("PT Maju Sengketa") && text.contains("Andi Saputra"));
    for private in ["3275010101900001", "0812-1111-2222", "andi.pekerja@gmail.com", "hrd@contoh.co.id"] {
        assert!(!text.contains(private), "the feed leaks {private}");
    }
    // Another mediator's feed holds none of these sessions.
    let m2 = relogin(&app, "mediator2@bekasikota.go.id").await;
    let (_, f2) = post_json(&app, &m2, "/api/v1/calendar-feeds", json!({"scope": "mediator"})).await;
    let (s, events2, _) = feed_events(&app, f2["url"].as_str().expect("url")).await;
    assert_eq!((s, events2.len()), (StatusCode::OK, 0));
    // A mediator cannot make the office feed; the head can.
    let (s, _) = post_json(&app, &p.mediator, "/api/v1/calendar-feeds", json!({"scope": "office"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, office) = post_json(&app, &p.head, "/api/v1/calendar-feeds", json!({"scope": "office"})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(feed_events(&app, office["url"].as_str().expect("url")).await.1.len(), 2);
    // Revoked: 404 at once. Another mediator cannot revoke someone else's feed.
    let fid = f["id"].as_str().expect("id");
    let (s, _) = post_json(&app, &m2, &format!("/api/v1/calendar-feeds/{fid}/revoke"), json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = post_json(&app, &p.mediator, &format!("/api/v1/calendar-feeds/{fid}/revoke"), json!({})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(feed_events(&app, &url).await.0, StatusCode::NOT_FOUND);
    assert_eq!(feed_events(&app, "x/kalender-sidang/cal_tebakan.ics").await.0, StatusCode::NOT_FOUND);

    // Cancelled: METHOD:CANCEL with the next SEQUENCE; the session stays in the feed as cancelled.
    let (s, c) = post_json(
        &app,
        &p.mediator,
        &format!("/api/v1/hearings/{hearing}/cancel"),
        json!({"reason": "Para pihak meminta penundaan."}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!((c["status"].as_str(), c["sequence"].as_i64()), (Some("dibatalkan"), Some(2)));
    let all = invitations(&app, &p.worker_email).await;
    assert_eq!(all.len(), 4);
    assert_eq!(all[3].1.property_value("METHOD"), Some("CANCEL"));
    let ev = only_event(&all[3].1);
    assert_eq!((ev.get_uid(), ev.get_sequence()), (Some(uid.as_str()), Some(2)));
    assert_eq!(ev.property_value("STATUS"), Some("CANCELLED"));
    let (s, _) =
        post_json(&app, &p.mediator, &format!("/api/v1/hearings/{hearing}/cancel"), json!({"reason": "Sekali lagi."}))
            .await;
    assert_eq!(s, StatusCode::CONFLICT, "a cancelled session cannot be cancelled again");
    let (_, office_events, _) = feed_events(&app, office["url"].as_str().expect("url")).await;
    assert!(office_events
        .iter()
        .any(|e| e.get_uid() == Some(uid.as_str()) && e.property_value("STATUS") == Some("CANCELLED")));
}

async fn two_proper_summonses_of_an_absent_party_unlock_proceeding(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let case = in_mediation(&app, &p, "hak", "kunci-jadwal-000000003").await;
    // Monday 2 March: first session Wednesday 11 March (the 7th working day).
    let (s, h1) =
        plan(&app, &p.mediator, &case, plan_body("mediasi", "2026-03-11", "09:00", "10:00", "R1", true)).await;
    assert_eq!(s, StatusCode::CREATED, "{h1}");
    let h1 = h1["hearing"]["id"].as_str().expect("id").to_string();
    let company_summons = |d: &Value| {
        d["summons"].as_array().expect("summons").iter().find(|s| s["side"] == "pengusaha").expect("company summons")
            ["id"]
            .as_str()
            .expect("id")
            .to_string()
    };
    let (_, d) = get_json(&app, &p.officer, &format!("/api/v1/hearings/{h1}")).await;
    let sid = company_summons(&d);
    // The desk hands the letter over at the company the same day.
    let (s, out) = post_json(
        &app,
        &p.officer,
        &format!("/api/v1/hearings/{h1}/summons/{sid}/hand-over"),
        json!({"handed_over_on": "2026-03-02", "handed_over_to": "Bu Ani, HRD"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{out}");
    // The outcome waits for the day of the session.
    let (s, e) = post_json(
        &app,
        &p.mediator,
        &format!("/api/v1/hearings/{h1}/outcome"),
        json!({"worker_present": true, "company_present": false, "minutes": "Pengusaha tidak hadir."}),
    )
    .await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("session_not_yet_held")), "{e}");
    app.advance(Duration::days(9));
    let mut p = p;
    p.mediator = relogin(&app, "mediator1@bekasikota.go.id").await;
    let (s, out) = post_json(
        &app,
        &p.mediator,
        &format!("/api/v1/hearings/{h1}/outcome"),
        json!({"worker_present": true, "company_present": false, "minutes": "Pengusaha tidak hadir tanpa keterangan."}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{out}");
    let (_, d) = get_json(&app, &p.mediator, &format!("/api/v1/hearings/{h1}")).await;
    let proper: Vec<(String, Value)> = d["summons"]
        .as_array()
        .expect("s")
        .iter()
        .map(|s| (s["side"].as_str().unwrap_or("").to_string(), s["proper"].clone()))
        .collect();
    assert!(proper.contains(&("pengusaha".into(), json!(true))), "handed over with notice: {proper:?}");
    assert!(proper.contains(&("pekerja".into(), json!(false))), "an email never sent proves nothing: {proper:?}");
    let (_, c) = get_json(&app, &p.mediator, &format!("/api/v1/cases/{case}")).await;
    assert_eq!(c["first_session_on"], "2026-03-11");
    // One proper summons is not enough to go ahead without the employer.
    let anjuran = json!({"action": "anjuran", "note": "Menganjurkan pengusaha membayar upah yang belum dibayar."});
    let (s, e) = step(&app, &p.mediator, &case, anjuran.clone()).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("party_not_summoned")), "{e}");
    // A typed summons no longer counts: summonses come from the schedule.
    let (s, e) = step(
        &app,
        &p.mediator,
        &case,
        json!({"action": "summons", "side": "pengusaha", "second_date": "2026-03-20", "delivery": "Kurir"}),
    )
    .await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("summons_by_schedule")), "{e}");
    // A second session; this summons is handed over too, then the employer stays away again.
    let (s, h2) =
        plan(&app, &p.mediator, &case, plan_body("mediasi", "2026-03-17", "13:00", "14:00", "R2", true)).await;
    assert_eq!(s, StatusCode::CREATED, "{h2}");
    let h2 = h2["hearing"]["id"].as_str().expect("id").to_string();
    let (_, d) = get_json(&app, &p.mediator, &format!("/api/v1/hearings/{h2}")).await;
    let sid = company_summons(&d);
    let (s, _) = post_json(
        &app,
        &p.mediator,
        &format!("/api/v1/hearings/{h2}/summons/{sid}/hand-over"),
        json!({"handed_over_on": "2026-03-11", "handed_over_to": "Satpam PT Maju"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    app.advance(Duration::days(6));
    p.mediator = relogin(&app, "mediator1@bekasikota.go.id").await;
    let (s, _) = post_json(
        &app,
        &p.mediator,
        &format!("/api/v1/hearings/{h2}/outcome"),
        json!({"worker_present": true, "company_present": false, "minutes": "Pengusaha kembali tidak hadir."}),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let out = ok_step(&app, &p.mediator, &case, anjuran).await;
    assert_eq!(out["status"], "anjuran", "two proper summonses: the mediator proceeds");
}

async fn schedule_pages_and_who_may_use_them(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let case = in_mediation(&app, &p, "hak", "kunci-jadwal-000000004").await;
    // The mediator plans through the page: a clash-free first session is stored at once.
    let (s, page) = app.get_text(&p.mediator, &format!("/kasus/{case}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(&format!("/kasus/{case}/jadwal/baru")), "the case page offers scheduling");
    let (s, form) = app.get_text(&p.mediator, &format!("/kasus/{case}/jadwal/baru")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(form.contains("Rabu, 11 Maret 2026"), "the form states the first-session limit");
    let res = app
        .post_form(
            &p.mediator,
            &format!("/kasus/{case}/jadwal"),
            &[
                ("kind", "mediasi"),
                ("date", "2026-03-14"),
                ("start_time", "09:00"),
                ("end_time", "10:00"),
                ("room", "R1"),
                ("summon_worker", "true"),
                ("summon_company", "true"),
                ("agenda", "Sidang pertama."),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("bukan hari kerja"), "a Saturday is refused with a clear message");
    let res = app
        .post_form(
            &p.mediator,
            &format!("/kasus/{case}/jadwal"),
            &[
                ("kind", "mediasi"),
                ("date", "2026-03-12"),
                ("start_time", "09:00"),
                ("end_time", "10:00"),
                ("room", "R1"),
                ("summon_worker", "true"),
                ("summon_company", "true"),
                ("agenda", "Sidang pertama."),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "a late first session asks for confirmation");
    assert!(res.text().await.expect("body").contains("terlambat"));
    let res = app
        .post_form(
            &p.mediator,
            &format!("/kasus/{case}/jadwal"),
            &[
                ("kind", "mediasi"),
                ("date", "2026-03-12"),
                ("start_time", "09:00"),
                ("end_time", "10:00"),
                ("room", "R1"),
                ("summon_worker", "true"),
                ("summon_company", "true"),
                ("agenda", "Sidang pertama."),
                ("confirm", "true"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let hearing_path = location(&res);
    let hearing = hearing_path.trim_start_matches("/jadwal/").to_string();
    let (_, d) = get_json(&app, &p.mediator, &format!("/api/v1/hearings/{hearing}")).await;
    let worker_summons = d["summons"].as_array().expect("s").iter().find(|s| s["side"] == "pekerja").expect("w")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let company_summons = d["summons"].as_array().expect("s").iter().find(|s| s["side"] == "pengusaha").expect("c")
        ["id"]
        .as_str()
        .expect("id")
        .to_string();
    let letter = |sid: &str| format!("/jadwal/{hearing}/panggilan/{sid}");

    // The worker opens their summons: a printable letter, and evidence of receipt.
    let (s, text) = app.get_text(&p.worker, &letter(&worker_summons)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        text.contains("SURAT PANGGILAN")
            && text.contains("565/0001/PGL-HI/2026")
            && text.contains("Kamis, 12 Maret 2026")
    );
    let (_, d) = get_json(&app, &p.mediator, &format!("/api/v1/hearings/{hearing}")).await;
    let opened = d["summons"].as_array().expect("s").iter().find(|s| s["id"] == worker_summons.as_str()).expect("w")
        ["opened_at"]
        .clone();
    assert!(!opened.is_null(), "opening it is evidence");
    // Public tracking and the case page show the session to the parties.
    let (_, cp) = app.get_text(&p.worker, &format!("/kasus/{case}")).await;
    assert!(cp.contains("Kamis, 12 Maret 2026, 09:00–10:00 WIB") && cp.contains("Ruang Mediasi 1"));

    // Who may use what: (client, route, expected) — parties see only their own letter.
    let admin = app.browser_for(&app.user("admin", "admin@bekasikota.go.id").await).await;
    let m2 = relogin(&app, "mediator2@bekasikota.go.id").await;
    let elsewhere = app.browser_for(&app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await).await;
    let ok = StatusCode::OK;
    let (nf, fb) = (StatusCode::NOT_FOUND, StatusCode::FORBIDDEN);
    let who: [(&str, &Client); 8] = [
        ("admin", &admin),
        ("head", &p.head),
        ("desk", &p.officer),
        ("mediator", &p.mediator),
        ("other mediator", &m2),
        ("worker", &p.worker),
        ("rep", &p.rep),
        ("other office", &elsewhere),
    ];
    for (name, c) in who {
        // Another office's desk sees its own (empty) schedule.
        let staff = matches!(name, "head" | "desk" | "mediator" | "other mediator" | "other office");
        let sees_case = matches!(name, "head" | "desk" | "mediator" | "worker" | "rep");
        let case_hidden = if name == "admin" { fb } else { nf };
        let expect = vec![
            ("GET /jadwal", app.get(c, "/jadwal?tanggal=2026-03-12").await.status(), if staff { ok } else { fb }),
            (
                "GET /jadwal/minggu",
                app.get(c, "/jadwal/minggu?tanggal=2026-03-12").await.status(),
                if staff { ok } else { fb },
            ),
            ("GET /jadwal/beban", app.get(c, "/jadwal/beban").await.status(), if name == "head" { ok } else { fb }),
            ("GET /jadwal/langganan", app.get(c, "/jadwal/langganan").await.status(), if staff { ok } else { fb }),
            (
                "GET /api/v1/schedule",
                app.get(c, "/api/v1/schedule?from=2026-03-09&to=2026-03-13").await.status(),
                if staff { ok } else { fb },
            ),
            ("GET /jadwal/{id}", app.get(c, &hearing_path).await.status(), if sees_case { ok } else { case_hidden }),
            (
                "GET /api/v1/hearings/{id}",
                app.get(c, &format!("/api/v1/hearings/{hearing}")).await.status(),
                if sees_case { ok } else { case_hidden },
            ),
            (
                "GET /api/v1/cases/{id}/hearings",
                app.get(c, &format!("/api/v1/cases/{case}/hearings")).await.status(),
                if sees_case { ok } else { case_hidden },
            ),
            (
                "GET worker's letter",
                app.get(c, &letter(&worker_summons)).await.status(),
                if sees_case && name != "rep" { ok } else { case_hidden },
            ),
            (
                "GET company's letter",
                app.get(c, &letter(&company_summons)).await.status(),
                if sees_case && name != "worker" { ok } else { case_hidden },
            ),
            (
                "GET /kasus/{id}/jadwal/baru",
                app.get(c, &format!("/kasus/{case}/jadwal/baru")).await.status(),
                if !sees_case {
                    case_hidden
                } else if name == "mediator" {
                    ok
                } else {
                    fb
                },
            ),
            (
                "POST /api/v1/cases/{id}/hearings",
                plan(&app, c, &case, plan_body("mediasi", "2026-03-20", "09:00", "10:00", "R2", true)).await.0,
                if !sees_case {
                    case_hidden
                } else if name == "mediator" {
                    StatusCode::BAD_REQUEST
                } else {
                    fb
                },
            ),
            (
                "POST /api/v1/hearings/{id}/cancel",
                post_json(&app, c, &format!("/api/v1/hearings/{hearing}/cancel"), json!({"reason": "x"})).await.0,
                if !sees_case {
                    case_hidden
                } else if name == "mediator" {
                    StatusCode::BAD_REQUEST
                } else {
                    fb
                },
            ),
            (
                "POST /jadwal/{id}/batal",
                app.post_form(c, &format!("{hearing_path}/batal"), &[("reason", "x")]).await.status(),
                if !sees_case {
                    case_hidden
                } else if name == "mediator" {
                    StatusCode::BAD_REQUEST
                } else {
                    fb
                },
            ),
            (
                "POST /api/v1/hearings/{id}/reschedule",
                post_json(&app, c, &format!("/api/v1/hearings/{hearing}/reschedule"), json!({"reason": "x"})).await.0,
                if !sees_case {
                    case_hidden
                } else if name == "mediator" {
                    StatusCode::BAD_REQUEST
                } else {
                    fb
                },
            ),
            (
                "POST /api/v1/hearings/{id}/outcome",
                post_json(&app, c, &format!("/api/v1/hearings/{hearing}/outcome"), json!({"minutes": "Sidang."}))
                    .await
                    .0,
                if !sees_case {
                    case_hidden
                } else if name == "mediator" {
                    StatusCode::CONFLICT
                } else {
                    fb
                },
            ),
            (
                "POST hand-over",
                post_json(
                    &app,
                    c,
                    &format!("/api/v1/hearings/{hearing}/summons/{company_summons}/hand-over"),
                    json!({"handed_over_on": "2026-03-02", "handed_over_to": ""}),
                )
                .await
                .0,
                if !sees_case {
                    case_hidden
                } else if matches!(name, "desk" | "mediator") {
                    StatusCode::BAD_REQUEST
                } else {
                    fb
                },
            ),
            (
                "POST /api/v1/calendar-feeds",
                post_json(&app, c, "/api/v1/calendar-feeds", json!({"scope": "office"})).await.0,
                if matches!(name, "head" | "desk" | "other office") { StatusCode::CREATED } else { fb },
            ),
            (
                "POST /jadwal/langganan",
                app.post_form(c, "/jadwal/langganan", &[("scope", "office")]).await.status(),
                if matches!(name, "head" | "desk" | "other office") { ok } else { fb },
            ),
            (
                "GET /api/v1/calendar-feeds",
                app.get(c, "/api/v1/calendar-feeds").await.status(),
                if staff { ok } else { fb },
            ),
            (
                "POST /api/v1/calendar-feeds/{missing}/revoke",
                post_json(&app, c, "/api/v1/calendar-feeds/00000000-0000-0000-0000-000000000000/revoke", json!({}))
                    .await
                    .0,
                if staff { nf } else { fb },
            ),
            (
                "POST /jadwal/langganan/{missing}/cabut",
                app.post_form(c, "/jadwal/langganan/00000000-0000-0000-0000-000000000000/cabut", &[]).await.status(),
                if staff { nf } else { fb },
            ),
            // Room names are no secret: every signed-in user may list them (for the form and the API).
            ("GET /api/v1/schedule/rooms", app.get(c, "/api/v1/schedule/rooms").await.status(), ok),
            (
                "POST /kasus/{id}/jadwal",
                app.post_form(
                    c,
                    &format!("/kasus/{case}/jadwal"),
                    &[
                        ("kind", "mediasi"),
                        ("date", "2026-03-20"),
                        ("start_time", "09:00"),
                        ("end_time", "10:00"),
                        ("room", "R2"),
                        ("summon_worker", "true"),
                        ("agenda", "Sidang kedua."),
                    ],
                )
                .await
                .status(),
                if !sees_case {
                    case_hidden
                } else if name == "mediator" {
                    StatusCode::BAD_REQUEST
                } else {
                    fb
                },
            ),
            (
                "GET /jadwal/{id}/ubah",
                app.get(c, &format!("{hearing_path}/ubah")).await.status(),
                if !sees_case {
                    case_hidden
                } else if name == "mediator" {
                    ok
                } else {
                    fb
                },
            ),
            (
                "POST /jadwal/{id}/ubah",
                app.post_form(c, &format!("{hearing_path}/ubah"), &[("reason", "x")]).await.status(),
                if !sees_case {
                    case_hidden
                } else if name == "mediator" {
                    StatusCode::BAD_REQUEST
                } else {
                    fb
                },
            ),
            (
                "POST /jadwal/{id}/hasil",
                app.post_form(c, &format!("{hearing_path}/hasil"), &[("minutes", "Sidang.")]).await.status(),
                if !sees_case {
                    case_hidden
                } else if name == "mediator" {
                    StatusCode::CONFLICT
                } else {
                    fb
                },
            ),
            (
                "POST /jadwal/{id}/panggilan/{sid}/serah",
                post_multipart(
                    &app,
                    c,
                    &format!("{hearing_path}/panggilan/{company_summons}/serah"),
                    &[("handed_over_on", "2026-03-02"), ("handed_over_to", "")],
                    None,
                )
                .await
                .status(),
                if !sees_case {
                    case_hidden
                } else if matches!(name, "desk" | "mediator") {
                    StatusCode::BAD_REQUEST
                } else {
                    fb
                },
            ),
        ];
        for (route, got, want) in expect {
            assert_eq!(got, want, "{route} as {name}");
        }
    }
    // Hand-over needs who received it: a bad input changes nothing, for the desk too.
    let (_, d) = get_json(&app, &p.officer, &format!("/api/v1/hearings/{hearing}")).await;
    assert!(d["summons"].as_array().expect("s").iter().all(|s| s["handed_over_on"].is_null()));
    // The week view lists the session by room and mediator; the head sees the load page.
    let (_, week) = app.get_text(&p.officer, "/jadwal/minggu?tanggal=2026-03-12").await;
    assert!(week.contains("Ruang Mediasi 1") && week.contains("09:00–10:00") && week.contains("PT Maju Sengketa"));
    let (_, theirs) = app.get_text(&elsewhere, "/jadwal/minggu?tanggal=2026-03-12").await;
    assert!(!theirs.contains("PT Maju Sengketa"), "another office's schedule holds none of ours");
    let (_, load) = app.get_text(&p.head, "/jadwal/beban").await;
    assert!(load.contains("Pengguna mediator") && load.contains("1 sidang"), "{load}");
}

both_backends!(
    sessions_are_planned_moved_and_cancelled_with_invitations,
    two_proper_summonses_of_an_absent_party_unlock_proceeding,
    schedule_pages_and_who_may_use_them,
);
