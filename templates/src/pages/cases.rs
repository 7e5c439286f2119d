//! Dispute cases: the list, the complaint form, the case page (the mediator's workbench with
//! its step forms), the printable receipt and public tracking.

use maud::{html, Markup};

use crate::components::{
    badge, csrf_input, deadline_badge, error_summary, pager, paragraphs, select_field, text_field, textarea_field,
    value_of, DeadlineState, Field, FormErrors, Tone,
};
use crate::{page, Lang, PageCtx};

fn checkbox(name: &str, label: &str, checked: bool) -> Markup {
    html! {
        div.field.check {
            input type="checkbox" id={ "f-" (name) } name=(name) value="true" checked[checked];
            label for={ "f-" (name) } { (label) }
        }
    }
}

/// A running clock on a case, ready to show.
#[derive(Debug, Clone)]
pub struct DeadlineView {
    pub label: String,
    pub legal_basis: String,
    pub start: String,
    pub due: String,
    pub state: DeadlineState,
    /// How it was computed: working days, skipped days, additions.
    pub explanation: String,
}

/// The running clocks of a workflow: label, badge, legal basis, start and how it was computed.
pub fn deadline_list(l: Lang, deadlines: &[DeadlineView]) -> Markup {
    html! {
        @if deadlines.is_empty() {
            p { (l.t("Tidak ada tenggat yang berjalan.", "No deadline is running.")) }
        } @else {
            ul.deadlines {
                @for d in deadlines {
                    li {
                        strong { (d.label) } " " (deadline_badge(l, d.state, &d.due))
                        p.hint { (d.legal_basis) " · " (l.t("sejak", "from")) " " (d.start) ". " (d.explanation) }
                    }
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct CaseRowView {
    pub id: String,
    pub number: String,
    pub dispute_type: String,
    pub company: String,
    pub status: String,
    pub closed: bool,
    pub next: Option<(String, DeadlineState, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct CaseListView {
    pub title: String,
    pub rows: Vec<CaseRowView>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub base: String,
    pub can_file: bool,
    pub statuses: Vec<(String, String)>,
    pub types: Vec<(String, String)>,
    pub status: String,
    pub dispute_type: String,
    pub q: String,
    /// The workbench: ordered by nearest deadline, no filters.
    pub workbench: bool,
}

pub fn case_list_page(p: &PageCtx, v: &CaseListView) -> Markup {
    let l = p.lang;
    page(
        p,
        &v.title,
        html! {
            h1 { (v.title) }
            p.actions {
                @if v.can_file { a.button href="/kasus/baru" { (l.t("Ajukan pengaduan", "File a complaint")) } " " }
                a href="/kasus" { (l.t("Semua kasus", "All cases")) } " · "
                a href="/kasus/tenggat" { (l.t("Menurut tenggat terdekat", "By nearest deadline")) } " · "
                a href="/lacak" { (l.t("Lacak dengan PIN", "Track with a PIN")) }
            }
            @if !v.workbench {
                form.filters method="get" action="/kasus" {
                    (select_field("status", l.t("Tahap", "Stage"), &v.statuses, &v.status, &FormErrors::default()))
                    (select_field("jenis", l.t("Jenis", "Type"), &v.types, &v.dispute_type, &FormErrors::default()))
                    (text_field(&Field::new("q", l.t("Cari nomor, referensi atau perusahaan", "Search number, reference or company")).value(&v.q), &FormErrors::default()))
                    button type="submit" { (l.t("Tampilkan", "Show")) }
                }
                p { (v.total) " " (l.t("kasus", "cases")) }
            }
            @if v.rows.is_empty() {
                p { (l.t("Belum ada kasus.", "No cases yet.")) }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            th scope="col" { (l.t("Nomor / referensi", "Number / reference")) }
                            th scope="col" { (l.t("Jenis", "Type")) }
                            th scope="col" { (l.t("Perusahaan", "Company")) }
                            th scope="col" { (l.t("Tahap", "Stage")) }
                            th scope="col" { (l.t("Tenggat berikutnya", "Next deadline")) }
                        } }
                        tbody {
                            @for r in &v.rows {
                                tr {
                                    td { a href={ "/kasus/" (r.id) } { (r.number) } }
                                    td { (r.dispute_type) }
                                    td { (r.company) }
                                    td { (badge(if r.closed { Tone::Good } else { Tone::Neutral }, &r.status)) }
                                    td {
                                        @if let Some((label, state, due)) = &r.next {
                                            (label) " " (deadline_badge(l, *state, due))
                                        } @else { "—" }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !v.workbench { (pager(l, &v.base, v.page, v.per_page, v.total)) }
            }
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct ComplaintFormView {
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
    /// (code, label, plain-language help)
    pub types: Vec<(String, String, String)>,
    /// Companies the filer may choose (their own for a representative; empty for workers).
    pub companies: Vec<(String, String)>,
    pub walk_in: bool,
    pub submission_key: String,
    pub case_id: Option<String>,
}

pub fn complaint_form_page(p: &PageCtx, v: &ComplaintFormView) -> Markup {
    let l = p.lang;
    let val = |k: &str| value_of(&v.values, k).to_string();
    let title = if v.walk_in {
        l.t("Pengaduan langsung (loket)", "Walk-in complaint")
    } else {
        l.t("Ajukan pengaduan", "File a complaint")
    };
    page(
        p,
        title,
        html! {
            h1 { (title) }
            p { (l.t(
                "Sebelum mengadu ke Disnaker, para pihak wajib berunding secara bipartit (UU 2/2004 Pasal 3). Simpan sebagai draf bila belum lengkap; lampirkan risalah bipartit atau undangan yang ditolak di halaman kasus sebelum mengajukan.",
                "Before complaining to the Disnaker the parties must negotiate bipartitely (UU 2/2004 Art. 3). Save a draft if it is not complete; attach the bipartite minutes or refused invitations on the case page before filing."
            )) }
            (error_summary(l, &v.errors))
            form method="post" action="/kasus" {
                (csrf_input(&p.csrf_token))
                input type="hidden" name="submission_key" value=(v.submission_key);
                fieldset {
                    legend { (l.t("Jenis perselisihan", "Type of dispute")) }
                    @if let Some(e) = v.errors.for_field("dispute_type") { p.field-error id="e-dispute_type" { (e) } }
                    @for (code, label, help) in &v.types {
                        div.field.check {
                            input type="radio" id={ "t-" (code) } name="dispute_type" value=(code) checked[val("dispute_type") == *code]
                                aria-describedby={ "th-" (code) };
                            label for={ "t-" (code) } { (label) }
                            p.hint id={ "th-" (code) } { (help) }
                        }
                    }
                }
                fieldset {
                    legend { (l.t("Perusahaan", "Company")) }
                    @if v.companies.is_empty() {
                        (text_field(&Field::new("company_name", l.t("Nama perusahaan", "Company name")).value(&val("company_name")), &v.errors))
                        (text_field(&Field::new("company_address", l.t("Alamat perusahaan", "Company address")).value(&val("company_address")), &v.errors))
                        p.hint { (l.t("Petugas akan mencocokkan perusahaan dengan daftar perusahaan Disnaker.", "An officer will match the company with the Disnaker's register.")) }
                    } @else {
                        (select_field("company_id", l.t("Perusahaan", "Company"), &v.companies, &val("company_id"), &v.errors))
                    }
                    (text_field(&Field::new("union_name", l.t("Serikat pekerja (bila ada)", "Union (if any)")).value(&val("union_name")), &v.errors))
                }
                fieldset {
                    legend { (l.t("Pekerja", "Worker")) }
                    (text_field(&Field::new("full_name", l.t("Nama lengkap", "Full name")).value(&val("full_name")).autocomplete("name"), &v.errors))
                    (text_field(&Field::new("nik", "NIK").value(&val("nik")).hint(l.t("16 angka sesuai KTP; hanya petugas dan Anda yang melihatnya.", "16 digits as on the ID card; only officers and you see it.")), &v.errors))
                    (text_field(&Field::new("phone", l.t("Nomor HP", "Mobile number")).kind("tel").value(&val("phone")).autocomplete("tel"), &v.errors))
                    (text_field(&Field::new("job_title", l.t("Jabatan", "Position")).value(&val("job_title")), &v.errors))
                    (text_field(&Field::new("started_on", l.t("Mulai bekerja", "Started work")).kind("date").value(&val("started_on")), &v.errors))
                    (text_field(&Field::new("monthly_wage", l.t("Upah per bulan (Rp)", "Monthly wage (Rp)")).value(&val("monthly_wage")).kind("text"), &v.errors))
                    (textarea_field("more_workers", l.t("Pekerja lain (pengaduan kelompok)", "Other workers (group complaint)"),
                        l.t("Satu pekerja per baris: nama; NIK; nomor HP; jabatan.", "One worker per line: name; NIK; mobile; position."),
                        &val("more_workers"), 5, &v.errors))
                }
                @if v.walk_in {
                    fieldset {
                        legend { (l.t("Pengadu di loket", "Walk-in complainant")) }
                        (text_field(&Field::new("contact_name", l.t("Nama pengadu", "Complainant's name")).value(&val("contact_name")), &v.errors))
                        (text_field(&Field::new("contact_phone", l.t("Nomor HP", "Mobile number")).kind("tel").value(&val("contact_phone")), &v.errors))
                        (text_field(&Field::new("contact_email", l.t("Email (bila ada)", "Email (if any)")).kind("email").value(&val("contact_email")), &v.errors))
                        @if let Some(e) = v.errors.for_field("identity_checked") { p.field-error { (e) } }
                        (checkbox("identity_checked", l.t("Identitas (KTP) pengadu sudah diperiksa", "The complainant's ID card was checked"), val("identity_checked") == "true"))
                        (checkbox("consent_recorded", l.t("Pengadu menyetujui pemrosesan data pribadinya untuk penyelesaian perselisihan (UU 27/2022)", "The complainant agreed to the processing of their personal data for the dispute (UU 27/2022)"), val("consent_recorded") == "true"))
                    }
                }
                fieldset {
                    legend { (l.t("Pokok perselisihan", "The dispute")) }
                    (textarea_field("chronology", l.t("Kronologi", "Chronology"), l.t("Apa yang terjadi, kapan, dan siapa yang terlibat.", "What happened, when, and who was involved."), &val("chronology"), 5, &v.errors))
                    (textarea_field("demands", l.t("Tuntutan", "Demands"), l.t("Apa yang Anda minta.", "What you ask for."), &val("demands"), 5, &v.errors))
                }
                div.actions {
                    button type="submit" name="submit" value="false" { (l.t("Simpan draf", "Save draft")) } " "
                    button type="submit" name="submit" value="true" { (l.t("Ajukan sekarang", "File now")) }
                }
            }
        },
    )
}

/// One field of a step form.
#[derive(Debug, Clone)]
pub enum StepField {
    Text { name: String, label: String },
    Date { name: String, label: String, value: String },
    Area { name: String, label: String },
    Select { name: String, label: String, options: Vec<(String, String)> },
    Check { name: String, label: String },
}

/// A step the user may take now, with its form.
#[derive(Debug, Clone)]
pub struct StepFormView {
    pub action: String,
    pub title: String,
    pub help: String,
    pub fields: Vec<StepField>,
}

#[derive(Debug, Clone, Default)]
pub struct CaseView {
    pub id: String,
    pub title: String,
    pub status: String,
    pub closed: bool,
    /// (label, value)
    pub facts: Vec<(String, String)>,
    /// name, "NIK …" (masked for the company side), position, contact; empty parts are left out
    pub workers: Vec<[String; 4]>,
    /// date, kind, summary, document link
    pub evidence: Vec<(String, String, String, Option<String>)>,
    pub can_add_evidence: bool,
    pub deadlines: Vec<DeadlineView>,
    pub sessions: Vec<(String, String, String)>,
    pub summons: Vec<(String, String, String)>,
    /// Planned sessions: (when, place, kind and status, link to the session page if any).
    pub hearings: Vec<(String, String, String, Option<String>)>,
    /// The case's mediator may plan a session here.
    pub schedule_href: Option<String>,
    pub texts: Vec<(String, String)>,
    /// date, step, from → to, by, note
    pub history: Vec<[String; 5]>,
    pub steps: Vec<StepFormView>,
    pub errors: FormErrors,
    pub can_print_receipt: bool,
    /// The mediation ended without agreement: the risalah penyelesaian can be printed.
    pub can_print_risalah: bool,
    /// Official letters issued on the case, and the ones staff may issue now.
    pub letters: crate::pages::letters::LettersSection,
}

pub fn case_page(p: &PageCtx, v: &CaseView) -> Markup {
    let l = p.lang;
    page(
        p,
        &v.title,
        html! {
            p { a href="/kasus" { "← " (l.t("Daftar kasus", "Cases")) } }
            h1 { (v.title) }
            p { (l.t("Tahap", "Stage")) ": " (badge(if v.closed { Tone::Good } else { Tone::Neutral }, &v.status)) }
            (error_summary(l, &v.errors))
            section {
                h2 { (l.t("Tenggat", "Deadlines")) }
                (deadline_list(l, &v.deadlines))
            }
            @if !v.steps.is_empty() {
                section {
                    h2 { (l.t("Langkah berikutnya", "Next steps")) }
                    @for s in &v.steps {
                        details.step open[v.steps.len() == 1] {
                            summary { (s.title) }
                            @if !s.help.is_empty() { p.hint { (s.help) } }
                            form method="post" action={ "/kasus/" (v.id) "/langkah" } {
                                (csrf_input(&p.csrf_token))
                                input type="hidden" name="action" value=(s.action);
                                @for f in &s.fields {
                                    @match f {
                                        StepField::Text { name, label } => (text_field(&Field::new(name, label), &FormErrors::default())),
                                        StepField::Date { name, label, value } => (text_field(&Field::new(name, label).kind("date").value(value), &FormErrors::default())),
                                        StepField::Area { name, label } => (textarea_field(name, label, "", "", 5, &FormErrors::default())),
                                        StepField::Select { name, label, options } => (select_field(name, label, options, "", &FormErrors::default())),
                                        StepField::Check { name, label } => (checkbox(name, label, false)),
                                    }
                                }
                                button type="submit" { (s.title) }
                            }
                        }
                    }
                }
            }
            section {
                h2 { (l.t("Data perkara", "Case details")) }
                dl.facts { @for (k, val) in &v.facts { dt { (k) } dd { (val) } } }
                @if v.can_print_receipt { p { a href={ "/kasus/" (v.id) "/tanda-terima" } { (l.t("Cetak tanda terima", "Print the receipt")) } } }
                @if v.can_print_risalah { p { a href={ "/kasus/" (v.id) "/risalah" } { (l.t("Cetak risalah penyelesaian melalui mediasi", "Print the mediation settlement record")) } } }
            }
            section {
                h2 { (l.t("Pekerja", "Workers")) }
                ul { @for w in &v.workers { li { (w[0]) @for part in w[1..].iter().filter(|p| !p.is_empty()) { " · " (part) } } } }
            }
            section {
                h2 { (l.t("Bukti perundingan bipartit", "Proof of bipartite negotiation")) }
                @if v.evidence.is_empty() { p { (l.t("Belum ada bukti bipartit.", "No bipartite proof yet.")) } }
                ul { @for (date, kind, summary, doc) in &v.evidence {
                    li { (date) " · " (kind) ": " (summary) @if let Some(d) = doc { " · " a href=(d) { (l.t("berkas", "file")) } } }
                } }
                @if v.can_add_evidence {
                    form method="post" enctype="multipart/form-data" action={ "/kasus/" (v.id) "/bipartit?csrf_token=" (p.csrf_token) } {
                        (select_field("kind", l.t("Jenis bukti", "Kind of proof"), &[
                            ("risalah".to_string(), l.t("Risalah perundingan bipartit", "Bipartite minutes").to_string()),
                            ("undangan_ditolak".to_string(), l.t("Undangan bipartit yang ditolak/tidak dihadiri", "Bipartite invitation refused").to_string()),
                        ], "", &FormErrors::default()))
                        (text_field(&Field::new("held_on", l.t("Tanggal", "Date")).kind("date"), &FormErrors::default()))
                        (textarea_field("summary", l.t("Ringkasan", "Summary"), "", "", 5, &FormErrors::default()))
                        div.field { label for="f-berkas" { (l.t("Berkas (PDF, JPG, PNG)", "File (PDF, JPG, PNG)")) } input id="f-berkas" type="file" name="berkas" accept=".pdf,.jpg,.jpeg,.png"; }
                        button type="submit" { (l.t("Tambahkan bukti", "Add proof")) }
                    }
                }
            }
            @if !v.hearings.is_empty() || v.schedule_href.is_some() {
                section {
                    h2 { (l.t("Jadwal sidang", "Scheduled sessions")) }
                    @if v.hearings.is_empty() { p { (l.t("Belum ada sidang terjadwal.", "No session scheduled yet.")) } }
                    ul {
                        @for (when, place, what, href) in &v.hearings {
                            li {
                                @if let Some(h) = href { a href=(h) { (when) } } @else { (when) }
                                " · " (place) " · " (what)
                            }
                        }
                    }
                    @if let Some(h) = &v.schedule_href { p { a href=(h) { (l.t("Jadwalkan sidang (klarifikasi atau mediasi) dan kirim surat panggilan", "Schedule a session (clarification or mediation) and send the summons")) } } }
                }
            }
            @if !v.sessions.is_empty() || !v.summons.is_empty() {
                section {
                    h2 { (l.t("Sidang dan panggilan", "Sessions and summons")) }
                    ul {
                        @for (date, attendance, minutes) in &v.sessions { li { (date) " · " (attendance) ": " (minutes) } }
                        @for (date, side, info) in &v.summons { li { (date) " · " (l.t("Panggilan", "Summons")) " " (side) " · " (info) } }
                    }
                }
            }
            @for (title, body) in &v.texts {
                section { h2 { (title) } (paragraphs(body)) }
            }
            section {
                h2 { (l.t("Riwayat", "History")) }
                ol.timeline { @for h in &v.history { li { (h[0]) " · " strong { (h[1]) } " · " (h[2]) " · " (h[3]) @if !h[4].is_empty() { " · " (h[4]) } } } }
            }
            (crate::pages::letters::letters_section(p, &v.letters))
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct ReceiptView {
    pub office_lines: Vec<String>,
    pub reference: String,
    pub case_number: Option<String>,
    pub filed_at: String,
    pub dispute_type: String,
    pub company: String,
    pub complainant: String,
    pub pin: Option<String>,
    pub tracking_url: String,
}

/// The receipt (tanda terima) of a complaint, printable on A4; the PIN appears only once.
pub fn receipt_page(p: &PageCtx, v: &ReceiptView) -> Markup {
    let l = p.lang;
    page(
        p,
        l.t("Tanda terima pengaduan", "Complaint receipt"),
        html! {
            article.letter {
                header.letterhead { @for line in &v.office_lines { p { (line) } } }
                h1 { (l.t("TANDA TERIMA PENGADUAN PERSELISIHAN HUBUNGAN INDUSTRIAL", "RECEIPT OF AN INDUSTRIAL-RELATIONS COMPLAINT")) }
                dl.facts {
                    dt { (l.t("Nomor pengaduan", "Reference")) } dd { strong { (v.reference) } }
                    @if let Some(n) = &v.case_number { dt { (l.t("Nomor perkara", "Case number")) } dd { (n) } }
                    dt { (l.t("Diterima", "Received")) } dd { (v.filed_at) }
                    dt { (l.t("Jenis perselisihan", "Type of dispute")) } dd { (v.dispute_type) }
                    dt { (l.t("Pengadu", "Complainant")) } dd { (v.complainant) }
                    dt { (l.t("Perusahaan", "Company")) } dd { (v.company) }
                    @if let Some(pin) = &v.pin { dt { "PIN" } dd { strong.pin { (pin) } } }
                }
                @if v.pin.is_some() {
                    p { strong { (l.t("Simpan PIN ini. PIN hanya ditampilkan sekali; bila hilang, minta PIN baru di loket Disnaker.", "Keep this PIN. It is shown only once; if it is lost, ask the Disnaker desk for a new one.")) } }
                }
                p { (l.t("Ikuti perkembangan pengaduan di", "Follow the complaint at")) " " (v.tracking_url) " " (l.t("dengan nomor pengaduan dan PIN.", "with the reference and PIN.")) }
                p.no-print { button type="button" onclick="window.print()" { (l.t("Cetak", "Print")) } }
            }
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct TrackingView {
    pub reference: String,
    pub error: Option<String>,
    /// (label, value) of the result
    pub result: Vec<(String, String)>,
}

pub fn tracking_page(p: &PageCtx, v: &TrackingView) -> Markup {
    let l = p.lang;
    let errors = match &v.error {
        Some(e) => FormErrors::one("reference", e),
        None => FormErrors::default(),
    };
    page(
        p,
        l.t("Lacak pengaduan", "Track a complaint"),
        html! {
            h1 { (l.t("Lacak pengaduan", "Track a complaint")) }
            p { (l.t("Masukkan nomor pengaduan (HRM-XXXX-XXXX) dan PIN dari tanda terima. Halaman ini tidak menampilkan nama atau data pribadi.", "Enter the reference (HRM-XXXX-XXXX) and the PIN from the receipt. This page shows no names or personal data.")) }
            (error_summary(l, &errors))
            form method="post" action="/lacak" {
                (csrf_input(&p.csrf_token))
                (text_field(&Field::new("reference", l.t("Nomor pengaduan", "Reference")).value(&v.reference).required(), &errors))
                (text_field(&Field::new("pin", "PIN").kind("password").autocomplete("off").required(), &FormErrors::default()))
                button type="submit" { (l.t("Lacak", "Track")) }
            }
            @if !v.result.is_empty() {
                section aria-live="polite" {
                    h2 { (l.t("Status pengaduan", "Status of the complaint")) }
                    dl.facts { @for (k, val) in &v.result { dt { (k) } dd { (val) } } }
                }
            }
        },
    )
}

/// The *risalah penyelesaian melalui mediasi*: the record a party attaches to a lawsuit at the
/// industrial-relations court after the anjuran was rejected (UU 2/2004 Ps 83).
#[derive(Debug, Clone, Default)]
pub struct RisalahView {
    pub office_lines: Vec<String>,
    pub case_number: String,
    pub dispute_type: String,
    pub workers: Vec<String>,
    pub union: Option<String>,
    pub company: String,
    /// (label, date) of registration, delegation, clarification, sessions, anjuran, answers.
    pub dates: Vec<(String, String)>,
    pub chronology: String,
    pub demands: String,
    pub anjuran: String,
    /// Each side's answer in words, with its date.
    pub answers: Vec<(String, String)>,
    pub mediator: String,
    pub closed_on: String,
}

pub fn risalah_page(p: &PageCtx, v: &RisalahView) -> Markup {
    let l = p.lang;
    page(
        p,
        l.t("Risalah penyelesaian melalui mediasi", "Mediation settlement record"),
        html! {
            article.letter {
                header.letterhead { @for line in &v.office_lines { p { (line) } } }
                h1 { (l.t("RISALAH PENYELESAIAN PERSELISIHAN HUBUNGAN INDUSTRIAL MELALUI MEDIASI", "RECORD OF THE MEDIATION OF AN INDUSTRIAL-RELATIONS DISPUTE")) }
                p { (l.t("Nomor perkara", "Case number")) ": " strong { (v.case_number) } }
                h2 { (l.t("Para pihak", "The parties")) }
                dl.facts {
                    dt { (l.t("Pihak pekerja", "Workers' side")) }
                    dd { (v.workers.join(", ")) @if let Some(u) = &v.union { " (" (u) ")" } }
                    dt { (l.t("Pihak pengusaha", "Employer")) } dd { (v.company) }
                    dt { (l.t("Jenis perselisihan", "Type of dispute")) } dd { (v.dispute_type) }
                }
                h2 { (l.t("Jalannya penyelesaian", "Course of the settlement")) }
                dl.facts { @for (k, d) in &v.dates { dt { (k) } dd { (d) } } }
                h2 { (l.t("Pokok perselisihan", "The dispute")) }
                (paragraphs(&v.chronology))
                h2 { (l.t("Tuntutan", "Demands")) }
                (paragraphs(&v.demands))
                h2 { (l.t("Anjuran mediator", "The mediator's recommendation")) }
                (paragraphs(&v.anjuran))
                h2 { (l.t("Jawaban para pihak", "The parties' answers")) }
                dl.facts { @for (k, a) in &v.answers { dt { (k) } dd { (a) } } }
                h2 { (l.t("Kesimpulan", "Conclusion")) }
                p { (l.t(
                    "Perselisihan tidak dapat diselesaikan melalui mediasi karena anjuran tidak diterima. Salah satu pihak dapat melanjutkan penyelesaian dengan mengajukan gugatan ke Pengadilan Hubungan Industrial dengan melampirkan risalah ini (UU 2/2004 Pasal 14 dan 83).",
                    "The dispute could not be settled by mediation because the recommendation was not accepted. Either party may file a lawsuit at the industrial-relations court with this record attached (UU 2/2004 Arts. 14 and 83)."
                )) }
                p { (l.t("Ditetapkan tanggal", "Made on")) " " (v.closed_on) }
                p.signature { "Mediator Hubungan Industrial" br; br; br; strong { (v.mediator) } }
                p.no-print { button type="button" onclick="window.print()" { (l.t("Cetak", "Print")) } }
            }
        },
    )
}
