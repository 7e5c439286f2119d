//! The audit trail: who did what to which record, when; filterable by admins.

use maud::{html, Markup};

use crate::components::{pager, select_field, text_field, Field, FormErrors};
use crate::{page, Lang, PageCtx};

#[derive(Debug, Clone)]
pub struct AuditRow {
    pub occurred: String,
    pub actor: String,
    pub role: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub summary: String,
}

pub fn audit_table(l: Lang, rows: &[AuditRow]) -> Markup {
    html! {
        div.table-wrap {
            table {
                caption.visually-hidden { (l.t("Jejak audit", "Audit trail")) }
                thead { tr {
                    th scope="col" { (l.t("Waktu", "Time")) }
                    th scope="col" { (l.t("Pelaku", "Actor")) }
                    th scope="col" { (l.t("Tindakan", "Action")) }
                    th scope="col" { (l.t("Data", "Record")) }
                    th scope="col" { (l.t("Keterangan", "Description")) }
                } }
                tbody {
                    @if rows.is_empty() {
                        tr { td colspan="5" { (l.t("Tidak ada catatan.", "No entries.")) } }
                    }
                    @for r in rows {
                        tr {
                            td { (r.occurred) }
                            td { (r.actor) br; small { (r.role) } }
                            td { code { (r.action) } }
                            td { (r.entity_type) br; small { code { (r.entity_id) } } }
                            td { (r.summary) }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct AuditListView {
    pub rows: Vec<AuditRow>,
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub from: String,
    pub to: String,
    pub action_options: Vec<String>,
    pub entity_options: Vec<String>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub query_string: String,
    pub errors: FormErrors,
}

pub fn audit_page(ctx: &PageCtx, v: &AuditListView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Jejak audit", "Audit trail");
    let all = |label: &str, opts: &[String]| {
        let mut v = vec![(String::new(), label.to_string())];
        v.extend(opts.iter().map(|o| (o.clone(), o.clone())));
        v
    };
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (l.t(
                "Setiap perubahan data dicatat di sini dan tidak dapat diubah atau dihapus.",
                "Every change to the records is written here and cannot be changed or deleted."
            )) }
            (crate::components::error_summary(l, &v.errors))
            form.filters method="get" action="/admin/audit" role="search" {
                (text_field(&Field::new("actor", l.t("Pelaku (nama atau email)", "Actor (name or email)")).kind("search").value(&v.actor), &v.errors))
                (select_field("action", l.t("Tindakan", "Action"), &all(l.t("Semua tindakan", "All actions"), &v.action_options), &v.action, &v.errors))
                (select_field("entity_type", l.t("Jenis data", "Record type"), &all(l.t("Semua jenis", "All types"), &v.entity_options), &v.entity_type, &v.errors))
                (text_field(&Field::new("entity_id", l.t("ID data", "Record id")).value(&v.entity_id), &v.errors))
                (text_field(&Field::new("from", l.t("Dari tanggal", "From date")).kind("date").value(&v.from), &v.errors))
                (text_field(&Field::new("to", l.t("Sampai tanggal", "To date")).kind("date").value(&v.to), &v.errors))
                div.field { button type="submit" { (l.t("Tampilkan", "Show")) } }
            }
            (audit_table(l, &v.rows))
            (pager(l, &format!("/admin/audit?{}", v.query_string), v.page, v.per_page, v.total))
        },
    )
}
