//! LKS Tripartit Kota: the current term with its members, meetings and recommendations; the
//! forms for a term, a meeting and a recommendation; a recommendation's follow-up.

use maud::{html, Markup};

use crate::components::{
    badge, csrf_input, error_summary, paragraphs, select_field, text_field, textarea_field, value_of, Field,
    FormErrors, Tone,
};
use crate::{page, Lang, PageCtx};

/// The types of document accepted, for the file picker (the server judges the content).
const ACCEPT: &str = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx";

/// The minutes file input (`berkas`) with its error, if any.
fn minutes_file(label: &str, hint: &str, required: bool, errors: &FormErrors) -> Markup {
    let error = errors.for_field("berkas");
    let described: Vec<&str> =
        [(!hint.is_empty()).then_some("h-berkas"), error.map(|_| "e-berkas")].into_iter().flatten().collect();
    html! {
        div class={ "field" @if error.is_some() { " has-error" } } {
            label for="f-berkas" { (label) }
            @if !hint.is_empty() { p.hint id="h-berkas" { (hint) } }
            @if let Some(e) = error { p.field-error id="e-berkas" { (e) } }
            input id="f-berkas" type="file" name="berkas" accept=(ACCEPT) required[required]
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[(!described.is_empty()).then(|| described.join(" "))];
        }
    }
}

#[derive(Debug, Clone)]
pub struct MemberView {
    pub name: String,
    pub organisation: String,
    pub seat: String,
}

/// The members of one side (unsur).
#[derive(Debug, Clone)]
pub struct SideView {
    pub title: String,
    pub members: Vec<MemberView>,
}

#[derive(Debug, Clone)]
pub struct MeetingRowView {
    pub id: String,
    pub date: String,
    pub agenda: String,
    pub present: i64,
    pub asked: i64,
}

#[derive(Debug, Clone)]
pub struct RecRowView {
    pub id: String,
    pub subject: String,
    pub meeting_id: String,
    pub meeting_date: String,
    pub addressed_to: String,
    pub status: String,
    pub tone: Tone,
    pub status_on: String,
}

/// When the next meeting is due: a sentence and a badge stating the state in words.
#[derive(Debug, Clone)]
pub struct DueView {
    pub text: String,
    pub tone: Tone,
    pub badge: String,
}

#[derive(Debug, Clone)]
pub struct TermView {
    pub id: String,
    pub decree_number: String,
    pub starts: String,
    pub ends: String,
    /// "Sisa 456 hari" or "Masa bakti telah berakhir".
    pub remaining: String,
    pub in_force: bool,
    pub sides: Vec<SideView>,
    pub member_count: usize,
    pub meetings: Vec<MeetingRowView>,
    pub recommendations: Vec<RecRowView>,
    pub due: Option<DueView>,
}

#[derive(Debug, Clone)]
pub struct TermLinkView {
    pub id: String,
    pub decree_number: String,
    pub period: String,
}

#[derive(Debug, Clone, Default)]
pub struct OverviewView {
    pub as_of: String,
    pub as_of_long: String,
    pub current: Option<TermView>,
    pub other_terms: Vec<TermLinkView>,
    pub can_manage: bool,
}

fn rec_table(l: Lang, caption: &str, recs: &[RecRowView]) -> Markup {
    html! {
        div.table-wrap {
            table {
                caption { (caption) }
                thead { tr {
                    th scope="col" { (l.t("Pokok rekomendasi", "Subject")) }
                    th scope="col" { (l.t("Rapat", "Meeting")) }
                    th scope="col" { (l.t("Kepada", "Addressed to")) }
                    th scope="col" { (l.t("Status", "Status")) }
                } }
                tbody {
                    @if recs.is_empty() { tr { td colspan="4" { (l.t("Belum ada rekomendasi.", "No recommendations yet.")) } } }
                    @for r in recs {
                        tr {
                            td { a href={ "/tripartit/rekomendasi/" (r.id) } { (r.subject) } }
                            td { a href={ "/tripartit/rapat/" (r.meeting_id) } { (r.meeting_date) } }
                            td { (r.addressed_to) }
                            td { (badge(r.tone, &r.status)) " " span.due { (l.t("sejak", "since")) " " (r.status_on) } }
                        }
                    }
                }
            }
        }
    }
}

fn term_sections(l: Lang, t: &TermView) -> Markup {
    html! {
        dl.facts {
            dt { (l.t("Nomor SK Wali Kota", "Wali Kota decree")) } dd { (t.decree_number) }
            dt { (l.t("Mulai", "Starts")) } dd { (t.starts) }
            dt { (l.t("Berakhir", "Ends")) } dd { (t.ends) }
            dt { (l.t("Masa bakti", "Term")) } dd {
                @if t.in_force { (badge(Tone::Good, &t.remaining)) } @else { (badge(Tone::Neutral, &t.remaining)) }
            }
            dt { (l.t("Jumlah anggota", "Members")) } dd { (t.member_count) " (" (l.t("pemerintah : pengusaha : pekerja = 1:1:1", "government : employers : workers = 1:1:1")) ")" }
        }
        @if let Some(due) = &t.due {
            section.panel aria-labelledby="next-meeting" {
                h2 #next-meeting { (l.t("Rapat berikutnya", "Next meeting")) }
                p { (due.text) " " (badge(due.tone, &due.badge)) }
            }
        }
        h2 { (l.t("Keanggotaan", "Members")) }
        div.cards {
            @for side in &t.sides {
                section.panel {
                    h3 { (side.title) " (" (side.members.len()) ")" }
                    ul {
                        @for m in &side.members {
                            li { strong { (m.name) } " — " (m.seat) ", " (m.organisation) }
                        }
                    }
                }
            }
        }
        h2 { (l.t("Rapat", "Meetings")) }
        div.table-wrap {
            table {
                caption.visually-hidden { (l.t("Rapat dalam periode ini", "Meetings in this term")) }
                thead { tr {
                    th scope="col" { (l.t("Tanggal", "Date")) }
                    th scope="col" { (l.t("Agenda", "Agenda")) }
                    th scope="col" { (l.t("Hadir", "Attendance")) }
                } }
                tbody {
                    @if t.meetings.is_empty() { tr { td colspan="3" { (l.t("Belum ada rapat dalam periode ini.", "No meetings in this term yet.")) } } }
                    @for m in &t.meetings {
                        tr {
                            td { a href={ "/tripartit/rapat/" (m.id) } { (m.date) } }
                            td { (m.agenda) }
                            td { (m.present) "/" (m.asked) " " span.visually-hidden { (l.t("anggota hadir", "members present")) } }
                        }
                    }
                }
            }
        }
        h2 { (l.t("Rekomendasi", "Recommendations")) }
        (rec_table(l, l.t("Rekomendasi dalam periode ini", "Recommendations in this term"), &t.recommendations))
    }
}

pub fn tripartit_page(ctx: &PageCtx, v: &OverviewView) -> Markup {
    let l = ctx.lang;
    let title = "LKS Tripartit Kota";
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p.lead { (l.t(
                "Lembaga Kerja Sama Tripartit Kota Bekasi (PP 8/2005 jo. PP 46/2008): pemerintah, pengusaha dan pekerja memberi saran dan rekomendasi kepada Wali Kota. Disnaker menjadi sekretariat.",
                "The city's tripartite cooperation body (PP 8/2005 as amended by PP 46/2008): government, employers and workers advise the Wali Kota. The Disnaker is its secretariat.",
            )) }
            @if v.can_manage {
                p.actions {
                    a.button href="/tripartit/rapat/baru" { (l.t("Catat rapat", "Record a meeting")) }
                    a.button.secondary href="/tripartit/periode/baru" { (l.t("Catat periode baru", "Record a new term")) }
                }
            }
            form.filters method="get" action="/tripartit" {
                (text_field(&Field::new("tanggal", l.t("Keadaan per tanggal", "As of")).kind("date").value(&v.as_of), &FormErrors::default()))
                div.field { button type="submit" { (l.t("Tampilkan", "Show")) } }
            }
            @match &v.current {
                Some(t) => {
                    h2 { (l.t("Periode yang berlaku per", "Term in force on")) " " (v.as_of_long) }
                    p { a href={ "/tripartit/periode/" (t.id) } { (l.t("Halaman periode ini", "This term's page")) } }
                    (term_sections(l, t))
                }
                None => {
                    p.panel { (l.t("Tidak ada periode LKS Tripartit yang berlaku per", "No LKS Tripartit term was in force on")) " " (v.as_of_long) "." }
                }
            }
            h2 { (l.t("Periode lain", "Other terms")) }
            ul {
                @if v.other_terms.is_empty() { li { (l.t("Tidak ada.", "None.")) } }
                @for t in &v.other_terms {
                    li { a href={ "/tripartit/periode/" (t.id) } { (l.t("SK", "Decree")) " " (t.decree_number) } " — " (t.period) }
                }
            }
        },
    )
}

pub fn term_page(ctx: &PageCtx, t: &TermView) -> Markup {
    let l = ctx.lang;
    let title = format!("{} {}", l.t("Periode LKS Tripartit, SK", "LKS Tripartit term, decree"), t.decree_number);
    page(
        ctx,
        &title,
        html! {
            p { a href="/tripartit" { "← LKS Tripartit" } }
            h1 { (title) }
            (term_sections(l, t))
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct TermFormView {
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
    pub term_years: u32,
}

pub fn term_form_page(ctx: &PageCtx, v: &TermFormView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Catat periode LKS Tripartit", "Record an LKS Tripartit term");
    let e = &v.errors;
    let end_hint = match l {
        Lang::Id => format!(
            "Kosongkan bila masa bakti {} tahun: berakhir pada tanggal yang sama {} tahun kemudian.",
            v.term_years, v.term_years
        ),
        Lang::En => format!(
            "Leave empty for a {}-year term: it ends on the same day {} years later.",
            v.term_years, v.term_years
        ),
    };
    page(
        ctx,
        title,
        html! {
            p { a href="/tripartit" { "← LKS Tripartit" } }
            h1 { (title) }
            (error_summary(l, e))
            form method="post" action="/tripartit/periode" novalidate {
                (csrf_input(&ctx.csrf_token))
                div.narrow {
                    (text_field(&Field::new("decree_number", l.t("Nomor SK Wali Kota", "Number of the Wali Kota's decree")).value(value_of(&v.values, "decree_number")).hint(l.t("Misalnya: 560/Kep.215-Disnaker/2024", "For example: 560/Kep.215-Disnaker/2024")).required(), e))
                    (text_field(&Field::new("starts_on", l.t("Mulai masa bakti", "Term starts")).kind("date").value(value_of(&v.values, "starts_on")).required(), e))
                    (text_field(&Field::new("ends_on", l.t("Berakhir (tidak wajib)", "Ends (optional)")).kind("date").value(value_of(&v.values, "ends_on")).hint(&end_hint), e))
                }
                (textarea_field("members", l.t("Susunan keanggotaan", "Members"), l.t(
                    "Satu anggota per baris: nama; unsur; organisasi; jabatan. Unsur: pemerintah, pengusaha atau pekerja. Jabatan: ketua (Wali Kota, unsur pemerintah), wakil_ketua (satu per unsur), sekretaris (Disnaker, unsur pemerintah) atau anggota. Jumlah per unsur harus sama. Contoh: Ahmad Syaifuddin; pemerintah; Wali Kota Bekasi; ketua",
                    "One member per line: name; side; organisation; position. Side: pemerintah, pengusaha or pekerja. Position: ketua (the Wali Kota, government side), wakil_ketua (one per side), sekretaris (the Disnaker, government side) or anggota. Each side must have the same number. Example: Ahmad Syaifuddin; pemerintah; Wali Kota Bekasi; ketua",
                ), value_of(&v.values, "members"), 16, e))
                div.actions {
                    button type="submit" { (l.t("Simpan periode", "Save term")) }
                    a href="/tripartit" { (l.t("Batal", "Cancel")) }
                }
            }
        },
    )
}

#[derive(Debug, Clone)]
pub struct AttendeeView {
    pub id: String,
    pub name: String,
    pub detail: String,
    pub checked: bool,
}

#[derive(Debug, Clone, Default)]
pub struct MeetingFormView {
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
    /// The term in force on the meeting day: (id, description).
    pub term: Option<(String, String)>,
    pub attendees: Vec<AttendeeView>,
    /// The day whose term is shown, written out.
    pub day_long: String,
}

pub fn meeting_form_page(ctx: &PageCtx, v: &MeetingFormView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Catat rapat LKS Tripartit", "Record an LKS Tripartit meeting");
    let e = &v.errors;
    let present_error = e.for_field("present");
    page(
        ctx,
        title,
        html! {
            p { a href="/tripartit" { "← LKS Tripartit" } }
            h1 { (title) }
            (error_summary(l, e))
            // Multipart, so the CSRF token travels in the form's action URL.
            form method="post" action={ "/tripartit/rapat?csrf_token=" (ctx.csrf_token) } enctype="multipart/form-data" novalidate {
                div.narrow {
                    (text_field(&Field::new("held_on", l.t("Tanggal rapat", "Meeting day")).kind("date").value(value_of(&v.values, "held_on")).hint(l.t("Daftar hadir di bawah berisi anggota periode yang berlaku pada tanggal ini.", "The attendance list below holds the members of the term in force on this day.")).required(), e))
                    (text_field(&Field::new("agenda", l.t("Agenda", "Agenda")).value(value_of(&v.values, "agenda")).required(), e))
                }
                (textarea_field("minutes_summary", l.t("Notulen", "Minutes"), l.t("Ringkasan jalannya rapat dan kesimpulannya. Boleh dilengkapi kemudian.", "A summary of the discussion and conclusions. May be completed later."), value_of(&v.values, "minutes_summary"), 10, e))
                (minutes_file(
                    l.t("Berkas notulen (tidak wajib)", "Minutes document (optional)"),
                    l.t("Notulen yang ditandatangani: PDF, JPG, PNG, DOCX atau XLSX. Boleh diunggah kemudian dari halaman rapat.", "The signed minutes: PDF, JPG, PNG, DOCX or XLSX. May be uploaded later from the meeting page."),
                    false,
                    e,
                ))
                @match &v.term {
                    Some((id, description)) => {
                        input type="hidden" name="term_id" value=(id);
                        fieldset #f-present class={ "field" @if present_error.is_some() { " has-error" } } {
                            legend { (l.t("Daftar hadir", "Attendance")) " — " (description) }
                            @if let Some(msg) = present_error { p.field-error { (msg) } }
                            @for (i, a) in v.attendees.iter().enumerate() {
                                div.checkbox {
                                    input id={ "f-present-" (i) } type="checkbox" name="present" value=(a.id) checked[a.checked];
                                    label for={ "f-present-" (i) } { (a.name) " — " (a.detail) }
                                }
                            }
                        }
                    }
                    None => {
                        p.panel #f-present {
                            (l.t("Tidak ada periode yang berlaku pada", "No term was in force on")) " " (v.day_long) ". "
                            (l.t("Periksa tanggal rapat, atau catat periodenya dahulu.", "Check the meeting day, or record the term first."))
                        }
                    }
                }
                div.actions {
                    button type="submit" { (l.t("Simpan rapat", "Save meeting")) }
                    a href="/tripartit" { (l.t("Batal", "Cancel")) }
                }
            }
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct MeetingView {
    pub id: String,
    pub date_long: String,
    pub agenda: String,
    pub minutes: String,
    /// The newest minutes document: (file name, download address).
    pub minutes_document: Option<(String, String)>,
    pub term_id: String,
    pub term_label: String,
    /// (name, side/seat/organisation, present)
    pub attendance: Vec<(String, String, bool)>,
    pub recommendations: Vec<RecRowView>,
    pub can_manage: bool,
    pub values: Vec<(String, String)>,
    /// Problems of the recommendation form.
    pub errors: FormErrors,
    /// Problems of the minutes upload.
    pub upload_errors: FormErrors,
}

pub fn meeting_page(ctx: &PageCtx, v: &MeetingView) -> Markup {
    let l = ctx.lang;
    let title = format!("{} {}", l.t("Rapat LKS Tripartit,", "LKS Tripartit meeting,"), v.date_long);
    let present = v.attendance.iter().filter(|a| a.2).count();
    let e = &v.errors;
    page(
        ctx,
        &title,
        html! {
            p { a href="/tripartit" { "← LKS Tripartit" } }
            h1 { (title) }
            dl.facts {
                dt { (l.t("Agenda", "Agenda")) } dd { (v.agenda) }
                dt { (l.t("Periode", "Term")) } dd { a href={ "/tripartit/periode/" (v.term_id) } { (v.term_label) } }
                dt { (l.t("Kehadiran", "Attendance")) } dd { (present) " " (l.t("dari", "of")) " " (v.attendance.len()) " " (l.t("anggota hadir", "members present")) }
            }
            h2 { (l.t("Notulen", "Minutes")) }
            @if v.minutes.is_empty() { p { (l.t("Notulen belum ditulis.", "No minutes written yet.")) } } @else { (paragraphs(&v.minutes)) }
            @match &v.minutes_document {
                Some((name, href)) => {
                    p { (l.t("Berkas notulen:", "Minutes document:")) " " a href=(href) download { (name) } }
                }
                None => { p { (badge(Tone::Neutral, l.t("belum ada berkas notulen", "no minutes document yet"))) } }
            }
            @if v.can_manage {
                section.panel.narrow {
                    h3 { @if v.minutes_document.is_some() { (l.t("Ganti berkas notulen", "Replace the minutes document")) } @else { (l.t("Unggah berkas notulen", "Upload the minutes document")) } }
                    (error_summary(l, &v.upload_errors))
                    form method="post" action={ "/tripartit/rapat/" (v.id) "/notulen?csrf_token=" (ctx.csrf_token) } enctype="multipart/form-data" {
                        (minutes_file(
                            l.t("Berkas notulen", "Minutes document"),
                            if v.minutes_document.is_some() {
                                l.t("Berkas baru ditampilkan menggantikan yang lama; berkas lama tetap tersimpan.", "The new file is shown instead of the old one; the old one stays on record.")
                            } else {
                                l.t("Notulen yang ditandatangani: PDF, JPG, PNG, DOCX atau XLSX.", "The signed minutes: PDF, JPG, PNG, DOCX or XLSX.")
                            },
                            true,
                            &v.upload_errors,
                        ))
                        button.secondary type="submit" { (l.t("Unggah", "Upload")) }
                    }
                }
            }
            h2 { (l.t("Daftar hadir", "Attendance")) }
            ul {
                @for (name, detail, here) in &v.attendance {
                    li {
                        (name) " — " (detail) " "
                        @if *here { (badge(Tone::Good, l.t("hadir", "present"))) } @else { (badge(Tone::Neutral, l.t("tidak hadir", "absent"))) }
                    }
                }
            }
            h2 { (l.t("Rekomendasi dari rapat ini", "Recommendations made at this meeting")) }
            (rec_table(l, l.t("Rekomendasi dari rapat ini", "Recommendations made at this meeting"), &v.recommendations))
            @if v.can_manage {
                section.panel {
                    h3 { (l.t("Catat rekomendasi", "Record a recommendation")) }
                    (error_summary(l, e))
                    form method="post" action={ "/tripartit/rapat/" (v.id) "/rekomendasi" } novalidate {
                        (csrf_input(&ctx.csrf_token))
                        div.narrow {
                            (text_field(&Field::new("subject", l.t("Pokok rekomendasi", "Subject")).value(value_of(&v.values, "subject")).required(), e))
                            (text_field(&Field::new("addressed_to", l.t("Kepada", "Addressed to")).value(value_of(&v.values, "addressed_to")).hint(l.t("Kosongkan untuk Wali Kota Bekasi.", "Leave empty for the Wali Kota Bekasi.")), e))
                        }
                        (textarea_field("text", l.t("Isi rekomendasi", "Recommendation"), "", value_of(&v.values, "text"), 8, e))
                        button type="submit" { (l.t("Simpan rekomendasi", "Save recommendation")) }
                    }
                }
            }
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct RecommendationView {
    pub id: String,
    pub subject: String,
    pub text: String,
    pub addressed_to: String,
    pub meeting_id: String,
    pub meeting_date: String,
    pub status: String,
    pub tone: Option<Tone>,
    pub status_on: String,
    pub follow_up: String,
    /// The statuses it may move to: (value, label); empty once final.
    pub options: Vec<(String, String)>,
    pub can_manage: bool,
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
}

pub fn recommendation_page(ctx: &PageCtx, v: &RecommendationView) -> Markup {
    let l = ctx.lang;
    let e = &v.errors;
    page(
        ctx,
        &v.subject,
        html! {
            p { a href={ "/tripartit/rapat/" (v.meeting_id) } { "← " (l.t("Rapat", "Meeting")) " " (v.meeting_date) } }
            h1 { (v.subject) }
            dl.facts {
                dt { (l.t("Kepada", "Addressed to")) } dd { (v.addressed_to) }
                dt { (l.t("Status", "Status")) } dd { (badge(v.tone.unwrap_or(Tone::Neutral), &v.status)) " " (l.t("sejak", "since")) " " (v.status_on) }
            }
            h2 { (l.t("Isi rekomendasi", "Recommendation")) }
            (paragraphs(&v.text))
            h2 { (l.t("Tindak lanjut", "Follow-up")) }
            @if v.follow_up.is_empty() { p { (l.t("Belum ada tindak lanjut yang dicatat.", "No follow-up recorded yet.")) } } @else { ul { @for line in v.follow_up.lines() { li { (line) } } } }
            @if v.can_manage {
                (error_summary(l, e))
                @if v.options.is_empty() {
                    p { (l.t("Status ini sudah final dan tidak dapat diubah lagi.", "This status is final and cannot change any more.")) }
                } @else {
                    section.panel.narrow {
                        h3 { (l.t("Ubah status", "Change the status")) }
                        form method="post" action={ "/tripartit/rekomendasi/" (v.id) "/status" } novalidate {
                            (csrf_input(&ctx.csrf_token))
                            (select_field("status", l.t("Status baru", "New status"), &v.options, value_of(&v.values, "status"), e))
                            (textarea_field("follow_up", l.t("Tindak lanjut", "Follow-up"), l.t("Apa yang sudah dilakukan, atau mengapa tidak ditindaklanjuti.", "What was done, or why it was not followed up."), value_of(&v.values, "follow_up"), 5, e))
                            (text_field(&Field::new("status_on", l.t("Tanggal", "Date")).kind("date").value(value_of(&v.values, "status_on")).required(), e))
                            button type="submit" { (l.t("Simpan status", "Save status")) }
                        }
                    }
                }
            }
        },
    )
}
