//! Typed settings, layered: `config/default.toml` -> an optional file -> `HARMONI__` environment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use figment::providers::{Format, Toml};
use figment::value::{Dict, Value};
use figment::{Figment, Metadata, Profile, Provider};
use serde::Deserialize;

use crate::calendar::data::{self, DeadlineRule, YearFile};

/// The defaults as shipped, used when `config/default.toml` cannot be found on disk
/// (a binary copied elsewhere); the file on disk wins when present.
const EMBEDDED_DEFAULTS: &str = include_str!("../config/default.toml");
const EMBEDDED_DEADLINES: &str = include_str!("../config/deadlines.toml");
const EMBEDDED_REGIONS: &str = include_str!("../config/regions.toml");
const EMBEDDED_WAGES: &str = include_str!("../config/wages.toml");
const EMBEDDED_YEARS: [&str; 3] = [
    include_str!("../config/calendar/2025.toml"),
    include_str!("../config/calendar/2026.toml"),
    include_str!("../config/calendar/2027.toml"),
];

/// Environment variable naming an extra settings file.
pub const CONFIG_FILE_ENV: &str = "HARMONI_CONFIG";
/// Environment variable naming the folder holding `default.toml` and reference data.
pub const CONFIG_DIR_ENV: &str = "HARMONI_CONFIG_DIR";

/// All settings of one Harmoni installation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub security: SecuritySettings,
    pub mail: MailSettings,
    pub registry: RegistrySettings,
    pub storage: StorageSettings,
    pub tripartit: TripartitSettings,
    pub cases: CaseSettings,
    pub notices: NoticesSettings,
    pub regulations: RegulationSettings,
    pub schedules: ScheduleSettings,
    pub reports: ReportSettings,
    pub letters: LetterSettings,
    pub log: LogSettings,
    pub clock: ClockSettings,
    pub ui: UiSettings,
    pub offices: Vec<OfficeSettings>,
    /// Office changes to deadline rules that DOMAIN.md marks as settings (code -> days).
    #[serde(default)]
    pub deadlines: BTreeMap<String, u32>,
    /// Folder the settings were read from; reference data lives beside `default.toml`.
    #[serde(skip)]
    pub config_dir: PathBuf,
    /// The statutory clocks from `deadlines.toml`, with `deadlines` applied.
    #[serde(skip)]
    pub deadline_rules: Arc<BTreeMap<String, DeadlineRule>>,
    /// The holiday lists shipped in `calendar/`, which seed each office's calendar.
    #[serde(skip)]
    pub calendar_years: Arc<Vec<YearFile>>,
    /// Kecamatan and kelurahan of the city, from `regions.toml`.
    #[serde(skip)]
    pub regions: Arc<crate::companies::rules::Regions>,
    /// UMK per year in sen, from `wages.toml`.
    #[serde(skip)]
    pub umk: Arc<BTreeMap<i32, i64>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub public_url: String,
    pub workers: usize,
    pub shutdown_timeout_secs: u64,
    pub production: bool,
    /// Take the client address from the last X-Forwarded-For entry (behind a reverse proxy).
    pub trust_forwarded_for: bool,
}

/// How email is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    File,
    Smtp,
    Memory,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    Starttls,
    Tls,
    None,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    pub transport: MailTransport,
    pub file_dir: PathBuf,
    pub from_name: String,
    pub from_address: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_security: SmtpSecurity,
    pub smtp_username: String,
    pub smtp_password: String,
    pub smtp_timeout_secs: u64,
    pub worker_in_serve: bool,
    pub poll_interval_secs: u64,
    pub batch_size: i64,
    pub send_concurrency: usize,
    pub lease_secs: i64,
    pub max_attempts: i32,
    pub backoff_base_secs: i64,
    pub backoff_max_secs: i64,
    pub retention_days: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    pub url: String,
    pub pool_size: u32,
    pub checkout_timeout_secs: u64,
    pub migrate_on_start: bool,
    pub sqlite_busy_timeout_ms: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecureCookies {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecuritySettings {
    pub secure_cookies: SecureCookies,
    pub session_idle_minutes: u32,
    pub session_absolute_hours: u32,
    pub max_failed_logins: u32,
    pub lockout_minutes: u32,
    pub password_min_length: usize,
    pub setup_link_hours: u32,
    pub invite_link_hours: u32,
    pub reset_link_hours: u32,
    pub verify_link_hours: u32,
    pub signups_per_ip_per_hour: u32,
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    pub argon2_parallelism: u32,
}

/// Thresholds of the company records (DOMAIN.md sections 4, 6 and 9).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrySettings {
    pub lks_required_from_workers: i32,
    pub lks_min_members: usize,
    pub lks_term_years: u32,
    pub lks_meeting_interval_months: u32,
    pub pp_required_from_workers: i32,
    pub count_unrequired_as_met: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageSettings {
    pub dir: PathBuf,
    pub max_upload_mb: u32,
}

impl StorageSettings {
    pub fn max_upload_bytes(&self) -> usize {
        self.max_upload_mb as usize * 1024 * 1024
    }
}

/// LKS Tripartit Kota (DOMAIN.md section 6).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TripartitSettings {
    pub term_years: u32,
    pub meeting_interval_months: u32,
}

/// Dispute cases (DOMAIN.md sections 2 and 12).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSettings {
    /// The case number: `{classification}`, `{seq}`, `{unit}`, `{year}`, `{month}`.
    pub number_pattern: String,
    pub classification: String,
    pub unit: String,
    pub sequence_width: usize,
    /// Proper summons after which a mediator may proceed without an absent party.
    pub summons_before_proceeding: u32,
    /// A mediator who handled the same company within this many days is flagged at delegation.
    pub same_company_warning_days: u32,
    /// Wrong tracking PINs in a row that lock tracking of a case, and for how long.
    pub pin_max_failures: i32,
    pub pin_lock_minutes: i64,
}

/// Strike and lock-out notices and PHK reports (DOMAIN.md sections 2 and 3).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticesSettings {
    /// Classification code printed first in a receipt number (`565` disputes).
    pub receipt_classification: String,
    /// Unit code printed in a receipt number.
    pub receipt_unit: String,
    /// Rows per page of the notice and PHK report lists.
    pub page_size: i64,
    /// Where a lock-out is not allowed (UU 13/2003): KBLI code prefixes per sector.
    pub protected_sectors: Vec<ProtectedSector>,
}

/// PP ratification and PKB registration (DOMAIN.md sections 4, 5 and 12).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegulationSettings {
    /// Whether a PP submission must carry the wage structure and scale (DOMAIN.md: setting, on).
    pub require_wage_scale: bool,
    /// Working days before the 30 WD limit at which the head and desk are warned that a PP
    /// will be deemed ratified.
    pub deemed_warning_working_days: u32,
    /// Numbers of the SK Pengesahan PP and of the PKB registration letter: pattern (as the case
    /// number: `{classification}`, `{seq}`, `{unit}`, `{year}`, `{month}`), codes and width.
    pub number_pattern: String,
    pub sequence_width: usize,
    pub pp_classification: String,
    pub pp_unit: String,
    pub pkb_classification: String,
    pub pkb_unit: String,
    /// Who signs the decree and the letter, as printed under the signature.
    pub signatory_title: String,
    /// Rows per page of the submission and regulation lists.
    pub page_size: i64,
}

/// Leadership reports: Renstra targets and the definition of a resolved dispute (DOMAIN.md
/// section 9).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Target percent of the decent-work indicator per year (keys are years).
    pub indicator_targets: BTreeMap<String, f64>,
    pub resolved_per_year: u32,
    pub prevented_per_year: u32,
    pub resolved_statuses: Vec<String>,
    pub approaching_working_days: u32,
}

impl ReportSettings {
    /// The indicator target of a year, if one is set.
    pub fn target_of(&self, year: i32) -> Option<f64> {
        self.indicator_targets.get(&year.to_string()).copied()
    }
}

/// Mediation scheduling: office hours, notice, summons numbers (DOMAIN.md sections 2 and 12).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleSettings {
    /// Sessions start no earlier and end no later than these WIB times ("08:00", "16:00").
    pub office_opens: String,
    pub office_closes: String,
    /// Working days between the summons and the session for the summons to be proper.
    pub min_notice_working_days: u32,
    /// Longest session that can be planned, in minutes.
    pub max_session_minutes: u32,
    /// Summons numbers: pattern (as the case number), classification, unit and width.
    pub summons_number_pattern: String,
    pub summons_classification: String,
    pub summons_unit: String,
    pub summons_sequence_width: usize,
    /// Weeks of past sessions a calendar feed still carries.
    pub feed_past_weeks: u32,
    /// Working days before the 30 WD mediation limit from which the head sees it coming.
    pub overrun_warning_working_days: u32,
}

/// A room of an office where sessions are held.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomSettings {
    /// Stable code stored with each session ("R1").
    pub code: String,
    pub name: String,
}

/// A sector where a lock-out is not allowed, recognised by the start of the company's KBLI code.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtectedSector {
    pub name_id: String,
    pub name_en: String,
    pub kbli_prefixes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    pub level: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockSettings {
    pub fixed: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiSettings {
    pub default_language: Language,
}

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Id,
    En,
}

/// Official letters (DOMAIN.md section 12): the number of the letters that take their own,
/// the place on the date line, and who signs for the office.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterSettings {
    /// `{classification}`, `{seq}`, `{unit}`, `{year}`, `{month}` (Roman).
    pub number_pattern: String,
    pub sequence_width: usize,
    pub unit: String,
    /// Classification code of letters with none of their own below.
    pub classification: String,
    /// Classification per letter type (its code, e.g. `anjuran`), where it differs.
    #[serde(default)]
    pub classifications: BTreeMap<String, String>,
    /// The place on the date line: "Bekasi, 2 Maret 2026".
    pub place: String,
    /// Lines above the signature, separated by a line break.
    pub signatory_title: String,
    /// Empty leaves a dotted line for the name to be written by hand.
    pub signatory_name: String,
    pub signatory_nip: String,
    /// NIP of staff who sign their own letters (mediators), by e-mail address.
    #[serde(default)]
    pub nip: BTreeMap<String, String>,
}

impl LetterSettings {
    pub fn classification_of(&self, kind: &str) -> &str {
        self.classifications.get(kind).map(String::as_str).unwrap_or(&self.classification)
    }
}

/// One office (Disnaker) served by this installation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeSettings {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub region_code: String,
    pub region_name: String,
    pub letterhead_government: String,
    pub letterhead_office: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    /// The office's emblem printed on its letterhead: a PNG file (path relative to where
    /// Harmoni runs); empty prints the letterhead without one.
    #[serde(default)]
    pub logo: String,
    /// Rooms for clarification and mediation sessions; none means online sessions only.
    #[serde(default)]
    pub rooms: Vec<RoomSettings>,
}

/// Why settings could not be loaded; the message names the key and what is allowed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

impl Settings {
    /// Loads settings from the standard layers. `file` is the `--config` argument, if any.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        Self::load_from(file, &env)
    }

    /// Loads settings with an explicit environment (tests use this, not the process env).
    pub fn load_from(file: Option<&Path>, env: &[(String, String)]) -> Result<Self, ConfigError> {
        let env_value =
            |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
        let config_dir = resolve_config_dir(env_value(CONFIG_DIR_ENV).map(PathBuf::from));
        let default_file = config_dir.join("default.toml");
        let mut figment = if default_file.is_file() {
            Figment::from(Toml::file_exact(&default_file))
        } else {
            Figment::from(Toml::string(EMBEDDED_DEFAULTS))
        };
        let extra = file.map(Path::to_path_buf).or_else(|| env_value(CONFIG_FILE_ENV).map(PathBuf::from));
        if let Some(extra) = extra {
            if !extra.is_file() {
                return Err(ConfigError(format!("settings file {} does not exist or is not a file", extra.display())));
            }
            figment = figment.merge(Toml::file_exact(extra));
        }
        let vars: Vec<(String, String)> = env.iter().filter(|(k, _)| k.starts_with("HARMONI__")).cloned().collect();
        figment = figment.merge(EnvVars::new(vars));
        let mut settings: Settings = figment.extract().map_err(describe_figment_error)?;
        settings.validate()?;
        settings.load_reference_data(&config_dir)?;
        settings.config_dir = config_dir;
        Ok(settings)
    }

    /// Reads the deadline rules and holiday lists beside `default.toml` (or the copies built in).
    fn load_reference_data(&mut self, dir: &Path) -> Result<(), ConfigError> {
        let rules_file = dir.join("deadlines.toml");
        let text = if rules_file.is_file() {
            std::fs::read_to_string(&rules_file)
                .map_err(|e| ConfigError(format!("cannot read {}: {e}", rules_file.display())))?
        } else {
            EMBEDDED_DEADLINES.to_string()
        };
        self.deadline_rules =
            Arc::new(data::parse_rules(&text, &self.deadlines).map_err(|p| ConfigError(p.join("\n")))?);
        let calendar_dir = dir.join("calendar");
        let years = if calendar_dir.is_dir() {
            data::load_years(&calendar_dir).map_err(ConfigError)?
        } else {
            EMBEDDED_YEARS
                .iter()
                .map(|t| data::parse_year(t).map_err(|p| ConfigError(p.join("\n"))))
                .collect::<Result<Vec<_>, _>>()?
        };
        self.calendar_years = Arc::new(years);
        let regions_file = dir.join("regions.toml");
        let text = if regions_file.is_file() {
            std::fs::read_to_string(&regions_file)
                .map_err(|e| ConfigError(format!("cannot read {}: {e}", regions_file.display())))?
        } else {
            EMBEDDED_REGIONS.to_string()
        };
        let regions: crate::companies::rules::Regions =
            toml::from_str(&text).map_err(|e| ConfigError(format!("regions.toml is not valid: {}", e.message())))?;
        if regions.kecamatan.is_empty() || regions.kecamatan.iter().any(|k| k.kelurahan.is_empty()) {
            return Err(ConfigError("regions.toml: every kecamatan needs its kelurahan".into()));
        }
        self.regions = Arc::new(regions);
        let wages_file = dir.join("wages.toml");
        let text = if wages_file.is_file() {
            std::fs::read_to_string(&wages_file)
                .map_err(|e| ConfigError(format!("cannot read {}: {e}", wages_file.display())))?
        } else {
            EMBEDDED_WAGES.to_string()
        };
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Wages {
            umk: Vec<Umk>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Umk {
            year: i32,
            amount_sen: i64,
        }
        let wages: Wages =
            toml::from_str(&text).map_err(|e| ConfigError(format!("wages.toml is not valid: {}", e.message())))?;
        let mut umk = BTreeMap::new();
        for u in wages.umk {
            if u.amount_sen <= 0 || umk.insert(u.year, u.amount_sen).is_some() {
                return Err(ConfigError(format!("wages.toml: UMK {} is listed twice or not positive", u.year)));
            }
        }
        self.umk = Arc::new(umk);
        Ok(())
    }

    /// Checks the rules serde cannot express; each message names the key.
    fn validate(&self) -> Result<(), ConfigError> {
        let fail = |key: &str, msg: &str| Err(ConfigError(format!("setting `{key}`: {msg}")));
        let url = &self.server.public_url;
        if !(url.starts_with("http://") || url.starts_with("https://")) || url.ends_with('/') {
            return fail("server.public_url", "must start with http:// or https:// and have no trailing slash");
        }
        if crate::db::Backend::from_url(&self.database.url).is_none() {
            return fail("database.url", "must start with sqlite:// or postgres:// (or postgresql://)");
        }
        if self.database.pool_size < 2 {
            return fail("database.pool_size", "must be at least 2 (a pool of one connection deadlocks)");
        }
        if self.database.checkout_timeout_secs == 0 {
            return fail("database.checkout_timeout_secs", "must be at least 1");
        }
        let s = &self.security;
        if s.session_idle_minutes == 0 || s.session_absolute_hours == 0 {
            return fail("security.session_idle_minutes / security.session_absolute_hours", "must be at least 1");
        }
        if s.max_failed_logins == 0 || s.lockout_minutes == 0 {
            return fail("security.max_failed_logins / security.lockout_minutes", "must be at least 1");
        }
        if s.password_min_length < 12 {
            return fail("security.password_min_length", "must be at least 12 (the office's password policy)");
        }
        if s.setup_link_hours == 0 || s.invite_link_hours == 0 || s.reset_link_hours == 0 || s.verify_link_hours == 0 {
            return fail("security.*_link_hours", "must be at least 1");
        }
        if s.signups_per_ip_per_hour == 0 {
            return fail("security.signups_per_ip_per_hour", "must be at least 1");
        }
        if s.argon2_memory_kib < 8 * s.argon2_parallelism.max(1)
            || s.argon2_iterations == 0
            || s.argon2_parallelism == 0
        {
            return fail(
                "security.argon2_*",
                "memory must be at least 8 KiB per lane; iterations and parallelism at least 1",
            );
        }
        let m = &self.mail;
        if self.server.production && m.transport != MailTransport::Smtp {
            return fail(
                "mail.transport",
                "must be \"smtp\" when server.production = true (summons and receipts must really be sent)",
            );
        }
        if m.transport == MailTransport::Smtp && m.smtp_host.trim().is_empty() {
            return fail("mail.smtp_host", "must name the SMTP server when mail.transport = \"smtp\"");
        }
        if m.from_address.parse::<lettre::Address>().is_err() {
            return fail("mail.from_address", "must be an email address such as harmoni@disnaker.example.go.id");
        }
        if m.from_name.chars().any(char::is_control) {
            return fail("mail.from_name", "must not contain line breaks or control characters");
        }
        if m.poll_interval_secs == 0
            || m.batch_size < 1
            || m.send_concurrency < 1
            || m.lease_secs < 10
            || m.smtp_timeout_secs == 0
        {
            return fail(
                "mail.poll_interval_secs / batch_size / lease_secs / smtp_timeout_secs",
                "must be at least 1 (lease at least 10 seconds)",
            );
        }
        if m.send_concurrency >= self.database.pool_size as usize {
            return fail(
                "mail.send_concurrency",
                "must be less than database.pool_size (each sending lane holds a connection)",
            );
        }
        let r = &self.registry;
        if r.lks_min_members < 2
            || !r.lks_min_members.is_multiple_of(2)
            || r.lks_term_years == 0
            || !(1..=12).contains(&r.lks_meeting_interval_months)
            || r.lks_required_from_workers < 1
            || r.pp_required_from_workers < 1
        {
            return fail(
                "registry.*",
                "lks_min_members must be an even number of at least 2; terms and thresholds at least 1; lks_meeting_interval_months 1 to 12",
            );
        }
        let rep = &self.reports;
        if rep.indicator_targets.iter().any(|(y, v)| y.parse::<i32>().is_err() || !(0.0..=100.0).contains(v)) {
            return fail("reports.indicator_targets", "keys must be years and values percentages from 0 to 100");
        }
        if let Some(s) = rep
            .resolved_statuses
            .iter()
            .find(|s| !matches!(crate::cases::rules::Status::parse(s), Some(st) if st.is_final()))
        {
            return fail("reports.resolved_statuses", &format!("{s} is not a final case status"));
        }
        let t = &self.tripartit;
        if !(1..=10).contains(&t.term_years) || !(1..=12).contains(&t.meeting_interval_months) {
            return fail(
                "tripartit.*",
                "term_years must be 1 to 10 and meeting_interval_months 1 to 12 (PP 8/2005: a 3-year term, \
                 a meeting at least every 3 months)",
            );
        }
        let c = &self.cases;
        if let Err(e) = crate::cases::rules::check_number_pattern(&c.number_pattern) {
            return fail("cases.number_pattern", &e);
        }
        if !(1..=8).contains(&c.sequence_width)
            || !(1..=5).contains(&c.summons_before_proceeding)
            || c.pin_max_failures < 1
            || c.pin_lock_minutes < 1
        {
            return fail(
                "cases.*",
                "sequence_width must be 1 to 8, summons_before_proceeding 1 to 5 (the default is 2), \
                 pin_max_failures and pin_lock_minutes at least 1",
            );
        }
        let g = &self.regulations;
        if let Err(e) = crate::sequences::check_number_pattern(&g.number_pattern) {
            return fail("regulations.number_pattern", &e);
        }
        let part_ok = |c: &str| !c.trim().is_empty() && !c.contains('/') && !c.chars().any(char::is_control);
        if ![&g.pp_classification, &g.pp_unit, &g.pkb_classification, &g.pkb_unit].into_iter().all(|c| part_ok(c)) {
            return fail(
                "regulations.pp_classification / pp_unit / pkb_classification / pkb_unit",
                "must not be empty and must not contain '/' (it separates the parts of a letter number)",
            );
        }
        if !(1..=8).contains(&g.sequence_width)
            || !(1..=25).contains(&g.deemed_warning_working_days)
            || !(5..=200).contains(&g.page_size)
            || g.signatory_title.trim().is_empty()
        {
            return fail(
                "regulations.*",
                "sequence_width must be 1 to 8, deemed_warning_working_days 1 to 25 (before the 30 working-day \
                 limit), page_size 5 to 200, and signatory_title must not be empty",
            );
        }
        let lt = &self.letters;
        if let Err(e) = crate::sequences::check_number_pattern(&lt.number_pattern) {
            return fail("letters.number_pattern", &e);
        }
        if !part_ok(&lt.unit) || !part_ok(&lt.classification) || !lt.classifications.values().all(|c| part_ok(c)) {
            return fail(
                "letters.unit / classification / classifications",
                "must not be empty and must not contain '/' (it separates the parts of a letter number)",
            );
        }
        if let Some(k) = lt.classifications.keys().find(|k| crate::letters::rules::Kind::parse(k).is_none()) {
            return fail("letters.classifications", &format!("\"{k}\" is not a letter type"));
        }
        if !(1..=8).contains(&lt.sequence_width) || lt.place.trim().is_empty() || lt.signatory_title.trim().is_empty() {
            return fail("letters.*", "sequence_width must be 1 to 8; place and signatory_title must not be empty");
        }
        if let Some(e) = lt.nip.keys().find(|e| *e != &e.to_lowercase()) {
            return fail("letters.nip", &format!("write the e-mail address \"{e}\" in lower case"));
        }
        for (i, o) in self.offices.iter().enumerate() {
            if !o.logo.trim().is_empty() {
                match std::fs::read(&o.logo) {
                    Ok(b) if b.starts_with(b"\x89PNG\r\n\x1a\n") => {}
                    Ok(_) => return fail(&format!("offices[{i}].logo"), "must be a PNG file"),
                    Err(e) => return fail(&format!("offices[{i}].logo"), &format!("cannot be read: {e}")),
                }
            }
        }
        let h = &self.schedules;
        if let Err(e) = crate::sequences::check_number_pattern(&h.summons_number_pattern) {
            return fail("schedules.summons_number_pattern", &e);
        }
        if !part_ok(&h.summons_classification) || !part_ok(&h.summons_unit) {
            return fail(
                "schedules.summons_classification / summons_unit",
                "must not be empty and must not contain '/' (it separates the parts of a letter number)",
            );
        }
        let hours = crate::calendar::local::OfficeHours::parse(&h.office_opens, &h.office_closes);
        if hours.is_none()
            || !(1..=8).contains(&h.summons_sequence_width)
            || h.min_notice_working_days > 10
            || !(15..=480).contains(&h.max_session_minutes)
            || h.feed_past_weeks > 104
            || !(1..=30).contains(&h.overrun_warning_working_days)
        {
            return fail(
                "schedules.*",
                "office_opens must be before office_closes (HH:MM, WIB), summons_sequence_width 1 to 8, \
                 min_notice_working_days 0 to 10, max_session_minutes 15 to 480, feed_past_weeks 0 to 104, \
                 overrun_warning_working_days 1 to 30",
            );
        }
        for o in &self.offices {
            let mut codes = std::collections::BTreeSet::new();
            if o.rooms.iter().any(|r| !part_ok(&r.code) || r.name.trim().is_empty() || !codes.insert(r.code.as_str())) {
                return fail("offices.rooms", "every room needs a unique code (no '/') and a name");
            }
        }
        let n = &self.notices;
        let code_ok = |c: &str| !c.trim().is_empty() && !c.contains('/') && !c.chars().any(char::is_control);
        if !code_ok(&n.receipt_classification) || !code_ok(&n.receipt_unit) {
            return fail(
                "notices.receipt_classification / notices.receipt_unit",
                "must not be empty and must not contain '/' (it separates the parts of a receipt number)",
            );
        }
        if !(5..=200).contains(&n.page_size) {
            return fail("notices.page_size", "must be 5 to 200");
        }
        if n.protected_sectors.iter().any(|p| {
            p.name_id.trim().is_empty()
                || p.kbli_prefixes.is_empty()
                || p.kbli_prefixes.iter().any(|k| k.is_empty() || k.len() > 5 || !k.chars().all(|c| c.is_ascii_digit()))
        }) {
            return fail("notices.protected_sectors", "every sector needs a name and KBLI prefixes of 1 to 5 digits");
        }
        if m.max_attempts < 1
            || m.backoff_base_secs < 1
            || m.backoff_max_secs < m.backoff_base_secs
            || m.retention_days < 1
        {
            return fail(
                "mail.max_attempts / backoff_* / retention_days",
                "must be at least 1, and backoff_max_secs at least backoff_base_secs",
            );
        }
        if !(1..=100).contains(&self.storage.max_upload_mb) {
            return fail("storage.max_upload_mb", "must be 1 to 100");
        }
        if self.storage.dir.as_os_str().is_empty() {
            return fail("storage.dir", "must name a folder for uploaded documents");
        }
        if tracing_subscriber::EnvFilter::try_new(&self.log.level).is_err() {
            return fail("log.level", "must be a tracing filter such as \"info\" or \"harmoni=debug,info\"");
        }
        self.fixed_time()?;
        if self.offices.is_empty() {
            return fail("offices", "at least one office must be configured");
        }
        for (i, office) in self.offices.iter().enumerate() {
            if office.code.trim().is_empty() || !office.code.chars().all(|c| c.is_ascii_alphanumeric()) {
                return fail(&format!("offices[{i}].code"), "must be letters and digits only, not empty");
            }
            if office.name.trim().is_empty() {
                return fail(&format!("offices[{i}].name"), "must not be empty");
            }
            if self.offices[..i].iter().any(|o| o.code == office.code) {
                return fail(&format!("offices[{i}].code"), &format!("office code {} appears twice", office.code));
            }
        }
        Ok(())
    }

    /// The fixed clock time, if one is configured.
    pub fn fixed_time(&self) -> Result<Option<DateTime<Utc>>, ConfigError> {
        let raw = self.clock.fixed.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        DateTime::parse_from_rfc3339(raw).map(|t| Some(t.with_timezone(&Utc))).map_err(|_| {
            ConfigError(
                "setting `clock.fixed`: must be empty or an RFC 3339 time such as \
                     2026-03-02T08:00:00+07:00"
                    .into(),
            )
        })
    }

    /// Whether cookies carry `Secure` and the `__Host-` prefix.
    pub fn secure_cookies(&self) -> bool {
        match self.security.secure_cookies {
            SecureCookies::Always => true,
            SecureCookies::Never => false,
            SecureCookies::Auto => self.server.public_url.starts_with("https://"),
        }
    }

    /// The office new users and first-time setup belong to.
    pub fn default_office(&self) -> &OfficeSettings {
        &self.offices[0]
    }
}

/// `HARMONI__SERVER__PORT=1` -> `server.port = 1`, from an explicit list of variables
/// (figment's own `Env` reads only the process environment, which tests must not touch).
struct EnvVars(Dict);

impl EnvVars {
    fn new(vars: Vec<(String, String)>) -> Self {
        let mut root = Dict::new();
        for (key, raw) in vars {
            let path: Vec<String> = key["HARMONI__".len()..].split("__").map(str::to_lowercase).collect();
            let value: Value = raw.parse().unwrap_or_else(|_| Value::from(raw.clone()));
            insert(&mut root, &path, value);
        }
        EnvVars(root)
    }
}

fn insert(dict: &mut Dict, path: &[String], value: Value) {
    match path {
        [] => {}
        [last] => {
            dict.insert(last.clone(), value);
        }
        [first, rest @ ..] => {
            let entry = dict.entry(first.clone()).or_insert_with(|| Value::from(Dict::new()));
            if let Value::Dict(_, inner) = entry {
                insert(inner, rest, value);
            }
        }
    }
}

impl Provider for EnvVars {
    fn metadata(&self) -> Metadata {
        Metadata::named("environment variables HARMONI__*")
    }

    fn data(&self) -> Result<figment::value::Map<Profile, Dict>, figment::Error> {
        Ok(Profile::Default.collect(self.0.clone()))
    }
}

fn resolve_config_dir(explicit: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir;
    }
    let local = PathBuf::from("config");
    if local.join("default.toml").is_file() {
        return local;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config")
}

/// Turns figment's error into one line per problem naming the key and what is allowed.
fn describe_figment_error(error: figment::Error) -> ConfigError {
    let lines: Vec<String> = error
        .into_iter()
        .map(|e| {
            let mut key = e.path.join(".");
            let mut with_field = |field: &str| {
                if e.path.last().map(String::as_str) != Some(field) {
                    if !key.is_empty() {
                        key.push('.');
                    }
                    key.push_str(field);
                }
                key.clone()
            };
            if let figment::error::Kind::UnknownField(field, expected) = &e.kind {
                let key = with_field(field);
                return format!(
                    "setting `{key}` is not known; allowed keys here: {}{}",
                    expected.join(", "),
                    source_of(&e)
                );
            }
            if let figment::error::Kind::MissingField(field) = &e.kind {
                let key = with_field(field);
                return format!("setting `{key}` is missing{}", source_of(&e));
            }
            format!("setting `{key}`: {}{}", e.kind, source_of(&e))
        })
        .collect();
    ConfigError(lines.join("\n"))
}

fn source_of(e: &figment::Error) -> String {
    match e.metadata.as_ref() {
        Some(m) => match &m.source {
            Some(source) => format!(" (from {source})"),
            None => format!(" (from {})", m.name),
        },
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults_load_and_describe_kota_bekasi() {
        let s = Settings::load_from(None, &[]).expect("defaults load");
        assert_eq!(s.server.port, 8080);
        assert_eq!(s.database.url, "sqlite://data/harmoni.db");
        assert_eq!(s.default_office().region_code, "32.75");
        assert!(!s.secure_cookies(), "plain-http local mode by default");
    }

    #[test]
    fn environment_overrides_file_values() {
        let s = Settings::load_from(
            None,
            &env(&[
                ("HARMONI__SERVER__PORT", "9191"),
                ("HARMONI__SERVER__PUBLIC_URL", "https://harmoni.example.go.id"),
            ]),
        )
        .expect("loads");
        assert_eq!(s.server.port, 9191);
        assert!(s.secure_cookies());
    }

    #[test]
    fn unknown_key_is_named() {
        let err = Settings::load_from(None, &env(&[("HARMONI__SERVER__PROT", "1")])).expect_err("unknown key refused");
        assert!(err.0.contains("`server.prot`"), "{}", err.0);
        assert!(err.0.contains("port"), "lists the allowed keys: {}", err.0);
    }

    #[test]
    fn wrong_value_is_named_with_what_is_allowed() {
        let err = Settings::load_from(None, &env(&[("HARMONI__LOG__FORMAT", "xml")])).expect_err("bad variant refused");
        assert!(err.0.contains("log.format"), "{}", err.0);
        assert!(err.0.contains("text") && err.0.contains("json"), "{}", err.0);
        let err = Settings::load_from(None, &env(&[("HARMONI__DATABASE__URL", "mysql://x")]))
            .expect_err("bad scheme refused");
        assert!(err.0.contains("database.url"), "{}", err.0);
        let err =
            Settings::load_from(None, &env(&[("HARMONI__DATABASE__POOL_SIZE", "1")])).expect_err("pool of one refused");
        assert!(err.0.contains("database.pool_size"), "{}", err.0);
    }

    #[test]
    fn notice_settings_are_checked() {
        let s = Settings::load_from(None, &[]).expect("defaults load");
        assert_eq!(s.notices.receipt_classification, "565");
        let names: Vec<&str> = s.notices.protected_sectors.iter().map(|p| p.name_id.as_str()).collect();
        assert_eq!(names.len(), 6, "the six sectors of UU 13/2003: {names:?}");
        let err = Settings::load_from(None, &env(&[("HARMONI__NOTICES__RECEIPT_UNIT", "HI/TT")]))
            .expect_err("a slash would break the number");
        assert!(err.0.contains("notices.receipt"), "{}", err.0);
    }

    #[test]
    fn tripartit_settings_are_checked() {
        let s = Settings::load_from(None, &[]).expect("defaults load");
        assert_eq!((s.tripartit.term_years, s.tripartit.meeting_interval_months), (3, 3));
        let err = Settings::load_from(None, &env(&[("HARMONI__TRIPARTIT__MEETING_INTERVAL_MONTHS", "0")]))
            .expect_err("no meetings at all refused");
        assert!(err.0.contains("tripartit."), "{}", err.0);
    }
}
