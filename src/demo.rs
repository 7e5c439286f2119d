//! `harmoni demo`: a believable Kota Bekasi register (companies spread over kecamatan, sectors
//! and sizes, with LKS Bipartit, wage scales and BPJS figures of varying compliance), made
//! deterministically so that every newcomer sees the same living system.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::audit::service::{record, AuditEntry};
use crate::companies::model::{self, BpjsRow, CompanyRow, LksMemberRow, LksRow, WageGradeRow, WageScaleRow};
use crate::companies::rules::Regions;
use crate::db::{write_tx, DbConn};
use crate::error::Error;

/// A small deterministic generator (xorshift64*), so the demo needs no randomness crate and
/// comes out the same every time.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const WORDS: [&str; 24] = [
    "Sinar",
    "Mitra",
    "Karya",
    "Bumi",
    "Prima",
    "Cahaya",
    "Jaya",
    "Abadi",
    "Sentosa",
    "Makmur",
    "Mandiri",
    "Sejahtera",
    "Indo",
    "Nusantara",
    "Patriot",
    "Maju",
    "Mulia",
    "Gemilang",
    "Perkasa",
    "Lestari",
    "Utama",
    "Harapan",
    "Bintang",
    "Samudra",
];

/// Sectors with a KBLI 2020 code each.
const SECTORS: [(&str, &str); 20] = [
    ("10792", "Roti"),
    ("13112", "Tekstil"),
    ("14111", "Garmen"),
    ("22230", "Plastik"),
    ("25920", "Logam"),
    ("29300", "Otomotif"),
    ("26120", "Elektronik"),
    ("27320", "Kabel"),
    ("20221", "Kimia"),
    ("17022", "Kemasan"),
    ("46100", "Niaga"),
    ("47111", "Ritel"),
    ("49431", "Logistik"),
    ("52101", "Pergudangan"),
    ("56101", "Kuliner"),
    ("55110", "Hotel"),
    ("86103", "Medika"),
    ("41011", "Konstruksi"),
    ("62019", "Teknologi"),
    ("81210", "Kebersihan"),
];

/// Business scales with their share of companies and a believable workforce.
const SCALES: [(&str, u64, i64, i64); 4] =
    [("mikro", 18, 1, 9), ("kecil", 40, 5, 49), ("menengah", 30, 20, 249), ("besar", 12, 100, 2500)];

const PEOPLE: [&str; 16] = [
    "Agus", "Siti", "Budi", "Dewi", "Eko", "Rina", "Joko", "Lestari", "Hendra", "Wati", "Yusuf", "Nur", "Andi",
    "Putri", "Rudi", "Ayu",
];

/// A stable number per office, so that two offices' demo records never share an id.
fn office_salt(office_id: &str) -> u64 {
    office_id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// The id of demo company number `i` of an office.
pub fn company_id(office_id: &str, i: u64) -> String {
    uuid::Uuid::from_u64_pair(office_salt(office_id), i).to_string()
}

/// Makes company number `i` (0-based); the same `i` always gives the same company.
pub fn company(i: u64, office_id: &str, regions: &Regions, today: NaiveDate, now: NaiveDateTime) -> CompanyRow {
    let mut d = Dice(0x9E37_79B9_7F4A_7C15 ^ (i.wrapping_add(1)).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    let (kbli, sector) = *d.pick(&SECTORS);
    let roll = d.below(100);
    let mut acc = 0;
    let &(size, _, lo, hi) = SCALES
        .iter()
        .find(|(_, share, _, _)| {
            acc += share;
            roll < acc
        })
        .unwrap_or(&SCALES[1]);
    let workers = d.range(lo, hi) as i32;
    let female = (workers as i64 * d.range(20, 70) / 100) as i32;
    let pkwt = (workers as i64 * d.range(0, 60) / 100) as i32;
    let kec = d.pick(&regions.kecamatan);
    let legal = if size == "mikro" && d.chance(50) {
        "cv"
    } else if d.chance(4) {
        "koperasi"
    } else {
        "pt"
    };
    let prefix = if legal == "cv" {
        "CV"
    } else if legal == "koperasi" {
        "Koperasi"
    } else {
        "PT"
    };
    let first = *d.pick(&WORDS);
    let second =
        WORDS[(WORDS.iter().position(|w| *w == first).unwrap_or(0) + 1 + d.below(WORDS.len() as u64 - 1) as usize)
            % WORDS.len()];
    let name = format!("{prefix} {first} {second} {sector} {}", i + 1);
    let wlkp = d.chance(85);
    CompanyRow {
        id: company_id(office_id, i),
        office_id: office_id.into(),
        name,
        legal_form: legal.into(),
        nib: format!("91{:011}", 20_000_000_000u64 + i),
        npwp: d.chance(90).then(|| format!("0{:015}", 10_000_000_000_000u64 + i * 7)),
        kbli_code: kbli.into(),
        kbli_edition: 2020,
        address: format!("Jl. {} Raya No. {}", d.pick(&WORDS), d.range(1, 250)),
        outside_city: false,
        kecamatan_code: Some(kec.code.clone()),
        kelurahan: Some(d.pick(&kec.kelurahan).clone()),
        footprint: if d.chance(8) { "multi_kabkota" } else { "kota" }.into(),
        size_class: size.into(),
        workers_male: workers - female,
        workers_female: female,
        workers_pkwt: pkwt,
        workers_pkwtt: workers - pkwt,
        workers_total: workers,
        workforce_reported_on: Some(today - Duration::days(d.range(10, 400))),
        wlkp_registered: wlkp,
        wlkp_registered_on: wlkp.then(|| today - Duration::days(d.range(100, 2500))),
        contact_name: format!("{} {}", d.pick(&PEOPLE), d.pick(&["(HRD)", "(Personalia)", "(Direktur)"])),
        contact_phone: Some(format!("+62812{:08}", i % 100_000_000)),
        contact_email: Some(format!("hrd{}@contoh.co.id", i + 1)),
        status: if d.chance(3) { "closed" } else { "active" }.into(),
        created_at: now,
        updated_at: now,
    }
}

/// A demo company's records: a BPJS figure, a wage scale with grades, an LKS with members.
struct DemoRecords {
    bpjs: Option<BpjsRow>,
    wage: Option<(WageScaleRow, Vec<WageGradeRow>)>,
    lks: Option<(LksRow, Vec<LksMemberRow>)>,
}

/// The compliance records of a demo company, with a believable spread of gaps.
fn records(c: &CompanyRow, i: u64, today: NaiveDate, now: NaiveDateTime, umk: i64) -> DemoRecords {
    let mut d = Dice(0xD1B5_4A32_D192_ED03 ^ (i + 7).wrapping_mul(0x94D0_49BB_1331_11EB));
    let salt = office_salt(&c.office_id);
    let id = |kind: u64, n: u64| uuid::Uuid::from_u64_pair(salt ^ kind, n).to_string();
    let bpjs = d.chance(72).then(|| {
        let full = d.chance(70);
        BpjsRow {
            id: id(0x4250_4a53 << 32, i),
            company_id: c.id.clone(),
            npp: format!("{:08}", 10_000_000 + i),
            registered_on: today - Duration::days(d.range(400, 4000)),
            jkk: true,
            jkm: true,
            jht: c.size_class != "mikro" || full,
            jp: matches!(c.size_class.as_str(), "menengah" | "besar") && full,
            jkp: full,
            workers_enrolled: (c.workers_total as i64 * d.range(60, 100) / 100).max(1) as i32,
            as_of: today - Duration::days(d.range(5, 90)),
            created_at: now,
        }
    });
    let wage = (c.size_class != "mikro" && d.chance(45)).then(|| {
        let scale = WageScaleRow {
            id: id(0x5741_4745 << 32, i),
            company_id: c.id.clone(),
            effective_on: NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
            workers_informed: d.chance(85),
            created_at: now,
        };
        // Most pay at least the UMK; some lowest grades lag behind the new year's UMK.
        let lowest = if d.chance(85) { umk + d.range(0, 40) * 1_000_000 } else { umk - d.range(5, 30) * 1_000_000 };
        let grades = (0..4)
            .map(|g| WageGradeRow {
                id: id((0x4752_4144 << 32) + g, i),
                wage_scale_id: scale.id.clone(),
                position: g as i32,
                grade: ["I", "II", "III", "IV"][g as usize].into(),
                job_level: ["Operator", "Staf", "Supervisor", "Manajer"][g as usize].into(),
                min_sen: lowest + g as i64 * 150_000_000,
                max_sen: lowest + g as i64 * 150_000_000 + 100_000_000,
            })
            .collect();
        (scale, grades)
    });
    let lks = (c.workers_total >= 50 && d.chance(55)).then(|| {
        let formed_on = today - Duration::days(d.range(60, 1600));
        let lks = LksRow {
            id: id(0x4c4b_5342 << 32, i),
            company_id: c.id.clone(),
            formed_on,
            registration_number: d.chance(85).then(|| format!("568/{}/LKS-Bip/{}", i + 1, formed_on.year())),
            registered_on: None,
            created_at: now,
            // Most notify within the 14 working days; some late.
            notified_on: Some(
                (formed_on + Duration::days(if d.chance(80) { d.range(1, 18) } else { d.range(25, 60) })).min(today),
            ),
        };
        let lks = LksRow {
            registered_on: lks
                .registration_number
                .as_ref()
                .map(|_| (lks.notified_on.unwrap_or(formed_on) + Duration::days(d.range(2, 10))).min(today)),
            ..lks
        };
        let members = (0..6)
            .map(|m| LksMemberRow {
                id: id((0x4d45_4d00 << 32) + m, i),
                lks_id: lks.id.clone(),
                position: m as i32,
                name: format!("{} {}", d.pick(&PEOPLE), d.pick(&WORDS)),
                side: if m < 3 { "pengusaha" } else { "pekerja" }.into(),
                office: ["ketua", "sekretaris", "anggota", "wakil_ketua", "anggota", "anggota"][m as usize].into(),
            })
            .collect();
        (lks, members)
    });
    DemoRecords { bpjs, wage, lks }
}

/// Seeds `count` demo companies into an office, skipping NIBs it already holds (so running it
/// twice adds nothing). Returns how many were added.
pub fn seed(
    conn: &mut DbConn,
    office_id: &str,
    count: u64,
    regions: &Regions,
    umk: i64,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<u64, Error> {
    let mut added = 0;
    let mut start = 0;
    while start < count {
        let end = (start + 2000).min(count);
        added += write_tx(conn, |conn| {
            let mut n = 0;
            for i in start..end {
                let c = company(i, office_id, regions, today, now);
                if model::find_by_nib(conn, office_id, &c.nib)?.is_some() {
                    continue;
                }
                model::insert(conn, &c)?;
                let DemoRecords { bpjs, wage, lks } = records(&c, i, today, now, umk);
                if let Some(b) = bpjs {
                    model::insert_bpjs(conn, &b)?;
                }
                if let Some((s, g)) = wage {
                    model::insert_wage_scale(conn, &s, &g)?;
                }
                if let Some((l, m)) = lks {
                    model::insert_lks(conn, &l, &m)?;
                }
                n += 1;
            }
            Ok(n)
        })?;
        start = end;
    }
    write_tx(conn, |conn| {
        record(
            conn,
            &AuditEntry::system(
                office_id,
                "demo.seed",
                "office",
                office_id,
                format!("Data contoh dimuat: {added} perusahaan beserta LKS, skala upah dan BPJS"),
            ),
            now,
        )
    })?;
    Ok(added)
}
