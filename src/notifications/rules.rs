//! Outbox rules without IO: what may go into a mail header, how long to wait before a retry,
//! and what a delivery outcome does to a message.

use chrono::{Duration, NaiveDateTime};

use crate::error::Problem;

/// A value that ends up in a mail header (a name, a subject) must be one line: CR or LF would
/// let it add headers of its own (header injection).
pub fn check_header_text(value: &str, field: &'static str) -> Result<(), Problem> {
    if value.chars().any(|c| c == '\r' || c == '\n' || (c.is_control() && c != '\t')) {
        return Err(Problem::new(
            "header_injection",
            "Teks ini tidak boleh berisi baris baru atau karakter kendali.",
            "This text must not contain line breaks or control characters.",
        )
        .field(field));
    }
    Ok(())
}

/// Hides the token of every one-time link (`/link/<token>`) in a text: the token is a key to
/// someone's account, so it is shown to nobody and not kept once the message is delivered.
pub fn redact_links(text: &str) -> String {
    const MARK: &str = "/link/";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at + MARK.len()]);
        let after = &rest[at + MARK.len()..];
        let token_len =
            after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(after.len());
        if token_len > 0 {
            out.push_str("[disembunyikan]");
        }
        rest = &after[token_len..];
    }
    out.push_str(rest);
    out
}

/// Waiting time before retry number `attempts` (1 after the first failure): the base,
/// doubled each time, never more than the maximum.
pub fn backoff(attempts: i32, base_secs: i64, max_secs: i64) -> Duration {
    let exponent = (attempts.max(1) - 1).min(30) as u32;
    let secs = base_secs.saturating_mul(1i64 << exponent).min(max_secs);
    Duration::seconds(secs)
}

/// What one delivery attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server accepted the message; its answer is the evidence.
    Sent(String),
    /// Worth trying again (server down, timeout, 4xx).
    Transient(String),
    /// Will never work (5xx, bad address).
    Permanent(String),
}

/// A message's state after an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextState {
    pub status: &'static str,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
}

/// Where a message goes after an attempt: sent, back to the queue with backoff, or failed
/// (a permanent error, or the last allowed attempt).
pub fn after_attempt(
    outcome: &Outcome,
    attempts_before: i32,
    max_attempts: i32,
    now: NaiveDateTime,
    base_secs: i64,
    max_secs: i64,
) -> NextState {
    let attempts = attempts_before + 1;
    match outcome {
        Outcome::Sent(_) => NextState { status: "sent", attempts, next_attempt_at: now },
        Outcome::Permanent(_) => NextState { status: "failed", attempts, next_attempt_at: now },
        Outcome::Transient(_) if attempts >= max_attempts => {
            NextState { status: "failed", attempts, next_attempt_at: now }
        }
        Outcome::Transient(_) => {
            NextState { status: "pending", attempts, next_attempt_at: now + backoff(attempts, base_secs, max_secs) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 2).and_then(|d| d.and_hms_opt(1, 0, 0)).expect("valid")
    }

    #[test]
    fn header_text_must_be_one_line() {
        assert!(check_header_text("Budi Santoso", "name").is_ok());
        for bad in ["Budi\r\nBcc: x@y.z", "Budi\nBcc: x@y.z", "Subjek\rX", "a\u{0}b"] {
            assert_eq!(check_header_text(bad, "name").expect_err(bad).code, "header_injection");
        }
    }

    #[test]
    fn link_tokens_are_hidden() {
        let text = "Buat kata sandi: https://h.example/link/Xt4O-4x_of\r\nlalu <a href=\"https://h.example/link/abc\">";
        let red = redact_links(text);
        assert_eq!(red, "Buat kata sandi: https://h.example/link/[disembunyikan]\r\nlalu <a href=\"https://h.example/link/[disembunyikan]\">");
        assert_eq!(redact_links("tanpa tautan"), "tanpa tautan");
    }

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        assert_eq!(backoff(1, 60, 21600), Duration::seconds(60));
        assert_eq!(backoff(2, 60, 21600), Duration::seconds(120));
        assert_eq!(backoff(5, 60, 21600), Duration::seconds(960));
        assert_eq!(backoff(20, 60, 21600), Duration::seconds(21600));
        assert_eq!(backoff(1000, 60, 21600), Duration::seconds(21600));
    }

    #[test]
    fn outcomes_move_messages() {
        let sent = after_attempt(&Outcome::Sent("250 ok".into()), 0, 8, now(), 60, 3600);
        assert_eq!((sent.status, sent.attempts), ("sent", 1));
        let retry = after_attempt(&Outcome::Transient("refused".into()), 1, 8, now(), 60, 3600);
        assert_eq!(
            (retry.status, retry.attempts, retry.next_attempt_at),
            ("pending", 2, now() + Duration::seconds(120))
        );
        let last = after_attempt(&Outcome::Transient("refused".into()), 7, 8, now(), 60, 3600);
        assert_eq!(last.status, "failed", "the last allowed attempt fails the message");
        let bad = after_attempt(&Outcome::Permanent("550 no such user".into()), 0, 8, now(), 60, 3600);
        assert_eq!(bad.status, "failed");
    }
}
