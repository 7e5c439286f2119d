//! Official letters as content: one template per letter type, filled from plain facts the
//! caller has already read and formatted, producing a `Letter` that the PDF renderer lays out
//! on the letterhead. Letters are Indonesian documents; they are written in Indonesian only.

/// One letter's content, independent of how it is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    /// Title in capitals, e.g. "SURAT PANGGILAN".
    pub title: String,
    /// The letter number, e.g. "565/012/HI/2026".
    pub number: String,
    /// "Bekasi, 2 Maret 2026".
    pub place_date: String,
    /// Lines under "Kepada Yth."; empty for documents headed by a centred title (receipts,
    /// risalah, anjuran, PB, decrees), which carry the number under the title instead.
    pub addressee: Vec<String>,
    /// "Perihal" of an addressed letter.
    pub subject: String,
    /// "Lampiran" of an addressed letter ("-" when none).
    pub attachment: String,
    pub blocks: Vec<Block>,
    /// Signature blocks, left to right (one: the office's signatory on the right).
    pub signatures: Vec<Signature>,
    /// "Tembusan" (copies to).
    pub copies: Vec<String>,
}

/// A piece of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of running text.
    Para(String),
    /// A bold line introducing a section ("MENETAPKAN", "Pasal 1", "Kronologi").
    Heading(String),
    /// Label and value pairs, aligned on a colon.
    Fields(Vec<(String, String)>),
    /// A numbered list.
    Numbered(Vec<String>),
}

/// Who signs, as printed under the signature space.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// Lines above the signature space ("a.n. Kepala Dinas ...", "Pihak Pertama").
    pub role: Vec<String>,
    pub name: String,
    /// Under the name: "NIP 19700101 199003 1 002", or nothing.
    pub detail: String,
}

/// The office's signatory from the settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Signatory {
    pub title: String,
    pub name: String,
    pub nip: String,
}

impl Signatory {
    fn sign(&self) -> Signature {
        Signature {
            role: self.title.split('\n').map(str::to_string).collect(),
            // No name configured: a dotted line for the official to write it by hand.
            name: if self.name.trim().is_empty() {
                "(.......................................)".into()
            } else {
                self.name.clone()
            },
            detail: if self.nip.trim().is_empty() { String::new() } else { format!("NIP {}", self.nip) },
        }
    }
}

/// A mediator who signs their own letters (summons, risalah, anjuran).
fn mediator_signs(mediator: &str, nip: &str) -> Signature {
    Signature {
        role: vec!["Mediator Hubungan Industrial".into()],
        name: mediator.to_string(),
        detail: if nip.trim().is_empty() { String::new() } else { format!("NIP {nip}") },
    }
}

/// What every letter shares: its number, place and date, and who signs for the office.
#[derive(Debug, Clone, PartialEq)]
pub struct Common {
    pub number: String,
    pub place_date: String,
    pub signatory: Signatory,
    pub office_name: String,
}

/// The parties of a dispute, as the letters name them.
#[derive(Debug, Clone, PartialEq)]
pub struct DisputeParties {
    pub case_number: String,
    /// "Perselisihan pemutusan hubungan kerja".
    pub dispute_type: String,
    /// The worker side: the workers' names, or the union on their behalf.
    pub workers: String,
    pub workers_address: String,
    pub company: String,
    pub company_address: String,
}

impl DisputeParties {
    fn fields(&self) -> Vec<(String, String)> {
        vec![
            ("Nomor perkara".into(), self.case_number.clone()),
            ("Jenis perselisihan".into(), self.dispute_type.clone()),
            ("Pihak pekerja/buruh".into(), self.workers.clone()),
            ("Pihak pengusaha".into(), self.company.clone()),
        ]
    }
}

fn centred(title: &str, c: &Common, blocks: Vec<Block>, signatures: Vec<Signature>) -> Letter {
    Letter {
        title: title.to_string(),
        number: c.number.clone(),
        place_date: c.place_date.clone(),
        addressee: Vec::new(),
        subject: String::new(),
        attachment: String::new(),
        blocks,
        signatures,
        copies: Vec::new(),
    }
}

fn addressed(c: &Common, to: Vec<String>, subject: &str, blocks: Vec<Block>, signatures: Vec<Signature>) -> Letter {
    Letter {
        title: String::new(),
        number: c.number.clone(),
        place_date: c.place_date.clone(),
        addressee: to,
        subject: subject.to_string(),
        attachment: "-".into(),
        blocks,
        signatures,
        copies: Vec::new(),
    }
}

/// A *tanda terima*: what was received, from whom, when (day, date and hour).
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    /// "pengaduan perselisihan hubungan industrial", "pemberitahuan mogok kerja".
    pub what: String,
    /// Day, date and hour: "Senin, 2 Maret 2026 pukul 08.00 WIB".
    pub received_at: String,
    pub from: String,
    /// The other side, or the company concerned.
    pub concerning: String,
    /// The tracking reference given to the filer.
    pub reference: String,
    /// Further facts (e.g. the notice's planned start and end).
    pub facts: Vec<(String, String)>,
    pub documents: Vec<String>,
    pub next_step: String,
}

pub fn receipt(c: &Common, r: &Receipt) -> Letter {
    let mut fields = vec![
        ("Diterima".into(), r.received_at.clone()),
        ("Dari".into(), r.from.clone()),
        ("Mengenai".into(), r.concerning.clone()),
        ("Nomor rujukan".into(), r.reference.clone()),
    ];
    fields.extend(r.facts.iter().cloned());
    let mut blocks = vec![
        Block::Para(format!("{} telah menerima {} dengan keterangan sebagai berikut:", c.office_name, r.what)),
        Block::Fields(fields),
    ];
    if !r.documents.is_empty() {
        blocks.push(Block::Heading("Berkas yang diterima".into()));
        blocks.push(Block::Numbered(r.documents.clone()));
    }
    blocks.push(Block::Para(r.next_step.clone()));
    blocks.push(Block::Para(
        "Tanda terima ini bukan putusan atas pokok perkara. Simpan nomor rujukan untuk mengikuti perkembangannya."
            .into(),
    ));
    centred("TANDA TERIMA", c, blocks, vec![c.signatory.sign()])
}

/// The return of a complaint filed without proof of bipartite negotiation (UU 2/2004 Ps 4(2)).
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnOfFile {
    pub to: Vec<String>,
    pub reference: String,
    pub submitted_on: String,
    pub concerning: String,
    /// What is missing, in the desk's words.
    pub missing: Vec<String>,
}

pub fn return_of_file(c: &Common, r: &ReturnOfFile) -> Letter {
    let blocks = vec![
        Block::Para(format!(
            "Menindaklanjuti pengaduan Saudara yang kami terima pada {} dengan nomor rujukan {} mengenai perselisihan dengan {}, bersama ini kami kembalikan berkas pengaduan tersebut karena belum lengkap.",
            r.submitted_on, r.reference, r.concerning
        )),
        Block::Para("Kekurangan berkas:".into()),
        Block::Numbered(r.missing.clone()),
        Block::Para("Sesuai Pasal 4 ayat (2) Undang-Undang Nomor 2 Tahun 2004 tentang Penyelesaian Perselisihan Hubungan Industrial, perselisihan dapat dicatatkan setelah para pihak melampirkan bukti bahwa upaya penyelesaian melalui perundingan bipartit telah dilakukan (risalah perundingan bipartit atau undangan berunding yang tidak ditanggapi). Silakan melengkapi berkas dan mengajukannya kembali dengan nomor rujukan yang sama.".into()),
        Block::Para("Demikian disampaikan untuk menjadi perhatian.".into()),
    ];
    addressed(c, r.to.clone(), "Pengembalian Berkas Pengaduan untuk Dilengkapi", blocks, vec![c.signatory.sign()])
}

/// The offer of conciliation or arbitration (UU 2/2004 Ps 4(3)-(4)).
#[derive(Debug, Clone, PartialEq)]
pub struct ForumOffer {
    pub to: Vec<String>,
    pub parties: DisputeParties,
    pub registered_on: String,
    /// "konsiliasi atau arbitrase" or "konsiliasi" (PHK disputes cannot go to arbitration).
    pub forums: String,
    /// The last day to choose: "Selasa, 10 Maret 2026".
    pub choose_by: String,
    /// How that day was computed: "7 hari kerja sejak pencatatan, UU 2/2004 Pasal 4 ayat (3)".
    pub basis: String,
}

pub fn forum_offer(c: &Common, o: &ForumOffer) -> Letter {
    let blocks = vec![
        Block::Para(format!(
            "Perselisihan berikut telah dicatat pada {} di {}:",
            o.registered_on, c.office_name
        )),
        Block::Fields(o.parties.fields()),
        Block::Para(format!(
            "Sesuai Pasal 4 ayat (3) Undang-Undang Nomor 2 Tahun 2004, kami menawarkan kepada para pihak untuk memilih penyelesaian melalui {}. Pilihan disampaikan secara tertulis paling lambat {} ({}).",
            o.forums, o.choose_by, o.basis
        )),
        Block::Para("Apabila dalam waktu tersebut para pihak tidak menetapkan pilihan, penyelesaian perselisihan dilimpahkan kepada mediator hubungan industrial (Pasal 4 ayat (4)).".into()),
        Block::Para("Demikian disampaikan, atas perhatian Saudara kami ucapkan terima kasih.".into()),
    ];
    addressed(
        c,
        o.to.clone(),
        "Penawaran Penyelesaian melalui Konsiliasi atau Arbitrase",
        blocks,
        vec![c.signatory.sign()],
    )
}

/// A *surat panggilan* to a session.
#[derive(Debug, Clone, PartialEq)]
pub struct Summons {
    pub to: Vec<String>,
    pub parties: DisputeParties,
    /// "klarifikasi" or "sidang mediasi".
    pub session: String,
    /// First or second summons: "Panggilan ke-1".
    pub ordinal: String,
    pub day_date: String,
    pub time: String,
    pub place: String,
    pub agenda: String,
    pub mediator: String,
    pub mediator_nip: String,
    /// Set when the session was moved or cancelled after this letter went out.
    pub withdrawn: bool,
}

pub fn summons(c: &Common, s: &Summons) -> Letter {
    let mut blocks = Vec::new();
    if s.withdrawn {
        blocks.push(Block::Heading("SURAT INI TIDAK BERLAKU LAGI: jadwal sidang telah diubah atau dibatalkan.".into()));
    }
    blocks.push(Block::Para(format!(
        "Dalam rangka penyelesaian perselisihan hubungan industrial berikut ({}), dengan ini Saudara dipanggil untuk hadir pada {}:",
        s.ordinal, s.session
    )));
    blocks.push(Block::Fields(s.parties.fields()));
    blocks.push(Block::Fields(vec![
        ("Hari, tanggal".into(), s.day_date.clone()),
        ("Waktu".into(), s.time.clone()),
        ("Tempat".into(), s.place.clone()),
        ("Acara".into(), s.agenda.clone()),
    ]));
    blocks.push(Block::Para("Saudara dapat diwakili oleh kuasa dengan membawa surat kuasa khusus. Apabila Saudara tidak hadir tanpa alasan yang sah setelah dipanggil secara patut sebanyak dua kali, mediator dapat melanjutkan penyelesaian dan mengeluarkan anjuran berdasarkan data yang ada (Peraturan Menteri Ketenagakerjaan dan Transmigrasi Nomor 17 Tahun 2014).".into()));
    blocks.push(Block::Para("Demikian surat panggilan ini disampaikan untuk dipenuhi.".into()));
    addressed(c, s.to.clone(), "Panggilan Sidang", blocks, vec![mediator_signs(&s.mediator, &s.mediator_nip)])
}

/// A *risalah* of a clarification or of one mediation session.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionMinutes {
    pub parties: DisputeParties,
    /// "klarifikasi" or "sidang mediasi".
    pub session: String,
    /// When it was held: a day, or the first and last day of a clarification.
    pub held: String,
    /// Time and place, when known (a session booked in the schedule).
    pub time_place: String,
    /// Who attended, one line each.
    pub attendance: Vec<String>,
    /// What was said and agreed, in the mediator's words.
    pub notes: String,
    pub mediator: String,
    pub mediator_nip: String,
}

pub fn session_minutes(c: &Common, m: &SessionMinutes, title: &str) -> Letter {
    let mut fields = m.parties.fields();
    fields.push(("Dilaksanakan".into(), m.held.clone()));
    if !m.time_place.is_empty() {
        fields.push(("Waktu dan tempat".into(), m.time_place.clone()));
    }
    let mut blocks = vec![
        Block::Para(format!(
            "Mediator Hubungan Industrial pada {} telah melaksanakan {} atas perselisihan berikut:",
            c.office_name, m.session
        )),
        Block::Fields(fields),
    ];
    if !m.attendance.is_empty() {
        blocks.push(Block::Heading("Kehadiran".into()));
        blocks.push(Block::Numbered(m.attendance.clone()));
    }
    blocks.push(Block::Heading("Jalannya pertemuan dan hasil".into()));
    blocks.push(Block::Para(if m.notes.trim().is_empty() { "-".into() } else { m.notes.clone() }));
    blocks.push(Block::Para(
        "Demikian risalah ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.".into(),
    ));
    centred(title, c, blocks, vec![mediator_signs(&m.mediator, &m.mediator_nip)])
}

/// An *anjuran* (UU 2/2004 Ps 13(2)).
#[derive(Debug, Clone, PartialEq)]
pub struct Anjuran {
    pub parties: DisputeParties,
    pub first_session_on: String,
    pub chronology: String,
    /// The workers' demands as filed.
    pub demands: String,
    /// Each session's date and the mediator's minutes of it.
    pub sessions: Vec<(String, String)>,
    /// The mediator's consideration and recommendation, in their words.
    pub recommendation: String,
    pub answer_by: String,
    /// How that day was computed: "10 hari kerja setelah menerima anjuran, UU 2/2004 ...".
    pub answer_basis: String,
    pub mediator: String,
    pub mediator_nip: String,
}

/// "Name, address", or the name alone when no address is kept.
fn with_address(name: &str, address: &str) -> String {
    if address.trim().is_empty() {
        name.to_string()
    } else {
        format!("{name}, {address}")
    }
}

pub fn anjuran(c: &Common, a: &Anjuran) -> Letter {
    let mut blocks = vec![
        Block::Para(format!(
            "Mediator Hubungan Industrial pada {}, setelah melaksanakan sidang mediasi sejak {} dan para pihak tidak mencapai kesepakatan, berdasarkan Pasal 13 ayat (2) Undang-Undang Nomor 2 Tahun 2004 mengeluarkan anjuran atas perselisihan:",
            c.office_name, a.first_session_on
        )),
        Block::Fields(vec![
            ("Nomor perkara".into(), a.parties.case_number.clone()),
            ("Jenis perselisihan".into(), a.parties.dispute_type.clone()),
            ("Pihak pekerja/buruh".into(), with_address(&a.parties.workers, &a.parties.workers_address)),
            ("Pihak pengusaha".into(), with_address(&a.parties.company, &a.parties.company_address)),
        ]),
        Block::Heading("I. Duduk perkara".into()),
        Block::Para(a.chronology.clone()),
        Block::Heading("II. Tuntutan pihak pekerja/buruh".into()),
        Block::Para(a.demands.clone()),
    ];
    if !a.sessions.is_empty() {
        blocks.push(Block::Heading("III. Sidang mediasi".into()));
        blocks.push(Block::Fields(a.sessions.clone()));
    }
    blocks.push(Block::Heading(if a.sessions.is_empty() { "III. Anjuran" } else { "IV. Anjuran" }.into()));
    blocks.push(Block::Para(a.recommendation.clone()));
    blocks.push(Block::Para(format!(
        "Para pihak agar memberikan jawaban secara tertulis menerima atau menolak anjuran ini paling lambat {} ({}). Pihak yang tidak memberikan jawaban dianggap menolak anjuran (Pasal 13 ayat (2) huruf d Undang-Undang Nomor 2 Tahun 2004).",
        a.answer_by, a.answer_basis
    )));
    centred("ANJURAN", c, blocks, vec![mediator_signs(&a.mediator, &a.mediator_nip)])
}

/// A *Perjanjian Bersama* drafted for the parties to sign, witnessed by the mediator.
#[derive(Debug, Clone, PartialEq)]
pub struct JointAgreement {
    pub parties: DisputeParties,
    pub worker_signatory: String,
    pub company_signatory: String,
    pub day_date: String,
    /// The agreed terms, one per article.
    pub terms: Vec<String>,
    pub mediator: String,
    pub mediator_nip: String,
}

pub fn joint_agreement(c: &Common, p: &JointAgreement) -> Letter {
    let mut blocks = vec![
        Block::Para(format!("Pada {}, kami yang bertanda tangan di bawah ini:", p.day_date)),
        Block::Fields(vec![
            ("1. Pihak Pertama (pengusaha)".into(), with_address(&p.parties.company, &p.parties.company_address)),
            ("2. Pihak Kedua (pekerja/buruh)".into(), with_address(&p.parties.workers, &p.parties.workers_address)),
        ]),
        Block::Para(format!(
            "dalam perselisihan {} (nomor perkara {}) yang diselesaikan melalui mediasi di {}, sepakat mengadakan Perjanjian Bersama dengan ketentuan sebagai berikut:",
            p.parties.dispute_type.to_lowercase(),
            p.parties.case_number,
            c.office_name
        )),
    ];
    for (i, term) in p.terms.iter().enumerate() {
        blocks.push(Block::Heading(format!("Pasal {}", i + 1)));
        blocks.push(Block::Para(term.clone()));
    }
    blocks.push(Block::Heading(format!("Pasal {}", p.terms.len() + 1)));
    blocks.push(Block::Para("Perjanjian Bersama ini mengikat dan menjadi hukum serta wajib dilaksanakan oleh para pihak, dan didaftarkan pada Pengadilan Hubungan Industrial pada Pengadilan Negeri di wilayah para pihak mengadakan Perjanjian Bersama untuk mendapatkan akta bukti pendaftaran (Pasal 7 Undang-Undang Nomor 2 Tahun 2004).".into()));
    let signatures = vec![
        Signature {
            role: vec!["Pihak Pertama".into()],
            name: p.company_signatory.clone(),
            detail: p.parties.company.clone(),
        },
        Signature {
            role: vec!["Pihak Kedua".into()],
            name: p.worker_signatory.clone(),
            detail: p.parties.workers.clone(),
        },
        Signature {
            role: vec!["Mengetahui,".into(), "Mediator Hubungan Industrial".into()],
            name: p.mediator.clone(),
            detail: if p.mediator_nip.trim().is_empty() { String::new() } else { format!("NIP {}", p.mediator_nip) },
        },
    ];
    centred("PERJANJIAN BERSAMA", c, blocks, signatures)
}

/// The *risalah penyelesaian melalui mediasi*, attached to a lawsuit at the PHI court.
#[derive(Debug, Clone, PartialEq)]
pub struct MediationRecord {
    pub parties: DisputeParties,
    /// (label, date) of registration, delegation, sessions, anjuran and answers.
    pub dates: Vec<(String, String)>,
    pub chronology: String,
    pub demands: String,
    pub anjuran: String,
    pub answers: Vec<(String, String)>,
    pub mediator: String,
    pub mediator_nip: String,
}

pub fn mediation_record(c: &Common, r: &MediationRecord) -> Letter {
    let mut fields = r.parties.fields();
    fields.extend(r.dates.iter().cloned());
    let mut answers = r.answers.clone();
    if answers.is_empty() {
        answers.push(("Jawaban".into(), "-".into()));
    }
    let blocks = vec![
        Block::Fields(fields),
        Block::Heading("Duduk perkara".into()),
        Block::Para(r.chronology.clone()),
        Block::Heading("Tuntutan".into()),
        Block::Para(r.demands.clone()),
        Block::Heading("Anjuran mediator".into()),
        Block::Para(r.anjuran.clone()),
        Block::Heading("Jawaban para pihak".into()),
        Block::Fields(answers),
        Block::Para("Perselisihan tidak dapat diselesaikan melalui mediasi karena anjuran tidak diterima. Salah satu pihak dapat melanjutkan penyelesaian dengan mengajukan gugatan ke Pengadilan Hubungan Industrial dengan melampirkan risalah ini (Pasal 14 dan Pasal 83 Undang-Undang Nomor 2 Tahun 2004).".into()),
    ];
    centred("RISALAH PENYELESAIAN MELALUI MEDIASI", c, blocks, vec![mediator_signs(&r.mediator, &r.mediator_nip)])
}

/// A company and the submission a regulations letter is about.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyFacts {
    pub name: String,
    pub address: String,
    pub nib: String,
    pub kbli: String,
}

/// The correction notice on a PP submission (Permenaker 28/2014).
#[derive(Debug, Clone, PartialEq)]
pub struct CorrectionNotice {
    pub to: Vec<String>,
    /// "Peraturan Perusahaan" or "Perjanjian Kerja Bersama".
    pub document: String,
    /// The rule the resubmission deadline rests on, as the deadline settings state it.
    pub legal_basis: String,
    pub company: CompanyFacts,
    pub received_on: String,
    pub defects: Vec<String>,
    pub resubmit_by: String,
}

pub fn correction_notice(c: &Common, n: &CorrectionNotice) -> Letter {
    let blocks = vec![
        Block::Para(format!(
            "Menindaklanjuti permohonan {} {} yang kami terima pada {}, setelah dilakukan penelitian kelengkapan dan isi, terdapat hal-hal yang perlu diperbaiki:",
            if n.document == "Peraturan Perusahaan" { "pengesahan Peraturan Perusahaan" } else { "pendaftaran Perjanjian Kerja Bersama" },
            n.company.name,
            n.received_on
        )),
        Block::Numbered(n.defects.clone()),
        Block::Para(format!(
            "Perbaikan agar disampaikan kembali paling lambat {} ({}). Apabila tidak disampaikan dalam waktu tersebut, proses dimulai kembali dari awal.",
            n.resubmit_by, n.legal_basis
        )),
        Block::Para("Demikian disampaikan untuk ditindaklanjuti.".into()),
    ];
    addressed(c, n.to.clone(), &format!("Pemberitahuan Perbaikan {}", n.document), blocks, vec![c.signatory.sign()])
}

/// The *SK Pengesahan PP*: the decree ratifying a company regulation, with its validity.
#[derive(Debug, Clone, PartialEq)]
pub struct PpDecree {
    pub company: CompanyFacts,
    pub received_on: String,
    pub valid_from: String,
    pub valid_until: String,
    /// "PP ke-2" or "PP pertama".
    pub edition: String,
    pub head_title: String,
}

pub fn pp_decree(c: &Common, d: &PpDecree) -> Letter {
    let blocks = vec![
        Block::Heading(format!("TENTANG PENGESAHAN PERATURAN PERUSAHAAN {}", d.company.name.to_uppercase())),
        Block::Para(d.head_title.clone()),
        Block::Fields(vec![
            ("Menimbang".into(), format!("bahwa Peraturan Perusahaan {} yang diterima pada {} telah diteliti dan memenuhi ketentuan peraturan perundang-undangan, sehingga perlu disahkan dengan keputusan.", d.company.name, d.received_on)),
            ("Mengingat".into(), "1. Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan sebagaimana telah diubah dengan Undang-Undang Nomor 6 Tahun 2023, Pasal 108 sampai dengan Pasal 115; 2. Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014 tentang Tata Cara Pembuatan dan Pengesahan Peraturan Perusahaan serta Pembuatan dan Pendaftaran Perjanjian Kerja Bersama.".into()),
        ]),
        Block::Heading("MEMUTUSKAN".into()),
        Block::Fields(vec![
            ("Menetapkan".into(), format!("Pengesahan Peraturan Perusahaan {} ({}).", d.company.name, d.edition)),
            ("Kesatu".into(), format!("Mengesahkan Peraturan Perusahaan {}, {}, NIB {}, KBLI {}.", d.company.name, d.company.address, d.company.nib, d.company.kbli)),
            ("Kedua".into(), format!("Peraturan Perusahaan berlaku sejak {} sampai dengan {} dan wajib diperbarui sebelum berakhir.", d.valid_from, d.valid_until)),
            ("Ketiga".into(), "Pengusaha wajib memberitahukan dan menjelaskan isi serta memberikan naskah Peraturan Perusahaan kepada pekerja/buruh (Pasal 114 Undang-Undang Nomor 13 Tahun 2003).".into()),
            ("Keempat".into(), "Keputusan ini berlaku sejak tanggal ditetapkan.".into()),
        ]),
    ];
    centred("KEPUTUSAN KEPALA DINAS TENAGA KERJA", c, blocks, vec![c.signatory.sign()])
}

/// The registration letter of a PKB.
#[derive(Debug, Clone, PartialEq)]
pub struct PkbRegistration {
    pub to: Vec<String>,
    pub company: CompanyFacts,
    pub unions: String,
    pub union_registration: String,
    pub valid_from: String,
    pub valid_until: String,
}

pub fn pkb_registration(c: &Common, p: &PkbRegistration) -> Letter {
    let blocks = vec![
        Block::Para("Berdasarkan Pasal 132 ayat (2) Undang-Undang Nomor 13 Tahun 2003 dan Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014, Perjanjian Kerja Bersama berikut telah didaftarkan:".into()),
        Block::Fields(vec![
            ("Perusahaan".into(), format!("{}, {}", p.company.name, p.company.address)),
            ("NIB".into(), p.company.nib.clone()),
            ("Serikat pekerja/buruh".into(), p.unions.clone()),
            ("Nomor pencatatan serikat".into(), p.union_registration.clone()),
            ("Masa berlaku".into(), format!("{} sampai dengan {}", p.valid_from, p.valid_until)),
        ]),
        Block::Para("Para pihak wajib memberitahukan isi Perjanjian Kerja Bersama kepada seluruh pekerja/buruh dan mencetak serta membagikan naskahnya (Pasal 126 ayat (2) dan (3) Undang-Undang Nomor 13 Tahun 2003).".into()),
        Block::Para("Demikian surat pendaftaran ini disampaikan untuk dipergunakan sebagaimana mestinya.".into()),
    ];
    addressed(c, p.to.clone(), "Pendaftaran Perjanjian Kerja Bersama", blocks, vec![c.signatory.sign()])
}

/// The *bukti pencatatan* of an LKS Bipartit (Permenakertrans 32/2008).
#[derive(Debug, Clone, PartialEq)]
pub struct LksRecord {
    pub company: CompanyFacts,
    pub formed_on: String,
    pub term_until: String,
    /// "Ketua: Nama (unsur pengusaha)" etc.
    pub board: Vec<String>,
    pub members: usize,
}

pub fn lks_record(c: &Common, r: &LksRecord) -> Letter {
    let blocks = vec![
        Block::Para(format!(
            "{} mencatat pembentukan Lembaga Kerja Sama Bipartit sesuai Pasal 106 Undang-Undang Nomor 13 Tahun 2003 dan Peraturan Menteri Tenaga Kerja dan Transmigrasi Nomor 32 Tahun 2008:",
            c.office_name
        )),
        Block::Fields(vec![
            ("Perusahaan".into(), format!("{}, {}", r.company.name, r.company.address)),
            ("NIB".into(), r.company.nib.clone()),
            ("Tanggal pembentukan".into(), r.formed_on.clone()),
            ("Masa kepengurusan".into(), format!("sampai dengan {}", r.term_until)),
            ("Jumlah anggota".into(), format!("{} orang", r.members)),
        ]),
        Block::Heading("Susunan pengurus".into()),
        Block::Numbered(r.board.clone()),
        Block::Para("LKS Bipartit wajib bertemu secara berkala dan menyampaikan laporan kegiatan kepada Dinas Tenaga Kerja setiap 6 (enam) bulan.".into()),
    ];
    centred("BUKTI PENCATATAN LEMBAGA KERJA SAMA BIPARTIT", c, blocks, vec![c.signatory.sign()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn common() -> Common {
        Common {
            number: "565/007/HI/2026".into(),
            place_date: "Bekasi, 2 Maret 2026".into(),
            signatory: Signatory {
                title: "a.n. Kepala Dinas\nKepala Bidang HI".into(),
                name: "Drs. Budi".into(),
                nip: "1970".into(),
            },
            office_name: "Dinas Tenaga Kerja Kota Bekasi".into(),
        }
    }

    #[test]
    fn the_office_signatory_signs_with_the_nip_and_a_role_line_per_settings_line() {
        let r = receipt(
            &common(),
            &Receipt {
                what: "pengaduan".into(),
                received_at: "Senin, 2 Maret 2026 pukul 08.00 WIB".into(),
                from: "Siti".into(),
                concerning: "PT Maju".into(),
                reference: "HRM-ABC".into(),
                facts: vec![],
                documents: vec![],
                next_step: "Berkas diteliti.".into(),
            },
        );
        assert_eq!(r.signatures[0].role, vec!["a.n. Kepala Dinas".to_string(), "Kepala Bidang HI".to_string()]);
        assert_eq!(r.signatures[0].detail, "NIP 1970");
        assert!(r.addressee.is_empty(), "a receipt is headed by its title, not addressed");
    }

    #[test]
    fn a_joint_agreement_is_signed_by_both_parties_and_witnessed_by_the_mediator() {
        let parties = DisputeParties {
            case_number: "565/1/HI/2026".into(),
            dispute_type: "Perselisihan hak".into(),
            workers: "Siti".into(),
            workers_address: "Bekasi".into(),
            company: "PT Maju".into(),
            company_address: "Jl. A".into(),
        };
        let pb = joint_agreement(
            &common(),
            &JointAgreement {
                parties,
                worker_signatory: "Siti".into(),
                company_signatory: "Direktur".into(),
                day_date: "Senin, 2 Maret 2026".into(),
                terms: vec!["Upah dibayar.".into(), "Selesai.".into()],
                mediator: "Rina".into(),
                mediator_nip: String::new(),
            },
        );
        assert_eq!(pb.signatures.len(), 3);
        assert!(pb.blocks.contains(&Block::Heading("Pasal 3".into())), "the closing article follows the terms");
        assert_eq!(pb.signatures[2].detail, "", "no NIP line without a NIP");
    }
}
