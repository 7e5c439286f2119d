//! JSON API of notifications: the user's notices, the administrators' outbox with evidence.

use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::utc;
use crate::error::Error;
use crate::http::errors::ProblemBody;
use crate::http::{SignedIn, State};
use crate::notifications::model::{AttemptRow, OutboxRow};
use crate::notifications::service;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(notices).service(mark_read).service(outbox).service(outbox_message).service(retry).service(cancel);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeOut {
    pub id: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: String,
    pub read_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeList {
    pub items: Vec<NoticeOut>,
    pub unread: i64,
    pub total: i64,
    pub page: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct PageParams {
    pub page: Option<i64>,
    /// Outbox only: pending, sending, sent, failed or cancelled.
    pub status: Option<String>,
}

/// The signed-in user's notices, newest first.
#[utoipa::path(get, path = "/api/v1/notices", tag = "notifications", params(PageParams), responses((status = 200, body = NoticeList)))]
#[get("/api/v1/notices")]
async fn notices(state: State, user: SignedIn, p: web::Query<PageParams>) -> Result<web::Json<NoticeList>, Error> {
    let page = crate::api::page_param(p.page)?;
    let actor = user.actor.clone();
    let ((rows, total), unread) = state
        .db
        .run(move |c| Ok((service::inbox(c, &actor, page)?, service::unread_count(c, &actor.user_id)?)))
        .await?;
    Ok(web::Json(NoticeList {
        items: rows
            .into_iter()
            .map(|n| NoticeOut {
                id: n.id,
                title: n.title,
                body: n.body,
                link: n.link,
                created_at: utc(n.created_at),
                read_at: n.read_at.map(utc),
            })
            .collect(),
        unread,
        total,
        page,
    }))
}

/// Marks one of the user's notices read.
#[utoipa::path(post, path = "/api/v1/notices/{id}/read", tag = "notifications", responses((status = 204), (status = 404, body = ProblemBody)))]
#[post("/api/v1/notices/{id}/read")]
async fn mark_read(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let actor = user.actor.clone();
    let now = state.now();
    state.db.run(move |c| service::mark_read(c, &actor, Some(&id), now)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttemptOut {
    pub attempted_at: String,
    /// sent, transient or permanent
    pub outcome: String,
    pub detail: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageOut {
    pub id: String,
    pub recipient_email: String,
    pub recipient_name: String,
    pub template: String,
    pub subject: String,
    pub message_id: String,
    pub status: String,
    pub attempts: i32,
    pub queued_at: String,
    pub next_attempt_at: String,
    pub sent_at: Option<String>,
    pub server_response: Option<String>,
    pub last_error: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    /// Each attempt, in order (present on the single-message endpoint).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<AttemptOut>>,
}

fn message_out(r: OutboxRow, attempts: Option<Vec<AttemptRow>>) -> MessageOut {
    MessageOut {
        id: r.id,
        recipient_email: r.recipient_email,
        recipient_name: r.recipient_name,
        template: r.template,
        subject: r.subject,
        message_id: r.message_id,
        status: r.status,
        attempts: r.attempts,
        queued_at: utc(r.queued_at),
        next_attempt_at: utc(r.next_attempt_at),
        sent_at: r.sent_at.map(utc),
        server_response: r.server_response,
        last_error: r.last_error,
        entity_type: r.entity_type,
        entity_id: r.entity_id,
        history: attempts.map(|v| {
            v.into_iter()
                .map(|a| AttemptOut { attempted_at: utc(a.attempted_at), outcome: a.outcome, detail: a.detail })
                .collect()
        }),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageList {
    pub items: Vec<MessageOut>,
    pub total: i64,
    pub page: i64,
}

/// The office's outbox (administrators).
#[utoipa::path(get, path = "/api/v1/outbox", tag = "notifications", params(PageParams),
    responses((status = 200, body = MessageList), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[get("/api/v1/outbox")]
async fn outbox(state: State, user: SignedIn, p: web::Query<PageParams>) -> Result<web::Json<MessageList>, Error> {
    let page = crate::api::page_param(p.page)?;
    let status = p.status.clone().filter(|s| !s.is_empty());
    if status.as_deref().is_some_and(|s| !service::STATUSES.contains(&s)) {
        return Err(Error::invalid("invalid_parameter", "status", "Status tidak dikenal.", "Unknown status."));
    }
    let actor = user.actor.clone();
    let (rows, total) = state.db.run(move |c| service::list(c, &actor, status.as_deref(), page)).await?;
    Ok(web::Json(MessageList { items: rows.into_iter().map(|r| message_out(r, None)).collect(), total, page }))
}

/// One message with its delivery evidence (administrators).
#[utoipa::path(get, path = "/api/v1/outbox/{id}", tag = "notifications", responses((status = 200, body = MessageOut), (status = 404, body = ProblemBody)))]
#[get("/api/v1/outbox/{id}")]
async fn outbox_message(state: State, user: SignedIn, id: web::Path<String>) -> Result<web::Json<MessageOut>, Error> {
    let actor = user.actor.clone();
    let (row, attempts) = state.db.run(move |c| service::detail(c, &actor, &id)).await?;
    Ok(web::Json(message_out(row, Some(attempts))))
}

/// Sends a failed or cancelled message again (administrators).
#[utoipa::path(post, path = "/api/v1/outbox/{id}/retry", tag = "notifications", responses((status = 204), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/outbox/{id}/retry")]
async fn retry(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let actor = user.actor.clone();
    let now = state.now();
    state.db.run(move |c| service::retry(c, &actor, &id, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Stops a pending or failed message (administrators).
#[utoipa::path(post, path = "/api/v1/outbox/{id}/cancel", tag = "notifications", responses((status = 204), (status = 404, body = ProblemBody), (status = 409, body = ProblemBody)))]
#[post("/api/v1/outbox/{id}/cancel")]
async fn cancel(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let actor = user.actor.clone();
    let now = state.now();
    state.db.run(move |c| service::cancel(c, &actor, &id, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}
