//! Report pages (`/laporan/...`): each report as a page, a printable A4 sheet
//! (`format=cetak`), CSV (`format=csv`) and XLSX (`format=xlsx`), all from one view.

use actix_web::http::{header, StatusCode};
use actix_web::{get, web, HttpResponse};
use chrono::Datelike;
use harmoni_templates::components::FormErrors;
use harmoni_templates::pages::reports::{report_page, report_print_page, ReportForm, ReportView};
use serde::Deserialize;

use crate::accounts::Role;
use crate::documents::rules::attachment_header;
use crate::error::Error;
use crate::http::{form_errors, html, html_status, page_ctx, see_other, trimmed, SignedIn, State};
use crate::reports::rules::{as_of_param, month_param, ReportPeriod};
use crate::reports::service;
use crate::reports::views;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(index).service(indicator).service(missing).service(disputes).service(monthly);
}

#[derive(Debug, Deserialize)]
pub struct ReportQuery {
    pub format: Option<String>,
    /// As-of day of the indicator (YYYY-MM-DD).
    pub per: Option<String>,
    pub periode: Option<String>,
    pub dari: Option<String>,
    pub sampai: Option<String>,
    pub mediator: Option<String>,
    /// YYYY-MM of the monthly report.
    pub bulan: Option<String>,
    pub kriteria: Option<String>,
    pub dimensi: Option<String>,
    pub kunci: Option<String>,
    pub page: Option<i64>,
}

#[get("/laporan")]
async fn index(user: SignedIn) -> Result<HttpResponse, Error> {
    service::reader(&user.actor, true)?;
    Ok(see_other(if user.actor.role == Role::Mediator { "/laporan/sengketa" } else { "/laporan/tata-kelola" }))
}

/// Answers a view in the format asked for.
fn respond(
    state: &State,
    user: &SignedIn,
    mut v: ReportView,
    format: Option<&str>,
    file: &str,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    match format {
        Some("csv") => Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((header::CONTENT_DISPOSITION, attachment_header(&format!("{file}.csv"))))
            .body(crate::reports::export::csv(&v))),
        Some("xlsx") => Ok(HttpResponse::Ok()
            .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .insert_header((header::CONTENT_DISPOSITION, attachment_header(&format!("{file}.xlsx"))))
            .body(crate::reports::export::xlsx(&v)?)),
        Some("cetak") => {
            let office = page_ctx(state, &user.ctx, &v.path).office_name;
            Ok(html(report_print_page(l, &office, &l.datetime_long(state.now()), &v)))
        }
        None | Some("") | Some("html") => {
            v.tabs = views::tabs(l, &v.path, user.actor.role == Role::Mediator);
            let p = page_ctx(state, &user.ctx, "/laporan");
            Ok(html(report_page(&p, &v)))
        }
        Some(_) => Err(Error::invalid(
            "invalid_format",
            "format",
            "Format tidak dikenali: csv, xlsx atau cetak.",
            "Unknown format: csv, xlsx or cetak.",
        )),
    }
}

/// A report's form with the problem beside it, nothing else (400 or 404).
fn refused(state: &State, user: &SignedIn, e: Error, path: &str, form: ReportForm) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let (status, errors): (StatusCode, FormErrors) = form_errors(e, l)?;
    let v = ReportView {
        title: l.t("Laporan", "Report").into(),
        subtitle: String::new(),
        path: path.into(),
        query: String::new(),
        form,
        errors,
        figures: Vec::new(),
        charts: Vec::new(),
        tables: Vec::new(),
        notes: Vec::new(),
        tabs: views::tabs(l, path, user.actor.role == Role::Mediator),
        pager: None,
    };
    Ok(html_status(status, report_page(&page_ctx(state, &user.ctx, "/laporan"), &v)))
}

#[get("/laporan/tata-kelola")]
async fn indicator(state: State, user: SignedIn, q: web::Query<ReportQuery>) -> Result<HttpResponse, Error> {
    service::reader(&user.actor, false)?;
    let as_of = match as_of_param(&q.per, state.today()) {
        Ok(d) => d,
        Err(e) => {
            return refused(
                &state,
                &user,
                e,
                "/laporan/tata-kelola",
                ReportForm::AsOf { value: q.per.clone().unwrap_or_default() },
            )
        }
    };
    let (actor, settings, today) = (user.actor.clone(), state.settings.clone(), state.today());
    let i = state.db.run(move |c| service::indicator(c, &actor, &settings, as_of, today)).await?;
    let v = views::indicator_view(user.ctx.lang, &state.settings.regions, &i);
    respond(&state, &user, v, q.format.as_deref(), &format!("tata-kelola-kerja-layak-{as_of}"))
}

/// Companies a page of the drill-down shows, and the most a download holds.
const PER_PAGE: i64 = 50;
const EXPORT_LIMIT: i64 = 100_000;

#[get("/laporan/tata-kelola/belum-memenuhi")]
async fn missing(state: State, user: SignedIn, q: web::Query<ReportQuery>) -> Result<HttpResponse, Error> {
    service::reader(&user.actor, false)?;
    let l = user.ctx.lang;
    let as_of = as_of_param(&q.per, state.today())?;
    let criterion = trimmed(&q.kriteria).unwrap_or_else(|| "all".into());
    let cell = match (trimmed(&q.dimensi), q.kunci.clone()) {
        (Some(d), Some(k)) => Some((d, k)),
        _ => None,
    };
    let page = crate::api::page_param(q.page)?;
    // A download is the whole call list; the page shows 50 at a time.
    let export = matches!(q.format.as_deref(), Some("csv" | "xlsx"));
    let (offset, limit) = if export { (0, EXPORT_LIMIT) } else { ((page - 1) * PER_PAGE, PER_PAGE) };
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let (crit, c2) = (criterion.clone(), cell.clone());
    let (rows, total) = state
        .db
        .run(move |c| {
            let cell = c2.as_ref().map(|(d, k)| (d.as_str(), k.as_str()));
            service::missing(c, &actor, &settings, as_of, &crit, cell, offset, limit)
        })
        .await?;
    let cell = cell.as_ref().map(|(d, k)| (d.as_str(), k.as_str()));
    let v = views::missing_view(l, &state.settings.regions, as_of, &criterion, cell, &rows, (page, PER_PAGE, total));
    respond(&state, &user, v, q.format.as_deref(), &format!("belum-memenuhi-{criterion}-{as_of}"))
}

#[get("/laporan/sengketa")]
async fn disputes(state: State, user: SignedIn, q: web::Query<ReportQuery>) -> Result<HttpResponse, Error> {
    service::reader(&user.actor, true)?;
    let form = ReportForm::Period {
        periode: q.periode.clone().unwrap_or_default(),
        dari: q.dari.clone().unwrap_or_default(),
        sampai: q.sampai.clone().unwrap_or_default(),
    };
    let period = match ReportPeriod::parse(q.periode.as_deref(), q.dari.as_deref(), q.sampai.as_deref(), state.today())
    {
        Ok(p) => p,
        Err(p) => return refused(&state, &user, Error::Invalid(p), "/laporan/sengketa", form),
    };
    let (actor, settings, today, p2) = (user.actor.clone(), state.settings.clone(), state.today(), period.clone());
    let mediator = trimmed(&q.mediator);
    let d = state.db.run(move |c| service::disputes(c, &actor, &settings, &p2, mediator.as_deref(), today)).await?;
    let name = match &d.mediator_id {
        Some(id) => {
            let (office, id) = (user.actor.office_id.clone(), id.clone());
            state
                .db
                .run(move |c| {
                    Ok(crate::cases::model::mediators(c, &office)?.into_iter().find(|(m, _)| *m == id).map(|(_, n)| n))
                })
                .await?
        }
        None => None,
    };
    let mut v = views::disputes_view(user.ctx.lang, &d, name.as_deref());
    v.form = form;
    v.query = serde_urlencoded::to_string([
        ("periode", q.periode.clone().unwrap_or_default()),
        ("dari", q.dari.clone().unwrap_or_default()),
        ("sampai", q.sampai.clone().unwrap_or_default()),
        ("mediator", q.mediator.clone().unwrap_or_default()),
    ])
    .unwrap_or_default();
    respond(&state, &user, v, q.format.as_deref(), &format!("perselisihan-{}-{}", period.from, period.to))
}

#[get("/laporan/bulanan")]
async fn monthly(state: State, user: SignedIn, q: web::Query<ReportQuery>) -> Result<HttpResponse, Error> {
    service::reader(&user.actor, false)?;
    let today = state.today();
    let parsed = match trimmed(&q.bulan) {
        None => {
            // The default is the last full month: the report a desk sends at the start of a month.
            let first = today.with_day(1).unwrap_or(today);
            let last = first.pred_opt().unwrap_or(first);
            Ok((last.year(), last.month()))
        }
        Some(s) => month_param(&s),
    };
    let (year, month) = match parsed {
        Ok(ym) => ym,
        Err(e) => {
            return refused(
                &state,
                &user,
                e,
                "/laporan/bulanan",
                ReportForm::Month { value: q.bulan.clone().unwrap_or_default() },
            )
        }
    };
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let m = state.db.run(move |c| service::monthly(c, &actor, &settings, year, month)).await?;
    let v = views::monthly_view(user.ctx.lang, &m);
    respond(&state, &user, v, q.format.as_deref(), &format!("laporan-bulanan-hi-{year:04}-{month:02}"))
}
