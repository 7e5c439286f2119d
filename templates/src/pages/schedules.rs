//! Session scheduling pages: the plan/reschedule form with its warnings, the session page with
//! summonses and their delivery evidence, the office schedule (day and week, printable), the
//! head's mediator load, and the private calendar feeds.

use maud::{html, Markup};

use crate::components::{
    badge, csrf_input, error_summary, select_field, text_field, textarea_field, value_of, Field, FormErrors, Tone,
};
use crate::layout::{page, PageCtx};
use crate::Lang;

/// The form to plan a session, or to move one.
#[derive(Debug, Clone, Default)]
pub struct PlanFormView {
    pub action: String,
    pub back_href: String,
    pub case_label: String,
    pub parties: String,
    pub rescheduling: bool,
    pub kinds: Vec<(String, String)>,
    pub rooms: Vec<(String, String)>,
    pub values: Vec<(String, String)>,
    /// "08:00–16:00 WIB, working days only"
    pub hours_hint: String,
    /// The first-session limit, explained (none once a session was held).
    pub first_session_hint: Option<String>,
    /// Warnings that need the mediator's confirmation before the plan is stored.
    pub warnings: Vec<String>,
    pub errors: FormErrors,
}

fn checked(values: &[(String, String)], key: &str) -> bool {
    matches!(value_of(values, key), "on" | "true" | "1")
}

pub fn plan_form_page(ctx: &PageCtx, v: &PlanFormView) -> Markup {
    let l = ctx.lang;
    let title = if v.rescheduling {
        l.t("Ubah jadwal sidang", "Reschedule the session")
    } else {
        l.t("Jadwalkan sidang", "Schedule a session")
    };
    let f = |name: &'static str, label: &'static str, kind: &'static str, hint: Option<&'static str>| Field {
        name,
        label,
        kind,
        value: value_of(&v.values, name),
        hint,
        autocomplete: None,
        required: false,
    };
    page(
        ctx,
        title,
        html! {
            p { a href=(v.back_href) { "← " (l.t("Kembali ke kasus", "Back to the case")) } }
            h1 { (title) }
            p { strong { (v.case_label) } " · " (v.parties) }
            (error_summary(l, &v.errors))
            @if !v.warnings.is_empty() {
                div.error-summary role="alert" {
                    h2 { (l.t("Perhatian sebelum menyimpan", "Please check before saving")) }
                    ul { @for w in &v.warnings { li { (w) } } }
                    p { (l.t("Jadwal tetap dapat disimpan: centang konfirmasi di bawah lalu simpan lagi.", "The session can still be saved: tick the confirmation below and save again.")) }
                }
            }
            form method="post" action=(v.action) {
                (csrf_input(&ctx.csrf_token))
                @if !v.rescheduling {
                    (select_field("kind", l.t("Jenis sidang", "Kind of session"), &v.kinds, value_of(&v.values, "kind"), &v.errors))
                }
                @if let Some(h) = &v.first_session_hint { p.hint { (h) } }
                (text_field(&f("date", l.t("Tanggal", "Date"), "date", None), &v.errors))
                p.hint { (v.hours_hint) }
                (text_field(&f("start_time", l.t("Jam mulai (WIB)", "Start (WIB)"), "time", None), &v.errors))
                (text_field(&f("end_time", l.t("Jam selesai (WIB)", "End (WIB)"), "time", None), &v.errors))
                (select_field("room", l.t("Ruangan", "Room"), &v.rooms, value_of(&v.values, "room"), &v.errors))
                (text_field(&f("online_url", l.t("Tautan rapat daring (bila daring)", "Meeting link (if online)"), "url", None), &v.errors))
                fieldset {
                    legend { (l.t("Pihak yang dipanggil", "Parties summoned")) }
                    div.check { input #f-summon_worker type="checkbox" name="summon_worker" value="true" checked[checked(&v.values, "summon_worker")]; label for="f-summon_worker" { (l.t("Pihak pekerja", "Workers' side")) } }
                    div.check { input #f-summon_company type="checkbox" name="summon_company" value="true" checked[checked(&v.values, "summon_company")]; label for="f-summon_company" { (l.t("Pihak pengusaha", "Employer")) } }
                }
                (textarea_field("agenda", l.t("Acara sidang", "Agenda"), "", value_of(&v.values, "agenda"), 3, &v.errors))
                @if v.rescheduling {
                    (textarea_field("reason", l.t("Alasan perubahan jadwal", "Reason for the change"), "", value_of(&v.values, "reason"), 2, &v.errors))
                }
                @if !v.warnings.is_empty() {
                    div.check { input #f-confirm type="checkbox" name="confirm" value="true"; label for="f-confirm" { (l.t("Saya sudah membaca peringatan di atas dan tetap menjadwalkan sidang ini.", "I have read the warnings above and schedule this session anyway.")) } }
                }
                p.hint { (l.t("Setelah disimpan, surat panggilan bernomor dikirim ke pihak yang dipanggil lewat email (dengan undangan kalender) dan notifikasi Harmoni, dan dapat dicetak untuk diantar.", "Once saved, numbered summonses go to the parties summoned by email (with a calendar invitation) and in Harmoni, and can be printed for delivery by hand.")) }
                button type="submit" { (l.t("Simpan jadwal", "Save the schedule")) }
            }
        },
    )
}

/// One summons on the session page.
#[derive(Debug, Clone, Default)]
pub struct SummonsRowView {
    pub id: String,
    pub side: String,
    pub number: String,
    pub addressee: String,
    pub letter_href: String,
    /// The delivery evidence as sentences (emails, opened, handed over).
    pub evidence: Vec<String>,
    pub status: String,
    pub tone: Tone,
    pub receipt_href: Option<String>,
    /// Standing (not withdrawn), so a hand-over can be recorded.
    pub open: bool,
}

/// The session page.
#[derive(Debug, Clone, Default)]
pub struct HearingView {
    pub id: String,
    pub title: String,
    pub case_href: String,
    pub status: String,
    pub tone: Tone,
    pub facts: Vec<(String, String)>,
    pub summons: Vec<SummonsRowView>,
    pub changes: Vec<[String; 4]>,
    pub can_manage: bool,
    pub can_record_delivery: bool,
    pub can_record_outcome: bool,
    pub today: String,
    pub errors: FormErrors,
}

pub fn hearing_page(ctx: &PageCtx, v: &HearingView) -> Markup {
    let l = ctx.lang;
    page(
        ctx,
        &v.title,
        html! {
            p { a href=(v.case_href) { "← " (l.t("Kembali ke kasus", "Back to the case")) } }
            h1 { (v.title) }
            p { (badge(v.tone, &v.status)) }
            (error_summary(l, &v.errors))
            dl.facts { @for (k, val) in &v.facts { dt { (k) } dd { (val) } } }
            h2 { (l.t("Surat panggilan", "Summonses")) }
            @if v.summons.is_empty() {
                p { (l.t("Belum ada surat panggilan.", "No summons yet.")) }
            } @else {
                table.stacked {
                    thead { tr {
                        th scope="col" { (l.t("Pihak", "Side")) }
                        th scope="col" { (l.t("Nomor", "Number")) }
                        th scope="col" { (l.t("Status", "Status")) }
                        th scope="col" { (l.t("Bukti penyampaian", "Delivery evidence")) }
                    } }
                    tbody {
                        @for s in &v.summons {
                            tr {
                                td data-label=(l.t("Pihak", "Side")) { (s.side) br; span.hint { (s.addressee) } }
                                td data-label=(l.t("Nomor", "Number")) { a href=(s.letter_href) { (s.number) } }
                                td data-label=(l.t("Status", "Status")) { (badge(s.tone, &s.status)) }
                                td data-label=(l.t("Bukti penyampaian", "Delivery evidence")) {
                                    @if s.evidence.is_empty() { (l.t("Belum ada bukti.", "No evidence yet.")) }
                                    ul { @for e in &s.evidence { li { (e) } } }
                                    @if let Some(h) = &s.receipt_href { a href=(h) { (l.t("Tanda terima bertanda tangan", "Signed receipt")) } }
                                    @if v.can_record_delivery && s.open {
                                        details {
                                            summary { (l.t("Catat penyerahan langsung/pos", "Record hand delivery or post")) }
                                            form method="post" action={ "/jadwal/" (v.id) "/panggilan/" (s.id) "/serah" } enctype="multipart/form-data" {
                                                (csrf_input(&ctx.csrf_token))
                                                div.field { label for={ "ho-" (s.id) } { (l.t("Tanggal diserahkan", "Handed over on")) } input id={ "ho-" (s.id) } type="date" name="handed_over_on" value=(v.today); }
                                                div.field { label for={ "ht-" (s.id) } { (l.t("Diterima oleh (nama, jabatan)", "Received by (name, position)")) } input id={ "ht-" (s.id) } type="text" name="handed_over_to"; }
                                                div.field { label for={ "hf-" (s.id) } { (l.t("Tanda terima bertanda tangan (PDF/gambar, opsional)", "Signed receipt (PDF/image, optional)")) } input id={ "hf-" (s.id) } type="file" name="berkas"; }
                                                button type="submit" { (l.t("Simpan", "Save")) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if v.can_manage {
                h2 { (l.t("Tindakan mediator", "Mediator's actions")) }
                p { a href={ "/jadwal/" (v.id) "/ubah" } { (l.t("Ubah jadwal (waktu, tempat)", "Reschedule (time, place)")) } }
                @if v.can_record_outcome {
                    form method="post" action={ "/jadwal/" (v.id) "/hasil" } {
                        (csrf_input(&ctx.csrf_token))
                        h3 { (l.t("Catat hasil sidang", "Record the outcome")) }
                        div.check { input #f-worker_present type="checkbox" name="worker_present" value="true"; label for="f-worker_present" { (l.t("Pihak pekerja hadir", "Workers' side present")) } }
                        div.check { input #f-company_present type="checkbox" name="company_present" value="true"; label for="f-company_present" { (l.t("Pihak pengusaha hadir", "Employer present")) } }
                        (textarea_field("minutes", l.t("Risalah sidang", "Minutes"), "", "", 5, &v.errors))
                        button type="submit" { (l.t("Simpan hasil", "Save the outcome")) }
                    }
                }
                form method="post" action={ "/jadwal/" (v.id) "/batal" } {
                    (csrf_input(&ctx.csrf_token))
                    h3 { (l.t("Batalkan sidang", "Cancel the session")) }
                    (textarea_field("reason", l.t("Alasan pembatalan", "Reason"), "", "", 2, &v.errors))
                    button type="submit" { (l.t("Batalkan sidang", "Cancel the session")) }
                }
            }
            @if !v.changes.is_empty() {
                h2 { (l.t("Riwayat jadwal", "Schedule history")) }
                table.stacked {
                    thead { tr {
                        th scope="col" { (l.t("Dicatat", "Recorded")) }
                        th scope="col" { (l.t("Perubahan", "Change")) }
                        th scope="col" { (l.t("Jadwal", "Schedule")) }
                        th scope="col" { (l.t("Alasan", "Reason")) }
                    } }
                    tbody { @for c in &v.changes { tr {
                        td data-label=(l.t("Dicatat", "Recorded")) { (c[0]) }
                        td data-label=(l.t("Perubahan", "Change")) { (c[1]) }
                        td data-label=(l.t("Jadwal", "Schedule")) { (c[2]) }
                        td data-label=(l.t("Alasan", "Reason")) { (c[3]) }
                    } } }
                }
            }
        },
    )
}

/// One session in the office schedule.
#[derive(Debug, Clone, Default)]
pub struct ScheduleRowView {
    pub href: Option<String>,
    pub day: String,
    pub time: String,
    pub place: String,
    pub mediator: String,
    pub case_label: String,
    pub parties: String,
    pub kind: String,
    pub status: String,
    pub tone: Tone,
}

/// The office schedule of a day or a week.
#[derive(Debug, Clone, Default)]
pub struct ScheduleView {
    pub title: String,
    /// (WIB day heading, its sessions).
    pub days: Vec<(String, Vec<ScheduleRowView>)>,
    pub prev_href: String,
    pub next_href: String,
    pub today_href: String,
    pub next_working_day_href: String,
    pub other_view_href: String,
    pub other_view_label: String,
    pub mediators: Vec<(String, String)>,
    pub mediator: String,
    pub date: String,
    pub week: bool,
    pub links: Vec<(String, String)>,
}

pub fn schedule_page(ctx: &PageCtx, v: &ScheduleView) -> Markup {
    let l = ctx.lang;
    page(
        ctx,
        &v.title,
        html! {
            h1 { (v.title) }
            nav.no-print aria-label=(l.t("Navigasi jadwal", "Schedule navigation")) {
                p {
                    a href=(v.prev_href) { "← " (l.t("Sebelumnya", "Previous")) } " · "
                    a href=(v.today_href) { (l.t("Hari ini", "Today")) } " · "
                    a href=(v.next_working_day_href) { (l.t("Hari kerja berikutnya", "Next working day")) } " · "
                    a href=(v.next_href) { (l.t("Berikutnya", "Next")) " →" } " · "
                    a href=(v.other_view_href) { (v.other_view_label) }
                }
                form method="get" action=(if v.week { "/jadwal/minggu" } else { "/jadwal" }) {
                    div.field { label for="f-tanggal" { (l.t("Tanggal", "Date")) } input #f-tanggal type="date" name="tanggal" value=(v.date); }
                    (select_field("mediator", "Mediator", &v.mediators, &v.mediator, &FormErrors::default()))
                    button type="submit" { (l.t("Tampilkan", "Show")) }
                }
                p { @for (i, (href, label)) in v.links.iter().enumerate() { @if i > 0 { " · " } a href=(href) { (label) } } }
                p.hint { (l.t("Cetak dengan Ctrl+P untuk meja depan.", "Print with Ctrl+P for the front desk.")) }
            }
            @for (day, rows) in &v.days {
                h2 { (day) }
                @if rows.is_empty() {
                    p { (l.t("Tidak ada sidang.", "No sessions.")) }
                } @else {
                    table.stacked {
                        thead { tr {
                            th scope="col" { (l.t("Jam (WIB)", "Time (WIB)")) }
                            th scope="col" { (l.t("Tempat", "Place")) }
                            th scope="col" { "Mediator" }
                            th scope="col" { (l.t("Perkara", "Case")) }
                            th scope="col" { (l.t("Para pihak", "Parties")) }
                            th scope="col" { (l.t("Status", "Status")) }
                        } }
                        tbody { @for r in rows { tr {
                            td data-label=(l.t("Jam (WIB)", "Time (WIB)")) { (r.time) }
                            td data-label=(l.t("Tempat", "Place")) { (r.place) }
                            td data-label="Mediator" { (r.mediator) }
                            td data-label=(l.t("Perkara", "Case")) {
                                @if let Some(h) = &r.href { a href=(h) { (r.case_label) } } @else { (r.case_label) }
                                br; span.hint { (r.kind) }
                            }
                            td data-label=(l.t("Para pihak", "Parties")) { (r.parties) }
                            td data-label=(l.t("Status", "Status")) { (badge(r.tone, &r.status)) }
                        } } }
                    }
                }
            }
        },
    )
}

/// A mediation nearing or past its 30 WD limit: (case href, case, company, mediator, due,
/// state text, tone, legal basis).
pub type OverrunView = (String, String, String, String, String, String, Tone, String);

/// The head's view of mediator load and coming overruns.
#[derive(Debug, Clone, Default)]
pub struct LoadPageView {
    pub weeks: Vec<String>,
    /// (mediator, open cases, per week "n sidang, h jam").
    pub rows: Vec<(String, i64, Vec<String>)>,
    pub overruns: Vec<OverrunView>,
    pub horizon: i64,
}

pub fn load_page(ctx: &PageCtx, v: &LoadPageView) -> Markup {
    let l = ctx.lang;
    page(
        ctx,
        l.t("Beban mediator", "Mediator load"),
        html! {
            p { a href="/jadwal" { "← " (l.t("Jadwal sidang", "Sessions")) } }
            h1 { (l.t("Beban mediator", "Mediator load")) }
            table.stacked {
                caption { (l.t("Sidang terjadwal atau sudah berlangsung per minggu (Senin)", "Sessions planned or held per week (from Monday)")) }
                thead { tr {
                    th scope="col" { "Mediator" }
                    th scope="col" { (l.t("Kasus terbuka", "Open cases")) }
                    @for w in &v.weeks { th scope="col" { (w) } }
                } }
                tbody { @for (name, open, weeks) in &v.rows { tr {
                    th scope="row" { (name) }
                    td data-label=(l.t("Kasus terbuka", "Open cases")) { (open) }
                    @for (i, w) in weeks.iter().enumerate() { td data-label=(v.weeks.get(i).cloned().unwrap_or_default()) { (w) } }
                } } }
            }
            h2 { (l.t("Mediasi mendekati batas 30 hari kerja", "Mediations nearing the 30 working-day limit")) }
            p.hint { (match l {
                Lang::Id => format!("Perkara dalam mediasi yang batasnya jatuh dalam {} hari kerja atau sudah lewat (UU 2/2004 Pasal 15; waktu klarifikasi tidak dihitung).", v.horizon),
                Lang::En => format!("Cases in mediation whose limit falls within {} working days or has passed (UU 2/2004 Art. 15; clarification time does not count).", v.horizon),
            }) }
            @if v.overruns.is_empty() {
                p { (l.t("Tidak ada.", "None.")) }
            } @else {
                table.stacked {
                    thead { tr {
                        th scope="col" { (l.t("Perkara", "Case")) }
                        th scope="col" { (l.t("Perusahaan", "Company")) }
                        th scope="col" { "Mediator" }
                        th scope="col" { (l.t("Batas", "Due")) }
                        th scope="col" { (l.t("Keadaan", "State")) }
                    } }
                    tbody { @for o in &v.overruns { tr {
                        td data-label=(l.t("Perkara", "Case")) { a href=(o.0) { (o.1) } }
                        td data-label=(l.t("Perusahaan", "Company")) { (o.2) }
                        td data-label="Mediator" { (o.3) }
                        td data-label=(l.t("Batas", "Due")) { (o.4) br; span.hint { (o.7) } }
                        td data-label=(l.t("Keadaan", "State")) { (badge(o.6, &o.5)) }
                    } } }
                }
            }
        },
    )
}

/// The private calendar feeds a user manages.
#[derive(Debug, Clone, Default)]
pub struct FeedsView {
    /// (id, what it holds, created, created by).
    pub feeds: Vec<(String, String, String)>,
    /// The URL of a feed just made: shown once.
    pub new_url: Option<String>,
    /// (scope, button label) the user may create.
    pub can_create: Vec<(String, String)>,
}

pub fn feeds_page(ctx: &PageCtx, v: &FeedsView) -> Markup {
    let l = ctx.lang;
    page(
        ctx,
        l.t("Langganan kalender", "Calendar subscriptions"),
        html! {
            p { a href="/jadwal" { "← " (l.t("Jadwal sidang", "Sessions")) } }
            h1 { (l.t("Langganan kalender", "Calendar subscriptions")) }
            p { (l.t("Tautan pribadi untuk Google Calendar, Outlook atau Thunderbird (\"tambah kalender dari URL\"). Isinya hanya nomor perkara, nama para pihak, acara dan tempat. Siapa pun yang memegang tautan dapat membacanya: jangan dibagikan, dan cabut bila bocor.", "A private link for Google Calendar, Outlook or Thunderbird (\"add calendar from URL\"). It holds only case numbers, the parties' names, agenda and place. Anyone holding the link can read it: do not share it, and revoke it if it leaks.")) }
            @if let Some(url) = &v.new_url {
                div.error-summary role="status" {
                    h2 { (l.t("Tautan baru (hanya ditampilkan sekali)", "New link (shown only once)")) }
                    p { code { (url) } }
                }
            }
            @if v.feeds.is_empty() {
                p { (l.t("Belum ada langganan aktif.", "No active subscription.")) }
            } @else {
                ul { @for (id, what, created) in &v.feeds { li {
                    (what) " · " (created) " "
                    form.inline method="post" action={ "/jadwal/langganan/" (id) "/cabut" } {
                        (csrf_input(&ctx.csrf_token))
                        button type="submit" { (l.t("Cabut", "Revoke")) }
                    }
                } } }
            }
            @for (scope, label) in &v.can_create {
                form method="post" action="/jadwal/langganan" {
                    (csrf_input(&ctx.csrf_token))
                    input type="hidden" name="scope" value=(scope);
                    button type="submit" { (label) }
                }
            }
        },
    )
}
