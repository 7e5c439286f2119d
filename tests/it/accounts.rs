//! Sign-in, sign-out, first-administrator setup, lockout, session limits, password change, language.

use chrono::Duration;
use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::*;

async fn first_admin_is_created_through_the_one_time_setup_link(backend: Backend) {
    let app = spawn(backend).await;
    let link = app.setup_link.clone().expect("a fresh installation prints a setup link");
    assert!(link.starts_with(&app.address), "{link}");
    let path = link.trim_start_matches(&app.address).to_string();
    let client = browser();

    let (status, page) = app.get_text(&client, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Siapkan administrator pertama"), "{page}");

    // A common password is refused and nothing is created.
    let token = csrf_from(&page);
    let weak = [
        ("csrf_token", token.as_str()),
        ("email", "admin@bekasikota.go.id"),
        ("full_name", "Rina Admin"),
        ("password", "password1234"),
        ("password_confirm", "password1234"),
    ];
    let res = client.post(app.url(&path)).form(&weak).send().await.expect("post");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("terlalu umum"));
    let login = app.login(&client, "admin@bekasikota.go.id", "password1234").await;
    assert_eq!(login.status(), StatusCode::BAD_REQUEST, "no account was made by the refused attempt");

    let good = [
        ("csrf_token", token.as_str()),
        ("email", "Admin@BekasiKota.go.id"),
        ("full_name", "Rina Admin"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    let res = client.post(app.url(&path)).form(&good).send().await.expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, home) = app.get_text(&client, "/").await;
    assert!(home.contains("Rina Admin"), "signed in after setup: {home}");
    assert!(home.contains("/admin/users"), "the administrator sees user administration");

    // The link works once only.
    let (status, page) = app.get_text(&browser(), &path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("Tautan tidak berlaku"));
}

async fn login_and_logout_and_the_old_session_is_dead(backend: Backend) {
    let app = spawn(backend).await;
    let user = app.user("petugas", "dewi@bekasikota.go.id").await;
    let client = browser();

    let res = app.login(&client, &user.email, "salah sekali kata sandi").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("Email atau kata sandi salah"));

    let res = app.login(&client, "DEWI@bekasikota.go.id", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cookie = header(res.headers(), "set-cookie");
    assert!(cookie.starts_with("harmoni_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let raw = cookie.split(';').next().expect("cookie").to_string();

    let (status, page) = app.get_text(&client, "/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("dewi@bekasikota.go.id"));

    let res = app.post_form(&client, "/logout", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.get(&client, "/account").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/login"));

    // Replaying the old cookie does not bring the session back: it was deleted on the server.
    let res = plain_client().get(app.url("/account")).header("cookie", raw).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let actions = app.audit_actions(&user.office_id, &user.id).await;
    assert!(actions.contains(&"user.login".to_string()) && actions.contains(&"user.logout".to_string()), "{actions:?}");
}

async fn login_issues_a_new_session_id_each_time(backend: Backend) {
    let app = spawn(backend).await;
    let user = app.user("mediator", "budi@bekasikota.go.id").await;
    let client = browser();
    let first = app.login(&client, &user.email, PASSWORD).await;
    let first_cookie = header(first.headers(), "set-cookie");
    let second = app.login(&client, &user.email, PASSWORD).await;
    let second_cookie = header(second.headers(), "set-cookie");
    assert_ne!(first_cookie, second_cookie);
    let old = first_cookie.split(';').next().expect("cookie").to_string();
    let res = plain_client().get(app.url("/account")).header("cookie", old).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the session presented at login was ended");
}

async fn repeated_failures_lock_the_account_for_a_while(backend: Backend) {
    let app = spawn(backend).await;
    let user = app.user("petugas", "sari@bekasikota.go.id").await;
    let client = browser();
    for _ in 0..5 {
        let res = app.login(&client, &user.email, "bukan kata sandinya").await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    }
    let res = app.login(&client, &user.email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "the right password is refused while locked");
    assert!(app.audit_actions(&user.office_id, &user.id).await.contains(&"user.lock".to_string()));

    app.advance(Duration::minutes(14));
    let res = app.login(&client, &user.email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "still locked after 14 minutes");
    app.advance(Duration::minutes(2));
    let res = app.login(&client, &user.email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "unlocked after 15 minutes");
}

async fn sessions_end_after_idle_time_and_at_the_absolute_limit(backend: Backend) {
    let app = spawn(backend).await;
    let user = app.user("pimpinan", "kadis@bekasikota.go.id").await;

    let idle = app.browser_for(&user).await;
    app.advance(Duration::minutes(29));
    assert_eq!(app.get(&idle, "/account").await.status(), StatusCode::OK, "29 idle minutes are fine");
    app.advance(Duration::minutes(31));
    let res = app.get(&idle, "/account").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "31 idle minutes end the session");

    let busy = app.browser_for(&user).await;
    for _ in 0..35 {
        app.advance(Duration::minutes(20));
        assert_eq!(app.get(&busy, "/account").await.status(), StatusCode::OK);
    }
    app.advance(Duration::minutes(20));
    let res = app.get(&busy, "/account").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "12 hours after login the session ends however busy");
}

async fn users_change_their_own_password_with_the_current_one(backend: Backend) {
    let app = spawn(backend).await;
    let user = app.user("pekerja", "agus@gmail.com").await;
    let laptop = app.browser_for(&user).await;
    let phone = app.browser_for(&user).await;

    let res = app
        .post_form(
            &laptop,
            "/account/password",
            &[
                ("current_password", "tebakan salah sekali"),
                ("password", "meja kursi lampu jendela 9"),
                ("password_confirm", "meja kursi lampu jendela 9"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("Kata sandi saat ini salah"));

    let res = app
        .post_form(
            &laptop,
            "/account/password",
            &[("current_password", PASSWORD), ("password", "agus12345678"), ("password_confirm", "agus12345678")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "an easily guessed password is refused");

    let res = app
        .post_form(
            &laptop,
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "meja kursi lampu jendela 9"),
                ("password_confirm", "meja kursi lampu jendela 9"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&laptop, "/account").await.status(), StatusCode::OK, "this session stays");
    assert_eq!(app.get(&phone, "/account").await.status(), StatusCode::SEE_OTHER, "other sessions end");
    assert_eq!(app.login(&browser(), &user.email, PASSWORD).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.login(&browser(), &user.email, "meja kursi lampu jendela 9").await.status(), StatusCode::SEE_OTHER);
}

async fn english_is_selectable_per_user(backend: Backend) {
    let app = spawn(backend).await;
    let user = app.user("mediator", "eko@bekasikota.go.id").await;
    let client = app.browser_for(&user).await;
    let (_, page) = app.get_text(&client, "/account").await;
    assert!(page.contains(r#"<html lang="id">"#) && page.contains("Keluar"));

    let res = app.post_form(&client, "/account/language", &[("language", "en")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.get_text(&client, "/account").await;
    assert!(page.contains(r#"<html lang="en">"#) && page.contains("Sign out"), "{page}");

    // The choice belongs to the account: a new sign-in elsewhere is in English too.
    let other = app.browser_for(&user).await;
    let (_, page) = app.get_text(&other, "/").await;
    assert!(page.contains(r#"<html lang="en">"#));
    // Another user still sees Indonesian.
    let someone = app.user("petugas", "fajar@bekasikota.go.id").await;
    let (_, page) = app.get_text(&app.browser_for(&someone).await, "/").await;
    assert!(page.contains(r#"<html lang="id">"#));
}

both_backends!(
    first_admin_is_created_through_the_one_time_setup_link,
    login_and_logout_and_the_old_session_is_dead,
    login_issues_a_new_session_id_each_time,
    repeated_failures_lock_the_account_for_a_while,
    sessions_end_after_idle_time_and_at_the_absolute_limit,
    users_change_their_own_password_with_the_current_one,
    english_is_selectable_per_user,
);
