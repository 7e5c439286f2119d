//! LKS Tripartit pages: the overview, a term, the term and meeting forms, a meeting with its
//! recommendations, and a recommendation with its follow-up.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use harmoni_templates::components::{FormErrors, Tone};
use harmoni_templates::pages::tripartit::{
    meeting_form_page, meeting_page, recommendation_page, term_form_page, term_page, tripartit_page, AttendeeView,
    DueView, MeetingFormView, MeetingRowView, MeetingView, MemberView, OverviewView, RecRowView, RecommendationView,
    SideView, TermFormView, TermLinkView, TermView,
};
use harmoni_templates::Lang;
use serde::Deserialize;

use crate::documents::web::{form_with_file, required_upload};
use crate::error::Error;
use crate::http::{form_errors, form_field, html, html_status, page_ctx, see_other, SignedIn, State};
use crate::tripartit::model::{MeetingRow, MemberRow, RecommendationRow};
use crate::tripartit::rules::{MeetingDue, RecStatus, Seat, Side};
use crate::tripartit::service::{self, MeetingInput, RecommendationInput, StatusInput, TermDetail, TermInput};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(overview)
        .service(new_term)
        .service(create_term)
        .service(term_detail)
        .service(new_meeting)
        .service(create_meeting)
        .service(meeting_detail)
        .service(upload_minutes)
        .service(add_recommendation)
        .service(recommendation_detail)
        .service(change_status);
}

const NAV: &str = "/tripartit";

fn status_of(code: &str) -> Option<RecStatus> {
    RecStatus::parse(code)
}

pub fn rec_tone(status: Option<RecStatus>) -> Tone {
    match status {
        Some(RecStatus::Diajukan) => Tone::Warn,
        Some(RecStatus::Ditindaklanjuti) | None => Tone::Neutral,
        Some(RecStatus::Selesai) => Tone::Good,
        Some(RecStatus::TidakDitindaklanjuti) => Tone::Bad,
    }
}

fn status_label(l: Lang, code: &str) -> String {
    status_of(code).map(|s| s.label(l).to_string()).unwrap_or_else(|| code.to_string())
}

fn rec_row(l: Lang, r: &RecommendationRow, held_on: NaiveDate) -> RecRowView {
    RecRowView {
        id: r.id.clone(),
        subject: r.subject.clone(),
        meeting_id: r.meeting_id.clone(),
        meeting_date: l.date_long(held_on),
        addressed_to: r.addressed_to.clone(),
        status: status_label(l, &r.status),
        tone: rec_tone(status_of(&r.status)),
        status_on: l.date_long(r.status_on),
    }
}

fn member_detail(l: Lang, m: &MemberRow) -> String {
    let seat = Seat::parse(&m.role).map(|s| s.label(l)).unwrap_or(&m.role);
    let side = Side::parse(&m.side).map(|s| s.label(l)).unwrap_or(&m.side);
    format!("{seat}, {} ({side})", m.organisation)
}

fn days(l: Lang, n: i64) -> String {
    match l {
        Lang::Id => format!("{n} hari"),
        Lang::En if n == 1 => "1 day".into(),
        Lang::En => format!("{n} days"),
    }
}

fn term_view(l: Lang, d: &TermDetail, as_of: NaiveDate) -> TermView {
    let t = &d.term;
    let in_force = t.in_force_on(as_of);
    let remaining = if in_force {
        format!("{} {}", l.t("berlaku, sisa", "in force,"), days(l, (t.ends_on - as_of).num_days()))
            + if l == Lang::En { " left" } else { "" }
    } else if as_of >= t.ends_on {
        l.t("masa bakti telah berakhir", "the term has ended").to_string()
    } else {
        l.t("belum dimulai", "not started yet").to_string()
    };
    let due = d.next_meeting.map(|n| {
        let last = match n.last {
            Some(last) => format!("{} {}.", l.t("Rapat terakhir", "Last meeting"), l.date_long(last)),
            None => l.t("Belum ada rapat dalam periode ini.", "No meeting in this term yet.").to_string(),
        };
        let (tone, badge) = match n.state {
            MeetingDue::Overdue(k) => (Tone::Bad, format!("{} {}", l.t("Terlambat", "Overdue by"), days(l, k))),
            MeetingDue::DueToday => (Tone::Warn, l.t("Jatuh tempo hari ini", "Due today").to_string()),
            MeetingDue::Ahead(k) => (
                if k <= 14 { Tone::Warn } else { Tone::Good },
                match l {
                    Lang::Id => format!("Sisa {}", days(l, k)),
                    Lang::En => format!("{} left", days(l, k)),
                },
            ),
        };
        DueView {
            text: format!(
                "{last} {} {}.",
                l.t("Rapat berikutnya paling lambat", "The next meeting is due by"),
                l.date_long(n.due)
            ),
            tone,
            badge,
        }
    });
    TermView {
        id: t.id.clone(),
        decree_number: t.decree_number.clone(),
        starts: l.date_long(t.starts_on),
        ends: l.date_long(t.ends_on),
        remaining,
        in_force,
        sides: Side::ALL
            .iter()
            .map(|side| SideView {
                title: side.label(l).to_string(),
                members: d
                    .members
                    .iter()
                    .filter(|m| m.side == side.as_str())
                    .map(|m| MemberView {
                        name: m.name.clone(),
                        organisation: m.organisation.clone(),
                        seat: Seat::parse(&m.role).map(|s| s.label(l)).unwrap_or(&m.role).to_string(),
                    })
                    .collect(),
            })
            .collect(),
        member_count: d.members.len(),
        meetings: d
            .meetings
            .iter()
            .map(|m| MeetingRowView {
                id: m.meeting.id.clone(),
                date: l.date_long(m.meeting.held_on),
                agenda: m.meeting.agenda.clone(),
                present: m.present,
                asked: m.asked,
            })
            .collect(),
        recommendations: d.recommendations.iter().map(|(r, m)| rec_row(l, r, m.held_on)).collect(),
        due,
    }
}

#[derive(Debug, Deserialize)]
struct AsOf {
    tanggal: Option<String>,
}

fn as_of(state: &State, q: &AsOf) -> Result<NaiveDate, Error> {
    match crate::http::trimmed(&q.tanggal) {
        Some(t) => crate::calendar::service::parse_date(&t, "tanggal"),
        None => Ok(state.today()),
    }
}

#[get("/tripartit")]
async fn overview(state: State, user: SignedIn, q: web::Query<AsOf>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let day = as_of(&state, &q)?;
    let (actor, settings) = (user.actor.clone(), state.settings.tripartit.clone());
    let o = state.db.run(move |c| service::overview(c, &actor, day, &settings)).await?;
    let current_id = o.current.as_ref().map(|c| c.term.id.clone());
    let view = OverviewView {
        as_of: day.to_string(),
        as_of_long: l.date_long(day),
        current: o.current.as_ref().map(|d| term_view(l, d, day)),
        other_terms: o
            .terms
            .iter()
            .filter(|t| Some(&t.id) != current_id.as_ref())
            .map(|t| TermLinkView {
                id: t.id.clone(),
                decree_number: t.decree_number.clone(),
                period: format!("{} – {}", l.date_long(t.starts_on), l.date_long(t.ends_on)),
            })
            .collect(),
        can_manage: service::can_manage(&user.actor),
    };
    Ok(html(tripartit_page(&page_ctx(&state, &user.ctx, NAV), &view)))
}

#[get("/tripartit/periode/baru")]
async fn new_term(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    if !service::can_manage(&user.actor) {
        return Err(Error::Forbidden);
    }
    let view = TermFormView { term_years: state.settings.tripartit.term_years, ..Default::default() };
    Ok(html(term_form_page(&page_ctx(&state, &user.ctx, NAV), &view)))
}

#[post("/tripartit/periode")]
async fn create_term(state: State, user: SignedIn, form: web::Form<TermInput>) -> Result<HttpResponse, Error> {
    let input = form.into_inner();
    let (actor, settings, today, now, i) =
        (user.actor.clone(), state.settings.tripartit.clone(), state.today(), state.now(), input.clone());
    match state.db.run(move |c| service::create_term(c, &actor, &i, &settings, today, now)).await {
        Ok((term, _)) => Ok(see_other(&format!("/tripartit/periode/{}", term.id))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let values = [
                ("decree_number", &input.decree_number),
                ("starts_on", &input.starts_on),
                ("ends_on", &input.ends_on),
                ("members", &input.members),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
            let view = TermFormView { values, errors, term_years: state.settings.tripartit.term_years };
            Ok(html_status(status, term_form_page(&page_ctx(&state, &user.ctx, NAV), &view)))
        }
    }
}

#[get("/tripartit/periode/{id}")]
async fn term_detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let today = state.today();
    let (actor, settings) = (user.actor.clone(), state.settings.tripartit.clone());
    let d = state.db.run(move |c| service::term(c, &actor, &id, today, &settings)).await?;
    Ok(html(term_page(&page_ctx(&state, &user.ctx, NAV), &term_view(user.ctx.lang, &d, today))))
}

/// The meeting form, with the attendance list of the term in force on `day`.
async fn meeting_form(
    state: &State,
    user: &SignedIn,
    day: NaiveDate,
    values: Vec<(String, String)>,
    present: Vec<String>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let actor = user.actor.clone();
    let found = state.db.run(move |c| service::term_on(c, &actor, day)).await?;
    let (term, attendees) = match found {
        Some((t, members)) => (
            Some((
                t.id.clone(),
                format!(
                    "{} {} ({} – {})",
                    l.t("periode SK", "term of decree"),
                    t.decree_number,
                    l.date_long(t.starts_on),
                    l.date_long(t.ends_on)
                ),
            )),
            members
                .iter()
                .map(|m| AttendeeView {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    detail: member_detail(l, m),
                    checked: present.contains(&m.id),
                })
                .collect(),
        ),
        None => (None, Vec::new()),
    };
    let view = MeetingFormView { values, errors, term, attendees, day_long: l.date_long(day) };
    Ok(html_status(status, meeting_form_page(&page_ctx(state, &user.ctx, NAV), &view)))
}

#[get("/tripartit/rapat/baru")]
async fn new_meeting(state: State, user: SignedIn, q: web::Query<AsOf>) -> Result<HttpResponse, Error> {
    if !service::can_manage(&user.actor) {
        return Err(Error::Forbidden);
    }
    let day = as_of(&state, &q)?;
    let values = vec![("held_on".to_string(), day.to_string())];
    meeting_form(&state, &user, day, values, Vec::new(), FormErrors::default(), StatusCode::OK).await
}

/// Records a meeting from the multipart form (the CSRF token travels in the URL), with the
/// minutes file when one was chosen; a refused file saves nothing and shows the form again.
#[post("/tripartit/rapat")]
async fn create_meeting(
    state: State,
    user: SignedIn,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    // Refused before anything is written to the storage directory.
    if !service::can_manage(&user.actor) {
        return Err(Error::Forbidden);
    }
    let (fields, stored) = form_with_file(&state, payload).await?;
    let input = MeetingInput {
        held_on: form_field(&fields, "held_on"),
        agenda: form_field(&fields, "agenda"),
        minutes_summary: form_field(&fields, "minutes_summary"),
        present: fields.iter().filter(|(k, _)| k == "present").map(|(_, v)| v.clone()).collect(),
        term_id: Some(form_field(&fields, "term_id")).filter(|t| !t.is_empty()),
    };
    let (actor, today, now, i) = (user.actor.clone(), state.today(), state.now(), input.clone());
    let result = match stored {
        Ok(file) => state.db.run(move |c| service::create_meeting(c, &actor, &i, file.as_ref(), today, now)).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(m) => Ok(see_other(&format!("/tripartit/rapat/{}", m.id))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            // Offer the members of the term in force on the day typed, when it can be read.
            let day = crate::calendar::service::parse_date(&input.held_on, "held_on")
                .ok()
                .filter(|d| *d <= today)
                .unwrap_or(today);
            let values =
                [("held_on", &input.held_on), ("agenda", &input.agenda), ("minutes_summary", &input.minutes_summary)]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect();
            meeting_form(&state, &user, day, values, input.present, errors, status).await
        }
    }
}

/// The meeting page; `errors` belong to the recommendation form, `upload_errors` to the
/// minutes upload.
async fn meeting_view(
    state: &State,
    user: &SignedIn,
    id: String,
    values: Vec<(String, String)>,
    errors: FormErrors,
    upload_errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let actor = user.actor.clone();
    let d = state.db.run(move |c| service::meeting(c, &actor, &id)).await?;
    let view = MeetingView {
        id: d.meeting.id.clone(),
        date_long: l.date_long(d.meeting.held_on),
        agenda: d.meeting.agenda.clone(),
        minutes: d.meeting.minutes_summary.clone(),
        minutes_document: d.minutes.as_ref().map(|doc| (doc.filename.clone(), format!("/berkas/{}", doc.id))),
        term_id: d.term.id.clone(),
        term_label: format!(
            "SK {} ({} – {})",
            d.term.decree_number,
            l.date_long(d.term.starts_on),
            l.date_long(d.term.ends_on)
        ),
        attendance: d.attendance.iter().map(|(m, here)| (m.name.clone(), member_detail(l, m), *here)).collect(),
        recommendations: d.recommendations.iter().map(|r| rec_row(l, r, d.meeting.held_on)).collect(),
        can_manage: service::can_manage(&user.actor),
        values,
        errors,
        upload_errors,
    };
    Ok(html_status(status, meeting_page(&page_ctx(state, &user.ctx, NAV), &view)))
}

#[get("/tripartit/rapat/{id}")]
async fn meeting_detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let none = FormErrors::default;
    meeting_view(&state, &user, id.into_inner(), Vec::new(), none(), none(), StatusCode::OK).await
}

/// Uploads the minutes document of a recorded meeting (one `berkas` file, multipart).
#[post("/tripartit/rapat/{id}/notulen")]
async fn upload_minutes(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    // Refused before anything is written to the storage directory.
    if !service::can_manage(&user.actor) {
        return Err(Error::Forbidden);
    }
    let id = id.into_inner();
    let result = match required_upload(&state, payload).await {
        Ok(stored) => {
            let (actor, now, mid) = (user.actor.clone(), state.now(), id.clone());
            state.db.run(move |c| service::attach_minutes(c, &actor, &mid, &stored, now)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/tripartit/rapat/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            meeting_view(&state, &user, id, Vec::new(), FormErrors::default(), errors, status).await
        }
    }
}

#[post("/tripartit/rapat/{id}/rekomendasi")]
async fn add_recommendation(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<RecommendationInput>,
) -> Result<HttpResponse, Error> {
    let (id, input) = (id.into_inner(), form.into_inner());
    let (actor, now, mid, i) = (user.actor.clone(), state.now(), id.clone(), input.clone());
    match state.db.run(move |c| service::add_recommendation(c, &actor, &mid, &i, now)).await {
        Ok(r) => Ok(see_other(&format!("/tripartit/rekomendasi/{}", r.id))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let values = [("subject", &input.subject), ("text", &input.text), ("addressed_to", &input.addressed_to)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
            meeting_view(&state, &user, id, values, errors, FormErrors::default(), status).await
        }
    }
}

async fn recommendation_view(
    state: &State,
    user: &SignedIn,
    id: String,
    values: Option<Vec<(String, String)>>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let actor = user.actor.clone();
    let (r, m): (RecommendationRow, MeetingRow) =
        state.db.run(move |c| service::recommendation(c, &actor, &id)).await?;
    let current = status_of(&r.status);
    let options: Vec<(String, String)> = current
        .map(|s| s.next().iter().map(|n| (n.as_str().to_string(), n.label(l).to_string())).collect())
        .unwrap_or_default();
    let values = values.unwrap_or_else(|| {
        vec![
            ("status".to_string(), options.first().map(|o| o.0.clone()).unwrap_or_default()),
            ("status_on".to_string(), state.today().to_string()),
        ]
    });
    let view = RecommendationView {
        id: r.id.clone(),
        subject: r.subject.clone(),
        text: r.text.clone(),
        addressed_to: r.addressed_to.clone(),
        meeting_id: m.id.clone(),
        meeting_date: l.date_long(m.held_on),
        status: status_label(l, &r.status),
        tone: Some(rec_tone(current)),
        status_on: l.date_long(r.status_on),
        follow_up: r.follow_up.clone(),
        options,
        can_manage: service::can_manage(&user.actor),
        values,
        errors,
    };
    Ok(html_status(status, recommendation_page(&page_ctx(state, &user.ctx, NAV), &view)))
}

#[get("/tripartit/rekomendasi/{id}")]
async fn recommendation_detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    recommendation_view(&state, &user, id.into_inner(), None, FormErrors::default(), StatusCode::OK).await
}

#[post("/tripartit/rekomendasi/{id}/status")]
async fn change_status(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<StatusInput>,
) -> Result<HttpResponse, Error> {
    let (id, input) = (id.into_inner(), form.into_inner());
    let (actor, today, now, rid, i) = (user.actor.clone(), state.today(), state.now(), id.clone(), input.clone());
    match state.db.run(move |c| service::change_status(c, &actor, &rid, &i, today, now)).await {
        Ok(_) => Ok(see_other(&format!("/tripartit/rekomendasi/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let values = [("status", &input.status), ("follow_up", &input.follow_up), ("status_on", &input.status_on)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
            recommendation_view(&state, &user, id, Some(values), errors, status).await
        }
    }
}
