//! The union register: recording, duplicates, members at companies, who may see and change.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

fn union(name: &str, number: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", name.to_string()),
        ("federation", "FSPMI".into()),
        ("registration_number", number.to_string()),
        ("registered_on", "2024-05-02".into()),
        ("member_count", "1.250".into()),
        ("chair_name", "Slamet Riyadi".into()),
        ("secretary_name", "Nur Aini".into()),
    ]
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&'static str, String)],
) -> reqwest::Response {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(client, path, &borrowed).await
}

async fn officers_record_unions_and_where_they_have_members(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let client = app.browser_for(&officer).await;

    let mut bad = union("PUK SPAMK FSPMI PT Sinar", "568/123/SP/2024");
    bad[3].1 = "2027-01-01".into();
    let res = post(&app, &client, "/serikat", &bad).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("tidak boleh di masa depan"));

    let res = post(&app, &client, "/serikat", &union("PUK SPAMK FSPMI PT Sinar", "568/123/SP/2024")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id = location(&res).trim_start_matches("/serikat/").to_string();
    let res = post(&app, &client, "/serikat", &union("Serikat Lain", "568/123/SP/2024")).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "a registration number is recorded once");

    let csrf = app.csrf(&client).await;
    let company = json!({
        "name": "PT Sinar Jaya", "legal_form": "pt", "nib": "9120000000041", "kbli_code": "14111", "address": "Jl. Industri No. 3",
        "kecamatan_code": "32.75.07", "kelurahan": "Cikiwul", "footprint": "kota", "size_class": "besar",
        "workers_male": "900", "workers_female": "600", "workers_pkwt": "300", "workers_pkwtt": "1200", "workforce_reported_on": "2026-01-05",
        "contact_name": "Pak Hadi"
    });
    let res = client
        .post(app.url("/api/v1/companies"))
        .header("x-csrf-token", csrf)
        .json(&company)
        .send()
        .await
        .expect("post");
    let company_id = res.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_string();

    let res = app
        .post_form(&client, &format!("/serikat/{id}/perusahaan"), &[("nib", "9120000000099"), ("members", "800")])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "an unknown NIB is explained");
    let res = app
        .post_form(&client, &format!("/serikat/{id}/perusahaan"), &[("nib", "9120000000041"), ("members", "800")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .post_form(&client, &format!("/serikat/{id}/perusahaan"), &[("nib", "9120000000041"), ("members", "850")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "recording again updates the count");
    let detail: Value = app.get(&client, &format!("/api/v1/unions/{id}")).await.json().await.expect("json");
    assert_eq!(detail["union"]["member_count"], 1250);
    assert_eq!(detail["companies"].as_array().map(Vec::len), Some(1));
    assert_eq!(detail["companies"][0]["members"], 850);
    let (_, page) = app.get_text(&client, &format!("/perusahaan/{company_id}")).await;
    assert!(
        page.contains("PUK SPAMK FSPMI PT Sinar") && page.contains("850 anggota"),
        "the company page names its unions"
    );

    let actions = app.audit_actions(&officer.office_id, &id).await;
    assert_eq!(actions.iter().filter(|a| *a == "union.company_link").count(), 2);
    assert!(actions.contains(&"union.create".to_string()));

    // A company representative sees the unions at their company, not the register.
    let res = app
        .post_form(
            &client,
            &format!("/perusahaan/{company_id}/perwakilan"),
            &[("email", "hrd@sinar.co.id"), ("full_name", "HRD Sinar")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let link = app.link_mailed_to("hrd@sinar.co.id").await;
    let rep = browser();
    let token = csrf_from(&app.get_text(&rep, &link).await.1);
    rep.post(app.url(&link))
        .form(&[("csrf_token", token.as_str()), ("password", PASSWORD), ("password_confirm", PASSWORD)])
        .send()
        .await
        .expect("activate");
    assert_eq!(app.get(&rep, "/serikat").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get(&rep, &format!("/serikat/{id}")).await.status(), StatusCode::FORBIDDEN);
    let mine: Value =
        app.get(&rep, &format!("/api/v1/companies/{company_id}/unions")).await.json().await.expect("json");
    assert_eq!(mine[0]["name"], "PUK SPAMK FSPMI PT Sinar");
    let mediator = app.user("mediator", "mediator@bekasikota.go.id").await;
    let m = app.browser_for(&mediator).await;
    assert_eq!(app.get(&m, &format!("/serikat/{id}")).await.status(), StatusCode::OK, "staff read the register");
    assert_eq!(
        post(&app, &m, "/serikat", &union("Serikat Mediator", "1/SP/2025")).await.status(),
        StatusCode::FORBIDDEN,
        "only officers record unions"
    );
    let other_office = app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await;
    let other = app.browser_for(&other_office).await;
    assert_eq!(app.get(&other, &format!("/serikat/{id}")).await.status(), StatusCode::NOT_FOUND);
}

both_backends!(officers_record_unions_and_where_they_have_members);
