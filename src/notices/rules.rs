//! Notice and PHK report rules without IO: kinds, content checks, the protected sectors, the
//! status of a notice, receipt numbers, local (WIB) times, PHK reasons and worker lines.

use crate::input::words;

use chrono::{NaiveDate, NaiveDateTime};
use harmoni_templates::Lang;

use crate::config::ProtectedSector;
use crate::error::{Bilingual, Problem};
use crate::identity::Nik;

// Local (WIB) times are shared with every area that plans or records a moment.
pub use crate::calendar::local::{local_date, local_input, parse_local};

/// What is announced: a strike by the workers or a lock-out by the employer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Mogok kerja (UU 13/2003 Ps 140): notice by the union or coordinators.
    Mogok,
    /// Penutupan perusahaan, lock-out (Ps 146-149): notice by the employer.
    Penutupan,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Mogok, Kind::Penutupan];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Mogok => "mogok",
            Kind::Penutupan => "penutupan",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Kind::Mogok => l.t("Mogok kerja", "Strike"),
            Kind::Penutupan => l.t("Penutupan perusahaan (lock-out)", "Lock-out"),
        }
    }

    /// The deadline rule (deadlines.toml) for the notice period.
    pub fn rule(self) -> &'static str {
        match self {
            Kind::Mogok => "pemberitahuan_mogok",
            Kind::Penutupan => "pemberitahuan_penutupan_perusahaan",
        }
    }
}

/// One signatory as typed: "name; position" (the position may be left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signatory {
    pub name: String,
    pub position: String,
}

/// Reads the signatories, one per line: "name; position". An empty list is allowed (and
/// flagged as missing content), a line without a readable name is refused.
pub fn parse_signatories(text: &str) -> Result<Vec<Signatory>, Problem> {
    let mut out = Vec::new();
    for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let mut parts = line.splitn(2, ';').map(words);
        let name = parts.next().unwrap_or_default();
        let position = parts.next().unwrap_or_default();
        if name.chars().count() < 2 || name.chars().count() > 120 || position.chars().count() > 120 {
            return Err(Problem::at(
                "invalid_signatory",
                "signatories",
                format!("Baris {}: tulis \"nama; jabatan\", misalnya \"Sutrisno; ketua\".", i + 1),
                format!("Line {}: write \"name; position\", e.g. \"Sutrisno; ketua\".", i + 1),
            ));
        }
        out.push(Signatory { name, position });
    }
    if out.len() > 50 {
        return Err(Problem::at(
            "invalid_signatory",
            "signatories",
            "Paling banyak 50 penanda tangan.",
            "At most 50 signatories.",
        ));
    }
    Ok(out)
}

/// Content the law asks of a notice that is missing from it; the notice is recorded and flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Missing {
    NoSignatories,
    /// A strike notice signed neither by the union's chair and secretary nor by coordinators.
    SignatoriesIncomplete,
    NoPlace,
    NoReasons,
    NoEnd,
    EndBeforeStart,
}

impl Missing {
    pub const ALL: [Missing; 6] = [
        Missing::NoSignatories,
        Missing::SignatoriesIncomplete,
        Missing::NoPlace,
        Missing::NoReasons,
        Missing::NoEnd,
        Missing::EndBeforeStart,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Missing::NoSignatories => "tanpa_tanda_tangan",
            Missing::SignatoriesIncomplete => "tanda_tangan_tidak_lengkap",
            Missing::NoPlace => "tanpa_tempat",
            Missing::NoReasons => "tanpa_alasan",
            Missing::NoEnd => "tanpa_waktu_berakhir",
            Missing::EndBeforeStart => "berakhir_sebelum_mulai",
        }
    }

    pub fn parse(s: &str) -> Option<Missing> {
        Missing::ALL.into_iter().find(|m| m.code() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Missing::NoSignatories => l.t("Tidak ada tanda tangan", "No signatures"),
            Missing::SignatoriesIncomplete => l.t(
                "Tidak ditandatangani ketua dan sekretaris serikat pekerja (atau koordinator yang ditunjuk)",
                "Not signed by the union's chair and secretary (or appointed coordinators)",
            ),
            Missing::NoPlace => l.t("Tempat tidak disebutkan", "No place given"),
            Missing::NoReasons => l.t("Alasan tidak disebutkan", "No reasons given"),
            Missing::NoEnd => l.t("Waktu berakhir tidak disebutkan", "No end given"),
            Missing::EndBeforeStart => l.t("Waktu berakhir sebelum waktu mulai", "The end is before the start"),
        }
    }

    /// The stored list: codes separated by commas.
    pub fn join(list: &[Missing]) -> String {
        list.iter().map(|m| m.code()).collect::<Vec<_>>().join(",")
    }

    pub fn split(stored: &str) -> Vec<Missing> {
        stored.split(',').filter_map(Missing::parse).collect()
    }
}

/// What the notice lacks of the content UU 13/2003 Ps 140(2) and Ps 148(2) ask for.
pub fn missing_content(
    kind: Kind,
    signatories: &[Signatory],
    place: &str,
    reasons: &str,
    starts_at: NaiveDateTime,
    ends_at: Option<NaiveDateTime>,
) -> Vec<Missing> {
    let mut out = Vec::new();
    if signatories.is_empty() {
        out.push(Missing::NoSignatories);
    } else if kind == Kind::Mogok {
        let has = |word: &str| signatories.iter().any(|s| s.position.to_lowercase().contains(word));
        let signed = (has("ketua") && has("sekretaris")) || has("koordinator");
        if !signed {
            out.push(Missing::SignatoriesIncomplete);
        }
    }
    if place.trim().is_empty() {
        out.push(Missing::NoPlace);
    }
    if reasons.trim().is_empty() {
        out.push(Missing::NoReasons);
    }
    match ends_at {
        None => out.push(Missing::NoEnd),
        Some(end) if end <= starts_at => out.push(Missing::EndBeforeStart),
        Some(_) => {}
    }
    out
}

/// The protected sector a company's KBLI code falls in, if any (a lock-out is not allowed there).
pub fn protected_sector<'a>(kbli_code: &str, sectors: &'a [ProtectedSector]) -> Option<&'a ProtectedSector> {
    sectors.iter().find(|s| s.kbli_prefixes.iter().any(|p| kbli_code.starts_with(p.as_str())))
}

/// How the office's facilitation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Settled: a Perjanjian Bersama, witnessed by the officer.
    Pb,
    /// Not settled: the problem goes on to dispute settlement (UU 2/2004).
    TidakSepakat,
    /// The strike or lock-out did not happen, or the notice was withdrawn.
    Batal,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Pb, Outcome::TidakSepakat, Outcome::Batal];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pb => "pb",
            Outcome::TidakSepakat => "tidak_sepakat",
            Outcome::Batal => "batal",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        Status::from(self).label(l)
    }
}

/// Where a notice stands, derived from its facilitations and outcome; shown in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Received; no facilitation yet.
    Diterima,
    /// Facilitation under way.
    Difasilitasi,
    Pb,
    TidakSepakat,
    Batal,
}

impl From<Outcome> for Status {
    fn from(o: Outcome) -> Status {
        match o {
            Outcome::Pb => Status::Pb,
            Outcome::TidakSepakat => Status::TidakSepakat,
            Outcome::Batal => Status::Batal,
        }
    }
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::Diterima, Status::Difasilitasi, Status::Pb, Status::TidakSepakat, Status::Batal];

    pub fn derive(outcome: Option<Outcome>, facilitations: usize) -> Status {
        match outcome {
            Some(o) => o.into(),
            None if facilitations > 0 => Status::Difasilitasi,
            None => Status::Diterima,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Diterima => "diterima",
            Status::Difasilitasi => "difasilitasi",
            Status::Pb => "pb",
            Status::TidakSepakat => "tidak_sepakat",
            Status::Batal => "batal",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Status::Diterima => l.t("diterima, belum difasilitasi", "received, not yet facilitated"),
            Status::Difasilitasi => l.t("dalam fasilitasi", "in facilitation"),
            Status::Pb => l.t("selesai dengan Perjanjian Bersama", "settled by a Perjanjian Bersama"),
            Status::TidakSepakat => l.t(
                "tidak sepakat, dilanjutkan ke penyelesaian perselisihan",
                "not settled, goes on to dispute settlement",
            ),
            Status::Batal => l.t("tidak terjadi / dibatalkan", "did not happen / withdrawn"),
        }
    }
}

/// Whether a facilitated notice counts as a dispute prevented (*perselisihan yang dicegah*,
/// Renstra): the office facilitated it, and it ended without going on to dispute settlement
/// (settled by PB, or the strike/lock-out did not happen).
pub fn prevented(outcome: Option<Outcome>, facilitations: usize) -> bool {
    facilitations > 0 && matches!(outcome, Some(Outcome::Pb | Outcome::Batal))
}

/// A receipt number: `{classification}/{number}/{unit}/{year}`, the number three digits at least.
pub fn receipt_number(classification: &str, number: i32, unit: &str, year: i32) -> String {
    format!("{classification}/{number:03}/{unit}/{year}")
}

/// Why a PHK happened, by the grounds of PP 35/2021 Ps 36.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhkReason {
    Efisiensi,
    Penggabungan,
    PenutupanPerusahaan,
    Pailit,
    KeadaanMemaksa,
    Pelanggaran,
    Mangkir,
    MengundurkanDiri,
    SakitBerkepanjangan,
    Pensiun,
    MeninggalDunia,
    Lainnya,
}

impl PhkReason {
    pub const ALL: [PhkReason; 12] = [
        PhkReason::Efisiensi,
        PhkReason::Penggabungan,
        PhkReason::PenutupanPerusahaan,
        PhkReason::Pailit,
        PhkReason::KeadaanMemaksa,
        PhkReason::Pelanggaran,
        PhkReason::Mangkir,
        PhkReason::MengundurkanDiri,
        PhkReason::SakitBerkepanjangan,
        PhkReason::Pensiun,
        PhkReason::MeninggalDunia,
        PhkReason::Lainnya,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PhkReason::Efisiensi => "efisiensi",
            PhkReason::Penggabungan => "penggabungan",
            PhkReason::PenutupanPerusahaan => "penutupan_perusahaan",
            PhkReason::Pailit => "pailit",
            PhkReason::KeadaanMemaksa => "keadaan_memaksa",
            PhkReason::Pelanggaran => "pelanggaran",
            PhkReason::Mangkir => "mangkir",
            PhkReason::MengundurkanDiri => "mengundurkan_diri",
            PhkReason::SakitBerkepanjangan => "sakit_berkepanjangan",
            PhkReason::Pensiun => "pensiun",
            PhkReason::MeninggalDunia => "meninggal_dunia",
            PhkReason::Lainnya => "lainnya",
        }
    }

    pub fn parse(s: &str) -> Option<PhkReason> {
        PhkReason::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            PhkReason::Efisiensi => l.t("Efisiensi", "Efficiency"),
            PhkReason::Penggabungan => l.t(
                "Penggabungan, peleburan, pengambilalihan atau pemisahan perusahaan",
                "Merger, consolidation, takeover or split",
            ),
            PhkReason::PenutupanPerusahaan => l.t("Perusahaan tutup", "Company closed"),
            PhkReason::Pailit => l.t("Pailit atau PKPU", "Bankruptcy or suspension of payments"),
            PhkReason::KeadaanMemaksa => l.t("Keadaan memaksa (force majeure)", "Force majeure"),
            PhkReason::Pelanggaran => {
                l.t("Pelanggaran perjanjian kerja, PP atau PKB", "Breach of the contract, PP or PKB")
            }
            PhkReason::Mangkir => l.t("Mangkir 5 hari kerja berturut-turut", "Absent 5 working days in a row"),
            PhkReason::MengundurkanDiri => l.t("Mengundurkan diri", "Resignation"),
            PhkReason::SakitBerkepanjangan => {
                l.t("Sakit berkepanjangan lebih dari 12 bulan", "Long illness over 12 months")
            }
            PhkReason::Pensiun => l.t("Pensiun", "Retirement"),
            PhkReason::MeninggalDunia => l.t("Meninggal dunia", "Death"),
            PhkReason::Lainnya => l.t("Alasan lain", "Other grounds"),
        }
    }

    /// Whether the employer must give written notice first (PP 35/2021 Ps 37(2)): not for a
    /// resignation or a death.
    pub fn needs_notice(self) -> bool {
        !matches!(self, PhkReason::MengundurkanDiri | PhkReason::MeninggalDunia)
    }
}

/// One worker of a PHK report, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worker {
    pub name: String,
    pub nik: Nik,
    pub job_title: String,
    pub started_on: NaiveDate,
    pub terminated_on: NaiveDate,
    pub probation: bool,
    /// The day written notice was given, if it was.
    pub notice_on: Option<NaiveDate>,
}

/// A worker as typed (form line or API object), before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct WorkerInput {
    pub name: String,
    /// NIK, 16 digits.
    pub nik: String,
    /// Position (jabatan).
    pub job_title: String,
    /// First day of work (YYYY-MM-DD).
    pub started_on: String,
    /// Termination date (YYYY-MM-DD).
    pub terminated_on: String,
    /// In probation (masa percobaan): 7 working days' notice instead of 14.
    #[serde(default)]
    pub probation: bool,
    /// Day written notice was given (YYYY-MM-DD); empty when none was given.
    #[serde(default)]
    pub notice_on: String,
}

/// A date in a worker's entry; `bounded` ones must fall in the years the calendar can count
/// (a start of work may be decades ago).
fn date_of(raw: &str, what_id: &str, what_en: &str, n: usize, bounded: bool) -> Result<NaiveDate, Problem> {
    let d = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        Problem::at(
            "invalid_date",
            "workers",
            format!("Pekerja {n}: {what_id} harus berformat TTTT-BB-HH, misalnya 2026-03-02."),
            format!("Worker {n}: {what_en} must be written YYYY-MM-DD, e.g. 2026-03-02."),
        )
    })?;
    if !crate::calendar::data::YEARS.contains(&chrono::Datelike::year(&d)) && bounded {
        return Err(Problem::at(
            "date_out_of_range",
            "workers",
            format!("Pekerja {n}: {what_id} di luar rentang tahun yang dikenal kalender."),
            format!("Worker {n}: {what_en} is outside the years the calendar knows."),
        ));
    }
    Ok(d)
}

/// Checks one worker (number `n`, counted from 1, names the worker in messages).
pub fn check_worker(w: &WorkerInput, n: usize, today: NaiveDate) -> Result<Worker, Problem> {
    let name = words(&w.name);
    if name.chars().count() < 2 || name.chars().count() > 120 || name.chars().any(char::is_control) {
        return Err(Problem::at(
            "invalid_worker_name",
            "workers",
            format!("Pekerja {n}: nama minimal 2 huruf."),
            format!("Worker {n}: the name needs at least 2 letters."),
        ));
    }
    let nik = Nik::parse(&w.nik).map_err(|p| Problem {
        field: Some("workers"),
        message: Bilingual::new(
            format!("Pekerja {n} ({name}): {}", p.message.id),
            format!("Worker {n} ({name}): {}", p.message.en),
        ),
        ..p
    })?;
    let job_title = words(&w.job_title);
    if job_title.chars().count() < 2 || job_title.chars().count() > 120 {
        return Err(Problem::at(
            "invalid_job_title",
            "workers",
            format!("Pekerja {n} ({name}): tulis jabatannya."),
            format!("Worker {n} ({name}): give the position."),
        ));
    }
    let started_on = date_of(&w.started_on, "tanggal mulai bekerja", "the start date", n, false)?;
    let terminated_on = date_of(&w.terminated_on, "tanggal PHK", "the termination date", n, true)?;
    if terminated_on < started_on {
        return Err(Problem::at(
            "terminated_before_start",
            "workers",
            format!("Pekerja {n} ({name}): tanggal PHK sebelum tanggal mulai bekerja."),
            format!("Worker {n} ({name}): the termination is before the start of work."),
        ));
    }
    let notice_on = match w.notice_on.trim() {
        "" | "-" => None,
        raw if ["tidak", "tidak ada", "no", "none"].contains(&raw.to_lowercase().as_str()) => None,
        raw => Some(date_of(raw, "tanggal pemberitahuan", "the notice date", n, true)?),
    };
    if notice_on.is_some_and(|d| d > today) {
        return Err(Problem::at(
            "date_in_future",
            "workers",
            format!("Pekerja {n} ({name}): tanggal pemberitahuan tidak boleh di masa depan."),
            format!("Worker {n} ({name}): the notice date cannot be in the future."),
        ));
    }
    Ok(Worker { name, nik, job_title, started_on, terminated_on, probation: w.probation, notice_on })
}

/// Reads the workers typed one per line on the form:
/// "nama; NIK; jabatan; mulai bekerja; tanggal PHK; tanggal pemberitahuan atau tidak; percobaan".
pub fn parse_worker_lines(text: &str) -> Result<Vec<WorkerInput>, Problem> {
    let mut out = Vec::new();
    for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let parts: Vec<String> = line.split(';').map(words).collect();
        if !(6..=7).contains(&parts.len()) {
            return Err(Problem::at(
                "invalid_worker_line",
                "workers",
                format!("Baris {}: tulis \"nama; NIK; jabatan; mulai bekerja; tanggal PHK; tanggal pemberitahuan (atau tidak); percobaan (ya/tidak)\".", i + 1),
                format!("Line {}: write \"name; NIK; position; started; terminated; notice date (or tidak); probation (ya/tidak)\".", i + 1),
            ));
        }
        let probation = parts.get(6).map(|p| p.to_lowercase()).unwrap_or_default();
        if !["", "ya", "tidak", "yes", "no"].contains(&probation.as_str()) {
            return Err(Problem::at(
                "invalid_worker_line",
                "workers",
                format!("Baris {}: masa percobaan ditulis ya atau tidak.", i + 1),
                format!("Line {}: probation is written ya or tidak.", i + 1),
            ));
        }
        out.push(WorkerInput {
            name: parts[0].clone(),
            nik: parts[1].clone(),
            job_title: parts[2].clone(),
            started_on: parts[3].clone(),
            terminated_on: parts[4].clone(),
            notice_on: parts[5].clone(),
            probation: matches!(probation.as_str(), "ya" | "yes"),
        });
    }
    Ok(out)
}

/// The workers as lines again (a form shown with its errors).
pub fn worker_lines(workers: &[WorkerInput]) -> String {
    workers
        .iter()
        .map(|w| {
            format!(
                "{}; {}; {}; {}; {}; {}; {}",
                w.name,
                w.nik,
                w.job_title,
                w.started_on,
                w.terminated_on,
                if w.notice_on.trim().is_empty() { "tidak" } else { w.notice_on.trim() },
                if w.probation { "ya" } else { "tidak" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How a worker's written notice stands against the notice period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeCheck {
    /// Given on or before the last day.
    OnTime,
    /// Given after the last day.
    Late,
    /// None given although the reason needs one.
    Missing,
    /// The reason needs none (resignation, death).
    NotRequired,
}

impl NoticeCheck {
    pub fn of(notice_on: Option<NaiveDate>, due: NaiveDate, needs_notice: bool) -> NoticeCheck {
        match (needs_notice, notice_on) {
            (false, _) => NoticeCheck::NotRequired,
            (true, None) => NoticeCheck::Missing,
            (true, Some(d)) if d <= due => NoticeCheck::OnTime,
            (true, Some(_)) => NoticeCheck::Late,
        }
    }

    /// Whether it is flagged.
    pub fn short(self) -> bool {
        matches!(self, NoticeCheck::Late | NoticeCheck::Missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn at(y: i32, m: u32, day: u32, h: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, 0, 0).expect("time")
    }

    #[test]
    fn local_times_are_read_and_written_in_wib() {
        assert_eq!(parse_local("2026-03-09T08:00", "starts_at"), Ok(at(2026, 3, 9, 1)));
        assert_eq!(parse_local(" 2026-03-09 08.00 ", "starts_at"), Ok(at(2026, 3, 9, 1)));
        assert_eq!(parse_local("2026-03-09 06:00", "starts_at"), Ok(at(2026, 3, 8, 23)));
        assert_eq!(local_date(at(2026, 3, 8, 23)), d(2026, 3, 9), "06.00 WIB is still the local day");
        assert_eq!(local_input(at(2026, 3, 8, 23)), "2026-03-09T06:00");
        let e = parse_local("9 Maret", "starts_at").expect_err("words");
        assert_eq!((e.code, e.field), ("invalid_datetime", Some("starts_at")));
        assert!(e.message.id.contains("TTTT-BB-HH JJ:MM"));
        assert_eq!(parse_local("1999-01-01 08:00", "ends_at").expect_err("old").code, "date_out_of_range");
    }

    #[test]
    fn missing_content_is_named() {
        let union = parse_signatories("Sutrisno Hadi; Ketua PUK\n Nur Aini ; Sekretaris PUK ").expect("lines");
        assert_eq!(union[1], Signatory { name: "Nur Aini".into(), position: "Sekretaris PUK".into() });
        let start = at(2026, 3, 16, 1);
        let ok =
            missing_content(Kind::Mogok, &union, "Halaman pabrik", "Upah lembur", start, Some(at(2026, 3, 18, 10)));
        assert!(ok.is_empty(), "{ok:?}");
        let chair_only = parse_signatories("Sutrisno Hadi; ketua").expect("line");
        assert_eq!(
            missing_content(Kind::Mogok, &chair_only, "x", "y", start, Some(at(2026, 3, 18, 10))),
            vec![Missing::SignatoriesIncomplete]
        );
        let coordinators = parse_signatories("Joko; koordinator lapangan").expect("line");
        assert!(missing_content(Kind::Mogok, &coordinators, "x", "y", start, Some(at(2026, 3, 18, 10))).is_empty());
        assert!(
            missing_content(Kind::Penutupan, &chair_only, "x", "y", start, Some(at(2026, 3, 18, 10))).is_empty(),
            "a lock-out is signed by the employer, whatever the title"
        );
        let all = missing_content(Kind::Mogok, &[], " ", "", start, Some(start - Duration::hours(1)));
        assert_eq!(all, vec![Missing::NoSignatories, Missing::NoPlace, Missing::NoReasons, Missing::EndBeforeStart]);
        assert_eq!(Missing::split(&Missing::join(&all)), all, "stored and read back");
        assert_eq!(missing_content(Kind::Mogok, &union, "x", "y", start, None), vec![Missing::NoEnd]);
        assert_eq!(missing_content(Kind::Mogok, &union, "x", "y", start, Some(start)), vec![Missing::EndBeforeStart]);
        assert!(parse_signatories("S").expect_err("short").message.id.contains("Baris 1"));
        assert_eq!(parse_signatories(" \n").expect("empty"), vec![]);
    }

    #[test]
    fn protected_sectors_are_found_by_kbli_prefix() {
        let sectors = vec![
            ProtectedSector {
                name_id: "Rumah sakit".into(),
                name_en: "Hospitals".into(),
                kbli_prefixes: vec!["8610".into()],
            },
            ProtectedSector {
                name_id: "Kereta api".into(),
                name_en: "Railways".into(),
                kbli_prefixes: vec!["491".into(), "5221".into()],
            },
        ];
        assert_eq!(protected_sector("86103", &sectors).map(|s| s.name_en.as_str()), Some("Hospitals"));
        assert_eq!(protected_sector("49120", &sectors).map(|s| s.name_en.as_str()), Some("Railways"));
        assert!(protected_sector("86901", &sectors).is_none(), "a clinic is not a hospital");
        assert!(protected_sector("10710", &sectors).is_none());
    }

    #[test]
    fn the_status_follows_facilitation_and_outcome() {
        assert_eq!(Status::derive(None, 0), Status::Diterima);
        assert_eq!(Status::derive(None, 2), Status::Difasilitasi);
        assert_eq!(Status::derive(Some(Outcome::Pb), 1), Status::Pb);
        assert_eq!(Status::derive(Some(Outcome::TidakSepakat), 3), Status::TidakSepakat);
        assert!(prevented(Some(Outcome::Pb), 1) && prevented(Some(Outcome::Batal), 2));
        assert!(!prevented(Some(Outcome::Pb), 0), "only what the office facilitated counts");
        assert!(!prevented(Some(Outcome::TidakSepakat), 2) && !prevented(None, 2));
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert!(!s.label(Lang::Id).is_empty());
        }
        assert_eq!(receipt_number("565", 7, "TT-HI", 2026), "565/007/TT-HI/2026");
        assert_eq!(receipt_number("565", 1234, "TT-HI", 2026), "565/1234/TT-HI/2026");
    }

    #[test]
    fn worker_lines_are_read_and_checked() {
        let lines = "Ahmad Fauzi; 3275011205900001; Operator produksi; 2019-04-01; 2026-03-31; 2026-03-04; tidak
            Siti Rahma; 3275025508950002; Staf gudang; 2026-01-05; 2026-03-31; tidak; ya";
        let ws = parse_worker_lines(lines).expect("lines");
        assert_eq!(ws.len(), 2);
        assert!(ws[1].probation && ws[1].notice_on == "tidak");
        let today = d(2026, 3, 5);
        let a = check_worker(&ws[0], 1, today).expect("valid");
        assert_eq!((a.notice_on, a.probation), (Some(d(2026, 3, 4)), false));
        let b = check_worker(&ws[1], 2, today).expect("valid");
        assert_eq!(b.notice_on, None);
        assert!(b.nik.is_female());
        assert_eq!(parse_worker_lines(&worker_lines(&ws)).expect("again"), ws, "lines survive a round trip");

        let bad_nik = WorkerInput { nik: "3275011205900000".into(), ..ws[0].clone() };
        let e = check_worker(&bad_nik, 1, today).expect_err("serial 0000");
        assert_eq!((e.code, e.field), ("invalid_nik", Some("workers")));
        assert!(e.message.id.starts_with("Pekerja 1 (Ahmad Fauzi): Nomor urut"), "{}", e.message.id);
        let backwards = WorkerInput { terminated_on: "2019-01-01".into(), ..ws[0].clone() };
        assert_eq!(check_worker(&backwards, 1, today).expect_err("order").code, "terminated_before_start");
        let future = WorkerInput { notice_on: "2026-03-06".into(), ..ws[0].clone() };
        assert_eq!(check_worker(&future, 1, today).expect_err("future").code, "date_in_future");
        assert!(parse_worker_lines("Ahmad; 3275011205900001; Operator").is_err());
        assert!(parse_worker_lines("A; 1; b; 2020-01-01; 2026-01-01; tidak; mungkin").is_err());
    }

    #[test]
    fn a_phk_notice_is_judged_against_its_last_day() {
        let due = d(2026, 3, 4);
        assert_eq!(NoticeCheck::of(Some(due), due, true), NoticeCheck::OnTime);
        assert_eq!(NoticeCheck::of(Some(d(2026, 3, 5)), due, true), NoticeCheck::Late);
        assert_eq!(NoticeCheck::of(None, due, true), NoticeCheck::Missing);
        assert_eq!(NoticeCheck::of(None, due, PhkReason::MengundurkanDiri.needs_notice()), NoticeCheck::NotRequired);
        assert!(NoticeCheck::Late.short() && NoticeCheck::Missing.short() && !NoticeCheck::OnTime.short());
        for r in PhkReason::ALL {
            assert_eq!(PhkReason::parse(r.as_str()), Some(r));
        }
    }
}
