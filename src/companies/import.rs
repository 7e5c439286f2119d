//! Reading a company list (CSV or XLSX, the columns of the CSV export) into form inputs, one
//! per line, without IO; unreadable files are refused as a whole with a clear message.

use crate::companies::records::BpjsInput;
use crate::companies::rules::Regions;
use crate::companies::service::CompanyInput;
use crate::error::Problem;

/// The columns, in the order of the export and the downloadable template.
pub const COLUMNS: [&str; 24] = [
    "nama",
    "bentuk",
    "nib",
    "npwp",
    "kbli",
    "edisi_kbli",
    "alamat",
    "kecamatan",
    "kelurahan",
    "di_luar_kota",
    "wilayah_operasi",
    "skala",
    "pekerja_laki",
    "pekerja_perempuan",
    "pkwt",
    "pkwtt",
    "pekerja_total",
    "tanggal_data_pekerja",
    "wlkp",
    "tanggal_wlkp",
    "status",
    "narahubung",
    "telepon",
    "email",
];

/// One line of the file (numbered as a spreadsheet shows it: the header is line 1).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ImportRow {
    pub line: usize,
    pub input: CompanyInput,
}

fn refused(id: String, en: String) -> Problem {
    Problem { code: "unreadable_file", field: Some("berkas"), message: crate::error::Bilingual::new(id, en) }
}

fn yes(v: &str) -> bool {
    matches!(v.trim().to_lowercase().as_str(), "true" | "ya" | "yes" | "1" | "y")
}

/// Turns header + records into inputs; the kecamatan may be written by name or by code.
fn rows(header: &[String], records: Vec<Vec<String>>, regions: &Regions) -> Result<Vec<ImportRow>, Problem> {
    let index = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let required = ["nama", "nib", "kbli", "alamat", "skala", "narahubung"];
    let missing: Vec<&str> = required.iter().copied().filter(|c| index(c).is_none()).collect();
    if !missing.is_empty() {
        return Err(refused(
            format!("Kolom wajib tidak ada: {}. Unduh templat untuk melihat susunan kolom.", missing.join(", ")),
            format!("Required columns are missing: {}. Download the template to see the columns.", missing.join(", ")),
        ));
    }
    if records.len() > 20_000 {
        return Err(refused(
            "Berkas berisi lebih dari 20.000 baris; bagi menjadi beberapa berkas.".into(),
            "The file has more than 20,000 rows; split it.".into(),
        ));
    }
    let out = records
        .into_iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, r)| {
            let get = |name: &str| index(name).and_then(|j| r.get(j)).map(|v| v.trim().to_string()).unwrap_or_default();
            let kecamatan = get("kecamatan");
            let kecamatan_code = regions
                .kecamatan
                .iter()
                .find(|k| k.code == kecamatan || k.name.eq_ignore_ascii_case(&kecamatan))
                .map(|k| k.code.clone())
                .unwrap_or(kecamatan);
            ImportRow {
                line: i + 2,
                input: CompanyInput {
                    name: get("nama"),
                    legal_form: match get("bentuk") {
                        b if b.is_empty() => "pt".into(),
                        b => b.to_lowercase(),
                    },
                    nib: get("nib"),
                    npwp: get("npwp"),
                    kbli_code: get("kbli"),
                    kbli_edition: get("edisi_kbli"),
                    address: get("alamat"),
                    outside_city: yes(&get("di_luar_kota")),
                    kecamatan_code,
                    kelurahan: get("kelurahan"),
                    footprint: match get("wilayah_operasi") {
                        f if f.is_empty() => "kota".into(),
                        f => f,
                    },
                    size_class: get("skala").to_lowercase(),
                    workers_male: get("pekerja_laki"),
                    workers_female: get("pekerja_perempuan"),
                    workers_pkwt: get("pkwt"),
                    workers_pkwtt: get("pkwtt"),
                    workforce_reported_on: get("tanggal_data_pekerja"),
                    wlkp_registered: yes(&get("wlkp")),
                    wlkp_registered_on: get("tanggal_wlkp"),
                    contact_name: get("narahubung"),
                    contact_phone: get("telepon"),
                    contact_email: get("email"),
                    status: get("status"),
                },
            }
        })
        .collect();
    Ok(out)
}

/// Reads a CSV file (UTF-8, comma or semicolon separated, with the header row).
/// The header and records of a CSV file (UTF-8, comma or semicolon separated).
fn read_csv(bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>), Problem> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| refused("Berkas CSV harus berkode UTF-8.".into(), "The CSV file must be UTF-8.".into()))?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| refused(format!("Baris judul tidak terbaca: {e}"), format!("The header row cannot be read: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut records = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            refused(format!("Baris {} tidak terbaca: {e}", i + 2), format!("Line {} cannot be read: {e}", i + 2))
        })?;
        records.push(record.iter().map(str::to_string).collect());
    }
    Ok((header, records))
}

/// Reads the first sheet of an XLSX workbook with the header in its first row.
/// The header and records of the first sheet of a workbook; dates become YYYY-MM-DD.
fn read_xlsx(bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>), Problem> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).map_err(|e| {
        refused(format!("Berkas XLSX tidak terbaca: {e}"), format!("The XLSX file cannot be read: {e}"))
    })?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| refused("Buku kerja tidak berisi lembar kerja.".into(), "The workbook has no sheet.".into()))?
        .map_err(|e| refused(format!("Lembar kerja tidak terbaca: {e}"), format!("The sheet cannot be read: {e}")))?;
    let cell = |c: &Data| match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // Excel counts days from 30 December 1899 (the 1900 system the register's files use).
        Data::DateTime(d) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|epoch| epoch.checked_add_signed(chrono::Duration::days(d.as_f64().floor() as i64)))
            .map(|date| date.to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(_) => String::new(),
    };
    let mut all = range.rows().map(|r| r.iter().map(cell).collect::<Vec<String>>());
    let header = all.next().ok_or_else(|| refused("Lembar kerja kosong.".into(), "The sheet is empty.".into()))?;
    Ok((header, all.collect()))
}

/// The header and records of a CSV or XLSX file, told apart by content (an XLSX file is a
/// ZIP archive).
fn read_table(bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>), Problem> {
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

/// Reads a company list in either format.
pub fn parse(bytes: &[u8], regions: &Regions) -> Result<Vec<ImportRow>, Problem> {
    let (header, records) = read_table(bytes)?;
    rows(&header, records, regions)
}

pub fn template_csv() -> String {
    format!(
        "{}\r\nPT Contoh Sejahtera,pt,9120001234567,01.234.567.8-901.000,10792,2020,Jl. Industri No. 1,Jatiasih,Jatiasih,tidak,kota,menengah,60,40,30,70,100,2026-01-31,ya,2025-05-10,active,Bu Ani (HRD),0812-3456-7890,hrd@contoh.co.id\r\n",
        COLUMNS.join(",")
    )
}

/// The columns of a BPJS Ketenagakerjaan enrolment file, one figure per line.
pub const BPJS_COLUMNS: [&str; 6] = ["nib", "npp", "tanggal_terdaftar", "program", "jumlah_peserta", "tanggal_data"];

/// One line of a BPJS file: the company by NIB and the figure as typed.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BpjsImportRow {
    pub line: usize,
    pub nib: String,
    pub input: BpjsInput,
}

/// Reads a BPJS enrolment file; programmes are listed in one cell, separated by spaces,
/// commas or semicolons ("JKK JKM JHT").
pub fn parse_bpjs(bytes: &[u8]) -> Result<Vec<BpjsImportRow>, Problem> {
    let (header, records) = read_table(bytes)?;
    let index = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let missing: Vec<&str> = BPJS_COLUMNS.iter().copied().filter(|c| index(c).is_none()).collect();
    if !missing.is_empty() {
        return Err(refused(
            format!("Kolom wajib tidak ada: {}. Unduh templat untuk melihat susunan kolom.", missing.join(", ")),
            format!("Required columns are missing: {}. Download the template to see the columns.", missing.join(", ")),
        ));
    }
    if records.len() > 20_000 {
        return Err(refused(
            "Berkas berisi lebih dari 20.000 baris; bagi menjadi beberapa berkas.".into(),
            "The file has more than 20,000 rows; split it.".into(),
        ));
    }
    Ok(records
        .into_iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, r)| {
            let get = |name: &str| index(name).and_then(|j| r.get(j)).map(|v| v.trim().to_string()).unwrap_or_default();
            BpjsImportRow {
                line: i + 2,
                nib: get("nib").chars().filter(|c| !c.is_whitespace() && *c != '.' && *c != '-').collect(),
                input: BpjsInput {
                    npp: get("npp"),
                    registered_on: get("tanggal_terdaftar"),
                    programmes: get("program")
                        .split([' ', ',', ';', '/'])
                        .filter(|p| !p.trim().is_empty())
                        .map(|p| p.trim().to_string())
                        .collect(),
                    workers_enrolled: get("jumlah_peserta").replace('.', ""),
                    as_of: get("tanggal_data"),
                },
            }
        })
        .collect())
}

pub fn bpjs_template_csv() -> String {
    format!("{}\r\n9120001234567,12345678,2020-03-01,JKK JKM JHT JP JKP,95,2026-01-31\r\n", BPJS_COLUMNS.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions() -> Regions {
        toml::from_str(include_str!("../../config/regions.toml")).expect("regions")
    }

    #[test]
    fn the_template_reads_back_as_one_company() {
        let rows = parse(template_csv().as_bytes(), &regions()).expect("readable");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].input.kecamatan_code, "32.75.09", "kecamatan by name becomes its code");
        assert!(rows[0].input.wlkp_registered);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        crate::companies::service::validate(&rows[0].input, &regions(), today)
            .expect("the template's example is valid");
    }

    #[test]
    fn semicolons_and_missing_columns() {
        let text = "nama;nib;kbli;alamat;skala;narahubung\nPT A;9120001234567;10792;Jl. A No. 1;kecil;Ani\n";
        assert_eq!(parse(text.as_bytes(), &regions()).expect("readable").len(), 1);
        let err = parse(b"nama,nib\nPT A,1\n", &regions()).expect_err("columns missing");
        assert!(err.message.id.contains("kbli"), "{:?}", err.message);
    }

    #[test]
    fn bpjs_files_list_programmes_in_one_cell() {
        let rows = parse_bpjs(bpjs_template_csv().as_bytes()).expect("readable");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].nib, "9120001234567");
        assert_eq!(rows[0].input.programmes, ["JKK", "JKM", "JHT", "JP", "JKP"]);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        crate::companies::records::check_bpjs(&rows[0].input, today).expect("the template's example is valid");
        let err = parse_bpjs(b"nib,npp\n9120001234567,1\n").expect_err("columns missing");
        assert!(err.message.id.contains("tanggal_terdaftar"), "{:?}", err.message);
    }

    #[test]
    fn xlsx_workbooks_are_read_like_csv() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, name) in
            ["nama", "nib", "kbli", "alamat", "kecamatan", "kelurahan", "skala", "narahubung", "pekerja_laki"]
                .iter()
                .enumerate()
        {
            sheet.write_string(0, c as u16, *name).expect("write");
        }
        sheet.write_string(1, 0, "PT Excel").expect("write");
        sheet.write_number(1, 1, 9_120_001_234_567.0).expect("write");
        sheet.write_number(1, 2, 10792.0).expect("write");
        sheet.write_string(1, 3, "Jl. Excel No. 2").expect("write");
        sheet.write_string(1, 4, "Rawalumbu").expect("write");
        sheet.write_string(1, 5, "Pengasinan").expect("write");
        sheet.write_string(1, 6, "Kecil").expect("write");
        sheet.write_string(1, 7, "Pak Excel").expect("write");
        sheet.write_number(1, 8, 12.0).expect("write");
        let bytes = book.save_to_buffer().expect("xlsx");
        let rows = parse(&bytes, &regions()).expect("readable");
        assert_eq!(rows.len(), 1);
        let input = &rows[0].input;
        assert_eq!(
            (input.nib.as_str(), input.kbli_code.as_str(), input.kecamatan_code.as_str(), input.size_class.as_str()),
            ("9120001234567", "10792", "32.75.05", "kecil")
        );
        assert_eq!(input.workers_male, "12");
    }
}
