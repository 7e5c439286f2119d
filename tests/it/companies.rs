//! The company register: validation, who sees and changes which company, representatives,
//! the audit trail, filters and the CSV export.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

fn company(name: &str, nib: &str, kecamatan: &str, kelurahan: &str) -> Value {
    json!({
        "name": name, "legal_form": "pt", "nib": nib, "npwp": "01.234.567.8-901.000",
        "kbli_code": "10792", "kbli_edition": "2020", "address": "Jl. Industri No. 1",
        "kecamatan_code": kecamatan, "kelurahan": kelurahan, "footprint": "kota", "size_class": "menengah",
        "workers_male": "60", "workers_female": "40", "workers_pkwt": "30", "workers_pkwtt": "70",
        "workforce_reported_on": "2026-02-01", "wlkp_registered": true, "wlkp_registered_on": "2025-05-10",
        "contact_name": "Bu Ani (HRD)", "contact_phone": "0812-3456-7890", "contact_email": "hrd@contoh.co.id"
    })
}

async fn register(app: &TestApp, client: &Client, body: Value) -> reqwest::Response {
    let csrf = app.csrf(client).await;
    client.post(app.url("/api/v1/companies")).header("x-csrf-token", csrf).json(&body).send().await.expect("post")
}

async fn id_of(res: reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_string()
}

async fn officers_register_companies_and_bad_input_is_explained(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;

    let cases = [
        ("nib", json!("912000123456"), "invalid_nib"),
        ("npwp", json!("1234"), "invalid_npwp"),
        ("kbli_code", json!("1079"), "invalid_kbli"),
        ("kelurahan", json!("Jatiasih"), "kelurahan_not_in_kecamatan"),
        ("workers_pkwtt", json!("10"), "workforce_mismatch"),
        ("contact_phone", json!("12345"), "invalid_phone"),
    ];
    for (field, value, code) in cases {
        let mut body = company("PT Sinar Bekasi", "9120001234567", "32.75.01", "Margahayu");
        body[field] = value;
        let res = register(&app, &client, body).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{field}");
        let problem: Value = res.json().await.expect("json");
        assert_eq!(problem["code"], code, "{field}");
    }

    let res = register(&app, &client, company("PT Sinar Bekasi", "9120 0012 3456 7", "32.75.01", "margahayu")).await;
    let id = id_of(res).await;
    let got: Value = app.get(&client, &format!("/api/v1/companies/{id}")).await.json().await.expect("json");
    assert_eq!(got["nib"], "9120001234567");
    assert_eq!(got["npwp"], "0012345678901000", "the 15-digit NPWP is stored as 16 digits");
    assert_eq!(got["contact_phone"], "+6281234567890");
    assert_eq!(got["kelurahan"], "Margahayu");
    assert_eq!(got["workers_total"], 100);

    let res = register(&app, &client, company("PT Lain", "9120001234567", "32.75.01", "Margahayu")).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let problem: Value = res.json().await.expect("json");
    assert!(
        problem["detail"].as_str().unwrap_or_default().contains("PT Sinar Bekasi"),
        "points at the existing company: {problem}"
    );

    // The page form explains a kelurahan in the wrong kecamatan in Indonesian and keeps the input.
    let res = app
        .post_form(
            &client,
            "/perusahaan",
            &[
                ("name", "CV Baru"),
                ("legal_form", "cv"),
                ("nib", "9120009999999"),
                ("kbli_code", "47111"),
                ("address", "Jl. Pasar No. 2"),
                ("kecamatan_code", "32.75.01"),
                ("kelurahan", "Jatiasih"),
                ("footprint", "kota"),
                ("size_class", "kecil"),
                ("contact_name", "Pak Budi"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = res.text().await.expect("body");
    assert!(page.contains("tidak ada di Kecamatan Bekasi Timur") && page.contains("CV Baru"), "{page}");

    let mut changed = company("PT Sinar Bekasi Jaya", "9120001234567", "32.75.01", "Margahayu");
    changed["contact_phone"] = json!("021-8841174");
    let csrf = app.csrf(&client).await;
    let res = client
        .put(app.url(&format!("/api/v1/companies/{id}")))
        .header("x-csrf-token", csrf)
        .json(&changed)
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), StatusCode::OK);
    let actions = app.audit_actions(&officer.office_id, &id).await;
    assert_eq!(actions, vec!["company.update".to_string(), "company.create".to_string()]);
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let admin_client = app.browser_for(&admin).await;
    let (_, audit) = app.get_text(&admin_client, &format!("/admin/audit?entity_id={id}&action=company.update")).await;
    assert!(audit.contains("PT Sinar Bekasi Jaya") && audit.contains("+62218841174"), "the audit names what changed");
}

async fn representatives_see_and_change_only_their_own_company(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let a = id_of(register(&app, &client, company("PT Alfa", "9120000000001", "32.75.09", "Jatiasih")).await).await;
    let b = id_of(register(&app, &client, company("PT Beta", "9120000000002", "32.75.09", "Jatirasa")).await).await;

    let res = app
        .post_form(
            &client,
            &format!("/perusahaan/{a}/perwakilan"),
            &[("email", "hrd@alfa.co.id"), ("full_name", "Rina HRD Alfa")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let link = app.link_mailed_to("hrd@alfa.co.id").await;
    let rep = browser();
    let form = app.get_text(&rep, &link).await.1;
    let token = csrf_from(&form);
    let res = rep
        .post(app.url(&link))
        .form(&[("csrf_token", token.as_str()), ("password", PASSWORD), ("password_confirm", PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let (_, list) = app.get_text(&rep, "/perusahaan").await;
    assert!(list.contains("PT Alfa") && !list.contains("PT Beta"), "a representative lists only their company");
    assert!(list.contains("Perusahaan saya"));
    assert_eq!(app.get(&rep, &format!("/perusahaan/{b}")).await.status(), StatusCode::NOT_FOUND, "guessed id");
    assert_eq!(app.get(&rep, &format!("/perusahaan/{b}/ubah")).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get(&rep, &format!("/api/v1/companies/{b}")).await.status(), StatusCode::NOT_FOUND);
    let csrf = app.csrf(&rep).await;
    let res = rep
        .put(app.url(&format!("/api/v1/companies/{b}")))
        .header("x-csrf-token", &csrf)
        .json(&company("PT Beta Diambil", "9120000000002", "32.75.09", "Jatirasa"))
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "cannot change another company");
    let listed: Value = app.get(&rep, "/api/v1/companies").await.json().await.expect("json");
    assert_eq!(listed["total"], 1);

    let mut own = company("PT Alfa", "9120000000001", "32.75.09", "Jatiasih");
    own["contact_email"] = json!("personalia@alfa.co.id");
    let res = rep
        .put(app.url(&format!("/api/v1/companies/{a}")))
        .header("x-csrf-token", &csrf)
        .json(&own)
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), StatusCode::OK, "a representative keeps their own company's profile");
    own["status"] = json!("closed");
    let res = rep
        .put(app.url(&format!("/api/v1/companies/{a}")))
        .header("x-csrf-token", &csrf)
        .json(&own)
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "but not its status");
    assert_eq!(
        app.post_form(&rep, "/perusahaan", &[("name", "PT Baru")]).await.status(),
        StatusCode::FORBIDDEN,
        "nor register companies"
    );

    let worker = app.user("pekerja", "buruh@gmail.com").await;
    let worker_client = app.browser_for(&worker).await;
    assert_eq!(
        app.get(&worker_client, "/perusahaan").await.status(),
        StatusCode::FORBIDDEN,
        "workers never see company records"
    );
    assert_eq!(app.get(&worker_client, &format!("/api/v1/companies/{a}")).await.status(), StatusCode::FORBIDDEN);

    let other_office = app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await;
    let other = app.browser_for(&other_office).await;
    assert_eq!(
        app.get(&other, &format!("/perusahaan/{a}")).await.status(),
        StatusCode::NOT_FOUND,
        "another office does not see it"
    );

    let actions = app.audit_actions(&officer.office_id, &a).await;
    assert!(
        actions.contains(&"company.representative_add".to_string()) && actions.contains(&"company.update".to_string()),
        "{actions:?}"
    );

    // The change history is for the office's staff: it names the officers.
    let (_, staff_page) = app.get_text(&client, &format!("/perusahaan/{a}")).await;
    assert!(
        staff_page.contains("Riwayat perubahan") && staff_page.contains("company.representative_add"),
        "staff see the timeline"
    );
    let (_, rep_page) = app.get_text(&rep, &format!("/perusahaan/{a}")).await;
    assert!(!rep_page.contains("Riwayat perubahan"), "representatives do not");
}

async fn the_register_filters_and_exports_what_it_shows(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    id_of(register(&app, &client, company("PT Jati Makmur", "9120000000011", "32.75.09", "Jatiasih")).await).await;
    let rawa =
        id_of(register(&app, &client, company("PT Rawa Indah", "9120000000012", "32.75.05", "Pengasinan")).await).await;
    let mut formula = company("=HYPERLINK(\"http://x\")", "9120000000013", "32.75.09", "Jatirasa");
    formula["size_class"] = json!("besar");
    id_of(register(&app, &client, formula).await).await;

    let (_, page) = app.get_text(&client, "/perusahaan?kecamatan=32.75.09").await;
    assert!(page.contains("PT Jati Makmur") && !page.contains("PT Rawa Indah"));
    let (_, page) = app.get_text(&client, "/perusahaan?q=rawa").await;
    assert!(page.contains("PT Rawa Indah") && !page.contains("PT Jati Makmur"));
    let (_, page) = app.get_text(&client, "/perusahaan?q=9120000000011").await;
    assert!(page.contains("PT Jati Makmur") && !page.contains("PT Rawa Indah"), "search by NIB");
    let (_, page) = app.get_text(&client, "/perusahaan?q=TI%20MAK").await;
    assert!(page.contains("PT Jati Makmur") && !page.contains("PT Rawa Indah"), "any part of the name, any case");
    let (_, page) = app.get_text(&client, "/perusahaan?q=wa").await;
    assert!(page.contains("PT Rawa Indah") && !page.contains("PT Jati Makmur"), "two letters are enough");
    let (_, page) = app.get_text(&client, "/perusahaan?q=%22rawa%22%20OR%20jati").await;
    assert!(!page.contains("PT Rawa Indah") && !page.contains("PT Jati Makmur"), "quotes and words are plain text");

    // A renamed company is found by its new name only.
    let csrf = app.csrf(&client).await;
    let res = client
        .put(app.url(&format!("/api/v1/companies/{rawa}")))
        .header("x-csrf-token", csrf)
        .json(&company("PT Rawa Sentosa", "9120000000012", "32.75.05", "Pengasinan"))
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), StatusCode::OK);
    let (_, page) = app.get_text(&client, "/perusahaan?q=sentosa").await;
    assert!(page.contains("PT Rawa Sentosa"), "found by the new name");
    let (_, page) = app.get_text(&client, "/perusahaan?q=indah").await;
    assert!(!page.contains("PT Rawa"), "no longer by the old one");

    let res = app.get(&client, "/perusahaan.csv?kecamatan=32.75.09").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(header(res.headers(), "content-disposition").contains("attachment"));
    let csv = res.text().await.expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "header and the two companies of Jatiasih: {csv}");
    assert!(lines[0].starts_with("nama,bentuk,nib"));
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "a formula is neutralised: {csv}");
    assert!(!csv.contains("PT Rawa Indah"));
}

async fn compliance_records_count_as_of_their_dates(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let id =
        id_of(register(&app, &client, company("PT Kepatuhan", "9120000000021", "32.75.09", "Jatiasih")).await).await;
    let profile = |date: &str| format!("/perusahaan/{id}/kepatuhan?tanggal={date}");

    let (status, page) = app.get_text(&client, &profile("2026-03-01")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches("Belum ada data").count(), 7, "four criteria without data and three empty lists: {page}");

    // LKS Bipartit: equal sides, then valid for its three-year term once recorded.
    let unequal = "Andi; pengusaha; ketua\nBudi; pengusaha; anggota\nCici; pengusaha; anggota\nDedi; pengusaha; anggota\nEka; pekerja; wakil_ketua\nFajar; pekerja; sekretaris";
    let res = app
        .post_form(
            &client,
            &format!("/perusahaan/{id}/lks"),
            &[
                ("formed_on", "2023-03-01"),
                ("registration_number", "568/LKS/2023"),
                ("registered_on", "2023-03-20"),
                ("members", unequal),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("sama banyak"), "unequal sides are explained");
    let members = "Andi; pengusaha; ketua\nBudi; pengusaha; anggota\nCici; pengusaha; sekretaris\nDedi; pekerja; wakil_ketua\nEka; pekerja; anggota\nFajar; pekerja; anggota";
    let res = app
        .post_form(
            &client,
            &format!("/perusahaan/{id}/lks"),
            &[
                ("formed_on", "2023-03-01"),
                ("registration_number", "568/LKS/2023"),
                ("registered_on", "2023-03-20"),
                ("members", members),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.get_text(&client, &profile("2025-01-01")).await;
    assert!(page.contains("Terpenuhi sejak Senin, 20 Maret 2023"), "{page}");
    let (_, page) = app.get_text(&client, &profile("2026-03-01")).await;
    assert!(page.contains("Masa bakti berakhir 2026-03-01"), "the term has ended three years after formation");

    // Wage scale: met in 2025, below the 2026 UMK of Rp5.999.443 a year later.
    let grades = "I; Operator; 5.700.000; 6.000.000\nII; Staf; 6.500.000; 8.000.000";
    let res = app
        .post_form(
            &client,
            &format!("/perusahaan/{id}/skala-upah"),
            &[("effective_on", "2025-01-01"), ("workers_informed", "true"), ("grades", grades)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.get_text(&client, &profile("2025-06-01")).await;
    assert!(page.contains("Terpenuhi sejak Rabu, 1 Januari 2025"), "{page}");
    let (_, page) = app.get_text(&client, &profile("2026-02-01")).await;
    assert!(page.contains("Golongan terendah Rp5.700.000 di bawah UMK 2026 (Rp5.999.443)"), "{page}");
    let res = app
        .post_form(
            &client,
            &format!("/perusahaan/{id}/skala-upah"),
            &[("effective_on", "2026-01-01"), ("grades", "I; Operator; 6.500.000; 6.000.000")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "a minimum above the maximum is refused");

    // BPJS: a medium company needs JKK, JKM, JHT, JP and JKP.
    let res = app
        .post_form(
            &client,
            &format!("/perusahaan/{id}/bpjs"),
            &[
                ("npp", "12345678"),
                ("registered_on", "2020-01-15"),
                ("programmes", "JKK"),
                ("programmes", "JKM"),
                ("programmes", "JHT"),
                ("workers_enrolled", "95"),
                ("as_of", "2026-01-31"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .post_form(
            &client,
            &format!("/perusahaan/{id}/bpjs"),
            &[
                ("npp", "12345678"),
                ("registered_on", "2020-01-15"),
                ("programmes", "JKK"),
                ("programmes", "JKM"),
                ("programmes", "JHT"),
                ("programmes", "JP"),
                ("programmes", "JKP"),
                ("workers_enrolled", "98"),
                ("as_of", "2026-02-28"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.get_text(&client, &profile("2026-02-15")).await;
    assert!(page.contains("Program wajib belum diikuti: JP, JKP"), "{page}");
    let (_, page) = app.get_text(&client, &profile("2026-03-01")).await;
    assert!(page.contains("Terpenuhi sejak Sabtu, 28 Februari 2026"), "{page}");

    let actions = app.audit_actions(&officer.office_id, &id).await;
    for expected in ["company.lks_add", "company.wage_scale_add", "company.bpjs_add"] {
        assert!(actions.iter().any(|a| a == expected), "{expected} in {actions:?}");
    }
    assert_eq!(actions.iter().filter(|a| *a == "company.lks_add").count(), 1, "the refused LKS left no trace");

    // Who may record: not a mediator (reads only), not another company's representative.
    let mediator = app.user("mediator", "mediator@bekasikota.go.id").await;
    let m = app.browser_for(&mediator).await;
    assert_eq!(app.get(&m, &profile("2026-03-01")).await.status(), StatusCode::OK, "staff read the profile");
    let res = app
        .post_form(
            &m,
            &format!("/perusahaan/{id}/bpjs"),
            &[("npp", "1"), ("registered_on", "2020-01-15"), ("workers_enrolled", "1"), ("as_of", "2026-03-01")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let other = id_of(register(&app, &client, company("PT Lain", "9120000000022", "32.75.09", "Jatiasih")).await).await;
    let res = app
        .post_form(
            &client,
            &format!("/perusahaan/{other}/perwakilan"),
            &[("email", "hrd@lain.co.id"), ("full_name", "HRD Lain")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let link = app.link_mailed_to("hrd@lain.co.id").await;
    let rep = browser();
    let token = csrf_from(&app.get_text(&rep, &link).await.1);
    rep.post(app.url(&link))
        .form(&[("csrf_token", token.as_str()), ("password", PASSWORD), ("password_confirm", PASSWORD)])
        .send()
        .await
        .expect("activate");
    assert_eq!(app.get(&rep, &profile("2026-03-01")).await.status(), StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            &rep,
            &format!("/perusahaan/{id}/bpjs"),
            &[("npp", "1"), ("registered_on", "2020-01-15"), ("workers_enrolled", "1"), ("as_of", "2026-03-01")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "another company's representative cannot record here");
}

async fn compliance_records_through_the_api(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let id = id_of(register(&app, &client, company("PT API", "9120000000031", "32.75.09", "Jatiasih")).await).await;
    let csrf = app.csrf(&client).await;
    let post =
        |path: String, body: Value| client.post(app.url(&path)).header("x-csrf-token", csrf.clone()).json(&body).send();

    let res = post(
        format!("/api/v1/companies/{id}/lks-bipartit"),
        json!({"formed_on": "2024-01-10", "members": "Andi; pengusaha; ketua\nBudi; pekerja; anggota\nCici; pekerja; anggota"}),
    )
    .await
    .expect("post");
    let status = res.status();
    let problem: Value = res.json().await.expect("json");
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
    assert_eq!((problem["code"].as_str(), problem["field"].as_str()), (Some("lks_sides_unequal"), Some("members")));

    let res = post(format!("/api/v1/companies/{id}/bpjs"), json!({"npp": "87654321", "registered_on": "2021-05-01", "programmes": ["JKK", "JKM", "JHT", "JP", "JKP"], "workers_enrolled": "100", "as_of": "2026-01-31"})).await.expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = post(format!("/api/v1/companies/{id}/bpjs"), json!({"npp": "87654321", "registered_on": "2021-05-01", "programmes": ["JKK"], "workers_enrolled": "100", "as_of": "2026-01-31"})).await.expect("post");
    assert_eq!(res.status(), StatusCode::CONFLICT, "one figure per date");

    let before: Value = app
        .get(&client, &format!("/api/v1/companies/{id}/compliance?date=2026-01-30"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(before["bpjs"]["status"], "no_data");
    assert_eq!(before["lks_bipartit"]["status"], "no_data", "100 workers: an LKS is required");
    let after: Value = app
        .get(&client, &format!("/api/v1/companies/{id}/compliance?date=2026-02-01"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(after["bpjs"]["status"], "met");
    assert_eq!(after["bpjs"]["since"], "2026-01-31");
    let res = app.get(&client, &format!("/api/v1/companies/{id}/compliance?date=kemarin")).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

async fn upload(app: &TestApp, client: &Client, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let csrf = app.csrf(client).await;
    let form = reqwest::multipart::Form::new()
        .part("berkas", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    client.post(app.url(&format!("/perusahaan/impor?csrf_token={csrf}"))).multipart(form).send().await.expect("upload")
}

async fn a_company_file_is_previewed_then_imported_once(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let header = harmoni::companies::import::COLUMNS.join(",");
    let line = |name: &str, nib: &str, kelurahan: &str| {
        format!("{name},pt,{nib},,10792,2020,Jl. Impor No. 1,Jatiasih,{kelurahan},tidak,kota,kecil,10,5,5,10,15,2026-01-31,tidak,,active,Bu Ani,,")
    };
    let file = [
        header.clone(),
        line("PT Impor Satu", "9120000000051", "Jatiasih"),
        line("PT Impor Dua", "91200000", "Jatiasih"),
        line("PT Impor Tiga", "9120000000053", "Margahayu"),
    ]
    .join("\n");

    // The upload without a token is refused like any other form.
    let form = reqwest::multipart::Form::new()
        .part("berkas", reqwest::multipart::Part::bytes(file.clone().into_bytes()).file_name("x.csv"));
    assert_eq!(
        client.post(app.url("/perusahaan/impor")).multipart(form).send().await.expect("post").status(),
        StatusCode::FORBIDDEN
    );

    let res = upload(&app, &client, "wlkp.csv", file.clone().into_bytes()).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let preview = location(&res);
    let (_, page) = app.get_text(&client, &preview).await;
    assert!(page.contains("1 baru") && page.contains("2 bermasalah"), "{page}");
    assert!(
        page.contains("NIB harus 13 angka") && page.contains("tidak ada di Kecamatan Jatiasih"),
        "each bad line says why"
    );

    let res = app.post_form(&client, &preview, &[("mode", "all")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.expect("body").contains("Tidak ada yang diimpor"));
    let listed: Value = app.get(&client, "/api/v1/companies").await.json().await.expect("json");
    assert_eq!(listed["total"], 0, "all or nothing: nothing");

    let res = app.post_form(&client, &preview, &[("mode", "valid")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let listed: Value = app.get(&client, "/api/v1/companies").await.json().await.expect("json");
    assert_eq!(listed["total"], 1);
    assert_eq!(
        app.post_form(&client, &preview, &[("mode", "valid")]).await.status(),
        StatusCode::CONFLICT,
        "an import applies once"
    );

    // The corrected file, twice: the first adds the rest, the second changes nothing.
    let fixed = [
        header,
        line("PT Impor Satu", "9120000000051", "Jatiasih"),
        line("PT Impor Dua", "9120000000052", "Jatiasih"),
        line("PT Impor Tiga", "9120000000053", "Jatirasa"),
    ]
    .join("\n");
    for expected in [3, 3] {
        let res = upload(&app, &client, "wlkp-perbaikan.csv", fixed.clone().into_bytes()).await;
        let preview = location(&res);
        assert_eq!(app.post_form(&client, &preview, &[("mode", "all")]).await.status(), StatusCode::SEE_OTHER);
        let listed: Value = app.get(&client, "/api/v1/companies").await.json().await.expect("json");
        assert_eq!(listed["total"], expected);
    }
    let actions = app.audit_actions(&officer.office_id, preview.trim_start_matches("/perusahaan/impor/")).await;
    assert!(
        actions.contains(&"company.import".to_string()) && actions.contains(&"company.import_upload".to_string()),
        "{actions:?}"
    );

    // The export reads back in: every company is already registered.
    let export = app.get(&client, "/perusahaan.csv").await.text().await.expect("csv");
    let res = upload(&app, &client, "ekspor.csv", export.into_bytes()).await;
    let (_, page) = app.get_text(&client, &location(&res)).await;
    assert!(page.contains("0 baru") && page.contains("3 sudah terdaftar") && page.contains("0 bermasalah"), "{page}");

    let res = upload(&app, &client, "rusak.csv", b"bukan,berkas\n1,2\n".to_vec()).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("Kolom wajib tidak ada"));
    let rep_free = app.user("mediator", "mediator@bekasikota.go.id").await;
    let m = app.browser_for(&rep_free).await;
    assert_eq!(
        upload(&app, &m, "x.csv", fixed.into_bytes()).await.status(),
        StatusCode::FORBIDDEN,
        "only officers import"
    );
}

async fn api_import(app: &TestApp, client: &Client, kind: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let csrf = app.csrf(client).await;
    let form = reqwest::multipart::Form::new()
        .part("berkas", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    client
        .post(app.url(&format!("/api/v1/imports?kind={kind}")))
        .header("x-csrf-token", csrf)
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

async fn bpjs_status(app: &TestApp, client: &Client, id: &str) -> Value {
    let c: Value = app.get(client, &format!("/api/v1/companies/{id}/compliance")).await.json().await.expect("json");
    c["bpjs"].clone()
}

async fn bpjs_figures_are_imported_all_or_nothing_and_once(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let a = id_of(register(&app, &client, company("PT Alfa", "9120000000061", "32.75.09", "Jatiasih")).await).await;
    let template = app.get(&client, "/perusahaan/impor-bpjs/templat.csv").await.text().await.expect("csv");
    assert!(template.starts_with("nib,npp,tanggal_terdaftar,program,jumlah_peserta,tanggal_data"), "{template}");

    let file = "nib,npp,tanggal_terdaftar,program,jumlah_peserta,tanggal_data\n\
                9120000000061,12345678,2020-03-01,JKK JKM JHT JP JKP,95,2026-01-31\n\
                9120000000061,12345678,2020-03-01,JKK JKX,95,2025-12-31\n\
                9120000000099,87654321,2021-01-04,JKK JKM,10,2026-01-31\n";
    let res = api_import(&app, &client, "bpjs", "bpjs-januari.csv", file.as_bytes().to_vec()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let preview: Value = res.json().await.expect("json");
    let outcomes: Vec<&str> =
        preview["lines"].as_array().expect("lines").iter().map(|l| l["outcome"].as_str().expect("o")).collect();
    assert_eq!(outcomes, ["new", "invalid", "invalid"]);
    assert_eq!(preview["lines"][0]["name"], "PT Alfa", "the company is found by NIB");
    assert!(preview["lines"][1]["message_id"].as_str().expect("msg").contains("JKX"));
    assert!(preview["lines"][2]["message_id"].as_str().expect("msg").contains("belum terdaftar"));
    let id = preview["id"].as_str().expect("id");

    let apply = |mode: &'static str| {
        let (client, app, id) = (client.clone(), &app, id.to_string());
        async move {
            let csrf = app.csrf(&client).await;
            client
                .post(app.url(&format!("/api/v1/imports/{id}/apply")))
                .header("x-csrf-token", csrf)
                .json(&json!({ "mode": mode }))
                .send()
                .await
                .expect("apply")
        }
    };
    let res = apply("all").await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "import_has_errors");
    assert_eq!(bpjs_status(&app, &client, &a).await["status"], "no_data", "all or nothing: nothing");
    let res = apply("valid").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.expect("json"), json!({"added": 1, "already_registered": 0, "invalid": 2}));
    assert_eq!(bpjs_status(&app, &client, &a).await["status"], "met");
    assert_eq!(bpjs_status(&app, &client, &a).await["since"], "2026-01-31");

    // The same file again, through the page: the figure is already recorded, nothing changes.
    let csrf = app.csrf(&client).await;
    let form = reqwest::multipart::Form::new()
        .part("berkas", reqwest::multipart::Part::bytes(file.as_bytes().to_vec()).file_name("bpjs-januari.csv"));
    let res = client
        .post(app.url(&format!("/perusahaan/impor-bpjs?csrf_token={csrf}")))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let preview = location(&res);
    let (_, page) = app.get_text(&client, &preview).await;
    assert!(page.contains("0 baru") && page.contains("1 sudah tercatat") && page.contains("2 bermasalah"), "{page}");
    assert_eq!(app.post_form(&client, &preview, &[("mode", "valid")]).await.status(), StatusCode::SEE_OTHER);
    let actions = app.audit_actions(&officer.office_id, &a).await;
    assert_eq!(actions.iter().filter(|x| *x == "company.bpjs_add").count(), 1, "one figure recorded: {actions:?}");

    // A different figure for a date already recorded is a problem, not an overwrite.
    let changed = "nib,npp,tanggal_terdaftar,program,jumlah_peserta,tanggal_data\n\
                   9120000000061,12345678,2020-03-01,JKK JKM JHT JP JKP,120,2026-01-31\n";
    let res = api_import(&app, &client, "bpjs", "bpjs-ubah.csv", changed.as_bytes().to_vec()).await;
    let preview: Value = res.json().await.expect("json");
    assert_eq!(preview["lines"][0]["outcome"], "invalid");
    assert!(preview["lines"][0]["message_id"].as_str().expect("msg").contains("angka berbeda"));

    let res = api_import(&app, &client, "gaji", "x.csv", file.as_bytes().to_vec()).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let rep = app.browser_for(&app.user("perusahaan", "hrd@alfa.co.id").await).await;
    let res = api_import(&app, &rep, "bpjs", "x.csv", file.as_bytes().to_vec()).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "only officers import");
}

async fn names(app: &TestApp, client: &Client, query: &str) -> Vec<String> {
    let res = app.get(client, &format!("/api/v1/companies?{query}")).await;
    assert_eq!(res.status(), StatusCode::OK, "{query}");
    let list: Value = res.json().await.expect("json");
    list["items"].as_array().expect("items").iter().map(|c| c["name"].as_str().expect("name").to_string()).collect()
}

async fn the_register_filters_by_compliance_standing(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;
    let post = |path: String, body: Value| {
        let (app, client) = (&app, client.clone());
        async move {
            let csrf = app.csrf(&client).await;
            let res = client.post(app.url(&path)).header("x-csrf-token", csrf).json(&body).send().await.expect("post");
            assert_eq!(res.status(), StatusCode::CREATED, "{path}");
        }
    };
    let a =
        id_of(register(&app, &client, company("PT Alfa Layak", "9120000000071", "32.75.09", "Jatiasih")).await).await;
    id_of(register(&app, &client, company("PT Beta Kosong", "9120000000072", "32.75.09", "Jatiasih")).await).await;
    let mut small = company("PT Gamma Kecil", "9120000000073", "32.75.09", "Jatiasih");
    for (k, v) in [
        ("size_class", "kecil"),
        ("workers_male", "12"),
        ("workers_female", "8"),
        ("workers_pkwt", "5"),
        ("workers_pkwtt", "15"),
    ] {
        small[k] = json!(v);
    }
    let c = id_of(register(&app, &client, small).await).await;

    post(
        format!("/api/v1/companies/{a}/bpjs"),
        json!({"npp": "11112222", "registered_on": "2020-01-06",
        "programmes": ["JKK", "JKM", "JHT", "JP", "JKP"], "workers_enrolled": "100", "as_of": "2026-01-31"}),
    )
    .await;
    post(
        format!("/api/v1/companies/{a}/wage-scales"),
        json!({"effective_on": "2026-01-01", "workers_informed": true,
        "grades": "I; Operator; 6.000.000; 6.500.000"}),
    )
    .await;
    post(format!("/api/v1/companies/{a}/lks-bipartit"), json!({"formed_on": "2023-03-10", "notified_on": "2023-03-15",
        "registration_number": "568/12/LKS-Bip/2023", "registered_on": "2023-03-20",
        "members": "Budi; pengusaha; ketua\nSari; pengusaha; anggota\nTono; pengusaha; anggota\nWati; pekerja; wakil_ketua\nJoko; pekerja; sekretaris\nRina; pekerja; anggota"})).await;
    post(
        format!("/api/v1/companies/{c}/bpjs"),
        json!({"npp": "33334444", "registered_on": "2021-02-01",
        "programmes": ["JKK", "JKM", "JHT", "JKP"], "workers_enrolled": "20", "as_of": "2026-02-28"}),
    )
    .await;

    // PT Alfa's PP was ratified by the province (it counts like one the office ratified); the
    // others, with 100 and 20 workers, have none.
    let pp = [
        ("kind", "pp"),
        ("company_id", a.as_str()),
        ("issuer_level", "provinsi"),
        ("issuer_name", "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat"),
        ("number", "561/Kep.77-Disnakertrans/2025"),
        ("issued_on", "2025-01-02"),
        ("valid_from", "2025-01-02"),
        ("valid_until", "2027-01-01"),
    ];
    let res = post_multipart(&app, &client, "/pp-pkb/eksternal", &pp, Some(("sk.pdf", b"%PDF-1.4\n"))).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(names(&app, &client, "kepatuhan=pp_kurang").await, ["PT Beta Kosong", "PT Gamma Kecil"]);
    assert_eq!(names(&app, &client, "kepatuhan=layak").await, ["PT Alfa Layak"]);
    assert_eq!(names(&app, &client, "kepatuhan=kurang").await, ["PT Beta Kosong", "PT Gamma Kecil"]);
    assert_eq!(names(&app, &client, "kepatuhan=upah_kurang").await, ["PT Beta Kosong", "PT Gamma Kecil"]);
    assert_eq!(names(&app, &client, "kepatuhan=lks_kurang").await, ["PT Beta Kosong"], "20 workers: no LKS required");
    assert_eq!(names(&app, &client, "kepatuhan=bpjs_kurang").await, ["PT Beta Kosong"]);
    let res = app.get(&client, "/api/v1/companies?kepatuhan=bagus").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "invalid_standing");
    let (_, page) = app.get_text(&client, "/perusahaan?kepatuhan=layak").await;
    assert!(page.contains("PT Alfa Layak") && !page.contains("PT Beta Kosong"));
    let csv = app.get(&client, "/perusahaan.csv?kepatuhan=layak").await.text().await.expect("csv");
    assert!(csv.contains("PT Alfa Layak") && !csv.contains("PT Gamma Kecil"), "the export follows the filter");

    // A growing workforce makes the LKS required at once.
    let mut grown = company("PT Gamma Kecil", "9120000000073", "32.75.09", "Jatiasih");
    grown["workers_pkwtt"] = json!("70");
    let csrf = app.csrf(&client).await;
    let res = client
        .put(app.url(&format!("/api/v1/companies/{c}")))
        .header("x-csrf-token", csrf)
        .json(&grown)
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(names(&app, &client, "kepatuhan=lks_kurang").await, ["PT Beta Kosong", "PT Gamma Kecil"]);

    // PT Alfa's LKS term ends on 10 March 2026: after that day's sweep it no longer counts.
    app.advance(chrono::Duration::days(9));
    let (settings, today) = (app.state.settings.clone(), app.state.today());
    let swept =
        app.state.db.run(move |c| harmoni::companies::standing::sweep(c, &settings, today)).await.expect("sweep");
    assert_eq!(swept, 1, "only PT Alfa's standing could change by time alone");
    let client = app.browser_for(&officer).await; // nine days later the session has expired
    assert_eq!(names(&app, &client, "kepatuhan=layak").await, Vec::<String>::new());
    assert_eq!(
        names(&app, &client, "kepatuhan=lks_kurang").await,
        ["PT Alfa Layak", "PT Beta Kosong", "PT Gamma Kecil"]
    );
}

both_backends!(
    officers_register_companies_and_bad_input_is_explained,
    representatives_see_and_change_only_their_own_company,
    the_register_filters_and_exports_what_it_shows,
    compliance_records_count_as_of_their_dates,
    compliance_records_through_the_api,
    a_company_file_is_previewed_then_imported_once,
    bpjs_figures_are_imported_all_or_nothing_and_once,
    the_register_filters_by_compliance_standing,
);
