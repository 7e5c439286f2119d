//! Browser journeys in headless Chromium (WebDriver): what a person does with keyboard and mouse.
//! They need `chromium` and `chromium-driver`; `.ci/run` installs them and requires these tests.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};

use crate::both_backends;
use crate::helpers::*;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A headless Chromium driven through its own chromedriver, stopped when dropped.
struct Browser {
    driver: Child,
    client: Client,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

async fn start_browser() -> Option<Browser> {
    if !std::path::Path::new(CHROMEDRIVER).exists() || !std::path::Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var("HARMONI_REQUIRE_BROWSER").is_err(),
            "browser tests are required here but {CHROMEDRIVER} or {CHROMIUM} is missing (apt-get install chromium chromium-driver)"
        );
        eprintln!("SKIPPED: browser journey needs chromium and chromium-driver");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
    let driver = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1280,900",
                     format!("--user-data-dir={}", std::env::temp_dir().join(format!("harmoni-chromium-{port}")).display())]
        }),
    );
    let mut last_error = String::new();
    for _ in 0..50 {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => return Some(Browser { driver, client }),
            Err(e) => last_error = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("cannot start a browser session: {last_error}");
}

async fn body_text(c: &Client) -> String {
    c.find(Locator::Css("body")).await.expect("body").text().await.expect("text")
}

async fn fill(c: &Client, id: &str, value: &str) {
    let field = c.find(Locator::Id(id)).await.unwrap_or_else(|_| panic!("field #{id}"));
    field.clear().await.expect("clear");
    field.send_keys(value).await.expect("type");
}

/// Runs an action that navigates, then waits until the old page is gone and the new one loaded,
/// so assertions never read a page that is being replaced.
async fn navigating<F, Fut>(c: &Client, action: F)
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let old = c.find(Locator::Css("html")).await.expect("current page");
    action().await;
    for _ in 0..200 {
        if old.tag_name().await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    c.wait().for_element(Locator::Css("footer")).await.expect("the new page loads");
}

async fn click(c: &Client, locator: Locator<'_>) {
    let target = c.find(locator).await.expect("element to click");
    navigating(c, || async {
        target.click().await.expect("click");
    })
    .await;
}

async fn submit_main_form(c: &Client) {
    click(c, Locator::Css("main form button[type=submit]")).await;
}

async fn an_administrator_sets_up_harmoni_and_adds_a_mediator_in_the_browser(backend: Backend) {
    let Some(browser) = start_browser().await else { return };
    let c = &browser.client;
    let app = spawn(backend).await;
    let link = app.setup_link.clone().expect("setup link");

    c.goto(&link).await.expect("open setup link");
    c.wait().for_element(Locator::Css("footer")).await.expect("page loads");
    fill(c, "f-email", "admin@bekasikota.go.id").await;
    fill(c, "f-full_name", "Rina Kurniasih").await;
    fill(c, "f-password", "password1234").await;
    fill(c, "f-password_confirm", "password1234").await;
    submit_main_form(c).await;
    let text = body_text(c).await;
    assert!(text.contains("Ada yang perlu diperbaiki") && text.contains("terlalu umum"), "{text}");

    fill(c, "f-password", PASSWORD).await;
    fill(c, "f-password_confirm", PASSWORD).await;
    submit_main_form(c).await;
    let text = body_text(c).await;
    assert!(
        text.contains("Selamat datang, Rina Kurniasih"),
        "a real browser's form post passes the CSRF and origin checks: {text}"
    );

    click(c, Locator::LinkText("Pengguna")).await;
    click(c, Locator::LinkText("Tambah pengguna")).await;
    fill(c, "f-email", "siti.mediator@bekasikota.go.id").await;
    fill(c, "f-full_name", "Siti Rahmawati").await;
    c.find(Locator::Css("#f-role option[value=mediator]")).await.expect("option").click().await.expect("select");
    submit_main_form(c).await;
    let text = body_text(c).await;
    assert!(text.contains("diantrekan ke email siti.mediator@bekasikota.go.id") && !text.contains("/link/"), "{text}");

    // The header switch changes the language of the account.
    c.find(Locator::Css("#lang-select option[value=en]")).await.expect("option").click().await.expect("select");
    click(c, Locator::Css(".lang-switch button")).await;
    let text = body_text(c).await;
    assert!(text.contains("Sign out"), "{text}");

    click(c, Locator::Css("header form[action='/logout'] button")).await;
    assert!(body_text(c).await.contains("You have signed out"));

    // Signing in with the keyboard only: type, Tab, type, Enter.
    let email = c.find(Locator::Id("f-email")).await.expect("email field");
    navigating(c, || async {
        email.send_keys(&format!("admin@bekasikota.go.id{}{}{}", Key::Tab, PASSWORD, Key::Enter)).await.expect("type");
    })
    .await;
    let text = body_text(c).await;
    assert!(text.contains("Welcome, Rina Kurniasih"), "{text}");
    c.clone().close().await.expect("close");
}

both_backends!(an_administrator_sets_up_harmoni_and_adds_a_mediator_in_the_browser);
