//! JSON API for the audit trail (administrators).

use actix_web::{get, web};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use crate::audit::model::AuditRow;
use crate::audit::service;
use crate::audit::web::AuditParams;
use crate::error::Error;
use crate::http::errors::ProblemBody;
use crate::http::{SignedIn, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditOut {
    pub id: String,
    /// UTC, ISO 8601.
    pub occurred_at: String,
    pub actor_user_id: Option<String>,
    pub actor_role: String,
    pub actor_label: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub summary: String,
    pub request_id: Option<String>,
}

impl From<AuditRow> for AuditOut {
    fn from(r: AuditRow) -> Self {
        AuditOut {
            id: r.id,
            occurred_at: r.occurred_at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            actor_user_id: r.actor_user_id,
            actor_role: r.actor_role,
            actor_label: r.actor_label,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            summary: r.summary,
            request_id: r.request_id,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditOut>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// Query parameters of the audit list (dates are office-local, WIB, inclusive).
#[derive(Debug, IntoParams)]
#[allow(dead_code, reason = "describes AuditParams for the OpenAPI document")]
pub struct AuditListParams {
    /// Part of the actor's name or email.
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    /// YYYY-MM-DD
    pub from: Option<String>,
    /// YYYY-MM-DD
    pub to: Option<String>,
    pub page: Option<i64>,
}

/// The office's audit trail, newest first (administrators).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditListParams),
    responses((status = 200, body = AuditList), (status = 400, body = ProblemBody), (status = 403, body = ProblemBody)))]
#[get("/api/v1/audit")]
async fn list(state: State, user: SignedIn, params: web::Query<AuditParams>) -> Result<web::Json<AuditList>, Error> {
    let params = params.into_inner();
    let query = params.to_query()?;
    let page = crate::api::page_param(params.page)?;
    let actor = user.actor.clone();
    let (rows, total) = state.db.run(move |c| service::list(c, &actor, &query, page)).await?;
    Ok(web::Json(AuditList {
        items: rows.into_iter().map(AuditOut::from).collect(),
        page,
        per_page: service::PER_PAGE,
        total,
    }))
}
