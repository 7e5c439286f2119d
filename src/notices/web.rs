//! Pages of strike and lock-out notices (list, form, the notice with its facilitation and
//! outcome, the printable receipt) and of PHK reports (list, form, report).

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use harmoni_templates::components::{FormErrors, Tone};
use harmoni_templates::pages::notices::{
    notice_form_page, notice_list_page, notice_page, receipt_page, report_form_page, report_list_page, report_page,
    FacilitationView, LeadView, NoticeFormView, NoticeListView, NoticeRowView, NoticeView, OutcomeView, ReceiptView,
    ReportFormView, ReportListView, ReportRowView, ReportView, WorkerView,
};
use harmoni_templates::Lang;
use serde::Deserialize;

use crate::calendar::web::{skip_text, warning_text};
use crate::config::ProtectedSector;
use crate::documents::web::form_with_file;
use crate::error::Error;
use crate::http::{form_errors, form_field, html, html_status, page_ctx, see_other, trimmed, SignedIn, State};
use crate::notices::rules::{self, Kind, NoticeCheck, Outcome, PhkReason, Status};
use crate::notices::service::{
    self, FacilitationInput, NoticeDetail, NoticeInput, NoticeSummary, OutcomeInput, ReportInput,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(notice_list)
        .service(new_notice)
        .service(create_notice)
        .service(detail)
        .service(receipt)
        .service(add_facilitation)
        .service(record_outcome)
        .service(open_case)
        .service(report_list)
        .service(new_report)
        .service(create_report)
        .service(report_detail);
}

const NAV: &str = "/pemberitahuan";
const NAV_PHK: &str = "/laporan-phk";

pub fn status_tone(s: Status) -> Tone {
    match s {
        Status::Diterima => Tone::Warn,
        Status::Difasilitasi | Status::Batal => Tone::Neutral,
        Status::Pb => Tone::Good,
        Status::TidakSepakat => Tone::Bad,
    }
}

fn pairs(values: &[(&str, &str)]) -> Vec<(String, String)> {
    values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn with_any(l: Lang, options: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), l.t("Semua", "All").to_string())];
    out.extend(options);
    out
}

/// Short flags of a notice for the list, in words.
fn list_flags(l: Lang, n: &crate::notices::model::NoticeRow) -> Vec<String> {
    let mut out = Vec::new();
    if n.short_notice {
        out.push(l.t("kurang dari 7 hari kerja", "short of 7 working days").to_string());
    }
    if !n.missing_content.is_empty() {
        out.push(l.t("isi tidak lengkap", "incomplete").to_string());
    }
    if n.protected_sector.is_some() {
        out.push(l.t("sektor yang dilarang", "protected sector").to_string());
    }
    out
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    jenis: Option<String>,
    tahun: Option<String>,
    status: Option<String>,
    perusahaan: Option<String>,
    perusahaan_id: Option<String>,
    dicegah: Option<String>,
    page: Option<i64>,
}

#[get("/pemberitahuan")]
async fn notice_list(state: State, user: SignedIn, q: web::Query<ListQuery>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let prevented = trimmed(&q.dicegah).is_some_and(|v| v == "1");
    let filter = service::notice_filter(
        trimmed(&q.jenis),
        trimmed(&q.tahun),
        trimmed(&q.status),
        trimmed(&q.perusahaan),
        trimmed(&q.perusahaan_id),
        prevented,
    )?;
    let page = crate::api::page_param(q.page)?;
    let (actor, size, f) = (user.actor.clone(), state.settings.notices.page_size, filter.clone());
    let list = state.db.run(move |c| service::list_notices(c, &actor, &f, page, size)).await?;
    let values: Vec<(String, String)> = [
        ("jenis", trimmed(&q.jenis)),
        ("tahun", trimmed(&q.tahun)),
        ("status", trimmed(&q.status)),
        ("perusahaan", trimmed(&q.perusahaan)),
        ("perusahaan_id", trimmed(&q.perusahaan_id)),
        ("dicegah", prevented.then(|| "1".to_string())),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
    .collect();
    let base = format!("/pemberitahuan?{}", serde_urlencoded::to_string(&values).unwrap_or_default());
    let view = NoticeListView {
        rows: list
            .rows
            .iter()
            .map(|NoticeSummary { notice: n, company_name, status, .. }| NoticeRowView {
                id: n.id.clone(),
                receipt_number: n.receipt_number.clone(),
                kind: Kind::parse(&n.kind).map(|k| k.label(l)).unwrap_or(&n.kind).to_string(),
                company: company_name.clone(),
                received: l.datetime_long(n.received_at),
                starts: l.datetime_long(n.starts_at),
                status: status.label(l).to_string(),
                tone: status_tone(*status),
                flags: list_flags(l, n),
            })
            .collect(),
        kinds: with_any(l, Kind::ALL.iter().map(|k| (k.as_str().to_string(), k.label(l).to_string())).collect()),
        statuses: with_any(l, Status::ALL.iter().map(|s| (s.as_str().to_string(), s.label(l).to_string())).collect()),
        years: with_any(l, list.years.iter().map(|y| (y.to_string(), y.to_string())).collect()),
        prevented: list.prevented_per_year.clone(),
        values,
        base,
        page: list.page,
        page_size: list.page_size,
        total: list.total,
        can_submit: service::can_submit(&user.actor),
    };
    Ok(html(notice_list_page(&page_ctx(&state, &user.ctx, NAV), &view)))
}

async fn notice_form(
    state: &State,
    user: &SignedIn,
    values: Vec<(String, String)>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let staff = service::can_record(&user.actor);
    let actor = user.actor.clone();
    let (companies, unions) = state
        .db
        .run(move |c| {
            let companies = service::my_companies(c, &actor)?;
            let unions = if service::can_record(&actor) { service::office_unions(c, &actor)? } else { Vec::new() };
            Ok((companies, unions))
        })
        .await?;
    let mut union_options = vec![(
        String::new(),
        l.t("— tidak terdaftar / bukan mogok —", "— not registered / not a strike —").to_string(),
    )];
    union_options.extend(unions.iter().map(|u| (u.id.clone(), u.name.clone())));
    let view = NoticeFormView {
        values,
        errors,
        staff,
        companies: companies.iter().map(|c| (c.id.clone(), format!("{} (NIB {})", c.name, c.nib))).collect(),
        unions: union_options,
        kinds: Kind::ALL.iter().map(|k| (k.as_str().to_string(), k.label(l).to_string())).collect(),
    };
    Ok(html_status(status, notice_form_page(&page_ctx(state, &user.ctx, NAV), &view)))
}

#[get("/pemberitahuan/baru")]
async fn new_notice(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    service::scope(&user.actor)?;
    if !service::can_submit(&user.actor) {
        return Err(Error::Forbidden);
    }
    notice_form(&state, &user, Vec::new(), FormErrors::default(), StatusCode::OK).await
}

#[post("/pemberitahuan")]
async fn create_notice(state: State, user: SignedIn, form: web::Form<NoticeInput>) -> Result<HttpResponse, Error> {
    let input = form.into_inner();
    let (actor, settings, now, i) = (user.actor.clone(), state.settings.clone(), state.now(), input.clone());
    match state.db.run(move |c| service::create_notice(c, &actor, &i, &settings, now)).await {
        Ok(n) => Ok(see_other(&format!("/pemberitahuan/{}", n.id))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let values = pairs(&[
                ("kind", &input.kind),
                ("company_id", &input.company_id),
                ("nib", &input.nib),
                ("union_id", &input.union_id),
                ("giver_name", &input.giver_name),
                ("signatories", &input.signatories),
                ("received_at", &input.received_at),
                ("starts_at", &input.starts_at),
                ("ends_at", &input.ends_at),
                ("place", &input.place),
                ("reasons", &input.reasons),
            ]);
            notice_form(&state, &user, values, errors, status).await
        }
    }
}

fn lead_view(l: Lang, d: &NoticeDetail) -> LeadView {
    let c = &d.deadline.computation;
    let (label, basis) = d
        .deadline
        .rule
        .as_ref()
        .map(|r| (if l == Lang::Id { r.label_id.clone() } else { r.label_en.clone() }, r.legal_basis.clone()))
        .unwrap_or_default();
    let n = &d.notice;
    let lead = d.lead_working_days.max(0);
    let verdict = if n.short_notice {
        match l {
            Lang::Id => format!("Kurang dari {} hari kerja: diterima {lead} hari kerja sebelum mulai", c.working_days),
            Lang::En => {
                format!("Short of {} working days: received {lead} working days before the start", c.working_days)
            }
        }
    } else {
        match l {
            Lang::Id => format!("Memenuhi {} hari kerja: diterima {lead} hari kerja sebelum mulai", c.working_days),
            Lang::En => {
                format!("Meets the {} working days: received {lead} working days before the start", c.working_days)
            }
        }
    };
    LeadView {
        rule: label.clone(),
        legal_basis: basis.clone(),
        start: l.date_long(c.start),
        due: l.date_long(n.notice_due_on),
        received: l.datetime_long(n.received_at),
        explanation: format!(
            "{label}: {} {} {} → {} {} ({} {} {}). {basis}.",
            c.working_days,
            l.t("hari kerja sebelum mulai", "working days before the start on"),
            l.date_long(c.start),
            l.t("paling lambat", "due by"),
            l.date_long(c.due),
            l.t("melewati", "passing over"),
            c.skipped.len(),
            l.t("hari libur dan akhir pekan", "holidays and weekend days"),
        ),
        skipped: c
            .skipped
            .iter()
            .map(|s| format!("{} — {}", l.date_long(s.date), skip_text(&s.reason, s.date, l)))
            .collect(),
        warnings: c.warnings.iter().map(|w| warning_text(*w, l)).collect(),
        short: n.short_notice,
        verdict,
    }
}

/// Flags besides the notice period: missing content, a lock-out in a protected sector.
pub fn other_flags(l: Lang, d: &NoticeDetail, sectors: &[ProtectedSector]) -> Vec<String> {
    let mut flags: Vec<String> = d.missing.iter().map(|m| m.label(l).to_string()).collect();
    if let Some(sector) = &d.notice.protected_sector {
        // Stored in Indonesian; the configured list gives the English name while it holds it.
        let name = match l {
            Lang::En => sectors.iter().find(|p| &p.name_id == sector).map(|p| p.name_en.as_str()).unwrap_or(sector),
            Lang::Id => sector.as_str(),
        };
        flags.push(match l {
            Lang::Id => format!(
                "Penutupan perusahaan tidak dibolehkan pada sektor {name} (KBLI {}; UU 13/2003 Pasal 147)",
                d.company.kbli_code
            ),
            Lang::En => format!(
                "A lock-out is not allowed in the sector {name} (KBLI {}; UU 13/2003 Art. 147)",
                d.company.kbli_code
            ),
        });
    }
    flags
}

fn doc(d: &crate::documents::model::DocumentRow) -> (String, String) {
    (d.filename.clone(), format!("/berkas/{}", d.id))
}

async fn notice_view(
    state: &State,
    user: &SignedIn,
    id: String,
    values: Vec<(String, String)>,
    errors: FormErrors,
    outcome_errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let (d, letters) = state
        .db
        .run(move |c| {
            let d = service::notice(c, &actor, &id, &settings)?;
            let candidates = vec![(
                crate::letters::rules::Kind::TandaTerimaPemberitahuan,
                d.notice.id.clone(),
                crate::letters::rules::Kind::TandaTerimaPemberitahuan.label().to_string(),
            )];
            let letters = crate::letters::web::section(
                c,
                &actor,
                crate::letters::rules::OwnerKind::Notice,
                &d.notice.id,
                candidates,
            )?;
            Ok((d, letters))
        })
        .await?;
    let n = &d.notice;
    let values = if values.is_empty() {
        pairs(&[("held_on", &state.today().to_string()), ("outcome", "pb"), ("outcome_on", &state.today().to_string())])
    } else {
        values
    };
    let view = NoticeView {
        letters,
        id: n.id.clone(),
        kind: d.kind.label(l).to_string(),
        receipt_number: n.receipt_number.clone(),
        company: d.company.name.clone(),
        company_href: format!("/perusahaan/{}", d.company.id),
        kbli: d.company.kbli_code.clone(),
        giver: n.giver_name.clone(),
        union: d.union.as_ref().map(|u| format!("{} ({})", u.name, u.registration_number)),
        signatories: n.signatories.lines().map(|s| s.replace("; ", " — ")).collect(),
        received: l.datetime_long(n.received_at),
        online: n.submitted_online,
        starts: l.datetime_long(n.starts_at),
        ends: n.ends_at.map(|e| l.datetime_long(e)),
        place: n.place.clone(),
        reasons: n.reasons.clone(),
        lead: lead_view(l, &d),
        flags: other_flags(l, &d, &state.settings.notices.protected_sectors),
        status: d.status.label(l).to_string(),
        tone: Some(status_tone(d.status)),
        facilitations: d
            .facilitations
            .iter()
            .map(|(f, m)| FacilitationView {
                date: l.date_long(f.held_on),
                attendees: f.attendees.clone(),
                notes: f.notes.clone(),
                minutes: m.as_ref().map(doc),
            })
            .collect(),
        outcome: n.outcome.as_deref().and_then(Outcome::parse).map(|o| OutcomeView {
            label: o.label(l).to_string(),
            date: n.outcome_on.map(|d| l.date_long(d)).unwrap_or_default(),
            note: n.outcome_note.clone(),
            witness: n.pb_witness.clone(),
            document: d.pb_document.as_ref().map(doc),
        }),
        case_id: n.case_id.clone(),
        can_open_case: user.actor.role == crate::accounts::Role::Petugas
            && n.case_id.is_none()
            && n.outcome.as_deref() == Some(Outcome::TidakSepakat.as_str()),
        dispute_types: crate::cases::rules::DisputeType::ALL
            .iter()
            .map(|t| (t.as_str().to_string(), t.label(l).to_string()))
            .collect(),
        can_record: service::can_record(&user.actor),
        closed: n.outcome.is_some(),
        outcomes: Outcome::ALL.iter().map(|o| (o.as_str().to_string(), o.label(l).to_string())).collect(),
        values,
        errors,
        outcome_errors,
    };
    Ok(html_status(status, notice_page(&page_ctx(state, &user.ctx, NAV), &view)))
}

#[derive(Debug, Deserialize)]
struct OpenCaseForm {
    dispute_type: String,
}

/// Opens the dispute case of an unsettled notice and goes to it.
#[post("/pemberitahuan/{id}/perkara")]
async fn open_case(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<OpenCaseForm>,
) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let input = service::OpenCaseInput { dispute_type: form.dispute_type.clone() };
    let (actor, settings, today, now, nid) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone());
    match state.db.run(move |c| service::open_case(c, &settings, &actor, &nid, &input, today, now)).await {
        Ok(case) => Ok(see_other(&format!("/kasus/{}", case.id))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            notice_view(&state, &user, id, Vec::new(), FormErrors::default(), errors, status).await
        }
    }
}

#[get("/pemberitahuan/{id}")]
async fn detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let none = FormErrors::default;
    notice_view(&state, &user, id.into_inner(), Vec::new(), none(), none(), StatusCode::OK).await
}

#[get("/pemberitahuan/{id}/tanda-terima")]
async fn receipt(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let d = state.db.run(move |c| service::notice(c, &actor, &id, &settings)).await?;
    let n = &d.notice;
    let o = &d.office;
    let mut flags = Vec::new();
    if n.short_notice {
        flags.push(lead_view(l, &d).verdict);
    }
    flags.extend(other_flags(l, &d, &state.settings.notices.protected_sectors));
    let none = l.t("tidak disebutkan", "not given").to_string();
    let view = ReceiptView {
        id: n.id.clone(),
        letterhead_government: o.letterhead_government.clone(),
        letterhead_office: o.letterhead_office.clone(),
        contact_line: [&o.address, &o.phone, &o.email, &o.website]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" · "),
        office_name: o.name.clone(),
        region_name: o.region_name.clone(),
        receipt_number: n.receipt_number.clone(),
        kind: d.kind.label(l).to_string(),
        company: d.company.name.clone(),
        company_address: d.company.address.clone(),
        giver: n.giver_name.clone(),
        signatories: n.signatories.lines().map(|s| s.replace("; ", " — ")).collect(),
        received: l.datetime_long(n.received_at),
        starts: l.datetime_long(n.starts_at),
        ends: n.ends_at.map(|e| l.datetime_long(e)).unwrap_or_else(|| none.clone()),
        place: if n.place.is_empty() { none.clone() } else { n.place.clone() },
        reasons: if n.reasons.is_empty() { none } else { n.reasons.clone() },
        legal_basis: d.deadline.rule.as_ref().map(|r| r.legal_basis.clone()).unwrap_or_default(),
        flags,
        issued_on: l.date_long(rules::local_date(n.received_at)),
    };
    Ok(html(receipt_page(l, &view)))
}

/// Records a facilitation meeting from the multipart form (the CSRF token travels in the URL),
/// with its minutes when a file was chosen; a refused file saves nothing.
#[post("/pemberitahuan/{id}/fasilitasi")]
async fn add_facilitation(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    // Refused before anything is written to the storage directory.
    if !service::can_record(&user.actor) {
        return Err(Error::Forbidden);
    }
    let id = id.into_inner();
    let (fields, stored) = form_with_file(&state, payload).await?;
    let input = FacilitationInput {
        held_on: form_field(&fields, "held_on"),
        attendees: form_field(&fields, "attendees"),
        notes: form_field(&fields, "notes"),
    };
    let (actor, settings, today, now, nid, i) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone(), input.clone());
    let result = match stored {
        Ok(file) => {
            state
                .db
                .run(move |c| service::add_facilitation(c, &actor, &nid, &i, file.as_ref(), &settings, today, now))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/pemberitahuan/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let values =
                pairs(&[("held_on", &input.held_on), ("attendees", &input.attendees), ("notes", &input.notes)]);
            notice_view(&state, &user, id, values, errors, FormErrors::default(), status).await
        }
    }
}

/// Records the outcome from the multipart form, with the PB document when one was chosen.
#[post("/pemberitahuan/{id}/hasil")]
async fn record_outcome(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    if !service::can_record(&user.actor) {
        return Err(Error::Forbidden);
    }
    let id = id.into_inner();
    let (fields, stored) = form_with_file(&state, payload).await?;
    let input = OutcomeInput {
        outcome: form_field(&fields, "outcome"),
        outcome_on: form_field(&fields, "outcome_on"),
        note: form_field(&fields, "note"),
    };
    let (actor, settings, today, now, nid, i) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone(), input.clone());
    let result = match stored {
        Ok(file) => {
            state
                .db
                .run(move |c| service::record_outcome(c, &actor, &nid, &i, file.as_ref(), &settings, today, now))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/pemberitahuan/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let values =
                pairs(&[("outcome", &input.outcome), ("outcome_on", &input.outcome_on), ("note", &input.note)]);
            notice_view(&state, &user, id, values, FormErrors::default(), errors, status).await
        }
    }
}

#[derive(Debug, Deserialize)]
struct ReportQuery {
    tahun: Option<String>,
    alasan: Option<String>,
    perusahaan: Option<String>,
    perusahaan_id: Option<String>,
    page: Option<i64>,
}

#[get("/laporan-phk")]
async fn report_list(state: State, user: SignedIn, q: web::Query<ReportQuery>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let filter = service::report_filter(
        trimmed(&q.tahun),
        trimmed(&q.alasan),
        trimmed(&q.perusahaan),
        trimmed(&q.perusahaan_id),
    )?;
    let page = crate::api::page_param(q.page)?;
    let (actor, size) = (user.actor.clone(), state.settings.notices.page_size);
    let list = state.db.run(move |c| service::list_reports(c, &actor, &filter, page, size)).await?;
    let values: Vec<(String, String)> = [
        ("tahun", trimmed(&q.tahun)),
        ("alasan", trimmed(&q.alasan)),
        ("perusahaan", trimmed(&q.perusahaan)),
        ("perusahaan_id", trimmed(&q.perusahaan_id)),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
    .collect();
    let base = format!("/laporan-phk?{}", serde_urlencoded::to_string(&values).unwrap_or_default());
    let this_year = chrono::Datelike::year(&state.today());
    let view = ReportListView {
        rows: list
            .rows
            .iter()
            .map(|(r, company, workers)| ReportRowView {
                id: r.id.clone(),
                company: company.clone(),
                recorded: l.date_long(rules::local_date(r.created_at)),
                reason: PhkReason::parse(&r.reason_category)
                    .map(|x| x.label(l))
                    .unwrap_or(&r.reason_category)
                    .to_string(),
                // Lists show the NIK masked, whoever looks (personal data, DOMAIN.md §11).
                workers: workers.iter().map(|w| format!("{} ({})", w.name, crate::identity::mask(&w.nik))).collect(),
                flagged: workers.iter().filter(|w| w.notice_short).count(),
            })
            .collect(),
        reasons: with_any(l, PhkReason::ALL.iter().map(|r| (r.as_str().to_string(), r.label(l).to_string())).collect()),
        years: with_any(l, (this_year - 4..=this_year).rev().map(|y| (y.to_string(), y.to_string())).collect()),
        values,
        base,
        page: list.page,
        page_size: list.page_size,
        total: list.total,
        can_submit: service::can_submit(&user.actor),
    };
    Ok(html(report_list_page(&page_ctx(&state, &user.ctx, NAV_PHK), &view)))
}

async fn report_form(
    state: &State,
    user: &SignedIn,
    values: Vec<(String, String)>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let actor = user.actor.clone();
    let companies = state.db.run(move |c| service::my_companies(c, &actor)).await?;
    let view = ReportFormView {
        values,
        errors,
        staff: service::can_record(&user.actor),
        companies: companies.iter().map(|c| (c.id.clone(), format!("{} (NIB {})", c.name, c.nib))).collect(),
        reasons: PhkReason::ALL.iter().map(|r| (r.as_str().to_string(), r.label(l).to_string())).collect(),
    };
    Ok(html_status(status, report_form_page(&page_ctx(state, &user.ctx, NAV_PHK), &view)))
}

#[get("/laporan-phk/baru")]
async fn new_report(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    service::scope(&user.actor)?;
    if !service::can_submit(&user.actor) {
        return Err(Error::Forbidden);
    }
    report_form(&state, &user, Vec::new(), FormErrors::default(), StatusCode::OK).await
}

/// The PHK form: the workers are typed one per line.
#[derive(Debug, Clone, Deserialize)]
struct ReportForm {
    #[serde(default)]
    company_id: String,
    #[serde(default)]
    nib: String,
    #[serde(default)]
    reason_category: String,
    #[serde(default)]
    reason_text: String,
    #[serde(default)]
    workers: String,
}

#[post("/laporan-phk")]
async fn create_report(state: State, user: SignedIn, form: web::Form<ReportForm>) -> Result<HttpResponse, Error> {
    let f = form.into_inner();
    let parsed = rules::parse_worker_lines(&f.workers).map_err(Error::Invalid);
    let result = match parsed {
        Ok(workers) => {
            let input = ReportInput {
                company_id: f.company_id.clone(),
                nib: f.nib.clone(),
                reason_category: f.reason_category.clone(),
                reason_text: f.reason_text.clone(),
                workers,
            };
            let (actor, settings, today, now) =
                (user.actor.clone(), state.settings.clone(), state.today(), state.now());
            state.db.run(move |c| service::create_report(c, &actor, &input, &settings, today, now)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok((r, _)) => Ok(see_other(&format!("/laporan-phk/{}", r.id))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let values = pairs(&[
                ("company_id", &f.company_id),
                ("nib", &f.nib),
                ("reason_category", &f.reason_category),
                ("reason_text", &f.reason_text),
                ("workers", &f.workers),
            ]);
            report_form(&state, &user, values, errors, status).await
        }
    }
}

/// The notice period of one worker in words: the last day, the rule and its legal basis.
pub fn worker_due(l: Lang, due: chrono::NaiveDate, deadline: &crate::calendar::service::Deadline) -> String {
    let (label, basis) = deadline
        .rule
        .as_ref()
        .map(|r| (if l == Lang::Id { r.label_id.clone() } else { r.label_en.clone() }, r.legal_basis.clone()))
        .unwrap_or_default();
    format!(
        "{} {} ({label}: {} {}; {} {} {}; {basis})",
        l.t("Paling lambat", "Due by"),
        l.date_long(due),
        deadline.computation.working_days,
        l.t("hari kerja sebelum PHK", "working days before the termination"),
        l.t("melewati", "passing over"),
        deadline.computation.skipped.len(),
        l.t("hari libur dan akhir pekan", "holidays and weekend days"),
    )
}

pub fn check_label(l: Lang, check: NoticeCheck) -> (Tone, &'static str) {
    match check {
        NoticeCheck::OnTime => (Tone::Good, l.t("memenuhi tenggang waktu", "notice period met")),
        NoticeCheck::Late => (Tone::Bad, l.t("kurang dari tenggang waktu", "short of the notice period")),
        NoticeCheck::Missing => (Tone::Bad, l.t("tanpa pemberitahuan tertulis", "no written notice")),
        NoticeCheck::NotRequired => {
            (Tone::Neutral, l.t("tidak wajib untuk alasan ini", "not required for this reason"))
        }
    }
}

#[get("/laporan-phk/{id}")]
async fn report_detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let d = state.db.run(move |c| service::report(c, &actor, &id, &settings)).await?;
    let view = ReportView {
        company: d.company.name.clone(),
        company_href: format!("/perusahaan/{}", d.company.id),
        recorded: l.datetime_long(d.report.created_at),
        online: d.report.submitted_online,
        reason: d.reason.label(l).to_string(),
        reason_text: d.report.reason_text.clone(),
        workers: d
            .workers
            .iter()
            .map(|(w, check, deadline)| {
                let (tone, verdict) = check_label(l, *check);
                WorkerView {
                    name: w.name.clone(),
                    // Whole: this page is only for the office's staff and the company's own
                    // representatives (the query refuses anyone else).
                    nik: w.nik.clone(),
                    job_title: w.job_title.clone(),
                    started: l.date_long(w.started_on),
                    terminated: l.date_long(w.terminated_on),
                    probation: w.probation,
                    notice: match w.notice_on {
                        Some(d) => format!("{} {}", l.t("Diberikan", "Given on"), l.date_long(d)),
                        None => l.t("Tidak diberikan", "Not given").to_string(),
                    },
                    due: worker_due(l, w.notice_due_on, deadline),
                    verdict: verdict.to_string(),
                    tone,
                }
            })
            .collect(),
    };
    Ok(html(report_page(&page_ctx(&state, &user.ctx, NAV_PHK), &view)))
}
