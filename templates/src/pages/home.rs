//! The public landing page and the signed-in home page.

use maud::{html, Markup};

use crate::{page, PageCtx};

pub fn landing_page(ctx: &PageCtx) -> Markup {
    let l = ctx.lang;
    let title = l.t("Selamat datang di Harmoni", "Welcome to Harmoni");
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p.lead { (l.t(
                "Harmoni adalah sistem layanan hubungan industrial: pengaduan perselisihan, mediasi, pengesahan peraturan perusahaan, pendaftaran perjanjian kerja bersama, dan catatan tata kelola kerja yang layak.",
                "Harmoni is the industrial-relations service: dispute complaints, mediation, ratification of company regulations, registration of collective agreements, and records of decent work governance."
            )) }
            p { (ctx.office_name) }
            p.actions {
                a.button href="/login" { (l.t("Masuk", "Sign in")) }
                a.button.secondary href="/daftar" { (l.t("Daftar akun pekerja", "Create a worker account")) }
            }
            p.hint { (l.t(
                "Pekerja dan pengurus serikat pekerja dapat mendaftar sendiri untuk mengajukan pengaduan secara daring.",
                "Workers and union officers can sign up themselves to file a complaint online."
            )) }
        },
    )
}

/// A shortcut on the home page.
#[derive(Debug, Clone)]
pub struct Card {
    pub href: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct HomeView {
    pub full_name: String,
    pub role_label: String,
    pub cards: Vec<Card>,
}

pub fn home_page(ctx: &PageCtx, v: &HomeView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Beranda", "Home");
    page(
        ctx,
        title,
        html! {
            h1 { (l.t("Selamat datang", "Welcome")) ", " (v.full_name) }
            p.lead { (v.role_label) " · " (ctx.office_name) }
            div.cards {
                @for card in &v.cards {
                    section.panel {
                        h2 { a href=(card.href) { (card.title) } }
                        p { (card.text) }
                    }
                }
            }
        },
    )
}
