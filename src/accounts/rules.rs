//! Account rules without IO: roles, email and name checks, the password policy, lockout and session expiry.

use chrono::{Duration, NaiveDateTime};
use harmoni_templates::Lang;

use crate::error::Problem;

/// What a user is in the office. Stored as lowercase text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Accounts, settings, calendar, reference data.
    Admin,
    /// Leadership: head of office or division; watches indicators, assigns cases.
    Pimpinan,
    /// Mediator hubungan industrial.
    Mediator,
    /// Desk officer: intake, screening, PP/PKB review.
    Petugas,
    /// Company representative.
    Perusahaan,
    /// Worker or union member filing a complaint.
    Pekerja,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::Admin, Role::Pimpinan, Role::Mediator, Role::Petugas, Role::Perusahaan, Role::Pekerja];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Pimpinan => "pimpinan",
            Role::Mediator => "mediator",
            Role::Petugas => "petugas",
            Role::Perusahaan => "perusahaan",
            Role::Pekerja => "pekerja",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Admin => lang.t("Administrator", "Administrator"),
            Role::Pimpinan => lang.t("Pimpinan", "Leadership"),
            Role::Mediator => lang.t("Mediator hubungan industrial", "Industrial-relations mediator"),
            Role::Petugas => lang.t("Petugas HI", "Desk officer"),
            Role::Perusahaan => lang.t("Perwakilan perusahaan", "Company representative"),
            Role::Pekerja => lang.t("Pekerja / serikat pekerja", "Worker / union"),
        }
    }

    /// Staff of the office, as opposed to the public (companies, workers).
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Admin | Role::Pimpinan | Role::Mediator | Role::Petugas)
    }
}

/// Lower-cases and checks an email address; the result is what is stored and compared.
pub fn normalize_email(raw: &str) -> Result<String, Problem> {
    let email = raw.trim().to_lowercase();
    let invalid = || {
        Problem::new(
            "invalid_email",
            "Alamat email tidak valid. Contoh: nama@contoh.co.id",
            "The email address is not valid. Example: name@example.co.id",
        )
        .field("email")
    };
    if email.is_empty() {
        return Err(
            Problem::new("email_required", "Alamat email wajib diisi.", "Email address is required.").field("email")
        );
    }
    if email.len() > 254 || !email.contains('@') || email.parse::<lettre::Address>().is_err() {
        return Err(invalid());
    }
    let domain = email.rsplit('@').next().unwrap_or_default();
    if !domain.contains('.') {
        return Err(invalid());
    }
    Ok(email)
}

/// Trims and checks a person's name as printed on letters.
pub fn normalize_full_name(raw: &str) -> Result<String, Problem> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let count = name.chars().count();
    if count < 2 {
        return Err(Problem::new(
            "full_name_required",
            "Nama lengkap wajib diisi (minimal 2 huruf).",
            "Full name is required (at least 2 letters).",
        )
        .field("full_name"));
    }
    if count > 120 || name.chars().any(char::is_control) {
        return Err(Problem::new(
            "full_name_invalid",
            "Nama lengkap terlalu panjang atau berisi karakter yang tidak diizinkan.",
            "The full name is too long or has characters that are not allowed.",
        )
        .field("full_name"));
    }
    Ok(name)
}

/// Words that make a password easy to guess here, beyond zxcvbn's international lists.
const LOCAL_WORDS: &[&str] = &[
    "bekasi",
    "disnaker",
    "harmoni",
    "indonesia",
    "jakarta",
    "bismillah",
    "merdeka",
    "rahasia",
    "sayang",
    "katasandi",
    "pancasila",
    "garuda",
    "kemnaker",
    "pekerja",
    "mediator",
];

/// The password policy: long enough, not too long, and not easy to guess (zxcvbn score 3+,
/// with the user's own name and email and local words counted as known).
pub fn check_password(password: &str, min_length: usize, user_inputs: &[&str]) -> Result<(), Problem> {
    let length = password.chars().count();
    if length < min_length {
        return Err(Problem {
            code: "password_too_short",
            field: Some("password"),
            message: crate::error::Bilingual::new(
                format!("Kata sandi minimal {min_length} karakter."),
                format!("The password must have at least {min_length} characters."),
            ),
        });
    }
    if password.len() > 1024 {
        return Err(Problem::new(
            "password_too_long",
            "Kata sandi terlalu panjang (maksimal 1024 byte).",
            "The password is too long (at most 1024 bytes).",
        )
        .field("password"));
    }
    let mut inputs: Vec<&str> = user_inputs.to_vec();
    inputs.extend_from_slice(LOCAL_WORDS);
    let entropy = zxcvbn::zxcvbn(password, &inputs);
    if (entropy.score() as u8) < 3 {
        return Err(Problem::new(
            "password_too_common",
            "Kata sandi ini terlalu umum atau mudah ditebak. Gunakan beberapa kata yang tidak berhubungan, misalnya \"meja hujan sepeda kopi\".",
            "This password is too common or easy to guess. Use several unrelated words, for example \"table rain bicycle coffee\".",
        )
        .field("password"));
    }
    Ok(())
}

/// What a person typed on the sign-up form (page or API), unchecked.
#[derive(Debug, Clone, Default)]
pub struct SignupInput {
    pub full_name: String,
    pub email: String,
    pub password: String,
    pub password_confirm: String,
    /// `id` or `en`
    pub language: String,
    /// The box agreeing to the processing of personal data was ticked.
    pub consent: bool,
}

/// A sign-up whose every field passed; only `validate_signup` makes one.
#[derive(Debug, Clone)]
pub struct ValidSignup {
    pub(crate) full_name: String,
    pub(crate) email: String,
    pub(crate) password: String,
    pub(crate) language: Lang,
}

impl ValidSignup {
    pub fn email(&self) -> &str {
        &self.email
    }
}

/// Checks every field of a sign-up and reports all problems at once, in the order of the form,
/// so the page can mark each field (a person on a phone should not fix one field per round trip).
pub fn validate_signup(input: &SignupInput, min_length: usize) -> Result<ValidSignup, Vec<Problem>> {
    let mut problems = Vec::new();
    let full_name = normalize_full_name(&input.full_name).map_err(|p| problems.push(p)).ok();
    let email = normalize_email(&input.email).map_err(|p| problems.push(p)).ok();
    let inputs: Vec<&str> = [email.as_deref(), full_name.as_deref()].into_iter().flatten().collect();
    let password_ok = check_password(&input.password, min_length, &inputs).map_err(|p| problems.push(p)).is_ok();
    if password_ok && input.password != input.password_confirm {
        problems.push(
            Problem::new(
                "password_mismatch",
                "Ulangan kata sandi tidak sama dengan kata sandi.",
                "The repeated password does not match the password.",
            )
            .field("password_confirm"),
        );
    }
    let language = Lang::parse(&input.language);
    if language.is_none() {
        problems.push(
            Problem::new(
                "invalid_language",
                "Pilih Bahasa Indonesia atau English.",
                "Choose Bahasa Indonesia or English.",
            )
            .field("language"),
        );
    }
    if !input.consent {
        problems.push(
            Problem::new(
                "consent_required",
                "Centang persetujuan pemrosesan data pribadi untuk mendaftar.",
                "Tick the consent to the processing of personal data to sign up.",
            )
            .field("consent"),
        );
    }
    match (full_name, email, language) {
        (Some(full_name), Some(email), Some(language)) if problems.is_empty() => {
            Ok(ValidSignup { full_name, email, password: input.password.clone(), language })
        }
        _ => Err(problems),
    }
}

/// Minutes between two verification emails for one account. A person who cannot find the
/// email asks again within a minute or two of the first; a shorter gap lets a stranger who
/// knows an address flood that mailbox, a longer one strands a person whose first email was
/// lost. The same gap applies to the "someone tried to sign up with your address" email.
pub const VERIFY_RESEND_MINUTES: i64 = 5;

/// Whether a new verification (or sign-up notice) email may go out, given when the last went.
pub fn may_send_again(last_sent: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    last_sent.is_none_or(|t| now - t >= Duration::minutes(VERIFY_RESEND_MINUTES))
}

/// Whether one more sign-up from a client fits in the hourly limit.
pub fn signup_allowed(in_last_hour: i64, per_hour: u32) -> bool {
    in_last_hour < i64::from(per_hour)
}

/// What a failed login does to the account's counters: (new failure count, locked until).
/// Reaching the limit locks the account and starts counting again after the lock.
pub fn after_failed_login(
    failed_so_far: i32,
    max_failures: u32,
    now: NaiveDateTime,
    lockout: Duration,
) -> (i32, Option<NaiveDateTime>) {
    let failed = failed_so_far + 1;
    if failed >= max_failures as i32 {
        (0, Some(now + lockout))
    } else {
        (failed, None)
    }
}

pub fn is_locked(locked_until: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    locked_until.is_some_and(|until| until > now)
}

/// A session lives until its absolute expiry and while requests keep coming within the idle limit.
pub fn session_alive(last_seen: NaiveDateTime, expires_at: NaiveDateTime, now: NaiveDateTime, idle: Duration) -> bool {
    now < expires_at && now - last_seen < idle
}

/// Last-seen is written at most once a minute per session, to keep reads from becoming writes.
pub fn session_needs_touch(last_seen: NaiveDateTime, now: NaiveDateTime) -> bool {
    now - last_seen >= Duration::seconds(60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn t(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 2).and_then(|d| d.and_hms_opt(h, m, 0)).expect("valid")
    }

    #[test]
    fn roles_round_trip_through_text() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(normalize_email("  Siti@Example.CO.ID ").expect("valid"), "siti@example.co.id");
        for bad in
            ["", "siti", "siti@", "@example.com", "siti@localhost", "a b@example.com", "siti@example.com\r\nBcc: x@y.z"]
        {
            assert!(normalize_email(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(normalize_full_name("  Budi   Santoso ").expect("valid"), "Budi Santoso");
        assert!(normalize_full_name("B").is_err());
        assert!(normalize_full_name(&"x".repeat(121)).is_err());
        assert!(normalize_full_name("Budi\u{7}").is_err());
    }

    #[test]
    fn password_policy_refuses_short_and_common_passwords() {
        assert_eq!(check_password("pendek", 12, &[]).expect_err("short").code, "password_too_short");
        for common in ["password1234", "123456789012", "qwertyuiop123", "bekasi123456", "bismillah123"] {
            assert_eq!(check_password(common, 12, &[]).expect_err(common).code, "password_too_common", "{common}");
        }
        assert!(check_password("siti.rahma@pt.co.id1", 12, &["siti.rahma@pt.co.id"]).is_err(), "own email refused");
        assert!(check_password("kopi hujan sepeda meja 7", 12, &[]).is_ok());
    }

    fn signup(password: &str, confirm: &str, consent: bool) -> SignupInput {
        SignupInput {
            full_name: " Siti  Rahma ".into(),
            email: "Siti@Contoh.co.id".into(),
            password: password.into(),
            password_confirm: confirm.into(),
            language: "id".into(),
            consent,
        }
    }

    #[test]
    fn a_signup_is_checked_field_by_field() {
        let ok =
            validate_signup(&signup("kopi hujan sepeda meja 7", "kopi hujan sepeda meja 7", true), 12).expect("valid");
        assert_eq!((ok.full_name.as_str(), ok.email()), ("Siti Rahma", "siti@contoh.co.id"));
        let codes = |input: &SignupInput| -> Vec<&'static str> {
            validate_signup(input, 12).expect_err("invalid").into_iter().map(|p| p.code).collect()
        };
        assert_eq!(
            codes(&signup("kopi hujan sepeda meja 7", "lain", false)),
            ["password_mismatch", "consent_required"]
        );
        assert_eq!(codes(&signup("password1234", "password1234", true)), ["password_too_common"]);
        let mut bad = signup("kopi hujan sepeda meja 7", "kopi hujan sepeda meja 7", true);
        bad.email = "siti@".into();
        bad.full_name = "S".into();
        bad.language = "fr".into();
        assert_eq!(codes(&bad), ["full_name_required", "invalid_email", "invalid_language"]);
    }

    #[test]
    fn verification_emails_are_spaced_and_signups_counted() {
        assert!(may_send_again(None, t(8, 0)));
        assert!(!may_send_again(Some(t(8, 0)), t(8, 4)));
        assert!(may_send_again(Some(t(8, 0)), t(8, 5)));
        assert!(signup_allowed(4, 5));
        assert!(!signup_allowed(5, 5));
    }

    #[test]
    fn lockout_after_the_limit_and_only_then() {
        let lock = Duration::minutes(15);
        assert_eq!(after_failed_login(0, 5, t(8, 0), lock), (1, None));
        assert_eq!(after_failed_login(3, 5, t(8, 0), lock), (4, None));
        assert_eq!(after_failed_login(4, 5, t(8, 0), lock), (0, Some(t(8, 15))));
        assert!(is_locked(Some(t(8, 15)), t(8, 14)));
        assert!(!is_locked(Some(t(8, 15)), t(8, 15)));
        assert!(!is_locked(None, t(8, 0)));
    }

    #[test]
    fn sessions_end_when_idle_or_at_the_absolute_limit() {
        let idle = Duration::minutes(30);
        assert!(session_alive(t(8, 0), t(20, 0), t(8, 29), idle));
        assert!(!session_alive(t(8, 0), t(20, 0), t(8, 30), idle));
        assert!(!session_alive(t(19, 59), t(20, 0), t(20, 0), idle));
    }
}
