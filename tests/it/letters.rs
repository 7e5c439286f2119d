//! Official letters as PDF: each type issued from real records and read back as text, numbers
//! that never repeat under concurrent issue, versions, e-mail with the PDF, the public
//! verification page, and who may download what.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use diesel::prelude::*;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::both_backends;
use crate::cases::{both_attend, filed, get_json, in_mediation, ok_step, people, post_json};
use crate::helpers::*;

/// Issues a letter through the API and returns the letter as the API describes it.
async fn issue(app: &TestApp, client: &Client, kind: &str, owner_id: &str) -> Value {
    let (s, v) = post_json(app, client, "/api/v1/letters", json!({"kind": kind, "owner_id": owner_id})).await;
    assert_eq!(s, StatusCode::CREATED, "{kind} of {owner_id}: {v}");
    v
}

/// The PDF at `href` and its text, whitespace folded (text extraction breaks lines freely).
async fn pdf(app: &TestApp, client: &Client, href: &str) -> (Vec<u8>, String) {
    let res = app.get(client, href).await;
    assert_eq!(res.status(), StatusCode::OK, "{href}");
    assert_eq!(header(res.headers(), "content-type"), "application/pdf");
    let bytes = res.bytes().await.expect("body").to_vec();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text of the PDF");
    (bytes, text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn latest(letter: &Value) -> &Value {
    letter["versions"].as_array().and_then(|v| v.last()).expect("a version")
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The PDF attachments of the messages to an address, with the message template.
async fn mailed_pdfs(app: &TestApp, email: &str) -> Vec<(String, String, Vec<u8>)> {
    use harmoni::schema::{outbox, outbox_attachments};
    let email = email.to_string();
    app.state
        .db
        .run(move |c| {
            Ok(outbox_attachments::table
                .inner_join(outbox::table)
                .filter(outbox::recipient_email.eq(email))
                .filter(outbox_attachments::content_type.eq("application/pdf"))
                .order(outbox::id)
                .select((outbox::template, outbox_attachments::filename, outbox_attachments::content))
                .load(c)?)
        })
        .await
        .expect("attachments")
}

/// A PHK case mediated to a rejected anjuran; returns (case id, session id).
async fn rejected_anjuran(app: &TestApp, p: &crate::cases::People, key: &str) -> (String, String) {
    let id = in_mediation(app, p, "phk", key).await;
    both_attend(app, p, &id, "Pekerja menuntut pesangon; pengusaha menawarkan separuhnya. Belum sepakat.").await;
    ok_step(
        app,
        &p.mediator,
        &id,
        json!({"action": "anjuran", "note": "Menganjurkan pengusaha membayar pesangon sesuai PP 35/2021."}),
    )
    .await;
    let out =
        ok_step(app, &p.mediator, &id, json!({"action": "anjuran_answer", "side": "pengusaha", "answer": "tolak"}))
            .await;
    assert_eq!(out["status"], "lanjut_phi");
    let (_, case) = get_json(app, &p.mediator, &format!("/api/v1/cases/{id}")).await;
    let session = case["sessions"][0]["id"].as_str().expect("session id").to_string();
    (id, session)
}

async fn dispute_letters_carry_their_number_parties_and_dates(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let (id, session) = rejected_anjuran(&app, &p, "kunci-surat-000000001").await;
    let office = app.office_id("3275");

    // Each letter from the case's own records, numbered from the letters' series in order.
    let plan = [
        ("tanda_terima_pengaduan", &p.officer, id.as_str(), "TANDA TERIMA"),
        ("penawaran_forum", &p.officer, id.as_str(), "Penawaran Penyelesaian melalui Konsiliasi"),
        ("risalah_sidang", &p.mediator, session.as_str(), "RISALAH SIDANG MEDIASI"),
        ("anjuran", &p.mediator, id.as_str(), "ANJURAN"),
        ("risalah_penyelesaian", &p.mediator, id.as_str(), "RISALAH PENYELESAIAN MELALUI MEDIASI"),
    ];
    for (i, (kind, client, owner, title)) in plan.iter().enumerate() {
        let letter = issue(&app, client, kind, owner).await;
        let number = format!("565/{:04}/SRT-HI/2026", i + 1);
        assert_eq!(letter["number"], number.as_str(), "{kind}");
        let v = latest(&letter);
        let (bytes, text) = pdf(&app, client, v["href"].as_str().expect("href")).await;
        assert_eq!(v["sha256"], sha256_hex(&bytes).as_str(), "the listed hash is the file's");
        for expected in [&number, "565/0001/HI/2026", "PT Maju Sengketa", "Andi Saputra", "Bekasi, 2 Maret 2026", title]
        {
            assert!(text.contains(expected), "{kind} lacks {expected:?}: {text}");
        }
        assert!(text.contains(v["code"].as_str().expect("code")), "{kind}: the verification code is printed");
        assert!(!text.contains("3275010101900001"), "{kind}: no NIK on a letter");
    }
    // Dates the law sets, computed on the office calendar: the offer's 7 WD from registration
    // on Monday 2 March end on Wednesday 11 March; the anjuran's 10 WD on Monday 16 March.
    let (s, list) = get_json(&app, &p.mediator, &format!("/api/v1/letters?owner_kind=case&owner_id={id}")).await;
    assert_eq!(s, StatusCode::OK);
    let list = list.as_array().expect("letters").clone();
    assert_eq!(list.len(), 5, "the case lists its own letters and its session's");
    let href = |kind: &str| {
        latest(list.iter().find(|l| l["kind"] == kind).expect("listed"))["href"].as_str().expect("href").to_string()
    };
    let (_, offer) = pdf(&app, &p.officer, &href("penawaran_forum")).await;
    assert!(offer.contains("Rabu, 11 Maret 2026") && offer.contains("UU 2/2004 Pasal 4 ayat (3)"), "{offer}");
    let (_, anjuran) = pdf(&app, &p.mediator, &href("anjuran")).await;
    assert!(anjuran.contains("Menganjurkan pengusaha membayar pesangon sesuai PP 35/2021."), "{anjuran}");
    assert!(anjuran.contains("Senin, 16 Maret 2026"), "answer due 10 WD after receipt: {anjuran}");
    let (_, minutes) = pdf(&app, &p.mediator, &href("risalah_sidang")).await;
    assert!(minutes.contains("Pekerja menuntut pesangon") && minutes.contains("hadir"), "{minutes}");

    // A reissue is a new version under the same number; the first stays, marked as replaced.
    let first = list.iter().find(|l| l["kind"] == "anjuran").expect("anjuran").clone();
    let again = issue(&app, &p.mediator, "anjuran", &id).await;
    assert_eq!(again["number"], first["number"]);
    let versions = again["versions"].as_array().expect("versions");
    assert_eq!(versions.iter().map(|v| v["version"].as_i64().unwrap_or(0)).collect::<Vec<_>>(), [1, 2]);
    assert_ne!(versions[0]["code"], versions[1]["code"], "each version has its own code");
    let (old, _) = pdf(&app, &p.mediator, versions[0]["href"].as_str().expect("href")).await;
    assert_eq!(sha256_hex(&old), versions[0]["sha256"].as_str().expect("sha"), "version 1 is kept unchanged");

    // The parties receive the anjuran and the risalah penyelesaian with the PDF attached.
    let mailed = mailed_pdfs(&app, &p.worker_email).await;
    let names: Vec<&str> = mailed.iter().map(|(_, name, _)| name.as_str()).collect();
    assert!(names.iter().any(|n| n.starts_with("anjuran-565_0004_SRT-HI_2026")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("-v2.pdf")), "the reissue too: {names:?}");
    assert!(names.iter().any(|n| n.starts_with("risalah-penyelesaian-")), "{names:?}");
    assert!(mailed.iter().all(|(template, _, _)| template == "letter"));
    let attached = &mailed.iter().find(|(_, n, _)| n.ends_with("-v2.pdf")).expect("v2").2;
    assert_eq!(sha256_hex(attached), versions[1]["sha256"].as_str().expect("sha"), "the mail carries the kept file");

    // Every issue is audited on the case: five letters and one reissue.
    let actions = app.audit_actions(&office, &id).await;
    assert_eq!(actions.iter().filter(|a| *a == "letter.issue").count(), 6, "{actions:?}");

    // A letter the record is not ready for is refused with the reason, and nothing is kept.
    let (s, e) =
        post_json(&app, &p.mediator, "/api/v1/letters", json!({"kind": "perjanjian_bersama", "owner_id": id})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::CONFLICT, Some("letter_not_ready")), "{e}");
    let (s, e) = post_json(&app, &p.mediator, "/api/v1/letters", json!({"kind": "surat_cinta", "owner_id": id})).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("letter_kind")), "{e}");
    let (_, list) = get_json(&app, &p.mediator, &format!("/api/v1/letters?owner_kind=case&owner_id={id}")).await;
    assert_eq!(list.as_array().map(Vec::len), Some(5));
}

async fn the_verification_page_proves_a_letter_and_tells_nothing_personal(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let (id, _) = rejected_anjuran(&app, &p, "kunci-surat-000000002").await;
    let first = issue(&app, &p.mediator, "anjuran", &id).await;
    let second = issue(&app, &p.mediator, "anjuran", &id).await;
    let v1 = &first["versions"][0];
    let v2 = &second["versions"][1];
    let (bytes, text) = pdf(&app, &p.mediator, v2["href"].as_str().expect("href")).await;
    let url = v2["verify_url"].as_str().expect("verify url");
    assert!(text.contains(url), "the address the QR code holds is printed too: {text}");
    let path = url.split_once("/verifikasi/").map(|(_, code)| format!("/verifikasi/{code}")).expect("path");

    let anyone = plain_client();
    let (s, page) = app.get_text(&anyone, &path).await;
    assert_eq!(s, StatusCode::OK);
    for expected in [
        "Surat terdaftar",
        "Anjuran",
        second["number"].as_str().expect("number"),
        "Dinas Tenaga Kerja Kota Bekasi",
        &sha256_hex(&bytes),
    ] {
        assert!(page.contains(expected), "{expected:?} missing: {page}");
    }
    for personal in ["Andi Saputra", "PT Maju Sengketa", "3275010101900001", "pesangon", "andi.pekerja"] {
        assert!(!page.contains(personal), "{personal:?} must not be public");
    }
    assert!(!page.contains("diganti oleh versi"), "the latest version is not replaced");
    // Typed by hand: lower case, spaces instead of dashes.
    let typed = v1["code"].as_str().expect("code").to_lowercase().replace('-', " ");
    let (s, old) = app.get_text(&anyone, &format!("/verifikasi?kode={}", typed.replace(' ', "+"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(old.contains("Versi ini telah diganti oleh versi 2"), "{old}");
    // An altered file does not match: its hash differs from the one on record.
    let mut forged = bytes.clone();
    let at = forged.len() / 2;
    forged[at] ^= 1;
    assert!(!page.contains(&sha256_hex(&forged)));

    // Unknown, malformed and hostile codes: not found, in words.
    for code in ["KCQM-TXHP-VTRA-4WDE", "abc", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"] {
        let (s, page) = app.get_text(&anyone, &format!("/verifikasi/{code}")).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{code}");
        assert!(page.contains("Kode tidak ditemukan"), "{code}");
        assert!(!page.contains("<script>alert"), "escaped");
    }
    let (s, api) =
        get_json(&app, &anyone, &format!("/api/v1/letters/verify/{}", v2["code"].as_str().expect("code"))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (api["number"].clone(), api["version"].clone(), api["superseded_by"].clone()),
        (second["number"].clone(), json!(2), Value::Null)
    );
    let (s, _) = get_json(&app, &anyone, "/api/v1/letters/verify/KCQM-TXHP-VTRA-4WDE").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

async fn letter_downloads_follow_the_record(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let (id, _) = rejected_anjuran(&app, &p, "kunci-surat-000000003").await;
    let letter = issue(&app, &p.mediator, "risalah_penyelesaian", &id).await;
    let letter_id = letter["id"].as_str().expect("id");
    let api = format!("/api/v1/letters/{letter_id}/pdf");
    let page = format!("/surat/{letter_id}.pdf");

    let outsider_rep = app.user("perusahaan", "hrd@lainsendiri.co.id").await;
    let other_worker = app.browser_for(&app.user("pekerja", "budi.lain@gmail.com").await).await;
    let elsewhere = app.browser_for(&app.user_in("3216", "petugas", "petugas@bekasikab.go.id").await).await;
    let outsider = app.browser_for(&outsider_rep).await;
    let admin = app.browser_for(&app.user("admin", "admin2@bekasikota.go.id").await).await;
    // (client, who, may download)
    let matrix: [(&Client, &str, bool); 9] = [
        (&p.worker, "the complaining worker", true),
        (&p.rep, "the company's representative", true),
        (&p.mediator, "the case's mediator", true),
        (&p.officer, "the desk", true),
        (&p.head, "the head", true),
        (&admin, "an administrator (accounts and settings, not case files)", false),
        (&other_worker, "another worker", false),
        (&outsider, "another company", false),
        (&elsewhere, "another office", false),
    ];
    for (client, who, allowed) in matrix {
        for path in [&api, &page] {
            let s = app.get(client, path).await.status();
            let want = if allowed { StatusCode::OK } else { StatusCode::NOT_FOUND };
            assert_eq!(s, want, "{who} on {path}");
        }
    }
    let anonymous = plain_client();
    assert_eq!(app.get(&anonymous, &api).await.status(), StatusCode::UNAUTHORIZED);
    assert!(app.get(&anonymous, &page).await.status().is_redirection(), "the page asks to sign in");

    // Issuing: staff only, and only on records they may see.
    let (s, _) = post_json(&app, &p.worker, "/api/v1/letters", json!({"kind": "anjuran", "owner_id": id})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a party does not issue letters");
    let (s, _) = post_json(&app, &p.rep, "/api/v1/letters", json!({"kind": "anjuran", "owner_id": id})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = post_json(&app, &elsewhere, "/api/v1/letters", json!({"kind": "anjuran", "owner_id": id})).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another office does not know the case");
    let (s, _) = get_json(&app, &p.worker, &format!("{api}?versi=nol")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = get_json(&app, &p.worker, &format!("{api}?versi=7")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // The case page lists the letter for a party, with the issue buttons only for staff.
    let (s, html) = app.get_text(&p.worker, &format!("/kasus/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Surat resmi (PDF)") && html.contains(letter["number"].as_str().expect("number")));
    assert!(!html.contains("Terbitkan: "), "a worker sees no issue button");
    let (_, html) = app.get_text(&p.mediator, &format!("/kasus/{id}")).await;
    assert!(html.contains("Terbitkan: Anjuran") && html.contains("Terbitkan ulang: Risalah penyelesaian"), "{html}");
    // The page form issues, then comes back to the list.
    let res = app.post_form(&p.mediator, "/surat", &[("kind", "anjuran"), ("owner_id", &id)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/kasus/{id}#surat"));
    let res = app.post_form(&p.worker, "/surat", &[("kind", "anjuran"), ("owner_id", &id)]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

async fn numbers_never_repeat_under_concurrent_issue(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let mut cases = Vec::new();
    for i in 0..6 {
        let (id, _, _) = filed(&app, &p, "hak", &format!("kunci-paralel-{i:08}")).await;
        cases.push(id);
    }
    let requests = cases
        .iter()
        .map(|id| ("tanda_terima_pengaduan", id.clone()))
        .chain((0..4).map(|_| ("tanda_terima_pengaduan", cases[0].clone())));
    let results = futures_util::future::join_all(requests.map(|(kind, id)| {
        let (app, officer) = (&app, &p.officer);
        async move { post_json(app, officer, "/api/v1/letters", json!({"kind": kind, "owner_id": id})).await }
    }))
    .await;
    for (s, v) in &results {
        assert_eq!(*s, StatusCode::CREATED, "{v}");
    }
    let numbers: BTreeSet<String> =
        results.iter().map(|(_, v)| v["number"].as_str().expect("number").to_string()).collect();
    let expected: BTreeSet<String> = (1..=6).map(|n| format!("565/{n:04}/SRT-HI/2026")).collect();
    assert_eq!(numbers, expected, "six letters, six numbers, none repeated, none skipped");
    let (_, list) = get_json(&app, &p.officer, &format!("/api/v1/letters?owner_kind=case&owner_id={}", cases[0])).await;
    let versions: Vec<i64> =
        list[0]["versions"].as_array().expect("versions").iter().map(|v| v["version"].as_i64().unwrap_or(0)).collect();
    assert_eq!(versions, [1, 2, 3, 4, 5], "concurrent reissues make distinct versions");
    let codes: BTreeSet<&str> =
        list[0]["versions"].as_array().expect("versions").iter().filter_map(|v| v["code"].as_str()).collect();
    assert_eq!(codes.len(), 5);
}

/// Seeds the demonstration office (companies with LKS, notices, PP/PKB histories, a year of
/// cases) as `harmoni demo` does, into the running application: the cases while the clock
/// sweep of its housekeeping goes round beside them, as when `harmoni demo` runs against a
/// serving Harmoni. The sweep must never catch a demo case half-way through its past (it would
/// record an anjuran as unanswered before the walk records the answers).
async fn seed_demo(app: &TestApp) {
    let office = app.office_id("3275");
    let (today, now, settings) = (app.state.today(), app.state.now(), app.state.settings.clone());
    let register = {
        let (office, settings) = (office.clone(), settings.clone());
        move |c: &mut harmoni::db::DbConn| {
            let umk = settings.umk.values().last().copied().unwrap_or(1);
            harmoni::demo::seed(c, &office, 120, &settings.regions, umk, today, now)?;
            harmoni::regulations::demo::seed_regulations(c, &settings, &office, 120, today, now)?;
            harmoni::companies::standing::sweep(c, &settings, today)?;
            Ok(())
        }
    };
    app.state.db.run(register).await.expect("register seeded");
    let seeding = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sweeper = {
        let (pool, settings, seeding) = (app.state.db.pool().clone(), settings.clone(), seeding.clone());
        std::thread::spawn(move || {
            // Back to back, with no pause: writers take turns in order of arrival, so neither
            // the sweep nor the seeding is starved of the write lock. Like housekeeping, a round
            // that failed is tried again; the rounds that succeeded are counted.
            let mut rounds = 0;
            while seeding.load(std::sync::atomic::Ordering::Relaxed) {
                let mut conn = pool.get().expect("connection");
                rounds += usize::from(harmoni::cases::service::sweep_clocks(&mut conn, &settings, today, now).is_ok());
            }
            rounds
        })
    };
    let seeded = app.state.db.run(move |c| harmoni::cases::demo::seed_cases(c, &settings, &office, 120, today)).await;
    seeding.store(false, std::sync::atomic::Ordering::Relaxed);
    let rounds = sweeper.join().expect("the sweep thread");
    seeded.expect("demo cases seeded");
    assert!(rounds > 1, "the sweep ran beside the seeding: {rounds} rounds");
}

/// One record for each letter type that the demo data holds at the right stage, with the
/// company name its letter must carry and the day it must be dated (the act it records, not
/// the day it is printed): (kind, owner id, company, date).
async fn demo_records(app: &TestApp) -> Vec<(&'static str, String, String, NaiveDate)> {
    use harmoni::schema::{
        case_history, case_sessions, cases, companies, lks_bipartit, regulation_submissions, regulations,
        stoppage_notices,
    };
    type Found = Option<(String, String, NaiveDate)>;
    app.state
        .db
        .run(|c| {
            let mut out: Vec<(&'static str, Found)> = Vec::new();
            let notice: Option<(String, String, chrono::NaiveDateTime)> = stoppage_notices::table
                .inner_join(companies::table)
                .select((stoppage_notices::id, companies::name, stoppage_notices::received_at))
                .order(stoppage_notices::id)
                .first(c)
                .optional()?;
            let local_day = |t: chrono::NaiveDateTime| (t + chrono::Duration::hours(7)).date();
            out.push(("tanda_terima_pemberitahuan", notice.map(|(id, n, at)| (id, n, local_day(at)))));
            // (The PKB registration letter is read in regulations_api: the demo's few PKBs vary.)
            let sk: Option<(Option<String>, String, NaiveDate)> = regulations::table
                .inner_join(companies::table)
                .filter(regulations::kind.eq("pp"))
                .filter(regulations::submission_id.is_not_null())
                .filter(regulations::number.ne(""))
                .select((regulations::submission_id, companies::name, regulations::issued_on))
                .order(regulations::id)
                .first(c)
                .optional()?;
            out.push(("sk_pengesahan_pp", sk.map(|(id, n, d)| (id.unwrap_or_default(), n, d))));
            let corrected: Option<(String, String, Option<NaiveDate>)> = regulation_submissions::table
                .inner_join(companies::table)
                .filter(regulation_submissions::correction_notified_on.is_not_null())
                .select((regulation_submissions::id, companies::name, regulation_submissions::correction_notified_on))
                .order(regulation_submissions::id)
                .first(c)
                .optional()?;
            out.push(("pemberitahuan_perbaikan", corrected.and_then(|(id, n, d)| Some((id, n, d?)))));
            let lks: Option<(String, String, Option<NaiveDate>)> = lks_bipartit::table
                .inner_join(companies::table.on(companies::id.eq(lks_bipartit::company_id)))
                .filter(lks_bipartit::registration_number.is_not_null())
                .filter(lks_bipartit::registered_on.is_not_null())
                .select((lks_bipartit::id, companies::name, lks_bipartit::registered_on))
                .order(lks_bipartit::id)
                .first(c)
                .optional()?;
            out.push(("bukti_pencatatan_lks", lks.and_then(|(id, n, d)| Some((id, n, d?)))));
            let returned: Option<(String, String, NaiveDate)> = cases::table
                .inner_join(case_history::table)
                .filter(case_history::action.eq("return"))
                .select((cases::id, cases::company_name, case_history::effective_on))
                .order((cases::id, case_history::effective_on.desc()))
                .first(c)
                .optional()?;
            out.push(("pengembalian_berkas", returned));
            let clarified: Option<(String, String, Option<NaiveDate>)> = cases::table
                .filter(cases::clarification_ended_on.is_not_null())
                .select((cases::id, cases::company_name, cases::clarification_ended_on))
                .order(cases::id)
                .first(c)
                .optional()?;
            out.push(("risalah_klarifikasi", clarified.and_then(|(id, n, d)| Some((id, n, d?)))));
            let agreed: Option<(String, String, Option<NaiveDate>)> = cases::table
                .filter(cases::pb_signed_on.is_not_null())
                .select((cases::id, cases::company_name, cases::pb_signed_on))
                .order(cases::id)
                .first(c)
                .optional()?;
            out.push(("perjanjian_bersama", agreed.and_then(|(id, n, d)| Some((id, n, d?)))));
            let session: Option<(String, String, NaiveDate)> = case_sessions::table
                .inner_join(cases::table)
                .select((case_sessions::id, cases::company_name, case_sessions::held_on))
                .order(case_sessions::id)
                .first(c)
                .optional()?;
            out.push(("risalah_sidang", session));
            Ok(out)
        })
        .await
        .expect("demo records")
        .into_iter()
        .map(|(kind, found)| {
            let (id, company, day) = found.unwrap_or_else(|| panic!("the demo holds no record for {kind}"));
            (kind, id, company, day)
        })
        .collect()
}

async fn every_letter_type_is_issued_from_the_demo_records(backend: Backend) {
    let app = spawn(backend).await;
    seed_demo(&app).await;
    let head = app.browser_for(&app.user("pimpinan", "kadis@bekasikota.go.id").await).await;
    let records = demo_records(&app).await;
    let mut numbers = BTreeSet::new();
    for (kind, owner, company, day) in &records {
        let letter = issue(&app, &head, kind, owner).await;
        let number = letter["number"].as_str().expect("number").to_string();
        assert!(numbers.insert(number.clone()), "{kind}: number {number} repeated");
        let (_, text) = pdf(&app, &head, latest(&letter)["href"].as_str().expect("href")).await;
        let dated = harmoni::letters::rules::place_date("Bekasi", *day);
        for expected in [number.as_str(), company.as_str(), dated.as_str(), "Kode verifikasi"] {
            assert!(text.contains(expected), "{kind} lacks {expected:?}: {text}");
        }
        // The public page gives the letter's own date, whenever it was printed.
        let code = latest(&letter)["code"].as_str().expect("code").to_string();
        let (_, verified) = get_json(&app, &plain_client(), &format!("/api/v1/letters/verify/{code}")).await;
        assert_eq!(verified["dated"], day.to_string(), "{kind}");
    }
    let by_kind = |k: &str| records.iter().find(|(kind, _, _, _)| *kind == k).expect("kind").1.clone();
    // Letters that print the record's own number: the decree its SK number, the LKS its record.
    let (_, sk) = get_json(
        &app,
        &head,
        &format!("/api/v1/letters?owner_kind=submission&owner_id={}", by_kind("sk_pengesahan_pp")),
    )
    .await;
    assert!(sk[0]["number"].as_str().unwrap_or_default().contains("/PP-HI/"), "{sk}");
    let (_, lks) =
        get_json(&app, &head, &format!("/api/v1/letters?owner_kind=lks&owner_id={}", by_kind("bukti_pencatatan_lks")))
            .await;
    assert!(lks[0]["number"].as_str().unwrap_or_default().contains("/LKS-Bip/"), "{lks}");
    let (_, text) = pdf(&app, &head, latest(&sk[0])["href"].as_str().expect("href")).await;
    assert!(text.contains("KEPUTUSAN KEPALA DINAS TENAGA KERJA") && text.contains("berlaku sejak"), "{text}");
    let (_, text) = pdf(&app, &head, latest(&lks[0])["href"].as_str().expect("href")).await;
    assert!(text.contains("BUKTI PENCATATAN LEMBAGA KERJA SAMA BIPARTIT") && text.contains("Ketua"), "{text}");
}

async fn a_summons_mail_carries_its_letter(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let case = in_mediation(&app, &p, "hak", "kunci-panggilan-000001").await;
    let body = json!({
        "kind": "mediasi", "date": "2026-03-09", "start_time": "09:00", "end_time": "11:00", "room": "R1",
        "summon_worker": true, "summon_company": true,
        "agenda": "Mendengar keterangan para pihak dan mengupayakan kesepakatan.", "confirm": true
    });
    let (s, out) = post_json(&app, &p.mediator, &format!("/api/v1/cases/{case}/hearings"), body).await;
    assert_eq!(s, StatusCode::CREATED, "{out}");
    let mailed = mailed_pdfs(&app, &p.worker_email).await;
    assert_eq!(mailed.len(), 1, "one summons to the worker side");
    let (template, filename, bytes) = &mailed[0];
    assert_eq!(template, "summons");
    assert_eq!(filename, "surat-panggilan-565_0001_PGL-HI_2026.pdf");
    let text =
        pdf_extract::extract_text_from_mem(bytes).expect("text").split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "565/0001/PGL-HI/2026",
        "Senin, 9 Maret 2026",
        "Ruang Mediasi 1",
        "PT Maju Sengketa",
        "Andi Saputra",
        "SURAT PANGGILAN",
    ] {
        let expected = if expected == "SURAT PANGGILAN" { "Panggilan Sidang" } else { expected };
        assert!(text.contains(expected), "{expected:?}: {text}");
    }
    // Kept with the case, the same file as mailed.
    let (_, list) = get_json(&app, &p.worker, &format!("/api/v1/letters?owner_kind=case&owner_id={case}")).await;
    let summons: Vec<&Value> =
        list.as_array().expect("letters").iter().filter(|l| l["kind"] == "surat_panggilan").collect();
    assert_eq!(summons.len(), 2, "one per side");
    assert!(summons.iter().any(|l| latest(l)["sha256"] == sha256_hex(bytes).as_str()));
}

both_backends!(
    dispute_letters_carry_their_number_parties_and_dates,
    the_verification_page_proves_a_letter_and_tells_nothing_personal,
    letter_downloads_follow_the_record,
    numbers_never_repeat_under_concurrent_issue,
    every_letter_type_is_issued_from_the_demo_records,
    a_summons_mail_carries_its_letter,
);
