//! The working-day calendar: public page and API, administrators' changes, isolation.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

async fn get_json(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, Value) {
    let res = app.get(client, path).await;
    let status = res.status();
    (status, res.json().await.expect("json"))
}

async fn holidays_api_lists_a_year_and_names_bad_parameters(backend: Backend) {
    let app = spawn(backend).await;
    let c = plain_client();
    let (status, body) = get_json(&app, &c, "/api/v1/calendar/holidays?year=2026").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "confirmed");
    let days = body["days"].as_array().expect("days");
    assert_eq!(days.len(), 25);
    assert!(days.iter().any(|d| d["date"] == "2026-03-21"
        && d["kind"] == "libur_nasional"
        && d["name_id"].as_str().unwrap_or_default().contains("Idul Fitri")));
    let (_, body) = get_json(&app, &c, "/api/v1/calendar/holidays?year=2027").await;
    assert_eq!(body["status"], "provisional");
    let (_, body) = get_json(&app, &c, "/api/v1/calendar/holidays?year=2031").await;
    assert_eq!(body["status"], "not_loaded");
    for bad in
        ["/api/v1/calendar/holidays?year=dua-ribu", "/api/v1/calendar/holidays", "/api/v1/calendar/holidays?year=1850"]
    {
        let (status, body) = get_json(&app, &c, bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(body["field"], "year", "{bad}");
        assert_eq!(body["code"], "invalid_year", "{bad}");
    }
}

async fn deadline_api_explains_its_result_and_names_bad_parameters(backend: Backend) {
    let app = spawn(backend).await;
    let c = plain_client();
    let (status, body) = get_json(&app, &c, "/api/v1/calendar/deadline?from=2026-03-17&working_days=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["due"], "2026-03-25");
    let skipped = body["skipped"].as_array().expect("skipped");
    assert_eq!(skipped.len(), 7, "Nyepi and Lebaran 2026: {skipped:?}");
    assert_eq!(skipped[0]["date"], "2026-03-18");
    assert_eq!(skipped[0]["reason"], "cuti_bersama");
    assert!(skipped.iter().any(|s| s["reason"] == "weekend" && s["name_id"] == "Sabtu"));

    let (_, body) = get_json(&app, &c, "/api/v1/calendar/deadline?from=2026-03-02&rule=mediasi").await;
    assert_eq!(body["due"], "2026-04-21");
    assert_eq!(body["rule"]["legal_basis"], "UU 2/2004 Pasal 15");
    assert_eq!(body["rule"]["days"], 30);
    let (_, body) = get_json(&app, &c, "/api/v1/calendar/deadline?from=2026-03-09&rule=pemberitahuan_mogok").await;
    assert_eq!(body["direction"], "before");
    assert_eq!(body["due"], "2026-02-26", "a strike on 9 March needs notice by 26 February");

    let (_, body) = get_json(&app, &c, "/api/v1/calendar/deadline?from=2031-01-01&working_days=3").await;
    assert_eq!(body["due"], "2031-01-06");
    assert_eq!(body["warnings"][0]["code"], "year_not_loaded");

    let cases = [
        ("from=2026-13-01&working_days=1", "from", "invalid_date"),
        ("working_days=1", "from", "from_required"),
        ("from=2026-03-02&working_days=-1", "working_days", "invalid_working_days"),
        ("from=2026-03-02&working_days=1001", "working_days", "invalid_working_days"),
        ("from=2026-03-02&working_days=99999999999999999999999", "working_days", "invalid_working_days"),
        ("from=2026-03-02&working_days=tiga", "working_days", "invalid_working_days"),
        ("from=2026-03-02&rule=tidak_ada", "rule", "unknown_rule"),
        ("from=2026-03-02", "rule", "rule_or_working_days"),
        ("from=2026-03-02&rule=mediasi&working_days=3", "working_days", "rule_or_working_days"),
    ];
    for (query, field, code) in cases {
        let (status, body) = get_json(&app, &c, &format!("/api/v1/calendar/deadline?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(body["field"], field, "{query}");
        assert_eq!(body["code"], code, "{query}");
    }
    let (_, rules) = get_json(&app, &c, "/api/v1/calendar/rules").await;
    assert!(rules
        .as_array()
        .expect("rules")
        .iter()
        .any(|r| r["code"] == "jawaban_anjuran"
            && r["missed_id"].as_str().unwrap_or_default().contains("dianggap menolak")));
}

async fn an_office_closure_moves_a_deadline_that_spans_it(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let client = app.browser_for(&admin).await;
    let due = |client: reqwest::Client| {
        let url = app.url("/api/v1/calendar/deadline?from=2026-03-02&working_days=3");
        async move {
            client.get(url).send().await.expect("get").json::<Value>().await.expect("json")["due"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        }
    };
    assert_eq!(due(client.clone()).await, "2026-03-05");

    let res = app
        .post_form(
            &client,
            "/admin/kalender/hari",
            &[
                ("date", "2026-03-04"),
                ("kind", "penutupan_kantor"),
                ("name_id", "Kantor pindah gedung"),
                ("name_en", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(due(client.clone()).await, "2026-03-06", "the closure on 4 March pushes the deadline a day");
    let (_, page) = app.get_text(&client, "/kalender?year=2026&from=2026-03-02&working_days=3").await;
    assert!(
        page.contains("Kantor pindah gedung") && page.contains("penutupan kantor"),
        "the explanation names the closure"
    );

    let res = app
        .post_form(
            &client,
            "/admin/kalender/hari",
            &[("date", "2026-03-04"), ("kind", "penutupan_kantor"), ("name_id", "Lagi"), ("name_en", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = app
        .post_form(
            &client,
            "/admin/kalender/hari",
            &[("date", "2026-03-07"), ("kind", "penutupan_kantor"), ("name_id", "Sabtu"), ("name_en", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("akhir pekan"), "a weekend closure is explained");
    let res = app
        .post_form(
            &client,
            "/admin/kalender/hari",
            &[("date", "04-03-2026"), ("kind", "penutupan_kantor"), ("name_id", "Format salah"), ("name_en", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    let res = app.post_form(&client, "/admin/kalender/hari/2026-03-04/hapus", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(due(client.clone()).await, "2026-03-05", "removing the closure restores the deadline");

    let actions = app.audit_actions(&admin.office_id, "2026-03-04").await;
    assert_eq!(actions, vec!["calendar.day_remove".to_string(), "calendar.day_add".to_string()]);
}

async fn administrators_import_and_confirm_a_year(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let client = app.browser_for(&admin).await;
    let csrf = app.csrf(&client).await;
    let post =
        |path: &str, body: Value| client.post(app.url(path)).header("x-csrf-token", csrf.clone()).json(&body).send();

    // An office closure in 2027 survives the import of the national list.
    let res = post(
        "/api/v1/calendar/days",
        json!({"date": "2027-02-01", "kind": "penutupan_kantor", "name_id": "Rapat kerja kantor"}),
    )
    .await
    .expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);

    let bad = "year = 2027\nstatus = \"confirmed\"\nsource = \"SKB\"\n[[days]]\ndate = \"2026-12-31\"\nkind = \"libur_nasional\"\nname_id = \"x\"\nname_en = \"x\"\n";
    let res = post("/api/v1/calendar/years/import", json!({"content": bad})).await.expect("post");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let problem: Value = res.json().await.expect("json");
    assert_eq!(problem["code"], "invalid_calendar_file");
    assert!(problem["detail"].as_str().unwrap_or_default().contains("2026-12-31"), "{problem}");
    let (_, body) = get_json(&app, &client, "/api/v1/calendar/holidays?year=2027").await;
    assert_eq!(body["days"].as_array().expect("days").len(), 6, "a refused import changes nothing");

    let good = "year = 2027\nstatus = \"provisional\"\nsource = \"Rancangan SKB 2027\"\n\
        [[days]]\ndate = \"2027-01-01\"\nkind = \"libur_nasional\"\nname_id = \"Tahun Baru 2027 Masehi\"\nname_en = \"New Year's Day\"\n\
        [[days]]\ndate = \"2027-03-10\"\nkind = \"libur_nasional\"\nname_id = \"Idul Fitri 1448 Hijriah\"\nname_en = \"Eid al-Fitr 1448 H\"\n\
        [[days]]\ndate = \"2027-03-11\"\nkind = \"libur_nasional\"\nname_id = \"Idul Fitri 1448 Hijriah\"\nname_en = \"Eid al-Fitr 1448 H\"\n";
    let res = post("/api/v1/calendar/years/import", json!({"content": good})).await.expect("post");
    assert_eq!(res.status(), StatusCode::OK);
    let (_, body) = get_json(&app, &client, "/api/v1/calendar/holidays?year=2027").await;
    let dates: Vec<&str> = body["days"].as_array().expect("days").iter().filter_map(|d| d["date"].as_str()).collect();
    assert_eq!(
        dates,
        vec!["2027-01-01", "2027-02-01", "2027-03-10", "2027-03-11"],
        "national days replaced, the closure kept"
    );

    let res = client
        .post(app.url("/api/v1/calendar/years/2027/confirm"))
        .header("x-csrf-token", csrf.clone())
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let (_, body) = get_json(&app, &client, "/api/v1/calendar/holidays?year=2027").await;
    assert_eq!(body["status"], "confirmed");
    let actions = app.audit_actions(&admin.office_id, "2027").await;
    assert_eq!(
        actions,
        vec!["calendar.confirm".to_string(), "calendar.import".to_string(), "calendar.seed".to_string()]
    );
}

async fn only_administrators_change_the_calendar_of_their_own_office(backend: Backend) {
    let app = spawn(backend).await;
    let kota_admin = app.user_in("3275", "admin", "admin@bekasikota.go.id").await;
    let kota_staff = app.user_in("3275", "petugas", "petugas@bekasikota.go.id").await;
    let kab_staff = app.user_in("3216", "mediator", "mediator@bekasikab.go.id").await;

    let staff = app.browser_for(&kota_staff).await;
    let res = app
        .post_form(
            &staff,
            "/admin/kalender/hari",
            &[("date", "2026-03-04"), ("kind", "penutupan_kantor"), ("name_id", "Tutup"), ("name_en", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get(&staff, "/admin/kalender").await.status(), StatusCode::FORBIDDEN);
    let csrf = app.csrf(&staff).await;
    let res = staff
        .post(app.url("/api/v1/calendar/days"))
        .header("x-csrf-token", csrf)
        .json(&json!({"date": "2026-03-04", "kind": "penutupan_kantor", "name_id": "Tutup"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let anon = browser();
    assert!(location(&app.get(&anon, "/admin/kalender").await).starts_with("/login"));

    let admin = app.browser_for(&kota_admin).await;
    let res = app
        .post_form(
            &admin,
            "/admin/kalender/hari",
            &[("date", "2026-03-04"), ("kind", "penutupan_kantor"), ("name_id", "Tutup"), ("name_en", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let url = "/api/v1/calendar/deadline?from=2026-03-02&working_days=3";
    let (_, kota) = get_json(&app, &staff, url).await;
    assert_eq!(kota["due"], "2026-03-06", "the office's own staff see its closure");
    let kab = app.browser_for(&kab_staff).await;
    let (_, other) = get_json(&app, &kab, url).await;
    assert_eq!(other["due"], "2026-03-05", "another office's closure does not touch this office");
}

async fn the_public_calendar_page_computes_without_javascript(backend: Backend) {
    let app = spawn(backend).await;
    let c = browser();
    let (status, page) = app.get_text(&c, "/kalender?year=2026").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Kalender Hari Kerja 2026")
            && page.contains("Hari Raya Natal")
            && page.contains("Kalender final")
    );
    assert!(page.contains("<caption>Maret</caption>"), "twelve month grids");

    let (status, page) = app.get_text(&c, "/kalender?year=2026&from=2026-03-17&working_days=1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Rabu, 25 Maret 2026"), "the due date is written out");
    assert!(
        page.contains("Cuti bersama Idul Fitri") && page.contains("Sabtu (akhir pekan)"),
        "each skipped day has its reason"
    );
    assert!(page.contains("Sisa 12 hari kerja"), "status against today (2 March 2026): {page}");

    let (status, page) = app.get_text(&c, "/kalender?year=2026&from=2026-03-02&rule=jawaban_anjuran").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("UU 2/2004 Pasal 13") && page.contains("dianggap menolak"),
        "the rule's basis and consequence are shown"
    );

    let (status, page) = app.get_text(&c, "/kalender?from=kemarin&working_days=2").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("Ada yang perlu diperbaiki") && page.contains("TTTT-BB-HH"));

    let (_, page) = app.get_text(&c, "/kalender?year=2031").await;
    assert!(page.contains("Kalender tahun 2031 belum dimuat"), "an unknown year says so");
}

both_backends!(
    holidays_api_lists_a_year_and_names_bad_parameters,
    deadline_api_explains_its_result_and_names_bad_parameters,
    an_office_closure_moves_a_deadline_that_spans_it,
    administrators_import_and_confirm_a_year,
    only_administrators_change_the_calendar_of_their_own_office,
    the_public_calendar_page_computes_without_javascript,
);
