//! LKS Tripartit rules without IO: the membership of a term (PP 8/2005 as amended by PP 46/2008),
//! the term's end, when the next meeting is due, and the life of a recommendation.

use crate::input::words;

use chrono::{Months, NaiveDate};
use harmoni_templates::Lang;

use crate::error::Problem;

/// The three sides (unsur) of the LKS, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Pemerintah,
    Pengusaha,
    Pekerja,
}

impl Side {
    pub const ALL: [Side; 3] = [Side::Pemerintah, Side::Pengusaha, Side::Pekerja];

    pub fn as_str(self) -> &'static str {
        match self {
            Side::Pemerintah => "pemerintah",
            Side::Pengusaha => "pengusaha",
            Side::Pekerja => "pekerja",
        }
    }

    pub fn parse(s: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Side::Pemerintah => l.t("Unsur pemerintah", "Government"),
            Side::Pengusaha => l.t("Unsur pengusaha", "Employers"),
            Side::Pekerja => l.t("Unsur pekerja/buruh", "Workers"),
        }
    }
}

/// A member's place on the board (the `role` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seat {
    Ketua,
    WakilKetua,
    Sekretaris,
    Anggota,
}

impl Seat {
    pub const ALL: [Seat; 4] = [Seat::Ketua, Seat::WakilKetua, Seat::Sekretaris, Seat::Anggota];

    pub fn as_str(self) -> &'static str {
        match self {
            Seat::Ketua => "ketua",
            Seat::WakilKetua => "wakil_ketua",
            Seat::Sekretaris => "sekretaris",
            Seat::Anggota => "anggota",
        }
    }

    pub fn parse(s: &str) -> Option<Seat> {
        Seat::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Seat::Ketua => l.t("Ketua", "Chair"),
            Seat::WakilKetua => l.t("Wakil ketua", "Vice-chair"),
            Seat::Sekretaris => l.t("Sekretaris", "Secretary"),
            Seat::Anggota => l.t("Anggota", "Member"),
        }
    }
}

/// One member as typed: "nama; unsur; organisasi; jabatan".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberLine {
    pub name: String,
    pub side: Side,
    pub organisation: String,
    pub seat: Seat,
}

const MAX_MEMBERS: usize = 300;

/// Reads the member list, one member per line: "nama; unsur; organisasi; jabatan".
pub fn parse_members(text: &str) -> Result<Vec<MemberLine>, Problem> {
    let mut out: Vec<MemberLine> = Vec::new();
    for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let n = i + 1;
        let parts: Vec<String> = line.split(';').map(words).collect();
        let [name, side, organisation, seat] = parts.as_slice() else {
            return Err(Problem::at(
                "invalid_member_line",
                "members",
                format!("Baris {n}: tulis \"nama; unsur; organisasi; jabatan\", misalnya \"Ahmad Syaifuddin; pemerintah; Wali Kota Bekasi; ketua\"."),
                format!("Line {n}: write \"name; side; organisation; position\", e.g. \"Ahmad Syaifuddin; pemerintah; Wali Kota Bekasi; ketua\"."),
            ));
        };
        if name.chars().count() < 2 || name.chars().count() > 120 || name.chars().any(char::is_control) {
            return Err(Problem::at(
                "invalid_member_name",
                "members",
                format!("Baris {n}: nama anggota minimal 2 huruf."),
                format!("Line {n}: a member's name needs at least 2 letters."),
            ));
        }
        let Some(side) = Side::parse(&side.to_lowercase()) else {
            return Err(Problem::at(
                "invalid_member_side",
                "members",
                format!("Baris {n}: unsur \"{side}\" tidak dikenal; tulis pemerintah, pengusaha atau pekerja."),
                format!("Line {n}: unknown side \"{side}\"; write pemerintah, pengusaha or pekerja."),
            ));
        };
        if organisation.chars().count() < 2 || organisation.chars().count() > 200 {
            return Err(Problem::at(
                "invalid_member_organisation",
                "members",
                format!("Baris {n}: tulis organisasi atau instansi anggota, misalnya APINDO Kota Bekasi."),
                format!("Line {n}: give the member's organisation, e.g. APINDO Kota Bekasi."),
            ));
        }
        let Some(seat) = Seat::parse(&seat.to_lowercase().replace([' ', '-'], "_")) else {
            return Err(Problem::at(
                "invalid_member_position",
                "members",
                format!(
                    "Baris {n}: jabatan \"{seat}\" tidak dikenal; tulis ketua, wakil_ketua, sekretaris atau anggota."
                ),
                format!("Line {n}: unknown position \"{seat}\"; write ketua, wakil_ketua, sekretaris or anggota."),
            ));
        };
        if let Some(first) = out.iter().position(|m| m.name.to_lowercase() == name.to_lowercase()) {
            return Err(Problem::at(
                "duplicate_member",
                "members",
                format!("Baris {n}: {name} sudah tercantum di baris {}.", first + 1),
                format!("Line {n}: {name} is already listed on line {}.", first + 1),
            ));
        }
        out.push(MemberLine { name: name.clone(), side, organisation: organisation.clone(), seat });
    }
    if out.is_empty() || out.len() > MAX_MEMBERS {
        return Err(Problem::at(
            "members_required",
            "members",
            "Tulis susunan keanggotaan, satu anggota per baris (paling banyak 300).",
            "List the members, one per line (at most 300).",
        ));
    }
    Ok(out)
}

/// The composition PP 8/2005 asks for: the Wali Kota (government side) chairs; one vice-chair
/// per side; the secretary from the government side (the Disnaker); equal numbers per side,
/// the board included.
pub fn check_members(members: &[MemberLine]) -> Result<(), Problem> {
    let count = |side: Side, seat: Option<Seat>| {
        members.iter().filter(|m| m.side == side && seat.is_none_or(|s| m.seat == s)).count()
    };
    let all = |seat: Seat| members.iter().filter(|m| m.seat == seat).count();
    if all(Seat::Ketua) != 1 || count(Side::Pemerintah, Some(Seat::Ketua)) != 1 {
        return Err(Problem::at(
            "tripartit_chair",
            "members",
            "Harus ada tepat satu ketua, dari unsur pemerintah (Wali Kota).",
            "There must be exactly one chair, from the government side (the Wali Kota).",
        ));
    }
    let [wg, we, ww] = Side::ALL.map(|s| count(s, Some(Seat::WakilKetua)));
    if [wg, we, ww] != [1, 1, 1] {
        return Err(Problem::at(
            "tripartit_vice_chairs",
            "members",
            format!("Setiap unsur harus punya tepat satu wakil ketua; tertulis pemerintah {wg}, pengusaha {we}, pekerja {ww}."),
            format!("Each side must have exactly one vice-chair; listed: government {wg}, employers {we}, workers {ww}."),
        ));
    }
    if all(Seat::Sekretaris) != 1 || count(Side::Pemerintah, Some(Seat::Sekretaris)) != 1 {
        return Err(Problem::at(
            "tripartit_secretary",
            "members",
            "Harus ada tepat satu sekretaris, dari unsur pemerintah (Disnaker).",
            "There must be exactly one secretary, from the government side (the Disnaker).",
        ));
    }
    let [g, e, w] = Side::ALL.map(|s| count(s, None));
    if g != e || e != w {
        return Err(Problem::at(
            "tripartit_unbalanced",
            "members",
            format!("Jumlah anggota setiap unsur harus sama (1:1:1), pengurus ikut dihitung; tertulis pemerintah {g}, pengusaha {e}, pekerja {w}."),
            format!("Each side must have the same number of members (1:1:1), board included; listed: government {g}, employers {e}, workers {w}."),
        ));
    }
    Ok(())
}

/// `months` calendar months after `d` (the 31st becomes the month's last day).
pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The day a term ends: the one given, or the same day `term_years` later. A term is in force
/// from its start up to the day before it ends.
pub fn term_end(starts_on: NaiveDate, given: Option<NaiveDate>, term_years: u32) -> Result<NaiveDate, Problem> {
    let ends_on = given.unwrap_or_else(|| add_months(starts_on, term_years * 12));
    if ends_on <= starts_on {
        return Err(Problem::at(
            "term_ends_before_start",
            "ends_on",
            "Tanggal berakhir harus sesudah tanggal mulai masa bakti.",
            "The term must end after it starts.",
        ));
    }
    Ok(ends_on)
}

/// The day the next meeting is due: `interval_months` after the last meeting of the term, or
/// after the term began when it has not met yet.
pub fn next_meeting_due(term_starts_on: NaiveDate, last_meeting: Option<NaiveDate>, interval_months: u32) -> NaiveDate {
    let base = last_meeting.filter(|m| *m >= term_starts_on).unwrap_or(term_starts_on);
    add_months(base, interval_months)
}

/// How the next meeting stands as of a day, in calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingDue {
    Ahead(i64),
    DueToday,
    Overdue(i64),
}

pub fn meeting_due(due: NaiveDate, as_of: NaiveDate) -> MeetingDue {
    let days = (due - as_of).num_days();
    match days {
        0 => MeetingDue::DueToday,
        d if d > 0 => MeetingDue::Ahead(d),
        d => MeetingDue::Overdue(-d),
    }
}

/// Where a recommendation to the Wali Kota stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecStatus {
    Diajukan,
    Ditindaklanjuti,
    Selesai,
    TidakDitindaklanjuti,
}

impl RecStatus {
    pub const ALL: [RecStatus; 4] =
        [RecStatus::Diajukan, RecStatus::Ditindaklanjuti, RecStatus::Selesai, RecStatus::TidakDitindaklanjuti];

    pub fn as_str(self) -> &'static str {
        match self {
            RecStatus::Diajukan => "diajukan",
            RecStatus::Ditindaklanjuti => "ditindaklanjuti",
            RecStatus::Selesai => "selesai",
            RecStatus::TidakDitindaklanjuti => "tidak_ditindaklanjuti",
        }
    }

    pub fn parse(s: &str) -> Option<RecStatus> {
        RecStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The status in words, as a badge shows it.
    pub fn label(self, l: Lang) -> &'static str {
        match self {
            RecStatus::Diajukan => l.t("diajukan", "submitted"),
            RecStatus::Ditindaklanjuti => l.t("ditindaklanjuti", "being followed up"),
            RecStatus::Selesai => l.t("selesai", "completed"),
            RecStatus::TidakDitindaklanjuti => l.t("tidak ditindaklanjuti", "not followed up"),
        }
    }

    /// The statuses this one may move to; none once it is over.
    pub fn next(self) -> &'static [RecStatus] {
        match self {
            RecStatus::Diajukan => &[RecStatus::Ditindaklanjuti, RecStatus::TidakDitindaklanjuti],
            RecStatus::Ditindaklanjuti => &[RecStatus::Selesai, RecStatus::TidakDitindaklanjuti],
            RecStatus::Selesai | RecStatus::TidakDitindaklanjuti => &[],
        }
    }

    pub fn is_final(self) -> bool {
        self.next().is_empty()
    }
}

/// Whether a recommendation may move from one status to another, with the reason when not.
pub fn transition(from: RecStatus, to: RecStatus) -> Result<(), Problem> {
    if from.next().contains(&to) {
        return Ok(());
    }
    let (fi, fe) = (from.label(Lang::Id), from.label(Lang::En));
    let (ti, te) = (to.label(Lang::Id), to.label(Lang::En));
    Err(if from == to {
        Problem::at(
            "status_unchanged",
            "status",
            format!("Rekomendasi ini sudah berstatus {fi}."),
            format!("This recommendation is already {fe}."),
        )
    } else if from.is_final() {
        Problem::at(
            "status_final",
            "status",
            format!("Rekomendasi yang sudah berstatus {fi} tidak dapat diubah lagi."),
            format!("A recommendation that is {fe} cannot change any more."),
        )
    } else if from == RecStatus::Diajukan && to == RecStatus::Selesai {
        Problem::at(
            "status_transition",
            "status",
            "Rekomendasi yang baru diajukan tidak dapat langsung dinyatakan selesai; catat dahulu tindak lanjutnya (ditindaklanjuti).",
            "A recommendation just submitted cannot be completed at once; record its follow-up first.",
        )
    } else {
        let allowed_id: Vec<&str> = from.next().iter().map(|s| s.label(Lang::Id)).collect();
        let allowed_en: Vec<&str> = from.next().iter().map(|s| s.label(Lang::En)).collect();
        Problem::at(
            "status_transition",
            "status",
            format!("Status {fi} tidak dapat diubah menjadi {ti}; yang boleh: {}.", allowed_id.join(" atau ")),
            format!("Status {fe} cannot become {te}; allowed: {}.", allowed_en.join(" or ")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    const BOARD: &str = "Ahmad Syaifuddin; pemerintah; Wali Kota Bekasi; ketua
        Dewi Kartikasari; pemerintah; Disnaker Kota Bekasi; wakil ketua
        Andi Wijaya; pengusaha; APINDO Kota Bekasi; wakil_ketua
        Sutrisno; pekerja; KSPSI Kota Bekasi; Wakil-Ketua
        Rahmat Hidayat; pemerintah; Disnaker Kota Bekasi; sekretaris
        Lina Marlina; pengusaha; APINDO Kota Bekasi; anggota
        Joko Susilo; pekerja; KSPI Kota Bekasi; anggota";

    #[test]
    fn member_lines_are_read_and_tidied() {
        let m = parse_members(BOARD).expect("valid lines");
        assert_eq!(m.len(), 7);
        assert_eq!(m[1].seat, Seat::WakilKetua);
        assert_eq!(m[3].seat, Seat::WakilKetua, "spelling variants of wakil ketua are accepted");
        assert_eq!((m[2].side, m[2].organisation.as_str()), (Side::Pengusaha, "APINDO Kota Bekasi"));
        check_members(&m).expect_err("7 members cannot be 1:1:1");

        let bad = parse_members("Ahmad Syaifuddin; pemerintah; ketua").expect_err("three parts");
        assert!(bad.message.id.contains("Baris 1") && bad.message.id.contains("nama; unsur; organisasi; jabatan"));
        let bad = parse_members("Tri; pemerintah; Pemkot; ketua\nX; pekerja; KSPSI; anggota").expect_err("short name");
        assert!(bad.message.id.contains("Baris 2") && bad.message.id.contains("minimal 2 huruf"), "{:?}", bad);
        let bad = parse_members("Ahmad Syaifuddin; pemda; Pemkot; ketua").expect_err("side");
        assert!(bad.message.id.contains("unsur \"pemda\""));
        let bad = parse_members("Ahmad Syaifuddin; pemerintah; Pemkot; bendahara").expect_err("seat");
        assert!(bad.message.id.contains("jabatan \"bendahara\""));
        let bad =
            parse_members("Ahmad Syaifuddin; pemerintah; Pemkot; ketua\nahmad syaifuddin; pekerja; KSPSI; anggota")
                .expect_err("duplicate");
        assert!(bad.message.id.contains("sudah tercantum di baris 1"));
        assert_eq!(parse_members(" \n ").expect_err("empty").code, "members_required");
    }

    #[test]
    fn the_membership_follows_pp_8_2005() {
        let ok = format!("{BOARD}\nBudi Santoso; pemerintah; Disnaker Kota Bekasi; anggota\nSri Wahyuni; pengusaha; APINDO Kota Bekasi; anggota\nAgus Salim; pekerja; KSBSI Kota Bekasi; anggota");
        let m = parse_members(&ok).expect("valid");
        assert_eq!(m.len(), 10);
        // 10 = 4 + 3 + 3: unbalanced.
        let e = check_members(&m).expect_err("unbalanced");
        assert_eq!(e.code, "tripartit_unbalanced");
        assert!(e.message.id.contains("pemerintah 4, pengusaha 3, pekerja 3"), "{}", e.message.id);
        let balanced = ok.replace("Budi Santoso; pemerintah; Disnaker Kota Bekasi; anggota\n", "");
        check_members(&parse_members(&balanced).expect("valid")).expect("3:3:3 with the full board");

        let two_chairs = balanced.replace(
            "Andi Wijaya; pengusaha; APINDO Kota Bekasi; wakil_ketua",
            "Andi Wijaya; pengusaha; APINDO Kota Bekasi; ketua",
        );
        assert_eq!(
            check_members(&parse_members(&two_chairs).expect("valid")).expect_err("chair").code,
            "tripartit_chair"
        );
        let union_chair = balanced
            .replace(
                "Ahmad Syaifuddin; pemerintah; Wali Kota Bekasi; ketua",
                "Ahmad Syaifuddin; pemerintah; Wali Kota Bekasi; anggota",
            )
            .replace(
                "Joko Susilo; pekerja; KSPI Kota Bekasi; anggota",
                "Joko Susilo; pekerja; KSPI Kota Bekasi; ketua",
            );
        assert_eq!(
            check_members(&parse_members(&union_chair).expect("valid")).expect_err("chair side").code,
            "tripartit_chair"
        );
        let no_union_vice = balanced.replace(
            "Sutrisno; pekerja; KSPSI Kota Bekasi; Wakil-Ketua",
            "Sutrisno; pekerja; KSPSI Kota Bekasi; anggota",
        );
        let e = check_members(&parse_members(&no_union_vice).expect("valid")).expect_err("vice-chairs");
        assert!(e.message.id.contains("pekerja 0"), "{}", e.message.id);
        let apindo_secretary = balanced
            .replace(
                "Rahmat Hidayat; pemerintah; Disnaker Kota Bekasi; sekretaris",
                "Rahmat Hidayat; pemerintah; Disnaker Kota Bekasi; anggota",
            )
            .replace(
                "Lina Marlina; pengusaha; APINDO Kota Bekasi; anggota",
                "Lina Marlina; pengusaha; APINDO Kota Bekasi; sekretaris",
            );
        assert_eq!(
            check_members(&parse_members(&apindo_secretary).expect("valid")).expect_err("secretary").code,
            "tripartit_secretary"
        );
    }

    #[test]
    fn a_term_lasts_its_years_unless_the_decree_says_otherwise() {
        assert_eq!(term_end(d(2024, 3, 1), None, 3), Ok(d(2027, 3, 1)));
        assert_eq!(term_end(d(2024, 2, 29), None, 3), Ok(d(2027, 2, 28)), "a leap day ends on the 28th");
        assert_eq!(term_end(d(2024, 3, 1), Some(d(2026, 12, 31)), 3), Ok(d(2026, 12, 31)));
        assert_eq!(term_end(d(2024, 3, 1), Some(d(2024, 3, 1)), 3).expect_err("empty term").field, Some("ends_on"));
    }

    #[test]
    fn the_next_meeting_is_due_an_interval_after_the_last() {
        let start = d(2025, 6, 2);
        assert_eq!(next_meeting_due(start, None, 3), d(2025, 9, 2), "counted from the term's start");
        assert_eq!(next_meeting_due(start, Some(d(2025, 11, 30)), 3), d(2026, 2, 28), "end of a short month");
        assert_eq!(next_meeting_due(start, Some(d(2024, 12, 1)), 3), d(2025, 9, 2), "a meeting of an older term");
        let due = d(2026, 2, 28);
        assert_eq!(meeting_due(due, d(2026, 3, 2)), MeetingDue::Overdue(2));
        assert_eq!(meeting_due(due, due), MeetingDue::DueToday);
        assert_eq!(meeting_due(due, d(2026, 2, 18)), MeetingDue::Ahead(10));
    }

    #[test]
    fn recommendations_move_forward_only() {
        use RecStatus::*;
        assert_eq!(transition(Diajukan, Ditindaklanjuti), Ok(()));
        assert_eq!(transition(Diajukan, TidakDitindaklanjuti), Ok(()));
        assert_eq!(transition(Ditindaklanjuti, Selesai), Ok(()));
        assert_eq!(transition(Ditindaklanjuti, TidakDitindaklanjuti), Ok(()));
        let e = transition(Diajukan, Selesai).expect_err("skips the follow-up");
        assert!(e.message.id.contains("tidak dapat langsung dinyatakan selesai"), "{}", e.message.id);
        let e = transition(Selesai, Ditindaklanjuti).expect_err("final");
        assert_eq!(e.code, "status_final");
        assert!(e.message.id.contains("sudah berstatus selesai tidak dapat diubah lagi"));
        assert_eq!(transition(TidakDitindaklanjuti, Selesai).expect_err("final").code, "status_final");
        assert_eq!(transition(Ditindaklanjuti, Ditindaklanjuti).expect_err("same").code, "status_unchanged");
        let e = transition(Ditindaklanjuti, Diajukan).expect_err("backwards");
        assert!(e.message.id.contains("yang boleh: selesai atau tidak ditindaklanjuti"), "{}", e.message.id);
        for s in RecStatus::ALL {
            assert_eq!(RecStatus::parse(s.as_str()), Some(s));
        }
    }
}
