//! Demo dispute cases for `harmoni demo`: a believable year of about 125 complaints at the demo
//! companies (the national mix: about 70% PHK, 25% hak, 4% kepentingan, under 1% antar SP/SB),
//! walked through the real use cases by a demo desk officer, head of division and three
//! mediators, so that every case has its history, audit rows, notices and running deadlines.
//! Recent cases are still open at their stage. Keys are fixed: running it again adds nothing.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::accounts::model as accounts;
use crate::accounts::service::office_made_user;
use crate::accounts::{Actor, Role};
use crate::cases::model as cases;
use crate::cases::rules::{Forum, Side};
use crate::cases::service::{self, BipartiteInput, ComplaintInput, Step, WorkerInput};
use crate::config::Settings;
use crate::db::{write_tx, DbConn};
use crate::demo::{office_salt, Dice, PEOPLE};
use crate::error::Error;
use harmoni_templates::Lang;

/// How many cases a year the demo office handles (DOMAIN.md section 10).
pub const CASES_PER_YEAR: u64 = 125;

const SURNAMES: [&str; 12] = [
    "Saputra",
    "Lestari",
    "Hidayat",
    "Wulandari",
    "Pratama",
    "Kurniawan",
    "Rahmawati",
    "Setiawan",
    "Nugroho",
    "Susanti",
    "Permana",
    "Handayani",
];

const STORIES: [(&str, &str); 4] = [
    (
        "phk",
        "Saya di-PHK dengan alasan efisiensi tanpa perundingan dan tanpa pesangon sesuai PP 35/2021.|Pesangon, uang penghargaan masa kerja dan uang penggantian hak sesuai PP 35/2021.",
    ),
    (
        "hak",
        "Upah lembur tiga bulan terakhir tidak dibayar dan THR dibayar kurang dari satu bulan upah.|Pembayaran upah lembur yang tertunggak dan kekurangan THR.",
    ),
    (
        "kepentingan",
        "Perundingan PKB periode baru buntu tentang kenaikan tunjangan transportasi dan shift malam.|Kenaikan tunjangan transportasi dan tunjangan shift malam dalam PKB baru.",
    ),
    (
        "antar_sp",
        "Dua serikat pekerja di perusahaan berselisih tentang keanggotaan dan hak mewakili dalam perundingan PKB.|Verifikasi keanggotaan dan penetapan serikat yang berhak berunding.",
    ),
];

/// The demo staff of an office: desk officer, head of division and three mediators. Accounts
/// without a password; an administrator can send them a reset link to try the workbench.
fn staff(conn: &mut DbConn, office_id: &str, now: NaiveDateTime) -> Result<Vec<Actor>, Error> {
    let salt = office_salt(office_id);
    let tag = &office_id[..8.min(office_id.len())];
    let people = [
        ("petugas", "Rina Marlina (petugas demo)"),
        ("pimpinan", "Drs. Hendra Gunawan (Kabid HI demo)"),
        ("mediator", "Siti Nurhaliza, S.H. (mediator demo)"),
        ("mediator", "Bambang Sutrisno, S.H. (mediator demo)"),
        ("mediator", "Dewi Anggraini, S.H., M.H. (mediator demo)"),
    ];
    let mut out = Vec::new();
    for (n, (role, name)) in people.iter().enumerate() {
        let id = uuid::Uuid::from_u64_pair(salt, 0xCA5E_0000 + n as u64).to_string();
        let user = match accounts::find_user(conn, &id).map(Some).or_else(|e| match e {
            diesel::result::Error::NotFound => Ok(None),
            e => Err(e),
        })? {
            Some(u) => u,
            None => {
                let role = Role::parse(role).ok_or_else(|| Error::internal("demo staff role"))?;
                let email = format!("{}{n}.{tag}@demo.harmoni.invalid", role.as_str());
                let user = office_made_user(id.clone(), office_id, &email, name, role, Lang::Id, now);
                accounts::insert_user(conn, &user)?;
                user
            }
        };
        out.push(Actor::from_user(&user, None).ok_or_else(|| Error::internal("demo staff role"))?);
    }
    Ok(out)
}

/// A structurally valid NIK of a Kota Bekasi resident, different for each case.
fn nik(d: &mut Dice, k: u64) -> String {
    let day = d.range(1, 28) + if d.chance(40) { 40 } else { 0 };
    format!("3275{:02}{:02}{:02}{:02}{:04}", d.range(1, 12), day, d.range(1, 12), d.range(75, 99), 1 + k % 9000)
}

/// Seeds a year of cases; returns how many were added.
pub fn seed_cases(
    conn: &mut DbConn,
    settings: &Settings,
    office_id: &str,
    companies: u64,
    today: NaiveDate,
) -> Result<u64, Error> {
    if companies == 0 {
        return Ok(0);
    }
    let now_of = |day: NaiveDate| day.and_hms_opt(2, 0, 0).unwrap_or_default();
    let team = staff(conn, office_id, now_of(today - Duration::days(400)))?;
    let desk = &team[0];
    let tag = &office_id[..8.min(office_id.len())];
    let mut added = 0;
    for k in 0..CASES_PER_YEAR {
        let key = format!("demo-{tag}-{k:04}");
        if cases::find_by_submission(conn, &desk.user_id, &key)?.is_some() {
            continue;
        }
        let mut d = Dice(0xC0FF_EE00_D15B_0000 ^ (k + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let r = d.below(100);
        let dispute_type = if k == 62 {
            "antar_sp"
        } else if r < 70 {
            "phk"
        } else if r < 95 {
            "hak"
        } else {
            "kepentingan"
        };
        let (_, story) = STORIES.iter().find(|(t, _)| *t == dispute_type).copied().unwrap_or(STORIES[0]);
        let (chronology, demands) = story.split_once('|').unwrap_or((story, story));
        let filed_on = today - Duration::days(365 - (k * 365 / CASES_PER_YEAR) as i64);
        let company = crate::demo::company_id(office_id, (k * 13) % companies);
        let worker = format!("{} {}", d.pick(&PEOPLE), d.pick(&SURNAMES));
        let input = ComplaintInput {
            dispute_type: dispute_type.into(),
            company_id: company,
            chronology: chronology.into(),
            demands: demands.into(),
            workers: vec![WorkerInput {
                full_name: worker.clone(),
                nik: nik(&mut d, k),
                job_title: (*d.pick(&["Operator produksi", "Staf gudang", "Pengemudi", "Admin", "Teknisi"])).into(),
                started_on: (filed_on - Duration::days(d.range(400, 4000))).to_string(),
                monthly_wage: (5_500_000 + d.range(0, 30) * 100_000).to_string(),
                ..Default::default()
            }],
            contact_name: worker,
            contact_phone: format!("08{}", 1_200_000_000 + d.below(800_000_000)),
            identity_checked: true,
            consent_recorded: true,
            submission_key: key,
            submit: false,
            ..Default::default()
        };
        // The filing and the whole walk are one transaction: a server running beside the demo
        // sweeps clocks as of today, and must not act on a case half-way through its past
        // (it would record an anjuran as unanswered before the walk records the answers).
        write_tx(conn, |conn| {
            let draft = service::file(conn, settings, desk, &input, filed_on, now_of(filed_on))?.case;
            let evidence = BipartiteInput {
                kind: if d.chance(80) { "risalah" } else { "undangan_ditolak" }.into(),
                held_on: (filed_on - Duration::days(d.range(7, 30))).to_string(),
                summary: "Perundingan bipartit tidak mencapai kesepakatan.".into(),
            };
            service::add_bipartite(conn, desk, &draft.id, &evidence, None, filed_on, now_of(filed_on))?;
            added += 1;
            let mut story = Walk { conn: &mut *conn, settings, id: &draft.id, day: filed_on, today, stopped: false };
            walk(&mut story, &mut d, &team, dispute_type)
        })?;
    }
    // Clocks that ran out since (answers to an anjuran never given) take effect now.
    service::sweep_clocks(conn, settings, today, now_of(today))?;
    Ok(added)
}

/// The path of one case after its filing, as far as the days up to today allow.
fn walk(story: &mut Walk, d: &mut Dice, team: &[Actor], dispute_type: &str) -> Result<(), Error> {
    let (desk, head) = (&team[0], &team[1]);
    if !story.take(desk, 0, Step::Submit)? {
        return Ok(());
    }
    let screening = d.below(100);
    if screening < 4 {
        let reasons = "Lampirkan risalah bipartit yang ditandatangani kedua pihak.".to_string();
        story.take(desk, 3, Step::Return { reasons })?;
        return Ok(());
    }
    if screening < 7 {
        let to = "UPTD Pengawasan Ketenagakerjaan Wilayah II Jawa Barat".to_string();
        let note = "Pelanggaran norma (upah di bawah UMK) ditangani pengawas ketenagakerjaan.".to_string();
        story.take(desk, 3, Step::Refer { to, note })?;
        return Ok(());
    }
    if !story.take(desk, 2, Step::Register { company_id: None, note: None })? {
        return Ok(());
    }
    // Hak disputes go straight to delegation; for the others most parties choose mediation and
    // the rest let the 7 working days pass (Harmoni then moves the case on by itself).
    let mut delegate_after = 3;
    if dispute_type != "hak" {
        if d.chance(85) {
            for side in Side::ALL {
                story.take(desk, 1, Step::ForumAnswer { side, forum: Forum::Mediasi, person: None })?;
            }
        } else {
            delegate_after = 20;
        }
    }
    let case = cases::find_any(story.conn, story.id)?.ok_or(Error::NotFound)?;
    let choices = service::mediator_choices(story.conn, story.settings, head, &case, story.day)?;
    let Some(mediator) = choices.iter().find(|m| m.suggested).and_then(|m| team.iter().find(|a| a.user_id == m.id))
    else {
        return Ok(());
    };
    if !story.take(head, delegate_after, Step::Assign { mediator_id: mediator.user_id.clone() })? {
        return Ok(());
    }
    if d.chance(30) {
        let start = story.day + Duration::days(1);
        let notes = "Klarifikasi kepada para pihak tentang pokok perselisihan.".to_string();
        story.take(
            mediator,
            2,
            Step::Clarification { started_on: start, ended_on: start + Duration::days(1), notes },
        )?;
    }
    // Sessions are planned through the schedule: a numbered summons per party, handed over by
    // the desk. An absent employer is summoned properly twice; the mediator then proceeds on
    // the data at hand.
    let company_absent = d.chance(15);
    let rounds = if company_absent { 2 } else { 1 };
    for _ in 0..rounds {
        let attendance = crate::schedules::demo::Attendance {
            worker_present: true,
            company_present: !company_absent,
            minutes: if company_absent {
                "Pihak pengusaha tidak hadir tanpa keterangan."
            } else {
                "Para pihak menyampaikan keterangan dan bukti."
            }
            .into(),
        };
        let plan_day = story.day + Duration::days(1);
        let (desk, today) = (&team[0], story.today);
        let held = crate::schedules::demo::session(
            story.conn,
            story.settings,
            desk,
            mediator,
            story.id,
            plan_day,
            today,
            attendance,
        )?;
        match held {
            Some(day) => story.day = day,
            // Not held yet: the case waits at its upcoming session.
            None => return Ok(()),
        }
    }
    let outcome = d.below(100);
    if outcome < 10 {
        let reason = "Para pihak berdamai di luar mediasi.".to_string();
        story.take(mediator, 3, Step::Withdraw { on: story.day + Duration::days(3), reason })?;
        return Ok(());
    }
    if outcome < 55 && !company_absent {
        let text = "Para pihak sepakat menyelesaikan perselisihan dengan pembayaran kompensasi.".to_string();
        story.take(mediator, 0, Step::SignPb { signed_on: story.day, text })?;
        return Ok(());
    }
    let issued = story.day + Duration::days(7);
    let text = "Menganjurkan pengusaha membayar hak pekerja sesuai peraturan perundang-undangan.".to_string();
    if !story.take(mediator, 7, Step::Anjuran { issued_on: issued, received_on: issued, text })? {
        return Ok(());
    }
    let answers = d.below(100);
    if answers < 20 {
        // Nobody answers: Harmoni records the rejection when the 10 working days are over.
        return Ok(());
    }
    if answers < 55 {
        let on = story.day + Duration::days(5);
        story.take(mediator, 5, Step::AnjuranAnswer { side: Side::Pekerja, accept: true, answered_on: on })?;
        let on = story.day + Duration::days(1);
        story.take(mediator, 1, Step::AnjuranAnswer { side: Side::Pengusaha, accept: false, answered_on: on })?;
        return Ok(());
    }
    for side in Side::ALL {
        let on = story.day + Duration::days(3);
        story.take(mediator, 3, Step::AnjuranAnswer { side, accept: true, answered_on: on })?;
    }
    let text = "Perjanjian Bersama sesuai anjuran yang diterima para pihak.".to_string();
    story.take(mediator, 2, Step::SignPb { signed_on: story.day + Duration::days(2), text })?;
    Ok(())
}

/// One case being walked through its days: each step happens some days after the previous
/// one, and not at all when that day has not come yet (the case stays open at its stage).
struct Walk<'a> {
    conn: &'a mut DbConn,
    settings: &'a Settings,
    id: &'a str,
    day: NaiveDate,
    today: NaiveDate,
    /// A step's day had not come: the case stays at that stage, and no later step happens
    /// (a later step a shorter time after the last one taken would otherwise skip it).
    stopped: bool,
}

impl Walk<'_> {
    fn take(&mut self, actor: &Actor, days_later: i64, step: Step) -> Result<bool, Error> {
        let day = self.day + Duration::days(days_later);
        if self.stopped || day > self.today {
            self.stopped = true;
            return Ok(false);
        }
        let now = day.and_hms_opt(2, 0, 0).unwrap_or_default();
        service::take_step(self.conn, self.settings, actor, self.id, &step, day, now)?;
        self.day = day;
        Ok(true)
    }
}
