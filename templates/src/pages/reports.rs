//! Leadership reports: a report is headline figures, bar charts drawn as SVG on the server
//! (each with a text alternative and its numbers in a table beside it), and tables. The same
//! tables feed the CSV and XLSX exports and the printable A4 sheet.

use chrono::NaiveDate;
use maud::{html, Markup, DOCTYPE};

use crate::components::{error_summary, pager, FormErrors};
use crate::{page, Lang, PageCtx};

/// One cell of a report table; numbers and dates stay typed for the spreadsheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A text linking to a page (the drill-down); exported as its text.
    Link(String, String),
    Int(i64),
    /// A percentage (0-100); empty when there is nothing to divide by.
    Percent(Option<f64>),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as shown and as written to CSV (Indonesian decimal comma for percentages).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Link(t, _) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Percent(p) => p.map_or(String::new(), |p| format!("{p:.2}").replace('.', ",")),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A titled table of a report.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Short name: the sheet name in XLSX and the CSV's `tabel` value.
    pub slug: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// What the figures mean (definitions), under the table.
    pub note: Option<String>,
}

/// A horizontal bar (percent) of a chart.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub percent: Option<f64>,
    /// Shown beside the bar, e.g. "412 / 1.600 (25,75%)".
    pub text: String,
}

/// A bar chart, with a target line when one applies.
#[derive(Debug, Clone)]
pub struct Chart {
    pub title: String,
    pub bars: Vec<Bar>,
    pub target: Option<(String, f64)>,
    /// The table that holds the same numbers: its slug on this page, or a link to another page.
    pub table_slug: String,
}

/// A headline figure.
#[derive(Debug, Clone)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub note: String,
}

/// The report's own form: either an as-of date or a period.
#[derive(Debug, Clone)]
pub enum ReportForm {
    AsOf { value: String },
    Period { periode: String, dari: String, sampai: String },
    Month { value: String },
}

#[derive(Debug, Clone)]
pub struct ReportView {
    pub title: String,
    pub subtitle: String,
    pub path: String,
    /// The query of this view, for the export links (without a leading `?`).
    pub query: String,
    pub form: ReportForm,
    pub errors: FormErrors,
    pub figures: Vec<Figure>,
    pub charts: Vec<Chart>,
    pub tables: Vec<Table>,
    pub notes: Vec<String>,
    /// Links to the other reports: (href, label, current).
    pub tabs: Vec<(String, String, bool)>,
    /// A paged list: (base link with its query, page, per page, total).
    pub pager: Option<(String, i64, i64, i64)>,
}

fn fmt_percent(p: f64) -> String {
    format!("{p:.2}%").replace('.', ",")
}

/// A horizontal bar chart in SVG: labels left, bars scaled 0-100%, the value as text at the end
/// of each bar, and the target as a dashed line with its label. Readable without colour.
pub fn bar_chart(l: Lang, chart: &Chart, id: &str) -> Markup {
    let row_h = 26.0;
    let label_w = 290.0;
    let bar_w = 360.0;
    let text_w = 300.0;
    let top = if chart.target.is_some() { 22.0 } else { 6.0 };
    let height = top + row_h * chart.bars.len() as f64 + 8.0;
    let width = label_w + bar_w + text_w;
    let desc = chart
        .bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.text))
        .chain(chart.target.iter().map(|(t, v)| format!("{t}: {}", fmt_percent(*v))))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        figure.chart {
            svg role="img" aria-labelledby={ (id) "-t " (id) "-d" } viewBox={ "0 0 " (width) " " (height) }
                width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" {
                title id={ (id) "-t" } { (chart.title) }
                desc id={ (id) "-d" } { (desc) }
                @for (i, b) in chart.bars.iter().enumerate() {
                    @let y = top + row_h * i as f64;
                    @let w = b.percent.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0 * bar_w;
                    text x=(label_w - 8.0) y=(y + 17.0) text-anchor="end" font-size="13" { (b.label) }
                    rect x=(label_w) y=(y + 4.0) width=(bar_w) height=(row_h - 8.0) fill="#eef1f4" stroke="#8a949e" stroke-width="0.5" {}
                    rect x=(label_w) y=(y + 4.0) width=(w) height=(row_h - 8.0) fill="#1f4e79" {}
                    text x=(label_w + bar_w + 8.0) y=(y + 17.0) font-size="13" { (b.text) }
                }
                @if let Some((label, v)) = &chart.target {
                    @let x = label_w + v.clamp(0.0, 100.0) / 100.0 * bar_w;
                    line x1=(x) x2=(x) y1="14" y2=(height - 4.0) stroke="#000" stroke-width="2" stroke-dasharray="5 3" {}
                    text x=(x) y="11" font-size="12" text-anchor="middle" { (label) " " (fmt_percent(*v)) }
                }
            }
            figcaption {
                (chart.title) ". "
                a href=(if chart.table_slug.starts_with('/') { chart.table_slug.clone() } else { format!("#{}", chart.table_slug) }) { (l.t("Angka lengkap ada di tabel.", "The numbers are in the table.")) }
            }
        }
    }
}

fn table_markup(t: &Table, caption_level_h2: bool) -> Markup {
    html! {
        section.report-table id=(t.slug) {
            @if caption_level_h2 { h2 { (t.title) } } @else { h3 { (t.title) } }
            div.table-scroll {
                table.stacked {
                    thead { tr { @for c in &t.columns { th scope="col" { (c) } } } }
                    tbody {
                        @for row in &t.rows {
                            tr {
                                @for (i, cell) in row.iter().enumerate() {
                                    @let label = t.columns.get(i).map(String::as_str).unwrap_or("");
                                    @match cell {
                                        Cell::Link(text, href) => td data-label=(label) { a href=(href) { (text) } },
                                        Cell::Int(_) | Cell::Percent(_) => td.num data-label=(label) { (display(cell)) },
                                        _ => td data-label=(label) { (cell.text()) },
                                    }
                                }
                            }
                        }
                        @if t.rows.is_empty() { tr { td colspan=(t.columns.len().max(1)) { "–" } } }
                    }
                }
            }
            @if let Some(n) = &t.note { p.hint { (n) } }
        }
    }
}

/// A cell as shown on the page: thousands separated, percentages with a sign.
fn display(cell: &Cell) -> String {
    match cell {
        Cell::Int(n) => thousands(*n),
        Cell::Percent(p) => p.map_or("–".into(), fmt_percent),
        other => other.text(),
    }
}

/// 1600 -> "1.600".
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    // The first group holds 1 to 3 digits, every later group exactly 3.
    let head = match digits.len() % 3 {
        0 => 3.min(digits.len()),
        r => r,
    };
    let mut out = digits[..head].to_string();
    for group in digits.as_bytes()[head..].chunks(3) {
        out.push('.');
        out.push_str(std::str::from_utf8(group).unwrap_or_default());
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

fn form_markup(l: Lang, v: &ReportView) -> Markup {
    html! {
        form.filters method="get" action=(v.path) {
            @match &v.form {
                ReportForm::AsOf { value } => {
                    div.field {
                        label for="per" { (l.t("Per tanggal", "As of")) }
                        input type="date" id="per" name="per" value=(value);
                    }
                }
                ReportForm::Month { value } => {
                    div.field {
                        label for="bulan" { (l.t("Bulan", "Month")) }
                        input type="month" id="bulan" name="bulan" value=(value) placeholder="2026-03";
                    }
                }
                ReportForm::Period { periode, dari, sampai } => {
                    div.field {
                        label for="periode" { (l.t("Periode", "Period")) }
                        span.hint id="periode-hint" { (l.t("Tahun (2026), bulan (2026-03) atau triwulan (2026-Q1)", "Year (2026), month (2026-03) or quarter (2026-Q1)")) }
                        input type="text" id="periode" name="periode" value=(periode) aria-describedby="periode-hint";
                    }
                    div.field {
                        label for="dari" { (l.t("atau dari tanggal", "or from")) }
                        input type="date" id="dari" name="dari" value=(dari);
                    }
                    div.field {
                        label for="sampai" { (l.t("sampai tanggal", "to")) }
                        input type="date" id="sampai" name="sampai" value=(sampai);
                    }
                }
            }
            button type="submit" { (l.t("Tampilkan", "Show")) }
        }
    }
}

pub fn report_page(ctx: &PageCtx, v: &ReportView) -> Markup {
    let l = ctx.lang;
    let q = if v.query.is_empty() { String::new() } else { format!("&{}", v.query) };
    page(
        ctx,
        &v.title,
        html! {
            @if !v.tabs.is_empty() {
                nav.tabs aria-label=(l.t("Laporan", "Reports")) {
                    ul { @for (href, label, current) in &v.tabs {
                        li { @if *current { a href=(href) aria-current="page" { (label) } } @else { a href=(href) { (label) } } }
                    } }
                }
            }
            h1 { (v.title) }
            p.lead { (v.subtitle) }
            (error_summary(l, &v.errors))
            (form_markup(l, v))
            p.actions {
                a.button.secondary href={ (v.path) "?format=xlsx" (q) } { (l.t("Unduh XLSX", "Download XLSX")) }
                a.button.secondary href={ (v.path) "?format=csv" (q) } { (l.t("Unduh CSV", "Download CSV")) }
                a.button.secondary href={ (v.path) "?format=cetak" (q) } { (l.t("Versi cetak (A4)", "Printable (A4)")) }
            }
            @if !v.figures.is_empty() {
                dl.figures {
                    @for f in &v.figures {
                        div { dt { (f.label) } dd { strong { (f.value) } @if !f.note.is_empty() { br; span.hint { (f.note) } } } }
                    }
                }
            }
            @for (i, c) in v.charts.iter().enumerate() { (bar_chart(l, c, &format!("chart{i}"))) }
            @for t in &v.tables { (table_markup(t, true)) }
            @if let Some((base, page, per_page, total)) = &v.pager { (pager(l, base, *page, *per_page, *total)) }
            @for n in &v.notes { p.hint { (n) } }
        },
    )
}

/// The report on an A4 sheet: letterhead line, title, figures and tables, no navigation.
pub fn report_print_page(lang: Lang, office_name: &str, printed_on: &str, v: &ReportView) -> Markup {
    let l = lang;
    html! {
        (DOCTYPE)
        html lang=(l.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (v.title) " · Harmoni" }
                link rel="stylesheet" href="/static/app.css";
            }
            body.printable {
                nav.no-print aria-label=(l.t("Navigasi", "Navigation")) {
                    a href={ (v.path) @if !v.query.is_empty() { "?" (v.query) } } { "← " (l.t("Kembali", "Back")) }
                    " · " (l.t("Cetak dengan Ctrl+P (A4).", "Print with Ctrl+P (A4)."))
                }
                main.sheet.report-sheet {
                    header.letterhead { p.office { (office_name) } }
                    h1 { (v.title) }
                    p { (v.subtitle) }
                    @if !v.figures.is_empty() {
                        table.figures-table { tbody { @for f in &v.figures { tr { th scope="row" { (f.label) } td { (f.value) " " span.hint { (f.note) } } } } } }
                    }
                    @for (i, c) in v.charts.iter().enumerate() { (bar_chart(l, c, &format!("p{i}"))) }
                    @for t in &v.tables { (table_markup(t, false)) }
                    @for n in &v.notes { p.hint { (n) } }
                    p.hint { (l.t("Dicetak dari Harmoni pada ", "Printed from Harmoni on ")) (printed_on) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_states_its_numbers_in_text() {
        let c = Chart {
            title: "Per kecamatan".into(),
            bars: vec![Bar { label: "Bekasi Timur".into(), percent: Some(25.0), text: "1 / 4 (25,00%)".into() }],
            target: Some(("Target".into(), 15.35)),
            table_slug: "kecamatan".into(),
        };
        let svg = bar_chart(Lang::Id, &c, "c").into_string();
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("Bekasi Timur: 1 / 4 (25,00%); Target: 15,35%"), "{svg}");
        assert_eq!(thousands(1_234_567), "1.234.567");
        assert_eq!(thousands(-600), "-600");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(123_456), "123.456");
        assert_eq!(Cell::Percent(Some(12.5)).text(), "12,50");
    }
}
