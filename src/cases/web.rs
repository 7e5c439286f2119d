//! Dispute case pages: the list and the deadline workbench, the complaint form, the case page
//! with the steps the user may take, the receipt, and public tracking.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use harmoni_templates::components::FormErrors;
use harmoni_templates::pages::cases::{
    case_list_page, case_page, complaint_form_page, receipt_page, risalah_page, tracking_page, CaseListView,
    CaseRowView, CaseView, ComplaintFormView, DeadlineView, ReceiptView, RisalahView, StepField, StepFormView,
    TrackingView,
};
use harmoni_templates::{Lang, PageCtx};
use serde::Deserialize;

use crate::accounts::Role;
use crate::calendar::rules::DeadlineStatus;
use crate::cases::model::CaseRow;
use crate::cases::rules::{DisputeType, Forum, Side, Status};
use crate::cases::service::{self, BipartiteInput, CaseDeadline, CaseDetail, ComplaintInput, StepInput, WorkerInput};
use crate::documents::web::form_with_file;
use crate::error::Error;
use crate::http::{form_errors, form_field, html, html_status, page_ctx, see_other, RequestCtx, SignedIn, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(by_deadline)
        .service(new_complaint)
        .service(track_form)
        .service(track_submit)
        .service(create)
        .service(detail)
        .service(receipt)
        .service(risalah)
        .service(take_step)
        .service(add_evidence);
}

fn state_of(s: DeadlineStatus) -> harmoni_templates::components::DeadlineState {
    crate::calendar::web::state_of(s)
}

fn deadline_view(d: &CaseDeadline, l: Lang) -> DeadlineView {
    let side = d.side.map(|s| format!(" ({})", s.label(l))).unwrap_or_default();
    let mut explanation = match l {
        Lang::Id => format!("{} hari kerja", d.computation.working_days),
        Lang::En => format!("{} working days", d.computation.working_days),
    };
    if d.extra_working_days > 0 {
        explanation += &match l {
            Lang::Id => format!(", termasuk {} hari kerja klarifikasi yang tidak dihitung", d.extra_working_days),
            Lang::En => {
                format!(", including {} working days of clarification, which do not count", d.extra_working_days)
            }
        };
    }
    if !d.computation.skipped.is_empty() {
        let days: Vec<String> =
            d.computation.skipped.iter().map(|s| crate::calendar::web::skip_text(&s.reason, s.date, l)).collect();
        explanation += &format!("; {}: {}", l.t("dilewati", "skipped"), days.join(", "));
    }
    explanation += ".";
    DeadlineView {
        label: format!("{}{side}", l.t(&d.rule.label_id, &d.rule.label_en)),
        legal_basis: d.rule.legal_basis.clone(),
        start: d.computation.start.to_string(),
        due: d.computation.due.to_string(),
        state: state_of(d.status),
        explanation,
    }
}

fn number_of(c: &CaseRow) -> String {
    c.case_number.clone().unwrap_or_else(|| c.reference.clone())
}

fn status_label(code: &str, l: Lang) -> String {
    Status::parse(code).map(|s| s.label(l).to_string()).unwrap_or_else(|| code.to_string())
}

fn type_label(code: &str, l: Lang) -> String {
    DisputeType::parse(code).map(|t| t.label(l).to_string()).unwrap_or_else(|| code.to_string())
}

fn row_view(c: &CaseRow, next: Option<&CaseDeadline>, l: Lang) -> CaseRowView {
    CaseRowView {
        id: c.id.clone(),
        number: number_of(c),
        dispute_type: type_label(&c.dispute_type, l),
        company: c.company_name.clone(),
        status: status_label(&c.status, l),
        closed: Status::parse(&c.status).is_some_and(|s| s.is_final()),
        next: next.map(|d| {
            (l.t(&d.rule.label_id, &d.rule.label_en).to_string(), state_of(d.status), d.computation.due.to_string())
        }),
    }
}

fn can_file(role: Role) -> bool {
    matches!(role, Role::Pekerja | Role::Perusahaan | Role::Petugas)
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    status: Option<String>,
    jenis: Option<String>,
    q: Option<String>,
    page: Option<i64>,
}

#[get("/kasus")]
async fn list(state: State, user: SignedIn, q: web::Query<ListQuery>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let page = crate::api::page_param(q.page)?;
    let f = service::list_filter(&q.status, &q.jenis, &None, &None, &q.q)?;
    let actor = user.actor.clone();
    let (rows, total) = state.db.run(move |c| service::list(c, &actor, &f, page)).await?;
    let mut statuses = vec![(String::new(), l.t("Semua tahap", "All stages").to_string())];
    statuses.extend(Status::ALL.iter().map(|s| (s.as_str().to_string(), s.label(l).to_string())));
    let mut types = vec![(String::new(), l.t("Semua jenis", "All types").to_string())];
    types.extend(DisputeType::ALL.iter().map(|t| (t.as_str().to_string(), t.label(l).to_string())));
    let filters =
        [("status", &q.status), ("jenis", &q.jenis), ("q", &q.q)].map(|(k, v)| (k, v.as_deref().unwrap_or_default()));
    let base = format!("/kasus?{}", serde_urlencoded::to_string(filters).unwrap_or_default());
    let view = CaseListView {
        title: l.t("Kasus perselisihan", "Dispute cases").into(),
        rows: rows.iter().map(|c| row_view(c, None, l)).collect(),
        total,
        page,
        per_page: service::PAGE_SIZE,
        base,
        can_file: can_file(user.actor.role),
        statuses,
        types,
        status: q.status.clone().unwrap_or_default(),
        dispute_type: q.jenis.clone().unwrap_or_default(),
        q: q.q.clone().unwrap_or_default(),
        workbench: false,
    };
    Ok(html(case_list_page(&page_ctx(&state, &user.ctx, "/kasus"), &view)))
}

/// Open cases by nearest deadline: a mediator's own, the office's for the desk and the head.
#[get("/kasus/tenggat")]
async fn by_deadline(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let rows = state.db.run(move |c| service::workbench(c, &settings, &actor, today, now)).await?;
    let view = CaseListView {
        title: l.t("Kasus menurut tenggat terdekat", "Cases by nearest deadline").into(),
        rows: rows.iter().map(|(c, d)| row_view(c, d.as_ref(), l)).collect(),
        total: rows.len() as i64,
        page: 1,
        per_page: rows.len().max(1) as i64,
        can_file: can_file(user.actor.role),
        workbench: true,
        ..Default::default()
    };
    Ok(html(case_list_page(&page_ctx(&state, &user.ctx, "/kasus"), &view)))
}

async fn complaint_form(
    state: &State,
    user: &SignedIn,
    values: Vec<(String, String)>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let actor = user.actor.clone();
    let companies = if actor.role == Role::Perusahaan {
        state
            .db
            .run(move |c| {
                let scope = crate::companies::service::scope(&actor)?;
                let f = crate::companies::model::CompanyQuery::default();
                Ok(crate::companies::model::list(c, &scope, &f, 0, 100)?.0)
            })
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect()
    } else {
        Vec::new()
    };
    let key = values
        .iter()
        .find(|(k, _)| k == "submission_key")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(crate::secrets::random_token);
    let view = ComplaintFormView {
        values,
        errors,
        types: DisputeType::ALL
            .iter()
            .map(|t| (t.as_str().to_string(), t.label(l).to_string(), t.help(l).to_string()))
            .collect(),
        companies,
        walk_in: user.actor.role == Role::Petugas,
        submission_key: key,
        case_id: None,
    };
    Ok(html_status(status, complaint_form_page(&page_ctx(state, &user.ctx, "/kasus"), &view)))
}

#[get("/kasus/baru")]
async fn new_complaint(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    if !can_file(user.actor.role) {
        return Err(Error::Forbidden);
    }
    complaint_form(&state, &user, Vec::new(), FormErrors::default(), StatusCode::OK).await
}

/// The complaint form as the service takes it: the first worker from the fields, the others
/// one per line (name; NIK; mobile; position).
fn complaint_input(fields: &[(String, String)]) -> ComplaintInput {
    let mut workers = vec![WorkerInput {
        full_name: form_field(fields, "full_name"),
        nik: form_field(fields, "nik"),
        phone: form_field(fields, "phone"),
        email: String::new(),
        job_title: form_field(fields, "job_title"),
        started_on: form_field(fields, "started_on"),
        monthly_wage: form_field(fields, "monthly_wage"),
    }];
    for line in form_field(fields, "more_workers").lines().filter(|l| !l.trim().is_empty()) {
        let parts: Vec<String> = line.split(';').map(|p| p.trim().to_string()).collect();
        let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
        workers.push(WorkerInput {
            full_name: part(0),
            nik: part(1),
            phone: part(2),
            job_title: part(3),
            ..Default::default()
        });
    }
    ComplaintInput {
        dispute_type: form_field(fields, "dispute_type"),
        company_id: form_field(fields, "company_id"),
        company_name: form_field(fields, "company_name"),
        company_address: form_field(fields, "company_address"),
        union_name: form_field(fields, "union_name"),
        chronology: form_field(fields, "chronology"),
        demands: form_field(fields, "demands"),
        workers,
        contact_name: form_field(fields, "contact_name"),
        contact_phone: form_field(fields, "contact_phone"),
        contact_email: form_field(fields, "contact_email"),
        identity_checked: form_field(fields, "identity_checked") == "true",
        consent_recorded: form_field(fields, "consent_recorded") == "true",
        submission_key: form_field(fields, "submission_key"),
        submit: form_field(fields, "submit") == "true",
    }
}

/// The receipt of a filing at `filed_at` (day, date and hour, as DOMAIN.md section 12 asks).
fn receipt_view(
    state: &State,
    case: &CaseRow,
    filed_at: chrono::NaiveDateTime,
    complainant: String,
    pin: Option<String>,
    l: Lang,
) -> ReceiptView {
    let office = state.office(&case.office_id);
    ReceiptView {
        office_lines: office
            .map(|o| vec![o.letterhead_government.clone(), o.letterhead_office.clone(), o.address.clone()])
            .unwrap_or_default(),
        reference: case.reference.clone(),
        case_number: case.case_number.clone(),
        filed_at: l.datetime_long(filed_at),
        dispute_type: type_label(&case.dispute_type, l),
        company: case.company_name.clone(),
        complainant,
        pin,
        tracking_url: format!("{}/lacak", state.settings.server.public_url),
    }
}

/// The receipt shown right after filing, with the PIN when one was just issued.
fn filing_receipt(state: &State, user: &SignedIn, case: &CaseRow, pin: Option<String>) -> HttpResponse {
    let complainant = case.contact_name.clone().unwrap_or_else(|| user.actor.full_name.clone());
    let view = receipt_view(state, case, case.updated_at, complainant, pin, user.ctx.lang);
    html(receipt_page(&page_ctx(state, &user.ctx, "/kasus"), &view))
}

/// Saves or files the complaint. Filing shows the receipt with the PIN at once (the PIN is
/// never shown again); a draft goes to its case page.
#[post("/kasus")]
async fn create(state: State, user: SignedIn, form: web::Form<Vec<(String, String)>>) -> Result<HttpResponse, Error> {
    let fields = form.into_inner();
    let input = complaint_input(&fields);
    let (actor, settings, today, now, i) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), input.clone());
    match state.db.run(move |c| service::file(c, &settings, &actor, &i, today, now)).await {
        Ok(filed) if filed.case.status == Status::Draf.as_str() => Ok(see_other(&format!("/kasus/{}", filed.case.id))),
        Ok(filed) => Ok(filing_receipt(&state, &user, &filed.case, filed.pin)),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            complaint_form(&state, &user, fields, errors, status).await
        }
    }
}

fn step_forms(
    d: &CaseDetail,
    mediators: &[(String, String)],
    companies: &[(String, String)],
    l: Lang,
    today: &str,
) -> Vec<StepFormView> {
    let note = |label: &str| StepField::Area { name: "note".into(), label: label.into() };
    let date = |label: &str| StepField::Date { name: "date".into(), label: label.into(), value: today.into() };
    let sides = || Side::ALL.iter().map(|s| (s.as_str().to_string(), s.label(l).to_string())).collect::<Vec<_>>();
    let mut out = Vec::new();
    for a in &d.allowed {
        let (title, help, fields): (&str, &str, Vec<StepField>) = match *a {
            "submit" => (l.t("Ajukan pengaduan", "File the complaint"), "", vec![]),
            "register" => (
                l.t("Catat perselisihan (beri nomor perkara)", "Register the dispute (give a case number)"),
                l.t(
                    "Syarat: ada bukti bipartit dan perusahaan ada di daftar perusahaan.",
                    "Requires bipartite proof and a company of the register.",
                ),
                if d.case.company_id.is_none() {
                    // Link the company the complainant typed: a likely match, or any by its NIB.
                    let mut options =
                        vec![(String::new(), l.t("— pilih perusahaan —", "— choose a company —").to_string())];
                    options.extend(companies.iter().cloned());
                    vec![
                        StepField::Select {
                            name: "company_id".into(),
                            label: l.t("Perusahaan di daftar yang cocok", "Matching company of the register").into(),
                            options,
                        },
                        StepField::Text {
                            name: "company_nib".into(),
                            label: l.t("atau NIB perusahaan (13 angka)", "or the company's NIB (13 digits)").into(),
                        },
                        note(l.t("Catatan", "Note")),
                    ]
                } else {
                    vec![note(l.t("Catatan", "Note"))]
                },
            ),
            "return" => (
                l.t("Kembalikan berkas untuk dilengkapi", "Return the file for completion"),
                "",
                vec![note(l.t("Yang harus dilengkapi", "What must be completed"))],
            ),
            "refer" => (
                l.t("Rujuk ke instansi lain", "Refer elsewhere"),
                l.t(
                    "Misalnya pelanggaran norma ke Pengawas Ketenagakerjaan Provinsi.",
                    "E.g. a norm violation to the provincial labour inspectorate.",
                ),
                vec![
                    StepField::Text { name: "referred_to".into(), label: l.t("Dirujuk ke", "Referred to").into() },
                    note(l.t("Catatan rujukan", "Referral note")),
                ],
            ),
            "forum_answer" => (
                l.t("Catat jawaban atas penawaran konsiliasi/arbitrase", "Record an answer to the offer of forum"),
                "",
                vec![
                    StepField::Select { name: "side".into(), label: l.t("Pihak", "Side").into(), options: sides() },
                    StepField::Select {
                        name: "forum".into(),
                        label: l.t("Pilihan", "Choice").into(),
                        options: Forum::ALL.iter().map(|f| (f.as_str().to_string(), f.label(l).to_string())).collect(),
                    },
                    StepField::Text {
                        name: "person".into(),
                        label: l.t("Konsiliator/arbiter yang dipilih", "Chosen conciliator/arbitrator").into(),
                    },
                ],
            ),
            "assign" | "reassign" => (
                if *a == "assign" {
                    l.t("Tunjuk mediator", "Assign a mediator")
                } else {
                    l.t("Ganti mediator", "Replace the mediator")
                },
                "",
                {
                    let mut f = vec![StepField::Select {
                        name: "mediator_id".into(),
                        label: "Mediator".into(),
                        options: mediators.to_vec(),
                    }];
                    if *a == "reassign" {
                        f.push(note(l.t("Alasan penggantian", "Reason")));
                    }
                    f
                },
            ),
            "clarification" => (
                l.t("Catat klarifikasi", "Record clarification"),
                l.t(
                    "Waktu klarifikasi tidak dihitung dalam 30 hari kerja mediasi.",
                    "Clarification time does not count toward the 30 working days.",
                ),
                vec![
                    date(l.t("Mulai", "Start")),
                    StepField::Date {
                        name: "second_date".into(),
                        label: l.t("Selesai", "End").into(),
                        value: today.into(),
                    },
                    note(l.t("Risalah klarifikasi", "Clarification minutes")),
                ],
            ),
            "session" => (
                l.t("Catat sidang mediasi", "Record a mediation session"),
                "",
                vec![
                    date(l.t("Tanggal sidang", "Session date")),
                    StepField::Check {
                        name: "worker_present".into(),
                        label: l.t("Pihak pekerja hadir", "Workers' side present").into(),
                    },
                    StepField::Check {
                        name: "company_present".into(),
                        label: l.t("Pihak pengusaha hadir", "Employer present").into(),
                    },
                    note(l.t("Risalah sidang", "Session minutes")),
                ],
            ),
            "anjuran" => (
                l.t("Terbitkan anjuran tertulis", "Issue the written anjuran"),
                l.t(
                    "Paling lambat 10 hari kerja setelah sidang pertama.",
                    "Within 10 working days of the first session.",
                ),
                vec![
                    date(l.t("Tanggal anjuran", "Date")),
                    StepField::Date {
                        name: "second_date".into(),
                        label: l.t("Diterima para pihak", "Received by the parties").into(),
                        value: today.into(),
                    },
                    note(l.t("Isi anjuran", "Text of the anjuran")),
                ],
            ),
            "anjuran_answer" => (
                l.t("Catat jawaban atas anjuran", "Record an answer to the anjuran"),
                "",
                vec![
                    StepField::Select { name: "side".into(), label: l.t("Pihak", "Side").into(), options: sides() },
                    StepField::Select {
                        name: "answer".into(),
                        label: l.t("Jawaban", "Answer").into(),
                        options: vec![
                            ("terima".into(), l.t("Menerima", "Accepts").into()),
                            ("tolak".into(), l.t("Menolak", "Rejects").into()),
                        ],
                    },
                    date(l.t("Tanggal jawaban", "Date of the answer")),
                ],
            ),
            "perjanjian_bersama" => (
                l.t("Catat Perjanjian Bersama", "Record the joint agreement (PB)"),
                l.t(
                    "PB wajib didaftarkan para pihak di Pengadilan Hubungan Industrial.",
                    "The parties must register the PB at the industrial-relations court.",
                ),
                vec![date(l.t("Tanggal tanda tangan", "Signed on")), note(l.t("Isi PB", "Text of the PB"))],
            ),
            "pb_deed" => (
                l.t("Catat akta pendaftaran PB di PHI", "Record the PB registration deed"),
                "",
                vec![
                    StepField::Text { name: "deed_number".into(), label: l.t("Nomor akta", "Deed number").into() },
                    date(l.t("Tanggal akta", "Date")),
                ],
            ),
            "external_outcome" => {
                (l.t("Catat hasil konsiliasi/arbitrase", "Record the outcome"), "", vec![note(l.t("Hasil", "Outcome"))])
            }
            "withdraw" => (
                l.t("Cabut pengaduan", "Withdraw the complaint"),
                "",
                vec![date(l.t("Tanggal", "Date")), note(l.t("Alasan", "Reason"))],
            ),
            _ => continue,
        };
        out.push(StepFormView { action: a.to_string(), title: title.into(), help: help.into(), fields });
    }
    out
}

async fn render_case(
    state: &State,
    user: &SignedIn,
    id: String,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let (d, mediators, companies, hearings, letters) = state
        .db
        .run(move |c| {
            let d = service::detail(c, &settings, &actor, &id, today, now)?;
            let hearings = crate::schedules::service::of_case(c, &d.case.id)?;
            let mediators = if actor.role == Role::Pimpinan {
                service::mediator_choices(c, &settings, &actor, &d.case, today)?
            } else {
                Vec::new()
            };
            let companies = service::company_candidates(c, &actor, &d.case)?;
            let letters = crate::letters::web::section(
                c,
                &actor,
                crate::letters::rules::OwnerKind::Case,
                &d.case.id,
                crate::letters::sources::case_candidates(&d),
            )?;
            Ok((d, mediators, companies, hearings, letters))
        })
        .await?;
    let companies: Vec<(String, String)> =
        companies.into_iter().map(|c| (c.id, format!("{} · NIB {} · {}", c.name, c.nib, c.address))).collect();
    let l = user.ctx.lang;
    let mediator_options: Vec<(String, String)> = mediators
        .iter()
        .map(|m| {
            let mut label = format!("{} ({} {})", m.name, m.open_cases, l.t("kasus terbuka", "open cases"));
            if m.suggested {
                label += &format!(" · {}", l.t("disarankan: beban teringan", "suggested: lightest load"));
            }
            if let Some(on) = m.handled_company_on {
                label += &format!(
                    " · {} {on}",
                    l.t("perhatian: menangani perusahaan ini pada", "note: handled this company on")
                );
            }
            (m.id.clone(), label)
        })
        .collect();
    let mut view = case_view(&d, &mediator_options, &companies, errors, l, &state.today().to_string());
    view.hearings = crate::schedules::web::case_lines(state, &d.case.office_id, &hearings, l);
    view.letters = letters;
    // Summonses come with a scheduled session: the case's mediator, who may summon now, plans one.
    if d.allowed.contains(&"summons") {
        view.schedule_href = Some(format!("/kasus/{}/jadwal/baru", d.case.id));
    }
    let p: PageCtx = page_ctx(state, &user.ctx, "/kasus");
    Ok(html_status(status, case_page(&p, &view)))
}

fn case_view(
    d: &CaseDetail,
    mediators: &[(String, String)],
    companies: &[(String, String)],
    errors: FormErrors,
    l: Lang,
    today: &str,
) -> CaseView {
    let c = &d.case;
    let mut facts = vec![
        (l.t("Nomor pengaduan", "Reference").to_string(), c.reference.clone()),
        (l.t("Nomor perkara", "Case number").to_string(), c.case_number.clone().unwrap_or_else(|| "—".into())),
        (l.t("Jenis", "Type").to_string(), type_label(&c.dispute_type, l)),
        (l.t("Perusahaan", "Company").to_string(), format!("{} · {}", c.company_name, c.company_address)),
        (
            l.t("Jalur", "Channel").to_string(),
            if c.channel == "loket" { l.t("Loket", "Walk-in") } else { "Online" }.to_string(),
        ),
    ];
    if let Some(m) = &d.mediator_name {
        facts.push(("Mediator".into(), m.clone()));
    }
    for (label, date) in [
        (l.t("Diajukan", "Filed"), c.submitted_on),
        (l.t("Dicatat", "Registered"), c.registered_on),
        (l.t("Dilimpahkan", "Delegated"), c.delegated_on),
        (l.t("Sidang pertama", "First session"), c.first_session_on),
        (l.t("Selesai", "Closed"), c.closed_on),
    ] {
        if let Some(date) = date {
            facts.push((label.to_string(), date.to_string()));
        }
    }
    if let Some(u) = &c.union_name {
        facts.push((l.t("Serikat pekerja", "Union").into(), u.clone()));
    }
    let mut texts = vec![
        (l.t("Kronologi", "Chronology").to_string(), c.chronology.clone()),
        (l.t("Tuntutan", "Demands").to_string(), c.demands.clone()),
    ];
    if let Some(n) = &c.screening_note {
        texts.push((l.t("Catatan pemeriksaan berkas", "Screening note").into(), n.clone()));
    }
    if let Some(t) = &c.anjuran_text {
        texts.push((l.t("Anjuran", "Recommendation (anjuran)").into(), t.clone()));
    }
    if let Some(t) = &c.pb_text {
        texts.push((l.t("Perjanjian Bersama", "Joint agreement").into(), t.clone()));
    }
    let status = Status::parse(&c.status);
    CaseView {
        id: c.id.clone(),
        title: format!("{} · {}", number_of(c), c.company_name),
        status: status_label(&c.status, l),
        closed: status.is_some_and(|s| s.is_final()),
        facts,
        workers: d
            .workers
            .iter()
            .map(|w| {
                let nik = w.nik.as_ref().map(|n| format!("NIK {n}")).unwrap_or_default();
                [w.full_name.clone(), nik, w.job_title.clone().unwrap_or_default(), w.phone.clone().unwrap_or_default()]
            })
            .collect(),
        evidence: d
            .bipartite
            .iter()
            .map(|b| {
                (
                    b.held_on.to_string(),
                    if b.kind == "risalah" {
                        l.t("Risalah bipartit", "Bipartite minutes")
                    } else {
                        l.t("Undangan ditolak", "Invitation refused")
                    }
                    .to_string(),
                    b.summary.clone(),
                    b.document_id.as_ref().map(|id| format!("/berkas/{id}")),
                )
            })
            .collect(),
        can_add_evidence: d.allowed.contains(&"submit") || (d.allowed.contains(&"register")),
        deadlines: d.deadlines.iter().map(|x| deadline_view(x, l)).collect(),
        sessions: d
            .sessions
            .iter()
            .map(|s| {
                let present = |b: bool| if b { l.t("hadir", "present") } else { l.t("tidak hadir", "absent") };
                (
                    s.held_on.to_string(),
                    format!(
                        "{} {}, {} {}",
                        l.t("pekerja", "workers"),
                        present(s.worker_present),
                        l.t("pengusaha", "employer"),
                        present(s.company_present)
                    ),
                    s.minutes.clone(),
                )
            })
            .collect(),
        summons: d
            .summons
            .iter()
            .map(|s| {
                let side = Side::parse(&s.side).map(|x| x.label(l).to_string()).unwrap_or_default();
                (
                    s.sent_on.to_string(),
                    side,
                    format!("{} {} ({})", l.t("untuk sidang", "for the session of"), s.session_on, s.delivery),
                )
            })
            .collect(),
        texts,
        history: d
            .history
            .iter()
            .map(|h| {
                [
                    h.effective_on.to_string(),
                    crate::cases::rules::Action::label_of(&h.action, l),
                    format!("{} → {}", status_label(&h.from_status, l), status_label(&h.to_status, l)),
                    if h.actor_role == "system" {
                        l.t("otomatis (Harmoni)", "automatic (Harmoni)").to_string()
                    } else {
                        h.actor_role.clone()
                    },
                    h.note.clone().unwrap_or_default(),
                ]
            })
            .collect(),
        steps: step_forms(d, mediators, companies, l, today),
        errors,
        can_print_receipt: c.status != Status::Draf.as_str(),
        can_print_risalah: c.status == Status::LanjutPhi.as_str(),
        letters: Default::default(),
        hearings: Vec::new(),
        schedule_href: None,
    }
}

#[get("/kasus/{id}")]
async fn detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    render_case(&state, &user, id.into_inner(), FormErrors::default(), StatusCode::OK).await
}

/// The receipt again, without the PIN (a new PIN comes from the desk).
#[get("/kasus/{id}/tanda-terima")]
async fn receipt(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let d = state.db.run(move |c| service::detail(c, &settings, &actor, &id, today, now)).await?;
    if d.case.status == Status::Draf.as_str() {
        return Err(Error::NotFound);
    }
    let l = user.ctx.lang;
    let complainant =
        d.case.contact_name.clone().or_else(|| d.workers.first().map(|w| w.full_name.clone())).unwrap_or_default();
    // The latest filing (a returned file is filed again).
    let filed_at = d.history.iter().rev().find(|h| h.action == "submit").map_or(d.case.updated_at, |h| h.created_at);
    let view = receipt_view(&state, &d.case, filed_at, complainant, None, l);
    Ok(html(receipt_page(&page_ctx(&state, &user.ctx, "/kasus"), &view)))
}

/// The risalah penyelesaian of a mediation that ended with the anjuran rejected.
#[get("/kasus/{id}/risalah")]
async fn risalah(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let d = state.db.run(move |c| service::detail(c, &settings, &actor, &id, today, now)).await?;
    let c = &d.case;
    if c.status != Status::LanjutPhi.as_str() {
        return Err(Error::NotFound);
    }
    let l = user.ctx.lang;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| l.date_long(d)).unwrap_or_default();
    let mut dates = vec![
        (l.t("Dicatat", "Registered").to_string(), date(c.registered_on)),
        (l.t("Dilimpahkan kepada mediator", "Delegated to the mediator").to_string(), date(c.delegated_on)),
    ];
    if let (Some(from), Some(to)) = (c.clarification_started_on, c.clarification_ended_on) {
        dates
            .push((l.t("Klarifikasi", "Clarification").into(), format!("{} – {}", l.date_long(from), l.date_long(to))));
    }
    for s in &d.sessions {
        let present = |b: bool| if b { l.t("hadir", "present") } else { l.t("tidak hadir", "absent") };
        let attendance = format!(
            "{}; {} {}, {} {}",
            l.date_long(s.held_on),
            l.t("pekerja", "workers"),
            present(s.worker_present),
            l.t("pengusaha", "employer"),
            present(s.company_present)
        );
        dates.push((l.t("Sidang mediasi", "Mediation session").into(), attendance));
    }
    dates.push((l.t("Anjuran diterbitkan", "Recommendation issued").into(), date(c.anjuran_issued_on)));
    let answer = |a: &Option<String>, on: Option<chrono::NaiveDate>| {
        let words = match a.as_deref() {
            Some("terima") => l.t("menerima", "accepts"),
            Some("tolak") => l.t("menolak", "rejects"),
            Some("dianggap_tolak") => l.t(
                "tidak menjawab dalam 10 hari kerja: dianggap menolak",
                "no answer within 10 working days: deemed to reject",
            ),
            _ => l.t("belum menjawab", "has not answered"),
        };
        format!("{words}{}", on.map(|d| format!(" ({})", l.date_long(d))).unwrap_or_default())
    };
    let view = RisalahView {
        office_lines: state
            .office(&c.office_id)
            .map(|o| vec![o.letterhead_government.clone(), o.letterhead_office.clone(), o.address.clone()])
            .unwrap_or_default(),
        case_number: number_of(c),
        dispute_type: type_label(&c.dispute_type, l),
        workers: d.workers.iter().map(|w| w.full_name.clone()).collect(),
        union: c.union_name.clone(),
        company: format!("{}, {}", c.company_name, c.company_address),
        dates,
        chronology: c.chronology.clone(),
        demands: c.demands.clone(),
        anjuran: c.anjuran_text.clone().unwrap_or_default(),
        answers: vec![
            (Side::Pekerja.label(l).to_string(), answer(&c.anjuran_worker, c.anjuran_worker_on)),
            (Side::Pengusaha.label(l).to_string(), answer(&c.anjuran_company, c.anjuran_company_on)),
        ],
        mediator: d.mediator_name.clone().unwrap_or_default(),
        closed_on: date(c.closed_on),
    };
    Ok(html(risalah_page(&page_ctx(&state, &user.ctx, "/kasus"), &view)))
}

#[post("/kasus/{id}/langkah")]
async fn take_step(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let fields = form.into_inner();
    let input = StepInput {
        action: form_field(&fields, "action"),
        // A company chosen from the matches, or named by its NIB.
        company_id: Some(form_field(&fields, "company_id"))
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| form_field(&fields, "company_nib")),
        note: form_field(&fields, "note"),
        referred_to: form_field(&fields, "referred_to"),
        side: form_field(&fields, "side"),
        forum: form_field(&fields, "forum"),
        person: form_field(&fields, "person"),
        mediator_id: form_field(&fields, "mediator_id"),
        date: form_field(&fields, "date"),
        second_date: form_field(&fields, "second_date"),
        worker_present: form_field(&fields, "worker_present") == "true",
        company_present: form_field(&fields, "company_present") == "true",
        answer: form_field(&fields, "answer"),
        delivery: form_field(&fields, "delivery"),
        deed_number: form_field(&fields, "deed_number"),
    };
    let (actor, settings, today, now, case_id) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone());
    let result = match input.parse(today) {
        Ok(step) => state.db.run(move |c| service::take_step(c, &settings, &actor, &case_id, &step, today, now)).await,
        Err(e) => Err(e),
    };
    match result {
        // Filing a draft from its page issues the PIN: show the receipt, the only time it appears.
        Ok((case, Some(pin))) => Ok(filing_receipt(&state, &user, &case, Some(pin))),
        Ok(_) => Ok(see_other(&format!("/kasus/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            render_case(&state, &user, id, errors, status).await
        }
    }
}

/// Bipartite proof with an optional scan (multipart; the CSRF token travels in the URL).
#[post("/kasus/{id}/bipartit")]
async fn add_evidence(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let (fields, stored) = form_with_file(&state, payload).await?;
    let input = BipartiteInput {
        kind: form_field(&fields, "kind"),
        held_on: form_field(&fields, "held_on"),
        summary: form_field(&fields, "summary"),
    };
    let (actor, today, now, case_id) = (user.actor.clone(), state.today(), state.now(), id.clone());
    let result = match stored {
        Ok(file) => {
            state.db.run(move |c| service::add_bipartite(c, &actor, &case_id, &input, file.as_ref(), today, now)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/kasus/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            render_case(&state, &user, id, errors, status).await
        }
    }
}

#[get("/lacak")]
async fn track_form(state: State, ctx: RequestCtx) -> Result<HttpResponse, Error> {
    Ok(html(tracking_page(&page_ctx(&state, &ctx, "/lacak"), &TrackingView::default())))
}

#[derive(Debug, Deserialize)]
struct TrackForm {
    reference: String,
    pin: String,
}

#[post("/lacak")]
async fn track_submit(state: State, ctx: RequestCtx, form: web::Form<TrackForm>) -> Result<HttpResponse, Error> {
    let l = ctx.lang;
    let (settings, today, now) = (state.settings.clone(), state.today(), state.now());
    let (reference, pin) = (form.reference.clone(), form.pin.clone());
    let p = page_ctx(&state, &ctx, "/lacak");
    let tracked = state
        .db
        .run(move |c| {
            let t = service::track(c, &settings, &reference, &pin, today, now)?;
            let upcoming = crate::schedules::service::upcoming_of_case(c, &t.case_id, now)?;
            Ok((t, upcoming))
        })
        .await;
    match tracked {
        Ok((t, upcoming)) => {
            let mut result = vec![
                (l.t("Nomor pengaduan", "Reference").to_string(), t.reference.clone()),
                (l.t("Jenis", "Type").to_string(), t.dispute_type.label(l).to_string()),
                (l.t("Tahap sekarang", "Current stage").to_string(), t.status.label(l).to_string()),
            ];
            if let Some(n) = &t.case_number {
                result.push((l.t("Nomor perkara", "Case number").into(), n.clone()));
            }
            if let Some(d) = &t.next {
                result.push((
                    l.t("Langkah berikutnya", "Next step").into(),
                    format!(
                        "{} · {} {}",
                        l.t(&d.rule.label_id, &d.rule.label_en),
                        l.t("paling lambat", "by"),
                        d.computation.due
                    ),
                ));
            }
            if let Some(n) = &t.screening_note {
                result.push((l.t("Yang harus dilengkapi", "What to complete").into(), n.clone()));
            }
            if let Some(r) = &t.referred_to {
                result.push((l.t("Silakan menghubungi", "Please contact").into(), r.clone()));
            }
            // Upcoming sessions: date, time and place only (a meeting link goes to the parties).
            for line in crate::schedules::web::public_lines(&state, &t.office_id, &upcoming, l) {
                result.push((l.t("Sidang terjadwal", "Scheduled session").into(), line));
            }
            Ok(html(tracking_page(&p, &TrackingView { reference: t.reference, error: None, result })))
        }
        Err(Error::Invalid(problem)) => Ok(html_status(
            StatusCode::BAD_REQUEST,
            tracking_page(
                &p,
                &TrackingView {
                    reference: form.reference.clone(),
                    error: Some(problem.message.get(l).to_string()),
                    result: Vec::new(),
                },
            ),
        )),
        Err(e) => Err(e),
    }
}
