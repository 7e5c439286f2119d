//! "Kalender Hari Kerja": the year's working-day calendar, the deadline calculator with its
//! explanation, and the administrators' calendar page.

use maud::{html, Markup};

use crate::components::{
    badge, csrf_input, deadline_badge, error_summary, select_field, text_field, DeadlineState, Field, FormErrors, Tone,
};
use crate::{page, Lang, PageCtx};

/// How a day of the month grid reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Working,
    Weekend,
    Holiday,
    CutiBersama,
    Closure,
}

impl CellKind {
    fn class(self) -> &'static str {
        match self {
            CellKind::Working => "d-work",
            CellKind::Weekend => "d-weekend",
            CellKind::Holiday => "d-holiday",
            CellKind::CutiBersama => "d-cuti",
            CellKind::Closure => "d-closure",
        }
    }

    /// The letter printed beside the day, so kinds are not told by colour alone.
    fn mark(self) -> &'static str {
        match self {
            CellKind::Holiday => "L",
            CellKind::CutiBersama => "C",
            CellKind::Closure => "T",
            _ => "",
        }
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            CellKind::Working => l.t("hari kerja", "working day"),
            CellKind::Weekend => l.t("akhir pekan", "weekend"),
            CellKind::Holiday => l.t("libur nasional", "national holiday"),
            CellKind::CutiBersama => l.t("cuti bersama", "collective leave"),
            CellKind::Closure => l.t("penutupan kantor", "office closure"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct DayCell {
    pub day: u32,
    pub kind: CellKind,
    /// Name of the holiday, when listed.
    pub name: Option<String>,
    pub today: bool,
}

#[derive(Debug, Clone)]
pub struct MonthView {
    pub name: String,
    /// Weeks Monday to Sunday; `None` pads days outside the month.
    pub weeks: Vec<[Option<DayCell>; 7]>,
}

#[derive(Debug, Clone)]
pub struct HolidayRow {
    /// YYYY-MM-DD
    pub iso: String,
    pub date: String,
    pub name: String,
    pub kind: CellKind,
}

#[derive(Debug, Clone)]
pub struct CalcResult {
    pub title: String,
    pub legal_basis: Option<String>,
    pub missed: Option<String>,
    pub start: String,
    pub due: String,
    pub due_iso: String,
    pub days: u32,
    pub calendar_days: bool,
    pub before: bool,
    pub skipped: Vec<(String, String)>,
    pub warnings: Vec<String>,
    pub status: DeadlineState,
}

#[derive(Debug, Clone, Default)]
pub struct CalendarPageView {
    pub year: i32,
    pub office_name: String,
    pub year_note: Option<(Tone, String)>,
    pub months: Vec<MonthView>,
    pub holidays: Vec<HolidayRow>,
    pub rules: Vec<(String, String)>,
    pub from: String,
    pub rule: String,
    pub working_days: String,
    pub errors: FormErrors,
    pub result: Option<CalcResult>,
}

const WEEKDAYS_ID: [&str; 7] = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn legend(l: Lang) -> Markup {
    html! {
        ul.legend {
            @for kind in [CellKind::Holiday, CellKind::CutiBersama, CellKind::Closure, CellKind::Weekend] {
                li { span class={ "swatch " (kind.class()) } aria-hidden="true" { (kind.mark()) } " " (kind.label(l)) }
            }
        }
    }
}

fn month_table(l: Lang, m: &MonthView) -> Markup {
    let names = if l == Lang::Id { WEEKDAYS_ID } else { WEEKDAYS_EN };
    html! {
        table.month {
            caption { (m.name) }
            thead { tr { @for n in names { th scope="col" { (n) } } } }
            tbody {
                @for week in &m.weeks {
                    tr {
                        @for cell in week {
                            @match cell {
                                None => td {},
                                Some(c) => {
                                    td class={ (c.kind.class()) @if c.today { " today" } } title=[c.name.as_deref()] {
                                        (c.day)
                                        @if !c.kind.mark().is_empty() { sup aria-hidden="true" { (c.kind.mark()) } }
                                        @if c.kind != CellKind::Working { span.visually-hidden { ", " (c.kind.label(l)) @if let Some(n) = &c.name { ": " (n) } } }
                                        @if c.today { span.visually-hidden { ", " (l.t("hari ini", "today")) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn result_panel(l: Lang, r: &CalcResult) -> Markup {
    html! {
        section.panel.result aria-labelledby="result-title" {
            h2 #result-title { (r.title) }
            dl.facts {
                dt { (if r.before { l.t("Tanggal peristiwa", "Event date") } else { l.t("Tanggal mulai (hari ke-0)", "Start date (day 0)") }) }
                dd { (r.start) }
                dt { (l.t("Aturan", "Rule")) }
                dd {
                    (r.days) " "
                    (if r.calendar_days { l.t("hari kalender", "calendar days") } else { l.t("hari kerja", "working days") }) " "
                    (if r.before { l.t("sebelum peristiwa", "before the event") } else { l.t("sesudah tanggal mulai", "after the start date") })
                }
                @if let Some(basis) = &r.legal_basis { dt { (l.t("Dasar hukum", "Legal basis")) } dd { (basis) } }
                dt { (if r.before { l.t("Paling lambat", "At the latest") } else { l.t("Jatuh tempo", "Due") }) }
                dd { strong { time datetime=(r.due_iso) { (r.due) } } }
                dt { (l.t("Status hari ini", "Status today")) }
                dd { (deadline_badge(l, r.status, &r.due)) }
                @if let Some(missed) = &r.missed { dt { (l.t("Bila terlewat", "If missed")) } dd { (missed) } }
            }
            @for w in &r.warnings { p.flash.warning { strong { (l.t("Perhatian:", "Warning:")) } " " (w) } }
            h3 { (l.t("Cara menghitung", "How it was computed")) }
            @if r.calendar_days {
                p { (l.t("Tenggat dihitung dalam hari kalender; tidak ada hari yang dilewati.", "Counted in calendar days; no day is skipped.")) }
            } @else if r.skipped.is_empty() {
                p { (l.t("Tidak ada hari libur atau akhir pekan yang dilewati.", "No holiday or weekend was skipped.")) }
            } @else {
                p { (l.t("Hari berikut bukan hari kerja sehingga tidak dihitung:", "These days are not working days and were not counted:")) }
                ul { @for (date, reason) in &r.skipped { li { (date) " — " (reason) } } }
            }
        }
    }
}

pub fn calendar_page(ctx: &PageCtx, v: &CalendarPageView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Kalender Hari Kerja", "Working-Day Calendar");
    let mut rules =
        vec![(String::new(), l.t("— jumlah hari kerja di bawah —", "— number of working days below —").to_string())];
    rules.extend(v.rules.iter().cloned());
    page(
        ctx,
        title,
        html! {
            h1 { (title) " " (v.year) }
            p.lead { (v.office_name) ". " (l.t(
                "Hari kerja adalah Senin sampai Jumat selain hari libur nasional, cuti bersama, dan penutupan kantor. Hari peristiwa adalah hari ke-0.",
                "A working day is Monday to Friday other than national holidays, collective leave and office closures. The day of the event is day 0."
            )) }
            @if let Some((tone, note)) = &v.year_note { p { (badge(*tone, note)) } }
            section.panel aria-labelledby="calc-title" {
                h2 #calc-title { (l.t("Hitung tenggat", "Compute a deadline")) }
                (error_summary(l, &v.errors))
                form.filters method="get" action="/kalender" {
                    input type="hidden" name="year" value=(v.year);
                    (text_field(&Field::new("from", l.t("Tanggal mulai atau peristiwa", "Start or event date")).kind("date").value(&v.from).required(), &v.errors))
                    (select_field("rule", l.t("Aturan tenggat", "Deadline rule"), &rules, &v.rule, &v.errors))
                    (text_field(&Field::new("working_days", l.t("atau jumlah hari kerja", "or number of working days")).kind("number").value(&v.working_days), &v.errors))
                    div.field { button type="submit" { (l.t("Hitung", "Compute")) } }
                }
            }
            @if let Some(r) = &v.result { (result_panel(l, r)) }
            nav.pager aria-label=(l.t("Tahun", "Year")) {
                a rel="prev" href={ "/kalender?year=" (v.year - 1) } { "← " (v.year - 1) }
                a rel="next" href={ "/kalender?year=" (v.year + 1) } { (v.year + 1) " →" }
            }
            (legend(l))
            div.months { @for m in &v.months { (month_table(l, m)) } }
            h2 { (l.t("Daftar hari libur", "List of non-working days")) " " (v.year) }
            (holiday_table(l, &v.holidays, None))
        },
    )
}

/// The listed days; with a CSRF token, each row gets a remove button (administrators).
fn holiday_table(l: Lang, rows: &[HolidayRow], remove_with_csrf: Option<&str>) -> Markup {
    html! {
        div.table-wrap {
            table {
                thead { tr {
                    th scope="col" { (l.t("Tanggal", "Date")) }
                    th scope="col" { (l.t("Nama", "Name")) }
                    th scope="col" { (l.t("Jenis", "Kind")) }
                    @if remove_with_csrf.is_some() { th scope="col" { span.visually-hidden { (l.t("Tindakan", "Actions")) } } }
                } }
                tbody {
                    @if rows.is_empty() { tr { td colspan="4" { (l.t("Belum ada hari libur tercatat untuk tahun ini.", "No days are listed for this year yet.")) } } }
                    @for r in rows {
                        tr {
                            td { time datetime=(r.iso) { (r.date) } }
                            td { (r.name) }
                            td { span class={ "swatch " (r.kind.class()) } aria-hidden="true" { (r.kind.mark()) } " " (r.kind.label(l)) }
                            @if let Some(token) = remove_with_csrf {
                                td {
                                    form method="post" action={ "/admin/kalender/hari/" (r.iso) "/hapus" } {
                                        (csrf_input(token))
                                        button.danger type="submit" { (l.t("Hapus", "Remove")) span.visually-hidden { " " (r.date) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct YearRowView {
    pub year: i32,
    pub confirmed: bool,
    pub source: String,
    pub days: usize,
}

#[derive(Debug, Clone, Default)]
pub struct AdminCalendarView {
    pub year: i32,
    pub years: Vec<YearRowView>,
    pub days: Vec<HolidayRow>,
    pub date: String,
    pub kind: String,
    pub name_id: String,
    pub name_en: String,
    pub import_text: String,
    pub errors: FormErrors,
}

pub fn admin_calendar_page(ctx: &PageCtx, v: &AdminCalendarView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Kelola kalender hari kerja", "Manage the working-day calendar");
    let kinds: Vec<(String, String)> = [
        ("penutupan_kantor", CellKind::Closure),
        ("libur_nasional", CellKind::Holiday),
        ("cuti_bersama", CellKind::CutiBersama),
    ]
    .iter()
    .map(|(code, kind)| (code.to_string(), kind.label(l).to_string()))
    .collect();
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { a href={ "/kalender?year=" (v.year) } { (l.t("Lihat kalender publik", "See the public calendar")) } }
            (error_summary(l, &v.errors))
            h2 { (l.t("Tahun yang dimuat", "Years loaded")) }
            div.table-wrap {
                table {
                    thead { tr {
                        th scope="col" { (l.t("Tahun", "Year")) }
                        th scope="col" { (l.t("Status", "Status")) }
                        th scope="col" { (l.t("Hari tercatat", "Listed days")) }
                        th scope="col" { (l.t("Sumber", "Source")) }
                        th scope="col" { span.visually-hidden { (l.t("Tindakan", "Actions")) } }
                    } }
                    tbody {
                        @for y in &v.years {
                            tr {
                                td { a href={ "/admin/kalender?year=" (y.year) } { (y.year) } }
                                td { @if y.confirmed { (badge(Tone::Good, l.t("final", "confirmed"))) } @else { (badge(Tone::Warn, l.t("sementara", "provisional"))) } }
                                td { (y.days) }
                                td { (y.source) }
                                td {
                                    @if !y.confirmed {
                                        form method="post" action={ "/admin/kalender/tahun/" (y.year) "/final" } {
                                            (csrf_input(&ctx.csrf_token))
                                            button.secondary type="submit" { (l.t("Tandai final", "Mark confirmed")) span.visually-hidden { " " (y.year) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section.panel.narrow {
                h2 { (l.t("Tambah hari libur atau penutupan kantor", "Add a holiday or office closure")) }
                form method="post" action="/admin/kalender/hari" novalidate {
                    (csrf_input(&ctx.csrf_token))
                    (text_field(&Field::new("date", l.t("Tanggal", "Date")).kind("date").value(&v.date).required(), &v.errors))
                    (select_field("kind", l.t("Jenis", "Kind"), &kinds, &v.kind, &v.errors))
                    (text_field(&Field::new("name_id", l.t("Nama (Bahasa Indonesia)", "Name (Indonesian)")).value(&v.name_id).required(), &v.errors))
                    (text_field(&Field::new("name_en", l.t("Nama (English)", "Name (English)")).value(&v.name_en).hint(l.t("Boleh kosong: memakai nama Indonesia.", "May be empty: the Indonesian name is used.")), &v.errors))
                    button type="submit" { (l.t("Tambah", "Add")) }
                }
            }
            h2 { (l.t("Hari tercatat", "Listed days")) " " (v.year) }
            (holiday_table(l, &v.days, Some(&ctx.csrf_token)))
            section.panel {
                h2 { (l.t("Impor daftar satu tahun", "Import a year's list")) }
                p { (l.t(
                    "Tempel isi berkas kalender (format seperti config/calendar/2026.toml), misalnya setelah SKB 3 Menteri terbit. Hari libur nasional dan cuti bersama tahun itu diganti; penutupan kantor tetap.",
                    "Paste a calendar file (the format of config/calendar/2026.toml), e.g. when the joint ministerial decree appears. The year's national holidays and collective leave are replaced; office closures stay."
                )) }
                form method="post" action="/admin/kalender/impor" novalidate {
                    (csrf_input(&ctx.csrf_token))
                    div class={ "field" @if v.errors.for_field("content").is_some() { " has-error" } } {
                        label for="f-content" { (l.t("Isi berkas kalender", "Calendar file content")) }
                        @if let Some(e) = v.errors.for_field("content") { p.field-error id="e-content" { (e) } }
                        textarea id="f-content" name="content" rows="12" aria-describedby=[v.errors.for_field("content").map(|_| "e-content")] { (v.import_text) }
                    }
                    button type="submit" { (l.t("Impor", "Import")) }
                }
            }
        },
    )
}
