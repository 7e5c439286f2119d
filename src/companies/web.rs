//! Company pages: the register with filters and CSV export, the form, the profile with its
//! representatives.

use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use harmoni_templates::components::{FormErrors, Tone};
use harmoni_templates::pages::companies::{
    company_detail_page, company_form_page, company_list_page, compliance_page, import_page, import_preview_page,
    place_label, ActivityLine, CompanyDetailView, CompanyFormView, CompanyListView, CompanyRowView, ComplianceView,
    CriterionView, ImportLineView, ImportPreviewView, LksGroupView, RecordGroup, RepresentativeView,
};
use harmoni_templates::{Lang, PageCtx};
use serde::Deserialize;

use crate::accounts::Role;
use crate::companies::compliance::{self, Criterion};
use crate::companies::imports::{self, ImportKind, LineOutcome};
use crate::companies::model::{CompanyQuery, CompanyRow, LksMemberRow, LksRow, Standing};
use crate::companies::records::{self, DocumentFor};
use crate::companies::rules::{self, Regions};
use crate::companies::service::{self, CompanyInput};
use crate::documents::model::DocumentRow;
use crate::documents::web::{form_with_file, required_upload};
use crate::error::Error;
use crate::http::{form_errors, form_field, html, html_status, page_ctx, see_other, trimmed, SignedIn, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(export_csv)
        .service(import_form)
        .service(import_template)
        .service(import_upload)
        .service(bpjs_import_form)
        .service(bpjs_import_template)
        .service(bpjs_import_upload)
        .service(import_preview)
        .service(import_apply)
        .service(new_form)
        .service(create)
        .service(detail)
        .service(edit_form)
        .service(update)
        .service(add_representative)
        .service(remove_representative)
        .service(compliance_profile)
        .service(add_bpjs)
        .service(add_wage_scale)
        .service(add_lks)
        .service(register_lks)
        .service(add_lks_meeting)
        .service(add_lks_report)
        .service(upload_document);
}

#[derive(Debug, Deserialize, Default, Clone)]
pub struct ListParams {
    pub q: Option<String>,
    pub kecamatan: Option<String>,
    pub kbli: Option<String>,
    pub size: Option<String>,
    pub status: Option<String>,
    /// Standing on the computed criteria: layak, kurang, pp_kurang, lks_kurang, upah_kurang, bpjs_kurang.
    pub kepatuhan: Option<String>,
    pub page: Option<i64>,
}

impl ListParams {
    pub fn query(&self) -> Result<CompanyQuery, Error> {
        let standing = match trimmed(&self.kepatuhan) {
            None => None,
            Some(s) => Some(Standing::parse(&s).ok_or_else(|| {
                Error::invalid(
                    "invalid_standing",
                    "kepatuhan",
                    "Saringan kepatuhan tidak dikenal: layak, kurang, pp_kurang, lks_kurang, upah_kurang atau bpjs_kurang.",
                    "Unknown compliance filter: layak, kurang, pp_kurang, lks_kurang, upah_kurang or bpjs_kurang.",
                )
            })?),
        };
        Ok(CompanyQuery {
            q: trimmed(&self.q),
            kecamatan_code: trimmed(&self.kecamatan),
            kbli_code: trimmed(&self.kbli),
            size_class: trimmed(&self.size),
            status: trimmed(&self.status),
            standing,
        })
    }

    fn query_string(&self) -> String {
        serde_urlencoded::to_string([
            ("q", trimmed(&self.q).unwrap_or_default()),
            ("kecamatan", trimmed(&self.kecamatan).unwrap_or_default()),
            ("kbli", trimmed(&self.kbli).unwrap_or_default()),
            ("size", trimmed(&self.size).unwrap_or_default()),
            ("status", trimmed(&self.status).unwrap_or_default()),
            ("kepatuhan", trimmed(&self.kepatuhan).unwrap_or_default()),
        ])
        .unwrap_or_default()
    }
}

fn kecamatan_options(regions: &Regions) -> Vec<(String, String)> {
    regions.kecamatan.iter().map(|k| (k.code.clone(), k.name.clone())).collect()
}

fn size_options(l: Lang) -> Vec<(String, String)> {
    rules::SIZE_CLASSES.iter().map(|(c, id, en)| (c.to_string(), l.t(id, en).to_string())).collect()
}

fn size_label(code: &str, l: Lang) -> String {
    rules::SIZE_CLASSES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, id, en)| l.t(id, en).to_string())
        .unwrap_or_else(|| code.to_string())
}

fn kecamatan_name(regions: &Regions, code: Option<&str>) -> Option<String> {
    code.and_then(|c| regions.find(c)).map(|k| k.name.clone())
}

#[get("/perusahaan")]
async fn list(state: State, user: SignedIn, params: web::Query<ListParams>) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let params = params.into_inner();
    let page = params.page.unwrap_or(1).max(1);
    let actor = user.actor.clone();
    let query = params.query()?;
    let (rows, total) = state.db.run(move |c| service::list(c, &actor, &query, page)).await?;
    let regions = &state.settings.regions;
    let view = CompanyListView {
        rows: rows
            .into_iter()
            .map(|c| CompanyRowView {
                place: place_label(
                    l,
                    kecamatan_name(regions, c.kecamatan_code.as_deref()).as_deref(),
                    c.kelurahan.as_deref(),
                ),
                kbli: c.kbli_code.clone(),
                workers: c.workers_total,
                size: size_label(&c.size_class, l),
                active: c.status == "active",
                id: c.id,
                name: c.name,
                nib: c.nib,
            })
            .collect(),
        q: trimmed(&params.q).unwrap_or_default(),
        kecamatan: trimmed(&params.kecamatan).unwrap_or_default(),
        kbli: trimmed(&params.kbli).unwrap_or_default(),
        size: trimmed(&params.size).unwrap_or_default(),
        status: trimmed(&params.status).unwrap_or_default(),
        standing: trimmed(&params.kepatuhan).unwrap_or_default(),
        kecamatan_options: kecamatan_options(regions),
        size_options: size_options(l),
        can_register: matches!(user.actor.role, Role::Admin | Role::Petugas),
        page,
        per_page: service::PER_PAGE,
        total,
        query_string: params.query_string(),
    };
    Ok(html(company_list_page(&page_ctx(&state, &user.ctx, "/perusahaan"), &view)))
}

/// The register as CSV, in the import's columns.
fn csv(rows: &[CompanyRow], regions: &Regions) -> String {
    // The import reads these same columns, so an export can be corrected and imported back.
    let mut out = format!("{}\r\n", crate::companies::import::COLUMNS.join(","));
    for c in rows {
        let cells = [
            c.name.clone(),
            c.legal_form.clone(),
            c.nib.clone(),
            c.npwp.clone().unwrap_or_default(),
            c.kbli_code.clone(),
            c.kbli_edition.to_string(),
            c.address.clone(),
            kecamatan_name(regions, c.kecamatan_code.as_deref()).unwrap_or_default(),
            c.kelurahan.clone().unwrap_or_default(),
            c.outside_city.to_string(),
            c.footprint.clone(),
            c.size_class.clone(),
            c.workers_male.to_string(),
            c.workers_female.to_string(),
            c.workers_pkwt.to_string(),
            c.workers_pkwtt.to_string(),
            c.workers_total.to_string(),
            c.workforce_reported_on.map(|d| d.to_string()).unwrap_or_default(),
            c.wlkp_registered.to_string(),
            c.wlkp_registered_on.map(|d| d.to_string()).unwrap_or_default(),
            c.status.clone(),
            c.contact_name.clone(),
            c.contact_phone.clone().unwrap_or_default(),
            c.contact_email.clone().unwrap_or_default(),
        ];
        out.push_str(&cells.iter().map(|v| crate::exports::csv_cell(v)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[get("/perusahaan.csv")]
async fn export_csv(state: State, user: SignedIn, params: web::Query<ListParams>) -> Result<HttpResponse, Error> {
    let actor = user.actor.clone();
    let query = params.query()?;
    let rows = state.db.run(move |c| service::export(c, &actor, &query)).await?;
    let body = csv(&rows, &state.settings.regions);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"perusahaan-{}.csv\"", state.today()),
        ))
        .body(body))
}

fn form_view(
    state: &State,
    l: Lang,
    id: Option<String>,
    input: &CompanyInput,
    can_change_status: bool,
    errors: FormErrors,
) -> CompanyFormView {
    let regions = &state.settings.regions;
    let values = vec![
        ("name", input.name.clone()),
        ("legal_form", input.legal_form.clone()),
        ("nib", input.nib.clone()),
        ("npwp", input.npwp.clone()),
        ("kbli_code", input.kbli_code.clone()),
        ("kbli_edition", if input.kbli_edition.is_empty() { "2020".into() } else { input.kbli_edition.clone() }),
        ("address", input.address.clone()),
        ("kecamatan_code", input.kecamatan_code.clone()),
        ("kelurahan", input.kelurahan.clone()),
        ("footprint", input.footprint.clone()),
        ("size_class", input.size_class.clone()),
        ("workers_male", input.workers_male.clone()),
        ("workers_female", input.workers_female.clone()),
        ("workers_pkwt", input.workers_pkwt.clone()),
        ("workers_pkwtt", input.workers_pkwtt.clone()),
        ("workforce_reported_on", input.workforce_reported_on.clone()),
        ("wlkp_registered_on", input.wlkp_registered_on.clone()),
        ("contact_name", input.contact_name.clone()),
        ("contact_phone", input.contact_phone.clone()),
        ("contact_email", input.contact_email.clone()),
        ("status", if input.status.is_empty() { "active".into() } else { input.status.clone() }),
    ];
    CompanyFormView {
        id,
        values: values.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        outside_city: input.outside_city,
        wlkp_registered: input.wlkp_registered,
        legal_forms: rules::LEGAL_FORMS.iter().map(|(c, label)| (c.to_string(), label.to_string())).collect(),
        footprints: rules::FOOTPRINTS.iter().map(|(c, id, en)| (c.to_string(), l.t(id, en).to_string())).collect(),
        sizes: size_options(l),
        kecamatan_options: kecamatan_options(regions),
        kelurahan_hint: regions.kecamatan.iter().map(|k| (k.name.clone(), k.kelurahan.join(", "))).collect(),
        can_change_status,
        errors,
    }
}

/// Checkboxes are absent from a form when unticked; everything else is text.
fn input_from_form(fields: Vec<(String, String)>) -> CompanyInput {
    let get = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone()).unwrap_or_default();
    CompanyInput {
        name: get("name"),
        legal_form: get("legal_form"),
        nib: get("nib"),
        npwp: get("npwp"),
        kbli_code: get("kbli_code"),
        kbli_edition: get("kbli_edition"),
        address: get("address"),
        outside_city: get("outside_city") == "true",
        kecamatan_code: get("kecamatan_code"),
        kelurahan: get("kelurahan"),
        footprint: get("footprint"),
        size_class: get("size_class"),
        workers_male: get("workers_male"),
        workers_female: get("workers_female"),
        workers_pkwt: get("workers_pkwt"),
        workers_pkwtt: get("workers_pkwtt"),
        workforce_reported_on: get("workforce_reported_on"),
        wlkp_registered: get("wlkp_registered") == "true",
        wlkp_registered_on: get("wlkp_registered_on"),
        contact_name: get("contact_name"),
        contact_phone: get("contact_phone"),
        contact_email: get("contact_email"),
        status: get("status"),
    }
}

fn ctx(state: &State, user: &SignedIn) -> PageCtx {
    page_ctx(state, &user.ctx, "/perusahaan")
}

#[get("/perusahaan/baru")]
async fn new_form(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin, Role::Petugas])?;
    let input = CompanyInput {
        footprint: "kota".into(),
        size_class: "kecil".into(),
        legal_form: "pt".into(),
        ..Default::default()
    };
    Ok(html(company_form_page(
        &ctx(&state, &user),
        &form_view(&state, user.ctx.lang, None, &input, true, FormErrors::default()),
    )))
}

#[post("/perusahaan")]
async fn create(state: State, user: SignedIn, form: web::Form<Vec<(String, String)>>) -> Result<HttpResponse, Error> {
    user.actor.require(&[Role::Admin, Role::Petugas])?;
    let input = input_from_form(form.into_inner());
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let i = input.clone();
    match state.db.run(move |c| service::create(c, &actor, &i, &settings, today, now)).await {
        Ok(row) => Ok(see_other(&format!("/perusahaan/{}", row.id))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            Ok(html_status(
                status,
                company_form_page(&ctx(&state, &user), &form_view(&state, user.ctx.lang, None, &input, true, errors)),
            ))
        }
    }
}

async fn detail_view(
    state: &State,
    user: &SignedIn,
    id: String,
    rep_email: String,
    rep_name: String,
    errors: FormErrors,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let actor = user.actor.clone();
    let (c, reps, unions, timeline) = state
        .db
        .run(move |conn| {
            let company = service::get(conn, &actor, &id)?;
            let reps = service::representatives(conn, &actor, &id)?;
            let unions = crate::unions::service::at_company(conn, &actor, &id)?;
            let timeline = if actor.role.is_staff() {
                Some(crate::audit::service::company_timeline(conn, &actor, &id)?)
            } else {
                None
            };
            Ok((company, reps, unions, timeline))
        })
        .await?;
    let regions = &state.settings.regions;
    let footprint = rules::FOOTPRINTS
        .iter()
        .find(|(code, _, _)| *code == c.footprint)
        .map(|(_, id, en)| l.t(id, en).to_string())
        .unwrap_or_default();
    let legal = rules::LEGAL_FORMS
        .iter()
        .find(|(code, _)| *code == c.legal_form)
        .map(|(_, label)| label.to_string())
        .unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| l.date_long(d)).unwrap_or_else(|| "-".into());
    let facts = vec![
        (l.t("Bentuk badan usaha", "Legal form"), legal),
        ("NIB", c.nib.clone()),
        ("NPWP", c.npwp.clone().unwrap_or_else(|| "-".into())),
        ("KBLI", format!("{} (KBLI {})", c.kbli_code, c.kbli_edition)),
        (l.t("Alamat", "Address"), c.address.clone()),
        (
            l.t("Lokasi", "Location"),
            place_label(l, kecamatan_name(regions, c.kecamatan_code.as_deref()).as_deref(), c.kelurahan.as_deref()),
        ),
        (l.t("Wilayah operasi", "Where it operates"), footprint),
        (l.t("Skala usaha", "Business scale"), size_label(&c.size_class, l)),
        (
            l.t("Tenaga kerja", "Workforce"),
            format!(
                "{} ({} {}, {} {}; PKWT {}, PKWTT {}) — {} {}",
                c.workers_total,
                c.workers_male,
                l.t("laki-laki", "men"),
                c.workers_female,
                l.t("perempuan", "women"),
                c.workers_pkwt,
                c.workers_pkwtt,
                l.t("data", "as of"),
                date(c.workforce_reported_on)
            ),
        ),
        (
            "WLKP",
            if c.wlkp_registered {
                format!("{} {}", l.t("terdaftar sejak", "registered since"), date(c.wlkp_registered_on))
            } else {
                l.t("belum terdaftar", "not registered").to_string()
            },
        ),
        (
            l.t("Narahubung", "Contact"),
            [Some(c.contact_name.clone()), c.contact_phone.clone(), c.contact_email.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
        ),
    ];
    let view = CompanyDetailView {
        name: c.name.clone(),
        facts: facts.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        active: c.status == "active",
        can_edit: matches!(user.actor.role, Role::Admin | Role::Petugas | Role::Perusahaan),
        can_manage_representatives: matches!(user.actor.role, Role::Admin | Role::Petugas),
        representatives: reps
            .into_iter()
            .map(|u| RepresentativeView {
                activated: u.password_hash.is_some(),
                user_id: u.id,
                name: u.full_name,
                email: u.email,
            })
            .collect(),
        id: c.id,
        rep_email,
        rep_name,
        errors: errors.clone(),
        unions: unions.into_iter().map(|(m, u)| (u.id, u.name, m.members)).collect(),
        link_unions: user.actor.role.is_staff(),
        timeline: timeline.map(|rows| rows.into_iter().map(|r| crate::audit::web::row_view(r, l)).collect()),
    };
    let status =
        if errors.is_empty() { actix_web::http::StatusCode::OK } else { actix_web::http::StatusCode::BAD_REQUEST };
    Ok(html_status(status, company_detail_page(&ctx(state, user), &view)))
}

#[get("/perusahaan/{id}")]
async fn detail(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    detail_view(&state, &user, id.into_inner(), String::new(), String::new(), FormErrors::default()).await
}

#[get("/perusahaan/{id}/ubah")]
async fn edit_form(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    let actor = user.actor.clone();
    let id = id.into_inner();
    let i = id.clone();
    let row = state.db.run(move |c| service::get(c, &actor, &i)).await?;
    if !matches!(user.actor.role, Role::Admin | Role::Petugas | Role::Perusahaan) {
        return Err(Error::Forbidden);
    }
    let can_status = user.actor.role != Role::Perusahaan;
    let view =
        form_view(&state, user.ctx.lang, Some(id), &CompanyInput::from_row(&row), can_status, FormErrors::default());
    Ok(html(company_form_page(&ctx(&state, &user), &view)))
}

#[post("/perusahaan/{id}")]
async fn update(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let input = input_from_form(form.into_inner());
    let (actor, settings, today, now) = (user.actor.clone(), state.settings.clone(), state.today(), state.now());
    let (i, cid) = (input.clone(), id.clone());
    match state.db.run(move |c| service::update(c, &actor, &cid, &i, &settings, today, now)).await {
        Ok(_) => Ok(see_other(&format!("/perusahaan/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            let can_status = user.actor.role != Role::Perusahaan;
            Ok(html_status(
                status,
                company_form_page(
                    &ctx(&state, &user),
                    &form_view(&state, user.ctx.lang, Some(id), &input, can_status, errors),
                ),
            ))
        }
    }
}

#[derive(Debug, Deserialize)]
struct RepresentativeForm {
    email: String,
    #[serde(default)]
    full_name: String,
}

#[post("/perusahaan/{id}/perwakilan")]
async fn add_representative(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<RepresentativeForm>,
) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let form = form.into_inner();
    let (actor, settings, now) = (user.actor.clone(), state.settings.clone(), state.now());
    let (cid, email, name) = (id.clone(), form.email.clone(), form.full_name.clone());
    let name = if name.trim().is_empty() { email.split('@').next().unwrap_or_default().to_string() } else { name };
    match state.db.run(move |c| service::add_representative(c, &actor, &cid, &email, &name, &settings, now)).await {
        Ok(_) => Ok(see_other(&format!("/perusahaan/{id}"))),
        Err(e) => {
            let (_, errors) = form_errors(e, user.ctx.lang)?;
            detail_view(&state, &user, id, form.email, form.full_name, errors).await
        }
    }
}

#[post("/perusahaan/{id}/perwakilan/{user_id}/hapus")]
async fn remove_representative(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, Error> {
    let (id, user_id) = path.into_inner();
    let (actor, now) = (user.actor.clone(), state.now());
    let cid = id.clone();
    state.db.run(move |c| service::remove_representative(c, &actor, &cid, &user_id, now)).await?;
    Ok(see_other(&format!("/perusahaan/{id}")))
}

fn criterion_view(title: &str, c: &Criterion, l: Lang) -> CriterionView {
    let (tone, status, details) = match c {
        Criterion::Met { since } => {
            (Tone::Good, format!("{} {}", l.t("Terpenuhi sejak", "Met since"), l.date_long(*since)), Vec::new())
        }
        Criterion::NotRequired => (
            Tone::Neutral,
            l.t("Tidak diwajibkan untuk perusahaan ini", "Not required of this company").to_string(),
            Vec::new(),
        ),
        Criterion::Missing(gaps) => (
            Tone::Warn,
            l.t("Belum terpenuhi", "Not met").to_string(),
            gaps.iter().map(|g| g.get(l).to_string()).collect(),
        ),
        Criterion::NoData => (Tone::Bad, l.t("Belum ada data", "No data").to_string(), Vec::new()),
    };
    CriterionView { title: title.to_string(), tone, status, details }
}

#[derive(Debug, Deserialize)]
struct AsOf {
    tanggal: Option<String>,
}

async fn compliance_view(
    state: &State,
    user: &SignedIn,
    id: String,
    as_of: NaiveDate,
    values: Vec<(String, String)>,
    errors: FormErrors,
) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let (actor, settings) = (user.actor.clone(), state.settings.clone());
    let (p, letters) = state
        .db
        .run(move |c| {
            let p = records::profile(c, &actor, &id, as_of, &settings)?;
            let mut section = crate::letters::web::LettersSection::default();
            for (lks, _) in p.lks.iter().filter(|(l, _)| l.registration_number.is_some()) {
                let s = crate::letters::web::section(
                    c,
                    &actor,
                    crate::letters::rules::OwnerKind::Lks,
                    &lks.id,
                    vec![(
                        crate::letters::rules::Kind::BuktiPencatatanLks,
                        lks.id.clone(),
                        format!(
                            "{} {}",
                            crate::letters::rules::Kind::BuktiPencatatanLks.label(),
                            lks.registration_number.clone().unwrap_or_default()
                        ),
                    )],
                )?;
                section.letters.extend(s.letters);
                section.options.extend(s.options);
            }
            Ok((p, section))
        })
        .await?;
    let pp = criterion_view(
        l.t("Peraturan Perusahaan / PKB (yang berlaku)", "Company regulation / collective agreement (valid)"),
        &p.pp_status,
        l,
    );
    let yes_no = |b: bool| if b { l.t("ya", "yes") } else { l.t("tidak", "no") };
    let view = ComplianceView {
        letters,
        company_id: p.company.id.clone(),
        company_name: p.company.name.clone(),
        as_of: as_of.to_string(),
        as_of_long: l.date_long(as_of),
        criteria: vec![
            pp,
            criterion_view("LKS Bipartit", &p.lks_status, l),
            criterion_view(l.t("Struktur dan skala upah", "Wage structure and scale"), &p.wage_status, l),
            criterion_view("BPJS Ketenagakerjaan", &p.bpjs_status, l),
        ],
        bpjs: p
            .bpjs
            .iter()
            .map(|b| {
                let programmes: Vec<&str> =
                    [(b.jkk, "JKK"), (b.jkm, "JKM"), (b.jht, "JHT"), (b.jp, "JP"), (b.jkp, "JKP")]
                        .into_iter()
                        .filter_map(|(on, c)| on.then_some(c))
                        .collect();
                format!(
                    "{} {}: NPP {}, {} {}, {}",
                    l.t("Per", "As of"),
                    l.date_long(b.as_of),
                    b.npp,
                    b.workers_enrolled,
                    l.t("peserta", "enrolled"),
                    programmes.join(", ")
                )
            })
            .collect(),
        wage_scales: p
            .wage_scales
            .iter()
            .map(|(s, grades)| RecordGroup {
                id: s.id.clone(),
                document: doc_link(p.wage_documents.get(&s.id)),
                title: format!(
                    "{} {} ({} {})",
                    l.t("Berlaku", "In effect from"),
                    l.date_long(s.effective_on),
                    l.t("pekerja diberi tahu:", "workers informed:"),
                    yes_no(s.workers_informed)
                ),
                lines: grades
                    .iter()
                    .map(|g| {
                        format!(
                            "{} — {}: {} – {}",
                            g.grade,
                            g.job_level,
                            compliance::rupiah(g.min_sen),
                            compliance::rupiah(g.max_sen)
                        )
                    })
                    .collect(),
            })
            .collect(),
        lks: p
            .lks
            .iter()
            .zip(&p.lks_activity)
            .enumerate()
            .map(|(i, ((k, members), act))| lks_group(l, k, members, act, i == 0))
            .collect(),
        can_register: matches!(user.actor.role, Role::Admin | Role::Petugas),
        can_record: p.can_record,
        values,
        errors: errors.clone(),
    };
    let status =
        if errors.is_empty() { actix_web::http::StatusCode::OK } else { actix_web::http::StatusCode::BAD_REQUEST };
    Ok(html_status(status, compliance_page(&ctx(state, user), &view)))
}

fn doc_link(doc: Option<&DocumentRow>) -> Option<(String, String)> {
    doc.map(|d| (d.filename.clone(), format!("/berkas/{}", d.id)))
}

fn lks_group(l: Lang, k: &LksRow, members: &[LksMemberRow], act: &records::LksActivity, current: bool) -> LksGroupView {
    let due = act.notification_due.computation.due;
    let notification = match (k.notified_on, act.notified_late_by) {
        (Some(on), Some(late)) if late > 0 => (
            Tone::Warn,
            format!(
                "{} {} — {} {late} {}",
                l.t("Diberitahukan", "Notified on"),
                l.date_long(on),
                l.t("terlambat", "late by"),
                l.t("hari kerja", "working days")
            ),
        ),
        (Some(on), _) => (
            Tone::Good,
            format!("{} {} — {}", l.t("Diberitahukan", "Notified on"), l.date_long(on), l.t("tepat waktu", "on time")),
        ),
        _ => (Tone::Neutral, l.t("Tanggal pemberitahuan tidak tercatat", "Notification date not recorded").to_string()),
    };
    let skipped = act.notification_due.computation.skipped.len();
    let (label, basis) = act
        .notification_due
        .rule
        .as_ref()
        .map(|r| (if l == Lang::Id { r.label_id.clone() } else { r.label_en.clone() }, r.legal_basis.clone()))
        .unwrap_or_default();
    let notification_explained = format!(
        "{label}: {} {} {} → {} {} ({} {skipped} {}). {basis}.",
        act.notification_due.computation.working_days,
        l.t("hari kerja setelah pembentukan", "working days after the formation on"),
        l.date_long(k.formed_on),
        l.t("batas", "due"),
        l.date_long(due),
        l.t("melewati", "passing over"),
        l.t("hari libur dan akhir pekan", "holidays and weekend days"),
    );
    let registration_pending = k.registered_on.is_none();
    let meeting_status = act.in_term.then(|| {
        if act.meeting_overdue {
            (
                Tone::Warn,
                format!(
                    "{} {}",
                    l.t(
                        "Rapat berkala terlewat; seharusnya paling lambat",
                        "A regular meeting is overdue; it was due by"
                    ),
                    l.date_long(act.next_meeting_due)
                ),
            )
        } else {
            (
                Tone::Good,
                format!(
                    "{} {}",
                    l.t("Rapat berikutnya paling lambat", "Next meeting due by"),
                    l.date_long(act.next_meeting_due)
                ),
            )
        }
    });
    let reports_status = if act.missing_reports.is_empty() {
        (!act.reports.is_empty() || act.in_term).then(|| {
            (
                Tone::Good,
                l.t("Semua laporan yang jatuh tempo sudah diterima", "Every report due has been received").to_string(),
            )
        })
    } else {
        let owed: Vec<String> = act.missing_reports.iter().map(|s| compliance::semester_label(*s)).collect();
        Some((Tone::Warn, format!("{} {}", l.t("Laporan belum diterima:", "Reports not received:"), owed.join(", "))))
    };
    LksGroupView {
        id: k.id.clone(),
        title: format!(
            "{} {}{}",
            l.t("Dibentuk", "Formed"),
            l.date_long(k.formed_on),
            match (&k.registration_number, k.registered_on) {
                (Some(n), Some(d)) => format!(" · {} {n} ({})", l.t("bukti pencatatan", "recorded as"), l.date_long(d)),
                _ => format!(" · {}", l.t("belum dicatatkan", "not yet recorded")),
            }
        ),
        members: members.iter().map(|m| format!("{} — {}, {}", m.name, m.side, m.office.replace('_', " "))).collect(),
        notification,
        notification_explained,
        registration_pending,
        meetings: act
            .meetings
            .iter()
            .map(|(m, d)| ActivityLine {
                id: m.id.clone(),
                text: format!("{}: {}", l.date_long(m.held_on), m.agenda),
                document: doc_link(d.as_ref()),
            })
            .collect(),
        meeting_status,
        reports: act
            .reports
            .iter()
            .map(|(r, d)| ActivityLine {
                id: r.id.clone(),
                text: format!(
                    "{} {} — {} {}: {}",
                    l.t("Semester", "Half-year"),
                    compliance::semester_label((r.period_year, r.period_half as u32)),
                    l.t("diterima", "received"),
                    l.date_long(r.received_on),
                    r.summary
                ),
                document: doc_link(d.as_ref()),
            })
            .collect(),
        reports_status,
        current,
    }
}

#[get("/perusahaan/{id}/kepatuhan")]
async fn compliance_profile(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    q: web::Query<AsOf>,
) -> Result<HttpResponse, Error> {
    let as_of = match q.tanggal.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => crate::calendar::service::parse_date(t, "tanggal")?,
        None => state.today(),
    };
    compliance_view(&state, &user, id.into_inner(), as_of, Vec::new(), FormErrors::default()).await
}

/// Runs a record use case; on a problem the page comes back with the typed values and the message.
async fn record_result<T>(
    state: &State,
    user: &SignedIn,
    id: String,
    fields: Vec<(String, String)>,
    result: Result<T, Error>,
) -> Result<HttpResponse, Error> {
    match result {
        Ok(_) => Ok(see_other(&format!("/perusahaan/{id}/kepatuhan"))),
        Err(e) => {
            let (_, errors) = form_errors(e, user.ctx.lang)?;
            compliance_view(state, user, id, state.today(), fields, errors).await
        }
    }
}

#[post("/perusahaan/{id}/bpjs")]
async fn add_bpjs(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let (id, fields) = (id.into_inner(), form.into_inner());
    let input = records::BpjsInput {
        npp: form_field(&fields, "npp"),
        registered_on: form_field(&fields, "registered_on"),
        programmes: fields.iter().filter(|(k, _)| k == "programmes").map(|(_, v)| v.clone()).collect(),
        workers_enrolled: form_field(&fields, "workers_enrolled"),
        as_of: form_field(&fields, "as_of"),
    };
    let (actor, settings, today, now, cid) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone());
    let result = state.db.run(move |c| records::add_bpjs(c, &actor, &cid, &input, &settings, today, now)).await;
    record_result(&state, &user, id, fields, result).await
}

#[post("/perusahaan/{id}/skala-upah")]
async fn add_wage_scale(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let (id, fields) = (id.into_inner(), form.into_inner());
    let input = records::WageScaleInput {
        effective_on: form_field(&fields, "effective_on"),
        workers_informed: form_field(&fields, "workers_informed") == "true",
        grades: form_field(&fields, "grades"),
    };
    let (actor, settings, today, now, cid) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone());
    let result = state.db.run(move |c| records::add_wage_scale(c, &actor, &cid, &input, &settings, today, now)).await;
    record_result(&state, &user, id, fields, result).await
}

#[post("/perusahaan/{id}/lks")]
async fn add_lks(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let (id, fields) = (id.into_inner(), form.into_inner());
    let input = records::LksInput {
        formed_on: form_field(&fields, "formed_on"),
        registration_number: form_field(&fields, "registration_number"),
        registered_on: form_field(&fields, "registered_on"),
        notified_on: form_field(&fields, "notified_on"),
        members: form_field(&fields, "members"),
    };
    let (actor, settings, today, now, cid) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone());
    let result = state.db.run(move |c| records::add_lks(c, &actor, &cid, &input, &settings, today, now)).await;
    record_result(&state, &user, id, fields, result).await
}

#[post("/perusahaan/{id}/lks/{lks}/pencatatan")]
async fn register_lks(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, Error> {
    let ((id, lks), fields) = (path.into_inner(), form.into_inner());
    let input = records::LksRegistrationInput {
        registration_number: form_field(&fields, "registration_number"),
        registered_on: form_field(&fields, "registered_on"),
    };
    let (actor, settings, today, now, cid) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone());
    let result = state
        .db
        .run(move |c| records::record_lks_registration(c, &actor, &cid, &lks, &input, &settings, today, now))
        .await;
    record_result(&state, &user, id, fields, result).await
}

#[post("/perusahaan/{id}/lks/{lks}/rapat")]
async fn add_lks_meeting(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    let (id, lks) = path.into_inner();
    let (fields, stored) = form_with_file(&state, payload).await?;
    let input =
        records::LksMeetingInput { held_on: form_field(&fields, "held_on"), agenda: form_field(&fields, "agenda") };
    let result = match stored {
        Ok(stored) => {
            let (actor, today, now, cid) = (user.actor.clone(), state.today(), state.now(), id.clone());
            state
                .db
                .run(move |c| records::add_lks_meeting(c, &actor, &cid, &lks, &input, stored.as_ref(), today, now))
                .await
        }
        Err(e) => Err(e),
    };
    record_result(&state, &user, id, fields, result).await
}

#[post("/perusahaan/{id}/lks/{lks}/laporan")]
async fn add_lks_report(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String)>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    let (id, lks) = path.into_inner();
    let (fields, stored) = form_with_file(&state, payload).await?;
    let input = records::LksReportInput {
        period: form_field(&fields, "period"),
        received_on: form_field(&fields, "received_on"),
        summary: form_field(&fields, "summary"),
    };
    let result = match stored {
        Ok(stored) => {
            let (actor, today, now, cid) = (user.actor.clone(), state.today(), state.now(), id.clone());
            state
                .db
                .run(move |c| records::add_lks_report(c, &actor, &cid, &lks, &input, stored.as_ref(), today, now))
                .await
        }
        Err(e) => Err(e),
    };
    record_result(&state, &user, id, fields, result).await
}

/// Attaches a document to a recorded wage scale (`skala-upah`), LKS meeting (`lks-rapat`) or
/// LKS report (`lks-laporan`).
#[post("/perusahaan/{id}/dokumen/{kind}/{owner}")]
async fn upload_document(
    state: State,
    user: SignedIn,
    path: web::Path<(String, String, String)>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    let (id, kind, owner) = path.into_inner();
    let target = match kind.as_str() {
        "skala-upah" => DocumentFor::WageScale,
        "lks-rapat" => DocumentFor::LksMeeting,
        "lks-laporan" => DocumentFor::LksReport,
        _ => return Err(Error::NotFound),
    };
    let result = match required_upload(&state, payload).await {
        Ok(stored) => {
            let (actor, now, cid) = (user.actor.clone(), state.now(), id.clone());
            state.db.run(move |c| records::attach_company_document(c, &actor, &cid, target, &owner, &stored, now)).await
        }
        Err(e) => Err(e),
    };
    record_result(&state, &user, id, Vec::new(), result).await
}

// ---- import ----

const REGISTRARS: [Role; 2] = [Role::Admin, Role::Petugas];

#[get("/perusahaan/impor")]
async fn import_form(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    user.actor.require(&REGISTRARS)?;
    Ok(html(import_page(&ctx(&state, &user), false, &FormErrors::default())))
}

#[get("/perusahaan/impor-bpjs")]
async fn bpjs_import_form(state: State, user: SignedIn) -> Result<HttpResponse, Error> {
    user.actor.require(&REGISTRARS)?;
    Ok(html(import_page(&ctx(&state, &user), true, &FormErrors::default())))
}

fn csv_download(name: &str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .body(body)
}

#[get("/perusahaan/impor/templat.csv")]
async fn import_template(user: SignedIn) -> Result<HttpResponse, Error> {
    user.actor.require(&REGISTRARS)?;
    Ok(csv_download("templat-impor-perusahaan.csv", crate::companies::import::template_csv()))
}

#[get("/perusahaan/impor-bpjs/templat.csv")]
async fn bpjs_import_template(user: SignedIn) -> Result<HttpResponse, Error> {
    user.actor.require(&REGISTRARS)?;
    Ok(csv_download("templat-impor-bpjs.csv", crate::companies::import::bpjs_template_csv()))
}

/// Company and BPJS lists are small text tables; 5 MB holds tens of thousands of lines.
pub const MAX_IMPORT: usize = 5 * 1024 * 1024;

async fn upload_import(
    state: State,
    user: SignedIn,
    kind: ImportKind,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    user.actor.require(&REGISTRARS)?;
    let result = match crate::http::read_upload(payload, MAX_IMPORT).await {
        Ok((filename, bytes)) => {
            let (actor, regions, now) = (user.actor.clone(), state.settings.regions.clone(), state.now());
            state.db.run(move |c| imports::upload(c, &actor, kind, &filename, &bytes, &regions, now)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/perusahaan/impor/{id}"))),
        Err(e) => {
            let (status, errors) = form_errors(e, user.ctx.lang)?;
            Ok(html_status(status, import_page(&ctx(&state, &user), kind == ImportKind::Bpjs, &errors)))
        }
    }
}

#[post("/perusahaan/impor")]
async fn import_upload(
    state: State,
    user: SignedIn,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    upload_import(state, user, ImportKind::Perusahaan, payload).await
}

#[post("/perusahaan/impor-bpjs")]
async fn bpjs_import_upload(
    state: State,
    user: SignedIn,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, Error> {
    upload_import(state, user, ImportKind::Bpjs, payload).await
}

async fn preview_view(state: &State, user: &SignedIn, id: String, errors: FormErrors) -> Result<HttpResponse, Error> {
    let l = user.ctx.lang;
    let (actor, regions, today) = (user.actor.clone(), state.settings.regions.clone(), state.today());
    let p = state.db.run(move |c| imports::preview(c, &actor, &id, &regions, today)).await?;
    let view = ImportPreviewView {
        new: p.count(|o| *o == LineOutcome::New),
        existing: p.count(|o| *o == LineOutcome::AlreadyRecorded),
        bpjs: p.kind == ImportKind::Bpjs,
        invalid: p.count(|o| matches!(o, LineOutcome::Invalid(_))),
        lines: p
            .lines
            .iter()
            .map(|line| {
                let (tone, outcome) = match &line.outcome {
                    LineOutcome::New => (Tone::Good, l.t("baru", "new").to_string()),
                    LineOutcome::AlreadyRecorded if p.kind == ImportKind::Bpjs => {
                        (Tone::Neutral, l.t("sudah tercatat, dilewati", "already recorded, skipped").to_string())
                    }
                    LineOutcome::AlreadyRecorded => {
                        (Tone::Neutral, l.t("sudah terdaftar, dilewati", "already registered, skipped").to_string())
                    }
                    LineOutcome::Invalid(m) => (Tone::Bad, m.get(l).to_string()),
                };
                ImportLineView { line: line.line, name: line.name.clone(), nib: line.nib.clone(), tone, outcome }
            })
            .collect(),
        id: p.id,
        filename: p.filename,
        applied: p.applied,
        errors: errors.clone(),
    };
    let status =
        if errors.is_empty() { actix_web::http::StatusCode::OK } else { actix_web::http::StatusCode::CONFLICT };
    Ok(html_status(status, import_preview_page(&ctx(state, user), &view)))
}

#[get("/perusahaan/impor/{id}")]
async fn import_preview(state: State, user: SignedIn, id: web::Path<String>) -> Result<HttpResponse, Error> {
    preview_view(&state, &user, id.into_inner(), FormErrors::default()).await
}

#[derive(Debug, Deserialize)]
struct ApplyForm {
    mode: String,
}

#[post("/perusahaan/impor/{id}")]
async fn import_apply(
    state: State,
    user: SignedIn,
    id: web::Path<String>,
    form: web::Form<ApplyForm>,
) -> Result<HttpResponse, Error> {
    let id = id.into_inner();
    let all_or_nothing = form.mode != "valid";
    let (actor, settings, today, now, iid) =
        (user.actor.clone(), state.settings.clone(), state.today(), state.now(), id.clone());
    match state.db.run(move |c| imports::apply(c, &actor, &iid, all_or_nothing, &settings, today, now)).await {
        Ok(_) => Ok(see_other(&format!("/perusahaan/impor/{id}"))),
        Err(e) => {
            let (_, errors) = form_errors(e, user.ctx.lang)?;
            preview_view(&state, &user, id, errors).await
        }
    }
}
