//! Strike and lock-out notices (list, form, the notice with its facilitation, the printable
//! receipt) and PHK reports (list, form, the report with each worker's notice period).

use maud::{html, Markup, DOCTYPE};

use crate::components::{
    badge, csrf_input, error_summary, pager, paragraphs, select_field, text_field, textarea_field, value_of, Field,
    FormErrors, Tone,
};
use crate::{page, Lang, PageCtx};

/// The types of document accepted, for the file picker (the server judges the content).
const ACCEPT: &str = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx";

fn file_field(label: &str, hint: &str, errors: &FormErrors) -> Markup {
    let error = errors.for_field("berkas");
    html! {
        div class={ "field" @if error.is_some() { " has-error" } } {
            label for="f-berkas" { (label) }
            p.hint id="h-berkas" { (hint) }
            @if let Some(e) = error { p.field-error id="e-berkas" { (e) } }
            input id="f-berkas" type="file" name="berkas" accept=(ACCEPT)
                aria-invalid=[error.map(|_| "true")] aria-describedby="h-berkas";
        }
    }
}

/// One notice in the list.
#[derive(Debug, Clone)]
pub struct NoticeRowView {
    pub id: String,
    pub receipt_number: String,
    pub kind: String,
    pub company: String,
    pub received: String,
    pub starts: String,
    pub status: String,
    pub tone: Tone,
    /// Flags in words (short notice, missing content, protected sector).
    pub flags: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct NoticeListView {
    pub rows: Vec<NoticeRowView>,
    pub values: Vec<(String, String)>,
    pub kinds: Vec<(String, String)>,
    pub statuses: Vec<(String, String)>,
    pub years: Vec<(String, String)>,
    /// Disputes prevented per year: (year, count).
    pub prevented: Vec<(i32, i64)>,
    /// The list's query string without the page, for the pager.
    pub base: String,
    pub page: i64,
    pub page_size: i64,
    pub total: i64,
    pub can_submit: bool,
}

pub fn notice_list_page(ctx: &PageCtx, v: &NoticeListView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Pemberitahuan mogok kerja dan penutupan perusahaan", "Strike and lock-out notices");
    let none = FormErrors::default();
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p.lead { (l.t(
                "Pemberitahuan tertulis paling lambat 7 hari kerja sebelum mogok (UU 13/2003 Pasal 140) atau penutupan perusahaan (Pasal 148). Disnaker memberi tanda terima dan memfasilitasi penyelesaian masalahnya.",
                "Written notice at least 7 working days before a strike (UU 13/2003 Art. 140) or a lock-out (Art. 148). The office issues a receipt and facilitates a settlement.",
            )) }
            @if v.can_submit {
                p.actions { a.button href="/pemberitahuan/baru" { (l.t("Catat pemberitahuan", "Record a notice")) } }
            }
            section.panel aria-labelledby="prevented-title" {
                h2 #prevented-title { (l.t("Perselisihan yang dicegah", "Disputes prevented")) }
                p.hint { (l.t(
                    "Pemberitahuan yang difasilitasi Disnaker dan selesai tanpa berlanjut ke penyelesaian perselisihan (Perjanjian Bersama, atau mogok/penutupan tidak terjadi), menurut tahun hasilnya (indikator Renstra).",
                    "Notices the office facilitated that ended without going on to dispute settlement (a Perjanjian Bersama, or the strike/lock-out did not happen), by year of the outcome (Renstra indicator).",
                )) }
                @if v.prevented.is_empty() {
                    p { (l.t("Belum ada.", "None yet.")) }
                } @else {
                    ul {
                        @for (year, n) in &v.prevented {
                            li { a href={ "/pemberitahuan?dicegah=1&tahun=" (year) } { (l.t("Tahun", "Year")) " " (year) ": " strong { (n) } } }
                        }
                    }
                }
            }
            form.filters method="get" action="/pemberitahuan" {
                (select_field("jenis", l.t("Jenis", "Kind"), &v.kinds, value_of(&v.values, "jenis"), &none))
                (select_field("tahun", l.t("Tahun diterima", "Year received"), &v.years, value_of(&v.values, "tahun"), &none))
                (select_field("status", l.t("Status", "Status"), &v.statuses, value_of(&v.values, "status"), &none))
                (text_field(&Field::new("perusahaan", l.t("Nama perusahaan", "Company name")).value(value_of(&v.values, "perusahaan")), &none))
                div.checkbox {
                    input id="f-dicegah" type="checkbox" name="dicegah" value="1" checked[value_of(&v.values, "dicegah") == "1"];
                    label for="f-dicegah" { (l.t("Hanya perselisihan yang dicegah", "Only disputes prevented")) }
                }
                div.field { button type="submit" { (l.t("Tampilkan", "Show")) } }
            }
            div.table-wrap {
                table {
                    caption.visually-hidden { (title) }
                    thead { tr {
                        th scope="col" { (l.t("Tanda terima", "Receipt")) }
                        th scope="col" { (l.t("Jenis", "Kind")) }
                        th scope="col" { (l.t("Perusahaan", "Company")) }
                        th scope="col" { (l.t("Diterima", "Received")) }
                        th scope="col" { (l.t("Mulai", "Starts")) }
                        th scope="col" { (l.t("Status", "Status")) }
                    } }
                    tbody {
                        @if v.rows.is_empty() { tr { td colspan="6" { (l.t("Tidak ada pemberitahuan yang cocok.", "No matching notices.")) } } }
                        @for r in &v.rows {
                            tr {
                                td { a href={ "/pemberitahuan/" (r.id) } { (r.receipt_number) } }
                                td { (r.kind) }
                                td { (r.company) }
                                td { (r.received) }
                                td { (r.starts) }
                                td {
                                    (badge(r.tone, &r.status))
                                    @for f in &r.flags { " " (badge(Tone::Bad, f)) }
                                }
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
pub struct NoticeFormView {
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
    /// Office staff: company by NIB, the union, the time of receipt.
    pub staff: bool,
    /// A representative's companies: (id, name).
    pub companies: Vec<(String, String)>,
    pub unions: Vec<(String, String)>,
    pub kinds: Vec<(String, String)>,
}

pub fn notice_form_page(ctx: &PageCtx, v: &NoticeFormView) -> Markup {
    let l = ctx.lang;
    let title = if v.staff {
        l.t("Catat pemberitahuan mogok kerja atau penutupan perusahaan", "Record a strike or lock-out notice")
    } else {
        l.t("Sampaikan pemberitahuan penutupan perusahaan", "Give notice of a lock-out")
    };
    let e = &v.errors;
    let vals = &v.values;
    page(
        ctx,
        title,
        html! {
            p { a href="/pemberitahuan" { "← " (l.t("Pemberitahuan", "Notices")) } }
            h1 { (title) }
            (error_summary(l, e))
            form method="post" action="/pemberitahuan" novalidate {
                (csrf_input(&ctx.csrf_token))
                div.narrow {
                    @if v.staff {
                        (select_field("kind", l.t("Jenis pemberitahuan", "Kind of notice"), &v.kinds, value_of(vals, "kind"), e))
                        (text_field(&Field::new("nib", l.t("NIB perusahaan", "Company's NIB")).value(value_of(vals, "nib")).hint(l.t("13 angka; perusahaan harus sudah terdaftar di register.", "13 digits; the company must be in the register.")).required(), e))
                        (select_field("union_id", l.t("Serikat pekerja yang memberitahukan (mogok)", "Union giving notice (strike)"), &v.unions, value_of(vals, "union_id"), e))
                    } @else {
                        input type="hidden" name="kind" value="penutupan";
                        (select_field("company_id", l.t("Perusahaan", "Company"), &v.companies, value_of(vals, "company_id"), e))
                    }
                    (text_field(&Field::new("giver_name", l.t("Yang memberitahukan", "Given by")).value(value_of(vals, "giver_name")).hint(l.t(
                        "Kosongkan untuk memakai nama serikat pekerja (mogok) atau perusahaan (penutupan).",
                        "Leave empty to use the union's name (strike) or the company's (lock-out).",
                    )), e))
                    @if v.staff {
                        (text_field(&Field::new("received_at", l.t("Diterima Disnaker (hari, tanggal dan jam WIB)", "Received by the office (day, date and hour, WIB)")).kind("datetime-local").value(value_of(vals, "received_at")).hint(l.t(
                            "Untuk surat yang diantar: waktu surat diterima di kantor. Kosongkan bila baru saja diterima.",
                            "For a paper notice: when it reached the office. Leave empty if it arrived just now.",
                        )), e))
                    }
                    (text_field(&Field::new("starts_at", l.t("Mulai (tanggal dan jam WIB)", "Starts (date and hour, WIB)")).kind("datetime-local").value(value_of(vals, "starts_at")).required(), e))
                    (text_field(&Field::new("ends_at", l.t("Berakhir (tanggal dan jam WIB)", "Ends (date and hour, WIB)")).kind("datetime-local").value(value_of(vals, "ends_at")), e))
                    (text_field(&Field::new("place", l.t("Tempat", "Place")).value(value_of(vals, "place")), e))
                }
                (textarea_field("reasons", l.t("Alasan", "Reasons"), "", value_of(vals, "reasons"), 6, e))
                (textarea_field("signatories", l.t("Penanda tangan", "Signatories"), l.t(
                    "Satu per baris: nama; jabatan. Mogok: ketua dan sekretaris serikat pekerja, atau koordinator yang ditunjuk. Penutupan: pimpinan perusahaan.",
                    "One per line: name; position. Strike: the union's chair and secretary, or appointed coordinators. Lock-out: the company's management.",
                ), value_of(vals, "signatories"), 4, e))
                p.hint { (l.t(
                    "Pemberitahuan yang kurang dari 7 hari kerja, tidak lengkap, atau penutupan perusahaan pada sektor yang dilarang tetap dicatat dan diberi tanda.",
                    "A notice short of 7 working days, incomplete, or a lock-out in a protected sector is still recorded, and flagged.",
                )) }
                div.actions {
                    button type="submit" { (l.t("Simpan dan terbitkan tanda terima", "Save and issue the receipt")) }
                    a href="/pemberitahuan" { (l.t("Batal", "Cancel")) }
                }
            }
        },
    )
}

/// The notice period of a notice, explained.
#[derive(Debug, Clone, Default)]
pub struct LeadView {
    pub rule: String,
    pub legal_basis: String,
    pub start: String,
    pub due: String,
    pub received: String,
    /// One sentence: N working days before the start, the last day, what was skipped.
    pub explanation: String,
    pub skipped: Vec<String>,
    pub warnings: Vec<String>,
    pub short: bool,
    pub verdict: String,
}

#[derive(Debug, Clone)]
pub struct FacilitationView {
    pub date: String,
    pub attendees: String,
    pub notes: String,
    pub minutes: Option<(String, String)>,
}

/// How the facilitation ended.
#[derive(Debug, Clone)]
pub struct OutcomeView {
    pub label: String,
    pub date: String,
    pub note: String,
    /// The officer who witnessed the Perjanjian Bersama.
    pub witness: Option<String>,
    /// The PB document: (file name, download address).
    pub document: Option<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct NoticeView {
    /// The receipt as an official letter (PDF).
    pub letters: crate::pages::letters::LettersSection,
    pub id: String,
    pub kind: String,
    pub receipt_number: String,
    pub company: String,
    pub company_href: String,
    pub kbli: String,
    pub giver: String,
    pub union: Option<String>,
    pub signatories: Vec<String>,
    pub received: String,
    pub online: bool,
    pub starts: String,
    pub ends: Option<String>,
    pub place: String,
    pub reasons: String,
    pub lead: LeadView,
    /// Flags in words besides the notice period.
    pub flags: Vec<String>,
    pub status: String,
    pub tone: Option<Tone>,
    pub facilitations: Vec<FacilitationView>,
    pub outcome: Option<OutcomeView>,
    pub case_id: Option<String>,
    /// The desk may open the dispute case of an unsettled notice.
    pub can_open_case: bool,
    /// (code, label) of the dispute types, for opening a case.
    pub dispute_types: Vec<(String, String)>,
    pub can_record: bool,
    pub closed: bool,
    pub outcomes: Vec<(String, String)>,
    pub values: Vec<(String, String)>,
    /// Problems of the facilitation form.
    pub errors: FormErrors,
    /// Problems of the outcome form.
    pub outcome_errors: FormErrors,
}

pub fn notice_page(ctx: &PageCtx, v: &NoticeView) -> Markup {
    let l = ctx.lang;
    let title = format!("{} — {}", v.kind, v.company);
    page(
        ctx,
        &title,
        html! {
            p { a href="/pemberitahuan" { "← " (l.t("Pemberitahuan", "Notices")) } }
            h1 { (title) }
            p {
                (l.t("Status:", "Status:")) " " (badge(v.tone.unwrap_or(Tone::Neutral), &v.status))
                " · " a href={ "/pemberitahuan/" (v.id) "/tanda-terima" } { (l.t("Cetak tanda terima", "Print the receipt")) " " (v.receipt_number) }
            }
            @if v.lead.short || !v.flags.is_empty() {
                div.error-summary role="status" {
                    h2 { (l.t("Catatan atas pemberitahuan ini", "Flags on this notice")) }
                    ul {
                        @if v.lead.short { li { (v.lead.verdict) } }
                        @for f in &v.flags { li { (f) } }
                    }
                }
            }
            dl.facts {
                dt { (l.t("Nomor tanda terima", "Receipt number")) } dd { (v.receipt_number) }
                dt { (l.t("Perusahaan", "Company")) } dd { a href=(v.company_href) { (v.company) } " (KBLI " (v.kbli) ")" }
                dt { (l.t("Yang memberitahukan", "Given by")) } dd { (v.giver) @if let Some(u) = &v.union { " — " (l.t("serikat terdaftar:", "registered union:")) " " (u) } }
                dt { (l.t("Penanda tangan", "Signatories")) } dd {
                    @if v.signatories.is_empty() { (l.t("tidak ada", "none")) } @else { ul { @for s in &v.signatories { li { (s) } } } }
                }
                dt { (l.t("Diterima Disnaker", "Received by the office")) } dd { (v.received) @if v.online { " (" (l.t("disampaikan daring", "submitted online")) ")" } }
                dt { (l.t("Mulai", "Starts")) } dd { (v.starts) }
                dt { (l.t("Berakhir", "Ends")) } dd { @match &v.ends { Some(e) => { (e) } None => { (l.t("tidak disebutkan", "not given")) } } }
                dt { (l.t("Tempat", "Place")) } dd { @if v.place.is_empty() { (l.t("tidak disebutkan", "not given")) } @else { (v.place) } }
                @if let Some(c) = &v.case_id {
                    dt { (l.t("Perkara", "Case")) } dd { a href={ "/kasus/" (c) } { (l.t("Buka perkara perselisihan", "Open the dispute case")) } }
                }
            }
            @if v.can_open_case {
                section.panel aria-labelledby="case-title" {
                    h2 #case-title { (l.t("Lanjut ke penyelesaian perselisihan", "On to dispute settlement")) }
                    p { (l.t(
                        "Fasilitasi tidak mencapai kesepakatan: buka perkara dari pemberitahuan ini. Perkara dibuat sebagai draf petugas; lengkapi bukti bipartit lalu ajukan.",
                        "The facilitation reached no agreement: open a case from this notice. It starts as the desk's draft; add the bipartite proof and file it."
                    )) }
                    form method="post" action={ "/pemberitahuan/" (v.id) "/perkara" } {
                        (csrf_input(&ctx.csrf_token))
                        (select_field("dispute_type", l.t("Jenis perselisihan", "Type of dispute"), &v.dispute_types, "kepentingan", &v.outcome_errors))
                        button type="submit" { (l.t("Buka perkara", "Open the case")) }
                    }
                }
            }
            h2 { (l.t("Alasan", "Reasons")) }
            @if v.reasons.is_empty() { p { (l.t("Tidak disebutkan.", "Not given.")) } } @else { (paragraphs(&v.reasons)) }
            section.panel aria-labelledby="lead-title" {
                h2 #lead-title { (l.t("Tenggang waktu pemberitahuan", "Notice period")) }
                dl.facts {
                    dt { (l.t("Aturan", "Rule")) } dd { (v.lead.rule) " (" (v.lead.legal_basis) ")" }
                    dt { (l.t("Mulai mogok/penutupan", "Start of the stoppage")) } dd { (v.lead.start) }
                    dt { (l.t("Paling lambat diberitahukan", "Notice due by")) } dd { (v.lead.due) }
                    dt { (l.t("Diterima", "Received")) } dd {
                        (v.lead.received) " "
                        @if v.lead.short { (badge(Tone::Bad, &v.lead.verdict)) } @else { (badge(Tone::Good, &v.lead.verdict)) }
                    }
                }
                p.hint { (v.lead.explanation) }
                @if !v.lead.skipped.is_empty() {
                    details {
                        summary { (l.t("Hari yang dilewati", "Days skipped")) " (" (v.lead.skipped.len()) ")" }
                        ul { @for s in &v.lead.skipped { li { (s) } } }
                    }
                }
                @for w in &v.lead.warnings { p { (badge(Tone::Warn, w)) } }
            }
            h2 { (l.t("Fasilitasi", "Facilitation")) }
            @if v.facilitations.is_empty() {
                p { (l.t("Belum ada rapat fasilitasi.", "No facilitation meeting yet.")) }
            } @else {
                ol {
                    @for f in &v.facilitations {
                        li {
                            strong { (f.date) } " — " (f.attendees)
                            @if !f.notes.is_empty() { (paragraphs(&f.notes)) }
                            @if let Some((name, href)) = &f.minutes { p { (l.t("Notulen:", "Minutes:")) " " a href=(href) download { (name) } } }
                        }
                    }
                }
            }
            @if let Some(o) = &v.outcome {
                h2 { (l.t("Hasil", "Outcome")) }
                p { (badge(v.tone.unwrap_or(Tone::Neutral), &o.label)) " " (l.t("pada", "on")) " " (o.date) }
                @if let Some(w) = &o.witness { p { (l.t("Perjanjian Bersama disaksikan oleh", "Perjanjian Bersama witnessed by")) " " (w) " (Disnaker)" } }
                @if !o.note.is_empty() { (paragraphs(&o.note)) }
                @if let Some((name, href)) = &o.document { p { (l.t("Perjanjian Bersama:", "Perjanjian Bersama:")) " " a href=(href) download { (name) } } }
            }
            @if v.can_record && !v.closed {
                section.panel {
                    h3 { (l.t("Catat rapat fasilitasi", "Record a facilitation meeting")) }
                    (error_summary(l, &v.errors))
                    form method="post" action={ "/pemberitahuan/" (v.id) "/fasilitasi?csrf_token=" (ctx.csrf_token) } enctype="multipart/form-data" novalidate {
                        div.narrow {
                            (text_field(&Field::new("held_on", l.t("Tanggal rapat", "Meeting day")).kind("date").value(value_of(&v.values, "held_on")).required(), &v.errors))
                        }
                        (textarea_field("attendees", l.t("Yang hadir", "Attendees"), l.t("Nama dan pihaknya, misalnya: Sutrisno (PUK SPAMK FSPMI), Andi Wijaya (HRD).", "Names and sides, e.g. Sutrisno (union), Andi Wijaya (HR)."), value_of(&v.values, "attendees"), 3, &v.errors))
                        (textarea_field("notes", l.t("Catatan", "Notes"), "", value_of(&v.values, "notes"), 5, &v.errors))
                        (file_field(l.t("Notulen (tidak wajib)", "Minutes (optional)"), l.t("PDF, JPG, PNG, DOCX atau XLSX.", "PDF, JPG, PNG, DOCX or XLSX."), &v.errors))
                        button type="submit" { (l.t("Simpan rapat fasilitasi", "Save the meeting")) }
                    }
                }
                section.panel {
                    h3 { (l.t("Catat hasil", "Record the outcome")) }
                    (error_summary(l, &v.outcome_errors))
                    form method="post" action={ "/pemberitahuan/" (v.id) "/hasil?csrf_token=" (ctx.csrf_token) } enctype="multipart/form-data" novalidate {
                        div.narrow {
                            (select_field("outcome", l.t("Hasil", "Outcome"), &v.outcomes, value_of(&v.values, "outcome"), &v.outcome_errors))
                            (text_field(&Field::new("outcome_on", l.t("Tanggal", "Date")).kind("date").value(value_of(&v.values, "outcome_on")), &v.outcome_errors))
                        }
                        (textarea_field("note", l.t("Keterangan", "Note"), l.t(
                            "Wajib bila tidak sepakat (ke mana perselisihan dilanjutkan) atau tidak terjadi (mengapa). Perjanjian Bersama dicatat dengan Anda sebagai saksi.",
                            "Required when not settled (where the dispute goes next) or when it did not happen (why). A Perjanjian Bersama is recorded with you as the witness.",
                        ), value_of(&v.values, "note"), 4, &v.outcome_errors))
                        (file_field(l.t("Berkas Perjanjian Bersama (tidak wajib)", "Perjanjian Bersama document (optional)"), l.t("Hanya bila tercapai Perjanjian Bersama.", "Only for a settlement."), &v.outcome_errors))
                        button type="submit" { (l.t("Simpan hasil", "Save the outcome")) }
                    }
                }
            }
            (crate::pages::letters::letters_section(ctx, &v.letters))
        },
    )
}

/// The printable receipt (tanda terima) on A4.
#[derive(Debug, Clone, Default)]
pub struct ReceiptView {
    pub id: String,
    pub letterhead_government: String,
    pub letterhead_office: String,
    /// Address and contacts, one line.
    pub contact_line: String,
    pub office_name: String,
    pub region_name: String,
    pub receipt_number: String,
    pub kind: String,
    pub company: String,
    pub company_address: String,
    pub giver: String,
    pub signatories: Vec<String>,
    pub received: String,
    pub starts: String,
    pub ends: String,
    pub place: String,
    pub reasons: String,
    pub legal_basis: String,
    pub flags: Vec<String>,
    pub issued_on: String,
}

pub fn receipt_page(lang: Lang, v: &ReceiptView) -> Markup {
    let l = lang;
    let title = format!("{} {}", l.t("Tanda terima", "Receipt"), v.receipt_number);
    html! {
        (DOCTYPE)
        html lang=(l.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Harmoni" }
                link rel="stylesheet" href="/static/app.css";
            }
            body.printable {
                nav.no-print aria-label=(l.t("Navigasi", "Navigation")) {
                    a href={ "/pemberitahuan/" (v.id) } { "← " (l.t("Kembali ke pemberitahuan", "Back to the notice")) }
                    " · " (l.t("Cetak dengan Ctrl+P (A4).", "Print with Ctrl+P (A4)."))
                }
                main.sheet {
                    header.letterhead {
                        p.gov { (v.letterhead_government) }
                        p.office { (v.letterhead_office) }
                        @if !v.contact_line.is_empty() { p.contact { (v.contact_line) } }
                    }
                    h1 { (l.t("TANDA TERIMA", "RECEIPT")) }
                    p.number { (l.t("Nomor:", "Number:")) " " (v.receipt_number) }
                    p { (l.t(
                        "Telah diterima pemberitahuan tertulis sebagai berikut:",
                        "The following written notice has been received:",
                    )) }
                    table.receipt-facts {
                        tbody {
                            tr { th scope="row" { (l.t("Jenis", "Kind")) } td { (v.kind) } }
                            tr { th scope="row" { (l.t("Perusahaan", "Company")) } td { (v.company) br; (v.company_address) } }
                            tr { th scope="row" { (l.t("Yang memberitahukan", "Given by")) } td { (v.giver) } }
                            tr { th scope="row" { (l.t("Penanda tangan", "Signatories")) } td {
                                @if v.signatories.is_empty() { "-" } @else { @for s in &v.signatories { (s) br; } }
                            } }
                            tr { th scope="row" { (l.t("Diterima pada", "Received on")) } td { strong { (v.received) } } }
                            tr { th scope="row" { (l.t("Mulai", "Starts")) } td { (v.starts) } }
                            tr { th scope="row" { (l.t("Berakhir", "Ends")) } td { (v.ends) } }
                            tr { th scope="row" { (l.t("Tempat", "Place")) } td { (v.place) } }
                            tr { th scope="row" { (l.t("Alasan", "Reasons")) } td { (v.reasons) } }
                        }
                    }
                    @if !v.flags.is_empty() {
                        p { strong { (l.t("Catatan:", "Notes:")) } }
                        ul { @for f in &v.flags { li { (f) } } }
                    }
                    p.small { (l.t("Dasar:", "Basis:")) " " (v.legal_basis) ". " (l.t(
                        "Tanda terima ini bukan persetujuan atas mogok kerja atau penutupan perusahaan; Disnaker akan memfasilitasi penyelesaian masalahnya.",
                        "This receipt does not approve the strike or lock-out; the office will facilitate a settlement of the underlying problem.",
                    )) }
                    div.signature {
                        p { (v.region_name) ", " (v.issued_on) }
                        p { (l.t("Yang menerima,", "Received by,")) br; (v.office_name) }
                        p.sign-space { "" }
                        p { "(...............................................)" }
                    }
                }
            }
        }
    }
}

/// One PHK report in the list; NIKs masked.
#[derive(Debug, Clone)]
pub struct ReportRowView {
    pub id: String,
    pub company: String,
    pub recorded: String,
    pub reason: String,
    /// "Name (3275********0001)"
    pub workers: Vec<String>,
    pub flagged: usize,
}

#[derive(Debug, Clone, Default)]
pub struct ReportListView {
    pub rows: Vec<ReportRowView>,
    pub values: Vec<(String, String)>,
    pub reasons: Vec<(String, String)>,
    pub years: Vec<(String, String)>,
    pub base: String,
    pub page: i64,
    pub page_size: i64,
    pub total: i64,
    pub can_submit: bool,
}

pub fn report_list_page(ctx: &PageCtx, v: &ReportListView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Laporan PHK", "Termination (PHK) reports");
    let none = FormErrors::default();
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p.lead { (l.t(
                "Pemutusan hubungan kerja yang dilaporkan pengusaha (PP 35/2021 Pasal 37-39), dengan pemeriksaan pemberitahuan tertulis 14 hari kerja (7 hari kerja dalam masa percobaan).",
                "Terminations reported by employers (PP 35/2021 Art. 37-39), with the check of the 14 working days' written notice (7 in probation).",
            )) }
            @if v.can_submit {
                p.actions { a.button href="/laporan-phk/baru" { (l.t("Catat laporan PHK", "Record a PHK report")) } }
            }
            form.filters method="get" action="/laporan-phk" {
                (select_field("tahun", l.t("Tahun", "Year"), &v.years, value_of(&v.values, "tahun"), &none))
                (select_field("alasan", l.t("Alasan", "Reason"), &v.reasons, value_of(&v.values, "alasan"), &none))
                (text_field(&Field::new("perusahaan", l.t("Nama perusahaan", "Company name")).value(value_of(&v.values, "perusahaan")), &none))
                div.field { button type="submit" { (l.t("Tampilkan", "Show")) } }
            }
            div.table-wrap {
                table {
                    caption.visually-hidden { (title) }
                    thead { tr {
                        th scope="col" { (l.t("Dicatat", "Recorded")) }
                        th scope="col" { (l.t("Perusahaan", "Company")) }
                        th scope="col" { (l.t("Alasan", "Reason")) }
                        th scope="col" { (l.t("Pekerja (NIK disamarkan)", "Workers (NIK masked)")) }
                        th scope="col" { (l.t("Pemberitahuan", "Notice")) }
                    } }
                    tbody {
                        @if v.rows.is_empty() { tr { td colspan="5" { (l.t("Tidak ada laporan yang cocok.", "No matching reports.")) } } }
                        @for r in &v.rows {
                            tr {
                                td { a href={ "/laporan-phk/" (r.id) } { (r.recorded) } }
                                td { (r.company) }
                                td { (r.reason) }
                                td { ul { @for w in &r.workers { li { (w) } } } }
                                td {
                                    @if r.flagged > 0 {
                                        (badge(Tone::Bad, &format!("{} {}", r.flagged, l.t("tidak memenuhi", "short"))))
                                    } @else {
                                        (badge(Tone::Good, l.t("memenuhi", "met")))
                                    }
                                }
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
pub struct ReportFormView {
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
    pub staff: bool,
    pub companies: Vec<(String, String)>,
    pub reasons: Vec<(String, String)>,
}

pub fn report_form_page(ctx: &PageCtx, v: &ReportFormView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Catat laporan PHK", "Record a PHK report");
    let e = &v.errors;
    let vals = &v.values;
    page(
        ctx,
        title,
        html! {
            p { a href="/laporan-phk" { "← " (l.t("Laporan PHK", "PHK reports")) } }
            h1 { (title) }
            (error_summary(l, e))
            form method="post" action="/laporan-phk" novalidate {
                (csrf_input(&ctx.csrf_token))
                div.narrow {
                    @if v.staff {
                        (text_field(&Field::new("nib", l.t("NIB perusahaan", "Company's NIB")).value(value_of(vals, "nib")).hint(l.t("13 angka; perusahaan harus sudah terdaftar di register.", "13 digits; the company must be in the register.")).required(), e))
                    } @else {
                        (select_field("company_id", l.t("Perusahaan", "Company"), &v.companies, value_of(vals, "company_id"), e))
                    }
                    (select_field("reason_category", l.t("Alasan PHK", "Reason for the termination"), &v.reasons, value_of(vals, "reason_category"), e))
                }
                (textarea_field("reason_text", l.t("Uraian alasan", "The reason in words"), l.t("Wajib bila alasannya \"Alasan lain\".", "Required for \"Other grounds\"."), value_of(vals, "reason_text"), 3, e))
                (textarea_field("workers", l.t("Pekerja", "Workers"), l.t(
                    "Satu pekerja per baris: nama; NIK (16 angka); jabatan; mulai bekerja; tanggal PHK; tanggal pemberitahuan tertulis (atau tidak); masa percobaan (ya/tidak). Tanggal ditulis TTTT-BB-HH. Contoh: Ahmad Fauzi; 3275011205900001; Operator produksi; 2019-04-01; 2026-03-31; 2026-03-04; tidak",
                    "One worker per line: name; NIK (16 digits); position; started; termination date; date of written notice (or tidak); probation (ya/tidak). Dates as YYYY-MM-DD. Example: Ahmad Fauzi; 3275011205900001; Operator produksi; 2019-04-01; 2026-03-31; 2026-03-04; tidak",
                ), value_of(vals, "workers"), 8, e))
                p.hint { (l.t(
                    "NIK adalah data pribadi: hanya ditampilkan utuh kepada petugas Disnaker dan perwakilan perusahaan ini.",
                    "A NIK is personal data: shown whole only to the office's staff and this company's representatives.",
                )) }
                div.actions {
                    button type="submit" { (l.t("Simpan laporan", "Save the report")) }
                    a href="/laporan-phk" { (l.t("Batal", "Cancel")) }
                }
            }
        },
    )
}

#[derive(Debug, Clone)]
pub struct WorkerView {
    pub name: String,
    pub nik: String,
    pub job_title: String,
    pub started: String,
    pub terminated: String,
    pub probation: bool,
    pub notice: String,
    /// "Paling lambat Rabu, 4 Maret 2026 (14 hari kerja sebelum PHK; PP 35/2021 Pasal 37 ayat (3))"
    pub due: String,
    pub verdict: String,
    pub tone: Tone,
}

#[derive(Debug, Clone, Default)]
pub struct ReportView {
    pub company: String,
    pub company_href: String,
    pub recorded: String,
    pub online: bool,
    pub reason: String,
    pub reason_text: String,
    pub workers: Vec<WorkerView>,
}

pub fn report_page(ctx: &PageCtx, v: &ReportView) -> Markup {
    let l = ctx.lang;
    let title = format!("{} — {}", l.t("Laporan PHK", "PHK report"), v.company);
    page(
        ctx,
        &title,
        html! {
            p { a href="/laporan-phk" { "← " (l.t("Laporan PHK", "PHK reports")) } }
            h1 { (title) }
            dl.facts {
                dt { (l.t("Perusahaan", "Company")) } dd { a href=(v.company_href) { (v.company) } }
                dt { (l.t("Dicatat", "Recorded")) } dd { (v.recorded) @if v.online { " (" (l.t("dilaporkan daring", "reported online")) ")" } }
                dt { (l.t("Alasan", "Reason")) } dd { (v.reason) }
            }
            @if !v.reason_text.is_empty() { (paragraphs(&v.reason_text)) }
            h2 { (l.t("Pekerja", "Workers")) " (" (v.workers.len()) ")" }
            div.table-wrap {
                table {
                    caption.visually-hidden { (l.t("Pekerja dalam laporan ini", "Workers in this report")) }
                    thead { tr {
                        th scope="col" { (l.t("Nama", "Name")) }
                        th scope="col" { "NIK" }
                        th scope="col" { (l.t("Jabatan", "Position")) }
                        th scope="col" { (l.t("Masa kerja", "Employment")) }
                        th scope="col" { (l.t("Pemberitahuan tertulis", "Written notice")) }
                    } }
                    tbody {
                        @for w in &v.workers {
                            tr {
                                td { (w.name) }
                                td { (w.nik) }
                                td { (w.job_title) @if w.probation { br; (l.t("(masa percobaan)", "(probation)")) } }
                                td { (w.started) " – " (w.terminated) }
                                td {
                                    (w.notice) br;
                                    span.hint { (w.due) } br;
                                    (badge(w.tone, &w.verdict))
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
