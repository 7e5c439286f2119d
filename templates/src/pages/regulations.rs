//! PP ratification and PKB registration: the list with the desk's queue, the new-submission
//! form, the submission page (checklist, documents, clocks, review, decision, history), the
//! printable decree, registration letter and correction notice, regulations in force and
//! external PP/PKB.

use maud::{html, Markup, DOCTYPE};

use crate::components::{
    badge, csrf_input, deadline_badge, error_summary, pager, paragraphs, select_field, text_field, textarea_field,
    value_of, DeadlineState, Field, FormErrors, Tone,
};
use crate::pages::cases::{deadline_list as deadlines, DeadlineView};
use crate::{page, Lang, PageCtx};

const ACCEPT: &str = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx";

fn file_input(id: &str, label: &str, hint: &str) -> Markup {
    html! {
        div.field {
            label for=(id) { (label) }
            p.hint id={ "h-" (id) } { (hint) }
            input id=(id) type="file" name="berkas" accept=(ACCEPT) required aria-describedby={ "h-" (id) };
        }
    }
}

/// One open submission in the queue.
#[derive(Debug, Clone)]
pub struct QueueRowView {
    pub id: String,
    pub company: String,
    pub kind: String,
    pub purpose: String,
    pub status: String,
    pub tone: Tone,
    pub received: String,
    /// The nearest clock: (label, state, due).
    pub next: Option<(String, DeadlineState, String)>,
    /// PP: the 30 working-day limit and whether the warning day has come.
    pub outer_due: Option<String>,
    pub approaching: bool,
}

/// One submission in the full list.
#[derive(Debug, Clone)]
pub struct SubmissionRowView {
    pub id: String,
    pub company: String,
    pub kind: String,
    pub purpose: String,
    pub status: String,
    pub tone: Tone,
    pub created: String,
}

#[derive(Debug, Clone, Default)]
pub struct ListView {
    pub queue: Vec<QueueRowView>,
    pub rows: Vec<SubmissionRowView>,
    pub values: Vec<(String, String)>,
    pub kinds: Vec<(String, String)>,
    pub statuses: Vec<(String, String)>,
    pub base: String,
    pub page: i64,
    pub page_size: i64,
    pub total: i64,
    pub can_file: bool,
    pub is_company: bool,
}

pub fn list_page(ctx: &PageCtx, v: &ListView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Pengesahan PP dan pendaftaran PKB", "PP ratification and PKB registration");
    let none = FormErrors::default();
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p.lead { (l.t(
                "Peraturan Perusahaan disahkan Kepala Disnaker dalam 30 hari kerja sejak naskah diterima (UU 13/2003 Pasal 112); Perjanjian Kerja Bersama didaftarkan (Pasal 132). Keduanya berlaku paling lama 2 tahun.",
                "A company regulation is ratified by the head of the office within 30 working days of receipt (UU 13/2003 Art. 112); a collective agreement is registered (Art. 132). Both are valid for at most 2 years.",
            )) }
            p.actions {
                @if v.can_file {
                    a.button href="/pp-pkb/baru" { (l.t("Pengajuan baru", "New submission")) }
                    a href="/pp-pkb/eksternal/baru" { (l.t("Catat PP/PKB dari provinsi atau kementerian", "Record a PP/PKB issued by the province or ministry")) }
                }
                a href="/pp-pkb/berlaku" { (l.t("PP dan PKB tercatat", "Recorded PPs and PKBs")) }
            }
            section aria-labelledby="queue-title" {
                h2 #queue-title {
                    @if v.is_company { (l.t("Pengajuan yang sedang berjalan", "Submissions in progress")) }
                    @else { (l.t("Antrean: menurut tenggat terdekat", "Queue: nearest deadline first")) }
                }
                div.table-wrap {
                    table.stacked {
                        caption.visually-hidden { (l.t("Pengajuan terbuka", "Open submissions")) }
                        thead { tr {
                            th scope="col" { (l.t("Perusahaan", "Company")) }
                            th scope="col" { (l.t("Jenis", "Kind")) }
                            th scope="col" { (l.t("Status", "Status")) }
                            th scope="col" { (l.t("Diterima", "Received")) }
                            th scope="col" { (l.t("Tenggat berikutnya", "Next deadline")) }
                            th scope="col" { (l.t("Batas 30 hari kerja (PP)", "30 working-day limit (PP)")) }
                        } }
                        tbody {
                            @if v.queue.is_empty() { tr { td colspan="6" { (l.t("Tidak ada pengajuan terbuka.", "No open submission.")) } } }
                            @for r in &v.queue {
                                tr {
                                    td { a href={ "/pp-pkb/" (r.id) } { (r.company) } }
                                    td data-label=(l.t("Jenis", "Kind")) { (r.kind) br; span.hint { (r.purpose) } }
                                    td data-label=(l.t("Status", "Status")) { (badge(r.tone, &r.status)) }
                                    td data-label=(l.t("Diterima", "Received")) { (r.received) }
                                    td data-label=(l.t("Tenggat berikutnya", "Next deadline")) { @if let Some((label, state, due)) = &r.next { (label) br; (deadline_badge(l, *state, due)) } @else { "-" } }
                                    td data-label=(l.t("Batas 30 hari kerja", "30 working-day limit")) {
                                        @if let Some(d) = &r.outer_due { (d) }
                                        @else { "-" }
                                        @if r.approaching { " " (badge(Tone::Bad, l.t("segera dianggap disahkan", "deemed ratified soon"))) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { (l.t("Semua pengajuan", "All submissions")) }
            form.filters method="get" action="/pp-pkb" {
                (select_field("jenis", l.t("Jenis", "Kind"), &v.kinds, value_of(&v.values, "jenis"), &none))
                (select_field("status", l.t("Status", "Status"), &v.statuses, value_of(&v.values, "status"), &none))
                div.field { button type="submit" { (l.t("Tampilkan", "Show")) } }
            }
            div.table-wrap {
                table.stacked {
                    caption.visually-hidden { (l.t("Semua pengajuan", "All submissions")) }
                    thead { tr {
                        th scope="col" { (l.t("Perusahaan", "Company")) }
                        th scope="col" { (l.t("Jenis", "Kind")) }
                        th scope="col" { (l.t("Status", "Status")) }
                        th scope="col" { (l.t("Dibuat", "Created")) }
                    } }
                    tbody {
                        @if v.rows.is_empty() { tr { td colspan="4" { (l.t("Tidak ada pengajuan yang cocok.", "No matching submission.")) } } }
                        @for r in &v.rows {
                            tr {
                                td { a href={ "/pp-pkb/" (r.id) } { (r.company) } }
                                td data-label=(l.t("Jenis", "Kind")) { (r.kind) br; span.hint { (r.purpose) } }
                                td data-label=(l.t("Status", "Status")) { (badge(r.tone, &r.status)) }
                                td data-label=(l.t("Dibuat", "Created")) { (r.created) }
                            }
                        }
                    }
                }
            }
            (pager(l, &v.base, v.page, v.page_size, v.total))
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct FormView {
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
    /// A representative chooses among their companies; the desk types the NIB.
    pub companies: Vec<(String, String)>,
    pub purposes: Vec<(String, String)>,
}

pub fn form_page(ctx: &PageCtx, v: &FormView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Pengajuan PP atau PKB", "Submit a PP or PKB");
    let val = |k: &str| value_of(&v.values, k);
    page(
        ctx,
        title,
        html! {
            p { a href="/pp-pkb" { "← " (l.t("PP & PKB", "PP & PKB")) } }
            h1 { (title) }
            p { (l.t(
                "Langkah pertama membuat draf. Sesudah itu unggah naskah dan lampirannya; daftar periksa menunjukkan yang masih kurang sebelum berkas dikirim.",
                "This first step makes a draft. Then upload the text and its attachments; the checklist shows what is still missing before you send it.",
            )) }
            (error_summary(l, &v.errors))
            form method="post" action="/pp-pkb" novalidate {
                (csrf_input(&ctx.csrf_token))
                input type="hidden" name="replaces_id" value=(val("replaces_id"));
                fieldset {
                    legend { (l.t("Jenis", "Kind")) }
                    @for (code, label) in [("pp", l.t("Peraturan Perusahaan (PP): disahkan Kepala Disnaker", "Company regulation (PP): ratified by the office")), ("pkb", l.t("Perjanjian Kerja Bersama (PKB): didaftarkan", "Collective agreement (PKB): registered"))] {
                        div.radio {
                            input type="radio" id={ "k-" (code) } name="kind" value=(code) checked[val("kind") == code || (val("kind").is_empty() && code == "pp")];
                            label for={ "k-" (code) } { (label) }
                        }
                    }
                }
                div.narrow {
                    @if v.companies.is_empty() {
                        (text_field(&Field::new("nib", l.t("NIB perusahaan", "Company NIB")).value(val("nib")).hint(l.t("13 angka, perusahaan yang terdaftar di register kantor.", "13 digits, a company in the office's register.")).required(), &v.errors))
                    } @else {
                        (select_field("company_id", l.t("Perusahaan", "Company"), &v.companies, val("company_id"), &v.errors))
                    }
                    (select_field("purpose", l.t("Maksud pengajuan", "Purpose"), &v.purposes, val("purpose"), &v.errors))
                }
                p.hint { (l.t(
                    "Perusahaan yang beroperasi di beberapa kabupaten/kota disahkan oleh provinsi, dan di beberapa provinsi oleh kementerian: catat PP/PKB-nya sebagai PP/PKB dari instansi lain.",
                    "Companies operating in several kab/kota are served by the province, in several provinces by the ministry: record their PP/PKB as issued elsewhere.",
                )) }
                button type="submit" { (l.t("Buat draf", "Create the draft")) }
            }
        },
    )
}

/// A document slot with what was uploaded.
#[derive(Debug, Clone)]
pub struct SlotView {
    pub code: String,
    pub label: String,
    pub required: bool,
    /// (file name, download link, uploaded on).
    pub documents: Vec<(String, String, String)>,
}

/// A checklist item as the desk answers it, with the last answer if any.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub code: String,
    pub label: String,
    pub legal_basis: String,
    /// The last review's answer: Some(true) met, Some(false) not met.
    pub last: Option<bool>,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct HistoryView {
    pub when: String,
    pub action: String,
    pub by: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RegulationResultView {
    pub id: String,
    pub title: String,
    pub number: String,
    pub validity: String,
    pub letter_href: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct SubmissionView {
    /// Correction notice, SK Pengesahan PP or PKB registration letter as PDF.
    pub letters: crate::pages::letters::LettersSection,
    pub id: String,
    pub title: String,
    pub company: String,
    pub company_href: String,
    pub kind_code: String,
    pub kind: String,
    pub purpose: String,
    pub status: String,
    pub tone: Option<Tone>,
    pub received: Option<String>,
    pub first_received: Option<String>,
    pub via: Option<String>,
    pub advice_from: Option<String>,
    pub pkb_term: Option<String>,
    pub unions: Vec<String>,
    pub deadlines: Vec<DeadlineView>,
    pub deemed_warning: Option<String>,
    /// What is missing before sending, in words.
    pub gaps: Vec<String>,
    pub slots: Vec<SlotView>,
    pub can_edit: bool,
    /// Offered step codes.
    pub offered: Vec<String>,
    pub is_desk: bool,
    pub checklist: Vec<ItemView>,
    /// The last correction notice's items not met: (item, reason), and its letter link.
    pub correction: Vec<(String, String)>,
    pub correction_href: Option<String>,
    pub regulation: Option<RegulationResultView>,
    pub history: Vec<HistoryView>,
    /// Edit form: advice options, office unions (id, label, chosen), values.
    pub advice_options: Vec<(String, String)>,
    pub union_options: Vec<(String, String, bool)>,
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
    pub step_errors: FormErrors,
    pub today: String,
}

fn status_line(l: Lang, v: &SubmissionView) -> Markup {
    html! {
        p { (l.t("Status:", "Status:")) " " (badge(v.tone.unwrap_or(Tone::Neutral), &v.status)) }
    }
}

pub fn submission_page(ctx: &PageCtx, v: &SubmissionView) -> Markup {
    let l = ctx.lang;
    let val = |k: &str| value_of(&v.values, k);
    let offered = |code: &str| v.offered.iter().any(|c| c == code);
    page(
        ctx,
        &v.title,
        html! {
            p { a href="/pp-pkb" { "← " (l.t("PP & PKB", "PP & PKB")) } }
            h1 { (v.title) }
            (status_line(l, v))
            (error_summary(l, &v.step_errors))
            dl.facts {
                dt { (l.t("Perusahaan", "Company")) } dd { a href=(v.company_href) { (v.company) } }
                dt { (l.t("Jenis", "Kind")) } dd { (v.kind) }
                dt { (l.t("Maksud", "Purpose")) } dd { (v.purpose) }
                @if let Some(r) = &v.received {
                    dt { (l.t("Naskah diterima", "Text received")) } dd { (r) @if let Some(via) = &v.via { " (" (via) ")" } }
                }
                @if let (Some(first), Some(r)) = (&v.first_received, &v.received) {
                    @if first != r { dt { (l.t("Pertama diterima", "First received")) } dd { (first) } }
                }
                @if let Some(a) = &v.advice_from { dt { (l.t("Saran pekerja", "Workers' advice")) } dd { (a) } }
                @if v.kind_code == "pkb" {
                    dt { (l.t("Para pihak (serikat)", "Parties (unions)")) } dd {
                        @if v.unions.is_empty() { (l.t("belum dipilih", "not chosen yet")) } @else { ul { @for u in &v.unions { li { (u) } } } }
                    }
                    dt { (l.t("Jangka waktu", "Term")) } dd { (v.pkb_term.clone().unwrap_or_else(|| l.t("belum diisi", "not given").to_string())) }
                }
            }
            @if let Some(r) = &v.regulation {
                section.panel aria-labelledby="result-title" {
                    h2 #result-title { (r.title) }
                    dl.facts {
                        dt { (l.t("Nomor", "Number")) } dd { (r.number) }
                        dt { (l.t("Masa berlaku", "Validity")) } dd { (r.validity) }
                    }
                    p.actions {
                        @if let Some(href) = &r.letter_href { a.button href=(href) { (l.t("Unduh/cetak surat", "Download/print the letter")) } }
                        a href={ "/pp-pkb/berlaku/" (r.id) } { (l.t("Lihat masa berlaku dan perpanjangan", "Validity and extension")) }
                    }
                }
            }
            section.panel aria-labelledby="clocks-title" {
                h2 #clocks-title { (l.t("Tenggat", "Deadlines")) }
                (deadlines(l, &v.deadlines))
                @if let Some(w) = &v.deemed_warning { p.hint { (w) } }
            }
            @if !v.correction.is_empty() {
                section.panel aria-labelledby="corr-title" {
                    h2 #corr-title { (l.t("Yang harus diperbaiki", "What must be corrected")) }
                    ul { @for (item, reason) in &v.correction { li { strong { (item) } ": " (reason) } } }
                    @if let Some(href) = &v.correction_href { p { a href=(href) { (l.t("Cetak surat pemberitahuan perbaikan", "Print the correction notice")) } } }
                }
            }
            @if v.can_edit {
                section.panel aria-labelledby="check-title" {
                    h2 #check-title { (l.t("Daftar periksa sebelum dikirim", "Checklist before sending")) }
                    @if v.gaps.is_empty() {
                        p { (badge(Tone::Good, l.t("Lengkap: berkas siap dikirim", "Complete: ready to send"))) }
                    } @else {
                        p { (badge(Tone::Warn, l.t("Belum lengkap", "Incomplete"))) }
                        ul.checklist { @for g in &v.gaps { li { (g) } } }
                    }
                }
                section.panel aria-labelledby="docs-title" {
                    h2 #docs-title { (l.t("Dokumen", "Documents")) }
                    @for s in &v.slots {
                        h3 { (s.label) @if s.required { " " span.req { (l.t("(wajib)", "(required)")) } } }
                        @if s.documents.is_empty() { p { (l.t("Belum diunggah.", "Not uploaded yet.")) } }
                        @else { ul { @for (name, href, when) in &s.documents { li { a href=(href) download { (name) } " — " (when) } } } }
                        form method="post" action={ "/pp-pkb/" (v.id) "/dokumen/" (s.code) "?csrf_token=" (ctx.csrf_token) } enctype="multipart/form-data" {
                            (file_input(&format!("f-berkas-{}", s.code), l.t("Pilih berkas", "Choose a file"), l.t("PDF, JPG, PNG atau DOCX, paling besar 10 MB. Unggahan baru menggantikan yang lama sebagai versi terkini.", "PDF, JPG, PNG or DOCX, at most 10 MB. A new upload becomes the current version.")))
                            button type="submit" { (l.t("Unggah", "Upload")) }
                        }
                    }
                }
                section.panel aria-labelledby="details-title" {
                    h2 #details-title { (l.t("Data pengajuan", "Submission details")) }
                    (error_summary(l, &v.errors))
                    form method="post" action={ "/pp-pkb/" (v.id) "/data" } novalidate {
                        (csrf_input(&ctx.csrf_token))
                        @if v.kind_code == "pp" {
                            (select_field("advice_from", l.t("Saran yang diminta (UU 13/2003 Pasal 110)", "Whose advice was asked (UU 13/2003 Art. 110)"), &v.advice_options, val("advice_from"), &v.errors))
                        } @else {
                            fieldset {
                                legend { (l.t("Serikat pekerja yang menjadi pihak (terdaftar di Disnaker)", "Unions party to the agreement (registered at the office)")) }
                                @if v.union_options.is_empty() { p { (l.t("Belum ada serikat pekerja terdaftar.", "No union is registered.")) } }
                                @for (id, label, chosen) in &v.union_options {
                                    div.checkbox {
                                        input type="checkbox" id={ "u-" (id) } name="union_ids" value=(id) checked[*chosen];
                                        label for={ "u-" (id) } { (label) }
                                    }
                                }
                            }
                            div.narrow {
                                (text_field(&Field::new("pkb_starts_on", l.t("Mulai berlaku", "Takes effect on")).kind("date").value(val("pkb_starts_on")), &v.errors))
                                (text_field(&Field::new("pkb_term_months", l.t("Jangka waktu (bulan, paling lama 24)", "Term (months, at most 24)")).kind("number").value(val("pkb_term_months")), &v.errors))
                            }
                        }
                        button type="submit" { (l.t("Simpan data", "Save the details")) }
                    }
                }
            }
            @if offered("submit") || offered("resubmit") {
                section.panel aria-labelledby="send-title" {
                    h2 #send-title { @if offered("resubmit") { (l.t("Ajukan kembali berkas perbaikan", "Resubmit the corrected file")) } @else { (l.t("Kirim berkas", "Send the file")) } }
                    form method="post" action={ "/pp-pkb/" (v.id) "/langkah" } novalidate {
                        (csrf_input(&ctx.csrf_token))
                        input type="hidden" name="action" value=(if offered("resubmit") { "resubmit" } else { "submit" });
                        @if v.is_desk {
                            div.narrow { (text_field(&Field::new("received_on", l.t("Tanggal berkas kertas diterima di loket", "Day the paper file was received at the counter")).kind("date").value(&v.today), &v.step_errors)) }
                        }
                        button type="submit" disabled[!v.gaps.is_empty()] { (l.t("Kirim ke Disnaker", "Send to the office")) }
                        @if !v.gaps.is_empty() { p.hint { (l.t("Lengkapi daftar periksa dahulu.", "Complete the checklist first.")) } }
                    }
                }
            }
            @if offered("correction") || offered("compliant") {
                section.panel aria-labelledby="review-title" {
                    h2 #review-title { (l.t("Pemeriksaan kelengkapan dan isi", "Review of completeness and content")) }
                    p.hint { (l.t("Tandai setiap butir. Butir yang tidak memenuhi wajib diberi alasan; alasan itu dikirim kepada perusahaan dalam pemberitahuan perbaikan.", "Mark every item. Give the reason for each item not met; it goes to the company in the correction notice.")) }
                    form method="post" action={ "/pp-pkb/" (v.id) "/periksa" } novalidate {
                        (csrf_input(&ctx.csrf_token))
                        @for item in &v.checklist {
                            fieldset.review-item {
                                legend { (item.label) " " span.hint { "(" (item.legal_basis) ")" } }
                                div.radio {
                                    input type="radio" id={ "m-" (item.code) "-ya" } name={ "met_" (item.code) } value="ya" checked[item.last == Some(true)];
                                    label for={ "m-" (item.code) "-ya" } { (l.t("Memenuhi", "Met")) }
                                }
                                div.radio {
                                    input type="radio" id={ "m-" (item.code) "-tidak" } name={ "met_" (item.code) } value="tidak" checked[item.last == Some(false)];
                                    label for={ "m-" (item.code) "-tidak" } { (l.t("Tidak memenuhi", "Not met")) }
                                }
                                div.field {
                                    label for={ "r-" (item.code) } { (l.t("Alasan bila tidak memenuhi", "Reason if not met")) }
                                    textarea id={ "r-" (item.code) } name={ "reason_" (item.code) } rows="2" { (item.reason) }
                                }
                            }
                        }
                        (textarea_field("note", l.t("Catatan pengantar (tidak wajib)", "Covering note (optional)"), "", "", 2, &v.step_errors))
                        div.actions {
                            button type="submit" name="action" value="compliant" { (l.t("Nyatakan memenuhi syarat", "Mark compliant")) }
                            button type="submit" name="action" value="correction" { (l.t("Terbitkan pemberitahuan perbaikan", "Issue the correction notice")) }
                        }
                    }
                }
            }
            @if offered("decide") {
                section.panel aria-labelledby="decide-title" {
                    h2 #decide-title { @if v.kind_code == "pp" { (l.t("Terbitkan SK Pengesahan PP", "Issue the ratification decree")) } @else { (l.t("Terbitkan surat pendaftaran PKB", "Issue the PKB registration letter")) } }
                    p { (l.t("Nomor surat diambil dari urutan tahunan kantor dan tidak pernah dipakai ulang.", "The number comes from the office's yearly sequence and is never reused.")) }
                    form method="post" action={ "/pp-pkb/" (v.id) "/langkah" } {
                        (csrf_input(&ctx.csrf_token))
                        input type="hidden" name="action" value="decide";
                        button type="submit" { (l.t("Terbitkan dan tandatangani", "Issue and sign")) }
                    }
                }
            }
            @if offered("withdraw") {
                details.panel {
                    summary { (l.t("Tarik pengajuan", "Withdraw the submission")) }
                    form method="post" action={ "/pp-pkb/" (v.id) "/langkah" } novalidate {
                        (csrf_input(&ctx.csrf_token))
                        input type="hidden" name="action" value="withdraw";
                        (textarea_field("note", l.t("Alasan", "Reason"), "", "", 2, &FormErrors::default()))
                        button.secondary type="submit" { (l.t("Tarik", "Withdraw")) }
                    }
                }
            }
            h2 { (l.t("Riwayat", "History")) }
            @if v.history.is_empty() { p { (l.t("Belum ada langkah.", "No step yet.")) } }
            @else {
                ol.history {
                    @for h in &v.history {
                        li {
                            strong { (h.action) } " — " (h.when) " · " (h.by)
                            @if let Some(n) = &h.note { (paragraphs(n)) }
                        }
                    }
                }
            }
            (crate::pages::letters::letters_section(ctx, &v.letters))
        },
    )
}

/// The printable letter: the SK Pengesahan PP, the PKB registration letter, or the correction
/// notice, on A4 with the letterhead.
#[derive(Debug, Clone, Default)]
pub struct LetterView {
    pub back_href: String,
    pub letterhead_government: String,
    pub letterhead_office: String,
    pub contact_line: String,
    pub region_name: String,
    pub title: String,
    pub number: String,
    /// Paragraphs of the body, in order.
    pub paragraphs: Vec<String>,
    /// Items listed after the body (the correction notice's defects).
    pub items: Vec<(String, String)>,
    pub closing: Vec<String>,
    pub date: String,
    pub signatory_title: String,
    pub signatory_name: String,
}

pub fn letter_page(lang: Lang, v: &LetterView) -> Markup {
    let l = lang;
    html! {
        (DOCTYPE)
        html lang=(l.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (v.title) " " (v.number) " · Harmoni" }
                link rel="stylesheet" href="/static/app.css";
            }
            body.printable {
                nav.no-print aria-label=(l.t("Navigasi", "Navigation")) {
                    a href=(v.back_href) { "← " (l.t("Kembali", "Back")) }
                    " · " (l.t("Cetak dengan Ctrl+P (A4).", "Print with Ctrl+P (A4)."))
                }
                main.sheet {
                    header.letterhead {
                        p.gov { (v.letterhead_government) }
                        p.office { (v.letterhead_office) }
                        @if !v.contact_line.is_empty() { p.contact { (v.contact_line) } }
                    }
                    h1 { (v.title) }
                    @if !v.number.is_empty() { p.number { (l.t("Nomor:", "Number:")) " " (v.number) } }
                    @for p in &v.paragraphs { p { (p) } }
                    @if !v.items.is_empty() {
                        ol { @for (item, reason) in &v.items { li { strong { (item) } ": " (reason) } } }
                    }
                    @for p in &v.closing { p { (p) } }
                    div.signature {
                        p { (v.region_name) ", " (v.date) }
                        p { (v.signatory_title) }
                        p.sign-space { "" }
                        p { strong { (v.signatory_name) } }
                    }
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct RegulationRowView {
    pub id: String,
    pub company: String,
    pub kind: String,
    pub origin: String,
    pub number: String,
    pub validity: String,
    pub status: String,
    pub tone: Tone,
}

#[derive(Debug, Clone, Default)]
pub struct RegulationListView {
    pub rows: Vec<RegulationRowView>,
    pub base: String,
    pub page: i64,
    pub page_size: i64,
    pub total: i64,
    pub can_file: bool,
}

pub fn regulation_list_page(ctx: &PageCtx, v: &RegulationListView) -> Markup {
    let l = ctx.lang;
    let title = l.t("PP dan PKB tercatat", "Recorded PPs and PKBs");
    page(
        ctx,
        title,
        html! {
            p { a href="/pp-pkb" { "← " (l.t("PP & PKB", "PP & PKB")) } }
            h1 { (title) }
            p.lead { (l.t(
                "PP atau PKB yang berlaku adalah kriteria pertama tata kelola kerja yang layak. Yang sudah berakhir tidak dihitung lagi sejak hari sesudah tanggal berakhirnya.",
                "A valid PP or PKB is the first criterion of decent work governance. An expired one stops counting the day after it ends.",
            )) }
            @if v.can_file { p.actions { a.button href="/pp-pkb/eksternal/baru" { (l.t("Catat PP/PKB dari provinsi atau kementerian", "Record a PP/PKB issued by the province or ministry")) } } }
            div.table-wrap {
                table.stacked {
                    caption.visually-hidden { (title) }
                    thead { tr {
                        th scope="col" { (l.t("Perusahaan", "Company")) }
                        th scope="col" { (l.t("Jenis", "Kind")) }
                        th scope="col" { (l.t("Nomor", "Number")) }
                        th scope="col" { (l.t("Masa berlaku", "Validity")) }
                        th scope="col" { (l.t("Status", "Status")) }
                    } }
                    tbody {
                        @if v.rows.is_empty() { tr { td colspan="5" { (l.t("Belum ada.", "None yet.")) } } }
                        @for r in &v.rows {
                            tr {
                                td { a href={ "/pp-pkb/berlaku/" (r.id) } { (r.company) } }
                                td data-label=(l.t("Jenis", "Kind")) { (r.kind) br; span.hint { (r.origin) } }
                                td data-label=(l.t("Nomor", "Number")) { (r.number) }
                                td data-label=(l.t("Masa berlaku", "Validity")) { (r.validity) }
                                td data-label=(l.t("Status", "Status")) { (badge(r.tone, &r.status)) }
                            }
                        }
                    }
                }
            }
            (pager(l, &v.base, v.page, v.page_size, v.total))
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct RegulationView {
    pub id: String,
    pub title: String,
    pub company: String,
    pub company_href: String,
    pub kind_code: String,
    pub facts: Vec<(String, String)>,
    pub status: String,
    pub tone: Option<Tone>,
    pub renewal: Option<DeadlineView>,
    /// (file name, link).
    pub documents: Vec<(String, String)>,
    pub submission_href: Option<String>,
    pub can_extend: bool,
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
}

pub fn regulation_page(ctx: &PageCtx, v: &RegulationView) -> Markup {
    let l = ctx.lang;
    let val = |k: &str| value_of(&v.values, k);
    page(
        ctx,
        &v.title,
        html! {
            p { a href="/pp-pkb/berlaku" { "← " (l.t("PP dan PKB tercatat", "Recorded PPs and PKBs")) } }
            h1 { (v.title) }
            p { (l.t("Status:", "Status:")) " " (badge(v.tone.unwrap_or(Tone::Neutral), &v.status)) }
            dl.facts {
                dt { (l.t("Perusahaan", "Company")) } dd { a href=(v.company_href) { (v.company) } }
                @for (k, val) in &v.facts { dt { (k) } dd { (val) } }
            }
            @if let Some(href) = &v.submission_href { p { a href=(href) { (l.t("Lihat pengajuannya", "See its submission")) } } }
            @if let Some(r) = &v.renewal {
                section.panel aria-labelledby="renew-title" {
                    h2 #renew-title { (l.t("Pembaruan", "Renewal")) }
                    (deadlines(l, std::slice::from_ref(r)))
                }
            }
            @if !v.documents.is_empty() {
                h2 { (l.t("Dokumen", "Documents")) }
                ul { @for (name, href) in &v.documents { li { a href=(href) download { (name) } } } }
            }
            @if v.can_extend {
                section.panel aria-labelledby="ext-title" {
                    h2 #ext-title { (l.t("Perpanjangan (satu kali, paling lama 1 tahun)", "Extension (once, at most 1 year)")) }
                    p.hint { @if v.kind_code == "pkb" {
                        (l.t("PKB dapat diperpanjang satu kali paling lama 1 tahun berdasarkan kesepakatan tertulis pengusaha dan serikat pekerja (UU 13/2003 Pasal 123 ayat (2)).", "A PKB may be extended once by at most a year by written agreement of the employer and the union (UU 13/2003 Art. 123(2))."))
                    } @else {
                        (l.t("PP dapat diperpanjang paling lama 1 tahun selama perundingan PKB berlangsung (Permenaker 28/2014).", "A PP may be extended by at most a year while a PKB is being negotiated (Permenaker 28/2014)."))
                    } }
                    (error_summary(l, &v.errors))
                    form method="post" action={ "/pp-pkb/berlaku/" (v.id) "/perpanjang?csrf_token=" (ctx.csrf_token) } enctype="multipart/form-data" novalidate {
                        div.narrow { (text_field(&Field::new("extended_until", l.t("Berlaku sampai (baru)", "New last valid day")).kind("date").value(val("extended_until")).required(), &v.errors)) }
                        @if v.kind_code == "pp" {
                            div.checkbox {
                                input type="checkbox" id="f-pkb_negotiating" name="pkb_negotiating" value="true" checked[val("pkb_negotiating") == "true"];
                                label for="f-pkb_negotiating" { (l.t("Perundingan PKB sedang berlangsung", "A PKB is being negotiated")) }
                            }
                        }
                        (textarea_field("note", l.t("Dasar perpanjangan", "Basis of the extension"), l.t("Misalnya: kesepakatan tertulis tanggal ..., ditandatangani ...", "E.g. written agreement of ..., signed by ..."), val("note"), 3, &v.errors))
                        (file_input("f-berkas-ext", l.t("Kesepakatan tertulis atau bukti perundingan", "Written agreement or evidence of the talks"), l.t("PDF, JPG, PNG atau DOCX.", "PDF, JPG, PNG or DOCX.")))
                        button type="submit" { (l.t("Simpan perpanjangan", "Save the extension")) }
                    }
                }
            }
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct ExternalFormView {
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
    pub companies: Vec<(String, String)>,
}

pub fn external_form_page(ctx: &PageCtx, v: &ExternalFormView) -> Markup {
    let l = ctx.lang;
    let title =
        l.t("Catat PP/PKB dari provinsi atau kementerian", "Record a PP/PKB issued by the province or ministry");
    let val = |k: &str| value_of(&v.values, k);
    page(
        ctx,
        title,
        html! {
            p { a href="/pp-pkb" { "← " (l.t("PP & PKB", "PP & PKB")) } }
            h1 { (title) }
            p { (l.t(
                "Untuk perusahaan yang beroperasi di beberapa kabupaten/kota atau provinsi: PP-nya disahkan dan PKB-nya didaftarkan oleh provinsi atau kementerian. Catat di sini agar dihitung untuk indikator tata kelola kerja yang layak.",
                "For companies operating in several kab/kota or provinces, whose PP or PKB the province or ministry handles. Record it here so that it counts for the decent-work indicator.",
            )) }
            (error_summary(l, &v.errors))
            form method="post" action={ "/pp-pkb/eksternal?csrf_token=" (ctx.csrf_token) } enctype="multipart/form-data" novalidate {
                div.narrow {
                    (select_field("kind", l.t("Jenis", "Kind"), &[("pp".into(), "PP".into()), ("pkb".into(), "PKB".into())], val("kind"), &v.errors))
                    @if v.companies.is_empty() {
                        (text_field(&Field::new("nib", l.t("NIB perusahaan", "Company NIB")).value(val("nib")).required(), &v.errors))
                    } @else {
                        (select_field("company_id", l.t("Perusahaan", "Company"), &v.companies, val("company_id"), &v.errors))
                    }
                    (select_field("issuer_level", l.t("Diterbitkan oleh", "Issued by"), &[
                        ("provinsi".into(), l.t("Provinsi", "Province").into()),
                        ("kementerian".into(), l.t("Kementerian Ketenagakerjaan", "Ministry of Manpower").into()),
                    ], val("issuer_level"), &v.errors))
                    (text_field(&Field::new("issuer_name", l.t("Nama instansi penerbit", "Issuing office")).value(val("issuer_name")).required(), &v.errors))
                    (text_field(&Field::new("number", l.t("Nomor SK atau surat pendaftaran", "Decree or letter number")).value(val("number")).required(), &v.errors))
                    (text_field(&Field::new("issued_on", l.t("Tanggal SK/surat", "Date of the decree/letter")).kind("date").value(val("issued_on")).required(), &v.errors))
                    (text_field(&Field::new("valid_from", l.t("Berlaku mulai", "Valid from")).kind("date").value(val("valid_from")).required(), &v.errors))
                    (text_field(&Field::new("valid_until", l.t("Berlaku sampai", "Valid until")).kind("date").value(val("valid_until")).hint(l.t("Paling lama 2 tahun.", "At most 2 years.")).required(), &v.errors))
                }
                (file_input("f-berkas", l.t("Salinan SK atau surat pendaftaran", "Copy of the decree or letter"), l.t("PDF, JPG, PNG atau DOCX.", "PDF, JPG, PNG or DOCX.")))
                button type="submit" { (l.t("Simpan", "Save")) }
            }
        },
    )
}
