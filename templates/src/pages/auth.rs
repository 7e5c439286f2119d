//! Sign-in, first-administrator setup, and the set-password page behind invitation and reset links.

use maud::{html, Markup};

use crate::components::{csrf_input, error_summary, text_field, Field, FormErrors};
use crate::{page, PageCtx};

#[derive(Debug, Clone, Default)]
pub struct LoginView {
    pub email: String,
    pub next: String,
    pub errors: FormErrors,
    /// The password was right but the email is not verified yet: offer a new link.
    pub unverified: bool,
}

pub fn login_page(ctx: &PageCtx, v: &LoginView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Masuk ke Harmoni", "Sign in to Harmoni");
    page(
        ctx,
        title,
        html! {
            div.narrow {
                h1 { (title) }
                (error_summary(l, &v.errors))
                form method="post" action="/login" novalidate {
                    (csrf_input(&ctx.csrf_token))
                    input type="hidden" name="next" value=(v.next);
                    (text_field(&Field::new("email", l.t("Alamat email", "Email address")).kind("email").value(&v.email).autocomplete("username").required(), &v.errors))
                    (text_field(&Field::new("password", l.t("Kata sandi", "Password")).kind("password").autocomplete("current-password").required(), &v.errors))
                    button type="submit" { (l.t("Masuk", "Sign in")) }
                }
                @if v.unverified {
                    form.actions method="post" action="/daftar/kirim-ulang" {
                        (csrf_input(&ctx.csrf_token))
                        input type="hidden" name="email" value=(v.email);
                        button.secondary type="submit" { (l.t("Kirim ulang email verifikasi", "Send the verification email again")) }
                    }
                }
                p { (l.t("Belum punya akun?", "No account yet?")) " " a href="/daftar" { (l.t("Daftar sebagai pekerja", "Sign up as a worker")) } }
                p.hint {
                    (l.t(
                        "Lupa kata sandi? Hubungi administrator kantor Anda untuk tautan atur ulang kata sandi.",
                        "Forgot your password? Ask your office's administrator for a password reset link."
                    ))
                }
            }
        },
    )
}

/// Which one-time link brought the user here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    SetupAdmin,
    Invite,
    Reset,
}

#[derive(Debug, Clone)]
pub struct SetPasswordView {
    pub kind: LinkKind,
    pub token: String,
    /// The account's email (invite, reset) or what was typed (first administrator).
    pub email: String,
    pub full_name: String,
    pub min_length: usize,
    pub errors: FormErrors,
}

pub fn set_password_page(ctx: &PageCtx, v: &SetPasswordView) -> Markup {
    let l = ctx.lang;
    let title = match v.kind {
        LinkKind::SetupAdmin => l.t("Siapkan administrator pertama", "Set up the first administrator"),
        LinkKind::Invite => l.t("Aktifkan akun Anda", "Activate your account"),
        LinkKind::Reset => l.t("Atur ulang kata sandi", "Reset your password"),
    };
    let min = v.min_length.to_string();
    let hint_id = format!(
        "{} {} {}",
        l.t("Minimal", "At least"),
        min,
        l.t(
            "karakter. Gunakan kalimat yang mudah Anda ingat tetapi sulit ditebak orang lain; kata sandi umum ditolak.",
            "characters. Use a phrase you remember that others cannot guess; common passwords are refused."
        )
    );
    page(
        ctx,
        title,
        html! {
            div.narrow {
                h1 { (title) }
                (error_summary(l, &v.errors))
                @if v.kind == LinkKind::SetupAdmin {
                    p.lead { (l.t(
                        "Belum ada administrator. Akun yang Anda buat di sini mengelola pengguna, pengaturan dan jejak audit kantor.",
                        "There is no administrator yet. The account you create here manages the office's users, settings and audit trail."
                    )) }
                } @else {
                    p { (l.t("Akun", "Account")) ": " strong { (v.email) } }
                }
                form method="post" action={ "/link/" (v.token) } novalidate {
                    (csrf_input(&ctx.csrf_token))
                    @if v.kind == LinkKind::SetupAdmin {
                        (text_field(&Field::new("email", l.t("Alamat email", "Email address")).kind("email").value(&v.email).autocomplete("username").required(), &v.errors))
                        (text_field(&Field::new("full_name", l.t("Nama lengkap", "Full name")).value(&v.full_name).autocomplete("name").required(), &v.errors))
                    } @else {
                        input type="hidden" name="email" value=(v.email) autocomplete="username";
                    }
                    (text_field(&Field::new("password", l.t("Kata sandi baru", "New password")).kind("password").autocomplete("new-password").hint(&hint_id).required(), &v.errors))
                    (text_field(&Field::new("password_confirm", l.t("Ulangi kata sandi baru", "Repeat the new password")).kind("password").autocomplete("new-password").required(), &v.errors))
                    button type="submit" { (l.t("Simpan kata sandi", "Save password")) }
                }
            }
        },
    )
}

pub fn link_invalid_page(ctx: &PageCtx) -> Markup {
    let l = ctx.lang;
    let title = l.t("Tautan tidak berlaku", "This link is not valid");
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p.lead { (l.t(
                "Tautan ini sudah dipakai, sudah kedaluwarsa, atau tidak dikenal. Mintalah tautan baru kepada administrator kantor.",
                "This link was already used, has expired, or is unknown. Ask the office's administrator for a new one."
            )) }
            p { a href="/login" { (l.t("Ke halaman masuk", "Go to sign in")) } }
        },
    )
}
