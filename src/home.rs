//! The front door: a public landing page for visitors, a role-aware home page for users.

use actix_web::{get, web, HttpResponse};
use harmoni_templates::pages::home::{home_page, landing_page, Card, HomeView, LeadershipView, OverdueCase};
use harmoni_templates::pages::reports::Bar;
use harmoni_templates::Lang;

use crate::accounts::web::{flash, MsgQuery};
use crate::accounts::Role;
use crate::http::{html, page_ctx, RequestCtx, State};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(index);
}

#[get("/")]
async fn index(state: State, ctx: RequestCtx, q: web::Query<MsgQuery>) -> HttpResponse {
    let mut p = page_ctx(&state, &ctx, "/");
    p.flash = flash(q.msg.as_deref(), ctx.lang);
    let Some(actor) = ctx.actor() else {
        return html(landing_page(&p));
    };
    let l = ctx.lang;
    let mut cards = Vec::new();
    if actor.role == Role::Admin {
        cards.push(Card {
            href: "/admin/users".into(),
            title: l.t("Pengguna", "Users").into(),
            text: l
                .t(
                    "Tambah pengguna, ubah peran, nonaktifkan akun, terbitkan tautan atur ulang kata sandi.",
                    "Add users, change roles, disable accounts, issue password reset links.",
                )
                .into(),
        });
        cards.push(Card {
            href: "/admin/audit".into(),
            title: l.t("Jejak audit", "Audit trail").into(),
            text: l
                .t(
                    "Siapa mengubah apa dan kapan, untuk setiap data kantor.",
                    "Who changed what and when, for every record of the office.",
                )
                .into(),
        });
    }
    if matches!(actor.role, Role::Pimpinan | Role::Petugas | Role::Admin | Role::Mediator) {
        cards.push(Card {
            href: "/laporan".into(),
            title: l.t("Laporan", "Reports").into(),
            text: l
                .t(
                    "Tata kelola kerja layak per tanggal, perselisihan per periode, laporan bulanan HI; unduh XLSX, CSV atau cetak.",
                    "Decent work governance as of any day, disputes per period, the monthly HI report; XLSX, CSV or print.",
                )
                .into(),
        });
    }
    if actor.role.is_staff() || actor.role == Role::Perusahaan {
        cards.push(Card {
            href: "/perusahaan".into(),
            title: if actor.role == Role::Perusahaan {
                l.t("Perusahaan saya", "My companies")
            } else {
                l.t("Perusahaan", "Companies")
            }
            .into(),
            text: l
                .t(
                    "Data perusahaan: identitas, lokasi, tenaga kerja, WLKP, narahubung dan perwakilan.",
                    "Company records: identity, location, workforce, WLKP, contacts and representatives.",
                )
                .into(),
        });
    }
    cards.push(Card {
        href: "/account".into(),
        title: l.t("Akun saya", "My account").into(),
        text: l
            .t(
                "Ganti kata sandi, bahasa tampilan, dan token API pribadi.",
                "Change your password, display language and personal API tokens.",
            )
            .into(),
    });
    let leadership = if actor.role == Role::Pimpinan {
        match leadership(&state, actor.clone(), l).await {
            Ok(v) => Some(v),
            Err(e) => {
                tracing::warn!(error = %e, "leadership figures on the home page failed");
                None
            }
        }
    } else {
        None
    };
    let view =
        HomeView { full_name: actor.full_name.clone(), role_label: actor.role.label(l).to_string(), cards, leadership };
    html(home_page(&p, &view))
}

/// The indicator today against this year's target, and the cases past a deadline.
async fn leadership(
    state: &State,
    actor: crate::accounts::Actor,
    l: Lang,
) -> Result<LeadershipView, crate::error::Error> {
    use crate::reports::{rules, service};
    let (settings, today) = (state.settings.clone(), state.today());
    let (i, d) = state
        .db
        .run(move |c| {
            let i = service::indicator(c, &actor, &settings, today, today)?;
            let period = rules::ReportPeriod::parse(None, None, None, today).map_err(crate::error::Error::Invalid)?;
            let d = service::disputes(c, &actor, &settings, &period, None, today)?;
            Ok((i, d))
        })
        .await?;
    let t = &i.total;
    let bar = |label: &str, n: i64| Bar {
        label: label.into(),
        percent: rules::percent(n, t.registered),
        text: format!("{n} / {} ({})", t.registered, rules::percent_text(rules::percent(n, t.registered))),
    };
    Ok(LeadershipView {
        as_of: l.date_long(i.as_of),
        percent: rules::percent_text(i.percent),
        target: i.target.map_or("–".into(), |v| rules::percent_text(Some(v))),
        target_met: i.percent.zip(i.target).map(|(p, v)| p >= v),
        criteria: ["all", "pp", "lks", "wage", "bpjs"]
            .iter()
            .zip([t.all, t.pp, t.lks, t.wage, t.bpjs])
            .map(|(c, n)| bar(crate::reports::views::criterion_label(l, c), n))
            .collect(),
        overdue: d
            .overdue
            .iter()
            .take(20)
            .map(|c| OverdueCase {
                label: c.case_number.clone().unwrap_or_else(|| c.case_id.clone()),
                href: format!("/kasus/{}", c.case_id),
                company: c.company_name.clone(),
                deadline: c.rule_name.clone(),
                due: l.date_long(c.due),
                days_late: -c.working_days,
                mediator: c.mediator.clone().unwrap_or_default(),
            })
            .collect(),
    })
}
