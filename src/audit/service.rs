//! Writing audit entries (inside the caller's transaction) and reading them for admins.

use chrono::NaiveDateTime;

use crate::accounts::{Actor, Role};
use crate::audit::model::{self, AuditQuery, AuditRow};
use crate::db::DbConn;
use crate::error::Error;

/// One state change to be recorded.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub office_id: String,
    pub actor_user_id: Option<String>,
    pub actor_role: String,
    pub actor_label: String,
    pub action: &'static str,
    pub entity_type: &'static str,
    pub entity_id: String,
    pub summary: String,
    pub request_id: Option<String>,
}

impl AuditEntry {
    /// A change made by a signed-in user, in their office.
    pub fn by(
        actor: &Actor,
        action: &'static str,
        entity_type: &'static str,
        entity_id: &str,
        summary: impl Into<String>,
    ) -> Self {
        AuditEntry {
            office_id: actor.office_id.clone(),
            actor_user_id: Some(actor.user_id.clone()),
            actor_role: actor.role.as_str().to_string(),
            actor_label: format!("{} <{}>", actor.full_name, actor.email),
            action,
            entity_type,
            entity_id: entity_id.to_string(),
            summary: summary.into(),
            request_id: actor.request_id.clone(),
        }
    }

    /// A change made by Harmoni itself or its command line (start-up, `harmoni user add`).
    pub fn system(
        office_id: &str,
        action: &'static str,
        entity_type: &'static str,
        entity_id: &str,
        summary: impl Into<String>,
    ) -> Self {
        AuditEntry {
            office_id: office_id.to_string(),
            actor_user_id: None,
            actor_role: "system".into(),
            actor_label: "Harmoni (sistem)".into(),
            action,
            entity_type,
            entity_id: entity_id.to_string(),
            summary: summary.into(),
            request_id: None,
        }
    }

    /// A change made by a user acting on their own account before a session exists (login, link).
    pub fn by_user(
        user: &crate::accounts::model::UserRow,
        action: &'static str,
        summary: impl Into<String>,
        request_id: Option<String>,
    ) -> Self {
        AuditEntry {
            office_id: user.office_id.clone(),
            actor_user_id: Some(user.id.clone()),
            actor_role: user.role.clone(),
            actor_label: format!("{} <{}>", user.full_name, user.email),
            action,
            entity_type: "user",
            entity_id: user.id.clone(),
            summary: summary.into(),
            request_id,
        }
    }
}

/// Appends one entry; call it inside the transaction that makes the change.
pub fn record(conn: &mut DbConn, entry: &AuditEntry, now: NaiveDateTime) -> Result<(), Error> {
    model::insert(
        conn,
        &AuditRow {
            // Time-ordered ids keep entries made in the same instant in the order they happened.
            id: uuid::Uuid::now_v7().to_string(),
            office_id: entry.office_id.clone(),
            occurred_at: now,
            actor_user_id: entry.actor_user_id.clone(),
            actor_role: entry.actor_role.clone(),
            actor_label: entry.actor_label.clone(),
            action: entry.action.to_string(),
            entity_type: entry.entity_type.to_string(),
            entity_id: entry.entity_id.clone(),
            summary: entry.summary.clone(),
            request_id: entry.request_id.clone(),
        },
    )?;
    Ok(())
}

pub const PER_PAGE: i64 = 50;

/// A page of the office's audit trail, for administrators only.
pub fn list(conn: &mut DbConn, actor: &Actor, query: &AuditQuery, page: i64) -> Result<(Vec<AuditRow>, i64), Error> {
    actor.require(&[Role::Admin])?;
    let page = page.max(1);
    Ok(model::list(conn, &actor.office_id, query, (page - 1) * PER_PAGE, PER_PAGE)?)
}

/// The history of one record, newest first (shown on the record's own page).
pub fn history(conn: &mut DbConn, actor: &Actor, entity_type: &str, entity_id: &str) -> Result<Vec<AuditRow>, Error> {
    actor.require(&[Role::Admin])?;
    let query = AuditQuery {
        entity_type: Some(entity_type.to_string()),
        entity_id: Some(entity_id.to_string()),
        ..Default::default()
    };
    Ok(model::list(conn, &actor.office_id, &query, 0, 100)?.0)
}

/// The change history of one company, for the office's staff (it names the officers who
/// made each change, so representatives and workers do not see it).
pub fn company_timeline(conn: &mut DbConn, actor: &Actor, company_id: &str) -> Result<Vec<AuditRow>, Error> {
    actor.require(&[Role::Admin, Role::Pimpinan, Role::Mediator, Role::Petugas])?;
    let query = AuditQuery {
        entity_type: Some("company".into()),
        entity_id: Some(company_id.to_string()),
        ..Default::default()
    };
    Ok(model::list(conn, &actor.office_id, &query, 0, 200)?.0)
}

/// Actions and record types present in the office's trail, for the filter lists.
pub fn filter_options(conn: &mut DbConn, actor: &Actor) -> Result<(Vec<String>, Vec<String>), Error> {
    actor.require(&[Role::Admin])?;
    Ok((model::distinct_actions(conn, &actor.office_id)?, model::distinct_entity_types(conn, &actor.office_id)?))
}
