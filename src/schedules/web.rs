//! Session pages: plan and move a session, the session page with its summonses, the printable
//! summons, the office schedule (day, week), the head's load view, calendar feeds and the
//! public feed URL itself.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::{Datelike, Duration, NaiveDate};
use harmoni_templates::components::{FormErrors, Tone};
use harmoni_templates::pages::regulations::{letter_page, LetterView};
use harmoni_templates::pages::schedules::{
    feeds_page, hearing_page, load_page, plan_form_page, schedule_page, FeedsView, HearingView, LoadPageView,
    PlanFormView, ScheduleRowView, ScheduleView, SummonsRowView,
};
use harmoni_templates::Lang;
use serde::Deserialize;

use crate::accounts::Role;
use crate::calendar::local::{local_input, local_time};
use crate::cases::rules::Side;
use crate::documents::web::form_with_file;
use crate::error::Error;
use crate::http::{form_errors, form_field, html, html_status, page_ctx, see_other, SignedIn, State};
use crate::schedules::model::HearingRow;
use crate::schedules::rules::{when_text, HearingKind, HearingStatus, Slot};
use crate::schedules::service::{self, HandOverInput, OutcomeInput, PlanInput, PlanOutcome};

pub fn routes(cfg: &mut web::ServiceConfig) {
    // Fixed paths before `/jadwal/{id}`.
    cfg.service(day_view)
        .service(week_view)
        .service(load_view)
        .service(feeds_view)
        .service(create_feed)
        .service(revoke_feed)
        .service(feed)
        .service(plan_form)
        .service(plan)
        .service(detail)
        .service(reschedule_form)
        .service(reschedule)
        .service(cancel)
        .service(outcome)
        .service(summons_letter)
        .service(hand_over);
}

fn status_tone(status: &str) -> Tone {
    match HearingStatus::parse(status) {
        Some(HearingStatus::Selesai) => Tone::Good,
        Some(HearingStatus::Dibatalkan) => Tone::Bad,
        _ => Tone::Neutral,
    }
}

fn kind_label(kind: &str, l: Lang) -> String {
    HearingKind::parse(kind).map_or_else(|| kind.to_string(), |k| k.label(l).to_string())
}

fn status_label(status: &str, l: Lang) -> String {
    HearingStatus::parse(status).map_or_else(|| status.to_string(), |s| s.label(l).to_string())
}

/// The sessions of a case as its page lists them; parties get date, time and place only.
pub fn case_lines(
    state: &State,
    office_id: &str,
    rows: &[HearingRow],
    l: Lang,
) -> Vec<(String, String, String, Option<String>)> {
    let office = state.office(office_id);
    let (code, address) = office.map(|o| (o.code.clone(), o.address.clone())).unwrap_or_default();
    rows.iter()
        .map(|h| {
            (
                when_text(h.starts_at, h.ends_at, l),
                service::place_text(&state.settings, &code, &address, h, l),
                format!("{} · {}", kind_label(&h.kind, l), status_label(&h.status, l)),
                Some(format!("/jadwal/{}", h.id)),
            )
        })
        .collect()
}

/// Upcoming sessions as public tracking states them: when, and the room (never the link).
pub fn public_lines(state: &State, office_id: &str, rows: &[HearingRow], l: Lang) -> Vec<String> {
    let office = state.office(office_id);
    let (code, address) = office.map(|o| (o.code.clone(), o.address.clone())).unwrap_or_default();
    rows.iter()
        .map(|h| {
            let place = service::public_place_text(&state.settings, &code, &address, h, l);
            format!("{} · {place}", when_text(h.starts_at, h.ends_at, l))
        })
        .collect()
}

fn plan_values(input: &PlanInput) -> Vec<(String, String)> {
    let b = |v: bool| if v { "true" } else { "" }.to_string();
    vec![
        ("kind".into(), input.kind.clone()),
        ("date".into(), input.date.clone()),
        ("start_time".into(), input.start_time.clone()),
        ("end_time".into(), input.end_time.clone()),
        ("room".into(), input.room.clone()),
        ("online_url".into(), input.online_url.clone()),
        ("summon_worker".into(), b(input.summon_worker)),
        ("summon_company".into(), b(input.summon_company)),
        ("agenda".into(), input.agenda.clone()),
        ("reason".into(), input.reason.clone()),
    ]
}

fn plan_input(fields: &[(String, String)]) -> PlanInput {
    let on = |k: &str| matches!(form_field(fields, k).as_str(), "true" | "on" | "1");
    PlanInput {
        kind: form_field(fields, "kind"),
        date: form_field(fields, "date"),
        start_time: form_field(fields, "start_time"),
        end_time: form_field(fields, "end_time"),
        room: form_field(fields, "room"),
        online_url: form_field(fields, "online_url"),
        summon_worker: on("summon_worker"),
        summon_company: on("summon_company"),
        agenda: form_field(fields, "agenda"),
        reason: form_field(fields, "reason"),
    }
}

struct FormState {
    action: String,
    back_href: String,
    rescheduling: bool,
    values: Vec<(String, String)>,
    warnings: Vec<String>,
    errors: FormErrors,
    status: StatusCode,
}

impl FormState {
    /// The plan form of a case, or the reschedule form of a session, with these values.
    fn new(rescheduling: bool, id: &str, values: Vec<(String, String)>) -> FormState {
        let (action, back_href) = if rescheduling {
            (format!("/jadwal/{id}/ubah"), format!("/jadwal/{id}"))
        } else {
            (format!("/kasus/{id}/jadwal"), format!("/kasus/{id}"))
        };
        FormState {
            action,
            back_href,
            rescheduling,
            values,
            warnings: Vec::new(),
            errors: FormErrors::default(),
            status: StatusCode::OK,
        }
    }
}

/// After planning or moving: to the session page, or back to the form with its warnings to
/// confirm or its errors.
async fn after_plan(
    state: &State,
    user: &SignedIn,
    case_id: String,
    mut f: FormState,
    result: Result<PlanOutcome, Error>,
) -> Result<HttpResponse, Error> {
    match result {
        Ok(PlanOutcome::Saved(h, _)) => return Ok(see_other(&format!("/jadwal/{}", h.id))),
        Ok(PlanOutcome::NeedsConfirmation(w)) => {
            let min = state.settings.schedules.min_notice_working_days;
            f.warnings = w.items(user.ctx.lang, min).into_iter().map(|i| i.message).collect();
        }
        Err(e) => (f.status, f.errors) = form_errors(e, user.ctx.lang)?,
    }
    render_form(state, user, case_id, f).await
}

/// After a step on a session: back to its page, with the problem shown when refused.
async fn after_step<T>(
    state: &State,
    user: &SignedIn,
    id: String,
    result: Result<T, Error>,
) -> Result<HttpResponse, Error> {
    match result {
        Ok(_) => Ok(see_other(&format!("/jadwal/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            render_hearing(state, user, id, errors, status).await
        }
    }
}

/// The plan (or reschedule) form of a case's session.
async fn render_form(state: &State, user: &SignedIn, case_id: String, f: FormState) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let cid = case_id.clone();
    let (case, parties, first) = state
        .db
        .run(move |c| {
            let d = crate::cases::service::detail(c, &settings, &actor, &cid, today, now)?;
            // Only the case's mediator plans and moves its sessions.
            if actor.role != Role::Mediator || d.case.mediator_id.as_deref() != Some(actor.user_id.as_str()) {
                return Err(Error::Forbidden);
            }
            let parties = service::parties_text(c, &d.case)?;
            let first = d.deadlines.iter().find(|x| x.rule.code == "sidang_mediasi_pertama").cloned();
            Ok((d.case, parties, first))
        })
        .await?;
    let l = user.ctx.lang;
    let office_code = state.office(&case.office_id).map(|o| o.code.clone()).unwrap_or_default();
    let mut rooms =
        vec![(String::new(), l.t("— daring saja (tanpa ruangan) —", "— online only (no room) —").to_string())];
    rooms.extend(service::rooms(&state.settings, &office_code).iter().map(|r| (r.code.clone(), r.name.clone())));
    let s = &state.settings.schedules;
    let view = PlanFormView {
        action: f.action,
        back_href: f.back_href,
        case_label: case.case_number.clone().unwrap_or_else(|| case.reference.clone()),
        parties,
        rescheduling: f.rescheduling,
        kinds: HearingKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label(l).to_string())).collect(),
        rooms,
        values: f.values,
        hours_hint: match l {
            Lang::Id => format!(
                "Hari kerja kantor, {}–{} WIB, paling lama {} menit. Panggilan yang patut sampai paling lambat {} hari kerja sebelum sidang.",
                s.office_opens, s.office_closes, s.max_session_minutes, s.min_notice_working_days
            ),
            Lang::En => format!(
                "Office working days, {}–{} WIB, at most {} minutes. A proper summons reaches the party at least {} working days before.",
                s.office_opens, s.office_closes, s.max_session_minutes, s.min_notice_working_days
            ),
        },
        first_session_hint: first.map(|d| match l {
            Lang::Id => format!(
                "Sidang mediasi pertama paling lambat {} ({} hari kerja sejak pelimpahan {}, {}).",
                l.date_long(d.computation.due),
                d.computation.working_days,
                d.computation.start,
                d.rule.legal_basis
            ),
            Lang::En => format!(
                "The first mediation session is due by {} ({} working days from delegation on {}, {}).",
                l.date_long(d.computation.due),
                d.computation.working_days,
                d.computation.start,
                d.rule.legal_basis
            ),
        }),
        warnings: f.warnings,
        errors: f.errors,
    };
    Ok(html_status(f.status, plan_form_page(&page_ctx(state, &user.ctx, "/kasus"), &view)))
}

#[get("/kasus/{id}/jadwal/baru")]
async fn plan_form(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let values = plan_values(&PlanInput {
        kind: "mediasi".into(),
        start_time: "09:00".into(),
        end_time: "11:00".into(),
        summon_worker: true,
        summon_company: true,
        ..Default::default()
    });
    let f = FormState::new(false, &id, values);
    render_form(&state, &user, id, f).await
}

/// Saves the plan; a plan with warnings comes back to be confirmed.
#[post("/kasus/{id}/jadwal")]
async fn plan(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let fields = form.into_inner();
    let input = plan_input(&fields);
    let confirmed = form_field(&fields, "confirm") == "true";
    let (actor, settings, today, now, cid, i) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone(), input.clone());
    let result = state.db.run(move |c| service::plan(c, &settings, &actor, &cid, &i, confirmed, today, now)).await;
    let f = FormState::new(false, &id, plan_values(&input));
    after_plan(&state, &user, id, f, result).await
}

async fn render_hearing(
    state: &State,
    user: &SignedIn,
    id: String,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, Error> {
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let d = state.db.run(move |c| service::detail(c, &settings, &actor, &id)).await?;
    let l = user.ctx.lang;
    let h = &d.hearing;
    let case_label = d.case.case_number.clone().unwrap_or_else(|| d.case.reference.clone());
    let mut facts = vec![
        (l.t("Perkara", "Case").to_string(), case_label.clone()),
        (l.t("Para pihak", "Parties").to_string(), d.parties.clone()),
        (l.t("Waktu", "Time").to_string(), when_text(h.starts_at, h.ends_at, l)),
        (l.t("Tempat", "Place").to_string(), d.place.clone()),
        ("Mediator".to_string(), d.mediator_name.clone()),
        (l.t("Acara", "Agenda").to_string(), h.agenda.clone()),
    ];
    if let Some(r) = &h.cancel_reason {
        facts.push((l.t("Alasan pembatalan", "Reason for cancelling").into(), r.clone()));
    }
    if h.status == HearingStatus::Selesai.as_str() {
        let p = |b: Option<bool>| if b == Some(true) { l.t("hadir", "present") } else { l.t("tidak hadir", "absent") };
        facts.push((
            l.t("Kehadiran", "Attendance").into(),
            format!(
                "{} {}, {} {}",
                l.t("pekerja", "workers"),
                p(h.worker_present),
                l.t("pengusaha", "employer"),
                p(h.company_present)
            ),
        ));
        facts.push((l.t("Risalah", "Minutes").into(), h.minutes.clone().unwrap_or_default()));
    }
    let summons = d
        .summons
        .iter()
        .map(|s| {
            let r = &s.row;
            let mut evidence: Vec<String> = s
                .emails
                .iter()
                .map(|e| match (e.status.as_str(), l) {
                    ("sent", Lang::Id) => {
                        format!("Email ke {} terkirim {}", e.to, e.sent_on.map(|d| d.to_string()).unwrap_or_default())
                    }
                    ("sent", Lang::En) => {
                        format!("Email to {} sent {}", e.to, e.sent_on.map(|d| d.to_string()).unwrap_or_default())
                    }
                    ("failed", Lang::Id) => {
                        format!("Email ke {} gagal (ditolak): {}", e.to, e.last_error.clone().unwrap_or_default())
                    }
                    ("failed", Lang::En) => {
                        format!("Email to {} failed (bounced): {}", e.to, e.last_error.clone().unwrap_or_default())
                    }
                    (_, Lang::Id) => format!("Email ke {} dalam antrean", e.to),
                    (_, Lang::En) => format!("Email to {} queued", e.to),
                })
                .collect();
            if let Some(at) = r.opened_at {
                evidence.push(format!(
                    "{} {}",
                    l.t("Dibuka pihak di Harmoni", "Opened by the party in Harmoni"),
                    local_input(at).replace('T', " ")
                ));
            }
            if let (Some(on), Some(to)) = (r.handed_over_on, &r.handed_over_to) {
                evidence.push(format!("{} {on} {} {to}", l.t("Diserahkan", "Handed over on"), l.t("kepada", "to")));
            }
            let (status, tone) = if r.withdrawn_at.is_some() {
                (l.t("Ditarik (jadwal berubah/batal)", "Withdrawn (moved/cancelled)").to_string(), Tone::Neutral)
            } else if r.proper == Some(true) {
                (l.t("Panggilan patut", "Proper summons").to_string(), Tone::Good)
            } else if r.proper == Some(false) {
                (
                    l.t("Tidak patut (tidak sampai/terlambat)", "Not proper (not delivered / too late)").to_string(),
                    Tone::Bad,
                )
            } else if let Some(on) = s.delivered_on {
                (format!("{} {on}", l.t("Sampai", "Delivered")), Tone::Good)
            } else if s.bounced {
                (l.t("Email gagal: antar langsung", "Email bounced: deliver by hand").to_string(), Tone::Bad)
            } else {
                (l.t("Belum ada bukti sampai", "Not yet shown delivered").to_string(), Tone::Warn)
            };
            SummonsRowView {
                id: r.id.clone(),
                side: Side::parse(&r.side).map(|x| x.label(l).to_string()).unwrap_or_default(),
                number: r.letter_number.clone().unwrap_or_default(),
                addressee: r.addressee.clone().unwrap_or_default(),
                letter_href: format!("/jadwal/{}/panggilan/{}", h.id, r.id),
                evidence,
                status,
                tone,
                receipt_href: s.receipt_document_id.as_ref().map(|id| format!("/berkas/{id}")),
                open: r.withdrawn_at.is_none(),
            }
        })
        .collect();
    let view = HearingView {
        id: h.id.clone(),
        title: format!("{} · {case_label}", kind_label(&h.kind, l)),
        case_href: format!("/kasus/{}", d.case.id),
        status: status_label(&h.status, l),
        tone: status_tone(&h.status),
        facts,
        summons,
        changes: d
            .changes
            .iter()
            .map(|c| {
                [
                    local_input(c.created_at).replace('T', " "),
                    match c.action.as_str() {
                        "dijadwalkan" => l.t("Dijadwalkan", "Scheduled"),
                        "dijadwal_ulang" => l.t("Dijadwal ulang", "Rescheduled"),
                        "dibatalkan" => l.t("Dibatalkan", "Cancelled"),
                        _ => l.t("Hasil dicatat", "Outcome recorded"),
                    }
                    .to_string(),
                    when_text(c.starts_at, c.ends_at, l),
                    c.reason.clone().unwrap_or_default(),
                ]
            })
            .collect(),
        can_manage: d.can_manage && h.status == HearingStatus::Dijadwalkan.as_str(),
        can_record_delivery: d.can_record_delivery,
        can_record_outcome: state.today() >= h.held_on,
        today: state.today().to_string(),
        errors,
    };
    Ok(html_status(status, hearing_page(&page_ctx(state, &user.ctx, "/jadwal"), &view)))
}

#[get("/jadwal/{id}")]
async fn detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    render_hearing(&state, &user, id.into_inner(), FormErrors::default(), StatusCode::OK).await
}

#[get("/jadwal/{id}/ubah")]
async fn reschedule_form(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let (actor, settings, hid) = (user.actor.clone(), state.settings.clone(), id.clone());
    let d = state.db.run(move |c| service::detail(c, &settings, &actor, &hid)).await?;
    if !d.can_manage {
        return Err(Error::Forbidden);
    }
    let h = &d.hearing;
    let slot = Slot::of_utc(h.starts_at, h.ends_at);
    let values = plan_values(&PlanInput {
        kind: h.kind.clone(),
        date: slot.day.to_string(),
        start_time: slot.start.format("%H:%M").to_string(),
        end_time: slot.end.format("%H:%M").to_string(),
        room: h.room.clone().unwrap_or_default(),
        online_url: h.online_url.clone().unwrap_or_default(),
        summon_worker: h.summon_worker,
        summon_company: h.summon_company,
        agenda: h.agenda.clone(),
        reason: String::new(),
    });
    let f = FormState::new(true, &id, values);
    render_form(&state, &user, d.case.id, f).await
}

#[post("/jadwal/{id}/ubah")]
async fn reschedule(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let fields = form.into_inner();
    let input = plan_input(&fields);
    let confirmed = form_field(&fields, "confirm") == "true";
    let (actor, settings, today, now, hid, i) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone(), input.clone());
    let (case_id, result) = state
        .db
        .run(move |c| {
            let case_id = service::case_id_of(c, &actor, &hid)?;
            Ok((case_id, service::reschedule(c, &settings, &actor, &hid, &i, confirmed, today, now)))
        })
        .await?;
    let f = FormState::new(true, &id, plan_values(&input));
    after_plan(&state, &user, case_id, f, result).await
}

#[post("/jadwal/{id}/batal")]
async fn cancel(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let reason = form_field(&form, "reason");
    let (actor, settings, today, now, hid) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone());
    let result = state.db.run(move |c| service::cancel(c, &settings, &actor, &hid, &reason, today, now)).await;
    after_step(&state, &user, id, result).await
}

#[post("/jadwal/{id}/hasil")]
async fn outcome(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let input = OutcomeInput {
        worker_present: form_field(&form, "worker_present") == "true",
        company_present: form_field(&form, "company_present") == "true",
        minutes: form_field(&form, "minutes"),
    };
    let (actor, settings, today, now, hid) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone());
    let result = state.db.run(move |c| service::record_outcome(c, &settings, &actor, &hid, &input, today, now)).await;
    after_step(&state, &user, id, result).await
}

#[post("/jadwal/{id}/panggilan/{sid}/serah")]
async fn hand_over(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    let (id, sid) = path.into_inner();
    let (fields, stored) = form_with_file(&state, payload).await?;
    let input = HandOverInput {
        handed_over_on: form_field(&fields, "handed_over_on"),
        handed_over_to: form_field(&fields, "handed_over_to"),
    };
    let (actor, today, now, hid) = (user.actor.clone(), state.today(), state.now(), id.clone());
    let result = match stored {
        Ok(file) => {
            state.db.run(move |c| service::hand_over(c, &actor, &hid, &sid, &input, file.as_ref(), today, now)).await
        }
        Err(e) => Err(e),
    };
    after_step(&state, &user, id, result).await
}

/// The summons as a printable A4 letter; opening it as the addressed party is evidence of receipt.
#[get("/jadwal/{id}/panggilan/{sid}")]
async fn summons_letter(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, Error> {
    let (id, sid) = path.into_inner();
    let (actor, settings, now) = (user.actor.clone(), state.settings.clone(), state.now());
    let d = state.db.run(move |c| service::open_summons(c, &settings, &actor, &id, &sid, now)).await?;
    let l = user.ctx.lang;
    let h = &d.hearing;
    let s = &d.summons;
    let case_label = d.case.case_number.clone().unwrap_or_else(|| d.case.reference.clone());
    let kind = HearingKind::parse(&h.kind).unwrap_or(HearingKind::Mediasi);
    let mediator = {
        let mid = h.mediator_id.clone();
        state.db.run(move |c| Ok(crate::accounts::model::find_user(c, &mid)?.full_name)).await?
    };
    let mut paragraphs = vec![
        format!("{}: {}", l.t("Kepada Yth.", "To"), s.addressee.clone().unwrap_or_default()),
        match l {
            Lang::Id => format!(
                "Dalam rangka penyelesaian perselisihan hubungan industrial perkara {case_label} antara {} berdasarkan Undang-Undang Nomor 2 Tahun 2004 tentang Penyelesaian Perselisihan Hubungan Industrial, dengan ini Saudara dipanggil untuk hadir pada {}:",
                d.parties,
                kind.label(l).to_lowercase()
            ),
            Lang::En => format!(
                "For the settlement of the industrial-relations dispute {case_label} between {} under Law 2/2004 on the Settlement of Industrial-Relations Disputes, you are summoned to attend the {}:",
                d.parties,
                kind.label(l).to_lowercase()
            ),
        },
    ];
    if s.withdrawn_at.is_some() {
        paragraphs.insert(
            0,
            l.t(
                "SURAT INI TIDAK BERLAKU LAGI: jadwal sidang telah diubah atau dibatalkan.",
                "THIS LETTER NO LONGER STANDS: the session was moved or cancelled.",
            )
            .to_string(),
        );
    }
    let items = vec![
        (l.t("Hari, tanggal", "Day, date").to_string(), l.date_long(h.held_on)),
        (l.t("Waktu", "Time").to_string(), format!("{}–{} WIB", local_time(h.starts_at), local_time(h.ends_at))),
        (l.t("Tempat", "Place").to_string(), d.place.clone()),
        (l.t("Acara", "Agenda").to_string(), h.agenda.clone()),
    ];
    let closing = vec![
        l.t("Saudara dapat diwakili oleh kuasa dengan membawa surat kuasa khusus. Bila Saudara tidak hadir tanpa alasan yang sah setelah dipanggil secara patut sebanyak dua kali, mediator dapat melanjutkan penyelesaian berdasarkan data yang ada.", "You may be represented by a proxy carrying a special power of attorney. If you do not attend without a valid reason after two proper summonses, the mediator may proceed on the data at hand.").to_string(),
        l.t("Demikian surat panggilan ini disampaikan untuk dipenuhi.", "Your attendance is requested accordingly.").to_string(),
    ];
    let o = &d.office;
    let contact: Vec<&str> = [o.address.as_str(), o.phone.as_str(), o.email.as_str(), o.website.as_str()]
        .into_iter()
        .filter(|x| !x.trim().is_empty())
        .collect();
    let view = LetterView {
        back_href: format!("/jadwal/{}", h.id),
        letterhead_government: o.letterhead_government.clone(),
        letterhead_office: o.letterhead_office.clone(),
        contact_line: contact.join(" · "),
        region_name: o.region_name.clone(),
        title: l.t("SURAT PANGGILAN", "SUMMONS").to_string(),
        number: s.letter_number.clone().unwrap_or_default(),
        paragraphs,
        items,
        closing,
        date: l.date_long(s.sent_on),
        signatory_title: l.t("Mediator Hubungan Industrial", "Industrial-relations mediator").to_string(),
        signatory_name: mediator,
    };
    Ok(html(letter_page(l, &view)))
}

#[derive(Debug, Deserialize)]
struct ScheduleQuery {
    tanggal: Option<String>,
    mediator: Option<String>,
}

async fn render_schedule(state: &State, user: &SignedIn, q: &ScheduleQuery, week: bool) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let today = state.today();
    let date = match q.tanggal.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => crate::calendar::service::parse_date(raw, "tanggal")?,
        None => today,
    };
    let (from, to) = if week {
        let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
        (monday, monday + Duration::days(6))
    } else {
        (date, date)
    };
    let mediator = q.mediator.clone().filter(|m| !m.trim().is_empty());
    let (actor, m, oid) = (user.actor.clone(), mediator.clone(), user.actor.office_id.clone());
    let (rows, mediators, next_day, parties) = state
        .db
        .run(move |c| {
            let rows = service::schedule(c, &actor, from, to, m.as_deref())?;
            let mediators = crate::cases::model::mediators(c, &oid)?;
            let calendar = crate::calendar::service::load(c, &oid)?;
            let mut parties = std::collections::HashMap::new();
            for r in &rows {
                if !parties.contains_key(&r.hearing.case_id) {
                    if let Some(case) = crate::cases::model::find_any(c, &r.hearing.case_id)? {
                        parties.insert(case.id.clone(), service::parties_text(c, &case)?);
                    }
                }
            }
            Ok((rows, mediators, service::next_working_day(&calendar, today), parties))
        })
        .await?;
    let office = state.office(&user.actor.office_id);
    let code = office.map(|o| o.code.clone()).unwrap_or_default();
    let mut days: Vec<(String, Vec<ScheduleRowView>)> = Vec::new();
    let mut day = from;
    while day <= to {
        let list: Vec<ScheduleRowView> = rows
            .iter()
            .filter(|r| r.hearing.held_on == day)
            .map(|r| {
                let h = &r.hearing;
                let place = service::place_text(&state.settings, &code, "", h, l);
                ScheduleRowView {
                    href: Some(format!("/jadwal/{}", h.id)),
                    day: day.to_string(),
                    time: format!("{}–{}", local_time(h.starts_at), local_time(h.ends_at)),
                    place: place.trim_end_matches(", ").to_string(),
                    mediator: r.mediator_name.clone(),
                    case_label: r.case_label().to_string(),
                    parties: parties.get(&h.case_id).cloned().unwrap_or_default(),
                    kind: kind_label(&h.kind, l),
                    status: status_label(&h.status, l),
                    tone: status_tone(&h.status),
                }
            })
            .collect();
        // A week shows its working days, and a weekend only if something was planned on it.
        if !week || day.weekday().num_days_from_monday() < 5 || !list.is_empty() {
            days.push((l.date_long(day), list));
        }
        day += Duration::days(1);
    }
    let base = if week { "/jadwal/minggu" } else { "/jadwal" };
    let with = |d: NaiveDate| {
        let mut href = format!("{base}?tanggal={d}");
        if let Some(m) = &mediator {
            href += &format!("&mediator={}", crate::http::errors::urlencode(m));
        }
        href
    };
    let step = if week { 7 } else { 1 };
    let mut mediator_options = vec![(String::new(), l.t("Semua mediator", "All mediators").to_string())];
    mediator_options.extend(mediators);
    let mut links = vec![(
        "/jadwal/langganan".to_string(),
        l.t("Langganan kalender (ICS)", "Calendar subscription (ICS)").to_string(),
    )];
    if user.actor.role == Role::Pimpinan {
        links.push(("/jadwal/beban".to_string(), l.t("Beban mediator", "Mediator load").to_string()));
    }
    let view = ScheduleView {
        title: if week {
            match l {
                Lang::Id => format!("Jadwal sidang minggu {} – {}", l.date_long(from), l.date_long(to)),
                Lang::En => format!("Sessions, week of {} – {}", l.date_long(from), l.date_long(to)),
            }
        } else {
            format!("{} {}", l.t("Jadwal sidang", "Sessions on"), l.date_long(from))
        },
        days,
        prev_href: with(date - Duration::days(step)),
        next_href: with(date + Duration::days(step)),
        today_href: with(today),
        next_working_day_href: format!("/jadwal?tanggal={next_day}"),
        other_view_href: if week {
            format!("/jadwal?tanggal={date}")
        } else {
            format!("/jadwal/minggu?tanggal={date}")
        },
        other_view_label: if week { l.t("Tampilan hari", "Day view") } else { l.t("Tampilan minggu", "Week view") }
            .to_string(),
        mediators: mediator_options,
        mediator: mediator.unwrap_or_default(),
        date: date.to_string(),
        week,
        links,
    };
    Ok(html(schedule_page(&page_ctx(state, &user.ctx, "/jadwal"), &view)))
}

#[get("/jadwal")]
async fn day_view(state: State, user: SignedIn, q: web::Query<ScheduleQuery>) -> Result<HttpResponse, Error> {
    render_schedule(&state, &user, &q, false).await
}

#[get("/jadwal/minggu")]
async fn week_view(state: State, user: SignedIn, q: web::Query<ScheduleQuery>) -> Result<HttpResponse, Error> {
    render_schedule(&state, &user, &q, true).await
}

/// Weeks of mediator load the head's page shows, from the current week.
const LOAD_WEEKS: u32 = 4;

#[get("/jadwal/beban")]
async fn load_view(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    let (actor, settings, today) = (user.actor.clone(), state.settings.clone(), state.today());
    let horizon = i64::from(state.settings.schedules.overrun_warning_working_days);
    let v = state.db.run(move |c| service::load_view(c, &settings, &actor, today, LOAD_WEEKS, horizon)).await?;
    let l = user.ctx.lang;
    let view = LoadPageView {
        weeks: v.weeks.iter().map(|w| format!("{} {}", l.t("Minggu", "Week of"), w)).collect(),
        rows: v
            .mediators
            .iter()
            .map(|(name, open, weeks)| {
                (
                    name.clone(),
                    *open,
                    weeks
                        .iter()
                        .map(|w| match l {
                            Lang::Id => format!("{} sidang, {:.1} jam", w.sessions, w.minutes as f64 / 60.0),
                            Lang::En => format!("{} sessions, {:.1} h", w.sessions, w.minutes as f64 / 60.0),
                        })
                        .collect(),
                )
            })
            .collect(),
        overruns: v
            .overruns
            .iter()
            .map(|o| {
                let (text, tone) = if o.working_days_left < 0 {
                    (
                        match l {
                            Lang::Id => format!("Terlambat {} hari kerja", -o.working_days_left),
                            Lang::En => format!("Overdue by {} working days", -o.working_days_left),
                        },
                        Tone::Bad,
                    )
                } else {
                    (
                        match l {
                            Lang::Id => format!("Sisa {} hari kerja", o.working_days_left),
                            Lang::En => format!("{} working days left", o.working_days_left),
                        },
                        Tone::Warn,
                    )
                };
                (
                    format!("/kasus/{}", o.case_id),
                    o.case_label.clone(),
                    o.company_name.clone(),
                    o.mediator_name.clone(),
                    l.date_long(o.due),
                    text,
                    tone,
                    o.legal_basis.clone(),
                )
            })
            .collect(),
        horizon,
    };
    Ok(html(load_page(&page_ctx(&state, &user.ctx, "/jadwal"), &view)))
}

async fn render_feeds(state: &State, user: &SignedIn, new_url: Option<String>) -> Result<HttpResponse, Error> {
    let actor = user.actor.clone();
    let (rows, names) = state
        .db
        .run(move |c| {
            let rows = service::feeds(c, &actor)?;
            let mut names = std::collections::HashMap::new();
            for r in &rows {
                if let Some(u) = &r.user_id {
                    names.insert(u.clone(), crate::accounts::model::find_user(c, u)?.full_name);
                }
            }
            Ok((rows, names))
        })
        .await?;
    let l = user.ctx.lang;
    let mut can_create = Vec::new();
    match user.actor.role {
        Role::Mediator => can_create.push((
            "mediator".to_string(),
            l.t("Buat tautan langganan jadwal saya", "Make a subscription link to my sessions").to_string(),
        )),
        Role::Pimpinan | Role::Petugas => can_create.push((
            "office".to_string(),
            l.t("Buat tautan langganan jadwal kantor", "Make a subscription link to the office's sessions").to_string(),
        )),
        _ => {}
    }
    let view = FeedsView {
        feeds: rows
            .iter()
            .map(|f| {
                let what = match &f.user_id {
                    Some(u) => format!(
                        "{} {}",
                        l.t("Jadwal mediator", "Sessions of mediator"),
                        names.get(u).cloned().unwrap_or_default()
                    ),
                    None => l.t("Jadwal seluruh kantor", "All sessions of the office").to_string(),
                };
                (
                    f.id.clone(),
                    what,
                    format!("{} {}", l.t("dibuat", "made"), local_input(f.created_at).replace('T', " ")),
                )
            })
            .collect(),
        new_url,
        can_create,
    };
    Ok(html(feeds_page(&page_ctx(state, &user.ctx, "/jadwal"), &view)))
}

#[get("/jadwal/langganan")]
async fn feeds_view(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    render_feeds(&state, &user, None).await
}

#[post("/jadwal/langganan")]
async fn create_feed(
    state: State,
    user: SignedIn,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let scope = form_field(&form, "scope");
    let (actor, now) = (user.actor.clone(), state.now());
    let (_, token) = state.db.run(move |c| service::create_feed(c, &actor, &scope, now)).await?;
    // Shown once, on this response only (not a redirect that would put it in history).
    let url = format!("{}/kalender-sidang/{token}.ics", state.settings.server.public_url);
    render_feeds(&state, &user, Some(url)).await
}

#[post("/jadwal/langganan/{id}/cabut")]
async fn revoke_feed(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let (actor, now) = (user.actor.clone(), state.now());
    state.db.run(move |c| service::revoke_feed(c, &actor, &id, now)).await?;
    Ok(see_other("/jadwal/langganan"))
}

/// The feed itself, for calendar apps: the token is the only credential.
#[get("/kalender-sidang/{token}.ics")]
async fn feed(state: State, token: web::Path<String>) -> Result<HttpResponse, Error> {
    let (settings, today, token) = (state.settings.clone(), state.today(), token.into_inner());
    if token.len() > 200 {
        return Err(Error::NotFound);
    }
    match state.db.run(move |c| service::feed_ics(c, &settings, &token, today)).await? {
        Some(text) => Ok(HttpResponse::Ok()
            .content_type("text/calendar; charset=utf-8")
            .insert_header(("Cache-Control", "private, no-store"))
            .body(text)),
        None => Err(Error::NotFound),
    }
}
