//! Account use cases: each authorises, validates, and changes rows plus audit in one transaction.

use chrono::{Duration, NaiveDateTime};
use harmoni_templates::Lang;

use crate::accounts::model::{self, ApiTokenRow, LinkRow, SessionRow, UserQuery, UserRow};
use crate::accounts::rules::{self, Role};
use crate::accounts::Actor;
use crate::audit::service::{record, AuditEntry};
use crate::config::{SecuritySettings, Settings};
use crate::db::{write_tx, DbConn};
use crate::error::{Error, Problem};
use crate::notifications::service::{notify, Notification, Recipient};
use crate::secrets;
use harmoni_templates::email::EmailKind;

/// A one-time link just issued; the token exists only here and in the message to the user.
#[derive(Debug, Clone)]
pub struct IssuedLink {
    pub token: String,
    pub expires_at: NaiveDateTime,
    /// The outbox message that carries the link to the user, when one was queued.
    pub outbox_id: Option<String>,
}

/// The address of a one-time link.
pub fn link_url(settings: &Settings, token: &str) -> String {
    format!("{}/link/{token}", settings.server.public_url)
}

/// Queues the email (and in-app notice) that carries a one-time link to its user.
pub(crate) fn send_link(
    conn: &mut DbConn,
    settings: &Settings,
    user: &UserRow,
    purpose: LinkPurpose,
    link: &mut IssuedLink,
    now: NaiveDateTime,
) -> Result<(), Error> {
    let lang = Lang::parse(&user.language).unwrap_or_default();
    let url = link_url(settings, &link.token);
    let expires = lang.datetime(link.expires_at);
    let kind = match purpose {
        LinkPurpose::Reset => EmailKind::PasswordReset { full_name: user.full_name.clone(), link: url, expires },
        LinkPurpose::VerifyEmail => {
            EmailKind::EmailVerification { full_name: user.full_name.clone(), link: url, expires }
        }
        LinkPurpose::SetupAdmin | LinkPurpose::Invite => EmailKind::Invitation {
            full_name: user.full_name.clone(),
            role_label: Role::parse(&user.role).map(|r| r.label(lang)).unwrap_or_default().to_string(),
            link: url,
            expires,
        },
    };
    let recipient = Recipient {
        user_id: Some(user.id.clone()),
        email: user.email.clone(),
        name: user.full_name.clone(),
        language: lang,
    };
    let notification =
        Notification { kind, entity: Some(("user", user.id.clone())), attachments: Vec::new(), link: None };
    link.outbox_id = Some(notify(conn, &settings.mail, &user.office_id, &recipient, &notification, now)?);
    Ok(())
}

/// A session just created; the raw id goes into the cookie and nowhere else.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub raw_id: String,
    pub csrf_token: String,
}

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    SetupAdmin,
    Invite,
    Reset,
    /// Confirms the email of a self sign-up; sets no password.
    VerifyEmail,
}

impl LinkPurpose {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::SetupAdmin => "setup_admin",
            LinkPurpose::Invite => "invite",
            LinkPurpose::Reset => "reset",
            LinkPurpose::VerifyEmail => "verify_email",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        match s {
            "setup_admin" => Some(LinkPurpose::SetupAdmin),
            "invite" => Some(LinkPurpose::Invite),
            "reset" => Some(LinkPurpose::Reset),
            "verify_email" => Some(LinkPurpose::VerifyEmail),
            _ => None,
        }
    }
}

/// An open link and the account it belongs to (none for first-administrator setup).
#[derive(Debug, Clone)]
pub struct OpenLink {
    pub purpose: LinkPurpose,
    pub user: Option<UserRow>,
}

/// Fields an administrator sets on a user.
#[derive(Debug, Clone, Default)]
pub struct UserInput {
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub language: String,
}

/// The same input, checked.
struct ValidUser {
    email: String,
    full_name: String,
    role: Role,
    language: Lang,
}

/// Checks every field and reports all problems at once.
fn validate_user(input: &UserInput) -> Result<ValidUser, Vec<Problem>> {
    let mut problems = Vec::new();
    let email = rules::normalize_email(&input.email).map_err(|p| problems.push(p)).ok();
    let full_name = rules::normalize_full_name(&input.full_name).map_err(|p| problems.push(p)).ok();
    let role = Role::parse(&input.role);
    if role.is_none() {
        problems.push(
            Problem::new("invalid_role", "Pilih peran yang tersedia.", "Choose one of the available roles.")
                .field("role"),
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
    match (email, full_name, role, language) {
        (Some(email), Some(full_name), Some(role), Some(language)) if problems.is_empty() => {
            Ok(ValidUser { email, full_name, role, language })
        }
        _ => Err(problems),
    }
}

/// The form shows one problem at a time; the first is the one earliest on the form.
fn first_problem(problems: Vec<Problem>) -> Error {
    problems.into_iter().next().map(Error::Invalid).unwrap_or_else(|| Error::internal("empty problem list"))
}

fn email_taken() -> Error {
    Error::Conflict(
        Problem::new(
            "email_taken",
            "Alamat email ini sudah dipakai akun lain.",
            "This email address is already used by another account.",
        )
        .field("email"),
    )
}

pub(crate) fn issue_link(
    conn: &mut DbConn,
    purpose: LinkPurpose,
    office_id: &str,
    user_id: Option<&str>,
    created_by: Option<&str>,
    hours: u32,
    now: NaiveDateTime,
) -> Result<IssuedLink, Error> {
    let token = secrets::random_token();
    let expires_at = now + Duration::hours(hours as i64);
    model::insert_link(
        conn,
        &LinkRow {
            id: uuid::Uuid::new_v4().to_string(),
            token_hash: secrets::token_hash(&token),
            purpose: purpose.as_str().to_string(),
            office_id: office_id.to_string(),
            user_id: user_id.map(str::to_string),
            created_by: created_by.map(str::to_string),
            created_at: now,
            expires_at,
            used_at: None,
        },
    )?;
    Ok(IssuedLink { token, expires_at, outbox_id: None })
}

/// When the installation has no active administrator, issues a fresh first-administrator link
/// (older unused ones stop working). Returns `None` when an administrator exists.
pub fn ensure_setup_link(
    conn: &mut DbConn,
    office_id: &str,
    sec: &SecuritySettings,
    now: NaiveDateTime,
) -> Result<Option<IssuedLink>, Error> {
    write_tx(conn, |conn| {
        if model::count_active_admins(conn, None)? > 0 {
            return Ok(None);
        }
        model::retire_setup_links(conn, now)?;
        let link = issue_link(conn, LinkPurpose::SetupAdmin, office_id, None, None, sec.setup_link_hours, now)?;
        record(
            conn,
            &AuditEntry::system(
                office_id,
                "setup_link.issue",
                "office",
                office_id,
                "Tautan penyiapan administrator pertama diterbitkan",
            ),
            now,
        )?;
        Ok(Some(link))
    })
}

fn new_user_row(office_id: &str, v: &ValidUser, now: NaiveDateTime) -> UserRow {
    office_made_user(uuid::Uuid::new_v4().to_string(), office_id, &v.email, &v.full_name, v.role, v.language, now)
}

/// The row of an account the office makes (by an administrator, the command line or the demo):
/// active, without a password until its owner sets one through a link.
pub fn office_made_user(
    id: String,
    office_id: &str,
    email: &str,
    full_name: &str,
    role: Role,
    language: Lang,
    now: NaiveDateTime,
) -> UserRow {
    UserRow {
        id,
        office_id: office_id.to_string(),
        email: email.to_string(),
        full_name: full_name.to_string(),
        role: role.as_str().to_string(),
        language: language.code().to_string(),
        password_hash: None,
        status: model::STATUS_ACTIVE.to_string(),
        failed_logins: 0,
        locked_until: None,
        password_changed_at: None,
        last_login_at: None,
        created_at: now,
        updated_at: now,
        // The office made this account and vouches for the address; the invitation link
        // reaches only its owner anyway.
        email_verified_at: Some(now),
        privacy_consent_at: None,
    }
}

/// An administrator adds a user to their office; the user is emailed a one-time invitation link.
pub fn create_user(
    conn: &mut DbConn,
    actor: &Actor,
    input: &UserInput,
    settings: &Settings,
    now: NaiveDateTime,
) -> Result<(UserRow, IssuedLink), Error> {
    actor.require(&[Role::Admin])?;
    create_user_in_office(conn, actor, input, settings, now)
}

/// An officer invites a company representative: a `perusahaan` account in the officer's
/// office, emailed an invitation like any other user.
pub fn invite_company_user(
    conn: &mut DbConn,
    actor: &Actor,
    email: &str,
    full_name: &str,
    settings: &Settings,
    now: NaiveDateTime,
) -> Result<(UserRow, IssuedLink), Error> {
    actor.require(&[Role::Admin, Role::Petugas])?;
    let input = UserInput {
        email: email.into(),
        full_name: full_name.into(),
        role: Role::Perusahaan.as_str().into(),
        language: "id".into(),
    };
    create_user_in_office(conn, actor, &input, settings, now)
}

fn create_user_in_office(
    conn: &mut DbConn,
    actor: &Actor,
    input: &UserInput,
    settings: &Settings,
    now: NaiveDateTime,
) -> Result<(UserRow, IssuedLink), Error> {
    let sec = &settings.security;
    let valid = validate_user(input).map_err(first_problem)?;
    write_tx(conn, |conn| {
        if model::find_user_by_email(conn, &valid.email)?.is_some() {
            return Err(email_taken());
        }
        let user = new_user_row(&actor.office_id, &valid, now);
        model::insert_user(conn, &user)?;
        let mut link = issue_link(
            conn,
            LinkPurpose::Invite,
            &user.office_id,
            Some(&user.id),
            Some(&actor.user_id),
            sec.invite_link_hours,
            now,
        )?;
        send_link(conn, settings, &user, LinkPurpose::Invite, &mut link, now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "user.create",
                "user",
                &user.id,
                format!(
                    "Pengguna dibuat: {} <{}>, peran {}; undangan dikirim lewat email",
                    user.full_name, user.email, user.role
                ),
            ),
            now,
        )?;
        Ok((user, link))
    })
}

/// `harmoni user add`: the operator on the server adds a user (any role) to an office.
pub fn create_user_from_cli(
    conn: &mut DbConn,
    office_id: &str,
    input: &UserInput,
    settings: &Settings,
    now: NaiveDateTime,
) -> Result<(UserRow, IssuedLink), Error> {
    let sec = &settings.security;
    let valid = validate_user(input).map_err(first_problem)?;
    write_tx(conn, |conn| {
        if model::find_user_by_email(conn, &valid.email)?.is_some() {
            return Err(email_taken());
        }
        let user = new_user_row(office_id, &valid, now);
        model::insert_user(conn, &user)?;
        let mut link =
            issue_link(conn, LinkPurpose::Invite, office_id, Some(&user.id), None, sec.invite_link_hours, now)?;
        send_link(conn, settings, &user, LinkPurpose::Invite, &mut link, now)?;
        record(
            conn,
            &AuditEntry::system(
                office_id,
                "user.create",
                "user",
                &user.id,
                format!(
                    "Pengguna dibuat lewat baris perintah: {} <{}>, peran {}",
                    user.full_name, user.email, user.role
                ),
            ),
            now,
        )?;
        Ok((user, link))
    })
}

/// An administrator changes a user's email, name, role or language.
pub fn update_user(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    input: &UserInput,
    now: NaiveDateTime,
) -> Result<UserRow, Error> {
    actor.require(&[Role::Admin])?;
    let valid = validate_user(input).map_err(first_problem)?;
    write_tx(conn, |conn| {
        let old = model::find_user_in_office(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
        if valid.email != old.email && model::find_user_by_email(conn, &valid.email)?.is_some() {
            return Err(email_taken());
        }
        if old.role == "admin" && valid.role != Role::Admin {
            ensure_not_last_admin(conn, &old)?;
        }
        model::update_profile(
            conn,
            id,
            &valid.email,
            &valid.full_name,
            valid.role.as_str(),
            valid.language.code(),
            now,
        )?;
        let mut changes = Vec::new();
        if old.email != valid.email {
            changes.push(format!("email {} → {}", old.email, valid.email));
        }
        if old.full_name != valid.full_name {
            changes.push(format!("nama {} → {}", old.full_name, valid.full_name));
        }
        if old.role != valid.role.as_str() {
            changes.push(format!("peran {} → {}", old.role, valid.role.as_str()));
        }
        if old.language != valid.language.code() {
            changes.push(format!("bahasa {} → {}", old.language, valid.language.code()));
        }
        if !changes.is_empty() {
            record(
                conn,
                &AuditEntry::by(actor, "user.update", "user", id, format!("Pengguna diubah: {}", changes.join("; "))),
                now,
            )?;
        }
        Ok(model::find_user(conn, id)?)
    })
}

fn ensure_not_last_admin(conn: &mut DbConn, user: &UserRow) -> Result<(), Error> {
    if user.status == model::STATUS_ACTIVE && model::count_active_admins(conn, Some(&user.office_id))? <= 1 {
        return Err(Error::conflict(
            "last_admin",
            "Ini administrator aktif terakhir kantor; tambahkan administrator lain terlebih dahulu.",
            "This is the office's last active administrator; add another administrator first.",
        ));
    }
    Ok(())
}

/// A partial change of a user: omitted fields keep their value.
#[derive(Debug, Clone, Default)]
pub struct UserPatch {
    pub email: Option<String>,
    pub full_name: Option<String>,
    pub role: Option<String>,
    pub language: Option<String>,
    /// False disables the account (ending its sessions), true enables it again.
    pub active: Option<bool>,
}

/// An administrator changes some fields of a user and/or its status, all or nothing.
pub fn patch_user(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    patch: &UserPatch,
    now: NaiveDateTime,
) -> Result<UserRow, Error> {
    actor.require(&[Role::Admin])?;
    write_tx(conn, |conn| {
        let current = model::find_user_in_office(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
        if patch.email.is_some() || patch.full_name.is_some() || patch.role.is_some() || patch.language.is_some() {
            let input = UserInput {
                email: patch.email.clone().unwrap_or(current.email),
                full_name: patch.full_name.clone().unwrap_or(current.full_name),
                role: patch.role.clone().unwrap_or(current.role),
                language: patch.language.clone().unwrap_or(current.language),
            };
            update_user(conn, actor, id, &input, now)?;
        }
        match patch.active {
            Some(active) => set_user_active(conn, actor, id, active, now),
            None => Ok(model::find_user(conn, id)?),
        }
    })
}

/// An administrator disables or re-enables a user. Disabling ends their sessions at once and
/// retires their open links; their API tokens stop working because the user is inactive.
pub fn set_user_active(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    active: bool,
    now: NaiveDateTime,
) -> Result<UserRow, Error> {
    actor.require(&[Role::Admin])?;
    if id == actor.user_id {
        return Err(Error::conflict(
            "cannot_disable_self",
            "Anda tidak dapat menonaktifkan akun Anda sendiri.",
            "You cannot disable your own account.",
        ));
    }
    write_tx(conn, |conn| {
        let user = model::find_user_in_office(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
        let status = if active { model::STATUS_ACTIVE } else { model::STATUS_DISABLED };
        if user.status == status {
            return Ok(user);
        }
        if !active {
            if user.role == "admin" {
                ensure_not_last_admin(conn, &user)?;
            }
            model::delete_user_sessions(conn, id, None)?;
            model::retire_user_links(conn, id, now)?;
        }
        model::set_status(conn, id, status, now)?;
        let (action, summary) = if active {
            ("user.enable", format!("Pengguna diaktifkan kembali: {}", user.email))
        } else {
            ("user.disable", format!("Pengguna dinonaktifkan dan semua sesinya diakhiri: {}", user.email))
        };
        record(conn, &AuditEntry::by(actor, action, "user", id, summary), now)?;
        Ok(model::find_user(conn, id)?)
    })
}

/// An administrator issues a new one-time link: a reset link for an activated account, a new
/// invitation otherwise. Older open links of the user stop working.
pub fn issue_reset_link(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    settings: &Settings,
    now: NaiveDateTime,
) -> Result<(UserRow, IssuedLink), Error> {
    let sec = &settings.security;
    actor.require(&[Role::Admin])?;
    write_tx(conn, |conn| {
        let user = model::find_user_in_office(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
        if user.status != model::STATUS_ACTIVE {
            return Err(Error::conflict(
                "user_disabled",
                "Akun ini dinonaktifkan; aktifkan kembali terlebih dahulu.",
                "This account is disabled; enable it first.",
            ));
        }
        model::retire_user_links(conn, id, now)?;
        let (purpose, hours, action) = if user.password_hash.is_some() {
            (LinkPurpose::Reset, sec.reset_link_hours, "user.reset_link")
        } else {
            (LinkPurpose::Invite, sec.invite_link_hours, "user.invite_link")
        };
        let mut link = issue_link(conn, purpose, &user.office_id, Some(id), Some(&actor.user_id), hours, now)?;
        send_link(conn, settings, &user, purpose, &mut link, now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                action,
                "user",
                id,
                format!("Tautan sekali pakai dikirim lewat email ke {}", user.email),
            ),
            now,
        )?;
        Ok((user, link))
    })
}

/// What an unused, unexpired link is for; anything else is `NotFound`.
pub fn open_link(conn: &mut DbConn, token: &str, now: NaiveDateTime) -> Result<OpenLink, Error> {
    let link = model::find_open_link(conn, &secrets::token_hash(token), now)?.ok_or(Error::NotFound)?;
    let purpose = LinkPurpose::parse(&link.purpose).ok_or(Error::NotFound)?;
    let user = match &link.user_id {
        Some(id) => {
            let user = model::find_user(conn, id)?;
            if user.status != model::STATUS_ACTIVE {
                return Err(Error::NotFound);
            }
            Some(user)
        }
        None => None,
    };
    if purpose == LinkPurpose::SetupAdmin && model::count_active_admins(conn, None)? > 0 {
        return Err(Error::NotFound);
    }
    if purpose == LinkPurpose::VerifyEmail && user.as_ref().is_none_or(|u| u.email_verified_at.is_some()) {
        return Err(Error::NotFound);
    }
    Ok(OpenLink { purpose, user })
}

/// What the person behind a link submits.
#[derive(Debug, Clone, Default)]
pub struct LinkForm {
    pub email: String,
    pub full_name: String,
    pub password: String,
    pub password_confirm: String,
}

/// Uses a link: sets the password (creating the first administrator for a setup link),
/// marks the link used, and signs the person in. All or nothing.
pub fn redeem_link(
    conn: &mut DbConn,
    token: &str,
    form: &LinkForm,
    sec: &SecuritySettings,
    now: NaiveDateTime,
    request_id: Option<String>,
) -> Result<(UserRow, NewSession), Error> {
    let open = open_link(conn, token, now)?;
    if open.purpose == LinkPurpose::VerifyEmail {
        // Verification links set no password; they go through `verify_email`.
        return Err(Error::NotFound);
    }
    let (email, full_name) = match &open.user {
        Some(user) => (user.email.clone(), user.full_name.clone()),
        None => {
            let email = rules::normalize_email(&form.email).map_err(Error::Invalid)?;
            let name = rules::normalize_full_name(&form.full_name).map_err(Error::Invalid)?;
            (email, name)
        }
    };
    check_new_password(&form.password, &form.password_confirm, sec, &[&email, &full_name])?;
    let hash = secrets::hash_password(sec, &form.password)?;
    write_tx(conn, |conn| {
        let link = model::find_open_link(conn, &secrets::token_hash(token), now)?.ok_or(Error::NotFound)?;
        if model::use_link(conn, &link.id, now)? != 1 {
            return Err(Error::NotFound);
        }
        let user = match open.purpose {
            LinkPurpose::SetupAdmin => {
                if model::count_active_admins(conn, None)? > 0 {
                    return Err(Error::NotFound);
                }
                if model::find_user_by_email(conn, &email)?.is_some() {
                    return Err(email_taken());
                }
                let valid = ValidUser {
                    email: email.clone(),
                    full_name: full_name.clone(),
                    role: Role::Admin,
                    language: Lang::Id,
                };
                let user = new_user_row(&link.office_id, &valid, now);
                model::insert_user(conn, &user)?;
                model::set_password(conn, &user.id, &hash, now)?;
                record(
                    conn,
                    &AuditEntry::by_user(
                        &user,
                        "user.bootstrap_admin",
                        format!("Administrator pertama dibuat: {} <{}>", user.full_name, user.email),
                        request_id.clone(),
                    ),
                    now,
                )?;
                user
            }
            LinkPurpose::VerifyEmail => return Err(Error::NotFound),
            LinkPurpose::Invite | LinkPurpose::Reset => {
                let user_id = link.user_id.clone().ok_or(Error::NotFound)?;
                let user = model::find_user(conn, &user_id)?;
                model::set_password(conn, &user.id, &hash, now)?;
                // The link reached the owner's mailbox: that proves the address (this is how an
                // administrator's reset rescues a self-made account whose owner lost its email).
                model::mark_email_verified(conn, &user.id, now)?;
                // A reset must also end sessions someone else may hold.
                model::delete_user_sessions(conn, &user.id, None)?;
                let (action, summary) = if open.purpose == LinkPurpose::Invite {
                    ("user.activate", "Akun diaktifkan: kata sandi dibuat lewat tautan undangan")
                } else {
                    ("user.password_reset", "Kata sandi diatur ulang lewat tautan; semua sesi lama diakhiri")
                };
                record(conn, &AuditEntry::by_user(&user, action, summary, request_id.clone()), now)?;
                user
            }
        };
        let session = create_session(conn, &user, sec, now)?;
        model::record_login_success(conn, &user.id, now)?;
        Ok((model::find_user(conn, &user.id)?, session))
    })
}

fn check_new_password(
    password: &str,
    confirm: &str,
    sec: &SecuritySettings,
    user_inputs: &[&str],
) -> Result<(), Error> {
    rules::check_password(password, sec.password_min_length, user_inputs).map_err(Error::Invalid)?;
    if password != confirm {
        return Err(Error::invalid(
            "password_mismatch",
            "password_confirm",
            "Ulangan kata sandi tidak sama dengan kata sandi baru.",
            "The repeated password does not match the new password.",
        ));
    }
    Ok(())
}

pub(crate) fn create_session(
    conn: &mut DbConn,
    user: &UserRow,
    sec: &SecuritySettings,
    now: NaiveDateTime,
) -> Result<NewSession, Error> {
    let raw_id = secrets::random_token();
    let csrf_token = secrets::random_token();
    model::insert_session(
        conn,
        &SessionRow {
            id_hash: secrets::token_hash(&raw_id),
            user_id: user.id.clone(),
            csrf_token: csrf_token.clone(),
            created_at: now,
            last_seen_at: now,
            expires_at: now + Duration::hours(sec.session_absolute_hours as i64),
        },
    )?;
    Ok(NewSession { raw_id, csrf_token })
}

fn login_failed(sec: &SecuritySettings) -> Error {
    Error::Invalid(Problem {
        code: "login_failed",
        field: Some("email"),
        message: crate::error::Bilingual::new(
            format!(
                "Email atau kata sandi salah, atau akun sedang dikunci. Setelah {} kali gagal berturut-turut akun dikunci selama {} menit.",
                sec.max_failed_logins, sec.lockout_minutes
            ),
            format!(
                "Wrong email or password, or the account is locked. After {} failures in a row an account is locked for {} minutes.",
                sec.max_failed_logins, sec.lockout_minutes
            ),
        ),
    })
}

/// The login answer for a right password on an account whose email is not verified yet.
fn email_unverified() -> Error {
    Error::Conflict(
        Problem::new(
            "email_unverified",
            "Email akun ini belum diverifikasi. Buka tautan verifikasi yang kami kirim ke email Anda, atau minta tautan baru dengan tombol di bawah.",
            "This account's email is not verified yet. Open the verification link we sent to your email, or ask for a new one with the button below.",
        )
        .field("email"),
    )
}

/// Signs a user in with email and password. Every failure gets the same answer, whether the
/// account is unknown, disabled, locked or the password wrong; failures count toward lockout.
/// `previous_session` (a session cookie presented at login) is ended: a new id is always issued.
pub fn login(
    conn: &mut DbConn,
    email: &str,
    password: &str,
    previous_session: Option<&str>,
    sec: &SecuritySettings,
    now: NaiveDateTime,
    request_id: Option<String>,
) -> Result<(UserRow, NewSession), Error> {
    let email = email.trim().to_lowercase();
    let Some(user) = model::find_user_by_email(conn, &email)? else {
        secrets::verify_dummy(sec, password);
        return Err(login_failed(sec));
    };
    let usable = user.status == model::STATUS_ACTIVE && !rules::is_locked(user.locked_until, now);
    let password_ok = match &user.password_hash {
        Some(hash) if usable => secrets::verify_password(sec, hash, password),
        _ => {
            secrets::verify_dummy(sec, password);
            false
        }
    };
    if password_ok && user.email_verified_at.is_none() {
        // Said only to someone who knows the password, so it reveals nothing to a stranger.
        return Err(email_unverified());
    }
    write_tx(conn, |conn| {
        if let Some(previous) = previous_session {
            model::delete_session(conn, &secrets::token_hash(previous))?;
        }
        // Re-read inside the transaction so concurrent failures are all counted.
        let user = model::find_user(conn, &user.id)?;
        if !password_ok {
            if user.status == model::STATUS_ACTIVE
                && user.password_hash.is_some()
                && !rules::is_locked(user.locked_until, now)
            {
                let (failed, locked_until) = rules::after_failed_login(
                    user.failed_logins,
                    sec.max_failed_logins,
                    now,
                    Duration::minutes(sec.lockout_minutes as i64),
                );
                model::record_login_failure(conn, &user.id, failed, locked_until)?;
                if locked_until.is_some() {
                    record(
                        conn,
                        &AuditEntry::by_user(
                            &user,
                            "user.lock",
                            format!(
                                "Akun dikunci {} menit setelah {} kali gagal masuk",
                                sec.lockout_minutes, sec.max_failed_logins
                            ),
                            request_id.clone(),
                        ),
                        now,
                    )?;
                }
            }
            return Ok(None);
        }
        model::record_login_success(conn, &user.id, now)?;
        let session = create_session(conn, &user, sec, now)?;
        record(conn, &AuditEntry::by_user(&user, "user.login", "Masuk ke Harmoni", request_id.clone()), now)?;
        Ok(Some((model::find_user(conn, &user.id)?, session)))
    })?
    .ok_or_else(|| login_failed(sec))
}

/// Ends the current session.
pub fn logout(conn: &mut DbConn, actor: &Actor, session_id_hash: &str, now: NaiveDateTime) -> Result<(), Error> {
    write_tx(conn, |conn| {
        model::delete_session(conn, session_id_hash)?;
        record(conn, &AuditEntry::by(actor, "user.logout", "user", &actor.user_id, "Keluar dari Harmoni"), now)?;
        Ok(())
    })
}

/// A user changes their own password; the current one is required. Their other sessions end.
/// A password change as typed by the user.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
    pub confirm: String,
}

pub fn change_password(
    conn: &mut DbConn,
    actor: &Actor,
    keep_session_hash: Option<&str>,
    change: &PasswordChange,
    sec: &SecuritySettings,
    now: NaiveDateTime,
) -> Result<(), Error> {
    let (current, new, confirm) = (change.current.as_str(), change.new.as_str(), change.confirm.as_str());
    let user = model::find_user(conn, &actor.user_id)?;
    let current_ok = user.password_hash.as_deref().is_some_and(|h| secrets::verify_password(sec, h, current));
    if !current_ok {
        return Err(Error::invalid(
            "current_password_wrong",
            "current_password",
            "Kata sandi saat ini salah.",
            "The current password is wrong.",
        ));
    }
    check_new_password(new, confirm, sec, &[&user.email, &user.full_name])?;
    if new == current {
        return Err(Error::invalid(
            "password_unchanged",
            "password",
            "Kata sandi baru harus berbeda dari yang lama.",
            "The new password must differ from the old one.",
        ));
    }
    let hash = secrets::hash_password(sec, new)?;
    write_tx(conn, |conn| {
        model::set_password(conn, &user.id, &hash, now)?;
        model::delete_user_sessions(conn, &user.id, keep_session_hash)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "user.password_change",
                "user",
                &user.id,
                "Kata sandi diganti oleh pemilik akun; sesi lain diakhiri",
            ),
            now,
        )?;
        Ok(())
    })
}

/// A user picks their interface language.
pub fn set_language(conn: &mut DbConn, actor: &Actor, lang: Lang, now: NaiveDateTime) -> Result<(), Error> {
    if actor.language == lang {
        return Ok(());
    }
    write_tx(conn, |conn| {
        model::set_language(conn, &actor.user_id, lang.code(), now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "user.language",
                "user",
                &actor.user_id,
                format!("Bahasa tampilan: {} → {}", actor.language.code(), lang.code()),
            ),
            now,
        )?;
        Ok(())
    })
}

/// A session found by its cookie: the actor, the CSRF token, and the stored id hash.
#[derive(Debug, Clone)]
pub struct ResolvedSession {
    pub actor: Actor,
    pub csrf_token: String,
    pub id_hash: String,
}

/// Finds the live session behind a cookie value. Idle, expired, or belonging to a disabled
/// user: the session is deleted and `None` returned.
pub fn resolve_session(
    conn: &mut DbConn,
    raw_id: &str,
    sec: &SecuritySettings,
    now: NaiveDateTime,
    request_id: Option<String>,
) -> Result<Option<ResolvedSession>, Error> {
    let id_hash = secrets::token_hash(raw_id);
    let Some((session, user)) = model::find_session(conn, &id_hash)? else {
        return Ok(None);
    };
    let alive = rules::session_alive(
        session.last_seen_at,
        session.expires_at,
        now,
        Duration::minutes(sec.session_idle_minutes as i64),
    );
    let actor = Actor::from_user(&user, request_id);
    match actor {
        Some(actor) if alive && user.status == model::STATUS_ACTIVE => {
            if rules::session_needs_touch(session.last_seen_at, now) {
                model::touch_session(conn, &id_hash, now)?;
            }
            Ok(Some(ResolvedSession { actor, csrf_token: session.csrf_token, id_hash }))
        }
        _ => {
            model::delete_session(conn, &id_hash)?;
            Ok(None)
        }
    }
}

/// Removes sessions that can no longer be used (run periodically).
pub fn purge_sessions(conn: &mut DbConn, sec: &SecuritySettings, now: NaiveDateTime) -> Result<usize, Error> {
    Ok(model::delete_expired_sessions(conn, now, now - Duration::minutes(sec.session_idle_minutes as i64))?)
}

pub const TOKEN_PREFIX: &str = "hmn_";
const MAX_ACTIVE_TOKENS: usize = 20;

/// The user behind a bearer token, when the token is live and the user active.
pub fn resolve_api_token(
    conn: &mut DbConn,
    raw: &str,
    now: NaiveDateTime,
    request_id: Option<String>,
) -> Result<Option<Actor>, Error> {
    if !raw.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let Some((token, user)) = model::find_active_api_token(conn, &secrets::token_hash(raw), now)? else {
        return Ok(None);
    };
    if user.status != model::STATUS_ACTIVE {
        return Ok(None);
    }
    if token.last_used_at.is_none_or(|t| rules::session_needs_touch(t, now)) {
        model::touch_api_token(conn, &token.id, now)?;
    }
    Ok(Actor::from_user(&user, request_id))
}

/// A user creates a personal API token; the secret is returned once and stored only hashed.
pub fn create_api_token(
    conn: &mut DbConn,
    actor: &Actor,
    name: &str,
    expires_days: Option<i64>,
    now: NaiveDateTime,
) -> Result<(ApiTokenRow, String), Error> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 80 {
        return Err(Error::invalid(
            "token_name_invalid",
            "name",
            "Nama token wajib diisi, maksimal 80 karakter.",
            "A token name is required, at most 80 characters.",
        ));
    }
    if let Some(days) = expires_days {
        if !(1..=365).contains(&days) {
            return Err(Error::invalid(
                "token_expiry_invalid",
                "expires_days",
                "Masa berlaku harus 1 sampai 365 hari.",
                "Validity must be 1 to 365 days.",
            ));
        }
    }
    let secret = format!("{TOKEN_PREFIX}{}", secrets::random_token());
    write_tx(conn, |conn| {
        let active = model::list_api_tokens(conn, &actor.user_id)?.into_iter().filter(|t| token_active(t, now)).count();
        if active >= MAX_ACTIVE_TOKENS {
            return Err(Error::conflict(
                "too_many_tokens",
                "Anda sudah memiliki 20 token aktif; cabut yang tidak dipakai.",
                "You already have 20 active tokens; revoke unused ones.",
            ));
        }
        let row = ApiTokenRow {
            id: uuid::Uuid::new_v4().to_string(),
            user_id: actor.user_id.clone(),
            name: name.clone(),
            token_hash: secrets::token_hash(&secret),
            prefix: secret.chars().take(TOKEN_PREFIX.len() + 6).collect(),
            created_at: now,
            expires_at: expires_days.map(|d| now + Duration::days(d)),
            last_used_at: None,
            revoked_at: None,
        };
        model::insert_api_token(conn, &row)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "api_token.create",
                "api_token",
                &row.id,
                format!("Token API dibuat: {} ({}…)", row.name, row.prefix),
            ),
            now,
        )?;
        Ok((row, secret.clone()))
    })
}

pub fn token_active(t: &ApiTokenRow, now: NaiveDateTime) -> bool {
    t.revoked_at.is_none() && t.expires_at.is_none_or(|e| e > now)
}

pub fn list_api_tokens(conn: &mut DbConn, actor: &Actor) -> Result<Vec<ApiTokenRow>, Error> {
    Ok(model::list_api_tokens(conn, &actor.user_id)?)
}

/// A user revokes one of their own tokens; someone else's token is not found.
pub fn revoke_api_token(conn: &mut DbConn, actor: &Actor, id: &str, now: NaiveDateTime) -> Result<ApiTokenRow, Error> {
    write_tx(conn, |conn| {
        let token = model::find_user_api_token(conn, &actor.user_id, id)?.ok_or(Error::NotFound)?;
        if model::revoke_api_token(conn, id, now)? == 1 {
            record(
                conn,
                &AuditEntry::by(
                    actor,
                    "api_token.revoke",
                    "api_token",
                    id,
                    format!("Token API dicabut: {} ({}…)", token.name, token.prefix),
                ),
                now,
            )?;
        }
        model::find_user_api_token(conn, &actor.user_id, id)?.ok_or(Error::NotFound)
    })
}

pub const USERS_PER_PAGE: i64 = 25;

/// A page of the office's users, for administrators.
pub fn list_users(
    conn: &mut DbConn,
    actor: &Actor,
    query: &UserQuery,
    page: i64,
) -> Result<(Vec<UserRow>, i64), Error> {
    actor.require(&[Role::Admin])?;
    Ok(model::list_users(conn, &actor.office_id, query, (page.max(1) - 1) * USERS_PER_PAGE, USERS_PER_PAGE)?)
}

/// One user of the office, for administrators.
pub fn get_user(conn: &mut DbConn, actor: &Actor, id: &str) -> Result<UserRow, Error> {
    actor.require(&[Role::Admin])?;
    model::find_user_in_office(conn, &actor.office_id, id)?.ok_or(Error::NotFound)
}
