//! PP/PKB through the API: deemed ratification the day after the 30 working-day limit (with the
//! warning five working days before), a correction that lapses, PKB registration with its one
//! extension, and the authorization matrix of every route. On both backends.

use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

const PDF: &[u8] = b"%PDF-1.4\n% uji\n";

async fn send(app: &TestApp, client: &Client, method: reqwest::Method, path: &str, body: &Value) -> Response {
    let csrf = app.csrf(client).await;
    client.request(method, app.url(path)).header("x-csrf-token", csrf).json(body).send().await.expect("request")
}

async fn post(app: &TestApp, client: &Client, path: &str, body: Value) -> Response {
    send(app, client, reqwest::Method::POST, path, &body).await
}

async fn json_ok(res: Response, want: StatusCode) -> Value {
    let status = res.status();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, want, "{body}");
    body
}

/// A multipart API call: text fields and a `berkas` file, the CSRF token in the header.
async fn multipart(app: &TestApp, client: &Client, path: &str, fields: &[(&str, &str)], file: bool) -> Response {
    let csrf = app.csrf(client).await;
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if file {
        form = form.part("berkas", reqwest::multipart::Part::bytes(PDF.to_vec()).file_name("berkas.pdf"));
    }
    client.post(app.url(path)).header("x-csrf-token", csrf).multipart(form).send().await.expect("multipart")
}

async fn company(app: &TestApp, desk: &Client, name: &str, nib: &str) -> String {
    let body = json!({
        "name": name, "legal_form": "pt", "nib": nib, "kbli_code": "10792", "address": "Jl. Industri No. 1",
        "kecamatan_code": "32.75.09", "kelurahan": "Jatiasih", "footprint": "kota", "size_class": "menengah",
        "workers_male": "60", "workers_female": "40", "workers_pkwt": "30", "workers_pkwtt": "70",
        "workforce_reported_on": "2026-02-01", "contact_name": "Bu Ani (HRD)"
    });
    json_ok(post(app, desk, "/api/v1/companies", body).await, StatusCode::CREATED).await["id"]
        .as_str()
        .expect("id")
        .to_string()
}

async fn link(app: &TestApp, desk: &Client, company_id: &str, email: &str) {
    let res =
        post(app, desk, &format!("/api/v1/companies/{company_id}/representatives"), json!({"email": email})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

/// A PP filed at the counter by the desk with its documents, received on `received_on`.
async fn paper_pp(app: &TestApp, desk: &Client, nib: &str, received_on: &str) -> String {
    let body = json!({"kind": "pp", "nib": nib, "purpose": "baru", "advice_from": "wakil_pekerja"});
    let id = json_ok(post(app, desk, "/api/v1/regulation-submissions", body).await, StatusCode::CREATED).await["id"]
        .as_str()
        .expect("id")
        .to_string();
    for slot in ["naskah", "saran", "skala_upah"] {
        let res =
            api_upload(app, desk, &format!("/api/v1/regulation-submissions/{id}/documents/{slot}"), "pp.pdf", PDF)
                .await;
        assert_eq!(res.status(), StatusCode::CREATED, "{slot}");
    }
    let step = json!({"action": "submit", "received_on": received_on});
    json_ok(post(app, desk, &format!("/api/v1/regulation-submissions/{id}/steps"), step).await, StatusCode::OK).await;
    id
}

fn review(items: &[&str], unmet: Option<&str>) -> Vec<Value> {
    items
        .iter()
        .map(|i| {
            let met = Some(*i) != unmet;
            json!({"item": i, "met": met, "reason": if met { "" } else { "Tidak memuat tata tertib kerja." }})
        })
        .collect()
}

const PP_ITEMS: [&str; 6] =
    ["naskah_ditandatangani", "saran_pekerja", "skala_upah", "isi_minimal", "tidak_lebih_rendah", "masa_berlaku"];
const PKB_ITEMS: [&str; 6] = [
    "para_pihak",
    "pencatatan_serikat",
    "hak_kewajiban",
    "jangka_waktu",
    "tanda_tangan_para_pihak",
    "tidak_bertentangan",
];

async fn sweep(app: &TestApp) {
    let (settings, today, now) = (app.state.settings.clone(), app.state.today(), app.state.now());
    app.state
        .db
        .run(move |c| {
            harmoni::regulations::service::sweep(c, &settings, today, now)?;
            harmoni::companies::standing::sweep(c, &settings, today)?;
            Ok(())
        })
        .await
        .expect("sweep");
}

fn days(n: i64) -> chrono::Duration {
    chrono::Duration::days(n)
}

async fn warnings(app: &TestApp, email: &str) -> usize {
    app.mail_to(email).await.iter().filter(|m| m.body_text.contains("dianggap disahkan")).count()
}

async fn a_compliant_pp_without_a_decree_is_deemed_ratified_the_day_after_30_working_days(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let head = app.user("pimpinan", "kabid@bekasikota.go.id").await;
    let rep = app.user("perusahaan", "hrd@diamdiam.co.id").await;
    let desk = app.browser_for(&officer).await;
    let cid = company(&app, &desk, "PT Diam Diam", "9120001234567").await;
    link(&app, &desk, &cid, &rep.email).await;
    let id = paper_pp(&app, &desk, "9120001234567", "2026-03-02").await;
    let path = format!("/api/v1/regulation-submissions/{id}");
    let step = json!({"action": "compliant", "items": review(&PP_ITEMS, None)});
    json_ok(post(&app, &desk, &format!("{path}/steps"), step).await, StatusCode::OK).await;
    let detail = json_ok(app.get(&desk, &path).await, StatusCode::OK).await;
    assert_eq!(detail["status"], "memenuhi_syarat");
    let limit = detail["deadlines"].as_array().expect("deadlines").iter().find(|d| d["rule"] == "pp_batas_pengesahan");
    assert_eq!(limit.expect("the 30 WD clock")["due"], "2026-04-21", "30 WD from 2 March across Idul Fitri");
    assert_eq!(detail["deemed_warning_on"], "2026-04-14", "5 WD before the limit");

    // The warning: not on Monday 13 April, once from Tuesday 14 April, to the head and the desk.
    app.advance(days(42));
    sweep(&app).await;
    assert_eq!(warnings(&app, &head.email).await, 0);
    app.advance(days(1));
    sweep(&app).await;
    sweep(&app).await;
    assert_eq!(warnings(&app, &head.email).await, 1, "warned once");
    assert_eq!(warnings(&app, &officer.email).await, 1);

    // Still compliant on the 30th working day; deemed ratified the day after.
    app.advance(days(7)); // Tuesday 21 April
    sweep(&app).await;
    let desk = app.browser_for(&officer).await;
    assert_eq!(json_ok(app.get(&desk, &path).await, StatusCode::OK).await["status"], "memenuhi_syarat");
    app.advance(days(1)); // Wednesday 22 April: the page applies the clock itself
    let desk = app.browser_for(&officer).await;
    let detail = json_ok(app.get(&desk, &path).await, StatusCode::OK).await;
    assert_eq!(detail["status"], "dianggap_disahkan");
    let last = detail["history"].as_array().expect("history").last().expect("a step").clone();
    assert_eq!((last["action"].as_str(), last["actor_role"].as_str()), (Some("deemed_ratified"), Some("system")));
    assert_eq!(last["effective_on"], "2026-04-22");
    assert!(last["note"].as_str().expect("note").contains("UU 13/2003 Pasal 112"), "it names its legal basis");
    let reg = &detail["regulation"];
    assert_eq!((reg["origin"].as_str(), reg["valid_from"].as_str()), (Some("dianggap"), Some("2026-04-22")));
    assert_eq!(reg["valid_until"], "2028-04-21");
    assert!(reg["number"].is_null(), "no decree number");
    let head_client = app.browser_for(&head).await;
    let res = post(&app, &head_client, &format!("{path}/steps"), json!({"action": "decide"})).await;
    assert_eq!(json_ok(res, StatusCode::CONFLICT).await["code"], "invalid_transition");
    let mail = app.mail_to(&rep.email).await;
    assert!(mail.iter().any(|m| m.body_text.contains("Dianggap disahkan")), "the company is told");
    let compliance =
        json_ok(app.get(&desk, &format!("/api/v1/companies/{cid}/compliance")).await, StatusCode::OK).await;
    assert_eq!(compliance["pp_pkb"]["status"], "met");
}

async fn a_correction_not_resubmitted_in_14_working_days_lapses(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let desk = app.browser_for(&officer).await;
    company(&app, &desk, "PT Lupa", "9120007654321").await;
    let id = paper_pp(&app, &desk, "9120007654321", "2026-02-27").await;
    let path = format!("/api/v1/regulation-submissions/{id}");
    let missing_reason = json!({"action": "correction", "items": PP_ITEMS.iter().map(|i| json!({"item": i, "met": *i != "isi_minimal"})).collect::<Vec<_>>()});
    let res = post(&app, &desk, &format!("{path}/steps"), missing_reason).await;
    assert_eq!(json_ok(res, StatusCode::CONFLICT).await["code"], "reason_required");
    let step = json!({"action": "correction", "items": review(&PP_ITEMS, Some("isi_minimal"))});
    let row = json_ok(post(&app, &desk, &format!("{path}/steps"), step).await, StatusCode::OK).await;
    assert_eq!(row["status"], "perbaikan");
    let detail = json_ok(app.get(&desk, &path).await, StatusCode::OK).await;
    let due = detail["deadlines"][0].clone();
    assert_eq!((due["rule"].as_str(), due["due"].as_str()), (Some("pp_perbaikan"), Some("2026-03-27")));

    app.advance(days(25)); // Friday 27 March: the last day
    sweep(&app).await;
    let desk = app.browser_for(&officer).await;
    assert_eq!(json_ok(app.get(&desk, &path).await, StatusCode::OK).await["status"], "perbaikan");
    app.advance(days(3)); // Monday 30 March
    sweep(&app).await;
    let desk = app.browser_for(&officer).await;
    let detail = json_ok(app.get(&desk, &path).await, StatusCode::OK).await;
    assert_eq!(detail["status"], "gugur");
    let last = detail["history"].as_array().expect("history").last().expect("a step").clone();
    assert_eq!((last["action"].as_str(), last["effective_on"].as_str()), (Some("lapse"), Some("2026-03-28")));
    let res = post(&app, &desk, &format!("{path}/steps"), json!({"action": "resubmit"})).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "the process starts over");
}

async fn a_pkb_is_registered_and_extended_once(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let head = app.user("pimpinan", "kabid@bekasikota.go.id").await;
    let rep = app.user("perusahaan", "hrd@bersama.co.id").await;
    let desk = app.browser_for(&officer).await;
    let cid = company(&app, &desk, "PT Bersama", "9120001112223").await;
    link(&app, &desk, &cid, &rep.email).await;
    let union = json!({
        "name": "PUK SPAMK FSPMI PT Bersama", "registration_number": "568/045/SP/2019",
        "registered_on": "2019-05-06", "member_count": "120", "chair_name": "Sutrisno Hadi",
        "secretary_name": "Nur Aini"
    });
    let union_id = json_ok(post(&app, &desk, "/api/v1/unions", union).await, StatusCode::CREATED).await["id"]
        .as_str()
        .expect("id")
        .to_string();
    let company_client = app.browser_for(&rep).await;
    let body = json!({"kind": "pkb", "company_id": cid, "pkb_starts_on": "2026-04-01", "pkb_term_months": "25",
        "union_ids": [union_id]});
    let res = post(&app, &company_client, "/api/v1/regulation-submissions", body).await;
    assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "invalid_term", "at most 2 years");
    let body = json!({"kind": "pkb", "company_id": cid, "pkb_starts_on": "2026-04-01", "pkb_term_months": "24",
        "union_ids": [union_id]});
    let row =
        json_ok(post(&app, &company_client, "/api/v1/regulation-submissions", body).await, StatusCode::CREATED).await;
    let path = format!("/api/v1/regulation-submissions/{}", row["id"].as_str().expect("id"));
    let res = api_upload(&app, &company_client, &format!("{path}/documents/naskah"), "pkb.pdf", PDF).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    json_ok(post(&app, &company_client, &format!("{path}/steps"), json!({"action": "submit"})).await, StatusCode::OK)
        .await;
    let detail = json_ok(app.get(&desk, &path).await, StatusCode::OK).await;
    assert_eq!(detail["unions"][0]["registration_number"], "568/045/SP/2019");
    assert_eq!(detail["deadlines"][0]["rule"], "pkb_pemeriksaan");
    let step = json!({"action": "compliant", "items": review(&PKB_ITEMS, None)});
    json_ok(post(&app, &desk, &format!("{path}/steps"), step).await, StatusCode::OK).await;
    let head_client = app.browser_for(&head).await;
    json_ok(post(&app, &head_client, &format!("{path}/steps"), json!({"action": "decide"})).await, StatusCode::OK)
        .await;
    let reg = json_ok(app.get(&desk, &path).await, StatusCode::OK).await["regulation"].clone();
    assert_eq!(reg["number"], "560/001/PKB-HI/2026");
    assert_eq!((reg["valid_from"].as_str(), reg["valid_until"].as_str()), (Some("2026-04-01"), Some("2028-03-31")));
    // The registration letter (PDF) prints that number, the parties, the union's record and the term.
    let body = json!({"kind": "pendaftaran_pkb", "owner_id": row["id"]});
    let letter = json_ok(post(&app, &head_client, "/api/v1/letters", body).await, StatusCode::CREATED).await;
    assert_eq!(letter["number"], "560/001/PKB-HI/2026");
    let res = app.get(&company_client, letter["versions"][0]["href"].as_str().expect("href")).await;
    assert_eq!(res.status(), StatusCode::OK, "the company receives its letter");
    let text = pdf_extract::extract_text_from_mem(&res.bytes().await.expect("pdf")).expect("text");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "560/001/PKB-HI/2026",
        "PT Bersama",
        "PUK SPAMK FSPMI PT Bersama",
        "568/045/SP/2019",
        "Rabu, 1 April 2026 sampai dengan Jumat, 31 Maret 2028",
        "Pendaftaran Perjanjian Kerja Bersama",
    ] {
        assert!(text.contains(expected), "{expected:?}: {text}");
    }
    let rpath = format!("/api/v1/regulations/{}", reg["id"].as_str().expect("id"));

    // One extension of at most a year, by written agreement.
    let agreement = "Kesepakatan tertulis perpanjangan PKB tanggal 2 Maret 2026.";
    let too_long = [("extended_until", "2029-04-01"), ("note", agreement)];
    let res = multipart(&app, &company_client, &format!("{rpath}/extension"), &too_long, true).await;
    assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "extension_too_long");
    let year = [("extended_until", "2029-03-31"), ("note", agreement)];
    let res = multipart(&app, &company_client, &format!("{rpath}/extension"), &year, false).await;
    assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "document_required");
    let res = multipart(&app, &company_client, &format!("{rpath}/extension"), &year, true).await;
    let extended = json_ok(res, StatusCode::OK).await;
    assert_eq!(extended["ends_on"], "2029-03-31");
    let res = multipart(
        &app,
        &company_client,
        &format!("{rpath}/extension"),
        &[("extended_until", "2029-06-30"), ("note", agreement)],
        true,
    )
    .await;
    assert_eq!(json_ok(res, StatusCode::CONFLICT).await["code"], "already_extended");
    let actions = app.audit_actions(&app.office_id("3275"), reg["id"].as_str().expect("id")).await;
    assert!(actions.iter().any(|a| a == "regulation.extend"), "{actions:?}");
}

async fn every_route_is_authorised(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let head = app.user("pimpinan", "kabid@bekasikota.go.id").await;
    let mediator = app.user("mediator", "mediator@bekasikota.go.id").await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let worker = app.user("pekerja", "andi@gmail.com").await;
    let rep = app.user("perusahaan", "hrd@sinar.co.id").await;
    let other_rep = app.user("perusahaan", "hrd@lain.co.id").await;
    let elsewhere = app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await;
    let desk = app.browser_for(&officer).await;
    let cid = company(&app, &desk, "PT Sinar", "9120001234567").await;
    let other = company(&app, &desk, "PT Lain", "9120001111111").await;
    link(&app, &desk, &cid, &rep.email).await;
    link(&app, &desk, &other, &other_rep.email).await;
    let id = paper_pp(&app, &desk, "9120001234567", "2026-03-02").await;
    let external = [
        ("kind", "pkb"),
        ("company_id", cid.as_str()),
        ("issuer_level", "kementerian"),
        ("issuer_name", "Direktorat Jenderal PHI dan Jamsos"),
        ("number", "KEP.12/PHIJSK/2025"),
        ("issued_on", "2025-06-02"),
        ("valid_from", "2025-06-01"),
        ("valid_until", "2027-05-31"),
    ];
    let res = multipart(&app, &desk, "/api/v1/regulations", &external, true).await;
    let rid = json_ok(res, StatusCode::CREATED).await["id"].as_str().expect("id").to_string();
    let res = multipart(&app, &desk, "/api/v1/regulations", &external, true).await;
    assert_eq!(json_ok(res, StatusCode::CONFLICT).await["code"], "duplicate_regulation", "recorded once");
    let mut too_long = external.to_vec();
    too_long[7] = ("valid_until", "2027-06-01");
    let res = multipart(&app, &desk, "/api/v1/regulations", &too_long, true).await;
    assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "validity_too_long");
    let mut own_office = external.to_vec();
    own_office[2] = ("issuer_level", "kabkota");
    let res = multipart(&app, &desk, "/api/v1/regulations", &own_office, true).await;
    assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "invalid_issuer_level");

    let reads = [
        "/api/v1/regulation-submissions".to_string(),
        "/api/v1/regulation-submissions/queue".to_string(),
        "/api/v1/regulations".to_string(),
        format!("/api/v1/regulation-submissions/{id}"),
        format!("/api/v1/regulations/{rid}"),
    ];
    let people = [
        ("petugas", &officer),
        ("pimpinan", &head),
        ("mediator", &mediator),
        ("admin", &admin),
        ("pekerja", &worker),
        ("rep", &rep),
        ("other_rep", &other_rep),
        ("elsewhere", &elsewhere),
    ];
    for (who, user) in people {
        let client = app.browser_for(user).await;
        for path in &reads {
            let own = path.contains(&id) || path.contains(&rid);
            let want = match who {
                "admin" | "pekerja" => StatusCode::FORBIDDEN,
                "other_rep" | "elsewhere" if own => StatusCode::NOT_FOUND,
                _ => StatusCode::OK,
            };
            let res = app.get(&client, path).await;
            assert_eq!(res.status(), want, "{who} GET {path}");
            if want == StatusCode::OK && !own && matches!(who, "other_rep" | "elsewhere") {
                let body: Value = res.json().await.expect("json");
                assert!(!body.to_string().contains("PT Sinar"), "{who} sees nothing of PT Sinar: {body}");
            }
        }
        // Writing: who may take which step, and nobody outside sees the submission at all.
        let checks = [
            ("correction", json!({"action": "correction", "items": review(&PP_ITEMS, Some("isi_minimal"))})),
            ("decide", json!({"action": "decide"})),
        ];
        for (step, body) in checks {
            let want = match (who, step) {
                ("other_rep" | "elsewhere", _) => StatusCode::NOT_FOUND,
                ("petugas", "correction") => continue, // taken last, below
                ("petugas", "decide") => StatusCode::FORBIDDEN,
                ("pimpinan", "decide") => StatusCode::CONFLICT, // allowed, but the file is not compliant yet
                _ => StatusCode::FORBIDDEN,
            };
            let res = post(&app, &client, &format!("/api/v1/regulation-submissions/{id}/steps"), body).await;
            assert_eq!(res.status(), want, "{who} {step}");
        }
        let res = send(
            &app,
            &client,
            reqwest::Method::PUT,
            &format!("/api/v1/regulation-submissions/{id}/details"),
            &json!({"advice_from": "serikat"}),
        )
        .await;
        let want = match who {
            "other_rep" | "elsewhere" => StatusCode::NOT_FOUND,
            "admin" | "pekerja" | "pimpinan" | "mediator" => StatusCode::FORBIDDEN,
            _ => StatusCode::CONFLICT, // the filer's side, but the file was sent
        };
        assert_eq!(res.status(), want, "{who} PUT details");
        let res =
            api_upload(&app, &client, &format!("/api/v1/regulation-submissions/{id}/documents/naskah"), "x.pdf", PDF)
                .await;
        assert_eq!(res.status(), want, "{who} uploads");
        let res = multipart(
            &app,
            &client,
            &format!("/api/v1/regulations/{rid}/extension"),
            &[("extended_until", "2028-05-31"), ("note", "Kesepakatan tertulis para pihak.")],
            true,
        )
        .await;
        let want = match who {
            "other_rep" | "elsewhere" => StatusCode::NOT_FOUND,
            "admin" | "pekerja" | "pimpinan" | "mediator" => StatusCode::FORBIDDEN,
            _ => StatusCode::OK,
        };
        if want == StatusCode::OK {
            continue; // the desk's and the representative's right to extend is shown in the PKB test
        }
        assert_eq!(res.status(), want, "{who} extends");
        let res = multipart(&app, &client, "/api/v1/regulations", &external, true).await;
        let want = match who {
            "admin" | "pekerja" | "pimpinan" | "mediator" => StatusCode::FORBIDDEN,
            _ => StatusCode::BAD_REQUEST, // another company's or office's: not among theirs
        };
        assert_eq!(res.status(), want, "{who} records an external PP/PKB");
    }
    let res = post(
        &app,
        &desk,
        &format!("/api/v1/regulation-submissions/{id}/steps"),
        json!({"action": "correction", "items": review(&PP_ITEMS, Some("isi_minimal"))}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "the desk reviews");
    let anonymous = plain_client();
    assert_eq!(app.get(&anonymous, "/api/v1/regulation-submissions").await.status(), StatusCode::UNAUTHORIZED);
}

async fn put(app: &TestApp, client: &Client, path: &str, body: Value) -> Response {
    send(app, client, reqwest::Method::PUT, path, &body).await
}

/// The regulation.* audit actions on a record, oldest first.
async fn regulation_audit(app: &TestApp, entity_id: &str) -> Vec<String> {
    let mut actions: Vec<String> = app
        .audit_actions(&app.office_id("3275"), entity_id)
        .await
        .into_iter()
        .filter(|a| a.starts_with("regulation."))
        .collect();
    actions.reverse();
    actions
}

async fn a_pp_goes_from_draft_through_a_correction_to_its_decree(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let head = app.user("pimpinan", "kabid@bekasikota.go.id").await;
    let rep = app.user("perusahaan", "hrd@rotimanis.co.id").await;
    let desk = app.browser_for(&officer).await;
    let cid = company(&app, &desk, "PT Roti Manis", "9120001234567").await;
    company(&app, &desk, "PT Kue Kering", "9120007654321").await;
    link(&app, &desk, &cid, &rep.email).await;
    let compliance = format!("/api/v1/companies/{cid}/compliance");
    assert_eq!(json_ok(app.get(&desk, &compliance).await, StatusCode::OK).await["pp_pkb"]["status"], "no_data");

    // Monday 2 March: the representative starts a draft and tries to send it without documents.
    let company_client = app.browser_for(&rep).await;
    let body = json!({"kind": "pp", "company_id": cid});
    let draft =
        json_ok(post(&app, &company_client, "/api/v1/regulation-submissions", body).await, StatusCode::CREATED).await;
    assert_eq!((draft["status"].as_str(), draft["purpose"].as_str()), (Some("draf"), Some("baru")));
    let id = draft["id"].as_str().expect("id").to_string();
    let path = format!("/api/v1/regulation-submissions/{id}");
    let detail = json_ok(app.get(&company_client, &path).await, StatusCode::OK).await;
    let gaps: Vec<(String, Option<String>)> = detail["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|g| (g["code"].as_str().unwrap_or_default().into(), g["slot"].as_str().map(str::to_string)))
        .collect();
    let want: Vec<(String, Option<String>)> = vec![
        ("document".into(), Some("naskah".into())),
        ("document".into(), Some("saran".into())),
        ("document".into(), Some("skala_upah".into())),
        ("advice_from".into(), None),
    ];
    assert_eq!(gaps, want);
    assert!(detail["offered_steps"].as_array().expect("steps").contains(&json!("submit")), "offered, then explained");
    let res = post(&app, &company_client, &format!("{path}/steps"), json!({"action": "submit"})).await;
    assert_eq!(json_ok(res, StatusCode::CONFLICT).await["code"], "incomplete");
    let detail = json_ok(app.get(&company_client, &path).await, StatusCode::OK).await;
    assert_eq!(detail["status"], "draf", "nothing changed");
    assert!(detail["received_on"].is_null() && detail["history"].as_array().expect("history").is_empty());

    for slot in ["naskah", "saran", "skala_upah"] {
        let res = api_upload(&app, &company_client, &format!("{path}/documents/{slot}"), "pp.pdf", PDF).await;
        let doc = json_ok(res, StatusCode::CREATED).await;
        assert_eq!(doc["content_type"], "application/pdf", "{slot}");
    }
    let res = api_upload(&app, &company_client, &format!("{path}/documents/lampiran"), "x.pdf", PDF).await;
    assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "invalid_slot");
    let res = put(&app, &company_client, &format!("{path}/details"), json!({"advice_from": "semua"})).await;
    assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "invalid_advice_from");
    let row = json_ok(
        put(&app, &company_client, &format!("{path}/details"), json!({"advice_from": "serikat"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(row["advice_from"], "serikat");
    let detail = json_ok(app.get(&company_client, &path).await, StatusCode::OK).await;
    assert_eq!(detail["gaps"], json!([]), "complete");
    let row = json_ok(
        post(&app, &company_client, &format!("{path}/steps"), json!({"action": "submit"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(row["status"], "diajukan");
    assert_eq!((row["received_on"].as_str(), row["received_via"].as_str()), (Some("2026-03-02"), Some("daring")));
    assert!(
        app.mail_to(&officer.email).await.iter().any(|m| m.body_text.contains("PP PT Roti Manis")),
        "the desk is told of an online submission"
    );

    // The desk's queue: the 6 WD review first, the 30 WD limit (across Nyepi, Idul Fitri and
    // Good Friday) behind it.
    let queue = json_ok(app.get(&desk, "/api/v1/regulation-submissions/queue").await, StatusCode::OK).await;
    let entry = &queue.as_array().expect("queue")[0];
    assert_eq!(entry["submission"]["id"], id.as_str());
    assert_eq!(entry["company_name"], "PT Roti Manis");
    assert_eq!(
        (entry["next_deadline"]["rule"].as_str(), entry["next_deadline"]["due"].as_str()),
        (Some("pp_pemeriksaan"), Some("2026-03-10"))
    );
    assert_eq!(entry["next_deadline"]["days_left"], 6);
    assert_eq!((entry["outer_due"].as_str(), entry["approaching_limit"].as_bool()), (Some("2026-04-21"), Some(false)));

    // Wednesday 4 March: the desk finds the minimum content missing. A not-met item needs its reason.
    app.advance(days(2));
    let desk = app.browser_for(&officer).await;
    let no_reason: Vec<Value> =
        PP_ITEMS.iter().map(|i| json!({"item": i, "met": *i != "isi_minimal", "reason": ""})).collect();
    let res = post(&app, &desk, &format!("{path}/steps"), json!({"action": "correction", "items": no_reason})).await;
    assert_eq!(json_ok(res, StatusCode::CONFLICT).await["code"], "reason_required");
    let res = post(
        &app,
        &desk,
        &format!("{path}/steps"),
        json!({"action": "correction", "items": review(&PP_ITEMS[..5], Some("isi_minimal"))}),
    )
    .await;
    assert_eq!(json_ok(res, StatusCode::CONFLICT).await["code"], "review_incomplete", "every item is answered");
    let step = json!({"action": "correction", "items": review(&PP_ITEMS, Some("isi_minimal"))});
    let row = json_ok(post(&app, &desk, &format!("{path}/steps"), step).await, StatusCode::OK).await;
    assert_eq!(
        (row["status"].as_str(), row["correction_notified_on"].as_str()),
        (Some("perbaikan"), Some("2026-03-04"))
    );
    // 14 working days from Wednesday 4 March skip 18 to 24 March: Tuesday 31 March.
    let detail = json_ok(app.get(&desk, &path).await, StatusCode::OK).await;
    let clock = &detail["deadlines"][0];
    assert_eq!((clock["rule"].as_str(), clock["due"].as_str()), (Some("pp_perbaikan"), Some("2026-03-31")));
    let skipped: Vec<&str> =
        clock["skipped"].as_array().expect("skipped").iter().filter_map(|s| s["date"].as_str()).collect();
    for d in ["2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24"] {
        assert!(skipped.contains(&d), "{d} in {skipped:?}");
    }
    let eid =
        clock["skipped"].as_array().expect("skipped").iter().find(|s| s["date"] == "2026-03-23").expect("23 March");
    assert!(eid["reason"].as_str().expect("reason").contains("Idul Fitri"), "{eid}");
    let reviews = detail["reviews"].as_array().expect("reviews");
    assert_eq!(reviews.len(), 6);
    let unmet: Vec<&Value> = reviews.iter().filter(|r| r["met"] == false).collect();
    assert_eq!(unmet.len(), 1);
    assert_eq!(
        (unmet[0]["item"].as_str(), unmet[0]["reason"].as_str()),
        (Some("isi_minimal"), Some("Tidak memuat tata tertib kerja."))
    );
    let notice = app.mail_to(&rep.email).await.into_iter().last().expect("the correction notice");
    assert!(
        notice.body_text.contains("Memuat hak dan kewajiban pengusaha dan pekerja, syarat kerja, tata tertib")
            && notice.body_text.contains("Tidak memuat tata tertib kerja."),
        "the item and its reason: {}",
        notice.body_text
    );
    assert!(notice.body_text.contains("Selasa, 31 Maret 2026"), "the resubmission date: {}", notice.body_text);

    // Friday 6 March: a corrected text, resubmitted; the desk finds it compliant.
    app.advance(days(2));
    let company_client = app.browser_for(&rep).await;
    let res = api_upload(&app, &company_client, &format!("{path}/documents/naskah"), "pp-perbaikan.pdf", PDF).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let row = json_ok(
        post(&app, &company_client, &format!("{path}/steps"), json!({"action": "resubmit"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((row["status"].as_str(), row["received_on"].as_str()), (Some("diajukan"), Some("2026-03-06")));
    assert_eq!(row["first_received_on"], "2026-03-02");
    let detail = json_ok(app.get(&company_client, &path).await, StatusCode::OK).await;
    let naskah = detail["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["slot"] == "naskah")
        .expect("naskah")
        .clone();
    assert_eq!(naskah["documents"].as_array().map(Vec::len), Some(2), "the earlier text stays on record");
    assert_eq!(naskah["documents"][0]["filename"], "pp-perbaikan.pdf", "newest first");
    let desk = app.browser_for(&officer).await;
    let step = json!({"action": "compliant", "items": review(&PP_ITEMS, None)});
    let row = json_ok(post(&app, &desk, &format!("{path}/steps"), step).await, StatusCode::OK).await;
    assert_eq!((row["status"].as_str(), row["compliant_on"].as_str()), (Some("memenuhi_syarat"), Some("2026-03-06")));

    // Monday 9 March: the head issues the decree, valid two years less a day.
    app.advance(days(3));
    let (desk, company_client) = (app.browser_for(&officer).await, app.browser_for(&rep).await);
    let head_client = app.browser_for(&head).await;
    let row =
        json_ok(post(&app, &head_client, &format!("{path}/steps"), json!({"action": "decide"})).await, StatusCode::OK)
            .await;
    assert_eq!((row["status"].as_str(), row["decided_on"].as_str()), (Some("disahkan"), Some("2026-03-09")));
    let detail = json_ok(app.get(&company_client, &path).await, StatusCode::OK).await;
    let reg = detail["regulation"].clone();
    assert_eq!(reg["number"], "560/001/PP-HI/2026");
    assert_eq!((reg["origin"].as_str(), reg["issuer_level"].as_str()), (Some("sk"), Some("kabkota")));
    assert_eq!((reg["valid_from"].as_str(), reg["valid_until"].as_str()), (Some("2026-03-09"), Some("2028-03-08")));
    assert_eq!(reg["in_force"], true);
    assert_eq!(detail["offered_steps"], json!([]), "nothing more to do");
    assert!(detail["deadlines"].as_array().expect("deadlines").is_empty() && detail["deemed_warning_on"].is_null());
    let steps: Vec<(String, String, String)> = detail["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|h| {
            let s = |k: &str| h[k].as_str().unwrap_or_default().to_string();
            (s("action"), s("actor_role"), s("to_status"))
        })
        .collect();
    let want: Vec<(String, String, String)> = [
        ("submit", "perusahaan", "diajukan"),
        ("correction", "petugas", "perbaikan"),
        ("resubmit", "perusahaan", "diajukan"),
        ("compliant", "petugas", "memenuhi_syarat"),
        ("decide", "pimpinan", "disahkan"),
    ]
    .iter()
    .map(|(a, r, t)| (a.to_string(), r.to_string(), t.to_string()))
    .collect();
    assert_eq!(steps, want, "one history row per step, none for the refusals");
    assert_eq!(detail["history"][4]["actor_name"], "Pengguna pimpinan");
    assert_eq!(
        regulation_audit(&app, &id).await,
        [
            "regulation.create",
            "regulation.update",
            "regulation.submit",
            "regulation.correction",
            "regulation.resubmit",
            "regulation.compliant",
            "regulation.decide"
        ]
    );
    let mail = app.mail_to(&rep.email).await.into_iter().last().expect("the decision");
    assert!(mail.body_text.contains("Nomor 560/001/PP-HI/2026"), "{}", mail.body_text);
    let criterion = json_ok(app.get(&desk, &compliance).await, StatusCode::OK).await["pp_pkb"].clone();
    assert_eq!((criterion["status"].as_str(), criterion["since"].as_str()), (Some("met"), Some("2026-03-09")));

    // The regulation, as the company sees it.
    let rid = reg["id"].as_str().expect("id");
    let one = json_ok(app.get(&company_client, &format!("/api/v1/regulations/{rid}")).await, StatusCode::OK).await;
    assert_eq!((one["company"]["name"].as_str(), one["in_force"].as_bool()), (Some("PT Roti Manis"), Some(true)));
    assert_eq!((one["renewal"]["rule"].as_str(), one["can_extend"].as_bool()), (Some("pp_perpanjangan"), Some(true)));
    let list = json_ok(app.get(&company_client, "/api/v1/regulations").await, StatusCode::OK).await;
    assert_eq!((list["total"].as_i64(), list["page_size"].as_i64()), (Some(1), Some(25)));
    assert_eq!(list["items"][0]["company_name"], "PT Roti Manis");

    // The next decree of the year takes the next number.
    let other = paper_pp(&app, &desk, "9120007654321", "2026-03-09").await;
    let step = json!({"action": "compliant", "items": review(&PP_ITEMS, None)});
    json_ok(post(&app, &desk, &format!("/api/v1/regulation-submissions/{other}/steps"), step).await, StatusCode::OK)
        .await;
    json_ok(
        post(&app, &head_client, &format!("/api/v1/regulation-submissions/{other}/steps"), json!({"action": "decide"}))
            .await,
        StatusCode::OK,
    )
    .await;
    let detail =
        json_ok(app.get(&desk, &format!("/api/v1/regulation-submissions/{other}")).await, StatusCode::OK).await;
    assert_eq!(detail["regulation"]["number"], "560/002/PP-HI/2026");
    assert_eq!(detail["received_via"], "loket");

    // The list filters, and refuses what it does not know.
    let list =
        json_ok(app.get(&desk, "/api/v1/regulation-submissions?kind=pp&status=disahkan").await, StatusCode::OK).await;
    assert_eq!(list["total"], 2);
    let list =
        json_ok(app.get(&desk, &format!("/api/v1/regulation-submissions?company_id={cid}")).await, StatusCode::OK)
            .await;
    assert_eq!((list["total"].as_i64(), list["items"][0]["company_name"].as_str()), (Some(1), Some("PT Roti Manis")));
    let list = json_ok(app.get(&desk, "/api/v1/regulation-submissions?kind=pkb").await, StatusCode::OK).await;
    assert_eq!(list["total"], 0);
    for bad in ["kind=peraturan", "status=selesai", "page=0"] {
        let res = app.get(&desk, &format!("/api/v1/regulation-submissions?{bad}")).await;
        assert_eq!(header(res.headers(), "content-type"), "application/problem+json", "{bad}");
        assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "invalid_parameter", "{bad}");
    }
    assert!(
        json_ok(app.get(&desk, "/api/v1/regulation-submissions/queue").await, StatusCode::OK)
            .await
            .as_array()
            .expect("queue")
            .is_empty(),
        "decided files leave the queue"
    );
}

async fn an_external_pp_of_a_company_in_several_kabkota_counts(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let rep = app.user("perusahaan", "hrd@lintas.co.id").await;
    let desk = app.browser_for(&officer).await;
    let body = json!({
        "name": "PT Lintas Jabar", "legal_form": "pt", "nib": "9120002223334", "kbli_code": "49431",
        "address": "Jl. Raya Narogong No. 8", "kecamatan_code": "32.75.09", "kelurahan": "Jatiasih",
        "footprint": "multi_kabkota", "size_class": "besar", "workers_male": "150", "workers_female": "50",
        "workers_pkwt": "80", "workers_pkwtt": "120", "workforce_reported_on": "2026-02-01", "contact_name": "Pak Dedi"
    });
    let cid = json_ok(post(&app, &desk, "/api/v1/companies", body).await, StatusCode::CREATED).await["id"]
        .as_str()
        .expect("id")
        .to_string();
    link(&app, &desk, &cid, &rep.email).await;
    let company_client = app.browser_for(&rep).await;

    // Its PP is the province's to ratify: the office does not take the submission.
    let res =
        post(&app, &company_client, "/api/v1/regulation-submissions", json!({"kind": "pp", "company_id": cid})).await;
    assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "other_jurisdiction");
    let compliance = format!("/api/v1/companies/{cid}/compliance");
    assert_eq!(json_ok(app.get(&desk, &compliance).await, StatusCode::OK).await["pp_pkb"]["status"], "no_data");

    let decree = |until: &'static str, level: &'static str| {
        vec![
            ("kind", "pp"),
            ("nib", "9120002223334"),
            ("issuer_level", level),
            ("issuer_name", "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat"),
            ("number", "561/Kep.104-Disnakertrans/2026"),
            ("issued_on", "2026-01-05"),
            ("valid_from", "2026-01-05"),
            ("valid_until", until),
        ]
    };
    let res = multipart(&app, &desk, "/api/v1/regulations", &decree("2028-01-05", "provinsi"), true).await;
    assert_eq!(
        json_ok(res, StatusCode::BAD_REQUEST).await["code"],
        "validity_too_long",
        "two years less a day at most"
    );
    let res = multipart(&app, &desk, "/api/v1/regulations", &decree("2028-01-04", "kabkota"), true).await;
    assert_eq!(
        json_ok(res, StatusCode::BAD_REQUEST).await["code"],
        "invalid_issuer_level",
        "the office's own go through a submission"
    );
    let res = multipart(&app, &desk, "/api/v1/regulations", &decree("2028-01-04", "provinsi"), false).await;
    assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "document_required");
    let list = json_ok(app.get(&desk, "/api/v1/regulations").await, StatusCode::OK).await;
    assert_eq!(list["total"], 0, "the refusals recorded nothing");

    let res = multipart(&app, &desk, "/api/v1/regulations", &decree("2028-01-04", "provinsi"), true).await;
    let reg = json_ok(res, StatusCode::CREATED).await;
    assert_eq!((reg["origin"].as_str(), reg["issuer_level"].as_str()), (Some("eksternal"), Some("provinsi")));
    assert_eq!(
        (reg["number"].as_str(), reg["ends_on"].as_str()),
        (Some("561/Kep.104-Disnakertrans/2026"), Some("2028-01-04"))
    );
    assert_eq!(reg["in_force"], true);
    let criterion = json_ok(app.get(&desk, &compliance).await, StatusCode::OK).await["pp_pkb"].clone();
    assert_eq!((criterion["status"].as_str(), criterion["since"].as_str()), (Some("met"), Some("2026-01-05")));

    // The company sees it with its decree.
    let rid = reg["id"].as_str().expect("id");
    let one = json_ok(app.get(&company_client, &format!("/api/v1/regulations/{rid}")).await, StatusCode::OK).await;
    assert_eq!(one["documents"].as_array().map(Vec::len), Some(1));
    assert_eq!(one["documents"][0]["content_type"], "application/pdf");
    assert_eq!(one["issuer_name"], "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat");
    let list =
        json_ok(app.get(&company_client, &format!("/api/v1/regulations?company_id={cid}")).await, StatusCode::OK).await;
    assert_eq!((list["total"].as_i64(), list["items"][0]["company_name"].as_str()), (Some(1), Some("PT Lintas Jabar")));
    assert_eq!(regulation_audit(&app, rid).await, ["regulation.external"]);

    // A PP is extended only while a PKB is being negotiated, and by a year at most.
    let basis = [("extended_until", "2029-01-04"), ("note", "Perundingan PKB sejak Februari 2026.")];
    let res = multipart(&app, &company_client, &format!("/api/v1/regulations/{rid}/extension"), &basis, true).await;
    assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "pkb_not_negotiating");
    let thirteen =
        [("extended_until", "2029-02-04"), ("pkb_negotiating", "on"), ("note", "Perundingan PKB sejak Februari 2026.")];
    let res = multipart(&app, &company_client, &format!("/api/v1/regulations/{rid}/extension"), &thirteen, true).await;
    assert_eq!(json_ok(res, StatusCode::BAD_REQUEST).await["code"], "extension_too_long", "13 months");
    let twelve = [
        ("extended_until", "2029-01-04"),
        ("pkb_negotiating", "true"),
        ("note", "Perundingan PKB sejak Februari 2026."),
    ];
    let res = multipart(&app, &company_client, &format!("/api/v1/regulations/{rid}/extension"), &twelve, true).await;
    let extended = json_ok(res, StatusCode::OK).await;
    assert_eq!(
        (extended["extended_until"].as_str(), extended["ends_on"].as_str()),
        (Some("2029-01-04"), Some("2029-01-04"))
    );
    let one = json_ok(app.get(&company_client, &format!("/api/v1/regulations/{rid}")).await, StatusCode::OK).await;
    assert_eq!((one["documents"].as_array().map(Vec::len), one["can_extend"].as_bool()), (Some(2), Some(false)));
}

both_backends!(
    a_compliant_pp_without_a_decree_is_deemed_ratified_the_day_after_30_working_days,
    a_correction_not_resubmitted_in_14_working_days_lapses,
    a_pkb_is_registered_and_extended_once,
    every_route_is_authorised,
    a_pp_goes_from_draft_through_a_correction_to_its_decree,
    an_external_pp_of_a_company_in_several_kabkota_counts,
);
