//! Email messages: subject, plain-text and HTML body per kind, in the recipient's language,
//! signed with the office's name and contacts; plus the short in-app notice of each.

use maud::{html, Markup, DOCTYPE};

use crate::Lang;

/// The office as it signs its messages.
#[derive(Debug, Clone, Default)]
pub struct EmailOffice {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
}

/// What a message says; each kind has its own wording.
#[derive(Debug, Clone)]
pub enum EmailKind {
    /// A new account: choose a password through the one-time link.
    Invitation { full_name: String, role_label: String, link: String, expires: String },
    /// A password reset issued by an administrator.
    PasswordReset { full_name: String, link: String, expires: String },
    /// A self sign-up: confirm the address through the one-time link before the account works.
    EmailVerification { full_name: String, link: String, expires: String },
    /// Someone signed up with an address that already has an account; told to its owner only,
    /// so the sign-up page itself never reveals whether an address is registered.
    SignupAttempt { full_name: String, login_link: String, verified: bool },
    /// A record changed status (a case, a submission); reused by later workflows.
    StatusChanged {
        full_name: String,
        what: String,
        old_status: String,
        new_status: String,
        note: Option<String>,
        link: Option<String>,
    },
    /// A summons (surat panggilan) to a session, its change or its cancellation; the message
    /// carries the calendar invitation (.ics).
    Summons {
        full_name: String,
        change: SummonsChange,
        /// "Sidang mediasi" / "Klarifikasi", in the recipient's language.
        session_label: String,
        case_label: String,
        parties: String,
        letter_number: Option<String>,
        when: String,
        place: String,
        agenda: String,
        reason: Option<String>,
        link: Option<String>,
    },
    /// An official letter issued to the recipient; the message carries the PDF.
    Letter {
        full_name: String,
        /// "Anjuran", "SK Pengesahan Peraturan Perusahaan" (letters are Indonesian documents).
        letter_label: String,
        number: String,
        /// The case or record it concerns: "perkara 565/012/HI/2026", "PT Maju Jaya".
        concerning: String,
        /// Address of the public verification page.
        verify_link: String,
        /// A reissue replacing an earlier version.
        reissued: bool,
    },
}

/// What a summons message announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummonsChange {
    Planned,
    Rescheduled,
    Cancelled,
}

impl EmailKind {
    /// Stable code of the template, stored with each message.
    pub fn code(&self) -> &'static str {
        match self {
            EmailKind::Invitation { .. } => "invitation",
            EmailKind::PasswordReset { .. } => "password_reset",
            EmailKind::EmailVerification { .. } => "email_verification",
            EmailKind::SignupAttempt { .. } => "signup_attempt",
            EmailKind::StatusChanged { .. } => "status_changed",
            EmailKind::Summons { change: SummonsChange::Planned, .. } => "summons",
            EmailKind::Summons { change: SummonsChange::Rescheduled, .. } => "summons_rescheduled",
            EmailKind::Summons { change: SummonsChange::Cancelled, .. } => "summons_cancelled",
            EmailKind::Letter { .. } => "letter",
        }
    }
}

/// A message ready to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The in-app notice: a title and one short paragraph.
    pub notice_title: String,
    pub notice_body: String,
}

struct Parts {
    subject: String,
    greeting: String,
    paragraphs: Vec<String>,
    link: Option<(String, String)>,
    after: Vec<String>,
}

fn parts(kind: &EmailKind, l: Lang, office: &EmailOffice) -> Parts {
    let hello = |name: &str| format!("{} {name},", l.t("Yth.", "Dear"));
    match kind {
        EmailKind::Invitation { full_name, role_label, link, expires } => Parts {
            subject: format!("{} — {}", l.t("Undangan akun Harmoni", "Your Harmoni account"), office.name),
            greeting: hello(full_name),
            paragraphs: vec![match l {
                Lang::Id => format!("{} membuatkan akun Harmoni untuk Anda dengan peran {role_label}. Buat kata sandi Anda melalui tautan berikut.", office.name),
                Lang::En => format!("{} has created a Harmoni account for you with the role {role_label}. Choose your password through this link.", office.name),
            }],
            link: Some((l.t("Buat kata sandi", "Choose a password").to_string(), link.clone())),
            after: vec![match l {
                Lang::Id => format!("Tautan ini berlaku sampai {expires} dan hanya dapat dipakai sekali. Bila Anda tidak merasa meminta akun, abaikan email ini."),
                Lang::En => format!("The link is valid until {expires} and works only once. If you did not expect an account, ignore this email."),
            }],
        },
        EmailKind::PasswordReset { full_name, link, expires } => Parts {
            subject: format!("{} — {}", l.t("Atur ulang kata sandi Harmoni", "Reset your Harmoni password"), office.name),
            greeting: hello(full_name),
            paragraphs: vec![l.t(
                "Administrator kantor menerbitkan tautan untuk mengatur ulang kata sandi akun Harmoni Anda. Setelah kata sandi baru disimpan, semua sesi lama diakhiri.",
                "The office's administrator issued a link to reset your Harmoni password. Once the new password is saved, all earlier sessions end.",
            )
            .to_string()],
            link: Some((l.t("Atur ulang kata sandi", "Reset the password").to_string(), link.clone())),
            after: vec![match l {
                Lang::Id => format!("Tautan ini berlaku sampai {expires} dan hanya dapat dipakai sekali. Bila Anda tidak memintanya, hubungi kantor."),
                Lang::En => format!("The link is valid until {expires} and works only once. If you did not ask for it, contact the office."),
            }],
        },
        EmailKind::EmailVerification { full_name, link, expires } => Parts {
            subject: format!("{} — {}", l.t("Verifikasi email akun Harmoni", "Verify the email of your Harmoni account"), office.name),
            greeting: hello(full_name),
            paragraphs: vec![match l {
                Lang::Id => format!("Terima kasih telah mendaftar di Harmoni, layanan hubungan industrial {}. Untuk memastikan alamat email ini milik Anda, buka tautan berikut lalu tekan tombol konfirmasi. Akun Anda baru dapat dipakai setelah itu.", office.name),
                Lang::En => format!("Thank you for signing up to Harmoni, the industrial-relations service of {}. To confirm this email address is yours, open the link below and press the confirm button. Your account works only after that.", office.name),
            }],
            link: Some((l.t("Verifikasi email", "Verify the email").to_string(), link.clone())),
            after: vec![match l {
                Lang::Id => format!("Tautan ini berlaku sampai {expires} dan hanya dapat dipakai sekali. Bila kedaluwarsa, masuk dengan email dan kata sandi Anda untuk meminta tautan baru. Bila Anda tidak mendaftar, abaikan email ini: akun tanpa verifikasi tidak dapat dipakai."),
                Lang::En => format!("The link is valid until {expires} and works only once. If it expires, sign in with your email and password to ask for a new one. If you did not sign up, ignore this email: an unverified account cannot be used."),
            }],
        },
        EmailKind::SignupAttempt { full_name, login_link, verified } => Parts {
            subject: format!("{} — {}", l.t("Percobaan pendaftaran dengan email Anda", "A sign-up attempt with your email"), office.name),
            greeting: hello(full_name),
            paragraphs: vec![
                l.t(
                    "Seseorang (mungkin Anda sendiri) mencoba mendaftar akun baru di Harmoni dengan alamat email ini. Alamat ini sudah memiliki akun, jadi tidak ada akun baru yang dibuat dan akun Anda tidak berubah.",
                    "Someone (perhaps you) tried to sign up for a new Harmoni account with this email address. The address already has an account, so no new account was made and your account did not change.",
                )
                .to_string(),
                if *verified {
                    l.t(
                        "Bila itu Anda, masuk saja dengan akun yang sudah ada. Bila Anda lupa kata sandi, mintalah tautan atur ulang kata sandi kepada administrator kantor.",
                        "If it was you, simply sign in with your existing account. If you forgot the password, ask the office's administrator for a password reset link.",
                    )
                } else {
                    l.t(
                        "Akun itu belum diverifikasi. Bila Anda yang mendaftar sebelumnya, masuk dengan email dan kata sandi Anda untuk meminta tautan verifikasi baru. Bila Anda lupa kata sandinya, mintalah tautan atur ulang kata sandi kepada administrator kantor.",
                        "That account is not verified yet. If you signed up earlier, sign in with your email and password to ask for a new verification link. If you forgot the password, ask the office's administrator for a password reset link.",
                    )
                }
                .to_string(),
            ],
            link: Some((l.t("Ke halaman masuk", "Go to sign in").to_string(), login_link.clone())),
            after: vec![l
                .t(
                    "Bila bukan Anda, abaikan email ini; tidak ada yang perlu dilakukan.",
                    "If it was not you, ignore this email; there is nothing to do.",
                )
                .to_string()],
        },
        EmailKind::StatusChanged { full_name, what, old_status, new_status, note, link } => Parts {
            subject: format!("{}: {what} — {new_status}", l.t("Perubahan status", "Status changed")),
            greeting: hello(full_name),
            paragraphs: {
                let mut p = vec![match l {
                    Lang::Id => format!("Status {what} berubah dari \"{old_status}\" menjadi \"{new_status}\"."),
                    Lang::En => format!("The status of {what} changed from \"{old_status}\" to \"{new_status}\"."),
                }];
                if let Some(note) = note {
                    p.push(note.clone());
                }
                p
            },
            link: link.as_ref().map(|href| (l.t("Lihat di Harmoni", "See it in Harmoni").to_string(), href.clone())),
            after: Vec::new(),
        },
        EmailKind::Letter { full_name, letter_label, number, concerning, verify_link, reissued } => Parts {
            subject: format!("{letter_label} {number}"),
            greeting: hello(full_name),
            paragraphs: vec![
                match (l, reissued) {
                    (Lang::Id, false) => format!("{} menerbitkan {letter_label} nomor {number} mengenai {concerning}. Surat terlampir dalam bentuk PDF.", office.name),
                    (Lang::Id, true) => format!("{} menerbitkan ulang {letter_label} nomor {number} mengenai {concerning}; versi terlampir menggantikan versi sebelumnya.", office.name),
                    (Lang::En, false) => format!("{} has issued {letter_label} number {number} concerning {concerning}. The letter is attached as a PDF.", office.name),
                    (Lang::En, true) => format!("{} has reissued {letter_label} number {number} concerning {concerning}; the attached version replaces the earlier one.", office.name),
                },
                match l {
                    Lang::Id => "Keaslian surat dapat diperiksa dengan kode QR pada surat atau melalui tautan berikut.".to_string(),
                    Lang::En => "The letter can be verified with the QR code printed on it or through the link below.".to_string(),
                },
            ],
            link: Some((l.t("Periksa keaslian surat", "Verify the letter").to_string(), verify_link.clone())),
            after: Vec::new(),
        },
        EmailKind::Summons {
            full_name,
            change,
            session_label,
            case_label,
            parties,
            letter_number,
            when,
            place,
            agenda,
            reason,
            link,
        } => {
            let (subject, opening) = match (change, l) {
                (SummonsChange::Planned, Lang::Id) => (
                    format!("Surat panggilan {session_label} perkara {case_label}"),
                    format!("Dengan ini Anda dipanggil untuk menghadiri {} perkara {case_label} ({parties}).", session_label.to_lowercase()),
                ),
                (SummonsChange::Planned, Lang::En) => (
                    format!("Summons: {session_label}, case {case_label}"),
                    format!("You are summoned to attend the {} of case {case_label} ({parties}).", session_label.to_lowercase()),
                ),
                (SummonsChange::Rescheduled, Lang::Id) => (
                    format!("Perubahan jadwal {session_label} perkara {case_label}"),
                    format!("Jadwal {} perkara {case_label} ({parties}) diubah. Panggilan sebelumnya tidak berlaku lagi; Anda dipanggil pada waktu berikut.", session_label.to_lowercase()),
                ),
                (SummonsChange::Rescheduled, Lang::En) => (
                    format!("New time: {session_label}, case {case_label}"),
                    format!("The {} of case {case_label} ({parties}) has moved. The earlier summons no longer stands; you are summoned at the time below.", session_label.to_lowercase()),
                ),
                (SummonsChange::Cancelled, Lang::Id) => (
                    format!("Pembatalan {session_label} perkara {case_label}"),
                    format!("{session_label} perkara {case_label} ({parties}) pada waktu berikut dibatalkan. Panggilan untuk sidang ini tidak berlaku lagi."),
                ),
                (SummonsChange::Cancelled, Lang::En) => (
                    format!("Cancelled: {session_label}, case {case_label}"),
                    format!("The {} of case {case_label} ({parties}) at the time below is cancelled. The summons to it no longer stands.", session_label.to_lowercase()),
                ),
            };
            let mut paragraphs = vec![opening];
            let mut details = Vec::new();
            if let Some(n) = letter_number {
                details.push(format!("{}: {n}", l.t("Nomor surat", "Letter number")));
            }
            details.push(format!("{}: {when}", l.t("Waktu", "Time")));
            details.push(format!("{}: {place}", l.t("Tempat", "Place")));
            details.push(format!("{}: {agenda}", l.t("Acara", "Agenda")));
            paragraphs.push(details.join("\n"));
            if let Some(r) = reason {
                paragraphs.push(format!("{}: {r}", l.t("Alasan", "Reason")));
            }
            let after = if *change == SummonsChange::Cancelled {
                vec![l.t("Undangan kalender terlampir akan menghapus sidang ini dari kalender Anda.", "The attached calendar file removes the session from your calendar.").to_string()]
            } else {
                vec![
                    l.t("Undangan kalender (.ics) terlampir; buka untuk menambahkan sidang ke kalender Anda.", "A calendar invitation (.ics) is attached; open it to add the session to your calendar.").to_string(),
                    l.t("Pihak yang berhalangan hadir dapat diwakili kuasa dengan surat kuasa khusus. Bila Anda tidak hadir setelah dipanggil secara patut dua kali, mediator dapat melanjutkan penyelesaian berdasarkan data yang ada (UU 2/2004).", "A party who cannot attend may be represented under a special power of attorney (surat kuasa khusus). If you do not attend after two proper summonses, the mediator may proceed on the data at hand (UU 2/2004).").to_string(),
                ]
            };
            Parts {
                subject,
                greeting: hello(full_name),
                paragraphs,
                link: link.as_ref().map(|href| (l.t("Lihat surat panggilan", "See the summons").to_string(), href.clone())),
                after,
            }
        }
    }
}

fn signature(office: &EmailOffice) -> Vec<String> {
    [office.name.clone(), office.address.clone(), office.phone.clone(), office.email.clone(), office.website.clone()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect()
}

fn html_body(l: Lang, p: &Parts, office: &EmailOffice) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(l.code()) {
            head { meta charset="utf-8"; title { (p.subject) } }
            body style="font-family: Arial, sans-serif; color: #1b1f24; line-height: 1.5; max-width: 40rem;" {
                p { (p.greeting) }
                @for para in &p.paragraphs { p { @for (i, line) in para.lines().enumerate() { @if i > 0 { br; } (line) } } }
                @if let Some((label, href)) = &p.link {
                    p { a href=(href) style="display: inline-block; background: #0b4f8a; color: #ffffff; padding: 10px 16px; text-decoration: none; font-weight: bold;" { (label) } }
                    p style="font-size: 13px; color: #4a5360;" { (l.t("Bila tombol tidak berfungsi, salin alamat ini ke peramban:", "If the button does not work, copy this address into your browser:")) br; (href) }
                }
                @for para in &p.after { p { @for (i, line) in para.lines().enumerate() { @if i > 0 { br; } (line) } } }
                hr style="border: none; border-top: 1px solid #c9d0d8;";
                p style="font-size: 13px; color: #4a5360;" {
                    @for (i, line) in signature(office).iter().enumerate() { @if i > 0 { br; } (line) }
                    br;
                    (l.t("Email ini dikirim otomatis oleh Harmoni.", "This email was sent automatically by Harmoni."))
                }
            }
        }
    }
}

fn text_body(l: Lang, p: &Parts, office: &EmailOffice) -> String {
    let mut out = vec![p.greeting.clone(), String::new()];
    for para in &p.paragraphs {
        out.push(para.clone());
        out.push(String::new());
    }
    if let Some((label, href)) = &p.link {
        out.push(format!("{label}: {href}"));
        out.push(String::new());
    }
    for para in &p.after {
        out.push(para.clone());
        out.push(String::new());
    }
    out.push("-- ".into());
    out.extend(signature(office));
    out.push(
        l.t("Email ini dikirim otomatis oleh Harmoni.", "This email was sent automatically by Harmoni.").to_string(),
    );
    out.join("\r\n")
}

/// Renders a message in the recipient's language.
pub fn render(kind: &EmailKind, l: Lang, office: &EmailOffice) -> RenderedEmail {
    let p = parts(kind, l, office);
    RenderedEmail {
        subject: p.subject.clone(),
        text: text_body(l, &p, office),
        html: html_body(l, &p, office).into_string(),
        notice_title: p.subject.clone(),
        notice_body: p.paragraphs.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn office() -> EmailOffice {
        EmailOffice {
            name: "Dinas Tenaga Kerja Kota Bekasi".into(),
            address: "Kota Bekasi".into(),
            email: "disnaker@example.go.id".into(),
            ..Default::default()
        }
    }

    #[test]
    fn invitations_speak_the_recipients_language_and_carry_the_link() {
        let kind = EmailKind::Invitation {
            full_name: "Siti".into(),
            role_label: "Mediator".into(),
            link: "https://h.example/link/abc".into(),
            expires: "3 Maret 2026".into(),
        };
        let id = render(&kind, Lang::Id, &office());
        assert!(id.subject.starts_with("Undangan akun Harmoni"));
        assert!(id.text.contains("Buat kata sandi: https://h.example/link/abc"));
        assert!(id.html.contains(r#"href="https://h.example/link/abc""#));
        assert!(
            id.text.contains("Dinas Tenaga Kerja Kota Bekasi") && id.text.contains("disnaker@example.go.id"),
            "signed by the office"
        );
        let en = render(&kind, Lang::En, &office());
        assert!(en.subject.starts_with("Your Harmoni account") && en.text.contains("Choose a password"));
    }

    #[test]
    fn verification_and_signup_notices_say_what_to_do() {
        let kind = EmailKind::EmailVerification {
            full_name: "Siti".into(),
            link: "https://h.example/link/abc".into(),
            expires: "04-03-2026 08.00 WIB".into(),
        };
        let id = render(&kind, Lang::Id, &office());
        assert!(id.subject.starts_with("Verifikasi email akun Harmoni"), "{}", id.subject);
        assert!(id.text.contains("Verifikasi email: https://h.example/link/abc"));
        assert!(id.text.contains("04-03-2026 08.00 WIB"));
        let attempt = EmailKind::SignupAttempt {
            full_name: "Siti".into(),
            login_link: "https://h.example/login".into(),
            verified: true,
        };
        let en = render(&attempt, Lang::En, &office());
        assert!(en.text.contains("no new account was made") && en.text.contains("password reset link"));
        assert!(en.text.contains("ignore this email"));
        assert!(!en.text.contains("/link/"), "the notice carries no one-time link");
    }

    #[test]
    fn a_note_of_several_lines_keeps_its_lines_in_html() {
        let kind = EmailKind::StatusChanged {
            full_name: "Siti".into(),
            what: "PP PT Uji".into(),
            old_status: "Diterima".into(),
            new_status: "Perlu perbaikan".into(),
            note: Some("Yang perlu diperbaiki:\n- Tata tertib kerja".into()),
            link: None,
        };
        let id = render(&kind, Lang::Id, &office());
        assert!(id.html.contains("Yang perlu diperbaiki:<br>- Tata tertib kerja"), "{}", id.html);
        assert!(id.text.contains("Yang perlu diperbaiki:\n- Tata tertib kerja"));
    }

    #[test]
    fn html_bodies_escape_what_users_typed() {
        let kind = EmailKind::StatusChanged {
            full_name: "<b>Budi</b>".into(),
            what: "perkara 1".into(),
            old_status: "a".into(),
            new_status: "b".into(),
            note: Some("<script>x</script>".into()),
            link: None,
        };
        let r = render(&kind, Lang::Id, &office());
        assert!(!r.html.contains("<script>") && r.html.contains("&lt;script&gt;"));
        assert!(!r.html.contains("<b>Budi</b>"));
    }
}
