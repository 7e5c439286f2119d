//! Where each letter's content comes from: the record it belongs to, read through that
//! capability's own access rules (a record the actor may not see is not found), turned into
//! the plain facts its template takes. A letter whose record is not at the right stage (an
//! anjuran before it was issued) is refused with the reason.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use harmoni_templates::letters::{self as t, Common, DisputeParties, Letter};
use harmoni_templates::Lang;

use crate::accounts::Actor;
use crate::cases::rules::{DisputeType, Status};
use crate::config::Settings;
use crate::db::DbConn;
use crate::error::Error;
use crate::letters::rules::{Kind, OwnerKind};
use crate::notifications::service::Recipient;

/// A letter's facts, ready for its template once the number and date are known.
#[derive(Debug, Clone)]
pub enum Content {
    Receipt(t::Receipt),
    Return(t::ReturnOfFile),
    Offer(t::ForumOffer),
    Summons(t::Summons),
    Minutes(t::SessionMinutes, &'static str),
    Anjuran(t::Anjuran),
    Agreement(t::JointAgreement),
    Record(t::MediationRecord),
    Correction(t::CorrectionNotice),
    Decree(t::PpDecree),
    Pkb(t::PkbRegistration),
    Lks(t::LksRecord),
}

impl Content {
    pub fn letter(&self, c: &Common) -> Letter {
        match self {
            Content::Receipt(x) => t::receipt(c, x),
            Content::Return(x) => t::return_of_file(c, x),
            Content::Offer(x) => t::forum_offer(c, x),
            Content::Summons(x) => t::summons(c, x),
            Content::Minutes(x, title) => t::session_minutes(c, x, title),
            Content::Anjuran(x) => t::anjuran(c, x),
            Content::Agreement(x) => t::joint_agreement(c, x),
            Content::Record(x) => t::mediation_record(c, x),
            Content::Correction(x) => t::correction_notice(c, x),
            Content::Decree(x) => t::pp_decree(c, x),
            Content::Pkb(x) => t::pkb_registration(c, x),
            Content::Lks(x) => t::lks_record(c, x),
        }
    }
}

/// Everything the letters service needs to issue one letter.
#[derive(Debug, Clone)]
pub struct Source {
    pub office_id: String,
    pub content: Content,
    /// The number the record already carries (summons, notice receipt, decree, LKS record).
    pub record_number: Option<String>,
    pub case_id: Option<String>,
    pub company_id: Option<String>,
    /// The audit trail it is written into: ("case", id), ("submission", id) ...
    pub audit: (&'static str, String),
    /// The office signatory, when the record names who signed (the decree's signer).
    pub signer_name: Option<String>,
    /// Who receives the letter by e-mail when it is issued.
    pub recipients: Vec<Recipient>,
    /// What the letter concerns, as its e-mail says: "perkara 565/012/HI/2026".
    pub concerning: String,
    /// The letter's date: the day of the act it records (the anjuran's issue, the decree's
    /// signing), not the day it was printed, so a reissue carries the same date. A new number
    /// is taken from that year's series.
    pub dated: NaiveDate,
}

fn date(d: NaiveDate) -> String {
    Lang::Id.date_long(d)
}

fn date_opt(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_else(|| "-".into())
}

/// The record is not at the stage the letter needs: nothing is issued.
fn refuse(id: &'static str, en: &'static str) -> Error {
    Error::conflict("letter_not_ready", id, en)
}

/// The NIP the settings give for a staff member (by e-mail), or nothing.
fn nip_of(settings: &Settings, email: &str) -> String {
    settings.letters.nip.get(&email.to_lowercase()).cloned().unwrap_or_default()
}

fn mediator_of(conn: &mut DbConn, settings: &Settings, id: Option<&str>) -> Result<(String, String), Error> {
    match id {
        Some(id) => {
            let u = crate::accounts::model::find_user(conn, id)?;
            Ok((u.full_name.clone(), nip_of(settings, &u.email)))
        }
        None => Ok(("-".into(), String::new())),
    }
}

/// Builds the source of a letter of `kind` for record `owner_id`, as `actor` may see it.
pub fn build(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    kind: Kind,
    owner_id: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Source, Error> {
    match kind.owner() {
        OwnerKind::Case | OwnerKind::Summons | OwnerKind::Session => {
            case_letter(conn, settings, actor, kind, owner_id, today, now)
        }
        OwnerKind::Notice => notice_receipt(conn, settings, actor, owner_id),
        OwnerKind::Submission => submission_letter(conn, settings, actor, kind, owner_id, today, now),
        OwnerKind::Lks => lks_letter(conn, settings, actor, owner_id),
    }
}

/// The case a summons or a session belongs to.
fn case_of(conn: &mut DbConn, kind: Kind, owner_id: &str) -> Result<String, Error> {
    use crate::schema::{case_sessions, case_summons};
    let found = match kind.owner() {
        OwnerKind::Summons => case_summons::table
            .filter(case_summons::id.eq(owner_id))
            .select(case_summons::case_id)
            .first::<String>(conn)
            .optional()?,
        OwnerKind::Session => case_sessions::table
            .filter(case_sessions::id.eq(owner_id))
            .select(case_sessions::case_id)
            .first::<String>(conn)
            .optional()?,
        _ => Some(owner_id.to_string()),
    };
    found.ok_or(Error::NotFound)
}

#[allow(clippy::too_many_arguments)]
fn case_letter(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    kind: Kind,
    owner_id: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Source, Error> {
    let case_id = case_of(conn, kind, owner_id)?;
    let d = crate::cases::service::detail(conn, settings, actor, &case_id, today, now)?;
    let c = &d.case;
    let worker_side = crate::schedules::service::worker_side_name(conn, c)?;
    let parties = DisputeParties {
        case_number: c.case_number.clone().unwrap_or_else(|| c.reference.clone()),
        dispute_type: DisputeType::parse(&c.dispute_type)
            .map(|x| x.label(Lang::Id).to_string())
            .unwrap_or_else(|| c.dispute_type.clone()),
        workers: worker_side.clone(),
        // Harmoni keeps no postal address of the workers; the letters name them only.
        workers_address: String::new(),
        company: c.company_name.clone(),
        company_address: c.company_address.clone(),
    };
    let status = Status::parse(&c.status).ok_or_else(|| Error::internal("unknown case status"))?;
    let (mediator, mediator_nip) = mediator_of(conn, settings, c.mediator_id.as_deref())?;
    let calendar = crate::calendar::service::load(conn, &c.office_id)?;
    let rule_days = |code: &str| settings.deadline_rules.get(code).map(|r| r.days);
    let basis = |code: &str, since: &str| {
        settings
            .deadline_rules
            .get(code)
            .map(|r| format!("{} hari kerja {since}, {}", r.days, r.legal_basis))
            .unwrap_or_default()
    };
    let (workers_to, company_to) = crate::cases::service::party_recipients(conn, c)?;
    let both: Vec<Recipient> = workers_to.iter().chain(company_to.iter()).cloned().collect();
    let mut recipients = both.clone();
    let company_id = c.company_id.clone();
    let content = match kind {
        Kind::TandaTerimaPengaduan => {
            if c.submitted_on.is_none() {
                return Err(refuse("Pengaduan belum diajukan.", "The complaint has not been filed."));
            }
            let filed_at = d.history.iter().rev().find(|h| h.action == "submit").map_or(c.updated_at, |h| h.created_at);
            recipients = workers_to.clone();
            Content::Receipt(t::Receipt {
                what: "pengaduan perselisihan hubungan industrial".into(),
                received_at: Lang::Id.datetime_long(filed_at),
                from: worker_side.clone(),
                concerning: format!("{} ({})", c.company_name, parties.dispute_type),
                reference: c.reference.clone(),
                facts: [
                    c.case_number.clone().map(|n| ("Nomor perkara".to_string(), n)),
                    Some((
                        "Saluran".to_string(),
                        if c.channel == "loket" { "Loket Disnaker" } else { "Daring (Harmoni)" }.to_string(),
                    )),
                ]
                .into_iter()
                .flatten()
                .collect(),
                documents: d
                    .bipartite
                    .iter()
                    .map(|b| format!("{} tanggal {}", if b.kind == "risalah" { "Risalah perundingan bipartit" } else { "Undangan perundingan bipartit" }, date(b.held_on)))
                    .collect(),
                next_step: format!(
                    "Berkas diteliti kelengkapannya; bila lengkap perselisihan dicatat, bila belum lengkap berkas dikembalikan paling lambat {}.",
                    basis("pengembalian_berkas", "sejak diterima")
                ),
            })
        }
        Kind::PengembalianBerkas => {
            let ret = d.history.iter().rev().find(|h| h.action == "return").ok_or_else(|| {
                refuse("Berkas perkara ini tidak pernah dikembalikan.", "This file was never returned.")
            })?;
            recipients = workers_to.clone();
            let missing = ret.note.clone().or_else(|| c.screening_note.clone()).unwrap_or_default();
            Content::Return(t::ReturnOfFile {
                to: vec![worker_side.clone()],
                reference: c.reference.clone(),
                submitted_on: date_opt(c.submitted_on),
                concerning: c.company_name.clone(),
                missing: {
                    let listed: Vec<String> =
                        missing.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
                    if listed.is_empty() {
                        vec!["Bukti perundingan bipartit (risalah atau undangan berunding yang tidak ditanggapi)."
                            .into()]
                    } else {
                        listed
                    }
                },
            })
        }
        Kind::PenawaranForum => {
            let Some(registered) = c.registered_on else {
                return Err(refuse("Perselisihan belum dicatat.", "The dispute has not been registered."));
            };
            let forums = match DisputeType::parse(&c.dispute_type) {
                Some(DisputeType::Hak) | None => {
                    return Err(refuse(
                        "Perselisihan hak tidak ditawarkan konsiliasi atau arbitrase.",
                        "Rights disputes are not offered conciliation or arbitration.",
                    ))
                }
                Some(DisputeType::Phk) => "konsiliasi",
                Some(_) => "konsiliasi atau arbitrase",
            };
            let days = rule_days("pilihan_forum").unwrap_or(7);
            Content::Offer(t::ForumOffer {
                to: vec![worker_side.clone(), format!("Pimpinan {}", c.company_name)],
                parties: parties.clone(),
                registered_on: date(registered),
                forums: forums.into(),
                choose_by: date(calendar.add_working_days(registered, days).due),
                basis: basis("pilihan_forum", "sejak pencatatan"),
            })
        }
        Kind::SuratPanggilan => {
            let s = d.summons.iter().find(|s| s.id == owner_id).ok_or(Error::NotFound)?;
            if s.letter_number.is_none() {
                return Err(refuse(
                    "Panggilan ini tidak bernomor (dicatat sebelum Harmoni menerbitkan surat).",
                    "This summons has no letter number (recorded before Harmoni issued letters).",
                ));
            }
            let hearing = match &s.hearing_id {
                Some(h) => Some(crate::schedules::model::find(conn, &c.office_id, h)?.ok_or(Error::NotFound)?),
                None => None,
            };
            let office = crate::offices::model::find(conn, &c.office_id)?;
            let (time, place, agenda, session) = match &hearing {
                Some(h) => (
                    crate::schedules::rules::when_text(h.starts_at, h.ends_at, Lang::Id),
                    crate::schedules::service::place_text(settings, &office.code, &office.address, h, Lang::Id),
                    h.agenda.clone(),
                    if h.kind == "klarifikasi" { "klarifikasi" } else { "sidang mediasi" },
                ),
                None => ("-".into(), office.address.clone(), "-".into(), "sidang mediasi"),
            };
            let side_is_worker = s.side == "pekerja";
            recipients = if side_is_worker { workers_to.clone() } else { company_to.clone() };
            let ordinal = d
                .summons
                .iter()
                .filter(|x| x.side == s.side && x.created_at <= s.created_at && x.withdrawn_at.is_none())
                .count()
                .max(1);
            Content::Summons(t::Summons {
                to: vec![s.addressee.clone().unwrap_or_else(|| {
                    if side_is_worker {
                        worker_side.clone()
                    } else {
                        format!("Pimpinan {}", c.company_name)
                    }
                })],
                parties: parties.clone(),
                session: session.into(),
                ordinal: format!("panggilan ke-{ordinal}"),
                day_date: date(s.session_on),
                time,
                place,
                agenda,
                mediator: mediator.clone(),
                mediator_nip: mediator_nip.clone(),
                withdrawn: s.withdrawn_at.is_some(),
            })
        }
        Kind::RisalahKlarifikasi => {
            let (Some(from), Some(to)) = (c.clarification_started_on, c.clarification_ended_on) else {
                return Err(refuse(
                    "Klarifikasi belum selesai dicatat.",
                    "The clarification has not been recorded as finished.",
                ));
            };
            recipients = Vec::new();
            Content::Minutes(
                t::SessionMinutes {
                    parties: parties.clone(),
                    session: "klarifikasi".into(),
                    held: if from == to { date(from) } else { format!("{} sampai dengan {}", date(from), date(to)) },
                    time_place: String::new(),
                    attendance: Vec::new(),
                    notes: c.clarification_notes.clone().unwrap_or_default(),
                    mediator: mediator.clone(),
                    mediator_nip: mediator_nip.clone(),
                },
                "RISALAH KLARIFIKASI",
            )
        }
        Kind::RisalahSidang => {
            let s = d.sessions.iter().find(|s| s.id == owner_id).ok_or(Error::NotFound)?;
            let present = |b: bool| if b { "hadir" } else { "tidak hadir" };
            recipients = Vec::new();
            Content::Minutes(
                t::SessionMinutes {
                    parties: parties.clone(),
                    session: "sidang mediasi".into(),
                    held: date(s.held_on),
                    time_place: String::new(),
                    attendance: vec![
                        format!("Pihak pekerja/buruh ({worker_side}): {}", present(s.worker_present)),
                        format!("Pihak pengusaha ({}): {}", c.company_name, present(s.company_present)),
                        format!("Mediator: {mediator}"),
                    ],
                    notes: s.minutes.clone(),
                    mediator: mediator.clone(),
                    mediator_nip: mediator_nip.clone(),
                },
                "RISALAH SIDANG MEDIASI",
            )
        }
        Kind::Anjuran => {
            let (Some(issued), Some(text)) = (c.anjuran_issued_on, c.anjuran_text.clone()) else {
                return Err(refuse(
                    "Anjuran belum diterbitkan pada perkara ini.",
                    "No anjuran has been issued in this case.",
                ));
            };
            let days = rule_days("jawaban_anjuran").unwrap_or(10);
            let received = c.anjuran_received_on.unwrap_or(issued);
            Content::Anjuran(t::Anjuran {
                parties: parties.clone(),
                first_session_on: date_opt(c.first_session_on),
                chronology: c.chronology.clone(),
                demands: c.demands.clone(),
                sessions: d.sessions.iter().map(|s| (date(s.held_on), s.minutes.clone())).collect(),
                recommendation: text,
                answer_by: date(calendar.add_working_days(received, days).due),
                answer_basis: basis("jawaban_anjuran", "setelah menerima anjuran"),
                mediator: mediator.clone(),
                mediator_nip: mediator_nip.clone(),
            })
        }
        Kind::PerjanjianBersama => {
            if c.pb_signed_on.is_none() && status != Status::MenungguPb {
                return Err(refuse(
                    "Perjanjian Bersama baru dapat disiapkan setelah para pihak sepakat.",
                    "A joint agreement can be drafted only once the parties agree.",
                ));
            }
            let text = c
                .pb_text
                .clone()
                .filter(|x| !x.trim().is_empty())
                .or_else(|| c.anjuran_text.clone())
                .unwrap_or_default();
            let terms: Vec<String> =
                text.split("\n\n").map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect();
            Content::Agreement(t::JointAgreement {
                parties: parties.clone(),
                worker_signatory: worker_side.clone(),
                company_signatory: format!("Pimpinan {}", c.company_name),
                day_date: c.pb_signed_on.map(date).unwrap_or_else(|| "........................".into()),
                terms: if terms.is_empty() { vec!["(isi kesepakatan)".into()] } else { terms },
                mediator: mediator.clone(),
                mediator_nip: mediator_nip.clone(),
            })
        }
        Kind::RisalahPenyelesaian => {
            if status != Status::LanjutPhi {
                return Err(refuse(
                    "Risalah penyelesaian diterbitkan bila anjuran ditolak dan perkara berlanjut ke PHI.",
                    "The settlement record is issued when the anjuran was rejected and the case goes to the PHI court.",
                ));
            }
            let answer = |a: &Option<String>, on: Option<NaiveDate>| {
                let words = match a.as_deref() {
                    Some("terima") => "menerima",
                    Some("tolak") => "menolak",
                    Some("dianggap_tolak") => "tidak menjawab dalam 10 hari kerja: dianggap menolak",
                    _ => "belum menjawab",
                };
                format!("{words}{}", on.map(|d| format!(" ({})", date(d))).unwrap_or_default())
            };
            let mut dates = vec![
                ("Dicatat".to_string(), date_opt(c.registered_on)),
                ("Dilimpahkan kepada mediator".to_string(), date_opt(c.delegated_on)),
            ];
            if let (Some(from), Some(to)) = (c.clarification_started_on, c.clarification_ended_on) {
                dates.push(("Klarifikasi".into(), format!("{} sampai dengan {}", date(from), date(to))));
            }
            for s in &d.sessions {
                dates.push(("Sidang mediasi".into(), date(s.held_on)));
            }
            dates.push(("Anjuran diterbitkan".into(), date_opt(c.anjuran_issued_on)));
            Content::Record(t::MediationRecord {
                parties: parties.clone(),
                dates,
                chronology: c.chronology.clone(),
                demands: c.demands.clone(),
                anjuran: c.anjuran_text.clone().unwrap_or_default(),
                answers: vec![
                    ("Pihak pekerja/buruh".into(), answer(&c.anjuran_worker, c.anjuran_worker_on)),
                    ("Pihak pengusaha".into(), answer(&c.anjuran_company, c.anjuran_company_on)),
                ],
                mediator: mediator.clone(),
                mediator_nip: mediator_nip.clone(),
            })
        }
        _ => return Err(Error::NotFound),
    };
    let dated = match kind {
        Kind::TandaTerimaPengaduan => c.submitted_on,
        Kind::PengembalianBerkas => d.history.iter().rev().find(|h| h.action == "return").map(|h| h.effective_on),
        Kind::PenawaranForum => c.registered_on,
        Kind::SuratPanggilan => d.summons.iter().find(|s| s.id == owner_id).map(|s| s.sent_on),
        Kind::RisalahKlarifikasi => c.clarification_ended_on,
        Kind::RisalahSidang => d.sessions.iter().find(|s| s.id == owner_id).map(|s| s.held_on),
        Kind::Anjuran => c.anjuran_issued_on,
        Kind::PerjanjianBersama => c.pb_signed_on,
        Kind::RisalahPenyelesaian => c.closed_on,
        _ => None,
    }
    .unwrap_or(today);
    let record_number = match kind {
        Kind::SuratPanggilan => d.summons.iter().find(|s| s.id == owner_id).and_then(|s| s.letter_number.clone()),
        _ => None,
    };
    Ok(Source {
        office_id: c.office_id.clone(),
        content,
        record_number,
        case_id: Some(c.id.clone()),
        company_id,
        audit: ("case", c.id.clone()),
        signer_name: None,
        recipients,
        concerning: format!("perkara {}", parties.case_number),
        dated,
    })
}

fn notice_receipt(conn: &mut DbConn, settings: &Settings, actor: &Actor, id: &str) -> Result<Source, Error> {
    let d = crate::notices::service::notice(conn, actor, id, settings)?;
    let n = &d.notice;
    let local = |t: NaiveDateTime| Lang::Id.datetime_long(t);
    let mut facts = vec![
        ("Jenis".to_string(), d.kind.label(Lang::Id).to_string()),
        ("Mulai".to_string(), local(n.starts_at)),
        ("Berakhir".to_string(), n.ends_at.map(local).unwrap_or_else(|| "-".into())),
        ("Tempat".to_string(), n.place.clone()),
        ("Alasan".to_string(), n.reasons.clone()),
    ];
    if n.short_notice {
        facts.push(("Catatan".into(), "Pemberitahuan kurang dari 7 hari kerja sebelum pelaksanaan.".into()));
    }
    Ok(Source {
        office_id: n.office_id.clone(),
        content: Content::Receipt(t::Receipt {
            what: format!("pemberitahuan {}", d.kind.label(Lang::Id).to_lowercase()),
            received_at: local(n.received_at),
            from: n.giver_name.clone(),
            concerning: d.company.name.clone(),
            reference: n.receipt_number.clone(),
            facts,
            documents: Vec::new(),
            next_step: "Dinas Tenaga Kerja akan memfasilitasi penyelesaian masalah yang mendasari pemberitahuan ini sebelum dan selama pelaksanaannya (Pasal 141 dan Pasal 148 Undang-Undang Nomor 13 Tahun 2003).".into(),
        }),
        record_number: Some(n.receipt_number.clone()),
        case_id: None,
        company_id: Some(n.company_id.clone()),
        audit: ("stoppage_notice", n.id.clone()),
        signer_name: None,
        recipients: Vec::new(),
        concerning: format!("pemberitahuan {}", n.receipt_number),
        // The receipt is dated the (local) day the notice was received.
        dated: (n.received_at + chrono::Duration::hours(7)).date(),
    })
}

fn company_facts(c: &crate::companies::model::CompanyRow) -> t::CompanyFacts {
    t::CompanyFacts { name: c.name.clone(), address: c.address.clone(), nib: c.nib.clone(), kbli: c.kbli_code.clone() }
}

fn representatives(conn: &mut DbConn, company_id: &str) -> Result<Vec<Recipient>, Error> {
    Ok(crate::companies::model::representatives(conn, company_id)?
        .into_iter()
        .filter(|r| r.status == "active")
        .map(|r| Recipient {
            user_id: Some(r.id.clone()),
            email: r.email.clone(),
            name: r.full_name.clone(),
            language: Lang::parse(&r.language).unwrap_or(Lang::Id),
        })
        .collect())
}

#[allow(clippy::too_many_arguments)]
fn submission_letter(
    conn: &mut DbConn,
    settings: &Settings,
    actor: &Actor,
    kind: Kind,
    id: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Source, Error> {
    use crate::regulations::rules::Kind as RegKind;
    let d = crate::regulations::service::detail(conn, actor, id, settings, today, now)?;
    let company = company_facts(&d.company);
    let to = vec![format!("Pimpinan {}", d.company.name), d.company.address.clone()];
    let recipients = representatives(conn, &d.company.id)?;
    let (content, record_number, signer_name, dated) = match kind {
        Kind::Perbaikan => {
            let (entry, _) = d
                .history
                .iter()
                .rev()
                .find(|(h, _)| h.action == crate::regulations::rules::Action::Correction.code())
                .ok_or_else(|| {
                    refuse(
                        "Belum ada pemberitahuan perbaikan pada permohonan ini.",
                        "No correction notice was given on this submission.",
                    )
                })?;
            let round =
                d.reviews.iter().filter(|r| r.reviewed_on <= entry.effective_on).map(|r| r.round).max().unwrap_or(0);
            let defects: Vec<String> = d
                .reviews
                .iter()
                .filter(|r| r.round == round && !r.met)
                .map(|r| {
                    let item = crate::regulations::rules::Item::parse(&r.item)
                        .map(|i| i.label(Lang::Id).to_string())
                        .unwrap_or_else(|| r.item.clone());
                    if r.reason.trim().is_empty() {
                        item
                    } else {
                        format!("{item}: {}", r.reason)
                    }
                })
                .collect();
            let calendar = crate::calendar::service::load(conn, &d.row.office_id)?;
            let rule = settings.deadline_rules.get(d.kind.correction_rule());
            let days = rule.map(|r| r.days).unwrap_or(14);
            let notified = d.row.correction_notified_on.unwrap_or(entry.effective_on);
            (
                Content::Correction(t::CorrectionNotice {
                    to,
                    document: if d.kind == RegKind::Pp { "Peraturan Perusahaan" } else { "Perjanjian Kerja Bersama" }
                        .into(),
                    legal_basis: format!(
                        "{days} hari kerja sejak pemberitahuan ini, {}",
                        rule.map(|r| r.legal_basis.clone()).unwrap_or_default()
                    ),
                    company,
                    received_on: date_opt(d.row.received_on),
                    defects: if defects.is_empty() { vec!["Lihat catatan pemeriksaan.".into()] } else { defects },
                    resubmit_by: date(calendar.add_working_days(notified, days).due),
                }),
                None,
                None,
                notified,
            )
        }
        Kind::SkPengesahanPp | Kind::PendaftaranPkb => {
            let reg = d.regulation.as_ref().filter(|r| !r.number.is_empty()).ok_or_else(|| {
                if kind == Kind::SkPengesahanPp {
                    refuse("Peraturan perusahaan ini belum disahkan.", "This company regulation has not been ratified.")
                } else {
                    refuse("PKB ini belum didaftarkan.", "This collective agreement has not been registered.")
                }
            })?;
            let wanted = if kind == Kind::SkPengesahanPp { RegKind::Pp } else { RegKind::Pkb };
            if d.kind != wanted {
                return Err(refuse(
                    "Jenis surat tidak sesuai dengan jenis permohonan.",
                    "This letter type does not fit this kind of submission.",
                ));
            }
            let content = if kind == Kind::SkPengesahanPp {
                let edition = crate::regulations::model::company_regulations(conn, &d.company.id)?
                    .iter()
                    .filter(|r| r.kind == "pp" && r.issued_on <= reg.issued_on)
                    .count();
                Content::Decree(t::PpDecree {
                    company,
                    received_on: date_opt(d.row.received_on),
                    valid_from: date(reg.valid_from),
                    valid_until: date(reg.extended_until.unwrap_or(reg.valid_until)),
                    edition: if edition <= 1 { "PP pertama".into() } else { format!("PP ke-{edition}") },
                    head_title: format!("KEPALA {}", d.office.letterhead_office.to_uppercase()),
                })
            } else {
                Content::Pkb(t::PkbRegistration {
                    to,
                    company,
                    unions: d.unions.iter().map(|u| u.name.clone()).collect::<Vec<_>>().join(", "),
                    union_registration: d
                        .unions
                        .iter()
                        .map(|u| format!("{} tanggal {}", u.registration_number, date(u.registered_on)))
                        .collect::<Vec<_>>()
                        .join("; "),
                    valid_from: date(reg.valid_from),
                    valid_until: date(reg.extended_until.unwrap_or(reg.valid_until)),
                })
            };
            (content, Some(reg.number.clone()), d.signer_name.clone(), reg.issued_on)
        }
        _ => return Err(Error::NotFound),
    };
    Ok(Source {
        office_id: d.row.office_id.clone(),
        content,
        record_number,
        case_id: None,
        company_id: Some(d.company.id.clone()),
        audit: ("regulation_submission", d.row.id.clone()),
        signer_name,
        recipients,
        concerning: d.company.name.clone(),
        dated,
    })
}

fn lks_letter(conn: &mut DbConn, settings: &Settings, actor: &Actor, lks_id: &str) -> Result<Source, Error> {
    use crate::schema::lks_bipartit;
    let company_id: String = lks_bipartit::table
        .filter(lks_bipartit::id.eq(lks_id))
        .select(lks_bipartit::company_id)
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)?;
    let company = crate::companies::service::get(conn, actor, &company_id).map_err(|_| Error::NotFound)?;
    let (lks, members) = crate::companies::model::lks(conn, &company_id)?
        .into_iter()
        .find(|(l, _)| l.id == lks_id)
        .ok_or(Error::NotFound)?;
    let number = lks.registration_number.clone().ok_or_else(|| {
        refuse(
            "LKS Bipartit ini belum dicatat oleh Disnaker.",
            "This LKS Bipartit has not been recorded by the office.",
        )
    })?;
    let term_until = crate::companies::compliance::term_end(lks.formed_on, settings.registry.lks_term_years);
    let side = |s: &str| if s == "pengusaha" { "unsur pengusaha" } else { "unsur pekerja/buruh" };
    // The position as typed (or coded, "wakil_ketua"), written as a title: "Wakil ketua".
    let position = |office: &str| {
        let words = office.trim().replace('_', " ");
        let mut chars = words.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
            None => "Anggota".to_string(),
        }
    };
    let board = members.iter().map(|m| format!("{}: {} ({})", position(&m.office), m.name, side(&m.side))).collect();
    Ok(Source {
        office_id: company.office_id.clone(),
        content: Content::Lks(t::LksRecord {
            company: company_facts(&company),
            formed_on: date(lks.formed_on),
            term_until: date(term_until),
            board,
            members: members.len(),
        }),
        record_number: Some(number),
        case_id: None,
        company_id: Some(company.id.clone()),
        audit: ("company", company.id.clone()),
        signer_name: None,
        recipients: representatives(conn, &company.id)?,
        concerning: format!("LKS Bipartit {}", company.name),
        dated: lks.registered_on.unwrap_or(lks.formed_on),
    })
}

/// The letters of a case staff may issue now (kind, record id, label for the button), by the
/// stage the case has reached; `build` checks the same facts again when one is issued.
pub fn case_candidates(d: &crate::cases::service::CaseDetail) -> Vec<(Kind, String, String)> {
    let c = &d.case;
    let status = Status::parse(&c.status);
    let mut out = Vec::new();
    let mut add = |kind: Kind, id: &str, label: String| out.push((kind, id.to_string(), label));
    if c.submitted_on.is_some() {
        add(Kind::TandaTerimaPengaduan, &c.id, Kind::TandaTerimaPengaduan.label().into());
    }
    if d.history.iter().any(|h| h.action == "return") {
        add(Kind::PengembalianBerkas, &c.id, Kind::PengembalianBerkas.label().into());
    }
    if c.registered_on.is_some() && !matches!(DisputeType::parse(&c.dispute_type), Some(DisputeType::Hak) | None) {
        add(Kind::PenawaranForum, &c.id, Kind::PenawaranForum.label().into());
    }
    for s in d.summons.iter().filter(|s| s.letter_number.is_some()) {
        let side = if s.side == "pekerja" { "pihak pekerja" } else { "pihak pengusaha" };
        add(Kind::SuratPanggilan, &s.id, format!("Surat panggilan {side}, sidang {}", date(s.session_on)));
    }
    if c.clarification_started_on.is_some() && c.clarification_ended_on.is_some() {
        add(Kind::RisalahKlarifikasi, &c.id, Kind::RisalahKlarifikasi.label().into());
    }
    for s in &d.sessions {
        add(Kind::RisalahSidang, &s.id, format!("Risalah sidang mediasi {}", date(s.held_on)));
    }
    if c.anjuran_issued_on.is_some() && c.anjuran_text.is_some() {
        add(Kind::Anjuran, &c.id, Kind::Anjuran.label().into());
    }
    if c.pb_signed_on.is_some() || status == Some(Status::MenungguPb) {
        add(Kind::PerjanjianBersama, &c.id, Kind::PerjanjianBersama.label().into());
    }
    if status == Some(Status::LanjutPhi) {
        add(Kind::RisalahPenyelesaian, &c.id, Kind::RisalahPenyelesaian.label().into());
    }
    out
}

/// The letters of a PP/PKB submission staff may issue now: the correction notice once one
/// was given, the decree or registration letter once numbered.
pub fn submission_candidates(d: &crate::regulations::service::Detail) -> Vec<(Kind, String, String)> {
    use crate::regulations::rules::Kind as RegKind;
    let mut out = Vec::new();
    if d.history.iter().any(|(h, _)| h.action == crate::regulations::rules::Action::Correction.code()) {
        out.push((Kind::Perbaikan, d.row.id.clone(), Kind::Perbaikan.label().to_string()));
    }
    if let Some(reg) = d.regulation.as_ref().filter(|r| !r.number.is_empty()) {
        let kind = if d.kind == RegKind::Pp { Kind::SkPengesahanPp } else { Kind::PendaftaranPkb };
        out.push((kind, d.row.id.clone(), format!("{} {}", kind.label(), reg.number)));
    }
    out
}
