//! Small reusable pieces: CSRF input, form fields bound to their labels and errors, badges, pager.

use maud::{html, Markup};

use crate::Lang;

/// The hidden CSRF token every form carries.
pub fn csrf_input(token: &str) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(token); }
}

/// Errors of a submitted form: (field name, message). An empty list means no errors.
#[derive(Debug, Clone, Default)]
pub struct FormErrors(pub Vec<(String, String)>);

impl FormErrors {
    pub fn one(field: &str, message: &str) -> Self {
        FormErrors(vec![(field.to_string(), message.to_string())])
    }

    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The summary at the top of a form, linking to each field with a problem.
pub fn error_summary(l: Lang, errors: &FormErrors) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.error-summary role="alert" aria-labelledby="error-summary-title" tabindex="-1" {
                h2 #error-summary-title { (l.t("Ada yang perlu diperbaiki", "There is a problem")) }
                ul {
                    @for (field, message) in &errors.0 {
                        li {
                            @if field.is_empty() {
                                (message)
                            } @else {
                                a href={ "#f-" (field) } { (message) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Describes one input field.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub kind: &'a str,
    pub value: &'a str,
    pub hint: Option<&'a str>,
    pub autocomplete: Option<&'a str>,
    pub required: bool,
}

impl<'a> Field<'a> {
    pub fn new(name: &'a str, label: &'a str) -> Self {
        Field { name, label, kind: "text", value: "", hint: None, autocomplete: None, required: false }
    }
    pub fn kind(mut self, kind: &'a str) -> Self {
        self.kind = kind;
        self
    }
    pub fn value(mut self, value: &'a str) -> Self {
        self.value = value;
        self
    }
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }
    pub fn autocomplete(mut self, autocomplete: &'a str) -> Self {
        self.autocomplete = Some(autocomplete);
        self
    }
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
}

/// A labelled input with its hint and error, bound by id and `aria-describedby`.
pub fn text_field(field: &Field, errors: &FormErrors) -> Markup {
    let id = format!("f-{}", field.name);
    let error = errors.for_field(field.name);
    let described = describedby(field.name, field.hint.is_some(), error.is_some());
    html! {
        div class={ "field" @if error.is_some() { " has-error" } } {
            label for=(id) { (field.label) @if field.required { " " span.req aria-hidden="true" { "*" } } }
            @if let Some(hint) = field.hint { p.hint id={ "h-" (field.name) } { (hint) } }
            @if let Some(error) = error { p.field-error id={ "e-" (field.name) } { (error) } }
            input id=(id) name=(field.name) type=(field.kind)
                value=[(field.kind != "password").then_some(field.value)]
                autocomplete=[field.autocomplete] required[field.required]
                aria-invalid=[error.map(|_| "true")] aria-describedby=[described];
        }
    }
}

/// The value typed into a field, from a form's (name, value) pairs; empty when absent.
pub fn value_of<'a>(values: &'a [(String, String)], key: &str) -> &'a str {
    values.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// A labelled text area with an optional hint and its error, described for screen readers.
pub fn textarea_field(name: &str, label: &str, hint: &str, value: &str, rows: u32, errors: &FormErrors) -> Markup {
    let error = errors.for_field(name);
    let described: Vec<String> = [(!hint.is_empty()).then(|| format!("h-{name}")), error.map(|_| format!("e-{name}"))]
        .into_iter()
        .flatten()
        .collect();
    html! {
        div class={ "field" @if error.is_some() { " has-error" } } {
            label for={ "f-" (name) } { (label) }
            @if !hint.is_empty() { p.hint id={ "h-" (name) } { (hint) } }
            @if let Some(e) = error { p.field-error id={ "e-" (name) } { (e) } }
            textarea id={ "f-" (name) } name=(name) rows=(rows)
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[(!described.is_empty()).then(|| described.join(" "))] { (value) }
        }
    }
}

/// Text of several lines shown as paragraphs (blank lines dropped).
pub fn paragraphs(text: &str) -> Markup {
    html! { @for p in text.lines().filter(|l| !l.trim().is_empty()) { p { (p) } } }
}

/// A labelled select; `options` are (value, label).
pub fn select_field(
    name: &str,
    label: &str,
    options: &[(String, String)],
    selected: &str,
    errors: &FormErrors,
) -> Markup {
    let id = format!("f-{name}");
    let error = errors.for_field(name);
    let described = describedby(name, false, error.is_some());
    html! {
        div class={ "field" @if error.is_some() { " has-error" } } {
            label for=(id) { (label) }
            @if let Some(error) = error { p.field-error id={ "e-" (name) } { (error) } }
            select id=(id) name=(name) aria-invalid=[error.map(|_| "true")] aria-describedby=[described] {
                @for (value, text) in options {
                    option value=(value) selected[value == selected] { (text) }
                }
            }
        }
    }
}

fn describedby(name: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("h-{name}"));
    }
    if error {
        ids.push(format!("e-{name}"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The visual tone of a status badge; the text always states the status too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    Good,
    #[default]
    Neutral,
    Warn,
    Bad,
}

/// A status shown with text and an icon-like prefix, never by colour alone.
pub fn badge(tone: Tone, text: &str) -> Markup {
    let (class, mark) = match tone {
        Tone::Good => ("badge good", "✓"),
        Tone::Neutral => ("badge neutral", "•"),
        Tone::Warn => ("badge warn", "!"),
        Tone::Bad => ("badge bad", "✕"),
    };
    html! { span class=(class) { span aria-hidden="true" { (mark) " " } (text) } }
}

/// How far a deadline is, in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineState {
    Ahead(i64),
    DueToday,
    Overdue(i64),
}

/// The deadline status used by every workflow: text first, colour second.
pub fn deadline_badge(l: Lang, state: DeadlineState, due: &str) -> Markup {
    let left = |n: i64| match l {
        Lang::Id => format!("Sisa {n} hari kerja"),
        Lang::En if n == 1 => "1 working day left".to_string(),
        Lang::En => format!("{n} working days left"),
    };
    let (tone, text) = match state {
        DeadlineState::Ahead(n) if n <= 2 => (Tone::Warn, left(n)),
        DeadlineState::Ahead(n) => (Tone::Good, left(n)),
        DeadlineState::DueToday => (Tone::Warn, l.t("Jatuh tempo hari ini", "Due today").to_string()),
        DeadlineState::Overdue(n) => (
            Tone::Bad,
            match l {
                Lang::Id => format!("Terlambat {n} hari kerja"),
                Lang::En if n == 1 => "Overdue by 1 working day".to_string(),
                Lang::En => format!("Overdue by {n} working days"),
            },
        ),
    };
    html! {
        span.deadline {
            (badge(tone, &text))
            " " span.due { "(" (l.t("jatuh tempo", "due")) " " (due) ")" }
        }
    }
}

/// Previous/next links for a paged list; `base` already holds the filter query.
pub fn pager(l: Lang, base: &str, page: i64, per_page: i64, total: i64) -> Markup {
    let pages = ((total + per_page - 1) / per_page).max(1);
    let sep = if base.contains('?') { '&' } else { '?' };
    html! {
        nav.pager aria-label=(l.t("Halaman", "Pages")) {
            @if page > 1 {
                a rel="prev" href={ (base) (sep) "page=" (page - 1) } { "← " (l.t("Sebelumnya", "Previous")) }
            }
            span { (l.t("Halaman", "Page")) " " (page) " / " (pages) " · " (total) " " (l.t("baris", "rows")) }
            @if page < pages {
                a rel="next" href={ (base) (sep) "page=" (page + 1) } { (l.t("Berikutnya", "Next")) " →" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_badge_states_its_status_in_text() {
        let html = badge(Tone::Bad, "dinonaktifkan").into_string();
        assert!(html.contains("dinonaktifkan") && html.contains("badge bad"));
        assert!(html.contains(r#"aria-hidden="true""#), "the symbol is decoration, the text is the status");
    }

    #[test]
    fn fields_are_bound_to_their_label_hint_and_error() {
        let errors = FormErrors::one("email", "Alamat email tidak valid.");
        let html =
            text_field(&Field::new("email", "Email").hint("nama@contoh.go.id").value("x"), &errors).into_string();
        assert!(html.contains(r#"<label for="f-email">"#));
        assert!(html.contains(r#"id="f-email""#));
        assert!(html.contains(r#"aria-describedby="h-email e-email""#));
        assert!(html.contains(r#"aria-invalid="true""#));
        let summary = error_summary(Lang::Id, &errors).into_string();
        assert!(summary.contains(r##"href="#f-email""##), "the summary links to the field");
    }

    #[test]
    fn password_fields_never_echo_their_value() {
        let html =
            text_field(&Field::new("password", "Kata sandi").kind("password").value("rahasia"), &FormErrors::default())
                .into_string();
        assert!(!html.contains("rahasia"));
    }

    #[test]
    fn deadline_badges_say_the_status_in_words() {
        let ahead = deadline_badge(Lang::Id, DeadlineState::Ahead(5), "Senin, 9 Maret 2026").into_string();
        assert!(ahead.contains("Sisa 5 hari kerja") && ahead.contains("badge good"), "{ahead}");
        let soon = deadline_badge(Lang::En, DeadlineState::Ahead(1), "Monday").into_string();
        assert!(soon.contains("1 working day left") && soon.contains("badge warn"), "{soon}");
        let today = deadline_badge(Lang::Id, DeadlineState::DueToday, "x").into_string();
        assert!(today.contains("Jatuh tempo hari ini"));
        let late = deadline_badge(Lang::Id, DeadlineState::Overdue(3), "x").into_string();
        assert!(late.contains("Terlambat 3 hari kerja") && late.contains("badge bad"));
    }

    #[test]
    fn times_are_shown_in_wib() {
        let utc = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).and_then(|d| d.and_hms_opt(1, 5, 0)).expect("valid");
        assert_eq!(Lang::Id.datetime(utc), "02-03-2026 08.05 WIB");
        assert_eq!(Lang::En.datetime(utc), "02 Mar 2026 08:05 WIB");
        let eight = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).and_then(|d| d.and_hms_opt(1, 0, 0)).expect("valid");
        assert_eq!(Lang::Id.datetime_long(eight), "Senin, 2 Maret 2026 pukul 08.00 WIB");
        assert_eq!(Lang::En.datetime_long(eight), "Monday, 2 March 2026 at 08:00 WIB");
        let late = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).and_then(|d| d.and_hms_opt(18, 30, 0)).expect("valid");
        assert_eq!(Lang::Id.datetime_long(late), "Senin, 2 Maret 2026 pukul 01.30 WIB", "the local day, not UTC's");
    }
}
