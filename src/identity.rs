//! Personal identifiers shared by every area: the NIK (Nomor Induk Kependudukan) as a parsed type.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::error::{Bilingual, Problem};

/// A structurally valid NIK: 16 digits = province (2) + kab/kota (2) + kecamatan (2) + birth
/// date DDMMYY (DD + 40 for women) + serial (4, not 0000). Only the structure is checked:
/// workers in Bekasi come from every province, so no prefix is required (DOMAIN.md §11).
///
/// A NIK is personal data: show it whole only to those allowed to see the record, and
/// `masked` everywhere else.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Nik(String);

impl std::fmt::Debug for Nik {
    // Logs and panics show the masked form, so a NIK never lands in a log by accident.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

fn problem(id: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Problem {
    Problem { code: "invalid_nik", field: Some("nik"), message: Bilingual::new(id, en) }
}

impl Nik {
    /// Reads a NIK as typed; spaces, dots and dashes between the digits are ignored.
    pub fn parse(raw: &str) -> Result<Nik, Problem> {
        let cleaned: String = raw.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
        if cleaned.is_empty() {
            return Err(problem("NIK wajib diisi (16 angka).", "The NIK is required (16 digits)."));
        }
        if !cleaned.chars().all(|c| c.is_ascii_digit()) {
            return Err(problem("NIK hanya berisi angka.", "A NIK holds digits only."));
        }
        let n = cleaned.len();
        if n != 16 {
            return Err(problem(
                format!("NIK harus 16 angka; yang tertulis {n} angka."),
                format!("A NIK has 16 digits; {n} were given."),
            ));
        }
        let num = |from: usize| -> u32 { cleaned[from..from + 2].parse().unwrap_or(0) };
        let province = num(0);
        if !(11..=99).contains(&province) {
            return Err(problem(
                format!("Kode provinsi pada NIK ({:02}) tidak sah; dua angka pertama adalah kode provinsi, misalnya 32 untuk Jawa Barat.", province),
                format!("The province code of the NIK ({:02}) is not valid; the first two digits are the province, e.g. 32 for West Java.", province),
            ));
        }
        if num(2) == 0 {
            return Err(problem(
                "Kode kabupaten/kota pada NIK (angka ke-3 dan ke-4) tidak boleh 00.",
                "The kab/kota code of the NIK (digits 3 and 4) cannot be 00.",
            ));
        }
        if num(4) == 0 {
            return Err(problem(
                "Kode kecamatan pada NIK (angka ke-5 dan ke-6) tidak boleh 00.",
                "The kecamatan code of the NIK (digits 5 and 6) cannot be 00.",
            ));
        }
        let (day, month, year) = (num(6), num(8), num(10) as i32);
        let day = if day > 40 { day - 40 } else { day };
        // The century is not in the NIK: the date must exist in one of the two candidates
        // (29 February needs a leap year in 19YY or 20YY).
        let exists = [1900 + year, 2000 + year].iter().any(|y| NaiveDate::from_ymd_opt(*y, month, day).is_some());
        if !exists {
            return Err(problem(
                "Tanggal lahir pada NIK (angka ke-7 sampai ke-12, DDMMYY; tanggal ditambah 40 untuk perempuan) tidak sah.",
                "The birth date in the NIK (digits 7 to 12, DDMMYY; the day plus 40 for women) is not valid.",
            ));
        }
        if &cleaned[12..] == "0000" {
            return Err(problem(
                "Nomor urut pada NIK (empat angka terakhir) tidak boleh 0000.",
                "The serial number of the NIK (the last four digits) cannot be 0000.",
            ));
        }
        Ok(Nik(cleaned))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form shown in lists: the region (4 digits) and the serial (4 digits), the birth
    /// date and kecamatan hidden: `3275********0001`.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }

    /// Whether the NIK was issued to a woman (birth day written plus 40).
    pub fn is_female(&self) -> bool {
        self.0[6..8].parse::<u32>().unwrap_or(0) > 40
    }
}

/// Masks a stored NIK for lists; anything not 16 characters long is hidden completely.
pub fn mask(nik: &str) -> String {
    if nik.len() == 16 && nik.is_ascii() {
        format!("{}********{}", &nik[..4], &nik[12..])
    } else {
        "****************".into()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_valid_nik_is_read_and_masked() {
        let nik = Nik::parse("3275 0112 0590 0001").expect("valid man's NIK");
        assert_eq!(nik.as_str(), "3275011205900001");
        assert_eq!(nik.masked(), "3275********0001");
        assert!(!nik.is_female());
        let woman = Nik::parse("3216-05-520588-0042").expect("valid woman's NIK (12 + 40)");
        assert!(woman.is_female());
        assert!(!format!("{woman:?}").contains("520588"), "Debug never shows the whole NIK");
        Nik::parse("3275012902000003").expect("29 February 2000 existed");
    }

    #[test]
    fn each_broken_part_is_named() {
        let msg = |raw: &str| Nik::parse(raw).expect_err(raw).message.id.to_string();
        assert!(msg("").contains("wajib diisi"));
        assert!(msg("32750112059A0001").contains("hanya berisi angka"));
        assert!(msg("327501120590001").contains("16 angka; yang tertulis 15 angka"));
        assert!(msg("0975011205900001").contains("Kode provinsi"));
        assert!(msg("3200011205900001").contains("kabupaten/kota"));
        assert!(msg("3275001205900001").contains("kecamatan"));
        assert!(msg("3275013213900001").contains("Tanggal lahir"), "day 32");
        assert!(msg("3275011213900001").contains("Tanggal lahir"), "month 13");
        assert!(msg("3275017212900001").contains("Tanggal lahir"), "woman's day 32 (72)");
        assert!(msg("3275013102900001").contains("Tanggal lahir"), "31 February");
        assert!(msg("3275012902010001").contains("Tanggal lahir"), "29 February 1901/2001");
        assert!(msg("3275011205900000").contains("0000"));
        assert_eq!(Nik::parse("x").expect_err("x").code, "invalid_nik");
        assert_eq!(Nik::parse("x").expect_err("x").field, Some("nik"));
    }

    #[test]
    fn odd_stored_values_are_hidden_completely() {
        assert_eq!(mask("123"), "****************");
        assert_eq!(mask("3275011205900001"), "3275********0001");
    }

    fn valid_nik() -> impl Strategy<Value = String> {
        (11u32..=99, 1u32..=99, 1u32..=99, 1u32..=28, any::<bool>(), 1u32..=12, 0u32..=99, 1u32..=9999).prop_map(
            |(p, k, c, d, woman, m, y, s)| {
                format!("{p:02}{k:02}{c:02}{:02}{m:02}{y:02}{s:04}", if woman { d + 40 } else { d })
            },
        )
    }

    proptest! {
        #[test]
        fn every_well_formed_nik_is_accepted_and_masked_to_its_ends(raw in valid_nik()) {
            let nik = Nik::parse(&raw).expect("well-formed");
            prop_assert_eq!(nik.as_str(), raw.as_str());
            let masked = nik.masked();
            prop_assert_eq!(masked.len(), 16);
            prop_assert_eq!(&masked[..4], &raw[..4]);
            prop_assert_eq!(&masked[12..], &raw[12..]);
            prop_assert_eq!(&masked[4..12], "********");
        }

        #[test]
        fn any_other_length_is_refused(raw in "[0-9]{0,15}|[0-9]{17,20}") {
            prop_assert!(Nik::parse(&raw).is_err());
        }

        #[test]
        fn parsing_never_panics(raw in "\\PC{0,24}") {
            let _ = Nik::parse(&raw);
        }
    }
}
