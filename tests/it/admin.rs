//! User administration, its audit trail, and office isolation.

use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::*;

async fn admin_manages_users_and_every_change_is_audited(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let client = app.browser_for(&admin).await;

    // Bad input changes nothing and says why, in Indonesian.
    let res = app
        .post_form(
            &client,
            "/admin/users",
            &[("email", "bukan-email"), ("full_name", "Siti Mediator"), ("role", "mediator"), ("language", "id")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("Alamat email tidak valid"));

    let res = app
        .post_form(
            &client,
            "/admin/users",
            &[
                ("email", "siti@bekasikota.go.id"),
                ("full_name", "Siti Mediator"),
                ("role", "mediator"),
                ("language", "id"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.expect("body");
    assert!(page.contains("siti@bekasikota.go.id") && page.contains("diantrekan ke email"), "{page}");
    assert!(!page.contains("/link/"), "the administrator never sees the user's link");
    let link = app.link_mailed_to("siti@bekasikota.go.id").await;
    let mail = app.mail_to("siti@bekasikota.go.id").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].template, "invitation");
    assert!(mail[0].subject.starts_with("Undangan akun Harmoni"));

    let dup = app
        .post_form(
            &client,
            "/admin/users",
            &[("email", "SITI@bekasikota.go.id"), ("full_name", "Siti Lain"), ("role", "petugas"), ("language", "id")],
        )
        .await;
    assert_eq!(dup.status(), StatusCode::CONFLICT);
    assert!(dup.text().await.expect("body").contains("sudah dipakai"));

    // The invited user sets a password through the link and is signed in.
    let siti = browser();
    let (status, form) = app.get_text(&siti, &link).await;
    assert_eq!(status, StatusCode::OK);
    let token = csrf_from(&form);
    let res = siti
        .post(app.url(&link))
        .form(&[("csrf_token", token.as_str()), ("password", PASSWORD), ("password_confirm", PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&siti, "/account").await.status(), StatusCode::OK);

    let (_, list) = app.get_text(&client, "/admin/users?q=siti").await;
    assert!(list.contains("Siti Mediator") && !list.contains("admin@bekasikota.go.id"), "search filters the list");
    let id =
        regex::Regex::new(r#"href="/admin/users/([0-9a-f-]{36})""#).expect("regex").captures(&list).expect("row link")
            [1]
        .to_string();

    let res = app
        .post_form(
            &client,
            &format!("/admin/users/{id}"),
            &[("email", "siti@bekasikota.go.id"), ("full_name", "Siti Rahma"), ("role", "petugas"), ("language", "en")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let res = app.post_form(&client, &format!("/admin/users/{id}/disable"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.get(&siti, "/account").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "disabling ends the user's session at once");
    assert_eq!(
        app.login(&browser(), "siti@bekasikota.go.id", PASSWORD).await.status(),
        StatusCode::BAD_REQUEST,
        "disabled users cannot sign in"
    );

    let res = app.post_form(&client, &format!("/admin/users/{id}/enable"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.post_form(&client, &format!("/admin/users/{id}/reset"), &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let reset = app.link_mailed_to("siti@bekasikota.go.id").await;
    assert_ne!(reset, link);
    let mail = app.mail_to("siti@bekasikota.go.id").await;
    assert_eq!(mail.last().map(|m| m.template.as_str()), Some("password_reset"));
    assert_eq!(
        mail.last().map(|m| m.language.as_str()),
        Some("en"),
        "the reset speaks the user's language (set to English above)"
    );

    let actions = app.audit_actions(&admin.office_id, &id).await;
    for expected in ["user.create", "user.activate", "user.update", "user.disable", "user.enable", "user.reset_link"] {
        assert!(actions.iter().any(|a| a == expected), "missing {expected} in {actions:?}");
    }

    // The audit page lists and filters them.
    let (status, page) = app.get_text(&client, &format!("/admin/audit?entity_id={id}&action=user.update")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("nama Siti Mediator → Siti Rahma") && page.contains("peran mediator → petugas"), "{page}");
    assert!(!page.contains("user.disable</code>"), "the action filter applies");
    let (status, page) = app.get_text(&client, "/admin/audit?from=2026-13-01").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("TTTT-BB-HH"), "a malformed date is explained");

    // The API offers the same trail.
    let body: serde_json::Value = app
        .get(&client, &format!("/api/v1/audit?entity_id={id}&action=user.disable"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["actor_role"], "admin");
    let res = app.get(&client, "/api/v1/audit?from=kemarin").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["field"], "from");
}

async fn the_last_administrator_cannot_lock_the_office_out(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let client = app.browser_for(&admin).await;
    let res = app
        .post_form(
            &client,
            &format!("/admin/users/{}", admin.id),
            &[("email", "admin@bekasikota.go.id"), ("full_name", "Admin"), ("role", "petugas"), ("language", "id")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = app.post_form(&client, &format!("/admin/users/{}/disable", admin.id), &[]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(app.get(&client, "/admin/users").await.status(), StatusCode::OK, "still an administrator");
}

async fn offices_never_see_each_others_records(backend: Backend) {
    let app = spawn(backend).await;
    let kota = app.user_in("3275", "admin", "admin@bekasikota.go.id").await;
    let kab = app.user_in("3216", "admin", "admin@bekasikab.go.id").await;
    let kab_staff = app.user_in("3216", "mediator", "mediator@bekasikab.go.id").await;
    let client = app.browser_for(&kota).await;

    let (_, list) = app.get_text(&client, "/admin/users").await;
    assert!(list.contains("admin@bekasikota.go.id"));
    assert!(!list.contains("bekasikab"), "the other office's users are not listed");
    let (status, _) = app.get_text(&client, &format!("/admin/users/{}", kab_staff.id)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a guessed id of another office is not found");
    let res = app.post_form(&client, &format!("/admin/users/{}/disable", kab_staff.id), &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app.get(&client, &format!("/api/v1/users/{}", kab_staff.id)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let csrf = app.csrf(&client).await;
    let res = client
        .patch(app.url(&format!("/api/v1/users/{}", kab_staff.id)))
        .header("x-csrf-token", csrf)
        .json(&serde_json::json!({"active": false}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let body: serde_json::Value = app.get(&client, "/api/v1/audit").await.json().await.expect("json");
    let items = body["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(
        items.iter().all(|i| !i["actor_label"].as_str().unwrap_or_default().contains("bekasikab")),
        "no audit rows of the other office"
    );

    // And the other office still works on its own.
    let kab_client = app.browser_for(&kab).await;
    let (status, page) = app.get_text(&kab_client, &format!("/admin/users/{}", kab_staff.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("mediator@bekasikab.go.id"));
    assert!(page.contains("Kabupaten Bekasi"), "the header names the user's own office");
}

both_backends!(
    admin_manages_users_and_every_change_is_audited,
    the_last_administrator_cannot_lock_the_office_out,
    offices_never_see_each_others_records,
);
