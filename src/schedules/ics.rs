//! iCalendar (RFC 5545) for sessions: the invitation a summons carries (METHOD:REQUEST, or
//! METHOD:CANCEL when called off) and the private feeds calendar apps subscribe to.

use chrono::NaiveDateTime;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

/// One session as a calendar event shows it; nothing personal beyond the case number, the
/// parties' names and the place.
#[derive(Debug, Clone)]
pub struct SessionEvent {
    /// Stable across reschedules: "{hearing id}@{mail domain}".
    pub uid: String,
    pub sequence: u32,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub url: Option<String>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    /// When the session was last changed (DTSTAMP / LAST-MODIFIED).
    pub stamp: NaiveDateTime,
    pub cancelled: bool,
}

/// The organiser and the person an invitation goes to.
#[derive(Debug, Clone)]
pub struct Invitee<'a> {
    pub organizer_name: &'a str,
    pub organizer_email: &'a str,
    pub name: &'a str,
    pub email: &'a str,
}

fn calendar(method: Option<&str>, name: Option<&str>) -> Calendar {
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//Harmoni//Jadwal Sidang HI//ID"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    if let Some(m) = method {
        cal.append_property(("METHOD", m));
    }
    if let Some(n) = name {
        cal.name(n);
        cal.append_property(("REFRESH-INTERVAL;VALUE=DURATION", "PT1H"));
    }
    cal
}

fn event(s: &SessionEvent) -> Event {
    let mut e = Event::with_uid(&s.uid);
    e.sequence(s.sequence)
        .summary(&s.summary)
        .description(&s.description)
        .location(&s.location)
        .starts(s.starts_at.and_utc())
        .ends(s.ends_at.and_utc())
        .timestamp(s.stamp.and_utc())
        .last_modified(s.stamp.and_utc())
        .status(if s.cancelled { EventStatus::Cancelled } else { EventStatus::Confirmed });
    if let Some(url) = &s.url {
        e.url(url);
    }
    e
}

fn escape_param(v: &str) -> String {
    // Parameter values are quoted; quotes and control characters cannot appear inside them.
    v.chars().filter(|c| *c != '"' && !c.is_control()).collect()
}

/// The invitation (or its cancellation) attached to a summons email.
pub fn invitation(s: &SessionEvent, who: &Invitee) -> String {
    let mut cal = calendar(Some(if s.cancelled { "CANCEL" } else { "REQUEST" }), None);
    let mut e = event(s);
    e.append_property(
        Property::new("ORGANIZER", format!("mailto:{}", who.organizer_email))
            .add_parameter("CN", &escape_param(who.organizer_name))
            .done(),
    );
    e.append_multi_property(
        Property::new("ATTENDEE", format!("mailto:{}", who.email))
            .add_parameter("CN", &escape_param(who.name))
            .add_parameter("ROLE", "REQ-PARTICIPANT")
            .add_parameter("PARTSTAT", "NEEDS-ACTION")
            .add_parameter("RSVP", "FALSE")
            .done(),
    );
    cal.push(e.done());
    cal.done().to_string()
}

/// A subscription feed: every session given, cancelled ones marked so.
pub fn feed(name: &str, sessions: &[SessionEvent]) -> String {
    let mut cal = calendar(None, Some(name));
    for s in sessions {
        cal.push(event(s).done());
    }
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(cancelled: bool) -> SessionEvent {
        let at = |h| chrono::NaiveDate::from_ymd_opt(2026, 3, 9).expect("date").and_hms_opt(h, 0, 0).expect("t");
        SessionEvent {
            uid: "0190-abc@bekasikota.go.id".into(),
            sequence: 2,
            summary: "Sidang mediasi 565/0001/HI/2026".into(),
            description: "Andi Saputra — PT Maju, kasus; baris kedua".into(),
            location: "Ruang Mediasi 1, Jl. Ir. H. Juanda No. 100".into(),
            url: None,
            starts_at: at(2),
            ends_at: at(4),
            stamp: at(1),
            cancelled,
        }
    }

    #[test]
    fn an_invitation_is_a_request_with_a_stable_uid_and_its_sequence() {
        let who = Invitee {
            organizer_name: "Disnaker \"Kota\" Bekasi",
            organizer_email: "hi@bekasikota.go.id",
            name: "Andi",
            email: "andi@gmail.com",
        };
        // Long lines are folded at 75 octets (RFC 5545 3.1); read them unfolded as clients do.
        let text = invitation(&session(false), &who).replace("\r\n ", "");
        assert!(text.contains("METHOD:REQUEST"), "{text}");
        assert!(text.contains("UID:0190-abc@bekasikota.go.id"));
        assert!(text.contains("SEQUENCE:2"));
        assert!(text.contains("DTSTART:20260309T020000Z"));
        assert!(text.contains("ORGANIZER;CN=Disnaker Kota Bekasi:mailto:hi@bekasikota.go.id"), "{text}");
        assert!(text.contains("mailto:andi@gmail.com"));
        let cancelled = invitation(&session(true), &who);
        assert!(cancelled.contains("METHOD:CANCEL") && cancelled.contains("STATUS:CANCELLED"), "{cancelled}");
    }
}
