//! The front door: a public landing page for visitors, a role-aware home page for users.

use actix_web::{get, web, HttpResponse};
use harmoni_templates::pages::home::{home_page, landing_page, Card, HomeView};

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
    let view = HomeView { full_name: actor.full_name.clone(), role_label: actor.role.label(l).to_string(), cards };
    html(home_page(&p, &view))
}
