//! The error page: what happened, what to do, and the request id to quote to the helpdesk.

use maud::{html, Markup};

use crate::{page, PageCtx};

pub fn error_page(ctx: &PageCtx, status: u16, title: &str, message: &str, request_id: &str) -> Markup {
    let l = ctx.lang;
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p.lead { (message) }
            p {
                (l.t("Kode status", "Status code")) ": " (status) ". "
                (l.t("Nomor permintaan", "Request id")) ": " code { (request_id) }
            }
            p { (l.t("Sebutkan nomor permintaan ini bila menghubungi petugas.", "Quote this request id when you contact the office.")) }
            p { a href="/" { (l.t("Kembali ke beranda", "Back to the home page")) } }
        },
    )
}
