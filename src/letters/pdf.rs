//! Lays a `Letter` out on A4 under the office letterhead and writes it as PDF (krilla: real
//! text in embedded, subset Liberation Serif, so it can be searched, copied and read aloud),
//! with the verification QR code and short code in the footer of every page.

use std::sync::OnceLock;

use harmoni_templates::letters::{Block, Letter, Signature};
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 72.0;
const RIGHT: f32 = PAGE_W - 60.0;
const TOP: f32 = 42.0;
/// Body text stops here; the footer (QR code, verification line, page number) is below.
const BOTTOM: f32 = PAGE_H - 112.0;
const BODY: f32 = 11.5;
const LEADING: f32 = 1.38;

/// The office's letterhead (kop surat), from its settings.
#[derive(Debug, Clone)]
pub struct Letterhead {
    pub government: String,
    pub office: String,
    /// Address, telephone, e-mail and website lines.
    pub contact: Vec<String>,
    /// The office's emblem as PNG, printed left of the letterhead, when configured.
    pub logo_png: Option<Vec<u8>>,
}

/// What lets a reader check the letter: the public address and the short code.
#[derive(Debug, Clone)]
pub struct Verification {
    /// Full address of the verification page, encoded in the QR code.
    pub url: String,
    /// The code as printed, in groups: "K7QM-2XHP-9TRA-4WZD".
    pub code: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Face {
    Regular,
    Bold,
}

struct Fonts {
    regular: Font,
    bold: Font,
    regular_metrics: Metrics,
    bold_metrics: Metrics,
}

/// Advance widths by character, read once from the font: the layout needs widths for every
/// word it places, and shaping each one would cost more than the rest of the letter.
struct Metrics {
    units_per_em: f32,
    ascii: [u16; 128],
    face: ttf_parser::Face<'static>,
}

impl Metrics {
    fn new(data: &'static [u8]) -> Option<Self> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let mut ascii = [0u16; 128];
        for (i, w) in ascii.iter_mut().enumerate() {
            *w = face.glyph_index(char::from(i as u8)).and_then(|g| face.glyph_hor_advance(g)).unwrap_or(0);
        }
        Some(Metrics { units_per_em: f32::from(face.units_per_em()), ascii, face })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    u32::from(self.ascii[c as usize])
                } else {
                    self.face.glyph_index(c).and_then(|g| self.face.glyph_hor_advance(g)).map(u32::from).unwrap_or(0)
                }
            })
            .sum();
        units as f32 * size / self.units_per_em
    }
}

static REGULAR: &[u8] = include_bytes!("../../templates/fonts/LiberationSerif-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../templates/fonts/LiberationSerif-Bold.ttf");

fn fonts() -> Result<&'static Fonts, String> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: Font::new(REGULAR.into(), 0)?,
                bold: Font::new(BOLD.into(), 0)?,
                regular_metrics: Metrics::new(REGULAR)?,
                bold_metrics: Metrics::new(BOLD)?,
            })
        })
        .as_ref()
        .ok_or_else(|| "the letter fonts cannot be read".to_string())
}

impl Fonts {
    fn metrics(&self, face: Face) -> &Metrics {
        match face {
            Face::Regular => &self.regular_metrics,
            Face::Bold => &self.bold_metrics,
        }
    }
    fn font(&self, face: Face) -> Font {
        match face {
            Face::Regular => self.regular.clone(),
            Face::Bold => self.bold.clone(),
        }
    }
}

/// One thing to draw on a page; pages are laid out first so that "page 1 of N" is known.
enum Op {
    Text { x: f32, y: f32, face: Face, size: f32, text: String },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32 },
}

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    /// Baseline of the next line.
    y: f32,
}

impl<'f> Layout<'f> {
    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        self.fonts.metrics(face).width(text, size)
    }

    /// Room for `height` more points on this page, else a new page.
    fn need(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP + 20.0;
        }
    }

    fn text(&mut self, x: f32, y: f32, face: Face, size: f32, text: &str) {
        if !text.is_empty() {
            self.ops().push(Op::Text { x, y, face, size, text: text.to_string() });
        }
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.ops().push(Op::Line { x1, y1, x2, y2, width });
    }

    fn centred(&mut self, y: f32, face: Face, size: f32, text: &str, centre: f32) {
        let w = self.width(text, face, size);
        self.text(centre - w / 2.0, y, face, size, text);
    }

    /// Breaks text into lines no wider than `width`: at spaces, at line breaks the writer
    /// typed, and inside a word only when the word alone is wider than the line.
    fn wrap(&self, text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let space = self.width(" ", face, size);
        for para in text.split('\n') {
            let mut line = String::new();
            let mut used = 0.0;
            for word in para.split_whitespace() {
                let mut w = self.width(word, face, size);
                let mut word = word.to_string();
                while w > width {
                    // A word wider than the line (a long reference or address): cut it.
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        used = 0.0;
                    }
                    let mut cut = String::new();
                    let mut rest = word.chars();
                    for c in rest.by_ref() {
                        let mut next = cut.clone();
                        next.push(c);
                        if self.width(&next, face, size) > width && !cut.is_empty() {
                            let remaining: String = std::iter::once(c).chain(rest).collect();
                            lines.push(cut);
                            word = remaining;
                            break;
                        }
                        cut = next;
                    }
                    w = self.width(&word, face, size);
                    if w <= width {
                        break;
                    }
                }
                if line.is_empty() {
                    line = word;
                    used = w;
                } else if used + space + w <= width {
                    line.push(' ');
                    line.push_str(&word);
                    used += space + w;
                } else {
                    lines.push(std::mem::replace(&mut line, word));
                    used = w;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// A wrapped paragraph at `x`, `width` wide; returns nothing, moves `y` past it.
    fn paragraph(&mut self, text: &str, face: Face, size: f32, x: f32, width: f32) {
        let step = size * LEADING;
        for line in self.wrap(text, face, size, width) {
            self.need(step);
            self.y += step;
            let y = self.y;
            self.text(x, y, face, size, &line);
        }
    }
}

/// Renders a letter to PDF bytes.
pub fn render(head: &Letterhead, letter: &Letter, check: &Verification) -> Result<Vec<u8>, String> {
    let fonts = fonts()?;
    let mut l = Layout { fonts, pages: vec![Vec::new()], y: TOP };
    letterhead(&mut l, head);
    if letter.addressee.is_empty() {
        title_block(&mut l, letter);
    } else {
        address_block(&mut l, letter);
    }
    for block in &letter.blocks {
        body_block(&mut l, block);
    }
    signatures(&mut l, letter);
    if !letter.copies.is_empty() {
        l.y += 10.0;
        l.paragraph("Tembusan:", Face::Regular, 10.0, LEFT, RIGHT - LEFT);
        for (i, c) in letter.copies.iter().enumerate() {
            l.paragraph(&format!("{}. {c}", i + 1), Face::Regular, 10.0, LEFT, RIGHT - LEFT);
        }
    }

    let qr = qrcode::QrCode::with_error_correction_level(check.url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| format!("verification QR code: {e}"))?;
    let logo = match &head.logo_png {
        Some(png) => Some(Image::from_png(png.clone().into(), true).map_err(|e| format!("letterhead logo: {e}"))?),
        None => None,
    };

    let mut doc = Document::new();
    let title = if letter.title.is_empty() { letter.subject.clone() } else { letter.title.clone() };
    doc.set_metadata(
        Metadata::new().title(format!("{title} {}", letter.number)).language("id".into()).creator("Harmoni".into()),
    );
    let total = l.pages.len();
    let size = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
    for (i, ops) in l.pages.iter().enumerate() {
        let mut page = doc.start_page_with(size.clone());
        let mut s = page.surface();
        if i == 0 {
            if let Some(img) = &logo {
                draw_logo(&mut s, img);
            }
        }
        for op in ops {
            match op {
                Op::Text { x, y, face, size, text } => {
                    s.set_fill(Some(Fill::default()));
                    s.draw_text(Point::from_xy(*x, *y), fonts.font(*face), *size, text, false, TextDirection::Auto);
                }
                Op::Line { x1, y1, x2, y2, width } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        s.set_fill(None);
                        s.set_stroke(Some(Stroke { width: *width, ..Stroke::default() }));
                        s.draw_path(&path);
                        s.set_stroke(None);
                    }
                }
            }
        }
        footer(&mut s, fonts, &qr, check, &letter.number, i + 1, total);
        s.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("writing the PDF: {e:?}"))
}

fn draw_logo(s: &mut krilla::surface::Surface<'_>, img: &Image) {
    let (w, h) = img.size();
    if w == 0 || h == 0 {
        return;
    }
    let height = 66.0;
    let width = height * w as f32 / h as f32;
    if let Some(size) = Size::from_wh(width.min(80.0), height) {
        s.push_transform(&Transform::from_translate(LEFT - 6.0, TOP - 4.0));
        s.draw_image(img.clone(), size);
        s.pop();
    }
}

/// The kop surat: government and office names centred in capitals, contact lines, and the
/// double rule under them.
fn letterhead(l: &mut Layout<'_>, head: &Letterhead) {
    let centre = (LEFT + RIGHT) / 2.0 + if head.logo_png.is_some() { 24.0 } else { 0.0 };
    l.y += 14.0;
    let y = l.y;
    l.centred(y, Face::Bold, 14.0, &head.government.to_uppercase(), centre);
    l.y += 19.0;
    let y = l.y;
    l.centred(y, Face::Bold, 16.0, &head.office.to_uppercase(), centre);
    for line in &head.contact {
        l.y += 12.5;
        let y = l.y;
        l.centred(y, Face::Regular, 9.5, line, centre);
    }
    l.y += 8.0;
    let y = l.y;
    l.line(LEFT - 6.0, y, RIGHT, y, 2.2);
    l.line(LEFT - 6.0, y + 3.0, RIGHT, y + 3.0, 0.6);
    l.y += 12.0;
}

/// A document headed by its title: title in bold, underlined, the number under it.
fn title_block(l: &mut Layout<'_>, letter: &Letter) {
    let centre = (LEFT + RIGHT) / 2.0;
    for line in l.wrap(&letter.title, Face::Bold, 12.5, RIGHT - LEFT - 40.0) {
        l.y += 17.0;
        let y = l.y;
        l.centred(y, Face::Bold, 12.5, &line, centre);
        let w = l.width(&line, Face::Bold, 12.5);
        l.line(centre - w / 2.0, y + 2.0, centre + w / 2.0, y + 2.0, 0.7);
    }
    l.y += 15.0;
    let y = l.y;
    l.centred(y, Face::Regular, BODY, &format!("Nomor: {}", letter.number), centre);
    l.y += 10.0;
}

/// An addressed letter: number, attachment and subject on the left, place and date on the
/// right, then "Kepada Yth." and the addressee.
fn address_block(l: &mut Layout<'_>, letter: &Letter) {
    let date_w = l.width(&letter.place_date, Face::Regular, BODY);
    let y = l.y + BODY * LEADING;
    l.text(RIGHT - date_w, y, Face::Regular, BODY, &letter.place_date);
    let label_x = LEFT + 58.0;
    let value_w = RIGHT - LEFT - 58.0 - 10.0 - 170.0;
    for (label, value, face) in [
        ("Nomor", letter.number.as_str(), Face::Regular),
        ("Lampiran", letter.attachment.as_str(), Face::Regular),
        ("Perihal", letter.subject.as_str(), Face::Bold),
    ] {
        l.need(BODY * LEADING);
        let first = l.y + BODY * LEADING;
        l.text(LEFT, first, Face::Regular, BODY, label);
        l.text(label_x, first, Face::Regular, BODY, ":");
        l.paragraph(value, face, BODY, label_x + 10.0, value_w);
    }
    l.y += 14.0;
    l.paragraph("Kepada Yth.", Face::Regular, BODY, LEFT + 250.0, RIGHT - LEFT - 250.0);
    for line in &letter.addressee {
        l.paragraph(line, Face::Regular, BODY, LEFT + 250.0, RIGHT - LEFT - 250.0);
    }
    l.paragraph("di Tempat", Face::Regular, BODY, LEFT + 250.0, RIGHT - LEFT - 250.0);
    l.y += 12.0;
}

fn body_block(l: &mut Layout<'_>, block: &Block) {
    let width = RIGHT - LEFT;
    match block {
        Block::Para(text) => {
            l.paragraph(text, Face::Regular, BODY, LEFT, width);
            l.y += 6.0;
        }
        Block::Heading(text) => {
            l.need(BODY * LEADING * 3.0);
            l.y += 2.0;
            l.paragraph(text, Face::Bold, BODY, LEFT, width);
            l.y += 2.0;
        }
        Block::Fields(fields) => {
            let widest = fields.iter().map(|(k, _)| l.width(k, Face::Regular, BODY)).fold(0.0, f32::max);
            let label_w = widest.min(width * 0.38);
            let colon = LEFT + 16.0 + label_w + 6.0;
            for (label, value) in fields {
                let label_lines = l.wrap(label, Face::Regular, BODY, label_w);
                let value_lines = l.wrap(
                    if value.trim().is_empty() { "-" } else { value },
                    Face::Regular,
                    BODY,
                    RIGHT - colon - 10.0,
                );
                let step = BODY * LEADING;
                for i in 0..label_lines.len().max(value_lines.len()) {
                    l.need(step);
                    l.y += step;
                    let y = l.y;
                    if let Some(t) = label_lines.get(i) {
                        l.text(LEFT + 16.0, y, Face::Regular, BODY, t);
                    }
                    if i == 0 {
                        l.text(colon, y, Face::Regular, BODY, ":");
                    }
                    if let Some(t) = value_lines.get(i) {
                        l.text(colon + 10.0, y, Face::Regular, BODY, t);
                    }
                }
            }
            l.y += 6.0;
        }
        Block::Numbered(items) => {
            for (i, item) in items.iter().enumerate() {
                l.need(BODY * LEADING);
                let y = l.y + BODY * LEADING;
                l.text(LEFT + 16.0, y, Face::Regular, BODY, &format!("{}.", i + 1));
                l.paragraph(item, Face::Regular, BODY, LEFT + 36.0, width - 36.0);
            }
            l.y += 6.0;
        }
    }
}

/// Signature blocks: the office's one on the right; two parties side by side; a third
/// (the witnessing mediator) centred under them.
fn signatures(l: &mut Layout<'_>, letter: &Letter) {
    let col_w = (RIGHT - LEFT) / 2.0;
    let height = |s: &Signature| (s.role.len() as f32 + 2.0) * BODY * LEADING + 62.0;
    let rows: Vec<Vec<(f32, &Signature)>> = match letter.signatures.as_slice() {
        [] => Vec::new(),
        [one] => vec![vec![(LEFT + col_w + 10.0, one)]],
        [a, b, rest @ ..] => {
            let mut rows = vec![vec![(LEFT, a), (LEFT + col_w + 10.0, b)]];
            for s in rest {
                rows.push(vec![(LEFT + col_w / 2.0 + 5.0, s)]);
            }
            rows
        }
    };
    l.y += 10.0;
    let dated = letter.addressee.is_empty();
    for (r, row) in rows.iter().enumerate() {
        let tallest = row.iter().map(|(_, s)| height(s)).fold(0.0, f32::max) + if dated { BODY * LEADING } else { 0.0 };
        l.need(tallest);
        let top = l.y;
        let mut bottom = top;
        for (x, s) in row {
            l.y = top;
            if dated && r == 0 && row.len() == 1 {
                l.paragraph(&letter.place_date, Face::Regular, BODY, *x, col_w - 10.0);
            }
            for line in &s.role {
                l.paragraph(line, Face::Regular, BODY, *x, col_w - 10.0);
            }
            l.y += 60.0;
            l.paragraph(&s.name, Face::Bold, BODY, *x, col_w - 10.0);
            let w = l.width(&s.name, Face::Bold, BODY).min(col_w - 10.0);
            let y = l.y;
            l.line(*x, y + 1.5, x + w, y + 1.5, 0.6);
            if !s.detail.is_empty() {
                l.paragraph(&s.detail, Face::Regular, BODY, *x, col_w - 10.0);
            }
            bottom = f32::max(bottom, l.y);
        }
        l.y = bottom + 14.0;
    }
    if dated && letter.signatures.len() > 1 {
        // A PB is dated where the parties sign it.
        let y = l.y + BODY * LEADING;
        l.text(LEFT, y, Face::Regular, BODY, &letter.place_date);
        l.y = y;
    }
}

/// Every page: the QR code of the verification address, the address and code in words, the
/// letter number and "Halaman i dari n".
fn footer(
    s: &mut krilla::surface::Surface<'_>,
    fonts: &Fonts,
    qr: &qrcode::QrCode,
    check: &Verification,
    number: &str,
    page: usize,
    total: usize,
) {
    let side = 62.0;
    let top = PAGE_H - 40.0 - side;
    let modules = qr.width();
    let cell = side / modules as f32;
    let mut pb = PathBuilder::new();
    for (i, colour) in qr.to_colors().iter().enumerate() {
        if *colour == qrcode::Color::Dark {
            let (col, row) = ((i % modules) as f32, (i / modules) as f32);
            if let Some(rect) = Rect::from_xywh(LEFT + col * cell, top + row * cell, cell, cell) {
                pb.push_rect(rect);
            }
        }
    }
    if let Some(path) = pb.finish() {
        s.set_stroke(None);
        s.set_fill(Some(Fill { paint: luma::Color::black().into(), ..Fill::default() }));
        s.draw_path(&path);
    }
    let x = LEFT + side + 12.0;
    let lines = [
        (Face::Bold, format!("Kode verifikasi: {}", check.code)),
        (Face::Regular, "Keaslian surat ini dapat diperiksa dengan memindai kode QR atau membuka:".to_string()),
        (Face::Regular, check.url.clone()),
        (Face::Regular, format!("Nomor {number} · Halaman {page} dari {total}")),
    ];
    s.set_fill(Some(Fill::default()));
    for (i, (face, text)) in lines.iter().enumerate() {
        s.draw_text(
            Point::from_xy(x, top + 12.0 + i as f32 * 12.5),
            fonts.font(*face),
            8.5,
            text,
            false,
            TextDirection::Auto,
        );
    }
    let mut pb = PathBuilder::new();
    pb.move_to(LEFT - 6.0, top - 8.0);
    pb.line_to(RIGHT, top - 8.0);
    if let Some(path) = pb.finish() {
        s.set_fill(None);
        s.set_stroke(Some(Stroke { width: 0.4, ..Stroke::default() }));
        s.draw_path(&path);
        s.set_stroke(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_never_exceeds_the_width_and_keeps_every_word() {
        let f = fonts().expect("fonts");
        let l = Layout { fonts: f, pages: Vec::new(), y: TOP };
        let text = "Perselisihan hubungan industrial antara PT Sejahtera Abadi Bersama dan Serikat Pekerja Metal Indonesia Kota Bekasi nomor 565/0123/HI/2026 SANGATPANJANGTANPASPASIYANGHARUSDIPOTONGDIDALAMKATA";
        let lines = l.wrap(text, Face::Regular, BODY, 200.0);
        assert!(lines.len() > 3);
        for line in &lines {
            assert!(l.width(line, Face::Regular, BODY) <= 200.0 + 0.01, "{line}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn long_letters_flow_onto_more_pages() {
        let letter = Letter {
            title: "RISALAH".into(),
            number: "1/2/3/2026".into(),
            place_date: "Bekasi, 2 Maret 2026".into(),
            addressee: vec![],
            subject: String::new(),
            attachment: String::new(),
            blocks: (0..80)
                .map(|i| {
                    Block::Para(format!(
                        "Paragraf {i} dengan isi yang cukup panjang untuk satu baris penuh atau lebih."
                    ))
                })
                .collect(),
            signatures: vec![],
            copies: vec![],
        };
        let head = Letterhead {
            government: "Pemerintah Kota Bekasi".into(),
            office: "Dinas Tenaga Kerja".into(),
            contact: vec![],
            logo_png: None,
        };
        let check = Verification { url: "https://harmoni.example/verifikasi/ABCD".into(), code: "ABCD".into() };
        let pdf = render(&head, &letter, &check).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdf_extract::extract_text_from_mem(&pdf).expect("text");
        assert!(text.contains("Paragraf 79"), "the last paragraph is printed");
        assert!(text.contains("Halaman 2 dari"), "a second page is numbered: {text}");
        assert!(text.contains("Kode verifikasi: ABCD"));
    }
}
