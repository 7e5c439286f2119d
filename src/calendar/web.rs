//! Calendar pages: the public "Kalender Hari Kerja" with its calculator, and the administrators' page.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::{Datelike, Duration, NaiveDate};
use harmoni_templates::components::{DeadlineState, FormErrors, Tone};
use harmoni_templates::pages::calendar::{
    admin_calendar_page, calendar_page, AdminCalendarView, CalcResult, CalendarPageView, CellKind, DayCell, HolidayRow,
    MonthView, YearRowView,
};
use harmoni_templates::Lang;
use serde::Deserialize;

use crate::accounts::Role;
use crate::calendar::data::Unit;
use crate::calendar::rules::{
    self, Calendar, CalendarWarning, DayKind, DeadlineStatus, Direction, SkipReason, YearStatus,
};
use crate::calendar::service::{self, DayInput, Deadline, DeadlineRequest};
use crate::error::Error;
use crate::http::{form_errors, html, html_status, page_ctx, see_other, trimmed, RequestCtx, SignedIn, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(public_calendar)
        .service(admin_calendar)
        .service(admin_add_day)
        .service(admin_remove_day)
        .service(admin_import)
        .service(admin_confirm);
}

pub fn cell_kind(kind: DayKind) -> CellKind {
    match kind {
        DayKind::LiburNasional => CellKind::Holiday,
        DayKind::CutiBersama => CellKind::CutiBersama,
        DayKind::PenutupanKantor => CellKind::Closure,
    }
}

fn months(calendar: &Calendar, year: i32, today: NaiveDate, l: Lang) -> Vec<MonthView> {
    (1..=12)
        .filter_map(|m| {
            let first = NaiveDate::from_ymd_opt(year, m, 1)?;
            let mut weeks = Vec::new();
            let mut week: [Option<DayCell>; 7] = Default::default();
            let mut date = first;
            while date.month() == m {
                let col = date.weekday().num_days_from_monday() as usize;
                let (kind, name) = match calendar.non_working_reason(date) {
                    None => (CellKind::Working, None),
                    Some(SkipReason::Weekend(_)) => match calendar.listed(date) {
                        Some(h) => (cell_kind(h.kind), Some(name_of(h, l))),
                        None => (CellKind::Weekend, None),
                    },
                    Some(SkipReason::Listed(h)) => (cell_kind(h.kind), Some(name_of(&h, l))),
                };
                week[col] = Some(DayCell { day: date.day(), kind, name, today: date == today });
                if col == 6 {
                    weeks.push(std::mem::take(&mut week));
                }
                date += Duration::days(1);
            }
            if week.iter().any(Option::is_some) {
                weeks.push(week);
            }
            Some(MonthView { name: l.month(m).to_string(), weeks })
        })
        .collect()
}

fn name_of(h: &rules::Holiday, l: Lang) -> String {
    l.t(&h.name_id, &h.name_en).to_string()
}

pub fn holiday_rows(calendar: &Calendar, year: i32, l: Lang) -> Vec<HolidayRow> {
    calendar
        .holidays_in(year)
        .into_iter()
        .map(|h| HolidayRow {
            iso: h.date.to_string(),
            date: l.date_long(h.date),
            name: name_of(h, l),
            kind: cell_kind(h.kind),
        })
        .collect()
}

/// The warning text for a calendar the computation could not fully rely on.
pub fn warning_text(w: CalendarWarning, l: Lang) -> String {
    match (w, l) {
        (CalendarWarning::YearNotLoaded(y), Lang::Id) => format!("Kalender tahun {y} belum dimuat: hanya Sabtu dan Minggu yang dilewati; hari libur tahun itu belum diperhitungkan."),
        (CalendarWarning::YearNotLoaded(y), Lang::En) => format!("The calendar for {y} is not loaded: only Saturdays and Sundays were skipped; that year's holidays are not taken into account."),
        (CalendarWarning::YearProvisional(y), Lang::Id) => format!("Kalender tahun {y} masih sementara (menunggu SKB 3 Menteri); tenggat dapat bergeser."),
        (CalendarWarning::YearProvisional(y), Lang::En) => format!("The calendar for {y} is provisional (awaiting the joint ministerial decree); the deadline may move."),
    }
}

pub fn skip_text(reason: &SkipReason, date: NaiveDate, l: Lang) -> String {
    match reason {
        SkipReason::Weekend(_) => format!("{} ({})", l.weekday(date), l.t("akhir pekan", "weekend")),
        SkipReason::Listed(h) => format!("{} ({})", name_of(h, l), cell_kind(h.kind).label(l)),
    }
}

pub fn state_of(status: DeadlineStatus) -> DeadlineState {
    match status {
        DeadlineStatus::Ahead(n) => DeadlineState::Ahead(n),
        DeadlineStatus::DueToday => DeadlineState::DueToday,
        DeadlineStatus::Overdue(n) => DeadlineState::Overdue(n),
    }
}

fn result_view(d: &Deadline, calendar: &Calendar, today: NaiveDate, l: Lang) -> CalcResult {
    let c = &d.computation;
    let title = match &d.rule {
        Some(rule) => l.t(&rule.label_id, &rule.label_en).to_string(),
        None => format!("{} {}", c.working_days, l.t("hari kerja", "working days")),
    };
    CalcResult {
        title,
        legal_basis: d.rule.as_ref().map(|r| r.legal_basis.clone()),
        missed: d.rule.as_ref().map(|r| l.t(&r.missed_id, &r.missed_en).to_string()),
        start: l.date_long(c.start),
        due: l.date_long(c.due),
        due_iso: c.due.to_string(),
        days: c.working_days,
        calendar_days: d.rule.as_ref().is_some_and(|r| r.unit == Unit::CalendarDays),
        before: c.direction == Direction::Before,
        skipped: c.skipped.iter().map(|s| (l.date_long(s.date), skip_text(&s.reason, s.date, l))).collect(),
        warnings: c.warnings.iter().map(|w| warning_text(*w, l)).collect(),
        status: state_of(rules::deadline_status(calendar, today, c.due)),
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct CalendarQuery {
    pub year: Option<String>,
    pub from: Option<String>,
    pub rule: Option<String>,
    pub working_days: Option<String>,
}

/// Reads the calculator's parameters; shared by the page and the API so both check alike.
pub fn deadline_request(
    from: &Option<String>,
    rule: &Option<String>,
    working_days: &Option<String>,
) -> Result<(NaiveDate, DeadlineRequest), Error> {
    let from = trimmed(from).ok_or_else(|| {
        Error::invalid("from_required", "from", "Isi tanggal mulai (TTTT-BB-HH).", "Give the start date (YYYY-MM-DD).")
    })?;
    let from = service::parse_date(&from, "from")?;
    let request = match (trimmed(rule), trimmed(working_days)) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid(
                "rule_or_working_days",
                "working_days",
                "Pilih aturan tenggat atau isi jumlah hari kerja, tidak keduanya.",
                "Give a rule or a number of working days, not both.",
            ))
        }
        (Some(code), None) => DeadlineRequest::Rule(code),
        (None, Some(n)) => DeadlineRequest::WorkingDays(n.parse::<i64>().map_err(|_| {
            Error::invalid(
                "invalid_working_days",
                "working_days",
                "Jumlah hari kerja harus bilangan bulat 0 sampai 1000.",
                "The number of working days must be a whole number from 0 to 1000.",
            )
        })?),
        (None, None) => {
            return Err(Error::invalid(
                "rule_or_working_days",
                "rule",
                "Pilih aturan tenggat atau isi jumlah hari kerja.",
                "Choose a deadline rule or give a number of working days.",
            ))
        }
    };
    Ok((from, request))
}

/// The office whose calendar a request sees: the user's own, or the default one for visitors.
pub fn office_of(state: &State, ctx: &RequestCtx) -> String {
    ctx.actor().map(|a| a.office_id.clone()).unwrap_or_else(|| state.default_office_id.clone())
}

fn year_note(calendar: &Calendar, year: i32, l: Lang) -> Option<(Tone, String)> {
    match calendar.year_status(year) {
        Some(YearStatus::Confirmed) => Some((
            Tone::Good,
            l.t("Kalender final (sesuai SKB 3 Menteri)", "Confirmed calendar (joint ministerial decree)").to_string(),
        )),
        Some(YearStatus::Provisional) => Some((Tone::Warn, warning_text(CalendarWarning::YearProvisional(year), l))),
        None => Some((Tone::Bad, warning_text(CalendarWarning::YearNotLoaded(year), l))),
    }
}

#[get("/kalender")]
async fn public_calendar(state: State, ctx: RequestCtx, q: web::Query<CalendarQuery>) -> Result<HttpResponse, Error> {
    let l = ctx.lang;
    let today = state.today();
    let year = trimmed(&q.year)
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|y| crate::calendar::data::YEARS.contains(y))
        .unwrap_or(today.year());
    let office_id = office_of(&state, &ctx);
    let oid = office_id.clone();
    let calendar = state.db.run(move |c| service::load(c, &oid)).await?;
    let mut view = CalendarPageView {
        year,
        office_name: state.office(&office_id).map(|o| o.name.clone()).unwrap_or_default(),
        year_note: year_note(&calendar, year, l),
        months: months(&calendar, year, today, l),
        holidays: holiday_rows(&calendar, year, l),
        rules: state
            .settings
            .deadline_rules
            .values()
            .map(|r| {
                (
                    r.code.clone(),
                    format!("{} ({} {})", l.t(&r.label_id, &r.label_en), r.days, l.t("hari kerja", "working days")),
                )
            })
            .collect(),
        from: trimmed(&q.from).unwrap_or_else(|| today.to_string()),
        rule: trimmed(&q.rule).unwrap_or_default(),
        working_days: trimmed(&q.working_days).unwrap_or_default(),
        ..Default::default()
    };
    let mut status = StatusCode::OK;
    if q.from.is_some() || q.rule.is_some() || q.working_days.is_some() {
        match deadline_request(&q.from, &q.rule, &q.working_days)
            .and_then(|(from, req)| service::compute(&calendar, &state.settings.deadline_rules, from, &req))
        {
            Ok(deadline) => view.result = Some(result_view(&deadline, &calendar, today, l)),
            Err(Error::Invalid(p)) => {
                status = StatusCode::BAD_REQUEST;
                view.errors = FormErrors::one(p.field.unwrap_or(""), p.message.get(l));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(html_status(status, calendar_page(&page_ctx(&state, &ctx, "/kalender"), &view)))
}

#[derive(Debug, Deserialize)]
struct YearQuery {
    year: Option<String>,
}

async fn admin_view(
    state: &State,
    user: &SignedIn,
    year: Option<i32>,
    mut view: AdminCalendarView,
) -> Result<AdminCalendarView, Error> {
    let l = user.ctx.lang;
    let office_id = user.actor.office_id.clone();
    let (calendar, years) =
        state.db.run(move |c| Ok((service::load(c, &office_id)?, service::years(c, &office_id)?))).await?;
    let year = year.unwrap_or_else(|| state.today().year());
    view.year = year;
    view.years = years
        .into_iter()
        .map(|y| YearRowView {
            year: y.year,
            confirmed: y.status == "confirmed",
            source: y.source,
            days: calendar.holidays_in(y.year).len(),
        })
        .collect();
    view.days = holiday_rows(&calendar, year, l);
    if view.kind.is_empty() {
        view.kind = DayKind::PenutupanKantor.as_str().into();
    }
    Ok(view)
}

#[get("/admin/kalender")]
async fn admin_calendar(state: State, user: SignedIn, q: web::Query<YearQuery>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let year = trimmed(&q.year).and_then(|y| y.parse().ok());
    let view = admin_view(&state, &user, year, AdminCalendarView::default()).await?;
    Ok(html(admin_calendar_page(&page_ctx(&state, &user.ctx, "/admin/kalender"), &view)))
}

#[derive(Debug, Deserialize)]
struct DayForm {
    date: String,
    kind: String,
    name_id: String,
    #[serde(default)]
    name_en: String,
}

#[post("/admin/kalender/hari")]
async fn admin_add_day(state: State, user: SignedIn, form: web::Form<DayForm>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let form = form.into_inner();
    let input = DayInput {
        date: form.date.clone(),
        kind: form.kind.clone(),
        name_id: form.name_id.clone(),
        name_en: form.name_en.clone(),
    };
    let actor = user.actor.clone();
    let now = state.now();
    match state.db.run(move |c| service::add_day(c, &actor, &input, now)).await {
        Ok(row) => Ok(see_other(&format!("/admin/kalender?year={}", row.day.year()))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let year = NaiveDate::parse_from_str(&form.date, "%Y-%m-%d").ok().map(|d| d.year());
            let view = AdminCalendarView {
                date: form.date,
                kind: form.kind,
                name_id: form.name_id,
                name_en: form.name_en,
                errors,
                ..Default::default()
            };
            let view = admin_view(&state, &user, year, view).await?;
            Ok(html_status(status, admin_calendar_page(&page_ctx(&state, &user.ctx, "/admin/kalender"), &view)))
        }
    }
}

#[post("/admin/kalender/hari/{date}/hapus")]
async fn admin_remove_day(state: State, user: SignedIn, date: web::Path<String>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let date = service::parse_date(&date, "date").map_err(|_| Error::NotFound)?;
    let actor = user.actor.clone();
    let now = state.now();
    state.db.run(move |c| service::remove_day(c, &actor, date, now)).await?;
    Ok(see_other(&format!("/admin/kalender?year={}", date.year())))
}

#[derive(Debug, Deserialize)]
struct ImportForm {
    content: String,
}

#[post("/admin/kalender/impor")]
async fn admin_import(state: State, user: SignedIn, form: web::Form<ImportForm>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let text = form.into_inner().content;
    let actor = user.actor.clone();
    let now = state.now();
    let t = text.clone();
    match state.db.run(move |c| service::import_year(c, &actor, &t, now)).await {
        Ok(file) => Ok(see_other(&format!("/admin/kalender?year={}", file.year))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let view =
                admin_view(&state, &user, None, AdminCalendarView { import_text: text, errors, ..Default::default() })
                    .await?;
            Ok(html_status(status, admin_calendar_page(&page_ctx(&state, &user.ctx, "/admin/kalender"), &view)))
        }
    }
}

#[post("/admin/kalender/tahun/{year}/final")]
async fn admin_confirm(state: State, user: SignedIn, year: web::Path<i32>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin])?;
    let year = year.into_inner();
    let actor = user.actor.clone();
    let now = state.now();
    state.db.run(move |c| service::confirm_year(c, &actor, year, now)).await?;
    Ok(see_other(&format!("/admin/kalender?year={year}")))
}
