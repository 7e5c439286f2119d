//! Test harness: the real application on a random port with its own fresh database, on either backend.

use std::sync::OnceLock;

use chrono::Duration;
use diesel::{Connection, PgConnection, RunQueryDsl};
use harmoni::accounts::service::{self, LinkForm, UserInput};
use harmoni::app::Application;
use harmoni::config::Settings;
use harmoni::http::AppState;
use harmoni::notifications::model::OutboxRow;
use regex::Regex;
use reqwest::header::HeaderMap;
use reqwest::{Client, Response, StatusCode};

pub const PASSWORD: &str = "kopi hujan sepeda meja 7";

/// Which database a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates one test per backend for each named `async fn name(backend: Backend)`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Postgres).await
                }
            )*
        }
    };
}

/// The PostgreSQL server the suite uses: HARMONI_TEST_POSTGRES_URL, or the local default.
pub fn postgres_base_url() -> String {
    std::env::var("HARMONI_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A throwaway PostgreSQL schema, dropped when the test ends.
pub struct PgSchema {
    base: String,
    name: String,
}

impl PgSchema {
    pub fn create() -> PgSchema {
        let base = postgres_base_url();
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let mut conn = PgConnection::establish(&base).unwrap_or_else(|e| {
            panic!("PostgreSQL is not reachable at {base} ({e}); start it (pg_ctlcluster 15 main start) or set HARMONI_TEST_POSTGRES_URL")
        });
        // The migrations install pg_trgm into `public` if it is missing; tests migrate many
        // schemas at once, so install it once here first rather than race to create it.
        static EXTENSIONS: std::sync::Once = std::sync::Once::new();
        EXTENSIONS.call_once(|| {
            diesel::sql_query("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
                .execute(&mut conn)
                .expect("install pg_trgm");
        });
        diesel::sql_query(format!("CREATE SCHEMA {name}")).execute(&mut conn).expect("create schema");
        PgSchema { base, name }
    }

    /// A URL whose connections see only this schema.
    pub fn url(&self) -> String {
        let sep = if self.base.contains('?') { '&' } else { '?' };
        format!("{}{sep}options=-csearch_path%3D{}", self.base, self.name)
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        if let Ok(mut conn) = PgConnection::establish(&self.base) {
            let _ = diesel::sql_query(format!("DROP SCHEMA {} CASCADE", self.name)).execute(&mut conn);
        }
    }
}

/// A database of its own for one test.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    _schema: Option<PgSchema>,
}

impl TestDb {
    pub fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("harmoni.db").display());
                TestDb { url, _dir: Some(dir), _schema: None }
            }
            Backend::Postgres => {
                let schema = PgSchema::create();
                TestDb { url: schema.url(), _dir: None, _schema: Some(schema) }
            }
        }
    }
}

/// Settings for tests: random port, fixed clock, cheap password hashing, two offices.
pub fn test_settings(db_url: &str) -> Settings {
    let extra = std::env::temp_dir().join(format!("harmoni-test-{}.toml", uuid::Uuid::new_v4().simple()));
    std::fs::write(
        &extra,
        r#"
[server]
port = 0
workers = 1
shutdown_timeout_secs = 1

[log]
level = "warn"

[database]
pool_size = 3

[mail]
transport = "memory"
worker_in_serve = false
send_concurrency = 2

[clock]
fixed = "2026-03-02T08:00:00+07:00"

[security]
argon2_memory_kib = 1024
argon2_iterations = 1

[[offices]]
code = "3275"
name = "Dinas Tenaga Kerja Kota Bekasi"
short_name = "Disnaker Kota Bekasi"
region_code = "32.75"
region_name = "Kota Bekasi"
letterhead_government = "PEMERINTAH KOTA BEKASI"
letterhead_office = "DINAS TENAGA KERJA"
address = "Kota Bekasi"
phone = ""
email = ""
website = ""
rooms = [{ code = "R1", name = "Ruang Mediasi 1" }, { code = "R2", name = "Ruang Mediasi 2" }]

[[offices]]
code = "3216"
name = "Dinas Tenaga Kerja Kabupaten Bekasi"
short_name = "Disnaker Kab. Bekasi"
region_code = "32.16"
region_name = "Kabupaten Bekasi"
letterhead_government = "PEMERINTAH KABUPATEN BEKASI"
letterhead_office = "DINAS TENAGA KERJA"
address = "Cikarang"
phone = ""
email = ""
website = ""
"#,
    )
    .expect("write settings");
    let files = std::env::temp_dir().join(format!("harmoni-files-{}", uuid::Uuid::new_v4().simple()));
    let env = vec![
        ("HARMONI__DATABASE__URL".to_string(), db_url.to_string()),
        ("HARMONI__STORAGE__DIR".to_string(), files.display().to_string()),
    ];
    let settings = Settings::load_from(Some(&extra), &env).expect("test settings load");
    let _ = std::fs::remove_file(extra);
    settings
}

pub struct TestApp {
    pub address: String,
    pub state: AppState,
    pub setup_link: Option<String>,
    /// Delivers the outbox on demand (the background worker is off in tests).
    pub worker: harmoni::notifications::worker::Worker,
    server: Option<(actix_web::dev::ServerHandle, std::thread::JoinHandle<()>)>,
    pub db: TestDb,
}

impl Drop for TestApp {
    /// Stops the server and waits for it, so no test leaves connections behind.
    fn drop(&mut self) {
        if let Some((handle, thread)) = self.server.take() {
            let _ = std::thread::spawn(move || actix_web::rt::System::new().block_on(handle.stop(false))).join();
            let _ = thread.join();
        }
    }
}

static LOG: OnceLock<()> = OnceLock::new();

pub async fn spawn(backend: Backend) -> TestApp {
    spawn_with(backend, |_| {}).await
}

/// Starts the application with adjusted settings on a fresh database, on an actix system
/// of its own (stopped when the `TestApp` is dropped).
pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    LOG.get_or_init(|| {
        if std::env::var("HARMONI_TEST_LOG").is_ok() {
            harmoni::http::telemetry::init(&harmoni::config::LogSettings {
                format: harmoni::config::LogFormat::Text,
                level: "info".into(),
            });
        }
    });
    let db = TestDb::new(backend);
    let mut settings = test_settings(&db.url);
    tweak(&mut settings);
    start(db, settings).await
}

/// Starts the application on a given database and settings.
pub async fn start(db: TestDb, settings: Settings) -> TestApp {
    let (tx, rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            match Application::build(settings) {
                Ok(app) => {
                    let started = (
                        app.port(),
                        app.state().clone(),
                        app.setup_link().map(str::to_string),
                        app.handle(),
                        app.worker(),
                    );
                    let _ = tx.send(Ok(started));
                    let _ = app.run_until_stopped().await;
                }
                Err(e) => {
                    let _ = tx.send(Err(format!("{e:#}")));
                }
            }
        })
    });
    let (port, state, setup_link, handle, worker) = tokio::task::spawn_blocking(move || rx.recv())
        .await
        .expect("join")
        .expect("the app thread answers")
        .unwrap_or_else(|e| panic!("the app builds: {e}"));
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        state,
        setup_link,
        worker,
        server: Some((handle, thread)),
        db,
    }
}

/// A browser: keeps cookies, does not follow redirects (tests look at them).
pub fn browser() -> Client {
    Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// A client without cookies (API scripts).
pub fn plain_client() -> Client {
    Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

pub fn csrf_from(html: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r#"name="csrf_token" value="([^"]+)""#).expect("regex"));
    re.captures(html).map(|c| c[1].to_string()).unwrap_or_else(|| panic!("no CSRF token in page:\n{html}"))
}

pub fn location(res: &Response) -> String {
    res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// A user made directly through the services, with a known password.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: String,
    pub email: String,
    pub password: String,
    pub office_id: String,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub fn office_id(&self, code: &str) -> String {
        self.state.offices.values().find(|o| o.code == code).map(|o| o.id.clone()).expect("office configured")
    }

    /// Adds an activated user with the test password to an office ("3275" or "3216").
    pub async fn user_in(&self, office_code: &str, role: &str, email: &str) -> TestUser {
        let office_id = self.office_id(office_code);
        let settings = self.state.settings.clone();
        let sec = settings.security.clone();
        let now = self.state.now();
        let input = UserInput {
            email: email.into(),
            full_name: format!("Pengguna {role}"),
            role: role.into(),
            language: "id".into(),
        };
        let oid = office_id.clone();
        let user = self
            .state
            .db
            .run(move |c| {
                let (user, link) = service::create_user_from_cli(c, &oid, &input, &settings, now)?;
                let form =
                    LinkForm { password: PASSWORD.into(), password_confirm: PASSWORD.into(), ..Default::default() };
                service::redeem_link(c, &link.token, &form, &sec, now, None)?;
                Ok(user)
            })
            .await
            .expect("user created");
        TestUser { id: user.id, email: user.email, password: PASSWORD.into(), office_id }
    }

    pub async fn user(&self, role: &str, email: &str) -> TestUser {
        self.user_in("3275", role, email).await
    }

    /// The CSRF token the given browser must send now (read from a page's forms).
    pub async fn csrf(&self, client: &Client) -> String {
        let html = client.get(self.url("/")).send().await.expect("GET /").text().await.expect("body");
        csrf_from(&html)
    }

    /// Submits a form the way the page would, with the browser's current CSRF token.
    pub async fn post_form(&self, client: &Client, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf(client).await;
        let mut body: Vec<(&str, &str)> = vec![("csrf_token", &token)];
        body.extend_from_slice(fields);
        client.post(self.url(path)).form(&body).send().await.expect("POST")
    }

    pub async fn login(&self, client: &Client, email: &str, password: &str) -> Response {
        self.post_form(client, "/login", &[("email", email), ("password", password)]).await
    }

    /// A signed-in browser for the user.
    pub async fn browser_for(&self, user: &TestUser) -> Client {
        let client = browser();
        let res = self.login(&client, &user.email, &user.password).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "login of {} should succeed", user.email);
        client
    }

    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_text(&self, client: &Client, path: &str) -> (StatusCode, String) {
        let res = self.get(client, path).await;
        let status = res.status();
        (status, res.text().await.expect("body"))
    }

    pub fn advance(&self, by: Duration) {
        assert!(self.state.clock.advance(by), "tests run on a fixed clock");
    }

    /// Audit entries of the office matching an action, read through the service layer.
    pub async fn audit_actions(&self, office_id: &str, entity_id: &str) -> Vec<String> {
        let office_id = office_id.to_string();
        let entity_id = entity_id.to_string();
        let query = harmoni::audit::model::AuditQuery { entity_id: Some(entity_id), ..Default::default() };
        self.state
            .db
            .run(move |c| Ok(harmoni::audit::model::list(c, &office_id, &query, 0, 500)?.0))
            .await
            .expect("audit rows")
            .into_iter()
            .map(|r| r.action)
            .collect()
    }
}

impl TestApp {
    /// Messages queued to an address, oldest first.
    pub async fn mail_to(&self, email: &str) -> Vec<OutboxRow> {
        use diesel::prelude::*;
        use harmoni::schema::outbox;
        let email = email.to_string();
        self.state
            .db
            .run(move |c| {
                Ok(outbox::table
                    .filter(outbox::recipient_email.eq(email))
                    .order(outbox::id)
                    .select(OutboxRow::as_select())
                    .load(c)?)
            })
            .await
            .expect("outbox rows")
    }

    /// The path of the one-time link in the newest message to an address.
    pub async fn link_mailed_to(&self, email: &str) -> String {
        let mail = self.mail_to(email).await;
        let body = &mail.last().unwrap_or_else(|| panic!("no message to {email}")).body_text;
        let start = body.find("/link/").expect("the message carries a link");
        body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c)).collect()
    }
}

pub fn header(headers: &HeaderMap, name: &str) -> String {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// Posts a multipart form the way the page does (the CSRF token in the URL), with a `berkas`
/// file when given; repeated fields are sent repeatedly.
pub async fn post_multipart(
    app: &TestApp,
    client: &Client,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Response {
    let csrf = app.csrf(client).await;
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part("berkas", reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()));
    }
    let sep = if path.contains('?') { '&' } else { '?' };
    client.post(app.url(&format!("{path}{sep}csrf_token={csrf}"))).multipart(form).send().await.expect("post")
}

/// Uploads a file through the API (multipart field `berkas`, CSRF token in the header).
pub async fn api_upload(app: &TestApp, client: &Client, path: &str, name: &str, bytes: &[u8]) -> Response {
    let csrf = app.csrf(client).await;
    let form = reqwest::multipart::Form::new()
        .part("berkas", reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()));
    client.post(app.url(path)).header("x-csrf-token", csrf).multipart(form).send().await.expect("upload")
}
