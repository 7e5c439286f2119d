//! The domain error: a stable code, a message for users in Indonesian and English, the cause for logs.
//!
//! Policy: users see the code and a short message; the cause chain of an internal error is
//! logged once, with the request id, and never shown. An object a user may not see is
//! `NotFound`, never `Forbidden`, so that ids cannot be probed.

use std::borrow::Cow;

/// A message in both UI languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    pub id: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Bilingual {
    pub fn new(id: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Self {
        Self { id: id.into(), en: en.into() }
    }

    pub fn get(&self, lang: harmoni_templates::Lang) -> &str {
        match lang {
            harmoni_templates::Lang::Id => &self.id,
            harmoni_templates::Lang::En => &self.en,
        }
    }
}

/// A problem the user can fix: a stable code, the field it concerns, and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: &'static str,
    pub field: Option<&'static str>,
    pub message: Bilingual,
}

impl Problem {
    /// A problem with its message in both languages; messages may be composed (`format!`).
    pub fn new(code: &'static str, id: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Self {
        Self { code, field: None, message: Bilingual::new(id, en) }
    }

    /// A problem with one field of the input, the shape most validation reports.
    pub fn at(
        code: &'static str,
        field: &'static str,
        id: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::new(code, id, en).field(field)
    }

    pub fn field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The object does not exist, or the user may not know it exists.
    #[error("not found")]
    NotFound,
    /// The user is known but the action is not theirs to take.
    #[error("forbidden")]
    Forbidden,
    /// No valid session or token.
    #[error("authentication required")]
    Unauthenticated,
    /// Missing or wrong CSRF token, or a cross-site request.
    #[error("cross-site request refused")]
    Csrf,
    /// Input that breaks a rule; nothing was changed.
    #[error("invalid input: {}", .0.code)]
    Invalid(Problem),
    /// The request conflicts with the current state (a duplicate, a used link); nothing changed.
    #[error("conflict: {}", .0.code)]
    Conflict(Problem),
    /// Too many requests of one kind from one client or for one account; try again later.
    #[error("too many requests: {}", .0.code)]
    TooMany(Problem),
    /// The database has no free connection in time.
    #[error("service temporarily unavailable")]
    Unavailable,
    /// A bug or an infrastructure failure; the cause goes to the log only.
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

impl Error {
    pub fn internal(msg: impl std::fmt::Display) -> Self {
        Error::Internal(anyhow::anyhow!("{msg}"))
    }

    pub fn invalid(
        code: &'static str,
        field: &'static str,
        id: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error::Invalid(Problem::at(code, field, id, en))
    }

    pub fn conflict(code: &'static str, id: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Self {
        Error::Conflict(Problem::new(code, id, en))
    }

    /// The stable code of this error, as used in `application/problem+json`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound => "not_found",
            Error::Forbidden => "forbidden",
            Error::Unauthenticated => "unauthenticated",
            Error::Csrf => "csrf_rejected",
            Error::Invalid(p) | Error::Conflict(p) | Error::TooMany(p) => p.code,
            Error::Unavailable => "unavailable",
            Error::Internal(_) => "internal",
        }
    }

    /// The message shown to users.
    pub fn message(&self) -> Bilingual {
        match self {
            Error::NotFound => Bilingual::new(
                "Halaman atau data yang Anda cari tidak ditemukan.",
                "The page or record you are looking for was not found.",
            ),
            Error::Forbidden => Bilingual::new(
                "Anda tidak memiliki wewenang untuk tindakan ini.",
                "You are not allowed to do this.",
            ),
            Error::Unauthenticated => Bilingual::new(
                "Silakan masuk terlebih dahulu.",
                "Please sign in first.",
            ),
            Error::Csrf => Bilingual::new(
                "Permintaan ditolak karena formulir sudah kedaluwarsa atau berasal dari situs lain. Muat ulang halaman lalu coba lagi.",
                "The request was refused because the form expired or came from another site. Reload the page and try again.",
            ),
            Error::Invalid(p) | Error::Conflict(p) | Error::TooMany(p) => p.message.clone(),
            Error::Unavailable => Bilingual::new(
                "Layanan sedang sibuk. Silakan coba lagi sebentar lagi.",
                "The service is busy. Please try again shortly.",
            ),
            Error::Internal(_) => Bilingual::new(
                "Terjadi kesalahan pada sistem. Kesalahan ini telah dicatat.",
                "Something went wrong on our side. The error has been logged.",
            ),
        }
    }
}

/// A problem with what the user typed: nothing was changed.
impl From<Problem> for Error {
    fn from(p: Problem) -> Self {
        Error::Invalid(p)
    }
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => Error::NotFound,
            other => Error::Internal(anyhow::Error::new(other).context("database query failed")),
        }
    }
}

impl From<diesel::result::ConnectionError> for Error {
    fn from(e: diesel::result::ConnectionError) -> Self {
        Error::Internal(anyhow::Error::new(e).context("database connection failed"))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
