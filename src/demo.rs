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
/// comes out the same every time (public for the benchmarks, which seed at national scale).
pub struct Dice(pub u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Words of the demo company and person names.
pub const WORDS: [&str; 24] = [
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

pub const PEOPLE: [&str; 16] = [
    "Agus", "Siti", "Budi", "Dewi", "Eko", "Rina", "Joko", "Lestari", "Hendra", "Wati", "Yusuf", "Nur", "Andi",
    "Putri", "Rudi", "Ayu",
];

/// A stable number per office, so that two offices' demo records never share an id.
pub fn office_salt(office_id: &str) -> u64 {
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
pub struct DemoRecords {
    pub bpjs: Option<BpjsRow>,
    pub wage: Option<(WageScaleRow, Vec<WageGradeRow>)>,
    pub lks: Option<(LksRow, Vec<LksMemberRow>)>,
}

/// The compliance records of a demo company, with a believable spread of gaps (without the LKS
/// meetings and reports, which `seed` adds; the benchmarks insert these rows in bulk).
pub fn records(c: &CompanyRow, i: u64, today: NaiveDate, now: NaiveDateTime, umk: i64) -> DemoRecords {
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

const LKS_AGENDA: [&str; 8] = [
    "Evaluasi jadwal kerja lembur",
    "Persiapan pembayaran THR",
    "Keselamatan dan kesehatan kerja di lini produksi",
    "Sosialisasi struktur dan skala upah",
    "Rencana pelatihan operator",
    "Penyesuaian jadwal shift",
    "Fasilitas kesejahteraan pekerja",
    "Evaluasi kinerja dan produktivitas",
];

/// Meetings of the last six months and most of the six-monthly reports owed, so that demo
/// LKS have a history (some skip meetings or reports, as real ones do).
fn lks_activity(conn: &mut DbConn, lks: &LksRow, i: u64, today: NaiveDate, now: NaiveDateTime) -> Result<(), Error> {
    use crate::companies::compliance::{semester_end, semesters_due};
    use crate::companies::model::{LksMeetingRow, LksReportRow};
    let mut d = Dice(0x4d45_4554_0000_0001 ^ (i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let diligent = d.chance(60);
    for m in 0..6u64 {
        let held_on = today - Duration::days(m as i64 * 30 + d.range(1, 20));
        if held_on <= lks.formed_on || !(diligent || d.chance(40)) {
            continue;
        }
        let row = LksMeetingRow {
            id: uuid::Uuid::from_u64_pair(0x4c4b_534d << 32 | m, i).to_string(),
            lks_id: lks.id.clone(),
            held_on,
            agenda: d.pick(&LKS_AGENDA).to_string(),
            created_at: now,
        };
        model::insert_lks_meeting(conn, &row)?;
    }
    let due = semesters_due(lks.formed_on, 3, today);
    for (k, s) in due.iter().rev().take(4).enumerate() {
        if !(diligent || d.chance(50)) {
            continue;
        }
        let row = LksReportRow {
            id: uuid::Uuid::from_u64_pair(0x4c4b_5352 << 32 | k as u64, i).to_string(),
            lks_id: lks.id.clone(),
            period_year: s.0,
            period_half: s.1 as i32,
            received_on: (semester_end(*s) + Duration::days(d.range(5, 45))).min(today),
            summary: "Kegiatan LKS Bipartit selama semester: rapat berkala, usulan perbaikan K3 dan jadwal kerja."
                .into(),
            created_at: now,
        };
        model::insert_lks_report(conn, &row)?;
    }
    Ok(())
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
                    lks_activity(conn, &l, i, today, now)?;
                }
                n += 1;
            }
            Ok(n)
        })?;
        start = end;
    }
    let unions = seed_unions(conn, office_id, count, today, now)?;
    seed_tripartit(conn, office_id, today, now)?;
    crate::notices::demo::seed_notices(conn, office_id, count, today, now)?;
    write_tx(conn, |conn| {
        record(
            conn,
            &AuditEntry::system(
                office_id,
                "demo.seed",
                "office",
                office_id,
                format!(
                    "Data contoh dimuat: {added} perusahaan beserta LKS, skala upah dan BPJS; {unions} serikat pekerja"
                ),
            ),
            now,
        )
    })?;
    Ok(added)
}

/// Federations and confederations active in Kota Bekasi, for the demo unions' names.
const FEDERATIONS: [(&str, &str); 8] = [
    ("PUK SPAMK FSPMI", "FSPMI"),
    ("PUK SP KEP SPSI", "KSPSI"),
    ("PUK SP LEM SPSI", "KSPSI"),
    ("PSP SPN", "SPN"),
    ("PK F-SERBUK", "KSBSI"),
    ("PTP SPL FSPMI", "FSPMI"),
    ("PUK SP TSK SPSI", "KSPSI"),
    ("SB Garteks", "KSBSI"),
];

/// Demo unions (one for about every 25 companies, at most 200): each a plant-level union at
/// a company of 50 workers or more, a few also with members at a second company; some
/// dissolved. Fixed ids, added only when missing. Returns how many were added.
pub fn seed_unions(
    conn: &mut DbConn,
    office_id: &str,
    companies: u64,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<u64, Error> {
    use crate::unions::model::{self as unions, UnionCompanyRow, UnionRow};
    let wanted = (companies / 25).min(200);
    let salt = office_salt(office_id) ^ 0x554e_494f_4e53;
    write_tx(conn, |conn| {
        let mut added = 0;
        let mut i = 0u64;
        let mut u = 0u64;
        while u < wanted && i < companies {
            let idx = (i * 7919) % companies;
            i += 1;
            let Some(company) = model::find_any(conn, &company_id(office_id, idx))? else { continue };
            if company.workers_total < 50 {
                continue;
            }
            let mut d = Dice(0x5EED_0000_0000_0001 ^ (u + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let id = uuid::Uuid::from_u64_pair(salt, u).to_string();
            u += 1;
            if unions::find(conn, office_id, &id)?.is_some() {
                continue;
            }
            let (prefix, federation) = *d.pick(&FEDERATIONS);
            let registered_on = today - Duration::days(d.range(200, 4000));
            let share = d.range(20, 85);
            let members = (company.workers_total as i64 * share / 100).max(10) as i32;
            let row = UnionRow {
                id: id.clone(),
                office_id: office_id.into(),
                name: format!("{prefix} {}", company.name),
                federation: Some(federation.into()),
                registration_number: format!("568/{}/SP-SB/Disnaker/{}", 100 + u, registered_on.year()),
                registered_on,
                member_count: members,
                chair_name: format!("{} {}", d.pick(&PEOPLE), d.pick(&WORDS)),
                secretary_name: format!("{} {}", d.pick(&PEOPLE), d.pick(&WORDS)),
                treasurer_name: d.chance(80).then(|| format!("{} {}", d.pick(&PEOPLE), d.pick(&WORDS))),
                status: if d.chance(8) { "dissolved" } else { "active" }.into(),
                created_at: now,
                updated_at: now,
            };
            unions::insert(conn, &row)?;
            unions::link(
                conn,
                &UnionCompanyRow {
                    id: uuid::Uuid::from_u64_pair(salt ^ 1, u).to_string(),
                    union_id: id.clone(),
                    company_id: company.id.clone(),
                    members,
                },
            )?;
            // Some unions also organise workers at a neighbouring company.
            if d.chance(15) {
                let other = company_id(office_id, (idx + 1) % companies);
                if other != company.id && model::find_any(conn, &other)?.is_some() {
                    unions::link(
                        conn,
                        &UnionCompanyRow {
                            id: uuid::Uuid::from_u64_pair(salt ^ 2, u).to_string(),
                            union_id: id,
                            company_id: other,
                            members: d.range(10, 60) as i32,
                        },
                    )?;
                }
            }
            added += 1;
        }
        Ok(added)
    })
}

/// The demo LKS Tripartit Kota: the 2024–2027 term (SK Wali Kota) with 5 members per side,
/// a meeting every quarter since the term began up to `today` with attendance and minutes,
/// and a few recommendations in every status. Each row has a fixed id and is added only when
/// missing, so running it again adds only the meetings that have come due since. Nothing is
/// added when the office already recorded an overlapping term of its own. Returns the number
/// of meetings added.
pub fn seed_tripartit(conn: &mut DbConn, office_id: &str, today: NaiveDate, now: NaiveDateTime) -> Result<u64, Error> {
    use crate::tripartit::model::{self as tri, AttendanceRow, MeetingRow, MemberRow, RecommendationRow, TermRow};
    use crate::tripartit::rules::{add_months, RecStatus};

    let salt = office_salt(office_id);
    let id = |kind: u64, n: u64| uuid::Uuid::from_u64_pair(salt ^ (kind << 32), n).to_string();
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(today);
    let starts_on = date(2024, 7, 1);
    let ends_on = date(2027, 7, 1);
    if today < starts_on {
        return Ok(0);
    }
    const MEMBERS: [(&str, &str, &str, &str); 15] = [
        ("Ahmad Syaifuddin", "pemerintah", "Wali Kota Bekasi", "ketua"),
        ("Dewi Kartikasari", "pemerintah", "Kepala Dinas Tenaga Kerja Kota Bekasi", "wakil_ketua"),
        ("Hendra Gunawan", "pemerintah", "Dinas Tenaga Kerja Kota Bekasi", "sekretaris"),
        ("Siti Rahmawati", "pemerintah", "Bappelitbangda Kota Bekasi", "anggota"),
        ("Rudi Setiawan", "pemerintah", "Bagian Hukum Setda Kota Bekasi", "anggota"),
        ("Andi Wijaya", "pengusaha", "DPK APINDO Kota Bekasi", "wakil_ketua"),
        ("Lina Marlina", "pengusaha", "DPK APINDO Kota Bekasi", "anggota"),
        ("Bambang Sutrisno", "pengusaha", "DPK APINDO Kota Bekasi", "anggota"),
        ("Yohanes Pratama", "pengusaha", "DPK APINDO Kota Bekasi", "anggota"),
        ("Ratna Sari", "pengusaha", "DPK APINDO Kota Bekasi", "anggota"),
        ("Sutrisno Hadi", "pekerja", "DPC KSPSI Kota Bekasi", "wakil_ketua"),
        ("Joko Susilo", "pekerja", "KC FSPMI Kota Bekasi", "anggota"),
        ("Nur Aini", "pekerja", "DPC KSPSI AGN Kota Bekasi", "anggota"),
        ("Agus Salim", "pekerja", "DPC KSBSI Kota Bekasi", "anggota"),
        ("Wahyu Hidayat", "pekerja", "DPC SPN Kota Bekasi", "anggota"),
    ];
    let term = TermRow {
        id: id(0x5452_4950, 0),
        office_id: office_id.into(),
        decree_number: "560/Kep.215-Disnaker/VI/2024".into(),
        starts_on,
        ends_on,
        created_at: now,
    };
    let members: Vec<MemberRow> = MEMBERS
        .iter()
        .enumerate()
        .map(|(i, (name, side, organisation, role))| MemberRow {
            id: id(0x5452_4d42, i as u64),
            term_id: term.id.clone(),
            position: i as i32,
            name: (*name).into(),
            side: (*side).into(),
            organisation: (*organisation).into(),
            role: (*role).into(),
        })
        .collect();
    write_tx(conn, |conn| {
        match tri::overlapping(conn, office_id, starts_on, ends_on)? {
            Some(t) if t.id != term.id => return Ok(0),
            Some(_) => {}
            None => tri::insert_term(conn, &term, &members)?,
        }
        let mut added = 0;
        for q in 0u64.. {
            // A working day in the second or third week of each quarter of the term.
            let mut held_on = add_months(starts_on, 3 * q as u32) + Duration::days(8 + (q as i64 * 5) % 9);
            while held_on.weekday().number_from_monday() > 5 {
                held_on += Duration::days(1);
            }
            if held_on > today || held_on >= ends_on {
                break;
            }
            let meeting_id = id(0x5452_4d54, q);
            if tri::find_meeting(conn, office_id, &meeting_id)?.is_some()
                || tri::meeting_on(conn, office_id, held_on)?.is_some()
            {
                continue;
            }
            let (y, m) = (held_on.year(), held_on.month());
            let (agenda, minutes) = match m {
                1..=3 => (
                    format!("Persiapan pembayaran THR Keagamaan {y} dan posko pengaduan THR"),
                    "Disnaker memaparkan jadwal posko pengaduan THR. APINDO meminta sosialisasi dini kepada perusahaan kecil; unsur pekerja meminta posko menerima pengaduan daring.",
                ),
                4..=6 => (
                    format!("Evaluasi pembayaran THR {y} dan peringatan May Day"),
                    "Pengaduan THR yang masuk dan penyelesaiannya dibahas per kecamatan. Peringatan May Day berjalan tertib; disepakati dialog lanjutan tentang pekerja alih daya.",
                ),
                7..=9 => (
                    "Pencegahan PHK di sektor garmen, tekstil dan alas kaki".to_string(),
                    "Unsur pekerja melaporkan rencana pengurangan pekerja di beberapa perusahaan padat karya. Disepakati pemantauan bersama dan pendampingan perundingan bipartit.",
                ),
                _ => (
                    format!("Pembahasan rekomendasi UMK Kota Bekasi {}", y + 1),
                    "Dewan Pengupahan memaparkan hasil survei dan formula penyesuaian upah. Unsur pekerja dan pengusaha menyampaikan pandangan masing-masing; rekomendasi disusun untuk Wali Kota.",
                ),
            };
            let meeting = MeetingRow {
                id: meeting_id.clone(),
                office_id: office_id.into(),
                term_id: term.id.clone(),
                held_on,
                agenda,
                minutes_summary: minutes.into(),
                created_at: now,
            };
            let mut d = Dice(0xA076_1D64_78BD_642F ^ (q + 1).wrapping_mul(0xE703_7ED1_A0B4_28DB));
            let attendance: Vec<AttendanceRow> = members
                .iter()
                .enumerate()
                // The chair sometimes sends word through the vice-chair; a few members miss a meeting.
                .map(|(i, mem)| AttendanceRow {
                    meeting_id: meeting_id.clone(),
                    member_id: mem.id.clone(),
                    present: if i == 0 { d.chance(60) } else { d.chance(85) },
                })
                .collect();
            tri::insert_meeting(conn, &meeting, &attendance)?;
            added += 1;
            // Each recommendation goes through the steps whose day has come: (days after the
            // meeting, status reached, follow-up note).
            let (subject, text, steps): (String, &str, &[(i64, RecStatus, &str)]) = match m {
                10..=12 => (
                    format!("UMK Kota Bekasi {}", y + 1),
                    "Wali Kota mengusulkan UMK kepada Gubernur Jawa Barat sesuai hasil pembahasan Dewan Pengupahan, dengan memperhatikan pandangan unsur pekerja dan pengusaha.",
                    &[
                        (10, RecStatus::Ditindaklanjuti, "Usulan disampaikan kepada Gubernur Jawa Barat dengan surat Wali Kota."),
                        (45, RecStatus::Selesai, "UMK ditetapkan dengan Keputusan Gubernur Jawa Barat."),
                    ],
                ),
                7..=9 => (
                    "Posko pencegahan PHK di Disnaker".into(),
                    "Membentuk posko pencegahan PHK yang menerima laporan rencana PHK dan mendampingi perundingan bipartit sejak dini.",
                    &[(21, RecStatus::Ditindaklanjuti, "Posko dibuka di kantor Disnaker setiap hari kerja.")],
                ),
                4..=6 if y == 2025 => (
                    "Pelatihan kerja bagi pekerja terkena PHK".into(),
                    "Menganggarkan pelatihan berbasis kompetensi di UPTD Latihan Kerja bagi pekerja yang terkena PHK.",
                    &[(60, RecStatus::TidakDitindaklanjuti, "Tidak tersedia anggaran tahun berjalan; diusulkan kembali dalam perencanaan tahun berikutnya.")],
                ),
                4..=6 => (
                    "Dialog sosial tentang pekerja alih daya".into(),
                    "Disnaker memfasilitasi dialog antara serikat pekerja dan perusahaan penyedia jasa pekerja tentang pemenuhan hak pekerja alih daya.",
                    &[(30, RecStatus::Ditindaklanjuti, "Dialog dijadwalkan bersama perusahaan penyedia jasa pekerja.")],
                ),
                _ => (
                    format!("Pengawasan pembayaran THR {y}"),
                    "Pengaduan THR yang tidak diselesaikan perusahaan dalam batas waktu diteruskan kepada pengawas ketenagakerjaan provinsi.",
                    &[
                        (30, RecStatus::Ditindaklanjuti, "Pengaduan yang belum selesai diteruskan kepada UPTD Pengawasan Ketenagakerjaan Wilayah II."),
                        (120, RecStatus::Selesai, "Seluruh pengaduan THR yang diteruskan telah ditangani pengawas."),
                    ],
                ),
            };
            // The working day on or after `days` after the meeting.
            let step_day = |days: i64| {
                let mut d = held_on + Duration::days(days);
                while d.weekday().number_from_monday() > 5 {
                    d += Duration::days(1);
                }
                d
            };
            let reached: Vec<&(i64, RecStatus, &str)> =
                steps.iter().filter(|(days, _, _)| step_day(*days) <= today).collect();
            let mut recs = vec![RecommendationRow {
                id: id(0x5452_5243, q),
                office_id: office_id.into(),
                meeting_id: meeting_id.clone(),
                subject,
                text: text.into(),
                addressed_to: "Wali Kota Bekasi".into(),
                status: reached.last().map_or(RecStatus::Diajukan, |s| s.1).as_str().into(),
                follow_up: reached
                    .iter()
                    .map(|(days, status, note)| {
                        format!("{} {}: {note}", step_day(*days), status.label(harmoni_templates::Lang::Id))
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
                status_on: reached.last().map_or(held_on, |s| step_day(s.0)),
                created_at: now,
                updated_at: now,
            }];
            if (7..=9).contains(&m) {
                // One the Wali Kota has not answered yet.
                recs.push(RecommendationRow {
                    id: id(0x5452_5244, q),
                    office_id: office_id.into(),
                    meeting_id: meeting_id.clone(),
                    subject: "Insentif bagi perusahaan yang menghindari PHK".into(),
                    text: "Memberikan keringanan retribusi daerah bagi perusahaan padat karya yang mempertahankan pekerjanya melalui perundingan bipartit.".into(),
                    addressed_to: "Wali Kota Bekasi".into(),
                    status: RecStatus::Diajukan.as_str().into(),
                    follow_up: String::new(),
                    status_on: held_on,
                    created_at: now,
                    updated_at: now,
                });
            }
            for r in &recs {
                tri::insert_recommendation(conn, r)?;
            }
        }
        if added > 0 {
            record(
                conn,
                &AuditEntry::system(
                    office_id,
                    "demo.seed_tripartit",
                    "tripartit_term",
                    &term.id,
                    format!(
                        "Data contoh LKS Tripartit dimuat: SK {}, {added} rapat beserta rekomendasinya",
                        term.decree_number
                    ),
                ),
                now,
            )?;
        }
        Ok(added)
    })
}
