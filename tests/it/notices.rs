//! Strike and lock-out notices (lead time in working days, missing content, receipts, the
//! protected sectors, facilitation to a PB) and PHK reports (notice periods, NIK checks, who
//! sees a NIK), on both backends.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

const NIB_ALFA: &str = "9120001234567";
const NIB_BETA: &str = "9120007654321";
const NIB_RS: &str = "9120005550001";

async fn company(app: &TestApp, client: &Client, name: &str, nib: &str, kbli: &str) -> String {
    let body = json!({
        "name": name, "legal_form": "pt", "nib": nib, "kbli_code": kbli, "address": "Jl. Industri No. 1",
        "kecamatan_code": "32.75.09", "kelurahan": "Jatiasih", "footprint": "kota", "size_class": "menengah",
        "workers_male": "60", "workers_female": "40", "workers_pkwt": "30", "workers_pkwtt": "70",
        "workforce_reported_on": "2026-02-01", "contact_name": "Bu Ani (HRD)"
    });
    let res = api_post(app, client, "/api/v1/companies", &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_string()
}

async fn api_post(app: &TestApp, client: &Client, path: &str, body: &Value) -> reqwest::Response {
    let csrf = app.csrf(client).await;
    client.post(app.url(path)).header("x-csrf-token", csrf).json(body).send().await.expect("post")
}

async fn json_of(app: &TestApp, client: &Client, path: &str) -> Value {
    let res = app.get(client, path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.json().await.expect("json")
}

/// Links a representative account (made with `app.user`) to a company.
async fn link(app: &TestApp, officer: &Client, company_id: &str, email: &str) {
    let res =
        api_post(app, officer, &format!("/api/v1/companies/{company_id}/representatives"), &json!({"email": email}))
            .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

/// A complete strike notice for the form, starting on a day with enough notice.
fn strike(nib: &str, starts_at: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "mogok".into()),
        ("nib", nib.into()),
        ("giver_name", "PUK SPAMK FSPMI PT Alfa Logam".into()),
        ("signatories", "Sutrisno Hadi; ketua\nNur Aini; sekretaris".into()),
        ("starts_at", starts_at.into()),
        ("ends_at", "2026-03-20T17:00".into()),
        ("place", "Halaman pabrik PT Alfa Logam".into()),
        ("reasons", "Upah lembur tidak dibayar sesuai ketentuan.".into()),
    ]
}

async fn post_notice(app: &TestApp, client: &Client, fields: &[(&str, String)]) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(client, "/pemberitahuan", &fields).await
}

fn with(mut fields: Vec<(&'static str, String)>, key: &'static str, value: &str) -> Vec<(&'static str, String)> {
    fields.retain(|(k, _)| *k != key);
    fields.push((key, value.into()));
    fields
}

async fn notice_id(res: reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap_or_default());
    location(&res).trim_start_matches("/pemberitahuan/").to_string()
}

async fn a_short_strike_notice_is_flagged_with_its_due_date_across_a_holiday(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let alfa = company(&app, &client, "PT Alfa Logam", NIB_ALFA, "24310").await;
    app.user("perusahaan", "hrd@alfa.co.id").await;
    link(&app, &client, &alfa, "hrd@alfa.co.id").await;

    // A paper notice handed in on Tuesday 10 February for a strike on Friday 20 February: 7
    // working days back from the 20th skip Imlek (16 and 17 February), so the last day was
    // Monday 9 February. Counting weekends only, it would have been the 11th, and on time.
    let fields = with(strike(NIB_ALFA, "2026-02-20T07:00"), "received_at", "2026-02-10T09:30");
    let fields = with(fields, "ends_at", "2026-02-21T17:00");
    let id = notice_id(post_notice(&app, &client, &fields).await).await;
    let (status, page) = app.get_text(&client, &format!("/pemberitahuan/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Kurang dari 7 hari kerja: diterima 6 hari kerja sebelum mulai"), "{page}");
    assert!(page.contains("Senin, 9 Februari 2026"), "the last day to give notice is stated");
    assert!(page.contains("Selasa, 10 Februari 2026 pukul 09.30 WIB"), "received on the day and hour typed");
    assert!(page.contains("UU 13/2003 Pasal 140 ayat (1)"), "the legal basis");
    assert!(
        page.contains("Tahun Baru Imlek") && page.contains("Cuti bersama Tahun Baru Imlek"),
        "skipped days explained"
    );
    assert!(page.contains("badge bad") && page.contains("diterima, belum difasilitasi"), "flag and status in words");
    let notice = json_of(&app, &client, &format!("/api/v1/stoppage-notices/{id}")).await;
    assert_eq!(notice["notice_due_on"], "2026-02-09");
    assert_eq!(notice["short_notice"], true);
    assert_eq!(notice["notice_period"]["lead_working_days"], 6);
    let skipped: Vec<&str> = notice["notice_period"]["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .filter_map(|s| s["date"].as_str())
        .collect();
    assert!(skipped.contains(&"2026-02-16") && skipped.contains(&"2026-02-17"), "{skipped:?}");

    // Received today (Monday 2 March, 08.00) for Thursday 12 March: the last day is Tuesday 3 March.
    let on_time = notice_id(post_notice(&app, &client, &strike(NIB_ALFA, "2026-03-12T07:00")).await).await;
    let notice = json_of(&app, &client, &format!("/api/v1/stoppage-notices/{on_time}")).await;
    assert_eq!((notice["notice_due_on"].as_str(), notice["short_notice"].as_bool()), (Some("2026-03-03"), Some(false)));
    assert_eq!(notice["received_at"], "2026-03-02T01:00:00Z", "an empty time of receipt is now");
    let (_, page) = app.get_text(&client, &format!("/pemberitahuan/{on_time}")).await;
    assert!(page.contains("Memenuhi 7 hari kerja") && page.contains("Senin, 2 Maret 2026 pukul 08.00 WIB"));

    // The list flags it in words; the company's representative was told by email.
    let (_, list) = app.get_text(&client, "/pemberitahuan").await;
    assert_eq!(list.matches("kurang dari 7 hari kerja").count(), 1, "only the short one is flagged");
    let (_, short_only) = app.get_text(&client, "/pemberitahuan?jenis=mogok&tahun=2026&status=diterima").await;
    assert!(short_only.contains("PT Alfa Logam"));
    let mail: Vec<_> =
        app.mail_to("hrd@alfa.co.id").await.into_iter().filter(|m| m.template == "status_changed").collect();
    assert_eq!(mail.len(), 2, "one message per notice");
    assert!(mail[0].body_text.contains("mogok kerja PT Alfa Logam") && mail[0].body_text.contains("/pemberitahuan/"));
    assert_eq!(app.audit_actions(&officer.office_id, &id).await, vec!["notice.create"]);
}

async fn missing_content_is_flagged_and_bad_input_is_refused(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    company(&app, &client, "PT Alfa Logam", NIB_ALFA, "24310").await;

    let bare = vec![
        ("kind", "mogok".to_string()),
        ("nib", NIB_ALFA.to_string()),
        ("giver_name", "Koordinator pekerja bagian las".to_string()),
        ("starts_at", "2026-03-16T07:00".to_string()),
        ("ends_at", "2026-03-16T06:00".to_string()),
    ];
    let id = notice_id(post_notice(&app, &client, &bare).await).await;
    let (_, page) = app.get_text(&client, &format!("/pemberitahuan/{id}")).await;
    for flag in [
        "Tidak ada tanda tangan",
        "Tempat tidak disebutkan",
        "Alasan tidak disebutkan",
        "Waktu berakhir sebelum waktu mulai",
    ] {
        assert!(page.contains(flag), "{flag}");
    }
    let notice = json_of(&app, &client, &format!("/api/v1/stoppage-notices/{id}")).await;
    assert_eq!(
        notice["missing_content"],
        json!(["tanpa_tanda_tangan", "tanpa_tempat", "tanpa_alasan", "berakhir_sebelum_mulai"])
    );
    let only_chair = with(strike(NIB_ALFA, "2026-03-16T07:00"), "signatories", "Sutrisno Hadi; ketua");
    let chair = notice_id(post_notice(&app, &client, &only_chair).await).await;
    let (_, page) = app.get_text(&client, &format!("/pemberitahuan/{chair}")).await;
    assert!(page.contains("Tidak ditandatangani ketua dan sekretaris serikat pekerja"));

    // Refused, with the reason, and nothing saved.
    let cases = [
        (with(strike(NIB_BETA, "2026-03-16T07:00"), "nib", NIB_BETA), "tidak terdaftar di register kantor ini"),
        (with(strike(NIB_ALFA, ""), "starts_at", "besok pagi"), "TTTT-BB-HH JJ:MM"),
        (with(strike(NIB_ALFA, ""), "starts_at", ""), "Tulis tanggal dan jam mulai"),
        (with(strike(NIB_ALFA, "2026-03-16T07:00"), "received_at", "2026-03-03T08:00"), "tidak boleh di masa depan"),
        (with(strike(NIB_ALFA, "2026-03-16T07:00"), "kind", "demo"), "Pilih jenis pemberitahuan"),
        (with(strike(NIB_ALFA, "2026-03-16T07:00"), "giver_name", ""), "Pilih serikat pekerja yang memberitahukan"),
    ];
    for (fields, message) in &cases {
        let res = post_notice(&app, &client, fields).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{message}");
        let page = res.text().await.expect("body");
        assert!(page.contains(message), "{message}");
        assert!(page.contains("Ada yang perlu diperbaiki"), "the error summary");
    }
    let res = api_post(
        &app,
        &client,
        "/api/v1/stoppage-notices",
        &json!({"kind": "mogok", "nib": NIB_ALFA, "giver_name": "X", "starts_at": "16-03-2026"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(header(res.headers(), "content-type"), "application/problem+json");
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "invalid_datetime");
    let list = json_of(&app, &client, "/api/v1/stoppage-notices").await;
    assert_eq!(list["total"], 2, "only the two flagged notices were saved");
    let mut numbers: Vec<&str> =
        list["items"].as_array().expect("items").iter().filter_map(|n| n["receipt_number"].as_str()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, vec!["565/001/TT-HI/2026", "565/002/TT-HI/2026"], "refusals took no number");
}

async fn receipt_numbers_increase_and_never_repeat(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    company(&app, &client, "PT Alfa Logam", NIB_ALFA, "24310").await;
    let body = |starts: &str| {
        json!({"kind": "mogok", "nib": NIB_ALFA, "giver_name": "PUK SPAMK FSPMI", "signatories": "Sutrisno; ketua\nNur Aini; sekretaris",
               "starts_at": starts, "ends_at": "2026-03-31T17:00", "place": "Pabrik", "reasons": "Upah"})
    };
    let mut numbers = Vec::new();
    for starts in ["2026-03-16T07:00", "2026-03-17T07:00", "bukan tanggal", "2026-03-25T07:00"] {
        let res = api_post(&app, &client, "/api/v1/stoppage-notices", &body(starts)).await;
        if res.status() == StatusCode::CREATED {
            numbers
                .push(res.json::<Value>().await.expect("json")["receipt_number"].as_str().expect("number").to_string());
        } else {
            let status = res.status();
            assert!(
                status == StatusCode::BAD_REQUEST && starts == "bukan tanggal",
                "{starts}: {}",
                res.text().await.unwrap_or_default()
            );
        }
    }
    assert_eq!(numbers, vec!["565/001/TT-HI/2026", "565/002/TT-HI/2026", "565/003/TT-HI/2026"]);
    // A paper notice received last year takes last year's sequence.
    let mut old = body("2026-01-12T07:00");
    old["received_at"] = json!("2025-12-30T10:15");
    let res = api_post(&app, &client, "/api/v1/stoppage-notices", &old).await;
    assert_eq!(res.json::<Value>().await.expect("json")["receipt_number"], "565/001/TT-HI/2025");
    let res = api_post(&app, &client, "/api/v1/stoppage-notices", &body("2026-03-26T07:00")).await;
    let last: Value = res.json().await.expect("json");
    assert_eq!(last["receipt_number"], "565/004/TT-HI/2026", "the 2026 sequence went on where it was");

    // Another office numbers its own receipts.
    let other = app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await;
    let kab = app.browser_for(&other).await;
    company(&app, &kab, "PT Alfa Logam Cikarang", NIB_ALFA, "24310").await;
    let res = api_post(&app, &kab, "/api/v1/stoppage-notices", &body("2026-03-16T07:00")).await;
    assert_eq!(res.json::<Value>().await.expect("json")["receipt_number"], "565/001/TT-HI/2026");

    // The printable receipt: letterhead, number, day, date and hour in Indonesian.
    let id = last["id"].as_str().expect("id");
    let (status, receipt) = app.get_text(&client, &format!("/pemberitahuan/{id}/tanda-terima")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(receipt.contains("PEMERINTAH KOTA BEKASI") && receipt.contains("DINAS TENAGA KERJA"), "letterhead");
    assert!(receipt.contains("TANDA TERIMA") && receipt.contains("565/004/TT-HI/2026"));
    assert!(receipt.contains("Senin, 2 Maret 2026 pukul 08.00 WIB"), "day, date and hour of receipt");
    assert!(receipt.contains("Kamis, 26 Maret 2026 pukul 07.00 WIB"), "the start");
    assert!(!receipt.contains("site-header"), "a document, without the application's navigation");
    assert_eq!(app.get(&kab, &format!("/pemberitahuan/{id}/tanda-terima")).await.status(), StatusCode::NOT_FOUND);
}

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

async fn a_strike_is_facilitated_to_a_perjanjian_bersama(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let alfa = company(&app, &client, "PT Alfa Logam", NIB_ALFA, "24310").await;
    let rep_user = app.user("perusahaan", "hrd@alfa.co.id").await;
    link(&app, &client, &alfa, "hrd@alfa.co.id").await;
    let mut fields = strike(NIB_ALFA, "2026-03-12T07:00");
    fields.push(("received_at", "2026-02-25T08:00".into()));
    let id = notice_id(post_notice(&app, &client, &fields).await).await;

    // A PB cannot be recorded before any facilitation.
    let res =
        api_post(&app, &client, &format!("/api/v1/stoppage-notices/{id}/outcome"), &json!({"outcome": "pb"})).await;
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "pb_without_facilitation");

    let path = format!("/pemberitahuan/{id}/fasilitasi");
    let meeting = [
        ("held_on", "2026-02-27"),
        ("attendees", "Sutrisno Hadi (PUK), Andi Wijaya (HRD), Hendra (Disnaker)"),
        ("notes", "Para pihak sepakat berunding lagi Senin."),
    ];
    let res = post_multipart(&app, &client, &path, &[("held_on", "2026-02-20"), ("attendees", "x y z")], None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "not before the notice was received");
    assert!(res.text().await.expect("body").contains("sebelum pemberitahuan diterima"));
    let res = post_multipart(&app, &client, &path, &meeting, Some(("Notulen fasilitasi.pdf", PDF))).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.get_text(&client, &format!("/pemberitahuan/{id}")).await;
    assert!(page.contains("dalam fasilitasi") && page.contains("Jumat, 27 Februari 2026"));
    assert!(page.contains("Notulen fasilitasi.pdf"), "the minutes are linked");

    // Settled: a PB witnessed by the officer, with its document.
    let res = post_multipart(
        &app,
        &client,
        &format!("/pemberitahuan/{id}/hasil"),
        &[("outcome", "pb"), ("outcome_on", "2026-03-02"), ("note", "Upah lembur dibayar dua tahap.")],
        Some(("PB PT Alfa Logam.pdf", PDF)),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.get_text(&client, &format!("/pemberitahuan/{id}")).await;
    assert!(page.contains("selesai dengan Perjanjian Bersama") && page.contains("badge good"));
    assert!(page.contains("disaksikan oleh Pengguna petugas"), "the officer is the witness");
    assert!(page.contains("PB PT Alfa Logam.pdf"));
    assert!(!page.contains("Catat rapat fasilitasi"), "a closed notice offers no forms");
    let res = api_post(
        &app,
        &client,
        &format!("/api/v1/stoppage-notices/{id}/facilitations"),
        &json!({"held_on": "2026-03-02", "attendees": "Para pihak"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "notice_closed");

    // It counts as a dispute prevented, in the list filter and the count per year.
    let (_, list) = app.get_text(&client, "/pemberitahuan?dicegah=1").await;
    assert!(list.contains("PT Alfa Logam") && list.contains("Tahun 2026: <strong>1</strong>"), "{list}");
    let api = json_of(&app, &client, "/api/v1/stoppage-notices?prevented=true").await;
    assert_eq!(
        (api["total"].as_i64(), api["prevented_per_year"].clone()),
        (Some(1), json!([{"year": 2026, "count": 1}]))
    );
    let api = json_of(&app, &client, "/api/v1/stoppage-notices?status=pb").await;
    assert_eq!(api["items"][0]["status"], "pb");

    // Not settled needs a note on where the dispute goes.
    let other = notice_id(post_notice(&app, &client, &strike(NIB_ALFA, "2026-03-13T07:00")).await).await;
    api_post(
        &app,
        &client,
        &format!("/api/v1/stoppage-notices/{other}/facilitations"),
        &json!({"held_on": "2026-03-02", "attendees": "Para pihak"}),
    )
    .await;
    let outcome = format!("/api/v1/stoppage-notices/{other}/outcome");
    let res = api_post(&app, &client, &outcome, &json!({"outcome": "tidak_sepakat"})).await;
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "note_required");
    let res = api_post(
        &app,
        &client,
        &outcome,
        &json!({"outcome": "tidak_sepakat", "note": "Dicatatkan sebagai perselisihan kepentingan."}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.expect("json");
    assert_eq!((body["status"].as_str(), body["case_id"].clone()), (Some("tidak_sepakat"), Value::Null));
    let api = json_of(&app, &client, "/api/v1/stoppage-notices?prevented=true").await;
    assert_eq!(api["total"], 1, "a dispute that went on was not prevented");

    let mut actions = app.audit_actions(&officer.office_id, &id).await;
    actions.sort();
    assert_eq!(
        actions,
        vec!["document.upload", "document.upload", "notice.create", "notice.facilitation", "notice.outcome"]
    );
    let mail = app.mail_to("hrd@alfa.co.id").await;
    assert!(
        mail.iter().any(|m| m.subject.contains("selesai dengan Perjanjian Bersama")),
        "the representative is told of the settlement"
    );
    // The company's representative reads it; may not change it.
    let rep = app.browser_for(&rep_user).await;
    let (status, page) = app.get_text(&rep, &format!("/pemberitahuan/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("selesai dengan Perjanjian Bersama"));
    let res = api_post(
        &app,
        &rep,
        &format!("/api/v1/stoppage-notices/{other}/facilitations"),
        &json!({"held_on": "2026-03-02", "attendees": "x y z"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

async fn a_lockout_in_a_protected_sector_is_flagged(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let hospital = company(&app, &client, "PT Rumah Sakit Sehat Sentosa", NIB_RS, "86103").await;
    let beta = company(&app, &client, "PT Beta Pangan", NIB_BETA, "10792").await;
    let rep_user = app.user("perusahaan", "direksi@rssehat.co.id").await;
    link(&app, &client, &hospital, "direksi@rssehat.co.id").await;
    let rep = app.browser_for(&rep_user).await;

    let (status, form) = app.get_text(&rep, "/pemberitahuan/baru").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("PT Rumah Sakit Sehat Sentosa") && !form.contains("PT Beta Pangan"), "own companies only");
    assert!(!form.contains(r#"name="received_at""#), "an online notice is received when it is sent");
    let fields = [
        ("kind", "penutupan"),
        ("company_id", hospital.as_str()),
        ("signatories", "dr. Ratna Sari; Direktur Utama"),
        ("starts_at", "2026-03-16T07:00"),
        ("ends_at", "2026-03-18T17:00"),
        ("place", "Gedung rawat jalan"),
        ("reasons", "Pekerja menolak jadwal jaga baru."),
    ];
    let res = app.post_form(&rep, "/pemberitahuan", &fields).await;
    let id = notice_id(res).await;
    let (_, page) = app.get_text(&rep, &format!("/pemberitahuan/{id}")).await;
    assert!(page.contains("Penutupan perusahaan tidak dibolehkan pada sektor Rumah sakit (KBLI 86103"), "{page}");
    assert!(page.contains("disampaikan daring") && page.contains("Senin, 2 Maret 2026 pukul 08.00 WIB"));
    let notice = json_of(&app, &rep, &format!("/api/v1/stoppage-notices/{id}")).await;
    assert_eq!(notice["protected_sector"], "Rumah sakit");
    assert_eq!(
        (notice["giver_name"].as_str(), notice["submitted_online"].as_bool()),
        (Some("PT Rumah Sakit Sehat Sentosa"), Some(true))
    );
    assert_eq!(notice["short_notice"], false);

    // A representative gives no strike notice and nothing for another company.
    let mut strike_body =
        json!({"kind": "mogok", "company_id": hospital, "giver_name": "PUK", "starts_at": "2026-03-16T07:00"});
    let res = api_post(&app, &rep, "/api/v1/stoppage-notices", &strike_body).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    strike_body["kind"] = json!("penutupan");
    strike_body["company_id"] = json!(beta);
    let res = api_post(&app, &rep, "/api/v1/stoppage-notices", &strike_body).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "unknown_company");

    // A lock-out outside the protected sectors is not flagged.
    let res = api_post(
        &app,
        &client,
        "/api/v1/stoppage-notices",
        &json!({"kind": "penutupan", "nib": NIB_BETA, "signatories": "Budi; Direktur", "starts_at": "2026-03-16T07:00",
                "ends_at": "2026-03-17T07:00", "place": "Pabrik", "reasons": "Perlambatan kerja"}),
    )
    .await;
    let body: Value = res.json().await.expect("json");
    assert_eq!((body["protected_sector"].clone(), body["missing_content"].clone()), (Value::Null, json!([])));
    // The representative sees only the hospital's notice.
    let list = json_of(&app, &rep, "/api/v1/stoppage-notices").await;
    assert_eq!(list["total"], 1);
    assert_eq!(
        app.get(&rep, &format!("/pemberitahuan/{}", body["id"].as_str().expect("id"))).await.status(),
        StatusCode::NOT_FOUND
    );
    let told =
        app.mail_to("direksi@rssehat.co.id").await.into_iter().filter(|m| m.template == "status_changed").count();
    assert_eq!(told, 0, "no message about what they sent themselves");
}

/// Workers as typed on the PHK form (dates relative to the test clock, Monday 2 March 2026).
const WORKERS: &str = "Ahmad Fauzi; 3275011205900001; Operator produksi; 2019-04-01; 2026-03-20; 2026-02-26; tidak
Budi Santoso; 3275021508880002; Teknisi mesin; 2018-01-02; 2026-03-20; 2026-02-27; tidak
Siti Rahma; 3275025508950003; Staf gudang; 2026-01-05; 2026-03-20; 2026-03-02; ya
Dewi Lestari; 3216034101990004; Staf administrasi; 2026-01-05; 2026-03-10; 2026-03-02; ya
Eko Prasetyo; 3275011010850005; Pengemudi; 2015-06-01; 2026-03-20; tidak; tidak";

async fn phk_notice_periods_are_checked_in_working_days(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    company(&app, &client, "PT Alfa Logam", NIB_ALFA, "24310").await;
    let res = app
        .post_form(
            &client,
            "/laporan-phk",
            &[
                ("nib", NIB_ALFA),
                ("reason_category", "efisiensi"),
                ("reason_text", "Satu lini produksi ditutup."),
                ("workers", WORKERS),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id = location(&res).trim_start_matches("/laporan-phk/").to_string();
    let report = json_of(&app, &client, &format!("/api/v1/phk-reports/{id}")).await;
    let checks: Vec<(&str, &str, &str)> = report["workers"]
        .as_array()
        .expect("workers")
        .iter()
        .map(|w| {
            (
                w["name"].as_str().unwrap_or(""),
                w["notice_due_on"].as_str().unwrap_or(""),
                w["notice_check"].as_str().unwrap_or(""),
            )
        })
        .collect();
    // 14 working days before Friday 20 March pass over Nyepi and its cuti bersama (18-19 March):
    // the last day was Thursday 26 February, not Monday 2 March. In probation 7 days: 9 March.
    assert_eq!(
        checks,
        vec![
            ("Ahmad Fauzi", "2026-02-26", "on_time"),
            ("Budi Santoso", "2026-02-26", "late"),
            ("Siti Rahma", "2026-03-09", "on_time"),
            ("Dewi Lestari", "2026-02-27", "late"),
            ("Eko Prasetyo", "2026-02-26", "missing"),
        ]
    );
    let (_, page) = app.get_text(&client, &format!("/laporan-phk/{id}")).await;
    assert!(page.contains("Paling lambat Kamis, 26 Februari 2026") && page.contains("PP 35/2021 Pasal 37 ayat (3)"));
    assert!(page.contains("kurang dari tenggang waktu") && page.contains("tanpa pemberitahuan tertulis"));
    assert!(page.contains("(masa percobaan)"));
    let (_, list) = app.get_text(&client, "/laporan-phk").await;
    assert!(list.contains("3 tidak memenuhi"), "the list counts the flagged workers");

    // A resignation needs no notice from the employer.
    let res = api_post(
        &app,
        &client,
        "/api/v1/phk-reports",
        &json!({"nib": NIB_ALFA, "reason_category": "mengundurkan_diri", "workers": [
            {"name": "Rudi Hartono", "nik": "3275011010850006", "job_title": "Operator", "started_on": "2020-01-06", "terminated_on": "2026-02-27"}
        ]}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.json::<Value>().await.expect("json")["workers"][0]["notice_check"], "not_required");
    let audit = app.audit_actions(&officer.office_id, &id).await;
    assert_eq!(audit, vec!["phk_report.create"]);
}

async fn niks_are_checked_masked_and_shown_only_to_those_allowed(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let alfa = company(&app, &client, "PT Alfa Logam", NIB_ALFA, "24310").await;
    let beta = company(&app, &client, "PT Beta Pangan", NIB_BETA, "10792").await;
    let alfa_rep = app.user("perusahaan", "hrd@alfa.co.id").await;
    let beta_rep = app.user("perusahaan", "hrd@beta.co.id").await;
    link(&app, &client, &alfa, "hrd@alfa.co.id").await;
    link(&app, &client, &beta, "hrd@beta.co.id").await;

    let line = |nik: &str| format!("Ahmad Fauzi; {nik}; Operator produksi; 2019-04-01; 2026-03-20; 2026-02-26; tidak");
    for (nik, message) in [
        ("3275011205900000", "Pekerja 1 (Ahmad Fauzi): Nomor urut pada NIK (empat angka terakhir) tidak boleh 0000."),
        ("327501120590001", "Pekerja 1 (Ahmad Fauzi): NIK harus 16 angka; yang tertulis 15 angka."),
        ("3275013213900001", "Pekerja 1 (Ahmad Fauzi): Tanggal lahir pada NIK"),
        ("3275001205900001", "Pekerja 1 (Ahmad Fauzi): Kode kecamatan pada NIK"),
        ("32750112059O0001", "Pekerja 1 (Ahmad Fauzi): NIK hanya berisi angka."),
    ] {
        let res = app
            .post_form(
                &client,
                "/laporan-phk",
                &[("nib", NIB_ALFA), ("reason_category", "efisiensi"), ("workers", &line(nik))],
            )
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{nik}");
        let page = res.text().await.expect("body");
        assert!(page.contains(message), "{nik}: {message}");
        assert!(page.contains(r##"href="#f-workers""##) && page.contains(nik), "the summary links to the typed lines");
    }
    let res = api_post(
        &app,
        &client,
        "/api/v1/phk-reports",
        &json!({"nib": NIB_ALFA, "reason_category": "efisiensi", "workers": [
            {"name": "A B", "nik": "3275011205900001", "job_title": "Operator", "started_on": "2019-04-01", "terminated_on": "2026-03-20"},
            {"name": "C D", "nik": "3275 0112 0590 0001", "job_title": "Operator", "started_on": "2019-04-01", "terminated_on": "2026-03-20"}
        ]}),
    )
    .await;
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "duplicate_nik");
    assert_eq!(json_of(&app, &client, "/api/v1/phk-reports").await["total"], 0, "nothing was saved");

    // Recorded by the company's own representative, online.
    let rep = app.browser_for(&alfa_rep).await;
    let (_, form) = app.get_text(&rep, "/laporan-phk/baru").await;
    assert!(form.contains("PT Alfa Logam") && !form.contains("PT Beta Pangan"));
    let res = app
        .post_form(
            &rep,
            "/laporan-phk",
            &[("company_id", &alfa), ("reason_category", "efisiensi"), ("workers", &line("3275011205900001"))],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let path = location(&res);
    let id = path.trim_start_matches("/laporan-phk/").to_string();

    // Masked in every list, whole on the report for the office and the company's own people.
    for c in [&client, &rep] {
        let (_, list) = app.get_text(c, "/laporan-phk").await;
        assert!(list.contains("Ahmad Fauzi (3275********0001)") && !list.contains("3275011205900001"));
        let api = json_of(&app, c, "/api/v1/phk-reports").await;
        assert_eq!(api["items"][0]["workers"][0]["nik"], "3275********0001");
        let (status, page) = app.get_text(c, &path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("3275011205900001"));
        assert_eq!(
            json_of(&app, c, &format!("/api/v1/phk-reports/{id}")).await["workers"][0]["nik"],
            "3275011205900001"
        );
    }
    let mediator = app.browser_for(&app.user("mediator", "mediator@bekasikota.go.id").await).await;
    assert_eq!(app.get(&mediator, &path).await.status(), StatusCode::OK, "mediators read");
    let res = app
        .post_form(
            &mediator,
            "/laporan-phk",
            &[("nib", NIB_ALFA), ("reason_category", "efisiensi"), ("workers", &line("3275011205900001"))],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "but do not record");

    // Another company's representative and another office find nothing; workers are refused.
    let other_rep = app.browser_for(&beta_rep).await;
    let elsewhere = app.browser_for(&app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await).await;
    for c in [&other_rep, &elsewhere] {
        assert_eq!(app.get(c, &path).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.get(c, &format!("/api/v1/phk-reports/{id}")).await.status(), StatusCode::NOT_FOUND);
        let (_, list) = app.get_text(c, "/laporan-phk").await;
        assert!(!list.contains("Ahmad Fauzi") && !list.contains("3275********0001"), "not even masked");
    }
    let worker = app.browser_for(&app.user("pekerja", "pekerja@contoh.co.id").await).await;
    for p in ["/laporan-phk", path.as_str(), "/laporan-phk/baru", "/pemberitahuan", "/pemberitahuan/baru"] {
        assert_eq!(app.get(&worker, p).await.status(), StatusCode::FORBIDDEN, "{p}");
    }
    for p in ["/api/v1/phk-reports", "/api/v1/stoppage-notices"] {
        let res = app.get(&worker, p).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{p}");
        assert_eq!(res.json::<Value>().await.expect("json")["code"], "forbidden");
    }
    let (_, home) = app.get_text(&worker, "/").await;
    assert!(!home.contains(r#"href="/laporan-phk""#), "workers have no entry");
    let (_, home) = app.get_text(&client, "/").await;
    assert!(home.contains(r#"href="/laporan-phk""#) && home.contains(r#"href="/pemberitahuan""#), "staff navigation");

    // The audit trail names the report, never a NIK.
    let rows = app.audit_actions(&officer.office_id, &id).await;
    assert_eq!(rows, vec!["phk_report.create"]);
    let (_, audit) =
        app.get_text(&app.browser_for(&app.user("admin", "admin@bekasikota.go.id").await).await, "/admin/audit").await;
    assert!(audit.contains("Laporan PHK PT Alfa Logam (daring): 1 pekerja") && !audit.contains("3275011205900001"));
}

async fn the_demo_notices_are_believable_and_seeded_once(backend: Backend) {
    let app = spawn(backend).await;
    let office = app.office_id("3275");
    let (today, now) = (app.state.today(), app.state.now());
    let settings = app.state.settings.clone();
    let seed = |office: String, settings: std::sync::Arc<harmoni::config::Settings>| {
        app.state.db.run(move |c| {
            harmoni::demo::seed(
                c,
                &office,
                120,
                &settings.regions,
                settings.umk.values().last().copied().unwrap_or(1),
                today,
                now,
            )
        })
    };
    seed(office.clone(), settings.clone()).await.expect("seeded");
    let again = app.state.db.run({
        let office = office.clone();
        move |c| harmoni::notices::demo::seed_notices(c, &office, 120, today, now)
    });
    assert_eq!(again.await.expect("seeded again"), 0, "running it again adds nothing");

    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let all = json_of(&app, &client, "/api/v1/stoppage-notices").await;
    let items = all["items"].as_array().expect("items");
    assert_eq!(items.len(), 8);
    assert_eq!(items.iter().filter(|n| n["kind"] == "mogok").count(), 6);
    assert_eq!(items.iter().filter(|n| n["short_notice"] == true).count(), 1, "one short notice");
    assert_eq!(items.iter().filter(|n| n["status"] == "pb").count(), 5, "most settled by PB");
    assert!(items.iter().all(|n| n["facilitations"].as_u64().unwrap_or(0) >= 1));
    let phk = json_of(&app, &client, "/api/v1/phk-reports").await;
    assert_eq!(phk["total"], 40);
    let (status, page) = app.get_text(&client, "/pemberitahuan").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Perselisihan yang dicegah"));
}

async fn an_unsettled_notice_opens_a_dispute_case(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let alfa = company(&app, &client, "PT Alfa Logam", NIB_ALFA, "24310").await;
    let id = notice_id(post_notice(&app, &client, &strike(NIB_ALFA, "2026-03-12T07:00")).await).await;
    let open = format!("/api/v1/stoppage-notices/{id}/case");
    let res = api_post(&app, &client, &open, &json!({"dispute_type": "kepentingan"})).await;
    assert_eq!(
        res.json::<Value>().await.expect("json")["code"],
        "notice_not_unsettled",
        "not while facilitation goes on"
    );

    api_post(
        &app,
        &client,
        &format!("/api/v1/stoppage-notices/{id}/facilitations"),
        &json!({"held_on": "2026-03-02", "attendees": "Para pihak dan Disnaker"}),
    )
    .await;
    let res = api_post(
        &app,
        &client,
        &format!("/api/v1/stoppage-notices/{id}/outcome"),
        &json!({"outcome": "tidak_sepakat", "note": "Pengusaha menolak membayar lembur."}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, page) = app.get_text(&client, &format!("/pemberitahuan/{id}")).await;
    assert!(page.contains("Lanjut ke penyelesaian perselisihan"), "the desk is offered to open the case");

    let res = app.post_form(&client, &format!("/pemberitahuan/{id}/perkara"), &[("dispute_type", "hak")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let case_path = location(&res);
    let case_id = case_path.trim_start_matches("/kasus/").to_string();
    let case = json_of(&app, &client, &format!("/api/v1/cases/{case_id}")).await;
    assert_eq!((case["status"].as_str(), case["company_id"].as_str()), (Some("draf"), Some(alfa.as_str())));
    assert_eq!(case["dispute_type"], "hak");
    assert!(case["chronology"].as_str().expect("chronology").contains("Pengusaha menolak membayar lembur."));
    assert_eq!(case["workers"][0]["full_name"], "Sutrisno Hadi", "the first signatory is the party");
    let notice = json_of(&app, &client, &format!("/api/v1/stoppage-notices/{id}")).await;
    assert_eq!(notice["case_id"], case_id.as_str());
    let res = api_post(&app, &client, &open, &json!({"dispute_type": "kepentingan"})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.json::<Value>().await.expect("json")["id"], case_id.as_str(), "opening again gives the same case");
    let (_, page) = app.get_text(&client, &format!("/pemberitahuan/{id}")).await;
    assert!(page.contains(&case_path) && !page.contains("Lanjut ke penyelesaian perselisihan"));
    assert!(app.audit_actions(&officer.office_id, &id).await.contains(&"notice.case_opened".to_string()));

    let head = app.browser_for(&app.user("pimpinan", "kabid@bekasikota.go.id").await).await;
    assert_eq!(api_post(&app, &head, &open, &json!({"dispute_type": "hak"})).await.status(), StatusCode::FORBIDDEN);
}

both_backends!(
    an_unsettled_notice_opens_a_dispute_case,
    a_short_strike_notice_is_flagged_with_its_due_date_across_a_holiday,
    missing_content_is_flagged_and_bad_input_is_refused,
    receipt_numbers_increase_and_never_repeat,
    a_strike_is_facilitated_to_a_perjanjian_bersama,
    a_lockout_in_a_protected_sector_is_flagged,
    phk_notice_periods_are_checked_in_working_days,
    niks_are_checked_masked_and_shown_only_to_those_allowed,
    the_demo_notices_are_believable_and_seeded_once,
);
