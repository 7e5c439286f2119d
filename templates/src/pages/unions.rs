//! The union register (SP/SB): list, form, and a union's page with its companies.

use maud::{html, Markup};

use crate::components::{badge, csrf_input, error_summary, pager, text_field, Field, FormErrors, Tone};
use crate::{page, PageCtx};

#[derive(Debug, Clone)]
pub struct UnionRowView {
    pub id: String,
    pub name: String,
    pub federation: String,
    pub registration: String,
    pub members: i32,
    pub active: bool,
}

#[derive(Debug, Clone, Default)]
pub struct UnionListView {
    pub rows: Vec<UnionRowView>,
    pub q: String,
    pub can_register: bool,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

pub fn union_list_page(ctx: &PageCtx, v: &UnionListView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Serikat pekerja/serikat buruh", "Trade unions");
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            @if v.can_register { p.actions { a.button href="/serikat/baru" { (l.t("Catat serikat", "Record a union")) } } }
            form.filters method="get" action="/serikat" role="search" {
                (text_field(&Field::new("q", l.t("Nama serikat", "Union name")).kind("search").value(&v.q), &FormErrors::default()))
                div.field { button type="submit" { (l.t("Tampilkan", "Show")) } }
            }
            div.table-wrap {
                table {
                    caption.visually-hidden { (title) }
                    thead { tr {
                        th scope="col" { (l.t("Nama", "Name")) }
                        th scope="col" { (l.t("Federasi", "Federation")) }
                        th scope="col" { (l.t("Nomor pencatatan", "Registration")) }
                        th scope="col" { (l.t("Anggota", "Members")) }
                        th scope="col" { (l.t("Status", "Status")) }
                    } }
                    tbody {
                        @if v.rows.is_empty() { tr { td colspan="5" { (l.t("Belum ada serikat yang cocok.", "No matching unions.")) } } }
                        @for r in &v.rows {
                            tr {
                                td { a href={ "/serikat/" (r.id) } { (r.name) } }
                                td { (r.federation) }
                                td { (r.registration) }
                                td { (r.members) }
                                td { @if r.active { (badge(Tone::Good, l.t("aktif", "active"))) } @else { (badge(Tone::Neutral, l.t("bubar", "dissolved"))) } }
                            }
                        }
                    }
                }
            }
            (pager(l, &format!("/serikat?q={}", v.q), v.page, v.per_page, v.total))
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct UnionFormView {
    pub id: Option<String>,
    pub values: Vec<(String, String)>,
    pub errors: FormErrors,
}

impl UnionFormView {
    fn get(&self, key: &str) -> &str {
        self.values.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
    }
}

pub fn union_form_page(ctx: &PageCtx, v: &UnionFormView) -> Markup {
    let l = ctx.lang;
    let title =
        if v.id.is_some() { l.t("Ubah data serikat", "Edit union") } else { l.t("Catat serikat", "Record a union") };
    let action = match &v.id {
        Some(id) => format!("/serikat/{id}"),
        None => "/serikat".to_string(),
    };
    let e = &v.errors;
    page(
        ctx,
        title,
        html! {
            div.narrow {
                h1 { (title) }
                (error_summary(l, e))
                form method="post" action=(action) novalidate {
                    (csrf_input(&ctx.csrf_token))
                    (text_field(&Field::new("name", l.t("Nama serikat", "Union name")).value(v.get("name")).hint(l.t("Misalnya: PUK SPAMK FSPMI PT Sinar Jaya", "For example: PUK SPAMK FSPMI PT Sinar Jaya")).required(), e))
                    (text_field(&Field::new("federation", l.t("Federasi/konfederasi", "Federation")).value(v.get("federation")), e))
                    (text_field(&Field::new("registration_number", l.t("Nomor bukti pencatatan di Disnaker", "Registration number at the Disnaker")).value(v.get("registration_number")).required(), e))
                    (text_field(&Field::new("registered_on", l.t("Tanggal pencatatan", "Registered on")).kind("date").value(v.get("registered_on")).required(), e))
                    (text_field(&Field::new("member_count", l.t("Jumlah anggota", "Members")).kind("number").value(v.get("member_count")).required(), e))
                    (text_field(&Field::new("chair_name", l.t("Ketua", "Chair")).value(v.get("chair_name")).required(), e))
                    (text_field(&Field::new("secretary_name", l.t("Sekretaris", "Secretary")).value(v.get("secretary_name")).required(), e))
                    (text_field(&Field::new("treasurer_name", l.t("Bendahara", "Treasurer")).value(v.get("treasurer_name")), e))
                    @if v.id.is_some() {
                        (crate::components::select_field("status", l.t("Status", "Status"), &[("active".into(), l.t("Aktif", "Active").into()), ("dissolved".into(), l.t("Bubar", "Dissolved").into())], v.get("status"), e))
                    }
                    div.actions {
                        button type="submit" { (l.t("Simpan", "Save")) }
                        a href={ "/serikat" @if let Some(id) = &v.id { "/" (id) } } { (l.t("Batal", "Cancel")) }
                    }
                }
            }
        },
    )
}

#[derive(Debug, Clone)]
pub struct UnionCompanyView {
    pub company_id: String,
    pub company_name: String,
    pub nib: String,
    pub members: i32,
}

#[derive(Debug, Clone, Default)]
pub struct UnionDetailView {
    pub id: String,
    pub name: String,
    pub facts: Vec<(String, String)>,
    pub active: bool,
    pub can_edit: bool,
    pub companies: Vec<UnionCompanyView>,
    pub nib: String,
    pub members: String,
    pub errors: FormErrors,
}

pub fn union_detail_page(ctx: &PageCtx, v: &UnionDetailView) -> Markup {
    let l = ctx.lang;
    page(
        ctx,
        &v.name,
        html! {
            p { a href="/serikat" { "← " (l.t("Semua serikat", "All unions")) } }
            h1 { (v.name) " " @if v.active { (badge(Tone::Good, l.t("aktif", "active"))) } @else { (badge(Tone::Neutral, l.t("bubar", "dissolved"))) } }
            @if v.can_edit { p.actions { a.button.secondary href={ "/serikat/" (v.id) "/ubah" } { (l.t("Ubah data", "Edit")) } } }
            dl.facts { @for (k, val) in &v.facts { dt { (k) } dd { (val) } } }
            h2 { (l.t("Perusahaan tempat serikat beranggota", "Companies where it has members")) }
            ul {
                @if v.companies.is_empty() { li { (l.t("Belum ada.", "None yet.")) } }
                @for c in &v.companies {
                    li {
                        a href={ "/perusahaan/" (c.company_id) } { (c.company_name) } " (NIB " (c.nib) "): " (c.members) " " (l.t("anggota", "members"))
                        @if v.can_edit {
                            " "
                            form.inline method="post" action={ "/serikat/" (v.id) "/perusahaan/" (c.company_id) "/hapus" } {
                                (csrf_input(&ctx.csrf_token))
                                button.secondary type="submit" { (l.t("Lepas", "Remove")) span.visually-hidden { " " (c.company_name) } }
                            }
                        }
                    }
                }
            }
            @if v.can_edit {
                section.panel.narrow {
                    h3 { (l.t("Catat anggota di perusahaan", "Record members at a company")) }
                    (error_summary(l, &v.errors))
                    form method="post" action={ "/serikat/" (v.id) "/perusahaan" } novalidate {
                        (csrf_input(&ctx.csrf_token))
                        (text_field(&Field::new("nib", l.t("NIB perusahaan", "Company NIB")).value(&v.nib).required(), &v.errors))
                        (text_field(&Field::new("members", l.t("Jumlah anggota di perusahaan itu", "Members at that company")).kind("number").value(&v.members).required(), &v.errors))
                        button type="submit" { (l.t("Simpan", "Save")) }
                    }
                }
            }
        },
    )
}
