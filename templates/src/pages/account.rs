//! The user's own account: profile, language, password change, personal API tokens.

use maud::{html, Markup};

use crate::components::{badge, csrf_input, error_summary, select_field, text_field, Field, FormErrors, Tone};
use crate::{page, Lang, PageCtx};

#[derive(Debug, Clone)]
pub struct AccountView {
    pub email: String,
    pub full_name: String,
    pub role_label: String,
    pub language: Lang,
    pub min_length: usize,
    pub errors: FormErrors,
}

pub fn account_page(ctx: &PageCtx, v: &AccountView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Akun saya", "My account");
    let languages = vec![("id".to_string(), "Bahasa Indonesia".to_string()), ("en".to_string(), "English".to_string())];
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            dl.facts {
                dt { (l.t("Nama", "Name")) } dd { (v.full_name) }
                dt { (l.t("Email", "Email")) } dd { (v.email) }
                dt { (l.t("Peran", "Role")) } dd { (v.role_label) }
                dt { (l.t("Kantor", "Office")) } dd { (ctx.office_name) }
            }
            p { a href="/account/tokens" { (l.t("Token API pribadi", "Personal API tokens")) } }
            section.panel.narrow {
                h2 { (l.t("Bahasa tampilan", "Display language")) }
                form method="post" action="/account/language" {
                    (csrf_input(&ctx.csrf_token))
                    (select_field("language", l.t("Bahasa", "Language"), &languages, v.language.code(), &FormErrors::default()))
                    button type="submit" { (l.t("Simpan bahasa", "Save language")) }
                }
            }
            section.panel.narrow {
                h2 #password { (l.t("Ganti kata sandi", "Change password")) }
                (error_summary(l, &v.errors))
                form method="post" action="/account/password" novalidate {
                    (csrf_input(&ctx.csrf_token))
                    input type="hidden" name="email" value=(v.email) autocomplete="username";
                    (text_field(&Field::new("current_password", l.t("Kata sandi saat ini", "Current password")).kind("password").autocomplete("current-password").required(), &v.errors))
                    (text_field(&Field::new("password", l.t("Kata sandi baru", "New password")).kind("password").autocomplete("new-password")
                        .hint(&format!("{} {} {}", l.t("Minimal", "At least"), v.min_length, l.t("karakter; kata sandi umum ditolak.", "characters; common passwords are refused."))).required(), &v.errors))
                    (text_field(&Field::new("password_confirm", l.t("Ulangi kata sandi baru", "Repeat the new password")).kind("password").autocomplete("new-password").required(), &v.errors))
                    button type="submit" { (l.t("Ganti kata sandi", "Change password")) }
                }
            }
        },
    )
}

#[derive(Debug, Clone)]
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub prefix: String,
    pub created: String,
    pub last_used: Option<String>,
    pub expires: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Default)]
pub struct TokensView {
    pub tokens: Vec<TokenRow>,
    /// The secret of a token just created: shown exactly once.
    pub new_secret: Option<String>,
    pub name: String,
    pub expires_days: String,
    pub errors: FormErrors,
}

pub fn tokens_page(ctx: &PageCtx, v: &TokensView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Token API pribadi", "Personal API tokens");
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (l.t(
                "Token API dipakai program lain untuk mengakses Harmoni atas nama Anda, dengan hak yang sama dengan akun Anda. Kirim sebagai header Authorization: Bearer <token>.",
                "An API token lets another program use Harmoni on your behalf, with the same rights as your account. Send it as the header Authorization: Bearer <token>."
            )) }
            @if let Some(secret) = &v.new_secret {
                div.panel role="status" {
                    h2 { (l.t("Token baru", "New token")) }
                    p { strong { (l.t("Salin sekarang: token ini hanya ditampilkan sekali.", "Copy it now: this token is shown only once.")) } }
                    p.secret { (secret) }
                }
            }
            section.panel.narrow {
                h2 { (l.t("Buat token", "Create a token")) }
                (error_summary(l, &v.errors))
                form method="post" action="/account/tokens" novalidate {
                    (csrf_input(&ctx.csrf_token))
                    (text_field(&Field::new("name", l.t("Nama token", "Token name")).value(&v.name).hint(l.t("Misalnya: laporan bulanan", "For example: monthly report")).required(), &v.errors))
                    (text_field(&Field::new("expires_days", l.t("Berlaku (hari)", "Valid for (days)")).kind("number").value(&v.expires_days).hint(l.t("1 sampai 365; kosongkan untuk tanpa batas.", "1 to 365; leave empty for no expiry.")), &v.errors))
                    button type="submit" { (l.t("Buat token", "Create token")) }
                }
            }
            div.table-wrap {
                table {
                    caption { (l.t("Token Anda", "Your tokens")) }
                    thead { tr {
                        th scope="col" { (l.t("Nama", "Name")) }
                        th scope="col" { (l.t("Awalan", "Prefix")) }
                        th scope="col" { (l.t("Dibuat", "Created")) }
                        th scope="col" { (l.t("Terakhir dipakai", "Last used")) }
                        th scope="col" { (l.t("Kedaluwarsa", "Expires")) }
                        th scope="col" { (l.t("Status", "Status")) }
                        th scope="col" { span.visually-hidden { (l.t("Tindakan", "Actions")) } }
                    } }
                    tbody {
                        @if v.tokens.is_empty() {
                            tr { td colspan="7" { (l.t("Belum ada token.", "No tokens yet.")) } }
                        }
                        @for t in &v.tokens {
                            tr {
                                td { (t.name) }
                                td { code { (t.prefix) "…" } }
                                td { (t.created) }
                                td { (t.last_used.as_deref().unwrap_or("-")) }
                                td { (t.expires.as_deref().unwrap_or(l.t("tanpa batas", "never"))) }
                                td { @if t.active { (badge(Tone::Good, l.t("aktif", "active"))) } @else { (badge(Tone::Neutral, l.t("dicabut atau kedaluwarsa", "revoked or expired"))) } }
                                td {
                                    @if t.active {
                                        form method="post" action={ "/account/tokens/" (t.id) "/revoke" } {
                                            (csrf_input(&ctx.csrf_token))
                                            button.danger type="submit" { (l.t("Cabut", "Revoke")) span.visually-hidden { " " (t.name) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
