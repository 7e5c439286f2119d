//! The JSON API frame under `/api/v1`: the OpenAPI document and the routes of every area.

use actix_web::{get, web, HttpResponse};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::http::errors::ProblemBody;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Harmoni API",
        description = "Industrial-relations case system of a Dinas Tenaga Kerja. Authenticate with a \
personal API token (`Authorization: Bearer hmn_...`) or a browser session cookie; cookie \
sessions send `X-CSRF-Token` on state-changing requests. Errors are `application/problem+json` \
with a stable `code`.",
    ),
    paths(
        crate::accounts::api::me,
        crate::accounts::api::list_users,
        crate::accounts::api::create_user,
        crate::accounts::api::get_user,
        crate::accounts::api::update_user,
        crate::accounts::api::reset_link,
        crate::accounts::api::list_tokens,
        crate::accounts::api::create_token,
        crate::accounts::api::revoke_token,
        crate::accounts::api::signup_create,
        crate::accounts::api::signup_verify,
        crate::accounts::api::signup_resend,
        crate::audit::api::list,
        crate::calendar::api::holidays,
        crate::calendar::api::deadline,
        crate::calendar::api::rules,
        crate::calendar::api::add_day,
        crate::calendar::api::remove_day,
        crate::calendar::api::import_year,
        crate::calendar::api::confirm_year,
        crate::notifications::api::notices,
        crate::notifications::api::mark_read,
        crate::notifications::api::outbox,
        crate::notifications::api::outbox_message,
        crate::notifications::api::retry,
        crate::notifications::api::cancel,
        crate::companies::api::list,
        crate::companies::api::create,
        crate::companies::api::get_one,
        crate::companies::api::replace,
        crate::companies::api::representatives,
        crate::companies::api::add_representative,
        crate::companies::api::remove_representative,
        crate::companies::api::compliance,
        crate::companies::api::add_bpjs,
        crate::companies::api::add_wage_scale,
        crate::companies::api::add_lks,
        crate::companies::api::register_lks,
        crate::companies::api::add_lks_meeting,
        crate::companies::api::add_lks_report,
        crate::companies::api::upload_document,
        crate::companies::api::create_import,
        crate::companies::api::get_import,
        crate::companies::api::apply_import,
        crate::unions::api::list,
        crate::unions::api::create,
        crate::unions::api::get_one,
        crate::unions::api::replace,
        crate::unions::api::link_company,
        crate::unions::api::company_unions,
        crate::documents::api::download,
        crate::tripartit::api::list_terms,
        crate::tripartit::api::create_term,
        crate::tripartit::api::get_term,
        crate::tripartit::api::list_meetings,
        crate::tripartit::api::create_meeting,
        crate::tripartit::api::get_meeting,
        crate::tripartit::api::upload_minutes,
        crate::tripartit::api::add_recommendation,
        crate::tripartit::api::list_recommendations,
        crate::tripartit::api::change_status,
        crate::cases::api::list_cases,
        crate::cases::api::workbench,
        crate::cases::api::file_case,
        crate::cases::api::get_case,
        crate::cases::api::take_step,
        crate::cases::api::add_bipartite,
        crate::cases::api::reissue_pin,
        crate::cases::api::mediators,
        crate::cases::api::track,
        crate::schedules::api::plan,
        crate::schedules::api::case_hearings,
        crate::schedules::api::get_hearing,
        crate::schedules::api::reschedule,
        crate::schedules::api::cancel,
        crate::schedules::api::outcome,
        crate::schedules::api::hand_over,
        crate::schedules::api::rooms,
        crate::schedules::api::schedule,
        crate::schedules::api::list_feeds,
        crate::schedules::api::create_feed,
        crate::schedules::api::revoke_feed,
        crate::notices::api::list_notices,
        crate::notices::api::create_notice,
        crate::notices::api::get_notice,
        crate::notices::api::add_facilitation,
        crate::notices::api::record_outcome,
        crate::notices::api::open_case,
        crate::notices::api::list_reports,
        crate::notices::api::create_report,
        crate::notices::api::get_report,
        crate::regulations::api::list_submissions,
        crate::regulations::api::queue,
        crate::regulations::api::create_submission,
        crate::regulations::api::get_submission,
        crate::regulations::api::update_details,
        crate::regulations::api::upload_document,
        crate::regulations::api::take_step,
        crate::regulations::api::list_regulations,
        crate::regulations::api::record_external,
        crate::regulations::api::get_regulation,
        crate::regulations::api::extend,
        crate::reports::api::indicator,
        crate::reports::api::missing,
        crate::reports::api::disputes,
        crate::reports::api::monthly,
        crate::letters::api::issue,
        crate::letters::api::list,
        crate::letters::api::download,
        crate::letters::api::verify,
    ),
    components(schemas(ProblemBody)),
    modifiers(&Security),
    security(("bearer" = []), ("session" = [])),
    tags((name = "accounts", description = "Users, roles and personal API tokens"), (name = "audit", description = "The append-only audit trail"), (name = "calendar", description = "Working days, holidays and statutory deadlines"), (name = "notifications", description = "In-app notices and the email outbox"), (name = "companies", description = "The company register and its representatives"), (name = "unions", description = "Trade unions (SP/SB) and where they have members"), (name = "documents", description = "Uploaded documents: minutes, wage scales, letters"), (name = "tripartit", description = "LKS Tripartit Kota: terms, members, meetings and recommendations"), (name = "cases", description = "Dispute cases: complaints, screening, forum, mediation, outcomes, public tracking"), (name = "regulations", description = "Company regulations (PP) ratification and collective agreements (PKB) registration"), (name = "schedules", description = "Clarification and mediation sessions, summonses with delivery evidence, calendar feeds"), (name = "reports", description = "Leadership reports: the decent-work indicator as of any day, disputes, the monthly HI report"), (name = "letters", description = "Official letters as PDF: issue, versions, download, public verification")),
    tags((name = "accounts", description = "Users, roles and personal API tokens"), (name = "audit", description = "The append-only audit trail"), (name = "calendar", description = "Working days, holidays and statutory deadlines"), (name = "notifications", description = "In-app notices and the email outbox"), (name = "companies", description = "The company register and its representatives"), (name = "unions", description = "Trade unions (SP/SB) and where they have members"), (name = "documents", description = "Uploaded documents: minutes, wage scales, letters"), (name = "tripartit", description = "LKS Tripartit Kota: terms, members, meetings and recommendations"), (name = "notices", description = "Strike and lock-out notices with their receipt and facilitation; PHK reports"), (name = "regulations", description = "Company regulations (PP) ratification and collective agreements (PKB) registration"), (name = "schedules", description = "Clarification and mediation sessions, summonses with delivery evidence, calendar feeds"), (name = "reports", description = "Leadership reports: the decent-work indicator as of any day, disputes, the monthly HI report"), (name = "letters", description = "Official letters as PDF: issue, versions, download, public verification")),
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("__Host-harmoni_session"))),
        );
    }
}

#[get("/api/v1/openapi.json")]
async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(ApiDoc::openapi().to_json().unwrap_or_default())
}

/// The `page` query parameter of a list: 1 when absent, a 400 naming it when below 1.
pub fn page_param(page: Option<i64>) -> Result<i64, crate::error::Error> {
    let page = page.unwrap_or(1);
    if page < 1 {
        return Err(crate::error::Error::invalid(
            "invalid_parameter",
            "page",
            "Nomor halaman minimal 1.",
            "Page must be at least 1.",
        ));
    }
    Ok(page)
}

/// A stored UTC time as the API writes it: ISO 8601 with a `Z`.
pub fn utc(t: chrono::NaiveDateTime) -> String {
    t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(openapi_json);
    crate::accounts::api::routes(cfg);
    crate::audit::api::routes(cfg);
    crate::calendar::api::routes(cfg);
    crate::notifications::api::routes(cfg);
    crate::companies::api::routes(cfg);
    crate::unions::api::routes(cfg);
    crate::documents::api::routes(cfg);
    crate::tripartit::api::routes(cfg);
    crate::cases::api::routes(cfg);
    crate::notices::api::routes(cfg);
    crate::schedules::api::routes(cfg);
    crate::regulations::api::routes(cfg);
    crate::reports::api::routes(cfg);
    crate::letters::api::routes(cfg);
}
