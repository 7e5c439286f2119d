//! Demo notices and PHK reports for `harmoni demo`: a believable year of strikes, lock-outs and
//! terminations at the demo companies, with fixed ids so that running it again adds nothing.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::audit::service::{record, AuditEntry};
use crate::calendar::service::{compute, DeadlineRequest};
use crate::db::{write_tx, DbConn};
use crate::error::Error;
use crate::notices::model::{self, FacilitationRow, NoticeRow, PhkReportRow, PhkWorkerRow};
use crate::notices::rules::{self, Kind, NoticeCheck, Outcome, PhkReason};
use crate::notices::service::RECEIPT_SERIES;

/// What happened to one demo notice.
struct Story {
    kind: Kind,
    /// Days before today it was received.
    received_days_ago: i64,
    /// Working days from receipt to the start (under 7 is short notice).
    lead_days: u32,
    reasons: &'static str,
    place: &'static str,
    /// Facilitation meetings, then the outcome (none: still in facilitation).
    meetings: usize,
    outcome: Option<Outcome>,
    note: &'static str,
}

const STORIES: [Story; 8] = [
    Story {
        kind: Kind::Mogok,
        received_days_ago: 320,
        lead_days: 10,
        reasons: "Upah lembur bulan-bulan terakhir tidak dibayar sesuai ketentuan PP 35/2021.",
        place: "Halaman pabrik dan pintu gerbang utama",
        meetings: 2,
        outcome: Some(Outcome::Pb),
        note: "Perusahaan membayar kekurangan upah lembur dalam dua tahap; mogok dibatalkan.",
    },
    Story {
        kind: Kind::Mogok,
        received_days_ago: 255,
        lead_days: 11,
        reasons: "Penolakan perpanjangan PKWT berulang; tuntutan pengangkatan menjadi PKWTT.",
        place: "Area parkir karyawan",
        meetings: 1,
        outcome: Some(Outcome::Pb),
        note: "Sebanyak 42 pekerja PKWT diangkat menjadi PKWTT mulai bulan berikutnya.",
    },
    Story {
        kind: Kind::Penutupan,
        received_days_ago: 210,
        lead_days: 9,
        reasons: "Pekerja bagian produksi melakukan perlambatan kerja setelah perundingan PKB buntu.",
        place: "Seluruh area produksi",
        meetings: 2,
        outcome: Some(Outcome::Batal),
        note: "Perundingan PKB dilanjutkan; perusahaan menarik pemberitahuan penutupan.",
    },
    Story {
        kind: Kind::Mogok,
        received_days_ago: 170,
        lead_days: 12,
        reasons: "Perusahaan belum menerapkan struktur dan skala upah; tuntutan perundingan upah.",
        place: "Depan kantor manajemen",
        meetings: 3,
        outcome: Some(Outcome::Pb),
        note: "Struktur dan skala upah disusun bersama dan diberitahukan kepada pekerja.",
    },
    Story {
        kind: Kind::Mogok,
        received_days_ago: 115,
        lead_days: 3,
        reasons: "PHK sepihak terhadap dua pengurus serikat pekerja.",
        place: "Pintu gerbang pabrik",
        meetings: 2,
        outcome: Some(Outcome::TidakSepakat),
        note: "Tidak tercapai kesepakatan; perselisihan PHK dicatatkan untuk mediasi.",
    },
    Story {
        kind: Kind::Mogok,
        received_days_ago: 75,
        lead_days: 8,
        reasons: "Keterlambatan pembayaran upah dua bulan berturut-turut.",
        place: "Halaman pabrik",
        meetings: 1,
        outcome: Some(Outcome::Pb),
        note: "Upah yang terlambat dibayar lunas beserta dendanya.",
    },
    Story {
        kind: Kind::Penutupan,
        received_days_ago: 40,
        lead_days: 10,
        reasons: "Penolakan pekerja atas perubahan jadwal kerja shift yang telah dirundingkan di LKS Bipartit.",
        place: "Gudang dan area bongkar muat",
        meetings: 1,
        outcome: Some(Outcome::Pb),
        note: "Jadwal shift baru diberlakukan bertahap dengan tunjangan transportasi malam.",
    },
    Story {
        kind: Kind::Mogok,
        received_days_ago: 12,
        lead_days: 9,
        reasons: "Tuntutan pembayaran THR yang belum dibayar penuh.",
        place: "Halaman pabrik",
        meetings: 1,
        outcome: None,
        note: "",
    },
];

const NAMES: [&str; 24] = [
    "Ahmad Fauzi",
    "Siti Rahmawati",
    "Budi Santoso",
    "Dewi Lestari",
    "Eko Prasetyo",
    "Rina Marlina",
    "Joko Susilo",
    "Nur Aini",
    "Hendra Gunawan",
    "Wati Suryani",
    "Yusuf Hidayat",
    "Putri Ayu",
    "Andi Wijaya",
    "Rudi Hartono",
    "Lina Kartika",
    "Agus Salim",
    "Sri Wahyuni",
    "Dedi Kurniawan",
    "Maya Sari",
    "Fajar Nugroho",
    "Indah Permata",
    "Rizki Ramadhan",
    "Yuni Astuti",
    "Bayu Saputra",
];
const JOBS: [&str; 8] = [
    "Operator produksi",
    "Staf gudang",
    "Pengemudi",
    "Teknisi mesin",
    "Staf administrasi",
    "Quality control",
    "Petugas kebersihan",
    "Operator forklift",
];
const REASONS: [PhkReason; 8] = [
    PhkReason::Efisiensi,
    PhkReason::Efisiensi,
    PhkReason::MengundurkanDiri,
    PhkReason::Pelanggaran,
    PhkReason::Mangkir,
    PhkReason::Pensiun,
    PhkReason::PenutupanPerusahaan,
    PhkReason::Efisiensi,
];

fn salt(office_id: &str) -> u64 {
    office_id.bytes().fold(0x4e4f_5449_4345_5321, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// 08.00 WIB of a day, in UTC.
fn morning(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN)) - Duration::hours(7)
}

/// A structurally valid NIK (Jawa Barat) for demo worker `n`.
fn demo_nik(n: u64) -> String {
    let kab = [75, 16, 18, 4][(n % 4) as usize];
    let kec = 1 + n % 12;
    let day = 1 + (n * 7) % 28;
    let woman = n % 3 == 1;
    let month = 1 + (n * 5) % 12;
    let year = 70 + (n * 3) % 35;
    format!("32{kab:02}{kec:02}{:02}{month:02}{:02}{:04}", if woman { day + 40 } else { day }, year % 100, 1 + n % 9000)
}

/// Seeds the demo notices (6 strikes, 2 lock-outs, with facilitations, mostly settled by PB,
/// one short of notice) and 40 PHK reports at the first `companies` demo companies of the
/// office. Returns how many notices and reports were added (0 when run again).
pub fn seed_notices(
    conn: &mut DbConn,
    office_id: &str,
    companies: u64,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<u64, Error> {
    use crate::companies::model as registry;
    use crate::unions::model as unions;
    if companies == 0 {
        return Ok(0);
    }
    // The demo has no settings at hand: it numbers receipts and counts notice periods with the
    // shipped defaults (the statutory clocks cannot be changed by an office anyway).
    let settings = crate::config::Settings::load_from(None, &[]).map_err(Error::internal)?;
    let deadline_rules = &*settings.deadline_rules;
    let n = &settings.notices;
    let s = salt(office_id);
    let id = |kind: u64, n: u64| uuid::Uuid::from_u64_pair(s ^ (kind << 40), n).to_string();
    write_tx(conn, |conn| {
        let calendar = crate::calendar::service::load(conn, office_id)?;
        let scope = registry::Scope::Office(office_id.to_string());
        // The demo's unions, each with its company: strikes are theirs.
        let (union_rows, _) = unions::list(conn, office_id, None, 0, 50)?;
        let mut added = 0;
        for (i, story) in STORIES.iter().enumerate() {
            let notice_id = id(1, i as u64);
            if model::find_notice(conn, &scope, &notice_id)?.is_some() {
                continue;
            }
            let union = union_rows.get(i * 3 % union_rows.len().max(1)).filter(|u| u.status == "active");
            let company = match union.map(|u| unions::companies_of(conn, &u.id)).transpose()? {
                Some(list) if !list.is_empty() => list[0].1.clone(),
                _ => {
                    match registry::find_any(conn, &crate::demo::company_id(office_id, (i as u64 * 37) % companies))? {
                        Some(c) => c,
                        None => continue,
                    }
                }
            };
            // Paper notices reach the office on working days.
            let received_on =
                calendar.add_working_days(today - Duration::days(story.received_days_ago), 0).due.min(today);
            let received_at = morning(received_on, 9);
            let starts_on = calendar.add_working_days(received_on, story.lead_days).due;
            let starts_at = morning(starts_on, 7);
            let ends_at = morning(starts_on + Duration::days(2), 17);
            let due = compute(&calendar, deadline_rules, starts_on, &DeadlineRequest::Rule(story.kind.rule().into()))?
                .computation
                .due;
            let year = received_on.year();
            let seq = crate::sequences::next(conn, office_id, RECEIPT_SERIES, year)?;
            let (giver, signatories, union_id) = match (story.kind, union) {
                (Kind::Mogok, Some(u)) => (
                    u.name.clone(),
                    format!("{}; ketua\n{}; sekretaris", u.chair_name, u.secretary_name),
                    Some(u.id.clone()),
                ),
                (Kind::Mogok, None) => (
                    format!("Koordinator pekerja {}", company.name),
                    "Bayu Saputra; koordinator\nRina Marlina; koordinator".into(),
                    None,
                ),
                (Kind::Penutupan, _) => (company.name.clone(), format!("{}; Direktur", NAMES[i % NAMES.len()]), None),
            };
            let row = NoticeRow {
                id: notice_id.clone(),
                office_id: office_id.into(),
                kind: story.kind.as_str().into(),
                company_id: company.id.clone(),
                union_id,
                giver_name: giver,
                signatories,
                received_at,
                starts_at,
                ends_at: Some(ends_at),
                place: story.place.into(),
                reasons: story.reasons.into(),
                notice_due_on: due,
                short_notice: received_on > due,
                protected_sector: None,
                missing_content: String::new(),
                receipt_number: rules::receipt_number(&n.receipt_classification, seq, &n.receipt_unit, year),
                receipt_year: year,
                receipt_seq: seq,
                submitted_online: story.kind == Kind::Penutupan,
                outcome: None,
                outcome_on: None,
                outcome_note: String::new(),
                pb_witness: None,
                case_id: None,
                created_by: None,
                created_at: now,
                updated_at: now,
            };
            model::insert_notice(conn, &row)?;
            let mut last = received_on;
            for m in 0..story.meetings {
                let held_on = calendar.add_working_days(received_on, 2 + 3 * m as u32).due.min(today);
                last = held_on;
                model::insert_facilitation(
                    conn,
                    &FacilitationRow {
                        id: id(2, (i * 10 + m) as u64),
                        notice_id: notice_id.clone(),
                        held_on,
                        attendees: format!(
                            "Pengurus {}; manajemen dan HRD {}; mediator dan petugas Disnaker",
                            row.giver_name, company.name
                        ),
                        notes: if m + 1 == story.meetings {
                            story.note.into()
                        } else {
                            "Para pihak menyampaikan posisi masing-masing; perundingan dilanjutkan.".into()
                        },
                        created_by: None,
                        created_at: now,
                    },
                )?;
            }
            if let Some(outcome) = story.outcome {
                let witness = (outcome == Outcome::Pb).then_some("Hendra Gunawan, S.H.");
                model::set_outcome(conn, &notice_id, outcome.as_str(), last, story.note, witness, now)?;
            }
            added += 1;
        }

        let mut worker_n = 0u64;
        for r in 0..40u64 {
            let report_id = id(3, r);
            if model::find_report(conn, &scope, &report_id)?.is_some() {
                continue;
            }
            let Some(company) =
                registry::find_any(conn, &crate::demo::company_id(office_id, (r * 13 + 5) % companies))?
            else {
                continue;
            };
            let reason = REASONS[(r % REASONS.len() as u64) as usize];
            let recorded_on = today - Duration::days(3 + r as i64 * 8);
            let report = PhkReportRow {
                id: report_id.clone(),
                office_id: office_id.into(),
                company_id: company.id.clone(),
                reason_category: reason.as_str().into(),
                reason_text: match reason {
                    PhkReason::Efisiensi => "Penurunan pesanan ekspor; pengurangan satu lini produksi.".into(),
                    PhkReason::PenutupanPerusahaan => "Cabang gudang ditutup karena kontrak sewa berakhir.".into(),
                    _ => String::new(),
                },
                submitted_online: r % 3 != 0,
                created_by: None,
                created_at: morning(recorded_on, 10),
            };
            let count = 1 + (r * 7) % 4;
            let mut rows = Vec::new();
            for w in 0..count {
                worker_n += 1;
                let probation = worker_n.is_multiple_of(9);
                let terminated_on = recorded_on - Duration::days(2 + (w as i64 % 3));
                let rule = if probation { "pemberitahuan_phk_percobaan" } else { "pemberitahuan_phk" };
                let due = compute(&calendar, deadline_rules, terminated_on, &DeadlineRequest::Rule(rule.into()))?
                    .computation
                    .due;
                // Most notices on time, some a few days late, a few not given at all.
                let notice_on = match worker_n % 10 {
                    0 => None,
                    3 | 7 => Some(due + Duration::days(3)),
                    _ => Some(due - Duration::days((worker_n % 5) as i64)),
                };
                let check = NoticeCheck::of(notice_on, due, reason.needs_notice());
                rows.push(PhkWorkerRow {
                    id: id(4, worker_n),
                    report_id: report_id.clone(),
                    position: w as i32,
                    name: NAMES[(worker_n as usize * 5) % NAMES.len()].into(),
                    nik: demo_nik(worker_n),
                    job_title: JOBS[(worker_n % JOBS.len() as u64) as usize].into(),
                    started_on: terminated_on - Duration::days(if probation { 40 } else { 400 + worker_n as i64 * 31 }),
                    terminated_on,
                    probation,
                    notice_on,
                    notice_due_on: due,
                    notice_short: check.short(),
                });
            }
            model::insert_report(conn, &report, &rows)?;
            added += 1;
        }
        if added > 0 {
            record(
                conn,
                &AuditEntry::system(
                    office_id,
                    "demo.seed_notices",
                    "office",
                    office_id,
                    format!("Data contoh pemberitahuan mogok/penutupan dan laporan PHK dimuat: {added} catatan"),
                ),
                now,
            )?;
        }
        Ok(added)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_niks_are_well_formed() {
        for n in 0..2000 {
            crate::identity::Nik::parse(&demo_nik(n)).unwrap_or_else(|e| panic!("{n}: {} {e:?}", demo_nik(n)));
        }
    }
}
