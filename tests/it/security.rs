//! CSRF and origin checks, security headers, anonymous and wrong-role access, error pages.

use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::*;

async fn forms_without_the_right_csrf_token_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    let user = app.user("petugas", "tika@bekasikota.go.id").await;
    let client = app.browser_for(&user).await;
    let token = app.csrf(&client).await;

    let missing = client.post(app.url("/account/language")).form(&[("language", "en")]).send().await.expect("post");
    assert_eq!(missing.status(), StatusCode::FORBIDDEN);
    assert!(missing.text().await.expect("body").contains("kedaluwarsa"), "the page explains what happened");

    let wrong = client
        .post(app.url("/account/language"))
        .form(&[("csrf_token", "x".repeat(43).as_str()), ("language", "en")])
        .send()
        .await
        .expect("post");
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);

    let cross_origin = client
        .post(app.url("/account/language"))
        .header("origin", "https://evil.example")
        .form(&[("csrf_token", token.as_str()), ("language", "en")])
        .send()
        .await
        .expect("post");
    assert_eq!(cross_origin.status(), StatusCode::FORBIDDEN);

    // `Origin: null` (sandboxed frames, privacy modes) is not our origin either.
    let null_origin = client
        .post(app.url("/account/language"))
        .header("origin", "null")
        .form(&[("csrf_token", token.as_str()), ("language", "en")])
        .send()
        .await
        .expect("post");
    assert_eq!(null_origin.status(), StatusCode::FORBIDDEN);

    let cross_site = client
        .post(app.url("/account/language"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf_token", token.as_str()), ("language", "en")])
        .send()
        .await
        .expect("post");
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);

    let (_, page) = app.get_text(&client, "/account").await;
    assert!(page.contains(r#"<html lang="id">"#), "none of the refused requests changed anything");

    let ok = client
        .post(app.url("/account/language"))
        .header("origin", app.address.as_str())
        .header("sec-fetch-site", "same-origin")
        .form(&[("csrf_token", token.as_str()), ("language", "en")])
        .send()
        .await
        .expect("post");
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
}

async fn login_form_needs_its_csrf_token_too(backend: Backend) {
    let app = spawn(backend).await;
    let user = app.user("petugas", "wati@bekasikota.go.id").await;
    let client = browser();
    let res = client
        .post(app.url("/login"))
        .form(&[("email", user.email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "login CSRF is refused");
    let res = app.login(&client, &user.email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

async fn api_with_a_cookie_session_needs_the_csrf_header(backend: Backend) {
    let app = spawn(backend).await;
    let user = app.user("mediator", "nana@bekasikota.go.id").await;
    let client = app.browser_for(&user).await;
    let me: serde_json::Value = app.get(&client, "/api/v1/me").await.json().await.expect("json");
    let token = me["csrf_token"].as_str().expect("cookie sessions get their CSRF token").to_string();
    let res =
        client.post(app.url("/api/v1/tokens")).json(&serde_json::json!({"name": "skrip"})).send().await.expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(header(res.headers(), "content-type"), "application/problem+json");
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["code"], "csrf_rejected");
    let res = client
        .post(app.url("/api/v1/tokens"))
        .header("x-csrf-token", token)
        .json(&serde_json::json!({"name": "skrip"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
}

/// Every page and API route that is not public.
const PRIVATE_PAGES: &[&str] = &[
    "/laporan",
    "/laporan/tata-kelola",
    "/laporan/tata-kelola/belum-memenuhi",
    "/laporan/sengketa",
    "/laporan/bulanan",
    "/jadwal",
    "/jadwal/minggu",
    "/jadwal/beban",
    "/jadwal/langganan",
    "/account",
    "/account/tokens",
    "/inbox",
    "/admin/users",
    "/admin/users/new",
    "/admin/audit",
    "/admin/users/00000000-0000-0000-0000-000000000000",
    "/admin/users/00000000-0000-0000-0000-000000000000/edit",
    "/admin/kalender",
    "/admin/outbox",
    "/admin/outbox/00000000-0000-0000-0000-000000000000",
    "/perusahaan",
    "/perusahaan/baru",
    "/perusahaan.csv",
    "/perusahaan/00000000-0000-0000-0000-000000000000",
    "/perusahaan/00000000-0000-0000-0000-000000000000/kepatuhan",
    "/serikat",
    "/serikat/baru",
    "/serikat/00000000-0000-0000-0000-000000000000",
    "/berkas/00000000-0000-0000-0000-000000000000",
    "/perusahaan/impor-bpjs",
    "/tripartit",
    "/tripartit/periode/baru",
    "/tripartit/periode/00000000-0000-0000-0000-000000000000",
    "/tripartit/rapat/baru",
    "/tripartit/rapat/00000000-0000-0000-0000-000000000000",
    "/tripartit/rekomendasi/00000000-0000-0000-0000-000000000000",
    "/kasus",
    "/kasus/baru",
    "/kasus/tenggat",
    "/kasus/00000000-0000-0000-0000-000000000000",
    "/kasus/00000000-0000-0000-0000-000000000000/tanda-terima",
    "/kasus/00000000-0000-0000-0000-000000000000/risalah",
    "/pemberitahuan",
    "/pemberitahuan/baru",
    "/pemberitahuan/00000000-0000-0000-0000-000000000000",
    "/pemberitahuan/00000000-0000-0000-0000-000000000000/tanda-terima",
    "/laporan-phk",
    "/laporan-phk/baru",
    "/laporan-phk/00000000-0000-0000-0000-000000000000",
];
const PRIVATE_API: &[&str] = &[
    "/api/v1/reports/indicator",
    "/api/v1/reports/indicator/missing",
    "/api/v1/reports/disputes",
    "/api/v1/reports/monthly",
    "/api/v1/schedule",
    "/api/v1/schedule/rooms",
    "/api/v1/calendar-feeds",
    "/api/v1/hearings/00000000-0000-0000-0000-000000000000",
    "/api/v1/me",
    "/api/v1/users",
    "/api/v1/users/00000000-0000-0000-0000-000000000000",
    "/api/v1/audit",
    "/api/v1/tokens",
    "/api/v1/notices",
    "/api/v1/outbox",
    "/api/v1/outbox/00000000-0000-0000-0000-000000000000",
    "/api/v1/companies",
    "/api/v1/companies/00000000-0000-0000-0000-000000000000",
    "/api/v1/companies/00000000-0000-0000-0000-000000000000/compliance",
    "/api/v1/unions",
    "/api/v1/unions/00000000-0000-0000-0000-000000000000",
    "/api/v1/documents/00000000-0000-0000-0000-000000000000",
    "/api/v1/imports/00000000-0000-0000-0000-000000000000",
    "/api/v1/tripartit/terms",
    "/api/v1/tripartit/terms/00000000-0000-0000-0000-000000000000",
    "/api/v1/tripartit/meetings",
    "/api/v1/tripartit/meetings/00000000-0000-0000-0000-000000000000",
    "/api/v1/tripartit/recommendations",
    "/api/v1/cases",
    "/api/v1/cases/workbench",
    "/api/v1/cases/00000000-0000-0000-0000-000000000000",
    "/api/v1/cases/00000000-0000-0000-0000-000000000000/mediators",
    "/api/v1/stoppage-notices",
    "/api/v1/stoppage-notices/00000000-0000-0000-0000-000000000000",
    "/api/v1/phk-reports",
    "/api/v1/phk-reports/00000000-0000-0000-0000-000000000000",
];
const PRIVATE_POSTS: &[&str] = &[
    "/jadwal/langganan",
    "/jadwal/00000000-0000-0000-0000-000000000000/batal",
    "/logout",
    "/account/password",
    "/account/language",
    "/account/tokens",
    "/account/tokens/x/revoke",
    "/admin/users",
    "/admin/users/x",
    "/admin/users/x/disable",
    "/admin/users/x/enable",
    "/admin/users/x/reset",
    "/inbox/x/read",
    "/inbox/read-all",
    "/admin/kalender/hari",
    "/admin/kalender/hari/2026-03-04/hapus",
    "/admin/kalender/impor",
    "/admin/kalender/tahun/2026/final",
    "/admin/outbox/x/retry",
    "/admin/outbox/x/cancel",
    "/perusahaan",
    "/perusahaan/x",
    "/perusahaan/x/perwakilan",
    "/perusahaan/x/perwakilan/y/hapus",
    "/perusahaan/x/bpjs",
    "/perusahaan/x/skala-upah",
    "/perusahaan/x/lks",
    "/perusahaan/x/lks/y/pencatatan",
    "/perusahaan/x/lks/y/rapat",
    "/perusahaan/x/lks/y/laporan",
    "/perusahaan/x/dokumen/skala-upah/y",
    "/perusahaan/impor-bpjs",
    "/serikat",
    "/serikat/x",
    "/serikat/x/perusahaan",
    "/serikat/x/perusahaan/y/hapus",
    "/tripartit/periode",
    "/tripartit/rapat",
    "/tripartit/rapat/x/notulen",
    "/tripartit/rapat/x/rekomendasi",
    "/tripartit/rekomendasi/x/status",
    "/kasus",
    "/kasus/x/langkah",
    "/kasus/x/bipartit",
    "/pemberitahuan/x/perkara",
    "/pemberitahuan",
    "/pemberitahuan/x/fasilitasi",
    "/pemberitahuan/x/hasil",
    "/laporan-phk",
];

async fn anonymous_visitors_are_sent_to_login_or_get_401(backend: Backend) {
    let app = spawn(backend).await;
    let client = browser();
    for path in PRIVATE_PAGES {
        let res = app.get(&client, path).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&res), format!("/login?next={}", path.replace('/', "%2F")), "{path}");
    }
    for path in PRIVATE_API {
        let res = app.get(&client, path).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(header(res.headers(), "content-type"), "application/problem+json", "{path}");
        assert!(header(res.headers(), "www-authenticate").starts_with("Bearer"), "{path}");
    }
    for path in PRIVATE_POSTS {
        let res = app.post_form(&client, path, &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(location(&res).starts_with("/login"), "{path}");
    }
    let res = plain_client().get(app.url("/api/v1/me")).bearer_auth("hmn_not-a-real-token").send().await.expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // Public pages stay public.
    for path in [
        "/",
        "/login",
        "/daftar",
        "/daftar/kirim-ulang",
        "/kalender",
        "/healthz",
        "/readyz",
        "/static/app.css",
        "/static/favicon.svg",
        "/api/v1/openapi.json",
        "/api/v1/calendar/holidays?year=2026",
        "/api/v1/calendar/rules",
    ] {
        assert_eq!(app.get(&client, path).await.status(), StatusCode::OK, "{path}");
    }
}

async fn users_without_the_role_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    for role in ["pimpinan", "mediator", "petugas", "perusahaan", "pekerja"] {
        let user = app.user(role, &format!("{role}@contoh.co.id")).await;
        let client = app.browser_for(&user).await;
        let own = format!("/admin/users/{}", user.id);
        for path in
            ["/admin/users", "/admin/users/new", "/admin/audit", "/admin/kalender", "/admin/outbox", own.as_str()]
        {
            let (status, page) = app.get_text(&client, path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{role} {path}");
            assert!(page.contains("Akses ditolak"), "{role} {path}");
        }
        for path in ["/api/v1/users", "/api/v1/audit", "/api/v1/outbox"] {
            let res = app.get(&client, path).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role} {path}");
        }
        let res = app
            .post_form(
                &client,
                "/admin/users",
                &[("email", "baru@contoh.co.id"), ("full_name", "Orang Baru"), ("role", "admin"), ("language", "id")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role} cannot create users");
        let (_, home) = app.get_text(&client, "/").await;
        assert!(!home.contains("/admin/users"), "{role} navigation only shows what they may use");
    }
}

fn assert_security_headers(res: &reqwest::Response, what: &str) {
    let h = res.headers();
    let csp = header(h, "content-security-policy");
    assert!(csp.contains("default-src 'self'"), "{what}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{what}: {csp}");
    assert_eq!(header(h, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(h, "x-frame-options"), "DENY", "{what}");
    assert_eq!(header(h, "referrer-policy"), "same-origin", "{what}");
    assert!(!header(h, "x-request-id").is_empty(), "{what}");
}

async fn every_response_carries_the_security_headers(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let client = app.browser_for(&admin).await;
    let anon = browser();
    let cases = vec![
        ("page", app.get(&client, "/admin/users").await),
        ("redirect", app.get(&anon, "/account").await),
        ("not found page", app.get(&client, "/tidak-ada").await),
        ("not found api", app.get(&client, "/api/v1/tidak-ada").await),
        ("static", app.get(&anon, "/static/app.css").await),
        ("health", app.get(&anon, "/healthz").await),
        (
            "csrf refusal",
            client.post(app.url("/account/language")).form(&[("language", "en")]).send().await.expect("post"),
        ),
        ("method not allowed", client.delete(app.url("/login")).send().await.expect("delete")),
        (
            "bad json",
            client
                .post(app.url("/api/v1/tokens"))
                .header("x-csrf-token", app.csrf(&client).await)
                .header("content-type", "application/json")
                .body("{")
                .send()
                .await
                .expect("post"),
        ),
    ];
    for (what, res) in &cases {
        assert_security_headers(res, what);
    }
    let page = &cases[0].1;
    assert_eq!(header(page.headers(), "cache-control"), "no-store", "authenticated pages are not stored");
    let css = &cases[4].1;
    assert!(header(css.headers(), "cache-control").starts_with("public"), "static files may be cached");
    assert_eq!(cases[8].1.status(), StatusCode::BAD_REQUEST);
}

async fn error_pages_show_a_request_id_and_nothing_internal(backend: Backend) {
    let app = spawn(backend).await;
    let client = browser();
    let res = app.get(&client, "/tidak-ada?x=<script>").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let id = header(res.headers(), "x-request-id");
    let page = res.text().await.expect("body");
    assert!(page.contains("Tidak ditemukan") && page.contains(&id), "{page}");
    assert!(!page.contains("<script>"));

    let res = app.get(&client, "/api/v1/tidak-ada").await;
    let id = header(res.headers(), "x-request-id");
    let body: serde_json::Value = res.json().await.expect("problem json");
    assert_eq!(body["code"], "not_found");
    assert_eq!(body["request_id"], id);
    assert_eq!(body["status"], 404);
}

async fn secure_mode_uses_host_prefixed_secure_cookies(backend: Backend) {
    let app = spawn_with(backend, |s| s.security.secure_cookies = harmoni::config::SecureCookies::Always).await;
    let user = app.user("petugas", "aman@bekasikota.go.id").await;
    let client = browser();
    let page = app.get(&client, "/login").await;
    let csrf_cookie = header(page.headers(), "set-cookie");
    assert!(csrf_cookie.starts_with("__Host-harmoni_csrf="), "{csrf_cookie}");
    let token = csrf_cookie.split(';').next().expect("cookie").split_once('=').expect("value").1.to_string();
    // The test client speaks plain http, so it sends the Secure cookie by hand.
    let res = plain_client()
        .post(app.url("/login"))
        .header("cookie", format!("__Host-harmoni_csrf={token}"))
        .form(&[("csrf_token", token.as_str()), ("email", user.email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let session = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap_or_default().to_string())
        .find(|c| c.contains("session"))
        .expect("session cookie");
    assert!(session.starts_with("__Host-harmoni_session="), "{session}");
    for attribute in ["Secure", "HttpOnly", "Path=/", "SameSite=Lax"] {
        assert!(session.contains(attribute), "{attribute} in {session}");
    }
    assert!(!session.contains("Domain="), "__Host- cookies carry no Domain: {session}");
}

both_backends!(
    forms_without_the_right_csrf_token_are_refused,
    login_form_needs_its_csrf_token_too,
    api_with_a_cookie_session_needs_the_csrf_header,
    anonymous_visitors_are_sent_to_login_or_get_401,
    users_without_the_role_are_refused,
    every_response_carries_the_security_headers,
    error_pages_show_a_request_id_and_nothing_internal,
    secure_mode_uses_host_prefixed_secure_cookies,
);
