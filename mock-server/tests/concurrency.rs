//! Many clients over real TCP at once, cancelling and reading the same and
//! different tasks while the clock moves: no request fails, and every task
//! ends as the state machine promises.

mod common;

use common::http::Connection;
use mock_server::{Config, spawn};
use serde_json::Value;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

const TASKS: usize = 2_000;
const CLIENTS: usize = 32;
const REQUESTS_PER_CLIENT: usize = 600;
/// Tasks every client keeps hitting, so requests collide on them.
const HOT: usize = 8;

fn script(n: usize) -> String {
    let mode = ["cooperative", "cooperative", "immediate", "ignore"][n % 4];
    format!(
        r#"{{"id":"t{n}","pending_ms":{},"duration_ms":{},"check_interval_ms":{},"cleanup_ms":{},"cancel_mode":"{mode}"}}"#,
        (n * 37) % 3_000,
        5_000 + (n * 7_919) % 60_000,
        250 + (n * 13) % 2_000,
        (n * 17) % 1_500,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_clients_never_see_a_failure_and_tasks_end_consistently() {
    let server = spawn(Config::for_tests()).await.expect("starts");
    let addr = server.addr().to_string();
    let mut setup = Connection::open(&addr).await.expect("connects");
    for n in 0..TASKS {
        let (status, body) = setup
            .send("POST", "/__mock/tasks", &script(n))
            .await
            .expect("answer");
        assert_eq!(status, 201, "{body}");
    }

    let sent = Arc::new(AtomicU64::new(0));
    let accepted = Arc::new(std::sync::Mutex::new(vec![false; TASKS]));
    let mut clients = Vec::new();
    for client in 0..CLIENTS {
        let (addr, sent, accepted) = (addr.clone(), sent.clone(), accepted.clone());
        clients.push(tokio::spawn(async move {
            let mut rng = fastrand::Rng::with_seed(client as u64);
            let mut connection = Connection::open(&addr).await.expect("connects");
            for _ in 0..REQUESTS_PER_CLIENT {
                let n = if rng.bool() {
                    rng.usize(..HOT)
                } else {
                    rng.usize(..TASKS)
                };
                let roll = rng.u8(..100);
                let (method, path, body) = if roll < 55 {
                    ("GET", format!("/api/task/status/t{n}"), String::new())
                } else if roll < 95 {
                    ("POST", format!("/api/task/cancel/t{n}"), String::new())
                } else {
                    (
                        "POST",
                        "/__mock/clock/advance".to_owned(),
                        format!(r#"{{"ms":{}}}"#, rng.u32(..400)),
                    )
                };
                let (status, answer) = connection
                    .send(method, &path, &body)
                    .await
                    .expect("an answer");
                sent.fetch_add(1, Ordering::Relaxed);
                let json: Value = serde_json::from_str(&answer)
                    .unwrap_or_else(|_| panic!("{path}: not JSON: {answer}"));
                match (method, path.contains("/cancel/"), status) {
                    ("GET", _, 200) => {
                        let finished = json["is_finished"].as_bool().expect("is_finished");
                        assert_eq!(json["completed_at"].is_string(), finished, "{json}");
                    }
                    ("POST", true, 200) => {
                        assert_eq!(json["status"], "cancelled");
                        accepted.lock().expect("lock")[n] = true;
                    }
                    ("POST", true, 400) => {
                        assert!(
                            json["message"]
                                .as_str()
                                .expect("message")
                                .contains("already finished"),
                            "{json}"
                        );
                    }
                    ("POST", false, 200) => {}
                    _ => panic!("{method} {path} failed with {status}: {answer}"),
                }
            }
        }));
    }
    for client in clients {
        client.await.expect("a client panicked");
    }

    // Forty days later every task has ended; accepted cancels took effect or lost a race.
    let (status, _) = setup
        .send("POST", "/__mock/clock/advance", r#"{"ms":2592000000}"#)
        .await
        .expect("answer");
    assert_eq!(status, 200);
    let accepted = accepted.lock().expect("lock").clone();
    let mut cancelled = 0;
    for (n, was_accepted) in accepted.iter().enumerate() {
        let (status, body) = setup
            .send("GET", &format!("/api/task/status/t{n}"), "")
            .await
            .expect("answer");
        assert_eq!(status, 200);
        let json: Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(json["is_finished"], true, "{json}");
        let state = json["state"].as_str().expect("state");
        if state == "CANCELLED" {
            cancelled += 1;
            assert!(was_accepted, "cancelled without an accepted cancel: {json}");
        }
        if *was_accepted {
            assert_eq!(json["cancel_requested"], true);
        }
    }
    let total = sent.load(Ordering::Relaxed);
    println!(
        "concurrency: {total} requests from {CLIENTS} clients, 0 failed; {cancelled} of {TASKS} tasks cancelled"
    );
    assert_eq!(total as usize, CLIENTS * REQUESTS_PER_CLIENT);
    server.stop().await;
}

/// Rounds of the race between a clock advance that finishes a task, a status
/// read and a cancel, all at once over TCP.
const RACE_ROUNDS: usize = 3_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 3)]
async fn a_cancel_never_changes_a_state_a_client_has_seen_finished() {
    let mut seen_completed = 0;
    let mut accepted = 0;
    // One server; a fresh task each round.
    let state = common::mock();
    for round in 0..RACE_ROUNDS {
        // Work ends one millisecond from now; an immediate cancel before then wins.
        let id = common::create(
            &state,
            r#"{"pending_ms":0,"duration_ms":1,"cancel_mode":"immediate"}"#,
        )
        .await;
        let barrier = Arc::new(tokio::sync::Barrier::new(3));
        // Each side yields a random few times after the barrier, so every
        // order of the three happens.
        let start = |barrier: Arc<tokio::sync::Barrier>| async move {
            barrier.wait().await;
            for _ in 0..fastrand::usize(0..4) {
                tokio::task::yield_now().await;
            }
        };
        let advance = {
            let (state, barrier) = (state.clone(), barrier.clone());
            tokio::spawn(async move {
                start(barrier).await;
                common::advance(&state, 1).await;
            })
        };
        let read = {
            let (state, barrier, id) = (state.clone(), barrier.clone(), id.clone());
            tokio::spawn(async move {
                start(barrier).await;
                common::state_of(&state, &id).await
            })
        };
        let cancel = {
            let (state, barrier, id) = (state.clone(), barrier.clone(), id.clone());
            tokio::spawn(async move {
                start(barrier).await;
                let path = format!("/api/task/cancel/{id}");
                common::send(&state, "POST", &path).await.status()
            })
        };
        advance.await.expect("advance");
        let read = read.await.expect("read");
        let cancel = cancel.await.expect("cancel");
        let end = common::state_of(&state, &id).await;
        if read == "COMPLETED" {
            seen_completed += 1;
            assert_eq!(
                end, "COMPLETED",
                "round {round}: seen COMPLETED, then {end}"
            );
            assert_eq!(
                cancel, 400,
                "round {round}: a cancel accepted after COMPLETED was seen"
            );
        }
        if cancel == 200 {
            accepted += 1;
            assert_eq!(end, "CANCELLED", "round {round}");
        }
    }
    eprintln!("{RACE_ROUNDS} rounds: {seen_completed} reads saw COMPLETED, {accepted} cancels won");
    assert!(seen_completed > 0 && accepted > 0, "both orders happened");
}
