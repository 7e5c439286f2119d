//! Mail transports: SMTP (production), `.eml` files (the default), memory (tests); and the
//! building of one MIME message from an outbox row.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Address, Message, SmtpTransport, Transport};

use crate::config::{MailSettings, MailTransport, SmtpSecurity};
use crate::notifications::model::{AttachmentRow, OutboxRow};
use crate::notifications::rules::Outcome;

/// A message as the memory transport keeps it.
#[derive(Debug, Clone)]
pub struct CapturedMail {
    pub to: Vec<String>,
    pub raw: String,
}

/// Where messages go.
#[derive(Clone)]
pub enum Mailer {
    Smtp(SmtpTransport),
    File(PathBuf),
    Memory(Arc<Mutex<Vec<CapturedMail>>>),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp(_) => write!(f, "Mailer::Smtp"),
            Mailer::File(dir) => write!(f, "Mailer::File({})", dir.display()),
            Mailer::Memory(_) => write!(f, "Mailer::Memory"),
        }
    }
}

impl Mailer {
    pub fn from_settings(m: &MailSettings) -> anyhow::Result<Mailer> {
        Ok(match m.transport {
            MailTransport::File => Mailer::File(m.file_dir.clone()),
            MailTransport::Memory => Mailer::Memory(Arc::default()),
            MailTransport::Smtp => {
                let builder = match m.smtp_security {
                    SmtpSecurity::Starttls => SmtpTransport::starttls_relay(&m.smtp_host)?,
                    SmtpSecurity::Tls => SmtpTransport::relay(&m.smtp_host)?,
                    SmtpSecurity::None => SmtpTransport::builder_dangerous(&m.smtp_host),
                };
                let mut builder = builder.port(m.smtp_port).timeout(Some(Duration::from_secs(m.smtp_timeout_secs)));
                if !m.smtp_username.is_empty() {
                    builder = builder.credentials(Credentials::new(m.smtp_username.clone(), m.smtp_password.clone()));
                }
                Mailer::Smtp(builder.build())
            }
        })
    }

    /// The messages the memory transport has taken (tests).
    pub fn captured(&self) -> Vec<CapturedMail> {
        match self {
            Mailer::Memory(store) => store.lock().map(|v| v.clone()).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Hands one message over and classifies what happened.
    pub fn send(&self, message: &Message, outbox_id: &str) -> Outcome {
        match self {
            Mailer::Smtp(smtp) => match smtp.send(message) {
                Ok(response) => {
                    Outcome::Sent(format!("{} {}", response.code(), response.message().collect::<Vec<_>>().join(" ")))
                }
                Err(e) if e.is_permanent() => Outcome::Permanent(e.to_string()),
                Err(e) => Outcome::Transient(e.to_string()),
            },
            Mailer::File(dir) => {
                let path = dir.join(format!("{outbox_id}.eml"));
                let written = std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&path, message.formatted()));
                match written {
                    Ok(()) => Outcome::Sent(format!("written to {}", path.display())),
                    Err(e) => Outcome::Transient(format!("cannot write {}: {e}", path.display())),
                }
            }
            Mailer::Memory(store) => {
                let to = message.envelope().to().iter().map(|a| a.to_string()).collect();
                let raw = String::from_utf8_lossy(&message.formatted()).into_owned();
                match store.lock() {
                    Ok(mut v) => {
                        v.push(CapturedMail { to, raw });
                        Outcome::Sent("stored in memory".into())
                    }
                    Err(_) => Outcome::Transient("memory transport poisoned".into()),
                }
            }
        }
    }
}

/// Builds the MIME message of an outbox row: plain text and HTML alternatives, attachments,
/// the stable Message-ID, and Reply-To the office when it has an address.
pub fn build_message(
    row: &OutboxRow,
    attachments: &[AttachmentRow],
    mail: &MailSettings,
    reply_to: Option<&str>,
) -> Result<Message, String> {
    let from_address: Address = mail.from_address.parse().map_err(|e| format!("sender address: {e}"))?;
    let to_address: Address = row.recipient_email.parse().map_err(|e| format!("recipient address: {e}"))?;
    let mut builder = Message::builder()
        .from(Mailbox::new(Some(mail.from_name.clone()), from_address))
        .to(Mailbox::new(Some(row.recipient_name.clone()), to_address))
        .subject(row.subject.clone())
        .message_id(Some(row.message_id.clone()))
        .date(std::time::SystemTime::from(row.queued_at.and_utc()));
    if let Some(reply) = reply_to.and_then(|r| r.parse::<Address>().ok()) {
        builder = builder.reply_to(Mailbox::new(None, reply));
    }
    let alternative = MultiPart::alternative_plain_html(row.body_text.clone(), row.body_html.clone());
    let body = if attachments.is_empty() {
        alternative
    } else {
        let mut mixed = MultiPart::mixed().multipart(alternative);
        for a in attachments {
            let content_type =
                ContentType::parse(&a.content_type).map_err(|e| format!("attachment {}: {e}", a.filename))?;
            let part: SinglePart = Attachment::new(a.filename.clone()).body(a.content.clone(), content_type);
            mixed = mixed.singlepart(part);
        }
        mixed
    };
    builder.multipart(body).map_err(|e| format!("message: {e}"))
}
