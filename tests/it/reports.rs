//! Leadership reports: the decent-work indicator against a recomputation by hand as of many
//! days (LKS term end, PP expiry, a new UMK year), kept exactly right as records change and
//! equal to a full rebuild; the disputes figures; the exports; who may read which report.

use std::collections::BTreeMap;

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::both_backends;
use crate::cases::{get_json, in_mediation, ok_step, people, post_json};
use crate::helpers::*;

const PDF: &[u8] = b"%PDF-1.4\n% sk uji\n";

#[allow(clippy::too_many_arguments)]
fn company(
    name: &str,
    nib: &str,
    kecamatan: &str,
    kbli: &str,
    size: &str,
    workers: u32,
    wlkp_on: Option<&str>,
) -> Value {
    json!({
        "name": name, "legal_form": "pt", "nib": nib, "npwp": "01.234.567.8-901.000",
        "kbli_code": kbli, "kbli_edition": "2020", "address": "Jl. Industri No. 1",
        "kecamatan_code": kecamatan, "kelurahan": if kecamatan == "32.75.01" { "Margahayu" } else if kecamatan == "32.75.02" { "Kranji" } else { "Perwira" },
        "footprint": "kota", "size_class": size,
        "workers_male": (workers / 2).to_string(), "workers_female": (workers - workers / 2).to_string(),
        "workers_pkwt": "0", "workers_pkwtt": workers.to_string(),
        "workforce_reported_on": "2026-02-01", "wlkp_registered": wlkp_on.is_some(), "wlkp_registered_on": wlkp_on.unwrap_or(""),
        "contact_name": "Bu Ani (HRD)", "contact_phone": "0812-3456-7890", "contact_email": "hrd@contoh.co.id"
    })
}

async fn created(app: &TestApp, client: &Client, body: Value) -> String {
    let (s, v) = post_json(app, client, "/api/v1/companies", body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["id"].as_str().expect("id").to_string()
}

async fn see_other(res: reqwest::Response) {
    let status = res.status();
    assert_eq!(status, StatusCode::SEE_OTHER, "{}", res.text().await.unwrap_or_default());
}

/// A company as the test knows it: its breakdown keys and, per criterion, the days (from,
/// to exclusive) on which it is met, derived by hand from the records the test enters.
struct Known {
    registered_from: &'static str,
    kecamatan: &'static str,
    kbli: &'static str,
    scale: &'static str,
    band: &'static str,
    pp: Vec<(&'static str, &'static str)>,
    lks: Vec<(&'static str, &'static str)>,
    wage: Vec<(&'static str, &'static str)>,
    bpjs: Vec<(&'static str, &'static str)>,
}

fn within(spans: &[(&str, &str)], day: &str) -> bool {
    spans.iter().any(|(from, to)| *from <= day && day < *to)
}

/// The indicator recomputed from `Known`: the total and each breakdown, as the API writes them.
fn expected(known: &[Known], day: &str) -> (Value, BTreeMap<String, Vec<Value>>) {
    let mut cells: BTreeMap<(String, String), [i64; 6]> = BTreeMap::new();
    let mut total = [0i64; 6];
    for k in known.iter().filter(|k| k.registered_from <= day) {
        let met = [within(&k.pp, day), within(&k.lks, day), within(&k.wage, day), within(&k.bpjs, day)];
        let row = [
            1,
            i64::from(met.iter().all(|m| *m)),
            i64::from(met[0]),
            i64::from(met[1]),
            i64::from(met[2]),
            i64::from(met[3]),
        ];
        for (dim, key) in [("band", k.band), ("kbli", k.kbli), ("kecamatan", k.kecamatan), ("scale", k.scale)] {
            let c = cells.entry((dim.to_string(), key.to_string())).or_default();
            for (c, v) in c.iter_mut().zip(row) {
                *c += v;
            }
        }
        for (t, v) in total.iter_mut().zip(row) {
            *t += v;
        }
    }
    let line = |key: &str, c: &[i64; 6]| json!({"key": key, "registered": c[0], "all": c[1], "pp": c[2], "lks": c[3], "wage": c[4], "bpjs": c[5]});
    let mut breakdowns: BTreeMap<String, Vec<Value>> =
        ["band", "kbli", "kecamatan", "scale"].iter().map(|d| (d.to_string(), Vec::new())).collect();
    for ((dim, key), c) in &cells {
        breakdowns.entry(dim.clone()).or_default().push(line(key, c));
    }
    (line("", &total), breakdowns)
}

fn sorted(lines: &Value) -> Vec<Value> {
    let mut v = lines.as_array().cloned().unwrap_or_default();
    v.sort_by(|a, b| a["key"].as_str().cmp(&b["key"].as_str()));
    v
}

async fn check_every_cell(app: &TestApp, client: &Client, known: &[Known], days: &[&str]) {
    for day in days {
        let (s, got) = get_json(app, client, &format!("/api/v1/reports/indicator?as_of={day}")).await;
        assert_eq!(s, StatusCode::OK, "{got}");
        let (total, breakdowns) = expected(known, day);
        assert_eq!(got["total"], total, "total as of {day}");
        for (dim, lines) in breakdowns {
            assert_eq!(sorted(&got["breakdowns"][&dim]), lines, "{dim} as of {day}");
        }
    }
}

async fn the_indicator_agrees_with_a_recomputation_as_of_any_day(backend: Backend) {
    let app = spawn(backend).await;
    let desk = app.browser_for(&app.user("petugas", "petugas@bekasikota.go.id").await).await;
    let head = app.browser_for(&app.user("pimpinan", "kabid@bekasikota.go.id").await).await;

    // PT Alfa: medium, 100 workers, registered in WLKP on 1 March 2024.
    let alfa = created(
        &app,
        &desk,
        company("PT Alfa", "9120000000301", "32.75.01", "10792", "menengah", 100, Some("2024-03-01")),
    )
    .await;
    // LKS formed 1 March 2023, recorded 20 March 2023: its three-year term ends 1 March 2026.
    let members = "Andi; pengusaha; ketua\nBudi; pengusaha; anggota\nCici; pengusaha; sekretaris\nDedi; pekerja; wakil_ketua\nEka; pekerja; anggota\nFajar; pekerja; anggota";
    see_other(
        app.post_form(
            &desk,
            &format!("/perusahaan/{alfa}/lks"),
            &[
                ("formed_on", "2023-03-01"),
                ("registration_number", "568/LKS/2023"),
                ("registered_on", "2023-03-20"),
                ("members", members),
            ],
        )
        .await,
    )
    .await;
    // Wage scale from 2025 with a lowest grade of Rp5.700.000: above the 2025 UMK
    // (Rp5.690.752), below the 2026 UMK (Rp5.999.443).
    see_other(
        app.post_form(
            &desk,
            &format!("/perusahaan/{alfa}/skala-upah"),
            &[
                ("effective_on", "2025-01-01"),
                ("workers_informed", "true"),
                ("grades", "I; Operator; 5.700.000; 6.000.000\nII; Staf; 6.500.000; 8.000.000"),
            ],
        )
        .await,
    )
    .await;
    // BPJS with every programme a medium company needs, reported as of 30 June 2024.
    let all_programmes = [
        ("programmes", "JKK"),
        ("programmes", "JKM"),
        ("programmes", "JHT"),
        ("programmes", "JP"),
        ("programmes", "JKP"),
    ];
    let mut bpjs = vec![
        ("npp", "12345678"),
        ("registered_on", "2020-01-15"),
        ("workers_enrolled", "100"),
        ("as_of", "2024-06-30"),
    ];
    bpjs.extend(all_programmes);
    see_other(app.post_form(&desk, &format!("/perusahaan/{alfa}/bpjs"), &bpjs).await).await;
    // A PP ratified by the province, valid 10 January 2024 up to and including 9 January 2026.
    let pp = [
        ("kind", "pp"),
        ("nib", "9120000000301"),
        ("issuer_level", "provinsi"),
        ("issuer_name", "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat"),
        ("number", "561/Kep.10-Disnakertrans/2024"),
        ("issued_on", "2024-01-10"),
        ("valid_from", "2024-01-10"),
        ("valid_until", "2026-01-09"),
    ];
    let res = post_multipart(&app, &desk, "/pp-pkb/eksternal", &pp, Some(("sk.pdf", PDF))).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // CV Beta: small, 8 workers (no PP, no LKS required), registered 10 May 2025.
    let beta =
        created(&app, &desk, company("CV Beta", "9120000000302", "32.75.02", "47111", "kecil", 8, Some("2025-05-10")))
            .await;
    see_other(
        app.post_form(
            &desk,
            &format!("/perusahaan/{beta}/skala-upah"),
            &[
                ("effective_on", "2025-06-01"),
                ("workers_informed", "true"),
                ("grades", "I; Pramuniaga; 6.500.000; 7.000.000"),
            ],
        )
        .await,
    )
    .await;
    see_other(
        app.post_form(
            &desk,
            &format!("/perusahaan/{beta}/bpjs"),
            &[
                ("npp", "22345678"),
                ("registered_on", "2025-05-20"),
                ("programmes", "JKK"),
                ("programmes", "JKM"),
                ("programmes", "JHT"),
                ("programmes", "JKP"),
                ("workers_enrolled", "8"),
                ("as_of", "2025-06-01"),
            ],
        )
        .await,
    )
    .await;

    // PT Gamma: large, 600 workers, registered 15 January 2026, nothing recorded yet.
    let gamma_body = company("PT Gamma", "9120000000303", "32.75.01", "10792", "besar", 600, Some("2026-01-15"));
    let gamma = created(&app, &desk, gamma_body.clone()).await;
    // PT Delta: not registered in WLKP: never in the denominator.
    created(&app, &desk, company("PT Delta", "9120000000304", "32.75.01", "10792", "menengah", 70, None)).await;

    let far = "9999-12-31";
    let mut known = vec![
        Known {
            registered_from: "2024-03-01",
            kecamatan: "32.75.01",
            kbli: "C",
            scale: "menengah",
            band: "100-499",
            pp: vec![("2024-01-10", "2026-01-10")],
            lks: vec![("2023-03-20", "2026-03-01")],
            wage: vec![("2025-01-01", "2026-01-01")],
            bpjs: vec![("2024-06-30", far)],
        },
        Known {
            registered_from: "2025-05-10",
            kecamatan: "32.75.02",
            kbli: "G",
            scale: "kecil",
            band: "1-9",
            pp: vec![("0000-01-01", far)],
            lks: vec![("0000-01-01", far)],
            wage: vec![("2025-06-01", far)],
            bpjs: vec![("2025-06-01", far)],
        },
        Known {
            registered_from: "2026-01-15",
            kecamatan: "32.75.01",
            kbli: "C",
            scale: "besar",
            band: "500+",
            pp: vec![],
            lks: vec![],
            wage: vec![],
            bpjs: vec![],
        },
    ];
    let days = [
        "2024-02-29",
        "2024-03-01",
        "2024-06-29",
        "2024-06-30",
        "2024-12-31",
        "2025-01-01",
        "2025-05-09",
        "2025-05-10",
        "2025-06-01",
        "2025-12-31",
        "2026-01-01",
        "2026-01-09",
        "2026-01-10",
        "2026-01-14",
        "2026-01-15",
        "2026-02-28",
        "2026-03-01",
        "2026-03-02",
    ];
    check_every_cell(&app, &head, &known, &days).await;
    // Sanity of the hand computation itself: the days chosen do move the figures.
    assert_eq!(expected(&known, "2025-12-31").0["all"], 2);
    assert_eq!(expected(&known, "2026-01-01").0["all"], 1, "the new UMK year takes Alfa out");
    assert_eq!(expected(&known, "2026-02-28").0["lks"], 2);
    assert_eq!(expected(&known, "2026-03-01").0["lks"], 1, "Alfa's LKS term ended");

    // Records change: Gamma reports BPJS as of 1 February 2026, then moves to Bekasi Utara.
    let mut bpjs = vec![
        ("npp", "32345678"),
        ("registered_on", "2026-01-20"),
        ("workers_enrolled", "580"),
        ("as_of", "2026-02-01"),
    ];
    bpjs.extend(all_programmes);
    see_other(app.post_form(&desk, &format!("/perusahaan/{gamma}/bpjs"), &bpjs).await).await;
    known[2].bpjs = vec![("2026-02-01", far)];
    check_every_cell(&app, &head, &known, &["2026-01-31", "2026-02-01", "2026-03-02"]).await;
    let mut moved = gamma_body;
    moved["kecamatan_code"] = json!("32.75.03");
    moved["kelurahan"] = json!("Perwira");
    let csrf = app.csrf(&desk).await;
    let res = desk
        .put(app.url(&format!("/api/v1/companies/{gamma}")))
        .header("x-csrf-token", csrf)
        .json(&moved)
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap_or_default());
    known[2].kecamatan = "32.75.03";
    check_every_cell(&app, &head, &known, &days).await;

    // The trend: end of 2024 and 2025, then each month of 2026 up to today (2 March).
    let (_, got) = get_json(&app, &head, "/api/v1/reports/indicator").await;
    assert_eq!(got["as_of"], "2026-03-02");
    assert_eq!(got["target"], 15.35, "the Renstra target of 2026");
    let trend: Vec<(String, i64, i64)> = got["trend"]
        .as_array()
        .expect("trend")
        .iter()
        .map(|p| {
            (
                p["on"].as_str().unwrap_or_default().to_string(),
                p["registered"].as_i64().unwrap_or(-1),
                p["all"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    let want: Vec<(String, i64, i64)> = ["2024-12-31", "2025-12-31", "2026-01-31", "2026-02-28", "2026-03-02"]
        .iter()
        .map(|d| {
            let (t, _) = expected(&known, d);
            (d.to_string(), t["registered"].as_i64().unwrap_or(-2), t["all"].as_i64().unwrap_or(-2))
        })
        .collect();
    assert_eq!(trend, want);

    // The drill-down lists who misses a criterion, as the desk will call them.
    let (s, page) = get_json(&app, &head, "/api/v1/reports/indicator/missing?as_of=2026-03-02&criterion=lks").await;
    assert_eq!(s, StatusCode::OK);
    let names: Vec<&str> = page["items"].as_array().expect("items").iter().filter_map(|i| i["name"].as_str()).collect();
    assert_eq!(names, ["PT Alfa", "PT Gamma"]);
    assert_eq!(page["total"], 2, "the count agrees with the list");
    let (_, page) = get_json(
        &app,
        &head,
        "/api/v1/reports/indicator/missing?as_of=2026-03-02&criterion=lks&dimension=kecamatan&key=32.75.03",
    )
    .await;
    assert_eq!((page["total"].as_i64(), page["items"][0]["name"].as_str()), (Some(1), Some("PT Gamma")), "{page}");
    assert_eq!(page["items"][0]["contact_phone"], "+6281234567890");
    let (_, page) = get_json(&app, &head, "/api/v1/reports/indicator/missing?as_of=2025-12-31&criterion=all").await;
    assert_eq!(page["total"], 0, "both counted companies met everything on the last day of 2025");
    let (s, _) = get_json(&app, &head, "/api/v1/reports/indicator/missing?criterion=gaji").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    // The summary kept along the way equals a full rebuild from the records.
    let mut before = Vec::new();
    for day in days {
        before.push(get_json(&app, &head, &format!("/api/v1/reports/indicator?as_of={day}")).await.1);
    }
    let (settings, office, now) = (app.state.settings.clone(), app.office_id("3275"), app.state.now());
    app.state
        .db
        .run(move |c| harmoni::companies::history::rebuild_office(c, &settings, &office, now))
        .await
        .expect("rebuild");
    for (day, was) in days.iter().zip(before) {
        let (_, now) = get_json(&app, &head, &format!("/api/v1/reports/indicator?as_of={day}")).await;
        assert_eq!(now, was, "incremental and rebuilt figures agree as of {day}");
    }

    // The page says which criterion holds the total back and states the threshold setting.
    let (s, html) = app.get_text(&head, "/laporan/tata-kelola?per=2026-03-02").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Kriteria yang paling menahan persentase: PP atau PKB berlaku"), "{html}");
    assert!(html.contains("dihitung terpenuhi") && html.contains("PP wajib mulai 10 pekerja"), "{html}");
    assert!(html.contains("<svg") && html.contains("role=\"img\""), "charts drawn on the server");
    let (s, html) = app.get_text(&head, "/laporan/tata-kelola?per=2026-02-30").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(html.contains("Tanggal tidak valid"));
}

async fn the_disputes_report_counts_what_happened(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    // One case settled by PB at mediation, one withdrawn in mediation, one still in mediation.
    let settled = in_mediation(&app, &p, "hak", "kunci-lap-selesai-0001").await;
    ok_step(
        &app,
        &p.mediator,
        &settled,
        json!({"action": "session", "worker_present": true, "company_present": true, "note": "Sidang pertama"}),
    )
    .await;
    ok_step(
        &app,
        &p.mediator,
        &settled,
        json!({"action": "perjanjian_bersama", "note": "Pengusaha membayar kekurangan upah."}),
    )
    .await;
    let withdrawn = in_mediation(&app, &p, "phk", "kunci-lap-dicabut-0001").await;
    ok_step(
        &app,
        &p.worker,
        &withdrawn,
        json!({"action": "withdraw", "note": "Sudah diselesaikan secara kekeluargaan."}),
    )
    .await;
    let open = in_mediation(&app, &p, "kepentingan", "kunci-lap-terbuka-0001").await;

    let (s, d) = get_json(&app, &p.head, "/api/v1/reports/disputes?period=2026").await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(
        (d["recorded"].as_i64(), d["carried_over"].as_i64(), d["registered"].as_i64()),
        (Some(3), Some(0), Some(3))
    );
    assert_eq!(d["resolved"], 2, "PB and withdrawal count as resolved by default");
    assert_eq!(d["completed_at_mediation"], 2);
    assert!((d["resolution_rate"].as_f64().unwrap_or(0.0) - 200.0 / 3.0).abs() < 1e-9);
    let by: Vec<(String, String, i64)> = d["by_type_outcome"]
        .as_array()
        .expect("by type")
        .iter()
        .map(|x| {
            (
                x["dispute_type"].as_str().unwrap_or_default().into(),
                x["status"].as_str().unwrap_or_default().into(),
                x["cases"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(by, [("hak".to_string(), "selesai_pb".to_string(), 1), ("phk".into(), "dicabut".into(), 1)]);
    assert_eq!(d["mediations_finished"], 2);
    assert_eq!(d["mediations_on_time"], 2);
    assert_eq!(d["resolved_in_year"], 2);
    assert_eq!(d["resolved_target"], 90);
    assert_eq!(d["prevented_in_year"], 0);
    let ageing = d["ageing"].as_array().expect("ageing");
    assert_eq!(ageing.len(), 1);
    assert_eq!(ageing[0]["status"], "mediasi");
    assert_eq!(ageing[0]["bands"], json!([1, 0, 0, 0]));
    let me = d["mediators"]
        .as_array()
        .expect("mediators")
        .iter()
        .find(|m| m["mediator_id"] == p.mediator_id.as_str())
        .cloned()
        .expect("line");
    assert_eq!((me["open"].as_i64(), me["finished"].as_i64(), me["overdue"].as_i64()), (Some(1), Some(2), Some(0)));
    // Another quarter has nothing.
    // The next quarter carries the open case over and resolves nothing; the one before had none.
    let (_, q) = get_json(&app, &p.head, "/api/v1/reports/disputes?period=2026-Q2").await;
    assert_eq!(
        (q["recorded"].as_i64(), q["carried_over"].as_i64(), q["resolved"].as_i64()),
        (Some(1), Some(1), Some(0))
    );
    assert_eq!(q["resolution_rate"], 0.0);
    let (_, q) = get_json(&app, &p.head, "/api/v1/reports/disputes?period=2025").await;
    assert_eq!((q["recorded"].as_i64(), q["resolved"].as_i64()), (Some(0), Some(0)));
    assert_eq!(q["resolution_rate"], Value::Null, "no rate without handled cases");
    let (s, e) = get_json(&app, &p.head, "/api/v1/reports/disputes?period=2026-13").await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_period")));

    // Three days later the first session (7 WD from delegation, 11 March) is 4 WD away.
    app.advance(chrono::Duration::days(3));
    let head = crate::cases::relogin(&app, "kabid@bekasikota.go.id").await;
    let (_, d) = get_json(&app, &head, "/api/v1/reports/disputes?period=2026").await;
    let near: Vec<(&str, &str, i64)> = d["approaching"]
        .as_array()
        .expect("approaching")
        .iter()
        .map(|c| {
            (
                c["case_id"].as_str().unwrap_or_default(),
                c["rule"].as_str().unwrap_or_default(),
                c["working_days"].as_i64().unwrap_or(-99),
            )
        })
        .collect();
    assert_eq!(near, [(open.as_str(), "sidang_mediasi_pertama", 4)]);
    let (_, home) = app.get_text(&head, "/").await;
    assert!(home.contains("Tidak ada tenggat yang terlewati"), "{home}");
    // Weeks later it has passed: the head's home page opens on the indicator and that case.
    app.advance(chrono::Duration::days(18));
    let head = crate::cases::relogin(&app, "kabid@bekasikota.go.id").await;
    let (_, home) = app.get_text(&head, "/").await;
    assert!(home.contains("Tata kelola kerja layak") && home.contains("Perkara melewati tenggat (1)"), "{home}");
    assert!(home.contains(&format!("/kasus/{open}")), "{home}");
    let (_, d) = get_json(&app, &head, "/api/v1/reports/disputes?period=2026").await;
    assert_eq!(
        d["mediators"]
            .as_array()
            .expect("m")
            .iter()
            .find(|m| m["mediator_id"] == p.mediator_id.as_str())
            .expect("line")["overdue"],
        1
    );
}

async fn reports_are_exported_as_real_spreadsheets(backend: Backend) {
    use calamine::{Data, Reader, Xlsx};
    let app = spawn(backend).await;
    let desk = app.browser_for(&app.user("petugas", "petugas@bekasikota.go.id").await).await;
    let id = created(
        &app,
        &desk,
        company("PT Ekspor", "9120000000401", "32.75.01", "10792", "kecil", 8, Some("2025-05-10")),
    )
    .await;
    see_other(
        app.post_form(
            &desk,
            &format!("/perusahaan/{id}/bpjs"),
            &[
                ("npp", "42345678"),
                ("registered_on", "2025-05-20"),
                ("programmes", "JKK"),
                ("programmes", "JKM"),
                ("programmes", "JHT"),
                ("programmes", "JKP"),
                ("workers_enrolled", "8"),
                ("as_of", "2026-02-10"),
            ],
        )
        .await,
    )
    .await;

    let res = app.get(&desk, "/laporan/tata-kelola?per=2026-03-02&format=xlsx").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        header(res.headers(), "content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(header(res.headers(), "content-disposition").contains("tata-kelola-kerja-layak-2026-03-02.xlsx"));
    let bytes = res.bytes().await.expect("bytes").to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("an XLSX workbook");
    let names = book.sheet_names();
    assert_eq!(names[..2], ["Ringkasan".to_string(), "kriteria".to_string()]);
    let sheet = book.worksheet_range("kriteria").expect("criteria sheet");
    // Looked at as CSV (printed with --nocapture).
    let as_csv: Vec<String> =
        sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(",")).collect();
    println!("{}", as_csv.join("\n"));
    let row = |label: &str| sheet.rows().find(|r| r.first().is_some_and(|c| *c == label)).expect(label).to_vec();
    let bpjs = row("BPJS Ketenagakerjaan");
    assert_eq!(bpjs[1], Data::Float(1.0), "a number, not text");
    assert_eq!(bpjs[2], Data::Float(1.0));
    assert_eq!(bpjs[3], Data::Float(1.0), "100% as the fraction 1 with a percent format");
    let wage = row("Struktur dan skala upah");
    assert_eq!((wage[1].clone(), wage[3].clone()), (Data::Float(0.0), Data::Float(0.0)));
    let trend = book.worksheet_range("tren").expect("trend sheet");
    let first = trend.rows().nth(2).expect("a point").to_vec();
    assert!(matches!(first[0], Data::DateTime(_)), "dates are dates: {:?}", first[0]);

    let res = app.get(&desk, "/laporan/sengketa?periode=2026&format=csv").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(header(res.headers(), "content-type").starts_with("text/csv"));
    let csv = res.text().await.expect("csv");
    assert!(csv.contains("Tingkat penyelesaian") && csv.contains("Per mediator"), "{csv}");
    let (s, print) = app.get_text(&desk, "/laporan/bulanan?bulan=2026-02&format=cetak").await;
    assert_eq!(s, StatusCode::OK);
    assert!(print.contains("printable") && print.contains("Februari 2026") && print.contains("42345678"), "{print}");
}

async fn who_may_read_which_report(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let in_other_office = app.user_in("3216", "pimpinan", "kabid@kabbekasi.go.id").await;
    let other_head = app.browser_for(&in_other_office).await;
    let other_mediator = app.user_in("3216", "mediator", "mediator@kabbekasi.go.id").await;
    let mediator2 = app.user("mediator", "mediator3@bekasikota.go.id").await;
    let admin = app.browser_for(&app.user("admin", "admin@bekasikota.go.id").await).await;
    let pages = [
        "/laporan/tata-kelola",
        "/laporan/tata-kelola?format=xlsx",
        "/laporan/tata-kelola/belum-memenuhi?kriteria=pp",
        "/laporan/sengketa",
        "/laporan/sengketa?format=csv",
        "/laporan/bulanan?bulan=2026-02",
        "/api/v1/reports/indicator",
        "/api/v1/reports/indicator/missing",
        "/api/v1/reports/disputes",
        "/api/v1/reports/monthly?month=2026-02",
    ];
    for path in pages {
        for (who, client) in [("worker", &p.worker), ("company", &p.rep)] {
            assert_eq!(app.get(client, path).await.status(), StatusCode::FORBIDDEN, "{who} {path}");
        }
        for (who, client) in [("head", &p.head), ("desk", &p.officer), ("admin", &admin), ("other office", &other_head)]
        {
            assert_eq!(app.get(client, path).await.status(), StatusCode::OK, "{who} {path}");
        }
        let anonymous = app.get(&browser(), path).await.status();
        assert!(anonymous == StatusCode::UNAUTHORIZED || anonymous.is_redirection(), "anonymous {path}: {anonymous}");
        let expected =
            if path.contains("sengketa") || path.contains("disputes") { StatusCode::OK } else { StatusCode::FORBIDDEN };
        assert_eq!(app.get(&p.mediator, path).await.status(), expected, "mediator {path}");
    }
    // A mediator's disputes report holds their own line only; another mediator's is not found.
    let (_, d) = get_json(&app, &p.mediator, "/api/v1/reports/disputes").await;
    let ids: Vec<&str> =
        d["mediators"].as_array().expect("mediators").iter().filter_map(|m| m["mediator_id"].as_str()).collect();
    assert_eq!(ids, [p.mediator_id.as_str()]);
    assert_eq!(d["mediator_id"], p.mediator_id.as_str());
    assert_eq!(d["prevented_in_year"], Value::Null, "office-wide figures are not theirs");
    let other = format!("/api/v1/reports/disputes?mediator={}", mediator2.id);
    assert_eq!(app.get(&p.mediator, &other).await.status(), StatusCode::NOT_FOUND);
    // The head may narrow to a mediator of the office, not to one of another office.
    assert_eq!(app.get(&p.head, &other).await.status(), StatusCode::OK);
    let foreign = format!("/laporan/sengketa?mediator={}", other_mediator.id);
    assert_eq!(app.get(&p.head, &foreign).await.status(), StatusCode::NOT_FOUND);
    let foreign = format!("/api/v1/reports/disputes?mediator={}", other_mediator.id);
    assert_eq!(app.get(&p.head, &foreign).await.status(), StatusCode::NOT_FOUND);
    // The other office's figures are its own: the company registered here is not counted there.
    let (_, here) = get_json(&app, &p.head, "/api/v1/reports/indicator").await;
    let (_, there) = get_json(&app, &other_head, "/api/v1/reports/indicator").await;
    assert_eq!(here["total"]["registered"], 2);
    assert_eq!(there["total"]["registered"], 0);
}

async fn the_summary_stays_exact_under_concurrent_writes(backend: Backend) {
    let app = spawn(backend).await;
    let desk = app.browser_for(&app.user("petugas", "petugas@bekasikota.go.id").await).await;
    let head = app.browser_for(&app.user("pimpinan", "kabid@bekasikota.go.id").await).await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let nib = format!("91200000005{i:02}");
        ids.push(
            created(
                &app,
                &desk,
                company(&format!("PT Paralel {i}"), &nib, "32.75.01", "10792", "kecil", 20, Some("2024-01-02")),
            )
            .await,
        );
    }
    // Twelve BPJS and wage-scale records at once, four on each company, from two browsers.
    let desk2 = app.browser_for(&app.user("petugas", "petugas2@bekasikota.go.id").await).await;
    let mut writes = Vec::new();
    for (n, id) in ids.iter().cycle().take(12).enumerate() {
        let client = if n % 2 == 0 { desk.clone() } else { desk2.clone() };
        let (app_url, id) = (app.url(""), id.clone());
        let csrf = app.csrf(&client).await;
        writes.push(tokio::spawn(async move {
            let day = format!("2025-{:02}-15", n % 12 + 1);
            // One wage scale and three BPJS figures on each company (n = 0, 4, 8 are wage scales).
            let path = if n % 4 == 0 { "skala-upah" } else { "bpjs" };
            let fields: Vec<(String, String)> = if path == "bpjs" {
                [
                    ("npp", format!("5{n:07}")),
                    ("registered_on", "2024-02-01".into()),
                    ("workers_enrolled", "20".into()),
                    ("as_of", day),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .chain(["JKK", "JKM", "JHT", "JKP"].into_iter().map(|p| ("programmes".to_string(), p.to_string())))
                .chain(std::iter::once(("csrf_token".to_string(), csrf.clone())))
                .collect()
            } else {
                vec![
                    ("effective_on".into(), day),
                    ("workers_informed".into(), "true".into()),
                    ("grades".into(), "I; Operator; 6.100.000; 7.000.000".into()),
                    ("csrf_token".into(), csrf.clone()),
                ]
            };
            client
                .post(format!("{app_url}/perusahaan/{id}/{path}"))
                .header("origin", app_url.trim_end_matches('/'))
                .form(&fields)
                .send()
                .await
                .expect("post")
                .status()
        }));
    }
    for w in writes {
        assert_eq!(w.await.expect("join"), StatusCode::SEE_OTHER);
    }
    let days = ["2025-01-14", "2025-01-15", "2025-04-15", "2025-07-15", "2025-12-31", "2026-03-02"];
    let mut kept = Vec::new();
    for day in days {
        kept.push(get_json(&app, &head, &format!("/api/v1/reports/indicator?as_of={day}")).await.1);
    }
    assert_eq!(kept[5]["total"]["bpjs"], 3, "every company reported BPJS: {}", kept[5]);
    assert_eq!(kept[5]["total"]["wage"], 3, "every company has a wage scale: {}", kept[5]);
    assert_eq!(kept[0]["total"]["bpjs"], 0);
    let (settings, office, now) = (app.state.settings.clone(), app.office_id("3275"), app.state.now());
    app.state
        .db
        .run(move |c| harmoni::companies::history::rebuild_office(c, &settings, &office, now))
        .await
        .expect("rebuild");
    for (day, was) in days.iter().zip(kept) {
        let (_, now) = get_json(&app, &head, &format!("/api/v1/reports/indicator?as_of={day}")).await;
        assert_eq!(now, was, "the summary kept under concurrent writes equals a rebuild as of {day}");
    }
}

/// Cases recorded before `status_since` existed get it from their history when the migration
/// adds it, so the ageing of open cases is the same before and after an upgrade.
async fn an_upgrade_fills_status_since_from_the_history(backend: Backend) {
    let app = spawn(backend).await;
    let p = people(&app).await;
    let waiting = in_mediation(&app, &p, "hak", "kunci-lap-sejak-0001").await;
    let heard = in_mediation(&app, &p, "phk", "kunci-lap-sejak-0002").await;
    app.advance(chrono::Duration::days(3));
    let mediator = crate::cases::relogin(&app, "mediator1@bekasikota.go.id").await;
    let head = crate::cases::relogin(&app, "kabid@bekasikota.go.id").await;
    let session =
        json!({"action": "session", "worker_present": true, "company_present": true, "note": "Sidang pertama"});
    ok_step(&app, &mediator, &heard, session).await;
    let (_, before) = get_json(&app, &head, "/api/v1/reports/disputes?period=2026").await;
    let since = |c: &mut harmoni::db::DbConn| -> Vec<(String, Option<chrono::NaiveDate>)> {
        use diesel::prelude::*;
        use harmoni::schema::cases;
        let rows: Vec<(String, Option<chrono::NaiveDate>)> =
            cases::table.select((cases::id, cases::status_since)).order(cases::id).load(c).expect("cases");
        rows
    };
    let (kept, filled) = app
        .state
        .db
        .run(move |c| {
            use diesel_migrations::MigrationHarness;
            let kept = since(c);
            loop {
                let reverted = match &mut *c {
                    harmoni::db::DbConn::Sqlite(c) => {
                        c.revert_last_migration(harmoni::db::SQLITE_MIGRATIONS).map(|m| m.to_string())
                    }
                    harmoni::db::DbConn::Postgres(c) => {
                        c.revert_last_migration(harmoni::db::POSTGRES_MIGRATIONS).map(|m| m.to_string())
                    }
                }
                .expect("revert");
                if reverted == "20261208000022" {
                    break;
                }
            }
            harmoni::db::run_migrations(c)?;
            Ok((kept, since(c)))
        })
        .await
        .expect("migrations");
    assert_eq!(kept.len(), 2);
    assert_eq!(filled, kept, "the migration fills what the steps kept");
    let entered = |id: &str| kept.iter().find(|(c, _)| c == id).and_then(|(_, d)| *d);
    assert_eq!(entered(&heard), entered(&waiting), "a session in the stage does not move the day it began: {kept:?}");
    assert!(entered(&heard).is_some());
    let (_, after) = get_json(&app, &head, "/api/v1/reports/disputes?period=2026").await;
    assert_eq!(after["ageing"], before["ageing"]);
}

both_backends!(
    an_upgrade_fills_status_since_from_the_history,
    the_summary_stays_exact_under_concurrent_writes,
    the_indicator_agrees_with_a_recomputation_as_of_any_day,
    the_disputes_report_counts_what_happened,
    reports_are_exported_as_real_spreadsheets,
    who_may_read_which_report,
);
