//! Account rows (users, sessions, one-time links, API tokens) and every query on them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{escape_like, lower, DbConn};
use crate::schema::{account_links, api_tokens, sessions, signup_attempts, users};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub office_id: String,
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub language: String,
    pub password_hash: Option<String>,
    pub status: String,
    pub failed_logins: i32,
    pub locked_until: Option<NaiveDateTime>,
    pub password_changed_at: Option<NaiveDateTime>,
    pub last_login_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When the owner proved the email is theirs; accounts the office made count as verified
    /// from creation. A self-made account cannot sign in while this is empty.
    pub email_verified_at: Option<NaiveDateTime>,
    /// When the owner agreed to the processing of their personal data (self sign-up).
    pub privacy_consent_at: Option<NaiveDateTime>,
}

pub const STATUS_ACTIVE: &str = "active";
pub const STATUS_DISABLED: &str = "disabled";

pub fn insert_user(conn: &mut DbConn, user: &UserRow) -> QueryResult<usize> {
    diesel::insert_into(users::table).values(user).execute(conn)
}

/// Looks a user up by email across offices (emails are unique per installation; used at login).
pub fn find_user_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<UserRow>> {
    users::table.filter(users::email.eq(email)).select(UserRow::as_select()).first(conn).optional()
}

/// A user of the given office; another office's user is simply not found.
pub fn find_user_in_office(conn: &mut DbConn, office_id: &str, id: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::id.eq(id))
        .filter(users::office_id.eq(office_id))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_user(conn: &mut DbConn, id: &str) -> QueryResult<UserRow> {
    users::table.find(id).select(UserRow::as_select()).first(conn)
}

#[derive(Debug, Clone, Default)]
pub struct UserQuery {
    pub q: Option<String>,
    pub role: Option<String>,
    pub status: Option<String>,
}

fn filtered_users<'a>(office_id: &'a str, f: &'a UserQuery) -> users::BoxedQuery<'a, crate::db::MultiBackend> {
    let mut query = users::table.filter(users::office_id.eq(office_id)).into_boxed();
    if let Some(q) = &f.q {
        let pattern = format!("%{}%", escape_like(&q.to_lowercase()));
        query = query.filter(
            lower(users::full_name).like(pattern.clone()).escape('\\').or(users::email.like(pattern).escape('\\')),
        );
    }
    if let Some(role) = &f.role {
        query = query.filter(users::role.eq(role));
    }
    if let Some(status) = &f.status {
        query = query.filter(users::status.eq(status));
    }
    query
}

pub fn list_users(
    conn: &mut DbConn,
    office_id: &str,
    f: &UserQuery,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<UserRow>, i64)> {
    let total = filtered_users(office_id, f).count().get_result(conn)?;
    let rows = filtered_users(office_id, f)
        .order((lower(users::full_name), users::id))
        .offset(offset)
        .limit(limit)
        .select(UserRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Active administrators in the installation (any office), or in one office.
pub fn count_active_admins(conn: &mut DbConn, office_id: Option<&str>) -> QueryResult<i64> {
    let mut query = users::table.filter(users::role.eq("admin")).filter(users::status.eq(STATUS_ACTIVE)).into_boxed();
    if let Some(office_id) = office_id {
        query = query.filter(users::office_id.eq(office_id));
    }
    query.count().get_result(conn)
}

pub fn update_profile(
    conn: &mut DbConn,
    id: &str,
    email: &str,
    full_name: &str,
    role: &str,
    language: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((
            users::email.eq(email),
            users::full_name.eq(full_name),
            users::role.eq(role),
            users::language.eq(language),
            users::updated_at.eq(now),
        ))
        .execute(conn)
}

pub fn set_language(conn: &mut DbConn, id: &str, language: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(users::table.find(id)).set((users::language.eq(language), users::updated_at.eq(now))).execute(conn)
}

pub fn set_status(conn: &mut DbConn, id: &str, status: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(users::table.find(id)).set((users::status.eq(status), users::updated_at.eq(now))).execute(conn)
}

pub fn set_password(conn: &mut DbConn, id: &str, hash: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(Some(hash)),
            users::password_changed_at.eq(Some(now)),
            users::failed_logins.eq(0),
            users::locked_until.eq(None::<NaiveDateTime>),
            users::updated_at.eq(now),
        ))
        .execute(conn)
}

/// Marks the email verified; returns 0 when it already was.
pub fn mark_email_verified(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(users::table.filter(users::id.eq(id)).filter(users::email_verified_at.is_null()))
        .set((users::email_verified_at.eq(Some(now)), users::updated_at.eq(now)))
        .execute(conn)
}

pub fn record_login_failure(
    conn: &mut DbConn,
    id: &str,
    failed: i32,
    locked_until: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::failed_logins.eq(failed), users::locked_until.eq(locked_until)))
        .execute(conn)
}

pub fn record_login_success(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((
            users::failed_logins.eq(0),
            users::locked_until.eq(None::<NaiveDateTime>),
            users::last_login_at.eq(Some(now)),
        ))
        .execute(conn)
}

// ---- sessions ----

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id_hash: String,
    pub user_id: String,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert_session(conn: &mut DbConn, row: &SessionRow) -> QueryResult<usize> {
    diesel::insert_into(sessions::table).values(row).execute(conn)
}

/// The session and its user in one query.
pub fn find_session(conn: &mut DbConn, id_hash: &str) -> QueryResult<Option<(SessionRow, UserRow)>> {
    sessions::table
        .inner_join(users::table)
        .filter(sessions::id_hash.eq(id_hash))
        .select((SessionRow::as_select(), UserRow::as_select()))
        .first(conn)
        .optional()
}

pub fn touch_session(conn: &mut DbConn, id_hash: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(sessions::table.find(id_hash)).set(sessions::last_seen_at.eq(now)).execute(conn)
}

pub fn delete_session(conn: &mut DbConn, id_hash: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.find(id_hash)).execute(conn)
}

/// Ends every session of a user, optionally keeping one (the one changing its password).
pub fn delete_user_sessions(conn: &mut DbConn, user_id: &str, keep: Option<&str>) -> QueryResult<usize> {
    let mut query = diesel::delete(sessions::table).filter(sessions::user_id.eq(user_id)).into_boxed();
    if let Some(keep) = keep {
        query = query.filter(sessions::id_hash.ne(keep));
    }
    query.execute(conn)
}

pub fn delete_expired_sessions(
    conn: &mut DbConn,
    now: NaiveDateTime,
    idle_cutoff: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(sessions::table)
        .filter(sessions::expires_at.le(now).or(sessions::last_seen_at.le(idle_cutoff)))
        .execute(conn)
}

// ---- one-time links ----

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = account_links)]
pub struct LinkRow {
    pub id: String,
    pub token_hash: String,
    pub purpose: String,
    pub office_id: String,
    pub user_id: Option<String>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub fn insert_link(conn: &mut DbConn, row: &LinkRow) -> QueryResult<usize> {
    diesel::insert_into(account_links::table).values(row).execute(conn)
}

/// A link that is unused and unexpired.
pub fn find_open_link(conn: &mut DbConn, token_hash: &str, now: NaiveDateTime) -> QueryResult<Option<LinkRow>> {
    account_links::table
        .filter(account_links::token_hash.eq(token_hash))
        .filter(account_links::used_at.is_null())
        .filter(account_links::expires_at.gt(now))
        .select(LinkRow::as_select())
        .first(conn)
        .optional()
}

/// A link in any state (used, expired), to tell a person what became of it.
pub fn find_link(conn: &mut DbConn, token_hash: &str) -> QueryResult<Option<LinkRow>> {
    account_links::table
        .filter(account_links::token_hash.eq(token_hash))
        .select(LinkRow::as_select())
        .first(conn)
        .optional()
}

/// When the newest link of a purpose was issued to a user (to space out resends).
pub fn latest_link_at(conn: &mut DbConn, user_id: &str, purpose: &str) -> QueryResult<Option<NaiveDateTime>> {
    account_links::table
        .filter(account_links::user_id.eq(user_id))
        .filter(account_links::purpose.eq(purpose))
        .select(diesel::dsl::max(account_links::created_at))
        .first(conn)
}

/// Marks a link used; returns 0 when another request used it first.
pub fn use_link(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(account_links::table.filter(account_links::id.eq(id)).filter(account_links::used_at.is_null()))
        .set(account_links::used_at.eq(Some(now)))
        .execute(conn)
}

/// Retires the open links of a user (a new link replaces older ones).
pub fn retire_user_links(conn: &mut DbConn, user_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        account_links::table.filter(account_links::user_id.eq(user_id)).filter(account_links::used_at.is_null()),
    )
    .set(account_links::used_at.eq(Some(now)))
    .execute(conn)
}

/// Retires open first-administrator links (only the newest printed link stays valid).
pub fn retire_setup_links(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        account_links::table.filter(account_links::purpose.eq("setup_admin")).filter(account_links::used_at.is_null()),
    )
    .set(account_links::used_at.eq(Some(now)))
    .execute(conn)
}

// ---- sign-up attempts per client ----

pub fn insert_signup_attempt(conn: &mut DbConn, client_key: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::insert_into(signup_attempts::table)
        .values((
            signup_attempts::id.eq(uuid::Uuid::new_v4().to_string()),
            signup_attempts::client_key.eq(client_key),
            signup_attempts::created_at.eq(now),
        ))
        .execute(conn)
}

pub fn count_signup_attempts(conn: &mut DbConn, client_key: &str, since: NaiveDateTime) -> QueryResult<i64> {
    signup_attempts::table
        .filter(signup_attempts::client_key.eq(client_key))
        .filter(signup_attempts::created_at.gt(since))
        .count()
        .get_result(conn)
}

pub fn delete_signup_attempts_before(conn: &mut DbConn, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(signup_attempts::table.filter(signup_attempts::created_at.le(cutoff))).execute(conn)
}

// ---- API tokens ----

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct ApiTokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub token_hash: String,
    pub prefix: String,
    pub created_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn insert_api_token(conn: &mut DbConn, row: &ApiTokenRow) -> QueryResult<usize> {
    diesel::insert_into(api_tokens::table).values(row).execute(conn)
}

pub fn list_api_tokens(conn: &mut DbConn, user_id: &str) -> QueryResult<Vec<ApiTokenRow>> {
    api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::created_at.desc())
        .select(ApiTokenRow::as_select())
        .load(conn)
}

/// The user's own token; another user's token is not found.
pub fn find_user_api_token(conn: &mut DbConn, user_id: &str, id: &str) -> QueryResult<Option<ApiTokenRow>> {
    api_tokens::table
        .filter(api_tokens::id.eq(id))
        .filter(api_tokens::user_id.eq(user_id))
        .select(ApiTokenRow::as_select())
        .first(conn)
        .optional()
}

/// A usable token and its user, in one query.
pub fn find_active_api_token(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(ApiTokenRow, UserRow)>> {
    api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(token_hash))
        .filter(api_tokens::revoked_at.is_null())
        .filter(api_tokens::expires_at.is_null().or(api_tokens::expires_at.gt(now)))
        .select((ApiTokenRow::as_select(), UserRow::as_select()))
        .first(conn)
        .optional()
}

pub fn revoke_api_token(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(api_tokens::table.filter(api_tokens::id.eq(id)).filter(api_tokens::revoked_at.is_null()))
        .set(api_tokens::revoked_at.eq(Some(now)))
        .execute(conn)
}

pub fn touch_api_token(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(api_tokens::table.find(id)).set(api_tokens::last_used_at.eq(Some(now))).execute(conn)
}
