//! Dispute cases end to end through the API on a fixed clock (Monday 2 March 2026): every
//! path of DOMAIN.md section 2, the clocks that run out by themselves, who sees what, and
//! public tracking.

use chrono::Duration;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

pub(crate) struct People {
    pub(crate) officer: Client,
    pub(crate) head: Client,
    pub(crate) mediator: Client,
    pub(crate) mediator_id: String,
    pub(crate) worker: Client,
    pub(crate) worker_email: String,
    pub(crate) rep: Client,
    pub(crate) company_id: String,
    pub(crate) other_company_id: String,
}

pub(crate) async fn post_json(app: &TestApp, client: &Client, path: &str, body: Value) -> (StatusCode, Value) {
    let csrf = app.csrf(client).await;
    let res = client.post(app.url(path)).header("x-csrf-token", csrf).json(&body).send().await.expect("post");
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

pub(crate) async fn get_json(app: &TestApp, client: &Client, path: &str) -> (StatusCode, Value) {
    let res = app.get(client, path).await;
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn company(name: &str, nib: &str) -> Value {
    json!({
        "name": name, "legal_form": "pt", "nib": nib, "npwp": "01.234.567.8-901.000",
        "kbli_code": "10792", "kbli_edition": "2020", "address": "Jl. Industri No. 1",
        "kecamatan_code": "32.75.09", "kelurahan": "Jatiasih", "footprint": "kota", "size_class": "menengah",
        "workers_male": "60", "workers_female": "40", "workers_pkwt": "30", "workers_pkwtt": "70",
        "workforce_reported_on": "2026-02-01", "wlkp_registered": true, "wlkp_registered_on": "2025-05-10",
        "contact_name": "Bu Ani (HRD)", "contact_phone": "0812-3456-7890", "contact_email": "hrd@contoh.co.id"
    })
}

pub(crate) async fn people(app: &TestApp) -> People {
    let officer_user = app.user("petugas", "petugas@bekasikota.go.id").await;
    let officer = app.browser_for(&officer_user).await;
    let (s, a) = post_json(app, &officer, "/api/v1/companies", company("PT Maju Sengketa", "9120000000101")).await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    let (_, b) = post_json(app, &officer, "/api/v1/companies", company("PT Lain Sendiri", "9120000000102")).await;
    let company_id = a["id"].as_str().expect("id").to_string();
    let other_company_id = b["id"].as_str().expect("id").to_string();
    let rep_user = app.user("perusahaan", "hrd@majusengketa.co.id").await;
    let link = harmoni::companies::model::RepresentativeRow {
        id: uuid::Uuid::new_v4().to_string(),
        company_id: company_id.clone(),
        user_id: rep_user.id.clone(),
        created_at: chrono::Utc::now().naive_utc(),
    };
    app.state
        .db
        .run(move |c| Ok(harmoni::companies::model::add_representative(c, &link)?))
        .await
        .expect("link representative");
    let head = app.browser_for(&app.user("pimpinan", "kabid@bekasikota.go.id").await).await;
    let mediator_user = app.user("mediator", "mediator1@bekasikota.go.id").await;
    app.user("mediator", "mediator2@bekasikota.go.id").await;
    let mediator = app.browser_for(&mediator_user).await;
    let worker_user = app.user("pekerja", "andi.pekerja@gmail.com").await;
    let worker = app.browser_for(&worker_user).await;
    let rep = app.browser_for(&rep_user).await;
    People {
        officer,
        head,
        mediator,
        mediator_id: mediator_user.id,
        worker,
        worker_email: worker_user.email,
        rep,
        company_id,
        other_company_id,
    }
}

fn complaint(dispute_type: &str, company_id: &str, key: &str, submit: bool) -> Value {
    json!({
        "dispute_type": dispute_type,
        "company_id": company_id,
        "chronology": "Saya di-PHK sepihak tanggal 2 Februari 2026 tanpa surat peringatan.",
        "demands": "Dipekerjakan kembali atau pesangon sesuai PP 35/2021.",
        "workers": [{"full_name": "Andi Saputra", "nik": "3275010101900001", "phone": "0812-1111-2222",
                     "job_title": "Operator", "started_on": "2019-05-01", "monthly_wage": "5.343.430"}],
        "submission_key": key,
        "submit": submit
    })
}

/// A worker's complaint with bipartite proof, filed; returns (id, reference, pin).
pub(crate) async fn filed(app: &TestApp, p: &People, dispute_type: &str, key: &str) -> (String, String, String) {
    let (s, draft) =
        post_json(app, &p.worker, "/api/v1/cases", complaint(dispute_type, &p.company_id, key, false)).await;
    assert_eq!(s, StatusCode::CREATED, "{draft}");
    let id = draft["id"].as_str().expect("id").to_string();
    assert_eq!(draft["status"], "draf");
    let (s, e) = post_json(
        app,
        &p.worker,
        &format!("/api/v1/cases/{id}/bipartite"),
        json!({"kind": "risalah", "held_on": "2026-02-10", "summary": "Perundingan bipartit pertama, tidak sepakat."}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    let (s, out) = post_json(app, &p.worker, "/api/v1/cases", complaint(dispute_type, &p.company_id, key, true)).await;
    assert_eq!(s, StatusCode::OK, "{out}");
    assert_eq!(out["status"], "diajukan");
    let pin = out["pin"].as_str().expect("a PIN on first filing").to_string();
    (id, out["reference"].as_str().expect("reference").to_string(), pin)
}

pub(crate) async fn step(app: &TestApp, client: &Client, id: &str, body: Value) -> (StatusCode, Value) {
    post_json(app, client, &format!("/api/v1/cases/{id}/steps"), body).await
}

pub(crate) async fn ok_step(app: &TestApp, client: &Client, id: &str, body: Value) -> Value {
    let (s, out) = step(app, client, id, body.clone()).await;
    assert_eq!(s, StatusCode::OK, "{body} -> {out}");
    out
}

/// Registered and delegated (hak goes straight to delegation); returns the case.
pub(crate) async fn in_mediation(app: &TestApp, p: &People, dispute_type: &str, key: &str) -> String {
    let (id, _, _) = filed(app, p, dispute_type, key).await;
    let out = ok_step(app, &p.officer, &id, json!({"action": "register"})).await;
    if dispute_type != "hak" {
        assert_eq!(out["status"], "penawaran_forum");
        ok_step(app, &p.officer, &id, json!({"action": "forum_answer", "side": "pekerja", "forum": "mediasi"})).await;
        let out =
            ok_step(app, &p.officer, &id, json!({"action": "forum_answer", "side": "pengusaha", "forum": "mediasi"}))
                .await;
        assert_eq!(out["status"], "menunggu_mediator");
    } else {
        assert_eq!(out["status"], "menunggu_mediator", "hak disputes skip the offer");
    }
    let out = ok_step(app, &p.head, &id, json!({"action": "assign", "mediator_id": p.mediator_id})).await;
    assert_eq!(out["status"], "mediasi");
    id
}

/// The delegated mediator records a session both sides attended.
pub(crate) async fn both_attend(app: &TestApp, p: &People, id: &str, minutes: &str) {
    ok_step(
        app,
        &p.mediator,
        id,
        json!({"action": "session", "worker_present": true, "company_present": true, "note": minutes}),
    )
    .await;
}

fn history_actions(case: &Value) -> Vec<String> {
    case["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|h| h["action"].as_str().unwrap_or("").to_string())
        .collect()
}

async fn a_hak_dispute_ends_with_a_pb_at_the_first_session(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let id = in_mediation(&app, &p, "hak", "kunci-hak-00000000001").await;
    let case = get_json(&app, &p.mediator, &format!("/api/v1/cases/{id}")).await.1;
    assert_eq!(case["case_number"], "565/0001/HI/2026", "numbered from the office's pattern at registration");
    let clocks: Vec<&str> =
        case["deadlines"].as_array().expect("present").iter().map(|d| d["rule"].as_str().expect("present")).collect();
    assert_eq!(clocks, ["sidang_mediasi_pertama", "mediasi"], "first session within 7 WD, the whole within 30 WD");
    assert_eq!(case["deadlines"][0]["due"], "2026-03-11");
    assert_eq!(case["deadlines"][0]["legal_basis"], "UU 2/2004 Pasal 10");

    // Only the delegated mediator records the session and the PB.
    let (s, _) = step(
        &app,
        &p.officer,
        &id,
        json!({"action": "session", "worker_present": true, "company_present": true, "note": "Sidang pertama"}),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    both_attend(&app, &p, &id, "Para pihak sepakat.").await;
    let out = ok_step(
        &app,
        &p.mediator,
        &id,
        json!({"action": "perjanjian_bersama", "note": "Pengusaha membayar kekurangan upah Rp 3.000.000 paling lambat 31 Maret 2026."}),
    )
    .await;
    assert_eq!(out["status"], "selesai_pb");
    assert!(out["deadlines"].as_array().expect("present").is_empty(), "no clock runs on a closed case");
    let out = ok_step(&app, &p.worker, &id, json!({"action": "pb_deed", "deed_number": "12/PB/2026/PHI.Bdg"})).await;
    assert_eq!(out["pb_deed_number"], "12/PB/2026/PHI.Bdg");
    assert_eq!(
        history_actions(&out),
        ["submit", "register", "assign", "session", "perjanjian_bersama", "pb_deed"],
        "one history row per step"
    );
    let audit = app.audit_actions(&app.office_id("3275"), &id).await;
    for a in ["case.submit", "case.register", "case.assign", "case.session", "case.perjanjian_bersama", "case.pb_deed"]
    {
        assert!(audit.contains(&a.to_string()), "{a} audited: {audit:?}");
    }
    let mail = app.mail_to(&p.worker_email).await;
    assert!(mail.iter().any(|m| m.body_text.contains("Selesai dengan Perjanjian Bersama")), "the worker is told");
    let mail = app.mail_to("hrd@majusengketa.co.id").await;
    assert!(!mail.is_empty(), "the company's representative is told once the case is registered");
}

async fn an_anjuran_accepted_by_both_leads_to_a_pb(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let id = in_mediation(&app, &p, "phk", "kunci-phk-terima-0001").await;
    both_attend(&app, &p, &id, "Tidak sepakat.").await;
    let out = ok_step(
        &app,
        &p.mediator,
        &id,
        json!({"action": "anjuran", "note": "Menganjurkan pengusaha membayar pesangon 2 kali ketentuan."}),
    )
    .await;
    assert_eq!(out["status"], "anjuran");
    let clocks: Vec<(&str, &str)> = out["deadlines"]
        .as_array()
        .expect("present")
        .iter()
        .map(|d| (d["rule"].as_str().expect("present"), d["side"].as_str().expect("present")))
        .collect();
    assert_eq!(clocks, [("jawaban_anjuran", "pekerja"), ("jawaban_anjuran", "pengusaha")]);
    let out =
        ok_step(&app, &p.mediator, &id, json!({"action": "anjuran_answer", "side": "pekerja", "answer": "terima"}))
            .await;
    assert_eq!(out["status"], "anjuran");
    let out =
        ok_step(&app, &p.mediator, &id, json!({"action": "anjuran_answer", "side": "pengusaha", "answer": "terima"}))
            .await;
    assert_eq!(out["status"], "menunggu_pb");
    assert_eq!(out["deadlines"][0]["rule"], "perjanjian_bersama_anjuran");
    assert_eq!(out["deadlines"][0]["due"], "2026-03-05", "PB within 3 WD of acceptance");
    let (s, again) =
        step(&app, &p.mediator, &id, json!({"action": "anjuran_answer", "side": "pekerja", "answer": "tolak"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "no second answer: {again}");
    let out = ok_step(
        &app,
        &p.mediator,
        &id,
        json!({"action": "perjanjian_bersama", "note": "PB sesuai anjuran yang diterima kedua pihak."}),
    )
    .await;
    assert_eq!(out["status"], "selesai_pb");
}

async fn a_rejected_anjuran_closes_mediation_toward_the_court(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let id = in_mediation(&app, &p, "phk", "kunci-phk-tolak-00001").await;
    assert_eq!(
        app.get(&p.worker, &format!("/kasus/{id}/risalah")).await.status(),
        StatusCode::NOT_FOUND,
        "no risalah while mediation goes on"
    );
    let (s, out) =
        step(&app, &p.mediator, &id, json!({"action": "anjuran", "note": "Anjuran tanpa sidang tidak boleh."})).await;
    assert_eq!((s, out["code"].as_str()), (StatusCode::CONFLICT, Some("no_session")));
    both_attend(&app, &p, &id, "Tidak sepakat.").await;
    ok_step(&app, &p.mediator, &id, json!({"action": "anjuran", "note": "Menganjurkan pekerja dipekerjakan kembali."}))
        .await;
    let out =
        ok_step(&app, &p.mediator, &id, json!({"action": "anjuran_answer", "side": "pengusaha", "answer": "tolak"}))
            .await;
    assert_eq!(out["status"], "lanjut_phi");
    assert_eq!(out["closing_reason"], "anjuran_ditolak");
    // The risalah penyelesaian, to attach to a lawsuit at the PHI court, is printable by the parties.
    let (status, risalah) = app.get_text(&p.worker, &format!("/kasus/{id}/risalah")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(risalah.contains("RISALAH PENYELESAIAN") && risalah.contains("565/0001/HI/2026"), "{risalah}");
    assert!(risalah.contains("Menganjurkan pekerja dipekerjakan kembali.") && risalah.contains("menolak"));
    assert!(!risalah.contains("3275010101900001"), "no NIK on the record");
    let (s, _) = step(
        &app,
        &p.mediator,
        &id,
        json!({"action": "perjanjian_bersama", "note": "Terlambat, kasus sudah selesai."}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "nothing after the end");
}

async fn silence_is_rejection_the_day_after_the_tenth_working_day(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let id = in_mediation(&app, &p, "phk", "kunci-phk-diam-000001").await;
    both_attend(&app, &p, &id, "Tidak sepakat.").await;
    ok_step(&app, &p.mediator, &id, json!({"action": "anjuran", "note": "Menganjurkan pembayaran kompensasi."})).await;
    ok_step(&app, &p.mediator, &id, json!({"action": "anjuran_answer", "side": "pekerja", "answer": "terima"})).await;
    // Received Monday 2 March: 10 working days end Monday 16 March.
    app.advance(Duration::days(14));
    let mediator = relogin(&app, "mediator1@bekasikota.go.id").await;
    let case = get_json(&app, &mediator, &format!("/api/v1/cases/{id}")).await.1;
    assert_eq!(case["status"], "anjuran", "still open on the due day: {case}");
    assert_eq!(case["deadlines"][0]["due"], "2026-03-16");
    assert_eq!(case["deadlines"][0]["state"], "due_today");
    app.advance(Duration::days(1));
    let mediator = relogin(&app, "mediator1@bekasikota.go.id").await;
    let case = get_json(&app, &mediator, &format!("/api/v1/cases/{id}")).await.1;
    assert_eq!(case["status"], "lanjut_phi");
    assert_eq!(case["anjuran_company"], "dianggap_tolak");
    assert_eq!(case["anjuran_company_on"], "2026-03-17");
    let last = case["history"].as_array().expect("present").last().expect("present").clone();
    assert_eq!(
        (last["action"].as_str(), last["actor_role"].as_str()),
        (Some("anjuran_deemed_rejected"), Some("system"))
    );
    assert_eq!(last["effective_on"], "2026-03-17");
    // Reading again changes nothing: the automatic step happened once.
    let again = get_json(&app, &mediator, &format!("/api/v1/cases/{id}")).await.1;
    assert_eq!(again["history"].as_array().expect("present").len(), case["history"].as_array().expect("present").len());
}

async fn a_file_without_bipartite_proof_is_returned_and_resubmitted(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let key = "kunci-kembali-000001";
    let (s, out) = post_json(&app, &p.worker, "/api/v1/cases", complaint("hak", &p.company_id, key, true)).await;
    assert_eq!(s, StatusCode::CREATED, "{out}");
    let (id, reference, pin) = (
        out["id"].as_str().expect("present").to_string(),
        out["reference"].as_str().expect("present").to_string(),
        out["pin"].as_str().expect("present").to_string(),
    );
    // A retry of the same form is the same complaint.
    let (s, again) = post_json(&app, &p.worker, "/api/v1/cases", complaint("hak", &p.company_id, key, true)).await;
    assert_eq!((s, again["id"].as_str()), (StatusCode::OK, Some(id.as_str())));
    assert!(again["pin"].is_null(), "the PIN is given once");
    let list = get_json(&app, &p.worker, "/api/v1/cases").await.1;
    assert_eq!(list["total"], 1, "one complaint, not two");

    let case = get_json(&app, &p.officer, &format!("/api/v1/cases/{id}")).await.1;
    assert_eq!(case["deadlines"][0]["rule"], "pengembalian_berkas");
    assert_eq!(case["deadlines"][0]["due"], "2026-03-11", "the office returns an incomplete file within 7 WD");
    let (s, out) = step(&app, &p.officer, &id, json!({"action": "register"})).await;
    assert_eq!((s, out["code"].as_str()), (StatusCode::CONFLICT, Some("no_bipartite_proof")));
    let out = ok_step(
        &app,
        &p.officer,
        &id,
        json!({"action": "return", "note": "Lampirkan risalah perundingan bipartit atau undangan yang ditolak."}),
    )
    .await;
    assert_eq!(out["status"], "dikembalikan");

    let anon = browser();
    let (s, t) =
        post_json(&app, &anon, "/api/v1/tracking", json!({"reference": reference.to_lowercase(), "pin": pin})).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    assert_eq!(t["status"], "dikembalikan");
    assert!(t["returned_because"].as_str().expect("present").contains("risalah"));
    assert!(!t.to_string().contains("Andi") && !t.to_string().contains("3275010101900001"), "nothing personal: {t}");

    post_json(
        &app,
        &p.worker,
        &format!("/api/v1/cases/{id}/bipartite"),
        json!({"kind": "undangan_ditolak", "held_on": "2026-02-12", "summary": "Undangan bipartit tanggal 12 Februari tidak dihadiri pengusaha."}),
    )
    .await;
    let out = ok_step(&app, &p.worker, &id, json!({"action": "submit"})).await;
    assert_eq!(out["status"], "diajukan");
    let out = ok_step(&app, &p.officer, &id, json!({"action": "register"})).await;
    assert_eq!(out["status"], "menunggu_mediator");
    assert_eq!(history_actions(&out), ["submit", "return", "submit", "register"]);
}

async fn no_choice_of_forum_in_seven_working_days_means_mediation(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let (id, _, _) = filed(&app, &p, "kepentingan", "kunci-forum-0000001").await;
    let out = ok_step(&app, &p.officer, &id, json!({"action": "register"})).await;
    assert_eq!(out["status"], "penawaran_forum");
    assert_eq!(out["deadlines"][0]["due"], "2026-03-11");
    let (s, out) =
        step(&app, &p.officer, &id, json!({"action": "forum_answer", "side": "pekerja", "forum": "arbitrase"})).await;
    assert_eq!((s, out["code"].as_str()), (StatusCode::BAD_REQUEST, Some("person_required")));
    app.advance(Duration::days(9)); // Wednesday 11 March: the last day to choose
    let officer = relogin(&app, "petugas@bekasikota.go.id").await;
    assert_eq!(get_json(&app, &officer, &format!("/api/v1/cases/{id}")).await.1["status"], "penawaran_forum");
    app.advance(Duration::days(1));
    let officer = relogin(&app, "petugas@bekasikota.go.id").await;
    let case = get_json(&app, &officer, &format!("/api/v1/cases/{id}")).await.1;
    assert_eq!(case["status"], "menunggu_mediator");
    let last = case["history"].as_array().expect("present").last().expect("present").clone();
    assert_eq!((last["action"].as_str(), last["effective_on"].as_str()), (Some("forum_timeout"), Some("2026-03-12")));
}

pub(crate) async fn relogin(app: &TestApp, email: &str) -> Client {
    let client = browser();
    let res = app.login(&client, email, PASSWORD).await;
    assert!(res.status().is_redirection(), "login {email}");
    client
}

async fn the_complainant_withdraws(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let id = in_mediation(&app, &p, "hak", "kunci-cabut-00000001").await;
    let (s, _) = step(&app, &p.rep, &id, json!({"action": "withdraw", "note": "Bukan pengadu."})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "the other side cannot withdraw the worker's complaint");
    let out =
        ok_step(&app, &p.worker, &id, json!({"action": "withdraw", "note": "Sudah diselesaikan secara kekeluargaan."}))
            .await;
    assert_eq!(out["status"], "dicabut");
    assert_eq!(out["closing_reason"], "dicabut");
}

async fn each_side_sees_only_what_is_theirs(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let (id, _, _) = filed(&app, &p, "phk", "kunci-lihat-00000001").await;
    // Once filed, the company side sees the complaint against its company, without NIK.
    assert_eq!(
        app.get(&p.rep, &format!("/api/v1/cases/{id}")).await.status(),
        StatusCode::OK,
        "filed cases of their company"
    );
    let case = get_json(&app, &p.rep, &format!("/api/v1/cases/{id}")).await.1;
    assert_eq!(case["workers"][0]["nik"], "3275********0001", "NIK masked for the company side");
    assert!(case["workers"][0]["phone"].is_null());
    let staff = get_json(&app, &p.officer, &format!("/api/v1/cases/{id}")).await.1;
    assert_eq!(staff["workers"][0]["nik"], "3275010101900001");
    let other_worker = app.browser_for(&app.user("pekerja", "orang.lain@gmail.com").await).await;
    assert_eq!(app.get(&other_worker, &format!("/api/v1/cases/{id}")).await.status(), StatusCode::NOT_FOUND);
    let other_rep = app.browser_for(&app.user("perusahaan", "hrd@lain.co.id").await).await;
    assert_eq!(app.get(&other_rep, &format!("/api/v1/cases/{id}")).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&p.mediator, &format!("/api/v1/cases/{id}")).await.status(),
        StatusCode::NOT_FOUND,
        "not delegated yet"
    );
    let admin = app.browser_for(&app.user("admin", "admin@bekasikota.go.id").await).await;
    assert_eq!(app.get(&admin, &format!("/api/v1/cases/{id}")).await.status(), StatusCode::FORBIDDEN);
    let other_office = app.browser_for(&app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await).await;
    assert_eq!(app.get(&other_office, &format!("/api/v1/cases/{id}")).await.status(), StatusCode::NOT_FOUND);
    // A representative cannot file in the name of a company they do not represent.
    let (s, out) =
        post_json(&app, &p.rep, "/api/v1/cases", complaint("hak", &p.other_company_id, "kunci-bukan-milik-001", false))
            .await;
    assert_eq!((s, out["code"].as_str()), (StatusCode::BAD_REQUEST, Some("not_your_company")));
}

async fn wrong_pins_lock_tracking(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let (_, reference, pin) = filed(&app, &p, "hak", "kunci-pin-0000000001").await;
    let anon = browser();
    let wrong = if pin == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let (s, out) = post_json(&app, &anon, "/api/v1/tracking", json!({"reference": reference, "pin": wrong})).await;
        assert_eq!((s, out["code"].as_str()), (StatusCode::BAD_REQUEST, Some("tracking_not_found")));
    }
    let (s, out) = post_json(&app, &anon, "/api/v1/tracking", json!({"reference": reference, "pin": pin})).await;
    assert_eq!(
        (s, out["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("tracking_locked")),
        "even the right PIN waits"
    );
    app.advance(Duration::minutes(16));
    let (s, out) = post_json(&app, &anon, "/api/v1/tracking", json!({"reference": reference, "pin": pin})).await;
    assert_eq!(s, StatusCode::OK, "{out}");
    assert_eq!(out["next_due"], "2026-03-11");
    let (s, out) = post_json(&app, &anon, "/api/v1/tracking", json!({"reference": "HRM-0000-0000", "pin": pin})).await;
    assert_eq!(
        (s, out["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("tracking_not_found")),
        "unknown looks like wrong"
    );
}

async fn the_pages_file_show_and_track_a_case(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let (s, form) = app.get_text(&p.worker, "/kasus/baru").await;
    assert_eq!(s, StatusCode::OK);
    assert!(form.contains("Perselisihan PHK") && form.contains("pesangon"), "types with plain help");
    let key = regex::Regex::new(r#"name="submission_key" value="([^"]+)""#)
        .expect("regex")
        .captures(&form)
        .expect("a submission key")[1]
        .to_string();
    let fields = [
        ("submission_key", key.as_str()),
        ("dispute_type", "phk"),
        ("company_name", "PT Maju Sengketa"),
        ("company_address", "Jl. Industri No. 1"),
        ("full_name", "Andi Saputra"),
        ("nik", "3275010101900001"),
        ("chronology", "Di-PHK tanpa surat peringatan."),
        ("demands", "Pesangon sesuai aturan."),
        ("submit", "false"),
    ];
    let res = app.post_form(&p.worker, "/kasus", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "a draft goes to its page");
    let case_path = location(&res);
    let (_, page) = app.get_text(&p.worker, &case_path).await;
    assert!(page.contains("Draf") && page.contains("Ajukan pengaduan") && page.contains("Bukti perundingan bipartit"));

    let mut bad = fields.to_vec();
    bad.retain(|(k, _)| *k != "dispute_type");
    let res = app.post_form(&p.worker, "/kasus", &bad).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("Pilih jenis perselisihan"), "explained in Indonesian");

    let mut filing = fields.to_vec();
    filing.retain(|(k, _)| *k != "submit");
    filing.push(("submit", "true"));
    let res = app.post_form(&p.worker, "/kasus", &filing).await;
    assert_eq!(res.status(), StatusCode::OK);
    let receipt = res.text().await.expect("body");
    assert!(receipt.contains("TANDA TERIMA") && receipt.contains("Simpan PIN ini"), "the receipt with the PIN");
    let pin =
        regex::Regex::new(r#"class="pin">(\d{6})<"#).expect("regex").captures(&receipt).expect("pin")[1].to_string();
    let reference = regex::Regex::new(r"HRM-[0-9A-Z]{4}-[0-9A-Z]{4}")
        .expect("regex")
        .find(&receipt)
        .expect("reference")
        .as_str()
        .to_string();

    // The desk sees the case without registry link and bipartite proof: registration explains.
    let (_, page) = app.get_text(&p.officer, &case_path).await;
    assert!(
        page.contains("Pengembalian berkas") && page.contains("UU 2/2004 Pasal 4 ayat (2)"),
        "the 7 WD clock with its basis"
    );
    let id = case_path.rsplit('/').next().expect("id").to_string();
    let res = app.post_form(&p.officer, &format!("/kasus/{id}/langkah"), &[("action", "register")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.expect("body").contains("bukti perundingan bipartit"));
    let res = app
        .post_form(
            &p.officer,
            &format!("/kasus/{id}/langkah"),
            &[("action", "return"), ("note", "Lampirkan risalah bipartit.")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let anon = browser();
    let (_, page) = app.get_text(&anon, "/lacak").await;
    let token = csrf_from(&page);
    let res = anon
        .post(app.url("/lacak"))
        .form(&[("csrf_token", token.as_str()), ("reference", reference.as_str()), ("pin", pin.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.expect("body");
    assert!(page.contains("Dikembalikan untuk dilengkapi") && page.contains("Lampirkan risalah bipartit."), "{page}");
    assert!(!page.contains("Andi") && !page.contains("3275010101900001"), "nothing personal");

    // The desk links the typed company to the register when it registers the completed file.
    post_json(
        &app,
        &p.worker,
        &format!("/api/v1/cases/{id}/bipartite"),
        json!({"kind": "risalah", "held_on": "2026-02-10", "summary": "Perundingan bipartit, tidak sepakat."}),
    )
    .await;
    ok_step(&app, &p.worker, &id, json!({"action": "submit"})).await;
    let (_, page) = app.get_text(&p.officer, &case_path).await;
    assert!(page.contains("PT Maju Sengketa · NIB 9120000000101"), "the register's match is offered");
    let res = app
        .post_form(
            &p.officer,
            &format!("/kasus/{id}/langkah"),
            &[("action", "register"), ("company_nib", "9120000000999")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "an NIB not in the register is refused");
    let res = app
        .post_form(
            &p.officer,
            &format!("/kasus/{id}/langkah"),
            &[("action", "register"), ("company_nib", "9120000000101")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let case = get_json(&app, &p.officer, &format!("/api/v1/cases/{id}")).await.1;
    assert_eq!(
        (case["company_id"].as_str(), case["status"].as_str()),
        (Some(p.company_id.as_str()), Some("penawaran_forum"))
    );
}

async fn a_draft_filed_from_its_page_gets_its_pin(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let (s, draft) =
        post_json(&app, &p.worker, "/api/v1/cases", complaint("phk", &p.company_id, "kunci-draf-halaman-01", false))
            .await;
    assert_eq!(s, StatusCode::CREATED, "{draft}");
    let id = draft["id"].as_str().expect("id").to_string();
    let reference = draft["reference"].as_str().expect("reference").to_string();
    post_json(
        &app,
        &p.worker,
        &format!("/api/v1/cases/{id}/bipartite"),
        json!({"kind": "risalah", "held_on": "2026-02-10", "summary": "Perundingan bipartit, tidak sepakat."}),
    )
    .await;
    let res = app.post_form(&p.worker, &format!("/kasus/{id}/langkah"), &[("action", "submit")]).await;
    assert_eq!(res.status(), StatusCode::OK, "filing from the case page shows the receipt");
    let receipt = res.text().await.expect("body");
    assert!(receipt.contains("Simpan PIN ini"), "with the PIN, once");
    let pin =
        regex::Regex::new(r#"class="pin">(\d{6})<"#).expect("regex").captures(&receipt).expect("pin")[1].to_string();
    let (s, t) = post_json(&app, &browser(), "/api/v1/tracking", json!({"reference": reference, "pin": pin})).await;
    assert_eq!((s, t["status"].as_str()), (StatusCode::OK, Some("diajukan")), "the PIN tracks the case: {t}");
    // Filing again after a return keeps the PIN: no new one appears.
    ok_step(&app, &p.officer, &id, json!({"action": "return", "note": "Lengkapi alamat perusahaan yang benar."})).await;
    let out = ok_step(&app, &p.worker, &id, json!({"action": "submit"})).await;
    assert!(out["pin"].is_null(), "{out}");
}

/// Every case route, for every role, on their own case, another case of the office and a
/// missing one: what is not theirs to see does not exist (404), administrators have no cases
/// (403), and a step that is never theirs is refused (403) while a step at the wrong stage is a
/// conflict (409).
async fn every_case_route_for_every_role(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let own = in_mediation(&app, &p, "hak", "kunci-matriks-milik-01").await;
    let budi = app.browser_for(&app.user("pekerja", "budi.pekerja@gmail.com").await).await;
    let (s, out) =
        post_json(&app, &budi, "/api/v1/cases", complaint("hak", &p.other_company_id, "kunci-matriks-lain-001", true))
            .await;
    assert_eq!(s, StatusCode::CREATED, "{out}");
    let other = out["id"].as_str().expect("id").to_string();
    let missing = "00000000-0000-0000-0000-000000000000".to_string();
    let mediator2 = relogin(&app, "mediator2@bekasikota.go.id").await;
    let admin = app.browser_for(&app.user("admin", "admin@bekasikota.go.id").await).await;
    let elsewhere = app.browser_for(&app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await).await;

    #[derive(Clone, Copy, PartialEq)]
    enum Who {
        Admin,
        Head,
        Desk,
        Mediator,
        OtherMediator,
        Worker,
        Rep,
        OtherOffice,
    }
    let people: [(Who, &Client); 8] = [
        (Who::Admin, &admin),
        (Who::Head, &p.head),
        (Who::Desk, &p.officer),
        (Who::Mediator, &p.mediator),
        (Who::OtherMediator, &mediator2),
        (Who::Worker, &p.worker),
        (Who::Rep, &p.rep),
        (Who::OtherOffice, &elsewhere),
    ];
    let staff = |w: Who| matches!(w, Who::Head | Who::Desk);
    for (who, client) in people {
        for (which, id) in [("own", &own), ("other", &other), ("missing", &missing)] {
            let sees = match which {
                "own" => !matches!(who, Who::Admin | Who::OtherMediator | Who::OtherOffice),
                "other" => staff(who),
                _ => false,
            };
            // What each route answers when the case is visible; otherwise 404 (403 for admins).
            let hidden = if who == Who::Admin { StatusCode::FORBIDDEN } else { StatusCode::NOT_FOUND };
            let expect = |visible: StatusCode| if sees { visible } else { hidden };
            let ok = StatusCode::OK;
            let forbidden = StatusCode::FORBIDDEN;
            let conflict = StatusCode::CONFLICT;
            let checks: Vec<(String, StatusCode, StatusCode)> = vec![
                (
                    format!("GET /api/v1/cases/{which}"),
                    app.get(client, &format!("/api/v1/cases/{id}")).await.status(),
                    expect(ok),
                ),
                (format!("GET /kasus/{which}"), app.get(client, &format!("/kasus/{id}")).await.status(), expect(ok)),
                (
                    format!("GET /kasus/{which}/tanda-terima"),
                    app.get(client, &format!("/kasus/{id}/tanda-terima")).await.status(),
                    expect(ok),
                ),
                (
                    format!("GET /api/v1/cases/{which}/mediators"),
                    app.get(client, &format!("/api/v1/cases/{id}/mediators")).await.status(),
                    expect(if who == Who::Head { ok } else { forbidden }),
                ),
                (
                    format!("POST /api/v1/cases/{which}/steps"),
                    step(&app, client, id, json!({"action": "external_outcome", "note": "Hasil konsiliasi."})).await.0,
                    // Only the desk records a conciliation's outcome, and this case is not in conciliation.
                    expect(if staff(who) { conflict } else { forbidden }),
                ),
                (
                    format!("POST /kasus/{which}/langkah"),
                    app.post_form(
                        client,
                        &format!("/kasus/{id}/langkah"),
                        &[("action", "external_outcome"), ("note", "Hasil konsiliasi.")],
                    )
                    .await
                    .status(),
                    expect(if staff(who) { conflict } else { forbidden }),
                ),
                (
                    format!("POST /api/v1/cases/{which}/bipartite"),
                    post_json(
                        &app,
                        client,
                        &format!("/api/v1/cases/{id}/bipartite"),
                        json!({"kind": "risalah", "held_on": "2026-02-20", "summary": "Risalah bipartit kedua."}),
                    )
                    .await
                    .0,
                    // The desk may add proof while screening (the other case); never after registration.
                    expect(if which == "other" { StatusCode::CREATED } else { conflict }),
                ),
                (
                    format!("POST /kasus/{which}/bipartit"),
                    post_multipart(
                        &app,
                        client,
                        &format!("/kasus/{id}/bipartit"),
                        &[("kind", "risalah"), ("held_on", "2026-02-21"), ("summary", "Risalah bipartit ketiga.")],
                        None,
                    )
                    .await
                    .status(),
                    expect(if which == "other" { StatusCode::SEE_OTHER } else { conflict }),
                ),
                (
                    format!("GET /kasus/{which}/risalah"),
                    app.get(client, &format!("/kasus/{id}/risalah")).await.status(),
                    // Neither case ended toward the PHI court: there is no risalah yet.
                    expect(StatusCode::NOT_FOUND),
                ),
                (
                    format!("POST /api/v1/cases/{which}/pin"),
                    post_json(&app, client, &format!("/api/v1/cases/{id}/pin"), json!({})).await.0,
                    expect(if staff(who) || (who == Who::Worker && which == "own") { ok } else { forbidden }),
                ),
            ];
            for (route, got, want) in checks {
                assert_eq!(
                    got,
                    want,
                    "{route} as {}",
                    match who {
                        Who::Admin => "admin",
                        Who::Head => "pimpinan",
                        Who::Desk => "petugas",
                        Who::Mediator => "the case's mediator",
                        Who::OtherMediator => "another mediator",
                        Who::Worker => "the complainant",
                        Who::Rep => "the company's representative",
                        Who::OtherOffice => "another office's petugas",
                    }
                );
            }
        }
    }
}

both_backends!(
    every_case_route_for_every_role,
    a_draft_filed_from_its_page_gets_its_pin,
    the_pages_file_show_and_track_a_case,
    a_hak_dispute_ends_with_a_pb_at_the_first_session,
    an_anjuran_accepted_by_both_leads_to_a_pb,
    a_rejected_anjuran_closes_mediation_toward_the_court,
    silence_is_rejection_the_day_after_the_tenth_working_day,
    a_file_without_bipartite_proof_is_returned_and_resubmitted,
    no_choice_of_forum_in_seven_working_days_means_mediation,
    the_complainant_withdraws,
    each_side_sees_only_what_is_theirs,
    wrong_pins_lock_tracking,
);
