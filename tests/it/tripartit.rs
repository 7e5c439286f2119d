//! LKS Tripartit Kota: terms with a 1:1:1 membership, meetings with attendance and minutes
//! documents, the next meeting's due date, recommendations and their follow-up, who may see
//! and change what.

use chrono::Duration;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

/// The board and one ordinary member per side: 3:3:3.
const MEMBERS: &str = "Ahmad Syaifuddin; pemerintah; Wali Kota Bekasi; ketua
Dewi Kartikasari; pemerintah; Dinas Tenaga Kerja Kota Bekasi; wakil ketua
Hendra Gunawan; pemerintah; Dinas Tenaga Kerja Kota Bekasi; sekretaris
Andi Wijaya; pengusaha; DPK APINDO Kota Bekasi; wakil_ketua
Lina Marlina; pengusaha; DPK APINDO Kota Bekasi; anggota
Bambang Sutrisno; pengusaha; DPK APINDO Kota Bekasi; anggota
Sutrisno Hadi; pekerja; DPC KSPSI Kota Bekasi; wakil_ketua
Joko Susilo; pekerja; KC FSPMI Kota Bekasi; anggota
Nur Aini; pekerja; DPC KSBSI Kota Bekasi; anggota";

async fn api_post(app: &TestApp, client: &Client, path: &str, body: &Value) -> reqwest::Response {
    let csrf = app.csrf(client).await;
    client.post(app.url(path)).header("x-csrf-token", csrf).json(body).send().await.expect("post")
}

async fn json_of(app: &TestApp, client: &Client, path: &str) -> Value {
    let res = app.get(client, path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.json().await.expect("json")
}

/// Records the 3:3:3 term starting 2025-06-02 through the page; returns its id.
async fn record_term(app: &TestApp, client: &Client) -> String {
    let res = app
        .post_form(
            client,
            "/tripartit/periode",
            &[("decree_number", "560/Kep.215-Disnaker/2025"), ("starts_on", "2025-06-02"), ("members", MEMBERS)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    location(&res).trim_start_matches("/tripartit/periode/").to_string()
}

async fn an_unbalanced_term_is_refused_and_nothing_is_saved(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;

    let unbalanced = format!("{MEMBERS}\nBudi Santoso; pemerintah; Bappelitbangda Kota Bekasi; anggota");
    let res = app
        .post_form(
            &client,
            "/tripartit/periode",
            &[("decree_number", "560/Kep.215-Disnaker/2025"), ("starts_on", "2025-06-02"), ("members", &unbalanced)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = res.text().await.expect("body");
    assert!(
        page.contains("Jumlah anggota setiap unsur harus sama (1:1:1)")
            && page.contains("pemerintah 4, pengusaha 3, pekerja 3"),
        "the page says what is wrong"
    );
    assert!(page.contains("Budi Santoso; pemerintah"), "the typed members come back for correction");
    assert!(page.contains(r##"href="#f-members""##), "the error summary links to the field");

    // The API refuses the same way, and a union chair is refused too.
    let res = api_post(
        &app,
        &client,
        "/api/v1/tripartit/terms",
        &json!({"decree_number": "560/1/2025", "starts_on": "2025-06-02", "members": unbalanced}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(header(res.headers(), "content-type"), "application/problem+json");
    let problem: Value = res.json().await.expect("json");
    assert_eq!(problem["code"], "tripartit_unbalanced");
    let union_chair = MEMBERS
        .replace("Wali Kota Bekasi; ketua", "Wali Kota Bekasi; anggota")
        .replace("KC FSPMI Kota Bekasi; anggota", "KC FSPMI Kota Bekasi; ketua");
    let res = api_post(
        &app,
        &client,
        "/api/v1/tripartit/terms",
        &json!({"decree_number": "560/1/2025", "starts_on": "2025-06-02", "members": union_chair}),
    )
    .await;
    let problem: Value = res.json().await.expect("json");
    assert_eq!(problem["code"], "tripartit_chair");
    assert!(problem["detail"].as_str().unwrap_or_default().contains("dari unsur pemerintah"), "{problem}");

    let res = app
        .post_form(
            &client,
            "/tripartit/periode",
            &[("decree_number", "560/Kep.215-Disnaker/2027"), ("starts_on", "2027-01-04"), ("members", MEMBERS)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "a term cannot start in the future");
    assert!(res.text().await.expect("body").contains("Tanggal tidak boleh di masa depan"));

    let terms = json_of(&app, &client, "/api/v1/tripartit/terms").await;
    assert_eq!(terms, json!([]), "nothing was saved");
    let (_, overview) = app.get_text(&client, "/tripartit").await;
    assert!(overview.contains("Tidak ada periode LKS Tripartit yang berlaku"));
}

async fn a_term_meets_and_follows_up_its_recommendations(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let term_id = record_term(&app, &client).await;

    let (status, page) = app.get_text(&client, &format!("/tripartit/periode/{term_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("560/Kep.215-Disnaker/2025") && page.contains("Jumat, 2 Juni 2028"), "3 years by default");
    let employers = page.find("Unsur pengusaha (3)").expect("members grouped by side");
    assert!(page[employers..].contains("Andi Wijaya</strong> — Wakil ketua, DPK APINDO Kota Bekasi"));

    let term = json_of(&app, &client, &format!("/api/v1/tripartit/terms/{term_id}")).await;
    assert_eq!(term["term"]["ends_on"], "2028-06-02");
    let ids: Vec<String> =
        term["members"].as_array().expect("members").iter().map(|m| m["id"].as_str().expect("id").into()).collect();
    assert_eq!(ids.len(), 9);

    // Terms cannot overlap.
    let res = api_post(
        &app,
        &client,
        "/api/v1/tripartit/terms",
        &json!({"decree_number": "560/2/2026", "starts_on": "2026-01-05", "members": MEMBERS}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "tripartit_term_overlap");

    // Before the first meeting the next one is due three months after the term began.
    let term = json_of(&app, &client, &format!("/api/v1/tripartit/terms/{term_id}?as_of=2025-08-29")).await;
    assert_eq!(
        term["next_meeting"],
        json!({"last_meeting_on": null, "due_on": "2025-09-02", "state": "ahead", "days": 4})
    );

    // The meeting form offers the members of the term in force on the day.
    let (_, form) = app.get_text(&client, "/tripartit/rapat/baru?tanggal=2025-11-03").await;
    assert!(form.contains(&format!(r#"value="{}""#, ids[8])) && form.contains("Nur Aini"));
    let mut fields = vec![
        ("held_on", "2025-11-03"),
        ("agenda", "Pembahasan rekomendasi UMK Kota Bekasi 2026"),
        ("minutes_summary", "Dewan Pengupahan memaparkan survei.\nRekomendasi disusun untuk Wali Kota."),
        ("term_id", term_id.as_str()),
    ];
    fields.extend(ids[..7].iter().map(|id| ("present", id.as_str())));
    let future = [&[("held_on", "2026-03-03")], &fields[1..]].concat();
    let res = post_multipart(&app, &client, "/tripartit/rapat", &future, None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = res.text().await.expect("body");
    assert!(page.contains("Tanggal tidak boleh di masa depan"));
    assert_eq!(page.matches(" checked").count(), 7, "the ticked attendance comes back");
    let res = post_multipart(&app, &client, "/tripartit/rapat", &fields, None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let meeting_id = location(&res).trim_start_matches("/tripartit/rapat/").to_string();
    let (_, page) = app.get_text(&client, &format!("/tripartit/rapat/{meeting_id}")).await;
    assert!(page.contains("7 dari 9 anggota hadir"), "attendance is counted");
    assert!(page.contains("Rekomendasi disusun untuk Wali Kota.") && page.contains("belum ada berkas notulen"));
    assert!(page.contains(&format!("/tripartit/rapat/{meeting_id}/notulen?csrf_token=")), "the upload form is offered");
    let res = post_multipart(&app, &client, "/tripartit/rapat", &fields, None).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "one meeting a day");

    // As of the test clock (Monday 2 March 2026) the meeting due on 3 February is overdue.
    let (_, overview) = app.get_text(&client, "/tripartit").await;
    assert!(overview.contains("Rapat berikutnya paling lambat Selasa, 3 Februari 2026"), "the due date in words");
    assert!(overview.contains("Terlambat 27 hari") && overview.contains("badge bad"), "overdue as text and badge");
    assert!(overview.contains("7/9"), "the meetings list shows attendance");
    let (_, earlier) = app.get_text(&client, "/tripartit?tanggal=2026-01-20").await;
    assert!(earlier.contains("Sisa 14 hari") && !earlier.contains("Terlambat"), "as of an earlier day");

    // A second meeting by API resets the clock: due three months later.
    let res = api_post(
        &app,
        &client,
        "/api/v1/tripartit/meetings",
        &json!({"held_on": "2026-02-27", "agenda": "Persiapan THR Keagamaan 2026", "present": ids}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let second: Value = res.json().await.expect("json");
    assert_eq!(second["attendance"].as_array().map(|a| a.iter().filter(|x| x["present"] == true).count()), Some(9));
    let term = json_of(&app, &client, &format!("/api/v1/tripartit/terms/{term_id}")).await;
    assert_eq!(term["next_meeting"]["due_on"], "2026-05-27");
    assert_eq!(term["next_meeting"]["state"], "ahead");

    // A recommendation to the Wali Kota and its follow-up.
    let res = app
        .post_form(
            &client,
            &format!("/tripartit/rapat/{meeting_id}/rekomendasi"),
            &[("subject", "UMK Kota Bekasi 2026"), ("text", "Mengusulkan UMK 2026 kepada Gubernur Jawa Barat.")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let rec = location(&res);
    let rec_id = rec.trim_start_matches("/tripartit/rekomendasi/").to_string();
    let (_, page) = app.get_text(&client, &rec).await;
    assert!(page.contains("Wali Kota Bekasi") && page.contains("diajukan"), "addressed to the Wali Kota by default");

    let status = format!("{rec}/status");
    let res = app
        .post_form(
            &client,
            &status,
            &[("status", "selesai"), ("follow_up", "Sudah ditetapkan."), ("status_on", "2025-11-20")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "a submitted recommendation is not completed at once");
    assert!(res.text().await.expect("body").contains("tidak dapat langsung dinyatakan selesai"));
    let res = app
        .post_form(
            &client,
            &status,
            &[("status", "ditindaklanjuti"), ("follow_up", "Diteruskan kepada Gubernur."), ("status_on", "2025-11-01")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "not before the meeting that made it");
    let res = app
        .post_form(
            &client,
            &status,
            &[
                ("status", "ditindaklanjuti"),
                ("follow_up", "Diteruskan kepada Gubernur Jawa Barat."),
                ("status_on", "2025-11-10"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = api_post(
        &app,
        &client,
        &format!("/api/v1/tripartit/recommendations/{rec_id}/status"),
        &json!({"status": "selesai", "follow_up": "UMK 2026 ditetapkan Gubernur.", "status_on": "2025-12-01"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let done: Value = res.json().await.expect("json");
    assert_eq!(done["status"], "selesai");
    assert_eq!(
        done["follow_up"],
        "2025-11-10 ditindaklanjuti: Diteruskan kepada Gubernur Jawa Barat.\n2025-12-01 selesai: UMK 2026 ditetapkan Gubernur."
    );
    let res = api_post(
        &app,
        &client,
        &format!("/api/v1/tripartit/recommendations/{rec_id}/status"),
        &json!({"status": "tidak_ditindaklanjuti", "follow_up": "Berubah pikiran."}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let problem: Value = res.json().await.expect("json");
    assert_eq!(problem["code"], "status_final");
    assert!(problem["detail"].as_str().unwrap_or_default().contains("tidak dapat diubah lagi"), "{problem}");
    let (_, page) = app.get_text(&client, &rec).await;
    assert!(page.contains("sudah final"), "a final recommendation offers no status form");
    let listed = json_of(&app, &client, "/api/v1/tripartit/recommendations?status=selesai").await;
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    let (_, overview) = app.get_text(&client, "/tripartit").await;
    assert!(overview.contains("UMK Kota Bekasi 2026") && overview.contains("selesai"));

    // Every change left an audit row.
    let office = &officer.office_id;
    assert_eq!(app.audit_actions(office, &term_id).await, vec!["tripartit.term_create"]);
    assert_eq!(app.audit_actions(office, &meeting_id).await, vec!["tripartit.meeting_create"]);
    let second_id = second["id"].as_str().expect("id");
    assert_eq!(app.audit_actions(office, second_id).await, vec!["tripartit.meeting_create"]);
    let mut rec_actions = app.audit_actions(office, &rec_id).await;
    rec_actions.sort();
    assert_eq!(
        rec_actions,
        vec!["tripartit.recommendation_create", "tripartit.recommendation_status", "tripartit.recommendation_status"]
    );

    // Three months and a few days later, without a meeting, it is overdue again.
    app.advance(Duration::days(90));
    let client = app.browser_for(&officer).await;
    let (_, overview) = app.get_text(&client, "/tripartit").await;
    assert!(overview.contains("Terlambat 4 hari"), "due 27 May, today 31 May 2026");
}

async fn only_the_office_staff_see_the_tripartit(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let term_id = record_term(&app, &client).await;
    let ids: Vec<String> = json_of(&app, &client, &format!("/api/v1/tripartit/terms/{term_id}")).await["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["id"].as_str().expect("id").into())
        .collect();
    let res = api_post(
        &app,
        &client,
        "/api/v1/tripartit/meetings",
        &json!({"held_on": "2026-02-27", "agenda": "Persiapan THR Keagamaan 2026", "present": ids}),
    )
    .await;
    let meeting_id = res.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_string();
    let res = api_post(
        &app,
        &client,
        &format!("/api/v1/tripartit/meetings/{meeting_id}/recommendations"),
        &json!({"subject": "Posko THR", "text": "Membuka posko pengaduan THR."}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let rec_id = res.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_string();

    let pages = [
        "/tripartit".to_string(),
        format!("/tripartit/periode/{term_id}"),
        format!("/tripartit/rapat/{meeting_id}"),
        format!("/tripartit/rekomendasi/{rec_id}"),
        "/tripartit/rapat/baru".to_string(),
    ];
    let apis = [
        "/api/v1/tripartit/terms".to_string(),
        format!("/api/v1/tripartit/terms/{term_id}"),
        format!("/api/v1/tripartit/meetings/{meeting_id}"),
        "/api/v1/tripartit/recommendations".to_string(),
    ];
    for role in ["perusahaan", "pekerja"] {
        let user = app.user(role, &format!("{role}@contoh.co.id")).await;
        let c = app.browser_for(&user).await;
        for path in &pages {
            let (status, page) = app.get_text(&c, path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{role} {path}");
            assert!(page.contains("Akses ditolak"), "{role} {path}");
        }
        for path in &apis {
            let res = app.get(&c, path).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role} {path}");
            assert_eq!(res.json::<Value>().await.expect("json")["code"], "forbidden");
        }
        let res = app
            .post_form(&c, &format!("/tripartit/rekomendasi/{rec_id}/status"), &[("status", "ditindaklanjuti")])
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role}");
        let (_, home) = app.get_text(&c, "/").await;
        assert!(!home.contains(r#"href="/tripartit""#), "{role} has no LKS Tripartit entry");
    }

    // Leadership and mediators read but do not record.
    for role in ["pimpinan", "mediator"] {
        let user = app.user(role, &format!("{role}@bekasikota.go.id")).await;
        let c = app.browser_for(&user).await;
        let (status, page) = app.get_text(&c, "/tripartit").await;
        assert_eq!(status, StatusCode::OK, "{role}");
        assert!(page.contains(r#"href="/tripartit""#) && page.contains("Posko THR"), "{role}");
        assert!(!page.contains("/tripartit/rapat/baru"), "{role} is not offered the forms");
        assert_eq!(app.get(&c, "/tripartit/rapat/baru").await.status(), StatusCode::FORBIDDEN, "{role}");
        let res = app
            .post_form(
                &c,
                &format!("/tripartit/rekomendasi/{rec_id}/status"),
                &[("status", "ditindaklanjuti"), ("follow_up", "Dibuka.")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role}");
    }
    let rec = json_of(&app, &client, "/api/v1/tripartit/recommendations").await;
    assert_eq!(rec[0]["status"], "diajukan", "no refused request changed anything");

    // Another office sees none of it.
    let other = app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await;
    let c = app.browser_for(&other).await;
    for path in pages.iter().skip(1).take(3) {
        assert_eq!(app.get(&c, path).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
    for path in apis.iter().skip(1).take(2) {
        assert_eq!(app.get(&c, path).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(json_of(&app, &c, "/api/v1/tripartit/terms").await, json!([]));
    assert_eq!(json_of(&app, &c, "/api/v1/tripartit/recommendations").await, json!([]));
    let res = app
        .post_form(
            &c,
            &format!("/tripartit/rekomendasi/{rec_id}/status"),
            &[("status", "ditindaklanjuti"), ("follow_up", "Dibuka.")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let (_, overview) = app.get_text(&c, "/tripartit").await;
    assert!(overview.contains("Tidak ada periode LKS Tripartit yang berlaku"));
    // Its own term may share the dates: terms only conflict within one office.
    let res = app
        .post_form(
            &c,
            "/tripartit/periode",
            &[("decree_number", "560/Kep.9-Disnaker/2025"), ("starts_on", "2025-06-02"), ("members", MEMBERS)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

/// Rows in `documents` for LKS Tripartit meetings.
async fn minutes_rows(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use harmoni::schema::documents;
    app.state
        .db
        .run(|c| Ok(documents::table.filter(documents::owner_kind.eq("tripartit_meeting")).count().get_result(c)?))
        .await
        .expect("count")
}

async fn minutes_are_uploaded_and_only_the_office_staff_download_them(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let term_id = record_term(&app, &client).await;
    let ids: Vec<String> = json_of(&app, &client, &format!("/api/v1/tripartit/terms/{term_id}")).await["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["id"].as_str().expect("id").into())
        .collect();

    let (_, form) = app.get_text(&client, "/tripartit/rapat/baru?tanggal=2026-02-27").await;
    assert!(
        form.contains(r#"action="/tripartit/rapat?csrf_token="#) && form.contains(r#"enctype="multipart/form-data""#)
    );
    assert!(form.contains(r#"type="file" name="berkas""#), "the form offers the minutes file");

    let mut fields = vec![
        ("held_on", "2026-02-27"),
        ("agenda", "Persiapan THR Keagamaan 2026"),
        ("minutes_summary", "Posko pengaduan THR dibuka."),
        ("term_id", term_id.as_str()),
    ];
    fields.extend(ids[..8].iter().map(|id| ("present", id.as_str())));

    // A web page renamed .pdf is refused: the form comes back and nothing is saved.
    let res = post_multipart(
        &app,
        &client,
        "/tripartit/rapat",
        &fields,
        Some(("notulen.pdf", b"<html><script>alert(1)</script></html>")),
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = res.text().await.expect("body");
    assert!(page.contains("Jenis berkas tidak diterima"), "the page says what is wrong");
    assert!(page.contains(r##"href="#f-berkas""##), "the error summary links to the file field");
    assert!(page.contains("Persiapan THR Keagamaan 2026"), "the typed values come back");
    assert_eq!(page.matches(" checked").count(), 8, "the ticked attendance comes back");
    assert_eq!(json_of(&app, &client, "/api/v1/tripartit/meetings").await, json!([]), "no meeting was saved");
    assert_eq!(minutes_rows(&app).await, 0, "no document was recorded");

    // With a real PDF the meeting and its minutes are saved together.
    let res =
        post_multipart(&app, &client, "/tripartit/rapat", &fields, Some(("Notulen Rapat Februari 2026.pdf", PDF)))
            .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let meeting_id = location(&res).trim_start_matches("/tripartit/rapat/").to_string();
    let meeting = json_of(&app, &client, &format!("/api/v1/tripartit/meetings/{meeting_id}")).await;
    assert_eq!(meeting["attendance"].as_array().map(|a| a.iter().filter(|x| x["present"] == true).count()), Some(8));
    let minutes = &meeting["minutes"];
    assert_eq!(minutes["filename"], "Notulen Rapat Februari 2026.pdf");
    assert_eq!(minutes["content_type"], "application/pdf");
    assert_eq!(minutes["size_bytes"], PDF.len());
    assert_eq!(minutes["sha256"].as_str().map(str::len), Some(64));
    let doc_id = minutes["id"].as_str().expect("doc id").to_string();
    assert_eq!(minutes["href"], format!("/api/v1/documents/{doc_id}"));
    let (_, page) = app.get_text(&client, &format!("/tripartit/rapat/{meeting_id}")).await;
    assert!(page.contains("8 dari 9 anggota hadir"), "every ticked member was kept");
    assert!(page.contains(&format!(r#"href="/berkas/{doc_id}""#)) && page.contains("Notulen Rapat Februari 2026.pdf"));
    assert!(!page.contains("belum ada berkas notulen"));

    // The office's staff download it, as an attachment, byte for byte.
    let mediator = app.browser_for(&app.user("mediator", "mediator@bekasikota.go.id").await).await;
    for c in [&client, &mediator] {
        for path in [format!("/berkas/{doc_id}"), format!("/api/v1/documents/{doc_id}")] {
            let res = app.get(c, &path).await;
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            assert!(header(res.headers(), "content-disposition").starts_with("attachment;"), "{path}");
            assert_eq!(header(res.headers(), "content-type"), "application/pdf");
            assert_eq!(res.bytes().await.expect("bytes").as_ref(), PDF, "{path}");
        }
    }
    // The mediator reads but does not upload.
    let (_, page) = app.get_text(&mediator, &format!("/tripartit/rapat/{meeting_id}")).await;
    assert!(page.contains("Notulen Rapat Februari 2026.pdf") && !page.contains("/notulen?csrf_token="));
    let res =
        post_multipart(&app, &mediator, &format!("/tripartit/rapat/{meeting_id}/notulen"), &[], Some(("x.pdf", PDF)))
            .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let api_path = format!("/api/v1/tripartit/meetings/{meeting_id}/minutes");
    assert_eq!(api_upload(&app, &mediator, &api_path, "x.pdf", PDF).await.status(), StatusCode::FORBIDDEN);

    // A company's representative and another office's desk officer find nothing.
    let company = app.browser_for(&app.user("perusahaan", "hrd@alfa.co.id").await).await;
    let elsewhere = app.browser_for(&app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await).await;
    for c in [&company, &elsewhere] {
        assert_eq!(app.get(c, &format!("/berkas/{doc_id}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.get(c, &format!("/api/v1/documents/{doc_id}")).await.status(), StatusCode::NOT_FOUND);
    }
    let res =
        post_multipart(&app, &elsewhere, &format!("/tripartit/rapat/{meeting_id}/notulen"), &[], Some(("x.pdf", PDF)))
            .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "another office's meeting");
    assert_eq!(api_upload(&app, &elsewhere, &api_path, "x.pdf", PDF).await.status(), StatusCode::NOT_FOUND);

    // A later upload replaces the shown minutes; the earlier one stays on record.
    let upload = format!("/tripartit/rapat/{meeting_id}/notulen");
    let res = post_multipart(&app, &client, &upload, &[], Some(("notulen.pdf", b"MZ\x90\x00 not a document"))).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = res.text().await.expect("body");
    assert!(page.contains("Jenis berkas tidak diterima") && page.contains("Notulen Rapat Februari 2026.pdf"));
    // No file chosen: the browser sends the field with an empty name.
    let res = post_multipart(&app, &client, &upload, &[], Some(("", b""))).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("Pilih berkas yang akan diunggah"));
    let signed = b"%PDF-1.7 signed by the chair";
    let res = post_multipart(&app, &client, &upload, &[], Some(("Notulen (ttd).pdf", signed))).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/tripartit/rapat/{meeting_id}"));
    let (_, page) = app.get_text(&client, &format!("/tripartit/rapat/{meeting_id}")).await;
    assert!(page.contains("Notulen (ttd).pdf") && !page.contains("Notulen Rapat Februari 2026.pdf"));
    let res = app.get(&client, &format!("/berkas/{doc_id}")).await;
    assert_eq!(res.bytes().await.expect("bytes").as_ref(), PDF, "the earlier file stays on record");

    // The API upload answers with the document, which becomes the meeting's minutes.
    let res = api_upload(&app, &client, &api_path, "notulen.pdf", b"<html></html>").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "file_type_not_allowed");
    let res = api_upload(&app, &client, &api_path, "Notulen final.pdf", b"%PDF-1.7 final").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let doc: Value = res.json().await.expect("json");
    assert_eq!(doc["filename"], "Notulen final.pdf");
    let meeting = json_of(&app, &client, &format!("/api/v1/tripartit/meetings/{meeting_id}")).await;
    assert_eq!(meeting["minutes"], doc);
    let res = app.get(&client, doc["href"].as_str().expect("href")).await;
    assert_eq!(res.bytes().await.expect("bytes").as_ref(), b"%PDF-1.7 final");
    assert_eq!(minutes_rows(&app).await, 3, "every accepted upload is on record");

    // Each upload left an audit row on the meeting.
    let mut actions = app.audit_actions(&officer.office_id, &meeting_id).await;
    actions.sort();
    assert_eq!(actions, vec!["document.upload", "document.upload", "document.upload", "tripartit.meeting_create"]);
}

async fn the_demo_tripartit_is_believable_and_seeded_once(backend: Backend) {
    let app = spawn(backend).await;
    let office = app.office_id("3275");
    let (today, now) = (app.state.today(), app.state.now());
    let seed = |office: String| app.state.db.run(move |c| harmoni::demo::seed_tripartit(c, &office, today, now));
    let first = seed(office.clone()).await.expect("seeded");
    assert_eq!(first, 7, "quarterly meetings from July 2024 to March 2026");
    assert_eq!(seed(office.clone()).await.expect("seeded again"), 0, "running it again adds nothing");

    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let terms = json_of(&app, &client, "/api/v1/tripartit/terms").await;
    assert_eq!(terms.as_array().map(Vec::len), Some(1));
    let id = terms[0]["id"].as_str().expect("id");
    let term = json_of(&app, &client, &format!("/api/v1/tripartit/terms/{id}")).await;
    assert_eq!(
        (term["term"]["starts_on"].as_str(), term["term"]["ends_on"].as_str()),
        (Some("2024-07-01"), Some("2027-07-01"))
    );
    let members = term["members"].as_array().expect("members");
    for side in ["pemerintah", "pengusaha", "pekerja"] {
        assert_eq!(members.iter().filter(|m| m["side"] == side).count(), 5, "{side}");
    }
    assert_eq!(members[0]["role"], "ketua");
    assert_eq!(members[0]["organisation"], "Wali Kota Bekasi");
    assert_eq!(term["next_meeting"]["state"], "ahead", "the demo body meets on time");
    let statuses: std::collections::BTreeSet<&str> = term["recommendations"]
        .as_array()
        .expect("recommendations")
        .iter()
        .filter_map(|r| r["status"].as_str())
        .collect();
    assert_eq!(statuses.len(), 4, "recommendations in every status: {statuses:?}");
    let (status, page) = app.get_text(&client, "/tripartit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("560/Kep.215-Disnaker/VI/2024") && page.contains("Unsur pekerja/buruh (5)"));
}

both_backends!(
    an_unbalanced_term_is_refused_and_nothing_is_saved,
    a_term_meets_and_follows_up_its_recommendations,
    only_the_office_staff_see_the_tripartit,
    minutes_are_uploaded_and_only_the_office_staff_download_them,
    the_demo_tripartit_is_believable_and_seeded_once,
);
