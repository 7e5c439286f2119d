//! Harmoni views: the maud layout, components, pages per area and UI strings (id, en); view models only.

pub mod components;
pub mod email;
pub mod layout;
pub mod letters;
pub mod pages;

pub use layout::{page, Flash, FlashKind, NavItem, PageCtx};

/// The stylesheet, served by the application under `/static/`.
pub const APP_CSS: &str = include_str!("../static/app.css");
/// The site icon, served under `/static/`.
pub const FAVICON_SVG: &str = include_str!("../static/favicon.svg");

/// A language of the user interface. Indonesian is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// Picks the text for this language; both texts sit side by side at every call site.
    pub fn t<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn weekday(self, d: chrono::NaiveDate) -> &'static str {
        use chrono::Datelike;
        let i = d.weekday().num_days_from_monday() as usize;
        match self {
            Lang::Id => ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"][i],
            Lang::En => ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][i],
        }
    }

    pub fn month(self, month: u32) -> &'static str {
        let i = (month.clamp(1, 12) - 1) as usize;
        match self {
            Lang::Id => [
                "Januari",
                "Februari",
                "Maret",
                "April",
                "Mei",
                "Juni",
                "Juli",
                "Agustus",
                "September",
                "Oktober",
                "November",
                "Desember",
            ][i],
            Lang::En => [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ][i],
        }
    }

    /// A date written out in full: "Senin, 2 Maret 2026" / "Monday, 2 March 2026".
    pub fn date_long(self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        format!("{}, {} {} {}", self.weekday(d), d.day(), self.month(d.month()), d.year())
    }

    /// A moment written out in full in the office's local time (WIB, UTC+7), as receipts state
    /// it: "Senin, 2 Maret 2026 pukul 08.00 WIB" / "Monday, 2 March 2026 at 08:00 WIB".
    pub fn datetime_long(self, utc: chrono::NaiveDateTime) -> String {
        let local = utc + chrono::Duration::hours(7);
        match self {
            Lang::Id => format!("{} pukul {} WIB", self.date_long(local.date()), local.format("%H.%M")),
            Lang::En => format!("{} at {} WIB", self.date_long(local.date()), local.format("%H:%M")),
        }
    }

    /// A timestamp in the office's local time (WIB, UTC+7), written the way each language reads it.
    pub fn datetime(self, utc: chrono::NaiveDateTime) -> String {
        let local = utc + chrono::Duration::hours(7);
        match self {
            Lang::Id => format!("{} WIB", local.format("%d-%m-%Y %H.%M")),
            Lang::En => format!("{} WIB", local.format("%d %b %Y %H:%M")),
        }
    }
}
