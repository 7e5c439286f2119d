//! The company register: list with filters and CSV export, the company form, the profile.

use maud::{html, Markup};

use crate::components::{
    badge, csrf_input, error_summary, pager, select_field, text_field, textarea_field, Field, FormErrors, Tone,
};
use crate::{page, Lang, PageCtx};

#[derive(Debug, Clone)]
pub struct CompanyRowView {
    pub id: String,
    pub name: String,
    pub nib: String,
    pub place: String,
    pub kbli: String,
    pub workers: i32,
    pub size: String,
    pub active: bool,
}

#[derive(Debug, Clone, Default)]
pub struct CompanyListView {
    pub rows: Vec<CompanyRowView>,
    pub q: String,
    pub kecamatan: String,
    pub kbli: String,
    pub size: String,
    pub status: String,
    pub standing: String,
    pub kecamatan_options: Vec<(String, String)>,
    pub size_options: Vec<(String, String)>,
    pub can_register: bool,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub query_string: String,
}

fn with_all(label: &str, options: &[(String, String)]) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), label.to_string())];
    v.extend(options.iter().cloned());
    v
}

pub fn company_list_page(ctx: &PageCtx, v: &CompanyListView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Perusahaan", "Companies");
    let none = FormErrors::default();
    let statuses = vec![
        (String::new(), l.t("Semua status", "All statuses").to_string()),
        ("active".to_string(), l.t("Aktif", "Active").to_string()),
        ("closed".to_string(), l.t("Tutup", "Closed").to_string()),
    ];
    let standings: Vec<(String, String)> = [
        ("", l.t("Semua", "All")),
        ("layak", l.t("Memenuhi semua kriteria", "Meets every criterion")),
        ("kurang", l.t("Ada kriteria belum terpenuhi", "Some criterion not met")),
        ("pp_kurang", l.t("PP/PKB belum berlaku", "No valid PP/PKB")),
        ("lks_kurang", l.t("LKS Bipartit belum terpenuhi", "LKS Bipartit not met")),
        ("upah_kurang", l.t("Skala upah belum terpenuhi", "Wage scale not met")),
        ("bpjs_kurang", l.t("BPJS belum terpenuhi", "BPJS not met")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            div.actions {
                @if v.can_register {
                    a.button href="/perusahaan/baru" { (l.t("Daftarkan perusahaan", "Register a company")) }
                    a.button.secondary href="/perusahaan/impor" { (l.t("Impor CSV/XLSX", "Import CSV/XLSX")) }
                    " "
                    a.button.secondary href="/perusahaan/impor-bpjs" { (l.t("Impor data BPJS", "Import BPJS figures")) }
                }
                a.button.secondary href={ "/perusahaan.csv?" (v.query_string) } { (l.t("Unduh CSV sesuai saringan", "Download CSV of this filter")) }
            }
            form.filters method="get" action="/perusahaan" role="search" {
                (text_field(&Field::new("q", l.t("Nama atau NIB", "Name or NIB")).kind("search").value(&v.q), &none))
                (select_field("kecamatan", l.t("Kecamatan", "Kecamatan"), &with_all(l.t("Semua kecamatan", "All kecamatan"), &v.kecamatan_options), &v.kecamatan, &none))
                (text_field(&Field::new("kbli", l.t("KBLI", "KBLI")).value(&v.kbli), &none))
                (select_field("size", l.t("Skala usaha", "Business scale"), &with_all(l.t("Semua skala", "All scales"), &v.size_options), &v.size, &none))
                (select_field("status", l.t("Status", "Status"), &statuses, &v.status, &none))
                (select_field("kepatuhan", l.t("Kepatuhan (PP/PKB, LKS, skala upah, BPJS)", "Compliance (PP/PKB, LKS, wage scale, BPJS)"), &standings, &v.standing, &none))
                div.field { button type="submit" { (l.t("Tampilkan", "Show")) } }
            }
            div.table-wrap {
                table {
                    caption.visually-hidden { (title) }
                    thead { tr {
                        th scope="col" { (l.t("Nama", "Name")) }
                        th scope="col" { "NIB" }
                        th scope="col" { (l.t("Lokasi", "Location")) }
                        th scope="col" { "KBLI" }
                        th scope="col" { (l.t("Pekerja", "Workers")) }
                        th scope="col" { (l.t("Skala", "Scale")) }
                        th scope="col" { (l.t("Status", "Status")) }
                    } }
                    tbody {
                        @if v.rows.is_empty() { tr { td colspan="7" { (l.t("Tidak ada perusahaan yang cocok.", "No matching companies.")) } } }
                        @for r in &v.rows {
                            tr {
                                td { a href={ "/perusahaan/" (r.id) } { (r.name) } }
                                td { (r.nib) }
                                td { (r.place) }
                                td { (r.kbli) }
                                td { (r.workers) }
                                td { (r.size) }
                                td { @if r.active { (badge(Tone::Good, l.t("aktif", "active"))) } @else { (badge(Tone::Neutral, l.t("tutup", "closed"))) } }
                            }
                        }
                    }
                }
            }
            (pager(l, &format!("/perusahaan?{}", v.query_string), v.page, v.per_page, v.total))
        },
    )
}

/// Values of the company form (text as typed).
#[derive(Debug, Clone, Default)]
pub struct CompanyFormView {
    pub id: Option<String>,
    pub values: Vec<(String, String)>,
    pub outside_city: bool,
    pub wlkp_registered: bool,
    pub legal_forms: Vec<(String, String)>,
    pub footprints: Vec<(String, String)>,
    pub sizes: Vec<(String, String)>,
    pub kecamatan_options: Vec<(String, String)>,
    /// Kelurahan per kecamatan, as a hint: (kecamatan name, kelurahan list).
    pub kelurahan_hint: Vec<(String, String)>,
    pub can_change_status: bool,
    pub errors: FormErrors,
}

impl CompanyFormView {
    fn get(&self, key: &str) -> &str {
        self.values.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
    }
}

pub fn company_form_page(ctx: &PageCtx, v: &CompanyFormView) -> Markup {
    let l = ctx.lang;
    let title = if v.id.is_some() {
        l.t("Ubah data perusahaan", "Edit company")
    } else {
        l.t("Daftarkan perusahaan", "Register a company")
    };
    let action = match &v.id {
        Some(id) => format!("/perusahaan/{id}"),
        None => "/perusahaan".to_string(),
    };
    let editions: Vec<(String, String)> =
        ["2020", "2025", "2017", "2015"].iter().map(|e| (e.to_string(), format!("KBLI {e}"))).collect();
    let e = &v.errors;
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            (error_summary(l, e))
            form method="post" action=(action) novalidate {
                (csrf_input(&ctx.csrf_token))
                fieldset {
                    legend { (l.t("Identitas", "Identity")) }
                    (text_field(&Field::new("name", l.t("Nama perusahaan", "Company name")).value(v.get("name")).required(), e))
                    (select_field("legal_form", l.t("Bentuk badan usaha", "Legal form"), &v.legal_forms, v.get("legal_form"), e))
                    (text_field(&Field::new("nib", "NIB").value(v.get("nib")).hint(l.t("13 angka dari OSS.", "13 digits from OSS.")).required(), e))
                    (text_field(&Field::new("npwp", "NPWP").value(v.get("npwp")).hint(l.t("15 atau 16 angka; boleh dengan titik dan strip.", "15 or 16 digits; dots and dashes allowed.")), e))
                    (text_field(&Field::new("kbli_code", l.t("Kode KBLI utama", "Main KBLI code")).value(v.get("kbli_code")).hint(l.t("5 angka.", "5 digits.")).required(), e))
                    (select_field("kbli_edition", l.t("Edisi KBLI", "KBLI edition"), &editions, v.get("kbli_edition"), e))
                    (select_field("size_class", l.t("Skala usaha (OSS)", "Business scale (OSS)"), &v.sizes, v.get("size_class"), e))
                    (select_field("footprint", l.t("Wilayah operasi", "Where it operates"), &v.footprints, v.get("footprint"), e))
                }
                fieldset {
                    legend { (l.t("Alamat", "Address")) }
                    (text_field(&Field::new("address", l.t("Alamat", "Address")).value(v.get("address")).required(), e))
                    div.checkbox {
                        input #f-outside_city type="checkbox" name="outside_city" value="true" checked[v.outside_city];
                        label for="f-outside_city" { (l.t("Berlokasi di luar Kota Bekasi", "Located outside Kota Bekasi")) }
                    }
                    (select_field("kecamatan_code", l.t("Kecamatan", "Kecamatan"), &with_all(l.t("— pilih —", "— choose —"), &v.kecamatan_options), v.get("kecamatan_code"), e))
                    (text_field(&Field::new("kelurahan", l.t("Kelurahan", "Kelurahan")).value(v.get("kelurahan")), e))
                    details {
                        summary { (l.t("Daftar kelurahan per kecamatan", "Kelurahan of each kecamatan")) }
                        dl.facts { @for (k, list) in &v.kelurahan_hint { dt { (k) } dd { (list) } } }
                    }
                }
                fieldset {
                    legend { (l.t("Tenaga kerja", "Workforce")) }
                    (text_field(&Field::new("workers_male", l.t("Laki-laki", "Men")).kind("number").value(v.get("workers_male")), e))
                    (text_field(&Field::new("workers_female", l.t("Perempuan", "Women")).kind("number").value(v.get("workers_female")), e))
                    (text_field(&Field::new("workers_pkwt", l.t("PKWT (kontrak)", "PKWT (fixed term)")).kind("number").value(v.get("workers_pkwt")), e))
                    (text_field(&Field::new("workers_pkwtt", l.t("PKWTT (tetap)", "PKWTT (permanent)")).kind("number").value(v.get("workers_pkwtt")), e))
                    (text_field(&Field::new("workforce_reported_on", l.t("Tanggal data", "Date of the figures")).kind("date").value(v.get("workforce_reported_on")), e))
                    div.checkbox {
                        input #f-wlkp_registered type="checkbox" name="wlkp_registered" value="true" checked[v.wlkp_registered];
                        label for="f-wlkp_registered" { (l.t("Terdaftar di WLKP", "Registered in WLKP")) }
                    }
                    (text_field(&Field::new("wlkp_registered_on", l.t("Tanggal pendaftaran WLKP", "WLKP registration date")).kind("date").value(v.get("wlkp_registered_on")), e))
                }
                fieldset {
                    legend { (l.t("Narahubung", "Contact")) }
                    (text_field(&Field::new("contact_name", l.t("Nama", "Name")).value(v.get("contact_name")).required(), e))
                    (text_field(&Field::new("contact_phone", l.t("Telepon", "Phone")).kind("tel").value(v.get("contact_phone")), e))
                    (text_field(&Field::new("contact_email", l.t("Email", "Email")).kind("email").value(v.get("contact_email")), e))
                    @if v.can_change_status {
                        (select_field("status", l.t("Status", "Status"), &[("active".to_string(), l.t("Aktif", "Active").to_string()), ("closed".to_string(), l.t("Tutup", "Closed").to_string())], v.get("status"), e))
                    } @else {
                        input type="hidden" name="status" value=(v.get("status"));
                    }
                }
                div.actions {
                    button type="submit" { (l.t("Simpan", "Save")) }
                    a href={ "/perusahaan" @if let Some(id) = &v.id { "/" (id) } } { (l.t("Batal", "Cancel")) }
                }
            }
        },
    )
}

#[derive(Debug, Clone)]
pub struct RepresentativeView {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub activated: bool,
}

#[derive(Debug, Clone, Default)]
pub struct CompanyDetailView {
    pub id: String,
    pub name: String,
    pub facts: Vec<(String, String)>,
    pub active: bool,
    pub can_edit: bool,
    pub can_manage_representatives: bool,
    pub representatives: Vec<RepresentativeView>,
    pub rep_email: String,
    pub rep_name: String,
    pub errors: FormErrors,
    /// Unions with members here: (union id, name, members here); linked for staff.
    pub unions: Vec<(String, String, i32)>,
    pub link_unions: bool,
    /// The change history, for staff only.
    pub timeline: Option<Vec<crate::pages::audit::AuditRow>>,
}

pub fn company_detail_page(ctx: &PageCtx, v: &CompanyDetailView) -> Markup {
    let l = ctx.lang;
    page(
        ctx,
        &v.name,
        html! {
            p { a href="/perusahaan" { "← " (l.t("Daftar perusahaan", "All companies")) } }
            h1 { (v.name) " " @if v.active { (badge(Tone::Good, l.t("aktif", "active"))) } @else { (badge(Tone::Neutral, l.t("tutup", "closed"))) } }
            p.actions {
                a.button href={ "/perusahaan/" (v.id) "/kepatuhan" } { (l.t("Kepatuhan: PP/PKB, LKS, skala upah, BPJS", "Compliance: PP/PKB, LKS, wage scale, BPJS")) }
                @if v.can_edit { a.button.secondary href={ "/perusahaan/" (v.id) "/ubah" } { (l.t("Ubah data", "Edit")) } }
            }
            dl.facts { @for (k, val) in &v.facts { dt { (k) } dd { (val) } } }
            h2 { (l.t("Serikat pekerja/serikat buruh", "Trade unions")) }
            ul {
                @if v.unions.is_empty() { li { (l.t("Belum ada serikat tercatat di perusahaan ini.", "No union is recorded at this company.")) } }
                @for (id, name, members) in &v.unions {
                    li {
                        @if v.link_unions { a href={ "/serikat/" (id) } { (name) } } @else { (name) }
                        ": " (members) " " (l.t("anggota", "members"))
                    }
                }
            }
            h2 { (l.t("Perwakilan perusahaan", "Company representatives")) }
            p { (l.t(
                "Perwakilan masuk ke Harmoni untuk memelihara data perusahaan ini dan mengajukan PP atau PKB.",
                "Representatives sign in to Harmoni to keep this company's records and submit its PP or PKB."
            )) }
            ul {
                @if v.representatives.is_empty() { li { (l.t("Belum ada perwakilan.", "No representative yet.")) } }
                @for r in &v.representatives {
                    li {
                        (r.name) " (" (r.email) ") "
                        @if !r.activated { (badge(Tone::Neutral, l.t("menunggu aktivasi", "awaiting activation"))) }
                        @if v.can_manage_representatives {
                            form.inline method="post" action={ "/perusahaan/" (v.id) "/perwakilan/" (r.user_id) "/hapus" } {
                                (csrf_input(&ctx.csrf_token))
                                button.secondary type="submit" { (l.t("Lepas", "Remove")) span.visually-hidden { " " (r.name) } }
                            }
                        }
                    }
                }
            }
            @if let Some(timeline) = &v.timeline {
                h2 { (l.t("Riwayat perubahan", "Change history")) }
                (crate::pages::audit::audit_table(l, timeline))
            }
            @if v.can_manage_representatives {
                section.panel.narrow {
                    h3 { (l.t("Tambah perwakilan", "Add a representative")) }
                    (error_summary(l, &v.errors))
                    form method="post" action={ "/perusahaan/" (v.id) "/perwakilan" } novalidate {
                        (csrf_input(&ctx.csrf_token))
                        (text_field(&Field::new("email", l.t("Email", "Email")).kind("email").value(&v.rep_email).hint(l.t("Akun baru diundang lewat email; akun perwakilan yang sudah ada langsung ditautkan.", "A new account is invited by email; an existing representative account is linked at once.")).required(), &v.errors))
                        (text_field(&Field::new("full_name", l.t("Nama lengkap", "Full name")).value(&v.rep_name), &v.errors))
                        button type="submit" { (l.t("Tambah perwakilan", "Add representative")) }
                    }
                }
            }
        },
    )
}

/// Label of a kecamatan code, or the note that the company is outside the city.
pub fn place_label(l: Lang, kecamatan: Option<&str>, kelurahan: Option<&str>) -> String {
    match (kecamatan, kelurahan) {
        (Some(k), Some(kel)) => format!("{kel}, {k}"),
        _ => l.t("Di luar Kota Bekasi", "Outside Kota Bekasi").to_string(),
    }
}

/// One criterion of the decent-work indicator as shown: its status in words and what is missing.
#[derive(Debug, Clone)]
pub struct CriterionView {
    pub title: String,
    pub tone: Tone,
    pub status: String,
    pub details: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RecordGroup {
    pub id: String,
    pub title: String,
    pub lines: Vec<String>,
    /// The uploaded document: (file name, download link).
    pub document: Option<(String, String)>,
}

/// A dated line of activity (a meeting, a report) with its document when uploaded.
#[derive(Debug, Clone)]
pub struct ActivityLine {
    pub id: String,
    pub text: String,
    pub document: Option<(String, String)>,
}

/// An LKS Bipartit with its members, notification clock, meetings and reports.
#[derive(Debug, Clone)]
pub struct LksGroupView {
    pub id: String,
    pub title: String,
    pub members: Vec<String>,
    /// Whether the notification came within the 14 working days: tone and sentence.
    pub notification: (Tone, String),
    /// How the notification deadline was computed, with its legal basis.
    pub notification_explained: String,
    pub registration_pending: bool,
    pub meetings: Vec<ActivityLine>,
    pub meeting_status: Option<(Tone, String)>,
    pub reports: Vec<ActivityLine>,
    pub reports_status: Option<(Tone, String)>,
    /// The newest LKS: its activity can be added to.
    pub current: bool,
}

fn document_link(l: Lang, doc: &Option<(String, String)>) -> Markup {
    html! {
        @match doc {
            Some((name, href)) => { " · " a href=(href) download { (l.t("Unduh", "Download")) " " (name) } }
            None => { " · " (l.t("belum ada berkas", "no file yet")) }
        }
    }
}

/// A one-file upload form (multipart, so the CSRF token travels in the URL). `context` names
/// the record for screen readers, where several such forms stand in one list.
fn upload_form(ctx: &PageCtx, action: &str, id: &str, label: &str, context: &str, button: &str) -> Markup {
    html! {
        form.inline-upload method="post" action={ (action) "?csrf_token=" (ctx.csrf_token) } enctype="multipart/form-data" {
            label for=(id) { (label) @if !context.is_empty() { span.visually-hidden { " — " (context) } } }
            input id=(id) type="file" name="berkas" accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx" required;
            button.secondary type="submit" { (button) }
        }
    }
}

fn file_field(l: Lang, e: &FormErrors, id: &str) -> Markup {
    html! {
        div class={ "field" @if e.for_field("berkas").is_some() { " has-error" } } {
            label for=(id) { (l.t("Berkas (PDF, JPG, PNG, DOCX atau XLSX; boleh menyusul)", "File (PDF, JPG, PNG, DOCX or XLSX; may follow later)")) }
            @if let Some(msg) = e.for_field("berkas") { p.field-error { (msg) } }
            input id=(id) type="file" name="berkas" accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx";
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ComplianceView {
    /// The bukti pencatatan of each recorded LKS Bipartit, as PDF.
    pub letters: crate::pages::letters::LettersSection,
    pub company_id: String,
    pub company_name: String,
    pub as_of: String,
    pub as_of_long: String,
    pub criteria: Vec<CriterionView>,
    pub bpjs: Vec<String>,
    pub wage_scales: Vec<RecordGroup>,
    pub lks: Vec<LksGroupView>,
    pub can_record: bool,
    /// Officers record the office's bukti pencatatan.
    pub can_register: bool,
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
}

impl ComplianceView {
    fn get(&self, key: &str) -> &str {
        self.values.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
    }
}

pub fn compliance_page(ctx: &PageCtx, v: &ComplianceView) -> Markup {
    let l = ctx.lang;
    let title = format!("{} — {}", l.t("Kepatuhan", "Compliance"), v.company_name);
    let e = &v.errors;
    page(
        ctx,
        &title,
        html! {
            p { a href={ "/perusahaan/" (v.company_id) } { "← " (v.company_name) } }
            h1 { (title) }
            form.filters method="get" action={ "/perusahaan/" (v.company_id) "/kepatuhan" } {
                (text_field(&Field::new("tanggal", l.t("Keadaan per tanggal", "Status as of")).kind("date").value(&v.as_of), &FormErrors::default()))
                div.field { button type="submit" { (l.t("Tampilkan", "Show")) } }
            }
            h2 { (l.t("Tata kelola kerja layak per", "Decent work governance as of")) " " (v.as_of_long) }
            div.cards {
                @for c in &v.criteria {
                    section.panel {
                        h3 { (c.title) }
                        p { (badge(c.tone, &c.status)) }
                        @if !c.details.is_empty() { ul { @for d in &c.details { li { (d) } } } }
                    }
                }
            }
            (error_summary(l, e))
            h2 { "BPJS Ketenagakerjaan" }
            ul { @if v.bpjs.is_empty() { li { (l.t("Belum ada data.", "No figures yet.")) } } @for line in &v.bpjs { li { (line) } } }
            @if v.can_record {
                details.panel open[e.for_field("npp").is_some() || e.for_field("as_of").is_some() || e.for_field("workers_enrolled").is_some() || e.for_field("registered_on").is_some()] {
                    summary { (l.t("Tambah data kepesertaan", "Add an enrolment figure")) }
                    form method="post" action={ "/perusahaan/" (v.company_id) "/bpjs" } novalidate {
                        (csrf_input(&ctx.csrf_token))
                        (text_field(&Field::new("npp", "NPP").value(v.get("npp")).required(), e))
                        (text_field(&Field::new("registered_on", l.t("Tanggal terdaftar", "Registered on")).kind("date").value(v.get("registered_on")).required(), e))
                        fieldset {
                            legend { (l.t("Program yang diikuti", "Programmes enrolled")) }
                            @for p in ["JKK", "JKM", "JHT", "JP", "JKP"] {
                                div.checkbox {
                                    input id={ "f-prog-" (p) } type="checkbox" name="programmes" value=(p) checked[v.values.iter().any(|(k, val)| k == "programmes" && val == p)];
                                    label for={ "f-prog-" (p) } { (p) }
                                }
                            }
                        }
                        (text_field(&Field::new("workers_enrolled", l.t("Jumlah pekerja terdaftar", "Workers enrolled")).kind("number").value(v.get("workers_enrolled")).required(), e))
                        (text_field(&Field::new("as_of", l.t("Data per tanggal", "Figure as of")).kind("date").value(v.get("as_of")).required(), e))
                        button type="submit" { (l.t("Simpan data BPJS", "Save BPJS figure")) }
                    }
                }
            }
            h2 { (l.t("Struktur dan skala upah", "Wage structure and scale")) }
            @if v.wage_scales.is_empty() { p { (l.t("Belum ada data.", "No wage scale yet.")) } }
            @for g in &v.wage_scales {
                h3 { (g.title) }
                p { (l.t("Dokumen", "Document")) (document_link(l, &g.document)) }
                ul { @for line in &g.lines { li { (line) } } }
                @if v.can_record {
                    (upload_form(ctx, &format!("/perusahaan/{}/dokumen/skala-upah/{}", v.company_id, g.id), &format!("f-doc-{}", g.id), l.t("Unggah dokumen skala upah yang ditandatangani", "Upload the signed wage scale document"), &g.title, l.t("Unggah", "Upload")))
                }
            }
            @if v.can_record {
                details.panel open[e.for_field("grades").is_some() || e.for_field("effective_on").is_some()] {
                    summary { (l.t("Tambah struktur dan skala upah", "Add a wage scale")) }
                    form method="post" action={ "/perusahaan/" (v.company_id) "/skala-upah" } novalidate {
                        (csrf_input(&ctx.csrf_token))
                        (text_field(&Field::new("effective_on", l.t("Berlaku mulai", "In effect from")).kind("date").value(v.get("effective_on")).required(), e))
                        div.checkbox {
                            input #f-workers_informed type="checkbox" name="workers_informed" value="true" checked[v.get("workers_informed") == "true"];
                            label for="f-workers_informed" { (l.t("Pekerja sudah diberi tahu", "Workers have been informed")) }
                        }
                        (textarea_field("grades", l.t("Golongan upah", "Wage grades"), l.t("Satu golongan per baris: golongan; jabatan; upah minimum; upah maksimum. Contoh: I; Operator; 5.999.443; 6.500.000", "One grade per line: grade; job level; minimum; maximum. Example: I; Operator; 5.999.443; 6.500.000"), v.get("grades"), 6, e))
                        button type="submit" { (l.t("Simpan skala upah", "Save wage scale")) }
                    }
                }
            }
            h2 { "LKS Bipartit" }
            @if v.lks.is_empty() { p { (l.t("Belum ada data.", "No LKS Bipartit yet.")) } }
            @for g in &v.lks {
                section.panel {
                    h3 { (g.title) }
                    p { (badge(g.notification.0, &g.notification.1)) }
                    p.hint { (g.notification_explained) }
                    h4 { (l.t("Anggota", "Members")) }
                    ul { @for line in &g.members { li { (line) } } }
                    @if g.registration_pending && v.can_register {
                        details open[e.for_field("registration_number").is_some() && g.current] {
                            summary { (l.t("Catat bukti pencatatan", "Record the bukti pencatatan")) }
                            form method="post" action={ "/perusahaan/" (v.company_id) "/lks/" (g.id) "/pencatatan" } novalidate {
                                (csrf_input(&ctx.csrf_token))
                                (text_field(&Field::new("registration_number", l.t("Nomor bukti pencatatan", "Recording number")).value(v.get("registration_number")).required(), e))
                                (text_field(&Field::new("registered_on", l.t("Tanggal bukti pencatatan", "Recorded on")).kind("date").value(v.get("registered_on")).required(), e))
                                button type="submit" { (l.t("Simpan pencatatan", "Save the recording")) }
                            }
                        }
                    }
                    h4 { (l.t("Rapat", "Meetings")) }
                    @if let Some((tone, text)) = &g.meeting_status { p { (badge(*tone, text)) } }
                    @if g.meetings.is_empty() { p { (l.t("Belum ada rapat yang dicatat.", "No meeting recorded yet.")) } }
                    ul {
                        @for m in &g.meetings {
                            li {
                                (m.text) (document_link(l, &m.document))
                                @if m.document.is_none() && v.can_record {
                                    (upload_form(ctx, &format!("/perusahaan/{}/dokumen/lks-rapat/{}", v.company_id, m.id), &format!("f-min-{}", m.id), l.t("Notulen", "Minutes"), &m.text, l.t("Unggah notulen", "Upload minutes")))
                                }
                            }
                        }
                    }
                    @if g.current && v.can_record {
                        details open[e.for_field("held_on").is_some() || e.for_field("agenda").is_some()] {
                            summary { (l.t("Catat rapat", "Record a meeting")) }
                            form method="post" action={ "/perusahaan/" (v.company_id) "/lks/" (g.id) "/rapat?csrf_token=" (ctx.csrf_token) } enctype="multipart/form-data" novalidate {
                                (text_field(&Field::new("held_on", l.t("Tanggal rapat", "Meeting date")).kind("date").value(v.get("held_on")).required(), e))
                                (textarea_field("agenda", l.t("Agenda", "Agenda"), l.t("Pokok bahasan rapat.", "What the meeting discussed."), v.get("agenda"), 6, e))
                                (file_field(l, e, &format!("f-minutes-{}", g.id)))
                                button type="submit" { (l.t("Simpan rapat", "Save the meeting")) }
                            }
                        }
                    }
                    h4 { (l.t("Laporan enam bulanan", "Six-monthly reports")) }
                    @if let Some((tone, text)) = &g.reports_status { p { (badge(*tone, text)) } }
                    ul {
                        @for r in &g.reports {
                            li {
                                (r.text) (document_link(l, &r.document))
                                @if r.document.is_none() && v.can_record {
                                    (upload_form(ctx, &format!("/perusahaan/{}/dokumen/lks-laporan/{}", v.company_id, r.id), &format!("f-rep-{}", r.id), l.t("Berkas laporan", "Report file"), &r.text, l.t("Unggah laporan", "Upload the report")))
                                }
                            }
                        }
                    }
                    @if g.current && v.can_record {
                        details open[e.for_field("period").is_some() || e.for_field("summary").is_some() || e.for_field("received_on").is_some()] {
                            summary { (l.t("Catat laporan semester", "Record a half-year report")) }
                            form method="post" action={ "/perusahaan/" (v.company_id) "/lks/" (g.id) "/laporan?csrf_token=" (ctx.csrf_token) } enctype="multipart/form-data" novalidate {
                                (text_field(&Field::new("period", l.t("Periode", "Period")).value(v.get("period")).hint(l.t("Contoh: 2026-I (Januari-Juni) atau 2026-II (Juli-Desember)", "For example 2026-I (January-June) or 2026-II (July-December)")).required(), e))
                                @if v.can_register {
                                    (text_field(&Field::new("received_on", l.t("Tanggal diterima", "Received on")).kind("date").value(v.get("received_on")).hint(l.t("Kosongkan bila hari ini", "Leave empty for today")), e))
                                }
                                (textarea_field("summary", l.t("Ringkasan laporan", "Summary of the report"), l.t("Kegiatan dan hasil LKS Bipartit pada semester itu.", "What the LKS Bipartit did and achieved in that half-year."), v.get("summary"), 6, e))
                                (file_field(l, e, &format!("f-report-{}", g.id)))
                                button type="submit" { (l.t("Simpan laporan", "Save the report")) }
                            }
                        }
                    }
                }
            }
            @if v.can_record {
                details.panel open[e.for_field("members").is_some() || e.for_field("formed_on").is_some() || e.for_field("registration_number").is_some()] {
                    summary { (l.t("Tambah LKS Bipartit", "Add an LKS Bipartit")) }
                    form method="post" action={ "/perusahaan/" (v.company_id) "/lks" } novalidate {
                        (csrf_input(&ctx.csrf_token))
                        (text_field(&Field::new("formed_on", l.t("Tanggal pembentukan", "Formed on")).kind("date").value(v.get("formed_on")).required(), e))
                        @if v.can_register {
                            (text_field(&Field::new("notified_on", l.t("Tanggal pemberitahuan ke Disnaker", "Notified to the Disnaker on")).kind("date").value(v.get("notified_on")).hint(l.t("Kosongkan bila hari ini. Batasnya 14 hari kerja setelah pembentukan.", "Leave empty for today. The limit is 14 working days after the formation.")), e))
                            (text_field(&Field::new("registration_number", l.t("Nomor bukti pencatatan", "Recording number")).value(v.get("registration_number")), e))
                            (text_field(&Field::new("registered_on", l.t("Tanggal bukti pencatatan", "Recorded on")).kind("date").value(v.get("registered_on")), e))
                        } @else {
                            p.hint { (l.t("Menyimpan LKS Bipartit di sini adalah pemberitahuan pembentukannya kepada Disnaker (paling lambat 14 hari kerja setelah dibentuk). Disnaker akan mencatat dan menerbitkan bukti pencatatan.", "Saving the LKS Bipartit here notifies the Disnaker of its formation (within 14 working days of forming it). The Disnaker records it and issues the bukti pencatatan.")) }
                        }
                        (textarea_field("members", l.t("Anggota", "Members"), l.t("Satu anggota per baris: nama; pengusaha atau pekerja; ketua, wakil_ketua, sekretaris atau anggota.", "One member per line: name; pengusaha or pekerja; ketua, wakil_ketua, sekretaris or anggota."), v.get("members"), 6, e))
                        button type="submit" { (l.t("Simpan LKS Bipartit", "Save LKS Bipartit")) }
                    }
                }
            }
            (crate::pages::letters::letters_section(ctx, &v.letters))
        },
    )
}

/// The import page: what the file must hold, the template, the upload form; for a company
/// list or for BPJS enrolment figures.
pub fn import_page(ctx: &PageCtx, bpjs: bool, errors: &FormErrors) -> Markup {
    let l = ctx.lang;
    let (title, action, template) = if bpjs {
        (
            l.t("Impor data kepesertaan BPJS Ketenagakerjaan", "Import BPJS Ketenagakerjaan enrolment figures"),
            "/perusahaan/impor-bpjs",
            "/perusahaan/impor-bpjs/templat.csv",
        )
    } else {
        (l.t("Impor daftar perusahaan", "Import a company list"), "/perusahaan/impor", "/perusahaan/impor/templat.csv")
    };
    page(
        ctx,
        title,
        html! {
            p { a href="/perusahaan" { "← " (l.t("Daftar perusahaan", "All companies")) } }
            h1 { (title) }
            @if bpjs {
                p { (l.t(
                    "Unggah berkas CSV atau XLSX dengan kolom nib, npp, tanggal_terdaftar, program (misalnya \"JKK JKM JHT JP JKP\"), jumlah_peserta dan tanggal_data, satu baris per perusahaan per tanggal data. Perusahaan dicari menurut NIB. Anda akan melihat pratinjau setiap baris sebelum apa pun disimpan. Data yang sama persis dengan yang sudah tercatat dilewati, jadi berkas yang sama boleh diimpor dua kali.",
                    "Upload a CSV or XLSX file with the columns nib, npp, tanggal_terdaftar, program (e.g. \"JKK JKM JHT JP JKP\"), jumlah_peserta and tanggal_data, one line per company per date. Companies are found by NIB. You will see a preview of every line before anything is saved. Figures identical to those already recorded are skipped, so the same file may be imported twice."
                )) }
            } @else {
                p { (l.t(
                    "Unggah berkas CSV atau XLSX dengan kolom seperti unduhan CSV daftar perusahaan (misalnya ekspor WLKP yang sudah disesuaikan). Anda akan melihat pratinjau setiap baris sebelum apa pun disimpan. Perusahaan yang NIB-nya sudah terdaftar dilewati, jadi berkas yang sama boleh diimpor dua kali.",
                    "Upload a CSV or XLSX file with the columns of the company list's CSV download (for example an adjusted WLKP export). You will see a preview of every line before anything is saved. Companies whose NIB is already registered are skipped, so the same file may be imported twice."
                )) }
            }
            p { a.button.secondary href=(template) { (l.t("Unduh templat CSV", "Download the CSV template")) } }
            (error_summary(l, errors))
            form method="post" action={ (action) "?csrf_token=" (ctx.csrf_token) } enctype="multipart/form-data" {
                div class={ "field" @if errors.for_field("berkas").is_some() { " has-error" } } {
                    label for="f-berkas" { (l.t("Berkas CSV atau XLSX (maksimal 5 MB)", "CSV or XLSX file (at most 5 MB)")) }
                    @if let Some(e) = errors.for_field("berkas") { p.field-error id="e-berkas" { (e) } }
                    input #f-berkas type="file" name="berkas" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required aria-describedby=[errors.for_field("berkas").map(|_| "e-berkas")];
                }
                button type="submit" { (l.t("Unggah dan lihat pratinjau", "Upload and preview")) }
            }
        },
    )
}

#[derive(Debug, Clone)]
pub struct ImportLineView {
    pub line: usize,
    pub name: String,
    pub nib: String,
    pub tone: Tone,
    pub outcome: String,
}

#[derive(Debug, Clone, Default)]
pub struct ImportPreviewView {
    pub id: String,
    /// BPJS figures rather than companies.
    pub bpjs: bool,
    pub filename: String,
    pub lines: Vec<ImportLineView>,
    pub new: usize,
    pub existing: usize,
    pub invalid: usize,
    pub applied: Option<String>,
    pub errors: FormErrors,
}

pub fn import_preview_page(ctx: &PageCtx, v: &ImportPreviewView) -> Markup {
    let l = ctx.lang;
    let title = format!("{} — {}", l.t("Pratinjau impor", "Import preview"), v.filename);
    page(
        ctx,
        &title,
        html! {
            p { a href=(if v.bpjs { "/perusahaan/impor-bpjs" } else { "/perusahaan/impor" }) { "← " (l.t("Impor berkas lain", "Import another file")) } }
            h1 { (title) }
            (error_summary(l, &v.errors))
            @if let Some(summary) = &v.applied {
                div.flash.success role="status" { strong { (l.t("Sudah diterapkan:", "Applied:")) } " " (summary) }
            }
            ul {
                li { (badge(Tone::Good, &format!("{} {}", v.new, l.t("baru", "new")))) }
                @if v.bpjs {
                    li { (badge(Tone::Neutral, &format!("{} {}", v.existing, l.t("sudah tercatat (dilewati)", "already recorded (skipped)")))) }
                } @else {
                    li { (badge(Tone::Neutral, &format!("{} {}", v.existing, l.t("sudah terdaftar (dilewati)", "already registered (skipped)")))) }
                }
                li { (badge(Tone::Bad, &format!("{} {}", v.invalid, l.t("bermasalah", "with problems")))) }
            }
            @if v.applied.is_none() {
                form method="post" action={ "/perusahaan/impor/" (v.id) } {
                    (csrf_input(&ctx.csrf_token))
                    fieldset {
                        legend { (l.t("Cara mengimpor", "How to import")) }
                        div.checkbox { input #m-all type="radio" name="mode" value="all" checked; label for="m-all" { (l.t("Semua atau tidak sama sekali: bila ada baris bermasalah, tidak ada yang disimpan", "All or nothing: if any line has a problem, nothing is saved")) } }
                        div.checkbox { input #m-valid type="radio" name="mode" value="valid"; label for="m-valid" { (l.t("Simpan baris yang valid saja", "Save the valid lines only")) } }
                    }
                    button type="submit" { (l.t("Terapkan impor", "Apply the import")) }
                }
            }
            div.table-wrap {
                table {
                    thead { tr {
                        th scope="col" { (l.t("Baris", "Line")) }
                        th scope="col" { (l.t("Nama", "Name")) }
                        th scope="col" { "NIB" }
                        th scope="col" { (l.t("Hasil", "Outcome")) }
                    } }
                    tbody {
                        @for line in &v.lines {
                            tr { td { (line.line) } td { (line.name) } td { (line.nib) } td { (badge(line.tone, &line.outcome)) } }
                        }
                    }
                }
            }
        },
    )
}
