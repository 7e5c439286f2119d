//! Harmoni views: the maud layout, components, pages per area and UI strings (id, en); view models only.

pub mod components;
pub mod layout;
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

    /// A timestamp in the office's local time (WIB, UTC+7), written the way each language reads it.
    pub fn datetime(self, utc: chrono::NaiveDateTime) -> String {
        let local = utc + chrono::Duration::hours(7);
        match self {
            Lang::Id => format!("{} WIB", local.format("%d-%m-%Y %H.%M")),
            Lang::En => format!("{} WIB", local.format("%d %b %Y %H:%M")),
        }
    }
}
