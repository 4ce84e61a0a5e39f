//! `--dialect shipping`: the mock answers as the shipping QMail server is
//! reported to (`task-status-facts.md`), and `verify` tells the two dialects
//! apart at the document level but passes both at the client-safe level.

mod common;

use mock_server::engine::dialect::Dialect;
use mock_server::verify::{self, Level, Options, Outcome, Target};
use mock_server::{Config, RunningServer, spawn};
use serde_json::{Value, json};
use std::time::Duration;
use warp::http::{Method, StatusCode};

async fn mock(dialect: Dialect) -> (RunningServer, Target) {
    let server = spawn(Config {
        dialect,
        ..Config::for_tests()
    })
    .await
    .expect("the mock starts");
    let target = Target::parse(&server.url(), Duration::from_secs(5)).expect("a URL");
    (server, target)
}

async fn answer(target: &Target, method: Method, path: &str) -> (StatusCode, Value) {
    let exchange = target.send(method, path).await;
    let answer = exchange.answer.expect("an answer");
    (answer.status, answer.json().expect("JSON"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipping_dialect_cancels_at_once_and_writes_its_own_error_bodies() {
    let server = spawn(Config {
        dialect: Dialect::Shipping,
        demo: true,
        ..Config::for_tests()
    })
    .await
    .expect("the mock starts");
    let target = Target::parse(&server.url(), Duration::from_secs(5)).expect("a URL");
    // The demo task the document names cancels at once too.
    let demo = "/api/task/cancel/a7f8c9d1-e234-56b7-8901-23c45de67f89";
    assert_eq!(answer(&target, Method::POST, demo).await.0, StatusCode::OK);
    let demo_status = "/api/task/status/a7f8c9d1-e234-56b7-8901-23c45de67f89";
    assert_eq!(
        answer(&target, Method::GET, demo_status).await.1["state"],
        "CANCELLED"
    );
    let task = json!({"id": "t", "pending_ms": 0, "duration_ms": 60_000});
    common::create_task(&target, &task).await;

    let (status, _) = answer(&target, Method::POST, "/api/task/cancel/t").await;
    assert_eq!(status, StatusCode::OK);
    // No clock moved: the cancel took effect as it was accepted.
    let (_, body) = answer(&target, Method::GET, "/api/task/status/t").await;
    assert_eq!(body["state"], "CANCELLED");

    assert_eq!(
        answer(&target, Method::POST, "/api/task/cancel/t").await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": "Task already finished", "task_id": "t", "status": "error",
                   "details": "Task has already finished (state: CANCELLED)"})
        )
    );
    assert_eq!(
        answer(&target, Method::GET, "/api/task/status/nope").await,
        (
            StatusCode::NOT_FOUND,
            json!({"error": "Task not found", "task_id": "nope", "status": "error"})
        )
    );
    let fault = json!({"route": "cancel", "kind": "status", "code": 500});
    target
        .send_json(Method::POST, "/__mock/faults", &fault)
        .await;
    let (status, body) = answer(&target, Method::POST, "/api/task/cancel/t").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        (body["status"].clone(), body.get("message")),
        (json!("error"), None)
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scenario_names_its_dialect_and_the_start_dialect_comes_back_without_it() {
    let (server, target) = mock(Dialect::Document).await;
    let scenario = |value: Value| serde_json::from_value(value).expect("a scenario");
    let shipping = json!({"dialect": "shipping", "tasks": [{"id": "s", "pending_ms": 0, "duration_ms": 60_000}]});
    server
        .state()
        .load_scenario(scenario(shipping), "shipping.json")
        .expect("loads");
    let (_, body) = answer(&target, Method::GET, "/api/task/status/nope").await;
    assert_eq!(body.get("message"), None, "shipping: {body}");
    // Its task took the dialect's default: cancelled at once.
    answer(&target, Method::POST, "/api/task/cancel/s").await;
    let (_, body) = answer(&target, Method::GET, "/api/task/status/s").await;
    assert_eq!(body["state"], "CANCELLED");
    let (_, exported) = answer(&target, Method::GET, "/__mock/scenario").await;
    assert_eq!(exported["dialect"], "shipping");

    server
        .state()
        .load_scenario(scenario(json!({"tasks": []})), "plain.json")
        .expect("loads");
    let (_, body) = answer(&target, Method::GET, "/api/task/status/nope").await;
    assert_eq!(body["message"], "No task exists with ID: nope");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_that_changes_only_the_dialect_changes_how_its_tasks_and_the_demo_tasks_cancel() {
    let server = spawn(Config {
        demo: true,
        ..Config::for_tests()
    })
    .await
    .expect("the mock starts");
    let target = Target::parse(&server.url(), Duration::from_secs(5)).expect("a URL");
    let scenario = |dialect: &str| {
        serde_json::from_value(json!({"dialect": dialect, "tasks": [
            {"id": "plain", "pending_ms": 0, "duration_ms": 60_000},
            {"id": "named", "pending_ms": 0, "duration_ms": 60_000, "cancel_mode": "cooperative"}
        ]}))
        .expect("a scenario")
    };
    let load = |dialect| server.state().load_scenario(scenario(dialect), "s.json");
    load("document").expect("loads");
    load("shipping").expect("loads");
    for (id, state) in [
        ("plain", "CANCELLED"),
        ("named", "RUNNING"),
        ("a7f8c9d1-e234-56b7-8901-23c45de67f89", "CANCELLED"),
    ] {
        let (status, _) = answer(&target, Method::POST, &format!("/api/task/cancel/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{id}");
        let (_, body) = answer(&target, Method::GET, &format!("/api/task/status/{id}")).await;
        assert_eq!(body["state"], state, "{id}: {body}");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_passes_the_shipping_dialect_only_at_the_client_safe_level() {
    let (server, _) = mock(Dialect::Shipping).await;
    let options = |level| Options {
        scripted: true,
        level,
        base_url: server.url(),
        ..Options::default()
    };
    let client_safe = verify::run(&options(Level::ClientSafe))
        .await
        .expect("verify runs");
    assert!(client_safe.all_passed(), "{}", client_safe.text());

    let document = verify::run(&options(Level::Document))
        .await
        .expect("verify runs");
    let text = document.text();
    let failed: Vec<&str> = document
        .checks
        .iter()
        .filter(|check| check.outcome == Outcome::Fail)
        .map(|check| check.name.as_str())
        .collect();
    assert!(
        failed.contains(&"cancel: an unknown id is 404 with the documented body"),
        "{text}"
    );
    assert!(
        failed.contains(&"scripted, completed task: a second cancel is 400 naming COMPLETED"),
        "{text}"
    );
    assert!(text.contains("[document] $.message: expected"), "{text}");
    server.stop().await;
}
