//! Notification pages: the user's inbox, the administrators' outbox and message detail.

use actix_web::{get, post, web, HttpResponse};
use harmoni_templates::pages::notifications::{
    inbox_page, outbox_detail_page, outbox_page, AttemptView, InboxView, NoticeView, OutboxDetailView, OutboxListView,
    OutboxRowView,
};
use serde::Deserialize;

use crate::accounts::Role;
use crate::error::Error;
use crate::http::{html, page_ctx, see_other, SignedIn, State};
use crate::notifications::service;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(inbox)
        .service(read_one)
        .service(read_all)
        .service(outbox_list)
        .service(outbox_detail)
        .service(outbox_retry)
        .service(outbox_cancel);
}

#[derive(Debug, Deserialize)]
struct PageQuery {
    page: Option<i64>,
    status: Option<String>,
}

#[get("/inbox")]
async fn inbox(state: State, user: SignedIn, q: web::Query<PageQuery>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let page = q.page.unwrap_or(1).max(1);
    let actor = user.actor.clone();
    let ((rows, total), unread) = state
        .db
        .run(move |c| Ok((service::inbox(c, &actor, page)?, service::unread_count(c, &actor.user_id)?)))
        .await?;
    let view = InboxView {
        notices: rows
            .into_iter()
            .map(|n| NoticeView {
                id: n.id,
                title: n.title,
                body: n.body,
                link: n.link,
                created: l.datetime(n.created_at),
                read: n.read_at.is_some(),
            })
            .collect(),
        unread,
        page,
        per_page: service::NOTICES_PER_PAGE,
        total,
    };
    Ok(html(inbox_page(&page_ctx(&state, &user.ctx, "/inbox"), &view)))
}

#[post("/inbox/{id}/read")]
async fn read_one(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let actor = user.actor.clone();
    let now = state.now();
    state.db.run(move |c| service::mark_read(c, &actor, Some(&id), now)).await?;
    Ok(see_other("/inbox"))
}

#[post("/inbox/read-all")]
async fn read_all(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    let actor = user.actor.clone();
    let now = state.now();
    state.db.run(move |c| service::mark_read(c, &actor, None, now)).await?;
    Ok(see_other("/inbox"))
}

#[get("/admin/outbox")]
async fn outbox_list(state: State, user: SignedIn, q: web::Query<PageQuery>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let l = user.ctx.lang;
    let status = q.status.clone().filter(|s| service::STATUSES.contains(&s.as_str()));
    let page = q.page.unwrap_or(1).max(1);
    let actor = user.actor.clone();
    let st = status.clone();
    let (rows, total) = state.db.run(move |c| service::list(c, &actor, st.as_deref(), page)).await?;
    let view = OutboxListView {
        rows: rows
            .into_iter()
            .map(|r| OutboxRowView {
                queued: l.datetime(r.queued_at),
                recipient: format!("{} <{}>", r.recipient_name, r.recipient_email),
                subject: r.subject,
                status: r.status,
                attempts: r.attempts,
                last_error: r.last_error,
                id: r.id,
            })
            .collect(),
        status: status.unwrap_or_default(),
        page,
        per_page: service::PER_PAGE,
        total,
    };
    Ok(html(outbox_page(&page_ctx(&state, &user.ctx, "/admin/outbox"), &view)))
}

#[get("/admin/outbox/{id}")]
async fn outbox_detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let l = user.ctx.lang;
    let actor = user.actor.clone();
    let (row, attempts) = state.db.run(move |c| service::detail(c, &actor, &id)).await?;
    let outcome = |o: &str| match o {
        "sent" => l.t("diterima server", "accepted by the server"),
        "transient" => l.t("gagal sementara, dicoba lagi", "temporary failure, retried"),
        _ => l.t("ditolak permanen", "permanently rejected"),
    };
    let view = OutboxDetailView {
        recipient: format!("{} <{}>", row.recipient_name, row.recipient_email),
        template: row.template,
        message_id: row.message_id,
        queued: l.datetime(row.queued_at),
        sent: row.sent_at.map(|t| l.datetime(t)),
        server_response: row.server_response,
        last_error: row.last_error,
        next_attempt: (row.status == "pending").then(|| l.datetime(row.next_attempt_at)),
        concerns: row.entity_type.map(|t| format!("{t} {}", row.entity_id.unwrap_or_default())),
        body_text: crate::notifications::rules::redact_links(&row.body_text),
        attempts: attempts
            .into_iter()
            .map(|a| AttemptView {
                at: l.datetime(a.attempted_at),
                outcome: outcome(&a.outcome).to_string(),
                detail: a.detail,
            })
            .collect(),
        status: row.status,
        subject: row.subject,
        id: row.id,
    };
    Ok(html(outbox_detail_page(&page_ctx(&state, &user.ctx, "/admin/outbox"), &view)))
}

#[post("/admin/outbox/{id}/retry")]
async fn outbox_retry(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let actor = user.actor.clone();
    let now = state.now();
    let id = id.into_inner();
    let i = id.clone();
    state.db.run(move |c| service::retry(c, &actor, &i, now)).await?;
    Ok(see_other(&format!("/admin/outbox/{id}")))
}

#[post("/admin/outbox/{id}/cancel")]
async fn outbox_cancel(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let actor = user.actor.clone();
    let now = state.now();
    let id = id.into_inner();
    let i = id.clone();
    state.db.run(move |c| service::cancel(c, &actor, &i, now)).await?;
    Ok(see_other(&format!("/admin/outbox/{id}")))
}
