//! The page layout: skip link, header with office name, role-aware navigation, language switch, flash.

use maud::{html, Markup, DOCTYPE};

use crate::components::csrf_input;
use crate::Lang;

/// What every page needs to know about the request.
#[derive(Debug, Clone, Default)]
pub struct PageCtx {
    pub lang: Lang,
    /// Name and role label of the signed-in user.
    pub user: Option<(String, String)>,
    pub csrf_token: String,
    /// Path of the current page (for the language switch to come back to).
    pub path: String,
    pub office_name: String,
    pub nav: Vec<NavItem>,
    pub flash: Option<Flash>,
}

/// One entry of the navigation; the application decides which entries a role sees.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashKind {
    Success,
    Info,
    Warning,
}

/// A one-time message after a redirect.
#[derive(Debug, Clone)]
pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
}

/// The whole HTML document around a page body.
pub fn page(ctx: &PageCtx, title: &str, body: Markup) -> Markup {
    let l = ctx.lang;
    html! {
        (DOCTYPE)
        html lang=(l.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Harmoni" }
                link rel="stylesheet" href="/static/app.css";
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
            }
            body {
                a.skip-link href="#main" { (l.t("Langsung ke isi", "Skip to content")) }
                header.site-header {
                    div.brand {
                        a href="/" { "Harmoni" }
                        @if !ctx.office_name.is_empty() {
                            span.office { (ctx.office_name) }
                        }
                    }
                    @if !ctx.nav.is_empty() {
                        nav aria-label=(l.t("Menu utama", "Main menu")) {
                            ul {
                                @for item in &ctx.nav {
                                    li {
                                        @if item.current {
                                            a href=(item.href) aria-current="page" { (item.label) }
                                        } @else {
                                            a href=(item.href) { (item.label) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    div.header-tools {
                        form.lang-switch method="post" action="/language" {
                            (csrf_input(&ctx.csrf_token))
                            input type="hidden" name="next" value=(ctx.path);
                            label for="lang-select" { (l.t("Bahasa", "Language")) }
                            select id="lang-select" name="lang" {
                                option value="id" selected[l == Lang::Id] { "Bahasa Indonesia" }
                                option value="en" selected[l == Lang::En] { "English" }
                            }
                            button.secondary type="submit" { (l.t("Ganti", "Switch")) }
                        }
                        @if let Some((name, role)) = &ctx.user {
                            div.whoami {
                                span { (name) } " "
                                span.role { "(" (role) ")" }
                            }
                            form method="post" action="/logout" {
                                (csrf_input(&ctx.csrf_token))
                                button.secondary type="submit" { (l.t("Keluar", "Sign out")) }
                            }
                        } @else if ctx.path != "/login" {
                            a.button href="/login" { (l.t("Masuk", "Sign in")) }
                        }
                    }
                }
                main #main tabindex="-1" {
                    @if let Some(flash) = &ctx.flash {
                        (flash_box(l, flash))
                    }
                    (body)
                }
                footer.site-footer {
                    p {
                        "Harmoni · "
                        (l.t("Sistem penyelesaian perselisihan hubungan industrial", "Industrial-relations case system"))
                    }
                }
            }
        }
    }
}

fn flash_box(l: Lang, flash: &Flash) -> Markup {
    let (class, prefix) = match flash.kind {
        FlashKind::Success => ("flash success", l.t("Berhasil:", "Done:")),
        FlashKind::Info => ("flash info", l.t("Info:", "Note:")),
        FlashKind::Warning => ("flash warning", l.t("Perhatian:", "Warning:")),
    };
    html! {
        div class=(class) role="status" {
            strong { (prefix) } " " (flash.text)
        }
    }
}
