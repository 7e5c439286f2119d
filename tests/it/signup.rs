//! Self sign-up: the form, the verification email and link, unverified login, duplicate
//! addresses that reveal nothing, bad input, resend spacing, the per-address limit, the API.

use chrono::Duration;
use reqwest::{Client, StatusCode};
use serde_json::json;

use crate::both_backends;
use crate::helpers::*;

const NEW_PASSWORD: &str = "sawah pelangi obeng teh 42";

/// Users stored with an address (any case), and the id of the first.
async fn users_with_email(app: &TestApp, email: &str) -> (i64, Option<String>) {
    use diesel::prelude::*;
    use harmoni::schema::users;
    let email = email.to_lowercase();
    app.state
        .db
        .run(move |c| {
            let ids: Vec<String> = users::table.filter(users::email.eq(email)).select(users::id).load(c)?;
            Ok((ids.len() as i64, ids.into_iter().next()))
        })
        .await
        .expect("users")
}

async fn sign_up(app: &TestApp, client: &Client, name: &str, email: &str) -> reqwest::Response {
    app.post_form(
        client,
        "/daftar",
        &[
            ("full_name", name),
            ("email", email),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
            ("language", "id"),
            ("consent", "ya"),
        ],
    )
    .await
}

async fn a_worker_signs_up_verifies_the_email_and_is_signed_in(backend: Backend) {
    let app = spawn(backend).await;
    let client = browser();

    let (_, landing) = app.get_text(&client, "/").await;
    assert!(landing.contains(r#"href="/daftar""#), "visitors find the sign-up page from the home page");
    let (_, login) = app.get_text(&client, "/login").await;
    assert!(login.contains(r#"href="/daftar""#), "and from the login page");
    let (status, form) = app.get_text(&client, "/daftar").await;
    assert_eq!(status, StatusCode::OK);
    for part in [
        r#"<label for="f-full_name">"#,
        r#"<label for="f-email">"#,
        r#"<label for="f-password">"#,
        r#"<label for="f-password_confirm">"#,
        r#"<label for="f-language">"#,
        r#"<label for="f-consent">"#,
        "UU 27/2022",
        r#"name="csrf_token""#,
    ] {
        assert!(form.contains(part), "the form has {part}");
    }

    let res = sign_up(&app, &client, "Siti Rahmawati", "Siti.Rahma@Gmail.com").await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.expect("body");
    assert!(page.contains("Periksa email Anda") && page.contains("siti.rahma@gmail.com"), "{page}");

    let email = "siti.rahma@gmail.com";
    let mail = app.mail_to(email).await;
    assert_eq!(mail.len(), 1, "one verification email is queued");
    assert_eq!(mail[0].template, "email_verification");
    assert!(mail[0].subject.starts_with("Verifikasi email akun Harmoni"), "{}", mail[0].subject);
    assert!(mail[0].body_text.contains("Siti Rahmawati"));
    let (count, id) = users_with_email(&app, email).await;
    assert_eq!(count, 1);
    let id = id.expect("user id");

    // Not usable before the email is verified, even with the right password.
    let res = app.login(&client, email, NEW_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let page = res.text().await.expect("body");
    assert!(page.contains("belum diverifikasi"), "{page}");
    assert!(page.contains(r#"action="/daftar/kirim-ulang""#), "a button offers a new link");
    let res = app.login(&client, email, "salah sekali kata sandinya").await;
    let page = res.text().await.expect("body");
    assert!(!page.contains("belum diverifikasi"), "a wrong password learns nothing about the account");

    // Opening the link only shows a confirm button (mail scanners open links too).
    let link = app.link_mailed_to(email).await;
    let (status, page) = app.get_text(&client, &link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Konfirmasi dan masuk") && page.contains(email), "{page}");
    let (status, _) = app.get_text(&client, &link).await;
    assert_eq!(status, StatusCode::OK, "looking at the link does not use it up");

    let res = app.post_form(&client, &link, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/?msg=email_verified");
    let (_, home) = app.get_text(&client, "/?msg=email_verified").await;
    assert!(home.contains("Email Anda sudah terverifikasi") && home.contains("Siti Rahmawati"), "{home}");
    let me: serde_json::Value = app.get(&client, "/api/v1/me").await.json().await.expect("json");
    assert_eq!(me["role"], "pekerja");
    assert_eq!(me["office"]["code"], "3275", "the default office");
    assert_eq!(me["language"], "id");

    // The same link again is refused with a way to get a new one.
    let other = browser();
    let (status, page) = app.get_text(&other, &link).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("Tautan verifikasi tidak berlaku") && page.contains(r#"action="/daftar/kirim-ulang""#));
    let res = app.post_form(&other, &link, &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get(&other, "/account").await.status(), StatusCode::SEE_OTHER, "no session for a used link");

    assert_eq!(app.login(&browser(), email, NEW_PASSWORD).await.status(), StatusCode::SEE_OTHER);
    let actions = app.audit_actions(&app.state.default_office_id, &id).await;
    for action in ["user.signup", "user.email_verified", "user.login"] {
        assert!(actions.contains(&action.to_string()), "{action} in {actions:?}");
    }
}

async fn signing_up_with_a_registered_address_reveals_nothing_and_tells_the_owner(backend: Backend) {
    let app = spawn(backend).await;
    let owner = app.user("pekerja", "agus@gmail.com").await;
    let client = browser();

    let fresh = sign_up(&app, &client, "Orang Baru", "baru@gmail.com").await;
    assert_eq!(fresh.status(), StatusCode::OK);
    let fresh = fresh.text().await.expect("body");
    let taken = sign_up(&app, &client, "Bukan Agus", "AGUS@gmail.com").await;
    assert_eq!(taken.status(), StatusCode::OK, "the same answer as a new address");
    let taken = taken.text().await.expect("body");
    assert_eq!(
        fresh.replace("baru@gmail.com", "ADDRESS"),
        taken.replace("agus@gmail.com", "ADDRESS"),
        "the pages differ only in the address typed"
    );

    let (count, _) = users_with_email(&app, "agus@gmail.com").await;
    assert_eq!(count, 1, "no second account");
    let mail = app.mail_to("agus@gmail.com").await;
    let notice = mail.last().expect("the owner is told");
    assert_eq!(notice.template, "signup_attempt");
    assert!(notice.body_text.contains("tidak ada akun baru yang dibuat"), "{}", notice.body_text);
    assert!(notice.body_text.contains("atur ulang kata sandi"), "a password-reset hint");
    assert!(!notice.body_text.contains("/link/"), "no link that would change the account");
    assert_eq!(app.login(&browser(), &owner.email, PASSWORD).await.status(), StatusCode::SEE_OTHER, "unchanged");
    assert_eq!(
        app.login(&browser(), &owner.email, NEW_PASSWORD).await.status(),
        StatusCode::BAD_REQUEST,
        "the stranger's password does not open the account"
    );

    // Trying again at once: the same page, but the owner's mailbox is not flooded.
    let before = app.mail_to("agus@gmail.com").await.len();
    let again = sign_up(&app, &client, "Bukan Agus", "agus@gmail.com").await;
    assert_eq!(again.status(), StatusCode::OK);
    assert!(again.text().await.expect("body").contains("Periksa email Anda"));
    assert_eq!(app.mail_to("agus@gmail.com").await.len(), before);
    let actions = app.audit_actions(&owner.office_id, &owner.id).await;
    assert_eq!(actions.iter().filter(|a| *a == "user.signup_existing").count(), 2, "{actions:?}");
}

async fn bad_sign_ups_are_refused_field_by_field_and_change_nothing(backend: Backend) {
    let app = spawn(backend).await;
    let client = browser();
    let email = "rina@gmail.com";
    let base = |field: &'static str, value: &'static str| {
        let mut form = vec![
            ("full_name", "Rina Wati"),
            ("email", email),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
            ("language", "id"),
            ("consent", "ya"),
        ];
        form.retain(|(k, _)| *k != field);
        if !value.is_empty() {
            form.push((field, value));
        }
        form
    };
    let cases = [
        (base("email", "rina@"), "email", "Alamat email tidak valid"),
        (base("full_name", "R"), "full_name", "Nama lengkap wajib diisi"),
        (
            {
                let mut f = base("password", "password1234");
                f.retain(|(k, _)| *k != "password_confirm");
                f.push(("password_confirm", "password1234"));
                f
            },
            "password",
            "terlalu umum",
        ),
        (base("password", "pendek"), "password", "minimal 12 karakter"),
        (base("password_confirm", "kata sandi lain sekali"), "password_confirm", "Ulangan kata sandi tidak sama"),
        (base("consent", ""), "consent", "Centang persetujuan pemrosesan data pribadi"),
    ];
    for (form, field, message) in &cases {
        let res = app.post_form(&client, "/daftar", form).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{field}");
        let page = res.text().await.expect("body");
        assert!(page.contains(message), "{field}: {message} in {page}");
        assert!(page.contains(&format!(r##"href="#f-{field}""##)), "{field}: the summary links to the field");
        assert!(
            page.contains(&format!(r#"id="f-{field}""#)) && page.contains(r#"aria-invalid="true""#),
            "{field}: the field is marked invalid"
        );
        if *field != "full_name" {
            assert!(page.contains(r#"value="Rina Wati""#), "{field}: what was typed is kept");
        }
        assert!(!page.contains(NEW_PASSWORD), "{field}: passwords are never echoed");
    }

    // Everything wrong at once: every problem listed, in the order of the form.
    let res = app.post_form(&client, "/daftar", &[("full_name", ""), ("email", "x"), ("password", "")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = res.text().await.expect("body");
    let positions: Vec<usize> = ["#f-full_name", "#f-email", "#f-password", "#f-consent"]
        .iter()
        .map(|f| page.find(&format!(r#"href="{f}""#)).unwrap_or_else(|| panic!("{f} in the summary")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");

    // Without the CSRF token nothing happens either.
    let res = client.post(app.url("/daftar")).form(&base("language", "id")).send().await.expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    assert_eq!(users_with_email(&app, email).await.0, 0, "no account was made");
    assert!(app.mail_to(email).await.is_empty(), "no email was queued");
}

async fn unverified_accounts_get_a_new_link_at_most_every_few_minutes(backend: Backend) {
    let app = spawn(backend).await;
    let client = browser();
    let email = "dedi@yahoo.co.id";
    assert_eq!(sign_up(&app, &client, "Dedi Kurniawan", email).await.status(), StatusCode::OK);
    let first = app.link_mailed_to(email).await;

    // Asking at once is answered politely but sends nothing (the first email may still arrive).
    let res = app.post_form(&client, "/daftar/kirim-ulang", &[("email", email)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.expect("body");
    assert!(page.contains("Bila ada akun yang belum diverifikasi") && page.contains("5 menit"), "{page}");
    assert_eq!(app.mail_to(email).await.len(), 1);

    // An unknown address gets the very same answer and no email.
    let res = app.post_form(&client, "/daftar/kirim-ulang", &[("email", "tidak.ada@yahoo.co.id")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(app.mail_to("tidak.ada@yahoo.co.id").await.is_empty());

    app.advance(Duration::minutes(5));
    let res = app.post_form(&client, "/daftar/kirim-ulang", &[("email", email)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.mail_to(email).await.len(), 2, "a new link after five minutes");
    let second = app.link_mailed_to(email).await;
    assert_ne!(first, second);
    let (status, page) = app.get_text(&client, &first).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the older link stops working");
    assert!(page.contains("Tautan verifikasi tidak berlaku"));

    // A link left too long expires, with the same way out.
    app.advance(Duration::hours(48));
    let (status, page) = app.get_text(&client, &second).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "valid for 48 hours only");
    assert!(page.contains("Minta tautan baru"), "{page}");
    let res = app.post_form(&client, "/daftar/kirim-ulang", &[("email", email)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let third = app.link_mailed_to(email).await;
    let res = app.post_form(&client, &third, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&client, "/account").await.status(), StatusCode::OK);

    let (_, id) = users_with_email(&app, email).await;
    let actions = app.audit_actions(&app.state.default_office_id, &id.expect("id")).await;
    assert_eq!(actions.iter().filter(|a| *a == "user.verify_resend").count(), 2, "{actions:?}");
}

async fn sign_ups_are_limited_per_address_per_hour(backend: Backend) {
    let app = spawn(backend).await;
    let limit = app.state.settings.security.signups_per_ip_per_hour;
    assert_eq!(limit, 5, "the default");
    let client = browser();
    for i in 0..limit {
        let res = sign_up(&app, &client, "Pekerja Pabrik", &format!("pekerja{i}@gmail.com")).await;
        assert_eq!(res.status(), StatusCode::OK, "sign-up {i}");
    }
    // Bad input does not count, and is still answered field by field.
    let res = app.post_form(&client, "/daftar", &[("email", "x")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    let res = sign_up(&app, &client, "Pekerja Pabrik", "satu.lagi@gmail.com").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let page = res.text().await.expect("body");
    assert!(page.contains("Terlalu banyak pendaftaran"), "{page}");
    assert_eq!(users_with_email(&app, "satu.lagi@gmail.com").await.0, 0);
    assert!(app.mail_to("satu.lagi@gmail.com").await.is_empty());

    let api = browser();
    let csrf = app.csrf(&api).await;
    let res = api
        .post(app.url("/api/v1/signup"))
        .header("x-csrf-token", csrf)
        .json(&json!({"full_name": "Pekerja Api", "email": "api@gmail.com", "password": NEW_PASSWORD, "consent": true}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "the API shares the limit");
    let problem: serde_json::Value = res.json().await.expect("json");
    assert_eq!(problem["code"], "too_many_signups");

    app.advance(Duration::minutes(61));
    let res = sign_up(&app, &client, "Pekerja Pabrik", "satu.lagi@gmail.com").await;
    assert_eq!(res.status(), StatusCode::OK, "an hour later sign-up works again");
}

async fn the_signup_api_answers_with_stable_problem_codes(backend: Backend) {
    let app = spawn(backend).await;
    let _owner = app.user("pekerja", "lina@gmail.com").await;
    let client = browser();
    let csrf = app.csrf(&client).await;
    let post = |path: &'static str, body: serde_json::Value| {
        client.post(app.url(path)).header("x-csrf-token", csrf.clone()).json(&body).send()
    };
    let body = |email: &str| json!({"full_name": "Yanti Susanti", "email": email, "password": NEW_PASSWORD, "language": "en", "consent": true});

    let res = client.post(app.url("/api/v1/signup")).json(&body("yanti@gmail.com")).send().await.expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(res.json::<serde_json::Value>().await.expect("json")["code"], "csrf_rejected");

    for (bad, code, field) in [
        (
            json!({"full_name": "Yanti", "email": "yanti", "password": NEW_PASSWORD, "consent": true}),
            "invalid_email",
            "email",
        ),
        (
            json!({"full_name": "Yanti", "email": "yanti@gmail.com", "password": NEW_PASSWORD, "consent": false}),
            "consent_required",
            "consent",
        ),
        (
            json!({"full_name": "Yanti", "email": "yanti@gmail.com", "password": "password1234", "consent": true}),
            "password_too_common",
            "password",
        ),
        (
            json!({"full_name": "Yanti", "email": "yanti@gmail.com", "password": NEW_PASSWORD, "password_confirm": "lain", "consent": true}),
            "password_mismatch",
            "password_confirm",
        ),
    ] {
        let res = post("/api/v1/signup", bad).await.expect("post");
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{code}");
        assert_eq!(header(res.headers(), "content-type"), "application/problem+json");
        let problem: serde_json::Value = res.json().await.expect("json");
        assert_eq!((problem["code"].as_str(), problem["field"].as_str()), (Some(code), Some(field)));
    }
    assert_eq!(users_with_email(&app, "yanti@gmail.com").await.0, 0);

    let res = post("/api/v1/signup", body("yanti@gmail.com")).await.expect("post");
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let fresh: serde_json::Value = res.json().await.expect("json");
    assert_eq!(fresh["status"], "verification_sent");
    let res = post("/api/v1/signup", body("lina@gmail.com")).await.expect("post");
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let taken: serde_json::Value = res.json().await.expect("json");
    assert_eq!(taken["status"], fresh["status"]);
    assert_eq!(taken["verify_link_hours"], fresh["verify_link_hours"]);
    assert_eq!(app.mail_to("lina@gmail.com").await.last().expect("told").template, "signup_attempt");
    let mail = app.mail_to("yanti@gmail.com").await;
    assert!(mail[0].subject.starts_with("Verify the email"), "in the language chosen: {}", mail[0].subject);

    let res = post("/api/v1/signup/verify", json!({"token": "bukan-token"})).await.expect("post");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<serde_json::Value>().await.expect("json")["code"], "verify_link_invalid");

    let token = app.link_mailed_to("yanti@gmail.com").await.trim_start_matches("/link/").to_string();
    let res = post("/api/v1/signup/verify", json!({ "token": token })).await.expect("post");
    assert_eq!(res.status(), StatusCode::OK);
    let verified: serde_json::Value = res.json().await.expect("json");
    assert_eq!(verified["email"], "yanti@gmail.com");
    let me: serde_json::Value = app.get(&client, "/api/v1/me").await.json().await.expect("json");
    assert_eq!((me["role"].as_str(), me["language"].as_str()), (Some("pekerja"), Some("en")), "signed in");
    let me_csrf = me["csrf_token"].as_str().expect("session csrf").to_string();
    let res = client
        .post(app.url("/api/v1/signup/verify"))
        .header("x-csrf-token", me_csrf)
        .json(&json!({ "token": token }))
        .send()
        .await
        .expect("post");
    assert_eq!(res.json::<serde_json::Value>().await.expect("json")["code"], "verify_link_invalid", "works once");
}

both_backends!(
    a_worker_signs_up_verifies_the_email_and_is_signed_in,
    signing_up_with_a_registered_address_reveals_nothing_and_tells_the_owner,
    bad_sign_ups_are_refused_field_by_field_and_change_nothing,
    unverified_accounts_get_a_new_link_at_most_every_few_minutes,
    sign_ups_are_limited_per_address_per_hour,
    the_signup_api_answers_with_stable_problem_codes,
);
