//! The JSON API: personal tokens, users, problem responses, the OpenAPI document.

use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::*;

async fn api_tokens_are_created_used_and_revoked(backend: Backend) {
    let app = spawn(backend).await;
    let user = app.user("mediator", "rudi@bekasikota.go.id").await;
    let client = app.browser_for(&user).await;

    let res = app.post_form(&client, "/account/tokens", &[("name", "Laporan bulanan"), ("expires_days", "30")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.expect("body");
    let start = page.find("hmn_").expect("the new secret is shown once");
    let secret: String = page[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || "_-".contains(*c)).collect();
    let (_, again) = app.get_text(&client, "/account/tokens").await;
    assert!(again.contains("Laporan bulanan") && !again.contains(&secret), "the secret is never shown again");

    let api = plain_client();
    let me: serde_json::Value =
        api.get(app.url("/api/v1/me")).bearer_auth(&secret).send().await.expect("get").json().await.expect("json");
    assert_eq!(me["email"], "rudi@bekasikota.go.id");
    assert_eq!(me["role"], "mediator");
    assert!(me.get("csrf_token").is_none(), "token clients need no CSRF token");

    // A token can create another token without CSRF (no cookies involved), then revoke it.
    let res = api
        .post(app.url("/api/v1/tokens"))
        .bearer_auth(&secret)
        .json(&json!({"name": "skrip"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: serde_json::Value = res.json().await.expect("json");
    let second = created["secret"].as_str().expect("secret").to_string();
    let second_id = created["token"]["id"].as_str().expect("id").to_string();
    assert_eq!(api.get(app.url("/api/v1/me")).bearer_auth(&second).send().await.expect("get").status(), StatusCode::OK);
    let res =
        api.delete(app.url(&format!("/api/v1/tokens/{second_id}"))).bearer_auth(&secret).send().await.expect("delete");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        api.get(app.url("/api/v1/me")).bearer_auth(&second).send().await.expect("get").status(),
        StatusCode::UNAUTHORIZED
    );

    // Revoking the first one on the page.
    let list: serde_json::Value =
        api.get(app.url("/api/v1/tokens")).bearer_auth(&secret).send().await.expect("get").json().await.expect("json");
    let first_id = list.as_array().expect("list").iter().find(|t| t["name"] == "Laporan bulanan").expect("listed")
        ["id"]
        .as_str()
        .expect("id")
        .to_string();
    let res = app.post_form(&client, &format!("/account/tokens/{first_id}/revoke"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        api.get(app.url("/api/v1/me")).bearer_auth(&secret).send().await.expect("get").status(),
        StatusCode::UNAUTHORIZED
    );

    let actions = app.audit_actions(&user.office_id, &first_id).await;
    assert_eq!(actions, vec!["api_token.revoke".to_string(), "api_token.create".to_string()]);

    // Another user cannot revoke someone else's token.
    let other = app.user("petugas", "lina@bekasikota.go.id").await;
    let other_client = app.browser_for(&other).await;
    let res = app.post_form(&other_client, &format!("/account/tokens/{second_id}/revoke"), &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

async fn tokens_expire_and_stop_with_a_disabled_account(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let user = app.user("perusahaan", "hrd@pt-maju.co.id").await;
    let client = app.browser_for(&user).await;
    let csrf = app.csrf(&client).await;
    let created: serde_json::Value = client
        .post(app.url("/api/v1/tokens"))
        .header("x-csrf-token", &csrf)
        .json(&json!({"name": "sinkron", "expires_days": 1}))
        .send()
        .await
        .expect("post")
        .json()
        .await
        .expect("json");
    let secret = created["secret"].as_str().expect("secret").to_string();
    let api = plain_client();
    assert_eq!(api.get(app.url("/api/v1/me")).bearer_auth(&secret).send().await.expect("get").status(), StatusCode::OK);

    let bad = client
        .post(app.url("/api/v1/tokens"))
        .header("x-csrf-token", &csrf)
        .json(&json!({"name": "x", "expires_days": 0}))
        .send()
        .await
        .expect("post");
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let problem: serde_json::Value = bad.json().await.expect("json");
    assert_eq!(problem["code"], "token_expiry_invalid");
    assert_eq!(problem["field"], "expires_days");

    // Disabled through the API by the administrator: the token stops at once.
    let admin_api: serde_json::Value = {
        let c = app.browser_for(&admin).await;
        let csrf = app.csrf(&c).await;
        c.post(app.url("/api/v1/tokens"))
            .header("x-csrf-token", csrf)
            .json(&json!({"name": "admin"}))
            .send()
            .await
            .expect("post")
            .json()
            .await
            .expect("json")
    };
    let admin_secret = admin_api["secret"].as_str().expect("secret");
    let res = api
        .patch(app.url(&format!("/api/v1/users/{}", user.id)))
        .bearer_auth(admin_secret)
        .json(&json!({"active": false}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["status"], "disabled");
    assert_eq!(
        api.get(app.url("/api/v1/me")).bearer_auth(&secret).send().await.expect("get").status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.get(&client, "/account").await.status(), StatusCode::SEE_OTHER);

    let res = api
        .patch(app.url(&format!("/api/v1/users/{}", user.id)))
        .bearer_auth(admin_secret)
        .json(&json!({"active": true}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), StatusCode::OK);
    app.advance(chrono::Duration::days(1));
    assert_eq!(
        api.get(app.url("/api/v1/me")).bearer_auth(&secret).send().await.expect("get").status(),
        StatusCode::UNAUTHORIZED,
        "expired after a day"
    );
}

async fn administrators_manage_users_through_the_api(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let client = app.browser_for(&admin).await;
    let csrf = app.csrf(&client).await;
    let post = |body: serde_json::Value| {
        client.post(app.url("/api/v1/users")).header("x-csrf-token", csrf.clone()).json(&body).send()
    };

    let res = post(json!({"email": "joko@bekasikota.go.id", "full_name": "Joko", "role": "raja"})).await.expect("post");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "unknown role");
    let res = post(json!({"email": "joko", "full_name": "Joko Widodo", "role": "petugas"})).await.expect("post");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let problem: serde_json::Value = res.json().await.expect("json");
    assert_eq!(problem["code"], "invalid_email");
    assert_eq!(problem["field"], "email");
    assert!(
        problem["detail"].as_str().expect("detail").contains("tidak valid"),
        "Indonesian message for an Indonesian user"
    );

    let res = post(json!({"email": "joko@bekasikota.go.id", "full_name": "Joko Santoso", "role": "petugas"}))
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: serde_json::Value = res.json().await.expect("json");
    assert_eq!(created["invitation"]["sent_to"], "joko@bekasikota.go.id");
    assert!(created["invitation"]["outbox_id"].is_string(), "the invitation is queued in the outbox");
    assert!(!created.to_string().contains("/link/"), "the API never returns the user's link");
    assert_eq!(created["user"]["activated"], false);
    let id = created["user"]["id"].as_str().expect("id").to_string();

    let res = post(json!({"email": "joko@bekasikota.go.id", "full_name": "Joko Lain", "role": "petugas"}))
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let problem: serde_json::Value = res.json().await.expect("json");
    assert_eq!(problem["code"], "email_taken");

    let list: serde_json::Value = app.get(&client, "/api/v1/users?role=petugas").await.json().await.expect("json");
    assert_eq!(list["total"], 1);
    assert_eq!(app.get(&client, "/api/v1/users?role=raja").await.status(), StatusCode::BAD_REQUEST);

    let res = client
        .patch(app.url(&format!("/api/v1/users/{id}")))
        .header("x-csrf-token", csrf.clone())
        .json(&json!({"role": "mediator"}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["role"], "mediator");
    assert_eq!(body["full_name"], "Joko Santoso", "omitted fields keep their value");

    let res = client
        .post(app.url(&format!("/api/v1/users/{id}/reset-link")))
        .header("x-csrf-token", csrf.clone())
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::OK);
    let actions = app.audit_actions(&admin.office_id, &id).await;
    assert!(
        actions.contains(&"user.create".into())
            && actions.contains(&"user.update".into())
            && actions.contains(&"user.invite_link".into()),
        "{actions:?}"
    );
}

async fn the_openapi_document_describes_the_api(backend: Backend) {
    let app = spawn(backend).await;
    let doc: serde_json::Value = app.get(&browser(), "/api/v1/openapi.json").await.json().await.expect("json");
    assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
    for path in [
        "/api/v1/me",
        "/api/v1/users",
        "/api/v1/users/{id}",
        "/api/v1/audit",
        "/api/v1/tokens",
        "/api/v1/tokens/{id}",
        "/api/v1/signup",
        "/api/v1/signup/verify",
        "/api/v1/signup/resend",
        "/api/v1/calendar/holidays",
        "/api/v1/calendar/deadline",
        "/api/v1/calendar/rules",
        "/api/v1/notices",
        "/api/v1/outbox",
        "/api/v1/outbox/{id}",
        "/api/v1/companies",
        "/api/v1/companies/{id}",
        "/api/v1/companies/{id}/representatives",
        "/api/v1/companies/{id}/compliance",
        "/api/v1/companies/{id}/bpjs",
        "/api/v1/companies/{id}/wage-scales",
        "/api/v1/companies/{id}/lks-bipartit",
        "/api/v1/companies/{id}/lks-bipartit/{lks_id}/registration",
        "/api/v1/companies/{id}/lks-bipartit/{lks_id}/meetings",
        "/api/v1/companies/{id}/lks-bipartit/{lks_id}/reports",
        "/api/v1/companies/{id}/{kind}/{owner_id}/document",
        "/api/v1/documents/{id}",
        "/api/v1/imports",
        "/api/v1/imports/{id}",
        "/api/v1/imports/{id}/apply",
        "/api/v1/unions",
        "/api/v1/unions/{id}",
        "/api/v1/unions/{id}/companies",
        "/api/v1/companies/{id}/unions",
        "/api/v1/tripartit/terms",
        "/api/v1/tripartit/terms/{id}",
        "/api/v1/tripartit/meetings",
        "/api/v1/tripartit/meetings/{id}",
        "/api/v1/tripartit/meetings/{id}/minutes",
        "/api/v1/tripartit/meetings/{id}/recommendations",
        "/api/v1/tripartit/recommendations",
        "/api/v1/tripartit/recommendations/{id}/status",
        "/api/v1/cases",
        "/api/v1/cases/workbench",
        "/api/v1/cases/{id}",
        "/api/v1/cases/{id}/steps",
        "/api/v1/cases/{id}/bipartite",
        "/api/v1/cases/{id}/pin",
        "/api/v1/cases/{id}/mediators",
        "/api/v1/tracking",
        "/api/v1/stoppage-notices/{id}/case",
        "/api/v1/stoppage-notices",
        "/api/v1/stoppage-notices/{id}",
        "/api/v1/stoppage-notices/{id}/facilitations",
        "/api/v1/stoppage-notices/{id}/outcome",
        "/api/v1/phk-reports",
        "/api/v1/phk-reports/{id}",
        "/api/v1/cases/{id}/hearings",
        "/api/v1/hearings/{id}",
        "/api/v1/hearings/{id}/reschedule",
        "/api/v1/hearings/{id}/cancel",
        "/api/v1/hearings/{id}/outcome",
        "/api/v1/hearings/{id}/summons/{summons_id}/hand-over",
        "/api/v1/schedule",
        "/api/v1/schedule/rooms",
        "/api/v1/calendar-feeds",
        "/api/v1/calendar-feeds/{id}/revoke",
        "/api/v1/reports/indicator",
        "/api/v1/reports/indicator/missing",
        "/api/v1/reports/disputes",
        "/api/v1/reports/monthly",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} is documented");
    }
    assert!(doc["components"]["securitySchemes"].get("bearer").is_some());
    assert!(doc["components"]["schemas"].get("ProblemBody").is_some());
}

both_backends!(
    api_tokens_are_created_used_and_revoked,
    tokens_expire_and_stop_with_a_disabled_account,
    administrators_manage_users_through_the_api,
    the_openapi_document_describes_the_api,
);
