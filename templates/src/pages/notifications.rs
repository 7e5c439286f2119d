//! The user's inbox of notices, and the administrators' outbox with delivery evidence.

use maud::{html, Markup};

use crate::components::{badge, csrf_input, pager, select_field, FormErrors, Tone};
use crate::{page, Lang, PageCtx};

#[derive(Debug, Clone)]
pub struct NoticeView {
    pub id: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub created: String,
    pub read: bool,
}

#[derive(Debug, Clone, Default)]
pub struct InboxView {
    pub notices: Vec<NoticeView>,
    pub unread: i64,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

pub fn inbox_page(ctx: &PageCtx, v: &InboxView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Kotak masuk", "Inbox");
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (l.t(
                "Setiap pemberitahuan yang dikirim ke email Anda juga tersimpan di sini.",
                "Every notice sent to your email is also kept here."
            )) " " (v.unread) " " (l.t("belum dibaca.", "unread.")) }
            @if v.unread > 0 {
                form method="post" action="/inbox/read-all" {
                    (csrf_input(&ctx.csrf_token))
                    button.secondary type="submit" { (l.t("Tandai semua sudah dibaca", "Mark all as read")) }
                }
            }
            @if v.notices.is_empty() { p { (l.t("Belum ada pemberitahuan.", "No notices yet.")) } }
            ul.notices {
                @for n in &v.notices {
                    li class={ "notice panel" @if !n.read { " unread" } } {
                        h2 {
                            @if !n.read { (badge(Tone::Warn, l.t("baru", "new"))) " " }
                            (n.title)
                        }
                        p.hint { (n.created) }
                        p { (n.body) }
                        div.actions {
                            @if let Some(link) = &n.link { a href=(link) { (l.t("Buka", "Open")) } }
                            @if !n.read {
                                form method="post" action={ "/inbox/" (n.id) "/read" } {
                                    (csrf_input(&ctx.csrf_token))
                                    button.secondary type="submit" { (l.t("Tandai sudah dibaca", "Mark as read")) span.visually-hidden { ": " (n.title) } }
                                }
                            }
                        }
                    }
                }
            }
            (pager(l, "/inbox?", v.page, v.per_page, v.total))
        },
    )
}

fn status_badge(l: Lang, status: &str) -> Markup {
    let (tone, text) = match status {
        "pending" => (Tone::Neutral, l.t("menunggu", "pending")),
        "sending" => (Tone::Neutral, l.t("sedang dikirim", "sending")),
        "sent" => (Tone::Good, l.t("terkirim", "sent")),
        "failed" => (Tone::Bad, l.t("gagal", "failed")),
        "cancelled" => (Tone::Warn, l.t("dibatalkan", "cancelled")),
        other => (Tone::Neutral, other),
    };
    badge(tone, text)
}

#[derive(Debug, Clone)]
pub struct OutboxRowView {
    pub id: String,
    pub queued: String,
    pub recipient: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct OutboxListView {
    pub rows: Vec<OutboxRowView>,
    pub status: String,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

pub fn outbox_page(ctx: &PageCtx, v: &OutboxListView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Kotak keluar email", "Email outbox");
    let statuses: Vec<(String, String)> = [
        ("", l.t("Semua status", "All statuses")),
        ("pending", l.t("Menunggu", "Pending")),
        ("sending", l.t("Sedang dikirim", "Sending")),
        ("sent", l.t("Terkirim", "Sent")),
        ("failed", l.t("Gagal", "Failed")),
        ("cancelled", l.t("Dibatalkan", "Cancelled")),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            form.filters method="get" action="/admin/outbox" role="search" {
                (select_field("status", l.t("Status", "Status"), &statuses, &v.status, &FormErrors::default()))
                div.field { button type="submit" { (l.t("Tampilkan", "Show")) } }
            }
            div.table-wrap {
                table {
                    thead { tr {
                        th scope="col" { (l.t("Diantrekan", "Queued")) }
                        th scope="col" { (l.t("Penerima", "Recipient")) }
                        th scope="col" { (l.t("Perihal", "Subject")) }
                        th scope="col" { (l.t("Status", "Status")) }
                        th scope="col" { (l.t("Percobaan", "Attempts")) }
                    } }
                    tbody {
                        @if v.rows.is_empty() { tr { td colspan="5" { (l.t("Tidak ada pesan.", "No messages.")) } } }
                        @for r in &v.rows {
                            tr {
                                td { a href={ "/admin/outbox/" (r.id) } { (r.queued) } }
                                td { (r.recipient) }
                                td { (r.subject) }
                                td { (status_badge(l, &r.status)) @if let Some(e) = &r.last_error { br; small { (e) } } }
                                td { (r.attempts) }
                            }
                        }
                    }
                }
            }
            (pager(l, &format!("/admin/outbox?status={}", v.status), v.page, v.per_page, v.total))
        },
    )
}

#[derive(Debug, Clone)]
pub struct AttemptView {
    pub at: String,
    pub outcome: String,
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct OutboxDetailView {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub template: String,
    pub message_id: String,
    pub status: String,
    pub queued: String,
    pub sent: Option<String>,
    pub server_response: Option<String>,
    pub last_error: Option<String>,
    pub next_attempt: Option<String>,
    pub concerns: Option<String>,
    pub body_text: String,
    pub attempts: Vec<AttemptView>,
}

pub fn outbox_detail_page(ctx: &PageCtx, v: &OutboxDetailView) -> Markup {
    let l = ctx.lang;
    page(
        ctx,
        &v.subject,
        html! {
            p { a href="/admin/outbox" { "← " (l.t("Kotak keluar", "Outbox")) } }
            h1 { (v.subject) }
            dl.facts {
                dt { (l.t("Penerima", "Recipient")) } dd { (v.recipient) }
                dt { (l.t("Status", "Status")) } dd { (status_badge(l, &v.status)) }
                dt { (l.t("Diantrekan", "Queued")) } dd { (v.queued) }
                @if let Some(t) = &v.sent { dt { (l.t("Diterima server", "Accepted by the server")) } dd { (t) } }
                @if let Some(r) = &v.server_response { dt { (l.t("Jawaban server", "Server response")) } dd { code { (r) } } }
                @if let Some(e) = &v.last_error { dt { (l.t("Kesalahan terakhir", "Last error")) } dd { code { (e) } } }
                @if let Some(t) = &v.next_attempt { dt { (l.t("Percobaan berikutnya", "Next attempt")) } dd { (t) } }
                @if let Some(c) = &v.concerns { dt { (l.t("Terkait", "Concerns")) } dd { (c) } }
                dt { (l.t("Templat", "Template")) } dd { code { (v.template) } }
                dt { "Message-ID" } dd { code { (v.message_id) } }
            }
            div.actions {
                @if v.status == "failed" || v.status == "cancelled" {
                    form method="post" action={ "/admin/outbox/" (v.id) "/retry" } {
                        (csrf_input(&ctx.csrf_token))
                        button type="submit" { (l.t("Kirim ulang", "Retry")) }
                    }
                }
                @if v.status == "pending" || v.status == "failed" {
                    form method="post" action={ "/admin/outbox/" (v.id) "/cancel" } {
                        (csrf_input(&ctx.csrf_token))
                        button.danger type="submit" { (l.t("Batalkan", "Cancel")) }
                    }
                }
            }
            h2 { (l.t("Bukti pengiriman", "Delivery evidence")) }
            div.table-wrap {
                table {
                    thead { tr {
                        th scope="col" { (l.t("Waktu", "Time")) }
                        th scope="col" { (l.t("Hasil", "Outcome")) }
                        th scope="col" { (l.t("Keterangan", "Detail")) }
                    } }
                    tbody {
                        tr { td { (v.queued) } td { (l.t("diantrekan", "queued")) } td { "" } }
                        @for a in &v.attempts { tr { td { (a.at) } td { (a.outcome) } td { code { (a.detail) } } } }
                    }
                }
            }
            h2 { (l.t("Isi pesan", "Message text")) }
            pre.message { (v.body_text) }
        },
    )
}
