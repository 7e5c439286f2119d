//! PP ratification and PKB registration through the pages: a company sends its PP, the desk
//! corrects and approves it, the head ratifies it with a numbered decree; an external PP ending
//! after Idul Fitri 2026 is reminded 30 working days before and stops counting the day after;
//! who may open which page. On both backends.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

const PDF: &[u8] = b"%PDF-1.4\n% naskah uji\n";

async fn company(app: &TestApp, client: &Client, name: &str, nib: &str, footprint: &str) -> String {
    let body = json!({
        "name": name, "legal_form": "pt", "nib": nib, "kbli_code": "10792", "address": "Jl. Industri No. 1",
        "kecamatan_code": "32.75.09", "kelurahan": "Jatiasih", "footprint": footprint, "size_class": "menengah",
        "workers_male": "60", "workers_female": "40", "workers_pkwt": "30", "workers_pkwtt": "70",
        "workforce_reported_on": "2026-02-01", "contact_name": "Bu Ani (HRD)"
    });
    let csrf = app.csrf(client).await;
    let res =
        client.post(app.url("/api/v1/companies")).header("x-csrf-token", csrf).json(&body).send().await.expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_string()
}

async fn link(app: &TestApp, officer: &Client, company_id: &str, email: &str) {
    let csrf = app.csrf(officer).await;
    let res = officer
        .post(app.url(&format!("/api/v1/companies/{company_id}/representatives")))
        .header("x-csrf-token", csrf)
        .json(&json!({"email": email}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
}

fn id_from(res: &reqwest::Response, prefix: &str) -> String {
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    location(res).trim_start_matches(prefix).to_string()
}

async fn sweep(app: &TestApp) -> usize {
    let (settings, today, now) = (app.state.settings.clone(), app.state.today(), app.state.now());
    app.state
        .db
        .run(move |c| {
            let n = harmoni::regulations::service::sweep(c, &settings, today, now)?;
            harmoni::companies::standing::sweep(c, &settings, today)?;
            Ok(n)
        })
        .await
        .expect("sweep")
}

async fn pp_kurang(app: &TestApp, client: &Client) -> Vec<String> {
    let list: Value = app.get(client, "/api/v1/companies?kepatuhan=pp_kurang").await.json().await.expect("json");
    list["items"].as_array().expect("items").iter().map(|c| c["name"].as_str().expect("name").to_string()).collect()
}

async fn a_company_sends_its_pp_through_the_pages_and_the_head_ratifies_it(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let head = app.user("pimpinan", "kabid@bekasikota.go.id").await;
    let rep = app.user("perusahaan", "hrd@sinarlogam.co.id").await;
    let desk = app.browser_for(&officer).await;
    let cid = company(&app, &desk, "PT Sinar Logam", "9120001234567", "kota").await;
    link(&app, &desk, &cid, &rep.email).await;
    assert_eq!(pp_kurang(&app, &desk).await, ["PT Sinar Logam"], "100 workers and no PP");
    let company_client = app.browser_for(&rep).await;

    let (status, form) = app.get_text(&company_client, "/pp-pkb/baru").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("PT Sinar Logam"), "the representative chooses among their companies");
    let res =
        app.post_form(&company_client, "/pp-pkb", &[("kind", "pp"), ("company_id", &cid), ("purpose", "baru")]).await;
    let id = id_from(&res, "/pp-pkb/");
    let page = format!("/pp-pkb/{id}");

    // Sending an incomplete file is refused with the reason, and nothing changes.
    let (_, html) = app.get_text(&company_client, &page).await;
    assert!(html.contains("Belum lengkap") && html.contains("Naskah PP yang ditandatangani"), "the checklist");
    let res = app.post_form(&company_client, &format!("{page}/langkah"), &[("action", "submit")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.expect("body").contains("Berkas belum lengkap"));
    for slot in ["naskah", "saran", "skala_upah"] {
        let res =
            post_multipart(&app, &company_client, &format!("{page}/dokumen/{slot}"), &[], Some(("pp.pdf", PDF))).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{slot}");
    }
    let res = app.post_form(&company_client, &format!("{page}/data"), &[("advice_from", "nonsense")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app.post_form(&company_client, &format!("{page}/data"), &[("advice_from", "serikat")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_text(&company_client, &page).await;
    assert!(html.contains("Lengkap: berkas siap dikirim"));
    let res = app.post_form(&company_client, &format!("{page}/langkah"), &[("action", "submit")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // The clocks from the receipt on Monday 2 March 2026: review in 6 WD, 30 WD across Idul Fitri.
    let (_, html) = app.get_text(&company_client, &page).await;
    assert!(html.contains("Diterima, dalam pemeriksaan"));
    assert!(html.contains("Selasa, 10 Maret 2026"), "6 working days");
    assert!(html.contains("Selasa, 21 April 2026"), "30 working days skip 18-24 March and Good Friday");
    assert!(html.contains("UU 13/2003 Pasal 112 ayat (1) dan (2)"), "each clock names its legal basis");
    assert!(html.contains("Nyepi") || html.contains("cuti bersama"), "the skipped days are explained");
    let desk_mail = app.mail_to(&officer.email).await;
    assert_eq!(
        desk_mail.iter().filter(|m| m.body_text.contains("PT Sinar Logam")).count(),
        1,
        "the desk hears of the online submission"
    );

    // The desk's queue shows it with its nearest deadline.
    let (_, queue) = app.get_text(&desk, "/pp-pkb").await;
    assert!(queue.contains("PT Sinar Logam") && queue.contains("Selasa, 10 Maret 2026"));

    // A not-met item needs its reason; then the correction notice goes out.
    app.advance(chrono::Duration::days(3)); // Thursday 5 March
    let desk = app.browser_for(&officer).await;
    let company_client = app.browser_for(&rep).await;
    let all_met = [
        ("met_naskah_ditandatangani", "ya"),
        ("met_saran_pekerja", "ya"),
        ("met_skala_upah", "ya"),
        ("met_isi_minimal", "ya"),
        ("met_tidak_lebih_rendah", "ya"),
        ("met_masa_berlaku", "ya"),
    ];
    let mut review: Vec<(&str, &str)> = all_met.to_vec();
    review[4] = ("met_tidak_lebih_rendah", "tidak");
    review.push(("action", "correction"));
    let res = app.post_form(&desk, &format!("{page}/periksa"), &review).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.expect("body").contains("Tulis alasan"));
    review.push(("reason_tidak_lebih_rendah", "Pasal 21: upah lembur di bawah PP 35/2021."));
    let res = app.post_form(&desk, &format!("{page}/periksa"), &review).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mail = app.mail_to(&rep.email).await;
    let notice = mail.last().expect("the correction notice is mailed");
    assert!(notice.body_text.contains("upah lembur di bawah PP 35/2021"), "{}", notice.body_text);
    assert!(notice.body_text.contains("Rabu, 1 April 2026"), "14 WD from 5 March across Idul Fitri");
    let (_, letter) = app.get_text(&company_client, &format!("{page}/perbaikan")).await;
    assert!(letter.contains("PEMBERITAHUAN PERBAIKAN") && letter.contains("Rabu, 1 April 2026"));
    let (_, html) = app.get_text(&company_client, &page).await;
    assert!(html.contains("Yang harus diperbaiki") && html.contains("upah lembur di bawah PP 35/2021"));

    // The corrected text, resubmitted; compliant; the head ratifies with a numbered decree.
    let res =
        post_multipart(&app, &company_client, &format!("{page}/dokumen/naskah"), &[], Some(("pp-v2.pdf", PDF))).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.post_form(&company_client, &format!("{page}/langkah"), &[("action", "resubmit")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mut review: Vec<(&str, &str)> = all_met.to_vec();
    review.push(("action", "compliant"));
    let res = app.post_form(&desk, &format!("{page}/periksa"), &review).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.post_form(&desk, &format!("{page}/langkah"), &[("action", "decide")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "the desk does not sign decrees");
    let head_client = app.browser_for(&head).await;
    let res = app.post_form(&head_client, &format!("{page}/langkah"), &[("action", "decide")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_text(&company_client, &page).await;
    assert!(html.contains("560/001/PP-HI/2026"), "the decree number");
    assert!(html.contains("Kamis, 5 Maret 2026 – Sabtu, 4 Maret 2028"), "two years less a day");
    let (status, letter) = app.get_text(&company_client, &format!("{page}/surat")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(letter.contains("PENGESAHAN PERATURAN PERUSAHAAN") && letter.contains("560/001/PP-HI/2026"));
    assert!(letter.contains("Pengguna pimpinan"), "signed by the head");
    let actions = app.audit_actions(&app.office_id("3275"), &id).await;
    for a in [
        "regulation.create",
        "regulation.submit",
        "regulation.correction",
        "regulation.resubmit",
        "regulation.compliant",
        "regulation.decide",
    ] {
        assert!(actions.iter().any(|x| x == a), "audited: {a} in {actions:?}");
    }
    // The company now meets the PP criterion, in the profile and the register's filter.
    let (_, profile) = app.get_text(&company_client, &format!("/perusahaan/{cid}/kepatuhan")).await;
    assert!(profile.contains("Terpenuhi sejak Kamis, 5 Maret 2026"));
    assert!(pp_kurang(&app, &desk).await.is_empty());
}

async fn a_pp_ending_after_idul_fitri_is_reminded_and_stops_counting_the_day_after(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let rep = app.user("perusahaan", "hrd@lintaskota.co.id").await;
    let desk = app.browser_for(&officer).await;
    let cid = company(&app, &desk, "PT Lintas Kota", "9120007654321", "multi_kabkota").await;
    link(&app, &desk, &cid, &rep.email).await;

    // Operating in several kab/kota: the province ratifies; the office records it.
    let res = app.post_form(&desk, "/pp-pkb", &[("kind", "pp"), ("nib", "9120007654321")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("body").contains("provinsi"));
    let external = [
        ("kind", "pp"),
        ("nib", "9120007654321"),
        ("issuer_level", "provinsi"),
        ("issuer_name", "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat"),
        ("number", "561/Kep.120-Disnakertrans/2024"),
        ("issued_on", "2024-04-25"),
        ("valid_from", "2024-05-01"),
        ("valid_until", "2026-05-01"),
    ];
    let res = post_multipart(&app, &desk, "/pp-pkb/eksternal", &external, Some(("sk.pdf", PDF))).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "a day over two years");
    let mut fields = external.to_vec();
    fields[7] = ("valid_until", "2026-04-30");
    let res = post_multipart(&app, &desk, "/pp-pkb/eksternal", &fields, None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "the decree's copy is required");
    let res = post_multipart(&app, &desk, "/pp-pkb/eksternal", &fields, Some(("sk.pdf", PDF))).await;
    let rid = id_from(&res, "/pp-pkb/berlaku/");
    assert!(pp_kurang(&app, &desk).await.is_empty(), "an external PP counts");

    // Renewal 30 working days before Thursday 30 April: Idul Fitri and Good Friday pushed back.
    let (_, html) = app.get_text(&desk, &format!("/pp-pkb/berlaku/{rid}")).await;
    assert!(html.contains("Rabu, 11 Maret 2026"), "the renewal reminder day");
    app.advance(chrono::Duration::days(8)); // Tuesday 10 March
    sweep(&app).await;
    let reminders = |mail: Vec<harmoni::notifications::model::OutboxRow>| {
        mail.into_iter().filter(|m| m.body_text.contains("Kamis, 30 April 2026")).collect::<Vec<_>>()
    };
    assert!(reminders(app.mail_to(&rep.email).await).is_empty(), "not yet on 10 March");
    app.advance(chrono::Duration::days(1)); // Wednesday 11 March
    sweep(&app).await;
    sweep(&app).await;
    let mail = reminders(app.mail_to(&rep.email).await);
    assert_eq!(mail.len(), 1, "one reminder");
    assert!(mail[0].body_text.contains("Kamis, 30 April 2026") && mail[0].body_text.contains("Rabu, 11 Maret 2026"));

    // Valid on its last day; not the day after.
    app.advance(chrono::Duration::days(50)); // Thursday 30 April
    sweep(&app).await;
    let desk = app.browser_for(&officer).await;
    assert!(pp_kurang(&app, &desk).await.is_empty());
    app.advance(chrono::Duration::days(1)); // Friday 1 May
    sweep(&app).await;
    let desk = app.browser_for(&officer).await;
    assert_eq!(pp_kurang(&app, &desk).await, ["PT Lintas Kota"]);
    let compliance: Value =
        app.get(&desk, &format!("/api/v1/companies/{cid}/compliance")).await.json().await.expect("json");
    assert_eq!(compliance["pp_pkb"]["status"], "missing", "{compliance}");
    let back: Value = app
        .get(&desk, &format!("/api/v1/companies/{cid}/compliance?date=2026-04-30"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(back["pp_pkb"]["status"], "met", "as of any date");
}

async fn regulation_pages_are_shown_only_to_those_allowed(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let head = app.user("pimpinan", "kabid@bekasikota.go.id").await;
    let mediator = app.user("mediator", "mediator@bekasikota.go.id").await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let worker = app.user("pekerja", "andi@gmail.com").await;
    let rep = app.user("perusahaan", "hrd@sinarlogam.co.id").await;
    let other_rep = app.user("perusahaan", "hrd@lain.co.id").await;
    let elsewhere = app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await;
    let desk = app.browser_for(&officer).await;
    let cid = company(&app, &desk, "PT Sinar Logam", "9120001234567", "kota").await;
    let other = company(&app, &desk, "PT Lain", "9120001111111", "kota").await;
    link(&app, &desk, &cid, &rep.email).await;
    link(&app, &desk, &other, &other_rep.email).await;
    let res = app.post_form(&desk, "/pp-pkb", &[("kind", "pp"), ("nib", "9120001234567")]).await;
    let id = id_from(&res, "/pp-pkb/");
    let res = post_multipart(
        &app,
        &desk,
        "/pp-pkb/eksternal",
        &[
            ("kind", "pkb"),
            ("nib", "9120001234567"),
            ("issuer_level", "kementerian"),
            ("issuer_name", "Direktorat Jenderal PHI dan Jamsos"),
            ("number", "KEP.12/PHIJSK/2025"),
            ("issued_on", "2025-06-02"),
            ("valid_from", "2025-06-01"),
            ("valid_until", "2027-05-31"),
        ],
        Some(("pkb.pdf", PDF)),
    )
    .await;
    let rid = id_from(&res, "/pp-pkb/berlaku/");

    let pages = [
        "/pp-pkb".to_string(),
        "/pp-pkb/baru".to_string(),
        "/pp-pkb/berlaku".to_string(),
        "/pp-pkb/eksternal/baru".to_string(),
        format!("/pp-pkb/{id}"),
        format!("/pp-pkb/berlaku/{rid}"),
    ];
    let expect = |who: &str, page: &str| -> StatusCode {
        let own = page.contains(&id) || page.contains(&rid);
        let filing_form = page.ends_with("/baru");
        match who {
            "admin" | "pekerja" => StatusCode::FORBIDDEN,
            "mediator" | "pimpinan" if filing_form => StatusCode::FORBIDDEN,
            "other_rep" | "elsewhere" if own => StatusCode::NOT_FOUND,
            _ => StatusCode::OK,
        }
    };
    let people = [
        ("petugas", &officer),
        ("pimpinan", &head),
        ("mediator", &mediator),
        ("admin", &admin),
        ("pekerja", &worker),
        ("rep", &rep),
        ("other_rep", &other_rep),
        ("elsewhere", &elsewhere),
    ];
    for (who, user) in people {
        let client = app.browser_for(user).await;
        for page in &pages {
            let (status, html) = app.get_text(&client, page).await;
            assert_eq!(status, expect(who, page), "{who} GET {page}");
            if who == "other_rep" && page == "/pp-pkb" {
                assert!(!html.contains("PT Sinar Logam"), "another company's submissions are not listed");
            }
        }
        // Steps and uploads: only the filer's side (the desk, the representative) changes a draft.
        let want = match who {
            "petugas" | "rep" => continue,
            "pimpinan" | "mediator" | "admin" | "pekerja" => StatusCode::FORBIDDEN,
            _ => StatusCode::NOT_FOUND,
        };
        {
            let res = app.post_form(&client, &format!("/pp-pkb/{id}/langkah"), &[("action", "withdraw")]).await;
            assert_eq!(res.status(), want, "{who} withdraws");
            let res =
                post_multipart(&app, &client, &format!("/pp-pkb/{id}/dokumen/naskah"), &[], Some(("x.pdf", PDF))).await;
            assert!(
                matches!(res.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{who} uploads: {}",
                res.status()
            );
        }
    }
    // The filer's side may: the representative withdraws the draft.
    let client = app.browser_for(&rep).await;
    let res = app.post_form(&client, &format!("/pp-pkb/{id}/langkah"), &[("action", "withdraw")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let anonymous = browser();
    let res = app.get(&anonymous, &format!("/pp-pkb/{id}")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/login"));
}

both_backends!(
    a_company_sends_its_pp_through_the_pages_and_the_head_ratifies_it,
    a_pp_ending_after_idul_fitri_is_reminded_and_stops_counting_the_day_after,
    regulation_pages_are_shown_only_to_those_allowed,
);
