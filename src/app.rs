//! The application as a value: built from settings, bound to a port (0 in tests), then run.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use tracing_actix_web::TracingLogger;

use crate::accounts::service as accounts;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{self, Backend, Db};
use crate::error::Error;
use crate::http::telemetry::HarmoniRootSpan;
use crate::http::{errors, headers, health, session, AppState};
use crate::notifications::transport::Mailer;
use crate::notifications::worker::Worker;
use crate::offices;

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
    setup_link: Option<String>,
    worker: Option<Worker>,
}

impl Application {
    /// Opens the database (migrating it where configured), syncs offices from config, issues a
    /// first-administrator link when there is no administrator, and binds the listener.
    pub fn build(mut settings: Settings) -> anyhow::Result<Application> {
        let clock = match settings.fixed_time()? {
            Some(t) => Clock::fixed(t),
            None => Clock::system(),
        };
        let pool = db::build_pool(&settings.database).map_err(anyhow_err)?;
        let mut conn = pool.get().map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
        let backend = conn.backend();
        if backend == Backend::Sqlite || settings.database.migrate_on_start {
            for name in db::run_migrations(&mut conn).map_err(anyhow_err)? {
                tracing::info!(migration = %name, "migration applied");
            }
        } else if db::has_pending_migrations(&mut conn).map_err(anyhow_err)? {
            anyhow::bail!(
                "the database needs migrations: run `harmoni migrate` first (or set database.migrate_on_start = true)"
            );
        }
        let now = clock.now_naive();
        let offices = offices::service::sync_from_config(&mut conn, &settings.offices, now).map_err(anyhow_err)?;
        let default_office_id = offices[0].id.clone();
        for office in &offices {
            let added =
                crate::calendar::service::seed_from_config(&mut conn, &office.id, &settings.calendar_years, now)
                    .map_err(anyhow_err)?;
            if !added.is_empty() {
                tracing::info!(office = %office.code, years = ?added, "calendar years loaded from config");
            }
        }

        // The indicator's history must match the settings it is read with (thresholds, UMK).
        for office in crate::companies::history::ensure_current(&mut conn, &settings, now).map_err(anyhow_err)? {
            tracing::info!(office = %office, "decent-work indicator history rebuilt for the current settings");
        }

        let listener = TcpListener::bind((settings.server.host.as_str(), settings.server.port))
            .map_err(|e| anyhow::anyhow!("cannot listen on {}:{}: {e}", settings.server.host, settings.server.port))?;
        let port = listener.local_addr()?.port();
        if settings.server.port == 0 {
            // Tests and ad-hoc runs on a random port: links and the Origin check follow the real port.
            settings.server.public_url = format!("http://{}:{port}", settings.server.host);
        }

        let setup_link = accounts::ensure_setup_link(&mut conn, &default_office_id, &settings.security, now)
            .map_err(anyhow_err)?
            .map(|link| format!("{}/link/{}", settings.server.public_url, link.token));
        drop(conn);

        let mailer = Mailer::from_settings(&settings.mail)?;
        let worker = settings.mail.worker_in_serve.then(|| Worker {
            pool: pool.clone(),
            mailer: mailer.clone(),
            mail: settings.mail.clone(),
            clock: clock.clone(),
        });
        let state = AppState {
            settings: Arc::new(settings),
            db: Db::new(pool),
            clock,
            offices: Arc::new(offices.into_iter().map(|o| (o.id.clone(), o)).collect::<HashMap<_, _>>()),
            default_office_id,
            mailer,
        };
        let server = serve(listener, state.clone())?;
        Ok(Application { port, server, state, setup_link, worker })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops the server from another thread (tests).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// The one-time first-administrator link, when no administrator exists yet.
    pub fn setup_link(&self) -> Option<&str> {
        self.setup_link.as_deref()
    }

    /// A worker with this application's pool, mailer and clock (tests drive it by hand).
    pub fn worker(&self) -> Worker {
        Worker {
            pool: self.state.db.pool().clone(),
            mailer: self.state.mailer.clone(),
            mail: self.state.settings.mail.clone(),
            clock: self.state.clock.clone(),
        }
    }

    /// Serves until SIGINT/SIGTERM, letting requests in flight finish (graceful shutdown);
    /// the outbox worker, when it runs here, finishes its round and stops too.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let worker = match self.worker {
            Some(w) => Some(w.spawn()?),
            None => None,
        };
        let state = self.state.clone();
        let housekeeping = tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(600));
            loop {
                tick.tick().await;
                let (sec, now) = (state.settings.security.clone(), state.now());
                match state.db.run(move |c| accounts::purge_sessions(c, &sec, now)).await {
                    Ok(n) if n > 0 => tracing::info!(sessions = n, "expired sessions removed"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "session clean-up failed"),
                }
                let now = state.now();
                match state.db.run(move |c| crate::accounts::signup::purge_signup_attempts(c, now)).await {
                    Ok(n) if n > 0 => tracing::info!(rows = n, "old sign-up counts removed"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "sign-up count clean-up failed"),
                }
                let (settings, today) = (state.settings.clone(), state.today());
                match state.db.run(move |c| crate::companies::standing::sweep(c, &settings, today)).await {
                    Ok(n) if n > 0 => tracing::info!(companies = n, "compliance standing refreshed"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "compliance standing sweep failed"),
                }
                let (settings, today, now) = (state.settings.clone(), state.today(), state.now());
                match state.db.run(move |c| crate::cases::service::sweep_clocks(c, &settings, today, now)).await {
                    Ok(n) if n > 0 => tracing::info!(cases = n, "case clocks applied"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "case clock sweep failed"),
                }
                let (settings, today, now) = (state.settings.clone(), state.today(), state.now());
                match state.db.run(move |c| crate::regulations::service::sweep(c, &settings, today, now)).await {
                    Ok(n) if n > 0 => tracing::info!(submissions = n, "PP/PKB clocks and reminders applied"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "PP/PKB clock sweep failed"),
                }
            }
        });
        let result = self.server.await;
        housekeeping.abort();
        if let Some((stop, handle)) = worker {
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = tokio::task::spawn_blocking(move || handle.join()).await;
        }
        result
    }
}

fn anyhow_err(e: Error) -> anyhow::Error {
    match e {
        Error::Internal(inner) => inner,
        other => anyhow::anyhow!("{other}"),
    }
}

fn serve(listener: TcpListener, state: AppState) -> std::io::Result<Server> {
    let workers = state.settings.server.workers;
    let shutdown = state.settings.server.shutdown_timeout_secs;
    let data = web::Data::new(state);
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(web::FormConfig::default().limit(64 * 1024))
            .app_data(web::JsonConfig::default().limit(256 * 1024))
            .wrap(from_fn(session::session_layer))
            .wrap(from_fn(errors::render_errors))
            .wrap(from_fn(headers::security_headers))
            .wrap(TracingLogger::<HarmoniRootSpan>::new())
            .service(health::healthz)
            .service(health::readyz)
            .service(health::stylesheet)
            .service(health::favicon)
            .configure(crate::home::routes)
            .configure(crate::accounts::web::routes)
            .configure(crate::audit::web::routes)
            .configure(crate::calendar::web::routes)
            .configure(crate::notifications::web::routes)
            .configure(crate::companies::web::routes)
            .configure(crate::unions::web::routes)
            .configure(crate::documents::web::routes)
            .configure(crate::tripartit::web::routes)
            .configure(crate::cases::web::routes)
            .configure(crate::notices::web::routes)
            .configure(crate::regulations::web::routes)
            .configure(crate::schedules::web::routes)
            .configure(crate::reports::web::routes)
            .configure(crate::letters::web::routes)
            .configure(crate::api::routes)
    })
    .listen(listener)?
    .shutdown_timeout(shutdown);
    if workers > 0 {
        server = server.workers(workers);
    }
    Ok(server.run())
}
