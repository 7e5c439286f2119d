//! LKS Bipartit activity and uploaded documents: the 14 working-day notification clock, the
//! office's bukti pencatatan, meetings with minutes, six-monthly reports, and who may
//! download a company's documents.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

async fn company(app: &TestApp, client: &Client, name: &str, nib: &str) -> String {
    let csrf = app.csrf(client).await;
    let body = json!({
        "name": name, "legal_form": "pt", "nib": nib, "kbli_code": "10792", "address": "Jl. Industri No. 1",
        "kecamatan_code": "32.75.09", "kelurahan": "Jatiasih", "footprint": "kota", "size_class": "menengah",
        "workers_male": "60", "workers_female": "40", "workers_pkwt": "30", "workers_pkwtt": "70",
        "workforce_reported_on": "2026-02-01", "contact_name": "Bu Ani (HRD)"
    });
    let res =
        client.post(app.url("/api/v1/companies")).header("x-csrf-token", csrf).json(&body).send().await.expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_string()
}

async fn post_json(app: &TestApp, client: &Client, path: &str, body: Value) -> reqwest::Response {
    let csrf = app.csrf(client).await;
    client.post(app.url(path)).header("x-csrf-token", csrf).json(&body).send().await.expect("post")
}

async fn compliance(app: &TestApp, client: &Client, id: &str, date: &str) -> Value {
    let res = app.get(client, &format!("/api/v1/companies/{id}/compliance?date={date}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("json")
}

const MEMBERS: &str = "Budi; pengusaha; ketua\nSari; pengusaha; anggota\nTono; pengusaha; anggota\n\
                       Wati; pekerja; wakil_ketua\nJoko; pekerja; sekretaris\nRina; pekerja; anggota";

async fn an_lks_is_notified_recorded_meets_and_reports(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let office = app.browser_for(&officer).await;
    let id = company(&app, &office, "PT Alfa Pangan", "9120000000011").await;
    let alfa = app.user("perusahaan", "hrd@alfa.co.id").await;
    let res = app.post_form(&office, &format!("/perusahaan/{id}/perwakilan"), &[("email", "hrd@alfa.co.id")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let rep = app.browser_for(&alfa).await;

    // Formed on Monday 2 June 2025, a paper notification received on 15 July 2025.
    let res = post_json(
        &app,
        &office,
        &format!("/api/v1/companies/{id}/lks-bipartit"),
        json!({"formed_on": "2025-06-02", "notified_on": "2025-07-15", "members": MEMBERS}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let lks = res.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_string();

    let c = compliance(&app, &office, &id, "2026-03-02").await;
    let l = &c["lks"][0];
    // 14 working days from 2 June 2025 pass over Idul Adha (6 June), the weekend and the
    // cuti bersama of 9 June: the last day was Tuesday 24 June.
    assert_eq!(l["notification_due"], "2025-06-24");
    assert_eq!(l["notification_legal_basis"], "Permenakertrans 32/2008");
    assert!(l["notified_late_by_working_days"].as_i64().expect("late") > 0, "{l}");
    assert_eq!(c["lks_bipartit"]["status"], "missing", "notified but not yet recorded");
    assert_eq!(l["missing_reports"], json!(["2025-I", "2025-II"]));
    assert_eq!(l["meeting_overdue"], true, "no meeting since the formation");
    let (_, page) = app.get_text(&office, &format!("/perusahaan/{id}/kepatuhan")).await;
    assert!(page.contains("terlambat") && page.contains("Permenakertrans 32/2008"), "the page explains the clock");
    assert!(page.contains("Laporan belum diterima: 2025-I, 2025-II"));

    // Only the office issues the bukti pencatatan.
    let reg = json!({"registration_number": "568/77/LKS-Bip/2026", "registered_on": "2026-02-20"});
    let path = format!("/api/v1/companies/{id}/lks-bipartit/{lks}/registration");
    assert_eq!(post_json(&app, &rep, &path, reg.clone()).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(post_json(&app, &office, &path, reg.clone()).await.status(), StatusCode::CREATED);
    assert_eq!(post_json(&app, &office, &path, reg).await.status(), StatusCode::CONFLICT, "recorded once");
    let c = compliance(&app, &office, &id, "2026-03-02").await;
    assert_eq!(c["lks_bipartit"]["status"], "met");
    assert_eq!(c["lks_bipartit"]["since"], "2026-02-20");

    // The representative records a meeting with its minutes through the page.
    let meeting_path = format!("/perusahaan/{id}/lks/{lks}/rapat");
    let res = post_multipart(
        &app,
        &rep,
        &meeting_path,
        &[("held_on", "2026-02-27"), ("agenda", "Evaluasi lembur dan jadwal shift")],
        Some(("<script>.pdf", b"<html><script>alert(1)</script>")),
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "a file that is not a document is refused");
    assert!(res.text().await.expect("body").contains("Jenis berkas tidak diterima"));
    let res = post_multipart(
        &app,
        &rep,
        &meeting_path,
        &[("held_on", "2025-05-30"), ("agenda", "Rapat sebelum pembentukan")],
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("sebelum LKS Bipartit dibentuk"));
    let c = compliance(&app, &office, &id, "2026-03-02").await;
    assert_eq!(c["lks"][0]["meetings"], json!([]), "refused meetings left nothing");

    let res = post_multipart(
        &app,
        &rep,
        &meeting_path,
        &[("held_on", "2026-02-27"), ("agenda", "Evaluasi lembur dan jadwal shift")],
        Some(("Notulen Februari.pdf", PDF)),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let c = compliance(&app, &office, &id, "2026-03-02").await;
    let l = &c["lks"][0];
    assert_eq!(l["meeting_overdue"], false);
    assert_eq!(l["next_meeting_due"], "2026-03-27", "monthly meetings (setting)");
    let minutes = &l["meetings"][0]["minutes"];
    assert_eq!(minutes["filename"], "Notulen Februari.pdf");
    assert_eq!(minutes["content_type"], "application/pdf");
    let doc_id = minutes["id"].as_str().expect("doc id").to_string();

    // The file is kept in the storage directory under its hash.
    let sha = minutes["sha256"].as_str().expect("sha").to_string();
    let stored = app.state.settings.storage.dir.join(&sha[0..2]).join(&sha[2..4]).join(&sha);
    assert_eq!(std::fs::read(stored).expect("stored file"), PDF);

    // Reports: only half-years that ended, not before the formation, once each.
    let report_path = format!("/api/v1/companies/{id}/lks-bipartit/{lks}/reports");
    let res = post_json(&app, &rep, &report_path, json!({"period": "2026-I", "summary": "Belum selesai"})).await;
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "period_not_ended");
    let res = post_json(&app, &rep, &report_path, json!({"period": "2024-II", "summary": "Terlalu awal"})).await;
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "period_before_formed");
    let res = post_json(
        &app,
        &office,
        &report_path,
        json!({"period": "2025-I", "received_on": "2025-08-04", "summary": "Pembentukan dan rapat perdana"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let report = res.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_string();
    let res = post_json(&app, &office, &report_path, json!({"period": "2025-I", "summary": "Dua kali"})).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let path = format!("/api/v1/companies/{id}/lks-reports/{report}/document");
    let res = api_upload(&app, &rep, &path, "laporan-2025-I.pdf", PDF).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let c = compliance(&app, &office, &id, "2026-03-02").await;
    assert_eq!(c["lks"][0]["missing_reports"], json!(["2025-II"]));
    assert_eq!(c["lks"][0]["reports"][0]["document"]["filename"], "laporan-2025-I.pdf");
    // As of 1 August 2025 the first report had not arrived yet.
    let before = compliance(&app, &office, &id, "2025-08-01").await;
    assert_eq!(before["lks"][0]["missing_reports"], json!(["2025-I"]));

    // Who may download the minutes: the company's representative and the office; not another
    // company's representative, a worker, or another office.
    for client in [&rep, &office] {
        let res = app.get(client, &format!("/berkas/{doc_id}")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(header(res.headers(), "content-disposition").starts_with("attachment;"));
        assert!(header(res.headers(), "content-security-policy").contains("sandbox"));
        assert_eq!(res.bytes().await.expect("bytes").as_ref(), PDF);
    }
    let other = company(&app, &office, "PT Beta Logam", "9120000000012").await;
    let beta_user = app.user("perusahaan", "hrd@beta.co.id").await;
    app.post_form(&office, &format!("/perusahaan/{other}/perwakilan"), &[("email", "hrd@beta.co.id")]).await;
    let beta = app.browser_for(&beta_user).await;
    let worker = app.browser_for(&app.user("pekerja", "buruh@example.com").await).await;
    let elsewhere = app.browser_for(&app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await).await;
    for client in [&beta, &worker, &elsewhere] {
        assert_eq!(app.get(client, &format!("/berkas/{doc_id}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.get(client, &format!("/api/v1/documents/{doc_id}")).await.status(), StatusCode::NOT_FOUND);
    }
    // Nor may another company's representative add to this LKS.
    let res =
        post_multipart(&app, &beta, &meeting_path, &[("held_on", "2026-02-28"), ("agenda", "Bukan urusan kami")], None)
            .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let actions = app.audit_actions(&app.office_id("3275"), &id).await;
    for expected in ["company.lks_add", "company.lks_register", "company.lks_meeting_add", "company.lks_report_add"] {
        assert_eq!(actions.iter().filter(|a| *a == expected).count(), 1, "{expected}: {actions:?}");
    }
    assert_eq!(actions.iter().filter(|a| *a == "document.upload").count(), 2, "minutes and report: {actions:?}");
}

async fn a_wage_scale_document_is_uploaded_and_replaced(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let office = app.browser_for(&officer).await;
    let id = company(&app, &office, "PT Gamma Tekstil", "9120000000013").await;
    let res = post_json(
        &app,
        &office,
        &format!("/api/v1/companies/{id}/wage-scales"),
        json!({"effective_on": "2026-01-01", "workers_informed": true, "grades": "I; Operator; 5.999.443; 6.500.000"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let scale = res.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_string();
    let path = format!("/perusahaan/{id}/dokumen/skala-upah/{scale}");
    let res = post_multipart(&app, &office, &path, &[], Some(("kosong.pdf", b""))).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("Berkas kosong"));
    let big = vec![b'%'; 10 * 1024 * 1024 + 1];
    let res = post_multipart(&app, &office, &path, &[], Some(("besar.pdf", &big))).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("lebih dari 10 MB"));
    let c = compliance(&app, &office, &id, "2026-03-02").await;
    assert_eq!(c["wage_scales"][0]["document"], Value::Null, "refused uploads left nothing");

    let res = post_multipart(&app, &office, &path, &[], Some(("C:\\Dokumen\\Skala Upah 2026.pdf", PDF))).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let signed = b"%PDF-1.7 signed version";
    let res = post_multipart(&app, &office, &path, &[], Some(("Skala Upah 2026 (ttd).pdf", signed))).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let c = compliance(&app, &office, &id, "2026-03-02").await;
    let doc = &c["wage_scales"][0]["document"];
    assert_eq!(doc["filename"], "Skala Upah 2026 (ttd).pdf", "the newest upload is shown");
    let res = app.get(&office, doc["href"].as_str().expect("href")).await;
    assert_eq!(res.bytes().await.expect("bytes").as_ref(), signed);
    let (_, page) = app.get_text(&office, &format!("/perusahaan/{id}/kepatuhan")).await;
    assert!(page.contains("Skala Upah 2026 (ttd).pdf"));
    let actions = app.audit_actions(&app.office_id("3275"), &id).await;
    assert_eq!(actions.iter().filter(|a| *a == "document.upload").count(), 2, "both uploads on record");
}

both_backends!(an_lks_is_notified_recorded_meets_and_reports, a_wage_scale_document_is_uploaded_and_replaced);
