//! `harmoni demo`: about two and a half years of PP ratifications and PKB registrations at the
//! demo companies, walked through the real use cases in date order (so that the decree and
//! letter numbers follow the calendar). About 40% of the companies with 10 or more workers end
//! with a PP or PKB: most ratified or registered within days (some after a correction), some
//! expired, some near expiry, a few renewed, a few recorded from the province; and submissions
//! left open in every status, one of them a compliant PP that the head never decided, which the
//! closing sweep deems ratified. Larger companies file online through a demo representative,
//! the others bring paper files to the desk. A company that already has any PP/PKB row is left
//! alone, so running it again adds nothing.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime};
use harmoni_templates::Lang;

use crate::accounts::model as accounts;
use crate::accounts::service::office_made_user;
use crate::accounts::{Actor, Role};
use crate::audit::service::{record, AuditEntry};
use crate::calendar::rules::Calendar;
use crate::companies::model::{self as companies, CompanyRow, RepresentativeRow};
use crate::config::Settings;
use crate::db::{write_tx, DbConn};
use crate::demo::{office_salt, Dice, PEOPLE};
use crate::documents::service::{self as documents, Stored};
use crate::documents::store::Store;
use crate::error::Error;
use crate::regulations::model;
use crate::regulations::rules::{Item, Kind, Slot};
use crate::regulations::service::{self, DetailsInput, ExternalInput, ReviewItemInput, StepInput, SubmissionInput};
use crate::unions::model::{self as unions, UnionRow};

/// What one run added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seeded {
    /// Companies given a PP/PKB history.
    pub companies: u64,
    pub submissions: u64,
    /// PP/PKB in the register (ratified, registered, deemed or recorded from elsewhere).
    pub regulations: u64,
    /// Planned steps the use cases refused (none expected; each stops its file where it is).
    pub refused: u64,
}

const SURNAMES: [&str; 10] = [
    "Saputra",
    "Hidayat",
    "Wulandari",
    "Pratama",
    "Kurniawan",
    "Setiawan",
    "Nugroho",
    "Susanti",
    "Permana",
    "Handayani",
];

const PROVINCE: &str = "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat";

/// A step of a file, in the order of one day: what is made first comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// The draft with its documents (online by the representative, or at the counter).
    Create,
    /// A PP/PKB of the province recorded by the desk from the company's copy.
    External,
    Submit,
    Resubmit,
    Correction,
    Compliant,
    Withdraw,
    Decide,
}

impl Op {
    fn phase(self) -> u32 {
        match self {
            Op::Create | Op::External => 0,
            Op::Submit | Op::Resubmit => 1,
            Op::Correction | Op::Compliant => 2,
            Op::Withdraw => 3,
            Op::Decide => 4,
        }
    }
}

/// One submission (or one external record) and its dated steps.
#[derive(Debug, Clone)]
struct Filing {
    kind: Kind,
    purpose: &'static str,
    /// The earlier file of the same company whose PP/PKB this one renews.
    renews: Option<usize>,
    /// PKB: the day it takes effect (24 months).
    pkb_starts_on: Option<NaiveDate>,
    /// The documents of the draft (a complete file has every required one).
    slots: Vec<Slot>,
    /// Items the desk finds not met at a correction.
    defects: Vec<Item>,
    steps: Vec<(NaiveDate, Op)>,
    /// External: issued on (valid from) and the decree number.
    external: Option<(NaiveDate, String)>,
}

/// A company's history: who files, and its files.
struct Plan {
    company: CompanyRow,
    i: u64,
    online: bool,
    union: Option<UnionRow>,
    advice: &'static str,
    filings: Vec<Filing>,
}

/// What happens to a company's PP/PKB over the demo's years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    /// Ratified or registered within the last two years, in force.
    Current,
    /// Ending within about five weeks (the renewal reminder is due); some with a renewal filed.
    NearExpiry,
    /// Ended some months ago, not renewed.
    Expired,
    /// Ended, and renewed in time.
    Renewed,
    /// A file left uncorrected (lapsed), then a new one ratified.
    LapsedThenDecided,
    /// A file withdrawn, then a new one ratified.
    WithdrawnThenDecided,
    /// Recorded from the province (a company operating in several kab/kota).
    External,
    /// A compliant PP the head did not decide within 30 working days.
    Deemed,
    // Open today, or ended without a PP/PKB:
    Draft,
    Received,
    Correcting,
    Compliant,
    Lapsed,
    Withdrawn,
}

/// Stories given first, so that even a small demo shows every status.
const FIRST_WITH_REGULATION: [Story; 6] = [
    Story::Deemed,
    Story::NearExpiry,
    Story::Expired,
    Story::Renewed,
    Story::LapsedThenDecided,
    Story::WithdrawnThenDecided,
];
const FIRST_OPEN: [Story; 6] =
    [Story::Received, Story::Correcting, Story::Compliant, Story::Draft, Story::Lapsed, Story::Withdrawn];

/// The office calendar's working days, for placing steps.
struct Days<'a> {
    cal: &'a Calendar,
    today: NaiveDate,
}

impl Days<'_> {
    fn on_or_after(&self, d: NaiveDate) -> NaiveDate {
        self.cal.add_working_days(d, 0).due
    }
    fn on_or_before(&self, mut d: NaiveDate) -> NaiveDate {
        while !self.cal.is_working_day(d) {
            d -= Duration::days(1);
        }
        d
    }
    fn plus(&self, d: NaiveDate, n: i64) -> NaiveDate {
        self.cal.add_working_days(d, n as u32).due
    }
    fn minus(&self, d: NaiveDate, n: i64) -> NaiveDate {
        self.cal.subtract_working_days(d, n as u32).due
    }
    /// The working day `n` working days before the last working day up to today.
    fn back(&self, n: i64) -> NaiveDate {
        self.minus(self.on_or_before(self.today), n)
    }
    fn days_ago(&self, n: i64) -> NaiveDate {
        self.today - Duration::days(n)
    }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn months_before(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(m)).unwrap_or(d)
}

/// The last day of the month of `d`.
fn month_end(d: NaiveDate) -> NaiveDate {
    first_of_month(d).checked_add_months(Months::new(1)).and_then(|n| n.pred_opt()).unwrap_or(d)
}

/// The review path of a file from its receipt: (working days after the previous step, step).
fn review_path(d: &mut Dice, correction: bool, decide: bool) -> Vec<(i64, Op)> {
    let mut out = vec![(0, Op::Submit)];
    if correction {
        out.push((d.range(2, 5), Op::Correction));
        out.push((d.range(3, 10), Op::Resubmit));
        out.push((d.range(1, 3), Op::Compliant));
    } else {
        out.push((d.range(2, 5), Op::Compliant));
    }
    if decide {
        out.push((d.range(1, 4), Op::Decide));
    }
    out
}

fn place_forward(days: &Days, start: NaiveDate, path: &[(i64, Op)]) -> Vec<(NaiveDate, Op)> {
    let mut day = days.on_or_after(start);
    path.iter()
        .map(|(gap, op)| {
            day = days.plus(day, *gap);
            (day, *op)
        })
        .collect()
}

fn place_backward(days: &Days, end: NaiveDate, path: &[(i64, Op)]) -> Vec<(NaiveDate, Op)> {
    let total: i64 = path.iter().map(|(g, _)| g).sum();
    place_forward(days, days.minus(days.on_or_before(end), total), path)
}

/// The defects a desk officer finds in a file of this kind (one or two).
fn defects(d: &mut Dice, kind: Kind) -> Vec<Item> {
    let pool: &[Item] = match kind {
        Kind::Pp => &[Item::SkalaUpah, Item::IsiMinimal, Item::TidakLebihRendah, Item::SaranPekerja, Item::MasaBerlaku],
        Kind::Pkb => &[Item::PencatatanSerikat, Item::TandaTanganPara, Item::TidakBertentangan, Item::JangkaWaktu],
    };
    let first = *d.pick(pool);
    let mut out = vec![first];
    if d.chance(35) {
        let second = *d.pick(pool);
        if second != first {
            out.push(second);
        }
    }
    out
}

fn defect_reason(item: Item) -> &'static str {
    match item {
        Item::SkalaUpah => "Struktur dan skala upah yang dilampirkan belum memuat golongan jabatan dan masa kerja.",
        Item::IsiMinimal => "Belum memuat tata tertib kerja dan jangka waktu berlakunya peraturan perusahaan.",
        Item::TidakLebihRendah => {
            "Ketentuan upah kerja lembur (Pasal 24) lebih rendah dari PP 35/2021 Pasal 31; sesuaikan."
        }
        Item::SaranPekerja => "Bukti permintaan saran belum ditandatangani oleh penerimanya.",
        Item::MasaBerlaku => "Masa berlaku ditulis tiga tahun; paling lama dua tahun.",
        Item::PencatatanSerikat => "Nomor dan tanggal pencatatan serikat pekerja di Disnaker belum dicantumkan.",
        Item::TandaTanganPara => "Naskah belum ditandatangani ketua dan sekretaris serikat pekerja.",
        Item::TidakBertentangan => {
            "Ketentuan pemutusan hubungan kerja tanpa perundingan bertentangan dengan UU 13/2003 jo. PP 35/2021."
        }
        Item::JangkaWaktu => "Tanggal mulai berlaku PKB belum dicantumkan.",
        _ => "Belum sesuai; lihat catatan pemeriksaan.",
    }
}

/// A small but well-formed one-page PDF with the given lines.
fn pdf(lines: &[String]) -> Vec<u8> {
    let escape = |s: &str| {
        s.chars()
            .map(|c| if c.is_ascii() && !c.is_ascii_control() { c } else { '?' })
            .collect::<String>()
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)")
    };
    let mut text = String::from("BT /F1 14 Tf 72 770 Td");
    for (n, line) in lines.iter().enumerate() {
        if n == 1 {
            text.push_str(" /F1 11 Tf");
        }
        text.push_str(&format!(" ({}) Tj 0 -{} Td", escape(line), if n == 0 { 28 } else { 16 }));
    }
    text.push_str(" ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{body}\nendobj\n", n + 1));
    }
    let xref = out.len();
    out.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1));
    out.into_bytes()
}

/// The generated document of a slot (or of an external decree), stored.
fn document(
    store: &Store,
    company: &CompanyRow,
    kind: Kind,
    what: &str,
    day: NaiveDate,
    revised: bool,
) -> Result<Stored, Error> {
    let (title, file, body): (String, String, Vec<String>) = match what {
        "naskah" => (
            match kind {
                Kind::Pp => "PERATURAN PERUSAHAAN".into(),
                Kind::Pkb => "PERJANJIAN KERJA BERSAMA".into(),
            },
            format!("naskah-{}{}.pdf", kind.as_str(), if revised { "-perbaikan" } else { "" }),
            vec![
                "BAB I Ketentuan Umum".into(),
                "BAB II Hubungan Kerja, Waktu Kerja dan Waktu Istirahat".into(),
                "BAB III Pengupahan, Kesejahteraan dan Jaminan Sosial".into(),
                "BAB IV Tata Tertib, Pembinaan dan Sanksi".into(),
                "BAB V Pemutusan Hubungan Kerja".into(),
                "BAB VI Masa Berlaku (dua tahun)".into(),
            ],
        ),
        "saran" => (
            "BUKTI PERMINTAAN SARAN PEKERJA".into(),
            "saran-pekerja.pdf".into(),
            vec!["Naskah rancangan peraturan perusahaan telah disampaikan untuk diberi saran.".into()],
        ),
        "skala_upah" => (
            "STRUKTUR DAN SKALA UPAH".into(),
            format!("struktur-skala-upah-{}.pdf", day.year()),
            vec!["Golongan I-IV: Operator, Staf, Supervisor, Manajer".into()],
        ),
        _ => (
            match kind {
                Kind::Pp => "KEPUTUSAN PENGESAHAN PERATURAN PERUSAHAAN".into(),
                Kind::Pkb => "SURAT PENDAFTARAN PERJANJIAN KERJA BERSAMA".into(),
            },
            format!("sk-{}-provinsi.pdf", kind.as_str()),
            vec![PROVINCE.into(), what.into()],
        ),
    };
    let mut lines = vec![title, company.name.clone(), company.address.clone()];
    lines.extend(body);
    lines.push(format!("Bekasi, {}", Lang::Id.date_long(day)));
    documents::store(store, &file, &pdf(&lines))
}

/// The demo desk officer and head of division: the same accounts as the demo cases' (fixed
/// ids), made here when this part runs first.
fn staff(conn: &mut DbConn, office_id: &str, now: NaiveDateTime) -> Result<(Actor, Actor), Error> {
    let salt = office_salt(office_id);
    let tag = &office_id[..8.min(office_id.len())];
    let mut out = Vec::new();
    for (n, role, name) in [
        (0u64, Role::Petugas, "Rina Marlina (petugas demo)"),
        (1, Role::Pimpinan, "Drs. Hendra Gunawan (Kabid HI demo)"),
    ] {
        let id = uuid::Uuid::from_u64_pair(salt, 0xCA5E_0000 + n).to_string();
        let user = match accounts::find_user(conn, &id) {
            Ok(u) => u,
            Err(diesel::result::Error::NotFound) => {
                let email = format!("{}{n}.{tag}@demo.harmoni.invalid", role.as_str());
                let user = office_made_user(id.clone(), office_id, &email, name, role, Lang::Id, now);
                accounts::insert_user(conn, &user)?;
                user
            }
            Err(e) => return Err(e.into()),
        };
        out.push(Actor::from_user(&user, None).ok_or_else(|| Error::internal("demo staff role"))?);
    }
    let head = out.pop().ok_or_else(|| Error::internal("demo head"))?;
    let desk = out.pop().ok_or_else(|| Error::internal("demo desk"))?;
    Ok((desk, head))
}

/// The company's representative: an existing one, or a demo account made and linked now
/// (as the register links one), without a password.
fn representative(conn: &mut DbConn, desk: &Actor, plan: &Plan, now: NaiveDateTime) -> Result<Actor, Error> {
    if let Some(user) = companies::representatives(conn, &plan.company.id)?.into_iter().find(|u| u.status == "active") {
        return Actor::from_user(&user, None).ok_or_else(|| Error::internal("representative role"));
    }
    let salt = office_salt(&plan.company.office_id) ^ 0x5245_5052_0000_0000;
    let tag = &plan.company.office_id[..8.min(plan.company.office_id.len())];
    let id = uuid::Uuid::from_u64_pair(salt, plan.i).to_string();
    let mut d = Dice(0x4852_4400_0000_0001 ^ (plan.i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let name = format!("{} {}", d.pick(&PEOPLE), d.pick(&SURNAMES));
    let user = match accounts::find_user(conn, &id) {
        Ok(u) => u,
        Err(diesel::result::Error::NotFound) => {
            let email = format!("hrd{}.{tag}@demo.harmoni.invalid", plan.i + 1);
            let user =
                office_made_user(id.clone(), &plan.company.office_id, &email, &name, Role::Perusahaan, Lang::Id, now);
            accounts::insert_user(conn, &user)?;
            user
        }
        Err(e) => return Err(e.into()),
    };
    companies::add_representative(
        conn,
        &RepresentativeRow {
            id: uuid::Uuid::from_u64_pair(salt ^ 1, plan.i).to_string(),
            company_id: plan.company.id.clone(),
            user_id: user.id.clone(),
            created_at: now,
        },
    )?;
    record(
        conn,
        &AuditEntry::by(
            desk,
            "company.representative_add",
            "company",
            &plan.company.id,
            format!("Perwakilan ditambahkan untuk {}: {} <{}>", plan.company.name, user.full_name, user.email),
        ),
        now,
    )?;
    Actor::from_user(&user, None).ok_or_else(|| Error::internal("representative role"))
}

/// Builds a company's history: its files and their dated steps, none after today.
fn plan_for(company: CompanyRow, i: u64, union: Option<UnionRow>, story: Story, days: &Days, d: &mut Dice) -> Plan {
    let big = matches!(company.size_class.as_str(), "besar" | "menengah");
    let online = story == Story::Draft || d.chance(if big { 65 } else { 35 });
    let pkb =
        story != Story::Deemed && union.as_ref().is_some_and(|u| u.registered_on < days.days_ago(900)) && d.chance(75);
    let kind = if pkb { Kind::Pkb } else { Kind::Pp };
    let advice = if union.is_some() {
        "serikat"
    } else if company.workers_total >= 50 || d.chance(50) {
        "wakil_pekerja"
    } else {
        "tidak_ada"
    };
    let slots = Slot::required(kind, true);
    let blank = |purpose: &'static str| Filing {
        kind,
        purpose,
        renews: None,
        pkb_starts_on: None,
        slots: slots.clone(),
        defects: Vec::new(),
        steps: Vec::new(),
        external: None,
    };
    // A file ratified or registered about `decide_on` (a PKB: taking effect the month before).
    let decided = |d: &mut Dice, decide_on: NaiveDate, purpose: &'static str| -> Filing {
        let correction = d.chance(if kind == Kind::Pp { 35 } else { 25 });
        let path = review_path(d, correction, true);
        let mut f = blank(purpose);
        if correction {
            f.defects = defects(d, kind);
        }
        match kind {
            Kind::Pp => f.steps = place_backward(days, decide_on, &path),
            Kind::Pkb => {
                let starts = first_of_month(decide_on - Duration::days(d.range(5, 25)));
                f.pkb_starts_on = Some(starts);
                f.steps = place_forward(days, starts + Duration::days(d.range(2, 12)), &path);
            }
        }
        f
    };
    // A PP decided on the working day before its validity would end on `ends_on`; a PKB
    // ending at the end of that month.
    let ending = |d: &mut Dice, ends_on: NaiveDate, purpose: &'static str| -> Filing {
        match kind {
            Kind::Pp => decided(d, months_before(ends_on + Duration::days(1), 24), purpose),
            Kind::Pkb => {
                let starts = months_before(month_end(ends_on) + Duration::days(1), 24);
                let c = d.chance(25);
                let path = review_path(d, c, true);
                let mut f = blank(purpose);
                if path.len() > 3 {
                    f.defects = defects(d, kind);
                }
                f.pkb_starts_on = Some(starts);
                f.steps = place_forward(days, starts + Duration::days(d.range(2, 12)), &path);
                f
            }
        }
    };
    let open = |d: &mut Dice, steps: Vec<(NaiveDate, Op)>, purpose: &'static str| -> Filing {
        let mut f = blank(purpose);
        if steps.iter().any(|(_, op)| *op == Op::Correction) {
            f.defects = defects(d, kind);
        }
        if kind == Kind::Pkb {
            let first = steps.first().map_or(days.today, |s| s.0);
            f.pkb_starts_on = Some(first_of_month(first));
        }
        f.steps = steps;
        f
    };
    let mut filings = Vec::new();
    match story {
        Story::Current => {
            let ago = d.range(30, 660);
            filings.push(decided(d, days.days_ago(ago), "baru"))
        }
        Story::NearExpiry => {
            let ends = days.today + Duration::days(d.range(10, 35));
            let ends = if kind == Kind::Pkb && month_end(ends) > days.today + Duration::days(40) {
                month_end(days.today)
            } else {
                ends
            };
            filings.push(ending(d, ends, "baru"));
            // Some have already started the renewal.
            if d.chance(35) {
                // A draft is prepared online; the desk records only what it receives.
                let mut renewal = if d.chance(50) || !online {
                    let received = days.back(d.range(0, 3));
                    open(d, vec![(received, Op::Submit)], "pembaruan")
                } else {
                    let mut f = open(d, Vec::new(), "pembaruan");
                    f.slots.truncate(1);
                    f
                };
                renewal.renews = Some(0);
                if kind == Kind::Pkb {
                    renewal.pkb_starts_on = Some(month_end(ends) + Duration::days(1));
                }
                if renewal.steps.is_empty() {
                    renewal.steps.push((days.days_ago(d.range(1, 10)), Op::Create));
                }
                filings.push(renewal);
            }
        }
        Story::Expired => {
            let ends = days.days_ago(d.range(10, 170));
            let ends = if kind == Kind::Pkb && month_end(ends) >= days.today {
                first_of_month(ends) - Duration::days(1)
            } else {
                ends
            };
            filings.push(ending(d, ends, "baru"));
        }
        Story::Renewed => {
            let ends = days.days_ago(d.range(40, 150));
            let ends = if kind == Kind::Pkb && month_end(ends) >= days.days_ago(20) {
                month_end(first_of_month(ends) - Duration::days(1))
            } else {
                ends
            };
            filings.push(ending(d, ends, "baru"));
            let mut renewal = blank("pembaruan");
            let c = d.chance(20);
            let path = review_path(d, c, true);
            if path.len() > 3 {
                renewal.defects = defects(d, kind);
            }
            renewal.renews = Some(0);
            match kind {
                Kind::Pp => renewal.steps = place_backward(days, ends - Duration::days(d.range(3, 30)), &path),
                Kind::Pkb => {
                    let starts = month_end(ends) + Duration::days(1);
                    renewal.pkb_starts_on = Some(starts);
                    renewal.steps = place_forward(days, starts - Duration::days(d.range(12, 30)), &path);
                }
            }
            filings.push(renewal);
        }
        Story::LapsedThenDecided | Story::WithdrawnThenDecided => {
            let received = days.on_or_after(days.days_ago(d.range(140, 620)));
            let first = if story == Story::LapsedThenDecided {
                let corrected = days.plus(received, d.range(2, 5));
                open(d, vec![(received, Op::Submit), (corrected, Op::Correction)], "baru")
            } else {
                let withdrawn = days.plus(received, d.range(1, 5));
                open(d, vec![(received, Op::Submit), (withdrawn, Op::Withdraw)], "baru")
            };
            let last = first.steps.last().map_or(received, |s| s.0);
            // The new file after the 14 working days ran out, or after the withdrawal.
            let again = days.plus(last, 15) + Duration::days(d.range(35, 100));
            filings.push(first);
            filings.push(decided(d, again.min(days.days_ago(10)), "baru"));
        }
        Story::External => {
            let issued = days.on_or_after(days.days_ago(d.range(30, 880)));
            let recorded = days.on_or_after(issued + Duration::days(d.range(5, 40))).min(days.on_or_before(days.today));
            let number = match kind {
                Kind::Pp => format!("561/Kep.{:03}-Disnakertrans/PP/{}", d.range(1, 900), issued.year()),
                Kind::Pkb => format!("568/{:03}/PKB/Disnakertrans/{}", d.range(1, 400), issued.year()),
            };
            let mut f = blank("baru");
            f.external = Some((issued, number));
            f.steps = vec![(recorded, Op::External)];
            filings.push(f);
        }
        Story::Deemed => {
            let received = days.back(d.range(36, 42));
            let compliant = days.plus(received, d.range(2, 4));
            filings.push(open(d, vec![(received, Op::Submit), (compliant, Op::Compliant)], "baru"));
        }
        Story::Draft => {
            let ago = d.range(1, 20);
            let mut f = open(d, vec![(days.days_ago(ago), Op::Create)], "baru");
            f.slots.truncate(if d.chance(50) { 1 } else { 2 });
            filings.push(f);
        }
        Story::Received => {
            let back = d.range(0, 4);
            filings.push(open(d, vec![(days.back(back), Op::Submit)], "baru"))
        }
        Story::Correcting => {
            let corrected = days.back(d.range(1, 9));
            let received = days.minus(corrected, d.range(2, 5));
            filings.push(open(d, vec![(received, Op::Submit), (corrected, Op::Correction)], "baru"));
        }
        Story::Compliant => {
            let compliant = days.back(d.range(0, 2));
            let received = days.minus(compliant, d.range(2, 4));
            filings.push(open(d, vec![(received, Op::Submit), (compliant, Op::Compliant)], "baru"));
        }
        Story::Lapsed => {
            let received = days.on_or_after(days.days_ago(d.range(60, 500)));
            let corrected = days.plus(received, d.range(2, 5));
            filings.push(open(d, vec![(received, Op::Submit), (corrected, Op::Correction)], "baru"));
        }
        Story::Withdrawn => {
            let received = days.on_or_after(days.days_ago(d.range(20, 400)));
            let withdrawn = days.plus(received, d.range(1, 5));
            filings.push(open(d, vec![(received, Op::Submit), (withdrawn, Op::Withdraw)], "baru"));
        }
    }
    // Every file starts with its draft: online some days before sending, at the counter on
    // the day of receipt.
    for f in &mut filings {
        if let Some(&(first, Op::Submit)) = f.steps.first() {
            let made = if online { first - Duration::days(d.range(1, 10)) } else { first };
            f.steps.insert(0, (made, Op::Create));
        }
        // Nothing happens after today: a step not yet due leaves the file where it is.
        f.steps.retain(|(day, _)| *day <= days.today);
    }
    Plan { company, i, online, union, advice, filings }
}

/// One dated step of the whole demo, to be taken in date order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Event {
    day: NaiveDate,
    phase: u32,
    plan: usize,
    filing: usize,
    step: usize,
}

/// Runtime state of one company's files.
#[derive(Default)]
struct State {
    rep: Option<Actor>,
    /// Submission (or external regulation) id of each filing.
    ids: Vec<Option<String>>,
    stopped: Vec<bool>,
}

/// Seeds the PP/PKB history of an office's demo companies (numbers 0..`companies`), then
/// applies the clocks as of today. Returns what was added.
pub fn seed_regulations(
    conn: &mut DbConn,
    settings: &Settings,
    office_id: &str,
    companies: u64,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Seeded, Error> {
    let calendar = crate::calendar::service::load(conn, office_id)?;
    let days = Days { cal: &calendar, today };
    let store = Store::new(&settings.storage.dir);
    let salt = office_salt(office_id);
    let (desk, head) = staff(conn, office_id, (today - Duration::days(1000)).and_hms_opt(1, 0, 0).unwrap_or(now))?;

    // Which companies get which story: fixed by the company's number, whatever is stored.
    let mut plans = Vec::new();
    let (mut first_reg, mut first_open) = (FIRST_WITH_REGULATION.iter(), FIRST_OPEN.iter());
    for i in 0..companies {
        let Some(company) = companies::find_any(conn, &crate::demo::company_id(office_id, i))? else { continue };
        if company.office_id != office_id || company.status != "active" || company.workers_total < 10 {
            continue;
        }
        let mut d = Dice(0x5050_504B_4200_0001 ^ salt ^ (i + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9));
        let union = unions::unions_at(conn, &company.id)?
            .into_iter()
            .filter(|(_, u)| u.status == "active")
            .max_by_key(|(link, _)| link.members)
            .map(|(_, u)| u);
        let roll = d.below(100);
        let elsewhere = company.footprint != "kota";
        // About 40% end with a PP or PKB: more where there is a union, and most of the companies
        // that already keep their other records (governance tends to come together); the next
        // tenth have files that are open today or ended without one.
        let c = crate::companies::records::criteria_of(conn, &company, settings, today)?;
        let ok = |c: &crate::companies::compliance::Criterion| {
            matches!(
                c,
                crate::companies::compliance::Criterion::Met { .. }
                    | crate::companies::compliance::Criterion::NotRequired
            )
        };
        let governed = ok(&c.lks) && ok(&c.wage) && ok(&c.bpjs);
        let with_regulation = if governed {
            85
        } else if union.is_some() {
            60
        } else {
            36
        };
        let story = if roll < with_regulation {
            if elsewhere {
                Story::External
            } else if let Some(s) = first_reg.next() {
                *s
            } else {
                weighted(
                    &mut d,
                    &[
                        (Story::Current, 52),
                        (Story::NearExpiry, 10),
                        (Story::Expired, 14),
                        (Story::Renewed, 12),
                        (Story::LapsedThenDecided, 6),
                        (Story::WithdrawnThenDecided, 6),
                    ],
                )
            }
        } else if roll < with_regulation + 10 && !elsewhere {
            if let Some(s) = first_open.next() {
                *s
            } else {
                weighted(
                    &mut d,
                    &[
                        (Story::Received, 30),
                        (Story::Correcting, 25),
                        (Story::Compliant, 15),
                        (Story::Draft, 15),
                        (Story::Lapsed, 10),
                        (Story::Withdrawn, 5),
                    ],
                )
            }
        } else {
            continue;
        };
        plans.push(plan_for(company, i, union, story, &days, &mut d));
    }

    // Companies that already have any PP/PKB row are left as they are.
    let mut events = Vec::new();
    let mut states: Vec<State> = Vec::new();
    for (p, plan) in plans.iter().enumerate() {
        let filter = model::SubmissionFilter { company_id: Some(plan.company.id.clone()), ..Default::default() };
        let scope = companies::Scope::Office(office_id.to_string());
        let known = model::list_submissions(conn, &scope, &filter, 0, 1)?.1 > 0
            || !model::company_regulations(conn, &plan.company.id)?.is_empty();
        states.push(State { rep: None, ids: vec![None; plan.filings.len()], stopped: vec![known; plan.filings.len()] });
        if known {
            continue;
        }
        for (f, filing) in plan.filings.iter().enumerate() {
            for (s, (day, op)) in filing.steps.iter().enumerate() {
                events.push(Event { day: *day, phase: op.phase(), plan: p, filing: f, step: s });
            }
        }
    }
    events.sort();

    let mut out = Seeded::default();
    let ctx = Ctx { settings, store: &store, desk: &desk, head: &head };
    write_tx(conn, |conn| {
        for e in &events {
            let (plan, state) = (&plans[e.plan], &mut states[e.plan]);
            if state.stopped[e.filing] {
                continue;
            }
            let (day, op) = plan.filings[e.filing].steps[e.step];
            let minute = (e.plan as u32 * 7) % 50 + e.step as u32;
            let at = day.and_hms_opt(1 + e.phase, minute, 0).unwrap_or(now).min(now);
            match write_tx(conn, |conn| take(conn, &ctx, plan, state, e.filing, op, day, at)) {
                Ok(()) => {
                    if op == Op::Create {
                        out.submissions += 1;
                    }
                }
                Err(err @ (Error::Invalid(_) | Error::Conflict(_) | Error::Forbidden | Error::NotFound)) => {
                    tracing::warn!(company = %plan.company.name, step = ?op, %day, error = %err, "demo PP/PKB step refused");
                    state.stopped[e.filing] = true;
                    out.refused += 1;
                }
                Err(err) => return Err(err),
            }
        }
        Ok(())
    })?;

    // The clocks that ran out since (lapsed corrections, the deemed ratification, renewal
    // reminders), then every touched company's standing as of today.
    service::sweep(conn, settings, today, now)?;
    let touched: Vec<&Plan> =
        plans.iter().zip(&states).filter(|(_, s)| s.ids.iter().any(Option::is_some)).map(|(p, _)| p).collect();
    write_tx(conn, |conn| {
        for plan in &touched {
            if let Some(company) = companies::find_any(conn, &plan.company.id)? {
                crate::companies::standing::refresh(conn, settings, &company, today)?;
            }
            out.regulations += model::company_regulations(conn, &plan.company.id)?.len() as u64;
        }
        out.companies = touched.len() as u64;
        if out.companies > 0 {
            record(
                conn,
                &AuditEntry::system(
                    office_id,
                    "demo.seed_regulations",
                    "office",
                    office_id,
                    format!(
                        "Data contoh PP/PKB dimuat: {} perusahaan, {} pengajuan, {} PP/PKB",
                        out.companies, out.submissions, out.regulations
                    ),
                ),
                now,
            )?;
        }
        Ok(())
    })?;
    Ok(out)
}

fn weighted(d: &mut Dice, choices: &[(Story, u64)]) -> Story {
    let total: u64 = choices.iter().map(|(_, w)| w).sum();
    let mut roll = d.below(total);
    for (s, w) in choices {
        if roll < *w {
            return *s;
        }
        roll -= w;
    }
    choices[0].0
}

/// What every step needs besides the company's own state.
struct Ctx<'a> {
    settings: &'a Settings,
    store: &'a Store,
    desk: &'a Actor,
    head: &'a Actor,
}

/// Takes one step of a company's file through the use case.
#[expect(clippy::too_many_arguments, reason = "one step of one file of one company")]
fn take(
    conn: &mut DbConn,
    ctx: &Ctx,
    plan: &Plan,
    state: &mut State,
    f: usize,
    op: Op,
    day: NaiveDate,
    now: NaiveDateTime,
) -> Result<(), Error> {
    let filing = &plan.filings[f];
    let (kind, company) = (filing.kind, &plan.company);
    let filer = if plan.online {
        if state.rep.is_none() {
            state.rep = Some(representative(conn, ctx.desk, plan, now)?);
        }
        state.rep.clone().ok_or_else(|| Error::internal("demo representative"))?
    } else {
        ctx.desk.clone()
    };
    let id = state.ids[f].clone().unwrap_or_default();
    let step = |action: &str| StepInput { action: action.into(), ..Default::default() };
    let checklist = |defects: &[Item]| -> Vec<ReviewItemInput> {
        Item::for_kind(kind, ctx.settings.regulations.require_wage_scale)
            .into_iter()
            .map(|item| {
                let met = !defects.contains(&item);
                ReviewItemInput {
                    item: item.code().into(),
                    met,
                    reason: if met { String::new() } else { defect_reason(item).into() },
                }
            })
            .collect()
    };
    match op {
        Op::Create => {
            let replaces_id = match filing.renews.and_then(|r| state.ids[r].clone()) {
                Some(sub) => model::regulation_of_submission(conn, &sub)?.map(|r| r.id).unwrap_or_default(),
                None => String::new(),
            };
            let input = SubmissionInput {
                kind: kind.as_str().into(),
                company_id: company.id.clone(),
                nib: String::new(),
                purpose: filing.purpose.into(),
                replaces_id,
                details: DetailsInput {
                    advice_from: if kind == Kind::Pp { plan.advice.into() } else { String::new() },
                    pkb_starts_on: filing.pkb_starts_on.map(|d| d.to_string()).unwrap_or_default(),
                    pkb_term_months: if kind == Kind::Pkb { "24".into() } else { String::new() },
                    union_ids: plan.union.iter().filter(|_| kind == Kind::Pkb).map(|u| u.id.clone()).collect(),
                },
            };
            let row = service::create(conn, &filer, &input, now)?;
            for slot in &filing.slots {
                let stored = document(ctx.store, company, kind, slot.code(), day, false)?;
                service::attach(conn, &filer, &row.id, slot.code(), &stored, now)?;
            }
            state.ids[f] = Some(row.id);
        }
        Op::External => {
            let (issued, number) = filing.external.clone().ok_or_else(|| Error::internal("external without decree"))?;
            let stored = document(ctx.store, company, kind, &format!("Nomor {number}"), issued, false)?;
            let until = crate::regulations::rules::pp_valid_until(issued);
            let input = ExternalInput {
                kind: kind.as_str().into(),
                company_id: company.id.clone(),
                nib: String::new(),
                issuer_level: "provinsi".into(),
                issuer_name: PROVINCE.into(),
                number,
                issued_on: issued.to_string(),
                valid_from: issued.to_string(),
                valid_until: until.to_string(),
            };
            let reg = service::record_external(conn, ctx.desk, &input, Some(&stored), ctx.settings, day, now)?;
            state.ids[f] = Some(reg.id);
        }
        Op::Submit | Op::Resubmit => {
            if op == Op::Resubmit {
                let stored = document(ctx.store, company, kind, "naskah", day, true)?;
                service::attach(conn, &filer, &id, "naskah", &stored, now)?;
            }
            let input = StepInput {
                received_on: if plan.online { String::new() } else { day.to_string() },
                ..step(if op == Op::Submit { "submit" } else { "resubmit" })
            };
            service::take_step(conn, &filer, &id, &input, ctx.settings, day, now)?;
        }
        Op::Correction => {
            let input = StepInput {
                items: checklist(&filing.defects),
                note: "Mohon naskah diperbaiki sesuai catatan dan diajukan kembali dalam 14 hari kerja.".into(),
                ..step("correction")
            };
            service::take_step(conn, ctx.desk, &id, &input, ctx.settings, day, now)?;
        }
        Op::Compliant => {
            let input = StepInput { items: checklist(&[]), ..step("compliant") };
            service::take_step(conn, ctx.desk, &id, &input, ctx.settings, day, now)?;
        }
        Op::Withdraw => {
            let note = match kind {
                Kind::Pp => "Perusahaan menarik pengajuan untuk menyempurnakan naskah bersama wakil pekerja.",
                Kind::Pkb => "Para pihak sepakat merundingkan kembali beberapa pasal sebelum PKB didaftarkan.",
            };
            service::take_step(
                conn,
                &filer,
                &id,
                &StepInput { note: note.into(), ..step("withdraw") },
                ctx.settings,
                day,
                now,
            )?;
        }
        Op::Decide => {
            service::take_step(conn, ctx.head, &id, &step("decide"), ctx.settings, day, now)?;
        }
    }
    Ok(())
}
