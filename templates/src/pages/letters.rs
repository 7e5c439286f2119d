//! Letters on the pages: the "Surat" section of a record (issued letters with every version,
//! and the letters staff may issue now), and the public verification page.

use maud::{html, Markup};

use crate::layout::{page, PageCtx};

/// One issued version, as the list shows it.
#[derive(Debug, Clone)]
pub struct VersionItem {
    pub version: i32,
    /// The date printed on the letter.
    pub dated: String,
    /// Who made this version, and when.
    pub issued_by: String,
    /// The verification code as printed.
    pub code: String,
    pub href: String,
}

/// One issued letter with its versions, newest first.
#[derive(Debug, Clone)]
pub struct LetterItem {
    pub label: String,
    pub number: String,
    pub versions: Vec<VersionItem>,
}

/// A letter staff may issue (or reissue) now.
#[derive(Debug, Clone)]
pub struct IssueOption {
    pub kind: String,
    pub owner_id: String,
    /// "Anjuran", "Surat panggilan pihak pengusaha, sidang 12 Maret 2026".
    pub label: String,
    /// Already issued: the button makes a new version.
    pub reissue: bool,
}

#[derive(Debug, Clone, Default)]
pub struct LettersSection {
    pub letters: Vec<LetterItem>,
    pub options: Vec<IssueOption>,
}

/// The "Surat resmi" section, placed on a record's page.
pub fn letters_section(p: &PageCtx, v: &LettersSection) -> Markup {
    let l = p.lang;
    html! {
        section #surat aria-labelledby="surat-judul" {
            h2 #surat-judul { (l.t("Surat resmi (PDF)", "Official letters (PDF)")) }
            @if v.letters.is_empty() {
                p { (l.t("Belum ada surat yang diterbitkan.", "No letter has been issued yet.")) }
            } @else {
                div.table-wrap {
                    table {
                        caption.visually-hidden { (l.t("Surat yang diterbitkan", "Letters issued")) }
                        thead { tr {
                            th scope="col" { (l.t("Surat", "Letter")) }
                            th scope="col" { (l.t("Nomor", "Number")) }
                            th scope="col" { (l.t("Versi", "Version")) }
                            th scope="col" { (l.t("Tanggal", "Date")) }
                            th scope="col" { (l.t("Diterbitkan oleh", "Issued by")) }
                            th scope="col" { (l.t("Kode verifikasi", "Verification code")) }
                        } }
                        tbody {
                            @for letter in &v.letters {
                                @for (i, ver) in letter.versions.iter().enumerate() {
                                    tr {
                                        td {
                                            a href=(ver.href) { (letter.label) " (PDF)" }
                                            @if i > 0 { " " span.badge { (l.t("diganti versi baru", "replaced")) } }
                                        }
                                        td { (letter.number) }
                                        td { (ver.version) }
                                        td { (ver.dated) }
                                        td { (ver.issued_by) }
                                        td { code { (ver.code) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !v.options.is_empty() {
                h3 { (l.t("Terbitkan surat", "Issue a letter")) }
                p.hint { (l.t(
                    "Surat diberi nomor, dibuat sebagai PDF dengan kop dinas dan kode QR verifikasi, lalu disimpan. Menerbitkan ulang membuat versi baru dengan nomor yang sama; versi lama tetap tersimpan.",
                    "A letter is numbered, made as a PDF on the letterhead with a verification QR code, and kept. Reissuing makes a new version under the same number; earlier versions stay on record."
                )) }
                ul.actions {
                    @for o in &v.options {
                        li {
                            form method="post" action="/surat" {
                                input type="hidden" name="csrf_token" value=(p.csrf_token);
                                input type="hidden" name="kind" value=(o.kind);
                                input type="hidden" name="owner_id" value=(o.owner_id);
                                button type="submit" {
                                    @if o.reissue { (l.t("Terbitkan ulang: ", "Reissue: ")) } @else { (l.t("Terbitkan: ", "Issue: ")) }
                                    (o.label)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What the verification page shows of a genuine code.
#[derive(Debug, Clone)]
pub struct VerifiedView {
    pub code: String,
    pub kind_label: String,
    pub number: String,
    pub version: i32,
    pub dated: String,
    pub issued_on: String,
    pub office_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    pub superseded_by: Option<i32>,
}

/// `/verifikasi`: a form for a typed code, and the letter a code belongs to, or "not found".
pub fn verify_page(p: &PageCtx, typed: &str, found: Option<&VerifiedView>) -> Markup {
    let l = p.lang;
    page(
        p,
        l.t("Verifikasi surat", "Verify a letter"),
        html! {
            h1 { (l.t("Verifikasi surat", "Verify a letter")) }
            p { (l.t(
                "Setiap surat resmi dari Harmoni memuat kode QR dan kode verifikasi. Masukkan kode untuk memeriksa bahwa surat itu benar diterbitkan dinas.",
                "Every official letter from Harmoni carries a QR code and a verification code. Enter the code to check that the office issued it."
            )) }
            form method="get" action="/verifikasi" {
                div.field {
                    label for="kode" { (l.t("Kode verifikasi", "Verification code")) }
                    input #kode type="text" name="kode" value=(typed) autocomplete="off" spellcheck="false" maxlength="40" placeholder="XXXX-XXXX-XXXX-XXXX";
                }
                button type="submit" { (l.t("Periksa", "Check")) }
            }
            @if !typed.is_empty() {
                @match found {
                    Some(v) => {
                        section.verified aria-live="polite" {
                            h2 { "✓ " (l.t("Surat terdaftar", "Letter on record")) }
                            @if let Some(newer) = v.superseded_by {
                                p.warning role="alert" { "⚠ " (match l {
                                    crate::Lang::Id => format!("Versi ini telah diganti oleh versi {newer}. Mintalah versi terbaru kepada dinas."),
                                    crate::Lang::En => format!("This version was replaced by version {newer}. Ask the office for the latest one."),
                                }) }
                            }
                            dl {
                                dt { (l.t("Jenis surat", "Letter type")) } dd { (v.kind_label) }
                                dt { (l.t("Nomor", "Number")) } dd { (v.number) }
                                dt { (l.t("Versi", "Version")) } dd { (v.version) }
                                dt { (l.t("Tanggal surat", "Date of the letter")) } dd { (v.dated) }
                                dt { (l.t("Versi ini dibuat", "This version made on")) } dd { (v.issued_on) }
                                dt { (l.t("Diterbitkan oleh", "Issued by")) } dd { (v.office_name) }
                                dt { (l.t("Kode verifikasi", "Verification code")) } dd { code { (v.code) } }
                                dt { (l.t("Sidik berkas PDF (SHA-256)", "PDF fingerprint (SHA-256)")) } dd { code.hash { (v.sha256) } " (" (v.size_bytes) " bytes)" }
                            }
                            p {
                                (l.t("Untuk memastikan berkas yang Anda pegang tidak diubah, hitung SHA-256 berkas PDF itu (misalnya ", "To make sure the file you hold was not altered, compute the SHA-256 of the PDF (e.g. "))
                                code { "sha256sum surat.pdf" } (l.t(" atau ", " or ")) code { "certutil -hashfile surat.pdf SHA256" }
                                (l.t(") dan bandingkan dengan sidik di atas. Berkas yang berbeda satu bita pun menghasilkan sidik yang lain.", ") and compare it with the fingerprint above. A file differing by a single byte gives another fingerprint."))
                            }
                        }
                    }
                    None => {
                        section.not-found aria-live="polite" {
                            h2 { "✗ " (l.t("Kode tidak ditemukan", "Code not found")) }
                            p { (l.t(
                                "Tidak ada surat dengan kode ini. Periksa kembali penulisannya; bila kode benar, surat tersebut bukan terbitan dinas ini.",
                                "No letter carries this code. Check how it was typed; if it is right, the letter was not issued by this office."
                            )) }
                        }
                    }
                }
            }
        },
    )
}
