//! A report view written as CSV (every table one after the other, a title line before each)
//! and as XLSX (a summary sheet, then one sheet per table, with real numbers, percentages and
//! dates, not text).

use harmoni_templates::pages::reports::{Cell, ReportView};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::error::Error;
use crate::exports::csv_cell;

/// The report as CSV: the title, the headline figures, then each table under its title.
pub fn csv(v: &ReportView) -> String {
    let line = |cells: Vec<String>| cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",") + "\r\n";
    let mut out = line(vec![v.title.clone(), v.subtitle.clone()]);
    for f in &v.figures {
        out.push_str(&line(vec![f.label.clone(), f.value.clone(), f.note.clone()]));
    }
    for t in &v.tables {
        out.push_str("\r\n");
        out.push_str(&line(vec![t.title.clone()]));
        out.push_str(&line(t.columns.clone()));
        for row in &t.rows {
            out.push_str(&line(row.iter().map(Cell::text).collect()));
        }
    }
    out
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(s: &str) -> String {
    s.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

fn xlsx_err(e: XlsxError) -> Error {
    Error::internal(format!("xlsx: {e}"))
}

/// The report as an XLSX workbook.
pub fn xlsx(v: &ReportView) -> Result<Vec<u8>, Error> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.00%");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let int = Format::new().set_num_format("#,##0");
    {
        let sheet = book.add_worksheet();
        sheet.set_name("Ringkasan").map_err(xlsx_err)?;
        sheet.write_string_with_format(0, 0, &v.title, &bold).map_err(xlsx_err)?;
        sheet.write_string(1, 0, &v.subtitle).map_err(xlsx_err)?;
        for (i, f) in v.figures.iter().enumerate() {
            let r = 3 + i as u32;
            sheet.write_string(r, 0, &f.label).map_err(xlsx_err)?;
            sheet.write_string(r, 1, &f.value).map_err(xlsx_err)?;
            sheet.write_string(r, 2, &f.note).map_err(xlsx_err)?;
        }
        for (r, n) in (4 + v.figures.len() as u32..).zip(&v.notes) {
            sheet.write_string(r, 0, n).map_err(xlsx_err)?;
        }
        sheet.set_column_width(0, 60).map_err(xlsx_err)?;
    }
    for t in &v.tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&t.slug)).map_err(xlsx_err)?;
        sheet.write_string_with_format(0, 0, &t.title, &bold).map_err(xlsx_err)?;
        for (c, h) in t.columns.iter().enumerate() {
            sheet.write_string_with_format(1, c as u16, h, &bold).map_err(xlsx_err)?;
        }
        for (i, row) in t.rows.iter().enumerate() {
            let r = 2 + i as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) | Cell::Link(s, _) => sheet.write_string(r, c, s).map(|_| ()),
                    Cell::Int(n) => sheet.write_number_with_format(r, c, *n as f64, &int).map(|_| ()),
                    Cell::Percent(Some(p)) => sheet.write_number_with_format(r, c, p / 100.0, &pct).map(|_| ()),
                    Cell::Percent(None) => Ok(()),
                    Cell::Date(d) => {
                        let when =
                            ExcelDateTime::parse_from_str(&d.format("%Y-%m-%d").to_string()).map_err(xlsx_err)?;
                        sheet.write_datetime_with_format(r, c, &when, &date).map(|_| ())
                    }
                }
                .map_err(xlsx_err)?;
            }
        }
        if let Some(n) = &t.note {
            sheet.write_string(t.rows.len() as u32 + 3, 0, n).map_err(xlsx_err)?;
        }
        sheet.set_column_width(0, 40).map_err(xlsx_err)?;
    }
    book.save_to_buffer().map_err(xlsx_err)
}
