//! The audit trail page for administrators, with filters.

use actix_web::{get, web, HttpResponse};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use harmoni_templates::components::FormErrors;
use harmoni_templates::pages::audit::{audit_page, AuditListView, AuditRow as AuditRowView};
use harmoni_templates::Lang;
use serde::Deserialize;

use crate::accounts::Role;
use crate::audit::model::{AuditQuery, AuditRow};
use crate::audit::service;
use crate::error::Error;
use crate::http::{html, page_ctx, trimmed, SignedIn, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(audit_list);
}

/// One entry as shown to people (local time, role label).
pub fn row_view(r: AuditRow, l: Lang) -> AuditRowView {
    AuditRowView {
        occurred: l.datetime(r.occurred_at),
        actor: r.actor_label,
        role: Role::parse(&r.actor_role).map(|x| x.label(l).to_string()).unwrap_or(r.actor_role),
        action: r.action,
        entity_type: r.entity_type,
        entity_id: r.entity_id,
        summary: r.summary,
    }
}

/// The office works in WIB (UTC+7): a date filter means that local day.
pub fn wib_day_start(date: NaiveDate) -> NaiveDateTime {
    date.and_time(chrono::NaiveTime::MIN) - Duration::hours(7)
}

#[derive(Debug, Deserialize, Default, Clone)]
pub struct AuditParams {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    /// YYYY-MM-DD, inclusive, office local date.
    pub from: Option<String>,
    /// YYYY-MM-DD, inclusive, office local date.
    pub to: Option<String>,
    pub page: Option<i64>,
}

fn parse_date(raw: &Option<String>, field: &'static str) -> Result<Option<NaiveDate>, Error> {
    trimmed(raw).map(|v| crate::calendar::service::parse_date(&v, field)).transpose()
}

impl AuditParams {
    /// The query these parameters describe; a malformed date is an input error naming the field.
    pub fn to_query(&self) -> Result<AuditQuery, Error> {
        let from = parse_date(&self.from, "from")?;
        let to = parse_date(&self.to, "to")?;
        Ok(AuditQuery {
            actor: trimmed(&self.actor),
            action: trimmed(&self.action),
            entity_type: trimmed(&self.entity_type),
            entity_id: trimmed(&self.entity_id),
            from: from.map(wib_day_start),
            to: to.map(|d| wib_day_start(d) + Duration::days(1)),
        })
    }
}

#[get("/admin/audit")]
async fn audit_list(state: State, user: SignedIn, params: web::Query<AuditParams>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let l = user.ctx.lang;
    let params = params.into_inner();
    let (query, errors) = match params.to_query() {
        Ok(q) => (q, FormErrors::default()),
        Err(Error::Invalid(p)) => (AuditQuery::default(), FormErrors::one(p.field.unwrap_or(""), p.message.get(l))),
        Err(e) => return Err(e),
    };
    let page = params.page.unwrap_or(1).max(1);
    let actor = user.actor.clone();
    let q = query.clone();
    let ((rows, total), (actions, entities)) =
        state.db.run(move |c| Ok((service::list(c, &actor, &q, page)?, service::filter_options(c, &actor)?))).await?;
    let query_string = serde_urlencoded::to_string([
        ("actor", trimmed(&params.actor).unwrap_or_default()),
        ("action", trimmed(&params.action).unwrap_or_default()),
        ("entity_type", trimmed(&params.entity_type).unwrap_or_default()),
        ("entity_id", trimmed(&params.entity_id).unwrap_or_default()),
        ("from", trimmed(&params.from).unwrap_or_default()),
        ("to", trimmed(&params.to).unwrap_or_default()),
    ])
    .unwrap_or_default();
    let view = AuditListView {
        rows: rows.into_iter().map(|r| row_view(r, l)).collect(),
        actor: trimmed(&params.actor).unwrap_or_default(),
        action: trimmed(&params.action).unwrap_or_default(),
        entity_type: trimmed(&params.entity_type).unwrap_or_default(),
        entity_id: trimmed(&params.entity_id).unwrap_or_default(),
        from: trimmed(&params.from).unwrap_or_default(),
        to: trimmed(&params.to).unwrap_or_default(),
        action_options: actions,
        entity_options: entities,
        page,
        per_page: service::PER_PAGE,
        total,
        query_string,
        errors,
    };
    Ok(html(audit_page(&page_ctx(&state, &user.ctx, "/admin/audit"), &view)))
}
