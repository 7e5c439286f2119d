//! Pages of PP ratification and PKB registration: the list with the queue, the new-submission
//! form, the submission page with its forms, the printable letters, regulations in force with
//! their extension, and external PP/PKB.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use harmoni_templates::components::{FormErrors, Tone};
use harmoni_templates::pages::cases::DeadlineView;
use harmoni_templates::pages::regulations::{
    external_form_page, form_page, letter_page, list_page, regulation_list_page, regulation_page, submission_page,
    ExternalFormView, FormView, HistoryView, ItemView, LetterView, ListView, QueueRowView, RegulationListView,
    RegulationResultView, RegulationRowView, RegulationView, SlotView, SubmissionRowView, SubmissionView,
};
use harmoni_templates::Lang;
use serde::Deserialize;

use crate::calendar::web::{skip_text, state_of};
use crate::documents::web::form_with_file;
use crate::error::Error;
use crate::http::{form_errors, form_field, html, html_status, page_ctx, see_other, trimmed, SignedIn, State};
use crate::regulations::model::{RegulationRow, SubmissionFilter};
use crate::regulations::rules::{Action, AdviceFrom, Item, Kind, Purpose, Status};
use crate::regulations::service::{
    self, Detail, DetailsInput, ExtensionInput, ExternalInput, ReviewItemInput, RunningDeadline, StepInput,
    SubmissionInput,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    // Fixed paths before `/pp-pkb/{id}`.
    cfg.service(list)
        .service(new_form)
        .service(create)
        .service(regulation_list)
        .service(regulation_detail)
        .service(extend)
        .service(external_form)
        .service(record_external)
        .service(detail)
        .service(update_details)
        .service(upload)
        .service(step)
        .service(review)
        .service(letter)
        .service(correction_letter);
}

const NAV: &str = "/pp-pkb";

pub fn status_tone(s: Status) -> Tone {
    match s {
        Status::Draf | Status::Diajukan | Status::MemenuhiSyarat => Tone::Neutral,
        Status::Perbaikan => Tone::Warn,
        Status::Disahkan | Status::DianggapDisahkan => Tone::Good,
        Status::Gugur | Status::Ditarik => Tone::Bad,
    }
}

fn kind_label(code: &str, l: Lang) -> String {
    Kind::parse(code).map(|k| k.label(l).to_string()).unwrap_or_else(|| code.to_string())
}

fn purpose_label(code: &str, l: Lang) -> String {
    Purpose::parse(code).map(|p| p.label(l).to_string()).unwrap_or_else(|| code.to_string())
}

fn status_of(kind: &str, status: &str, l: Lang) -> (String, Tone) {
    match (Kind::parse(kind), Status::parse(status)) {
        (Some(k), Some(s)) => (s.label(k, l).to_string(), status_tone(s)),
        _ => (status.to_string(), Tone::Neutral),
    }
}

/// A running clock as every workflow shows it: rule, basis, start, due and skipped days.
pub fn deadline_view(d: &RunningDeadline, l: Lang) -> DeadlineView {
    let c = &d.computation;
    let mut explanation = match (l, c.direction) {
        (Lang::Id, crate::calendar::rules::Direction::Before) => {
            format!("{} hari kerja sebelum {}", c.working_days, c.start)
        }
        (Lang::En, crate::calendar::rules::Direction::Before) => {
            format!("{} working days before {}", c.working_days, c.start)
        }
        (Lang::Id, _) => format!("{} hari kerja", c.working_days),
        (Lang::En, _) => format!("{} working days", c.working_days),
    };
    if !c.skipped.is_empty() {
        let days: Vec<String> = c.skipped.iter().map(|s| skip_text(&s.reason, s.date, l)).collect();
        explanation += &format!("; {}: {}", l.t("dilewati", "skipped"), days.join(", "));
    }
    explanation += ".";
    for w in &c.warnings {
        explanation += &format!(" {}", crate::calendar::web::warning_text(*w, l));
    }
    DeadlineView {
        label: l.t(&d.rule.label_id, &d.rule.label_en).to_string(),
        legal_basis: d.rule.legal_basis.clone(),
        start: l.date_long(c.start),
        due: l.date_long(c.due),
        state: state_of(d.status),
        explanation,
    }
}

fn options<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str, label: impl Fn(T) -> String) -> Vec<(String, String)> {
    all.iter().map(|x| (code(*x).to_string(), label(*x))).collect()
}

fn with_any(l: Lang, mut options: Vec<(String, String)>) -> Vec<(String, String)> {
    options.insert(0, (String::new(), l.t("Semua", "All").to_string()));
    options
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    jenis: Option<String>,
    status: Option<String>,
    page: Option<i64>,
}

#[get("/pp-pkb")]
async fn list(state: State, user: SignedIn, q: web::Query<ListQuery>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let kind = trimmed(&q.jenis);
    let status = trimmed(&q.status);
    if kind.as_deref().is_some_and(|k| Kind::parse(k).is_none())
        || status.as_deref().is_some_and(|s| Status::parse(s).is_none())
    {
        return Err(Error::invalid("invalid_parameter", "jenis", "Saringan tidak dikenal.", "Unknown filter."));
    }
    let page = crate::api::page_param(q.page)?;
    let filter = SubmissionFilter { kind: kind.clone(), status: status.clone(), ..Default::default() };
    let (actor, settings, today, size) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.settings.regulations.page_size);
    let (queue, (rows, total)) = state
        .db
        .run(move |c| {
            Ok((service::queue(c, &actor, &settings, today)?, service::list(c, &actor, &filter, page, size)?))
        })
        .await?;
    let values: Vec<(String, String)> =
        [("jenis", kind), ("status", status)].into_iter().filter_map(|(k, v)| v.map(|v| (k.to_string(), v))).collect();
    let view = ListView {
        queue: queue
            .iter()
            .map(|e| {
                let (label, tone) = status_of(&e.row.kind, &e.row.status, l);
                QueueRowView {
                    id: e.row.id.clone(),
                    company: e.company_name.clone(),
                    kind: kind_label(&e.row.kind, l),
                    purpose: purpose_label(&e.row.purpose, l),
                    status: label,
                    tone,
                    received: e.row.received_on.map(|d| l.date_long(d)).unwrap_or_default(),
                    next: e.next.as_ref().map(|d| {
                        (
                            l.t(&d.rule.label_id, &d.rule.label_en).to_string(),
                            state_of(d.status),
                            l.date_long(d.computation.due),
                        )
                    }),
                    outer_due: e.outer_due.map(|d| l.date_long(d)),
                    approaching: e.approaching_limit,
                }
            })
            .collect(),
        rows: rows
            .iter()
            .map(|(r, company)| {
                let (label, tone) = status_of(&r.kind, &r.status, l);
                SubmissionRowView {
                    id: r.id.clone(),
                    company: company.clone(),
                    kind: kind_label(&r.kind, l),
                    purpose: purpose_label(&r.purpose, l),
                    status: label,
                    tone,
                    created: l.date_long(r.created_at.date()),
                }
            })
            .collect(),
        base: format!("/pp-pkb?{}", serde_urlencoded::to_string(&values).unwrap_or_default()),
        values,
        kinds: with_any(l, options(&Kind::ALL, Kind::as_str, |k| k.short().to_string())),
        statuses: with_any(l, options(&Status::ALL, Status::as_str, |s| s.label(Kind::Pp, l).to_string())),
        page,
        page_size: size,
        total,
        can_file: service::can_file(&user.actor),
        is_company: user.actor.role == crate::accounts::Role::Perusahaan,
    };
    Ok(html(list_page(&page_ctx(&state, &user.ctx, NAV), &view)))
}

async fn company_options(state: &State, user: &SignedIn) -> Result<Vec<(String, String)>, Error> {
    let actor = user.actor.clone();
    let companies = state.db.run(move |c| service::my_companies(c, &actor)).await?;
    Ok(companies.into_iter().map(|c| (c.id, c.name)).collect())
}

fn purposes(l: Lang) -> Vec<(String, String)> {
    options(&Purpose::ALL, Purpose::as_str, |p| p.label(l).to_string())
}

#[derive(Debug, Deserialize)]
struct NewQuery {
    jenis: Option<String>,
    perusahaan_id: Option<String>,
    maksud: Option<String>,
    ganti: Option<String>,
}

#[get("/pp-pkb/baru")]
async fn new_form(state: State, user: SignedIn, q: web::Query<NewQuery>) -> Result<HttpResponse, Error> {
    service::scope(&user.actor)?;
    if !service::can_file(&user.actor) {
        return Err(Error::Forbidden);
    }
    let values =
        [("kind", &q.jenis), ("company_id", &q.perusahaan_id), ("purpose", &q.maksud), ("replaces_id", &q.ganti)]
            .into_iter()
            .filter_map(|(k, v)| trimmed(v).map(|v| (k.to_string(), v)))
            .collect();
    let view = FormView {
        values,
        errors: FormErrors::default(),
        companies: company_options(&state, &user).await?,
        purposes: purposes(user.ctx.lang),
    };
    Ok(html(form_page(&page_ctx(&state, &user.ctx, NAV), &view)))
}

#[post("/pp-pkb")]
async fn create(state: State, user: SignedIn, form: web::Form<Vec<(String, String)>>) -> Result<HttpResponse, Error> {
    let fields = form.into_inner();
    let input = SubmissionInput {
        kind: form_field(&fields, "kind"),
        company_id: form_field(&fields, "company_id"),
        nib: form_field(&fields, "nib"),
        purpose: form_field(&fields, "purpose"),
        replaces_id: form_field(&fields, "replaces_id"),
        details: DetailsInput::default(),
    };
    let (actor, now) = (user.actor.clone(), state.now());
    match state.db.run(move |c| service::create(c, &actor, &input, now)).await {
        Ok(row) => Ok(see_other(&format!("/pp-pkb/{}", row.id))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let view = FormView {
                values: fields,
                errors,
                companies: company_options(&state, &user).await?,
                purposes: purposes(user.ctx.lang),
            };
            Ok(html_status(status, form_page(&page_ctx(&state, &user.ctx, NAV), &view)))
        }
    }
}

fn doc_link(d: &crate::documents::model::DocumentRow, l: Lang) -> (String, String, String) {
    (d.filename.clone(), format!("/berkas/{}", d.id), l.datetime_long(d.created_at))
}

fn validity(r: &RegulationRow, l: Lang) -> String {
    let mut s = format!("{} – {}", l.date_long(r.valid_from), l.date_long(r.valid_until));
    if let Some(e) = r.extended_until {
        s += &format!(" ({} {})", l.t("diperpanjang sampai", "extended to"), l.date_long(e));
    }
    s
}

async fn submission_view(
    state: &State,
    user: &SignedIn,
    id: String,
    values: Vec<(String, String)>,
    errors: FormErrors,
    step_errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let (d, letters) = state
        .db
        .run(move |c| {
            let d = service::detail(c, &actor, &id, &settings, today, now)?;
            let letters = crate::letters::web::section(
                c,
                &actor,
                crate::letters::rules::OwnerKind::Submission,
                &d.row.id,
                crate::letters::sources::submission_candidates(&d),
            )?;
            Ok((d, letters))
        })
        .await?;
    let r = &d.row;
    let values = if values.is_empty() {
        vec![
            ("advice_from".to_string(), r.advice_from.clone().unwrap_or_default()),
            ("pkb_starts_on".to_string(), r.pkb_starts_on.map(|d| d.to_string()).unwrap_or_default()),
            ("pkb_term_months".to_string(), r.pkb_term_months.map(|m| m.to_string()).unwrap_or_default()),
        ]
    } else {
        values
    };
    let last_round = d.reviews.iter().map(|x| x.round).max();
    let last: Vec<_> = d.reviews.iter().filter(|x| Some(x.round) == last_round).collect();
    let correction_round = d.history.iter().any(|(h, _)| h.action == Action::Correction.code());
    let view = SubmissionView {
        letters,
        id: r.id.clone(),
        title: format!("{} — {}", d.kind.short(), d.company.name),
        company: d.company.name.clone(),
        company_href: format!("/perusahaan/{}", d.company.id),
        kind_code: d.kind.as_str().into(),
        kind: d.kind.label(l).into(),
        purpose: purpose_label(&r.purpose, l),
        status: d.status.label(d.kind, l).into(),
        tone: Some(status_tone(d.status)),
        received: r.received_on.map(|x| l.date_long(x)),
        first_received: r.first_received_on.map(|x| l.date_long(x)),
        via: r.received_via.as_deref().map(|v| if v == "daring" { l.t("daring", "online") } else { l.t("di loket", "at the counter") }.to_string()),
        advice_from: r.advice_from.as_deref().and_then(AdviceFrom::parse).map(|a| a.label(l).to_string()),
        pkb_term: r.pkb_starts_on.zip(r.pkb_term_months).map(|(s, m)| {
            let end = crate::regulations::rules::pkb_valid_until(s, m as u32);
            format!("{} {} ({} – {})", m, l.t("bulan", "months"), l.date_long(s), l.date_long(end))
        }),
        unions: d.unions.iter().map(|u| format!("{} ({} {}, {})", u.name, l.t("pencatatan", "registration"), u.registration_number, l.date_long(u.registered_on))).collect(),
        deadlines: d.deadlines.iter().map(|x| deadline_view(x, l)).collect(),
        deemed_warning: d.deemed_warning_on.map(|w| match l {
            Lang::Id => format!("Pimpinan dan petugas diperingatkan pada {} bila SK belum terbit; sesudah batas 30 hari kerja PP yang memenuhi syarat dianggap disahkan (UU 13/2003 Pasal 112 ayat (2)).", l.date_long(w)),
            Lang::En => format!("The head and desk are warned on {} if no decree has been issued; after the 30 working-day limit a compliant PP is deemed ratified (UU 13/2003 Art. 112(2)).", l.date_long(w)),
        }),
        gaps: d.gaps.iter().map(|g| g.label(d.kind, l)).collect(),
        slots: d
            .documents
            .iter()
            .filter(|(s, docs)| d.required_slots.contains(s) || !docs.is_empty())
            .map(|(s, docs)| SlotView {
                code: s.code().into(),
                label: s.label(d.kind, l).into(),
                required: d.required_slots.contains(s),
                documents: docs.iter().map(|x| doc_link(x, l)).collect(),
            })
            .collect(),
        can_edit: d.can_edit,
        offered: d.offered.iter().map(|a| a.code().to_string()).collect(),
        is_desk: user.actor.role == crate::accounts::Role::Petugas,
        checklist: d
            .checklist
            .iter()
            .map(|i| {
                let prev = last.iter().find(|x| x.item == i.code());
                ItemView {
                    code: i.code().into(),
                    label: i.label(l).into(),
                    legal_basis: i.legal_basis().into(),
                    last: prev.map(|x| x.met),
                    reason: prev.map(|x| x.reason.clone()).unwrap_or_default(),
                }
            })
            .collect(),
        correction: if d.status == Status::Perbaikan || (correction_round && d.status == Status::Gugur) {
            last.iter().filter(|x| !x.met).map(|x| (Item::parse(&x.item).map(|i| i.label(l).to_string()).unwrap_or_else(|| x.item.clone()), x.reason.clone())).collect()
        } else {
            Vec::new()
        },
        correction_href: correction_round.then(|| format!("/pp-pkb/{}/perbaikan", r.id)),
        regulation: d.regulation.as_ref().map(|g| RegulationResultView {
            id: g.id.clone(),
            title: if g.origin == "dianggap" { l.t("PP dianggap disahkan", "PP deemed ratified").to_string() } else { d.kind.decision_label(l).to_string() },
            number: if g.number.is_empty() { l.t("tanpa SK (dianggap disahkan menurut UU 13/2003 Pasal 112 ayat (2))", "no decree (deemed ratified under UU 13/2003 Art. 112(2))").to_string() } else { g.number.clone() },
            validity: validity(g, l),
            letter_href: (!g.number.is_empty()).then(|| format!("/pp-pkb/{}/surat", r.id)),
        }),
        history: d
            .history
            .iter()
            .map(|(h, name)| HistoryView {
                when: l.date_long(h.effective_on),
                action: Action::label_of(&h.action, d.kind, l),
                by: match name {
                    Some(n) => format!("{n} ({})", crate::accounts::Role::parse(&h.actor_role).map(|r| r.label(l).to_string()).unwrap_or_else(|| h.actor_role.clone())),
                    None => l.t("Harmoni (otomatis)", "Harmoni (automatic)").into(),
                },
                note: h.note.clone(),
            })
            .collect(),
        advice_options: {
            let mut o = vec![(String::new(), l.t("— pilih —", "— choose —").to_string())];
            o.extend(options(&AdviceFrom::ALL, AdviceFrom::as_str, |a| a.label(l).to_string()));
            o
        },
        union_options: d
            .office_unions
            .iter()
            .map(|u| (u.id.clone(), format!("{} ({} {})", u.name, l.t("no.", "no."), u.registration_number), d.unions.iter().any(|x| x.id == u.id)))
            .collect(),
        values,
        errors,
        step_errors,
        today: state.today().to_string(),
    };
    Ok(html_status(status, submission_page(&page_ctx(state, &user.ctx, NAV), &view)))
}

#[get("/pp-pkb/{id}")]
async fn detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let none = FormErrors::default;
    submission_view(&state, &user, id.into_inner(), Vec::new(), none(), none(), StatusCode::OK).await
}

#[post("/pp-pkb/{id}/data")]
async fn update_details(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let (id, fields) = (id.into_inner(), form.into_inner());
    let input = DetailsInput {
        advice_from: form_field(&fields, "advice_from"),
        pkb_starts_on: form_field(&fields, "pkb_starts_on"),
        pkb_term_months: form_field(&fields, "pkb_term_months"),
        union_ids: fields.iter().filter(|(k, _)| k == "union_ids").map(|(_, v)| v.clone()).collect(),
    };
    let (actor, now, sid) = (user.actor.clone(), state.now(), id.clone());
    match state.db.run(move |c| service::update_details(c, &actor, &sid, &input, now)).await {
        Ok(_) => Ok(see_other(&format!("/pp-pkb/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            submission_view(&state, &user, id, fields, errors, FormErrors::default(), status).await
        }
    }
}

/// Uploads a document into a slot (multipart; the CSRF token travels in the URL).
#[post("/pp-pkb/{id}/dokumen/{slot}")]
async fn upload(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    // Refused before anything is written to the storage directory.
    if !service::can_file(&user.actor) {
        return Err(Error::Forbidden);
    }
    let (id, slot) = path.into_inner();
    let result = match crate::documents::web::required_upload(&state, payload).await {
        Ok(stored) => {
            let (actor, now, sid) = (user.actor.clone(), state.now(), id.clone());
            state.db.run(move |c| service::attach(c, &actor, &sid, &slot, &stored, now)).await.map(|_| ())
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/pp-pkb/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            submission_view(&state, &user, id, Vec::new(), FormErrors::default(), errors, status).await
        }
    }
}

async fn run_step(state: State, user: SignedIn, id: String, input: StepInput) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now, sid) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone());
    match state.db.run(move |c| service::take_step(c, &actor, &sid, &input, &settings, today, now)).await {
        Ok(_) => Ok(see_other(&format!("/pp-pkb/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            submission_view(&state, &user, id, Vec::new(), FormErrors::default(), errors, status).await
        }
    }
}

#[post("/pp-pkb/{id}/langkah")]
async fn step(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let fields = form.into_inner();
    let input = StepInput {
        action: form_field(&fields, "action"),
        received_on: form_field(&fields, "received_on"),
        items: Vec::new(),
        note: form_field(&fields, "note"),
    };
    run_step(state, user, id.into_inner(), input).await
}

/// The desk's checklist: `met_<item>` = ya/tidak and `reason_<item>` per item; unanswered
/// items are left out, so the rules refuse an incomplete review.
#[post("/pp-pkb/{id}/periksa")]
async fn review(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let fields = form.into_inner();
    let items = Item::ALL
        .iter()
        .filter_map(|i| {
            let met = match form_field(&fields, &format!("met_{}", i.code())).as_str() {
                "ya" => true,
                "tidak" => false,
                _ => return None,
            };
            Some(ReviewItemInput {
                item: i.code().into(),
                met,
                reason: form_field(&fields, &format!("reason_{}", i.code())),
            })
        })
        .collect();
    let input = StepInput {
        action: form_field(&fields, "action"),
        received_on: String::new(),
        items,
        note: form_field(&fields, "note"),
    };
    run_step(state, user, id.into_inner(), input).await
}

fn contact_line(o: &crate::offices::model::Office) -> String {
    [&o.address, &o.phone, &o.email, &o.website]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ")
}

async fn load_detail(state: &State, user: &SignedIn, id: String) -> Result<Detail, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    state.db.run(move |c| service::detail(c, &actor, &id, &settings, today, now)).await
}

/// The SK Pengesahan PP or the PKB registration letter, printable on A4.
#[get("/pp-pkb/{id}/surat")]
async fn letter(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let d = load_detail(&state, &user, id.into_inner()).await?;
    let reg = d.regulation.as_ref().filter(|r| !r.number.is_empty()).ok_or(Error::NotFound)?;
    let c = &d.company;
    let mut paragraphs = match d.kind {
        Kind::Pp => vec![
            match l {
                Lang::Id => format!("Menimbang permohonan pengesahan Peraturan Perusahaan dari {} yang diterima pada {} dan telah diperiksa memenuhi syarat, berdasarkan Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan Pasal 108 sampai dengan Pasal 115 dan Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014,", c.name, d.row.received_on.map(|x| l.date_long(x)).unwrap_or_default()),
                Lang::En => format!("Considering the application of {} to ratify its company regulation, received on {} and found compliant, under Law 13/2003 on Manpower Articles 108-115 and Minister of Manpower Regulation 28/2014,", c.name, d.row.received_on.map(|x| l.date_long(x)).unwrap_or_default()),
            },
            l.t("MEMUTUSKAN:", "DECIDES:").to_string(),
            match l {
                Lang::Id => format!("KESATU: Mengesahkan Peraturan Perusahaan {} (NIB {}), beralamat di {}.", c.name, c.nib, c.address),
                Lang::En => format!("FIRST: To ratify the company regulation of {} (NIB {}), of {}.", c.name, c.nib, c.address),
            },
            match l {
                Lang::Id => format!("KEDUA: Peraturan Perusahaan ini berlaku sejak {} sampai dengan {} (paling lama 2 tahun, UU 13/2003 Pasal 111 ayat (3)), dan wajib diperbarui sebelum berakhir.", l.date_long(reg.valid_from), l.date_long(reg.valid_until)),
                Lang::En => format!("SECOND: This company regulation is valid from {} to {} (at most 2 years, Law 13/2003 Art. 111(3)) and must be renewed before it ends.", l.date_long(reg.valid_from), l.date_long(reg.valid_until)),
            },
            l.t("KETIGA: Pengusaha wajib memberitahukan dan menjelaskan isi serta memberikan naskah Peraturan Perusahaan kepada pekerja (UU 13/2003 Pasal 114).", "THIRD: The employer must inform the workers of the regulation, explain it and hand them its text (Law 13/2003 Art. 114).").to_string(),
        ],
        Kind::Pkb => vec![
            match l {
                Lang::Id => format!("Perjanjian Kerja Bersama antara {} (NIB {}) dan {} telah didaftarkan pada {} berdasarkan UU 13/2003 Pasal 132 dan Permenaker 28/2014.", c.name, c.nib, d.unions.iter().map(|u| format!("{} (nomor pencatatan {}, {})", u.name, u.registration_number, l.date_long(u.registered_on))).collect::<Vec<_>>().join(", "), d.office.name),
                Lang::En => format!("The collective agreement between {} (NIB {}) and {} has been registered at {} under Law 13/2003 Art. 132 and Minister of Manpower Regulation 28/2014.", c.name, c.nib, d.unions.iter().map(|u| format!("{} (registration {}, {})", u.name, u.registration_number, l.date_long(u.registered_on))).collect::<Vec<_>>().join(", "), d.office.name),
            },
            match l {
                Lang::Id => format!("PKB berlaku sejak {} sampai dengan {}.", l.date_long(reg.valid_from), l.date_long(reg.valid_until)),
                Lang::En => format!("The agreement is valid from {} to {}.", l.date_long(reg.valid_from), l.date_long(reg.valid_until)),
            },
        ],
    };
    if let Some(e) = reg.extended_until {
        paragraphs.push(format!("{} {}.", l.t("Catatan: diperpanjang sampai", "Note: extended to"), l.date_long(e)));
    }
    let view = LetterView {
        back_href: format!("/pp-pkb/{}", d.row.id),
        letterhead_government: d.office.letterhead_government.clone(),
        letterhead_office: d.office.letterhead_office.clone(),
        contact_line: contact_line(&d.office),
        region_name: d.office.region_name.clone(),
        title: match d.kind {
            Kind::Pp => l
                .t(
                    "KEPUTUSAN KEPALA DINAS TENTANG PENGESAHAN PERATURAN PERUSAHAAN",
                    "DECREE ON THE RATIFICATION OF A COMPANY REGULATION",
                )
                .to_string(),
            Kind::Pkb => {
                l.t("SURAT PENDAFTARAN PERJANJIAN KERJA BERSAMA", "REGISTRATION OF A COLLECTIVE AGREEMENT").to_string()
            }
        },
        number: reg.number.clone(),
        paragraphs,
        items: Vec::new(),
        closing: Vec::new(),
        date: l.date_long(reg.issued_on),
        signatory_title: state.settings.regulations.signatory_title.clone(),
        signatory_name: d.signer_name.clone().unwrap_or_default(),
    };
    Ok(html(letter_page(l, &view)))
}

/// The latest correction notice, printable on A4.
#[get("/pp-pkb/{id}/perbaikan")]
async fn correction_letter(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let d = load_detail(&state, &user, id.into_inner()).await?;
    let (entry, _) =
        d.history.iter().rev().find(|(h, _)| h.action == Action::Correction.code()).ok_or(Error::NotFound)?;
    let round = d
        .reviews
        .iter()
        .filter(|r| r.reviewed_on <= entry.effective_on)
        .map(|r| r.round)
        .max()
        .ok_or(Error::NotFound)?;
    let items: Vec<(String, String)> = d
        .reviews
        .iter()
        .filter(|r| r.round == round && !r.met)
        .map(|r| {
            (Item::parse(&r.item).map(|i| i.label(l).to_string()).unwrap_or_else(|| r.item.clone()), r.reason.clone())
        })
        .collect();
    let rule = state.settings.deadline_rules.get(d.kind.correction_rule()).cloned();
    let calendar_due =
        d.deadlines.iter().find(|x| x.rule.code == d.kind.correction_rule()).map(|x| l.date_long(x.computation.due));
    let view = LetterView {
        back_href: format!("/pp-pkb/{}", d.row.id),
        letterhead_government: d.office.letterhead_government.clone(),
        letterhead_office: d.office.letterhead_office.clone(),
        contact_line: contact_line(&d.office),
        region_name: d.office.region_name.clone(),
        title: l.t("PEMBERITAHUAN PERBAIKAN", "CORRECTION NOTICE").to_string(),
        number: String::new(),
        paragraphs: vec![
            format!("{} {}", l.t("Kepada Yth. Pimpinan", "To the management of"), d.company.name),
            match l {
                Lang::Id => format!("Setelah kami periksa, {} yang diterima pada {} belum memenuhi persyaratan berikut:", d.kind.label(l), d.row.received_on.map(|x| l.date_long(x)).unwrap_or_default()),
                Lang::En => format!("On review, the {} received on {} does not yet meet the following requirements:", d.kind.label(l), d.row.received_on.map(|x| l.date_long(x)).unwrap_or_default()),
            },
        ],
        items,
        closing: vec![match l {
            Lang::Id => format!("Mohon naskah yang telah diperbaiki disampaikan kembali paling lambat {} ({} hari kerja sejak pemberitahuan ini, {}). Apabila tidak disampaikan kembali, proses dimulai dari awal.", calendar_due.unwrap_or_else(|| "-".into()), rule.as_ref().map(|r| r.days).unwrap_or(14), rule.as_ref().map(|r| r.legal_basis.clone()).unwrap_or_default()),
            Lang::En => format!("Please resubmit the corrected text by {} ({} working days from this notice, {}). Otherwise the process starts over.", calendar_due.unwrap_or_else(|| "-".into()), rule.as_ref().map(|r| r.days).unwrap_or(14), rule.as_ref().map(|r| r.legal_basis.clone()).unwrap_or_default()),
        }],
        date: l.date_long(entry.effective_on),
        signatory_title: state.settings.regulations.signatory_title.clone(),
        signatory_name: String::new(),
    };
    Ok(html(letter_page(l, &view)))
}

#[derive(Debug, Deserialize)]
struct RegQuery {
    perusahaan_id: Option<String>,
    page: Option<i64>,
}

fn regulation_status(r: &RegulationRow, today: chrono::NaiveDate, l: Lang) -> (String, Tone) {
    if r.counts_from() > today {
        (l.t("Belum berlaku", "Not yet in force").into(), Tone::Neutral)
    } else if today > r.ends_on() {
        (format!("{} {}", l.t("Berakhir", "Expired"), l.date_long(r.ends_on())), Tone::Bad)
    } else {
        (l.t("Berlaku", "In force").into(), Tone::Good)
    }
}

fn origin_label(origin: &str, l: Lang) -> String {
    match origin {
        "sk" => l.t("SK Pengesahan Disnaker", "Office ratification decree"),
        "dianggap" => l.t("Dianggap disahkan", "Deemed ratified"),
        "pendaftaran" => l.t("Didaftarkan di Disnaker", "Registered at the office"),
        _ => l.t("Dari provinsi/kementerian", "From the province/ministry"),
    }
    .to_string()
}

#[get("/pp-pkb/berlaku")]
async fn regulation_list(state: State, user: SignedIn, q: web::Query<RegQuery>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let page = crate::api::page_param(q.page)?;
    let company = trimmed(&q.perusahaan_id);
    let (actor, size, c2) = (user.actor.clone(), state.settings.regulations.page_size, company.clone());
    let (rows, total) = state.db.run(move |c| service::regulations(c, &actor, c2.as_deref(), page, size)).await?;
    let today = state.today();
    let view = RegulationListView {
        rows: rows
            .iter()
            .map(|(r, name)| {
                let (status, tone) = regulation_status(r, today, l);
                RegulationRowView {
                    id: r.id.clone(),
                    company: name.clone(),
                    kind: kind_label(&r.kind, l),
                    origin: origin_label(&r.origin, l),
                    number: if r.number.is_empty() { "-".into() } else { r.number.clone() },
                    validity: validity(r, l),
                    status,
                    tone,
                }
            })
            .collect(),
        base: match &company {
            Some(c) => format!("/pp-pkb/berlaku?perusahaan_id={c}"),
            None => "/pp-pkb/berlaku".into(),
        },
        page,
        page_size: size,
        total,
        can_file: service::can_file(&user.actor),
    };
    Ok(html(regulation_list_page(&page_ctx(&state, &user.ctx, NAV), &view)))
}

async fn regulation_view(
    state: &State,
    user: &SignedIn,
    id: String,
    values: Vec<(String, String)>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let (actor, settings, today) = (user.actor.clone(), state.settings.clone(), state.today());
    let d = state.db.run(move |c| service::regulation(c, &actor, &id, &settings, today)).await?;
    let r = &d.reg;
    let (label, tone) = regulation_status(r, today, l);
    let mut facts = vec![
        (l.t("Asal", "Origin").to_string(), origin_label(&r.origin, l)),
        (l.t("Penerbit", "Issuer").to_string(), r.issuer_name.clone()),
        (l.t("Nomor", "Number").to_string(), if r.number.is_empty() { "-".into() } else { r.number.clone() }),
        (l.t("Tanggal", "Date").to_string(), l.date_long(r.issued_on)),
        (l.t("Masa berlaku", "Validity").to_string(), validity(r, l)),
    ];
    if !r.extension_note.is_empty() {
        facts.push((l.t("Dasar perpanjangan", "Basis of the extension").to_string(), r.extension_note.clone()));
    }
    if let Some(on) = r.renewal_reminded_on {
        facts.push((l.t("Pengingat pembaruan dikirim", "Renewal reminder sent").to_string(), l.date_long(on)));
    }
    let view = RegulationView {
        id: r.id.clone(),
        title: format!("{} — {}", Kind::parse(&r.kind).map(|k| k.short()).unwrap_or("PP"), d.company.name),
        company: d.company.name.clone(),
        company_href: format!("/perusahaan/{}", d.company.id),
        kind_code: r.kind.clone(),
        facts,
        status: label,
        tone: Some(tone),
        renewal: d.renewal.as_ref().filter(|_| d.in_force).map(|x| deadline_view(x, l)),
        documents: d.documents.iter().map(|x| (x.filename.clone(), format!("/berkas/{}", x.id))).collect(),
        submission_href: r.submission_id.as_ref().map(|s| format!("/pp-pkb/{s}")),
        can_extend: d.can_extend,
        values,
        errors,
    };
    Ok(html_status(status, regulation_page(&page_ctx(state, &user.ctx, NAV), &view)))
}

#[get("/pp-pkb/berlaku/{id}")]
async fn regulation_detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    regulation_view(&state, &user, id.into_inner(), Vec::new(), FormErrors::default(), StatusCode::OK).await
}

#[post("/pp-pkb/berlaku/{id}/perpanjang")]
async fn extend(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    if !service::can_file(&user.actor) {
        return Err(Error::Forbidden);
    }
    let id = id.into_inner();
    let (fields, stored) = form_with_file(&state, payload).await?;
    let input = ExtensionInput {
        extended_until: form_field(&fields, "extended_until"),
        pkb_negotiating: matches!(form_field(&fields, "pkb_negotiating").as_str(), "true" | "1" | "on"),
        note: form_field(&fields, "note"),
    };
    let (actor, settings, today, now, rid) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone());
    let result = match stored {
        Ok(file) => {
            state.db.run(move |c| service::extend(c, &actor, &rid, &input, file.as_ref(), &settings, today, now)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/pp-pkb/berlaku/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            regulation_view(&state, &user, id, fields, errors, status).await
        }
    }
}

#[get("/pp-pkb/eksternal/baru")]
async fn external_form(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    service::scope(&user.actor)?;
    if !service::can_file(&user.actor) {
        return Err(Error::Forbidden);
    }
    let view = ExternalFormView {
        values: vec![("issuer_level".into(), "provinsi".into())],
        errors: FormErrors::default(),
        companies: company_options(&state, &user).await?,
    };
    Ok(html(external_form_page(&page_ctx(&state, &user.ctx, NAV), &view)))
}

#[post("/pp-pkb/eksternal")]
async fn record_external(
    state: State,
    user: SignedIn,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    service::scope(&user.actor)?;
    if !service::can_file(&user.actor) {
        return Err(Error::Forbidden);
    }
    let (fields, stored) = form_with_file(&state, payload).await?;
    let input = ExternalInput {
        kind: form_field(&fields, "kind"),
        company_id: form_field(&fields, "company_id"),
        nib: form_field(&fields, "nib"),
        issuer_level: form_field(&fields, "issuer_level"),
        issuer_name: form_field(&fields, "issuer_name"),
        number: form_field(&fields, "number"),
        issued_on: form_field(&fields, "issued_on"),
        valid_from: form_field(&fields, "valid_from"),
        valid_until: form_field(&fields, "valid_until"),
    };
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let result = match stored {
        Ok(file) => {
            state
                .db
                .run(move |c| service::record_external(c, &actor, &input, file.as_ref(), &settings, today, now))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(reg) => Ok(see_other(&format!("/pp-pkb/berlaku/{}", reg.id))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let view = ExternalFormView { values: fields, errors, companies: company_options(&state, &user).await? };
            Ok(html_status(status, external_form_page(&page_ctx(&state, &user.ctx, NAV), &view)))
        }
    }
}
