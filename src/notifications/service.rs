//! Notification use cases: `notify` (queue a message and an in-app notice inside the caller's
//! transaction), delivery by the worker, the inbox, the administrators' outbox, evidence.

use chrono::{Duration, NaiveDateTime};
use harmoni_templates::email::{render, EmailKind, EmailOffice};
use harmoni_templates::Lang;

use crate::accounts::{rules as account_rules, Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::config::MailSettings;
use crate::db::{write_tx, DbConn};
use crate::error::Error;
use crate::notifications::model::{self, AttachmentRow, AttemptRow, NoticeRow, OutboxRow};
use crate::notifications::rules::{self, Outcome};
use crate::notifications::transport::{build_message, Mailer};
use crate::offices::model as offices;

/// Who a message is for. A recipient with a user id also gets the notice in their inbox.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub user_id: Option<String>,
    pub email: String,
    pub name: String,
    pub language: Lang,
}

/// A file sent with the message (an .ics invitation, a PDF letter).
#[derive(Debug, Clone)]
pub struct MailAttachment {
    pub filename: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// What to send, and what it is about.
#[derive(Debug, Clone)]
pub struct Notification {
    pub kind: EmailKind,
    /// The record the message concerns, for delivery evidence on that record's page.
    pub entity: Option<(&'static str, String)>,
    pub attachments: Vec<MailAttachment>,
    /// Where the in-app notice leads (a path in Harmoni).
    pub link: Option<String>,
}

fn email_office(o: &offices::Office) -> EmailOffice {
    EmailOffice {
        name: o.name.clone(),
        address: o.address.clone(),
        phone: o.phone.clone(),
        email: o.email.clone(),
        website: o.website.clone(),
    }
}

/// Queues one message (and the recipient's in-app notice) in the caller's transaction: if the
/// change that causes it is rolled back, the message is gone too. Header values are checked so
/// that no name or subject can add headers of its own.
pub fn notify(
    conn: &mut DbConn,
    mail: &MailSettings,
    office_id: &str,
    recipient: &Recipient,
    n: &Notification,
    now: NaiveDateTime,
) -> Result<String, Error> {
    let email = account_rules::normalize_email(&recipient.email).map_err(Error::Invalid)?;
    rules::check_header_text(&recipient.name, "recipient_name").map_err(Error::Invalid)?;
    let office = offices::find(conn, office_id)?;
    let rendered = render(&n.kind, recipient.language, &email_office(&office));
    rules::check_header_text(&rendered.subject, "subject").map_err(Error::Invalid)?;
    for a in &n.attachments {
        rules::check_header_text(&a.filename, "attachment").map_err(Error::Invalid)?;
        rules::check_header_text(&a.content_type, "attachment").map_err(Error::Invalid)?;
    }
    let id = uuid::Uuid::now_v7().to_string();
    let domain = mail.from_address.rsplit('@').next().unwrap_or("localhost");
    let row = OutboxRow {
        id: id.clone(),
        office_id: office_id.to_string(),
        recipient_user_id: recipient.user_id.clone(),
        recipient_email: email,
        recipient_name: recipient.name.clone(),
        template: n.kind.code().to_string(),
        language: recipient.language.code().to_string(),
        subject: rendered.subject.clone(),
        body_text: rendered.text,
        body_html: rendered.html,
        message_id: format!("<{id}@{domain}>"),
        entity_type: n.entity.as_ref().map(|(t, _)| t.to_string()),
        entity_id: n.entity.as_ref().map(|(_, e)| e.clone()),
        status: "pending".into(),
        attempts: 0,
        next_attempt_at: now,
        locked_until: None,
        last_error: None,
        server_response: None,
        queued_at: now,
        sent_at: None,
        updated_at: now,
    };
    model::insert_message(conn, &row)?;
    for a in &n.attachments {
        model::insert_attachment(
            conn,
            &AttachmentRow {
                id: uuid::Uuid::new_v4().to_string(),
                outbox_id: id.clone(),
                filename: a.filename.clone(),
                content_type: a.content_type.clone(),
                content: a.content.clone(),
            },
        )?;
    }
    if let Some(user_id) = &recipient.user_id {
        model::insert_notice(
            conn,
            &NoticeRow {
                id: uuid::Uuid::now_v7().to_string(),
                office_id: office_id.to_string(),
                user_id: user_id.clone(),
                outbox_id: Some(id.clone()),
                template: n.kind.code().to_string(),
                title: rendered.notice_title,
                body: rendered.notice_body,
                link: n.link.clone(),
                created_at: now,
                read_at: None,
            },
        )?;
    }
    Ok(id)
}

/// When the newest message of a template was queued for a user, if ever.
pub fn last_queued_at(conn: &mut DbConn, user_id: &str, template: &str) -> Result<Option<NaiveDateTime>, Error> {
    Ok(model::last_queued_at(conn, user_id, template)?)
}

/// Claims up to `limit` due messages for this worker (see `model::lock_due` for why two
/// workers never claim the same one).
pub fn claim(conn: &mut DbConn, mail: &MailSettings, now: NaiveDateTime) -> Result<Vec<OutboxRow>, Error> {
    write_tx(conn, |conn| {
        let ids = model::lock_due(conn, now, mail.batch_size)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        model::mark_sending(conn, &ids, now + Duration::seconds(mail.lease_secs), now)?;
        Ok(model::messages(conn, &ids)?)
    })
}

/// Records one attempt and moves the message on (sent, retry later, failed).
pub fn record_outcome(
    conn: &mut DbConn,
    mail: &MailSettings,
    row: &OutboxRow,
    outcome: &Outcome,
    now: NaiveDateTime,
) -> Result<(), Error> {
    let next = rules::after_attempt(
        outcome,
        row.attempts,
        mail.max_attempts,
        now,
        mail.backoff_base_secs,
        mail.backoff_max_secs,
    );
    let (kind, detail) = match outcome {
        Outcome::Sent(d) => ("sent", d),
        Outcome::Transient(d) => ("transient", d),
        Outcome::Permanent(d) => ("permanent", d),
    };
    write_tx(conn, |conn| {
        model::insert_attempt(
            conn,
            &AttemptRow {
                id: uuid::Uuid::now_v7().to_string(),
                outbox_id: row.id.clone(),
                attempted_at: now,
                outcome: kind.into(),
                detail: detail.clone(),
            },
        )?;
        let (error, response, sent_at) = match outcome {
            Outcome::Sent(d) => (None, Some(d.as_str()), Some(now)),
            Outcome::Transient(d) | Outcome::Permanent(d) => (Some(d.as_str()), None, None),
        };
        model::finish(conn, &row.id, next.status, next.attempts, next.next_attempt_at, error, response, sent_at, now)?;
        if next.status == "sent" {
            // Delivered: the one-time link has reached its owner; the copy kept as evidence
            // must not open the account for whoever reads the database.
            model::set_bodies(
                conn,
                &row.id,
                &rules::redact_links(&row.body_text),
                &rules::redact_links(&row.body_html),
            )?;
        }
        Ok(())
    })
}

/// One round of the worker: claim due messages, then send them over up to
/// `send_concurrency` connections at once, each recording its outcomes.
/// Returns how many messages were attempted.
pub fn deliver_due(
    pool: &crate::db::Pool,
    mailer: &Mailer,
    mail: &MailSettings,
    now: NaiveDateTime,
) -> Result<usize, Error> {
    let claimed = {
        let mut conn = pool.get().map_err(|_| Error::Unavailable)?;
        claim(&mut conn, mail, now)?
    };
    if claimed.is_empty() {
        return Ok(0);
    }
    let lanes = mail.send_concurrency.min(claimed.len()).max(1);
    let chunk = claimed.len().div_ceil(lanes);
    std::thread::scope(|scope| {
        let handles: Vec<_> = claimed
            .chunks(chunk)
            .map(|rows| {
                scope.spawn(move || {
                    let mut conn = pool.get().map_err(|_| Error::Unavailable)?;
                    rows.iter().try_for_each(|row| deliver_one(&mut conn, mailer, mail, row, now))
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| h.join().map_err(|_| Error::internal("a sending thread panicked"))?)
    })?;
    Ok(claimed.len())
}

/// Sends one claimed message and records the outcome.
fn deliver_one(
    conn: &mut DbConn,
    mailer: &Mailer,
    mail: &MailSettings,
    row: &OutboxRow,
    now: NaiveDateTime,
) -> Result<(), Error> {
    {
        let attachments = model::attachments(conn, &row.id)?;
        let reply_to = offices::find(conn, &row.office_id).ok().map(|o| o.email).filter(|e| !e.is_empty());
        let outcome = match build_message(row, &attachments, mail, reply_to.as_deref()) {
            Ok(message) => mailer.send(&message, &row.id),
            Err(e) => Outcome::Permanent(e),
        };
        match &outcome {
            Outcome::Sent(_) => tracing::info!(outbox.id = %row.id, template = %row.template, "message delivered"),
            Outcome::Transient(e) => {
                tracing::warn!(outbox.id = %row.id, error = %e, attempt = row.attempts + 1, "delivery failed, will retry")
            }
            Outcome::Permanent(e) => tracing::error!(outbox.id = %row.id, error = %e, "delivery failed permanently"),
        }
        record_outcome(conn, mail, row, &outcome, now)?;
    }
    Ok(())
}

/// Removes sent messages older than the retention period.
pub fn purge(conn: &mut DbConn, mail: &MailSettings, now: NaiveDateTime) -> Result<usize, Error> {
    write_tx(conn, |conn| Ok(model::purge_sent_before(conn, now - Duration::days(mail.retention_days))?))
}

// ---- administrators' outbox ----

pub const PER_PAGE: i64 = 50;
pub const STATUSES: [&str; 5] = ["pending", "sending", "sent", "failed", "cancelled"];

pub fn list(conn: &mut DbConn, actor: &Actor, status: Option<&str>, page: i64) -> Result<(Vec<OutboxRow>, i64), Error> {
    actor.require(&[Role::Admin])?;
    Ok(model::list(conn, &actor.office_id, status, (page.max(1) - 1) * PER_PAGE, PER_PAGE)?)
}

/// One message with its attempts (the delivery evidence), for administrators.
pub fn detail(conn: &mut DbConn, actor: &Actor, id: &str) -> Result<(OutboxRow, Vec<AttemptRow>), Error> {
    actor.require(&[Role::Admin])?;
    let row = model::find_message_in_office(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
    let attempts = model::attempts(conn, id)?;
    Ok((row, attempts))
}

/// Sends a failed or cancelled message again, now.
pub fn retry(conn: &mut DbConn, actor: &Actor, id: &str, now: NaiveDateTime) -> Result<(), Error> {
    actor.require(&[Role::Admin])?;
    write_tx(conn, |conn| {
        let row = model::find_message_in_office(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
        if row.status != "failed" && row.status != "cancelled" {
            return Err(Error::conflict(
                "not_retryable",
                "Hanya pesan yang gagal atau dibatalkan yang dapat dikirim ulang.",
                "Only failed or cancelled messages can be retried.",
            ));
        }
        model::requeue(conn, id, now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "outbox.retry",
                "outbox",
                id,
                format!("Pesan ke {} dikirim ulang (sebelumnya {})", row.recipient_email, row.status),
            ),
            now,
        )?;
        Ok(())
    })
}

/// Stops a pending or failed message from being sent.
pub fn cancel(conn: &mut DbConn, actor: &Actor, id: &str, now: NaiveDateTime) -> Result<(), Error> {
    actor.require(&[Role::Admin])?;
    write_tx(conn, |conn| {
        let row = model::find_message_in_office(conn, &actor.office_id, id)?.ok_or(Error::NotFound)?;
        if row.status != "pending" && row.status != "failed" {
            return Err(Error::conflict(
                "not_cancellable",
                "Hanya pesan yang menunggu atau gagal yang dapat dibatalkan.",
                "Only pending or failed messages can be cancelled.",
            ));
        }
        model::set_status(conn, id, "cancelled", now)?;
        record(
            conn,
            &AuditEntry::by(
                actor,
                "outbox.cancel",
                "outbox",
                id,
                format!("Pengiriman pesan ke {} dibatalkan", row.recipient_email),
            ),
            now,
        )?;
        Ok(())
    })
}

/// What a record's page shows: every message about it, with its attempts.
pub fn evidence(
    conn: &mut DbConn,
    office_id: &str,
    entity_type: &str,
    entity_id: &str,
) -> Result<Vec<(OutboxRow, Vec<AttemptRow>)>, Error> {
    model::for_entity(conn, office_id, entity_type, entity_id)?
        .into_iter()
        .map(|row| {
            let attempts = model::attempts(conn, &row.id)?;
            Ok((row, attempts))
        })
        .collect()
}

// ---- the user's inbox ----

pub const NOTICES_PER_PAGE: i64 = 25;

pub fn unread_count(conn: &mut DbConn, user_id: &str) -> Result<i64, Error> {
    Ok(model::count_unread(conn, user_id)?)
}

pub fn inbox(conn: &mut DbConn, actor: &Actor, page: i64) -> Result<(Vec<NoticeRow>, i64), Error> {
    Ok(model::user_notices(conn, &actor.user_id, (page.max(1) - 1) * NOTICES_PER_PAGE, NOTICES_PER_PAGE)?)
}

/// Marks one of the user's notices read (or all, with `None`); another user's notice is not found.
pub fn mark_read(conn: &mut DbConn, actor: &Actor, id: Option<&str>, now: NaiveDateTime) -> Result<usize, Error> {
    write_tx(conn, |conn| {
        if let Some(id) = id {
            model::find_user_notice(conn, &actor.user_id, id)?.ok_or(Error::NotFound)?;
        }
        let changed = model::mark_read(conn, &actor.user_id, id, now)?;
        if changed > 0 {
            let summary = match id {
                Some(_) => "Pemberitahuan ditandai sudah dibaca".to_string(),
                None => format!("{changed} pemberitahuan ditandai sudah dibaca"),
            };
            record(conn, &AuditEntry::by(actor, "notice.read", "notice", id.unwrap_or("all"), summary), now)?;
        }
        Ok(changed)
    })
}
