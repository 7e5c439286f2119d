//! Letter types, what each belongs to and how it is numbered, the place-and-date line, and
//! the verification codes: pure rules, no storage.

use chrono::{Datelike, NaiveDate};
use harmoni_templates::Lang;
use rand_core::{OsRng, RngCore};

/// The letters the office issues (DOMAIN.md section 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Tanda terima of a complaint.
    TandaTerimaPengaduan,
    /// Tanda terima of a strike or lock-out notice.
    TandaTerimaPemberitahuan,
    /// Return of an incomplete file (UU 2/2004 Ps 4(2)).
    PengembalianBerkas,
    /// Offer of conciliation or arbitration (Ps 4(3)).
    PenawaranForum,
    SuratPanggilan,
    RisalahKlarifikasi,
    RisalahSidang,
    Anjuran,
    PerjanjianBersama,
    RisalahPenyelesaian,
    Perbaikan,
    SkPengesahanPp,
    PendaftaranPkb,
    BuktiPencatatanLks,
}

/// What a letter is kept with; its page lists the letter, and whoever may see it may
/// download the letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerKind {
    Case,
    Notice,
    Summons,
    Session,
    Submission,
    Lks,
}

impl OwnerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::Case => "case",
            OwnerKind::Notice => "notice",
            OwnerKind::Summons => "summons",
            OwnerKind::Session => "session",
            OwnerKind::Submission => "submission",
            OwnerKind::Lks => "lks",
        }
    }

    pub fn parse(s: &str) -> Option<OwnerKind> {
        [
            OwnerKind::Case,
            OwnerKind::Notice,
            OwnerKind::Summons,
            OwnerKind::Session,
            OwnerKind::Submission,
            OwnerKind::Lks,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

/// Where a letter's number comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// The record already carries a number given when it was made (a summons, a receipt, a
    /// decree): the letter prints that one, so the paper and the record agree.
    FromRecord,
    /// A number taken for the letter from the letters' sequence of its classification and unit.
    Own,
}

pub const ALL: [Kind; 14] = [
    Kind::TandaTerimaPengaduan,
    Kind::TandaTerimaPemberitahuan,
    Kind::PengembalianBerkas,
    Kind::PenawaranForum,
    Kind::SuratPanggilan,
    Kind::RisalahKlarifikasi,
    Kind::RisalahSidang,
    Kind::Anjuran,
    Kind::PerjanjianBersama,
    Kind::RisalahPenyelesaian,
    Kind::Perbaikan,
    Kind::SkPengesahanPp,
    Kind::PendaftaranPkb,
    Kind::BuktiPencatatanLks,
];

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::TandaTerimaPengaduan => "tanda_terima_pengaduan",
            Kind::TandaTerimaPemberitahuan => "tanda_terima_pemberitahuan",
            Kind::PengembalianBerkas => "pengembalian_berkas",
            Kind::PenawaranForum => "penawaran_forum",
            Kind::SuratPanggilan => "surat_panggilan",
            Kind::RisalahKlarifikasi => "risalah_klarifikasi",
            Kind::RisalahSidang => "risalah_sidang",
            Kind::Anjuran => "anjuran",
            Kind::PerjanjianBersama => "perjanjian_bersama",
            Kind::RisalahPenyelesaian => "risalah_penyelesaian",
            Kind::Perbaikan => "pemberitahuan_perbaikan",
            Kind::SkPengesahanPp => "sk_pengesahan_pp",
            Kind::PendaftaranPkb => "pendaftaran_pkb",
            Kind::BuktiPencatatanLks => "bukti_pencatatan_lks",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        ALL.into_iter().find(|k| k.code() == code)
    }

    /// The name of the letter type as the verification page and the lists show it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::TandaTerimaPengaduan => "Tanda terima pengaduan",
            Kind::TandaTerimaPemberitahuan => "Tanda terima pemberitahuan mogok kerja/penutupan perusahaan",
            Kind::PengembalianBerkas => "Surat pengembalian berkas",
            Kind::PenawaranForum => "Surat penawaran konsiliasi/arbitrase",
            Kind::SuratPanggilan => "Surat panggilan",
            Kind::RisalahKlarifikasi => "Risalah klarifikasi",
            Kind::RisalahSidang => "Risalah sidang mediasi",
            Kind::Anjuran => "Anjuran",
            Kind::PerjanjianBersama => "Perjanjian Bersama",
            Kind::RisalahPenyelesaian => "Risalah penyelesaian melalui mediasi",
            Kind::Perbaikan => "Pemberitahuan perbaikan PP/PKB",
            Kind::SkPengesahanPp => "SK Pengesahan Peraturan Perusahaan",
            Kind::PendaftaranPkb => "Surat pendaftaran PKB",
            Kind::BuktiPencatatanLks => "Bukti pencatatan LKS Bipartit",
        }
    }

    pub fn owner(self) -> OwnerKind {
        match self {
            Kind::TandaTerimaPemberitahuan => OwnerKind::Notice,
            Kind::SuratPanggilan => OwnerKind::Summons,
            Kind::RisalahSidang => OwnerKind::Session,
            Kind::Perbaikan | Kind::SkPengesahanPp | Kind::PendaftaranPkb => OwnerKind::Submission,
            Kind::BuktiPencatatanLks => OwnerKind::Lks,
            _ => OwnerKind::Case,
        }
    }

    pub fn numbering(self) -> Numbering {
        match self {
            Kind::TandaTerimaPemberitahuan
            | Kind::SuratPanggilan
            | Kind::SkPengesahanPp
            | Kind::PendaftaranPkb
            | Kind::BuktiPencatatanLks => Numbering::FromRecord,
            _ => Numbering::Own,
        }
    }

    /// Letters the parties receive by e-mail when issued (with the PDF attached).
    pub fn mailed_to_parties(self) -> bool {
        matches!(
            self,
            Kind::PengembalianBerkas
                | Kind::PenawaranForum
                | Kind::Anjuran
                | Kind::RisalahPenyelesaian
                | Kind::Perbaikan
                | Kind::SkPengesahanPp
                | Kind::PendaftaranPkb
                | Kind::BuktiPencatatanLks
        )
    }
}

/// "Bekasi, 2 Maret 2026": the place and date line of an Indonesian letter.
pub fn place_date(place: &str, day: NaiveDate) -> String {
    format!("{place}, {} {} {}", day.day(), Lang::Id.month(day.month()), day.year())
}

/// Letters of verification codes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, so a code read from paper
/// and typed is typed right.
const ALPHABET: &[u8; 24] = b"ACDEFGHJKMNPQRTUVWXY3479";
/// 16 characters of 24: about 73 bits, beyond guessing at any rate a server allows.
pub const CODE_LEN: usize = 16;

/// A new verification code from the operating system's random source, unbiased.
pub fn new_code() -> String {
    let mut out = String::with_capacity(CODE_LEN);
    while out.len() < CODE_LEN {
        let mut byte = [0u8; 1];
        OsRng.fill_bytes(&mut byte);
        // 240 = 10 * 24: drop the top values so each letter is equally likely.
        if byte[0] < 240 {
            out.push(char::from(ALPHABET[usize::from(byte[0] % 24)]));
        }
    }
    out
}

/// The code as printed: in groups of four, "K7QM-2XHP-9TRA-4WDE".
pub fn printed_code(code: &str) -> String {
    code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

/// A code as a reader typed it (any case, with or without dashes or spaces), or `None` when
/// it cannot be one of ours: the page then says "not found" without asking the database.
pub fn normalise_code(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !matches!(c, '-' | ' ')).map(|c| c.to_ascii_uppercase()).collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_line_is_written_in_indonesian() {
        assert_eq!(place_date("Bekasi", NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")), "Bekasi, 2 Maret 2026");
        assert_eq!(
            place_date("Bekasi", NaiveDate::from_ymd_opt(2026, 12, 31).expect("date")),
            "Bekasi, 31 Desember 2026"
        );
    }

    #[test]
    fn codes_are_long_random_and_read_back_however_they_are_typed() {
        let a = new_code();
        let b = new_code();
        assert_ne!(a, b);
        assert_eq!(a.len(), CODE_LEN);
        let printed = printed_code(&a);
        assert_eq!(printed.len(), CODE_LEN + 3);
        assert_eq!(normalise_code(&printed.to_lowercase()), Some(a.clone()));
        assert_eq!(normalise_code(&printed.replace('-', " ")), Some(a));
        assert_eq!(normalise_code("ABCD"), None, "too short");
        assert_eq!(normalise_code("0000-0000-0000-0000"), None, "letters outside the alphabet");
        assert_eq!(normalise_code("'; DROP TABLE letters;--"), None);
    }

    #[test]
    fn every_kind_round_trips_through_its_code() {
        for k in ALL {
            assert_eq!(Kind::parse(k.code()), Some(k));
        }
        assert_eq!(Kind::parse("surat_cinta"), None);
    }
}
