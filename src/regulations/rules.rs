//! The law of PP ratification and PKB registration without IO (UU 13/2003 Ps 108-124,
//! Permenaker 28/2014; DOMAIN.md sections 4 and 5): kinds, statuses, who may take which step
//! in which status, the review checklist, the clocks of each status, validity and extension,
//! and the PP/PKB criterion of the decent-work indicator as of a date.

use chrono::{Months, NaiveDate};
use harmoni_templates::Lang;

use crate::accounts::Role;
use crate::companies::compliance::Criterion;
use crate::error::{Bilingual, Problem};

/// A PP or PKB is valid at most two years (UU 13/2003 Ps 111 ayat (3), Ps 123 ayat (1)).
pub const MAX_VALIDITY_MONTHS: u32 = 24;
/// One extension of at most one year: a PKB by written agreement (Ps 123 ayat (2)), a PP while
/// a PKB is being negotiated (Permenaker 28/2014).
pub const MAX_EXTENSION_MONTHS: u32 = 12;

/// Peraturan Perusahaan (ratified by the office) or Perjanjian Kerja Bersama (registered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Pp,
    Pkb,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Pp, Kind::Pkb];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Pp => "pp",
            Kind::Pkb => "pkb",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Kind::Pp => l.t("Peraturan Perusahaan (PP)", "Company regulation (PP)"),
            Kind::Pkb => l.t("Perjanjian Kerja Bersama (PKB)", "Collective agreement (PKB)"),
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Kind::Pp => "PP",
            Kind::Pkb => "PKB",
        }
    }

    /// The review clock (deadlines.toml).
    pub fn review_rule(self) -> &'static str {
        match self {
            Kind::Pp => "pp_pemeriksaan",
            Kind::Pkb => "pkb_pemeriksaan",
        }
    }

    /// The clock to resubmit after a correction notice.
    pub fn correction_rule(self) -> &'static str {
        match self {
            Kind::Pp => "pp_perbaikan",
            Kind::Pkb => "pkb_perbaikan",
        }
    }

    /// The "before" clock of the renewal reminder, counted back from the last valid day.
    pub fn renewal_rule(self) -> &'static str {
        match self {
            Kind::Pp => "pp_perpanjangan",
            Kind::Pkb => "pkb_perpanjangan",
        }
    }

    /// The sequence the office's decree or letter numbers come from (`sequences`).
    pub fn number_series(self) -> &'static str {
        match self {
            Kind::Pp => "sk_pengesahan_pp",
            Kind::Pkb => "pendaftaran_pkb",
        }
    }

    /// What the office issues at the end: the decree or the registration letter.
    pub fn decision_label(self, l: Lang) -> &'static str {
        match self {
            Kind::Pp => l.t("SK Pengesahan PP", "PP ratification decree"),
            Kind::Pkb => l.t("Surat pendaftaran PKB", "PKB registration letter"),
        }
    }
}

/// Why a submission is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// The company's first PP or PKB.
    Baru,
    /// A new PP or PKB for one that expires (renewal).
    Pembaruan,
    /// A change to one in force.
    Perubahan,
}

impl Purpose {
    pub const ALL: [Purpose; 3] = [Purpose::Baru, Purpose::Pembaruan, Purpose::Perubahan];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Baru => "baru",
            Purpose::Pembaruan => "pembaruan",
            Purpose::Perubahan => "perubahan",
        }
    }

    pub fn parse(s: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Purpose::Baru => l.t("Baru", "New"),
            Purpose::Pembaruan => l.t("Pembaruan (perpanjangan masa berlaku)", "Renewal"),
            Purpose::Perubahan => l.t("Perubahan", "Amendment"),
        }
    }
}

/// Whose advice on a PP was asked (UU 13/2003 Ps 110).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AdviceFrom {
    /// The union (serikat pekerja/serikat buruh) in the company.
    Serikat,
    /// Worker representatives elected where there is no union.
    WakilPekerja,
    /// A statement that there is neither a union nor worker representatives.
    TidakAda,
}

impl AdviceFrom {
    pub const ALL: [AdviceFrom; 3] = [AdviceFrom::Serikat, AdviceFrom::WakilPekerja, AdviceFrom::TidakAda];

    pub fn as_str(self) -> &'static str {
        match self {
            AdviceFrom::Serikat => "serikat",
            AdviceFrom::WakilPekerja => "wakil_pekerja",
            AdviceFrom::TidakAda => "tidak_ada",
        }
    }

    pub fn parse(s: &str) -> Option<AdviceFrom> {
        AdviceFrom::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            AdviceFrom::Serikat => l.t("Saran serikat pekerja/serikat buruh", "Advice of the union"),
            AdviceFrom::WakilPekerja => {
                l.t("Saran wakil pekerja (tidak ada serikat)", "Advice of worker representatives")
            }
            AdviceFrom::TidakAda => {
                l.t("Pernyataan tidak ada serikat maupun wakil pekerja", "Statement that there is neither")
            }
        }
    }
}

/// Every status of a submission; the final ones end it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being prepared by the company (or the desk for a paper file); nobody reviews it yet.
    Draf,
    /// Received by the office; the desk reviews it (6 WD) and, for a PP, the 30 WD limit runs.
    Diajukan,
    /// A correction notice was issued; the company resubmits within 14 WD.
    Perbaikan,
    /// The file complies; the head issues the SK (PP: within 5 WD) or the registration letter.
    MemenuhiSyarat,
    /// Ratified (PP) or registered (PKB) by the office. Final.
    Disahkan,
    /// PP: no SK within 30 WD of receipt of a compliant file, deemed ratified. Final.
    DianggapDisahkan,
    /// Not resubmitted within 14 WD: the process starts over with a new submission. Final.
    Gugur,
    /// Withdrawn by the company. Final.
    Ditarik,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Draf,
        Status::Diajukan,
        Status::Perbaikan,
        Status::MemenuhiSyarat,
        Status::Disahkan,
        Status::DianggapDisahkan,
        Status::Gugur,
        Status::Ditarik,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draf => "draf",
            Status::Diajukan => "diajukan",
            Status::Perbaikan => "perbaikan",
            Status::MemenuhiSyarat => "memenuhi_syarat",
            Status::Disahkan => "disahkan",
            Status::DianggapDisahkan => "dianggap_disahkan",
            Status::Gugur => "gugur",
            Status::Ditarik => "ditarik",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn is_final(self) -> bool {
        matches!(self, Status::Disahkan | Status::DianggapDisahkan | Status::Gugur | Status::Ditarik)
    }

    /// In the office's hands or the company's, with a clock running.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Diajukan | Status::Perbaikan | Status::MemenuhiSyarat)
    }

    pub fn label(self, kind: Kind, l: Lang) -> &'static str {
        match (self, kind) {
            (Status::Draf, _) => l.t("Draf (belum dikirim)", "Draft (not sent)"),
            (Status::Diajukan, _) => l.t("Diterima, dalam pemeriksaan", "Received, under review"),
            (Status::Perbaikan, _) => l.t("Perlu perbaikan oleh perusahaan", "Correction required from the company"),
            (Status::MemenuhiSyarat, Kind::Pp) => {
                l.t("Memenuhi syarat, menunggu SK Pengesahan", "Compliant, waiting for the decree")
            }
            (Status::MemenuhiSyarat, Kind::Pkb) => {
                l.t("Memenuhi syarat, menunggu surat pendaftaran", "Compliant, waiting for the registration letter")
            }
            (Status::Disahkan, Kind::Pp) => l.t("Disahkan (SK Pengesahan terbit)", "Ratified (decree issued)"),
            (Status::Disahkan, Kind::Pkb) => l.t("Didaftarkan (surat pendaftaran terbit)", "Registered"),
            (Status::DianggapDisahkan, _) => {
                l.t("Dianggap disahkan (30 hari kerja tanpa SK)", "Deemed ratified (30 working days without a decree)")
            }
            (Status::Gugur, _) => l.t("Gugur: tidak diajukan kembali tepat waktu", "Lapsed: not resubmitted in time"),
            (Status::Ditarik, _) => l.t("Ditarik oleh perusahaan", "Withdrawn by the company"),
        }
    }
}

/// A document a submission carries, by slot; each is a `documents.owner_kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The signed PP or PKB text.
    Naskah,
    /// PP: proof the union or worker representatives were asked for advice, or the statement
    /// that there are none.
    Saran,
    /// PP: the wage structure and scale (required by setting).
    SkalaUpah,
}

impl Slot {
    pub const ALL: [Slot; 3] = [Slot::Naskah, Slot::Saran, Slot::SkalaUpah];

    pub fn code(self) -> &'static str {
        match self {
            Slot::Naskah => "naskah",
            Slot::Saran => "saran",
            Slot::SkalaUpah => "skala_upah",
        }
    }

    pub fn parse(s: &str) -> Option<Slot> {
        Slot::ALL.into_iter().find(|k| k.code() == s)
    }

    /// `documents.owner_kind` of the slot (owner id: the submission).
    pub fn owner_kind(self) -> &'static str {
        match self {
            Slot::Naskah => "regulation_naskah",
            Slot::Saran => "regulation_saran",
            Slot::SkalaUpah => "regulation_skala_upah",
        }
    }

    pub fn label(self, kind: Kind, l: Lang) -> &'static str {
        match (self, kind) {
            (Slot::Naskah, Kind::Pp) => l.t("Naskah PP yang ditandatangani", "Signed PP text"),
            (Slot::Naskah, Kind::Pkb) => l.t("Naskah PKB yang ditandatangani para pihak", "PKB text signed by the parties"),
            (Slot::Saran, _) => l.t(
                "Bukti permintaan saran serikat/wakil pekerja, atau surat pernyataan tidak ada",
                "Proof that the union or worker representatives were asked for advice, or the statement that there are none",
            ),
            (Slot::SkalaUpah, _) => l.t("Struktur dan skala upah", "Wage structure and scale"),
        }
    }

    /// The slots a submission of this kind must fill before it is sent.
    pub fn required(kind: Kind, require_wage_scale: bool) -> Vec<Slot> {
        match kind {
            Kind::Pp if require_wage_scale => vec![Slot::Naskah, Slot::Saran, Slot::SkalaUpah],
            Kind::Pp => vec![Slot::Naskah, Slot::Saran],
            Kind::Pkb => vec![Slot::Naskah],
        }
    }
}

/// What a draft still lacks before it can be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    Document(Slot),
    /// PP: whose advice was asked is not stated.
    AdviceFrom,
    /// PKB: no union named as party.
    Union,
    /// PKB: no start date or term.
    Term,
}

impl Gap {
    pub fn label(self, kind: Kind, l: Lang) -> String {
        match self {
            Gap::Document(slot) => format!("{}: {}", l.t("Unggah", "Upload"), slot.label(kind, l)),
            Gap::AdviceFrom => l.t("Pilih dari siapa saran diminta", "Choose whose advice was asked").into(),
            Gap::Union => l
                .t(
                    "Pilih serikat pekerja yang menjadi pihak PKB (terdaftar di Disnaker)",
                    "Choose the registered union(s) party to the PKB",
                )
                .into(),
            Gap::Term => {
                l.t("Isi tanggal mulai berlaku dan jangka waktu PKB", "Give the PKB's start date and term").into()
            }
        }
    }
}

/// The draft's checklist: what is missing before sending (empty: ready).
pub fn gaps(
    kind: Kind,
    require_wage_scale: bool,
    documents: &[Slot],
    advice_from: Option<AdviceFrom>,
    unions: usize,
    term: Option<(NaiveDate, i32)>,
) -> Vec<Gap> {
    let mut out: Vec<Gap> = Slot::required(kind, require_wage_scale)
        .into_iter()
        .filter(|s| !documents.contains(s))
        .map(Gap::Document)
        .collect();
    match kind {
        Kind::Pp if advice_from.is_none() => out.push(Gap::AdviceFrom),
        Kind::Pkb => {
            if unions == 0 {
                out.push(Gap::Union);
            }
            if term.is_none() {
                out.push(Gap::Term);
            }
        }
        Kind::Pp => {}
    }
    out
}

/// One item of the desk's review checklist, with its legal basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    NaskahDitandatangani,
    SaranPekerja,
    SkalaUpah,
    IsiMinimal,
    TidakLebihRendah,
    MasaBerlaku,
    ParaPihak,
    PencatatanSerikat,
    HakKewajiban,
    JangkaWaktu,
    TandaTanganPara,
    TidakBertentangan,
}

impl Item {
    pub const ALL: [Item; 12] = [
        Item::NaskahDitandatangani,
        Item::SaranPekerja,
        Item::SkalaUpah,
        Item::IsiMinimal,
        Item::TidakLebihRendah,
        Item::MasaBerlaku,
        Item::ParaPihak,
        Item::PencatatanSerikat,
        Item::HakKewajiban,
        Item::JangkaWaktu,
        Item::TandaTanganPara,
        Item::TidakBertentangan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Item::NaskahDitandatangani => "naskah_ditandatangani",
            Item::SaranPekerja => "saran_pekerja",
            Item::SkalaUpah => "skala_upah",
            Item::IsiMinimal => "isi_minimal",
            Item::TidakLebihRendah => "tidak_lebih_rendah",
            Item::MasaBerlaku => "masa_berlaku",
            Item::ParaPihak => "para_pihak",
            Item::PencatatanSerikat => "pencatatan_serikat",
            Item::HakKewajiban => "hak_kewajiban",
            Item::JangkaWaktu => "jangka_waktu",
            Item::TandaTanganPara => "tanda_tangan_para_pihak",
            Item::TidakBertentangan => "tidak_bertentangan",
        }
    }

    pub fn parse(s: &str) -> Option<Item> {
        Item::ALL.into_iter().find(|k| k.code() == s)
    }

    /// The items a desk officer checks for a submission of this kind.
    pub fn for_kind(kind: Kind, require_wage_scale: bool) -> Vec<Item> {
        use Item::*;
        match kind {
            Kind::Pp if require_wage_scale => {
                vec![NaskahDitandatangani, SaranPekerja, SkalaUpah, IsiMinimal, TidakLebihRendah, MasaBerlaku]
            }
            Kind::Pp => vec![NaskahDitandatangani, SaranPekerja, IsiMinimal, TidakLebihRendah, MasaBerlaku],
            Kind::Pkb => {
                vec![ParaPihak, PencatatanSerikat, HakKewajiban, JangkaWaktu, TandaTanganPara, TidakBertentangan]
            }
        }
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Item::NaskahDitandatangani => l.t("Naskah PP ditandatangani pengusaha", "The PP text is signed by the employer"),
            Item::SaranPekerja => l.t(
                "Saran serikat pekerja/wakil pekerja telah diminta, atau ada pernyataan tidak ada",
                "The union's or worker representatives' advice was asked, or there is a statement that there are none",
            ),
            Item::SkalaUpah => l.t("Struktur dan skala upah dilampirkan", "The wage structure and scale is attached"),
            Item::IsiMinimal => l.t(
                "Memuat hak dan kewajiban pengusaha dan pekerja, syarat kerja, tata tertib, dan jangka waktu berlaku",
                "Contains the rights and duties of employer and workers, working conditions, discipline rules and the term",
            ),
            Item::TidakLebihRendah => l.t(
                "Tidak ada ketentuan yang lebih rendah dari peraturan perundang-undangan",
                "No clause is below what the law provides",
            ),
            Item::MasaBerlaku => l.t("Masa berlaku paling lama 2 tahun", "Valid for at most 2 years"),
            Item::ParaPihak => l.t(
                "Nama dan alamat perusahaan serta serikat pekerja/serikat buruh",
                "Names and addresses of the company and the union(s)",
            ),
            Item::PencatatanSerikat => l.t(
                "Nomor dan tanggal pencatatan serikat pekerja/serikat buruh di Disnaker",
                "The union's registration number and date at the Disnaker",
            ),
            Item::HakKewajiban => l.t(
                "Hak dan kewajiban pengusaha, serikat pekerja dan pekerja",
                "Rights and duties of the employer, the union and the workers",
            ),
            Item::JangkaWaktu => l.t(
                "Jangka waktu dan tanggal mulai berlaku (paling lama 2 tahun)",
                "Term and start date (at most 2 years)",
            ),
            Item::TandaTanganPara => l.t("Tanda tangan para pembuat PKB", "Signatures of the parties"),
            Item::TidakBertentangan => l.t(
                "Tidak bertentangan dengan peraturan perundang-undangan",
                "Does not contradict the law",
            ),
        }
    }

    pub fn legal_basis(self) -> &'static str {
        match self {
            Item::NaskahDitandatangani => "Permenaker 28/2014 Pasal 8",
            Item::SaranPekerja => "UU 13/2003 Pasal 110",
            Item::SkalaUpah => "PP 36/2021 Pasal 21; Permenaker 28/2014 Pasal 8",
            Item::IsiMinimal => "UU 13/2003 Pasal 111 ayat (1)",
            Item::TidakLebihRendah => "UU 13/2003 Pasal 111 ayat (2)",
            Item::MasaBerlaku => "UU 13/2003 Pasal 111 ayat (3)",
            Item::ParaPihak | Item::PencatatanSerikat | Item::HakKewajiban => "UU 13/2003 Pasal 124 ayat (1)",
            Item::JangkaWaktu => "UU 13/2003 Pasal 123 ayat (1), Pasal 124 ayat (1)",
            Item::TandaTanganPara => "UU 13/2003 Pasal 124 ayat (1) huruf f",
            Item::TidakBertentangan => "UU 13/2003 Pasal 124 ayat (2)",
        }
    }
}

/// How the actor stands to one submission; decided by the service from the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub role: Role,
    /// A representative of the submission's company.
    pub is_representative: bool,
    /// Harmoni itself, applying a clock that ran out.
    pub is_system: bool,
}

impl Standing {
    pub const SYSTEM: Standing = Standing { role: Role::Admin, is_representative: false, is_system: true };

    /// The company's representative, or the desk acting for a company at the counter.
    fn files(&self) -> bool {
        !self.is_system && (self.is_representative || self.role == Role::Petugas)
    }
}

/// What the rules need to know about a submission to decide a step.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    /// What the draft still lacks (`gaps`).
    pub gaps: usize,
    /// Of the review checklist sent with a Correction or Compliant step: items answered, items
    /// the kind requires, and items not met (each with a reason).
    pub items_answered: usize,
    pub items_required: usize,
    pub items_unmet: usize,
    /// A not-met item without a reason.
    pub unmet_without_reason: bool,
    /// Clocks computed by the service: the last day to resubmit, and the PP's outer limit.
    pub correction_due: Option<NaiveDate>,
    pub outer_due: Option<NaiveDate>,
}

/// A step on a submission. Each successful step writes exactly one history row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Send the draft (online), or record receipt of the paper file at the counter.
    Submit,
    /// Send the corrected file within 14 WD of the correction notice.
    Resubmit,
    /// The desk's review found defects: the correction notice.
    Correction,
    /// The desk's review found the file complete and compliant.
    Compliant,
    /// The head issues the SK Pengesahan (PP) or the registration letter (PKB).
    Decide,
    /// Harmoni: 14 WD passed without a resubmission; the process starts over.
    Lapse,
    /// Harmoni: a compliant PP without an SK 30 WD after receipt is deemed ratified.
    DeemRatified,
    Withdraw,
}

impl Action {
    pub const ALL: [Action; 8] = [
        Action::Submit,
        Action::Resubmit,
        Action::Correction,
        Action::Compliant,
        Action::Decide,
        Action::Lapse,
        Action::DeemRatified,
        Action::Withdraw,
    ];

    /// The audit action; the part after `regulation.` is the step's stable code.
    pub fn audit_code(self) -> &'static str {
        match self {
            Action::Submit => "regulation.submit",
            Action::Resubmit => "regulation.resubmit",
            Action::Correction => "regulation.correction",
            Action::Compliant => "regulation.compliant",
            Action::Decide => "regulation.decide",
            Action::Lapse => "regulation.lapse",
            Action::DeemRatified => "regulation.deemed_ratified",
            Action::Withdraw => "regulation.withdraw",
        }
    }

    pub fn code(self) -> &'static str {
        self.audit_code().trim_start_matches("regulation.")
    }

    pub fn parse(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn is_automatic(self) -> bool {
        matches!(self, Action::Lapse | Action::DeemRatified)
    }

    pub fn label(self, kind: Kind, l: Lang) -> &'static str {
        match self {
            Action::Submit => l.t("Berkas diajukan dan diterima", "File sent and received"),
            Action::Resubmit => l.t("Berkas perbaikan diajukan kembali", "Corrected file resubmitted"),
            Action::Correction => l.t("Pemberitahuan perbaikan diterbitkan", "Correction notice issued"),
            Action::Compliant => l.t("Berkas dinyatakan memenuhi syarat", "File found compliant"),
            Action::Decide => match kind {
                Kind::Pp => l.t("SK Pengesahan PP diterbitkan", "Ratification decree issued"),
                Kind::Pkb => l.t("PKB didaftarkan (surat pendaftaran terbit)", "PKB registered (letter issued)"),
            },
            Action::Lapse => l.t(
                "14 hari kerja lewat tanpa pengajuan kembali: gugur",
                "14 working days without resubmission: lapsed",
            ),
            Action::DeemRatified => l.t(
                "30 hari kerja lewat tanpa SK: PP dianggap disahkan",
                "30 working days without a decree: the PP is deemed ratified",
            ),
            Action::Withdraw => l.t("Pengajuan ditarik", "Submission withdrawn"),
        }
    }

    pub fn label_of(code: &str, kind: Kind, l: Lang) -> String {
        Action::parse(code).map(|a| a.label(kind, l).to_string()).unwrap_or_else(|| code.to_string())
    }
}

/// Why a step is refused: a stable code and a message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: Bilingual,
    /// Not allowed at all for this actor (as opposed to not possible now).
    pub forbidden: bool,
}

fn refuse(code: &'static str, id: impl Into<String>, en: impl Into<String>) -> Refusal {
    Refusal { code, message: Bilingual::new(id.into(), en.into()), forbidden: false }
}

fn forbid() -> Refusal {
    Refusal {
        code: "not_allowed",
        message: Bilingual::new(
            "Anda tidak berwenang melakukan langkah ini pada pengajuan ini.",
            "You may not take this step on this submission.",
        ),
        forbidden: true,
    }
}

/// Decides one step: the status it leads to, or why not. `today` is the office's date.
pub fn decide(facts: &Facts, action: Action, who: Standing, today: NaiveDate) -> Result<Status, Refusal> {
    use Status as S;
    let status = facts.status.unwrap_or(S::Draf);
    let kind = facts.kind.unwrap_or(Kind::Pp);
    let allowed = |ok: bool| if ok { Ok(()) } else { Err(forbid()) };
    let at = |ok: bool| {
        if ok {
            Ok(())
        } else {
            Err(refuse(
                "invalid_transition",
                format!(
                    "Langkah \"{}\" tidak dapat dilakukan pada tahap \"{}\".",
                    action.label(kind, Lang::Id),
                    status.label(kind, Lang::Id)
                ),
                format!(
                    "\"{}\" is not possible at the stage \"{}\".",
                    action.label(kind, Lang::En),
                    status.label(kind, Lang::En)
                ),
            ))
        }
    };
    let complete = || {
        if facts.gaps == 0 {
            Ok(())
        } else {
            Err(refuse(
                "incomplete",
                "Berkas belum lengkap: lengkapi daftar periksa di halaman pengajuan terlebih dahulu.",
                "The file is incomplete: complete the checklist on the submission page first.",
            ))
        }
    };
    let reviewed = || {
        if facts.items_answered < facts.items_required {
            return Err(refuse(
                "review_incomplete",
                "Isi setiap butir daftar periksa: memenuhi atau tidak memenuhi.",
                "Answer every item of the checklist: met or not met.",
            ));
        }
        if facts.unmet_without_reason {
            return Err(refuse(
                "reason_required",
                "Tulis alasan untuk setiap butir yang tidak memenuhi.",
                "Give the reason for every item not met.",
            ));
        }
        Ok(())
    };
    match action {
        Action::Submit => {
            allowed(who.files())?;
            at(status == S::Draf)?;
            complete()?;
            Ok(S::Diajukan)
        }
        Action::Resubmit => {
            allowed(who.files())?;
            at(status == S::Perbaikan)?;
            if facts.correction_due.is_some_and(|due| today > due) {
                return Err(refuse(
                    "correction_period_over",
                    "Batas 14 hari kerja untuk mengajukan kembali sudah lewat; buat pengajuan baru.",
                    "The 14 working days to resubmit have passed; start a new submission.",
                ));
            }
            complete()?;
            Ok(S::Diajukan)
        }
        Action::Correction => {
            allowed(!who.is_system && who.role == Role::Petugas)?;
            at(status == S::Diajukan)?;
            reviewed()?;
            if facts.items_unmet == 0 {
                return Err(refuse(
                    "nothing_to_correct",
                    "Semua butir memenuhi: nyatakan berkas memenuhi syarat, bukan perbaikan.",
                    "Every item is met: mark the file compliant instead.",
                ));
            }
            Ok(S::Perbaikan)
        }
        Action::Compliant => {
            allowed(!who.is_system && who.role == Role::Petugas)?;
            at(status == S::Diajukan)?;
            reviewed()?;
            if facts.items_unmet > 0 {
                return Err(refuse(
                    "items_not_met",
                    "Ada butir yang tidak memenuhi: terbitkan pemberitahuan perbaikan.",
                    "Some items are not met: issue a correction notice.",
                ));
            }
            Ok(S::MemenuhiSyarat)
        }
        Action::Decide => {
            allowed(!who.is_system && who.role == Role::Pimpinan)?;
            at(status == S::MemenuhiSyarat)?;
            if kind == Kind::Pp && facts.outer_due.is_some_and(|due| today > due) {
                return Err(refuse(
                    "deemed_ratified",
                    "Batas 30 hari kerja sudah lewat: PP ini dianggap disahkan.",
                    "The 30 working-day limit has passed: this PP is deemed ratified.",
                ));
            }
            Ok(S::Disahkan)
        }
        Action::Lapse => {
            allowed(who.is_system)?;
            at(status == S::Perbaikan)?;
            match facts.correction_due {
                Some(due) if today > due => Ok(S::Gugur),
                _ => Err(refuse("not_due", "Waktu perbaikan belum habis.", "The correction period has not run out.")),
            }
        }
        Action::DeemRatified => {
            allowed(who.is_system)?;
            at(kind == Kind::Pp && status == S::MemenuhiSyarat)?;
            match facts.outer_due {
                Some(due) if today > due => Ok(S::DianggapDisahkan),
                _ => Err(refuse(
                    "not_due",
                    "Batas 30 hari kerja belum lewat.",
                    "The 30 working-day limit has not passed.",
                )),
            }
        }
        Action::Withdraw => {
            allowed(!who.is_system && (who.is_representative || who.role == Role::Petugas))?;
            at(matches!(status, S::Draf | S::Diajukan | S::Perbaikan | S::MemenuhiSyarat))?;
            Ok(S::Ditarik)
        }
    }
}

/// The steps offered to this actor now: allowed, or refused only for something the page then
/// explains (an incomplete file, an unanswered checklist).
pub fn offered_steps(facts: &Facts, who: Standing, today: NaiveDate) -> Vec<Action> {
    const EXPLAINED: [&str; 4] = ["incomplete", "review_incomplete", "nothing_to_correct", "items_not_met"];
    Action::ALL
        .into_iter()
        .filter(|a| !a.is_automatic())
        .filter(|a| match decide(facts, *a, who, today) {
            Ok(_) => true,
            Err(r) => !r.forbidden && EXPLAINED.contains(&r.code),
        })
        .collect()
}

/// A running clock: the rule (deadlines.toml) and the day it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub rule: &'static str,
    pub start: NaiveDate,
}

/// Dates the clocks run from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Dates {
    pub received_on: Option<NaiveDate>,
    pub correction_notified_on: Option<NaiveDate>,
    pub compliant_on: Option<NaiveDate>,
}

/// The clocks running in a status, nearest stage first (DOMAIN.md sections 4 and 5).
pub fn running_clocks(kind: Kind, status: Status, d: Dates) -> Vec<Clock> {
    let clock = |rule: &'static str, start: Option<NaiveDate>| start.map(|start| Clock { rule, start });
    let mut out = Vec::new();
    match (status, kind) {
        (Status::Diajukan, _) => out.extend(clock(kind.review_rule(), d.received_on)),
        (Status::Perbaikan, _) => out.extend(clock(kind.correction_rule(), d.correction_notified_on)),
        (Status::MemenuhiSyarat, Kind::Pp) => out.extend(clock("pp_sk_pengesahan", d.compliant_on)),
        (Status::MemenuhiSyarat, Kind::Pkb) => out.extend(clock("pkb_pemeriksaan", d.received_on)),
        _ => {}
    }
    if kind == Kind::Pp && matches!(status, Status::Diajukan | Status::MemenuhiSyarat) {
        out.extend(clock("pp_batas_pengesahan", d.received_on));
    }
    out
}

/// The last valid day of a PP: two years from the SK (or deemed) date, less a day.
pub fn pp_valid_until(from: NaiveDate) -> NaiveDate {
    months_later(from, MAX_VALIDITY_MONTHS).pred_opt().unwrap_or(from)
}

/// The last valid day of a PKB from its start and term in months.
pub fn pkb_valid_until(starts_on: NaiveDate, term_months: u32) -> NaiveDate {
    months_later(starts_on, term_months).pred_opt().unwrap_or(starts_on)
}

fn months_later(from: NaiveDate, months: u32) -> NaiveDate {
    from.checked_add_months(Months::new(months)).unwrap_or(from)
}

/// Checks a PKB's term (1 to 24 months, UU 13/2003 Ps 123 ayat (1)).
pub fn check_pkb_term(term_months: i32) -> Result<(), Problem> {
    if !(1..=MAX_VALIDITY_MONTHS as i32).contains(&term_months) {
        return Err(Problem::new(
            "invalid_term",
            "Jangka waktu PKB 1 sampai 24 bulan (paling lama 2 tahun, UU 13/2003 Pasal 123).",
            "A PKB runs 1 to 24 months (at most 2 years, UU 13/2003 Ps 123).",
        )
        .field("pkb_term_months"));
    }
    Ok(())
}

/// Checks the validity of an externally issued PP/PKB (at most 2 years).
pub fn check_validity(from: NaiveDate, until: NaiveDate) -> Result<(), Problem> {
    if until < from {
        return Err(Problem::new(
            "invalid_period",
            "Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku.",
            "The end date cannot be before the start date.",
        )
        .field("valid_until"));
    }
    if until > months_later(from, MAX_VALIDITY_MONTHS).pred_opt().unwrap_or(from) {
        return Err(Problem::new(
            "validity_too_long",
            "PP atau PKB berlaku paling lama 2 tahun (UU 13/2003 Pasal 111 ayat (3) dan Pasal 123 ayat (1)).",
            "A PP or PKB is valid for at most 2 years (UU 13/2003 Ps 111(3), Ps 123(1)).",
        )
        .field("valid_until"));
    }
    Ok(())
}

/// Checks one extension: only one, at most a year after the current end, and for a PP only
/// while a PKB is being negotiated (the caller asserts that with the written evidence).
pub fn check_extension(
    kind: Kind,
    current_end: NaiveDate,
    new_end: NaiveDate,
    already_extended: bool,
    pkb_negotiating: bool,
    today: NaiveDate,
) -> Result<(), Problem> {
    if already_extended {
        return Err(Problem::new(
            "already_extended",
            "Masa berlaku ini sudah pernah diperpanjang; perpanjangan hanya boleh satu kali.",
            "This has already been extended; only one extension is allowed.",
        ));
    }
    if current_end < today {
        return Err(Problem::new(
            "already_expired",
            "Masa berlakunya sudah berakhir; ajukan yang baru.",
            "It has already expired; submit a new one.",
        ));
    }
    if kind == Kind::Pp && !pkb_negotiating {
        return Err(Problem::new(
            "pkb_not_negotiating",
            "PP hanya dapat diperpanjang selama perundingan PKB berlangsung: nyatakan dan lampirkan buktinya.",
            "A PP may only be extended while a PKB is being negotiated: state it and attach the evidence.",
        )
        .field("pkb_negotiating"));
    }
    if new_end <= current_end || new_end > months_later(current_end, MAX_EXTENSION_MONTHS) {
        return Err(Problem::new(
            "extension_too_long",
            "Perpanjangan paling lama 1 tahun sesudah tanggal berakhir yang sekarang.",
            "An extension runs at most one year past the current end.",
        )
        .field("extended_until"));
    }
    Ok(())
}

/// A PP or PKB in force for the indicator: from when it counts to its last valid day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instrument {
    pub kind: Kind,
    /// The later of its start and its decree, registration or deemed date.
    pub counts_from: NaiveDate,
    /// The last valid day, extensions included.
    pub ends_on: NaiveDate,
}

/// The PP/PKB criterion as of `date`: a valid PP or PKB (a PKB makes a PP unnecessary), not
/// required below the workforce threshold when none is in force.
pub fn regulation_status(list: &[Instrument], workers_total: i32, required_from: i32, date: NaiveDate) -> Criterion {
    if let Some(current) =
        list.iter().filter(|i| i.counts_from <= date && date <= i.ends_on).min_by_key(|i| i.counts_from)
    {
        return Criterion::Met { since: current.counts_from };
    }
    if workers_total < required_from {
        return Criterion::NotRequired;
    }
    match list.iter().filter(|i| i.ends_on < date).max_by_key(|i| i.ends_on) {
        Some(last) => Criterion::Missing(vec![Bilingual::new(
            format!("{} berakhir {}; perlu pembaruan", last.kind.short(), Lang::Id.date_long(last.ends_on)),
            format!("The {} expired on {}; it must be renewed", last.kind.short(), Lang::En.date_long(last.ends_on)),
        )]),
        None => Criterion::NoData,
    }
}

/// The first day after `today` on which the criterion can change without a new record.
pub fn changes_on(list: &[Instrument], today: NaiveDate) -> Option<NaiveDate> {
    list.iter().flat_map(|i| [i.counts_from, i.ends_on.succ_opt().unwrap_or(i.ends_on)]).filter(|d| *d > today).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn rep() -> Standing {
        Standing { role: Role::Perusahaan, is_representative: true, is_system: false }
    }
    fn desk() -> Standing {
        Standing { role: Role::Petugas, is_representative: false, is_system: false }
    }
    fn head() -> Standing {
        Standing { role: Role::Pimpinan, is_representative: false, is_system: false }
    }

    #[test]
    fn a_draft_is_sent_only_when_its_checklist_is_complete() {
        let gaps = gaps(Kind::Pp, true, &[Slot::Naskah], None, 0, None);
        assert_eq!(gaps, vec![Gap::Document(Slot::Saran), Gap::Document(Slot::SkalaUpah), Gap::AdviceFrom]);
        let f = Facts { kind: Some(Kind::Pp), status: Some(Status::Draf), gaps: gaps.len(), ..Default::default() };
        assert_eq!(decide(&f, Action::Submit, rep(), d(2026, 3, 2)).expect_err("gaps").code, "incomplete");
        let f = Facts { gaps: 0, ..f };
        assert_eq!(decide(&f, Action::Submit, rep(), d(2026, 3, 2)), Ok(Status::Diajukan));
        assert!(decide(&f, Action::Submit, head(), d(2026, 3, 2)).expect_err("head").forbidden);
        // Without the wage-scale setting the PP needs two documents; a PKB needs a union and its term.
        assert_eq!(gaps_len(Kind::Pp, false), 3);
        assert_eq!(super::gaps(Kind::Pkb, true, &[Slot::Naskah], None, 1, Some((d(2026, 1, 1), 24))), vec![]);
    }

    fn gaps_len(kind: Kind, wage: bool) -> usize {
        super::gaps(kind, wage, &[], None, 0, None).len()
    }

    #[test]
    fn review_needs_every_item_and_reasons() {
        let base = Facts {
            kind: Some(Kind::Pp),
            status: Some(Status::Diajukan),
            items_required: 6,
            items_answered: 5,
            ..Default::default()
        };
        let today = d(2026, 3, 2);
        assert_eq!(decide(&base, Action::Compliant, desk(), today).expect_err("5 of 6").code, "review_incomplete");
        let all = Facts { items_answered: 6, ..base.clone() };
        assert_eq!(decide(&all, Action::Compliant, desk(), today), Ok(Status::MemenuhiSyarat));
        assert_eq!(decide(&all, Action::Correction, desk(), today).expect_err("all met").code, "nothing_to_correct");
        let unmet = Facts { items_unmet: 1, unmet_without_reason: true, ..all.clone() };
        assert_eq!(decide(&unmet, Action::Correction, desk(), today).expect_err("no reason").code, "reason_required");
        let unmet = Facts { unmet_without_reason: false, ..unmet };
        assert_eq!(decide(&unmet, Action::Correction, desk(), today), Ok(Status::Perbaikan));
        assert!(decide(&unmet, Action::Correction, rep(), today).expect_err("rep").forbidden);
    }

    #[test]
    fn clocks_lapse_and_deem_only_after_their_day() {
        let perbaikan = Facts {
            kind: Some(Kind::Pp),
            status: Some(Status::Perbaikan),
            correction_due: Some(d(2026, 4, 10)),
            ..Default::default()
        };
        assert_eq!(
            decide(&perbaikan, Action::Lapse, Standing::SYSTEM, d(2026, 4, 10)).expect_err("due").code,
            "not_due"
        );
        assert_eq!(decide(&perbaikan, Action::Lapse, Standing::SYSTEM, d(2026, 4, 11)), Ok(Status::Gugur));
        assert_eq!(
            decide(&perbaikan, Action::Resubmit, rep(), d(2026, 4, 11)).expect_err("late").code,
            "correction_period_over"
        );
        let compliant = Facts {
            kind: Some(Kind::Pp),
            status: Some(Status::MemenuhiSyarat),
            outer_due: Some(d(2026, 5, 4)),
            ..Default::default()
        };
        assert!(decide(&compliant, Action::DeemRatified, Standing::SYSTEM, d(2026, 5, 4)).is_err());
        assert_eq!(
            decide(&compliant, Action::DeemRatified, Standing::SYSTEM, d(2026, 5, 5)),
            Ok(Status::DianggapDisahkan)
        );
        assert_eq!(decide(&compliant, Action::Decide, head(), d(2026, 5, 4)), Ok(Status::Disahkan));
        assert_eq!(
            decide(&compliant, Action::Decide, head(), d(2026, 5, 5)).expect_err("late").code,
            "deemed_ratified"
        );
        let pkb = Facts { kind: Some(Kind::Pkb), ..compliant };
        assert!(decide(&pkb, Action::DeemRatified, Standing::SYSTEM, d(2026, 6, 1)).is_err(), "a PKB is never deemed");
        assert!(decide(&pkb, Action::Lapse, head(), d(2026, 6, 1)).expect_err("people").forbidden);
    }

    #[test]
    fn validity_is_two_years_and_one_extension_of_a_year() {
        assert_eq!(pp_valid_until(d(2026, 3, 2)), d(2028, 3, 1));
        assert_eq!(pkb_valid_until(d(2026, 1, 1), 24), d(2027, 12, 31));
        assert!(check_pkb_term(25).is_err() && check_pkb_term(0).is_err() && check_pkb_term(24).is_ok());
        assert!(check_validity(d(2026, 1, 1), d(2027, 12, 31)).is_ok());
        assert_eq!(check_validity(d(2026, 1, 1), d(2028, 1, 1)).expect_err("3 years").code, "validity_too_long");
        let today = d(2027, 6, 1);
        assert!(check_extension(Kind::Pkb, d(2027, 12, 31), d(2028, 12, 31), false, false, today).is_ok());
        assert_eq!(
            check_extension(Kind::Pkb, d(2027, 12, 31), d(2029, 1, 1), false, false, today)
                .expect_err("13 months")
                .code,
            "extension_too_long"
        );
        assert_eq!(
            check_extension(Kind::Pkb, d(2028, 12, 31), d(2029, 6, 30), true, false, today).expect_err("second").code,
            "already_extended"
        );
        assert_eq!(
            check_extension(Kind::Pp, d(2027, 12, 31), d(2028, 6, 30), false, false, today)
                .expect_err("no PKB talks")
                .code,
            "pkb_not_negotiating"
        );
    }

    #[test]
    fn the_criterion_follows_validity_and_a_pkb_replaces_a_pp() {
        let pp = Instrument { kind: Kind::Pp, counts_from: d(2024, 5, 1), ends_on: d(2026, 4, 30) };
        assert_eq!(regulation_status(&[pp], 120, 10, d(2026, 4, 30)), Criterion::Met { since: d(2024, 5, 1) });
        assert!(matches!(regulation_status(&[pp], 120, 10, d(2026, 5, 1)), Criterion::Missing(_)), "the day after");
        assert_eq!(regulation_status(&[pp], 8, 10, d(2026, 5, 1)), Criterion::NotRequired);
        assert_eq!(regulation_status(&[], 120, 10, d(2026, 5, 1)), Criterion::NoData);
        let pkb = Instrument { kind: Kind::Pkb, counts_from: d(2026, 4, 1), ends_on: d(2028, 3, 31) };
        assert_eq!(regulation_status(&[pp, pkb], 120, 10, d(2026, 6, 1)), Criterion::Met { since: d(2026, 4, 1) });
        assert_eq!(changes_on(&[pp, pkb], d(2026, 3, 1)), Some(d(2026, 4, 1)));
        assert_eq!(changes_on(&[pp, pkb], d(2026, 4, 1)), Some(d(2026, 5, 1)));
    }

    #[test]
    fn clocks_run_per_status() {
        let dates =
            Dates { received_on: Some(d(2026, 3, 2)), correction_notified_on: None, compliant_on: Some(d(2026, 3, 5)) };
        let rules = |k, s| running_clocks(k, s, dates).into_iter().map(|c| c.rule).collect::<Vec<_>>();
        assert_eq!(rules(Kind::Pp, Status::Diajukan), vec!["pp_pemeriksaan", "pp_batas_pengesahan"]);
        assert_eq!(rules(Kind::Pp, Status::MemenuhiSyarat), vec!["pp_sk_pengesahan", "pp_batas_pengesahan"]);
        assert_eq!(rules(Kind::Pkb, Status::Diajukan), vec!["pkb_pemeriksaan"]);
        assert!(rules(Kind::Pp, Status::Disahkan).is_empty());
    }
}
