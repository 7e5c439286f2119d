//! Letters benchmark (`cargo bench --bench letters`): how many official letters per second
//! Harmoni renders to PDF on this machine, for a one-page summons, a two-page anjuran and an
//! SK Pengesahan PP, each with its letterhead, QR code and embedded fonts; one thread, then
//! both cores.

use std::time::{Duration, Instant};

use harmoni::letters::pdf::{render, Letterhead, Verification};
use harmoni_templates::letters::{self as t, Common, DisputeParties, Letter, Signatory};

fn common() -> Common {
    Common {
        number: "565/0042/SRT-HI/2026".into(),
        place_date: "Bekasi, 2 Maret 2026".into(),
        signatory: Signatory {
            title: "a.n. Kepala Dinas Tenaga Kerja\nKepala Bidang Hubungan Industrial".into(),
            name: "Drs. Budi Santoso, M.M.".into(),
            nip: "19700101 199003 1 002".into(),
        },
        office_name: "Dinas Tenaga Kerja Kota Bekasi".into(),
    }
}

fn parties() -> DisputeParties {
    DisputeParties {
        case_number: "565/0123/HI/2026".into(),
        dispute_type: "Perselisihan pemutusan hubungan kerja".into(),
        workers: "Serikat Pekerja Logam PT Sinar Baja Utama".into(),
        workers_address: String::new(),
        company: "PT Sinar Baja Utama".into(),
        company_address: "Jl. Industri Raya No. 12, Kel. Harapan Jaya, Kec. Bekasi Utara, Kota Bekasi".into(),
    }
}

fn letters() -> Vec<(&'static str, Letter)> {
    let c = common();
    let long = "Pekerja telah bekerja sejak tahun 2015 sebagai operator mesin dengan upah terakhir Rp5.690.752 per bulan. Pada bulan Januari 2026 pengusaha memberitahukan pemutusan hubungan kerja dengan alasan efisiensi tanpa perundingan terlebih dahulu. ".repeat(6);
    vec![
        (
            "summons",
            t::summons(
                &c,
                &t::Summons {
                    to: vec!["Pimpinan PT Sinar Baja Utama".into()],
                    parties: parties(),
                    session: "sidang mediasi".into(),
                    ordinal: "panggilan ke-1".into(),
                    day_date: "Senin, 9 Maret 2026".into(),
                    time: "09.00–11.00 WIB".into(),
                    place: "Ruang Mediasi 1, Disnaker Kota Bekasi".into(),
                    agenda: "Mendengar keterangan para pihak".into(),
                    mediator: "Rina Wulandari, S.H.".into(),
                    mediator_nip: "19800101 200501 2 001".into(),
                    withdrawn: false,
                },
            ),
        ),
        (
            "anjuran",
            t::anjuran(
                &c,
                &t::Anjuran {
                    parties: parties(),
                    first_session_on: "Senin, 9 Maret 2026".into(),
                    chronology: long.clone(),
                    demands: "Pekerja dipekerjakan kembali atau diberi pesangon sesuai PP 35/2021.".into(),
                    sessions: vec![
                        ("Senin, 9 Maret 2026".into(), long.clone()),
                        ("Senin, 16 Maret 2026".into(), "Para pihak hadir; belum sepakat.".into()),
                    ],
                    recommendation: long,
                    answer_by: "Senin, 6 April 2026".into(),
                    answer_basis: "10 hari kerja setelah menerima anjuran, UU 2/2004 Pasal 13 ayat (2) huruf c".into(),
                    mediator: "Rina Wulandari, S.H.".into(),
                    mediator_nip: "19800101 200501 2 001".into(),
                },
            ),
        ),
        (
            "sk_pengesahan_pp",
            t::pp_decree(
                &c,
                &t::PpDecree {
                    company: t::CompanyFacts {
                        name: "PT Sinar Baja Utama".into(),
                        address: "Jl. Industri Raya No. 12, Kota Bekasi".into(),
                        nib: "9120001234567".into(),
                        kbli: "24101".into(),
                    },
                    received_on: "Senin, 2 Februari 2026".into(),
                    valid_from: "Senin, 2 Maret 2026".into(),
                    valid_until: "Selasa, 1 Maret 2028".into(),
                    edition: "PP ke-3".into(),
                    head_title: "KEPALA DINAS TENAGA KERJA KOTA BEKASI".into(),
                },
            ),
        ),
    ]
}

fn main() {
    let head = Letterhead {
        government: "Pemerintah Kota Bekasi".into(),
        office: "Dinas Tenaga Kerja".into(),
        contact: vec![
            "Jl. Jend. Ahmad Yani No. 1, Kota Bekasi".into(),
            "Telepon (021) 0000000 · disnaker.bekasikota.go.id".into(),
        ],
        logo_png: None,
    };
    let check = Verification {
        url: "https://harmoni.bekasikota.go.id/verifikasi/KCQMTXHPVTRA4WDE".into(),
        code: "KCQM-TXHP-VTRA-4WDE".into(),
    };
    let letters = letters();
    // Warm up (fonts are parsed once per process); with HARMONI_LETTERS_OUT=<folder> the three
    // PDFs are also written there, to look at (e.g. `pdftoppm -png -r 80`).
    let out = std::env::var_os("HARMONI_LETTERS_OUT").map(std::path::PathBuf::from);
    for (name, l) in &letters {
        let pdf = render(&head, l, &check).expect("render");
        if let Some(dir) = &out {
            std::fs::create_dir_all(dir).expect("output folder");
            std::fs::write(dir.join(format!("{name}.pdf")), pdf).expect("write the PDF");
        }
    }
    println!("Letters rendered to PDF (one thread, 3 s each):");
    for (name, letter) in &letters {
        let mut times = Vec::new();
        let started = Instant::now();
        let mut size = 0;
        while started.elapsed() < Duration::from_secs(3) {
            let t0 = Instant::now();
            size = render(&head, letter, &check).expect("render").len();
            times.push(t0.elapsed());
        }
        times.sort();
        let p = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize].as_secs_f64() * 1000.0;
        println!(
            "  {name:<18} {:>7.0} letters/s   p50 {:>6.2} ms   p99 {:>6.2} ms   {:>6} bytes",
            times.len() as f64 / started.elapsed().as_secs_f64(),
            p(0.5),
            p(0.99),
            size
        );
    }
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let started = Instant::now();
    let done: usize = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut n = 0;
                    while started.elapsed() < Duration::from_secs(3) {
                        for (_, l) in &letters {
                            render(&head, l, &check).expect("render");
                            n += 1;
                        }
                    }
                    n
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).sum()
    });
    println!("  mixed, {threads} threads    {:>7.0} letters/s", done as f64 / started.elapsed().as_secs_f64());
}
