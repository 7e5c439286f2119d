//! A property test of the PP/PKB state machine through the use cases: random sequences of
//! steps by every role (and days passing, so the correction period and the 30 working-day
//! limit run out) never move a submission along an edge the law does not have, every
//! successful step writes exactly one history row by a role allowed to take it, Harmoni's own
//! steps are only the lapse and the deemed ratification, a regulation exists exactly when the
//! submission was ratified or registered, and a refused step changes nothing.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use harmoni::accounts::Actor;
use harmoni::db::DbConn;
use harmoni::regulations::model as regs;
use harmoni::regulations::rules::{Item, Status};
use harmoni::regulations::service::{self, DetailsInput, ReviewItemInput, StepInput, SubmissionInput};

use crate::both_backends;
use crate::helpers::*;

/// The edges of DOMAIN.md sections 4 and 5, written out independently of `rules::decide`.
fn legal(pp: bool, from: Status, to: Status) -> bool {
    use Status::*;
    match from {
        Draf => matches!(to, Diajukan | Ditarik),
        Diajukan => matches!(to, Perbaikan | MemenuhiSyarat | Ditarik),
        Perbaikan => matches!(to, Diajukan | Gugur | Ditarik),
        MemenuhiSyarat => to == Disahkan || to == Ditarik || (pp && to == DianggapDisahkan),
        Disahkan | DianggapDisahkan | Gugur | Ditarik => false,
    }
}

/// Which roles may take a step (by its history code); Harmoni's own are `system`.
fn allowed_role(action: &str, role: &str) -> bool {
    match action {
        "submit" | "resubmit" | "withdraw" => matches!(role, "perusahaan" | "petugas"),
        "correction" | "compliant" => role == "petugas",
        "decide" => role == "pimpinan",
        "lapse" | "deemed_ratified" => role == "system",
        _ => false,
    }
}

/// The company's representative, another company's representative, the desk, the head, a
/// mediator, an administrator, a worker.
const PEOPLE: usize = 7;
const CODES: [&str; 6] = ["submit", "resubmit", "correction", "compliant", "decide", "withdraw"];

#[derive(Debug, Clone)]
enum Move {
    /// Anyone tries any step, with a review of some shape.
    Act {
        who: usize,
        step: usize,
        review: usize,
    },
    /// The first person (from `who` on) offered a step takes one of those offered.
    Offered {
        who: usize,
        pick: usize,
        review: usize,
    },
    /// The representative uploads the missing documents and fills the details.
    Complete,
    Wait {
        days: i64,
    },
}

fn moves() -> impl Strategy<Value = Vec<Move>> {
    let act = (0..PEOPLE, 0..CODES.len(), 0..4usize).prop_map(|(who, step, review)| Move::Act { who, step, review });
    let offered = (0..PEOPLE, 0..6usize, 0..4usize).prop_map(|(who, pick, review)| Move::Offered { who, pick, review });
    let wait = (1..25i64).prop_map(|days| Move::Wait { days });
    let long_wait = (30..70i64).prop_map(|days| Move::Wait { days });
    prop::collection::vec(
        prop_oneof![4 => act, 5 => offered, 1 => Just(Move::Complete), 2 => wait, 1 => long_wait],
        1..30,
    )
}

/// A review: 0 all met, 1 one not met with a reason, 2 one not met without a reason, 3 one
/// item left unanswered.
fn review_items(pp: bool, shape: usize) -> Vec<ReviewItemInput> {
    let items = Item::for_kind(
        if pp { harmoni::regulations::rules::Kind::Pp } else { harmoni::regulations::rules::Kind::Pkb },
        true,
    );
    let mut out: Vec<ReviewItemInput> = items
        .iter()
        .enumerate()
        .map(|(i, item)| ReviewItemInput {
            item: item.code().into(),
            met: !(i == 0 && (shape == 1 || shape == 2)),
            reason: if i == 0 && shape == 1 { "Belum ditandatangani.".into() } else { String::new() },
        })
        .collect();
    if shape == 3 {
        out.pop();
    }
    out
}

fn actor(conn: &mut DbConn, id: &str) -> Actor {
    let user = harmoni::accounts::model::find_user(conn, id).expect("user");
    Actor::from_user(&user, None).expect("actor")
}

fn counts(conn: &mut DbConn, id: &str) -> (usize, usize, usize) {
    (
        regs::history(conn, id).expect("history").len(),
        regs::reviews(conn, id).expect("reviews").len(),
        usize::from(regs::regulation_of_submission(conn, id).expect("regulation").is_some()),
    )
}

async fn random_steps_never_break_the_law(backend: Backend) {
    let app = spawn(backend).await;
    let rep = app.user("perusahaan", "hrd@maju-regulasi.co.id").await;
    let other_rep = app.user("perusahaan", "hrd@lain.co.id").await;
    let officer = app.user("petugas", "petugas@bekasikota.go.id").await;
    let head = app.user("pimpinan", "kabid@bekasikota.go.id").await;
    let mediator = app.user("mediator", "mediator1@bekasikota.go.id").await;
    let admin = app.user("admin", "admin@bekasikota.go.id").await;
    let worker = app.user("pekerja", "andi.pekerja@gmail.com").await;
    let settings = app.state.settings.clone();
    let store = app.state.store();
    let pool = app.state.db.pool().clone();
    let office = app.office_id("3275");

    let result: Result<(), proptest::test_runner::TestError<(bool, bool, Vec<Move>)>> =
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().expect("connection");
            let conn: &mut DbConn = &mut conn;
            let ids = [&rep.id, &other_rep.id, &officer.id, &head.id, &mediator.id, &admin.id, &worker.id];
            let people: Vec<Actor> = ids.iter().map(|id| actor(conn, id)).collect();
            let start = NaiveDate::from_ymd_opt(2026, 3, 2).expect("day");
            let mut companies = Vec::new();
            for (i, user) in [(0, &rep.id), (1, &other_rep.id)] {
                let mut company =
                    harmoni::demo::company(i, &office, &settings.regions, start, NaiveDateTime::default());
                company.footprint = "kota".into();
                harmoni::companies::model::insert(conn, &company).expect("company");
                let link = harmoni::companies::model::RepresentativeRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    company_id: company.id.clone(),
                    user_id: user.clone(),
                    created_at: NaiveDateTime::default(),
                };
                harmoni::companies::model::add_representative(conn, &link).expect("representative");
                companies.push(company);
            }
            let union = harmoni::unions::service::create(
                conn,
                &people[2],
                &harmoni::unions::rules::UnionInput {
                    name: "PUK SPAMK FSPMI PT Uji".into(),
                    registration_number: "568/045/SP/2019".into(),
                    registered_on: "2019-05-06".into(),
                    member_count: "120".into(),
                    chair_name: "Sutrisno Hadi".into(),
                    secretary_name: "Nur Aini".into(),
                    ..Default::default()
                },
                start,
                start.and_hms_opt(1, 0, 0).expect("time"),
            )
            .expect("union");
            let pdf = harmoni::documents::service::store(&store, "naskah.pdf", b"%PDF-1.4\n% uji\n").expect("stored");

            let config = Config { cases: 64, failure_persistence: None, ..Config::default() };
            let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
            let shared = std::cell::RefCell::new(pool.get().expect("connection"));
            let reached = std::cell::RefCell::new(std::collections::BTreeSet::new());
            runner.run(&(any::<bool>(), any::<bool>(), moves()), |(pp, complete, moves)| {
                let mut guard = shared.borrow_mut();
                let conn: &mut DbConn = &mut guard;
                let mut today = start;
                let now = |d: NaiveDate| d.and_hms_opt(1, 0, 0).expect("time");
                let input = SubmissionInput {
                    kind: if pp { "pp" } else { "pkb" }.into(),
                    company_id: companies[0].id.clone(),
                    ..Default::default()
                };
                let row = service::create(conn, &people[0], &input, now(today)).expect("draft");
                let id = row.id.clone();
                let fill = |conn: &mut DbConn, today: NaiveDate| {
                    let details = DetailsInput {
                        advice_from: "serikat".into(),
                        pkb_starts_on: "2026-04-01".into(),
                        pkb_term_months: "24".into(),
                        union_ids: vec![union.id.clone()],
                    };
                    // Only a draft or a file under correction takes documents; otherwise refused.
                    let _ = service::update_details(conn, &people[0], &id, &details, now(today));
                    for slot in ["naskah", "saran", "skala_upah"].iter().take(if pp { 3 } else { 1 }) {
                        let _ = service::attach(conn, &people[0], &id, slot, &pdf, now(today));
                    }
                };
                if complete {
                    fill(conn, today);
                }
                let mut successes = 0usize;
                for m in moves {
                    let m = match m {
                        Move::Offered { who, pick, review } => {
                            let offer = (0..PEOPLE).map(|k| (who + k) % PEOPLE).find_map(|p| {
                                let d = service::detail(conn, &people[p], &id, &settings, today, now(today)).ok()?;
                                let codes: Vec<&str> =
                                    d.offered.iter().map(|a| a.code()).filter(|c| *c != "withdraw").collect();
                                (!codes.is_empty()).then(|| (p, codes[pick % codes.len()]))
                            });
                            match offer {
                                Some((p, code)) => Move::Act {
                                    who: p,
                                    step: CODES.iter().position(|c| *c == code).expect("known code"),
                                    review,
                                },
                                None => continue,
                            }
                        }
                        m => m,
                    };
                    match m {
                        Move::Wait { days } => today += Duration::days(days),
                        Move::Complete => fill(conn, today),
                        Move::Offered { .. } => unreachable!("turned into a step above"),
                        Move::Act { who, step, review } => {
                            let before = regs::find_submission_any(conn, &id).expect("row").expect("exists");
                            let counts_before = counts(conn, &id);
                            let input = StepInput {
                                action: CODES[step].into(),
                                received_on: String::new(),
                                items: review_items(pp, review),
                                note: String::new(),
                            };
                            match service::take_step(conn, &people[who], &id, &input, &settings, today, now(today)) {
                                Ok(_) => successes += 1,
                                Err(_) => {
                                    // The clocks may have moved it (in their own transaction); the
                                    // refused step itself left nothing.
                                    let history = regs::history(conn, &id).expect("history");
                                    let new_rows = &history[counts_before.0..];
                                    prop_assert!(
                                        new_rows.iter().all(|(h, _)| h.actor_role == "system"),
                                        "a refused step wrote history"
                                    );
                                    if new_rows.is_empty() {
                                        let after = regs::find_submission_any(conn, &id).expect("row").expect("exists");
                                        prop_assert_eq!(&after.status, &before.status, "a refused step changed it");
                                        prop_assert_eq!(counts(conn, &id), counts_before, "a refused step left rows");
                                    }
                                }
                            }
                        }
                    }
                }
                let history = regs::history(conn, &id).expect("history");
                let by_people = history.iter().filter(|(h, _)| h.actor_role != "system").count();
                prop_assert_eq!(by_people, successes, "one history row per successful step");
                let mut status = Status::Draf;
                for (h, _) in &history {
                    let from = Status::parse(&h.from_status).expect("known status");
                    let to = Status::parse(&h.to_status).expect("known status");
                    prop_assert_eq!(from, status, "history is a chain");
                    prop_assert!(legal(pp, from, to), "{:?} -> {:?} by {} ({})", from, to, h.actor_role, h.action);
                    prop_assert!(allowed_role(&h.action, &h.actor_role), "{} by {}", h.action, h.actor_role);
                    status = to;
                    reached.borrow_mut().insert((pp, to));
                }
                let row = regs::find_submission_any(conn, &id).expect("row").expect("exists");
                prop_assert_eq!(Status::parse(&row.status), Some(status), "it is where its history says");
                let regulation = regs::regulation_of_submission(conn, &id).expect("regulation");
                prop_assert_eq!(
                    regulation.is_some(),
                    matches!(status, Status::Disahkan | Status::DianggapDisahkan),
                    "a regulation exactly when ratified or registered"
                );
                if let Some(r) = regulation {
                    prop_assert!(r.valid_until >= r.valid_from);
                    prop_assert!(r.valid_until < r.valid_from + Duration::days(731), "at most two years");
                    if status == Status::DianggapDisahkan {
                        // Deemed on the day after the limit: history and validity agree.
                        let (deemed, _) = history.last().expect("a last step");
                        prop_assert_eq!(deemed.effective_on, r.valid_from);
                        prop_assert!(r.number.is_empty(), "no decree number when deemed");
                    } else {
                        prop_assert!(!r.number.is_empty());
                    }
                }
                Ok(())
            })?;
            let reached = reached.into_inner();
            for deep in [
                (true, Status::Perbaikan),
                (true, Status::MemenuhiSyarat),
                (true, Status::Disahkan),
                (true, Status::DianggapDisahkan),
                (true, Status::Gugur),
                (false, Status::Disahkan),
                (true, Status::Ditarik),
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
