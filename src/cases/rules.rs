//! The law of a dispute case, without IO: its statuses, every action, who may take it in
//! which status and what it requires (UU 2/2004, Permenakertrans 17/2014; DOMAIN.md section 2),
//! the statutory clocks of each stage, case numbers and tracking references.

use chrono::NaiveDate;
use harmoni_templates::Lang;
use rand_core::{OsRng, RngCore};

use crate::accounts::Role;

/// The four kinds of industrial-relations dispute (UU 2/2004 Ps 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DisputeType {
    /// Perselisihan hak: a right under law, contract, PP or PKB was not honoured.
    Hak,
    /// Perselisihan kepentingan: no agreement on making or changing working conditions.
    Kepentingan,
    /// Perselisihan pemutusan hubungan kerja (termination).
    Phk,
    /// Perselisihan antar serikat pekerja/serikat buruh in one company.
    AntarSp,
}

impl DisputeType {
    pub const ALL: [DisputeType; 4] =
        [DisputeType::Hak, DisputeType::Kepentingan, DisputeType::Phk, DisputeType::AntarSp];

    pub fn as_str(self) -> &'static str {
        match self {
            DisputeType::Hak => "hak",
            DisputeType::Kepentingan => "kepentingan",
            DisputeType::Phk => "phk",
            DisputeType::AntarSp => "antar_sp",
        }
    }

    pub fn parse(s: &str) -> Option<DisputeType> {
        DisputeType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            DisputeType::Hak => l.t("Perselisihan hak", "Rights dispute"),
            DisputeType::Kepentingan => l.t("Perselisihan kepentingan", "Interests dispute"),
            DisputeType::Phk => l.t("Perselisihan PHK", "Termination dispute"),
            DisputeType::AntarSp => l.t("Perselisihan antar SP/SB", "Dispute between unions"),
        }
    }

    /// Plain-language help shown beside the choice on the complaint form.
    pub fn help(self, l: Lang) -> &'static str {
        match self {
            DisputeType::Hak => l.t(
                "Hak Anda tidak dipenuhi: upah, lembur, THR, cuti, BPJS atau hal lain yang sudah diatur undang-undang, perjanjian kerja, peraturan perusahaan atau PKB.",
                "A right was not honoured: wages, overtime, religious holiday allowance, leave, social security or anything already set by law, contract, company regulation or collective agreement.",
            ),
            DisputeType::Kepentingan => l.t(
                "Tidak ada kesepakatan tentang syarat kerja yang baru atau yang diubah, misalnya saat menyusun PKB atau menaikkan tunjangan.",
                "No agreement on new or changed working conditions, e.g. while negotiating a collective agreement.",
            ),
            DisputeType::Phk => l.t(
                "Anda tidak setuju dengan pemutusan hubungan kerja: alasannya, caranya, atau pesangon dan hak lain yang menyertainya.",
                "You disagree with a termination: its reason, how it was done, or the severance and other rights that come with it.",
            ),
            DisputeType::AntarSp => l.t(
                "Perselisihan antara serikat pekerja/serikat buruh di satu perusahaan, misalnya tentang keanggotaan atau hak berunding.",
                "A dispute between unions in one company, e.g. about membership or bargaining rights.",
            ),
        }
    }

    /// Whether registration is followed by the offer of conciliation or arbitration
    /// (UU 2/2004 Ps 4(3)): every type except hak, which goes straight to mediation.
    pub fn offers_forum(self) -> bool {
        self != DisputeType::Hak
    }

    /// Whether the parties may take this type of dispute to the given forum (DOMAIN.md section 2).
    pub fn allows(self, forum: Forum) -> bool {
        match forum {
            Forum::Mediasi => true,
            Forum::Konsiliasi => self != DisputeType::Hak,
            Forum::Arbitrase => matches!(self, DisputeType::Kepentingan | DisputeType::AntarSp),
        }
    }
}

/// Where a registered dispute is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Forum {
    Mediasi,
    Konsiliasi,
    Arbitrase,
}

impl Forum {
    pub const ALL: [Forum; 3] = [Forum::Mediasi, Forum::Konsiliasi, Forum::Arbitrase];

    pub fn as_str(self) -> &'static str {
        match self {
            Forum::Mediasi => "mediasi",
            Forum::Konsiliasi => "konsiliasi",
            Forum::Arbitrase => "arbitrase",
        }
    }

    pub fn parse(s: &str) -> Option<Forum> {
        Forum::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Forum::Mediasi => l.t("Mediasi (mediator Disnaker)", "Mediation (Disnaker mediator)"),
            Forum::Konsiliasi => l.t("Konsiliasi (konsiliator terdaftar)", "Conciliation (registered conciliator)"),
            Forum::Arbitrase => l.t("Arbitrase (arbiter terdaftar)", "Arbitration (registered arbitrator)"),
        }
    }
}

/// The two sides of a dispute. For a dispute between unions the company side is the other union.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The workers or their union (pihak pekerja/SP/SB).
    Pekerja,
    /// The employer (pihak pengusaha).
    Pengusaha,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Pekerja, Side::Pengusaha];

    pub fn as_str(self) -> &'static str {
        match self {
            Side::Pekerja => "pekerja",
            Side::Pengusaha => "pengusaha",
        }
    }

    pub fn parse(s: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn other(self) -> Side {
        match self {
            Side::Pekerja => Side::Pengusaha,
            Side::Pengusaha => Side::Pekerja,
        }
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Side::Pekerja => l.t("Pihak pekerja/SP/SB", "Workers' side"),
            Side::Pengusaha => l.t("Pihak pengusaha", "Employer's side"),
        }
    }
}

/// Every status a case can be in. The final ones close the case.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written by the complainant; nobody else sees it.
    Draf,
    /// Filed, waiting for screening by a desk officer (7 WD to return an incomplete file).
    Diajukan,
    /// Returned for completion (no proof of bipartite, missing content); the complainant
    /// completes and resubmits.
    Dikembalikan,
    /// Not an industrial-relations dispute; referred elsewhere. Final.
    Dirujuk,
    /// Registered; the parties have 7 WD to choose conciliation or arbitration.
    PenawaranForum,
    /// The parties chose conciliation: out of the office's mediation flow.
    Konsiliasi,
    /// The parties chose arbitration: out of the office's mediation flow.
    Arbitrase,
    /// Registered and waiting for the head of division to delegate a mediator.
    MenungguMediator,
    /// Delegated to a mediator: clarification, summons, sessions.
    Mediasi,
    /// A written anjuran was issued; the parties have 10 WD to answer.
    Anjuran,
    /// Both parties accepted the anjuran; the PB is drawn up within 3 WD.
    MenungguPb,
    /// Settled by a Perjanjian Bersama. Final.
    SelesaiPb,
    /// The anjuran was rejected (or deemed rejected); either party may go to the PHI court. Final.
    LanjutPhi,
    /// Withdrawn by the complainant. Final.
    Dicabut,
    /// Conciliation or arbitration reported its outcome. Final.
    SelesaiForumLain,
}

impl Status {
    pub const ALL: [Status; 15] = [
        Status::Draf,
        Status::Diajukan,
        Status::Dikembalikan,
        Status::Dirujuk,
        Status::PenawaranForum,
        Status::Konsiliasi,
        Status::Arbitrase,
        Status::MenungguMediator,
        Status::Mediasi,
        Status::Anjuran,
        Status::MenungguPb,
        Status::SelesaiPb,
        Status::LanjutPhi,
        Status::Dicabut,
        Status::SelesaiForumLain,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draf => "draf",
            Status::Diajukan => "diajukan",
            Status::Dikembalikan => "dikembalikan",
            Status::Dirujuk => "dirujuk",
            Status::PenawaranForum => "penawaran_forum",
            Status::Konsiliasi => "konsiliasi",
            Status::Arbitrase => "arbitrase",
            Status::MenungguMediator => "menunggu_mediator",
            Status::Mediasi => "mediasi",
            Status::Anjuran => "anjuran",
            Status::MenungguPb => "menunggu_pb",
            Status::SelesaiPb => "selesai_pb",
            Status::LanjutPhi => "lanjut_phi",
            Status::Dicabut => "dicabut",
            Status::SelesaiForumLain => "selesai_forum_lain",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Dirujuk | Status::SelesaiPb | Status::LanjutPhi | Status::Dicabut | Status::SelesaiForumLain
        )
    }

    /// Registered at the office (has a case number), whatever happened since.
    pub fn is_registered(self) -> bool {
        !matches!(self, Status::Draf | Status::Diajukan | Status::Dikembalikan | Status::Dirujuk)
    }

    /// The stage in plain words, for everyone including the public tracking page.
    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Status::Draf => l.t("Draf (belum diajukan)", "Draft (not yet filed)"),
            Status::Diajukan => l.t("Diajukan, menunggu pemeriksaan berkas", "Filed, waiting for screening"),
            Status::Dikembalikan => l.t("Dikembalikan untuk dilengkapi", "Returned for completion"),
            Status::Dirujuk => l.t("Dirujuk ke instansi lain", "Referred to another authority"),
            Status::PenawaranForum => {
                l.t("Tercatat, menunggu pilihan konsiliasi/arbitrase", "Registered, waiting for the choice of forum")
            }
            Status::Konsiliasi => l.t("Diselesaikan melalui konsiliasi", "Being settled by conciliation"),
            Status::Arbitrase => l.t("Diselesaikan melalui arbitrase", "Being settled by arbitration"),
            Status::MenungguMediator => {
                l.t("Tercatat, menunggu penunjukan mediator", "Registered, waiting for a mediator")
            }
            Status::Mediasi => l.t("Dalam mediasi", "In mediation"),
            Status::Anjuran => {
                l.t("Anjuran terbit, menunggu jawaban para pihak", "Recommendation issued, waiting for answers")
            }
            Status::MenungguPb => {
                l.t("Anjuran diterima, menunggu Perjanjian Bersama", "Recommendation accepted, joint agreement due")
            }
            Status::SelesaiPb => l.t("Selesai dengan Perjanjian Bersama", "Settled by joint agreement"),
            Status::LanjutPhi => l.t(
                "Selesai di mediasi: anjuran ditolak, dapat lanjut ke PHI",
                "Mediation ended: recommendation rejected, the court (PHI) is open",
            ),
            Status::Dicabut => l.t("Dicabut oleh pengadu", "Withdrawn by the complainant"),
            Status::SelesaiForumLain => {
                l.t("Selesai melalui konsiliasi/arbitrase", "Ended by conciliation/arbitration")
            }
        }
    }
}

/// How the actor stands to one case; decided by the service from the rows, used here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub role: Role,
    /// The account that filed the case (for a walk-in: the desk officer who entered it).
    pub is_filer: bool,
    /// A worker named as a party, or a representative of the case's company.
    pub is_party: bool,
    /// The mediator the case is delegated to.
    pub is_mediator: bool,
    /// Harmoni itself, applying a clock that ran out.
    pub is_system: bool,
}

impl Standing {
    /// Harmoni itself (the clocks that run out).
    pub const SYSTEM: Standing =
        Standing { role: Role::Admin, is_filer: false, is_party: false, is_mediator: false, is_system: true };

    fn is_staff(&self) -> bool {
        matches!(self.role, Role::Petugas | Role::Pimpinan)
    }
}

/// Everything the rules need to know about a case to decide an action.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub status: Option<Status>,
    pub dispute_type: Option<DisputeType>,
    /// The case has at least one worker party, chronology and demands.
    pub complete: bool,
    pub bipartite_evidence: usize,
    /// The company is a registered company (chosen from the registry or verified by an officer).
    pub company_in_registry: bool,
    pub forum_answers: [Option<Forum>; 2],
    pub sessions: usize,
    /// Whether each side attended at least one session.
    pub attended: [bool; 2],
    pub summons: [usize; 2],
    pub anjuran_answers: [Option<bool>; 2],
    /// Deadlines already computed by the service for the clocks that trigger automatic steps.
    pub forum_due: Option<NaiveDate>,
    pub anjuran_reply_due: Option<NaiveDate>,
}

fn side_index(side: Side) -> usize {
    match side {
        Side::Pekerja => 0,
        Side::Pengusaha => 1,
    }
}

impl Facts {
    pub fn forum_answer(&self, side: Side) -> Option<Forum> {
        self.forum_answers[side_index(side)]
    }
    pub fn anjuran_answer(&self, side: Side) -> Option<bool> {
        self.anjuran_answers[side_index(side)]
    }
    pub fn attended(&self, side: Side) -> bool {
        self.attended[side_index(side)]
    }
    pub fn summons(&self, side: Side) -> usize {
        self.summons[side_index(side)]
    }
}

/// What someone wants to do to a case. Each successful action writes exactly one history row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// File the draft or the completed returned file.
    Submit,
    Register,
    Return,
    Refer,
    /// One side's answer to the offer of conciliation or arbitration.
    ForumAnswer(Side, Forum),
    /// Harmoni: 7 WD passed without a choice (UU 2/2004 Ps 4(4)).
    ForumTimeout,
    Assign,
    Reassign,
    Clarification,
    Session,
    Summons(Side),
    IssueAnjuran,
    AnjuranAnswer(Side, bool),
    /// Harmoni: the 10 WD to answer passed; silence is rejection (UU 2/2004 Ps 13(2)b).
    AnjuranDeemedRejected(Side),
    SignPb,
    RecordPbDeed,
    ExternalOutcome,
    Withdraw,
}

/// One action of each kind (sides and choices at their first value; `variants` gives them all).
pub const KINDS: [Action; 18] = [
    Action::Submit,
    Action::Register,
    Action::Return,
    Action::Refer,
    Action::ForumAnswer(Side::Pekerja, Forum::Mediasi),
    Action::ForumTimeout,
    Action::Assign,
    Action::Reassign,
    Action::Clarification,
    Action::Session,
    Action::Summons(Side::Pekerja),
    Action::IssueAnjuran,
    Action::AnjuranAnswer(Side::Pekerja, true),
    Action::AnjuranDeemedRejected(Side::Pekerja),
    Action::SignPb,
    Action::RecordPbDeed,
    Action::ExternalOutcome,
    Action::Withdraw,
];

impl Action {
    /// The audit action of the step; its part after `case.` is the stable code of the step.
    pub fn audit_code(self) -> &'static str {
        match self {
            Action::Submit => "case.submit",
            Action::Register => "case.register",
            Action::Return => "case.return",
            Action::Refer => "case.refer",
            Action::ForumAnswer(..) => "case.forum_answer",
            Action::ForumTimeout => "case.forum_timeout",
            Action::Assign => "case.assign",
            Action::Reassign => "case.reassign",
            Action::Clarification => "case.clarification",
            Action::Session => "case.session",
            Action::Summons(_) => "case.summons",
            Action::IssueAnjuran => "case.anjuran",
            Action::AnjuranAnswer(..) => "case.anjuran_answer",
            Action::AnjuranDeemedRejected(_) => "case.anjuran_deemed_rejected",
            Action::SignPb => "case.perjanjian_bersama",
            Action::RecordPbDeed => "case.pb_deed",
            Action::ExternalOutcome => "case.external_outcome",
            Action::Withdraw => "case.withdraw",
        }
    }

    /// Stable code of the step, written to history rows and used by forms and the API.
    pub fn code(self) -> &'static str {
        self.audit_code().trim_start_matches("case.")
    }

    /// Whether Harmoni takes this step itself when a clock runs out; nobody is offered it.
    pub fn is_automatic(self) -> bool {
        matches!(self, Action::ForumTimeout | Action::AnjuranDeemedRejected(_))
    }

    /// Every concrete action of this kind: each side, each forum, each answer.
    pub fn variants(self) -> Vec<Action> {
        match self {
            Action::ForumAnswer(..) => {
                Side::ALL.iter().flat_map(|s| Forum::ALL.iter().map(move |f| Action::ForumAnswer(*s, *f))).collect()
            }
            Action::AnjuranAnswer(..) => {
                Side::ALL.iter().flat_map(|s| [true, false].map(|a| Action::AnjuranAnswer(*s, a))).collect()
            }
            Action::Summons(_) => Side::ALL.map(Action::Summons).to_vec(),
            Action::AnjuranDeemedRejected(_) => Side::ALL.map(Action::AnjuranDeemedRejected).to_vec(),
            a => vec![a],
        }
    }

    /// The label of a stored action code (history rows), or the code itself when unknown.
    pub fn label_of(code: &str, l: Lang) -> String {
        KINDS.iter().find(|a| a.code() == code).map(|a| a.label(l).to_string()).unwrap_or_else(|| code.to_string())
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Action::Submit => l.t("Pengaduan diajukan", "Complaint filed"),
            Action::Register => l.t("Perselisihan dicatat", "Dispute registered"),
            Action::Return => l.t("Berkas dikembalikan untuk dilengkapi", "File returned for completion"),
            Action::Refer => l.t("Dirujuk ke instansi lain", "Referred elsewhere"),
            Action::ForumAnswer(..) => l.t("Jawaban atas penawaran forum", "Answer to the offer of forum"),
            Action::ForumTimeout => l.t(
                "7 hari kerja lewat tanpa pilihan: dilimpahkan ke mediasi",
                "7 working days without a choice: to mediation",
            ),
            Action::Assign => l.t("Mediator ditunjuk", "Mediator assigned"),
            Action::Reassign => l.t("Mediator diganti", "Mediator replaced"),
            Action::Clarification => l.t("Klarifikasi dicatat", "Clarification recorded"),
            Action::Session => l.t("Sidang mediasi dicatat", "Mediation session recorded"),
            Action::Summons(_) => l.t("Surat panggilan dikirim", "Summons sent"),
            Action::IssueAnjuran => l.t("Anjuran diterbitkan", "Recommendation issued"),
            Action::AnjuranAnswer(..) => l.t("Jawaban atas anjuran", "Answer to the recommendation"),
            Action::AnjuranDeemedRejected(_) => {
                l.t("Tidak menjawab anjuran: dianggap menolak", "No answer to the recommendation: deemed rejected")
            }
            Action::SignPb => l.t("Perjanjian Bersama ditandatangani", "Joint agreement signed"),
            Action::RecordPbDeed => l.t("Akta pendaftaran PB di PHI dicatat", "PB registration deed recorded"),
            Action::ExternalOutcome => {
                l.t("Hasil konsiliasi/arbitrase dicatat", "Conciliation/arbitration outcome recorded")
            }
            Action::Withdraw => l.t("Pengaduan dicabut", "Complaint withdrawn"),
        }
    }
}

/// Why an action is refused: a stable code and a message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message_id: String,
    pub message_en: String,
    /// Not allowed at all for this actor (as opposed to not possible now).
    pub forbidden: bool,
}

fn refuse(code: &'static str, id: impl Into<String>, en: impl Into<String>) -> Refusal {
    Refusal { code, message_id: id.into(), message_en: en.into(), forbidden: false }
}

fn forbid() -> Refusal {
    Refusal {
        code: "not_allowed",
        message_id: "Anda tidak berwenang melakukan langkah ini pada kasus ini.".into(),
        message_en: "You may not take this step on this case.".into(),
        forbidden: true,
    }
}

fn wrong_status(status: Status, action: Action) -> Refusal {
    refuse(
        "invalid_transition",
        format!(
            "Langkah \"{}\" tidak dapat dilakukan pada tahap \"{}\".",
            action.label(Lang::Id),
            status.label(Lang::Id)
        ),
        format!("\"{}\" is not possible at the stage \"{}\".", action.label(Lang::En), status.label(Lang::En)),
    )
}

/// The number of proper summons after which a mediator may proceed without the absent party
/// is a setting (DOMAIN.md section 2); the service passes it in.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub summons_before_proceeding: usize,
}

/// Decides one action: the status it leads to, or why not. `today` is the office's date.
pub fn decide(
    facts: &Facts,
    action: Action,
    who: Standing,
    limits: Limits,
    today: NaiveDate,
) -> Result<Status, Refusal> {
    use Status as S;
    let status = facts.status.unwrap_or(S::Draf);
    let dtype = facts.dispute_type.unwrap_or(DisputeType::Hak);
    let allowed = |ok: bool| if ok { Ok(()) } else { Err(forbid()) };
    let at = |ok: bool| if ok { Ok(()) } else { Err(wrong_status(status, action)) };
    match action {
        Action::Submit => {
            allowed(who.is_filer)?;
            at(matches!(status, S::Draf | S::Dikembalikan))?;
            if !facts.complete {
                return Err(refuse(
                    "incomplete",
                    "Pengaduan belum lengkap: isi setidaknya satu pekerja, perusahaan, kronologi dan tuntutan.",
                    "The complaint is incomplete: give at least one worker, the company, the chronology and the demands.",
                ));
            }
            Ok(S::Diajukan)
        }
        Action::Register => {
            allowed(who.is_staff())?;
            at(status == S::Diajukan)?;
            if facts.bipartite_evidence == 0 {
                return Err(refuse(
                    "no_bipartite_proof",
                    "Belum ada bukti perundingan bipartit (risalah atau undangan yang ditolak): kembalikan berkas untuk dilengkapi.",
                    "There is no proof of bipartite negotiation (minutes or refused invitations): return the file for completion.",
                ));
            }
            if !facts.company_in_registry {
                return Err(refuse(
                    "company_unverified",
                    "Perusahaan belum diverifikasi: pilih perusahaan dari daftar perusahaan terlebih dahulu.",
                    "The company is not verified: link it to a company of the register first.",
                ));
            }
            Ok(if dtype.offers_forum() { S::PenawaranForum } else { S::MenungguMediator })
        }
        Action::Return | Action::Refer => {
            allowed(who.is_staff())?;
            at(status == S::Diajukan)?;
            Ok(if action == Action::Return { S::Dikembalikan } else { S::Dirujuk })
        }
        Action::ForumAnswer(side, forum) => {
            allowed(who.is_staff())?;
            at(status == S::PenawaranForum)?;
            if !dtype.allows(forum) {
                return Err(refuse(
                    "forum_not_allowed",
                    format!("{} tidak dapat diselesaikan melalui {}.", dtype.label(Lang::Id), forum.as_str()),
                    format!("A {} cannot go to {}.", dtype.label(Lang::En).to_lowercase(), forum.as_str()),
                ));
            }
            if facts.forum_answer(side).is_some() {
                return Err(refuse(
                    "already_answered",
                    "Jawaban pihak ini sudah dicatat.",
                    "This side's answer is already recorded.",
                ));
            }
            match facts.forum_answer(side.other()) {
                None => Ok(S::PenawaranForum),
                // Conciliation and arbitration need both sides; anything else goes to mediation.
                Some(other) if other == forum && forum == Forum::Konsiliasi => Ok(S::Konsiliasi),
                Some(other) if other == forum && forum == Forum::Arbitrase => Ok(S::Arbitrase),
                Some(_) => Ok(S::MenungguMediator),
            }
        }
        Action::ForumTimeout => {
            allowed(who.is_system)?;
            at(status == S::PenawaranForum)?;
            match facts.forum_due {
                Some(due) if today > due => Ok(S::MenungguMediator),
                _ => Err(refuse("not_due", "Waktu memilih forum belum habis.", "The time to choose has not run out.")),
            }
        }
        Action::Assign => {
            allowed(who.role == Role::Pimpinan)?;
            at(status == S::MenungguMediator)?;
            Ok(S::Mediasi)
        }
        Action::Reassign => {
            allowed(who.role == Role::Pimpinan)?;
            at(matches!(status, S::Mediasi | S::Anjuran | S::MenungguPb))?;
            Ok(status)
        }
        Action::Clarification | Action::Session | Action::Summons(_) => {
            allowed(who.is_mediator)?;
            at(status == S::Mediasi)?;
            if action == Action::Clarification && facts.sessions > 0 {
                return Err(refuse(
                    "clarification_after_session",
                    "Klarifikasi dilakukan sebelum sidang mediasi pertama.",
                    "Clarification comes before the first mediation session.",
                ));
            }
            Ok(S::Mediasi)
        }
        Action::IssueAnjuran => {
            allowed(who.is_mediator)?;
            at(status == S::Mediasi)?;
            if facts.sessions == 0 {
                return Err(refuse(
                    "no_session",
                    "Anjuran diterbitkan setelah sidang mediasi: catat sidang terlebih dahulu.",
                    "An anjuran follows a mediation session: record the session first.",
                ));
            }
            for side in Side::ALL {
                if !facts.attended(side) && facts.summons(side) < limits.summons_before_proceeding {
                    return Err(refuse(
                        "party_not_summoned",
                        format!(
                            "{} belum pernah hadir dan baru dipanggil {} kali; anjuran tanpa kehadirannya baru dapat diterbitkan setelah {} kali panggilan yang patut.",
                            side.label(Lang::Id),
                            facts.summons(side),
                            limits.summons_before_proceeding
                        ),
                        format!(
                            "The {} has not attended and was summoned {} times; the anjuran may go ahead without it only after {} proper summons.",
                            side.label(Lang::En).to_lowercase(),
                            facts.summons(side),
                            limits.summons_before_proceeding
                        ),
                    ));
                }
            }
            Ok(S::Anjuran)
        }
        Action::AnjuranAnswer(side, accept) => {
            allowed(who.is_mediator)?;
            at(status == S::Anjuran)?;
            if facts.anjuran_answer(side).is_some() {
                return Err(refuse(
                    "already_answered",
                    "Jawaban pihak ini sudah dicatat.",
                    "This side's answer is already recorded.",
                ));
            }
            Ok(match (accept, facts.anjuran_answer(side.other())) {
                (false, _) | (true, Some(false)) => S::LanjutPhi,
                (true, Some(true)) => S::MenungguPb,
                (true, None) => S::Anjuran,
            })
        }
        Action::AnjuranDeemedRejected(side) => {
            allowed(who.is_system)?;
            at(status == S::Anjuran)?;
            if facts.anjuran_answer(side).is_some() {
                return Err(refuse("already_answered", "Pihak ini sudah menjawab.", "This side has answered."));
            }
            match facts.anjuran_reply_due {
                Some(due) if today > due => Ok(S::LanjutPhi),
                _ => Err(refuse("not_due", "Waktu menjawab belum habis.", "The time to answer has not run out.")),
            }
        }
        Action::SignPb => {
            allowed(who.is_mediator)?;
            at(matches!(status, S::Mediasi | S::MenungguPb))?;
            if status == S::Mediasi && facts.sessions == 0 {
                return Err(refuse(
                    "no_session",
                    "Perjanjian Bersama di mediasi dibuat dalam sidang: catat sidangnya terlebih dahulu.",
                    "A joint agreement in mediation is made at a session: record the session first.",
                ));
            }
            Ok(S::SelesaiPb)
        }
        Action::RecordPbDeed => {
            allowed(who.is_mediator || who.is_staff() || who.is_party || who.is_filer)?;
            at(status == S::SelesaiPb)?;
            Ok(S::SelesaiPb)
        }
        Action::ExternalOutcome => {
            allowed(who.is_staff())?;
            at(matches!(status, S::Konsiliasi | S::Arbitrase))?;
            Ok(S::SelesaiForumLain)
        }
        Action::Withdraw => {
            // The complainant withdraws; staff and the mediator record a written withdrawal.
            let pekerja_or_company_filer = who.is_filer && matches!(who.role, Role::Pekerja | Role::Perusahaan);
            allowed(pekerja_or_company_filer || who.is_staff() || who.is_mediator)?;
            at(!status.is_final() && status != S::Draf)?;
            Ok(S::Dicabut)
        }
    }
}

/// The steps offered to this actor now, by code: those the rules allow, and those refused only
/// for a requirement the form then explains (no session yet, a party not summoned enough, no
/// bipartite proof, no company from the register, an incomplete complaint).
pub fn offered_steps(facts: &Facts, who: Standing, limits: Limits, today: NaiveDate) -> Vec<&'static str> {
    const EXPLAINED: [&str; 5] =
        ["no_session", "party_not_summoned", "no_bipartite_proof", "company_unverified", "incomplete"];
    KINDS
        .iter()
        .filter(|a| !a.is_automatic())
        .filter(|a| {
            a.variants().into_iter().any(|v| match decide(facts, v, who, limits, today) {
                Ok(_) => true,
                Err(r) => !r.forbidden && EXPLAINED.contains(&r.code),
            })
        })
        .map(|a| a.code())
        .collect()
}

/// A statutory clock of a case: the rule (in `deadlines.toml`), the day it starts, and extra
/// working days added to it (clarification time, which does not count toward 30 WD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub rule: &'static str,
    pub start: NaiveDate,
    pub extra_working_days: u32,
    /// The side a per-party clock belongs to (the answer to the anjuran).
    pub side: Option<Side>,
}

/// Dates the clocks run from.
#[derive(Debug, Clone, Default)]
pub struct Dates {
    pub submitted_on: Option<NaiveDate>,
    pub registered_on: Option<NaiveDate>,
    pub delegated_on: Option<NaiveDate>,
    pub first_session_on: Option<NaiveDate>,
    pub anjuran_received_on: Option<NaiveDate>,
    pub anjuran_accepted_on: Option<NaiveDate>,
    /// Working days spent in clarification, computed by the service with the calendar.
    pub clarification_working_days: u32,
}

/// The clocks running in a status (DOMAIN.md section 2), nearest stage first.
pub fn running_clocks(status: Status, d: &Dates, answers: [Option<bool>; 2]) -> Vec<Clock> {
    let clock =
        |rule, start: Option<NaiveDate>| start.map(|start| Clock { rule, start, extra_working_days: 0, side: None });
    let mediation = || {
        d.delegated_on.map(|start| Clock {
            rule: "mediasi",
            start,
            extra_working_days: d.clarification_working_days,
            side: None,
        })
    };
    let mut out = Vec::new();
    match status {
        Status::Diajukan => out.extend(clock("pengembalian_berkas", d.submitted_on)),
        Status::PenawaranForum => out.extend(clock("pilihan_forum", d.registered_on)),
        Status::Mediasi => {
            match d.first_session_on {
                None => out.extend(clock("sidang_mediasi_pertama", d.delegated_on)),
                Some(first) => out.extend(clock("anjuran", Some(first))),
            }
            out.extend(mediation());
        }
        Status::Anjuran => {
            for side in Side::ALL {
                if answers[side_index(side)].is_none() {
                    if let Some(start) = d.anjuran_received_on {
                        out.push(Clock { rule: "jawaban_anjuran", start, extra_working_days: 0, side: Some(side) });
                    }
                }
            }
        }
        Status::MenungguPb => out.extend(clock("perjanjian_bersama_anjuran", d.anjuran_accepted_on)),
        _ => {}
    }
    out
}

// Letter and case numbers are filled by the shared numbering of `sequences`.
pub use crate::sequences::{check_number_pattern, letter_number as case_number, NumberParts};

/// Crockford's base-32 letters without I, L, O and U, so a reference read aloud or typed from
/// paper is not misread.
const REFERENCE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new tracking reference such as `HRM-7K3F-9QX2` (40 random bits; not a sequence, so
/// references cannot be walked).
pub fn new_reference() -> String {
    let mut bytes = [0u8; 8];
    OsRng.fill_bytes(&mut bytes);
    let chars: String = bytes.iter().map(|b| REFERENCE_ALPHABET[(*b as usize) % 32] as char).collect();
    format!("HRM-{}-{}", &chars[..4], &chars[4..])
}

/// A reference as someone typed it: upper case, spaces dropped, O read as 0 and I/L as 1.
pub fn normalize_reference(raw: &str) -> String {
    raw.trim()
        .to_uppercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

/// A new six-digit tracking PIN, printed on the receipt once and stored only as a hash.
pub fn new_pin() -> String {
    format!("{:06}", OsRng.next_u32() % 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    const LIMITS: Limits = Limits { summons_before_proceeding: 2 };
    const FILER: Standing =
        Standing { role: Role::Pekerja, is_filer: true, is_party: true, is_mediator: false, is_system: false };
    const PETUGAS: Standing =
        Standing { role: Role::Petugas, is_filer: false, is_party: false, is_mediator: false, is_system: false };
    const MEDIATOR: Standing =
        Standing { role: Role::Mediator, is_filer: false, is_party: false, is_mediator: true, is_system: false };

    fn facts(status: Status, t: DisputeType) -> Facts {
        Facts {
            status: Some(status),
            dispute_type: Some(t),
            complete: true,
            bipartite_evidence: 1,
            company_in_registry: true,
            ..Default::default()
        }
    }

    #[test]
    fn hak_skips_the_offer_and_the_others_get_it() {
        let today = d("2026-03-02");
        let f = facts(Status::Diajukan, DisputeType::Hak);
        assert_eq!(decide(&f, Action::Register, PETUGAS, LIMITS, today), Ok(Status::MenungguMediator));
        let f = facts(Status::Diajukan, DisputeType::Phk);
        assert_eq!(decide(&f, Action::Register, PETUGAS, LIMITS, today), Ok(Status::PenawaranForum));
    }

    #[test]
    fn registration_needs_bipartite_proof_and_staff() {
        let today = d("2026-03-02");
        let mut f = facts(Status::Diajukan, DisputeType::Phk);
        f.bipartite_evidence = 0;
        assert_eq!(
            decide(&f, Action::Register, PETUGAS, LIMITS, today).expect_err("refused").code,
            "no_bipartite_proof"
        );
        f.bipartite_evidence = 1;
        assert!(decide(&f, Action::Register, FILER, LIMITS, today).expect_err("refused").forbidden);
        assert!(decide(&f, Action::Register, MEDIATOR, LIMITS, today).expect_err("refused").forbidden);
    }

    #[test]
    fn forum_needs_both_sides_to_agree() {
        let today = d("2026-03-02");
        let mut f = facts(Status::PenawaranForum, DisputeType::Kepentingan);
        assert_eq!(
            decide(&f, Action::ForumAnswer(Side::Pekerja, Forum::Arbitrase), PETUGAS, LIMITS, today),
            Ok(Status::PenawaranForum)
        );
        f.forum_answers = [Some(Forum::Arbitrase), None];
        assert_eq!(
            decide(&f, Action::ForumAnswer(Side::Pengusaha, Forum::Arbitrase), PETUGAS, LIMITS, today),
            Ok(Status::Arbitrase)
        );
        assert_eq!(
            decide(&f, Action::ForumAnswer(Side::Pengusaha, Forum::Konsiliasi), PETUGAS, LIMITS, today),
            Ok(Status::MenungguMediator)
        );
        let f = facts(Status::PenawaranForum, DisputeType::Phk);
        assert_eq!(
            decide(&f, Action::ForumAnswer(Side::Pekerja, Forum::Arbitrase), PETUGAS, LIMITS, today)
                .expect_err("refused")
                .code,
            "forum_not_allowed",
            "PHK disputes cannot go to arbitration"
        );
    }

    #[test]
    fn forum_times_out_only_after_the_due_day() {
        let mut f = facts(Status::PenawaranForum, DisputeType::Phk);
        f.forum_due = Some(d("2026-03-11"));
        assert_eq!(
            decide(&f, Action::ForumTimeout, Standing::SYSTEM, LIMITS, d("2026-03-11")).expect_err("refused").code,
            "not_due"
        );
        assert_eq!(
            decide(&f, Action::ForumTimeout, Standing::SYSTEM, LIMITS, d("2026-03-12")),
            Ok(Status::MenungguMediator)
        );
        assert!(decide(&f, Action::ForumTimeout, PETUGAS, LIMITS, d("2026-03-12")).expect_err("refused").forbidden);
    }

    #[test]
    fn an_absent_party_must_be_summoned_twice_before_the_anjuran() {
        let today = d("2026-03-02");
        let mut f = facts(Status::Mediasi, DisputeType::Phk);
        assert_eq!(decide(&f, Action::IssueAnjuran, MEDIATOR, LIMITS, today).expect_err("refused").code, "no_session");
        f.sessions = 1;
        f.attended = [true, false];
        f.summons = [1, 1];
        assert_eq!(
            decide(&f, Action::IssueAnjuran, MEDIATOR, LIMITS, today).expect_err("refused").code,
            "party_not_summoned"
        );
        f.summons = [1, 2];
        assert_eq!(decide(&f, Action::IssueAnjuran, MEDIATOR, LIMITS, today), Ok(Status::Anjuran));
    }

    #[test]
    fn answers_to_the_anjuran_decide_the_end() {
        let today = d("2026-03-02");
        let mut f = facts(Status::Anjuran, DisputeType::Phk);
        assert_eq!(
            decide(&f, Action::AnjuranAnswer(Side::Pekerja, true), MEDIATOR, LIMITS, today),
            Ok(Status::Anjuran)
        );
        assert_eq!(
            decide(&f, Action::AnjuranAnswer(Side::Pekerja, false), MEDIATOR, LIMITS, today),
            Ok(Status::LanjutPhi)
        );
        f.anjuran_answers = [Some(true), None];
        assert_eq!(
            decide(&f, Action::AnjuranAnswer(Side::Pengusaha, true), MEDIATOR, LIMITS, today),
            Ok(Status::MenungguPb)
        );
        f.anjuran_reply_due = Some(d("2026-03-16"));
        assert_eq!(
            decide(&f, Action::AnjuranDeemedRejected(Side::Pengusaha), Standing::SYSTEM, LIMITS, d("2026-03-16"))
                .expect_err("refused")
                .code,
            "not_due"
        );
        assert_eq!(
            decide(&f, Action::AnjuranDeemedRejected(Side::Pengusaha), Standing::SYSTEM, LIMITS, d("2026-03-17")),
            Ok(Status::LanjutPhi)
        );
        assert_eq!(
            decide(&f, Action::AnjuranDeemedRejected(Side::Pekerja), Standing::SYSTEM, LIMITS, d("2026-03-17"))
                .expect_err("refused")
                .code,
            "already_answered"
        );
    }

    #[test]
    fn final_statuses_allow_nothing_but_the_pb_deed() {
        let today = d("2026-03-02");
        let who = [FILER, PETUGAS, MEDIATOR, Standing { role: Role::Pimpinan, ..PETUGAS }, Standing::SYSTEM];
        let actions: Vec<Action> =
            KINDS.iter().filter(|a| **a != Action::RecordPbDeed).flat_map(|a| a.variants()).collect();
        for status in Status::ALL.into_iter().filter(|s| s.is_final()) {
            let mut f = facts(status, DisputeType::Kepentingan);
            f.sessions = 1;
            f.attended = [true, true];
            f.forum_due = Some(d("2026-01-01"));
            f.anjuran_reply_due = Some(d("2026-01-01"));
            for a in actions.iter().copied() {
                for w in who {
                    assert!(decide(&f, a, w, LIMITS, today).is_err(), "{status:?} {a:?} {w:?}");
                }
            }
        }
    }

    #[test]
    fn clocks_follow_the_stage() {
        let dates = Dates {
            submitted_on: Some(d("2026-03-02")),
            registered_on: Some(d("2026-03-04")),
            delegated_on: Some(d("2026-03-16")),
            first_session_on: Some(d("2026-03-26")),
            anjuran_received_on: Some(d("2026-04-06")),
            anjuran_accepted_on: None,
            clarification_working_days: 2,
        };
        let rules = |s| running_clocks(s, &dates, [Some(true), None]).into_iter().map(|c| c.rule).collect::<Vec<_>>();
        assert_eq!(rules(Status::Diajukan), ["pengembalian_berkas"]);
        assert_eq!(rules(Status::PenawaranForum), ["pilihan_forum"]);
        assert_eq!(rules(Status::Mediasi), ["anjuran", "mediasi"]);
        assert_eq!(rules(Status::Anjuran), ["jawaban_anjuran"], "only the side that has not answered");
        let m = running_clocks(Status::Mediasi, &dates, [None, None]);
        assert_eq!(m[1].extra_working_days, 2, "clarification time is added to the 30 WD");
        assert!(rules(Status::SelesaiPb).is_empty());
    }

    #[test]
    fn case_numbers_follow_the_pattern() {
        let n = case_number(&NumberParts {
            pattern: "{classification}/{seq}/{unit}/{month}/{year}",
            classification: "565",
            unit: "HI",
            sequence: 7,
            sequence_width: 4,
            date: d("2026-03-02"),
        });
        assert_eq!(n, "565/0007/HI/III/2026");
        assert!(check_number_pattern("565/{seq}/HI/{year}").is_ok());
        assert!(check_number_pattern("565/{seq}/HI").is_err());
        assert!(check_number_pattern("{seq}/{tahun}/{year}").is_err());
    }

    #[test]
    fn references_are_readable_and_forgiving() {
        let r = new_reference();
        assert_eq!(r.len(), 13);
        assert!(r.starts_with("HRM-"));
        assert!(!r[4..].contains(['I', 'L', 'O', 'U']));
        assert_eq!(normalize_reference(" hrm-7k3f-9qxo "), "HRM-7K3F-9QX0");
        assert_eq!(new_pin().len(), 6);
    }
}
