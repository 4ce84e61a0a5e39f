//! `--proxy-to URL --record FILE`: the proxied server's tasks written as a
//! scenario file, and replayed by `--scenario FILE` with the same timings.

mod common;

use mock_server::engine::scenario::Scenario;
use mock_server::engine::task::CancelMode;
use mock_server::verify::Target;
use mock_server::{Config, RunningServer, spawn};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::time::Duration;
use warp::http::{Method, StatusCode};

async fn start(config: Config) -> (RunningServer, Target) {
    let server = spawn(config).await.expect("the mock starts");
    let target = Target::parse(&server.url(), Duration::from_secs(5)).expect("a URL");
    (server, target)
}

async fn status_of(target: &Target, id: &str) -> Value {
    let read = target
        .send(Method::GET, &format!("/api/task/status/{id}"))
        .await;
    read.answer.expect("an answer").json().expect("JSON")
}

async fn state_of(target: &Target, id: &str) -> String {
    let body = status_of(target, id).await;
    body["state"].as_str().unwrap_or_default().to_owned()
}

/// What a running task shows: its progress and message.
fn shown(body: &Value) -> (Value, Value) {
    (body["progress"].clone(), body["message"].clone())
}

async fn advance(targets: &[&Target], ms: u64) {
    for target in targets {
        let moved = target
            .send_json(Method::POST, "/__mock/clock/advance", &json!({ "ms": ms }))
            .await;
        assert_eq!(moved.answer.expect("an answer").status, StatusCode::OK);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recorded_server_is_replayed_with_its_timings() {
    let file: PathBuf = std::env::temp_dir().join(format!("recorded-{}.json", std::process::id()));
    let (upstream_server, upstream) = start(Config::for_tests()).await;
    for task in [
        // Progress that is not even, and messages that change.
        json!({"id": "done", "pending_ms": 1_000, "duration_ms": 3_000, "timeline": [
            {"at_ms": 0, "progress": 5, "message": "Reading"},
            {"at_ms": 700, "progress": 60, "message": "Writing"},
            {"at_ms": 2_600, "progress": 90, "message": "Indexing"}]}),
        json!({"id": "stopped", "pending_ms": 0, "duration_ms": 600_000,
               "check_interval_ms": 2_000, "cleanup_ms": 1_000}),
    ] {
        common::create_task(&upstream, &task).await;
    }
    let (proxy_server, proxy) = start(Config {
        proxy_to: Some(upstream_server.url()),
        record: Some(file.clone()),
        ..Config::for_tests()
    })
    .await;

    // A client polls both through the proxy every 500 ms, and cancels one.
    let cancelled = proxy.send(Method::POST, "/api/task/cancel/stopped").await;
    assert_eq!(cancelled.answer.expect("an answer").status, StatusCode::OK);
    let mut states = (String::new(), String::new());
    let mut done_ran = Vec::new();
    for _ in 0..20 {
        let done = status_of(&proxy, "done").await;
        if done["state"] == "RUNNING" {
            done_ran.push(shown(&done));
        }
        states = (
            done["state"].as_str().unwrap_or_default().to_owned(),
            state_of(&proxy, "stopped").await,
        );
        if states == ("COMPLETED".into(), "CANCELLED".into()) {
            break;
        }
        advance(&[&upstream, &proxy], 500).await;
    }
    assert_eq!(states, ("COMPLETED".into(), "CANCELLED".into()));
    let _ = proxy.send(Method::GET, "/api/task/status/nope").await;

    let text = std::fs::read_to_string(&file).expect("the recording");
    let recorded: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(recorded["dialect"], "document", "{text}");
    let tasks = recorded["tasks"].as_array().expect("tasks");
    let done = &tasks[0];
    assert_eq!(
        (
            &done["id"],
            &done["pending_ms"],
            &done["duration_ms"],
            &done["outcome"],
        ),
        (
            &json!("done"),
            &json!(1_000),
            &json!(3_000),
            &json!("COMPLETED"),
        ),
        "{text}"
    );
    // Each change a 500 ms read saw is a step, timed by that read; the
    // change at 2,600 ms no read saw.
    assert_eq!(
        done["timeline"],
        json!([{"at_ms": 0, "progress": 5, "message": "Reading"},
               {"at_ms": 1_000, "progress": 60, "message": "Writing"}]),
        "{text}"
    );
    assert_eq!(done_ran.len(), 6, "{text}");
    assert!(
        done["observed"]
            .as_object()
            .expect("observed")
            .values()
            .all(|seen| seen == true)
    );
    let stopped = &tasks[1];
    assert_eq!(stopped["cancel_mode"], "cooperative", "{text}");
    // CANCELLED 3,000 ms after the cancel on the server; seen within a read.
    let took = stopped["cleanup_ms"].as_u64().expect("timed");
    assert!((3_000..=3_500).contains(&took), "{text}");
    assert_eq!(stopped["observed"]["duration_ms"], false, "{text}");

    // Replayed: the same timings on a fresh mock.
    let scenario = Scenario::parse(&text, "recorded.json").expect("a scenario");
    assert_eq!(scenario.tasks[1].cancel_mode, Some(CancelMode::Cooperative));
    let (replay_server, replay) = start(Config {
        scenario: Some(file.clone()),
        ..Config::for_tests()
    })
    .await;
    assert_eq!(state_of(&replay, "done").await, "PENDING");
    advance(&[&replay], 1_000).await;
    // It shows what the real one showed, read for read, and between reads
    // what the last read showed.
    for seen in &done_ran {
        assert_eq!(&shown(&status_of(&replay, "done").await), seen);
        advance(&[&replay], 250).await;
        assert_eq!(&shown(&status_of(&replay, "done").await), seen);
        advance(&[&replay], 250).await;
    }
    assert_eq!(state_of(&replay, "done").await, "COMPLETED");
    let cancelled = replay.send(Method::POST, "/api/task/cancel/stopped").await;
    assert_eq!(cancelled.answer.expect("an answer").status, StatusCode::OK);
    advance(&[&replay], took - 1).await;
    assert_eq!(state_of(&replay, "stopped").await, "RUNNING");
    advance(&[&replay], 1).await;
    assert_eq!(state_of(&replay, "stopped").await, "CANCELLED");

    for server in [replay_server, proxy_server, upstream_server] {
        server.stop().await;
    }
    let _ = std::fs::remove_file(file);
}
