//! The reports as the pages, the printable sheet and the CSV/XLSX exports show them: headline
//! figures, charts and typed tables built once from the service's figures.

use chrono::NaiveDate;
use harmoni_templates::components::FormErrors;
use harmoni_templates::pages::reports::{thousands, Bar, Cell, Chart, Figure, ReportForm, ReportView, Table};
use harmoni_templates::Lang;

use crate::cases::rules::{DisputeType, Status};
use crate::companies::rules::{Regions, SIZE_CLASSES};
use crate::http::errors::urlencode;
use crate::reports::model::MissingRow;
use crate::reports::rules::{percent, AGE_BANDS};
use crate::reports::service::{Disputes, Indicator, IndicatorLine, Monthly};

/// The reports' tabs: (path, label); a mediator sees the disputes only.
pub fn tabs(l: Lang, current: &str, mediator: bool) -> Vec<(String, String, bool)> {
    let all = [
        ("/laporan/tata-kelola", l.t("Tata kelola kerja layak", "Decent work governance")),
        ("/laporan/sengketa", l.t("Perselisihan", "Disputes")),
        ("/laporan/bulanan", l.t("Laporan bulanan HI", "Monthly HI report")),
    ];
    all.iter()
        .filter(|(p, _)| !mediator || *p == "/laporan/sengketa")
        .map(|(p, label)| (p.to_string(), label.to_string(), *p == current))
        .collect()
}

pub fn criterion_label(l: Lang, c: &str) -> &'static str {
    match c {
        "pp" => l.t("PP atau PKB berlaku", "Valid PP or PKB"),
        "lks" => l.t("LKS Bipartit tercatat", "Recorded LKS Bipartit"),
        "wage" => l.t("Struktur dan skala upah", "Wage structure and scale"),
        "bpjs" => l.t("BPJS Ketenagakerjaan", "BPJS Ketenagakerjaan"),
        _ => l.t("Keempat kriteria", "All four criteria"),
    }
}

pub fn dimension_label(l: Lang, d: &str) -> &'static str {
    match d {
        "kecamatan" => l.t("Kecamatan", "Kecamatan (district)"),
        "kbli" => l.t("Kategori KBLI", "KBLI section"),
        "scale" => l.t("Skala usaha", "Business scale"),
        _ => l.t("Jumlah pekerja", "Workforce"),
    }
}

/// The name of a KBLI 2020 section.
fn kbli_name(l: Lang, s: &str) -> &'static str {
    match s {
        "A" => l.t("Pertanian, kehutanan dan perikanan", "Agriculture, forestry and fishing"),
        "B" => l.t("Pertambangan dan penggalian", "Mining and quarrying"),
        "C" => l.t("Industri pengolahan", "Manufacturing"),
        "D" => l.t("Listrik, gas, uap", "Electricity, gas, steam"),
        "E" => l.t("Air, limbah dan daur ulang", "Water, waste and recycling"),
        "F" => l.t("Konstruksi", "Construction"),
        "G" => l.t("Perdagangan besar dan eceran", "Wholesale and retail trade"),
        "H" => l.t("Transportasi dan pergudangan", "Transport and storage"),
        "I" => l.t("Akomodasi dan makan minum", "Accommodation and food"),
        "J" => l.t("Informasi dan komunikasi", "Information and communication"),
        "K" => l.t("Jasa keuangan dan asuransi", "Finance and insurance"),
        "L" => l.t("Real estat", "Real estate"),
        "M" => l.t("Jasa profesional, ilmiah dan teknis", "Professional, scientific, technical"),
        "N" => l.t("Jasa persewaan dan penunjang usaha", "Rental and business support"),
        "O" => l.t("Administrasi pemerintahan", "Public administration"),
        "P" => l.t("Jasa pendidikan", "Education"),
        "Q" => l.t("Kesehatan dan kegiatan sosial", "Health and social work"),
        "R" => l.t("Kesenian, hiburan dan rekreasi", "Arts and recreation"),
        "S" => l.t("Jasa lainnya", "Other services"),
        "T" => l.t("Jasa perorangan rumah tangga", "Households as employers"),
        "U" => l.t("Badan internasional", "Extraterritorial bodies"),
        _ => l.t("Tidak diketahui", "Unknown"),
    }
}

/// The label of a breakdown key.
pub fn key_label(l: Lang, regions: &Regions, dimension: &str, key: &str) -> String {
    match dimension {
        "kecamatan" if key.is_empty() => l.t("Tanpa kecamatan", "No kecamatan").into(),
        "kecamatan" => regions.find(key).map_or(key.to_string(), |k| k.name.clone()),
        "kbli" => format!("{key} – {}", kbli_name(l, key)),
        "scale" => {
            SIZE_CLASSES.iter().find(|(c, _, _)| *c == key).map_or(key.to_string(), |(_, id, en)| l.t(id, en).into())
        }
        _ => format!("{key} {}", l.t("pekerja", "workers")),
    }
}

fn share_text(part: i64, whole: i64) -> String {
    format!(
        "{} / {} ({})",
        thousands(part),
        thousands(whole),
        crate::reports::rules::percent_text(percent(part, whole))
    )
}

/// The drill-down's query string: the as-of day, the criterion and optionally one breakdown cell.
fn drill_query(as_of: &str, criterion: &str, cell: Option<(&str, &str)>) -> String {
    let mut query = format!("per={as_of}&kriteria={criterion}");
    if let Some((d, k)) = cell {
        query.push_str(&format!("&dimensi={d}&kunci={}", urlencode(k)));
    }
    query
}

fn drill(as_of: &str, criterion: &str, cell: Option<(&str, &str)>) -> String {
    format!("{MISSING_PATH}?{}", drill_query(as_of, criterion, cell))
}

const MISSING_PATH: &str = "/laporan/tata-kelola/belum-memenuhi";

/// The indicator as a report view.
pub fn indicator_view(l: Lang, regions: &Regions, i: &Indicator) -> ReportView {
    let as_of = i.as_of.to_string();
    let t = &i.total;
    let year = i.as_of.format("%Y").to_string();
    let target_label = format!("{} {year}", l.t("Target Renstra", "Renstra target"));
    let mut figures = vec![
        Figure {
            label: l
                .t(
                    "Persentase perusahaan yang menerapkan tata kelola kerja layak",
                    "Share of companies with decent work governance",
                )
                .into(),
            value: crate::reports::rules::percent_text(i.percent),
            note: format!("{} {} {}", thousands(t.all), l.t("dari", "of"), thousands(t.registered)),
        },
        Figure {
            label: target_label.clone(),
            value: i.target.map_or("–".into(), |v| crate::reports::rules::percent_text(Some(v))),
            note: match (i.percent, i.target) {
                (Some(p), Some(v)) if p >= v => l.t("Tercapai", "Met").into(),
                (Some(_), Some(_)) => l.t("Belum tercapai", "Not yet met").into(),
                _ => String::new(),
            },
        },
    ];
    figures.push(Figure {
        label: l.t("Perusahaan terdaftar (WLKP)", "Registered companies (WLKP)").into(),
        value: thousands(t.registered),
        note: String::new(),
    });
    let criteria = [("all", t.all), ("pp", t.pp), ("lks", t.lks), ("wage", t.wage), ("bpjs", t.bpjs)];
    let weakest = criteria[1..].iter().min_by_key(|(_, n)| *n).map(|(c, _)| *c).unwrap_or("pp");
    let chart = Chart {
        title: l.t("Bagian perusahaan yang memenuhi tiap kriteria", "Share of companies meeting each criterion").into(),
        bars: criteria
            .iter()
            .map(|(c, n)| Bar {
                label: criterion_label(l, c).into(),
                percent: percent(*n, t.registered),
                text: share_text(*n, t.registered),
            })
            .collect(),
        target: i.target.map(|v| (target_label.clone(), v)),
        table_slug: "kriteria".into(),
    };
    let criteria_table = Table {
        slug: "kriteria".into(),
        title: l.t("Per kriteria", "By criterion").into(),
        columns: vec![
            l.t("Kriteria", "Criterion").into(),
            l.t("Memenuhi", "Meeting it").into(),
            l.t("Terdaftar", "Registered").into(),
            l.t("Persentase", "Percent").into(),
            l.t("Belum memenuhi", "Not meeting it").into(),
        ],
        rows: criteria
            .iter()
            .map(|(c, n)| {
                vec![
                    Cell::Text(criterion_label(l, c).into()),
                    Cell::Int(*n),
                    Cell::Int(t.registered),
                    Cell::Percent(percent(*n, t.registered)),
                    Cell::Link(thousands(t.registered - n), drill(&as_of, c, None)),
                ]
            })
            .collect(),
        note: Some(format!(
            "{} {}",
            l.t("Kriteria yang paling menahan persentase:", "The criterion holding the total back most:"),
            criterion_label(l, weakest)
        )),
    };
    let mut tables = vec![criteria_table];
    let mut charts = vec![chart];
    for dim in crate::companies::history::DIMENSIONS {
        let lines = i.breakdowns.get(dim).map(Vec::as_slice).unwrap_or_default();
        let label = |x: &IndicatorLine| key_label(l, regions, dim, &x.key);
        if dim == "kecamatan" {
            charts.push(Chart {
                title: l
                    .t("Memenuhi keempat kriteria, per kecamatan", "Meeting all four criteria, by kecamatan")
                    .into(),
                bars: lines
                    .iter()
                    .map(|x| Bar { label: label(x), percent: x.share(x.all), text: share_text(x.all, x.registered) })
                    .collect(),
                target: i.target.map(|v| (target_label.clone(), v)),
                table_slug: "kecamatan".into(),
            });
        }
        tables.push(Table {
            slug: dim.to_string(),
            title: match dim {
                "kecamatan" => l.t("Per kecamatan", "By kecamatan"),
                "kbli" => l.t("Per kategori KBLI", "By KBLI section"),
                "scale" => l.t("Per skala usaha", "By business scale"),
                _ => l.t("Per jumlah pekerja", "By workforce"),
            }
            .into(),
            columns: vec![
                dimension_label(l, dim).into(),
                l.t("Terdaftar", "Registered").into(),
                l.t("Memenuhi semua", "Meeting all").into(),
                l.t("% semua", "% all").into(),
                "% PP/PKB".into(),
                "% LKS".into(),
                l.t("% skala upah", "% wage scale").into(),
                "% BPJS".into(),
            ],
            rows: lines
                .iter()
                .map(|x| {
                    vec![
                        Cell::Link(label(x), drill(&as_of, "all", Some((dim, &x.key)))),
                        Cell::Int(x.registered),
                        Cell::Int(x.all),
                        Cell::Percent(x.share(x.all)),
                        Cell::Percent(x.share(x.pp)),
                        Cell::Percent(x.share(x.lks)),
                        Cell::Percent(x.share(x.wage)),
                        Cell::Percent(x.share(x.bpjs)),
                    ]
                })
                .collect(),
            note: None,
        });
    }
    charts.push(Chart {
        title: l
            .t(
                "Perkembangan: akhir tiap tahun dan tiap bulan tahun ini",
                "Trend: end of each year and each month this year",
            )
            .into(),
        bars: i
            .trend
            .iter()
            .map(|p| Bar {
                label: p.on.to_string(),
                percent: p.percent,
                text: match p.target {
                    Some(t) => format!(
                        "{} · {} {}",
                        share_text(p.all, p.registered),
                        l.t("target", "target"),
                        crate::reports::rules::percent_text(Some(t))
                    ),
                    None => share_text(p.all, p.registered),
                },
            })
            .collect(),
        target: None,
        table_slug: "tren".into(),
    });
    tables.push(Table {
        slug: "tren".into(),
        title: l.t("Perkembangan", "Trend").into(),
        columns: vec![
            l.t("Per tanggal", "As of").into(),
            l.t("Terdaftar", "Registered").into(),
            l.t("Memenuhi semua", "Meeting all").into(),
            l.t("Persentase", "Percent").into(),
            l.t("Target", "Target").into(),
        ],
        rows: i
            .trend
            .iter()
            .map(|p| {
                vec![
                    Cell::Date(p.on),
                    Cell::Int(p.registered),
                    Cell::Int(p.all),
                    Cell::Percent(p.percent),
                    Cell::Percent(p.target),
                ]
            })
            .collect(),
        note: None,
    });
    let setting = if i.unrequired_counted_as_met {
        l.t(
            "Kriteria yang tidak diwajibkan undang-undang dihitung terpenuhi",
            "Criteria the law does not require are counted as met",
        )
    } else {
        l.t(
            "Kriteria yang tidak diwajibkan undang-undang dihitung belum terpenuhi",
            "Criteria the law does not require are counted as not met",
        )
    };
    ReportView {
        title: l.t("Tata kelola kerja layak", "Decent work governance").into(),
        subtitle: format!("{} {}", l.t("Per tanggal", "As of"), l.date_long(i.as_of)),
        path: "/laporan/tata-kelola".into(),
        query: format!("per={as_of}"),
        form: ReportForm::AsOf { value: as_of.clone() },
        errors: Default::default(),
        figures,
        charts,
        tables,
        notes: vec![
            format!(
                "{setting} ({} {}, {} {}).",
                l.t("PP wajib mulai", "PP required from"),
                format_workers(l, i.pp_required_from_workers),
                l.t("LKS Bipartit wajib mulai", "LKS Bipartit required from"),
                format_workers(l, i.lks_required_from_workers),
            ),
            l.t(
                "Penyebut: perusahaan aktif di kota yang terdaftar WLKP pada tanggal itu. Kriteria bersifat kumulatif: PP atau PKB berlaku, LKS Bipartit tercatat dalam masa baktinya, struktur dan skala upah yang diberitahukan dan tidak di bawah UMK tahun itu, serta kepesertaan BPJS Ketenagakerjaan untuk program wajib.",
                "Denominator: active companies in the city registered in WLKP on that day. The criteria are cumulative: a valid PP or PKB, an LKS Bipartit recorded and within its term, a wage scale workers were told of and not below that year's UMK, and BPJS Ketenagakerjaan enrolment in the required programmes.",
            )
            .into(),
        ],
        tabs: Vec::new(),
        pager: None,
    }
}

fn format_workers(l: Lang, n: i32) -> String {
    format!("{n} {}", l.t("pekerja", "workers"))
}

fn status_label(l: Lang, s: &str) -> String {
    Status::parse(s).map_or(s.to_string(), |s| s.label(l).to_string())
}

/// The disputes report as a report view.
pub fn disputes_view(l: Lang, d: &Disputes, mediator_name: Option<&str>) -> ReportView {
    let pct = |p: Option<f64>| crate::reports::rules::percent_text(p);
    let mut figures = vec![
        Figure {
            label: l.t("Perselisihan tercatat", "Disputes recorded").into(),
            value: thousands(d.recorded),
            note: String::new(),
        },
        Figure {
            label: l.t("Tingkat penyelesaian", "Resolution rate").into(),
            value: pct(d.resolution_rate),
            note: format!("{} {} {}", thousands(d.resolved), l.t("selesai dari", "resolved of"), thousands(d.recorded)),
        },
        Figure {
            label: l.t("Selesai di tahap mediasi", "Completed at mediation").into(),
            value: pct(d.completion_rate),
            note: format!("{} {}", thousands(d.completed_at_mediation), l.t("perkara", "cases")),
        },
        Figure {
            label: format!(
                "{} {} {}",
                l.t("Mediasi selesai dalam", "Mediations finished within"),
                d.mediation_days,
                l.t("hari kerja", "working days")
            ),
            value: pct(percent(d.mediations_on_time, d.mediations_finished)),
            note: format!("{} / {}", d.mediations_on_time, d.mediations_finished),
        },
        Figure {
            label: format!("{} {}", l.t("Perselisihan diselesaikan tahun", "Disputes resolved in"), d.year),
            value: format!("{} / {}", d.resolved_in_year, d.resolved_target),
            note: l.t("terhadap target Renstra per tahun", "against the yearly Renstra target").into(),
        },
    ];
    if let (Some(y), Some(p)) = (d.prevented_in_year, d.prevented_in_period) {
        figures.push(Figure {
            label: format!(
                "{} {}",
                l.t(
                    "Perselisihan dicegah (mogok/penutupan difasilitasi) tahun",
                    "Disputes prevented (strikes/lock-outs facilitated) in"
                ),
                d.year
            ),
            value: format!("{y} / {}", d.prevented_target),
            note: format!("{} {p}", l.t("dalam periode:", "in the period:")),
        });
    }
    let mut charts = vec![Chart {
        title: l.t("Capaian terhadap target", "Progress against targets").into(),
        bars: [
            Some((l.t("Diselesaikan", "Resolved"), d.resolved_in_year, i64::from(d.resolved_target))),
            d.prevented_in_year.map(|p| (l.t("Dicegah", "Prevented"), p, i64::from(d.prevented_target))),
        ]
        .into_iter()
        .flatten()
        .map(|(label, n, target)| Bar {
            label: label.into(),
            percent: percent(n, target),
            text: format!("{n} / {target}"),
        })
        .collect(),
        target: Some((l.t("Target", "Target").into(), 100.0)),
        table_slug: "ringkasan".into(),
    }];
    let summary = Table {
        slug: "ringkasan".into(),
        title: l.t("Ringkasan", "Summary").into(),
        columns: vec![l.t("Ukuran", "Measure").into(), l.t("Jumlah", "Count").into(), l.t("Persentase", "Percent").into()],
        rows: vec![
            vec![Cell::Text(l.t("Sisa periode sebelumnya", "Carried over").into()), Cell::Int(d.carried_over), Cell::Percent(None)],
            vec![Cell::Text(l.t("Baru tercatat", "Newly recorded").into()), Cell::Int(d.registered), Cell::Percent(None)],
            vec![Cell::Text(l.t("Ditangani", "Handled").into()), Cell::Int(d.recorded), Cell::Percent(None)],
            vec![Cell::Text(l.t("Diselesaikan", "Resolved").into()), Cell::Int(d.resolved), Cell::Percent(d.resolution_rate)],
            vec![Cell::Text(l.t("Selesai di tahap mediasi", "Completed at mediation").into()), Cell::Int(d.completed_at_mediation), Cell::Percent(d.completion_rate)],
            vec![Cell::Text(l.t("Mediasi berakhir", "Mediations ended").into()), Cell::Int(d.mediations_finished), Cell::Percent(None)],
            vec![Cell::Text(l.t("… tepat waktu", "… on time").into()), Cell::Int(d.mediations_on_time), Cell::Percent(percent(d.mediations_on_time, d.mediations_finished))],
            vec![Cell::Text(format!("{} {}", l.t("Diselesaikan tahun", "Resolved in"), d.year)), Cell::Int(d.resolved_in_year), Cell::Percent(percent(d.resolved_in_year, i64::from(d.resolved_target)))],
        ]
        .into_iter()
        .chain(d.prevented_in_year.map(|p| {
            vec![Cell::Text(format!("{} {}", l.t("Dicegah tahun", "Prevented in"), d.year)), Cell::Int(p), Cell::Percent(percent(p, i64::from(d.prevented_target)))]
        }))
        .collect(),
        note: Some(format!(
            "{} {}. {}",
            l.t("Diselesaikan = ditutup dalam periode dengan status", "Resolved = closed in the period with status"),
            d.resolved_statuses.iter().map(|s| status_label(l, s)).collect::<Vec<_>>().join(", "),
            l.t(
                "Ditangani = perkara tercatat yang masih terbuka pada awal periode ditambah yang tercatat selama periode. Tingkat penyelesaian = diselesaikan / ditangani × 100. Selesai di tahap mediasi = PB, anjuran ditolak (lanjut PHI), atau dicabut setelah penunjukan mediator.",
                "Handled = registered cases still open at the start of the period plus those registered during it. Resolution rate = resolved / handled × 100. Completed at mediation = PB, anjuran rejected (on to PHI), or withdrawn after a mediator was delegated.",
            )
        )),
    };
    let outcomes: Vec<String> = {
        let mut o: Vec<String> = d.by_type_outcome.iter().map(|x| x.status.clone()).collect();
        o.sort();
        o.dedup();
        o
    };
    let by_type = Table {
        slug: "jenis".into(),
        title: l.t("Ditutup per jenis dan hasil", "Closed by type and outcome").into(),
        columns: std::iter::once(l.t("Jenis perselisihan", "Dispute type").to_string())
            .chain(outcomes.iter().map(|s| status_label(l, s)))
            .chain(std::iter::once(l.t("Jumlah", "Total").to_string()))
            .collect(),
        rows: DisputeType::ALL
            .iter()
            .map(|t| {
                let n = |s: &str| {
                    d.by_type_outcome
                        .iter()
                        .find(|x| x.dispute_type == t.as_str() && x.status == s)
                        .map_or(0, |x| x.cases)
                };
                std::iter::once(Cell::Text(t.label(l).into()))
                    .chain(outcomes.iter().map(|s| Cell::Int(n(s))))
                    .chain(std::iter::once(Cell::Int(outcomes.iter().map(|s| n(s)).sum())))
                    .collect()
            })
            .collect(),
        note: None,
    };
    let ageing = Table {
        slug: "umur".into(),
        title: l.t("Umur perkara terbuka per tahap (hari kerja)", "Age of open cases by stage (working days)").into(),
        columns: std::iter::once(l.t("Tahap", "Stage").to_string())
            .chain(AGE_BANDS.iter().map(|b| b.to_string()))
            .collect(),
        rows: d
            .ageing
            .iter()
            .map(|a| {
                std::iter::once(Cell::Text(status_label(l, &a.status)))
                    .chain(a.bands.iter().map(|n| Cell::Int(*n)))
                    .collect()
            })
            .collect(),
        note: Some(
            l.t("Dihitung sejak perkara memasuki tahapnya.", "Counted from the day the case entered its stage.").into(),
        ),
    };
    let mediators = Table {
        slug: "mediator".into(),
        title: l.t("Per mediator", "By mediator").into(),
        columns: vec![
            l.t("Mediator", "Mediator").into(),
            l.t("Beban (perkara dalam mediasi)", "Load (cases in mediation)").into(),
            l.t("Mediasi berakhir", "Mediations ended").into(),
            l.t("Tepat waktu", "On time").into(),
            l.t("% tepat waktu", "% on time").into(),
            l.t("Melewati tenggat", "Overdue").into(),
        ],
        rows: d
            .mediators
            .iter()
            .map(|m| {
                vec![
                    Cell::Text(m.name.clone()),
                    Cell::Int(m.open),
                    Cell::Int(m.finished),
                    Cell::Int(m.on_time),
                    Cell::Percent(percent(m.on_time, m.finished)),
                    Cell::Int(m.overdue),
                ]
            })
            .collect(),
        note: None,
    };
    let deadline_table = |slug: &str, title: &str, list: &[crate::reports::service::DeadlineCase]| Table {
        slug: slug.into(),
        title: title.into(),
        columns: vec![
            l.t("Perkara", "Case").into(),
            l.t("Perusahaan", "Company").into(),
            l.t("Tahap", "Stage").into(),
            l.t("Tenggat", "Deadline").into(),
            l.t("Jatuh tempo", "Due").into(),
            l.t("Hari kerja", "Working days").into(),
            l.t("Mediator", "Mediator").into(),
        ],
        rows: list
            .iter()
            .map(|c| {
                vec![
                    Cell::Link(
                        c.case_number.clone().unwrap_or_else(|| c.case_id.clone()),
                        format!("/kasus/{}", c.case_id),
                    ),
                    Cell::Text(c.company_name.clone()),
                    Cell::Text(status_label(l, &c.status)),
                    Cell::Text(c.rule_name.clone()),
                    Cell::Date(c.due),
                    Cell::Int(c.working_days),
                    Cell::Text(c.mediator.clone().unwrap_or_default()),
                ]
            })
            .collect(),
        note: None,
    };
    let approaching = deadline_table(
        "mendekati",
        l.t("Tenggat dalam 5 hari kerja ke depan", "Deadlines in the next 5 working days"),
        &d.approaching,
    );
    let overdue = deadline_table("terlambat", l.t("Tenggat terlewati", "Deadlines passed"), &d.overdue);
    if !d.ageing.is_empty() {
        charts.push(Chart {
            title: l
                .t(
                    "Perkara terbuka lebih dari 30 hari kerja di tahapnya",
                    "Open cases more than 30 working days in their stage",
                )
                .into(),
            bars: d
                .ageing
                .iter()
                .map(|a| {
                    let all: i64 = a.bands.iter().sum();
                    Bar {
                        label: status_label(l, &a.status),
                        percent: percent(a.bands[3], all),
                        text: format!("{} / {}", a.bands[3], all),
                    }
                })
                .collect(),
            target: None,
            table_slug: "umur".into(),
        });
    }
    let mut subtitle = format!("{} – {}", l.date_long(d.from), l.date_long(d.to));
    if let Some(name) = mediator_name {
        subtitle.push_str(&format!(" · {} {name}", l.t("Perkara mediator", "Cases of mediator")));
    }
    ReportView {
        title: l.t("Perselisihan hubungan industrial", "Industrial-relations disputes").into(),
        subtitle,
        path: "/laporan/sengketa".into(),
        query: String::new(),
        form: ReportForm::Period { periode: String::new(), dari: String::new(), sampai: String::new() },
        errors: Default::default(),
        figures,
        charts,
        tables: vec![summary, by_type, ageing, mediators, approaching, overdue],
        notes: Vec::new(),
        tabs: Vec::new(),
        pager: None,
    }
}

fn record_kind(l: Lang, k: &str) -> &'static str {
    match k {
        "pp" => l.t("PP disahkan", "PP ratified"),
        "pkb" => l.t("PKB didaftarkan", "PKB registered"),
        "wage_scale" => l.t("Struktur dan skala upah", "Wage scale"),
        "lks" => l.t("LKS Bipartit tercatat", "LKS Bipartit recorded"),
        _ => l.t("Laporan BPJS Ketenagakerjaan", "BPJS Ketenagakerjaan report"),
    }
}

/// The monthly HI facilities report as a report view.
pub fn monthly_view(l: Lang, m: &Monthly) -> ReportView {
    let month = format!("{} {}", l.month(m.month), m.year);
    let s = &m.standing;
    let facilities = Table {
        slug: "sarana".into(),
        title: format!("{} {month}", l.t("Sarana hubungan industrial bulan", "HI facilities in")),
        columns: vec![l.t("Uraian", "Item").into(), l.t("Bulan ini", "This month").into(), l.t("Keadaan akhir bulan", "At month end").into()],
        rows: vec![
            vec![Cell::Text(l.t("Peraturan Perusahaan (PP) disahkan", "Company regulations (PP) ratified").into()), Cell::Int(m.pp_ratified), Cell::Text(String::new())],
            vec![Cell::Text(l.t("Perjanjian Kerja Bersama (PKB) didaftarkan", "Collective agreements (PKB) registered").into()), Cell::Int(m.pkb_registered), Cell::Text(String::new())],
            vec![Cell::Text(l.t("Perusahaan dengan PP/PKB berlaku", "Companies with a valid PP/PKB").into()), Cell::Text(String::new()), Cell::Int(s.pp)],
            vec![Cell::Text(l.t("Struktur dan skala upah dicatat", "Wage scales recorded").into()), Cell::Int(m.wage_scales), Cell::Int(s.wage)],
            vec![Cell::Text(l.t("LKS Bipartit tercatat", "LKS Bipartit recorded").into()), Cell::Int(m.lks_recorded), Cell::Int(s.lks)],
            vec![Cell::Text(l.t("Laporan kepesertaan BPJS Ketenagakerjaan", "BPJS Ketenagakerjaan reports").into()), Cell::Int(m.bpjs_reports), Cell::Int(s.bpjs)],
            vec![Cell::Text(l.t("Perusahaan peserta BPJS Ketenagakerjaan", "Companies enrolled in BPJS Ketenagakerjaan").into()), Cell::Text(String::new()), Cell::Int(m.bpjs_companies)],
            vec![Cell::Text(l.t("Tenaga kerja peserta BPJS Ketenagakerjaan", "Workers enrolled in BPJS Ketenagakerjaan").into()), Cell::Text(String::new()), Cell::Int(m.bpjs_workers)],
            vec![Cell::Text(l.t("Perusahaan terdaftar (WLKP)", "Registered companies (WLKP)").into()), Cell::Text(String::new()), Cell::Int(s.registered)],
            vec![Cell::Text(l.t("Perusahaan memenuhi keempat kriteria", "Companies meeting all four criteria").into()), Cell::Text(String::new()), Cell::Int(s.all)],
        ],
        note: Some(l.t(
            "Keadaan akhir bulan untuk PP/PKB, skala upah, LKS dan BPJS: perusahaan yang memenuhi kriteria itu pada hari terakhir bulan.",
            "At month end for PP/PKB, wage scale, LKS and BPJS: companies meeting that criterion on the month's last day.",
        ).into()),
    };
    let records = Table {
        slug: "catatan".into(),
        title: l.t("Catatan baru bulan ini", "New records this month").into(),
        columns: vec![
            l.t("Jenis", "Kind").into(),
            l.t("Perusahaan", "Company").into(),
            l.t("Nomor", "Number").into(),
            l.t("Tanggal", "Date").into(),
            l.t("Keterangan", "Detail").into(),
        ],
        rows: m
            .records
            .iter()
            .map(|r| {
                let detail = match r.kind.as_str() {
                    "pp" | "pkb" => match r.detail.split_once(';') {
                        Some((until, _)) => format!(
                            "{} {until} ({})",
                            l.t("berlaku sampai", "valid until"),
                            l.t("dianggap disahkan", "deemed ratified")
                        ),
                        None => format!("{} {}", l.t("berlaku sampai", "valid until"), r.detail),
                    },
                    "lks" => format!("{} {}", l.t("dibentuk", "formed"), r.detail),
                    "bpjs" => format!("{} {}", r.detail, l.t("tenaga kerja", "workers")),
                    _ if r.detail == "informed" => l.t("diberitahukan kepada pekerja", "workers informed").into(),
                    _ => l.t("belum diberitahukan kepada pekerja", "workers not yet informed").into(),
                };
                vec![
                    Cell::Text(record_kind(l, &r.kind).into()),
                    Cell::Text(r.company_name.clone()),
                    Cell::Text(r.number.clone().unwrap_or_default()),
                    Cell::Date(r.on),
                    Cell::Text(detail),
                ]
            })
            .collect(),
        note: None,
    };
    ReportView {
        title: l.t("Laporan bulanan sarana hubungan industrial", "Monthly report on HI facilities").into(),
        subtitle: month,
        path: "/laporan/bulanan".into(),
        query: format!("bulan={:04}-{:02}", m.year, m.month),
        form: ReportForm::Month { value: format!("{:04}-{:02}", m.year, m.month) },
        errors: Default::default(),
        figures: vec![
            Figure {
                label: l.t("PP disahkan", "PP ratified").into(),
                value: thousands(m.pp_ratified),
                note: String::new(),
            },
            Figure {
                label: l.t("PKB didaftarkan", "PKB registered").into(),
                value: thousands(m.pkb_registered),
                note: String::new(),
            },
            Figure {
                label: l.t("LKS Bipartit tercatat", "LKS Bipartit recorded").into(),
                value: thousands(m.lks_recorded),
                note: String::new(),
            },
            Figure {
                label: l.t("Peserta BPJS (tenaga kerja)", "BPJS participants (workers)").into(),
                value: thousands(m.bpjs_workers),
                note: String::new(),
            },
        ],
        charts: Vec::new(),
        tables: vec![facilities, records],
        notes: Vec::new(),
        tabs: Vec::new(),
        pager: None,
    }
}

/// The drill-down as a report view: one page of the companies missing `criterion` as of a day
/// (or the whole list in a download), with what the desk needs to call them.
pub fn missing_view(
    l: Lang,
    regions: &Regions,
    as_of: NaiveDate,
    criterion: &str,
    cell: Option<(&str, &str)>,
    rows: &[MissingRow],
    (page, per_page, total): (i64, i64, i64),
) -> ReportView {
    let status = |code: &str| match code {
        "met" => l.t("✓ memenuhi", "✓ met"),
        "not_required" => l.t("– tidak wajib", "– not required"),
        "missing" => l.t("✕ belum lengkap", "✕ incomplete"),
        _ => l.t("✕ belum ada data", "✕ no data"),
    };
    let table = Table {
        slug: "perusahaan".into(),
        title: format!(
            "{} {} ({})",
            l.t("Perusahaan yang belum memenuhi:", "Companies not meeting:"),
            criterion_label(l, criterion),
            total
        ),
        columns: vec![
            l.t("Perusahaan", "Company").into(),
            "NIB".into(),
            l.t("Kecamatan", "Kecamatan").into(),
            l.t("Pekerja", "Workers").into(),
            l.t("Narahubung", "Contact").into(),
            l.t("Telepon", "Phone").into(),
            "PP/PKB".into(),
            "LKS".into(),
            l.t("Skala upah", "Wage scale").into(),
            "BPJS".into(),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Link(r.name.clone(), format!("/perusahaan/{}/kepatuhan?tanggal={as_of}", r.company_id)),
                    Cell::Text(r.nib.clone()),
                    Cell::Text(key_label(l, regions, "kecamatan", &r.kecamatan)),
                    Cell::Int(i64::from(r.workers_total)),
                    Cell::Text(r.contact_name.clone()),
                    Cell::Text(r.contact_phone.clone().unwrap_or_default()),
                    Cell::Text(status(&r.pp).into()),
                    Cell::Text(status(&r.lks).into()),
                    Cell::Text(status(&r.wage).into()),
                    Cell::Text(status(&r.bpjs).into()),
                ]
            })
            .collect(),
        note: None,
    };
    let mut subtitle = format!("{} {}", l.t("Per tanggal", "As of"), l.date_long(as_of));
    if let Some((d, k)) = cell {
        subtitle.push_str(&format!(" · {}: {}", dimension_label(l, d), key_label(l, regions, d, k)));
    }
    let query = drill_query(&as_of.to_string(), criterion, cell);
    ReportView {
        title: l.t("Perusahaan yang perlu ditindaklanjuti", "Companies to follow up").into(),
        subtitle,
        path: MISSING_PATH.into(),
        pager: Some((format!("{MISSING_PATH}?{query}"), page, per_page, total)),
        query,
        form: ReportForm::AsOf { value: as_of.to_string() },
        errors: FormErrors::default(),
        figures: Vec::new(),
        charts: Vec::new(),
        tables: vec![table],
        notes: Vec::new(),
        tabs: Vec::new(),
    }
}
