//! Company rules without IO: identifiers (NIB, NPWP, KBLI), phone numbers, places in Kota
//! Bekasi, workforce figures, and the whole company record's validation.

use chrono::NaiveDate;

use crate::error::Problem;

fn digits_only(raw: &str) -> Option<String> {
    let cleaned: String = raw.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
    cleaned.chars().all(|c| c.is_ascii_digit()).then_some(cleaned)
}

/// NIB, the business number from OSS: exactly 13 digits.
pub fn parse_nib(raw: &str) -> Result<String, Problem> {
    match digits_only(raw) {
        Some(d) if d.len() == 13 => Ok(d),
        _ => Err(Problem::at(
            "invalid_nib",
            "nib",
            "NIB harus 13 angka (Nomor Induk Berusaha dari OSS).",
            "The NIB must be 13 digits (the OSS business number).",
        )),
    }
}

/// NPWP: 16 digits, or the old 15-digit form which becomes 16 with a leading zero.
pub fn parse_npwp(raw: &str) -> Result<String, Problem> {
    match digits_only(raw) {
        Some(d) if d.len() == 16 => Ok(d),
        Some(d) if d.len() == 15 => Ok(format!("0{d}")),
        _ => Err(Problem::at(
            "invalid_npwp",
            "npwp",
            "NPWP harus 15 atau 16 angka.",
            "The NPWP must have 15 or 16 digits.",
        )),
    }
}

/// KBLI editions Harmoni accepts.
pub const KBLI_EDITIONS: [i32; 4] = [2015, 2017, 2020, 2025];

/// KBLI sector code: 5 digits, with its edition.
pub fn parse_kbli(code: &str, edition: i32) -> Result<(String, i32), Problem> {
    let code = code.trim();
    if code.len() != 5 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::at(
            "invalid_kbli",
            "kbli_code",
            "Kode KBLI harus 5 angka, misalnya 10792.",
            "The KBLI code must be 5 digits, e.g. 10792.",
        ));
    }
    if !KBLI_EDITIONS.contains(&edition) {
        return Err(Problem::at(
            "invalid_kbli_edition",
            "kbli_edition",
            "Edisi KBLI harus 2015, 2017, 2020 atau 2025.",
            "The KBLI edition must be 2015, 2017, 2020 or 2025.",
        ));
    }
    Ok((code.to_string(), edition))
}

/// A phone number in E.164 (+62...): accepts 08..., 628... and +628... as typed in Indonesia.
pub fn parse_phone(raw: &str, field: &'static str) -> Result<String, Problem> {
    let trimmed = raw.trim();
    let plus = trimmed.starts_with('+');
    let digits: String = trimmed.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '+')).collect();
    let bad = || {
        Problem::at(
            "invalid_phone",
            field,
            "Nomor telepon tidak valid. Contoh: 0812 3456 7890 atau +62 21 8841 174.",
            "The phone number is not valid. Example: 0812 3456 7890 or +62 21 8841 174.",
        )
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        if plus {
            return Err(bad());
        }
        rest.to_string()
    } else {
        return Err(bad());
    };
    if !(7..=13).contains(&national.len()) || national.starts_with('0') {
        return Err(bad());
    }
    Ok(format!("+62{national}"))
}

/// A kecamatan of the city with its kelurahan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kecamatan {
    pub code: String,
    pub name: String,
    pub kelurahan: Vec<String>,
}

/// The city's places, from `config/regions.toml`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Regions {
    pub region_code: String,
    pub region_name: String,
    pub kecamatan: Vec<Kecamatan>,
}

impl Regions {
    pub fn find(&self, code: &str) -> Option<&Kecamatan> {
        self.kecamatan.iter().find(|k| k.code == code)
    }
}

/// Where a company is: a kelurahan of the city, or outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    InCity { kecamatan_code: String, kelurahan: String },
    OutsideCity,
}

pub fn parse_place(regions: &Regions, outside_city: bool, kecamatan: &str, kelurahan: &str) -> Result<Place, Problem> {
    if outside_city {
        return Ok(Place::OutsideCity);
    }
    let Some(k) = regions.find(kecamatan.trim()) else {
        return Err(Problem::at(
            "invalid_kecamatan",
            "kecamatan_code",
            format!("Pilih kecamatan di {}, atau tandai di luar kota.", regions.region_name),
            format!("Choose a kecamatan of {}, or mark the company as outside the city.", regions.region_name),
        ));
    };
    let wanted = kelurahan.trim();
    match k.kelurahan.iter().find(|name| name.eq_ignore_ascii_case(wanted)) {
        Some(name) => Ok(Place::InCity { kecamatan_code: k.code.clone(), kelurahan: name.clone() }),
        None => Err(Problem::at(
            "kelurahan_not_in_kecamatan",
            "kelurahan",
            format!("Kelurahan \"{wanted}\" tidak ada di Kecamatan {}. Pilihan: {}.", k.name, k.kelurahan.join(", ")),
            format!("There is no kelurahan \"{wanted}\" in Kecamatan {}. Choices: {}.", k.name, k.kelurahan.join(", ")),
        )),
    }
}

/// Legal forms of a business.
pub const LEGAL_FORMS: [(&str, &str); 9] = [
    ("pt", "Perseroan Terbatas (PT)"),
    ("cv", "Persekutuan Komanditer (CV)"),
    ("firma", "Firma"),
    ("koperasi", "Koperasi"),
    ("yayasan", "Yayasan"),
    ("perorangan", "Usaha perorangan"),
    ("bumn", "BUMN"),
    ("bumd", "BUMD"),
    ("lainnya", "Lainnya"),
];

/// Business scale as registered in OSS (it decides, among others, the BPJS programmes).
pub const SIZE_CLASSES: [(&str, &str, &str); 4] = [
    ("mikro", "Mikro", "Micro"),
    ("kecil", "Kecil", "Small"),
    ("menengah", "Menengah", "Medium"),
    ("besar", "Besar", "Large"),
];

/// Where the company operates: it decides who ratifies its company regulation.
pub const FOOTPRINTS: [(&str, &str, &str); 3] = [
    ("kota", "Hanya di Kota Bekasi", "Only in Kota Bekasi"),
    ("multi_kabkota", "Lebih dari satu kabupaten/kota dalam satu provinsi", "Several kab/kota of one province"),
    ("multi_provinsi", "Lebih dari satu provinsi", "Several provinces"),
];

/// Workforce figures as reported on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Workforce {
    pub male: i32,
    pub female: i32,
    pub pkwt: i32,
    pub pkwtt: i32,
}

impl Workforce {
    pub fn total(&self) -> i32 {
        self.male + self.female
    }
}

/// Each count is 0..=1,000,000; men + women and PKWT + PKWTT both make the total.
pub fn check_workforce(w: &Workforce, reported_on: Option<NaiveDate>, today: NaiveDate) -> Result<(), Problem> {
    for (value, field) in
        [(w.male, "workers_male"), (w.female, "workers_female"), (w.pkwt, "workers_pkwt"), (w.pkwtt, "workers_pkwtt")]
    {
        if !(0..=1_000_000).contains(&value) {
            return Err(Problem::at(
                "invalid_workforce",
                field,
                "Jumlah pekerja harus 0 sampai 1.000.000.",
                "Worker counts must be 0 to 1,000,000.",
            ));
        }
    }
    if w.pkwt + w.pkwtt != w.total() {
        return Err(Problem::at(
            "workforce_mismatch",
            "workers_pkwtt",
            format!(
                "Jumlah PKWT + PKWTT ({}) harus sama dengan jumlah laki-laki + perempuan ({}).",
                w.pkwt + w.pkwtt,
                w.total()
            ),
            format!("PKWT + PKWTT ({}) must equal men + women ({}).", w.pkwt + w.pkwtt, w.total()),
        ));
    }
    match reported_on {
        None if w.total() > 0 => Err(Problem::at(
            "workforce_date_required",
            "workforce_reported_on",
            "Isi tanggal data jumlah pekerja.",
            "Give the date of the workforce figures.",
        )),
        Some(d) if d > today => Err(Problem::at(
            "date_in_future",
            "workforce_reported_on",
            "Tanggal data pekerja tidak boleh di masa depan.",
            "The workforce date cannot be in the future.",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions() -> Regions {
        toml::from_str(include_str!("../../config/regions.toml")).expect("shipped regions")
    }

    #[test]
    fn identifiers_are_checked_and_normalised() {
        assert_eq!(parse_nib("9120 0012 3456 7").expect("valid"), "9120001234567");
        assert_eq!(parse_nib("912000123456").expect_err("12 digits").code, "invalid_nib");
        assert_eq!(parse_nib("91200012345AB").expect_err("letters").code, "invalid_nib");
        assert_eq!(parse_npwp("01.234.567.8-901.000").expect("old 15-digit form"), "0012345678901000");
        assert_eq!(parse_npwp("0012345678901000").expect("16 digits"), "0012345678901000");
        assert_eq!(parse_npwp("1234").expect_err("short").code, "invalid_npwp");
        assert_eq!(parse_kbli("10792", 2020).expect("valid"), ("10792".to_string(), 2020));
        assert_eq!(parse_kbli("1079", 2020).expect_err("4 digits").code, "invalid_kbli");
        assert_eq!(parse_kbli("10792", 2009).expect_err("old edition").code, "invalid_kbli_edition");
    }

    #[test]
    fn phone_numbers_become_e164() {
        assert_eq!(parse_phone("0812-3456-7890", "p").expect("mobile"), "+6281234567890");
        assert_eq!(parse_phone("+62 21 8841174", "p").expect("landline"), "+62218841174");
        assert_eq!(parse_phone("6281234567890", "p").expect("without plus"), "+6281234567890");
        for bad in ["12345", "+0812345678", "0812abc", "", "08"] {
            assert!(parse_phone(bad, "p").is_err(), "{bad}");
        }
    }

    #[test]
    fn the_kelurahan_must_belong_to_the_kecamatan() {
        let r = regions();
        assert_eq!(r.kecamatan.len(), 12);
        assert_eq!(r.kecamatan.iter().map(|k| k.kelurahan.len()).sum::<usize>(), 56);
        assert_eq!(
            parse_place(&r, false, "32.75.09", "jatiasih").expect("valid"),
            Place::InCity { kecamatan_code: "32.75.09".into(), kelurahan: "Jatiasih".into() }
        );
        let err = parse_place(&r, false, "32.75.01", "Jatiasih").expect_err("Jatiasih is not in Bekasi Timur");
        assert_eq!(err.code, "kelurahan_not_in_kecamatan");
        assert!(err.message.id.contains("Bekasi Jaya"), "lists the choices");
        assert_eq!(parse_place(&r, false, "32.75.99", "x").expect_err("unknown").code, "invalid_kecamatan");
        assert_eq!(parse_place(&r, true, "", "").expect("outside"), Place::OutsideCity);
    }

    #[test]
    fn workforce_figures_add_up() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let w = Workforce { male: 60, female: 40, pkwt: 30, pkwtt: 70 };
        assert!(check_workforce(&w, Some(today), today).is_ok());
        let bad = Workforce { pkwtt: 60, ..w };
        assert_eq!(check_workforce(&bad, Some(today), today).expect_err("mismatch").code, "workforce_mismatch");
        assert_eq!(check_workforce(&w, None, today).expect_err("no date").code, "workforce_date_required");
        assert!(check_workforce(&Workforce::default(), None, today).is_ok());
    }
}
