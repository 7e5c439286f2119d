//! What an upload may be: its type read from its first bytes (never from the browser's claim)
//! and a file name safe to show and to send back in a header.

use sha2::{Digest, Sha256};

use crate::error::Problem;

/// The content type of an accepted document, judged by its magic bytes and, for the Office
/// formats (ZIP containers), by the extension of its name.
pub fn detect(filename: &str, bytes: &[u8]) -> Result<&'static str, Problem> {
    let lower = filename.to_lowercase();
    let kind = if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"PK\x03\x04") && lower.ends_with(".docx") {
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    } else if bytes.starts_with(b"PK\x03\x04") && lower.ends_with(".xlsx") {
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    } else {
        None
    };
    if bytes.is_empty() {
        return Err(Problem::new("file_empty", "Berkas kosong.", "The file is empty.").field("berkas"));
    }
    kind.ok_or_else(|| {
        Problem::new(
            "file_type_not_allowed",
            "Jenis berkas tidak diterima. Unggah PDF, JPG, PNG, DOCX atau XLSX.",
            "This type of file is not accepted. Upload a PDF, JPG, PNG, DOCX or XLSX.",
        )
        .field("berkas")
    })
}

/// The name as the uploader's computer gave it, without folders, control characters or
/// quotes, at most 120 characters; "berkas" when nothing is left.
pub fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String =
        base.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '*' | '?' | '|' | ':')).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    let mut out: String = cleaned.chars().take(120).collect();
    if out.is_empty() {
        out = "berkas".into();
    }
    out
}

/// The lowercase hex SHA-256 of the content: the file's name in the storage directory.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A `Content-Disposition` value that downloads the file under its name, ASCII fallback plus
/// the UTF-8 name (RFC 6266).
pub fn attachment_header(filename: &str) -> String {
    let ascii: String = filename.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' }).collect();
    let encoded: String = filename
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_bytes_not_the_name() {
        assert_eq!(detect("notulen.pdf", b"%PDF-1.7 ...").expect("pdf"), "application/pdf");
        assert_eq!(detect("foto.txt", &[0xFF, 0xD8, 0xFF, 0xE0]).expect("jpeg"), "image/jpeg");
        assert_eq!(detect("notulen.pdf", b"<html><script>").expect_err("html").code, "file_type_not_allowed");
        assert_eq!(detect("skala.xlsx", b"PK\x03\x04rest").expect("xlsx").split('.').next_back(), Some("sheet"));
        assert_eq!(detect("arsip.zip", b"PK\x03\x04rest").expect_err("zip").code, "file_type_not_allowed");
        assert_eq!(detect("kosong.pdf", b"").expect_err("empty").code, "file_empty");
    }

    #[test]
    fn file_names_lose_folders_quotes_and_control_characters() {
        assert_eq!(clean_filename("C:\\Users\\hrd\\Notulen Rapat \"Mei\".pdf"), "Notulen Rapat Mei.pdf");
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("a\r\nb.pdf"), "ab.pdf");
        assert_eq!(clean_filename("..."), "berkas");
        assert_eq!(
            attachment_header("Skala Upah – 2026.pdf"),
            "attachment; filename=\"Skala Upah _ 2026.pdf\"; filename*=UTF-8''Skala%20Upah%20%E2%80%93%202026.pdf"
        );
    }

    #[test]
    fn content_hash() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
