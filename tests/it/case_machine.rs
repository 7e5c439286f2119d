//! A property test of the case state machine through the use cases: random sequences of steps
//! by random people (and days passing, so clocks run out) never move a case along an edge the
//! law does not have, every successful step writes exactly one history row, Harmoni's own steps
//! are status changes, a case's `status_since` is what its history says, and a refused step
//! changes nothing.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use harmoni::accounts::Actor;
use harmoni::cases::model::{self as cases_model, CaseScope};
use harmoni::cases::rules::{Forum, Side, Status};
use harmoni::cases::service::{self, BipartiteInput, ComplaintInput, Step, WorkerInput};
use harmoni::db::DbConn;

use crate::both_backends;
use crate::helpers::*;

/// The edges of DOMAIN.md section 2, written out independently of `rules::decide`.
fn legal(from: Status, to: Status) -> bool {
    use Status::*;
    match from {
        Draf => to == Diajukan,
        Diajukan => matches!(to, Dikembalikan | Dirujuk | PenawaranForum | MenungguMediator | Dicabut),
        Dikembalikan => matches!(to, Diajukan | Dicabut),
        PenawaranForum => matches!(to, PenawaranForum | Konsiliasi | Arbitrase | MenungguMediator | Dicabut),
        Konsiliasi | Arbitrase => matches!(to, SelesaiForumLain | Dicabut),
        MenungguMediator => matches!(to, Mediasi | Dicabut),
        Mediasi => matches!(to, Mediasi | Anjuran | SelesaiPb | Dicabut),
        Anjuran => matches!(to, Anjuran | MenungguPb | LanjutPhi | Dicabut),
        MenungguPb => matches!(to, MenungguPb | SelesaiPb | Dicabut),
        // Only the PB's court deed is recorded after the end.
        SelesaiPb => to == SelesaiPb,
        Dirujuk | LanjutPhi | Dicabut | SelesaiForumLain => false,
    }
}

/// Who acts: the filing worker, the company's representative, the desk, the head, the
/// delegated mediator, another mediator, an administrator.
const PEOPLE: usize = 7;

#[derive(Debug, Clone)]
enum Move {
    /// Anyone tries any step.
    Act {
        who: usize,
        step: usize,
        side: bool,
        choice: usize,
    },
    /// The first person (from `who` on) to whom the case page offers a step takes one of those
    /// offered; this carries sequences deep into the path. The invariants checked do not trust
    /// the offer: they come from the law's edges and the history.
    Offered {
        who: usize,
        pick: usize,
        side: bool,
        choice: usize,
    },
    Wait {
        days: i64,
    },
}

/// Step codes in the order of `step_of`.
const CODES: [&str; 16] = [
    "submit",
    "register",
    "return",
    "refer",
    "forum_answer",
    "assign",
    "clarification",
    "session",
    "summons",
    "anjuran",
    "anjuran_answer",
    "perjanjian_bersama",
    "pb_deed",
    "external_outcome",
    "reassign",
    "withdraw",
];

fn moves() -> impl Strategy<Value = Vec<Move>> {
    let act = (0..PEOPLE, 0..16usize, any::<bool>(), 0..3usize).prop_map(|(who, step, side, choice)| Move::Act {
        who,
        step,
        side,
        choice,
    });
    let offered = (0..PEOPLE, 0..8usize, any::<bool>(), 0..3usize)
        .prop_map(|(who, pick, side, choice)| Move::Offered { who, pick, side, choice });
    let wait = (1..12i64).prop_map(|days| Move::Wait { days });
    prop::collection::vec(prop_oneof![4 => act, 5 => offered, 1 => wait], 1..40)
}

fn step_of(n: usize, side: bool, choice: usize, mediator: &str, today: NaiveDate) -> Step {
    let side = if side { Side::Pekerja } else { Side::Pengusaha };
    let note = || "Catatan langkah uji.".to_string();
    match n {
        0 => Step::Submit,
        1 => Step::Register { company_id: None, note: None },
        2 => Step::Return { reasons: "Lengkapi risalah bipartit.".into() },
        3 => Step::Refer { to: "Pengawas Ketenagakerjaan Provinsi".into(), note: note() },
        4 => Step::ForumAnswer {
            side,
            forum: Forum::ALL[choice],
            person: (choice > 0).then(|| "Konsiliator Terdaftar".to_string()),
        },
        5 => Step::Assign { mediator_id: mediator.into() },
        6 => Step::Clarification { started_on: today, ended_on: today, notes: note() },
        7 => Step::Session {
            held_on: today,
            worker_present: choice != 1,
            company_present: choice != 2,
            minutes: note(),
            session_id: None,
        },
        8 => Step::Summons {
            side,
            sent_on: today,
            session_on: today + Duration::days(3),
            delivery: "Kurir".into(),
            letter: None,
        },
        9 => Step::Anjuran { issued_on: today, received_on: today, text: "Anjuran tertulis mediator.".into() },
        10 => Step::AnjuranAnswer { side, accept: choice != 0, answered_on: today },
        11 => Step::SignPb { signed_on: today, text: "Perjanjian Bersama para pihak.".into() },
        12 => Step::PbDeed { number: "1/PB/2026/PHI".into(), registered_on: today },
        13 => Step::ExternalOutcome { outcome: "Selesai melalui konsiliasi.".into() },
        14 => Step::Reassign { mediator_id: mediator.into(), reason: "Beban kerja.".into() },
        _ => Step::Withdraw { on: today, reason: "Sudah selesai sendiri.".into() },
    }
}

fn actor(conn: &mut DbConn, id: &str) -> Actor {
    let user = harmoni::accounts::model::find_user(conn, id).expect("user");
    Actor::from_user(&user, None).expect("actor")
}

fn history_len(conn: &mut DbConn, id: &str) -> usize {
    cases_model::history(conn, id).expect("history").len()
}

async fn random_steps_never_break_the_law(backend: Backend) {
    let app = spawn(backend).await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let head = app.user("pimpinan", "kabid@bekasikota.go.id").await;
    let mediator = app.user("mediator", "mediator1@bekasikota.go.id").await;
    let other_mediator = app.user("mediator", "mediator2@bekasikota.go.id").await;
    let worker = app.user("pekerja", "andi.pekerja@gmail.com").await;
    let rep = app.user("perusahaan", "hrd@majusengketa.co.id").await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let settings = app.state.settings.clone();
    let pool = app.state.db.pool().clone();
    let office = app.office_id("3275");

    let result: Result<(), proptest::test_runner::TestError<(usize, Vec<Move>)>> =
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().expect("connection");
            let conn: &mut DbConn = &mut conn;
            let ids = [&worker.id, &rep.id, &officer.id, &head.id, &mediator.id, &other_mediator.id, &admin.id];
            let people: Vec<Actor> = ids.iter().map(|id| actor(conn, id)).collect();
            let company = harmoni::demo::company(
                0,
                &office,
                &settings.regions,
                NaiveDate::from_ymd_opt(2026, 3, 2).expect("day"),
                NaiveDateTime::default(),
            );
            harmoni::companies::model::insert(conn, &company).expect("company");
            let link = harmoni::companies::model::RepresentativeRow {
                id: uuid::Uuid::new_v4().to_string(),
                company_id: company.id.clone(),
                user_id: rep.id.clone(),
                created_at: NaiveDateTime::default(),
            };
            harmoni::companies::model::add_representative(conn, &link).expect("representative");

            // A fixed seed: the same 64 sequences on every run, so the depth check below cannot flake.
            let config = Config { cases: 64, failure_persistence: None, ..Config::default() };
            let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
            // The runner takes a `Fn`: the connection and the case counter live in cells.
            let shared = std::cell::RefCell::new(pool.get().expect("connection"));
            let n = std::cell::Cell::new(0u32);
            let reached = std::cell::RefCell::new(std::collections::BTreeSet::new());
            runner.run(&(0..4usize, moves()), |(kind, moves)| {
                n.set(n.get() + 1);
                let n = n.get();
                let mut guard = shared.borrow_mut();
                let conn: &mut DbConn = &mut guard;
                let mut today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("day");
                let now = |d: NaiveDate| d.and_hms_opt(1, 0, 0).expect("time");
                let dispute_type = ["hak", "kepentingan", "phk", "antar_sp"][kind];
                let input = ComplaintInput {
                    dispute_type: dispute_type.into(),
                    company_id: company.id.clone(),
                    chronology: "Kronologi perselisihan.".into(),
                    demands: "Tuntutan pekerja.".into(),
                    workers: vec![WorkerInput { full_name: "Andi Saputra".into(), ..Default::default() }],
                    submission_key: format!("kunci-properti-{n:08}"),
                    submit: false,
                    ..Default::default()
                };
                let filed = service::file(conn, &settings, &people[0], &input, today, now(today)).expect("draft");
                let id = filed.case.id.clone();
                let evidence = BipartiteInput {
                    kind: "risalah".into(),
                    held_on: "2026-02-10".into(),
                    summary: "Risalah bipartit.".into(),
                };
                service::add_bipartite(conn, &people[0], &id, &evidence, None, today, now(today)).expect("evidence");
                let office_scope = CaseScope::Office { office_id: office.clone(), user_id: officer.id.clone() };
                let load = |conn: &mut DbConn| cases_model::find_any(conn, &id).expect("case").expect("exists");
                let mut successes = 0usize;
                for m in moves {
                    let m = match m {
                        Move::Offered { who, pick, side, choice } => {
                            let offer = (0..PEOPLE).map(|k| (who + k) % PEOPLE).find_map(|p| {
                                let d = service::detail(conn, &settings, &people[p], &id, today, now(today)).ok()?;
                                // Steps that end or reset a case are left to the random moves.
                                let codes: Vec<&str> = d
                                    .allowed
                                    .iter()
                                    .copied()
                                    .filter(|c| !matches!(*c, "reassign" | "withdraw" | "refer" | "return"))
                                    .collect();
                                (!codes.is_empty()).then(|| (p, codes[pick % codes.len()]))
                            });
                            match offer {
                                Some((p, code)) => {
                                    let step = CODES.iter().position(|c| *c == code).expect("known code");
                                    Move::Act { who: p, step, side, choice }
                                }
                                None => continue,
                            }
                        }
                        m => m,
                    };
                    match m {
                        Move::Wait { days } => today += Duration::days(days),
                        Move::Offered { .. } => unreachable!("turned into a step above"),
                        Move::Act { who, step, side, choice } => {
                            let before = load(conn);
                            let history_before = history_len(conn, &id);
                            let step = step_of(
                                step,
                                side,
                                choice,
                                if step == 14 { &other_mediator.id } else { &mediator.id },
                                today,
                            );
                            match service::take_step(conn, &settings, &people[who], &id, &step, today, now(today)) {
                                Ok(_) => successes += 1,
                                Err(_) => {
                                    // Only the clocks may have moved the case; the refused step itself left no trace.
                                    let after = load(conn);
                                    let history_after = history_len(conn, &id);
                                    let automatic = cases_model::history(conn, &id).expect("history")[history_before..]
                                        .iter()
                                        .all(|h| h.actor_role == "system");
                                    prop_assert!(automatic, "a refused step wrote history");
                                    if history_after == history_before {
                                        prop_assert_eq!(
                                            &after.status,
                                            &before.status,
                                            "a refused step changed the case"
                                        );
                                        prop_assert_eq!(after.updated_at, before.updated_at);
                                    }
                                }
                            }
                        }
                    }
                }
                let history = cases_model::history(conn, &id).expect("history");
                let by_people = history.iter().filter(|h| h.actor_role != "system").count();
                prop_assert_eq!(by_people, successes, "one history row per successful step");
                let mut status = Status::Draf;
                for h in &history {
                    let from = Status::parse(&h.from_status).expect("known status");
                    let to = Status::parse(&h.to_status).expect("known status");
                    prop_assert_eq!(from, status, "history is a chain");
                    prop_assert!(legal(from, to), "{:?} -> {:?} by {} ({})", from, to, h.actor_role, h.action);
                    if h.actor_role == "system" {
                        prop_assert!(from != to, "Harmoni's own steps change the status");
                    }
                    if dispute_type == "hak" {
                        prop_assert!(!matches!(to, Status::PenawaranForum | Status::Konsiliasi | Status::Arbitrase));
                    }
                    if dispute_type == "phk" {
                        prop_assert!(to != Status::Arbitrase, "PHK disputes never go to arbitration");
                    }
                    status = to;
                    reached.borrow_mut().insert(to);
                }
                let case = load(conn);
                prop_assert_eq!(Status::parse(&case.status), Some(status), "the case is where its history says");
                // The day it came there (which the disputes report ages it by) is what its history
                // says: the effective day of the last step that changed its status.
                let since = history.iter().rev().find(|h| h.from_status != h.to_status).map(|h| h.effective_on);
                prop_assert_eq!(case.status_since, since, "status_since agrees with the history");
                // A draft is its filer's alone; anything filed is the desk's to see.
                let desk_sees = cases_model::find(conn, &office_scope, &id).expect("case").is_some();
                prop_assert_eq!(desk_sees, status != Status::Draf);
                Ok(())
            })?;
            // The sequences must reach deep into the path, or the test proves little.
            let reached = reached.into_inner();
            for deep in [
                Status::Mediasi,
                Status::Anjuran,
                Status::MenungguPb,
                Status::SelesaiPb,
                Status::LanjutPhi,
                Status::Dicabut,
            ] {
                assert!(reached.contains(&deep), "no sequence reached {deep:?}: {reached:?}");
            }
            Ok(())
        })
        .await
        .expect("property test thread");
    if let Err(e) = result {
        panic!("{e}");
    }
}

both_backends!(random_steps_never_break_the_law);
