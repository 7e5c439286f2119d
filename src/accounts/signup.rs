//! Self sign-up use cases: a worker makes a `pekerja` account, proves the email through a
//! one-time link, asks for a new link; each in one transaction with its audit row and email.
//!
//! Whether an address is registered is never told to the person signing up: a known address
//! gets the same answer as a new one, and the address's owner is told by email instead.

use chrono::{Duration, NaiveDateTime};
use harmoni_templates::email::EmailKind;

use crate::accounts::model::{self, UserRow};
use crate::accounts::rules::{self, Role, ValidSignup};
use crate::accounts::service::{create_session, issue_link, send_link, LinkPurpose, NewSession};
use crate::audit::service::{record, AuditEntry};
use crate::config::{SecuritySettings, Settings};
use crate::db::{write_tx, DbConn};
use crate::error::{Error, Problem};
use crate::notifications::service::{self as notifications, notify, Notification, Recipient};
use crate::secrets;
use harmoni_templates::Lang;

/// What a sign-up is stored under in the hourly count: a hash, so no client address is kept.
pub fn client_key(client_ip: &str) -> String {
    secrets::token_hash(&format!("harmoni-signup:{client_ip}"))
}

fn too_many_signups(per_hour: u32) -> Error {
    Error::TooMany(Problem {
        code: "too_many_signups",
        field: None,
        message: crate::error::Bilingual::new(
            format!(
                "Terlalu banyak pendaftaran dari jaringan Anda (paling banyak {per_hour} per jam). Silakan coba lagi satu jam lagi, atau datang ke kantor Disnaker."
            ),
            format!(
                "Too many sign-ups from your network (at most {per_hour} an hour). Please try again in an hour, or visit the Disnaker office."
            ),
        ),
    })
}

/// Signs a person up: a `pekerja` account in `office_id`, unusable until its email is verified,
/// with the verification email queued in the same transaction. An address that already has an
/// account changes nothing; its owner is emailed instead (at most once per few minutes). Both
/// ways end the same for the caller, and both hash the password, so that neither the answer
/// nor its timing tells whether the address is registered.
pub fn sign_up(
    conn: &mut DbConn,
    valid: &ValidSignup,
    office_id: &str,
    client_ip: &str,
    settings: &Settings,
    now: NaiveDateTime,
    request_id: Option<String>,
) -> Result<(), Error> {
    let sec = &settings.security;
    let hash = secrets::hash_password(sec, &valid.password)?;
    let key = client_key(client_ip);
    write_tx(conn, |conn| {
        let recent = model::count_signup_attempts(conn, &key, now - Duration::hours(1))?;
        if !rules::signup_allowed(recent, sec.signups_per_ip_per_hour) {
            return Err(too_many_signups(sec.signups_per_ip_per_hour));
        }
        model::insert_signup_attempt(conn, &key, now)?;
        match model::find_user_by_email(conn, &valid.email)? {
            Some(existing) => tell_owner(conn, &existing, settings, now, request_id.clone()),
            None => create_pending(conn, valid, &hash, office_id, settings, now, request_id.clone()),
        }
    })
}

fn create_pending(
    conn: &mut DbConn,
    valid: &ValidSignup,
    hash: &str,
    office_id: &str,
    settings: &Settings,
    now: NaiveDateTime,
    request_id: Option<String>,
) -> Result<(), Error> {
    let user = UserRow {
        id: uuid::Uuid::new_v4().to_string(),
        office_id: office_id.to_string(),
        email: valid.email.clone(),
        full_name: valid.full_name.clone(),
        role: Role::Pekerja.as_str().to_string(),
        language: valid.language.code().to_string(),
        password_hash: Some(hash.to_string()),
        status: model::STATUS_ACTIVE.to_string(),
        failed_logins: 0,
        locked_until: None,
        password_changed_at: Some(now),
        last_login_at: None,
        created_at: now,
        updated_at: now,
        email_verified_at: None,
        privacy_consent_at: Some(now),
    };
    model::insert_user(conn, &user)?;
    let purpose = LinkPurpose::VerifyEmail;
    let mut link =
        issue_link(conn, purpose, office_id, Some(&user.id), None, settings.security.verify_link_hours, now)?;
    send_link(conn, settings, &user, purpose, &mut link, now)?;
    record(
        conn,
        &AuditEntry::by_user(
            &user,
            "user.signup",
            format!(
                "Pendaftaran mandiri: {} <{}>, peran pekerja; persetujuan pemrosesan data pribadi diberikan; tautan verifikasi email dikirim",
                user.full_name, user.email
            ),
            request_id,
        ),
        now,
    )?;
    Ok(())
}

fn tell_owner(
    conn: &mut DbConn,
    owner: &UserRow,
    settings: &Settings,
    now: NaiveDateTime,
    request_id: Option<String>,
) -> Result<(), Error> {
    let kind = EmailKind::SignupAttempt {
        full_name: owner.full_name.clone(),
        login_link: format!("{}/login", settings.server.public_url),
        verified: owner.email_verified_at.is_some(),
    };
    let last = notifications::last_queued_at(conn, &owner.id, kind.code())?;
    let sent = owner.status == model::STATUS_ACTIVE && rules::may_send_again(last, now);
    if sent {
        let recipient = Recipient {
            user_id: Some(owner.id.clone()),
            email: owner.email.clone(),
            name: owner.full_name.clone(),
            language: Lang::parse(&owner.language).unwrap_or_default(),
        };
        let n = Notification { kind, entity: Some(("user", owner.id.clone())), attachments: Vec::new(), link: None };
        notify(conn, &settings.mail, &owner.office_id, &recipient, &n, now)?;
    }
    let mut entry = AuditEntry::system(
        &owner.office_id,
        "user.signup_existing",
        "user",
        &owner.id,
        if sent {
            "Pendaftaran mandiri dengan email akun ini; tidak ada akun baru, pemilik akun diberi tahu lewat email"
        } else {
            "Pendaftaran mandiri dengan email akun ini; tidak ada akun baru (pemberitahuan baru saja dikirim)"
        },
    );
    entry.request_id = request_id;
    record(conn, &entry, now)
}

/// Follows a verification link: marks the email verified, uses the link, and signs the owner
/// in. A used, expired or unknown link is `NotFound`.
pub fn verify_email(
    conn: &mut DbConn,
    token: &str,
    sec: &SecuritySettings,
    now: NaiveDateTime,
    request_id: Option<String>,
) -> Result<(UserRow, NewSession), Error> {
    write_tx(conn, |conn| {
        let link = model::find_open_link(conn, &secrets::token_hash(token), now)?.ok_or(Error::NotFound)?;
        if link.purpose != LinkPurpose::VerifyEmail.as_str() {
            return Err(Error::NotFound);
        }
        let user = model::find_user(conn, link.user_id.as_deref().ok_or(Error::NotFound)?)?;
        if user.status != model::STATUS_ACTIVE
            || model::use_link(conn, &link.id, now)? != 1
            || model::mark_email_verified(conn, &user.id, now)? != 1
        {
            return Err(Error::NotFound);
        }
        record(
            conn,
            &AuditEntry::by_user(
                &user,
                "user.email_verified",
                "Email diverifikasi lewat tautan; akun aktif",
                request_id,
            ),
            now,
        )?;
        let session = create_session(conn, &user, sec, now)?;
        model::record_login_success(conn, &user.id, now)?;
        Ok((model::find_user(conn, &user.id)?, session))
    })
}

/// What became of a link that no longer opens: whether it was a verification link, so the
/// page can offer a new one rather than send the person to an administrator.
pub fn is_verification_link(conn: &mut DbConn, token: &str) -> Result<bool, Error> {
    Ok(model::find_link(conn, &secrets::token_hash(token))?
        .is_some_and(|l| l.purpose == LinkPurpose::VerifyEmail.as_str()))
}

/// Sends a new verification link to an address, when it belongs to an active account that is
/// not verified yet and the last link went out at least a few minutes ago. The answer is the
/// same in every case, so the form cannot be used to test addresses.
pub fn resend_verification(
    conn: &mut DbConn,
    email: &str,
    settings: &Settings,
    now: NaiveDateTime,
    request_id: Option<String>,
) -> Result<(), Error> {
    let email = rules::normalize_email(email).map_err(Error::Invalid)?;
    write_tx(conn, |conn| {
        let Some(user) = model::find_user_by_email(conn, &email)? else {
            return Ok(());
        };
        if user.email_verified_at.is_some() || user.status != model::STATUS_ACTIVE {
            return Ok(());
        }
        let purpose = LinkPurpose::VerifyEmail;
        if !rules::may_send_again(model::latest_link_at(conn, &user.id, purpose.as_str())?, now) {
            return Ok(());
        }
        model::retire_user_links(conn, &user.id, now)?;
        let mut link =
            issue_link(conn, purpose, &user.office_id, Some(&user.id), None, settings.security.verify_link_hours, now)?;
        send_link(conn, settings, &user, purpose, &mut link, now)?;
        record(
            conn,
            &AuditEntry::by_user(
                &user,
                "user.verify_resend",
                "Tautan verifikasi email baru dikirim atas permintaan; tautan lama tidak berlaku lagi",
                request_id,
            ),
            now,
        )?;
        Ok(())
    })
}

/// Forgets sign-up counts older than a day (run periodically): they only serve the hourly limit.
pub fn purge_signup_attempts(conn: &mut DbConn, now: NaiveDateTime) -> Result<usize, Error> {
    Ok(model::delete_signup_attempts_before(conn, now - Duration::days(1))?)
}
