//! The `harmoni` command: `serve` (default), `migrate`, `worker`, `user add`, `demo`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use harmoni::accounts::service::{self, UserInput};
use harmoni::app::Application;
use harmoni::clock::Clock;
use harmoni::config::Settings;
use harmoni::db::{self, ConnectionManager};
use harmoni::http::telemetry;
use harmoni::offices;

#[derive(Parser)]
#[command(name = "harmoni", version, about = "Harmoni: industrial-relations case system (Disnaker)")]
struct Cli {
    /// Extra settings file, layered over config/default.toml (also: HARMONI_CONFIG).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Deliver queued email on its own (set mail.worker_in_serve = false for the servers).
    Worker,
    /// Load a realistic demonstration register of Kota Bekasi companies (idempotent).
    Demo {
        /// How many companies.
        #[arg(long, default_value_t = 1600)]
        companies: u64,
        /// Office code from the settings (defaults to the first office).
        #[arg(long)]
        office: Option<String>,
    },
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user and print their one-time link to set a password.
    Add {
        /// admin, pimpinan, mediator, petugas, perusahaan or pekerja
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: String,
        /// Full name (defaults to the part of the email before @; change it later on the admin page).
        #[arg(long)]
        name: Option<String>,
        /// Office code from the settings (defaults to the first office).
        #[arg(long)]
        office: Option<String>,
        /// id or en
        #[arg(long, default_value = "id")]
        language: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("Harmoni cannot start: the settings are not valid.\n{e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&settings.log);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings),
        Command::Migrate => migrate(&settings),
        Command::Worker => worker(settings),
        Command::Demo { companies, office } => demo(&settings, companies, office),
        Command::User { command: UserCommand::Add { role, email, name, office, language } } => {
            add_user(&settings, role, email, name, office, language)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("harmoni: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(settings)?;
        let url = app.state().settings.server.public_url.clone();
        tracing::info!(url = %url, port = app.port(), "Harmoni is listening");
        if let Some(link) = app.setup_link() {
            // Printed to the console only, never to the log stream: the link is a secret.
            println!(
                "\n  Harmoni has no administrator yet. Open this one-time link within {} hours\n  to create the first administrator account:\n\n    {link}\n",
                app.state().settings.security.setup_link_hours
            );
        }
        app.run_until_stopped().await?;
        tracing::info!("Harmoni stopped");
        Ok(())
    })
}

/// Runs the outbox worker until SIGTERM or Ctrl-C; the round in progress finishes first.
fn worker(settings: Settings) -> anyhow::Result<()> {
    let pool = db::build_pool(&settings.database).map_err(|e| anyhow::anyhow!("{e}"))?;
    {
        let mut conn = pool.get()?;
        if db::has_pending_migrations(&mut conn).map_err(|e| anyhow::anyhow!("{e}"))? {
            anyhow::bail!("the database needs migrations: run `harmoni migrate` first");
        }
    }
    let clock = match settings.fixed_time()? {
        Some(t) => Clock::fixed(t),
        None => Clock::system(),
    };
    let mailer = harmoni::notifications::transport::Mailer::from_settings(&settings.mail)?;
    let worker = harmoni::notifications::worker::Worker { pool, mailer, mail: settings.mail.clone(), clock };
    let (stop, handle) = worker.spawn()?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
        Ok::<(), std::io::Error>(())
    })?;
    tracing::info!("stopping the outbox worker");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    handle.join().map_err(|_| anyhow::anyhow!("the worker thread panicked"))?;
    Ok(())
}

fn demo(settings: &Settings, companies: u64, office: Option<String>) -> anyhow::Result<()> {
    let manager = ConnectionManager::new(&settings.database.url, settings.database.sqlite_busy_timeout_ms)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut conn = manager.open()?;
    if conn.backend() == db::Backend::Sqlite || settings.database.migrate_on_start {
        db::run_migrations(&mut conn).map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let clock = match settings.fixed_time()? {
        Some(t) => Clock::fixed(t),
        None => Clock::system(),
    };
    let now = clock.now_naive();
    let today = (clock.now() + chrono::Duration::hours(7)).date_naive();
    let rows =
        offices::service::sync_from_config(&mut conn, &settings.offices, now).map_err(|e| anyhow::anyhow!("{e}"))?;
    let office = match &office {
        None => &rows[0],
        Some(code) => {
            rows.iter().find(|o| &o.code == code).ok_or_else(|| anyhow::anyhow!("unknown office code {code}"))?
        }
    };
    let umk = settings.umk.range(..=chrono::Datelike::year(&today)).next_back().map(|(_, v)| *v).unwrap_or(0);
    let started = std::time::Instant::now();
    let added = harmoni::demo::seed(&mut conn, &office.id, companies, &settings.regions, umk, today, now)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "Added {added} demonstration companies to {} in {:.1} s ({} were already there).",
        office.name,
        started.elapsed().as_secs_f64(),
        companies - added
    );
    let started = std::time::Instant::now();
    let regs = harmoni::regulations::demo::seed_regulations(&mut conn, settings, &office.id, companies, today, now)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "Added PP/PKB histories for {} companies ({} submissions, {} PP/PKB) in {:.1} s.{}",
        regs.companies,
        regs.submissions,
        regs.regulations,
        started.elapsed().as_secs_f64(),
        if regs.refused > 0 {
            format!(" {} planned steps were refused (see the log).", regs.refused)
        } else {
            String::new()
        }
    );
    let started = std::time::Instant::now();
    let refreshed =
        harmoni::companies::standing::sweep(&mut conn, settings, today).map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("Compliance standing computed for {refreshed} companies in {:.1} s.", started.elapsed().as_secs_f64());
    let started = std::time::Instant::now();
    let cases = harmoni::cases::demo::seed_cases(&mut conn, settings, &office.id, companies, today)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("Added {cases} demonstration dispute cases in {:.1} s.", started.elapsed().as_secs_f64());
    Ok(())
}

fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let manager = ConnectionManager::new(&settings.database.url, settings.database.sqlite_busy_timeout_ms)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut conn = manager.open()?;
    let applied = db::run_migrations(&mut conn).map_err(|e| anyhow::anyhow!("{e}"))?;
    if applied.is_empty() {
        println!("The database is up to date.");
    }
    for name in applied {
        println!("applied {name}");
    }
    Ok(())
}

fn add_user(
    settings: &Settings,
    role: String,
    email: String,
    name: Option<String>,
    office: Option<String>,
    language: String,
) -> anyhow::Result<()> {
    let manager = ConnectionManager::new(&settings.database.url, settings.database.sqlite_busy_timeout_ms)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut conn = manager.open()?;
    if conn.backend() == db::Backend::Sqlite || settings.database.migrate_on_start {
        db::run_migrations(&mut conn).map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let clock = match settings.fixed_time()? {
        Some(t) => Clock::fixed(t),
        None => Clock::system(),
    };
    let now = clock.now_naive();
    let rows =
        offices::service::sync_from_config(&mut conn, &settings.offices, now).map_err(|e| anyhow::anyhow!("{e}"))?;
    let office = match &office {
        None => &rows[0],
        Some(code) => rows.iter().find(|o| &o.code == code).ok_or_else(|| {
            anyhow::anyhow!(
                "unknown office code {code}; configured: {}",
                rows.iter().map(|o| o.code.as_str()).collect::<Vec<_>>().join(", ")
            )
        })?,
    };
    let full_name = name.unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_string());
    let input = UserInput { email, full_name, role, language };
    let (user, link) =
        service::create_user_from_cli(&mut conn, &office.id, &input, settings, now).map_err(|e| match e {
            harmoni::error::Error::Invalid(p) | harmoni::error::Error::Conflict(p) => {
                anyhow::anyhow!("{} ({})", p.message.en, p.code)
            }
            other => anyhow::anyhow!("{other}"),
        })?;
    println!("Added {} <{}> as {} in {}.", user.full_name, user.email, user.role, office.name);
    println!("One-time link to set a password (valid until {} UTC):", link.expires_at.format("%Y-%m-%d %H:%M"));
    println!("  {}/link/{}", settings.server.public_url, link.token);
    Ok(())
}
