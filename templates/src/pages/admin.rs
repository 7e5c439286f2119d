//! User administration: list, create, edit, disable and enable, issue reset links.

use maud::{html, Markup};

use crate::components::{badge, csrf_input, error_summary, pager, select_field, text_field, Field, FormErrors, Tone};
use crate::pages::audit::{audit_table, AuditRow};
use crate::{page, PageCtx};

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: String,
    pub full_name: String,
    pub email: String,
    pub role_label: String,
    pub active: bool,
    pub locked: bool,
    pub activated: bool,
    pub last_login: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct UsersListView {
    pub rows: Vec<UserRow>,
    pub q: String,
    pub role: String,
    pub status: String,
    pub role_options: Vec<(String, String)>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub query_string: String,
}

pub fn users_page(ctx: &PageCtx, v: &UsersListView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Pengguna", "Users");
    let none = FormErrors::default();
    let mut roles = vec![(String::new(), l.t("Semua peran", "All roles").to_string())];
    roles.extend(v.role_options.iter().cloned());
    let statuses = vec![
        (String::new(), l.t("Semua status", "All statuses").to_string()),
        ("active".to_string(), l.t("Aktif", "Active").to_string()),
        ("disabled".to_string(), l.t("Dinonaktifkan", "Disabled").to_string()),
    ];
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p.actions { a.button href="/admin/users/new" { (l.t("Tambah pengguna", "Add a user")) } }
            form.filters method="get" action="/admin/users" role="search" {
                (text_field(&Field::new("q", l.t("Cari nama atau email", "Search name or email")).kind("search").value(&v.q), &none))
                (select_field("role", l.t("Peran", "Role"), &roles, &v.role, &none))
                (select_field("status", l.t("Status", "Status"), &statuses, &v.status, &none))
                div.field { button type="submit" { (l.t("Tampilkan", "Show")) } }
            }
            div.table-wrap {
                table {
                    caption { (l.t("Daftar pengguna kantor", "The office's users")) }
                    thead { tr {
                        th scope="col" { (l.t("Nama", "Name")) }
                        th scope="col" { (l.t("Email", "Email")) }
                        th scope="col" { (l.t("Peran", "Role")) }
                        th scope="col" { (l.t("Status", "Status")) }
                        th scope="col" { (l.t("Terakhir masuk", "Last sign-in")) }
                    } }
                    tbody {
                        @if v.rows.is_empty() {
                            tr { td colspan="5" { (l.t("Tidak ada pengguna yang cocok.", "No matching users.")) } }
                        }
                        @for r in &v.rows {
                            tr {
                                td { a href={ "/admin/users/" (r.id) } { (r.full_name) } }
                                td { (r.email) }
                                td { (r.role_label) }
                                td { (user_status(ctx, r.active, r.locked, r.activated)) }
                                td { (r.last_login.as_deref().unwrap_or("-")) }
                            }
                        }
                    }
                }
            }
            (pager(l, &format!("/admin/users?{}", v.query_string), v.page, v.per_page, v.total))
        },
    )
}

fn user_status(ctx: &PageCtx, active: bool, locked: bool, activated: bool) -> Markup {
    let l = ctx.lang;
    html! {
        @if !active { (badge(Tone::Bad, l.t("dinonaktifkan", "disabled"))) }
        @else if locked { (badge(Tone::Warn, l.t("terkunci sementara", "temporarily locked"))) }
        @else if !activated { (badge(Tone::Neutral, l.t("menunggu aktivasi", "awaiting activation"))) }
        @else { (badge(Tone::Good, l.t("aktif", "active"))) }
    }
}

#[derive(Debug, Clone, Default)]
pub struct UserFormView {
    /// None when creating a new user.
    pub id: Option<String>,
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub language: String,
    pub role_options: Vec<(String, String)>,
    pub errors: FormErrors,
}

pub fn user_form_page(ctx: &PageCtx, v: &UserFormView) -> Markup {
    let l = ctx.lang;
    let title = if v.id.is_some() { l.t("Ubah pengguna", "Edit user") } else { l.t("Tambah pengguna", "Add a user") };
    let action = match &v.id {
        Some(id) => format!("/admin/users/{id}"),
        None => "/admin/users".to_string(),
    };
    let languages = vec![("id".to_string(), "Bahasa Indonesia".to_string()), ("en".to_string(), "English".to_string())];
    page(
        ctx,
        title,
        html! {
            div.narrow {
                h1 { (title) }
                @if v.id.is_none() {
                    p { (l.t(
                        "Pengguna baru menerima tautan sekali pakai untuk membuat kata sandinya sendiri. Tidak ada kata sandi bawaan.",
                        "A new user receives a one-time link to choose their own password. There are no default passwords."
                    )) }
                }
                (error_summary(l, &v.errors))
                form method="post" action=(action) novalidate {
                    (csrf_input(&ctx.csrf_token))
                    (text_field(&Field::new("email", l.t("Alamat email", "Email address")).kind("email").value(&v.email).autocomplete("off").required(), &v.errors))
                    (text_field(&Field::new("full_name", l.t("Nama lengkap", "Full name")).value(&v.full_name).autocomplete("off").required(), &v.errors))
                    (select_field("role", l.t("Peran", "Role"), &v.role_options, &v.role, &v.errors))
                    (select_field("language", l.t("Bahasa", "Language"), &languages, &v.language, &v.errors))
                    div.actions {
                        button type="submit" { (l.t("Simpan", "Save")) }
                        a href={ "/admin/users" @if let Some(id) = &v.id { "/" (id) } } { (l.t("Batal", "Cancel")) }
                    }
                }
            }
        },
    )
}

#[derive(Debug, Clone)]
pub struct UserDetailView {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub role_label: String,
    pub language: String,
    pub active: bool,
    pub locked_until: Option<String>,
    pub activated: bool,
    pub last_login: Option<String>,
    pub created: String,
    pub is_self: bool,
    pub history: Vec<AuditRow>,
}

pub fn user_detail_page(ctx: &PageCtx, v: &UserDetailView) -> Markup {
    let l = ctx.lang;
    page(
        ctx,
        &v.full_name,
        html! {
            p { a href="/admin/users" { "← " (l.t("Semua pengguna", "All users")) } }
            h1 { (v.full_name) }
            dl.facts {
                dt { (l.t("Email", "Email")) } dd { (v.email) }
                dt { (l.t("Peran", "Role")) } dd { (v.role_label) }
                dt { (l.t("Bahasa", "Language")) } dd { (v.language) }
                dt { (l.t("Status", "Status")) } dd { (user_status(ctx, v.active, v.locked_until.is_some(), v.activated)) }
                @if let Some(until) = &v.locked_until {
                    dt { (l.t("Terkunci sampai", "Locked until")) } dd { (until) }
                }
                dt { (l.t("Terakhir masuk", "Last sign-in")) } dd { (v.last_login.as_deref().unwrap_or("-")) }
                dt { (l.t("Dibuat", "Created")) } dd { (v.created) }
            }
            div.actions {
                a.button.secondary href={ "/admin/users/" (v.id) "/edit" } { (l.t("Ubah", "Edit")) }
                form method="post" action={ "/admin/users/" (v.id) "/reset" } {
                    (csrf_input(&ctx.csrf_token))
                    button.secondary type="submit" {
                        @if v.activated { (l.t("Buat tautan atur ulang kata sandi", "Issue a password reset link")) }
                        @else { (l.t("Buat ulang tautan aktivasi", "Issue a new activation link")) }
                    }
                }
                @if !v.is_self {
                    @if v.active {
                        form method="post" action={ "/admin/users/" (v.id) "/disable" } {
                            (csrf_input(&ctx.csrf_token))
                            button.danger type="submit" { (l.t("Nonaktifkan", "Disable")) }
                        }
                    } @else {
                        form method="post" action={ "/admin/users/" (v.id) "/enable" } {
                            (csrf_input(&ctx.csrf_token))
                            button type="submit" { (l.t("Aktifkan kembali", "Enable")) }
                        }
                    }
                }
            }
            h2 { (l.t("Riwayat perubahan", "Change history")) }
            (audit_table(l, &v.history))
        },
    )
}

#[derive(Debug, Clone)]
pub struct LinkSentView {
    pub user_id: String,
    pub full_name: String,
    pub email: String,
    pub expires: String,
    /// The outbox message carrying the link, to follow its delivery.
    pub outbox_id: Option<String>,
    /// True for a first invitation, false for a password reset or a new activation link.
    pub new_user: bool,
}

/// Confirms that a one-time link went out by email; the link itself is never shown to the
/// administrator, so nobody but the user can use it.
pub fn link_sent_page(ctx: &PageCtx, v: &LinkSentView) -> Markup {
    let l = ctx.lang;
    let title = if v.new_user { l.t("Pengguna ditambahkan", "User added") } else { l.t("Tautan dikirim", "Link sent") };
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            div.flash.success role="status" {
                strong { (l.t("Berhasil:", "Done:")) } " "
                (l.t("Tautan sekali pakai untuk membuat kata sandi telah diantrekan ke email", "A one-time link to choose a password has been queued to"))
                " " strong { (v.email) } " (" (v.full_name) "). "
                (l.t("Tautan berlaku sampai", "It is valid until")) " " (v.expires) "."
            }
            p { (l.t(
                "Pengguna juga melihat pemberitahuan ini di kotak masuk Harmoni. Bila email tidak sampai, periksa status pengirimannya di kotak keluar dan kirim ulang, atau terbitkan tautan baru.",
                "The user also finds the notice in their Harmoni inbox. If the email does not arrive, check its delivery in the outbox and retry, or issue a new link."
            )) }
            div.actions {
                @if let Some(id) = &v.outbox_id { a.button.secondary href={ "/admin/outbox/" (id) } { (l.t("Lihat status pengiriman", "See delivery status")) } }
                a href={ "/admin/users/" (v.user_id) } { (l.t("Kembali ke pengguna", "Back to the user")) }
            }
        },
    )
}
