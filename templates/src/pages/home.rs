//! The public landing page and the signed-in home page.

use maud::{html, Markup};

use crate::components::{badge, Tone};
use crate::pages::reports::{bar_chart, Chart};
use crate::{page, Lang, PageCtx};

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
    /// Leadership opens on the indicator and the overdue cases.
    pub leadership: Option<LeadershipView>,
}

/// The head of division's first look: the indicator against its target and what is overdue.
#[derive(Debug, Clone)]
pub struct LeadershipView {
    pub as_of: String,
    pub percent: String,
    pub target: String,
    pub target_met: Option<bool>,
    /// (criterion, share text, percent) of each criterion.
    pub criteria: Vec<crate::pages::reports::Bar>,
    /// (case label, href, company, deadline, due, days late, mediator).
    pub overdue: Vec<OverdueCase>,
}

#[derive(Debug, Clone)]
pub struct OverdueCase {
    pub label: String,
    pub href: String,
    pub company: String,
    pub deadline: String,
    pub due: String,
    pub days_late: i64,
    pub mediator: String,
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
            @if let Some(ld) = &v.leadership { (leadership(l, ld)) }
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

fn leadership(l: Lang, v: &LeadershipView) -> Markup {
    let chart = Chart {
        title: l.t("Bagian perusahaan yang memenuhi tiap kriteria", "Share of companies meeting each criterion").into(),
        bars: v.criteria.clone(),
        target: None,
        table_slug: "/laporan/tata-kelola#kriteria".into(),
    };
    html! {
        section.panel.leadership aria-labelledby="indikator" {
            h2 id="indikator" { a href="/laporan/tata-kelola" { (l.t("Tata kelola kerja layak", "Decent work governance")) } }
            p {
                strong.big { (v.percent) } " "
                (l.t("perusahaan memenuhi keempat kriteria per", "of companies meet all four criteria as of")) " " (v.as_of) ". "
                (l.t("Target tahun ini", "This year's target")) ": " (v.target) " "
                @match v.target_met {
                    Some(true) => (badge(Tone::Good, l.t("tercapai", "met"))),
                    Some(false) => (badge(Tone::Warn, l.t("belum tercapai", "not yet met"))),
                    None => {},
                }
            }
            (bar_chart(l, &chart, "home-criteria"))
        }
        section.panel aria-labelledby="terlambat" {
            h2 id="terlambat" { (l.t("Perkara melewati tenggat", "Cases past a deadline")) " (" (v.overdue.len()) ")" }
            @if v.overdue.is_empty() {
                p { (badge(Tone::Good, l.t("Tidak ada tenggat yang terlewati.", "No deadline has passed."))) }
            } @else {
                div.table-scroll { table.stacked {
                    thead { tr {
                        th scope="col" { (l.t("Perkara", "Case")) }
                        th scope="col" { (l.t("Perusahaan", "Company")) }
                        th scope="col" { (l.t("Tenggat", "Deadline")) }
                        th scope="col" { (l.t("Jatuh tempo", "Due")) }
                        th scope="col" { (l.t("Terlambat", "Late")) }
                        th scope="col" { (l.t("Mediator", "Mediator")) }
                    } }
                    tbody { @for c in &v.overdue { tr {
                        td data-label=(l.t("Perkara", "Case")) { a href=(c.href) { (c.label) } }
                        td data-label=(l.t("Perusahaan", "Company")) { (c.company) }
                        td data-label=(l.t("Tenggat", "Deadline")) { (c.deadline) }
                        td data-label=(l.t("Jatuh tempo", "Due")) { (c.due) }
                        td data-label=(l.t("Terlambat", "Late")) { (badge(Tone::Bad, &format!("{} {}", c.days_late, l.t("hari kerja", "working days")))) }
                        td data-label=(l.t("Mediator", "Mediator")) { (c.mediator) }
                    } } }
                } }
                p { a href="/laporan/sengketa#terlambat" { (l.t("Semua tenggat di laporan perselisihan", "All deadlines in the disputes report")) } }
            }
        }
    }
}
